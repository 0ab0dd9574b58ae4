// joinedup: the checks a pooled fund must pass before anyone relies on it.
#pragma once

#include <exception>
#include <limits>
#include <map>
#include <set>
#include <string>
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

/// Adds budget.fund.duplicate_id for every id that appears twice in `ids` (paths under `key`).
inline void check_unique(const std::vector<std::string>& ids, const char* key, const char* what,
                         diagnostics& out) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto [it, inserted] = first.emplace(ids[i], i);
    if (!inserted) {
      out.error("budget.fund.duplicate_id", json_pointer{}.key(key).index(i).key("id").str(),
                std::string(what) + " id '" + ids[i] + "' is used again; it was first used at /" +
                    key + "/" + std::to_string(it->second) + "; ids must be unique");
    }
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

}  // namespace detail

/// Checks a pooled fund against its year's catalogue and the rules of the Better Care Fund and
/// section 75 agreements, adding one diagnostic per problem (codes budget.fund.*, documented in
/// docs/diagnostics/budget.md) with a JSON pointer into the fund document. Never throws for bad
/// data. Checks: unique ids; partners (at least one ICB, exactly one council, valid codes; the
/// host is a partner); contributions (known partner and source, not negative, the payer fits
/// the source, instalments add up); the declared lines (known scheme, enumerations of the year,
/// sub-type belongs to its type, "other" described, joint shares sum to 100%, DFG money only on
/// capital lines, not negative); spend by source within its income; the NHS minimum fully
/// allocated; the adult social care and out-of-hospital ring-fences met (with the shortfall);
/// total plan against total income; the risk-share agreement's references.
inline diagnostics validate(const pooled_fund& fund, const bcf_catalogue& catalogue) {
  diagnostics out;
  const json_pointer root;
  using detail::show;

  // --- identity and partners ---------------------------------------------------------------
  if (!(fund.year == catalogue.year)) {
    out.warning("budget.fund.catalogue_year", root.key("financial_year").str(),
                "the fund is for " + fund.year.to_string() + " but the enumerations are for " +
                    catalogue.year.to_string());
  }
  {
    std::vector<std::string> ids;
    for (const partner& p : fund.partners)
      ids.push_back(p.id);
    detail::check_unique(ids, "partners", "partner", out);
    ids.clear();
    for (const scheme& s : fund.schemes)
      ids.push_back(s.id);
    detail::check_unique(ids, "schemes", "scheme", out);
    ids.clear();
    for (const expenditure_line& l : fund.lines)
      ids.push_back(l.id);
    detail::check_unique(ids, "lines", "line", out);
  }
  std::size_t icbs = 0;
  std::size_t councils = 0;
  for (std::size_t i = 0; i < fund.partners.size(); ++i) {
    const partner& p = fund.partners[i];
    const json_pointer at = root.key("partners").index(i);
    icbs += p.kind == partner_kind::icb ? 1 : 0;
    councils += p.kind == partner_kind::council ? 1 : 0;
    if (!p.ods_code.empty()) collect(ods_code::parse(p.ods_code), out, at.key("ods_code").str());
    if (!p.gss_code.empty()) collect(gss_code::parse(p.gss_code), out, at.key("gss_code").str());
    if (p.ods_code.empty() && p.gss_code.empty()) {
      out.error("budget.fund.partner_code", at.str(),
                "partner '" + p.id + "' needs an ODS code or a GSS code");
    }
  }
  if (icbs == 0 || councils != 1) {
    out.error("budget.fund.partners", root.key("partners").str(),
              "a Better Care Fund pool needs at least one ICB and exactly one council; found " +
                  std::to_string(icbs) + " ICB(s) and " + std::to_string(councils) + " council(s)");
  }
  if (fund.find_partner(fund.host) == nullptr) {
    out.error("budget.fund.host_not_partner", root.key("host").str(),
              "the host '" + fund.host +
                  "' is not one of the partners; the host partner must be "
                  "a party to the agreement");
  }
  if (!fund.hwb_gss_code.empty()) {
    const result<gss_code> hwb = gss_code::parse(fund.hwb_gss_code);
    collect(hwb, out, root.key("hwb_gss_code").str());
  }
  if (fund.agreement.start.ok() && fund.agreement.end.ok() &&
      (std::chrono::sys_days(fund.agreement.start) > std::chrono::sys_days(fund.year.first_day()) ||
       std::chrono::sys_days(fund.agreement.end) < std::chrono::sys_days(fund.year.last_day()))) {
    out.warning("budget.fund.agreement_dates", root.key("agreement").str(),
                "the section 75 agreement (" + to_iso_string(fund.agreement.start) + " to " +
                    to_iso_string(fund.agreement.end) + ") does not cover the whole of " +
                    fund.year.to_string());
  }

  // --- contributions -----------------------------------------------------------------------
  std::map<std::string, money> income_by_source;  // by catalogue key
  for (std::size_t i = 0; i < fund.contributions.size(); ++i) {
    const contribution& c = fund.contributions[i];
    const json_pointer at = root.key("contributions").index(i);
    const partner* p = fund.find_partner(c.partner);
    if (p == nullptr) {
      out.error("budget.fund.unknown_partner", at.key("partner").str(),
                "contribution names partner '" + c.partner + "', which is not in /partners");
    }
    if (c.amount.is_negative()) {
      out.error("budget.fund.negative_contribution", at.key("amount").str(),
                "contribution of " + show(c.amount) +
                    " is negative; a reduction is a variation "
                    "of the agreement, not a negative contribution");
    }
    const funding_source_def* src = catalogue.funding_source(c.source);
    if (src == nullptr) {
      out.error("budget.fund.enum", at.key("source").str(),
                "funding source '" + c.source + "' is not in the " + catalogue.year.to_string() +
                    " list");
    } else {
      income_by_source[src->value.key] += c.amount;
      if (p != nullptr &&
          ((src->payer == payer_kind::nhs && p->kind == partner_kind::council) ||
           (src->payer == payer_kind::council && p->kind != partner_kind::council))) {
        out.warning("budget.fund.source_payer", at.str(),
                    "'" + src->value.label + "' is normally paid by " +
                        (src->payer == payer_kind::nhs ? "an NHS body" : "the council") +
                        ", but partner '" + c.partner + "' is " + std::string(to_string(p->kind)));
      }
    }
    if (!c.instalments.empty()) {
      money sum;
      for (std::size_t k = 0; k < c.instalments.size(); ++k) {
        sum += c.instalments[k].amount;
        if (!fund.year.contains(c.instalments[k].due)) {
          out.warning("budget.fund.instalment_date",
                      at.key("instalments").index(k).key("due").str(),
                      "instalment due " + to_iso_string(c.instalments[k].due) + " is outside " +
                          fund.year.to_string());
        }
      }
      if (sum != c.amount) {
        out.error("budget.fund.instalments", at.key("instalments").str(),
                  "instalments add up to " + show(sum) + " but the contribution is " +
                      show(c.amount) + "; difference " + show(c.amount - sum));
      }
    }
  }

  // --- lines -------------------------------------------------------------------------------
  std::set<std::string> scheme_ids;
  for (const scheme& s : fund.schemes)
    scheme_ids.insert(s.id);
  std::map<std::string, money> spend_by_source;
  money nhs_min_spend;
  money asc_spend;
  money ooh_spend;
  for (std::size_t i = 0; i < fund.lines.size(); ++i) {
    const expenditure_line& l = fund.lines[i];
    const json_pointer at = root.key("lines").index(i);
    if (scheme_ids.count(l.scheme) == 0) {
      out.error("budget.fund.unknown_scheme", at.key("scheme").str(),
                "line '" + l.id + "' names scheme '" + l.scheme + "', which is not in /schemes");
    }
    if (l.planned.is_negative()) {
      out.error(
          "budget.fund.negative_planned", at.key("planned").str(),
          "line '" + l.id + "' plans " + show(l.planned) + "; planned spend cannot be negative");
    }
    const scheme_type_def* type = catalogue.scheme_type(l.scheme_type);
    if (type == nullptr) {
      out.error("budget.fund.enum", at.key("scheme_type").str(),
                "scheme type '" + l.scheme_type + "' is not in the " + catalogue.year.to_string() +
                    " list");
    } else if (!type->sub_types.empty()) {
      const enum_value* sub = find_value(type->sub_types, l.sub_type);
      if (l.sub_type.empty()) {
        out.error("budget.fund.sub_type", at.key("sub_type").str(),
                  "scheme type '" + type->value.label + "' needs a sub-type");
      } else if (sub == nullptr) {
        out.error("budget.fund.sub_type", at.key("sub_type").str(),
                  "sub-type '" + l.sub_type + "' does not belong to scheme type '" +
                      type->value.label + "'");
      } else if (sub->key == "other" && l.scheme_type_other.empty()) {
        out.error("budget.fund.other_description", at.key("scheme_type_other").str(),
                  "sub-type 'Other' needs a description in scheme_type_other");
      }
    } else if (!l.sub_type.empty()) {
      out.warning("budget.fund.sub_type", at.key("sub_type").str(),
                  "scheme type '" + type->value.label + "' has no sub-types; '" + l.sub_type +
                      "' is ignored");
    }
    if (type != nullptr && type->value.key == "other" && l.scheme_type_other.empty()) {
      out.error("budget.fund.other_description", at.key("scheme_type_other").str(),
                "scheme type 'Other' needs a description in scheme_type_other");
    }
    const enum_value* area = find_value(catalogue.areas_of_spend, l.area_of_spend);
    if (area == nullptr) {
      out.error("budget.fund.enum", at.key("area_of_spend").str(),
                "area of spend '" + l.area_of_spend + "' is not in the " +
                    catalogue.year.to_string() + " list");
    } else if (area->key == "other" && l.area_of_spend_other.empty()) {
      out.error("budget.fund.other_description", at.key("area_of_spend_other").str(),
                "area of spend 'Other' needs a description in area_of_spend_other");
    }
    if (!l.provider_type.empty() &&
        find_value(catalogue.provider_types, l.provider_type) == nullptr) {
      out.error("budget.fund.enum", at.key("provider_type").str(),
                "provider type '" + l.provider_type + "' is not in the " +
                    catalogue.year.to_string() + " list");
    }
    // Commissioner and joint shares.
    if (l.commissioner == commissioner_kind::joint) {
      if (!l.joint_nhs_share || !l.joint_la_share) {
        out.error("budget.fund.joint_shares", at.str(),
                  "joint line '" + l.id + "' needs both joint_nhs_percent and joint_la_percent");
      } else if (!detail::sums_to_one(*l.joint_nhs_share, *l.joint_la_share) ||
                 l.joint_nhs_share->is_negative() || l.joint_la_share->is_negative()) {
        std::string sum = "something other than 100%";
        try {
          sum = scale(money::from_pence(10000), *l.joint_nhs_share + *l.joint_la_share,
                      rounding::half_even)
                    .to_string() +
                "%";
        } catch (const std::exception&) {  // too fine to show exactly; the message still holds
        }
        out.error("budget.fund.joint_shares", at.str(),
                  "joint line '" + l.id + "' has NHS and council shares that sum to " + sum +
                      " instead of 100%");
      }
    } else if (l.joint_nhs_share || l.joint_la_share) {
      out.warning("budget.fund.joint_shares", at.str(),
                  "line '" + l.id + "' is not joint, so its joint shares are ignored");
    }
    if (l.commissioner != commissioner_kind::local_authority) {
      if (!l.nhs_partner.empty()) {
        const partner* p = fund.find_partner(l.nhs_partner);
        if (p == nullptr || p->kind == partner_kind::council) {
          out.error("budget.fund.unknown_partner", at.key("nhs_partner").str(),
                    "nhs_partner '" + l.nhs_partner + "' is not an NHS partner of the fund");
        }
      } else if (icbs > 1) {
        out.error("budget.fund.nhs_partner_required", at.key("nhs_partner").str(),
                  "line '" + l.id + "' is NHS or jointly commissioned and the fund has " +
                      std::to_string(icbs) + " ICBs: say which one in nhs_partner");
      }
    }
    // Source, capital and ring-fences.
    const funding_source_def* src = catalogue.funding_source(l.source);
    if (src == nullptr) {
      out.error("budget.fund.enum", at.key("source").str(),
                "funding source '" + l.source + "' is not in the " + catalogue.year.to_string() +
                    " list");
      continue;
    }
    spend_by_source[src->value.key] += l.planned;
    if (src->capital && !l.capital) {
      out.error("budget.fund.dfg_revenue", at.key("capital").str(),
                "line '" + l.id + "' spends " + show(l.planned) + " of " + src->value.label +
                    ", which is capital money, on revenue; mark the line capital or change its "
                    "source");
    } else if (!src->capital && l.capital) {
      out.warning("budget.fund.capital_source", at.key("capital").str(),
                  "line '" + l.id + "' is capital but funded from " + src->value.label +
                      ", a revenue source");
    }
    if (src->role == funding_role::nhs_minimum) {
      nhs_min_spend += l.planned;
      const detail::commissioner_split split = detail::split_by_commissioner(l, l.planned);
      if (area != nullptr && area->key == "social_care") asc_spend += split.council;
      if (area != nullptr && area->key != "acute") ooh_spend += split.nhs;
    }
  }

  // --- fund-level sums ---------------------------------------------------------------------
  for (const auto& [source, spend] : spend_by_source) {
    const money income = income_by_source.count(source) ? income_by_source.at(source) : money{};
    if (spend > income) {
      const funding_source_def* src = catalogue.funding_source(source);
      out.error("budget.fund.source_overspent", root.key("lines").str(),
                "planned spend of " + show(spend) + " from " + src->value.label +
                    " exceeds its income of " + show(income) + " by " + show(spend - income));
    }
  }
  money nhs_min_income;
  for (const auto& [source, income] : income_by_source) {
    const funding_source_def* src = catalogue.funding_source(source);
    if (src != nullptr && src->role == funding_role::nhs_minimum) nhs_min_income += income;
  }
  if (nhs_min_spend < nhs_min_income) {
    out.error("budget.fund.nhs_minimum_unallocated", root.key("lines").str(),
              "only " + show(nhs_min_spend) + " of the NHS minimum contribution of " +
                  show(nhs_min_income) + " is allocated to schemes; " +
                  show(nhs_min_income - nhs_min_spend) + " is unallocated");
  }
  for (std::size_t i = 0; i < fund.ring_fences.size(); ++i) {
    const ring_fence& r = fund.ring_fences[i];
    const json_pointer at = root.key("ring_fences").index(i);
    if (r.minimum.is_negative()) {
      out.error("budget.fund.negative_ring_fence", at.key("minimum").str(),
                "ring-fenced minimum " + show(r.minimum) + " is negative");
    }
    if (!catalogue.has_ring_fence(r.kind)) {
      out.warning("budget.fund.enum", at.key("kind").str(),
                  "ring-fence '" + r.kind + "' is not a ring-fence of " +
                      catalogue.year.to_string() + ", so it is not checked");
      continue;
    }
    const money spend = r.kind == "nhs_minimum_asc" ? asc_spend : ooh_spend;
    if (spend < r.minimum) {
      out.error(
          r.kind == "nhs_minimum_asc" ? "budget.fund.asc_ring_fence" : "budget.fund.ooh_ring_fence",
          at.key("minimum").str(),
          std::string(r.kind == "nhs_minimum_asc"
                          ? "NHS minimum spend on council-commissioned social care is "
                          : "NHS minimum spend on NHS-commissioned out-of-hospital services is ") +
              show(spend) + ", below the ring-fenced minimum of " + show(r.minimum) +
              "; shortfall " + show(r.minimum - spend));
    }
  }
  const money income = fund.total_contributions();
  const money planned = fund.total_planned();
  if (fund.stated_total && *fund.stated_total != income) {
    out.error("budget.fund.total_mismatch", root.key("stated_total").str(),
              "contributions add up to " + show(income) + " but the agreement states a fund of " +
                  show(*fund.stated_total) + "; difference " + show(*fund.stated_total - income));
  }
  if (planned > income) {
    out.error("budget.fund.overcommitted", root.key("lines").str(),
              "planned spend " + show(planned) + " exceeds the fund's income " + show(income) +
                  " by " + show(planned - income));
  } else if (planned < income) {
    out.warning("budget.fund.unallocated", root.key("lines").str(),
                "planned spend " + show(planned) + " is below the fund's income " + show(income) +
                    "; " + show(income - planned) + " is not allocated to any line");
  }

  // --- risk share --------------------------------------------------------------------------
  const json_pointer rs = root.key("risk_share");
  if (fund.risk_share.risk_pool.is_negative()) {
    out.error("budget.fund.risk_pool", rs.key("risk_pool").str(),
              "the risk pool of " + show(fund.risk_share.risk_pool) + " is negative");
  }
  for (std::size_t i = 0; i < fund.risk_share.overrides.size(); ++i) {
    const risk_share_override& o = fund.risk_share.overrides[i];
    for (std::size_t k = 0; k < o.schemes.size(); ++k) {
      if (scheme_ids.count(o.schemes[k]) == 0) {
        out.error(
            "budget.fund.unknown_scheme",
            rs.key("overrides").index(i).key("schemes").index(k).str(),
            "risk-share override names scheme '" + o.schemes[k] + "', which is not in /schemes");
      }
    }
    for (std::size_t k = 0; k < o.lines.size(); ++k) {
      if (fund.find_line(o.lines[k]) == nullptr) {
        out.error("budget.fund.unknown_line",
                  rs.key("overrides").index(i).key("lines").index(k).str(),
                  "risk-share override names line '" + o.lines[k] + "', which is not in /lines");
      }
    }
  }
  for (std::size_t i = 0; i < fund.risk_share.caps.size(); ++i) {
    const overspend_cap& c = fund.risk_share.caps[i];
    if (fund.find_partner(c.partner) == nullptr) {
      out.error("budget.fund.unknown_partner", rs.key("caps").index(i).key("partner").str(),
                "cap names partner '" + c.partner + "', which is not in /partners");
    }
    if (c.cap.is_negative()) {
      out.error("budget.fund.risk_pool", rs.key("caps").index(i).key("cap").str(),
                "cap of " + show(c.cap) + " is negative");
    }
  }
  return out;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
