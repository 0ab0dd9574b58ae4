// joinedup (private): helpers for reading JSON documents into domain values while collecting
// diagnostics. Used only inside src/; nlohmann_json is not part of the public interface.
#pragma once

#include <array>
#include <chrono>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/io/ledger_csv.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {

using json = nlohmann::ordered_json;

/// Bounds on one JSON document. Every joinedup document fits well inside them.
struct json_limits {
  std::size_t max_bytes = std::size_t{256} << 20;  ///< size of the text (256 MiB)
  std::size_t max_depth = 64;                      ///< nesting of objects and arrays
};

/// A 1-based line and column (in bytes) in a text.
struct text_position {
  std::size_t line = 1;    ///< 1-based line
  std::size_t column = 1;  ///< 1-based byte column on that line
};

/// The line and column of byte `offset` of `text`.
text_position position_of(std::string_view text, std::size_t offset);

/// The one JSON reader of the library: parses RFC 8259 JSON strictly. On any problem it adds
/// fatal diagnostics with line, column and JSON pointer and returns nothing, so a document is
/// loaded whole or not at all: io.json.syntax (bad syntax, invalid UTF-8, a number too large),
/// io.json.duplicate_key (a member given twice in one object), io.json.depth (nesting deeper
/// than limits.max_depth), io.json.size (more than limits.max_bytes). A UTF-8 byte order mark
/// before the document is allowed.
std::optional<json> parse_json(std::string_view text, diagnostics& diags,
                               const json_limits& limits = {});

/// Checks `"schema"` equals `expected`; adds io.json.schema (fatal) and returns false if not.
bool check_schema(const json& doc, std::string_view expected, diagnostics& diags);

/// Warns (io.json.unknown_field) about every member of `obj` not in `known`, so that a typo in
/// an input never silently drops data.
void check_known_fields(const json& obj, std::initializer_list<std::string_view> known,
                        const json_pointer& at, diagnostics& diags);

/// The string member `key` of `obj`. Missing and required: io.json.missing; not a string:
/// io.json.type. Returns nullopt in both cases.
std::optional<std::string> get_string(const json& obj, std::string_view key, const json_pointer& at,
                                      diagnostics& diags, bool required = true);

/// The member `key` read as money (a decimal string such as "1234.50"); problems are added.
std::optional<money> get_money(const json& obj, std::string_view key, const json_pointer& at,
                               diagnostics& diags, bool required = true);

/// The member `key` read as an ISO date; problems are added.
std::optional<std::chrono::year_month_day> get_date(const json& obj, std::string_view key,
                                                    const json_pointer& at, diagnostics& diags,
                                                    bool required = true);

/// The member `key` read as a financial year ("2025-26"); problems are added.
std::optional<financial_year> get_financial_year(const json& obj, std::string_view key,
                                                 const json_pointer& at, diagnostics& diags,
                                                 bool required = true);

/// The boolean member `key`; missing (when required) or not a boolean is a diagnostic.
std::optional<bool> get_bool(const json& obj, std::string_view key, const json_pointer& at,
                             diagnostics& diags, bool required = true);

/// The string member `key` read as one of `values` (snake_case names); anything else is
/// io.json.enum, listing what is accepted.
template <class E>
std::optional<E> get_enum(const json& obj, std::string_view key, const json_pointer& at,
                          diagnostics& diags,
                          std::span<const std::pair<std::string_view, E>> values,
                          bool required = true) {
  const std::optional<std::string> text = get_string(obj, key, at, diags, required);
  if (!text) return std::nullopt;
  std::string accepted;
  for (const auto& [name, value] : values) {
    if (name == *text) return value;
    accepted += (accepted.empty() ? "" : ", ") + std::string(name);
  }
  diags.error(
      "io.json.enum", at.key(key).str(),
      "'" + *text + "' is not a valid " + std::string(key) + "; expected one of: " + accepted);
  return std::nullopt;
}

/// get_enum over a braced list of names and values.
template <class E>
std::optional<E> get_enum(const json& obj, std::string_view key, const json_pointer& at,
                          diagnostics& diags,
                          std::initializer_list<std::pair<std::string_view, E>> values,
                          bool required = true) {
  return get_enum(obj, key, at, diags,
                  std::span<const std::pair<std::string_view, E>>(values.begin(), values.size()),
                  required);
}

/// get_enum over a std::array of names and values.
template <class E, std::size_t N>
std::optional<E> get_enum(const json& obj, std::string_view key, const json_pointer& at,
                          diagnostics& diags,
                          const std::array<std::pair<std::string_view, E>, N>& values,
                          bool required = true) {
  return get_enum(obj, key, at, diags, std::span<const std::pair<std::string_view, E>>(values),
                  required);
}

/// The array member `key`; missing (when required) or not an array is a diagnostic and gives
/// nullptr.
const json* get_array(const json& obj, std::string_view key, const json_pointer& at,
                      diagnostics& diags, bool required = true);

/// A ledger's control totals as the forecast and settlement documents write them:
/// {"rows_read", "rows_accepted", "rows_rejected", "total", "by_kind": {kind: amount}}.
json control_json(const ledger_control_totals& control);

/// "INCOMPLETE: …" and a line break when rows were rejected, else nothing: the first line of a
/// table made from a ledger with rejected rows.
std::string incomplete_banner(const ledger_control_totals& control);

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
