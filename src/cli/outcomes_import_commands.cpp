// joinedup CLI: `joinedup outcomes import-fingertips`, a Fingertips data download read into the
// measurements CSV the scorecard reads (docs/outcomes-import-fingertips.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/fingertips_import.hpp"
#include "joinedup/io/outcomes.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// The catalogue used when none is named, if it is there.
constexpr const char* default_catalogue = "data/indicators/catalogue.json";

/// The command line of import-fingertips.
struct fingertips_command {
  std::string download;            ///< the download, - for stdin
  std::string catalogue;           ///< --catalogue CAT.json
  std::string framework;           ///< --framework FW.json (its catalogue)
  std::string sex;                 ///< --sex
  std::string age;                 ///< --age
  std::vector<std::string> areas;  ///< --area, repeated
};

/// Reads the catalogue that maps Fingertips ids: --framework's, --catalogue, or the default.
std::optional<outcomes::catalogue> mapping_catalogue(const fingertips_command& opt,
                                                     diagnostics& diags) {
  const bool framework = !opt.framework.empty();
  std::string file = framework ? opt.framework : opt.catalogue;
  if (file.empty()) {
    if (!std::filesystem::exists(default_catalogue)) return std::nullopt;
    file = default_catalogue;
  }
  const result<std::string> text = io::read_file(file);
  if (!text) {
    diags.error(text.error().code, "", file + ": " + text.error().message);
    return std::nullopt;
  }
  if (framework) {
    std::optional<outcomes::framework> fw = io::read_outcomes_framework(*text, diags);
    if (!fw) return std::nullopt;
    outcomes::validate_catalogue(fw->catalogue, diags);
    return std::move(fw->catalogue);
  }
  std::optional<outcomes::catalogue> cat = io::read_outcomes_catalogue(*text, diags);
  if (cat) outcomes::validate_catalogue(*cat, diags);
  return cat;
}

/// `joinedup outcomes import-fingertips FILE [options]`.
int run_import_fingertips(const fingertips_command& opt) {
  diagnostics diags;
  const std::optional<outcomes::catalogue> cat = mapping_catalogue(opt, diags);
  if (diags.has_errors()) {
    std::cerr << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  io::fingertips_import_options o;
  o.catalogue = cat ? &*cat : nullptr;
  o.sex = opt.sex;
  o.age = opt.age;
  o.areas.insert(opt.areas.begin(), opt.areas.end());
  const result<std::string> text = io::read_file(opt.download);
  if (!text) {
    diags.error(text.error().code, "", text.error().message);
    std::cerr << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const io::fingertips_import r = io::import_fingertips(*text, o, diags);
  std::cerr << report::diagnostics_text(diags);
  std::cerr << fmt::format("{}: {} row(s) read, {} mapped, {} left out, {} rejected\n",
                           opt.download, r.rows_read, r.rows_mapped, r.rows_left_out,
                           r.rows_rejected);
  if (diags.has_errors()) {
    // Measurements missing rows would make a scorecard that looks complete: nothing written.
    std::cerr << "nothing written: correct the download or choose with --sex, --age or --area, "
                 "and import again\n";
    return exit_input_errors;
  }
  std::cout << r.csv;
  return exit_ok;
}

void register_outcomes_import(CLI::App& app, context& ctx) {
  CLI::App* oc = add_group(app, "outcomes",
                           "Indicators with confidence intervals, targets, SPC and the scorecard");
  static fingertips_command opt;
  auto* cmd = oc->add_subcommand(
      "import-fingertips",
      "Read a Fingertips data download (CSV) into the measurements CSV the scorecard reads");
  cmd->add_option("FILE", opt.download, "The download, CSV with its header row; - reads stdin")
      ->required();
  cmd->add_option("--catalogue", opt.catalogue,
                  std::string("The catalogue whose fingertips_id maps Indicator IDs (default: ") +
                      default_catalogue + " where it exists)");
  cmd->add_option("--framework", opt.framework,
                  "A framework document whose catalogue maps Indicator IDs instead");
  cmd->add_option("--sex", opt.sex,
                  "The sex to keep (default: Persons where given, else an indicator's only sex)");
  cmd->add_option("--age", opt.age,
                  "The age to keep, as Fingertips writes it, e.g. \"65+ yrs\" (default: an "
                  "indicator's only age, or the catalogue's age band)");
  cmd->add_option("--area", opt.areas, "An area code to keep; repeat for each (default: all)");
  cmd->add_option("-o,--output", ctx.output,
                  "Write the measurements CSV to FILE (atomically) instead of standard output")
      ->option_text("FILE");
  set_examples(*cmd, {"joinedup outcomes import-fingertips "
                      "examples/data/northmoor-fingertips-download.csv"});
  cmd->callback([] {
    const int code = run_import_fingertips(opt);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });
}

const bool registered = add_registrar(51, register_outcomes_import);

}  // namespace
}  // namespace joinedup::cli
