// joinedup: a finance system's ledger export read into the ledger CSV
// (docs/budget-import-ledger.md).
#include "joinedup/io/ledger_import.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "csv_split.hpp"
#include "joinedup/budget/ledger.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/date_format.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/ledger_csv.hpp"
#include "joinedup/report/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

using detail::trim_blanks;

using detail::fold_header;

/// True when `s` ends with `suffix`, ignoring ASCII case.
bool ends_with_folded(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return fold_header(s.substr(s.size() - suffix.size())) == suffix;
}

/// A number in E notation ("1.2E+05", "-3e2") as exact pence; nullopt when it is not one.
std::optional<result<money>> e_notation(std::string_view t) {
  const std::size_t e = t.find_first_of("eE");
  if (e == std::string_view::npos) return std::nullopt;
  std::string_view mant = t.substr(0, e);
  std::string_view expo = t.substr(e + 1);
  bool neg = false;
  if (!mant.empty() && (mant.front() == '-' || mant.front() == '+')) {
    neg = mant.front() == '-';
    mant.remove_prefix(1);
  }
  int sign = 1;
  if (!expo.empty() && (expo.front() == '-' || expo.front() == '+')) {
    sign = expo.front() == '-' ? -1 : 1;
    expo.remove_prefix(1);
  }
  const auto syntax = [&] {
    return fail("core.money.syntax",
                "amount \"" + std::string(t) + "\" is not a number in E notation (e.g. 1.2E+05)");
  };
  if (mant.empty() || expo.empty() || expo.size() > 3) return syntax();
  std::string digits;
  std::size_t frac = 0;
  bool point = false;
  for (const char c : mant) {
    if (c == '.' && !point) {
      point = true;
    } else if (c >= '0' && c <= '9') {
      digits += c;
      if (point) ++frac;
    } else {
      return syntax();
    }
  }
  if (digits.empty()) return syntax();
  int exp10 = 0;
  for (const char c : expo) {
    if (c < '0' || c > '9') return syntax();
    exp10 = exp10 * 10 + (c - '0');
  }
  exp10 *= sign;
  // value = digits × 10^(exp10 − frac); in pence: × 10^(exp10 − frac + 2).
  const int shift = exp10 - static_cast<int>(frac) + 2;
  while (digits.size() > 1 && digits.front() == '0')
    digits.erase(0, 1);
  if (shift < 0) {
    const auto cut = static_cast<std::size_t>(-shift);
    const std::size_t keep = digits.size() > cut ? digits.size() - cut : 0;
    const std::string dropped = digits.substr(keep);
    if (dropped.find_first_not_of('0') != std::string::npos) {
      return fail("core.money.precision", "amount \"" + std::string(t) +
                                              "\" has more than two decimal places; round it "
                                              "at source");
    }
    digits = keep == 0 ? "0" : digits.substr(0, keep);
  } else {
    digits.append(static_cast<std::size_t>(shift), '0');
  }
  if (digits.size() > 18) {
    return fail("core.money.range",
                "amount \"" + std::string(t) + "\" is outside the range of money");
  }
  std::int64_t pence = 0;
  for (const char c : digits)
    pence = pence * 10 + (c - '0');
  return result<money>(money::from_pence(neg ? -pence : pence));
}

/// A cell for a message: at most 60 characters, then "…".
std::string shown(std::string_view cell) {
  if (cell.size() <= 60) return std::string(cell);
  return std::string(cell.substr(0, 60)) + "\u2026";
}

/// Why an amount was refused, from its code, in words.
std::string why(std::string_view code) {
  if (code == "core.money.precision")
    return "has more than two decimal places (round it at source)";
  if (code == "core.money.range") return "is outside the range of money";
  return "is not a sum of money (forms: 1234.56, \u00a31,234.56, (1,234.56), 1,234.56-, "
         "1234.56 CR, 1.2E+05)";
}

}  // namespace

result<money> parse_export_amount(std::string_view text) {
  std::string_view t = trim_blanks(text);
  bool negate = false;
  if (ends_with_folded(t, "cr")) {
    negate = true;
    t = trim_blanks(t.substr(0, t.size() - 2));
  } else if (ends_with_folded(t, "dr")) {
    t = trim_blanks(t.substr(0, t.size() - 2));
  }
  if (!t.empty() && t.back() == '-') {
    negate = !negate;
    t = trim_blanks(t.substr(0, t.size() - 1));
  }
  result<money> m = [&]() -> result<money> {
    if (std::optional<result<money>> e = e_notation(t)) return std::move(*e);
    return money::parse(t);
  }();
  if (!m || !negate) return m;
  if (m->is_negative()) {
    return fail("core.money.syntax", "amount \"" + std::string(text) + "\" is negative twice");
  }
  return result<money>(-*m);
}

void read_code_map(std::string_view csv, std::string_view name,
                   std::map<std::string, std::string, std::less<>>& into, diagnostics& diags) {
  const std::vector<detail::csv_record> records = detail::split_csv(csv);
  for (std::size_t r = 0; r < records.size(); ++r) {
    const detail::csv_record& rec = records[r];
    const std::string at = "/rows/" + std::to_string(rec.line);
    if (r == 0 && !rec.fields.empty() && fold_header(rec.fields[0]) == "code") continue;
    if (rec.fields.size() < 2 || trim_blanks(rec.fields[0]).empty() ||
        trim_blanks(rec.fields[1]).empty()) {
      diags.error("budget.import.map", at,
                  std::string(name) + " line " + std::to_string(rec.line) +
                      ": expected two cells, the export's code and the value it maps to");
      continue;
    }
    const std::string code(trim_blanks(rec.fields[0]));
    const std::string value(trim_blanks(rec.fields[1]));
    const auto [it, inserted] = into.emplace(code, value);
    if (!inserted && it->second != value) {
      diags.error("budget.import.map", at,
                  std::string(name) + " line " + std::to_string(rec.line) + ": code '" + code +
                      "' is mapped to '" + it->second + "' already, and now to '" + value + "'");
    }
  }
}

ledger_import import_ledger(std::string_view export_csv, const ledger_import_options& options,
                            diagnostics& diags) {
  ledger_import out;
  const std::vector<detail::csv_record> records = detail::split_csv(export_csv);
  if (records.empty()) {
    diags.error("budget.import.empty", "", "the export has no header row and no rows");
    return out;
  }
  // The header: each field's column, by the name given or its own name.
  const detail::csv_record& header = records.front();
  constexpr std::array<std::string_view, 7> fields = {"date",      "amount", "line",  "kind",
                                                      "reference", "debit",  "credit"};
  std::array<std::optional<std::size_t>, 7> col{};
  bool missing = false;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const auto named = options.columns.find(fields[f]);
    const std::string want =
        fold_header(named != options.columns.end() ? named->second : fields[f]);
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
      if (fold_header(header.fields[c]) == want) {
        col[f] = c;
        break;
      }
    }
    if (!col[f] && named != options.columns.end()) {
      diags.error(
          "budget.import.column", "/header",
          "the export has no column '" + named->second + "' for " + std::string(fields[f]) +
              "; its columns are: " + [&] {
                std::string list;
                for (const std::string& h : header.fields)
                  list += (list.empty() ? "" : ", ") + std::string(trim_blanks(h));
                return list;
              }());
      missing = true;
    }
  }
  enum { date, amount, line, kind, reference, debit, credit };
  const bool by_debit_credit = !col[amount] && col[debit] && col[credit];
  for (const int f : {date, amount, line}) {
    const auto i = static_cast<std::size_t>(f);
    if (col[i] || (f == amount && by_debit_credit)) continue;
    if (options.columns.count(fields[i]) != 0) continue;  // its named column is reported above
    diags.error("budget.import.column", "/header",
                "the export has no '" + std::string(fields[i]) +
                    "' column; name it with --column " + std::string(fields[i]) + "=\"…\"" +
                    (f == amount ? " (or give --column debit=… and --column credit=…)" : ""));
    missing = true;
  }
  if (missing) return out;

  out.csv = std::string(ledger_csv_header) + "\n";
  for (std::size_t r = 1; r < records.size(); ++r) {
    const detail::csv_record& rec = records[r];
    ++out.rows_read;
    const std::string at = "/rows/" + std::to_string(rec.line);
    const std::string where = "line " + std::to_string(rec.line) + ": ";
    auto cell = [&](int f) -> std::string_view {
      const std::optional<std::size_t>& c = col[static_cast<std::size_t>(f)];
      if (!c || *c >= rec.fields.size()) return {};
      return trim_blanks(rec.fields[*c]);
    };
    bool ok = true;
    // Date.
    const result<std::chrono::year_month_day> d = parse_date(cell(date), options.date_format);
    if (!d) {
      diags.error("budget.import.date", at,
                  where + "date '" + shown(cell(date)) + "' does not match " + options.date_format);
      ok = false;
    }
    // Amount, or debit − credit.
    std::optional<money> value;
    if (!by_debit_credit) {
      const result<money> a = parse_export_amount(cell(amount));
      if (a) {
        value = *a;
      } else {
        diags.error("budget.import.amount", at,
                    where + "amount '" + shown(cell(amount)) + "' " + why(a.error().code));
      }
    } else {
      const std::string_view dr = cell(debit);
      const std::string_view cr = cell(credit);
      const result<money> a = dr.empty() ? result<money>(money{}) : parse_export_amount(dr);
      const result<money> b = cr.empty() ? result<money>(money{}) : parse_export_amount(cr);
      if (!a) {
        diags.error("budget.import.amount", at,
                    where + "debit '" + shown(dr) + "' " + why(a.error().code));
      }
      if (!b) {
        diags.error("budget.import.amount", at,
                    where + "credit '" + shown(cr) + "' " + why(b.error().code));
      }
      if (a && b) value = *a - *b;
    }
    ok = ok && value.has_value();
    // Line.
    const std::string code(cell(line));
    std::string line_id = code;
    if (!options.line_map.empty()) {
      const auto it = options.line_map.find(code);
      if (it != options.line_map.end()) {
        line_id = it->second;
      } else if (!options.unmapped_line.empty()) {
        line_id = options.unmapped_line;
      } else {
        diags.error(
            "budget.import.line", at,
            where + "code '" + shown(code) + "' is not in the line map (or give --unmapped LINE)");
        ok = false;
      }
    }
    if (line_id.empty()) {
      diags.error("budget.import.line", at, where + "the line is empty");
      ok = false;
    } else if (ok && !options.fund_lines.empty() && options.fund_lines.count(line_id) == 0) {
      diags.error(
          "budget.import.line", at,
          where + "line '" + shown(line_id) + "' is not a line of the fund" +
              (options.line_map.empty() ? " (map the export's codes with --line-map)" : ""));
      ok = false;
    }
    // Kind.
    std::string kind_text = col[kind] ? std::string(cell(kind)) : std::string("actual");
    if (!options.kind_map.empty() && col[kind]) {
      const auto it = options.kind_map.find(kind_text);
      if (it != options.kind_map.end()) kind_text = it->second;
    }
    const std::optional<budget::transaction_kind> k =
        budget::parse_transaction_kind(fold_header(kind_text));
    if (!k) {
      diags.error(
          "budget.import.kind", at,
          where + "kind '" + kind_text +
              "' is not actual, accrual, commitment or adjustment (map it with --kind-map)");
      ok = false;
    }
    if (!ok) {
      ++out.rows_rejected;
      continue;
    }
    ++out.rows_mapped;
    out.csv += to_iso_string(*d) + "," + report::csv_field(line_id) + "," +
               value->to_string(money_style::decimal) + "," + std::string(budget::to_string(*k)) +
               "," + report::csv_field(std::string(cell(reference))) + "\n";
  }
  if (out.rows_read == 0)
    diags.error("budget.import.empty", "", "the export has a header but no rows");
  return out;
}

void read_import_rules(std::string_view text, const std::string& dir, ledger_import_rules& into,
                       diagnostics& diags) {
  std::vector<std::string> columns;
  for (const detail::rules_line& rl : detail::split_rules(text)) {
    const std::size_t n = rl.line;
    const std::string& key = rl.key;
    const std::string& value = rl.value;
    const auto relative = [&](const std::string& p) {
      return p.empty() || std::filesystem::path(p).is_absolute()
                 ? p
                 : (std::filesystem::path(dir) / p).string();
    };
    if (key == "column") {
      columns.push_back(value);
    } else if (key == "date-format") {
      if (into.date_format.empty()) into.date_format = value;
    } else if (key == "line-map") {
      if (into.line_map.empty()) into.line_map = relative(value);
    } else if (key == "kind-map") {
      if (into.kind_map.empty()) into.kind_map = relative(value);
    } else if (key == "unmapped") {
      if (into.unmapped.empty()) into.unmapped = value;
    } else {
      diags.error("budget.import.rules", "/rules/" + std::to_string(n),
                  "rules line " + std::to_string(n) + ": '" + shown(key) +
                      "' is not one of column, date-format, line-map, kind-map, unmapped");
    }
  }
  into.columns.insert(into.columns.begin(), columns.begin(), columns.end());
}

ledger_import_options import_options_from(const ledger_import_rules& rules, diagnostics& diags) {
  ledger_import_options o;
  for (std::size_t i = 0; i < rules.columns.size(); ++i) {
    const std::string& spec = rules.columns[i];
    const std::size_t eq = spec.find('=');
    const std::string field = eq == std::string::npos ? std::string() : spec.substr(0, eq);
    constexpr std::array<std::string_view, 7> known = {"date",      "amount", "line",  "kind",
                                                       "reference", "debit",  "credit"};
    if (eq == std::string::npos || std::find(known.begin(), known.end(), field) == known.end()) {
      diags.error("budget.import.rules", "/columns/" + std::to_string(i),
                  "column '" + shown(spec) +
                      "': expected FIELD=HEADER with FIELD one of date, amount, line, kind, "
                      "reference, debit, credit");
      continue;
    }
    o.columns[field] = spec.substr(eq + 1);
  }
  if (!rules.date_format.empty()) o.date_format = rules.date_format;
  const auto load = [&](const std::string& file, std::string_view name,
                        std::map<std::string, std::string, std::less<>>& into) {
    if (file.empty()) return;
    const result<std::string> text = read_file(file);
    if (!text) {
      diags.error(text.error().code, "", std::string(name) + ": " + text.error().message);
      return;
    }
    read_code_map(*text, name, into, diags);
  };
  load(rules.line_map, "line-map", o.line_map);
  load(rules.kind_map, "kind-map", o.kind_map);
  o.unmapped_line = rules.unmapped;
  return o;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
