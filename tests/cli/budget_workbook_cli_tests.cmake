# CLI tests of the fund workbook: budget template --xlsx and budget import-fund
# (docs/budget-workbook.md). The workbooks are written into the build tree, never the sources.
set(_wb "${CMAKE_CURRENT_BINARY_DIR}/budget-workbook")
file(MAKE_DIRECTORY "${_wb}")

joinedup_cli_test(budget_template_xlsx 0 ARGS budget template --xlsx ${_wb}/empty.xlsx
                  ERR "empty.xlsx: the fund workbook \\(empty\\), 11 sheets to fill")
joinedup_cli_test(budget_template_xlsx_fund 0
                  ARGS budget template --xlsx ${_wb}/northmoor.xlsx
                       --fund examples/data/northmoor-fund.json
                  ERR "filled from examples/data/northmoor-fund.json")
set_tests_properties(cli.budget_template_xlsx cli.budget_template_xlsx_fund
                     PROPERTIES FIXTURES_SETUP budget_workbook)
# The Northmoor fund read back from its workbook: every row counted, the same fund.
joinedup_cli_test(budget_import_fund 0 ARGS budget import-fund ${_wb}/northmoor.xlsx
                  OUT "\"schema\": \"joinedup/fund/v1\".*\"stated_total\": \"39893310.21\""
                  ERR "row\\(s\\) read: Fund 13, Partners 2, Contributions 7, Instalments 4, Ring fences 1, Schemes 4, Lines 11, Risk overrides 1, Risk pool funding 2")
# The empty template: nothing to make a fund of; each missing value named at its cell.
joinedup_cli_test(budget_import_fund_empty 1 ARGS budget import-fund ${_wb}/empty.xlsx
                  ERR "io.json.missing at Fund!B2: required field 'name'.*nothing written")
set_tests_properties(cli.budget_import_fund cli.budget_import_fund_empty
                     PROPERTIES FIXTURES_REQUIRED budget_workbook)
joinedup_cli_test(budget_import_fund_not_xlsx 1
                  ARGS budget import-fund examples/data/northmoor-fund.json
                  ERR "budget.workbook.zip.*nothing written")
joinedup_cli_test(budget_import_fund_missing 1 ARGS budget import-fund no-such.xlsx
                  ERR "io.file.read")
# A fund the validator rejects can still be put in a workbook to be put right there; what the
# reader did not read (a misspelt field) is said.
joinedup_cli_test(budget_template_xlsx_broken_fund 0
                  ARGS budget template --xlsx ${_wb}/broken.xlsx
                       --fund examples/data/broken-fund.json
                  ERR "io.json.unknown_field at /lines/3/colour")
joinedup_cli_test(budget_template_xlsx_not_json 1
                  ARGS budget template --xlsx ${_wb}/bad.xlsx
                       --fund examples/data/northmoor-ledger.csv
                  ERR "io.json.syntax")
joinedup_cli_test(budget_template_needs_xlsx 2 ARGS budget template)

# The workbook in a real reader (openpyxl), filled there and read back; and hostile workbooks.
# Debian's python3 first: python3-openpyxl is installed for it (scripts/bootstrap).
find_program(JOINEDUP_PYTHON3 NAMES python3 HINTS /usr/bin)
if(JOINEDUP_PYTHON3)
  add_test(NAME cli.budget_workbook_openpyxl
           COMMAND ${JOINEDUP_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cli/budget_workbook_test.py
                   $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR} ${_wb}/openpyxl)
  add_test(NAME cli.budget_workbook_hostile
           COMMAND ${JOINEDUP_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cli/budget_workbook_test.py
                   $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR} ${_wb}/hostile hostile)
endif()
