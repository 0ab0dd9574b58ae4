// joinedup: a Fingertips data download (the CSV the OHID Fingertips site and API give) read into
// the measurements CSV the scorecard reads, keeping Fingertips' own values, intervals and notes
// beside the counts joinedup recomputes from. Every row is accounted for: mapped, left out by a
// stated choice (sex, age, area, category breakdowns), or rejected with its line and reason.
// docs/outcomes-import-fingertips.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/outcomes/indicator.hpp"
#include "joinedup/outcomes/scorecard.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// A Fingertips time period as a measurement period: its label in joinedup's form and its last
/// day.
struct fingertips_period {
  std::string label;                  ///< e.g. "2022-23", "2022-23 Q1", "2023", "2021-23"
  std::chrono::year_month_day end{};  ///< the period's last day
};

/// Reads a Fingertips "Time period": "2023" (calendar year), "2022/23" (financial year, to 31
/// March), "2023 Q1" (calendar quarter), "2022/23 Q1" (financial quarter: Q1 is April to June),
/// "2021 - 23" (pooled calendar years), "2019/20 - 21/22" (pooled financial years), "Jan 2023" or
/// "2023 Jan" (a month, names in full or three letters), a range of two of these ("2006/07 Q1 -
/// 2007/08 Q4", "Aug 2006 - Jul 2007") and quarters within a year ("2006/07 Q1-Q2"); the labels
/// Fingertips' own formatter writes. Spaces are optional. Anything else is outcomes.import.period.
[[nodiscard]] result<fingertips_period> parse_fingertips_period(std::string_view text);

/// How to read a download.
struct fingertips_import_options {
  /// The catalogue whose fingertips_id maps Indicator IDs to indicators, or nullptr: every
  /// indicator is then imported under its Fingertips id.
  const outcomes::catalogue* catalogue = nullptr;
  /// The sex to keep; empty: "Persons" where an indicator has it, else its only sex.
  std::string sex;
  /// The age to keep (as Fingertips writes it, "65+ yrs"); empty: an indicator's only age, else
  /// the one matching its catalogue age_band, else its rows are ambiguous and rejected.
  std::string age;
  std::set<std::string, std::less<>> areas;  ///< the area codes to keep; empty: all
};

/// What an import did.
struct fingertips_import {
  std::vector<outcomes::measurement> rows;  ///< the measurements, in the download's order
  std::string csv;                          ///< the measurements CSV (write_outcomes_measurements)
  std::size_t rows_read = 0;                ///< data rows in the download
  std::size_t rows_mapped = 0;              ///< rows written as measurements
  std::size_t rows_left_out = 0;  ///< other sexes, ages, areas, category breakdowns, repeats
  std::size_t rows_rejected = 0;  ///< rows refused, each with a diagnostic naming its line
};

/// Reads a Fingertips download. Columns are matched by name, ignoring case, spaces, underscores
/// and a byte order mark (so fingertipsR's "IndicatorID" matches "Indicator ID"); Indicator ID,
/// Area Code and Time period are required, the rest optional, extra columns ignored. Counts and
/// denominators are kept where the catalogue's method recomputes from them (proportion, crude
/// rate, count, and indicators the catalogue lacks); Value, the 95 % and 99.8 % limits and Value
/// note always. Diagnostics at "/rows/N" (N the download's line): outcomes.import.cells,
/// outcomes.import.indicator, outcomes.import.required, outcomes.import.period,
/// outcomes.import.number, outcomes.import.ambiguous, outcomes.import.duplicate;
/// outcomes.import.column (nothing read), outcomes.import.empty;
/// outcomes.import.unknown_indicator (warning, once per id), outcomes.import.nothing_kept
/// (warning) and outcomes.import.left_out (info, once per reason).
[[nodiscard]] fingertips_import import_fingertips(std::string_view download_csv,
                                                  const fingertips_import_options& options,
                                                  diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
