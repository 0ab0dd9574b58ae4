// Tests for joinedup/report/settlement.hpp: a settlement's steps in English and its text table.
//
// The worked example, computed by hand. Riverbank ICB contributes £600.00 and Riverbank Council
// (the host) £400.00 for the lines, and £6.00 and £4.00 more that fund a risk pool of £10.00:
// total £1,010.00 (60% / 40%). Overspends: commissioner bears; underspends: retained in the
// pool; no offsetting.
//   F1 Equipment  fixed, council     planned 100.00  outturn 110.00  +10.00
//   J1 Carers     joint, NHS 60/40   planned 300.00  outturn 350.00  +50.00
//   L2 Reablement NHS                planned 200.00  outturn 180.00  -20.00
//   L3 Home care  council            planned 400.00  no outturn: on plan
// An outturn of £5.00 for X9, which the fund does not have, is left out.
// Planned 1,000.00, outturn 1,040.00, variance +40.00.
// F1: the host bears £10.00. The risk pool meets £10.00 of J1's £50.00, leaving £40.00, shared
// 60 : 40 = 3 : 2: ICB £24.00, council £16.00. L2's £20.00 stays in the pool.
// ICB share £24.00 (final £606.00 + £24.00 = £630.00); council £10.00 + £16.00 = £26.00 (final
// £404.00 + £26.00 = £430.00). Pool movements: +10.00 (risk pool) and -20.00 (retained).
// Check: 24 + 26 - 10 = 40. Income 1,010.00 - planned 1,000.00 - the pool's 10.00 leaves
// nothing unspent; money: finals 630.00 + 430.00 = 1,060.00 = outturn 1,040.00 + 20.00 retained.
#include "joinedup/report/settlement.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using joinedup::money;
using namespace joinedup::budget;

money m(const char* text) {
  return money::parse(text).value();
}

expenditure_line line(const char* id, const char* description, commissioner_kind who,
                      const char* planned) {
  expenditure_line l;
  l.id = id;
  l.scheme = "S1";
  l.description = description;
  l.commissioner = who;
  l.source = who == commissioner_kind::nhs ? "nhs_minimum" : "la_better_care_grant";
  l.planned = m(planned);
  return l;
}

/// A partner with a name.
partner party(const char* id, const char* name, partner_kind kind) {
  partner p;
  p.id = id;
  p.name = name;
  p.kind = kind;
  return p;
}

pooled_fund riverbank() {
  pooled_fund f;
  f.name = "Riverbank fund";
  f.year = joinedup::financial_year::starting(2025);
  f.partners = {party("icb", "Riverbank ICB", partner_kind::icb),
                party("council", "Riverbank Council", partner_kind::council)};
  f.host = "council";
  f.contributions = {contribution{"icb", "nhs_minimum", m("600.00"), {}},
                     contribution{"icb", "additional_nhs", m("6.00"), {}},
                     contribution{"council", "la_better_care_grant", m("400.00"), {}},
                     contribution{"council", "additional_la", m("4.00"), {}}};
  expenditure_line f1 = line("F1", "Equipment", commissioner_kind::local_authority, "100.00");
  f1.risk = risk_class::fixed;
  expenditure_line j1 = line("J1", "Carers", commissioner_kind::joint, "300.00");
  j1.joint_nhs_share = joinedup::ratio::percent(60);
  j1.joint_la_share = joinedup::ratio::percent(40);
  f.lines = {f1, j1, line("L2", "Reablement", commissioner_kind::nhs, "200.00"),
             line("L3", "Home care", commissioner_kind::local_authority, "400.00")};
  f.risk_share.default_rule = {overspend_rule::commissioner_bears, underspend_rule::retain_in_pool};
  f.risk_share.risk_pool = m("10.00");
  f.risk_share.risk_pool_funding = {{"icb", m("6.00")}, {"council", m("4.00")}};
  return f;
}

settlement riverbank_settlement(const pooled_fund& f) {
  return settle(f,
                {{"F1", m("110.00")}, {"J1", m("350.00")}, {"L2", m("180.00")}, {"X9", m("5.00")}});
}

TEST_CASE("the worked example's steps in English") {
  const pooled_fund f = riverbank();
  const settlement s = riverbank_settlement(f);
  REQUIRE(s.balances());
  const std::vector<std::string> expected = {
      "Settlement of Riverbank fund for 2025-26: planned spend £1,000.00, outturn £1,040.00, "
      "variance £40.00 (an overspend of £40.00). A positive share of variance means a partner "
      "pays more; a negative one, less.",
      "Contributions: Riverbank ICB £606.00 (60.00%), Riverbank Council £404.00 (40.00%); total "
      "£1,010.00.",
      "Risk share: by default, overspends commissioner bears, underspends retain in the pool; "
      "underspends do not offset overspends; risk pool £10.00; fixed lines are borne by the host "
      "(Riverbank Council).",
      "Outturn 4 of £5.00 names line 'X9', which is not in the fund; it is left out of the "
      "settlement.",
      "Line L3 (Home care) has no outturn; it is treated as on plan (£400.00).",
      "Line F1 (Equipment) is a fixed line with an overspend of £10.00 (planned £100.00, outturn "
      "£110.00); the host bears a fixed line's variance and the other partners' contributions do "
      "not change; the host is Riverbank Council: Riverbank Council bears £10.00.",
      "Variable lines: overspends £50.00 on 1 line (J1 £50.00); underspends £20.00 on 1 line (L2 "
      "£20.00).",
      "Overspend hierarchy, stage 2 (the risk pool of £10.00): it meets £10.00 of the £50.00 "
      "still uncovered, shared over the overspending lines by what each still has uncovered (J1 "
      "£10.00); none of the risk pool is left.",
      "Line J1 (Carers) overspent by £50.00 (£10.00 from the risk pool), leaving £40.00; rule: "
      "commissioner bears; it is jointly commissioned, NHS (Riverbank ICB) 60% and council 40%: "
      "Riverbank ICB bears £24.00 and Riverbank Council bears £16.00.",
      "Line L2 (Reablement) underspent by £20.00; rule: retain in the pool; £20.00 stays in the "
      "pool.",
      "Income £1,010.00 less planned spend £1,000.00 less £10.00 the risk pool met leaves £0.00: "
      "nothing is left unspent.",
      "Riverbank ICB: contribution £606.00, share of variance £24.00, final contribution £630.00.",
      "Riverbank Council: contribution £404.00, share of variance £26.00, final contribution "
      "£430.00.",
      "Check: variance £40.00 = partners' shares £50.00 + pool movements -£10.00 (risk_pool "
      "£10.00, retained_in_pool -£20.00).",
      "Money is conserved: final contributions £1,060.00 + met from outside the pool £0.00 = "
      "outturn £1,040.00 + carried forward £0.00 + retained in the pool £20.00."};
  const std::vector<std::string> steps = joinedup::report::settlement_steps(s, f);
  REQUIRE(steps.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(steps[i] == expected[i]);
    CHECK(joinedup::report::settlement_step_text(s.steps[i], s, f) == expected[i]);
  }
}

TEST_CASE("the worked example's records say the same as its sentences") {
  const pooled_fund f = riverbank();
  const settlement s = riverbank_settlement(f);
  REQUIRE(s.steps.size() == 15);
  CHECK(s.steps[3].kind == settlement_step_kind::unknown_line);
  CHECK(s.steps[3].line == "X9");
  CHECK(s.steps[3].outturn_number == 4);
  CHECK(s.steps[3].outturn == m("5.00"));
  CHECK(s.steps[4].kind == settlement_step_kind::missing_outturn);
  CHECK(s.steps[4].planned == m("400.00"));
  const settlement_step& fixed = s.steps[5];
  CHECK(fixed.kind == settlement_step_kind::fixed_line);
  CHECK(fixed.rule == "fixed_host_bears");
  REQUIRE(fixed.sharing.has_value());
  CHECK(fixed.sharing->basis == sharing_basis::host);
  CHECK(fixed.sharing->partner == "council");
  const settlement_step& joint = s.steps[8];
  CHECK(joint.kind == settlement_step_kind::line_overspend);
  CHECK(joint.line == "J1");
  CHECK(joint.met_from_risk_pool == m("10.00"));
  CHECK(joint.residual == m("40.00"));
  REQUIRE(joint.sharing.has_value());
  CHECK(joint.sharing->basis == sharing_basis::joint);
  CHECK(joint.sharing->partner == "icb");
  CHECK(joint.sharing->nhs_share == joinedup::ratio::percent(60));
  CHECK(joint.sharing->council_share == joinedup::ratio::percent(40));
  REQUIRE(joint.sharing->shares.size() == 2);
  CHECK(joint.sharing->shares[0].amount == m("24.00"));
  CHECK(joint.sharing->shares[1].amount == m("16.00"));
  const settlement_step& kept = s.steps[9];
  CHECK(kept.kind == settlement_step_kind::line_underspend);
  CHECK(kept.retained_in_pool == m("-20.00"));
  CHECK(!kept.sharing.has_value());
}

TEST_CASE("a problem in a record becomes its reason in the sentence") {
  pooled_fund f = riverbank();
  f.partners.pop_back();  // no council: J1's rule cannot find one, F1's host is not a partner
  f.contributions.pop_back();
  f.contributions.pop_back();
  // The ICB's £606.00 is less than the £1,000.00 the lines plan, so nothing funds the pool.
  f.risk_share.risk_pool_funding.pop_back();
  f.risk_share.risk_pool = m("6.00");
  const settlement s = riverbank_settlement(f);
  REQUIRE(s.balances());
  REQUIRE(s.conserves());
  const std::vector<std::string> steps = joinedup::report::settlement_steps(s, f);
  CHECK(s.steps[5].sharing->problem == sharing_problem::host_not_partner);
  CHECK(
      steps[5].ends_with("the host 'council' is not a partner of the fund, so £10.00 is held in "
                         "the pool as not allocated."));
  CHECK(s.steps[7].sharing->problem == sharing_problem::no_council);
  CHECK(
      steps[7].ends_with("it is jointly commissioned but the fund has no council partner, so "
                         "£50.00 is held in the pool as not allocated."));
  CHECK(
      steps[2].ends_with("risk pool £6.00 (only £0.00 of it is funded: the income no line plans "
                         "to spend); fixed lines are borne by the host ('council', not a "
                         "partner)."));
  // Nobody pays the £394.00 the lines plan beyond the ICB's contribution, nor the £10.00 and
  // £50.00 held as not allocated: £454.00 is met from outside the pool. 606 + 454 = 1,040 + 20.
  CHECK(s.total(disposition_kind::from_outside_pool) == m("454.00"));
  CHECK(steps[9] ==
        "Income £606.00 less planned spend £1,000.00 leaves -£394.00: the lines plan to spend more "
        "than the partners contribute, so £394.00 is met from outside the pool.");
}

TEST_CASE("joint shares too fine to share exactly: the amount is held in the pool") {
  // NHS (P - 1)/P and council P/(P + 1) with P = 4 * 10^18: the weights are (P - 1)(P + 1) and
  // P * P (coprime), both above 2^120, so J1's remaining £40.00 is not shared.
  pooled_fund f = riverbank();
  const std::int64_t p = 4'000'000'000'000'000'000;
  f.lines[1].joint_nhs_share = joinedup::ratio::of(p - 1, p);
  f.lines[1].joint_la_share = joinedup::ratio::of(p, p + 1);
  const settlement s = riverbank_settlement(f);
  REQUIRE(s.balances());
  REQUIRE(s.steps[8].sharing.has_value());
  CHECK(s.steps[8].sharing->problem == sharing_problem::weights_too_large);
  CHECK(s.steps[8].sharing->shares.empty());
  CHECK(joinedup::report::settlement_step_text(s.steps[8], s, f) ==
        "Line J1 (Carers) overspent by £50.00 (£10.00 from the risk pool), leaving £40.00; rule: "
        "commissioner bears; the weights are too large to share £40.00 exactly, so it is held in "
        "the pool as not allocated.");
  CHECK(s.find_line("J1")->not_allocated == m("40.00"));
}

TEST_CASE("the text table numbers the steps and wraps them at 100 columns") {
  const pooled_fund f = riverbank();
  const settlement s = riverbank_settlement(f);
  const std::string text = joinedup::report::settlement_text(s, f, std::nullopt, "BANNER\n");
  CHECK(text.starts_with("Settlement of Riverbank fund, 2025-26\nBANNER\nPlanned £1,000.00"));
  CHECK(text.find("\nSteps\n 1. Settlement of Riverbank fund for 2025-26") != std::string::npos);
  CHECK(text.find("\n14. Check: variance £40.00") != std::string::npos);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    REQUIRE(end != std::string::npos);  // every line ends with a line break
    std::size_t width = 0;
    for (std::size_t i = start; i < end; ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++width;  // a code point starts
    CHECK(width <= 100);
    start = end + 1;
  }
}

}  // namespace
