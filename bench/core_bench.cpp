// Benchmarks for the core vocabulary: money parse, format, add, allocate.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <joinedup/core/allocate.hpp>
#include <joinedup/core/format.hpp>
#include <joinedup/core/money.hpp>
#include <random>
#include <string>
#include <vector>

namespace {

std::vector<std::string> sample_texts() {
  std::mt19937_64 gen(42);
  std::uniform_int_distribution<std::int64_t> pence(-100'000'000'000, 100'000'000'000);
  std::vector<std::string> out;
  for (int i = 0; i < 1024; ++i) {
    const joinedup::money m = joinedup::money::from_pence(pence(gen));
    out.push_back(
        m.to_string(i % 2 == 0 ? joinedup::money_style::decimal : joinedup::money_style::display));
  }
  return out;
}

void money_parse(benchmark::State& state) {
  const std::vector<std::string> texts = sample_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = joinedup::money::parse(texts[i++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(money_parse);

void money_format_decimal(benchmark::State& state) {
  joinedup::money m = joinedup::money::from_pence(123'456'789);
  for (auto _ : state) {
    std::string s = m.to_string();
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(money_format_decimal);

void money_format_fmt_display(benchmark::State& state) {
  joinedup::money m = joinedup::money::from_pence(-123'456'789);
  for (auto _ : state) {
    std::string s = fmt::format("{}", m);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(money_format_fmt_display);

void money_add_checked(benchmark::State& state) {
  std::vector<joinedup::money> values;
  for (std::int64_t i = 0; i < 4096; ++i)
    values.push_back(joinedup::money::from_pence(i * 37 - 9000));
  for (auto _ : state) {
    joinedup::money sum;
    for (joinedup::money v : values)
      sum += v;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}
BENCHMARK(money_add_checked);

void money_allocate(benchmark::State& state) {
  std::vector<std::int64_t> weights;
  std::mt19937_64 gen(7);
  for (std::int64_t i = 0; i < state.range(0); ++i) {
    weights.push_back(std::uniform_int_distribution<std::int64_t>(1, 1'000'000'000)(gen));
  }
  const joinedup::money total = joinedup::money::from_pence(987'654'321'01);
  for (auto _ : state) {
    auto parts = joinedup::allocate(total, weights);
    benchmark::DoNotOptimize(parts);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(money_allocate)->Arg(2)->Arg(12)->Arg(150)->Arg(10000);

}  // namespace
