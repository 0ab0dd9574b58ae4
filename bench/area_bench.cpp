// Benchmark for the area generator (docs/demo-area.md): the demo's full-size area, every file
// made in memory (the fund, about 27,000 ledger rows, 2,000 care plans, 432 measurements, the
// audit trail), and a tenth of it.
#include <benchmark/benchmark.h>

#include <joinedup/io/area_generator.hpp>

namespace {

/// One whole area per iteration; bytes/s counts the files' bytes.
void BM_generate_area(benchmark::State& state) {
  const auto people = static_cast<std::size_t>(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto area = joinedup::io::generate_area({2026, people});
    if (!area) {
      state.SkipWithError("generation failed");
      break;
    }
    bytes = 0;
    for (const auto& f : area->files)
      bytes += f.text.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_generate_area)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace
