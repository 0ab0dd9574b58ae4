// Tests for joinedup/report/xlsx.hpp: report tables as an Excel workbook. Each workbook is read
// back with the project's own OOXML reader (src/io/xlsx_read.hpp, internal: included by path)
// and its cells compared with values worked out by hand from the rules in docs/formats.md
// ("Output: xlsx"). tests/cli/xlsx_output_test.py reads real commands' workbooks with openpyxl,
// formats included.
#include "joinedup/report/xlsx.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../src/io/xlsx_read.hpp"

namespace {
using joinedup::diagnostics;
using joinedup::io::detail::xlsx_book;
using joinedup::io::detail::xlsx_cell;
using joinedup::io::detail::xlsx_sheet;
using joinedup::io::detail::xlsx_value;
using joinedup::report::column_kind;
using joinedup::report::render_xlsx;
using joinedup::report::table;
using joinedup::report::xlsx_options;
using joinedup::report::xlsx_sheet_name;

/// The workbook of `tables`, read back; fails the test when it cannot be written or read.
xlsx_book book_of(const std::vector<table>& tables, const xlsx_options& o = {}) {
  const auto bytes = render_xlsx(tables, o);
  REQUIRE(bytes.has_value());
  xlsx_book book;
  diagnostics read;
  REQUIRE(joinedup::io::detail::read_xlsx(*bytes, {}, book, read));
  CHECK(read.empty());
  return book;
}

/// The cell at a 1-based row and column, or nullptr when it is empty.
const xlsx_cell* at(const xlsx_sheet& s, std::uint32_t row, std::uint32_t col) {
  for (const xlsx_cell& c : s.cells)
    if (c.row == row && c.col == col) return &c;
  return nullptr;
}

/// True when the cell holds `kind` with the text `text`.
bool holds(const xlsx_sheet& s, std::uint32_t row, std::uint32_t col, xlsx_value kind,
           const std::string& text) {
  const xlsx_cell* c = at(s, row, col);
  return c != nullptr && c->kind == kind && c->text == text;
}

std::vector<std::string> names(const xlsx_book& b) {
  std::vector<std::string> out;
  for (const xlsx_sheet& s : b.sheets)
    out.push_back(s.name);
  return out;
}

/// Two partners' contributions: text, integer, money, percent, date and boolean columns.
table contributions() {
  table t;
  t.title = "Contributions";
  t.name = "contributions";
  t.columns = {{"partner", column_kind::text}, {"lines", column_kind::integer},
               {"amount", column_kind::money}, {"share", column_kind::percent},
               {"due", column_kind::date},     {"host", column_kind::boolean},
               {"rate", column_kind::decimal}};
  t.rows = {{"icb", "12", "1234567.50", "62.5", "2025-04-01", "true", "1e-05"},
            {"council", "-3", "-0.05", "", "", "false", "55.25"}};
  return t;
}
}  // namespace

TEST_CASE("xlsx: a Contents sheet, then one sheet per table with typed cells") {
  const xlsx_book b = book_of({contributions()}, {.title = "Board pack"});
  REQUIRE(names(b) == std::vector<std::string>{"Contents", "contributions"});
  const xlsx_sheet& contents = b.sheets[0];
  CHECK(holds(contents, 1, 1, xlsx_value::text, "Board pack"));
  CHECK(holds(contents, 3, 1, xlsx_value::text, "sheet"));
  CHECK(holds(contents, 4, 1, xlsx_value::text, "contributions"));
  CHECK(holds(contents, 4, 2, xlsx_value::text, "Contributions"));
  CHECK(holds(contents, 4, 3, xlsx_value::number, "2"));

  const xlsx_sheet& s = b.sheets[1];
  CHECK(holds(s, 1, 1, xlsx_value::text, "partner"));
  CHECK(holds(s, 1, 7, xlsx_value::text, "rate"));
  CHECK(holds(s, 2, 1, xlsx_value::text, "icb"));
  CHECK(holds(s, 2, 2, xlsx_value::number, "12"));
  CHECK(holds(s, 2, 3, xlsx_value::number, "1234567.5"));  // pounds, formatted £#,##0.00
  CHECK(holds(s, 2, 4, xlsx_value::number, "62.5"));       // 62.5 is 62.5%, as in JSON
  CHECK(holds(s, 2, 5, xlsx_value::number, "45748"));      // 2025-04-01 as an Excel date
  CHECK(holds(s, 2, 6, xlsx_value::boolean, "1"));
  CHECK(holds(s, 2, 7, xlsx_value::number, "1E-05"));
  CHECK(holds(s, 3, 2, xlsx_value::number, "-3"));
  CHECK(holds(s, 3, 3, xlsx_value::number, "-0.05"));
  CHECK(at(s, 3, 4) == nullptr);  // an empty cell stays empty
  CHECK(at(s, 3, 5) == nullptr);
  CHECK(holds(s, 3, 6, xlsx_value::boolean, "0"));
  CHECK(s.cells.size() == 7 + 7 + 5);
}

TEST_CASE("xlsx: text is always a string, never a formula; a value not of its kind is text") {
  table t;
  t.name = "t";
  t.columns = {{"text", column_kind::text},
               {"n", column_kind::integer},
               {"m", column_kind::money},
               {"d", column_kind::date},
               {"b", column_kind::boolean}};
  t.rows = {{"=1+1", "12abc", "12.345", "2025-02-30", "yes"},
            {"+44 20", "9007199254740993", "90071992547409.93", "1899-12-31", ""},
            {"@SUM(A1)", "1e3", "-90071992547409.92", "", ""},
            {"-x", "", "", "", ""}};
  const xlsx_book b = book_of({t});
  const xlsx_sheet& s = b.sheets[1];
  CHECK(holds(s, 2, 1, xlsx_value::text, "=1+1"));
  CHECK(holds(s, 3, 1, xlsx_value::text, "+44 20"));
  CHECK(holds(s, 4, 1, xlsx_value::text, "@SUM(A1)"));
  CHECK(holds(s, 5, 1, xlsx_value::text, "-x"));
  CHECK(holds(s, 2, 2, xlsx_value::text, "12abc"));
  // beyond 2^53 a double cannot hold the integer: text, not a wrong number
  CHECK(holds(s, 3, 2, xlsx_value::text, "9007199254740993"));
  CHECK(holds(s, 4, 2, xlsx_value::number, "1000"));
  CHECK(holds(s, 2, 3, xlsx_value::text, "12.345"));  // not pence: written as it is
  // 9,007,199,254,740,993 pence is beyond 2^53: text rather than a lost penny; one penny less
  // than 2^53 (negated) is still a number
  CHECK(holds(s, 3, 3, xlsx_value::text, "90071992547409.93"));
  CHECK(holds(s, 4, 3, xlsx_value::number, "-90071992547409.92"));
  CHECK(holds(s, 2, 4, xlsx_value::text, "2025-02-30"));
  CHECK(holds(s, 3, 4, xlsx_value::text, "1899-12-31"));  // before Excel's first date
  CHECK(holds(s, 2, 5, xlsx_value::text, "yes"));
}

TEST_CASE("xlsx: sheet names are made valid for Excel and unique") {
  std::vector<std::string> taken = {"Contents", "diagnostics"};
  CHECK(xlsx_sheet_name("a[b]:c*d?e/f\\g", taken) == "a_b__c_d_e_f_g");
  CHECK(xlsx_sheet_name("", taken) == "Sheet");
  CHECK(xlsx_sheet_name("  ' ", taken) == "Sheet (2)");
  CHECK(xlsx_sheet_name("'quoted'", taken) == "quoted");
  CHECK(xlsx_sheet_name("HISTORY", taken) == "HISTORY_");
  CHECK(xlsx_sheet_name("contents", taken) == "contents (2)");
  CHECK(xlsx_sheet_name("DIAGNOSTICS", taken) == "DIAGNOSTICS (2)");
  CHECK(xlsx_sheet_name("a_very_long_table_name_that_goes_on_and_on", taken) ==
        "a_very_long_table_name_that_goe");
  CHECK(xlsx_sheet_name("a_very_long_table_name_that_goes_on", taken) ==
        "a_very_long_table_name_that (2)");
  CHECK(xlsx_sheet_name("£££££££££££££££££££££££££££££££££££", taken) ==
        "£££££££££££££££££££££££££££££££");  // 31 code points, not bytes
  CHECK(xlsx_sheet_name("tab\there\x01\xFF", taken) == "tabhere\xEF\xBF\xBD");

  // and in a workbook: duplicates, empty names and the title as a fallback
  table a;
  a.name = "same";
  a.columns = {{"x", column_kind::text}};
  table b = a;
  b.name = "SAME";
  table c = a;
  c.name = "";
  c.title = "Title: here?";
  table d = a;
  d.name = "";
  const xlsx_book book = book_of({a, b, c, d});
  CHECK(names(book) ==
        std::vector<std::string>{"Contents", "same", "SAME (2)", "Title_ here_", "Sheet"});
  CHECK(holds(book.sheets[0], 5, 1, xlsx_value::text, "SAME (2)"));
}

TEST_CASE("xlsx: no tables gives a workbook with its Contents saying so") {
  const xlsx_book b = book_of({});
  REQUIRE(names(b) == std::vector<std::string>{"Contents"});
  CHECK(holds(b.sheets[0], 4, 1, xlsx_value::text, "(no tables)"));
}

TEST_CASE("xlsx: diagnostics get a sheet of their own") {
  diagnostics diags;
  diags.warning("budget.fund.example", "/lines/3", "a warning");
  diags.error("budget.fund.other", "", "an error");
  const xlsx_book b = book_of({contributions()}, {.diags = &diags});
  REQUIRE(names(b) == std::vector<std::string>{"Contents", "contributions", "diagnostics"});
  const xlsx_sheet& s = b.sheets[2];
  CHECK(holds(s, 1, 1, xlsx_value::text, "code"));
  CHECK(holds(s, 1, 5, xlsx_value::text, "message"));
  CHECK(holds(s, 2, 1, xlsx_value::text, "budget.fund.example"));
  CHECK(holds(s, 2, 2, xlsx_value::text, "warning"));
  CHECK(holds(s, 2, 3, xlsx_value::text, "/lines/3"));
  CHECK(holds(s, 2, 5, xlsx_value::text, "a warning"));
  CHECK(holds(s, 3, 2, xlsx_value::text, "error"));
  CHECK(at(s, 3, 3) == nullptr);  // an empty path stays empty
  // no diagnostics: no sheet
  const diagnostics none;
  CHECK(book_of({contributions()}, {.diags = &none}).sheets.size() == 2);
}

TEST_CASE("xlsx: hostile tables are written, what Excel cannot hold is cut with a warning") {
  table t;
  t.name = "hostile";
  t.columns = {{"text", column_kind::text}};
  t.rows = {{std::string(40'000, 'a')},
            {"bad \xC3 byte\x01\x1F and\ttab"},
            {"\xF0\x9F\x98\x80 emoji"},
            {"row 4"},
            {"row 5"}};
  diagnostics notes;
  const xlsx_book b = book_of({t}, {.max_rows = 4, .notes = &notes});
  REQUIRE(names(b) == std::vector<std::string>{"Contents", "hostile", "diagnostics"});
  const xlsx_sheet& s = b.sheets[1];
  CHECK(holds(s, 2, 1, xlsx_value::text, std::string(32'767, 'a')));
  CHECK(holds(s, 3, 1, xlsx_value::text, "bad \xEF\xBF\xBD byte and\ttab"));
  CHECK(holds(s, 4, 1, xlsx_value::text, "\xF0\x9F\x98\x80 emoji"));
  CHECK(holds(s, 5, 1, xlsx_value::text, "row 4"));
  CHECK(at(s, 6, 1) == nullptr);  // beyond max_rows
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].code == "report.xlsx.truncated");
  CHECK(notes[0].path == "/tables/0/rows");
  CHECK(notes[1].path == "/tables/0/rows/0/text");
  const xlsx_sheet& d = b.sheets[2];
  CHECK(holds(d, 2, 1, xlsx_value::text, "report.xlsx.truncated"));
  CHECK(holds(d, 3, 1, xlsx_value::text, "report.xlsx.truncated"));

  // a table with more columns than Excel holds keeps the first 16,384
  table wide;
  wide.name = "wide";
  for (int i = 0; i < 16'390; ++i)
    wide.columns.push_back({"c" + std::to_string(i), column_kind::integer});
  wide.rows = {std::vector<std::string>(16'390, "1")};
  diagnostics wide_notes;
  const xlsx_book w = book_of({wide}, {.notes = &wide_notes});
  CHECK(w.sheets[1].cells.size() == 2 * 16'384);
  REQUIRE(wide_notes.size() == 1);
  CHECK(wide_notes[0].path == "/tables/0/columns");
  // a short row is padded with empty cells, a long one's extra cells are left out
  table ragged;
  ragged.name = "ragged";
  ragged.columns = {{"a", column_kind::text}, {"b", column_kind::text}};
  ragged.rows = {{"1"}, {"1", "2", "3"}};
  CHECK(book_of({ragged}).sheets[1].cells.size() == 2 + 1 + 2);
}
