// joinedup CLI: `joinedup budget …`, pooled funds: validate, forecast, settle; and the budget
// section of the demo.
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli.hpp"
#include "joinedup/budget/validate.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// Options of the budget commands.
struct budget_options {
  std::string fund_file;                            ///< FUND.json
  std::string ledger_file;                          ///< LEDGER.csv
  std::string catalogue_file;                       ///< --catalogue
  std::string as_of;                                ///< --as-of
  std::string method = "commitments_plus_profile";  ///< --method
};

/// A fund read from a file, with its catalogue and every diagnostic so far.
struct loaded_fund {
  std::optional<budget::pooled_fund> fund;         ///< the fund, if it could be read
  std::optional<budget::bcf_catalogue> catalogue;  ///< its catalogue
};

/// Reads FUND.json and its catalogue (shipped for the year, or --catalogue).
loaded_fund load_fund(const budget_options& opt, diagnostics& diags) {
  loaded_fund out;
  const result<std::string> text = io::read_file(opt.fund_file);
  if (!collect(text, diags, "")) return out;
  out.fund = io::read_pooled_fund(*text, diags);
  if (!out.fund) return out;
  if (!opt.catalogue_file.empty()) {
    const result<std::string> ctext = io::read_file(opt.catalogue_file);
    if (collect(ctext, diags, "")) out.catalogue = io::read_bcf_catalogue(*ctext, diags);
  } else {
    const result<budget::bcf_catalogue> c = io::shipped_bcf_catalogue(out.fund->year);
    if (collect(c, diags, "/financial_year")) out.catalogue = *c;
  }
  return out;
}

/// A one-screen summary of a fund: income and plan by source, partners' contributions.
std::string fund_summary(const budget::pooled_fund& f, const budget::bcf_catalogue& c) {
  std::string out = fmt::format("{} ({}), host {}\n", f.name, f.year.to_string(), f.host);
  std::map<std::string, std::pair<money, money>> by_source;  // income, planned
  for (const budget::contribution& x : f.contributions) {
    const auto* src = c.funding_source(x.source);
    by_source[src ? src->value.label : x.source].first += x.amount;
  }
  for (const budget::expenditure_line& l : f.lines) {
    const auto* src = c.funding_source(l.source);
    by_source[src ? src->value.label : l.source].second += l.planned;
  }
  out += fmt::format("  {:<40} {:>18} {:>18}\n", "Funding source", "Income", "Planned");
  for (const auto& [label, sums] : by_source) {
    out += fmt::format("  {:<40} {:>18} {:>18}\n", label, sums.first, sums.second);
  }
  out +=
      fmt::format("  {:<40} {:>18} {:>18}\n", "Total", f.total_contributions(), f.total_planned());
  for (const budget::partner& p : f.partners) {
    out += fmt::format("  Partner {:<10} {:<48} contributes {:>18}\n", p.id, p.name,
                       f.contribution_of(p.id));
  }
  out += fmt::format("  {} schemes, {} lines\n", f.schemes.size(), f.lines.size());
  return out;
}

/// `joinedup budget validate FUND.json`.
int run_validate(const budget_options& opt, const context& ctx) {
  diagnostics diags;
  const loaded_fund lf = load_fund(opt, diags);
  if (lf.fund && lf.catalogue) {
    diags.append(budget::validate(*lf.fund, *lf.catalogue));
    if (ctx.format == output_format::table) std::cout << fund_summary(*lf.fund, *lf.catalogue);
  }
  if (ctx.format == output_format::table) {
    std::cout << (diags.empty() ? "No problems found.\n" : report::diagnostics_text(diags));
    return diags.has_errors() ? exit_input_errors : exit_ok;
  }
  return report_diagnostics(diags, ctx, std::cout, std::cerr);
}

/// The budget section of the demo: validates the demo fund.
int budget_demo(const std::filesystem::path& dir, std::ostream& out) {
  budget_options opt;
  opt.fund_file = (dir / "budget-fund.json").string();
  diagnostics diags;
  const loaded_fund lf = load_fund(opt, diags);
  if (!lf.fund || !lf.catalogue) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  diags.append(budget::validate(*lf.fund, *lf.catalogue));
  out << fund_summary(*lf.fund, *lf.catalogue);
  out << fmt::format("Validation: {} error(s), {} warning(s)\n",
                     diags.count(severity::error) + diags.count(severity::fatal),
                     diags.count(severity::warning));
  for (const diagnostic& d : diags)
    out << fmt::format("  {}\n", d);
  return exit_ok;
}

}  // namespace

/// Registers the `budget` subcommands and the budget demo section.
void register_budget(CLI::App& app, context& ctx) {
  CLI::App* budget = app.add_subcommand(
      "budget", "Pooled budgets (section 75 / Better Care Fund): validate, forecast, settle");
  budget->require_subcommand(1);
  static budget_options opt;

  auto* validate_cmd = budget->add_subcommand(
      "validate", "Check a pooled fund against its year's BCF lists and the section 75 rules");
  validate_cmd->add_option("FUND", opt.fund_file, "Pooled fund JSON (joinedup/fund/v1)")
      ->required();
  validate_cmd->add_option("--catalogue", opt.catalogue_file,
                           "BCF catalogue JSON to use instead of the shipped one for the year");
  add_format_option(*validate_cmd, ctx);
  validate_cmd->callback([&ctx] {
    const int code = run_validate(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  demo_sections().push_back({"budget: pooled fund", budget_demo});
}

namespace {
const bool registered = add_registrar(20, register_budget);
}  // namespace

}  // namespace joinedup::cli
