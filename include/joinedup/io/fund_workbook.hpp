// joinedup: a pooled fund as an Excel workbook, for the analyst who plans the fund in Excel. The
// template (empty, or filled from a fund) has one sheet per table of the fund document, with
// instructions, dropdowns for every enumeration and checks on references; reading a filled
// workbook gives the fund document back, every problem located at its cell ("Lines!P7").
// docs/budget-workbook.md.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/budget/catalogue.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The sheets of a fund workbook that hold data, in the order they are written (Instructions
/// comes first and a Lists sheet of the catalogue's values last).
[[nodiscard]] std::vector<std::string_view> fund_workbook_sheets();

/// A money cell's text as pence, exactly: a number cell's XML text ("1234.5" is £1,234.50,
/// E notation read exactly) or a text cell as finance systems write amounts
/// (io::parse_export_amount: "£1,234.56", "(1,234.56)"). A number cell holds a double, which
/// holds 15 significant digits; a program that writes 16 or 17 ("9876543.210000001",
/// "1234.5600000000001") wrote digits the double does not hold. Such a text is rounded to 15
/// significant digits, in decimal text, and read when what is left past the pence is zeros;
/// otherwise more than two decimal places is core.money.precision, never rounded. No double.
[[nodiscard]] result<money> parse_workbook_money(std::string_view text);

/// Writes a fund workbook (.xlsx) and gives its bytes. With a fund, the sheets are filled from
/// it; without, they hold only their headers. With a catalogue, source, scheme type, sub-type,
/// area of spend, provider type and ring-fence cells get dropdowns of its keys. What the fund
/// has that the workbook does not carry (performance-linked elements, later years of a
/// multi-year plan, the instalments of a second contribution with the same partner and source)
/// is the warning budget.workbook.left_out. Error budget.workbook.write when the workbook cannot
/// be written (a temporary file is used).
[[nodiscard]] result<std::string> write_fund_workbook(const budget::pooled_fund* fund,
                                                      const budget::bcf_catalogue* catalogue,
                                                      diagnostics& diags);

/// What reading a workbook gave: the fund, the rows read on each sheet, and where each value of
/// the fund document came from.
struct fund_workbook_import {
  std::optional<budget::pooled_fund> fund;  ///< the fund, when the workbook could be read
  /// Data rows read on each sheet (header and empty rows not counted), in sheet order.
  std::vector<std::pair<std::string, std::size_t>> rows_read;
  /// The fund document's JSON pointers ("/lines/3/planned", "/lines/3") to the cell or row they
  /// came from ("Lines!P5", "Lines!A5").
  std::map<std::string, std::string, std::less<>> cells;

  /// The cell for a JSON pointer: the pointer's own cell, else its nearest enclosing value's
  /// (a row), else "" for the whole workbook.
  [[nodiscard]] std::string locate(std::string_view pointer) const;
};

/// Reads a fund workbook's bytes. Cells are read by their column's header (case-insensitive,
/// a space for an underscore), rows in any order, empty rows skipped; money exactly from the
/// cell's text; dates as Excel serials (1900 or 1904 system) or as text (YYYY-MM-DD or
/// DD/MM/YYYY). Problems are added to `diags` located "Sheet!A1": the file's (budget.workbook.zip,
/// .part, .limit, .xml, .cell), the sheets' (budget.workbook.sheet, .column, .money, .date,
/// .value, .reference) and the fund document reader's own (budget.fund.*, io.json.*), moved from
/// their JSON pointers to the cells. The fund is given even with errors, as read_pooled_fund
/// gives it; a caller must not use it when `diags.has_errors()`.
[[nodiscard]] fund_workbook_import read_fund_workbook(std::string_view bytes, diagnostics& diags);

/// Adds each of `from` (diagnostics located by JSON pointers into the fund document, e.g. from
/// budget::validate) to `into` located at its cell in the workbook `import` was read from.
void locate_in_workbook(const diagnostics& from, const fund_workbook_import& import,
                        diagnostics& into);

}  // namespace io
JOINEDUP_END_NAMESPACE
