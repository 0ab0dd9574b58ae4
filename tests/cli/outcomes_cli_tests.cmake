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
# The catalogue as a table: its indicators grouped by domain, with the counts in the title.
joinedup_cli_test(outcomes_catalogue 0 ARGS outcomes catalogue
                  OUT "8 domains, 23 indicators, 39 crosswalk rows\ndomain +id +title.*\nindependence +residential_admissions_65plus +Long-term support needs[^\n]* +crude_rate +lower_is_better +100000 +annual +C +ASCOF 2C, ASCOF 2A\\(2\\)")
joinedup_cli_test(outcomes_catalogue_csv 0 ARGS outcomes catalogue --format csv
                  OUT "^domain,id,title,method,polarity,multiplier,frequency,confidence,legacy_codes\n.*\nindependence,residential_admissions_65plus,Long-term support needs of older people \\(65\\+\\) met by admission to residential and nursing care homes,crude_rate,lower_is_better,100000,annual,C,\"ASCOF 2C, ")
# JSON: the diagnostics document of earlier releases, with the table added.
joinedup_cli_test(outcomes_catalogue_json 0 ARGS outcomes catalogue --format json
                  OUT "^{\n  \"schema\": \"joinedup/diagnostics/v1\",\n  \"errors\": 0,\n  \"warnings\": 0,\n  \"diagnostics\": \\[\\],\n  \"name\": \"indicators\".*\"id\": \"residential_admissions_65plus\"")
# stats and spc with --format: the answers of examples/data/outcomes-stats.jsonl as one table.
# Line 1 is Wilson's interval for 65/100: centre (65 + z²/2)/(100 + z²) = 0.64445, half-width
# z·√(65·35/100 + z²/4)/(100 + z²) = 0.09191, so 55.254… to 73.636… (%). Lines 7 and 8 are bad:
# their error columns are filled, and the exit code is 1 as without --format.
joinedup_cli_test(outcomes_stats_csv 1 ARGS outcomes stats examples/data/outcomes-stats.jsonl --format csv
                  OUT "^line,value,lower,upper,confidence,statistic,method,numerator,denominator,[^\n]*,error.code,error.severity,error.path,error.message\n1,65.0,55.25444329688797,73.63575175690247,95%,percentage,Wilson,65.0,100.0,[^\n]*\n.*\n7,,[^\n]*,outcomes.stats.numerator_exceeds_denominator,error,/numerator,numerator 11 is greater than denominator 10[^\n]*\n8,,[^\n]*outcomes.stats.syntax")
joinedup_cli_test(outcomes_stats_json 1 ARGS outcomes stats --format json
                  STDIN ${PROJECT_SOURCE_DIR}/examples/data/outcomes-stats.jsonl
                  OUT "^{\n  \"schema\": \"joinedup/outcomes-stats/v1\",\n  \"name\": \"answers\",.*\"rows\": .\n    {\n      \"line\": 1,\n      \"value\": 65.0,\n      \"lower\": 55.25444329688797,"
                  REJECT "\n}\n.")
joinedup_cli_test(outcomes_stats_table 1 ARGS outcomes stats examples/data/outcomes-stats.jsonl --format table
                  OUT "^Indicator values\nline +value +lower +upper +confidence +statistic +method.*\n +1 +65.0 +55.25444329688797 +73.63575175690247 +95% +percentage +Wilson")
# spc line 1: values 1,2,1,2,…,2,10. Mean 25/11 = 2.2727…; moving ranges nine 1s and one 8, the
# 8 screened out (≥ 3.267 × 1.7), AMR 1.0; limits 2.2727 ± 2.66: −0.3873 and 4.9327; point 11
# (10) is above the upper limit: improvement; each point is a row with its group's limits.
joinedup_cli_test(outcomes_spc_csv 1 ARGS outcomes spc examples/data/outcomes-spc.jsonl --format csv
                  OUT "^line,improvement_direction,variation,assurance,warnings,index,value,group,group.first,group.last,group.n,group.baseline_points,group.mean,group.amr,group.lpl,group.upl,[^\n]*\n.*\n1,increase,improvement_high,inconsistent,[^\n]*,11,10.0,1,1,11,11,11,2.272727272727273,1.0,-0.3872727272727272,4.9327272727272735,[^\n]*,improvement,Above UCL,1,true,false,")
joinedup_cli_test(outcomes_spc_json 1 ARGS outcomes spc examples/data/outcomes-spc.jsonl --format json
                  OUT "^{\n  \"schema\": \"joinedup/outcomes-spc/v1\",\n  \"name\": \"points\",.*\"group.upl\": 4.9327272727272735,"
                  REJECT "\n}\n.")
joinedup_cli_test(outcomes_demo 0 ARGS demo OUT "== outcomes: indicators, targets and SPC ==.*reablement_91_days")
# DSR of non-independent events, worked by hand in tests/outcomes/statistics_test.cpp: 1120 per
# 100,000 with limits 620.157… and 1783.171…; a row count that does not match is an error line.
joinedup_cli_test(outcomes_stats_dsr_non_independent 1 ARGS outcomes stats
                  STDIN tests/data/dsr-non-independent.jsonl
                  OUT "\"value\":1120.0,\"lower\":620.15713517368[0-9]*,\"upper\":1783.17169501148[0-9]*,.*\"method\":\"Dobson, with confidence adjusted for non-independent events\".*\"line\":2,\"error\":\\{\"code\":\"outcomes.stats.length_mismatch\"")
# A negative numerator (a count) is outcomes.csv.negative and its row is left out; the scorecard
# says it is incomplete and how many rows it lacks, and exits 1, instead of judging the target on
# a count of -99,999 admissions.
joinedup_cli_test(outcomes_scorecard_negative_numerator 1
                  ARGS outcomes scorecard tests/data/outcomes-negative-numerator.csv
                       --framework examples/data/northmoor-outcomes-framework.json --as-of 2025-11-30 --format json
                  OUT "\"complete\": false,\n  \"rows_rejected\": 1,"
                  ERR "outcomes.csv.negative.*column 'numerator' holds -99999")
joinedup_cli_test(outcomes_scorecard_negative_numerator_text 1
                  ARGS outcomes scorecard tests/data/outcomes-negative-numerator.csv
                       --framework examples/data/northmoor-outcomes-framework.json --as-of 2025-11-30
                  OUT "^INCOMPLETE: 1 measurement row\\(s\\) were rejected")

# outcomes import-fingertips: the Northmoor download (docs/outcomes-import-fingertips.md) has 12
# rows: 8 Persons 65+ rows of indicator 22401 for Northmoor and England, 2 of other sexes and 2
# deprivation-decile breakdowns, both left out. 22401 is the framework's falls indicator, a DSR:
# Fingertips' value and limits are kept, Count and Denominator are not.
joinedup_cli_test(outcomes_import_fingertips 0
                  ARGS outcomes import-fingertips examples/data/northmoor-fingertips-download.csv
                       --framework examples/data/northmoor-outcomes-framework.json
                  OUT "^indicator,area,period,period_end,numerator,denominator,standard_population,reference_numerator,reference_denominator,value,lower_95,upper_95,lower_99_8,upper_99_8,note\nfalls_admissions_65plus,E06000099,2020-21,2021-03-31,,,,,,1874.6,1759.1,1995.3,1702.7,2056.8,\n.*falls_admissions_65plus,E92000001,2023-24,2024-03-31,,,,,,1984.2,1976.3,1992.1,1972.4,1996.1,\n$"
                  ERR "2 row\\(s\\) left out: breakdowns by a category.*12 row\\(s\\) read, 8 mapped, 4 left out, 0 rejected")
# Two ages and a catalogue naming neither: both rows are refused until --age chooses, and the
# bad period is refused by its line; nothing is written.
joinedup_cli_test(outcomes_import_fingertips_rejects 1
                  ARGS outcomes import-fingertips tests/data/fingertips-ambiguous.csv
                  ERR "outcomes.import.period at /rows/4.*'2023/24 Q5'.*outcomes.import.ambiguous at /rows/2.*'65-79 yrs', '80\\+ yrs'.*3 row\\(s\\) read, 0 mapped, 0 left out, 3 rejected.*nothing written"
                  REJECT "^indicator,")
# The scorecard of the imported measurements shows Fingertips' figures beside its own, and
# compares Northmoor with the England benchmark of 2000 by Fingertips' 95% interval: 2020-21
# 1759.1 to 1995.3 is below it (better, lower is better), 2021-22 1968.6 to 2213.8 spans it
# (similar), 2022-23 2051.4 to 2299.7 is above it (worse).
joinedup_cli_test(outcomes_scorecard_published 0
                  ARGS outcomes scorecard tests/data/fingertips-measurements.csv
                       --framework examples/data/northmoor-outcomes-framework.json
                  OUT "published \\(95% interval\\)\nfalls_admissions_65plus +E06000099 +2020-21 +1875 +- better .* 1875 \\(1759 to 1995\\)\nfalls_admissions_65plus +E06000099 +2021-22 +2088 +- similar .*\nfalls_admissions_65plus +E06000099 +2022-23 +2173 +- worse .* 2173 \\(2051 to 2300\\)\n")
joinedup_cli_test(outcomes_scorecard_published_csv 0
                  ARGS outcomes scorecard tests/data/fingertips-measurements.csv
                       --framework examples/data/northmoor-outcomes-framework.json --format csv
                  OUT "points,published_value,published_lower_95,published_upper_95,published_lower_99_8,published_upper_99_8,published_note\n.*,1874.6,1759.1,1995.3,1702.7,2056.8,\n")
