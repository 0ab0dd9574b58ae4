// joinedup: reading and writing the outcomes documents (indicator catalogue, framework,
// measurements CSV) and the JSON-lines machine interface of `joinedup outcomes stats` and
// `joinedup outcomes spc`. Formats: docs/outcomes.md; schemas: data/schema/outcomes-*.schema.json.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/outcomes/indicator.hpp"
#include "joinedup/outcomes/scorecard.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of an indicator catalogue (data/indicators/catalogue.json).
inline constexpr std::string_view outcomes_catalogue_schema = "joinedup/outcomes-catalogue/v1";
/// The schema tag of a framework in use (catalogue + targets + benchmarks).
inline constexpr std::string_view outcomes_framework_schema = "joinedup/outcomes-framework/v1";

/// Reads an indicator catalogue; every problem is added to `diags` with a JSON pointer. Returns
/// nothing only when the document cannot be read at all (not JSON, wrong schema).
[[nodiscard]] std::optional<outcomes::catalogue> read_outcomes_catalogue(std::string_view json_text,
                                                                         diagnostics& diags);

/// Writes a catalogue; read_outcomes_catalogue(write_outcomes_catalogue(c)) gives back c.
[[nodiscard]] std::string write_outcomes_catalogue(const outcomes::catalogue& cat);

/// Reads a framework document: its own domains, indicators and crosswalk (the catalogue's
/// members, inline) plus targets, benchmarks and the comparison level. Problems go to `diags`.
[[nodiscard]] std::optional<outcomes::framework> read_outcomes_framework(std::string_view json_text,
                                                                         diagnostics& diags);

/// Writes a framework; read_outcomes_framework(write_outcomes_framework(f)) gives back f.
[[nodiscard]] std::string write_outcomes_framework(const outcomes::framework& fw);
/// The shape of an outcomes framework document (shape_of its field list), which the suite
/// checks against data/schema/outcomes-framework.schema.json.
[[nodiscard]] field_shape framework_document_shape();

/// Validates a framework: its catalogue (validate_catalogue), its targets (validate_target, and
/// outcomes.target.unknown_indicator), and benchmarks for unknown indicators
/// (outcomes.benchmark.unknown_indicator).
void validate_outcomes_framework(const outcomes::framework& fw, diagnostics& diags);

/// Reads measurements CSV with a header row. Columns: indicator, area, period, period_end
/// (required), numerator, denominator, standard_population, reference_numerator,
/// reference_denominator, value, lower_95, upper_95, lower_99_8, upper_99_8 (a published
/// interval), note (optional; empty or "NA" number cells are missing). Problems carry the
/// line number: outcomes.csv.header, outcomes.csv.columns, outcomes.csv.number,
/// outcomes.csv.date, outcomes.csv.required; an unknown column is io.json.unknown_field's CSV
/// twin outcomes.csv.unknown_column (warning).
[[nodiscard]] std::vector<outcomes::measurement> read_outcomes_measurements(
    std::string_view csv_text, diagnostics& diags);

/// Writes measurements as CSV with every column; reading it back gives the same rows (lines
/// renumbered from 2).
[[nodiscard]] std::string write_outcomes_measurements(
    const std::vector<outcomes::measurement>& rows);

/// Answers one JSON line of `joinedup outcomes stats` with one JSON object on one line (no
/// newline). Sets `ok` false when the line is an error object. `line` is the 1-based input line
/// and is echoed as "line".
[[nodiscard]] std::string answer_stats_line(std::string_view json_line, std::size_t line, bool& ok);

/// Answers one JSON line of `joinedup outcomes spc` with one JSON object on one line.
[[nodiscard]] std::string answer_spc_line(std::string_view json_line, std::size_t line, bool& ok);

}  // namespace io
JOINEDUP_END_NAMESPACE
