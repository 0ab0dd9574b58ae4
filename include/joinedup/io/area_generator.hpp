// joinedup: a seeded generator of a fictional Health and Wellbeing Board area (docs/demo-area.md).
//
// generate_area() makes every document the demo reads (the files of data/demo/, written through
// the project's own writers) for a fictional area, Wrenfield: an ICB and a council, fifteen
// schemes over the BCF scheme types, a year of ledger in tens of thousands of rows with in-year
// events, about 2,000 care plans and 60 case managers, a dozen indicators of the single outcomes
// framework over 36 months, a scheme of delegation, a progress document and a hash-chained audit
// trail. Problems are planted on purpose and counted in a manifest (planted.json), so that each
// engine's findings can be checked against what was planted.
//
// Determinism: the same options give byte-identical files on any platform and compiler. The
// generator has its own pseudo-random generator (splitmix64) and integer range mapping (no
// <random> distributions), builds money from whole pence, and takes every date from the
// financial year, never from the clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/io/file.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of the manifest of planted problems (planted.json).
inline constexpr std::string_view planted_schema = "joinedup/area-planted/v1";

/// What to generate.
struct area_options {
  std::uint64_t seed = 2026;  ///< the seed: the same seed gives the same files
  std::size_t people = 2000;  ///< people in the caseload, one care plan each (50 to 100,000)
};

/// The smallest and largest caseload generate_area accepts.
inline constexpr std::size_t area_min_people = 50;
/// The largest caseload generate_area accepts.
inline constexpr std::size_t area_max_people = 100'000;

/// One generated file: its name in the area folder and its contents.
struct area_file {
  std::string name;  ///< e.g. "budget-fund.json"
  std::string text;  ///< the file's bytes
};

/// The problems planted in a generated area, each deliberate and counted.
struct planted_problems {
  std::uint64_t seed = 0;         ///< the seed the area was made with
  std::size_t people = 0;         ///< people (and care plans)
  std::size_t case_managers = 0;  ///< case managers
  std::size_t ledger_rows = 0;    ///< rows of budget-ledger.csv
  std::vector<std::string> gaps;  ///< plans with days between two case managers with nobody
  std::vector<std::string> overdue_reviews;  ///< plans in force whose review is overdue
  std::vector<std::string> over_capacity;    ///< case managers holding more plans than capacity
  std::vector<std::string> missing_budget;   ///< agreed Care Act plans with no personal budget
  std::string overspent_scheme;              ///< the scheme whose spend exceeds its plan
  money overspend;                           ///< its spend less its plan at the year end
  std::string shift_indicator;      ///< indicator with a step change (SPC: 7 points below CL)
  std::string trend_indicator;      ///< indicator ending in 8 rising points (SPC: trend)
  std::string outlier_indicator;    ///< indicator with one point far outside the limits
  std::string outlier_period;       ///< the period of that point
  std::string no_target_indicator;  ///< indicator the framework gives no target
  std::vector<std::string> clean_indicators;  ///< indicators with common-cause variation only
};

/// A generated area: its files in a fixed order (the data/demo/ names, then planted.json) and
/// the manifest of what was planted.
struct generated_area {
  std::vector<area_file> files;  ///< every file, planted.json last
  planted_problems planted;      ///< what was planted
};

/// The names of the files generate_area makes, in order (planted.json last).
[[nodiscard]] std::vector<std::string> area_file_names();

/// Generates an area. Error `area.options` when the number of people is outside
/// area_min_people..area_max_people.
[[nodiscard]] result<generated_area> generate_area(const area_options& options);

/// The manifest as JSON (planted_schema): the counts and the ids of every planted problem.
[[nodiscard]] std::string write_planted(const planted_problems& planted);

/// Whether the files may be written into `dir`: it does not exist, or is an empty folder, or a
/// folder with files in it and `force` is true. Error `area.out_dir` otherwise (a file, or a
/// folder with files in it without `force`). write_area checks this first; a caller may check it
/// before generating.
[[nodiscard]] result<done> check_area_dir(const std::filesystem::path& dir, bool force);

/// Writes the files into `dir` (created when missing), each atomically. Errors: `area.out_dir`
/// when `dir` exists and is not a folder, or is a folder holding anything and `force` is false
/// (nothing is written then); io.file.write when a file cannot be written.
[[nodiscard]] result<done> write_area(const generated_area& area, const std::filesystem::path& dir,
                                      bool force);

}  // namespace io
JOINEDUP_END_NAMESPACE
