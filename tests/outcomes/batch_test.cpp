// Tests for joinedup/outcomes/batch.hpp: the columnar path must give exactly the numbers of the
// per-value functions of statistics.hpp (bit for bit) over a sweep of inputs with every edge
// case, and a few values checked by hand (working in the comments; the Wilson, Byar's, exact
// and Dobson figures are the hand-checked values of tests/outcomes/statistics_test.cpp).
#include "joinedup/outcomes/batch.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "joinedup/outcomes/scorecard.hpp"

namespace jo = joinedup::outcomes;

namespace {

const double nan_ = std::nan("");

/// Bit-for-bit equality, NaN equal to NaN.
bool same_bits(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  std::uint64_t x = 0, y = 0;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  return x == y;
}

/// A limit from the per-value function against the batch's raw number: an undefined limit is
/// NaN or infinite in the batch; a defined one is the same double.
bool same_limit(const std::optional<double>& per_value, double batch) {
  if (!per_value) return std::isnan(batch) || std::isinf(batch);
  return same_bits(*per_value, batch);
}

/// Owns the output columns of one batch call.
struct columns {
  std::vector<double> values, lower0, upper0, lower1, upper1;
  std::vector<jo::batch_status> status;
  explicit columns(std::size_t n)
      : values(n), lower0(n), upper0(n), lower1(n), upper1(n), status(n) {}
  [[nodiscard]] jo::batch_output out() {
    return {values, {{{lower0, upper0}, {lower1, upper1}}}, status};
  }
};

/// Every field of two indicator values agrees (numbers bit for bit).
void check_same(const jo::indicator_value& a, const jo::indicator_value& b) {
  CHECK(a.method == b.method);
  CHECK(a.method_name == b.method_name);
  CHECK(a.value.has_value() == b.value.has_value());
  if (a.value && b.value) CHECK(same_bits(*a.value, *b.value));
  CHECK(a.value_reason == b.value_reason);
  CHECK(a.statistic() == b.statistic());
  CHECK(a.suppressed == b.suppressed);
  CHECK(same_bits(a.observed, b.observed));
  CHECK(same_bits(a.denominator, b.denominator));
  REQUIRE(a.interval_count == b.interval_count);
  for (std::size_t i = 0; i < a.interval_count; ++i) {
    const jo::interval& p = a.intervals[i];
    const jo::interval& q = b.intervals[i];
    CHECK(p.confidence == q.confidence);
    CHECK(p.lower.has_value() == q.lower.has_value());
    CHECK(p.upper.has_value() == q.upper.has_value());
    if (p.lower && q.lower) CHECK(same_bits(*p.lower, *q.lower));
    if (p.upper && q.upper) CHECK(same_bits(*p.upper, *q.upper));
    CHECK(p.lower_reason == q.lower_reason);
    CHECK(p.upper_reason == q.upper_reason);
  }
}

/// The confidence settings swept: none, 95 %, both, an untabulated 90 %, 99.8 % alone and 1.
std::vector<jo::confidence_levels> sweep_levels() {
  return {jo::confidence_levels{},
          jo::confidence_levels::ninety_five(),
          jo::confidence_levels::both(),
          *jo::confidence_levels::single(0.9),
          *jo::confidence_levels::single(0.998),
          *jo::confidence_levels::single(1)};
}

/// Compares one batch element with the per-value result.
void compare_element(const joinedup::result<jo::indicator_value>& r, jo::indicator_method method,
                     const jo::confidence_levels& conf, double multiplier, double x, double n,
                     columns& c, std::size_t i) {
  INFO("x = " << x << ", n = " << n << ", levels " << conf.size() << ", m = " << multiplier);
  if (!r) {
    CHECK(!jo::answered(c.status[i]));
    CHECK(jo::diagnostic_code(c.status[i]) == r.error().code);
    CHECK(std::isnan(c.values[i]));
    return;
  }
  REQUIRE(jo::answered(c.status[i]));
  const jo::indicator_value& v = *r;
  if (v.value) {
    CHECK(same_bits(*v.value, c.values[i]));
  } else {
    CHECK(std::isnan(c.values[i]));
  }
  const double lo[2] = {c.lower0[i], c.lower1[i]};
  const double up[2] = {c.upper0[i], c.upper1[i]};
  for (std::size_t l = 0; l < conf.size(); ++l) {
    CHECK(same_limit(v.intervals[l].lower, lo[l]));
    CHECK(same_limit(v.intervals[l].upper, up[l]));
  }
  check_same(v, jo::to_indicator_value(method, conf, multiplier, x, n, c.status[i], c.values[i],
                                       std::span<const double>(lo, conf.size()),
                                       std::span<const double>(up, conf.size())));
}

/// Numerator and denominator pairs with every edge case: 0 events, x = n, x > n, fractions,
/// every count below 10 (the exact table), NA on either side, negative, zero and huge.
void sweep_inputs(std::vector<double>& x, std::vector<double>& n) {
  const double dens[] = {1, 2, 7, 9.5, 10, 37, 100, 1000, 54321, 1e6, 1e9, 0, -3, nan_, 1e-300};
  for (double d : dens) {
    std::vector<double> nums = {0, 1,   2,  3,  4,    5,   6,    7,  8,
                                9, 9.5, 10, 11, 0.25, 2.5, nan_, -1, -0.0};
    if (std::isfinite(d) && d > 0) {
      nums.push_back(d);
      nums.push_back(d + 1);
      nums.push_back(d / 3);
      nums.push_back(std::floor(d * 0.9));
      nums.push_back(std::nextafter(d, 0.0));
    }
    for (int k = 12; k < 400; k += 37)
      nums.push_back(k);
    for (double v : nums) {
      x.push_back(v);
      n.push_back(d);
    }
  }
}

/// Deterministic pseudo-random numbers in [0, 1) for the DSR sweep.
struct lcg {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  double next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  }
};

}  // namespace

TEST_CASE("batch status helpers are constexpr and follow the per-value checks' order") {
  static_assert(jo::detail::proportion_status(3, 10) == jo::batch_status::ok);
  static_assert(jo::detail::proportion_status(-1, 0) == jo::batch_status::negative_numerator);
  static_assert(jo::detail::proportion_status(11, 0) == jo::batch_status::nonpositive_denominator);
  static_assert(jo::detail::proportion_status(11, 10) ==
                jo::batch_status::numerator_exceeds_denominator);
  static_assert(jo::detail::rate_status(11, 10) == jo::batch_status::ok);
  static_assert(jo::to_string(jo::batch_status::small_count_suppressed) ==
                "small_count_suppressed");
  CHECK(jo::diagnostic_code(jo::batch_status::ok).empty());
  CHECK(jo::answered(jo::batch_status::missing_input));
  CHECK(!jo::answered(jo::batch_status::negative_numerator));
}

TEST_CASE("batch proportions equal proportion() for every input (sweep)") {
  std::vector<double> x, n;
  sweep_inputs(x, n);
  for (const jo::confidence_levels& conf : sweep_levels()) {
    for (double m : {1.0, 100.0, 100000.0, 0.5}) {
      columns c(x.size());
      REQUIRE(jo::proportions(x, n, conf, m, c.out()) == jo::batch_error::none);
      for (std::size_t i = 0; i < x.size(); ++i) {
        compare_element(jo::proportion(x[i], n[i], conf, m), jo::indicator_method::proportion, conf,
                        m, x[i], n[i], c, i);
      }
    }
  }
}

TEST_CASE("batch crude rates equal crude_rate() for every input (sweep)") {
  std::vector<double> x, n;
  sweep_inputs(x, n);
  for (const jo::confidence_levels& conf : sweep_levels()) {
    for (double m : {1.0, 1000.0, 100000.0}) {
      columns c(x.size());
      REQUIRE(jo::crude_rates(x, n, conf, m, c.out()) == jo::batch_error::none);
      for (std::size_t i = 0; i < x.size(); ++i) {
        compare_element(jo::crude_rate(x[i], n[i], conf, m), jo::indicator_method::crude_rate, conf,
                        m, x[i], n[i], c, i);
      }
    }
  }
}

TEST_CASE("batch DSRs equal dsr() area by area (sweep)") {
  lcg rng;
  for (const std::size_t bands : {std::size_t{19}, std::size_t{1}, std::size_t{5}}) {
    std::vector<double> standard;  // empty for ESP 2013
    if (bands != 19) {
      for (std::size_t b = 0; b < bands; ++b)
        standard.push_back(std::floor(rng.next() * 5000));
    }
    const std::size_t areas = 400;
    std::vector<double> ev(areas * bands), pop(areas * bands);
    for (std::size_t a = 0; a < areas; ++a) {
      // Areas of growing size: the first ones total under 10 events (suppressed).
      const double scale = static_cast<double>(a) / 20;
      for (std::size_t b = 0; b < bands; ++b) {
        ev[a * bands + b] = std::floor(rng.next() * scale * 3);
        pop[a * bands + b] = 1 + std::floor(rng.next() * 8000);
      }
      const double u = rng.next();
      const std::size_t b = static_cast<std::size_t>(rng.next() * static_cast<double>(bands));
      if (u < 0.05)
        ev[a * bands + b] = nan_;  // NA events count as 0
      else if (u < 0.08)
        ev[a * bands + b] = -1;  // refused
      else if (u < 0.11)
        pop[a * bands + b] = 0;  // refused
      else if (u < 0.13)
        pop[a * bands + b] = nan_;  // refused
      else if (u < 0.15)
        ev[a * bands + b] = 0.5;  // a fractional count is allowed
    }
    for (const jo::confidence_levels& conf : sweep_levels()) {
      columns c(areas);
      std::vector<double> obs(areas), tot(areas);
      REQUIRE(jo::dsrs(ev, pop, standard, bands, conf, 100000, c.out(), {obs, tot}) ==
              jo::batch_error::none);
      for (std::size_t a = 0; a < areas; ++a) {
        const std::span<const double> e(ev.data() + a * bands, bands);
        const std::span<const double> p(pop.data() + a * bands, bands);
        const auto r = jo::dsr(e, p, standard, conf, 100000);
        if (r) {
          CHECK(same_bits(r->observed, obs[a]));
          CHECK(same_bits(r->denominator, tot[a]));
        }
        compare_element(r, jo::indicator_method::dsr, conf, 100000, obs[a], tot[a], c, a);
      }
      // The sweep reaches every kind of area: computed, suppressed and refused.
      for (const jo::batch_status s :
           {jo::batch_status::ok, jo::batch_status::small_count_suppressed,
            jo::batch_status::negative_numerator, jo::batch_status::nonpositive_denominator}) {
        CHECK(std::count(c.status.begin(), c.status.end(), s) > 0);
      }
    }
  }
}

TEST_CASE("batch values checked by hand") {
  const jo::confidence_levels both = jo::confidence_levels::both();
  const jo::confidence_levels c95 = jo::confidence_levels::ninety_five();
  SUBCASE("Wilson") {
    // 65 of 100 as a percentage (statistics_test.cpp): centre (130 + z²)/(2(100 + z²)) with
    // z² = 3.8414588206941236 is 0.644452…; half-width z·√(z² + 4·65·0.35)/(2(100 + z²)) is
    // 0.091906…; so 55.25444329688797 to 73.635751756902465.
    // 0 of 10: lower (0 + z² − z·z)/… = 0; upper 2z²/(2(10 + z²)) = 0.27753279986288915.
    // 10 of 10: lower (20 + z² − z²)/(2(10 + z²)) = 10/13.8414588… = 0.7224672001371109, upper 1.
    const std::vector<double> x = {65, 0, 10, nan_, 11};
    const std::vector<double> n = {100, 10, 10, 10, 10};
    columns c(x.size());
    REQUIRE(jo::proportions(x, n, c95, 100, c.out()) == jo::batch_error::none);
    CHECK(c.values[0] == doctest::Approx(65).epsilon(1e-15));
    CHECK(c.lower0[0] == doctest::Approx(55.25444329688797).epsilon(1e-13));
    CHECK(c.upper0[0] == doctest::Approx(73.635751756902465).epsilon(1e-13));
    CHECK(c.lower0[1] == 0.0);
    CHECK(c.upper0[1] == doctest::Approx(27.753279986288915).epsilon(1e-13));
    CHECK(c.lower0[2] == doctest::Approx(72.24672001371109).epsilon(1e-13));
    CHECK(c.upper0[2] == doctest::Approx(100).epsilon(1e-15));
    CHECK(c.status[3] == jo::batch_status::missing_input);
    CHECK(std::isnan(c.values[3]));
    CHECK(std::isnan(c.lower0[3]));
    CHECK(c.status[4] == jo::batch_status::numerator_exceeds_denominator);
  }
  SUBCASE("crude rates: exact below 10, Byar's from 10") {
    // 5 per 1000 × 1e5 (exact, chi-square): 162.34863901184204 to 1166.8332079322663.
    // 0 per 1000: lower 0, upper 3.688879454113935/1000 × 1e5 = 368.8879454113935.
    // 25 per 10000 × 1e5, Byar's: O_L = 25·(1 − 1/225 − z/15)³ = 16.17426592165721 and
    // O_U = 26·(1 − 1/234 + z/(3√26))³ = 36.90645069218536, so 161.7426592165721 to
    // 369.0645069218536. 12 per 5000 × 1e5 at 95 %: 123.87019686158057 to 419.25716107233399.
    const std::vector<double> x = {5, 0, 25, 12, -2, 3};
    const std::vector<double> n = {1000, 1000, 10000, 5000, 10, 0};
    columns c(x.size());
    REQUIRE(jo::crude_rates(x, n, c95, 100000, c.out()) == jo::batch_error::none);
    CHECK(c.lower0[0] == doctest::Approx(162.34863901184204).epsilon(1e-12));
    CHECK(c.upper0[0] == doctest::Approx(1166.8332079322663).epsilon(1e-12));
    CHECK(c.lower0[1] == 0.0);
    CHECK(c.upper0[1] == doctest::Approx(368.8879454113935).epsilon(1e-12));
    CHECK(c.values[2] == doctest::Approx(250).epsilon(1e-15));
    CHECK(c.lower0[2] == doctest::Approx(161.7426592165721).epsilon(1e-12));
    CHECK(c.upper0[2] == doctest::Approx(369.0645069218536).epsilon(1e-12));
    CHECK(c.lower0[3] == doctest::Approx(123.87019686158057).epsilon(1e-12));
    CHECK(c.upper0[3] == doctest::Approx(419.25716107233399).epsilon(1e-12));
    CHECK(c.status[4] == jo::batch_status::negative_numerator);
    CHECK(c.status[5] == jo::batch_status::nonpositive_denominator);
  }
  SUBCASE("DSRs: three areas, 19 bands, ESP 2013") {
    // Area 0 is statistics_test.cpp's 19-band area: 167.35129956734608, 95 % 141.84183752236984
    // to 196.11686160008739, 99.8 % 128.55826890234599 to 213.61626989065482 (O = 153).
    // Area 1 has one event in each of bands 9-18 (O = 10): 11.233027041476335, 5.3709690085812944
    // to 20.670100357931148 at 95 %. Area 2 has nine events (O = 9): suppressed.
    const std::vector<double> x0 = {0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 14, 20, 25, 30, 22};
    const std::vector<double> n0 = {5000, 5200, 5100, 5300, 5800, 6000, 6200, 6400, 6300, 6100,
                                    6000, 5600, 5200, 4800, 4300, 3500, 2400, 1500, 900};
    std::vector<double> ev = x0, pop = n0;
    for (std::size_t area = 1; area < 3; ++area) {
      for (std::size_t b = 0; b < 19; ++b) {
        ev.push_back(b >= 9 && !(area == 2 && b == 18) ? 1 : 0);
        pop.push_back(n0[b]);
      }
    }
    columns c(3);
    std::vector<double> obs(3), tot(3);
    REQUIRE(jo::dsrs(ev, pop, {}, 19, both, 100000, c.out(), {obs, tot}) == jo::batch_error::none);
    CHECK(c.values[0] == doctest::Approx(167.35129956734608).epsilon(1e-12));
    CHECK(c.lower0[0] == doctest::Approx(141.84183752236984).epsilon(1e-12));
    CHECK(c.upper0[0] == doctest::Approx(196.11686160008739).epsilon(1e-12));
    CHECK(c.lower1[0] == doctest::Approx(128.55826890234599).epsilon(1e-12));
    CHECK(c.upper1[0] == doctest::Approx(213.61626989065482).epsilon(1e-12));
    CHECK(obs[0] == 153);
    CHECK(c.values[1] == doctest::Approx(11.233027041476335).epsilon(1e-12));
    CHECK(c.lower0[1] == doctest::Approx(5.3709690085812944).epsilon(1e-12));
    CHECK(c.upper0[1] == doctest::Approx(20.670100357931148).epsilon(1e-12));
    CHECK(c.status[2] == jo::batch_status::small_count_suppressed);
    CHECK(obs[2] == 9);
    CHECK(std::isnan(c.values[2]));
  }
}

TEST_CASE("batch calls refuse bad arguments without writing") {
  const jo::confidence_levels c95 = jo::confidence_levels::ninety_five();
  std::vector<double> x = {1, 2}, n = {10, 10};
  columns c(2);
  c.values = {-7, -7};
  CHECK(jo::proportions(x, n, c95, 0, c.out()) == jo::batch_error::multiplier);
  CHECK(jo::crude_rates(x, n, c95, nan_, c.out()) == jo::batch_error::multiplier);
  CHECK(c.values[0] == -7);
  columns small(1);
  CHECK(jo::proportions(x, n, c95, 1, small.out()) == jo::batch_error::length_mismatch);
  CHECK(jo::crude_rates(x, std::vector<double>{1}, c95, 1, c.out()) ==
        jo::batch_error::length_mismatch);
  // DSR: no bands, a ragged matrix, a standard of the wrong length or with a negative entry.
  CHECK(jo::dsrs(x, n, {}, 0, c95, 1, c.out()) == jo::batch_error::empty);
  CHECK(jo::dsrs(x, n, {}, 2, c95, 1, small.out()) == jo::batch_error::length_mismatch);
  const std::vector<double> w = {1, -1};
  CHECK(jo::dsrs(x, n, w, 2, c95, 1, small.out()) == jo::batch_error::standard_population);
  const std::vector<double> three = {1, 2, 3};
  CHECK(jo::dsrs(three, three, {}, 3, c95, 1, small.out()) == jo::batch_error::length_mismatch);
  // Empty input is a call that writes nothing.
  columns none(0);
  CHECK(jo::proportions({}, {}, c95, 1, none.out()) == jo::batch_error::none);
}

TEST_CASE("the scorecard through the batch path gives the per-value rows and diagnostics") {
  using namespace std::chrono;
  jo::framework fw;
  fw.catalogue.domains = {{"d", "D"}};
  const auto define = [&](std::string id, jo::indicator_method method, double multiplier) {
    jo::indicator_definition def;
    def.id = std::move(id);
    def.domain = "d";
    def.method = method;
    def.multiplier = multiplier;
    fw.catalogue.indicators.push_back(def);
  };
  define("prop", jo::indicator_method::proportion, 100);
  define("rate", jo::indicator_method::crude_rate, 100000);
  define("dsr", jo::indicator_method::dsr, 100000);
  define("count", jo::indicator_method::count, 1);
  lcg rng;
  std::vector<jo::measurement> rows;
  const auto add = [&](std::string ind, std::string area, int year, std::optional<double> x,
                       std::optional<double> n, std::optional<double> w = std::nullopt) {
    jo::measurement m;
    m.indicator = std::move(ind);
    m.area = std::move(area);
    m.period = std::to_string(year);
    m.period_end = std::chrono::year{year} / March / 31;
    m.numerator = x;
    m.denominator = n;
    m.standard_population = w;
    m.line = rows.size() + 2;
    rows.push_back(m);
  };
  for (int a = 0; a < 30; ++a) {
    const std::string area = "E" + std::to_string(a);
    for (int year = 2023; year <= 2025; ++year) {
      const double n = 50 + std::floor(rng.next() * 500);
      const double x = std::floor(rng.next() * n);
      // Proportions: two rows summed; one NA numerator, one x > n and one n < 0 among them.
      add("prop", area, year, a == 3 ? std::optional<double>(nan_) : x / 2, n / 2);
      add("prop", area, year, a == 4 && year == 2024 ? n : x / 2, a == 5 ? -n : n / 2);
      add("rate", area, year, std::floor(rng.next() * 30), 1000 + n);
      add("count", area, year, std::floor(rng.next() * 30), std::nullopt);
      // DSRs: 19 bands on ESP 2013; some areas with their own 5-band standard, one with a
      // standard on some bands only, one with 18 bands, one with a zero population.
      const bool own = a % 7 == 1;
      const std::size_t bands = own ? 5 : (a == 9 ? 18 : 19);
      for (std::size_t b = 0; b < bands; ++b) {
        const double events = std::floor(rng.next() * (a < 4 ? 1.2 : 6));
        const double pop = a == 11 && b == 4 ? 0 : 1000 + std::floor(rng.next() * 4000);
        std::optional<double> w;
        if (own || (a == 13 && b < 3)) w = 1000 * static_cast<double>(b + 1);
        add("dsr", area, year, events, pop, w);
      }
    }
  }
  add("prop", "E99", 2025, std::nullopt, std::nullopt);  // no counts: no statistic
  joinedup::diagnostics got;
  const std::vector<jo::scorecard_row> card =
      jo::build_scorecard(fw, rows, 2026y / March / 31, got);
  // The per-value path: each row's members in input order, computed by compute().
  joinedup::diagnostics expected;
  std::size_t computed = 0;
  for (const jo::scorecard_row& row : card) {
    std::vector<const jo::measurement*> members;
    for (const jo::measurement& m : rows) {
      if (m.indicator == row.indicator && m.area == row.area && m.period == row.period)
        members.push_back(&m);
    }
    std::optional<double> published;
    const std::optional<jo::indicator_value> v =
        jo::detail::compute(*fw.catalogue.find(row.indicator), members, published, expected);
    INFO(row.indicator << " " << row.area << " " << row.period);
    REQUIRE(v.has_value() == row.statistic.has_value());
    if (v) {
      check_same(*v, *row.statistic);
      ++computed;
    }
  }
  CHECK(computed > 300);
  REQUIRE(got.size() == expected.size());
  CHECK(expected.size() >= 5);
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].code == expected[i].code);
    CHECK(got[i].message == expected[i].message);
    CHECK(got[i].path == expected[i].path);
  }
}
