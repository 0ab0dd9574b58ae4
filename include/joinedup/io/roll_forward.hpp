// joinedup: reading what a roll-forward needs — its terms (joinedup/roll-forward/v1) and the
// settlement document this year's `budget settle --format json` wrote.
// docs/budget-roll-forward.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/roll_forward.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of the roll-forward terms.
inline constexpr std::string_view roll_forward_schema = "joinedup/roll-forward/v1";

/// Reads roll-forward terms; nullopt when they cannot be read at all.
[[nodiscard]] std::optional<budget::roll_forward_terms> read_roll_forward_terms(
    std::string_view json_text, diagnostics& diags);

/// Writes roll-forward terms: "schema" first, indented by two, ending in a line break.
[[nodiscard]] std::string write_roll_forward_terms(const budget::roll_forward_terms& terms);

/// Reads a settlement document (joinedup/settlement/v1) for what a roll-forward takes from it:
/// its dispositions. It must be for `fund` (same name and financial year) and complete (a
/// settlement from a ledger with rejected rows is not a year's result):
/// `budget.roll_forward.settlement` otherwise. nullopt when it cannot be used.
[[nodiscard]] std::optional<budget::settlement> read_settlement_for_roll_forward(
    std::string_view json_text, const budget::pooled_fund& fund, diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
