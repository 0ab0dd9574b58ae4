// Tests for joinedup/care/model.hpp: enumeration names, the person index, absences and service
// dates.
#include "joinedup/care/model.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::care;
using std::chrono::sys_days;
using namespace std::chrono_literals;

TEST_CASE("care enumerations read and write their interchange names") {
  CHECK(to_string(provider_type::private_sector) == "private");
  CHECK(parse_name<provider_type>("private") == provider_type::private_sector);
  CHECK(parse_name<funder>("joint") == funder::joint);
  CHECK(parse_name<plan_status>("under_review") == plan_status::under_review);
  CHECK(parse_name<event_kind>("review_requested") == event_kind::review_requested);
  CHECK(parse_name<payment_frequency>("four_weekly") == payment_frequency::four_weekly);
  CHECK_FALSE(parse_name<funder>("Joint").has_value());  // names are exact, lower case
  CHECK_FALSE(parse_name<service_kind>("").has_value());
  for (int i = 0; i < 8; ++i) {
    const auto e = static_cast<event_kind>(i);
    CHECK(parse_name<event_kind>(to_string(e)) == e);
  }
}

TEST_CASE("person_index matches NHS numbers whatever their layout") {
  std::vector<person> people(3);
  people[0].nhs_number = "999 000 0018";
  people[1].nhs_number = "9997654323";
  people[2].nhs_number = "not a number";
  const person_index index(people);
  CHECK(index.find("9990000018") == 0u);
  CHECK(index.find("999-765-4323") == 1u);
  CHECK(index.find("not a number") == 2u);
  CHECK_FALSE(index.find("9995550180").has_value());
  CHECK(person_index::key("999 000 0018") == 9990000018ULL);
  CHECK_FALSE(person_index::key("99900000181").has_value());
}

TEST_CASE("absences and service dates include both ends") {
  case_manager cm;
  cm.absences.push_back({2025y / 11 / 24, 2025y / 12 / 5, "annual leave"});
  CHECK(is_absent(cm, sys_days(2025y / 11 / 24)));
  CHECK(is_absent(cm, sys_days(2025y / 12 / 5)));
  CHECK_FALSE(is_absent(cm, sys_days(2025y / 12 / 6)));
  service s;
  s.start = 2025y / 4 / 1;
  CHECK(runs_on(s, sys_days(2030y / 1 / 1)));  // open-ended
  s.end = 2025y / 4 / 30;
  CHECK(runs_on(s, sys_days(2025y / 4 / 30)));
  CHECK_FALSE(runs_on(s, sys_days(2025y / 5 / 1)));
  CHECK_FALSE(runs_on(s, sys_days(2025y / 3 / 31)));
}
