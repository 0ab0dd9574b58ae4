// joinedup: reading and writing governance documents as JSON: the single commissioning
// arrangement (joinedup/commissioner/v1), the scheme of delegation (joinedup/delegation/v1), a
// decision request (joinedup/decision-request/v1), progress input (joinedup/progress/v1) and the
// ambitions catalogue (joinedup/ambitions/v1); and rendering check results, decisions and
// progress measures as a text table, JSON or CSV. Formats: docs/governance.md; schemas:
// data/schema/{commissioner,delegation,decision-request,progress,ambitions}.schema.json.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/governance/commissioner.hpp"
#include "joinedup/governance/delegation.hpp"
#include "joinedup/governance/progress.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of a commissioner document.
inline constexpr std::string_view commissioner_schema = "joinedup/commissioner/v1";
/// The schema tag of a scheme of delegation document.
inline constexpr std::string_view delegation_schema = "joinedup/delegation/v1";
/// The schema tag of a decision request document.
inline constexpr std::string_view decision_request_schema = "joinedup/decision-request/v1";
/// The schema tag of a progress input document.
inline constexpr std::string_view progress_schema = "joinedup/progress/v1";
/// The schema tag of an ambitions catalogue (data/governance/ambitions.json).
inline constexpr std::string_view ambitions_schema = "joinedup/ambitions/v1";
/// The schema tag of a decision written by report::governance_decision_json.
inline constexpr std::string_view decision_schema = "joinedup/decision/v1";
/// The schema tag of a check result written by report::governance_check_json.
inline constexpr std::string_view governance_check_schema = "joinedup/governance-check/v1";
/// The schema tag of progress measures written by report::governance_progress_json.
inline constexpr std::string_view progress_report_schema = "joinedup/progress-report/v1";

/// Reads a commissioner document. Problems are added to `diags` with JSON pointers (io.json.*,
/// io.json.enum for an unknown kind or cadence, core.date.*); values that fail to read keep
/// their defaults. Returns nullopt only when the text is not JSON or not this kind of document.
/// Codes and references are kept as written; check them with governance::check.
[[nodiscard]] std::optional<governance::commissioner> read_commissioner(std::string_view json_text,
                                                                        diagnostics& diags);
/// Writes a commissioner document; read_commissioner gives it back.
[[nodiscard]] std::string write_commissioner(const governance::commissioner& c);

/// Reads a scheme of delegation. A rule's "limit" is a money string or "unlimited". Problems as
/// read_commissioner; check the scheme's references with governance::check_scheme.
[[nodiscard]] std::optional<governance::scheme> read_delegation(std::string_view json_text,
                                                                diagnostics& diags);
/// Writes a scheme of delegation; read_delegation gives it back.
[[nodiscard]] std::string write_delegation(const governance::scheme& s);

/// Reads a decision request. The action is kept as written, so that decide() can deny an
/// unknown one with its reason.
[[nodiscard]] std::optional<governance::request> read_decision_request(std::string_view json_text,
                                                                       diagnostics& diags);
/// Writes a decision request; read_decision_request gives it back.
[[nodiscard]] std::string write_decision_request(const governance::request& r);

/// Reads progress input. An ambition's share is a ratio ("20%", "0.2" or "1/5").
[[nodiscard]] std::optional<governance::progress_input> read_progress(std::string_view json_text,
                                                                      diagnostics& diags);
/// Writes progress input; read_progress gives it back.
[[nodiscard]] std::string write_progress(const governance::progress_input& p);

/// Reads an ambitions catalogue: {"schema": "joinedup/ambitions/v1", "ambitions": [...]}.
[[nodiscard]] std::optional<std::vector<governance::ambition>> read_ambitions(
    std::string_view json_text, diagnostics& diags);
/// Writes an ambitions catalogue; read_ambitions gives it back.
[[nodiscard]] std::string write_ambitions(const std::vector<governance::ambition>& ambitions);
/// The shape of an ambitions catalogue document (shape_of its field list), which the suite
/// checks against data/schema/ambitions.schema.json.
[[nodiscard]] field_shape ambitions_document_shape();

}  // namespace io
JOINEDUP_END_NAMESPACE
