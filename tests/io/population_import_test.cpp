// Tests for joinedup/io/population_import.hpp: population estimates in their long layout summed
// into a capitation's bands. The layouts are those of ONS's mid-year estimates by single year of
// age (an area code column, sex 1 = male and 2 = female, age 0 to 90 where 90 is 90 and over,
// a population column per year) and of a Nomis download (a date column, "Aged 90+", "All
// persons", OBS_VALUE). Expected values are sums worked by hand from the cells.
#include "joinedup/io/population_import.hpp"

#include <doctest/doctest.h>

#include <string>

using joinedup::diagnostics;
using joinedup::ratio;
namespace io = joinedup::io;
namespace budget = joinedup::budget;

namespace {

/// How many diagnostics carry `code`.
std::size_t count(const diagnostics& diags, std::string_view code) {
  std::size_t n = 0;
  for (const auto& d : diags)
    if (d.code == code) ++n;
  return n;
}

/// The bands of a list known to be good.
std::vector<budget::age_band> bands(std::string_view list) {
  return io::parse_age_bands(list).value();
}

/// Area A by single year 0 to 3 (3 the highest, so "3 and over"), both sexes, two years.
const std::string ons =
    "ladcode23,laname23,country,sex,age,population_2022,population_2023\n"
    "A,Area A,E,1,0,9,10\n"
    "A,Area A,E,1,1,9,11\n"
    "A,Area A,E,1,2,9,12\n"
    "A,Area A,E,1,3,9,13\n"
    "A,Area A,E,2,0,19,20\n"
    "A,Area A,E,2,1,19,21\n"
    "A,Area A,E,2,2,19,22\n"
    "A,Area A,E,2,3,19,\"1,023\"\n";

}  // namespace

TEST_CASE("bands are read in order, none overlapping") {
  const auto b = io::parse_age_bands("0-4,5-9,10-64,65+");
  REQUIRE(b.has_value());
  CHECK(b->size() == 4);
  CHECK(b->back().to_string() == "65+");
  for (const char* bad : {"", "5-9,0-4", "0-4,4-9", "90+,95+", "0-4,,5-9", "0-4,x"}) {
    INFO(bad);
    CHECK(io::parse_age_bands(bad).error().code == "budget.import.bands");
  }
}

TEST_CASE("ages as estimates write them") {
  const auto age = [](std::string_view t) {
    const auto a = io::parse_estimate_age(t);
    return a ? a->to_string() : a.error().code;
  };
  CHECK(age("7") == "7");
  CHECK(age("Age 7") == "7");
  CHECK(age("Aged 7") == "7");
  CHECK(age("7 years") == "7");
  CHECK(age("90+") == "90+");
  CHECK(age("Aged 90+") == "90+");
  CHECK(age("Aged 90 and over") == "90+");
  CHECK(age("90 and over") == "90+");
  CHECK(age("0-4") == "0-4");
  CHECK(age("Aged 0 to 4") == "0-4");
  CHECK(age("All ages") == "budget.import.age");
  CHECK(age("") == "budget.import.age");
  CHECK(age("-1") == "budget.import.age");
}

TEST_CASE("ONS estimates by single year of age, summed into bands") {
  io::population_import_options o;
  o.bands = bands("0-1,2+");
  o.year = 2023;
  diagnostics diags;
  io::population_import r = io::import_population(ons, o, diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(r.rows_read == 8);
  CHECK(r.rows_mapped == 8);
  // Persons, both sexes summed: 0-1 is 10 + 11 + 20 + 21 = 62; 2+ is 12 + 13 + 22 + 1,023 =
  // 1,070 (age 3, the file's highest, is 3 and over, inside 2+).
  REQUIRE(r.population.rows.size() == 2);
  CHECK(r.population.rows[0].area == "A");
  CHECK(r.population.rows[0].sex == budget::sex::persons);
  CHECK(r.population.rows[0].people == 62);
  CHECK(r.population.rows[1].band.to_string() == "2+");
  CHECK(r.population.rows[1].people == 1070);
  CHECK(r.csv ==
        "area,age_band,sex,population,need_weight,market_forces_factor\n"
        "A,0-1,persons,62,1,\n"
        "A,2+,persons,1070,1,\n");

  // By sex: female 0-1 = 41, 2+ = 1,045; male 0-1 = 21, 2+ = 25.
  o.by_sex = true;
  diags = diagnostics{};
  r = io::import_population(ons, o, diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(r.population.rows.size() == 4);
  CHECK(r.population.rows[0].sex == budget::sex::female);
  CHECK(r.population.rows[0].people == 41);
  CHECK(r.population.rows[1].people == 1045);
  CHECK(r.population.rows[2].sex == budget::sex::male);
  CHECK(r.population.rows[3].people == 25);

  // 2022 instead: 9 × 4 + 19 × 4 = 112 people, 56 in each band.
  o.by_sex = false;
  o.year = 2022;
  diags = diagnostics{};
  r = io::import_population(ons, o, diags);
  REQUIRE(r.population.rows.size() == 2);
  CHECK(r.population.rows[0].people == 56);
  CHECK(r.population.rows[1].people == 56);

  // Two year columns and no --year: the file says which years it has.
  o.year.reset();
  diags = diagnostics{};
  r = io::import_population(ons, o, diags);
  CHECK(count(diags, "budget.import.year") == 1);
  CHECK(r.population.rows.empty());
}

TEST_CASE("a Nomis download: year in a column, named columns, Aged 90+") {
  const std::string nomis =
      "DATE,GEOGRAPHY_CODE,GEOGRAPHY_NAME,GENDER_NAME,C_AGE_NAME,OBS_VALUE\n"
      "2023,E1,One,All persons,Aged 64,\"1,000\"\n"
      "2023,E1,One,All persons,Aged 65,900\n"
      "2023,E1,One,All persons,Aged 66-89,5000\n"
      "2023,E1,One,All persons,Aged 90+,250\n"
      "2023,E1,One,Male,Aged 90+,100\n"
      "2022,E1,One,All persons,Aged 90+,240\n";
  io::population_import_options o;
  o.bands = bands("65-89,90+");
  o.columns = {{"sex", "GENDER_NAME"}, {"age", "C_AGE_NAME"}};
  o.year = 2023;
  diagnostics diags;
  const io::population_import r = io::import_population(nomis, o, diags);
  CHECK_FALSE(diags.has_errors());
  // 65-89: 900 + 5,000 = 5,900; 90+: 250. Left out: the 2022 row, the Male row (persons rows
  // are given), and age 64 (in no band).
  REQUIRE(r.population.rows.size() == 2);
  CHECK(r.population.rows[0].people == 5900);
  CHECK(r.population.rows[1].people == 250);
  CHECK(r.rows_left_out == 3);
  CHECK(r.rows_mapped == 3);
}

TEST_CASE("every age counted once: across bands, twice, or missing is refused") {
  io::population_import_options o;
  o.bands = bands("0-2,3+");
  SUBCASE("a source band across two bands") {
    diagnostics diags;
    const auto r = io::import_population("area,age,population\nA,0-4,10\nA,5+,3\n", o, diags);
    CHECK(count(diags, "budget.import.band") == 1);
    CHECK(r.rows_rejected == 1);
  }
  SUBCASE("an age given twice") {
    diagnostics diags;
    const auto r = io::import_population(
        "area,age,population\nA,0,1\nA,1,1\nA,2,1\nA,3+,1\nA,2,5\n", o, diags);
    CHECK(count(diags, "budget.import.duplicate") == 1);
    CHECK(r.rows_rejected == 1);
  }
  SUBCASE("an age missing from a band") {
    diagnostics diags;
    (void)io::import_population("area,age,population\nA,0,1\nA,2,1\nA,3+,1\n", o, diags);
    REQUIRE(count(diags, "budget.import.gap") == 1);
  }
  SUBCASE("an open band without its open end") {
    diagnostics diags;
    (void)io::import_population("area,age,population\nA,0-2,1\nA,3+,1\nB,0-2,1\nB,3,1\nB,4,1\n", o,
                                diags);
    // B's highest age 4 is not read as 4 and over: the file has an open age (A's 3+).
    CHECK(count(diags, "budget.import.gap") == 1);
  }
}

TEST_CASE("population cells: thousands, decimals summed exactly, rounding once") {
  io::population_import_options o;
  o.bands = bands("0+");
  diagnostics diags;
  // 10.4 + 10.4 + 0.25 = 21.05 people: rounded half up once to 21.
  io::population_import r =
      io::import_population("area,age,population\nA,0,10.4\nA,1,10.4\nA,2+,0.25\n", o, diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(r.population.rows.size() == 1);
  CHECK(r.population.rows[0].people == 21);
  for (const char* bad : {"1,00", "12a", "-5", "1.1234567", ",100", "1e3", ""}) {
    INFO(bad);
    diags = diagnostics{};
    r = io::import_population(std::string("area,age,population\nA,0+,\"") + bad + "\"\n", o, diags);
    CHECK(count(diags, "budget.import.population") == 1);
  }
}

TEST_CASE("need weights by band and market forces factors by area") {
  io::population_import_options o;
  o.bands = bands("0-1,2+");
  o.year = 2023;
  diagnostics diags;
  io::read_factor_map("age_band,need_weight\n0-1,0.8\n2+,2.5\n", "--weights", o.need_weights,
                      diags);
  io::read_factor_map("area,market_forces_factor\nA,1.05\n", "--mff", o.market_forces, diags);
  CHECK(diags.empty());
  io::population_import r = io::import_population(ons, o, diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(r.csv ==
        "area,age_band,sex,population,need_weight,market_forces_factor\n"
        "A,0-1,persons,62,0.8,1.05\n"
        "A,2+,persons,1070,2.5,1.05\n");
  // A weight for a band not given, and a band without a weight.
  o.need_weights.erase("2+");
  o.need_weights.emplace("5-9", ratio::whole(1));
  diags = diagnostics{};
  r = io::import_population(ons, o, diags);
  CHECK(count(diags, "budget.import.weights") == 2);
  // A factor map's bad rows.
  std::map<std::string, ratio, std::less<>> m;
  diags = diagnostics{};
  io::read_factor_map("k,f\nA,1\nA,2\nB,x\nC,0\nD\n", "--mff", m, diags);
  CHECK(count(diags, "budget.import.map") == 4);
}

TEST_CASE("a header the importer cannot place reads nothing") {
  io::population_import_options o;
  o.bands = bands("0+");
  diagnostics diags;
  auto r = io::import_population("place,years,n\nA,1,2\n", o, diags);
  CHECK(count(diags, "budget.import.column") == 1);
  CHECK(r.rows_read == 0);
  diags = diagnostics{};
  (void)io::import_population("area,code,age,population\n", o, diags);
  CHECK(count(diags, "budget.import.column") == 1);
  diags = diagnostics{};
  o.columns = {{"population", "Count of people"}};
  (void)io::import_population("area,age,population\nA,0+,1\n", o, diags);
  CHECK(count(diags, "budget.import.column") == 1);
  diags = diagnostics{};
  o.columns = {{"areas", "Area"}};  // not a field: refused, not ignored
  (void)io::import_population("area,age,population\nA,0+,1\n", o, diags);
  CHECK(count(diags, "budget.import.column") == 1);
  diags = diagnostics{};
  (void)io::import_population("", o, diags);
  CHECK(count(diags, "budget.import.empty") == 1);
}
