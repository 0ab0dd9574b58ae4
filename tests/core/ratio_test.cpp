// Tests for joinedup/core/ratio.hpp: exact fractions and money × ratio.
#include "joinedup/core/ratio.hpp"

#include <doctest/doctest.h>

using joinedup::money;
using joinedup::ratio;
using joinedup::rounding;

TEST_CASE("ratio parses decimals, percentages and fractions exactly") {
  CHECK(ratio::parse("0.125").value() == ratio::of(1, 8));
  CHECK(ratio::parse("12.5%").value() == ratio::of(1, 8));
  CHECK(ratio::parse("3/8").value() == ratio::of(3, 8));
  CHECK(ratio::parse("-1.5").value() == ratio::of(-3, 2));
  CHECK(ratio::parse("100%").value() == ratio::whole(1));
  CHECK(ratio::parse("1.0523").value() == ratio::of(10523, 10000));  // a market forces factor
  CHECK(ratio::parse("6/4").value() == ratio::of(3, 2));
  CHECK(ratio::parse("abc").error().code == "core.ratio.syntax");
  CHECK(ratio::parse("1/0").error().code == "core.ratio.syntax");
  CHECK(ratio::parse("1.5/2").error().code == "core.ratio.syntax");
  CHECK(ratio::parse("0.1234567890123").error().code == "core.ratio.precision");
  CHECK(ratio::parse("1.12345678901%").error().code == "core.ratio.precision");
  CHECK(ratio::parse("99999999999999999999999").error().code == "core.ratio.range");
  // Found by fuzzing: fractions whose reduced form leaves int64 are a range error, not a throw.
  CHECK(ratio::parse("-9223372036854775808/-1").error().code == "core.ratio.range");
  CHECK(ratio::parse("3/-9223372036854775808").error().code == "core.ratio.range");
  CHECK(ratio::parse("3/-6").value() == ratio::of(-1, 2));
}

TEST_CASE("ratio arithmetic stays in lowest terms") {
  CHECK(ratio::of(2, -4) == ratio::of(-1, 2));
  CHECK(ratio::of(2, -4).den() == 2);
  CHECK(ratio::of(1, 3) + ratio::of(1, 6) == ratio::of(1, 2));
  CHECK(ratio::of(2, 3) * ratio::of(3, 4) == ratio::of(1, 2));
  CHECK(ratio::of(1, 2) - ratio::of(3, 4) == ratio::of(-1, 4));
  CHECK(ratio::of(1, 3) < ratio::of(1, 2));
  CHECK(ratio::of(0, 5).den() == 1);
  CHECK(ratio::percent(25).to_string() == "1/4");
  CHECK_THROWS_AS((void)ratio::of(1, 0), joinedup::contract_violation);
  CHECK_THROWS_AS((void)(ratio::of(1, 4'000'000'000'000'000'000) * ratio::of(1, 3)),
                  joinedup::overflow_error);
}

TEST_CASE("money × ratio names its rounding") {
  const money ten = money::from_pence(1000);
  // £10 / 3 = 333.33…p
  CHECK(scale(ten, ratio::of(1, 3), rounding::half_even) == money::from_pence(333));
  CHECK(scale(ten, ratio::of(1, 3), rounding::ceiling) == money::from_pence(334));
  // £0.05 × 50% = 2.5p: half-even gives 2p, half-up 3p (ties away from zero).
  CHECK(scale(money::from_pence(5), ratio::percent(50), rounding::half_even) ==
        money::from_pence(2));
  CHECK(scale(money::from_pence(5), ratio::percent(50), rounding::half_up) == money::from_pence(3));
  CHECK(scale(money::from_pence(-5), ratio::percent(50), rounding::half_up) ==
        money::from_pence(-3));
  CHECK(scale(money::from_pence(-5), ratio::percent(50), rounding::floor) == money::from_pence(-3));
  const money top = money::from_pence(std::numeric_limits<std::int64_t>::max());
  CHECK(try_scale(top, ratio::whole(2), rounding::floor).error().code == "core.money.overflow");
  CHECK_THROWS_AS((void)scale(top, ratio::whole(2), rounding::floor), joinedup::overflow_error);
}

TEST_CASE("ratio: exact decimal text up to twelve places, else the fraction") {
  CHECK(joinedup::ratio::of(21, 20).to_decimal_string() == "1.05");
  CHECK(joinedup::ratio::of(-1, 2).to_decimal_string() == "-0.5");
  CHECK(joinedup::ratio::whole(3).to_decimal_string() == "3");
  CHECK(joinedup::ratio::of(1, 1'000'000'000'000).to_decimal_string() == "0.000000000001");
  CHECK(joinedup::ratio::of(1, 3).to_decimal_string() == "1/3");  // no finite decimal
  CHECK(joinedup::ratio::of(1, 8'000'000'000'000).to_decimal_string() == "1/8000000000000");
}
