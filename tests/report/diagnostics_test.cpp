// Tests for joinedup/report/diagnostics.hpp: text and CSV renderings.
#include "joinedup/report/diagnostics.hpp"

#include <doctest/doctest.h>

TEST_CASE("diagnostics as text and CSV") {
  joinedup::diagnostics d;
  d.error("core.money.syntax", "/a", "amount 'x, y' is not money");
  d.warning("io.json.unknown_field", "/b", "say \"hi\"");
  CHECK(joinedup::report::diagnostics_text(d) ==
        "error core.money.syntax at /a: amount 'x, y' is not money\n"
        "warning io.json.unknown_field at /b: say \"hi\"\n"
        "1 error, 1 warning\n");
  CHECK(joinedup::report::diagnostics_csv(d) ==
        "severity,code,path,line,message\n"
        "error,core.money.syntax,/a,,\"amount 'x, y' is not money\"\n"
        "warning,io.json.unknown_field,/b,,\"say \"\"hi\"\"\"\n");
  CHECK(joinedup::report::diagnostics_text(joinedup::diagnostics{}) == "0 errors, 0 warnings\n");
  CHECK(joinedup::report::csv_field("plain") == "plain");
  CHECK(joinedup::report::csv_field("a\nb") == "\"a\nb\"");
}

TEST_CASE("CSV: numbers stay numbers, exponent forms included; formulas are neutralised") {
  using joinedup::report::csv_field;
  CHECK(csv_field("-0.50") == "-0.50");
  CHECK(csv_field("-1e-05") == "-1e-05");  // a double written by JSON or fmt
  CHECK(csv_field("-2.5E+300") == "-2.5E+300");
  CHECK(csv_field("-1e") == "'-1e");  // not a number: no exponent digits
  CHECK(csv_field("-1e+") == "'-1e+");
  CHECK(csv_field("-2+3") == "'-2+3");
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
}
