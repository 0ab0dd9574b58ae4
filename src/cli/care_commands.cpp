// joinedup CLI: `joinedup care …`, care plans and named case managers from the command line, and
// the care section of the demo.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "cli.hpp"
#include "joinedup/care/assignment.hpp"
#include "joinedup/care/costing.hpp"
#include "joinedup/care/guarantee.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/care/validate.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/report/care.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// Ends a command: exit_ok returns normally, anything else travels out through CLI11.
void finish(int code) {
  if (code != exit_ok) throw CLI::RuntimeError(code);
}

/// Options shared by the care commands.
struct care_options {
  std::string file;         ///< PLANS.json or "-"
  std::string as_of;        ///< --as-of
  std::string policy;       ///< --policy
  std::string leaving;      ///< --leaving (caseload)
  std::string year;         ///< --year (cost)
  std::int64_t within = 0;  ///< --within (reviews)
};

/// What loading found.
struct loaded {
  care::care_records records;
  care::review_policy policy;
  std::chrono::sys_days as_of{};
};

/// Reads the records, the policy and the as-of date; on failure prints diagnostics and returns
/// the exit code in `code`.
std::optional<loaded> load(const care_options& o, const context& ctx, diagnostics& diags,
                           int& code) {
  loaded out;
  const result<std::string> text = io::read_file(o.file);
  if (!collect(text, diags, "")) {
    code = report_diagnostics(diags, ctx, std::cout, std::cerr);
    return std::nullopt;
  }
  std::optional<care::care_records> records = io::read_care_records(*text, diags);
  if (!records || diags.has_errors()) {
    code = report_diagnostics(diags, ctx, std::cout, std::cerr);
    if (code == exit_ok) code = exit_input_errors;
    return std::nullopt;
  }
  out.records = std::move(*records);
  out.policy = care::default_review_policy();
  if (!o.policy.empty()) {
    const result<std::string> ptext = io::read_file(o.policy);
    std::optional<care::review_policy> policy;
    if (collect(ptext, diags, "")) policy = io::read_review_policy(*ptext, diags);
    if (!policy || diags.has_errors()) {
      code = report_diagnostics(diags, ctx, std::cout, std::cerr);
      if (code == exit_ok) code = exit_input_errors;
      return std::nullopt;
    }
    out.policy = std::move(*policy);
  }
  if (!o.as_of.empty()) {
    const auto d = parse_iso_date(o.as_of);
    if (!d) {
      std::cerr << fmt::format("joinedup: --as-of: {}\n", d.error().message);
      code = exit_usage;
      return std::nullopt;
    }
    out.as_of = *d;
  } else if (out.records.as_of) {
    out.as_of = *out.records.as_of;
  } else {
    std::cerr << "joinedup: give --as-of YYYY-MM-DD (the document has no \"as_of\")\n";
    code = exit_usage;
    return std::nullopt;
  }
  code = exit_ok;
  return out;
}

/// Prints a care table in the chosen format: JSON one document under `schema`.
int print(const report::table& t, const context& ctx, std::string_view schema) {
  return print_table(t, diagnostics{}, ctx, schema);
}

/// `joinedup care check PLANS.json --as-of DATE`: reading problems and validation findings are
/// reported together.
int run_check(const care_options& o, const context& ctx) {
  diagnostics diags;
  const result<std::string> text = io::read_file(o.file);
  if (!collect(text, diags, "")) return report_diagnostics(diags, ctx, std::cout, std::cerr);
  const std::optional<care::care_records> records = io::read_care_records(*text, diags);
  if (!records) return report_diagnostics(diags, ctx, std::cout, std::cerr);
  care::review_policy policy = care::default_review_policy();
  if (!o.policy.empty()) {
    const result<std::string> ptext = io::read_file(o.policy);
    std::optional<care::review_policy> read;
    if (collect(ptext, diags, "")) read = io::read_review_policy(*ptext, diags);
    if (!read) return report_diagnostics(diags, ctx, std::cout, std::cerr);
    policy = std::move(*read);
  }
  std::chrono::sys_days as_of{};
  if (!o.as_of.empty()) {
    const auto d = parse_iso_date(o.as_of);
    if (!d) {
      std::cerr << fmt::format("joinedup: --as-of: {}\n", d.error().message);
      return exit_usage;
    }
    as_of = *d;
  } else if (records->as_of) {
    as_of = *records->as_of;
  } else {
    std::cerr << "joinedup: give --as-of YYYY-MM-DD (the document has no \"as_of\")\n";
    return exit_usage;
  }
  const care::validation_summary s = care::validate(*records, as_of, policy, diags);
  if (ctx.format == output_format::table) {
    std::cout << report::care_check_summary(*records, s, diags, as_of);
  }
  if (ctx.format == output_format::xlsx) {  // no tables: the findings' sheet (and on stderr)
    if (!print_workbook({}, diags, ctx, "care check")) return exit_input_errors;
  }
  return report_diagnostics(diags, ctx, std::cout, std::cerr);
}

/// `joinedup care caseload PLANS.json [--as-of DATE] [--leaving ID]`.
int run_caseload(const care_options& o, const context& ctx) {
  diagnostics diags;
  int code = exit_ok;
  const std::optional<loaded> l = load(o, ctx, diags, code);
  if (!l) return code;
  if (!o.leaving.empty()) {
    const care::case_manager_id leaving(o.leaving);
    if (!care::case_manager_index(l->records.case_managers).find(leaving)) {
      std::cerr << fmt::format("joinedup: --leaving: no case manager '{}'\n", o.leaving);
      return exit_usage;
    }
    const care::reassignment_proposal p = care::propose_reassignment(l->records, leaving, l->as_of);
    const std::vector<report::table> tables = {
        report::care_reassignment_table(l->records, p),
        report::care_caseload_table(l->records, p.load_after, l->as_of)};
    if (ctx.format == output_format::json) {  // the reassignment document, as it always was
      return print(tables.front(), ctx, "joinedup/care-reassignment/v1");
    }
    const int printed = print_tables(tables, diagnostics{}, ctx, "joinedup/care-reassignment/v1");
    if (ctx.format == output_format::table && !p.all_within_capacity()) {
      std::cout << "Not every plan fits within capacity: see rows marked 'no'.\n";
    }
    return printed;
  }
  const std::vector<std::int64_t> loads = care::caseload_on(l->records, l->as_of);
  return print(report::care_caseload_table(l->records, loads, l->as_of), ctx,
               "joinedup/care-caseload/v1");
}

/// `joinedup care guarantee PLANS.json --as-of DATE`.
int run_guarantee(const care_options& o, const context& ctx) {
  diagnostics diags;
  int code = exit_ok;
  const std::optional<loaded> l = load(o, ctx, diags, code);
  if (!l) return code;
  const care::guarantee_measures m = care::measure_guarantee(l->records, l->policy, l->as_of);
  return print(report::care_guarantee_table(m), ctx, "joinedup/care-guarantee/v1");
}

/// `joinedup care reviews PLANS.json --as-of DATE [--within DAYS]`.
int run_reviews(const care_options& o, const context& ctx) {
  diagnostics diags;
  int code = exit_ok;
  const std::optional<loaded> l = load(o, ctx, diags, code);
  if (!l) return code;
  const std::vector<care::due_review> due =
      care::due_reviews(l->records, l->policy, l->as_of, o.within);
  return print(report::care_reviews_table(l->records, due), ctx, "joinedup/care-reviews/v1");
}

/// `joinedup care cost PLANS.json --year 2025-26 [--as-of DATE]`.
int run_cost(const care_options& o, const context& ctx) {
  diagnostics diags;
  int code = exit_ok;
  const result<financial_year> fy = financial_year::parse(o.year);
  if (!fy) {
    std::cerr << fmt::format("joinedup: --year: {}\n", fy.error().message);
    return exit_usage;
  }
  const std::optional<loaded> l = load(o, ctx, diags, code);
  if (!l) return code;
  const auto spend = care::try_committed_spend(l->records, *fy, l->as_of, rounding::half_up);
  if (!spend) {
    // A committed spend that leaves out a service would look complete and be wrong.
    collect(spend, diags, "");
    return report_diagnostics(diags, ctx, std::cout, std::cerr);
  }
  return print(report::care_spend_table(*spend, fy->to_string()), ctx,
               "joinedup/care-committed-spend/v1");
}

/// Rows of a list the demo shows before it says how many more there are.
constexpr std::size_t demo_rows = 10;

/// The care section of the demo: the sample caseload in care-plans.json.
int care_demo(const std::filesystem::path& dir, std::ostream& out) {
  diagnostics diags;
  const result<std::string> text = io::read_file((dir / "care-plans.json").string());
  if (!collect(text, diags, "")) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const std::optional<care::care_records> records = io::read_care_records(*text, diags);
  if (!records || !records->as_of) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const std::chrono::sys_days as_of = *records->as_of;
  const care::review_policy policy = care::default_review_policy();
  const care::validation_summary s = care::validate(*records, as_of, policy, diags);
  const care::guarantee_measures m = care::measure_guarantee(*records, policy, as_of);
  out << report::care_caseload_heading(*records, m, as_of);
  // A large caseload is shown in part: case managers over capacity first, then the first of
  // the rest; the most overdue reviews; the first findings (the commands list them all).
  report::table caseload = report::care_caseload_table(*records, s.caseload, as_of);
  std::stable_partition(
      caseload.rows.begin(), caseload.rows.end(),
      [](const std::vector<report::cell>& row) { return !row.empty() && row.back() != "ok"; });
  std::vector<std::string> more;
  const auto cap = [&more](report::table& t, std::string_view what, std::string_view command) {
    if (t.rows.size() <= demo_rows) return;
    more.push_back(
        fmt::format("{}: {} more not shown ({})", what, t.rows.size() - demo_rows, command));
    t.rows.resize(demo_rows);
  };
  cap(caseload, "caseload", "joinedup care caseload");
  report::table reviews =
      report::care_reviews_table(*records, care::due_reviews(*records, policy, as_of, 0));
  cap(reviews, "reviews due", "joinedup care reviews");
  out << report::render(
      std::vector<report::table>{report::care_guarantee_table(m), caseload, reviews},
      output_format::table);
  for (const std::string& line : more)
    out << "... " << line << "\n";
  if (diags.size() <= demo_rows) {
    out << report::diagnostics_text(diags);
    return exit_ok;
  }
  // The findings in part: the first of them, then a count of each code.
  diagnostics first;
  std::map<std::string, std::size_t, std::less<>> by_code;
  std::size_t i = 0;
  for (const diagnostic& d : diags) {
    if (i++ < demo_rows) first.add(d);
    ++by_code[d.code];
  }
  out << report::diagnostics_text(first)
      << fmt::format("... {} findings in all (joinedup care check lists every one):\n",
                     diags.size());
  for (const auto& [code, n] : by_code)
    out << fmt::format("  {:>5}  {}\n", n, code);
  return exit_ok;
}

}  // namespace

/// Registers the `care` subcommands and the care demo section.
void register_care(CLI::App& app, context& ctx) {
  CLI::App* care_cmd =
      add_group(app, "care", "Care plans, named case managers, reviews and the guarantee");
  static care_options opts;

  const auto common = [&ctx](CLI::App* cmd) {
    cmd->add_option("PLANS", opts.file, "Care records (joinedup/care-plans/v1 JSON), - for stdin")
        ->required();
    add_date_option(*cmd, "--as-of", opts.as_of,
                    "The date to check on, YYYY-MM-DD (default: the document's as_of)");
    cmd->add_option("--policy", opts.policy,
                    "Review policy JSON (default: the built-in copy of "
                    "data/care/review-policy.json)");
    add_format_option(*cmd, ctx);
  };

  auto* check = care_cmd->add_subcommand(
      "check", "Validate care records: plan contents, lifecycle, case managers, reviews");
  common(check);
  set_examples(*check,
               {"joinedup care check examples/data/northmoor-plans.json --as-of 2025-11-30"});
  check->callback([&ctx] { finish(run_check(opts, ctx)); });

  auto* caseload = care_cmd->add_subcommand(
      "caseload", "Caseload per case manager; with --leaving, a reassignment proposal");
  common(caseload);
  caseload->add_option("--leaving", opts.leaving,
                       "Propose new case managers for this case manager's plans");
  add_table_option(*caseload, ctx, {"reassignment", "caseload"},
                   "With --leaving, the table to print: reassignment (the default for CSV) or "
                   "caseload (the load after the moves); text shows both unless one is named");
  set_examples(*caseload,
               {"joinedup care caseload examples/data/northmoor-plans.json",
                "joinedup care caseload examples/data/northmoor-plans.json --leaving cm-brown"});
  caseload->callback([&ctx] { finish(run_caseload(opts, ctx)); });

  auto* guarantee = care_cmd->add_subcommand(
      "guarantee", "Guarantee measures: agreed plan, named case manager, review in date");
  common(guarantee);
  set_examples(*guarantee,
               {"joinedup care guarantee examples/data/northmoor-plans.json --format csv"});
  guarantee->callback([&ctx] { finish(run_guarantee(opts, ctx)); });

  auto* reviews = care_cmd->add_subcommand("reviews", "Reviews due or overdue");
  common(reviews);
  reviews->add_option("--within", opts.within, "Also list reviews due within this many days")
      ->check(CLI::Range(0, 3660));
  set_examples(*reviews,
               {"joinedup care reviews examples/data/northmoor-plans.json --as-of 2025-11-30"});
  reviews->callback([&ctx] { finish(run_reviews(opts, ctx)); });

  auto* cost = care_cmd->add_subcommand(
      "cost", "Spend committed by agreed plans per pooled fund line in a financial year");
  common(cost);
  cost->add_option("--year", opts.year, "Financial year, e.g. 2025-26")
      ->required()
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            const auto fy = financial_year::parse(v);
            return fy ? std::string() : fy.error().message;
          },
          "YYYY-YY", "financial year"))
      ->option_text("YYYY-YY");
  set_examples(*cost, {"joinedup care cost examples/data/northmoor-plans.json --year 2025-26"});
  cost->callback([&ctx] { finish(run_cost(opts, ctx)); });

  demo_sections().push_back({"care: care plans and named case managers", care_demo});
}

namespace {
const bool registered = add_registrar(40, register_care);
}  // namespace

}  // namespace joinedup::cli
