# CLI tests for `joinedup budget capitation` and `joinedup budget compare-payments`. Figures are
# the hand-checked ones in tests/budget/capitation_test.cpp and payment_models_test.cpp.
joinedup_cli_test(capitation_table 0 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate 100.123456 --rounding half_even
                  OUT "3015.00 weighted heads.*£301,872.22.*North +1200 +1.05 +1365.00 +£136,668.52.*MFF 1.05")
joinedup_cli_test(capitation_csv 0 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate 100.123456 --rounding half_even --format csv
                  OUT "North,1200,1.05,1365.000000,136668.52\nSouth,1600,1,1650.000000,165203.70\nTotal,2800,,3015.000000,301872.22")
joinedup_cli_test(capitation_json 0 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate 100 --format json
                  OUT "\"schema\": \"joinedup/capitated-budget/v1\".*\"total\": \"301500.00\"")
joinedup_cli_test(capitation_broken 1 ARGS budget capitation examples/data/broken-population.csv
                  --rate 100 ERR "budget.capitation.mff_inconsistent.*line 5")
joinedup_cli_test(capitation_bad_rate 1 ARGS budget capitation examples/data/northmoor-population.csv
                  --rate abc ERR "core.rate.syntax")
joinedup_cli_test(capitation_missing 1 ARGS budget capitation no-such.csv --rate 1 ERR "io.file.read")
joinedup_cli_test(capitation_no_rate 2 ARGS budget capitation examples/data/northmoor-population.csv)
joinedup_cli_test(compare_payments_table 0 ARGS budget compare-payments examples/data/northmoor-scenario.json
                  OUT "activity_based +£1,145,772.50 +£113,072.25.*aligned_payment +£887,848.75 +£24,436.13")
joinedup_cli_test(compare_payments_csv 0 ARGS budget compare-payments --format csv examples/data/northmoor-scenario.json
                  OUT "outcome_withhold,RXA,true,false,895500.00,895500.00,895500.00,0.00,0.00,4500.00")
joinedup_cli_test(compare_payments_json 0 ARGS budget compare-payments --format json examples/data/northmoor-scenario.json
                  OUT "\"schema\": \"joinedup/payment-comparison/v1\"")
joinedup_cli_test(compare_payments_broken 1 ARGS budget compare-payments examples/data/broken-scenario.json
                  ERR "budget.payment.unknown_provider at /activity/1/provider")
joinedup_cli_test(compare_payments_not_json 1 ARGS budget compare-payments README.md ERR "io.json.syntax")
