// Tests for joinedup/care/validate.hpp: each rule of the issue fires with its code and path, on a
// plan that is otherwise valid. Sources: Care Act 2014 s25(1)-(3), s26 (commissioning.md §4.1),
// NHS CHC free at the point of use (§4.3), review timing (review_test.cpp).
#include "joinedup/care/validate.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::care;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {
const sys_days today(2025y / 11 / 30);

/// One person, one case manager and one plan that pass every check on 2025-11-30.
care_records valid_records() {
  care_records r;
  r.schemes = {line_id("L1"), line_id("L2")};
  person p;
  p.nhs_number = "9990000018";
  p.council = "E06000099";
  p.gp_practice = "Z99001";
  p.complex_needs = true;
  p.eligibility.care_act = true;
  p.assessed_on = 2025y / 9 / 1;
  r.people.push_back(p);
  r.case_managers.push_back({case_manager_id("A"), "Aisha", "social worker", "Council", 3, {}});
  care_plan plan;
  plan.id = plan_id("P1");
  plan.nhs_number = "999 000 0018";
  plan.history = {{event_kind::drafted, 2025y / 9 / 15, {}, {}},
                  {event_kind::agreed, 2025y / 10 / 6, "the person and Aisha", {}},
                  {event_kind::activated, 2025y / 10 / 6, {}, {}}};
  plan.needs = {{"n1", "washing and dressing", true, false, "home care"},
                {"n2", "nursing", true, true, "district nurse"}};
  plan.outcomes = {{"n1", "stay at home", 2026y / 10 / 6, "no admissions"}};
  service s;
  s.id = "s1";
  s.scheme = line_id("L1");
  s.start = 2025y / 10 / 6;
  s.unit_price = *rate::parse("24.50");
  s.units_per_week = ratio::whole(10);  // £245.00 a week
  s.funded_by = funder::council;
  s.meets = {"n1"};
  service nurse = s;
  nurse.id = "s2";
  nurse.scheme = line_id("L2");
  nurse.kind = service_kind::health;
  nurse.unit_price = *rate::parse("48.00");
  nurse.units_per_week = ratio::whole(2);  // £96.00 a week
  nurse.funded_by = funder::nhs;
  nurse.meets = {"n2"};
  plan.services = {s, nurse};
  plan.budget = personal_budget{money::from_pence(24500), money::from_pence(4000),
                                money::from_pence(20500), std::nullopt, money::from_pence(9600)};
  plan.involved.person = true;
  plan.contingency = "duty team";
  plan.assignments = {{case_manager_id("A"), 2025y / 10 / 6, std::nullopt, "allocated"}};
  r.plans.push_back(plan);
  return r;
}

diagnostics check(const care_records& r) {
  diagnostics d;
  validate(r, today, default_review_policy(), d);
  return d;
}
}  // namespace

TEST_CASE("the valid records pass") {
  diagnostics d;
  const validation_summary s = validate(valid_records(), today, default_review_policy(), d);
  for (const diagnostic& x : d)
    CAPTURE(x.code);
  CHECK(d.empty());
  CHECK(s.caseload == std::vector<std::int64_t>{1});
  CHECK(s.plans_in_force == 1);
  CHECK(s.reviews_overdue == 0);  // agreed 6 Oct: first review due 1 Dec
}

TEST_CASE("an invalid NHS number is reported masked") {
  care_records r = valid_records();
  r.people[0].nhs_number = "9990000019";
  const diagnostics d = check(r);
  const diagnostic* x = d.find("core.nhs_number.check_digit");
  REQUIRE(x != nullptr);
  CHECK(x->path == "/people/0/nhs_number");
  for (const diagnostic& y : d) {
    CHECK(y.message.find("9990000019") == std::string::npos);
  }
}

TEST_CASE("a plan agreed without the person's involvement or a capacity record") {
  care_records r = valid_records();
  r.plans[0].involved.person = false;
  CHECK(check(r).find("care.plan.involvement")->path == "/plans/0/involved");
  r.plans[0].involved.lacks_capacity = true;
  CHECK(check(r).find("care.plan.involvement")->path == "/plans/0/involved/capacity_record");
  r.plans[0].involved.capacity_record = "MCA-1";
  CHECK_FALSE(check(r).contains("care.plan.involvement"));
}

TEST_CASE("a personal budget that does not add up (s26)") {
  care_records r = valid_records();
  r.plans[0].budget->council_amount = money::from_pence(20000);  // 40.00 + 200.00 ≠ 245.00
  const diagnostics sum_diags = check(r);
  const diagnostic* x = sum_diags.find("care.budget.sum");
  REQUIRE(x != nullptr);
  CHECK(x->path == "/plans/0/personal_budget/total");
  CHECK(x->message.find("240.00") != std::string::npos);
  r = valid_records();
  r.plans[0].budget.reset();
  CHECK(check(r).contains("care.budget.missing"));
  r = valid_records();
  r.plans[0].budget->nhs_funded = money{};
  CHECK(check(r).contains("care.budget.nhs_funded"));
}

TEST_CASE("a direct payment needs an amount and a frequency (s25(2))") {
  care_records r = valid_records();
  r.plans[0].services[0].direct_payment = true;
  CHECK(check(r).contains("care.direct_payment.missing"));
  r.plans[0].direct_payment = direct_payment{money::from_pence(98000), std::nullopt};
  const diagnostics d = check(r);
  CHECK_FALSE(d.contains("care.direct_payment.missing"));
  CHECK(d.find("care.direct_payment.incomplete")->path == "/plans/0/direct_payment/frequency");
}

TEST_CASE("services: dates, unknown scheme, units, need, person paying for an NHS need") {
  care_records r = valid_records();
  r.plans[0].services[0].end = 2025y / 10 / 1;
  r.plans[0].services[0].scheme = line_id("L9");
  r.plans[0].services[0].units_per_week = ratio{};
  r.plans[0].services[1].funded_by = funder::person;
  r.plans[0].services[1].meets.push_back("n7");
  const diagnostics d = check(r);
  CHECK(d.find("care.service.dates")->path == "/plans/0/services/0/end");
  CHECK(d.find("care.service.scheme")->path == "/plans/0/services/0/scheme");
  CHECK(d.find("care.service.units")->path == "/plans/0/services/0/units_per_week");
  CHECK(d.find("care.service.person_funded_nhs_need")->path == "/plans/0/services/1/funded_by");
  CHECK(d.find("care.service.need")->path == "/plans/0/services/1/meets/1");
}

TEST_CASE("no case manager, gaps and overlaps are errors naming the dates") {
  care_records r = valid_records();
  r.plans[0].assignments[0].from = 2025y / 10 / 20;
  const diagnostics gap_diags = check(r);
  const diagnostic* gap = gap_diags.find("care.case_manager.gap");
  REQUIRE(gap != nullptr);
  CHECK(gap->message.find("from 2025-10-06 to 2025-10-19 (14 days)") != std::string::npos);
  CHECK(gap->message.find("*** *** 0018") != std::string::npos);

  r = valid_records();
  r.case_managers.push_back({case_manager_id("B"), "Ben", "matron", "Trust", 3, {}});
  r.plans[0].assignments.push_back({case_manager_id("B"), 2025y / 11 / 1, 2025y / 11 / 7, {}});
  const diagnostics overlap_diags = check(r);
  const diagnostic* overlap = overlap_diags.find("care.case_manager.overlap");
  REQUIRE(overlap != nullptr);
  CHECK(overlap->path == "/plans/0/assignments/1");
  CHECK(overlap->message.find("'A' and 'B', from 2025-11-01 to 2025-11-07") != std::string::npos);

  r = valid_records();
  r.plans[0].assignments.clear();
  CHECK(check(r).contains("care.case_manager.none"));
  r.plans[0].assignments = {{case_manager_id("Z"), 2025y / 10 / 6, std::nullopt, {}}};
  CHECK(check(r).find("care.case_manager.unknown")->path == "/plans/0/assignments/0/case_manager");
}

TEST_CASE("over capacity, absence, overdue review") {
  care_records r = valid_records();
  r.case_managers[0].capacity = 1;
  r.plans.push_back(r.plans[0]);
  r.plans[1].id = plan_id("P2");
  r.case_managers[0].absences.push_back({2025y / 11 / 24, 2025y / 12 / 5, "leave"});
  diagnostics d = check(r);
  CHECK(d.find("care.case_manager.over_capacity")->severity == severity::warning);
  CHECK(d.contains("care.case_manager.absent"));
  // The first review is due by 1 December (6 October + 8 weeks): overdue on 2 December.
  d = diagnostics{};
  validate(valid_records(), sys_days(2025y / 12 / 2), default_review_policy(), d);
  const diagnostic* late = d.find("care.review.overdue");
  REQUIRE(late != nullptr);
  CHECK(late->message.find("due by 2025-12-01 and is 1 days overdue") != std::string::npos);
}

TEST_CASE("people: duplicates, unknown people, assessment after agreement") {
  care_records r = valid_records();
  r.people.push_back(r.people[0]);
  r.people[1].nhs_number = "999-000-0018";
  CHECK(check(r).find("care.person.duplicate")->path == "/people/1/nhs_number");
  r = valid_records();
  r.plans[0].nhs_number = "9997654323";
  CHECK(check(r).contains("care.person.unknown"));
  r = valid_records();
  r.people[0].assessed_on = 2025y / 10 / 10;
  CHECK(check(r).contains("care.plan.assessment"));
  r = valid_records();
  r.people[0].council = "E07000001";
  CHECK(check(r).contains("care.person.council"));
}

TEST_CASE("a plan id used twice is reported at the second plan") {
  care_records r = valid_records();
  r.plans.push_back(r.plans[0]);
  r.plans.push_back(r.plans[0]);
  r.plans[1].id = plan_id("P2");
  const diagnostics d = check(r);
  const diagnostic* dup = d.find("care.plan.duplicate");
  REQUIRE(dup != nullptr);
  CHECK(dup->path == "/plans/2/id");
  CHECK(dup->message.find("already used by /plans/0") != std::string::npos);
}

TEST_CASE("the reporter-taking overload reports below the reporter's path, in walk order") {
  // Records held at /care of a larger document: the case manager has no capacity and the
  // nursing service (services/1) also names need n7, which the plan does not list. Case
  // managers are walked before plans, so the capacity finding comes first.
  care_records r = valid_records();
  r.case_managers[0].capacity = 0;
  r.plans[0].services[1].meets.push_back("n7");
  diagnostics d;
  reporter rep(d, "/care");
  const validation_summary s = validate(r, today, default_review_policy(), rep);
  CHECK(rep.path() == "/care");
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "care.case_manager.capacity");
  CHECK(d[0].path == "/care/case_managers/0/capacity");
  CHECK(d[1].code == "care.service.need");
  CHECK(d[1].path == "/care/plans/0/services/1/meets/1");
  CHECK(d[1].message == "service 's2' meets need 'n7', which the plan does not list");
  // The summary is the same as through the diagnostics overload: one plan in force, held by A.
  CHECK(s.plans_in_force == 1);
  CHECK(s.caseload == std::vector<std::int64_t>{1});
}
