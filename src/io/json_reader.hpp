// joinedup (private): helpers for reading JSON documents into domain values while collecting
// diagnostics. Used only inside src/; nlohmann_json is not part of the public interface.
#pragma once

#include <chrono>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {

using json = nlohmann::ordered_json;

/// Parses JSON text; on failure adds io.json.syntax (fatal) and returns nothing.
std::optional<json> parse_json(std::string_view text, diagnostics& diags);

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

/// The array member `key`; missing (when required) or not an array is a diagnostic and gives
/// nullptr.
const json* get_array(const json& obj, std::string_view key, const json_pointer& at,
                      diagnostics& diags, bool required = true);

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
