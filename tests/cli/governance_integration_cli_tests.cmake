# `joinedup governance progress` with the integration measures the sources name (docs/governance.md,
# "Integration measures"): pooled revenue by care setting (--fund, --events, --ledger) and
# organisations involved per person with complex needs (--plans), by period with the trend.
set(_gp governance progress examples/data/northmoor-progress.json --as-of 2025-11-30)
set(_demo_fund --fund data/demo/budget-fund.json --events data/demo/budget-events.json
    --ledger data/demo/budget-ledger.csv)

# The demo fund's revenue lines (the DFG line L10 is capital and left out): on 2025-06-30, before
# the virement (L05 -> L01, both social care) and the new line L12 (community, £250,000, 2 Sept),
# community and social care = L01-L06, L08, L09, L11 = 6,200,000 + 4,100,000 + 5,012,540 +
# 3,500,000 + 1,800,000 + 3,700,000 + 7,000,000 + 2,876,543.21 + 850,000 = 35,039,083.21; other
# = L07 1,250,000; revenue 36,289,083.21; 35,039,083.21 / 36,289,083.21 = 96.56% -> 96.6. On
# 2025-09-30 L12 adds 250,000: 35,289,083.21 / 36,539,083.21 = 96.58% -> 96.6. No line is acute.
# Spent: L07 (other) 104,166.67 a month, 312,500.01 in Q1.
joinedup_cli_test(governance_progress_settings 0 ARGS ${_gp} ${_demo_fund} --format csv --table settings
                  OUT "^period,end,basis,community,acute,other,total,community_percent,acute_percent\n2025-26 Q1,2025-06-30,planned,35039083.21,0.00,1250000.00,36289083.21,96.6,0.0\n2025-26 Q1,2025-06-30,spent,[0-9.]+,0.00,312500.01,[0-9.]+,96.6,0.0\n2025-26 Q2,2025-09-30,planned,35289083.21,0.00,1250000.00,36539083.21,96.6,0.0\n")
# On the date the measures gain the shares planned (3,528,908,321 / 3,653,908,321 pence) and
# spent to date, and organisations per person (10 / 4, no percentage: it is a mean).
joinedup_cli_test(governance_progress_settings_measures 0 ARGS ${_gp} ${_demo_fund} --plans data/demo/care-plans.json --format csv
                  OUT "plan_and_case_manager,people,3,6,50.0,18.8,81.2\ncommunity_share_planned,pence,3528908321,3653908321,96.6,,\nacute_share_planned,pence,0,3653908321,0.0,,\ncommunity_share_spent,pence,[0-9]+,[0-9]+,96.6,,\nacute_share_spent,pence,0,[0-9]+,0.0,,\norganisations_per_person,organisations,10,4,,,\n$")
# Without --fund and --plans nothing is added (today's output).
joinedup_cli_test(governance_progress_no_integration 0 ARGS ${_gp} --format json
                  OUT "ambitions" REJECT "four_or_more|community_percent|judged")

# Organisations per person with complex needs, from the demo care records (names compared trimmed
# and in lower case). On 2025-06-30: NM-P-0001 Moorside Home Care Ltd, Northmoor Age Concern and
# its case manager's Northmoor Council = 3; NM-P-0002 Dale Nursing Agency and the ICB = 2;
# NM-P-0004 "Northmoor Council reablement" and Northmoor Community Health NHS Trust, whose case
# manager (cm-brown) is of that trust = 2; NM-P-0003 is not agreed until 11 August: 7 / 3 = 2.33.
# On 2025-09-30 NM-P-0003 adds "employed by the person" and Northmoor Council = 2, and NM-P-0004's
# case manager is now cm-davies of Northmoor Council = 3: 10 / 4 = 2.50; up by 0.17: worse.
joinedup_cli_test(governance_progress_organisations 0 ARGS ${_gp} --plans data/demo/care-plans.json --format csv --table organisations
                  OUT "^period,on,people,organisations,mean,none,one,two,three,four_or_more\n2025-26 Q1,2025-06-30,3,7,2.33,0,0,2,1,0\n2025-26 Q2,2025-09-30,4,10,2.50,0,0,2,2,0\n$")
joinedup_cli_test(governance_progress_trends 0 ARGS ${_gp} --plans data/demo/care-plans.json ${_demo_fund} --format csv --table trends
                  OUT "^measure,from,to,first,last,change,direction,judged\norganisations_per_person,2025-26 Q1,2025-26 Q2,2.33,2.50,0.17,up,worse\ncommunity_share_planned,2025-26 Q1,2025-26 Q2,96.6,96.6,0.02,up,better\nacute_share_planned,2025-26 Q1,2025-26 Q2,0.0,0.0,0.00,flat,same\n")
# Month ends April to November: eight rows; April: NM-P-0001 (3) and NM-P-0004 (2) = 2.50.
joinedup_cli_test(governance_progress_organisations_monthly 0 ARGS ${_gp} --plans data/demo/care-plans.json --period month --table organisations
                  OUT "2025-26 M01 +2025-04-30 +2 +5 +2.50.*2025-26 M08 +2025-11-30 +4 +10 +2.50 ")
joinedup_cli_test(governance_progress_bad_period 2 ARGS ${_gp} --period week
                  ERR "--period")
# --ledger and --events belong to a fund.
joinedup_cli_test(governance_progress_ledger_no_fund 2 ARGS ${_gp} --ledger data/demo/budget-ledger.csv
                  ERR "--ledger and --events need --fund")
# A fund that is not a fund, and events for another fund, are input errors (exit 1).
joinedup_cli_test(governance_progress_bad_fund 1 ARGS ${_gp} --fund examples/data/northmoor-delegation.json
                  ERR "io.json.schema at \\(fund\\)")
joinedup_cli_test(governance_progress_bad_events 1 ARGS ${_gp} --fund data/demo/budget-fund.json --events tests/data/events-bad.json
                  ERR "\\(events\\)")
