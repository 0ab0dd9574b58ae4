// Tests for joinedup/care/lifecycle.hpp: the plan lifecycle (Care Act 2014 s27: plans are kept
// under review and may be revised; a revision is agreed again and keeps the plan's id).
#include "joinedup/care/lifecycle.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::care;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {
plan_event ev(event_kind k, date on, std::string by = {}, std::string reason = {}) {
  return {k, on, std::move(by), std::move(reason)};
}
}  // namespace

TEST_CASE("the transition table allows the documented lifecycle and nothing else") {
  using s = plan_status;
  using e = event_kind;
  CHECK(transition(std::nullopt, e::drafted) == s::draft);
  CHECK(transition(std::nullopt, e::agreed) == s::agreed);
  CHECK_FALSE(transition(std::nullopt, e::activated).has_value());
  CHECK(transition(s::draft, e::agreed) == s::agreed);
  CHECK_FALSE(transition(s::draft, e::activated).has_value());
  CHECK(transition(s::agreed, e::activated) == s::active);
  CHECK(transition(s::active, e::review_started) == s::under_review);
  CHECK(transition(s::under_review, e::review_completed) == s::active);
  CHECK(transition(s::under_review, e::revised) == s::revised);
  CHECK(transition(s::revised, e::agreed) == s::agreed);
  CHECK_FALSE(transition(s::active, e::agreed).has_value());
  CHECK_FALSE(transition(s::active, e::revised).has_value());
  CHECK(transition(s::active, e::review_requested) == s::active);
  CHECK_FALSE(transition(s::draft, e::review_requested).has_value());
  for (int i = 0; i < 8; ++i) {
    CHECK_FALSE(transition(s::closed, static_cast<e>(i)).has_value());
  }
  CHECK(transition(s::draft, e::closed) == s::closed);
}

TEST_CASE("a revision is agreed again under the same id and starts version 2") {
  care_plan p;
  p.id = plan_id("NM-P-0004");
  p.history = {
      ev(event_kind::drafted, 2025y / 2 / 10),  ev(event_kind::agreed, 2025y / 3 / 3, "A"),
      ev(event_kind::activated, 2025y / 3 / 5), ev(event_kind::review_started, 2025y / 4 / 22),
      ev(event_kind::revised, 2025y / 4 / 22),  ev(event_kind::agreed, 2025y / 5 / 6, "B")};
  const lifecycle lc = replay(p.history);
  CHECK(lc.status == plan_status::agreed);
  CHECK(lc.version == 2);
  CHECK(lc.first_agreed == 2025y / 3 / 3);
  CHECK(lc.last_agreed == 2025y / 5 / 6);
  CHECK(lc.last_review == 2025y / 4 / 22);
  // Status on a day in between: the first version was in force and under review.
  CHECK(status_on(p, sys_days(2025y / 4 / 30)) == plan_status::revised);
  CHECK_FALSE(status_on(p, sys_days(2025y / 1 / 1)).has_value());
  const std::vector<plan_version> v = versions(p);
  REQUIRE(v.size() == 2);
  CHECK(v[0].number == 1);
  CHECK(v[0].agreed_by == "A");
  CHECK(v[0].superseded_on == 2025y / 5 / 6);
  CHECK(v[1].number == 2);
  CHECK_FALSE(v[1].superseded_on.has_value());
}

TEST_CASE("check_lifecycle reports illegal transitions, order, missing who and reason") {
  care_plan p;
  p.id = plan_id("P1");
  p.history = {ev(event_kind::drafted, 2025y / 1 / 10), ev(event_kind::activated, 2025y / 1 / 12),
               ev(event_kind::agreed, 2025y / 1 / 9), ev(event_kind::closed, 2025y / 2 / 1)};
  diagnostics d;
  const lifecycle lc = check_lifecycle(p, "/plans/0", d);
  REQUIRE(d.size() == 4);
  CHECK(d[0].code == "care.lifecycle.transition");
  CHECK(d[0].path == "/plans/0/history/1/kind");
  CHECK(d[0].message.find("draft cannot be activated") != std::string::npos);
  CHECK(d[1].code == "care.lifecycle.order");
  CHECK(d[1].path == "/plans/0/history/2/on");
  CHECK(d[2].code == "care.lifecycle.agreed_by");
  CHECK(d[3].code == "care.lifecycle.closed_reason");
  CHECK(lc.status == plan_status::closed);
  CHECK(lc.closed_on == 2025y / 2 / 1);

  diagnostics none;
  care_plan empty;
  check_lifecycle(empty, "/plans/1", none);
  REQUIRE(none.size() == 1);
  CHECK(none[0].code == "care.lifecycle.empty");
}

TEST_CASE("a review request stays pending until a review is held") {
  care_plan p;
  p.history = {ev(event_kind::agreed, 2025y / 1 / 6, "x"), ev(event_kind::activated, 2025y / 1 / 6),
               ev(event_kind::review_requested, 2025y / 6 / 2),
               ev(event_kind::review_requested, 2025y / 6 / 9)};
  CHECK(replay(p.history).pending_request == 2025y / 6 / 2);
  p.history.push_back(ev(event_kind::review_started, 2025y / 6 / 20));
  CHECK_FALSE(replay(p.history).pending_request.has_value());
  CHECK(in_force(plan_status::revised));
  CHECK_FALSE(in_force(plan_status::draft));
  CHECK_FALSE(in_force(plan_status::closed));
}
