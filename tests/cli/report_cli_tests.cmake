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

# Six comparator areas for the reablement indicator's 2024-25 period: the pack draws a funnel of
# seven areas. Average 2432 / 2972 = 81.83 %. Each area's significance is its own Wilson
# interval against the average (PHEindicatormethods' assign_funnel_significance; z = 1.96 and
# 3.0902), worked by hand: E06000104, 90 / 140 = 64.3 %, has a 99.8 % upper limit of 75.5 %, so
# Low (0.001); E06000102, 150 / 200 = 75.0 %: 95 % upper 80.5 %, 99.8 % upper 83.2 %, so
# Low (0.025); E06000103, 520 / 600 = 86.7 %: 95 % lower 83.7 %, 99.8 % lower 81.8 % (under the
# average), so High (0.025); Northmoor, 262 / 322 = 81.4 %, is not significant.
set(_funnel ${CMAKE_CURRENT_BINARY_DIR}/report-funnel-area)
file(MAKE_DIRECTORY ${_funnel})
file(COPY ${_demo_files} DESTINATION ${_funnel})
file(READ ${PROJECT_SOURCE_DIR}/data/demo/outcomes-measurements.csv _measurements)
file(WRITE ${_funnel}/outcomes-measurements.csv "${_measurements}\
reablement_91_days,E06000100,2024-25,2025-03-31,300,360,,,,
reablement_91_days,E06000101,2024-25,2025-03-31,410,500,,,,
reablement_91_days,E06000102,2024-25,2025-03-31,150,200,,,,
reablement_91_days,E06000103,2024-25,2025-03-31,520,600,,,,
reablement_91_days,E06000104,2024-25,2025-03-31,90,140,,,,
reablement_91_days,E06000105,2024-25,2025-03-31,700,850,,,,
")
joinedup_cli_test(report_funnel 0 ARGS report ${_funnel}
                  OUT "still at home 91 days.*: 7 areas, 2024-25\narea +numerator +denominator +value +significance\nE06000099 +262 +322 +81.3665 +Not significant.*E06000102 +150 +200 +75 +Low \\(0.025\\)\nE06000103 +520 +600 +86.6667 +High \\(0.025\\)\nE06000104 +90 +140 +64.2857 +Low \\(0.001\\)")
joinedup_tool_test(NAME cli.report_browser_funnel TOOLS node chromium
                   COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/browser/report_test.sh
                           $<TARGET_FILE:joinedup_cli> ${_funnel}
                           ${CMAKE_CURRENT_BINARY_DIR}/report-browser-funnel)

# The pack of the generated demo area (docs/demo-area.md, seed 2026: what scripts/demo writes),
# in the browser: complete despite the planted problems, which are findings, not bad input.
joinedup_tool_test(NAME cli.report_browser_generated TOOLS node chromium
                   COMMAND sh -c "\"$1\" area generate \"$2\" --seed 2026 --force >/dev/null && sh \"$3\" \"$1\" \"$2\" \"$4\""
                           report_generated $<TARGET_FILE:joinedup_cli>
                           ${CMAKE_CURRENT_BINARY_DIR}/report-generated-area
                           ${CMAKE_CURRENT_SOURCE_DIR}/browser/report_test.sh
                           ${CMAKE_CURRENT_BINARY_DIR}/report-browser-generated)
