# CLI tests for `joinedup governance …` (docs/governance.md). Expected values are hand-checked
# against examples/data/northmoor-*.json and data/demo/governance-*.json; facts from
# docs/sources.md §S-BCF-SIGN-OFF (the HWB signs off the plan), §S-BCF-RETURNS (quarterly and
# year-end returns), §S-RISK-SCHEME-CAPPED (both finance directors agree before the risk share
# is departed from).

# check: the council's Q2 return was due 2025-11-14 and is 16 days overdue on 2025-11-30; NHS
# England's Q2 return was 7 days late; the HWB signed the 2025-26 plan off on 2025-03-20, before
# its 2025-03-31 deadline (§1.1). The broken example's plan was signed off late, on 2025-04-15.
joinedup_cli_test(governance_check 1 ARGS governance check examples/data/northmoor-commissioner.json --as-of 2025-11-30
                  OUT "accounting officer Dr Amira Shah; 10 returns, 1 overdue, 1 late, 0 HWB sign-off\\(s\\) missing, 0 fund\\(s\\) on no line of accountability; 1 error\\(s\\), 1 warning\\(s\\).*council_quarterly .*2025-26 Q2 +2025-11-14 +overdue +16"
                  ERR "governance.return.late.*7 days after.*governance.return.overdue at /lines/2/returns/1/submitted.*16 days overdue")
# On 2025-11-14 the council's return is due that day, not overdue: no errors.
joinedup_cli_test(governance_check_on_deadline 0 ARGS governance check examples/data/northmoor-commissioner.json --as-of 2025-11-14
                  OUT "0 overdue")
joinedup_cli_test(governance_check_json 1 ARGS governance check examples/data/northmoor-commissioner.json --format json
                  OUT "\"schema\": \"joinedup/governance-check/v1\".*\"accounting_officer\": \"Dr Amira Shah\".*\"days_overdue\": 16.*governance.return.overdue")
joinedup_cli_test(governance_check_csv 1 ARGS governance check examples/data/northmoor-commissioner.json --format csv
                  OUT "line,body,cadence,period,due,submitted,state,days_overdue,hwb_sign_off\nnhse_quarterly,")
# The planted example: one problem of each kind. Its fund links to the Riverside fund, which is
# for another HWB area (E10000098) with two ICBs that are not partners here.
joinedup_cli_test(governance_check_broken 1 ARGS governance check examples/data/broken-commissioner.json --as-of 2025-11-30
                  ERR "governance.fund.area_mismatch at /funds/0/fund_file.*governance.fund.partner_mismatch at /funds/0/fund_file: fund 'bcf_2025_26' has partner 'icb_a'.*governance.accounting_officer.multiple.*governance.id.duplicate at /lines/3/id.*governance.partner.unknown at /services/4/commissioned_by/1.*governance.sign_off.late at /lines/1/returns/0.*governance.sign_off.missing at /lines/1/returns/1.*governance.line.no_body at /lines/5/body.*governance.fund.unaccountable at /funds/2")
# Read from stdin, a fund_file is relative to the working directory (the repository root here),
# where there is no northmoor-fund.json.
joinedup_cli_test(governance_check_stdin 1 ARGS governance check - --as-of 2025-11-14
                  STDIN ${PROJECT_SOURCE_DIR}/examples/data/northmoor-commissioner.json
                  ERR "governance.fund.file at /funds/0/fund_file: fund 'bcf_2025_26'")
joinedup_cli_test(governance_check_bad_date 2 ARGS governance check examples/data/northmoor-commissioner.json --as-of 2025-02-30)
joinedup_cli_test(governance_check_missing 1 ARGS governance check /nonexistent.json ERR "io.file.read")

# decide: one permitted request and one of each kind of denial; exit 0 only when permitted.
joinedup_cli_test(governance_decide_permitted 0 ARGS governance decide examples/data/northmoor-request-permitted.json --scheme examples/data/northmoor-delegation.json
                  OUT "Decision: permitted\nRule: DEL-03\nApprovals counted:\n  p-okafor as icb_cfo\n  p-hale as council_s151\n  p-shah as integrated_director")
joinedup_cli_test(governance_decide_self 1 ARGS governance decide examples/data/northmoor-request-self-approval.json --scheme examples/data/northmoor-delegation.json
                  OUT "Decision: denied\nRule: DEL-01.*self_approval: 'p-shah' made the request and so cannot approve it.*quorum_not_met")
joinedup_cli_test(governance_decide_one_partner 1 ARGS governance decide examples/data/northmoor-request-one-partner.json --scheme examples/data/northmoor-delegation.json
                  OUT "Decision: denied\nRule: DEL-06.*needs 1 approval\\(s\\) from Chief Finance Officer \\(icb\\)")
joinedup_cli_test(governance_decide_over_limit 1 ARGS governance decide examples/data/northmoor-request-over-limit.json --scheme examples/data/northmoor-delegation.json
                  OUT "Decision: denied\nRule: \\(none\\).*no_rule_authorises: no rule authorises virement_between_lines of £300,000.00")
joinedup_cli_test(governance_decide_not_in_role 1 ARGS governance decide examples/data/northmoor-request-not-in-role.json --scheme examples/data/northmoor-delegation.json
                  OUT "Rule: DEL-04.*not_in_role: 'p-evans' holds none of the roles")
joinedup_cli_test(governance_decide_json 1 ARGS governance decide examples/data/northmoor-request-one-partner.json --scheme examples/data/northmoor-delegation.json --format json
                  OUT "\"schema\": \"joinedup/decision/v1\".*\"outcome\": \"denied\".*\"rule\": \"DEL-06\"")
joinedup_cli_test(governance_decide_csv 0 ARGS governance decide examples/data/northmoor-request-permitted.json --scheme examples/data/northmoor-delegation.json --format csv
                  OUT "request,outcome,rule,reason,message\nVIR-2025-014,permitted,DEL-03,,")
# Input errors: a request that is not a request.
joinedup_cli_test(governance_decide_wrong_doc 1 ARGS governance decide examples/data/northmoor-delegation.json --scheme examples/data/northmoor-delegation.json
                  ERR "io.json.schema")
joinedup_cli_test(governance_decide_no_scheme 2 ARGS governance decide examples/data/northmoor-request-permitted.json)

# progress: the demo fund's contributions on 2025-11-30 after its events (icb 26,112,540.00,
# council 14,030,770.21; `joinedup budget at data/demo/budget-fund.json --events
# data/demo/budget-events.json --date 2025-11-30`): 40,143,310.21 / 417,650,000.00 = 9.6% in pooled
# budgets; 97,000 / 318,400 = 30.5% covered; 5 of 8 services joint (62.5%, Wilson 95% 30.6 to 86.3); with the demo care records,
# 3 of 6 people with complex needs have an agreed plan and a named case manager who is not away
# (50.0%, Wilson 95% 18.8 to 81.2); with --plans the measures end with organisations_per_person
# (10 / 4, tests/cli/governance_integration_cli_tests.cmake). Ambitions, each with the coverage of its measure dated on or
# before its date: new care models 71,400 of 310,200 on 2018-03-31 = 23.0% >= 20% (met);
# 121,000 of 313,900 on 2020-03-31 = 38.5%, 156,950 - 121,000 = 35,950 short of 50% (not met);
# no integrated arrangements figure on or before 2020-03-31 (not assessable).
joinedup_cli_test(governance_progress 0 ARGS governance progress examples/data/northmoor-progress.json --plans data/demo/care-plans.json --as-of 2025-11-30
                  OUT "pooled_spend_share +pence +4014331021 +41765000000 +9.6\npopulation_covered +residents +97000 +318400 +30.5\njoint_services +services +5 +8 +62.5 +30.6 +86.3\nplan_and_case_manager +people +3 +6 +50.0 +18.8 +81.2.*new_care_models_20pc_2017_18 +20.0% +2018-03-31 +met +0 +C.*new_care_models_50pc_2020 +50.0% +2020-03-31 +not_met +35950 +C.*spending_review_2015_integration +100.0% +2020-03-31 +not_assessable +C")
# On 2017-06-01 only the 2017-03-31 figures are known: 41,300 of 308,700; 50% is 154,350, 113,050
# short, and 2020 has not come.
joinedup_cli_test(governance_progress_2017 0 ARGS governance progress examples/data/northmoor-progress.json --as-of 2017-06-01 --format csv --table ambitions
                  OUT "^ambition,share,by,state,residents_short,confidence,source,measure,measured_on,covered,residents,reason\n.*new_care_models_50pc_2020,50.0%,2020-03-31,not_yet_due,113050,C,.*,new_care_models,2017-03-31,41300,308700,")
# CSV is one table per file: the measures by default, never the ambitions after them.
joinedup_cli_test(governance_progress_csv 0 ARGS governance progress examples/data/northmoor-progress.json --plans data/demo/care-plans.json --as-of 2025-11-30 --format csv
                  OUT "^measure,unit,numerator,denominator,percent,lower95,upper95\npooled_spend_share,pence,4014331021,41765000000,9.6,,\npopulation_covered,residents,97000,318400,30.5,,\njoint_services,services,5,8,62.5,30.6,86.3\nplan_and_case_manager,people,3,6,50.0,18.8,81.2\norganisations_per_person,organisations,10,4,,,\n$"
                  REJECT "ambition")
joinedup_cli_test(governance_progress_text_one_table 0 ARGS governance progress examples/data/northmoor-progress.json --as-of 2025-11-30 --table ambitions
                  OUT "^Ambitions for population coverage\nambition +share" REJECT "pooled_spend_share")
joinedup_cli_test(governance_progress_bad_table 2 ARGS governance progress examples/data/northmoor-progress.json --format csv --table returns
                  ERR "--table: returns not in")
joinedup_cli_test(governance_progress_ambitions 0 ARGS governance progress examples/data/northmoor-progress.json --ambitions data/governance/ambitions.json --format json
                  OUT "\"schema\": \"joinedup/progress-report/v1\".*spending_review_2015_integration.*\"state\": \"not_assessable\".*\"reason\": \"no integrated_arrangements coverage is dated on or before 2020-03-31\"")
# An old document (ambitions of integrated arrangements, no dated coverage) measured in 2025: its
# 2025 population figures no longer judge the 2017/18 ambition (it was "met" from 2025 coverage).
joinedup_cli_test(governance_progress_old_document 0 ARGS governance progress tests/governance/data/progress-2025-undated.json --format csv --table ambitions
                  OUT "integrated_20pc_2017_18,20.0%,2018-03-31,not_assessable,,U,")
joinedup_cli_test(governance_progress_bad_plans 1 ARGS governance progress examples/data/northmoor-progress.json --plans examples/data/northmoor-delegation.json
                  ERR "io.json.schema")

joinedup_cli_test(governance_demo 0 ARGS demo
                  OUT "== governance: single commissioning ==.*accounting officer Dr Amira Shah.*Decision: permitted.*plan_and_case_manager +people +3 +6 +50.0")
