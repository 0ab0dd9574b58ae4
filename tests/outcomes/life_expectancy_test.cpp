// Tests for joinedup/outcomes/life_expectancy.hpp. Expected values come from PHEindicatormethods
// 2.1.0's own tests, tests/testthat/testLifeExpectancy.R (its data frames df1, df_neg_deaths,
// df_zero_pop, df_deaths_greater_pops, df_missing_age, df_low_pops and df_widecis_plus, and its
// expected answers answer1, df1_cum and answer_widecis, which R's tests compare at 4 decimal
// places), or are worked by hand from the formulas in docs/outcomes-life-expectancy.md (the
// working is in the comments).
#include "joinedup/outcomes/life_expectancy.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <vector>

namespace jo = joinedup::outcomes;

namespace {

/// Equal after rounding both to 4 decimal places, the comparison testLifeExpectancy.R makes.
bool same_4dp(std::optional<double> got, double want) {
  return got && std::round(*got * 1e4) == std::round(want * 1e4);
}

const std::vector<double> ages(jo::life_table_start_ages.begin(), jo::life_table_start_ages.end());

// df1 in testLifeExpectancy.R (also the example of ?phe_life_expectancy).
const std::vector<double> df1_pops = {7060,  35059, 46974, 48489, 43219, 38561, 46009,
                                      57208, 61435, 55601, 50209, 56416, 46411, 39820,
                                      37978, 37039, 33288, 23306, 11936, 11936};
const std::vector<double> df1_deaths = {17,  9,   4,   8,   20,  15,  24,   33,   50,   71,
                                        100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937};

// answer1 in testLifeExpectancy.R: value, lowercl, uppercl at 95 % for df1, by start age.
const std::array<double, 20> answer1_value = {
    80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987,
    50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144,
    18.76856852, 14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635};
const std::array<double, 20> answer1_lower = {
    79.88268548, 79.0898816,  75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579,
    50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318, 27.04337271, 22.76653134,
    18.57570352, 14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386};
const std::array<double, 20> answer1_upper = {
    80.45653078, 79.63503188, 75.70979983, 70.7392414,  65.79270412, 60.931436,   56.03870395,
    51.17225516, 46.30814055, 41.48168441, 36.72422219, 32.05691365, 27.47718713, 23.17729746,
    18.96143352, 15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314};

std::vector<double> with(std::vector<double> v, std::size_t i, double x) {
  v[i] = x;
  return v;
}

jo::life_expectancy_table run(const std::vector<double>& deaths, const std::vector<double>& pops,
                              const jo::confidence_levels& c = jo::confidence_levels::ninety_five(),
                              std::optional<std::span<const double>> le_age = std::nullopt) {
  auto r = jo::life_expectancy(ages, deaths, pops, c, le_age);
  REQUIRE(r.has_value());
  return *r;
}

}  // namespace

TEST_CASE("life expectancy: df1 matches answer1 at every band (testLifeExpectancy.R)") {
  const auto t = run(df1_deaths, df1_pops);
  REQUIRE(t.rows.size() == 20);
  CHECK(t.suppression == jo::le_suppression::none);
  CHECK_FALSE(t.wide_interval);
  for (std::size_t i = 0; i < 20; ++i) {
    CAPTURE(i);
    const jo::life_expectancy_row& r = t.rows[i];
    CHECK(r.start_age == ages[i]);
    CHECK(same_4dp(r.value, answer1_value[i]));
    REQUIRE(r.interval_count == 1);
    CHECK(r.intervals[0].confidence == 0.95);
    CHECK(same_4dp(r.intervals[0].lower, answer1_lower[i]));
    CHECK(same_4dp(r.intervals[0].upper, answer1_upper[i]));
    CHECK(r.value_reason.empty());
  }
  // df1_cum in testLifeExpectancy.R: population and deaths of the band and older ones.
  CHECK(t.rows[0].population_used == 787954);
  CHECK(t.rows[0].deaths_used == 9357);
  CHECK(t.rows[19].population_used == 11936);
  CHECK(t.rows[19].deaths_used == 1937);
}

TEST_CASE("life expectancy: the open 90+ band by hand (Silcocks' variance term)") {
  // Last band: M = 1937 / 11936; e = L / l = (l / M) / l = 1 / M = 6.162106350...;
  // variance term (l/2)² · 4 / (D·M²) over l² gives se = 1 / (M·√D) = 6.16210635 / 44.0113622
  // = 0.140012127...; 95 %: 6.16210635 ∓ 1.95996398 · 0.140012127 = 5.88768843 to 6.43652427.
  const auto t = run(df1_deaths, df1_pops);
  const jo::life_expectancy_row& r = t.rows[19];
  const double e = 11936.0 / 1937.0;
  const double se = e / std::sqrt(1937.0);
  REQUIRE(r.value);
  CHECK(*r.value == doctest::Approx(e).epsilon(1e-12));
  CHECK(*r.intervals[0].lower == doctest::Approx(e - jo::z_95 * se).epsilon(1e-12));
  CHECK(*r.intervals[0].upper == doctest::Approx(e + jo::z_95 * se).epsilon(1e-12));
}

TEST_CASE("life expectancy: bands in any order (df2 in testLifeExpectancy.R)") {
  // df2 is df1 with the 65 band moved last; the answer is answer1, in start-age order.
  std::vector<double> a = ages, d = df1_deaths, p = df1_pops;
  a.erase(a.begin() + 14);
  d.erase(d.begin() + 14);
  p.erase(p.begin() + 14);
  a.push_back(65);
  d.push_back(536);
  p.push_back(37978);
  const auto r = jo::life_expectancy(a, d, p);
  REQUIRE(r.has_value());
  REQUIRE(r->rows.size() == 20);
  for (std::size_t i = 0; i < 20; ++i) {
    CAPTURE(i);
    CHECK(r->rows[i].start_age == ages[i]);
    CHECK(same_4dp(r->rows[i].value, answer1_value[i]));
  }
}

TEST_CASE("life expectancy: le_age picks bands (test5, test6 in testLifeExpectancy.R)") {
  const std::vector<double> five = {5};
  const auto t5 = run(df1_deaths, df1_pops, jo::confidence_levels::ninety_five(), five);
  REQUIRE(t5.rows.size() == 1);
  CHECK(same_4dp(t5.rows[0].value, answer1_value[2]));

  // test6/answer2: le_age = c(5, 25), with df1_cum rows 3 and 7; an age that is not a start
  // age (7) is ignored while another matches, and the rows keep start-age order.
  const std::vector<double> two = {25, 7, 5};
  const auto t6 = run(df1_deaths, df1_pops, jo::confidence_levels::ninety_five(), two);
  REQUIRE(t6.rows.size() == 2);
  CHECK_FALSE(t6.requested_ages_unmatched);
  CHECK(t6.rows[0].start_age == 5);
  CHECK(t6.rows[1].start_age == 25);
  CHECK(same_4dp(t6.rows[0].value, answer1_value[2]));
  CHECK(same_4dp(t6.rows[1].intervals[0].lower, answer1_lower[6]));
  CHECK(t6.rows[0].population_used == 745835);
  CHECK(t6.rows[0].deaths_used == 9331);
  CHECK(t6.rows[1].population_used == 568592);
  CHECK(t6.rows[1].deaths_used == 9284);

  // le_age = 4 and c(4, 6): no start age, so every band is returned (R warns).
  for (const std::vector<double>& none :
       {std::vector<double>{4}, std::vector<double>{4, 6}, std::vector<double>{}}) {
    const auto t = run(df1_deaths, df1_pops, jo::confidence_levels::ninety_five(), none);
    CHECK(t.rows.size() == 20);
    CHECK(t.requested_ages_unmatched);
  }
}

TEST_CASE("life expectancy: R's confidence = c(95, 99.8) (test8) is the pair, in any order") {
  // phe_life_expectancy scales each level at or above 90 by 1/100 and takes any vector.
  const std::array<double, 2> percents = {95, 99.8};
  const std::array<double, 2> reversed = {0.998, 0.95};
  const auto as_percent = jo::confidence_levels::any(percents);
  const auto flipped = jo::confidence_levels::any(reversed);
  REQUIRE(as_percent);
  REQUIRE(flipped);
  const auto a = run(df1_deaths, df1_pops, *as_percent);
  const auto b = run(df1_deaths, df1_pops, jo::confidence_levels::both());
  const auto c = run(df1_deaths, df1_pops, *flipped);
  for (std::size_t i = 0; i < 20; ++i) {
    CAPTURE(i);
    REQUIRE(a.rows[i].interval_count == 2);
    CHECK(a.rows[i].intervals[0].lower == b.rows[i].intervals[0].lower);
    CHECK(a.rows[i].intervals[1].upper == b.rows[i].intervals[1].upper);
    CHECK(c.rows[i].intervals[0].confidence == 0.998);
    CHECK(c.rows[i].intervals[0].lower == b.rows[i].intervals[1].lower);
  }
  const std::array<double, 3> three = {0.9, 0.95, 0.99};
  CHECK_FALSE(jo::confidence_levels::any(three));
  const std::array<double, 2> out_of_range = {0.95, 50};
  CHECK_FALSE(jo::confidence_levels::any(out_of_range));
}

TEST_CASE("life expectancy: 99.8 % alone equals 99.8 % of the pair (test7, test8)") {
  const auto one = run(df1_deaths, df1_pops, *jo::confidence_levels::single(99.8));
  const auto pair = run(df1_deaths, df1_pops, jo::confidence_levels::both());
  for (std::size_t i = 0; i < 20; ++i) {
    CAPTURE(i);
    REQUIRE(pair.rows[i].interval_count == 2);
    CHECK(pair.rows[i].intervals[0].confidence == 0.95);
    CHECK(pair.rows[i].intervals[1].confidence == 0.998);
    CHECK(one.rows[i].intervals[0].lower == pair.rows[i].intervals[1].lower);
    CHECK(one.rows[i].intervals[0].upper == pair.rows[i].intervals[1].upper);
    CHECK(same_4dp(pair.rows[i].intervals[0].lower, answer1_lower[i]));
    // By hand: the 99.8 % half-width is the 95 % one scaled by z_99.8 / z_95.
    const double half95 = (answer1_upper[i] - answer1_lower[i]) / 2;
    CHECK(*pair.rows[i].intervals[1].upper - *pair.rows[i].value ==
          doctest::Approx(half95 * jo::z_99_8 / jo::z_95).epsilon(1e-4));
  }
}

TEST_CASE("life expectancy: a 95 % interval wider than 20 years withholds the value") {
  // df_widecis_plus, "Area 2" (answer_widecis rows 1-20, confidence c(0.95, 0.998)): bands
  // 0-35 keep their values, from 40 on the value is NA while both intervals are kept.
  const std::vector<double> pops = {270, 235, 246, 248, 243, 238, 246, 257, 261, 355,
                                    350, 356, 346, 339, 337, 337, 333, 323, 311, 311};
  const std::vector<double> deaths = {17, 9,  4,  8,  20, 15, 24, 33, 50, 51,
                                      10, 16, 26, 30, 36, 22, 13, 5,  6,  1};
  const std::array<double, 9> value = {19.22914685, 19.44120610, 18.33467808,
                                       14.67659995, 11.81284556, 11.63815414,
                                       10.05641628, 9.93152356,  11.95846561};
  const std::array<double, 20> lower = {16.43900644,   16.53437505,   15.62922550,   12.08108630,
                                        9.21823373,    8.68414661,    6.54020385,    4.71570153,
                                        2.37762283,    -1.60695210,   -10.33328815,  -17.16409724,
                                        -26.91715103,  -45.04820928,  -76.27067271,  -137.12203187,
                                        -195.39453664, -242.37480291, -266.74198466, -298.54880400};
  const std::array<double, 20> upper = {22.01928726,  22.34803716,  21.04013066,  17.27211361,
                                        14.40745738,  14.59216167,  13.57262872,  15.14734559,
                                        21.53930839,  50.29765396,  97.99598549,  107.54413263,
                                        128.91238524, 181.91668353, 278.06441642, 472.32822039,
                                        649.40455756, 783.50845564, 841.04259816, 920.54880400};
  const auto t = run(deaths, pops, jo::confidence_levels::both());
  CHECK(t.wide_interval);
  for (std::size_t i = 0; i < 20; ++i) {
    CAPTURE(i);
    const jo::life_expectancy_row& r = t.rows[i];
    if (i < 9) {
      CHECK(same_4dp(r.value, value[i]));
    } else {
      CHECK_FALSE(r.value);
      CHECK(r.value_reason == jo::le_reasons::wide_interval);
    }
    CHECK(same_4dp(r.intervals[0].lower, lower[i]));
    CHECK(same_4dp(r.intervals[0].upper, upper[i]));
    CHECK(r.intervals[1].lower.has_value());  // the 99.8 % interval is kept too
  }
  // Only the 99.8 % level asked for: the rule still looks at the 95 % width.
  const auto t998 = run(deaths, pops, *jo::confidence_levels::single(0.998));
  CHECK(t998.rows[8].value.has_value());
  CHECK_FALSE(t998.rows[9].value.has_value());
  CHECK(t998.rows[9].intervals[0].lower.has_value());

  // "Area 1": the same with 312 deaths in a 90+ population of 311, suppressed as a whole
  // (answer_widecis rows 21-40 are all NA).
  const auto a1 = run(with(deaths, 19, 312), pops, jo::confidence_levels::both());
  CHECK(a1.suppression == jo::le_suppression::deaths_exceed_population);
  CHECK(a1.rows.size() == 20);
  for (const jo::life_expectancy_row& r : a1.rows) {
    CHECK_FALSE(r.value);
    CHECK_FALSE(r.intervals[0].lower);
    CHECK_FALSE(r.intervals[1].upper);
  }
}

TEST_CASE("life expectancy: suppression rules give NA for every band") {
  const auto all_na = [](const jo::life_expectancy_table& t, jo::le_suppression why) {
    CHECK(t.suppression == why);
    CHECK(t.rows.size() == 20);
    for (const jo::life_expectancy_row& r : t.rows) {
      CHECK_FALSE(r.value);
      CHECK_FALSE(r.intervals[0].lower);
      CHECK_FALSE(r.intervals[0].upper);
      CHECK_FALSE(r.population_used);
      CHECK(r.value_reason == jo::suppression_reason(why));
    }
  };
  // df_neg_deaths: -5 deaths in the 10-14 band.
  all_na(run(with(df1_deaths, 3, -5), df1_pops), jo::le_suppression::negative_deaths);
  // df_zero_pop: a population of 0 in the 20-24 band.
  all_na(run(df1_deaths, with(df1_pops, 5, 0)), jo::le_suppression::nonpositive_population);
  // df_deaths_greater_pops: 1936 deaths in a population of 119 in the 85-89 band.
  all_na(run(df1_deaths, with(df1_pops, 18, 119)), jo::le_suppression::deaths_exceed_population);
  // df_low_pops: a total population of 2,796.
  const std::vector<double> low_pops = {128, 152, 120, 176, 194, 180, 145, 149, 107, 185,
                                        165, 109, 100, 122, 133, 189, 123, 121, 147, 138};
  const std::vector<double> low_deaths = {58, 93, 78, 94, 59, 71, 80, 73, 69, 72,
                                          91, 69, 78, 71, 54, 91, 82, 53, 50, 84};
  all_na(run(low_deaths, low_pops), jo::le_suppression::small_population);
  // A total of exactly 5,000 is suppressed too (R's test is total_pop <= 5000): 20 × 250.
  const std::vector<double> flat(20, 250), few(20, 1);
  all_na(run(few, flat), jo::le_suppression::small_population);
  CHECK(run(few, with(flat, 0, 251)).suppression == jo::le_suppression::none);
  // The checks run in R's order: negative deaths before a zero population.
  all_na(run(with(df1_deaths, 3, -5), with(df1_pops, 5, 0)), jo::le_suppression::negative_deaths);
  // Suppressed tables return every band even when ages were asked for (R returns early).
  const std::vector<double> five = {5};
  CHECK(run(with(df1_deaths, 3, -5), df1_pops, jo::confidence_levels::ninety_five(), five)
            .rows.size() == 20);
}

TEST_CASE("life expectancy: a repeated start age suppresses the table (not 20 bands)") {
  std::vector<double> a = ages, d = df1_deaths, p = df1_pops;
  a.push_back(90);
  d.push_back(10);
  p.push_back(100);
  const auto r = jo::life_expectancy(a, d, p);
  REQUIRE(r.has_value());
  CHECK(r->suppression == jo::le_suppression::band_count);
  REQUIRE(r->rows.size() == 21);
  CHECK(r->rows[20].start_age == 90);
  CHECK(r->rows[0].value_reason == jo::le_reasons::band_count);
}

TEST_CASE("life expectancy: no deaths in the 90+ band leaves every band undefined") {
  // M = 0 in the last band: its width 2/M and its years lived l/M are infinite, so every T and
  // e is infinite (R sets the value NA; its limits are NaN and Inf).
  const auto t = run(with(df1_deaths, 19, 0), df1_pops);
  REQUIRE(t.rows.size() == 20);
  CHECK(t.suppression == jo::le_suppression::none);
  for (const jo::life_expectancy_row& r : t.rows) {
    CHECK_FALSE(r.value);
    CHECK(r.value_reason == jo::le_reasons::no_final_deaths);
    CHECK_FALSE(r.intervals[0].lower);
    CHECK_FALSE(r.intervals[0].upper);
    CHECK(r.intervals[0].lower_reason == jo::le_reasons::no_final_deaths);
  }
}

TEST_CASE("life expectancy: zero deaths in an inner band is fine") {
  // 0 deaths in 5-9: q = 0 there and its variance term is 0; the other bands are calculated.
  const auto t = run(with(df1_deaths, 2, 0), df1_pops);
  for (const jo::life_expectancy_row& r : t.rows) {
    CHECK(r.value.has_value());
    CHECK(r.intervals[0].lower.has_value());
  }
  // Bands from 5 on do not depend on the bands below, so e at 10 is answer1's.
  CHECK(same_4dp(t.rows[3].value, answer1_value[3]));
}

TEST_CASE("life expectancy: a band where everyone dies (q = 1) leaves no survivors after it") {
  // 85-89 with 5000 deaths in 11936: deaths > population / (n·a) = 11936 / 2.5 = 4774.4, so
  // q = 1 and l = 0 at 90. At 90: e = 0 (R's rule for l = 0), se = √(0/0) undefined. At 85:
  // L = n(l₉₀ + a·d) = 5(0 + 0.5·l₈₅) = 2.5·l₈₅ and L₉₀ = l₉₀/M = 0, so e = 2.5; its variance
  // terms are q²(1−q)/D = 0 and (0/2)²·4/(D·M²) = 0, so the interval is 2.5 to 2.5.
  const auto t = run(with(df1_deaths, 18, 5000), df1_pops);
  const jo::life_expectancy_row& r85 = t.rows[18];
  const jo::life_expectancy_row& r90 = t.rows[19];
  REQUIRE(r85.value);
  CHECK(*r85.value == doctest::Approx(2.5).epsilon(1e-12));
  CHECK(*r85.intervals[0].lower == doctest::Approx(2.5).epsilon(1e-12));
  CHECK(*r85.intervals[0].upper == doctest::Approx(2.5).epsilon(1e-12));
  REQUIRE(r90.value);
  CHECK(*r90.value == 0);
  CHECK_FALSE(r90.intervals[0].lower);
  CHECK(r90.intervals[0].lower_reason == jo::le_reasons::no_survivors);
}

TEST_CASE("life expectancy: input errors (R stops)") {
  // df_missing_age: 19 bands (no 90+) with the default age bands: R stops.
  const std::vector<double> a19(ages.begin(), ages.end() - 1);
  const std::vector<double> d19(df1_deaths.begin(), df1_deaths.end() - 1);
  const std::vector<double> p19(df1_pops.begin(), df1_pops.end() - 1);
  const auto missing = jo::life_expectancy(a19, d19, p19);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == "outcomes.le.start_ages");
  CHECK(missing.error().path == "/start_ages");
  CHECK(missing.error().message.find("missing: 90") != std::string::npos);
  // A start age that is not a band.
  const auto odd = jo::life_expectancy(with(ages, 2, 4), df1_deaths, df1_pops);
  CHECK(odd.error().code == "outcomes.le.start_ages");
  CHECK(odd.error().message.find("not a band: 4") != std::string::npos);
  // Empty input.
  CHECK(jo::life_expectancy({}, {}, {}).error().code == "outcomes.le.start_ages");
  // Lengths.
  CHECK(jo::life_expectancy(ages, d19, df1_pops).error().path == "/deaths");
  CHECK(jo::life_expectancy(ages, df1_deaths, p19).error().code == "outcomes.le.length_mismatch");
  // Missing values.
  const auto nan = jo::life_expectancy(ages, with(df1_deaths, 4, std::nan("")), df1_pops);
  CHECK(nan.error().code == "outcomes.le.missing_value");
  CHECK(nan.error().path == "/deaths/4");
  // No confidence level.
  CHECK(jo::life_expectancy(ages, df1_deaths, df1_pops, jo::confidence_levels{}).error().code ==
        "outcomes.le.confidence");
}
