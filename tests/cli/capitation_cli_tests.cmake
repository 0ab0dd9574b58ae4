# CLI tests for `joinedup budget capitation` and `joinedup budget compare-payments`. Figures are
# the hand-checked ones in tests/budget/capitation_test.cpp and payment_models_test.cpp.
joinedup_cli_test(capitation_table 0 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate 100.123456 --rounding half_even
                  OUT "^Capitated budget: 3015.00 weighted heads x £100.123456 per head = £301,872.22\narea +people +market_forces_factor +weighted_population +allocation\nNorth +1200 +1.05 +1365.000000 +£136,668.52\n.*\nTotal +2800 +3015.000000 +£301,872.22\n\nHow it was worked out\nstep +explanation\n +1 +Weighted population.*MFF 1.05")
joinedup_cli_test(capitation_csv 0 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate 100.123456 --rounding half_even --format csv
                  OUT "^area,people,market_forces_factor,weighted_population,allocation\nNorth,1200,1.05,1365.000000,136668.52\nSouth,1600,1,1650.000000,165203.70\nTotal,2800,,3015.000000,301872.22\n$")
joinedup_cli_test(capitation_json 0 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate 100 --format json
                  OUT "\"schema\": \"joinedup/capitated-budget/v1\".*\"total\": \"301500.00\"")
joinedup_cli_test(capitation_broken 1 ARGS budget capitation examples/data/broken-population.csv
                  --rate 100 ERR "budget.capitation.mff_inconsistent.*line 5")
joinedup_cli_test(capitation_bad_rate 1 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate abc ERR "core.rate.syntax")
joinedup_cli_test(capitation_missing 1 ARGS budget capitation no-such.csv --rate 1 ERR "io.file.read")
joinedup_cli_test(capitation_no_rate 2 ARGS budget capitation examples/data/northmoor-population.csv)
# The capitation total is RXA's alone (NIP and SMALL have no weighted population): an INCOMPLETE
# line first, complete "no" in the totals, a warning per provider left out; exit 0, since the
# scenario is valid and every other model is whole.
joinedup_cli_test(compare_payments_table 0 ARGS budget compare-payments examples/data/northmoor-scenario.json
                  OUT "^INCOMPLETE: the capitation total leaves out 2 of 3 provider\\(s\\) it could not price \\(NIP, SMALL\\)[^\n]*\nPayment comparison: Northmoor acute 2025-26 \\(activity change \\+/-10%\\)\nmodel +priced +payment +exposure_up +exposure_down +complete +unpriced\nactivity_based +yes +£1,145,772.50 +£113,072.25 +-£113,072.25 +yes\n.*\ncapitation +yes +£955,000.00 +£0.00 +£0.00 +no +NIP; SMALL\n.*\nSMALL +£15,050.00 +£19,565.00 +yes\n.*\nRXA +aligned_payment +£887,848.75 +£24,436.13 +-£24,436.13 +fixed element.*\nNIP +capitation +not priced: needs a capitation rate")
joinedup_cli_test(compare_payments_csv 0 ARGS budget compare-payments --format csv examples/data/northmoor-scenario.json
                  OUT "^model,provider,applicable,low_volume,payment,if_activity_up,if_activity_down,exposure_up,exposure_down,at_risk\n.*\noutcome_withhold,RXA,true,false,895500.00,895500.00,895500.00,0.00,0.00,4500.00\n.*\nactivity_based,Total,true,,1145772.50,,,113072.25,-113072.25,\n.*\noutcome_withhold,Total,true,,1057550.00,,,0.00,0.00,\n$")
joinedup_cli_test(compare_payments_json 0 ARGS budget compare-payments --format json examples/data/northmoor-scenario.json
                  OUT "\"schema\": \"joinedup/payment-comparison/v1\".*\"model\": \"block\",[^}]*\"complete\": true,\n *\"unpriced_providers\": \\[\\]\n *}.*\"model\": \"capitation\",[^}]*\"complete\": false,\n *\"unpriced_providers\": \\[\n *\"NIP\",\n *\"SMALL\"\n *\\]\n *}.*\n  \"complete\": false,"
                  ERR "warning budget.payment.incomplete_total at /providers/1: the capitation total leaves out provider 'NIP'")
joinedup_cli_test(compare_payments_broken 1 ARGS budget compare-payments examples/data/broken-scenario.json
                  ERR "budget.payment.unknown_provider at /activity/1/provider")
joinedup_cli_test(compare_payments_not_json 1 ARGS budget compare-payments README.md ERR "io.json.syntax")

# Alliance gain/loss share (examples/data/northmoor-alliance.json; the same agreement as
# tests/budget/alliance_test.cpp, worked by hand there): a £500,000 gain at 60/30/10 gives
# £300,000, £150,000 and £50,000; VCS is held at its £20,000 cap and the £30,000 excess is shared
# 60:30, so ACUTE £320,000 and COMM £160,000; payments £6,020,000, £3,010,000 and £970,000.
joinedup_cli_test(budget_alliance_table 0
                  ARGS budget alliance examples/data/northmoor-alliance.json
                  OUT "variance £500,000.00 \\(a gain\\)\nmember +budget.*\nACUTE .*£320,000.00 +no +£6,020,000.00\n.*VCS .*£20,000.00 +yes +£970,000.00\ncommissioner +£0.00\n\nSteps\nstep +explanation\n +1 +Alliance Northmoor")
joinedup_cli_test(budget_alliance_csv 0
                  ARGS budget alliance --format csv examples/data/northmoor-alliance.json
                  OUT "^member,budget,actual,share,provisional,share_of_variance,limited,payment\nACUTE,6000000.00,5700000.00,60%,300000.00,320000.00,false,6020000.00\nCOMM,3000000.00,2850000.00,30%,150000.00,160000.00,false,3010000.00\nVCS,1000000.00,950000.00,10%,50000.00,20000.00,true,970000.00\ncommissioner,,,,,0.00,,\n$")
joinedup_cli_test(budget_alliance_json 0
                  ARGS budget alliance --format json examples/data/northmoor-alliance.json
                  OUT "\"schema\": \"joinedup/alliance-settlement/v1\".*\"variance\": \"500000.00\"")
joinedup_cli_test(budget_alliance_bad 1
                  ARGS budget alliance examples/data/northmoor-fund.json
                  ERR "io.json.schema")

# budget import-population: the Northmoor estimates (ONS mid-year layout, ages 0 to 90 by sex,
# 2022 and 2023) summed into four bands for 2023. The sums, taken cell by cell from the file:
# 0-64 159,559; 65-74 26,094; 75-84 20,352; 85+ 10,233 (age 90 read as 90 and over). Weights
# 0.8, 1.6, 2.5, 3.4 and the MFF 1.02 come from the two factor files.
joinedup_cli_test(budget_import_population 0
                  ARGS budget import-population examples/data/northmoor-population-estimates.csv
                       --bands 0-64,65-74,75-84,85+ --year 2023
                       --weights examples/data/northmoor-need-weights.csv
                       --mff examples/data/northmoor-mff.csv
                  OUT "^area,age_band,sex,population,need_weight,market_forces_factor\nE06000099,0-64,persons,159559,0.8,1.02\nE06000099,65-74,persons,26094,1.6,1.02\nE06000099,75-84,persons,20352,2.5,1.02\nE06000099,85\\+,persons,10233,3.4,1.02\n$"
                  ERR "age 90, the highest in the file, is read as 90 and over.*182 row\\(s\\) read, 182 counted into bands, 0 left out, 0 rejected")
# Two years and no --year: the file says which it has, and nothing is written.
joinedup_cli_test(budget_import_population_year 1
                  ARGS budget import-population examples/data/northmoor-population-estimates.csv
                       --bands 0-64,65+
                  ERR "budget.import.year at /header: the file has a population column for each of 2022, 2023; choose one with --year"
                  REJECT "^area,")
# Bands that overlap would count ages 60 to 64 twice.
joinedup_cli_test(budget_import_population_bands 1
                  ARGS budget import-population examples/data/northmoor-population-estimates.csv
                       --bands 0-64,60-74 --year 2023
                  ERR "budget.import.bands.*band 60-74 does not come after 0-64")
