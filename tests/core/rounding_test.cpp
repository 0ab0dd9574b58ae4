// Tests for joinedup/core/rounding.hpp: every mode on the cases where they differ.
#include "joinedup/core/rounding.hpp"

#include <doctest/doctest.h>

using joinedup::rounding;
using joinedup::detail::divide_rounded;

namespace {
long long r(long long num, long long den, rounding mode) {
  return static_cast<long long>(divide_rounded(num, den, mode));
}
}  // namespace

TEST_CASE("rounding modes on halves, near-halves and negatives") {
  // 5/2 = 2.5, 7/2 = 3.5, -5/2 = -2.5; hand-checked against the mode definitions.
  CHECK(r(5, 2, rounding::half_even) == 2);
  CHECK(r(7, 2, rounding::half_even) == 4);
  CHECK(r(-5, 2, rounding::half_even) == -2);
  CHECK(r(-7, 2, rounding::half_even) == -4);
  CHECK(r(5, 2, rounding::half_up) == 3);
  CHECK(r(-5, 2, rounding::half_up) == -3);
  CHECK(r(5, 2, rounding::toward_zero) == 2);
  CHECK(r(-5, 2, rounding::toward_zero) == -2);
  CHECK(r(5, 2, rounding::floor) == 2);
  CHECK(r(-5, 2, rounding::floor) == -3);
  CHECK(r(5, 2, rounding::ceiling) == 3);
  CHECK(r(-5, 2, rounding::ceiling) == -2);
  // 10/3 = 3.33…, -10/3 = -3.33…, 20/3 = 6.67
  CHECK(r(10, 3, rounding::half_even) == 3);
  CHECK(r(20, 3, rounding::half_even) == 7);
  CHECK(r(-20, 3, rounding::half_up) == -7);
  CHECK(r(10, 3, rounding::ceiling) == 4);
  CHECK(r(-10, 3, rounding::floor) == -4);
  // Exact quotients are untouched by every mode.
  for (rounding m : {rounding::half_even, rounding::half_up, rounding::toward_zero, rounding::floor,
                     rounding::ceiling}) {
    CHECK(r(-12, 4, m) == -3);
    CHECK(r(0, 7, m) == 0);
  }
  CHECK(joinedup::to_string(rounding::half_even) == "half_even");
  CHECK(joinedup::to_string(rounding::ceiling) == "ceiling");
  CHECK_THROWS_AS((void)divide_rounded(1, 0, rounding::floor), joinedup::contract_violation);
}
