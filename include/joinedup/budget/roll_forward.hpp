// joinedup: more than one year. roll_forward() writes next year's fund from this year's and its
// settlement: the year and the agreement's dates move on, contributions and lines are uplifted
// by funding source (uplifts as data, e.g. the NHS minimum's +3.9 % for 2025-26, domain notes
// §1.4), and what the settlement carried forward comes into the new year's fund.
// docs/budget-roll-forward.md.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/detail/common.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/ratio.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// A funding source's uplift into next year, e.g. nhs_minimum +3.9 %.
struct source_uplift {
  std::string source;  ///< funding source key
  ratio uplift;        ///< the change, e.g. 3.9 % (may be negative, not below −100 %)
  /// Memberwise equality.
  friend bool operator==(const source_uplift&, const source_uplift&) = default;
};

/// The terms of a roll-forward (joinedup/roll-forward/v1): the uplifts by source. A source not
/// named is carried at the same cash. Money is rounded half up to the penny, contribution by
/// contribution; the lines of a source then share its new total exactly (largest remainder).
struct roll_forward_terms {
  std::vector<source_uplift> uplifts;  ///< by funding source
  /// Memberwise equality.
  friend bool operator==(const roll_forward_terms&, const roll_forward_terms&) = default;
};

/// Next year's fund and what the roll-forward did, in words.
struct rolled_fund {
  pooled_fund fund;                ///< next year's fund
  std::vector<std::string> notes;  ///< one sentence per change, in order
};

namespace detail {

/// "2025-26" → "2026-27" inside a fund's name, when it has the year.
inline std::string next_name(std::string name, const financial_year& year) {
  const std::string from = year.to_string();
  const std::size_t at = name.find(from);
  if (at != std::string::npos) {
    name.replace(at, from.size(), financial_year::starting(year.start_year() + 1).to_string());
  }
  return name;
}

/// The same day a year later (29 February becomes 28 February).
inline std::chrono::year_month_day a_year_on(std::chrono::year_month_day d) {
  std::chrono::year_month_day next = d + std::chrono::years{1};
  if (!next.ok()) next = next.year() / next.month() / std::chrono::last;
  return next;
}

}  // namespace detail

/// Next year's fund from `fund` and its settlement `s` under `terms`:
/// - the year is the next one; the agreement's dates and instalments' due dates move on a year;
///   the name's "2025-26" becomes "2026-27";
/// - each contribution is uplifted by its source's uplift, rounded half up to the penny, and its
///   instalments share the new amount in their old proportions;
/// - each source's lines share the source's new planned total — its old planned total plus the
///   change in its income, so money the lines did not plan (the risk pool's funding) stays as it
///   was — in proportion to their old planned spend;
/// - a line's underspend the settlement carried forward is added to that line, and funded by
///   the partners contributing to its source, pro rata to those contributions (capital stays
///   capital); revenue income carried forward fund-wide is added to the risk pool, funded by
///   the partners by their revenue contributions (as additional contributions); capital income
///   carried forward comes back as capital contributions, by the partners' capital parts;
/// - a performance-linked element starts the year with its target not yet judged, and the
///   Health and Wellbeing Board's underspend decision (this year's) does not carry over;
/// - when the fund is the first year of a multi-year plan (`later_years`), next year's
///   contributions and planned spend are the ones the plan states for it (uplifts are then not
///   applied: budget.roll_forward.uplifts_ignored, a warning), and the year comes off the plan;
/// - caps, overrides, schemes and the rest carry over unchanged.
/// Problems: `budget.roll_forward.uplift` (an uplift below −100 % or for a source no
/// contribution names), `budget.roll_forward.settlement` (the settlement names a line the fund
/// does not have).
[[nodiscard]] inline rolled_fund roll_forward(const pooled_fund& fund, const settlement& s,
                                              const roll_forward_terms& terms, diagnostics& d) {
  using joinedup::budget::detail::gbp;
  rolled_fund out;
  pooled_fund& f = out.fund;
  f = fund;
  f.year = financial_year::starting(fund.year.start_year() + 1);
  f.name = detail::next_name(fund.name, fund.year);
  if (fund.agreement.start.ok()) f.agreement.start = detail::a_year_on(fund.agreement.start);
  if (fund.agreement.end.ok()) f.agreement.end = detail::a_year_on(fund.agreement.end);
  out.notes.push_back("Year " + fund.year.to_string() + " → " + f.year.to_string() + ".");
  for (performance_element& e : f.performance_linked) {
    if (!e.met) continue;
    e.met.reset();
    e.evidence.clear();
    out.notes.push_back("The performance-linked element of " + gbp(e.amount) + " (" + e.partner +
                        ", " + e.source + ") starts the year with its target not yet judged.");
  }
  if (f.risk_share.hwb_decision) {
    out.notes.push_back("The Health and Wellbeing Board's underspend decision (" +
                        f.risk_share.hwb_decision->reference +
                        ") was for this year's underspends and does not carry over.");
    f.risk_share.hwb_decision.reset();
  }

  // A multi-year plan that states next year's figures: they replace the uplifts.
  const bool from_plan = !fund.later_years.empty() && fund.later_years.front().year == f.year;
  if (from_plan) {
    const plan_year& py = fund.later_years.front();
    if (!terms.uplifts.empty()) {
      d.warning("budget.roll_forward.uplifts_ignored", json_pointer{}.key("uplifts").str(),
                "the fund's plan states the contributions and planned spend for " +
                    py.year.to_string() + ", so the uplifts are not applied");
    }
    f.contributions = py.contributions;  // instalments as the plan dates them
    for (std::size_t k = 0; k < py.lines.size(); ++k) {
      expenditure_line* line = nullptr;
      for (expenditure_line& l : f.lines) {
        if (l.id == py.lines[k].line) line = &l;
      }
      if (line == nullptr) {
        d.error("budget.roll_forward.plan_year",
                json_pointer{}.key("later_years").index(0).key("lines").index(k).str(),
                "the plan for " + py.year.to_string() + " names line '" + py.lines[k].line +
                    "', which is not in the fund");
        continue;
      }
      line->planned = py.lines[k].planned;
    }
    f.later_years.erase(f.later_years.begin());
    out.notes.push_back("Contributions and planned spend for " + py.year.to_string() +
                        " as the plan (" + fund.plan_period() + ") states them: income " +
                        gbp(f.total_contributions()) + ", planned " + gbp(f.total_planned()) + ".");
  } else if (!fund.later_years.empty()) {
    d.error("budget.roll_forward.plan_year", json_pointer{}.key("later_years").index(0).str(),
            "the fund's plan goes on with " + fund.later_years.front().year.to_string() + ", not " +
                f.year.to_string());
  }

  // Uplifts by source.
  std::map<std::string, ratio, std::less<>> uplift;
  for (std::size_t i = 0; i < terms.uplifts.size() && !from_plan; ++i) {
    const source_uplift& u = terms.uplifts[i];
    const std::string at = json_pointer{}.key("uplifts").index(i).str();
    if (u.uplift < ratio::whole(-1)) {
      d.error("budget.roll_forward.uplift", at, "the uplift for '" + u.source + "' is below −100%");
      continue;
    }
    bool named = false;
    for (const contribution& c : fund.contributions)
      named = named || c.source == u.source;
    if (!named) {
      d.error("budget.roll_forward.uplift", at,
              "no contribution is to source '" + u.source + "', so its uplift applies to nothing");
      continue;
    }
    uplift[u.source] = u.uplift;
  }

  // Contributions, and each source's change in income.
  std::vector<contribution> no_contributions;
  std::map<std::string, money, std::less<>> income_change;
  // (From a plan, the contributions are the plan's own figures, dated in their year.)
  for (contribution& c : f.contributions) {
    const auto it = uplift.find(c.source);
    const money before = c.amount;
    if (it != uplift.end())
      c.amount = scale(before, ratio::whole(1) + it->second, rounding::half_up);
    income_change[c.source] += c.amount - before;
    if (!c.instalments.empty()) {
      std::vector<money> weights;
      for (const instalment& in : c.instalments)
        weights.push_back(in.amount.is_negative() ? money{} : in.amount);
      const result<std::vector<money>> parts = allocate(c.amount, weights);
      for (std::size_t k = 0; k < c.instalments.size(); ++k) {
        c.instalments[k].due = detail::a_year_on(c.instalments[k].due);
        if (parts) c.instalments[k].amount = (*parts)[k];
      }
    }
  }
  for (const auto& [source, change] : income_change) {
    if (change.is_zero()) continue;
    out.notes.push_back("Contributions to " + source + " uplifted by " + gbp(change) + " (" +
                        joinedup::budget::detail::pct(uplift[source]) + ").");
  }

  // Lines: each source's planned total moves with its income.
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_source;
  for (std::size_t i = 0; i < f.lines.size(); ++i)
    by_source[f.lines[i].source].push_back(i);
  for (const auto& [source, idx] : by_source) {
    const auto change = income_change.find(source);
    if (change == income_change.end() || change->second.is_zero()) continue;
    money planned;
    std::vector<money> weights;
    for (const std::size_t i : idx) {
      planned += f.lines[i].planned;
      weights.push_back(f.lines[i].planned.is_negative() ? money{} : f.lines[i].planned);
    }
    const money target = planned + change->second;
    if (target.is_negative()) continue;
    const result<std::vector<money>> parts = allocate(target, weights);
    if (!parts) continue;
    for (std::size_t k = 0; k < idx.size(); ++k)
      f.lines[idx[k]].planned = (*parts)[k];
  }

  // What the settlement carried forward. (Capital parts of this year's contributions: capital
  // money carried forward fund-wide stays capital.)
  const std::vector<money> capital = capital_parts(fund);
  for (std::size_t k = 0; k < s.dispositions.size(); ++k) {
    const disposition& dp = s.dispositions[k];
    if (dp.kind != disposition_kind::carried_forward || !dp.amount.is_positive()) continue;
    if (!dp.line.empty()) {
      expenditure_line* line = nullptr;
      for (expenditure_line& l : f.lines) {
        if (l.id == dp.line) line = &l;
      }
      if (line == nullptr) {
        d.error("budget.roll_forward.settlement", json_pointer{}.key("dispositions").index(k).str(),
                "the settlement carries " + gbp(dp.amount) + " forward on line '" + dp.line +
                    "', which is not in the fund");
        continue;
      }
      line->planned += dp.amount;
      // Funded by the partners contributing to the line's source, pro rata.
      std::vector<money> weights;
      std::vector<std::string> partners;
      for (const contribution& c : fund.contributions) {
        if (c.source != line->source || !c.amount.is_positive()) continue;
        partners.push_back(c.partner);
        weights.push_back(c.amount);
      }
      const result<std::vector<money>> parts =
          weights.empty() ? result<std::vector<money>>(std::vector<money>{})
                          : allocate(dp.amount, weights);
      if (!parts || parts->empty()) {
        d.error("budget.roll_forward.settlement", json_pointer{}.key("dispositions").index(k).str(),
                "no partner contributes to source '" + line->source + "' of line '" + dp.line +
                    "', so the " + gbp(dp.amount) + " carried forward has no funder");
        line->planned -= dp.amount;
        continue;
      }
      for (std::size_t p = 0; p < partners.size(); ++p) {
        if ((*parts)[p].is_zero()) continue;
        f.contributions.push_back({partners[p], line->source, (*parts)[p], {}});
      }
      out.notes.push_back("Carried forward " + gbp(dp.amount) + " on line " + dp.line + " (" +
                          line->source + ").");
      continue;
    }
    if (dp.capital) {
      // Capital income no capital line spent stays capital: it comes back as contributions to
      // the same capital sources, from the same partners, pro rata to their capital parts.
      const result<std::vector<money>> parts =
          capital.empty() ? result<std::vector<money>>(std::vector<money>{})
                          : allocate(dp.amount, capital);
      if (!parts || parts->empty()) {
        d.error("budget.roll_forward.settlement", json_pointer{}.key("dispositions").index(k).str(),
                "no partner contributes capital, so the " + gbp(dp.amount) +
                    " of capital carried forward has no funder");
        continue;
      }
      for (std::size_t i = 0; i < parts->size(); ++i) {
        if ((*parts)[i].is_zero()) continue;
        const contribution& c = fund.contributions[i];
        f.contributions.push_back({c.partner, c.source, (*parts)[i], {}});
      }
      out.notes.push_back("Carried forward " + gbp(dp.amount) +
                          " of capital income no capital line spent, as capital income.");
      continue;
    }
    // Fund-wide revenue: into the risk pool, funded by the partners by their revenue
    // contributions.
    std::vector<money> weights;
    std::vector<std::size_t> who;
    for (std::size_t p = 0; p < fund.partners.size(); ++p) {
      money c;
      for (std::size_t i = 0; i < fund.contributions.size(); ++i) {
        if (fund.contributions[i].partner == fund.partners[p].id)
          c += fund.contributions[i].amount - capital[i];
      }
      if (c.is_positive()) {
        who.push_back(p);
        weights.push_back(c);
      }
    }
    const result<std::vector<money>> parts = weights.empty()
                                                 ? result<std::vector<money>>(std::vector<money>{})
                                                 : allocate(dp.amount, weights);
    if (!parts || parts->empty()) {
      d.error("budget.roll_forward.settlement", json_pointer{}.key("dispositions").index(k).str(),
              "no partner has contributed revenue, so the " + gbp(dp.amount) +
                  " carried forward has no funder");
      continue;
    }
    f.risk_share.risk_pool += dp.amount;
    for (std::size_t p = 0; p < who.size(); ++p) {
      const money part = (*parts)[p];
      if (part.is_zero()) continue;
      const partner& pt = fund.partners[who[p]];
      const std::string source =
          pt.kind == partner_kind::council ? "additional_la" : "additional_nhs";
      f.contributions.push_back({pt.id, source, part, {}});
      bool stated = false;
      for (pool_funding& pf : f.risk_share.risk_pool_funding) {
        if (pf.partner == pt.id) {
          pf.amount += part;
          stated = true;
        }
      }
      if (!stated && !f.risk_share.risk_pool_funding.empty()) {
        f.risk_share.risk_pool_funding.push_back({pt.id, part});
      }
    }
    out.notes.push_back("Carried forward " + gbp(dp.amount) +
                        " of income no line spent into the risk pool.");
  }
  if (f.stated_total) f.stated_total = f.total_contributions();
  return out;
}

}  // namespace budget

/// The fields of an uplift.
template <>
inline constexpr auto fields_of<budget::source_uplift> =
    std::tuple{field("source", &budget::source_uplift::source),
               field("uplift", &budget::source_uplift::uplift)};

/// The fields of the roll-forward terms (the "schema" tag is handled by the reader).
template <>
inline constexpr auto fields_of<budget::roll_forward_terms> =
    std::tuple{field("uplifts", &budget::roll_forward_terms::uplifts, presence::omit_empty)};

JOINEDUP_END_NAMESPACE
