// joinedup CLI: `joinedup core …`, the core vocabulary from the command line, and the core
// section of the demo.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/area.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// Ends a command: exit_ok returns normally, anything else travels out through CLI11.
void finish(int code) {
  if (code != exit_ok) throw CLI::RuntimeError(code);
}

/// `joinedup core money VALUE…`: parse and show amounts in every style.
int run_money(const std::vector<std::string>& values, const context& ctx) {
  diagnostics diags;
  std::ostringstream out;
  if (ctx.format == output_format::csv) out << "input,pence,display,accounting,decimal\n";
  for (std::size_t i = 0; i < values.size(); ++i) {
    const result<money> m = money::parse(values[i]);
    if (!collect(m, diags, "/" + std::to_string(i))) continue;
    if (ctx.format == output_format::csv) {
      out << fmt::format("{},{},{},{},{:d}\n", report::csv_field(values[i]), m->pence(),
                         report::csv_field(fmt::format("{}", *m)),
                         report::csv_field(fmt::format("{:a}", *m)), *m);
    } else {
      out << fmt::format("{:<20} {:>20} {:>22a} {:>18d}\n", values[i], *m, *m, *m);
    }
  }
  std::cout << out.str();
  return report_diagnostics(diags, ctx, std::cout, std::cerr);
}

/// `joinedup core allocate TOTAL WEIGHT…`: largest-remainder allocation.
int run_allocate(const std::string& total_text, const std::vector<std::int64_t>& weights,
                 const context& ctx) {
  diagnostics diags;
  const result<money> total = money::parse(total_text);
  if (!collect(total, diags, "/total")) return report_diagnostics(diags, ctx, std::cout, std::cerr);
  const auto parts = allocate(*total, weights);
  if (!collect(parts, diags, "/weights"))
    return report_diagnostics(diags, ctx, std::cout, std::cerr);
  if (ctx.format == output_format::csv) std::cout << "weight,amount\n";
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (ctx.format == output_format::csv) {
      std::cout << fmt::format("{},{:d}\n", weights[i], (*parts)[i]);
    } else {
      std::cout << fmt::format("{:>12} {:>18}\n", weights[i], (*parts)[i]);
    }
  }
  return exit_ok;
}

/// `joinedup core period DATE…`: the financial year, quarter and month of each date.
int run_period(const std::vector<std::string>& dates, const context& ctx) {
  diagnostics diags;
  if (ctx.format == output_format::csv) std::cout << "date,financial_year,quarter,month\n";
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const auto d = parse_iso_date(dates[i]);
    if (!collect(d, diags, "/" + std::to_string(i))) continue;
    const financial_month m = financial_month::containing(*d);
    const financial_quarter q = financial_quarter::containing(*d);
    const char* fmt_str = ctx.format == output_format::csv ? "{},{},{},{}\n" : "{}  {}  {}  {}\n";
    std::cout << fmt::format(fmt::runtime(fmt_str), dates[i], m.year().to_string(), q.to_string(),
                             m.to_string());
  }
  return report_diagnostics(diags, ctx, std::cout, std::cerr);
}

/// `joinedup core id VALUE…`: says what kind of identifier each value is.
int run_id(const std::vector<std::string>& values, const context& ctx) {
  diagnostics diags;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i];
    const std::string at = "/" + std::to_string(i);
    if (const auto nhs = nhs_number::parse(v)) {
      std::cout << fmt::format("{}  NHS number (valid check digit)\n", nhs->masked());
    } else if (const auto gss = gss_code::parse(v)) {
      std::cout << fmt::format("{}  GSS code, {}\n", gss->str(), to_string(gss->kind()));
    } else if (const auto ods = ods_code::parse(v)) {
      std::cout << fmt::format("{}  ODS code, looks like {}\n", ods->str(), to_string(ods->kind()));
    } else {
      diags.add(nhs.error().code == "core.nhs_number.check_digit"
                    ? nhs.error()
                    : make_diagnostic("core.id.unknown", severity::error, at,
                                      "'" + v + "' is not an NHS number, GSS code or ODS code"));
    }
  }
  return report_diagnostics(diags, ctx, std::cout, std::cerr);
}

}  // namespace

/// The core section of the demo: reads area.json and prints a money/period/identifier summary.
namespace {
int core_demo(const std::filesystem::path& dir, std::ostream& out) {
  const std::filesystem::path file = dir / "area.json";
  diagnostics diags;
  const result<std::string> text = io::read_file(file.string());
  if (!collect(text, diags, "")) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  const std::optional<io::area_profile> area = io::read_area_profile(*text, diags);
  if (!area) {
    out << report::diagnostics_text(diags);
    return exit_input_errors;
  }
  io::validate_area_profile(*area, diags);

  out << fmt::format("Area: {}  (Health and Wellbeing Board {})\n", area->name, area->hwb_gss_code);
  const financial_month month = financial_month::containing(area->as_of);
  out << fmt::format("Financial year {} ({} to {}, {} days); as of {} = {}, {}\n",
                     area->year.to_string(), to_iso_string(area->year.first_day()),
                     to_iso_string(area->year.last_day()), area->year.days(),
                     to_iso_string(area->as_of),
                     financial_quarter::containing(area->as_of).to_string(), month.to_string());
  out << "Partners:\n";
  for (const io::area_partner& p : area->partners) {
    std::string kind;
    if (const auto o = ods_code::parse(p.ods_code))
      kind = "ODS " + o->str() + " (" + std::string(to_string(o->kind())) + ")";
    if (const auto g = gss_code::parse(p.gss_code)) {
      kind += (kind.empty() ? "" : ", ") + std::string("GSS ") + g->str() + " (" +
              std::string(to_string(g->kind())) + ")";
    }
    out << fmt::format("  {:<8} {:<44} {}\n", p.key, p.name, kind);
  }
  money total;
  out << "Amounts:\n";
  for (const io::area_amount& a : area->amounts) {
    out << fmt::format("  {:<52} {:>18}\n", a.label, a.amount);
    total += a.amount;
  }
  out << fmt::format("  {:<52} {:>18}\n", "Total", total);
  // Year to date, pro rata by days: the share of the total that falls before the as-of date.
  const date_range ytd(std::chrono::sys_days(area->year.first_day()),
                       std::chrono::sys_days(area->as_of));
  if (const auto part = pro_rata(total, ytd.days(), area->year.days())) {
    out << fmt::format("  {:<52} {:>18}\n",
                       fmt::format("Pro rata to {} ({} of {} days)", to_iso_string(area->as_of),
                                   ytd.days(), area->year.days()),
                       *part);
  }
  if (const auto monthly = split(total, 12)) {
    out << fmt::format("  {:<52} {:>18} (M01) ... {} (M12); sum {}\n",
                       "Monthly profile, equal twelfths", monthly->front(), monthly->back(), total);
  }
  out << "People (NHS numbers masked):\n";
  for (std::size_t i = 0; i < area->people.size(); ++i) {
    const io::area_person& person = area->people[i];
    const auto nhs = nhs_number::parse(person.nhs_number);
    out << fmt::format("  {:<10} {:<14} {}\n", person.label,
                       nhs ? nhs->masked() : std::string("(invalid)"),
                       nhs ? "valid" : nhs.error().code);
  }
  out << fmt::format("Diagnostics: {} error(s), {} warning(s)\n",
                     diags.count(severity::error) + diags.count(severity::fatal),
                     diags.count(severity::warning));
  for (const diagnostic& d : diags)
    out << fmt::format("  {}\n", d);
  return exit_ok;
}

}  // namespace

/// Registers the `core` subcommands and the core demo section.
void register_core(CLI::App& app, context& ctx) {
  CLI::App* core = app.add_subcommand("core", "Money, periods and identifiers");
  core->require_subcommand(1);

  auto* money_cmd = core->add_subcommand(
      "money", "Parse amounts exactly and show them as display, accounting and decimal text");
  static std::vector<std::string> money_values;
  money_cmd->add_option("VALUE", money_values, "Amounts such as 1234.56, £1,234.56 or (12.00)")
      ->required();
  add_format_option(*money_cmd, ctx);
  money_cmd->callback([&ctx] { finish(run_money(money_values, ctx)); });

  auto* alloc_cmd = core->add_subcommand(
      "allocate", "Share a total by whole-number weights, to the penny (largest remainder)");
  static std::string total_text;
  static std::vector<std::int64_t> weights;
  alloc_cmd->add_option("TOTAL", total_text, "The amount to share, e.g. 1000.00")->required();
  alloc_cmd->add_option("WEIGHT", weights, "Whole-number weights, e.g. 60 40")->required();
  add_format_option(*alloc_cmd, ctx);
  alloc_cmd->callback([&ctx] { finish(run_allocate(total_text, weights, ctx)); });

  auto* period_cmd = core->add_subcommand(
      "period", "Show the financial year, quarter and month of ISO dates (YYYY-MM-DD)");
  static std::vector<std::string> dates;
  period_cmd->add_option("DATE", dates, "Dates such as 2025-03-31")->required();
  add_format_option(*period_cmd, ctx);
  period_cmd->callback([&ctx] { finish(run_period(dates, ctx)); });

  auto* id_cmd = core->add_subcommand(
      "id", "Say whether values are NHS numbers (checked, masked), GSS codes or ODS codes");
  static std::vector<std::string> ids;
  id_cmd->add_option("VALUE", ids, "Identifiers to check")->required();
  id_cmd->callback([&ctx] { finish(run_id(ids, ctx)); });

  demo_sections().push_back({"core: money, periods and identifiers", core_demo});
}

namespace {
const bool registered = add_registrar(10, register_core);
}  // namespace

}  // namespace joinedup::cli
