// joinedup: the funnel plot methods of `joinedup outcomes stats`. A request carries the areas as
// parallel arrays (numerators, denominators, rates) and the package's settings by their R
// names; the answer has the package's output columns in lower case, NA as null.
#include "stats_funnel.hpp"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "joinedup/outcomes/funnel.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {
namespace {

using namespace joinedup::outcomes;

constexpr const char* request_code = "outcomes.funnel.request";

/// A request read: the columns (owned here) and the settings.
struct funnel_request {
  std::vector<double> numerators;
  std::vector<double> denominators;
  std::vector<double> rates;
  funnel_options options;
  bool full = true;  ///< type "full": statistic and method columns in each row
  json warnings;
};

/// The optional string member `key`: nullopt when absent or null.
std::optional<std::string> optional_string(const json& req, const char* key) {
  const auto it = req.find(key);
  if (it == req.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    reject(request_code, std::string("/") + key,
           std::string("'") + key + "' must be a string, found " + it->type_name());
  }
  return it->get<std::string>();
}

/// The optional choice member `key`, one of the names of E.
template <class E>
std::optional<E> optional_choice(const json& req, const char* key) {
  const std::optional<std::string> s = optional_string(req, key);
  if (!s) return std::nullopt;
  const std::optional<E> v = parse_enum<E>(*s);
  if (!v) {
    reject("outcomes.funnel.choice", std::string("/") + key,
           std::string("'") + key + "' should be one of " + enum_name_list<E>() + ", found '" + *s +
               "'");
  }
  return v;
}

/// The optional number member `key`: nullopt when absent or null.
std::optional<double> optional_value(const json& req, const char* key) {
  const auto it = req.find(key);
  if (it == req.end() || it->is_null()) return std::nullopt;
  return optional_number(req, key, 0, request_code);
}

/// Reads the members every funnel method shares; `statistic_required` for limits and
/// significance (the points are for rates only).
funnel_request read(const json& req, bool statistic_required) {
  static const std::set<std::string> known = {
      "method",     "id",        "numerators",    "denominators", "rates", "statistic",
      "multiplier", "rate_type", "years_of_data", "ratio_type",   "type"};
  funnel_request r;
  r.warnings = unknown_members(req, known, "outcomes.funnel.unknown_field");
  const std::optional<std::string> statistic = optional_string(req, "statistic");
  if (statistic_required && !statistic) {
    reject("outcomes.funnel.statistic", "/statistic",
           "statistic must be provided as proportion, rate or ratio");
  }
  if (statistic) {
    const auto s = parse_enum<funnel_statistic>(*statistic);
    if (!s || (!statistic_required && *s != funnel_statistic::rate)) {
      reject("outcomes.funnel.statistic", "/statistic",
             std::string(statistic_required ? "statistic should be one of proportion, ratio, rate"
                                            : "funnel points are for rates only") +
                 ", found '" + *statistic + "'");
    }
    r.options.statistic = *s;
  } else {
    r.options.statistic = funnel_statistic::rate;
  }
  r.numerators = number_array(req, "numerators", true, request_code);
  r.denominators = number_array(req, "denominators", false, request_code);
  r.rates = number_array(req, "rates", false, request_code);
  r.options.multiplier = optional_value(req, "multiplier");
  if (r.options.statistic == funnel_statistic::ratio) {
    r.options.ratio_type = optional_choice<funnel_ratio_type>(req, "ratio_type");
  }
  if (r.options.statistic == funnel_statistic::rate) {
    r.options.rate_type = optional_choice<funnel_rate_type>(req, "rate_type");
    r.options.years_of_data = optional_value(req, "years_of_data");
  }
  if (const std::optional<std::string> type = optional_string(req, "type")) {
    if (*type != "full" && *type != "standard") {
      reject("outcomes.funnel.choice", "/type",
             "'type' should be one of full, standard, found '" + *type + "'");
    }
    r.full = *type == "full";
  }
  return r;
}

/// The areas of a request as the library's view of them.
funnel_data data_of(const funnel_request& r) {
  return {r.numerators, r.denominators, r.rates};
}

/// The value of a library result, or its failure thrown as the answer's error.
template <class T>
T value_or_reject(result<T> r) {
  if (!r) throw bad_request{r.error()};
  return std::move(r).value();
}

/// Starts an answer: the request's id, when it has one.
json start(const json& req) {
  json out;
  if (const auto id = req.find("id"); id != req.end()) out["id"] = *id;
  return out;
}

/// Ends an answer: the warnings, when there are any.
json finish(json out, const funnel_request& r) {
  if (!r.warnings.empty()) out["warnings"] = r.warnings;
  return out;
}

}  // namespace

json answer_funnel_limits(const json& req) {
  const funnel_request r = read(req, true);
  const funnel_limits limits = value_or_reject(calculate_funnel_limits(data_of(r), r.options));
  const auto spread = funnel_spread_columns(limits.statistic);
  const bool has_spread = limits.statistic != funnel_statistic::proportion;
  json rows = json::array();
  for (const funnel_limit_row& row : limits.rows) {
    json o;
    o[std::string(funnel_x_column(limits.statistic))] = num(row.x);
    const double values[4] = {row.lower_2s, row.upper_2s, row.lower_3s, row.upper_3s};
    const char* names[4] = {"lower_2s_limit", "upper_2s_limit", "lower_3s_limit", "upper_3s_limit"};
    for (std::size_t k = 0; k < 4; ++k) {
      if (has_spread) o[std::string(spread[k])] = num(row.spread[k]);
      o[names[k]] = num(values[k]);
    }
    if (limits.statistic != funnel_statistic::ratio) o["baseline"] = num(row.baseline);
    if (r.full) {
      o["statistic"] = limits.label;
      o["method"] = std::string(limits.method);
    }
    rows.push_back(std::move(o));
  }
  json out = start(req);
  out["rows"] = std::move(rows);
  return finish(std::move(out), r);
}

json answer_funnel_significance(const json& req) {
  const funnel_request r = read(req, true);
  const std::vector<funnel_significance> s =
      value_or_reject(assign_funnel_significance(data_of(r), r.options));
  json labels = json::array();
  for (const funnel_significance v : s)
    labels.push_back(std::string(to_string(v)));
  json out = start(req);
  out["significance"] = std::move(labels);
  return finish(std::move(out), r);
}

json answer_funnel_points(const json& req) {
  const funnel_request r = read(req, false);
  const funnel_points p = value_or_reject(calculate_funnel_points(data_of(r), r.options));
  json chart = json::array();
  json derived = json::array();
  for (std::size_t i = 0; i < p.rate_chart.size(); ++i) {
    chart.push_back(num(p.rate_chart[i]));
    derived.push_back(num(p.denominator_derived[i]));
  }
  json out = start(req);
  out["rate_chart"] = std::move(chart);
  out["denominator_derived"] = std::move(derived);
  return finish(std::move(out), r);
}

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
