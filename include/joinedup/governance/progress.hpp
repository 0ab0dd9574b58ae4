// joinedup: integration progress measures on a date, as numerator/denominator pairs that the
// outcomes framework can turn into indicators: the share of combined NHS and council spend for
// the population that sits in pooled budgets; the population covered by integrated arrangements
// against dated national ambitions given as data; services jointly commissioned; and people with
// complex needs who have both an agreed plan and a named case manager.
//
// Facts used (docs/sources.md): §S-BCF-PLAN NHS and council money pooled under a section 75
// agreement; §S-S75-ARRANGEMENTS pooled funds, lead commissioning and integrated provision are
// the three kinds of partnership arrangement; §S-NAMED-COORDINATOR a named coordinator;
// §S-HC1583 the Health Committee's single commissioning process; §S-HC650-PARA25 and
// §S-HC650-PARA26 the dated national ambitions, the 20 %/50 % ones for new care models. The dated
// ambitions are data (data/governance/ambitions.json), each with its source, confidence tag and
// measure, never constants in code; each is judged only with coverage dated on or before its own
// date (coverage measured later says nothing about whether an earlier ambition was met).
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/care/assignment.hpp"
#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/rounding.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace governance {

/// A calendar date.
using date = std::chrono::year_month_day;

/// A numerator/denominator pair: counts of people or services, residents, or pence.
struct measure {
  std::string id;                ///< stable key, e.g. "pooled_spend_share"
  std::string title;             ///< in words
  std::string unit;              ///< what is counted: "pence", "residents", "services", "people"
  std::int64_t numerator = 0;    ///< how many meet the condition (pence for money)
  std::int64_t denominator = 0;  ///< how many it applies to (pence for money)
  /// The exact fraction, or nullopt when the denominator is zero.
  [[nodiscard]] std::optional<ratio> value() const {
    if (denominator == 0) return std::nullopt;
    return ratio::of(numerator, denominator);
  }
  /// Memberwise equality.
  friend bool operator==(const measure&, const measure&) = default;
};

/// A partner's spend for the population in a year, and how much of it is in pooled budgets.
struct partner_spend {
  std::string partner;  ///< partner id
  money total;          ///< all its spend on the population's health and care
  money pooled;         ///< the part in pooled budgets (section 75 or ss65Z5-65Z6)
  /// Memberwise equality.
  friend bool operator==(const partner_spend&, const partner_spend&) = default;
};

/// The population and how many of its residents integrated arrangements cover.
struct population_coverage {
  std::int64_t residents = 0;  ///< the population of the area
  std::int64_t covered = 0;    ///< residents covered by integrated arrangements
  std::string source;          ///< where the figures come from
  /// Memberwise equality.
  friend bool operator==(const population_coverage&, const population_coverage&) = default;
};

/// What a population coverage figure counts: residents covered by integrated arrangements in
/// general, or by new care models (the measure of the 2015/16 mandate's ambitions, HC 650 para
/// 26, docs/sources.md §S-HC650-PARA26).
enum class coverage_measure : std::uint8_t {
  integrated_arrangements,  ///< integrated arrangements in general (the default)
  new_care_models,          ///< new care models (vanguards and their successors)
};

/// Population coverage measured on a date: how many of the residents then were covered.
struct coverage_record {
  date on{};  ///< the date the figures describe
  coverage_measure measure = coverage_measure::integrated_arrangements;  ///< what is counted
  std::int64_t covered = 0;                                              ///< residents covered
  std::int64_t residents = 0;  ///< the population of the area on that date
  std::string source;          ///< where the figures come from
  /// Memberwise equality.
  friend bool operator==(const coverage_record&, const coverage_record&) = default;
};

/// A dated national ambition for population coverage, given as data with its source.
struct ambition {
  std::string id;           ///< key
  std::string description;  ///< the ambition in words
  ratio share;              ///< the share of the population to be covered, e.g. 1/5
  date by{};                ///< the date by which it is to be met
  std::string source;       ///< where it comes from
  std::string confidence;   ///< the domain notes' tag: "C", "R" or "U"
  /// What coverage it is judged on (absent in a document: integrated arrangements).
  coverage_measure measure = coverage_measure::integrated_arrangements;
  /// Memberwise equality.
  friend bool operator==(const ambition&, const ambition&) = default;
};

/// A service commissioned for the population, and by whom.
struct service_record {
  std::string id;                            ///< key
  std::string name;                          ///< what it is
  std::vector<std::string> commissioned_by;  ///< partner ids; two or more = jointly
  /// True when two or more different partners commission it.
  [[nodiscard]] bool jointly() const {
    const std::set<std::string> distinct(commissioned_by.begin(), commissioned_by.end());
    return distinct.size() >= 2;
  }
  /// Memberwise equality.
  friend bool operator==(const service_record&, const service_record&) = default;
};

/// Everything the progress measures are computed from (the care records are separate).
struct progress_input {
  std::string area;           ///< the area's name
  std::optional<date> as_of;  ///< the date the figures describe, if stated
  financial_year year = financial_year::starting(2025);  ///< the year the spend covers
  std::vector<partner_spend> spend;                      ///< spend by partner
  population_coverage population;         ///< coverage on the document's as_of (undated figures)
  std::vector<coverage_record> coverage;  ///< dated coverage measurements
  std::vector<ambition> ambitions;        ///< dated ambitions (may be empty)
  std::vector<service_record> services;   ///< services commissioned
  /// Memberwise equality.
  friend bool operator==(const progress_input&, const progress_input&) = default;
};

}  // namespace governance

/// The interchange (snake_case) names of governance::coverage_measure, in enumerator order.
template <>
inline constexpr auto enum_names<governance::coverage_measure> =
    std::array<std::string_view, 2>{"integrated_arrangements", "new_care_models"};

namespace governance {

/// The snake_case name of a coverage measure.
[[nodiscard]] constexpr std::string_view to_string(coverage_measure m) noexcept {
  return enum_name(m);
}

}  // namespace governance

// ---------------------------------------------------------------------------------------------
// The progress input and ambitions documents' fields (joinedup/progress/v1,
// joinedup/ambitions/v1; docs/governance.md), in the order they are written
// ---------------------------------------------------------------------------------------------

/// The fields of a partner's spend.
template <>
inline constexpr auto fields_of<governance::partner_spend> =
    std::tuple{field("partner", &governance::partner_spend::partner),
               field("total", &governance::partner_spend::total),
               field("pooled", &governance::partner_spend::pooled)};

/// The fields of the population coverage.
template <>
inline constexpr auto fields_of<governance::population_coverage> =
    std::tuple{field("residents", &governance::population_coverage::residents),
               field("covered", &governance::population_coverage::covered),
               field("source", &governance::population_coverage::source, presence::omit_empty)};

/// The fields of a dated coverage measurement.
template <>
inline constexpr auto fields_of<governance::coverage_record> =
    std::tuple{field("date", &governance::coverage_record::on),
               field("measure", &governance::coverage_record::measure, presence::optional),
               field("covered", &governance::coverage_record::covered),
               field("residents", &governance::coverage_record::residents),
               field("source", &governance::coverage_record::source, presence::omit_empty)};

/// The fields of an ambition (its "share" is a ratio: "20%", "0.2" or "1/5"; its "confidence"
/// is "C", "R" or "U", checked by the reader).
template <>
inline constexpr auto fields_of<governance::ambition> =
    std::tuple{field("id", &governance::ambition::id),
               field("description", &governance::ambition::description, presence::omit_empty),
               field("share", &governance::ambition::share),
               field("by", &governance::ambition::by),
               field("source", &governance::ambition::source),
               field("confidence", &governance::ambition::confidence),
               field("measure", &governance::ambition::measure, presence::omit_empty)};

/// The fields of a service record.
template <>
inline constexpr auto fields_of<governance::service_record> =
    std::tuple{field("id", &governance::service_record::id),
               field("name", &governance::service_record::name, presence::omit_empty),
               field("commissioned_by", &governance::service_record::commissioned_by)};

/// The fields of the progress input (the "schema" tag is handled by the document reader).
template <>
inline constexpr auto fields_of<governance::progress_input> =
    std::tuple{field("area", &governance::progress_input::area, presence::omit_empty),
               field("as_of", &governance::progress_input::as_of, presence::omit_empty),
               field("financial_year", &governance::progress_input::year),
               field("spend", &governance::progress_input::spend),
               field("population", &governance::progress_input::population),
               field("coverage", &governance::progress_input::coverage, presence::omit_empty),
               field("ambitions", &governance::progress_input::ambitions, presence::optional),
               field("services", &governance::progress_input::services, presence::optional)};

namespace governance {

/// True for an ambition confidence tag of the domain notes: "C" (confirmed), "R" (reported) or
/// "U" (unconfirmed); "" (not given) is accepted too.
[[nodiscard]] inline bool valid_confidence(std::string_view tag) noexcept {
  return tag.empty() || tag == "C" || tag == "R" || tag == "U";
}

/// Where an ambition stands on a date.
enum class ambition_state : std::uint8_t {
  met,             ///< coverage dated on or before its date reaches the share
  not_met,         ///< the date has passed and coverage on or before it is below the share
  not_yet_due,     ///< the date has not come and coverage so far is still below the share
  not_assessable,  ///< no coverage of its measure is dated on or before its date (and the as-of)
};

/// The snake_case name of an ambition state.
[[nodiscard]] constexpr std::string_view to_string(ambition_state s) noexcept {
  switch (s) {
    case ambition_state::met:
      return "met";
    case ambition_state::not_met:
      return "not_met";
    case ambition_state::not_yet_due:
      return "not_yet_due";
    case ambition_state::not_assessable:
      return "not_assessable";
  }
  return "not_met";
}

/// An ambition's standing.
struct ambition_result {
  std::string id;  ///< the ambition's id
  ratio share;     ///< the share wanted
  date by{};       ///< by when
  ambition_state state =
      ambition_state::not_yet_due;   ///< met, not met, not yet due, or not assessable
  std::int64_t residents_short = 0;  ///< how many more residents must be covered (0 when met)
  coverage_measure measure = coverage_measure::integrated_arrangements;  ///< what it is judged on
  std::optional<coverage_record>
      coverage;  ///< the coverage it was judged with (none: not assessable)
  /// Memberwise equality.
  friend bool operator==(const ambition_result&, const ambition_result&) = default;
};

/// The measures on a date.
struct progress_measures {
  date as_of{};                                  ///< the date
  measure pooled_spend;                          ///< pence in pooled budgets / all pence
  measure population_covered;                    ///< residents covered / residents
  std::vector<ambition_result> ambitions;        ///< each ambition's standing
  measure joint_services;                        ///< services jointly commissioned / services
  std::optional<measure> plan_and_case_manager;  ///< from the care records, when given
  /// The measures as a list, in report order.
  [[nodiscard]] std::vector<measure> all() const {
    std::vector<measure> out{pooled_spend, population_covered, joint_services};
    if (plan_and_case_manager) out.push_back(*plan_and_case_manager);
    return out;
  }
  /// Memberwise equality.
  friend bool operator==(const progress_measures&, const progress_measures&) = default;
};

/// True when numerator / denominator >= share, compared exactly (128-bit cross products).
[[nodiscard]] inline bool reaches(std::int64_t numerator, std::int64_t denominator, ratio share) {
  if (denominator <= 0) return false;
  return static_cast<::joinedup::detail::int128>(numerator) * share.den() >=
         static_cast<::joinedup::detail::int128>(share.num()) * denominator;
}

/// The smallest count c with c / denominator >= share (the residents an ambition needs).
[[nodiscard]] inline std::int64_t needed_for(std::int64_t denominator, ratio share) {
  if (share.num() <= 0 || denominator <= 0) return 0;
  const ::joinedup::detail::int128 top =
      static_cast<::joinedup::detail::int128>(share.num()) * denominator;
  const ::joinedup::detail::int128 need = (top + share.den() - 1) / share.den();
  return static_cast<std::int64_t>(need);
}

/// For each person of `records` (same order), the plan in force on `on` that was agreed most
/// recently (care::replay and care::in_force), or nullopt when none is.
[[nodiscard]] inline std::vector<std::optional<std::size_t>> plans_in_force(
    const care::care_records& records, std::chrono::sys_days on) {
  const care::person_index people(records.people);
  std::vector<std::optional<std::size_t>> plan(records.people.size());
  std::vector<std::optional<care::date>> agreed(records.people.size());
  for (std::size_t p = 0; p < records.plans.size(); ++p) {
    const std::optional<std::size_t> who = people.find(records.plans[p].nhs_number);
    if (!who) continue;
    const care::lifecycle lc = care::replay(records.plans[p].history, on);
    if (!lc.status || !care::in_force(*lc.status) || !lc.last_agreed) continue;
    if (!plan[*who] ||
        std::chrono::sys_days(*lc.last_agreed) > std::chrono::sys_days(*agreed[*who])) {
      plan[*who] = p;
      agreed[*who] = lc.last_agreed;
    }
  }
  return plan;
}

/// People with complex needs (care::person::complex_needs) whose plan in force on `as_of` (the
/// in-force plan agreed most recently, plans_in_force) has exactly one case manager that day who
/// is on record and not absent / people with complex needs. The same rule as the care guarantee's
/// agreed_plan and named_case_manager measures, both at once.
[[nodiscard]] inline measure plan_and_case_manager(const care::care_records& records,
                                                   std::chrono::sys_days as_of) {
  measure m{"plan_and_case_manager",
            "People with complex needs with an agreed plan and a named case manager", "people", 0,
            0};
  const care::case_manager_index managers(records.case_managers);
  const std::vector<std::optional<std::size_t>> plan = plans_in_force(records, as_of);
  for (std::size_t i = 0; i < records.people.size(); ++i) {
    if (!records.people[i].complex_needs) continue;
    ++m.denominator;
    if (!plan[i]) continue;
    const std::optional<care::case_manager_id> cm =
        care::case_manager_on(records.plans[*plan[i]], as_of);
    if (!cm) continue;
    const std::optional<std::size_t> k = managers.find(*cm);
    if (k && !care::is_absent(records.case_managers[*k], as_of)) ++m.numerator;
  }
  return m;
}

/// The coverage of measure `m` that stood on `day`: the latest coverage record of that measure
/// dated on or before `day`, where the undated population block counts as integrated
/// arrangements coverage dated on the document's as_of (or on `undated_on` when the document has
/// none). A dated record wins over the population block of the same date. Nullopt when no
/// coverage of the measure is dated on or before `day`.
[[nodiscard]] inline std::optional<coverage_record> coverage_on(const progress_input& in,
                                                                coverage_measure m,
                                                                std::chrono::sys_days day,
                                                                std::chrono::sys_days undated_on) {
  std::optional<coverage_record> best;
  const std::chrono::sys_days population_on =
      in.as_of ? std::chrono::sys_days(*in.as_of) : undated_on;
  if (m == coverage_measure::integrated_arrangements && population_on <= day) {
    best = coverage_record{date{population_on}, m, in.population.covered, in.population.residents,
                           in.population.source};
  }
  for (const coverage_record& c : in.coverage) {
    if (c.measure != m || std::chrono::sys_days(c.on) > day) continue;
    if (!best || std::chrono::sys_days(c.on) >= std::chrono::sys_days(best->on)) best = c;
  }
  return best;
}

/// Judges an ambition on `as_of` with the coverage of its measure that stood on its own date (or
/// on `as_of`, when that comes first): met when that coverage reaches the share (compared
/// exactly); otherwise not yet due up to and including its date and not met after it, with the
/// residents still to cover (ceil(share x residents) - covered). Not assessable when no coverage
/// of its measure is dated on or before that day: coverage measured later says nothing about
/// whether an earlier ambition was met.
[[nodiscard]] inline ambition_result judge_ambition(const ambition& a, const progress_input& in,
                                                    std::chrono::sys_days as_of) {
  ambition_result r{a.id, a.share, a.by, ambition_state::not_assessable, 0, a.measure, {}};
  const std::chrono::sys_days by(a.by);
  r.coverage = coverage_on(in, a.measure, std::min(by, as_of), as_of);
  if (!r.coverage) return r;
  const coverage_record& c = *r.coverage;
  if (reaches(c.covered, c.residents, a.share)) {
    r.state = ambition_state::met;
  } else {
    r.state = as_of > by ? ambition_state::not_met : ambition_state::not_yet_due;
    r.residents_short = needed_for(c.residents, a.share) - c.covered;
  }
  return r;
}

/// Checks the dated coverage: governance.progress.coverage (negative counts, covered above
/// residents, or two records of one measure on one date).
inline void check_coverage(const progress_input& in, diagnostics& diags) {
  std::set<std::pair<std::int32_t, coverage_measure>> seen;
  for (std::size_t i = 0; i < in.coverage.size(); ++i) {
    const coverage_record& c = in.coverage[i];
    const std::string at = "/coverage/" + std::to_string(i);
    if (c.residents < 0 || c.covered < 0 || c.covered > c.residents) {
      diags.error("governance.progress.coverage", at,
                  "coverage on " + to_iso_string(c.on) + " (" + std::to_string(c.covered) +
                      " covered) must be from 0 to the number of residents (" +
                      std::to_string(c.residents) + ")");
    }
    const std::int32_t day =
        static_cast<std::int32_t>(std::chrono::sys_days(c.on).time_since_epoch().count());
    if (!seen.insert({day, c.measure}).second) {
      diags.error("governance.progress.coverage", at + "/date",
                  "two " + std::string(to_string(c.measure)) + " coverage figures are dated " +
                      to_iso_string(c.on) + "; give one per measure and date");
    }
  }
}

/// Checks progress input: governance.progress.spend (a negative amount, or pooled above the
/// partner's total), governance.progress.population (negative counts or covered above
/// residents), governance.progress.coverage (see check_coverage), governance.progress.ambition
/// (a share outside 0 to 1), governance.id.duplicate (ambition or service ids).
inline void check_progress(const progress_input& in, diagnostics& diags) {
  for (std::size_t i = 0; i < in.spend.size(); ++i) {
    const partner_spend& s = in.spend[i];
    const std::string at = "/spend/" + std::to_string(i);
    if (s.total.is_negative() || s.pooled.is_negative()) {
      diags.error("governance.progress.spend", at,
                  "spend of '" + s.partner + "' is negative (total " +
                      s.total.to_string(money_style::display) + ", pooled " +
                      s.pooled.to_string(money_style::display) + ")");
    } else if (s.pooled > s.total) {
      diags.error("governance.progress.spend", at + "/pooled",
                  "'" + s.partner + "' has " + s.pooled.to_string(money_style::display) +
                      " in pooled budgets but only " + s.total.to_string(money_style::display) +
                      " of spend in all; pooled spend is part of the total");
    }
  }
  const population_coverage& p = in.population;
  if (p.residents < 0 || p.covered < 0 || p.covered > p.residents) {
    diags.error("governance.progress.population", "/population",
                "population covered (" + std::to_string(p.covered) +
                    ") must be from 0 to the number of residents (" + std::to_string(p.residents) +
                    ")");
  }
  check_coverage(in, diags);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < in.ambitions.size(); ++i) {
    const ambition& a = in.ambitions[i];
    if (a.share.is_negative() || a.share > ratio::whole(1)) {
      diags.error("governance.progress.ambition", "/ambitions/" + std::to_string(i) + "/share",
                  "ambition '" + a.id + "' asks for a share of " + a.share.to_decimal_string() +
                      "; a share of the population is from 0 to 1");
    }
    if (!seen.insert(a.id).second) {
      diags.error("governance.id.duplicate", "/ambitions/" + std::to_string(i) + "/id",
                  "ambition id '" + a.id + "' is used twice");
    }
  }
  seen.clear();
  for (std::size_t i = 0; i < in.services.size(); ++i) {
    if (!seen.insert(in.services[i].id).second) {
      diags.error("governance.id.duplicate", "/services/" + std::to_string(i) + "/id",
                  "service id '" + in.services[i].id + "' is used twice");
    }
  }
}

/// Computes the measures on `as_of`. Spend is summed exactly in pence (overflow throws
/// overflow_error, as all money arithmetic does). With `records`, the complex-needs measure is
/// added. Each ambition is judged with judge_ambition (the coverage that stood on its own date).
[[nodiscard]] inline progress_measures measure_progress(
    const progress_input& in, std::chrono::sys_days as_of,
    const care::care_records* records = nullptr) {
  progress_measures out;
  out.as_of = date{as_of};
  money pooled;
  money total;
  for (const partner_spend& s : in.spend) {
    pooled += s.pooled;
    total += s.total;
  }
  out.pooled_spend = {"pooled_spend_share",
                      "Share of combined NHS and council spend in pooled budgets", "pence",
                      pooled.pence(), total.pence()};
  out.population_covered = {"population_covered", "Population covered by integrated arrangements",
                            "residents", in.population.covered, in.population.residents};
  for (const ambition& a : in.ambitions)
    out.ambitions.push_back(judge_ambition(a, in, as_of));
  out.joint_services = {"joint_services", "Services jointly commissioned", "services", 0,
                        static_cast<std::int64_t>(in.services.size())};
  for (const service_record& s : in.services) {
    if (s.jointly()) ++out.joint_services.numerator;
  }
  if (records != nullptr) out.plan_and_case_manager = plan_and_case_manager(*records, as_of);
  return out;
}

/// A measure as an outcomes indicator: a proportion with Wilson 95% limits, as a percentage
/// (outcomes::proportion). Only meaningful for counts of people or services; money shares are
/// exact and have no sampling interval. Errors as outcomes::proportion (e.g. a zero
/// denominator: outcomes.stats.nonpositive_denominator).
[[nodiscard]] inline result<outcomes::indicator_value> to_indicator(const measure& m) {
  return outcomes::proportion(static_cast<double>(m.numerator), static_cast<double>(m.denominator),
                              outcomes::confidence_levels::ninety_five(), 100);
}

}  // namespace governance
JOINEDUP_END_NAMESPACE
