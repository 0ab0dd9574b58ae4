// joinedup benchmarks: weighted capitation at scale. Each population has one row per area (a
// persons row for ages 0+ with a need weight and an MFF), so the number of areas equals the
// number of rows: the case in which anything that compares areas with areas shows up. The
// fitted complexity (BigO) is printed after each family; linear work gives "N".
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "joinedup/budget/capitation.hpp"
#include "joinedup/io/capitation.hpp"
#include "joinedup/io/population_import.hpp"

namespace {

using namespace joinedup;
using namespace joinedup::budget;

/// A population CSV of `n` rows, one area each, with need weights and MFFs that vary.
std::string population_csv(std::size_t n) {
  std::string out = std::string(io::population_csv_header) + "\n";
  out.reserve(n * 48);
  for (std::size_t i = 0; i < n; ++i) {
    out += "Area " + std::to_string(i) + ",0+,persons," + std::to_string(1000 + i % 9000) + ",0." +
           std::to_string(500000 + i % 499999) + ",1.0" + std::to_string(i % 90 + 10) + "\n";
  }
  return out;
}

/// The same population in memory, read once.
population make_population(std::size_t n) {
  diagnostics d;
  return io::read_population_csv(population_csv(n), d);
}

/// Runs `body` once per iteration and records the row count for the fitted complexity.
template <class F>
void per_row(benchmark::State& state, F&& body) {
  for (auto _ : state)
    body();
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

/// Reading the CSV text into a population.
void BM_population_read(benchmark::State& state) {
  const std::string text = population_csv(static_cast<std::size_t>(state.range(0)));
  per_row(state, [&] {
    diagnostics d;
    population p = io::read_population_csv(text, d);
    benchmark::DoNotOptimize(p);
  });
}

/// Checking the population (age bands per area and sex, duplicate and unknown MFFs).
void BM_population_validate(benchmark::State& state) {
  const population p = make_population(static_cast<std::size_t>(state.range(0)));
  per_row(state, [&] {
    diagnostics d = validate(p);
    benchmark::DoNotOptimize(d);
  });
}

/// Pricing: weighted population × rate, allocated over every area by largest remainder.
void BM_capitate(benchmark::State& state) {
  const population p = make_population(static_cast<std::size_t>(state.range(0)));
  const rate per_head = *rate::parse("312.40");
  per_row(state, [&] {
    result<capitated_budget> b = capitate(p, per_head, rounding::half_up);
    if (!b || !b->balances()) state.SkipWithError("capitation failed or did not balance");
    benchmark::DoNotOptimize(b);
  });
}

/// Distance from target and a five-year glide over every area.
void BM_pace_of_change(benchmark::State& state) {
  const population p = make_population(static_cast<std::size_t>(state.range(0)));
  const capitated_budget target = *capitate(p, *rate::parse("312.40"), rounding::half_up);
  std::vector<area_amount> baseline;
  for (const area_allocation& a : target.areas)
    baseline.push_back({a.area, a.allocation + money::from_pence(a.people % 7 * 100)});
  const std::vector<money> years(5, target.total);
  per_row(state, [&] {
    result<glide> g = pace_of_change(baseline, target, years);
    if (!g) state.SkipWithError("glide failed");
    benchmark::DoNotOptimize(g);
  });
}

// 10,000, 100,000 and 1,000,000 rows (= areas) each, with the fitted growth.
#define JOINEDUP_PER_AREA(name)       \
  BENCHMARK(name)                     \
      ->RangeMultiplier(10)           \
      ->Range(10'000, 1'000'000)      \
      ->Unit(benchmark::kMillisecond) \
      ->Complexity()
JOINEDUP_PER_AREA(BM_population_read);
JOINEDUP_PER_AREA(BM_population_validate);
JOINEDUP_PER_AREA(BM_capitate);
JOINEDUP_PER_AREA(BM_pace_of_change);

/// `budget import-population`: ONS mid-year estimates by single year of age (0 to 90, both
/// sexes, two year columns) for `areas` areas, summed into 19 five-year bands for one year.
/// 153 areas is every Health and Wellbeing Board in England; 7,000 is about every GP practice.
void BM_import_population(benchmark::State& state) {
  const auto areas = static_cast<std::size_t>(state.range(0));
  std::string csv = "ladcode23,laname23,country,sex,age,population_2022,population_2023\n";
  for (std::size_t a = 0; a < areas; ++a) {
    for (int sex = 1; sex <= 2; ++sex) {
      for (int age = 0; age <= 90; ++age) {
        csv += "E0" + std::to_string(6000000 + a) + ",Area," + "E," + std::to_string(sex) + ',' +
               std::to_string(age) + ',' +
               std::to_string(900 + (a * 7 + static_cast<std::size_t>(age)) % 400) + ",\"1," +
               std::to_string(100 + (a + static_cast<std::size_t>(age)) % 900) + "\"\n";
      }
    }
  }
  io::population_import_options o;
  o.bands = io::parse_age_bands(
                "0-4,5-9,10-14,15-19,20-24,25-29,30-34,35-39,40-44,45-49,50-54,55-59,60-64,65-69,"
                "70-74,75-79,80-84,85-89,90+")
                .value();
  o.year = 2023;
  for (auto _ : state) {
    diagnostics d;
    const io::population_import r = io::import_population(csv, o, d);
    if (d.has_errors() || r.rows_mapped != areas * 182) state.SkipWithError("rows were rejected");
    benchmark::DoNotOptimize(r.csv.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(areas * 182));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_import_population)->Arg(153)->Arg(7'000)->Unit(benchmark::kMillisecond);

}  // namespace
