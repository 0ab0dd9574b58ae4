// Tests for joinedup/care/assignment.hpp: exactly one accountable case manager on every day from
// agreement to closure; handovers; caseloads; reassignment within capacity.
#include "joinedup/care/assignment.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::care;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {
assignment asg(const char* cm, date from, std::optional<date> to = std::nullopt,
               std::string reason = {}) {
  return {case_manager_id(cm), from, to, std::move(reason)};
}
care_plan plan_with(std::vector<assignment> a) {
  care_plan p;
  p.id = plan_id("P");
  p.history = {{event_kind::agreed, 2025y / 1 / 1, "x", {}}};
  p.assignments = std::move(a);
  return p;
}
const date_range q4(sys_days(2025y / 1 / 1), sys_days(2025y / 3 / 31));
}  // namespace

TEST_CASE("one case manager throughout: no problems") {
  CHECK(check_coverage(plan_with({asg("A", 2025y / 1 / 1)}), q4).empty());
  // A handover on consecutive days is seamless.
  CHECK(check_coverage(
            plan_with({asg("A", 2024y / 6 / 1, 2025y / 1 / 31), asg("B", 2025y / 2 / 1)}), q4)
            .empty());
}

TEST_CASE("gaps and overlaps name their dates and case managers") {
  // A to 31 Jan, B from 10 Feb: no one on 1-9 Feb.
  auto problems = check_coverage(
      plan_with({asg("A", 2025y / 1 / 1, 2025y / 1 / 31), asg("B", 2025y / 2 / 10)}), q4);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == coverage_kind::gap);
  CHECK(problems[0].from == 2025y / 2 / 1);
  CHECK(problems[0].to == 2025y / 2 / 9);
  // B starts 15 Mar while A is open-ended: both from 15 Mar to the end of the window.
  problems = check_coverage(plan_with({asg("A", 2025y / 1 / 1), asg("B", 2025y / 3 / 15)}), q4);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == coverage_kind::overlap);
  CHECK(problems[0].from == 2025y / 3 / 15);
  CHECK(problems[0].to == 2025y / 3 / 31);
  CHECK(problems[0].first.str() == "A");
  CHECK(problems[0].second.str() == "B");
  // Late start and early end are gaps at the edges; listed order does not matter.
  problems = check_coverage(
      plan_with({asg("B", 2025y / 2 / 1, 2025y / 3 / 1), asg("A", 2025y / 1 / 5, 2025y / 1 / 31)}),
      q4);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].from == 2025y / 1 / 1);
  CHECK(problems[0].to == 2025y / 1 / 4);
  CHECK(problems[1].from == 2025y / 3 / 2);
  CHECK(problems[1].to == 2025y / 3 / 31);
  // No assignment at all.
  problems = check_coverage(plan_with({}), q4);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == coverage_kind::none);
}

TEST_CASE("case_manager_on and handovers") {
  const care_plan p = plan_with({asg("B", 2025y / 2 / 1, std::nullopt, "handover: A retired"),
                                 asg("A", 2025y / 1 / 1, 2025y / 1 / 31)});
  CHECK(case_manager_on(p, sys_days(2025y / 1 / 31))->str() == "A");
  CHECK(case_manager_on(p, sys_days(2025y / 2 / 1))->str() == "B");
  const std::vector<handover> h = handovers(p);
  REQUIRE(h.size() == 1);
  CHECK(h[0].on == 2025y / 2 / 1);
  CHECK(h[0].from.str() == "A");
  CHECK(h[0].to.str() == "B");
  CHECK(h[0].reason == "handover: A retired");
  const care_plan both = plan_with({asg("A", 2025y / 1 / 1), asg("B", 2025y / 1 / 1)});
  CHECK_FALSE(case_manager_on(both, sys_days(2025y / 1 / 2)).has_value());
}

TEST_CASE("caseload and a reassignment that keeps everyone within capacity") {
  care_records r;
  r.case_managers = {{case_manager_id("A"), "A", "sw", "Council", 10, {}},
                     {case_manager_id("B"), "B", "sw", "Council", 10, {}},
                     {case_manager_id("L"), "L", "sw", "Council", 10, {}},
                     {case_manager_id("N"), "N", "nurse", "Trust", 50, {}}};
  const auto add = [&](const char* id, const char* cm) {
    care_plan p = plan_with({asg(cm, 2025y / 1 / 1)});
    p.id = plan_id(id);
    r.plans.push_back(p);
  };
  for (int i = 0; i < 9; ++i)
    add(("a" + std::to_string(i)).c_str(), "A");
  for (int i = 0; i < 7; ++i)
    add(("b" + std::to_string(i)).c_str(), "B");
  add("L3", "L");
  add("L1", "L");
  add("L2", "L");
  const sys_days day(2025y / 6 / 1);
  const std::vector<std::int64_t> load = caseload_on(r, day);
  CHECK(load == std::vector<std::int64_t>{9, 7, 3, 0});
  // Spare: A 1, B 3 (same organisation first, N has more spare but is in another one).
  // L1 → B (3 spare), L2 → B (2), L3: A and B have 1 each → A (lower id).
  const reassignment_proposal p = propose_reassignment(r, case_manager_id("L"), day);
  REQUIRE(p.moves.size() == 3);
  CHECK(r.plans[p.moves[0].plan].id.str() == "L1");
  CHECK(p.moves[0].to.str() == "B");
  CHECK(p.moves[1].to.str() == "B");
  CHECK(r.plans[p.moves[2].plan].id.str() == "L3");
  CHECK(p.moves[2].to.str() == "A");
  CHECK(p.all_within_capacity());
  CHECK(p.load_after == std::vector<std::int64_t>{10, 9, 0, 0});
  // Closed plans drop out of the caseload.
  r.plans[0].history.push_back({event_kind::closed, 2025y / 5 / 1, {}, "died"});
  CHECK(caseload_on(r, day)[0] == 8);
}

TEST_CASE("when nobody has room the proposal says so") {
  care_records r;
  r.case_managers = {{case_manager_id("A"), "A", "sw", "Council", 1, {}},
                     {case_manager_id("L"), "L", "sw", "Council", 5, {}}};
  for (const char* id : {"x", "y"}) {
    care_plan p = plan_with({asg("L", 2025y / 1 / 1)});
    p.id = plan_id(id);
    r.plans.push_back(p);
  }
  const reassignment_proposal p =
      propose_reassignment(r, case_manager_id("L"), sys_days(2025y / 2 / 1));
  REQUIRE(p.moves.size() == 2);
  CHECK(p.moves[0].within_capacity);
  CHECK_FALSE(p.moves[1].within_capacity);
  CHECK(p.moves[1].to.str() == "A");
  CHECK_FALSE(p.all_within_capacity());
  // An absent case manager is not a candidate.
  r.case_managers[0].absences.push_back({2025y / 1 / 20, 2025y / 2 / 10, "leave"});
  const reassignment_proposal q =
      propose_reassignment(r, case_manager_id("L"), sys_days(2025y / 2 / 1));
  CHECK(q.moves[0].to.empty());
}
