// joinedup CLI: `joinedup care import`, a case-management system's exports assembled into the
// care records document the care commands read (docs/care-import.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "cli.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/care/validate.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/care_import.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// The command line of care import.
struct import_options {
  std::string people;           ///< PEOPLE.csv
  std::string plans;            ///< PLANS.csv
  std::string assignments;      ///< ASSIGNMENTS.csv
  std::string services;         ///< --services FILE
  std::string needs;            ///< --needs FILE
  std::string outcomes;         ///< --outcomes FILE
  std::string events;           ///< --events FILE
  std::string absences;         ///< --absences FILE
  io::care_import_rules rules;  ///< --column, --date-format, --scheme
  std::string rules_file;       ///< --rules FILE
  std::string as_of;            ///< --as-of DATE
  bool strict = false;          ///< --strict
};

/// Prints the diagnostics and gives exit 1.
int refuse(const diagnostics& diags) {
  std::cerr << report::diagnostics_text(diags);
  return exit_input_errors;
}

/// `joinedup care import PEOPLE.csv PLANS.csv ASSIGNMENTS.csv [options] -o PLANS.json`.
int run_import(import_options opt, const context& ctx) {
  diagnostics diags;
  if (!opt.rules_file.empty()) {
    const result<std::string> text = io::read_file(opt.rules_file);
    if (!text) {
      diags.error(text.error().code, "", "--rules: " + text.error().message);
      return refuse(diags);
    }
    io::read_care_import_rules(*text, opt.rules, diags);
  }
  io::care_import_options o = io::care_import_options_from(opt.rules, diags);
  const auto as_of = parse_iso_date(opt.as_of);
  if (!as_of) {
    std::cerr << fmt::format("joinedup: --as-of: {}\n", as_of.error().message);
    return exit_usage;
  }
  o.as_of = *as_of;
  io::care_import_texts texts;
  const std::pair<const char*, const std::string*> files[] = {
      {"people", &opt.people},     {"plans", &opt.plans},      {"assignments", &opt.assignments},
      {"services", &opt.services}, {"needs", &opt.needs},      {"outcomes", &opt.outcomes},
      {"events", &opt.events},     {"absences", &opt.absences}};
  for (const auto& [kind, path] : files) {
    if (path->empty()) continue;
    result<std::string> text = io::read_file(*path);
    if (!text) {
      diags.error(text.error().code, "", std::string(kind) + ": " + text.error().message);
      continue;
    }
    texts.emplace(kind, std::move(*text));
  }
  if (diags.has_errors()) return refuse(diags);
  const io::care_import r = io::import_care(texts, o, diags);
  for (const io::care_import_count& n : r.counts) {
    const std::string* path = nullptr;
    for (const auto& [kind, p] : files)
      if (n.file == kind) path = p;
    std::cerr << fmt::format("{}: {} row(s) read, {} mapped, {} rejected\n", path ? *path : n.file,
                             n.rows_read, n.rows_mapped, n.rows_rejected);
  }
  if (diags.has_errors()) {
    // Records missing rows are not the area's records: nothing is written.
    refuse(diags);
    std::cerr << "nothing written: correct the exports or the column names and import again\n";
    return exit_input_errors;
  }
  diagnostics findings;
  care::validate(r.records, *as_of, care::default_review_policy(), findings);
  diags.append(findings);
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  // The care check's findings are about the care, not the export: an import of last month's
  // records is how a team finds its overdue reviews. They are printed, and block writing only
  // under --strict.
  if (findings.has_errors() && opt.strict) {
    std::cerr << "nothing written: the care check found errors in the records (--strict)\n";
    return exit_input_errors;
  }
  // The document holds NHS numbers in full, so it goes to its file only, never through the
  // masked standard output.
  const result<io::done> written =
      io::write_file_atomic(ctx.output, io::write_care_records(r.records));
  if (!written) {
    std::cerr << fmt::format("error {}: {}\n", written.error().code, written.error().message);
    return exit_input_errors;
  }
  std::cerr << fmt::format("{}: {} people, {} case managers, {} plans written\n", ctx.output,
                           r.records.people.size(), r.records.case_managers.size(),
                           r.records.plans.size());
  return exit_ok;
}

void register_care_import(CLI::App& app, context& ctx) {
  CLI::App* care =
      add_group(app, "care", "Care plans, named case managers, reviews and the guarantee");
  static import_options opt;
  auto* cmd = care->add_subcommand(
      "import",
      "Read a case-management system's exports (people, plans, case manager assignments) into "
      "the care records document");
  cmd->add_option("PEOPLE", opt.people, "People: one row a person (CSV with a header row)")
      ->required();
  cmd->add_option("PLANS", opt.plans, "Plans: one row a plan")->required();
  cmd->add_option("ASSIGNMENTS", opt.assignments,
                  "Case manager assignments: one row a case manager's period on a plan")
      ->required();
  cmd->add_option("--services", opt.services, "Services: one row a service in a plan");
  cmd->add_option("--needs", opt.needs, "Needs: one row a need in a plan");
  cmd->add_option("--outcomes", opt.outcomes, "Outcomes: one row an outcome in a plan");
  cmd->add_option("--events", opt.events,
                  "Plan events beyond the plans file's dates (reviews, revisions): one row each");
  cmd->add_option("--absences", opt.absences, "Case managers' absences: one row each");
  cmd->add_option("--column", opt.rules.columns,
                  "FILE.FIELD=HEADER: the export's column for a field, e.g. "
                  "people.nhs_number=\"NHS No\"; repeat for each")
      ->option_text("FILE.FIELD=HEADER");
  cmd->add_option("--date-format", opt.rules.date_format,
                  "The exports' dates, e.g. %d/%m/%Y (default %Y-%m-%d)");
  cmd->add_option("--scheme", opt.rules.schemes,
                  "A pooled fund scheme or line services may name; repeat for each");
  cmd->add_option("--rules", opt.rules_file,
                  "A file of the same options, one a line (column people.nhs_number=NHS No, "
                  "date-format %d/%m/%Y, scheme LINE)");
  cmd->add_option("--as-of", opt.as_of,
                  "The date the exports were taken (YYYY-MM-DD): the document's as_of, and the "
                  "day the records are checked on")
      ->required();
  cmd->add_flag("--strict", opt.strict,
                "Write nothing and exit 1 when the care check finds errors in the care the "
                "records describe (rows that cannot be read are never written, strict or not)");
  cmd->add_option("-o,--output", ctx.output,
                  "Write the care records to FILE (atomically); required, as the document holds "
                  "NHS numbers in full")
      ->option_text("FILE")
      ->required();
  set_examples(*cmd, {"joinedup care import examples/data/northmoor-care-people.csv "
                      "examples/data/northmoor-care-plans.csv "
                      "examples/data/northmoor-care-assignments.csv --services "
                      "examples/data/northmoor-care-services.csv --needs "
                      "examples/data/northmoor-care-needs.csv --outcomes "
                      "examples/data/northmoor-care-outcomes.csv --events "
                      "examples/data/northmoor-care-events.csv --absences "
                      "examples/data/northmoor-care-absences.csv --rules "
                      "examples/data/northmoor-care.rules --as-of 2025-11-30 -o "
                      "plans.json"});
  cmd->callback([&ctx] {
    const int code = run_import(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });
}

const bool registered = add_registrar(41, register_care_import);

}  // namespace
}  // namespace joinedup::cli
