# CLI tests for `joinedup care …` (docs/care.md). Expected values are hand-checked against
# data/demo/care-plans.json and examples/data/northmoor-plans.json.
# The demo caseload on 2025-11-30: NM-P-0003 was agreed on 2025-08-11, so its light-touch review
# was due by 2025-10-06 (8 weeks, statutory guidance ch. 13) and is 55 days late.
joinedup_cli_test(care_check_demo 1 ARGS care check data/demo/care-plans.json --as-of 2025-11-30
                  OUT "8 people, 4 case managers, 7 plans \\(5 in force\\) on 2025-11-30: 1 error"
                  ERR "care.review.overdue at /plans/2/history.*\\*\\*\\* \\*\\*\\* 0180.*55 days overdue"
                  REJECT "9995550180")
# The planted example: one problem of each kind, NHS numbers masked.
joinedup_cli_test(care_check_planted 1 ARGS care check examples/data/northmoor-plans.json
                  ERR "core.nhs_number.check_digit.*care.budget.sum.*care.case_manager.overlap.*care.service.person_funded_nhs_need.*care.direct_payment.incomplete.*care.service.scheme.*care.case_manager.gap.*from 2025-09-01 to 2025-09-14.*care.lifecycle.transition.*care.plan.involvement.*care.service.dates.*care.case_manager.over_capacity"
                  REJECT "9991234560")
joinedup_cli_test(care_check_json 1 ARGS care check examples/data/northmoor-plans.json --format json
                  OUT "\"schema\": \"joinedup/diagnostics/v1\".*care.case_manager.gap")
joinedup_cli_test(care_check_no_date 2 ARGS care check examples/data/northmoor-plans.json --as-of 2025-02-30)
joinedup_cli_test(care_check_missing_file 1 ARGS care check /nonexistent.json ERR "io.file.read")
# Guarantee: 6 people with complex needs; 4 agreed plans (66.7%); 3 named case managers present
# today (cm-clarke is on leave); reviews in date 3 of 4; days assessment→plan 27, 28, 34, 41:
# median (28 + 34) / 2 = 31, 90th percentile (nearest rank ⌈3.6⌉ = 4th) = 41.
joinedup_cli_test(care_guarantee 0 ARGS care guarantee data/demo/care-plans.json
                  OUT "agreed_plan +4 +6 +66.7\nnamed_case_manager +3 +6 +50.0\nreview_in_date +3 +4 +75.0\nmedian_days_assessment_to_plan +31 +4\np90_days_assessment_to_plan +41 +4")
joinedup_cli_test(care_guarantee_csv 0 ARGS care guarantee data/demo/care-plans.json --format csv
                  OUT "measure,numerator,denominator,percent\nagreed_plan,4,6,66.7")
joinedup_cli_test(care_caseload 0 ARGS care caseload data/demo/care-plans.json --as-of 2025-11-30
                  OUT "cm-clarke .* 2 +1 +1  absent\ncm-davies .* 4 +3 +1  ok")
# cm-clarke leaves: nobody else at the ICB, so the most spare capacity elsewhere (cm-brown, 3).
joinedup_cli_test(care_caseload_leaving 0 ARGS care caseload examples/data/northmoor-plans.json --leaving cm-clarke
                  OUT "NM-P-0002 +\\*\\*\\* \\*\\*\\* 4323 +cm-clarke +cm-brown +yes")
joinedup_cli_test(care_caseload_unknown 2 ARGS care caseload data/demo/care-plans.json --leaving nobody)
joinedup_cli_test(care_reviews 0 ARGS care reviews data/demo/care-plans.json --format csv
                  OUT "NM-P-0003,\\*\\*\\* \\*\\*\\* 0180,care_act,first_review,2025-10-06,2025-09-22,55")
# Committed spend 2025-26: the day centre (£45.00 × 2 a week, all 365 days) = £4,692.86. Text
# shows money as money; CSV and JSON keep the decimal string of earlier releases.
joinedup_cli_test(care_cost 0 ARGS care cost data/demo/care-plans.json --year 2025-26
                  OUT "L05 +£4,692.86\n")
joinedup_cli_test(care_cost_csv 0 ARGS care cost data/demo/care-plans.json --year 2025-26 --format csv
                  OUT "^line,committed\n.*L05,4692.86\n")
joinedup_cli_test(care_cost_json 0 ARGS care cost data/demo/care-plans.json --year 2025-26 --format json
                  OUT "^{\n  \"schema\": \"joinedup/care-committed-spend/v1\",\n  \"name\": \"committed_spend\",\n  \"title\": .*\"line\": \"L05\",\n +\"committed\": \"4692.86\"")
# The guarantee document keeps its types: the numerator and percent are strings, as always.
joinedup_cli_test(care_guarantee_json 0 ARGS care guarantee data/demo/care-plans.json --format json
                  OUT "\"schema\": \"joinedup/care-guarantee/v1\".*\"measure\": \"agreed_plan\",\n +\"numerator\": \"4\",\n +\"denominator\": 6,\n +\"percent\": \"66.7\"")
# --leaving prints two tables: CSV holds one, the proposal unless --table names the caseload.
# cm-clarke's one plan (NM-P-0002) goes to cm-brown, whose load becomes 1 of 3; cm-clarke keeps 0.
joinedup_cli_test(care_caseload_leaving_csv 0 ARGS care caseload data/demo/care-plans.json --leaving cm-clarke --format csv
                  OUT "^plan,nhs_number,from,to,within_capacity\nNM-P-0002,\\*\\*\\* \\*\\*\\* 4323,cm-clarke,cm-brown,yes\n$")
joinedup_cli_test(care_caseload_leaving_table 0 ARGS care caseload data/demo/care-plans.json --leaving cm-clarke --format csv --table caseload
                  OUT "^case_manager,name,role,organisation,capacity,caseload,spare,status\n.*cm-brown,Ben Brown,community matron,Northmoor Community Health NHS Trust,3,1,2,ok\ncm-clarke,Chloe Clarke,CHC nurse assessor,NHS Northmoor and Dale ICB,2,0,2,absent\n")
joinedup_cli_test(care_caseload_leaving_bad_table 2 ARGS care caseload data/demo/care-plans.json --leaving cm-clarke --table nope
                  ERR "--table: nope not in")
joinedup_cli_test(care_demo 0 ARGS demo OUT "== care: care plans and named case managers ==.*agreed_plan +4 +6 +66.7"
                  REJECT "9995550180")
# A service whose year's cost is outside the range of money (£900bn × 99,999,999 units a week):
# no committed spend is printed (it would leave the service out), exit 1, never a crash.
joinedup_cli_test(care_cost_overflow 1 ARGS care cost tests/data/care-cost-overflow.json --year 2025-26 --as-of 2025-11-30
                  ERR "core.money.overflow.*service 's1' of plan 'NM-P-0001'"
                  REJECT "internal error|Lines")
