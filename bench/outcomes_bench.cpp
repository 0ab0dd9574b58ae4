// Benchmarks of the outcomes statistics: the issue asks for at least 20 million proportion or
// crude-rate intervals a second on one core and 2 million 19-band DSRs a second.
#include <benchmark/benchmark.h>

#include <vector>

#include "joinedup/outcomes/spc.hpp"
#include "joinedup/outcomes/statistics.hpp"

namespace jo = joinedup::outcomes;

static void proportion_wilson_95(benchmark::State& state) {
  const jo::confidence_levels c = jo::confidence_levels::ninety_five();
  double x = 0;
  for (auto _ : state) {
    auto r = jo::proportion(x, 1000, c, 100);
    benchmark::DoNotOptimize(r);
    x = x >= 999 ? 0 : x + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(proportion_wilson_95);

static void proportion_wilson_both(benchmark::State& state) {
  const jo::confidence_levels c = jo::confidence_levels::both();
  double x = 0;
  for (auto _ : state) {
    auto r = jo::proportion(x, 1000, c, 100);
    benchmark::DoNotOptimize(r);
    x = x >= 999 ? 0 : x + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(proportion_wilson_both);

static void crude_rate_byars_95(benchmark::State& state) {
  const jo::confidence_levels c = jo::confidence_levels::ninety_five();
  double x = 10;
  for (auto _ : state) {
    auto r = jo::crude_rate(x, 50000, c, 100000);
    benchmark::DoNotOptimize(r);
    x = x >= 1000 ? 10 : x + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(crude_rate_byars_95);

static void crude_rate_mixed_exact_byars_95(benchmark::State& state) {
  // Counts 0..99: one in ten uses the exact limits (tabulated for whole counts).
  const jo::confidence_levels c = jo::confidence_levels::ninety_five();
  double x = 0;
  for (auto _ : state) {
    auto r = jo::crude_rate(x, 50000, c, 100000);
    benchmark::DoNotOptimize(r);
    x = x >= 99 ? 0 : x + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(crude_rate_mixed_exact_byars_95);

static void exact_poisson_untabulated(benchmark::State& state) {
  // A confidence level with no table: two chi-square quantiles per call.
  const jo::confidence_levels c = *jo::confidence_levels::single(0.99);
  double x = 0;
  for (auto _ : state) {
    auto r = jo::crude_rate(x, 50000, c, 100000);
    benchmark::DoNotOptimize(r);
    x = x >= 9 ? 0 : x + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(exact_poisson_untabulated);

static void dsr_19_bands_both(benchmark::State& state) {
  const std::vector<double> x = {0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 14, 20, 25, 30, 22};
  const std::vector<double> n = {5000, 5200, 5100, 5300, 5800, 6000, 6200, 6400, 6300, 6100,
                                 6000, 5600, 5200, 4800, 4300, 3500, 2400, 1500, 900};
  const jo::confidence_levels c = jo::confidence_levels::both();
  for (auto _ : state) {
    auto r = jo::dsr(x, n, {}, c, 100000);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(dsr_19_bands_both);

static void spc_24_points(benchmark::State& state) {
  std::vector<double> v;
  for (int i = 0; i < 24; ++i)
    v.push_back(100 + (i * 37) % 11 + (i > 17 ? 15 : 0));
  jo::spc_options o;
  o.target = 110;
  for (auto _ : state) {
    auto r = jo::analyse_spc(v, o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(spc_24_points);
