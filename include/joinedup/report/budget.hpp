// joinedup: budget results as report tables (joinedup/report/table.hpp), rendered as text, CSV or
// JSON by report::render: a fund's summary (`budget validate`), a forecast outturn (`budget
// forecast`), a capitated budget (`budget capitation`), a payment comparison (`budget
// compare-payments`) and an alliance gain/loss share (`budget alliance`). The domain computes
// the figures; these functions put them in rows and say them in English. Where a command writes
// CSV, the table named for it here is that CSV, column for column (docs/formats.md).
#pragma once

#include <string>
#include <vector>

#include "joinedup/budget/alliance.hpp"
#include "joinedup/budget/capitation.hpp"
#include "joinedup/budget/payment_models.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/summary.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/io/forecast.hpp"
#include "joinedup/io/ledger_csv.hpp"
#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// A fund's summary as three tables (four in a two-tier area), titled with the fund's name, year
/// and host:
/// - "sources": source, label, income, planned; one row per funding source in label order,
///   then a row labelled "Total" (no source) with the fund's income and planned spend;
/// - "partners": partner, name, contribution; one row per partner in fund order;
/// - "counts": partners, contributions, schemes, lines; one row;
/// - "dfg_pass_through" (only when the fund lists it): district, gss_code, amount; one row per
///   district council, then a "Total" row.
[[nodiscard]] std::vector<table> fund_summary_tables(const budget::pooled_fund& fund,
                                                     const budget::fund_summary& summary);

/// The JSON document of `budget validate`: the diagnostics document (schema
/// "joinedup/diagnostics/v1", "errors", "warnings", "diagnostics", as io::diagnostics_to_json
/// writes it) with a "tables" member added last: the tables as render(tables, json) writes
/// them (empty when the fund could not be read).
[[nodiscard]] std::string fund_validation_json(const std::vector<table>& tables,
                                               const diagnostics& diags);

/// "INCOMPLETE: n of m ledger row(s) were rejected …" and a line break when any ledger row was
/// rejected, else nothing: the first line under the heading of a result made from a ledger.
[[nodiscard]] std::string incomplete_banner(const io::ledger_control_totals& control);

/// The heading of a forecast's text: "Forecast outturn of <fund>, <year>, as of <date>
/// (<method>)", the INCOMPLETE line when rows were rejected, and the ledger's row counts and
/// control totals ("Ledger: 92 row(s) read, 92 accepted, 0 rejected; control total …").
[[nodiscard]] std::string forecast_heading(const io::forecast_report& report,
                                           const budget::pooled_fund& fund);

/// A forecast for people, as tables:
/// - "lines": line, planned, spend_to_date, commitments, outturn, variance, then "Total";
/// - "schemes", "sources", "partners": scheme/source/partner, planned, outturn, variance (the
///   partners' table ends with "unattributed" when anything is unattributed);
/// - "months": month, spend; the months begun by the as-of date (left out when none is).
[[nodiscard]] std::vector<table> forecast_tables(const io::forecast_report& report,
                                                 const budget::pooled_fund& fund);

/// A forecast as one table, "forecast", the CSV of `budget forecast`: level, key, planned,
/// spend_to_date, commitments, outturn, variance; one row per line (level "line"), then per
/// scheme, source and partner (spend and commitments empty), then "unattributed" and "fund".
/// Each level's variance adds up to the fund's.
[[nodiscard]] table forecast_levels_table(const io::forecast_report& report);

/// forecast_heading, a blank line, then forecast_tables rendered as text.
[[nodiscard]] std::string forecast_text(const io::forecast_report& report,
                                        const budget::pooled_fund& fund);

/// A capitated budget as tables:
/// - "allocations" (the CSV of `budget capitation`), titled "Capitated budget: <weighted> weighted
///   heads x £<rate> per head = £<total>": area, people, market_forces_factor,
///   weighted_population (6 places), allocation; one row per area, then "Total";
/// - "steps", "How it was worked out": step, explanation.
[[nodiscard]] std::vector<table> capitation_tables(const budget::capitated_budget& b);

/// A payment comparison as one table, "payments", the CSV of `budget compare-payments`: model,
/// provider, applicable, low_volume, payment, if_activity_up, if_activity_down, exposure_up,
/// exposure_down, at_risk; one row per model and provider, then a row per model with provider
/// "Total" (applicable, payment, exposure_up and exposure_down filled).
[[nodiscard]] table payment_comparison_table(const budget::payment_comparison& c);

/// "INCOMPLETE: the <model> total leaves out n of m provider(s) it could not price (ids); …"
/// and a line break for each model priced for some providers but not all, else nothing: the
/// first lines of a payment comparison's text.
[[nodiscard]] std::string payment_incomplete_banner(const budget::payment_comparison& c);

/// A payment comparison for people, as tables:
/// - "totals", "Payment comparison: <scenario> (activity change +/-<x>%)": model, priced,
///   payment, exposure_up, exposure_down (money empty when the model could not be priced),
///   complete (false when the total leaves out providers), unpriced (their ids, "; "-separated);
/// - "providers": provider, planned_value, actual_value, low_volume;
/// - "basis", "By provider": provider, model, payment, exposure_up, exposure_down, basis.
[[nodiscard]] std::vector<table> payment_comparison_tables(const budget::payment_scenario& s,
                                                           const budget::payment_comparison& c);

/// A year of pace of change as tables:
/// - "areas" (the CSV of `budget pace-of-change`), titled "Pace of change: <name>: £<total>
///   from a baseline of £<baseline total>, floor <f>, ceiling <c>": area, baseline, target,
///   floor, ceiling, allocation, growth, growth_rate, distance_before, distance_after,
///   limited_by (none, floor or ceiling); percentages rounded half-even to two places; one row
///   per area, then "Total" (baseline, target, allocation and growth);
/// - "steps", "How it was worked out": step, explanation.
[[nodiscard]] std::vector<table> pace_tables(const budget::pace_plan& p,
                                             const budget::paced_year& y);

/// An alliance gain/loss share as tables:
/// - "members" (the CSV of `budget alliance`), titled "Alliance gain/loss share: <name>: budget
///   £…, actual £…, variance £… (a gain | a loss | on budget)": member, budget, actual, share
///   ("60%"), provisional, share_of_variance, limited, payment; one row per member, then a
///   "commissioner" row with only share_of_variance, what no member could take (+ kept, −
///   borne), so that column adds up to the variance;
/// - "steps": step, explanation, numbered from 1.
[[nodiscard]] std::vector<table> alliance_tables(const budget::alliance& a,
                                                 const budget::alliance_settlement& s);

}  // namespace report
JOINEDUP_END_NAMESPACE
