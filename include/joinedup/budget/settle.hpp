// joinedup: settlement of a pooled fund's variance under its risk-share agreement, exact to the
// penny, with the step-by-step explanation an auditor follows.
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
//  4. Each partner's share of variance is the sum of its parts; its final contribution is its
//     contribution plus that share.
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
// The identity that always holds, whatever the data:
//   variance == Σ partners[].share_of_variance + Σ pool_movements[].amount
// because every amount that cannot be given to a partner (no host, no council, an unknown ICB,
// weights that are all zero) becomes a pool movement with an error budget.settle.unallocated.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/budget/outturn.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/number_text.hpp"
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
  }
  return "not_allocated";
}

/// One partner's result: what it put in, its share of the variance and what it ends up paying.
struct partner_settlement {
  std::string partner;       ///< partner id
  money contribution;        ///< its total contribution to the fund (all sources)
  money share_of_variance;   ///< + it pays more (overspend), − it pays less (underspend)
  money final_contribution;  ///< contribution + share_of_variance
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
/// not_allocated, and residual == variance − met_from_underspends − met_from_risk_pool.
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
};

/// The settlement of a pooled fund on given outturns (actual at year end, forecast mid-year).
struct settlement {
  money planned;                              ///< total planned spend of the lines
  money outturn;                              ///< total outturn used
  money variance;                             ///< outturn − planned (positive = overspend)
  money risk_pool;                            ///< the risk pool the agreement holds
  money risk_pool_used;                       ///< how much of it met overspends
  std::vector<partner_settlement> partners;   ///< one per fund partner, in the fund's order
  std::vector<pool_movement> pool_movements;  ///< in the order they arose
  std::vector<line_settlement> lines;         ///< one per fund line, in the fund's order
  std::vector<std::string> steps;             ///< the explanation, in order, with the figures

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

namespace settle_detail {

/// "£1,234.56" for steps and messages.
inline std::string gbp(money m) {
  return m.to_string(money_style::display);
}

/// The snake_case name of an overspend rule.
constexpr std::string_view rule_key(overspend_rule r) noexcept {
  switch (r) {
    case overspend_rule::proportional_to_contributions:
      return "proportional_to_contributions";
    case overspend_rule::commissioner_bears:
      return "commissioner_bears";
    case overspend_rule::per_scheme_pro_rata_capped:
      return "per_scheme_pro_rata_capped";
    case overspend_rule::host_bears:
      return "host_bears";
  }
  return "proportional_to_contributions";
}

/// The snake_case name of an underspend rule.
constexpr std::string_view rule_key(underspend_rule r) noexcept {
  switch (r) {
    case underspend_rule::retain_in_pool:
      return "retain_in_pool";
    case underspend_rule::return_pro_rata:
      return "return_pro_rata";
    case underspend_rule::retained_by_lead_commissioner:
      return "retained_by_lead_commissioner";
  }
  return "return_pro_rata";
}

/// An overspend rule in plain English.
constexpr std::string_view rule_words(overspend_rule r) noexcept {
  switch (r) {
    case overspend_rule::proportional_to_contributions:
      return "proportional to contributions";
    case overspend_rule::commissioner_bears:
      return "commissioner bears";
    case overspend_rule::per_scheme_pro_rata_capped:
      return "per-scheme pro rata, capped";
    case overspend_rule::host_bears:
      return "host bears";
  }
  return "proportional to contributions";
}

/// An underspend rule in plain English.
constexpr std::string_view rule_words(underspend_rule r) noexcept {
  switch (r) {
    case underspend_rule::retain_in_pool:
      return "retain in the pool";
    case underspend_rule::return_pro_rata:
      return "return pro rata to contributions";
    case underspend_rule::retained_by_lead_commissioner:
      return "retained by the lead commissioner";
  }
  return "return pro rata to contributions";
}

/// A share as a percentage when it is a whole or two-place one ("60%", "12.5%"), else "num/den".
inline std::string share_words(ratio r) {
  const joinedup::detail::int128 hundredths = joinedup::detail::int128{r.num()} * 10000;
  if (hundredths % r.den() != 0 || !joinedup::detail::fits_int64(hundredths / r.den())) {
    return r.to_string();
  }
  const auto h = static_cast<long long>(hundredths / r.den());
  const long long whole = h / 100;
  const long long frac = (h < 0 ? -h : h) % 100;
  std::string out = std::to_string(whole);
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out + "%";
}

/// `part` as a percentage of `whole` to two places, rounded half up ("66.67%"); "" when whole
/// is not positive or part is negative.
inline std::string percent_of(money part, money whole) {
  if (!whole.is_positive() || part.is_negative()) return {};
  return percent_text(ratio::of(part.pence(), whole.pence()), 2, rounding::half_up);
}

/// Who takes an amount under a rule: partner indices with whole-number weights, the words for
/// the step, or the problem that means nobody can.
struct bearers {
  std::vector<std::size_t> who;                   ///< partner indices
  std::vector<joinedup::detail::int128> weights;  ///< their weights (same length)
  std::string words;                              ///< e.g. "the council commissions it"
  std::string problem;                            ///< non-empty when no partner can take it
};

/// The settlement engine: one run over one fund. Use budget::settle().
class engine {
 public:
  /// Binds the fund and where diagnostics go.
  engine(const pooled_fund& fund, diagnostics& diags) : f_(fund), d_(diags) {}

  /// Settles the fund on `outs`.
  settlement run(const outturns& outs) {
    setup_partners();
    read_outturns(outs);
    opening_steps();
    settle_fixed();
    settle_variable();
    closing_steps();
    return std::move(s_);
  }

 private:
  // ---- partners, contributions, caps -------------------------------------------------------

  /// Index of the first partner with this id.
  [[nodiscard]] std::optional<std::size_t> index_of(std::string_view id) const {
    for (std::size_t i = 0; i < f_.partners.size(); ++i) {
      if (f_.partners[i].id == id) return i;
    }
    return std::nullopt;
  }

  /// The partner's name for a step (its id when it has no name).
  [[nodiscard]] const std::string& label(std::size_t p) const {
    const partner& pt = f_.partners[p];
    return pt.name.empty() ? pt.id : pt.name;
  }

  void setup_partners() {
    const std::size_t n = f_.partners.size();
    contrib_.assign(n, money{});
    cap_.assign(n, money{});
    parts_.assign(n, money{});
    for (std::size_t i = 0; i < f_.contributions.size(); ++i) {
      const contribution& c = f_.contributions[i];
      const std::optional<std::size_t> p = index_of(c.partner);
      if (!p) {
        d_.error("budget.settle.unknown_partner",
                 json_pointer{}.key("contributions").index(i).str(),
                 "contribution of " + gbp(c.amount) + " from '" + c.partner +
                     "', which is not a partner of the fund, is left out of the settlement");
        continue;
      }
      contrib_[*p] += c.amount;
    }
    std::vector<bool> has_cap(n, false);
    for (std::size_t i = 0; i < n; ++i)
      cap_[i] = contrib_[i];
    const std::vector<overspend_cap>& caps = f_.risk_share.caps;
    for (std::size_t i = 0; i < caps.size(); ++i) {
      const std::optional<std::size_t> p = index_of(caps[i].partner);
      if (!p) {
        d_.error("budget.settle.unknown_partner",
                 json_pointer{}.key("risk_share").key("caps").index(i).str(),
                 "cap of " + gbp(caps[i].cap) + " for '" + caps[i].partner +
                     "', which is not a partner of the fund, is ignored");
        continue;
      }
      if (has_cap[*p]) continue;  // the first cap for a partner applies
      has_cap[*p] = true;
      cap_[*p] = caps[i].cap;
    }
    headroom_.assign(n, money{});
    for (std::size_t i = 0; i < n; ++i)
      headroom_[i] = cap_[i].is_negative() ? money{} : cap_[i];
    s_.partners.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      s_.partners.push_back({f_.partners[i].id, contrib_[i], money{}, money{}});
    }
    s_.risk_pool = f_.risk_share.risk_pool;
  }

  // ---- outturns ----------------------------------------------------------------------------

  void read_outturns(const outturns& outs) {
    std::map<std::string, std::size_t, std::less<>> seen;
    for (std::size_t i = 0; i < outs.size(); ++i) {
      const line_outturn& o = outs[i];
      if (f_.find_line(o.line) == nullptr) {
        d_.error("budget.settle.unknown_line", "",
                 "outturn " + std::to_string(i + 1) + " (" + gbp(o.outturn) + ") is for line '" +
                     o.line + "', which is not in the fund; it is left out of the settlement");
        notes_.push_back("Outturn " + std::to_string(i + 1) + " of " + gbp(o.outturn) +
                         " names line '" + o.line +
                         "', which is not in the fund; it is left out of the settlement.");
        continue;
      }
      auto [it, inserted] = seen.emplace(o.line, i);
      if (!inserted) {
        d_.error("budget.settle.duplicate_line", "",
                 "outturn " + std::to_string(i + 1) + " is a second outturn for line '" + o.line +
                     "' (the first is outturn " + std::to_string(it->second + 1) +
                     "); only the first is used");
        notes_.push_back("Outturn " + std::to_string(i + 1) + " of " + gbp(o.outturn) +
                         " is a second outturn for line '" + o.line + "'; only the first (" +
                         gbp(outs[it->second].outturn) + ") is used.");
      }
    }
    s_.lines.reserve(f_.lines.size());
    for (std::size_t i = 0; i < f_.lines.size(); ++i) {
      const expenditure_line& l = f_.lines[i];
      line_settlement ls;
      ls.line = l.id;
      ls.scheme = l.scheme;
      ls.description = l.description;
      ls.risk = l.risk;
      ls.planned = l.planned;
      const auto it = seen.find(l.id);
      if (it == seen.end()) {
        ls.outturn = l.planned;
        ls.outturn_missing = true;
        d_.warning("budget.settle.missing_line", json_pointer{}.key("lines").index(i).str(),
                   "line '" + l.id + "' has no outturn; it is treated as on plan (" +
                       gbp(l.planned) + ")");
        notes_.push_back("Line " + name(l) + " has no outturn; it is treated as on plan (" +
                         gbp(l.planned) + ").");
      } else {
        ls.outturn = outs[it->second].outturn;
      }
      ls.variance = ls.outturn - ls.planned;
      ls.residual = ls.variance;
      s_.planned += ls.planned;
      s_.outturn += ls.outturn;
      s_.variance += ls.variance;
      s_.lines.push_back(std::move(ls));
    }
  }

  // ---- words -------------------------------------------------------------------------------

  /// "L3 (Reablement)".
  static std::string name(const expenditure_line& l) {
    return l.description.empty() ? l.id : l.id + " (" + l.description + ")";
  }

  /// "an overspend of £1.00" / "an underspend of £1.00" / "on plan".
  static std::string direction(money v) {
    if (v.is_positive()) return "an overspend of " + gbp(v);
    if (v.is_negative()) return "an underspend of " + gbp(-v);
    return "on plan";
  }

  /// "ICB £1.00, Council £2.00" for the partners in `who`.
  std::string list(const std::vector<std::size_t>& who, const std::vector<money>& amounts) const {
    std::string out;
    for (std::size_t k = 0; k < who.size(); ++k) {
      if (k > 0) out += ", ";
      out += label(who[k]) + " " + gbp(amounts[k]);
    }
    return out;
  }

  void opening_steps() {
    s_.steps.push_back("Settlement of " + (f_.name.empty() ? std::string("the fund") : f_.name) +
                       " for " + f_.year.to_string() + ": planned spend " + gbp(s_.planned) +
                       ", outturn " + gbp(s_.outturn) + ", variance " + gbp(s_.variance) + " (" +
                       direction(s_.variance) + "). A positive share of variance means a partner " +
                       "pays more; a negative one, less.");
    money total;
    for (const money c : contrib_)
      total += c;
    std::string contributions = "Contributions: ";
    for (std::size_t i = 0; i < contrib_.size(); ++i) {
      if (i > 0) contributions += ", ";
      contributions += label(i) + " " + gbp(contrib_[i]);
      const std::string pct = percent_of(contrib_[i], total);
      if (!pct.empty()) contributions += " (" + pct + ")";
    }
    if (contrib_.empty()) contributions += "none (the fund has no partners)";
    contributions += "; total " + gbp(total) + ".";
    s_.steps.push_back(contributions);
    const risk_share_agreement& rs = f_.risk_share;
    std::string agreement = "Risk share: by default, overspends " +
                            std::string(rule_words(rs.default_rule.overspend)) + ", underspends " +
                            std::string(rule_words(rs.default_rule.underspend));
    if (!rs.overrides.empty()) {
      agreement += "; " + std::to_string(rs.overrides.size()) + " scheme or line override" +
                   (rs.overrides.size() == 1 ? "" : "s") + " (a line override beats a scheme one)";
    }
    agreement += rs.offset_underspends
                     ? "; overspends are met first from underspends elsewhere in the pool"
                     : "; underspends do not offset overspends";
    agreement += rs.risk_pool.is_positive() ? "; risk pool " + gbp(rs.risk_pool) : "; no risk pool";
    std::string caps;
    for (std::size_t p = 0; p < f_.partners.size(); ++p) {
      if (!(cap_[p] == contrib_[p])) {
        caps += (caps.empty() ? "" : ", ") + label(p) + " " + gbp(cap_[p]);
      }
    }
    if (!caps.empty()) {
      agreement +=
          "; caps under the per-scheme rule: " + caps + " (any other partner: its contribution)";
    }
    agreement += "; fixed lines are borne by the host";
    const std::optional<std::size_t> host = index_of(f_.host);
    agreement += host ? " (" + label(*host) + ")." : " ('" + f_.host + "', not a partner).";
    s_.steps.push_back(agreement);
    for (std::string& n : notes_)
      s_.steps.push_back(std::move(n));
    notes_.clear();
  }

  // ---- giving amounts ----------------------------------------------------------------------

  /// Records an amount no partner takes: a pool movement, the line's not_allocated, and (for
  /// kind not_allocated) an error diagnostic.
  void to_pool(line_settlement& ls, std::size_t line_index, money amount, pool_movement_kind kind,
               const std::string& reason) {
    if (amount.is_zero()) return;
    ls.not_allocated += amount;
    s_.pool_movements.push_back({amount, reason, kind, ls.line});
    const std::string at = json_pointer{}.key("lines").index(line_index).str();
    if (kind == pool_movement_kind::exceeds_caps) {
      d_.warning("budget.settle.exceeds_caps", at, reason);
    } else {
      d_.error("budget.settle.unallocated", at, reason);
    }
  }

  /// Shares `amount` among `b` (allocate over its weights) into parts_, and says how.
  std::string give(line_settlement& ls, std::size_t line_index, money amount, const bearers& b,
                   const std::string& what) {
    if (!b.problem.empty()) {
      const std::string reason = what + " on line " + ls.line + " not allocated: " + b.problem +
                                 "; it needs the partners' agreement";
      to_pool(ls, line_index, amount, pool_movement_kind::not_allocated, reason);
      return b.problem + ", so " + gbp(amount) + " is held in the pool as not allocated";
    }
    if (!fits(amount, b.weights)) {
      const std::string reason = what + " on line " + ls.line +
                                 " not allocated: its weights are too large to share it exactly";
      to_pool(ls, line_index, amount, pool_movement_kind::not_allocated, reason);
      return "the weights are too large to share " + gbp(amount) +
             " exactly, so it is held in the pool as not allocated";
    }
    const result<std::vector<money>> parts = joinedup::detail::apportion(amount, b.weights);
    if (!parts) {
      const std::string reason =
          what + " on line " + ls.line + " not allocated: " + parts.error().message;
      to_pool(ls, line_index, amount, pool_movement_kind::not_allocated, reason);
      return parts.error().message + ", so " + gbp(amount) +
             " is held in the pool as not allocated";
    }
    for (std::size_t k = 0; k < b.who.size(); ++k)
      parts_[b.who[k]] += (*parts)[k];
    return b.words + ": " + bears(b.who, *parts);
  }

  /// True when sharing `amount` over `weights` stays well inside 128-bit arithmetic (weights
  /// from joint shares with many decimal places could otherwise overflow).
  static bool fits(money amount, const std::vector<joinedup::detail::int128>& weights) {
    constexpr joinedup::detail::int128 limit = joinedup::detail::int128{1} << 120;
    const joinedup::detail::int128 magnitude =
        amount.is_negative() ? -joinedup::detail::int128{amount.pence()} : amount.pence();
    joinedup::detail::int128 sum = 0;
    for (const joinedup::detail::int128 w : weights) {
      if (w > limit || (w > 0 && magnitude > limit / w)) return false;
      sum += w > 0 ? w : 0;
      if (sum > limit) return false;
    }
    return true;
  }

  /// "Council bears £1.00" / "ICB bears £2.00 and Council bears £1.00".
  std::string bears(const std::vector<std::size_t>& who, const std::vector<money>& amounts) const {
    std::string out;
    for (std::size_t k = 0; k < who.size(); ++k) {
      if (k > 0) out += k + 1 == who.size() ? " and " : ", ";
      out += label(who[k]) + (amounts[k].is_negative() ? " gets back " : " bears ") +
             gbp(amounts[k].is_negative() ? -amounts[k] : amounts[k]);
    }
    return out;
  }

  /// Moves parts_ into the line's shares and the partners' totals.
  void flush(line_settlement& ls) {
    for (std::size_t p = 0; p < parts_.size(); ++p) {
      if (parts_[p].is_zero()) continue;
      ls.shares.push_back({f_.partners[p].id, parts_[p]});
      s_.partners[p].share_of_variance += parts_[p];
      parts_[p] = money{};
    }
  }

  // ---- who bears -----------------------------------------------------------------------------

  /// Every partner, weighted by its total contribution.
  [[nodiscard]] bearers by_contributions() const {
    bearers b;
    bool any = false;
    std::string basis;
    for (std::size_t p = 0; p < contrib_.size(); ++p) {
      if (contrib_[p].is_negative()) {
        b.problem = label(p) + "'s contribution is negative (" + gbp(contrib_[p]) + ")";
        return b;
      }
      any = any || contrib_[p].is_positive();
      b.who.push_back(p);
      b.weights.push_back(contrib_[p].pence());
      basis += (p > 0 ? ", " : "") + label(p) + " " + gbp(contrib_[p]);
    }
    if (!any) b.problem = "no partner has contributed to the fund";
    b.words = "by contributions (" + basis + ")";
    return b;
  }

  /// The host partner.
  [[nodiscard]] bearers host() const {
    bearers b;
    const std::optional<std::size_t> h = index_of(f_.host);
    if (!h) {
      b.problem = "the host '" + f_.host + "' is not a partner of the fund";
      return b;
    }
    b.who.push_back(*h);
    b.weights.push_back(1);
    b.words = "the host is " + label(*h);
    return b;
  }

  /// The council partner, or the problem.
  [[nodiscard]] std::pair<std::optional<std::size_t>, std::string> council() const {
    std::optional<std::size_t> found;
    std::size_t count = 0;
    for (std::size_t p = 0; p < f_.partners.size(); ++p) {
      if (f_.partners[p].kind == partner_kind::council) {
        if (!found) found = p;
        ++count;
      }
    }
    if (count == 1) return {found, {}};
    if (count == 0) return {std::nullopt, "the fund has no council partner"};
    return {std::nullopt, "the fund has " + std::to_string(count) +
                              " council partners and the rule needs exactly one"};
  }

  /// The NHS partner commissioning `l`: its nhs_partner, else the only ICB (else the only other
  /// NHS partner when there is no ICB), or the problem.
  [[nodiscard]] std::pair<std::optional<std::size_t>, std::string> nhs(
      const expenditure_line& l) const {
    if (!l.nhs_partner.empty()) {
      const std::optional<std::size_t> p = index_of(l.nhs_partner);
      if (!p || f_.partners[*p].kind == partner_kind::council) {
        return {std::nullopt, "its nhs_partner '" + l.nhs_partner + "' is not an NHS partner"};
      }
      return {p, {}};
    }
    for (const partner_kind kind : {partner_kind::icb, partner_kind::other_nhs}) {
      std::optional<std::size_t> found;
      std::size_t count = 0;
      for (std::size_t p = 0; p < f_.partners.size(); ++p) {
        if (f_.partners[p].kind == kind) {
          if (!found) found = p;
          ++count;
        }
      }
      if (count == 1) return {found, {}};
      if (count > 1) {
        return {std::nullopt, "the fund has " + std::to_string(count) +
                                  " ICBs and the line does not say which commissions it "
                                  "(nhs_partner)"};
      }
    }
    return {std::nullopt, "the fund has no NHS partner"};
  }

  /// The line's commissioner: the council, the NHS partner, or both split by the joint shares.
  [[nodiscard]] bearers commissioner(const expenditure_line& l, std::size_t line_index) {
    bearers b;
    if (l.commissioner == commissioner_kind::local_authority) {
      auto [c, problem] = council();
      if (!c) {
        b.problem = "the council commissions it but " + problem;
        return b;
      }
      b.who.push_back(*c);
      b.weights.push_back(1);
      b.words = "the council commissions it";
      return b;
    }
    if (l.commissioner == commissioner_kind::nhs) {
      auto [n, problem] = nhs(l);
      if (!n) {
        b.problem = "the NHS commissions it but " + problem;
        return b;
      }
      b.who.push_back(*n);
      b.weights.push_back(1);
      b.words = "the NHS commissions it (" + label(*n) + ")";
      return b;
    }
    // Joint.
    auto [n, nhs_problem] = nhs(l);
    auto [c, council_problem] = council();
    if (!n || !c) {
      b.problem = "it is jointly commissioned but " + (!n ? nhs_problem : council_problem);
      return b;
    }
    const std::string at = json_pointer{}.key("lines").index(line_index).str();
    ratio nhs_share;
    ratio la_share;
    if (!l.joint_nhs_share && !l.joint_la_share) {
      nhs_share = ratio::percent(50);
      la_share = ratio::percent(50);
      d_.warning("budget.settle.joint_shares", at,
                 "joint line '" + l.id + "' has no joint shares; it is split 50% / 50%");
    } else {
      // A missing share is 100% less the other; the other must be 0% to 100% for that.
      const auto complement = [](ratio r) {
        return r.is_negative() || ratio::whole(1) < r ? ratio::whole(-1) : ratio::whole(1) - r;
      };
      nhs_share = l.joint_nhs_share ? *l.joint_nhs_share : complement(*l.joint_la_share);
      la_share = l.joint_la_share ? *l.joint_la_share : complement(*l.joint_nhs_share);
    }
    if (nhs_share.is_negative() || la_share.is_negative() ||
        (nhs_share.is_zero() && la_share.is_zero())) {
      b.problem = "its joint shares (NHS " + share_words(nhs_share) + ", council " +
                  share_words(la_share) + ") cannot be used as weights";
      return b;
    }
    // Weights on the common denominator nhs.den × la.den; both are below 2^126 (the shares are
    // not negative), so their sum fits and the check against 100% is exact.
    joinedup::detail::int128 w_nhs = joinedup::detail::int128{nhs_share.num()} * la_share.den();
    joinedup::detail::int128 w_la = joinedup::detail::int128{la_share.num()} * nhs_share.den();
    if (w_nhs + w_la != joinedup::detail::int128{nhs_share.den()} * la_share.den()) {
      d_.warning("budget.settle.joint_shares", at,
                 "joint line '" + l.id + "' has shares NHS " + share_words(nhs_share) +
                     " and council " + share_words(la_share) +
                     " that do not sum to 100%; they are used as weights");
    }
    b.who = {*n, *c};
    joinedup::detail::int128 x = w_nhs;  // reduce by the greatest common divisor
    joinedup::detail::int128 y = w_la;
    while (y != 0) {
      const joinedup::detail::int128 t = x % y;
      x = y;
      y = t;
    }
    if (x > 1) {
      w_nhs /= x;
      w_la /= x;
    }
    b.weights = {w_nhs, w_la};
    b.words = "it is jointly commissioned, NHS (" + label(*n) + ") " + share_words(nhs_share) +
              " and council " + share_words(la_share);
    return b;
  }

  // ---- rules -------------------------------------------------------------------------------

  /// The rule for a line: a line override, else a scheme override, else the default.
  [[nodiscard]] const risk_share_rule& rule_for(const expenditure_line& l) const {
    const risk_share_agreement& rs = f_.risk_share;
    for (const risk_share_override& o : rs.overrides) {
      if (std::find(o.lines.begin(), o.lines.end(), l.id) != o.lines.end()) return o.rule;
    }
    for (const risk_share_override& o : rs.overrides) {
      if (std::find(o.schemes.begin(), o.schemes.end(), l.scheme) != o.schemes.end()) {
        return o.rule;
      }
    }
    return rs.default_rule;
  }

  /// Each partner's funding of scheme `id`: for every line of the scheme with positive planned
  /// spend, that spend attributed by allocate to the partners contributing to its funding
  /// source, pro rata to their (positive) contributions to that source.
  const std::vector<money>& scheme_funding(const std::string& id) {
    auto it = scheme_funding_.find(id);
    if (it != scheme_funding_.end()) return it->second;
    const std::size_t n = f_.partners.size();
    std::vector<money> w(n);
    for (const expenditure_line& m : f_.lines) {
      if (m.scheme != id || !m.planned.is_positive()) continue;
      std::vector<money> by_source(n);
      bool any = false;
      for (const contribution& c : f_.contributions) {
        if (c.source != m.source || !c.amount.is_positive()) continue;
        const std::optional<std::size_t> p = index_of(c.partner);
        if (!p) continue;
        by_source[*p] += c.amount;
        any = true;
      }
      if (!any) continue;
      const result<std::vector<money>> parts = allocate(m.planned, by_source);
      if (!parts) continue;
      for (std::size_t p = 0; p < n; ++p)
        w[p] += (*parts)[p];
    }
    return scheme_funding_.emplace(id, std::move(w)).first->second;
  }

  /// Shares a remaining overspend by the per-scheme pro rata rule with caps.
  std::string capped(line_settlement& ls, const expenditure_line& l, std::size_t line_index,
                     money amount) {
    const std::size_t n = f_.partners.size();
    std::vector<money> weights = scheme_funding(l.scheme);
    std::vector<std::size_t> funders;
    std::vector<money> funding;
    for (std::size_t p = 0; p < n; ++p) {
      if (weights[p].is_positive()) {
        funders.push_back(p);
        funding.push_back(weights[p]);
      }
    }
    std::string out;
    const std::string scheme_name = l.scheme.empty() ? std::string("(none)") : l.scheme;
    if (funders.empty()) {
      d_.warning(
          "budget.settle.scheme_unfunded", json_pointer{}.key("lines").index(line_index).str(),
          "no partner's contributions fund the lines of scheme '" + l.scheme + "', so line '" +
              l.id + "' is shared pro rata to total contributions, within the caps");
      for (std::size_t p = 0; p < n; ++p) {
        weights[p] = contrib_[p].is_positive() ? contrib_[p] : money{};
        if (weights[p].is_positive()) {
          funders.push_back(p);
          funding.push_back(weights[p]);
        }
      }
      out = "no partner's contributions fund scheme " + scheme_name +
            ", so by total contributions instead (" + list(funders, funding) + ")";
      if (funders.empty()) {
        const std::string reason = "overspend on line " + ls.line +
                                   " not allocated: no partner funds scheme " + scheme_name +
                                   " or has contributed; it needs the partners' agreement";
        to_pool(ls, line_index, amount, pool_movement_kind::not_allocated, reason);
        return out + "; nobody has, so " + gbp(amount) + " is held in the pool as not allocated";
      }
    } else {
      out = "scheme " + scheme_name + " is funded " + list(funders, funding);
    }
    std::vector<money> taken(n);
    money excess = amount;
    bool first = true;
    while (excess.is_positive()) {
      std::vector<money> w(n);
      bool any = false;
      for (std::size_t p = 0; p < n; ++p) {
        if (weights[p].is_positive() && (first || headroom_[p].is_positive())) {
          w[p] = weights[p];
          any = true;
        }
      }
      if (!any) {
        const std::string reason = "overspend of " + gbp(excess) + " on line " + ls.line +
                                   " exceeds caps; needs both finance directors' agreement";
        to_pool(ls, line_index, excess, pool_movement_kind::exceeds_caps, reason);
        out += "; no partner that funds the scheme has headroom under its cap, so " + gbp(excess) +
               " is held in the pool: it exceeds caps and needs both finance " +
               "directors' agreement";
        break;
      }
      const money round_total = excess;
      const result<std::vector<money>> parts = allocate(round_total, w);
      excess = money{};
      std::vector<std::size_t> got_who;
      std::vector<money> got;
      std::string capped_words;
      for (std::size_t p = 0; p < n; ++p) {
        const money part = (*parts)[p];
        if (part.is_zero()) continue;
        got_who.push_back(p);
        got.push_back(part);
        const money take = std::min(part, headroom_[p]);
        taken[p] += take;
        headroom_[p] -= take;
        if (part > take) {
          excess += part - take;
          capped_words += "; " + label(p) + " is capped at " + gbp(cap_[p]) +
                          " and can take only " + gbp(take) + " more, so " + gbp(part - take) +
                          " passes on";
        }
      }
      out += (first ? "; pro rata: "
                    : "; the " + gbp(round_total) +
                          " passed on goes to the partners with headroom: ") +
             list(got_who, got) + capped_words;
      first = false;
    }
    std::vector<std::size_t> who;
    std::vector<money> amounts;
    for (std::size_t p = 0; p < n; ++p) {
      if (taken[p].is_zero()) continue;
      parts_[p] += taken[p];
      who.push_back(p);
      amounts.push_back(taken[p]);
    }
    if (!who.empty()) out += "; so " + bears(who, amounts);
    return out;
  }

  // ---- the stages ----------------------------------------------------------------------------

  void settle_fixed() {
    for (std::size_t i = 0; i < f_.lines.size(); ++i) {
      const expenditure_line& l = f_.lines[i];
      line_settlement& ls = s_.lines[i];
      if (l.risk != risk_class::fixed) continue;
      ls.rule = "fixed_host_bears";
      if (ls.variance.is_zero()) continue;
      const std::string what = ls.variance.is_positive() ? "overspend" : "underspend";
      const std::string how = give(ls, i, ls.variance, host(), what);
      flush(ls);
      s_.steps.push_back("Line " + name(l) + " is a fixed line with " + direction(ls.variance) +
                         " (planned " + gbp(ls.planned) + ", outturn " + gbp(ls.outturn) +
                         "); the host bears a fixed line's variance and the other partners' " +
                         "contributions do not change; " + how + ".");
    }
  }

  /// "L1 £1.00, L3 £2.00" over the lines in `idx`.
  std::string line_list(const std::vector<std::size_t>& idx, const std::vector<money>& amounts) {
    std::string out;
    for (std::size_t k = 0; k < idx.size(); ++k) {
      if (k > 0) out += ", ";
      out += s_.lines[idx[k]].line + " " + gbp(amounts[k]);
    }
    return out;
  }

  void settle_variable() {
    std::vector<std::size_t> over;
    std::vector<std::size_t> under;
    std::vector<money> over_amounts;
    std::vector<money> under_amounts;
    money total_over;
    money total_under;  // magnitude
    for (std::size_t i = 0; i < f_.lines.size(); ++i) {
      line_settlement& ls = s_.lines[i];
      if (f_.lines[i].risk != risk_class::variable) continue;
      if (ls.variance.is_positive()) {
        over.push_back(i);
        over_amounts.push_back(ls.variance);
        total_over += ls.variance;
      } else if (ls.variance.is_negative()) {
        under.push_back(i);
        under_amounts.push_back(-ls.variance);
        total_under += -ls.variance;
      } else {
        ls.rule = "on_plan";
      }
    }
    if (over.empty() && under.empty()) {
      s_.steps.push_back("Every variable line is on plan.");
      return;
    }
    s_.steps.push_back("Variable lines: overspends " + gbp(total_over) + " on " +
                       std::to_string(over.size()) + " line" + (over.size() == 1 ? "" : "s") +
                       (over.empty() ? "" : " (" + line_list(over, over_amounts) + ")") +
                       "; underspends " + gbp(total_under) + " on " + std::to_string(under.size()) +
                       " line" + (under.size() == 1 ? "" : "s") +
                       (under.empty() ? "" : " (" + line_list(under, under_amounts) + ")") + ".");

    // Stage a: underspends elsewhere in the pool.
    std::vector<money> uncovered = over_amounts;
    if (f_.risk_share.offset_underspends) {
      const money offset = std::min(total_over, total_under);
      if (offset.is_zero()) {
        s_.steps.push_back(std::string("Overspend hierarchy, stage 1 (underspends elsewhere in "
                                       "the pool): nothing to offset, as there are ") +
                           (over.empty() ? "no overspends." : "no underspends."));
      } else {
        const std::vector<money> met = allocate(offset, over_amounts).value();
        const std::vector<money> used = allocate(offset, under_amounts).value();
        for (std::size_t k = 0; k < over.size(); ++k) {
          s_.lines[over[k]].met_from_underspends = met[k];
          uncovered[k] -= met[k];
        }
        for (std::size_t k = 0; k < under.size(); ++k) {
          s_.lines[under[k]].met_from_underspends = -used[k];
        }
        s_.pool_movements.push_back(
            {offset, "overspends on variable lines met from underspends elsewhere in the pool",
             pool_movement_kind::met_from_underspends, ""});
        s_.pool_movements.push_back(
            {-offset, "underspends on variable lines used to meet overspends elsewhere in the pool",
             pool_movement_kind::underspends_used, ""});
        s_.steps.push_back(
            "Overspend hierarchy, stage 1 (underspends elsewhere in the pool): " + gbp(offset) +
            ", the smaller of the overspends and the underspends, is met from underspends; it "
            "is shared over the overspending lines by their overspends (" +
            line_list(over, met) + ") and taken from the underspending lines by their " +
            "underspends (" + line_list(under, used) + ").");
      }
    }

    // Stage b: the risk pool.
    money still;
    for (const money m : uncovered)
      still += m;
    const money pool = f_.risk_share.risk_pool.is_positive() ? f_.risk_share.risk_pool : money{};
    if (pool.is_positive() && still.is_positive()) {
      const money draw = std::min(pool, still);
      const std::vector<money> drawn = allocate(draw, uncovered).value();
      for (std::size_t k = 0; k < over.size(); ++k) {
        s_.lines[over[k]].met_from_risk_pool = drawn[k];
        uncovered[k] -= drawn[k];
      }
      s_.risk_pool_used = draw;
      s_.pool_movements.push_back(
          {draw,
           "overspends on variable lines met from the risk pool of " + gbp(pool) +
               (pool == draw ? " (all of it)" : " (" + gbp(pool - draw) + " left unused)"),
           pool_movement_kind::risk_pool, ""});
      s_.steps.push_back("Overspend hierarchy, stage 2 (the risk pool of " + gbp(pool) +
                         "): it meets " + gbp(draw) + " of the " + gbp(still) +
                         " still uncovered, shared over the overspending lines by what each "
                         "still has uncovered (" +
                         line_list(over, drawn) + "); " +
                         (pool == draw ? std::string("none of the risk pool is left")
                                       : gbp(pool - draw) + " of the risk pool is left unused") +
                         ".");
    } else if (pool.is_positive()) {
      s_.steps.push_back("Overspend hierarchy, stage 2 (the risk pool of " + gbp(pool) +
                         "): no overspend is left for it to meet; it is left unused.");
    }

    // Stage c: each overspending line's remaining overspend by its rule.
    for (std::size_t k = 0; k < over.size(); ++k) {
      const std::size_t i = over[k];
      const expenditure_line& l = f_.lines[i];
      line_settlement& ls = s_.lines[i];
      ls.residual = uncovered[k];
      const risk_share_rule& rule = rule_for(l);
      ls.rule = std::string(rule_key(rule.overspend));
      std::string text = "Line " + name(l) + " overspent by " + gbp(ls.variance);
      std::string met;
      if (ls.met_from_underspends.is_positive()) {
        met += gbp(ls.met_from_underspends) + " met from underspends elsewhere";
      }
      if (ls.met_from_risk_pool.is_positive()) {
        met += (met.empty() ? "" : ", ") + gbp(ls.met_from_risk_pool) + " from the risk pool";
      }
      if (!met.empty()) text += " (" + met + "), leaving " + gbp(ls.residual);
      text += "; rule: " + std::string(rule_words(rule.overspend)) + "; ";
      if (ls.residual.is_zero()) {
        text += "nothing is left for the partners to bear";
      } else {
        switch (rule.overspend) {
          case overspend_rule::proportional_to_contributions:
            text += give(ls, i, ls.residual, by_contributions(), "overspend");
            break;
          case overspend_rule::commissioner_bears:
            text += give(ls, i, ls.residual, commissioner(l, i), "overspend");
            break;
          case overspend_rule::host_bears:
            text += give(ls, i, ls.residual, host(), "overspend");
            break;
          case overspend_rule::per_scheme_pro_rata_capped:
            text += capped(ls, l, i, ls.residual);
            break;
        }
      }
      flush(ls);
      s_.steps.push_back(text + ".");
    }

    // Stage d: each underspending line's remaining underspend by its rule.
    for (const std::size_t i : under) {
      const expenditure_line& l = f_.lines[i];
      line_settlement& ls = s_.lines[i];
      ls.residual = ls.variance - ls.met_from_underspends;
      const risk_share_rule& rule = rule_for(l);
      ls.rule = std::string(rule_key(rule.underspend));
      std::string text = "Line " + name(l) + " underspent by " + gbp(-ls.variance);
      if (ls.met_from_underspends.is_negative()) {
        text += " (" + gbp(-ls.met_from_underspends) +
                " used to meet overspends elsewhere), leaving " + gbp(-ls.residual);
      }
      text += "; rule: " + std::string(rule_words(rule.underspend)) + "; ";
      if (ls.residual.is_zero()) {
        text += "nothing is left to return";
      } else {
        switch (rule.underspend) {
          case underspend_rule::retain_in_pool:
            ls.retained_in_pool = ls.residual;
            s_.pool_movements.push_back({ls.residual,
                                         "underspend on line " + name(l) + " retained in the pool",
                                         pool_movement_kind::retained_in_pool, ls.line});
            text += gbp(-ls.residual) + " stays in the pool (carried forward / contingency)";
            break;
          case underspend_rule::return_pro_rata:
            text += give(ls, i, ls.residual, by_contributions(), "underspend");
            break;
          case underspend_rule::retained_by_lead_commissioner:
            text += give(ls, i, ls.residual, commissioner(l, i), "underspend");
            break;
        }
      }
      flush(ls);
      s_.steps.push_back(text + ".");
    }
  }

  void closing_steps() {
    for (partner_settlement& p : s_.partners)
      p.final_contribution = p.contribution + p.share_of_variance;
    for (std::size_t p = 0; p < s_.partners.size(); ++p) {
      const partner_settlement& r = s_.partners[p];
      s_.steps.push_back(label(p) + ": contribution " + gbp(r.contribution) +
                         ", share of variance " + gbp(r.share_of_variance) +
                         ", final contribution " + gbp(r.final_contribution) + ".");
    }
    const money shares = s_.total_share_of_variance();
    const money pool = s_.total_pool_movements();
    std::string check = "Check: variance " + gbp(s_.variance) + " = partners' shares " +
                        gbp(shares) + " + pool movements " + gbp(pool);
    if (!s_.pool_movements.empty()) {
      check += " (";
      for (std::size_t k = 0; k < s_.pool_movements.size(); ++k) {
        if (k > 0) check += ", ";
        check += std::string(to_string(s_.pool_movements[k].kind)) + " " +
                 gbp(s_.pool_movements[k].amount);
      }
      check += ")";
    }
    s_.steps.push_back(check + ".");
  }

  const pooled_fund& f_;
  diagnostics& d_;
  settlement s_;
  std::vector<money> contrib_;   // each partner's total contribution
  std::vector<money> cap_;       // each partner's cap (per_scheme_pro_rata_capped)
  std::vector<money> headroom_;  // what is left of each cap
  std::vector<money> parts_;     // the current line's parts by partner
  std::vector<std::string> notes_;
  std::map<std::string, std::vector<money>, std::less<>> scheme_funding_;
};

}  // namespace settle_detail

/// Settles `fund` on `outturns` (actual at year end, forecast mid-year: the same rules apply)
/// under its risk-share agreement, in the order of operations at the top of this header and in
/// docs/budget-settlement.md. Problems go to `diags` (codes budget.settle.*): unknown_line and
/// duplicate_line (the outturn is left out), missing_line (on plan), unknown_partner,
/// joint_shares, scheme_unfunded, exceeds_caps, unallocated. Never throws for bad data and
/// always balances: variance == Σ shares + Σ pool movements. Throws overflow_error only when
/// money arithmetic leaves ±£92 million million (try_settle reports it instead).
[[nodiscard]] inline settlement settle(const pooled_fund& fund, const outturns& outs,
                                       diagnostics& diags) {
  return settle_detail::engine(fund, diags).run(outs);
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
JOINEDUP_END_NAMESPACE
