// joinedup: a settlement's steps in English. Each step kind has one case in step_text; the
// sentences are the ones docs/budget-settlement.md shows.
#include "joinedup/report/settlement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "joinedup/core/format.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {
namespace {

using budget::line_amount;
using budget::partner_amount;
using budget::settlement_sharing;
using budget::settlement_step;
using budget::settlement_step_kind;
using budget::sharing_basis;
using budget::sharing_problem;
using budget::detail::gbp;

/// The partner's name (its id when it has none, or when the fund has no such partner).
const std::string& partner_label(const budget::pooled_fund& fund, const std::string& id) {
  const budget::partner* p = fund.find_partner(id);
  return p == nullptr || p->name.empty() ? id : p->name;
}

/// The number of code points in UTF-8 text (its width in a fixed-width table).
std::size_t width_of(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// `text` padded with spaces to `width` code points, on the right (`left` true) or the left.
std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::size_t w = width_of(text);
  if (w >= width) return text;
  const std::string fill(width - w, ' ');
  return left ? text + fill : fill + text;
}

/// Width of the steps in a table, in code points.
constexpr std::size_t table_width = 100;

/// `text` after `lead`, word-wrapped at `width` code points, continuation lines indented under
/// the text; ends with a newline. A word longer than the line is left whole.
std::string wrap(const std::string& lead, const std::string& text, std::size_t width) {
  const std::string indent(width_of(lead), ' ');
  std::string out = lead;
  std::size_t column = width_of(lead);
  bool line_empty = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    const std::size_t w = width_of(word);
    if (!line_empty && column + 1 + w > width) {
      out += "\n" + indent;
      column = indent.size();
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += w;
    line_empty = false;
  }
  return out + "\n";
}

/// Renders the steps of one settlement of one fund.
class writer {
 public:
  writer(const budget::settlement& s, const budget::pooled_fund& fund) : s_(s), f_(fund) {}

  /// The sentence of `st`.
  [[nodiscard]] std::string text(const settlement_step& st) const {
    switch (st.kind) {
      case settlement_step_kind::opening:
        return "Settlement of " + (f_.name.empty() ? std::string("the fund") : f_.name) + " for " +
               f_.year.to_string() + ": planned spend " + gbp(st.planned) + ", outturn " +
               gbp(st.outturn) + ", variance " + gbp(st.variance) + " (" + direction(st.variance) +
               "). A positive share of variance means a partner pays more; a negative one, less.";
      case settlement_step_kind::contributions:
        return contributions(st);
      case settlement_step_kind::agreement:
        return agreement(st);
      case settlement_step_kind::unknown_line:
        return "Outturn " + std::to_string(st.outturn_number) + " of " + gbp(st.outturn) +
               " names line '" + st.line +
               "', which is not in the fund; it is left out of the settlement.";
      case settlement_step_kind::duplicate_outturn:
        return "Outturn " + std::to_string(st.outturn_number) + " of " + gbp(st.outturn) +
               " is a second outturn for line '" + st.line + "'; only the first (" +
               gbp(st.first_outturn) + ") is used.";
      case settlement_step_kind::missing_outturn:
        return "Line " + line_name(st.line) + " has no outturn; it is treated as on plan (" +
               gbp(st.planned) + ").";
      case settlement_step_kind::fixed_line:
        return "Line " + line_name(st.line) + " is a fixed line with " + direction(st.variance) +
               " (planned " + gbp(st.planned) + ", outturn " + gbp(st.outturn) +
               "); the host bears a fixed line's variance and the other partners' contributions "
               "do not change; " +
               sharing(st) + ".";
      case settlement_step_kind::variable_on_plan:
        return "Every variable line is on plan.";
      case settlement_step_kind::variable_lines:
        return "Variable lines: overspends " + gbp(st.total_overspend) + " on " +
               count_lines(st.overspends) + "; underspends " + gbp(st.total_underspend) + " on " +
               count_lines(st.underspends) + ".";
      case settlement_step_kind::capital_lines:
        return "Capital lines, settled apart from revenue: overspends " + gbp(st.total_overspend) +
               " on " + count_lines(st.overspends) + "; underspends " + gbp(st.total_underspend) +
               " on " + count_lines(st.underspends) +
               ". A capital underspend never meets a revenue overspend, the risk pool does not "
               "meet capital overspends, and a capital line's variance falls to the partners "
               "who fund its source, not to the host.";
      case settlement_step_kind::offset:
        return offset(st);
      case settlement_step_kind::risk_pool:
        return risk_pool(st);
      case settlement_step_kind::line_overspend:
        return line_overspend(st);
      case settlement_step_kind::line_underspend:
        return line_underspend(st);
      case settlement_step_kind::partner_result:
        return label(st.partner) + ": contribution " + gbp(st.contribution) +
               ", share of variance " + gbp(st.share_of_variance) + ", final contribution " +
               gbp(st.final_contribution) + ".";
      case settlement_step_kind::check:
        return check(st);
      case settlement_step_kind::unspent:
        return unspent(st);
      case settlement_step_kind::performance_withheld:
        return withheld(st);
      case settlement_step_kind::conservation:
        return "Money is conserved: final contributions " + gbp(st.final_contribution) +
               " + met from outside the pool " + gbp(st.from_outside_pool) + " = outturn " +
               gbp(st.outturn) + " + carried forward " + gbp(st.carried_forward) +
               " + retained in the pool " + gbp(st.retained_in_pool) + ".";
    }
    return {};
  }

 private:
  // ---- names and lists -----------------------------------------------------------------------

  /// The partner's name (its id when it has none, or when the fund has no such partner).
  [[nodiscard]] const std::string& label(const std::string& id) const {
    return partner_label(f_, id);
  }

  /// "L3 (Reablement)".
  [[nodiscard]] std::string line_name(const std::string& id) const {
    const budget::expenditure_line* l = f_.find_line(id);
    return l == nullptr || l->description.empty() ? id : id + " (" + l->description + ")";
  }

  /// "an overspend of £1.00" / "an underspend of £1.00" / "on plan".
  static std::string direction(money v) {
    if (v.is_positive()) return "an overspend of " + gbp(v);
    if (v.is_negative()) return "an underspend of " + gbp(-v);
    return "on plan";
  }

  /// "ICB £1.00, Council £2.00".
  [[nodiscard]] std::string list(const std::vector<partner_amount>& amounts) const {
    std::string out;
    for (const partner_amount& a : amounts)
      out += (out.empty() ? "" : ", ") + label(a.partner) + " " + gbp(a.amount);
    return out;
  }

  /// "L1 £1.00, L3 £2.00".
  static std::string list(const std::vector<line_amount>& amounts) {
    std::string out;
    for (std::size_t k = 0; k < amounts.size(); ++k)
      out += (k > 0 ? ", " : "") + amounts[k].line + " " + gbp(amounts[k].amount);
    return out;
  }

  /// "2 lines (L1 £1.00, L3 £2.00)", "0 lines".
  static std::string count_lines(const std::vector<line_amount>& amounts) {
    return std::to_string(amounts.size()) + " line" + (amounts.size() == 1 ? "" : "s") +
           (amounts.empty() ? "" : " (" + list(amounts) + ")");
  }

  /// "Council bears £1.00" / "ICB bears £2.00 and Council gets back £1.00".
  [[nodiscard]] std::string bears(const std::vector<partner_amount>& amounts) const {
    std::string out;
    for (std::size_t k = 0; k < amounts.size(); ++k) {
      if (k > 0) out += k + 1 == amounts.size() ? " and " : ", ";
      const money m = amounts[k].amount;
      out += label(amounts[k].partner) + (m.is_negative() ? " gets back " : " bears ") +
             gbp(m.is_negative() ? -m : m);
    }
    return out;
  }

  /// A rule's name in plain English ("proportional to contributions").
  static std::string_view rule_words(std::string_view rule) {
    constexpr std::string_view words[][2] = {
        {"proportional_to_contributions", "proportional to contributions"},
        {"commissioner_bears", "commissioner bears"},
        {"per_scheme_pro_rata_capped", "per-scheme pro rata, capped"},
        {"host_bears", "host bears"},
        {"retain_in_pool", "retain in the pool"},
        {"return_pro_rata", "return pro rata to contributions"},
        {"retained_by_lead_commissioner", "retained by the lead commissioner"},
        {"carry_forward", "carry forward into next year"},
        {"contingency", "hold in the pool as a contingency"},
        {"capital_funders", "capital, borne by the partners who fund its source"}};
    for (const auto& w : words) {
      if (w[0] == rule) return w[1];
    }
    return rule;
  }

  /// `part` as a percentage of `whole` to two places, rounded half up ("66.67%"); "" when
  /// whole is not positive or part is negative.
  static std::string percent_of(money part, money whole) {
    if (!whole.is_positive() || part.is_negative()) return {};
    return percent_text(ratio::of(part.pence(), whole.pence()), 2, rounding::half_up);
  }

  // ---- the steps -----------------------------------------------------------------------------

  [[nodiscard]] std::string contributions(const settlement_step& st) const {
    std::string out = "Contributions: ";
    for (std::size_t i = 0; i < st.partners.size(); ++i) {
      if (i > 0) out += ", ";
      out += label(st.partners[i].partner) + " " + gbp(st.partners[i].amount);
      const std::string pct = percent_of(st.partners[i].amount, st.total);
      if (!pct.empty()) out += " (" + pct + ")";
    }
    if (st.partners.empty()) out += "none (the fund has no partners)";
    out += "; total " + gbp(st.total);
    if (s_.capital_apart && s_.capital_income.is_positive()) {
      std::vector<budget::partner_amount> capital;
      for (const budget::partner_settlement& p : s_.partners) {
        if (!p.capital_contribution.is_zero())
          capital.push_back({p.partner, p.capital_contribution});
      }
      out += "; of which capital, settled apart from revenue: " + list(capital) +
             "; revenue risk is shared by the revenue contributions";
    }
    return out + ".";
  }

  [[nodiscard]] std::string agreement(const settlement_step& st) const {
    std::string out = "Risk share: by default, overspends " +
                      std::string(rule_words(st.default_overspend)) + ", underspends " +
                      std::string(rule_words(st.default_underspend));
    if (st.overrides > 0) {
      out += "; " + std::to_string(st.overrides) + " scheme or line override" +
             (st.overrides == 1 ? "" : "s") + " (a line override beats a scheme one)";
    }
    out += st.offset_underspends
               ? "; overspends are met first from underspends elsewhere in the pool"
               : "; underspends do not offset overspends";
    out += st.risk_pool.is_positive() ? "; risk pool " + gbp(st.risk_pool) : "; no risk pool";
    if (st.risk_pool.is_positive() && s_.risk_pool_funded < st.risk_pool) {
      out += " (only " + gbp(s_.risk_pool_funded) +
             " of it is funded: the income no line plans to spend)";
    }
    if (!st.partners.empty()) {
      out += "; caps on partners' shares of overspends, under every rule: " + list(st.partners) +
             " (under the per-scheme rule any other partner: its contribution)";
    }
    if (!f_.risk_share.caps_override.empty()) {
      out += "; no cap applies, as both finance directors agreed (" + f_.risk_share.caps_override +
             ")";
    }
    if (!f_.risk_share.capital_revenue_offset_clause.empty()) {
      out += "; capital and revenue variances may meet each other (" +
             f_.risk_share.capital_revenue_offset_clause + ")";
    }
    out += "; fixed lines are borne by the host";
    return out + (st.host_is_partner ? " (" + label(st.partner) + ")."
                                     : " ('" + st.partner + "', not a partner).");
  }

  [[nodiscard]] static std::string offset(const settlement_step& st) {
    const std::string stage =
        st.capital ? "Capital lines, underspends on other capital lines: "
                   : "Overspend hierarchy, stage 1 (underspends elsewhere in the pool): ";
    if (st.amount.is_zero()) {
      return stage + "nothing to offset, as there are " +
             (st.total_overspend.is_zero() ? "no overspends." : "no underspends.");
    }
    return stage + gbp(st.amount) +
           ", the smaller of the overspends and the underspends, is met from underspends; it is "
           "shared over the overspending lines by their overspends (" +
           list(st.overspends) + ") and taken from the underspending lines by their underspends (" +
           list(st.underspends) + ").";
  }

  [[nodiscard]] static std::string risk_pool(const settlement_step& st) {
    const std::string stage =
        "Overspend hierarchy, stage 2 (the risk pool of " + gbp(st.risk_pool) + "): ";
    if (st.amount.is_zero())
      return stage + "no overspend is left for it to meet; it is left unused.";
    return stage + "it meets " + gbp(st.amount) + " of the " + gbp(st.uncovered) +
           " still uncovered, shared over the overspending lines by what each still has "
           "uncovered (" +
           list(st.overspends) + "); " +
           (st.risk_pool == st.amount
                ? std::string("none of the risk pool is left")
                : gbp(st.risk_pool - st.amount) + " of the risk pool is left unused") +
           ".";
  }

  [[nodiscard]] std::string line_overspend(const settlement_step& st) const {
    std::string out = std::string(st.capital ? "Capital line " : "Line ") + line_name(st.line) +
                      " overspent by " + gbp(st.variance);
    std::string met;
    if (st.met_from_underspends.is_positive()) {
      met += gbp(st.met_from_underspends) + " met from underspends elsewhere";
    }
    if (st.met_from_risk_pool.is_positive()) {
      met += (met.empty() ? "" : ", ") + gbp(st.met_from_risk_pool) + " from the risk pool";
    }
    if (!met.empty()) out += " (" + met + "), leaving " + gbp(st.residual);
    out += "; rule: " + std::string(rule_words(st.rule)) + "; ";
    return out +
           (st.residual.is_zero() ? "nothing is left for the partners to bear" : sharing(st)) + ".";
  }

  [[nodiscard]] std::string line_underspend(const settlement_step& st) const {
    std::string out = std::string(st.capital ? "Capital line " : "Line ") + line_name(st.line) +
                      " underspent by " + gbp(-st.variance);
    if (st.met_from_underspends.is_negative()) {
      out += " (" + gbp(-st.met_from_underspends) +
             " used to meet overspends elsewhere), leaving " + gbp(-st.residual);
    }
    out += underspend_rule_words(st, "; rule: ");
    if (st.residual.is_zero()) return out + "nothing is left to return.";
    if (!st.retained_in_pool.is_zero()) {
      return out + gbp(-st.retained_in_pool) +
             (st.rule == "contingency" ? " is held in the pool as a contingency."
                                       : " stays in the pool.");
    }
    if (!st.carried_forward.is_zero()) {
      return out + gbp(-st.carried_forward) + " is carried forward into next year's fund.";
    }
    return out + sharing(st) + ".";
  }

  [[nodiscard]] std::string withheld(const settlement_step& st) const {
    std::string out = "Performance-linked element: " + label(st.partner) + "'s " + gbp(st.amount) +
                      " is paid into the pool only if the target is met (" + st.target +
                      "); it was not met, so " + label(st.partner) +
                      " keeps it and the plan is reduced by it";
    if (!st.underspends.empty()) out += ": the planned spend of " + list(st.underspends);
    if (st.unspent_total.is_positive()) {
      out += std::string(st.underspends.empty() ? ": " : "; ") + gbp(st.unspent_total) +
             " of it was income no line planned to spend";
    }
    return out + ".";
  }

  /// "; rule: …; " for a line's or the unspent income's underspend, naming the Board's
  /// decision when it replaced retained_by_lead_commissioner.
  [[nodiscard]] static std::string underspend_rule_words(const settlement_step& st,
                                                         std::string_view lead) {
    if (st.hwb_decision.empty()) return std::string(lead) + std::string(rule_words(st.rule)) + "; ";
    return std::string(lead) +
           "retained by the lead commissioner unless the Health and Wellbeing Board decides "
           "otherwise, and the Board decided (" +
           st.hwb_decision + "): " + std::string(rule_words(st.rule)) + "; ";
  }

  [[nodiscard]] std::string check(const settlement_step& st) const {
    std::string out = "Check: variance " + gbp(st.variance) + " = partners' shares " +
                      gbp(st.share_of_variance) + " + pool movements " + gbp(st.pool_movements);
    if (!s_.pool_movements.empty()) {
      out += " (";
      for (std::size_t k = 0; k < s_.pool_movements.size(); ++k) {
        if (k > 0) out += ", ";
        out += std::string(to_string(s_.pool_movements[k].kind)) + " " +
               gbp(s_.pool_movements[k].amount);
      }
      out += ")";
    }
    return out + ".";
  }

  [[nodiscard]] std::string unspent(const settlement_step& st) const {
    const bool split = s_.has_capital();
    std::string out =
        st.capital
            ? "Capital income " + gbp(st.income) + " less planned capital spend " + gbp(st.planned)
        : split
            ? "Revenue income " + gbp(st.income) + " less planned revenue spend " + gbp(st.planned)
            : "Income " + gbp(st.income) + " less planned spend " + gbp(st.planned);
    if (st.amount.is_positive()) out += " less " + gbp(st.amount) + " the risk pool met";
    out += " leaves " + gbp(st.unspent_total);
    if (st.unspent_total.is_negative()) {
      return out + ": the lines plan to spend more than the partners contribute, so " +
             gbp(-st.unspent_total) + " is met from outside the pool.";
    }
    if (st.unspent_total.is_zero()) return out + ": nothing is left unspent.";
    if (st.risk_pool.is_positive()) {
      out += " (of which " + gbp(st.risk_pool - st.amount) + " is the risk pool left unused)";
    }
    out += underspend_rule_words(st, "; default underspend rule: ");
    if (st.rule == "carry_forward") return out + "it is carried forward into next year's fund.";
    if (st.rule == "retain_in_pool") return out + "it stays in the pool.";
    if (st.rule == "contingency") return out + "it is held in the pool as a contingency.";
    if (st.rule == "retained_by_lead_commissioner") {
      out += "no line, so no lead commissioner, holds it, so it goes back to who paid it: ";
    }
    std::string shared = sharing(st);
    if (st.sharing_rest) {
      settlement_step rest = st;
      rest.sharing = st.sharing_rest;
      shared += "; the rest " + sharing(rest);
    }
    return out + shared + ".";
  }

  // ---- how an amount was shared --------------------------------------------------------------

  /// How the step's amount was shared, or why it could not be.
  [[nodiscard]] std::string sharing(const settlement_step& st) const {
    if (!st.sharing) return {};
    const settlement_sharing& how = *st.sharing;
    if (how.basis == sharing_basis::scheme_funding ||
        how.basis == sharing_basis::total_contributions) {
      return capped(how, st.scheme);
    }
    const std::string held = st.kind == settlement_step_kind::unspent
                                 ? " is retained in the pool"
                                 : " is held in the pool as not allocated";
    switch (how.problem) {
      case sharing_problem::none:
        if (!how.rounds.empty()) return basis_words(how) + cap_flow(how);
        return basis_words(how) + ": " + bears(how.shares);
      case sharing_problem::weights_too_large:
        return "the weights are too large to share " + gbp(how.amount) + " exactly, so it" + held;
      case sharing_problem::cannot_apportion:
        return how.message + ", so " + gbp(how.amount) + held;
      default:
        return budget::detail::problem_words(how, label(how.partner)) + ", so " + gbp(how.amount) +
               held;
    }
  }

  /// Whom the rule gave it to: "by contributions (ICB £2.00, Council £1.00)", "the host is
  /// Council", "it is jointly commissioned, NHS (ICB) 60% and council 40%".
  [[nodiscard]] std::string basis_words(const settlement_sharing& how) const {
    switch (how.basis) {
      case sharing_basis::contributions:
        return "by contributions (" + list(how.weights) + ")";
      case sharing_basis::host:
        return "the host is " + label(how.partner);
      case sharing_basis::pool_funding:
        return "back to the partners who funded the risk pool (" + list(how.weights) + ")";
      case sharing_basis::capital_funders:
        return "by the partners who fund it (" + list(how.weights) + ")";
      case sharing_basis::council:
        return "the council commissions it";
      case sharing_basis::nhs:
        return "the NHS commissions it (" + label(how.partner) + ")";
      case sharing_basis::joint:
        return "it is jointly commissioned, NHS (" + label(how.partner) + ") " +
               budget::detail::pct(how.nhs_share.value_or(ratio{})) + " and council " +
               budget::detail::pct(how.council_share.value_or(ratio{}));
      default:
        return {};
    }
  }

  /// A rule's parts that met a stated cap, round by round: "; the rule gives …; Council is
  /// capped at …; the £15.00 passed on goes to the other partners by contributions: …; so …".
  [[nodiscard]] std::string cap_flow(const settlement_sharing& how) const {
    std::string out;
    for (std::size_t r = 0; r < how.rounds.size(); ++r) {
      const budget::cap_round& round = how.rounds[r];
      out += (r == 0 ? "; the rule gives "
                     : "; the " + gbp(round.amount) +
                           " passed on goes to the other partners by contributions: ") +
             list(round.parts);
      for (const budget::cap_reached& c : round.capped) {
        out += "; " + label(c.partner) + " is capped at " + gbp(c.cap) + " and can take only " +
               gbp(c.took) + " more, so " + gbp(c.passed_on) + " passes on";
      }
    }
    if (!how.exceeds_caps.is_zero()) {
      out += "; no other partner has headroom under its cap, so " + gbp(how.exceeds_caps) +
             " is met from outside the pool unless both finance directors agree";
    }
    if (!how.shares.empty()) out += "; so " + bears(how.shares);
    return out;
  }

  /// The per-scheme pro rata rule with caps, round by round.
  [[nodiscard]] std::string capped(const settlement_sharing& how, const std::string& scheme) const {
    const std::string name = scheme.empty() ? std::string("(none)") : scheme;
    if (how.basis == sharing_basis::scheme_funding) {
      std::string out = "scheme " + name + " is funded " + list(how.weights);
      return out + capped_rounds(how);
    }
    std::string out = "no partner's contributions fund scheme " + name +
                      ", so by total contributions instead (" + list(how.weights) + ")";
    if (how.problem == sharing_problem::no_funders) {
      return out + "; nobody has, so " + gbp(how.amount) + " is held in the pool as not allocated";
    }
    return out + capped_rounds(how);
  }

  /// "; pro rata: ICB £1.00, Council £2.00; Council is capped at …; so ICB bears …".
  [[nodiscard]] std::string capped_rounds(const settlement_sharing& how) const {
    std::string out;
    for (std::size_t r = 0; r < how.rounds.size(); ++r) {
      const budget::cap_round& round = how.rounds[r];
      out += (r == 0 ? "; pro rata: "
                     : "; the " + gbp(round.amount) +
                           " passed on goes to the partners with headroom: ") +
             list(round.parts);
      for (const budget::cap_reached& c : round.capped) {
        out += "; " + label(c.partner) + " is capped at " + gbp(c.cap) + " and can take only " +
               gbp(c.took) + " more, so " + gbp(c.passed_on) + " passes on";
      }
    }
    if (!how.exceeds_caps.is_zero()) {
      out += "; no partner that funds the scheme has headroom under its cap, so " +
             gbp(how.exceeds_caps) +
             " is held in the pool: it exceeds caps and needs both finance directors' agreement";
    }
    if (!how.shares.empty()) out += "; so " + bears(how.shares);
    return out;
  }

  const budget::settlement& s_;
  const budget::pooled_fund& f_;
};

}  // namespace

std::string settlement_step_text(const budget::settlement_step& step,
                                 const budget::settlement& settlement,
                                 const budget::pooled_fund& fund) {
  return writer(settlement, fund).text(step);
}

std::vector<std::string> settlement_steps(const budget::settlement& settlement,
                                          const budget::pooled_fund& fund) {
  const writer w(settlement, fund);
  std::vector<std::string> out;
  out.reserve(settlement.steps.size());
  for (const budget::settlement_step& step : settlement.steps)
    out.push_back(w.text(step));
  return out;
}

std::string settlement_text(const budget::settlement& s, const budget::pooled_fund& fund,
                            std::optional<std::chrono::year_month_day> as_of,
                            std::string_view banner) {
  std::string out = "Settlement of " + (fund.name.empty() ? std::string("the fund") : fund.name) +
                    ", " + fund.year.to_string();
  if (as_of) {
    out += ", as of " + to_iso_string(*as_of);
    if (std::chrono::sys_days{*as_of} < std::chrono::sys_days{fund.year.last_day()}) {
      out += " (forecast outturn)";
    }
  }
  out += "\n";
  out += banner;
  const std::string direction = s.variance.is_positive()   ? " (overspend)"
                                : s.variance.is_negative() ? " (underspend)"
                                                           : " (on plan)";
  out += fmt::format("Planned {}, outturn {}, variance {}{}\n\n", s.planned, s.outturn, s.variance,
                     direction);

  // Partners. The unspent income returned to each is a column of its own when there is any,
  // so that every row reads contribution + share + returned = final.
  bool any_returned = false;
  for (const budget::partner_settlement& p : s.partners)
    any_returned = any_returned || !p.unspent_returned.is_zero();
  std::vector<std::string> heads = {"Partner", "Contribution", "Share of variance"};
  if (any_returned) heads.emplace_back("Unspent returned");
  heads.emplace_back("Final contribution");
  std::vector<std::vector<std::string>> rows;
  money contributions;
  money returned;
  money finals;
  for (const budget::partner_settlement& p : s.partners) {
    std::vector<std::string> r = {partner_label(fund, p.partner), fmt::format("{}", p.contribution),
                                  fmt::format("{}", p.share_of_variance)};
    if (any_returned) r.push_back(fmt::format("{}", p.unspent_returned));
    r.push_back(fmt::format("{}", p.final_contribution));
    rows.push_back(std::move(r));
    contributions += p.contribution;
    returned += p.unspent_returned;
    finals += p.final_contribution;
  }
  std::vector<std::string> total = {"Total", fmt::format("{}", contributions),
                                    fmt::format("{}", s.total_share_of_variance())};
  if (any_returned) total.push_back(fmt::format("{}", returned));
  total.push_back(fmt::format("{}", finals));
  rows.push_back(std::move(total));
  std::vector<std::size_t> widths(heads.size());
  for (std::size_t c = 0; c < heads.size(); ++c) {
    widths[c] = width_of(heads[c]);
    for (const std::vector<std::string>& r : rows)
      widths[c] = std::max(widths[c], width_of(r[c]));
  }
  auto row_text = [&widths](const std::vector<std::string>& r) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (c > 0) line += "  ";
      line += pad(r[c], widths[c], c == 0);
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    return line + "\n";
  };
  out += row_text(heads);
  for (std::size_t c = 0; c < widths.size(); ++c) {
    out += (c > 0 ? "  " : "") + std::string(widths[c], '-');
  }
  out += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i + 1 == rows.size()) {
      for (std::size_t c = 0; c < widths.size(); ++c) {
        out += (c > 0 ? "  " : "") + std::string(widths[c], '-');
      }
      out += "\n";
    }
    out += row_text(rows[i]);
  }

  // Pool movements.
  out += "\nPool movements\n";
  if (s.pool_movements.empty()) {
    out += "  none\n";
  } else {
    std::size_t w = width_of("Amount");
    for (const budget::pool_movement& m : s.pool_movements)
      w = std::max(w, width_of(fmt::format("{}", m.amount)));
    w = std::max(w, width_of(fmt::format("{}", s.total_pool_movements())));
    out += pad("Amount", w, false) + "  Reason\n";
    for (const budget::pool_movement& m : s.pool_movements) {
      out += pad(fmt::format("{}", m.amount), w, false) + "  " + m.reason + "\n";
    }
    out += pad(fmt::format("{}", s.total_pool_movements()), w, false) + "  Total\n";
  }
  out += fmt::format("\nCheck: variance {} = partners' shares {} + pool movements {}\n", s.variance,
                     s.total_share_of_variance(), s.total_pool_movements());

  // Where the money went.
  out +=
      fmt::format("\nIncome {}, outturn {}, unspent income {}\n", s.income, s.outturn, s.unspent);
  out += "Dispositions\n";
  if (s.dispositions.empty()) {
    out += "  none\n";
  } else {
    std::size_t w = width_of("Amount");
    for (const budget::disposition& d : s.dispositions)
      w = std::max(w, width_of(fmt::format("{}", d.amount)));
    out += pad("Amount", w, false) + "  Kind               Reason\n";
    for (const budget::disposition& d : s.dispositions) {
      out += pad(fmt::format("{}", d.amount), w, false) + "  " +
             pad(std::string(enum_name(d.kind)), 17, true) + "  " + d.reason + "\n";
    }
  }
  out +=
      wrap("Check: ",
           fmt::format("final contributions {} + from outside the pool {} = outturn {} + carried "
                       "forward {} + retained in the pool {}",
                       s.total_final_contributions(),
                       s.total(budget::disposition_kind::from_outside_pool), s.outturn,
                       s.total(budget::disposition_kind::carried_forward),
                       s.total(budget::disposition_kind::retained_in_pool)),
           table_width);
  if (s.has_capital()) {
    out += wrap(
        "Capital, on its own: ",
        fmt::format("income {}, planned {}, outturn {}; final contributions {} + from "
                    "outside the pool {} = capital outturn {} + carried forward {} + "
                    "retained in the pool {}",
                    s.capital_income, s.capital_planned, s.capital_outturn,
                    s.total_capital_final_contributions(),
                    s.capital_total(budget::disposition_kind::from_outside_pool), s.capital_outturn,
                    s.capital_total(budget::disposition_kind::carried_forward),
                    s.capital_total(budget::disposition_kind::retained_in_pool)),
        table_width);
  }

  // Steps.
  out += "\nSteps\n";
  const std::vector<std::string> steps = settlement_steps(s, fund);
  const std::size_t digits = std::to_string(steps.size()).size();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    out += wrap(pad(std::to_string(i + 1), digits, false) + ". ", steps[i], table_width);
  }
  return out;
}

}  // namespace report
JOINEDUP_END_NAMESPACE
