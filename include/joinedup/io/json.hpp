// joinedup: JSON for diagnostics and the interchange helpers shared by every module's I/O.
#pragma once

#include <string>
#include <string_view>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag carried by a diagnostics document.
inline constexpr std::string_view diagnostics_schema = "joinedup/diagnostics/v1";

/// Diagnostics as a JSON document: {"schema": "joinedup/diagnostics/v1", "errors": n,
/// "warnings": n, "diagnostics": [{"code", "severity", "path", "message", "line"?}]}.
[[nodiscard]] std::string diagnostics_to_json(const diagnostics& diags, int indent = 2);

/// Reads a document written by diagnostics_to_json back (for tools that consume the CLI's
/// output). Errors: io.json.syntax, io.json.schema, io.json.type.
[[nodiscard]] result<diagnostics> diagnostics_from_json(std::string_view text);

}  // namespace io
JOINEDUP_END_NAMESPACE
