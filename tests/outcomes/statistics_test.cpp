// Tests for joinedup/outcomes/statistics.hpp. Expected values were computed independently with
// python3's standard library from the formulas in docs/sources.md (§S-PHE-COUNT-LIMITS to
// §S-PHE-MEAN; older numbers A.1-A.6) using statistics.NormalDist for z, Poisson-sum bisection
// for the exact limits and the closed form of the t distribution with 4 degrees of freedom; the
// script is reproduced in docs/outcomes.md ("How the tests were checked").
#include "joinedup/outcomes/statistics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace jo = joinedup::outcomes;

namespace {
bool near(std::optional<double> a, double b, double tol = 1e-9) {
  if (!a) return false;
  if (b == 0) return std::fabs(*a) < 1e-15;
  return std::fabs(*a - b) / std::fabs(b) < tol;
}
const jo::confidence_levels c95 = jo::confidence_levels::ninety_five();
const jo::confidence_levels c998 = *jo::confidence_levels::single(0.998);
const jo::confidence_levels both = jo::confidence_levels::both();
}  // namespace

TEST_CASE("confidence levels follow PHEindicatormethods' rules") {
  CHECK(jo::confidence_levels::single(95)->level(0) == 0.95);  // percentages are divided by 100
  CHECK(jo::confidence_levels::single(0.9).has_value());
  CHECK(jo::confidence_levels::single(1).has_value());
  CHECK(jo::confidence_levels::single(0.89).error().code == "outcomes.stats.confidence");
  CHECK(jo::confidence_levels::single(50).error().code == "outcomes.stats.confidence");
  const std::vector<double> pair = {0.95, 0.998};
  const std::vector<double> wrong = {0.95, 0.99};
  CHECK(jo::confidence_levels::list(pair)->size() == 2);
  CHECK(jo::confidence_levels::list(wrong).error().code == "outcomes.stats.confidence");
  CHECK(both.label() == "95%, 99.8%");
  CHECK(c998.label() == "99.8%");
}

TEST_CASE("proportion with Wilson score limits") {
  // 65 of 100 as a percentage: 65, 55.25444329688797 to 73.635751756902465 (95 %).
  const auto r = jo::proportion(65, 100, both, 100);
  REQUIRE(r);
  CHECK(near(r->value, 65));
  CHECK(near(r->intervals[0].lower, 55.25444329688797));
  CHECK(near(r->intervals[0].upper, 73.635751756902465));
  CHECK(near(r->intervals[1].lower, 49.549465740704477));
  CHECK(near(r->intervals[1].upper, 77.835406140896851));
  CHECK(r->method_name == "Wilson");
  CHECK(r->statistic() == "percentage");
  CHECK(jo::proportion(1, 4, c95, 1)->statistic() == "proportion of 1");
  // R pastes the multiplier with as.character: paste0("proportion of ", 1e5) is
  // "proportion of 1e+05", while 10000 and 1000 stay fixed (the shorter form wins, fixed on a tie).
  CHECK(jo::proportion(1, 4, c95, 100000)->statistic() == "proportion of 1e+05");
  CHECK(jo::proportion(1, 4, c95, 10000)->statistic() == "proportion of 10000");
  CHECK(jo::proportion(1, 4, c95, 1000)->statistic() == "proportion of 1000");
  CHECK(jo::proportion(1, 4, c95, 0.5)->statistic() == "proportion of 0.5");
  // Without a confidence level R's phe_proportion adds no method column.
  CHECK(jo::proportion(1, 4, jo::confidence_levels{}, 1)->method_name.empty());
  // format(1/3, scientific = FALSE) has seven significant digits.
  CHECK(jo::crude_rate(12, 5000, c95, 1.0 / 3)->statistic() == "rate per 0.3333333");
}

TEST_CASE("proportion edge cases: zero, x = n, confidence 1, missing, errors") {
  const auto zero = jo::proportion(0, 50, c95);
  CHECK(*zero->intervals[0].lower == 0.0);                      // A.2: exactly 0, no special case
  CHECK(near(zero->intervals[0].upper, 0.071347599133358697));  // z²/(n+z²)
  const auto all = jo::proportion(50, 50, c95);
  CHECK(near(all->intervals[0].lower, 0.92865240086664136));
  CHECK(std::fabs(*all->intervals[0].upper - 1.0) < 1e-15);  // R gives 1.0000000000000002
  const auto one = jo::proportion(3, 10, *jo::confidence_levels::single(1), 100);
  CHECK(*one->intervals[0].lower == 0.0);
  CHECK(*one->intervals[0].upper == 100.0);
  const auto na = jo::proportion(std::nan(""), 10, c95);
  CHECK(!na->value);
  CHECK(!na->intervals[0].lower);
  CHECK(jo::proportion(11, 10, c95).error().code == "outcomes.stats.numerator_exceeds_denominator");
  CHECK(jo::proportion(-1, 10, c95).error().code == "outcomes.stats.negative_numerator");
  CHECK(jo::proportion(0, 0, c95).error().code == "outcomes.stats.nonpositive_denominator");
  CHECK(jo::proportion(1, 2, c95, 0).error().code == "outcomes.stats.multiplier");
  const auto none = jo::proportion(1, 2, jo::confidence_levels{});
  CHECK(none->interval_count == 0);
  CHECK(near(none->value, 0.5));
}

TEST_CASE("crude rate: Byar's from 10 events, exact below") {
  // 12 per 5000 per 100000 at 99.8 %: 240, 80.007519808499978 to 541.61918704080801 (Byars).
  const auto r = jo::crude_rate(12, 5000, c998, 100000);
  CHECK(near(r->value, 240));
  CHECK(near(r->intervals[0].lower, 80.007519808499978));
  CHECK(near(r->intervals[0].upper, 541.61918704080801));
  CHECK(r->method_name == "Byars");
  CHECK(r->statistic() == "rate per 100000");
  const auto b95 = jo::crude_rate(12, 5000, c95, 100000);
  CHECK(near(b95->intervals[0].lower, 123.87019686158057));
  CHECK(near(b95->intervals[0].upper, 419.25716107233399));
  // 5 per 1000 at 95 %: exact chi-square limits 162.34863901184204 to 1166.8332079322663.
  const auto e = jo::crude_rate(5, 1000, c95, 100000);
  CHECK(e->method_name == "Exact");
  CHECK(near(e->intervals[0].lower, 162.34863901184204));
  CHECK(near(e->intervals[0].upper, 1166.8332079322663));
  const auto e9 = jo::crude_rate(9, 1000, c998, 100000);
  CHECK(near(e9->intervals[0].lower, 245.24244043637529));
  CHECK(near(e9->intervals[0].upper, 2265.7373309062846));
  // Zero events: lower 0, upper 3.688879454113935 / n × m.
  const auto z = jo::crude_rate(0, 1000, c95, 100000);
  CHECK(*z->intervals[0].lower == 0.0);
  CHECK(near(z->intervals[0].upper, 368.88794541139328));
  // x > n is allowed; a non-integer count below 10 uses the exact method too.
  CHECK(jo::crude_rate(20, 10, c95, 1).has_value());
  CHECK(jo::crude_rate(2.5, 10, c95, 1)->method_name == "Exact");
  // Confidence 1: exact lower 0 and an infinite upper limit, which is reported as not defined.
  const auto c1 = jo::crude_rate(3, 100, *jo::confidence_levels::single(1), 100);
  CHECK(*c1->intervals[0].lower == 0.0);
  CHECK(!c1->intervals[0].upper);
  CHECK(c1->intervals[0].upper_reason == jo::reasons::infinite);
  const auto na = jo::crude_rate(std::nan(""), 10, c95);
  CHECK(na->method_name.empty());
}

TEST_CASE("Byar's lower limit below zero is not defined") {
  // A.1: O = 1 at 99.8 % gives a negative Byar's lower limit, set to NA.
  CHECK(!jo::counts::byars_lower(1, jo::z_99_8));
  CHECK(jo::counts::byars_lower(10, jo::z_99_8).has_value());
}

TEST_CASE("directly standardised rate, Dobson, ESP 2013") {
  const std::vector<double> x = {0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 14, 20, 25, 30, 22};
  const std::vector<double> n = {5000, 5200, 5100, 5300, 5800, 6000, 6200, 6400, 6300, 6100,
                                 6000, 5600, 5200, 4800, 4300, 3500, 2400, 1500, 900};
  const auto r = jo::dsr(x, n, {}, both, 100000);
  REQUIRE(r);
  CHECK(near(r->value, 167.35129956734608));
  CHECK(near(r->intervals[0].lower, 141.84183752236984));
  CHECK(near(r->intervals[0].upper, 196.11686160008739));
  CHECK(near(r->intervals[1].lower, 128.55826890234599));
  CHECK(near(r->intervals[1].upper, 213.61626989065482));
  CHECK(r->observed == 153);
  CHECK(r->method_name == "Dobson");
  CHECK(r->statistic() == "dsr per 100000");
  // The same with the standard population given explicitly.
  CHECK(near(jo::dsr(x, n, jo::esp2013, both, 100000)->value, 167.35129956734608));
}

TEST_CASE("DSR small-count rule: under 10 withheld, 10 computed") {
  const std::vector<double> n = {5000, 5200, 5100, 5300, 5800, 6000, 6200, 6400, 6300, 6100,
                                 6000, 5600, 5200, 4800, 4300, 3500, 2400, 1500, 900};
  std::vector<double> x(19, 0.0);
  for (std::size_t i = 9; i < 19; ++i)
    x[i] = 1;
  const auto ten = jo::dsr(x, n, {}, c95);
  CHECK(near(ten->value, 11.233027041476335));
  CHECK(near(ten->intervals[0].lower, 5.3709690085812944));
  CHECK(near(ten->intervals[0].upper, 20.670100357931148));
  x[18] = std::nan("");  // NA events count as 0: total 9
  const auto nine = jo::dsr(x, n, {}, c95);
  CHECK(!nine->value);
  CHECK(nine->suppressed);
  CHECK(nine->statistic() == "dsr NA for total count < 10");
  CHECK(!nine->intervals[0].lower);
  std::vector<double> bad_n = n;
  bad_n[3] = 0;
  CHECK(jo::dsr(x, bad_n, {}, c95).error().code == "outcomes.stats.nonpositive_denominator");
  CHECK(jo::dsr(std::vector<double>{1, 2}, std::vector<double>{3, 4}, {}, c95).error().code ==
        "outcomes.stats.length_mismatch");
  CHECK(jo::dsr({}, {}, {}, c95).error().code == "outcomes.stats.empty");
}

TEST_CASE("indirectly standardised ratio and rate") {
  const std::vector<double> x = {2, 5, 12, 30}, n = {4000, 3000, 2000, 1000};
  const std::vector<double> rx = {300, 800, 2000, 5000}, rn = {1e6, 8e5, 5e5, 2e5};
  // E = 37.2, O = 49 (Byar's).
  const auto r = jo::indirectly_standardised(jo::indicator_method::isr_ratio, x, n, rx, rn, c95, 1);
  CHECK(near(r->expected, 37.2));
  CHECK(near(r->value, 1.3172043010752688));
  CHECK(near(r->intervals[0].lower, 0.97439706055799102));
  CHECK(near(r->intervals[0].upper, 1.7414514732637536));
  CHECK(r->method_name == "Byars");
  CHECK(r->statistic() == "indirectly standardised ratio x 1");
  const auto rate =
      jo::indirectly_standardised(jo::indicator_method::isr_rate, x, n, rx, rn, c95, 100000);
  CHECK(near(rate->value, 426.77419354838707));
  CHECK(near(rate->intervals[0].lower, 315.7046476207891));
  CHECK(near(rate->intervals[0].upper, 564.23027733745619));
  CHECK(rate->statistic() == "indirectly standardised rate per 100000");
  // O = 6 < 10: exact limits, SMR × 100.
  const std::vector<double> small = {0, 1, 2, 3};
  const auto s =
      jo::indirectly_standardised(jo::indicator_method::isr_ratio, small, n, rx, rn, c95, 100);
  CHECK(s->method_name == "Exact");
  CHECK(near(s->value, 16.129032258064516));
  CHECK(near(s->intervals[0].lower, 5.9190705739001404));
  CHECK(near(s->intervals[0].upper, 35.106112963759884));
}

TEST_CASE("mean with Student's t interval") {
  // Five values, df = 4: mean 4.28, limits 2.2295619238671915 to 6.3304380761328076 (95 %).
  const std::vector<double> v = {3.1, 4.7, 5.0, 2.2, 6.4};
  const auto r = jo::mean(v, both);
  CHECK(near(r->value, 4.28));
  CHECK(near(r->intervals[0].lower, 2.2295619238671915));
  CHECK(near(r->intervals[0].upper, 6.3304380761328076));
  CHECK(near(r->intervals[1].lower, -1.0174812730658278));  // not truncated at zero
  CHECK(near(r->intervals[1].upper, 9.5774812730658265));
  CHECK(r->method_name == "Student's t-distribution");
  const std::vector<double> one = {7};
  const auto o = jo::mean(one, c95);
  CHECK(near(o->value, 7));
  CHECK(!o->intervals[0].lower);
  CHECK(o->intervals[0].lower_reason == jo::reasons::one_value);
  const std::vector<double> with_na = {1, std::nan(""), 3};
  CHECK(!jo::mean(with_na, c95)->value);
  CHECK(jo::mean(std::vector<double>{}, c95).error().code == "outcomes.stats.empty");
}

TEST_CASE("count with exact and Byar's limits") {
  const auto r = jo::count(0, c95);
  CHECK(near(r->intervals[0].upper, 3.688879454113935));
  CHECK(r->statistic() == "count");
}

TEST_CASE("DSR of non-independent events widens the Dobson limits (A.4, calculate_dsr)") {
  // Worked by hand: bands A (n 1000, w 600) and B (n 2000, w 400). One event each: A 8 persons,
  // B 10; two events each: A 3, B 2. Events xA = 8 + 2·3 = 14, xB = 10 + 2·2 = 14, O = 28.
  // DSR = 1e5 · (14·600/1000 + 14·400/2000) / 1000 = 1120.
  // V₁ = (8·0.6² + 10·0.2²)/1000² = 3.28e-6; V₂ = (3·0.36 + 2·0.04)/1e6 = 1.16e-6;
  // V = 1·V₁ + 4·V₂ = 7.92e-6 (independent events would give 5.6e-6).
  // Byar's at 95 %: O_L = 18.601686626103405, O_U = 40.46930955507744, so the limits are
  // 1120 + 1e5·√(V/28)·(O_L − 28) = 620.15713517368 and 1783.1716950114846.
  const std::vector<jo::frequency_row> rows = {{"A", 1, 8, 1000, 600},
                                               {"B", 1, 10, 2000, 400},
                                               {"A", 2, 3, 1000, 600},
                                               {"B", 2, 2, 2000, 400}};
  const auto r = jo::dsr_non_independent(rows, c95);
  REQUIRE(r);
  CHECK(near(*r->value, 1120));
  CHECK(r->observed == 28);
  CHECK(near(*r->intervals[0].lower, 620.15713517368));
  CHECK(near(*r->intervals[0].upper, 1783.1716950114846));
  CHECK(r->method_name == "Dobson, with confidence adjusted for non-independent events");
  CHECK(r->statistic() == "dsr per 100000");
  // The same events as independent events: the same value, narrower limits (699.69…, 1677.64…).
  const std::vector<double> x = {14, 14}, n = {1000, 2000}, w = {600, 400};
  const auto ind = jo::dsr(x, n, w, c95);
  CHECK(near(*ind->value, 1120));
  CHECK(near(*ind->intervals[0].lower, 699.6946484424363));
  CHECK(near(*ind->intervals[0].upper, 1677.6444759528163));
  // Errors and suppression.
  const std::vector<jo::frequency_row> mismatch = {{"A", 1, 8, 1000, 600}, {"A", 2, 3, 999, 600}};
  CHECK(jo::dsr_non_independent(mismatch, c95).error().code == "outcomes.stats.band_mismatch");
  const std::vector<jo::frequency_row> bad_f = {{"A", -1, 8, 1000, 600}};
  CHECK(jo::dsr_non_independent(bad_f, c95).error().code == "outcomes.stats.event_frequency");
  const std::vector<jo::frequency_row> few = {{"A", 2, 4, 1000, 600}};  // 8 events < 10
  CHECK(jo::dsr_non_independent(few, c95)->suppressed);
  CHECK(jo::dsr_non_independent({}, c95).error().code == "outcomes.stats.empty");
}
