// joinedup: rendering the outcomes scorecard as a table, CSV or JSON.
#pragma once

#include <string>
#include <vector>

#include "joinedup/outcomes/scorecard.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// The scorecard as a fixed-width text table for a board paper: indicator, area, period, value
/// with its 95 % interval, benchmark comparison, target and status, variation and assurance.
[[nodiscard]] std::string scorecard_text(const std::vector<outcomes::scorecard_row>& rows);

/// The scorecard as CSV with a header row; every number at full precision, empty when missing.
[[nodiscard]] std::string scorecard_csv(const std::vector<outcomes::scorecard_row>& rows);

/// The scorecard as a JSON document {"schema": "joinedup/outcomes-scorecard/v1", "as_of",
/// "rows": [...]}; a value that is not defined is null with a reason.
[[nodiscard]] std::string scorecard_json(const std::vector<outcomes::scorecard_row>& rows,
                                         const std::string& as_of);

}  // namespace report
JOINEDUP_END_NAMESPACE
