# The test-only tools that scripts/bootstrap --test installs: Node.js with the npm packages
# pinned in tests/node (ajv-cli, the FHIR R4 JSON Schema validator, playwright-core) and
# Debian's Chromium. The library and the CLI need none of them.
#
# joinedup_tool_test(NAME <name> TOOLS <node|chromium|python>... COMMAND <cmd> <args>...)
#   adds the test when every tool named is present; otherwise adds a test of that name that
#   fails and says which command installs the tools (a missing tool is never a silent pass).

find_program(JOINEDUP_NODE NAMES node nodejs)
find_program(JOINEDUP_CHROMIUM NAMES chromium chromium-browser HINTS /usr/bin)
find_program(JOINEDUP_PYTHON3 NAMES python3 HINTS /usr/bin)
set(JOINEDUP_NODE_MODULES "${PROJECT_SOURCE_DIR}/tests/node/node_modules")

function(joinedup_tool_test)
  cmake_parse_arguments(T "" "NAME" "TOOLS;COMMAND" ${ARGN})
  set(_missing "")
  foreach(_tool IN LISTS T_TOOLS)
    if(_tool STREQUAL "node")
      if(NOT JOINEDUP_NODE OR NOT EXISTS "${JOINEDUP_NODE_MODULES}/.package-lock.json")
        list(APPEND _missing "Node.js with tests/node's packages")
      endif()
    elseif(_tool STREQUAL "chromium")
      if(NOT JOINEDUP_CHROMIUM)
        list(APPEND _missing "Chromium")
      endif()
    elseif(_tool STREQUAL "python")
      if(NOT JOINEDUP_PYTHON3)
        list(APPEND _missing "python3")
      endif()
    else()
      message(FATAL_ERROR "joinedup_tool_test: unknown tool ${_tool}")
    endif()
  endforeach()
  if(_missing)
    list(JOIN _missing ", " _what)
    add_test(NAME ${T_NAME}
             COMMAND sh -c "echo 'missing test tools (${_what}): run sh scripts/bootstrap --test, then configure again' >&2; exit 1")
  else()
    add_test(NAME ${T_NAME} COMMAND ${T_COMMAND})
    set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "NODE_PATH=${JOINEDUP_NODE_MODULES}")
  endif()
endfunction()
