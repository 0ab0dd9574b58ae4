// joinedup: the outcomes scorecard as a table, CSV or JSON.
#include "joinedup/report/outcomes.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

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

/// A CSV cell, quoted when needed.
std::string cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
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

std::string scorecard_text(const std::vector<scorecard_row>& rows) {
  std::string out = fmt::format("{:<30} {:<10} {:<11} {:>9} {:>19} {:<12} {:>9} {:<14} {:<16} {}\n",
                                "indicator", "area", "period", "value", "95% interval",
                                "vs benchmark", "target", "status", "variation", "assurance");
  for (const scorecard_row& r : rows) {
    const interval* iv = at_level(r, 0.95);
    const std::string ci =
        iv ? fmt::format("{} to {}", short_number(iv->lower), short_number(iv->upper))
           : std::string("-");
    std::string name = r.indicator.size() > 30 ? r.indicator.substr(0, 29) + "~" : r.indicator;
    out += fmt::format("{:<30} {:<10} {:<11} {:>9} {:>19} {:<12} {:>9} {:<14} {:<16} {}\n", name,
                       r.area, r.period, short_number(r.shown_value()), ci, to_string(r.compared),
                       short_number(r.target_value), to_string(r.status), to_string(r.variation),
                       r.assurance ? std::string(to_string(*r.assurance)) : std::string("-"));
  }
  return out;
}

std::string scorecard_csv(const std::vector<scorecard_row>& rows) {
  std::string out =
      "indicator,domain,area,period,period_end,value,lower_95,upper_95,lower_99_8,upper_99_8,"
      "method,statistic,withheld,benchmark_name,benchmark,comparison,target,target_due,expected,"
      "status,point,variation,assurance,points\n";
  for (const scorecard_row& r : rows) {
    const interval* a = at_level(r, 0.95);
    const interval* b = at_level(r, 0.998);
    const std::string method = r.statistic ? std::string(r.statistic->method_name) : std::string();
    const std::string statistic = r.statistic ? r.statistic->statistic() : std::string();
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
        cell(r.indicator), cell(r.domain), cell(r.area), cell(r.period),
        to_iso_string(r.period_end), full_number(r.shown_value()),
        full_number(a ? a->lower : std::nullopt), full_number(a ? a->upper : std::nullopt),
        full_number(b ? b->lower : std::nullopt), full_number(b ? b->upper : std::nullopt),
        cell(method), cell(statistic), cell(std::string(r.withheld)), cell(r.benchmark_name),
        full_number(r.benchmark), to_string(r.compared), full_number(r.target_value),
        r.target_due ? to_iso_string(*r.target_due) : std::string(), full_number(r.expected),
        to_string(r.status), to_string(r.point), to_string(r.variation),
        r.assurance ? std::string(to_string(*r.assurance)) : std::string(), r.points);
  }
  return out;
}

std::string scorecard_json(const std::vector<scorecard_row>& rows, const std::string& as_of) {
  json doc;
  doc["schema"] = "joinedup/outcomes-scorecard/v1";
  doc["as_of"] = as_of;
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
    arr.push_back(j);
  }
  doc["rows"] = arr;
  return doc.dump(2) + "\n";
}

}  // namespace report
JOINEDUP_END_NAMESPACE
