// Tests for joinedup/report/outcomes.hpp: the scorecard as table, CSV and JSON.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "joinedup/report/outcomes.hpp"

namespace jo = joinedup::outcomes;
using namespace std::chrono;

TEST_CASE("scorecard renderings carry the same row") {
  jo::scorecard_row r;
  r.indicator = "reablement_91_days";
  r.area = "E06000099";
  r.period = "2025-26";
  r.period_end = 2026y / March / 31;
  r.statistic = *jo::proportion(65, 100, jo::confidence_levels::both(), 100);
  r.benchmark = 50;
  r.benchmark_name = "England";
  r.compared = jo::comparison::better;
  r.status = jo::target_status::met;
  r.target_value = 60;
  r.target_due = 2026y / March / 31;
  const std::vector<jo::scorecard_row> rows = {r};
  const std::string text = joinedup::report::scorecard_text(rows);
  CHECK(text.find("65.00") != std::string::npos);
  CHECK(text.find("55.25 to 73.64") != std::string::npos);
  const std::string csv = joinedup::report::scorecard_csv(rows);
  CHECK(csv.find("reablement_91_days,,E06000099,2025-26,2026-03-31,65,55.25444329688797") !=
        std::string::npos);
  const auto j = nlohmann::json::parse(joinedup::report::scorecard_json(rows, "2026-03-31"));
  CHECK(j["schema"] == "joinedup/outcomes-scorecard/v1");
  CHECK(j["rows"][0]["comparison"] == "better");
  CHECK(j["rows"][0]["lower_99_8"].get<double>() ==
        doctest::Approx(49.549465740704477).epsilon(1e-12));
  CHECK(j["rows"][0]["assurance"].is_null());
}

TEST_CASE("the scorecard table: the CSV header and cells of earlier releases, one renderer") {
  jo::scorecard_row r;
  r.indicator = "delayed_discharge";
  r.domain = "flow";
  r.area = "E06000099";
  r.period = "2025-Q1";
  r.period_end = 2025y / June / 30;
  r.withheld = "small_numbers";
  r.points = 3;
  const joinedup::report::table t = joinedup::report::scorecard_table({r});
  CHECK(t.name == "scorecard");
  REQUIRE(t.columns.size() == 24);
  // Withheld: no value, no intervals, no method; comparison, status and SPC as named.
  CHECK(joinedup::report::scorecard_csv({r}) ==
        "indicator,domain,area,period,period_end,value,lower_95,upper_95,lower_99_8,upper_99_8,"
        "method,statistic,withheld,benchmark_name,benchmark,comparison,target,target_due,expected,"
        "status,point,variation,assurance,points\n"
        "delayed_discharge,flow,E06000099,2025-Q1,2025-06-30,,,,,,,,small_numbers,,," +
            std::string(jo::to_string(r.compared)) + ",,,," + std::string(jo::to_string(r.status)) +
            "," + std::string(jo::to_string(r.point)) + "," +
            std::string(jo::to_string(r.variation)) + ",,3\n");
}

TEST_CASE("the latest row of each indicator and area") {
  // Rows as build_scorecard gives them: a, a, b (area X), b (area Y); latest: a#2, bX, bY.
  std::vector<jo::scorecard_row> rows(4);
  rows[0].indicator = rows[1].indicator = "a";
  rows[2].indicator = rows[3].indicator = "b";
  rows[0].area = rows[1].area = rows[2].area = "X";
  rows[3].area = "Y";
  rows[0].period = "1";
  rows[1].period = "2";
  const auto latest = joinedup::report::scorecard_latest(rows);
  REQUIRE(latest.size() == 3);
  CHECK(latest[0].period == "2");
  CHECK(latest[1].area == "X");
  CHECK(latest[2].area == "Y");
  CHECK(joinedup::report::scorecard_latest({}).empty());
}

TEST_CASE("a catalogue as a table: grouped by domain, legacy codes joined") {
  jo::catalogue c;
  c.name = "Test";
  c.version = "2025-26";
  c.domains = {{"independence", "Independence"}, {"flow", "Flow"}};
  jo::indicator_definition falls;
  falls.id = "falls";
  falls.title = "Falls admissions";
  falls.domain = "flow";
  falls.method = jo::indicator_method::crude_rate;
  falls.multiplier = 100000;
  falls.polarity = jo::polarity::lower_is_better;
  falls.confidence = "C";
  jo::indicator_definition home = falls;
  home.id = "at_home_91_days";
  home.domain = "independence";
  home.multiplier = 100;
  home.legacy_codes = {{"ASCOF", "2B"}, {"BCF", "R1"}};
  jo::indicator_definition stray = falls;
  stray.id = "stray";
  stray.domain = "elsewhere";
  c.indicators = {falls, home, stray};
  const joinedup::report::table t = joinedup::report::catalogue_table(c);
  CHECK(t.title == "Test (2025-26): 2 domains, 3 indicators, 0 crosswalk rows");
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0][1] == "at_home_91_days");  // independence is the first domain
  CHECK(t.rows[0][5] == "100");
  CHECK(t.rows[0][8] == "ASCOF 2B, BCF R1");
  CHECK(t.rows[1][1] == "falls");
  CHECK(t.rows[1][5] == "100000");
  CHECK(t.rows[2][1] == "stray");  // a domain not listed comes last
  const auto j = nlohmann::ordered_json::parse(joinedup::report::catalogue_document(
      R"({"schema": "joinedup/diagnostics/v1", "errors": 0})", t));
  CHECK(j.begin().key() == "schema");
  CHECK(j["errors"] == 0);
  CHECK(j["rows"][1]["multiplier"] == 100000);
  CHECK(j["rows"][1]["polarity"] == "lower_is_better");
}
