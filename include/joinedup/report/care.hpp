// joinedup: care reports as output tables (report::table, rendered by report::render as text, CSV
// or JSON): caseloads, reassignment proposals, guarantee measures, reviews due and committed
// spend. NHS numbers are masked. Column kinds keep the JSON types the care documents have
// always had: counts are numbers, percentages and yes/no are strings.
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
#include "joinedup/care/validate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// Caseload per case manager on `on`, named "caseload": case_manager, name, role, organisation,
/// capacity, caseload, spare, status ("over capacity", "absent", "ok"). `loads` is
/// care::caseload_on's result.
[[nodiscard]] table care_caseload_table(const care::care_records& records,
                                        const std::vector<std::int64_t>& loads,
                                        std::chrono::sys_days on);

/// A reassignment proposal, named "reassignment": plan, masked NHS number, from, to,
/// within_capacity ("yes"/"no").
[[nodiscard]] table care_reassignment_table(const care::care_records& records,
                                            const care::reassignment_proposal& proposal);

/// The guarantee measures, named "guarantee": measure, numerator, denominator, percent (one
/// decimal place, half up), and the days-to-plan median and 90th percentile. The numerator is a
/// text column (the median may be "31.5") and the percent one too, as in every earlier release.
[[nodiscard]] table care_guarantee_table(const care::guarantee_measures& m);

/// Reviews due, named "reviews": plan, masked NHS number, kind, reason, due, earliest,
/// days_overdue.
[[nodiscard]] table care_reviews_table(const care::care_records& records,
                                       const std::vector<care::due_review>& due);

/// Committed spend per pooled fund line, named "committed_spend": line ("(none)" for the empty
/// id) and committed (money), with a total row.
[[nodiscard]] table care_spend_table(const std::map<line_id, money>& spend, std::string_view year);

/// The one-line summary of `joinedup care check`: people, case managers, plans (in force) on
/// the date, the errors (fatal included) and warnings in `diags`, reviews overdue and case
/// manager gaps or overlaps.
[[nodiscard]] std::string care_check_summary(const care::care_records& records,
                                             const care::validation_summary& s,
                                             const diagnostics& diags, std::chrono::sys_days as_of);

/// The heading line of the care demo: "Caseload on DATE: N people (M with complex needs), P
/// plans, C case managers".
[[nodiscard]] std::string care_caseload_heading(const care::care_records& records,
                                                const care::guarantee_measures& m,
                                                std::chrono::sys_days as_of);

/// A percentage to one decimal place, rounded half up, from a numerator and denominator
/// ("66.7" for 2/3); "" when the denominator is zero.
[[nodiscard]] std::string percent_text(std::int64_t numerator, std::int64_t denominator);

}  // namespace report
JOINEDUP_END_NAMESPACE
