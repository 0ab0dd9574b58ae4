// Benchmarks for the audit trail: durable appends (flock, one write, fsync) per second, and
// streaming verification of a 20,000-entry log (parse, canonical form, SHA-256, chain) in MB/s.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <joinedup/io/audit_log.hpp>
#include <string>

namespace {

using namespace joinedup;
using namespace joinedup::governance;

/// A file name in the temporary folder, unique to this process.
std::string temp_log(const char* name) {
  return (std::filesystem::temp_directory_path() /
          (std::string("joinedup-bench-") + std::to_string(::getpid()) + "-" + name))
      .string();
}

/// A typical entry: a virement with an amount and a small details object (about 430 bytes).
audit_draft virement(std::int64_t i) {
  return audit_draft{.at = std::chrono::sys_seconds{std::chrono::seconds{1'750'000'000 + i}},
                     .actor = "S. Hale, Director of Finance, Northmoor Council",
                     .action = audit_action::virement,
                     .subject = "Northmoor Better Care Fund 2025-26",
                     .amount = money::from_pence(15'000'000 + i),
                     .details = R"({"from":"L05","reason":"carers respite slippage","to":"L01"})"};
}

/// Appends with fsync: items/s is appends per second on this disk.
void BM_append_fsync(benchmark::State& state) {
  const std::string log = temp_log("append.jsonl");
  std::filesystem::remove(log);
  std::int64_t i = 0;
  for (auto _ : state) {
    diagnostics diags;
    auto r = io::append_audit_entry(log, virement(i++), diags);
    if (!r) state.SkipWithError("append failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["log_bytes"] = static_cast<double>(std::filesystem::file_size(log));
  std::filesystem::remove(log);
}
BENCHMARK(BM_append_fsync)->Unit(benchmark::kMicrosecond)->MinTime(2.0)->UseRealTime();

/// Verifies a 20,000-entry log written once (without fsync per entry, to set it up quickly);
/// bytes/s is the verification throughput.
void BM_verify(benchmark::State& state) {
  const std::string log = temp_log("verify.jsonl");
  {
    std::string text;
    audit_entry last;
    for (std::int64_t i = 0; i < 20'000; ++i) {
      const audit_draft d = virement(i);
      last = seal_next_entry(i == 0 ? nullptr : &last, d, *d.at, io::sha256_hex);
      text += audit_line(last) + '\n';
    }
    std::FILE* f = std::fopen(log.c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(log));
  for (auto _ : state) {
    diagnostics diags;
    const io::audit_verify_summary s = io::verify_audit_log(log, diags);
    if (!diags.empty() || s.chain.entries != 20'000) state.SkipWithError("log did not verify");
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * 20'000);
  std::filesystem::remove(log);
}
BENCHMARK(BM_verify)->Unit(benchmark::kMillisecond);

/// SHA-256 alone over one canonical entry, for comparison.
void BM_sha256_entry(benchmark::State& state) {
  const audit_draft d = virement(1);
  const audit_entry e = seal_next_entry(nullptr, d, *d.at, io::sha256_hex);
  const std::string canonical = audit_canonical_form(e);
  for (auto _ : state)
    benchmark::DoNotOptimize(io::sha256_hex(canonical));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(canonical.size()));
}
BENCHMARK(BM_sha256_entry);

}  // namespace
