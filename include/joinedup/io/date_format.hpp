// joinedup: dates written in a format of the exporter's choosing ("31/03/2025", "31 Mar 2025"),
// read and written with a format string. The importers of finance-system and Fingertips exports
// read their date columns through these; documents themselves always use ISO 8601 (period.hpp).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// Reads a date written as `format` says, in the strftime-style fields of Howard Hinnant's date
/// library (%d day, %m month, %Y four-digit year, %y two-digit year, %b month name such as
/// "Mar", %e day padded with a space; other characters must match as written). The whole text
/// must match: parse_date("31/03/2025", "%d/%m/%Y") is 2025-03-31. Errors: core.date.syntax (the
/// text does not have the form, or has more after it), core.date.invalid (the form is right but
/// there is no such day: "31/02/2025").
[[nodiscard]] result<std::chrono::year_month_day> parse_date(std::string_view text,
                                                             std::string_view format);

/// Writes a date as `format` says (the fields of parse_date):
/// format_date(2025-03-31, "%d/%m/%Y") == "31/03/2025". An invalid date gives "".
[[nodiscard]] std::string format_date(std::chrono::year_month_day date, std::string_view format);

}  // namespace io
JOINEDUP_END_NAMESPACE
