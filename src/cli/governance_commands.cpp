// joinedup CLI: `joinedup governance …`, the single commissioning arrangement, the scheme of
// delegation and integration progress from the command line, and the governance section of the
// demo (docs/governance.md).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "cli.hpp"
#include "joinedup/budget/validate.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/governance/commissioner.hpp"
#include "joinedup/governance/delegation.hpp"
#include "joinedup/governance/integration.hpp"
#include "joinedup/governance/progress.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/fund_events.hpp"
#include "joinedup/io/governance.hpp"
#include "joinedup/io/ledger_csv.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "joinedup/report/governance.hpp"

namespace joinedup::cli {
namespace {

/// Ends a command: exit_ok returns normally, anything else travels out through CLI11.
void finish(int code) {
  if (code != exit_ok) throw CLI::RuntimeError(code);
}

/// Options shared by the governance commands.
struct governance_options {
  std::string file;                ///< the main document, or "-"
  std::string as_of;               ///< --as-of
  std::string scheme;              ///< --scheme (decide)
  std::string plans;               ///< --plans (progress)
  std::string ambitions;           ///< --ambitions (progress)
  std::string fund;                ///< --fund (progress: pooled spend by care setting)
  std::string ledger;              ///< --ledger (progress, with --fund)
  std::string events;              ///< --events (progress, with --fund)
  std::string period = "quarter";  ///< --period quarter|month (progress trends)
};

/// Reads a file into `text`, or adds io.file.read and returns false.
bool slurp(const std::string& path, std::string& text, diagnostics& diags) {
  const result<std::string> r = io::read_file(path);
  if (!collect(r, diags, "")) return false;
  text = *r;
  return true;
}

/// Fails a command whose input could not be read: prints the diagnostics, exit 1.
int input_failed(const diagnostics& diags, const context& ctx) {
  report_diagnostics(diags, ctx, std::cout, std::cerr);
  return exit_input_errors;
}

/// The as-of date: --as-of when given, else the document's own; nullopt (and a message) when
/// neither is usable.
std::optional<std::chrono::sys_days> as_of_date(const std::string& option,
                                                const std::optional<governance::date>& own) {
  if (!option.empty()) {
    const auto d = parse_iso_date(option);
    if (!d) {
      std::cerr << fmt::format("joinedup: --as-of: {}\n", d.error().message);
      return std::nullopt;
    }
    return std::chrono::sys_days(*d);
  }
  if (own) return std::chrono::sys_days(*own);
  std::cerr << "joinedup: give --as-of YYYY-MM-DD (the document has no \"as_of\")\n";
  return std::nullopt;
}

/// Reads each linked fund document (relative to `base`) and compares it with the reference.
void check_linked_funds(const governance::commissioner& c, const std::filesystem::path& base,
                        diagnostics& diags) {
  for (std::size_t i = 0; i < c.funds.size(); ++i) {
    const governance::pooled_fund_ref& ref = c.funds[i];
    if (ref.fund_file.empty()) continue;
    const std::string at = "/funds/" + std::to_string(i);
    const std::filesystem::path p = base / ref.fund_file;
    const result<std::string> text = io::read_file(p.string());
    if (!text) {
      diags.error("governance.fund.file", at + "/fund_file",
                  "fund '" + ref.id + "': " + text.error().message);
      continue;
    }
    diagnostics fund_diags;
    const std::optional<budget::pooled_fund> fund = io::read_pooled_fund(*text, fund_diags);
    if (!fund || fund_diags.has_errors()) {
      diags.error("governance.fund.file", at + "/fund_file",
                  "fund '" + ref.id + "': " + p.string() +
                      " is not a readable pooled fund document; run `joinedup budget validate` "
                      "on it");
      continue;
    }
    governance::check_fund_link(c, ref, *fund, at, diags);
  }
}

/// The pooled fund inputs of `governance progress`: the fund as read, its events, and the ledger
/// read against the fund as it stands on the as-of date.
struct fund_inputs {
  std::optional<budget::pooled_fund> fund;    ///< --fund
  std::optional<budget::fund_events> events;  ///< --events
  std::optional<io::ledger_load> ledger;      ///< --ledger
};

/// Reads --fund (checked against the shipped BCF catalogue of its year), --events (applied up to
/// `as_of`, which must apply cleanly) and --ledger, with the library's readers as `joinedup
/// budget` uses them. Diagnostics are prefixed "(fund)", "(events)" and "(ledger)". False when
/// any has errors: a share of a fund that is not the fund would mislead.
bool read_fund_inputs(const governance_options& o, std::chrono::sys_days as_of, fund_inputs& out,
                      diagnostics& diags) {
  std::string text;
  diagnostics fd;
  if (!slurp(o.fund, text, fd)) {
    diags.append(fd, "(fund)");
    return false;
  }
  out.fund = io::read_pooled_fund(text, fd);
  if (out.fund) {
    const result<budget::bcf_catalogue> c = io::shipped_bcf_catalogue(out.fund->year);
    if (collect(c, fd, "/financial_year")) fd.append(budget::validate(*out.fund, *c));
  }
  const bool fund_ok = out.fund.has_value() && !fd.has_errors();
  diags.append(fd, "(fund)");
  if (!fund_ok) return false;
  budget::pooled_fund now = *out.fund;
  if (!o.events.empty()) {
    diagnostics ed;
    if (slurp(o.events, text, ed)) out.events = io::read_events_or_audit(text, ed);
    if (out.events) now = budget::fund_on(*out.fund, *out.events, governance::date{as_of}, ed).fund;
    const bool events_ok = out.events.has_value() && !ed.has_errors();
    diags.append(ed, "(events)");
    if (!events_ok) return false;
  }
  if (!o.ledger.empty()) {
    diagnostics ld;
    out.ledger = io::read_ledger_csv_file(o.ledger, now, ld);
    const bool ledger_ok = out.ledger.has_value() && !ld.has_errors();
    diags.append(ld, "(ledger)");
    if (!ledger_ok) return false;
  }
  return true;
}

/// The integration measures the inputs allow: pooled spend by setting with a fund,
/// organisations per person with care records.
governance::integration_measures integration_of(const fund_inputs& f,
                                                const care::care_records* records,
                                                financial_year year, governance::period_kind kind,
                                                std::chrono::sys_days as_of) {
  governance::integration_measures x;
  if (f.fund) {
    diagnostics applied;  // checked by read_fund_inputs
    x.settings =
        governance::measure_settings(*f.fund, f.events ? &*f.events : nullptr,
                                     f.ledger ? &f.ledger->summary : nullptr, kind, as_of, applied);
  }
  if (records != nullptr)
    x.organisations = governance::measure_organisations(*records, year, kind, as_of);
  return x;
}

/// `joinedup governance check COMMISSIONER.json --as-of DATE`.
int run_check(const governance_options& o, const context& ctx) {
  diagnostics diags;
  std::string text;
  if (!slurp(o.file, text, diags)) return input_failed(diags, ctx);
  const std::optional<governance::commissioner> c = io::read_commissioner(text, diags);
  if (!c) return input_failed(diags, ctx);
  const std::optional<std::chrono::sys_days> as_of = as_of_date(o.as_of, c->as_of);
  if (!as_of) return exit_usage;
  const std::filesystem::path base =
      o.file == "-" ? std::filesystem::path(".") : std::filesystem::path(o.file).parent_path();
  check_linked_funds(*c, base, diags);
  const governance::check_summary s = governance::check(*c, *as_of, diags);
  if (ctx.format == output_format::json) {
    std::cout << report::governance_check_json(*c, s, diags, *as_of);
  } else if (ctx.format == output_format::xlsx) {
    if (!print_workbook({report::governance_returns_table(*c, *as_of)}, diags, ctx,
                        "governance check")) {
      return exit_input_errors;
    }
  } else {
    if (ctx.format == output_format::table) {
      std::cout << report::governance_check_summary(*c, s, diags, *as_of);
    }
    std::cout << report::render(report::governance_returns_table(*c, *as_of), ctx.format);
  }
  if (ctx.format != output_format::json && !diags.empty()) {
    std::cerr << report::diagnostics_text(diags);
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

/// `joinedup governance decide REQUEST.json --scheme DELEGATION.json`: exit 0 when permitted,
/// 1 when denied or when an input has errors.
int run_decide(const governance_options& o, const context& ctx) {
  diagnostics diags;
  std::string text;
  std::string scheme_text;
  if (!slurp(o.file, text, diags)) return input_failed(diags, ctx);
  const std::optional<governance::request> req = io::read_decision_request(text, diags);
  if (!slurp(o.scheme, scheme_text, diags)) return input_failed(diags, ctx);
  diagnostics scheme_diags;
  const std::optional<governance::scheme> scheme = io::read_delegation(scheme_text, scheme_diags);
  if (scheme) governance::check_scheme(*scheme, scheme_diags);
  diags.append(scheme_diags, "(scheme)");
  if (!req || !scheme || diags.has_errors()) return input_failed(diags, ctx);
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  const governance::decision d = governance::decide(*scheme, *req);
  switch (ctx.format) {
    case output_format::csv:
      std::cout << report::render(report::governance_decision_table(*req, d), output_format::csv);
      break;
    case output_format::json:
      std::cout << report::governance_decision_json(*req, d);
      break;
    case output_format::xlsx:
      if (!print_workbook({report::governance_decision_table(*req, d)}, diags, ctx,
                          "governance decide")) {
        return exit_input_errors;
      }
      break;
    case output_format::table:
      std::cout << report::governance_decision_text(*req, d);
      break;
  }
  return d.permitted() ? exit_ok : exit_input_errors;
}

/// `joinedup governance progress PROGRESS.json [--plans PLANS.json] [--fund FUND.json [--events
/// EVENTS.json] [--ledger LEDGER.csv]] [--period quarter|month] --as-of DATE`.
int run_progress(const governance_options& o, const context& ctx) {
  diagnostics diags;
  std::string text;
  if (!slurp(o.file, text, diags)) return input_failed(diags, ctx);
  std::optional<governance::progress_input> in = io::read_progress(text, diags);
  if (!in) return input_failed(diags, ctx);
  if (!o.ambitions.empty()) {
    std::string atext;
    if (!slurp(o.ambitions, atext, diags)) return input_failed(diags, ctx);
    std::optional<std::vector<governance::ambition>> a = io::read_ambitions(atext, diags);
    if (!a) return input_failed(diags, ctx);
    in->ambitions = std::move(*a);
  }
  std::optional<care::care_records> records;
  if (!o.plans.empty()) {
    std::string ptext;
    if (!slurp(o.plans, ptext, diags)) return input_failed(diags, ctx);
    diagnostics care_diags;
    records = io::read_care_records(ptext, care_diags);
    diags.append(care_diags, "(plans)");
    if (!records) return input_failed(diags, ctx);
  }
  governance::check_progress(*in, diags);
  if (diags.has_errors()) return input_failed(diags, ctx);
  const std::optional<std::chrono::sys_days> as_of = as_of_date(o.as_of, in->as_of);
  if (!as_of) return exit_usage;
  if ((!o.ledger.empty() || !o.events.empty()) && o.fund.empty()) {
    std::cerr << "joinedup: --ledger and --events need --fund\n";
    return exit_usage;
  }
  fund_inputs funds;
  if (!o.fund.empty() && !read_fund_inputs(o, *as_of, funds, diags))
    return input_failed(diags, ctx);
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  const care::care_records* care = records ? &*records : nullptr;
  const governance::progress_measures m = governance::measure_progress(*in, *as_of, care);
  const governance::integration_measures x = integration_of(
      funds, care, in->year,
      o.period == "month" ? governance::period_kind::month : governance::period_kind::quarter,
      *as_of);
  if (ctx.format == output_format::json) {
    std::cout << report::governance_progress_json(*in, m, x);
  } else {
    return print_tables(report::governance_progress_tables(*in, m, x), diagnostics{}, ctx, "");
  }
  return exit_ok;
}

/// The governance section of the demo: the sample area's arrangement checked on its own date,
/// one decision, and the progress measures with the care caseload.
int governance_demo(const std::filesystem::path& dir, std::ostream& out) {
  diagnostics diags;
  std::string text;
  if (!slurp((dir / "governance-commissioner.json").string(), text, diags)) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const std::optional<governance::commissioner> c = io::read_commissioner(text, diags);
  if (!c || !c->as_of) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const std::chrono::sys_days as_of(*c->as_of);
  check_linked_funds(*c, dir, diags);
  const governance::check_summary s = governance::check(*c, as_of, diags);
  out << report::governance_check_summary(*c, s, diags, as_of)
      << report::render(report::governance_returns_table(*c, as_of), output_format::table);
  for (const diagnostic& d : diags)
    out << fmt::format("  {} {} at {}: {}\n", to_string(d.severity), d.code, d.path, d.message);

  diagnostics ddiags;
  std::string rtext;
  std::string stext;
  if (slurp((dir / "governance-request.json").string(), rtext, ddiags) &&
      slurp((dir / "governance-delegation.json").string(), stext, ddiags)) {
    const std::optional<governance::request> req = io::read_decision_request(rtext, ddiags);
    const std::optional<governance::scheme> scheme = io::read_delegation(stext, ddiags);
    if (req && scheme) {
      out << "\n" << report::governance_decision_text(*req, governance::decide(*scheme, *req));
    }
  }
  std::string ptext;
  if (slurp((dir / "governance-progress.json").string(), ptext, ddiags)) {
    const std::optional<governance::progress_input> in = io::read_progress(ptext, ddiags);
    std::optional<care::care_records> records;
    std::string ctext;
    diagnostics cdiags;
    if (slurp((dir / "care-plans.json").string(), ctext, cdiags)) {
      records = io::read_care_records(ctext, cdiags);
    }
    if (in) {
      const std::chrono::sys_days p_as_of = in->as_of ? std::chrono::sys_days(*in->as_of) : as_of;
      // The demo fund as it stands on the date after its events, with its ledger.
      governance_options fo;
      fo.fund = (dir / "budget-fund.json").string();
      fo.events = (dir / "budget-events.json").string();
      fo.ledger = (dir / "budget-ledger.csv").string();
      fund_inputs funds;
      if (!read_fund_inputs(fo, p_as_of, funds, ddiags)) funds = {};
      const care::care_records* care = records ? &*records : nullptr;
      out << "\n"
          << report::render(report::governance_progress_tables(
                                *in, governance::measure_progress(*in, p_as_of, care),
                                integration_of(funds, care, in->year,
                                               governance::period_kind::quarter, p_as_of)),
                            output_format::table);
    }
  }
  if (!ddiags.empty()) out << report::diagnostics_text(ddiags);
  return exit_ok;
}

}  // namespace

/// Registers the `governance` subcommands and the governance demo section.
void register_governance(CLI::App& app, context& ctx) {
  CLI::App* cmd = add_group(
      app, "governance",
      "Single commissioning: accounting officer, accountability lines, delegation, progress");
  static governance_options opts;

  auto* check = cmd->add_subcommand(
      "check", "Check the arrangement: accounting officer, lines, returns, HWB sign-off");
  check->add_option("COMMISSIONER", opts.file, "joinedup/commissioner/v1 JSON, - for stdin")
      ->required();
  add_date_option(*check, "--as-of", opts.as_of,
                  "The date to check on, YYYY-MM-DD (default: the document's as_of)");
  add_format_option(*check, ctx);
  set_examples(
      *check,
      {"joinedup governance check examples/data/northmoor-commissioner.json --as-of 2025-11-30"});
  check->callback([&ctx] { finish(run_check(opts, ctx)); });

  auto* decide = cmd->add_subcommand(
      "decide", "Decide a request under the scheme of delegation (exit 0 permitted, 1 denied)");
  decide->add_option("REQUEST", opts.file, "joinedup/decision-request/v1 JSON, - for stdin")
      ->required();
  decide->add_option("--scheme", opts.scheme, "The scheme of delegation (joinedup/delegation/v1)")
      ->required();
  add_format_option(*decide, ctx);
  set_examples(*decide,
               {"joinedup governance decide examples/data/northmoor-request-permitted.json "
                "--scheme examples/data/northmoor-delegation.json"});
  decide->callback([&ctx] { finish(run_decide(opts, ctx)); });

  auto* progress = cmd->add_subcommand(
      "progress", "Integration progress measures: pooled spend, coverage, joint services, plans");
  progress->add_option("PROGRESS", opts.file, "joinedup/progress/v1 JSON, - for stdin")->required();
  progress->add_option("--plans", opts.plans,
                       "Care records (joinedup/care-plans/v1) for the complex-needs measure");
  progress->add_option("--fund", opts.fund,
                       "Pooled fund (joinedup/fund/v1) for the shares of pooled revenue in "
                       "community and social care settings and in acute settings");
  progress->add_option("--events", opts.events,
                       "In-year events of the fund (joinedup/fund-events/v1 or an audit trail), "
                       "applied up to each period end (needs --fund)");
  progress->add_option("--ledger", opts.ledger,
                       "The fund's ledger (CSV) for the shares actually spent, by period (needs "
                       "--fund)");
  progress
      ->add_option("--period", opts.period,
                   "Periods of the trends: quarter (default) or month ends of the year up to "
                   "the date")
      ->check(CLI::IsMember({"quarter", "month"}));
  progress->add_option("--ambitions", opts.ambitions,
                       "Ambitions catalogue (e.g. data/governance/ambitions.json) used instead "
                       "of the document's own");
  add_date_option(*progress, "--as-of", opts.as_of,
                  "The date to measure on, YYYY-MM-DD (default: the document's as_of)");
  add_format_option(*progress, ctx);
  add_table_option(*progress, ctx, {"measures", "ambitions", "settings", "organisations", "trends"},
                   "The table to print: measures (the default for CSV, which holds one table per "
                   "file), ambitions, settings (with --fund), organisations (with --plans) or "
                   "trends; text shows all unless one is named, JSON always all");
  set_examples(*progress,
               {"joinedup governance progress examples/data/northmoor-progress.json "
                "--plans data/demo/care-plans.json --as-of 2025-11-30",
                "joinedup governance progress examples/data/northmoor-progress.json --format csv "
                "--table ambitions",
                "joinedup governance progress examples/data/northmoor-progress.json --plans "
                "data/demo/care-plans.json --fund data/demo/budget-fund.json --events "
                "data/demo/budget-events.json --ledger data/demo/budget-ledger.csv --period month",
                "joinedup governance progress examples/data/northmoor-progress.json --fund "
                "data/demo/budget-fund.json --format csv --table settings"});
  progress->callback([&ctx] { finish(run_progress(opts, ctx)); });

  demo_sections().push_back({"governance: single commissioning", governance_demo});
}

namespace {
const bool registered = add_registrar(60, register_governance);
}  // namespace

}  // namespace joinedup::cli
