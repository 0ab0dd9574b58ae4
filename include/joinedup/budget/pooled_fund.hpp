// joinedup: a pooled fund under a section 75 agreement (the Better Care Fund is the national
// instance): partners, contributions by funding source, schemes, expenditure lines and the
// risk-share agreement.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "joinedup/core/allocate.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/ratio.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// The kind of a partner organisation.
enum class partner_kind { icb, council, other_nhs };

/// The snake_case name of a partner kind ("icb", "council", "other_nhs").
constexpr std::string_view to_string(partner_kind k) noexcept {
  switch (k) {
    case partner_kind::icb:
      return "icb";
    case partner_kind::council:
      return "council";
    case partner_kind::other_nhs:
      return "other_nhs";
  }
  return "icb";
}

/// A partner to the agreement: an ICB (by ODS code) or the council (by GSS and/or ODS code).
struct partner {
  std::string id;    ///< key used elsewhere in the fund, e.g. "icb" or "council"
  std::string name;  ///< organisation name
  partner_kind kind = partner_kind::icb;  ///< ICB, council or other NHS body
  std::string ods_code;  ///< ODS code as written (may be empty for a council with a GSS code)
  std::string gss_code;  ///< GSS code as written (councils)
  /// Memberwise equality.
  friend bool operator==(const partner&, const partner&) = default;
};

/// One instalment of a contribution: when it is due and how much.
struct instalment {
  std::chrono::year_month_day due{};  ///< due date
  money amount;                       ///< amount due
  /// Memberwise equality.
  friend bool operator==(const instalment&, const instalment&) = default;
};

/// A partner's contribution to the fund from one funding source.
struct contribution {
  std::string partner;                  ///< partner id
  std::string source;                   ///< funding source key (or template label)
  money amount;                         ///< the contribution for the year
  std::vector<instalment> instalments;  ///< payment schedule (optional; must add up to amount)
  /// Memberwise equality.
  friend bool operator==(const contribution&, const contribution&) = default;
};

/// A ring-fenced minimum the area must meet, e.g. the NHS minimum contribution to adult social
/// care ("nhs_minimum_asc") or NHS-commissioned out-of-hospital spend ("nhs_out_of_hospital").
struct ring_fence {
  std::string kind;  ///< catalogue key of the ring-fence
  money minimum;     ///< the area's minimum for the year
  /// Memberwise equality.
  friend bool operator==(const ring_fence&, const ring_fence&) = default;
};

/// Who commissions an expenditure line.
enum class commissioner_kind { local_authority, nhs, joint };

/// How a line's variance is treated by the risk share.
enum class risk_class {
  variable,  ///< shared under the agreement's rules
  fixed,     ///< borne by the host partner; other partners' contributions do not change
};

/// A scheme: a named group of expenditure lines.
struct scheme {
  std::string id;           ///< local scheme reference, unique within the fund
  std::string name;         ///< scheme name
  std::string description;  ///< brief description
  /// Memberwise equality.
  friend bool operator==(const scheme&, const scheme&) = default;
};

/// One expenditure line of the planning template.
struct expenditure_line {
  std::string id;                   ///< line id, unique within the fund
  std::string scheme;               ///< scheme id
  std::string description;          ///< what the line buys
  std::string scheme_type;          ///< catalogue scheme type
  std::string sub_type;             ///< catalogue sub-type, where the type has them
  std::string scheme_type_other;    ///< description when the type or sub-type is "other"
  std::string area_of_spend;        ///< catalogue area of spend
  std::string area_of_spend_other;  ///< description when the area of spend is "other"
  commissioner_kind commissioner = commissioner_kind::local_authority;  ///< who commissions
  std::optional<ratio> joint_nhs_share;  ///< NHS share of a joint line (e.g. 60%)
  std::optional<ratio> joint_la_share;   ///< council share of a joint line (e.g. 40%)
  std::string nhs_partner;    ///< the ICB commissioning the NHS part (needed with several ICBs)
  std::string provider_type;  ///< catalogue provider type
  std::string provider;       ///< provider name (optional)
  std::string source;         ///< funding source key
  money planned;              ///< planned expenditure for the year
  bool capital = false;       ///< capital (true) or revenue (false)
  bool new_scheme = false;    ///< new (true) or existing (false)
  budget::risk_class risk = budget::risk_class::variable;  ///< fixed or variable for the risk share
  /// Memberwise equality.
  friend bool operator==(const expenditure_line&, const expenditure_line&) = default;
};

/// The section 75 agreement's particulars.
struct section75_agreement {
  std::string reference;                ///< the agreement's reference
  std::chrono::year_month_day start{};  ///< in force from
  std::chrono::year_month_day end{};    ///< in force until
  /// Memberwise equality.
  friend bool operator==(const section75_agreement&, const section75_agreement&) = default;
};

/// How an overspend on a line (after any pool offsets) is shared among partners.
enum class overspend_rule {
  proportional_to_contributions,  ///< pro rata to each partner's total contribution to the fund
  commissioner_bears,             ///< the line's commissioner bears it; joint lines by their shares
  per_scheme_pro_rata_capped,     ///< pro rata to each partner's funding of the scheme, capped
  host_bears,                     ///< the host partner bears it
};

/// What happens to an underspend on a line.
enum class underspend_rule {
  retain_in_pool,                 ///< stays in the pool (carried forward / contingency)
  return_pro_rata,                ///< returned to partners pro rata to contributions
  retained_by_lead_commissioner,  ///< kept by the line's commissioner
  carry_forward,                  ///< carried forward into next year's fund
  contingency,                    ///< held in the pool as a contingency (partners cannot agree)
};

/// The risk-share rules that apply to a set of schemes or lines.
struct risk_share_rule {
  budget::overspend_rule overspend =
      budget::overspend_rule::proportional_to_contributions;                      ///< overspends
  budget::underspend_rule underspend = budget::underspend_rule::return_pro_rata;  ///< underspends
  /// Memberwise equality.
  friend bool operator==(const risk_share_rule&, const risk_share_rule&) = default;
};

/// The Health and Wellbeing Board's decision under "retained by the lead commissioner unless the
/// HWB decides otherwise" (domain notes §2.3): the underspends that rule leaves with the lead
/// commissioner are treated by the Board's rule instead, and the settlement names the decision.
struct hwb_underspend_decision {
  std::string reference;  ///< the Board's minute or resolution, e.g. "HWB/26/14"
  underspend_rule underspend = underspend_rule::return_pro_rata;  ///< what the Board decided
  std::vector<std::string> schemes;  ///< schemes it covers (none and no lines: every line)
  std::vector<std::string> lines;    ///< lines it covers
  /// True when it covers line `l` (a line under retained_by_lead_commissioner).
  [[nodiscard]] bool covers(const expenditure_line& l) const {
    if (schemes.empty() && lines.empty()) return true;
    return std::find(lines.begin(), lines.end(), l.id) != lines.end() ||
           std::find(schemes.begin(), schemes.end(), l.scheme) != schemes.end();
  }
  /// Memberwise equality.
  friend bool operator==(const hwb_underspend_decision&, const hwb_underspend_decision&) = default;
};

/// A rule that applies to named schemes or lines instead of the default.
struct risk_share_override {
  std::vector<std::string> schemes;  ///< scheme ids it covers
  std::vector<std::string> lines;    ///< line ids it covers (a line override beats a scheme one)
  risk_share_rule rule;              ///< the rule
  /// Memberwise equality.
  friend bool operator==(const risk_share_override&, const risk_share_override&) = default;
};

/// A partner's cap on its share of overspends, over the year and under every rule: what the cap
/// stops passes on to the other partners by their contributions, then outside the pool.
struct overspend_cap {
  std::string partner;  ///< partner id
  money cap;            ///< the most it bears in total
  /// Memberwise equality.
  friend bool operator==(const overspend_cap&, const overspend_cap&) = default;
};

/// A partner's stated part of the risk pool, paid out of its contribution. When the agreement
/// states who funds the pool, what is left of the pool at year end goes back to them in these
/// proportions (under return_pro_rata); otherwise the pool is funded from the income the lines do
/// not plan to spend.
struct pool_funding {
  std::string partner;  ///< partner id
  money amount;         ///< its part of the risk pool
  /// Memberwise equality.
  friend bool operator==(const pool_funding&, const pool_funding&) = default;
};

/// The risk-share part of the agreement.
struct risk_share_agreement {
  risk_share_rule default_rule;                ///< applies unless overridden
  std::vector<risk_share_override> overrides;  ///< per scheme or line
  /// Cover overspends from underspends elsewhere in the pool before anything else.
  bool offset_underspends = false;
  /// Contingency held in the pool (0 = none). It is money: it must be funded from the income the
  /// revenue lines do not plan to spend (contributions − planned spend), and what is left of it
  /// at year end follows the default underspend rule.
  money risk_pool;
  std::vector<pool_funding> risk_pool_funding;  ///< who funds the pool, when the agreement says
  /// Caps on partners' shares of overspends, under every rule. Under per_scheme_pro_rata_capped
  /// a partner without one is capped at its contribution.
  std::vector<overspend_cap> caps;
  /// The recorded agreement of both finance directors to go beyond the caps ("unless both
  /// finance directors agree"), e.g. a minute reference. When given, no cap applies and the
  /// settlement names it; empty (the default): the caps apply.
  std::string caps_override;
  /// The agreement's clause that lets capital and revenue variances meet each other. Empty (the
  /// default): capital lines are settled apart from revenue, by the partners who fund them.
  std::string capital_revenue_offset_clause;
  /// The Health and Wellbeing Board's decision on underspends retained by the lead commissioner,
  /// when it has decided otherwise.
  std::optional<hwb_underspend_decision> hwb_decision;
  /// The rule for a line: a line override, else a scheme override, else the default.
  [[nodiscard]] const risk_share_rule& rule_for(const expenditure_line& l) const {
    for (const risk_share_override& o : overrides) {
      if (std::find(o.lines.begin(), o.lines.end(), l.id) != o.lines.end()) return o.rule;
    }
    for (const risk_share_override& o : overrides) {
      if (std::find(o.schemes.begin(), o.schemes.end(), l.scheme) != o.schemes.end()) {
        return o.rule;
      }
    }
    return default_rule;
  }
  /// Memberwise equality.
  friend bool operator==(const risk_share_agreement&, const risk_share_agreement&) = default;
};

/// A district council's part of the Disabled Facilities Grant. In two-tier areas the DFG is paid
/// to the county's BCF and passed on to the district councils, which are the housing
/// authorities (domain notes §1.4, §6.3).
struct dfg_allocation {
  std::string district;  ///< the district council's name
  std::string gss_code;  ///< its GSS code (E07…, a non-metropolitan district)
  money amount;          ///< what is passed to it
  /// Memberwise equality.
  friend bool operator==(const dfg_allocation&, const dfg_allocation&) = default;
};

/// A performance-linked element: part of a partner's contribution to a source that is paid into
/// the pool only if a stated target is met (NHS money tied to a non-elective admissions target,
/// 2015-17; domain notes §2.3). When the target is not met the element is withheld: the partner
/// does not pay it in, and the spend it was to fund comes off the plan (budget::settle).
struct performance_element {
  std::string partner;  ///< the partner whose contribution it is part of
  std::string source;   ///< the funding source of that contribution
  money amount;         ///< the element, within the partner's contributions to the source
  std::string target;   ///< the stated target, e.g. a non-elective admissions reduction
  /// Whether it was met: true (paid in), false (withheld), absent (not yet known: settled as
  /// paid in, with a warning).
  std::optional<bool> met;
  std::string evidence;            ///< where the result is recorded (optional)
  std::vector<std::string> lines;  ///< the lines it funds (none: the revenue lines of its source)
  /// Memberwise equality.
  friend bool operator==(const performance_element&, const performance_element&) = default;
};

/// A line's planned spend in a later year of a multi-year plan.
struct planned_line {
  std::string line;  ///< line id
  money planned;     ///< its planned spend that year
  /// Memberwise equality.
  friend bool operator==(const planned_line&, const planned_line&) = default;
};

/// A later year of a multi-year plan (BCF plans for 2023-25 covered two financial years, domain
/// notes §2.4): the partners' contributions and the lines' planned spend the plan states for it.
/// budget::roll_forward uses them for that year instead of uplifts.
struct plan_year {
  financial_year year = financial_year::starting(2025);  ///< the year
  std::vector<contribution> contributions;  ///< contributions by partner and source that year
  std::vector<planned_line> lines;  ///< planned spend by line (not listed: as the year before)
  /// Memberwise equality.
  friend bool operator==(const plan_year&, const plan_year&) = default;
};

/// A pooled fund for one Health and Wellbeing Board area and financial year.
struct pooled_fund {
  std::string name;          ///< fund name
  std::string hwb_gss_code;  ///< the Health and Wellbeing Board's area code
  financial_year year = financial_year::starting(2025);  ///< the financial year
  std::vector<partner> partners;                         ///< the partners
  std::string host;                                      ///< host partner id
  std::string pooled_fund_manager;    ///< the host's officer who manages the fund
  section75_agreement agreement;      ///< the section 75 agreement
  std::optional<money> stated_total;  ///< the fund's total as stated in the agreement, if given
  std::vector<contribution> contributions;  ///< contributions by partner and source
  std::vector<ring_fence> ring_fences;      ///< ring-fenced minimums
  std::vector<scheme> schemes;              ///< schemes
  std::vector<expenditure_line> lines;      ///< expenditure lines
  risk_share_agreement risk_share;          ///< how variances are shared
  /// Two-tier areas: the DFG passed to the district councils, allocated in full.
  std::vector<dfg_allocation> dfg_pass_through;
  /// Parts of contributions paid in only if a stated target is met.
  std::vector<performance_element> performance_linked;
  /// The later years of a multi-year plan that starts with this year (e.g. 2024-25 for a
  /// 2023-25 plan), in order.
  std::vector<plan_year> later_years;
  /// Each later year's total planned spend: the lines the year lists at what it plans for them,
  /// the others at what they planned the year before (checked).
  [[nodiscard]] std::vector<money> later_years_planned() const {
    std::map<std::string, money, std::less<>> by_line;
    for (const expenditure_line& l : lines)
      by_line[l.id] = l.planned;
    std::vector<money> out;
    for (const plan_year& y : later_years) {
      for (const planned_line& pl : y.lines)
        by_line[pl.line] = pl.planned;
      money total;
      for (const auto& [id, amount] : by_line)
        total += amount;
      out.push_back(total);
    }
    return out;
  }
  /// The plan's span, "2023-25" for a two-year plan from 2023-24, or the year itself.
  [[nodiscard]] std::string plan_period() const {
    if (later_years.empty()) return year.to_string();
    const int last = later_years.back().year.start_year() + 1;
    const int yy = last % 100;
    return std::to_string(year.start_year()) + "-" + (yy < 10 ? "0" : "") + std::to_string(yy);
  }

  /// The partner with this id, or nullptr.
  [[nodiscard]] const partner* find_partner(std::string_view id) const noexcept {
    for (const partner& p : partners) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
  /// The line with this id, or nullptr.
  [[nodiscard]] const expenditure_line* find_line(std::string_view id) const noexcept {
    for (const expenditure_line& l : lines) {
      if (l.id == id) return &l;
    }
    return nullptr;
  }
  /// Total contributions (the fund's income), checked.
  [[nodiscard]] money total_contributions() const {
    money total;
    for (const contribution& c : contributions)
      total += c.amount;
    return total;
  }
  /// Total planned expenditure, checked.
  [[nodiscard]] money total_planned() const {
    money total;
    for (const expenditure_line& l : lines)
      total += l.planned;
    return total;
  }
  /// One partner's total contribution, checked.
  [[nodiscard]] money contribution_of(std::string_view partner_id) const {
    money total;
    for (const contribution& c : contributions) {
      if (c.partner == partner_id) total += c.amount;
    }
    return total;
  }
  /// Memberwise equality.
  friend bool operator==(const pooled_fund&, const pooled_fund&) = default;
};

/// The capital part of each contribution (same order as `fund.contributions`), which settlement
/// keeps apart from revenue: a source only capital lines spend is capital in full; a source
/// revenue lines spend too is capital up to what its capital lines plan, shared over its
/// contributions pro rata (largest remainder). Only positive contributions from partners of
/// the fund count. All zero when the agreement's clause lets capital and revenue meet
/// (`risk_share.capital_revenue_offset_clause`).
[[nodiscard]] inline std::vector<money> capital_parts(const pooled_fund& fund) {
  std::vector<money> parts(fund.contributions.size());
  if (!fund.risk_share.capital_revenue_offset_clause.empty()) return parts;
  // Per source: what its capital lines plan, and whether a revenue line spends it too.
  std::map<std::string, std::pair<money, bool>, std::less<>> sources;
  for (const expenditure_line& l : fund.lines) {
    if (l.capital) sources[l.source].first += l.planned.is_positive() ? l.planned : money{};
  }
  for (const expenditure_line& l : fund.lines) {
    const auto it = sources.find(l.source);
    if (!l.capital && it != sources.end()) it->second.second = true;
  }
  for (const auto& [source, figures] : sources) {
    std::vector<money> weights(fund.contributions.size());
    money in;
    for (std::size_t i = 0; i < fund.contributions.size(); ++i) {
      const contribution& c = fund.contributions[i];
      if (c.source != source || !c.amount.is_positive() || fund.find_partner(c.partner) == nullptr)
        continue;
      weights[i] = c.amount;
      in += c.amount;
    }
    const money capital = figures.second ? std::min(in, figures.first) : in;
    if (!capital.is_positive()) continue;
    const std::vector<money> share = allocate(capital, weights).value();
    for (std::size_t i = 0; i < parts.size(); ++i)
      parts[i] += share[i];
  }
  return parts;
}

}  // namespace budget

// The fund document (joinedup/fund/v1, read and written by io::read_pooled_fund and
// io::write_pooled_fund), named once here in the order the writer writes it. An override's rule
// absent from the document is the agreement's default rule: one step in src/io/budget.cpp after
// the generic reader.

/// Partner kinds' names in documents (the same as to_string(partner_kind)).
template <>
inline constexpr auto enum_names<budget::partner_kind> =
    std::array<std::string_view, 3>{"icb", "council", "other_nhs"};

/// Commissioners' names in documents.
template <>
inline constexpr auto enum_names<budget::commissioner_kind> =
    std::array<std::string_view, 3>{"local_authority", "nhs", "joint"};

/// Risk classes' names in documents ("risk_class").
template <>
inline constexpr auto enum_names<budget::risk_class> =
    std::array<std::string_view, 2>{"variable", "fixed"};

/// Overspend rules' names in documents.
template <>
inline constexpr auto enum_names<budget::overspend_rule> =
    std::array<std::string_view, 4>{"proportional_to_contributions", "commissioner_bears",
                                    "per_scheme_pro_rata_capped", "host_bears"};

/// Underspend rules' names in documents.
template <>
inline constexpr auto enum_names<budget::underspend_rule> = std::array<std::string_view, 5>{
    "retain_in_pool", "return_pro_rata", "retained_by_lead_commissioner", "carry_forward",
    "contingency"};

template <>
inline constexpr auto fields_of<budget::partner> =
    std::tuple{field("id", &budget::partner::id), field("name", &budget::partner::name),
               field("kind", &budget::partner::kind),
               field("ods_code", &budget::partner::ods_code, presence::omit_empty),
               field("gss_code", &budget::partner::gss_code, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::instalment> = std::tuple{
    field("due", &budget::instalment::due), field("amount", &budget::instalment::amount)};

template <>
inline constexpr auto fields_of<budget::contribution> = std::tuple{
    field("partner", &budget::contribution::partner),
    field("source", &budget::contribution::source), field("amount", &budget::contribution::amount),
    field("instalments", &budget::contribution::instalments, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::performance_element> =
    std::tuple{field("partner", &budget::performance_element::partner),
               field("source", &budget::performance_element::source),
               field("amount", &budget::performance_element::amount),
               field("target", &budget::performance_element::target),
               field("met", &budget::performance_element::met, presence::omit_empty),
               field("evidence", &budget::performance_element::evidence, presence::omit_empty),
               field("lines", &budget::performance_element::lines, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::ring_fence> = std::tuple{
    field("kind", &budget::ring_fence::kind), field("minimum", &budget::ring_fence::minimum)};

template <>
inline constexpr auto fields_of<budget::scheme> =
    std::tuple{field("id", &budget::scheme::id), field("name", &budget::scheme::name),
               field("description", &budget::scheme::description, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::expenditure_line> = std::tuple{
    field("id", &budget::expenditure_line::id),
    field("scheme", &budget::expenditure_line::scheme),
    field("description", &budget::expenditure_line::description, presence::omit_empty),
    field("scheme_type", &budget::expenditure_line::scheme_type),
    field("sub_type", &budget::expenditure_line::sub_type, presence::omit_empty),
    field("scheme_type_other", &budget::expenditure_line::scheme_type_other, presence::omit_empty),
    field("area_of_spend", &budget::expenditure_line::area_of_spend),
    field("area_of_spend_other", &budget::expenditure_line::area_of_spend_other,
          presence::omit_empty),
    field("commissioner", &budget::expenditure_line::commissioner),
    field("joint_nhs_percent", &budget::expenditure_line::joint_nhs_share, presence::omit_empty,
          text_form::percent_number),
    field("joint_la_percent", &budget::expenditure_line::joint_la_share, presence::omit_empty,
          text_form::percent_number),
    field("nhs_partner", &budget::expenditure_line::nhs_partner, presence::omit_empty),
    field("provider_type", &budget::expenditure_line::provider_type, presence::omit_empty),
    field("provider", &budget::expenditure_line::provider, presence::omit_empty),
    field("source", &budget::expenditure_line::source),
    field("planned", &budget::expenditure_line::planned),
    field("capital", &budget::expenditure_line::capital, presence::optional),
    field("new_scheme", &budget::expenditure_line::new_scheme, presence::optional),
    field("risk_class", &budget::expenditure_line::risk, presence::optional)};

template <>
inline constexpr auto fields_of<budget::section75_agreement> =
    std::tuple{field("reference", &budget::section75_agreement::reference),
               field("start", &budget::section75_agreement::start),
               field("end", &budget::section75_agreement::end)};

/// The rule's two members stand in the risk-share object and in each override.
template <>
inline constexpr auto fields_of<budget::risk_share_rule> =
    std::tuple{field("overspend", &budget::risk_share_rule::overspend),
               field("underspend", &budget::risk_share_rule::underspend)};

template <>
inline constexpr auto fields_of<budget::risk_share_override> =
    std::tuple{field("schemes", &budget::risk_share_override::schemes, presence::omit_empty),
               field("lines", &budget::risk_share_override::lines, presence::omit_empty),
               flattened(&budget::risk_share_override::rule, presence::flatten_optional)};

template <>
inline constexpr auto fields_of<budget::hwb_underspend_decision> =
    std::tuple{field("reference", &budget::hwb_underspend_decision::reference),
               field("underspend", &budget::hwb_underspend_decision::underspend),
               field("schemes", &budget::hwb_underspend_decision::schemes, presence::omit_empty),
               field("lines", &budget::hwb_underspend_decision::lines, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::overspend_cap> = std::tuple{
    field("partner", &budget::overspend_cap::partner), field("cap", &budget::overspend_cap::cap)};

template <>
inline constexpr auto fields_of<budget::pool_funding> =
    std::tuple{field("partner", &budget::pool_funding::partner),
               field("amount", &budget::pool_funding::amount)};

template <>
inline constexpr auto fields_of<budget::risk_share_agreement> = std::tuple{
    flattened(&budget::risk_share_agreement::default_rule),
    field("offset_underspends", &budget::risk_share_agreement::offset_underspends,
          presence::optional),
    field("risk_pool", &budget::risk_share_agreement::risk_pool, presence::optional),
    field("risk_pool_funding", &budget::risk_share_agreement::risk_pool_funding,
          presence::omit_empty),
    field("overrides", &budget::risk_share_agreement::overrides, presence::omit_empty),
    field("caps", &budget::risk_share_agreement::caps, presence::omit_empty),
    field("caps_override", &budget::risk_share_agreement::caps_override, presence::omit_empty),
    field("capital_revenue_offset_clause",
          &budget::risk_share_agreement::capital_revenue_offset_clause, presence::omit_empty),
    field("hwb_underspend_decision", &budget::risk_share_agreement::hwb_decision,
          presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::dfg_allocation> =
    std::tuple{field("district", &budget::dfg_allocation::district),
               field("gss_code", &budget::dfg_allocation::gss_code),
               field("amount", &budget::dfg_allocation::amount)};

template <>
inline constexpr auto fields_of<budget::planned_line> = std::tuple{
    field("line", &budget::planned_line::line), field("planned", &budget::planned_line::planned)};

template <>
inline constexpr auto fields_of<budget::plan_year> =
    std::tuple{field("financial_year", &budget::plan_year::year),
               field("contributions", &budget::plan_year::contributions),
               field("lines", &budget::plan_year::lines, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::pooled_fund> = std::tuple{
    field("name", &budget::pooled_fund::name),
    field("hwb_gss_code", &budget::pooled_fund::hwb_gss_code),
    field("financial_year", &budget::pooled_fund::year),
    field("partners", &budget::pooled_fund::partners),
    field("host", &budget::pooled_fund::host),
    field("pooled_fund_manager", &budget::pooled_fund::pooled_fund_manager, presence::omit_empty),
    field("agreement", &budget::pooled_fund::agreement),
    field("stated_total", &budget::pooled_fund::stated_total, presence::omit_empty),
    field("contributions", &budget::pooled_fund::contributions),
    field("ring_fences", &budget::pooled_fund::ring_fences, presence::omit_empty),
    field("schemes", &budget::pooled_fund::schemes),
    field("lines", &budget::pooled_fund::lines),
    field("risk_share", &budget::pooled_fund::risk_share),
    field("dfg_pass_through", &budget::pooled_fund::dfg_pass_through, presence::omit_empty),
    field("performance_linked", &budget::pooled_fund::performance_linked, presence::omit_empty),
    field("later_years", &budget::pooled_fund::later_years, presence::omit_empty)};

JOINEDUP_END_NAMESPACE
