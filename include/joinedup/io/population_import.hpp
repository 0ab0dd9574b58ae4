// joinedup: population estimates in their long layout (ONS mid-year estimates, Nomis and
// similar: an area code, a sex, a single year of age or a band, and the population, with the
// year in a column or in the population column's name) aggregated to the bands of a capitation
// and written as the population CSV `budget capitation` reads. Every age is counted once and
// every row accounted for. docs/budget-import-population.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/capitation.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// Reads a list of bands, "0-4,5-9,…,85-89,90+": in order, none overlapping another. Gaps are
/// allowed (ages in no band are left out, and counted). Error budget.import.bands.
[[nodiscard]] result<std::vector<budget::age_band>> parse_age_bands(std::string_view list);

/// An age as estimates write it: "7", "Age 7", "Aged 7", "7 years", "90+", "Aged 90 and over",
/// "90 and over", or a band "0-4" / "0 to 4". Error budget.import.age.
[[nodiscard]] result<budget::age_band> parse_estimate_age(std::string_view text);

/// How to read estimates.
struct population_import_options {
  /// The file's header for each field: area, sex, age, population, year. A field not named is
  /// looked for under the names estimates use (docs/budget-import-population.md).
  std::map<std::string, std::string, std::less<>> columns;
  std::vector<budget::age_band> bands;       ///< the capitation's bands (parse_age_bands)
  std::optional<int> year;                   ///< the mid-year to take, where the file has several
  bool by_sex = false;                       ///< keep female and male rows rather than persons
  std::set<std::string, std::less<>> areas;  ///< the area codes to keep; empty: all
  std::map<std::string, ratio, std::less<>> need_weights;   ///< band ("65-74") → need weight
  std::map<std::string, ratio, std::less<>> market_forces;  ///< area → market forces factor
};

/// What an import did.
struct population_import {
  budget::population population;  ///< the bands' populations, by area, sex and band
  std::string csv;                ///< the population CSV (write_population_csv)
  std::size_t rows_read = 0;      ///< data rows in the file
  std::size_t rows_mapped = 0;    ///< rows counted into a band
  std::size_t rows_left_out = 0;  ///< other years, areas, sexes, ages in no band
  std::size_t rows_rejected = 0;  ///< rows refused, each with a diagnostic naming its line
};

/// Reads estimates in their long layout and sums them into `options.bands`. A population may be
/// written "1,000" and may have decimals (projections): sums are exact and each band is rounded
/// half up to whole people once. Diagnostics at "/rows/N" (N the file's line):
/// budget.import.age, budget.import.population, budget.import.sex, budget.import.band (an age
/// across two bands), budget.import.duplicate (an area, sex and age given twice), and
/// budget.import.year; budget.import.column (nothing read), budget.import.empty,
/// budget.import.gap (an area and sex lacks ages a band needs), budget.import.weights (a band
/// without a need weight, or a weight for no band), budget.import.left_out (info).
[[nodiscard]] population_import import_population(std::string_view estimates_csv,
                                                  const population_import_options& options,
                                                  diagnostics& diags);

/// Reads a two-column CSV of keys and decimal factors ("age_band,need_weight" or
/// "area,market_forces_factor"; a first row whose second cell is not a number is a header) into
/// `into`. A bad row is budget.import.map at "/rows/N" with `name` in the message.
void read_factor_map(std::string_view csv, std::string_view name,
                     std::map<std::string, ratio, std::less<>>& into, diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
