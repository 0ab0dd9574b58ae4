// joinedup: a Fingertips data download read into the measurements CSV
// (docs/outcomes-import-fingertips.md).
#include "joinedup/io/fingertips_import.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "csv_split.hpp"
#include "joinedup/io/outcomes.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

using std::chrono::day;
using std::chrono::last;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

/// A Fingertips header as a key: fold_header without spaces, underscores and dots, so "Lower CI
/// 95.0 limit", fingertipsR's "LowerCI95.0limit" and R's "Lower.CI.95.0.limit" are one column.
std::string column_key(std::string_view s) {
  std::string out;
  for (char c : detail::fold_header(s)) {
    if (c != ' ' && c != '_' && c != '.' && c != '\t') out += c;
  }
  return out;
}

/// Digits only, at most `most` of them, as a number; nullopt otherwise.
std::optional<int> digits(std::string_view s, std::size_t most) {
  if (s.empty() || s.size() > most) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

/// The last day of `m` in year `y`.
year_month_day month_end(int y, unsigned m) {
  return year_month_day{year{y} / month{m} / last};
}

/// The first year after `from` whose last two digits are `yy` (the "23" of "2021 - 23").
int year_after(int from, int yy) {
  int y = from - from % 100 + yy;
  if (y <= from) y += 100;
  return y;
}

/// A month's name, in full or three letters, any case: 1 to 12, or 0.
unsigned month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> names = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string key = detail::fold_header(name);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (key == names[i] || (key.size() == 3 && names[i].substr(0, 3) == key)) {
      return static_cast<unsigned>(i + 1);
    }
  }
  return 0;
}

/// "2022/23" as its first year, checking the second is the year after; nullopt otherwise.
std::optional<int> financial_year(std::string_view s) {
  if (s.size() != 7 || s[4] != '/') return std::nullopt;
  const std::optional<int> a = digits(s.substr(0, 4), 4);
  const std::optional<int> b = digits(s.substr(5, 2), 2);
  if (!a || !b || (*a + 1) % 100 != *b) return std::nullopt;
  return a;
}

/// "2022-23": the label of the financial year starting in `y`.
std::string financial_label(int y) {
  const int next = (y + 1) % 100;
  return std::to_string(y) + '-' + (next < 10 ? "0" : "") + std::to_string(next);
}

/// A period read from its compact form (every space removed).
std::optional<fingertips_period> period_of(std::string_view s) {
  constexpr int earliest = 1800;
  constexpr int latest = 2200;
  const auto sane = [](int y) { return y >= earliest && y <= latest; };
  if (const std::optional<int> y = digits(s, 4); y && s.size() == 4) {
    if (!sane(*y)) return std::nullopt;
    return fingertips_period{std::to_string(*y), month_end(*y, 12)};
  }
  if (s.size() == 6 && s[4] == 'Q') {  // 2023Q1: a calendar quarter
    const std::optional<int> y = digits(s.substr(0, 4), 4);
    const std::optional<int> q = digits(s.substr(5, 1), 1);
    if (!y || !q || !sane(*y) || *q < 1 || *q > 4) return std::nullopt;
    return fingertips_period{std::to_string(*y) + " Q" + std::to_string(*q),
                             month_end(*y, static_cast<unsigned>(*q * 3))};
  }
  if (const std::optional<int> y = financial_year(s); y) {
    if (!sane(*y)) return std::nullopt;
    return fingertips_period{financial_label(*y), month_end(*y + 1, 3)};
  }
  if (s.size() == 9 && s[7] == 'Q') {  // 2022/23Q1: a financial quarter, Q1 April to June
    const std::optional<int> y = financial_year(s.substr(0, 7));
    const std::optional<int> q = digits(s.substr(8, 1), 1);
    if (!y || !q || !sane(*y) || *q < 1 || *q > 4) return std::nullopt;
    const int end_month = 3 + *q * 3;  // 6, 9, 12, 15
    return fingertips_period{
        financial_label(*y) + " Q" + std::to_string(*q),
        end_month > 12 ? month_end(*y + 1, 3) : month_end(*y, static_cast<unsigned>(end_month))};
  }
  if (s.size() == 7 && s[4] == '-') {  // 2021-23: pooled calendar years
    const std::optional<int> a = digits(s.substr(0, 4), 4);
    const std::optional<int> b = digits(s.substr(5, 2), 2);
    if (!a || !b || !sane(*a)) return std::nullopt;
    const int to = year_after(*a, *b);
    if (!sane(to)) return std::nullopt;
    return fingertips_period{std::to_string(*a) + '-' + std::to_string(to), month_end(to, 12)};
  }
  if (s.size() == 13 && s[7] == '-' && s[10] == '/') {  // 2019/20-21/22: pooled financial years
    const std::optional<int> a = financial_year(s.substr(0, 7));
    const std::optional<int> b0 = digits(s.substr(8, 2), 2);
    const std::optional<int> b1 = digits(s.substr(11, 2), 2);
    if (!a || !b0 || !b1 || !sane(*a) || (*b0 + 1) % 100 != *b1) return std::nullopt;
    const int last_start = *b0 == *a % 100 ? *a : year_after(*a, *b0);
    if (!sane(last_start)) return std::nullopt;
    return fingertips_period{financial_label(*a) + " to " + financial_label(last_start),
                             month_end(last_start + 1, 3)};
  }
  // A range of two periods ("2006/07Q1-2007/08Q4", "Aug2006-Jul2007", "2006Q2-2007Q1") or of
  // quarters within a year ("2006/07Q1-Q2").
  if (const std::size_t dash = s.find('-');
      dash != std::string_view::npos && s.find('-', dash + 1) == std::string_view::npos) {
    const std::string_view left = s.substr(0, dash);
    std::string_view right = s.substr(dash + 1);
    const std::optional<fingertips_period> from = period_of(left);
    if (!from) return std::nullopt;
    std::string right_text(right);
    if (right.size() == 2 && right[0] == 'Q' && left.size() >= 2 && left[left.size() - 2] == 'Q') {
      right_text = std::string(left.substr(0, left.size() - 2)) + std::string(right);
    }
    const std::optional<fingertips_period> to = period_of(right_text);
    if (!to || std::chrono::sys_days(to->end) <= std::chrono::sys_days(from->end)) {
      return std::nullopt;
    }
    const std::string label = right_text == right
                                  ? from->label + " to " + to->label
                                  : from->label + '-' + std::string(right);  // 2006-07 Q1-Q2
    return fingertips_period{label, to->end};
  }
  // A month: "2023Jan" or "Jan2023".
  const bool year_first = s.size() > 4 && digits(s.substr(0, 4), 4).has_value();
  const bool year_last = s.size() > 4 && digits(s.substr(s.size() - 4), 4).has_value();
  if (year_first != year_last) {
    const std::string_view y_text = year_first ? s.substr(0, 4) : s.substr(s.size() - 4);
    const std::string_view m_text = year_first ? s.substr(4) : s.substr(0, s.size() - 4);
    const int y = *digits(y_text, 4);
    const unsigned m = month_number(m_text);
    if (m == 0 || !sane(y)) return std::nullopt;
    return fingertips_period{std::to_string(y) + '-' + (m < 10 ? "0" : "") + std::to_string(m),
                             month_end(y, m)};
  }
  return std::nullopt;
}

/// The columns read, by their compact keys.
enum col : std::size_t {
  c_id,
  c_name,
  c_area,
  c_sex,
  c_age,
  c_category_type,
  c_period,
  c_value,
  c_lower_95,
  c_upper_95,
  c_lower_99_8,
  c_upper_99_8,
  c_count,
  c_denominator,
  c_note,
  c_columns
};

/// Each column's key and the name used in messages.
constexpr std::array<std::pair<std::string_view, std::string_view>, c_columns> columns = {{
    {"indicatorid", "Indicator ID"},
    {"indicatorname", "Indicator Name"},
    {"areacode", "Area Code"},
    {"sex", "Sex"},
    {"age", "Age"},
    {"categorytype", "Category Type"},
    {"timeperiod", "Time period"},
    {"value", "Value"},
    {"lowerci950limit", "Lower CI 95.0 limit"},
    {"upperci950limit", "Upper CI 95.0 limit"},
    {"lowerci998limit", "Lower CI 99.8 limit"},
    {"upperci998limit", "Upper CI 99.8 limit"},
    {"count", "Count"},
    {"denominator", "Denominator"},
    {"valuenote", "Value note"},
}};

constexpr std::size_t absent = static_cast<std::size_t>(-1);

/// One row as read, before the choice of sex and age.
struct read_row {
  std::size_t line = 0;
  std::int64_t id = 0;
  std::string name;  ///< Indicator Name
  std::string sex;
  std::string age;
  outcomes::measurement m;  ///< area, period, figures (indicator set later)
};

/// "65+ yrs", "65+", "All ages" as one key: lower case, without "yrs"/"years" and spaces.
std::string age_key(std::string_view age) {
  std::string k;
  for (char c : detail::fold_header(age)) {
    if (c != ' ') k += c;
  }
  for (std::string_view suffix : {"years", "yrs"}) {
    if (k.size() > suffix.size() && k.ends_with(suffix)) k.resize(k.size() - suffix.size());
  }
  return k;
}

/// True when the catalogue's method recomputes a value from Count and Denominator.
bool recomputes_from_counts(const outcomes::indicator_definition* def) {
  if (def == nullptr) return true;
  switch (def->method) {
    case outcomes::indicator_method::proportion:
    case outcomes::indicator_method::crude_rate:
    case outcomes::indicator_method::count:
      return true;
    default:
      return false;
  }
}

/// The figures of a measurement, to tell a repeated row from a conflicting one.
auto figures(const outcomes::measurement& m) {
  return std::tie(m.numerator, m.denominator, m.value, m.lower_95, m.upper_95, m.lower_99_8,
                  m.upper_99_8, m.note);
}

}  // namespace

result<fingertips_period> parse_fingertips_period(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '\t') compact += c;
  }
  if (compact.size() <= 24) {
    if (std::optional<fingertips_period> p = period_of(compact)) return std::move(*p);
  }
  return fail("outcomes.import.period",
              "time period " + detail::quoted_cell(text) +
                  " is not one Fingertips gives (2023, 2022/23, 2023 Q1, 2022/23 Q1, 2021 - 23, "
                  "2019/20 - 21/22, 2023 Jan)");
}

fingertips_import import_fingertips(std::string_view download_csv,
                                    const fingertips_import_options& options, diagnostics& diags) {
  fingertips_import out;
  const std::vector<detail::csv_record> records = detail::split_csv(download_csv);
  if (records.empty()) {
    diags.error("outcomes.import.empty", "", "the download has no header row and no rows");
    return out;
  }
  // The header: each column by its key; a column named twice is ambiguous.
  const detail::csv_record& header = records.front();
  std::array<std::size_t, c_columns> at{};
  at.fill(absent);
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const std::string key = column_key(header.fields[c]);
    for (std::size_t k = 0; k < c_columns; ++k) {
      if (key != columns[k].first) continue;
      if (at[k] != absent) {
        diags.error("outcomes.import.column", "/header",
                    "the header names '" + std::string(columns[k].second) + "' twice (columns " +
                        std::to_string(at[k] + 1) + " and " + std::to_string(c + 1) +
                        "); keep one");
      }
      at[k] = c;
    }
  }
  for (std::size_t k : {c_id, c_area, c_period}) {
    if (at[k] == absent) {
      diags.error("outcomes.import.column", "/header",
                  "the header has no '" + std::string(columns[k].second) +
                      "' column; a Fingertips download has Indicator ID, Area Code and Time "
                      "period");
    }
  }
  if (diags.has_errors()) return out;

  // Pass 1: every row read; category breakdowns and other areas left out.
  std::vector<read_row> rows;
  std::size_t categories = 0;
  std::size_t other_areas = 0;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const detail::csv_record& rec = records[r];
    ++out.rows_read;
    if (!detail::same_width(rec, header, "outcomes.import.cells", diags)) {
      ++out.rows_rejected;
      continue;
    }
    const auto cell = [&](std::size_t k) {
      return at[k] == absent ? std::string_view() : detail::trim_blanks(rec.fields[at[k]]);
    };
    if (const std::string_view category = cell(c_category_type);
        !category.empty() && category != "NA") {
      ++categories;
      ++out.rows_left_out;
      continue;
    }
    read_row row;
    row.line = rec.line;
    row.m.line = rec.line;
    bool ok = true;
    const std::string_view id_text = cell(c_id);
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (id_text.empty() || ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0 ||
        id_text.front() == '-' || id_text.front() == '+') {
      detail::row_error(
          diags, "outcomes.import.indicator", rec.line,
          "Indicator ID " + detail::quoted_cell(id_text) + " is not a Fingertips indicator id");
      ok = false;
    }
    row.id = id;
    row.name = excerpt(cell(c_name), 120);
    row.m.area = std::string(cell(c_area));
    if (row.m.area.empty()) {
      detail::row_error(diags, "outcomes.import.required", rec.line, "Area Code is empty");
      ok = false;
    }
    const result<fingertips_period> period = parse_fingertips_period(cell(c_period));
    if (period) {
      row.m.period = period->label;
      row.m.period_end = period->end;
    } else {
      detail::row_error(diags, period.error().code, rec.line, period.error().message);
      ok = false;
    }
    const std::array<std::pair<col, std::optional<double>*>, 7> numbers = {{
        {c_value, &row.m.value},
        {c_lower_95, &row.m.lower_95},
        {c_upper_95, &row.m.upper_95},
        {c_lower_99_8, &row.m.lower_99_8},
        {c_upper_99_8, &row.m.upper_99_8},
        {c_count, &row.m.numerator},
        {c_denominator, &row.m.denominator},
    }};
    for (const auto& [k, slot] : numbers) {
      const std::string_view t = cell(k);
      if (t.empty() || t == "NA") continue;
      double v = 0;
      const auto [p, e] = std::from_chars(t.data(), t.data() + t.size(), v);
      const bool is_count = k == c_count || k == c_denominator;
      if (e != std::errc() || p != t.data() + t.size() || !std::isfinite(v) ||
          (is_count && v < 0)) {
        detail::row_error(diags, "outcomes.import.number", rec.line,
                          std::string(columns[k].second) + " holds " + detail::quoted_cell(t) +
                              (is_count ? ", not a count" : ", not a number"));
        ok = false;
        continue;
      }
      *slot = v;
    }
    for (const auto& [lo, hi] : {std::pair{&row.m.lower_95, &row.m.upper_95},
                                 std::pair{&row.m.lower_99_8, &row.m.upper_99_8}}) {
      if (*lo && *hi && **lo > **hi) {
        detail::row_error(diags, "outcomes.import.number", rec.line,
                          "a lower confidence limit is above its upper limit");
        ok = false;
      }
    }
    row.m.note = std::string(cell(c_note));
    row.sex = detail::fold_header(cell(c_sex));  // "Persons", "persons": one sex
    row.age = std::string(cell(c_age));
    if (!ok) {
      ++out.rows_rejected;
      continue;
    }
    if (!options.areas.empty() && options.areas.find(row.m.area) == options.areas.end()) {
      ++other_areas;
      ++out.rows_left_out;
      continue;
    }
    rows.push_back(std::move(row));
  }

  // Pass 2: each indicator's sex and age.
  struct choice {
    std::set<std::string> sexes;
    std::map<std::string, std::set<std::string>> ages;  ///< by sex
    std::string sex;
    std::string age;
    bool ambiguous = false;
    std::string why;
    const outcomes::indicator_definition* def = nullptr;
    std::string name;
  };
  std::map<std::int64_t, choice> chosen;
  for (const read_row& row : rows) {
    choice& c = chosen[row.id];
    c.sexes.insert(row.sex);
    c.ages[row.sex].insert(row.age);
    if (c.name.empty()) c.name = row.name;
  }
  for (auto& [id, c] : chosen) {
    c.def = options.catalogue ? options.catalogue->find_fingertips(id) : nullptr;
    if (!options.sex.empty()) {
      c.sex = detail::fold_header(options.sex);
    } else if (c.sexes.count("persons") != 0) {
      c.sex = "persons";
    } else if (c.sexes.size() == 1) {
      c.sex = *c.sexes.begin();
    } else {
      c.ambiguous = true;
      c.why = "it is given for several sexes and none is 'Persons'; choose one with --sex";
      continue;
    }
    const std::set<std::string>& ages = c.ages[c.sex];
    if (!options.age.empty()) {
      c.age = options.age;
      for (const std::string& a : ages) {
        if (age_key(a) == age_key(options.age)) c.age = a;  // "65+ yrs" is "65+"
      }
    } else if (ages.size() <= 1) {
      c.age = ages.empty() ? std::string() : *ages.begin();
    } else {
      for (const std::string& a : ages) {
        if (c.def != nullptr && !c.def->age_band.empty() &&
            age_key(a) == age_key(c.def->age_band)) {
          c.age = a;
        }
      }
      if (c.age.empty()) {
        c.ambiguous = true;
        c.why = "it is given for several ages (";
        for (const std::string& a : ages)
          c.why += (a == *ages.begin() ? "'" : ", '") + a + "'";
        c.why += ") and the catalogue names none of them; choose one with --age";
      }
    }
  }

  // Pass 3: the measurements, each key once.
  std::size_t other_sex_age = 0;
  std::size_t repeats = 0;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
  std::set<std::int64_t> warned;
  std::set<std::int64_t> counts_dropped;
  std::map<std::int64_t, std::size_t> kept;
  for (read_row& row : rows) {
    choice& c = chosen[row.id];
    if (c.ambiguous) {
      detail::row_error(diags, "outcomes.import.ambiguous", row.line,
                        "indicator " + std::to_string(row.id) + " is not imported: " + c.why);
      ++out.rows_rejected;
      continue;
    }
    if (row.sex != c.sex || row.age != c.age) {
      ++other_sex_age;
      ++out.rows_left_out;
      continue;
    }
    outcomes::measurement& m = row.m;
    if (c.def != nullptr) {
      m.indicator = c.def->id;
    } else {
      m.indicator = std::to_string(row.id);
      if (warned.insert(row.id).second) {
        diags.warning(
            "outcomes.import.unknown_indicator", "/rows/" + std::to_string(row.line),
            "Fingertips indicator " + std::to_string(row.id) +
                (c.name.empty() ? std::string() : " (" + c.name + ")") +
                " is not in the catalogue; imported as indicator '" + std::to_string(row.id) +
                "'. Give a catalogue indicator \"fingertips_id\": " + std::to_string(row.id) +
                " to map it");
      }
    }
    if (!recomputes_from_counts(c.def) && (m.numerator || m.denominator)) {
      m.numerator.reset();
      m.denominator.reset();
      counts_dropped.insert(row.id);
    }
    const auto key = std::tuple{m.indicator, m.area, m.period};
    if (const auto it = seen.find(key); it != seen.end()) {
      if (figures(out.rows[it->second]) == figures(m)) {
        ++repeats;
        ++out.rows_left_out;
      } else {
        detail::row_error(diags, "outcomes.import.duplicate", row.line,
                          "indicator " + std::to_string(row.id) + ", area " + m.area + ", period " +
                              m.period + " is already given with other figures at line " +
                              std::to_string(out.rows[it->second].line));
        ++out.rows_rejected;
      }
      continue;
    }
    seen.emplace(key, out.rows.size());
    ++kept[row.id];
    out.rows.push_back(std::move(m));
  }
  out.rows_mapped = out.rows.size();

  // What was left out, and why, once per reason.
  const auto left_out = [&](std::size_t n, const std::string& why) {
    if (n != 0) {
      diags.add("outcomes.import.left_out", severity::info, "",
                std::to_string(n) + " row(s) left out: " + why);
    }
  };
  left_out(categories,
           "breakdowns by a category (Category Type: deprivation deciles and the like), which a "
           "measurements file does not hold");
  left_out(other_areas, "areas not named by --area");
  left_out(other_sex_age, "other sexes or ages than the one kept for their indicator");
  left_out(repeats, "rows repeating another row's figures exactly");
  for (std::int64_t id : counts_dropped) {
    const choice& c = chosen[id];
    diags.add("outcomes.import.left_out", severity::info, "",
              "indicator '" + c.def->id + "' (Fingertips " + std::to_string(id) +
                  "): Count and Denominator are not kept, because its method (" +
                  std::string(outcomes::to_string(c.def->method)) +
                  ") is not recomputed from them; Fingertips' value and intervals are kept");
  }
  for (const auto& [id, c] : chosen) {
    if (!c.ambiguous && kept[id] == 0) {
      diags.warning("outcomes.import.nothing_kept", "",
                    "Fingertips indicator " + std::to_string(id) + " has no rows for sex '" +
                        c.sex + "' and age '" + c.age + "'; nothing of it is imported");
    }
  }
  if (out.rows_read == 0) {
    diags.error("outcomes.import.empty", "", "the download has a header but no rows");
  }
  out.csv = write_outcomes_measurements(out.rows);
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
