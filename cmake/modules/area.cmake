# area: the seeded generator of a fictional Health and Wellbeing Board area (docs/demo-area.md),
# which makes every document the demo reads. It picks its indicators from the shipped catalogue,
# data/indicators/catalogue.json, embedded in the library at build time.
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/area_generator.hpp)

set(_joinedup_area_catalogue "${PROJECT_SOURCE_DIR}/data/indicators/catalogue.json")
set(_joinedup_area_cpp "${PROJECT_BINARY_DIR}/generated/area_indicators.cpp")
add_custom_command(
  OUTPUT "${_joinedup_area_cpp}"
  COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${_joinedup_area_cpp}" -DNAME=area_indicator_files
          "-DFILES=${_joinedup_area_catalogue}" -P "${PROJECT_SOURCE_DIR}/cmake/embed_data.cmake"
  DEPENDS "${_joinedup_area_catalogue}" "${PROJECT_SOURCE_DIR}/cmake/embed_data.cmake"
  COMMENT "Embedding the indicator catalogue for the area generator"
  VERBATIM)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/area_generator.cpp "${_joinedup_area_cpp}")
