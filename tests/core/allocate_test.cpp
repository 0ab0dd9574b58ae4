// Tests for joinedup/core/allocate.hpp: parts always add up; largest remainder; ties to the
// earlier position. Property test against an exact Boost.Multiprecision rational oracle.
#include "joinedup/core/allocate.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using joinedup::money;

namespace {
std::vector<std::int64_t> pence(const std::vector<money>& parts) {
  std::vector<std::int64_t> out;
  for (money m : parts)
    out.push_back(m.pence());
  return out;
}

/// The oracle: exact shares as rationals, floor, then one penny each to the largest fractional
/// parts (ties to the lower index); a negative total mirrors the positive one.
std::vector<std::int64_t> oracle(std::int64_t total, const std::vector<std::int64_t>& w) {
  using boost::multiprecision::cpp_int;
  using boost::multiprecision::cpp_rational;
  const cpp_int magnitude = total < 0 ? -cpp_int(total) : cpp_int(total);
  cpp_int sum = 0;
  for (std::int64_t x : w)
    sum += x;
  std::vector<cpp_int> floors(w.size());
  std::vector<cpp_rational> fracs(w.size());
  cpp_int given = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const cpp_rational exact(magnitude * w[i], sum);
    floors[i] = numerator(exact) / denominator(exact);
    fracs[i] = exact - cpp_rational(floors[i]);
    given += floors[i];
  }
  std::vector<std::size_t> order(w.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return fracs[a] > fracs[b]; });
  const auto left = static_cast<std::size_t>(magnitude - given);
  for (std::size_t k = 0; k < left; ++k)
    floors[order[k]] += 1;
  std::vector<std::int64_t> out;
  for (const cpp_int& f : floors) {
    const auto v = f.convert_to<std::int64_t>();
    out.push_back(total < 0 ? -v : v);
  }
  return out;
}
}  // namespace

TEST_CASE("allocate: hand-checked cases") {
  // Foemmel's conundrum (Fowler, PoEAA "Money"): 5p at 70:30 is 4p and 1p, never 4p+2p or 3p+1p.
  const std::int64_t seventy_thirty[] = {70, 30};
  CHECK(pence(joinedup::allocate(money::from_pence(5), seventy_thirty).value()) ==
        std::vector<std::int64_t>{4, 1});
  // £100 in thirds: 3333.33…p each; the one spare penny goes to the first.
  const std::int64_t thirds[] = {1, 1, 1};
  CHECK(pence(joinedup::allocate(money::from_pence(10000), thirds).value()) ==
        std::vector<std::int64_t>{3334, 3333, 3333});
  // -5p in thirds mirrors +5p: 2, 2, 1 → -2, -2, -1.
  CHECK(pence(joinedup::allocate(money::from_pence(-5), thirds).value()) ==
        std::vector<std::int64_t>{-2, -2, -1});
  // Largest remainder beats position: 10p at 1:1:8 → 1, 1, 8 exactly; 10p at 15:15:70 →
  // 1.5, 1.5, 7 → floors 1, 1, 7 and the spare penny to the first of the tied halves.
  const std::int64_t w1[] = {15, 15, 70};
  CHECK(pence(joinedup::allocate(money::from_pence(10), w1).value()) ==
        std::vector<std::int64_t>{2, 1, 7});
  // 100p at 1:2:3:4 with remainders 0, 0, 0, 0 → 10, 20, 30, 40.
  const std::int64_t w2[] = {1, 2, 3, 4};
  CHECK(pence(joinedup::allocate(money::from_pence(100), w2).value()) ==
        std::vector<std::int64_t>{10, 20, 30, 40});
  // 7p at 1:2:4 → exact 1, 2, 4; 8p → 8/7, 16/7, 32/7 = 1.142, 2.285, 4.571 → floors 1, 2, 4
  // and the spare penny to the largest remainder (4/7 of the third part).
  const std::int64_t w3[] = {1, 2, 4};
  CHECK(pence(joinedup::allocate(money::from_pence(8), w3).value()) ==
        std::vector<std::int64_t>{1, 2, 5});
  // Zero weights get nothing.
  const std::int64_t w4[] = {0, 3, 0, 1};
  CHECK(pence(joinedup::allocate(money::from_pence(7), w4).value()) ==
        std::vector<std::int64_t>{0, 5, 0, 2});
  // Money weights: contributions of £600k and £400k share a £1,000.01 overspend 60:40.
  const money contributions[] = {money::from_pounds(600000), money::from_pounds(400000)};
  CHECK(pence(joinedup::allocate(money::from_pence(100001), contributions).value()) ==
        std::vector<std::int64_t>{60001, 40000});
}

TEST_CASE("allocate: errors for data that gives no basis to share") {
  const std::int64_t zeros[] = {0, 0};
  CHECK(joinedup::allocate(money::from_pence(5), zeros).error().code ==
        "core.allocate.zero_weights");
  const std::int64_t negative[] = {3, -1};
  CHECK(joinedup::allocate(money::from_pence(5), negative).error().code ==
        "core.allocate.negative_weight");
  CHECK(joinedup::allocate(money::from_pence(5), std::span<const std::int64_t>{}).error().code ==
        "core.allocate.no_parts");
  CHECK(joinedup::split(money::from_pence(5), 0).error().code == "core.allocate.no_parts");
}

TEST_CASE("split and pro_rata") {
  CHECK(pence(joinedup::split(money::from_pence(100), 3).value()) ==
        std::vector<std::int64_t>{34, 33, 33});
  CHECK(pence(joinedup::split(money::from_pence(-100), 3).value()) ==
        std::vector<std::int64_t>{-34, -33, -33});
  // £3,650 over a 365-day year: 31 days in May is exactly £310.
  CHECK(joinedup::pro_rata(money::from_pence(365000), 31, 365).value() == money::from_pence(31000));
  // £1,000 for 1 day of 3: 33333.33…p → 33333p (the rest keeps 66667p).
  CHECK(joinedup::pro_rata(money::from_pence(100000), 1, 3).value() == money::from_pence(33333));
  // £1.01 for 1 day of 2: 50.5p each, a tie; the part comes first and takes the penny.
  CHECK(joinedup::pro_rata(money::from_pence(101), 1, 2).value() == money::from_pence(51));
  CHECK(joinedup::pro_rata(money::from_pence(100), 0, 30).value() == money::from_pence(0));
  CHECK(joinedup::pro_rata(money::from_pence(100), 30, 30).value() == money::from_pence(100));
  CHECK(joinedup::pro_rata(money::from_pence(100), 31, 30).error().code == "core.allocate.days");
  CHECK(joinedup::pro_rata(money::from_pence(100), 1, 0).error().code == "core.allocate.days");
  CHECK(joinedup::pro_rata(money::from_pence(100), -1, 30).error().code == "core.allocate.days");
}

TEST_CASE("allocate: 100,000 random cases agree with the exact rational oracle") {
  std::mt19937_64 gen(20261123);
  std::uniform_int_distribution<int> count(1, 12);
  std::uniform_int_distribution<int> magnitude_digits(0, 18);
  std::uniform_int_distribution<int> weight_digits(0, 12);
  std::uniform_int_distribution<int> coin(0, 9);
  for (int iteration = 0; iteration < 100'000; ++iteration) {
    const auto total_limit = static_cast<std::int64_t>(std::pow(10.0, magnitude_digits(gen)));
    std::int64_t total =
        std::uniform_int_distribution<std::int64_t>(-total_limit, total_limit)(gen);
    std::vector<std::int64_t> w(static_cast<std::size_t>(count(gen)));
    const auto weight_limit = static_cast<std::int64_t>(std::pow(10.0, weight_digits(gen)));
    for (std::int64_t& x : w) {
      x = coin(gen) == 0 ? 0 : std::uniform_int_distribution<std::int64_t>(0, weight_limit)(gen);
    }
    if (std::all_of(w.begin(), w.end(), [](std::int64_t x) { return x == 0; })) w[0] = 1;
    if (iteration % 1000 == 0) total = std::numeric_limits<std::int64_t>::max() - iteration;
    const auto parts = joinedup::allocate(money::from_pence(total), w);
    REQUIRE(parts.has_value());
    const std::vector<std::int64_t> got = pence(*parts);
    // Conservation: the parts add up to the total exactly (checked in 128 bits).
    joinedup::detail::int128 sum = 0;
    for (std::int64_t p : got)
      sum += p;
    REQUIRE(sum == total);
    REQUIRE(got == oracle(total, w));
  }
}
