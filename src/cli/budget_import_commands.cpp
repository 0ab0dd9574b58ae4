// joinedup CLI: `joinedup budget import-ledger`, a finance system's ledger export read into the
// ledger CSV the budget commands read (docs/budget-import-ledger.md), and `joinedup budget
// import-population`, population estimates summed into the capitation's bands
// (docs/budget-import-population.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/ledger_import.hpp"
#include "joinedup/io/population_import.hpp"
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

/// The command line of import-population.
struct population_command {
  std::string estimates;             ///< the estimates, - for stdin
  std::string bands;                 ///< --bands
  std::optional<int> year;           ///< --year
  bool by_sex = false;               ///< --by-sex
  std::vector<std::string> areas;    ///< --area, repeated
  std::vector<std::string> columns;  ///< --column FIELD=HEADER
  std::string weights;               ///< --weights FILE
  std::string mff;                   ///< --mff FILE
};

/// Reads a factor file named by an option into `into`.
void read_factors(const std::string& file, std::string_view option,
                  std::map<std::string, ratio, std::less<>>& into, diagnostics& diags) {
  if (file.empty()) return;
  const result<std::string> text = io::read_file(file);
  if (!text) {
    diags.error(text.error().code, "", std::string(option) + ": " + text.error().message);
    return;
  }
  io::read_factor_map(*text, option, into, diags);
}

/// `joinedup budget import-population ESTIMATES.csv --bands … [options]`.
int run_import_population(const population_command& opt) {
  diagnostics diags;
  io::population_import_options o;
  if (const auto b = io::parse_age_bands(opt.bands)) {
    o.bands = *b;
  } else {
    diags.error(b.error().code, "", b.error().message);
  }
  for (const std::string& c : opt.columns) {
    const std::size_t eq = c.find('=');
    if (eq == std::string::npos) {
      diags.error("budget.import.column", "",
                  "--column " + c +
                      ": give FIELD=HEADER, FIELD one of area, sex, age, "
                      "population, year");
      continue;
    }
    o.columns[c.substr(0, eq)] = c.substr(eq + 1);  // the importer checks the field
  }
  o.year = opt.year;
  o.by_sex = opt.by_sex;
  o.areas.insert(opt.areas.begin(), opt.areas.end());
  read_factors(opt.weights, "--weights", o.need_weights, diags);
  read_factors(opt.mff, "--mff", o.market_forces, diags);
  if (diags.has_errors()) return refuse(diags);
  const result<std::string> text = io::read_file(opt.estimates);
  if (!text) {
    diags.error(text.error().code, "", text.error().message);
    return refuse(diags);
  }
  const io::population_import r = io::import_population(*text, o, diags);
  std::cerr << report::diagnostics_text(diags);
  std::cerr << fmt::format("{}: {} row(s) read, {} counted into bands, {} left out, {} rejected\n",
                           opt.estimates, r.rows_read, r.rows_mapped, r.rows_left_out,
                           r.rows_rejected);
  if (diags.has_errors()) {
    // A population missing people would fund too little: nothing is written.
    std::cerr << "nothing written: correct the estimates or the options and import again\n";
    return exit_input_errors;
  }
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

  static population_command pop;
  auto* pc = budget->add_subcommand(
      "import-population",
      "Sum population estimates (ONS mid-year estimates, Nomis) into the capitation "
      "population CSV by age band");
  pc->add_option("ESTIMATES", pop.estimates,
                 "The estimates, CSV in the long layout: area, sex, age, population; - reads "
                 "stdin")
      ->required();
  pc->add_option("--bands", pop.bands, "The capitation's age bands, in order: 0-64,65-74,75-84,85+")
      ->required();
  pc->add_option("--year", pop.year,
                 "The mid-year to take, where the file has a year column or a column per year");
  pc->add_flag("--by-sex", pop.by_sex,
               "Keep female and male rows (default: persons, summing the sexes where needed)");
  pc->add_option("--area", pop.areas, "An area code to keep; repeat for each (default: all)");
  pc->add_option("--column", pop.columns,
                 "FIELD=HEADER: the file's column for area, sex, age, population or year")
      ->option_text("FIELD=HEADER");
  pc->add_option("--weights", pop.weights,
                 "CSV of two columns: age band, need weight (one for every band)");
  pc->add_option("--mff", pop.mff, "CSV of two columns: area, market forces factor");
  pc->add_option("-o,--output", ctx.output,
                 "Write the population CSV to FILE (atomically) instead of standard output")
      ->option_text("FILE");
  set_examples(*pc, {"joinedup budget import-population "
                     "examples/data/northmoor-population-estimates.csv --bands "
                     "0-64,65-74,75-84,85+ --year 2023"});
  pc->callback([] {
    const int code = run_import_population(pop);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });
}

const bool registered = add_registrar(21, register_budget_import);

}  // namespace
}  // namespace joinedup::cli
