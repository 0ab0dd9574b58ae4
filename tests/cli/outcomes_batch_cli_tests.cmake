# CLI tests of `joinedup outcomes stats` answered a block at a time (src/io/stats_batch.cpp): a
# mixed file of plain requests (computed through the batch path) and everything else (answered
# line by line) gives one answer per line, in order, exit 1 for its bad lines. Numbers are the
# hand-checked values of tests/outcomes/batch_test.cpp: Wilson 65/100 is 55.2544… to 73.6357…,
# 0/10 has upper z²/(10 + z²) = 0.27753…, 10/10 has lower 10/(10 + z²) = 0.72246…; Byar's for
# 25 per 10000 is 161.7426… to 369.0645…. The byte-for-byte comparison with the line-by-line
# answers is tests/io/stats_batch_test.cpp.
joinedup_cli_test(outcomes_batch_stats_mixed 1 ARGS outcomes stats tests/data/outcomes-batch-mixed.jsonl
                  OUT "^.\"line\":1,\"value\":65.0,\"lower\":55.2544432968879[0-9]*,\"upper\":73.6357517569024[0-9]*,\"confidence\":\"95%\",\"statistic\":\"percentage\",\"method\":\"Wilson\",\"numerator\":65.0,\"denominator\":100.0}\n.\"line\":2,\"id\":\"zero\",\"value\":0.0,\"lower\":0.0,\"upper\":0.277532799862889[0-9]*,.*\n.\"line\":3,\"id\":7,\"value\":1.0,\"lower\":0.722467200137110[0-9]*,\"upper\":1.0,.*\n.\"line\":4,\"value\":null,.*\"reason\":\"numerator or denominator is missing \\(NA\\)\"}\n.\"line\":5,\"error\":.\"code\":\"outcomes.stats.numerator_exceeds_denominator\".*\n.\"line\":6,\"value\":250.0,\"lower\":161.742659216572[0-9]*,\"upper\":369.064506921853[0-9]*,.*\"method\":\"Byars\".*\n.\"line\":7,.*\"lower_99_8\".*\"method\":\"Exact\".*\n.\"line\":8,\"value\":0.0,\"confidence\":null,.*\n.\"line\":9,\"error\".*\n.\"line\":10,.*\"reason\":\"the limit is infinite at this confidence level\"}\n.\"line\":12,.*\"warnings\".*\n.\"line\":13,.*Student's t-distribution.*\n.\"line\":14,\"error\":.\"code\":\"io.json.duplicate_key\".*\n.\"line\":15,\"error\":.\"code\":\"outcomes.stats.confidence\".*\n.\"line\":16,\"error\":.\"code\":\"outcomes.stats.multiplier\".*\n.\"line\":17,\"error\":.\"code\":\"outcomes.stats.syntax\".*\n.\"line\":18,\"id\":\"café\",.*\n.\"line\":19,.*\"confidence\":\"99.8%\".*\n.\"line\":20,\"error\".*\n.\"line\":21,\"id\":18446744073709551615,\"value\":0.0,.*\n.\"line\":22,.*\"statistic\":\"count\".*\n$")
# The same through standard input, and as a CSV table.
joinedup_cli_test(outcomes_batch_stats_stdin 1 ARGS outcomes stats
                  STDIN ${PROJECT_SOURCE_DIR}/tests/data/outcomes-batch-mixed.jsonl
                  OUT "^.\"line\":1,\"value\":65.0,.*\n.\"line\":22,[^\n]*\n$")
joinedup_cli_test(outcomes_batch_stats_csv 1 ARGS outcomes stats tests/data/outcomes-batch-mixed.jsonl --format csv
                  OUT "^line,value,lower,upper,confidence,statistic,method,numerator,denominator,id,[^\n]*\n1,65.0,55.25444329688797,73.63575175690247,95%,percentage,Wilson,65.0,100.0,[^\n]*\n2,0.0,0.0,0.2775327998628892,95%,proportion of 1,Wilson,0.0,10.0,zero,")
