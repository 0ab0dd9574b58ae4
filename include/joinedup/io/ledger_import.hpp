// joinedup: a finance system's ledger export read as it comes and written as the ledger CSV the
// budget commands read (date,line,amount,kind,reference): columns found by the names the export
// uses, dates in the exporter's format, amounts as finance systems write them, cost centres
// mapped to fund lines. Every row is accounted for: read, mapped or rejected with its line and
// reason. docs/budget-import-ledger.md.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// How to read an export. A field not named in `columns` is looked for under its own name
/// (date, line, amount, kind, reference), matched case-insensitively and without a byte order
/// mark; amount may instead come from debit and credit columns (amount = debit − credit).
struct ledger_import_options {
  /// The export's header for each ledger field: date, amount, line, kind, reference, debit,
  /// credit.
  std::map<std::string, std::string, std::less<>> columns;
  std::string date_format = "%Y-%m-%d";  ///< the export's dates (io::parse_date's fields)
  /// The export's codes (cost centres) to fund line ids; empty: the code is the line id.
  std::map<std::string, std::string, std::less<>> line_map;
  /// The export's transaction types to ledger kinds (actual, accrual, commitment, adjustment);
  /// empty: the value is the kind.
  std::map<std::string, std::string, std::less<>> kind_map;
  std::string unmapped_line;  ///< the line for a code line_map lacks; empty: the row is rejected
  /// The fund's line ids: a row whose line is not one of them is rejected; empty: not checked.
  std::set<std::string, std::less<>> fund_lines;
};

/// What an import did: the ledger CSV and the count of rows.
struct ledger_import {
  std::string csv;                ///< the ledger CSV (header and the mapped rows)
  std::size_t rows_read = 0;      ///< data rows in the export
  std::size_t rows_mapped = 0;    ///< rows written to the ledger
  std::size_t rows_rejected = 0;  ///< rows left out, each with a diagnostic naming its line
};

/// An amount as finance systems write it: "1234.56", "£1,234.56", "(1,234.56)", "1,234.56-",
/// "1234.56 CR" (negative), "1234.56 DR", "1.2E+05" (exactly £120,000.00). Never rounded: more
/// than two decimal places is core.money.precision; anything else not a sum of money is
/// core.money.syntax.
[[nodiscard]] result<money> parse_export_amount(std::string_view text);

/// Reads `export_csv` under `options`. Rows that cannot be read or mapped are rejected with a
/// diagnostic at "/rows/N" (N the export's line): budget.import.date, budget.import.amount,
/// budget.import.line (a code line_map does not map, or a line not in fund_lines),
/// budget.import.kind. Cells are quoted in messages up to 60 characters. A missing column is
/// budget.import.column and nothing is read. budget.import.empty for an export with no rows.
[[nodiscard]] ledger_import import_ledger(std::string_view export_csv,
                                          const ledger_import_options& options, diagnostics& diags);

/// Reads a two-column map (the export's code, the joinedup value; a first row "code,…" is a
/// header) into `into`; a row without two cells, or a code mapped twice to different values, is
/// budget.import.map at "/rows/N" with `name` (the option's name) in the message.
void read_code_map(std::string_view csv, std::string_view name,
                   std::map<std::string, std::string, std::less<>>& into, diagnostics& diags);

/// An import's options as text, as a rules file or the command line gives them.
struct ledger_import_rules {
  std::vector<std::string> columns;  ///< FIELD=HEADER, in order (a later one wins)
  std::string date_format;           ///< the export's dates; empty: ISO
  std::string line_map;              ///< path of the line map; empty: none
  std::string kind_map;              ///< path of the kind map; empty: none
  std::string unmapped;              ///< the line for unmapped codes; empty: reject
};

/// Reads a rules file (one option a line: "column date=Posting Date", "date-format %d/%m/%Y",
/// "line-map FILE", "kind-map FILE", "unmapped LINE"; '#' starts a comment; a leading "--" is
/// allowed) into `into`, keeping what `into` has already (the command line wins): its columns
/// go before the command line's; a map's path is relative to `dir`. An unknown option is
/// budget.import.rules at "/rules/N".
void read_import_rules(std::string_view text, const std::string& dir, ledger_import_rules& into,
                       diagnostics& diags);

/// The options the rules give: columns checked (budget.import.rules for one that is not
/// FIELD=HEADER with a known field), maps read from their files (read_code_map; io.file.read
/// for one that cannot be read).
[[nodiscard]] ledger_import_options import_options_from(const ledger_import_rules& rules,
                                                        diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
