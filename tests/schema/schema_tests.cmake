# The JSON Schemas in data/schema/ checked with ajv (tests/node): every output document of the
# example runs in tests/schema/outputs.txt against its schema, every schema tag in src/ and
# include/ against a schema file, the shipped input documents against their input schemas; and
# ajv-cli rejecting documents made wrong on purpose.
joinedup_tool_test(NAME schema.outputs TOOLS node
                   COMMAND ${JOINEDUP_NODE} ${CMAKE_CURRENT_LIST_DIR}/check_outputs.js
                           ${PROJECT_SOURCE_DIR} $<TARGET_FILE:joinedup_cli>)
joinedup_tool_test(NAME schema.reject TOOLS node
                   COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/reject.sh ${PROJECT_SOURCE_DIR}
                           $<TARGET_FILE:joinedup_cli> ${JOINEDUP_NODE_MODULES}/.bin/ajv)
if(TEST schema.outputs)
  # About seventy runs of the sanitized CLI.
  set_tests_properties(schema.outputs PROPERTIES TIMEOUT 900)
endif()
