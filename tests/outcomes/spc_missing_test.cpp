// Tests for missing values in joinedup/outcomes/spc.hpp. NHSRplotthedots 0.2.2 has no test or
// vignette with NA values (tests/testthat/ and vignettes/ of the package were searched), so every
// expectation is worked by hand from its code, with the working in the comments:
//   R/ptd_spc_standard.R: the baseline is row_number() <= fix_after_n_points (rows with NA count);
//     mean(fix_y, na.rm = TRUE); mr = c(NA, abs(diff(fix_y))), so both moving ranges beside a gap
//     are NA; amr = mean(mr, na.rm = TRUE); screening keeps mr < 3.267 × amr (NA stays NA); the
//     flags of an NA point are NA.
//   R/ptd_calculate_point_type.R: case_when treats an NA condition as FALSE, so an NA point is
//     "Common Cause"; the shift and two-in-three windows that hold an NA are never TRUE; the trend
//     rule's `if (all(d == 1))` meets NA and stops R when a window's other steps all run one way.
//   R/geom_ptd_icon.R: the variation icon is the last row's point type, NA row or not.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "joinedup/outcomes/spc.hpp"

namespace jo = joinedup::outcomes;
using jo::special_cause;
using jo::special_cause_rule;

namespace {
const double na = std::nan("");
}

TEST_CASE("spc missing: a gap is left out of the mean and of both moving ranges beside it") {
  // 1, NA, 3, 2, NA, 4. Mean of the four values (1 + 3 + 2 + 4)/4 = 2.5. Moving ranges: only the
  // pair (3, 2) has both ends, so one moving range of 1 and AMR 1 (lagging across the gaps would
  // give |3−1|, |2−3|, |4−2| = 2, 1, 2 and AMR 5/3). Limits 2.5 ± 2.66: −0.16 and 5.16.
  const std::vector<double> v = {1, na, 3, 2, na, 4};
  const auto r = jo::analyse_spc(v, {});
  REQUIRE(r);
  REQUIRE(r->points.size() == 6);  // every position is kept
  const jo::spc_group& g = r->groups[0];
  CHECK(g.size == 6);
  CHECK(g.missing == 2);
  CHECK(g.baseline_missing == 2);
  CHECK(g.mean == 2.5);
  CHECK(g.moving_ranges == 1);
  CHECK(g.amr == 1.0);
  CHECK(g.upl == doctest::Approx(5.16).epsilon(1e-14));
  CHECK(g.lpl == doctest::Approx(-0.16).epsilon(1e-12));
  CHECK(r->points[1].missing);
  CHECK(std::isnan(r->points[1].value));
  CHECK(r->points[1].group == 0);
  CHECK(r->points[1].relative_to_mean == 0);
  CHECK(!r->points[1].outside_limits);
  CHECK(!r->points[1].close_to_limits);
  CHECK(r->points[1].rule == special_cause_rule::common_cause);
  CHECK(r->points[4].missing);
  CHECK(!r->points[2].missing);
  CHECK(r->points[2].relative_to_mean == 1);
  // Six rows (NA rows included) are fewer than 13: the short-group warning, as R counts n().
  CHECK(r->warnings.contains("outcomes.spc.short_group"));
}

TEST_CASE("spc missing: screening with a gap, and a gap breaks a run of 7 on one side") {
  // 1, 2, 1, 2, NA, 2, 1, 2, 1, 10. Values present: sum 22 over 9, mean 2.4444.
  // Moving ranges: (1,2) (2,1) (1,2) = 1, 1, 1; (2,NA) and (NA,2) none; (2,1) (1,2) (2,1) = 1, 1,
  // 1; (1,10) = 9. Seven ranges, sum 15, AMR 15/7 = 2.142857; 3.267 × AMR = 7.0007, so 9 is
  // screened out and the AMR is 1. UPL = 22/9 + 2.66 = 5.1044: the 10 is above it.
  // Points 1-4 and 6-9 are all below the mean: 8 points on one side, but the gap at 5 splits them
  // into runs of 4, so no "7 Points Below CL" (R: sign(NA − mean) is NA and the run's all() is
  // never TRUE).
  // R's trend rule: the windows holding point 5 are 1-7, 2-8, 3-9 and 4-10; each has both a
  // rising and a falling step among those it can compute (e.g. 1-7: +, −, +, NA, NA, −), so R
  // answers.
  const std::vector<double> v = {1, 2, 1, 2, na, 2, 1, 2, 1, 10};
  const auto r = jo::analyse_spc(v, {});
  REQUIRE(r);
  const jo::spc_group& g = r->groups[0];
  CHECK(g.mean == doctest::Approx(22.0 / 9).epsilon(1e-14));
  CHECK(g.moving_ranges == 7);
  CHECK(g.screened_out == 1);
  CHECK(g.amr == 1.0);
  CHECK(g.upl == doctest::Approx(22.0 / 9 + 2.66).epsilon(1e-14));
  for (std::size_t i = 0; i < 9; ++i)
    CHECK(r->points[i].rule == special_cause_rule::common_cause);
  CHECK(r->points[9].rule == special_cause_rule::above_upl);
  CHECK(r->variation == jo::variation_icon::improvement_high);
  // Without screening the AMR stays 15/7.
  jo::spc_options raw;
  raw.screen_outliers = false;
  CHECK(jo::analyse_spc(v, raw)->groups[0].amr == doctest::Approx(15.0 / 7).epsilon(1e-14));
}

TEST_CASE("spc missing: the variation icon of a series that ends in a gap is common cause") {
  // The series above with NA appended: the same mean, moving ranges and limits ((10,NA) gives no
  // range); point 10 is still above the UPL, but the icon is the last row's point type and the NA
  // row is "common_cause". The assurance icon still uses the last group's limits: a target of 6
  // is above the UPL 5.1044, higher is better: consistent fail. R's windows holding point 11
  // (5-11: NA, −, +, −, +, NA) have mixed steps.
  const std::vector<double> v = {1, 2, 1, 2, na, 2, 1, 2, 1, 10, na};
  jo::spc_options o;
  o.target = 6;
  const auto r = jo::analyse_spc(v, o);
  REQUIRE(r);
  CHECK(r->groups[0].amr == 1.0);
  CHECK(r->points[9].type == special_cause::improvement);
  CHECK(r->points[10].type == special_cause::common_cause);
  CHECK(r->variation == jo::variation_icon::common_cause);
  CHECK(r->assurance == jo::assurance_icon::consistent_fail);
}

TEST_CASE("spc missing: R stops where a 7-point window's computable steps all run one way") {
  // 1, 2, 3, NA, 5, 6, 7: the window's steps are +, +, NA, NA, +, +. all(d == 1) is NA, and
  // `if (NA)` stops R ("missing value where TRUE/FALSE needed").
  const std::vector<double> up = {1, 2, 3, na, 5, 6, 7};
  const auto e = jo::analyse_spc(up, {});
  REQUIRE(!e);
  CHECK(e.error().code == "outcomes.spc.missing_in_trend");
  CHECK(e.error().path == "/values/3");
  // Falling: all(d == 1) is FALSE, then all(d == -1) is NA: R stops too.
  const std::vector<double> down = {7, 6, na, 4, 3, 2, 1};
  CHECK(jo::analyse_spc(down, {}).error().code == "outcomes.spc.missing_in_trend");
  // A window with no computable step (all NA, or NA at every other point) stops R as well.
  const std::vector<double> none = {na, na, na, na, na, na, na};
  CHECK(jo::analyse_spc(none, {}).error().code == "outcomes.spc.missing_in_trend");
  const std::vector<double> alternate = {1, na, 3, na, 5, na, 7};
  CHECK(jo::analyse_spc(alternate, {}).error().code == "outcomes.spc.missing_in_trend");
  // The stop is found in a later window too: 5, 1, 2, 3, NA, 5, 6, 8. Window 1-7 (−, +, +, NA,
  // NA, +) has the fall 5 → 1, so R answers it; window 2-8 (+, +, NA, NA, +, +) stops R.
  const std::vector<double> later = {5, 1, 2, 3, na, 5, 6, 8};
  const auto l = jo::analyse_spc(later, {});
  REQUIRE(!l);
  CHECK(l.error().path == "/values/4");
  CHECK(l.error().message.find("points 2 to 8") != std::string::npos);
  // An equal step answers both questions FALSE: 1, 2, 2, NA, 5, 6, 7 (+, 0, NA, NA, +, +).
  const std::vector<double> flat_step = {1, 2, 2, na, 5, 6, 7};
  CHECK(jo::analyse_spc(flat_step, {}));
  // A rise and a fall also answer: 1, 3, 2, NA, 5, 6, 7 (+, −, NA, NA, +, +).
  const std::vector<double> mixed = {1, 3, 2, na, 5, 6, 7};
  CHECK(jo::analyse_spc(mixed, {}));
  // Groups of fewer than 7 rows never reach the trend test: 1, 2, 3, NA, 5, 6 is charted.
  const std::vector<double> six = {1, 2, 3, na, 5, 6};
  CHECK(jo::analyse_spc(six, {}));
  // The rule runs per group: rebasing at point 5 leaves 1, 2, 3, NA and 5, 6, 7.
  jo::spc_options split;
  split.rebase_at = {5};
  const auto s = jo::analyse_spc(up, split);
  REQUIRE(s);
  CHECK(s->groups.size() == 2);
  CHECK(s->groups[0].missing == 1);
  CHECK(s->groups[1].missing == 0);
  // Six missing points only: no window of 7, so the chart is drawn with no mean and no limits.
  const std::vector<double> empty6 = {na, na, na, na, na, na};
  const auto m = jo::analyse_spc(empty6, {});
  REQUIRE(m);
  CHECK(std::isnan(m->groups[0].mean));
  CHECK(std::isnan(m->groups[0].upl));
  CHECK(m->variation == jo::variation_icon::common_cause);
}

TEST_CASE("spc missing: a trend can start right after a gap") {
  // 4, 2, NA, 3, 1, 2, 3, 4, 5, 6, 7. R's windows holding point 3 (1-7: −, NA, NA, −, +, +;
  // 2-8: NA, NA, −, +, +, +; 3-9: NA, −, +, +, +, +) all have a fall and a rise: no stop.
  // Values present: sum 37 over 10, mean 3.7. Moving ranges (4,2) = 2, (3,1) = 2 and six 1s from
  // 1 to 7: sum 10 over 8, AMR 1.25, none ≥ 3.267 × 1.25 = 4.08. Limits 3.7 ± 3.325: 0.375 and
  // 7.025, so nothing is outside. Points 5-11 (1 to 7) rise 6 times: a trend, which outranks the
  // two-in-three of points 10 and 11 (6 and 7 > near upper 3.7 + 1.7733 × 1.25 = 5.9167).
  const std::vector<double> v = {4, 2, na, 3, 1, 2, 3, 4, 5, 6, 7};
  const auto r = jo::analyse_spc(v, {});
  REQUIRE(r);
  const jo::spc_group& g = r->groups[0];
  CHECK(g.mean == doctest::Approx(3.7).epsilon(1e-14));
  CHECK(g.moving_ranges == 8);
  CHECK(g.amr == 1.25);
  CHECK(r->points[10].close_to_limits);
  for (std::size_t i : {0U, 1U, 2U, 3U})
    CHECK(r->points[i].rule == special_cause_rule::common_cause);
  for (std::size_t i = 4; i < 11; ++i) {
    CHECK(r->points[i].rule == special_cause_rule::trend_increasing);
    CHECK(r->points[i].type == special_cause::improvement);
  }
  CHECK(r->variation == jo::variation_icon::improvement_high);
}

TEST_CASE("spc missing: two in three next to a gap") {
  // 0, 1 five times, then 3, NA, 3. Values present: sum 11 over 12, mean 0.91667. Moving ranges:
  // nine 1s and (1, 3) = 2 (none beside the gap): sum 11 over 10, AMR 1.1. Near upper
  // 0.91667 + 1.77333 × 1.1 = 2.86733, UPL 0.91667 + 2.926 = 3.84267: both 3s are close.
  // But every 3-point window holding both is (3, NA, 3), whose NA side makes it never TRUE, and
  // (1, 3, NA) likewise: no "2 in 3". Trend windows with the gap (6-12: −, +, −, +, +, NA; 7-13:
  // +, −, +, +, NA, NA) are mixed.
  const std::vector<double> split = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 3, na, 3};
  const auto r = jo::analyse_spc(split, {});
  REQUIRE(r);
  CHECK(r->groups[0].amr == doctest::Approx(1.1).epsilon(1e-14));
  CHECK(r->points[10].close_to_limits);
  CHECK(r->points[12].close_to_limits);
  CHECK(r->points[10].rule == special_cause_rule::common_cause);
  CHECK(r->points[12].rule == special_cause_rule::common_cause);
  // 0, 1 five times, then 3, 3, NA. Moving ranges nine 1s, 2 and 0: sum 11 over 11, AMR 1; near
  // upper 0.91667 + 1.77333 = 2.69, UPL 3.5767. The window (1, 3, 3) is whole, above the mean,
  // with two close points: both 3s are "2 in 3 Above CL". The series ends in NA, so the variation
  // icon is common cause. (Trend window 7-13: +, −, +, +, 0, NA has an equal step: R answers.)
  const std::vector<double> whole = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 3, 3, na};
  const auto w = jo::analyse_spc(whole, {});
  REQUIRE(w);
  CHECK(w->groups[0].amr == 1.0);
  CHECK(w->points[10].rule == special_cause_rule::two_in_three_above);
  CHECK(w->points[11].rule == special_cause_rule::two_in_three_above);
  CHECK(w->points[12].rule == special_cause_rule::common_cause);
  CHECK(w->variation == jo::variation_icon::common_cause);
}

TEST_CASE("spc missing: fix_after_n_points counts the missing rows") {
  // 10, 12, 10, 12, NA, 12, 10, 12, 10, 12, 10, 12, 30, 10 fixed after 12: the baseline is rows
  // 1-12 (R's row_number() counts the NA row), 11 values: five 10s and six 12s, mean 122/11 =
  // 11.0909. Moving ranges: 2 at every pair except the two beside the gap: nine of 2, AMR 2. UPL
  // 11.0909 + 5.32 = 16.4109: row 13 (30) is above it. Had the baseline been the first 12 values
  // present it would have taken in the 30.
  const std::vector<double> v = {10, 12, 10, 12, na, 12, 10, 12, 10, 12, 10, 12, 30, 10};
  jo::spc_options o;
  o.fix_after_n_points = 12;
  const auto r = jo::analyse_spc(v, o);
  REQUIRE(r);
  const jo::spc_group& g = r->groups[0];
  CHECK(g.baseline == 12);
  CHECK(g.baseline_missing == 1);
  CHECK(g.missing == 1);
  CHECK(g.mean == doctest::Approx(122.0 / 11).epsilon(1e-14));
  CHECK(g.moving_ranges == 9);
  CHECK(g.amr == 2.0);
  CHECK(r->points[12].rule == special_cause_rule::above_upl);
  CHECK(r->points[13].rule == special_cause_rule::common_cause);
  CHECK(!r->warnings.contains("outcomes.spc.short_group"));  // 14 rows
  // A gap after the baseline is kept too; 30, NA, 10 at the end: (30, NA, 10) windows are mixed.
  std::vector<double> late = v;
  late.insert(late.begin() + 13, na);
  const auto l = jo::analyse_spc(late, o);
  REQUIRE(l);
  CHECK(l->groups[0].mean == doctest::Approx(122.0 / 11).epsilon(1e-14));
  CHECK(l->points[13].missing);
  CHECK(l->points[14].value == 10.0);
}

TEST_CASE("spc missing: a rebase at a missing row, with a target") {
  // 1, 2, 1, 2, NA, 5, 6, 5 rebased at row 5: group 2 is NA, 5, 6, 5 (it starts at the NA row,
  // as R's rebase date marks that row). Group 2: mean 16/3, moving ranges (5,6) and (6,5) = 1, 1,
  // AMR 1, limits 16/3 ± 2.66 = 2.6733 and 7.9933. Target 9 > UPL with lower is better:
  // consistent pass.
  const std::vector<double> v = {1, 2, 1, 2, na, 5, 6, 5};
  jo::spc_options o;
  o.rebase_at = {5};
  o.target = 9;
  o.direction = jo::improvement_direction::decrease;
  const auto r = jo::analyse_spc(v, o);
  REQUIRE(r);
  REQUIRE(r->groups.size() == 2);
  CHECK(r->groups[0].size == 4);
  CHECK(r->groups[0].missing == 0);
  CHECK(r->groups[1].first == 4);
  CHECK(r->groups[1].missing == 1);
  CHECK(r->groups[1].mean == doctest::Approx(16.0 / 3).epsilon(1e-14));
  CHECK(r->groups[1].amr == 1.0);
  CHECK(r->points[4].group == 1);
  CHECK(r->assurance == jo::assurance_icon::consistent_pass);
  // A last group whose rows are all missing has no limits: the target comparison is NA in R and
  // falls to "inconsistent"; the last row is common cause.
  const std::vector<double> tail_gap = {1, 2, 1, 2, na, na};
  o.direction = jo::improvement_direction::increase;
  const auto t = jo::analyse_spc(tail_gap, o);
  REQUIRE(t);
  CHECK(std::isnan(t->groups[1].mean));
  CHECK(t->groups[1].baseline_missing == 2);
  CHECK(t->assurance == jo::assurance_icon::inconsistent);
  CHECK(t->variation == jo::variation_icon::common_cause);
}

TEST_CASE("spc missing: an infinite value is still refused") {
  const std::vector<double> v = {1, 2, -HUGE_VAL};
  const auto r = jo::analyse_spc(v, {});
  REQUIRE(!r);
  CHECK(r.error().code == "outcomes.spc.value");
  CHECK(r.error().path == "/values/2");
}
