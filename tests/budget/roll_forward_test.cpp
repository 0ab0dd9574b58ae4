// Tests for joinedup/budget/roll_forward.hpp and joinedup/io/roll_forward.hpp: next year's fund
// from this year's and its settlement. Underspends carried forward into next year follow the
// "carry forward via reserves" option of domain notes §2.3; the uplift figure (3.9 %) is the
// 2025-26 uplift of the minimum NHS contribution to adult social care (§1.4), used here as data.
#include "joinedup/budget/roll_forward.hpp"

#include <doctest/doctest.h>

#include <string>

#include "joinedup/io/budget.hpp"
#include "joinedup/io/roll_forward.hpp"
#include "joinedup/io/settlement.hpp"

using namespace joinedup;
using namespace joinedup::budget;

namespace {

money m(const char* text) {
  return money::parse(text).value();
}

std::chrono::year_month_day day(int y, unsigned mo, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d};
}

/// ICB £600,000.00 (NHS minimum, four instalments of £150,000.00) and council £400,000.00 (LA
/// grant); L1 £350,000.00 and L2 £250,000.00 from the NHS minimum, L3 £400,000.00 from the grant;
/// underspends carried forward.
pooled_fund small_fund() {
  pooled_fund f;
  f.name = "Test fund 2025-26";
  f.year = financial_year::starting(2025);
  f.partners = {{"icb", "Test ICB", partner_kind::icb, "", ""},
                {"council", "Test Council", partner_kind::council, "", ""}};
  f.host = "council";
  f.agreement = {"S75-1", day(2025, 4, 1), day(2026, 3, 31)};
  contribution icb{"icb", "nhs_minimum", m("600000.00"), {}};
  for (const auto& due : {day(2025, 6, 30), day(2025, 9, 30), day(2025, 12, 31), day(2026, 3, 31)})
    icb.instalments.push_back({due, m("150000.00")});
  f.contributions = {icb, {"council", "la_better_care_grant", m("400000.00"), {}}};
  f.schemes = {{"S1", "Scheme", ""}};
  for (const auto& [id, source, planned] :
       {std::tuple{"L1", "nhs_minimum", "350000.00"}, std::tuple{"L2", "nhs_minimum", "250000.00"},
        std::tuple{"L3", "la_better_care_grant", "400000.00"}}) {
    expenditure_line l;
    l.id = id;
    l.scheme = "S1";
    l.commissioner = commissioner_kind::local_authority;
    l.source = source;
    l.planned = m(planned);
    f.lines.push_back(l);
  }
  f.stated_total = m("1000000.00");
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::carry_forward};
  return f;
}

}  // namespace

TEST_CASE("roll forward: uplifts by source and a line's underspend carried into next year") {
  // L1 spends £330,000.00: £20,000.00 under, carried forward on L1.
  const pooled_fund f = small_fund();
  const settlement s =
      settle(f, {{"L1", m("330000.00")}, {"L2", m("250000.00")}, {"L3", m("400000.00")}});
  REQUIRE(s.total(disposition_kind::carried_forward) == m("20000.00"));
  roll_forward_terms terms;
  terms.uplifts = {{"nhs_minimum", ratio::parse("3.9%").value()}};
  diagnostics d;
  const rolled_fund next = roll_forward(f, s, terms, d);
  CHECK(d.empty());
  const pooled_fund& g = next.fund;
  CHECK(g.name == "Test fund 2026-27");
  CHECK(g.year == financial_year::starting(2026));
  CHECK(g.agreement.start == day(2026, 4, 1));
  CHECK(g.agreement.end == day(2027, 3, 31));
  // £600,000.00 × 1.039 = £623,400.00, in four instalments of £155,850.00 a year on.
  CHECK(g.contributions[0].amount == m("623400.00"));
  REQUIRE(g.contributions[0].instalments.size() == 4);
  CHECK(g.contributions[0].instalments[0].due == day(2026, 6, 30));
  CHECK(g.contributions[0].instalments[3].amount == m("155850.00"));
  CHECK(g.contributions[1].amount == m("400000.00"));  // no uplift named: the same cash
  // The NHS minimum's lines share £600,000.00 + £23,400.00 = £623,400.00 by 350 : 250:
  // £363,650.00 and £259,750.00; L1 then takes its £20,000.00 carried forward: £383,650.00.
  CHECK(g.find_line("L1")->planned == m("383650.00"));
  CHECK(g.find_line("L2")->planned == m("259750.00"));
  CHECK(g.find_line("L3")->planned == m("400000.00"));
  // The carry-forward is the ICB's (the only partner paying the NHS minimum).
  REQUIRE(g.contributions.size() == 3);
  CHECK(g.contributions[2] == contribution{"icb", "nhs_minimum", m("20000.00"), {}});
  // Income £623,400.00 + £400,000.00 + £20,000.00 = £1,043,400.00 = planned, and the stated total.
  CHECK(g.total_contributions() == m("1043400.00"));
  CHECK(g.total_planned() == m("1043400.00"));
  CHECK(*g.stated_total == m("1043400.00"));
}

TEST_CASE("roll forward: unspent income carried forward goes into the risk pool") {
  // L3 planned £390,000.00 of the council's £400,000.00: £10,000.00 no line plans, carried
  // forward fund-wide; into next year's risk pool, funded 600 : 400 (ICB £6,000.00, council
  // £4,000.00) as additional contributions.
  pooled_fund f = small_fund();
  f.lines[2].planned = m("390000.00");
  const settlement s =
      settle(f, {{"L1", m("350000.00")}, {"L2", m("250000.00")}, {"L3", m("390000.00")}});
  REQUIRE(s.total(disposition_kind::carried_forward) == m("10000.00"));
  diagnostics d;
  const rolled_fund next = roll_forward(f, s, {}, d);
  CHECK(d.empty());
  CHECK(next.fund.risk_share.risk_pool == m("10000.00"));
  REQUIRE(next.fund.contributions.size() == 4);
  CHECK(next.fund.contributions[2] == contribution{"icb", "additional_nhs", m("6000.00"), {}});
  CHECK(next.fund.contributions[3] == contribution{"council", "additional_la", m("4000.00"), {}});
}

TEST_CASE("roll forward: the settlement must be this fund's, for this year, and complete") {
  const pooled_fund f = small_fund();
  const settlement s = settle(f, {{"L1", m("350000.00")}});
  const std::string json = io::settlement_to_json(s, f);
  diagnostics ok;
  CHECK(io::read_settlement_for_roll_forward(json, f, ok).has_value());
  CHECK(ok.empty());
  pooled_fund other = f;
  other.year = financial_year::starting(2024);
  diagnostics d;
  CHECK(!io::read_settlement_for_roll_forward(json, other, d).has_value());
  CHECK(d.find("budget.roll_forward.settlement")->path == "/financial_year");
  roll_forward_terms bad;
  bad.uplifts = {{"dfg", ratio::parse("5%").value()}};
  diagnostics e;
  (void)roll_forward(f, s, bad, e);
  CHECK(e.find("budget.roll_forward.uplift")->path == "/uplifts/0");
}

TEST_CASE("roll forward: capital income carried forward stays capital") {
  // The council's DFG of £200,000.00 funds a capital line D1 planned at £150,000.00: £50,000.00
  // of capital income no line plans, carried forward (carry_forward). Next year it is a DFG
  // contribution from the council again, never the revenue risk pool.
  pooled_fund f = small_fund();
  f.contributions.push_back({"council", "dfg", m("200000.00"), {}});
  expenditure_line d1;
  d1.id = "D1";
  d1.scheme = "S1";
  d1.commissioner = commissioner_kind::local_authority;
  d1.source = "dfg";
  d1.planned = m("150000.00");
  d1.capital = true;
  f.lines.push_back(d1);
  f.stated_total = m("1200000.00");
  const settlement s = settle(f, {{"L1", m("350000.00")},
                                  {"L2", m("250000.00")},
                                  {"L3", m("400000.00")},
                                  {"D1", m("150000.00")}});
  REQUIRE(s.capital_total(disposition_kind::carried_forward) == m("50000.00"));
  diagnostics d;
  const rolled_fund next = roll_forward(f, s, {}, d);
  CHECK(d.empty());
  CHECK(next.fund.risk_share.risk_pool.is_zero());
  REQUIRE(next.fund.contributions.size() == 4);
  CHECK(next.fund.contributions[3] == contribution{"council", "dfg", m("50000.00"), {}});
}

TEST_CASE("roll forward: a two-year plan's second year is taken as the plan states it") {
  // A 2025-27 plan (domain notes §2.4: two-year plans cover two financial years): for 2026-27 it
  // states ICB £620,000.00 and council £410,000.00, L1 £370,000.00 and L3 £410,000.00; L2 is
  // not listed, so it keeps its £250,000.00. L1 spends £330,000.00 this year: £20,000.00 under,
  // carried forward on L1 and funded by the ICB (the only NHS-minimum payer this year).
  pooled_fund f = small_fund();
  plan_year next_year;
  next_year.year = financial_year::starting(2026);
  next_year.contributions = {{"icb", "nhs_minimum", m("620000.00"), {}},
                             {"council", "la_better_care_grant", m("410000.00"), {}}};
  next_year.lines = {{"L1", m("370000.00")}, {"L3", m("410000.00")}};
  f.later_years = {next_year};
  CHECK(f.plan_period() == "2025-27");
  const settlement s =
      settle(f, {{"L1", m("330000.00")}, {"L2", m("250000.00")}, {"L3", m("400000.00")}});
  roll_forward_terms terms;
  terms.uplifts = {{"nhs_minimum", ratio::parse("3.9%").value()}};
  diagnostics d;
  const rolled_fund next = roll_forward(f, s, terms, d);
  // The plan's figures win over the uplifts, with a warning.
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "budget.roll_forward.uplifts_ignored");
  CHECK(d[0].severity == joinedup::severity::warning);
  const pooled_fund& g = next.fund;
  CHECK(g.year == financial_year::starting(2026));
  CHECK(g.later_years.empty());
  CHECK(g.plan_period() == "2026-27");
  REQUIRE(g.contributions.size() == 3);
  CHECK(g.contributions[0] == contribution{"icb", "nhs_minimum", m("620000.00"), {}});
  CHECK(g.contributions[1] == contribution{"council", "la_better_care_grant", m("410000.00"), {}});
  CHECK(g.contributions[2] == contribution{"icb", "nhs_minimum", m("20000.00"), {}});
  // L1 £370,000.00 + £20,000.00 = £390,000.00; L2 £250,000.00; L3 £410,000.00. Income
  // £620,000.00 + £410,000.00 + £20,000.00 = £1,050,000.00 = planned, and the stated total.
  CHECK(g.find_line("L1")->planned == m("390000.00"));
  CHECK(g.find_line("L2")->planned == m("250000.00"));
  CHECK(g.find_line("L3")->planned == m("410000.00"));
  CHECK(g.total_contributions() == m("1050000.00"));
  CHECK(g.total_planned() == m("1050000.00"));
  CHECK(*g.stated_total == m("1050000.00"));

  SUBCASE("a plan whose next year is not the one after this is an error") {
    pooled_fund h = f;
    h.later_years[0].year = financial_year::starting(2027);
    diagnostics e;
    const rolled_fund r = roll_forward(h, s, {}, e);
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == "budget.roll_forward.plan_year");
    CHECK(e[0].path == "/later_years/0");
  }
}
