// joinedup: reading and writing a pooled fund's in-year events (joinedup/fund-events/v1), and
// taking them from the audit trail instead, so that there is one source of truth, not two.
// docs/budget-events.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "joinedup/budget/events.hpp"
#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of an events document.
inline constexpr std::string_view fund_events_schema = "joinedup/fund-events/v1";

/// Reads an events document. nullopt when it cannot be read at all (not JSON, wrong schema);
/// every other problem is a diagnostic with its JSON pointer.
[[nodiscard]] std::optional<budget::fund_events> read_fund_events(std::string_view json_text,
                                                                  diagnostics& diags);

/// Writes an events document: "schema" first, indented by two, ending in a line break.
[[nodiscard]] std::string write_fund_events(const budget::fund_events& events);

/// The fund events an audit trail (JSON lines, docs/audit.md) records: its virement, new_scheme,
/// contribution_variation and risk_share_deviation entries, dated by their `at` (or
/// details.effective), with the fields docs/budget-events.md lists taken from their details.
/// The chain is verified first: a log that does not verify gives nullopt with its diagnostics,
/// as does an entry that names a fund event but cannot be read as one
/// (budget.events.audit_entry, with its line).
[[nodiscard]] std::optional<budget::fund_events> fund_events_from_audit(std::string_view text,
                                                                        diagnostics& diags);

/// An events document or an audit trail, told apart by the first character that is not white
/// space: a document is one JSON object over many lines, an audit trail one per line and starts
/// with {"seq".
[[nodiscard]] std::optional<budget::fund_events> read_events_or_audit(std::string_view text,
                                                                      diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
