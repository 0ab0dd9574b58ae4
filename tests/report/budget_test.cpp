// Tests for joinedup/report/budget.hpp: budget results as report tables. The CSV tables must
// keep the columns and values `budget forecast|capitation|compare-payments|alliance --format
// csv` wrote before they went through report::render; the expected texts are worked by hand.
#include "joinedup/report/budget.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "joinedup/io/budget.hpp"
#include "joinedup/io/capitation.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/json.hpp"

using namespace joinedup;
using namespace joinedup::budget;
using report::output_format;
using report::render;

namespace {
money m(const char* text) {
  return money::parse(text).value();
}
std::string example(const char* name) {
  return io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/" + name).value();
}
bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Two lines of a 2025-26 fund as of 31 May: L1 (scheme S1, NHS) plans 365.00, spent 60.00 with
/// 10.00 committed, outturn 364.00; L2 (S2, council) plans 730.00, spent 100.00, outturn 708.00.
/// April's spend 140.00, May's 20.00. One of six ledger rows was rejected.
io::forecast_report two_lines() {
  io::forecast_report r;
  r.as_of =
      std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::May, std::chrono::day{31}};
  r.lines = {{"L1", m("365.00"), m("60.00"), m("10.00"), m("364.00")},
             {"L2", m("730.00"), m("100.00"), m("0.00"), m("708.00")}};
  r.variance.schemes = {{"S1", m("365.00"), m("364.00"), m("-1.00")},
                        {"S2", m("730.00"), m("708.00"), m("-22.00")}};
  r.variance.sources = {{"nhs_minimum", m("365.00"), m("364.00"), m("-1.00")},
                        {"la_better_care_grant", m("730.00"), m("708.00"), m("-22.00")}};
  r.variance.partners = {{"icb", m("365.00"), m("364.00"), m("-1.00")},
                         {"council", m("730.00"), m("708.00"), m("-22.00")}};
  r.variance.fund = {"fund", m("1095.00"), m("1072.00"), m("-23.00")};
  r.monthly[0] = m("140.00");
  r.monthly[1] = m("20.00");
  r.control.rows_read = 6;
  r.control.rows_accepted = 5;
  r.control.rows_rejected = 1;
  r.control.total = m("175.00");
  return r;
}
pooled_fund day_fund() {
  pooled_fund f;
  f.name = "Day fund";
  return f;
}
}  // namespace

TEST_CASE("fund summary: by source with a Total row, partners and counts") {
  diagnostics d;
  const pooled_fund fund = *io::read_pooled_fund(example("northmoor-fund.json"), d);
  const fund_summary s = summarise(fund, io::shipped_bcf_catalogue(fund.year).value());
  const std::vector<report::table> t = report::fund_summary_tables(fund, s);
  REQUIRE(t.size() == 3);
  // Figures of tests/budget/summary_test.cpp: five sources in label order, income 39,893,310.21
  // and planned 39,393,310.21 (the £500,000 risk pool is funded by the additional sources).
  CHECK(render(t, output_format::csv) ==
        "source,label,income,planned\n"
        "additional_la,Additional LA Contribution,1050000.00,850000.00\n"
        "additional_nhs,Additional NHS Contribution,1550000.00,1250000.00\n"
        "dfg,DFG,3104227.00,3104227.00\n"
        "la_better_care_grant,Local Authority Better Care Grant,9876543.21,9876543.21\n"
        "nhs_minimum,NHS Minimum Contribution,24312540.00,24312540.00\n"
        ",Total,39893310.21,39393310.21\n");
  CHECK(t[0].title == "Northmoor Better Care Fund 2025-26 (2025-26), host council");
  CHECK(render(t[1], output_format::csv) ==
        "partner,name,contribution\n"
        "icb,NHS Northmoor and Dale Integrated Care Board,25862540.00\n"
        "council,Northmoor Council,14030770.21\n");
  CHECK(render(t[2], output_format::csv) == "partners,contributions,schemes,lines\n2,7,4,11\n");
  // Text: money with £ and separators, the Total row's figures right-aligned.
  const std::string text = render(t, output_format::table);
  // Columns: source 20 wide ("la_better_care_grant"), label 33, income and planned 14.
  CHECK(has(text, std::string(22, ' ') + "Total" + std::string(30, ' ') +
                      "\xC2\xA3"
                      "39,893,310.21  \xC2\xA3"
                      "39,393,310.21\n"));
}

TEST_CASE("fund validation JSON: today's diagnostics document with the tables added last") {
  diagnostics d;
  d.error("budget.fund.host_not_partner", "/host", "the host is not a partner");
  d.warning("budget.fund.something", "/lines/0", "a warning");
  const report::table counts{
      "Counts", {{"lines", report::column_kind::integer}}, {{"11"}}, "counts"};
  const std::string doc = report::fund_validation_json({counts}, d);
  // Everything io::diagnostics_to_json writes comes first, unchanged.
  const std::string before = io::diagnostics_to_json(d);
  CHECK(doc.substr(0, before.size() - 2) == before.substr(0, before.size() - 2));
  const nlohmann::json j = nlohmann::json::parse(doc);
  CHECK(j["schema"] == "joinedup/diagnostics/v1");
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 1);
  CHECK(j["diagnostics"][0]["path"] == "/host");
  CHECK(j["tables"][0]["name"] == "counts");
  CHECK(j["tables"][0]["rows"][0]["lines"] == 11);
  CHECK(nlohmann::json::parse(report::fund_validation_json({}, diagnostics{}))["tables"] ==
        nlohmann::json::array());
}

TEST_CASE("forecast: the CSV table by level, each level adding up to the fund") {
  CHECK(render(report::forecast_levels_table(two_lines()), output_format::csv) ==
        "level,key,planned,spend_to_date,commitments,outturn,variance\n"
        "line,L1,365.00,60.00,10.00,364.00,-1.00\n"
        "line,L2,730.00,100.00,0.00,708.00,-22.00\n"
        "scheme,S1,365.00,,,364.00,-1.00\n"
        "scheme,S2,730.00,,,708.00,-22.00\n"
        "source,nhs_minimum,365.00,,,364.00,-1.00\n"
        "source,la_better_care_grant,730.00,,,708.00,-22.00\n"
        "partner,icb,365.00,,,364.00,-1.00\n"
        "partner,council,730.00,,,708.00,-22.00\n"
        "unattributed,unattributed,0.00,,,0.00,0.00\n"
        "fund,fund,1095.00,,,1072.00,-23.00\n");
}

TEST_CASE("forecast: the text has the heading, INCOMPLETE, totals and months to date only") {
  const std::string t = report::forecast_text(two_lines(), day_fund());
  CHECK(
      t.starts_with("Forecast outturn of Day fund, 2025-26, as of 2025-05-31 "
                    "(commitments_plus_profile)\n"
                    "INCOMPLETE: 1 of 6 ledger row(s) were rejected"));
  CHECK(has(t, "Ledger: 6 row(s) read, 5 accepted, 1 rejected; control total £175.00"));
  // Lines: 365 + 730 = 1,095 planned, 60 + 100 = 160 spent, 10 committed, 1,072, -23.
  CHECK(has(t, "\nLines\nline     planned  spend_to_date  commitments    outturn  variance\n"));
  CHECK(has(t, "\nTotal  £1,095.00        £160.00       £10.00  £1,072.00   -£23.00\n"));
  CHECK(has(t,
            "\nSpend by month to date\nmonth          spend\n2025-26 M01  £140.00\n"
            "2025-26 M02   £20.00\n"));
  CHECK_FALSE(has(t, "M03"));
  CHECK_FALSE(has(t, "unattributed"));  // nothing is unattributed, so the row is left out
  // Before 1 April no month has begun: no months table.
  io::forecast_report early = two_lines();
  early.as_of = std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::March,
                                            std::chrono::day{31}};
  const std::vector<report::table> tables = report::forecast_tables(early, day_fund());
  CHECK(tables.size() == 4);
  CHECK(tables.back().name == "partners");
  CHECK(report::incomplete_banner(io::ledger_control_totals{}).empty());
}

TEST_CASE("capitation: the allocations table is today's CSV; the steps follow in text") {
  // The figures of tests/io/capitation_test.cpp: 3,015 weighted heads x £100.123456.
  diagnostics d;
  const population p = io::read_population_csv(example("northmoor-population.csv"), d);
  const capitated_budget b =
      capitate(p, rate::parse("100.123456").value(), rounding::half_even).value();
  const std::vector<report::table> t = report::capitation_tables(b);
  CHECK(render(t, output_format::csv) ==
        "area,people,market_forces_factor,weighted_population,allocation\n"
        "North,1200,1.05,1365.000000,136668.52\n"
        "South,1600,1,1650.000000,165203.70\n"
        "Total,2800,,3015.000000,301872.22\n");
  CHECK(t[0].title ==
        "Capitated budget: 3015.00 weighted heads x \xC2\xA3"
        "100.123456 per head = \xC2\xA3"
        "301,872.22");
  const std::string text = render(t, output_format::table);
  // Widths: area 5, people 6, market_forces_factor 20, weighted_population 19, allocation 11.
  CHECK(has(text,
            "North    1200                  1.05          1365.000000  \xC2\xA3"
            "136,668.52\n"));
  CHECK(has(text, "How it was worked out\nstep  explanation\n   1  "));
  CHECK(t[1].rows.size() == b.steps.size());
}

TEST_CASE("payment comparison: today's CSV, and tables for people") {
  diagnostics d;
  const auto s = io::read_payment_scenario(example("northmoor-scenario.json"), d);
  REQUIRE(s);
  const payment_comparison c = compare_payment_models(*s);
  const std::string csv = render(report::payment_comparison_table(c), output_format::csv);
  CHECK(
      csv.starts_with("model,provider,applicable,low_volume,payment,if_activity_up,"
                      "if_activity_down,exposure_up,exposure_down,at_risk\n"));
  // Figures checked by hand in tests/budget/payment_models_test.cpp.
  CHECK(has(csv,
            "aligned_payment,RXA,true,false,887848.75,912284.88,863412.62,24436.13,-24436.13,"
            "0.00\n"));
  CHECK(has(csv, "activity_based,Total,true,,1145772.50,,,"));
  const std::vector<report::table> t = report::payment_comparison_tables(*s, c);
  REQUIRE(t.size() == 3);
  CHECK(t[0].title.starts_with("Payment comparison: "));
  CHECK(t[0].rows.size() == c.totals.size());
  CHECK(t[1].rows.size() == c.providers.size());
  CHECK(t[2].rows.size() == c.payments.size());
  CHECK(has(render(t, output_format::table),
            "\xC2\xA3"
            "1,145,772.50"));
}

TEST_CASE("alliance: today's CSV with the commissioner's row, and the numbered steps") {
  diagnostics d;
  const auto a = io::read_alliance(example("northmoor-alliance.json"), d);
  REQUIRE(a);
  const alliance_settlement s = settle_alliance(*a).value();
  const std::vector<report::table> t = report::alliance_tables(*a, s);
  const std::string csv = render(t, output_format::csv);
  CHECK(
      csv.starts_with("member,budget,actual,share,provisional,share_of_variance,limited,"
                      "payment\n"));
  // The gain of tests/budget/alliance_test.cpp: the VCS member is held at its £20,000 cap.
  CHECK(has(csv, "VCS,1000000.00,950000.00,10%,50000.00,20000.00,true,970000.00\n"));
  CHECK(csv.ends_with("commissioner,,,,," + s.commissioner.to_string() + ",,\n"));
  CHECK(t[0].title.starts_with("Alliance gain/loss share: "));
  CHECK(has(t[0].title, "(a gain)"));
  CHECK(has(render(t, output_format::table), "Steps\nstep  explanation\n   1  "));
}
