// joinedup CLI: `joinedup budget import-ledger`, a finance system's ledger export read into the
// ledger CSV the budget commands read (docs/budget-import-ledger.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "cli.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/ledger_import.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// The command line of import-ledger.
struct import_options {
  std::string export_file;        ///< EXPORT.csv, - for stdin
  io::ledger_import_rules rules;  ///< --column, --date-format, --line-map, --kind-map, --unmapped
  std::string rules_file;         ///< --rules FILE
  std::string fund;               ///< --fund FUND.json: lines checked against it
};

/// Prints the diagnostics and gives exit 1.
int refuse(const diagnostics& diags) {
  std::cerr << report::diagnostics_text(diags);
  return exit_input_errors;
}

/// `joinedup budget import-ledger EXPORT.csv [options]`.
int run_import_ledger(import_options opt) {
  diagnostics diags;
  if (!opt.rules_file.empty()) {
    const result<std::string> text = io::read_file(opt.rules_file);
    if (!text) {
      diags.error(text.error().code, "", "--rules: " + text.error().message);
      return refuse(diags);
    }
    io::read_import_rules(*text, std::filesystem::path(opt.rules_file).parent_path().string(),
                          opt.rules, diags);
  }
  io::ledger_import_options o = io::import_options_from(opt.rules, diags);
  if (!opt.fund.empty()) {
    const result<std::string> fund_text = io::read_file(opt.fund);
    if (!fund_text) {
      diags.error(fund_text.error().code, "", "--fund: " + fund_text.error().message);
    } else if (const std::optional<budget::pooled_fund> fund =
                   io::read_pooled_fund(*fund_text, diags)) {
      for (const budget::expenditure_line& l : fund->lines)
        o.fund_lines.insert(l.id);
    }
  }
  if (diags.has_errors()) return refuse(diags);
  const result<std::string> text = io::read_file(opt.export_file);
  if (!text) {
    diags.error(text.error().code, "", text.error().message);
    return refuse(diags);
  }
  const io::ledger_import r = io::import_ledger(*text, o, diags);
  std::cerr << fmt::format("{}: {} row(s) read, {} mapped, {} rejected\n", opt.export_file,
                           r.rows_read, r.rows_mapped, r.rows_rejected);
  if (diags.has_errors()) {
    // A ledger missing rows is not the year's ledger: nothing is written.
    refuse(diags);
    std::cerr << "nothing written: correct the export or the mapping and import again\n";
    return exit_input_errors;
  }
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  std::cout << r.csv;
  return exit_ok;
}

void register_budget_import(CLI::App& app, context& ctx) {
  CLI::App* budget = add_group(
      app, "budget", "Pooled budgets (section 75 / Better Care Fund): validate, forecast, settle");
  static import_options opt;
  auto* cmd = budget->add_subcommand(
      "import-ledger",
      "Read a finance system's ledger export into the ledger CSV (date,line,amount,kind,"
      "reference)");
  cmd->add_option("EXPORT", opt.export_file, "The export, CSV with a header row; - reads stdin")
      ->required();
  cmd->add_option("--column", opt.rules.columns,
                  "FIELD=HEADER: the export's column for a ledger field (date, amount, line, "
                  "kind, reference, or debit and credit); repeat for each")
      ->option_text("FIELD=HEADER");
  cmd->add_option("--date-format", opt.rules.date_format,
                  "The export's dates, e.g. %d/%m/%Y (default %Y-%m-%d)");
  cmd->add_option("--line-map", opt.rules.line_map,
                  "CSV of two columns: the export's code (cost centre), the fund line id");
  cmd->add_option("--kind-map", opt.rules.kind_map,
                  "CSV of two columns: the export's transaction type, the ledger kind");
  cmd->add_option("--unmapped", opt.rules.unmapped,
                  "The fund line for codes the line map lacks (default: reject the row)");
  cmd->add_option("--fund", opt.fund,
                  "The pooled fund (joinedup/fund/v1): a row whose line is not one of its lines "
                  "is rejected");
  cmd->add_option("--rules", opt.rules_file,
                  "A file of the same options, one a line (column date=Posting Date, "
                  "date-format %d/%m/%Y, line-map FILE, kind-map FILE, unmapped LINE)");
  cmd->add_option("-o,--output", ctx.output,
                  "Write the ledger CSV to FILE (atomically) instead of standard output")
      ->option_text("FILE");
  set_examples(*cmd, {"joinedup budget import-ledger examples/data/northmoor-ledger-export.csv "
                      "--rules examples/data/northmoor-ledger-export.rules --fund "
                      "examples/data/northmoor-fund.json"});
  cmd->callback([] {
    const int code = run_import_ledger(opt);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });
}

const bool registered = add_registrar(21, register_budget_import);

}  // namespace
}  // namespace joinedup::cli
