// joinedup: `outcomes stats` method "quantile" (phe_quantile): reads the values, optional
// groups and invert flags, and writes one quantile per value.
#include <map>
#include <string>
#include <vector>

#include "joinedup/outcomes/quantile.hpp"
#include "joinedup/outcomes/statistics.hpp"
#include "stats_quantile_sii.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {
namespace {

constexpr const char* request_code = "outcomes.quantile.request";

/// R's `qinverted` text for one direction.
const char* inverted_text(bool invert) {
  return invert ? "lowest quantile represents highest values"
                : "lowest quantile represents lowest values";
}

/// The number of quantiles: a whole number from 1 to outcomes::max_quantiles (default 10).
std::size_t read_nquantiles(const json& req) {
  const double q = optional_number(req, "nquantiles", 10, request_code);
  if (!(q >= 1 && q <= static_cast<double>(outcomes::max_quantiles) && q == std::floor(q))) {
    reject(
        "outcomes.quantile.nquantiles", "/nquantiles",
        "nquantiles must be a whole number from 1 to " + std::to_string(outcomes::max_quantiles));
  }
  return static_cast<std::size_t>(q);
}

/// The group index of each value (first appearance order), or empty without `groups`.
std::vector<std::size_t> read_groups(const json& req, std::size_t n, std::size_t& group_count) {
  group_count = n == 0 ? 0 : 1;
  const auto it = req.find("groups");
  if (it == req.end() || it->is_null()) return {};
  if (!it->is_array()) {
    reject(
        request_code, "/groups",
        std::string("'groups' must be an array of strings or numbers, found ") + it->type_name());
  }
  if (it->size() != n) {
    reject("outcomes.quantile.length_mismatch", "/groups",
           "'groups' must have one entry per value (" + std::to_string(n) + "), found " +
               std::to_string(it->size()));
  }
  std::map<std::string, std::size_t> index;
  std::vector<std::size_t> groups(n);
  for (std::size_t i = 0; i < n; ++i) {
    const json& g = (*it)[i];
    if (!(g.is_string() || g.is_number() || g.is_null())) {
      reject(request_code, "/groups/" + std::to_string(i),
             std::string("a group must be a string, a number or null, found ") + g.type_name());
    }
    // Numbers are compared by value (1 and 1.0 are one group), as in an R column.
    std::string key = g.is_string() ? "s:" + g.get<std::string>() : g.dump();
    if (g.is_number()) {
      const double v = g.get<double>();
      key = "n:" + outcomes::detail::text(v == 0 ? 0.0 : v);
    }
    const auto [pos, added] = index.emplace(std::move(key), index.size());
    groups[i] = pos->second;
  }
  group_count = index.size();
  return groups;
}

}  // namespace

json answer_quantile(const json& req) {
  static const std::set<std::string> known = {"method",     "id",     "values",
                                              "nquantiles", "invert", "groups"};
  json warnings = unknown_members(req, known, "outcomes.quantile.unknown_field");
  const std::vector<double> values = number_array(req, "values", true, request_code);
  const std::size_t nquantiles = read_nquantiles(req);
  std::size_t group_count = 0;
  const std::vector<std::size_t> groups = read_groups(req, values.size(), group_count);

  // invert: one flag for all, or one per value that must agree within each group.
  std::vector<bool> invert{true};
  bool per_value = false;
  const auto inv = req.find("invert");
  if (inv != req.end() && !inv->is_null()) {
    if (inv->is_boolean()) {
      invert = {inv->get<bool>()};
    } else if (inv->is_array()) {
      per_value = true;
      if (inv->size() != values.size()) {
        reject("outcomes.quantile.length_mismatch", "/invert",
               "'invert' must be true, false, or one flag per value (" +
                   std::to_string(values.size()) + ")");
      }
      invert.assign(group_count, true);
      std::vector<bool> seen(group_count, false);
      for (std::size_t i = 0; i < values.size(); ++i) {
        const json& f = (*inv)[i];
        const std::string path = "/invert/" + std::to_string(i);
        if (!f.is_boolean()) reject(request_code, path, "each invert flag must be true or false");
        const std::size_t g = groups.empty() ? 0 : groups[i];
        if (seen[g] && invert[g] != f.get<bool>()) {
          reject("outcomes.quantile.invert", path,
                 "invert flags must take the same value within each group");
        }
        seen[g] = true;
        invert[g] = f.get<bool>();
      }
      if (group_count == 0) invert = {true};
    } else {
      reject(request_code, "/invert",
             std::string("'invert' must be true, false or an array of flags, found ") +
                 inv->type_name());
    }
  }

  const result<outcomes::quantile_assignment> r =
      outcomes::assign_quantiles(values, nquantiles, groups, invert);
  if (!r) throw bad_request{r.error()};

  json out;
  if (const auto id = req.find("id"); id != req.end()) out["id"] = *id;
  json q = json::array();
  for (const std::optional<std::size_t>& v : r->quantiles) {
    if (v) {
      q.push_back(*v);
    } else {
      q.push_back(nullptr);
    }
  }
  out["quantiles"] = std::move(q);
  out["nquantiles"] = nquantiles;
  if (per_value) {
    json texts = json::array();
    for (std::size_t i = 0; i < values.size(); ++i)
      texts.push_back(inverted_text(invert[groups.empty() ? 0 : groups[i]]));
    out["qinverted"] = std::move(texts);
  } else {
    out["qinverted"] = inverted_text(invert[0]);
  }
  if (!r->groups_too_few.empty()) {
    // Point at the first value of the first such group.
    std::size_t first = 0;
    const std::size_t g = r->groups_too_few.front();
    while (!groups.empty() && first < groups.size() && groups[first] != g)
      ++first;
    const std::string path = groups.empty() ? "/values" : "/groups/" + std::to_string(first);
    warnings.push_back(json{
        {"code", "outcomes.quantile.too_few"},
        {"severity", "warning"},
        {"path", path},
        {"message", std::to_string(r->groups_too_few.size()) + " of " +
                        std::to_string(group_count) + " groups had fewer values than quantiles (" +
                        std::to_string(nquantiles) + "); their values have no quantile"}});
  }
  if (!warnings.empty()) out["warnings"] = std::move(warnings);
  return out;
}

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
