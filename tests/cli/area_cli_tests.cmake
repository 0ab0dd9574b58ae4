# CLI tests for `joinedup area generate` (docs/demo-area.md) and the demo on a generated area.
# The full-size area (seed 2026, 2,000 people) is generated once into the build tree; the demo
# then runs on it, and what each module reports is what planted.json says was planted (the unit
# tests in tests/io/area_generator_test.cpp check each count against the engines themselves).
set(_joinedup_area_dir "${CMAKE_CURRENT_BINARY_DIR}/cli-area")
joinedup_cli_test(area_generate_full 0
                  ARGS area generate ${_joinedup_area_dir}/full --seed 2026 --force
                  OUT "Wrote the Wrenfield area \\(seed 2026\\) to [^\n]*/full: 15 files in [0-9]+ ms\n  2000 people with a care plan each, 61 case managers, [0-9]+ ledger rows\nPlanted \\(planted.json lists them\\):\n  care: 25 plans with a gap between case managers, 60 overdue reviews, 3 case managers over capacity, 12 agreed plans with no personal budget\n  budget: scheme S05 overspent by £[0-9,]+\\.[0-9][0-9]\n  outcomes: a shift in emergency_admissions_65plus, a trend in reablement_91_days, an outlier in discharge_to_usual_residence \\(2025-26 M06\\), no target for feel_safe\nRun every module on it: joinedup demo ")
set_tests_properties(cli.area_generate_full PROPERTIES FIXTURES_SETUP joinedup_area_full TIMEOUT 300)

# The demo on it: exit 0 (planted problems are findings, not input errors), every ledger row
# accepted, the planted counts in the care section, the audit trail verified, long lists cut.
joinedup_cli_test(area_demo_full 0 ARGS demo ${_joinedup_area_dir}/full
                  OUT "Ledger: [0-9]+ row\\(s\\) read, [0-9]+ accepted, 0 rejected.*scheme S05 +variance +£[0-9,.]+\n.*Caseload on 2026-03-31: 2000 people .*review_in_date +[0-9]+ +[0-9]+.*\\.\\.\\. caseload: 51 more not shown.*\\.\\.\\. reviews due: 50 more not shown.* +12  care.budget.missing\n +25  care.case_manager.gap\n +3  care.case_manager.over_capacity\n +60  care.review.overdue\n.*improvement_low.*chain verified"
                  REJECT "budget.ledger|io.json")
set_tests_properties(cli.area_demo_full PROPERTIES FIXTURES_REQUIRED joinedup_area_full TIMEOUT 300)

# A folder that holds files is refused without --force (nothing is written), exit 2.
joinedup_cli_test(area_generate_not_empty 2 ARGS area generate ${_joinedup_area_dir}/full
                  ERR "area.out_dir.*is not empty; give --force")
set_tests_properties(cli.area_generate_not_empty PROPERTIES FIXTURES_REQUIRED joinedup_area_full)

# A small area, and the same seed again gives the same bytes (compared by the unit tests too).
joinedup_cli_test(area_generate_small 0
                  ARGS area generate ${_joinedup_area_dir}/small --seed 7 --people 200 --force
                  OUT "200 people with a care plan each, 6 case managers.*care: 2 plans with a gap between case managers, 6 overdue reviews, 1 case managers over capacity, 1 agreed plans with no personal budget")

# Usage: a bad seed, a caseload out of range, no folder, a file or an unwritable place.
joinedup_cli_test(area_generate_bad_seed 2 ARGS area generate ${_joinedup_area_dir}/bad --seed abc
                  ERR "--seed: 'abc' is not a whole number")
joinedup_cli_test(area_generate_negative_seed 2
                  ARGS area generate ${_joinedup_area_dir}/bad --seed=-1 ERR "--seed: '-1'")
joinedup_cli_test(area_generate_huge_seed 2
                  ARGS area generate ${_joinedup_area_dir}/bad --seed 18446744073709551616
                  ERR "--seed: '18446744073709551616' is not a whole number")
joinedup_cli_test(area_generate_people_range 2
                  ARGS area generate ${_joinedup_area_dir}/bad --people 10 ERR "--people")
joinedup_cli_test(area_generate_no_dir 2 ARGS area generate ERR "OUT_DIR is required")
joinedup_cli_test(area_generate_onto_file 2 ARGS area generate README.md --force
                  ERR "area.out_dir.*'README.md' exists and is not a folder")
joinedup_cli_test(area_generate_unwritable 1 ARGS area generate /dev/null/area
                  ERR "io.file.write.*cannot create the folder '/dev/null/area'")
