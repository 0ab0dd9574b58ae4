// joinedup: reading and writing care records (people, case managers, plans) and the review
// policy as JSON. Formats: docs/care.md; schemas: data/schema/care-plans.schema.json and
// data/schema/care-review-policy.schema.json.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "joinedup/care/model.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of a care records document.
inline constexpr std::string_view care_plans_schema = "joinedup/care-plans/v1";
/// The schema tag of a review policy document.
inline constexpr std::string_view care_review_policy_schema = "joinedup/care-review-policy/v1";

/// Reads a care records document: the library's strict JSON reader, then the fields described
/// beside the care structs (fields_of<T> in joinedup/care/model.hpp). Every problem is added to
/// `diags` with a JSON pointer: io.json.missing, io.json.type (money as a JSON number included),
/// io.json.unknown_field (a warning; the field is skipped), io.json.enum (the message lists the
/// allowed values) and the core parse codes for money, rates, ratios and dates. Values that fail
/// to read keep their defaults. Returns nullopt only when the text cannot be read at all:
/// io.json.syntax, io.json.duplicate_key, io.json.depth, io.json.size (all fatal, with line and
/// column) or io.json.schema (not a care records document). Identifiers (NHS numbers, codes) are
/// kept as written; validate them with care::validate.
[[nodiscard]] std::optional<care::care_records> read_care_records(std::string_view json_text,
                                                                  diagnostics& diags);

/// Writes care records as JSON, fields in the order of their field lists (2-space indentation
/// and a final line break when `pretty`, else one line).
/// read_care_records(write_care_records(r)) gives back r, and writing that again gives the same
/// text.
[[nodiscard]] std::string write_care_records(const care::care_records& records, bool pretty = true);

/// Reads a review policy document (data/care/review-policy.json). Errors: io.json.*, and
/// care.policy.value for a count that is not a whole number from 0 to 1200. Returns nullopt
/// when the document cannot be read at all.
[[nodiscard]] std::optional<care::review_policy> read_review_policy(std::string_view json_text,
                                                                    diagnostics& diags);

/// Writes a review policy as JSON; read_review_policy gives it back.
[[nodiscard]] std::string write_review_policy(const care::review_policy& policy);

}  // namespace io
JOINEDUP_END_NAMESPACE
