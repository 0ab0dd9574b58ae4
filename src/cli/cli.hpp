// joinedup CLI (private): how modules register their subcommands and demo sections.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "joinedup/core/diagnostics.hpp"

namespace joinedup::cli {

/// Exit codes shared by every command.
enum exit_code : int {
  exit_ok = 0,            ///< success
  exit_input_errors = 1,  ///< the input has errors (diagnostics were printed)
  exit_usage = 2,         ///< the command line was wrong
};

/// Output formats every command accepts with --format.
enum class output_format { table, json, csv };

/// Options shared by all commands.
struct context {
  output_format format = output_format::table;  ///< --format
};

/// Adds the standard --format option to a subcommand.
void add_format_option(CLI::App& cmd, context& ctx);

/// Prints diagnostics to stderr in the chosen format (json/csv go to stdout so they can be
/// piped) and returns exit_input_errors when any is an error, exit_ok otherwise.
int report_diagnostics(const diagnostics& diags, const context& ctx, std::ostream& out,
                       std::ostream& err);

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
