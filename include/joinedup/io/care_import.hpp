// joinedup: a case-management system's exports (people, plans, case manager assignments, and
// optionally services, needs, outcomes, plan events and case managers' absences) read as they
// come and assembled into the care records document the care commands read. Columns are found
// by the names the export uses, dates in the exporter's format, money exactly. Every row is
// accounted for: read, mapped or rejected with its file, line and reason. docs/care-import.md.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/care/model.hpp"
#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The kinds of file an import reads, in the order they are read: people, plans, assignments
/// (required), then services, needs, outcomes, events, absences (optional).
inline constexpr std::array<std::string_view, 8> care_import_files = {
    "people", "plans", "assignments", "services", "needs", "outcomes", "events", "absences"};

/// The text of each file an import reads, by its kind (care_import_files); a kind not given is
/// not read. people, plans and assignments are required (care.import.file when one is missing).
using care_import_texts = std::map<std::string, std::string, std::less<>>;

/// How to read the exports. A field not named in `columns` is looked for under its own name
/// (docs/care-import.md lists each file's fields), matched case-insensitively, trimmed and
/// without a byte order mark.
struct care_import_options {
  /// The export's header for a field, keyed "FILE.FIELD" ("people.nhs_number" -> "NHS No").
  std::map<std::string, std::string, std::less<>> columns;
  std::string date_format = "%Y-%m-%d";  ///< the exports' dates (io::parse_date's fields)
  std::optional<care::date> as_of;       ///< written as the document's as_of when given
  std::vector<line_id> schemes;          ///< written as the document's schemes
};

/// The rows of one file: read, mapped into the document, rejected with a diagnostic.
struct care_import_count {
  std::string file;               ///< its kind (people, plans, …)
  std::size_t rows_read = 0;      ///< data rows in the file
  std::size_t rows_mapped = 0;    ///< rows taken into the document
  std::size_t rows_rejected = 0;  ///< rows left out, each with a diagnostic naming its line
};

/// What an import did: the care records and, for each file read, its count of rows.
struct care_import {
  care::care_records records;             ///< the document (complete only without rejections)
  std::vector<care_import_count> counts;  ///< one per file read, in care_import_files order
};

/// Reads the exports under `options` and assembles the care records. A row that cannot be read
/// or mapped is rejected with an error at "/FILE/rows/N" (FILE the kind, N the file's line):
/// care.import.value (a cell that is not a date, a yes/no, an amount, a number or one of a
/// field's values; a required cell empty), care.import.nhs_number (an NHS number that is not in
/// an accepted layout or fails the Modulus 11 check), care.import.duplicate (a person, plan,
/// service or need id, or an NHS number, given twice), care.import.unknown (a person, plan or
/// case manager no earlier file has), care.import.dates (an end before its start),
/// care.import.case_manager (a case manager's details differing from an earlier row's). A
/// missing column is care.import.column at "/FILE/header" and nothing of that file is read;
/// care.import.empty for a file without a header row. Cells are never quoted in messages when
/// they could hold an NHS number. The records are not validated: call care::validate.
[[nodiscard]] care_import import_care(const care_import_texts& files,
                                      const care_import_options& options, diagnostics& diags);

/// An import's options as text, as a rules file or the command line gives them.
struct care_import_rules {
  std::vector<std::string> columns;  ///< FILE.FIELD=HEADER, in order (a later one wins)
  std::string date_format;           ///< the exports' dates; empty: ISO
  std::vector<std::string> schemes;  ///< pooled fund schemes or lines services may name
};

/// Reads a rules file (one option a line: "column people.nhs_number=NHS No", "date-format
/// %d/%m/%Y", "scheme NM-BCF-01"; '#' starts a comment; a leading "--" is allowed) into `into`,
/// keeping what `into` has already (the command line wins): its columns go before the command
/// line's, its schemes are added. An unknown option is care.import.rules at "/rules/N".
void read_care_import_rules(std::string_view text, care_import_rules& into, diagnostics& diags);

/// The options the rules give: each column checked (care.import.rules at "/columns/N" for one
/// that is not FILE.FIELD=HEADER with a known file and field).
[[nodiscard]] care_import_options care_import_options_from(const care_import_rules& rules,
                                                           diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
