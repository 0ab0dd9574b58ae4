// Tests for joinedup/report/audit.hpp: a verified log's entries as a table, and the verify
// document. Expected values are written out by hand from the entries below.
#include "joinedup/report/audit.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace joinedup;

namespace {
/// An entry with seq `seq` at 2025-04-01T09:00:00Z plus `seq` hours.
governance::audit_entry entry(std::int64_t seq, std::optional<money> amount) {
  governance::audit_entry e;
  e.seq = seq;
  e.at = std::chrono::sys_seconds(std::chrono::sys_days(std::chrono::year{2025} / 4 / 1)) +
         std::chrono::hours(9 + seq);
  e.actor = "S. Hale, Director of Finance";
  e.action = governance::audit_action::virement;
  e.subject = "=L05";
  e.amount = amount;
  e.prev = std::string(64, '0');
  e.hash = std::string(64, 'a');
  return e;
}
}  // namespace

TEST_CASE("audit entries: one row per entry, verified unless a problem is on its line") {
  const std::vector<report::audit_log_line> lines = {{1, entry(1, money::from_pence(15000000))},
                                                     {2, entry(2, std::nullopt)}};
  diagnostics diags;
  diags.add({"governance.audit.hash_mismatch", severity::error, "", "seq 2: edited", 2});
  diags.add({"governance.audit.time_order", severity::error, "", "seq 2: early", 2});
  diags.add({"io.file.read", severity::error, "", "not on a line", std::nullopt});
  const report::table t = report::audit_entries_table(lines, diags);
  CHECK(t.name == "entries");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0] == std::vector<std::string>{"1", "1", "2025-04-01T10:00:00Z",
                                              "S. Hale, Director of Finance", "virement", "=L05",
                                              "150000.00", "true", ""});
  CHECK(t.rows[1][7] == "false");
  CHECK(t.rows[1][8] == "governance.audit.hash_mismatch governance.audit.time_order");
  // CSV: the formula-like subject is neutralised, the amount stays a number.
  CHECK(report::render(t, report::output_format::csv) ==
        "line,seq,at,actor,action,subject,amount,verified,problems\n"
        "1,1,2025-04-01T10:00:00Z,\"S. Hale, Director of Finance\",virement,'=L05,150000.00,true,\n"
        "2,2,2025-04-01T11:00:00Z,\"S. Hale, Director of Finance\",virement,'=L05,,false,"
        "governance.audit.hash_mismatch governance.audit.time_order\n");
}

TEST_CASE("audit verify document: today's members unchanged, the entries table added") {
  io::audit_verify_summary s;
  s.chain.entries = 1;
  s.lines = 1;
  s.bytes = 300;
  const std::vector<report::audit_log_line> lines = {{1, entry(1, std::nullopt)}};
  const diagnostics none;
  const std::string doc =
      report::audit_verify_document(s, none, "log.jsonl", report::audit_entries_table(lines, none));
  const auto j = nlohmann::ordered_json::parse(doc);
  CHECK(j["schema"] == "joinedup/audit-verify/v1");
  CHECK(j["entries"] == 1);  // still the count
  CHECK(j["ok"] == true);
  CHECK(j["diagnostics"].empty());
  CHECK(j["name"] == "entries");
  CHECK(j["rows"][0]["seq"] == 1);
  CHECK(j["rows"][0]["verified"] == true);
  CHECK(j["rows"][0]["amount"].is_null());
  // The document's own members come first, in io::audit_verify_to_json's order.
  CHECK(j.begin().key() == "schema");
  CHECK(doc.starts_with(io::audit_verify_to_json(s, none, "log.jsonl").substr(0, 40)));
  CHECK(doc.back() == '\n');
}

TEST_CASE("audit verify text and appended entries") {
  io::audit_verify_summary s;
  s.chain.entries = 2;
  s.lines = 2;
  s.bytes = 640;
  s.chain.head_seq = 2;
  s.chain.head_hash = "ab";
  diagnostics diags;
  CHECK(report::audit_verify_text(s, diags, "a.jsonl") ==
        "a.jsonl: 2 entries on 2 lines (640 bytes)\nhead: seq 2 hash ab\n"
        "chain verified: every entry matches its hash and links to the one before\n");
  diags.error("governance.audit.sequence", "", "gap");
  CHECK(
      report::audit_verify_text(s, diags, "a.jsonl").ends_with("chain NOT verified: 1 problem\n"));
  const report::table t = report::audit_appended_table({entry(3, money::from_pence(-5))});
  CHECK(report::render(t, report::output_format::csv) ==
        "seq,at,actor,action,subject,amount,prev,hash\n"
        "3,2025-04-01T12:00:00Z,\"S. Hale, Director of Finance\",virement,'=L05,-0.05," +
            std::string(64, '0') + "," + std::string(64, 'a') + "\n");
}
