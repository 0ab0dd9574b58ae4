// joinedup: budget results as report tables: a fund's summary, a forecast outturn, a capitated
// budget, a payment comparison and an alliance gain/loss share.
#include "joinedup/report/budget.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <utility>

#include "joinedup/core/format.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/capitation.hpp"
#include "joinedup/io/json.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

namespace {

using k = column_kind;

/// Money as a cell: the interchange form, "1234.50".
cell dec(money m) {
  return m.to_string(money_style::decimal);
}

/// A boolean as a cell.
cell yes_no(bool b) {
  return b ? "true" : "false";
}

/// "£1,234.50", as the text form of a money column shows it.
std::string gbp(money m) {
  return fmt::format("{}", m);
}

/// A roll-up level (schemes, sources, partners) as a table: key, planned, outturn, variance.
table level_table(std::string name, std::string title, std::string key,
                  const std::vector<budget::variance_row>& rows) {
  table t{std::move(title),
          {{std::move(key), k::text},
           {"planned", k::money},
           {"outturn", k::money},
           {"variance", k::money}},
          {},
          std::move(name)};
  for (const budget::variance_row& r : rows)
    t.rows.push_back({r.key, dec(r.planned), dec(r.outturn), dec(r.variance)});
  return t;
}

/// Numbered explanations as a table: step, explanation.
table steps_table(std::string title, const std::vector<std::string>& steps) {
  table t{std::move(title), {{"step", k::integer}, {"explanation", k::text}}, {}, "steps"};
  for (std::size_t i = 0; i < steps.size(); ++i)
    t.rows.push_back({std::to_string(i + 1), steps[i]});
  return t;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// A fund's summary (`budget validate`).

std::vector<table> fund_summary_tables(const budget::pooled_fund& f,
                                       const budget::fund_summary& s) {
  table sources{
      fmt::format("{} ({}{}), host {}", f.name, f.year.to_string(),
                  f.later_years.empty() ? std::string()
                                        : ", first year of the " + f.plan_period() + " plan",
                  f.host),
      {{"source", k::text}, {"label", k::text}, {"income", k::money}, {"planned", k::money}},
      {},
      "sources"};
  for (const budget::source_totals& x : s.sources)
    sources.rows.push_back({x.source, x.label, dec(x.income), dec(x.planned)});
  sources.rows.push_back({"", "Total", dec(s.income), dec(s.planned)});

  table partners{"Partners' contributions",
                 {{"partner", k::text}, {"name", k::text}, {"contribution", k::money}},
                 {},
                 "partners"};
  for (const budget::partner_contribution& p : s.partners)
    partners.rows.push_back({p.partner, p.name, dec(p.amount)});

  table counts{"Counts",
               {{"partners", k::integer},
                {"contributions", k::integer},
                {"schemes", k::integer},
                {"lines", k::integer}},
               {{std::to_string(s.partners.size()), std::to_string(s.contributions),
                 std::to_string(s.schemes), std::to_string(s.lines)}},
               "counts"};
  std::vector<table> out;
  out.push_back(std::move(sources));
  out.push_back(std::move(partners));
  out.push_back(std::move(counts));
  if (!f.dfg_pass_through.empty()) {
    // Two-tier areas: the DFG passed on to the district councils, with its total.
    table dfg{"DFG passed to district councils",
              {{"district", k::text}, {"gss_code", k::text}, {"amount", k::money}},
              {},
              "dfg_pass_through"};
    money total;
    for (const budget::dfg_allocation& a : f.dfg_pass_through) {
      dfg.rows.push_back({a.district, a.gss_code, dec(a.amount)});
      total += a.amount;
    }
    dfg.rows.push_back({"Total", "", dec(total)});
    out.push_back(std::move(dfg));
  }
  if (!f.later_years.empty()) {
    // The rest of a multi-year plan: each year's income and planned spend (a line a year does
    // not list keeps the plan it had the year before).
    table later{"Later years of the " + f.plan_period() + " plan",
                {{"financial_year", k::text}, {"income", k::money}, {"planned", k::money}},
                {},
                "later_years"};
    const std::vector<money> planned = f.later_years_planned();
    for (std::size_t i = 0; i < f.later_years.size(); ++i) {
      const budget::plan_year& y = f.later_years[i];
      money income;
      for (const budget::contribution& c : y.contributions)
        income += c.amount;
      later.rows.push_back({y.year.to_string(), dec(income), dec(planned[i])});
    }
    out.push_back(std::move(later));
  }
  return out;
}

std::string fund_validation_json(const std::vector<table>& tables, const diagnostics& diags) {
  using json = nlohmann::ordered_json;
  json doc = json::parse(io::diagnostics_to_json(diags), nullptr, false);
  json rendered = json::parse(render(tables, output_format::json), nullptr, false);
  doc["tables"] =
      rendered.is_object() && rendered.contains("tables") ? rendered["tables"] : json::array();
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// ---------------------------------------------------------------------------------------------
// A forecast outturn (`budget forecast`).

std::string incomplete_banner(const io::ledger_control_totals& c) {
  if (c.rows_rejected == 0) return {};
  return fmt::format(
      "INCOMPLETE: {} of {} ledger row(s) were rejected and are left out of every figure below; "
      "correct them and run again\n",
      c.rows_rejected, c.rows_read);
}

std::string forecast_heading(const io::forecast_report& r, const budget::pooled_fund& fund) {
  std::string out =
      fmt::format("Forecast outturn of {}, {}, as of {} ({})\n",
                  fund.name.empty() ? std::string("the fund") : fund.name, fund.year.to_string(),
                  to_iso_string(r.as_of), budget::to_string(r.method));
  out += incomplete_banner(r.control);
  out += fmt::format(
      "Ledger: {} row(s) read, {} accepted, {} rejected; control total {} (actual {}, accrual "
      "{}, commitment {}, adjustment {})\n",
      r.control.rows_read, r.control.rows_accepted, r.control.rows_rejected, r.control.total,
      r.control.by_kind[budget::transaction_kind::actual],
      r.control.by_kind[budget::transaction_kind::accrual],
      r.control.by_kind[budget::transaction_kind::commitment],
      r.control.by_kind[budget::transaction_kind::adjustment]);
  return out;
}

std::vector<table> forecast_tables(const io::forecast_report& r, const budget::pooled_fund& fund) {
  table lines{"Lines",
              {{"line", k::text},
               {"planned", k::money},
               {"spend_to_date", k::money},
               {"commitments", k::money},
               {"outturn", k::money},
               {"variance", k::money}},
              {},
              "lines"};
  for (const budget::line_forecast& f : r.lines) {
    lines.rows.push_back({f.line, dec(f.planned), dec(f.spend_to_date), dec(f.commitments),
                          dec(f.outturn), dec(f.variance())});
  }
  const budget::forecast_totals total = budget::total_of(r.lines);
  lines.rows.push_back({"Total", dec(total.planned), dec(total.spend_to_date),
                        dec(total.commitments), dec(total.outturn), dec(total.variance)});

  std::vector<table> out{std::move(lines),
                         level_table("schemes", "Schemes", "scheme", r.variance.schemes),
                         level_table("sources", "Funding sources", "source", r.variance.sources)};
  std::vector<budget::variance_row> partners = r.variance.partners;
  if (!r.variance.unattributed.planned.is_zero() || !r.variance.unattributed.outturn.is_zero())
    partners.push_back(r.variance.unattributed);
  out.push_back(level_table("partners", "Partners", "partner", partners));

  table months{"Spend by month to date", {{"month", k::text}, {"spend", k::money}}, {}, "months"};
  const std::chrono::sys_days day{r.as_of};
  for (int m = 1; m <= 12; ++m) {
    const financial_month fm = fund.year.month(m);
    if (fm.range().first() > day) break;
    months.rows.push_back({fm.to_string(), dec(r.monthly[static_cast<std::size_t>(m - 1)])});
  }
  if (!months.rows.empty()) out.push_back(std::move(months));
  return out;
}

table forecast_levels_table(const io::forecast_report& r) {
  table t{"Forecast outturn by level",
          {{"level", k::text},
           {"key", k::text},
           {"planned", k::money},
           {"spend_to_date", k::money},
           {"commitments", k::money},
           {"outturn", k::money},
           {"variance", k::money}},
          {},
          "forecast"};
  for (const budget::line_forecast& f : r.lines) {
    t.rows.push_back({"line", f.line, dec(f.planned), dec(f.spend_to_date), dec(f.commitments),
                      dec(f.outturn), dec(f.variance())});
  }
  const auto level = [&t](const char* name, const std::vector<budget::variance_row>& rows) {
    for (const budget::variance_row& v : rows)
      t.rows.push_back({name, v.key, dec(v.planned), "", "", dec(v.outturn), dec(v.variance)});
  };
  level("scheme", r.variance.schemes);
  level("source", r.variance.sources);
  level("partner", r.variance.partners);
  level("unattributed", {r.variance.unattributed});
  level("fund", {r.variance.fund});
  return t;
}

std::string forecast_text(const io::forecast_report& r, const budget::pooled_fund& fund) {
  return forecast_heading(r, fund) + "\n" + render(forecast_tables(r, fund), output_format::table);
}

// ---------------------------------------------------------------------------------------------
// A capitated budget (`budget capitation`).

std::vector<table> capitation_tables(const budget::capitated_budget& b) {
  table areas{fmt::format("Capitated budget: {} weighted heads x \xC2\xA3{} per head = {}",
                          b.weighted.to_string(2), b.per_head.to_string(), gbp(b.total)),
              {{"area", k::text},
               {"people", k::integer},
               {"market_forces_factor", k::decimal},
               {"weighted_population", k::decimal},
               {"allocation", k::money}},
              {},
              "allocations"};
  for (const budget::area_allocation& a : b.areas) {
    areas.rows.push_back({a.area, std::to_string(a.people),
                          io::ratio_decimal(a.market_forces_factor), a.weighted.to_string(6),
                          dec(a.allocation)});
  }
  areas.rows.push_back(
      {"Total", std::to_string(b.people), "", b.weighted.to_string(6), dec(b.total)});
  return {std::move(areas), steps_table("How it was worked out", b.steps)};
}

// ---------------------------------------------------------------------------------------------
// A payment comparison (`budget compare-payments`).

table payment_comparison_table(const budget::payment_comparison& c) {
  table t{"Payments by model and provider",
          {{"model", k::text},
           {"provider", k::text},
           {"applicable", k::boolean},
           {"low_volume", k::boolean},
           {"payment", k::money},
           {"if_activity_up", k::money},
           {"if_activity_down", k::money},
           {"exposure_up", k::money},
           {"exposure_down", k::money},
           {"at_risk", k::money}},
          {},
          "payments"};
  for (const budget::model_payment& p : c.payments) {
    t.rows.push_back({std::string(budget::to_string(p.model)), p.provider, yes_no(p.applicable),
                      yes_no(p.low_volume), dec(p.payment), dec(p.if_activity_up),
                      dec(p.if_activity_down), dec(p.exposure_up), dec(p.exposure_down),
                      dec(p.at_risk)});
  }
  for (const budget::model_total& x : c.totals) {
    t.rows.push_back({std::string(budget::to_string(x.model)), "Total", yes_no(x.applicable), "",
                      dec(x.payment), "", "", dec(x.exposure_up), dec(x.exposure_down), ""});
  }
  return t;
}

std::string payment_incomplete_banner(const budget::payment_comparison& c) {
  std::string out;
  for (const budget::model_total& x : c.totals) {
    if (!x.applicable || x.complete) continue;
    std::string ids;
    for (const std::string& id : x.unpriced_providers)
      ids += (ids.empty() ? "" : ", ") + id;
    out += fmt::format(
        "INCOMPLETE: the {} total leaves out {} of {} provider(s) it could not price ({}); it is "
        "not the whole cost of that model\n",
        budget::to_string(x.model), x.unpriced_providers.size(), c.providers.size(), ids);
  }
  return out;
}

std::vector<table> payment_comparison_tables(const budget::payment_scenario& s,
                                             const budget::payment_comparison& c) {
  table totals{fmt::format("Payment comparison: {} (activity change +/-{})",
                           s.name.empty() ? std::string("scenario") : s.name,
                           io::ratio_percent(c.sensitivity)),
               {{"model", k::text},
                {"priced", k::boolean},
                {"payment", k::money},
                {"exposure_up", k::money},
                {"exposure_down", k::money},
                {"complete", k::boolean},
                {"unpriced", k::text}},
               {},
               "totals"};
  for (const budget::model_total& x : c.totals) {
    std::string unpriced;
    for (const std::string& id : x.unpriced_providers)
      unpriced += (unpriced.empty() ? "" : "; ") + id;
    if (!x.applicable) {
      totals.rows.push_back(
          {std::string(budget::to_string(x.model)), yes_no(false), "", "", "", yes_no(false), ""});
      continue;
    }
    totals.rows.push_back({std::string(budget::to_string(x.model)), yes_no(true), dec(x.payment),
                           dec(x.exposure_up), dec(x.exposure_down), yes_no(x.complete), unpriced});
  }
  table providers{"Activity value by provider",
                  {{"provider", k::text},
                   {"planned_value", k::money},
                   {"actual_value", k::money},
                   {"low_volume", k::boolean}},
                  {},
                  "providers"};
  table basis{"By provider",
              {{"provider", k::text},
               {"model", k::text},
               {"payment", k::money},
               {"exposure_up", k::money},
               {"exposure_down", k::money},
               {"basis", k::text}},
              {},
              "basis"};
  for (const budget::provider_values& p : c.providers) {
    providers.rows.push_back(
        {p.provider, dec(p.planned_value), dec(p.actual_value), yes_no(p.low_volume)});
    for (const budget::model_payment& m : c.payments) {
      if (m.provider != p.provider) continue;
      const std::string model(budget::to_string(m.model));
      if (!m.applicable) {
        basis.rows.push_back({p.provider, model, "", "", "", m.basis});
        continue;
      }
      basis.rows.push_back(
          {p.provider, model, dec(m.payment), dec(m.exposure_up), dec(m.exposure_down), m.basis});
    }
  }
  return {std::move(totals), std::move(providers), std::move(basis)};
}

// ---------------------------------------------------------------------------------------------
// A year of pace of change (`budget pace-of-change`).

std::vector<table> pace_tables(const budget::pace_plan& p, const budget::paced_year& y) {
  const auto pct = [](ratio r) { return percent_value_text(r, 2, rounding::half_even); };
  table areas{fmt::format("Pace of change: {}: {} from a baseline of {}, floor {}, ceiling {}",
                          p.name.empty() ? std::string("plan") : p.name, gbp(y.total),
                          gbp(y.baseline_total), io::ratio_percent(y.limits.floor),
                          y.limits.ceiling ? io::ratio_percent(*y.limits.ceiling) : "none"),
              {{"area", k::text},
               {"baseline", k::money},
               {"target", k::money},
               {"floor", k::money},
               {"ceiling", k::money},
               {"allocation", k::money},
               {"growth", k::money},
               {"growth_rate", k::percent},
               {"distance_before", k::percent},
               {"distance_after", k::percent},
               {"limited_by", k::text}},
              {},
              "areas"};
  money target;
  for (const budget::paced_area& a : y.areas) {
    target += a.target;
    areas.rows.push_back({a.area, dec(a.baseline), dec(a.target), dec(a.floor),
                          a.ceiling ? dec(*a.ceiling) : cell{}, dec(a.allocation), dec(a.growth),
                          pct(a.growth_rate), pct(a.distance_before), pct(a.distance_after),
                          std::string(enum_name(a.bound))});
  }
  areas.rows.push_back({"Total", dec(y.baseline_total), dec(target), "", "", dec(y.total),
                        dec(y.total - y.baseline_total)});
  return {std::move(areas), steps_table("How it was worked out", y.steps)};
}

// ---------------------------------------------------------------------------------------------
// An alliance gain/loss share (`budget alliance`).

std::vector<table> alliance_tables(const budget::alliance& a,
                                   const budget::alliance_settlement& s) {
  const char* direction = s.variance.is_positive()   ? "a gain"
                          : s.variance.is_negative() ? "a loss"
                                                     : "on budget";
  table members{fmt::format("Alliance gain/loss share: {}; budget {}, actual {}, variance {} ({})",
                            a.name.empty() ? std::string("alliance") : a.name, gbp(s.budget),
                            gbp(s.actual), gbp(s.variance), direction),
                {{"member", k::text},
                 {"budget", k::money},
                 {"actual", k::money},
                 {"share", k::text},
                 {"provisional", k::money},
                 {"share_of_variance", k::money},
                 {"limited", k::boolean},
                 {"payment", k::money}},
                {},
                "members"};
  for (const budget::member_share& m : s.members) {
    members.rows.push_back({m.member, dec(m.budget), dec(m.actual), io::ratio_percent(m.share),
                            dec(m.provisional), dec(m.share_of_variance), yes_no(m.limited),
                            dec(m.payment)});
  }
  members.rows.push_back({"commissioner", "", "", "", "", dec(s.commissioner), "", ""});
  return {std::move(members), steps_table("Steps", s.steps)};
}

}  // namespace report
JOINEDUP_END_NAMESPACE
