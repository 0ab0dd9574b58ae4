// Tests for joinedup/core/rate.hpp: sub-penny unit prices and rate × quantity.
#include "joinedup/core/rate.hpp"

#include <doctest/doctest.h>

#include <string>

using joinedup::money;
using joinedup::rate;
using joinedup::ratio;
using joinedup::rounding;

namespace {
template <class A, class B>
concept multipliable = requires(A a, B b) {
  a* b;
};
}  // namespace
static_assert(!multipliable<rate, int>);  // rate × quantity always goes through cost()
static_assert(!std::constructible_from<rate, double>);

TEST_CASE("rate parses up to six decimal places") {
  CHECK(rate::parse("23.4567")->micros() == 23'456'700);
  CHECK(rate::parse("\xC2\xA3"
                    "1,234.567891")
            ->micros() == 1'234'567'891);
  CHECK(rate::parse("-0.25")->micros() == -250'000);
  CHECK(rate::parse("0.0000001").error().code == "core.rate.precision");
  CHECK(rate::parse("x").error().code == "core.rate.syntax");
  CHECK(rate::parse("99999999999999.00").error().code == "core.rate.range");
  // Found by fuzzing: 36 integer digits and 6 decimals used to overflow 128 bits while reading.
  CHECK(rate::parse(std::string(36, '9') + ".999999").error().code == "core.rate.range");
  CHECK(rate::parse("23.4567")->to_string() == "23.4567");
  CHECK(rate::parse("20")->to_string() == "20.00");
  CHECK(rate::parse("-0.125")->to_string() == "-0.125");
  for (const char* t : {"0.00", "1.000001", "-9.99", "123456.5"}) {
    CHECK(rate::parse(rate::parse(t)->to_string()).value() == rate::parse(t).value());
  }
}

TEST_CASE("rate × quantity → money names its rounding") {
  const rate hourly = rate::parse("23.4567").value();
  // 10 hours × £23.4567 = £234.567 → half-up £234.57, toward zero £234.56.
  CHECK(cost(hourly, 10, rounding::half_up) == money::from_pence(23457));
  CHECK(cost(hourly, 10, rounding::toward_zero) == money::from_pence(23456));
  // 2.5 hours a week × £23.4567 = £58.64175 → £58.64 whichever nearest mode.
  CHECK(cost(hourly, ratio::parse("2.5").value(), rounding::half_even) == money::from_pence(5864));
  // 1 unit at £0.125 = 12.5p: half-even 12p, half-up 13p.
  const rate eighth = rate::parse("0.125").value();
  CHECK(cost(eighth, 1, rounding::half_even) == money::from_pence(12));
  CHECK(cost(eighth, 1, rounding::half_up) == money::from_pence(13));
  CHECK(cost(eighth, -1, rounding::half_up) == money::from_pence(-13));
}

TEST_CASE("rate scaling, per-unit rates and from_money") {
  // A unit price of £100 with a market forces factor of 1.0523 is £105.23 exactly.
  const rate price = rate::from_money(money::from_pence(10000));
  CHECK(scale(price, ratio::parse("1.0523").value(), rounding::half_even).to_string() == "105.23");
  // £1,000,000 over 3 heads = £333,333.333333… a head.
  const auto per_head =
      try_unit_rate(money::from_pence(100'000'000), ratio::whole(3), rounding::half_even);
  CHECK(per_head->to_string() == "333333.333333");
  CHECK(try_unit_rate(money::from_pence(1), ratio::whole(0), rounding::floor).error().code ==
        "core.rate.zero_units");
  CHECK(rate::from_micros(5) + rate::from_micros(7) == rate::from_micros(12));
  CHECK(rate::from_micros(5) - rate::from_micros(7) == rate::from_micros(-2));
  CHECK_THROWS_AS(
      (void)rate::from_money(money::from_pence(std::numeric_limits<std::int64_t>::max())),
      joinedup::overflow_error);
}
