// joinedup: a pooled fund's forecast outturn as JSON, CSV and an aligned text table.
#include "joinedup/io/forecast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>

#include "joinedup/core/format.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/report/diagnostics.hpp"
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

/// A table of left-aligned first column and right-aligned figures, two spaces apart.
std::string table(const std::vector<std::string>& heads,
                  const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(heads.size());
  for (std::size_t c = 0; c < heads.size(); ++c) {
    widths[c] = heads[c].size();
    for (const std::vector<std::string>& r : rows)
      widths[c] = std::max(widths[c], r[c].size());
  }
  auto line = [&widths](const std::vector<std::string>& r) {
    std::string out = " ";
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string fill(widths[c] - std::min(widths[c], r[c].size()), ' ');
      out += "  " + (c == 0 ? r[c] + fill : fill + r[c]);
    }
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    return out + "\n";
  };
  std::string out = line(heads);
  for (const std::vector<std::string>& r : rows)
    out += line(r);
  return out;
}

/// Table rows of a roll-up level.
std::vector<std::vector<std::string>> level_rows(const std::vector<budget::variance_row>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const budget::variance_row& r : rows) {
    out.push_back({r.key, fmt::format("{}", r.planned), fmt::format("{}", r.outturn),
                   fmt::format("{}", r.variance)});
  }
  return out;
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
                                     budget::forecast_method method) {
  forecast_report r;
  r.as_of = as_of;
  r.method = method;
  r.control = ledger.control;
  r.lines = budget::forecast_lines(fund, ledger.summary, as_of, method);
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
  if (c.rows_rejected == 0) return {};
  return fmt::format(
      "INCOMPLETE: {} of {} ledger row(s) were rejected and are left out of every figure below; "
      "correct them and run again\n",
      c.rows_rejected, c.rows_read);
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

  money spend;
  money commitments;
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
    spend += f.spend_to_date;
    commitments += f.commitments;
  }
  detail::json total;
  total["planned"] = dec(r.variance.fund.planned);
  total["spend_to_date"] = dec(spend);
  total["commitments"] = dec(commitments);
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

std::string forecast_to_csv(const forecast_report& r) {
  std::string out = "level,key,planned,spend_to_date,commitments,outturn,variance\n";
  for (const budget::line_forecast& f : r.lines) {
    out += fmt::format("line,{},{},{},{},{},{}\n", report::csv_field(f.line), dec(f.planned),
                       dec(f.spend_to_date), dec(f.commitments), dec(f.outturn),
                       dec(f.outturn - f.planned));
  }
  auto level = [&out](std::string_view name, const std::vector<budget::variance_row>& rows) {
    for (const budget::variance_row& v : rows) {
      out += fmt::format("{},{},{},,,{},{}\n", name, report::csv_field(v.key), dec(v.planned),
                         dec(v.outturn), dec(v.variance));
    }
  };
  level("scheme", r.variance.schemes);
  level("source", r.variance.sources);
  level("partner", r.variance.partners);
  level("unattributed", {r.variance.unattributed});
  level("fund", {r.variance.fund});
  return out;
}

std::string forecast_to_table(const forecast_report& r, const budget::pooled_fund& fund) {
  std::string out =
      fmt::format("Forecast outturn of {}, {}, as of {} ({})\n",
                  fund.name.empty() ? std::string("the fund") : fund.name, fund.year.to_string(),
                  to_iso_string(r.as_of), budget::to_string(r.method));
  out += detail::incomplete_banner(r.control);
  out += fmt::format(
      "Ledger: {} row(s) read, {} accepted, {} rejected; control total {} (actual {}, accrual "
      "{}, commitment {}, adjustment {})\n\n",
      r.control.rows_read, r.control.rows_accepted, r.control.rows_rejected, r.control.total,
      r.control.by_kind[budget::transaction_kind::actual],
      r.control.by_kind[budget::transaction_kind::accrual],
      r.control.by_kind[budget::transaction_kind::commitment],
      r.control.by_kind[budget::transaction_kind::adjustment]);

  std::vector<std::vector<std::string>> rows;
  money spend;
  money commitments;
  for (const budget::line_forecast& f : r.lines) {
    rows.push_back({f.line, fmt::format("{}", f.planned), fmt::format("{}", f.spend_to_date),
                    fmt::format("{}", f.commitments), fmt::format("{}", f.outturn),
                    fmt::format("{}", f.outturn - f.planned)});
    spend += f.spend_to_date;
    commitments += f.commitments;
  }
  rows.push_back({"Total", fmt::format("{}", r.variance.fund.planned), fmt::format("{}", spend),
                  fmt::format("{}", commitments), fmt::format("{}", r.variance.fund.outturn),
                  fmt::format("{}", r.variance.fund.variance)});
  out += "Lines\n" +
         table({"Line", "Planned", "Spend to date", "Commitments", "Outturn", "Variance"}, rows);
  const std::vector<std::string> heads = {"", "Planned", "Outturn", "Variance"};
  auto level = [&](std::string_view title, std::string_view head,
                   std::vector<std::vector<std::string>> level_rows) {
    std::vector<std::string> h = heads;
    h[0] = std::string(head);
    out += "\n" + std::string(title) + "\n" + table(h, level_rows);
  };
  level("Schemes", "Scheme", level_rows(r.variance.schemes));
  level("Funding sources", "Funding source", level_rows(r.variance.sources));
  std::vector<std::vector<std::string>> partners = level_rows(r.variance.partners);
  if (!r.variance.unattributed.planned.is_zero() || !r.variance.unattributed.outturn.is_zero())
    partners.push_back(level_rows({r.variance.unattributed}).front());
  level("Partners", "Partner", std::move(partners));

  std::vector<std::vector<std::string>> months;
  const std::chrono::sys_days day{r.as_of};
  for (int m = 1; m <= 12; ++m) {
    const financial_month fm = fund.year.month(m);
    if (fm.range().first() > day) break;
    months.push_back(
        {fm.to_string(), fmt::format("{}", r.monthly[static_cast<std::size_t>(m - 1)])});
  }
  if (!months.empty()) out += "\nSpend by month to date\n" + table({"Month", "Spend"}, months);
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
