// Tests for joinedup/io/outcomes.hpp: round trips of the catalogue, framework and measurements,
// diagnostics with lines for bad CSV, and the JSON-lines answers of `outcomes stats` and `spc`.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include "joinedup/io/outcomes.hpp"

namespace jo = joinedup::outcomes;
namespace io = joinedup::io;
using nlohmann::json;

namespace {
std::string slurp(const std::string& rel) {
  std::ifstream in(std::string(JOINEDUP_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
/// True when `d` holds a diagnostic with this code at this path.
bool has(const joinedup::diagnostics& d, std::string_view code, std::string_view path) {
  for (const joinedup::diagnostic& x : d) {
    if (x.code == code && x.path == path) return true;
  }
  return false;
}
json stats(const std::string& line, bool& ok) {
  return json::parse(io::answer_stats_line(line, 1, ok));
}
}  // namespace

TEST_CASE("catalogue and framework round trips") {
  joinedup::diagnostics d;
  const auto cat = io::read_outcomes_catalogue(slurp("data/indicators/catalogue.json"), d);
  REQUIRE(cat);
  CHECK(d.empty());
  const std::string once = io::write_outcomes_catalogue(*cat);
  const auto again = io::read_outcomes_catalogue(once, d);
  CHECK(io::write_outcomes_catalogue(*again) == once);
  CHECK(again->indicators.size() == cat->indicators.size());
  const auto fw = io::read_outcomes_framework(slurp("data/demo/outcomes-framework.json"), d);
  REQUIRE(fw);
  io::validate_outcomes_framework(*fw, d);
  CHECK(d.empty());
  const std::string f1 = io::write_outcomes_framework(*fw);
  CHECK(io::write_outcomes_framework(*io::read_outcomes_framework(f1, d)) == f1);
  CHECK(fw->targets.size() == 4);
}

TEST_CASE("outcomes: every shipped catalogue and framework reads cleanly and round-trips") {
  // Every JSON file under data/ and examples/ whose "schema" is one of the two outcomes
  // documents: it reads and validates with no diagnostic at all, writing it and reading that
  // back gives the same document, and the written document holds the same members and values
  // as the shipped one (apart from "notes" and "sources", which are for people, and the
  // defaults the writer spells out).
  namespace fs = std::filesystem;
  const fs::path root(JOINEDUP_SOURCE_DIR);
  std::size_t catalogues = 0;
  std::size_t frameworks = 0;
  for (const char* dir : {"data", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      const std::string rel = fs::relative(entry.path(), root).generic_string();
      const std::string text = slurp(rel);
      const json shipped = json::parse(text, nullptr, false);
      if (!shipped.is_object() || !shipped.contains("schema") || !shipped["schema"].is_string()) {
        continue;
      }
      const std::string schema = shipped["schema"].get<std::string>();
      json expected = shipped;
      expected.erase("notes");
      expected.erase("sources");
      CAPTURE(rel);
      joinedup::diagnostics d;
      if (schema == io::outcomes_catalogue_schema) {
        ++catalogues;
        const auto cat = io::read_outcomes_catalogue(text, d);
        REQUIRE(cat);
        jo::validate_catalogue(*cat, d);
        CHECK(d.empty());
        const std::string once = io::write_outcomes_catalogue(*cat);
        CHECK(json::parse(once) == expected);
        joinedup::diagnostics d2;
        const auto again = io::read_outcomes_catalogue(once, d2);
        REQUIRE(again);
        CHECK(d2.empty());
        CHECK(io::write_outcomes_catalogue(*again) == once);
      } else if (schema == io::outcomes_framework_schema) {
        ++frameworks;
        // The writer always writes a target's trajectory, "none" when the document leaves it out.
        for (json& t : expected["targets"]) {
          if (!t.contains("trajectory")) t["trajectory"] = "none";
        }
        const auto fw = io::read_outcomes_framework(text, d);
        REQUIRE(fw);
        io::validate_outcomes_framework(*fw, d);
        CHECK(d.empty());
        const std::string once = io::write_outcomes_framework(*fw);
        CHECK(json::parse(once) == expected);
        joinedup::diagnostics d2;
        const auto again = io::read_outcomes_framework(once, d2);
        REQUIRE(again);
        CHECK(d2.empty());
        CHECK(io::write_outcomes_framework(*again) == once);
      }
    }
  }
  CHECK(catalogues >= 1);  // data/indicators/catalogue.json
  CHECK(frameworks >= 2);  // data/demo/outcomes-framework.json, the Northmoor example
}

TEST_CASE("framework problems are reported with paths") {
  joinedup::diagnostics d;
  CHECK(!io::read_outcomes_framework("{\"schema\":\"joinedup/outcomes-catalogue/v1\"}", d));
  CHECK(d.contains("io.json.schema"));
  joinedup::diagnostics d2;
  const auto fw = io::read_outcomes_framework(
      R"({"schema":"joinedup/outcomes-framework/v1","name":"x","domains":[],"indicators":[
          {"id":"a","title":"A","domain":"d","method":"funnel","polarity":"up"}],
          "targets":[{"indicator":"b","value":1,"due":"2026-03-31","trajectory":"curvy"}],
          "benchmarks":[{"indicator":"c","name":"England","value":1}],"extra":1})",
      d2);
  REQUIRE(fw);
  io::validate_outcomes_framework(*fw, d2);
  // An unknown enumeration name is the project-wide io.json.enum (formerly
  // outcomes.catalogue.method, outcomes.catalogue.polarity and outcomes.target.trajectory).
  CHECK(has(d2, "io.json.enum", "/indicators/0/method"));
  CHECK(has(d2, "io.json.enum", "/indicators/0/polarity"));
  CHECK(has(d2, "io.json.enum", "/targets/0/trajectory"));
  CHECK(d2.contains("outcomes.target.unknown_indicator"));
  CHECK(d2.contains("outcomes.benchmark.unknown_indicator"));
  CHECK(d2.contains("io.json.unknown_field"));
}

TEST_CASE("framework numbers: periods, comparison level and wrong types") {
  joinedup::diagnostics d;
  const auto fw = io::read_outcomes_framework(
      R"({"schema":"joinedup/outcomes-framework/v1","name":"x","comparison_level":0.9,
          "domains":[{"id":"d","title":"D"}],"indicators":[{"id":"a","title":"A","domain":"d",
          "method":"dsr","polarity":"no_judgement","multiplier":"100"}],
          "targets":[{"indicator":"a","value":1,"due":"2026-03-31","periods":12.0},
                     {"indicator":"a","value":1,"due":"2026-03-31","periods":0},
                     {"indicator":"a","due":"2026-03-31","periods":1.5}]})",
      d);
  REQUIRE(fw);
  CHECK(fw->targets.size() == 3);
  CHECK(fw->targets[0].periods == 12);  // any JSON number that is a whole number
  CHECK(has(d, "outcomes.target.periods", "/targets/1/periods"));
  CHECK(has(d, "outcomes.target.periods", "/targets/2/periods"));
  CHECK(has(d, "io.json.missing", "/targets/2/value"));
  CHECK(has(d, "io.json.type", "/indicators/0/multiplier"));
  CHECK(fw->catalogue.indicators[0].multiplier == 1);
  CHECK(has(d, "outcomes.framework.comparison_level", "/comparison_level"));
  CHECK(fw->comparison_level == 0.95);
}

TEST_CASE("measurements CSV round trip and line-numbered diagnostics") {
  joinedup::diagnostics d;
  const auto rows = io::read_outcomes_measurements(slurp("data/demo/outcomes-measurements.csv"), d);
  CHECK(d.empty());
  REQUIRE(rows.size() > 20);
  const std::string once = io::write_outcomes_measurements(rows);
  joinedup::diagnostics d2;
  CHECK(io::write_outcomes_measurements(io::read_outcomes_measurements(once, d2)) == once);
  joinedup::diagnostics bad;
  const auto some = io::read_outcomes_measurements(
      "indicator,area,period,period_end,numerator,colour\n"
      "a,E1,Q1,2025-06-30,12,red\n"
      "a,E1,Q2,2025-02-30,1x,blue\n"
      "a,E1,Q3\n"
      "\"a, quoted\",E1,Q4,2026-03-31,NA,green\n",
      bad);
  CHECK(some.size() == 2);
  CHECK(some[1].indicator == "a, quoted");
  CHECK(!some[1].numerator);
  CHECK(bad.contains("outcomes.csv.unknown_column"));
  CHECK(bad.find("outcomes.csv.date")->line == 3);
  CHECK(bad.find("outcomes.csv.number")->line == 3);
  CHECK(bad.find("outcomes.csv.columns")->line == 4);
  joinedup::diagnostics empty;
  CHECK(io::read_outcomes_measurements("", empty).empty());
  CHECK(empty.contains("outcomes.csv.header"));
  joinedup::diagnostics blank;
  CHECK(
      io::read_outcomes_measurements("indicator,area,period,period_end\n,E1,Q1,2025-06-30\n", blank)
          .empty());
  CHECK(blank.contains("outcomes.csv.required"));
}

TEST_CASE("stats JSON lines: one level, two levels, nulls with reasons, errors") {
  bool ok = false;
  const json p = stats(
      R"({"method":"proportion","numerator":65,"denominator":100,"confidence":0.95,"multiplier":100})",
      ok);
  CHECK(ok);
  CHECK(p["method"] == "Wilson");
  CHECK(p["statistic"] == "percentage");
  CHECK(p["lower"].get<double>() == doctest::Approx(55.25444329688797).epsilon(1e-12));
  const json two = stats(R"({"method":"crude_rate","numerator":5,"denominator":1000,
                            "confidence":[0.95,0.998]})",
                         ok);
  CHECK(two["method"] == "Exact");
  CHECK(two["lower_95"].get<double>() == doctest::Approx(162.34863901184204).epsilon(1e-12));
  CHECK(two.contains("upper_99_8"));
  CHECK(two["confidence"] == "95%, 99.8%");
  const json sup = stats(R"({"method":"dsr","numerators":[1,2],"denominators":[100,100],
                            "standard_population":[50,50]})",
                         ok);
  CHECK(ok);
  CHECK(sup["value"].is_null());
  CHECK(sup["reason"] == "dsr NA for total count < 10");
  CHECK(sup["statistic"] == "dsr NA for total count < 10");
  const json bad = stats(R"({"method":"proportion","numerator":11,"denominator":10})", ok);
  CHECK(!ok);
  CHECK(bad["error"]["code"] == "outcomes.stats.numerator_exceeds_denominator");
  CHECK(bad["error"]["path"] == "/numerator");
  CHECK(stats("{not json", ok)["error"]["code"] == "outcomes.stats.syntax");
  CHECK(stats(R"({"method":"funnel"})", ok)["error"]["code"] == "outcomes.stats.method");
  CHECK(stats(R"({"method":"proportion","numerator":"1","denominator":2})", ok)["error"]["code"] ==
        "outcomes.stats.request");
  CHECK(stats(R"({"method":"mean","values":[1,2,3],"confidence":0.5})", ok)["error"]["code"] ==
        "outcomes.stats.confidence");
  const json warn = stats(R"({"method":"count","numerator":3,"colour":"red"})", ok);
  CHECK(ok);
  CHECK(warn["warnings"][0]["code"] == "outcomes.stats.unknown_field");
  const json na = stats(R"({"method":"proportion","numerator":null,"denominator":10})", ok);
  CHECK(na["value"].is_null());
  CHECK(na["method"] == "Wilson");
}

TEST_CASE("spc JSON lines") {
  bool ok = false;
  const json r = json::parse(io::answer_spc_line(
      R"({"values":[1,2,1,2,1,2,1,2,1,2,10],"improvement_direction":"increase","target":3})", 4,
      ok));
  CHECK(ok);
  CHECK(r["line"] == 4);
  CHECK(r["variation"] == "improvement_high");
  CHECK(r["assurance"] == "inconsistent");
  CHECK(r["special_cause"][10] == "improvement");
  CHECK(r["special_cause"][0] == "concern");
  CHECK(r["points"][10]["rule"] == "Above UCL");
  CHECK(r["groups"][0]["upl"].get<double>() == doctest::Approx(25.0 / 11 + 2.66));
  const json flat = json::parse(io::answer_spc_line(R"({"values":[5,5,5]})", 1, ok));
  CHECK(flat["groups"][0]["upl"].is_null());
  CHECK(flat["groups"][0].contains("reason"));
  CHECK(flat["assurance"].is_null());
  const json bad =
      json::parse(io::answer_spc_line(R"({"values":[1,2],"fix_after_n_points":5})", 2, ok));
  CHECK(!ok);
  CHECK(bad["error"]["path"] == "/fix_after_n_points");
  // null is a missing value and is charted; a value of another type is refused.
  CHECK(json::parse(io::answer_spc_line(R"({"values":[1,"2"]})", 1, ok))["error"]["code"] ==
        "outcomes.spc.value");
  CHECK(json::parse(io::answer_spc_line(R"({"values":[1,null]})", 1, ok))["points"][1]["value"]
            .is_null());
  CHECK(json::parse(io::answer_spc_line(R"({"values":[1],"improvement_direction":"up"})", 1,
                                        ok))["error"]["code"] == "outcomes.spc.direction");
  CHECK(json::parse(io::answer_spc_line("[]", 1, ok))["error"]["code"] == "outcomes.spc.request");
  CHECK(json::parse(io::answer_spc_line("{", 1, ok))["error"]["code"] == "outcomes.spc.syntax");
}
