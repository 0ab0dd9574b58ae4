// joinedup: JSON for diagnostics and the interchange helpers shared by every module's I/O.
#pragma once

#include <optional>
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

/// Reads `text` with the library's one strict JSON reader (the reader every joinedup document
/// goes through: RFC 8259, no repeated member, at most 64 levels of nesting, at most 256 MiB,
/// UTF-8 strings) and writes the value back compactly, members in their order. Comparing two
/// documents' normal forms compares their meaning, whatever their spacing. Gives nullopt, with
/// fatal diagnostics carrying line, column and pointer (io.json.syntax, io.json.duplicate_key,
/// io.json.depth, io.json.size), when `text` is not one such document.
[[nodiscard]] std::optional<std::string> normalise_json(std::string_view text, diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
