# CLI tests for `joinedup care import` (docs/care-import.md). Expected counts are the rows of the
# example exports in examples/data/northmoor-care-*.csv, counted by hand.
set(_care_import_set
    examples/data/northmoor-care-people.csv examples/data/northmoor-care-plans.csv
    examples/data/northmoor-care-assignments.csv --services examples/data/northmoor-care-services.csv
    --needs examples/data/northmoor-care-needs.csv --outcomes examples/data/northmoor-care-outcomes.csv
    --events examples/data/northmoor-care-events.csv --absences examples/data/northmoor-care-absences.csv)
# Every row mapped; the care check finds in the records what it finds in northmoor-plans.json
# (10 errors and 4 warnings, less the two rows no export holds), prints them and writes the
# records: the findings are about the care, not the export.
joinedup_cli_test(care_import 0
                  ARGS care import ${_care_import_set} --rules examples/data/northmoor-care.rules
                       --as-of 2025-11-30
                       -o ${CMAKE_CURRENT_BINARY_DIR}/care-import-northmoor.json
                  ERR "northmoor-care-people.csv: 10 row\\(s\\) read, 10 mapped, 0 rejected\n.*northmoor-care-plans.csv: 9 row\\(s\\) read, 9 mapped, 0 rejected\n.*northmoor-care-assignments.csv: 11 row\\(s\\) read, 11 mapped, 0 rejected\n.*northmoor-care-events.csv: 14 row\\(s\\) read, 14 mapped, 0 rejected\n.*care.case_manager.gap at /plans/3/assignments.*10 errors, 4 warnings\n.*care-import-northmoor.json: 10 people, 4 case managers, 9 plans written"
                  REJECT "9990000018|9997654323|nothing written")
# With --strict the care check's errors keep the records from being written.
joinedup_cli_test(care_import_care_errors 1
                  ARGS care import ${_care_import_set} --rules examples/data/northmoor-care.rules
                       --as-of 2025-11-30 --strict
                       -o ${CMAKE_CURRENT_BINARY_DIR}/care-import-refused.json
                  ERR "care.review.overdue.*nothing written: the care check found errors in the records \\(--strict\\)"
                  REJECT "plans written")
# The command line's date format wins over the rules file's: every date is rejected by its file
# and line, and nothing is written.
joinedup_cli_test(care_import_rejects 1
                  ARGS care import ${_care_import_set} --rules examples/data/northmoor-care.rules
                       --date-format %Y-%m-%d --as-of 2025-11-30
                       -o ${CMAKE_CURRENT_BINARY_DIR}/care-import-rejected.json
                  ERR "northmoor-care-people.csv: 10 row\\(s\\) read, 0 mapped, 10 rejected.*care.import.value at /people/rows/2: people line 2: date_of_birth '14/03/1938' is not a date in the form %Y-%m-%d.*nothing written: correct the exports"
                  REJECT "plans written")
# Without the rules the export's own names are not found.
joinedup_cli_test(care_import_no_column 1
                  ARGS care import ${_care_import_set} --as-of 2025-11-30
                       -o ${CMAKE_CURRENT_BINARY_DIR}/care-import-no-column.json
                  ERR "care.import.column at /people/header: the people file has no 'nhs_number' column; name it with --column people.nhs_number=")
joinedup_cli_test(care_import_bad_column 1
                  ARGS care import ${_care_import_set} --column "people.name=Name" --as-of 2025-11-30
                       -o ${CMAKE_CURRENT_BINARY_DIR}/care-import-bad-column.json
                  ERR "care.import.rules at /columns/0: column 'people.name=Name': expected FILE.FIELD=HEADER")
# The document holds NHS numbers in full: it is written to a file only.
joinedup_cli_test(care_import_needs_output 2
                  ARGS care import ${_care_import_set} --as-of 2025-11-30)
joinedup_cli_test(care_import_missing_file 1
                  ARGS care import /nonexistent.csv examples/data/northmoor-care-plans.csv
                       examples/data/northmoor-care-assignments.csv --as-of 2025-11-30
                       -o ${CMAKE_CURRENT_BINARY_DIR}/care-import-missing.json
                  ERR "io.file.read")
