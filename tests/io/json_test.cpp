// Tests for joinedup/io/json.hpp: diagnostics as JSON and back.
#include "joinedup/io/json.hpp"

#include <doctest/doctest.h>

TEST_CASE("diagnostics round-trip through JSON") {
  joinedup::diagnostics d;
  d.error("core.money.precision", "/amounts/0/amount", "amount '1.005' has more than two places");
  d.warning("io.json.unknown_field", "/extra", "field \"extra\" with \u00a3 and / and ~");
  d.add(joinedup::diagnostic{"io.json.syntax", joinedup::severity::fatal, "", "bad", 12});
  const std::string text = joinedup::io::diagnostics_to_json(d);
  CHECK(text.find("\"schema\": \"joinedup/diagnostics/v1\"") != std::string::npos);
  CHECK(text.find("\"errors\": 2") != std::string::npos);
  CHECK(text.find("\"warnings\": 1") != std::string::npos);
  const auto back = joinedup::io::diagnostics_from_json(text);
  REQUIRE(back.has_value());
  REQUIRE(back->size() == d.size());
  for (std::size_t i = 0; i < d.size(); ++i)
    CHECK((*back)[i] == d[i]);
}

TEST_CASE("reading diagnostics JSON reports what is wrong") {
  CHECK(joinedup::io::diagnostics_from_json("{").error().code == "io.json.syntax");
  CHECK(joinedup::io::diagnostics_from_json(R"({"schema":"x"})").error().code == "io.json.schema");
  CHECK(
      joinedup::io::diagnostics_from_json(R"({"schema":"joinedup/diagnostics/v1"})").error().code ==
      "io.json.missing");
  const auto bad_sev = joinedup::io::diagnostics_from_json(
      R"({"schema":"joinedup/diagnostics/v1","diagnostics":[{"code":"a.b","severity":"worse","path":"","message":""}]})");
  CHECK(bad_sev.error().code == "io.json.type");
  CHECK(bad_sev.error().path == "/diagnostics/0/severity");
}

namespace {
/// The normal form of `text`, or the first diagnostic's code when it is refused.
std::string normal_or_code(std::string_view text, joinedup::diagnostics* out = nullptr) {
  joinedup::diagnostics d;
  const std::optional<std::string> n = joinedup::io::normalise_json(text, d);
  if (out != nullptr) *out = d;
  if (n) return *n;
  REQUIRE_FALSE(d.empty());
  CHECK(d.has_fatal());
  return d[0].code;
}
}  // namespace

// RFC 8259 is the reference for what is JSON; docs/diagnostics.md for the codes.
TEST_CASE("the strict reader accepts JSON as RFC 8259 defines it") {
  CHECK(normal_or_code(R"( {"a": [1, -2, 3.5, 1e2, true, false, null, "x"]} )") ==
        R"({"a":[1,-2,3.5,100.0,true,false,null,"x"]})");
  CHECK(normal_or_code("\xEF\xBB\xBF{}") == "{}");  // a byte order mark before the document
  CHECK(normal_or_code(R"("\u00a3 \ud83d\ude00 \n")") == "\"\xC2\xA3 \xF0\x9F\x98\x80 \\n\"");
  CHECK(normal_or_code("18446744073709551615") == "18446744073709551615");  // 2^64 - 1
  CHECK(normal_or_code("-9223372036854775808") == "-9223372036854775808");  // -2^63
  // Member order is kept, as the writers rely on it.
  CHECK(normal_or_code(R"({"b":1,"a":2})") == R"({"b":1,"a":2})");
}

TEST_CASE("the strict reader refuses what RFC 8259 does not allow") {
  CHECK(normal_or_code("") == "io.json.syntax");
  CHECK(normal_or_code("{,}") == "io.json.syntax");
  CHECK(normal_or_code("[1,]") == "io.json.syntax");
  CHECK(normal_or_code("01") == "io.json.syntax");
  CHECK(normal_or_code("1.") == "io.json.syntax");
  CHECK(normal_or_code("-") == "io.json.syntax");
  CHECK(normal_or_code("1e999") == "io.json.syntax");
  CHECK(normal_or_code("{} {}") == "io.json.syntax");
  CHECK(normal_or_code("\"tab\there\"") == "io.json.syntax");  // raw control character
  CHECK(normal_or_code(R"("\ud800")") == "io.json.syntax");    // half a surrogate pair
  CHECK(normal_or_code(R"("\x")") == "io.json.syntax");
  CHECK(normal_or_code("\"\xC0\xAF\"") == "io.json.syntax");  // overlong UTF-8
  CHECK(normal_or_code("\"\xE2\x82\"") == "io.json.syntax");  // a code point cut in half
  CHECK(normal_or_code("NaN") == "io.json.syntax");
}

TEST_CASE("a repeated member is an error naming the member and both places") {
  joinedup::diagnostics d;
  const std::string text = "{\n  \"amount\": \"120000000.00\",\n  \"amount\": \"1.00\"\n}";
  CHECK(normal_or_code(text, &d) == "io.json.duplicate_key");
  REQUIRE(d.size() == 1);
  CHECK(d[0].path == "/amount");
  CHECK(d[0].line == 3u);
  CHECK(d[0].column == 3u);
  CHECK(d[0].message.find("line 2, column 3") != std::string::npos);
  // Nested objects are checked too; the same name in sibling objects is fine.
  CHECK(normal_or_code(R"({"a":{"x":1},"b":{"x":2}})") == R"({"a":{"x":1},"b":{"x":2}})");
  CHECK(normal_or_code(R"({"a":[{"x":1,"x":1}]})") == "io.json.duplicate_key");
}

TEST_CASE("nesting is bounded at 64 levels") {
  const auto nested = [](std::size_t n) { return std::string(n, '[') + std::string(n, ']'); };
  CHECK(normal_or_code(nested(64)) == nested(64));
  joinedup::diagnostics d;
  CHECK(normal_or_code(nested(65), &d) == "io.json.depth");
  CHECK(d[0].column == 65u);  // the 65th bracket
  // 100,000 levels: refused at once, no stack or memory exhausted.
  CHECK(normal_or_code(nested(100000)) == "io.json.depth");
  CHECK(normal_or_code("{\"a\":" + std::string(100000, '[')) == "io.json.depth");
}

TEST_CASE("syntax errors give line and column") {
  joinedup::diagnostics d;
  CHECK(normal_or_code("{\n  \"a\": 1,\n  \"b\" 2\n}", &d) == "io.json.syntax");
  CHECK(d[0].line == 3u);
  CHECK(d[0].column == 7u);
  CHECK(d[0].path == "/b");
  CHECK(d[0].message.find("expected ':' after the member name") != std::string::npos);
}
