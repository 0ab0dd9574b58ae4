// Tests for joinedup/core/money.hpp.
//
// Synopsis: money holds pence in one int64; parse is exact; + - unary- and × integer are
// checked; there is no money from floating point, no money × money and no money + integer.
#include "joinedup/core/money.hpp"

#include <doctest/doctest.h>

#include <concepts>
#include <limits>

using joinedup::money;
using joinedup::money_style;

namespace {
template <class A, class B>
concept addable = requires(A a, B b) {
  a + b;
};
template <class A, class B>
concept multipliable = requires(A a, B b) {
  a* b;
};
}  // namespace

// What must not compile (named concepts, as g++ 12 needs; style-anchors §6.9).
static_assert(!std::constructible_from<money, double>);
static_assert(!std::constructible_from<money, float>);
static_assert(!std::convertible_to<std::int64_t, money>);
static_assert(!multipliable<money, money>);
static_assert(!multipliable<money, double>);
static_assert(!multipliable<money, bool>);
static_assert(!addable<money, int>);
static_assert(!addable<money, double>);
static_assert(multipliable<money, int>);
static_assert(addable<money, money>);
static_assert(sizeof(money) == sizeof(std::int64_t));
static_assert(std::is_trivially_copyable_v<money>);

TEST_CASE("money parses the accepted forms exactly") {
  CHECK(money::parse("1234.56")->pence() == 123456);
  CHECK(money::parse("-0.05")->pence() == -5);
  CHECK(money::parse("\xC2\xA3"
                     "1,234.56")
            ->pence() == 123456);                         // "£1,234.56"
  CHECK(money::parse("(1,234.56)")->pence() == -123456);  // accounting negative
  CHECK(money::parse("-\xC2\xA3"
                     "1.00")
            ->pence() == -100);  // "-£1.00"
  CHECK(money::parse("12")->pence() == 1200);
  CHECK(money::parse("12.5")->pence() == 1250);
  CHECK(money::parse("  7.00 ")->pence() == 700);
  CHECK(money::parse("+3.10")->pence() == 310);
  CHECK(money::parse("1,000,000.00")->pence() == 100000000);
  CHECK(money::parse("0")->pence() == 0);
  CHECK(money::parse("92233720368547758.07")->pence() == std::numeric_limits<std::int64_t>::max());
  CHECK(money::parse("-92233720368547758.08")->pence() == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("money rejects what it cannot read exactly, with a code") {
  auto code = [](const char* text) { return money::parse(text).error().code; };
  CHECK(code("1.005") == "core.money.precision");
  CHECK(code("0.001") == "core.money.precision");
  CHECK(code("") == "core.money.syntax");
  CHECK(code("abc") == "core.money.syntax");
  CHECK(code("1,23.00") == "core.money.syntax");  // misplaced separator
  CHECK(code("1234,56") == "core.money.syntax");  // last group not three digits
  CHECK(code(",123.00") == "core.money.syntax");
  CHECK(code("1.2.3") == "core.money.syntax");
  CHECK(code(".50") == "core.money.syntax");
  CHECK(code("5.") == "core.money.syntax");
  CHECK(code("--5") == "core.money.syntax");
  CHECK(code("-(5.00)") == "core.money.syntax");
  CHECK(code("(5.00") == "core.money.syntax");
  CHECK(code("1e3") == "core.money.syntax");
  CHECK(code("$5.00") == "core.money.syntax");
  CHECK(code("92233720368547758.08") == "core.money.range");
  CHECK(code("99999999999999999999999999999999999999") == "core.money.range");
  const auto r = money::parse("12.345");
  CHECK(r.error().message.find("'12.345'") != std::string::npos);
  CHECK(r.error().severity == joinedup::severity::error);
}

TEST_CASE("money prints in display, accounting and decimal styles") {
  const money m = money::from_pence(123456);
  CHECK(m.to_string() == "1234.56");
  CHECK(m.to_string(money_style::display) ==
        "\xC2\xA3"
        "1,234.56");
  CHECK((-m).to_string(money_style::display) ==
        "-\xC2\xA3"
        "1,234.56");
  CHECK((-m).to_string(money_style::accounting) ==
        "(\xC2\xA3"
        "1,234.56)");
  CHECK(money::from_pence(-5).to_string() == "-0.05");
  CHECK(money::from_pence(100000000).to_string(money_style::display) ==
        "\xC2\xA3"
        "1,000,000.00");
  CHECK(money::from_pence(std::numeric_limits<std::int64_t>::min()).to_string() ==
        "-92233720368547758.08");
}

TEST_CASE("money round-trips through its decimal text") {
  const std::int64_t values[] = {0,
                                 1,
                                 -1,
                                 99,
                                 -100,
                                 123456789,
                                 -987654321012,
                                 std::numeric_limits<std::int64_t>::max(),
                                 std::numeric_limits<std::int64_t>::min()};
  for (std::int64_t p : values) {
    const money m = money::from_pence(p);
    for (money_style s : {money_style::decimal, money_style::display, money_style::accounting}) {
      CHECK(money::parse(m.to_string(s)).value() == m);
    }
  }
}

TEST_CASE("money arithmetic is exact and checked") {
  using namespace joinedup::literals;
  CHECK(12_gbp + 5_p == money::from_pence(1205));
  CHECK(12_gbp - 5_p == money::from_pence(1195));
  CHECK(-(3_p) == money::from_pence(-3));
  CHECK(money::from_pence(250) * 3 == money::from_pence(750));
  CHECK(4 * money::from_pence(-250) == money::from_pence(-1000));
  money acc;
  acc += 10_gbp;
  acc -= 1_p;
  acc *= 2;
  CHECK(acc == money::from_pence(1998));
  CHECK(money::from_pence(-7).abs() == money::from_pence(7));
  CHECK(money::from_pence(-7) < money::from_pence(0));

  const money top = money::from_pence(std::numeric_limits<std::int64_t>::max());
  const money bottom = money::from_pence(std::numeric_limits<std::int64_t>::min());
  CHECK_THROWS_AS((void)(top + 1_p), joinedup::overflow_error);
  CHECK_THROWS_AS((void)(bottom - 1_p), joinedup::overflow_error);
  CHECK_THROWS_AS((void)(-bottom), joinedup::overflow_error);
  CHECK_THROWS_AS((void)bottom.abs(), joinedup::overflow_error);
  CHECK_THROWS_AS((void)(top * 2), joinedup::overflow_error);
  CHECK_THROWS_AS((void)money::from_pounds(std::numeric_limits<std::int64_t>::max() / 10),
                  joinedup::overflow_error);
  CHECK_THROWS_AS((void)(money::from_pence(1) * std::numeric_limits<std::uint64_t>::max()),
                  joinedup::overflow_error);

  CHECK(joinedup::try_add(top, 1_p).error().code == "core.money.overflow");
  CHECK(joinedup::try_sub(bottom, 1_p).error().code == "core.money.overflow");
  CHECK(joinedup::try_mul(top, -2).error().code == "core.money.overflow");
  CHECK(joinedup::try_neg(bottom).error().code == "core.money.overflow");
  CHECK(joinedup::try_add(1_gbp, 1_p).value() == money::from_pence(101));
  CHECK(joinedup::try_mul(money::from_pence(-3), 3).value() == money::from_pence(-9));
}

TEST_CASE("money works in constant expressions") {
  constexpr money m = money::from_pence(150) + money::from_pence(50);
  static_assert(m.pence() == 200);
  static_assert((m * 3).pence() == 600);
  CHECK(m.is_positive());
}
