// Tests for joinedup/io/capitation.hpp: the population CSV reader (bad rows are diagnostics with
// line numbers, never silently loaded), payment scenario JSON round trips, and the JSON writers
// (the text and CSV tables are tested in tests/report/budget_test.cpp).
#include "joinedup/io/capitation.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "joinedup/io/file.hpp"

using namespace joinedup;
using namespace joinedup::budget;

namespace {
std::string example(const char* name) {
  return io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/" + name).value();
}
}  // namespace

TEST_CASE("the example population reads cleanly and gives the hand-checked budget") {
  diagnostics d;
  const population p = io::read_population_csv(example("northmoor-population.csv"), d);
  CHECK(d.empty());
  REQUIRE(p.rows.size() == 4);
  CHECK(p.rows[0].line == std::optional<std::size_t>{2});
  CHECK(p.mff("North") == ratio::of(21, 20));
  CHECK(validate(p).empty());
  // Same figures as tests/budget/capitation_test.cpp: 3,015 weighted heads.
  const capitated_budget b =
      capitate(p, rate::parse("100.123456").value(), rounding::half_even).value();
  CHECK(b.total == money::parse("301872.22").value());
  CHECK(io::capitated_budget_json(b).find("\"total\": \"301872.22\"") != std::string::npos);
}

TEST_CASE("population CSV: every bad row is a diagnostic with its line, and left out") {
  diagnostics d;
  const population p = io::read_population_csv(example("broken-population.csv"), d);
  // Line 6: sex 'unknown'; line 7: population 'ten'; line 5: South's MFF 1.1 after 1.
  const diagnostic* sex = nullptr;
  const diagnostic* num = nullptr;
  for (const diagnostic& x : d) {
    if (x.path == "/rows/5/sex") sex = &x;
    if (x.path == "/rows/6/population") num = &x;
  }
  REQUIRE(sex != nullptr);
  CHECK(sex->line == std::optional<std::size_t>{6});
  REQUIRE(num != nullptr);
  CHECK(num->code == "budget.capitation.csv_field");
  CHECK(d.find("budget.capitation.mff_inconsistent")->line == std::optional<std::size_t>{5});
  CHECK(p.rows.size() == 3);
  // Validation then finds the overlap (60+ over 0-64) and the negative population.
  const diagnostics v = validate(p);
  CHECK(v.find("budget.capitation.age_band_overlap")->line == std::optional<std::size_t>{3});
  CHECK(v.find("budget.capitation.negative_population")->line == std::optional<std::size_t>{4});
}

TEST_CASE("population CSV: headers, quoting, CRLF, streaming from a stream") {
  diagnostics d;
  (void)io::read_population_csv(std::string_view("area,population\nA,1\n"), d);
  CHECK(d.find("budget.capitation.csv_header")->severity == severity::fatal);
  d = diagnostics{};
  (void)io::read_population_csv(std::string_view(""), d);
  CHECK(d.contains("budget.capitation.csv_header"));
  d = diagnostics{};
  std::istringstream in(
      "\xEF\xBB\xBF"
      "Population,Age_Band,Area\r\n12,0-4,\"Dales, upper\"\r\n3,5+,\"open\r\n1,2\n");
  const population p = io::read_population_csv(in, d);
  REQUIRE(p.rows.size() == 1);
  CHECK(p.rows[0].area == "Dales, upper");
  CHECK(p.rows[0].people == 12);
  CHECK(d.find("budget.capitation.csv_row")->line == std::optional<std::size_t>{3});
  CHECK(d.size() == 2);  // the unclosed quote and the short row
}

TEST_CASE("population CSV round trip") {
  diagnostics d;
  const population p = io::read_population_csv(example("northmoor-population.csv"), d);
  const std::string text = io::write_population_csv(p);
  const population q = io::read_population_csv(text, d);
  CHECK(d.empty());
  REQUIRE(q.rows.size() == p.rows.size());
  for (std::size_t i = 0; i < p.rows.size(); ++i) {
    budget::population_row a = p.rows[i];
    a.line.reset();
    budget::population_row b = q.rows[i];
    b.line.reset();
    CHECK(a == b);
  }
  CHECK(q.market_forces == p.market_forces);
  CHECK(io::write_population_csv(q) == text);
}

TEST_CASE("payment scenario: the example reads, validates and round-trips") {
  diagnostics d;
  const auto s = io::read_payment_scenario(example("northmoor-scenario.json"), d);
  REQUIRE(s);
  CHECK(d.empty());
  CHECK(validate(*s).empty());
  CHECK(s->variable_rate == ratio::of(1, 2));
  CHECK(s->providers[0].market_forces_factor == ratio::of(21, 20));
  CHECK(s->low_volume_threshold == money::parse("20000").value());
  const std::string text = io::write_payment_scenario(*s);
  const auto again = io::read_payment_scenario(text, d);
  REQUIRE(again);
  CHECK(d.empty());
  CHECK(*again == *s);
  CHECK(io::write_payment_scenario(*again) == text);
  // Figures checked by hand in tests/budget/payment_models_test.cpp.
  const payment_comparison c = compare_payment_models(*s);
  CHECK(c.total(payment_model::activity_based)->payment == money::parse("1145772.50").value());
  CHECK(io::payment_comparison_json(*s, c).find("\"schema\": \"joinedup/payment-comparison/v1\"") !=
        std::string::npos);
}

TEST_CASE("payment scenario: bad documents give diagnostics, never a silent load") {
  diagnostics d;
  CHECK_FALSE(io::read_payment_scenario("not json", d));
  CHECK(d.contains("io.json.syntax"));
  d = diagnostics{};
  CHECK_FALSE(io::read_payment_scenario(R"({"schema":"joinedup/fund/v1"})", d));
  CHECK(d.contains("io.json.schema"));
  d = diagnostics{};
  const auto broken = io::read_payment_scenario(example("broken-scenario.json"), d);
  REQUIRE(broken);
  CHECK(d.find("io.json.unknown_field")->path == "/colour");
  const diagnostics v = validate(*broken);
  for (const char* code :
       {"budget.payment.duplicate_id", "budget.payment.mff", "budget.payment.negative_amount",
        "budget.payment.negative_price", "budget.payment.negative_activity",
        "budget.payment.unknown_provider", "budget.payment.unknown_currency",
        "budget.payment.precision", "budget.payment.percent"}) {
    CAPTURE(code);
    CHECK(v.contains(code));
  }
  d = diagnostics{};
  (void)io::read_payment_scenario(
      R"({"schema":"joinedup/payment-scenario/v1","variable_rate":0.5,"providers":[],"currencies":[],"activity":[{"provider":"A","currency":"B","planned":"x","actual":1}]})",
      d);
  CHECK(d.find("io.json.type")->path == "/variable_rate");
  CHECK(d.find("core.ratio.syntax")->path == "/activity/0/planned");
}

TEST_CASE("ratios are written as decimals or percentages when they can be") {
  CHECK(io::ratio_decimal(ratio::of(21, 20)) == "1.05");
  CHECK(io::ratio_decimal(ratio::of(1, 3)) == "1/3");
  CHECK(io::ratio_decimal(ratio::whole(-4)) == "-4");
  CHECK(io::ratio_percent(ratio::of(1, 8)) == "12.5%");
  CHECK(io::ratio_percent(ratio::of(1, 40)) == "2.5%");
  CHECK(io::ratio_percent(ratio{}) == "0%");
}

TEST_CASE("alliance JSON: the example reads, round-trips and settles as worked by hand") {
  // examples/data/northmoor-alliance.json is the agreement of tests/budget/alliance_test.cpp.
  const auto text =
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/northmoor-alliance.json");
  diagnostics d;
  const std::optional<alliance> a = io::read_alliance(text.value(), d);
  REQUIRE(a);
  CHECK(d.empty());
  REQUIRE(a->members.size() == 3);
  CHECK(a->members[0].gain_share == ratio::percent(60));
  CHECK_FALSE(a->members[0].loss_share);
  CHECK(a->members[2].cap == money::parse("20000").value());
  // Round trip: write, read back, equal members; writing again gives the same text.
  const std::string written = io::write_alliance(*a);
  diagnostics d2;
  const std::optional<alliance> back = io::read_alliance(written, d2);
  REQUIRE(back);
  CHECK(d2.empty());
  CHECK(back->name == a->name);
  CHECK(back->members == a->members);
  CHECK(io::write_alliance(*back) == written);
  // The settlement's JSON: the VCS member held at its cap (tests/budget/alliance_test.cpp);
  // its CSV and text are tested in tests/report/budget_test.cpp.
  const result<alliance_settlement> s = settle_alliance(*a);
  REQUIRE(s);
  CHECK(io::alliance_settlement_json(*a, *s).find("\"limited\": true") != std::string::npos);
}

TEST_CASE("alliance JSON: bad values are diagnostics with paths") {
  diagnostics d;
  const std::optional<alliance> a = io::read_alliance(
      R"({"schema": "joinedup/alliance/v1", "name": "x", "colour": "red",
          "members": [{"id": "A", "budget": 10.5, "actual": "1.00", "gain_share": "abc"}, 7]})",
      d);
  REQUIRE(a);
  CHECK(d.find("io.json.unknown_field") != nullptr);
  CHECK(d.find("io.json.type")->path == "/members/0/budget");
  CHECK(d.find("core.ratio.syntax")->path == "/members/0/gain_share");
  CHECK(d.has_errors());
  diagnostics d3;
  CHECK_FALSE(io::read_alliance(R"({"schema": "joinedup/fund/v1"})", d3));
  CHECK(d3.find("io.json.schema") != nullptr);
}

namespace {
/// Every shipped JSON file under examples/ and data/ whose schema tag is `schema`.
std::vector<std::string> shipped(std::string_view schema) {
  std::vector<std::string> out;
  const std::string tag = "\"schema\": \"" + std::string(schema) + "\"";
  for (const char* dir : {"/examples", "/data"}) {
    for (const auto& e :
         std::filesystem::recursive_directory_iterator(std::string(JOINEDUP_SOURCE_DIR) + dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".json") continue;
      const auto text = io::read_file(e.path().string());
      if (text && text->find(tag) != std::string::npos) out.push_back(e.path().string());
    }
  }
  return out;
}
}  // namespace

TEST_CASE("every shipped scenario and alliance reads without errors and round-trips") {
  const std::vector<std::string> scenarios = shipped(io::payment_scenario_schema);
  CHECK(scenarios.size() >= 3);
  for (const std::string& path : scenarios) {
    CAPTURE(path);
    diagnostics d;
    const auto s = io::read_payment_scenario(io::read_file(path).value(), d);
    REQUIRE(s);
    CHECK_FALSE(d.has_errors());
    const std::string text = io::write_payment_scenario(*s);
    diagnostics d2;
    const auto again = io::read_payment_scenario(text, d2);
    REQUIRE(again);
    CHECK(d2.empty());
    CHECK(*again == *s);
    CHECK(io::write_payment_scenario(*again) == text);
  }
  const std::vector<std::string> alliances = shipped(io::alliance_schema);
  CHECK(alliances.size() >= 1);
  for (const std::string& path : alliances) {
    CAPTURE(path);
    diagnostics d;
    const auto a = io::read_alliance(io::read_file(path).value(), d);
    REQUIRE(a);
    CHECK_FALSE(d.has_errors());
    const std::string text = io::write_alliance(*a);
    diagnostics d2;
    const auto again = io::read_alliance(text, d2);
    REQUIRE(again);
    CHECK(d2.empty());
    CHECK(*again == *a);
    CHECK(io::write_alliance(*again) == text);
  }
}

TEST_CASE("payment scenario: percentages keep their form, whole-number ratios still read") {
  diagnostics d;
  const auto s = io::read_payment_scenario(example("northmoor-scenario.json"), d);
  REQUIRE(s);
  const std::string text = io::write_payment_scenario(*s);
  CHECK(text.find("\"variable_rate\": \"50%\"") != std::string::npos);
  CHECK(text.find("\"withhold\": \"2%\"") != std::string::npos);
  CHECK(text.find("\"sensitivity\": \"10%\"") != std::string::npos);
  CHECK(text.find("\"market_forces_factor\": \"1.05\"") != std::string::npos);
  CHECK(text.rfind("{\n  \"schema\": \"joinedup/payment-scenario/v1\",\n  \"name\"", 0) == 0);
  // A ratio may be a JSON whole number; an entry that is not an object is reported and left out.
  d = diagnostics{};
  const auto w = io::read_payment_scenario(
      R"({"schema":"joinedup/payment-scenario/v1","variable_rate":1,"withhold":0,
          "providers":[{"id":"A","market_forces_factor":1,"outcomes_met":["I",3]},5],
          "currencies":[{"id":"C","unit_price":"1.00"}],"indicators":[],
          "activity":[{"provider":"A","currency":"C","planned":2,"actual":"3"},"x"]})",
      d);
  REQUIRE(w);
  CHECK(w->variable_rate == ratio::whole(1));
  REQUIRE(w->providers.size() == 1);
  CHECK(w->providers[0].market_forces_factor == ratio::whole(1));
  CHECK(w->providers[0].outcomes_met == std::vector<std::string>{"I"});
  REQUIRE(w->activity.size() == 1);
  CHECK(w->activity[0].planned == ratio::whole(2));
  CHECK(d.find("io.json.type")->path == "/providers/0/outcomes_met/1");
  CHECK(d.size() == 3);
  d = diagnostics{};
  (void)io::read_payment_scenario(
      R"({"schema":"joinedup/payment-scenario/v1","rounding":"nearest","variable_rate":"1",
          "providers":[],"currencies":[{"name":"no id"}]})",
      d);
  CHECK(d.find("io.json.enum")->path == "/rounding");
  CHECK(d.find("io.json.missing") != nullptr);
}
