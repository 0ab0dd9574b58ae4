// joinedup: the settlement engine behind budget::settle() (joinedup/budget/settle.hpp): one run
// over one fund, following the order of operations at the top of settle.hpp. It records each
// step as a settlement_step (kind, amounts, line, partner, rule); report::settlement_steps
// (joinedup/report/settlement.hpp) turns the records into English. The engine writes English
// only for diagnostics and the pool movements' reasons.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/budget/detail/common.hpp"
#include "joinedup/budget/outturn.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget::detail {

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
    case underspend_rule::carry_forward:
      return "carry_forward";
    case underspend_rule::contingency:
      return "contingency";
  }
  return "return_pro_rata";
}

/// Why nobody could take an amount, in the words the diagnostics, the pool movement's reason and
/// the step use ("the fund has no council partner"); "" for a problem those words do not cover
/// (none, weights_too_large, cannot_apportion, no_funders). `label` is the name of
/// `how.partner` (for negative_contribution).
inline std::string problem_words(const settlement_sharing& how, std::string_view label) {
  std::string lead;
  switch (how.basis) {
    case sharing_basis::council:
      lead = "the council commissions it but ";
      break;
    case sharing_basis::nhs:
      lead = "the NHS commissions it but ";
      break;
    case sharing_basis::joint:
      lead = "it is jointly commissioned but ";
      break;
    default:
      break;
  }
  switch (how.problem) {
    case sharing_problem::negative_contribution:
      for (const partner_amount& w : how.weights) {
        if (w.amount.is_negative()) {
          return std::string(label) + "'s contribution is negative (" + gbp(w.amount) + ")";
        }
      }
      return {};
    case sharing_problem::no_contributions:
      return "no partner has contributed to the fund";
    case sharing_problem::host_not_partner:
      return "the host '" + how.partner + "' is not a partner of the fund";
    case sharing_problem::no_council:
      return lead + "the fund has no council partner";
    case sharing_problem::several_councils:
      return lead + "the fund has " + std::to_string(how.count) +
             " council partners and the rule needs exactly one";
    case sharing_problem::nhs_partner_not_nhs:
      return lead + "its nhs_partner '" + how.partner + "' is not an NHS partner";
    case sharing_problem::several_icbs:
      return lead + "the fund has " + std::to_string(how.count) +
             " ICBs and the line does not say which commissions it (nhs_partner)";
    case sharing_problem::no_nhs_partner:
      return lead + "the fund has no NHS partner";
    case sharing_problem::joint_shares_unusable:
      return "its joint shares (NHS " + pct(how.nhs_share.value_or(ratio{})) + ", council " +
             pct(how.council_share.value_or(ratio{})) + ") cannot be used as weights";
    case sharing_problem::no_funders:
      if (how.basis == sharing_basis::capital_funders) {
        return "it is capital and no partner contributes to its source '" + how.partner + "'";
      }
      return {};
    default:
      return {};
  }
}

/// Who takes an amount under a rule: partner indices with whole-number weights, and the sharing
/// record (basis, named weights, partner, or the problem that means nobody can).
struct bearers {
  std::vector<std::size_t> who;                   ///< partner indices
  std::vector<joinedup::detail::int128> weights;  ///< their weights (same length)
  settlement_sharing how;                         ///< the record the step carries
};

/// The settlement engine: one run over one fund. Use budget::settle().
class engine {
 public:
  /// Binds the fund and where diagnostics go; `withheld` are the performance-linked elements
  /// already taken out of `fund` (withhold_unmet), for the settlement to show.
  engine(const pooled_fund& fund, diagnostics& diags, std::vector<withheld_element> withheld = {})
      : f_(fund), d_(diags) {
    s_.withheld = std::move(withheld);
  }

  /// Settles the fund on `outs`.
  settlement run(const outturns& outs) {
    setup_partners();
    read_outturns(outs);
    split_capital();
    fund_the_pool();
    opening_steps();
    settle_fixed();
    settle_variable();
    settle_capital();
    settle_unspent();
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

  /// The partner's name for a message (its id when it has no name).
  [[nodiscard]] const std::string& label(std::size_t p) const {
    const partner& pt = f_.partners[p];
    return pt.name.empty() ? pt.id : pt.name;
  }

  /// The partner's id.
  [[nodiscard]] const std::string& id(std::size_t p) const { return f_.partners[p].id; }

  /// A step of `kind` about line `i` (its id and scheme).
  [[nodiscard]] settlement_step line_step(settlement_step_kind kind, std::size_t i) const {
    settlement_step st;
    st.kind = kind;
    st.line = f_.lines[i].id;
    st.scheme = f_.lines[i].scheme;
    return st;
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
    has_cap_.assign(n, false);
    std::vector<bool>& has_cap = has_cap_;
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
      partner_settlement ps;
      ps.partner = f_.partners[i].id;
      ps.contribution = contrib_[i];
      s_.partners.push_back(std::move(ps));
    }
    s_.risk_pool = f_.risk_share.risk_pool;
    for (const money c : contrib_)
      s_.income += c;
  }

  /// The risk pool is money: it is funded from the income the lines do not plan to spend. A pool
  /// larger than that is an error (budget.risk_pool.unfunded) and only the funded part is used.
  void fund_the_pool() {
    const money pool = f_.risk_share.risk_pool.is_positive() ? f_.risk_share.risk_pool : money{};
    const money spare = (s_.income - s_.capital_income) - (s_.planned - s_.capital_planned);
    s_.risk_pool_funded = std::min(pool, spare.is_positive() ? spare : money{});
    if (s_.risk_pool_funded < pool) {
      d_.error("budget.risk_pool.unfunded", json_pointer{}.key("risk_share").key("risk_pool").str(),
               "the risk pool of " + gbp(pool) + " is more than the income no line plans to " +
                   "spend (revenue contributions " + gbp(s_.income - s_.capital_income) +
                   " − revenue planned " + gbp(s_.planned - s_.capital_planned) + " = " +
                   gbp(spare) + "): " + gbp(pool - s_.risk_pool_funded) +
                   " of it has no money behind it, so only " + gbp(s_.risk_pool_funded) +
                   " can meet overspends");
    }
  }

  // ---- outturns ----------------------------------------------------------------------------

  void read_outturns(const outturns& outs) {
    std::map<std::string, std::size_t, std::less<>> seen;
    for (std::size_t i = 0; i < outs.size(); ++i) {
      const line_outturn& o = outs[i];
      settlement_step note;
      note.line = o.line;
      note.outturn_number = static_cast<std::int64_t>(i + 1);
      note.outturn = o.outturn;
      if (f_.find_line(o.line) == nullptr) {
        d_.error("budget.settle.unknown_line", "",
                 "outturn " + std::to_string(i + 1) + " (" + gbp(o.outturn) + ") is for line '" +
                     o.line + "', which is not in the fund; it is left out of the settlement");
        note.kind = settlement_step_kind::unknown_line;
        notes_.push_back(std::move(note));
        continue;
      }
      auto [it, inserted] = seen.emplace(o.line, i);
      if (!inserted) {
        d_.error("budget.settle.duplicate_line", "",
                 "outturn " + std::to_string(i + 1) + " is a second outturn for line '" + o.line +
                     "' (the first is outturn " + std::to_string(it->second + 1) +
                     "); only the first is used");
        note.kind = settlement_step_kind::duplicate_outturn;
        note.first_outturn = outs[it->second].outturn;
        notes_.push_back(std::move(note));
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
      for (const withheld_element& w : s_.withheld) {
        for (const line_amount& a : w.lines) {
          if (a.line == l.id) ls.withheld += a.amount;
        }
      }
      const auto it = seen.find(l.id);
      if (it == seen.end()) {
        ls.outturn = l.planned;
        ls.outturn_missing = true;
        d_.warning("budget.settle.missing_line", json_pointer{}.key("lines").index(i).str(),
                   "line '" + l.id + "' has no outturn; it is treated as on plan (" +
                       gbp(l.planned) + ")");
        settlement_step note = line_step(settlement_step_kind::missing_outturn, i);
        note.planned = l.planned;
        notes_.push_back(std::move(note));
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

  /// Capital apart from revenue: unless the agreement names a clause that lets them meet, the
  /// capital lines are settled on their own, funded by the contributions to their sources. A
  /// source that only capital lines spend is capital money in full; one that revenue lines spend
  /// too is capital up to what its capital lines plan, shared over its contributors pro rata.
  void split_capital() {
    s_.capital_apart = f_.risk_share.capital_revenue_offset_clause.empty();
    capcontrib_.assign(f_.partners.size(), money{});
    if (!s_.capital_apart) return;
    for (std::size_t i = 0; i < f_.lines.size(); ++i) {
      if (!f_.lines[i].capital) continue;
      line_settlement& ls = s_.lines[i];
      ls.capital = true;
      s_.capital_planned += ls.planned;
      s_.capital_outturn += ls.outturn;
    }
    const std::vector<money> parts = capital_parts(f_);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::optional<std::size_t> p = index_of(f_.contributions[i].partner);
      if (parts[i].is_zero() || !p) continue;
      capcontrib_[*p] += parts[i];
      s_.partners[*p].capital_contribution += parts[i];
      s_.capital_income += parts[i];
    }
  }

  void opening_steps() {
    settlement_step opening;
    opening.kind = settlement_step_kind::opening;
    opening.planned = s_.planned;
    opening.outturn = s_.outturn;
    opening.variance = s_.variance;
    s_.steps.push_back(std::move(opening));
    settlement_step contributions;
    contributions.kind = settlement_step_kind::contributions;
    for (std::size_t i = 0; i < contrib_.size(); ++i) {
      contributions.total += contrib_[i];
      contributions.partners.push_back({id(i), contrib_[i]});
    }
    s_.steps.push_back(std::move(contributions));
    for (const withheld_element& w : s_.withheld) {
      settlement_step st;
      st.kind = settlement_step_kind::performance_withheld;
      st.partner = w.partner;
      st.amount = w.amount;
      st.target = w.target;
      st.underspends = w.lines;
      st.unspent_total = w.unplanned;
      s_.steps.push_back(std::move(st));
    }
    const risk_share_agreement& rs = f_.risk_share;
    settlement_step agreement;
    agreement.kind = settlement_step_kind::agreement;
    agreement.default_overspend = std::string(rule_key(rs.default_rule.overspend));
    agreement.default_underspend = std::string(rule_key(rs.default_rule.underspend));
    agreement.overrides = static_cast<std::int64_t>(rs.overrides.size());
    agreement.offset_underspends = rs.offset_underspends;
    agreement.risk_pool = rs.risk_pool;
    for (std::size_t p = 0; p < f_.partners.size(); ++p) {
      if (!(cap_[p] == contrib_[p])) agreement.partners.push_back({id(p), cap_[p]});
    }
    agreement.partner = f_.host;
    agreement.host_is_partner = index_of(f_.host).has_value();
    s_.steps.push_back(std::move(agreement));
    for (settlement_step& n : notes_)
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

  /// Shares `amount` among `b` (allocate over its weights) into parts_, and records how.
  settlement_sharing give(line_settlement& ls, std::size_t line_index, money amount, bearers b,
                          const std::string& what) {
    settlement_sharing how = std::move(b.how);
    how.amount = amount;
    const std::string not_allocated = what + " on line " + ls.line + " not allocated: ";
    if (how.problem != sharing_problem::none) {
      const std::optional<std::size_t> p = index_of(how.partner);
      const std::string problem =
          problem_words(how, p ? std::string_view(label(*p)) : std::string_view(how.partner));
      to_pool(ls, line_index, amount, pool_movement_kind::not_allocated,
              not_allocated + problem + "; it needs the partners' agreement");
      return how;
    }
    if (!fits(amount, b.weights)) {
      how.problem = sharing_problem::weights_too_large;
      to_pool(ls, line_index, amount, pool_movement_kind::not_allocated,
              not_allocated + "its weights are too large to share it exactly");
      return how;
    }
    const result<std::vector<money>> parts = joinedup::detail::apportion(amount, b.weights);
    if (!parts) {
      how.problem = sharing_problem::cannot_apportion;
      how.message = parts.error().message;
      to_pool(ls, line_index, amount, pool_movement_kind::not_allocated,
              not_allocated + parts.error().message);
      return how;
    }
    for (std::size_t k = 0; k < b.who.size(); ++k) {
      parts_[b.who[k]] += (*parts)[k];
      how.shares.push_back({id(b.who[k]), (*parts)[k]});
    }
    return how;
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

  /// Moves parts_ into the line's shares and the partners' totals.
  void flush(line_settlement& ls) {
    for (std::size_t p = 0; p < parts_.size(); ++p) {
      if (parts_[p].is_zero()) continue;
      ls.shares.push_back({f_.partners[p].id, parts_[p]});
      s_.partners[p].share_of_variance += parts_[p];
      if (ls.capital) s_.partners[p].capital_share_of_variance += parts_[p];
      parts_[p] = money{};
    }
  }

  // ---- who bears -----------------------------------------------------------------------------

  /// Every partner, weighted by its contribution: its revenue contribution when capital is
  /// settled apart (capital money never bears revenue risk), else its total contribution.
  [[nodiscard]] bearers by_contributions() const {
    bearers b;
    b.how.basis = sharing_basis::contributions;
    bool any = false;
    for (std::size_t p = 0; p < contrib_.size(); ++p) {
      const money w = revenue_contribution(p);
      b.how.weights.push_back({id(p), w});
      if (w.is_negative() && b.how.problem == sharing_problem::none) {
        b.how.problem = sharing_problem::negative_contribution;
        b.how.partner = id(p);
      }
      any = any || w.is_positive();
      b.who.push_back(p);
      b.weights.push_back(w.pence());
    }
    if (b.how.problem == sharing_problem::none && !any) {
      b.how.problem = sharing_problem::no_contributions;
    }
    return b;
  }

  /// The partner's contribution less its capital contribution (all of it when capital is not
  /// settled apart).
  [[nodiscard]] money revenue_contribution(std::size_t p) const {
    return contrib_[p] - capcontrib_[p];
  }

  /// The host partner.
  [[nodiscard]] bearers host() const {
    bearers b;
    b.how.basis = sharing_basis::host;
    b.how.partner = f_.host;
    const std::optional<std::size_t> h = index_of(f_.host);
    if (!h) {
      b.how.problem = sharing_problem::host_not_partner;
      return b;
    }
    b.who.push_back(*h);
    b.weights.push_back(1);
    return b;
  }

  /// A capital line's funders: the partners contributing to its source, by those contributions.
  [[nodiscard]] bearers capital_funders(const expenditure_line& l) const {
    bearers b;
    b.how.basis = sharing_basis::capital_funders;
    std::vector<money> by_partner(f_.partners.size());
    for (const contribution& c : f_.contributions) {
      const std::optional<std::size_t> p = index_of(c.partner);
      if (c.source == l.source && p && c.amount.is_positive()) by_partner[*p] += c.amount;
    }
    for (std::size_t p = 0; p < by_partner.size(); ++p) {
      if (!by_partner[p].is_positive()) continue;
      b.who.push_back(p);
      b.weights.push_back(by_partner[p].pence());
      b.how.weights.push_back({id(p), by_partner[p]});
    }
    if (b.who.empty()) {
      b.how.problem = sharing_problem::no_funders;
      b.how.partner = l.source;
    }
    return b;
  }

  /// Every partner with capital income, weighted by it (capital unspent income).
  [[nodiscard]] bearers by_capital_contributions() const {
    bearers b;
    b.how.basis = sharing_basis::capital_funders;
    for (std::size_t p = 0; p < capcontrib_.size(); ++p) {
      if (!capcontrib_[p].is_positive()) continue;
      b.who.push_back(p);
      b.weights.push_back(capcontrib_[p].pence());
      b.how.weights.push_back({id(p), capcontrib_[p]});
    }
    if (b.who.empty()) b.how.problem = sharing_problem::no_contributions;
    return b;
  }

  /// The one partner of `kind`, or the problem (none, or `count` of them).
  [[nodiscard]] std::pair<std::optional<std::size_t>, std::size_t> only(partner_kind kind) const {
    std::optional<std::size_t> found;
    std::size_t count = 0;
    for (std::size_t p = 0; p < f_.partners.size(); ++p) {
      if (f_.partners[p].kind == kind) {
        if (!found) found = p;
        ++count;
      }
    }
    return {count == 1 ? found : std::nullopt, count};
  }

  /// The council partner, or records the problem in `how`.
  [[nodiscard]] std::optional<std::size_t> council(settlement_sharing& how) const {
    auto [c, count] = only(partner_kind::council);
    if (c) return c;
    how.problem = count == 0 ? sharing_problem::no_council : sharing_problem::several_councils;
    how.count = static_cast<std::int64_t>(count);
    return std::nullopt;
  }

  /// The NHS partner commissioning `l`: its nhs_partner, else the only ICB (else the only other
  /// NHS partner when there is no ICB), or records the problem in `how`.
  [[nodiscard]] std::optional<std::size_t> nhs(const expenditure_line& l,
                                               settlement_sharing& how) const {
    if (!l.nhs_partner.empty()) {
      const std::optional<std::size_t> p = index_of(l.nhs_partner);
      if (!p || f_.partners[*p].kind == partner_kind::council) {
        how.problem = sharing_problem::nhs_partner_not_nhs;
        how.partner = l.nhs_partner;
        return std::nullopt;
      }
      return p;
    }
    for (const partner_kind kind : {partner_kind::icb, partner_kind::other_nhs}) {
      auto [p, count] = only(kind);
      if (p) return p;
      if (count > 1) {
        how.problem = sharing_problem::several_icbs;
        how.count = static_cast<std::int64_t>(count);
        return std::nullopt;
      }
    }
    how.problem = sharing_problem::no_nhs_partner;
    return std::nullopt;
  }

  /// The line's commissioner: the council, the NHS partner, or both split by the joint shares.
  [[nodiscard]] bearers commissioner(const expenditure_line& l, std::size_t line_index) {
    bearers b;
    if (l.commissioner == commissioner_kind::local_authority) {
      b.how.basis = sharing_basis::council;
      const std::optional<std::size_t> c = council(b.how);
      if (!c) return b;
      b.who.push_back(*c);
      b.weights.push_back(1);
      return b;
    }
    if (l.commissioner == commissioner_kind::nhs) {
      b.how.basis = sharing_basis::nhs;
      const std::optional<std::size_t> n = nhs(l, b.how);
      if (!n) return b;
      b.how.partner = id(*n);
      b.who.push_back(*n);
      b.weights.push_back(1);
      return b;
    }
    // Joint.
    b.how.basis = sharing_basis::joint;
    const std::optional<std::size_t> n = nhs(l, b.how);
    if (!n) return b;
    const std::optional<std::size_t> c = council(b.how);
    if (!c) return b;
    b.how.partner = id(*n);
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
    b.how.nhs_share = nhs_share;
    b.how.council_share = la_share;
    if (nhs_share.is_negative() || la_share.is_negative() ||
        (nhs_share.is_zero() && la_share.is_zero())) {
      b.how.problem = sharing_problem::joint_shares_unusable;
      return b;
    }
    // Weights on the common denominator nhs.den × la.den; both are below 2^126 (the shares are
    // not negative), so their sum fits and the check against 100% is exact.
    joinedup::detail::int128 w_nhs = joinedup::detail::int128{nhs_share.num()} * la_share.den();
    joinedup::detail::int128 w_la = joinedup::detail::int128{la_share.num()} * nhs_share.den();
    if (w_nhs + w_la != joinedup::detail::int128{nhs_share.den()} * la_share.den()) {
      d_.warning("budget.settle.joint_shares", at,
                 "joint line '" + l.id + "' has shares NHS " + pct(nhs_share) + " and council " +
                     pct(la_share) + " that do not sum to 100%; they are used as weights");
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
    return b;
  }

  // ---- rules -------------------------------------------------------------------------------

  /// A line's underspend rule after any Health and Wellbeing Board decision: where the rule is
  /// retained_by_lead_commissioner and the Board has decided otherwise for the line, the Board's
  /// rule, with its reference in `ls.hwb_decision`.
  underspend_rule underspend_of(const expenditure_line& l, line_settlement& ls) const {
    const underspend_rule r = rule_for(l).underspend;
    const std::optional<hwb_underspend_decision>& d = f_.risk_share.hwb_decision;
    if (r != underspend_rule::retained_by_lead_commissioner || !d || !d->covers(l)) return r;
    ls.hwb_decision = d->reference;
    return d->underspend;
  }

  /// The rule for a line: a line override, else a scheme override, else the default.
  [[nodiscard]] const risk_share_rule& rule_for(const expenditure_line& l) const {
    return f_.risk_share.rule_for(l);
  }

  /// Each partner's funding of scheme `id`: for every line of the scheme with positive planned
  /// spend, that spend attributed by allocate to the partners contributing to its funding
  /// source, pro rata to their (positive) contributions to that source.
  const std::vector<money>& scheme_funding(const std::string& scheme) {
    auto it = scheme_funding_.find(scheme);
    if (it != scheme_funding_.end()) return it->second;
    const std::size_t n = f_.partners.size();
    std::vector<money> w(n);
    for (const expenditure_line& m : f_.lines) {
      if (m.scheme != scheme || !m.planned.is_positive()) continue;
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
    return scheme_funding_.emplace(scheme, std::move(w)).first->second;
  }

  /// Shares a remaining overspend by the per-scheme pro rata rule with caps.
  settlement_sharing capped(line_settlement& ls, const expenditure_line& l, std::size_t line_index,
                            money amount) {
    const std::size_t n = f_.partners.size();
    settlement_sharing how;
    how.basis = sharing_basis::scheme_funding;
    how.amount = amount;
    std::vector<money> weights = scheme_funding(l.scheme);
    for (std::size_t p = 0; p < n; ++p) {
      if (weights[p].is_positive()) how.weights.push_back({id(p), weights[p]});
    }
    const std::string scheme_name = l.scheme.empty() ? std::string("(none)") : l.scheme;
    if (how.weights.empty()) {
      d_.warning(
          "budget.settle.scheme_unfunded", json_pointer{}.key("lines").index(line_index).str(),
          "no partner's contributions fund the lines of scheme '" + l.scheme + "', so line '" +
              l.id + "' is shared pro rata to total contributions, within the caps");
      how.basis = sharing_basis::total_contributions;
      for (std::size_t p = 0; p < n; ++p) {
        weights[p] = revenue_contribution(p).is_positive() ? revenue_contribution(p) : money{};
        if (weights[p].is_positive()) how.weights.push_back({id(p), weights[p]});
      }
      if (how.weights.empty()) {
        how.problem = sharing_problem::no_funders;
        to_pool(ls, line_index, amount, pool_movement_kind::not_allocated,
                "overspend on line " + ls.line + " not allocated: no partner funds scheme " +
                    scheme_name + " or has contributed; it needs the partners' agreement");
        return how;
      }
    }
    std::vector<money> taken(n);
    money excess = amount;
    bool first = true;
    while (excess.is_positive()) {
      std::vector<money> w(n);
      bool any = false;
      for (std::size_t p = 0; p < n; ++p) {
        if (weights[p].is_positive() && (first || caps_waived() || headroom_[p].is_positive())) {
          w[p] = weights[p];
          any = true;
        }
      }
      if (!any) {
        how.exceeds_caps = excess;
        to_pool(ls, line_index, excess, pool_movement_kind::exceeds_caps,
                "overspend of " + gbp(excess) + " on line " + ls.line +
                    " exceeds caps; needs both finance directors' agreement");
        break;
      }
      cap_round round;
      round.amount = excess;
      const result<std::vector<money>> parts = allocate(excess, w);
      excess = money{};
      for (std::size_t p = 0; p < n; ++p) {
        const money part = (*parts)[p];
        if (part.is_zero()) continue;
        round.parts.push_back({id(p), part});
        const money take = caps_waived() ? part : std::min(part, headroom_[p]);
        taken[p] += take;
        headroom_[p] -= caps_waived() ? money{} : take;
        if (part > take) {
          excess += part - take;
          round.capped.push_back({id(p), cap_[p], take, part - take});
        }
      }
      how.rounds.push_back(std::move(round));
      first = false;
    }
    for (std::size_t p = 0; p < n; ++p) {
      if (taken[p].is_zero()) continue;
      parts_[p] += taken[p];
      how.shares.push_back({id(p), taken[p]});
    }
    return how;
  }

  /// True when both finance directors have agreed to go beyond the caps.
  [[nodiscard]] bool caps_waived() const { return !f_.risk_share.caps_override.empty(); }

  /// Caps under every rule (per_scheme_pro_rata_capped applies its own in capped()): a partner
  /// whose part of this overspend (parts_) is more than what is left of its stated cap takes
  /// only that; the rest passes on to the other partners by their contributions, each within
  /// its own cap, and what no partner can take is met from outside the pool. Each round is
  /// recorded in `how`.
  void cap_parts(line_settlement& ls, std::size_t line_index, settlement_sharing& how) {
    if (caps_waived() || how.problem != sharing_problem::none || !how.amount.is_positive()) return;
    const std::size_t n = parts_.size();
    std::vector<bool> full(n, false);
    cap_round first;
    first.amount = how.amount;
    money excess;
    for (std::size_t p = 0; p < n; ++p) {
      if (!parts_[p].is_positive()) continue;
      first.parts.push_back({id(p), parts_[p]});
      if (!has_cap_[p]) continue;
      const money take = std::min(parts_[p], headroom_[p]);
      headroom_[p] -= take;
      if (parts_[p] > take) {
        first.capped.push_back({id(p), cap_[p], take, parts_[p] - take});
        excess += parts_[p] - take;
        parts_[p] = take;
        full[p] = true;
      }
    }
    if (first.capped.empty()) return;
    how.rounds.push_back(std::move(first));
    while (excess.is_positive()) {
      std::vector<money> w(n);
      bool any = false;
      for (std::size_t q = 0; q < n; ++q) {
        const money base = ls.capital ? capcontrib_[q] : revenue_contribution(q);
        if (full[q] || !base.is_positive()) continue;
        if (has_cap_[q] && !headroom_[q].is_positive()) continue;
        w[q] = base;
        any = true;
      }
      if (!any) {
        how.exceeds_caps = excess;
        to_pool(ls, line_index, excess, pool_movement_kind::exceeds_caps,
                "overspend of " + gbp(excess) + " on line " + ls.line +
                    " is beyond every partner's cap; it is met from outside the pool unless both "
                    "finance directors agree");
        break;
      }
      cap_round round;
      round.amount = excess;
      const std::vector<money> parts = allocate(excess, w).value();
      excess = money{};
      for (std::size_t q = 0; q < n; ++q) {
        const money part = parts[q];
        if (part.is_zero()) continue;
        round.parts.push_back({id(q), part});
        const money take = has_cap_[q] ? std::min(part, headroom_[q]) : part;
        if (has_cap_[q]) headroom_[q] -= take;
        parts_[q] += take;
        if (part > take) {
          round.capped.push_back({id(q), cap_[q], take, part - take});
          excess += part - take;
          full[q] = true;
        }
      }
      how.rounds.push_back(std::move(round));
    }
    how.shares.clear();
    for (std::size_t p = 0; p < n; ++p) {
      if (!parts_[p].is_zero()) how.shares.push_back({id(p), parts_[p]});
    }
  }

  // ---- the stages ----------------------------------------------------------------------------

  void settle_fixed() {
    for (std::size_t i = 0; i < f_.lines.size(); ++i) {
      const expenditure_line& l = f_.lines[i];
      line_settlement& ls = s_.lines[i];
      if (l.risk != risk_class::fixed || ls.capital) continue;
      ls.rule = "fixed_host_bears";
      if (ls.variance.is_zero()) continue;
      settlement_step st = line_step(settlement_step_kind::fixed_line, i);
      st.rule = ls.rule;
      st.planned = ls.planned;
      st.outturn = ls.outturn;
      st.variance = ls.variance;
      st.residual = ls.variance;
      st.sharing =
          give(ls, i, ls.variance, host(), ls.variance.is_positive() ? "overspend" : "underspend");
      cap_parts(ls, i, *st.sharing);
      flush(ls);
      s_.steps.push_back(std::move(st));
    }
  }

  /// The lines in `idx` with `amounts`.
  [[nodiscard]] std::vector<line_amount> line_list(const std::vector<std::size_t>& idx,
                                                   const std::vector<money>& amounts) const {
    std::vector<line_amount> out;
    for (std::size_t k = 0; k < idx.size(); ++k)
      out.push_back({s_.lines[idx[k]].line, amounts[k]});
    return out;
  }

  /// The overspending and underspending lines of one group (revenue variable lines, or capital
  /// lines), with their amounts; lines on plan get the rule "on_plan".
  struct variance_split {
    std::vector<std::size_t> over;     ///< overspending lines
    std::vector<std::size_t> under;    ///< underspending lines
    std::vector<money> over_amounts;   ///< their overspends
    std::vector<money> under_amounts;  ///< their underspends (magnitudes)
    money total_over;                  ///< Σ over_amounts
    money total_under;                 ///< Σ under_amounts
    bool any = false;                  ///< the group has at least one line
  };

  /// The lines for which `in_group(line index)` holds, split by the sign of their variance.
  template <class Pred>
  variance_split split_lines(Pred in_group) {
    variance_split v;
    for (std::size_t i = 0; i < s_.lines.size(); ++i) {
      line_settlement& ls = s_.lines[i];
      if (!in_group(i)) continue;
      v.any = true;
      if (ls.variance.is_positive()) {
        v.over.push_back(i);
        v.over_amounts.push_back(ls.variance);
        v.total_over += ls.variance;
      } else if (ls.variance.is_negative()) {
        v.under.push_back(i);
        v.under_amounts.push_back(-ls.variance);
        v.total_under += -ls.variance;
      } else {
        ls.rule = "on_plan";
      }
    }
    return v;
  }

  /// Underspends elsewhere in the group meet its overspends: the smaller of the two totals,
  /// shared over the overspending lines by their overspends and taken from the underspending
  /// lines by their underspends; `uncovered` keeps what each overspend still has uncovered.
  void offset(const variance_split& v, std::vector<money>& uncovered, bool capital) {
    settlement_step st;
    st.kind = settlement_step_kind::offset;
    st.capital = capital;
    st.total_overspend = v.total_over;
    st.total_underspend = v.total_under;
    st.amount = std::min(v.total_over, v.total_under);
    if (!st.amount.is_zero()) {
      const std::vector<money> met = allocate(st.amount, v.over_amounts).value();
      const std::vector<money> used = allocate(st.amount, v.under_amounts).value();
      for (std::size_t k = 0; k < v.over.size(); ++k) {
        s_.lines[v.over[k]].met_from_underspends = met[k];
        uncovered[k] -= met[k];
      }
      for (std::size_t k = 0; k < v.under.size(); ++k)
        s_.lines[v.under[k]].met_from_underspends = -used[k];
      s_.pool_movements.push_back(
          {st.amount,
           capital ? "overspends on capital lines met from underspends on other capital lines"
                   : "overspends on variable lines met from underspends elsewhere in the pool",
           pool_movement_kind::met_from_underspends, ""});
      s_.pool_movements.push_back(
          {-st.amount,
           capital ? "underspends on capital lines used to meet overspends on other capital lines"
                   : "underspends on variable lines used to meet overspends elsewhere in the pool",
           pool_movement_kind::underspends_used, ""});
      st.overspends = line_list(v.over, met);
      st.underspends = line_list(v.under, used);
    }
    s_.steps.push_back(std::move(st));
  }

  /// A line's remaining underspend kept in the pool or carried forward under `rule`; false when
  /// the rule gives it to partners instead (return_pro_rata, retained_by_lead_commissioner).
  bool keep_underspend(line_settlement& ls, const expenditure_line& l, underspend_rule rule,
                       bool capital) {
    const std::string what =
        std::string(capital ? "underspend on capital line " : "underspend on line ") + line_name(l);
    switch (rule) {
      case underspend_rule::retain_in_pool:
        ls.retained_in_pool = ls.residual;
        s_.pool_movements.push_back({ls.residual, what + " retained in the pool",
                                     pool_movement_kind::retained_in_pool, ls.line});
        return true;
      case underspend_rule::contingency:
        ls.retained_in_pool = ls.residual;
        s_.pool_movements.push_back(
            {ls.residual,
             what + (capital ? " retained in the pool" : " held in the pool as a contingency"),
             pool_movement_kind::retained_in_pool, ls.line});
        return true;
      case underspend_rule::carry_forward:
        ls.carried_forward = ls.residual;
        s_.pool_movements.push_back(
            {ls.residual, what + " carried forward", pool_movement_kind::carried_forward, ls.line});
        return true;
      case underspend_rule::return_pro_rata:
      case underspend_rule::retained_by_lead_commissioner:
        return false;
    }
    return false;
  }

  void settle_variable() {
    const variance_split v = split_lines([this](std::size_t i) {
      return f_.lines[i].risk == risk_class::variable && !s_.lines[i].capital;
    });
    settlement_step summary;
    if (v.over.empty() && v.under.empty()) {
      summary.kind = settlement_step_kind::variable_on_plan;
      s_.steps.push_back(std::move(summary));
      return;
    }
    summary.kind = settlement_step_kind::variable_lines;
    summary.total_overspend = v.total_over;
    summary.total_underspend = v.total_under;
    summary.overspends = line_list(v.over, v.over_amounts);
    summary.underspends = line_list(v.under, v.under_amounts);
    s_.steps.push_back(std::move(summary));

    // Stage a: underspends elsewhere in the pool.
    std::vector<money> uncovered = v.over_amounts;
    if (f_.risk_share.offset_underspends) offset(v, uncovered, false);

    // Stage b: the risk pool.
    money still;
    for (const money m : uncovered)
      still += m;
    const money pool = s_.risk_pool_funded;
    if (pool.is_positive()) {
      settlement_step st;
      st.kind = settlement_step_kind::risk_pool;
      st.risk_pool = pool;
      st.uncovered = still;
      if (still.is_positive()) {
        const money draw = std::min(pool, still);
        const std::vector<money> drawn = allocate(draw, uncovered).value();
        for (std::size_t k = 0; k < v.over.size(); ++k) {
          s_.lines[v.over[k]].met_from_risk_pool = drawn[k];
          uncovered[k] -= drawn[k];
        }
        s_.risk_pool_used = draw;
        s_.pool_movements.push_back(
            {draw,
             "overspends on variable lines met from the risk pool of " + gbp(pool) +
                 (pool == draw ? " (all of it)" : " (" + gbp(pool - draw) + " left unused)"),
             pool_movement_kind::risk_pool, ""});
        st.amount = draw;
        st.overspends = line_list(v.over, drawn);
      }
      s_.steps.push_back(std::move(st));
    }

    // Stage c: each overspending line's remaining overspend by its rule.
    for (std::size_t k = 0; k < v.over.size(); ++k) {
      const std::size_t i = v.over[k];
      const expenditure_line& l = f_.lines[i];
      line_settlement& ls = s_.lines[i];
      ls.residual = uncovered[k];
      const risk_share_rule& rule = rule_for(l);
      ls.rule = std::string(rule_key(rule.overspend));
      settlement_step st = line_step(settlement_step_kind::line_overspend, i);
      if (!ls.residual.is_zero()) {
        switch (rule.overspend) {
          case overspend_rule::proportional_to_contributions:
            st.sharing = give(ls, i, ls.residual, by_contributions(), "overspend");
            break;
          case overspend_rule::commissioner_bears:
            st.sharing = give(ls, i, ls.residual, commissioner(l, i), "overspend");
            break;
          case overspend_rule::host_bears:
            st.sharing = give(ls, i, ls.residual, host(), "overspend");
            break;
          case overspend_rule::per_scheme_pro_rata_capped:
            st.sharing = capped(ls, l, i, ls.residual);
            break;
        }
        if (rule.overspend != overspend_rule::per_scheme_pro_rata_capped) {
          cap_parts(ls, i, *st.sharing);
        }
      }
      flush(ls);
      s_.steps.push_back(line_figures(std::move(st), ls));
    }

    // Stage d: each underspending line's remaining underspend by its rule.
    for (const std::size_t i : v.under) {
      const expenditure_line& l = f_.lines[i];
      line_settlement& ls = s_.lines[i];
      ls.residual = ls.variance - ls.met_from_underspends;
      const underspend_rule rule = underspend_of(l, ls);
      ls.rule = std::string(rule_key(rule));
      settlement_step st = line_step(settlement_step_kind::line_underspend, i);
      if (!ls.residual.is_zero() && !keep_underspend(ls, l, rule, false)) {
        st.sharing =
            give(ls, i, ls.residual,
                 rule == underspend_rule::return_pro_rata ? by_contributions() : commissioner(l, i),
                 "underspend");
      }
      flush(ls);
      s_.steps.push_back(line_figures(std::move(st), ls));
    }
  }

  /// Capital lines, apart from revenue: their overspends are met first from capital underspends
  /// elsewhere (when underspends offset overspends), never from revenue or the risk pool; what
  /// is left falls to the partners who fund the line's source, within their caps. A capital
  /// underspend follows the line's underspend rule, but what is given back goes to those funders.
  void settle_capital() {
    const variance_split v = split_lines([this](std::size_t i) { return s_.lines[i].capital; });
    if (!v.any) return;
    settlement_step summary;
    summary.kind = settlement_step_kind::capital_lines;
    summary.capital = true;
    summary.total_overspend = v.total_over;
    summary.total_underspend = v.total_under;
    summary.overspends = line_list(v.over, v.over_amounts);
    summary.underspends = line_list(v.under, v.under_amounts);
    s_.steps.push_back(std::move(summary));
    std::vector<money> uncovered = v.over_amounts;
    if (f_.risk_share.offset_underspends && !v.over.empty() && !v.under.empty()) {
      offset(v, uncovered, true);
    }
    for (std::size_t k = 0; k < v.over.size(); ++k) {
      const std::size_t i = v.over[k];
      line_settlement& ls = s_.lines[i];
      ls.residual = uncovered[k];
      ls.rule = "capital_funders";
      settlement_step st = line_step(settlement_step_kind::line_overspend, i);
      st.capital = true;
      if (!ls.residual.is_zero()) {
        st.sharing = give(ls, i, ls.residual, capital_funders(f_.lines[i]), "overspend");
        cap_parts(ls, i, *st.sharing);
      }
      flush(ls);
      s_.steps.push_back(line_figures(std::move(st), ls));
    }
    for (const std::size_t i : v.under) {
      const expenditure_line& l = f_.lines[i];
      line_settlement& ls = s_.lines[i];
      ls.residual = ls.variance - ls.met_from_underspends;
      const underspend_rule rule = underspend_of(l, ls);
      ls.rule = std::string(rule_key(rule));
      settlement_step st = line_step(settlement_step_kind::line_underspend, i);
      st.capital = true;
      if (!ls.residual.is_zero() && !keep_underspend(ls, l, rule, true)) {
        st.sharing = give(ls, i, ls.residual, capital_funders(l), "underspend");
      }
      flush(ls);
      s_.steps.push_back(line_figures(std::move(st), ls));
    }
  }

  /// "L3 (Reablement)", for a pool movement's reason.
  static std::string line_name(const expenditure_line& l) {
    return l.description.empty() ? l.id : l.id + " (" + l.description + ")";
  }

  /// `st` with the line's figures once its rule has been applied.
  static settlement_step line_figures(settlement_step st, const line_settlement& ls) {
    st.rule = ls.rule;
    st.variance = ls.variance;
    st.met_from_underspends = ls.met_from_underspends;
    st.met_from_risk_pool = ls.met_from_risk_pool;
    st.residual = ls.residual;
    st.retained_in_pool = ls.retained_in_pool;
    st.carried_forward = ls.carried_forward;
    st.hwb_decision = ls.hwb_decision;
    return st;
  }

  // ---- the income no line spent ----------------------------------------------------------------

  /// Shares a fund-wide `amount` (negative: money given back) among `b` into the partners'
  /// unspent_returned (and capital_unspent_returned for capital money); the record, or the
  /// problem that stopped it (then nothing was given).
  settlement_sharing give_unspent(money amount, bearers b, bool capital = false) {
    settlement_sharing how = std::move(b.how);
    how.amount = amount;
    if (how.problem != sharing_problem::none) return how;
    if (!fits(amount, b.weights)) {
      how.problem = sharing_problem::weights_too_large;
      return how;
    }
    const result<std::vector<money>> parts = joinedup::detail::apportion(amount, b.weights);
    if (!parts) {
      how.problem = sharing_problem::cannot_apportion;
      how.message = parts.error().message;
      return how;
    }
    for (std::size_t k = 0; k < b.who.size(); ++k) {
      s_.partners[b.who[k]].unspent_returned += (*parts)[k];
      if (capital) s_.partners[b.who[k]].capital_unspent_returned += (*parts)[k];
      how.shares.push_back({id(b.who[k]), (*parts)[k]});
    }
    return how;
  }

  /// The partners who funded the risk pool, by their stated parts; nullopt when the agreement
  /// does not say, or what it says cannot be used (unknown partner, negative part, a total other
  /// than the pool).
  [[nodiscard]] std::optional<bearers> pool_funders() const {
    const std::vector<pool_funding>& stated = f_.risk_share.risk_pool_funding;
    if (stated.empty()) return std::nullopt;
    bearers b;
    b.how.basis = sharing_basis::pool_funding;
    money total;
    for (const pool_funding& pf : stated) {
      const std::optional<std::size_t> p = index_of(pf.partner);
      if (!p || pf.amount.is_negative()) return std::nullopt;
      b.who.push_back(*p);
      b.weights.push_back(pf.amount.pence());
      b.how.weights.push_back({pf.partner, pf.amount});
      total += pf.amount;
    }
    if (!(total == f_.risk_share.risk_pool) || !total.is_positive()) return std::nullopt;
    return b;
  }

  /// Stage e: the income no line planned to spend, less what the risk pool met, follows the
  /// default underspend rule; a plan larger than the income is met from outside the pool.
  /// Capital income no capital line planned to spend is settled the same way on its own, given
  /// back (when it is) to the partners who fund capital.
  void settle_unspent() {
    s_.unspent = s_.income - s_.planned - s_.risk_pool_used;
    s_.capital_unspent = s_.capital_income - s_.capital_planned;
    settlement_step st;
    st.kind = settlement_step_kind::unspent;
    st.income = s_.income - s_.capital_income;
    st.planned = s_.planned - s_.capital_planned;
    st.risk_pool = s_.risk_pool_funded;
    st.amount = s_.risk_pool_used;
    st.unspent_total = s_.unspent - s_.capital_unspent;
    unspent_part(st, false);
    s_.steps.push_back(std::move(st));
    if (!s_.has_capital()) return;
    settlement_step cap;
    cap.kind = settlement_step_kind::unspent;
    cap.capital = true;
    cap.income = s_.capital_income;
    cap.planned = s_.capital_planned;
    cap.unspent_total = s_.capital_unspent;
    unspent_part(cap, true);
    s_.steps.push_back(std::move(cap));
  }

  /// One part (revenue or capital) of stage e: st.unspent_total by the default underspend rule.
  void unspent_part(settlement_step& st, bool capital) {
    underspend_rule rule = f_.risk_share.default_rule.underspend;
    const std::optional<hwb_underspend_decision>& d = f_.risk_share.hwb_decision;
    if (rule == underspend_rule::retained_by_lead_commissioner && d && d->schemes.empty() &&
        d->lines.empty()) {
      rule = d->underspend;
      st.hwb_decision = d->reference;
    }
    st.rule = std::string(rule_key(rule));
    const std::string what = capital ? "capital income" : "income";
    if (st.unspent_total.is_negative()) {
      const money gap = -st.unspent_total;
      d_.error("budget.settle.plan_exceeds_income", json_pointer{}.key("lines").str(),
               std::string(capital ? "the capital lines" : "the lines") + " plan to spend " +
                   gbp(st.planned) + " but the partners contribute " + gbp(st.income) +
                   (capital ? " of capital" : "") + ": " + gbp(gap) +
                   " of the spend has no contribution behind it and is met from outside the pool");
      s_.dispositions.push_back({disposition_kind::from_outside_pool, gap, "", "",
                                 capital ? "planned capital spend beyond the capital contributions"
                                         : "planned spend beyond the partners' contributions",
                                 capital});
      return;
    }
    if (!st.unspent_total.is_positive()) return;
    const money u = st.unspent_total;
    switch (rule) {
      case underspend_rule::return_pro_rata:
      case underspend_rule::retained_by_lead_commissioner:
        // No line, so no lead commissioner: what nobody spent goes back to who paid it.
        if (capital) {
          st.sharing = give_unspent(-u, by_capital_contributions(), true);
          if (st.sharing->problem != sharing_problem::none) {
            keep_unspent(u, "capital income no line spent could not be returned", true);
          }
        } else {
          return_unspent(st, u);
        }
        break;
      case underspend_rule::retain_in_pool:
        keep_unspent(u,
                     capital ? "capital income no capital line spent retained in the pool"
                             : "income no line spent (and the risk pool left unused) retained "
                               "in the pool",
                     capital);
        break;
      case underspend_rule::contingency:
        keep_unspent(u,
                     capital ? "capital income no capital line spent held in the pool as a "
                               "contingency"
                             : "income no line spent (and the risk pool left unused) held in the "
                               "pool as a contingency",
                     capital);
        break;
      case underspend_rule::carry_forward:
        s_.dispositions.push_back({disposition_kind::carried_forward, u, "", "",
                                   what + " no line spent" +
                                       (capital ? "" : " (and the risk pool left unused)") +
                                       " carried forward",
                                   capital});
        break;
    }
  }

  /// Gives unspent income back: the risk pool left unused to the partners who funded it (when
  /// the agreement says who did), the rest by contributions (revenue contributions when capital
  /// is settled apart).
  void return_unspent(settlement_step& st, money u) {
    const money pool_left = s_.risk_pool_funded - s_.risk_pool_used;
    const std::optional<bearers> funders = pool_funders();
    money by_contribution = u;
    if (funders && pool_left.is_positive()) {
      st.sharing = give_unspent(-pool_left, *funders);
      if (st.sharing->problem != sharing_problem::none) {
        keep_unspent(pool_left, "the risk pool left unused could not be returned");
      }
      by_contribution = u - pool_left;
    }
    if (!by_contribution.is_positive()) return;
    settlement_sharing rest = give_unspent(-by_contribution, by_contributions());
    if (rest.problem != sharing_problem::none) {
      keep_unspent(by_contribution, "income no line spent could not be returned");
    }
    if (st.sharing) {
      st.sharing_rest = std::move(rest);
    } else {
      st.sharing = std::move(rest);
    }
  }

  /// Records unspent income the pool keeps.
  void keep_unspent(money amount, std::string reason, bool capital = false) {
    s_.dispositions.push_back(
        {disposition_kind::retained_in_pool, amount, "", "", std::move(reason), capital});
  }

  /// The dispositions the pool movements give: what is kept, carried forward or met from outside.
  void pool_dispositions() {
    std::vector<disposition> out;
    for (const pool_movement& m : s_.pool_movements) {
      switch (m.kind) {
        case pool_movement_kind::retained_in_pool:
          out.push_back(
              {disposition_kind::retained_in_pool, -m.amount, "", m.line, m.reason, false});
          break;
        case pool_movement_kind::carried_forward:
          out.push_back(
              {disposition_kind::carried_forward, -m.amount, "", m.line, m.reason, false});
          break;
        case pool_movement_kind::exceeds_caps:
          out.push_back(
              {disposition_kind::from_outside_pool, m.amount, "", m.line, m.reason, false});
          break;
        case pool_movement_kind::not_allocated:
          if (m.amount.is_positive()) {
            out.push_back(
                {disposition_kind::from_outside_pool, m.amount, "", m.line, m.reason, false});
          } else if (m.amount.is_negative()) {
            out.push_back(
                {disposition_kind::retained_in_pool, -m.amount, "", m.line, m.reason, false});
          }
          break;
        default:
          break;  // offsets cancel; the risk pool's draw is paid from the partners' income
      }
    }
    for (disposition& d : out) {
      const line_settlement* ls = d.line.empty() ? nullptr : s_.find_line(d.line);
      d.capital = ls != nullptr && ls->capital;
    }
    out.insert(out.end(), s_.dispositions.begin(), s_.dispositions.end());
    s_.dispositions = std::move(out);
  }

  void closing_steps() {
    pool_dispositions();
    for (partner_settlement& p : s_.partners) {
      p.final_contribution = p.contribution + p.share_of_variance + p.unspent_returned;
      p.capital_final_contribution =
          p.capital_contribution + p.capital_share_of_variance + p.capital_unspent_returned;
    }
    for (const partner_settlement& r : s_.partners) {
      settlement_step st;
      st.kind = settlement_step_kind::partner_result;
      st.partner = r.partner;
      st.contribution = r.contribution;
      st.share_of_variance = r.share_of_variance;
      st.final_contribution = r.final_contribution;
      s_.steps.push_back(std::move(st));
    }
    settlement_step check;
    check.kind = settlement_step_kind::check;
    check.variance = s_.variance;
    check.share_of_variance = s_.total_share_of_variance();
    check.pool_movements = s_.total_pool_movements();
    s_.steps.push_back(std::move(check));
    settlement_step conservation;
    conservation.kind = settlement_step_kind::conservation;
    conservation.income = s_.income;
    conservation.outturn = s_.outturn;
    conservation.final_contribution = s_.total_final_contributions();
    conservation.from_outside_pool = s_.total(disposition_kind::from_outside_pool);
    conservation.carried_forward = s_.total(disposition_kind::carried_forward);
    conservation.retained_in_pool = s_.total(disposition_kind::retained_in_pool);
    s_.steps.push_back(std::move(conservation));
    if (!s_.balances() || !s_.conserves() || (s_.capital_apart && !s_.conserves_capital())) {
      throw contract_violation("joinedup settlement does not conserve money (a bug): final " +
                               gbp(conservation.final_contribution) + " + outside " +
                               gbp(conservation.from_outside_pool) + " against outturn " +
                               gbp(s_.outturn) + " + carried " + gbp(conservation.carried_forward) +
                               " + retained " + gbp(conservation.retained_in_pool));
    }
  }

  const pooled_fund& f_;
  diagnostics& d_;
  settlement s_;
  std::vector<money> contrib_;     // each partner's total contribution
  std::vector<money> capcontrib_;  // each partner's capital contribution (capital apart)
  std::vector<money> cap_;         // each partner's cap (per_scheme_pro_rata_capped)
  std::vector<money> headroom_;    // what is left of each cap
  std::vector<bool> has_cap_;      // the agreement states a cap for the partner
  std::vector<money> parts_;       // the current line's parts by partner
  std::vector<settlement_step> notes_;
  std::map<std::string, std::vector<money>, std::less<>> scheme_funding_;
};

/// Runs the engine over `fund` (declared in settle.hpp).
/// Takes the performance-linked elements whose targets were not met out of `fund`: the element
/// is not paid in (it comes off the partner's contributions to its source, in fund order), and
/// the planned spend it funds comes off the plan (its named lines, else the revenue lines of its
/// source, pro rata to their planned spend by allocate, up to what they plan; the rest of it was
/// income no line planned to spend). A target whose result is not recorded is
/// budget.settle.performance_unknown (settled as paid in). Returns what was withheld, in order.
inline std::vector<withheld_element> withhold_unmet(pooled_fund& fund, diagnostics& diags) {
  std::vector<withheld_element> out;
  for (std::size_t k = 0; k < fund.performance_linked.size(); ++k) {
    const performance_element& e = fund.performance_linked[k];
    if (!e.met) {
      diags.warning("budget.settle.performance_unknown",
                    json_pointer{}.key("performance_linked").index(k).key("met").str(),
                    "whether the target '" + e.target + "' was met is not recorded, so the " +
                        gbp(e.amount) + " of " + e.partner +
                        " is settled as paid in; record the result to settle the year");
      continue;
    }
    if (*e.met || !e.amount.is_positive()) continue;
    // Off the partner's contributions to the source, up to what they hold.
    money left = e.amount;
    for (contribution& c : fund.contributions) {
      if (c.partner != e.partner || c.source != e.source || !c.amount.is_positive()) continue;
      const money off = std::min(left, c.amount);
      c.amount -= off;
      c.instalments.clear();
      left -= off;
      if (left.is_zero()) break;
    }
    const money element = e.amount - left;  // validation reports an element beyond them
    withheld_element w{e.partner, e.source, element, e.target, {}, {}};
    std::vector<std::size_t> funded;
    std::vector<money> planned;
    money total;
    for (std::size_t i = 0; i < fund.lines.size(); ++i) {
      const expenditure_line& l = fund.lines[i];
      const bool named = e.lines.empty()
                             ? l.source == e.source && !l.capital
                             : std::find(e.lines.begin(), e.lines.end(), l.id) != e.lines.end();
      if (!named || !l.planned.is_positive()) continue;
      funded.push_back(i);
      planned.push_back(l.planned);
      total += l.planned;
    }
    const money off = std::min(element, total);
    if (off.is_positive()) {
      const std::vector<money> parts = allocate(off, planned).value();
      for (std::size_t j = 0; j < funded.size(); ++j) {
        if (parts[j].is_zero()) continue;
        fund.lines[funded[j]].planned -= parts[j];
        w.lines.push_back({fund.lines[funded[j]].id, parts[j]});
      }
    }
    w.unplanned = element - off;
    out.push_back(std::move(w));
  }
  return out;
}

inline settlement run_settlement(const pooled_fund& fund, const outturns& outs,
                                 diagnostics& diags) {
  if (fund.performance_linked.empty()) return engine(fund, diags).run(outs);
  pooled_fund paid = fund;
  std::vector<withheld_element> withheld = withhold_unmet(paid, diags);
  return engine(paid, diags, std::move(withheld)).run(outs);
}

}  // namespace budget::detail
JOINEDUP_END_NAMESPACE
