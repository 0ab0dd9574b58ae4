# The hostile-input suite: every case of tests/hostile/cases.txt is a test "hostile.<name>" run
# by run.sh against the CLI; the generated inputs come from gen.sh (a fixture run once first).
set(_hostile_dir ${CMAKE_CURRENT_LIST_DIR})
set(_hostile_gen ${CMAKE_CURRENT_BINARY_DIR}/hostile-inputs)
add_executable(joinedup_one_json_document ${_hostile_dir}/one_json_document.cpp)
target_link_libraries(joinedup_one_json_document PRIVATE nlohmann_json::nlohmann_json)
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=")
  set(_hostile_sanitized 1)
else()
  set(_hostile_sanitized 0)
endif()
add_test(NAME hostile.generate COMMAND sh ${_hostile_dir}/gen.sh ${_hostile_gen} ${PROJECT_SOURCE_DIR})
set_tests_properties(hostile.generate PROPERTIES FIXTURES_SETUP hostile_inputs)
file(STRINGS ${_hostile_dir}/cases.txt _hostile_lines ENCODING UTF-8)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_hostile_dir}/cases.txt)
foreach(_line IN LISTS _hostile_lines)
  if(_line MATCHES "^#" OR _line STREQUAL "")
    continue()
  endif()
  # name | exit | expected | stdin | stdout | arguments
  if(NOT _line MATCHES "^([^|]*) \\| ([0-9]+) \\| (.*) \\| ([^|]*) \\| ([^|]*) \\| (.*)$")
    message(FATAL_ERROR "tests/hostile/cases.txt: cannot read the line '${_line}'")
  endif()
  set(_name ${CMAKE_MATCH_1})
  set(_exit ${CMAKE_MATCH_2})
  set(_expect "${CMAKE_MATCH_3}")
  string(STRIP "${CMAKE_MATCH_4}" _stdin)
  string(STRIP "${CMAKE_MATCH_5}" _stdout)
  string(REPLACE " " ";" _args "${CMAKE_MATCH_6}")
  add_test(NAME hostile.${_name}
           COMMAND sh ${_hostile_dir}/run.sh $<TARGET_FILE:joinedup_cli> ${_hostile_gen}
                   ${_hostile_sanitized} $<TARGET_FILE:joinedup_one_json_document> ${_exit}
                   "${_expect}" "${_stdin}" "${_stdout}" ${_args}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(hostile.${_name} PROPERTIES FIXTURES_REQUIRED hostile_inputs TIMEOUT 400)
endforeach()
