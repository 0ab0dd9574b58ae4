// joinedup: reading and writing the outcomes documents: indicator catalogue, framework and
// measurements CSV. The JSON documents' fields are named once, beside the structs (fields_of<T>
// and enum_names<E> in joinedup/outcomes/indicator.hpp, target.hpp and scorecard.hpp); the one
// strict JSON reader and the generic field reader and writer (fields_json.hpp) do the rest.
#include "joinedup/io/outcomes.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "csv_split.hpp"
#include "fields_json.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

/// The framework document: the catalogue's members inline, then targets and benchmarks.
struct framework_document {
  std::string name;                                        ///< framework name
  std::string version;                                     ///< catalogue version
  std::optional<double> comparison_level;                  ///< 0.95 or 0.998
  std::vector<outcomes::framework_domain> domains;         ///< domains
  std::vector<outcomes::indicator_definition> indicators;  ///< indicators
  std::vector<outcomes::crosswalk_entry> crosswalk;        ///< legacy codes to indicators
  std::vector<outcomes::target> targets;                   ///< targets
  std::vector<outcomes::benchmark_value> benchmarks;       ///< benchmarks
};

}  // namespace
}  // namespace io

/// The fields of a framework document ("notes" is for people and not read).
template <>
inline constexpr auto fields_of<io::framework_document> = std::tuple{
    field("name", &io::framework_document::name),
    field("version", &io::framework_document::version, presence::omit_empty),
    field("comparison_level", &io::framework_document::comparison_level, presence::optional),
    field("domains", &io::framework_document::domains),
    field("indicators", &io::framework_document::indicators),
    field("crosswalk", &io::framework_document::crosswalk, presence::optional),
    field("targets", &io::framework_document::targets, presence::optional),
    field("benchmarks", &io::framework_document::benchmarks, presence::optional)};

// What fields_json.hpp does not cover, added for these documents only (declared before any use,
// as explicit specialisations must be): a disclosure rule left out while empty, and a target's
// `periods` read from any whole number.
namespace io::detail {

/// A disclosure rule with no threshold and no note is left out of an indicator.
template <>
bool is_empty_value<outcomes::disclosure_rule>(const outcomes::disclosure_rule& r) {
  return !r.suppress_numerator_below && r.note.empty();
}

/// A target; `periods` is any JSON number that is a whole number from 1 to 1000 (null: absent).
template <>
bool read_value<outcomes::target>(const json& v, outcomes::target& out, const json_pointer& at,
                                  diagnostics& d, text_form) {
  if (!v.is_object() || !v.contains("periods")) return read_fields(v, out, at, d);
  json rest = v;
  rest.erase("periods");
  bool ok = read_fields(rest, out, at, d, {"periods"});
  std::optional<double> p;
  if (!read_value(*v.find("periods"), p, at.key("periods"), d)) return false;
  if (!p) return ok;
  if (*p >= 1 && *p <= 1000 && *p == std::floor(*p)) {
    out.periods = static_cast<std::size_t>(*p);
    return ok;
  }
  d.error("outcomes.target.periods", at.key("periods").str(),
          "periods must be a whole number from 1 to 1000");
  return false;
}

}  // namespace io::detail

namespace io {
namespace {

using detail::json;
using namespace joinedup::outcomes;

// --- CSV -----------------------------------------------------------------------------------

using detail::csv_record;
using detail::split_csv;

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

/// Shortest text that reads back as the same double, in plain decimals where that is no longer
/// than E notation ("1910", not "1.91e+03"), as a spreadsheet user expects in a CSV cell.
std::string number_text(double v) {
  char buf[64];
  if (std::fabs(v) < 1e15) {
    for (int decimals = 0; decimals <= 17; ++decimals) {
      const int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
      double back = 0;
      std::from_chars(buf, buf + n, back);
      if (back == v) return std::string(buf, static_cast<std::size_t>(n));
    }
  }
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
  catalogue cat;
  (void)detail::read_fields(*doc, cat, json_pointer{}, diags, {"schema", "sources", "notes"});
  return cat;
}

std::string write_outcomes_catalogue(const catalogue& cat) {
  return detail::write_document(cat, outcomes_catalogue_schema);
}

field_shape framework_document_shape() {
  return shape_of<framework_document>();
}

std::optional<framework> read_outcomes_framework(std::string_view json_text, diagnostics& diags) {
  const std::optional<json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, outcomes_framework_schema, diags)) return std::nullopt;
  framework_document in;
  (void)detail::read_fields(*doc, in, json_pointer{}, diags, {"schema", "notes"});
  framework fw;
  fw.name = in.name;
  fw.catalogue = {std::move(in.name), std::move(in.version), std::move(in.domains),
                  std::move(in.indicators), std::move(in.crosswalk)};
  fw.targets = std::move(in.targets);
  fw.benchmarks = std::move(in.benchmarks);
  if (in.comparison_level) {
    if (*in.comparison_level == 0.95 || *in.comparison_level == 0.998) {
      fw.comparison_level = *in.comparison_level;
    } else {
      diags.error("outcomes.framework.comparison_level", "/comparison_level",
                  "comparison_level must be 0.95 or 0.998");
    }
  }
  return fw;
}

std::string write_outcomes_framework(const framework& fw) {
  const catalogue& c = fw.catalogue;
  return detail::write_document(
      framework_document{fw.name, c.version, fw.comparison_level, c.domains, c.indicators,
                         c.crosswalk, fw.targets, fw.benchmarks},
      outcomes_framework_schema);
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
                                "value",
                                "lower_95",
                                "upper_95",
                                "lower_99_8",
                                "upper_99_8",
                                "note"};
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::array<std::size_t, 15> col{};
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
    std::optional<double>* slots[] = {&m.numerator,
                                      &m.denominator,
                                      &m.standard_population,
                                      &m.reference_numerator,
                                      &m.reference_denominator,
                                      &m.value,
                                      &m.lower_95,
                                      &m.upper_95,
                                      &m.lower_99_8,
                                      &m.upper_99_8};
    m.note = cell(14);
    for (std::size_t k = 4; k < 14; ++k) {
      if (col[k] == none) continue;
      *slots[k - 4] = csv_number(cell(k), known[k], rec.line, diags);
      // Counts and populations cannot be negative (a value, such as a change, can).
      if (k < 9 && *slots[k - 4] && **slots[k - 4] < 0) {
        diagnostic d = make_diagnostic(
            "outcomes.csv.negative", severity::error,
            "/" + std::to_string(rec.line) + "/" + known[k],
            "column '" + std::string(known[k]) + "' holds " + trim(cell(k)) +
                "; a count or population cannot be negative, so the row is not used");
        d.line = rec.line;
        diags.add(std::move(d));
      }
    }
    for (const auto& [lo, hi, name] : {std::tuple{&m.lower_95, &m.upper_95, "lower_95"},
                                       std::tuple{&m.lower_99_8, &m.upper_99_8, "lower_99_8"}}) {
      if (*lo && *hi && **lo > **hi) {
        diagnostic d = make_diagnostic(
            "outcomes.csv.interval", severity::error, "/" + std::to_string(rec.line) + "/" + name,
            std::string("column '") + name + "' is above its upper limit, so the row is not used");
        d.line = rec.line;
        diags.add(std::move(d));
      }
    }
    if (diags.size() != before) ok = false;
    if (ok) out.push_back(std::move(m));
  }
  return out;
}

std::string write_outcomes_measurements(const std::vector<measurement>& rows) {
  std::string out =
      "indicator,area,period,period_end,numerator,denominator,standard_population,"
      "reference_numerator,reference_denominator,value,lower_95,upper_95,lower_99_8,upper_99_8,"
      "note\n";
  auto opt = [](const std::optional<double>& v) { return v ? number_text(*v) : std::string(); };
  for (const measurement& m : rows) {
    out += csv_cell(m.indicator) + ',' + csv_cell(m.area) + ',' + csv_cell(m.period) + ',' +
           to_iso_string(m.period_end) + ',' + opt(m.numerator) + ',' + opt(m.denominator) + ',' +
           opt(m.standard_population) + ',' + opt(m.reference_numerator) + ',' +
           opt(m.reference_denominator) + ',' + opt(m.value) + ',' + opt(m.lower_95) + ',' +
           opt(m.upper_95) + ',' + opt(m.lower_99_8) + ',' + opt(m.upper_99_8) + ',' +
           csv_cell(m.note) + '\n';
  }
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
