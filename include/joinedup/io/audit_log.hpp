// joinedup: the audit log file. SHA-256 from OpenSSL's libcrypto, durable appends (an exclusive
// flock, one write of the whole line, fsync of the file and, when it is created, of its folder),
// reading one entry line, and verifying a whole log line by line in constant memory. The format
// and the recovery rules are in docs/audit.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/governance/audit.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// SHA-256 of `data` as 64 lower-case hexadecimal digits (libcrypto's EVP interface); the same
/// digits `printf '%s' DATA | sha256sum` prints.
[[nodiscard]] std::string sha256_hex(std::string_view data);

/// Reads one log line (without its line end) as an entry. Problems are reported on `line`:
/// `governance.audit.syntax` (not a JSON object), `governance.audit.unknown_field` (a member the
/// hash does not cover), `governance.audit.timestamp`, and the shared `io.json.missing`,
/// `io.json.type`, `io.json.enum` and `core.money.*` codes. Returns nullopt when the line cannot
/// be read as an entry. The details object is returned in canonical form (docs/audit.md).
[[nodiscard]] std::optional<governance::audit_entry> read_audit_entry(std::string_view text,
                                                                      std::size_t line,
                                                                      diagnostics& diags);

/// Reads `text` as a JSON object and returns its canonical form: members sorted by the bytes of
/// their names, no white space, strings escaped as audit_canonical_form does, numbers only whole
/// (a fraction or exponent is refused: write decimals such as money as strings). Problems:
/// `governance.audit.details` under `path`.
[[nodiscard]] std::optional<std::string> canonical_details(std::string_view text,
                                                           diagnostics& diags,
                                                           const std::string& path = "/details");

/// Options for verify_audit_log.
struct audit_verify_options {
  /// (seq, hash) pairs recorded elsewhere that the log must still match (audit_chain_verifier).
  std::vector<std::pair<std::int64_t, std::string>> anchors;
};

/// What verifying a log found, besides its diagnostics.
struct audit_verify_summary {
  governance::audit_chain_summary chain;  ///< entries, head seq and hash, first and last time
  std::size_t lines = 0;                  ///< lines read, including a torn final line
  std::uintmax_t bytes = 0;               ///< bytes read
  bool torn_tail = false;                 ///< the final line had no line end
};

/// Verifies a log read from `in`, line by line: every line is read as an entry and checked
/// against the one before (audit_chain_verifier with sha256_hex); a final line without a line
/// end is reported as `governance.audit.truncated`; a blank line as `governance.audit.syntax`.
[[nodiscard]] audit_verify_summary verify_audit_stream(std::istream& in, diagnostics& diags,
                                                       const audit_verify_options& options = {});

/// Verifies the log at `path` ("-" for standard input) under a shared flock, so that an append
/// in progress is never mistaken for a torn line. A file that cannot be opened is io.file.read.
[[nodiscard]] audit_verify_summary verify_audit_log(const std::string& path, diagnostics& diags,
                                                    const audit_verify_options& options = {});

/// The verification result as JSON: {"schema": "joinedup/audit-verify/v1", "file", "ok",
/// "entries", "lines", "bytes", "torn_tail", "head": {"seq", "hash"} | null, "first_at",
/// "last_at", "errors", "diagnostics": [{"code", "severity", "path", "line", "message"}]}.
[[nodiscard]] std::string audit_verify_to_json(const audit_verify_summary& summary,
                                               const diagnostics& diags, std::string_view file);

/// The write used by append_audit_entry: ::write's contract (bytes written, or -1 with errno).
using audit_write_function = std::ptrdiff_t (*)(int fd, const char* data, std::size_t size);

/// Options for append_audit_entry.
struct audit_append_options {
  /// When the log ends with a torn line, cut it off and record a `note` entry saying how many
  /// bytes were removed and their SHA-256, before the new entry. Without it the append refuses.
  bool repair = false;
  /// Fault-injection seam for tests (nullptr: ::write). Crash tests pass a writer that writes
  /// part of the line and stops, then kill the process.
  audit_write_function write = nullptr;
};

/// What append_audit_entry wrote.
struct audit_append_result {
  governance::audit_entry entry;                       ///< the new entry as stored
  std::optional<governance::audit_entry> repair_note;  ///< the repair note written before it
  std::size_t removed_bytes = 0;                       ///< bytes of torn tail cut off (repair)
  bool created = false;                                ///< the log file did not exist before
};

/// Appends one entry to the log at `path`, creating the file (mode 0644) when it does not exist.
/// Under an exclusive flock: reads the last line, checks that it is a whole entry whose own hash
/// verifies (the full chain is `verify`'s job), takes seq and prev from it, takes the time from
/// the clock when `draft.at` is empty, writes the line and its line end in one write, fsyncs the
/// file and, on creation, its folder. A failed write is rolled back by truncating to the old
/// length. Refuses, with a diagnostic and nothing written: a torn final line without
/// `options.repair` (`governance.audit.torn_tail`); a last line that is not a verified entry
/// (its reading codes, `governance.audit.hash_mismatch`); a time before the last entry's
/// (`governance.audit.time_order`); bad fields in the draft (`governance.audit.field`); a lock
/// that cannot be taken (`governance.audit.lock`); and file errors (io.file.read, io.file.write).
[[nodiscard]] std::optional<audit_append_result> append_audit_entry(
    const std::string& path, const governance::audit_draft& draft, diagnostics& diags,
    const audit_append_options& options = {});

}  // namespace io
JOINEDUP_END_NAMESPACE
