# CLI tests of `joinedup outcomes …`. Expected numbers are the hand-checked values of
# tests/outcomes/statistics_test.cpp and spc_test.cpp.
# stats: one answer per line in order; the bad lines (7: x > n, 8: not JSON) give error objects
# and exit code 1, the others are still answered.
joinedup_cli_test(outcomes_stats_lines 1 ARGS outcomes stats
                  STDIN ${PROJECT_SOURCE_DIR}/examples/data/outcomes-stats.jsonl
                  OUT "^.\"line\":1,\"value\":65.0,\"lower\":55.2544432968879[0-9]*,\"upper\":73.6357517569024[0-9]*,\"confidence\":\"95%\",\"statistic\":\"percentage\",\"method\":\"Wilson\".*\n.\"line\":2,.*\"method\":\"Byars\".*\n.\"line\":3,.*\"lower_95\":162.348639011842.*\"method\":\"Exact\".*\n.\"line\":4,\"value\":167.351299567346.*\"method\":\"Dobson\".*\n.\"line\":5,.*\n.\"line\":6,.*Student's t-distribution.*\n.\"line\":7,\"error\":.\"code\":\"outcomes.stats.numerator_exceeds_denominator\".*\n.\"line\":8,\"error\":.\"code\":\"outcomes.stats.syntax\"")
joinedup_cli_test(outcomes_stats_file 1 ARGS outcomes stats examples/data/outcomes-stats.jsonl
                  OUT "\"line\":8,\"error\"")
# spc: improvement beyond the UPL, a flat series without screening (target above the UPL when
# lower is better: consistent pass), a rebased series, and a fix_after_n_points below 12.
joinedup_cli_test(outcomes_spc_lines 1 ARGS outcomes spc
                  STDIN ${PROJECT_SOURCE_DIR}/examples/data/outcomes-spc.jsonl
                  OUT "^.\"line\":1,.*\"variation\":\"improvement_high\",\"assurance\":\"inconsistent\".*\n.\"line\":2,.*\"upl\":5.0.*\"assurance\":\"consistent_fail\".*\n.\"line\":3,.*\"mean\":11.0.*\"mean\":21.0.*\n.\"line\":4,\"error\":.\"code\":\"outcomes.spc.fix_after\"")
joinedup_cli_test(outcomes_scorecard 0 ARGS outcomes scorecard data/demo/outcomes-measurements.csv
                  --framework data/demo/outcomes-framework.json --as-of 2026-03-31
                  OUT "reablement_91_days +E06000099 +2025-26 +85.15 +80.91 to 88.58 similar +85.00 met")
joinedup_cli_test(outcomes_scorecard_csv 0 ARGS outcomes scorecard data/demo/outcomes-measurements.csv
                  --framework data/demo/outcomes-framework.json --as-of 2025-03-31 --format csv
                  OUT "^indicator,domain,area,period,period_end,value,lower_95" REJECT "2025-26")
joinedup_cli_test(outcomes_scorecard_missing 1 ARGS outcomes scorecard nonexistent.csv
                  --framework data/demo/outcomes-framework.json ERR "io.file")
joinedup_cli_test(outcomes_scorecard_needs_framework 2 ARGS outcomes scorecard
                  data/demo/outcomes-measurements.csv)
joinedup_cli_test(outcomes_catalogue 0 ARGS outcomes catalogue
                  OUT "23 indicators.*residential_admissions_65plus +crude_rate +lower_is_better +.C. ASCOF 2C")
joinedup_cli_test(outcomes_demo 0 ARGS demo OUT "== outcomes: indicators, targets and SPC ==.*reablement_91_days")
# DSR of non-independent events, worked by hand in tests/outcomes/statistics_test.cpp: 1120 per
# 100,000 with limits 620.157… and 1783.171…; a row count that does not match is an error line.
joinedup_cli_test(outcomes_stats_dsr_non_independent 1 ARGS outcomes stats
                  STDIN tests/data/dsr-non-independent.jsonl
                  OUT "\"value\":1120.0,\"lower\":620.15713517368[0-9]*,\"upper\":1783.17169501148[0-9]*,.*\"method\":\"Dobson, with confidence adjusted for non-independent events\".*\"line\":2,\"error\":\\{\"code\":\"outcomes.stats.length_mismatch\"")
