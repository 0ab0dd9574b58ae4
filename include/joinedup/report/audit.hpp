// joinedup: the audit trail as output: a verified log's entries as a table (report::table), the
// summary of a verification in words, and the JSON document of `joinedup audit verify`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/governance/audit.hpp"
#include "joinedup/io/audit_log.hpp"
#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// An entry read from an audit log, with the line of the log it is on (1-based).
struct audit_log_line {
  std::size_t line = 0;           ///< the line of the log
  governance::audit_entry entry;  ///< the entry as read
  /// Memberwise equality.
  friend bool operator==(const audit_log_line&, const audit_log_line&) = default;
};

/// The entries of a verified log, named "entries": line, seq, at, actor, action, subject,
/// amount, verified (true when the verification reported no problem on the entry's line:
/// the chain verifies at that entry) and problems (the codes reported on that line, space
/// separated). `diags` are the verification's diagnostics.
[[nodiscard]] table audit_entries_table(const std::vector<audit_log_line>& entries,
                                        const diagnostics& diags);

/// Entries just written to a log (`joinedup audit append --format csv`), named "appended": seq,
/// at, actor, action, subject, amount, prev, hash.
[[nodiscard]] table audit_appended_table(const std::vector<governance::audit_entry>& entries);

/// The summary of a verification in words: "FILE: N entries on L lines (B bytes), FIRST to
/// LAST", the head's seq and hash, then "chain verified: …" or "chain NOT verified: N
/// problem(s)".
[[nodiscard]] std::string audit_verify_text(const io::audit_verify_summary& s,
                                            const diagnostics& diags, std::string_view file);

/// `joinedup audit verify --format json`: the document io::audit_verify_to_json writes, with the
/// entries table's "name", "title", "columns" and "rows" added after its members (its
/// "entries" stays the count). One document, newline-terminated.
[[nodiscard]] std::string audit_verify_document(const io::audit_verify_summary& s,
                                                const diagnostics& diags, std::string_view file,
                                                const table& entries);

}  // namespace report
JOINEDUP_END_NAMESPACE
