// joinedup (internal): the cells of an Excel workbook (OOXML, .xlsx) read from its bytes, with
// every limit a hostile file could push on checked first. The zip container is read with libzip
// from memory; the XML parts with expat, which is never given a DTD (a document type declaration
// stops the parse, so no entity can be declared, external or internal). What the cells mean is
// the caller's business (src/io/fund_workbook.cpp). docs/budget-workbook.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {

/// What a cell holds, from its `t` attribute.
enum class xlsx_value : std::uint8_t {
  number,   ///< a number (`n` or no type): `text` is the XML text exactly, e.g. "1234.5"
  text,     ///< a shared string, an inline string or a formula's string result
  boolean,  ///< `b`: `text` is "0" or "1"
  error,    ///< `e`: an error value such as "#N/A"
  date,     ///< `d`: an ISO 8601 date written as text (rare; Excel writes serial numbers)
};

/// One cell that holds something.
struct xlsx_cell {
  std::uint32_t row = 0;                 ///< 1-based row
  std::uint32_t col = 0;                 ///< 1-based column (A = 1)
  xlsx_value kind = xlsx_value::number;  ///< what it holds
  std::string text;                      ///< the value as written
};

/// One worksheet: its name and the cells that hold something, in the order of the file.
struct xlsx_sheet {
  std::string name;              ///< the tab's name
  std::vector<xlsx_cell> cells;  ///< cells with a value (empty cells are not kept)
};

/// A workbook's sheets as read.
struct xlsx_book {
  std::vector<xlsx_sheet> sheets;  ///< in the workbook's order
  bool date1904 = false;           ///< dates count from 1904-01-01 (old Mac Excel) not 1900
};

/// The most a workbook may make the reader do. Over a limit is budget.workbook.limit and the
/// workbook is not read.
struct xlsx_limits {
  std::size_t max_part_bytes = std::size_t{64} << 20;    ///< one part, inflated (64 MiB)
  std::size_t max_total_bytes = std::size_t{128} << 20;  ///< all parts read, inflated (128 MiB)
  std::size_t max_entries = 10'000;                      ///< entries in the zip
  std::size_t max_cells = 2'000'000;                     ///< cells with a value, all sheets
  std::size_t max_shared_strings = 1'000'000;            ///< entries in the shared strings
};

/// "A1" for row 1, column 1; "AB12" for row 12, column 28.
[[nodiscard]] std::string cell_name(std::uint32_t row, std::uint32_t col);

/// Reads a workbook. `wanted` names the sheets to read cells from (case-insensitively; empty:
/// every sheet); the others are listed with no cells. Problems are added to `diags` with the
/// location "Sheet!A1" (or "" for the whole file): budget.workbook.zip (not a zip, damaged or
/// encrypted), budget.workbook.part (a part is missing), budget.workbook.limit (a limit above),
/// budget.workbook.xml (malformed XML, or a DTD), budget.workbook.cell (a cell reference outside
/// Excel's grid, a shared string index out of range, a cell longer than Excel allows; a row
/// number outside the grid stops the reading). Rows and cells may come in any order. Returns
/// false when the workbook cannot be read at all; a cell-level problem leaves that cell out and
/// goes on.
bool read_xlsx(std::string_view bytes, const std::vector<std::string>& wanted, xlsx_book& out,
               diagnostics& diags, const xlsx_limits& limits = {});

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
