# Fails when clang-format would change any C++ file in the project.
file(GLOB_RECURSE files LIST_DIRECTORIES false
     "${SOURCE_DIR}/include/*.hpp" "${SOURCE_DIR}/src/*.cpp" "${SOURCE_DIR}/src/*.hpp"
     "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.hpp" "${SOURCE_DIR}/examples/*.cpp"
     "${SOURCE_DIR}/bench/*.cpp" "${SOURCE_DIR}/fuzz/*.cpp"
     "${SOURCE_DIR}/packaging/*.cpp")
list(FILTER files EXCLUDE REGEX "/build/")
set(bad "")
foreach(f IN LISTS files)
  execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror "${f}" RESULT_VARIABLE rc
                  OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND bad "${f}")
  endif()
endforeach()
list(LENGTH files n)
if(bad)
  string(REPLACE ";" "\n  " bad_lines "${bad}")
  message(FATAL_ERROR "clang-format would change these files (run clang-format -i on them):\n  ${bad_lines}")
endif()
message(STATUS "clang-format: ${n} files clean")
