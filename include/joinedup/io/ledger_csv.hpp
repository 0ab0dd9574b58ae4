// joinedup: the streaming reader of a pooled fund's ledger as CSV (format in
// docs/budget-ledger.md).
//
// The file has a header row naming its columns, in any order (names are matched after trimming
// spaces, ignoring ASCII case):
//
//   date,line,amount,kind,reference
//   2025-04-30,L01,1234.56,actual,INV-0001
//   2025-05-31,L02,(12.00),adjustment,"JNL 17, recharge"
//
// - date: ISO YYYY-MM-DD, inside the fund's financial year;
// - line: an expenditure line id of the fund (exact match);
// - amount: a decimal string in pounds, at most two places: "1234.56", "-12.00", "(12.00)"
//   (accounting negative), also "£1,234.56";
// - kind: actual, accrual, commitment or adjustment;
// - reference: free text (optional column).
// Quoting follows RFC 4180 (a field in double quotes may hold commas, line breaks and doubled
// quotes); lines end in LF or CRLF; a UTF-8 byte order mark before the header is ignored.
//
// Every row is accepted or rejected with one diagnostic per problem, never skipped silently;
// the control totals report rows read, accepted and rejected, and the sum of accepted amounts,
// in total and by kind. A diagnostic's path is "/rows/<record>/<column>", counting the header
// as record 0 (blank lines are not records), and its line is the 1-based line of the file the
// record starts on (so in a file without blank lines or line breaks inside quotes, line =
// record + 1).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "joinedup/budget/ledger.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The header row of a ledger CSV file as joinedup writes it (any column order is read).
inline constexpr std::string_view ledger_csv_header = "date,line,amount,kind,reference";

/// What a ledger load counted: rows (records after the header) read, accepted and rejected,
/// and the control total of the accepted amounts.
struct ledger_control_totals {
  std::size_t rows_read = 0;      ///< data rows read (blank lines are not rows)
  std::size_t rows_accepted = 0;  ///< rows summarised
  std::size_t rows_rejected = 0;  ///< rows with at least one error diagnostic
  money total;                    ///< sum of the accepted amounts, every kind
  budget::kind_totals by_kind;    ///< sum of the accepted amounts by kind
  /// Memberwise equality.
  friend bool operator==(const ledger_control_totals&, const ledger_control_totals&) = default;
};

/// Options for reading a ledger.
struct ledger_csv_options {
  /// Bytes read from a file at a time (the buffer grows only for a single longer record).
  std::size_t block_size = std::size_t{1} << 20;
  /// Most row diagnostics kept (0: no limit). Past it, rows are still checked and counted, and
  /// one budget.ledger.truncated warning at the end says how many diagnostics were left out.
  std::size_t max_row_diagnostics = 0;
  /// Called with each accepted transaction (with its reference and source line), if set.
  std::function<void(const budget::transaction&)> on_transaction;
};

/// The result of reading a ledger: the streaming summary and the control totals.
struct ledger_load {
  budget::ledger_summary summary;  ///< accepted transactions, summarised by line, day and kind
  ledger_control_totals control;   ///< rows read, accepted, rejected; control totals
};

/// A push parser: feed it the file in blocks of any size (a record may span blocks), then
/// finish(). Diagnostics go to the `diagnostics` given at construction, which must outlive the
/// reader, and so must the fund.
class ledger_csv_reader {
 public:
  /// A reader validating rows against `fund` (its financial year and line ids).
  ledger_csv_reader(const budget::pooled_fund& fund, diagnostics& diags,
                    ledger_csv_options options = {});
  /// Frees the reader.
  ~ledger_csv_reader();
  /// Not copyable.
  ledger_csv_reader(const ledger_csv_reader&) = delete;
  /// Not copyable.
  ledger_csv_reader& operator=(const ledger_csv_reader&) = delete;

  /// Reads the next block of the file.
  void feed(std::string_view block);
  /// Ends the input: reads any last record (one without a final line break) and returns the
  /// summary and control totals. Call once.
  [[nodiscard]] ledger_load finish();
  /// True once a record longer than 1 MiB was seen (budget.ledger.record_too_long, fatal):
  /// the input is not a ledger and everything fed after it is ignored.
  [[nodiscard]] bool stopped() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Reads a whole ledger held in memory. Never throws for bad data: every problem is a
/// diagnostic, and a file whose header cannot be used (budget.ledger.empty,
/// budget.ledger.missing_column, budget.ledger.duplicate_column: fatal) has every row counted
/// as rejected.
[[nodiscard]] ledger_load read_ledger_csv(std::string_view text, const budget::pooled_fund& fund,
                                          diagnostics& diags,
                                          const ledger_csv_options& options = {});

/// Streams a ledger file ("-" reads standard input) in blocks of options.block_size bytes, so
/// memory does not grow with the file. Returns nullopt only when the file cannot be opened or
/// read (io.file.read, fatal).
[[nodiscard]] std::optional<ledger_load> read_ledger_csv_file(
    const std::string& path, const budget::pooled_fund& fund, diagnostics& diags,
    const ledger_csv_options& options = {});

}  // namespace io
JOINEDUP_END_NAMESPACE
