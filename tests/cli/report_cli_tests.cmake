# CLI tests for `joinedup report` (docs/report.md), on the bundled sample area data/demo. The
# figures are the demo's own, checked by hand elsewhere: the fund's income after the audit
# trail's contribution variation is £40,143,310.21 (the demo's "Total"), the ledger's 92 rows
# (tests/cli/budget_cli_tests.cmake), 6 people with complex needs of whom 4 have an agreed plan
# (tests/care/guarantee_test.cpp).
joinedup_cli_test(report_text 0 ARGS report data/demo
                  OUT "Key figures.*Pooled income +£40,143,310.21.*Ledger rows +92 of 92.*Settlement: each partner's result.*Agreed plan in force +66.7% +4 of 6.*Scorecard, latest period of each indicator"
                  REJECT "9991234560|INCOMPLETE")
joinedup_cli_test(report_json 0 ARGS report data/demo --format json
                  OUT "\"schema\": \"joinedup/board-pack/v1\",\n  \"title\": \"Northmoor.*\"complete\": true,.*\"name\": \"fund_spend_by_scheme\".*\"name\": \"care_caseload\".*\"name\": \"outcomes_scorecard\"")
joinedup_cli_test(report_html 0 ARGS report data/demo -o ${CMAKE_CURRENT_BINARY_DIR}/report-demo.html
                  ERR "wrote .*report-demo.html \\(html\\)")
joinedup_cli_test(report_unwritable 1 ARGS report data/demo -o /nonexistent/report.html
                  ERR "io.file.write" REJECT "wrote")
joinedup_cli_test(report_not_a_folder 2 ARGS report /nonexistent ERR "is not a folder")
joinedup_cli_test(report_bad_format 2 ARGS report data/demo --format pdf)

# An area whose ledger has a row that cannot be read: the pack is written, says INCOMPLETE, and
# the command exits 1.
set(_incomplete ${CMAKE_CURRENT_BINARY_DIR}/report-incomplete-area)
file(MAKE_DIRECTORY ${_incomplete})
file(GLOB _demo_files ${PROJECT_SOURCE_DIR}/data/demo/*)
file(COPY ${_demo_files} DESTINATION ${_incomplete})
file(READ ${PROJECT_SOURCE_DIR}/data/demo/budget-ledger.csv _ledger)
file(WRITE ${_incomplete}/budget-ledger.csv "${_ledger}2025-06-30,L01,not money,actual,BROKEN-ROW\n")
joinedup_cli_test(report_incomplete 1 ARGS report ${_incomplete} --format json
                  OUT "\"complete\": false"
                  ERR "INCOMPLETE: Pooled fund")

# The page in a real browser: no console error, nothing fetched, every section and chart with
# its text alternative and data table, MDC colours, A4 print; a screenshot is kept beside it.
joinedup_tool_test(NAME cli.report_browser TOOLS node chromium
                   COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/browser/report_test.sh
                           $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR}/data/demo
                           ${CMAKE_CURRENT_BINARY_DIR}/report-browser)
joinedup_tool_test(NAME cli.report_browser_incomplete TOOLS node chromium
                   COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/browser/report_test.sh
                           $<TARGET_FILE:joinedup_cli> ${_incomplete}
                           ${CMAKE_CURRENT_BINARY_DIR}/report-browser-incomplete --expect-incomplete)
