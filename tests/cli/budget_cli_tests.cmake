# CLI tests for `joinedup budget …`.
joinedup_cli_test(budget_validate_ok 0 ARGS budget validate examples/data/northmoor-fund.json
                  OUT "Total +£39,393,310.21 +£39,393,310.21.*No problems found")
joinedup_cli_test(budget_validate_riverside 0 ARGS budget validate examples/data/riverside-fund.json
                  OUT "No problems found")
# The broken example plants one problem of each kind; the shortfalls were checked by hand:
# LA grant spend 7,500,000 + 2,876,543.21 = 10,376,543.21 against 9,876,543.21 of income.
joinedup_cli_test(budget_validate_broken 1 ARGS budget validate examples/data/broken-fund.json
                  OUT "budget.fund.host_not_partner at /host.*budget.fund.joint_shares at /lines/1.*budget.fund.dfg_revenue at /lines/9/capital.*exceeds its income of £9,876,543.21 by £500,000.00.*8 errors, 2 warnings")
joinedup_cli_test(budget_validate_json 1 ARGS budget validate --format json examples/data/broken-fund.json
                  OUT "\"schema\": \"joinedup/diagnostics/v1\",\n  \"errors\": 8,\n  \"warnings\": 2")
joinedup_cli_test(budget_validate_missing 1 ARGS budget validate no-such-fund.json OUT "io.file.read")
joinedup_cli_test(budget_validate_not_json 1 ARGS budget validate README.md OUT "fatal io.json.syntax")
