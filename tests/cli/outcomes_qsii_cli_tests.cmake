# CLI tests of `joinedup outcomes stats` methods "quantile" and "sii" (docs/outcomes-qsii.md).
# examples/data/outcomes-qsii.jsonl: line 1 is rows 458-470 of PHEindicatormethods'
# testdata_Quantiles.xlsx (deciles, highest first; QuantileInGrp 1,1,2,2,4,4,5,6,7,7,8,8,10).
# Line 2 by hand, lowest first in halves: north 9.8, 12.1, 15.3 (n = 3, width 1.5) are ranks
# 1-3 → 3 − ⌈(4 − r)/1.5⌉ = 1, 1, 2; south 10.5, 11.0, 13.3, 14.2 → 1, 1, 2, 2; null → null.
# Lines 3-5 are testdata_SII.xlsx RecordNo 1 (SII 6.9346164736688189), RecordNo 316 (log
# transform, SII -2.2954691808474057) and RecordNo 111 (proportion from counts x 100,
# SII -10.720032333730494); their limits are simulated (not matched here).
joinedup_cli_test(outcomes_qsii_lines 0 ARGS outcomes stats examples/data/outcomes-qsii.jsonl
                  OUT "^.\"line\":1,\"id\":\"deciles\",\"quantiles\":.1,1,2,2,4,4,5,6,7,7,8,8,10.,\"nquantiles\":10,\"qinverted\":\"lowest quantile represents highest values\".\n.\"line\":2,[^\n]*\"quantiles\":.1,2,null,1,1,2,2,1.,[^\n]*\n.\"line\":3,[^\n]*\"sii\":6.93461647366881[0-9]*,\"rii\":1.08881808044462[0-9]*,\"sii_lower_95\":[0-9.]+,\"sii_upper_95\":[0-9.]+,\"rii_lower_95\":[^\n]*\"intercept\":78.0766307823167[0-9]*,\"indicator_type\":\"normal\",\"multiplier\":1.0,\"transform\":\"none\",\"ci_confidence\":\"95%\",\"ci_method\":\"simulation 1e\\+05 reps\",\"seed\":1.\n.\"line\":4,[^\n]*\"sii\":-2.29546918084740[0-9]*,[^\n]*\"sii_lower_99_8\":[^\n]*\"transform\":\"log\",\"ci_confidence\":\"95%, 99.8%\"[^\n]*\n.\"line\":5,[^\n]*\"sii\":-10.720032333730[0-9]*,\"rii\":[^,]*,\"sii_lower_95\":[^\n]*\"indicator_type\":\"proportion\",\"multiplier\":100.0"
                  REJECT "\"line\":5,[^\n]*\"rii_lower|error")
# The same answers as CSV: the quantiles as one JSON array cell.
joinedup_cli_test(outcomes_qsii_csv 0 ARGS outcomes stats examples/data/outcomes-qsii.jsonl --format csv
                  OUT "^line,id,quantiles,nquantiles,qinverted,sii,rii,[^\n]*\n1,deciles,\"\\[1,1,2,2,4,4,5,6,7,7,8,8,10\\]\",10,")
# Refused requests, one error line each, exit 1: R's stops (3 quantiles; se with transform; a
# negative population, reported at its own index before sorting; confidence 0.35), a repeated
# quantile, a short se array, an unbounded repetitions, a string value, nquantiles 0, short
# groups, invert flags that differ within a group; line 12 is answered (all null, too few
# values, and the unknown field warned about).
joinedup_cli_test(outcomes_qsii_errors 1 ARGS outcomes stats STDIN tests/data/outcomes-qsii-bad.jsonl
                  OUT "^.\"line\":1,\"error\":.\"code\":\"outcomes.sii.quantiles\"[^\n]*\n.\"line\":2,\"error\":.\"code\":\"outcomes.sii.transform\"[^\n]*\n.\"line\":3,\"error\":.\"code\":\"outcomes.sii.population\",\"severity\":\"error\",\"path\":\"/populations/3\"[^\n]*\n.\"line\":4,\"error\":.\"code\":\"outcomes.sii.quantiles\"[^\n]*\n.\"line\":5,\"error\":.\"code\":\"outcomes.sii.length_mismatch\"[^\n]*\n.\"line\":6,\"error\":.\"code\":\"outcomes.sii.confidence\"[^\n]*\n.\"line\":7,\"error\":.\"code\":\"outcomes.sii.repetitions\"[^\n]*\n.\"line\":8,\"error\":.\"code\":\"outcomes.sii.request\"[^\n]*\n.\"line\":9,\"error\":.\"code\":\"outcomes.quantile.nquantiles\"[^\n]*\n.\"line\":10,\"error\":.\"code\":\"outcomes.quantile.length_mismatch\"[^\n]*\n.\"line\":11,\"error\":.\"code\":\"outcomes.quantile.invert\"[^\n]*\n.\"line\":12,\"quantiles\":.null,null,null.[^\n]*outcomes.quantile.unknown_field[^\n]*outcomes.quantile.too_few")
