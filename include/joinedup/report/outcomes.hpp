// joinedup: outcomes output: the scorecard as text, a table (report::table; its CSV) or JSON, and
// an indicator catalogue as a table.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/outcomes/indicator.hpp"
#include "joinedup/outcomes/scorecard.hpp"
#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// The scorecard as a fixed-width text table for a board paper: indicator, area, period, value
/// with its 95 % interval, benchmark comparison, target and status, variation and assurance.
/// With `rows_rejected` > 0 the first line says the scorecard is incomplete and why.
[[nodiscard]] std::string scorecard_text(const std::vector<outcomes::scorecard_row>& rows,
                                         std::size_t rows_rejected = 0);

/// The scorecard as a table named "scorecard": indicator, domain, area, period, period_end,
/// value, lower_95, upper_95, lower_99_8, upper_99_8, method, statistic, withheld,
/// benchmark_name, benchmark, comparison, target, target_due, expected, status, point,
/// variation, assurance, points; every number at full precision (the shortest text that reads
/// back as the same double), empty when missing.
[[nodiscard]] table scorecard_table(const std::vector<outcomes::scorecard_row>& rows);

/// The scorecard as CSV with a header row: render(scorecard_table(rows), csv).
[[nodiscard]] std::string scorecard_csv(const std::vector<outcomes::scorecard_row>& rows);

/// The latest period of each indicator and area of a scorecard (rows of one indicator and area
/// are consecutive, oldest first, as outcomes::build_scorecard gives them): what a board sees
/// first.
[[nodiscard]] std::vector<outcomes::scorecard_row> scorecard_latest(
    const std::vector<outcomes::scorecard_row>& rows);

/// An indicator catalogue as a table named "indicators", titled "NAME (VERSION): D domains, I
/// indicators, C crosswalk rows": domain, id, title, method, polarity, multiplier, frequency,
/// confidence and legacy_codes ("ASCOF 2C, …"); grouped by domain in the catalogue's domain
/// order, then any indicator whose domain is not listed.
[[nodiscard]] table catalogue_table(const outcomes::catalogue& c);

/// `joinedup outcomes catalogue --format json`: the diagnostics document `diagnostics_json`
/// (io::diagnostics_to_json: schema, errors, warnings, diagnostics) with the catalogue table's
/// "name", "title", "columns" and "rows" added after its members. One document, newline-ended.
[[nodiscard]] std::string catalogue_document(std::string_view diagnostics_json, const table& t);

/// The scorecard as a JSON document {"schema": "joinedup/outcomes-scorecard/v1", "as_of",
/// "rows": [...]}; a value that is not defined is null with a reason. With `rows_rejected` > 0
/// the document also says "complete": false and "rows_rejected": the measurement rows left out.
[[nodiscard]] std::string scorecard_json(const std::vector<outcomes::scorecard_row>& rows,
                                         const std::string& as_of, std::size_t rows_rejected = 0);

}  // namespace report
JOINEDUP_END_NAMESPACE
