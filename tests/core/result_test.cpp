// Tests for joinedup/core/result.hpp: the std::expected-shaped value-or-diagnostic.
#include "joinedup/core/result.hpp"

#include <doctest/doctest.h>

#include <string>

using joinedup::fail;
using joinedup::result;

namespace {
result<int> half(int x) {
  if (x % 2 != 0) return fail("test.odd", std::to_string(x) + " is odd");
  return x / 2;
}
}  // namespace

TEST_CASE("result holds a value or a diagnostic") {
  const result<int> ok = half(8);
  CHECK(ok.has_value());
  CHECK(static_cast<bool>(ok));
  CHECK(*ok == 4);
  CHECK(ok.value() == 4);
  CHECK(ok.value_or(-1) == 4);
  const result<int> bad = half(3);
  CHECK_FALSE(bad.has_value());
  CHECK(bad.error().code == "test.odd");
  CHECK(bad.error().message == "3 is odd");
  CHECK(bad.value_or(-1) == -1);
  CHECK_THROWS_AS((void)bad.value(), joinedup::bad_result_access);
  CHECK_THROWS_AS((void)*bad, joinedup::contract_violation);
  CHECK_THROWS_AS((void)ok.error(), joinedup::contract_violation);
}

TEST_CASE("result composes like std::expected") {
  CHECK(half(8).and_then(half).value() == 2);
  CHECK(half(8).and_then(half).and_then(half).and_then(half).error().message == "1 is odd");
  CHECK(half(6).transform([](int v) { return std::to_string(v); }).value() == "3");
  CHECK(half(5).transform([](int v) { return v + 1; }).error().code == "test.odd");
  CHECK(half(5).or_else([](const joinedup::diagnostic&) { return result<int>(0); }).value() == 0);
  const auto renamed = half(5).transform_error([](joinedup::diagnostic d) {
    d.path = "/n";
    return d;
  });
  CHECK(renamed.error().path == "/n");
  joinedup::diagnostics diags;
  CHECK(joinedup::collect(half(4), diags, "/a"));
  CHECK_FALSE(joinedup::collect(half(5), diags, "/b"));
  CHECK(diags.size() == 1);
  CHECK(diags[0].path == "/b");
}
