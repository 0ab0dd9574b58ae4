// joinedup CLI: `joinedup outcomes …`: indicator statistics and SPC as JSON lines, the catalogue
// check, the scorecard, and the outcomes section of the demo.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <span>
#include <sstream>
#include <type_traits>

#include "cli.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/json.hpp"
#include "joinedup/io/outcomes.hpp"
#include "joinedup/io/stats_batch.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "joinedup/report/outcomes.hpp"
#include "outcomes_run.hpp"

namespace joinedup::cli {
namespace {

/// Ends a command: exit_ok returns normally, anything else travels out through CLI11.
void finish(int code) {
  if (code != exit_ok) throw CLI::RuntimeError(code);
}

/// Answers every non-blank line of `in` with `answer` and hands each answer to `emit`, in order.
template <class F, class E>
int run_lines(std::istream& in, F answer, E emit) {
  std::string text;
  std::size_t line = 0;
  bool all_ok = true;
  while (true) {
    const io::line_status status = io::read_line(in, text);
    if (status == io::line_status::end) break;
    ++line;
    if (status == io::line_status::too_long) {
      // Not JSON lines (a binary file, an endless stream): stop rather than buffer it.
      std::cerr << fmt::format(
          "fatal io.file.line_too_long (line {}): the line is longer than {} bytes; this is not "
          "a JSON lines input, so reading stopped\n",
          line, io::max_line_bytes);
      return exit_input_errors;
    }
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    bool ok = true;
    emit(answer(text, line, ok));
    all_ok = all_ok && ok;
  }
  return all_ok ? exit_ok : exit_input_errors;
}

/// How many request lines `outcomes stats` answers together at most.
constexpr std::size_t stats_block_lines = 4096;

/// Like run_lines, for an `answer` that takes a block of lines (io::answer_stats_block): lines
/// are gathered while more input is already buffered, up to stats_block_lines, then answered
/// together and emitted in order; a block is answered before reading would wait for input, so
/// an interactive caller still gets each answer as its line arrives.
template <class F, class E>
int run_blocks(std::istream& in, F answer, E emit) {
  std::vector<io::stats_line> block(stats_block_lines);
  std::size_t used = 0;
  bool all_ok = true;
  const auto flush = [&] {
    answer(std::span<io::stats_line>(block.data(), used));
    for (std::size_t i = 0; i < used; ++i) {
      emit(block[i].answer);
      all_ok = all_ok && block[i].ok;
    }
    used = 0;
  };
  std::size_t line = 0;
  while (true) {
    std::string& text = block[used].request;
    const io::line_status status = io::read_line(in, text);
    if (status == io::line_status::end) break;
    ++line;
    if (status == io::line_status::too_long) {
      flush();
      std::cerr << fmt::format(
          "fatal io.file.line_too_long (line {}): the line is longer than {} bytes; this is not "
          "a JSON lines input, so reading stopped\n",
          line, io::max_line_bytes);
      return exit_input_errors;
    }
    if (text.find_first_not_of(" \t\r") != std::string::npos) block[used++].line = line;
    if (used == block.size() || (used > 0 && in.rdbuf()->in_avail() <= 0)) flush();
  }
  flush();
  return all_ok ? exit_ok : exit_input_errors;
}

/// Runs a JSON-lines command on FILE, or stdin when FILE is empty or "-"; an `answer` taking
/// a block of lines is run block by block.
template <class F, class E>
int run_jsonl(const std::string& file, F answer, E emit) {
  const auto run = [&](std::istream& in) {
    if constexpr (std::is_invocable_v<F, std::span<io::stats_line>>) {
      return run_blocks(in, answer, emit);
    } else {
      return run_lines(in, answer, emit);
    }
  };
  if (file.empty() || file == "-") return run(std::cin);
  // Checked before opening: opening a FIFO would wait for a writer that may never come.
  if (const result<io::done> readable = io::check_input_file(file); !readable) {
    std::cerr << fmt::format("fatal io.file.read: {}\n", readable.error().message);
    return exit_input_errors;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("fatal io.file.read: cannot open '{}'\n", file);
    return exit_input_errors;
  }
  return run(in);
}

/// A JSON-lines command (`outcomes stats`, `outcomes spc`): without --format, one answer line
/// per request line, in order, as they are made; with --format, the answers as one table
/// (report::table_from_json_objects; `explode` names an array whose elements become rows),
/// rendered once every line is answered: JSON one document under `schema`. A line too long to
/// be JSON lines prints no table.
template <class F>
int run_answers(const std::string& file, F answer, const CLI::App& cmd, const context& ctx,
                const char* name, const char* title, std::string_view explode,
                std::string_view schema) {
  if (cmd.get_option("--format")->count() == 0) {
    return run_jsonl(file, answer, [](const std::string& a) { std::cout << a << '\n'; });
  }
  std::vector<std::string> answers;
  const int code =
      run_jsonl(file, answer, [&answers](std::string a) { answers.push_back(std::move(a)); });
  if (code != exit_ok && answers.empty()) return code;
  const int printed = print_table(report::table_from_json_objects(name, title, answers, explode),
                                  diagnostics{}, ctx, schema);
  return code != exit_ok ? code : printed;
}

/// Reads a file, adding io.file.* diagnostics when it cannot be read.
std::optional<std::string> slurp(const std::string& path, diagnostics& diags) {
  const result<std::string> text = io::read_file(path);
  if (!collect(text, diags, "")) return std::nullopt;
  return *text;
}

/// `joinedup outcomes scorecard MEASUREMENTS.csv --framework FRAMEWORK.json [--as-of DATE]`.
int run_scorecard(const std::string& measurements, const std::string& framework_path,
                  const std::string& as_of_text, const context& ctx) {
  diagnostics diags;
  std::chrono::year_month_day as_of = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  if (!as_of_text.empty()) {
    const auto d = parse_iso_date(as_of_text);
    if (!collect(d, diags, "/as_of")) return report_diagnostics(diags, ctx, std::cout, std::cerr);
    as_of = *d;
  }
  std::size_t rows_rejected = 0;
  const auto card = load_scorecard(measurements, framework_path, as_of, diags, rows_rejected);
  if (!card) {
    report_diagnostics(diags, ctx, std::cout, std::cerr);
    return exit_input_errors;
  }
  switch (ctx.format) {
    case output_format::json:
      std::cout << report::scorecard_json(*card, to_iso_string(as_of), rows_rejected);
      break;
    case output_format::csv:
      std::cout << report::render(report::scorecard_table(*card), output_format::csv);
      break;
    case output_format::xlsx:
      if (!print_workbook({report::scorecard_table(*card)}, diags, ctx, "outcomes scorecard")) {
        return exit_input_errors;
      }
      break;
    case output_format::table:
      std::cout << report::scorecard_text(*card, rows_rejected);
      break;
  }
  // Diagnostics go to stderr as text so the scorecard on stdout stays parseable.
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

/// `joinedup outcomes catalogue [FILE]`: reads, validates and lists a catalogue.
int run_catalogue(const std::string& file, const context& ctx) {
  diagnostics diags;
  const auto text = slurp(file, diags);
  if (!text) return report_diagnostics(diags, ctx, std::cout, std::cerr);
  const auto cat = io::read_outcomes_catalogue(*text, diags);
  if (!cat) return report_diagnostics(diags, ctx, std::cout, std::cerr);
  outcomes::validate_catalogue(*cat, diags);
  const report::table t = report::catalogue_table(*cat);
  if (ctx.format == output_format::json) {
    std::cout << report::catalogue_document(io::diagnostics_to_json(diags), t);
  } else if (ctx.format == output_format::xlsx) {
    return print_table(t, diags, ctx, "outcomes catalogue");
  } else {
    std::cout << report::render(t, ctx.format);
    if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

/// The outcomes section of the demo: the demo framework's scorecard for Northmoor.
int outcomes_demo(const std::filesystem::path& dir, std::ostream& out) {
  diagnostics diags;
  std::size_t rows_rejected = 0;
  const auto card = load_scorecard(
      (dir / "outcomes-measurements.csv").string(), (dir / "outcomes-framework.json").string(),
      std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{3},
                                  std::chrono::day{31}},
      diags, rows_rejected);
  if (!card) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  out << "Scorecard as of 2026-03-31, latest period of each indicator (95% intervals; SPC over "
         "each series to date):\n";
  out << report::scorecard_text(report::scorecard_latest(*card), rows_rejected);
  out << report::diagnostics_text(diags);
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

/// Registers the `outcomes` subcommands and the outcomes demo section.
void register_outcomes(CLI::App& app, context& ctx) {
  CLI::App* oc = add_group(app, "outcomes",
                           "Indicators with confidence intervals, targets, SPC and the scorecard");

  auto* stats = oc->add_subcommand("stats",
                                   "Compute indicator values and intervals (PHEindicatormethods): "
                                   "JSON lines in, JSON lines out; with --format, one table. "
                                   "Methods: proportion, crude_rate, dsr, isr_ratio, isr_rate, "
                                   "mean, count, life_expectancy, funnel_limits, "
                                   "funnel_significance, funnel_points, quantile, sii (one page "
                                   "each from docs/outcomes.md)");
  static std::string stats_file;
  stats->add_option("FILE", stats_file, "JSON-lines requests (default: standard input)");
  add_format_option(*stats, ctx);
  set_examples(*stats, {"joinedup outcomes stats examples/data/outcomes-stats.jsonl",
                        "joinedup outcomes stats examples/data/outcomes-stats.jsonl --format csv",
                        "echo '{\"method\":\"proportion\",\"numerator\":12,\"denominator\":40}' | "
                        "joinedup outcomes stats",
                        "joinedup outcomes stats examples/data/outcomes-life-expectancy.jsonl",
                        "joinedup outcomes stats examples/data/outcomes-funnel.jsonl",
                        "joinedup outcomes stats examples/data/outcomes-qsii.jsonl"});
  stats->callback([stats, &ctx] {
    finish(run_answers(
        stats_file, [](std::span<io::stats_line> block) { io::answer_stats_block(block); }, *stats,
        ctx, "answers", "Indicator values", {}, "joinedup/outcomes-stats/v1"));
  });

  auto* spc = oc->add_subcommand(
      "spc",
      "Make Data Count XmR charts (NHSRplotthedots): JSON lines in, JSON lines out; with "
      "--format, one table of points. A null value is missing and kept in place; \"x\" gives "
      "each point a date or label");
  static std::string spc_file;
  spc->add_option("FILE", spc_file, "JSON-lines requests (default: standard input)");
  add_format_option(*spc, ctx);
  set_examples(*spc, {"joinedup outcomes spc examples/data/outcomes-spc.jsonl",
                      "joinedup outcomes spc examples/data/outcomes-spc.jsonl --format csv",
                      "joinedup outcomes spc examples/data/outcomes-spc-missing.jsonl"});
  spc->callback([spc, &ctx] {
    finish(run_answers(
        spc_file,
        [](const std::string& l, std::size_t n, bool& ok) { return io::answer_spc_line(l, n, ok); },
        *spc, ctx, "points", "SPC points, one row per point of each chart", "points",
        "joinedup/outcomes-spc/v1"));
  });

  auto* card =
      oc->add_subcommand("scorecard",
                         "Scorecard per indicator, area and period: value, intervals, benchmark, "
                         "target, SPC variation and assurance");
  static std::string measurements;
  static std::string framework_file;
  static std::string as_of;
  card->add_option("MEASUREMENTS", measurements, "Measurements CSV")->required();
  card->add_option("--framework", framework_file, "Framework JSON (catalogue, targets, benchmarks)")
      ->required();
  add_date_option(*card, "--as-of", as_of,
                  "Only periods ending on or before this date (YYYY-MM-DD)");
  add_format_option(*card, ctx);
  set_examples(*card,
               {"joinedup outcomes scorecard examples/data/northmoor-outcomes-measurements.csv "
                "--framework examples/data/northmoor-outcomes-framework.json"});
  card->callback([&ctx] { finish(run_scorecard(measurements, framework_file, as_of, ctx)); });

  auto* cat = oc->add_subcommand(
      "catalogue", "Check and list an indicator catalogue (duplicates, overlaps, crosswalk)");
  static std::string catalogue_file = "data/indicators/catalogue.json";
  cat->add_option("FILE", catalogue_file,
                  "Catalogue JSON (default: data/indicators/catalogue.json)");
  add_format_option(*cat, ctx);
  set_examples(*cat, {"joinedup outcomes catalogue",
                      "joinedup outcomes catalogue data/indicators/catalogue.json --format csv"});
  cat->callback([&ctx] { finish(run_catalogue(catalogue_file, ctx)); });

  demo_sections().push_back({"outcomes: indicators, targets and SPC", outcomes_demo});
}

namespace {
const bool registered = add_registrar(50, register_outcomes);
}  // namespace

}  // namespace joinedup::cli
