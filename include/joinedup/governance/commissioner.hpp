// joinedup: the single commissioning arrangement for an area. Its partners, the pooled funds it
// runs, the services it commissions jointly, one named accounting officer and the lines of
// accountability along which that officer answers: to NHS England, to each council, and to
// service users through the Health and Wellbeing Board (HWB). check() finds what an accounting
// officer, an internal auditor and an HWB secretary would look for.
//
// Facts used (docs/sources.md): §S-BCF-PLAN, §S-BCF-SIGN-OFF one joint plan per HWB area, owned
// by the HWB and signed off by it before it is approved, money pooled under a section 75
// agreement; §S-BCF-RETURNS quarterly monitoring returns plus a year-end return approved by the
// HWB; §S-S75-REG7-HOST, §S-S75-REG9 the pooled fund manager reports quarterly and annually to
// the partners; §S-S151-CFO the council's s151 officer and the ICB's chief finance officer keep
// their accountability for their own contributions.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace governance {

/// A calendar date.
using date = std::chrono::year_month_day;

/// Whom a line of accountability runs to.
enum class body_kind : std::uint8_t {
  nhs_england,                 ///< NHS England (BCF returns go to it; §1.1, §1.8)
  council,                     ///< a council partner (its s151 officer, cabinet or scrutiny)
  icb,                         ///< an ICB partner (its board or chief finance officer)
  health_and_wellbeing_board,  ///< the HWB, answering to service users and the public (§1.1)
  other,                       ///< anyone else named in the agreement
};

/// How often a line receives a return.
enum class cadence : std::uint8_t {
  fortnightly,  ///< fortnightly activity reports (2023-24 discharge funding; §1.8)
  quarterly,    ///< quarterly monitoring returns (§1.8, §2.2)
  year_end,     ///< the year-end return, approved by the HWB (§1.8)
  annual_plan,  ///< the annual (or two-year) plan, signed off by the HWB (§1.1)
};

}  // namespace governance

/// The interchange (snake_case) names of governance::body_kind, in enumerator order.
template <>
inline constexpr auto enum_names<governance::body_kind> = std::array<std::string_view, 5>{
    "nhs_england", "council", "icb", "health_and_wellbeing_board", "other"};
/// The interchange (snake_case) names of governance::cadence, in enumerator order.
template <>
inline constexpr auto enum_names<governance::cadence> =
    std::array<std::string_view, 4>{"fortnightly", "quarterly", "year_end", "annual_plan"};

namespace governance {

/// The snake_case names of body_kind, in enumerator order (the enum_names table).
inline constexpr const auto& body_kind_names = enum_names<body_kind>;
/// The snake_case names of cadence, in enumerator order (the enum_names table).
inline constexpr const auto& cadence_names = enum_names<cadence>;

/// The snake_case name of a body kind.
[[nodiscard]] constexpr std::string_view to_string(body_kind k) noexcept {
  return enum_name(k);
}

/// The snake_case name of a cadence.
[[nodiscard]] constexpr std::string_view to_string(cadence c) noexcept {
  return enum_name(c);
}

/// True when returns of this cadence need the HWB's sign-off by default: plans (§1.1) and the
/// year-end return (§1.8).
[[nodiscard]] constexpr bool needs_hwb_sign_off(cadence c) noexcept {
  return c == cadence::annual_plan || c == cadence::year_end;
}

/// A person who is (or was) the accounting officer, for a period.
struct accounting_officer {
  std::string name;        ///< the officer's name
  std::string post;        ///< the post held, e.g. "Director of Integrated Commissioning"
  std::string partner;     ///< the employing partner's id
  date from{};             ///< first day in post as accounting officer
  std::optional<date> to;  ///< last day (inclusive); nullopt while in post
  /// Memberwise equality.
  friend bool operator==(const accounting_officer&, const accounting_officer&) = default;
};

/// A pooled fund the arrangement runs, by reference. `fund_file` optionally names the fund's
/// own document (joinedup/fund/v1) so that check_fund_link can compare the two.
struct pooled_fund_ref {
  std::string id;         ///< key used by accountability lines and services
  std::string name;       ///< the fund's name
  std::string fund_file;  ///< path of the fund document, relative to the commissioner document
  /// Memberwise equality.
  friend bool operator==(const pooled_fund_ref&, const pooled_fund_ref&) = default;
};

/// A service the arrangement commissions.
struct commissioned_service {
  std::string id;                            ///< unique within the arrangement
  std::string name;                          ///< what it is
  std::vector<std::string> commissioned_by;  ///< partner ids; two or more = jointly commissioned
  std::string fund;                          ///< the pooled fund id it is paid from ("" if none)
  /// True when two or more different partners commission it.
  [[nodiscard]] bool jointly() const {
    const std::set<std::string> distinct(commissioned_by.begin(), commissioned_by.end());
    return distinct.size() >= 2;
  }
  /// Memberwise equality.
  friend bool operator==(const commissioned_service&, const commissioned_service&) = default;
};

/// One return (or plan) owed along a line: the period it covers, when it is due, when it was
/// submitted and, where needed, when the HWB signed it off.
struct return_due {
  std::string period;                  ///< what it covers, e.g. "2025-26 Q2"
  date due{};                          ///< submission deadline
  std::optional<date> submitted;       ///< when it was submitted (nullopt: not yet)
  std::optional<bool> hwb_sign_off;    ///< needs HWB sign-off (default: needs_hwb_sign_off)
  std::optional<date> hwb_signed_off;  ///< when the HWB signed it off (nullopt: not yet)
  /// Memberwise equality.
  friend bool operator==(const return_due&, const return_due&) = default;
};

/// A line of accountability: to whom the accounting officer answers, for which funds, with which
/// figures, how often, and the returns owed.
struct accountability_line {
  std::string id;                     ///< unique within the arrangement
  body_kind kind = body_kind::other;  ///< what kind of body receives it
  std::string body;                   ///< the body's name ("" = a line to nobody: an error)
  std::string partner;                ///< the partner id, for a council or ICB line
  std::string on_behalf_of;           ///< whom the body answers to, e.g. "service users"
  std::vector<std::string> funds;     ///< pooled fund ids the line covers
  std::vector<std::string> figures;   ///< what it receives, e.g. "income and expenditure"
  governance::cadence cadence = governance::cadence::quarterly;  ///< how often
  std::vector<return_due> returns;                               ///< the returns owed, in any order
  /// Memberwise equality.
  friend bool operator==(const accountability_line&, const accountability_line&) = default;
};

/// The single commissioning arrangement for a Health and Wellbeing Board area.
struct commissioner {
  std::string name;                       ///< the arrangement's name
  std::string hwb_gss_code;               ///< the HWB area's GSS code
  std::optional<date> as_of;              ///< the date the document describes
  std::vector<budget::partner> partners;  ///< ICBs and councils (ODS/GSS codes)
  std::vector<accounting_officer>
      accounting_officers;                     ///< who holds (or held) the post, with dates
  std::vector<pooled_fund_ref> funds;          ///< the pooled funds it runs
  std::vector<commissioned_service> services;  ///< the services it commissions
  std::vector<accountability_line> lines;      ///< the lines of accountability

  /// The partner with this id, or nullptr.
  [[nodiscard]] const budget::partner* find_partner(std::string_view id) const noexcept {
    for (const budget::partner& p : partners) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
  /// The fund with this id, or nullptr.
  [[nodiscard]] const pooled_fund_ref* find_fund(std::string_view id) const noexcept {
    for (const pooled_fund_ref& f : funds) {
      if (f.id == id) return &f;
    }
    return nullptr;
  }
  /// Memberwise equality.
  friend bool operator==(const commissioner&, const commissioner&) = default;
};

}  // namespace governance

// ---------------------------------------------------------------------------------------------
// The commissioner document's fields (joinedup/commissioner/v1, docs/governance.md), in the order
// they are written
// ---------------------------------------------------------------------------------------------

/// The fields of an accounting officer.
template <>
inline constexpr auto fields_of<governance::accounting_officer> =
    std::tuple{field("name", &governance::accounting_officer::name),
               field("post", &governance::accounting_officer::post, presence::omit_empty),
               field("partner", &governance::accounting_officer::partner, presence::omit_empty),
               field("from", &governance::accounting_officer::from),
               field("to", &governance::accounting_officer::to, presence::omit_empty)};

/// The fields of a pooled fund reference.
template <>
inline constexpr auto fields_of<governance::pooled_fund_ref> =
    std::tuple{field("id", &governance::pooled_fund_ref::id),
               field("name", &governance::pooled_fund_ref::name, presence::omit_empty),
               field("fund_file", &governance::pooled_fund_ref::fund_file, presence::omit_empty)};

/// The fields of a commissioned service.
template <>
inline constexpr auto fields_of<governance::commissioned_service> =
    std::tuple{field("id", &governance::commissioned_service::id),
               field("name", &governance::commissioned_service::name, presence::omit_empty),
               field("commissioned_by", &governance::commissioned_service::commissioned_by),
               field("fund", &governance::commissioned_service::fund, presence::omit_empty)};

/// The fields of a return owed on a line.
template <>
inline constexpr auto fields_of<governance::return_due> = std::tuple{
    field("period", &governance::return_due::period), field("due", &governance::return_due::due),
    field("submitted", &governance::return_due::submitted, presence::omit_empty),
    field("hwb_sign_off", &governance::return_due::hwb_sign_off, presence::omit_empty),
    field("hwb_signed_off", &governance::return_due::hwb_signed_off, presence::omit_empty)};

/// The fields of a line of accountability.
template <>
inline constexpr auto fields_of<governance::accountability_line> = std::tuple{
    field("id", &governance::accountability_line::id),
    field("kind", &governance::accountability_line::kind),
    field("body", &governance::accountability_line::body, presence::omit_empty),
    field("partner", &governance::accountability_line::partner, presence::omit_empty),
    field("on_behalf_of", &governance::accountability_line::on_behalf_of, presence::omit_empty),
    field("funds", &governance::accountability_line::funds, presence::optional),
    field("figures", &governance::accountability_line::figures, presence::optional),
    field("cadence", &governance::accountability_line::cadence),
    field("returns", &governance::accountability_line::returns, presence::optional)};

/// The fields of the commissioner document (the "schema" tag is handled by the document reader).
/// Its "partners" (budget::partner, the fund document's shape) are read and written by the I/O
/// layer beside these until the budget documents have their own field lists; they come after
/// "as_of" in the document.
template <>
inline constexpr auto fields_of<governance::commissioner> =
    std::tuple{field("name", &governance::commissioner::name),
               field("hwb_gss_code", &governance::commissioner::hwb_gss_code, presence::omit_empty),
               field("as_of", &governance::commissioner::as_of, presence::omit_empty),
               field("partners", &governance::commissioner::partners),
               field("accounting_officers", &governance::commissioner::accounting_officers),
               field("funds", &governance::commissioner::funds),
               field("services", &governance::commissioner::services, presence::optional),
               field("lines", &governance::commissioner::lines)};

namespace governance {

/// True when `day` falls in the officer's time in post.
[[nodiscard]] inline bool in_post(const accounting_officer& o, std::chrono::sys_days day) noexcept {
  return std::chrono::sys_days(o.from) <= day && (!o.to || day <= std::chrono::sys_days(*o.to));
}

/// The accounting officers in post on `day`, as indexes into c.accounting_officers.
[[nodiscard]] inline std::vector<std::size_t> officers_on(const commissioner& c,
                                                          std::chrono::sys_days day) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < c.accounting_officers.size(); ++i) {
    if (in_post(c.accounting_officers[i], day)) out.push_back(i);
  }
  return out;
}

/// Where a return stands on a date.
enum class return_state : std::uint8_t {
  not_yet_due,  ///< not submitted and the deadline has not passed
  submitted,    ///< submitted on or before the deadline
  late,         ///< submitted after the deadline
  overdue,      ///< not submitted and the deadline has passed
};

/// The snake_case names of return_state, in enumerator order.
inline constexpr std::array<std::string_view, 4> return_state_names{"not_yet_due", "submitted",
                                                                    "late", "overdue"};

/// The snake_case name of a return state.
[[nodiscard]] constexpr std::string_view to_string(return_state s) noexcept {
  return return_state_names[static_cast<std::size_t>(s)];
}

/// Where an HWB sign-off stands on a date.
enum class sign_off_state : std::uint8_t {
  not_needed,   ///< the return does not need the HWB's sign-off
  not_yet_due,  ///< needed, not given, and the deadline has not passed
  signed_off,   ///< signed off on or before the deadline
  late,         ///< signed off after the deadline
  missing,      ///< needed, not given, and the deadline has passed
};

/// The snake_case names of sign_off_state, in enumerator order.
inline constexpr std::array<std::string_view, 5> sign_off_state_names{
    "not_needed", "not_yet_due", "signed_off", "late", "missing"};

/// The snake_case name of a sign-off state.
[[nodiscard]] constexpr std::string_view to_string(sign_off_state s) noexcept {
  return sign_off_state_names[static_cast<std::size_t>(s)];
}

/// One return's standing on a date, for reports.
struct return_status {
  std::size_t line = 0;                                  ///< index into commissioner::lines
  std::size_t item = 0;                                  ///< index into that line's returns
  return_state state = return_state::not_yet_due;        ///< submission
  std::int64_t days_overdue = 0;                         ///< days past the deadline (overdue only)
  std::int64_t days_late = 0;                            ///< days past the deadline (late only)
  sign_off_state sign_off = sign_off_state::not_needed;  ///< HWB sign-off
  /// Memberwise equality.
  friend bool operator==(const return_status&, const return_status&) = default;
};

/// The standing of return `r` of a line with cadence `c` on `as_of`. Dates after `as_of` count as
/// not yet happened. A return due on `as_of` itself is not yet overdue.
[[nodiscard]] inline return_status status_of(const return_due& r, cadence c,
                                             std::chrono::sys_days as_of) {
  return_status s;
  const std::chrono::sys_days due(r.due);
  const bool submitted = r.submitted && std::chrono::sys_days(*r.submitted) <= as_of;
  if (submitted) {
    const std::int64_t late = (std::chrono::sys_days(*r.submitted) - due).count();
    s.state = late > 0 ? return_state::late : return_state::submitted;
    s.days_late = late > 0 ? late : 0;
  } else if (due < as_of) {
    s.state = return_state::overdue;
    s.days_overdue = (as_of - due).count();
  }
  const bool needs = r.hwb_sign_off.value_or(needs_hwb_sign_off(c));
  if (!needs) {
    s.sign_off = sign_off_state::not_needed;
  } else if (r.hwb_signed_off && std::chrono::sys_days(*r.hwb_signed_off) <= as_of) {
    s.sign_off = std::chrono::sys_days(*r.hwb_signed_off) > due ? sign_off_state::late
                                                                : sign_off_state::signed_off;
  } else {
    s.sign_off = due < as_of ? sign_off_state::missing : sign_off_state::not_yet_due;
  }
  return s;
}

/// Every return of every line with its standing on `as_of`, in line order then by due date.
[[nodiscard]] inline std::vector<return_status> returns_on(const commissioner& c,
                                                           std::chrono::sys_days as_of) {
  std::vector<return_status> out;
  for (std::size_t l = 0; l < c.lines.size(); ++l) {
    const accountability_line& line = c.lines[l];
    std::vector<std::size_t> order(line.returns.size());
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::chrono::sys_days(line.returns[a].due) <
             std::chrono::sys_days(line.returns[b].due);
    });
    for (std::size_t i : order) {
      return_status s = status_of(line.returns[i], line.cadence, as_of);
      s.line = l;
      s.item = i;
      out.push_back(s);
    }
  }
  return out;
}

/// What check() counted, for a one-line summary.
struct check_summary {
  std::size_t officers_in_post = 0;     ///< accounting officers in post on the date
  std::size_t returns = 0;              ///< returns listed
  std::size_t overdue = 0;              ///< returns overdue
  std::size_t late = 0;                 ///< returns submitted late
  std::size_t sign_offs_missing = 0;    ///< plans or year-end returns without HWB sign-off
  std::size_t unaccountable_funds = 0;  ///< pooled funds on no line of accountability
  /// Memberwise equality.
  friend bool operator==(const check_summary&, const check_summary&) = default;
};

namespace detail {

/// Adds governance.id.duplicate for each id seen before in `ids` (by position).
inline void check_duplicates(const std::vector<std::string>& ids, std::string_view what,
                             const std::string& array_path, diagnostics& diags) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty()) {
      diags.error("governance.id.missing", array_path + "/" + std::to_string(i) + "/id",
                  std::string(what) + " " + std::to_string(i) + " has no id");
      continue;
    }
    if (!seen.insert(ids[i]).second) {
      diags.error("governance.id.duplicate", array_path + "/" + std::to_string(i) + "/id",
                  std::string(what) + " id '" + ids[i] +
                      "' is used twice; each must be unique so that references are unambiguous");
    }
  }
}

/// What a return of this cadence is called in messages.
inline std::string kind_of_return(cadence c) {
  switch (c) {
    case cadence::fortnightly:
      return "fortnightly report";
    case cadence::quarterly:
      return "quarterly return";
    case cadence::year_end:
      return "year-end return";
    case cadence::annual_plan:
      return "plan";
  }
  return "return";
}

/// The date as ISO text.
inline std::string iso(date d) {
  return to_iso_string(d);
}

}  // namespace detail

/// Checks the arrangement on `as_of` and adds a diagnostic for each finding (never throws):
///
/// - governance.accounting_officer.none / .multiple: not exactly one accounting officer in post
///   on the date; .unnamed: an officer without a name; .dates: a period ending before it starts.
/// - governance.id.duplicate / governance.id.missing: partner, fund, service or line ids.
/// - governance.partner.unknown: a partner id referred to by an officer, a line or a service
///   that is not a partner; governance.partner.code: a partner with neither an ODS nor a GSS
///   code (the codes themselves are checked with the core parsers: core.ods_code.syntax,
///   core.gss_code.syntax).
/// - governance.fund.unknown: a line or service refers to a fund the arrangement does not run;
///   governance.fund.unaccountable: a pooled fund on no line of accountability.
/// - governance.line.no_body: a line to nobody; governance.line.no_returns (warning): a line that
///   receives nothing; governance.line.missing (warning): no line to NHS England, to a council
///   partner, or to the HWB (the three lines of the single accounting officer).
/// - governance.return.overdue: due before the date and not submitted, with the days overdue;
///   governance.return.late (warning): submitted after the deadline;
///   governance.return.order (warning): submitted after the as-of date (ignored until then).
/// - governance.sign_off.missing: a plan (or year-end return) due before the date and not
///   signed off by the HWB; governance.sign_off.late (warning): signed off after its deadline.
inline check_summary check(const commissioner& c, std::chrono::sys_days as_of, diagnostics& diags) {
  check_summary sum;
  // Accounting officer: exactly one in post on the date.
  for (std::size_t i = 0; i < c.accounting_officers.size(); ++i) {
    const accounting_officer& o = c.accounting_officers[i];
    const std::string at = "/accounting_officers/" + std::to_string(i);
    if (o.name.empty()) {
      diags.error("governance.accounting_officer.unnamed", at + "/name",
                  "accounting officer " + std::to_string(i) +
                      " has no name; the arrangement needs one named accounting officer");
    }
    if (o.to && std::chrono::sys_days(*o.to) < std::chrono::sys_days(o.from)) {
      diags.error("governance.accounting_officer.dates", at + "/to",
                  "accounting officer period ends on " + detail::iso(*o.to) +
                      ", before it starts on " + detail::iso(o.from));
    }
    if (!o.partner.empty() && c.find_partner(o.partner) == nullptr) {
      diags.error("governance.partner.unknown", at + "/partner",
                  "accounting officer's employer '" + o.partner + "' is not a partner");
    }
  }
  const std::vector<std::size_t> in_post_now = officers_on(c, as_of);
  sum.officers_in_post = in_post_now.size();
  if (in_post_now.empty()) {
    diags.error("governance.accounting_officer.none", "/accounting_officers",
                "no accounting officer is in post on " + detail::iso(date{as_of}) +
                    "; a single commissioning arrangement needs exactly one named accounting "
                    "officer");
  } else if (in_post_now.size() > 1) {
    std::string names;
    for (std::size_t i : in_post_now)
      names += (names.empty() ? "" : ", ") + c.accounting_officers[i].name;
    diags.error("governance.accounting_officer.multiple",
                "/accounting_officers/" + std::to_string(in_post_now[1]),
                std::to_string(in_post_now.size()) + " accounting officers are in post on " +
                    detail::iso(date{as_of}) + " (" + names +
                    "); there must be exactly one, so that one person answers on every line");
  }

  // Ids.
  {
    std::vector<std::string> ids;
    for (const budget::partner& p : c.partners)
      ids.push_back(p.id);
    detail::check_duplicates(ids, "partner", "/partners", diags);
    ids.clear();
    for (const pooled_fund_ref& f : c.funds)
      ids.push_back(f.id);
    detail::check_duplicates(ids, "fund", "/funds", diags);
    ids.clear();
    for (const commissioned_service& s : c.services)
      ids.push_back(s.id);
    detail::check_duplicates(ids, "service", "/services", diags);
    ids.clear();
    for (const accountability_line& l : c.lines)
      ids.push_back(l.id);
    detail::check_duplicates(ids, "line", "/lines", diags);
  }

  // Partner codes: an ICB or council is named by its ODS and/or GSS code (§6.2, §6.3).
  for (std::size_t i = 0; i < c.partners.size(); ++i) {
    const budget::partner& p = c.partners[i];
    const std::string at = "/partners/" + std::to_string(i);
    if (p.ods_code.empty() && p.gss_code.empty()) {
      diags.error("governance.partner.code", at,
                  "partner '" + p.id + "' has neither an ODS code nor a GSS code");
    }
    if (!p.ods_code.empty()) collect(ods_code::parse(p.ods_code), diags, at + "/ods_code");
    if (!p.gss_code.empty()) collect(gss_code::parse(p.gss_code), diags, at + "/gss_code");
  }

  // Services.
  for (std::size_t i = 0; i < c.services.size(); ++i) {
    const commissioned_service& s = c.services[i];
    const std::string at = "/services/" + std::to_string(i);
    for (std::size_t k = 0; k < s.commissioned_by.size(); ++k) {
      if (c.find_partner(s.commissioned_by[k]) == nullptr) {
        diags.error("governance.partner.unknown", at + "/commissioned_by/" + std::to_string(k),
                    "service '" + s.id + "' is commissioned by '" + s.commissioned_by[k] +
                        "', which is not a partner");
      }
    }
    if (!s.fund.empty() && c.find_fund(s.fund) == nullptr) {
      diags.error("governance.fund.unknown", at + "/fund",
                  "service '" + s.id + "' is paid from fund '" + s.fund +
                      "', which the arrangement does not run");
    }
  }

  // Lines.
  std::set<std::string> accountable_funds;
  bool to_nhs_england = false;
  bool to_hwb = false;
  std::set<std::string> councils_with_line;
  for (std::size_t l = 0; l < c.lines.size(); ++l) {
    const accountability_line& line = c.lines[l];
    const std::string at = "/lines/" + std::to_string(l);
    if (line.body.empty()) {
      diags.error("governance.line.no_body", at + "/body",
                  "line '" + line.id + "' runs to nobody: name the body that receives it");
    } else {
      if (line.kind == body_kind::nhs_england) to_nhs_england = true;
      if (line.kind == body_kind::health_and_wellbeing_board) to_hwb = true;
      if (line.kind == body_kind::council) councils_with_line.insert(line.partner);
    }
    if (!line.partner.empty() && c.find_partner(line.partner) == nullptr) {
      diags.error(
          "governance.partner.unknown", at + "/partner",
          "line '" + line.id + "' runs to partner '" + line.partner + "', which is not a partner");
    }
    if ((line.kind == body_kind::council || line.kind == body_kind::icb) && line.partner.empty()) {
      diags.error("governance.partner.unknown", at + "/partner",
                  "line '" + line.id + "' runs to a " + std::string(to_string(line.kind)) +
                      " but does not say which partner");
    }
    for (std::size_t k = 0; k < line.funds.size(); ++k) {
      if (c.find_fund(line.funds[k]) == nullptr) {
        diags.error("governance.fund.unknown", at + "/funds/" + std::to_string(k),
                    "line '" + line.id + "' covers fund '" + line.funds[k] +
                        "', which the arrangement does not run");
      } else if (!line.body.empty()) {
        accountable_funds.insert(line.funds[k]);
      }
    }
    if (line.returns.empty()) {
      diags.warning("governance.line.no_returns", at + "/returns",
                    "line '" + line.id + "' to " + (line.body.empty() ? "nobody" : line.body) +
                        " lists no returns, so nothing is owed along it");
    }
    for (std::size_t r = 0; r < line.returns.size(); ++r) {
      const return_due& item = line.returns[r];
      const std::string rat = at + "/returns/" + std::to_string(r);
      const return_status s = status_of(item, line.cadence, as_of);
      ++sum.returns;
      const std::string what = detail::kind_of_return(line.cadence) + " '" + item.period + "' to " +
                               (line.body.empty() ? "nobody" : line.body);
      if (item.submitted && std::chrono::sys_days(*item.submitted) > as_of) {
        diags.warning("governance.return.order", rat + "/submitted",
                      what + " is recorded as submitted on " + detail::iso(*item.submitted) +
                          ", after the as-of date " + detail::iso(date{as_of}) +
                          "; it is treated as not yet submitted");
      }
      if (s.state == return_state::overdue) {
        ++sum.overdue;
        diags.error("governance.return.overdue", rat + "/submitted",
                    what + " was due on " + detail::iso(item.due) +
                        " and has not been submitted: " + std::to_string(s.days_overdue) +
                        " days overdue on " + detail::iso(date{as_of}));
      } else if (s.state == return_state::late) {
        ++sum.late;
        diags.warning("governance.return.late", rat + "/submitted",
                      what + " was submitted on " + detail::iso(*item.submitted) + ", " +
                          std::to_string(s.days_late) + " days after its deadline " +
                          detail::iso(item.due));
      }
      if (s.sign_off == sign_off_state::missing) {
        ++sum.sign_offs_missing;
        diags.error("governance.sign_off.missing", rat + "/hwb_signed_off",
                    what + " was due on " + detail::iso(item.due) +
                        " but has not been signed off by the Health and Wellbeing Board; the HWB "
                        "owns the plan and must sign it off (and approve the year-end return)");
      } else if (s.sign_off == sign_off_state::late) {
        diags.warning("governance.sign_off.late", rat + "/hwb_signed_off",
                      what + " was signed off by the Health and Wellbeing Board on " +
                          detail::iso(*item.hwb_signed_off) + ", after the submission deadline " +
                          detail::iso(item.due));
      }
    }
  }
  for (std::size_t f = 0; f < c.funds.size(); ++f) {
    if (!c.funds[f].id.empty() && accountable_funds.count(c.funds[f].id) == 0) {
      ++sum.unaccountable_funds;
      diags.error("governance.fund.unaccountable", "/funds/" + std::to_string(f),
                  "pooled fund '" + c.funds[f].id +
                      "' is on no line of accountability: nobody receives its figures");
    }
  }
  if (!to_nhs_england) {
    diags.warning("governance.line.missing", "/lines",
                  "no line of accountability runs to NHS England");
  }
  if (!to_hwb) {
    diags.warning("governance.line.missing", "/lines",
                  "no line of accountability runs to the Health and Wellbeing Board, through "
                  "which the accounting officer answers to service users");
  }
  for (std::size_t i = 0; i < c.partners.size(); ++i) {
    const budget::partner& p = c.partners[i];
    if (p.kind == budget::partner_kind::council && councils_with_line.count(p.id) == 0) {
      diags.warning("governance.line.missing", "/partners/" + std::to_string(i),
                    "no line of accountability runs to council partner '" + p.id + "'");
    }
  }
  return sum;
}

/// Compares a fund reference with the fund's own document: the fund must be for the
/// arrangement's HWB area (governance.fund.area_mismatch) and each of its partners must be a
/// partner of the arrangement, matched by id, ODS code or GSS code
/// (governance.fund.partner_mismatch). `at` is the path of the reference.
inline void check_fund_link(const commissioner& c, const pooled_fund_ref& ref,
                            const budget::pooled_fund& fund, const std::string& at,
                            diagnostics& diags) {
  if (!c.hwb_gss_code.empty() && !fund.hwb_gss_code.empty() &&
      ::joinedup::detail::normalise_code(c.hwb_gss_code) !=
          ::joinedup::detail::normalise_code(fund.hwb_gss_code)) {
    diags.error("governance.fund.area_mismatch", at + "/fund_file",
                "fund '" + ref.id + "' is for HWB area " + fund.hwb_gss_code +
                    " but the arrangement is for " + c.hwb_gss_code);
  }
  for (const budget::partner& fp : fund.partners) {
    const bool found = std::any_of(c.partners.begin(), c.partners.end(), [&](const auto& p) {
      return p.id == fp.id ||
             (!fp.ods_code.empty() && ::joinedup::detail::normalise_code(p.ods_code) ==
                                          ::joinedup::detail::normalise_code(fp.ods_code)) ||
             (!fp.gss_code.empty() && ::joinedup::detail::normalise_code(p.gss_code) ==
                                          ::joinedup::detail::normalise_code(fp.gss_code));
    });
    if (!found) {
      diags.error("governance.fund.partner_mismatch", at + "/fund_file",
                  "fund '" + ref.id + "' has partner '" + fp.id + "' (" + fp.name +
                      "), which is not a partner of the arrangement");
    }
  }
}

}  // namespace governance
JOINEDUP_END_NAMESPACE
