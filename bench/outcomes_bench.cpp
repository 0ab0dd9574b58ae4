// Benchmarks of the outcomes statistics: the issue asks for at least 20 million proportion or
// crude-rate intervals a second on one core and 2 million 19-band DSRs a second.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "joinedup/io/fingertips_import.hpp"
#include "joinedup/outcomes/batch.hpp"
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

// The columnar path (outcomes/batch.hpp) against a bare loop of the same formulas written inline
// here, and against the per-value functions over the same inputs. Each iteration answers a block
// of 4096 proportions or rates, or 512 areas of 19-band DSRs; items are elements.
namespace {

constexpr std::size_t block = 4096;
constexpr std::size_t dsr_areas = 512;

/// Inputs and output columns for one benchmark.
struct columns {
  std::vector<double> x, n, value, lower, upper;
  std::vector<jo::batch_status> status;
  explicit columns(std::size_t size)
      : x(size), n(size), value(size), lower(size), upper(size), status(size) {}
  [[nodiscard]] jo::batch_output out() { return {value, {{{lower, upper}, {}}}, status}; }
};

/// Proportions x of n: x from 0 to n, n from 1000 to 1012.
columns proportion_inputs() {
  columns c(block);
  for (std::size_t i = 0; i < block; ++i) {
    c.n[i] = static_cast<double>(1000 + i % 13);
    c.x[i] = static_cast<double>(i % 1001);
  }
  return c;
}

/// Crude rates with 10 or more events (Byar's): 10 to 999 events per 50000 to 54095 people.
columns byars_inputs() {
  columns c(block);
  for (std::size_t i = 0; i < block; ++i) {
    c.x[i] = static_cast<double>(10 + i % 990);
    c.n[i] = static_cast<double>(50000 + i);
  }
  return c;
}

/// 512 areas × 19 bands of events and populations, every area with 10 or more events.
void dsr_inputs(std::vector<double>& ev, std::vector<double>& pop) {
  ev.resize(dsr_areas * 19);
  pop.resize(dsr_areas * 19);
  for (std::size_t a = 0; a < dsr_areas; ++a) {
    for (std::size_t b = 0; b < 19; ++b) {
      ev[a * 19 + b] = static_cast<double>((a * 7 + b * 3) % 23 + (b > 12 ? 5 : 0));
      pop[a * 19 + b] = static_cast<double>(4000 + (a * 131 + b * 977) % 3000);
    }
  }
}

}  // namespace

static void wilson_95_batch(benchmark::State& state) {
  columns c = proportion_inputs();
  const jo::confidence_levels conf = jo::confidence_levels::ninety_five();
  for (auto _ : state) {
    auto e = jo::proportions(c.x, c.n, conf, 100, c.out());
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(c.value.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block));
}
BENCHMARK(wilson_95_batch);

static void wilson_95_bare_loop(benchmark::State& state) {
  columns c = proportion_inputs();
  const double z = jo::z_95;
  const double z2 = z * z;
  const double m = 100;
  for (auto _ : state) {
    for (std::size_t i = 0; i < block; ++i) {
      const double x = c.x[i], n = c.n[i];
      c.value[i] = x / n * m;
      const double root = z * std::sqrt(z2 + 4 * x * (1 - (x / n)));
      c.lower[i] = (2 * x + z2 - root) / 2 / (n + z2) * m;
      c.upper[i] = (2 * x + z2 + root) / 2 / (n + z2) * m;
    }
    benchmark::DoNotOptimize(c.value.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block));
}
BENCHMARK(wilson_95_bare_loop);

static void wilson_95_per_value(benchmark::State& state) {
  columns c = proportion_inputs();
  const jo::confidence_levels conf = jo::confidence_levels::ninety_five();
  for (auto _ : state) {
    for (std::size_t i = 0; i < block; ++i) {
      auto r = jo::proportion(c.x[i], c.n[i], conf, 100);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block));
}
BENCHMARK(wilson_95_per_value);

static void byars_95_batch(benchmark::State& state) {
  columns c = byars_inputs();
  const jo::confidence_levels conf = jo::confidence_levels::ninety_five();
  for (auto _ : state) {
    auto e = jo::crude_rates(c.x, c.n, conf, 100000, c.out());
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(c.value.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block));
}
BENCHMARK(byars_95_batch);

static void byars_95_bare_loop(benchmark::State& state) {
  columns c = byars_inputs();
  const double z = jo::z_95;
  const double m = 100000;
  for (auto _ : state) {
    for (std::size_t i = 0; i < block; ++i) {
      const double o = c.x[i], n = c.n[i];
      c.value[i] = o / n * m;
      const double cl = 1 - 1 / (9 * o) - z / (3 * std::sqrt(o));
      const double cu = 1 - 1 / (9 * (o + 1)) + z / (3 * std::sqrt(o + 1));
      c.lower[i] = o * (cl * cl * cl) / n * m;
      c.upper[i] = (o + 1) * (cu * cu * cu) / n * m;
    }
    benchmark::DoNotOptimize(c.value.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block));
}
BENCHMARK(byars_95_bare_loop);

static void byars_95_per_value(benchmark::State& state) {
  columns c = byars_inputs();
  const jo::confidence_levels conf = jo::confidence_levels::ninety_five();
  for (auto _ : state) {
    for (std::size_t i = 0; i < block; ++i) {
      auto r = jo::crude_rate(c.x[i], c.n[i], conf, 100000);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block));
}
BENCHMARK(byars_95_per_value);

static void dsr_19_bands_95_batch(benchmark::State& state) {
  std::vector<double> ev, pop;
  dsr_inputs(ev, pop);
  columns c(dsr_areas);
  const jo::confidence_levels conf = jo::confidence_levels::ninety_five();
  for (auto _ : state) {
    auto e = jo::dsrs(ev, pop, {}, 19, conf, 100000, c.out());
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(c.value.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(dsr_areas));
}
BENCHMARK(dsr_19_bands_95_batch);

static void dsr_19_bands_95_bare_loop(benchmark::State& state) {
  std::vector<double> ev, pop;
  dsr_inputs(ev, pop);
  columns c(dsr_areas);
  const double z = jo::z_95;
  const double m = 100000;
  double sum_w = 0;
  for (double w : jo::esp2013)
    sum_w += w;
  for (auto _ : state) {
    for (std::size_t a = 0; a < dsr_areas; ++a) {
      double o = 0, sum_wt = 0, sum_sq = 0;
      for (std::size_t b = 0; b < 19; ++b) {
        const double x = ev[a * 19 + b], n = pop[a * 19 + b], w = jo::esp2013[b];
        o += x;
        sum_wt += x * w / n;
        sum_sq += x * (w / n) * (w / n);
      }
      const double value = sum_wt / sum_w * m;
      const double scale = std::sqrt(1 / (sum_w * sum_w) * sum_sq / o);
      const double cl = 1 - 1 / (9 * o) - z / (3 * std::sqrt(o));
      const double cu = 1 - 1 / (9 * (o + 1)) + z / (3 * std::sqrt(o + 1));
      c.value[a] = value;
      c.lower[a] = value + scale * (o * (cl * cl * cl) - o) * m;
      c.upper[a] = value + scale * ((o + 1) * (cu * cu * cu) - o) * m;
    }
    benchmark::DoNotOptimize(c.value.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(dsr_areas));
}
BENCHMARK(dsr_19_bands_95_bare_loop);

static void dsr_19_bands_95_per_value(benchmark::State& state) {
  std::vector<double> ev, pop;
  dsr_inputs(ev, pop);
  const jo::confidence_levels conf = jo::confidence_levels::ninety_five();
  for (auto _ : state) {
    for (std::size_t a = 0; a < dsr_areas; ++a) {
      auto r = jo::dsr(std::span<const double>(ev.data() + a * 19, 19),
                       std::span<const double>(pop.data() + a * 19, 19), {}, conf, 100000);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(dsr_areas));
}
BENCHMARK(dsr_19_bands_95_per_value);

/// `outcomes import-fingertips`: a download of 10 indicators for every upper-tier local authority
/// (153) and England over 12 years, persons and both sexes (so two thirds of the rows are left
/// out by the choice of sex), in Fingertips' 27-column layout.
void import_fingertips_download(benchmark::State& state) {
  std::string csv =
      "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
      "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI "
      "99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to "
      "England value or percentiles,Compared to Region value or percentiles,Time period "
      "Sortable,New data,Compared to goal,Time period range\n";
  std::size_t rows = 0;
  for (int ind = 0; ind < 10; ++ind) {
    for (int area = 0; area < 154; ++area) {
      for (int year = 2012; year < 2024; ++year) {
        for (const char* sex : {"Persons", "Male", "Female"}) {
          csv += std::to_string(90000 + ind) + ",Indicator,E12000001,Region,E06" +
                 std::to_string(100000 + area) + ",Area,UA," + sex + ",65+ yrs,,," +
                 std::to_string(year) + "/" + std::to_string((year + 1) % 100) +
                 ",41.2,36.1,46.5,34.6,48.2,150,364,,No significant change,Similar,Similar," +
                 std::to_string(year) + "0000,,,1y\n";
          ++rows;
        }
      }
    }
  }
  for (auto _ : state) {
    joinedup::diagnostics d;
    const joinedup::io::fingertips_import r = joinedup::io::import_fingertips(csv, {}, d);
    if (r.rows_mapped * 3 != rows) state.SkipWithError("rows were not mapped");
    benchmark::DoNotOptimize(r.csv.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(import_fingertips_download)->Unit(benchmark::kMillisecond);
