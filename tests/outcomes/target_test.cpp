// Tests for joinedup/outcomes/target.hpp. Trajectory values are worked by hand from the dates.
#include "joinedup/outcomes/target.hpp"

#include <doctest/doctest.h>

namespace jo = joinedup::outcomes;
using namespace std::chrono;

namespace {
jo::target linear() {
  jo::target t;
  t.indicator = "emergency_admissions_65plus";
  t.value = 5600;
  t.due = 2026y / March / 31;
  t.baseline = jo::milestone{2024y / March / 31, 6400};
  t.shape = jo::trajectory_shape::linear;
  return t;
}
}  // namespace

TEST_CASE("linear trajectory by days") {
  const jo::target t = linear();
  // 2025-03-31 is 365 of 730 days from baseline: exactly half way, 6000.
  CHECK(*jo::expected_at(t, 2025y / March / 31) == doctest::Approx(6000).epsilon(1e-12));
  CHECK(*jo::expected_at(t, 2023y / March / 31) == 6400);
  CHECK(*jo::expected_at(t, 2027y / March / 31) == 5600);
  const auto p = jo::polarity::lower_is_better;
  CHECK(jo::assess(t, p, 5590.0, 2025y / June / 30) == jo::target_status::met);
  CHECK(jo::assess(t, p, 5990.0, 2025y / March / 31) == jo::target_status::on_trajectory);
  CHECK(jo::assess(t, p, 6010.0, 2025y / March / 31) == jo::target_status::off_trajectory);
  CHECK(jo::assess(t, p, 5700.0, 2026y / March / 31) == jo::target_status::off_trajectory);
  CHECK(jo::assess(t, p, std::nullopt, 2025y / March / 31) == jo::target_status::not_assessed);
  CHECK(jo::assess(t, jo::polarity::no_judgement, 1.0, 2025y / March / 31) ==
        jo::target_status::not_assessed);
  CHECK(jo::assess(t, jo::polarity::higher_is_better, 5600.0, 2025y / March / 31) ==
        jo::target_status::met);
}

TEST_CASE("stepped trajectory: equal steps or explicit milestones") {
  jo::target t;
  t.value = 520;
  t.due = 2026y / March / 31;
  t.baseline = jo::milestone{2023y / March / 31, 610};
  t.shape = jo::trajectory_shape::stepped;
  t.periods = 3;  // 1096 days: steps at +365 (2024-03-30), +730 (2025-03-30), due
  const auto steps = jo::trajectory_steps(t);
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].date == 2024y / March / 30);
  CHECK(steps[0].value == doctest::Approx(580));
  CHECK(steps[1].value == doctest::Approx(550));
  CHECK(steps[2] == jo::milestone{2026y / March / 31, 520});
  CHECK(*jo::expected_at(t, 2024y / March / 29) == 610);
  CHECK(*jo::expected_at(t, 2024y / March / 31) == doctest::Approx(580));
  t.steps = {{2024y / March / 31, 600}, {2025y / March / 31, 560}};
  CHECK(*jo::expected_at(t, 2025y / June / 30) == 560);
  CHECK(jo::assess(t, jo::polarity::lower_is_better, 561.0, 2025y / June / 30) ==
        jo::target_status::off_trajectory);
  t.shape = jo::trajectory_shape::none;
  CHECK(!jo::expected_at(t, 2025y / June / 30));
  CHECK(jo::assess(t, jo::polarity::lower_is_better, 561.0, 2025y / June / 30) ==
        jo::target_status::on_trajectory);  // not yet due, no trajectory
}

TEST_CASE("target validation") {
  jo::target t = linear();
  joinedup::diagnostics ok;
  jo::validate_target(t, "/targets/0", ok);
  CHECK(ok.empty());
  t.baseline->date = 2027y / January / 1;
  t.steps = {{2025y / March / 1, 1}, {2025y / February / 1, 2}};
  joinedup::diagnostics d;
  jo::validate_target(t, "/targets/0", d);
  CHECK(d.contains("outcomes.target.baseline_after_due"));
  CHECK(d.find("outcomes.target.step_order")->path == "/targets/0/steps/1");
  jo::target nb = linear();
  nb.baseline.reset();
  joinedup::diagnostics d2;
  jo::validate_target(nb, "", d2);
  CHECK(d2.contains("outcomes.target.no_baseline"));
  nb.due = year_month_day{2025y / February / 30};
  joinedup::diagnostics d3;
  jo::validate_target(nb, "", d3);
  CHECK(d3.contains("outcomes.target.date"));
}
