// joinedup CLI: `joinedup budget …`, pooled funds: validate, forecast, settle; and the budget
// section of the demo.
#include <fmt/format.h>

#include <iostream>
#include <vector>

#include "budget_run.hpp"
#include "cli.hpp"
#include "joinedup/budget/events.hpp"
#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/budget/summary.hpp"
#include "joinedup/budget/validate.hpp"
#include "joinedup/care/costing.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/forecast.hpp"
#include "joinedup/io/fund_events.hpp"
#include "joinedup/io/governance.hpp"
#include "joinedup/io/ledger_csv.hpp"
#include "joinedup/io/roll_forward.hpp"
#include "joinedup/io/settlement.hpp"
#include "joinedup/report/budget.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// `joinedup budget validate FUND.json`: the fund's summary as tables (by funding source,
/// partners' contributions, counts) and its diagnostics. Text: the summary, then "No problems
/// found." or the diagnostics; JSON: the diagnostics document with the tables added; CSV: the
/// first table (by funding source), with the diagnostics as text on standard error.
int run_validate(const budget_options& opt, const context& ctx) {
  diagnostics diags;
  const loaded_fund lf = load_fund(opt, diags);
  std::vector<report::table> tables;
  if (lf.fund && lf.catalogue) {
    diags.append(budget::validate(*lf.fund, *lf.catalogue));
    tables = report::fund_summary_tables(*lf.fund, budget::summarise(*lf.fund, *lf.catalogue));
  }
  switch (ctx.format) {
    case output_format::json:
      std::cout << report::fund_validation_json(tables, diags);
      break;
    case output_format::csv:
      std::cout << report::render(tables, output_format::csv);
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
    case output_format::xlsx:
      if (!print_workbook(tables, diags, ctx, "budget validate")) return exit_input_errors;
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
    case output_format::table:
      if (!tables.empty()) std::cout << report::render(tables, output_format::table) << "\n";
      std::cout << (diags.empty() ? "No problems found.\n" : report::diagnostics_text(diags));
      break;
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

/// A fund, its ledger and the forecast settings, ready to forecast or settle.
struct loaded_run {
  std::optional<budget::pooled_fund> fund;     ///< the fund (valid enough to use)
  std::optional<io::ledger_load> ledger;       ///< the ledger, summarised
  std::chrono::year_month_day as_of{};         ///< --as-of, or the year's last day
  budget::forecast_method method{};            ///< --method
  std::vector<budget::applied_event> applied;  ///< --events applied by the as-of date
  budget::extra_commitments care;              ///< --plans: care costs still to come, by line
};

/// Reads and validates the fund, then streams the ledger and checks the forecast. Leaves
/// `fund` or `ledger` empty (with diagnostics saying why) when the run cannot go on: the fund
/// or ledger cannot be read, the fund has errors, a bad --as-of or --method.
loaded_run load_run(const budget_options& opt, bool as_of_required, diagnostics& diags) {
  loaded_run run;
  const std::optional<budget::forecast_method> method = budget::parse_forecast_method(opt.method);
  if (!method) {
    diags.error("cli.budget.method", "",
                "--method " + opt.method +
                    " is not one of planned, actuals, run_rate, commitments_plus_profile");
    return run;
  }
  run.method = *method;
  loaded_fund lf = load_fund(opt, diags);
  if (!lf.fund || !lf.catalogue) return run;
  if (opt.as_of.empty()) {
    if (as_of_required) {
      diags.error("cli.budget.as_of", "", "--as-of DATE is required (YYYY-MM-DD)");
      return run;
    }
    run.as_of = lf.fund->year.last_day();
  } else {
    const result<std::chrono::year_month_day> d = parse_iso_date(opt.as_of);
    if (!collect(d, diags, "")) return run;
    run.as_of = *d;
  }
  // The fund as it stands on the as-of date, with --events applied.
  std::optional<budget::fund_at_date> at = apply_events(opt, *lf.fund, run.as_of, diags);
  if (!at) return run;
  lf.fund = std::move(at->fund);
  run.applied = std::move(at->applied);
  diags.append(budget::validate(*lf.fund, *lf.catalogue));
  if (diags.has_errors()) return run;
  if (!add_care_commitments(opt, *lf.fund, run.as_of, run.care, diags)) return run;
  run.ledger = io::read_ledger_csv_file(opt.ledger_file, *lf.fund, diags);
  if (!run.ledger) return run;
  if (diags.has_fatal() || run.ledger->control.rows_accepted == 0) {
    // A forecast or settlement from no actuals would look complete and be wrong.
    if (!diags.has_fatal()) {
      diags.add("budget.ledger.no_rows", severity::fatal, "",
                "no row of the ledger was accepted (" +
                    std::to_string(run.ledger->control.rows_read) + " read, " +
                    std::to_string(run.ledger->control.rows_rejected) +
                    " rejected), so there is nothing to forecast or settle from");
    }
    run.ledger.reset();
    return run;
  }
  budget::check_forecast(*lf.fund, run.ledger->summary, run.as_of, diags);
  run.fund = std::move(lf.fund);
  return run;
}

/// Prints the ledger's row counts and control total to stderr for JSON and CSV output (so stdout
/// stays a clean document; the table shows them itself), then the diagnostics.
void report_ledger(const loaded_run& run, const context& ctx, const diagnostics& diags) {
  if (run.ledger && ctx.format != output_format::table) {
    const io::ledger_control_totals& c = run.ledger->control;
    std::cerr << fmt::format("ledger: {} row(s) read, {} accepted, {} rejected; control total {}\n",
                             c.rows_read, c.rows_accepted, c.rows_rejected, c.total);
  }
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
}

/// The exit code of a run that produced its output: input errors when any row was rejected or
/// any diagnostic is an error, otherwise success.
int run_exit_code(const loaded_run& run, const diagnostics& diags) {
  const bool rejected = run.ledger && run.ledger->control.rows_rejected > 0;
  return diags.has_errors() || rejected ? exit_input_errors : exit_ok;
}

/// Reports a run that gives no result: the diagnostics go to standard error as text, standard
/// output stays empty (no document that could be taken for a result), and the exit code is 1.
int no_result(const diagnostics& diags) {
  std::cerr << report::diagnostics_text(diags);
  return exit_input_errors;
}

/// Reports a forecast or settlement that would leave the range of money (a ledger of absurd
/// amounts) as the diagnostic budget.forecast.overflow, and returns the exit code.
int forecast_overflow(const overflow_error& e, diagnostics& diags) {
  diags.add("budget.forecast.overflow", severity::fatal, "",
            std::string("the forecast or settlement would leave the range of money (") + e.what() +
                "); check the ledger's amounts");
  return no_result(diags);
}

/// A settlement as one table, "settlement", with the columns and rows of its CSV
/// (io::settlement_to_csv): a row per partner, pool movement and disposition.
report::table settlement_table(const budget::settlement& s) {
  using report::column_kind;
  report::table t{"Settlement",
                  {{"kind", column_kind::text},
                   {"partner", column_kind::text},
                   {"contribution", column_kind::money},
                   {"share_of_variance", column_kind::money},
                   {"final_contribution", column_kind::money},
                   {"amount", column_kind::money},
                   {"reason", column_kind::text},
                   {"unspent_returned", column_kind::money}},
                  {},
                  "settlement"};
  const auto dec = [](money m) { return m.to_string(money_style::decimal); };
  for (const budget::partner_settlement& p : s.partners) {
    t.rows.push_back({"partner", p.partner, dec(p.contribution), dec(p.share_of_variance),
                      dec(p.final_contribution), dec(p.share_of_variance), "",
                      dec(p.unspent_returned)});
  }
  for (const budget::pool_movement& m : s.pool_movements)
    t.rows.push_back({"pool_movement", "", "", "", "", dec(m.amount), m.reason, ""});
  for (const budget::disposition& d : s.dispositions) {
    t.rows.push_back(
        {std::string(enum_name(d.kind)), d.partner, "", "", "", dec(d.amount), d.reason, ""});
  }
  return t;
}

/// `joinedup budget forecast FUND.json LEDGER.csv --as-of DATE [--method M]`.
int run_forecast(const budget_options& opt, const context& ctx) {
  diagnostics diags;
  loaded_run run = load_run(opt, true, diags);
  if (!run.fund || !run.ledger) return no_result(diags);
  io::forecast_report r;
  try {
    r = io::make_forecast_report(*run.fund, *run.ledger, run.as_of, run.method, run.care);
  } catch (const overflow_error& e) {
    return forecast_overflow(e, diags);
  }
  switch (ctx.format) {
    case output_format::json:
      std::cout << io::forecast_to_json(r, *run.fund) << "\n";
      break;
    case output_format::csv:
      std::cout << report::render(report::forecast_levels_table(r), output_format::csv);
      break;
    case output_format::xlsx: {  // the tables for people, then the CSV's one table of levels
      std::vector<report::table> tables = report::forecast_tables(r, *run.fund);
      tables.push_back(report::forecast_levels_table(r));
      if (!print_workbook(tables, diags, ctx, "budget forecast")) return exit_input_errors;
      break;
    }
    case output_format::table:
      std::cout << report::forecast_text(r, *run.fund);
      break;
  }
  report_ledger(run, ctx, diags);
  return run_exit_code(run, diags);
}

/// `joinedup budget settle FUND.json LEDGER.csv [--as-of DATE] [--method M]`.
int run_settle(const budget_options& opt, const context& ctx) {
  diagnostics diags;
  loaded_run run = load_run(opt, false, diags);
  if (!run.fund || !run.ledger) return no_result(diags);
  budget::settlement s;
  try {
    const budget::outturns outs =
        budget::forecast_outturns(*run.fund, run.ledger->summary, run.as_of, run.method, run.care);
    s = budget::settle(*run.fund, outs, diags);
  } catch (const overflow_error& e) {
    return forecast_overflow(e, diags);
  }
  if (diags.has_fatal()) return no_result(diags);
  const io::ledger_control_totals& control = run.ledger->control;
  switch (ctx.format) {
    case output_format::json:
      std::cout << io::settlement_to_json(s, *run.fund, run.as_of, 2, &control) << "\n";
      break;
    case output_format::csv:
      std::cout << io::settlement_to_csv(s);
      break;
    case output_format::xlsx:
      if (!print_workbook({settlement_table(s)}, diags, ctx, "budget settle")) {
        return exit_input_errors;
      }
      break;
    case output_format::table:
      std::cout << io::settlement_to_table(s, *run.fund, run.as_of, &control);
      break;
  }
  report_ledger(run, ctx, diags);
  return run_exit_code(run, diags);
}

/// `joinedup budget at FUND --events EVENTS --date DATE [--scheme DELEGATION]`: the fund as it
/// stands on DATE. JSON (the default): the fund document itself, same schema as FUND; table: the
/// events applied, then the fund's summary and its validation; CSV: the events applied. When an
/// event cannot be read or applied (or, with --scheme, was not permitted), standard output stays
/// empty and the exit code is 1.
int run_at(const budget_options& opt, output_format format, const context& ctx) {
  diagnostics diags;
  const loaded_fund lf = load_fund(opt, diags);
  if (!lf.fund) return no_result(diags);
  const result<std::chrono::year_month_day> day = parse_iso_date(opt.date);
  if (!collect(day, diags, "")) return no_result(diags);
  std::optional<budget::fund_at_date> at = apply_events(opt, *lf.fund, *day, diags);
  if (!at) return no_result(diags);
  if (lf.catalogue) diags.append(budget::validate(at->fund, *lf.catalogue));
  report::table events{"Events applied by " + to_iso_string(*day),
                       {{"date", report::column_kind::text},
                        {"id", report::column_kind::text},
                        {"kind", report::column_kind::text},
                        {"what", report::column_kind::text}},
                       {},
                       "events"};
  for (const budget::applied_event& a : at->applied) {
    events.rows.push_back({to_iso_string(a.date), a.id, std::string(enum_name(a.kind)), a.summary});
  }
  switch (format) {
    case output_format::json:
      std::cout << io::write_pooled_fund(at->fund);
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
    case output_format::csv:
      std::cout << report::render(events, output_format::csv);
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
    case output_format::xlsx: {  // the events applied, then the fund's summary
      std::vector<report::table> tables = {events};
      if (lf.catalogue) {
        for (report::table& t :
             report::fund_summary_tables(at->fund, budget::summarise(at->fund, *lf.catalogue)))
          tables.push_back(std::move(t));
      }
      if (!print_workbook(tables, diags, ctx, "budget at")) return exit_input_errors;
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
    }
    case output_format::table:
      std::cout << fmt::format("{} as it stands on {}: {} event(s) applied, {} dated later\n\n",
                               at->fund.name, to_iso_string(*day), at->applied.size(), at->later);
      std::cout << report::render(events, output_format::table) << "\n";
      if (lf.catalogue) {
        std::cout << report::render(report::fund_summary_tables(
                                        at->fund, budget::summarise(at->fund, *lf.catalogue)),
                                    output_format::table)
                  << "\n";
      }
      std::cout << (diags.empty() ? "No problems found.\n" : report::diagnostics_text(diags));
      break;
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

/// `joinedup budget roll-forward FUND SETTLEMENT [--uplifts TERMS]`: next year's fund. JSON (the
/// default): the fund document; table: what the roll-forward did, then the new fund's summary
/// and validation. Nothing on standard output (exit 1) when an input cannot be used.
int run_roll_forward(const budget_options& opt, output_format format, const context& ctx) {
  diagnostics diags;
  const loaded_fund lf = load_fund(opt, diags);
  if (!lf.fund) return no_result(diags);
  const result<std::string> stext = io::read_file(opt.settlement_file);
  if (!collect(stext, diags, "")) return no_result(diags);
  const std::optional<budget::settlement> s =
      io::read_settlement_for_roll_forward(*stext, *lf.fund, diags);
  if (!s || diags.has_errors()) return no_result(diags);
  budget::roll_forward_terms terms;
  if (!opt.uplifts_file.empty()) {
    const result<std::string> utext = io::read_file(opt.uplifts_file);
    if (!collect(utext, diags, "")) return no_result(diags);
    std::optional<budget::roll_forward_terms> t = io::read_roll_forward_terms(*utext, diags);
    if (!t || diags.has_errors()) return no_result(diags);
    terms = std::move(*t);
  }
  budget::rolled_fund next = budget::roll_forward(*lf.fund, *s, terms, diags);
  if (diags.has_errors()) return no_result(diags);
  const result<budget::bcf_catalogue> cat = io::shipped_bcf_catalogue(next.fund.year);
  if (cat) {
    diags.append(budget::validate(next.fund, *cat));
  } else {
    diags.warning("budget.roll_forward.catalogue", "/financial_year",
                  "no BCF catalogue is shipped for " + next.fund.year.to_string() +
                      ", so next year's fund is not validated; give it one with `budget validate "
                      "--catalogue`");
  }
  if (format == output_format::json) {
    std::cout << io::write_pooled_fund(next.fund);
    if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  } else if (format == output_format::xlsx) {  // what it did, then the new fund's summary
    report::table notes{next.fund.name + " from " + lf.fund->name,
                        {{"note", report::column_kind::text}},
                        {},
                        "roll_forward"};
    for (const std::string& n : next.notes)
      notes.rows.push_back({n});
    std::vector<report::table> tables = {notes};
    if (cat) {
      for (report::table& t :
           report::fund_summary_tables(next.fund, budget::summarise(next.fund, *cat)))
        tables.push_back(std::move(t));
    }
    if (!print_workbook(tables, diags, ctx, "budget roll-forward")) return exit_input_errors;
    if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  } else {
    std::cout << fmt::format("{} from {}\n", next.fund.name, lf.fund->name);
    for (const std::string& n : next.notes)
      std::cout << "  " << n << "\n";
    if (cat) {
      std::cout << "\n"
                << report::render(
                       report::fund_summary_tables(next.fund, budget::summarise(next.fund, *cat)),
                       output_format::table)
                << "\n";
    }
    std::cout << (diags.empty() ? "No problems found.\n" : report::diagnostics_text(diags));
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

/// The budget section of the demo: validates the demo fund.
int budget_demo(const std::filesystem::path& dir, std::ostream& out) {
  budget_options opt;
  opt.fund_file = (dir / "budget-fund.json").string();
  diagnostics diags;
  const loaded_fund lf = load_fund(opt, diags);
  if (!lf.fund || !lf.catalogue) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  diags.append(budget::validate(*lf.fund, *lf.catalogue));
  out << report::render(
      report::fund_summary_tables(*lf.fund, budget::summarise(*lf.fund, *lf.catalogue)),
      output_format::table);
  out << fmt::format("\nValidation: {} error(s), {} warning(s)\n",
                     diags.count(severity::error) + diags.count(severity::fatal),
                     diags.count(severity::warning));
  for (const diagnostic& d : diags)
    out << fmt::format("  {}\n", d);
  if (diags.has_errors()) return exit_ok;

  // Forecast as of the ledger's last transaction, then settle that forecast.
  diagnostics ldiags;
  const std::optional<io::ledger_load> ledger =
      io::read_ledger_csv_file((dir / "budget-ledger.csv").string(), *lf.fund, ldiags);
  if (!ledger) {
    out << report::diagnostics_text(ldiags);
    return exit_input_errors;
  }
  const std::optional<date_range> dates = ledger->summary.dates();
  const std::chrono::year_month_day as_of =
      dates ? std::chrono::year_month_day{dates->last()} : lf.fund->year.last_day();
  // The fund as it stands on the as-of date: the audit trail's events applied, each checked
  // against the scheme of delegation (docs/budget-events.md).
  budget_options eopt;
  eopt.events_file = (dir / "audit.jsonl").string();
  eopt.scheme_file = (dir / "governance-delegation.json").string();
  diagnostics ediags;
  const std::optional<budget::fund_at_date> at =
      std::filesystem::exists(eopt.events_file)
          ? apply_events(eopt, *lf.fund, as_of, ediags)
          : std::optional<budget::fund_at_date>(budget::fund_at_date{*lf.fund, {}, 0});
  if (!at) {
    out << "\nThe audit trail's events could not be applied:\n" << report::diagnostics_text(ediags);
    return exit_input_errors;
  }
  out << fmt::format("\nEvents from the audit trail applied by {}: {}\n", to_iso_string(as_of),
                     at->applied.size());
  for (const budget::applied_event& a : at->applied) {
    out << fmt::format("  {} {:<22} {}\n", to_iso_string(a.date), enum_name(a.kind), a.summary);
  }
  const budget::pooled_fund& fund_now = at->fund;
  // The ledger is read again against the fund as it now stands (a new line has its own rows).
  diagnostics ldiags_now;
  const std::optional<io::ledger_load> ledger_now =
      at->applied.empty()
          ? ledger
          : io::read_ledger_csv_file((dir / "budget-ledger.csv").string(), fund_now, ldiags_now);
  if (!ledger_now) {
    out << report::diagnostics_text(ldiags_now);
    return exit_input_errors;
  }
  // The counts and problems of the ledger as read against the fund as it now stands (rows of a
  // line added in year are the fund's own by then).
  const io::ledger_control_totals& c = ledger_now->control;
  out << fmt::format("\nLedger: {} row(s) read, {} accepted, {} rejected; control total {}\n",
                     c.rows_read, c.rows_accepted, c.rows_rejected, c.total);
  const budget::forecast_method method = budget::forecast_method::commitments_plus_profile;
  // The care plans' services still to come count as commitments on the lines they name.
  budget_options popt;
  popt.plans_file = (dir / "care-plans.json").string();
  budget::extra_commitments care;
  diagnostics pdiags;
  if (std::filesystem::exists(popt.plans_file) &&
      add_care_commitments(popt, fund_now, as_of, care, pdiags)) {
    money committed;
    for (const auto& [line, amount] : care)
      committed += amount;
    out << fmt::format("Care plans: {} still to come to the year end on {} fund line(s)\n",
                       committed, care.size());
  }
  for (const diagnostic& d : pdiags)
    out << fmt::format("  {}\n", d);
  const io::forecast_report r =
      io::make_forecast_report(fund_now, *ledger_now, as_of, method, care);
  const budget::forecast_totals sums = budget::total_of(r.lines);
  out << fmt::format(
      "Forecast as of {} ({}): planned {}, spend to date {}, outturn {}, variance {}\n",
      to_iso_string(as_of), budget::to_string(method), sums.planned, sums.spend_to_date,
      sums.outturn, sums.variance);
  for (const budget::variance_row& v : r.variance.schemes) {
    if (!v.variance.is_zero())
      out << fmt::format("  scheme {:<12} variance {:>16}\n", v.key, v.variance);
  }
  const budget::settlement s = budget::settle(
      fund_now, budget::forecast_outturns(fund_now, ledger_now->summary, as_of, method, care));
  // The demo shows the settlement's figures; the numbered steps are for `budget settle`.
  std::string table = io::settlement_to_table(s, fund_now, as_of);
  if (const std::size_t steps = table.find("\nSteps\n"); steps != std::string::npos)
    table.resize(steps + 1);
  out << "\n"
      << table
      << fmt::format(
             "({} numbered steps explain it: joinedup budget settle FUND LEDGER --as-of {})\n",
             s.steps.size(), to_iso_string(as_of));
  for (const diagnostic& d : at->applied.empty() ? ldiags : ldiags_now)
    out << fmt::format("  {}\n", d);
  return exit_ok;
}

}  // namespace

/// Registers the `budget` subcommands and the budget demo section.
void register_budget(CLI::App& app, context& ctx) {
  CLI::App* budget = add_group(
      app, "budget", "Pooled budgets (section 75 / Better Care Fund): validate, forecast, settle");
  static budget_options opt;

  auto* validate_cmd = budget->add_subcommand(
      "validate", "Check a pooled fund against its year's BCF lists and the section 75 rules");
  validate_cmd->add_option("FUND", opt.fund_file, "Pooled fund JSON (joinedup/fund/v1)")
      ->required();
  validate_cmd->add_option("--catalogue", opt.catalogue_file,
                           "BCF catalogue JSON to use instead of the shipped one for the year");
  add_format_option(*validate_cmd, ctx);
  set_examples(*validate_cmd,
               {"joinedup budget validate examples/data/northmoor-fund.json",
                "joinedup budget validate examples/data/broken-fund.json --format csv"});
  validate_cmd->callback([&ctx] {
    const int code = run_validate(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  auto add_run_options = [](CLI::App& cmd) {
    cmd.add_option("FUND", opt.fund_file, "Pooled fund JSON (joinedup/fund/v1)")->required();
    cmd.add_option("LEDGER", opt.ledger_file,
                   "Ledger CSV (date,line,amount,kind,reference); - reads standard input")
        ->required();
    cmd.add_option("--catalogue", opt.catalogue_file,
                   "BCF catalogue JSON to use instead of the shipped one for the year");
    cmd.add_option("--events", opt.events_file,
                   "In-year events (joinedup/fund-events/v1) or the audit trail (JSON lines): "
                   "the fund is taken as it stands on the as-of date")
        ->option_text("EVENTS");
    cmd.add_option("--plans", opt.plans_file,
                   "Care plans (joinedup/care-plans/v1): the costs still to come of the services "
                   "each names a fund line for are counted as commitments")
        ->option_text("PLANS");
    cmd.add_option("--scheme", opt.scheme_file,
                   "Scheme of delegation (joinedup/delegation/v1): every event applied must have "
                   "a permitted decision")
        ->option_text("DELEGATION");
    cmd.add_option("--method", opt.method,
                   "Forecast method: planned, actuals, run_rate, commitments_plus_profile")
        ->check(CLI::IsMember({"planned", "actuals", "run_rate", "commitments_plus_profile"}))
        ->option_text("METHOD (default commitments_plus_profile)");
  };

  auto* forecast_cmd = budget->add_subcommand(
      "forecast", "Forecast outturn and variance by line, scheme, source and partner");
  add_run_options(*forecast_cmd);
  add_date_option(*forecast_cmd, "--as-of", opt.as_of, "Date of the forecast (YYYY-MM-DD)")
      ->required();
  add_format_option(*forecast_cmd, ctx);
  set_examples(
      *forecast_cmd,
      {"joinedup budget forecast examples/data/northmoor-fund.json "
       "examples/data/northmoor-ledger.csv --as-of 2025-09-30",
       "joinedup budget forecast examples/data/northmoor-fund.json "
       "examples/data/northmoor-ledger.csv --method run_rate --as-of 2025-09-30 --format json"});
  forecast_cmd->callback([&ctx] {
    const int code = run_forecast(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  auto* settle_cmd = budget->add_subcommand(
      "settle", "Settle the fund's variance between the partners under the risk share");
  add_run_options(*settle_cmd);
  add_date_option(*settle_cmd, "--as-of", opt.as_of,
                  "Date of the outturn (YYYY-MM-DD); default the year's last day");
  add_format_option(*settle_cmd, ctx);
  set_examples(*settle_cmd,
               {"joinedup budget settle examples/data/northmoor-fund.json "
                "examples/data/northmoor-ledger.csv",
                "joinedup budget settle examples/data/northmoor-fund.json "
                "examples/data/northmoor-ledger.csv --format json -o settlement.json"});
  settle_cmd->callback([&ctx] {
    const int code = run_settle(opt, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  auto* at_cmd = budget->add_subcommand(
      "at", "The fund as it stands on a date, with its in-year events applied (same schema)");
  at_cmd->add_option("FUND", opt.fund_file, "Pooled fund JSON (joinedup/fund/v1)")->required();
  at_cmd
      ->add_option("--events", opt.events_file,
                   "In-year events (joinedup/fund-events/v1) or the audit trail (JSON lines)")
      ->option_text("EVENTS")
      ->required();
  add_date_option(*at_cmd, "--date", opt.date, "The date (YYYY-MM-DD)")->required();
  at_cmd
      ->add_option("--scheme", opt.scheme_file,
                   "Scheme of delegation (joinedup/delegation/v1): every event applied must "
                   "have a permitted decision")
      ->option_text("DELEGATION");
  at_cmd->add_option("--catalogue", opt.catalogue_file,
                     "BCF catalogue JSON to use instead of the shipped one for the year");
  add_format_option(*at_cmd, ctx);
  set_examples(*at_cmd, {"joinedup budget at data/demo/budget-fund.json --events "
                         "data/demo/budget-events.json --date 2025-12-31",
                         "joinedup budget at data/demo/budget-fund.json --events "
                         "data/demo/audit.jsonl --date 2025-12-31 --scheme "
                         "data/demo/governance-delegation.json --format table"});
  at_cmd->callback([&ctx, at_cmd] {
    // The fund document is the default: --format table or csv asks for the summaries.
    const output_format format =
        at_cmd->get_option("--format")->count() == 0 ? output_format::json : ctx.format;
    const int code = run_at(opt, format, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  auto* roll_cmd = budget->add_subcommand(
      "roll-forward",
      "Next year's fund from this year's and its settlement (carry-forward, uplifts)");
  roll_cmd->add_option("FUND", opt.fund_file, "This year's pooled fund JSON (joinedup/fund/v1)")
      ->required();
  roll_cmd
      ->add_option("SETTLEMENT", opt.settlement_file,
                   "This year's settlement JSON (budget settle --format json)")
      ->required();
  roll_cmd
      ->add_option("--uplifts", opt.uplifts_file,
                   "Uplifts by funding source (joinedup/roll-forward/v1); without it, the same "
                   "cash")
      ->option_text("TERMS");
  roll_cmd->add_option("--catalogue", opt.catalogue_file,
                       "BCF catalogue JSON to use instead of the shipped one for this year");
  add_format_option(*roll_cmd, ctx);
  set_examples(*roll_cmd,
               {"joinedup budget settle examples/data/northmoor-fund.json "
                "examples/data/northmoor-ledger.csv --format json -o northmoor-settlement.json",
                "joinedup budget roll-forward examples/data/northmoor-fund.json "
                "northmoor-settlement.json --uplifts examples/data/northmoor-uplifts.json "
                "--format table"});
  roll_cmd->callback([&ctx, roll_cmd] {
    const output_format format =
        roll_cmd->get_option("--format")->count() == 0 ? output_format::json : ctx.format;
    const int code = run_roll_forward(opt, format, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });

  demo_sections().push_back({"budget: pooled fund", budget_demo});
}

namespace {
const bool registered = add_registrar(20, register_budget);
}  // namespace

}  // namespace joinedup::cli
