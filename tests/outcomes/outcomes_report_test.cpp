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
