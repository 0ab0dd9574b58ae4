// joinedup: a settlement as JSON (joinedup/settlement/v1), CSV and an aligned text table for a
// board paper.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/io/ledger_csv.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of a settlement document.
inline constexpr std::string_view settlement_schema = "joinedup/settlement/v1";

/// The settlement as JSON, money as decimal strings ("1234.50"):
/// {"schema": "joinedup/settlement/v1", "fund", "financial_year", "as_of" (only when given),
/// "variance", "partners": [{"partner", "contribution", "share_of_variance",
/// "final_contribution"}], "pool_movements": [{"amount", "reason"}], "lines": [{"line",
/// "scheme", "description", "risk_class", "planned", "outturn", "variance", "outturn_missing",
/// "met_from_underspends", "met_from_risk_pool", "residual", "rule", "shares": [{"partner",
/// "amount"}], "retained_in_pool", "not_allocated"}], "steps": ["…"], "step_records": [{"kind",
/// …}]}: "steps" are the sentences (report::settlement_steps), "step_records" the same steps as
/// data, one per sentence (budget::settlement_step through its field list; a member at its
/// default is left out).
/// `fund` is the fund that was settled (its name and year); `as_of` is the date of the outturns.
/// With `control` (the totals of the ledger the outturns came from), the document also has
/// "complete" (false when any ledger row was rejected) and "control" as in the forecast.
[[nodiscard]] std::string settlement_to_json(
    const budget::settlement& settlement, const budget::pooled_fund& fund,
    std::optional<std::chrono::year_month_day> as_of = std::nullopt, int indent = 2,
    const ledger_control_totals* control = nullptr);

/// The settlement as CSV with a header row
/// `kind,partner,contribution,share_of_variance,final_contribution,amount,reason`: one row per
/// partner (kind "partner", amount = its share of variance) then one per pool movement (kind
/// "pool_movement"), so the amount column adds up to the variance. Money as decimal strings;
/// RFC 4180 quoting.
[[nodiscard]] std::string settlement_to_csv(const budget::settlement& settlement);

/// The settlement as aligned text for a board paper (report::settlement_text): a heading (fund,
/// year, as-of date and whether the outturn is a forecast), the partners (contribution, share of
/// variance, final contribution, with totals), the pool movements, the check of the identity,
/// then the numbered steps.
/// With `control`, an INCOMPLETE line follows the heading when any ledger row was rejected.
[[nodiscard]] std::string settlement_to_table(
    const budget::settlement& settlement, const budget::pooled_fund& fund,
    std::optional<std::chrono::year_month_day> as_of = std::nullopt,
    const ledger_control_totals* control = nullptr);

}  // namespace io
JOINEDUP_END_NAMESPACE
