// joinedup CLI: the fund workbook. `joinedup budget template --xlsx FILE [--fund FUND.json]`
// writes an Excel workbook to plan a pooled fund in; `joinedup budget import-fund FILE.xlsx`
// reads a filled one back into the fund document (docs/budget-workbook.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "cli.hpp"
#include "joinedup/budget/validate.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/fund_workbook.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// The command lines of template and import-fund.
struct workbook_options {
  std::string xlsx;       ///< template: --xlsx FILE; import-fund: FILE.xlsx
  std::string fund;       ///< template: --fund FUND.json, the fund to fill the sheets from
  std::string catalogue;  ///< --catalogue FILE: instead of the shipped one for the year
};

/// The largest workbook import-fund reads (16 MiB): a fund's workbook is tens of kilobytes.
constexpr std::size_t max_workbook_bytes = std::size_t{16} << 20;

/// The catalogue: --catalogue, else the one shipped for `year`, else (no year: the empty
/// template) the latest shipped. Problems go to `diags`.
std::optional<budget::bcf_catalogue> load_catalogue(const workbook_options& opt,
                                                    std::optional<financial_year> year,
                                                    diagnostics& diags) {
  if (!opt.catalogue.empty()) {
    const result<std::string> text = io::read_file(opt.catalogue);
    if (!text) {
      diags.error(text.error().code, "", "--catalogue: " + text.error().message);
      return std::nullopt;
    }
    return io::read_bcf_catalogue(*text, diags);
  }
  if (!year) {
    const std::vector<financial_year> years = io::shipped_bcf_years();
    if (years.empty()) return std::nullopt;
    year = years.back();
  }
  result<budget::bcf_catalogue> c = io::shipped_bcf_catalogue(*year);
  if (!c) {
    diags.error(c.error().code, "", c.error().message);
    return std::nullopt;
  }
  return *c;
}

/// `joinedup budget template --xlsx FILE [--fund FUND.json]`.
int run_template(const workbook_options& opt) {
  diagnostics diags;
  std::optional<budget::pooled_fund> fund;
  if (!opt.fund.empty()) {
    const result<std::string> text = io::read_file(opt.fund);
    if (!text) {
      diags.error(text.error().code, "", "--fund: " + text.error().message);
    } else {
      fund = io::read_pooled_fund(*text, diags);
    }
    if (!fund || diags.has_errors()) {
      std::cerr << report::diagnostics_text(diags);
      return exit_input_errors;
    }
  }
  const std::optional<budget::bcf_catalogue> catalogue =
      load_catalogue(opt, fund ? std::optional(fund->year) : std::nullopt, diags);
  if (diags.has_errors()) {
    std::cerr << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const result<std::string> bytes =
      io::write_fund_workbook(fund ? &*fund : nullptr, catalogue ? &*catalogue : nullptr, diags);
  if (bytes) {
    if (const result<io::done> w = io::write_file_atomic(opt.xlsx, *bytes); !w) {
      diags.error(w.error().code, "", w.error().message);
    }
  } else {
    diags.error(bytes.error().code, "", bytes.error().message);
  }
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  if (diags.has_errors()) return exit_input_errors;
  std::cerr << fmt::format("{}: the fund workbook ({}), {} sheets to fill\n", opt.xlsx,
                           fund ? "filled from " + opt.fund : std::string("empty"),
                           io::fund_workbook_sheets().size());
  return exit_ok;
}

/// `joinedup budget import-fund FILE.xlsx [-o FUND.json]`.
int run_import_fund(const workbook_options& opt) {
  diagnostics diags;
  const result<std::string> bytes = io::read_file(opt.xlsx, max_workbook_bytes);
  if (!bytes) {
    diags.error(bytes.error().code, "", bytes.error().message);
    std::cerr << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const io::fund_workbook_import imported = io::read_fund_workbook(*bytes, diags);
  if (imported.fund && !diags.has_errors()) {
    if (const std::optional<budget::bcf_catalogue> catalogue =
            load_catalogue(opt, imported.fund->year, diags)) {
      io::locate_in_workbook(budget::validate(*imported.fund, *catalogue), imported, diags);
    }
  }
  std::string summary;
  for (const auto& [sheet, rows] : imported.rows_read)
    summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", sheet, rows);
  std::cerr << fmt::format("{}: row(s) read: {}\n", opt.xlsx,
                           summary.empty() ? std::string("none") : summary);
  if (!imported.fund || diags.has_errors()) {
    // A fund missing a row is not the fund: nothing is written.
    std::cerr << report::diagnostics_text(diags);
    std::cerr << "nothing written: correct the workbook and import it again\n";
    return exit_input_errors;
  }
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  std::cout << io::write_pooled_fund(*imported.fund);
  return exit_ok;
}

void register_budget_workbook(CLI::App& app, context& ctx) {
  CLI::App* budget = add_group(
      app, "budget", "Pooled budgets (section 75 / Better Care Fund): validate, forecast, settle");
  static workbook_options template_opt;
  auto* tmpl = budget->add_subcommand(
      "template",
      "Write an Excel workbook to plan a pooled fund in (sheets for partners, contributions, "
      "schemes, lines and the risk share, with dropdowns and instructions)");
  tmpl->add_option("--xlsx", template_opt.xlsx, "The workbook to write (.xlsx)")
      ->required()
      ->option_text("FILE");
  tmpl->add_option("--fund", template_opt.fund,
                   "A pooled fund (joinedup/fund/v1) to fill the sheets from")
      ->option_text("FUND.json");
  tmpl->add_option("--catalogue", template_opt.catalogue,
                   "BCF catalogue JSON for the dropdowns, instead of the shipped one for the "
                   "fund's year (or the latest)");
  set_examples(*tmpl, {"joinedup budget template --xlsx fund.xlsx",
                       "joinedup budget template --xlsx northmoor.xlsx --fund "
                       "examples/data/northmoor-fund.json"});
  tmpl->callback([] {
    const int code = run_template(template_opt);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  static workbook_options import_opt;
  auto* imp = budget->add_subcommand(
      "import-fund", "Read a filled fund workbook (.xlsx) into the pooled fund document");
  imp->add_option("WORKBOOK", import_opt.xlsx, "The workbook (.xlsx), as budget template writes")
      ->required();
  imp->add_option("--catalogue", import_opt.catalogue,
                  "BCF catalogue JSON to check the fund against, instead of the shipped one");
  imp->add_option("-o,--output", ctx.output,
                  "Write the fund document to FILE (atomically) instead of standard output")
      ->option_text("FILE");
  set_examples(*imp, {"joinedup budget import-fund northmoor.xlsx -o northmoor-fund.json"});
  imp->callback([] {
    const int code = run_import_fund(import_opt);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });
}

const bool registered = add_registrar(22, register_budget_workbook);

}  // namespace
}  // namespace joinedup::cli
