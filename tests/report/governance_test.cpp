// Tests for joinedup/report/governance.hpp: governance results as output tables. Expected values
// are worked by hand: percentages exact to one place half up, Wilson 95% limits from the formula
// (centre (x + z²/2)/(n + z²), half-width z·√(x(n−x)/n + z²/4)/(n + z²), z = 1.959964).
#include "joinedup/report/governance.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace joinedup;
using namespace std::chrono_literals;

namespace {
/// Measures on 2025-11-30: 3 of 4 services joint, £2 of £3 pooled, 20 of 80 residents.
governance::progress_measures sample_measures() {
  governance::progress_measures m;
  m.as_of = 2025y / 11 / 30;
  m.pooled_spend = {"pooled_spend_share", "pooled", "pence", 200, 300};
  m.population_covered = {"population_covered", "covered", "residents", 20, 80};
  m.joint_services = {"joint_services", "joint", "services", 3, 4};
  const governance::coverage_record covered{
      2025y / 3 / 31, governance::coverage_measure::integrated_arrangements, 15, 80, "lists"};
  m.ambitions = {
      {"quarter_by_2026", ratio::of(1, 4), 2026y / 3 / 31, governance::ambition_state::not_yet_due,
       5, governance::coverage_measure::integrated_arrangements, covered},
      {"half_by_2024", ratio::of(1, 2), 2024y / 3 / 31, governance::ambition_state::not_assessable,
       0, governance::coverage_measure::new_care_models, std::nullopt}};
  return m;
}
}  // namespace

TEST_CASE("progress: measures and ambitions are two named tables, measures first") {
  governance::progress_input in;
  in.area = "Northmoor";
  in.ambitions = {
      {"quarter_by_2026", "a quarter covered", ratio::of(1, 4), 2026y / 3 / 31,
       "NHS Long Term Plan", "R", governance::coverage_measure::integrated_arrangements},
      {"half_by_2024", "", ratio::of(1, 2), 2024y / 3 / 31, "made up", "U",
       governance::coverage_measure::new_care_models}};
  const std::vector<report::table> t = report::governance_progress_tables(in, sample_measures());
  REQUIRE(t.size() == 2);
  CHECK(t[0].name == "measures");
  CHECK(t[1].name == "ambitions");
  CHECK(t[0].title == "Integration progress in Northmoor on 2025-11-30");
  // 200/300 = 66.666…% → 66.7; pence have no sampling interval.
  CHECK(t[0].rows[0] ==
        std::vector<std::string>{"pooled_spend_share", "pence", "200", "300", "66.7", "", ""});
  // Residents are not people counted in a sample either: 20/80 = 25.0, no limits.
  CHECK(t[0].rows[1] ==
        std::vector<std::string>{"population_covered", "residents", "20", "80", "25.0", "", ""});
  // 3 of 4 services: Wilson 95% limits 30.064…% and 95.441…%.
  CHECK(t[0].rows[2] ==
        std::vector<std::string>{"joint_services", "services", "3", "4", "75.0", "30.1", "95.4"});
  // 15 of 80 on 2025-03-31 = 18.75% -> 18.8; a quarter of 80 is 20: 5 short. The reason names
  // the coverage used.
  CHECK(t[1].rows[0] ==
        std::vector<std::string>{"quarter_by_2026", "25.0%", "2026-03-31", "not_yet_due", "5", "R",
                                 "NHS Long Term Plan", "integrated_arrangements", "2025-03-31",
                                 "15", "80",
                                 "15 of 80 residents (18.8%) on 2025-03-31 fall short of 25.0% "
                                 "by 5 residents"});
  // Not assessable: no shortfall, no coverage, and why.
  CHECK(t[1].rows[1] ==
        std::vector<std::string>{"half_by_2024", "50.0%", "2024-03-31", "not_assessable", "", "U",
                                 "made up", "new_care_models", "", "", "",
                                 "no new_care_models coverage is dated on or before 2024-03-31"});
  // CSV is one table per file: the measures, with the header the CLI has always written.
  CHECK(report::render(t, report::output_format::csv)
            .starts_with("measure,unit,numerator,denominator,percent,lower95,upper95\n"
                         "pooled_spend_share,pence,200,300,66.7,,\n"));
  CHECK(report::render(*report::find_table(t, "ambitions"), report::output_format::csv) ==
        "ambition,share,by,state,residents_short,confidence,source,measure,measured_on,covered,"
        "residents,reason\n"
        "quarter_by_2026,25.0%,2026-03-31,not_yet_due,5,R,NHS Long Term Plan,"
        "integrated_arrangements,2025-03-31,15,80,15 of 80 residents (18.8%) on 2025-03-31 fall "
        "short of 25.0% by 5 residents\n"
        "half_by_2024,50.0%,2024-03-31,not_assessable,,U,made up,new_care_models,,,,no "
        "new_care_models coverage is dated on or before 2024-03-31\n");
}

TEST_CASE("decision: one row per reason, or one row with none") {
  governance::request r;
  r.id = "REQ-7";
  governance::decision d;
  d.outcome = governance::outcome::permitted;
  d.rule = "R2";
  CHECK(report::governance_decision_table(r, d).rows ==
        std::vector<std::vector<std::string>>{{"REQ-7", "permitted", "R2", "", ""}});
  d.outcome = governance::outcome::denied;
  d.reasons = {{governance::reason_kind::self_approval, "A approved own request"},
               {governance::reason_kind::quorum_not_met, "needs 2, has 1"}};
  const report::table t = report::governance_decision_table(r, d);
  CHECK(t.name == "reasons");
  CHECK(report::render(t, report::output_format::csv) ==
        "request,outcome,rule,reason,message\n"
        "REQ-7,denied,R2,self_approval,A approved own request\n"
        "REQ-7,denied,R2,quorum_not_met,\"needs 2, has 1\"\n");
}

TEST_CASE("check: the summary counts errors with fatals, and warnings") {
  governance::commissioner c;
  c.name = "Northmoor";
  governance::check_summary s;
  s.returns = 4;
  s.overdue = 1;
  diagnostics diags;
  diags.error("x.a", "", "a");
  diags.add("x.b", severity::fatal, "", "b");
  diags.warning("x.c", "", "c");
  CHECK(report::governance_check_summary(c, s, diags, std::chrono::sys_days(2025y / 11 / 30)) ==
        "Northmoor on 2025-11-30: accounting officer 0 in post (need 1); 4 returns, 1 overdue, 0 "
        "late, 0 HWB sign-off(s) missing, 0 fund(s) on no line of accountability; 2 error(s), 1 "
        "warning(s)\n");
  const report::table t =
      report::governance_returns_table(c, std::chrono::sys_days(2025y / 11 / 30));
  CHECK(t.name == "returns");
  CHECK(t.rows.empty());
  CHECK(report::render(t, report::output_format::csv) ==
        "line,body,cadence,period,due,submitted,state,days_overdue,hwb_sign_off\n");
}

TEST_CASE("progress: settings, organisations and trends tables after the ambitions") {
  governance::progress_input in;
  governance::integration_measures x;
  const financial_year y = financial_year::starting(2025);
  const std::vector<governance::year_period> q = governance::periods_to(
      y, governance::period_kind::quarter, std::chrono::sys_days{2025y / 9 / 30});
  REQUIRE(q.size() == 2);
  // Settings: planned £600 community, £300 acute, £100 other on the date; Q1 planned the same and
  // spent £1 community and £2 acute (community 1/3 = 33.3%, acute 66.7%).
  governance::setting_spend planned{money::from_pence(60000), money::from_pence(30000),
                                    money::from_pence(10000)};
  governance::setting_spend spent{money::from_pence(100), money::from_pence(200), money{}};
  governance::settings_measure s;
  s.planned = planned;
  s.periods = {{q[0], planned, spent}};
  // Acute 30% -> 1/3 of spend: up 3.33 points (1/3 - 3/10 = 1/30), worse.
  s.acute_planned = governance::trend{"Q1", "Q2", ratio::of(3, 10), ratio::of(1, 3),
                                      governance::trend_direction::up};
  x.settings = s;
  // Organisations: 3 people, 7 organisations (7/3 = 2.33) on 30 June, then down to 2: -0.33.
  governance::organisations_count c;
  c.people = 3;
  c.organisations = 7;
  c.distribution = {0, 0, 2, 1, 0};
  x.organisations = governance::organisations_measure{
      c,
      {{q[0], c}},
      governance::trend{"Q1", "Q2", ratio::of(7, 3), ratio::of(2, 1),
                        governance::trend_direction::down}};
  const std::vector<report::table> t = report::governance_progress_tables(in, sample_measures(), x);
  REQUIRE(t.size() == 5);
  CHECK(t[2].name == "settings");
  CHECK(t[3].name == "organisations");
  CHECK(t[4].name == "trends");
  // The measures end with the planned shares (600/1000 = 60.0%, 300/1000 = 30.0%) and the mean
  // (no percentage); no ledger, so no shares spent.
  CHECK(t[0].rows.size() == 6);
  CHECK(t[0].rows[3] == std::vector<std::string>{"community_share_planned", "pence", "60000",
                                                 "100000", "60.0", "", ""});
  CHECK(t[0].rows[5] == std::vector<std::string>{"organisations_per_person", "organisations", "7",
                                                 "3", "", "", ""});
  CHECK(t[2].rows ==
        std::vector<std::vector<std::string>>{
            {"2025-26 Q1", "2025-06-30", "planned", "600.00", "300.00", "100.00", "1000.00", "60.0",
             "30.0"},
            {"2025-26 Q1", "2025-06-30", "spent", "1.00", "2.00", "0.00", "3.00", "33.3", "66.7"}});
  CHECK(t[3].rows == std::vector<std::vector<std::string>>{
                         {"2025-26 Q1", "2025-06-30", "3", "7", "2.33", "0", "0", "2", "1", "0"}});
  // 2 - 7/3 = -1/3 -> -0.33, down, better (fewer organisations); 1/3 - 3/10 = 1/30 = 3.33
  // points, up, worse (more acute).
  CHECK(t[4].rows ==
        std::vector<std::vector<std::string>>{
            {"organisations_per_person", "Q1", "Q2", "2.33", "2.00", "-0.33", "down", "better"},
            {"acute_share_planned", "Q1", "Q2", "30.0", "33.3", "3.33", "up", "worse"}});
  const std::string json = report::governance_progress_json(in, sample_measures(), x);
  CHECK(json.find("\"trends\": [") != std::string::npos);
  CHECK(json.find("\"change\": -0.33") != std::string::npos);
}
