// Tests for joinedup/core/number_text.hpp: fixed-point text, rounded and exact decimals, and
// percentages. Expected values worked by hand; the signs of small negative values are the case
// that three earlier copies got wrong (−1/200 printed as "0.5%").
#include "joinedup/core/number_text.hpp"

#include <doctest/doctest.h>

using namespace joinedup;

TEST_CASE("fixed-point text keeps leading zeros and the sign") {
  CHECK(fixed_text(-5, 2) == "-0.05");
  CHECK(fixed_text(5, 3) == "0.005");
  CHECK(fixed_text(1250, 1) == "125.0");
  CHECK(fixed_text(7, 0) == "7");
  CHECK(fixed_text(0, 2) == "0.00");
  CHECK(fixed_text(-123456, 2) == "-1234.56");
}

TEST_CASE("decimals rounded by the rule asked for") {
  CHECK(decimal_text(ratio::of(2, 3), 2) == "0.67");
  CHECK(decimal_text(ratio::of(-2, 3), 2) == "-0.67");
  CHECK(decimal_text(ratio::of(-1, 200), 3) == "-0.005");
  // 0.125 to two places: half-even gives 0.12, half-up 0.13, floor of −0.125 is −0.13.
  CHECK(decimal_text(ratio::of(1, 8), 2, rounding::half_even) == "0.12");
  CHECK(decimal_text(ratio::of(1, 8), 2, rounding::half_up) == "0.13");
  CHECK(decimal_text(ratio::of(-1, 8), 2, rounding::floor) == "-0.13");
  CHECK(decimal_text(ratio::of(-1, 8), 2, rounding::toward_zero) == "-0.12");
  // A negative value that rounds to zero has no sign.
  CHECK(decimal_text(ratio::of(-1, 1000), 2) == "0.00");
}

TEST_CASE("exact decimals: trailing zeros trimmed, none for values that never end") {
  CHECK(exact_decimal_text(ratio::of(25, 2)) == "12.5");
  CHECK(exact_decimal_text(ratio::of(-1, 20)) == "-0.05");
  CHECK(exact_decimal_text(ratio::whole(3)) == "3");
  CHECK(exact_decimal_text(ratio::of(21, 20)) == "1.05");
  CHECK_FALSE(exact_decimal_text(ratio::of(1, 3)).has_value());
  CHECK_FALSE(exact_decimal_text(ratio::of(1, 1024), 2).has_value());  // 0.0009765625
  CHECK(exact_decimal_text(ratio::of(1, 1024), 10) == "0.0009765625");
}

TEST_CASE("percentages: the sign of a small negative share is kept") {
  CHECK(percent_text(ratio::of(-1, 200), 1) == "-0.5%");
  CHECK(percent_text(ratio::of(-1, 200), 2) == "-0.50%");
  CHECK(exact_percent_text(ratio::of(-1, 200)) == "-0.5%");
  CHECK(percent_text(ratio::of(2, 3), 2) == "66.67%");
  CHECK(percent_value_text(ratio::of(1, 8), 1) == "12.5");
  CHECK(percent_value_text(ratio::of(1, 16), 1, rounding::half_up) == "6.3");    // 6.25
  CHECK(percent_value_text(ratio::of(1, 16), 1, rounding::half_even) == "6.2");  // 6.25
  CHECK(exact_percent_text(ratio::of(3, 5)) == "60%");
  CHECK(exact_percent_text(ratio::of(1, 8)) == "12.5%");
  CHECK(exact_percent_text(ratio::of(1, 3)) == "1/3");        // no exact form: the ratio
  CHECK(exact_percent_text(ratio::of(1, 8000)) == "1/8000");  // 0.0125% needs four places
  CHECK(exact_percent_text(ratio::of(1, 8000), 4) == "0.0125%");
  CHECK(percent_text(ratio::of(-1, 100000), 1) == "0.0%");  // no "-0.0%"
}

TEST_CASE("money text is money's display style") {
  CHECK(money_text(money::from_pence(123456)) == "£1,234.56");
  CHECK(money_text(money::from_pence(-5)) == "-£0.05");
}
