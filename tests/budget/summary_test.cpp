// Tests for joinedup/budget/summary.hpp: a fund's sums by funding source and partner, and a
// forecast's line totals, with figures checked by hand.
#include "joinedup/budget/summary.hpp"

#include <doctest/doctest.h>

#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"

using namespace joinedup;
using namespace joinedup::budget;

namespace {
money pounds(const char* text) {
  return money::parse(text).value();
}
}  // namespace

TEST_CASE("summarise: the Northmoor example by funding source and partner") {
  // examples/data/northmoor-fund.json: the ICB gives 24,312,540.00 (NHS minimum),
  // 1,250,000.00 and 300,000.00 (additional NHS); the council 9,876,543.21 (LA Better Care
  // Grant), 3,104,227.00 (DFG), 850,000.00 and 200,000.00 (additional LA). The two additional
  // contributions of 300,000.00 and 200,000.00 fund the £500,000 risk pool, so no line plans
  // them: every other source's lines plan exactly its income. Income 24,312,540.00 +
  // 1,550,000.00 + 9,876,543.21 + 3,104,227.00 + 1,050,000.00 = 39,893,310.21; planned
  // 39,893,310.21 − 500,000.00 = 39,393,310.21.
  const auto text =
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/northmoor-fund.json");
  diagnostics d;
  const auto fund = io::read_pooled_fund(text.value(), d);
  REQUIRE(fund);
  const bcf_catalogue cat = io::shipped_bcf_catalogue(fund->year).value();
  const fund_summary s = summarise(*fund, cat);
  REQUIRE(s.sources.size() == 5);
  // In label order: "Additional LA …", "Additional NHS …", "DFG", "Local Authority …", "NHS …".
  CHECK(s.sources[0] == source_totals{"additional_la", "Additional LA Contribution",
                                      pounds("1050000.00"), pounds("850000.00")});
  CHECK(s.sources[1].source == "additional_nhs");
  CHECK(s.sources[2] == source_totals{"dfg", "DFG", pounds("3104227.00"), pounds("3104227.00")});
  CHECK(s.sources[3].label == "Local Authority Better Care Grant");
  CHECK(s.sources[3].income == pounds("9876543.21"));
  CHECK(s.sources[4] == source_totals{"nhs_minimum", "NHS Minimum Contribution",
                                      pounds("24312540.00"), pounds("24312540.00")});
  CHECK(s.income == pounds("39893310.21"));
  CHECK(s.planned == pounds("39393310.21"));
  // ICB 24,312,540.00 + 1,250,000.00 + 300,000.00; council 9,876,543.21 + 3,104,227.00 +
  // 850,000.00 + 200,000.00.
  REQUIRE(s.partners.size() == 2);
  CHECK(s.partners[0] == partner_contribution{"icb", "NHS Northmoor and Dale Integrated Care Board",
                                              pounds("25862540.00")});
  CHECK(s.partners[1].partner == "council");
  CHECK(s.partners[1].amount == pounds("14030770.21"));
  CHECK(s.contributions == 7);
  CHECK(s.schemes == 4);
  CHECK(s.lines == 11);
}

TEST_CASE("summarise: a source the catalogue does not know is summed under its own text") {
  pooled_fund f;
  f.partners = {{"icb", "ICB", partner_kind::icb, "X", ""}};
  f.contributions = {{"icb", "NHS Minimum Contribution", pounds("100.00"), {}},
                     {"icb", "nhs_minimum", pounds("20.50"), {}},
                     {"icb", "lottery", pounds("5.00"), {}}};
  expenditure_line a;
  a.id = "L1";
  a.source = "nhs_minimum";
  a.planned = pounds("90.00");
  expenditure_line b = a;
  b.id = "L2";
  b.source = "raffle";
  b.planned = pounds("-1.25");
  f.lines = {a, b};
  const fund_summary s = summarise(f, io::shipped_bcf_catalogue(f.year).value());
  // By label: "NHS Minimum Contribution" (key and label both match it: 100.00 + 20.50 income,
  // 90.00 planned), then "lottery" (5.00, nothing planned) and "raffle" (nothing in, -1.25).
  REQUIRE(s.sources.size() == 3);
  CHECK(s.sources[0] == source_totals{"nhs_minimum", "NHS Minimum Contribution", pounds("120.50"),
                                      pounds("90.00")});
  CHECK(s.sources[1] == source_totals{"lottery", "lottery", pounds("5.00"), money{}});
  CHECK(s.sources[2] == source_totals{"raffle", "raffle", money{}, pounds("-1.25")});
  CHECK(s.income == pounds("125.50"));
  CHECK(s.planned == pounds("88.75"));
  CHECK(s.partners.front().amount == pounds("125.50"));
  CHECK(summarise(pooled_fund{}, bcf_catalogue{}) == fund_summary{});
}

TEST_CASE("total_of: a forecast's lines added up, variance outturn minus plan") {
  const std::vector<line_forecast> lines = {
      {"L1", pounds("365.00"), pounds("60.00"), pounds("10.00"), pounds("364.00")},
      {"L2", pounds("730.00"), pounds("100.00"), pounds("0.00"), pounds("708.00")}};
  // 365 + 730 = 1,095 planned; 60 + 100 = 160 spent; 10 committed; 364 + 708 = 1,072 outturn;
  // 1,072 - 1,095 = -23 (an underspend).
  const forecast_totals t = total_of(lines);
  CHECK(t == forecast_totals{pounds("1095.00"), pounds("160.00"), pounds("10.00"),
                             pounds("1072.00"), pounds("-23.00")});
  CHECK(total_of({}) == forecast_totals{});
}
