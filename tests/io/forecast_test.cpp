// Tests for joinedup/io/forecast.hpp: a fund's forecast outturn as a report and its JSON (its text
// and CSV tables are tested in tests/report/budget_test.cpp).
#include "joinedup/io/forecast.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using joinedup::money;
using namespace joinedup::budget;
using namespace std::chrono;

money m(const char* text) {
  return money::parse(text).value();
}

/// ICB £365.00 to L1 (NHS, scheme S1); council £730.00 to L2 (council, scheme S2). 2025-26 has
/// 365 days, so profiles are whole pounds a day: L1 £1.00 a day, L2 £2.00 a day.
pooled_fund day_fund() {
  pooled_fund f;
  f.name = "Day fund";
  f.year = joinedup::financial_year::starting(2025);
  partner icb;
  icb.id = "icb";
  icb.kind = partner_kind::icb;
  partner council;
  council.id = "council";
  council.kind = partner_kind::council;
  f.partners = {icb, council};
  f.host = "council";
  contribution a;
  a.partner = "icb";
  a.source = "nhs_minimum";
  a.amount = m("365.00");
  contribution b;
  b.partner = "council";
  b.source = "la_better_care_grant";
  b.amount = m("730.00");
  f.contributions = {a, b};
  expenditure_line l1;
  l1.id = "L1";
  l1.scheme = "S1";
  l1.commissioner = commissioner_kind::nhs;
  l1.source = "nhs_minimum";
  l1.planned = m("365.00");
  expenditure_line l2 = l1;
  l2.id = "L2";
  l2.scheme = "S2";
  l2.commissioner = commissioner_kind::local_authority;
  l2.source = "la_better_care_grant";
  l2.planned = m("730.00");
  f.lines = {l1, l2};
  return f;
}

/// L1 spent £40.00 in April and £20.00 in May with £10.00 committed; L2 spent £100.00 in April;
/// a June actual falls after the as-of date 2025-05-31 (61 days elapsed, 304 to come).
constexpr const char* ledger_csv =
    "date,line,amount,kind,reference\n"
    "2025-04-30,L1,40.00,actual,A\n"
    "2025-05-15,L1,20.00,actual,B\n"
    "2025-05-20,L1,10.00,commitment,C\n"
    "2025-04-30,L2,100.00,actual,D\n"
    "2025-06-10,L2,5.00,actual,E\n";

joinedup::io::forecast_report make_report() {
  const pooled_fund f = day_fund();
  joinedup::diagnostics d;
  const joinedup::io::ledger_load load = joinedup::io::read_ledger_csv(ledger_csv, f, d);
  REQUIRE(d.empty());
  return joinedup::io::make_forecast_report(f, load, year_month_day{2025y / May / 31},
                                            forecast_method::commitments_plus_profile);
}

}  // namespace

TEST_CASE("forecast report: lines, roll-ups, months and control totals (hand-worked)") {
  const joinedup::io::forecast_report r = make_report();
  REQUIRE(r.lines.size() == 2);
  // L1: S = 60.00, C = 10.00; profile of the 304 days to come = 365 × 304/365 = 304.00 > C, so
  // the outturn is 60.00 + 304.00 = 364.00, variance −1.00.
  CHECK(r.lines[0].spend_to_date == m("60.00"));
  CHECK(r.lines[0].commitments == m("10.00"));
  CHECK(r.lines[0].outturn == m("364.00"));
  // L2: S = 100.00 (the June row is after the as-of date); profile 730 × 304/365 = 608.00; the
  // outturn is 708.00, variance −22.00.
  CHECK(r.lines[1].spend_to_date == m("100.00"));
  CHECK(r.lines[1].outturn == m("708.00"));
  CHECK(r.variance.fund.variance == m("-23.00"));
  REQUIRE(r.variance.partners.size() == 2);
  CHECK(r.variance.partners[0].key == "icb");
  CHECK(r.variance.partners[0].variance == m("-1.00"));
  CHECK(r.variance.partners[1].variance == m("-22.00"));
  // Months to date: April 140.00, May 20.00, June nothing yet (its row is after the as-of date).
  CHECK(r.monthly[0] == m("140.00"));
  CHECK(r.monthly[1] == m("20.00"));
  CHECK(r.monthly[2] == m("0.00"));
  CHECK(r.quarterly[0] == m("160.00"));
  // The control totals count every accepted row, whatever its date.
  CHECK(r.control.rows_read == 5);
  CHECK(r.control.rows_accepted == 5);
  CHECK(r.control.total == m("175.00"));
}

TEST_CASE("forecast report: JSON carries the documented fields, money as decimal strings") {
  const joinedup::io::forecast_report r = make_report();
  const nlohmann::json doc = nlohmann::json::parse(joinedup::io::forecast_to_json(r, day_fund()));
  CHECK(doc["schema"] == "joinedup/forecast/v1");
  CHECK(doc["as_of"] == "2025-05-31");
  CHECK(doc["method"] == "commitments_plus_profile");
  CHECK(doc["control"]["rows_read"] == 5);
  CHECK(doc["control"]["by_kind"]["commitment"] == "10.00");
  CHECK(doc["fund_total"]["outturn"] == "1072.00");
  CHECK(doc["fund_total"]["spend_to_date"] == "160.00");
  CHECK(doc["lines"][1]["line"] == "L2");
  CHECK(doc["lines"][1]["variance"] == "-22.00");
  CHECK(doc["schemes"][0]["key"] == "S1");
  CHECK(doc["monthly"].size() == 12);
  CHECK(doc["monthly"][0]["month"] == "2025-26 M01");
  CHECK(doc["quarterly"][0]["spend"] == "160.00");
}
