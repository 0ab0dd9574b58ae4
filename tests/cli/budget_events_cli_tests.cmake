# CLI tests for `joinedup budget at` and --events / --scheme on forecast and settle
# (docs/budget-events.md). Figures: tests/budget/events_test.cpp.
joinedup_cli_test(budget_at_demo_json 0
                  ARGS budget at data/demo/budget-fund.json --events data/demo/budget-events.json
                       --date 2025-12-31
                  OUT "^{\n  \"schema\": \"joinedup/fund/v1\".*\"stated_total\": \"40143310.21\".*\"id\": \"L12\"")
joinedup_cli_test(budget_at_demo_before 0
                  ARGS budget at data/demo/budget-fund.json --events data/demo/budget-events.json
                       --date 2025-07-13
                  OUT "\"stated_total\": \"39893310.21\"")
joinedup_cli_test(budget_at_demo_table 0
                  ARGS budget at data/demo/budget-fund.json --events data/demo/budget-events.json
                       --date 2025-09-30 --format table
                  OUT "as it stands on 2025-09-30: 3 event\\(s\\) applied, 1 dated later.*2025-07-14 +AUD-3 +virement +L05 → L01 £150,000.00.*No problems found")
joinedup_cli_test(budget_at_demo_audit_scheme 0
                  ARGS budget at data/demo/budget-fund.json --events data/demo/audit.jsonl
                       --date 2025-12-31 --scheme data/demo/governance-delegation.json --format csv
                  OUT "^date,id,kind,what\n2025-07-14,audit-3,virement,\"L05 → L01 £150,000.00\"\n")
# An event the scheme of delegation does not permit: nothing on standard output, exit 1.
joinedup_cli_test(budget_at_not_permitted 1
                  ARGS budget at data/demo/budget-fund.json
                       --events tests/data/events-not-permitted.json --date 2025-12-31
                       --scheme data/demo/governance-delegation.json
                  OUT "^$"
                  ERR "budget.events.not_permitted at /events/0")
joinedup_cli_test(budget_at_bad_event 1
                  ARGS budget at data/demo/budget-fund.json
                       --events tests/data/events-bad.json --date 2025-12-31
                  OUT "^$"
                  ERR "budget.events.virement_exceeds_line at /events/0/amount")
joinedup_cli_test(budget_settle_demo_events 0
                  ARGS budget settle data/demo/budget-fund.json data/demo/budget-ledger.csv
                       --events data/demo/audit.jsonl --scheme data/demo/governance-delegation.json
                  OUT "Money is conserved")

# --plans: care still to come counts as commitments (docs/budget-ledger.md, "Care plans as
# commitments"). Plan NM-P-0001's home care (L01) is £24.50 × 10.5 = £257.25 a week × 121 days
# (1 December 2025 to 31 March 2026) / 7 = £4,446.75; its day centre (L11) £45.00 × 2 = £90 a
# week × 121 / 7 = £1,555.71. The ledger has no commitments on either line, and both lines'
# profiles (plan × 121/365) are larger, so their outturns do not move.
joinedup_cli_test(budget_forecast_plans 0
                  ARGS budget forecast examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-11-30
                       --plans examples/data/northmoor-plans-fund-lines.json --format csv
                  OUT "line,L01,6200000.00,4178333.36,4446.75,6233675.83,33675.83\n.*line,L11,850000.00,[0-9.]+,1555.71,")
joinedup_cli_test(budget_forecast_plans_unknown_line 1
                  ARGS budget forecast examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-11-30
                       --plans tests/data/plans-unknown-line.json --format csv
                  ERR "budget.forecast.plan_line.*service 's2' of plan 'NM-P-0001' names line 'L99'")
