# budget: pooled funds (section 75 / Better Care Fund), their catalogues and validation.
# The ledger and forecast are listed in budget_ledger.cmake, settlement in budget_settle.cmake.
# report/budget turns the fund summary, forecast, capitation, payment comparison and alliance
# results into report tables.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/budget/catalogue.hpp
     include/joinedup/budget/outturn.hpp include/joinedup/budget/pooled_fund.hpp
     include/joinedup/budget/summary.hpp include/joinedup/budget/validate.hpp
     include/joinedup/budget/detail/validate.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/budget.hpp
     include/joinedup/report/budget.hpp)

# The BCF catalogues in data/bcf/ are embedded in the library at build time.
file(GLOB _joinedup_bcf_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/data/bcf/*.json")
list(SORT _joinedup_bcf_files)
string(REPLACE ";" "|" _joinedup_bcf_arg "${_joinedup_bcf_files}")
set(_joinedup_bcf_cpp "${PROJECT_BINARY_DIR}/generated/bcf_catalogues.cpp")
add_custom_command(
  OUTPUT "${_joinedup_bcf_cpp}"
  COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${_joinedup_bcf_cpp}" -DNAME=bcf_catalogue_files
          "-DFILES=${_joinedup_bcf_arg}" -P "${PROJECT_SOURCE_DIR}/cmake/embed_data.cmake"
  DEPENDS ${_joinedup_bcf_files} "${PROJECT_SOURCE_DIR}/cmake/embed_data.cmake"
  COMMENT "Embedding the BCF catalogues"
  VERBATIM)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/budget.cpp src/report/budget.cpp "${_joinedup_bcf_cpp}")
