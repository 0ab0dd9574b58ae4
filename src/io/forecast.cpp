// joinedup: a pooled fund's forecast outturn: the report and its JSON document (its tables for
// text and CSV are in joinedup/report/budget.hpp).
#include "joinedup/io/forecast.hpp"

#include <algorithm>
#include <cstddef>

#include "joinedup/budget/summary.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/report/budget.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

/// The interchange form of money, "1234.50".
std::string dec(money m) {
  return m.to_string(money_style::decimal);
}

/// Spend in `range` up to and including `as_of` (nothing when the range starts after it).
money spend_to(const budget::ledger_summary& ledger, const date_range& range,
               std::chrono::sys_days as_of) {
  if (range.first() > as_of) return {};
  return ledger.fund_in_range(date_range(range.first(), std::min(range.last(), as_of))).spend();
}

/// JSON of a roll-up row.
detail::json row_json(const budget::variance_row& r) {
  detail::json item;
  item["key"] = r.key;
  item["planned"] = dec(r.planned);
  item["outturn"] = dec(r.outturn);
  item["variance"] = dec(r.variance);
  return item;
}

/// JSON array of a roll-up level.
detail::json level_json(const std::vector<budget::variance_row>& rows) {
  detail::json out = detail::json::array();
  for (const budget::variance_row& r : rows)
    out.push_back(row_json(r));
  return out;
}

}  // namespace

forecast_report make_forecast_report(const budget::pooled_fund& fund, const ledger_load& ledger,
                                     std::chrono::year_month_day as_of,
                                     budget::forecast_method method,
                                     const budget::extra_commitments& extra) {
  forecast_report r;
  r.as_of = as_of;
  r.method = method;
  r.control = ledger.control;
  r.lines = budget::forecast_lines(fund, ledger.summary, as_of, method, extra);
  budget::outturns outs;
  outs.reserve(r.lines.size());
  for (const budget::line_forecast& f : r.lines)
    outs.push_back({f.line, f.outturn});
  r.variance = budget::make_variance_report(fund, outs);
  const std::chrono::sys_days day{as_of};
  for (int m = 1; m <= 12; ++m) {
    r.monthly[static_cast<std::size_t>(m - 1)] =
        spend_to(ledger.summary, fund.year.month(m).range(), day);
  }
  for (int q = 1; q <= 4; ++q) {
    r.quarterly[static_cast<std::size_t>(q - 1)] =
        spend_to(ledger.summary, fund.year.quarter(q).range(), day);
  }
  return r;
}

namespace detail {
json control_json(const ledger_control_totals& c) {
  json control;
  control["rows_read"] = c.rows_read;
  control["rows_accepted"] = c.rows_accepted;
  control["rows_rejected"] = c.rows_rejected;
  control["total"] = c.total.to_string(money_style::decimal);
  json by_kind;
  for (budget::transaction_kind k : budget::transaction_kinds)
    by_kind[std::string(budget::to_string(k))] = c.by_kind[k].to_string(money_style::decimal);
  control["by_kind"] = std::move(by_kind);
  return control;
}

std::string incomplete_banner(const ledger_control_totals& c) {
  return report::incomplete_banner(c);
}
}  // namespace detail

std::string forecast_to_json(const forecast_report& r, const budget::pooled_fund& fund,
                             int indent) {
  detail::json doc;
  doc["schema"] = forecast_schema;
  doc["fund"] = fund.name;
  doc["financial_year"] = fund.year.to_string();
  doc["as_of"] = to_iso_string(r.as_of);
  doc["method"] = budget::to_string(r.method);
  doc["complete"] = r.control.rows_rejected == 0;
  doc["control"] = detail::control_json(r.control);

  detail::json lines = detail::json::array();
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    const budget::line_forecast& f = r.lines[i];
    detail::json item;
    item["line"] = f.line;
    item["scheme"] = fund.lines[i].scheme;
    item["source"] = fund.lines[i].source;
    item["planned"] = dec(f.planned);
    item["spend_to_date"] = dec(f.spend_to_date);
    item["commitments"] = dec(f.commitments);
    item["outturn"] = dec(f.outturn);
    item["variance"] = dec(f.outturn - f.planned);
    lines.push_back(std::move(item));
  }
  const budget::forecast_totals sums = budget::total_of(r.lines);
  detail::json total;
  total["planned"] = dec(r.variance.fund.planned);
  total["spend_to_date"] = dec(sums.spend_to_date);
  total["commitments"] = dec(sums.commitments);
  total["outturn"] = dec(r.variance.fund.outturn);
  total["variance"] = dec(r.variance.fund.variance);
  doc["fund_total"] = std::move(total);
  doc["lines"] = std::move(lines);
  doc["schemes"] = level_json(r.variance.schemes);
  doc["sources"] = level_json(r.variance.sources);
  doc["partners"] = level_json(r.variance.partners);
  doc["unattributed"] = row_json(r.variance.unattributed);
  detail::json months = detail::json::array();
  for (int m = 1; m <= 12; ++m) {
    detail::json item;
    item["month"] = fund.year.month(m).to_string();
    item["spend"] = dec(r.monthly[static_cast<std::size_t>(m - 1)]);
    months.push_back(std::move(item));
  }
  doc["monthly"] = std::move(months);
  detail::json quarters = detail::json::array();
  for (int q = 1; q <= 4; ++q) {
    detail::json item;
    item["quarter"] = fund.year.quarter(q).to_string();
    item["spend"] = dec(r.quarterly[static_cast<std::size_t>(q - 1)]);
    quarters.push_back(std::move(item));
  }
  doc["quarterly"] = std::move(quarters);
  return doc.dump(indent);
}

}  // namespace io
JOINEDUP_END_NAMESPACE
