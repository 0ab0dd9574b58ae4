// joinedup: the FHIR R4 export. Care records (people, case managers, plans) and, optionally, an
// outcomes framework with its measurements become one FHIR R4 Bundle of type `collection`:
// Patient, Practitioner, PractitionerRole, Organization, CarePlan, CareTeam, EpisodeOfCare and
// Goal for the care side; Organization, Group, Goal, Measure and MeasureReport for the outcomes
// side. The mapping, codes and systems are in docs/fhir-export.md.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "joinedup/care/model.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/outcomes/scorecard.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The identifier system of an NHS number (the only element of the export that carries one).
inline constexpr std::string_view fhir_nhs_number_system = "https://fhir.nhs.uk/Id/nhs-number";

/// The default base of the export's own canonical URLs (Measure.url, the extensions and code
/// systems joinedup defines). `.example` is reserved for documentation: set your own base with
/// fhir_export_options::base before publishing.
inline constexpr std::string_view fhir_default_base = "https://joinedup.example/fhir";

/// The path, below the base, of the confidence interval extension on MeasureReport's
/// group.measureScore (docs/fhir-export.md, "The confidence interval extension").
inline constexpr std::string_view fhir_ci_extension_path =
    "/StructureDefinition/measure-score-confidence-interval";

/// The path, below the base, of the personal budget extension on CarePlan (s26 amounts as
/// Money in GBP).
inline constexpr std::string_view fhir_budget_extension_path =
    "/StructureDefinition/care-plan-personal-budget";

/// How to write the bundle.
struct fhir_export_options {
  /// The date the export describes (plan status, the case manager in post, which measurements
  /// are in); nullopt: the care records' own `as_of`.
  std::optional<std::chrono::year_month_day> as_of;
  /// Bundle.timestamp and MeasureReport.date (a FHIR instant, e.g. "2025-11-30T09:00:00Z");
  /// empty: the as-of date at 00:00:00Z. Nothing reads the clock, so the same input gives the
  /// same bundle.
  std::string timestamp;
  /// The base of the canonical URLs the export defines (no trailing slash).
  std::string base = std::string(fhir_default_base);
};

/// An outcomes framework and its measurements, to add Measure, MeasureReport and the
/// area-level Goal resources to the bundle.
struct fhir_outcomes {
  const outcomes::framework* framework = nullptr;       ///< the framework (not owned)
  std::span<const outcomes::measurement> measurements;  ///< its measurements (not owned)
};

/// A name-based UUID (RFC 4122 version 5, SHA-1) of `name` in joinedup's namespace, written in
/// lower case with hyphens: the same name always gives the same UUID.
[[nodiscard]] std::string fhir_name_uuid(std::string_view name);

/// True when `text` is a FHIR instant joinedup accepts for fhir_export_options::timestamp:
/// YYYY-MM-DDThh:mm:ss, optional fraction, then Z or ±hh:mm.
[[nodiscard]] bool is_fhir_instant(std::string_view text) noexcept;

/// Writes the FHIR R4 Bundle (type `collection`, 2-space indented JSON with a final line break)
/// for `records` and, when `outcomes.framework` is set, the framework's indicators, targets and
/// measurements. Every resource's id is a name-based UUID of its stable key and its fullUrl is
/// `urn:uuid:<id>`; every reference points at an entry of the bundle. Adds diagnostics (codes in
/// docs/diagnostics/fhir.md): io.fhir.as_of (error: no as-of date), io.fhir.timestamp
/// (error: not an instant), io.fhir.nhs_number (warning: a person's NHS number is invalid,
/// so their Patient carries no identifier), io.fhir.case_manager (warning: an assignment
/// names an unknown case manager and is left out) and the scorecard's outcomes.* diagnostics.
/// Returns nullopt, having added at least one error, when nothing should be written.
[[nodiscard]] std::optional<std::string> write_fhir_bundle(const care::care_records& records,
                                                           const fhir_outcomes& outcomes,
                                                           const fhir_export_options& options,
                                                           diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
