// Tests for joinedup/budget/events.hpp: a pooled fund through its year. Hand-checked against the
// demo fund (data/demo/budget-fund.json) and its events (data/demo/budget-events.json,
// docs/budget-events.md "The demo's year"); variations follow SI 2000/617 reg 7(3)(b), "how
// contributions may be varied" (domain notes §2.2).
#include "joinedup/budget/events.hpp"

#include <doctest/doctest.h>

#include <string>

#include "joinedup/budget/validate.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/fund_events.hpp"

using namespace joinedup;
using namespace joinedup::budget;

namespace {

std::string source_file(const std::string& rel) {
  return io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/" + rel).value();
}

pooled_fund demo_fund() {
  diagnostics d;
  return io::read_pooled_fund(source_file("data/demo/budget-fund.json"), d).value();
}

fund_events demo_events() {
  diagnostics d;
  const auto e = io::read_fund_events(source_file("data/demo/budget-events.json"), d);
  REQUIRE(e.has_value());
  REQUIRE(d.empty());
  return *e;
}

money m(const char* text) {
  return money::parse(text).value();
}

std::chrono::year_month_day day(int y, unsigned mo, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d};
}

const expenditure_line& line(const pooled_fund& f, const char* id) {
  const expenditure_line* l = f.find_line(id);
  REQUIRE(l != nullptr);
  return *l;
}

}  // namespace

TEST_CASE("the demo fund on dates through its year") {
  const pooled_fund base = demo_fund();
  const fund_events events = demo_events();
  SUBCASE("before any event: the agreed fund") {
    diagnostics d;
    const fund_at_date at = fund_on(base, events, day(2025, 7, 13), d);
    CHECK(d.empty());
    CHECK(at.applied.empty());
    CHECK(at.later == 4);
    CHECK(at.fund == base);
  }
  SUBCASE("on the virement's day: L05 1,800,000.00 − 150,000.00, L01 6,200,000.00 + 150,000.00") {
    diagnostics d;
    const fund_at_date at = fund_on(base, events, day(2025, 7, 14), d);
    CHECK(d.empty());
    REQUIRE(at.applied.size() == 1);
    CHECK(at.applied[0].summary == "L05 → L01 £150,000.00");
    CHECK(line(at.fund, "L05").planned == m("1650000.00"));
    CHECK(line(at.fund, "L01").planned == m("6350000.00"));
    CHECK(at.fund.total_planned() == base.total_planned());
  }
  SUBCASE("at the year end: every event, and the fund still validates") {
    diagnostics d;
    const fund_at_date at = fund_on(base, events, day(2026, 3, 31), d);
    CHECK(d.empty());
    REQUIRE(at.applied.size() == 4);
    // The ICB's additional NHS contribution 1,250,000.00 → 1,500,000.00: income
    // 39,893,310.21 + 250,000.00 = 40,143,310.21, and the stated total moves with it.
    CHECK(at.fund.total_contributions() == m("40143310.21"));
    REQUIRE(at.fund.stated_total.has_value());
    CHECK(*at.fund.stated_total == m("40143310.21"));
    // L12 plans the £250,000.00: planned 39,393,310.21 + 250,000.00 = 39,643,310.21, so the
    // £500,000.00 risk pool is still exactly funded.
    CHECK(line(at.fund, "L12").planned == m("250000.00"));
    CHECK(at.fund.total_planned() == m("39643310.21"));
    // S2's deviation comes first and keeps S2's underspend rule.
    REQUIRE(!at.fund.risk_share.overrides.empty());
    const risk_share_override& first = at.fund.risk_share.overrides.front();
    CHECK(first.schemes == std::vector<std::string>{"S2"});
    CHECK(first.rule.overspend == overspend_rule::proportional_to_contributions);
    CHECK(first.rule.underspend == underspend_rule::retained_by_lead_commissioner);
    const diagnostics v = validate(at.fund, io::shipped_bcf_catalogue(at.fund.year).value());
    for (const diagnostic& x : v)
      INFO(x.code << " " << x.path << " " << x.message);
    CHECK(!v.has_errors());
  }
}

TEST_CASE("an event that cannot be applied is an error and changes nothing") {
  const pooled_fund base = demo_fund();
  fund_events events;
  fund_event v;
  v.date = day(2025, 6, 1);
  v.kind = fund_event_kind::virement;
  v.from_line = "L05";
  v.to_line = "L01";
  v.amount = m("1800000.01");  // L05 plans 1,800,000.00: one penny too many
  events.events.push_back(v);
  fund_event w = v;
  w.kind = fund_event_kind::contribution_variation;
  w.partner = "icb";
  w.source = "additional_nhs";
  w.was = m("1000000.00");  // the fund has 1,250,000.00
  w.amount = m("1100000.00");
  events.events.push_back(w);
  fund_event late = v;
  late.date = day(2026, 4, 1);  // the next year
  late.amount = m("1.00");
  events.events.push_back(late);
  fund_event unknown;
  unknown.date = day(2025, 6, 2);
  unknown.kind = fund_event_kind::new_line;
  unknown.line = line(base, "L05");
  unknown.line->id = "L99";
  unknown.line->scheme = "S9";
  events.events.push_back(unknown);
  diagnostics d;
  const fund_at_date at = fund_on(base, events, day(2026, 3, 31), d);
  CHECK(at.applied.empty());
  CHECK(at.later == 1);
  CHECK(at.fund == base);
  REQUIRE(d.find("budget.events.virement_exceeds_line") != nullptr);
  CHECK(d.find("budget.events.virement_exceeds_line")->path == "/events/0/amount");
  CHECK(d.find("budget.events.variation_mismatch")->path == "/events/1/was");
  CHECK(d.find("budget.events.unknown_scheme")->path == "/events/3/line");
  // The event dated next year is not applied on 31 March 2026; asked about a later date it is
  // outside the fund's year.
  diagnostics later;
  (void)fund_on(base, events, day(2026, 4, 2), later);
  CHECK(later.find("budget.events.outside_year") != nullptr);
}

TEST_CASE("events on one date are applied in the order written; a document for another fund") {
  const pooled_fund base = demo_fund();
  fund_events events = demo_events();
  // The new line before its funding on the same day is still fine (validation, not the events,
  // judges funding), but a virement out of L12 before L12 exists is not.
  fund_event early;
  early.date = day(2025, 9, 2);
  early.kind = fund_event_kind::virement;
  early.from_line = "L12";
  early.to_line = "L01";
  early.amount = m("1.00");
  events.events.insert(events.events.begin(), early);
  diagnostics d;
  (void)fund_on(base, events, day(2025, 9, 2), d);
  CHECK(d.find("budget.events.unknown_line") != nullptr);
  events.fund = "Another fund";
  diagnostics other;
  const fund_at_date at = fund_on(base, events, day(2025, 9, 2), other);
  CHECK(other.find("budget.events.other_fund") != nullptr);
  CHECK(at.applied.empty());
}

TEST_CASE("a variation is paid with the final instalment") {
  // The ICB's NHS minimum, 24,312,540.00 in four instalments; varied to 24,312,640.00 on
  // 1 November 2025: the £100.00 is paid with the final instalment.
  pooled_fund base = demo_fund();
  const contribution& c = base.contributions[0];
  REQUIRE(c.instalments.size() == 4);
  fund_events events;
  fund_event v;
  v.date = day(2025, 11, 1);
  v.kind = fund_event_kind::contribution_variation;
  v.partner = "icb";
  v.source = "nhs_minimum";
  v.amount = m("24312640.00");
  events.events.push_back(v);
  diagnostics d;
  const fund_at_date at = fund_on(base, events, day(2025, 11, 1), d);
  CHECK(d.empty());
  const contribution& after = at.fund.contributions[0];
  CHECK(after.amount == m("24312640.00"));
  CHECK(after.instalments.back().amount == c.instalments.back().amount + m("100.00"));
  money total;
  for (const instalment& in : after.instalments)
    total += in.amount;
  CHECK(total == after.amount);
}
