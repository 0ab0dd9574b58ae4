// joinedup: reading and writing the outcomes documents: indicator catalogue, framework and
// measurements CSV.
#include "joinedup/io/outcomes.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

using detail::json;
using namespace joinedup::outcomes;

/// The optional number member `key`; a non-number is io.json.type.
std::optional<double> get_number(const json& obj, std::string_view key, const json_pointer& at,
                                 diagnostics& diags, bool required) {
  const auto it = obj.find(std::string(key));
  if (it == obj.end() || it->is_null()) {
    if (required) {
      diags.error("io.json.missing", at.key(key).str(),
                  "required field '" + std::string(key) + "' is missing");
    }
    return std::nullopt;
  }
  if (!it->is_number()) {
    diags.error("io.json.type", at.key(key).str(),
                "field '" + std::string(key) + "' must be a number, found " + it->type_name());
    return std::nullopt;
  }
  return it->get<double>();
}

/// Reads one indicator definition.
indicator_definition read_indicator(const json& j, const json_pointer& at, diagnostics& diags) {
  indicator_definition d;
  if (!j.is_object()) {
    diags.error("io.json.type", at.str(), "an indicator must be an object");
    return d;
  }
  detail::check_known_fields(
      j,
      {"id", "title", "domain", "legacy_codes", "method", "multiplier", "polarity", "population",
       "age_band", "numerator", "numerator_source", "denominator", "denominator_source",
       "frequency", "disclosure", "confidence", "source"},
      at, diags);
  d.id = detail::get_string(j, "id", at, diags).value_or("");
  d.title = detail::get_string(j, "title", at, diags).value_or("");
  d.domain = detail::get_string(j, "domain", at, diags).value_or("");
  if (const auto m = detail::get_string(j, "method", at, diags)) {
    if (const auto pm = parse_indicator_method(*m)) {
      d.method = *pm;
    } else {
      diags.error("outcomes.catalogue.method", at.key("method").str(),
                  "method '" + *m +
                      "' is not one of proportion, crude_rate, dsr, isr_ratio, isr_rate, mean, "
                      "count");
    }
  }
  d.multiplier = get_number(j, "multiplier", at, diags, false).value_or(1);
  if (const auto p = detail::get_string(j, "polarity", at, diags)) {
    if (const auto pp = parse_polarity(*p)) {
      d.polarity = *pp;
    } else {
      diags.error(
          "outcomes.catalogue.polarity", at.key("polarity").str(),
          "polarity '" + *p + "' is not one of higher_is_better, lower_is_better, no_judgement");
    }
  }
  d.population = detail::get_string(j, "population", at, diags, false).value_or("");
  d.age_band = detail::get_string(j, "age_band", at, diags, false).value_or("");
  d.numerator = detail::get_string(j, "numerator", at, diags, false).value_or("");
  d.numerator_source = detail::get_string(j, "numerator_source", at, diags, false).value_or("");
  d.denominator = detail::get_string(j, "denominator", at, diags, false).value_or("");
  d.denominator_source = detail::get_string(j, "denominator_source", at, diags, false).value_or("");
  d.frequency = detail::get_string(j, "frequency", at, diags, false).value_or("");
  d.confidence = detail::get_string(j, "confidence", at, diags, false).value_or("");
  d.source = detail::get_string(j, "source", at, diags, false).value_or("");
  if (const auto it = j.find("disclosure"); it != j.end() && it->is_object()) {
    const json_pointer dat = at.key("disclosure");
    detail::check_known_fields(*it, {"suppress_numerator_below", "note"}, dat, diags);
    d.disclosure.suppress_numerator_below =
        get_number(*it, "suppress_numerator_below", dat, diags, false);
    d.disclosure.note = detail::get_string(*it, "note", dat, diags, false).value_or("");
  }
  if (const json* codes = detail::get_array(j, "legacy_codes", at, diags, false)) {
    for (std::size_t i = 0; i < codes->size(); ++i) {
      const json_pointer cat = at.key("legacy_codes").index(i);
      const json& c = (*codes)[i];
      if (!c.is_object()) {
        diags.error("io.json.type", cat.str(), "a legacy code must be an object");
        continue;
      }
      detail::check_known_fields(c, {"framework", "code"}, cat, diags);
      d.legacy_codes.push_back({detail::get_string(c, "framework", cat, diags).value_or(""),
                                detail::get_string(c, "code", cat, diags).value_or("")});
    }
  }
  return d;
}

/// Reads domains, indicators and crosswalk from a catalogue or framework object.
void read_catalogue_members(const json& doc, catalogue& cat, diagnostics& diags) {
  const json_pointer root;
  if (const json* ds = detail::get_array(doc, "domains", root, diags)) {
    for (std::size_t i = 0; i < ds->size(); ++i) {
      const json_pointer at = root.key("domains").index(i);
      const json& d = (*ds)[i];
      if (!d.is_object()) {
        diags.error("io.json.type", at.str(), "a domain must be an object");
        continue;
      }
      detail::check_known_fields(d, {"id", "title"}, at, diags);
      cat.domains.push_back({detail::get_string(d, "id", at, diags).value_or(""),
                             detail::get_string(d, "title", at, diags).value_or("")});
    }
  }
  if (const json* is = detail::get_array(doc, "indicators", root, diags)) {
    for (std::size_t i = 0; i < is->size(); ++i)
      cat.indicators.push_back(read_indicator((*is)[i], root.key("indicators").index(i), diags));
  }
  if (const json* cw = detail::get_array(doc, "crosswalk", root, diags, false)) {
    for (std::size_t i = 0; i < cw->size(); ++i) {
      const json_pointer at = root.key("crosswalk").index(i);
      const json& c = (*cw)[i];
      if (!c.is_object()) {
        diags.error("io.json.type", at.str(), "a crosswalk row must be an object");
        continue;
      }
      detail::check_known_fields(c, {"framework", "code", "indicator", "confidence", "note"}, at,
                                 diags);
      crosswalk_entry e;
      e.from.framework = detail::get_string(c, "framework", at, diags).value_or("");
      e.from.code = detail::get_string(c, "code", at, diags).value_or("");
      e.indicator = detail::get_string(c, "indicator", at, diags).value_or("");
      e.confidence = detail::get_string(c, "confidence", at, diags, false).value_or("");
      e.note = detail::get_string(c, "note", at, diags, false).value_or("");
      cat.crosswalk.push_back(std::move(e));
    }
  }
}

/// A member set only when the string is not empty.
void put(json& j, const char* key, const std::string& s) {
  if (!s.empty()) j[key] = s;
}

/// Writes domains, indicators and crosswalk.
void write_catalogue_members(json& doc, const catalogue& cat) {
  json domains = json::array();
  for (const framework_domain& d : cat.domains)
    domains.push_back(json{{"id", d.id}, {"title", d.title}});
  doc["domains"] = domains;
  json indicators = json::array();
  for (const indicator_definition& d : cat.indicators) {
    json j;
    j["id"] = d.id;
    j["title"] = d.title;
    j["domain"] = d.domain;
    json codes = json::array();
    for (const legacy_code& l : d.legacy_codes)
      codes.push_back(json{{"framework", l.framework}, {"code", l.code}});
    j["legacy_codes"] = codes;
    j["method"] = std::string(to_string(d.method));
    j["multiplier"] = d.multiplier;
    j["polarity"] = std::string(to_string(d.polarity));
    put(j, "population", d.population);
    put(j, "age_band", d.age_band);
    put(j, "numerator", d.numerator);
    put(j, "numerator_source", d.numerator_source);
    put(j, "denominator", d.denominator);
    put(j, "denominator_source", d.denominator_source);
    put(j, "frequency", d.frequency);
    if (d.disclosure.suppress_numerator_below || !d.disclosure.note.empty()) {
      json disc = json::object();
      if (d.disclosure.suppress_numerator_below) {
        disc["suppress_numerator_below"] = *d.disclosure.suppress_numerator_below;
      }
      put(disc, "note", d.disclosure.note);
      j["disclosure"] = disc;
    }
    put(j, "confidence", d.confidence);
    put(j, "source", d.source);
    indicators.push_back(j);
  }
  doc["indicators"] = indicators;
  json cw = json::array();
  for (const crosswalk_entry& c : cat.crosswalk) {
    json j{{"framework", c.from.framework}, {"code", c.from.code}, {"indicator", c.indicator}};
    put(j, "confidence", c.confidence);
    put(j, "note", c.note);
    cw.push_back(j);
  }
  doc["crosswalk"] = cw;
}

/// Reads an ISO date member.
std::optional<std::chrono::year_month_day> date_member(const json& j, std::string_view key,
                                                       const json_pointer& at, diagnostics& diags,
                                                       bool required) {
  return detail::get_date(j, key, at, diags, required);
}

/// Reads a {date, value} object.
std::optional<milestone> read_milestone(const json& j, const json_pointer& at, diagnostics& diags) {
  if (!j.is_object()) {
    diags.error("io.json.type", at.str(), "expected an object with date and value");
    return std::nullopt;
  }
  detail::check_known_fields(j, {"date", "value"}, at, diags);
  const auto d = date_member(j, "date", at, diags, true);
  const auto v = get_number(j, "value", at, diags, true);
  if (!d || !v) return std::nullopt;
  return milestone{*d, *v};
}

// --- CSV -----------------------------------------------------------------------------------

/// Splits CSV text into records of fields (RFC 4180 quoting), with each record's first line.
struct csv_record {
  std::vector<std::string> fields;  ///< the cells
  std::size_t line = 0;             ///< 1-based line where the record starts
};

std::vector<csv_record> split_csv(std::string_view text) {
  std::vector<csv_record> out;
  csv_record rec;
  std::string field;
  bool quoted = false;
  bool any = false;
  std::size_t line = 1;
  rec.line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      rec.fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r') {
      // ignored (CRLF)
    } else if (c == '\n') {
      if (any || !field.empty()) {
        rec.fields.push_back(std::move(field));
        out.push_back(std::move(rec));
      }
      field.clear();
      rec = csv_record{};
      any = false;
      ++line;
      rec.line = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    rec.fields.push_back(std::move(field));
    out.push_back(std::move(rec));
  }
  return out;
}

/// Trims spaces and tabs.
std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

/// A CSV number cell; empty or NA is missing.
std::optional<double> csv_number(const std::string& cell, const std::string& column,
                                 std::size_t line, diagnostics& diags) {
  const std::string t = trim(cell);
  if (t.empty() || t == "NA") return std::nullopt;
  double v = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) {
    diagnostic d = make_diagnostic("outcomes.csv.number", severity::error,
                                   "/" + std::to_string(line) + "/" + column,
                                   "column '" + column + "' holds '" + t + "', not a number");
    d.line = line;
    diags.add(std::move(d));
    return std::nullopt;
  }
  return v;
}

/// Shortest text that reads back as the same double.
std::string number_text(double v) {
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    const int n = std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    double back = 0;
    std::from_chars(buf, buf + n, back);
    if (back == v) return std::string(buf, static_cast<std::size_t>(n));
  }
  const int n = std::snprintf(buf, sizeof buf, "%.17g", v);
  return std::string(buf, static_cast<std::size_t>(n));
}

/// A CSV cell, quoted when it must be.
std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

std::optional<catalogue> read_outcomes_catalogue(std::string_view json_text, diagnostics& diags) {
  const std::optional<json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, outcomes_catalogue_schema, diags)) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(
      *doc, {"schema", "name", "version", "sources", "notes", "domains", "indicators", "crosswalk"},
      root, diags);
  catalogue cat;
  cat.name = detail::get_string(*doc, "name", root, diags).value_or("");
  cat.version = detail::get_string(*doc, "version", root, diags, false).value_or("");
  read_catalogue_members(*doc, cat, diags);
  return cat;
}

std::string write_outcomes_catalogue(const catalogue& cat) {
  json doc;
  doc["schema"] = std::string(outcomes_catalogue_schema);
  doc["name"] = cat.name;
  put(doc, "version", cat.version);
  write_catalogue_members(doc, cat);
  return doc.dump(2) + "\n";
}

std::optional<framework> read_outcomes_framework(std::string_view json_text, diagnostics& diags) {
  const std::optional<json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, outcomes_framework_schema, diags)) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(*doc,
                             {"schema", "name", "version", "notes", "comparison_level", "domains",
                              "indicators", "crosswalk", "targets", "benchmarks"},
                             root, diags);
  framework fw;
  fw.name = detail::get_string(*doc, "name", root, diags).value_or("");
  fw.catalogue.name = fw.name;
  fw.catalogue.version = detail::get_string(*doc, "version", root, diags, false).value_or("");
  if (const auto c = get_number(*doc, "comparison_level", root, diags, false)) {
    if (*c == 0.95 || *c == 0.998) {
      fw.comparison_level = *c;
    } else {
      diags.error("outcomes.framework.comparison_level", "/comparison_level",
                  "comparison_level must be 0.95 or 0.998");
    }
  }
  read_catalogue_members(*doc, fw.catalogue, diags);
  if (const json* ts = detail::get_array(*doc, "targets", root, diags, false)) {
    for (std::size_t i = 0; i < ts->size(); ++i) {
      const json_pointer at = root.key("targets").index(i);
      const json& t = (*ts)[i];
      if (!t.is_object()) {
        diags.error("io.json.type", at.str(), "a target must be an object");
        continue;
      }
      detail::check_known_fields(t,
                                 {"indicator", "area", "value", "due", "baseline", "trajectory",
                                  "steps", "periods", "source"},
                                 at, diags);
      target tg;
      tg.indicator = detail::get_string(t, "indicator", at, diags).value_or("");
      tg.area = detail::get_string(t, "area", at, diags, false).value_or("");
      tg.value = get_number(t, "value", at, diags, true).value_or(0);
      tg.due = date_member(t, "due", at, diags, true).value_or(std::chrono::year_month_day{});
      if (const auto b = t.find("baseline"); b != t.end() && !b->is_null()) {
        tg.baseline = read_milestone(*b, at.key("baseline"), diags);
      }
      if (const auto s = detail::get_string(t, "trajectory", at, diags, false)) {
        if (const auto shape = parse_trajectory_shape(*s)) {
          tg.shape = *shape;
        } else {
          diags.error("outcomes.target.trajectory", at.key("trajectory").str(),
                      "trajectory '" + *s + "' is not one of none, linear, stepped");
        }
      }
      if (const json* steps = detail::get_array(t, "steps", at, diags, false)) {
        for (std::size_t k = 0; k < steps->size(); ++k) {
          if (auto m = read_milestone((*steps)[k], at.key("steps").index(k), diags)) {
            tg.steps.push_back(*m);
          }
        }
      }
      if (const auto p = get_number(t, "periods", at, diags, false)) {
        if (*p >= 1 && *p <= 1000 && *p == std::floor(*p)) {
          tg.periods = static_cast<std::size_t>(*p);
        } else {
          diags.error("outcomes.target.periods", at.key("periods").str(),
                      "periods must be a whole number from 1 to 1000");
        }
      }
      tg.source = detail::get_string(t, "source", at, diags, false).value_or("");
      fw.targets.push_back(std::move(tg));
    }
  }
  if (const json* bs = detail::get_array(*doc, "benchmarks", root, diags, false)) {
    for (std::size_t i = 0; i < bs->size(); ++i) {
      const json_pointer at = root.key("benchmarks").index(i);
      const json& b = (*bs)[i];
      if (!b.is_object()) {
        diags.error("io.json.type", at.str(), "a benchmark must be an object");
        continue;
      }
      detail::check_known_fields(b, {"indicator", "period", "name", "value"}, at, diags);
      benchmark_value bv;
      bv.indicator = detail::get_string(b, "indicator", at, diags).value_or("");
      bv.period = detail::get_string(b, "period", at, diags, false).value_or("");
      bv.name = detail::get_string(b, "name", at, diags).value_or("");
      bv.value = get_number(b, "value", at, diags, true).value_or(0);
      fw.benchmarks.push_back(std::move(bv));
    }
  }
  return fw;
}

std::string write_outcomes_framework(const framework& fw) {
  json doc;
  doc["schema"] = std::string(outcomes_framework_schema);
  doc["name"] = fw.name;
  put(doc, "version", fw.catalogue.version);
  doc["comparison_level"] = fw.comparison_level;
  write_catalogue_members(doc, fw.catalogue);
  json targets = json::array();
  for (const target& t : fw.targets) {
    json j;
    j["indicator"] = t.indicator;
    put(j, "area", t.area);
    j["value"] = t.value;
    j["due"] = to_iso_string(t.due);
    if (t.baseline) {
      j["baseline"] = json{{"date", to_iso_string(t.baseline->date)}, {"value", t.baseline->value}};
    }
    j["trajectory"] = std::string(to_string(t.shape));
    if (!t.steps.empty()) {
      json steps = json::array();
      for (const milestone& m : t.steps)
        steps.push_back(json{{"date", to_iso_string(m.date)}, {"value", m.value}});
      j["steps"] = steps;
    }
    if (t.periods) j["periods"] = t.periods;
    put(j, "source", t.source);
    targets.push_back(j);
  }
  doc["targets"] = targets;
  json benchmarks = json::array();
  for (const benchmark_value& b : fw.benchmarks) {
    json j{{"indicator", b.indicator}};
    put(j, "period", b.period);
    j["name"] = b.name;
    j["value"] = b.value;
    benchmarks.push_back(j);
  }
  doc["benchmarks"] = benchmarks;
  return doc.dump(2) + "\n";
}

void validate_outcomes_framework(const framework& fw, diagnostics& diags) {
  validate_catalogue(fw.catalogue, diags);
  for (std::size_t i = 0; i < fw.targets.size(); ++i) {
    const std::string at = "/targets/" + std::to_string(i);
    const target& t = fw.targets[i];
    if (fw.catalogue.find(t.indicator) == nullptr) {
      diags.error("outcomes.target.unknown_indicator", at + "/indicator",
                  "target for unknown indicator '" + t.indicator + "'");
    }
    validate_target(t, at, diags);
  }
  for (std::size_t i = 0; i < fw.benchmarks.size(); ++i) {
    if (fw.catalogue.find(fw.benchmarks[i].indicator) == nullptr) {
      diags.error("outcomes.benchmark.unknown_indicator",
                  "/benchmarks/" + std::to_string(i) + "/indicator",
                  "benchmark for unknown indicator '" + fw.benchmarks[i].indicator + "'");
    }
  }
}

std::vector<measurement> read_outcomes_measurements(std::string_view csv_text, diagnostics& diags) {
  std::vector<measurement> out;
  const std::vector<csv_record> records = split_csv(csv_text);
  if (records.empty()) {
    diags.add("outcomes.csv.header", severity::fatal, "",
              "the measurements file is empty; expected a header row");
    return out;
  }
  static const char* known[] = {"indicator",
                                "area",
                                "period",
                                "period_end",
                                "numerator",
                                "denominator",
                                "standard_population",
                                "reference_numerator",
                                "reference_denominator",
                                "value"};
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::array<std::size_t, 10> col{};
  col.fill(none);
  const csv_record& header = records.front();
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = trim(header.fields[i]);
    bool found = false;
    for (std::size_t k = 0; k < col.size(); ++k) {
      if (name == known[k]) {
        col[k] = i;
        found = true;
      }
    }
    if (!found) {
      diagnostic d = make_diagnostic("outcomes.csv.unknown_column", severity::warning, "/1/" + name,
                                     "column '" + name + "' is not read; check its spelling");
      d.line = header.line;
      diags.add(std::move(d));
    }
  }
  for (std::size_t k = 0; k < 4; ++k) {
    if (col[k] == none) {
      diags.add("outcomes.csv.header", severity::fatal, "/1",
                std::string("the header has no '") + known[k] +
                    "' column; required: indicator, area, period, period_end");
      return out;
    }
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    const csv_record& rec = records[r];
    if (rec.fields.size() != header.fields.size()) {
      diagnostic d =
          make_diagnostic("outcomes.csv.columns", severity::error, "/" + std::to_string(rec.line),
                          "row has " + std::to_string(rec.fields.size()) +
                              " cells; the header has " + std::to_string(header.fields.size()));
      d.line = rec.line;
      diags.add(std::move(d));
      continue;
    }
    auto cell = [&](std::size_t k) {
      return col[k] == none ? std::string() : trim(rec.fields[col[k]]);
    };
    measurement m;
    m.line = rec.line;
    m.indicator = cell(0);
    m.area = cell(1);
    m.period = cell(2);
    bool ok = true;
    for (std::size_t k = 0; k < 4; ++k) {
      if (cell(k).empty()) {
        diagnostic d = make_diagnostic("outcomes.csv.required", severity::error,
                                       "/" + std::to_string(rec.line) + "/" + known[k],
                                       std::string("column '") + known[k] + "' is empty");
        d.line = rec.line;
        diags.add(std::move(d));
        ok = false;
      }
    }
    if (!cell(3).empty()) {
      const auto date = parse_iso_date(cell(3));
      if (date) {
        m.period_end = *date;
      } else {
        diagnostic d = make_diagnostic("outcomes.csv.date", severity::error,
                                       "/" + std::to_string(rec.line) + "/period_end",
                                       "period_end '" + cell(3) + "' is not a date (YYYY-MM-DD)");
        d.line = rec.line;
        diags.add(std::move(d));
        ok = false;
      }
    }
    const std::size_t before = diags.size();
    std::optional<double>* slots[] = {
        &m.numerator,           &m.denominator,           &m.standard_population,
        &m.reference_numerator, &m.reference_denominator, &m.value};
    for (std::size_t k = 4; k < col.size(); ++k) {
      if (col[k] != none) *slots[k - 4] = csv_number(cell(k), known[k], rec.line, diags);
    }
    if (diags.size() != before) ok = false;
    if (ok) out.push_back(std::move(m));
  }
  return out;
}

std::string write_outcomes_measurements(const std::vector<measurement>& rows) {
  std::string out =
      "indicator,area,period,period_end,numerator,denominator,standard_population,"
      "reference_numerator,reference_denominator,value\n";
  auto opt = [](const std::optional<double>& v) { return v ? number_text(*v) : std::string(); };
  for (const measurement& m : rows) {
    out += csv_cell(m.indicator) + ',' + csv_cell(m.area) + ',' + csv_cell(m.period) + ',' +
           to_iso_string(m.period_end) + ',' + opt(m.numerator) + ',' + opt(m.denominator) + ',' +
           opt(m.standard_population) + ',' + opt(m.reference_numerator) + ',' +
           opt(m.reference_denominator) + ',' + opt(m.value) + '\n';
  }
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
