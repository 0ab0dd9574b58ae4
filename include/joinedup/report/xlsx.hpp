// joinedup: report tables as an Excel workbook (.xlsx), written with libxlsxwriter: a Contents
// sheet, one sheet per table with typed cells (numbers, money, dates, booleans), and the
// diagnostics. docs/formats.md, "Output: xlsx".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// The most data rows a worksheet holds: Excel's 1,048,576 rows less the header row.
inline constexpr std::size_t xlsx_max_rows = 1'048'575;

/// The most characters (code points) an Excel cell holds.
inline constexpr std::size_t xlsx_max_cell_chars = 32'767;

/// What a workbook carries beside its tables.
struct xlsx_options {
  std::string title = {};              ///< the document's title (properties) and Contents heading
  std::string subject = {};            ///< the document's subject (properties)
  const diagnostics* diags = nullptr;  ///< a "diagnostics" sheet, when there are any
  /// The most data rows written on a table's sheet (at most xlsx_max_rows); the rest are left
  /// out with the warning report.xlsx.truncated. Smaller only to test the limit.
  std::size_t max_rows = xlsx_max_rows;
  /// Where the workbook's own warnings go (report.xlsx.truncated), besides its diagnostics
  /// sheet; nullptr: only the sheet.
  diagnostics* notes = nullptr;
};

/// A valid, unique Excel sheet name for `wanted`: the characters [ ] : * ? / \ become "_",
/// control characters are dropped, invalid UTF-8 becomes U+FFFD, apostrophes and spaces are
/// trimmed from both ends, at most 31 code points are kept, a blank name becomes "Sheet",
/// "History" (reserved by Excel) becomes "History_", and a name already in `taken` (compared
/// ignoring ASCII case) gets " (2)", " (3)", … within the 31. The name is added to `taken`.
[[nodiscard]] std::string xlsx_sheet_name(const std::string& wanted,
                                          std::vector<std::string>& taken);

/// Writes `tables` as an Excel workbook and gives its bytes.
/// - Sheet "Contents" first: the title, then one row per table (sheet, title, rows) with a link
///   to its sheet; "(no tables)" when there are none.
/// - One sheet per table, named from its `name` (else its title) by xlsx_sheet_name: row 1 the
///   column names (bold, frozen, with an autofilter), then one row per table row.
/// - Cells by column kind: integer and decimal are numbers (an integer beyond ±2^53, which a
///   double cannot hold exactly, is text); money is a number of pounds formatted £#,##0.00,
///   made from exact pence (a double is exact to the penny below about £90 trillion; beyond
///   2^53 pence the amount is text, never a lost penny); percent is the number the table holds
///   (62.5 for 62.5%, as in JSON) formatted 0.0#"%"; dates are Excel dates formatted yyyy-mm-dd;
///   booleans are Excel booleans; an empty cell stays empty; text is always a string, never a
///   formula. A cell whose text does not fit its kind is written as text.
/// - Text is made valid for the file: invalid UTF-8 becomes U+FFFD, control characters other
///   than tab, line feed and carriage return are dropped, and a text longer than 32,767
///   characters is cut there with the warning report.xlsx.truncated, as are rows beyond
///   `options.max_rows` and columns beyond Excel's 16,384.
/// - Sheet "diagnostics" last, when there are any (code, severity, path, line, message).
/// Error report.xlsx.write when the workbook cannot be written (a temporary file is used and
/// always removed). Never throws for any table.
[[nodiscard]] result<std::string> render_xlsx(const std::vector<table>& tables,
                                              const xlsx_options& options = {});

}  // namespace report
JOINEDUP_END_NAMESPACE
