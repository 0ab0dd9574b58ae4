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
