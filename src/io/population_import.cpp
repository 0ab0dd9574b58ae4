// joinedup: population estimates in their long layout aggregated to a capitation's bands
// (docs/budget-import-population.md).
#include "joinedup/io/population_import.hpp"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

#include "csv_split.hpp"
#include "joinedup/io/capitation.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

using budget::age_band;
using budget::sex;

/// A population held in millionths of a person, so projections' decimals sum exactly.
constexpr std::int64_t micro = 1'000'000;
/// No population cell is taken above this many people (ten times the world's).
constexpr std::int64_t most_people = 100'000'000'000;

/// Digits only, 1 to `most` of them; nullopt otherwise.
std::optional<std::int64_t> whole(std::string_view s, std::size_t most) {
  if (s.empty() || s.size() > most) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

/// A population cell in millionths: "1234", "1,234", "1234.5" (up to six decimal places), with
/// thousands separators only in groups of three. nullopt for anything else.
std::optional<std::int64_t> people_micro(std::string_view t) {
  t = detail::trim_blanks(t);
  if (t.empty()) return std::nullopt;
  const std::size_t point = t.find('.');
  const std::string_view int_part = t.substr(0, point);
  const std::string_view frac = point == std::string_view::npos ? "" : t.substr(point + 1);
  if (point != std::string_view::npos && (frac.empty() || frac.size() > 6)) return std::nullopt;
  std::string digits;
  if (int_part.find(',') != std::string_view::npos) {
    // 1,234,567: a first group of one to three digits, then groups of exactly three.
    std::size_t start = 0;
    bool first = true;
    while (true) {
      const std::size_t comma = int_part.find(',', start);
      const std::string_view group = int_part.substr(start, comma - start);
      if (first ? (group.empty() || group.size() > 3) : group.size() != 3) return std::nullopt;
      digits += group;
      first = false;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  } else {
    digits = std::string(int_part);
  }
  const std::optional<std::int64_t> n = whole(digits, 12);
  if (!n || *n > most_people) return std::nullopt;
  std::int64_t f = 0;
  if (!frac.empty()) {
    const std::optional<std::int64_t> fd = whole(frac, 6);
    if (!fd) return std::nullopt;
    f = *fd;
    for (std::size_t i = frac.size(); i < 6; ++i)
      f *= 10;
  }
  return *n * micro + f;
}

/// A sex as estimates write it (ONS: 1 male, 2 female); nullopt when not one.
std::optional<sex> sex_of(std::string_view text) {
  const std::string k = detail::fold_header(text);
  if (k == "1" || k == "m" || k == "male" || k == "males" || k == "men") return sex::male;
  if (k == "2" || k == "f" || k == "female" || k == "females" || k == "women") return sex::female;
  if (k == "0" || k == "p" || k == "t" || k == "persons" || k == "person" || k == "all" ||
      k == "all persons" || k == "all people" || k == "people" || k == "total") {
    return sex::persons;
  }
  return std::nullopt;
}

/// A year written "2023", "mid-2023", "Mid-2023", "2023-06-30" (the year's first four digits).
std::optional<int> year_of(std::string_view text) {
  std::string k = detail::fold_header(text);
  for (std::string_view prefix : {"mid-year ", "mid-", "mid_", "mid ", "mid"}) {
    if (k.starts_with(prefix)) {
      k.erase(0, prefix.size());
      break;
    }
  }
  if (k.size() >= 4) {
    const std::optional<std::int64_t> y = whole(std::string_view(k).substr(0, 4), 4);
    if (y && *y >= 1800 && *y <= 2200 && (k.size() == 4 || k[4] == '-')) {
      return static_cast<int>(*y);
    }
  }
  return std::nullopt;
}

/// The year a population column's name gives: "population_2023", "mid-2023", "2023",
/// "Mid-2023 population"; nullopt when the name has none.
std::optional<int> year_in_name(std::string_view name) {
  std::string k = detail::fold_header(name);
  for (std::string_view prefix :
       {"population_", "population ", "pop_", "mid-year ", "mid-", "mid_", "mid ", "estimate "}) {
    if (k.starts_with(prefix)) {
      k.erase(0, prefix.size());
      break;
    }
  }
  for (std::string_view suffix : {" population", " estimate", " persons"}) {
    if (k.ends_with(suffix)) k.resize(k.size() - suffix.size());
  }
  if (k.size() != 4) return std::nullopt;
  const std::optional<std::int64_t> y = whole(k, 4);
  if (!y || *y < 1800 || *y > 2200) return std::nullopt;
  return static_cast<int>(*y);
}

/// True when `key` names an area code column: the names above, or an ONS geography code
/// column such as LAD23CD, ICB23CD, LSOA21CD, ladcode21.
bool area_like(const std::string& key) {
  for (std::string_view n :
       {"area", "area code", "areacode", "area_code", "code", "geography code", "geography_code",
        "geographycode", "la code", "lad code", "ladcode", "geography"}) {
    if (key == n) return true;
  }
  if (key.starts_with("ladcode") && key.size() == 9) return true;
  if (key.size() >= 6 && key.ends_with("cd")) {
    const std::string_view core = std::string_view(key).substr(0, key.size() - 2);
    const std::string_view yy = core.substr(core.size() - 2);
    const std::string_view letters = core.substr(0, core.size() - 2);
    return whole(yy, 2).has_value() && !letters.empty() &&
           std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }
  return false;
}

/// A field's default column names.
bool default_name(std::string_view field, const std::string& key) {
  if (field == "area") return area_like(key);
  if (field == "sex") return key == "sex" || key == "gender";
  if (field == "age") {
    return key == "age" || key == "age group" || key == "age_group" || key == "age band" ||
           key == "age_band" || key == "single year of age";
  }
  if (field == "year") {
    return key == "year" || key == "mid_year" || key == "mid-year" || key == "date" ||
           key == "time" || key == "period";
  }
  if (field == "population") {
    return key == "population" || key == "obs_value" || key == "observation" || key == "value" ||
           key == "count" || key == "people" || key == "population estimate";
  }
  return false;
}

/// One row as read.
struct read_row {
  std::size_t line = 0;
  std::string area;
  sex who = sex::persons;
  age_band age;
  std::optional<int> year;
  std::int64_t people = 0;  ///< millionths
};

/// True when band `b` holds every age of `a`.
bool holds(const age_band& b, const age_band& a) {
  if (a.from < b.from) return false;
  if (!b.to) return true;
  return a.to && *a.to <= *b.to;
}

/// True when `a` and `b` share an age.
bool meet(const age_band& a, const age_band& b) {
  const bool a_before_b = a.to && *a.to < b.from;
  const bool b_before_a = b.to && *b.to < a.from;
  return !a_before_b && !b_before_a;
}

}  // namespace

result<std::vector<age_band>> parse_age_bands(std::string_view list) {
  std::vector<age_band> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    const std::string_view item = list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const result<age_band> b = age_band::parse(item);
    if (!b) {
      return fail("budget.import.bands", "--bands: " + b.error().message);
    }
    if (!out.empty()) {
      const age_band& prev = out.back();
      if (!prev.to || *prev.to >= b->from) {
        return fail("budget.import.bands", "--bands: band " + b->to_string() +
                                               " does not come after " + prev.to_string() +
                                               "; give the bands in order, none overlapping");
      }
    }
    out.push_back(*b);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.empty()) return fail("budget.import.bands", "--bands: no bands given");
  return out;
}

result<age_band> parse_estimate_age(std::string_view text) {
  std::string k = detail::fold_header(text);
  for (std::string_view prefix : {"aged ", "age "}) {
    if (k.starts_with(prefix)) {
      k.erase(0, prefix.size());
      break;
    }
  }
  for (std::string_view suffix :
       {" and over", " and older", " or over", "+ years", " years", " yrs", " year"}) {
    if (k.ends_with(suffix)) {
      k.resize(k.size() - suffix.size());
      if (suffix == " and over" || suffix == " and older" || suffix == " or over" ||
          suffix == "+ years") {
        k += '+';
      }
      break;
    }
  }
  if (const std::size_t to = k.find(" to "); to != std::string::npos) k.replace(to, 4, "-");
  const result<age_band> b = age_band::parse(k);
  if (!b) {
    return fail("budget.import.age", "age " + detail::quoted_cell(text) +
                                         " is not an age or band of whole years (7, 90+, 0-4)");
  }
  return b;
}

void read_factor_map(std::string_view csv, std::string_view name,
                     std::map<std::string, ratio, std::less<>>& into, diagnostics& diags) {
  const std::vector<detail::csv_record> records = detail::split_csv(csv);
  for (std::size_t r = 0; r < records.size(); ++r) {
    const detail::csv_record& rec = records[r];
    const auto bad = [&](const std::string& why) {
      diagnostic d =
          make_diagnostic("budget.import.map", severity::error, "/rows/" + std::to_string(rec.line),
                          std::string(name) + ": " + why);
      d.line = rec.line;
      diags.add(std::move(d));
    };
    if (rec.fields.size() != 2) {
      bad("a row needs two cells, a key and a factor; this one has " +
          std::to_string(rec.fields.size()));
      continue;
    }
    const std::string key(detail::trim_blanks(rec.fields[0]));
    const result<ratio> factor = ratio::parse(rec.fields[1]);
    if (!factor) {
      if (r == 0) continue;  // a header
      bad("factor " + detail::quoted_cell(rec.fields[1]) + " is not a decimal number");
      continue;
    }
    if (!(ratio::whole(0) < *factor)) {
      bad("the factor of '" + key + "' must be above zero");
      continue;
    }
    if (key.empty()) {
      bad("a row has no key");
      continue;
    }
    const auto [it, fresh] = into.emplace(key, *factor);
    if (!fresh && !(it->second == *factor)) bad("'" + key + "' is given two different factors");
  }
}

population_import import_population(std::string_view estimates_csv,
                                    const population_import_options& options, diagnostics& diags) {
  population_import out;
  const std::vector<detail::csv_record> records = detail::split_csv(estimates_csv);
  if (records.empty()) {
    diags.error("budget.import.empty", "", "the estimates have no header row and no rows");
    return out;
  }
  if (options.bands.empty()) {
    diags.error("budget.import.bands", "", "no bands were given (--bands 0-64,65-74,75+)");
    return out;
  }

  // The header: each field's column; the population may be a column per year.
  for (const auto& [field, name] : options.columns) {
    if (field != "area" && field != "sex" && field != "age" && field != "population" &&
        field != "year") {
      diags.error("budget.import.column", "",
                  "--column " + excerpt(field, 60) + "=" + excerpt(name, 60) +
                      ": the field must be one of area, sex, age, population, year");
    }
  }
  if (diags.has_errors()) return out;
  const detail::csv_record& header = records.front();
  constexpr std::size_t absent = static_cast<std::size_t>(-1);
  std::map<std::string, std::size_t, std::less<>> at;
  for (std::string_view field : {"area", "sex", "age", "population", "year"}) {
    const auto named = options.columns.find(field);
    std::vector<std::size_t> found;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
      const std::string key = detail::fold_header(header.fields[c]);
      if (named != options.columns.end() ? key == detail::fold_header(named->second)
                                         : default_name(field, key)) {
        found.push_back(c);
      }
    }
    if (found.size() > 1) {
      diags.error("budget.import.column", "/header",
                  "more than one column could be the " + std::string(field) + " (" +
                      excerpt(header.fields[found[0]], 60) + ", " +
                      excerpt(header.fields[found[1]], 60) + "); name one with --column " +
                      std::string(field) + "=HEADER");
    } else if (found.size() == 1) {
      at.emplace(field, found.front());
    } else if (named != options.columns.end()) {
      diags.error("budget.import.column", "/header",
                  "no column '" + excerpt(named->second, 60) + "' for " + std::string(field));
    }
  }
  if (at.find("population") == at.end() && diags.empty()) {
    // A column per year: population_2022, mid-2023, 2023.
    std::map<int, std::size_t> by_year;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
      if (const std::optional<int> y = year_in_name(header.fields[c])) by_year.emplace(*y, c);
    }
    if (options.year && by_year.count(*options.year) != 0) {
      at.emplace("population", by_year.at(*options.year));
    } else if (!options.year && by_year.size() == 1) {
      at.emplace("population", by_year.begin()->second);
    } else if (!by_year.empty()) {
      std::string years;
      for (const auto& [y, c] : by_year)
        years += (years.empty() ? "" : ", ") + std::to_string(y);
      diags.error("budget.import.year", "/header",
                  options.year ? "no population column for " + std::to_string(*options.year) +
                                     "; the file has " + years
                               : "the file has a population column for each of " + years +
                                     "; choose one with --year");
      return out;
    }
  }
  for (std::string_view field : {"area", "age", "population"}) {
    if (at.find(field) == at.end() && !diags.has_errors()) {
      diags.error("budget.import.column", "/header",
                  "no column for " + std::string(field) + "; name it with --column " +
                      std::string(field) + "=HEADER");
    }
  }
  if (diags.has_errors()) return out;
  const auto col = [&](std::string_view f) {
    const auto it = at.find(f);
    return it == at.end() ? absent : it->second;
  };
  const std::size_t c_area = col("area");
  const std::size_t c_sex = col("sex");
  const std::size_t c_age = col("age");
  const std::size_t c_pop = col("population");
  const std::size_t c_year = col("year");

  // Pass 1: every row read.
  std::vector<read_row> rows;
  std::set<int> years;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const detail::csv_record& rec = records[r];
    ++out.rows_read;
    if (!detail::same_width(rec, header, "budget.import.cells", diags)) {
      ++out.rows_rejected;
      continue;
    }
    const auto cell = [&](std::size_t c) {
      return c == absent ? std::string_view() : detail::trim_blanks(rec.fields[c]);
    };
    read_row row;
    row.line = rec.line;
    bool ok = true;
    row.area = std::string(cell(c_area));
    if (row.area.empty()) {
      detail::row_error(diags, "budget.import.area", rec.line, "the area code is empty");
      ok = false;
    }
    if (c_sex != absent) {
      if (const std::optional<sex> s = sex_of(cell(c_sex))) {
        row.who = *s;
      } else {
        detail::row_error(diags, "budget.import.sex", rec.line,
                          "sex " + detail::quoted_cell(cell(c_sex)) +
                              " is not one estimates use (1 or Male, 2 or Female, Persons or All)");
        ok = false;
      }
    }
    if (const result<age_band> a = parse_estimate_age(cell(c_age))) {
      row.age = *a;
    } else {
      detail::row_error(diags, a.error().code, rec.line, a.error().message);
      ok = false;
    }
    if (const std::optional<std::int64_t> p = people_micro(cell(c_pop))) {
      row.people = *p;
    } else {
      detail::row_error(
          diags, "budget.import.population", rec.line,
          "population " + detail::quoted_cell(cell(c_pop)) +
              " is not a number of people (1234, 1,234, or up to six decimal places)");
      ok = false;
    }
    if (c_year != absent) {
      row.year = year_of(cell(c_year));
      if (!row.year) {
        detail::row_error(
            diags, "budget.import.year", rec.line,
            "year " + detail::quoted_cell(cell(c_year)) + " is not a year (2023, mid-2023)");
        ok = false;
      }
    }
    if (!ok) {
      ++out.rows_rejected;
      continue;
    }
    if (row.year) years.insert(*row.year);
    rows.push_back(std::move(row));
  }
  if (c_year != absent && !options.year && years.size() > 1) {
    std::string list;
    for (int y : years)
      list += (list.empty() ? "" : ", ") + std::to_string(y);
    diags.error("budget.import.year", "/header",
                "the file has estimates for " + list + "; choose one with --year");
    return out;
  }

  // Pass 2: which rows count. Per area: persons rows, or female and male rows.
  std::size_t other_years = 0;
  std::size_t other_areas = 0;
  std::size_t other_sexes = 0;
  std::size_t outside = 0;
  std::map<std::string, std::pair<bool, bool>, std::less<>> sexes;  // persons?, split?
  std::vector<std::string> area_order;
  std::vector<read_row*> kept;
  for (read_row& row : rows) {
    if (options.year && row.year && *row.year != *options.year) {
      ++other_years;
      continue;
    }
    if (!options.areas.empty() && options.areas.find(row.area) == options.areas.end()) {
      ++other_areas;
      continue;
    }
    auto [it, fresh] = sexes.try_emplace(row.area, false, false);
    if (fresh) area_order.push_back(row.area);
    (row.who == sex::persons ? it->second.first : it->second.second) = true;
    kept.push_back(&row);
  }
  // The file's highest single age: taken as "and over" (ONS writes 90 for 90 and over).
  int top = -1;
  bool has_open = false;
  for (const read_row* row : kept) {
    if (row->age.to) top = std::max(top, *row->age.to);
    has_open = has_open || !row->age.to;
  }
  bool top_read_as_open = false;

  using key = std::tuple<std::string, sex, std::size_t>;  // area, output sex, band index
  std::map<key, std::int64_t> sums;
  std::map<std::tuple<std::string, sex, int, int>, std::size_t> seen;    // source key → line
  std::map<std::pair<std::string, sex>, std::vector<age_band>> covered;  // by source sex
  for (read_row* row : kept) {
    const auto [has_persons, has_split] = sexes.at(row->area);
    const bool use_split = options.by_sex ? has_split : !has_persons;
    const bool is_split = row->who != sex::persons;
    if (is_split != use_split) {
      ++other_sexes;
      continue;
    }
    const sex out_sex = options.by_sex ? row->who : sex::persons;
    age_band age = row->age;
    if (!has_open && age.to && *age.to == top && !options.bands.back().to &&
        options.bands.back().from <= age.from && age.from == top) {
      // The highest single age in an open top band: read as "and over" for coverage.
      age.to.reset();
      top_read_as_open = true;
    }
    const auto source_key =
        std::tuple{row->area, row->who, row->age.from, row->age.to ? *row->age.to : -1};
    if (const auto [it, fresh] = seen.emplace(source_key, row->line); !fresh) {
      detail::row_error(diags, "budget.import.duplicate", row->line,
                        "area " + row->area + ", " + std::string(budget::to_string(row->who)) +
                            ", age " + row->age.to_string() + " is already counted at line " +
                            std::to_string(it->second));
      ++out.rows_rejected;
      continue;
    }
    std::optional<std::size_t> band;
    std::vector<std::size_t> touched;
    for (std::size_t b = 0; b < options.bands.size(); ++b) {
      if (holds(options.bands[b], age)) band = b;
      if (meet(options.bands[b], age)) touched.push_back(b);
    }
    if (!band) {
      if (touched.empty()) {
        ++outside;
        continue;
      }
      std::string names;
      for (std::size_t b : touched)
        names += (names.empty() ? "" : " and ") + options.bands[b].to_string();
      detail::row_error(diags, "budget.import.band", row->line,
                        "age " + row->age.to_string() + " falls across bands " + names +
                            "; it cannot be counted once");
      ++out.rows_rejected;
      continue;
    }
    std::int64_t& sum = sums[key{row->area, out_sex, *band}];
    std::int64_t total = 0;
    if (__builtin_add_overflow(sum, row->people, &total)) {
      detail::row_error(diags, "budget.import.population", row->line,
                        "the band's population passes what can be counted exactly");
      ++out.rows_rejected;
      continue;
    }
    sum = total;
    covered[{row->area, row->who}].push_back(age);
    ++out.rows_mapped;
  }
  if (top_read_as_open) {
    diags.add("budget.import.left_out", severity::info, "",
              "age " + std::to_string(top) + ", the highest in the file, is read as " +
                  std::to_string(top) + " and over, as ONS writes it, in the open band " +
                  options.bands.back().to_string());
  }

  // Every band of every area and sex used must be covered, age by age.
  for (auto& [who, ages] : covered) {
    std::sort(ages.begin(), ages.end(),
              [](const age_band& a, const age_band& b) { return a.from < b.from; });
    for (const age_band& band : options.bands) {
      int next = band.from;
      bool open_done = false;
      for (const age_band& a : ages) {
        if (!holds(band, a)) continue;
        if (a.from > next) break;
        if (!a.to) {
          open_done = true;
          break;
        }
        next = std::max(next, *a.to + 1);
      }
      const bool complete = band.to ? next > *band.to : open_done;
      if (!complete) {
        diags.error("budget.import.gap", "",
                    "area " + who.first + ", " + std::string(budget::to_string(who.second)) +
                        ": band " + band.to_string() + " lacks age " + std::to_string(next) +
                        (band.to ? std::string() : " (and the band's open end)") +
                        "; every age of a band must be in the estimates");
      }
    }
  }

  // The population: by area, sex and band, each band rounded half up to whole people once.
  bool fractional = false;
  for (const std::string& area : area_order) {
    for (sex s : {sex::persons, sex::female, sex::male}) {
      for (std::size_t b = 0; b < options.bands.size(); ++b) {
        const auto it = sums.find(key{area, s, b});
        if (it == sums.end()) continue;
        fractional = fractional || it->second % micro != 0;
        budget::population_row p;
        p.area = area;
        p.band = options.bands[b];
        p.sex = s;
        p.people = (it->second + micro / 2) / micro;
        const std::string band_text = options.bands[b].to_string();
        if (!options.need_weights.empty()) {
          const auto w = options.need_weights.find(band_text);
          if (w != options.need_weights.end()) p.need_weight = w->second;
        }
        out.population.rows.push_back(std::move(p));
      }
    }
    if (const auto m = options.market_forces.find(area); m != options.market_forces.end()) {
      out.population.market_forces.push_back({area, m->second});
    } else if (!options.market_forces.empty()) {
      diags.warning("budget.import.mff", "",
                    "area " + area + " has no market forces factor; it is taken as 1");
    }
  }
  for (const auto& [band_text, w] : options.need_weights) {
    if (std::none_of(options.bands.begin(), options.bands.end(),
                     [&](const age_band& b) { return b.to_string() == band_text; })) {
      diags.error("budget.import.weights", "",
                  "a need weight is given for band " + band_text + ", which is not in --bands");
    }
  }
  if (!options.need_weights.empty()) {
    for (const age_band& b : options.bands) {
      if (options.need_weights.find(b.to_string()) == options.need_weights.end()) {
        diags.error("budget.import.weights", "",
                    "band " + b.to_string() + " has no need weight in the weights file");
      }
    }
  }
  if (fractional) {
    diags.add("budget.import.left_out", severity::info, "",
              "populations with decimals (projections) were summed exactly and each band "
              "rounded half up to whole people");
  }
  const auto left_out = [&](std::size_t n, const std::string& why) {
    if (n != 0) {
      out.rows_left_out += n;
      diags.add("budget.import.left_out", severity::info, "",
                std::to_string(n) + " row(s) left out: " + why);
    }
  };
  left_out(other_years, "other years than --year");
  left_out(other_areas, "areas not named by --area");
  left_out(other_sexes, options.by_sex ? "persons rows, where female and male rows are given"
                                       : "female and male rows, where persons rows are given");
  left_out(outside, "ages in none of the bands");
  if (out.rows_read == 0) {
    diags.error("budget.import.empty", "", "the estimates have a header but no rows");
  }
  out.csv = write_population_csv(out.population);
  // What is written must read back as written: the capitation reader's own checks.
  diagnostics back;
  (void)read_population_csv(out.csv, back);
  for (const diagnostic& d : back) {
    if (d.is_error()) diags.add(d);
  }
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
