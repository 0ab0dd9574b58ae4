// joinedup: guarantee measures. For a population on a date, how often the promise of an agreed
// care plan and a named case manager is kept, as numerator/denominator pairs that the outcomes
// framework can turn into indicators, and how long people wait from assessment to an agreed
// plan.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "joinedup/care/assignment.hpp"
#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/core/ratio.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

/// A count of people meeting a condition out of a count of people it applies to.
struct proportion {
  std::int64_t numerator = 0;    ///< people meeting the condition
  std::int64_t denominator = 0;  ///< people it applies to
  /// The exact fraction, or nullopt when the denominator is zero.
  [[nodiscard]] std::optional<ratio> value() const {
    if (denominator == 0) return std::nullopt;
    return ratio::of(numerator, denominator);
  }
  friend bool operator==(const proportion&, const proportion&) = default;
};

/// The guarantee measures on one date.
struct guarantee_measures {
  date as_of{};  ///< the date measured
  /// People with complex needs who have an agreed plan in force (agreed, active, under review or
  /// revised) / people with complex needs.
  proportion agreed_plan;
  /// People with complex needs whose plan in force has exactly one case manager today who is
  /// not absent / people with complex needs.
  proportion named_case_manager;
  /// People with complex needs and an agreed plan in force whose next review is not overdue /
  /// people with complex needs and an agreed plan in force.
  proportion review_in_date;
  /// Days from assessment to first agreed plan, for people with complex needs whose plan was
  /// agreed on or before the date (negative waits, a data error, are left out), ascending.
  std::vector<std::int64_t> days_to_plan;
  /// The median of days_to_plan: the middle value, or the mean of the two middle values (so it
  /// may be a half day); nullopt when there are none.
  std::optional<ratio> median_days_to_plan;
  /// The 90th percentile of days_to_plan by the nearest-rank method: the ⌈0.9 n⌉-th smallest.
  std::optional<std::int64_t> p90_days_to_plan;
  friend bool operator==(const guarantee_measures&, const guarantee_measures&) = default;
};

/// The median of sorted values: the middle one, or the mean of the two middle ones.
[[nodiscard]] inline std::optional<ratio> median_of_sorted(const std::vector<std::int64_t>& v) {
  if (v.empty()) return std::nullopt;
  const std::size_t n = v.size();
  if (n % 2 == 1) return ratio::whole(v[n / 2]);
  return ratio::of(v[n / 2 - 1] + v[n / 2], 2);
}

/// The nearest-rank percentile `pct` (1 to 100) of sorted values: the ⌈pct × n / 100⌉-th
/// smallest. Example: the 90th percentile of 1..10 is 9; of 1..11 it is 10.
[[nodiscard]] inline std::optional<std::int64_t> nearest_rank_of_sorted(
    const std::vector<std::int64_t>& v, int pct) {
  if (v.empty() || pct < 1 || pct > 100) return std::nullopt;
  const std::size_t n = v.size();
  const std::size_t rank = (static_cast<std::size_t>(pct) * n + 99) / 100;
  return v[std::max<std::size_t>(rank, 1) - 1];
}

/// Computes the guarantee measures on `as_of` (events dated after it are ignored). A person's
/// plan in force is the in-force plan with the latest agreement; people with no plan in force
/// count in the denominators of agreed_plan and named_case_manager only. People without complex
/// needs are not counted at all.
[[nodiscard]] inline guarantee_measures measure_guarantee(const care_records& records,
                                                          const review_policy& policy,
                                                          std::chrono::sys_days as_of) {
  guarantee_measures out;
  out.as_of = date{as_of};
  const person_index people(records.people);
  const case_manager_index managers(records.case_managers);
  // Per person: the plan in force (latest agreement) and the first agreement of any plan.
  struct best_plan {
    std::optional<std::size_t> plan;
    lifecycle lc;
    std::optional<date> first_agreed;
  };
  std::vector<best_plan> best(records.people.size());
  for (std::size_t p = 0; p < records.plans.size(); ++p) {
    const care_plan& plan = records.plans[p];
    const std::optional<std::size_t> who = people.find(plan.nhs_number);
    if (!who) continue;
    const lifecycle lc = replay(plan.history, as_of);
    best_plan& b = best[*who];
    if (lc.first_agreed && (!b.first_agreed || std::chrono::sys_days(*lc.first_agreed) <
                                                   std::chrono::sys_days(*b.first_agreed))) {
      b.first_agreed = lc.first_agreed;
    }
    if (!lc.status || !in_force(*lc.status)) continue;
    if (!b.plan ||
        std::chrono::sys_days(*lc.last_agreed) > std::chrono::sys_days(*b.lc.last_agreed)) {
      b.plan = p;
      b.lc = lc;
    }
  }
  for (std::size_t i = 0; i < records.people.size(); ++i) {
    const person& who = records.people[i];
    const best_plan& b = best[i];
    if (!who.complex_needs) continue;
    ++out.agreed_plan.denominator;
    ++out.named_case_manager.denominator;
    if (b.first_agreed && who.assessed_on) {
      const std::int64_t days =
          (std::chrono::sys_days(*b.first_agreed) - std::chrono::sys_days(*who.assessed_on))
              .count();
      if (days >= 0) out.days_to_plan.push_back(days);
    }
    if (!b.plan) continue;
    ++out.agreed_plan.numerator;
    ++out.review_in_date.denominator;
    const std::optional<review_due> due =
        next_review(b.lc, records.plans[*b.plan].kind, &who, policy);
    if (!due || !is_overdue(*due, as_of)) ++out.review_in_date.numerator;
    if (const std::optional<case_manager_id> cm = case_manager_on(records.plans[*b.plan], as_of)) {
      const std::optional<std::size_t> m = managers.find(*cm);
      if (m && !is_absent(records.case_managers[*m], as_of)) ++out.named_case_manager.numerator;
    }
  }
  std::sort(out.days_to_plan.begin(), out.days_to_plan.end());
  out.median_days_to_plan = median_of_sorted(out.days_to_plan);
  out.p90_days_to_plan = nearest_rank_of_sorted(out.days_to_plan, 90);
  return out;
}

}  // namespace care
JOINEDUP_END_NAMESPACE
