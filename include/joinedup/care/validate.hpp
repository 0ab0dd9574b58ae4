// joinedup: validating care records. One pass over the people, case managers and plans that
// reports every problem as a diagnostic with a stable code, a JSON pointer and a plain message
// (NHS numbers masked), and never throws on bad data.
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
#include <cstdint>
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

/// Checks one person; `path` is "/people/<i>".
inline void validate_person(const person& p, const std::string& path, std::chrono::sys_days as_of,
                            diagnostics& diags) {
  if (!nhs_number::is_valid(p.nhs_number)) {
    collect(nhs_number::parse(p.nhs_number), diags, path + "/nhs_number");
  }
  if (!p.council.empty()) {
    // Paths are built only for a problem: this runs once per person, a million times.
    const result<gss_code> council = gss_code::parse(p.council);
    if (!council) {
      collect(council, diags, path + "/council");
    } else if (!council->is_upper_tier_authority()) {
      diags.warning("care.person.council", path + "/council",
                    "council of residence '" + p.council +
                        "' is not an upper-tier authority (E06, E08, E09 or E10), so it is not a "
                        "council with adult social care duties");
    }
  }
  if (!p.gp_practice.empty()) {
    const result<ods_code> gp = ods_code::parse(p.gp_practice);
    if (!gp) {
      collect(gp, diags, path + "/gp_practice");
    } else if (gp->kind() != ods_kind::gp_practice) {
      diags.warning("care.person.gp_practice", path + "/gp_practice",
                    "'" + p.gp_practice +
                        "' does not look like a GP practice code (a letter and five digits)");
    }
  }
  if (p.date_of_birth && std::chrono::sys_days(*p.date_of_birth) > as_of) {
    diags.error("care.person.date_of_birth", path + "/date_of_birth",
                "date of birth " + to_iso_string(*p.date_of_birth) + " is after " +
                    to_iso_string(date{as_of}));
  }
  if (p.eligibility.chc && !p.eligibility.chc_decided_on) {
    diags.warning("care.person.chc_decision", path + "/eligibility",
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

}  // namespace detail

/// What validate() found besides its diagnostics: the caseload of every case manager on the
/// as-of date and the number of reviews overdue (for summaries).
struct validation_summary {
  std::vector<std::int64_t> caseload;  ///< per case manager, in records.case_managers order
  std::int64_t plans_in_force = 0;     ///< plans agreed and not closed on the as-of date
  std::int64_t reviews_overdue = 0;    ///< plans in force whose review is overdue
  std::int64_t coverage_problems = 0;  ///< gaps, overlaps and plans with no case manager
  friend bool operator==(const validation_summary&, const validation_summary&) = default;
};

/// Validates everything in `records` as it stands on `as_of` and adds a diagnostic for every
/// problem (codes in docs/diagnostics/care.md). Events dated after `as_of` are ignored for the
/// status (with a care.lifecycle.future warning). `schemes`, when `records.schemes` is not empty,
/// are the only pooled fund lines services may name.
inline validation_summary validate(const care_records& records, std::chrono::sys_days as_of,
                                   const review_policy& policy, diagnostics& diags) {
  using std::chrono::sys_days;
  validation_summary summary;
  summary.caseload.assign(records.case_managers.size(), 0);

  // People: identifiers, duplicates, and the index plans use.
  std::unordered_map<std::uint64_t, std::size_t> by_number;
  std::unordered_map<std::string_view, std::size_t> by_text;
  by_number.reserve(records.people.size());
  for (std::size_t i = 0; i < records.people.size(); ++i) {
    const person& p = records.people[i];
    const std::string path = "/people/" + std::to_string(i);
    detail::validate_person(p, path, as_of, diags);
    std::optional<std::size_t> first;
    if (const std::optional<std::uint64_t> k = person_index::key(p.nhs_number)) {
      const auto [it, inserted] = by_number.emplace(*k, i);
      if (!inserted) first = it->second;
    } else {
      const auto [it, inserted] = by_text.emplace(p.nhs_number, i);
      if (!inserted) first = it->second;
    }
    if (first) {
      diags.error("care.person.duplicate", path + "/nhs_number",
                  "NHS number " + detail::masked_for_message(p.nhs_number) +
                      " is already used by /people/" + std::to_string(*first));
    }
  }
  const auto find_person = [&](std::string_view text) -> const person* {
    if (const std::optional<std::uint64_t> k = person_index::key(text)) {
      const auto it = by_number.find(*k);
      return it == by_number.end() ? nullptr : &records.people[it->second];
    }
    const auto it = by_text.find(text);
    return it == by_text.end() ? nullptr : &records.people[it->second];
  };

  // Case managers.
  std::unordered_map<std::string_view, std::size_t> managers;
  for (std::size_t i = 0; i < records.case_managers.size(); ++i) {
    const case_manager& cm = records.case_managers[i];
    const std::string path = "/case_managers/" + std::to_string(i);
    if (!managers.emplace(cm.id.str(), i).second) {
      diags.error("care.case_manager.duplicate", path + "/id",
                  "case manager id '" + cm.id.str() + "' is used more than once");
    }
    if (cm.capacity <= 0) {
      diags.error("care.case_manager.capacity", path + "/capacity",
                  "case manager '" + cm.id.str() + "' has capacity " + std::to_string(cm.capacity) +
                      "; expected a positive number of plans");
    }
    for (std::size_t a = 0; a < cm.absences.size(); ++a) {
      if (sys_days(cm.absences[a].to) < sys_days(cm.absences[a].from)) {
        diags.error("care.case_manager.dates", path + "/absences/" + std::to_string(a),
                    "absence " + to_iso_string(cm.absences[a].from) + " to " +
                        to_iso_string(cm.absences[a].to) + " ends before it starts");
      }
    }
  }
  std::unordered_set<std::string_view> schemes;
  for (const line_id& s : records.schemes)
    schemes.insert(s.str());

  // Plans. Duplicate ids are found by sorting (hash, position) pairs, which is much cheaper
  // than a hash table of a million strings; the few duplicates are kept in a small map.
  std::unordered_map<std::size_t, std::size_t> duplicate_of;
  {
    std::vector<std::pair<std::size_t, std::size_t>> hashed(records.plans.size());
    const std::hash<std::string_view> hash;
    for (std::size_t pi = 0; pi < records.plans.size(); ++pi)
      hashed[pi] = {hash(records.plans[pi].id.str()), pi};
    std::sort(hashed.begin(), hashed.end());
    for (std::size_t k = 1; k < hashed.size(); ++k) {
      for (std::size_t j = k; j-- > 0 && hashed[j].first == hashed[k].first;) {
        if (records.plans[hashed[j].second].id == records.plans[hashed[k].second].id) {
          duplicate_of.emplace(hashed[k].second, hashed[j].second);
          break;
        }
      }
    }
  }
  std::string_view last_manager;  // consecutive plans often share a case manager
  std::size_t last_manager_index = 0;
  for (std::size_t pi = 0; pi < records.plans.size(); ++pi) {
    const care_plan& plan = records.plans[pi];
    const std::string path = "/plans/" + std::to_string(pi);
    if (const auto dup = duplicate_of.find(pi); dup != duplicate_of.end()) {
      diags.error("care.plan.duplicate", path + "/id",
                  "plan id '" + plan.id.str() + "' is already used by /plans/" +
                      std::to_string(std::min(dup->second, pi)) +
                      "; a revision keeps the plan's id and adds events instead");
    }
    const person* who = nullptr;
    if (!nhs_number::is_valid(plan.nhs_number)) {
      collect(nhs_number::parse(plan.nhs_number), diags, path + "/nhs_number");
    } else {
      who = find_person(plan.nhs_number);
      if (who == nullptr) {
        diags.error("care.person.unknown", path + "/nhs_number",
                    detail::plan_label(plan) + " is for a person who is not in /people");
      }
    }

    // Lifecycle, as of the as-of date.
    lifecycle lc = check_lifecycle(plan, path, diags);
    for (std::size_t e = 0; e < plan.history.size(); ++e) {
      if (sys_days(plan.history[e].on) > as_of) {
        diags.warning("care.lifecycle.future", path + "/history/" + std::to_string(e) + "/on",
                      std::string(to_string(plan.history[e].kind)) + " is dated " +
                          to_iso_string(plan.history[e].on) + ", after the as-of date " +
                          to_iso_string(date{as_of}) + "; it is ignored");
        lc = replay(plan.history, as_of);
        break;
      }
    }
    const bool agreed = lc.first_agreed.has_value();

    // Contents required once a plan has been agreed.
    if (agreed) {
      if (plan.needs.empty()) {
        diags.error(
            "care.plan.no_needs", path + "/needs",
            detail::plan_label(plan) + " was agreed but lists no needs (Care Act 2014 s25(1)(a))");
      }
      const involvement& inv = plan.involved;
      if (!inv.person && !inv.lacks_capacity) {
        diags.error("care.plan.involvement", path + "/involved",
                    detail::plan_label(plan) +
                        " was agreed without the person's involvement and without a record that "
                        "they lack capacity (Care Act 2014 s25(3))");
      } else if (!inv.person && inv.capacity_record.empty()) {
        diags.error("care.plan.involvement", path + "/involved/capacity_record",
                    detail::plan_label(plan) +
                        " says the person lacks capacity but names no capacity assessment record");
      }
      if (plan.contingency.empty()) {
        diags.warning("care.plan.contingency", path + "/contingency",
                      detail::plan_label(plan) + " has no contingency plan");
      }
      if (who != nullptr) {
        if (!who->assessed_on) {
          diags.error("care.plan.assessment", path,
                      detail::plan_label(plan) +
                          " was agreed but the person has no assessment date; a plan follows an "
                          "assessment (Care Act 2014 s24)");
        } else if (sys_days(*who->assessed_on) > sys_days(*lc.first_agreed)) {
          diags.error("care.plan.assessment", path,
                      detail::plan_label(plan) + " was agreed on " +
                          to_iso_string(*lc.first_agreed) + ", before the assessment on " +
                          to_iso_string(*who->assessed_on));
        }
      }
      if (!plan.budget && plan.kind != plan_kind::chc) {
        diags.error("care.budget.missing", path + "/personal_budget",
                    detail::plan_label(plan) +
                        " was agreed without a personal budget (Care Act 2014 s25(1)(e), s26)");
      }
    }

    // Outcomes.
    for (std::size_t o = 0; o < plan.outcomes.size(); ++o) {
      const outcome& out = plan.outcomes[o];
      const auto at = [&] { return path + "/outcomes/" + std::to_string(o); };
      if (!out.need.empty() && !detail::has_need(plan, out.need)) {
        diags.error("care.plan.outcome_need", at() + "/need",
                    "outcome refers to need '" + out.need + "', which the plan does not list");
      }
      if (!out.target_date || out.measure.empty()) {
        diags.warning("care.plan.outcome_target", at(),
                      "outcome '" + out.description + "' has no " +
                          (out.target_date ? "measure of progress" : "target date"));
      }
    }

    // Services.
    cost_split weekly;
    bool any_direct_payment = false;
    for (std::size_t si = 0; si < plan.services.size(); ++si) {
      const service& s = plan.services[si];
      const auto at = [&] { return path + "/services/" + std::to_string(si); };
      if (s.end && sys_days(*s.end) < sys_days(s.start)) {
        diags.error("care.service.dates", at() + "/end",
                    "service '" + s.id + "' ends on " + to_iso_string(*s.end) +
                        ", before it starts on " + to_iso_string(s.start));
      }
      if (!schemes.empty() && !s.scheme.empty() && schemes.count(s.scheme.str()) == 0) {
        diags.error("care.service.scheme", at() + "/scheme",
                    "service '" + s.id + "' is commissioned under '" + s.scheme.str() +
                        "', which is not a known scheme or line (see /schemes)");
      }
      if (s.units_per_week.num() <= 0) {
        diags.error("care.service.units", at() + "/units_per_week",
                    "service '" + s.id + "' has " + s.units_per_week.to_string() +
                        " units a week; expected more than zero");
      }
      if (s.unit_price.is_negative()) {
        diags.error("care.service.price", at() + "/unit_price",
                    "service '" + s.id + "' has a negative unit price " + s.unit_price.to_string());
      }
      for (std::size_t m = 0; m < s.meets.size(); ++m) {
        if (!detail::has_need(plan, s.meets[m])) {
          diags.error("care.service.need", at() + "/meets/" + std::to_string(m),
                      "service '" + s.id + "' meets need '" + s.meets[m] +
                          "', which the plan does not list");
        } else if (s.funded_by == funder::person && detail::nhs_funded_need(plan, s.meets[m])) {
          diags.error("care.service.person_funded_nhs_need", at() + "/funded_by",
                      "service '" + s.id + "' is paid for by the person but meets need '" +
                          s.meets[m] + "', which is NHS-funded and must be free to them");
        }
      }
      any_direct_payment = any_direct_payment || s.direct_payment;
      if (runs_on(s, as_of) && !s.unit_price.is_negative()) {
        const result<money> c = try_cost(s.unit_price, s.units_per_week, rounding::half_up);
        if (c) weekly.add(s.funded_by, *c);
      }
    }

    // Direct payment (s25(2)).
    if (any_direct_payment && !plan.direct_payment) {
      diags.error("care.direct_payment.missing", path + "/direct_payment",
                  detail::plan_label(plan) +
                      " has services arranged by direct payment but no direct payment amount and "
                      "frequency (Care Act 2014 s25(2))");
    }
    if (plan.direct_payment) {
      if (!plan.direct_payment->amount.is_positive()) {
        diags.error("care.direct_payment.incomplete", path + "/direct_payment/amount",
                    "the direct payment amount is " + plan.direct_payment->amount.to_string() +
                        "; expected the amount of each payment (Care Act 2014 s25(2))");
      }
      if (!plan.direct_payment->frequency) {
        diags.error("care.direct_payment.incomplete", path + "/direct_payment/frequency",
                    "the direct payment has no frequency (weekly, four_weekly or monthly; Care "
                    "Act 2014 s25(2))");
      }
    }

    // Personal budget (s26).
    if (plan.budget) {
      const personal_budget& b = *plan.budget;
      const auto at = [&] { return path + "/personal_budget"; };
      if (b.total.is_negative() || b.person_contribution.is_negative() ||
          b.council_amount.is_negative() || b.nhs_funded.is_negative() ||
          (b.daily_living_costs && b.daily_living_costs->is_negative())) {
        diags.error("care.budget.negative", at(),
                    "a personal budget amount is negative; every amount is a weekly sum of zero "
                    "or more");
      }
      const result<money> sum = try_add(b.person_contribution, b.council_amount);
      if (!sum || *sum != b.total) {
        diags.error("care.budget.sum", at() + "/total",
                    "personal budget of " + b.total.to_string() +
                        " a week does not add up: the person's contribution " +
                        b.person_contribution.to_string() + " + the council's amount " +
                        b.council_amount.to_string() + " = " +
                        (sum ? sum->to_string() : std::string("(out of range)")) +
                        " (Care Act 2014 s26(1))");
      }
      if (b.daily_living_costs && *b.daily_living_costs > b.total) {
        diags.error("care.budget.daily_living", at() + "/daily_living_costs",
                    "daily living costs of " + b.daily_living_costs->to_string() +
                        " are more than the whole personal budget of " + b.total.to_string());
      }
      const result<money> council_side = try_add(weekly.council, weekly.person);
      if (council_side && *council_side > b.total) {
        diags.warning("care.budget.services", at() + "/total",
                      "services paid by the council and the person cost " +
                          council_side->to_string() + " a week on " + to_iso_string(date{as_of}) +
                          ", more than the personal budget of " + b.total.to_string());
      }
      if (weekly.nhs != b.nhs_funded) {
        diags.warning("care.budget.nhs_funded", at() + "/nhs_funded",
                      "NHS-funded services cost " + weekly.nhs.to_string() + " a week on " +
                          to_iso_string(date{as_of}) + " but the statement shows " +
                          b.nhs_funded.to_string());
      }
    }

    // Case managers: exactly one on every day from agreement to closure (or the as-of date).
    std::optional<sys_days> window_end;
    if (agreed) {
      window_end = lc.closed_on ? std::min(sys_days(*lc.closed_on), as_of) : as_of;
      if (*window_end < sys_days(*lc.first_agreed)) window_end.reset();
    }
    if (window_end) {
      const date_range window(sys_days(*lc.first_agreed), *window_end);
      for (const coverage_problem& cp : check_coverage(plan, window)) {
        ++summary.coverage_problems;
        switch (cp.kind) {
          case coverage_kind::none:
            diags.error("care.case_manager.none", path + "/assignments",
                        detail::plan_label(plan) +
                            " has had no named case manager since it was "
                            "agreed on " +
                            to_iso_string(cp.from));
            break;
          case coverage_kind::gap:
            diags.error("care.case_manager.gap", path + "/assignments",
                        detail::plan_label(plan) + " has no case manager from " +
                            to_iso_string(cp.from) + " to " + to_iso_string(cp.to) + " (" +
                            std::to_string((sys_days(cp.to) - sys_days(cp.from)).count() + 1) +
                            " days)");
            break;
          case coverage_kind::overlap:
            diags.error("care.case_manager.overlap",
                        path + "/assignments/" + std::to_string(cp.assignment),
                        detail::plan_label(plan) + " has two case managers, '" + cp.first.str() +
                            "' and '" + cp.second.str() + "', from " + to_iso_string(cp.from) +
                            " to " + to_iso_string(cp.to));
            break;
        }
      }
    }
    const bool open_today = open_on(lc);
    for (std::size_t a = 0; a < plan.assignments.size(); ++a) {
      const assignment& asg = plan.assignments[a];
      const auto at = [&] { return path + "/assignments/" + std::to_string(a); };
      std::optional<std::size_t> manager;
      if (!last_manager.empty() && asg.case_manager.str() == last_manager) {
        manager = last_manager_index;
      } else if (const auto m = managers.find(asg.case_manager.str()); m != managers.end()) {
        manager = m->second;
        last_manager = m->first;
        last_manager_index = m->second;
      }
      if (!manager) {
        diags.error("care.case_manager.unknown", at() + "/case_manager",
                    "assignment names case manager '" + asg.case_manager.str() +
                        "', who is not in /case_managers");
      }
      if (asg.to && sys_days(*asg.to) < sys_days(asg.from)) {
        diags.error("care.case_manager.dates", at() + "/to",
                    "assignment to '" + asg.case_manager.str() + "' ends on " +
                        to_iso_string(*asg.to) + ", before it starts on " +
                        to_iso_string(asg.from));
        continue;
      }
      if (lc.closed_on && sys_days(asg.from) > sys_days(*lc.closed_on)) {
        diags.warning("care.case_manager.after_closure", at() + "/from",
                      "assignment to '" + asg.case_manager.str() + "' starts on " +
                          to_iso_string(asg.from) + ", after the plan closed on " +
                          to_iso_string(*lc.closed_on));
      }
      const bool covers_today =
          sys_days(asg.from) <= as_of && (!asg.to || as_of <= sys_days(*asg.to));
      if (!covers_today || !open_today || !manager) continue;
      ++summary.caseload[*manager];
      const case_manager& cm = records.case_managers[*manager];
      for (const absence& ab : cm.absences) {
        if (sys_days(ab.from) <= as_of && as_of <= sys_days(ab.to)) {
          diags.warning("care.case_manager.absent", at(),
                        detail::plan_label(plan) + ": case manager '" + cm.id.str() +
                            "' is away from " + to_iso_string(ab.from) + " to " +
                            to_iso_string(ab.to) +
                            (ab.reason.empty() ? std::string() : " (" + ab.reason + ")") +
                            " with no handover to cover");
          break;
        }
      }
    }

    // Reviews.
    if (lc.status && in_force(*lc.status)) {
      ++summary.plans_in_force;
      if (const std::optional<review_due> due = next_review(lc, plan.kind, who, policy)) {
        if (is_overdue(*due, as_of)) {
          ++summary.reviews_overdue;
          const std::int64_t late = (as_of - sys_days(due->due)).count();
          const bool requested = due->reason == review_reason::requested;
          diags.error(requested ? "care.review.request_overdue" : "care.review.overdue",
                      path + "/history",
                      detail::plan_label(plan) + ": the " +
                          (requested ? std::string("requested review")
                                     : std::string(due->reason == review_reason::first_review
                                                       ? "first review"
                                                       : "periodic review")) +
                          " was due by " + to_iso_string(due->due) + " and is " +
                          std::to_string(late) + " days overdue on " + to_iso_string(date{as_of}));
        }
      }
    }
  }

  for (std::size_t i = 0; i < records.case_managers.size(); ++i) {
    const case_manager& cm = records.case_managers[i];
    if (cm.capacity > 0 && summary.caseload[i] > cm.capacity) {
      diags.warning("care.case_manager.over_capacity", "/case_managers/" + std::to_string(i),
                    "case manager '" + cm.id.str() + "' holds " +
                        std::to_string(summary.caseload[i]) + " plans on " +
                        to_iso_string(date{as_of}) + ", over their capacity of " +
                        std::to_string(cm.capacity));
    }
  }
  return summary;
}

}  // namespace care
JOINEDUP_END_NAMESPACE
