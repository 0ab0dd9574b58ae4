// Tests for joinedup/outcomes/indicator.hpp: the catalogue validator and the shipped catalogue.
#include "joinedup/outcomes/indicator.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "joinedup/io/outcomes.hpp"

namespace jo = joinedup::outcomes;

namespace {
jo::catalogue small() {
  jo::catalogue c;
  c.domains = {{"independence", "Living independently"}, {"safety", "Feeling safe"}};
  jo::indicator_definition a;
  a.id = "residential_admissions_65plus";
  a.domain = "independence";
  a.method = jo::indicator_method::crude_rate;
  a.multiplier = 100000;
  a.numerator = "permanent admissions 65+";
  a.denominator = "population 65+";
  a.legacy_codes = {{"ASCOF", "2C"}, {"BCF", "2023-25 residential admissions"}};
  c.indicators.push_back(a);
  c.crosswalk.push_back({{"ASCOF", "2A(2)"}, a.id, "C", "formerly 2A(2)"});
  return c;
}
}  // namespace

TEST_CASE("a clean catalogue gives only the empty-domain warning") {
  joinedup::diagnostics d;
  jo::validate_catalogue(small(), d);
  CHECK(d.size() == 1);
  CHECK(d.contains("outcomes.catalogue.empty_domain"));  // "safety" has no indicator
  CHECK(small().find_legacy("ASCOF", "2A(2)")->id == "residential_admissions_65plus");
  CHECK(small().find_legacy("ASCOF", "2C")->id == "residential_admissions_65plus");
  CHECK(small().find_legacy("PHOF", "C29") == nullptr);
}

TEST_CASE("duplicates, overlaps, unknown domains and codes mapped twice are found") {
  jo::catalogue c = small();
  jo::indicator_definition b = c.indicators[0];  // same id, same numerator and denominator
  b.legacy_codes = {{"ASCOF", "2C"}};
  c.indicators.push_back(b);
  jo::indicator_definition e;
  e.id = "other";
  e.domain = "nowhere";
  e.legacy_codes = {{"ASCOF", "2C"}, {"QOF", "X1"}};
  e.multiplier = 0;
  c.indicators.push_back(e);
  c.crosswalk.push_back({{"ASCOF", "2A(2)"}, "other", "R", ""});
  c.crosswalk.push_back({{"ASCOF", "9Z"}, "missing", "R", ""});
  joinedup::diagnostics d;
  jo::validate_catalogue(c, d);
  CHECK(d.contains("outcomes.catalogue.duplicate_id"));
  CHECK(d.contains("outcomes.catalogue.overlap"));
  CHECK(d.contains("outcomes.catalogue.unknown_domain"));
  CHECK(d.contains("outcomes.catalogue.legacy_framework"));
  CHECK(d.contains("outcomes.catalogue.multiplier"));
  CHECK(d.contains("outcomes.crosswalk.mapped_twice"));
  CHECK(d.contains("outcomes.crosswalk.unknown_indicator"));
  CHECK(d.find("outcomes.catalogue.overlap")->severity == joinedup::severity::warning);
}

TEST_CASE("the shipped catalogue reads and validates cleanly") {
  std::ifstream in(std::string(JOINEDUP_SOURCE_DIR) + "/data/indicators/catalogue.json");
  std::stringstream s;
  s << in.rdbuf();
  joinedup::diagnostics d;
  const auto cat = joinedup::io::read_outcomes_catalogue(s.str(), d);
  REQUIRE(cat);
  jo::validate_catalogue(*cat, d);
  CHECK(d.empty());
  // commissioning.md §1.6 and §5.1: ASCOF 2C (formerly 2A(2)) is the BCF residential admissions
  // metric; one indicator carries both codes, and PHOF C29 is the falls DSR.
  CHECK(cat->find_legacy("ASCOF", "2A(2)")->id == "residential_admissions_65plus");
  CHECK(cat->find_legacy("BCF", "2023-25 residential admissions")->id ==
        "residential_admissions_65plus");
  CHECK(cat->find_legacy("PHOF", "C29")->method == jo::indicator_method::dsr);
  CHECK(cat->find("reablement_91_days")->polarity == jo::polarity::higher_is_better);
  CHECK(cat->find("discharge_to_usual_residence")->confidence == "R");
}

TEST_CASE("names round-trip") {
  CHECK(jo::parse_polarity(jo::to_string(jo::polarity::no_judgement)) ==
        jo::polarity::no_judgement);
  CHECK(jo::parse_indicator_method("isr_rate") == jo::indicator_method::isr_rate);
  CHECK(!jo::parse_indicator_method("funnel"));
}
