// joinedup CLI: `joinedup core …`, the core vocabulary from the command line, and the core
// section of the demo.
#include <fmt/format.h>

#include <algorithm>
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

/// `joinedup core money VALUE…`: parse and show amounts in every style, one row each.
int run_money(const std::vector<std::string>& values, const context& ctx) {
  diagnostics diags;
  report::table t{"Amounts",
                  {{"input", report::column_kind::text},
                   {"pence", report::column_kind::integer},
                   {"display", report::column_kind::text},
                   {"accounting", report::column_kind::text},
                   {"decimal", report::column_kind::text}},
                  {},
                  "amounts"};
  for (std::size_t i = 0; i < values.size(); ++i) {
    const result<money> m = money::parse(values[i]);
    if (!collect(m, diags, "/" + std::to_string(i))) continue;
    t.rows.push_back({values[i], std::to_string(m->pence()), fmt::format("{}", *m),
                      fmt::format("{:a}", *m), fmt::format("{:d}", *m)});
  }
  return print_table(t, diags, ctx, "joinedup/core-money/v1");
}

/// Whole-number weights from their text: digits only, at most 18 of them (a sign, a fraction or
/// a number past that is core.allocate.weight at /weights/i).
std::vector<std::int64_t> parse_weights(const std::vector<std::string>& texts, diagnostics& diags) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& w = texts[i];
    const bool digits = !w.empty() && w.size() <= 18 && std::all_of(w.begin(), w.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (!digits) {
      diags.error("core.allocate.weight", "/weights/" + std::to_string(i),
                  "weight '" + excerpt(w, 40) +
                      "' is not a whole number from 0 to 999999999999999999 (digits only)");
      continue;
    }
    out.push_back(std::stoll(w));
  }
  return out;
}

/// `joinedup core allocate TOTAL WEIGHT…`: largest-remainder allocation, a row per weight.
int run_allocate(const std::string& total_text, const std::vector<std::string>& weight_texts,
                 const context& ctx) {
  diagnostics diags;
  report::table t{
      "Allocation",
      {{"weight", report::column_kind::integer}, {"amount", report::column_kind::money}},
      {},
      "allocation"};
  const result<money> total = money::parse(total_text);
  (void)collect(total, diags, "/total");
  const std::vector<std::int64_t> weights = parse_weights(weight_texts, diags);
  if (diags.has_errors()) return print_table(t, diags, ctx, "joinedup/core-allocation/v1");
  const auto parts = allocate(*total, weights);
  if (collect(parts, diags, "/weights")) {
    for (std::size_t i = 0; i < weights.size(); ++i)
      t.rows.push_back({std::to_string(weights[i]), fmt::format("{:d}", (*parts)[i])});
  }
  return print_table(t, diags, ctx, "joinedup/core-allocation/v1");
}

/// `joinedup core period DATE…`: the financial year, quarter and month of each date.
int run_period(const std::vector<std::string>& dates, const context& ctx) {
  diagnostics diags;
  report::table t{"Financial periods",
                  {{"date", report::column_kind::date},
                   {"financial_year", report::column_kind::text},
                   {"quarter", report::column_kind::text},
                   {"month", report::column_kind::text}},
                  {},
                  "periods"};
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const auto d = parse_iso_date(dates[i]);
    if (!collect(d, diags, "/" + std::to_string(i))) continue;
    const financial_month m = financial_month::containing(*d);
    t.rows.push_back({to_iso_string(*d), m.year().to_string(),
                      financial_quarter::containing(*d).to_string(), m.to_string()});
  }
  return print_table(t, diags, ctx, "joinedup/core-periods/v1");
}

/// `joinedup core id VALUE…`: says what kind of identifier each value is (an NHS number is
/// shown masked).
int run_id(const std::vector<std::string>& values, const context& ctx) {
  diagnostics diags;
  report::table t{"Identifiers",
                  {{"value", report::column_kind::text},
                   {"kind", report::column_kind::text},
                   {"detail", report::column_kind::text}},
                  {},
                  "identifiers"};
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i];
    const std::string at = "/" + std::to_string(i);
    if (const auto nhs = nhs_number::parse(v)) {
      t.rows.push_back({nhs->masked(), "NHS number", "valid check digit"});
    } else if (const auto gss = gss_code::parse(v)) {
      t.rows.push_back({gss->str(), "GSS code", std::string(to_string(gss->kind()))});
    } else if (const auto ods = ods_code::parse(v)) {
      t.rows.push_back(
          {ods->str(), "ODS code", "looks like " + std::string(to_string(ods->kind()))});
    } else {
      diags.add(nhs.error().code == "core.nhs_number.check_digit"
                    ? nhs.error()
                    : make_diagnostic("core.id.unknown", severity::error, at,
                                      "'" + v + "' is not an NHS number, GSS code or ODS code"));
    }
  }
  return print_table(t, diags, ctx, "joinedup/core-identifiers/v1");
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
  CLI::App* core = add_group(app, "core", "Money, periods and identifiers");

  auto* money_cmd = core->add_subcommand(
      "money", "Parse amounts exactly and show them as display, accounting and decimal text");
  static std::vector<std::string> money_values;
  money_cmd->add_option("VALUE", money_values, "Amounts such as 1234.56, £1,234.56 or (12.00)")
      ->required();
  add_format_option(*money_cmd, ctx);
  set_examples(*money_cmd, {"joinedup core money 1234.56 \"(12.00)\" 0.05",
                            "joinedup core money £1,234.56 --format json"});
  money_cmd->callback([&ctx] { finish(run_money(money_values, ctx)); });

  auto* alloc_cmd = core->add_subcommand(
      "allocate", "Share a total by whole-number weights, to the penny (largest remainder)");
  static std::string total_text;
  static std::vector<std::string> weights;
  alloc_cmd->add_option("TOTAL", total_text, "The amount to share, e.g. 1000.00")->required();
  alloc_cmd->add_option("WEIGHT", weights, "Whole-number weights, e.g. 60 40")->required();
  add_format_option(*alloc_cmd, ctx);
  set_examples(*alloc_cmd, {"joinedup core allocate 0.05 70 30",
                            "joinedup core allocate 1000.00 3 3 3 --format csv"});
  alloc_cmd->callback([&ctx] { finish(run_allocate(total_text, weights, ctx)); });

  auto* period_cmd = core->add_subcommand(
      "period", "Show the financial year, quarter and month of ISO dates (YYYY-MM-DD)");
  static std::vector<std::string> dates;
  period_cmd->add_option("DATE", dates, "Dates such as 2025-03-31")->required();
  add_format_option(*period_cmd, ctx);
  set_examples(*period_cmd, {"joinedup core period 2025-03-31 2025-04-01"});
  period_cmd->callback([&ctx] { finish(run_period(dates, ctx)); });

  auto* id_cmd = core->add_subcommand(
      "id", "Say whether values are NHS numbers (checked, masked), GSS codes or ODS codes");
  static std::vector<std::string> ids;
  id_cmd->add_option("VALUE", ids, "Identifiers to check")->required();
  add_format_option(*id_cmd, ctx);
  set_examples(*id_cmd, {"joinedup core id 9434765919 E54000050 RH802"});
  id_cmd->callback([&ctx] { finish(run_id(ids, ctx)); });

  demo_sections().push_back({"core: money, periods and identifiers", core_demo});
}

namespace {
const bool registered = add_registrar(10, register_core);
}  // namespace

}  // namespace joinedup::cli
