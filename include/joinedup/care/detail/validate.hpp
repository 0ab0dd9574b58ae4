// joinedup: the care records validator's parts, one short function per rule group. The entry
// point is care::validate in joinedup/care/validate.hpp; nothing here is public API.
//
// Facts used (docs/sources.md §S-CARE-ACT-S25, §S-CARE-ACT-S26, §S-CHC-FREE): s25(1) a plan
// lists the needs, whether they are eligible, the outcomes and the personal budget; s25(2) a
// direct payment has an amount and a frequency; s25(3) the adult is involved, or a lack of
// capacity is recorded; s26 the personal budget = the adult's contribution + the council's
// amount; NHS-funded care is free to the person (S-CHC-FREE, tagged U: no source yet); the
// review rules are in review.hpp.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "joinedup/care/assignment.hpp"
#include "joinedup/care/costing.hpp"
#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

namespace detail {

/// An NHS number for a message: masked when it is one, otherwise a neutral description.
inline std::string masked_for_message(std::string_view text) {
  if (const result<nhs_number> n = nhs_number::parse(text)) return n->masked();
  return mask_nhs_numbers("'" + std::string(text) + "'");
}

/// "plan 'P1' (NHS number *** *** 0018)" for messages.
inline std::string plan_label(const care_plan& plan) {
  return "plan '" + plan.id.str() + "' (NHS number " + masked_for_message(plan.nhs_number) + ")";
}

/// "on 2025-11-30" for messages.
inline std::string iso(std::chrono::sys_days day) {
  return to_iso_string(date{day});
}

/// A person's council of residence: a valid GSS code of an upper-tier authority.
inline void validate_council(const person& p, reporter& r) {
  const result<gss_code> council = gss_code::parse(p.council);
  if (!council) {
    collect(council, r.out(), r.at("council"));
  } else if (!council->is_upper_tier_authority()) {
    r.warning_at("council", "care.person.council",
                 "council of residence '" + p.council +
                     "' is not an upper-tier authority (E06, E08, E09 or E10), so it is not a "
                     "council with adult social care duties");
  }
}

/// A person's GP practice: a valid ODS code of the GP practice shape.
inline void validate_gp_practice(const person& p, reporter& r) {
  const result<ods_code> gp = ods_code::parse(p.gp_practice);
  if (!gp) {
    collect(gp, r.out(), r.at("gp_practice"));
  } else if (gp->kind() != ods_kind::gp_practice) {
    r.warning_at(
        "gp_practice", "care.person.gp_practice",
        "'" + p.gp_practice + "' does not look like a GP practice code (a letter and five digits)");
  }
}

/// Checks one person (the reporter is at "/people/<i>").
inline void validate_person(const person& p, std::chrono::sys_days as_of, reporter& r) {
  if (!nhs_number::is_valid(p.nhs_number)) {
    collect(nhs_number::parse(p.nhs_number), r.out(), r.at("nhs_number"));
  }
  if (!p.council.empty()) validate_council(p, r);
  if (!p.gp_practice.empty()) validate_gp_practice(p, r);
  if (p.date_of_birth && std::chrono::sys_days(*p.date_of_birth) > as_of) {
    r.error_at("date_of_birth", "care.person.date_of_birth",
               "date of birth " + to_iso_string(*p.date_of_birth) + " is after " + iso(as_of));
  }
  if (p.eligibility.chc && !p.eligibility.chc_decided_on) {
    r.warning_at("eligibility", "care.person.chc_decision",
                 "the person is eligible for NHS Continuing Healthcare but the date of the "
                 "eligibility decision is missing; the first review is then counted from the "
                 "plan's agreement");
  }
}

/// True when `id` names a need of `plan`.
inline bool has_need(const care_plan& plan, std::string_view id) {
  for (const need& n : plan.needs) {
    if (n.id == id) return true;
  }
  return false;
}

/// True when need `id` of `plan` is NHS-funded (every need of a CHC plan is).
inline bool nhs_funded_need(const care_plan& plan, std::string_view id) {
  if (plan.kind == plan_kind::chc) return true;
  for (const need& n : plan.needs) {
    if (n.id == id) return n.nhs_funded;
  }
  return false;
}

/// People by NHS number, as validate() meets them: ten-digit numbers by their digits, anything
/// else as written; the first person with a number wins.
class people_by_number {
 public:
  /// An empty index with room for `n` numbers.
  explicit people_by_number(std::size_t n) { by_number_.reserve(n); }
  /// Adds person `i`; returns the index of an earlier person with the same number, if any.
  std::optional<std::size_t> add(std::string_view nhs_number, std::size_t i) {
    if (const std::optional<std::uint64_t> k = person_index::key(nhs_number)) {
      const auto [it, inserted] = by_number_.emplace(*k, i);
      return inserted ? std::nullopt : std::optional<std::size_t>(it->second);
    }
    const auto [it, inserted] = by_text_.emplace(nhs_number, i);
    return inserted ? std::nullopt : std::optional<std::size_t>(it->second);
  }
  /// The index of the first person with this number, or nullopt.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view nhs_number) const {
    if (const std::optional<std::uint64_t> k = person_index::key(nhs_number)) {
      const auto it = by_number_.find(*k);
      return it == by_number_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
    const auto it = by_text_.find(nhs_number);
    return it == by_text_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }

 private:
  std::unordered_map<std::uint64_t, std::size_t> by_number_;
  std::unordered_map<std::string_view, std::size_t> by_text_;
};

/// For each plan whose id an earlier plan already uses, the position of one such earlier plan.
/// Found by sorting (hash, position) pairs, which is much cheaper than a hash table of a million
/// strings; the few duplicates are kept in a small map.
inline std::unordered_map<std::size_t, std::size_t> duplicate_plan_ids(
    const std::vector<care_plan>& plans) {
  std::unordered_map<std::size_t, std::size_t> duplicate_of;
  std::vector<std::pair<std::size_t, std::size_t>> hashed(plans.size());
  const std::hash<std::string_view> hash;
  for (std::size_t pi = 0; pi < plans.size(); ++pi)
    hashed[pi] = {hash(plans[pi].id.str()), pi};
  std::sort(hashed.begin(), hashed.end());
  for (std::size_t k = 1; k < hashed.size(); ++k) {
    for (std::size_t j = k; j-- > 0 && hashed[j].first == hashed[k].first;) {
      if (plans[hashed[j].second].id == plans[hashed[k].second].id) {
        duplicate_of.emplace(hashed[k].second, hashed[j].second);
        break;
      }
    }
  }
  return duplicate_of;
}

/// The records being validated, the indexes built on the way and the summary being counted.
struct care_walk {
  /// Starts a walk over `r` on `day` under `p`, with nothing counted yet.
  care_walk(const care_records& in, std::chrono::sys_days day, const review_policy& p)
      : records(in),
        as_of(day),
        policy(p),
        people(in.people.size()),
        caseload(in.case_managers.size()) {}

  const care_records& records;                                 ///< what is validated
  std::chrono::sys_days as_of;                                 ///< the as-of date
  const review_policy& policy;                                 ///< review intervals
  people_by_number people;                                     ///< people by NHS number
  std::unordered_map<std::string_view, std::size_t> managers;  ///< case managers by id
  std::unordered_set<std::string_view> schemes;                ///< records.schemes
  std::unordered_map<std::size_t, std::size_t> duplicate_of;   ///< duplicate_plan_ids
  std::string_view last_manager;       ///< the case manager last looked up (plans often share one)
  std::size_t last_manager_index = 0;  ///< its position in records.case_managers
  std::vector<std::int64_t> caseload;  ///< plans per case manager on the as-of date
  std::int64_t plans_in_force = 0;     ///< plans agreed and not closed on the as-of date
  std::int64_t reviews_overdue = 0;    ///< plans in force whose review is overdue
  std::int64_t coverage_problems = 0;  ///< gaps, overlaps and plans with no case manager

  /// The person with this NHS number, or nullptr.
  [[nodiscard]] const person* find_person(std::string_view nhs_number) const {
    const std::optional<std::size_t> i = people.find(nhs_number);
    return i ? &records.people[*i] : nullptr;
  }
  /// The position of the case manager with this id, or nullopt.
  std::optional<std::size_t> find_manager(std::string_view id) {
    if (!last_manager.empty() && id == last_manager) return last_manager_index;
    const auto m = managers.find(id);
    if (m == managers.end()) return std::nullopt;
    last_manager = m->first;
    last_manager_index = m->second;
    return m->second;
  }
};

/// Every person: identifiers, and NHS numbers used twice; fills the index plans use.
inline void validate_people(care_walk& w, reporter& r) {
  for (std::size_t i = 0; i < w.records.people.size(); ++i) {
    const person& p = w.records.people[i];
    auto s = r.scope("people", i);
    validate_person(p, w.as_of, r);
    if (const std::optional<std::size_t> first = w.people.add(p.nhs_number, i)) {
      r.error_at("nhs_number", "care.person.duplicate",
                 "NHS number " + masked_for_message(p.nhs_number) + " is already used by /people/" +
                     std::to_string(*first));
    }
  }
}

/// One case manager (the reporter is at it): a unique id, a capacity, absences in order.
inline void validate_case_manager(care_walk& w, const case_manager& cm, std::size_t i,
                                  reporter& r) {
  if (!w.managers.emplace(cm.id.str(), i).second) {
    r.error_at("id", "care.case_manager.duplicate",
               "case manager id '" + cm.id.str() + "' is used more than once");
  }
  if (cm.capacity <= 0) {
    r.error_at("capacity", "care.case_manager.capacity",
               "case manager '" + cm.id.str() + "' has capacity " + std::to_string(cm.capacity) +
                   "; expected a positive number of plans");
  }
  for (std::size_t a = 0; a < cm.absences.size(); ++a) {
    const absence& ab = cm.absences[a];
    if (std::chrono::sys_days(ab.to) >= std::chrono::sys_days(ab.from)) continue;
    auto s = r.scope("absences", a);
    r.error("care.case_manager.dates", "absence " + to_iso_string(ab.from) + " to " +
                                           to_iso_string(ab.to) + " ends before it starts");
  }
}

/// Case managers holding more plans on the as-of date than their capacity.
inline void validate_caseloads(const care_walk& w, reporter& r) {
  for (std::size_t i = 0; i < w.records.case_managers.size(); ++i) {
    const case_manager& cm = w.records.case_managers[i];
    if (cm.capacity <= 0 || w.caseload[i] <= cm.capacity) continue;
    auto s = r.scope("case_managers", i);
    r.warning("care.case_manager.over_capacity", "case manager '" + cm.id.str() + "' holds " +
                                                     std::to_string(w.caseload[i]) + " plans on " +
                                                     iso(w.as_of) + ", over their capacity of " +
                                                     std::to_string(cm.capacity));
  }
}

/// The person a plan is for (the reporter is at the plan): a valid NHS number of someone in
/// /people. Returns that person, or nullptr.
inline const person* plan_person(const care_walk& w, const care_plan& plan, reporter& r) {
  if (!nhs_number::is_valid(plan.nhs_number)) {
    collect(nhs_number::parse(plan.nhs_number), r.out(), r.at("nhs_number"));
    return nullptr;
  }
  const person* who = w.find_person(plan.nhs_number);
  if (who == nullptr) {
    r.error_at("nhs_number", "care.person.unknown",
               plan_label(plan) + " is for a person who is not in /people");
  }
  return who;
}

/// The plan's lifecycle on the as-of date, after checking every event (the reporter is at the
/// plan); events after the as-of date are ignored, with a warning about the first.
inline lifecycle plan_lifecycle(const care_plan& plan, std::chrono::sys_days as_of, reporter& r) {
  const lifecycle lc = check_lifecycle(plan, r.path(), r.out());
  for (std::size_t e = 0; e < plan.history.size(); ++e) {
    const plan_event& event = plan.history[e];
    if (std::chrono::sys_days(event.on) <= as_of) continue;
    auto s = r.scope("history", e);
    r.warning_at("on", "care.lifecycle.future",
                 std::string(to_string(event.kind)) + " is dated " + to_iso_string(event.on) +
                     ", after the as-of date " + iso(as_of) + "; it is ignored");
    return replay(plan.history, as_of);
  }
  return lc;
}

/// An agreed plan involved the person, or records that they lack capacity (s25(3)).
inline void validate_involvement(const care_plan& plan, reporter& r) {
  const involvement& inv = plan.involved;
  if (!inv.person && !inv.lacks_capacity) {
    r.error_at("involved", "care.plan.involvement",
               plan_label(plan) +
                   " was agreed without the person's involvement and without a record that "
                   "they lack capacity (Care Act 2014 s25(3))");
  } else if (!inv.person && inv.capacity_record.empty()) {
    auto s = r.scope("involved");
    r.error_at("capacity_record", "care.plan.involvement",
               plan_label(plan) +
                   " says the person lacks capacity but names no capacity assessment record");
  }
}

/// An agreed plan follows the person's assessment (s24).
inline void validate_assessment(const care_plan& plan, const person& who, const lifecycle& lc,
                                reporter& r) {
  if (!who.assessed_on) {
    r.error("care.plan.assessment",
            plan_label(plan) +
                " was agreed but the person has no assessment date; a plan follows an "
                "assessment (Care Act 2014 s24)");
  } else if (std::chrono::sys_days(*who.assessed_on) > std::chrono::sys_days(*lc.first_agreed)) {
    r.error("care.plan.assessment",
            plan_label(plan) + " was agreed on " + to_iso_string(*lc.first_agreed) +
                ", before the assessment on " + to_iso_string(*who.assessed_on));
  }
}

/// What an agreed plan must contain (s25(1)): needs, involvement, a contingency, an assessment
/// before it and a personal budget (unless it is a CHC plan).
inline void validate_agreed_contents(const care_plan& plan, const person* who, const lifecycle& lc,
                                     reporter& r) {
  if (plan.needs.empty()) {
    r.error_at("needs", "care.plan.no_needs",
               plan_label(plan) + " was agreed but lists no needs (Care Act 2014 s25(1)(a))");
  }
  validate_involvement(plan, r);
  if (plan.contingency.empty()) {
    r.warning_at("contingency", "care.plan.contingency",
                 plan_label(plan) + " has no contingency plan");
  }
  if (who != nullptr) validate_assessment(plan, *who, lc, r);
  if (!plan.budget && plan.kind != plan_kind::chc) {
    r.error_at(
        "personal_budget", "care.budget.missing",
        plan_label(plan) + " was agreed without a personal budget (Care Act 2014 s25(1)(e), s26)");
  }
}

/// Item `index` of array member `key` of the reporter's current object, entered only to report
/// a finding about it: a scope builds a path, and the items of a million plans are mostly fine.
struct lazy_item {
  reporter& r;           ///< the reporter, at the object holding the array
  std::string_view key;  ///< the array's member name
  std::size_t index;     ///< the item's position in it
  /// Moves the reporter to the item until the returned guard goes out of scope.
  [[nodiscard]] reporter::scope_guard enter() const { return r.scope(key, index); }
};

/// One outcome: a need of the plan, a target date and a measure.
inline void validate_outcome(const care_plan& plan, const outcome& out, const lazy_item& at) {
  reporter& r = at.r;
  if (!out.need.empty() && !has_need(plan, out.need)) {
    auto s = at.enter();
    r.error_at("need", "care.plan.outcome_need",
               "outcome refers to need '" + out.need + "', which the plan does not list");
  }
  if (!out.target_date || out.measure.empty()) {
    auto s = at.enter();
    r.warning("care.plan.outcome_target",
              "outcome '" + out.description + "' has no " +
                  (out.target_date ? "measure of progress" : "target date"));
  }
}

/// The needs a service meets are the plan's, and the person never pays for an NHS-funded one.
inline void validate_service_needs(const care_plan& plan, const service& s, const lazy_item& at) {
  reporter& r = at.r;
  for (std::size_t m = 0; m < s.meets.size(); ++m) {
    if (!has_need(plan, s.meets[m])) {
      auto item = at.enter();
      auto need = r.scope("meets", m);
      r.error("care.service.need", "service '" + s.id + "' meets need '" + s.meets[m] +
                                       "', which the plan does not list");
    } else if (s.funded_by == funder::person && nhs_funded_need(plan, s.meets[m])) {
      auto item = at.enter();
      r.error_at("funded_by", "care.service.person_funded_nhs_need",
                 "service '" + s.id + "' is paid for by the person but meets need '" + s.meets[m] +
                     "', which is NHS-funded and must be free to them");
    }
  }
}

/// One service: dates, scheme, units, price and the needs it meets.
inline void validate_service(const care_walk& w, const care_plan& plan, const service& s,
                             const lazy_item& at) {
  reporter& r = at.r;
  if (s.end && std::chrono::sys_days(*s.end) < std::chrono::sys_days(s.start)) {
    auto item = at.enter();
    r.error_at("end", "care.service.dates",
               "service '" + s.id + "' ends on " + to_iso_string(*s.end) +
                   ", before it starts on " + to_iso_string(s.start));
  }
  if (!w.schemes.empty() && !s.scheme.empty() && w.schemes.count(s.scheme.str()) == 0) {
    auto item = at.enter();
    r.error_at("scheme", "care.service.scheme",
               "service '" + s.id + "' is commissioned under '" + s.scheme.str() +
                   "', which is not a known scheme or line (see /schemes)");
  }
  if (s.units_per_week.num() <= 0) {
    auto item = at.enter();
    r.error_at("units_per_week", "care.service.units",
               "service '" + s.id + "' has " + s.units_per_week.to_string() +
                   " units a week; expected more than zero");
  }
  if (s.unit_price.is_negative()) {
    auto item = at.enter();
    r.error_at("unit_price", "care.service.price",
               "service '" + s.id + "' has a negative unit price " + s.unit_price.to_string());
  }
  validate_service_needs(plan, s, at);
}

/// The weekly cost of the plan's services running on `day`, by funder (services with a negative
/// price or a cost out of range count nothing).
inline cost_split weekly_cost(const care_plan& plan, std::chrono::sys_days day) {
  cost_split weekly;
  for (const service& s : plan.services) {
    if (!runs_on(s, day) || s.unit_price.is_negative()) continue;
    const result<money> c = try_cost(s.unit_price, s.units_per_week, rounding::half_up);
    if (c) weekly.add(s.funded_by, *c);
  }
  return weekly;
}

/// Services arranged by direct payment need the payment's amount and frequency (s25(2)).
inline void validate_direct_payment(const care_plan& plan, reporter& r) {
  const bool any = std::any_of(plan.services.begin(), plan.services.end(),
                               [](const service& s) { return s.direct_payment; });
  if (any && !plan.direct_payment) {
    r.error_at("direct_payment", "care.direct_payment.missing",
               plan_label(plan) +
                   " has services arranged by direct payment but no direct payment amount and "
                   "frequency (Care Act 2014 s25(2))");
  }
  if (!plan.direct_payment) return;
  auto s = r.scope("direct_payment");
  if (!plan.direct_payment->amount.is_positive()) {
    r.error_at("amount", "care.direct_payment.incomplete",
               "the direct payment amount is " + plan.direct_payment->amount.to_string() +
                   "; expected the amount of each payment (Care Act 2014 s25(2))");
  }
  if (!plan.direct_payment->frequency) {
    r.error_at("frequency", "care.direct_payment.incomplete",
               "the direct payment has no frequency (weekly, four_weekly or monthly; Care "
               "Act 2014 s25(2))");
  }
}

/// A personal budget's own amounts (the reporter is at it): none negative, the total is the
/// person's contribution plus the council's amount (s26(1)), daily living costs within it.
inline void validate_budget_amounts(const personal_budget& b, reporter& r) {
  if (b.total.is_negative() || b.person_contribution.is_negative() ||
      b.council_amount.is_negative() || b.nhs_funded.is_negative() ||
      (b.daily_living_costs && b.daily_living_costs->is_negative())) {
    r.error("care.budget.negative",
            "a personal budget amount is negative; every amount is a weekly sum of zero "
            "or more");
  }
  const result<money> sum = try_add(b.person_contribution, b.council_amount);
  if (!sum || *sum != b.total) {
    r.error_at("total", "care.budget.sum",
               "personal budget of " + b.total.to_string() +
                   " a week does not add up: the person's contribution " +
                   b.person_contribution.to_string() + " + the council's amount " +
                   b.council_amount.to_string() + " = " +
                   (sum ? sum->to_string() : std::string("(out of range)")) +
                   " (Care Act 2014 s26(1))");
  }
  if (b.daily_living_costs && *b.daily_living_costs > b.total) {
    r.error_at("daily_living_costs", "care.budget.daily_living",
               "daily living costs of " + b.daily_living_costs->to_string() +
                   " are more than the whole personal budget of " + b.total.to_string());
  }
}

/// A personal budget against the services running on the as-of date (the reporter is at it).
inline void validate_budget_cover(const personal_budget& b, const cost_split& weekly,
                                  std::chrono::sys_days as_of, reporter& r) {
  const result<money> council_side = try_add(weekly.council, weekly.person);
  if (council_side && *council_side > b.total) {
    r.warning_at("total", "care.budget.services",
                 "services paid by the council and the person cost " + council_side->to_string() +
                     " a week on " + iso(as_of) + ", more than the personal budget of " +
                     b.total.to_string());
  }
  if (weekly.nhs != b.nhs_funded) {
    r.warning_at("nhs_funded", "care.budget.nhs_funded",
                 "NHS-funded services cost " + weekly.nhs.to_string() + " a week on " + iso(as_of) +
                     " but the statement shows " + b.nhs_funded.to_string());
  }
}

/// One coverage problem found by check_coverage (the reporter is at the plan).
inline void report_coverage(const care_plan& plan, const coverage_problem& cp, reporter& r) {
  using std::chrono::sys_days;
  switch (cp.kind) {
    case coverage_kind::none:
      r.error_at("assignments", "care.case_manager.none",
                 plan_label(plan) + " has had no named case manager since it was agreed on " +
                     to_iso_string(cp.from));
      break;
    case coverage_kind::gap:
      r.error_at("assignments", "care.case_manager.gap",
                 plan_label(plan) + " has no case manager from " + to_iso_string(cp.from) + " to " +
                     to_iso_string(cp.to) + " (" +
                     std::to_string((sys_days(cp.to) - sys_days(cp.from)).count() + 1) + " days)");
      break;
    case coverage_kind::overlap: {
      auto s = r.scope("assignments", cp.assignment);
      r.error("care.case_manager.overlap", plan_label(plan) + " has two case managers, '" +
                                               cp.first.str() + "' and '" + cp.second.str() +
                                               "', from " + to_iso_string(cp.from) + " to " +
                                               to_iso_string(cp.to));
      break;
    }
  }
}

/// Exactly one case manager on every day from agreement to closure or the as-of date.
inline void validate_coverage(care_walk& w, const care_plan& plan, const lifecycle& lc,
                              reporter& r) {
  using std::chrono::sys_days;
  if (!lc.first_agreed) return;
  const sys_days end = lc.closed_on ? std::min(sys_days(*lc.closed_on), w.as_of) : w.as_of;
  if (end < sys_days(*lc.first_agreed)) return;
  for (const coverage_problem& cp :
       check_coverage(plan, date_range(sys_days(*lc.first_agreed), end))) {
    ++w.coverage_problems;
    report_coverage(plan, cp, r);
  }
}

/// A warning, at the assignment, when its case manager is away on the as-of date.
inline void check_absent(const care_walk& w, const care_plan& plan, const case_manager& cm,
                         const lazy_item& at) {
  using std::chrono::sys_days;
  for (const absence& ab : cm.absences) {
    if (sys_days(ab.from) > w.as_of || w.as_of > sys_days(ab.to)) continue;
    auto item = at.enter();
    at.r.warning("care.case_manager.absent",
                 plan_label(plan) + ": case manager '" + cm.id.str() + "' is away from " +
                     to_iso_string(ab.from) + " to " + to_iso_string(ab.to) +
                     (ab.reason.empty() ? std::string() : " (" + ab.reason + ")") +
                     " with no handover to cover");
    return;
  }
}

/// One assignment: a known case manager, dates in order and not after closure; one that covers
/// the as-of date of a plan open then counts towards the caseload.
inline void validate_assignment(care_walk& w, const care_plan& plan, const assignment& asg,
                                const lifecycle& lc, const lazy_item& at) {
  using std::chrono::sys_days;
  reporter& r = at.r;
  const std::optional<std::size_t> manager = w.find_manager(asg.case_manager.str());
  if (!manager) {
    auto item = at.enter();
    r.error_at("case_manager", "care.case_manager.unknown",
               "assignment names case manager '" + asg.case_manager.str() +
                   "', who is not in /case_managers");
  }
  if (asg.to && sys_days(*asg.to) < sys_days(asg.from)) {
    auto item = at.enter();
    r.error_at("to", "care.case_manager.dates",
               "assignment to '" + asg.case_manager.str() + "' ends on " + to_iso_string(*asg.to) +
                   ", before it starts on " + to_iso_string(asg.from));
    return;
  }
  if (lc.closed_on && sys_days(asg.from) > sys_days(*lc.closed_on)) {
    auto item = at.enter();
    r.warning_at("from", "care.case_manager.after_closure",
                 "assignment to '" + asg.case_manager.str() + "' starts on " +
                     to_iso_string(asg.from) + ", after the plan closed on " +
                     to_iso_string(*lc.closed_on));
  }
  const bool covers_today =
      sys_days(asg.from) <= w.as_of && (!asg.to || w.as_of <= sys_days(*asg.to));
  if (!covers_today || !open_on(lc) || !manager) return;
  ++w.caseload[*manager];
  check_absent(w, plan, w.records.case_managers[*manager], at);
}

/// A plan in force has its review on time (the reporter is at the plan).
inline void validate_review(care_walk& w, const care_plan& plan, const lifecycle& lc,
                            const person* who, reporter& r) {
  if (!lc.status || !in_force(*lc.status)) return;
  ++w.plans_in_force;
  const std::optional<review_due> due = next_review(lc, plan.kind, who, w.policy);
  if (!due || !is_overdue(*due, w.as_of)) return;
  ++w.reviews_overdue;
  const std::int64_t late = (w.as_of - std::chrono::sys_days(due->due)).count();
  const bool requested = due->reason == review_reason::requested;
  const char* which = requested                                    ? "requested review"
                      : due->reason == review_reason::first_review ? "first review"
                                                                   : "periodic review";
  r.error_at("history", requested ? "care.review.request_overdue" : "care.review.overdue",
             plan_label(plan) + ": the " + which + " was due by " + to_iso_string(due->due) +
                 " and is " + std::to_string(late) + " days overdue on " + iso(w.as_of));
}

/// One plan (the reporter is at "/plans/<pi>").
inline void validate_plan(care_walk& w, std::size_t pi, reporter& r) {
  const care_plan& plan = w.records.plans[pi];
  if (const auto dup = w.duplicate_of.find(pi); dup != w.duplicate_of.end()) {
    r.error_at("id", "care.plan.duplicate",
               "plan id '" + plan.id.str() + "' is already used by /plans/" +
                   std::to_string(std::min(dup->second, pi)) +
                   "; a revision keeps the plan's id and adds events instead");
  }
  const person* who = plan_person(w, plan, r);
  const lifecycle lc = plan_lifecycle(plan, w.as_of, r);
  if (lc.first_agreed) validate_agreed_contents(plan, who, lc, r);
  for (std::size_t o = 0; o < plan.outcomes.size(); ++o)
    validate_outcome(plan, plan.outcomes[o], lazy_item{r, "outcomes", o});
  for (std::size_t si = 0; si < plan.services.size(); ++si)
    validate_service(w, plan, plan.services[si], lazy_item{r, "services", si});
  validate_direct_payment(plan, r);
  if (plan.budget) {
    auto s = r.scope("personal_budget");
    validate_budget_amounts(*plan.budget, r);
    validate_budget_cover(*plan.budget, weekly_cost(plan, w.as_of), w.as_of, r);
  }
  validate_coverage(w, plan, lc, r);
  for (std::size_t a = 0; a < plan.assignments.size(); ++a)
    validate_assignment(w, plan, plan.assignments[a], lc, lazy_item{r, "assignments", a});
  validate_review(w, plan, lc, who, r);
}

}  // namespace detail
}  // namespace care
JOINEDUP_END_NAMESPACE
