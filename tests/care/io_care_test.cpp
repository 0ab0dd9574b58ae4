// Tests for joinedup/io/care.hpp: the care records and review policy documents (docs/care.md),
// read with the strict JSON reader and the document's field list, and written back without loss.
#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

#include "joinedup/care/validate.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"

using namespace joinedup;
using namespace std::chrono_literals;

namespace {

/// Writing `r` (pretty and compact) reads back equal with no diagnostics, and writing that again
/// gives the same text.
void check_round_trip(const care::care_records& r) {
  for (const bool pretty : {true, false}) {
    CAPTURE(pretty);
    const std::string written = io::write_care_records(r, pretty);
    diagnostics again;
    const auto back = io::read_care_records(written, again);
    REQUIRE(back.has_value());
    CHECK(again.empty());
    CHECK(*back == r);
    CHECK(io::write_care_records(*back, pretty) == written);
  }
}
std::string source(const char* path) {
  return io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/" + path).value();
}
std::string doc(const std::string& plans_body) {
  return R"({"schema": "joinedup/care-plans/v1", "case_managers": [], "people": [], "plans": [)" +
         plans_body + "]}";
}
}  // namespace

TEST_CASE("the demo caseload reads cleanly, validates as documented and round-trips") {
  const std::string text = source("data/demo/care-plans.json");
  diagnostics d;
  const auto r = io::read_care_records(text, d);
  REQUIRE(r.has_value());
  CHECK(d.empty());
  CHECK(r->as_of == 2025y / 11 / 30);
  CHECK(r->people.size() == 8);
  CHECK(r->case_managers.size() == 4);
  REQUIRE(r->plans.size() == 7);
  // NM-P-0001: home care £24.50 × 10.5 hours and a day centre £45.00 × 2 (s26 statement).
  const care::care_plan& p1 = r->plans[0];
  CHECK(p1.services[0].unit_price == rate::from_micros(24'500'000));
  CHECK(p1.services[0].units_per_week == ratio::of(21, 2));
  CHECK(p1.budget->total == money::from_pence(34725));
  CHECK(p1.involved.others == std::vector<std::string>{"daughter"});
  // Validation on the document's date: one overdue first review (NM-P-0003, agreed 11 August,
  // due 6 October) and one case manager away with no cover.
  diagnostics v;
  care::validate(*r, *r->as_of, care::default_review_policy(), v);
  REQUIRE(v.size() == 2);
  CHECK(v[0].code == "care.case_manager.absent");
  CHECK(v[1].code == "care.review.overdue");
  CHECK(v[1].message.find("2025-10-06") != std::string::npos);
  // Round trip: values equal, and writing again gives the same text (pretty and compact).
  check_round_trip(*r);
}

TEST_CASE("the planted example has one problem of each kind") {
  diagnostics d;
  const auto r = io::read_care_records(source("examples/data/northmoor-plans.json"), d);
  REQUIRE(r.has_value());
  CHECK(d.empty());
  care::validate(*r, *r->as_of, care::default_review_policy(), d);
  for (const char* code :
       {"core.nhs_number.check_digit", "care.budget.sum", "care.direct_payment.incomplete",
        "care.service.dates", "care.service.scheme", "care.case_manager.gap",
        "care.case_manager.overlap", "care.plan.involvement", "care.service.person_funded_nhs_need",
        "care.case_manager.over_capacity", "care.lifecycle.transition", "care.review.overdue"}) {
    CAPTURE(code);
    CHECK(d.contains(code));
  }
  for (const diagnostic& x : d)
    CHECK(x.message.find("9991234560") == std::string::npos);
}

TEST_CASE("reading problems become diagnostics with paths, never exceptions") {
  diagnostics d;
  auto r = io::read_care_records(
      doc(R"({"id": "P1", "nhs_number": "9990000018", "kind": "care_at", "histroy": [],
             "services": [{"id": "s1", "kind": "health", "provider_type": "nhs",
                           "start": "2025-02-30", "unit_price": 12.5, "units_per_week": "1",
                           "funded_by": "nhs"}]})"),
      d);
  REQUIRE(r.has_value());
  CHECK(d.find("io.json.enum")->path == "/plans/0/kind");
  CHECK(d.find("io.json.unknown_field")->path == "/plans/0/histroy");
  CHECK(d.find("io.json.missing")->path == "/plans/0/history");
  CHECK(d.find("core.date.invalid")->path == "/plans/0/services/0/start");
  CHECK(d.find("io.json.type")->path == "/plans/0/services/0/unit_price");

  for (const std::string bad : {"", "{", "[1,2", R"({"schema": "joinedup/care-plans/v1",})",
                                "{\"a\": \"\\x\"}", "{\"a\": tru}", "{} {}", "\"\xff\""}) {
    CAPTURE(bad);
    diagnostics e;
    CHECK_FALSE(io::read_care_records(bad, e).has_value());
    std::string all;
    for (const diagnostic& x : e)
      all += x.code + ": " + x.message + "; ";
    CAPTURE(all);
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == "io.json.syntax");
    CHECK(e[0].severity == severity::fatal);
  }
  diagnostics s;
  CHECK_FALSE(io::read_care_records(R"({"schema": "joinedup/area/v1", "people": 3})", s));
  REQUIRE(s.size() == 1);
  CHECK(s[0].code == "io.json.schema");
  diagnostics n;
  CHECK_FALSE(io::read_care_records("[1, 2]", n));
  CHECK(n[0].code == "io.json.schema");
}

TEST_CASE("a member given twice in a plan stops the whole document") {
  diagnostics d;
  const auto r = io::read_care_records(
      doc(R"({"id": "P1", "nhs_number": "9990000018", "kind": "chc", "history": [],
             "nhs_number": "9997654323"})"),
      d);
  CHECK_FALSE(r.has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "io.json.duplicate_key");
  CHECK(d[0].severity == severity::fatal);
  CHECK(d[0].path == "/plans/0/nhs_number");
  CHECK(d[0].line == 2u);
  CHECK(d[0].message.find("line 1") != std::string::npos);  // the first place, then this one
  CHECK(d[0].message.find("9997654323") == std::string::npos);
}

TEST_CASE("nesting 100,000 deep is io.json.depth, not a crash") {
  std::string objects = R"({"id": "P1", "extra": )";
  for (int i = 0; i < 100'000; ++i)
    objects += R"({"a": )";
  for (const std::string& body : {std::string(100'000, '['), objects}) {
    diagnostics d;
    CHECK_FALSE(io::read_care_records(doc(body), d).has_value());
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "io.json.depth");
    CHECK(d[0].severity == severity::fatal);
  }
}

TEST_CASE("an unknown enumeration value is io.json.enum and lists the allowed values") {
  diagnostics d;
  const auto r = io::read_care_records(
      doc(R"({"id": "P1", "nhs_number": "9990000018", "kind": "chc", "history": [],
             "services": [{"id": "s1", "kind": "health", "provider_type": "nhs",
                           "start": "2025-04-01", "unit_price": "12.50", "units_per_week": "1",
                           "funded_by": "the_nhs"}],
             "direct_payment": {"amount": "10.00", "frequency": "daily"}})"),
      d);
  REQUIRE(r.has_value());
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "io.json.enum");
  CHECK(d[0].severity == severity::error);
  CHECK(d[0].path == "/plans/0/services/0/funded_by");
  CHECK(d[0].message.find("'the_nhs'") != std::string::npos);
  CHECK(d[0].message.find("nhs, council, joint, person") != std::string::npos);
  CHECK(d[1].code == "io.json.enum");
  CHECK(d[1].path == "/plans/0/direct_payment/frequency");
  CHECK(d[1].message.find("weekly, four_weekly, monthly") != std::string::npos);
  CHECK_FALSE(r->plans[0].direct_payment->frequency.has_value());
}

TEST_CASE("optional values may be null or absent; money is a decimal string") {
  diagnostics d;
  const auto r = io::read_care_records(
      doc(R"({"id": "P1", "nhs_number": "9990000018", "kind": "care_act", "history": [],
             "services": [{"id": "s1", "kind": "health", "provider_type": "nhs",
                           "start": "2025-04-01", "end": null, "unit_price": "12.50",
                           "units_per_week": "10.5", "funded_by": "nhs"}],
             "personal_budget": {"total": "10.00", "person_contribution": "0.00",
                                 "council_amount": 10, "daily_living_costs": null}})"),
      d);
  REQUIRE(r.has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "io.json.type");
  CHECK(d[0].path == "/plans/0/personal_budget/council_amount");
  const care::care_plan& p = r->plans[0];
  CHECK_FALSE(p.services[0].end.has_value());
  CHECK(p.services[0].units_per_week == ratio::of(21, 2));
  CHECK_FALSE(p.budget->daily_living_costs.has_value());
  // Units per week are written as a terminating decimal, else as num/den.
  care::care_records one = *r;
  one.plans[0].services[0].units_per_week = ratio::of(1, 3);
  const std::string written = io::write_care_records(one, false);
  CHECK(written.find(R"("units_per_week":"1/3")") != std::string::npos);
  CHECK(io::write_care_records(*r, false).find(R"("units_per_week":"10.5")") != std::string::npos);
}

TEST_CASE("every shipped care records document reads cleanly and round-trips byte for byte") {
  std::vector<std::filesystem::path> found;
  for (const char* top : {"examples", "data"}) {
    const std::filesystem::path root = std::filesystem::path(JOINEDUP_SOURCE_DIR) / top;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      if (entry.path().parent_path().filename() == "schema") continue;  // the JSON Schemas
      const std::string text = io::read_file(entry.path().string()).value();
      if (text.find("\"joinedup/care-plans/v1\"") == std::string::npos) continue;
      found.push_back(entry.path());
      CAPTURE(entry.path().string());
      diagnostics d;
      const auto r = io::read_care_records(text, d);
      REQUIRE(r.has_value());
      CHECK(d.empty());
      check_round_trip(*r);
    }
  }
  CHECK(found.size() >= 2);  // data/demo/care-plans.json, examples/data/northmoor-plans.json
}

TEST_CASE("strings with escapes and non-ASCII text survive the round trip") {
  diagnostics d;
  const auto r =
      io::read_care_records(doc(R"({"id": "P\"1\"", "nhs_number": "9990000018", "kind": "chc",
             "history": [{"kind": "agreed", "on": "2025-01-06", "by": "Zoë \u00e9 \ud83d\ude00\n"}]})"),
                            d);
  REQUIRE(r.has_value());
  CHECK(d.empty());
  CHECK(r->plans[0].id.str() == "P\"1\"");
  CHECK(r->plans[0].history[0].by == "Zo\xC3\xAB \xC3\xA9 \xF0\x9F\x98\x80\n");
  diagnostics again;
  const auto back = io::read_care_records(io::write_care_records(*r), again);
  REQUIRE(back.has_value());
  CHECK(*back == *r);
}

TEST_CASE("the review policy file equals the built-in policy and round-trips") {
  diagnostics d;
  const auto p = io::read_review_policy(source("data/care/review-policy.json"), d);
  REQUIRE(p.has_value());
  CHECK(d.empty());
  CHECK(*p == care::default_review_policy());
  CHECK(p->care_act.first_due_days == 56);  // 8 weeks (statutory guidance ch. 13)
  CHECK(p->chc.first_due_months == 3);      // NHS CHC framework
  diagnostics again;
  CHECK(io::read_review_policy(io::write_review_policy(*p), again) == p);
  diagnostics bad;
  const auto q = io::read_review_policy(
      R"({"schema": "joinedup/care-review-policy/v1", "care_act": {"interval_months": -1}})", bad);
  REQUIRE(q.has_value());
  CHECK(bad.contains("care.policy.value"));
  CHECK(bad.contains("io.json.missing"));
}
