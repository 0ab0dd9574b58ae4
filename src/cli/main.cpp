// joinedup: the command-line tool. Each module registers its subcommands here.
#include <exception>
#include <iostream>

#include "cli.hpp"
#include "joinedup/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "joinedup: exact pooled budgets, capitation, care plans and outcomes for integrated\n"
      "health and social care commissioning in England.\n"
      "Exit codes: 0 success, 1 the input has errors (diagnostics printed), 2 usage.",
      "joinedup"};
  app.set_version_flag("--version", std::string("joinedup ") + JOINEDUP_VERSION_STRING);
  app.require_subcommand(1);
  joinedup::cli::context ctx;
  joinedup::cli::register_all(app, ctx);
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
    app.exit(e);
    return joinedup::cli::exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "joinedup: internal error: " << e.what() << '\n';
    return 3;
  }
  return 0;
}
