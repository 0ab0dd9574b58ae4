// joinedup: `outcomes stats` method "sii" (phe_sii): reads one area's quantile rows, puts them
// in quantile order, and writes the SII, RII, intercept and simulated confidence limits with
// R's output labels.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "joinedup/outcomes/sii.hpp"
#include "stats_quantile_sii.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {
namespace {

using outcomes::sii_value_type;

constexpr const char* request_code = "outcomes.sii.request";

/// An optional true/false member.
bool read_flag(const json& req, const char* key, bool fallback) {
  const auto it = req.find(key);
  if (it == req.end() || it->is_null()) return fallback;
  if (!it->is_boolean())
    reject(request_code, std::string("/") + key,
           std::string("'") + key + "' must be true or false");
  return it->get<bool>();
}

/// The order that sorts the quantile labels (all numbers, or all strings compared byte by
/// byte), rejecting missing and repeated labels.
std::vector<std::size_t> quantile_order(const json& req) {
  const auto it = req.find("quantiles");
  if (it == req.end() || !it->is_array()) {
    reject(request_code, "/quantiles",
           "'quantiles' is required: one label (number or string) per quantile");
  }
  const json& labels = *it;
  const std::size_t n = labels.size();
  const bool numbers = n > 0 && labels[0].is_number();
  for (std::size_t i = 0; i < n; ++i) {
    if (numbers ? !labels[i].is_number() : !labels[i].is_string()) {
      reject(request_code, "/quantiles/" + std::to_string(i),
             "quantile labels must be all numbers or all strings, found " +
                 std::string(labels[i].type_name()));
    }
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto less = [&](std::size_t a, std::size_t b) {
    if (numbers) return labels[a].get<double>() < labels[b].get<double>();
    return labels[a].get_ref<const std::string&>() < labels[b].get_ref<const std::string&>();
  };
  std::stable_sort(order.begin(), order.end(), less);
  for (std::size_t k = 1; k < n; ++k) {
    if (!less(order[k - 1], order[k])) {
      reject("outcomes.sii.quantiles", "/quantiles/" + std::to_string(order[k]),
             "quantile " + labels[order[k]].dump() + " is given more than once");
    }
  }
  return order;
}

/// A number array member put in quantile order (empty when absent); its length must match.
std::vector<double> ordered(const json& req, const char* key, const std::vector<std::size_t>& order,
                            bool required) {
  const auto it = req.find(key);
  if (!required && (it == req.end() || it->is_null())) return {};
  const std::vector<double> raw = number_array(req, key, required, request_code);
  if (raw.size() != order.size()) {
    reject("outcomes.sii.length_mismatch", std::string("/") + key,
           std::string("'") + key + "' must have one entry per quantile (" +
               std::to_string(order.size()) + "), found " + std::to_string(raw.size()));
  }
  std::vector<double> out(order.size());
  for (std::size_t k = 0; k < order.size(); ++k)
    out[k] = raw[order[k]];
  return out;
}

/// The confidence levels: absent = 0.95; null = none (no simulation); a number or an array.
std::vector<double> read_levels(const json& req) {
  const auto it = req.find("confidence");
  if (it == req.end()) return {0.95};
  if (it->is_null()) return {};
  if (it->is_number()) return {it->get<double>()};
  if (!it->is_array() || it->empty()) {
    reject("outcomes.sii.confidence", "/confidence",
           "'confidence' must be a number, a non-empty array of numbers, or null");
  }
  std::vector<double> levels;
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_number()) {
      reject("outcomes.sii.confidence", "/confidence/" + std::to_string(i),
             "confidence levels must be numbers");
    }
    levels.push_back((*it)[i].get<double>());
    if (levels.size() > outcomes::sii_max_levels) break;  // reported by the library
  }
  return levels;
}

/// R's text for a whole number in paste0(): fixed notation unless scientific is shorter
/// (100000 is "1e+05", 10000 is "10000").
std::string r_integer_text(std::uint64_t v) {
  const std::string fixed = std::to_string(v);
  std::string digits = fixed;
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();
  const std::size_t exponent = fixed.size() - 1;
  std::string sci = digits.substr(0, 1);
  if (digits.size() > 1) sci += "." + digits.substr(1);
  sci += exponent < 10 ? "e+0" + std::to_string(exponent) : "e+" + std::to_string(exponent);
  return fixed.size() > sci.size() ? sci : fixed;
}

/// Maps a library error path "/member/k" (k in quantile order) back to the request's index.
void restore_path(diagnostic& d, const std::vector<std::size_t>& order) {
  const std::size_t slash = d.path.rfind('/');
  if (slash == 0 || slash == std::string::npos) return;
  const std::string tail = d.path.substr(slash + 1);
  if (tail.empty() || tail.find_first_not_of("0123456789") != std::string::npos) return;
  const std::size_t k = std::stoul(tail);
  if (k < order.size()) d.path = d.path.substr(0, slash + 1) + std::to_string(order[k]);
}

}  // namespace

json answer_sii(const json& req) {
  static const std::set<std::string> known = {
      "method",      "id",         "quantiles", "populations", "values",           "x",
      "se",          "lower_cl",   "upper_cl",  "value_type",  "transform",        "multiplier",
      "repetitions", "confidence", "rii",       "intercept",   "reliability_stat", "seed"};
  json warnings = unknown_members(req, known, "outcomes.sii.unknown_field");

  outcomes::sii_options opt;
  const double type = optional_number(req, "value_type", 0, request_code);
  if (type == 0) {
    opt.value_type = sii_value_type::normal;
  } else if (type == 1) {
    opt.value_type = sii_value_type::rate;
  } else if (type == 2) {
    opt.value_type = sii_value_type::proportion;
  } else {
    reject("outcomes.sii.value_type", "/value_type",
           "value_type must be 0 (normal), 1 (rate) or 2 (proportion)");
  }
  opt.transform = read_flag(req, "transform", false);
  opt.multiplier = optional_number(req, "multiplier", 1, request_code);
  const double reps = optional_number(req, "repetitions", 100000, request_code);
  if (!(reps >= 1000 && reps <= outcomes::sii_max_draws && reps == std::floor(reps))) {
    reject("outcomes.sii.repetitions", "/repetitions",
           "repetitions must be a whole number from 1000 to " +
               outcomes::detail::text(outcomes::sii_max_draws) + " (default 100000)");
  }
  opt.repetitions = static_cast<std::size_t>(reps);
  opt.confidence = read_levels(req);
  opt.rii = read_flag(req, "rii", false);
  opt.reliability_stat = read_flag(req, "reliability_stat", false);
  const bool with_intercept = read_flag(req, "intercept", true);
  if (const auto s = req.find("seed"); s != req.end() && !s->is_null()) {
    if (!s->is_number_unsigned()) {
      reject(request_code, "/seed", "'seed' must be a whole number from 0 to 2^64 - 1");
    }
    opt.seed = s->get<std::uint64_t>();
  }

  const std::vector<std::size_t> order = quantile_order(req);
  outcomes::sii_input in;
  in.populations = ordered(req, "populations", order, true);
  in.values = ordered(req, "values", order, false);
  in.counts = ordered(req, "x", order, false);
  in.standard_errors = ordered(req, "se", order, false);
  in.lower_cl = ordered(req, "lower_cl", order, false);
  in.upper_cl = ordered(req, "upper_cl", order, false);

  result<outcomes::sii_result> r = outcomes::slope_index_of_inequality(in, opt);
  if (!r) {
    diagnostic d = r.error();
    restore_path(d, order);
    throw bad_request{d};
  }

  json out;
  if (const auto id = req.find("id"); id != req.end()) out["id"] = *id;
  out["sii"] = num(r->sii);
  // The RII's point estimate is always written (R writes it only with rii = TRUE); its limits
  // only with "rii": true, as they cost a second simulation.
  out["rii"] = num(r->rii);
  for (const outcomes::sii_limits& l : r->limits) {
    const std::string s = level_suffix(l.confidence);
    out["sii_lower_" + s] = num(l.sii_lower);
    out["sii_upper_" + s] = num(l.sii_upper);
  }
  if (opt.rii) {
    for (const outcomes::sii_limits& l : r->limits) {
      const std::string s = level_suffix(l.confidence);
      out["rii_lower_" + s] = num(l.rii_lower);
      out["rii_upper_" + s] = num(l.rii_upper);
    }
  }
  if (opt.reliability_stat) {
    for (const outcomes::sii_limits& l : r->limits) {
      const std::string s = level_suffix(l.confidence);
      out["sii_mad_" + s] = num(l.sii_mad);
      if (opt.rii) out["rii_mad_" + s] = num(l.rii_mad);
    }
  }
  if (with_intercept) out["intercept"] = num(r->intercept);
  out["indicator_type"] = std::string(outcomes::to_string(opt.value_type));
  out["multiplier"] = opt.multiplier;
  out["transform"] = !opt.transform                           ? "none"
                     : opt.value_type == sii_value_type::rate ? "log"
                                                              : "logit";
  if (r->limits.empty()) {
    out["ci_confidence"] = nullptr;
    out["ci_method"] = nullptr;
  } else {
    std::string label;
    for (const outcomes::sii_limits& l : r->limits)
      label += (label.empty() ? "" : ", ") +
               outcomes::confidence_levels::percent_text(l.confidence) + "%";
    out["ci_confidence"] = label;
    out["ci_method"] = "simulation " + r_integer_text(opt.repetitions) + " reps";
    out["seed"] = opt.seed;
  }
  for (const diagnostic& d : r->warnings) {
    warnings.push_back(json{{"code", d.code},
                            {"severity", std::string(to_string(d.severity))},
                            {"path", d.path},
                            {"message", d.message}});
  }
  if (!warnings.empty()) out["warnings"] = std::move(warnings);
  return out;
}

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
