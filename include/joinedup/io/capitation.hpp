// joinedup: reading populations (CSV) and payment scenarios (JSON), and writing capitated budgets,
// payment comparisons and alliance settlements as JSON (their tables for text and CSV are in
// joinedup/report/budget.hpp). Formats in docs/capitation.md and
// data/schema/population.md; the scenario's JSON Schema is
// data/schema/payment-scenario.schema.json.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "joinedup/budget/alliance.hpp"
#include "joinedup/budget/capitation.hpp"
#include "joinedup/budget/payment_models.hpp"
#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of a payment scenario document.
inline constexpr std::string_view payment_scenario_schema = "joinedup/payment-scenario/v1";
/// The schema tag of a capitated budget written as JSON.
inline constexpr std::string_view capitated_budget_schema = "joinedup/capitated-budget/v1";
/// The schema tag of a payment comparison written as JSON.
inline constexpr std::string_view payment_comparison_schema = "joinedup/payment-comparison/v1";
/// Schema tag of an alliance agreement document.
inline constexpr std::string_view alliance_schema = "joinedup/alliance/v1";
/// Schema tag of an alliance gain/loss share result.
inline constexpr std::string_view alliance_settlement_schema = "joinedup/alliance-settlement/v1";
/// Schema tag of a pace-of-change plan document.
inline constexpr std::string_view pace_plan_schema = "joinedup/pace-of-change/v1";
/// Schema tag of a year of pace of change written as JSON.
inline constexpr std::string_view paced_year_schema = "joinedup/paced-allocation/v1";
/// The header row of a population CSV as joinedup writes it (columns may come in any order;
/// sex, need_weight and market_forces_factor are optional).
inline constexpr std::string_view population_csv_header =
    "area,age_band,sex,population,need_weight,market_forces_factor";

/// Reads a population CSV one line at a time from `in`. Every bad row is left out with a
/// diagnostic carrying its 1-based line number and a path "/rows/<record>/<column>"; a file
/// without the required columns gives budget.capitation.csv_header and no rows. An area's MFF is
/// taken from its first row that gives one; a different MFF later is
/// budget.capitation.mff_inconsistent.
[[nodiscard]] budget::population read_population_csv(std::istream& in, diagnostics& diags);

/// read_population_csv over text in memory.
[[nodiscard]] budget::population read_population_csv(std::string_view text, diagnostics& diags);

/// Writes a population as CSV (population_csv_header); reading it back gives an equal
/// population apart from source line numbers.
[[nodiscard]] std::string write_population_csv(const budget::population& pop);

/// Reads a payment scenario document: its fields are those of fields_of<budget::payment_scenario>
/// (joinedup/budget/payment_models.hpp), a ratio a decimal string, percentage, fraction or JSON
/// whole number. Problems are added to `diags` with JSON pointers; returns no value only when
/// the document cannot be read at all (not JSON, wrong schema).
[[nodiscard]] std::optional<budget::payment_scenario> read_payment_scenario(
    std::string_view json_text, diagnostics& diags);

/// Writes a payment scenario as JSON (variable_rate, withhold and sensitivity as percentages);
/// reading it gives back an equal scenario and writing that again gives the same text.
[[nodiscard]] std::string write_payment_scenario(const budget::payment_scenario& s);

/// A capitated budget as JSON (capitated_budget_schema).
[[nodiscard]] std::string capitated_budget_json(const budget::capitated_budget& b);

/// A payment comparison as JSON (payment_comparison_schema).
[[nodiscard]] std::string payment_comparison_json(const budget::payment_scenario& s,
                                                  const budget::payment_comparison& c);

/// Reads an alliance agreement with its members' budgets and actuals: {"schema":
/// "joinedup/alliance/v1", "name", "redistribute_excess" (default true), "members": [{"id",
/// "name", "budget", "actual", "gain_share", "loss_share", "cap", "collar"}]}, as described by
/// fields_of<budget::alliance> (joinedup/budget/alliance.hpp); money as decimal strings, shares
/// as "60%" or "0.6" (absent: the member's budget share). Problems go to `diags` with JSON
/// pointers; returns no value only when the document cannot be read at all.
[[nodiscard]] std::optional<budget::alliance> read_alliance(std::string_view json_text,
                                                            diagnostics& diags);
/// Writes an alliance agreement as JSON; reading it back gives an equal alliance.
[[nodiscard]] std::string write_alliance(const budget::alliance& a);

/// An alliance gain/loss share as JSON (alliance_settlement_schema): "alliance", "budget",
/// "actual", "variance" (+ gain, − loss), "members": [{"member", "budget", "actual", "share",
/// "provisional", "share_of_variance", "limited", "payment"}], "commissioner", "steps".
[[nodiscard]] std::string alliance_settlement_json(const budget::alliance& a,
                                                   const budget::alliance_settlement& s);

/// Reads a pace-of-change plan: {"schema": "joinedup/pace-of-change/v1", "name",
/// "financial_year", "total", "floor", "ceiling", "areas": [{"area", "baseline", "target"}]}, as
/// described by fields_of<budget::pace_plan> (joinedup/budget/capitation.hpp); money as decimal
/// strings, floor and ceiling as "1.5%" or "0.015" (or a JSON whole number). Problems go to
/// `diags` with JSON pointers; returns no value only when the document cannot be read at all
/// (not JSON, wrong schema). Validate the plan (budget::validate) before pacing it.
[[nodiscard]] std::optional<budget::pace_plan> read_pace_plan(std::string_view json_text,
                                                              diagnostics& diags);
/// Writes a pace-of-change plan as JSON; reading it back gives an equal plan.
[[nodiscard]] std::string write_pace_plan(const budget::pace_plan& p);

/// A year of pace of change as JSON (paced_year_schema): "name", "financial_year",
/// "baseline_total", "total", "floor", "ceiling" (null when none), "pot", "areas": [{"area",
/// "baseline", "target", "floor", "ceiling", "allocation", "growth", "growth_rate",
/// "target_on_baseline", "gap_before", "distance_before", "gap_after", "distance_after",
/// "limited_by"}], "steps". Money as decimal strings; growth rates and distances as percentages
/// rounded half-even to two places ("-2.57%"); limited_by is "none", "floor" or "ceiling".
[[nodiscard]] std::string paced_year_json(const budget::pace_plan& p, const budget::paced_year& y);

/// An exact ratio as decimal text when it has a finite decimal form ("1.05", "0.333333"), else
/// "num/den"; ratio::parse reads either back exactly.
[[nodiscard]] std::string ratio_decimal(ratio r);
/// An exact ratio as a percentage when it has a finite decimal form ("12.5%"), else "num/den".
[[nodiscard]] std::string ratio_percent(ratio r);

}  // namespace io
JOINEDUP_END_NAMESPACE
