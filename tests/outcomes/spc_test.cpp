// Tests for joinedup/outcomes/spc.hpp. Each series is worked by hand from the NHSRplotthedots
// 0.2.2 rules (indicator-methods.md part B; R/ptd_spc_standard.R, R/ptd_calculate_point_type.R,
// R/ptd_calculate_assurance_type.R); the arithmetic is shown in the comments.
#include "joinedup/outcomes/spc.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace jo = joinedup::outcomes;
using jo::special_cause;
using jo::special_cause_rule;

TEST_CASE("screening drops a large moving range; shift and outside-limit rules") {
  // 1,2 alternating ten times then 10. Mean 25/11. MRs: nine of 1 and one of 8, AMR 1.7;
  // 8 >= 3.267 × 1.7 = 5.5539 is screened out, AMR becomes 1. UPL = 25/11 + 2.66.
  const std::vector<double> v = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 10};
  const auto r = jo::analyse_spc(v, {});
  REQUIRE(r);
  REQUIRE(r->groups.size() == 1);
  const jo::spc_group& g = r->groups[0];
  CHECK(g.mean == doctest::Approx(25.0 / 11).epsilon(1e-14));
  CHECK(g.amr == doctest::Approx(1.0).epsilon(1e-14));
  CHECK(g.screened_out == 1);
  CHECK(g.upl == doctest::Approx(25.0 / 11 + 2.66).epsilon(1e-14));
  CHECK(g.lpl == doctest::Approx(25.0 / 11 - 2.66).epsilon(1e-14));
  CHECK(g.near_upper == doctest::Approx(25.0 / 11 + 2 * 2.66 / 3).epsilon(1e-14));
  // Points 1-10 are all below the mean (2 < 2.27): a run of 10 → "7 Points Below CL".
  for (std::size_t i = 0; i < 10; ++i) {
    CHECK(r->points[i].rule == special_cause_rule::shift_below);
    CHECK(r->points[i].type == special_cause::concern);
  }
  CHECK(r->points[10].rule == special_cause_rule::above_upl);
  CHECK(r->points[10].type == special_cause::improvement);
  CHECK(r->variation == jo::variation_icon::improvement_high);
  CHECK(r->warnings.contains("outcomes.spc.short_group"));  // 11 < 13 points
  // Without screening the AMR stays 1.7 (the MDC Excel tool).
  jo::spc_options raw;
  raw.screen_outliers = false;
  CHECK(jo::analyse_spc(v, raw)->groups[0].amr == doctest::Approx(1.7).epsilon(1e-14));
  // Lower is better: the same points read the other way.
  jo::spc_options dec;
  dec.direction = jo::improvement_direction::decrease;
  const auto d = jo::analyse_spc(v, dec);
  CHECK(d->points[0].type == special_cause::improvement);
  CHECK(d->variation == jo::variation_icon::concern_high);
  jo::spc_options neutral;
  neutral.direction = jo::improvement_direction::neutral;
  CHECK(jo::analyse_spc(v, neutral)->variation == jo::variation_icon::neutral_high);
}

TEST_CASE("assurance against a target uses the last group's limits") {
  const std::vector<double> v = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 10};
  jo::spc_options o;
  o.target = 3;  // within -0.387..4.933: hit and miss
  CHECK(jo::analyse_spc(v, o)->assurance == jo::assurance_icon::inconsistent);
  o.target = 6;  // above the UPL, higher is better: consistently fails
  CHECK(jo::analyse_spc(v, o)->assurance == jo::assurance_icon::consistent_fail);
  o.target = -1;  // below the LPL
  CHECK(jo::analyse_spc(v, o)->assurance == jo::assurance_icon::consistent_pass);
  o.direction = jo::improvement_direction::decrease;
  CHECK(jo::analyse_spc(v, o)->assurance == jo::assurance_icon::consistent_fail);
  o.direction = jo::improvement_direction::neutral;
  CHECK(!jo::analyse_spc(v, o)->assurance);
  o.target.reset();
  o.direction = jo::improvement_direction::increase;
  CHECK(!jo::analyse_spc(v, o)->assurance);
}

TEST_CASE("a seven-point trend, with outside limits taking precedence") {
  // 1..7: mean 4, AMR 1, limits 1.34 and 6.66. Points 1 and 7 are outside; 2-6 are a trend.
  const std::vector<double> v = {1, 2, 3, 4, 5, 6, 7};
  const auto r = jo::analyse_spc(v, {});
  CHECK(r->points[0].rule == special_cause_rule::below_lpl);
  CHECK(r->points[0].type == special_cause::concern);
  for (std::size_t i = 1; i < 6; ++i)
    CHECK(r->points[i].rule == special_cause_rule::trend_increasing);
  CHECK(r->points[6].rule == special_cause_rule::above_upl);
  // Six points only: no trend.
  const std::vector<double> six = {1, 2, 3, 4, 5, 6};
  CHECK(jo::analyse_spc(six, {})->points[2].rule == special_cause_rule::common_cause);
  // An equal step breaks the trend.
  const std::vector<double> flat_step = {1, 2, 3, 3, 4, 5, 6};
  CHECK(jo::analyse_spc(flat_step, {})->points[2].rule == special_cause_rule::common_cause);
}

TEST_CASE("two of three close to a limit") {
  // 0,1 alternating ten times, then 2.8, 2.8. Mean 10.6/12; MRs nine of 1, 1.8, 0: AMR 10.8/11.
  // Near upper = mean + 1.7733 × AMR = 2.6244 < 2.8 < UPL = 3.4950. The window (1, 2.8, 2.8)
  // is all above the mean with two close points: those two are flagged, the 1 is not.
  const std::vector<double> v = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 2.8, 2.8};
  const auto r = jo::analyse_spc(v, {});
  CHECK(r->points[10].close_to_limits);
  CHECK(r->points[10].rule == special_cause_rule::two_in_three_above);
  CHECK(r->points[11].rule == special_cause_rule::two_in_three_above);
  CHECK(r->points[9].rule == special_cause_rule::common_cause);
  CHECK(r->variation == jo::variation_icon::improvement_high);
}

TEST_CASE("a flat series and ties with the mean") {
  // All moving ranges are 0 and 0 < 3.267 × 0 is false, so screening drops them all: the AMR is
  // the mean of nothing (NaN in R) and so are the limits; every point is common cause.
  const std::vector<double> flat = {5, 5, 5, 5, 5};
  jo::spc_options o;
  o.target = 6;
  const auto r = jo::analyse_spc(flat, o);
  CHECK(std::isnan(r->groups[0].amr));
  CHECK(std::isnan(r->groups[0].upl));
  CHECK(r->points[2].relative_to_mean == 0);
  CHECK(r->variation == jo::variation_icon::common_cause);
  CHECK(r->assurance == jo::assurance_icon::inconsistent);  // comparisons with NaN are false
  o.screen_outliers = false;  // AMR 0: limits equal the mean, the target is above the UPL
  const auto u = jo::analyse_spc(flat, o);
  CHECK(u->groups[0].upl == 5.0);
  CHECK(u->assurance == jo::assurance_icon::consistent_fail);
  // Points on the mean break a shift: mean 2, the 2s have relative_to_mean 0.
  const std::vector<double> ties = {1, 3, 2, 2, 2, 2, 2, 2, 1, 3};
  const auto t = jo::analyse_spc(ties, {});
  CHECK(t->groups[0].mean == 2.0);
  for (const jo::spc_point& p : t->points)
    CHECK(p.rule == special_cause_rule::common_cause);
}

TEST_CASE("rebasing and fixing the baseline") {
  std::vector<double> v;
  for (int i = 0; i < 14; ++i)
    v.push_back(i % 2 == 0 ? 10 : 12);
  for (int i = 0; i < 14; ++i)
    v.push_back(i % 2 == 0 ? 20 : 22);
  jo::spc_options o;
  o.rebase_at = {15, 99};
  const auto r = jo::analyse_spc(v, o);
  REQUIRE(r->groups.size() == 2);
  CHECK(r->groups[0].mean == 11.0);
  CHECK(r->groups[1].mean == 21.0);
  CHECK(r->groups[1].first == 14);
  CHECK(r->points[20].group == 1);
  CHECK(r->warnings.contains("outcomes.spc.rebase_ignored"));
  CHECK(!r->warnings.contains("outcomes.spc.short_group"));
  // Fixed after 12 points, no rebase: mean and AMR from the first 12 (11 and 2); the later
  // points at 20-22 are above the UPL 11 + 5.32.
  jo::spc_options fixed;
  fixed.fix_after_n_points = 12;
  const auto f = jo::analyse_spc(v, fixed);
  CHECK(f->groups[0].baseline == 12);
  CHECK(f->groups[0].mean == 11.0);
  CHECK(f->groups[0].amr == 2.0);
  CHECK(f->points[27].rule == special_cause_rule::above_upl);
  fixed.fix_after_n_points = 11;
  CHECK(jo::analyse_spc(v, fixed).error().code == "outcomes.spc.fix_after");
  CHECK(jo::analyse_spc(std::vector<double>{}, {}).error().code == "outcomes.spc.empty");
  // A missing value (NaN) is charted (spc_missing_test.cpp); an infinite one is refused.
  const std::vector<double> bad = {1, HUGE_VAL};
  CHECK(jo::analyse_spc(bad, {}).error().code == "outcomes.spc.value");
  // One point: no moving range, limits NaN.
  CHECK(std::isnan(jo::analyse_spc(std::vector<double>{3}, {})->groups[0].upl));
}

TEST_CASE("labels and names") {
  CHECK(jo::label(special_cause_rule::trend_decreasing) == "7 Point Trend (Decreasing)");
  CHECK(jo::to_string(jo::variation_icon::concern_low) == "concern_low");
  CHECK(jo::parse_improvement_direction("decrease") == jo::improvement_direction::decrease);
  CHECK(!jo::parse_improvement_direction("up"));
}
