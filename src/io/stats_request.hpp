// joinedup (private): reading one `outcomes stats` / `outcomes spc` JSON-lines request. Shared
// by the files that answer the methods (src/io/outcomes_jsonl.cpp and the stats_*.cpp files);
// used only inside src/.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {

using json = nlohmann::ordered_json;
using outcomes::confidence_levels;

/// Thrown while answering a request that cannot be answered; caught per line, written as
/// `{"line":N,"error":{...}}`.
struct bad_request {
  diagnostic d;  ///< what was wrong
};

[[noreturn]] inline void reject(std::string_view code, std::string path, std::string message) {
  throw bad_request{make_diagnostic(code, severity::error, std::move(path), std::move(message))};
}

/// A number, or NaN for null (R's NA). Anything else is a request error.
inline double number_or_na(const json& v, const std::string& path, std::string_view code) {
  if (v.is_null()) return std::nan("");
  if (!v.is_number())
    reject(code, path, "expected a number or null, found " + std::string(v.type_name()));
  return v.get<double>();
}

/// The required number member `key`.
inline double required_number(const json& req, const char* key, std::string_view code) {
  const auto it = req.find(key);
  if (it == req.end())
    reject(code, std::string("/") + key, std::string("'") + key + "' is required");
  return number_or_na(*it, std::string("/") + key, code);
}

/// The optional number member `key` (default when absent or null).
inline double optional_number(const json& req, const char* key, double fallback,
                              std::string_view code) {
  const auto it = req.find(key);
  if (it == req.end() || it->is_null()) return fallback;
  if (!it->is_number()) {
    reject(code, std::string("/") + key,
           std::string("'") + key + "' must be a number, found " + it->type_name());
  }
  return it->get<double>();
}

/// The number array member `key`; null entries are NaN.
inline std::vector<double> number_array(const json& req, const char* key, bool required,
                                        std::string_view code) {
  const auto it = req.find(key);
  if (it == req.end() || (!required && it->is_null())) {
    if (required) reject(code, std::string("/") + key, std::string("'") + key + "' is required");
    return {};
  }
  if (!it->is_array()) {
    reject(code, std::string("/") + key,
           std::string("'") + key + "' must be an array of numbers, found " + it->type_name());
  }
  std::vector<double> out;
  out.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i)
    out.push_back(number_or_na((*it)[i], std::string("/") + key + "/" + std::to_string(i), code));
  return out;
}

/// Confidence: absent = 0.95; null = no interval; a number; or an array of one or two (with
/// `any_pair`, any two levels in any order, as phe_life_expectancy allows; otherwise the pair
/// 0.95 and 0.998).
inline confidence_levels read_confidence(const json& req, bool any_pair = false) {
  const auto it = req.find("confidence");
  result<confidence_levels> c = confidence_levels::ninety_five();
  if (it == req.end()) return *c;
  if (it->is_null()) return confidence_levels{};
  if (it->is_number()) {
    c = confidence_levels::single(it->get<double>());
  } else if (it->is_array()) {
    std::vector<double> levels;
    for (std::size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_number()) {
        reject("outcomes.stats.confidence", "/confidence/" + std::to_string(i),
               "confidence levels must be numbers");
      }
      levels.push_back((*it)[i].get<double>());
    }
    c = any_pair ? confidence_levels::any(levels) : confidence_levels::list(levels);
  } else {
    reject(
        "outcomes.stats.confidence", "/confidence",
        std::string("'confidence' must be a number, an array or null, found ") + it->type_name());
  }
  if (!c) {
    diagnostic d = c.error();
    d.path = "/confidence";
    throw bad_request{d};
  }
  return *c;
}

/// A double as JSON: null when not finite.
inline json num(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

/// The level suffix of a two-level output: "95" or "99_8".
inline std::string level_suffix(double c) {
  std::string s = confidence_levels::percent_text(c);
  for (char& ch : s) {
    if (ch == '.') ch = '_';
  }
  return s;
}

/// Adds a reason (once) to the list.
inline void add_reason(std::vector<std::string>& reasons_out, std::string_view r) {
  if (r.empty()) return;
  for (const std::string& s : reasons_out) {
    if (s == r) return;
  }
  reasons_out.emplace_back(r);
}

/// Warnings (code `unknown_code`) for every member of `req` not in `known`.
inline json unknown_members(const json& req, const std::set<std::string>& known,
                            std::string_view unknown_code) {
  json warnings = json::array();
  for (auto it = req.begin(); it != req.end(); ++it) {
    if (known.count(it.key()) == 0) {
      warnings.push_back(json{{"code", std::string(unknown_code)},
                              {"severity", "warning"},
                              {"path", "/" + it.key()},
                              {"message", "field '" + it.key() + "' was not read"}});
    }
  }
  return warnings;
}

/// A method of `outcomes stats` answered outside src/io/outcomes_jsonl.cpp: its name and the
/// function that reads a request object and returns the answer's members (throwing
/// bad_request for a request it cannot answer).
struct stats_method {
  std::string_view name;                ///< the request's `method`
  json (*answer)(const json& request);  ///< the answer, without `line`
};

/// The methods listed in src/io/stats_methods.cpp (the one place a new method is added).
std::span<const stats_method> extra_stats_methods();

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
