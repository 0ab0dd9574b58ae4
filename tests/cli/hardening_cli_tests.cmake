# CLI tests of hostile and broken input: each must stop with a diagnostic (exit 1) or a usage
# error (exit 2), never crash, and never print a result document from input it could not read.
# Expected codes are documented in docs/diagnostics.md.

# A repeated member flips nothing: the request is not read at all (it was permitted before).
joinedup_cli_test(hostile_duplicate_amount 1
                  ARGS governance decide tests/data/hostile/request-duplicate-amount.json
                       --scheme examples/data/northmoor-delegation.json
                  ERR "io.json.duplicate_key at /amount \\(line 5, column 29\\).*line 5, column 3"
                  REJECT "permitted")
# 100,000 levels of nesting stop at level 65, in the fund reader and the audit trail.
joinedup_cli_test(hostile_deep_fund 1 ARGS budget validate tests/data/hostile/deep-100k.json
                  OUT "io.json.depth")
joinedup_cli_test(hostile_deep_audit_line 1 ARGS audit verify -
                  STDIN tests/data/hostile/deep-100k.json ERR "governance.audit.syntax.*64 levels")
# A directory is not a file.
joinedup_cli_test(hostile_directory_fund 1 ARGS budget validate tests/data
                  OUT "io.file.read: 'tests/data' is a directory")
joinedup_cli_test(hostile_directory_stats 1 ARGS outcomes stats tests/data ERR "io.file.read")
# Non-ASCII in money, JSON out: one valid JSON document, the byte escaped.
joinedup_cli_test(hostile_money_euro_json 1 ARGS core money "12€" --format json
                  OUT "core.money.syntax.*character '\\\\\\\\xE2'")
# An empty ledger, or one whose every row is rejected, gives no forecast or settlement.
joinedup_cli_test(hostile_settle_header_only 1
                  ARGS budget settle examples/data/northmoor-fund.json
                       tests/data/hostile/ledger-header-only.csv --format json
                  ERR "budget.ledger.no_rows" REJECT "schema")
joinedup_cli_test(hostile_forecast_all_rejected 1
                  ARGS budget forecast examples/data/northmoor-fund.json
                       tests/data/hostile/ledger-all-rejected.csv --as-of 2025-06-30
                  ERR "budget.ledger.no_rows.*2 read, 2 rejected" REJECT "Forecast outturn")
# Some rows rejected: the document says it is incomplete, and the exit code is 1.
joinedup_cli_test(settle_incomplete 1
                  ARGS budget settle examples/data/northmoor-fund.json
                       tests/data/northmoor-bad-rows-ledger.csv --format json
                  OUT "\"complete\": false,.*\"rows_rejected\": [1-9]")
joinedup_cli_test(settle_complete 0
                  ARGS budget settle examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --format json
                  OUT "\"complete\": true")
# Unknown commands: said so, with the nearest name; exit 2.
joinedup_cli_test(unknown_subcommand 2 ARGS budget nope
                  ERR "unknown command 'nope' for 'joinedup budget'.*validate, forecast, settle")
joinedup_cli_test(unknown_command_suggests 2 ARGS budgt settle
                  ERR "did you mean 'joinedup budget'")
# Bad option values are usage errors (exit 2) everywhere.
joinedup_cli_test(bad_format 2 ARGS core money 1.00 --format xml ERR "--format")
joinedup_cli_test(bad_as_of_care 2 ARGS care check examples/data/northmoor-plans.json
                  --as-of 2025-02-30 ERR "--as-of")
# Help shows plain option text, no CLI11 internals.
joinedup_cli_test(help_plain 0 ARGS budget settle --help
                  OUT "--format table\\|json\\|csv.*-o,--output FILE" REJECT "ENUM|->")
