// joinedup benchmarks: the ledger CSV reader (rows per second), building the ledger summary
// from transactions, forecasting with the variance report, settling a fund (risk pool, caps,
// capital, a performance-linked element, the Board's decision) and the fund on a date after a
// year of in-year events (`budget at`).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "joinedup/budget/events.hpp"
#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/ledger.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/io/ledger_csv.hpp"
#include "joinedup/io/ledger_import.hpp"

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

/// make_fund(n) with everything a real agreement has: a funded risk pool, underspends offset,
/// caps, a capital line, overrides, a performance-linked element withheld and the Board's
/// decision on underspends retained by the lead commissioner; outturns ±20 % around plan.
struct settle_case {
  pooled_fund fund;
  outturns outs;
};
settle_case make_settle_case(std::size_t n) {
  settle_case c;
  pooled_fund& f = c.fund;
  f = make_fund(n);
  f.host = "council";
  f.contributions.push_back({"council", "dfg", money::from_pence(50'000'000), {}});
  f.lines.back().source = "dfg";
  f.lines.back().capital = true;
  f.lines.back().planned = money::from_pence(50'000'000);
  // Income £33,500,000.00 + the DFG; keep the plan within it and fund a pool from the rest.
  money planned;
  for (expenditure_line& l : f.lines) {
    if (!l.capital) l.planned = money::from_pence(3'000'000'000 / static_cast<std::int64_t>(n));
    if (!l.capital) planned += l.planned;
  }
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::return_pro_rata};
  f.risk_share.offset_underspends = true;
  f.risk_share.risk_pool = money::from_pence(100'000'000);
  f.risk_share.caps = {{"council", money::from_pence(20'000'000)}};
  risk_share_override o;
  o.schemes = {"S1"};
  o.rule = {overspend_rule::commissioner_bears, underspend_rule::retained_by_lead_commissioner};
  f.risk_share.overrides = {o};
  f.risk_share.hwb_decision =
      hwb_underspend_decision{"HWB/26/14", underspend_rule::carry_forward, {"S1"}, {}};
  performance_element e;
  e.partner = "icb";
  e.source = "discharge";
  e.amount = money::from_pence(10'000'000);
  e.target = "non-elective admissions";
  e.met = false;
  f.performance_linked = {e};
  rng r;
  for (const expenditure_line& l : f.lines) {
    const std::int64_t p = l.planned.pence();
    const auto swing = static_cast<std::int64_t>(r() % static_cast<std::uint64_t>(p / 5 * 2 + 1));
    c.outs.push_back({l.id, money::from_pence(p - p / 5 + swing)});
  }
  return c;
}

void BM_settle(benchmark::State& state) {
  const settle_case c = make_settle_case(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    diagnostics d;
    const settlement s = settle(c.fund, c.outs, d);
    if (!s.conserves()) state.SkipWithError("the settlement does not conserve money");
    benchmark::DoNotOptimize(s.variance);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_settle)->Arg(12)->Arg(400)->Arg(5000)->Unit(benchmark::kMicrosecond);

/// `budget at`: the fund on 31 March after `events` virements and contribution variations
/// spread over the year.
void BM_fund_on(benchmark::State& state) {
  const pooled_fund f = make_fund(400);
  fund_events ev;
  const std::chrono::sys_days first{f.year.first_day()};
  rng r;
  for (std::int64_t i = 0; i < state.range(0); ++i) {
    fund_event e;
    e.id = "EV-" + std::to_string(i);
    e.date = std::chrono::year_month_day{first + std::chrono::days{r() % 365}};
    if (i % 10 == 0) {
      e.kind = fund_event_kind::contribution_variation;
      e.partner = "icb";
      e.source = "discharge";
      e.amount = money::from_pence(200'000'000 + static_cast<std::int64_t>(r() % 1'000'000));
    } else {
      e.kind = fund_event_kind::virement;
      e.from_line = f.lines[r() % f.lines.size()].id;
      e.to_line = f.lines[r() % f.lines.size()].id;
      e.amount = money::from_pence(static_cast<std::int64_t>(1 + r() % 10'000));
    }
    ev.events.push_back(e);
  }
  for (auto _ : state) {
    diagnostics d;
    const fund_at_date at = fund_on(f, ev, f.year.last_day(), d);
    benchmark::DoNotOptimize(at.applied.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_fund_on)->Arg(100)->Arg(10'000)->Unit(benchmark::kMillisecond);

/// `budget import-ledger`: an export of `rows` rows in a finance system's shape (its own column
/// names, dd/mm/yyyy dates, amounts with thousands separators, brackets and CR, cost centres and
/// types mapped), read into the ledger CSV.
void BM_import_ledger(benchmark::State& state) {
  rng r;
  std::string csv = "Posting Date,Cost Centre,Account,Net Amount,Type,Doc No\n";
  const auto rows = static_cast<std::size_t>(state.range(0));
  char buf[128];
  for (std::size_t i = 0; i < rows; ++i) {
    const std::uint64_t pence = 1'000 + r() % 40'000'000;
    const char* forms[] = {"\"%llu,%03llu.%02llu\"", "(%llu%03llu.%02llu)",
                           "\"%llu%03llu.%02llu CR\""};
    char amount[48];
    std::snprintf(amount, sizeof amount, forms[i % 3],
                  static_cast<unsigned long long>(pence / 100'000),
                  static_cast<unsigned long long>(pence / 100 % 1000),
                  static_cast<unsigned long long>(pence % 100));
    const int n =
        std::snprintf(buf, sizeof buf, "%02u/%02u/2025,CC%03u,5120,%s,INV,DOC-%07zu\n",
                      static_cast<unsigned>(1 + r() % 28), static_cast<unsigned>(4 + r() % 9),
                      static_cast<unsigned>(r() % 400), amount, i);
    csv.append(buf, static_cast<std::size_t>(n));
  }
  io::ledger_import_options o;
  o.columns = {{"date", "Posting Date"},
               {"line", "Cost Centre"},
               {"amount", "Net Amount"},
               {"kind", "Type"},
               {"reference", "Doc No"}};
  o.date_format = "%d/%m/%Y";
  for (unsigned c = 0; c < 400; ++c) {
    char code[8];
    std::snprintf(code, sizeof code, "CC%03u", c);
    o.line_map[code] = "L" + std::to_string(c + 1);
  }
  o.kind_map = {{"INV", "actual"}};
  for (auto _ : state) {
    diagnostics d;
    const io::ledger_import imp = io::import_ledger(csv, o, d);
    if (imp.rows_mapped != rows) state.SkipWithError("rows were rejected");
    benchmark::DoNotOptimize(imp.csv.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_import_ledger)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
