// Benchmarks for the care module. Issue targets: validating 1,000,000 plans already in memory
// in under 1 second on one core; loading care records from JSON at 100 MB/s or more.
#include <benchmark/benchmark.h>

#include <joinedup/care/guarantee.hpp>
#include <joinedup/care/validate.hpp>
#include <joinedup/io/care.hpp>
#include <string>
#include <vector>

namespace {

using namespace joinedup;
using namespace joinedup::care;
using namespace std::chrono_literals;

/// The as-of date every benchmark uses; plans are agreed in the year before it.
const std::chrono::sys_days as_of(2025y / 11 / 30);

/// A synthetic caseload of `n` people, each with one plan (two needs, two services, a personal
/// budget, five events, one assignment), and one case manager per 1,000 plans. NHS numbers are
/// valid Modulus 11 numbers counted up from 400 000 000.
care_records make_records(std::size_t n) {
  care_records r;
  r.schemes = {line_id("NM-BCF-01"), line_id("NM-BCF-02")};
  const std::size_t managers = n / 1000 + 1;
  for (std::size_t m = 0; m < managers; ++m) {
    r.case_managers.push_back({case_manager_id("cm-" + std::to_string(m)),
                               "Case manager",
                               "social worker",
                               "Council",
                               1100,
                               {}});
  }
  r.people.reserve(n);
  r.plans.reserve(n);
  std::uint64_t base = 400'000'000;
  for (std::size_t i = 0; i < n; ++i) {
    std::string nine;
    std::optional<int> check;
    do {
      nine = std::to_string(base++);
      check = nhs_number::check_digit_for(nine);
    } while (!check);
    const std::string nhs = nine + static_cast<char>('0' + *check);
    const date agreed = std::chrono::sys_days(2025y / 1 / 1) + std::chrono::days{i % 200};
    person p;
    p.nhs_number = nhs;
    p.council = "E06000099";
    p.gp_practice = "Z99001";
    p.eligibility.care_act = true;
    p.complex_needs = true;
    p.assessed_on = date{std::chrono::sys_days(agreed) - std::chrono::days{30}};
    r.people.push_back(std::move(p));

    care_plan plan;
    plan.id = plan_id("P" + std::to_string(i));
    plan.nhs_number = nhs;
    const date reviewed = std::chrono::sys_days(agreed) + std::chrono::days{50};
    plan.history = {{event_kind::drafted, agreed, {}, {}},
                    {event_kind::agreed, agreed, "person and worker", {}},
                    {event_kind::activated, agreed, {}, {}},
                    {event_kind::review_started, reviewed, {}, {}},
                    {event_kind::review_completed, reviewed, {}, {}}};
    plan.needs = {{"n1", "personal care", true, false, "home care"},
                  {"n2", "nursing", true, true, "district nurse"}};
    plan.outcomes = {{"n1", "stay at home", 2026y / 6 / 1, "no admissions"}};
    service s;
    s.id = "s1";
    s.scheme = line_id("NM-BCF-01");
    s.start = agreed;
    s.unit_price = rate::from_micros(24'500'000);
    s.units_per_week = ratio::of(21, 2);  // £257.25 a week
    s.funded_by = funder::council;
    s.meets = {"n1"};
    service nurse = s;
    nurse.id = "s2";
    nurse.kind = service_kind::health;
    nurse.scheme = line_id("NM-BCF-02");
    nurse.unit_price = rate::from_micros(48'000'000);
    nurse.units_per_week = ratio::whole(3);  // £144.00
    nurse.funded_by = funder::nhs;
    nurse.meets = {"n2"};
    plan.services = {std::move(s), std::move(nurse)};
    plan.budget = personal_budget{money::from_pence(25725), money::from_pence(5000),
                                  money::from_pence(20725), std::nullopt, money::from_pence(14400)};
    plan.involved.person = true;
    plan.contingency = "duty team";
    plan.assignments = {
        {case_manager_id("cm-" + std::to_string(i / 1000)), agreed, std::nullopt, "allocated"}};
    r.plans.push_back(std::move(plan));
  }
  return r;
}

const care_records& million() {
  static const care_records r = make_records(1'000'000);
  return r;
}

void care_validate_1m_plans(benchmark::State& state) {
  const care_records& r = million();
  const review_policy policy = default_review_policy();
  std::size_t found = 0;
  for (auto _ : state) {
    diagnostics d;
    const validation_summary s = validate(r, as_of, policy, d);
    found = d.size();
    benchmark::DoNotOptimize(s);
  }
  state.counters["diagnostics"] = static_cast<double>(found);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(r.plans.size()));
}
BENCHMARK(care_validate_1m_plans)->Unit(benchmark::kMillisecond)->Iterations(3);

void care_guarantee_1m_plans(benchmark::State& state) {
  const care_records& r = million();
  const review_policy policy = default_review_policy();
  for (auto _ : state) {
    guarantee_measures m = measure_guarantee(r, policy, as_of);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(r.plans.size()));
}
BENCHMARK(care_guarantee_1m_plans)->Unit(benchmark::kMillisecond)->Iterations(3);

/// Reading: `pretty` selects indented or one-line JSON of 100,000 plans.
void care_read_json(benchmark::State& state) {
  static const care_records r = make_records(100'000);
  const bool pretty = state.range(0) != 0;
  const std::string text = io::write_care_records(r, pretty);
  std::size_t plans = 0;
  for (auto _ : state) {
    diagnostics d;
    std::optional<care_records> back = io::read_care_records(text, d);
    plans = back ? back->plans.size() : 0;
    benchmark::DoNotOptimize(back);
  }
  state.counters["plans"] = static_cast<double>(plans);
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(care_read_json)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

void care_write_json(benchmark::State& state) {
  static const care_records r = make_records(100'000);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string text = io::write_care_records(r, true);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}
BENCHMARK(care_write_json)->Unit(benchmark::kMillisecond);

}  // namespace
