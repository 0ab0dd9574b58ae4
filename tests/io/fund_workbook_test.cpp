// Tests for joinedup/io/fund_workbook.hpp: a pooled fund written as an Excel workbook and read
// back. The shipped funds must come back equal member for member (the workbook carries every
// member they have); money cells must read exactly.
#include "joinedup/io/fund_workbook.hpp"

#include <doctest/doctest.h>

#include <string>

#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"

using joinedup::diagnostics;
using joinedup::money;
namespace io = joinedup::io;
namespace budget = joinedup::budget;

namespace {

budget::pooled_fund load(const std::string& name) {
  const auto text = io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/" + name);
  REQUIRE(text);
  diagnostics diags;
  auto fund = io::read_pooled_fund(*text, diags);
  REQUIRE(fund);
  REQUIRE_FALSE(diags.has_errors());
  return *fund;
}

/// fund -> workbook bytes -> fund.
budget::pooled_fund round_trip(const budget::pooled_fund& fund, diagnostics& write_diags) {
  const auto catalogue = io::shipped_bcf_catalogue(fund.year);
  REQUIRE(catalogue);
  const auto bytes = io::write_fund_workbook(&fund, &*catalogue, write_diags);
  REQUIRE(bytes);
  CHECK(bytes->substr(0, 2) == "PK");
  diagnostics diags;
  const io::fund_workbook_import back = io::read_fund_workbook(*bytes, diags);
  std::string found;
  for (const auto& d : diags)
    found += d.code + " " + d.path + " " + d.message + "\n";
  CHECK_MESSAGE(diags.empty(), found);
  REQUIRE(back.fund);
  return *back.fund;
}

}  // namespace

TEST_CASE("a fund comes back from its workbook equal, member for member") {
  for (const char* name : {"northmoor-fund.json", "riverside-fund.json"}) {
    CAPTURE(name);
    const budget::pooled_fund fund = load(name);
    diagnostics write_diags;
    const budget::pooled_fund back = round_trip(fund, write_diags);
    CHECK(write_diags.empty());
    CHECK(back.partners == fund.partners);
    CHECK(back.contributions == fund.contributions);
    CHECK(back.lines == fund.lines);
    CHECK(back.risk_share == fund.risk_share);
    CHECK(back == fund);
    // And the document written from it is the same text.
    CHECK(io::write_pooled_fund(back) == io::write_pooled_fund(fund));
  }
}

TEST_CASE("what the workbook does not carry is named, not dropped silently") {
  budget::pooled_fund fund = load("riverside-plan-2024-26.json");
  REQUIRE_FALSE(fund.later_years.empty());
  diagnostics write_diags;
  const budget::pooled_fund back = round_trip(fund, write_diags);
  const auto* d = write_diags.find("budget.workbook.left_out");
  REQUIRE(d != nullptr);
  CHECK(d->severity == joinedup::severity::warning);
  CHECK(d->path == "/later_years");
  CHECK(back.later_years.empty());
  fund.later_years.clear();
  CHECK(back == fund);
}

TEST_CASE("the empty template reads back as a fund with nothing in it, and says what is missing") {
  diagnostics diags;
  const auto bytes = io::write_fund_workbook(nullptr, nullptr, diags);
  REQUIRE(bytes);
  CHECK(diags.empty());
  const io::fund_workbook_import back = io::read_fund_workbook(*bytes, diags);
  // Every required sheet is there, with no rows; the document reader then names the Fund
  // sheet's required values at their cells: name is row 2 of the Fund sheet, its value in B.
  CHECK(diags.has_errors());
  bool name_at_b2 = false;
  for (const auto& d : diags)
    name_at_b2 = name_at_b2 || d.path == "Fund!B2";
  CHECK(name_at_b2);
  REQUIRE(back.rows_read.size() == 11);
  CHECK(back.rows_read[0] == std::pair<std::string, std::size_t>{"Fund", 0});
}

TEST_CASE("money cells are read exactly from their text") {
  // 1234.5 is £1,234.50: 123450 pence.
  CHECK(io::parse_workbook_money("1234.5").value() == money::from_pence(123450));
  CHECK(io::parse_workbook_money("24312540").value() == money::from_pence(2431254000));
  // Digits a double does not hold (16 or 17 significant), rounded to 15 in decimal text:
  // 1234.5600000000001 -> 1234.56000000000; 9876543.210000001 -> 9876543.21000000;
  // 0.069999999999999993 -> 0.0700000000000000 (a penny up); negatives alike.
  CHECK(io::parse_workbook_money("1234.5600000000001").value() == money::from_pence(123456));
  CHECK(io::parse_workbook_money("9876543.210000001").value() == money::from_pence(987654321));
  CHECK(io::parse_workbook_money("0.069999999999999993").value() == money::from_pence(7));
  CHECK(io::parse_workbook_money("-1234.5599999999999").value() == money::from_pence(-123456));
  CHECK(io::parse_workbook_money("99.999999999999999").value() == money::from_pence(10000));
  // A real third decimal place is never rounded: 1.005 and 1.00000000001 have 4 and 12
  // significant digits, which a double holds; 1234.56500000000001 rounds to 1234.56500000000.
  CHECK(io::parse_workbook_money("1.005").error().code == "core.money.precision");
  CHECK(io::parse_workbook_money("1.00000000001").error().code == "core.money.precision");
  CHECK(io::parse_workbook_money("1234.56500000000001").error().code == "core.money.precision");
  CHECK(io::parse_workbook_money("12.34567").error().code == "core.money.precision");
  // E notation exactly: 1.2E+5 is £120,000.00.
  CHECK(io::parse_workbook_money("1.2E+5").value() == money::from_pence(12'000'000));
  // Text cells as finance systems write amounts.
  CHECK(io::parse_workbook_money("(1,234.56)").value() == money::from_pence(-123456));
  CHECK(io::parse_workbook_money("twelve").error().code == "core.money.syntax");
}

TEST_CASE("every amount of pence written to a workbook reads back the same") {
  // The writer's one double is the nearest to pence / 100, which libxlsxwriter writes with 16
  // significant digits; the reader must give back the same pence for every amount a fund can
  // hold. Checked for the first 200 pence, and 200 amounts from £9,876,543,210.00 and from
  // £999,999,999,999.00 (15 significant digits, the most a double holds).
  budget::pooled_fund fund = load("northmoor-fund.json");
  fund.stated_total.reset();
  fund.contributions.resize(1);
  fund.contributions[0].instalments.clear();
  fund.lines.resize(1);
  const std::int64_t starts[] = {0, 987'654'321'000, 99'999'999'999'900};
  for (std::int64_t start : starts) {
    CAPTURE(start);
    budget::pooled_fund f = fund;
    f.risk_share = {};
    for (std::int64_t p = start; p < start + 200; ++p)
      f.risk_share.caps.push_back({"icb", money::from_pence(p)});
    diagnostics diags;
    const auto bytes = io::write_fund_workbook(&f, nullptr, diags);
    REQUIRE(bytes);
    const io::fund_workbook_import back = io::read_fund_workbook(*bytes, diags);
    REQUIRE(back.fund);
    CHECK(back.fund->risk_share.caps == f.risk_share.caps);
  }
}

TEST_CASE("bytes that are not a workbook are refused with a diagnostic") {
  diagnostics diags;
  CHECK_FALSE(io::read_fund_workbook("name,amount\nx,1\n", diags).fund);
  REQUIRE(diags.find("budget.workbook.zip") != nullptr);
  // A workbook cut short: its central directory is gone.
  diagnostics write_diags;
  const auto bytes = io::write_fund_workbook(nullptr, nullptr, write_diags);
  REQUIRE(bytes);
  diagnostics cut;
  CHECK_FALSE(io::read_fund_workbook(bytes->substr(0, bytes->size() / 2), cut).fund);
  CHECK(cut.find("budget.workbook.zip") != nullptr);
}
