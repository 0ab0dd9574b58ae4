// joinedup CLI: `joinedup report AREA_DIR`, the board pack: every module run on an area folder
// (laid out like data/demo) and put in front of a Health and Wellbeing Board as one HTML page,
// a workbook or a JSON document (report/board_pack.hpp; docs/report.md).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "budget_run.hpp"
#include "cli.hpp"
#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/budget/summary.hpp"
#include "joinedup/care/guarantee.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/care/validate.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/io/area.hpp"
#include "joinedup/io/audit_log.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/forecast.hpp"
#include "joinedup/io/ledger_csv.hpp"
#include "joinedup/outcomes/funnel.hpp"
#include "joinedup/outcomes/spc.hpp"
#include "joinedup/report/board_pack.hpp"
#include "joinedup/report/budget.hpp"
#include "joinedup/report/care.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "joinedup/report/outcomes.hpp"
#include "joinedup/report/settlement.hpp"
#include "joinedup/report/xlsx.hpp"
#include "joinedup/version.hpp"
#include "outcomes_run.hpp"

namespace joinedup::cli {

namespace {

using report::bar;
using report::bar_chart;
using report::column;
using report::column_kind;
using report::figure_status;
using report::key_figure;
using report::key_figures;
using report::pack_section;
using report::table;
using report::table_block;
using report::text_block;

/// Pounds as a double, for drawing only (the exact figure is always shown as text beside it).
double pounds(money m) {
  return static_cast<double>(m.pence()) / 100.0;
}

/// Money as people read it: "£1,234.50".
std::string shown(money m) {
  return m.to_string(money_style::display);
}

/// A number with one decimal place, for indicator values in tables.
std::string one_dp(double v) {
  return std::isfinite(v) ? fmt::format("{:.1f}", v) : std::string();
}

/// An enumeration's name as words: "off_trajectory" → "off trajectory".
std::string words(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

/// n of d as "97.5%" (one decimal), or "-" when d is 0.
std::string pct(std::int64_t n, std::int64_t d) {
  const std::string p = report::percent_text(n, d);
  return p.empty() ? "-" : p + "%";
}

/// The budget section: the pooled fund as it stands on the ledger's last day, its forecast
/// against plan, and the settlement that forecast gives.
pack_section fund_section(const std::filesystem::path& dir, std::string& as_of_text) {
  pack_section s{.id = "fund",
                 .title = "Pooled fund",
                 .lead =
                     "Income by source, spend by scheme, the forecast outturn against plan "
                     "and how the risk share settles it, to the penny."};
  budget_options opt;
  opt.fund_file = (dir / "budget-fund.json").string();
  const loaded_fund lf = load_fund(opt, s.diags);
  if (!lf.fund || !lf.catalogue) {
    s.complete = false;
    return s;
  }
  diagnostics validation = budget::validate(*lf.fund, *lf.catalogue);
  const bool invalid = validation.has_errors();
  s.diags.append(validation);
  if (invalid) {
    s.complete = false;
    return s;
  }

  diagnostics ldiags;
  const std::optional<io::ledger_load> ledger =
      io::read_ledger_csv_file((dir / "budget-ledger.csv").string(), *lf.fund, ldiags);
  if (!ledger) {
    s.diags.append(ldiags);
    s.complete = false;
    return s;
  }
  const std::optional<date_range> dates = ledger->summary.dates();
  const std::chrono::year_month_day as_of =
      dates ? std::chrono::year_month_day{dates->last()} : lf.fund->year.last_day();
  as_of_text = to_iso_string(as_of);

  budget_options eopt;
  if (std::filesystem::exists(dir / "audit.jsonl"))
    eopt.events_file = (dir / "audit.jsonl").string();
  if (std::filesystem::exists(dir / "governance-delegation.json"))
    eopt.scheme_file = (dir / "governance-delegation.json").string();
  const std::optional<budget::fund_at_date> at = apply_events(eopt, *lf.fund, as_of, s.diags);
  if (!at) {
    s.complete = false;
    return s;
  }
  const budget::pooled_fund& fund = at->fund;
  const budget::fund_summary summary = budget::summarise(fund, *lf.catalogue);
  std::optional<io::ledger_load> ledger_now = ledger;
  if (!at->applied.empty()) {
    ldiags = diagnostics{};
    ledger_now = io::read_ledger_csv_file((dir / "budget-ledger.csv").string(), fund, ldiags);
    if (!ledger_now) {
      s.diags.append(ldiags);
      s.complete = false;
      return s;
    }
  }
  s.diags.append(ldiags);
  budget_options popt;
  if (std::filesystem::exists(dir / "care-plans.json"))
    popt.plans_file = (dir / "care-plans.json").string();
  budget::extra_commitments care;
  if (!add_care_commitments(popt, fund, as_of, care, s.diags)) s.complete = false;

  const budget::forecast_method method = budget::forecast_method::commitments_plus_profile;
  const io::forecast_report r = io::make_forecast_report(fund, *ledger_now, as_of, method, care);
  const budget::forecast_totals sums = budget::total_of(r.lines);
  const budget::settlement st = budget::settle(
      fund, budget::forecast_outturns(fund, ledger_now->summary, as_of, method, care));
  const io::ledger_control_totals& c = ledger_now->control;
  if (c.rows_rejected > 0) s.complete = false;

  key_figures k;
  k.figures.push_back({"Pooled income", shown(summary.income),
                       fmt::format("{} contributions from {} partners", summary.contributions,
                                   summary.partners.size())});
  k.figures.push_back(
      {"Planned spend", shown(sums.planned),
       fmt::format("{} schemes, {} lines", fund.schemes.size(), fund.lines.size())});
  k.figures.push_back({"Spend to date", shown(sums.spend_to_date), "to " + as_of_text});
  k.figures.push_back({"Forecast outturn", shown(sums.outturn), std::string(to_string(method))});
  k.figures.push_back({"Variance", shown(sums.variance),
                       sums.variance.is_negative() ? "underspend"
                       : sums.variance.is_zero()   ? "on plan"
                                                   : "overspend",
                       sums.variance.is_negative() || sums.variance.is_zero()
                           ? figure_status::good
                           : figure_status::bad});
  k.figures.push_back({"Ledger rows", fmt::format("{} of {}", c.rows_accepted, c.rows_read),
                       c.rows_rejected > 0 ? fmt::format("{} rejected: INCOMPLETE", c.rows_rejected)
                                           : "all accepted; control total " + shown(c.total),
                       c.rows_rejected > 0 ? figure_status::bad : figure_status::good});
  s.blocks.emplace_back(std::move(k));

  // Income by funding source.
  bar_chart income{.id = "fund-income",
                   .title = "Income by funding source",
                   .description = "",
                   .value_name = "Income",
                   .compare_name = "Planned spend it funds",
                   .bars = {},
                   .data = {"Income by funding source",
                            {{"source", column_kind::text},
                             {"income", column_kind::money},
                             {"planned", column_kind::money}},
                            {},
                            "income_by_source"}};
  std::string words;
  for (const budget::source_totals& src : summary.sources) {
    income.bars.push_back(bar{src.label, pounds(src.income), shown(src.income), pounds(src.planned),
                              shown(src.planned)});
    income.data.rows.push_back({src.label, src.income.to_string(), src.planned.to_string()});
    words += fmt::format("{}{} {}", words.empty() ? "" : "; ", src.label, shown(src.income));
  }
  income.description = fmt::format("Bar chart of the fund's income of {} by funding source: {}.",
                                   shown(summary.income), words);
  s.blocks.emplace_back(std::move(income));

  // Spend by scheme: forecast outturn against plan.
  bar_chart schemes{.id = "fund-schemes",
                    .title = "Spend by scheme: forecast outturn against plan",
                    .description = "",
                    .value_name = "Forecast outturn",
                    .compare_name = "Plan",
                    .bars = {},
                    .data = {"Spend by scheme",
                             {{"scheme", column_kind::text},
                              {"name", column_kind::text},
                              {"planned", column_kind::money},
                              {"outturn", column_kind::money},
                              {"variance", column_kind::money}},
                             {},
                             "spend_by_scheme"}};
  std::size_t over = 0;
  for (const budget::variance_row& v : r.variance.schemes) {
    std::string name = v.key;
    for (const budget::scheme& sc : fund.schemes) {
      if (sc.id == v.key) name = sc.name;
    }
    const bool overspent = v.outturn > v.planned;
    over += overspent ? 1 : 0;
    schemes.bars.push_back(bar{name, pounds(v.outturn), shown(v.outturn), pounds(v.planned),
                               shown(v.planned),
                               overspent ? figure_status::bad : figure_status::neutral});
    schemes.data.rows.push_back(
        {v.key, name, v.planned.to_string(), v.outturn.to_string(), v.variance.to_string()});
  }
  schemes.description = fmt::format(
      "Bar chart of forecast outturn against plan for {} schemes; {} forecast to overspend. The "
      "fund's forecast outturn is {} against a plan of {}.",
      r.variance.schemes.size(), over, shown(sums.outturn), shown(sums.planned));
  s.blocks.emplace_back(std::move(schemes));

  // The settlement: partners, pool movements, the identities and the steps.
  table partners{"Settlement: each partner's result",
                 {{"partner", column_kind::text},
                  {"contribution", column_kind::money},
                  {"share_of_variance", column_kind::money},
                  {"unspent_returned", column_kind::money},
                  {"final_contribution", column_kind::money}},
                 {},
                 "settlement_partners"};
  for (const budget::partner_settlement& p : st.partners) {
    std::string name = p.partner;
    for (const budget::partner& fp : fund.partners) {
      if (fp.id == p.partner) name = fp.name;
    }
    partners.rows.push_back({name, p.contribution.to_string(), p.share_of_variance.to_string(),
                             p.unspent_returned.to_string(), p.final_contribution.to_string()});
  }
  s.blocks.emplace_back(table_block{std::move(partners)});
  if (!st.pool_movements.empty()) {
    table pool{"Settlement: variance met by the pool",
               {{"amount", column_kind::money}, {"reason", column_kind::text}},
               {},
               "settlement_pool"};
    for (const budget::pool_movement& m : st.pool_movements)
      pool.rows.push_back({m.amount.to_string(), m.reason});
    s.blocks.emplace_back(table_block{std::move(pool)});
  }
  const bool balances = st.balances();
  const bool conserves = st.conserves();
  s.blocks.emplace_back(text_block{
      .heading = "The settlement balances",
      .items = {fmt::format("Variance {} = partners' shares {} + pool movements {}: {}.",
                            shown(st.variance), shown(st.total_share_of_variance()),
                            shown(st.total_pool_movements()),
                            balances ? "balances" : "DOES NOT BALANCE"),
                fmt::format("Final contributions {} + met from outside the pool {} = outturn {} + "
                            "carried forward {} + kept in the pool {}: {}.",
                            shown(st.total_final_contributions()),
                            shown(st.total(budget::disposition_kind::from_outside_pool)),
                            shown(st.outturn),
                            shown(st.total(budget::disposition_kind::carried_forward)),
                            shown(st.total(budget::disposition_kind::retained_in_pool)),
                            conserves ? "no penny lost or invented" : "MONEY NOT CONSERVED")},
      .ordered = false,
      .status = balances && conserves ? figure_status::neutral : figure_status::bad});
  s.blocks.emplace_back(text_block{.heading = "How the risk share settles the forecast",
                                   .items = report::settlement_steps(st, fund),
                                   .ordered = true});
  if (!at->applied.empty()) {
    table events{"In-year events applied from the audit trail",
                 {{"date", column_kind::date},
                  {"event", column_kind::text},
                  {"kind", column_kind::text},
                  {"summary", column_kind::text}},
                 {},
                 "events"};
    for (const budget::applied_event& a : at->applied)
      events.rows.push_back(
          {to_iso_string(a.date), a.id, std::string(enum_name(a.kind)), a.summary});
    s.blocks.emplace_back(table_block{std::move(events)});
  }
  return s;
}

/// The care section: the guarantee's measures, caseloads against capacity and the problems
/// the care check finds (findings about the care, not input errors).
pack_section care_section(const std::filesystem::path& dir) {
  pack_section s{.id = "care",
                 .title = "Care guarantee",
                 .lead =
                     "An agreed care plan and exactly one named case manager for everyone "
                     "with complex needs, reviewed on time."};
  const result<std::string> text = io::read_file((dir / "care-plans.json").string());
  if (!collect(text, s.diags, "")) {
    s.complete = false;
    return s;
  }
  const std::optional<care::care_records> records = io::read_care_records(*text, s.diags);
  if (!records || !records->as_of || s.diags.has_errors()) {
    s.complete = false;
    return s;
  }
  const std::chrono::sys_days as_of = *records->as_of;
  const care::review_policy policy = care::default_review_policy();
  diagnostics findings;
  const care::validation_summary v = care::validate(*records, as_of, policy, findings);
  const care::guarantee_measures m = care::measure_guarantee(*records, policy, as_of);

  std::size_t over_capacity = 0;
  for (std::size_t i = 0; i < records->case_managers.size() && i < v.caseload.size(); ++i) {
    if (v.caseload[i] > records->case_managers[i].capacity) ++over_capacity;
  }
  const auto full = [](const care::proportion& p) {
    return p.denominator > 0 && p.numerator == p.denominator ? figure_status::good
                                                             : figure_status::bad;
  };
  key_figures k;
  k.figures.push_back({"People with complex needs", std::to_string(m.agreed_plan.denominator),
                       "on " + to_iso_string(care::date{as_of})});
  k.figures.push_back({"Agreed plan in force",
                       pct(m.agreed_plan.numerator, m.agreed_plan.denominator),
                       fmt::format("{} of {}", m.agreed_plan.numerator, m.agreed_plan.denominator),
                       full(m.agreed_plan)});
  k.figures.push_back(
      {"Named case manager", pct(m.named_case_manager.numerator, m.named_case_manager.denominator),
       fmt::format("{} of {}", m.named_case_manager.numerator, m.named_case_manager.denominator),
       full(m.named_case_manager)});
  k.figures.push_back({"Reviews in date",
                       pct(m.review_in_date.numerator, m.review_in_date.denominator),
                       fmt::format("{} overdue", v.reviews_overdue), full(m.review_in_date)});
  k.figures.push_back({"Case managers over capacity", std::to_string(over_capacity),
                       fmt::format("of {}", records->case_managers.size()),
                       over_capacity > 0 ? figure_status::bad : figure_status::good});
  k.figures.push_back({"Cover problems", std::to_string(v.coverage_problems),
                       "gaps, overlaps, no case manager",
                       v.coverage_problems > 0 ? figure_status::bad : figure_status::good});
  s.blocks.emplace_back(std::move(k));
  s.blocks.emplace_back(table_block{report::care_guarantee_table(m)});

  // Caseload against capacity, fullest first.
  bar_chart load{.id = "care-caseload",
                 .title = "Caseload against capacity, fullest first",
                 .description = "",
                 .value_name = "Plans held",
                 .compare_name = "Capacity",
                 .bars = {},
                 .data = {}};
  std::vector<std::size_t> order(records->case_managers.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  const auto load_of = [&](std::size_t i) { return i < v.caseload.size() ? v.caseload[i] : 0; };
  // fullest first: compare load/capacity as load_a × cap_b against load_b × cap_a (exact)
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const std::int64_t ca = std::max<std::int64_t>(1, records->case_managers[a].capacity);
    const std::int64_t cb = std::max<std::int64_t>(1, records->case_managers[b].capacity);
    return load_of(a) * cb > load_of(b) * ca;
  });
  load.data = report::care_caseload_table(*records, v.caseload, as_of);
  for (std::size_t i : order) {
    const care::case_manager& cm = records->case_managers[i];
    const std::int64_t n = load_of(i);
    load.bars.push_back(bar{cm.name.empty() ? cm.id.str() : cm.name, static_cast<double>(n),
                            std::to_string(n), static_cast<double>(cm.capacity),
                            std::to_string(cm.capacity),
                            n > cm.capacity             ? figure_status::bad
                            : n * 10 >= cm.capacity * 9 ? figure_status::warning
                                                        : figure_status::neutral});
  }
  load.description = fmt::format(
      "Bar chart of the plans each of {} case managers holds against their capacity; {} are over "
      "capacity.",
      records->case_managers.size(), over_capacity);
  s.blocks.emplace_back(std::move(load));

  // Problems by kind.
  std::map<std::string, std::pair<std::size_t, const diagnostic*>> kinds;
  for (const diagnostic& d : findings) {
    auto& [count, first] = kinds[d.code];
    if (count++ == 0) first = &d;
  }
  table problems{"Problems the care check finds, by kind",
                 {{"code", column_kind::text},
                  {"severity", column_kind::text},
                  {"count", column_kind::integer},
                  {"first_found", column_kind::text}},
                 {},
                 "problems_by_kind"};
  for (const auto& [code, entry] : kinds) {
    problems.rows.push_back({code, std::string(to_string(entry.second->severity)),
                             std::to_string(entry.first), entry.second->message});
  }
  std::stable_sort(problems.rows.begin(), problems.rows.end(), [](const auto& a, const auto& b) {
    return std::stoll(a[2]) > std::stoll(b[2]);
  });
  s.blocks.emplace_back(table_block{std::move(problems), 25,
                                    "Every finding, with the record it is about, is in the "
                                    "workbook's care_findings sheet and in joinedup care check."});
  table all{"Every care finding",
            {{"code", column_kind::text},
             {"severity", column_kind::text},
             {"where", column_kind::text},
             {"message", column_kind::text}},
            {},
            "findings"};
  for (const diagnostic& d : findings)
    all.rows.push_back({d.code, std::string(to_string(d.severity)), d.path, d.message});
  s.blocks.emplace_back(table_block{std::move(all), 10, {}});
  s.blocks.emplace_back(table_block{
      report::care_reviews_table(*records, care::due_reviews(*records, policy, as_of, 0)), 15,
      "Reviews due by the as-of date, most overdue first."});
  return s;
}

/// A scorecard row's 95 % interval as "2091.7 to 2344.8" (one decimal), or "".
std::string interval_95(const outcomes::scorecard_row& r) {
  if (!r.statistic) return "";
  for (std::size_t i = 0; i < r.statistic->interval_count && i < r.statistic->intervals.size();
       ++i) {
    const outcomes::interval& iv = r.statistic->intervals[i];
    if (std::abs(iv.confidence - 0.95) > 1e-9 || !iv.lower || !iv.upper) continue;
    return one_dp(*iv.lower) + " to " + one_dp(*iv.upper);
  }
  return "";
}

/// The SPC chart of one indicator's series (the rows of one indicator and area, oldest first).
report::spc_chart spc_of(const std::vector<outcomes::scorecard_row>& series, std::size_t index) {
  const outcomes::scorecard_row& last = series.back();
  report::spc_chart c;
  c.id = fmt::format("spc-{}", index + 1);
  c.title = last.title.empty() ? last.indicator : last.title;
  c.direction = last.polarity == outcomes::polarity::higher_is_better
                    ? outcomes::improvement_direction::increase
                : last.polarity == outcomes::polarity::lower_is_better
                    ? outcomes::improvement_direction::decrease
                    : outcomes::improvement_direction::neutral;
  c.target = last.target_value;
  std::vector<double> values;
  for (const outcomes::scorecard_row& r : series) {
    values.push_back(r.shown_value().value_or(std::numeric_limits<double>::quiet_NaN()));
    c.labels.push_back(r.period);
  }
  outcomes::spc_options o;
  o.direction = c.direction;
  o.target = c.target;
  const result<outcomes::spc_result> spc = outcomes::analyse_spc(values, o);
  if (spc) c.spc = *spc;
  c.data = table{c.title,
                 {{"period", column_kind::text},
                  {"value", column_kind::decimal},
                  {"mean", column_kind::decimal},
                  {"lower_limit", column_kind::decimal},
                  {"upper_limit", column_kind::decimal},
                  {"point", column_kind::text}},
                 {},
                 last.indicator};
  std::size_t special = 0;
  for (std::size_t i = 0; i < c.spc.points.size(); ++i) {
    const outcomes::spc_point& p = c.spc.points[i];
    const outcomes::spc_group* g = p.group < c.spc.groups.size() ? &c.spc.groups[p.group] : nullptr;
    if (p.type != outcomes::special_cause::common_cause) ++special;
    c.data.rows.push_back(
        {c.labels[i], p.missing ? "" : fmt::format("{:.6g}", p.value),
         g != nullptr && std::isfinite(g->mean) ? fmt::format("{:.6g}", g->mean) : "",
         g != nullptr && std::isfinite(g->lpl) ? fmt::format("{:.6g}", g->lpl) : "",
         g != nullptr && std::isfinite(g->upl) ? fmt::format("{:.6g}", g->upl) : "",
         std::string(outcomes::to_string(p.type))});
  }
  if (values.size() < outcomes::spc_constants::short_group) {
    c.note = fmt::format(
        "{} point(s): Making Data Count asks for at least {} before the limits are relied on; "
        "read these limits as provisional.",
        values.size(), outcomes::spc_constants::short_group);
  }
  const outcomes::spc_group* g = c.spc.groups.empty() ? nullptr : &c.spc.groups.back();
  c.description = fmt::format(
      "XmR chart of {} over {} periods from {} to {}{}. {} point(s) show special cause; variation: "
      "{}{}.{}",
      c.title, values.size(), c.labels.front(), c.labels.back(),
      g != nullptr && std::isfinite(g->mean)
          ? fmt::format(", mean {:.4g}, process limits {:.4g} to {:.4g}", g->mean, g->lpl, g->upl)
          : std::string(),
      special, outcomes::to_string(c.spc.variation),
      c.target ? fmt::format("; target {:.4g}", *c.target) : std::string(),
      c.note.empty() ? "" : " " + c.note);
  return c;
}

/// The funnel plot of one proportion indicator's latest period across areas (the rows of
/// `rows`, one per area), the board's own area highlighted; nullopt when fewer than five areas
/// have a numerator and denominator or the limits cannot be computed. The numerator is
/// recovered from the value: value × denominator / multiplier.
std::optional<report::funnel_chart> funnel_of(
    const std::vector<const outcomes::scorecard_row*>& rows, const std::string& own_area,
    std::size_t index) {
  std::vector<double> num;
  std::vector<double> den;
  std::vector<const outcomes::scorecard_row*> used;
  double multiplier = 100;
  for (const outcomes::scorecard_row* r : rows) {
    if (!r->statistic || r->statistic->method != outcomes::indicator_method::proportion ||
        !r->statistic->value || !std::isfinite(r->statistic->denominator) ||
        r->statistic->denominator <= 0 || !r->withheld.empty())
      continue;
    multiplier = r->statistic->multiplier;
    if (!(multiplier > 0)) continue;
    num.push_back(std::round(*r->statistic->value * r->statistic->denominator / multiplier));
    den.push_back(r->statistic->denominator);
    used.push_back(r);
  }
  if (used.size() < 5) return std::nullopt;
  outcomes::funnel_data d{num, den, {}};
  outcomes::funnel_options o;
  o.statistic = outcomes::funnel_statistic::proportion;
  o.multiplier = multiplier;
  const result<outcomes::funnel_limits> limits = outcomes::calculate_funnel_limits(d, o);
  const result<std::vector<outcomes::funnel_significance>> sig =
      outcomes::assign_funnel_significance(d, o);
  if (!limits || !sig) return std::nullopt;
  const outcomes::scorecard_row& first = *used.front();
  report::funnel_chart f;
  f.id = fmt::format("funnel-{}", index + 1);
  f.title = fmt::format("{}: {} areas, {}", first.title.empty() ? first.indicator : first.title,
                        used.size(), first.period);
  f.centre = limits->average * multiplier;
  f.x_name = "Denominator";
  f.y_name = "Value";
  f.data = table{f.title,
                 {{"area", column_kind::text},
                  {"numerator", column_kind::decimal},
                  {"denominator", column_kind::decimal},
                  {"value", column_kind::decimal},
                  {"significance", column_kind::text}},
                 {},
                 "funnel_" + first.indicator};
  std::string own;
  for (std::size_t i = 0; i < used.size(); ++i) {
    const std::string label(outcomes::to_string((*sig)[i]));
    const double value = *used[i]->statistic->value;
    f.points.push_back({used[i]->area, den[i], value, used[i]->area == own_area, label});
    f.data.rows.push_back({used[i]->area, fmt::format("{:.0f}", num[i]),
                           fmt::format("{:.0f}", den[i]), fmt::format("{:.6g}", value), label});
    if (used[i]->area == own_area) own = fmt::format(" {} is {:.4g} ({}).", own_area, value, label);
  }
  for (const outcomes::funnel_limit_row& l : limits->rows)
    f.limits.push_back({l.x, l.lower_2s, l.upper_2s, l.lower_3s, l.upper_3s});
  f.description = fmt::format(
      "Funnel plot of {} areas against the average of {:.4g}, with 95% and 99.8% limits (Wilson, "
      "as PHEindicatormethods computes them).{}",
      used.size(), f.centre, own);
  return f;
}

/// The outcomes section: the scorecard at the latest period of each indicator, with the Making
/// Data Count icons, and an SPC chart per indicator.
pack_section outcomes_section(const std::filesystem::path& dir, std::chrono::year_month_day as_of,
                              const std::string& area_code) {
  pack_section s{.id = "outcomes",
                 .title = "Outcomes scorecard",
                 .lead =
                     "The single outcomes framework: each indicator's latest value with its "
                     "95% interval, its target, and a Making Data Count chart of its series."};
  std::size_t rejected = 0;
  const auto card =
      load_scorecard((dir / "outcomes-measurements.csv").string(),
                     (dir / "outcomes-framework.json").string(), as_of, s.diags, rejected);
  if (!card) {
    s.complete = false;
    return s;
  }
  if (rejected > 0) s.complete = false;
  const std::vector<outcomes::scorecard_row> latest = report::scorecard_latest(*card);
  std::size_t off = 0;
  std::size_t concern = 0;
  std::size_t improvement = 0;
  table t{"Scorecard, latest period of each indicator",
          {{"indicator", column_kind::text},
           {"period", column_kind::text},
           {"value", column_kind::decimal},
           {"interval_95", column_kind::text},
           {"benchmark", column_kind::text},
           {"target", column_kind::decimal},
           {"target_due", column_kind::date},
           {"status", column_kind::text},
           {"variation", column_kind::text},
           {"assurance", column_kind::text}},
          {},
          "scorecard"};
  for (const outcomes::scorecard_row& r : latest) {
    if (!area_code.empty() && r.area != area_code && latest.size() > 1) {
      bool any_own = false;
      for (const outcomes::scorecard_row& o : latest)
        any_own = any_own || o.area == area_code;
      if (any_own) continue;  // the board's own area only, when the scorecard has it
    }
    const std::optional<double> v = r.shown_value();
    if (r.status == outcomes::target_status::off_trajectory) ++off;
    const std::string_view variation = outcomes::to_string(r.variation);
    if (variation.starts_with("concern")) ++concern;
    if (variation.starts_with("improvement")) ++improvement;
    t.rows.push_back({r.title.empty() ? r.indicator : r.title, r.period, v ? one_dp(*v) : "",
                      interval_95(r),
                      r.benchmark_name.empty() ? "" : words(outcomes::to_string(r.compared)),
                      r.target_value ? one_dp(*r.target_value) : "",
                      r.target_due ? to_iso_string(*r.target_due) : "",
                      words(outcomes::to_string(r.status)), std::string(variation),
                      r.assurance ? std::string(outcomes::to_string(*r.assurance)) : ""});
  }
  key_figures k;
  k.figures.push_back({"Indicators", std::to_string(t.rows.size()), "latest period each"});
  k.figures.push_back({"Off trajectory", std::to_string(off), "against the target's path",
                       off > 0 ? figure_status::bad : figure_status::good});
  k.figures.push_back({"Special cause: concern", std::to_string(concern), "variation icon",
                       concern > 0 ? figure_status::bad : figure_status::good});
  k.figures.push_back({"Special cause: improvement", std::to_string(improvement), "variation icon",
                       improvement > 0 ? figure_status::good : figure_status::neutral});
  if (rejected > 0)
    k.figures.push_back(
        {"Measurement rows rejected", std::to_string(rejected), "INCOMPLETE", figure_status::bad});
  s.blocks.emplace_back(std::move(k));
  s.blocks.emplace_back(table_block{std::move(t), 100, {}});
  // A funnel plot per proportion indicator whose latest period has five or more areas.
  std::map<std::string, std::vector<const outcomes::scorecard_row*>> by_indicator;
  std::map<std::string, std::string> latest_period;
  for (const outcomes::scorecard_row& r : latest) {
    std::string& p = latest_period[r.indicator];
    if (p.empty() || r.period_end > (*by_indicator[r.indicator].front()).period_end) {
      if (!p.empty() && r.period != p) by_indicator[r.indicator].clear();
      p = r.period;
    }
    if (r.period == p) by_indicator[r.indicator].push_back(&r);
  }
  std::size_t funnels = 0;
  std::vector<report::pack_block> funnel_blocks;
  for (const auto& [indicator, rows] : by_indicator) {
    if (std::optional<report::funnel_chart> f = funnel_of(rows, area_code, funnels)) {
      ++funnels;
      funnel_blocks.emplace_back(std::move(*f));
    }
  }
  // One SPC chart per indicator series of the board's area.
  std::size_t index = 0;
  for (std::size_t i = 0; i < card->size();) {
    std::size_t j = i;
    while (j < card->size() && (*card)[j].indicator == (*card)[i].indicator &&
           (*card)[j].area == (*card)[i].area)
      ++j;
    if (area_code.empty() || (*card)[i].area == area_code) {
      const std::vector<outcomes::scorecard_row> series(
          card->begin() + static_cast<std::ptrdiff_t>(i),
          card->begin() + static_cast<std::ptrdiff_t>(j));
      s.blocks.emplace_back(spc_of(series, index++));
    }
    i = j;
  }
  for (report::pack_block& b : funnel_blocks)
    s.blocks.push_back(std::move(b));
  return s;
}

/// The governance section: the audit trail's hash chain.
pack_section governance_section(const std::filesystem::path& dir) {
  pack_section s{.id = "governance",
                 .title = "Governance and audit trail",
                 .lead =
                     "Decisions under the scheme of delegation are kept in a hash-chained "
                     "audit trail; the pack checks the chain end to end."};
  const std::filesystem::path log = dir / "audit.jsonl";
  if (!std::filesystem::exists(log)) {
    s.blocks.emplace_back(text_block{.items = {"The area has no audit trail (audit.jsonl)."}});
    return s;
  }
  diagnostics diags;
  const io::audit_verify_summary v = io::verify_audit_log(log.string(), diags);
  const bool ok = !diags.has_errors();
  key_figures k;
  k.figures.push_back({"Audit trail", ok ? "chain intact" : "CHAIN BROKEN",
                       fmt::format("{} entries, {} lines", v.chain.entries, v.lines),
                       ok ? figure_status::good : figure_status::bad});
  s.blocks.emplace_back(std::move(k));
  if (!ok) s.complete = false;
  s.diags.append(diags);
  return s;
}

/// The pack for an area folder.
report::board_pack build_pack(const std::filesystem::path& dir) {
  report::board_pack pack;
  diagnostics& area_diags = pack.diags;
  pack.generator = std::string("joinedup ") + JOINEDUP_VERSION_STRING;
  std::optional<io::area_profile> area;
  const result<std::string> text = io::read_file((dir / "area.json").string());
  if (collect(text, area_diags, "")) area = io::read_area_profile(*text, area_diags);
  pack.area = area ? area->name : dir.filename().string();
  pack.area_code = area ? area->hwb_gss_code : "";
  pack.title = pack.area + ": integration board pack";
  if (area) {
    for (const io::area_partner& p : area->partners)
      pack.partners.push_back(p.name);
  }
  std::string fund_as_of;
  pack.sections.push_back(fund_section(dir, fund_as_of));
  pack.sections.push_back(care_section(dir));
  const std::chrono::year_month_day as_of =
      area && area->as_of.ok()
          ? area->as_of
          : std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{3},
                                        std::chrono::day{31}};
  pack.as_of = to_iso_string(as_of);
  pack.sections.push_back(outcomes_section(dir, as_of, pack.area_code));
  pack.sections.push_back(governance_section(dir));
  return pack;
}

/// Options of `joinedup report`.
struct report_options {
  std::string dir;     ///< AREA_DIR
  std::string format;  ///< --format html|json|text (empty: from -o's extension, else text)
};

/// The format to write: --format, else -o's extension, else text.
std::string chosen_format(const report_options& o, const context& ctx) {
  if (!o.format.empty()) return o.format;
  const std::string ext = std::filesystem::path(ctx.output).extension().string();
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".json") return "json";
  if (ext == ".xlsx") return "xlsx";
  return ctx.output.empty() ? "text" : "html";
}

/// `joinedup report AREA_DIR [-o FILE] [--format html|json|text]`.
int run_report(const report_options& o, context& ctx) {
  const std::string format = chosen_format(o, ctx);
  if (format == "xlsx" && ctx.output.empty() && ::isatty(1) == 1) {
    std::cerr << "joinedup report: a workbook is binary and is not written to a terminal: give -o "
                 "pack.xlsx\n";
    return exit_usage;
  }
  if (!std::filesystem::is_directory(o.dir)) {
    std::cerr << fmt::format(
        "joinedup report: {} is not a folder (an area folder holds "
        "area.json, budget-fund.json, … as data/demo does)\n",
        o.dir);
    return exit_usage;
  }
  report::board_pack pack = build_pack(o.dir);
  const diagnostics& area_diags = pack.diags;
  std::vector<table> tables = report::pack_tables(pack);
  context write = ctx;
  write.format = output_format::table;
  std::string out;
  if (format == "xlsx") {
    // Cells are masked before they are written: a workbook's bytes are compressed.
    if (!ctx.show_nhs_numbers) {
      for (table& t : tables)
        for (std::vector<report::cell>& row : t.rows)
          for (report::cell& c : row)
            c = mask_nhs_numbers(std::move(c), nhs_mask::valid_only);
    }
    diagnostics notes;
    const result<std::string> bytes = report::render_xlsx(
        tables, {.title = pack.title, .subject = "joinedup/board-pack/v1", .notes = &notes});
    if (!bytes) {
      std::cerr << fmt::format("{}\n", bytes.error());
      return exit_input_errors;
    }
    if (!notes.empty()) std::cerr << report::diagnostics_text(notes);
    out = *bytes;
    write.format = output_format::xlsx;
  } else if (format == "html") {
    out = report::render_html(pack);
  } else if (format == "json") {
    diagnostics all = area_diags;
    for (const pack_section& s : pack.sections)
      all.append(s.diags);
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(
        report::render(tables, output_format::json, {"joinedup/board-pack/v1", &all}));
    nlohmann::ordered_json head = {
        {"schema", "joinedup/board-pack/v1"}, {"title", pack.title}, {"area", pack.area},
        {"area_code", pack.area_code},        {"as_of", pack.as_of}, {"complete", pack.complete()}};
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      if (it.key() != "schema") head[it.key()] = it.value();
    }
    out = head.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  } else {
    out = fmt::format("{}\n{}{}\n\n", pack.title,
                      pack.area_code.empty() ? "" : pack.area_code + ", ", "as of " + pack.as_of);
    out += report::render(tables, output_format::table);
  }
  if (!area_diags.empty()) std::cerr << report::diagnostics_text(area_diags);
  for (const pack_section& s : pack.sections) {
    if (!s.complete) {
      std::cerr << fmt::format(
          "joinedup report: INCOMPLETE: {}: some inputs could not be read or "
          "used\n",
          s.title);
      std::cerr << report::diagnostics_text(s.diags);
    }
  }
  if (deliver_output(std::move(out), write, exit_ok, std::cerr) != exit_ok)
    return exit_input_errors;
  if (!ctx.output.empty())
    std::cerr << fmt::format("joinedup report: wrote {} ({}{})\n", ctx.output, format,
                             pack.complete() ? "" : ", INCOMPLETE");
  return pack.complete() ? exit_ok : exit_input_errors;
}

}  // namespace

/// Registers `joinedup report`.
void register_report(CLI::App& app, context& ctx) {
  static report_options opts;
  auto* cmd = app.add_subcommand(
      "report",
      "The board pack for an area folder: the pooled fund, the care guarantee, the outcomes "
      "scorecard with Making Data Count charts, and the audit trail; as one HTML page (-o "
      "report.html), JSON or text");
  cmd->add_option("AREA_DIR", opts.dir, "The area folder (laid out like data/demo)")->required();
  cmd->add_option("--format", opts.format,
                  "html (one self-contained page), xlsx (a workbook, one sheet a table), json "
                  "(every table) or text; default: from -o's extension, else text")
      ->check(CLI::IsMember({"html", "json", "text", "xlsx"}));
  cmd->add_option("-o,--output", ctx.output,
                  "Write to FILE (atomically) instead of standard output");
  set_examples(
      *cmd, {"joinedup report data/demo -o report.html", "joinedup report data/demo -o pack.xlsx",
             "joinedup report data/demo --format json"});
  cmd->callback([&ctx] {
    const int code = run_report(opts, ctx);
    if (code != exit_ok) throw CLI::RuntimeError(code);
  });
}

namespace {
const bool registered = add_registrar(95, register_report);
}  // namespace

}  // namespace joinedup::cli
