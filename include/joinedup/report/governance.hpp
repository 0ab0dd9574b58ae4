// joinedup: governance results as output tables (report::table): the returns of a check, the
// reasons of a decision, and the integration progress measures and ambitions.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/governance/commissioner.hpp"
#include "joinedup/governance/delegation.hpp"
#include "joinedup/governance/integration.hpp"
#include "joinedup/governance/progress.hpp"
#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// The returns of a commissioner on `as_of`, named "returns": line, body, cadence, period, due,
/// submitted (only when on or before the date), state, days_overdue (only when overdue) and
/// hwb_sign_off. The CSV columns and values of `joinedup governance check --format csv`.
[[nodiscard]] table governance_returns_table(const governance::commissioner& c,
                                             std::chrono::sys_days as_of);

/// The one-line summary above the returns in text: the arrangement's name, the date, the
/// accounting officer (or how many are in post), the counts of `summary` and of `diags`' errors
/// (fatal included) and warnings.
[[nodiscard]] std::string governance_check_summary(const governance::commissioner& c,
                                                   const governance::check_summary& summary,
                                                   const diagnostics& diags,
                                                   std::chrono::sys_days as_of);

/// A decision's reasons, named "reasons": request, outcome, rule, reason, message; one row per
/// reason, or one row with empty reason and message when there are none.
[[nodiscard]] table governance_decision_table(const governance::request& r,
                                              const governance::decision& d);

/// The progress measures, named "measures" (measure, unit, numerator, denominator, percent to one
/// decimal place half up, and for counts of people and services Wilson 95% limits to one
/// place), then, named "ambitions", one row per ambition (share, by, state, residents_short,
/// confidence, source, then the coverage it was judged with: measure, measured_on, covered,
/// residents, and the reason in words). The measures table comes first: it is the main one.
/// With `x`'s settings (a fund), the measures gain community_share_planned and
/// acute_share_planned (and, with a ledger, community_share_spent and acute_share_spent, year to
/// date), and a table "settings" follows (planned and spent revenue by setting in each period);
/// with its organisations (care records), the measures gain organisations_per_person (no
/// percentage: it is a mean) and a table "organisations" follows (people, organisations, mean to
/// two places and the distribution 0/1/2/3/4+ at each period end); with either, a table "trends"
/// ends the list (first and last value, change, direction and whether that is better).
[[nodiscard]] std::vector<table> governance_progress_tables(
    const governance::progress_input& in, const governance::progress_measures& m,
    const governance::integration_measures& x = {});

/// The check result as one JSON document (joinedup/governance-check/v1): the arrangement, the
/// date, the accounting officer (null unless exactly one is in post), the summary counts, the
/// returns (the rows of governance_returns_table) and the diagnostics.
[[nodiscard]] std::string governance_check_json(const governance::commissioner& c,
                                                const governance::check_summary& summary,
                                                const diagnostics& diags,
                                                std::chrono::sys_days as_of);

/// A decision as a statement for people: the request, the decision, the rule that decided, the
/// approvals that counted and every reason.
[[nodiscard]] std::string governance_decision_text(const governance::request& r,
                                                   const governance::decision& d);

/// A decision as one JSON document (joinedup/decision/v1): the request, the outcome, the rule
/// (null when none), the reasons (kind, whether it denies, message) and the approvals counted.
[[nodiscard]] std::string governance_decision_json(const governance::request& r,
                                                   const governance::decision& d);

/// Progress as one JSON document (joinedup/progress-report/v1): the area, the date, the year,
/// then the rows of the measures and ambitions tables of governance_progress_tables, and of its
/// settings, organisations and trends tables when there are any (members named as the tables).
[[nodiscard]] std::string governance_progress_json(const governance::progress_input& in,
                                                   const governance::progress_measures& m,
                                                   const governance::integration_measures& x = {});

}  // namespace report
JOINEDUP_END_NAMESPACE
