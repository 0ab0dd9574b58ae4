// Tests for joinedup/report/care.hpp: tables as text, CSV and JSON, with NHS numbers masked.
#include <doctest/doctest.h>

#include "joinedup/report/care.hpp"

using namespace joinedup;
using namespace std::chrono_literals;
using std::chrono::sys_days;

TEST_CASE("percentages are rounded half up to one place") {
  CHECK(report::percent_text(2, 3) == "66.7");
  CHECK(report::percent_text(1, 8) == "12.5");  // exactly 12.5
  CHECK(report::percent_text(1, 16) == "6.3");  // 6.25 → 6.3 (half up)
  CHECK(report::percent_text(0, 5) == "0.0");
  CHECK(report::percent_text(5, 5) == "100.0");
  CHECK(report::percent_text(1, 0).empty());
}

TEST_CASE("a table renders as text, CSV and JSON") {
  report::care_table t;
  t.title = "T";
  t.columns = {"name", "count"};
  t.numeric = {false, true};
  t.rows = {{"a, b", "12"}, {"c", ""}};
  CHECK(report::render_text(t) == "T\nname  count\na, b     12\nc\n");
  CHECK(report::render_csv(t) == "name,count\n\"a, b\",12\nc,\n");
  const std::string json = report::render_json(t, "joinedup/x/v1");
  CHECK(json.find("\"count\": 12") != std::string::npos);
  CHECK(json.find("\"count\": null") != std::string::npos);
}

TEST_CASE("the reviews table masks NHS numbers") {
  care::care_records r;
  care::care_plan p;
  p.id = plan_id("P1");
  p.nhs_number = "9990000018";
  p.history = {{care::event_kind::agreed, 2025y / 1 / 6, "x", {}}};
  r.plans.push_back(p);
  const auto due = care::due_reviews(r, care::default_review_policy(), sys_days(2025y / 3 / 10));
  const report::care_table t = report::care_reviews_table(r, due);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][1] == "*** *** 0018");
  CHECK(t.rows[0][4] == "2025-03-03");
  CHECK(t.rows[0][6] == "7");
  const report::care_table g = report::care_guarantee_table(care::guarantee_measures{});
  CHECK(g.rows.size() == 5);
  std::map<line_id, money> spend{{line_id(), money::from_pence(5)},
                                 {line_id("L1"), money::from_pence(100)}};
  const report::care_table s = report::care_spend_table(spend, "2025-26");
  CHECK(s.rows[0][0] == "(none)");
  CHECK(s.rows[2] == std::vector<std::string>{"total", "1.05"});
}
