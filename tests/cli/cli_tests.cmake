# CLI tests: each runs the joinedup tool and checks exit code and output (tests/cli/expect.cmake).
function(joinedup_cli_test name code)
  cmake_parse_arguments(T "" "OUT;ERR;REJECT;STDIN" "ARGS" ${ARGN})
  set(defs -DEXPECT_CODE=${code} -DWORKDIR=${PROJECT_SOURCE_DIR})
  if(DEFINED T_OUT)
    list(APPEND defs "-DEXPECT_OUT=${T_OUT}")
  endif()
  if(DEFINED T_ERR)
    list(APPEND defs "-DEXPECT_ERR=${T_ERR}")
  endif()
  if(DEFINED T_REJECT)
    list(APPEND defs "-DREJECT_OUT=${T_REJECT}")
  endif()
  if(DEFINED T_STDIN)
    list(APPEND defs "-DSTDIN_FILE=${T_STDIN}")
  endif()
  # Arguments travel to expect.cmake joined by "|" (a list separator would be split by ctest).
  string(REPLACE ";" "|" cmd "$<TARGET_FILE:joinedup_cli>;${T_ARGS}")
  add_test(NAME cli.${name} COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${cmd}" ${defs} -P
                                    ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect.cmake)
endfunction()

joinedup_cli_test(version 0 ARGS --version OUT "joinedup ${PROJECT_VERSION}")
joinedup_cli_test(help 0 ARGS --help OUT "core.*demo")
joinedup_cli_test(no_command 2 ARGS)
joinedup_cli_test(unknown_command 2 ARGS frobnicate)
# Money: display, accounting and decimal forms of hand-checked values.
joinedup_cli_test(money_forms 0 ARGS core money 1234.56 "(1,234.56)"
                  OUT "1234.56 +123456 +£1,234.56 +£1,234.56 +1234.56.*\\(1,234.56\\) +-123456 +-£1,234.56 +\\(£1,234.56\\) +-1234.56")
joinedup_cli_test(money_precision 1 ARGS core money 1.005 ERR "core.money.precision")
joinedup_cli_test(money_csv 0 ARGS core money --format csv 0.05
                  OUT "input,pence,display,accounting,decimal\n0.05,5,£0.05,£0.05,0.05")
joinedup_cli_test(money_json_errors 1 ARGS core money --format json 12.3.4
                  OUT "\"schema\": \"joinedup/core-money/v1\".*\"rows\": \\[\\].*core.money.syntax")
# Allocation: Foemmel's conundrum, 5p at 70:30 (Fowler, PoEAA "Money") is 4p and 1p.
joinedup_cli_test(allocate_foemmel 0 ARGS core allocate 0.05 70 30 OUT "70 +£0.04\n +30 +£0.01")
# A weight past 18 digits, or with a sign, is an input error, not a value clamped to fit.
joinedup_cli_test(allocate_huge_weight 1 ARGS core allocate 1.00 99999999999999999999
                  ERR "core.allocate.weight at /weights/0" REJECT "£")
joinedup_cli_test(allocate_json 0 ARGS core allocate 0.05 70 30 --format json
                  OUT "\"schema\": \"joinedup/core-allocation/v1\".*\"weight\": 70,\n *\"amount\": \"0.04\"")
joinedup_cli_test(id_json 0 ARGS core id 9434765919 --format json
                  OUT "\"value\": \"\\*\\*\\* \\*\\*\\* 5919\",\n *\"kind\": \"NHS number\"")
joinedup_cli_test(allocate_zero 1 ARGS core allocate 10.00 0 0 ERR "core.allocate.zero_weights")
# Periods: 31 March and 1 April fall in different financial years (1 April to 31 March).
joinedup_cli_test(period_edges 0 ARGS core period 2025-03-31 2025-04-01
                  OUT "2025-03-31 +2024-25 +2024-25 Q4 +2024-25 M12\n2025-04-01 +2025-26 +2025-26 Q1 +2025-26 M01")
joinedup_cli_test(period_bad_date 1 ARGS core period 2023-02-29 ERR "core.date.invalid")
# Identifiers: the NHS number is only ever shown masked.
joinedup_cli_test(id_kinds 0 ARGS core id 9434765919 E54000050 RH802
                  OUT "\\*\\*\\* \\*\\*\\* 5919 +NHS number.*E54000050 +GSS code +icb.*RH802 +ODS code +looks like nhs_trust_site"
                  REJECT "9434765919")
joinedup_cli_test(id_bad_check 1 ARGS core id 9876544321 ERR "core.nhs_number.check_digit"
                  REJECT "9876544321")
# The demo on the bundled sample area.
joinedup_cli_test(demo 0 ARGS demo
                  OUT "== core: money, periods and identifiers ==.*Total +£40,143,310.21"
                  REJECT "9991234560")
joinedup_cli_test(demo_missing_dir 1 ARGS demo /nonexistent OUT "io.file.read")
# Every command's --help shows plain option text and examples, and every example runs.
add_test(NAME cli.help_examples_run
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/help_examples.sh $<TARGET_FILE:joinedup_cli>
                 ${PROJECT_SOURCE_DIR})
# Every `joinedup …` command shown in README.md and docs/ runs as the page says.
add_test(NAME cli.docs_commands_run
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/help_examples.sh $<TARGET_FILE:joinedup_cli>
                 ${PROJECT_SOURCE_DIR} docs)
