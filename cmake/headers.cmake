# Public headers and compiled sources, listed explicitly per module in cmake/modules/<module>.cmake.
# Each module file appends to:
#   JOINEDUP_CORE_HEADERS     domain headers (joinedup::core, header-only)
#   JOINEDUP_LIBRARY_HEADERS  io/report headers declaring what src/ compiles (joinedup::joinedup)
#   JOINEDUP_LIBRARY_SOURCES  the compiled sources of joinedup::joinedup
set(JOINEDUP_CORE_HEADERS include/joinedup/joinedup.hpp)
set(JOINEDUP_LIBRARY_HEADERS)
set(JOINEDUP_LIBRARY_SOURCES)
file(GLOB _joinedup_module_files CONFIGURE_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/modules/*.cmake")
list(SORT _joinedup_module_files)
foreach(_f IN LISTS _joinedup_module_files)
  include("${_f}")
endforeach()
