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
