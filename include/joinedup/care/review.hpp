// joinedup: when a care plan's next review is due, under a review policy held as data
// (data/care/review-policy.json).
//
// Facts used (docs/sources.md): §S-CARE-REVIEW-TIMING Care Act statutory guidance (not the
// Act): a light-touch review 6-8 weeks after the plan and personal budget are agreed, then no
// later than every 12 months [C via procedures manual; para 13.32 is R]; §S-CARE-ACT-S27
// s27(1)(b) a review on a reasonable request (the Act sets no time limit); §S-CHC-REVIEW NHS
// Continuing Healthcare: first review no later than 3 months after the eligibility decision,
// then at least annually [C].
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

/// When reviews fall due under one framework: the first review after the anchor (agreement, or
/// the CHC eligibility decision), then every `interval_months` after the last review held.
struct review_rule {
  std::int64_t first_earliest_days = 0;  ///< a first review before anchor + this is early
  std::int64_t first_due_days = 0;       ///< first review due: anchor + these days ...
  int first_due_months = 0;              ///< ... + these calendar months
  int interval_months = 12;              ///< later reviews: last review + these months
  std::string source;                    ///< where the rule comes from
  std::string confidence;                ///< "C" confirmed, "R" recalled, "U" unconfirmed
  friend bool operator==(const review_rule&, const review_rule&) = default;
};

/// The review policy: one rule for Care Act plans, one for NHS CHC plans (joint plans follow
/// whichever falls due first), and how soon a requested review must be held.
struct review_policy {
  review_rule care_act;                ///< Care Act 2014 plans
  review_rule chc;                     ///< NHS Continuing Healthcare plans
  std::int64_t request_due_days = 28;  ///< a requested review is due this many days later
  std::string request_source;          ///< where the request rule comes from
  std::string request_confidence;      ///< "C", "R" or "U"
  friend bool operator==(const review_policy&, const review_policy&) = default;
};

/// The built-in policy; data/care/review-policy.json holds the same values (a test keeps them
/// equal). Care Act: first review due 56 days (8 weeks) after agreement, not before 42 days
/// (6 weeks), then 12 months. CHC: 3 months after the eligibility decision, then 12 months.
/// Requested reviews: within 28 days, a local choice (the Act sets no limit).
[[nodiscard]] inline review_policy default_review_policy() {
  review_policy p;
  p.care_act = {42,
                56,
                0,
                12,
                "Care and support statutory guidance ch. 13 (para 13.32): light-touch review 6-8 "
                "weeks after agreement, then at least every 12 months",
                "C"};
  p.chc = {0,
           0,
           3,
           12,
           "National Framework for NHS Continuing Healthcare: first review within 3 months of "
           "the eligibility decision, then at least annually",
           "C"};
  p.request_due_days = 28;
  p.request_source =
      "Care Act 2014 s27(1)(b): review on a reasonable request; no time limit is set, 28 days is "
      "a local choice";
  p.request_confidence = "U";
  return p;
}

/// Why a review is due.
enum class review_reason : std::uint8_t {
  first_review,  ///< the first review after agreement (Care Act light-touch) or CHC decision
  periodic,      ///< the regular review after the last one
  requested,     ///< the person (or someone for them) asked for one
};

/// The interchange name of a review reason ("first_review").
[[nodiscard]] constexpr std::string_view to_string(review_reason r) noexcept {
  switch (r) {
    case review_reason::first_review:
      return "first_review";
    case review_reason::periodic:
      return "periodic";
    case review_reason::requested:
      return "requested";
  }
  return "periodic";
}

/// The next review a plan needs.
struct review_due {
  date due{};                                      ///< held by this date at the latest
  std::optional<date> earliest;                    ///< not before this date (light-touch window)
  review_reason reason = review_reason::periodic;  ///< why
  friend bool operator==(const review_due&, const review_due&) = default;
};

/// `d` plus `months` calendar months; a day that does not exist in the target month becomes
/// that month's last day (31 August + 6 months = 28 or 29 February).
[[nodiscard]] constexpr date add_months(date d, int months) noexcept {
  const std::chrono::year_month ym =
      std::chrono::year_month{d.year(), d.month()} + std::chrono::months{months};
  const date candidate{ym.year(), ym.month(), d.day()};
  if (candidate.ok()) return candidate;
  return date{std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}};
}

/// `d` plus `days` days.
[[nodiscard]] constexpr date add_days(date d, std::int64_t days) noexcept {
  return date{std::chrono::sys_days(d) + std::chrono::days{days}};
}

namespace detail {
/// Keeps the earlier of `best` and `candidate`.
constexpr void keep_earliest(std::optional<review_due>& best, const review_due& candidate) {
  if (!best || std::chrono::sys_days(candidate.due) < std::chrono::sys_days(best->due)) {
    best = candidate;
  }
}
/// The next review under one rule, from `anchor` and the last review held.
constexpr review_due next_under(const review_rule& rule, date anchor,
                                std::optional<date> last_review) {
  if (last_review && std::chrono::sys_days(*last_review) >= std::chrono::sys_days(anchor)) {
    return {add_months(*last_review, rule.interval_months), std::nullopt, review_reason::periodic};
  }
  const date due = add_days(add_months(anchor, rule.first_due_months), rule.first_due_days);
  std::optional<date> earliest;
  if (rule.first_earliest_days > 0) earliest = add_days(anchor, rule.first_earliest_days);
  return {due, earliest, review_reason::first_review};
}
}  // namespace detail

/// The next review of a plan whose events replay to `lc`, or nullopt when none is needed (the
/// plan is not yet agreed, or closed). Care Act (and joint) plans follow `policy.care_act` from
/// the first agreement; CHC (and joint) plans follow `policy.chc` from the eligibility decision
/// (`p->eligibility.chc_decided_on`, else the first agreement); a pending request is due
/// `request_due_days` after it. The earliest of these is returned.
/// Example (guidance ch. 13): agreed 2025-01-06, no review yet → due 2025-03-03 (8 weeks),
/// earliest 2025-02-17 (6 weeks); after a review on 2025-03-01 → due 2026-03-01.
[[nodiscard]] inline std::optional<review_due> next_review(const lifecycle& lc, plan_kind kind,
                                                           const person* p,
                                                           const review_policy& policy) {
  if (!lc.status || !in_force(*lc.status) || !lc.first_agreed) return std::nullopt;
  std::optional<review_due> best;
  if (kind == plan_kind::care_act || kind == plan_kind::joint) {
    detail::keep_earliest(best,
                          detail::next_under(policy.care_act, *lc.first_agreed, lc.last_review));
  }
  if (kind == plan_kind::chc || kind == plan_kind::joint) {
    const date anchor = p != nullptr && p->eligibility.chc_decided_on
                            ? *p->eligibility.chc_decided_on
                            : *lc.first_agreed;
    detail::keep_earliest(best, detail::next_under(policy.chc, anchor, lc.last_review));
  }
  if (lc.pending_request) {
    detail::keep_earliest(best, {add_days(*lc.pending_request, policy.request_due_days),
                                 std::nullopt, review_reason::requested});
  }
  return best;
}

/// The next review of `plan` as its events stand on `as_of` (events after it are ignored).
[[nodiscard]] inline std::optional<review_due> next_review(const care_plan& plan, const person* p,
                                                           const review_policy& policy,
                                                           std::chrono::sys_days as_of) {
  return next_review(replay(plan.history, as_of), plan.kind, p, policy);
}

/// True when `due` has passed on `as_of` (a review due today is not yet overdue).
[[nodiscard]] constexpr bool is_overdue(const review_due& due, std::chrono::sys_days as_of) {
  return as_of > std::chrono::sys_days(due.due);
}

/// A plan's next review, for a list of reviews due.
struct due_review {
  std::size_t plan = 0;           ///< index in records.plans
  review_due review;              ///< when and why
  std::int64_t days_overdue = 0;  ///< days past the due date on the as-of date (0 when not late)
  friend bool operator==(const due_review&, const due_review&) = default;
};

/// The reviews due on or before `as_of` + `within_days` for every plan in force on `as_of`,
/// soonest first (ties by plan order). Overdue ones have days_overdue > 0.
[[nodiscard]] inline std::vector<due_review> due_reviews(const care_records& records,
                                                         const review_policy& policy,
                                                         std::chrono::sys_days as_of,
                                                         std::int64_t within_days = 0) {
  std::vector<due_review> out;
  const person_index people(records.people);
  const std::chrono::sys_days horizon = as_of + std::chrono::days{within_days};
  for (std::size_t i = 0; i < records.plans.size(); ++i) {
    const care_plan& plan = records.plans[i];
    const std::optional<std::size_t> who = people.find(plan.nhs_number);
    const std::optional<review_due> due =
        next_review(plan, who ? &records.people[*who] : nullptr, policy, as_of);
    if (!due || std::chrono::sys_days(due->due) > horizon) continue;
    const std::int64_t late = (as_of - std::chrono::sys_days(due->due)).count();
    out.push_back({i, *due, late > 0 ? late : 0});
  }
  std::stable_sort(out.begin(), out.end(), [](const due_review& a, const due_review& b) {
    return std::chrono::sys_days(a.review.due) < std::chrono::sys_days(b.review.due);
  });
  return out;
}

}  // namespace care
JOINEDUP_END_NAMESPACE
