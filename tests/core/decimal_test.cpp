// Tests for joinedup/core/decimal.hpp: the strict decimal reader behind money, rate and ratio.
#include "joinedup/core/decimal.hpp"

#include <doctest/doctest.h>

using joinedup::detail::decimal_error;
using joinedup::detail::decimal_syntax;
using joinedup::detail::parse_decimal;

namespace {
long long units(const char* text, decimal_syntax opt = {}) {
  const auto p = parse_decimal(text, opt);
  REQUIRE(p.error == decimal_error::none);
  return static_cast<long long>(p.units);
}
}  // namespace

TEST_CASE("parse_decimal scales exactly to the requested places") {
  CHECK(units("1234.56") == 123456);
  CHECK(units("1,234") == 123400);
  CHECK(units("(0.5)") == -50);
  decimal_syntax six;
  six.max_places = 6;
  CHECK(units("0.000001", six) == 1);
  decimal_syntax pct;
  pct.max_places = 4;
  pct.percent = true;
  CHECK(units("12.5%", pct) == 1250);  // 0.125 at four places
  CHECK(units("7%", pct) == 700);
  CHECK(parse_decimal("1.001%", pct).error == decimal_error::precision);  // 3 > 4 - 2 places
}

TEST_CASE("parse_decimal options switch forms off") {
  decimal_syntax plain;
  plain.currency_symbol = false;
  plain.grouping = false;
  plain.parentheses = false;
  CHECK(parse_decimal("\xC2\xA3"
                      "1",
                      plain)
            .error == decimal_error::syntax);
  CHECK(parse_decimal("1,000", plain).error == decimal_error::syntax);
  CHECK(parse_decimal("(1)", plain).error == decimal_error::syntax);
  CHECK(parse_decimal("12%", plain).error == decimal_error::syntax);
  CHECK(joinedup::detail::trim("  a b \t") == "a b");
}
