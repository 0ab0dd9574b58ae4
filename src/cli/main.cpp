// joinedup: the command-line tool. Each module registers its subcommands here.
#include <exception>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "joinedup/version.hpp"

namespace {

/// Parses the command line and runs the command; everything it prints to std::cout is captured
/// by the caller. Returns the exit code.
int run(CLI::App& app, int argc, char** argv) {
  if (joinedup::cli::reject_unknown_command(app, argc, argv, std::cerr)) {
    return joinedup::cli::exit_usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command finished with a non-zero exit code
  } catch (const CLI::ParseError& e) {
    (void)app.exit(e, std::cout, std::cerr);
    return joinedup::cli::exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "joinedup: internal error: " << e.what() << '\n';
    return 3;
  }
  return joinedup::cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "joinedup: exact pooled budgets, capitation, care plans and outcomes for integrated\n"
      "health and social care commissioning in England.\n"
      "Exit codes: 0 success; 1 the input has errors (diagnostics printed) or the output could\n"
      "not be written; 2 usage (an unknown command or option, a bad option value).",
      "joinedup"};
  app.set_version_flag("--version", std::string("joinedup ") + JOINEDUP_VERSION_STRING);
  app.require_subcommand(1);
  app.fallthrough();  // --show-nhs-numbers may come after the command
  joinedup::cli::context ctx;
  app.add_flag("--show-nhs-numbers", ctx.show_nhs_numbers,
               "Print valid NHS numbers in full; by default every one in the output is masked "
               "to its last four digits");
  joinedup::cli::register_all(app, ctx);

  // The output is delivered only once the command has finished, so that a failed write is
  // noticed (exit 1), -o writes the file whole, and NHS numbers are masked in all of it.
  std::ostringstream captured;
  std::streambuf* const stdout_buffer = std::cout.rdbuf(captured.rdbuf());
  const int code = run(app, argc, argv);
  std::cout.rdbuf(stdout_buffer);
  return joinedup::cli::deliver_output(std::move(captured).str(), ctx, code, std::cerr);
}
