// joinedup: care reports as tables that render as text, CSV or JSON: caseloads, reassignment
// proposals, guarantee measures, reviews due and committed spend. NHS numbers are masked.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/care/assignment.hpp"
#include "joinedup/care/guarantee.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/core/money.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// A report as rows of text cells under named columns.
struct care_table {
  std::string title;                           ///< shown above a text table
  std::vector<std::string> columns;            ///< column names (snake_case, used as JSON keys)
  std::vector<bool> numeric;                   ///< per column: a whole number (JSON number)
  std::vector<std::vector<std::string>> rows;  ///< cells; "" is an empty cell (JSON null)
};

/// Aligned text with a title line and a header; numeric columns are right-aligned.
[[nodiscard]] std::string render_text(const care_table& t);
/// CSV with a header row (RFC 4180 quoting).
[[nodiscard]] std::string render_csv(const care_table& t);
/// JSON: {"schema": schema, "title": ..., "rows": [{column: value, ...}]}; numeric cells are
/// numbers, empty cells null, everything else strings.
[[nodiscard]] std::string render_json(const care_table& t, std::string_view schema);

/// Caseload per case manager on `on`: id, name, role, organisation, capacity, caseload, spare,
/// status ("over capacity", "absent", "ok"). `loads` is care::caseload_on's result.
[[nodiscard]] care_table care_caseload_table(const care::care_records& records,
                                             const std::vector<std::int64_t>& loads,
                                             std::chrono::sys_days on);

/// A reassignment proposal: plan, masked NHS number, from, to, within capacity.
[[nodiscard]] care_table care_reassignment_table(const care::care_records& records,
                                                 const care::reassignment_proposal& proposal);

/// The guarantee measures: measure, numerator, denominator, percent (one decimal place,
/// half up), and the days-to-plan median and 90th percentile.
[[nodiscard]] care_table care_guarantee_table(const care::guarantee_measures& m);

/// Reviews due: plan, masked NHS number, kind, reason, due, earliest, days overdue.
[[nodiscard]] care_table care_reviews_table(const care::care_records& records,
                                            const std::vector<care::due_review>& due);

/// Committed spend per pooled fund line: line ("(none)" for the empty id) and amount, with a
/// total row.
[[nodiscard]] care_table care_spend_table(const std::map<line_id, money>& spend,
                                          std::string_view year);

/// A percentage to one decimal place, rounded half up, from a numerator and denominator
/// ("66.7" for 2/3); "" when the denominator is zero.
[[nodiscard]] std::string percent_text(std::int64_t numerator, std::int64_t denominator);

}  // namespace report
JOINEDUP_END_NAMESPACE
