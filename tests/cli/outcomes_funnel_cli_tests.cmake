# CLI tests of the funnel methods of `joinedup outcomes stats`. Expected numbers and labels are
# PHEindicatormethods 2.1.0's own test data (tests/data/funnel/, copied from its tests/testthat/):
# tests/data/funnel/cli-requests.jsonl holds the package's test inputs as requests.
# Line 1: proportions, testdata_funnel_prop_outputs.csv row 1 (population 1: 3.204264, 100, 0,
# 100, baseline 80.642448). Line 2: ratios (isr), testdata_funnel_ratio_outputs.csv row 1
# (5.571644585, 17.94802207, ...) and its last row (716 observed events). Line 3: DSRs per
# 100,000 over 3 years, testdata_funnel_rate_outputs.csv row 1 (1598.675694, 20.85059119, ...,
# baseline 116.1720835). Line 4: rate significance, column dsr_per_100000_with_0 of
# testdata_funnel_rate_dsr_inputs.csv (first and last labels). Line 5: ratio significance,
# testdata_funnel_ratio_inputs.csv (first three labels). --show-nhs-numbers keeps ten-digit runs
# of decimals from being masked.
joinedup_cli_test(outcomes_funnel_reference 0 ARGS outcomes stats --show-nhs-numbers
                  STDIN ${PROJECT_SOURCE_DIR}/tests/data/funnel/cli-requests.jsonl
                  OUT "^.\"line\":1,\"rows\":..\"population\":1.0,\"lower_2s_limit\":3.204263[0-9]*,\"upper_2s_limit\":100.0,\"lower_3s_limit\":0.0,\"upper_3s_limit\":100.0,\"baseline\":80.642447[0-9]*,\"statistic\":\"proportion\",\"method\":\"Wilson\".[^\n]*\n.\"line\":2,\"rows\":..\"observed_events\":1.0,\"lower_2s_exp_events\":5.57164458[0-9]*,\"lower_2s_limit\":17.9480220[0-9]*,\"upper_2s_exp_events\":0.0253178982[0-9]*,\"upper_2s_limit\":3949.77494[0-9]*,[^\n]*\"observed_events\":716.0,\"lower_2s_exp_events\":770.422212[0-9]*,[^\n]*\"statistic\":\"ratio \\(isr\\)\",\"method\":\"Poisson\"...\n.\"line\":3,\"rows\":..\"events\":1.0,\"lower_2s_population_1_year\":1598.67569[0-9]*,\"lower_2s_limit\":20.8505911[0-9]*,[^\n]*\"baseline\":116.172083[0-9]*,\"statistic\":\"rate \\(dsr per 100,000\\)\",\"method\":\"Poisson\"[^\n]*\n.\"line\":4,\"significance\":.\"High \\(0.001\\)\",\"High \\(0.001\\)\",[^\n]*\"Low \\(0.001\\)\",\"Not applicable for events less than 10 for dsrs\"..\n.\"line\":5,\"significance\":.\"Not significant\",\"High \\(0.001\\)\",\"Low \\(0.001\\)\",")
# The example file of docs/outcomes-funnel.md: line 1 is rows 1-3 of testdata_funnel_ratio_inputs.csv;
# line 3 is testdata_funnel_rate_input_funnels.csv rows 1-2 (75000 and 150980.3922, DSR
# points) and an area of 5 events (NA).
joinedup_cli_test(outcomes_funnel_examples 0 ARGS outcomes stats --show-nhs-numbers
                  examples/data/outcomes-funnel.jsonl
                  OUT "^.\"line\":1,\"id\":\"three areas against their expected counts\",\"significance\":.\"Not significant\",\"High \\(0.001\\)\",\"Low \\(0.001\\)\"..\n.\"line\":2,\"significance\":[^\n]*\n.\"line\":3,\"rate_chart\":.184.0,102.0,null.,\"denominator_derived\":.75000.0,150980.392156[0-9]*,null..\n.\"line\":4,\"rows\":..\"observed_events\":1.0,\"lower_2s_exp_events\":5.57164458[0-9]*,\"lower_2s_limit\":17.9480220[0-9]*,"
                  REJECT "\"statistic\":\"ratio")
# Refused requests: each line its own error, the hostile line (huge and missing numbers) still
# answered, exit 1.
joinedup_cli_test(outcomes_funnel_errors 1 ARGS outcomes stats
                  STDIN ${PROJECT_SOURCE_DIR}/tests/data/funnel/cli-errors.jsonl
                  OUT "^.\"line\":1,\"error\":.\"code\":\"outcomes.funnel.argument\",\"severity\":\"error\",\"path\":\"/years_of_data\"[^\n]*\n.\"line\":2,\"error\":.\"code\":\"outcomes.funnel.request\",[^\n]*\"path\":\"/multiplier\"[^\n]*\n.\"line\":3,\"error\":.\"code\":\"outcomes.funnel.statistic\"[^\n]*\n.\"line\":4,\"error\":.\"code\":\"outcomes.funnel.length_mismatch\"[^\n]*\n.\"line\":5,\"error\":.\"code\":\"outcomes.funnel.numerator_exceeds_denominator\",\"severity\":\"error\",\"path\":\"/numerators/0\"[^\n]*\n.\"line\":6,\"error\":.\"code\":\"outcomes.funnel.zero_events\"[^\n]*\n.\"line\":7,\"error\":.\"code\":\"outcomes.funnel.statistic\"[^\n]*\n.\"line\":8,\"rows\":.[^\n]*\n.\"line\":9,\"error\":.\"code\":\"outcomes.stats.request\""
                  ERR "^$")
