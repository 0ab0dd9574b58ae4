// joinedup CLI: `joinedup area generate OUT_DIR`, a fictional area made by the seeded generator
// (docs/demo-area.md), laid out as data/demo/ is, so `joinedup demo OUT_DIR` runs on it.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

#include "cli.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/io/area_generator.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// The command line of area generate.
struct area_command_options {
  std::string out_dir;        ///< OUT_DIR
  std::string seed = "2026";  ///< --seed N
  std::size_t people = 2000;  ///< --people N
  bool force = false;         ///< --force
};

/// The seed as a whole number from 0 to 2^64 - 1, or nothing.
std::optional<std::uint64_t> parse_seed(const std::string& text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

/// Prints why the area was not written: exit 2 for a folder that cannot be used, else 1.
int refuse(const diagnostic& why) {
  diagnostics diags;
  diags.add(why);
  std::cerr << report::diagnostics_text(diags);
  return why.code == "area.out_dir" ? exit_usage : exit_input_errors;
}

/// `joinedup area generate OUT_DIR [--seed N] [--people N] [--force]`.
int run_generate(const area_command_options& o) {
  const std::optional<std::uint64_t> seed = parse_seed(o.seed);
  if (!seed) {
    std::cerr << fmt::format(
        "joinedup: --seed: '{}' is not a whole number from 0 to 18446744073709551615\n", o.seed);
    return exit_usage;
  }
  // A folder that cannot be used is refused before the area is made.
  if (const result<io::done> ok = io::check_area_dir(o.out_dir, o.force); !ok) {
    return refuse(ok.error());
  }
  const auto started = std::chrono::steady_clock::now();
  const result<io::generated_area> area = io::generate_area({*seed, o.people});
  if (!area) {
    std::cerr << fmt::format("joinedup: {}\n", area.error().message);
    return exit_usage;
  }
  const result<io::done> written = io::write_area(*area, o.out_dir, o.force);
  if (!written) return refuse(written.error());
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const io::planted_problems& p = area->planted;
  std::cout << fmt::format(
      "Wrote the Wrenfield area (seed {}) to {}: {} files in {} ms\n"
      "  {} people with a care plan each, {} case managers, {} ledger rows\n"
      "Planted (planted.json lists them):\n"
      "  care: {} plans with a gap between case managers, {} overdue reviews, {} case managers "
      "over capacity, {} agreed plans with no personal budget\n"
      "  budget: scheme {} overspent by {}\n"
      "  outcomes: a shift in {}, a trend in {}, an outlier in {} ({}), no target for {}\n"
      "Run every module on it: joinedup demo {}\n",
      p.seed, o.out_dir, area->files.size(), ms, p.people, p.case_managers, p.ledger_rows,
      p.gaps.size(), p.overdue_reviews.size(), p.over_capacity.size(), p.missing_budget.size(),
      p.overspent_scheme, p.overspend, p.shift_indicator, p.trend_indicator, p.outlier_indicator,
      p.outlier_period, p.no_target_indicator, o.out_dir);
  return exit_ok;
}

/// Registers `joinedup area generate`.
void register_area(CLI::App& app, context& /*ctx*/) {
  CLI::App* area =
      add_group(app, "area", "A fictional area for the demo, made by a seeded generator");
  static area_command_options opts;
  auto* gen = area->add_subcommand(
      "generate",
      "Write a fictional Health and Wellbeing Board area (every file the demo reads, plus "
      "planted.json naming the problems planted in it)");
  gen->add_option("OUT_DIR", opts.out_dir,
                  "Folder to write (created; must be empty without --force)")
      ->required();
  gen->add_option("--seed", opts.seed, "Seed: the same seed gives the same files (default 2026)")
      ->option_text("N");
  gen->add_option("--people", opts.people,
                  "People in the caseload, one care plan each (default 2000)")
      ->check(CLI::Range(io::area_min_people, io::area_max_people))
      ->option_text("N");
  gen->add_flag("--force", opts.force, "Write into a folder that already holds files");
  set_examples(*gen, {"joinedup area generate build/demo-area",
                      "joinedup area generate /tmp/small --seed 7 --people 200 --force"});
  gen->callback([] {
    const int code = run_generate(opts);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });
}

const bool registered = add_registrar(90, register_area);

}  // namespace
}  // namespace joinedup::cli
