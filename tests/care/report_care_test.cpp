// Tests for joinedup/report/care.hpp: care tables (report::table) as text, CSV and JSON, with NHS
// numbers masked.
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

TEST_CASE("care tables keep their CSV columns and JSON types through report::render") {
  // One case manager on 2025-03-10 with capacity 2 and 3 plans: over capacity, spare -1.
  care::care_records r;
  care::case_manager cm;
  cm.id = care::case_manager_id("cm-a");
  cm.name = "A. Lee";
  cm.role = "social worker";
  cm.organisation = "council";
  cm.capacity = 2;
  r.case_managers.push_back(cm);
  const report::table t = report::care_caseload_table(r, {3}, sys_days(2025y / 3 / 10));
  CHECK(t.name == "caseload");
  CHECK(report::render(t, report::output_format::csv) ==
        "case_manager,name,role,organisation,capacity,caseload,spare,status\n"
        "cm-a,A. Lee,social worker,council,2,3,-1,over capacity\n");
  // Text: widths from the longest of header and cells, two spaces apart, numbers right-aligned.
  CHECK(report::render(t, report::output_format::table) ==
        "Caseload on 2025-03-10\n"
        "case_manager  name    role           organisation  capacity  caseload  spare  status\n"
        "cm-a          A. Lee  social worker  council              2         3     -1  over "
        "capacity\n");
  const std::string json =
      report::render(t, report::output_format::json, {"joinedup/care-caseload/v1", nullptr});
  CHECK(json.find("\"schema\": \"joinedup/care-caseload/v1\"") != std::string::npos);
  CHECK(json.find("\"spare\": -1") != std::string::npos);
  // The guarantee's numerator and percent stay JSON strings, as they always were.
  care::guarantee_measures m;
  m.agreed_plan = {2, 3};
  const std::string g =
      report::render(report::care_guarantee_table(m), report::output_format::json);
  CHECK(g.find("\"numerator\": \"2\"") != std::string::npos);
  CHECK(g.find("\"denominator\": 3") != std::string::npos);
  CHECK(g.find("\"percent\": \"66.7\"") != std::string::npos);
}

TEST_CASE("the reviews table masks NHS numbers") {
  care::care_records r;
  care::care_plan p;
  p.id = plan_id("P1");
  p.nhs_number = "9990000018";
  p.history = {{care::event_kind::agreed, 2025y / 1 / 6, "x", {}}};
  r.plans.push_back(p);
  const auto due = care::due_reviews(r, care::default_review_policy(), sys_days(2025y / 3 / 10));
  const report::table t = report::care_reviews_table(r, due);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][1] == "*** *** 0018");
  CHECK(t.rows[0][4] == "2025-03-03");
  CHECK(t.rows[0][6] == "7");
  const report::table g = report::care_guarantee_table(care::guarantee_measures{});
  CHECK(g.rows.size() == 5);
  std::map<line_id, money> spend{{line_id(), money::from_pence(5)},
                                 {line_id("L1"), money::from_pence(100)}};
  const report::table s = report::care_spend_table(spend, "2025-26");
  CHECK(s.rows[0][0] == "(none)");
  CHECK(s.rows[2] == std::vector<std::string>{"total", "1.05"});
}
