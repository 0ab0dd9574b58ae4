// joinedup: the `life_expectancy` method of `joinedup outcomes stats` (docs/outcomes-life-
// expectancy.md): reads the bands, the confidence and the ages asked for, and writes one row per
// band with PHEindicatormethods' column meanings.
#include "stats_life_expectancy.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "joinedup/outcomes/life_expectancy.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {
namespace {

/// The ages asked for in `le_age`: nullopt for every band ("all", null or absent). A number is
/// one age; an array lists ages. Any other text matches no band (every band is returned, with a
/// warning, as R does for an age that is not a start age).
std::optional<std::vector<double>> read_le_age(const json& req) {
  const auto it = req.find("le_age");
  if (it == req.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) {
    if (it->get<std::string>() == "all") return std::nullopt;
    return std::vector<double>{};
  }
  if (it->is_number()) return std::vector<double>{it->get<double>()};
  if (!it->is_array()) {
    reject("outcomes.stats.request", "/le_age",
           std::string("'le_age' must be \"all\", a start age or an array of start ages, found ") +
               it->type_name());
  }
  std::vector<double> ages;
  ages.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    if (!e.is_number()) {
      reject("outcomes.stats.request", "/le_age/" + std::to_string(i),
             std::string("ages in 'le_age' must be numbers, found ") + e.type_name());
    }
    ages.push_back(e.get<double>());
  }
  return ages;
}

/// One band's answer.
json row_json(const outcomes::life_expectancy_row& r) {
  json j;
  j["start_age"] = static_cast<int>(r.start_age);  // always one of 0, 1, 5, ..., 90
  j["value"] = num(r.value);
  std::vector<std::string> why;
  if (!r.value) add_reason(why, r.value_reason);
  for (std::size_t i = 0; i < r.interval_count; ++i) {
    const outcomes::interval& iv = r.intervals[i];
    const std::string suffix = r.interval_count == 1 ? "" : "_" + level_suffix(iv.confidence);
    j["lower" + suffix] = num(iv.lower);
    j["upper" + suffix] = num(iv.upper);
    if (!iv.lower) add_reason(why, iv.lower_reason);
    if (!iv.upper) add_reason(why, iv.upper_reason);
  }
  j["statistic"] = "life expectancy at " + std::to_string(static_cast<int>(r.start_age));
  if (r.population_used) j["pops_used"] = num(r.population_used);
  if (r.deaths_used) j["dths_used"] = num(r.deaths_used);
  if (!why.empty()) {
    std::string joined;
    for (const std::string& s : why)
      joined += (joined.empty() ? "" : "; ") + s;
    j["reason"] = joined;
  }
  return j;
}

}  // namespace

json answer_life_expectancy(const json& req) {
  static const std::set<std::string> known = {"method",      "id",         "start_ages", "deaths",
                                              "populations", "confidence", "le_age"};
  json warnings = unknown_members(req, known, "outcomes.stats.unknown_field");
  const char* code = "outcomes.stats.request";
  const std::vector<double> start_ages = number_array(req, "start_ages", true, code);
  const std::vector<double> deaths = number_array(req, "deaths", true, code);
  const std::vector<double> populations = number_array(req, "populations", true, code);
  const confidence_levels conf = read_confidence(req, true);
  const std::optional<std::vector<double>> ages = read_le_age(req);
  std::optional<std::span<const double>> asked;
  if (ages) asked = std::span<const double>(*ages);

  const result<outcomes::life_expectancy_table> r =
      outcomes::life_expectancy(start_ages, deaths, populations, conf, asked);
  if (!r) throw bad_request{r.error()};

  json out;
  if (const auto id = req.find("id"); id != req.end()) out["id"] = *id;
  json rows = json::array();
  for (const outcomes::life_expectancy_row& row : r->rows)
    rows.push_back(row_json(row));
  out["rows"] = rows;
  out["confidence"] = conf.label();
  out["method"] = std::string(outcomes::life_expectancy_method);
  if (r->requested_ages_unmatched) {
    warnings.push_back(json{{"code", "outcomes.le.le_age"},
                            {"severity", "warning"},
                            {"path", "/le_age"},
                            {"message",
                             "no age in 'le_age' is a band's start age (0, 1, 5, 10, ..., 90), "
                             "so every band is returned"}});
  }
  if (!warnings.empty()) out["warnings"] = warnings;
  return out;
}

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
