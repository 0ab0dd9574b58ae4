// Tests for joinedup/io/budget.hpp: pooled fund JSON round trip, catalogue loading, and bad
// documents reported with paths.
#include "joinedup/io/budget.hpp"

#include <doctest/doctest.h>

#include "joinedup/io/file.hpp"

using namespace joinedup;

TEST_CASE("the example fund reads, and writing it back loses nothing") {
  const auto text =
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/northmoor-fund.json")
          .value();
  diagnostics d;
  const auto fund = io::read_pooled_fund(text, d);
  REQUIRE(fund.has_value());
  CHECK(d.empty());
  CHECK(fund->lines.size() == 11);
  CHECK(fund->lines[1].joint_nhs_share == ratio::percent(60));
  CHECK(fund->contributions[0].instalments.size() == 4);
  CHECK(fund->total_contributions() == money::from_pence(3'989'331'021));
  CHECK(fund->risk_share.risk_pool == money::from_pence(50'000'000));
  // The example file was written by the same writer, so the text is identical.
  CHECK(io::write_pooled_fund(*fund) == text);
  diagnostics d2;
  const auto again = io::read_pooled_fund(io::write_pooled_fund(*fund), d2);
  REQUIRE(again.has_value());
  CHECK(*again == *fund);
}

TEST_CASE("percentages round-trip exactly, including thirds") {
  diagnostics read;
  auto fund = io::read_pooled_fund(
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/northmoor-fund.json")
          .value(),
      read);
  REQUIRE(fund.has_value());
  fund->lines[1].joint_nhs_share = ratio::of(1, 3);
  fund->lines[1].joint_la_share = ratio::of(2, 3);
  const std::string text = io::write_pooled_fund(*fund);
  CHECK(text.find("\"joint_nhs_percent\": \"100/3\"") != std::string::npos);
  diagnostics d;
  CHECK(io::read_pooled_fund(text, d)->lines[1].joint_nhs_share == ratio::of(1, 3));
  fund->lines[1].joint_nhs_share = ratio::parse("0.125").value();
  CHECK(io::write_pooled_fund(*fund).find("\"joint_nhs_percent\": \"12.5\"") != std::string::npos);
}

TEST_CASE("shipped catalogues cover 2023-24 to 2025-26") {
  const auto years = io::shipped_bcf_years();
  REQUIRE(years.size() == 3);
  CHECK(years.front().to_string() == "2023-24");
  const auto c = io::shipped_bcf_catalogue(financial_year::starting(2025)).value();
  CHECK(c.planning_cycle == "2025-26");
  // 2025-26 funding sources (domain notes §1.4): NHS minimum, LA Better Care Grant, DFG,
  // additional LA and additional NHS; DFG is capital and paid to the council.
  CHECK(c.funding_sources.size() == 5);
  const auto* dfg = c.funding_source("DFG");
  REQUIRE(dfg != nullptr);
  CHECK(dfg->capital);
  CHECK(dfg->payer == budget::payer_kind::council);
  CHECK(c.funding_source("icb_discharge") == nullptr);
  // 2023-25 still had the discharge funds and the out-of-hospital ring-fence.
  const auto c24 = io::shipped_bcf_catalogue(financial_year::starting(2024)).value();
  CHECK(c24.funding_source("icb_discharge") != nullptr);
  CHECK(c24.has_ring_fence("nhs_out_of_hospital"));
  CHECK_FALSE(c.has_ring_fence("nhs_out_of_hospital"));
  CHECK(io::shipped_bcf_catalogue(financial_year::starting(2019)).error().code ==
        "budget.catalogue.year");
}

TEST_CASE("a bad fund document reports every problem with a path") {
  const char* doc = R"({
    "schema": "joinedup/fund/v1", "name": "x", "hwb_gss_code": "E06000099",
    "financial_year": "2025-26", "host": "council", "colour": "red",
    "partners": [{"id": "council", "name": "C", "kind": "county"}],
    "agreement": {"reference": "r", "start": "2025-04-01", "end": "2026-03-31"},
    "contributions": [{"partner": "council", "source": "dfg", "amount": 10}],
    "schemes": [],
    "lines": [{"id": "L1", "scheme": "S1", "scheme_type": "other", "area_of_spend": "acute",
               "commissioner": "council", "source": "dfg", "planned": "1.001",
               "joint_nhs_percent": "abc", "capital": "yes"}],
    "risk_share": {"overspend": "split", "underspend": "return_pro_rata"}
  })";
  diagnostics d;
  REQUIRE(io::read_pooled_fund(doc, d).has_value());
  auto path = [&](const char* code) {
    const diagnostic* x = d.find(code);
    return x == nullptr ? std::string("(none)") : x->path;
  };
  CHECK(path("io.json.unknown_field") == "/colour");
  CHECK(path("io.json.enum") == "/partners/0/kind");
  CHECK(path("io.json.type") == "/contributions/0/amount");
  CHECK(path("core.money.precision") == "/lines/0/planned");
  CHECK(path("core.ratio.syntax") == "/lines/0/joint_nhs_percent");
  CHECK(d.count(severity::error) >= 6);
  diagnostics bad;
  CHECK_FALSE(io::read_pooled_fund(R"({"schema": "joinedup/area/v1"})", bad).has_value());
  CHECK(bad[0].code == "io.json.schema");
}
