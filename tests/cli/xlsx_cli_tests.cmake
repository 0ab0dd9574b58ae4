# CLI tests for --format xlsx (docs/formats.md, "Output: xlsx"): the option and its usage
# errors. tests/cli/xlsx_output_test.py reads the workbooks themselves (openpyxl), including the
# refusal to write one to a terminal, which needs a pseudo-terminal.
set(_xlsx ${CMAKE_CURRENT_BINARY_DIR}/xlsx)
file(MAKE_DIRECTORY ${_xlsx})

joinedup_cli_test(xlsx_help 0 ARGS core money --help OUT "--format table\\|json\\|csv\\|xlsx")
joinedup_cli_test(xlsx_unknown_format 2 ARGS core money 1 --format xls ERR "xls not in")
joinedup_cli_test(xlsx_upper_case 0 ARGS core money 1 --format XLSX -o ${_xlsx}/money.xlsx
                  OUT "^$")
# A command without --format (an importer, the demo) refuses it as for any format.
joinedup_cli_test(xlsx_demo_refused 2 ARGS demo --format xlsx ERR "--format")
# Errors in the input: the workbook is still written, holding them; exit 1, and the
# diagnostics on standard error as for text.
joinedup_cli_test(xlsx_input_errors 1 ARGS core money "12€" --format xlsx
                  -o ${_xlsx}/errors.xlsx ERR "core.money.syntax")
# No result at all (a missing file): nothing written, the diagnostics as text.
joinedup_cli_test(xlsx_no_result 1 ARGS budget validate no-such-fund.json --format xlsx
                  -o ${_xlsx}/none.xlsx ERR "io.file.read" OUT "^$")
# An output path that cannot be written: io.file.write, exit 1.
joinedup_cli_test(xlsx_unwritable 1 ARGS core money 1 --format xlsx -o /nonexistent/dir/x.xlsx
                  ERR "io.file.write")

joinedup_tool_test(NAME cli.xlsx_output_openpyxl TOOLS python
                   COMMAND ${JOINEDUP_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/cli/xlsx_output_test.py
                           $<TARGET_FILE:joinedup_cli> ${PROJECT_SOURCE_DIR} ${_xlsx}/openpyxl)
