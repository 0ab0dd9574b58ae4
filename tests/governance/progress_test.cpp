// Tests for joinedup/governance/progress.hpp: integration progress measures as numerator and
// denominator pairs. Facts from docs/sources.md: §S-BCF-PLAN and §S-S75-ARRANGEMENTS (NHS and
// council money pooled under section 75), §S-NAMED-COORDINATOR (a named coordinator for each
// person), §S-HC1583 (the Health Committee's single commissioning process), §S-HC650-PARA26 (new
// care models to cover 20 % of the country by the end of 2017/18 and 50 % by 2020). An ambition is
// judged with the coverage that stood on its own date.
#include "joinedup/governance/progress.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace joinedup;
using namespace joinedup::governance;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {

progress_input northmoor() {
  progress_input p;
  p.area = "Northmoor";
  p.spend = {{"icb", money::from_pence(28640000000), money::from_pence(2676254000)},
             {"council", money::from_pence(13125000000), money::from_pence(1403077021)}};
  p.population = {318400, 97000, "registered lists"};
  p.ambitions = {{"a20", "20% by end of 2017-18", ratio::of(1, 5), 2018y / 3 / 31, "issue 7", "U",
                  coverage_measure::integrated_arrangements},
                 {"a50", "50% by 2020", ratio::of(1, 2), 2020y / 3 / 31, "issue 7", "U",
                  coverage_measure::integrated_arrangements}};
  p.services = {{"reablement", "", {"council", "icb"}},
                {"beds", "", {"icb", "council"}},
                {"equipment", "", {"council", "icb"}},
                {"carers", "", {"council", "icb"}},
                {"falls", "", {"council", "icb"}},
                {"home_care", "", {"council"}},
                {"nursing", "", {"icb"}},
                {"dfg", "", {"council", "council"}}};
  return p;
}

}  // namespace

TEST_CASE("share of combined NHS and council spend in pooled budgets, exact in pence") {
  const progress_measures m = measure_progress(northmoor(), sys_days{2025y / 11 / 30});
  // (26,762,540.00 + 14,030,770.21) / (286,400,000.00 + 131,250,000.00)
  // = 40,793,310.21 / 417,650,000.00 = 9.767…%.
  CHECK(m.pooled_spend.numerator == 4079331021);
  CHECK(m.pooled_spend.denominator == 41765000000);
  CHECK(m.pooled_spend.unit == "pence");
  CHECK(m.pooled_spend.value() == ratio::of(4079331021, 41765000000));
}

TEST_CASE("services jointly commissioned: two or more different partners") {
  const progress_measures m = measure_progress(northmoor(), sys_days{2025y / 11 / 30});
  // Five services with both partners; "dfg" lists the council twice and is not joint.
  CHECK(m.joint_services.numerator == 5);
  CHECK(m.joint_services.denominator == 8);
  // Wilson 95% for 5/8 (indicator-methods.md A.2): 30.57% to 86.32%.
  const result<outcomes::indicator_value> v = to_indicator(m.joint_services);
  REQUIRE(v.has_value());
  CHECK(*v->value == doctest::Approx(62.5));
  CHECK(*v->intervals[0].lower == doctest::Approx(30.574).epsilon(1e-4));
  CHECK(*v->intervals[0].upper == doctest::Approx(86.316).epsilon(1e-4));
}

TEST_CASE("a document without as_of: its population figures describe the day measured") {
  // 97,000 of 318,400 residents = 30.46%, taken as coverage on the day measured.
  const progress_measures m2017 = measure_progress(northmoor(), sys_days{2017y / 6 / 1});
  REQUIRE(m2017.ambitions.size() == 2);
  CHECK(m2017.ambitions[0].state == ambition_state::met);  // 30.46% >= 20%, even before the date
  CHECK(m2017.ambitions[1].state == ambition_state::not_yet_due);
  // 50% of 318,400 is 159,200: 62,200 more residents to cover.
  CHECK(m2017.ambitions[1].residents_short == 62200);
  REQUIRE(m2017.ambitions[1].coverage.has_value());
  CHECK(m2017.ambitions[1].coverage->on == 2017y / 6 / 1);
  // On the date itself it is still due, not missed.
  const progress_measures on_day = measure_progress(northmoor(), sys_days{2020y / 3 / 31});
  CHECK(on_day.ambitions[1].state == ambition_state::not_yet_due);
  // Measured on 2025-11-30, the figures are 2025's: they say nothing of 31 March 2020.
  const progress_measures m2025 = measure_progress(northmoor(), sys_days{2025y / 11 / 30});
  CHECK(m2025.ambitions[1].state == ambition_state::not_assessable);
  CHECK(m2025.ambitions[1].residents_short == 0);
  CHECK_FALSE(m2025.ambitions[1].coverage.has_value());
  CHECK(m2025.population_covered.numerator == 97000);
  CHECK(m2025.population_covered.denominator == 318400);
}

TEST_CASE("ambitions are judged with coverage of their measure dated on or before their date") {
  progress_input p = northmoor();
  p.as_of = 2025y / 11 / 30;
  // The bug this fixes: 2025 coverage made the 2017/18 ambition "met". Now nothing judges it.
  const progress_measures before = measure_progress(p, sys_days{2025y / 11 / 30});
  CHECK(before.ambitions[0].state == ambition_state::not_assessable);
  CHECK(before.ambitions[1].state == ambition_state::not_assessable);

  const auto ncm = coverage_measure::new_care_models;
  p.ambitions.push_back({"ncm20", "", ratio::of(1, 5), 2018y / 3 / 31, "HC 650 para 26", "C", ncm});
  p.ambitions.push_back({"ncm50", "", ratio::of(1, 2), 2020y / 3 / 31, "HC 650 para 26", "C", ncm});
  p.coverage = {{2018y / 3 / 31, ncm, 71400, 310200, ""},
                {2017y / 3 / 31, ncm, 41300, 308700, ""},
                {2020y / 3 / 31, ncm, 121000, 313900, ""}};
  const progress_measures m = measure_progress(p, sys_days{2025y / 11 / 30});
  REQUIRE(m.ambitions.size() == 4);
  // New care models coverage never judges an integrated-arrangements ambition.
  CHECK(m.ambitions[0].state == ambition_state::not_assessable);
  // 20% of 310,200 is 62,040; 71,400 covered on 2018-03-31 (23.0%): met, the latest record on or
  // before the date (not the 2017 one listed after it, nor the 2020 one).
  CHECK(m.ambitions[2].state == ambition_state::met);
  CHECK(m.ambitions[2].residents_short == 0);
  CHECK(m.ambitions[2].coverage->on == 2018y / 3 / 31);
  // 50% of 313,900 is 156,950; 121,000 covered on 2020-03-31 (38.5%): not met, 35,950 short.
  CHECK(m.ambitions[3].state == ambition_state::not_met);
  CHECK(m.ambitions[3].residents_short == 35950);
  CHECK(m.ambitions[3].measure == ncm);
  // On 2017-06-01 only the 2017-03-31 figures are known: 41,300 of 308,700. 20% is 61,740
  // (20,440 short); 50% is 154,350 (113,050 short); neither date has come.
  const progress_measures m2017 = measure_progress(p, sys_days{2017y / 6 / 1});
  CHECK(m2017.ambitions[2].state == ambition_state::not_yet_due);
  CHECK(m2017.ambitions[2].residents_short == 20440);
  CHECK(m2017.ambitions[3].state == ambition_state::not_yet_due);
  CHECK(m2017.ambitions[3].residents_short == 113050);
  // On 2020-03-31 the figures of that day count, and the day is not over: not yet due.
  const progress_measures on_day = measure_progress(p, sys_days{2020y / 3 / 31});
  CHECK(on_day.ambitions[3].state == ambition_state::not_yet_due);
  CHECK(on_day.ambitions[3].residents_short == 35950);
  // Before any figures: not assessable.
  CHECK(measure_progress(p, sys_days{2016y / 1 / 1}).ambitions[2].state ==
        ambition_state::not_assessable);
}

TEST_CASE("coverage_on: a dated record wins over the population block of the same day") {
  progress_input p = northmoor();
  p.as_of = 2025y / 11 / 30;
  const auto ia = coverage_measure::integrated_arrangements;
  const sys_days day{2025y / 11 / 30};
  CHECK(coverage_on(p, ia, day, day)->covered == 97000);  // the population block
  p.coverage = {{2025y / 11 / 30, ia, 98000, 318400, "audit"}};
  CHECK(coverage_on(p, ia, day, day)->covered == 98000);
  CHECK_FALSE(coverage_on(p, coverage_measure::new_care_models, day, day).has_value());
  CHECK_FALSE(coverage_on(p, ia, sys_days{2025y / 11 / 29}, day).has_value());
}

TEST_CASE("exact comparisons and the residents an ambition needs") {
  CHECK(reaches(1, 5, ratio::of(1, 5)));
  CHECK_FALSE(reaches(63679, 318400, ratio::of(1, 5)));  // 19.9997%
  CHECK(reaches(63680, 318400, ratio::of(1, 5)));        // exactly 20%
  CHECK(needed_for(318400, ratio::of(1, 5)) == 63680);
  CHECK(needed_for(3, ratio::of(1, 2)) == 2);  // half of 3 is 1.5: two people
  CHECK_FALSE(reaches(0, 0, ratio::of(1, 5)));
}

TEST_CASE("people with complex needs with an agreed plan and a named case manager") {
  using namespace joinedup::care;
  care_records r;
  r.case_managers = {
      {case_manager_id("A"), "A", "sw", "Council", 5, {}},
      {case_manager_id("C"), "C", "nurse", "ICB", 5, {{2025y / 11 / 24, 2025y / 12 / 5, "leave"}}}};
  const auto add_person = [&](const char* nhs, bool complex) {
    care::person p;
    p.nhs_number = nhs;
    p.complex_needs = complex;
    r.people.push_back(p);
  };
  add_person("9990000018", true);   // agreed plan, case manager A: counts
  add_person("9997654323", true);   // agreed plan, case manager C on leave: does not count
  add_person("9995550180", true);   // draft plan only: does not count
  add_person("9994000128", true);   // agreed plan, no case manager: does not count
  add_person("9998887771", false);  // not complex: not in the denominator
  const auto add_plan = [&](const char* nhs, bool agreed, const char* cm) {
    care_plan p;
    p.id = plan_id(std::string("P-") + nhs);
    p.nhs_number = nhs;
    p.history = {{event_kind::drafted, 2025y / 6 / 1, "x", {}}};
    if (agreed) p.history.push_back({event_kind::agreed, 2025y / 6 / 10, "person", {}});
    if (cm != nullptr) p.assignments = {{case_manager_id(cm), 2025y / 6 / 1, std::nullopt, {}}};
    r.plans.push_back(p);
  };
  add_plan("9990000018", true, "A");
  add_plan("9997654323", true, "C");
  add_plan("9995550180", false, "A");
  add_plan("9994000128", true, nullptr);
  add_plan("9998887771", true, "A");
  const measure m = plan_and_case_manager(r, sys_days{2025y / 11 / 30});
  CHECK(m.numerator == 1);
  CHECK(m.denominator == 4);
  // Before C's leave the second person counts too.
  CHECK(plan_and_case_manager(r, sys_days{2025y / 11 / 1}).numerator == 2);
  // Before anything was agreed nobody counts.
  CHECK(plan_and_case_manager(r, sys_days{2025y / 6 / 5}).numerator == 0);
  const progress_measures all = measure_progress(northmoor(), sys_days{2025y / 11 / 30}, &r);
  REQUIRE(all.plan_and_case_manager.has_value());
  CHECK(all.all().size() == 4);
}

TEST_CASE("check_progress finds impossible figures") {
  progress_input p = northmoor();
  p.spend[0].pooled = money::from_pence(28640000001);  // a penny more than the ICB's total
  p.population.covered = 400000;
  p.ambitions[0].share = ratio::of(6, 5);
  p.services[1].id = "reablement";
  p.coverage = {{2018y / 3 / 31, coverage_measure::new_care_models, 5, 4, ""},
                {2018y / 3 / 31, coverage_measure::new_care_models, 1, 4, ""},
                {2018y / 3 / 31, coverage_measure::integrated_arrangements, 1, 4, ""}};
  diagnostics d;
  check_progress(p, d);
  CHECK(d.find("governance.progress.spend")->path == "/spend/0/pooled");
  CHECK(d.contains("governance.progress.population"));
  CHECK(d.contains("governance.progress.ambition"));
  // 5 covered of 4 residents; then the same measure and date twice (another measure is fine).
  CHECK(std::count_if(d.begin(), d.end(), [](const diagnostic& x) {
          return x.code == "governance.progress.coverage";
        }) == 2);
  CHECK(d.find("governance.progress.coverage")->path == "/coverage/0");
  CHECK(d.find("governance.id.duplicate")->path == "/services/1/id");
  diagnostics clean;
  check_progress(northmoor(), clean);
  CHECK(clean.empty());
}
