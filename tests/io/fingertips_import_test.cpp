// Tests for joinedup/io/fingertips_import.hpp: a Fingertips data download read into measurements.
// Period forms are those of Fingertips' own formatter (fingertips-open,
// PholioVisualisationWS/FormattingTest/TimePeriodFormatterTest.cs); the header row is the one its
// CSV writer gives (CsvBuilderIndicatorDataHeaderWriter.cs) with today's "Time period range".
// Expected values are worked by hand from the cells.
#include "joinedup/io/fingertips_import.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "joinedup/core/period.hpp"
#include "joinedup/io/outcomes.hpp"
#include "joinedup/outcomes/scorecard.hpp"

using joinedup::diagnostics;
namespace io = joinedup::io;
namespace outcomes = joinedup::outcomes;

namespace {

/// How many diagnostics carry `code`.
std::size_t count(const diagnostics& diags, std::string_view code) {
  std::size_t n = 0;
  for (const auto& d : diags)
    if (d.code == code) ++n;
  return n;
}

/// The period's label and last day as "label|YYYY-MM-DD", or the error code.
std::string period(std::string_view text) {
  const auto p = io::parse_fingertips_period(text);
  if (!p) return p.error().code;
  return p->label + "|" + joinedup::to_iso_string(p->end);
}

const std::string header =
    "\xEF\xBB\xBFIndicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area "
    "Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 "
    "limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent "
    "Trend,Compared to England value or percentiles,Compared to Region value or "
    "percentiles,Time period Sortable,New data,Compared to goal,Time period range\r\n";

/// A download row: id, area, sex, age, category type, period, value, l95, u95, count, den.
std::string row(std::string_view id, std::string_view area, std::string_view sex,
                std::string_view age, std::string_view category, std::string_view when,
                std::string_view value, std::string_view l95, std::string_view u95,
                std::string_view count, std::string_view den, std::string_view note = "") {
  return std::string(id) + ",Name," + ",," + std::string(area) + ",Area,UA," + std::string(sex) +
         "," + std::string(age) + "," + std::string(category) + ",," + std::string(when) + "," +
         std::string(value) + "," + std::string(l95) + "," + std::string(u95) + ",,," +
         std::string(count) + "," + std::string(den) + "," + std::string(note) +
         ",,,,20220000,,,1y\r\n";
}

/// The catalogue of two indicators: falls (DSR, 65+) with Fingertips id 22401 and social
/// contact (proportion, 18+) with 90280.
outcomes::catalogue two_indicators() {
  outcomes::catalogue c;
  c.name = "test";
  c.domains = {{"d", "Domain"}};
  outcomes::indicator_definition falls;
  falls.id = "falls_admissions_65plus";
  falls.title = "Falls";
  falls.domain = "d";
  falls.method = outcomes::indicator_method::dsr;
  falls.multiplier = 100000;
  falls.polarity = outcomes::polarity::lower_is_better;
  falls.age_band = "65+";
  falls.fingertips_id = 22401;
  outcomes::indicator_definition social = falls;
  social.id = "social_contact_users";
  social.method = outcomes::indicator_method::proportion;
  social.multiplier = 100;
  social.polarity = outcomes::polarity::higher_is_better;
  social.age_band = "18+";
  social.fingertips_id = 90280;
  c.indicators = {falls, social};
  return c;
}

}  // namespace

TEST_CASE("Fingertips time periods as measurement periods") {
  CHECK(period("2023") == "2023|2023-12-31");
  CHECK(period("2022/23") == "2022-23|2023-03-31");
  CHECK(period("2099/00") == "2099-00|2100-03-31");
  CHECK(period("2023 Q1") == "2023 Q1|2023-03-31");
  CHECK(period("2006 Q4") == "2006 Q4|2006-12-31");
  // A financial quarter: Q1 is April to June, Q4 January to March of the next year.
  CHECK(period("2022/23 Q1") == "2022-23 Q1|2022-06-30");
  CHECK(period("2022/23 Q3") == "2022-23 Q3|2022-12-31");
  CHECK(period("2006/07 Q4") == "2006-07 Q4|2007-03-31");
  // Rolling calendar and financial years end with their last year.
  CHECK(period("2021 - 23") == "2021-2023|2023-12-31");
  CHECK(period("2006 - 07") == "2006-2007|2007-12-31");
  CHECK(period("1998 - 00") == "1998-2000|2000-12-31");
  CHECK(period("2019/20 - 21/22") == "2019-20 to 2021-22|2022-03-31");
  CHECK(period("2006/07 - 07/08") == "2006-07 to 2007-08|2008-03-31");
  // Months, and ranges of quarters and months, as Fingertips' formatter writes them.
  CHECK(period("Jan 2009") == "2009-01|2009-01-31");
  CHECK(period("2024 February") == "2024-02|2024-02-29");
  CHECK(period("Jan 2009 - Dec 2009") == "2009-01 to 2009-12|2009-12-31");
  CHECK(period("Aug 2006 - Jul 2007") == "2006-08 to 2007-07|2007-07-31");
  CHECK(period("2006/07 Q1 - 2007/08 Q4") == "2006-07 Q1 to 2007-08 Q4|2008-03-31");
  CHECK(period("2006 Q2 - 2007 Q1") == "2006 Q2 to 2007 Q1|2007-03-31");
  CHECK(period("2006/07 Q1-Q2") == "2006-07 Q1-Q2|2006-09-30");
  CHECK(period("2006/07 Q1-Q4") == "2006-07 Q1-Q4|2007-03-31");
  // Not periods: a financial year whose years do not follow, a fifth quarter, a range that
  // runs backwards, a month that is not one, an empty cell, a year out of range.
  for (const char* bad : {"2022/24", "2023 Q5", "2023 Q0", "2007/08 Q4 - 2006/07 Q1", "Foo 2023",
                          "", "20223", "2023-", "-2023", "0001", "9999", "2006/07 Q2-Q1",
                          "2023 - 24 - 25", "2023/24/25", "Q1 2023 Q2"}) {
    INFO(bad);
    CHECK(period(bad) == "outcomes.import.period");
  }
}

TEST_CASE("a Fingertips download becomes measurements, Fingertips' figures kept") {
  const outcomes::catalogue cat = two_indicators();
  const std::string csv = header +
                          row("22401", "E06000099", "Persons", "65+ yrs", "", "2022/23", "2172.9",
                              "2051.4", "2299.7", "1198", "57048") +
                          row("22401", "E06000099", "Male", "65+ yrs", "", "2022/23", "1861.9",
                              "1691.0", "2044.6", "463", "24970") +
                          row("22401", "E92000001", "Persons", "65+ yrs", "Deprivation deciles",
                              "2022/23", "2260.5", "2231.8", "2289.5", "23740", "1010385") +
                          row("90280", "E06000099", "Persons", "18+ yrs", "", "2022/23", "40.9",
                              "35.8", "46.1", "143", "350", "Value note here") +
                          row("90280", "E06000099", "Persons", "65+ yrs", "", "2022/23", "38.0",
                              "31.0", "45.5", "60", "158");
  io::fingertips_import_options o;
  o.catalogue = &cat;
  diagnostics diags;
  const io::fingertips_import r = io::import_fingertips(csv, o, diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(r.rows_read == 5);
  // Kept: falls Persons 65+; social contact Persons at the catalogue's 18+. Left out: the Male
  // row, the category row, and social contact at 65+.
  CHECK(r.rows_mapped == 2);
  CHECK(r.rows_left_out == 3);
  CHECK(r.rows_rejected == 0);
  REQUIRE(r.rows.size() == 2);
  const outcomes::measurement& falls = r.rows[0];
  CHECK(falls.indicator == "falls_admissions_65plus");
  CHECK(falls.area == "E06000099");
  CHECK(falls.period == "2022-23");
  CHECK(joinedup::to_iso_string(falls.period_end) == "2023-03-31");
  CHECK(falls.value == 2172.9);
  CHECK(falls.lower_95 == 2051.4);
  CHECK(falls.upper_95 == 2299.7);
  // A DSR is not recomputed from a total count: Count and Denominator are not kept.
  CHECK_FALSE(falls.numerator.has_value());
  CHECK_FALSE(falls.denominator.has_value());
  const outcomes::measurement& social = r.rows[1];
  CHECK(social.indicator == "social_contact_users");
  CHECK(social.numerator == 143);
  CHECK(social.denominator == 350);
  CHECK(social.value == 40.9);
  CHECK(social.note == "Value note here");

  // The CSV reads back as the same measurements.
  diagnostics back_diags;
  const auto back = io::read_outcomes_measurements(r.csv, back_diags);
  CHECK(back_diags.empty());
  REQUIRE(back.size() == 2);
  CHECK(back[1].lower_95 == 35.8);
  CHECK(back[1].note == "Value note here");

  // The scorecard recomputes social contact from 143/350 (Wilson, 95 %: 40.857 %, 35.834 to
  // 46.079, worked by hand from the Wilson score formula) and shows Fingertips' 40.9 (35.8 to
  // 46.1) beside it; falls has only Fingertips' figures.
  outcomes::framework fw;
  fw.catalogue = cat;
  fw.benchmarks = {{"falls_admissions_65plus", "", "England", 2000}};
  diagnostics sc_diags;
  const auto rows = outcomes::build_scorecard(
      fw, back, std::chrono::year_month_day{std::chrono::year{2024} / 3 / 31}, sc_diags);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].indicator == "falls_admissions_65plus");
  CHECK_FALSE(rows[0].statistic.has_value());
  CHECK(rows[0].shown_value() == 2172.9);
  REQUIRE(rows[0].published.has_value());
  CHECK(rows[0].published->upper_95 == 2299.7);
  // 2051.4 to 2299.7 contains the benchmark 2000? No: 2051.4 > 2000, lower is better: worse.
  CHECK(rows[0].compared == outcomes::comparison::worse);
  REQUIRE(rows[1].statistic.has_value());
  CHECK(*rows[1].statistic->value == doctest::Approx(40.857142857).epsilon(1e-9));
  REQUIRE(rows[1].statistic->at(0.95) != nullptr);
  CHECK(*rows[1].statistic->at(0.95)->lower == doctest::Approx(35.833566).epsilon(1e-6));
  CHECK(*rows[1].statistic->at(0.95)->upper == doctest::Approx(46.079237).epsilon(1e-6));
  REQUIRE(rows[1].published.has_value());
  CHECK(rows[1].published->value == 40.9);
  CHECK(rows[1].published->note == "Value note here");
}

TEST_CASE("fingertipsR's and R's column names match, in any case") {
  const std::string csv =
      "IndicatorID,AreaCode,Sex,Age,CategoryType,Timeperiod,Value,LowerCI95.0limit,"
      "UpperCI95.0limit,Count,Denominator\n"
      "90280,E06000099,Persons,18+ yrs,NA,2021/22,41.2,36.1,46.5,150,364\n"
      "90280,E06000099,Persons,18+ yrs,,2022/23,NA,NA,NA,NA,NA\n";
  const std::string dotted =
      "indicator.id,AREA.CODE,time.period,Lower.CI.95.0.limit\n"
      "90280,E06000099,2021/22,36.1\n";
  const outcomes::catalogue cat = two_indicators();
  io::fingertips_import_options o;
  o.catalogue = &cat;
  diagnostics diags;
  io::fingertips_import r = io::import_fingertips(csv, o, diags);
  // fingertipsR writes NA for an empty Category Type: not a breakdown. A row of NAs is kept:
  // the period exists, its value was not published.
  CHECK_FALSE(diags.has_errors());
  CHECK(r.rows_left_out == 0);
  CHECK(r.rows_mapped == 2);
  diags = diagnostics{};
  r = io::import_fingertips(dotted, o, diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].lower_95 == 36.1);
}

TEST_CASE("an indicator not in the catalogue is imported under its Fingertips id") {
  const std::string csv = header + row("93014", "E06000099", "Persons", "All ages", "", "2023",
                                       "12.5", "10.1", "15.2", "50", "400");
  diagnostics diags;
  const io::fingertips_import r = io::import_fingertips(csv, {}, diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].indicator == "93014");
  // Nothing known of its method: the counts are kept.
  CHECK(r.rows[0].numerator == 50);
  CHECK(count(diags, "outcomes.import.unknown_indicator") == 1);
}

TEST_CASE("rows that cannot be read are rejected by line, and nothing is guessed") {
  const outcomes::catalogue cat = two_indicators();
  io::fingertips_import_options o;
  o.catalogue = &cat;
  SUBCASE("several ages, none the catalogue's, is ambiguous until --age chooses") {
    const std::string csv =
        header + row("22401", "E1", "Persons", "65-79 yrs", "", "2023", "1", "", "", "", "") +
        row("22401", "E1", "Persons", "80+ yrs", "", "2023", "2", "", "", "", "");
    diagnostics diags;
    io::fingertips_import r = io::import_fingertips(csv, o, diags);
    CHECK(r.rows_rejected == 2);
    CHECK(count(diags, "outcomes.import.ambiguous") == 2);
    o.age = "80+";  // as the catalogue writes it: matches Fingertips' "80+ yrs"
    diags = diagnostics{};
    r = io::import_fingertips(csv, o, diags);
    CHECK_FALSE(diags.has_errors());
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].value == 2);
  }
  SUBCASE("several sexes and no Persons is ambiguous until --sex chooses") {
    const std::string csv =
        header + row("22401", "E1", "Male", "65+ yrs", "", "2023", "1", "", "", "", "") +
        row("22401", "E1", "Female", "65+ yrs", "", "2023", "2", "", "", "", "");
    diagnostics diags;
    io::fingertips_import r = io::import_fingertips(csv, o, diags);
    CHECK(r.rows_rejected == 2);
    o.sex = "female";  // any case
    diags = diagnostics{};
    r = io::import_fingertips(csv, o, diags);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].value == 2);
  }
  SUBCASE("bad cells") {
    const std::string csv =
        header + row("x22401", "E1", "Persons", "65+ yrs", "", "2023", "1", "", "", "", "") +
        row("22401", "", "Persons", "65+ yrs", "", "2023", "1", "", "", "", "") +
        row("22401", "E1", "Persons", "65+ yrs", "", "2023 Q9", "1", "", "", "", "") +
        row("22401", "E1", "Persons", "65+ yrs", "", "2023", "inf", "", "", "", "") +
        row("22401", "E1", "Persons", "65+ yrs", "", "2023", "1", "", "", "-4", "") +
        row("22401", "E1", "Persons", "65+ yrs", "", "2023", "1", "5", "4", "", "") +
        "22401,too,few\r\n";
    diagnostics diags;
    const io::fingertips_import r = io::import_fingertips(csv, o, diags);
    CHECK(r.rows_read == 7);
    CHECK(r.rows_rejected == 7);
    CHECK(r.rows_mapped == 0);
    CHECK(count(diags, "outcomes.import.indicator") == 1);
    CHECK(count(diags, "outcomes.import.required") == 1);
    CHECK(count(diags, "outcomes.import.period") == 1);
    CHECK(count(diags, "outcomes.import.number") == 3);
    CHECK(count(diags, "outcomes.import.cells") == 1);
  }
  SUBCASE("a repeated row is kept once; a conflicting one is rejected") {
    const std::string a = row("22401", "E1", "Persons", "65+ yrs", "", "2023", "1", "", "", "", "");
    const std::string b = row("22401", "E1", "Persons", "65+ yrs", "", "2023", "2", "", "", "", "");
    diagnostics diags;
    io::fingertips_import r = io::import_fingertips(header + a + a, o, diags);
    CHECK_FALSE(diags.has_errors());
    CHECK(r.rows_mapped == 1);
    CHECK(r.rows_left_out == 1);
    diags = diagnostics{};
    r = io::import_fingertips(header + a + b, o, diags);
    CHECK(count(diags, "outcomes.import.duplicate") == 1);
    CHECK(r.rows_rejected == 1);
  }
  SUBCASE("a header without the required columns reads nothing") {
    diagnostics diags;
    const io::fingertips_import r =
        io::import_fingertips("Indicator,Area,Value\n1,E1,2\n", o, diags);
    CHECK(count(diags, "outcomes.import.column") == 3);
    CHECK(r.rows_read == 0);
    diags = diagnostics{};
    (void)io::import_fingertips("Indicator ID,Area Code,Time period,Area code\n", o, diags);
    CHECK(count(diags, "outcomes.import.column") == 1);
  }
  SUBCASE("empty") {
    diagnostics diags;
    (void)io::import_fingertips("", o, diags);
    CHECK(count(diags, "outcomes.import.empty") == 1);
    diags = diagnostics{};
    (void)io::import_fingertips(header, o, diags);
    CHECK(count(diags, "outcomes.import.empty") == 1);
  }
}

TEST_CASE("--area keeps the areas named, and says how many rows it left out") {
  const std::string csv =
      header + row("22401", "E06000099", "Persons", "65+ yrs", "", "2023", "1", "", "", "", "") +
      row("22401", "E92000001", "Persons", "65+ yrs", "", "2023", "2", "", "", "", "");
  io::fingertips_import_options o;
  o.areas = {"E92000001"};
  diagnostics diags;
  const io::fingertips_import r = io::import_fingertips(csv, o, diags);
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].area == "E92000001");
  CHECK(r.rows_left_out == 1);
  CHECK(count(diags, "outcomes.import.left_out") == 1);
}
