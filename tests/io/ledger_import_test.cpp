// Tests for joinedup/io/ledger_import.hpp: a finance system's ledger export read into the ledger
// CSV. Expected values are worked by hand from the cells.
#include "joinedup/io/ledger_import.hpp"

#include <doctest/doctest.h>

#include <string>

using joinedup::diagnostics;
using joinedup::money;
namespace io = joinedup::io;

namespace {
money pence(std::int64_t p) {
  return money::from_pence(p);
}
}  // namespace

TEST_CASE("amounts as finance systems write them, exactly") {
  CHECK(io::parse_export_amount("1234.56").value() == pence(123456));
  CHECK(io::parse_export_amount("\xC2\xA3"
                                "1,234.56")
            .value() == pence(123456));
  CHECK(io::parse_export_amount("(1,234.56)").value() == pence(-123456));
  CHECK(io::parse_export_amount("1,234.56-").value() == pence(-123456));
  CHECK(io::parse_export_amount("1234.56 CR").value() == pence(-123456));
  CHECK(io::parse_export_amount("1234.56cr").value() == pence(-123456));
  CHECK(io::parse_export_amount("1234.56 DR").value() == pence(123456));
  // E notation, as a spreadsheet saves a wide number: 1.2 × 10^5 = £120,000.00 exactly;
  // 1.23456E+03 = £1,234.56; 5E-2 = £0.05; -2.5e1 = −£25.00.
  CHECK(io::parse_export_amount("1.2E+05").value() == pence(12'000'000));
  CHECK(io::parse_export_amount("1.23456E+03").value() == pence(123456));
  CHECK(io::parse_export_amount("5E-2").value() == pence(5));
  CHECK(io::parse_export_amount("-2.5e1").value() == pence(-2500));
  // Never rounded: 1.23456E+02 is £123.456.
  CHECK(io::parse_export_amount("1.23456E+02").error().code == "core.money.precision");
  CHECK(io::parse_export_amount("1.2E+30").error().code == "core.money.range");
  CHECK(io::parse_export_amount("1.2E").error().code == "core.money.syntax");
  CHECK(io::parse_export_amount("-5.00 CR").error().code == "core.money.syntax");
  CHECK(io::parse_export_amount("twelve").error().code == "core.money.syntax");
  CHECK(io::parse_export_amount("").error().code == "core.money.syntax");
  // A hostile cell is quoted in the message up to 60 characters.
  io::ledger_import_options o;
  diagnostics d;
  (void)io::import_ledger("date,line,amount\n2025-04-01,L01," + std::string(5000, '9') + "\n", o,
                          d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "budget.import.amount");
  CHECK(d[0].message.size() < 300);
}

TEST_CASE("an export with its own column names, date format and cost centres") {
  const std::string csv =
      "\xEF\xBB\xBFPosting Date,Cost Centre,Net Amount,TYPE,Doc No,Extra\n"
      "28/05/2025,CC1,\"1,000.00\",INV,A-1,x\n"
      "29/05/2025,CC2,(50.00),JNL,A-2,y\n"
      "30/05/2025,CC9,10.00,INV,A-3,z\n"   // not in the map
      "31/02/2025,CC1,10.00,INV,A-4,z\n"   // no such day
      "01/06/2025,CC1,ten,INV,A-5,z\n"     // not an amount
      "02/06/2025,CC1,10.00,XYZ,A-6,z\n";  // a type the kind map lacks
  io::ledger_import_options o;
  o.columns = {{"date", "Posting Date"},
               {"line", "cost centre"},
               {"amount", "Net Amount"},
               {"kind", "Type"},
               {"reference", "Doc No"}};
  o.date_format = "%d/%m/%Y";
  o.line_map = {{"CC1", "L01"}, {"CC2", "L02"}};
  o.kind_map = {{"INV", "actual"}, {"JNL", "adjustment"}};
  diagnostics d;
  const io::ledger_import r = io::import_ledger(csv, o, d);
  CHECK(r.rows_read == 6);
  CHECK(r.rows_mapped == 2);
  CHECK(r.rows_rejected == 4);
  CHECK(r.csv ==
        "date,line,amount,kind,reference\n"
        "2025-05-28,L01,1000.00,actual,A-1\n"
        "2025-05-29,L02,-50.00,adjustment,A-2\n");
  REQUIRE(d.size() == 4);
  CHECK(d[0].code == "budget.import.line");
  CHECK(d[0].path == "/rows/4");
  CHECK(d[1].code == "budget.import.date");
  CHECK(d[1].path == "/rows/5");
  CHECK(d[2].code == "budget.import.amount");
  CHECK(d[3].code == "budget.import.kind");
  CHECK(d[3].path == "/rows/7");

  SUBCASE("a line that is not the fund's is rejected when the fund's lines are given") {
    o.fund_lines = {"L01"};
    diagnostics e;
    const io::ledger_import t = io::import_ledger(csv, o, e);
    CHECK(t.rows_mapped == 1);  // CC2 maps to L02, which this fund lacks
    CHECK(e[0].code == "budget.import.line");
    CHECK(e[0].path == "/rows/3");
  }
  SUBCASE("--unmapped puts the unknown code on a line instead of rejecting it") {
    o.unmapped_line = "L99";
    diagnostics e;
    const io::ledger_import t = io::import_ledger(csv, o, e);
    CHECK(t.rows_mapped == 3);
    CHECK(t.csv.find("2025-05-30,L99,10.00,actual,A-3\n") != std::string::npos);
  }
}

TEST_CASE("debit and credit columns, and the default column names") {
  // amount = debit − credit: 100.00 − 0 and 0 − 25.50.
  const std::string csv =
      "Date,Line,Debit,Credit,Reference\n"
      "2025-04-01,L01,100.00,,R1\n"
      "2025-04-02,L01,,25.50,R2\n";
  io::ledger_import_options o;
  o.columns = {{"debit", "Debit"}, {"credit", "Credit"}};
  diagnostics d;
  const io::ledger_import r = io::import_ledger(csv, o, d);
  CHECK(d.empty());
  CHECK(r.csv ==
        "date,line,amount,kind,reference\n"
        "2025-04-01,L01,100.00,actual,R1\n"
        "2025-04-02,L01,-25.50,actual,R2\n");
}

TEST_CASE("a column that is not there is named, and nothing is read") {
  io::ledger_import_options o;
  o.columns = {{"date", "Posting Date"}};
  diagnostics d;
  const io::ledger_import r = io::import_ledger("Date,Line,Amount\n2025-04-01,L01,1.00\n", o, d);
  CHECK(r.rows_read == 0);
  CHECK(r.csv.empty());
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "budget.import.column");
  CHECK(d[0].message.find("'Posting Date'") != std::string::npos);
  diagnostics e;
  CHECK(io::import_ledger("", o, e).rows_read == 0);
  CHECK(e[0].code == "budget.import.empty");
}

TEST_CASE("a code map: a header is optional, a code mapped two ways is refused") {
  std::map<std::string, std::string, std::less<>> m;
  diagnostics d;
  io::read_code_map("code,line\nCC1,L01\nCC2,L01\nCC1,L02\nlonely\n", "--line-map", m, d);
  CHECK(m.size() == 2);
  CHECK(m["CC2"] == "L01");
  REQUIRE(d.size() == 2);
  CHECK(d[0].path == "/rows/4");
  CHECK(d[1].path == "/rows/5");
}

TEST_CASE("a rules file: the command line wins, maps are relative to the file") {
  io::ledger_import_rules r;
  r.columns = {"date=Posted On"};  // from the command line
  r.date_format = "%d.%m.%Y";
  diagnostics d;
  io::read_import_rules(
      "# Northmoor's export\n"
      "column date=Posting Date\n"
      "--column amount=Net Amount\r\n"
      "date-format %d/%m/%Y\n"
      "line-map maps/cc.csv\n"
      "colour blue\n",
      "/srv/rules", r, d);
  // The file's columns come first, so the command line's date column wins.
  CHECK(r.columns ==
        std::vector<std::string>{"date=Posting Date", "amount=Net Amount", "date=Posted On"});
  CHECK(r.date_format == "%d.%m.%Y");
  CHECK(r.line_map == "/srv/rules/maps/cc.csv");
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "budget.import.rules");
  CHECK(d[0].path == "/rules/6");
  // Options from the rules: the later date column wins; a column without '=' is refused.
  r.line_map.clear();
  r.columns.push_back("amount");
  diagnostics e;
  const io::ledger_import_options o = io::import_options_from(r, e);
  CHECK(o.columns.at("date") == "Posted On");
  CHECK(o.columns.at("amount") == "Net Amount");
  REQUIRE(e.size() == 1);
  CHECK(e[0].path == "/columns/3");
}
