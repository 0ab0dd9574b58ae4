// joinedup: human-readable and CSV renderings of diagnostics.
#pragma once

#include <string>

#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// One line per diagnostic ("error core.money.syntax at /amounts/2/amount: …") and a closing
/// count line ("2 errors, 1 warning").
[[nodiscard]] std::string diagnostics_text(const diagnostics& diags);

/// CSV with a header row: severity,code,path,line,message (RFC 4180 quoting).
[[nodiscard]] std::string diagnostics_csv(const diagnostics& diags);

/// One CSV text field (RFC 4180): quoted when it needs it (comma, quote, CR or LF), inner quotes
/// doubled. A text a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) gets a
/// leading apostrophe, so "=HYPERLINK(…)" is shown, not run; a plain number ("-12.50") is left
/// as it is.
[[nodiscard]] std::string csv_field(const std::string& text);

}  // namespace report
JOINEDUP_END_NAMESPACE
