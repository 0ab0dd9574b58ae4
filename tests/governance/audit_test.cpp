// Tests for joinedup/governance/audit.hpp: actions, entry times, the canonical form and the chain
// checks. The chain logic takes its hash function as a parameter, so most cases here use a small
// stand-in hash (FNV-1a) to show the checks do not depend on SHA-256; tests/io/audit_log_test.cpp
// checks real SHA-256 values computed by hand with sha256sum. The format is docs/audit.md; why
// the trail exists: docs/sources.md §S-BCF-SIGN-OFF (HWB sign-off), §S-S75-REG7 and the budget
// entries §S-RISK-PROPORTIONAL to §S-UNDERSPEND-OPTIONS, §S-S151-CFO (contributions varied, risk
// shares, settlements decided by named officers).
#include "joinedup/governance/audit.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

using namespace joinedup;
using namespace joinedup::governance;
using namespace std::chrono;

namespace {

/// A stand-in hash: FNV-1a 64-bit, its 16 hex digits written four times (64 digits, so the
/// field checks accept it).
std::string fnv_hex(std::string_view data) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string one;
  for (int shift = 60; shift >= 0; shift -= 4)
    one += hex[(h >> shift) & 0x0f];
  return one + one + one + one;
}

sys_seconds t(std::string_view text) {
  return *parse_audit_time(text);
}

/// A chain of five entries made with the stand-in hash, one a day from 1 April 2025.
std::vector<audit_entry> chain_of_five() {
  std::vector<audit_entry> out;
  const char* times[] = {"2025-04-01T09:00:00Z", "2025-04-02T09:00:00Z", "2025-04-03T09:00:00Z",
                         "2025-04-04T09:00:00Z", "2025-04-05T09:00:00Z"};
  for (int i = 0; i < 5; ++i) {
    const audit_draft d{.at = std::nullopt,
                        .actor = "Pooled fund manager",
                        .action = i == 0 ? audit_action::plan_sign_off : audit_action::virement,
                        .subject = "Northmoor BCF 2025-26",
                        .amount = money::from_pounds(1000 * (i + 1)),
                        .details = std::nullopt};
    out.push_back(seal_next_entry(out.empty() ? nullptr : &out.back(), d,
                                  t(times[static_cast<std::size_t>(i)]), fnv_hex));
  }
  return out;
}

/// Runs the verifier over entries as lines 1..n (each stored as audit_line unless `texts`
/// gives another text for it).
diagnostics verify(const std::vector<audit_entry>& entries,
                   const std::vector<std::pair<std::int64_t, std::string>>& anchors = {}) {
  audit_chain_verifier v(fnv_hex);
  for (const auto& [seq, hash] : anchors)
    v.add_anchor(seq, hash);
  diagnostics diags;
  for (std::size_t i = 0; i < entries.size(); ++i)
    (void)v.check(entries[i], audit_line(entries[i]), i + 1, diags);
  v.finish(diags);
  return diags;
}

/// "code@line" for every diagnostic, to compare whole outcomes at once.
std::vector<std::string> codes(const diagnostics& diags) {
  std::vector<std::string> out;
  for (const diagnostic& d : diags)
    out.push_back(d.code + "@" + std::to_string(d.line.value_or(0)));
  return out;
}

}  // namespace

TEST_CASE("audit actions have snake_case names that read back") {
  for (const auto& [name, action] : audit_action_names) {
    CHECK(to_string(action) == name);
    CHECK(parse_audit_action(name) == action);
  }
  CHECK(audit_action_names.size() == 8);
  CHECK(to_string(audit_action::plan_sign_off) == "plan_sign_off");
  CHECK_FALSE(parse_audit_action("approve").has_value());
  CHECK(audit_action_list() ==
        "virement, new_scheme, contribution_variation, risk_share_deviation, settlement, "
        "plan_sign_off, decision, note");
}

TEST_CASE("entry times are UTC ISO 8601 with seconds and Z") {
  const sys_seconds when = sys_days{2025y / June / 12} + 14h + 5min;
  CHECK(format_audit_time(when) == "2025-06-12T14:05:00Z");
  CHECK(parse_audit_time("2025-06-12T14:05:00Z").value() == when);
  CHECK(format_audit_time(sys_days{2024y / February / 29} + 23h + 59min + 59s) ==
        "2024-02-29T23:59:59Z");
  // Shapes refused: a space for T, an offset, fractions, no Z.
  for (const char* bad : {"2025-06-12 14:05:00Z", "2025-06-12T14:05:00+01:00",
                          "2025-06-12T14:05:00.5Z", "2025-06-12T14:05:00", ""}) {
    CAPTURE(bad);
    const auto r = parse_audit_time(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "governance.audit.timestamp");
  }
  // 2025 is not a leap year; 24:00 is not a time of day.
  CHECK(parse_audit_time("2025-02-29T10:00:00Z").error().message.find("no real date") !=
        std::string::npos);
  CHECK(parse_audit_time("2025-06-12T24:00:00Z").error().message.find("not a time of day") !=
        std::string::npos);
}

TEST_CASE("the canonical form lists members in a fixed order without white space") {
  audit_entry e{.seq = 2,
                .at = t("2025-07-14T09:15:00Z"),
                .actor = "S. Hale, Director of Finance, Northmoor Council",
                .action = audit_action::virement,
                .subject = "Northmoor Better Care Fund 2025-26",
                .amount = money::from_pence(15000000),
                .details = R"({"from":"L05","to":"L01"})",
                .prev = std::string(64, 'a'),
                .hash = std::string(64, 'b')};
  // Written out by hand from docs/audit.md "Canonical form".
  const std::string expected =
      R"({"seq":2,"at":"2025-07-14T09:15:00Z","actor":"S. Hale, Director of Finance, Northmoor )"
      R"(Council","action":"virement","subject":"Northmoor Better Care Fund 2025-26","amount":)"
      R"("150000.00","details":{"from":"L05","to":"L01"},"prev":")" +
      std::string(64, 'a') + "\"}";
  CHECK(audit_canonical_form(e) == expected);
  // The stored line is the canonical form with the hash put before the closing brace.
  CHECK(audit_line(e) ==
        expected.substr(0, expected.size() - 1) + ",\"hash\":\"" + std::string(64, 'b') + "\"}");
  // Optional members are left out, not written as null; negative money keeps its sign.
  e.details.reset();
  e.amount = money::from_pence(-5);
  CHECK(audit_canonical_form(e).find(R"("amount":"-0.05","prev")") != std::string::npos);
  e.amount.reset();
  CHECK(audit_canonical_form(e).find(R"("subject":"Northmoor Better Care Fund 2025-26","prev")") !=
        std::string::npos);
}

TEST_CASE("strings in the canonical form escape only quote, backslash and control characters") {
  const audit_entry e{.seq = 1,
                      .at = t("2025-04-01T00:00:00Z"),
                      .actor = "A \"quoted\" back\\slash",
                      .action = audit_action::note,
                      .subject = "line\nbreak\ttab\x01 £5/6 caf\xc3\xa9",
                      .amount = std::nullopt,
                      .details = std::nullopt,
                      .prev = std::string(audit_genesis_hash),
                      .hash = {}};
  const std::string c = audit_canonical_form(e);
  CHECK(c.find(R"("actor":"A \"quoted\" back\\slash")") != std::string::npos);
  // £ and é stay as UTF-8 bytes, '/' is not escaped, U+0001 is \u0001 in lower-case hex.
  CHECK(c.find("\"subject\":\"line\\nbreak\\ttab\\u0001 \xc2\xa3"
               "5/6 caf\xc3\xa9\"") != std::string::npos);
}

TEST_CASE("field checks: seq from 1, actor and subject present and UTF-8, hashes in hex") {
  audit_entry e{.seq = 0,
                .at = t("2025-04-01T00:00:00Z"),
                .actor = "",
                .action = audit_action::note,
                .subject = "bad \xff byte",
                .amount = std::nullopt,
                .details = std::nullopt,
                .prev = "0",
                .hash = std::string(64, 'A')};
  diagnostics diags;
  CHECK_FALSE(check_audit_fields(e, 7, diags));
  REQUIRE(diags.size() == 5);
  CHECK(diags[0].path == "/seq");
  CHECK(diags[1].path == "/actor");
  CHECK(diags[2].message == "seq 0: subject is not valid UTF-8");
  CHECK(diags[3].path == "/prev");
  CHECK(diags[4].path == "/hash");  // upper-case hex is not the form the log writes
  for (const diagnostic& d : diags) {
    CHECK(d.code == "governance.audit.field");
    CHECK(d.line == 7u);
  }
}

TEST_CASE("UTF-8 and hex shape checks") {
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("\xc2\xa3 \xe2\x80\xa6 \xf0\x9f\x98\x80"));  // £ … 😀
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));                          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));                      // a UTF-16 surrogate
  CHECK_FALSE(is_valid_utf8("\xe2\x80"));                          // cut short
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));                  // above U+10FFFF
  CHECK(is_sha256_hex(audit_genesis_hash));
  CHECK_FALSE(is_sha256_hex(std::string(63, '0')));
  CHECK_FALSE(is_sha256_hex(std::string(64, 'g')));
}

TEST_CASE("sealing links each entry to the one before") {
  const std::vector<audit_entry> c = chain_of_five();
  CHECK(c[0].seq == 1);
  CHECK(c[0].prev == audit_genesis_hash);
  for (std::size_t i = 1; i < c.size(); ++i) {
    CHECK(c[i].seq == static_cast<std::int64_t>(i) + 1);
    CHECK(c[i].prev == c[i - 1].hash);
    CHECK(c[i].hash == fnv_hex(audit_canonical_form(c[i])));
  }
  CHECK(verify(c).empty());
}

TEST_CASE("an edited entry is named by one hash mismatch") {
  std::vector<audit_entry> c = chain_of_five();
  c[2].amount = money::from_pounds(30000);  // was £3,000.00
  const diagnostics diags = verify(c);
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.hash_mismatch@3"});
  CHECK(diags[0].path == "/hash");
  CHECK(diags[0].message.rfind("seq 3: stored hash is ", 0) == 0);
}

TEST_CASE("a removed entry is named by a gap and a broken link on the entry after it") {
  std::vector<audit_entry> c = chain_of_five();
  c.erase(c.begin() + 2);  // seq 3 removed: seq 4 is now on line 3
  const diagnostics diags = verify(c);
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.sequence@3",
                                                 "governance.audit.prev_mismatch@3"});
  CHECK(diags[0].message == "seq 4: expected seq 3: 1 entry is missing before it");
  CHECK(diags[1].message.find("the entry before it (line 2, seq 2)") != std::string::npos);
}

TEST_CASE("reordered entries are named where the order breaks") {
  std::vector<audit_entry> c = chain_of_five();
  std::swap(c[2], c[3]);  // lines 3 and 4 hold seq 4 and seq 3
  const diagnostics diags = verify(c);
  // Line 3 (seq 4): expected 3, prev is h3 not h2. Line 4 (seq 3): expected 5, prev h2 not h4,
  // and 3 April comes after 4 April. Line 5 (seq 5): expected 4, prev h4 not h3.
  CHECK(codes(diags) ==
        std::vector<std::string>{"governance.audit.sequence@3", "governance.audit.prev_mismatch@3",
                                 "governance.audit.sequence@4", "governance.audit.prev_mismatch@4",
                                 "governance.audit.time_order@4", "governance.audit.sequence@5",
                                 "governance.audit.prev_mismatch@5"});
  CHECK(diags[2].message == "seq 3: expected seq 5: the entry is repeated or out of order");
}

TEST_CASE("the first entry must start the chain") {
  std::vector<audit_entry> c = chain_of_five();
  c.erase(c.begin());  // the log starts at seq 2, whose prev is h1
  const diagnostics diags = verify(c);
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.sequence@1",
                                                 "governance.audit.prev_mismatch@1"});
  CHECK(diags[1].message.find("the first entry must have prev of 64 zeros") != std::string::npos);
}

TEST_CASE("a log rewritten with fresh hashes verifies, but an anchor catches it") {
  std::vector<audit_entry> c = chain_of_five();
  const std::string recorded = c[2].hash;  // e.g. minuted when the settlement was agreed
  // Rewrite from seq 3 onward, recomputing every hash: the chain alone cannot tell.
  c[2].amount = money::from_pounds(1);
  for (std::size_t i = 2; i < c.size(); ++i) {
    c[i].prev = c[i - 1].hash;
    c[i].hash = fnv_hex(audit_canonical_form(c[i]));
  }
  CHECK(verify(c).empty());
  const diagnostics diags = verify(c, {{3, recorded}});
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.anchor@3"});
  // An anchor beyond the end of the log is reported too.
  const diagnostics beyond = verify(chain_of_five(), {{9, recorded}});
  CHECK(codes(beyond) == std::vector<std::string>{"governance.audit.anchor@0"});
}

TEST_CASE("a reformatted line whose content still hashes is not canonical") {
  const std::vector<audit_entry> c = chain_of_five();
  audit_chain_verifier v(fnv_hex);
  diagnostics diags;
  std::string spaced = audit_line(c[0]);
  spaced.insert(1, " ");
  CHECK_FALSE(v.check(c[0], spaced, 1, diags));
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.not_canonical@1"});
  CHECK(v.check(c[1], audit_line(c[1]), 2, diags));
  CHECK(v.summary().entries == 2);
  CHECK(v.summary().head_seq == 2);
  CHECK(v.summary().head_hash == c[1].hash);
  CHECK(v.summary().first_at == t("2025-04-01T09:00:00Z"));
  CHECK(v.summary().last_at == t("2025-04-02T09:00:00Z"));
}

TEST_CASE("after an unreadable line the next entry is not compared, and a torn tail is named") {
  const std::vector<audit_entry> c = chain_of_five();
  audit_chain_verifier v(fnv_hex);
  diagnostics diags;
  CHECK(v.check(c[0], audit_line(c[0]), 1, diags));
  v.unreadable(2);  // line 2 could not be read (the reader reported why)
  CHECK(v.check(c[2], audit_line(c[2]), 3, diags));  // seq 3 after an unknown line: no gap
  v.torn_tail(4, 57, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "governance.audit.truncated");
  CHECK(diags[0].line == 4u);
  CHECK(diags[0].message.rfind("the final line (57 bytes) has no line end", 0) == 0);
  CHECK(diags[0].message.find("The 2 entries before it") != std::string::npos);
}

TEST_CASE("a seq at the top of the int64 range is followed by an error, not an overflow") {
  std::vector<audit_entry> c = chain_of_five();
  c[0].seq = std::numeric_limits<std::int64_t>::max();
  c[0].hash = fnv_hex(audit_canonical_form(c[0]));
  c[1].prev = c[0].hash;
  c[1].hash = fnv_hex(audit_canonical_form(c[1]));
  audit_chain_verifier v(fnv_hex);
  diagnostics diags;
  (void)v.check(c[0], audit_line(c[0]), 1, diags);
  (void)v.check(c[1], audit_line(c[1]), 2, diags);
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.sequence@1",
                                                 "governance.audit.sequence@2",
                                                 "governance.audit.sequence@2"});
  CHECK(diags[1].message == "seq 2: no entry can follow seq 9223372036854775807");
  CHECK_THROWS_AS((void)seal_next_entry(&c[0], audit_draft{}, c[0].at, fnv_hex),
                  contract_violation);
}
