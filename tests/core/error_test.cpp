// Tests for joinedup/core/error.hpp: the exception types and the contract macro.
#include "joinedup/core/error.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {
int checked_half(int x) {
  JOINEDUP_EXPECTS(x % 2 == 0);
  return x / 2;
}
}  // namespace

TEST_CASE("JOINEDUP_EXPECTS throws contract_violation naming the condition") {
  CHECK(checked_half(4) == 2);
  try {
    (void)checked_half(3);
    FAIL("expected a contract violation");
  } catch (const joinedup::contract_violation& e) {
    CHECK(std::string(e.what()).find("x % 2 == 0") != std::string::npos);
    CHECK(std::string(e.what()).find("error_test.cpp") != std::string::npos);
  }
}

TEST_CASE("overflow_error is a std::overflow_error") {
  const joinedup::overflow_error e("too big");
  const std::overflow_error& base = e;
  CHECK(std::string(base.what()) == "too big");
}
