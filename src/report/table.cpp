// joinedup: the one renderer of output tables: aligned text, one JSON document, one CSV table.
#include "joinedup/report/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>

#include "joinedup/core/format.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/report/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

namespace {

using json = nlohmann::ordered_json;

/// Display width of UTF-8 text: code points, not bytes (a "£" is one column).
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

/// True for the kinds that are numbers and so right-aligned in text.
bool right_aligned(column_kind k) {
  return k == column_kind::integer || k == column_kind::money || k == column_kind::decimal ||
         k == column_kind::percent;
}

/// The cell at `c` of `row`, or null (empty) past the end of a short row.
const cell& cell_at(const std::vector<cell>& row, std::size_t c) {
  static const cell empty;
  return c < row.size() ? row[c] : empty;
}

/// A whole number written in C locale, or nullopt.
std::optional<std::int64_t> parse_integer(std::string_view v) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return n;
}

/// A finite number written in C locale, or nullopt ("nan" and "inf" are not JSON numbers).
std::optional<double> parse_number(std::string_view v) {
  double d = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

/// A cell as a JSON value of its column's kind: null when empty; a number, or true/false, when
/// it reads as one; a string otherwise (so a malformed cell is kept, never dropped).
json json_value(const cell& v, column_kind k) {
  if (v.empty()) return nullptr;
  switch (k) {
    case column_kind::integer:
      if (const auto n = parse_integer(v)) return *n;
      if (const auto d = parse_number(v)) return *d;
      break;
    case column_kind::decimal:
    case column_kind::percent:
      if (const auto n = parse_integer(v)) return *n;
      if (const auto d = parse_number(v)) return *d;
      break;
    case column_kind::boolean:
      if (v == "true") return true;
      if (v == "false") return false;
      break;
    case column_kind::text:
    case column_kind::money:
    case column_kind::date:
      break;
  }
  return v;
}

/// Dumps a document: indented by 2, invalid UTF-8 replaced so that it never throws.
std::string dump(const json& doc) {
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

/// One table as a JSON object (without schema or diagnostics).
json table_json(const table& t, bool with_name) {
  json out = json::object();
  if (with_name || !t.name.empty()) out["name"] = t.name;
  out["title"] = t.title;
  json cols = json::array();
  for (const column& c : t.columns)
    cols.push_back(json{{"name", c.name}, {"kind", std::string(to_string(c.kind))}});
  out["columns"] = std::move(cols);
  json rows = json::array();
  for (const std::vector<cell>& row : t.rows) {
    json item = json::object();
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      item[t.columns[c].name] = json_value(cell_at(row, c), t.columns[c].kind);
    rows.push_back(std::move(item));
  }
  out["rows"] = std::move(rows);
  return out;
}

/// The diagnostics as a JSON array: {"code", "severity", "path", "message", "line"?}.
json diagnostics_json(const diagnostics& diags) {
  json out = json::array();
  for (const diagnostic& d : diags) {
    json item = json{{"code", d.code},
                     {"severity", std::string(to_string(d.severity))},
                     {"path", d.path},
                     {"message", d.message}};
    if (d.line) item["line"] = *d.line;
    out.push_back(std::move(item));
  }
  return out;
}

/// A document with the options' schema first and their diagnostics last.
std::string document(json body, const render_options& o) {
  json doc = json::object();
  if (!o.schema.empty()) doc["schema"] = std::string(o.schema);
  for (auto it = body.begin(); it != body.end(); ++it)
    doc[it.key()] = std::move(it.value());
  if (o.diags != nullptr && !o.diags->empty()) doc["diagnostics"] = diagnostics_json(*o.diags);
  return dump(doc);
}

/// The aligned text form of one table.
std::string render_text(const table& t) {
  const std::size_t n = t.columns.size();
  std::vector<std::vector<std::string>> shown;
  shown.reserve(t.rows.size());
  std::vector<std::size_t> w(n, 0);
  for (std::size_t c = 0; c < n; ++c)
    w[c] = width(t.columns[c].name);
  for (const std::vector<cell>& row : t.rows) {
    std::vector<std::string> line(n);
    for (std::size_t c = 0; c < n; ++c) {
      line[c] = display_text(cell_at(row, c), t.columns[c].kind);
      w[c] = std::max(w[c], width(line[c]));
    }
    shown.push_back(std::move(line));
  }
  std::string out;
  if (!t.title.empty()) out += t.title + "\n";
  const auto write = [&](const auto& value_of) {
    std::string l;
    for (std::size_t c = 0; c < n; ++c) {
      const std::string& v = value_of(c);
      const std::size_t pad = w[c] - std::min(w[c], width(v));
      if (c > 0) l += "  ";
      if (right_aligned(t.columns[c].kind)) l.append(pad, ' ');
      l += v;
      if (!right_aligned(t.columns[c].kind)) l.append(pad, ' ');
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += l + "\n";
  };
  write([&](std::size_t c) -> const std::string& { return t.columns[c].name; });
  for (const std::vector<std::string>& line : shown)
    write([&](std::size_t c) -> const std::string& { return line[c]; });
  if (t.rows.empty()) out += "(no rows)\n";
  return out;
}

/// The CSV form of one table: a header row, then the rows, every field through csv_field.
std::string render_csv(const table& t) {
  std::string out;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    out += (c > 0 ? "," : "") + csv_field(t.columns[c].name);
  out += "\n";
  for (const std::vector<cell>& row : t.rows) {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      out += (c > 0 ? "," : "") + csv_field(cell_at(row, c));
    out += "\n";
  }
  return out;
}

}  // namespace

std::string_view to_string(column_kind k) noexcept {
  switch (k) {
    case column_kind::text:
      return "text";
    case column_kind::integer:
      return "integer";
    case column_kind::money:
      return "money";
    case column_kind::decimal:
      return "decimal";
    case column_kind::percent:
      return "percent";
    case column_kind::date:
      return "date";
    case column_kind::boolean:
      return "boolean";
  }
  return "text";
}

/// A cell as people read it: money with £ and thousands separators, percent with %, booleans
/// yes/no; other kinds (and anything that does not parse as its kind) as written.
std::string display_text(const cell& v, column_kind k) {
  if (v.empty()) return v;
  switch (k) {
    case column_kind::money:
      if (const result<money> m = money::parse(v)) return fmt::format("{}", *m);
      return v;
    case column_kind::percent:
      return v + "%";
    case column_kind::boolean:
      return v == "true" ? "yes" : v == "false" ? "no" : v;
    case column_kind::text:
    case column_kind::integer:
    case column_kind::decimal:
    case column_kind::date:
      break;
  }
  return v;
}

std::string render(const table& t, output_format format, const render_options& options) {
  switch (format) {
    case output_format::table:
      return render_text(t);
    case output_format::csv:
      return render_csv(t);
    case output_format::json:
      return document(table_json(t, false), options);
    case output_format::xlsx:  // binary, and it can fail: render_xlsx (report/xlsx.hpp)
      return {};
  }
  return {};
}

std::string render(const std::vector<table>& tables, output_format format,
                   const render_options& options) {
  switch (format) {
    case output_format::table: {
      std::string out;
      for (std::size_t i = 0; i < tables.size(); ++i)
        out += (i > 0 ? "\n" : "") + render_text(tables[i]);
      return out;
    }
    case output_format::csv:
      return tables.empty() ? std::string() : render_csv(tables.front());
    case output_format::json: {
      json all = json::array();
      for (const table& t : tables)
        all.push_back(table_json(t, true));
      return document(json{{"tables", std::move(all)}}, options);
    }
    case output_format::xlsx:  // binary, and it can fail: render_xlsx (report/xlsx.hpp)
      return {};
  }
  return {};
}

const table* find_table(const std::vector<table>& tables, std::string_view name) noexcept {
  for (const table& t : tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

namespace {

/// Builds a table from JSON values: columns in the order first seen, kinds from the values.
class json_table_builder {
 public:
  /// Starts a new row.
  void next_row() { rows_.emplace_back(); }

  /// Sets `name` in the current row to `v` (a nested object or array as compact JSON).
  void put(const std::string& name, const json& v) {
    auto [it, added] = index_.try_emplace(name, names_.size());
    if (added) names_.push_back(name);
    rows_.back()[it->second] = v;
  }

  /// A nested object's members as `prefix.member`; anything else as `prefix`.
  void put_flat(const std::string& name, const json& v) {
    if (!v.is_object()) {
      put(name, v);
      return;
    }
    for (auto it = v.begin(); it != v.end(); ++it)
      put(name + "." + it.key(), it.value());
  }

  /// The finished table.
  table finish(std::string name, std::string title) const {
    table t;
    t.name = std::move(name);
    t.title = std::move(title);
    for (std::size_t c = 0; c < names_.size(); ++c)
      t.columns.push_back({names_[c], kind_of(c)});
    for (const std::map<std::size_t, json>& r : rows_) {
      std::vector<cell> row(names_.size());
      for (const auto& [c, v] : r)
        row[c] = text_of(v);
      t.rows.push_back(std::move(row));
    }
    return t;
  }

 private:
  /// A value as a cell: strings as they are, numbers and booleans as JSON writes them, NaN and
  /// null empty, arrays and objects as compact JSON.
  static cell text_of(const json& v) {
    if (v.is_null()) return {};
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_float() && !std::isfinite(v.get<double>())) return {};
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  /// integer, decimal or boolean when every non-null value of column `c` is one; else text.
  column_kind kind_of(std::size_t c) const {
    bool any = false;
    bool all_int = true;
    bool all_num = true;
    bool all_bool = true;
    for (const std::map<std::size_t, json>& r : rows_) {
      const auto it = r.find(c);
      if (it == r.end() || it->second.is_null()) continue;
      const json& v = it->second;
      any = true;
      all_int = all_int && (v.is_number_integer() || v.is_number_unsigned());
      all_num = all_num && v.is_number();
      all_bool = all_bool && v.is_boolean();
    }
    if (!any) return column_kind::text;
    if (all_int) return column_kind::integer;
    if (all_num) return column_kind::decimal;
    if (all_bool) return column_kind::boolean;
    return column_kind::text;
  }

  std::vector<std::string> names_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::map<std::size_t, json>> rows_;
};

/// True for an array whose elements are all objects.
bool array_of_objects(const json& v) {
  return v.is_array() &&
         std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_object(); });
}

}  // namespace

table table_from_json_objects(std::string name, std::string title,
                              const std::vector<std::string>& objects, std::string_view explode) {
  json_table_builder b;
  const std::string ex(explode);
  for (const std::string& text : objects) {
    const json obj = json::parse(text, nullptr, false);
    if (!obj.is_object()) {
      b.next_row();
      b.put("text", text);
      continue;
    }
    const auto many = ex.empty() ? obj.end() : obj.find(ex);
    if (many == obj.end() || !array_of_objects(*many) || many->empty()) {
      b.next_row();
      for (auto it = obj.begin(); it != obj.end(); ++it)
        b.put_flat(it.key(), it.value());
      continue;
    }
    for (const json& element : *many) {
      b.next_row();
      // The object's own members; arrays are exploded, joined or repeated per element, except
      // arrays of objects that are neither (such as "warnings"), kept as compact JSON.
      for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key() == ex) continue;
        if (it->is_array()) {
          const bool joined = it.key().size() > 1 && it.key().back() == 's' &&
                              element.contains(it.key().substr(0, it.key().size() - 1));
          if (joined || !array_of_objects(*it) || it->empty()) continue;
        }
        b.put_flat(it.key(), it.value());
      }
      for (auto it = element.begin(); it != element.end(); ++it) {
        const std::string col = obj.contains(it.key()) ? ex + "." + it.key() : it.key();
        b.put_flat(col, it.value());
        // A 1-based position into a sibling array of objects ("group" into "groups").
        const auto sibling = obj.find(it.key() + "s");
        if (sibling == obj.end() || !array_of_objects(*sibling) || !it->is_number_integer()) {
          continue;
        }
        const auto at = it->get<std::int64_t>();
        if (at < 1 || static_cast<std::uint64_t>(at) > sibling->size()) continue;
        const json& joined = (*sibling)[static_cast<std::size_t>(at - 1)];
        for (auto m = joined.begin(); m != joined.end(); ++m)
          b.put_flat(it.key() + "." + m.key(), m.value());
      }
    }
  }
  return b.finish(std::move(name), std::move(title));
}

}  // namespace report
JOINEDUP_END_NAMESPACE
