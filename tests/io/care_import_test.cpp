// Tests for joinedup/io/care_import.hpp: a case-management system's exports assembled into the
// care records document. Expected values are worked by hand from the cells.
#include "joinedup/io/care_import.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "joinedup/care/validate.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"

using joinedup::diagnostic;
using joinedup::diagnostics;
using joinedup::money;
namespace io = joinedup::io;
namespace care = joinedup::care;
using namespace std::chrono_literals;

namespace {

std::string example(const std::string& name) {
  return io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/" + name).value();
}

/// Northmoor's exports under their rules file.
io::care_import import_northmoor(diagnostics& d) {
  io::care_import_rules rules;
  io::read_care_import_rules(example("northmoor-care.rules"), rules, d);
  io::care_import_options o = io::care_import_options_from(rules, d);
  o.as_of = 2025y / 11 / 30;
  io::care_import_texts texts;
  for (const std::string_view kind : io::care_import_files)
    texts.emplace(kind, example("northmoor-care-" + std::string(kind) + ".csv"));
  return io::import_care(texts, o, d);
}

/// A small, valid set of exports: one person, one plan, one case manager.
io::care_import_texts small() {
  return {
      {"people", "person_id,nhs_number,assessed_on,complex_needs\nP1,9434765919,2025-01-01,Y\n"},
      {"plans",
       "plan_id,person_id,kind,drafted,agreed,agreed_by,start,budget_total,"
       "budget_person_contribution,budget_council_amount,involved_person,contingency\n"
       "A1,P1,Care Act,2025-01-02,2025-01-10,the person,2025-01-12,100.00,20.00,80.00,Y,"
       "duty team\n"},
      {"assignments",
       "plan_id,case_manager_id,case_manager,capacity,from,to\nA1,cm1,Ann,5,2025-01-10,\n"},
      {"needs", "plan_id,need_id,description,eligible\nA1,n1,washing,Y\n"}};
}

io::care_import run(const io::care_import_texts& t, diagnostics& d) {
  io::care_import_options o;
  o.as_of = 2025y / 6 / 30;
  return io::import_care(t, o, d);
}

/// The codes and paths of the errors.
std::string errors(const diagnostics& d) {
  std::string out;
  for (const diagnostic& x : d) {
    if (x.is_error()) out += x.code + " " + x.path + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("Northmoor's exports import to northmoor-plans.json") {
  diagnostics d;
  const io::care_import r = import_northmoor(d);
  CHECK(d.empty());
  REQUIRE(r.counts.size() == 8);
  // people 10, plans 9, assignments 11, services 11, needs 11, outcomes 10, events 14, absences 1.
  const std::size_t rows[] = {10, 9, 11, 11, 11, 10, 14, 1};
  for (std::size_t i = 0; i < 8; ++i) {
    CAPTURE(r.counts[i].file);
    CHECK(r.counts[i].rows_read == rows[i]);
    CHECK(r.counts[i].rows_mapped == rows[i]);
    CHECK(r.counts[i].rows_rejected == 0);
  }
  diagnostics dj;
  std::optional<care::care_records> want =
      io::read_care_records(example("northmoor-plans.json"), dj);
  REQUIRE(want);
  // The two things no case-management system exports and the import refuses (docs/care-import.md,
  // "The example"): the person whose NHS number fails the Modulus 11 check (999 123 4560), and the
  // telecare service's end date before its start.
  REQUIRE(want->people[8].nhs_number == "9991234560");
  want->people.erase(want->people.begin() + 8);
  REQUIRE(want->plans[5].services[0].end == 2025y / 8 / 1);
  want->plans[5].services[0].end.reset();
  CHECK(r.records == *want);
  CHECK(io::write_care_records(r.records) == io::write_care_records(*want));

  // The care check finds the same in both, apart from those two.
  diagnostics from_import;
  diagnostics from_json;
  const auto day = std::chrono::sys_days(2025y / 11 / 30);
  care::validate(r.records, day, care::default_review_policy(), from_import);
  diagnostics original;
  std::optional<care::care_records> json =
      io::read_care_records(example("northmoor-plans.json"), original);
  care::validate(*json, day, care::default_review_policy(), from_json);
  std::string left;
  for (const diagnostic& x : from_json) {
    if (x.code == "core.nhs_number.check_digit" || x.code == "care.service.dates") continue;
    left += x.code + " " + x.path + " " + x.message + "\n";
  }
  std::string right;
  for (const diagnostic& x : from_import)
    right += x.code + " " + x.path + " " + x.message + "\n";
  CHECK(left == right);
  CHECK(from_json.total() == from_import.total() + 2);
}

TEST_CASE("a small set of exports: every field where the document keeps it") {
  diagnostics d;
  io::care_import_texts t = small();
  t.emplace(
      "services",
      "plan_id,service_id,kind,provider_type,start,end,weekly_cost,funded_by,meets,fund_line\n"
      "A1,s1,social care,Private,2025-01-12,,\"\xC2\xA3"
      "1,234.50\",council,n1; n2 ,L01\n");
  t.emplace("events",
            "plan_id,event,date,by,reason\nA1,Review started,2025-03-01,Ann,light-touch\n"
            "A1,review_completed,2025-03-01,,\n");
  t.emplace("absences", "case_manager_id,from,to,reason\ncm1,2025-04-01,2025-04-02,leave\n");
  const io::care_import r = run(t, d);
  CHECK(d.empty());
  REQUIRE(r.records.plans.size() == 1);
  const care::care_plan& p = r.records.plans[0];
  CHECK(p.nhs_number == "9434765919");
  CHECK(p.kind == care::plan_kind::care_act);
  // drafted, agreed, activated from the plan row, then the events file's two on 2025-03-01.
  REQUIRE(p.history.size() == 5);
  CHECK(p.history[1].kind == care::event_kind::agreed);
  CHECK(p.history[1].by == "the person");
  CHECK(p.history[3].kind == care::event_kind::review_started);
  CHECK(p.history[3].reason == "light-touch");
  CHECK(p.history[4].kind == care::event_kind::review_completed);
  REQUIRE(p.budget);
  CHECK(p.budget->total == money::from_pence(10000));
  CHECK(p.budget->council_amount == money::from_pence(8000));
  REQUIRE(p.services.size() == 1);
  // A weekly cost alone: one unit a week at £1,234.50.
  CHECK(p.services[0].unit_price == joinedup::rate::from_money(money::from_pence(123450)));
  CHECK(p.services[0].units_per_week == joinedup::ratio::whole(1));
  CHECK(p.services[0].meets == std::vector<std::string>{"n1", "n2"});
  CHECK(p.services[0].scheme.str() == "L01");
  REQUIRE(r.records.case_managers.size() == 1);
  CHECK(r.records.case_managers[0].capacity == 5);
  CHECK(r.records.case_managers[0].absences.size() == 1);
  CHECK(r.records.people[0].complex_needs);
  CHECK(r.records.as_of == 2025y / 6 / 30);
}

TEST_CASE("headers matched by name: case, spaces, byte order mark, CRLF, --column") {
  diagnostics d;
  io::care_import_texts t = small();
  t["people"] = "\xEF\xBB\xBFPERSON ID ,NHS No,Assessed On\r\nP1,943 476 5919,2025-01-01\r\n";
  io::care_import_options o;
  o.columns["people.nhs_number"] = "nhs no";
  const io::care_import r = io::import_care(t, o, d);
  CHECK(errors(d).empty());
  REQUIRE(r.records.people.size() == 1);
  CHECK(r.records.people[0].nhs_number == "943 476 5919");  // as written
  CHECK(r.records.plans[0].nhs_number == "9434765919");     // the ten digits
}

TEST_CASE("each rejection names its file, line and reason") {
  SUBCASE("a bad NHS number: check digit and layout, the number never shown") {
    diagnostics d;
    io::care_import_texts t = small();
    t["people"] = "person_id,nhs_number\nP1,9434765919\nP2,9434765918\nP3,94347659\n";
    const io::care_import r = run(t, d);
    CHECK(errors(d) ==
          "care.import.nhs_number /people/rows/3\ncare.import.nhs_number /people/rows/4\n");
    for (const diagnostic& x : d)
      CHECK(x.message.find("9434765918") == std::string::npos);
    CHECK(r.counts[0].rows_rejected == 2);
    CHECK(r.counts[0].rows_mapped == 1);
  }
  SUBCASE("duplicate person id, NHS number and plan id") {
    diagnostics d;
    io::care_import_texts t = small();
    t["people"] = "person_id,nhs_number\nP1,9434765919\nP1,9990000018\nP3,943-476-5919\n";
    t["plans"] = "plan_id,person_id,kind\nA1,P1,chc\nA1,P1,chc\n";
    (void)run(t, d);
    CHECK(errors(d) ==
          "care.import.duplicate /people/rows/3\ncare.import.duplicate /people/rows/4\n"
          "care.import.duplicate /plans/rows/3\n");
  }
  SUBCASE("a plan for an unknown person; assignments for an unknown plan or another person") {
    diagnostics d;
    io::care_import_texts t = small();
    t["people"] = "person_id,nhs_number\nP1,9434765919\nP2,9990000018\n";
    t["plans"] = "plan_id,person_id,kind\nA1,P1,chc\nA2,P9,chc\n";
    t["assignments"] =
        "plan_id,person_id,case_manager_id,from\nA1,P1,cm1,2025-01-01\nA2,,cm1,2025-01-01\n"
        "A1,P2,cm1,2025-01-01\nA1,P8,cm1,2025-01-01\n";
    const io::care_import r = run(t, d);
    CHECK(errors(d) ==
          "care.import.unknown /plans/rows/3\ncare.import.unknown /assignments/rows/3\n"
          "care.import.unknown /assignments/rows/4\ncare.import.unknown /assignments/rows/5\n");
    CHECK(r.counts[2].rows_read == 4);
    CHECK(r.counts[2].rows_mapped == 1);
    CHECK(r.counts[2].rows_rejected == 3);
  }
  SUBCASE("bad dates and ends before starts") {
    diagnostics d;
    io::care_import_texts t = small();
    t["assignments"] =
        "plan_id,case_manager_id,from,to\nA1,cm1,2025-02-30,\nA1,cm1,2025-03-01,2025-02-28\n"
        "A1,cm1,01/03/2025,\n";
    t.emplace("services",
              "plan_id,service_id,kind,provider_type,start,end,unit_price,funded_by\n"
              "A1,s1,health,nhs,2025-03-01,2025-02-01,10.00,nhs\n");
    t.emplace("absences", "case_manager_id,from,to\ncm1,2025-01-05,2025-01-04\n");
    (void)run(t, d);
    // The absence's case manager is unknown too: every assignment was rejected.
    CHECK(errors(d) ==
          "care.import.value /assignments/rows/2\ncare.import.dates /assignments/rows/3\n"
          "care.import.value /assignments/rows/4\ncare.import.dates /services/rows/2\n"
          "care.import.unknown /absences/rows/2\ncare.import.dates /absences/rows/2\n");
  }
  SUBCASE("values: a kind, a yes/no, an amount past the penny, a capacity, an empty id") {
    diagnostics d;
    io::care_import_texts t = small();
    t["plans"] =
        "plan_id,person_id,kind,involved_person,budget_total\nA1,P1,respite,Y,1.00\n"
        "A2,P1,chc,perhaps,\nA3,P1,chc,Y,10.005\n,P1,chc,,\n";
    t["assignments"] = "plan_id,case_manager_id,capacity,from\nA9,cm1,lots,2025-01-01\n";
    (void)run(t, d);
    CHECK(errors(d) ==
          "care.import.value /plans/rows/2\ncare.import.value /plans/rows/3\n"
          "care.import.value /plans/rows/4\ncare.import.value /plans/rows/5\n"
          "care.import.unknown /assignments/rows/2\ncare.import.value /assignments/rows/2\n"
          // A rejected plan's needs are rejected in turn.
          "care.import.unknown /needs/rows/2\n");
  }
  SUBCASE("a case manager's details differing from an earlier row's") {
    diagnostics d;
    io::care_import_texts t = small();
    t["assignments"] =
        "plan_id,case_manager_id,case_manager,team,from,to\nA1,cm1,Ann,North,2025-01-10,"
        "2025-02-01\nA1,cm1,,,2025-02-02,\nA1,cm1,Anne,North,2025-02-02,\n";
    const io::care_import r = run(t, d);
    CHECK(errors(d) == "care.import.case_manager /assignments/rows/4\n");
    CHECK(r.records.plans[0].assignments.size() == 2);
  }
  SUBCASE("a duplicate service or need in a plan") {
    diagnostics d;
    io::care_import_texts t = small();
    t["needs"] = "plan_id,need_id\nA1,n1\nA1,n1\n";
    t.emplace("services",
              "plan_id,service_id,kind,provider_type,start,unit_price,funded_by\n"
              "A1,s1,health,nhs,2025-03-01,10.00,nhs\nA1,s1,health,nhs,2025-03-01,10.00,nhs\n");
    (void)run(t, d);
    CHECK(errors(d) ==
          "care.import.duplicate /services/rows/3\ncare.import.duplicate /needs/rows/3\n");
  }
}

TEST_CASE("a file's header: missing, named and duplicate columns, an empty file, a missing file") {
  SUBCASE("a required column missing: nothing of the file is read") {
    diagnostics d;
    io::care_import_texts t = small();
    t["assignments"] = "plan_id,case_manager_id\nA1,cm1\n";
    const io::care_import r = run(t, d);
    CHECK(errors(d) == "care.import.column /assignments/header\n");
    CHECK(r.counts[2].rows_read == 1);
    CHECK(r.counts[2].rows_rejected == 1);
  }
  SUBCASE("a named column missing, and a column twice") {
    diagnostics d;
    io::care_import_texts t = small();
    t["needs"] = "plan_id,need_id,Need ID\nA1,n1,n1\n";
    io::care_import_options o;
    o.columns["people.council"] = "Local Authority";
    (void)io::import_care(t, o, d);
    // Nothing of the people file is read, so the plan's person and then the plan are unknown.
    CHECK(errors(d) ==
          "care.import.column /people/header\ncare.import.unknown /plans/rows/2\n"
          "care.import.unknown /assignments/rows/2\ncare.import.column /needs/header\n");
  }
  SUBCASE("an empty file and a missing one") {
    diagnostics d;
    io::care_import_texts t = small();
    t["plans"] = "";
    (void)run(t, d);
    CHECK(errors(d) ==
          "care.import.empty /plans/header\ncare.import.unknown /assignments/rows/2\n"
          "care.import.unknown /needs/rows/2\n");
    diagnostics d2;
    t.erase("assignments");
    (void)run(t, d2);
    CHECK(errors(d2) == "care.import.file /assignments\n");
  }
}

TEST_CASE("the status column is checked against the plan's dates") {
  diagnostics d;
  io::care_import_texts t = small();
  t["plans"] = "plan_id,person_id,kind,drafted,status\nA1,P1,chc,2025-01-01,Active\n";
  (void)run(t, d);
  REQUIRE(d.total() == 1);
  CHECK(d.begin()->code == "care.import.status");
  CHECK(d.begin()->severity == joinedup::severity::warning);
  CHECK(d.begin()->message.find("(draft)") != std::string::npos);
}

TEST_CASE("rules: columns, date format and schemes; unknown options and fields rejected") {
  diagnostics d;
  io::care_import_rules rules;
  rules.date_format = "%Y-%m-%d";  // the command line's wins
  io::read_care_import_rules(
      "# comment\r\ncolumn people.nhs_number=NHS No\n--date-format %d/%m/%Y\nscheme L01\n"
      "column people.nhs=NHS\ncolumn nowhere.x=Y\ncolumn plain\nline-map x.csv\n",
      rules, d);
  CHECK(errors(d) == "care.import.rules /rules/8\n");
  CHECK(rules.date_format == "%Y-%m-%d");
  const io::care_import_options o = io::care_import_options_from(rules, d);
  CHECK(o.columns.at("people.nhs_number") == "NHS No");
  REQUIRE(o.schemes.size() == 1);
  CHECK(o.schemes[0].str() == "L01");
  CHECK(errors(d) ==
        "care.import.rules /rules/8\ncare.import.rules /columns/1\ncare.import.rules "
        "/columns/2\ncare.import.rules /columns/3\n");
}

TEST_CASE("hostile exports never crash and never half-load") {
  for (const std::string& bad :
       {std::string("\"unclosed,quote\nP1,9434765919\n"), std::string(","), std::string("\n\n\r\n"),
        std::string("person_id,nhs_number\n\"P1\"x,\"9434765919\n"),
        std::string("person_id,nhs_number\n") + std::string(100000, 'x') + ",1\n",
        std::string("person_id,nhs_number\nP1\n"), std::string("\0\0\0", 3)}) {
    diagnostics d;
    io::care_import_texts t = small();
    t["people"] = bad;
    const io::care_import r = run(t, d);
    CHECK(d.has_errors());
    CHECK(r.records.people.size() <= 1);
  }
}
