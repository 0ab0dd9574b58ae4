# `joinedup outcomes spc` with missing values (null) and chart data (x); the series are worked by
# hand in tests/outcomes/spc_missing_test.cpp from NHSRplotthedots 0.2.2's code.
# Line 1: 1, null, 3, 2, null, 4. Mean (1 + 3 + 2 + 4)/4 = 2.5; the only moving range with both
# ends is |2 − 3| = 1, so AMR 1.0 and UPL 2.5 + 2.66 = 5.16. The null points keep their index,
# value null, no side or flags, and their x; every point carries its group's mean and limits.
# Line 2: 1, 2, 1, 2, null, 2, 1, 2, 1, 10, null. Mean 22/9 = 2.444…; seven moving ranges (six 1s
# and 9), the 9 screened out (≥ 3.267 × 15/7), AMR 1.0; 10 is above the UPL 5.1044 (improvement)
# but the last row is null, so the variation icon is common cause; target 6 > UPL: consistent fail.
# Line 3: 1, 2, 3, null, 5, 6, 7: the window's steps that can be computed all rise, where R's trend
# rule stops: outcomes.spc.missing_in_trend at the gap. Lines 4, 5 and 8: x of the wrong length, a
# repeated x, a null x. Line 6: a value that is neither a number nor null. Line 7: every value
# missing: no mean, no limits, with a reason.
joinedup_cli_test(outcomes_spc_missing_lines 1 ARGS outcomes spc
                  STDIN ${PROJECT_SOURCE_DIR}/tests/data/outcomes-spc-missing.jsonl
                  OUT "^.\"line\":1,.*\"mean\":2.5,\"amr\":1.0,\"lpl\":-0.16[0-9]*,\"upl\":5.16,.*\"missing\":2.*\"points\":..\"index\":1,\"value\":1.0,.*\"x\":\"2024-01-01\".,.\"index\":2,\"value\":null,\"group\":1,\"special_cause\":\"common_cause\",\"rule\":\"Common Cause\",\"relative_to_mean\":null,\"outside_limits\":null,\"close_to_limits\":null,\"mean\":2.5,\"lpl\":-0.16[0-9]*,\"upl\":5.16,\"near_lpl\":0.72666[0-9]*,\"near_upl\":4.27333[0-9]*,\"x\":\"2024-02-01\".*\n.\"line\":2,\"id\":\"gap-at-end\",.*\"mean\":2.444444444444444[0-9]*,\"amr\":1.0,.*\"screened_moving_ranges\":1,.*\"index\":10,\"value\":10.0,\"group\":1,\"special_cause\":\"improvement\",\"rule\":\"Above UCL\".*\"index\":11,\"value\":null,.*\"x\":11.*\"variation\":\"common_cause\",\"assurance\":\"consistent_fail\".*\n.\"line\":3,\"error\":.\"code\":\"outcomes.spc.missing_in_trend\",\"severity\":\"error\",\"path\":\"/values/3\".*\n.\"line\":4,\"error\":.\"code\":\"outcomes.spc.x\",\"severity\":\"error\",\"path\":\"/x\".*\n.\"line\":5,\"error\":.\"code\":\"outcomes.spc.duplicate_x\",\"severity\":\"error\",\"path\":\"/x/1\".*\n.\"line\":6,\"error\":.\"code\":\"outcomes.spc.value\".*\n.\"line\":7,.*\"mean\":null,\"amr\":null,.*\"reason\":\"every baseline point is missing.*\n.\"line\":8,\"error\":.\"code\":\"outcomes.spc.x\",\"severity\":\"error\",\"path\":\"/x/1\"")
# As a table: a null value is an empty cell; the point's x and its group's limits are columns.
joinedup_cli_test(outcomes_spc_missing_csv 1 ARGS outcomes spc tests/data/outcomes-spc-missing.jsonl --format csv
                  OUT "^line,[^\n]*,index,value,group,[^\n]*,mean,lpl,upl,near_lpl,near_upl,x,[^\n]*\n1,[^\n]*,1,1.0,1,[^\n]*,2024-01-01,[^\n]*\n1,[^\n]*,2,,1,[^\n]*,common_cause,Common Cause,,,,2.5,-0.16[0-9]*,5.16,0.72666[0-9]*,4.27333[0-9]*,2024-02-01,")
# A complete series without x answers as before: no x member, no missing count.
joinedup_cli_test(outcomes_spc_missing_none 1 ARGS outcomes spc examples/data/outcomes-spc.jsonl
                  OUT "^.\"line\":1,.*\"upl\":4.9327272727272735,\"near_lpl\":[^,]*,\"near_upl\":[^,]*,\"screened_moving_ranges\":1..,.*\"index\":11,\"value\":10.0,.*\"close_to_limits\":false,\"mean\":2.272727272727273,\"lpl\":-0.3872727272727272,\"upl\":4.9327272727272735,\"near_lpl\":0.49939[0-9]*,\"near_upl\":4.04606[0-9]*..,\"variation\":\"improvement_high\""
                  REJECT "\"x\":|\"missing\":")
