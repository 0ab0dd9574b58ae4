// joinedup CLI: `joinedup budget capitation …`, `joinedup budget pace-of-change …`, `joinedup
// budget compare-payments …` and `joinedup budget alliance …`, added to the `budget` group that
// budget_commands.cpp registers, and the capitation demo section.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <vector>

#include "cli.hpp"
#include "joinedup/budget/capitation.hpp"
#include "joinedup/budget/payment_models.hpp"
#include "joinedup/io/capitation.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/report/budget.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// Options of the capitation commands.
struct capitation_options {
  std::string population_file;            ///< POPULATION.csv
  std::string rate_text;                  ///< --rate
  std::string rounding_text = "half_up";  ///< --rounding
  std::string scenario_file;              ///< SCENARIO.json
  std::string alliance_file;              ///< ALLIANCE.json
  std::string plan_file;                  ///< PLAN.json (pace of change)
};

/// Reads and validates a population file and prices it; diagnostics collected in `diags`.
std::optional<budget::capitated_budget> load_capitation(const capitation_options& opt,
                                                        diagnostics& diags) {
  const result<rate> per_head = rate::parse(opt.rate_text);
  if (!collect(per_head, diags, "--rate")) return std::nullopt;
  if (!collect(io::check_input_file(opt.population_file), diags, "")) return std::nullopt;
  std::ifstream file;
  if (opt.population_file != "-") {
    file.open(opt.population_file, std::ios::binary);
    if (!file) {
      diags.add("io.file.read", severity::fatal, "", "cannot open " + opt.population_file);
      return std::nullopt;
    }
  }
  std::istream& in = opt.population_file == "-" ? std::cin : file;
  rounding mode = rounding::half_up;
  for (rounding r : {rounding::half_even, rounding::half_up, rounding::toward_zero, rounding::floor,
                     rounding::ceiling}) {
    if (to_string(r) == opt.rounding_text) mode = r;
  }
  const budget::population pop = io::read_population_csv(in, diags);
  diags.append(budget::validate(pop));
  if (diags.has_errors()) return std::nullopt;
  const result<budget::capitated_budget> b = budget::capitate(pop, *per_head, mode);
  if (!collect(b, diags, "")) return std::nullopt;
  return *b;
}

/// Reads, validates and prices a payment scenario.
std::optional<std::pair<budget::payment_scenario, budget::payment_comparison>> load_comparison(
    const std::string& file, diagnostics& diags) {
  const result<std::string> text = io::read_file(file);
  if (!collect(text, diags, "")) return std::nullopt;
  std::optional<budget::payment_scenario> s = io::read_payment_scenario(*text, diags);
  if (!s) return std::nullopt;
  diags.append(budget::validate(*s));
  if (diags.has_errors()) return std::nullopt;
  const result<budget::payment_comparison> c = budget::try_compare_payment_models(*s);
  if (!collect(c, diags, "")) return std::nullopt;
  diags.append(budget::incomplete_totals(*s, *c));
  return std::pair{std::move(*s), *c};
}

/// Prints a result: `json` as it is, or its tables rendered as text, CSV (the first table) or a
/// workbook (every table, with `diags`). False when a workbook cannot be written.
bool print_result(const std::string& json, const std::vector<report::table>& tables,
                  const diagnostics& diags, const context& ctx) {
  if (ctx.format == output_format::xlsx) return print_workbook(tables, diags, ctx, "budget");
  std::cout << (ctx.format == output_format::json ? json : report::render(tables, ctx.format));
  return true;
}

/// Prints warnings (and, on failure, errors) and returns the exit code.
int finish(const diagnostics& diags, const context& ctx, bool ok) {
  if (!ok) return report_diagnostics(diags, ctx, std::cout, std::cerr);
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  return exit_ok;
}

/// `joinedup budget capitation POPULATION.csv --rate R`.
int run_capitation(const capitation_options& opt, const context& ctx) {
  diagnostics diags;
  const std::optional<budget::capitated_budget> b = load_capitation(opt, diags);
  if (!b) return finish(diags, ctx, false);
  if (!print_result(io::capitated_budget_json(*b), report::capitation_tables(*b), diags, ctx)) {
    return exit_input_errors;
  }
  return finish(diags, ctx, true);
}

/// `joinedup budget compare-payments SCENARIO.json`.
int run_compare(const capitation_options& opt, const context& ctx) {
  diagnostics diags;
  const auto loaded = load_comparison(opt.scenario_file, diags);
  if (!loaded) return finish(diags, ctx, false);
  const auto& [scenario, comparison] = *loaded;
  if (ctx.format == output_format::json) {
    std::cout << io::payment_comparison_json(scenario, comparison);
  } else if (ctx.format == output_format::csv) {
    std::cout << report::render(report::payment_comparison_table(comparison), output_format::csv);
  } else if (ctx.format == output_format::xlsx) {
    if (!print_workbook(report::payment_comparison_tables(scenario, comparison), diags, ctx,
                        "budget compare-payments")) {
      return exit_input_errors;
    }
  } else {
    std::cout << report::payment_incomplete_banner(comparison)
              << report::render(report::payment_comparison_tables(scenario, comparison),
                                output_format::table);
  }
  return finish(diags, ctx, true);
}

/// Reads, validates and paces a pace-of-change plan.
std::optional<std::pair<budget::pace_plan, budget::paced_year>> load_pace(const std::string& file,
                                                                          diagnostics& diags) {
  const result<std::string> text = io::read_file(file);
  if (!collect(text, diags, "")) return std::nullopt;
  std::optional<budget::pace_plan> p = io::read_pace_plan(*text, diags);
  if (!p) return std::nullopt;
  diags.append(budget::validate(*p));
  if (diags.has_errors()) return std::nullopt;
  const result<budget::paced_year> y = budget::pace_year(*p);
  if (!collect(y, diags, "")) return std::nullopt;
  return std::pair{std::move(*p), *y};
}

/// `joinedup budget pace-of-change PLAN.json`.
int run_pace(const capitation_options& opt, const context& ctx) {
  diagnostics diags;
  const auto loaded = load_pace(opt.plan_file, diags);
  if (!loaded) return finish(diags, ctx, false);
  if (!print_result(io::paced_year_json(loaded->first, loaded->second),
                    report::pace_tables(loaded->first, loaded->second), diags, ctx)) {
    return exit_input_errors;
  }
  return finish(diags, ctx, true);
}

/// Reads, validates and settles an alliance agreement.
std::optional<std::pair<budget::alliance, budget::alliance_settlement>> load_alliance(
    const std::string& file, diagnostics& diags) {
  const result<std::string> text = io::read_file(file);
  if (!collect(text, diags, "")) return std::nullopt;
  std::optional<budget::alliance> a = io::read_alliance(*text, diags);
  if (!a) return std::nullopt;
  diags.append(budget::validate(*a));
  if (diags.has_errors()) return std::nullopt;
  const result<budget::alliance_settlement> s = budget::settle_alliance(*a);
  if (!collect(s, diags, "")) return std::nullopt;
  return std::pair{std::move(*a), *s};
}

/// `joinedup budget alliance ALLIANCE.json`.
int run_alliance(const capitation_options& opt, const context& ctx) {
  diagnostics diags;
  const auto loaded = load_alliance(opt.alliance_file, diags);
  if (!loaded) return finish(diags, ctx, false);
  if (!print_result(io::alliance_settlement_json(loaded->first, loaded->second),
                    report::alliance_tables(loaded->first, loaded->second), diags, ctx)) {
    return exit_input_errors;
  }
  return finish(diags, ctx, true);
}

/// The capitation section of the demo: the demo area's capitated budget at £312.40 a head and
/// its payment comparison.
int capitation_demo(const std::filesystem::path& dir, std::ostream& out) {
  capitation_options opt;
  opt.population_file = (dir / "capitation-population.csv").string();
  opt.rate_text = "312.40";
  diagnostics diags;
  const std::optional<budget::capitated_budget> b = load_capitation(opt, diags);
  if (!b) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  out << report::render(report::capitation_tables(*b), output_format::table) << "\n";
  diagnostics pdiags;
  const auto c = load_comparison((dir / "capitation-scenario.json").string(), pdiags);
  if (!c) {
    out << report::diagnostics_text(pdiags);
    return exit_input_errors;
  }
  out << report::payment_incomplete_banner(c->second)
      << report::render(report::payment_comparison_tables(c->first, c->second),
                        output_format::table);
  return exit_ok;
}

/// Adds `capitation` and `compare-payments` to the `budget` group.
void register_capitation(CLI::App& app, context& ctx) {
  CLI::App* budget = add_group(app, "budget", "Budgets: pooled funds, capitation, payment models");
  static capitation_options opt;

  auto* cap = budget->add_subcommand(
      "capitation",
      "Weighted capitation: weighted population x rate per head, allocated by area to the penny");
  cap->add_option("POPULATION", opt.population_file,
                  "Population CSV (area,age_band,sex,population,need_weight,"
                  "market_forces_factor)")
      ->required();
  cap->add_option("--rate", opt.rate_text, "Rate per weighted head in pounds, e.g. 312.40")
      ->required();
  cap->add_option("--rounding", opt.rounding_text,
                  "Rounding of the total to pence: half_up (default), half_even, toward_zero, "
                  "floor or ceiling")
      ->check(CLI::IsMember({"half_even", "half_up", "toward_zero", "floor", "ceiling"}))
      ->option_text("MODE");
  add_format_option(*cap, ctx);
  set_examples(*cap,
               {"joinedup budget capitation examples/data/northmoor-population.csv --rate 312.40",
                "joinedup budget capitation examples/data/northmoor-population.csv --rate 312.40 "
                "--rounding half_even --format csv"});
  cap->callback([&ctx] {
    const int code = run_capitation(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  auto* pace = budget->add_subcommand(
      "pace-of-change",
      "Pace of change: move each area from its baseline towards its target allocation, with a "
      "floor (minimum cash growth) and a ceiling, exact to the penny");
  pace->add_option("PLAN", opt.plan_file,
                   "Pace-of-change plan JSON (joinedup/pace-of-change/v1): areas with baseline "
                   "and target, optional total, floor and ceiling")
      ->required();
  add_format_option(*pace, ctx);
  set_examples(*pace, {"joinedup budget pace-of-change examples/data/pace-of-change.json",
                       "joinedup budget pace-of-change examples/data/pace-of-change.json "
                       "--format csv"});
  pace->callback([&ctx] {
    const int code = run_pace(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  auto* cmp = budget->add_subcommand(
      "compare-payments",
      "Price one activity scenario under activity-based, block, aligned payment, capitation and "
      "outcome-withhold models, with exposure to activity change");
  cmp->add_option("SCENARIO", opt.scenario_file,
                  "Payment scenario JSON "
                  "(joinedup/payment-scenario/v1)")
      ->required();
  add_format_option(*cmp, ctx);
  set_examples(*cmp, {"joinedup budget compare-payments examples/data/northmoor-scenario.json"});
  cmp->callback([&ctx] {
    const int code = run_compare(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  auto* ally = budget->add_subcommand(
      "alliance",
      "Alliance gain/loss share: actual against budget shared by agreed percentages, with caps "
      "and collars, to the penny");
  ally->add_option("ALLIANCE", opt.alliance_file, "Alliance agreement JSON (joinedup/alliance/v1)")
      ->required();
  add_format_option(*ally, ctx);
  set_examples(*ally, {"joinedup budget alliance examples/data/northmoor-alliance.json"});
  ally->callback([&ctx] {
    const int code = run_alliance(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  demo_sections().push_back({"budget: capitation and payment models", capitation_demo});
}

const bool registered = add_registrar(30, register_capitation);

}  // namespace
}  // namespace joinedup::cli
