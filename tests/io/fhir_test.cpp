// The FHIR R4 export (joinedup/io/fhir.hpp, docs/fhir-export.md): hand-checked resources for
// known plans and a known measurement, determinism, references, and NHS numbers. The suite
// also validates whole bundles with the official R4 JSON Schema (tests/fhir/).
#include "joinedup/io/fhir.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/outcomes.hpp"

namespace {

namespace io = joinedup::io;
using joinedup::diagnostics;
using json = nlohmann::json;

std::string source(const std::string& path) {
  const auto text = io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/" + path);
  REQUIRE(text.has_value());
  return *text;
}

joinedup::care::care_records northmoor_plans() {
  diagnostics d;
  auto r = io::read_care_records(source("examples/data/northmoor-plans.json"), d);
  REQUIRE(r.has_value());
  REQUIRE_FALSE(d.has_errors());
  return *r;
}

/// The Northmoor bundle with its outcomes framework and measurements.
struct northmoor {
  joinedup::care::care_records plans = northmoor_plans();
  joinedup::outcomes::framework fw;
  std::vector<joinedup::outcomes::measurement> rows;
  northmoor() {
    diagnostics d;
    auto f =
        io::read_outcomes_framework(source("examples/data/northmoor-outcomes-framework.json"), d);
    REQUIRE(f.has_value());
    fw = *f;
    rows = io::read_outcomes_measurements(
        source("examples/data/northmoor-outcomes-measurements.csv"), d);
    REQUIRE_FALSE(d.has_errors());
  }
  std::string bundle(diagnostics& d) const {
    io::fhir_outcomes o;
    o.framework = &fw;
    o.measurements = rows;
    const auto b = io::write_fhir_bundle(plans, o, {}, d);
    REQUIRE(b.has_value());
    return *b;
  }
};

/// The resource whose fullUrl is `url`.
const json& resolve(const json& bundle, const json& reference) {
  for (const json& e : bundle["entry"]) {
    if (e["fullUrl"] == reference["reference"]) return e["resource"];
  }
  FAIL("unresolved reference " << reference.dump());
  return bundle;
}

/// The first resource of `type` whose identifier has `value`.
const json* find(const json& bundle, const std::string& type, const std::string& value) {
  for (const json& e : bundle["entry"]) {
    const json& r = e["resource"];
    if (r["resourceType"] != type || !r.contains("identifier")) continue;
    for (const json& id : r["identifier"]) {
      if (id["value"] == value) return &r;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("fhir_name_uuid: RFC 4122 version 5, stable") {
  const std::string a = io::fhir_name_uuid("CarePlan/NM-P-0001");
  CHECK(a.size() == 36);
  CHECK(a[14] == '5');                                                    // version
  CHECK((a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b'));  // variant
  CHECK(a == io::fhir_name_uuid("CarePlan/NM-P-0001"));
  CHECK(a != io::fhir_name_uuid("CarePlan/NM-P-0002"));
}

TEST_CASE("is_fhir_instant") {
  CHECK(io::is_fhir_instant("2025-11-30T09:00:00Z"));
  CHECK(io::is_fhir_instant("2025-11-30T09:00:00.125+01:00"));
  CHECK_FALSE(io::is_fhir_instant("2025-11-30"));
  CHECK_FALSE(io::is_fhir_instant("2025-11-30T09:00:00"));   // no zone
  CHECK_FALSE(io::is_fhir_instant("2025-02-30T09:00:00Z"));  // no such day
  CHECK_FALSE(io::is_fhir_instant("2025-11-30T24:00:00Z"));
  CHECK_FALSE(io::is_fhir_instant("2025-11-30T09:00:00+15:00"));
}

TEST_CASE("fhir export: the CarePlan of NM-P-0001, its care team and case manager") {
  const northmoor n;
  diagnostics d;
  const std::string text = n.bundle(d);
  CHECK_FALSE(d.has_errors());
  const json b = json::parse(text);
  CHECK(b["resourceType"] == "Bundle");
  CHECK(b["type"] == "collection");
  CHECK(b["timestamp"] == "2025-11-30T00:00:00Z");  // the records' as_of at midnight UTC

  const json* plan = find(b, "CarePlan", "NM-P-0001");
  REQUIRE(plan != nullptr);
  const json& p = *plan;
  // Agreed 2024-11-04 and active on 2025-11-30: an agreed plan in force.
  CHECK(p["status"] == "active");
  CHECK(p["intent"] == "plan");
  CHECK(p["category"][0]["coding"][0]["code"] == "734163000");
  // Start: first agreement; end: the next review, 12 months after the review of 2025-10-15.
  CHECK(p["period"]["start"] == "2024-11-04");
  CHECK(p["period"]["end"] == "2026-10-15");
  CHECK(p["created"] == "2024-10-14");
  // Aisha Ahmed (cm-ahmed) holds the plan on 2025-11-30; Ben Brown covered 1-14 Oct 2025.
  CHECK(p["author"]["display"] == "Aisha Ahmed");
  CHECK(resolve(b, p["author"])["resourceType"] == "PractitionerRole");
  const json& team = resolve(b, p["careTeam"][0]);
  CHECK(team["status"] == "active");
  CHECK(team["category"][0]["coding"][0]["code"] == "LA28865-6");
  REQUIRE(team["participant"].size() == 3);  // two case managers and the person
  CHECK(team["participant"][0]["member"]["display"] == "Aisha Ahmed");
  CHECK(team["participant"][0]["role"][0]["coding"][0]["code"] == "768832004");
  CHECK(team["participant"][0]["period"] == json{{"start", "2024-11-04"}});
  CHECK(team["participant"][1]["member"]["display"] == "Ben Brown");
  CHECK(team["participant"][1]["period"] == json{{"start", "2025-10-01"}, {"end", "2025-10-14"}});
  CHECK(resolve(b, team["participant"][1]["onBehalfOf"])["name"] ==
        "Northmoor Community Health NHS Trust");
  CHECK(resolve(b, team["participant"][2]["member"])["resourceType"] == "Patient");
  const json& episode = resolve(b, p["supportingInfo"][0]);
  CHECK(episode["resourceType"] == "EpisodeOfCare");
  CHECK(episode["status"] == "active");
  CHECK(resolve(b, episode["careManager"])["resourceType"] == "PractitionerRole");
  CHECK(episode["careManager"]["display"] == "Aisha Ahmed");
  // Two outcomes: two Goals for the person, the first due 2026-11-04.
  REQUIRE(p["goal"].size() == 2);
  const json& goal = resolve(b, p["goal"][0]);
  CHECK(goal["lifecycleStatus"] == "active");
  CHECK(goal["target"][0]["dueDate"] == "2026-11-04");
  CHECK(goal["subject"] == p["subject"]);
  // The personal budget (s26) as Money in GBP: total £347.25.
  CHECK(p["extension"][0]["extension"][0]["valueMoney"] ==
        json{{"value", 347.25}, {"currency", "GBP"}});
  // The person's number in full, with the NHS number system, only in Patient.identifier.
  const json& patient = resolve(b, p["subject"]);
  CHECK(patient["identifier"][0]["system"] == "https://fhir.nhs.uk/Id/nhs-number");
  CHECK(patient["identifier"][0]["value"] == "9990000018");
  std::size_t at = 0;
  std::size_t seen = 0;
  while ((at = text.find("9990000018", at)) != std::string::npos) {
    ++seen;
    ++at;
  }
  CHECK(seen == 1);
  CHECK(text.find("999 000 0018") == std::string::npos);
}

TEST_CASE("fhir export: a closed plan is completed and its episode finished") {
  const northmoor n;
  diagnostics d;
  const json b = json::parse(n.bundle(d));
  const json* plan = find(b, "CarePlan", "NM-P-0008");  // closed 2025-03-31
  REQUIRE(plan != nullptr);
  CHECK((*plan)["status"] == "completed");
  CHECK((*plan)["period"] == json{{"start", "2024-06-03"}, {"end", "2025-03-31"}});
  const json& episode = resolve(b, (*plan)["supportingInfo"][0]);
  CHECK(episode["status"] == "finished");
  CHECK(episode["period"]["end"] == "2025-03-31");
  CHECK(episode["careManager"]["display"] == "Aisha Ahmed");  // in post on the closing day
  // NM-P-0005 was drafted and never agreed: a draft proposal.
  const json* draft = find(b, "CarePlan", "NM-P-0005");
  REQUIRE(draft != nullptr);
  CHECK((*draft)["status"] == "draft");
  CHECK((*draft)["intent"] == "proposal");
}

TEST_CASE("fhir export: a MeasureReport's value and confidence interval") {
  const northmoor n;
  diagnostics d;
  const json b = json::parse(n.bundle(d));
  const json* r = find(b, "MeasureReport", "emergency_admissions_65plus E06000099 2023-24 Q1");
  REQUIRE(r != nullptr);
  CHECK((*r)["status"] == "complete");
  CHECK((*r)["type"] == "summary");
  CHECK((*r)["measure"] == "https://joinedup.example/fhir/Measure/emergency_admissions_65plus");
  CHECK((*r)["period"] == json{{"end", "2023-06-30"}});
  CHECK((*r)["improvementNotation"]["coding"][0]["code"] == "decrease");  // low is good
  const json& g = (*r)["group"][0];
  CHECK(g["population"][0]["count"] == 3440);
  CHECK(g["population"][1]["count"] == 52000);
  // 3440 / 52000 × 100,000 = 6615.3846…
  const json& score = g["measureScore"];
  CHECK(score["value"].get<double>() == doctest::Approx(6615.384615).epsilon(1e-9));
  CHECK(score["unit"] == "rate per 100000");
  // Byars' 95 % limits, by hand: O = 3440, z = 1.959964;
  // lower = O (1 − 1/(9 O) − z / (3 √O))³ / 52000 × 1e5 = 3325.99… → 6396.1;
  // upper = (O+1) (1 − 1/(9 (O+1)) + z / (3 √(O+1)))³ / 52000 × 1e5 = 3556.9… → 6840.2.
  const json& ci = score["extension"][0];
  CHECK(ci["url"] ==
        "https://joinedup.example/fhir/StructureDefinition/measure-score-confidence-interval");
  CHECK(ci["extension"][0] == json{{"url", "level"}, {"valueDecimal", 0.95}});
  CHECK(ci["extension"][1]["url"] == "low");
  CHECK(ci["extension"][1]["valueDecimal"].get<double>() == doctest::Approx(6396.1).epsilon(1e-4));
  CHECK(ci["extension"][2]["url"] == "high");
  CHECK(ci["extension"][2]["valueDecimal"].get<double>() == doctest::Approx(6840.2).epsilon(1e-4));
  CHECK(ci["extension"][3] == json{{"url", "method"}, {"valueString", "Byars"}});
  CHECK(score["extension"][1]["extension"][0]["valueDecimal"] == 0.998);
  // The subject is the area's residents; the measure is in the bundle.
  CHECK(resolve(b, (*r)["subject"])["resourceType"] == "Group");
  const json* m = find(b, "Measure", "emergency_admissions_65plus");
  REQUIRE(m != nullptr);
  CHECK((*m)["scoring"]["coding"][0]["code"] == "ratio");
  CHECK((*m)["url"] == (*r)["measure"]);
}

TEST_CASE("fhir export: area targets are Goals of an Organization with the trajectory's dates") {
  const northmoor n;
  diagnostics d;
  const json b = json::parse(n.bundle(d));
  std::size_t goals = 0;
  for (const json& e : b["entry"]) {
    const json& r = e["resource"];
    if (r["resourceType"] != "Goal" || resolve(b, r["subject"])["resourceType"] != "Organization") {
      continue;
    }
    ++goals;
    REQUIRE(r.contains("target"));
    for (const json& t : r["target"]) {
      CHECK(t.contains("dueDate"));
      CHECK(t["measure"]["coding"][0]["system"] ==
            "https://joinedup.example/fhir/CodeSystem/indicator");
    }
  }
  CHECK(goals == n.fw.targets.size());
  // Each target's last dueDate is its due date.
  for (std::size_t i = 0; i < n.fw.targets.size(); ++i) {
    bool found = false;
    for (const json& e : b["entry"]) {
      const json& r = e["resource"];
      if (r["resourceType"] == "Goal" && r.contains("target") &&
          r["target"].back()["dueDate"] == joinedup::to_iso_string(n.fw.targets[i].due) &&
          r["target"].back()["measure"]["coding"][0]["code"] == n.fw.targets[i].indicator) {
        found = true;
      }
    }
    CHECK_MESSAGE(found, "target " << i);
  }
}

TEST_CASE("fhir export: deterministic, every reference resolves, ids from stable keys") {
  const northmoor n;
  diagnostics d1;
  diagnostics d2;
  const std::string a = n.bundle(d1);
  CHECK(a == n.bundle(d2));
  const json b = json::parse(a);
  std::set<std::string> urls;
  for (const json& e : b["entry"]) {
    CHECK(e["fullUrl"] == "urn:uuid:" + e["resource"]["id"].get<std::string>());
    CHECK(urls.insert(e["fullUrl"].get<std::string>()).second);
  }
  const std::regex reference("\"reference\": \"([^\"]*)\"");
  std::size_t refs = 0;
  for (auto it = std::sregex_iterator(a.begin(), a.end(), reference); it != std::sregex_iterator();
       ++it) {
    ++refs;
    CHECK_MESSAGE(urls.count((*it)[1].str()) == 1, (*it)[1].str());
  }
  CHECK(refs > 100);
  // The CarePlan of NM-P-0001 has the id of its key whatever else is in the bundle.
  CHECK(find(b, "CarePlan", "NM-P-0001")->at("id") == io::fhir_name_uuid("CarePlan/NM-P-0001"));
}

TEST_CASE("fhir export: an invalid NHS number leaves the identifier out with a warning") {
  joinedup::care::care_records r = northmoor_plans();
  r.people[0].nhs_number = "999 000 0019";  // check digit should be 8
  r.plans[0].nhs_number = "999 000 0019";
  r.plans[0].contingency = "call 943 476 5919 if unwell";  // a number in free text
  diagnostics d;
  const auto b = io::write_fhir_bundle(r, {}, {}, d);
  REQUIRE(b.has_value());
  const joinedup::diagnostic* w = d.find("io.fhir.nhs_number");
  REQUIRE(w != nullptr);
  CHECK(w->severity == joinedup::severity::warning);
  CHECK(w->path == "/people/0/nhs_number");
  CHECK(b->find("9990000019") == std::string::npos);
  CHECK(b->find("999 000 0019") == std::string::npos);
  CHECK(b->find("943 476 5919") == std::string::npos);
  CHECK(b->find("*** *** 5919") != std::string::npos);  // masked where it was written
  const json bundle = json::parse(*b);
  const json* plan = find(bundle, "CarePlan", "NM-P-0001");
  REQUIRE(plan != nullptr);
  CHECK_FALSE(resolve(bundle, (*plan)["subject"]).contains("identifier"));
}

TEST_CASE("fhir export: an unknown case manager is left out with a warning") {
  joinedup::care::care_records r = northmoor_plans();
  r.plans[1].assignments[0].case_manager = joinedup::care::case_manager_id("cm-nobody");
  diagnostics d;
  const auto b = io::write_fhir_bundle(r, {}, {}, d);
  REQUIRE(b.has_value());
  const joinedup::diagnostic* w = d.find("io.fhir.case_manager");
  REQUIRE(w != nullptr);
  CHECK(w->path == "/plans/1/assignments/0/case_manager");
  CHECK(b->find("cm-nobody") == std::string::npos);
}

TEST_CASE("fhir export: no as-of date, a bad timestamp, and the options that set them") {
  joinedup::care::care_records r = northmoor_plans();
  r.as_of.reset();
  diagnostics d;
  CHECK_FALSE(io::write_fhir_bundle(r, {}, {}, d).has_value());
  CHECK(d.contains("io.fhir.as_of"));

  io::fhir_export_options o;
  o.as_of = std::chrono::year_month_day{std::chrono::year(2025), std::chrono::month(6),
                                        std::chrono::day(30)};
  o.timestamp = "2025-06-30 09:00";
  diagnostics d2;
  CHECK_FALSE(io::write_fhir_bundle(r, {}, o, d2).has_value());
  CHECK(d2.contains("io.fhir.timestamp"));

  o.timestamp = "2025-07-01T09:00:00+01:00";
  o.base = "https://example.org/fhir/";
  diagnostics d3;
  const auto b = io::write_fhir_bundle(r, {}, o, d3);
  REQUIRE(b.has_value());
  const json bundle = json::parse(*b);
  CHECK(bundle["timestamp"] == "2025-07-01T09:00:00+01:00");
  // On 2025-06-30 NM-P-0008 (closed 2025-03-31) is completed and NM-P-0009 (agreed 2025-10-06)
  // has not started.
  CHECK(find(bundle, "CarePlan", "NM-P-0008")->at("status") == "completed");
  CHECK(find(bundle, "CarePlan", "NM-P-0009")->at("status") == "draft");
  CHECK(find(bundle, "CarePlan", "NM-P-0001")->at("identifier")[0]["system"] ==
        "https://example.org/fhir/Id/care-plan");
}
