// joinedup CLI: `joinedup fhir export`, care plans (and optionally an outcomes framework with
// its measurements) as one FHIR R4 Bundle (docs/fhir-export.md).
#include <iostream>
#include <optional>
#include <string>

#include "cli.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/fhir.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/outcomes.hpp"

namespace joinedup::cli {
namespace {

/// The options of `joinedup fhir export`.
struct fhir_options {
  std::string plans;         ///< PLANS.json or "-"
  std::string framework;     ///< --framework
  std::string measurements;  ///< --measurements
  std::string as_of;         ///< --as-of
  std::string timestamp;     ///< --timestamp
  std::string base;          ///< --base
};

/// Reads a file, adding io.file.* diagnostics when it cannot be read.
std::optional<std::string> slurp(const std::string& path, diagnostics& diags) {
  const result<std::string> text = io::read_file(path);
  if (!collect(text, diags, "")) return std::nullopt;
  return *text;
}

/// Adds `from` to `to` with "FILE: " before each message.
void add_from(diagnostics& to, const diagnostics& from, const std::string& file) {
  for (diagnostic d : from) {
    d.message = file + ": " + d.message;
    to.add(std::move(d));
  }
}

/// Runs the export; returns the exit code. Prints the bundle only when there is no error.
int run_export(const fhir_options& o, context& ctx) {
  diagnostics diags;
  const std::optional<std::string> text = slurp(o.plans, diags);
  std::optional<care::care_records> records;
  if (text) {
    diagnostics read;
    records = io::read_care_records(*text, read);
    add_from(diags, read, o.plans);
  }
  std::optional<outcomes::framework> fw;
  std::vector<outcomes::measurement> rows;
  if (!o.framework.empty()) {
    if (const std::optional<std::string> fw_text = slurp(o.framework, diags)) {
      diagnostics read;
      fw = io::read_outcomes_framework(*fw_text, read);
      if (fw) io::validate_outcomes_framework(*fw, read);
      add_from(diags, read, o.framework);
    }
    if (const std::optional<std::string> csv = slurp(o.measurements, diags)) {
      diagnostics read;
      rows = io::read_outcomes_measurements(*csv, read);
      add_from(diags, read, o.measurements);
    }
  }
  if (!records || (!o.framework.empty() && !fw) || diags.has_errors()) {
    const int code = report_diagnostics(diags, ctx, std::cout, std::cerr);
    return code == exit_ok ? exit_input_errors : code;
  }
  io::fhir_export_options options;
  if (!o.as_of.empty()) options.as_of = *parse_iso_date(o.as_of);  // checked by add_date_option
  options.timestamp = o.timestamp;
  if (!o.base.empty()) options.base = o.base;
  io::fhir_outcomes outcomes;
  if (fw) {
    outcomes.framework = &*fw;
    outcomes.measurements = rows;
  }
  const std::optional<std::string> bundle =
      io::write_fhir_bundle(*records, outcomes, options, diags);
  const int code = report_diagnostics(diags, ctx, std::cout, std::cerr);
  if (!bundle || code != exit_ok) return code == exit_ok ? exit_input_errors : code;
  // The bundle is the one output that carries NHS numbers in full (Patient.identifier only;
  // write_fhir_bundle masks every other text), so it is delivered unmasked.
  ctx.show_nhs_numbers = true;
  std::cout << *bundle;
  return exit_ok;
}

/// Ends a command: exit_ok returns normally, anything else travels out through CLI11.
void finish(int code) {
  if (code != exit_ok) throw CLI::RuntimeError(code);
}

void register_fhir(CLI::App& app, context& ctx) {
  CLI::App* group = add_group(app, "fhir", "FHIR R4 exports of care plans and outcomes");
  static fhir_options opts;
  CLI::App* exp = group->add_subcommand(
      "export",
      "Write care plans (and an outcomes framework's indicators, targets and measurements) as "
      "one FHIR R4 Bundle of type collection");
  exp->add_option("PLANS", opts.plans, "Care records (joinedup/care-plans/v1 JSON), - for stdin")
      ->required();
  CLI::Option* framework = exp->add_option(
      "--framework", opts.framework,
      "Outcomes framework JSON: adds Measure, MeasureReport and area Goal resources");
  CLI::Option* measurements = exp->add_option("--measurements", opts.measurements,
                                              "Measurements CSV for the framework's indicators");
  framework->needs(measurements);
  measurements->needs(framework);
  add_date_option(*exp, "--as-of", opts.as_of,
                  "The date the export describes, YYYY-MM-DD (default: the care records' as_of)");
  exp->add_option("--timestamp", opts.timestamp,
                  "Bundle.timestamp and MeasureReport.date, a FHIR instant such as "
                  "2025-11-30T09:00:00Z (default: the as-of date at 00:00:00Z)")
      ->option_text("INSTANT");
  exp->add_option("--base", opts.base,
                  "Base URL of the canonical URLs the export defines (Measure.url, extensions; "
                  "default https://joinedup.example/fhir)")
      ->option_text("URL");
  exp->add_option("-o,--output", ctx.output,
                  "Write the bundle to FILE (atomically) instead of standard output; nothing is "
                  "written when the input has errors")
      ->option_text("FILE");
  set_examples(
      *exp,
      {"joinedup fhir export examples/data/northmoor-plans.json --timestamp 2025-12-01T09:00:00Z",
       "joinedup fhir export data/demo/care-plans.json --framework "
       "data/demo/outcomes-framework.json --measurements "
       "data/demo/outcomes-measurements.csv --as-of 2025-11-30"});
  exp->callback([&ctx] { finish(run_export(opts, ctx)); });
}

const bool registered = add_registrar(70, register_fhir);

}  // namespace
}  // namespace joinedup::cli
