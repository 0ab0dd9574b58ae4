// Tests for joinedup/budget/ledger.hpp: the streaming ledger summary (months, quarters, year to
// date, commitments outstanding) and the roll-ups by scheme, funding source and partner.
//
// Worked example (all figures by hand, below): fund year 2025-26 (1 April 2025 to 31 March 2026,
// 365 days); partners icb and council; contributions icb/nhs_minimum £600,000, council/
// la_better_care_grant £300,000, and a source both pay, "discharge": icb £20,000 and council
// £10,000 (2:1). Lines: L1 (scheme S1, nhs_minimum, plan £365,000), L2 (S1, discharge, £30,000),
// L3 (S2, la_better_care_grant, £300,000).
#include "joinedup/budget/ledger.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using joinedup::financial_month;
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

transaction tx(int y, unsigned m, unsigned d, std::string line, std::int64_t pence,
               transaction_kind kind) {
  return transaction{year{y} / month{m} / day{d}, std::move(line), gbp(pence), kind, "", 0};
}

/// The worked example's transactions.
ledger_summary example_ledger(const pooled_fund& f) {
  ledger_summary s(f);
  const transaction_kind A = transaction_kind::actual;
  const transaction_kind R = transaction_kind::accrual;
  const transaction_kind C = transaction_kind::commitment;
  const transaction_kind J = transaction_kind::adjustment;
  for (const transaction& t : {
           tx(2025, 4, 30, "L1", 3'000'000, A),   // M01
           tx(2025, 5, 31, "L1", 3'100'000, A),   // M02
           tx(2025, 5, 31, "L1", 100'000, R),     // M02 accrual...
           tx(2025, 6, 15, "L1", -100'000, R),    // ...reversed in M03
           tx(2025, 6, 30, "L1", 3'050'000, A),   // M03
           tx(2025, 6, 30, "L1", 2'000'000, C),   // order raised
           tx(2025, 7, 10, "L1", -500'000, C),    // part of it invoiced...
           tx(2025, 7, 10, "L1", 500'000, A),     // ...as an actual
           tx(2025, 4, 15, "L2", 250'001, A),     // M01
           tx(2025, 6, 1, "L2", -1, J),           // M03 correction of a penny
           tx(2025, 9, 30, "L3", 10'000'000, A),  // M06 (Q2)
           tx(2026, 3, 31, "L3", 20'000'000, A),  // M12 (Q4), the last day of the year
           tx(2025, 4, 1, "L3", 5'000'000, C),    // the first day of the year
       }) {
    REQUIRE(s.add(t) == add_outcome::added);
  }
  return s;
}

}  // namespace

TEST_CASE("transaction kinds: names and what counts as spend") {
  CHECK(to_string(transaction_kind::commitment) == "commitment");
  CHECK(parse_transaction_kind("adjustment") == transaction_kind::adjustment);
  CHECK_FALSE(parse_transaction_kind("Actual").has_value());
  CHECK(counts_as_spend(transaction_kind::actual));
  CHECK(counts_as_spend(transaction_kind::accrual));
  CHECK(counts_as_spend(transaction_kind::adjustment));
  CHECK_FALSE(counts_as_spend(transaction_kind::commitment));
  kind_totals k;
  k[transaction_kind::actual] = gbp(1000);
  k[transaction_kind::accrual] = gbp(200);
  k[transaction_kind::commitment] = gbp(30);
  k[transaction_kind::adjustment] = gbp(-4);
  CHECK(k.spend() == gbp(1196));  // 1000 + 200 - 4: commitments are not spend
  CHECK(k.commitments() == gbp(30));
  CHECK(k.total() == gbp(1226));
}

TEST_CASE("line_index: finds every id, misses others, first duplicate wins") {
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i)
    ids.push_back("line-" + std::to_string(i) + (i % 7 == 0 ? "-with-a-long-suffix" : ""));
  ids.push_back("line-3");  // a duplicate of position 3
  const line_index index(ids);
  for (std::size_t i = 0; i < 300; ++i)
    CHECK(index.find(ids[i]) == i);
  CHECK(index.find("line-3") == 3);
  CHECK(index.find("line-300") == line_index::npos);
  CHECK(index.find("") == line_index::npos);
  CHECK(index.find("line-0-with-a-long-suffiX") == line_index::npos);
  CHECK(line_index{}.find("x") == line_index::npos);
  CHECK(line_index::equal("abc", "abc"));
  CHECK_FALSE(line_index::equal("abc", "abd"));
}

TEST_CASE("ledger summary: the worked example, month by month") {
  const pooled_fund f = example_fund();
  const ledger_summary s = example_ledger(f);
  const financial_year fy = f.year;
  CHECK(s.transaction_count() == 13);
  CHECK(s.transaction_count(0) == 8);

  // L1 spend by month: M01 30,000; M02 31,000 + 1,000 accrual = 32,000; M03 30,500 - 1,000
  // reversal = 29,500; M04 5,000; nothing after.
  const std::array<money, 12> l1 = s.monthly_spend(0);
  CHECK(l1[0] == gbp(3'000'000));
  CHECK(l1[1] == gbp(3'200'000));
  CHECK(l1[2] == gbp(2'950'000));
  CHECK(l1[3] == gbp(500'000));
  for (std::size_t m = 4; m < 12; ++m)
    CHECK(l1[m].is_zero());
  // Quarters: Q1 = 30,000 + 32,000 + 29,500 = 91,500; Q2 = 5,000.
  const std::array<money, 4> q = s.quarterly_spend(0);
  CHECK(q[0] == gbp(9'150'000));
  CHECK(q[1] == gbp(500'000));
  CHECK(q[2].is_zero());
  CHECK(q[3].is_zero());
  // By kind in M03: actual 30,500, accrual -1,000, commitment 20,000.
  const kind_totals m03 = s.in_month(0, fy.month(3));
  CHECK(m03[transaction_kind::actual] == gbp(3'050'000));
  CHECK(m03[transaction_kind::accrual] == gbp(-100'000));
  CHECK(m03.commitments() == gbp(2'000'000));

  // Year to date, inclusive of the as-of day.
  CHECK(s.spend_to_date(0, 2025y / May / 30d) == gbp(3'000'000));
  CHECK(s.spend_to_date(0, 2025y / May / 31d) == gbp(6'200'000));
  CHECK(s.spend_to_date(0, 2025y / June / 30d) == gbp(9'150'000));
  CHECK(s.spend_to_date(0, 2025y / March / 31d).is_zero());           // before the year
  CHECK(s.spend_to_date(0, 2030y / January / 1d) == gbp(9'650'000));  // after: the whole year
  // Commitments outstanding: 20,000 raised on 30 June, 5,000 of it invoiced on 10 July.
  CHECK(s.commitments_outstanding(0, 2025y / June / 29d).is_zero());
  CHECK(s.commitments_outstanding(0, 2025y / June / 30d) == gbp(2'000'000));
  CHECK(s.commitments_outstanding(0, 2025y / July / 10d) == gbp(1'500'000));

  // L2: 2,500.01 in M01 and a -0.01 adjustment in M03.
  CHECK(s.in_month(1, fy.month(1)).spend() == gbp(250'001));
  CHECK(s.in_month(1, fy.month(3)).spend() == gbp(-1));
  CHECK(s.year_total(1).spend() == gbp(250'000));
  // L3: the first and last days of the year both count.
  CHECK(s.quarterly_spend(2)[1] == gbp(10'000'000));
  CHECK(s.quarterly_spend(2)[3] == gbp(20'000'000));
  CHECK(s.commitments_outstanding(2, 2025y / April / 1d) == gbp(5'000'000));
  CHECK(s.spend_to_date(2, 2026y / March / 30d) == gbp(10'000'000));
  CHECK(s.spend_to_date(2, 2026y / March / 31d) == gbp(30'000'000));
  // A month of another year holds nothing of this one.
  CHECK(s.in_month(0, financial_year::starting(2024).month(1)) == kind_totals{});

  // Fund level as of 30 June: spend 91,500 + 2,500 = 94,000; commitments 20,000 + 50,000.
  const kind_totals fund = s.fund_to_date(2025y / June / 30d);
  CHECK(fund.spend() == gbp(9'400'000));
  CHECK(fund.commitments() == gbp(7'000'000));
  CHECK(s.dates() ==
        joinedup::date_range(sys_days{2025y / April / 1d}, sys_days{2026y / March / 31d}));
  CHECK(s.transactions_after(2025y / June / 30d) == 4);  // 10 July (2), 30 September, 31 March
}

TEST_CASE("ledger summary: what is refused changes nothing") {
  const pooled_fund f = example_fund();
  ledger_summary s(f);
  CHECK(s.add(tx(2025, 3, 31, "L1", 100, transaction_kind::actual)) == add_outcome::outside_year);
  CHECK(s.add(tx(2026, 4, 1, "L1", 100, transaction_kind::actual)) == add_outcome::outside_year);
  CHECK(s.add(tx(2025, 4, 1, "L9", 100, transaction_kind::actual)) == add_outcome::unknown_line);
  CHECK(s.add(transaction{year{2025} / month{2} / day{30}, "L1", gbp(1), transaction_kind::actual,
                          "", 0}) == add_outcome::outside_year);  // not a real date
  CHECK(s.add(7, sys_days{2025y / April / 1d}, gbp(1), transaction_kind::actual) ==
        add_outcome::unknown_line);
  // The sum of magnitudes is bounded by the range of money: the largest amount fits once,
  // then even a penny more (of either sign) is out of range.
  const money biggest = money::from_pence(INT64_MAX);
  CHECK(s.add(0, sys_days{2025y / April / 1d}, biggest, transaction_kind::actual) ==
        add_outcome::added);
  CHECK(s.add(1, sys_days{2025y / April / 1d}, gbp(-1), transaction_kind::actual) ==
        add_outcome::out_of_range);
  CHECK(s.transaction_count() == 1);
  CHECK(s.gross() == biggest);
  CHECK(s.year_total(1) == kind_totals{});
  CHECK(to_string(add_outcome::out_of_range) == "out_of_range");
}

TEST_CASE("roll-ups: the worked example by scheme, source and partner") {
  const pooled_fund f = example_fund();
  const ledger_summary s = example_ledger(f);
  const std::vector<money> spend = s.spend_to_date(2026y / March / 31d);
  // Year spend: L1 96,500; L2 2,500; L3 300,000; fund 399,000.
  CHECK(spend == std::vector<money>{gbp(9'650'000), gbp(250'000), gbp(30'000'000)});
  CHECK(fund_total(spend) == gbp(39'900'000));
  CHECK(rollup_by_scheme(f, spend) == rollup{{"S1", gbp(9'900'000)}, {"S2", gbp(30'000'000)}});
  CHECK(rollup_by_source(f, spend) == rollup{{"nhs_minimum", gbp(9'650'000)},
                                             {"la_better_care_grant", gbp(30'000'000)},
                                             {"discharge", gbp(250'000)}});
  // Partners: discharge's 2,500.00 is shared 2:1 (contributions 20,000 : 10,000):
  // 250,000p × 2/3 = 166,666.67p and × 1/3 = 83,333.33p; floors 166,666 + 83,333 leave one
  // penny, which goes to the larger remainder (icb): icb 1,666.67, council 833.33.
  // icb = 96,500 + 1,666.67 = 98,166.67; council = 300,000 + 833.33 = 300,833.33.
  const partner_rollup p = rollup_by_partner(f, spend);
  CHECK(p.partners == rollup{{"icb", gbp(9'816'667)}, {"council", gbp(30'083'333)}});
  CHECK(p.unattributed.is_zero());
  CHECK(p.total() == gbp(39'900'000));
}

TEST_CASE("roll-ups: a source nobody contributes to is unattributed, never lost") {
  pooled_fund f = example_fund();
  f.lines[1].source = "orphan";  // L2's source has no contribution
  f.lines.push_back(f.lines[0]);
  f.lines.back().id = "L4";
  f.lines.back().scheme = "S9";  // a scheme the fund does not list
  const std::vector<money> amounts = {gbp(100), gbp(-7), gbp(50), gbp(3)};
  const partner_rollup p = rollup_by_partner(f, amounts);
  CHECK(p.unattributed == gbp(-7));
  CHECK(p.partners == rollup{{"icb", gbp(103)}, {"council", gbp(50)}});
  CHECK(rollup_by_scheme(f, amounts) == rollup{{"S1", gbp(93)}, {"S2", gbp(50)}, {"S9", gbp(3)}});
  CHECK(rollup_by_source(f, amounts).back() == keyed_amount{"orphan", gbp(-7)});
  // A negative contribution cannot be a weight: that source is unattributed too.
  f.contributions[1].amount = gbp(-1);
  CHECK(rollup_by_partner(f, amounts).unattributed == gbp(43));
}

TEST_CASE("property: months add up to the year to date; partners add up to the fund") {
  std::mt19937_64 rng(20250401);
  for (int trial = 0; trial < 60; ++trial) {
    pooled_fund f;
    f.year = financial_year::starting(2020 + static_cast<int>(rng() % 10));  // leap years too
    const std::size_t partners = 1 + rng() % 4;
    const std::size_t sources = 1 + rng() % 5;
    for (std::size_t p = 0; p < partners; ++p)
      f.partners.push_back({"p" + std::to_string(p), "", partner_kind::icb, "", ""});
    for (std::size_t src = 0; src < sources; ++src) {
      // Every source gets at least one positive contribution; some get several partners.
      const std::size_t payers = 1 + rng() % partners;
      for (std::size_t k = 0; k < payers; ++k) {
        f.contributions.push_back({"p" + std::to_string((src + k) % partners),
                                   "s" + std::to_string(src),
                                   gbp(1 + static_cast<std::int64_t>(rng() % 10'000'000)),
                                   {}});
      }
    }
    const std::size_t lines = 1 + rng() % 25;
    for (std::size_t l = 0; l < lines; ++l) {
      expenditure_line line;
      line.id = "L" + std::to_string(l);
      line.scheme = "S" + std::to_string(rng() % 4);
      line.source = "s" + std::to_string(rng() % sources);
      f.lines.push_back(line);
    }
    ledger_summary s(f);
    const auto days = f.year.days();
    const sys_days first{f.year.first_day()};
    for (int t = 0; t < 400; ++t) {
      const auto kind = transaction_kinds[rng() % 4];
      const auto amount = static_cast<std::int64_t>(rng() % 2'000'000) - 400'000;
      const auto day = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(days));
      REQUIRE(s.add(rng() % lines, first + std::chrono::days{day}, gbp(amount), kind) ==
              add_outcome::added);
    }
    const year_month_day end = f.year.last_day();
    for (std::size_t l = 0; l < lines; ++l) {
      money by_month;
      money cumulative;
      for (int m = 1; m <= 12; ++m) {
        const financial_month fm = f.year.month(m);
        by_month += s.monthly_spend(l)[static_cast<std::size_t>(m - 1)];
        cumulative += s.in_month(l, fm).spend();
        // Year to date at each month end is the sum of the months so far.
        CHECK(s.spend_to_date(l, year_month_day{fm.range().last()}) == cumulative);
      }
      money by_quarter;
      for (money m : s.quarterly_spend(l))
        by_quarter += m;
      CHECK(by_month == s.spend_to_date(l, end));
      CHECK(by_quarter == by_month);
      CHECK(s.year_total(l).spend() == by_month);
    }
    for (const year_month_day as_of : {end, year_month_day{first + std::chrono::days{100}}}) {
      const std::vector<money> spend = s.spend_to_date(as_of);
      const money total = fund_total(spend);
      const partner_rollup p = rollup_by_partner(f, spend);
      CHECK(p.unattributed.is_zero());
      CHECK(p.total() == total);
      money schemes;
      for (const keyed_amount& k : rollup_by_scheme(f, spend))
        schemes += k.amount;
      CHECK(schemes == total);
      money by_source;
      for (const keyed_amount& k : rollup_by_source(f, spend))
        by_source += k.amount;
      CHECK(by_source == total);
      CHECK(s.fund_to_date(as_of).spend() == total);
    }
  }
}
