// Tests for joinedup/care/review.hpp. Sources (docs/sources.md): §S-CARE-REVIEW-TIMING Care Act
// statutory guidance ch. 13: light-touch review 6-8 weeks after agreement, then at least every
// 12 months; §S-CHC-REVIEW NHS CHC: first review within 3 months of the eligibility decision,
// then at least annually.
#include "joinedup/care/review.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::care;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {
care_plan agreed_plan(plan_kind kind, date agreed_on) {
  care_plan p;
  p.id = plan_id("P");
  p.kind = kind;
  p.history = {{event_kind::agreed, agreed_on, "person and worker", {}},
               {event_kind::activated, agreed_on, {}, {}}};
  return p;
}
}  // namespace

TEST_CASE("calendar arithmetic clamps to the end of the month") {
  CHECK(add_months(2025y / 8 / 31, 6) == 2026y / 2 / 28);
  CHECK(add_months(2023y / 8 / 31, 6) == 2024y / 2 / 29);  // 2024 is a leap year
  CHECK(add_months(2024y / 2 / 29, 12) == 2025y / 2 / 28);
  CHECK(add_months(2025y / 11 / 30, 3) == 2026y / 2 / 28);
  CHECK(add_days(2025y / 1 / 6, 56) == 2025y / 3 / 3);
}

TEST_CASE("Care Act plan: light-touch review 6-8 weeks after agreement, then 12 months") {
  const review_policy policy = default_review_policy();
  care_plan p = agreed_plan(plan_kind::care_act, 2025y / 1 / 6);
  // 2025-01-06 + 56 days = 2025-03-03 (8 weeks); + 42 days = 2025-02-17 (6 weeks).
  std::optional<review_due> due = next_review(p, nullptr, policy, sys_days(2025y / 1 / 31));
  REQUIRE(due);
  CHECK(due->due == 2025y / 3 / 3);
  CHECK(due->earliest == 2025y / 2 / 17);
  CHECK(due->reason == review_reason::first_review);
  CHECK_FALSE(is_overdue(*due, sys_days(2025y / 3 / 3)));  // due today is not late
  CHECK(is_overdue(*due, sys_days(2025y / 3 / 4)));
  // After the review on 2025-03-01 the next is due 12 months later.
  p.history.push_back({event_kind::review_started, 2025y / 3 / 1, {}, {}});
  p.history.push_back({event_kind::review_completed, 2025y / 3 / 1, {}, {}});
  due = next_review(p, nullptr, policy, sys_days(2025y / 6 / 1));
  REQUIRE(due);
  CHECK(due->due == 2026y / 3 / 1);
  CHECK(due->reason == review_reason::periodic);
  CHECK_FALSE(due->earliest.has_value());
}

TEST_CASE("CHC plan: first review 3 months after the eligibility decision") {
  const review_policy policy = default_review_policy();
  const care_plan p = agreed_plan(plan_kind::chc, 2025y / 6 / 16);
  person who;
  who.eligibility.chc = true;
  who.eligibility.chc_decided_on = 2025y / 6 / 2;
  std::optional<review_due> due = next_review(p, &who, policy, sys_days(2025y / 7 / 1));
  REQUIRE(due);
  CHECK(due->due == 2025y / 9 / 2);  // 2 June + 3 months
  // Without a decision date the agreement is the anchor: 16 June + 3 months.
  due = next_review(p, nullptr, policy, sys_days(2025y / 7 / 1));
  REQUIRE(due);
  CHECK(due->due == 2025y / 9 / 16);
}

TEST_CASE("joint plans take the earlier rule; requests are due 28 days later") {
  const review_policy policy = default_review_policy();
  care_plan p = agreed_plan(plan_kind::joint, 2025y / 3 / 3);
  person who;
  who.eligibility.chc_decided_on = 2025y / 2 / 24;
  // Care Act: 3 March + 56 days = 28 April; CHC: 24 Feb + 3 months = 24 May → 28 April.
  std::optional<review_due> due = next_review(p, &who, policy, sys_days(2025y / 3 / 10));
  REQUIRE(due);
  CHECK(due->due == 2025y / 4 / 28);
  p.history.push_back({event_kind::review_requested, 2025y / 3 / 20, {}, {}});
  due = next_review(p, &who, policy, sys_days(2025y / 3 / 25));
  REQUIRE(due);
  CHECK(due->due == 2025y / 4 / 17);  // 20 March + 28 days
  CHECK(due->reason == review_reason::requested);
}

TEST_CASE("no review is due for drafts and closed plans; due_reviews sorts by date") {
  const review_policy policy = default_review_policy();
  care_plan draft;
  draft.history = {{event_kind::drafted, 2025y / 1 / 6, {}, {}}};
  CHECK_FALSE(next_review(draft, nullptr, policy, sys_days(2026y / 1 / 1)).has_value());
  care_plan closed = agreed_plan(plan_kind::care_act, 2025y / 1 / 6);
  closed.history.push_back({event_kind::closed, 2025y / 2 / 1, {}, "moved away"});
  CHECK_FALSE(next_review(closed, nullptr, policy, sys_days(2026y / 1 / 1)).has_value());

  care_records r;
  r.plans = {agreed_plan(plan_kind::care_act, 2025y / 9 / 1),
             agreed_plan(plan_kind::care_act, 2025y / 8 / 1), draft};
  const std::vector<due_review> list = due_reviews(r, policy, sys_days(2025y / 10 / 1), 30);
  REQUIRE(list.size() == 2);
  CHECK(list[0].plan == 1);  // 1 Aug + 56 days = 26 Sep: 5 days overdue on 1 Oct
  CHECK(list[0].review.due == 2025y / 9 / 26);
  CHECK(list[0].days_overdue == 5);
  CHECK(list[1].plan == 0);  // 1 Sep + 56 days = 27 Oct, within 30 days
  CHECK(list[1].days_overdue == 0);
  CHECK(due_reviews(r, policy, sys_days(2025y / 10 / 1), 0).size() == 1);
}
