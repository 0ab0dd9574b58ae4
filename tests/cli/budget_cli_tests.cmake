# CLI tests for `joinedup budget …`.
joinedup_cli_test(budget_validate_ok 0 ARGS budget validate examples/data/northmoor-fund.json
                  OUT "^Northmoor Better Care Fund 2025-26 \\(2025-26\\), host council\nsource +label +income +planned\nadditional_la +Additional LA Contribution +£1,050,000.00 +£850,000.00\n.*\n +Total +£39,893,310.21 +£39,393,310.21\n\nPartners' contributions\npartner +name +contribution\nicb +NHS Northmoor and Dale Integrated Care Board +£25,862,540.00\ncouncil +Northmoor Council +£14,030,770.21\n\nCounts\npartners +contributions +schemes +lines\n +2 +7 +4 +11\n\nNo problems found.\n$")
# --format csv: the summary by funding source (one table); the diagnostics go to stderr.
joinedup_cli_test(budget_validate_csv 0 ARGS budget validate examples/data/northmoor-fund.json --format csv
                  OUT "^source,label,income,planned\nadditional_la,Additional LA Contribution,1050000.00,850000.00\nadditional_nhs,Additional NHS Contribution,1550000.00,1250000.00\ndfg,DFG,3104227.00,3104227.00\nla_better_care_grant,Local Authority Better Care Grant,9876543.21,9876543.21\nnhs_minimum,NHS Minimum Contribution,24312540.00,24312540.00\n,Total,39893310.21,39393310.21\n$")
joinedup_cli_test(budget_validate_broken_csv 1 ARGS budget validate examples/data/broken-fund.json --format csv
                  OUT "^source,label,income,planned\n.*\nla_better_care_grant,Local Authority Better Care Grant,9876543.21,10376543.21\n"
                  ERR "budget.fund.host_not_partner.*8 errors, 2 warnings")
# --format json: today's diagnostics document with the summary tables added.
joinedup_cli_test(budget_validate_json_tables 0 ARGS budget validate examples/data/northmoor-fund.json --format json
                  OUT "^{\n  \"schema\": \"joinedup/diagnostics/v1\",\n  \"errors\": 0,\n  \"warnings\": 0,\n  \"diagnostics\": \\[\\],\n  \"tables\": \\[\n    {\n      \"name\": \"sources\".*\"label\": \"Total\",\n *\"income\": \"39893310.21\".*\"name\": \"partners\".*\"contribution\": \"14030770.21\".*\"name\": \"counts\".*\"lines\": 11")
joinedup_cli_test(budget_validate_riverside 0 ARGS budget validate examples/data/riverside-fund.json
                  OUT "No problems found")
# The broken example plants one problem of each kind; the shortfalls were checked by hand:
# LA grant spend 7,500,000 + 2,876,543.21 = 10,376,543.21 against 9,876,543.21 of income.
joinedup_cli_test(budget_validate_broken 1 ARGS budget validate examples/data/broken-fund.json
                  OUT "budget.fund.host_not_partner at /host.*budget.fund.joint_shares at /lines/1.*budget.fund.dfg_revenue at /lines/9/capital.*exceeds its income of £9,876,543.21 by £500,000.00.*8 errors, 2 warnings")
joinedup_cli_test(budget_validate_json 1 ARGS budget validate --format json examples/data/broken-fund.json
                  OUT "\"schema\": \"joinedup/diagnostics/v1\",\n  \"errors\": 8,\n  \"warnings\": 2")
joinedup_cli_test(budget_validate_missing 1 ARGS budget validate no-such-fund.json OUT "io.file.read")
joinedup_cli_test(budget_validate_not_json 1 ARGS budget validate README.md OUT "fatal io.json.syntax")

# Forecast of Northmoor 2025-26 as of 2025-11-30 (hand check, docs/budget-ledger.md): 1 April to
# 30 November is E = 244 days of Y = 365, R = 121 left. Line L01 has spent S = 4,178,333.36 and
# has no commitments, so commitments plus profile gives S + 6,200,000 × 121/365 = 4,178,333.36 +
# 2,055,342.47 = 6,233,675.83, a variance of +33,675.83.
joinedup_cli_test(budget_forecast_northmoor 0
                  ARGS budget forecast examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-11-30
                  OUT "92 row\\(s\\) read, 92 accepted, 0 rejected.*\n\nLines\nline +planned +spend_to_date +commitments +outturn +variance\nL01 +£6,200,000.00 +£4,178,333.36 +£0.00 +£6,233,675.83 +£33,675.83\n.*\nTotal +£39,393,310.21 +£26,345,637.04 +£1,381,333.33 +£39,559,547.18 +£166,236.97\n\nSchemes\n.*\n\nFunding sources\n.*\n\nPartners\n.*\n\nSpend by month to date\nmonth +spend\n2025-26 M01 .*\n2025-26 M08 +£[0-9,.]+\n$")
# Run rate as of 2025-06-30 (E = 91): L01 spent 516,666.67, × 365/91 = 2,072,344.34 (half to
# even). The planted bad rows are each reported with their file line, and the run exits 1.
joinedup_cli_test(budget_forecast_run_rate_bad_rows 1
                  ARGS budget forecast examples/data/northmoor-fund.json
                       tests/data/northmoor-bad-rows-ledger.csv --as-of 2025-06-30 --method run_rate
                  OUT "^Forecast outturn of Northmoor Better Care Fund 2025-26, 2025-26, as of 2025-06-30 \\(run_rate\\)\nINCOMPLETE: 4 of 7 ledger row\\(s\\) were rejected.*\nLedger: 7 row\\(s\\) read, 3 accepted, 4 rejected; control total £1,326,545.27.*L01 +£6,200,000.00 +£516,666.67 +£0.00 +£2,072,344.34"
                  ERR "budget.ledger.unknown_line at /rows/4/line \\(line 5\\).*budget.ledger.outside_year at /rows/5/date \\(line 6\\).*core.money.precision at /rows/6/amount \\(line 7\\).*budget.ledger.kind at /rows/7/kind \\(line 8\\)")
joinedup_cli_test(budget_forecast_json 0
                  ARGS budget forecast --format json examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-11-30
                  OUT "\"schema\": \"joinedup/forecast/v1\".*\"rows_read\": 92.*\"total\": \"27726970.37\"")
joinedup_cli_test(budget_forecast_csv 0
                  ARGS budget forecast --format csv examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-11-30
                  OUT "^level,key,planned,spend_to_date,commitments,outturn,variance\nline,L01,6200000.00,4178333.36,0.00,6233675.83,33675.83\n")
joinedup_cli_test(budget_forecast_needs_as_of 2
                  ARGS budget forecast examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv
                  ERR "--as-of is required")
# A bad option value is a usage error (exit 2) in every command, checked as the command line
# is read.
joinedup_cli_test(budget_forecast_bad_method 2
                  ARGS budget forecast examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-11-30 --method nope
                  ERR "--method: nope not in")
joinedup_cli_test(budget_settle_bad_as_of 2
                  ARGS budget settle examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-13-01
                  ERR "--as-of")

# Riverside 2024-25 at year end (hand check): the ledger's actuals total 21,264,000.00 against a
# plan of 20,700,000.00, an overspend of 564,000.00. The DFG line D1 (capital) is 84,000.00 under;
# capital is settled apart, so under the default rule it is retained in the pool, not handed to
# the ICB host. Revenue is 648,000.00 over: 386,000.04 of overspends are met from underspends,
# the risk pool of 500,000.00 is used in full, and 148,000.00 is left for the partners.
joinedup_cli_test(budget_settle_riverside 0
                  ARGS budget settle examples/data/riverside-fund.json
                       examples/data/riverside-ledger.csv
                  OUT "as of 2025-03-31\n.*variance £564,000.00 \\(overspend\\).*Check: variance £564,000.00 = partners' shares £148,000.00 \\+ pool movements £416,000.00.*Capital, on its own: income £2,100,000.00, planned £2,100,000.00, outturn £2,016,000.00")
joinedup_cli_test(budget_settle_riverside_json 0
                  ARGS budget settle --format json examples/data/riverside-fund.json
                       examples/data/riverside-ledger.csv
                  OUT "\"schema\": \"joinedup/settlement/v1\".*\"variance\": \"564000.00\",\n  \"income\": \"21200000.00\",\n  \"planned\": \"20700000.00\",.*\"risk_pool_funded\": \"500000.00\",.*\"partners\": \\[.*\"pool_movements\": \\[.*\"amount\": \"500000.00\".*\"conserved\": true")
joinedup_cli_test(budget_settle_northmoor_csv 0
                  ARGS budget settle --format csv examples/data/northmoor-fund.json
                       examples/data/northmoor-ledger.csv --as-of 2025-11-30
                  OUT "^kind,partner,contribution,share_of_variance,final_contribution,amount,reason,unspent_returned\npartner,icb,25862540.00,")
joinedup_cli_test(budget_settle_bad_rows 1
                  ARGS budget settle examples/data/northmoor-fund.json
                       tests/data/northmoor-bad-rows-ledger.csv --as-of 2025-06-30
                  ERR "4 errors")
joinedup_cli_test(budget_settle_broken_fund 1
                  ARGS budget settle examples/data/broken-fund.json examples/data/northmoor-ledger.csv
                  ERR "budget.fund.host_not_partner")
# The largest amount money holds, spent by 1 April and run-rated to a year: beyond the range of
# money, so a diagnostic and exit 1, never a crash.
joinedup_cli_test(budget_forecast_overflow 1
                  ARGS budget forecast examples/data/northmoor-fund.json
                       tests/data/northmoor-huge-ledger.csv --as-of 2025-11-30 --method run_rate
                  ERR "budget.forecast.overflow")
joinedup_cli_test(budget_settle_overflow 1
                  ARGS budget settle examples/data/northmoor-fund.json
                       tests/data/northmoor-huge-ledger.csv --as-of 2025-11-30 --method run_rate
                  ERR "budget.forecast.overflow")

# -o FILE writes the output there and nothing to standard output; --bom starts CSV with a UTF-8
# byte order mark. Checked on each budget command that prints data (the first line of the file).
function(joinedup_output_file_test name header)
  set(file "${CMAKE_CURRENT_BINARY_DIR}/cli_${name}.csv")
  add_test(NAME cli.${name}_output_file
           COMMAND sh -c [=[exe=$1; file=$2; head=$3; shift 3; rm -f "$file"
out=$("$exe" "$@" --format csv --bom -o "$file") || exit 1
[ -z "$out" ] || { echo "stdout not empty: $out"; exit 1; }
printf '\357\273\277%s\n' "$head" > "$file.expect"
head -n 1 "$file" | cmp - "$file.expect"]=] sh $<TARGET_FILE:joinedup_cli> ${file} ${header} ${ARGN}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
joinedup_output_file_test(budget_validate "source,label,income,planned"
                          budget validate examples/data/northmoor-fund.json)
joinedup_output_file_test(budget_forecast "level,key,planned,spend_to_date,commitments,outturn,variance"
                          budget forecast examples/data/northmoor-fund.json
                          examples/data/northmoor-ledger.csv --as-of 2025-11-30)
joinedup_output_file_test(budget_capitation "area,people,market_forces_factor,weighted_population,allocation"
                          budget capitation examples/data/northmoor-population.csv --rate 312.40)
joinedup_output_file_test(budget_compare_payments "model,provider,applicable,low_volume,payment,if_activity_up,if_activity_down,exposure_up,exposure_down,at_risk"
                          budget compare-payments examples/data/northmoor-scenario.json)
joinedup_output_file_test(budget_alliance "member,budget,actual,share,provisional,share_of_variance,limited,payment"
                          budget alliance examples/data/northmoor-alliance.json)
# --bom is for CSV only: a JSON document still starts with "{".
joinedup_cli_test(budget_forecast_json_bom_ignored 0
                  ARGS budget forecast examples/data/northmoor-fund.json examples/data/northmoor-ledger.csv
                       --as-of 2025-11-30 --format json --bom
                  OUT "^{\n  \"schema\": \"joinedup/forecast/v1\"")

# A performance-linked element whose target was not met, and a Health and Wellbeing Board
# decision (tests/data/performance-fund.json; docs/budget-settlement.md has the arithmetic). The
# ICB's £100,000.00 is withheld and L2's plan comes off; L1 is £10,000.00 over (2 : 1,
# £6,666.67 and £3,333.33), L3 £10,000.00 under and returned 2 : 1 as the Board decided, the
# £20,000.00 no line planned returned 2 : 1 (£13,333.33 and £6,666.67): finals £586,666.67 and
# £293,333.33, the outturn £880,000.00.
joinedup_cli_test(budget_settle_performance_linked 0
                  ARGS budget settle tests/data/performance-fund.json
                       tests/data/performance-ledger.csv
                  OUT "Total +£900,000.00 +£0.00 +-£20,000.00 +£880,000.00.*it was not met, so NHS Northmoor and Dale Integrated Care Board keeps it.*the Board decided \\(HWB/26/14\\): return pro rata")
joinedup_cli_test(budget_settle_performance_linked_json 0
                  ARGS budget settle --format json tests/data/performance-fund.json
                       tests/data/performance-ledger.csv
                  OUT "\"withheld\": \\[\n    {\n      \"partner\": \"icb\",\n      \"source\": \"additional_nhs\",\n      \"amount\": \"100000.00\",.*\"hwb_decision\": \"HWB/26/14\"")

# A two-year plan (examples/data/riverside-plan-2024-26.json, Riverside 2024-25 with 2025-26 figures): the
# NHS minimum rises by £480,000.00 (icb_a £8,320,000.00, icb_b £4,160,000.00), spread over the
# NHS-minimum lines (A1 +£180,000.00, B1 +£140,000.00, B2 and B3 +£80,000.00 each): income
# £21,200,000.00 + £480,000.00 = £21,680,000.00, planned £20,700,000.00 + £480,000.00.
joinedup_cli_test(budget_validate_two_year_plan 0
                  ARGS budget validate examples/data/riverside-plan-2024-26.json
                  OUT "first year of the 2024-26 plan.*Later years of the 2024-26 plan\nfinancial_year +income +planned\n2025-26 +£21,680,000.00 +£21,180,000.00")

# A finance system's export (examples/data/northmoor-ledger-export.csv) through its rules file:
# 1.2E+05 is 120000.00, "2,500.00 CR" is -2500.00, (583333.33) is -583333.33, "1,250.00-" is
# -1250.00; cost centres CC4480 and CC4481 both map to L08.
joinedup_cli_test(budget_import_ledger 0
                  ARGS budget import-ledger examples/data/northmoor-ledger-export.csv
                       --rules examples/data/northmoor-ledger-export.rules
                  OUT "^date,line,amount,kind,reference\n2025-04-28,L01,516666.67,actual,INV-L01-202504\n.*2025-04-30,L03,120000.00,actual,INV-L03-202504\n2025-04-30,L03,-2500.00,actual,CRN-L03-0001\n.*2025-06-30,L08,-583333.33,accrual,ACR-L08-202505R\n.*2025-07-15,L05,-1250.00,adjustment,JNL-2025-0713\n$"
                  ERR "10 row\\(s\\) read, 10 mapped, 0 rejected")
# Without the cost-centre map the codes are not lines of the fund (--fund checks them): every
# row is rejected by its line and nothing is written.
joinedup_cli_test(budget_import_ledger_rejects 1
                  ARGS budget import-ledger examples/data/northmoor-ledger-export.csv
                       --column "date=Posting Date" --column "line=Cost Centre"
                       --column "amount=Net Amount" --date-format %d/%m/%Y
                       --fund examples/data/northmoor-fund.json
                  ERR "10 row\\(s\\) read, 0 mapped, 10 rejected.*budget.import.line at /rows/2: line 2: line 'CC4410' is not a line of the fund"
                  REJECT "^date,line")
joinedup_cli_test(budget_import_ledger_no_column 1
                  ARGS budget import-ledger examples/data/northmoor-ledger-export.csv
                       --column "date=Posted"
                  ERR "budget.import.column.*no column 'Posted' for date; its columns are: Posting Date, Cost Centre")
