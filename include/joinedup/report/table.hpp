// joinedup: the one table type for output, and the one renderer that writes it as aligned text,
// a JSON document or an RFC 4180 CSV table (docs/formats.md, "Output: table, JSON, CSV").
// Domain code returns values; the report layer puts them in tables; every command renders its
// tables here, so --format and CSV rules are the same everywhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// How output is rendered: `table` (aligned text for people), `json` (one document), `csv`
/// (one table with a header row) or `xlsx` (an Excel workbook of every table: render_xlsx in
/// joinedup/report/xlsx.hpp; render() gives nothing for it).
enum class output_format { table, json, csv, xlsx };

/// What a column holds, which decides alignment, the text form and the JSON type.
enum class column_kind {
  text,     ///< any text; left-aligned; a JSON string
  integer,  ///< a whole number ("-12"); right-aligned; a JSON number
  money,    ///< pounds as a decimal string ("1234.50"); "£1,234.50" in text; a JSON string
  decimal,  ///< a decimal number ("55.25", "1e-05"); right-aligned; a JSON number
  percent,  ///< a percentage as a number ("62.5" is 62.5%); "62.5%" in text; a JSON number
  date,     ///< an ISO date ("2025-03-31"); a JSON string
  boolean,  ///< "true" or "false"; "yes"/"no" in text; a JSON true/false
};

/// The snake_case name of a column kind ("text", "integer", "money", …), as written in JSON.
[[nodiscard]] std::string_view to_string(column_kind k) noexcept;

/// A cell as people read it: money with £ and thousands separators ("£1,234.50"), percent with
/// "%", booleans yes/no; other kinds, and anything that does not parse as its kind, as written.
[[nodiscard]] std::string display_text(const std::string& v, column_kind k);

/// A named column of a table.
struct column {
  std::string name;                      ///< snake_case; the CSV header and the JSON member name
  column_kind kind = column_kind::text;  ///< what the cells hold
  /// Memberwise equality.
  friend bool operator==(const column&, const column&) = default;
};

/// One cell: the value as text already formatted for machines (money "1234.50", dates ISO,
/// numbers in C locale, booleans "true"/"false"); the empty string is null (no value).
using cell = std::string;

/// A table of output: a title for people, named and typed columns, rows of cells.
struct table {
  std::string title;                    ///< the heading of the text form; "title" in JSON
  std::vector<column> columns;          ///< the columns, in order
  std::vector<std::vector<cell>> rows;  ///< rows of cells; a short row is padded with nulls
  std::string name = {};  ///< a snake_case key: "name" in JSON, chosen with --table for CSV
  /// Memberwise equality.
  friend bool operator==(const table&, const table&) = default;
};

/// What a rendered document carries beside its tables (JSON only; text and CSV ignore it, and
/// the caller prints diagnostics on standard error).
struct render_options {
  std::string_view schema = {};        ///< "schema" as the document's first member, when not empty
  const diagnostics* diags = nullptr;  ///< a "diagnostics" array, when there are any
};

/// Renders one table.
/// - text: the title on a line of its own, then a header row and the rows, columns two spaces
///   apart, trailing spaces trimmed; numbers right-aligned; money as "£1,234.50", percent as
///   "62.5%", booleans as yes/no; widths count code points; "(no rows)" when there are none.
/// - json: exactly one document `{"schema"?, "name"?, "title", "columns": [{"name", "kind"}],
///   "rows": [{column: value}], "diagnostics"?}`, indented by 2; integers, decimals and percents
///   are numbers, booleans true/false, money and dates strings, empty cells null; invalid UTF-8
///   is replaced (never throws).
/// - csv: RFC 4180, UTF-8, one header row of column names, every field through csv_field (so a
///   text starting = + - @ is neutralised and a plain number is left alone); CRLF is not used,
///   rows end with "\n".
[[nodiscard]] std::string render(const table& t, output_format format,
                                 const render_options& options = {});

/// Renders several tables (a command with more than one result).
/// - text: each table as render(table) gives it, with a blank line between them;
/// - json: one document `{"schema"?, "tables": [{"name", "title", "columns", "rows"}],
///   "diagnostics"?}`;
/// - csv: only the first table (CSV is one table per file): choose another first with
///   find_table, as the CLI's --table NAME does. Nothing for an empty list.
[[nodiscard]] std::string render(const std::vector<table>& tables, output_format format,
                                 const render_options& options = {});

/// The table named `name` among `tables`, or nullptr.
[[nodiscard]] const table* find_table(const std::vector<table>& tables,
                                      std::string_view name) noexcept;

/// Rows made from JSON objects, one per element of `objects` (for example the JSON lines that
/// `joinedup outcomes stats` and `outcomes spc` answer with). Columns are the members in the
/// order first seen: a nested object's members become `key.member` columns, an array is written
/// as compact JSON text, and each column's kind is integer, decimal or boolean when every value
/// in it is one (text otherwise). With `explode` naming an array of objects (such as "points"),
/// each of its elements is a row, after the object's own members; an element member `m` holding
/// a 1-based position into a sibling array `ms` of objects (a point's "group" into "groups")
/// brings that object's members in as `m.member` columns. A text that is not a JSON object is a
/// row with its text in a column "text". Never throws.
[[nodiscard]] table table_from_json_objects(std::string name, std::string title,
                                            const std::vector<std::string>& objects,
                                            std::string_view explode = {});

}  // namespace report
JOINEDUP_END_NAMESPACE
