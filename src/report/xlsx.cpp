// joinedup: report tables as an Excel workbook, written with libxlsxwriter (as the fund workbook
// in src/io/fund_workbook.cpp is). Every cell's text is turned into the typed value its column
// kind promises, or written as text when it does not fit; nothing here throws on a table's
// contents. docs/formats.md, "Output: xlsx".
#include "joinedup/report/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/file.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {
namespace {

/// Excel's last column is XFD: 16,384 columns.
constexpr std::size_t max_columns = 16'384;
/// The largest whole number a double holds exactly (2^53).
constexpr std::int64_t exact_limit = std::int64_t{1} << 53;
/// Column widths, in characters.
constexpr double min_width = 8;
constexpr double max_width = 60;
/// Rows looked at to size a column.
constexpr std::size_t rows_sized = 1000;

/// The number of code points in well-formed UTF-8.
std::size_t code_points(std::string_view text) noexcept {
  std::size_t n = 0;
  for (char c : text)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// `text` as well-formed UTF-8 an Excel cell can hold: invalid bytes become U+FFFD, control
/// characters other than tab, line feed and carriage return are dropped, and at most
/// `max_chars` code points are kept. `cut` is set when anything was cut off.
std::string cell_text(std::string_view text, std::size_t max_chars, bool& cut) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars * 4));
  std::size_t chars = 0;
  cut = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = detail::utf8_sequence_length(text, i);
    const auto b = static_cast<unsigned char>(text[i]);
    if (n == 1 && (b < 0x20 || b == 0x7F) && b != '\t' && b != '\n' && b != '\r') {
      ++i;
      continue;
    }
    if (chars == max_chars) {
      cut = true;
      break;
    }
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
    ++chars;
  }
  return out;
}

/// ASCII lower case, for comparing sheet names as Excel does.
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// The longest prefix of well-formed UTF-8 `s` with at most `chars` code points.
std::string first_chars(std::string_view s, std::size_t chars) {
  std::size_t end = 0;
  std::size_t n = 0;
  while (end < s.size() && n < chars) {
    end += std::max<std::size_t>(detail::utf8_sequence_length(s, end), 1);
    ++n;
  }
  return std::string(s.substr(0, std::min(end, s.size())));
}

/// A number from a cell's text, when it is a finite C-locale number.
std::optional<double> number_of(std::string_view text) {
  double v = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || !std::isfinite(v)) return std::nullopt;
  return v;
}

/// The workbook being written: its formats and the notes it makes.
class writer {
 public:
  writer(lxw_workbook* wb, const xlsx_options& o) : wb_(wb), options_(o) {
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    heading_ = workbook_add_format(wb_);
    format_set_bold(heading_);
    format_set_font_size(heading_, 14);
    money_ = workbook_add_format(wb_);
    format_set_num_format(money_, "\xC2\xA3#,##0.00");
    percent_ = workbook_add_format(wb_);
    format_set_num_format(percent_, "0.0#\"%\"");
    date_ = workbook_add_format(wb_);
    format_set_num_format(date_, "yyyy-mm-dd");
    link_ = workbook_add_format(wb_);
    format_set_underline(link_, LXW_UNDERLINE_SINGLE);
    format_set_font_color(link_, LXW_COLOR_BLUE);
  }

  bool ok = true;       ///< false once libxlsxwriter refused something
  diagnostics notes;    ///< report.xlsx.truncated
  lxw_format* header_;  ///< header rows
  lxw_format* heading_;
  lxw_format* money_;
  lxw_format* percent_;
  lxw_format* date_;
  lxw_format* link_;

  /// Notes a libxlsxwriter error.
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR) ok = false;
  }

  /// Writes text as a string cell (never a formula), cut to Excel's limit with a note.
  void text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view t, lxw_format* format,
            const std::string& where) {
    bool cut = false;
    const std::string s = cell_text(t, xlsx_max_cell_chars, cut);
    if (cut) {
      notes.warning("report.xlsx.truncated", where,
                    "a text of more than " + std::to_string(xlsx_max_cell_chars) +
                        " characters (Excel's limit for a cell) was cut to that length");
    }
    if (s.empty()) return;
    check(worksheet_write_string(ws, row, col, s.c_str(), format));
  }

  /// Writes one cell of a table by its column's kind.
  void typed(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, column_kind k, const std::string& v,
             const std::string& where) {
    if (v.empty()) return;  // null: an empty cell
    switch (k) {
      case column_kind::text:
        break;
      case column_kind::integer: {
        // a whole number's digits are compared with 2^53 exactly, not as a double (2^53 + 1
        // would read as 2^53); another form ("1e3") as a number within ±2^53
        std::int64_t whole = 0;
        const char* last = v.data() + v.size();
        const auto [ptr, ec] = std::from_chars(v.data(), last, whole);
        if (ptr == last || ec == std::errc::result_out_of_range) {
          if (ec == std::errc() && whole <= exact_limit && whole >= -exact_limit) {
            check(worksheet_write_number(ws, row, col, static_cast<double>(whole), nullptr));
            return;
          }
          break;
        }
        if (const std::optional<double> n = number_of(v)) {
          if (std::fabs(*n) <= static_cast<double>(exact_limit)) {
            check(worksheet_write_number(ws, row, col, *n, nullptr));
            return;
          }
        }
        break;
      }
      case column_kind::decimal:
      case column_kind::percent:
        if (const std::optional<double> n = number_of(v)) {
          check(worksheet_write_number(ws, row, col, *n,
                                       k == column_kind::percent ? percent_ : nullptr));
          return;
        }
        break;
      case column_kind::money:
        if (const result<money> m = money::parse(v);
            m && m->pence() <= exact_limit && m->pence() >= -exact_limit) {
          // pence and 100 are exact doubles and the division is correctly rounded: the value
          // is the double nearest the amount, the one a reader gets from "1234.50".
          check(worksheet_write_number(ws, row, col, static_cast<double>(m->pence()) / 100.0,
                                       money_));
          return;
        }
        break;
      case column_kind::date:
        if (const result<std::chrono::year_month_day> d = parse_iso_date(v);
            d && static_cast<int>(d->year()) >= 1900 && static_cast<int>(d->year()) <= 9999) {
          lxw_datetime dt{static_cast<int>(d->year()),
                          static_cast<int>(static_cast<unsigned>(d->month())),
                          static_cast<int>(static_cast<unsigned>(d->day())),
                          0,
                          0,
                          0.0};
          check(worksheet_write_datetime(ws, row, col, &dt, date_));
          return;
        }
        break;
      case column_kind::boolean:
        if (v == "true" || v == "false") {
          check(worksheet_write_boolean(ws, row, col, v == "true" ? 1 : 0, nullptr));
          return;
        }
        break;
    }
    text(ws, row, col, v, nullptr, where);
  }

  /// Writes one table on its own sheet.
  void table_sheet(const table& t, std::size_t index, const std::string& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, sheet.c_str());
    if (ws == nullptr) {
      ok = false;
      return;
    }
    const std::string at = "/tables/" + std::to_string(index);
    std::size_t columns = t.columns.size();
    if (columns > max_columns) {
      notes.warning("report.xlsx.truncated", at + "/columns",
                    "table '" + sheet + "' has " + std::to_string(columns) +
                        " columns; Excel holds " + std::to_string(max_columns) +
                        ", so the rest are left out");
      columns = max_columns;
    }
    const std::size_t limit = std::min(options_.max_rows, xlsx_max_rows);
    std::size_t rows = t.rows.size();
    if (rows > limit) {
      notes.warning("report.xlsx.truncated", at + "/rows",
                    "table '" + sheet + "' has " + std::to_string(rows) + " rows; the sheet " +
                        "holds the first " + std::to_string(limit) + " (Excel's limit is " +
                        std::to_string(xlsx_max_rows) + " below the header)");
      rows = limit;
    }
    for (std::size_t c = 0; c < columns; ++c) {
      const column& col = t.columns[c];
      const auto x = static_cast<lxw_col_t>(c);
      std::size_t width = code_points(col.name) + 3;  // room for the filter button
      for (std::size_t r = 0; r < std::min(rows, rows_sized); ++r) {
        if (c < t.rows[r].size()) width = std::max(width, code_points(t.rows[r][c]) + 1);
      }
      if (col.kind == column_kind::money) width += 4;  // "£" and thousands separators
      check(worksheet_set_column(
          ws, x, x, std::clamp(static_cast<double>(width), min_width, max_width), nullptr));
      text(ws, 0, x, col.name, header_, at + "/columns/" + std::to_string(c));
    }
    for (std::size_t r = 0; r < rows; ++r) {
      const std::vector<report::cell>& cells = t.rows[r];
      for (std::size_t c = 0; c < std::min(columns, cells.size()); ++c) {
        typed(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), t.columns[c].kind,
              cells[c], at + "/rows/" + std::to_string(r) + "/" + t.columns[c].name);
      }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (columns > 0) {
      check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows),
                                 static_cast<lxw_col_t>(columns - 1)));
    }
  }

  /// The Contents sheet: the title, then a row per table with a link to its sheet.
  void contents(const std::vector<table>& tables, const std::vector<std::string>& sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, "Contents");
    if (ws == nullptr) {
      ok = false;
      return;
    }
    check(worksheet_set_column(ws, 0, 0, 34, nullptr));
    check(worksheet_set_column(ws, 1, 1, 70, nullptr));
    check(worksheet_set_column(ws, 2, 2, 10, nullptr));
    text(ws, 0, 0, options_.title.empty() ? std::string_view("joinedup report") : options_.title,
         heading_, "/title");
    check(worksheet_write_string(ws, 2, 0, "sheet", header_));
    check(worksheet_write_string(ws, 2, 1, "title", header_));
    check(worksheet_write_string(ws, 2, 2, "rows", header_));
    worksheet_freeze_panes(ws, 3, 0);
    if (tables.empty()) check(worksheet_write_string(ws, 3, 0, "(no tables)", nullptr));
    for (std::size_t i = 0; i < tables.size(); ++i) {
      const auto row = static_cast<lxw_row_t>(i + 3);
      std::string quoted;  // 'It''s here'!A1
      for (char c : sheets[i])
        quoted += c == '\'' ? std::string("''") : std::string(1, c);
      check(worksheet_write_url(ws, row, 0, ("internal:'" + quoted + "'!A1").c_str(), link_));
      check(worksheet_write_string(ws, row, 0, sheets[i].c_str(), link_));
      text(ws, row, 1, tables[i].title, nullptr, "/tables/" + std::to_string(i) + "/title");
      check(
          worksheet_write_number(ws, row, 2, static_cast<double>(tables[i].rows.size()), nullptr));
    }
    worksheet_activate(ws);
  }

  /// The diagnostics sheet.
  void diagnostics_sheet(const std::vector<diagnostic>& all) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, "diagnostics");
    if (ws == nullptr) {
      ok = false;
      return;
    }
    static constexpr std::string_view heads[] = {"code", "severity", "path", "line", "message"};
    static constexpr double widths[] = {34, 10, 34, 8, 100};
    for (std::size_t c = 0; c < std::size(heads); ++c) {
      const auto x = static_cast<lxw_col_t>(c);
      check(worksheet_set_column(ws, x, x, widths[c], nullptr));
      check(worksheet_write_string(ws, 0, x, std::string(heads[c]).c_str(), header_));
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
      const diagnostic& d = all[i];
      const auto row = static_cast<lxw_row_t>(i + 1);
      const std::string where = "/diagnostics/" + std::to_string(i);
      text(ws, row, 0, d.code, nullptr, where);
      text(ws, row, 1, to_string(d.severity), nullptr, where);
      text(ws, row, 2, d.path, nullptr, where);
      if (d.line) check(worksheet_write_number(ws, row, 3, static_cast<double>(*d.line), nullptr));
      text(ws, row, 4, d.message, nullptr, where);
    }
    worksheet_freeze_panes(ws, 1, 0);
    check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(all.size()), 4));
  }

 private:
  lxw_workbook* wb_;
  const xlsx_options& options_;
};

/// The document properties: title, subject and the program.
lxw_error set_properties(lxw_workbook* wb, const xlsx_options& o) {
  bool cut = false;
  std::string title = cell_text(o.title, 255, cut);
  std::string subject = cell_text(o.subject, 255, cut);
  std::string program = "joinedup";
  lxw_doc_properties p{};
  if (!title.empty()) p.title = title.data();
  if (!subject.empty()) p.subject = subject.data();
  p.author = program.data();
  return workbook_set_properties(wb, &p);
}

}  // namespace

std::string xlsx_sheet_name(const std::string& wanted, std::vector<std::string>& taken) {
  bool cut = false;
  std::string name = cell_text(wanted, wanted.size(), cut);
  std::string clean;
  for (char c : name) {
    if (c == '\n' || c == '\r' || c == '\t') continue;
    clean += std::string_view("[]:*?/\\").find(c) != std::string_view::npos ? '_' : c;
  }
  const auto first = clean.find_first_not_of(" '");
  clean = first == std::string::npos ? std::string() : clean.substr(first);
  clean = first_chars(clean, LXW_SHEETNAME_MAX);
  while (!clean.empty() && (clean.back() == '\'' || clean.back() == ' '))
    clean.pop_back();
  if (clean.empty()) clean = "Sheet";
  if (lower(clean) == "history") clean += "_";
  const auto is_taken = [&](const std::string& n) {
    return std::any_of(taken.begin(), taken.end(),
                       [&](const std::string& t) { return lower(t) == lower(n); });
  };
  std::string unique = clean;
  for (std::size_t k = 2; is_taken(unique); ++k) {
    const std::string suffix = " (" + std::to_string(k) + ")";
    std::string base = first_chars(clean, LXW_SHEETNAME_MAX - suffix.size());
    while (!base.empty() && (base.back() == '\'' || base.back() == ' '))
      base.pop_back();
    unique = base + suffix;
  }
  taken.push_back(unique);
  return unique;
}

result<std::string> render_xlsx(const std::vector<table>& tables, const xlsx_options& options) {
  std::vector<std::string> taken = {"Contents", "diagnostics"};
  std::vector<std::string> sheets;
  sheets.reserve(tables.size());
  for (const table& t : tables)
    sheets.push_back(xlsx_sheet_name(t.name.empty() ? t.title : t.name, taken));

  // libxlsxwriter writes to a file: a private temporary one, read back and always removed.
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) return fail("report.xlsx.write", "no temporary directory for the workbook");
  std::string path = (dir / "joinedup-report-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) return fail("report.xlsx.write", "cannot make a temporary file for the workbook");
  ::close(fd);
  const auto remove = [&path] {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  };
  lxw_workbook_options lxw_options{};
  lxw_options.constant_memory = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &lxw_options);
  if (wb == nullptr) {
    remove();
    return fail("report.xlsx.write", "cannot start the workbook");
  }
  writer w(wb, options);
  w.check(set_properties(wb, options));
  w.contents(tables, sheets);
  for (std::size_t i = 0; i < tables.size(); ++i)
    w.table_sheet(tables[i], i, sheets[i]);
  std::vector<diagnostic> all;  // copies: writing the sheet may add notes
  if (options.diags != nullptr) all.assign(options.diags->begin(), options.diags->end());
  all.insert(all.end(), w.notes.begin(), w.notes.end());
  if (!all.empty()) w.diagnostics_sheet(all);
  const lxw_error closed = workbook_close(wb);
  if (closed != LXW_NO_ERROR || !w.ok) {
    remove();
    return fail("report.xlsx.write",
                std::string("the workbook cannot be written: ") +
                    (closed != LXW_NO_ERROR ? lxw_strerror(closed) : "a cell was refused"));
  }
  result<std::string> bytes = io::read_file(path, static_cast<std::size_t>(-1));
  remove();
  if (!bytes) return fail("report.xlsx.write", bytes.error().message);
  if (options.notes != nullptr) options.notes->append(w.notes);
  return bytes;
}

}  // namespace report
JOINEDUP_END_NAMESPACE
