// joinedup: the pooled fund validator's parts, one short function per rule group. The entry
// point is budget::validate in joinedup/budget/validate.hpp; nothing here is public API.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/budget/catalogue.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/ids.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {
namespace detail {

/// "£1,234.56" for messages.
inline std::string show(money m) {
  return m.to_string(money_style::display);
}

/// "funding source 'x' is not in the 2025-26 list" for budget.fund.enum messages.
inline std::string not_in_list(std::string_view what, const std::string& value,
                               const bcf_catalogue& catalogue) {
  return std::string(what) + " '" + value + "' is not in the " + catalogue.year.to_string() +
         " list";
}

/// Adds budget.fund.duplicate_id for every item whose id appeared before in `items` (an array at
/// member `key` of the reporter's current object; `what` names an item in messages).
template <class Item>
void check_unique(const std::vector<Item>& items, std::string_view key, std::string_view what,
                  reporter& r) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto [it, inserted] = first.emplace(items[i].id, i);
    if (inserted) continue;
    auto s = r.scope(key, i);
    r.error_at("id", "budget.fund.duplicate_id",
               std::string(what) + " id '" + items[i].id +
                   "' is used again; it was first used at /" + std::string(key) + "/" +
                   std::to_string(it->second) + "; ids must be unique");
  }
}

/// The NHS and council parts of a line's planned spend: the whole to its commissioner, or a
/// joint line split by its shares with allocate (so the two parts add up exactly).
struct commissioner_split {
  money nhs;      ///< NHS-commissioned part
  money council;  ///< council-commissioned part
};

/// True when a + b is exactly 1, worked in 128 bits so it never overflows: a.num × b.den +
/// b.num × a.den = a.den × b.den (each product is below 2^126).
constexpr bool sums_to_one(ratio a, ratio b) noexcept {
  return joinedup::detail::int128{a.num()} * b.den() +
             joinedup::detail::int128{b.num()} * a.den() ==
         joinedup::detail::int128{a.den()} * b.den();
}

/// Splits `amount` on `line` between NHS and council commissioning.
inline commissioner_split split_by_commissioner(const expenditure_line& line, money amount) {
  switch (line.commissioner) {
    case commissioner_kind::nhs:
      return {amount, money{}};
    case commissioner_kind::local_authority:
      return {money{}, amount};
    case commissioner_kind::joint:
      break;
  }
  const ratio nhs = line.joint_nhs_share.value_or(ratio::percent(50));
  const ratio la = line.joint_la_share.value_or(ratio::whole(1) - nhs);
  // Weights on a common denominator, nhs.num × la.den against la.num × nhs.den, worked in 128
  // bits and halved together until they fit allocate's 64-bit weights (only shares with very
  // fine fractions need that; the parts still add up to `amount` exactly).
  joinedup::detail::int128 wide[2] = {joinedup::detail::int128{nhs.num()} * la.den(),
                                      joinedup::detail::int128{la.num()} * nhs.den()};
  if (wide[0] < 0 || wide[1] < 0 || (wide[0] == 0 && wide[1] == 0)) return {money{}, money{}};
  const joinedup::detail::int128 limit = std::numeric_limits<std::int64_t>::max();
  while (wide[0] > limit || wide[1] > limit) {
    wide[0] >>= 1;
    wide[1] >>= 1;
  }
  const std::int64_t w[2] = {static_cast<std::int64_t>(wide[0]),
                             static_cast<std::int64_t>(wide[1])};
  const auto parts = allocate(amount, w);
  return {(*parts)[0], (*parts)[1]};
}

/// The fund being validated and what the walk over it has added up so far, for the fund-level
/// checks at the end.
struct fund_walk {
  /// Starts a walk over `f` with the enumerations `c`, with nothing added up yet.
  fund_walk(const pooled_fund& f, const bcf_catalogue& c) : fund(f), catalogue(c) {
    for (const scheme& s : f.schemes)
      scheme_ids.insert(s.id);
  }

  const pooled_fund& fund;                        ///< the fund
  const bcf_catalogue& catalogue;                 ///< its year's enumerations
  std::size_t icbs = 0;                           ///< ICB partners
  std::set<std::string> scheme_ids;               ///< the ids in /schemes
  std::map<std::string, money> income_by_source;  ///< contributions, by catalogue key
  std::map<std::string, money> spend_by_source;   ///< planned spend, by catalogue key
  money nhs_min_spend;                            ///< planned spend from the NHS minimum
  money asc_spend;  ///< of which council-commissioned (social care lines)
  money ooh_spend;  ///< of which NHS-commissioned (lines outside acute)
};

/// The catalogue's year against the fund's, and unique partner, scheme and line ids.
inline void validate_year_and_ids(const fund_walk& w, reporter& r) {
  if (!(w.fund.year == w.catalogue.year)) {
    r.warning_at("financial_year", "budget.fund.catalogue_year",
                 "the fund is for " + w.fund.year.to_string() + " but the enumerations are for " +
                     w.catalogue.year.to_string());
  }
  check_unique(w.fund.partners, "partners", "partner", r);
  check_unique(w.fund.schemes, "schemes", "scheme", r);
  check_unique(w.fund.lines, "lines", "line", r);
}

/// One partner's ODS and GSS codes (the reporter is at the partner).
inline void validate_partner(const partner& p, reporter& r) {
  if (!p.ods_code.empty()) collect(ods_code::parse(p.ods_code), r.out(), r.at("ods_code"));
  if (!p.gss_code.empty()) collect(gss_code::parse(p.gss_code), r.out(), r.at("gss_code"));
  if (p.ods_code.empty() && p.gss_code.empty()) {
    r.error("budget.fund.partner_code", "partner '" + p.id + "' needs an ODS code or a GSS code");
  }
}

/// Every partner, and the pool's make-up: at least one ICB and exactly one council.
inline void validate_partners(fund_walk& w, reporter& r) {
  std::size_t councils = 0;
  for (std::size_t i = 0; i < w.fund.partners.size(); ++i) {
    const partner& p = w.fund.partners[i];
    w.icbs += p.kind == partner_kind::icb ? 1 : 0;
    councils += p.kind == partner_kind::council ? 1 : 0;
    auto s = r.scope("partners", i);
    validate_partner(p, r);
  }
  if (w.icbs == 0 || councils != 1) {
    r.error_at("partners", "budget.fund.partners",
               "a Better Care Fund pool needs at least one ICB and exactly one council; found " +
                   std::to_string(w.icbs) + " ICB(s) and " + std::to_string(councils) +
                   " council(s)");
  }
}

/// The host is a partner, the HWB's GSS code, and the agreement covers the year.
inline void validate_agreement(const fund_walk& w, reporter& r) {
  const pooled_fund& fund = w.fund;
  if (fund.find_partner(fund.host) == nullptr) {
    r.error_at("host", "budget.fund.host_not_partner",
               "the host '" + fund.host +
                   "' is not one of the partners; the host partner must be "
                   "a party to the agreement");
  }
  if (!fund.hwb_gss_code.empty()) {
    collect(gss_code::parse(fund.hwb_gss_code), r.out(), r.at("hwb_gss_code"));
  }
  const section75_agreement& a = fund.agreement;
  if (a.start.ok() && a.end.ok() &&
      (std::chrono::sys_days(a.start) > std::chrono::sys_days(fund.year.first_day()) ||
       std::chrono::sys_days(a.end) < std::chrono::sys_days(fund.year.last_day()))) {
    r.warning_at("agreement", "budget.fund.agreement_dates",
                 "the section 75 agreement (" + to_iso_string(a.start) + " to " +
                     to_iso_string(a.end) + ") does not cover the whole of " +
                     fund.year.to_string());
  }
}

/// A warning when the partner paying a contribution is not the kind that normally pays its
/// source (NHS money from the council, or council money from an NHS body).
inline void check_source_payer(const funding_source_def& src, const partner& p,
                               const contribution& c, reporter& r) {
  const bool mismatch = (src.payer == payer_kind::nhs && p.kind == partner_kind::council) ||
                        (src.payer == payer_kind::council && p.kind != partner_kind::council);
  if (!mismatch) return;
  r.warning("budget.fund.source_payer",
            "'" + src.value.label + "' is normally paid by " +
                (src.payer == payer_kind::nhs ? "an NHS body" : "the council") + ", but partner '" +
                c.partner + "' is " + std::string(to_string(p.kind)));
}

/// A performance-linked element (the reporter is at it): a partner's NHS money (else a
/// warning), positive and within the partner's contributions to its source, against a stated
/// target, funding lines of the fund.
inline void validate_performance(const pooled_fund& fund, const performance_element& e,
                                 reporter& r) {
  const partner* p = fund.find_partner(e.partner);
  if (p == nullptr) {
    r.error_at(
        "partner", "budget.fund.unknown_partner",
        "performance-linked element names partner '" + e.partner + "', which is not in /partners");
  } else if (p->kind != partner_kind::icb && p->kind != partner_kind::other_nhs) {
    r.warning_at("partner", "budget.fund.performance_not_nhs",
                 "a performance-linked element is NHS money paid in only if a target is met; '" +
                     e.partner + "' is not an NHS partner");
  }
  money paid;
  for (const contribution& c : fund.contributions) {
    if (c.partner == e.partner && c.source == e.source) paid += c.amount;
  }
  if (!e.amount.is_positive()) {
    r.error_at("amount", "budget.fund.performance_linked",
               "the performance-linked element of " + show(e.amount) + " is not positive");
  } else if (e.amount > paid) {
    r.error_at("amount", "budget.fund.performance_linked",
               "the performance-linked element of " + show(e.amount) + " is more than " +
                   e.partner + "'s contributions to " + e.source + " (" + show(paid) + ")");
  }
  if (e.target.empty()) {
    r.error_at("target", "budget.fund.performance_linked",
               "a performance-linked element must state the target it is paid in against");
  }
  for (std::size_t k = 0; k < e.lines.size(); ++k) {
    if (fund.find_line(e.lines[k]) != nullptr) continue;
    auto s = r.scope("lines", k);
    r.error("budget.fund.unknown_line", "the performance-linked element names line '" + e.lines[k] +
                                            "', which is not in /lines");
  }
}

/// A contribution's instalments: due within the year, adding up to the contribution.
inline void validate_instalments(const contribution& c, const financial_year& year, reporter& r) {
  money sum;
  for (std::size_t k = 0; k < c.instalments.size(); ++k) {
    const instalment& due = c.instalments[k];
    sum += due.amount;
    if (year.contains(due.due)) continue;
    auto s = r.scope("instalments", k);
    r.warning_at("due", "budget.fund.instalment_date",
                 "instalment due " + to_iso_string(due.due) + " is outside " + year.to_string());
  }
  if (sum != c.amount) {
    r.error_at("instalments", "budget.fund.instalments",
               "instalments add up to " + show(sum) + " but the contribution is " + show(c.amount) +
                   "; difference " + show(c.amount - sum));
  }
}

/// One contribution (the reporter is at it); its amount counts towards its source's income.
inline void validate_contribution(fund_walk& w, const contribution& c, reporter& r) {
  const partner* p = w.fund.find_partner(c.partner);
  if (p == nullptr) {
    r.error_at("partner", "budget.fund.unknown_partner",
               "contribution names partner '" + c.partner + "', which is not in /partners");
  }
  if (c.amount.is_negative()) {
    r.error_at("amount", "budget.fund.negative_contribution",
               "contribution of " + show(c.amount) +
                   " is negative; a reduction is a variation "
                   "of the agreement, not a negative contribution");
  }
  const funding_source_def* src = w.catalogue.funding_source(c.source);
  if (src == nullptr) {
    r.error_at("source", "budget.fund.enum", not_in_list("funding source", c.source, w.catalogue));
  } else {
    w.income_by_source[src->value.key] += c.amount;
    if (p != nullptr) check_source_payer(*src, *p, c, r);
  }
  if (!c.instalments.empty()) validate_instalments(c, w.fund.year, r);
}

/// A line's sub-type against its scheme type's list (the scheme type has sub-types).
inline void validate_sub_type(const scheme_type_def& type, const expenditure_line& l, reporter& r) {
  const enum_value* sub = find_value(type.sub_types, l.sub_type);
  if (l.sub_type.empty()) {
    r.error_at("sub_type", "budget.fund.sub_type",
               "scheme type '" + type.value.label + "' needs a sub-type");
  } else if (sub == nullptr) {
    r.error_at(
        "sub_type", "budget.fund.sub_type",
        "sub-type '" + l.sub_type + "' does not belong to scheme type '" + type.value.label + "'");
  } else if (sub->key == "other" && l.scheme_type_other.empty()) {
    r.error_at("scheme_type_other", "budget.fund.other_description",
               "sub-type 'Other' needs a description in scheme_type_other");
  }
}

/// A line's scheme type and sub-type against the year's enumerations.
inline void validate_scheme_type(const bcf_catalogue& catalogue, const expenditure_line& l,
                                 reporter& r) {
  const scheme_type_def* type = catalogue.scheme_type(l.scheme_type);
  if (type == nullptr) {
    r.error_at("scheme_type", "budget.fund.enum",
               not_in_list("scheme type", l.scheme_type, catalogue));
    return;
  }
  if (!type->sub_types.empty()) {
    validate_sub_type(*type, l, r);
  } else if (!l.sub_type.empty()) {
    r.warning_at("sub_type", "budget.fund.sub_type",
                 "scheme type '" + type->value.label + "' has no sub-types; '" + l.sub_type +
                     "' is ignored");
  }
  if (type->value.key == "other" && l.scheme_type_other.empty()) {
    r.error_at("scheme_type_other", "budget.fund.other_description",
               "scheme type 'Other' needs a description in scheme_type_other");
  }
}

/// A line's area of spend and provider type against the year's enumerations; returns the area
/// of spend, or nullptr when it is not in the list.
inline const enum_value* validate_area_and_provider(const bcf_catalogue& catalogue,
                                                    const expenditure_line& l, reporter& r) {
  const enum_value* area = find_value(catalogue.areas_of_spend, l.area_of_spend);
  if (area == nullptr) {
    r.error_at("area_of_spend", "budget.fund.enum",
               not_in_list("area of spend", l.area_of_spend, catalogue));
  } else if (area->key == "other" && l.area_of_spend_other.empty()) {
    r.error_at("area_of_spend_other", "budget.fund.other_description",
               "area of spend 'Other' needs a description in area_of_spend_other");
  }
  if (!l.provider_type.empty() &&
      find_value(catalogue.provider_types, l.provider_type) == nullptr) {
    r.error_at("provider_type", "budget.fund.enum",
               not_in_list("provider type", l.provider_type, catalogue));
  }
  return area;
}

/// "100.00%"-style text for the sum of a joint line's shares, or a plain phrase when the sum is
/// too fine to show exactly.
inline std::string share_sum_text(ratio nhs, ratio la) {
  try {
    return scale(money::from_pence(10000), nhs + la, rounding::half_even).to_string() + "%";
  } catch (const std::exception&) {  // too fine to show exactly; the message still holds
    return "something other than 100%";
  }
}

/// A joint line names both shares and they sum to 100%; any other line names none.
inline void validate_joint_shares(const expenditure_line& l, reporter& r) {
  if (l.commissioner != commissioner_kind::joint) {
    if (l.joint_nhs_share || l.joint_la_share) {
      r.warning("budget.fund.joint_shares",
                "line '" + l.id + "' is not joint, so its joint shares are ignored");
    }
    return;
  }
  if (!l.joint_nhs_share || !l.joint_la_share) {
    r.error("budget.fund.joint_shares",
            "joint line '" + l.id + "' needs both joint_nhs_percent and joint_la_percent");
  } else if (!sums_to_one(*l.joint_nhs_share, *l.joint_la_share) ||
             l.joint_nhs_share->is_negative() || l.joint_la_share->is_negative()) {
    r.error("budget.fund.joint_shares",
            "joint line '" + l.id + "' has NHS and council shares that sum to " +
                share_sum_text(*l.joint_nhs_share, *l.joint_la_share) + " instead of 100%");
  }
}

/// An NHS or joint line's NHS partner: an NHS partner of the fund, and required when the fund
/// has more than one ICB.
inline void validate_nhs_partner(const fund_walk& w, const expenditure_line& l, reporter& r) {
  if (l.commissioner == commissioner_kind::local_authority) return;
  if (!l.nhs_partner.empty()) {
    const partner* p = w.fund.find_partner(l.nhs_partner);
    if (p == nullptr || p->kind == partner_kind::council) {
      r.error_at("nhs_partner", "budget.fund.unknown_partner",
                 "nhs_partner '" + l.nhs_partner + "' is not an NHS partner of the fund");
    }
  } else if (w.icbs > 1) {
    r.error_at("nhs_partner", "budget.fund.nhs_partner_required",
               "line '" + l.id + "' is NHS or jointly commissioned and the fund has " +
                   std::to_string(w.icbs) + " ICBs: say which one in nhs_partner");
  }
}

/// A line's funding source: in the year's list, capital money only on capital lines; its spend
/// counts towards its source and, for the NHS minimum, towards the ring-fences.
inline void count_line_source(fund_walk& w, const expenditure_line& l, const enum_value* area,
                              reporter& r) {
  const funding_source_def* src = w.catalogue.funding_source(l.source);
  if (src == nullptr) {
    r.error_at("source", "budget.fund.enum", not_in_list("funding source", l.source, w.catalogue));
    return;
  }
  w.spend_by_source[src->value.key] += l.planned;
  if (src->capital && !l.capital) {
    r.error_at("capital", "budget.fund.dfg_revenue",
               "line '" + l.id + "' spends " + show(l.planned) + " of " + src->value.label +
                   ", which is capital money, on revenue; mark the line capital or change its "
                   "source");
  } else if (!src->capital && l.capital) {
    r.warning_at("capital", "budget.fund.capital_source",
                 "line '" + l.id + "' is capital but funded from " + src->value.label +
                     ", a revenue source");
  }
  if (src->role != funding_role::nhs_minimum) return;
  w.nhs_min_spend += l.planned;
  const commissioner_split split = split_by_commissioner(l, l.planned);
  if (area != nullptr && area->key == "social_care") w.asc_spend += split.council;
  if (area != nullptr && area->key != "acute") w.ooh_spend += split.nhs;
}

/// One expenditure line (the reporter is at it).
inline void validate_line(fund_walk& w, const expenditure_line& l, reporter& r) {
  if (w.scheme_ids.count(l.scheme) == 0) {
    r.error_at("scheme", "budget.fund.unknown_scheme",
               "line '" + l.id + "' names scheme '" + l.scheme + "', which is not in /schemes");
  }
  if (l.planned.is_negative()) {
    r.error_at(
        "planned", "budget.fund.negative_planned",
        "line '" + l.id + "' plans " + show(l.planned) + "; planned spend cannot be negative");
  }
  validate_scheme_type(w.catalogue, l, r);
  const enum_value* area = validate_area_and_provider(w.catalogue, l, r);
  validate_joint_shares(l, r);
  validate_nhs_partner(w, l, r);
  count_line_source(w, l, area, r);
}

/// Spend from each source within its income, and the NHS minimum fully allocated.
inline void validate_source_totals(const fund_walk& w, reporter& r) {
  for (const auto& [source, spend] : w.spend_by_source) {
    const auto it = w.income_by_source.find(source);
    const money income = it == w.income_by_source.end() ? money{} : it->second;
    if (spend <= income) continue;
    r.error_at("lines", "budget.fund.source_overspent",
               "planned spend of " + show(spend) + " from " +
                   w.catalogue.funding_source(source)->value.label + " exceeds its income of " +
                   show(income) + " by " + show(spend - income));
  }
  money nhs_min_income;
  for (const auto& [source, income] : w.income_by_source) {
    const funding_source_def* src = w.catalogue.funding_source(source);
    if (src != nullptr && src->role == funding_role::nhs_minimum) nhs_min_income += income;
  }
  if (w.nhs_min_spend < nhs_min_income) {
    r.error_at("lines", "budget.fund.nhs_minimum_unallocated",
               "only " + show(w.nhs_min_spend) + " of the NHS minimum contribution of " +
                   show(nhs_min_income) + " is allocated to schemes; " +
                   show(nhs_min_income - w.nhs_min_spend) + " is unallocated");
  }
}

/// One ring-fence (the reporter is at it): a known kind, met by the NHS minimum spend.
inline void validate_ring_fence(const fund_walk& w, const ring_fence& f, reporter& r) {
  if (f.minimum.is_negative()) {
    r.error_at("minimum", "budget.fund.negative_ring_fence",
               "ring-fenced minimum " + show(f.minimum) + " is negative");
  }
  if (!w.catalogue.has_ring_fence(f.kind)) {
    r.warning_at("kind", "budget.fund.enum",
                 "ring-fence '" + f.kind + "' is not a ring-fence of " +
                     w.catalogue.year.to_string() + ", so it is not checked");
    return;
  }
  const bool asc = f.kind == "nhs_minimum_asc";
  const money spend = asc ? w.asc_spend : w.ooh_spend;
  if (spend >= f.minimum) return;
  r.error_at(
      "minimum", asc ? "budget.fund.asc_ring_fence" : "budget.fund.ooh_ring_fence",
      std::string(asc ? "NHS minimum spend on council-commissioned social care is "
                      : "NHS minimum spend on NHS-commissioned out-of-hospital services is ") +
          show(spend) + ", below the ring-fenced minimum of " + show(f.minimum) + "; shortfall " +
          show(f.minimum - spend));
}

/// The stated total against the contributions, and the planned spend against the income.
inline void validate_fund_totals(const pooled_fund& fund, reporter& r) {
  const money income = fund.total_contributions();
  const money planned = fund.total_planned();
  if (fund.stated_total && *fund.stated_total != income) {
    r.error_at("stated_total", "budget.fund.total_mismatch",
               "contributions add up to " + show(income) + " but the agreement states a fund of " +
                   show(*fund.stated_total) + "; difference " + show(*fund.stated_total - income));
  }
  if (planned > income) {
    r.error_at("lines", "budget.fund.overcommitted",
               "planned spend " + show(planned) + " exceeds the fund's income " + show(income) +
                   " by " + show(planned - income));
  } else {
    // The risk pool is funded from the income no line plans to spend: only what is left beyond
    // it is unallocated.
    const money pool =
        fund.risk_share.risk_pool.is_positive() ? fund.risk_share.risk_pool : money{};
    if (planned + pool < income) {
      r.warning_at("lines", "budget.fund.unallocated",
                   "planned spend " + show(planned) +
                       (pool.is_positive() ? " and the risk pool " + show(pool) : "") +
                       " are below the fund's income " + show(income) + "; " +
                       show(income - planned - pool) + " is not allocated to any line");
    }
  }
}

/// The later years of a multi-year plan (the reporter is at the fund): consecutive years after
/// the fund's, partners of the fund, lines of the fund listed once, no negative amounts, and no
/// year planning to spend more than its income (a line a year does not list keeps the plan it
/// had the year before).
inline void validate_plan_years(const pooled_fund& fund, reporter& r) {
  const std::vector<money> planned = fund.later_years_planned();
  for (std::size_t y = 0; y < fund.later_years.size(); ++y) {
    const plan_year& py = fund.later_years[y];
    auto s = r.scope("later_years", y);
    const financial_year expected =
        financial_year::starting(fund.year.start_year() + static_cast<int>(y) + 1);
    if (!(py.year == expected)) {
      r.error_at("financial_year", "budget.fund.plan_year",
                 "the plan's years must follow on from " + fund.year.to_string() + ": expected " +
                     expected.to_string() + ", found " + py.year.to_string());
    }
    money income;
    for (std::size_t k = 0; k < py.contributions.size(); ++k) {
      const contribution& c = py.contributions[k];
      auto cs = r.scope("contributions", k);
      income += c.amount;
      if (fund.find_partner(c.partner) == nullptr) {
        r.error_at(
            "partner", "budget.fund.unknown_partner",
            "the plan's contribution names partner '" + c.partner + "', which is not in /partners");
      }
      if (c.amount.is_negative()) {
        r.error_at("amount", "budget.fund.plan_year",
                   "the contribution of " + show(c.amount) + " is negative");
      }
    }
    std::set<std::string, std::less<>> seen;
    for (std::size_t k = 0; k < py.lines.size(); ++k) {
      const planned_line& pl = py.lines[k];
      auto ls = r.scope("lines", k);
      if (fund.find_line(pl.line) == nullptr) {
        r.error_at("line", "budget.fund.unknown_line",
                   "the plan names line '" + pl.line + "', which is not in /lines");
        continue;
      }
      if (!seen.insert(pl.line).second) {
        r.error_at("line", "budget.fund.plan_year",
                   "line '" + pl.line + "' is listed twice for " + py.year.to_string());
      }
      if (pl.planned.is_negative()) {
        r.error_at("planned", "budget.fund.plan_year",
                   "the planned spend of " + show(pl.planned) + " is negative");
      }
    }
    if (planned[y] > income) {
      r.error("budget.fund.plan_year", "in " + py.year.to_string() + " planned spend " +
                                           show(planned[y]) + " exceeds the income " +
                                           show(income) + " by " + show(planned[y] - income));
    }
  }
}

/// The schemes and lines a rule names (the reporter is at it) are in the fund; `who` names the
/// rule in the messages ("risk-share override").
inline void validate_scope(const fund_walk& w, const std::vector<std::string>& schemes,
                           const std::vector<std::string>& lines, std::string_view who,
                           reporter& r) {
  for (std::size_t k = 0; k < schemes.size(); ++k) {
    if (w.scheme_ids.count(schemes[k]) != 0) continue;
    auto s = r.scope("schemes", k);
    r.error("budget.fund.unknown_scheme",
            std::string(who) + " names scheme '" + schemes[k] + "', which is not in /schemes");
  }
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (w.fund.find_line(lines[k]) != nullptr) continue;
    auto s = r.scope("lines", k);
    r.error("budget.fund.unknown_line",
            std::string(who) + " names line '" + lines[k] + "', which is not in /lines");
  }
}

/// The Health and Wellbeing Board's underspend decision (the reporter is at it): a reference, a
/// rule other than retained_by_lead_commissioner, schemes and lines of the fund, and at least
/// one line it can apply to (a warning otherwise).
inline void validate_hwb_decision(const fund_walk& w, const hwb_underspend_decision& d,
                                  reporter& r) {
  if (d.reference.empty()) {
    r.error_at("reference", "budget.fund.hwb_decision",
               "the Health and Wellbeing Board's decision needs its reference (a minute or "
               "resolution)");
  }
  if (d.underspend == underspend_rule::retained_by_lead_commissioner) {
    r.error_at("underspend", "budget.fund.hwb_decision",
               "the Board's decision replaces retained_by_lead_commissioner, so it must name "
               "another underspend rule");
  }
  validate_scope(w, d.schemes, d.lines, "the Board's decision", r);
  const bool applies = std::any_of(w.fund.lines.begin(), w.fund.lines.end(), [&](const auto& l) {
    return d.covers(l) && w.fund.risk_share.rule_for(l).underspend ==
                              underspend_rule::retained_by_lead_commissioner;
  });
  const bool fund_wide =
      d.schemes.empty() && d.lines.empty() &&
      w.fund.risk_share.default_rule.underspend == underspend_rule::retained_by_lead_commissioner;
  if (!applies && !fund_wide) {
    r.warning("budget.fund.hwb_decision_unused",
              "no line it covers has its underspend retained by the lead commissioner, so the "
              "Board's decision changes nothing");
  }
}

/// One overspend cap (the reporter is at it): a partner of the fund, not negative.
inline void validate_cap(const pooled_fund& fund, const overspend_cap& c, reporter& r) {
  if (fund.find_partner(c.partner) == nullptr) {
    r.error_at("partner", "budget.fund.unknown_partner",
               "cap names partner '" + c.partner + "', which is not in /partners");
  }
  if (c.cap.is_negative()) {
    r.error_at("cap", "budget.fund.risk_pool", "cap of " + show(c.cap) + " is negative");
  }
}

/// The risk pool is money (the reporter is at the risk share): no larger than the revenue
/// income no revenue line plans to spend, and its stated funders are partners whose parts add
/// up to it, each within its own contribution.
inline void validate_pool_funding(const pooled_fund& f, reporter& r) {
  const risk_share_agreement& rs = f.risk_share;
  // Capital money does not fund the risk pool (capital_parts, as settle() keeps it apart).
  money capital_income;
  for (const money m : capital_parts(f))
    capital_income += m;
  money capital_planned;
  if (f.risk_share.capital_revenue_offset_clause.empty()) {
    for (const expenditure_line& l : f.lines) {
      if (l.capital) capital_planned += l.planned;
    }
  }
  const money spare =
      (f.total_contributions() - capital_income) - (f.total_planned() - capital_planned);
  if (rs.risk_pool.is_positive() && rs.risk_pool > spare) {
    const money funded = spare.is_positive() ? spare : money{};
    r.error_at("risk_pool", "budget.risk_pool.unfunded",
               "the risk pool of " + show(rs.risk_pool) +
                   " is more than the income no line plans to spend (revenue contributions " +
                   show(f.total_contributions() - capital_income) + " − revenue planned " +
                   show(f.total_planned() - capital_planned) + "): " + show(rs.risk_pool - funded) +
                   " short; add the contributions that fund it or make the pool smaller");
  }
  if (rs.risk_pool_funding.empty()) return;
  money stated;
  for (std::size_t i = 0; i < rs.risk_pool_funding.size(); ++i) {
    const pool_funding& pf = rs.risk_pool_funding[i];
    auto s = r.scope("risk_pool_funding", i);
    stated += pf.amount;
    if (f.find_partner(pf.partner) == nullptr) {
      r.error_at("partner", "budget.risk_pool.funding",
                 "names partner '" + pf.partner + "', which is not in /partners");
    } else if (pf.amount.is_negative() || pf.amount > f.contribution_of(pf.partner)) {
      r.error_at("amount", "budget.risk_pool.funding",
                 "partner '" + pf.partner + "' funds " + show(pf.amount) +
                     " of the risk pool, outside 0 to its contribution of " +
                     show(f.contribution_of(pf.partner)));
    }
  }
  if (!(stated == rs.risk_pool)) {
    r.error_at("risk_pool_funding", "budget.risk_pool.funding",
               "the partners' stated parts of the risk pool add up to " + show(stated) +
                   ", not the risk pool of " + show(rs.risk_pool));
  }
}

/// The DFG passed to district councils (two-tier areas): each a named E07 district, once, with
/// an amount not below zero; together exactly the fund's DFG income. A county Health and
/// Wellbeing Board (E10) with DFG income and no pass-through is warned about.
inline void validate_dfg_pass_through(const pooled_fund& fund, reporter& r) {
  money dfg;
  for (const contribution& c : fund.contributions) {
    if (c.source == "dfg") dfg += c.amount;
  }
  const std::vector<dfg_allocation>& list = fund.dfg_pass_through;
  if (list.empty()) {
    const result<gss_code> hwb = gss_code::parse(fund.hwb_gss_code);
    if (hwb && hwb->kind() == gss_kind::county && dfg.is_positive()) {
      r.warning_at("dfg_pass_through", "budget.fund.dfg_districts",
                   "the Health and Wellbeing Board is a county (" + fund.hwb_gss_code +
                       "), where the DFG of " + show(dfg) +
                       " is passed to the district councils; list each district's part in "
                       "dfg_pass_through");
    }
    return;
  }
  money total;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const dfg_allocation& a = list[i];
    auto s = r.scope("dfg_pass_through", i);
    total += a.amount;
    const result<gss_code> code = gss_code::parse(a.gss_code);
    if (!code) {
      collect(code, r.out(), r.at("gss_code"));
    } else if (code->kind() != gss_kind::non_metropolitan_district) {
      r.error_at("gss_code", "budget.fund.dfg_district",
                 "'" + a.gss_code +
                     "' is not a non-metropolitan district (E07…); the DFG is "
                     "passed to the district councils of a two-tier area");
    } else if (!seen.insert(code->str()).second) {
      r.error_at("gss_code", "budget.fund.dfg_district",
                 "district " + a.gss_code + " is listed twice");
    }
    if (a.district.empty()) {
      r.error_at("district", "budget.fund.dfg_district", "the district council is not named");
    }
    if (a.amount.is_negative()) {
      r.error_at("amount", "budget.fund.dfg_district",
                 "the DFG passed to " + a.district + " is negative (" + show(a.amount) + ")");
    }
  }
  if (!(total == dfg)) {
    r.error_at("dfg_pass_through", "budget.fund.dfg_pass_through",
               "the districts' parts add up to " + show(total) + " but the fund's DFG is " +
                   show(dfg) + "; difference " + show(dfg - total) +
                   ": the DFG must be passed on in full");
  }
}

/// The risk-share agreement (the reporter is at it): the pool, overrides and caps.
inline void validate_risk_share(const fund_walk& w, reporter& r) {
  const risk_share_agreement& rs = w.fund.risk_share;
  if (rs.risk_pool.is_negative()) {
    r.error_at("risk_pool", "budget.fund.risk_pool",
               "the risk pool of " + show(rs.risk_pool) + " is negative");
  }
  validate_pool_funding(w.fund, r);
  for (std::size_t i = 0; i < rs.overrides.size(); ++i) {
    auto s = r.scope("overrides", i);
    validate_scope(w, rs.overrides[i].schemes, rs.overrides[i].lines, "risk-share override", r);
  }
  for (std::size_t i = 0; i < rs.caps.size(); ++i) {
    auto s = r.scope("caps", i);
    validate_cap(w.fund, rs.caps[i], r);
  }
  if (rs.hwb_decision) {
    auto s = r.scope("hwb_underspend_decision");
    validate_hwb_decision(w, *rs.hwb_decision, r);
  }
}

}  // namespace detail
}  // namespace budget
JOINEDUP_END_NAMESPACE
