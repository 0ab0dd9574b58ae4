// joinedup: settlement of a pooled fund's variance under its risk-share agreement, exact to the
// penny, with the step-by-step explanation an auditor follows: the steps are records (kind,
// amounts, line, partner, rule), which report::settlement_steps (joinedup/report/settlement.hpp)
// turns into numbered sentences. The engine is in joinedup/budget/detail/settle_engine.hpp.
//
// Order of operations (docs/budget-settlement.md has the worked examples):
//
//  0. Each line's variance is outturn − planned (positive = overspend). A line with no outturn is
//     on plan (warning budget.settle.missing_line); an outturn for a line the fund does not have
//     is left out (error budget.settle.unknown_line); a second outturn for a line is left out
//     (error budget.settle.duplicate_line).
//  1. Fixed lines: the host partner bears the whole variance, overspend or underspend. Fixed
//     lines take no part in the steps below.
//  2. Variable lines, overspend hierarchy:
//     a. if the agreement offsets underspends: the smaller of the total overspend and the total
//        underspend on variable lines is met from underspends elsewhere in the pool. It is shared
//        over the overspending lines by their overspends and taken from the underspending lines
//        by their underspends (allocate, fund line order, ties to the earlier line). Two pool
//        movements record it: +amount (overspends met) and −amount (underspends used).
//     b. the risk pool meets what is still uncovered, up to its amount, shared over the
//        overspending lines by what each still has uncovered (allocate). Pool movement +draw.
//     c. each overspending line's remaining overspend is shared by the line's overspend rule
//        (a line override beats a scheme override beats the default rule).
//  3. Variable lines, underspends: each underspending line's remaining underspend is treated by
//     the line's underspend rule.
//  4. Unspent income: income − planned − risk pool used (the unused pool and income no line
//     planned to spend) follows the default underspend rule (returned: the unused pool to its
//     stated funders, the rest by contributions; kept in the pool; carried forward). A plan
//     larger than the income is met from outside the pool (budget.settle.plan_exceeds_income).
//     The risk pool is money: only the part the unplanned income funds is used
//     (budget.risk_pool.unfunded).
//  5. Each partner's share of variance is the sum of its parts; its final contribution is its
//     contribution plus that share plus the unspent income given back to it.
//
// Overspend rules: proportional_to_contributions (weights: the partners' total contributions);
// commissioner_bears (council line: the council partner; NHS line: line.nhs_partner, else the
// only ICB; joint line: split by its joint shares); host_bears; per_scheme_pro_rata_capped
// (weights: each partner's funding of the line's scheme, i.e. for every line of the scheme its
// planned spend attributed, by allocate, to the partners contributing to its funding source pro
// rata to those contributions; each partner bears at most its cap, from agreement.caps or else
// its total contribution, summed over every line settled by this rule and used up in fund line
// order; what a capped partner cannot take passes to the partners with headroom, pro rata to
// their funding of the scheme; what nobody can take is a pool movement that needs both finance
// directors' agreement). Underspend rules: retain_in_pool (a pool movement), return_pro_rata
// (to the partners by their total contributions), retained_by_lead_commissioner (to the line's
// commissioner, a joint line split by its shares).
//
// The identities that always hold, whatever the data (checked on every settlement):
//   Σ final_contribution + Σ from_outside_pool == outturn + Σ carried_forward +
//                                                Σ retained_in_pool   (dispositions)
//   variance == Σ partners[].share_of_variance + Σ pool_movements[].amount
// because every amount that cannot be given to a partner (no host, no council, an unknown ICB,
// weights that are all zero) becomes a pool movement with an error budget.settle.unallocated.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "joinedup/budget/outturn.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// Why part of the variance is absorbed by the pool rather than by a partner.
enum class pool_movement_kind : std::uint8_t {
  met_from_underspends,  ///< + overspends met from underspends elsewhere in the pool
  underspends_used,      ///< − the underspends used for that (pairs with met_from_underspends)
  risk_pool,             ///< + overspends met from the risk pool (contingency)
  retained_in_pool,      ///< − an underspend retained in the pool (retain_in_pool)
  exceeds_caps,          ///< + overspend beyond every partner's cap: needs the finance directors
  not_allocated,         ///< ± an amount no partner could be found for (see its diagnostic)
  carried_forward,       ///< − an underspend carried forward into next year (carry_forward)
};

/// The snake_case name of a pool movement kind.
constexpr std::string_view to_string(pool_movement_kind k) noexcept {
  switch (k) {
    case pool_movement_kind::met_from_underspends:
      return "met_from_underspends";
    case pool_movement_kind::underspends_used:
      return "underspends_used";
    case pool_movement_kind::risk_pool:
      return "risk_pool";
    case pool_movement_kind::retained_in_pool:
      return "retained_in_pool";
    case pool_movement_kind::exceeds_caps:
      return "exceeds_caps";
    case pool_movement_kind::not_allocated:
      return "not_allocated";
    case pool_movement_kind::carried_forward:
      return "carried_forward";
  }
  return "not_allocated";
}

/// Where money that is not a partner's final contribution ends up, or comes from: the terms of
/// the conservation identity (settlement::conserves).
enum class disposition_kind : std::uint8_t {
  carried_forward,    ///< unspent money carried forward into next year's fund
  retained_in_pool,   ///< unspent money the pool keeps (retain in pool, contingency, unallocated)
  from_outside_pool,  ///< spend met from resources outside the pool (beyond every cap, unfunded)
};

/// One amount that does not pass through a partner's final contribution. `amount` is positive.
struct disposition {
  disposition_kind kind = disposition_kind::retained_in_pool;  ///< what it is
  money amount;                                                ///< how much (positive)
  std::string partner;   ///< the partner it is held or carried for, where one applies
  std::string line;      ///< the line it arose on, or "" for the fund as a whole
  std::string reason;    ///< plain English
  bool capital = false;  ///< capital money (settled apart from revenue)
};

/// One partner's result: what it put in, its share of the variance and what it ends up paying.
struct partner_settlement {
  std::string partner;       ///< partner id
  money contribution;        ///< its total contribution to the fund (all sources)
  money share_of_variance;   ///< + it pays more (overspend), − it pays less (underspend)
  money final_contribution;  ///< contribution + share_of_variance + unspent_returned
  /// − the income no line planned to spend (and the risk pool left unused) given back to it
  /// under the default underspend rule; + its part of a plan that exceeds the income.
  money unspent_returned;
  /// The capital part of each figure above (capital lines settled apart from revenue); the
  /// revenue part is the figure less this. capital_final_contribution == capital_contribution +
  /// capital_share_of_variance + capital_unspent_returned.
  money capital_contribution;
  money capital_share_of_variance;   ///< capital part of share_of_variance
  money capital_unspent_returned;    ///< capital part of unspent_returned
  money capital_final_contribution;  ///< capital part of final_contribution
};

/// A part of the variance absorbed by the pool itself rather than by a partner.
struct pool_movement {
  money amount;        ///< + overspend the pool meets; − underspend the pool keeps or uses
  std::string reason;  ///< plain English, naming the line where there is one
  pool_movement_kind kind = pool_movement_kind::not_allocated;  ///< what kind of movement
  std::string line;  ///< the line it concerns, or "" for a fund-wide movement
};

/// A partner's part of one line's variance.
struct partner_amount {
  std::string partner;  ///< partner id
  money amount;         ///< its part
};

/// How one expenditure line was settled. Always:
/// variance == met_from_underspends + met_from_risk_pool + Σ shares + retained_in_pool +
/// not_allocated + carried_forward, and residual == variance − met_from_underspends −
/// met_from_risk_pool.
struct line_settlement {
  std::string line;                                        ///< line id
  std::string scheme;                                      ///< scheme id
  std::string description;                                 ///< what the line buys
  budget::risk_class risk = budget::risk_class::variable;  ///< fixed or variable
  money planned;                                           ///< planned spend
  money outturn;                 ///< actual or forecast outturn used (planned when it was missing)
  money variance;                ///< outturn − planned
  bool outturn_missing = false;  ///< no outturn was given: treated as on plan
  /// Overspend met from underspends elsewhere (+), or underspend used for that (−).
  money met_from_underspends;
  money met_from_risk_pool;  ///< overspend met from the risk pool
  money residual;            ///< what the line's rule treated
  /// The rule applied: "fixed_host_bears", an overspend_rule or underspend_rule name
  /// ("proportional_to_contributions", "retain_in_pool", …), or "on_plan".
  std::string rule;
  std::vector<partner_amount> shares;  ///< partners' parts, non-zero only, in partner order
  money retained_in_pool;              ///< underspend retained in the pool (−)
  money not_allocated;                 ///< what no partner could take (exceeds caps, no partner)
  money carried_forward;               ///< underspend carried forward into next year (−)
  bool capital = false;                ///< a capital line, settled apart from revenue
  /// The Health and Wellbeing Board decision that replaced retained_by_lead_commissioner for
  /// this line's underspend (its reference), or "".
  std::string hwb_decision;
  /// Planned spend taken off the line because a performance-linked element that funds it was
  /// withheld (`planned` is after it).
  money withheld;
};

/// What a settlement step explains. One value per kind of sentence in the explanation; adding a
/// kind is a value here, its name in enum_names below and one case in
/// report::settlement_step_text (joinedup/report/settlement.hpp).
enum class settlement_step_kind : std::uint8_t {
  opening,            ///< the fund: planned, outturn and variance
  contributions,      ///< each partner's contribution (`partners`) and the `total`
  agreement,          ///< the risk-share agreement: default rules, overrides, pool, caps, host
  unknown_line,       ///< outturn `outturn_number` names `line`, which the fund does not have
  duplicate_outturn,  ///< outturn `outturn_number` is a second one for `line`
  missing_outturn,    ///< `line` has no outturn: on plan (`planned`)
  fixed_line,         ///< a fixed line's variance, borne by the host (`sharing`)
  variable_on_plan,   ///< every variable line is on plan
  variable_lines,     ///< the variable lines' overspends and underspends
  offset,             ///< stage 1: overspends met from underspends elsewhere (`amount`)
  risk_pool,          ///< stage 2: overspends met from the risk pool (`amount`, may be zero)
  line_overspend,     ///< a variable line's overspend and how its rule shared what was left
  line_underspend,    ///< a variable line's underspend and how its rule treated what was left
  partner_result,     ///< a partner's contribution, share of variance and final contribution
  check,              ///< the identity: variance = partners' shares + pool movements
  unspent,            ///< income no line planned to spend, and the risk pool left unused
  conservation,       ///< the identity: final contributions + outside = outturn + kept
  capital_lines,      ///< capital lines' variances, settled apart from revenue
  /// a performance-linked element withheld (`partner`, `amount`, `target`; `underspends`: the
  /// planned spend taken off each line; `unspent_total`: the part that was unplanned income)
  performance_withheld,
};

/// Whom a rule gives an amount to.
enum class sharing_basis : std::uint8_t {
  contributions,        ///< every partner, by its total contribution (`weights`)
  host,                 ///< the host partner (`partner`)
  council,              ///< the council, which commissions the line
  nhs,                  ///< the NHS partner that commissions the line (`partner`)
  joint,                ///< the NHS partner (`partner`) and the council, by the joint shares
  scheme_funding,       ///< the partners funding the line's scheme (`weights`), within caps
  total_contributions,  ///< as scheme_funding when nobody funds the scheme: by contributions
  pool_funding,         ///< the partners funding the risk pool, by their stated parts (`weights`)
  capital_funders,      ///< a capital line: the partners funding its source (`weights`)
};

/// Why no partner could take an amount (it became a pool movement), or none.
enum class sharing_problem : std::uint8_t {
  none,                   ///< the amount was shared
  negative_contribution,  ///< `partner`'s contribution (in `weights`) is negative
  no_contributions,       ///< no partner has contributed to the fund
  host_not_partner,       ///< the host the fund names (`partner`) is not a partner
  no_council,             ///< the fund has no council partner
  several_councils,       ///< the fund has `count` council partners
  nhs_partner_not_nhs,    ///< the line's nhs_partner (`partner`) is not an NHS partner
  several_icbs,           ///< the fund has `count` ICBs and the line names none
  no_nhs_partner,         ///< the fund has no NHS partner
  joint_shares_unusable,  ///< the joint shares cannot be used as weights
  weights_too_large,      ///< the weights are too large to share the amount exactly
  cannot_apportion,       ///< the apportionment failed (`message`)
  no_funders,             ///< nobody funds the scheme or has contributed
};

/// A partner that reached its cap in a round of the per-scheme capped rule.
struct cap_reached {
  std::string partner;  ///< partner id
  money cap;            ///< its cap
  money took;           ///< what it could still take in this round
  money passed_on;      ///< its part beyond that, passed to the partners with headroom
};

/// One round of caps: `amount` shared over the partners. Per-scheme capped rule: pro rata to
/// scheme funding (the first round: every funder; later rounds: those with headroom left). Any
/// other rule: the rule's own parts (the first round), then what the caps stopped, by
/// contributions over the other partners with headroom.
struct cap_round {
  money amount;                       ///< the amount shared in this round
  std::vector<partner_amount> parts;  ///< each partner's part, non-zero only, in partner order
  std::vector<cap_reached> capped;    ///< the partners whose part exceeded their headroom
};

/// How an amount was given to the partners under a rule, or why it could not be.
struct settlement_sharing {
  sharing_basis basis = sharing_basis::contributions;  ///< whom the rule gives it to
  money amount;                                        ///< the amount (+ overspend, − underspend)
  /// The weights named in the explanation: the contributions (contributions, total_contributions)
  /// or the scheme funding (scheme_funding), in partner order.
  std::vector<partner_amount> weights;
  std::string partner;  ///< the host, the NHS commissioner or the partner a problem names
  std::optional<ratio> nhs_share;                   ///< joint: the NHS share used
  std::optional<ratio> council_share;               ///< joint: the council share used
  sharing_problem problem = sharing_problem::none;  ///< why nobody took it, or none
  std::int64_t count = 0;                           ///< several_councils, several_icbs
  std::string message;                              ///< cannot_apportion: why
  /// The rounds of caps: every round of per_scheme_pro_rata_capped, or under any other rule the
  /// rule's parts (round 1, some partner capped) and the amounts passed on to the others.
  std::vector<cap_round> rounds;
  money exceeds_caps;  ///< capped: held in the pool beyond every cap
  /// What each partner bore (+) or got back (−): every partner the rule named, in its order
  /// (capped: the non-zero totals in partner order). Empty when nobody took it.
  std::vector<partner_amount> shares;
};

/// A line's part of a fund-wide step.
struct line_amount {
  std::string line;  ///< line id
  money amount;      ///< its part
};

/// One step of a settlement's explanation, as data: what happened, to which line or partner,
/// with the amounts; report::settlement_steps turns the steps into numbered English sentences.
/// A member a kind does not use keeps its default.
struct settlement_step {
  settlement_step_kind kind = settlement_step_kind::opening;  ///< what the step explains
  std::string line;     ///< the line it concerns (line steps and outturn notes)
  std::string partner;  ///< partner_result: the partner; agreement: the host the fund names
  std::string scheme;   ///< line steps: the line's scheme
  /// Line steps: the rule applied, as line_settlement::rule ("fixed_host_bears", an overspend
  /// or underspend rule name).
  std::string rule;
  std::string default_overspend;    ///< agreement: the default overspend rule's name
  std::string default_underspend;   ///< agreement: the default underspend rule's name
  std::int64_t overrides = 0;       ///< agreement: the number of scheme or line overrides
  bool offset_underspends = false;  ///< agreement: underspends offset overspends first
  bool host_is_partner = false;     ///< agreement: the host is a partner of the fund
  /// offset, unspent, line steps: about capital lines or capital income, settled apart from
  /// revenue.
  bool capital = false;
  std::int64_t outturn_number = 0;  ///< outturn notes: the outturn's position, from 1
  money planned;                    ///< opening, fixed_line, missing_outturn: planned spend
  money outturn;                    ///< opening, fixed_line, outturn notes: the outturn
  money first_outturn;              ///< duplicate_outturn: the outturn that is used
  money variance;                   ///< opening, line steps, check: the variance
  money contribution;               ///< partner_result: the partner's contribution
  money share_of_variance;          ///< partner_result: its share; check: the partners' total
  money final_contribution;         ///< partner_result: contribution + share
  money total;                      ///< contributions: the total
  money total_overspend;            ///< variable_lines, offset: Σ overspends on variable lines
  money total_underspend;           ///< variable_lines, offset: Σ underspends (a magnitude)
  money amount;                     ///< offset: the amount offset; risk_pool: the draw
  money risk_pool;                  ///< agreement, risk_pool: the risk pool the agreement holds
  money uncovered;                  ///< risk_pool: the overspend still uncovered before it
  money met_from_underspends;       ///< line steps: as line_settlement
  money met_from_risk_pool;         ///< line_overspend: as line_settlement
  money residual;                   ///< line steps: what the line's rule treated
  money retained_in_pool;           ///< line_underspend: kept in the pool (retain_in_pool, −)
  money pool_movements;             ///< check: Σ pool movements
  money income;                     ///< unspent, conservation: the partners' contributions
  money carried_forward;            ///< line_underspend, conservation: carried forward
  money from_outside_pool;          ///< conservation: met from outside the pool
  money unspent_total;              ///< unspent: income − planned − risk pool used
  /// contributions: each partner's contribution; agreement: the caps that differ from the
  /// partner's contribution.
  std::vector<partner_amount> partners;
  /// variable_lines: the overspending lines' overspends; offset: what each has met; risk_pool:
  /// what the pool meets of each.
  std::vector<line_amount> overspends;
  /// variable_lines: the underspending lines' underspends (magnitudes); offset: what is used
  /// of each.
  std::vector<line_amount> underspends;
  std::optional<settlement_sharing> sharing;  ///< line steps: how the rule shared the amount
  /// unspent: how the unspent income beyond the unused risk pool was returned, when the pool
  /// went back to its funders (`sharing`) and the rest by contributions.
  std::optional<settlement_sharing> sharing_rest;
  std::string target;        ///< performance_withheld: the target that was not met
  std::string hwb_decision;  ///< line_underspend, unspent: the Board decision applied, if any
};

/// A performance-linked element that was not paid into the pool because its target was not met
/// (pooled_fund.hpp, performance_condition).
struct withheld_element {
  std::string partner;             ///< the partner that keeps it
  std::string source;              ///< the contribution's funding source
  money amount;                    ///< the element withheld
  std::string target;              ///< the target that was not met
  std::vector<line_amount> lines;  ///< the planned spend taken off each line it funded
  money unplanned;                 ///< the part that was income no line planned to spend
};

/// The settlement of a pooled fund on given outturns (actual at year end, forecast mid-year).
struct settlement {
  money income;            ///< the partners' contributions (all sources)
  money planned;           ///< total planned spend of the lines
  money outturn;           ///< total outturn used
  money variance;          ///< outturn − planned (positive = overspend)
  money risk_pool;         ///< the risk pool the agreement holds
  money risk_pool_used;    ///< how much of it met overspends
  money risk_pool_funded;  ///< how much of the risk pool the income not planned for can fund
  money unspent;           ///< income − planned − risk_pool_used: negative when the plan
                           ///< exceeds the income
  /// True when capital lines were settled apart from revenue (no capital-revenue offset
  /// clause); then the capital figures below conserve money on their own.
  bool capital_apart = true;
  money capital_income;                       ///< the contributions that fund capital lines
  money capital_planned;                      ///< planned spend of the capital lines
  money capital_outturn;                      ///< outturn of the capital lines
  money capital_unspent;                      ///< capital_income − capital_planned
  std::vector<partner_settlement> partners;   ///< one per fund partner, in the fund's order
  std::vector<pool_movement> pool_movements;  ///< in the order they arose
  std::vector<disposition> dispositions;      ///< money kept, carried or from outside
  std::vector<line_settlement> lines;         ///< one per fund line, in the fund's order
  /// Performance-linked elements withheld: not in `income` nor in any partner's contribution.
  std::vector<withheld_element> withheld;
  /// The explanation, in order, as records; report::settlement_steps gives the numbered
  /// sentences.
  std::vector<settlement_step> steps;

  /// Σ partners[].share_of_variance.
  [[nodiscard]] money total_share_of_variance() const {
    money t;
    for (const partner_settlement& p : partners)
      t += p.share_of_variance;
    return t;
  }
  /// Σ pool_movements[].amount.
  [[nodiscard]] money total_pool_movements() const {
    money t;
    for (const pool_movement& m : pool_movements)
      t += m.amount;
    return t;
  }
  /// True when variance == Σ shares + Σ pool movements (always, by construction).
  [[nodiscard]] bool balances() const {
    return variance == total_share_of_variance() + total_pool_movements();
  }
  /// Σ partners[].final_contribution.
  [[nodiscard]] money total_final_contributions() const {
    money t;
    for (const partner_settlement& p : partners)
      t += p.final_contribution;
    return t;
  }
  /// Σ dispositions[].amount of one kind.
  [[nodiscard]] money total(disposition_kind kind) const {
    money t;
    for (const disposition& d : dispositions) {
      if (d.kind == kind) t += d.amount;
    }
    return t;
  }
  /// Σ dispositions[].amount of one kind that are capital money.
  [[nodiscard]] money capital_total(disposition_kind kind) const {
    money t;
    for (const disposition& d : dispositions) {
      if (d.kind == kind && d.capital) t += d.amount;
    }
    return t;
  }
  /// Σ partners[].capital_final_contribution.
  [[nodiscard]] money total_capital_final_contributions() const {
    money t;
    for (const partner_settlement& p : partners)
      t += p.capital_final_contribution;
    return t;
  }
  /// True when the settlement has capital figures of its own: capital is settled apart and the
  /// fund has capital income or capital lines.
  [[nodiscard]] bool has_capital() const {
    return capital_apart && (!capital_income.is_zero() || !capital_planned.is_zero());
  }
  /// True when capital money is conserved on its own (capital_apart): Σ capital final
  /// contributions + Σ capital from_outside_pool == capital outturn + Σ capital carried_forward
  /// + Σ capital retained_in_pool. Revenue then conserves too, as the difference of the two.
  [[nodiscard]] bool conserves_capital() const {
    return total_capital_final_contributions() +
               capital_total(disposition_kind::from_outside_pool) ==
           capital_outturn + capital_total(disposition_kind::carried_forward) +
               capital_total(disposition_kind::retained_in_pool);
  }
  /// True when money is conserved: Σ final contributions + Σ from_outside_pool == outturn +
  /// Σ carried_forward + Σ retained_in_pool. Checked by settle() on every settlement.
  [[nodiscard]] bool conserves() const {
    return total_final_contributions() + total(disposition_kind::from_outside_pool) ==
           outturn + total(disposition_kind::carried_forward) +
               total(disposition_kind::retained_in_pool);
  }
  /// The partner's result, or nullptr.
  [[nodiscard]] const partner_settlement* find_partner(std::string_view id) const noexcept {
    for (const partner_settlement& p : partners) {
      if (p.partner == id) return &p;
    }
    return nullptr;
  }
  /// The line's result, or nullptr.
  [[nodiscard]] const line_settlement* find_line(std::string_view id) const noexcept {
    for (const line_settlement& l : lines) {
      if (l.line == id) return &l;
    }
    return nullptr;
  }
};

namespace detail {
/// Runs the settlement engine (joinedup/budget/detail/settle_engine.hpp, included at the end of
/// this header).
inline settlement run_settlement(const pooled_fund& fund, const outturns& outs, diagnostics& diags);
}  // namespace detail

/// Settles `fund` on `outturns` (actual at year end, forecast mid-year: the same rules apply)
/// under its risk-share agreement, in the order of operations at the top of this header and in
/// docs/budget-settlement.md. Problems go to `diags` (codes budget.settle.*): unknown_line and
/// duplicate_line (the outturn is left out), missing_line (on plan), unknown_partner,
/// joint_shares, scheme_unfunded, exceeds_caps, unallocated. Never throws for bad data and
/// always balances: variance == Σ shares + Σ pool movements. Throws overflow_error only when
/// money arithmetic leaves ±£92 million million (try_settle reports it instead).
[[nodiscard]] inline settlement settle(const pooled_fund& fund, const outturns& outs,
                                       diagnostics& diags) {
  return detail::run_settlement(fund, outs, diags);
}

/// settle() without the diagnostics: every problem is still explained in the steps.
[[nodiscard]] inline settlement settle(const pooled_fund& fund, const outturns& outs) {
  diagnostics ignored;
  return settle(fund, outs, ignored);
}

/// settle(), or the first error-level diagnostic when there is one (an unknown or duplicate
/// line, an amount no partner can take) or core.money.overflow; warnings (missing lines, joint
/// shares) go to `warnings` when given.
[[nodiscard]] inline result<settlement> try_settle(const pooled_fund& fund, const outturns& outs,
                                                   diagnostics* warnings = nullptr) {
  diagnostics diags;
  try {
    settlement s = settle(fund, outs, diags);
    for (const diagnostic& d : diags) {
      if (d.is_error()) return failure{d};
    }
    if (warnings != nullptr) warnings->append(diags);
    return s;
  } catch (const overflow_error& e) {
    return fail("core.money.overflow", std::string("settlement out of range: ") + e.what());
  }
}

}  // namespace budget

// The step records as data (joinedup/settlement/v1 "step_records", written by
// io::settlement_to_json): one name table per enumeration and one field list per record. A member
// a kind does not use is left out.

template <>
inline constexpr auto enum_names<budget::settlement_step_kind> =
    std::array<std::string_view, 19>{"opening",
                                     "contributions",
                                     "agreement",
                                     "unknown_line",
                                     "duplicate_outturn",
                                     "missing_outturn",
                                     "fixed_line",
                                     "variable_on_plan",
                                     "variable_lines",
                                     "offset",
                                     "risk_pool",
                                     "line_overspend",
                                     "line_underspend",
                                     "partner_result",
                                     "check",
                                     "unspent",
                                     "conservation",
                                     "capital_lines",
                                     "performance_withheld"};

/// Disposition kinds' names in documents.
template <>
inline constexpr auto enum_names<budget::disposition_kind> =
    std::array<std::string_view, 3>{"carried_forward", "retained_in_pool", "from_outside_pool"};

template <>
inline constexpr auto fields_of<budget::disposition> =
    std::tuple{field("kind", &budget::disposition::kind),
               field("amount", &budget::disposition::amount),
               field("partner", &budget::disposition::partner, presence::omit_empty),
               field("line", &budget::disposition::line, presence::omit_empty),
               field("reason", &budget::disposition::reason),
               field("capital", &budget::disposition::capital, presence::omit_empty)};

template <>
inline constexpr auto enum_names<budget::sharing_basis> = std::array<std::string_view, 9>{
    "contributions",       "host",         "council",        "nhs", "joint", "scheme_funding",
    "total_contributions", "pool_funding", "capital_funders"};

template <>
inline constexpr auto enum_names<budget::sharing_problem> = std::array<std::string_view, 13>{
    "none",           "negative_contribution", "no_contributions",    "host_not_partner",
    "no_council",     "several_councils",      "nhs_partner_not_nhs", "several_icbs",
    "no_nhs_partner", "joint_shares_unusable", "weights_too_large",   "cannot_apportion",
    "no_funders"};

template <>
inline constexpr auto fields_of<budget::partner_amount> =
    std::tuple{field("partner", &budget::partner_amount::partner),
               field("amount", &budget::partner_amount::amount)};

template <>
inline constexpr auto fields_of<budget::line_amount> = std::tuple{
    field("line", &budget::line_amount::line), field("amount", &budget::line_amount::amount)};

template <>
inline constexpr auto fields_of<budget::cap_reached> = std::tuple{
    field("partner", &budget::cap_reached::partner), field("cap", &budget::cap_reached::cap),
    field("took", &budget::cap_reached::took), field("passed_on", &budget::cap_reached::passed_on)};

template <>
inline constexpr auto fields_of<budget::cap_round> = std::tuple{
    field("amount", &budget::cap_round::amount), field("parts", &budget::cap_round::parts),
    field("capped", &budget::cap_round::capped, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::settlement_sharing> = std::tuple{
    field("basis", &budget::settlement_sharing::basis),
    field("amount", &budget::settlement_sharing::amount),
    field("weights", &budget::settlement_sharing::weights, presence::omit_empty),
    field("partner", &budget::settlement_sharing::partner, presence::omit_empty),
    field("nhs_share", &budget::settlement_sharing::nhs_share, presence::omit_empty),
    field("council_share", &budget::settlement_sharing::council_share, presence::omit_empty),
    field("problem", &budget::settlement_sharing::problem, presence::omit_empty),
    field("count", &budget::settlement_sharing::count, presence::omit_empty),
    field("message", &budget::settlement_sharing::message, presence::omit_empty),
    field("rounds", &budget::settlement_sharing::rounds, presence::omit_empty),
    field("exceeds_caps", &budget::settlement_sharing::exceeds_caps, presence::omit_empty),
    field("shares", &budget::settlement_sharing::shares, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::settlement_step> = std::tuple{
    field("kind", &budget::settlement_step::kind),
    field("line", &budget::settlement_step::line, presence::omit_empty),
    field("partner", &budget::settlement_step::partner, presence::omit_empty),
    field("scheme", &budget::settlement_step::scheme, presence::omit_empty),
    field("rule", &budget::settlement_step::rule, presence::omit_empty),
    field("default_overspend", &budget::settlement_step::default_overspend, presence::omit_empty),
    field("default_underspend", &budget::settlement_step::default_underspend, presence::omit_empty),
    field("overrides", &budget::settlement_step::overrides, presence::omit_empty),
    field("offset_underspends", &budget::settlement_step::offset_underspends, presence::omit_empty),
    field("host_is_partner", &budget::settlement_step::host_is_partner, presence::omit_empty),
    field("outturn_number", &budget::settlement_step::outturn_number, presence::omit_empty),
    field("planned", &budget::settlement_step::planned, presence::omit_empty),
    field("outturn", &budget::settlement_step::outturn, presence::omit_empty),
    field("first_outturn", &budget::settlement_step::first_outturn, presence::omit_empty),
    field("variance", &budget::settlement_step::variance, presence::omit_empty),
    field("contribution", &budget::settlement_step::contribution, presence::omit_empty),
    field("share_of_variance", &budget::settlement_step::share_of_variance, presence::omit_empty),
    field("final_contribution", &budget::settlement_step::final_contribution, presence::omit_empty),
    field("total", &budget::settlement_step::total, presence::omit_empty),
    field("total_overspend", &budget::settlement_step::total_overspend, presence::omit_empty),
    field("total_underspend", &budget::settlement_step::total_underspend, presence::omit_empty),
    field("amount", &budget::settlement_step::amount, presence::omit_empty),
    field("risk_pool", &budget::settlement_step::risk_pool, presence::omit_empty),
    field("uncovered", &budget::settlement_step::uncovered, presence::omit_empty),
    field("met_from_underspends", &budget::settlement_step::met_from_underspends,
          presence::omit_empty),
    field("met_from_risk_pool", &budget::settlement_step::met_from_risk_pool, presence::omit_empty),
    field("residual", &budget::settlement_step::residual, presence::omit_empty),
    field("retained_in_pool", &budget::settlement_step::retained_in_pool, presence::omit_empty),
    field("pool_movements", &budget::settlement_step::pool_movements, presence::omit_empty),
    field("income", &budget::settlement_step::income, presence::omit_empty),
    field("carried_forward", &budget::settlement_step::carried_forward, presence::omit_empty),
    field("from_outside_pool", &budget::settlement_step::from_outside_pool, presence::omit_empty),
    field("unspent_total", &budget::settlement_step::unspent_total, presence::omit_empty),
    field("partners", &budget::settlement_step::partners, presence::omit_empty),
    field("overspends", &budget::settlement_step::overspends, presence::omit_empty),
    field("underspends", &budget::settlement_step::underspends, presence::omit_empty),
    field("sharing", &budget::settlement_step::sharing, presence::omit_empty),
    field("sharing_rest", &budget::settlement_step::sharing_rest, presence::omit_empty),
    field("capital", &budget::settlement_step::capital, presence::omit_empty),
    field("target", &budget::settlement_step::target, presence::omit_empty),
    field("hwb_decision", &budget::settlement_step::hwb_decision, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::withheld_element> =
    std::tuple{field("partner", &budget::withheld_element::partner),
               field("source", &budget::withheld_element::source),
               field("amount", &budget::withheld_element::amount),
               field("target", &budget::withheld_element::target),
               field("lines", &budget::withheld_element::lines),
               field("unplanned", &budget::withheld_element::unplanned)};

JOINEDUP_END_NAMESPACE

#include "joinedup/budget/detail/settle_engine.hpp"  // IWYU pragma: export
