// Tests for joinedup/budget/settle.hpp: the risk share and settlement of a pooled fund.
//
// The three worked agreements follow the clause patterns in docs/sources.md: proportional to
// contributions (§S-RISK-PROPORTIONAL, lawinsider "pooled-fund-arrangements"); per-scheme pro
// rata capped with a £0.5m risk pool and the overspend hierarchy (Rotherham,
// §S-RISK-SCHEME-CAPPED, lawinsider "risk-share-arrangements", and §S-OVERSPEND-ORDER,
// markettransfer "over-and-underspends"); fixed versus variable lines with the host bearing fixed
// lines (Luton, §S-RISK-FIXED-VARIABLE, lawinsider "risk-share"). Every expected figure is
// computed by hand in the comments, to the penny, by the largest-remainder method (ties to the
// earlier position).
#include "joinedup/budget/settle.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "joinedup/report/settlement.hpp"

namespace {

using joinedup::diagnostics;
using joinedup::money;
using joinedup::ratio;
using namespace joinedup::budget;

/// Money from its interchange text ("1220000.01").
money m(const char* text) {
  return money::parse(text).value();
}

partner make_partner(const char* id, const char* name, partner_kind kind) {
  partner p;
  p.id = id;
  p.name = name;
  p.kind = kind;
  return p;
}

contribution make_contribution(const char* partner_id, const char* source, money amount) {
  contribution c;
  c.partner = partner_id;
  c.source = source;
  c.amount = amount;
  return c;
}

expenditure_line make_line(const char* id, const char* scheme_id, const char* description,
                           commissioner_kind who, const char* source, money planned,
                           risk_class risk = risk_class::variable) {
  expenditure_line l;
  l.id = id;
  l.scheme = scheme_id;
  l.description = description;
  l.commissioner = who;
  l.source = source;
  l.planned = planned;
  l.risk = risk;
  return l;
}

/// An ICB ("icb") and a council ("council", the host).
pooled_fund two_partner_fund() {
  pooled_fund f;
  f.name = "Test fund";
  f.partners = {make_partner("icb", "Test ICB", partner_kind::icb),
                make_partner("council", "Test Council", partner_kind::council)};
  f.host = "council";
  return f;
}

/// The share of variance of a partner (fails the test when there is no such partner).
money share_of(const settlement& s, const char* partner_id) {
  const partner_settlement* p = s.find_partner(partner_id);
  REQUIRE(p != nullptr);
  return p->share_of_variance;
}

/// The line's share for a partner (zero when it has none).
money line_share(const settlement& s, const char* line_id, const char* partner_id) {
  const line_settlement* l = s.find_line(line_id);
  REQUIRE(l != nullptr);
  for (const partner_amount& a : l->shares) {
    if (a.partner == partner_id) return a.amount;
  }
  return money{};
}

/// True when a step of `s`, in English (report::settlement_steps), contains `text`.
bool has_step(const settlement& s, const pooled_fund& f, const std::string& text) {
  const std::vector<std::string> steps = joinedup::report::settlement_steps(s, f);
  return std::any_of(steps.begin(), steps.end(),
                     [&](const std::string& step) { return step.find(text) != std::string::npos; });
}

bool has_code(const diagnostics& d, const char* code) {
  return std::any_of(d.begin(), d.end(),
                     [&](const joinedup::diagnostic& x) { return x.code == code; });
}

/// The identities every settlement keeps: the fund-wide one, the partner one, and the per-line
/// one; and the lines' pool parts add up to the pool movements.
void check_identities(const settlement& s) {
  CHECK(s.balances());
  CHECK(s.variance == s.total_share_of_variance() + s.total_pool_movements());
  money line_variance;
  money line_shares;
  money line_pool;
  for (const line_settlement& l : s.lines) {
    money shares;
    for (const partner_amount& a : l.shares)
      shares += a.amount;
    CHECK(l.variance == l.outturn - l.planned);
    CHECK(l.residual == l.variance - l.met_from_underspends - l.met_from_risk_pool);
    CHECK(l.variance == l.met_from_underspends + l.met_from_risk_pool + shares +
                            l.retained_in_pool + l.not_allocated + l.carried_forward);
    line_variance += l.variance;
    line_shares += shares;
    line_pool += l.met_from_underspends + l.met_from_risk_pool + l.retained_in_pool +
                 l.not_allocated + l.carried_forward;
  }
  CHECK(line_variance == s.variance);
  CHECK(line_shares == s.total_share_of_variance());
  CHECK(line_pool == s.total_pool_movements());
  for (const partner_settlement& p : s.partners) {
    CHECK(p.final_contribution == p.contribution + p.share_of_variance + p.unspent_returned);
    CHECK(p.capital_final_contribution ==
          p.capital_contribution + p.capital_share_of_variance + p.capital_unspent_returned);
  }
  // Capital on its own, when it is settled apart.
  CHECK((!s.capital_apart || s.conserves_capital()));
  // Money is conserved: Σ final + from outside = outturn + carried forward + retained.
  CHECK(s.conserves());
  CHECK(s.total_final_contributions() + s.total(disposition_kind::from_outside_pool) ==
        s.outturn + s.total(disposition_kind::carried_forward) +
            s.total(disposition_kind::retained_in_pool));
}

// ---------------------------------------------------------------------------------------------
// Worked agreement 1: proportional to contributions (no offsetting, no risk pool).
//
// Contributions: ICB NHS minimum £2,000,000.00; council Better Care Grant £600,000.00 and DFG
// £400,000.00, so council £1,000,000.00. Weights 2 : 1 (total £3,000,000.00).
// Lines (all variable; overspends shared proportional to contributions, underspends returned
// pro rata to contributions):
//   L1 home care (council)        planned 1,100,000.00  outturn 1,220,000.01  variance +120,000.01
//   L2 community rehab (NHS)      planned 1,500,000.00  outturn 1,480,000.00  variance  -20,000.00
//   L3 DFG adaptations (council)  planned   400,000.00  outturn   400,000.00  variance        0.00
// Variance = 120,000.01 - 20,000.00 = £100,000.01.
// L1: 12,000,001p x 2/3 = 8,000,000.67 (floor 8,000,000, remainder 2/3);
//     12,000,001p x 1/3 = 4,000,000.33 (floor 4,000,000, remainder 1/3);
//     floors add to 12,000,000, 1p left -> the larger remainder, the ICB.
//     ICB £80,000.01, council £40,000.00.
// L2: 2,000,000p x 2/3 = 1,333,333.33 (floor 1,333,333, remainder 1/3);
//     2,000,000p x 1/3 = 666,666.67 (floor 666,666, remainder 2/3); 1p left -> council.
//     ICB -£13,333.33, council -£6,666.67.
// ICB share = 80,000.01 - 13,333.33 = £66,666.68; final 2,000,000.00 + 66,666.68 = £2,066,666.68.
// Council share = 40,000.00 - 6,666.67 = £33,333.33; final £1,033,333.33.
// Check: 66,666.68 + 33,333.33 = 100,000.01 = variance; no pool movements.
// ---------------------------------------------------------------------------------------------
pooled_fund worked_agreement_1() {
  pooled_fund f = two_partner_fund();
  f.contributions = {make_contribution("icb", "nhs_minimum", m("2000000.00")),
                     make_contribution("council", "la_better_care_grant", m("600000.00")),
                     make_contribution("council", "dfg", m("400000.00"))};
  f.lines = {make_line("L1", "S1", "Home care", commissioner_kind::local_authority,
                       "la_better_care_grant", m("1100000.00")),
             make_line("L2", "S2", "Community rehab", commissioner_kind::nhs, "nhs_minimum",
                       m("1500000.00")),
             make_line("L3", "S3", "DFG adaptations", commissioner_kind::local_authority, "dfg",
                       m("400000.00"))};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::return_pro_rata};
  return f;
}

TEST_CASE("worked agreement 1: proportional to contributions") {
  const pooled_fund f = worked_agreement_1();
  const outturns o = {{"L1", m("1220000.01")}, {"L2", m("1480000.00")}, {"L3", m("400000.00")}};
  diagnostics d;
  const settlement s = settle(f, o, d);
  CHECK(d.empty());
  CHECK(s.variance == m("100000.01"));
  CHECK(line_share(s, "L1", "icb") == m("80000.01"));
  CHECK(line_share(s, "L1", "council") == m("40000.00"));
  CHECK(line_share(s, "L2", "icb") == m("-13333.33"));
  CHECK(line_share(s, "L2", "council") == m("-6666.67"));
  CHECK(s.find_line("L3")->rule == "on_plan");
  CHECK(s.find_line("L3")->shares.empty());
  REQUIRE(s.partners.size() == 2);
  CHECK(s.partners[0].partner == "icb");
  CHECK(s.partners[0].contribution == m("2000000.00"));
  CHECK(s.partners[0].share_of_variance == m("66666.68"));
  CHECK(s.partners[0].final_contribution == m("2066666.68"));
  CHECK(s.partners[1].partner == "council");
  CHECK(s.partners[1].contribution == m("1000000.00"));
  CHECK(s.partners[1].share_of_variance == m("33333.33"));
  CHECK(s.partners[1].final_contribution == m("1033333.33"));
  CHECK(s.pool_movements.empty());
  CHECK(s.find_line("L1")->rule == "proportional_to_contributions");
  CHECK(s.find_line("L2")->rule == "return_pro_rata");
  check_identities(s);
  CHECK(has_step(s, f,
                 "Contributions: Test ICB £2,000,000.00 (66.67%), Test Council £1,000,000.00 "
                 "(33.33%); total £3,000,000.00."));
  CHECK(has_step(s, f,
                 "Line L1 (Home care) overspent by £120,000.01; rule: proportional to "
                 "contributions; by contributions (Test ICB £2,000,000.00, Test Council "
                 "£1,000,000.00): Test ICB bears £80,000.01 and Test Council bears £40,000.00."));
  CHECK(has_step(s, f,
                 "Line L2 (Community rehab) underspent by £20,000.00; rule: return pro rata to "
                 "contributions"));
  CHECK(has_step(s, f, "Test ICB gets back £13,333.33 and Test Council gets back £6,666.67."));
  CHECK(has_step(s, f,
                 "Check: variance £100,000.01 = partners' shares £100,000.01 + pool movements "
                 "£0.00."));
}

TEST_CASE("worked agreement 1: the steps as records") {
  // The figures of worked agreement 1 above, one record per numbered step.
  const pooled_fund f = worked_agreement_1();
  const settlement s =
      settle(f, {{"L1", m("1220000.01")}, {"L2", m("1480000.00")}, {"L3", m("400000.00")}});
  REQUIRE(s.steps.size() == 11);
  std::vector<settlement_step_kind> kinds;
  for (const settlement_step& st : s.steps)
    kinds.push_back(st.kind);
  using k = settlement_step_kind;
  CHECK(kinds == std::vector<k>{k::opening, k::contributions, k::agreement, k::variable_lines,
                                k::line_overspend, k::line_underspend, k::unspent,
                                k::partner_result, k::partner_result, k::check, k::conservation});
  // Planned 1,100,000.00 + 1,500,000.00 + 400,000.00; outturn 1,220,000.01 + 1,480,000.00 +
  // 400,000.00.
  CHECK(s.steps[0].planned == m("3000000.00"));
  CHECK(s.steps[0].outturn == m("3100000.01"));
  CHECK(s.steps[0].variance == m("100000.01"));
  REQUIRE(s.steps[1].partners.size() == 2);
  CHECK(s.steps[1].partners[0].partner == "icb");
  CHECK(s.steps[1].partners[0].amount == m("2000000.00"));
  CHECK(s.steps[1].partners[1].amount == m("1000000.00"));
  CHECK(s.steps[1].total == m("3000000.00"));
  CHECK(s.steps[2].default_overspend == "proportional_to_contributions");
  CHECK(s.steps[2].default_underspend == "return_pro_rata");
  CHECK(s.steps[2].partner == "council");
  CHECK(s.steps[2].host_is_partner);
  CHECK(s.steps[2].partners.empty());  // no caps
  // Variable lines: L1 +120,000.01, L2 -20,000.00; L3 on plan is not listed.
  REQUIRE(s.steps[3].overspends.size() == 1);
  CHECK(s.steps[3].overspends[0].line == "L1");
  CHECK(s.steps[3].overspends[0].amount == m("120000.01"));
  REQUIRE(s.steps[3].underspends.size() == 1);
  CHECK(s.steps[3].underspends[0].line == "L2");
  CHECK(s.steps[3].underspends[0].amount == m("20000.00"));
  CHECK(s.steps[3].total_overspend == m("120000.01"));
  CHECK(s.steps[3].total_underspend == m("20000.00"));
  // L1: ICB £80,000.01 and council £40,000.00, by contributions 2 : 1.
  const settlement_step& l1 = s.steps[4];
  CHECK(l1.line == "L1");
  CHECK(l1.scheme == "S1");
  CHECK(l1.rule == "proportional_to_contributions");
  CHECK(l1.variance == m("120000.01"));
  CHECK(l1.residual == m("120000.01"));
  REQUIRE(l1.sharing.has_value());
  CHECK(l1.sharing->basis == sharing_basis::contributions);
  CHECK(l1.sharing->problem == sharing_problem::none);
  CHECK(l1.sharing->amount == m("120000.01"));
  REQUIRE(l1.sharing->weights.size() == 2);
  CHECK(l1.sharing->weights[1].partner == "council");
  CHECK(l1.sharing->weights[1].amount == m("1000000.00"));
  REQUIRE(l1.sharing->shares.size() == 2);
  CHECK(l1.sharing->shares[0].partner == "icb");
  CHECK(l1.sharing->shares[0].amount == m("80000.01"));
  CHECK(l1.sharing->shares[1].partner == "council");
  CHECK(l1.sharing->shares[1].amount == m("40000.00"));
  // L2: ICB -£13,333.33 and council -£6,666.67.
  const settlement_step& l2 = s.steps[5];
  CHECK(l2.line == "L2");
  CHECK(l2.rule == "return_pro_rata");
  CHECK(l2.variance == m("-20000.00"));
  REQUIRE(l2.sharing.has_value());
  REQUIRE(l2.sharing->shares.size() == 2);
  CHECK(l2.sharing->shares[0].amount == m("-13333.33"));
  CHECK(l2.sharing->shares[1].amount == m("-6666.67"));
  CHECK(s.steps[7].partner == "icb");
  CHECK(s.steps[7].contribution == m("2000000.00"));
  CHECK(s.steps[7].share_of_variance == m("66666.68"));
  CHECK(s.steps[7].final_contribution == m("2066666.68"));
  CHECK(s.steps[8].partner == "council");
  CHECK(s.steps[8].final_contribution == m("1033333.33"));
  CHECK(s.steps[9].variance == m("100000.01"));
  CHECK(s.steps[9].share_of_variance == m("100000.01"));
  // Income £3,000,000.00 = planned £3,000,000.00: nothing is left unspent.
  CHECK(s.steps[6].income == m("3000000.00"));
  CHECK(s.steps[6].unspent_total.is_zero());
  CHECK(!s.steps[6].sharing.has_value());
  // Final contributions 2,066,666.68 + 1,033,333.33 = 3,100,000.01 = the outturn.
  CHECK(s.steps[10].final_contribution == m("3100000.01"));
  CHECK(s.steps[10].outturn == m("3100000.01"));
  CHECK(s.steps[10].from_outside_pool.is_zero());
  CHECK(s.steps[8].pool_movements.is_zero());
}

// ---------------------------------------------------------------------------------------------
// Worked agreement 2 (Rotherham pattern): per-scheme pro rata capped, £0.5m risk pool, the
// overspend hierarchy (underspends elsewhere in the pool -> risk pool -> partners).
//
// Contributions: ICB NHS minimum £5,500,000.00 + additional NHS £700,000.00 = £6,200,000.00;
// council Better Care Grant £2,500,000.00 + additional council £300,000.00 = £2,800,000.00;
// total £9,000,000.00 = planned lines £8,500,000.00 + risk pool £500,000.00.
// Caps: the council's share under the capped rule is at most £50,000.00 (by agreement); the
// ICB has no cap entry, so its cap is its contribution, £6,200,000.00.
// Lines (all variable; every scheme per_scheme_pro_rata_capped; underspends return pro rata):
//   S1 L1 community beds (NHS, NHS minimum)  planned 3,000,000.00  outturn 3,450,000.00 +450,000.00
//   S1 L2 reablement (council, BCG)          planned 1,000,000.00  outturn 1,000,000.00        0.00
//   S2 L3 home care (council, NHS minimum)   planned 2,500,000.00  outturn 2,900,000.01 +400,000.01
//   S2 L4 home care (council, BCG)           planned 1,500,000.00  outturn 1,400,000.00 -100,000.00
//   S3 L5 carers (joint, additional NHS)     planned   500,000.00  outturn   500,000.00        0.00
// Variance = 450,000.00 + 400,000.01 - 100,000.00 = £750,000.01.
// Scheme funding: S1 = L1 3,000,000 (all ICB: only the ICB pays the NHS minimum) + L2 1,000,000
// (council) -> ICB 3 : council 1. S2 = L3 2,500,000 (ICB) + L4 1,500,000 (council) -> 5 : 3.
// Stage 1, underspends elsewhere: min(850,000.01, 100,000.00) = £100,000.00, shared over L1 and
//   L3 by 45,000,000 : 40,000,001. L1: 10,000,000 x 45,000,000 / 85,000,001 = 5,294,117.58
//   (remainder .58); L3: 4,705,882.42 (.42); floors 9,999,999, 1p left -> L1.
//   L1 £52,941.18, L3 £47,058.82; L4's underspend is used in full (£100,000.00).
//   Uncovered: L1 397,058.82, L3 352,941.19, total £750,000.01.
// Stage 2, risk pool: min(500,000.00, 750,000.01) = £500,000.00 by 39,705,882 : 35,294,119.
//   L1: 50,000,000 x 39,705,882 / 75,000,001 = 26,470,587.65 (.65); L3: 23,529,412.35 (.35);
//   1p left -> L1. L1 £264,705.88, L3 £235,294.12. Nothing of the risk pool is left.
//   Remaining: L1 397,058.82 - 264,705.88 = £132,352.94; L3 352,941.19 - 235,294.12 = £117,647.07.
// Stage 3, L1 by S1's 3 : 1: 13,235,294 x 3/4 = 9,926,470.5, x 1/4 = 3,308,823.5; the tie goes
//   to the earlier partner: ICB £99,264.71, council £33,088.23 (council cap left 16,911.77).
// L3 by S2's 5 : 3: 11,764,707 x 5/8 = 7,352,941.875 (.875), x 3/8 = 4,411,765.125 (.125);
//   1p left -> ICB: ICB £73,529.42, council £44,117.65. The council can take only £16,911.77
//   more, so £27,205.88 passes on to the partners with headroom that fund S2: the ICB alone.
//   ICB £73,529.42 + £27,205.88 = £100,735.30; council £16,911.77.
// ICB share = 99,264.71 + 100,735.30 = £200,000.01; final 6,200,000.00 + 200,000.01 =
//   £6,400,000.01. Council share = 33,088.23 + 16,911.77 = £50,000.00 (its cap); final
//   £2,850,000.00.
// Pool movements: +100,000.00 (overspends met from underspends), -100,000.00 (underspends
//   used), +500,000.00 (risk pool). Check: 200,000.01 + 50,000.00 + 500,000.00 = 750,000.01.
// ---------------------------------------------------------------------------------------------
pooled_fund worked_agreement_2() {
  pooled_fund f;
  f.name = "Rotherham-style fund";
  f.partners = {make_partner("icb", "South Yorkshire ICB", partner_kind::icb),
                make_partner("council", "Rotherham Council", partner_kind::council)};
  f.host = "council";
  f.contributions = {make_contribution("icb", "nhs_minimum", m("5500000.00")),
                     make_contribution("icb", "additional_nhs", m("700000.00")),
                     make_contribution("council", "la_better_care_grant", m("2500000.00")),
                     make_contribution("council", "additional_la", m("300000.00"))};
  expenditure_line carers =
      make_line("L5", "S3", "Carers", commissioner_kind::joint, "additional_nhs", m("500000.00"));
  carers.joint_nhs_share = ratio::percent(50);
  carers.joint_la_share = ratio::percent(50);
  f.lines = {make_line("L1", "S1", "Community beds", commissioner_kind::nhs, "nhs_minimum",
                       m("3000000.00")),
             make_line("L2", "S1", "Reablement", commissioner_kind::local_authority,
                       "la_better_care_grant", m("1000000.00")),
             make_line("L3", "S2", "Home care", commissioner_kind::local_authority, "nhs_minimum",
                       m("2500000.00")),
             make_line("L4", "S2", "Home care", commissioner_kind::local_authority,
                       "la_better_care_grant", m("1500000.00")),
             carers};
  f.risk_share.default_rule = {overspend_rule::per_scheme_pro_rata_capped,
                               underspend_rule::return_pro_rata};
  f.risk_share.offset_underspends = true;
  f.risk_share.risk_pool = m("500000.00");
  f.risk_share.caps = {{"council", m("50000.00")}};
  return f;
}

TEST_CASE("worked agreement 2: per-scheme pro rata capped with a £0.5m risk pool") {
  const pooled_fund f = worked_agreement_2();
  const outturns o = {{"L1", m("3450000.00")},
                      {"L2", m("1000000.00")},
                      {"L3", m("2900000.01")},
                      {"L4", m("1400000.00")},
                      {"L5", m("500000.00")}};
  diagnostics d;
  const settlement s = settle(f, o, d);
  CHECK(d.empty());
  CHECK(s.variance == m("750000.01"));
  const line_settlement& l1 = *s.find_line("L1");
  const line_settlement& l3 = *s.find_line("L3");
  const line_settlement& l4 = *s.find_line("L4");
  CHECK(l1.met_from_underspends == m("52941.18"));
  CHECK(l3.met_from_underspends == m("47058.82"));
  CHECK(l4.met_from_underspends == m("-100000.00"));
  CHECK(l4.residual.is_zero());
  CHECK(l4.shares.empty());
  CHECK(l1.met_from_risk_pool == m("264705.88"));
  CHECK(l3.met_from_risk_pool == m("235294.12"));
  CHECK(l1.residual == m("132352.94"));
  CHECK(l3.residual == m("117647.07"));
  CHECK(line_share(s, "L1", "icb") == m("99264.71"));
  CHECK(line_share(s, "L1", "council") == m("33088.23"));
  CHECK(line_share(s, "L3", "icb") == m("100735.30"));
  CHECK(line_share(s, "L3", "council") == m("16911.77"));
  CHECK(l1.rule == "per_scheme_pro_rata_capped");
  CHECK(s.risk_pool_used == m("500000.00"));
  CHECK(share_of(s, "icb") == m("200000.01"));
  CHECK(share_of(s, "council") == m("50000.00"));
  CHECK(s.find_partner("icb")->final_contribution == m("6400000.01"));
  CHECK(s.find_partner("council")->final_contribution == m("2850000.00"));
  REQUIRE(s.pool_movements.size() == 3);
  CHECK(s.pool_movements[0].amount == m("100000.00"));
  CHECK(s.pool_movements[0].kind == pool_movement_kind::met_from_underspends);
  CHECK(s.pool_movements[1].amount == m("-100000.00"));
  CHECK(s.pool_movements[1].kind == pool_movement_kind::underspends_used);
  CHECK(s.pool_movements[2].amount == m("500000.00"));
  CHECK(s.pool_movements[2].kind == pool_movement_kind::risk_pool);
  CHECK(s.total_pool_movements() == m("500000.00"));
  check_identities(s);
  CHECK(has_step(s, f,
                 "Overspend hierarchy, stage 1 (underspends elsewhere in the pool): "
                 "£100,000.00"));
  CHECK(has_step(s, f, "(L1 £52,941.18, L3 £47,058.82)"));
  CHECK(has_step(s, f,
                 "Overspend hierarchy, stage 2 (the risk pool of £500,000.00): it meets "
                 "£500,000.00 of the £750,000.01 still uncovered"));
  CHECK(has_step(s, f,
                 "Rotherham Council is capped at £50,000.00 and can take only £16,911.77 more, "
                 "so £27,205.88 passes on"));
  CHECK(has_step(s, f,
                 "so South Yorkshire ICB bears £100,735.30 and Rotherham Council bears "
                 "£16,911.77."));
}

TEST_CASE("worked agreement 2: the overspend hierarchy and the caps as records") {
  // The figures of worked agreement 2 above.
  const pooled_fund f = worked_agreement_2();
  const settlement s = settle(f, {{"L1", m("3450000.00")},
                                  {"L2", m("1000000.00")},
                                  {"L3", m("2900000.01")},
                                  {"L4", m("1400000.00")},
                                  {"L5", m("500000.00")}});
  const auto find = [&s](settlement_step_kind kind, const char* line) -> const settlement_step& {
    const auto it = std::find_if(s.steps.begin(), s.steps.end(), [&](const settlement_step& st) {
      return st.kind == kind && st.line == line;
    });
    REQUIRE(it != s.steps.end());
    return *it;
  };
  // Stage 1: £100,000.00 met, L1 £52,941.18 and L3 £47,058.82; L4's £100,000.00 used.
  const settlement_step& offset = find(settlement_step_kind::offset, "");
  CHECK(offset.amount == m("100000.00"));
  CHECK(offset.total_overspend == m("850000.01"));
  CHECK(offset.total_underspend == m("100000.00"));
  REQUIRE(offset.overspends.size() == 2);
  CHECK(offset.overspends[0].line == "L1");
  CHECK(offset.overspends[0].amount == m("52941.18"));
  CHECK(offset.overspends[1].amount == m("47058.82"));
  REQUIRE(offset.underspends.size() == 1);
  CHECK(offset.underspends[0].line == "L4");
  CHECK(offset.underspends[0].amount == m("100000.00"));
  // Stage 2: the whole £500,000.00 pool of £750,000.01 uncovered, L1 £264,705.88, L3
  // £235,294.12.
  const settlement_step& pool = find(settlement_step_kind::risk_pool, "");
  CHECK(pool.risk_pool == m("500000.00"));
  CHECK(pool.amount == m("500000.00"));
  CHECK(pool.uncovered == m("750000.01"));
  REQUIRE(pool.overspends.size() == 2);
  CHECK(pool.overspends[0].amount == m("264705.88"));
  CHECK(pool.overspends[1].amount == m("235294.12"));
  // L3: £117,647.07 by S2's funding 5 : 3; the council (cap £50,000.00) can take only
  // £16,911.77 of its £44,117.65, so £27,205.88 passes to the ICB.
  const settlement_step& l3 = find(settlement_step_kind::line_overspend, "L3");
  CHECK(l3.scheme == "S2");
  CHECK(l3.met_from_underspends == m("47058.82"));
  CHECK(l3.met_from_risk_pool == m("235294.12"));
  CHECK(l3.residual == m("117647.07"));
  REQUIRE(l3.sharing.has_value());
  const settlement_sharing& how = *l3.sharing;
  CHECK(how.basis == sharing_basis::scheme_funding);
  REQUIRE(how.weights.size() == 2);
  CHECK(how.weights[0].amount == m("2500000.00"));  // L3's planned spend, all the ICB's
  CHECK(how.weights[1].amount == m("1500000.00"));  // L4's, all the council's
  REQUIRE(how.rounds.size() == 2);
  CHECK(how.rounds[0].amount == m("117647.07"));
  REQUIRE(how.rounds[0].parts.size() == 2);
  CHECK(how.rounds[0].parts[0].amount == m("73529.42"));
  CHECK(how.rounds[0].parts[1].amount == m("44117.65"));
  REQUIRE(how.rounds[0].capped.size() == 1);
  CHECK(how.rounds[0].capped[0].partner == "council");
  CHECK(how.rounds[0].capped[0].cap == m("50000.00"));
  CHECK(how.rounds[0].capped[0].took == m("16911.77"));
  CHECK(how.rounds[0].capped[0].passed_on == m("27205.88"));
  CHECK(how.rounds[1].amount == m("27205.88"));
  REQUIRE(how.rounds[1].parts.size() == 1);
  CHECK(how.rounds[1].parts[0].partner == "icb");
  CHECK(how.rounds[1].capped.empty());
  CHECK(how.exceeds_caps.is_zero());
  REQUIRE(how.shares.size() == 2);
  CHECK(how.shares[0].amount == m("100735.30"));
  CHECK(how.shares[1].amount == m("16911.77"));
  // L4's underspend was used in full: nothing left for its rule.
  const settlement_step& l4 = find(settlement_step_kind::line_underspend, "L4");
  CHECK(l4.met_from_underspends == m("-100000.00"));
  CHECK(l4.residual.is_zero());
  CHECK(!l4.sharing.has_value());
}

// ---------------------------------------------------------------------------------------------
// Worked agreement 3 (Luton pattern): fixed lines borne by the host, variable lines shared.
//
// Host: the council. Contributions: ICB NHS minimum £2,100,000.00; council Better Care Grant
// £1,900,000.00 (weights 21 : 19, total £4,000,000.00 = planned).
// Default rule: proportional to contributions / return pro rata; line V1 overrides to
// commissioner bears (a joint line, NHS 60% / council 40%).
//   F1 home care (council), FIXED      planned 1,200,000.00  outturn 1,287,654.32  +87,654.32
//   F2 community (NHS), FIXED          planned   800,000.00  outturn   776,543.21  -23,456.79
//   V1 carers (joint 60/40), variable  planned   500,000.00  outturn   530,000.01  +30,000.01
//   V2 falls service (NHS), variable   planned 1,500,000.00  outturn 1,450,000.01  -49,999.99
// Variance = 87,654.32 - 23,456.79 + 30,000.01 - 49,999.99 = £44,197.55.
// F1, F2: the host bears them: council +87,654.32 and -23,456.79 (the ICB's contribution does
//   not change although the ICB commissions F2).
// V1: 3,000,001p x 3/5 = 1,800,000.6 (.6), x 2/5 = 1,200,000.4 (.4); 1p left -> NHS.
//   ICB £18,000.01, council £12,000.00.
// V2: 4,999,999p x 21/40 = 2,624,999.475 (.475), x 19/40 = 2,374,999.525 (.525); 1p left ->
//   council. ICB -£26,249.99, council -£23,750.00.
// ICB share = 18,000.01 - 26,249.99 = -£8,249.98; final 2,100,000.00 - 8,249.98 = £2,091,750.02.
// Council share = 87,654.32 - 23,456.79 + 12,000.00 - 23,750.00 = £52,447.53; final
//   £1,952,447.53. Check: 52,447.53 - 8,249.98 = 44,197.55; no pool movements.
// ---------------------------------------------------------------------------------------------
pooled_fund worked_agreement_3() {
  pooled_fund f;
  f.name = "Luton-style fund";
  f.partners = {make_partner("icb", "Luton ICB", partner_kind::icb),
                make_partner("council", "Luton Council", partner_kind::council)};
  f.host = "council";
  f.contributions = {make_contribution("icb", "nhs_minimum", m("2100000.00")),
                     make_contribution("council", "la_better_care_grant", m("1900000.00"))};
  expenditure_line v1 = make_line("V1", "S2", "Carers support", commissioner_kind::joint,
                                  "nhs_minimum", m("500000.00"));
  v1.joint_nhs_share = ratio::percent(60);
  v1.joint_la_share = ratio::percent(40);
  f.lines = {make_line("F1", "S1", "Home care", commissioner_kind::local_authority,
                       "la_better_care_grant", m("1200000.00"), risk_class::fixed),
             make_line("F2", "S1", "Community services", commissioner_kind::nhs, "nhs_minimum",
                       m("800000.00"), risk_class::fixed),
             v1,
             make_line("V2", "S3", "Falls service", commissioner_kind::nhs, "nhs_minimum",
                       m("1500000.00"))};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::return_pro_rata};
  risk_share_override o;
  o.lines = {"V1"};
  o.rule = {overspend_rule::commissioner_bears, underspend_rule::return_pro_rata};
  f.risk_share.overrides = {o};
  return f;
}

TEST_CASE("worked agreement 3: fixed lines borne by the host, variable lines shared") {
  const pooled_fund f = worked_agreement_3();
  const outturns o = {{"F1", m("1287654.32")},
                      {"F2", m("776543.21")},
                      {"V1", m("530000.01")},
                      {"V2", m("1450000.01")}};
  diagnostics d;
  const settlement s = settle(f, o, d);
  CHECK(d.empty());
  CHECK(s.variance == m("44197.55"));
  CHECK(line_share(s, "F1", "council") == m("87654.32"));
  CHECK(line_share(s, "F1", "icb").is_zero());
  CHECK(line_share(s, "F2", "council") == m("-23456.79"));
  CHECK(line_share(s, "F2", "icb").is_zero());
  CHECK(s.find_line("F1")->rule == "fixed_host_bears");
  CHECK(line_share(s, "V1", "icb") == m("18000.01"));
  CHECK(line_share(s, "V1", "council") == m("12000.00"));
  CHECK(s.find_line("V1")->rule == "commissioner_bears");
  CHECK(line_share(s, "V2", "icb") == m("-26249.99"));
  CHECK(line_share(s, "V2", "council") == m("-23750.00"));
  CHECK(share_of(s, "icb") == m("-8249.98"));
  CHECK(share_of(s, "council") == m("52447.53"));
  CHECK(s.find_partner("icb")->final_contribution == m("2091750.02"));
  CHECK(s.find_partner("council")->final_contribution == m("1952447.53"));
  CHECK(s.pool_movements.empty());
  check_identities(s);
  CHECK(has_step(s, f,
                 "Line F2 (Community services) is a fixed line with an underspend of "
                 "£23,456.79"));
  CHECK(has_step(s, f,
                 "Line V1 (Carers support) overspent by £30,000.01; rule: commissioner bears; "
                 "it is jointly commissioned, NHS (Luton ICB) 60% and council 40%: Luton ICB "
                 "bears £18,000.01 and Luton Council bears £12,000.00."));
}

TEST_CASE("fixed lines only: the non-host partner's contribution is unchanged") {
  pooled_fund f = worked_agreement_3();
  const outturns o = {{"F1", m("1287654.32")}, {"F2", m("776543.21")}};
  diagnostics d;
  const settlement s = settle(f, o, d);
  // V1 and V2 have no outturn: on plan, with a warning each.
  CHECK(d.size() == 2);
  CHECK(d.count(joinedup::severity::warning) == 2);
  CHECK(share_of(s, "icb").is_zero());
  CHECK(s.find_partner("icb")->final_contribution == m("2100000.00"));
  // 87,654.32 - 23,456.79 = 64,197.53
  CHECK(share_of(s, "council") == m("64197.53"));
  check_identities(s);
}

// ---------------------------------------------------------------------------------------------
// Edge cases.
// ---------------------------------------------------------------------------------------------

TEST_CASE("everything on plan: nothing moves") {
  const pooled_fund f = worked_agreement_2();
  outturns o;
  for (const expenditure_line& l : f.lines)
    o.push_back({l.id, l.planned});
  diagnostics d;
  const settlement s = settle(f, o, d);
  CHECK(d.empty());
  CHECK(s.variance.is_zero());
  CHECK(s.pool_movements.empty());
  CHECK(s.risk_pool_used.is_zero());
  for (const partner_settlement& p : s.partners)
    CHECK(p.share_of_variance.is_zero());
  // The £500,000.00 risk pool is funded (income £9,000,000.00 − planned £8,500,000.00) and left
  // unused, so it goes back by contributions 62 : 28: 50,000,000p × 62/90 = 34,444,444.44
  // (.44), × 28/90 = 15,555,555.56 (.56); 1p left -> the council. ICB −£344,444.44, council
  // −£155,555.56.
  CHECK(s.unspent == m("500000.00"));
  CHECK(s.find_partner("icb")->unspent_returned == m("-344444.44"));
  CHECK(s.find_partner("council")->unspent_returned == m("-155555.56"));
  CHECK(s.find_partner("icb")->final_contribution == m("5855555.56"));
  CHECK(s.find_partner("council")->final_contribution == m("2644444.44"));
  CHECK(s.total_final_contributions() == s.outturn);
  CHECK(s.dispositions.empty());
  for (const line_settlement& l : s.lines)
    CHECK(l.rule == "on_plan");
  CHECK(has_step(s, f, "Every variable line is on plan."));
  check_identities(s);
}

/// ICB £200.00 and council £100.00; one council-commissioned variable line of £100.00 that
/// comes in at £90.00 (an underspend of £10.00).
pooled_fund underspend_fund(underspend_rule rule) {
  pooled_fund f = two_partner_fund();
  f.contributions = {make_contribution("icb", "nhs_minimum", m("200.00")),
                     make_contribution("council", "la_better_care_grant", m("100.00"))};
  f.lines = {make_line("L1", "S1", "Reablement", commissioner_kind::local_authority, "nhs_minimum",
                       m("100.00"))};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions, rule};
  f.risk_share.risk_pool = m("50.00");  // a risk pool never touches underspends
  return f;
}

TEST_CASE("pure underspend under each underspend rule") {
  const outturns o = {{"L1", m("90.00")}};
  SUBCASE("retain in pool: the pool keeps it") {
    const settlement s = settle(underspend_fund(underspend_rule::retain_in_pool), o);
    REQUIRE(s.pool_movements.size() == 1);
    CHECK(s.pool_movements[0].amount == m("-10.00"));
    CHECK(s.pool_movements[0].kind == pool_movement_kind::retained_in_pool);
    CHECK(s.pool_movements[0].line == "L1");
    CHECK(s.find_line("L1")->retained_in_pool == m("-10.00"));
    CHECK(share_of(s, "icb").is_zero());
    CHECK(share_of(s, "council").is_zero());
    // Income £300.00 − planned £100.00 = £200.00 unspent (the £50.00 pool unused among it),
    // retained in the pool too: final contributions £300.00 = outturn £90.00 + retained £210.00.
    REQUIRE(s.dispositions.size() == 2);
    CHECK(s.dispositions[0].amount == m("10.00"));
    CHECK(s.dispositions[0].line == "L1");
    CHECK(s.dispositions[1].amount == m("200.00"));
    CHECK(s.total(disposition_kind::retained_in_pool) == m("210.00"));
    CHECK(s.total_final_contributions() == m("300.00"));
    check_identities(s);
  }
  SUBCASE("return pro rata: 1,000p x 2/3 = 666.67 (.67), x 1/3 = 333.33 (.33); 1p to the ICB") {
    const settlement s = settle(underspend_fund(underspend_rule::return_pro_rata), o);
    CHECK(s.pool_movements.empty());
    CHECK(share_of(s, "icb") == m("-6.67"));
    CHECK(share_of(s, "council") == m("-3.33"));
    // The £200.00 nobody planned to spend (£50.00 of it the unused risk pool) goes back by
    // contributions: 20,000p × 2/3 = 13,333.33 (.33), × 1/3 = 6,666.67 (.67); 1p to the council:
    // ICB −£133.33, council −£66.67. Finals: 200.00 − 6.67 − 133.33 = £60.00 and
    // 100.00 − 3.33 − 66.67 = £30.00; together £90.00, the outturn.
    CHECK(s.find_partner("icb")->unspent_returned == m("-133.33"));
    CHECK(s.find_partner("council")->unspent_returned == m("-66.67"));
    CHECK(s.find_partner("icb")->final_contribution == m("60.00"));
    CHECK(s.find_partner("council")->final_contribution == m("30.00"));
    CHECK(s.dispositions.empty());
    check_identities(s);
  }
  SUBCASE("contingency: held in the pool, as retain in pool, under its own name") {
    // The partners cannot agree: the £10.00 and the £200.00 no line planned are held in the pool
    // as a contingency. Finals £200.00 and £100.00 = outturn £90.00 + retained £210.00.
    const pooled_fund f = underspend_fund(underspend_rule::contingency);
    const settlement s = settle(f, o);
    CHECK(s.find_line("L1")->retained_in_pool == m("-10.00"));
    CHECK(s.total(disposition_kind::retained_in_pool) == m("210.00"));
    CHECK(s.find_partner("icb")->final_contribution == m("200.00"));
    CHECK(s.find_partner("council")->final_contribution == m("100.00"));
    CHECK(has_step(s, f, "is held in the pool as a contingency."));
    check_identities(s);
  }
  SUBCASE("retained by the lead commissioner: the council commissions it") {
    const pooled_fund f = underspend_fund(underspend_rule::retained_by_lead_commissioner);
    const settlement s = settle(f, o);
    CHECK(s.pool_movements.empty());
    CHECK(share_of(s, "icb").is_zero());
    CHECK(share_of(s, "council") == m("-10.00"));
    // The £200.00 unspent has no line and so no lead commissioner: back by contributions,
    // ICB −£133.33, council −£66.67 (as above). Council 100.00 − 10.00 − 66.67 = £23.33.
    CHECK(s.find_partner("council")->final_contribution == m("23.33"));
    CHECK(s.find_partner("icb")->final_contribution == m("66.67"));
    CHECK(has_step(s, f, "the council commissions it: Test Council gets back £10.00"));
    check_identities(s);
  }
}

TEST_CASE("the unused contingency: a funded risk pool left unused is returned, not lost") {
  // docs/budget-settlement.md, "the unused contingency"; the worked case. Income
  // £1,000,000.00 (ICB £600,000.00, council £400,000.00), one line planned £950,000.00, a risk
  // pool of £50,000.00 funded by the £50,000.00 no line plans to spend, outturn £930,000.00,
  // underspends returned pro rata (domain notes §2.3, "return windfall underspend in proportion
  // to contributions"). Line underspend £20,000.00 → 60 : 40 = −£12,000.00 and −£8,000.00;
  // unspent £1,000,000.00 − £950,000.00 − £0.00 = £50,000.00 → −£30,000.00 and −£20,000.00.
  // Finals: £558,000.00 and £372,000.00, together the outturn £930,000.00.
  pooled_fund f = two_partner_fund();
  f.contributions = {make_contribution("icb", "nhs_minimum", m("600000.00")),
                     make_contribution("council", "la_better_care_grant", m("400000.00"))};
  f.lines = {make_line("L1", "S1", "Reablement", commissioner_kind::local_authority, "nhs_minimum",
                       m("950000.00"))};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::return_pro_rata};
  f.risk_share.risk_pool = m("50000.00");
  diagnostics d;
  const settlement s = settle(f, {{"L1", m("930000.00")}}, d);
  CHECK(d.empty());
  CHECK(s.income == m("1000000.00"));
  CHECK(s.risk_pool_funded == m("50000.00"));
  CHECK(s.risk_pool_used.is_zero());
  CHECK(s.unspent == m("50000.00"));
  CHECK(share_of(s, "icb") == m("-12000.00"));
  CHECK(share_of(s, "council") == m("-8000.00"));
  CHECK(s.find_partner("icb")->unspent_returned == m("-30000.00"));
  CHECK(s.find_partner("council")->unspent_returned == m("-20000.00"));
  CHECK(s.find_partner("icb")->final_contribution == m("558000.00"));
  CHECK(s.find_partner("council")->final_contribution == m("372000.00"));
  CHECK(s.dispositions.empty());
  check_identities(s);
  CHECK(has_step(s, f, "Money is conserved: final contributions £930,000.00"));

  SUBCASE("stated funders get the unused pool back in their parts") {
    // The council alone funds the pool: the £50,000.00 goes back to it; nothing else is unspent.
    f.risk_share.risk_pool_funding = {{"council", m("50000.00")}};
    const settlement t = settle(f, {{"L1", m("930000.00")}});
    CHECK(t.find_partner("council")->unspent_returned == m("-50000.00"));
    CHECK(t.find_partner("icb")->unspent_returned.is_zero());
    CHECK(t.find_partner("council")->final_contribution == m("342000.00"));
    CHECK(t.find_partner("icb")->final_contribution == m("588000.00"));
    check_identities(t);
  }
  SUBCASE("carried forward under carry_forward") {
    f.risk_share.default_rule.underspend = underspend_rule::carry_forward;
    const settlement t = settle(f, {{"L1", m("930000.00")}});
    // £20,000.00 line underspend and £50,000.00 unspent, both carried forward; the partners pay
    // what they contributed: £1,000,000.00 = outturn £930,000.00 + carried £70,000.00.
    CHECK(t.total(disposition_kind::carried_forward) == m("70000.00"));
    CHECK(t.find_line("L1")->carried_forward == m("-20000.00"));
    CHECK(t.total_final_contributions() == m("1000000.00"));
    check_identities(t);
  }
  SUBCASE("an unfunded pool is an error and only the funded part is used") {
    // A £5,000,000.00 pool on this fund: £4,950,000.00 short. An overspend of £80,000.00 is met
    // from the £50,000.00 funded; £30,000.00 is shared 60 : 40.
    f.risk_share.risk_pool = m("5000000.00");
    diagnostics e;
    const settlement t = settle(f, {{"L1", m("1030000.00")}}, e);
    CHECK(has_code(e, "budget.risk_pool.unfunded"));
    CHECK(t.risk_pool_funded == m("50000.00"));
    CHECK(t.risk_pool_used == m("50000.00"));
    CHECK(share_of(t, "icb") == m("18000.00"));
    CHECK(share_of(t, "council") == m("12000.00"));
    CHECK(t.total_final_contributions() == m("1030000.00"));
    check_identities(t);
  }
}

TEST_CASE("offsetting when underspends exceed overspends") {
  // L1 +30.01, L2 -50.00, L3 -25.00, offset on. Offset = min(30.01, 75.00) = 30.01, taken from
  // L2 and L3 by 2 : 1: 3,001 x 2/3 = 2,000.67 (.67), x 1/3 = 1,000.33 (.33); 1p to L2:
  // L2 20.01, L3 10.00. Left: L2 -29.99, L3 -15.00, returned pro rata (ICB 2 : council 1):
  // L2 2,999 x 2/3 = 1,999.33 (.33), x 1/3 = 999.67 (.67); 1p to council: ICB -19.99, council
  // -10.00. L3 1,500: ICB -10.00, council -5.00. ICB -29.99, council -15.00; variance
  // 30.01 - 75.00 = -44.99 = -29.99 - 15.00 + (30.01 - 30.01).
  pooled_fund f = underspend_fund(underspend_rule::return_pro_rata);
  f.risk_share.offset_underspends = true;
  f.lines = {make_line("L1", "S1", "A", commissioner_kind::local_authority, "x", m("100.00")),
             make_line("L2", "S1", "B", commissioner_kind::local_authority, "x", m("100.00")),
             make_line("L3", "S1", "C", commissioner_kind::local_authority, "x", m("100.00"))};
  const outturns o = {{"L1", m("130.01")}, {"L2", m("50.00")}, {"L3", m("75.00")}};
  const settlement s = settle(f, o);
  CHECK(s.find_line("L1")->met_from_underspends == m("30.01"));
  CHECK(s.find_line("L1")->shares.empty());
  CHECK(s.find_line("L2")->met_from_underspends == m("-20.01"));
  CHECK(s.find_line("L3")->met_from_underspends == m("-10.00"));
  CHECK(line_share(s, "L2", "icb") == m("-19.99"));
  CHECK(line_share(s, "L2", "council") == m("-10.00"));
  CHECK(line_share(s, "L3", "icb") == m("-10.00"));
  CHECK(line_share(s, "L3", "council") == m("-5.00"));
  CHECK(share_of(s, "icb") == m("-29.99"));
  CHECK(share_of(s, "council") == m("-15.00"));
  CHECK(s.risk_pool_used.is_zero());  // the overspend is fully met before the risk pool
  REQUIRE(s.pool_movements.size() == 2);
  CHECK(s.pool_movements[0].amount == m("30.01"));
  CHECK(s.pool_movements[1].amount == m("-30.01"));
  check_identities(s);
}

TEST_CASE("a cap that binds passes the excess on and beyond every cap it needs the directors") {
  SUBCASE("excess goes to the other partner funding the scheme") {
    // Scheme A: L1 (NHS minimum, ICB) 100.00 and L2 (BCG, council) 100.00, so 1 : 1. L1 overspends
    // by 100.00: ICB 50.00, council 50.00; the council's cap is 30.00, so it bears 30.00 and
    // 20.00 passes to the ICB: ICB 70.00, council 30.00.
    pooled_fund f = two_partner_fund();
    f.contributions = {make_contribution("icb", "nhs_minimum", m("100.00")),
                       make_contribution("council", "la_better_care_grant", m("100.00"))};
    f.lines = {make_line("L1", "A", "Beds", commissioner_kind::nhs, "nhs_minimum", m("100.00")),
               make_line("L2", "A", "Care", commissioner_kind::local_authority,
                         "la_better_care_grant", m("100.00"))};
    f.risk_share.default_rule.overspend = overspend_rule::per_scheme_pro_rata_capped;
    f.risk_share.caps = {{"council", m("30.00")}};
    diagnostics d;
    const settlement s = settle(f, {{"L1", m("200.00")}, {"L2", m("100.00")}}, d);
    CHECK(d.empty());
    CHECK(share_of(s, "icb") == m("70.00"));
    CHECK(share_of(s, "council") == m("30.00"));
    CHECK(s.pool_movements.empty());
    CHECK(has_step(s, f,
                   "Test Council is capped at £30.00 and can take only £30.00 more, so £20.00 "
                   "passes on; the £20.00 passed on goes to the partners with headroom: Test "
                   "ICB £20.00"));
    check_identities(s);
  }
  SUBCASE("nobody else funds the scheme: a pool movement for the finance directors") {
    // Scheme A is funded by the council alone (L1, BCG, 100.00). L1 overspends by 150.00; the
    // council's cap is its contribution, 100.00; the ICB funds nothing in scheme A, so 50.00
    // exceeds the caps.
    pooled_fund f = two_partner_fund();
    f.contributions = {make_contribution("icb", "nhs_minimum", m("100.00")),
                       make_contribution("council", "la_better_care_grant", m("100.00"))};
    f.lines = {make_line("L1", "A", "Care", commissioner_kind::local_authority,
                         "la_better_care_grant", m("100.00"))};
    f.risk_share.default_rule.overspend = overspend_rule::per_scheme_pro_rata_capped;
    diagnostics d;
    const settlement s = settle(f, {{"L1", m("250.00")}}, d);
    CHECK(share_of(s, "council") == m("100.00"));
    CHECK(share_of(s, "icb").is_zero());
    REQUIRE(s.pool_movements.size() == 1);
    CHECK(s.pool_movements[0].amount == m("50.00"));
    CHECK(s.pool_movements[0].kind == pool_movement_kind::exceeds_caps);
    CHECK(s.pool_movements[0].reason.find("needs both finance directors' agreement") !=
          std::string::npos);
    CHECK(s.find_line("L1")->not_allocated == m("50.00"));
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "budget.settle.exceeds_caps");
    CHECK(d[0].severity == joinedup::severity::warning);
    CHECK(d[0].path == "/lines/0");
    check_identities(s);
    // A warning, not an error: try_settle succeeds and hands the warning back.
    diagnostics warnings;
    const auto r = try_settle(f, {{"L1", m("250.00")}}, &warnings);
    REQUIRE(r.has_value());
    CHECK(warnings.size() == 1);
  }
  SUBCASE("caps are used up across lines in line order") {
    // Council cap 10.00. L1 (scheme A, council only) +8.00 -> council 8.00 (2.00 left).
    // L2 (scheme B, ICB 1 : council 1) +10.00 -> 5.00 each; council takes 2.00, 3.00 passes to
    // the ICB: ICB 8.00, council 2.00. Council total 10.00 = its cap.
    pooled_fund f = two_partner_fund();
    f.contributions = {make_contribution("icb", "nhs_minimum", m("100.00")),
                       make_contribution("council", "la_better_care_grant", m("100.00"))};
    f.lines = {make_line("L1", "A", "Care", commissioner_kind::local_authority,
                         "la_better_care_grant", m("50.00")),
               make_line("L2", "B", "Beds", commissioner_kind::nhs, "nhs_minimum", m("50.00")),
               make_line("L3", "B", "Care", commissioner_kind::local_authority,
                         "la_better_care_grant", m("50.00"))};
    f.risk_share.default_rule.overspend = overspend_rule::per_scheme_pro_rata_capped;
    f.risk_share.caps = {{"council", m("10.00")}};
    const settlement s = settle(f, {{"L1", m("58.00")}, {"L2", m("60.00")}, {"L3", m("50.00")}});
    CHECK(line_share(s, "L1", "council") == m("8.00"));
    CHECK(line_share(s, "L2", "council") == m("2.00"));
    CHECK(line_share(s, "L2", "icb") == m("8.00"));
    CHECK(share_of(s, "council") == m("10.00"));
    check_identities(s);
  }
}

TEST_CASE("a joint 60/40 line with an odd penny") {
  pooled_fund f = two_partner_fund();
  f.contributions = {make_contribution("icb", "nhs_minimum", m("100.00")),
                     make_contribution("council", "la_better_care_grant", m("100.00"))};
  expenditure_line j =
      make_line("J1", "S1", "Joint", commissioner_kind::joint, "nhs_minimum", m("100.00"));
  j.joint_nhs_share = ratio::percent(60);
  j.joint_la_share = ratio::percent(40);
  f.lines = {j};
  f.risk_share.default_rule = {overspend_rule::commissioner_bears,
                               underspend_rule::retained_by_lead_commissioner};
  // 1p x 3/5 = 0.6, x 2/5 = 0.4; the 1p goes to the larger remainder, the NHS.
  settlement s = settle(f, {{"J1", m("100.01")}});
  CHECK(share_of(s, "icb") == m("0.01"));
  CHECK(share_of(s, "council").is_zero());
  check_identities(s);
  // -1p: the same magnitude split, negated.
  s = settle(f, {{"J1", m("99.99")}});
  CHECK(share_of(s, "icb") == m("-0.01"));
  CHECK(share_of(s, "council").is_zero());
  check_identities(s);
  // 101p x 3/5 = 60.6 (.6), x 2/5 = 40.4 (.4): NHS 61p, council 40p.
  s = settle(f, {{"J1", m("101.01")}});
  CHECK(share_of(s, "icb") == m("0.61"));
  CHECK(share_of(s, "council") == m("0.40"));
  check_identities(s);
  // Shares that do not sum to 100% are used as weights, with a warning.
  f.lines[0].joint_la_share = ratio::percent(60);  // 60 : 60, i.e. 1 : 1
  diagnostics d;
  s = settle(f, {{"J1", m("100.03")}}, d);
  CHECK(share_of(s, "icb") == m("0.02"));
  CHECK(share_of(s, "council") == m("0.01"));
  CHECK(has_code(d, "budget.settle.joint_shares"));
  check_identities(s);
}

TEST_CASE("two ICBs") {
  // North ICB and South ICB both pay the NHS minimum (600,000.00 and 400,000.00); the council
  // pays the Better Care Grant (500,000.00). Default: commissioner bears; scheme P is
  // per-scheme pro rata capped.
  //   N1 NHS, nhs_partner south, +10,000.00 -> South ICB.
  //   N2 NHS, no nhs_partner, +0.03 -> nobody can be chosen: a pool movement, error.
  //   P1 (scheme P, NHS minimum) 500,000.00 is funded 600 : 400 -> North 300,000, South 200,000;
  //   P2 (scheme P, BCG) 500,000.00 -> council 500,000. P1 +0.07 by 3 : 2 : 5:
  //   7 x 3/10 = 2.1 (.1), x 2/10 = 1.4 (.4), x 5/10 = 3.5 (.5); floors 6, 1p left -> council.
  //   North 0.02, South 0.01, council 0.04.
  // Variance 10,000.10 = North 0.02 + South 10,000.01 + council 0.04 + pool 0.03.
  pooled_fund f;
  f.partners = {make_partner("north", "North ICB", partner_kind::icb),
                make_partner("south", "South ICB", partner_kind::icb),
                make_partner("council", "The Council", partner_kind::council)};
  f.host = "council";
  f.contributions = {make_contribution("north", "nhs_minimum", m("600000.00")),
                     make_contribution("south", "nhs_minimum", m("400000.00")),
                     make_contribution("council", "la_better_care_grant", m("500000.00"))};
  expenditure_line n1 =
      make_line("N1", "N", "Community", commissioner_kind::nhs, "nhs_minimum", m("300000.00"));
  n1.nhs_partner = "south";
  f.lines = {n1,
             make_line("N2", "N", "Rehab", commissioner_kind::nhs, "nhs_minimum", m("200000.00")),
             make_line("P1", "P", "Care", commissioner_kind::local_authority, "nhs_minimum",
                       m("500000.00")),
             make_line("P2", "P", "Care", commissioner_kind::local_authority,
                       "la_better_care_grant", m("500000.00"))};
  f.risk_share.default_rule.overspend = overspend_rule::commissioner_bears;
  risk_share_override o;
  o.schemes = {"P"};
  o.rule = {overspend_rule::per_scheme_pro_rata_capped, underspend_rule::return_pro_rata};
  f.risk_share.overrides = {o};
  const outturns out = {{"N1", m("310000.00")},
                        {"N2", m("200000.03")},
                        {"P1", m("500000.07")},
                        {"P2", m("500000.00")}};
  diagnostics d;
  const settlement s = settle(f, out, d);
  CHECK(s.variance == m("10000.10"));
  CHECK(share_of(s, "north") == m("0.02"));
  CHECK(share_of(s, "south") == m("10000.01"));
  CHECK(share_of(s, "council") == m("0.04"));
  REQUIRE(s.pool_movements.size() == 1);
  CHECK(s.pool_movements[0].amount == m("0.03"));
  CHECK(s.pool_movements[0].kind == pool_movement_kind::not_allocated);
  CHECK(s.pool_movements[0].line == "N2");
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "budget.settle.unallocated");
  CHECK(d[0].path == "/lines/1");
  CHECK(d[0].message.find("2 ICBs") != std::string::npos);
  check_identities(s);
  const auto r = try_settle(f, out);
  REQUIRE(!r.has_value());
  CHECK(r.error().code == "budget.settle.unallocated");
}

TEST_CASE("a line override beats a scheme override beats the default") {
  pooled_fund f = two_partner_fund();
  f.contributions = {make_contribution("icb", "nhs_minimum", m("100.00")),
                     make_contribution("council", "la_better_care_grant", m("100.00"))};
  f.lines = {make_line("L1", "S", "A", commissioner_kind::nhs, "nhs_minimum", m("10.00")),
             make_line("L2", "S", "B", commissioner_kind::nhs, "nhs_minimum", m("10.00")),
             make_line("L3", "T", "C", commissioner_kind::nhs, "nhs_minimum", m("10.00"))};
  f.risk_share.default_rule.overspend = overspend_rule::proportional_to_contributions;
  risk_share_override scheme_rule;
  scheme_rule.schemes = {"S"};
  scheme_rule.rule.overspend = overspend_rule::host_bears;
  risk_share_override line_rule;
  line_rule.lines = {"L2"};
  line_rule.rule.overspend = overspend_rule::commissioner_bears;
  f.risk_share.overrides = {scheme_rule, line_rule};
  const settlement s = settle(f, {{"L1", m("11.00")}, {"L2", m("11.00")}, {"L3", m("11.00")}});
  CHECK(s.find_line("L1")->rule == "host_bears");
  CHECK(line_share(s, "L1", "council") == m("1.00"));
  CHECK(s.find_line("L2")->rule == "commissioner_bears");
  CHECK(line_share(s, "L2", "icb") == m("1.00"));
  CHECK(s.find_line("L3")->rule == "proportional_to_contributions");
  CHECK(line_share(s, "L3", "icb") == m("0.50"));
  CHECK(line_share(s, "L3", "council") == m("0.50"));
  check_identities(s);
}

TEST_CASE("outturns that name unknown lines, repeat a line or leave one out") {
  const pooled_fund f = worked_agreement_1();
  const outturns o = {
      {"L1", m("1220000.01")}, {"ZZ", m("5.00")}, {"L1", m("9999999.00")}, {"L3", m("400000.00")}};
  diagnostics d;
  const settlement s = settle(f, o, d);
  REQUIRE(d.size() == 3);
  CHECK(d[0].code == "budget.settle.unknown_line");
  CHECK(d[0].severity == joinedup::severity::error);
  CHECK(d[1].code == "budget.settle.duplicate_line");
  CHECK(d[2].code == "budget.settle.missing_line");
  CHECK(d[2].severity == joinedup::severity::warning);
  CHECK(d[2].path == "/lines/1");
  // L1 uses the first outturn; L2 is on plan; ZZ is left out.
  CHECK(s.find_line("L1")->outturn == m("1220000.01"));
  CHECK(s.find_line("L2")->outturn_missing);
  CHECK(s.find_line("L2")->variance.is_zero());
  CHECK(s.variance == m("120000.01"));
  CHECK(has_step(s, f, "Line L2 (Community rehab) has no outturn; it is treated as on plan"));
  check_identities(s);
  const auto r = try_settle(f, o);
  REQUIRE(!r.has_value());
  CHECK(r.error().code == "budget.settle.unknown_line");
  // Only a missing line: a warning, so try_settle succeeds.
  diagnostics warnings;
  const auto ok = try_settle(f, {{"L1", m("1100000.00")}, {"L3", m("400000.00")}}, &warnings);
  REQUIRE(ok.has_value());
  CHECK(warnings.size() == 1);
  CHECK(warnings[0].code == "budget.settle.missing_line");
}

TEST_CASE("amounts nobody can take become pool movements, and the identity still holds") {
  SUBCASE("the host is not a partner") {
    pooled_fund f = worked_agreement_3();
    f.host = "nobody";
    diagnostics d;
    const settlement s = settle(f, {{"F1", m("1200005.00")}}, d);
    CHECK(has_code(d, "budget.settle.unallocated"));
    REQUIRE(s.pool_movements.size() == 1);
    CHECK(s.pool_movements[0].amount == m("5.00"));
    CHECK(s.total_share_of_variance().is_zero());
    check_identities(s);
  }
  SUBCASE("joint shares too fine to share a huge amount exactly in 128 bits") {
    // Weights 999,999,999,988 x 999,999,999,961 : 999,999,999,960 x 999,999,999,989, divided by
    // their common factor 4, are about 2.5 x 10^23 each; times 9,000,000,000,000p that passes
    // 2^120, so the amount is held in the pool, never shared inexactly.
    pooled_fund f = two_partner_fund();
    f.contributions = {make_contribution("icb", "nhs_minimum", m("100.00")),
                       make_contribution("council", "la_better_care_grant", m("100.00"))};
    expenditure_line j =
        make_line("J1", "S1", "Joint", commissioner_kind::joint, "nhs_minimum", m("100.00"));
    j.joint_nhs_share = ratio::of(999'999'999'988, 999'999'999'989);
    j.joint_la_share = ratio::of(999'999'999'960, 999'999'999'961);
    f.lines = {j};
    f.risk_share.default_rule.overspend = overspend_rule::commissioner_bears;
    diagnostics d;
    const settlement s = settle(f, {{"J1", m("90000000100.00")}}, d);
    CHECK(has_code(d, "budget.settle.unallocated"));
    CHECK(s.total_pool_movements() == m("90000000000.00"));
    check_identities(s);
    // An ordinary amount on the same shares is shared (weights about 1 : 1).
    const settlement small = settle(f, {{"J1", m("100.02")}});
    CHECK(share_of(small, "icb") == m("0.01"));
    CHECK(share_of(small, "council") == m("0.01"));
  }
  SUBCASE("no contributions to share by") {
    pooled_fund f = underspend_fund(underspend_rule::return_pro_rata);
    f.contributions.clear();
    diagnostics d;
    const settlement s = settle(f, {{"L1", m("90.00")}}, d);
    CHECK(has_code(d, "budget.settle.unallocated"));
    CHECK(s.total_pool_movements() == m("-10.00"));
    check_identities(s);
  }
  SUBCASE("a contribution and a cap from someone who is not a partner") {
    pooled_fund f = underspend_fund(underspend_rule::return_pro_rata);
    f.contributions.push_back(make_contribution("stranger", "nhs_minimum", m("1000.00")));
    f.risk_share.caps = {{"stranger", m("1.00")}};
    diagnostics d;
    const settlement s = settle(f, {{"L1", m("90.00")}}, d);
    CHECK(d.size() == 2);
    CHECK(d[0].code == "budget.settle.unknown_partner");
    CHECK(d[0].path == "/contributions/2");
    CHECK(d[1].path == "/risk_share/caps/0");
    CHECK(share_of(s, "icb") == m("-6.67"));  // the stranger's money is not a weight
    check_identities(s);
  }
}

TEST_CASE("mid-year: forecast outturns settle the same way") {
  // The settlement does not care whether the outturns are actual or forecast: worked agreement
  // 1 on a forecast gives the same figures as on the actuals.
  const pooled_fund f = worked_agreement_1();
  const outturns forecast = {{"L1", m("1220000.01")}, {"L2", m("1480000.00")}};
  const settlement s = settle(f, forecast);
  CHECK(share_of(s, "icb") == m("66666.68"));
  CHECK(share_of(s, "council") == m("33333.33"));
}

// ---------------------------------------------------------------------------------------------
// Property test: over 10,000 random funds (partners, contributions, lines, rules, outturns,
// caps, risk pools, broken references), the identity holds exactly, every final contribution is
// the contribution plus the share, every line balances, and no partner bears more than its cap
// under the capped rule.
// ---------------------------------------------------------------------------------------------

struct random_fund {
  pooled_fund fund;
  outturns outs;
};

random_fund make_random_fund(std::mt19937_64& rng) {
  auto pick = [&rng](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  auto chance = [&pick](int percent) { return pick(0, 99) < percent; };
  const char* sources[] = {"nhs_minimum", "la_better_care_grant", "dfg", "additional_nhs"};
  random_fund r;
  pooled_fund& f = r.fund;
  const auto n_partners = static_cast<std::size_t>(pick(0, 4));
  for (std::size_t i = 0; i < n_partners; ++i) {
    const std::int64_t k = pick(0, 9);
    const partner_kind kind =
        k < 5 ? partner_kind::icb : (k < 9 ? partner_kind::council : partner_kind::other_nhs);
    partner p;
    p.id = "p" + std::to_string(i);
    p.kind = kind;
    f.partners.push_back(p);
  }
  f.host =
      chance(90) && n_partners > 0
          ? f.partners[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(n_partners) - 1))]
                .id
          : std::string("nobody");
  auto partner_id = [&]() -> std::string {
    if (n_partners == 0 || chance(3)) return "stranger";
    return f.partners[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(n_partners) - 1))]
        .id;
  };
  const std::int64_t n_contrib = pick(0, 6);
  for (std::int64_t i = 0; i < n_contrib; ++i) {
    const std::int64_t pence = chance(3) ? -pick(1, 100000) : pick(0, 1'000'000'000);
    f.contributions.push_back(make_contribution("", sources[pick(0, 3)], money::from_pence(pence)));
    f.contributions.back().partner = partner_id();
  }
  const std::int64_t n_lines = pick(0, 10);
  for (std::int64_t i = 0; i < n_lines; ++i) {
    const std::string id = "L" + std::to_string(i);
    const std::string sch = "S" + std::to_string(pick(0, 3));
    const std::int64_t c = pick(0, 2);
    expenditure_line l =
        make_line(id.c_str(), sch.c_str(), "line", static_cast<commissioner_kind>(c),
                  sources[pick(0, 3)], money::from_pence(pick(0, 500'000'000)),
                  chance(25) ? risk_class::fixed : risk_class::variable);
    if (chance(30)) l.nhs_partner = partner_id();
    // Capital lines: mostly the DFG, sometimes a source revenue lines spend too.
    l.capital = l.source == "dfg" ? chance(80) : chance(5);
    if (l.commissioner == commissioner_kind::joint) {
      if (chance(85)) l.joint_nhs_share = ratio::of(pick(0, 100), 100);
      if (chance(5))
        l.joint_nhs_share = ratio::of(pick(0, 1'000'000'000'000), pick(1, 999'999'999'989));
      if (chance(85)) l.joint_la_share = ratio::of(pick(chance(5) ? -10 : 0, 100), 100);
    }
    f.lines.push_back(l);
    if (chance(92)) {
      const std::int64_t planned = l.planned.pence();
      r.outs.push_back({id, money::from_pence(std::max<std::int64_t>(
                                0, planned + pick(-planned / 2 - 1000, planned / 2 + 1000)))});
      if (chance(3)) r.outs.push_back({id, money::from_pence(pick(0, 1000))});
    }
  }
  if (chance(5)) r.outs.push_back({"unknown", money::from_pence(pick(0, 1000))});
  std::shuffle(r.outs.begin(), r.outs.end(), rng);
  risk_share_agreement& rs = f.risk_share;
  rs.default_rule = {static_cast<overspend_rule>(pick(0, 3)),
                     static_cast<underspend_rule>(pick(0, 4))};
  const std::int64_t n_overrides = pick(0, 3);
  for (std::int64_t i = 0; i < n_overrides; ++i) {
    risk_share_override o;
    if (chance(50)) {
      o.schemes.push_back("S" + std::to_string(pick(0, 3)));
    } else {
      o.lines.push_back("L" + std::to_string(pick(0, 10)));
    }
    o.rule = {static_cast<overspend_rule>(pick(0, 3)), static_cast<underspend_rule>(pick(0, 4))};
    rs.overrides.push_back(o);
  }
  rs.offset_underspends = chance(50);
  rs.risk_pool = chance(50) ? money::from_pence(pick(chance(5) ? -1000 : 0, 300'000'000)) : money{};
  if (rs.risk_pool.is_positive() && chance(40)) {
    // Who funds the pool: usually parts that add up to it, sometimes not (then unused).
    const std::int64_t half = rs.risk_pool.pence() / 2;
    rs.risk_pool_funding.push_back({partner_id(), money::from_pence(half)});
    rs.risk_pool_funding.push_back(
        {partner_id(), money::from_pence(rs.risk_pool.pence() - half + (chance(10) ? 1 : 0))});
  }
  const std::int64_t n_caps = pick(0, 3);
  for (std::int64_t i = 0; i < n_caps; ++i) {
    rs.caps.push_back({partner_id(), money::from_pence(pick(chance(5) ? -1000 : 0, 50'000'000))});
  }
  if (chance(10)) rs.caps_override = "both finance directors agreed";
  if (chance(15)) rs.capital_revenue_offset_clause = "clause 4.2";
  if (chance(15)) {
    hwb_underspend_decision d;
    d.reference = "HWB/26/14";
    d.underspend = static_cast<underspend_rule>(pick(0, 4));
    if (chance(30)) d.schemes.push_back("S" + std::to_string(pick(0, 3)));
    rs.hwb_decision = d;
  }
  for (const contribution& c : f.contributions) {
    if (!chance(10)) continue;
    performance_element e;
    e.partner = c.partner;
    e.source = c.source;
    // Usually within the contribution, sometimes beyond it (validation's error).
    e.amount = money::from_pence(pick(0, std::max<std::int64_t>(c.amount.pence(), 0) + 1000));
    e.target = "non-elective admissions";
    const std::int64_t k = pick(0, 2);
    if (k < 2) e.met = k == 0;
    if (chance(30)) e.lines.push_back("L" + std::to_string(pick(0, 10)));
    f.performance_linked.push_back(e);
  }
  return r;
}

TEST_CASE("property: money is conserved exactly over 100,000 random funds") {
  // JOINEDUP_LONG_RUN=1 runs 1,000,000.
  const char* long_run = std::getenv("JOINEDUP_LONG_RUN");
  const int funds = long_run != nullptr && std::string(long_run) == "1" ? 1'000'000 : 100'000;
  std::mt19937_64 rng(20250401);
  std::size_t with_pool = 0;
  std::size_t with_caps_binding = 0;
  std::size_t with_unspent = 0;
  std::size_t with_dispositions = 0;
  std::size_t with_capital = 0;
  std::size_t with_withheld = 0;  // a performance-linked element withheld
  for (int iteration = 0; iteration < funds; ++iteration) {
    const random_fund r = make_random_fund(rng);
    diagnostics d;
    const settlement s = settle(r.fund, r.outs, d);
    CAPTURE(iteration);
    REQUIRE(s.balances());
    REQUIRE(s.partners.size() == r.fund.partners.size());
    REQUIRE(s.lines.size() == r.fund.lines.size());
    money shares;
    for (std::size_t p = 0; p < s.partners.size(); ++p) {
      const partner_settlement& ps = s.partners[p];
      REQUIRE(ps.partner == r.fund.partners[p].id);
      REQUIRE(ps.final_contribution ==
              ps.contribution + ps.share_of_variance + ps.unspent_returned);
      shares += ps.share_of_variance;
    }
    REQUIRE(s.variance == shares + s.total_pool_movements());
    money line_variance;
    money line_pool;
    money line_shares;
    std::vector<money> capped_taken(s.partners.size());     // under the per-scheme rule
    std::vector<money> overspend_taken(s.partners.size());  // on any overspending line
    for (const line_settlement& l : s.lines) {
      money ls;
      for (const partner_amount& a : l.shares) {
        ls += a.amount;
        for (std::size_t p = 0; p < s.partners.size(); ++p) {
          if (s.partners[p].partner != a.partner) continue;
          if (l.rule == "per_scheme_pro_rata_capped") capped_taken[p] += a.amount;
          if (l.residual.is_positive()) overspend_taken[p] += a.amount;
        }
      }
      REQUIRE(l.variance == l.outturn - l.planned);
      REQUIRE(l.variance == l.met_from_underspends + l.met_from_risk_pool + ls +
                                l.retained_in_pool + l.not_allocated + l.carried_forward);
      REQUIRE(!l.met_from_risk_pool.is_negative());
      line_variance += l.variance;
      line_pool += l.met_from_underspends + l.met_from_risk_pool + l.retained_in_pool +
                   l.not_allocated + l.carried_forward;
      line_shares += ls;
    }
    REQUIRE(line_variance == s.variance);
    REQUIRE(line_pool == s.total_pool_movements());
    REQUIRE(line_shares == shares);
    REQUIRE(s.risk_pool_used <=
            (r.fund.risk_share.risk_pool.is_positive() ? r.fund.risk_share.risk_pool : money{}));
    // The pool is money: it never meets more than the income no line planned to spend.
    REQUIRE(s.risk_pool_used <= s.risk_pool_funded);
    // (Revenue income: capital money does not fund a revenue risk pool.)
    REQUIRE(s.risk_pool_funded <=
            std::max((s.income - s.capital_income) - (s.planned - s.capital_planned), money{}));
    // The conservation identity, term by term.
    money finals;
    for (const partner_settlement& ps : s.partners)
      finals += ps.final_contribution;
    money carried;
    money retained;
    money outside;
    for (const disposition& dp : s.dispositions) {
      REQUIRE(dp.amount.is_positive());
      if (dp.kind == disposition_kind::carried_forward) carried += dp.amount;
      if (dp.kind == disposition_kind::retained_in_pool) retained += dp.amount;
      if (dp.kind == disposition_kind::from_outside_pool) outside += dp.amount;
    }
    REQUIRE(finals + outside == s.outturn + carried + retained);
    REQUIRE(s.conserves());
    // Capital on its own, when it is settled apart; never when a clause lets it meet revenue.
    REQUIRE(s.capital_apart == r.fund.risk_share.capital_revenue_offset_clause.empty());
    if (s.capital_apart) {
      REQUIRE(s.conserves_capital());
      for (const line_settlement& l : s.lines) {
        // A capital line never meets, nor is met by, revenue, and never draws on the pool.
        if (l.capital) REQUIRE(l.met_from_risk_pool.is_zero());
      }
      if (!s.capital_planned.is_zero()) ++with_capital;
    }
    for (const partner_settlement& ps : s.partners) {
      REQUIRE(ps.capital_final_contribution ==
              ps.capital_contribution + ps.capital_share_of_variance + ps.capital_unspent_returned);
    }
    if (s.unspent.is_positive()) ++with_unspent;
    if (!s.dispositions.empty()) ++with_dispositions;
    // No partner bears more than its cap: a stated cap (the first entry) under every rule, else
    // its contribution under the per-scheme rule; unless the finance directors agreed otherwise.
    for (std::size_t p = 0; p < s.partners.size() && r.fund.risk_share.caps_override.empty(); ++p) {
      std::optional<money> stated;
      for (const overspend_cap& c : r.fund.risk_share.caps) {
        if (c.partner == s.partners[p].partner) {
          stated = c.cap.is_negative() ? money{} : c.cap;
          break;
        }
      }
      if (stated) {
        REQUIRE(overspend_taken[p] <= *stated);
        if (overspend_taken[p].is_positive() && overspend_taken[p] == *stated) ++with_caps_binding;
      } else {
        REQUIRE(capped_taken[p] <= std::max(s.partners[p].contribution, money{}));
      }
    }
    if (!s.pool_movements.empty()) ++with_pool;
    if (!s.withheld.empty()) ++with_withheld;
    REQUIRE(!s.steps.empty());
  }
  // The generator reaches the interesting cases.
  CHECK(with_pool > funds / 10);
  CHECK(with_caps_binding > 10);
  CHECK(with_unspent > funds / 10);
  CHECK(with_dispositions > funds / 10);
  CHECK(with_capital > funds / 10);
  CHECK(with_withheld > funds / 100);
}

}  // namespace

namespace {

/// ICB £600,000.00 and council £400,000.00 (60 : 40); one council line planned £1,000,000.00.
pooled_fund capped_fund(overspend_rule rule) {
  pooled_fund f = two_partner_fund();
  f.contributions = {make_contribution("icb", "nhs_minimum", m("600000.00")),
                     make_contribution("council", "la_better_care_grant", m("400000.00"))};
  f.lines = {make_line("L1", "S1", "Home care", commissioner_kind::local_authority,
                       "la_better_care_grant", m("1000000.00"))};
  f.risk_share.default_rule = {rule, underspend_rule::return_pro_rata};
  f.risk_share.caps = {{"council", m("10000.00")}};
  return f;
}

TEST_CASE("caps hold under every rule; what a cap stops passes on, then goes outside the pool") {
  // The case: a council capped at £10,000.00 must not be charged £25,000.00. Clause
  // pattern: per-scheme pro rata, "capped at the maximum each partner contributes unless both
  // finance directors agree" (domain notes §2.3, Rotherham), with the overspend hierarchy ending
  // in "resources outside the pool" (§2.3, markettransfer "over-and-underspends").
  SUBCASE("commissioner bears: the council's £25,000.00 stops at £10,000.00") {
    // L1 (council commissions) overspends by £25,000.00. The rule gives it all to the council;
    // the cap stops £15,000.00, which passes to the ICB (the only other partner).
    const pooled_fund f = capped_fund(overspend_rule::commissioner_bears);
    diagnostics d;
    const settlement s = settle(f, {{"L1", m("1025000.00")}}, d);
    CHECK(d.empty());
    CHECK(share_of(s, "council") == m("10000.00"));
    CHECK(share_of(s, "icb") == m("15000.00"));
    CHECK(s.find_partner("council")->final_contribution == m("410000.00"));
    CHECK(s.find_partner("icb")->final_contribution == m("615000.00"));
    check_identities(s);
    CHECK(has_step(s, f,
                   "the council commissions it; the rule gives Test Council £25,000.00; Test "
                   "Council is capped at £10,000.00 and can take only £10,000.00 more, so "
                   "£15,000.00 passes on; the £15,000.00 passed on goes to the other partners by "
                   "contributions: Test ICB £15,000.00; so Test ICB bears £15,000.00 and Test "
                   "Council bears £10,000.00."));
  }
  SUBCASE("proportional to contributions: 60 : 40, then the council's cap") {
    // £50,000.00 overspend: ICB £30,000.00, council £20,000.00; the council takes £10,000.00 and
    // £10,000.00 passes to the ICB: ICB £40,000.00, council £10,000.00.
    const pooled_fund f = capped_fund(overspend_rule::proportional_to_contributions);
    const settlement s = settle(f, {{"L1", m("1050000.00")}});
    CHECK(share_of(s, "council") == m("10000.00"));
    CHECK(share_of(s, "icb") == m("40000.00"));
    check_identities(s);
  }
  SUBCASE("host bears, and a fixed line: the host's cap holds too") {
    pooled_fund f = capped_fund(overspend_rule::host_bears);
    const settlement s = settle(f, {{"L1", m("1025000.00")}});
    CHECK(share_of(s, "council") == m("10000.00"));
    CHECK(share_of(s, "icb") == m("15000.00"));
    f.lines[0].risk = risk_class::fixed;
    const settlement t = settle(f, {{"L1", m("1025000.00")}});
    CHECK(share_of(t, "council") == m("10000.00"));
    CHECK(share_of(t, "icb") == m("15000.00"));
    check_identities(t);
  }
  SUBCASE("every partner capped: the rest is met from outside the pool") {
    // ICB cap £5,000.00 as well: council £10,000.00, ICB £5,000.00, and £10,000.00 of the
    // £25,000.00 is met from outside the pool. Money: finals £410,000.00 + £605,000.00 +
    // outside £10,000.00 = outturn £1,025,000.00.
    pooled_fund f = capped_fund(overspend_rule::commissioner_bears);
    f.risk_share.caps.push_back({"icb", m("5000.00")});
    diagnostics d;
    const settlement s = settle(f, {{"L1", m("1025000.00")}}, d);
    CHECK(share_of(s, "council") == m("10000.00"));
    CHECK(share_of(s, "icb") == m("5000.00"));
    CHECK(s.total(disposition_kind::from_outside_pool) == m("10000.00"));
    CHECK(has_code(d, "budget.settle.exceeds_caps"));
    check_identities(s);
  }
  SUBCASE("caps are used up over the year, across lines and rules") {
    // Two council lines, £6,000.00 and £7,000.00 over, commissioner bears: the first takes
    // £6,000.00 of the cap, the second only £4,000.00; £3,000.00 passes to the ICB.
    pooled_fund f = capped_fund(overspend_rule::commissioner_bears);
    f.lines.push_back(make_line("L2", "S1", "Day care", commissioner_kind::local_authority,
                                "la_better_care_grant", m("0.00")));
    f.lines[0].planned = m("1000000.00");
    const settlement s = settle(f, {{"L1", m("1006000.00")}, {"L2", m("7000.00")}});
    CHECK(line_share(s, "L1", "council") == m("6000.00"));
    CHECK(line_share(s, "L2", "council") == m("4000.00"));
    CHECK(line_share(s, "L2", "icb") == m("3000.00"));
    check_identities(s);
  }
  SUBCASE("both finance directors agree: the caps do not apply, and the settlement says so") {
    pooled_fund f = capped_fund(overspend_rule::commissioner_bears);
    f.risk_share.caps_override = "finance directors' agreement of 2026-04-20, minute FD/26/07";
    const settlement s = settle(f, {{"L1", m("1025000.00")}});
    CHECK(share_of(s, "council") == m("25000.00"));
    CHECK(share_of(s, "icb").is_zero());
    CHECK(has_step(s, f,
                   "no cap applies, as both finance directors agreed (finance directors' "
                   "agreement of 2026-04-20, minute FD/26/07)"));
    check_identities(s);
  }
}

}  // namespace

namespace {

/// ICB £600,000.00 (NHS minimum) and council £400,000.00 (LA grant) for revenue, and the
/// council's £200,000.00 Disabled Facilities Grant for capital (domain notes §1.4: the DFG is
/// capital, paid to the council). R1: NHS revenue line £1,000,000.00; D1: the DFG adaptations
/// line £200,000.00, capital, fixed (the ICB is the host).
pooled_fund capital_fund() {
  pooled_fund f = two_partner_fund();
  f.host = "icb";
  f.contributions = {make_contribution("icb", "nhs_minimum", m("600000.00")),
                     make_contribution("council", "la_better_care_grant", m("400000.00")),
                     make_contribution("council", "dfg", m("200000.00"))};
  expenditure_line d1 = make_line("D1", "S2", "Adaptations", commissioner_kind::local_authority,
                                  "dfg", m("200000.00"), risk_class::fixed);
  d1.capital = true;
  f.lines = {make_line("R1", "S1", "Community health", commissioner_kind::nhs, "nhs_minimum",
                       m("1000000.00")),
             d1};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::return_pro_rata};
  f.risk_share.offset_underspends = true;
  return f;
}

TEST_CASE("capital apart from revenue: a DFG underspend never pays for a revenue overspend") {
  // The case: R1 £50,000.00 over, D1 (DFG) £50,000.00 under, underspends offset
  // overspends. Before, the capital underspend met the revenue overspend and both shares were
  // £0.00. Now revenue is shared by revenue contributions 600 : 400 (ICB £30,000.00, council
  // £20,000.00) and the DFG underspend goes back to the partner that funds the DFG, the council
  // (−£50,000.00), not to the ICB host. Council: £20,000.00 − £50,000.00 = −£30,000.00.
  // Capital on its own: contributions £200,000.00 − £50,000.00 = £150,000.00 = capital outturn.
  const pooled_fund f = capital_fund();
  diagnostics d;
  const settlement s = settle(f, {{"R1", m("1050000.00")}, {"D1", m("150000.00")}}, d);
  CHECK(d.empty());
  CHECK(s.capital_apart);
  CHECK(s.capital_income == m("200000.00"));
  CHECK(s.capital_outturn == m("150000.00"));
  CHECK(line_share(s, "R1", "icb") == m("30000.00"));
  CHECK(line_share(s, "R1", "council") == m("20000.00"));
  CHECK(line_share(s, "D1", "council") == m("-50000.00"));
  CHECK(s.find_line("D1")->met_from_underspends.is_zero());
  CHECK(s.find_line("D1")->capital);
  CHECK(share_of(s, "icb") == m("30000.00"));
  CHECK(share_of(s, "council") == m("-30000.00"));
  const partner_settlement& council = *s.find_partner("council");
  CHECK(council.capital_contribution == m("200000.00"));
  CHECK(council.capital_share_of_variance == m("-50000.00"));
  CHECK(council.capital_final_contribution == m("150000.00"));
  CHECK(s.conserves_capital());
  check_identities(s);
  CHECK(has_step(s, f,
                 "Capital line D1 (Adaptations) underspent by £50,000.00; rule: return pro rata "
                 "to contributions; by the partners who fund it (Test Council £200,000.00): Test "
                 "Council gets back £50,000.00."));

  SUBCASE("a named clause lets capital meet revenue") {
    // With the clause, today's meaning: the DFG underspend meets the revenue overspend in full;
    // nothing is left for the partners.
    // (D1 is variable here: a fixed line would fall to the host either way.)
    pooled_fund g = f;
    g.lines[1].risk = risk_class::variable;
    g.risk_share.capital_revenue_offset_clause = "Schedule 3, clause 4.2 (capital and revenue)";
    const settlement t = settle(g, {{"R1", m("1050000.00")}, {"D1", m("150000.00")}});
    CHECK(!t.capital_apart);
    CHECK(share_of(t, "icb").is_zero());
    CHECK(share_of(t, "council").is_zero());
    CHECK(has_step(t, g,
                   "capital and revenue variances may meet each other (Schedule 3, clause 4.2 "
                   "(capital and revenue))"));
    check_identities(t);
  }
  SUBCASE("a capital overspend falls to the DFG's funder, never to the risk pool") {
    // D1 £30,000.00 over; a £10,000.00 risk pool funded by £10,000.00 more ICB money, as the
    // agreement states. The pool meets revenue only: the council bears the £30,000.00; the pool
    // is unused and goes back to its stated funder (−£10,000.00 to the ICB).
    pooled_fund g = f;
    g.contributions.push_back(make_contribution("icb", "additional_nhs", m("10000.00")));
    g.risk_share.risk_pool = m("10000.00");
    g.risk_share.risk_pool_funding = {{"icb", m("10000.00")}};
    const settlement t = settle(g, {{"R1", m("1000000.00")}, {"D1", m("230000.00")}});
    CHECK(t.risk_pool_used.is_zero());
    CHECK(line_share(t, "D1", "council") == m("30000.00"));
    CHECK(t.find_partner("icb")->unspent_returned == m("-10000.00"));
    CHECK(t.find_partner("council")->capital_final_contribution == m("230000.00"));
    check_identities(t);
    CHECK(t.conserves_capital());
  }
  SUBCASE("capital income no capital line plans is returned to who paid it, apart") {
    // DFG £200,000.00, D1 planned £150,000.00 and spent as planned: £50,000.00 capital unspent,
    // back to the council; revenue has nothing unspent.
    pooled_fund g = f;
    g.lines[1].planned = m("150000.00");
    const settlement t = settle(g, {{"R1", m("1000000.00")}, {"D1", m("150000.00")}});
    CHECK(t.capital_unspent == m("50000.00"));
    CHECK(t.find_partner("council")->capital_unspent_returned == m("-50000.00"));
    CHECK(t.find_partner("council")->final_contribution == m("550000.00"));
    CHECK(t.find_partner("icb")->final_contribution == m("600000.00"));
    check_identities(t);
    CHECK(t.conserves_capital());
  }
}

TEST_CASE(
    "retained by the lead commissioner unless the Health and Wellbeing Board decides otherwise") {
  // Domain notes §2.3: "retained by the Lead Commissioner unless the HWB decides otherwise"
  // (English BCF Framework Partnership Agreement). The fund of "pure underspend under each
  // underspend rule": ICB £200.00, council £100.00, one council line L1 planned £100.00 that
  // spends £90.00. Without a decision the council, its commissioner, keeps the £10.00.
  pooled_fund f = underspend_fund(underspend_rule::retained_by_lead_commissioner);
  const outturns o = {{"L1", m("90.00")}};
  SUBCASE("the Board decides to return it pro rata") {
    // 1,000p × 2/3 = 666.67 and × 1/3 = 333.33: the ICB gets back £6.67, the council £3.33, as
    // under return_pro_rata. Finals: 200.00 − 6.67 − 133.33 = £60.00, 100.00 − 3.33 − 66.67 =
    // £30.00 (the £200.00 no line planned goes back 2 : 1 as before).
    f.risk_share.hwb_decision =
        hwb_underspend_decision{"HWB/26/14", underspend_rule::return_pro_rata, {}, {}};
    const settlement s = settle(f, o);
    CHECK(share_of(s, "icb") == m("-6.67"));
    CHECK(share_of(s, "council") == m("-3.33"));
    CHECK(s.find_line("L1")->hwb_decision == "HWB/26/14");
    CHECK(s.find_line("L1")->rule == "return_pro_rata");
    CHECK(s.find_partner("icb")->final_contribution == m("60.00"));
    CHECK(s.find_partner("council")->final_contribution == m("30.00"));
    CHECK(has_step(s, f,
                   "rule: retained by the lead commissioner unless the Health and Wellbeing Board "
                   "decides otherwise, and the Board decided (HWB/26/14): return pro rata"));
    check_identities(s);
  }
  SUBCASE("the Board decides to carry it forward") {
    // The £10.00 is carried forward; the council's share is nothing. The £200.00 no line planned
    // follows the default rule, which the decision (fund-wide) also replaces: carried forward.
    // £300.00 paid in = outturn £90.00 + carried £210.00.
    f.risk_share.hwb_decision =
        hwb_underspend_decision{"HWB/26/15", underspend_rule::carry_forward, {}, {}};
    const settlement s = settle(f, o);
    CHECK(share_of(s, "council").is_zero());
    CHECK(s.find_line("L1")->carried_forward == m("-10.00"));
    CHECK(s.total(disposition_kind::carried_forward) == m("210.00"));
    CHECK(s.total_final_contributions() == m("300.00"));
    check_identities(s);
  }
  SUBCASE("a decision for another scheme changes nothing here") {
    f.risk_share.hwb_decision =
        hwb_underspend_decision{"HWB/26/16", underspend_rule::return_pro_rata, {"S9"}, {}};
    const settlement s = settle(f, o);
    CHECK(share_of(s, "council") == m("-10.00"));
    CHECK(s.find_line("L1")->hwb_decision.empty());
    check_identities(s);
  }
}

/// ICB £600,000.00 (NHS minimum) and £100,000.00 (additional NHS, performance-linked), council
/// £300,000.00; L1 £580,000.00 (NHS minimum), L2 £100,000.00 (additional NHS: admissions
/// avoidance), L3 £300,000.00 (the grant). No risk pool; proportional and pro rata.
pooled_fund performance_fund(std::optional<bool> met) {
  pooled_fund f = two_partner_fund();
  f.contributions = {make_contribution("icb", "nhs_minimum", m("600000.00")),
                     make_contribution("icb", "additional_nhs", m("100000.00")),
                     make_contribution("council", "la_better_care_grant", m("300000.00"))};
  performance_element e;
  e.partner = "icb";
  e.source = "additional_nhs";
  e.amount = m("100000.00");
  e.target = "non-elective admissions 3.5% below the 2014-15 baseline";
  e.met = met;
  f.performance_linked = {e};
  f.lines = {
      make_line("L1", "S1", "Reablement", commissioner_kind::nhs, "nhs_minimum", m("580000.00")),
      make_line("L2", "S2", "Admissions avoidance", commissioner_kind::nhs, "additional_nhs",
                m("100000.00")),
      make_line("L3", "S3", "Home care", commissioner_kind::local_authority, "la_better_care_grant",
                m("300000.00"))};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::return_pro_rata};
  return f;
}

TEST_CASE("a performance-linked element is paid into the pool only if its target is met") {
  // Domain notes §2.3 (2015-17): part of the NHS money tied to a non-elective admissions target,
  // paid into the pool only if achieved.
  const outturns o = {{"L1", m("590000.00")}, {"L2", m("0.00")}, {"L3", m("290000.00")}};
  SUBCASE("not met: the ICB keeps it and the admissions-avoidance plan comes off") {
    // Paid in: ICB £600,000.00, council £300,000.00 (2 : 1); L2's plan falls to £0.00.
    // Planned £880,000.00, outturn £880,000.00. L1 over £10,000.00: 1,000,000p × 2/3 =
    // 666,666.67, × 1/3 = 333,333.33, the odd penny to the larger remainder (the ICB):
    // £6,666.67 and £3,333.33. L3 under £10,000.00: −£6,666.67 and −£3,333.33. Unspent
    // £900,000.00 − £880,000.00 = £20,000.00: 2,000,000p × 2/3 = 1,333,333.33, × 1/3 = 666,666.67,
    // the penny to the council: −£13,333.33 and −£6,666.67. Finals £586,666.67 and £293,333.33,
    // together the outturn £880,000.00.
    const pooled_fund f = performance_fund(false);
    diagnostics d;
    const settlement s = settle(f, o, d);
    CHECK(d.empty());
    CHECK(s.income == m("900000.00"));
    CHECK(s.planned == m("880000.00"));
    REQUIRE(s.withheld.size() == 1);
    CHECK(s.withheld[0].partner == "icb");
    CHECK(s.withheld[0].amount == m("100000.00"));
    REQUIRE(s.withheld[0].lines.size() == 1);
    CHECK(s.withheld[0].lines[0].line == "L2");
    CHECK(s.withheld[0].lines[0].amount == m("100000.00"));
    CHECK(s.withheld[0].unplanned.is_zero());
    CHECK(s.find_line("L2")->planned.is_zero());
    CHECK(s.find_line("L2")->withheld == m("100000.00"));
    CHECK(s.find_partner("icb")->contribution == m("600000.00"));
    CHECK(share_of(s, "icb").is_zero());
    CHECK(s.find_partner("icb")->final_contribution == m("586666.67"));
    CHECK(s.find_partner("council")->final_contribution == m("293333.33"));
    CHECK(has_step(s, f, "it was not met, so Test ICB keeps it"));
    check_identities(s);
  }
  SUBCASE("met: paid in as planned") {
    // Paid in £1,000,000.00 (ICB £700,000.00 : council £300,000.00 = 7 : 3), planned
    // £980,000.00, outturn £880,000.00: L1 +£10,000.00 → £7,000.00 and £3,000.00; L2 and L3
    // −£110,000.00 → −£77,000.00 and −£33,000.00; unspent £20,000.00 → −£14,000.00 and
    // −£6,000.00. Finals £616,000.00 and £264,000.00.
    const settlement s = settle(performance_fund(true), o);
    CHECK(s.withheld.empty());
    CHECK(s.income == m("1000000.00"));
    CHECK(s.find_partner("icb")->final_contribution == m("616000.00"));
    CHECK(s.find_partner("council")->final_contribution == m("264000.00"));
    check_identities(s);
  }
  SUBCASE("not yet known: settled as paid in, with a warning") {
    diagnostics d;
    const settlement s = settle(performance_fund(std::nullopt), o, d);
    CHECK(has_code(d, "budget.settle.performance_unknown"));
    CHECK(s.income == m("1000000.00"));
    CHECK(s.find_partner("icb")->final_contribution == m("616000.00"));
  }
  SUBCASE("an element larger than the lines it names: the rest was unplanned income") {
    // It names L2, now planned £60,000.00: £60,000.00 comes off L2, £40,000.00 was income no
    // line planned. Paid in £900,000.00, planned £880,000.00 as before.
    pooled_fund f = performance_fund(false);
    f.lines[1].planned = m("60000.00");
    f.performance_linked[0].lines = {"L2"};
    const settlement s = settle(f, o);
    REQUIRE(s.withheld.size() == 1);
    CHECK(s.withheld[0].lines[0].amount == m("60000.00"));
    CHECK(s.withheld[0].unplanned == m("40000.00"));
    CHECK(s.income == m("900000.00"));
    CHECK(s.planned == m("880000.00"));
    check_identities(s);
  }
}

}  // namespace
