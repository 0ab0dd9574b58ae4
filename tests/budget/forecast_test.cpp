// Tests for joinedup/budget/forecast.hpp: the four forecast methods and the variance report.
//
// Worked example: the fund and ledger of tests/budget/ledger_test.cpp (2025-26, 365 days),
// forecast as of 30 June 2025: E = 30 + 31 + 30 = 91 days elapsed, R = 274 remaining.
//   L1: P 365,000.00  S 91,500.00  C 20,000.00
//   L2: P  30,000.00  S  2,500.00  C 0
//   L3: P 300,000.00  S 0          C 50,000.00
// run_rate (S × 365 / 91, half to even):
//   L1 9,150,000p × 365 / 91 = 3,339,750,000 / 91 = 36,700,549 rem 41 (0.45) → £367,005.49
//   L2 250,000p × 365 / 91 = 91,250,000 / 91 = 1,002,747 rem 23 (0.25) → £10,027.47
//   L3 0
// commitments_plus_profile (S + max(C, pro_rata(P, 274, 365))):
//   L1 profile 36,500,000p × 274/365 = 27,400,000p exactly (£1,000 a day) → 91,500 + 274,000
//      = £365,500.00
//   L2 profile 3,000,000p × 274/365 = 2,252,054 rem 290/365, the elapsed share 747,945 rem
//      75/365: the spare penny goes to the larger remainder → 2,252,055p → 2,500.00 +
//      22,520.55 = £25,020.55
//   L3 profile 30,000,000p × 274/365 = 22,520,547 rem 345/365 (the other share rem 20/365) →
//      22,520,548p; max(50,000.00, 225,205.48) → £225,205.48
#include "joinedup/budget/forecast.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using joinedup::diagnostics;
using joinedup::financial_year;
using joinedup::money;
using namespace joinedup::budget;
using namespace std::chrono;

namespace {

money gbp(std::int64_t pence) {
  return money::from_pence(pence);
}

pooled_fund example_fund() {
  pooled_fund f;
  f.name = "Worked example";
  f.year = financial_year::starting(2025);
  f.partners = {{"icb", "ICB", partner_kind::icb, "QZX", ""},
                {"council", "Council", partner_kind::council, "", "E06000099"}};
  f.host = "council";
  f.contributions = {{"icb", "nhs_minimum", gbp(60'000'000), {}},
                     {"council", "la_better_care_grant", gbp(30'000'000), {}},
                     {"icb", "discharge", gbp(2'000'000), {}},
                     {"council", "discharge", gbp(1'000'000), {}}};
  f.schemes = {{"S1", "Reablement", ""}, {"S2", "Home care", ""}};
  expenditure_line l1;
  l1.id = "L1";
  l1.scheme = "S1";
  l1.source = "nhs_minimum";
  l1.planned = gbp(36'500'000);
  expenditure_line l2 = l1;
  l2.id = "L2";
  l2.source = "discharge";
  l2.planned = gbp(3'000'000);
  expenditure_line l3 = l1;
  l3.id = "L3";
  l3.scheme = "S2";
  l3.source = "la_better_care_grant";
  l3.planned = gbp(30'000'000);
  f.lines = {l1, l2, l3};
  return f;
}

ledger_summary example_ledger(const pooled_fund& f) {
  ledger_summary s(f);
  auto add = [&s](year_month_day d, std::string line, std::int64_t pence, transaction_kind k) {
    REQUIRE(s.add(transaction{d, std::move(line), gbp(pence), k, "", 0}) == add_outcome::added);
  };
  using K = transaction_kind;
  add(2025y / April / 30d, "L1", 3'000'000, K::actual);
  add(2025y / May / 31d, "L1", 3'100'000, K::actual);
  add(2025y / May / 31d, "L1", 100'000, K::accrual);
  add(2025y / June / 15d, "L1", -100'000, K::accrual);
  add(2025y / June / 30d, "L1", 3'050'000, K::actual);
  add(2025y / June / 30d, "L1", 2'000'000, K::commitment);
  add(2025y / July / 10d, "L1", -500'000, K::commitment);
  add(2025y / July / 10d, "L1", 500'000, K::actual);
  add(2025y / April / 15d, "L2", 250'001, K::actual);
  add(2025y / June / 1d, "L2", -1, K::adjustment);
  add(2025y / September / 30d, "L3", 10'000'000, K::actual);
  add(2026y / March / 31d, "L3", 20'000'000, K::actual);
  add(2025y / April / 1d, "L3", 5'000'000, K::commitment);
  return s;
}

std::vector<money> outturn_of(const outturns& o) {
  std::vector<money> out;
  for (const line_outturn& l : o)
    out.push_back(l.outturn);
  return out;
}

}  // namespace

TEST_CASE("forecast methods: names") {
  CHECK(to_string(forecast_method::commitments_plus_profile) == "commitments_plus_profile");
  for (forecast_method m : forecast_methods)
    CHECK(parse_forecast_method(to_string(m)) == m);
  CHECK_FALSE(parse_forecast_method("run rate").has_value());
}

TEST_CASE("year progress: days elapsed and remaining") {
  const financial_year fy = financial_year::starting(2025);
  CHECK(year_progress::of(fy, 2025y / June / 30d) == year_progress{365, 91});
  CHECK(year_progress::of(fy, 2025y / June / 30d).remaining_days() == 274);
  CHECK(year_progress::of(fy, 2025y / April / 1d).elapsed_days == 1);
  CHECK(year_progress::of(fy, 2025y / March / 31d).not_started());
  CHECK(year_progress::of(fy, 2026y / March / 31d).ended());
  CHECK(year_progress::of(fy, 2027y / January / 1d).elapsed_days == 365);
  // 2023-24 holds 29 February 2024: 366 days.
  CHECK(year_progress::of(financial_year::starting(2023), 2024y / March / 1d) ==
        year_progress{366, 336});
}

TEST_CASE("forecast_outturn: each method on one line's figures") {
  const year_progress june{365, 91};
  const money p = gbp(36'500'000);
  const money s = gbp(9'150'000);
  const money c = gbp(2'000'000);
  CHECK(forecast_outturn(forecast_method::planned, p, s, c, june) == p);
  CHECK(forecast_outturn(forecast_method::actuals, p, s, c, june) == s);
  CHECK(forecast_outturn(forecast_method::run_rate, p, s, c, june) == gbp(36'700'549));
  CHECK(forecast_outturn(forecast_method::commitments_plus_profile, p, s, c, june) ==
        gbp(36'550'000));
  // Commitments above the profile win: 100 days left of a £365 plan is £100 of profile, so
  // £150 of open orders make the outturn S + 150.
  CHECK(forecast_outturn(forecast_method::commitments_plus_profile, gbp(36'500), gbp(1'000),
                         gbp(15'000), year_progress{365, 265}) == gbp(16'000));
  // Half to even in run rate: 1p × 2 / 1 exact; 1p × 365/146 = 2.5p → 2p (even);
  // 3p × 365/146 = 7.5p → 8p (even).
  CHECK(forecast_outturn(forecast_method::run_rate, {}, gbp(1), {}, year_progress{365, 146}) ==
        gbp(2));
  CHECK(forecast_outturn(forecast_method::run_rate, {}, gbp(3), {}, year_progress{365, 146}) ==
        gbp(8));
  // Before the year: run rate has no run, so the plan; the profile is the whole plan.
  const year_progress before{365, 0};
  CHECK(forecast_outturn(forecast_method::run_rate, p, {}, {}, before) == p);
  CHECK(forecast_outturn(forecast_method::commitments_plus_profile, p, {}, {}, before) == p);
  CHECK(forecast_outturn(forecast_method::actuals, p, {}, {}, before).is_zero());
  // At the year end every method is the actual spend, whatever the plan or commitments.
  for (forecast_method m : forecast_methods)
    CHECK(forecast_outturn(m, p, s, c, year_progress{365, 365}) == s);
}

TEST_CASE("forecast: the worked example as of 30 June 2025") {
  const pooled_fund f = example_fund();
  const ledger_summary s = example_ledger(f);
  const year_month_day june = 2025y / June / 30d;

  const std::vector<line_forecast> lines =
      forecast_lines(f, s, june, forecast_method::commitments_plus_profile);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        line_forecast{"L1", gbp(36'500'000), gbp(9'150'000), gbp(2'000'000), gbp(36'550'000)});
  CHECK(lines[0].variance() == gbp(50'000));
  CHECK(lines[1].spend_to_date == gbp(250'000));
  CHECK(lines[1].outturn == gbp(2'502'055));
  CHECK(lines[2].commitments == gbp(5'000'000));
  CHECK(lines[2].outturn == gbp(22'520'548));

  CHECK(outturn_of(forecast_outturns(f, s, june, forecast_method::run_rate)) ==
        std::vector<money>{gbp(36'700'549), gbp(1'002'747), gbp(0)});
  CHECK(outturn_of(forecast_outturns(f, s, june, forecast_method::planned)) ==
        std::vector<money>{gbp(36'500'000), gbp(3'000'000), gbp(30'000'000)});
  CHECK(outturn_of(forecast_outturns(f, s, june, forecast_method::actuals)) ==
        std::vector<money>{gbp(9'150'000), gbp(250'000), gbp(0)});
  const outturns o = forecast_outturns(f, s, june, forecast_method::actuals);
  CHECK(o[2].line == "L3");

  // At the year end (and after it) every method gives the year's actual spend.
  for (const year_month_day end : {2026y / March / 31d, 2026y / June / 1d}) {
    for (forecast_method m : forecast_methods) {
      CHECK(outturn_of(forecast_outturns(f, s, end, m)) ==
            std::vector<money>{gbp(9'650'000), gbp(250'000), gbp(30'000'000)});
    }
  }
}

TEST_CASE("variance report: the worked example, commitments plus profile, 30 June 2025") {
  const pooled_fund f = example_fund();
  const ledger_summary s = example_ledger(f);
  const variance_report r = make_variance_report(
      f, forecast_outturns(f, s, 2025y / June / 30d, forecast_method::commitments_plus_profile));
  // Lines: variance = outturn - planned.
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0] == variance_row{"L1", gbp(36'500'000), gbp(36'550'000), gbp(50'000)});
  CHECK(r.lines[1] == variance_row{"L2", gbp(3'000'000), gbp(2'502'055), gbp(-497'945)});
  CHECK(r.lines[2] == variance_row{"L3", gbp(30'000'000), gbp(22'520'548), gbp(-7'479'452)});
  // Schemes: S1 = L1 + L2 (395,000 plan; 390,520.55 outturn), S2 = L3.
  CHECK(r.schemes ==
        std::vector<variance_row>{{"S1", gbp(39'500'000), gbp(39'052'055), gbp(-447'945)},
                                  {"S2", gbp(30'000'000), gbp(22'520'548), gbp(-7'479'452)}});
  CHECK(r.sources[2] == variance_row{"discharge", gbp(3'000'000), gbp(2'502'055), gbp(-497'945)});
  // Partners: the discharge plan 30,000 splits 20,000 / 10,000; its outturn 2,502,055p splits
  // 1,668,036.67 / 834,018.33 → floors 1,668,036 + 834,018, spare penny to icb (remainder 2/3):
  // 1,668,037 / 834,018. icb: plan 365,000 + 20,000 = 385,000; outturn 365,500 + 16,680.37 =
  // 382,180.37. council: plan 300,000 + 10,000 = 310,000; outturn 225,205.48 + 8,340.18 =
  // 233,545.66.
  CHECK(r.partners ==
        std::vector<variance_row>{{"icb", gbp(38'500'000), gbp(38'218'037), gbp(-281'963)},
                                  {"council", gbp(31'000'000), gbp(23'354'566), gbp(-7'645'434)}});
  CHECK(r.unattributed == variance_row{"unattributed", {}, {}, {}});
  // Fund: 695,000 plan, 615,726.03 outturn, variance -79,273.97 = -2,819.63 - 76,454.34.
  CHECK(r.fund == variance_row{"fund", gbp(69'500'000), gbp(61'572'603), gbp(-7'927'397)});
}

TEST_CASE("check_forecast: what the reader should know") {
  pooled_fund f = example_fund();
  const ledger_summary s = example_ledger(f);
  {
    diagnostics d;
    check_forecast(f, s, 2025y / June / 30d, d);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "budget.forecast.later_transactions");
    CHECK(d[0].message.find("4 ledger transaction(s)") != std::string::npos);
  }
  {
    diagnostics d;
    check_forecast(f, s, 2025y / January / 1d, d);
    CHECK(d.contains("budget.forecast.before_year"));
    CHECK(d.contains("budget.forecast.later_transactions"));
  }
  {
    diagnostics d;
    check_forecast(f, s, 2026y / March / 31d, d);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "budget.forecast.year_ended");
    CHECK(d[0].severity == joinedup::severity::info);
  }
  {
    f.lines[1].source = "orphan";
    const ledger_summary s2 = example_ledger(f);
    diagnostics d;
    check_forecast(f, s2, 2026y / March / 31d, d);
    const joinedup::diagnostic* u = d.find("budget.forecast.unattributed_source");
    REQUIRE(u != nullptr);
    CHECK(u->path == "/lines/1/source");
  }
}

TEST_CASE("forecast: a ledger built for another fund is a contract violation") {
  const pooled_fund f = example_fund();
  pooled_fund other = f;
  other.lines.pop_back();
  const ledger_summary s(other);
  CHECK_THROWS_AS((void)forecast_lines(f, s, 2025y / June / 30d, forecast_method::planned),
                  joinedup::contract_violation);
}

TEST_CASE("property: partner variances add up to the fund variance; year end is actuals") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 40; ++trial) {
    pooled_fund f;
    f.year = financial_year::starting(2023 + static_cast<int>(rng() % 3));
    const std::size_t partners = 1 + rng() % 3;
    for (std::size_t p = 0; p < partners; ++p)
      f.partners.push_back({"p" + std::to_string(p), "", partner_kind::icb, "", ""});
    for (std::size_t src = 0; src < 4; ++src) {
      for (std::size_t p = 0; p < partners; ++p) {
        if (p == 0 || rng() % 2 == 0) {
          f.contributions.push_back({"p" + std::to_string(p),
                                     "s" + std::to_string(src),
                                     gbp(1 + static_cast<std::int64_t>(rng() % 9'999'999)),
                                     {}});
        }
      }
    }
    const std::size_t lines = 1 + rng() % 12;
    for (std::size_t l = 0; l < lines; ++l) {
      expenditure_line line;
      line.id = "L" + std::to_string(l);
      line.scheme = "S" + std::to_string(rng() % 3);
      line.source = "s" + std::to_string(rng() % 4);
      line.planned = gbp(static_cast<std::int64_t>(rng() % 100'000'000));
      f.lines.push_back(line);
    }
    ledger_summary s(f);
    const sys_days first{f.year.first_day()};
    for (int t = 0; t < 200; ++t) {
      const auto day = std::chrono::days{static_cast<std::int64_t>(rng() % 365)};
      REQUIRE(s.add(rng() % lines, first + day,
                    gbp(static_cast<std::int64_t>(rng() % 1'000'000) - 100'000),
                    transaction_kinds[rng() % 4]) == add_outcome::added);
    }
    const year_month_day as_of{first + std::chrono::days{static_cast<std::int64_t>(rng() % 400)}};
    for (forecast_method m : forecast_methods) {
      const variance_report r = make_variance_report(f, forecast_outturns(f, s, as_of, m));
      money partners_variance = r.unattributed.variance;
      money partners_outturn = r.unattributed.outturn;
      for (const variance_row& row : r.partners) {
        partners_variance += row.variance;
        partners_outturn += row.outturn;
      }
      CHECK(r.unattributed.variance.is_zero());
      CHECK(partners_variance == r.fund.variance);
      CHECK(partners_outturn == r.fund.outturn);
      money lines_variance;
      for (const variance_row& row : r.lines)
        lines_variance += row.variance;
      CHECK(lines_variance == r.fund.variance);
      const std::vector<money> year_spend = s.spend_to_date(f.year.last_day());
      CHECK(outturn_of(forecast_outturns(f, s, f.year.last_day(), m)) == year_spend);
    }
  }
}
