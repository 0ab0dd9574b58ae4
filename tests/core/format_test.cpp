// Tests for joinedup/core/format.hpp: fmt formatters.
#include "joinedup/core/format.hpp"

#include <doctest/doctest.h>

using joinedup::money;

TEST_CASE("money formats with style, fill, alignment and width") {
  const money m = money::from_pence(-123456);
  CHECK(fmt::format("{}", m) ==
        "-\xC2\xA3"
        "1,234.56");
  CHECK(fmt::format("{:a}", m) ==
        "(\xC2\xA3"
        "1,234.56)");
  CHECK(fmt::format("{:d}", m) == "-1234.56");
  CHECK(fmt::format("{:m}", money::from_pence(5)) ==
        "\xC2\xA3"
        "0.05");
  CHECK(fmt::format("{:>12}", money::from_pence(5)) ==
        "       \xC2\xA3"
        "0.05");
  CHECK(fmt::format("{:<8d}|", money::from_pence(5)) == "0.05    |");
  CHECK(fmt::format("{:*^9d}", money::from_pence(5)) == "**0.05***");
  // "(£1,234.56)" is 11 code points, so width 12 adds one space (right-aligned like numbers).
  CHECK(fmt::format("{:12a}", m) ==
        " (\xC2\xA3"
        "1,234.56)");
  CHECK(fmt::format("{:11a}", m) ==
        "(\xC2\xA3"
        "1,234.56)");
  CHECK_THROWS_AS((void)fmt::format(fmt::runtime("{:x}"), m), fmt::format_error);
}

TEST_CASE("rate, ratio and diagnostic format") {
  CHECK(fmt::format("{}", joinedup::rate::parse("23.4567").value()) == "23.4567");
  CHECK(fmt::format("{:>9}", joinedup::rate::parse("1.5").value()) == "     1.50");
  CHECK(fmt::format("{}", joinedup::ratio::of(3, 8)) == "3/8");
  joinedup::diagnostic d{"core.money.syntax", joinedup::severity::error, "/amounts/2/amount", "bad",
                         3};
  CHECK(fmt::format("{}", d) == "error core.money.syntax at /amounts/2/amount (line 3): bad");
  d.path.clear();
  d.line.reset();
  CHECK(fmt::format("{}", d) == "error core.money.syntax: bad");
}
