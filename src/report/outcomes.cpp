// joinedup: outcomes output: the scorecard as text, a table or JSON, and an indicator catalogue.
#include "joinedup/report/outcomes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "json_members.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {
namespace {

using json = nlohmann::ordered_json;
using namespace joinedup::outcomes;

/// A number for a table: up to 4 significant decimals, or "-".
std::string short_number(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return "-";
  if (std::fabs(*v) >= 1000) return fmt::format("{:.0f}", *v);
  if (std::fabs(*v) >= 100) return fmt::format("{:.1f}", *v);
  return fmt::format("{:.2f}", *v);
}

/// A full-precision number for CSV, empty when missing.
std::string full_number(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return {};
  return fmt::format("{}", *v);
}

/// The interval at a level, if any.
const interval* at_level(const scorecard_row& r, double level) {
  if (!r.statistic || !r.withheld.empty()) return nullptr;
  return r.statistic->at(level);
}

json num(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

}  // namespace

std::string scorecard_text(const std::vector<scorecard_row>& rows, std::size_t rows_rejected) {
  std::string out =
      rows_rejected == 0
          ? std::string()
          : fmt::format(
                "INCOMPLETE: {} measurement row(s) were rejected and are left out of this "
                "scorecard; see the diagnostics\n",
                rows_rejected);
  const bool published =
      std::any_of(rows.begin(), rows.end(), [](const scorecard_row& r) { return r.published; });
  const std::string head =
      fmt::format("{:<30} {:<10} {:<11} {:>9} {:>19} {:<12} {:>9} {:<14} {:<16} {}", "indicator",
                  "area", "period", "value", "95% interval", "vs benchmark", "target", "status",
                  "variation", "assurance");
  // The published column starts two spaces after the header's last column.
  const std::size_t published_at = head.size() + 2;
  out += head + (published ? "  published (95% interval)\n" : "\n");
  for (const scorecard_row& r : rows) {
    const interval* iv = at_level(r, 0.95);
    const std::string ci =
        iv ? fmt::format("{} to {}", short_number(iv->lower), short_number(iv->upper))
           : std::string("-");
    std::string name = r.indicator.size() > 30 ? r.indicator.substr(0, 29) + "~" : r.indicator;
    std::string line =
        fmt::format("{:<30} {:<10} {:<11} {:>9} {:>19} {:<12} {:>9} {:<14} {:<16} {}", name, r.area,
                    r.period, short_number(r.shown_value()), ci, to_string(r.compared),
                    short_number(r.target_value), to_string(r.status), to_string(r.variation),
                    r.assurance ? std::string(to_string(*r.assurance)) : std::string("-"));
    if (published) {
      const std::size_t pad = line.size() < published_at ? published_at - line.size() : 1;
      line.append(pad, ' ');
      if (r.published) {
        const published_figures& p = *r.published;
        line += short_number(p.value);
        if (p.lower_95 || p.upper_95) {
          line += " (" + short_number(p.lower_95) + " to " + short_number(p.upper_95) + ")";
        }
      } else {
        line += "-";
      }
    }
    out += line + "\n";
  }
  return out;
}

table scorecard_table(const std::vector<scorecard_row>& rows) {
  const auto col = [](const char* name, column_kind k) { return column{name, k}; };
  constexpr column_kind text = column_kind::text;
  constexpr column_kind number = column_kind::decimal;
  constexpr column_kind day = column_kind::date;
  table t{.title = "Scorecard",
          .columns = {col("indicator", text),    col("domain", text),
                      col("area", text),         col("period", text),
                      col("period_end", day),    col("value", number),
                      col("lower_95", number),   col("upper_95", number),
                      col("lower_99_8", number), col("upper_99_8", number),
                      col("method", text),       col("statistic", text),
                      col("withheld", text),     col("benchmark_name", text),
                      col("benchmark", number),  col("comparison", text),
                      col("target", number),     col("target_due", day),
                      col("expected", number),   col("status", text),
                      col("point", text),        col("variation", text),
                      col("assurance", text),    col("points", column_kind::integer)},
          .rows = {},
          .name = "scorecard"};
  for (const scorecard_row& r : rows) {
    const interval* a = at_level(r, 0.95);
    const interval* b = at_level(r, 0.998);
    t.rows.push_back({r.indicator,
                      r.domain,
                      r.area,
                      r.period,
                      to_iso_string(r.period_end),
                      full_number(r.shown_value()),
                      full_number(a ? a->lower : std::nullopt),
                      full_number(a ? a->upper : std::nullopt),
                      full_number(b ? b->lower : std::nullopt),
                      full_number(b ? b->upper : std::nullopt),
                      r.statistic ? std::string(r.statistic->method_name) : std::string(),
                      r.statistic ? r.statistic->statistic() : std::string(),
                      std::string(r.withheld),
                      r.benchmark_name,
                      full_number(r.benchmark),
                      std::string(to_string(r.compared)),
                      full_number(r.target_value),
                      r.target_due ? to_iso_string(*r.target_due) : std::string(),
                      full_number(r.expected),
                      std::string(to_string(r.status)),
                      std::string(to_string(r.point)),
                      std::string(to_string(r.variation)),
                      r.assurance ? std::string(to_string(*r.assurance)) : std::string(),
                      std::to_string(r.points)});
  }
  // The publisher's own figures, as columns only when some row has them.
  if (std::any_of(rows.begin(), rows.end(), [](const scorecard_row& r) { return r.published; })) {
    for (const char* name : {"published_value", "published_lower_95", "published_upper_95",
                             "published_lower_99_8", "published_upper_99_8"}) {
      t.columns.push_back(col(name, number));
    }
    t.columns.push_back(col("published_note", text));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::optional<published_figures>& p = rows[i].published;
      const auto figure = [&](std::optional<double> published_figures::*m) {
        return full_number(p ? (*p).*m : std::nullopt);
      };
      std::vector<std::string>& cells = t.rows[i];
      cells.push_back(figure(&published_figures::value));
      cells.push_back(figure(&published_figures::lower_95));
      cells.push_back(figure(&published_figures::upper_95));
      cells.push_back(figure(&published_figures::lower_99_8));
      cells.push_back(figure(&published_figures::upper_99_8));
      cells.push_back(p ? p->note : std::string());
    }
  }
  return t;
}

std::string scorecard_csv(const std::vector<scorecard_row>& rows) {
  return render(scorecard_table(rows), output_format::csv);
}

std::vector<scorecard_row> scorecard_latest(const std::vector<scorecard_row>& rows) {
  std::vector<scorecard_row> latest;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool last = i + 1 == rows.size() || rows[i + 1].indicator != rows[i].indicator ||
                      rows[i + 1].area != rows[i].area;
    if (last) latest.push_back(rows[i]);
  }
  return latest;
}

table catalogue_table(const catalogue& c) {
  table t{
      .title = fmt::format("{} ({}): {} domains, {} indicators, {} crosswalk rows", c.name,
                           c.version, c.domains.size(), c.indicators.size(), c.crosswalk.size()),
      .columns = {{"domain", column_kind::text},
                  {"id", column_kind::text},
                  {"title", column_kind::text},
                  {"method", column_kind::text},
                  {"polarity", column_kind::text},
                  {"multiplier", column_kind::decimal},
                  {"frequency", column_kind::text},
                  {"confidence", column_kind::text},
                  {"legacy_codes", column_kind::text}},
      .rows = {},
      .name = "indicators"};
  const auto add = [&t](const indicator_definition& i) {
    std::string codes;
    for (const legacy_code& l : i.legacy_codes)
      codes += (codes.empty() ? "" : ", ") + l.framework + " " + l.code;
    t.rows.push_back({i.domain, i.id, i.title, std::string(to_string(i.method)),
                      std::string(to_string(i.polarity)), fmt::format("{}", i.multiplier),
                      i.frequency, i.confidence, codes});
  };
  for (const framework_domain& d : c.domains) {
    for (const indicator_definition& i : c.indicators) {
      if (i.domain == d.id) add(i);
    }
  }
  for (const indicator_definition& i : c.indicators) {
    const bool listed = std::any_of(c.domains.begin(), c.domains.end(),
                                    [&i](const framework_domain& d) { return d.id == i.domain; });
    if (!listed) add(i);
  }
  return t;
}

std::string catalogue_document(std::string_view diagnostics_json, const table& t) {
  return detail::with_table_members(diagnostics_json, t);
}

std::string scorecard_json(const std::vector<scorecard_row>& rows, const std::string& as_of,
                           std::size_t rows_rejected) {
  json doc;
  doc["schema"] = "joinedup/outcomes-scorecard/v1";
  doc["as_of"] = as_of;
  if (rows_rejected > 0) {
    doc["complete"] = false;
    doc["rows_rejected"] = rows_rejected;
  }
  json arr = json::array();
  for (const scorecard_row& r : rows) {
    json j;
    j["indicator"] = r.indicator;
    j["title"] = r.title;
    j["domain"] = r.domain;
    j["area"] = r.area;
    j["period"] = r.period;
    j["period_end"] = to_iso_string(r.period_end);
    j["polarity"] = std::string(to_string(r.polarity));
    j["value"] = num(r.shown_value());
    if (!r.withheld.empty()) {
      j["reason"] = std::string(r.withheld);
    } else if (r.statistic && !r.statistic->value) {
      j["reason"] = std::string(r.statistic->value_reason);
    }
    for (double level : {0.95, 0.998}) {
      const interval* iv = at_level(r, level);
      const std::string s = level == 0.95 ? "95" : "99_8";
      j["lower_" + s] = num(iv ? iv->lower : std::nullopt);
      j["upper_" + s] = num(iv ? iv->upper : std::nullopt);
    }
    j["method"] = r.statistic ? json(std::string(r.statistic->method_name)) : json(nullptr);
    j["statistic"] = r.statistic ? json(r.statistic->statistic()) : json(nullptr);
    j["benchmark"] =
        r.benchmark ? json{{"name", r.benchmark_name}, {"value", *r.benchmark}} : json(nullptr);
    j["comparison"] = std::string(to_string(r.compared));
    j["target"] = r.target_value ? json{{"value", *r.target_value},
                                        {"due", to_iso_string(*r.target_due)},
                                        {"expected", num(r.expected)}}
                                 : json(nullptr);
    j["status"] = std::string(to_string(r.status));
    j["special_cause"] = std::string(to_string(r.point));
    j["variation"] = std::string(to_string(r.variation));
    j["assurance"] = r.assurance ? json(std::string(to_string(*r.assurance))) : json(nullptr);
    j["points"] = r.points;
    if (r.published) {
      const published_figures& p = *r.published;
      j["published"] = {{"value", num(p.value)},           {"lower_95", num(p.lower_95)},
                        {"upper_95", num(p.upper_95)},     {"lower_99_8", num(p.lower_99_8)},
                        {"upper_99_8", num(p.upper_99_8)}, {"note", p.note}};
    }
    arr.push_back(j);
  }
  doc["rows"] = arr;
  return doc.dump(2) + "\n";
}

}  // namespace report
JOINEDUP_END_NAMESPACE
