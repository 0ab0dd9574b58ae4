// joinedup: population CSV, the payment scenario and alliance agreement documents (their fields
// named once beside the structs, read and written by fields_json.hpp), and the capitation,
// payment comparison and alliance settlement JSON documents (their tables for text and CSV are
// in joinedup/report/budget.hpp).
#include "joinedup/io/capitation.hpp"

#include <algorithm>
#include <initializer_list>
#include <istream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fields_json.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {
using detail::json;
using joinedup::detail::int128;

/// Splits one CSV line into fields (RFC 4180 quoting within the line). False for a quote left
/// open at the end of the line.
bool split_line(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && !was_quoted && joinedup::detail::trim(field).empty()) {
      quoted = true;
      was_quoted = true;
      field.clear();
    } else if (c == ',') {
      out.push_back(was_quoted ? field : std::string(joinedup::detail::trim(field)));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  out.push_back(was_quoted ? field : std::string(joinedup::detail::trim(field)));
  return true;
}

/// Lower-cased ASCII.
std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

/// A whole number of people: digits only (with an optional leading minus, which validation
/// reports), at most 18 digits.
std::optional<std::int64_t> whole_number(std::string_view text) {
  std::string_view t = joinedup::detail::trim(text);
  bool neg = false;
  if (!t.empty() && t.front() == '-') {
    neg = true;
    t.remove_prefix(1);
  }
  if (t.empty() || t.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return neg ? -v : v;
}

/// The member `key` of the object `obj`, or nullptr.
const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(std::string(key));
  return it != obj.end() ? &*it : nullptr;
}

/// A ratio may be a JSON whole number as well as text ("1.05", "12.5%", "3/8"): the whole
/// numbers at `keys` of `obj` become their text before the generic reader reads them. A JSON
/// fraction is left for it to report (io.json.type), since it would have been rounded.
void whole_ratios_as_text(json& obj, std::initializer_list<std::string_view> keys) {
  if (!obj.is_object()) return;
  for (std::string_view k : keys) {
    const auto it = obj.find(std::string(k));
    if (it != obj.end() && it->is_number_integer()) *it = std::to_string(it->get<std::int64_t>());
  }
}

/// The same for every item of the array `array` of `doc`.
void whole_ratios_as_text(json& doc, std::string_view array,
                          std::initializer_list<std::string_view> keys) {
  const auto it = doc.find(std::string(array));
  if (it == doc.end() || !it->is_array()) return;
  for (json& item : *it)
    whole_ratios_as_text(item, keys);
}

/// Leaves out of `out` the items of `arr` that are not of the kind read (an entry that is not an
/// object, an id that is not a string): the generic reader has reported them (io.json.type),
/// and a default item in their place would only add validation errors about nothing.
template <class T, class Kind>
void drop_unread(const json* arr, std::vector<T>& out, Kind is_kind) {
  if (arr == nullptr || !arr->is_array() || arr->size() != out.size()) return;
  for (std::size_t i = arr->size(); i-- > 0;) {
    if (!is_kind((*arr)[i])) out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
  }
}
}  // namespace

std::string ratio_decimal(ratio r) {
  return exact_decimal_text(r, 16).value_or(r.to_string());
}

std::string ratio_percent(ratio r) {
  return exact_percent_text(r, 14);
}

// ---------------------------------------------------------------------------------------------
// Population CSV.

budget::population read_population_csv(std::istream& in, diagnostics& diags) {
  budget::population pop;
  std::string line;
  std::size_t line_no = 0;
  std::size_t record = 0;
  std::vector<std::string> fields;
  std::map<std::string, int> col;
  bool have_header = false;
  // area -> (its factor's position in pop.market_forces, the line it came from)
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> mff_at;
  auto row_error = [&diags](std::string_view code, std::size_t rec, std::string_view column,
                            std::size_t ln, std::string message) {
    diagnostic d = make_diagnostic(code, severity::error,
                                   "/rows/" + std::to_string(rec) + "/" + std::string(column),
                                   std::move(message));
    d.line = ln;
    diags.add(std::move(d));
  };
  while (true) {
    const line_status status = read_line(in, line);
    if (status == line_status::end) break;
    ++line_no;
    if (status == line_status::too_long) {
      diagnostic d = make_diagnostic("io.file.line_too_long", severity::fatal, "",
                                     "line " + std::to_string(line_no) + " is longer than " +
                                         std::to_string(max_line_bytes) +
                                         " bytes; this is not a population file, so reading "
                                         "stopped");
      d.line = line_no;
      diags.add(std::move(d));
      break;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (joinedup::detail::trim(line).empty()) continue;
    if (!split_line(line, fields)) {
      row_error("budget.capitation.csv_row", record, "", line_no,
                "line " + std::to_string(line_no) +
                    " has an unclosed quote (a field may not span lines in a population file)");
      ++record;
      continue;
    }
    if (!have_header) {
      for (std::size_t i = 0; i < fields.size(); ++i)
        col[lower(fields[i])] = static_cast<int>(i);
      std::string missing;
      for (const char* required : {"area", "age_band", "population"}) {
        if (col.count(required) == 0)
          missing += (missing.empty() ? "" : ", ") + std::string(required);
      }
      if (!missing.empty()) {
        diagnostic d = make_diagnostic("budget.capitation.csv_header", severity::fatal, "/rows/0",
                                       "the header row lacks the column(s) " + missing +
                                           "; expected " + std::string(population_csv_header));
        d.line = line_no;
        diags.add(std::move(d));
        return pop;
      }
      have_header = true;
      ++record;
      continue;
    }
    const std::size_t rec = record++;
    if (fields.size() != col.size()) {
      row_error("budget.capitation.csv_row", rec, "", line_no,
                "line " + std::to_string(line_no) + " has " + std::to_string(fields.size()) +
                    " fields; the header has " + std::to_string(col.size()));
      continue;
    }
    auto cell = [&](const char* name) -> std::optional<std::string> {
      auto it = col.find(name);
      if (it == col.end()) return std::nullopt;
      return fields[static_cast<std::size_t>(it->second)];
    };
    bool ok = true;
    budget::population_row row;
    row.line = line_no;
    row.area = *cell("area");
    if (row.area.empty()) {
      row_error("budget.capitation.csv_field", rec, "area", line_no, "the area is empty");
      ok = false;
    }
    const result<budget::age_band> band = budget::age_band::parse(*cell("age_band"));
    if (band) {
      row.band = *band;
    } else {
      row_error(band.error().code, rec, "age_band", line_no, band.error().message);
      ok = false;
    }
    if (const auto s = cell("sex"); s && !s->empty()) {
      const std::string v = lower(*s);
      if (v == "persons" || v == "all" || v == "p") {
        row.sex = budget::sex::persons;
      } else if (v == "female" || v == "f") {
        row.sex = budget::sex::female;
      } else if (v == "male" || v == "m") {
        row.sex = budget::sex::male;
      } else {
        row_error("budget.capitation.csv_field", rec, "sex", line_no,
                  "sex '" + *s + "' is not persons, female or male");
        ok = false;
      }
    }
    if (const std::optional<std::int64_t> n = whole_number(*cell("population"))) {
      row.people = *n;
    } else {
      row_error("budget.capitation.csv_field", rec, "population", line_no,
                "population '" + *cell("population") + "' is not a whole number of people");
      ok = false;
    }
    if (const auto w = cell("need_weight"); w && !w->empty()) {
      const result<ratio> r = ratio::parse(*w);
      if (r) {
        row.need_weight = *r;
      } else {
        row_error(r.error().code, rec, "need_weight", line_no, r.error().message);
        ok = false;
      }
    }
    std::optional<ratio> mff;
    if (const auto m = cell("market_forces_factor"); m && !m->empty()) {
      const result<ratio> r = ratio::parse(*m);
      if (r) {
        mff = *r;
      } else {
        row_error(r.error().code, rec, "market_forces_factor", line_no, r.error().message);
        ok = false;
      }
    }
    if (!ok) continue;
    if (mff) {
      const auto [it, added] =
          mff_at.try_emplace(row.area, std::pair{pop.market_forces.size(), line_no});
      if (added) {
        pop.market_forces.push_back(budget::area_factor{row.area, *mff});
      } else if (const ratio first = pop.market_forces[it->second.first].market_forces_factor;
                 first != *mff) {
        row_error("budget.capitation.mff_inconsistent", rec, "market_forces_factor", line_no,
                  "area '" + row.area + "' has market forces factor " + ratio_decimal(*mff) +
                      " here but " + ratio_decimal(first) + " on line " +
                      std::to_string(it->second.second) + "; an area has one MFF");
        continue;
      }
    }
    pop.rows.push_back(std::move(row));
  }
  if (!have_header) {
    diags.add("budget.capitation.csv_header", severity::fatal, "",
              "the population file is empty; expected a header row " +
                  std::string(population_csv_header));
  }
  return pop;
}

budget::population read_population_csv(std::string_view text, diagnostics& diags) {
  std::istringstream in{std::string(text)};
  return read_population_csv(in, diags);
}

std::string write_population_csv(const budget::population& pop) {
  std::string out = std::string(population_csv_header) + "\n";
  const auto mffs = pop.mff_by_area();
  for (const budget::population_row& r : pop.rows) {
    const auto f = mffs.find(r.area);
    out += report::csv_field(r.area) + "," + r.band.to_string() + "," +
           std::string(budget::to_string(r.sex)) + "," + std::to_string(r.people) + "," +
           ratio_decimal(r.need_weight) + "," + (f != mffs.end() ? ratio_decimal(f->second) : "") +
           "\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Payment scenario JSON: the fields are named once, beside the structs (fields_of<T> in
// joinedup/budget/payment_models.hpp), and read and written by the generic field reader and writer;
// the steps around it keep what the document allows and how it writes its percentages.

std::optional<budget::payment_scenario> read_payment_scenario(std::string_view json_text,
                                                              diagnostics& diags) {
  std::optional<json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, payment_scenario_schema, diags)) return std::nullopt;
  whole_ratios_as_text(*doc, {"variable_rate", "withhold", "sensitivity"});
  whole_ratios_as_text(*doc, "providers", {"market_forces_factor", "weighted_population"});
  whole_ratios_as_text(*doc, "activity", {"planned", "actual"});
  budget::payment_scenario s;
  (void)detail::read_fields(*doc, s, json_pointer{}, diags, {"schema"});
  if (const json* providers = member(*doc, "providers");
      providers != nullptr && providers->is_array() && providers->size() == s.providers.size()) {
    for (std::size_t i = 0; i < s.providers.size(); ++i)
      drop_unread(member((*providers)[i], "outcomes_met"), s.providers[i].outcomes_met,
                  [](const json& v) { return v.is_string(); });
  }
  const auto is_object = [](const json& v) { return v.is_object(); };
  drop_unread(member(*doc, "providers"), s.providers, is_object);
  drop_unread(member(*doc, "currencies"), s.currencies, is_object);
  drop_unread(member(*doc, "indicators"), s.indicators, is_object);
  drop_unread(member(*doc, "activity"), s.activity, is_object);
  return s;
}

std::string write_payment_scenario(const budget::payment_scenario& s) {
  return detail::write_document(s, payment_scenario_schema);
}

// ---------------------------------------------------------------------------------------------
// Capitated budget output.

std::string capitated_budget_json(const budget::capitated_budget& b) {
  json doc;
  doc["schema"] = capitated_budget_schema;
  doc["rate"] = b.per_head.to_string();
  doc["rounding"] = to_string(b.mode);
  doc["people"] = b.people;
  doc["weighted_population"] = b.weighted.to_string(6);
  doc["total"] = b.total.to_string();
  json areas = json::array();
  for (const budget::area_allocation& a : b.areas) {
    areas.push_back(json{{"area", a.area},
                         {"people", a.people},
                         {"market_forces_factor", ratio_decimal(a.market_forces_factor)},
                         {"weighted_population", a.weighted.to_string(6)},
                         {"allocation", a.allocation.to_string()}});
  }
  doc["areas"] = std::move(areas);
  doc["steps"] = b.steps;
  return doc.dump(2) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Payment comparison output.

std::string payment_comparison_json(const budget::payment_scenario& s,
                                    const budget::payment_comparison& c) {
  json doc;
  doc["schema"] = payment_comparison_schema;
  doc["scenario"] = s.name;
  doc["sensitivity"] = ratio_percent(c.sensitivity);
  json providers = json::array();
  for (const budget::provider_values& p : c.providers) {
    providers.push_back(json{{"provider", p.provider},
                             {"planned_value", p.planned_value.to_string()},
                             {"actual_value", p.actual_value.to_string()},
                             {"low_volume", p.low_volume}});
  }
  doc["providers"] = std::move(providers);
  json totals = json::array();
  for (const budget::model_total& t : c.totals) {
    totals.push_back(json{{"model", budget::to_string(t.model)},
                          {"applicable", t.applicable},
                          {"payment", t.payment.to_string()},
                          {"exposure_up", t.exposure_up.to_string()},
                          {"exposure_down", t.exposure_down.to_string()},
                          {"complete", t.complete},
                          {"unpriced_providers", t.unpriced_providers}});
  }
  doc["totals"] = std::move(totals);
  // Additive: false when a priced model's total leaves out a provider it could not price.
  doc["complete"] = std::all_of(c.totals.begin(), c.totals.end(),
                                [](const auto& t) { return !t.applicable || t.complete; });
  json payments = json::array();
  for (const budget::model_payment& p : c.payments) {
    payments.push_back(json{{"model", budget::to_string(p.model)},
                            {"provider", p.provider},
                            {"applicable", p.applicable},
                            {"low_volume", p.low_volume},
                            {"payment", p.payment.to_string()},
                            {"if_activity_up", p.if_activity_up.to_string()},
                            {"if_activity_down", p.if_activity_down.to_string()},
                            {"exposure_up", p.exposure_up.to_string()},
                            {"exposure_down", p.exposure_down.to_string()},
                            {"at_risk", p.at_risk.to_string()},
                            {"basis", p.basis}});
  }
  doc["payments"] = std::move(payments);
  return doc.dump(2) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Pace-of-change plan JSON (fields named once in joinedup/budget/capitation.hpp) and a year of
// pace of change.

std::optional<budget::pace_plan> read_pace_plan(std::string_view json_text, diagnostics& diags) {
  std::optional<json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, pace_plan_schema, diags)) return std::nullopt;
  whole_ratios_as_text(*doc, {"floor", "ceiling"});
  budget::pace_plan p;
  (void)detail::read_fields(*doc, p, json_pointer{}, diags, {"schema"});
  drop_unread(member(*doc, "areas"), p.areas, [](const json& v) { return v.is_object(); });
  return p;
}

std::string write_pace_plan(const budget::pace_plan& p) {
  return detail::write_document(p, pace_plan_schema);
}

std::string paced_year_json(const budget::pace_plan& p, const budget::paced_year& y) {
  const auto pct = [](ratio r) { return percent_text(r, 2, rounding::half_even); };
  json doc;
  doc["schema"] = paced_year_schema;
  doc["name"] = p.name;
  doc["financial_year"] = p.financial_year;
  doc["baseline_total"] = y.baseline_total.to_string();
  doc["total"] = y.total.to_string();
  doc["floor"] = ratio_percent(y.limits.floor);
  doc["ceiling"] = y.limits.ceiling ? json(ratio_percent(*y.limits.ceiling)) : json(nullptr);
  doc["pot"] = y.pot.to_string();
  json areas = json::array();
  for (const budget::paced_area& a : y.areas) {
    json j;
    j["area"] = a.area;
    j["baseline"] = a.baseline.to_string();
    j["target"] = a.target.to_string();
    j["floor"] = a.floor.to_string();
    j["ceiling"] = a.ceiling ? json(a.ceiling->to_string()) : json(nullptr);
    j["allocation"] = a.allocation.to_string();
    j["growth"] = a.growth.to_string();
    j["growth_rate"] = pct(a.growth_rate);
    j["target_on_baseline"] = a.target_on_baseline.to_string();
    j["gap_before"] = a.gap_before.to_string();
    j["distance_before"] = pct(a.distance_before);
    j["gap_after"] = a.gap_after.to_string();
    j["distance_after"] = pct(a.distance_after);
    j["limited_by"] = std::string(enum_name(a.bound));
    areas.push_back(std::move(j));
  }
  doc["areas"] = std::move(areas);
  doc["steps"] = y.steps;
  return doc.dump(2) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Alliance agreement JSON and its gain/loss share.

std::optional<budget::alliance> read_alliance(std::string_view json_text, diagnostics& diags) {
  std::optional<json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, alliance_schema, diags)) return std::nullopt;
  whole_ratios_as_text(*doc, "members", {"gain_share", "loss_share"});
  budget::alliance a;
  (void)detail::read_fields(*doc, a, json_pointer{}, diags, {"schema"});
  drop_unread(member(*doc, "members"), a.members, [](const json& v) { return v.is_object(); });
  return a;
}

std::string write_alliance(const budget::alliance& a) {
  return detail::write_document(a, alliance_schema);
}

std::string alliance_settlement_json(const budget::alliance& a,
                                     const budget::alliance_settlement& s) {
  json doc;
  doc["schema"] = alliance_settlement_schema;
  doc["alliance"] = a.name;
  doc["budget"] = s.budget.to_string();
  doc["actual"] = s.actual.to_string();
  doc["variance"] = s.variance.to_string();
  json members = json::array();
  for (const budget::member_share& m : s.members) {
    members.push_back(json{{"member", m.member},
                           {"budget", m.budget.to_string()},
                           {"actual", m.actual.to_string()},
                           {"share", ratio_percent(m.share)},
                           {"provisional", m.provisional.to_string()},
                           {"share_of_variance", m.share_of_variance.to_string()},
                           {"limited", m.limited},
                           {"payment", m.payment.to_string()}});
  }
  doc["members"] = std::move(members);
  doc["commissioner"] = s.commissioner.to_string();
  doc["steps"] = s.steps;
  return doc.dump(2) + "\n";
}

}  // namespace io
JOINEDUP_END_NAMESPACE
