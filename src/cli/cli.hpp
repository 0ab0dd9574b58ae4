// joinedup CLI (private): how modules register their subcommands and demo sections.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/report/table.hpp"

namespace joinedup::cli {

/// Exit codes shared by every command.
enum exit_code : int {
  exit_ok = 0,            ///< success
  exit_input_errors = 1,  ///< the input has errors (diagnostics were printed)
  exit_usage = 2,         ///< the command line was wrong
};

/// Output formats every command accepts with --format: the report layer's one enumeration.
using output_format = report::output_format;

/// Options shared by all commands.
struct context {
  output_format format = output_format::table;  ///< --format
  std::string output;                           ///< -o/--output FILE; empty: standard output
  bool bom = false;                             ///< --bom: a UTF-8 byte order mark before CSV
  bool show_nhs_numbers = false;                ///< --show-nhs-numbers: print them in full
  std::string table;  ///< --table NAME: the one table to print (CSV holds one table per file;
                      ///< a workbook holds every table unless --table names one)
};

/// Adds a module's command group, `joinedup NAME …`, which needs one of its subcommands; when
/// another module has added the group already (capitation adds to budget), gives that one.
CLI::App* add_group(CLI::App& app, const std::string& name, const std::string& description);

/// Adds the standard output options to a subcommand: --format table|json|csv|xlsx, -o/--output
/// FILE (written atomically) and --bom (for CSV opened in Excel on Windows). --format xlsx
/// without -o while standard output is a terminal is a usage error (exit 2), found before the
/// command runs: a workbook is binary.
void add_format_option(CLI::App& cmd, context& ctx);

/// Adds --table NAME to a command that prints several tables: NAME must be one of `names`
/// (otherwise a usage error, exit 2). CSV holds one table per file, so --format csv writes the
/// named table, or the first of `names` (the main one) without --table; text shows only the
/// named table when one is given; a JSON document always holds every table. `description` is
/// the --help text.
void add_table_option(CLI::App& cmd, context& ctx, const std::vector<std::string>& names,
                      const std::string& description);

/// Adds a date option (YYYY-MM-DD) whose value is checked as the command line is read, so a bad
/// date is a usage error (exit 2) in every command alike.
CLI::Option* add_date_option(CLI::App& cmd, const std::string& name, std::string& into,
                             const std::string& description);

/// Sets the examples shown at the end of a command's --help.
void set_examples(CLI::App& cmd, std::initializer_list<std::string_view> examples);

/// Before the command line is parsed: when a word where a command is expected names no
/// command, prints "unknown command" with the nearest command's name to `err` and returns
/// true (the caller exits 2).
bool reject_unknown_command(const CLI::App& app, int argc, const char* const* argv,
                            std::ostream& err);

/// Delivers what a command printed (captured from std::cout) once it has finished: valid NHS
/// numbers masked unless --show-nhs-numbers, a byte order mark for --bom CSV, then written to
/// -o FILE atomically (only when there is something to write) or to standard output. A failed
/// write (a full disk, a closed pipe) prints io.file.write to `err` and gives exit 1; otherwise
/// gives `code`.
int deliver_output(std::string text, const context& ctx, int code, std::ostream& err);

/// Prints diagnostics to stderr in the chosen format (json/csv go to stdout so they can be
/// piped) and returns exit_input_errors when any is an error, exit_ok otherwise.
int report_diagnostics(const diagnostics& diags, const context& ctx, std::ostream& out,
                       std::ostream& err);

/// Prints `tables` as an Excel workbook (report::render_xlsx) to standard output: only the table
/// --table names when it is among them; every cell masked for NHS numbers first unless
/// --show-nhs-numbers (deliver_output cannot mask a workbook's compressed bytes); `diags` in
/// its diagnostics sheet (the caller prints them on standard error as for text), and the
/// workbook's own warnings (report.xlsx.truncated) on standard error. `subject` (the schema or
/// command) is the document's subject. False, with the reason on standard error, when the
/// workbook cannot be written.
bool print_workbook(const std::vector<report::table>& tables, const diagnostics& diags,
                    const context& ctx, std::string_view subject);

/// Prints a command's result table in the chosen format and returns its exit code: JSON is one
/// document (`schema` first, the diagnostics inside it); text and CSV are the table alone on
/// standard output, with diagnostics as text on standard error. Exit exit_input_errors when any
/// diagnostic is an error, else exit_ok.
int print_table(const report::table& t, const diagnostics& diags, const context& ctx,
                std::string_view schema);

/// Prints a command's result tables in the chosen format and returns its exit code: JSON is one
/// document holding every table (`schema` first, the diagnostics inside it); CSV is the table
/// --table names, or the first; text is every table, or only the one --table names. Diagnostics
/// go to standard error as text for text and CSV. Exit as print_table.
int print_tables(const std::vector<report::table>& tables, const diagnostics& diags,
                 const context& ctx, std::string_view schema);

/// A demo section: a module's look at the sample area. Returns an exit code.
struct demo_section {
  std::string title;  ///< the module name shown as a heading
  std::function<int(const std::filesystem::path& dir, std::ostream& out)> run;  ///< the run
};

/// Every demo section, in module order.
std::vector<demo_section>& demo_sections();

/// A module's registration function: adds its subcommands to `app` and its demo section.
using registrar = void (*)(CLI::App& app, context& ctx);

/// Records a module's registrar; `order` fixes the module order in --help and the demo
/// (core 10, budget 20, capitation 30, care 40, outcomes 50, governance 60, demo 100).
/// Call it from a namespace-scope initialiser in the module's commands file:
/// `const bool registered = add_registrar(20, register_budget);`
bool add_registrar(int order, registrar r);

/// Calls every recorded registrar in order.
void register_all(CLI::App& app, context& ctx);

}  // namespace joinedup::cli
