// Tests for joinedup/io/fund_events.hpp: the events document, and the events the audit trail
// records (docs/budget-events.md, "The audit trail as the input").
#include "joinedup/io/fund_events.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "joinedup/io/file.hpp"

using namespace joinedup;

namespace {

std::string source_file(const std::string& rel) {
  return io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/" + rel).value();
}

}  // namespace

TEST_CASE("the demo's events document reads and writes back unchanged") {
  const std::string text = source_file("data/demo/budget-events.json");
  diagnostics d;
  const auto events = io::read_fund_events(text, d);
  REQUIRE(events.has_value());
  CHECK(d.empty());
  REQUIRE(events->events.size() == 4);
  CHECK(events->events[0].kind == budget::fund_event_kind::virement);
  CHECK(events->events[0].amount == money::from_pence(15'000'000));
  CHECK(events->events[2].line->id == "L12");
  CHECK(io::write_fund_events(*events) == text);
}

TEST_CASE("the demo's audit trail gives the same four events as its events document") {
  diagnostics d;
  const auto from_audit = io::read_events_or_audit(source_file("data/demo/audit.jsonl"), d);
  REQUIRE(from_audit.has_value());
  CHECK(!d.has_errors());
  diagnostics e;
  const auto document = io::read_fund_events(source_file("data/demo/budget-events.json"), e);
  REQUIRE(document.has_value());
  REQUIRE(from_audit->events.size() == document->events.size());
  for (std::size_t i = 0; i < document->events.size(); ++i) {
    CAPTURE(i);
    const budget::fund_event& a = from_audit->events[i];
    const budget::fund_event& b = document->events[i];
    CHECK(a.kind == b.kind);
    CHECK(a.date == b.date);
    CHECK(a.amount == b.amount);
    CHECK(a.was == b.was);
    CHECK(a.from_line == b.from_line);
    CHECK(a.to_line == b.to_line);
    CHECK(a.partner == b.partner);
    CHECK(a.source == b.source);
    CHECK(a.schemes == b.schemes);
    CHECK(a.overspend == b.overspend);
    CHECK(a.requester == b.requester);
    CHECK(a.approvers == b.approvers);
    if (b.line) {
      REQUIRE(a.line.has_value());
      CHECK(a.line->id == b.line->id);
      CHECK(a.line->scheme == b.line->scheme);
      CHECK(a.line->planned == b.line->planned);
      CHECK(a.line->source == b.line->source);
      CHECK(a.line->commissioner == b.line->commissioner);
      CHECK(a.line->scheme_type == b.line->scheme_type);
      CHECK(a.line->area_of_spend == b.line->area_of_spend);
    }
  }
}

TEST_CASE("a tampered audit trail gives no events") {
  // examples/data/tampered-audit.jsonl: entry 3's amount changed after it was hashed.
  diagnostics d;
  const auto events =
      io::read_events_or_audit(source_file("examples/data/tampered-audit.jsonl"), d);
  CHECK(!events.has_value());
  CHECK(d.has_errors());
}

TEST_CASE("an audit entry that records a fund event without what it needs is an error") {
  // The Northmoor example trail (examples/data/northmoor-audit.jsonl) was written before entries
  // were events: its new_scheme (line 4) names no commissioner, and its deviation (line 6) says
  // "shared 50:50" in words, with no rule name. Both are reported, by line, and no events are
  // given: a fund missing two of its events is not the fund.
  diagnostics d;
  const auto events =
      io::read_events_or_audit(source_file("examples/data/northmoor-audit.jsonl"), d);
  CHECK(!events.has_value());
  std::vector<std::size_t> lines;
  for (const diagnostic& x : d) {
    if (x.code == "budget.events.audit_entry" && x.line) lines.push_back(*x.line);
  }
  CHECK(lines == std::vector<std::size_t>{4, 6});
}

TEST_CASE("events documents that are not one: wrong schema, unknown kind, bad date") {
  diagnostics d;
  CHECK(!io::read_fund_events(R"({"schema":"joinedup/fund/v1","events":[]})", d).has_value());
  CHECK(d.find("io.json.schema") != nullptr);
  diagnostics e;
  const auto r = io::read_fund_events(
      R"({"schema":"joinedup/fund-events/v1","events":[{"date":"2025-13-01","kind":"gift"}]})", e);
  CHECK(e.has_errors());
  CHECK(e.find("io.json.enum") != nullptr);
  (void)r;
}
