// Tests for joinedup/care/guarantee.hpp: numerator/denominator pairs and days from assessment to
// agreed plan on a hand-built population.
#include "joinedup/care/guarantee.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::care;
using namespace std::chrono_literals;
using std::chrono::sys_days;

TEST_CASE("median and nearest-rank percentile") {
  CHECK(median_of_sorted({}) == std::nullopt);
  CHECK(median_of_sorted({27, 28, 34, 41}) == ratio::whole(31));
  CHECK(median_of_sorted({27, 28, 35, 41}) == ratio::of(63, 2));
  CHECK(median_of_sorted({5}) == ratio::whole(5));
  const std::vector<std::int64_t> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(nearest_rank_of_sorted(ten, 90) == 9);  // ⌈0.9 × 10⌉ = 9th
  const std::vector<std::int64_t> eleven{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  CHECK(nearest_rank_of_sorted(eleven, 90) == 10);  // ⌈9.9⌉ = 10th
  CHECK(nearest_rank_of_sorted({27, 28, 34, 41}, 90) == 41);
}

TEST_CASE("guarantee measures on a small population") {
  care_records r;
  r.case_managers = {
      {case_manager_id("A"), "A", "sw", "Council", 5, {}},
      {case_manager_id("C"), "C", "nurse", "ICB", 5, {{2025y / 11 / 24, 2025y / 12 / 5, "leave"}}}};
  const auto add_person = [&](const char* nhs, bool complex, std::optional<date> assessed) {
    person p;
    p.nhs_number = nhs;
    p.complex_needs = complex;
    p.assessed_on = assessed;
    r.people.push_back(p);
  };
  add_person("9990000018", true, 2024y / 10 / 1);
  add_person("9997654323", true, 2025y / 5 / 20);
  add_person("9995550180", true, 2025y / 7 / 1);
  add_person("9994000128", true, 2025y / 11 / 1);  // no plan yet
  add_person("9998887771", false, 2025y / 1 / 1);  // not in the population
  const auto add_plan = [&](const char* nhs, date agreed, const char* cm) {
    care_plan p;
    p.id = plan_id(std::string("P-") + nhs);
    p.nhs_number = nhs;
    p.history = {{event_kind::agreed, agreed, "x", {}}, {event_kind::activated, agreed, {}, {}}};
    p.assignments = {{case_manager_id(cm), agreed, std::nullopt, {}}};
    r.plans.push_back(p);
  };
  add_plan("9990000018", 2024y / 11 / 4, "A");   // 34 days; no review since: overdue
  add_plan("9997654323", 2025y / 6 / 16, "C");   // 27 days; case manager away today
  add_plan("9995550180", 2025y / 10 / 20, "A");  // 111 days; review due 2025-12-15
  add_plan("9998887771", 2025y / 2 / 1, "A");
  const guarantee_measures m =
      measure_guarantee(r, default_review_policy(), sys_days(2025y / 11 / 30));
  CHECK(m.agreed_plan == proportion{3, 4});
  CHECK(m.named_case_manager == proportion{2, 4});
  CHECK(m.review_in_date == proportion{1, 3});
  CHECK(m.days_to_plan == std::vector<std::int64_t>{27, 34, 111});
  CHECK(m.median_days_to_plan == ratio::whole(34));
  CHECK(m.p90_days_to_plan == 111);
  CHECK(m.agreed_plan.value() == ratio::of(3, 4));
  CHECK_FALSE(proportion{}.value().has_value());
}
