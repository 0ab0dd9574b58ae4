// Tests for joinedup/io/audit_log.hpp: SHA-256 values checked by hand with sha256sum, reading
// entry lines, streaming verification of tampered logs, durable appends under a lock, and a
// writer killed (SIGKILL) in the middle of an append. Format and recovery rules: docs/audit.md.
#include "joinedup/io/audit_log.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace joinedup;
using namespace joinedup::governance;

namespace {

/// A fresh, empty folder under the system temporary folder, removed at the end of the test.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    path = std::filesystem::temp_directory_path() /
           ("joinedup-audit-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  static int& counter() {
    static int n = 0;
    return n;
  }
  [[nodiscard]] std::string file(const char* name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    out.push_back(line);
  return out;
}

std::chrono::sys_seconds t(std::string_view text) {
  return *parse_audit_time(text);
}

/// A draft for a Northmoor entry at a given time.
audit_draft draft(std::string_view at, audit_action action = audit_action::decision,
                  std::string subject = "Northmoor BCF 2025-26") {
  return audit_draft{.at = t(at),
                     .actor = "Pooled fund manager, Northmoor Council",
                     .action = action,
                     .subject = std::move(subject),
                     .amount = std::nullopt,
                     .details = std::nullopt};
}

/// Every diagnostic as one line, for INFO().
std::string report_codes(const diagnostics& diags) {
  std::string out;
  for (const diagnostic& d : diags)
    out += d.code + " " + d.message + "\n";
  return out;
}

/// Appends n entries, one a minute from 09:00 on 1 April 2025; REQUIREs each append to work.
void append_n(const std::string& log, int n) {
  for (int m = 0; m < n; ++m) {
    char at[32];
    std::snprintf(at, sizeof at, "2025-04-01T%02d:%02d:00Z", 9 + m / 60, m % 60);
    diagnostics diags;
    const auto r = io::append_audit_entry(log, draft(at), diags);
    INFO(report_codes(diags));
    REQUIRE(r.has_value());
  }
}

/// "code@line" for every diagnostic.
std::vector<std::string> codes(const diagnostics& diags) {
  std::vector<std::string> out;
  for (const diagnostic& d : diags)
    out.push_back(d.code + "@" + std::to_string(d.line.value_or(0)));
  return out;
}

/// Verifies a log file and returns its diagnostics.
diagnostics verify_file(const std::string& log, io::audit_verify_summary* summary = nullptr) {
  diagnostics diags;
  const io::audit_verify_summary s = io::verify_audit_log(log, diags);
  if (summary) *summary = s;
  return diags;
}

}  // namespace

TEST_CASE("sha256_hex gives the digits sha256sum prints") {
  // printf '' | sha256sum ; printf 'abc' | sha256sum (FIPS 180-2 appendix B.1 gives the same).
  CHECK(io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(io::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the worked example in docs/audit.md: hashes computed by hand with sha256sum") {
  const std::string zeros(audit_genesis_hash);
  const audit_entry first{.seq = 1,
                          .at = t("2025-03-20T10:30:00Z"),
                          .actor = "Northmoor Health and Wellbeing Board",
                          .action = audit_action::plan_sign_off,
                          .subject = "Northmoor BCF plan 2025-26",
                          .amount = std::nullopt,
                          .details = std::nullopt,
                          .prev = zeros,
                          .hash = {}};
  const std::string c1 = audit_canonical_form(first);
  CHECK(c1 ==
        R"({"seq":1,"at":"2025-03-20T10:30:00Z","actor":"Northmoor Health and Wellbeing Board",)"
        R"("action":"plan_sign_off","subject":"Northmoor BCF plan 2025-26","prev":")" +
            zeros + "\"}");
  // printf '%s' '{"seq":1,"at":"2025-03-20T10:30:00Z",…,"prev":"000…000"}' | sha256sum
  const std::string h1 = "1ba546075496e1e1c9e960654697d0058e1f32aeef73ff3ee8a23904ad947aea";
  CHECK(io::sha256_hex(c1) == h1);

  const audit_draft second{.at = t("2025-07-14T09:15:00Z"),
                           .actor = "S. Hale, Director of Finance, Northmoor Council",
                           .action = audit_action::virement,
                           .subject = "Northmoor Better Care Fund 2025-26",
                           .amount = money::from_pounds(150000),
                           .details = R"({"from":"L05","to":"L01"})"};
  audit_entry sealed_first = first;
  sealed_first.hash = h1;
  const audit_entry e2 = seal_next_entry(&sealed_first, second, *second.at, io::sha256_hex);
  // printf '%s' '{"seq":2,"at":"2025-07-14T09:15:00Z","actor":"S. Hale, Director of Finance,
  // Northmoor Council","action":"virement","subject":"Northmoor Better Care Fund 2025-26",
  // "amount":"150000.00","details":{"from":"L05","to":"L01"},"prev":"1ba54607…7aea"}' | sha256sum
  CHECK(e2.hash == "72cf225c6064857c39b9311c991e938f6b8b424bb502d8a18ef7428521395ec8");
  CHECK(e2.prev == h1);
}

TEST_CASE("reading an entry line gives back the same line") {
  const std::string line =
      R"({"seq":2,"at":"2025-07-14T09:15:00Z","actor":"S. Hale, Director of Finance, Northmoor )"
      R"(Council","action":"virement","subject":"Northmoor Better Care Fund 2025-26","amount":)"
      R"("150000.00","details":{"from":"L05","to":"L01"},"prev":")"
      "1ba546075496e1e1c9e960654697d0058e1f32aeef73ff3ee8a23904ad947aea\",\"hash\":\""
      "72cf225c6064857c39b9311c991e938f6b8b424bb502d8a18ef7428521395ec8\"}";
  diagnostics diags;
  const auto e = io::read_audit_entry(line, 2, diags);
  REQUIRE(e.has_value());
  CHECK(diags.empty());
  CHECK(e->seq == 2);
  CHECK(e->action == audit_action::virement);
  CHECK(e->amount == money::from_pounds(150000));
  CHECK(e->details == R"({"from":"L05","to":"L01"})");
  CHECK(audit_line(*e) == line);  // round trip: read → write gives the same bytes
  CHECK(io::sha256_hex(audit_canonical_form(*e)) == e->hash);
}

TEST_CASE("reading entry lines reports every problem on its line") {
  diagnostics diags;
  CHECK_FALSE(io::read_audit_entry("not json", 4, diags).has_value());
  CHECK_FALSE(io::read_audit_entry("", 5, diags).has_value());
  CHECK_FALSE(io::read_audit_entry("[1,2]", 6, diags).has_value());
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.syntax@4",
                                                 "governance.audit.syntax@5",
                                                 "governance.audit.syntax@6"});
  CHECK(diags[1].message == "the line is blank; every line of an audit log is one entry");

  diagnostics more;
  const std::string h(64, '0');
  const std::string bad = R"({"seq":"3","at":"2025-07-14 09:15","actor":"A","action":"approve",)"
                          R"("subject":"S","amount":"1.005","details":{"rate":0.5},"prev":")" +
                          h + R"(","hash":")" + h + R"(","signed_by":"B"})";
  CHECK_FALSE(io::read_audit_entry(bad, 9, more).has_value());
  CHECK(codes(more) == std::vector<std::string>{"governance.audit.unknown_field@9",
                                                "io.json.type@9", "governance.audit.timestamp@9",
                                                "io.json.enum@9", "core.money.precision@9",
                                                "governance.audit.details@9"});
  CHECK(more[0].path == "/signed_by");
  CHECK(more[0].message.rfind("member 'signed_by' is not part of an entry", 0) == 0);
  CHECK(more[2].path == "/at");
  CHECK(more[5].path == "/details/rate");

  diagnostics missing;
  CHECK_FALSE(io::read_audit_entry(R"({"seq":1})", 1, missing).has_value());
  CHECK(missing.size() == 6);  // at, actor, action, subject, prev, hash
  CHECK(missing.contains("io.json.missing"));
}

TEST_CASE("canonical details sort members by their bytes and keep whole numbers only") {
  diagnostics diags;
  CHECK(io::canonical_details(R"({ "to" : "L01", "from":"L05", "n": 3, "ok": true,
                                   "nested": {"b": null, "a": [2, "x"]}, "£": "\u00e9" })",
                              diags) ==
        "{\"from\":\"L05\",\"n\":3,\"nested\":{\"a\":[2,\"x\"],\"b\":null},\"ok\":true,\"to\":"
        "\"L01\",\"\xc2\xa3\":\"\xc3\xa9\"}");
  CHECK(diags.empty());
  CHECK_FALSE(io::canonical_details("[1]", diags).has_value());
  CHECK_FALSE(io::canonical_details("{", diags).has_value());
  CHECK_FALSE(io::canonical_details(R"({"pct": 1e2})", diags).has_value());
  CHECK(codes(diags) == std::vector<std::string>{"governance.audit.details@0",
                                                 "governance.audit.details@0",
                                                 "governance.audit.details@0"});
  CHECK(diags[2].path == "/details/pct");
}

TEST_CASE("appends create the log, chain the entries and verify") {
  const temp_dir dir;
  const std::string log = dir.file("trail.jsonl");
  diagnostics diags;
  auto first = io::append_audit_entry(
      log, draft("2025-03-20T10:30:00Z", audit_action::plan_sign_off), diags);
  REQUIRE(first.has_value());
  CHECK(first->created);
  CHECK(first->entry.seq == 1);
  CHECK(first->entry.prev == audit_genesis_hash);
  audit_draft v = draft("2025-07-14T09:15:00Z", audit_action::virement);
  v.amount = money::from_pounds(150000);
  v.details = R"({"to": "L01", "from": "L05"})";  // made canonical on append
  auto second = io::append_audit_entry(log, v, diags);
  REQUIRE(second.has_value());
  CHECK_FALSE(second->created);
  CHECK(second->entry.seq == 2);
  CHECK(second->entry.prev == first->entry.hash);
  CHECK(second->entry.details == R"({"from":"L05","to":"L01"})");
  CHECK(diags.empty());
  CHECK(slurp(log) == audit_line(first->entry) + "\n" + audit_line(second->entry) + "\n");

  io::audit_verify_summary s;
  CHECK(verify_file(log, &s).empty());
  CHECK(s.chain.entries == 2);
  CHECK(s.lines == 2);
  CHECK(s.bytes == slurp(log).size());
  CHECK(s.chain.head_hash == second->entry.hash);
  CHECK_FALSE(s.torn_tail);
  const std::string json = io::audit_verify_to_json(s, {}, "trail.jsonl");
  CHECK(json.find("\"schema\": \"joinedup/audit-verify/v1\"") != std::string::npos);
  CHECK(json.find("\"ok\": true") != std::string::npos);
  CHECK(json.find("\"seq\": 2") != std::string::npos);
}

TEST_CASE("append refuses bad drafts, out-of-order times and a tampered last entry") {
  const temp_dir dir;
  const std::string log = dir.file("trail.jsonl");
  diagnostics diags;
  audit_draft empty = draft("2025-04-01T09:00:00Z");
  empty.actor.clear();
  empty.details = "[]";
  CHECK_FALSE(io::append_audit_entry(log, empty, diags).has_value());
  CHECK(codes(diags) ==
        std::vector<std::string>{"governance.audit.field@0", "governance.audit.details@0"});
  CHECK_FALSE(std::filesystem::exists(log));  // nothing was created

  append_n(log, 2);
  diagnostics late;
  CHECK_FALSE(io::append_audit_entry(log, draft("2025-04-01T08:59:59Z"), late).has_value());
  CHECK(codes(late) == std::vector<std::string>{"governance.audit.time_order@0"});

  // Edit the last entry's subject: the next append will not build on it.
  std::string text = slurp(log);
  const std::size_t at = text.rfind("Northmoor BCF");
  text.replace(at, 9, "Southmoor");
  spit(log, text);
  diagnostics tampered;
  CHECK_FALSE(io::append_audit_entry(log, draft("2025-04-01T10:00:00Z"), tampered).has_value());
  CHECK(codes(tampered) == std::vector<std::string>{"governance.audit.hash_mismatch@0",
                                                    "governance.audit.last_entry@0"});
  CHECK(slurp(log) == text);  // nothing appended
}

TEST_CASE("verify names edited, removed and reordered entries in a log file") {
  const temp_dir dir;
  const std::string log = dir.file("trail.jsonl");
  append_n(log, 5);
  const std::vector<std::string> good = lines_of(slurp(log));
  REQUIRE(good.size() == 5);
  const auto write_lines = [&log](const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& l : lines)
      text += l + "\n";
    spit(log, text);
  };

  std::vector<std::string> edited = good;
  edited[1].replace(edited[1].find("\"decision\""), 10, "\"note\"");
  write_lines(edited);
  CHECK(codes(verify_file(log)) == std::vector<std::string>{"governance.audit.hash_mismatch@2"});

  std::vector<std::string> removed = good;
  removed.erase(removed.begin() + 3);
  write_lines(removed);
  CHECK(codes(verify_file(log)) == std::vector<std::string>{"governance.audit.sequence@4",
                                                            "governance.audit.prev_mismatch@4"});

  std::vector<std::string> swapped = good;
  std::swap(swapped[3], swapped[4]);
  write_lines(swapped);
  const diagnostics d = verify_file(log);
  CHECK(d.find("governance.audit.sequence")->line == 4u);
  CHECK(d.find("governance.audit.time_order")->line == 5u);

  std::vector<std::string> garbled = good;
  garbled[2] = "{\"seq\":3,";
  write_lines(garbled);
  // Line 3 cannot be read; line 4 is not compared with it; everything else verifies.
  CHECK(codes(verify_file(log)) == std::vector<std::string>{"governance.audit.syntax@3"});

  std::vector<std::string> crlf = good;
  crlf[0] += "\r";
  write_lines(crlf);
  CHECK(codes(verify_file(log)) == std::vector<std::string>{"governance.audit.not_canonical@1"});

  diagnostics missing;
  (void)io::verify_audit_log(dir.file("no-such.jsonl"), missing);
  CHECK(codes(missing) == std::vector<std::string>{"io.file.read@0"});
}

TEST_CASE("a torn final line is reported; append refuses it until --repair cuts it off") {
  const temp_dir dir;
  const std::string log = dir.file("trail.jsonl");
  append_n(log, 3);
  const std::string whole = slurp(log);
  spit(log, whole + R"({"seq":4,"at":"2025-04-01T09:03:00Z","actor":"Pooled)");

  io::audit_verify_summary s;
  const diagnostics d = verify_file(log, &s);
  CHECK(codes(d) == std::vector<std::string>{"governance.audit.truncated@4"});
  CHECK(s.torn_tail);
  CHECK(s.chain.entries == 3);

  diagnostics refused;
  CHECK_FALSE(io::append_audit_entry(log, draft("2025-04-01T09:10:00Z"), refused).has_value());
  CHECK(codes(refused) == std::vector<std::string>{"governance.audit.torn_tail@0"});
  CHECK(refused[0].message.find("incomplete line of 52 bytes") != std::string::npos);

  diagnostics diags;
  const auto r = io::append_audit_entry(log, draft("2025-04-01T09:10:00Z"), diags,
                                        {.repair = true, .write = nullptr});
  REQUIRE(r.has_value());
  REQUIRE(r->repair_note.has_value());
  CHECK(r->removed_bytes == 52);
  CHECK(r->repair_note->seq == 4);
  CHECK(r->repair_note->action == audit_action::note);
  CHECK(r->repair_note->details ==
        "{\"removed_bytes\":52,\"removed_sha256\":\"" +
            io::sha256_hex(R"({"seq":4,"at":"2025-04-01T09:03:00Z","actor":"Pooled)") + "\"}");
  CHECK(r->entry.seq == 5);
  CHECK(r->entry.prev == r->repair_note->hash);
  CHECK(verify_file(log).empty());
  CHECK(slurp(log).rfind(whole, 0) == 0);  // the earlier entries are untouched
}

namespace {
/// Writes the first half of what it is given, then stops the process (SIGSTOP) so that the
/// test can kill it in the middle of an append.
std::ptrdiff_t write_half_then_stop(int fd, const char* data, std::size_t size) {
  const std::ptrdiff_t n = ::write(fd, data, size / 2);
  ::raise(SIGSTOP);
  return n;
}
}  // namespace

TEST_CASE("a writer killed in the middle of an append leaves earlier entries intact") {
  const temp_dir dir;
  const std::string log = dir.file("trail.jsonl");
  append_n(log, 3);
  const std::string before = slurp(log);

  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    diagnostics diags;
    (void)io::append_audit_entry(log, draft("2025-04-01T09:30:00Z"), diags,
                                 {.repair = false, .write = write_half_then_stop});
    ::_exit(0);  // not reached: the parent kills the child while it is stopped
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, WUNTRACED) == child);
  REQUIRE(WIFSTOPPED(status));
  REQUIRE(::kill(child, SIGKILL) == 0);
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  const std::string after = slurp(log);
  REQUIRE(after.size() > before.size());
  CHECK(after.rfind(before, 0) == 0);  // the three entries are byte for byte as they were
  CHECK(after.back() != '\n');
  io::audit_verify_summary s;
  const diagnostics d = verify_file(log, &s);
  CHECK(codes(d) == std::vector<std::string>{"governance.audit.truncated@4"});
  CHECK(s.chain.entries == 3);

  // The dead writer's lock went with it; append refuses until repaired, then goes on.
  diagnostics refused;
  CHECK_FALSE(io::append_audit_entry(log, draft("2025-04-01T09:31:00Z"), refused).has_value());
  CHECK(refused.contains("governance.audit.torn_tail"));
  diagnostics diags;
  const auto r = io::append_audit_entry(log, draft("2025-04-01T09:31:00Z"), diags,
                                        {.repair = true, .write = nullptr});
  REQUIRE(r.has_value());
  CHECK(r->removed_bytes == after.size() - before.size());
  CHECK(verify_file(log, &s).empty());
  CHECK(s.chain.entries == 5);  // three, the repair note, the new entry
}

TEST_CASE("a writer killed while appending in a loop never corrupts the log") {
  const temp_dir dir;
  const std::string log = dir.file("trail.jsonl");
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    for (int i = 0;; ++i) {
      diagnostics diags;
      audit_draft d = draft("2025-04-01T09:00:00Z");
      d.subject = "entry " + std::to_string(i);
      if (!io::append_audit_entry(log, d, diags)) ::_exit(1);
    }
  }
  // Let it write a few entries (about 300 bytes each), then kill it wherever it is. A busy disk
  // can make each fsync slow, so wait up to 3 s for them.
  const auto size = [&log] {
    std::error_code ec;
    const std::uintmax_t n = std::filesystem::file_size(log, ec);
    return ec ? 0 : n;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (size() < 3000 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));  // it did not stop by itself (an append failing would exit 1)

  io::audit_verify_summary s;
  const diagnostics d = verify_file(log, &s);
  // Every whole entry verifies; at most the line being written is torn.
  INFO(report_codes(d));
  for (const diagnostic& x : d)
    CHECK(x.code == "governance.audit.truncated");
  CHECK(s.chain.entries >= 5);
  CHECK(s.chain.head_seq == static_cast<std::int64_t>(s.chain.entries));
}

TEST_CASE("two writers at once take turns (flock): no interleaved lines, one chain") {
  const temp_dir dir;
  const std::string log = dir.file("trail.jsonl");
  constexpr int writers = 4;
  constexpr int each = 15;
  std::vector<pid_t> children;
  for (int w = 0; w < writers; ++w) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      for (int i = 0; i < each; ++i) {
        diagnostics diags;
        audit_draft d = draft("2025-04-01T09:00:00Z");
        d.actor = "writer " + std::to_string(w);
        if (!io::append_audit_entry(log, d, diags)) ::_exit(1);
      }
      ::_exit(0);
    }
    children.push_back(child);
  }
  for (const pid_t c : children) {
    int status = 0;
    REQUIRE(::waitpid(c, &status, 0) == c);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  io::audit_verify_summary s;
  const diagnostics d = verify_file(log, &s);
  INFO(report_codes(d));
  CHECK(d.empty());
  CHECK(s.chain.entries == writers * each);
}
