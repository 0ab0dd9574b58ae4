// joinedup benchmarks: the ledger CSV reader (rows per second), building the ledger summary
// from transactions, and forecasting with the variance report.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/ledger.hpp"
#include "joinedup/io/ledger_csv.hpp"

namespace {

using namespace joinedup;
using namespace joinedup::budget;

/// A 2025-26 fund of `n` lines over three schemes and three sources (one paid by two partners).
pooled_fund make_fund(std::size_t n) {
  pooled_fund f;
  f.year = financial_year::starting(2025);
  f.partners = {{"icb", "ICB", partner_kind::icb, "QZX", ""},
                {"council", "Council", partner_kind::council, "", "E06000099"}};
  f.contributions = {{"icb", "nhs_minimum", money::from_pence(2'000'000'000), {}},
                     {"council", "la_better_care_grant", money::from_pence(1'000'000'000), {}},
                     {"icb", "discharge", money::from_pence(200'000'000), {}},
                     {"council", "discharge", money::from_pence(100'000'000), {}}};
  const char* sources[] = {"nhs_minimum", "la_better_care_grant", "discharge"};
  for (std::size_t i = 0; i < n; ++i) {
    expenditure_line l;
    l.id = (i < 9 ? "L0" : "L") + std::to_string(i + 1);
    l.scheme = "S" + std::to_string(i % 3);
    l.source = sources[i % 3];
    l.planned = money::from_pence(100'000'000);
    f.lines.push_back(l);
  }
  return f;
}

/// xorshift64*: the same rows on every run.
struct rng {
  std::uint64_t s = 0x9E3779B97F4A7C15ULL;
  std::uint64_t operator()() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545F4914F6CDD1DULL;
  }
};

/// A ledger CSV of `rows` rows like bench/gen_ledger.py writes.
std::string make_csv(const pooled_fund& f, std::size_t rows) {
  rng r;
  std::string csv = "date,line,amount,kind,reference\n";
  csv.reserve(rows * 44 + 64);
  const std::chrono::sys_days first{f.year.first_day()};
  const char* kinds[] = {"actual", "actual",  "actual",     "actual",     "actual",
                         "actual", "accrual", "commitment", "adjustment", "actual"};
  char buf[96];
  for (std::size_t i = 0; i < rows; ++i) {
    const std::chrono::year_month_day d{first + std::chrono::days{r() % 365}};
    const std::uint64_t pence = 1'000 + r() % 400'000;
    const int n = std::snprintf(
        buf, sizeof buf, "%04d-%02u-%02u,%s,%llu.%02llu,%s,INV-%07zu\n", static_cast<int>(d.year()),
        static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()),
        f.lines[r() % f.lines.size()].id.c_str(), static_cast<unsigned long long>(pence / 100),
        static_cast<unsigned long long>(pence % 100), kinds[r() % 10], i);
    csv.append(buf, static_cast<std::size_t>(n));
  }
  return csv;
}

void BM_ledger_csv_parse(benchmark::State& state) {
  const pooled_fund f = make_fund(static_cast<std::size_t>(state.range(1)));
  const auto rows = static_cast<std::size_t>(state.range(0));
  const std::string csv = make_csv(f, rows);
  for (auto _ : state) {
    diagnostics d;
    io::ledger_load load = io::read_ledger_csv(csv, f, d);
    benchmark::DoNotOptimize(load.control.total);
    if (load.control.rows_accepted != rows) state.SkipWithError("rows were rejected");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(csv.size()));
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(rows),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ledger_csv_parse)
    ->Args({1'000'000, 12})
    ->Args({1'000'000, 400})
    ->Unit(benchmark::kMillisecond);

void BM_ledger_summary_add(benchmark::State& state) {
  const pooled_fund f = make_fund(static_cast<std::size_t>(state.range(1)));
  const auto rows = static_cast<std::size_t>(state.range(0));
  rng r;
  struct row {
    std::size_t line;
    std::chrono::sys_days date;
    money amount;
    transaction_kind kind;
  };
  std::vector<row> input;
  const std::chrono::sys_days first{f.year.first_day()};
  for (std::size_t i = 0; i < rows; ++i) {
    input.push_back({r() % f.lines.size(), first + std::chrono::days{r() % 365},
                     money::from_pence(static_cast<std::int64_t>(r() % 400'000)),
                     transaction_kinds[r() % 4]});
  }
  for (auto _ : state) {
    ledger_summary s(f);
    for (const row& x : input)
      benchmark::DoNotOptimize(s.add(x.line, x.date, x.amount, x.kind));
    benchmark::DoNotOptimize(s.transaction_count());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ledger_summary_add)
    ->Args({1'000'000, 12})
    ->Args({1'000'000, 400})
    ->Unit(benchmark::kMillisecond);

void BM_forecast_and_variance(benchmark::State& state) {
  const pooled_fund f = make_fund(static_cast<std::size_t>(state.range(0)));
  diagnostics d;
  const io::ledger_load load = io::read_ledger_csv(make_csv(f, 100'000), f, d);
  const std::chrono::year_month_day as_of{std::chrono::year{2025}, std::chrono::November,
                                          std::chrono::day{30}};
  for (auto _ : state) {
    const outturns o =
        forecast_outturns(f, load.summary, as_of, forecast_method::commitments_plus_profile);
    const variance_report r = make_variance_report(f, o);
    benchmark::DoNotOptimize(r.fund.variance);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_forecast_and_variance)->Arg(12)->Arg(400)->Unit(benchmark::kMicrosecond);

}  // namespace
