// joinedup: population CSV, payment scenario JSON, and the capitation and payment comparison
// writers.
#include "joinedup/io/capitation.hpp"

#include <fmt/format.h>

#include <istream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "joinedup/core/number_text.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {
using detail::json;
using joinedup::detail::int128;

/// "£1,234.56".
std::string gbp(money m) {
  return m.to_string(money_style::display);
}

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

/// Reads a ratio member: a decimal string ("1.05", "12.5%", "3/8") or a JSON integer.
std::optional<ratio> get_ratio(const json& obj, std::string_view key, const json_pointer& at,
                               diagnostics& diags, bool required = true) {
  auto it = obj.find(std::string(key));
  if (it != obj.end() && it->is_number_integer()) return ratio::whole(it->get<std::int64_t>());
  if (it != obj.end() && it->is_number()) {
    diags.error("io.json.type", at.key(key).str(),
                "field '" + std::string(key) +
                    "' must be a decimal string such as \"1.05\" or a whole number; a JSON "
                    "fraction would be rounded");
    return std::nullopt;
  }
  const std::optional<std::string> text = detail::get_string(obj, key, at, diags, required);
  if (!text) return std::nullopt;
  const result<ratio> r = ratio::parse(*text);
  if (!collect(r, diags, at.key(key).str())) return std::nullopt;
  return *r;
}

/// Reads a rate member written as a decimal string.
std::optional<rate> get_rate(const json& obj, std::string_view key, const json_pointer& at,
                             diagnostics& diags, bool required = true) {
  const std::optional<std::string> text = detail::get_string(obj, key, at, diags, required);
  if (!text) return std::nullopt;
  const result<rate> r = rate::parse(*text);
  if (!collect(r, diags, at.key(key).str())) return std::nullopt;
  return *r;
}

constexpr std::array<std::pair<std::string_view, rounding>, 5> rounding_names{{
    {"half_even", rounding::half_even},
    {"half_up", rounding::half_up},
    {"toward_zero", rounding::toward_zero},
    {"floor", rounding::floor},
    {"ceiling", rounding::ceiling},
}};
constexpr std::array<std::pair<std::string_view, budget::low_volume_rule>, 2> low_volume_names{{
    {"below", budget::low_volume_rule::below},
    {"at_or_below", budget::low_volume_rule::at_or_below},
}};
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
// Payment scenario JSON.

std::optional<budget::payment_scenario> read_payment_scenario(std::string_view json_text,
                                                              diagnostics& diags) {
  const std::optional<json> parsed = detail::parse_json(json_text, diags);
  if (!parsed) return std::nullopt;
  const json& doc = *parsed;
  if (!detail::check_schema(doc, payment_scenario_schema, diags)) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(
      doc,
      {"schema", "name", "financial_year", "rounding", "variable_rate", "variable_below_plan",
       "capitation_rate", "withhold", "low_volume_threshold", "low_volume_rule", "sensitivity",
       "providers", "currencies", "indicators", "activity"},
      root, diags);
  budget::payment_scenario s;
  s.name = detail::get_string(doc, "name", root, diags, false).value_or("");
  s.financial_year = detail::get_string(doc, "financial_year", root, diags, false).value_or("");
  s.mode = detail::get_enum(doc, "rounding", root, diags, rounding_names, false)
               .value_or(rounding::half_up);
  s.variable_rate = get_ratio(doc, "variable_rate", root, diags).value_or(ratio::percent(100));
  s.variable_below_plan =
      detail::get_bool(doc, "variable_below_plan", root, diags, false).value_or(true);
  s.capitation_rate = get_rate(doc, "capitation_rate", root, diags, false);
  s.withhold = get_ratio(doc, "withhold", root, diags, false).value_or(ratio{});
  s.low_volume_threshold = detail::get_money(doc, "low_volume_threshold", root, diags, false);
  s.low_volume = detail::get_enum(doc, "low_volume_rule", root, diags, low_volume_names, false)
                     .value_or(budget::low_volume_rule::below);
  s.sensitivity = get_ratio(doc, "sensitivity", root, diags, false).value_or(ratio::percent(10));

  if (const json* arr = detail::get_array(doc, "providers", root, diags)) {
    const json_pointer at = root.key("providers");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const json& p = (*arr)[i];
      const json_pointer pi = at.index(i);
      if (!p.is_object()) {
        diags.error("io.json.type", pi.str(), "a provider must be an object");
        continue;
      }
      detail::check_known_fields(p,
                                 {"id", "name", "market_forces_factor", "block_value",
                                  "fixed_element", "weighted_population", "outcomes_met"},
                                 pi, diags);
      budget::payment_provider x;
      x.id = detail::get_string(p, "id", pi, diags).value_or("");
      x.name = detail::get_string(p, "name", pi, diags, false).value_or("");
      x.market_forces_factor =
          get_ratio(p, "market_forces_factor", pi, diags, false).value_or(ratio::whole(1));
      x.block_value = detail::get_money(p, "block_value", pi, diags, false);
      x.fixed_element = detail::get_money(p, "fixed_element", pi, diags, false);
      x.weighted_population = get_ratio(p, "weighted_population", pi, diags, false);
      if (const json* met = detail::get_array(p, "outcomes_met", pi, diags, false)) {
        for (std::size_t k = 0; k < met->size(); ++k) {
          if ((*met)[k].is_string()) {
            x.outcomes_met.push_back((*met)[k].get<std::string>());
          } else {
            diags.error("io.json.type", pi.key("outcomes_met").index(k).str(),
                        "an indicator id must be a string");
          }
        }
      }
      s.providers.push_back(std::move(x));
    }
  }
  if (const json* arr = detail::get_array(doc, "currencies", root, diags)) {
    const json_pointer at = root.key("currencies");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const json& c = (*arr)[i];
      const json_pointer ci = at.index(i);
      if (!c.is_object()) {
        diags.error("io.json.type", ci.str(), "a currency must be an object");
        continue;
      }
      detail::check_known_fields(c, {"id", "name", "unit_price", "variable"}, ci, diags);
      budget::payment_currency x;
      x.id = detail::get_string(c, "id", ci, diags).value_or("");
      x.name = detail::get_string(c, "name", ci, diags, false).value_or("");
      x.unit_price = get_rate(c, "unit_price", ci, diags).value_or(rate{});
      x.variable = detail::get_bool(c, "variable", ci, diags, false).value_or(true);
      s.currencies.push_back(std::move(x));
    }
  }
  if (const json* arr = detail::get_array(doc, "indicators", root, diags, false)) {
    const json_pointer at = root.key("indicators");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const json& c = (*arr)[i];
      const json_pointer ci = at.index(i);
      if (!c.is_object()) {
        diags.error("io.json.type", ci.str(), "an indicator must be an object");
        continue;
      }
      detail::check_known_fields(c, {"id", "name", "weight"}, ci, diags);
      budget::outcome_indicator x;
      x.id = detail::get_string(c, "id", ci, diags).value_or("");
      x.name = detail::get_string(c, "name", ci, diags, false).value_or("");
      if (auto it = c.find("weight"); it != c.end()) {
        if (it->is_number_integer()) {
          x.weight = it->get<std::int64_t>();
        } else {
          diags.error("io.json.type", ci.key("weight").str(), "the weight must be a whole number");
        }
      }
      s.indicators.push_back(std::move(x));
    }
  }
  if (const json* arr = detail::get_array(doc, "activity", root, diags)) {
    const json_pointer at = root.key("activity");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const json& a = (*arr)[i];
      const json_pointer ai = at.index(i);
      if (!a.is_object()) {
        diags.error("io.json.type", ai.str(), "an activity line must be an object");
        continue;
      }
      detail::check_known_fields(a, {"provider", "currency", "planned", "actual"}, ai, diags);
      budget::activity_line x;
      x.provider = detail::get_string(a, "provider", ai, diags).value_or("");
      x.currency = detail::get_string(a, "currency", ai, diags).value_or("");
      x.planned = get_ratio(a, "planned", ai, diags).value_or(ratio{});
      x.actual = get_ratio(a, "actual", ai, diags).value_or(ratio{});
      s.activity.push_back(std::move(x));
    }
  }
  return s;
}

std::string write_payment_scenario(const budget::payment_scenario& s) {
  json doc;
  doc["schema"] = payment_scenario_schema;
  doc["name"] = s.name;
  if (!s.financial_year.empty()) doc["financial_year"] = s.financial_year;
  doc["rounding"] = to_string(s.mode);
  doc["variable_rate"] = ratio_percent(s.variable_rate);
  doc["variable_below_plan"] = s.variable_below_plan;
  if (s.capitation_rate) doc["capitation_rate"] = s.capitation_rate->to_string();
  doc["withhold"] = ratio_percent(s.withhold);
  if (s.low_volume_threshold) doc["low_volume_threshold"] = s.low_volume_threshold->to_string();
  doc["low_volume_rule"] = s.low_volume == budget::low_volume_rule::below ? "below" : "at_or_below";
  doc["sensitivity"] = ratio_percent(s.sensitivity);
  json providers = json::array();
  for (const budget::payment_provider& p : s.providers) {
    json x;
    x["id"] = p.id;
    x["name"] = p.name;
    x["market_forces_factor"] = ratio_decimal(p.market_forces_factor);
    if (p.block_value) x["block_value"] = p.block_value->to_string();
    if (p.fixed_element) x["fixed_element"] = p.fixed_element->to_string();
    if (p.weighted_population) x["weighted_population"] = ratio_decimal(*p.weighted_population);
    if (!p.outcomes_met.empty()) x["outcomes_met"] = p.outcomes_met;
    providers.push_back(std::move(x));
  }
  doc["providers"] = std::move(providers);
  json currencies = json::array();
  for (const budget::payment_currency& c : s.currencies) {
    currencies.push_back(json{{"id", c.id},
                              {"name", c.name},
                              {"unit_price", c.unit_price.to_string()},
                              {"variable", c.variable}});
  }
  doc["currencies"] = std::move(currencies);
  json indicators = json::array();
  for (const budget::outcome_indicator& i : s.indicators) {
    indicators.push_back(json{{"id", i.id}, {"name", i.name}, {"weight", i.weight}});
  }
  doc["indicators"] = std::move(indicators);
  json activity = json::array();
  for (const budget::activity_line& a : s.activity) {
    activity.push_back(json{{"provider", a.provider},
                            {"currency", a.currency},
                            {"planned", ratio_decimal(a.planned)},
                            {"actual", ratio_decimal(a.actual)}});
  }
  doc["activity"] = std::move(activity);
  return doc.dump(2) + "\n";
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

std::string capitated_budget_csv(const budget::capitated_budget& b) {
  std::string out = "area,people,market_forces_factor,weighted_population,allocation\n";
  for (const budget::area_allocation& a : b.areas) {
    out += report::csv_field(a.area) + "," + std::to_string(a.people) + "," +
           ratio_decimal(a.market_forces_factor) + "," + a.weighted.to_string(6) + "," +
           a.allocation.to_string() + "\n";
  }
  out += "Total," + std::to_string(b.people) + ",," + b.weighted.to_string(6) + "," +
         b.total.to_string() + "\n";
  return out;
}

std::string capitated_budget_table(const budget::capitated_budget& b) {
  std::string out = fmt::format("Capitated budget: {} weighted heads x \xC2\xA3{} per head = {}\n",
                                b.weighted.to_string(2), b.per_head.to_string(), gbp(b.total));
  out += fmt::format("  {:<24} {:>12} {:>10} {:>16} {:>18}\n", "Area", "People", "MFF", "Weighted",
                     "Allocation");
  for (const budget::area_allocation& a : b.areas) {
    out += fmt::format("  {:<24} {:>12} {:>10} {:>16} {:>18}\n", a.area, a.people,
                       ratio_decimal(a.market_forces_factor), a.weighted.to_string(2),
                       gbp(a.allocation));
  }
  out += fmt::format("  {:<24} {:>12} {:>10} {:>16} {:>18}\n", "Total", b.people, "",
                     b.weighted.to_string(2), gbp(b.total));
  out += "How it was worked out:\n";
  for (const std::string& s : b.steps)
    out += "  - " + s + "\n";
  return out;
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
                          {"exposure_down", t.exposure_down.to_string()}});
  }
  doc["totals"] = std::move(totals);
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

std::string payment_comparison_csv(const budget::payment_comparison& c) {
  std::string out =
      "model,provider,applicable,low_volume,payment,if_activity_up,if_activity_down,"
      "exposure_up,exposure_down,at_risk\n";
  for (const budget::model_payment& p : c.payments) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", budget::to_string(p.model),
                       report::csv_field(p.provider), p.applicable, p.low_volume,
                       p.payment.to_string(), p.if_activity_up.to_string(),
                       p.if_activity_down.to_string(), p.exposure_up.to_string(),
                       p.exposure_down.to_string(), p.at_risk.to_string());
  }
  for (const budget::model_total& t : c.totals) {
    out +=
        fmt::format("{},Total,{},,{},,,{},{},\n", budget::to_string(t.model), t.applicable,
                    t.payment.to_string(), t.exposure_up.to_string(), t.exposure_down.to_string());
  }
  return out;
}

std::string payment_comparison_table(const budget::payment_scenario& s,
                                     const budget::payment_comparison& c) {
  const std::string pct = ratio_percent(c.sensitivity);
  std::string out = fmt::format("Payment comparison: {} (activity change +/-{})\n",
                                s.name.empty() ? std::string("scenario") : s.name, pct);
  out += fmt::format("  {:<18} {:>18} {:>18} {:>18}\n", "Model", "Payment", "Exposure +" + pct,
                     "Exposure -" + pct);
  for (const budget::model_total& t : c.totals) {
    if (!t.applicable) {
      out += fmt::format("  {:<18} {:>18}\n", budget::to_string(t.model), "not priced");
      continue;
    }
    out += fmt::format("  {:<18} {:>18} {:>18} {:>18}\n", budget::to_string(t.model),
                       gbp(t.payment), gbp(t.exposure_up), gbp(t.exposure_down));
  }
  out += "By provider:\n";
  for (const budget::provider_values& p : c.providers) {
    out += fmt::format("  {} (planned {}, actual {}{})\n", p.provider, gbp(p.planned_value),
                       gbp(p.actual_value), p.low_volume ? ", low volume" : "");
    for (const budget::model_payment& m : c.payments) {
      if (m.provider != p.provider) continue;
      if (!m.applicable) {
        out += fmt::format("    {:<18} {:>18}  {}\n", budget::to_string(m.model), "not priced",
                           m.basis);
        continue;
      }
      out += fmt::format("    {:<18} {:>18} {:>18} {:>18}  {}\n", budget::to_string(m.model),
                         gbp(m.payment), gbp(m.exposure_up), gbp(m.exposure_down), m.basis);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Alliance agreement JSON and its gain/loss share.

std::optional<budget::alliance> read_alliance(std::string_view json_text, diagnostics& diags) {
  const std::optional<json> parsed = detail::parse_json(json_text, diags);
  if (!parsed) return std::nullopt;
  const json& doc = *parsed;
  if (!detail::check_schema(doc, alliance_schema, diags)) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(doc, {"schema", "name", "redistribute_excess", "members"}, root,
                             diags);
  budget::alliance a;
  a.name = detail::get_string(doc, "name", root, diags, false).value_or("");
  a.redistribute_excess =
      detail::get_bool(doc, "redistribute_excess", root, diags, false).value_or(true);
  if (const json* arr = detail::get_array(doc, "members", root, diags)) {
    const json_pointer at = root.key("members");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const json& m = (*arr)[i];
      const json_pointer mi = at.index(i);
      if (!m.is_object()) {
        diags.error("io.json.type", mi.str(), "a member must be an object");
        continue;
      }
      detail::check_known_fields(
          m, {"id", "name", "budget", "actual", "gain_share", "loss_share", "cap", "collar"}, mi,
          diags);
      budget::alliance_member x;
      x.id = detail::get_string(m, "id", mi, diags).value_or("");
      x.name = detail::get_string(m, "name", mi, diags, false).value_or("");
      x.budget = detail::get_money(m, "budget", mi, diags).value_or(money{});
      x.actual = detail::get_money(m, "actual", mi, diags).value_or(money{});
      x.gain_share = get_ratio(m, "gain_share", mi, diags, false);
      x.loss_share = get_ratio(m, "loss_share", mi, diags, false);
      x.cap = detail::get_money(m, "cap", mi, diags, false);
      x.collar = detail::get_money(m, "collar", mi, diags, false);
      a.members.push_back(std::move(x));
    }
  }
  return a;
}

std::string write_alliance(const budget::alliance& a) {
  json doc;
  doc["schema"] = alliance_schema;
  doc["name"] = a.name;
  doc["redistribute_excess"] = a.redistribute_excess;
  json members = json::array();
  for (const budget::alliance_member& m : a.members) {
    json x;
    x["id"] = m.id;
    if (!m.name.empty()) x["name"] = m.name;
    x["budget"] = m.budget.to_string();
    x["actual"] = m.actual.to_string();
    if (m.gain_share) x["gain_share"] = ratio_decimal(*m.gain_share);
    if (m.loss_share) x["loss_share"] = ratio_decimal(*m.loss_share);
    if (m.cap) x["cap"] = m.cap->to_string();
    if (m.collar) x["collar"] = m.collar->to_string();
    members.push_back(std::move(x));
  }
  doc["members"] = std::move(members);
  return doc.dump(2) + "\n";
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

std::string alliance_settlement_csv(const budget::alliance_settlement& s) {
  std::string out = "member,budget,actual,share,provisional,share_of_variance,limited,payment\n";
  for (const budget::member_share& m : s.members) {
    out +=
        fmt::format("{},{},{},{},{},{},{},{}\n", report::csv_field(m.member), m.budget.to_string(),
                    m.actual.to_string(), ratio_percent(m.share), m.provisional.to_string(),
                    m.share_of_variance.to_string(), m.limited, m.payment.to_string());
  }
  out += fmt::format("commissioner,,,,,{},,\n", s.commissioner.to_string());
  return out;
}

std::string alliance_settlement_table(const budget::alliance& a,
                                      const budget::alliance_settlement& s) {
  const char* direction = s.variance.is_positive()   ? "a gain"
                          : s.variance.is_negative() ? "a loss"
                                                     : "on budget";
  std::string out =
      fmt::format("Alliance gain/loss share: {}\nBudget {}, actual {}, variance {} ({})\n",
                  a.name.empty() ? std::string("alliance") : a.name, gbp(s.budget), gbp(s.actual),
                  gbp(s.variance), direction);
  out += fmt::format("  {:<12} {:>16} {:>16} {:>8} {:>14} {:>14} {:>16}\n", "Member", "Budget",
                     "Actual", "Share", "Provisional", "Final share", "Payment");
  for (const budget::member_share& m : s.members) {
    out += fmt::format("  {:<12} {:>16} {:>16} {:>8} {:>14} {:>14} {:>16}{}\n", m.member,
                       gbp(m.budget), gbp(m.actual), ratio_percent(m.share), gbp(m.provisional),
                       gbp(m.share_of_variance), gbp(m.payment),
                       m.limited ? "  (held at cap/collar)" : "");
  }
  out += fmt::format("  Commissioner keeps (+) or bears (-): {}\n", gbp(s.commissioner));
  out += "Steps\n";
  for (std::size_t i = 0; i < s.steps.size(); ++i)
    out += fmt::format("  {}. {}\n", i + 1, s.steps[i]);
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
