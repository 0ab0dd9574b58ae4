// Tests for joinedup/io/area.hpp: the area profile document (data/demo/area.json).
#include "joinedup/io/area.hpp"

#include <doctest/doctest.h>

#include "joinedup/io/file.hpp"

using joinedup::diagnostics;
using joinedup::io::read_area_profile;

TEST_CASE("the bundled demo area reads, validates and round-trips") {
  const auto text =
      joinedup::io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/data/demo/area.json");
  REQUIRE(text.has_value());
  diagnostics diags;
  const auto area = read_area_profile(*text, diags);
  REQUIRE(area.has_value());
  CHECK(diags.empty());
  CHECK(area->year.to_string() == "2025-26");
  CHECK(area->partners.size() == 2);
  // The partners' contributions to the demo fund on the as-of date (data/demo/budget-fund.json
  // with data/demo/budget-events.json applied; tests/io/demo_area_test.cpp ties them out).
  REQUIRE(area->amounts.size() == 7);
  CHECK(area->amounts[1].amount == joinedup::money::from_pence(150'000'000));
  CHECK(area->amounts[2].amount == joinedup::money::from_pence(30'000'000));  // "£300,000.00"
  // The fourth person's number fails Modulus 11 (check value 10): one masked error.
  joinedup::io::validate_area_profile(*area, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "core.nhs_number.check_digit");
  CHECK(diags[0].path == "/people/3/nhs_number");
  CHECK(diags[0].message.find("9991234560") == std::string::npos);
  // Writing and reading back loses nothing, and writing again is byte-identical.
  const std::string written = joinedup::io::write_area_profile(*area);
  diagnostics again;
  const auto back = read_area_profile(written, again);
  REQUIRE(back.has_value());
  CHECK(again.empty());
  CHECK(joinedup::io::write_area_profile(*back) == written);
  CHECK(back->amounts[2].amount == area->amounts[2].amount);
  CHECK(back->people[0].nhs_number == area->people[0].nhs_number);
}

TEST_CASE("a bad area profile reports every problem with a path") {
  const char* doc = R"({
    "schema": "joinedup/area/v1",
    "name": "x",
    "hwb_gss_code": "E07000001",
    "financial_year": "2025-27",
    "as_of": "2025-02-30",
    "partners": [{"key": "a", "name": "A"}, {"key": "b", "name": "B", "ods_code": "!!"}],
    "amounts": [{"label": "m", "amount": 12.5}, {"label": "n", "amount": "1.005", "partner": "zz"}],
    "people": [{"label": "p", "nhs_number": "12345"}],
    "colour": "blue"
  })";
  diagnostics diags;
  const auto area = read_area_profile(doc, diags);
  REQUIRE(area.has_value());
  joinedup::io::validate_area_profile(*area, diags);
  auto path_of = [&](const char* code) {
    const auto* d = diags.find(code);
    return d == nullptr ? std::string("(none)") : d->path;
  };
  CHECK(path_of("io.json.unknown_field") == "/colour");
  CHECK(path_of("core.period.financial_year") == "/financial_year");
  CHECK(path_of("core.date.invalid") == "/as_of");
  CHECK(path_of("io.json.type") == "/amounts/0/amount");
  CHECK(path_of("core.money.precision") == "/amounts/1/amount");
  CHECK(path_of("io.area.partner_code") == "/partners/0");
  CHECK(path_of("core.ods_code.syntax") == "/partners/1/ods_code");
  CHECK(path_of("io.area.unknown_partner") == "/amounts/1/partner");
  CHECK(path_of("core.nhs_number.syntax") == "/people/0/nhs_number");
  CHECK(path_of("io.area.hwb_code") == "/hwb_gss_code");
  CHECK(diags.has_errors());
}

TEST_CASE("unreadable documents stop with a fatal diagnostic") {
  diagnostics d1;
  CHECK_FALSE(read_area_profile("not json", d1).has_value());
  CHECK(d1[0].code == "io.json.syntax");
  CHECK(d1[0].severity == joinedup::severity::fatal);
  diagnostics d2;
  CHECK_FALSE(read_area_profile(R"({"schema": "joinedup/fund/v1"})", d2).has_value());
  CHECK(d2[0].code == "io.json.schema");
  diagnostics d3;
  CHECK_FALSE(read_area_profile("[1, 2]", d3).has_value());
  CHECK(d3[0].code == "io.json.schema");
  // Found by fuzzing: a number out of double's range, and a deeply nested schema value.
  diagnostics d4;
  CHECK_FALSE(read_area_profile("1e999", d4).has_value());
  CHECK(d4[0].code == "io.json.syntax");
  diagnostics d5;
  const std::string deep = "{\"schema\":" + std::string(3000, '[') + std::string(3000, ']') + "}";
  CHECK_FALSE(read_area_profile(deep, d5).has_value());
  // Since the one strict reader, nesting past 64 levels stops reading before any field is looked
  // at (docs/diagnostics.md, io.json.depth).
  CHECK(d5[0].code == "io.json.depth");
  CHECK(d5[0].severity == joinedup::severity::fatal);
}

TEST_CASE("an amount in accounting style, in brackets, is negative") {
  // data/schema/area.schema.json: "(150,000.00)" for a negative sum.
  const char* doc = R"doc({"schema": "joinedup/area/v1", "name": "x", "hwb_gss_code": "E06000099",
    "financial_year": "2025-26", "as_of": "2025-11-30", "partners": [{"key": "c", "name": "C"}],
    "amounts": [{"label": "a reduction", "amount": "(150,000.00)", "partner": "c"}],
    "people": []})doc";
  diagnostics diags;
  const auto area = read_area_profile(doc, diags);
  REQUIRE(area.has_value());
  CHECK(diags.empty());
  REQUIRE(area->amounts.size() == 1);
  CHECK(area->amounts[0].amount == joinedup::money::from_pence(-15'000'000));
}
