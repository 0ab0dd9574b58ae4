// joinedup: the audit trail as output.
#include "joinedup/report/audit.hpp"

#include <fmt/format.h>

#include "joinedup/core/money.hpp"
#include "json_members.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

table audit_entries_table(const std::vector<audit_log_line>& entries, const diagnostics& diags) {
  table t{.title = "Audit trail",
          .columns = {{"line", column_kind::integer},
                      {"seq", column_kind::integer},
                      {"at", column_kind::text},
                      {"actor", column_kind::text},
                      {"action", column_kind::text},
                      {"subject", column_kind::text},
                      {"amount", column_kind::money},
                      {"verified", column_kind::boolean},
                      {"problems", column_kind::text}},
          .rows = {},
          .name = "entries"};
  for (const audit_log_line& l : entries) {
    std::string problems;
    for (const diagnostic& d : diags) {
      if (d.line && *d.line == l.line) problems += (problems.empty() ? "" : " ") + d.code;
    }
    const governance::audit_entry& e = l.entry;
    t.rows.push_back({std::to_string(l.line), std::to_string(e.seq),
                      governance::format_audit_time(e.at), e.actor,
                      std::string(governance::to_string(e.action)), e.subject,
                      e.amount ? e.amount->to_string(money_style::decimal) : std::string(),
                      problems.empty() ? "true" : "false", problems});
  }
  return t;
}

table audit_appended_table(const std::vector<governance::audit_entry>& entries) {
  table t{.title = "Appended",
          .columns = {{"seq", column_kind::integer},
                      {"at", column_kind::text},
                      {"actor", column_kind::text},
                      {"action", column_kind::text},
                      {"subject", column_kind::text},
                      {"amount", column_kind::money},
                      {"prev", column_kind::text},
                      {"hash", column_kind::text}},
          .rows = {},
          .name = "appended"};
  for (const governance::audit_entry& e : entries) {
    t.rows.push_back({std::to_string(e.seq), governance::format_audit_time(e.at), e.actor,
                      std::string(governance::to_string(e.action)), e.subject,
                      e.amount ? e.amount->to_string(money_style::decimal) : std::string(), e.prev,
                      e.hash});
  }
  return t;
}

std::string audit_verify_text(const io::audit_verify_summary& s, const diagnostics& diags,
                              std::string_view file) {
  std::string out =
      fmt::format("{}: {} entries on {} lines ({} bytes)", file, s.chain.entries, s.lines, s.bytes);
  if (s.chain.first_at && s.chain.last_at) {
    out += fmt::format(", {} to {}", governance::format_audit_time(*s.chain.first_at),
                       governance::format_audit_time(*s.chain.last_at));
  }
  out += '\n';
  if (s.chain.head_seq)
    out += fmt::format("head: seq {} hash {}\n", *s.chain.head_seq, s.chain.head_hash);
  if (diags.empty()) {
    out += "chain verified: every entry matches its hash and links to the one before\n";
  } else {
    out += fmt::format("chain NOT verified: {} problem{}\n", diags.size(),
                       diags.size() == 1 ? "" : "s");
  }
  return out;
}

std::string audit_verify_document(const io::audit_verify_summary& s, const diagnostics& diags,
                                  std::string_view file, const table& entries) {
  return detail::with_table_members(io::audit_verify_to_json(s, diags, file), entries);
}

}  // namespace report
JOINEDUP_END_NAMESPACE
