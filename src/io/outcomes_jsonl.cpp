// joinedup: the JSON-lines machine interface of `joinedup outcomes stats` and `outcomes spc`.
// One request per line in, one JSON object per line out; a bad line gives an error object and
// the others are still answered.
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "joinedup/io/outcomes.hpp"
#include "joinedup/outcomes/spc.hpp"
#include "joinedup/outcomes/statistics.hpp"
#include "json_reader.hpp"
#include "stats_request.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

using namespace joinedup::outcomes;
using namespace joinedup::io::stats_request;

/// The request member a statistics error points at.
std::string error_path(std::string_view code, indicator_method method) {
  const bool bands = method == indicator_method::dsr || method == indicator_method::isr_ratio ||
                     method == indicator_method::isr_rate;
  if (code == "outcomes.stats.negative_numerator" ||
      code == "outcomes.stats.numerator_exceeds_denominator") {
    return method == indicator_method::mean ? "/values" : (bands ? "/numerators" : "/numerator");
  }
  if (code == "outcomes.stats.nonpositive_denominator")
    return bands ? "/denominators" : "/denominator";
  if (code == "outcomes.stats.standard_population") return "/standard_population";
  if (code == "outcomes.stats.multiplier") return "/multiplier";
  if (code == "outcomes.stats.empty")
    return method == indicator_method::mean ? "/values" : "/numerators";
  return "";
}

json stats_answer(const json& req) {
  if (!req.is_object()) {
    reject("outcomes.stats.request", "",
           std::string("a request must be a JSON object, found ") + req.type_name());
  }
  const auto m = req.find("method");
  if (m == req.end() || !m->is_string()) {
    reject("outcomes.stats.request", "/method",
           "'method' is required: proportion, crude_rate, dsr, isr_ratio, isr_rate, mean or count");
  }
  for (const stats_method& extra : extra_stats_methods()) {
    if (extra.name == m->get<std::string>()) return extra.answer(req);
  }
  const std::optional<indicator_method> method = parse_indicator_method(m->get<std::string>());
  if (!method) {
    std::string expected = "proportion, crude_rate, dsr, isr_ratio, isr_rate, mean, count";
    for (const stats_method& extra : extra_stats_methods())
      expected += ", " + std::string(extra.name);
    reject("outcomes.stats.method", "/method",
           "unknown method '" + m->get<std::string>() + "'; expected one of " + expected);
  }
  static const std::set<std::string> common = {"method", "confidence", "multiplier", "id"};
  std::set<std::string> known = common;
  switch (*method) {
    case indicator_method::proportion:
    case indicator_method::crude_rate:
    case indicator_method::count:
      known.insert({"numerator", "denominator"});
      break;
    case indicator_method::dsr:
      known.insert({"numerators", "denominators", "standard_population", "independent_events",
                    "age_bands", "event_frequencies"});
      break;
    case indicator_method::isr_ratio:
    case indicator_method::isr_rate:
      known.insert(
          {"numerators", "denominators", "reference_numerators", "reference_denominators"});
      break;
    case indicator_method::mean:
      known.insert("values");
      break;
  }
  json warnings = unknown_members(req, known, "outcomes.stats.unknown_field");
  const confidence_levels conf = read_confidence(req);
  const char* code = "outcomes.stats.request";
  result<indicator_value> r = failure{};
  switch (*method) {
    case indicator_method::proportion:
      r = proportion(required_number(req, "numerator", code),
                     required_number(req, "denominator", code), conf,
                     optional_number(req, "multiplier", 1, code));
      break;
    case indicator_method::crude_rate:
      r = crude_rate(required_number(req, "numerator", code),
                     required_number(req, "denominator", code), conf,
                     optional_number(req, "multiplier", 100000, code));
      break;
    case indicator_method::count:
      r = count(required_number(req, "numerator", code), conf);
      break;
    case indicator_method::dsr: {
      const std::vector<double> x = number_array(req, "numerators", true, code);
      const std::vector<double> n = number_array(req, "denominators", true, code);
      const std::vector<double> w = number_array(req, "standard_population", false, code);
      const double mult = optional_number(req, "multiplier", 100000, code);
      const auto ind = req.find("independent_events");
      if (ind != req.end() && !ind->is_boolean()) {
        reject(code, "/independent_events", "'independent_events' must be true or false");
      }
      if (ind == req.end() || ind->get<bool>()) {
        r = dsr(x, n, w, conf, mult);
        break;
      }
      // Person-frequency rows (calculate_dsr with independent_events = FALSE): one row per age
      // band and event frequency; numerators count persons.
      const std::vector<double> f = number_array(req, "event_frequencies", true, code);
      const auto bands = req.find("age_bands");
      if (bands == req.end() || !bands->is_array()) {
        reject(code, "/age_bands", "'age_bands' is required with independent_events false");
      }
      if (w.empty()) {
        reject(code, "/standard_population",
               "'standard_population' is required with independent_events false (one per row)");
      }
      if (f.size() != x.size() || n.size() != x.size() || w.size() != x.size() ||
          bands->size() != x.size()) {
        reject("outcomes.stats.length_mismatch", "/numerators",
               "age_bands, event_frequencies, numerators, denominators and standard_population "
               "must have one entry per row");
      }
      std::vector<frequency_row> rows(x.size());
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const json& b = (*bands)[i];
        rows[i].age_band = b.is_string() ? b.get<std::string>() : b.dump();
        rows[i].frequency = f[i];
        rows[i].persons = x[i];
        rows[i].population = n[i];
        rows[i].standard = w[i];
      }
      r = dsr_non_independent(rows, conf, mult);
      break;
    }
    case indicator_method::isr_ratio:
    case indicator_method::isr_rate: {
      const std::vector<double> x = number_array(req, "numerators", true, code);
      const std::vector<double> n = number_array(req, "denominators", true, code);
      const std::vector<double> rx = number_array(req, "reference_numerators", true, code);
      const std::vector<double> rn = number_array(req, "reference_denominators", true, code);
      const double fallback = *method == indicator_method::isr_ratio ? 1 : 100000;
      r = indirectly_standardised(*method, x, n, rx, rn, conf,
                                  optional_number(req, "multiplier", fallback, code));
      break;
    }
    case indicator_method::mean:
      r = mean(number_array(req, "values", true, code), conf);
      break;
  }
  if (!r) {
    diagnostic d = r.error();
    if (d.path.empty()) d.path = error_path(d.code, *method);
    throw bad_request{d};
  }
  const indicator_value& v = *r;
  json out;
  if (const auto id = req.find("id"); id != req.end()) out["id"] = *id;
  std::vector<std::string> why;
  out["value"] = num(v.value);
  if (!v.value) add_reason(why, v.value_reason);
  if (v.interval_count == 1) {
    const interval& iv = v.intervals[0];
    out["lower"] = num(iv.lower);
    out["upper"] = num(iv.upper);
    if (!iv.lower) add_reason(why, iv.lower_reason);
    if (!iv.upper) add_reason(why, iv.upper_reason);
  } else {
    for (std::size_t i = 0; i < v.interval_count; ++i) {
      const interval& iv = v.intervals[i];
      const std::string s = level_suffix(iv.confidence);
      out["lower_" + s] = num(iv.lower);
      out["upper_" + s] = num(iv.upper);
      if (!iv.lower) add_reason(why, iv.lower_reason);
      if (!iv.upper) add_reason(why, iv.upper_reason);
    }
  }
  if (v.interval_count > 0) {
    out["confidence"] = conf.label();
  } else {
    out["confidence"] = nullptr;
  }
  out["statistic"] = v.statistic();
  out["method"] = v.method_name.empty() ? json(nullptr) : json(std::string(v.method_name));
  switch (v.method) {
    case indicator_method::proportion:
    case indicator_method::crude_rate:
      out["numerator"] = num(v.observed);
      out["denominator"] = num(v.denominator);
      break;
    case indicator_method::count:
      out["numerator"] = num(v.observed);
      break;
    case indicator_method::dsr:
      out["total_count"] = num(v.observed);
      out["total_population"] = num(v.denominator);
      break;
    case indicator_method::isr_ratio:
    case indicator_method::isr_rate:
      out["observed"] = num(v.observed);
      out["expected"] = num(v.expected);
      break;
    case indicator_method::mean:
      out["n"] = num(v.observed);
      break;
  }
  if (!why.empty()) {
    std::string joined;
    for (const std::string& s : why)
      joined += (joined.empty() ? "" : "; ") + s;
    out["reason"] = joined;
  }
  if (!warnings.empty()) out["warnings"] = warnings;
  return out;
}

json spc_answer(const json& req) {
  const char* code = "outcomes.spc.request";
  if (!req.is_object()) {
    reject(code, "", std::string("a request must be a JSON object, found ") + req.type_name());
  }
  static const std::set<std::string> known = {"values",
                                              "improvement_direction",
                                              "target",
                                              "rebase_at",
                                              "fix_after_n_points",
                                              "screen_outliers",
                                              "id",
                                              "x"};
  json warnings = unknown_members(req, known, "outcomes.spc.unknown_field");
  const auto vit = req.find("values");
  if (vit == req.end() || !vit->is_array()) {
    reject(code, "/values",
           "'values' is required: an array of numbers (null when missing) in time order");
  }
  std::vector<double> values;
  for (std::size_t i = 0; i < vit->size(); ++i) {
    const json& e = (*vit)[i];
    if (e.is_null()) {
      values.push_back(std::nan(""));  // missing, R's NA
      continue;
    }
    if (!e.is_number()) {
      reject("outcomes.spc.value", "/values/" + std::to_string(i),
             "every value must be a number or null (missing); found " + std::string(e.type_name()));
    }
    values.push_back(e.get<double>());
  }
  // Optional x-axis positions (dates or labels), one per value, carried to each point.
  const auto xit = req.find("x");
  const bool has_x = xit != req.end() && !xit->is_null();
  if (has_x) {
    if (!xit->is_array() || xit->size() != values.size()) {
      reject("outcomes.spc.x", "/x",
             "'x' must be an array of dates or labels, one per value (" +
                 std::to_string(values.size()) + ")");
    }
    std::set<std::string> seen_labels;
    std::set<double> seen_numbers;
    for (std::size_t i = 0; i < xit->size(); ++i) {
      const json& e = (*xit)[i];
      if (!e.is_string() && !e.is_number()) {
        reject("outcomes.spc.x", "/x/" + std::to_string(i),
               "every x must be a string (a date as YYYY-MM-DD or a label) or a number; found " +
                   std::string(e.type_name()));
      }
      const bool fresh = e.is_string() ? seen_labels.insert(e.get<std::string>()).second
                                       : seen_numbers.insert(e.get<double>()).second;
      if (!fresh) {
        reject("outcomes.spc.duplicate_x", "/x/" + std::to_string(i),
               "x " + e.dump() + " appears twice; each point needs its own date or label");
      }
    }
  }
  spc_options opt;
  if (const auto d = req.find("improvement_direction"); d != req.end() && !d->is_null()) {
    const auto dir = d->is_string() ? parse_improvement_direction(d->get<std::string>())
                                    : std::optional<improvement_direction>{};
    if (!dir) {
      reject("outcomes.spc.direction", "/improvement_direction",
             "improvement_direction must be \"increase\", \"decrease\" or \"neutral\"");
    }
    opt.direction = *dir;
  }
  if (const auto t = req.find("target"); t != req.end() && !t->is_null()) {
    if (!t->is_number()) reject(code, "/target", "'target' must be a number or null");
    opt.target = t->get<double>();
  }
  if (const auto rb = req.find("rebase_at"); rb != req.end() && !rb->is_null()) {
    if (!rb->is_array()) reject(code, "/rebase_at", "'rebase_at' must be an array of positions");
    for (std::size_t i = 0; i < rb->size(); ++i) {
      const json& e = (*rb)[i];
      if (!e.is_number_integer() && !e.is_number_unsigned()) {
        reject(code, "/rebase_at/" + std::to_string(i),
               "rebase positions are 1-based whole numbers");
      }
      const auto at = e.get<long long>();
      opt.rebase_at.push_back(at < 0 ? 0 : static_cast<std::size_t>(at));
    }
  }
  if (const auto f = req.find("fix_after_n_points"); f != req.end() && !f->is_null()) {
    if (!f->is_number_integer() && !f->is_number_unsigned()) {
      reject("outcomes.spc.fix_after", "/fix_after_n_points",
             "fix_after_n_points must be a whole number of 12 or more");
    }
    const auto k = f->get<long long>();
    opt.fix_after_n_points = k < 0 ? 0 : static_cast<std::size_t>(k);
  }
  if (const auto s = req.find("screen_outliers"); s != req.end() && !s->is_null()) {
    if (!s->is_boolean())
      reject(code, "/screen_outliers", "'screen_outliers' must be true or false");
    opt.screen_outliers = s->get<bool>();
  }
  const result<spc_result> r = analyse_spc(values, opt);
  if (!r) {
    diagnostic d = r.error();
    if (d.code == "outcomes.spc.fix_after") d.path = "/fix_after_n_points";
    if (d.code == "outcomes.spc.empty") d.path = "/values";
    throw bad_request{d};
  }
  json out;
  if (const auto id = req.find("id"); id != req.end()) out["id"] = *id;
  out["improvement_direction"] = std::string(to_string(opt.direction));
  json groups = json::array();
  for (const spc_group& g : r->groups) {
    json j;
    j["first"] = g.first + 1;
    j["last"] = g.first + g.size;
    j["n"] = g.size;
    j["baseline_points"] = g.baseline;
    j["mean"] = num(g.mean);
    j["amr"] = num(g.amr);
    j["lpl"] = num(g.lpl);
    j["upl"] = num(g.upl);
    j["near_lpl"] = num(g.near_lower);
    j["near_upl"] = num(g.near_upper);
    j["screened_moving_ranges"] = g.screened_out;
    if (g.missing > 0) j["missing"] = g.missing;
    if (g.baseline_missing == g.baseline) {
      j["reason"] =
          "every baseline point is missing, so the mean and the limits are not defined (NaN in R)";
    } else if (std::isnan(g.amr)) {
      j["reason"] =
          g.moving_ranges == 0
              ? (g.baseline == 1
                     ? "one point has no moving range, so the limits are not defined"
                     : "no two neighbouring baseline points both have a value, so there is no "
                       "moving range and the limits are not defined (NaN in R)")
              : "every moving range was screened out (a flat series), so the average "
                "moving range and the limits are not defined (NaN in R)";
    }
    groups.push_back(j);
  }
  out["groups"] = groups;
  json types = json::array();
  json points = json::array();
  for (std::size_t i = 0; i < r->points.size(); ++i) {
    const spc_point& p = r->points[i];
    const spc_group& g = r->groups[p.group];
    types.push_back(std::string(to_string(p.type)));
    // R's NA: a missing point has no value, side or flags; no side of an undefined mean.
    const json side = p.missing || std::isnan(g.mean) ? json(nullptr) : json(p.relative_to_mean);
    json pt{{"index", i + 1},
            {"value", p.missing ? json(nullptr) : json(p.value)},
            {"group", p.group + 1},
            {"special_cause", std::string(to_string(p.type))},
            {"rule", std::string(label(p.rule))},
            {"relative_to_mean", side},
            {"outside_limits", p.missing ? json(nullptr) : json(p.outside_limits)},
            {"close_to_limits", p.missing ? json(nullptr) : json(p.close_to_limits)},
            {"mean", num(g.mean)},
            {"lpl", num(g.lpl)},
            {"upl", num(g.upl)},
            {"near_lpl", num(g.near_lower)},
            {"near_upl", num(g.near_upper)}};
    if (has_x) pt["x"] = (*xit)[i];
    points.push_back(std::move(pt));
  }
  out["special_cause"] = types;
  out["points"] = points;
  out["variation"] = std::string(to_string(r->variation));
  if (r->assurance) {
    out["assurance"] = std::string(to_string(*r->assurance));
  } else {
    out["assurance"] = nullptr;
    out["assurance_reason"] =
        opt.target ? "no assurance for a neutral improvement direction" : "no target was given";
  }
  for (const diagnostic& d : r->warnings) {
    warnings.push_back(json{{"code", d.code},
                            {"severity", std::string(to_string(d.severity))},
                            {"path", d.path},
                            {"message", d.message}});
  }
  if (!warnings.empty()) out["warnings"] = warnings;
  return out;
}

/// Runs `answer` on one line, turning any problem into an error object.
template <class F>
std::string answer_line(std::string_view text, std::size_t line, bool& ok, F answer,
                        std::string_view syntax_code) {
  json out;
  ok = true;
  try {
    diagnostics syntax;
    const std::optional<json> req = io::detail::parse_json(text, syntax);
    if (!req) {
      ok = false;
      const diagnostic& d = syntax[0];
      return json{
          {"line", line},
          {"error", json{{"code", d.code == "io.json.syntax" ? std::string(syntax_code) : d.code},
                         {"severity", "error"},
                         {"path", d.path},
                         {"message", "the line is not valid JSON: " + d.message}}}}
          .dump(-1, ' ', false, json::error_handler_t::replace);
    }
    json body = answer(*req);
    out["line"] = line;
    for (auto it = body.begin(); it != body.end(); ++it)
      out[it.key()] = it.value();
  } catch (const bad_request& e) {
    ok = false;
    out = json{{"line", line},
               {"error", json{{"code", e.d.code},
                              {"severity", "error"},
                              {"path", e.d.path},
                              {"message", e.d.message}}}};
  } catch (const json::exception& e) {
    ok = false;
    out =
        json{{"line", line},
             {"error", json{{"code", std::string(syntax_code)},
                            {"severity", "error"},
                            {"path", ""},
                            {"message", std::string("the line is not valid JSON: ") + e.what()}}}};
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string answer_stats_line(std::string_view json_line, std::size_t line, bool& ok) {
  return answer_line(json_line, line, ok, stats_answer, "outcomes.stats.syntax");
}

std::string answer_spc_line(std::string_view json_line, std::size_t line, bool& ok) {
  return answer_line(json_line, line, ok, spc_answer, "outcomes.spc.syntax");
}

}  // namespace io
JOINEDUP_END_NAMESPACE
