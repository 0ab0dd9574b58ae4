// Tests for joinedup/io/date_format.hpp: dates with a format string, as finance-system and
// Fingertips exports write them. Expected values are calendar facts (2024 is a leap year, 2025
// is not; 31 March ends the financial year).
#include "joinedup/io/date_format.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using std::chrono::year_month_day;
namespace chr = std::chrono;

TEST_CASE("dates read with a format string") {
  CHECK(io::parse_date("31/03/2025", "%d/%m/%Y").value() ==
        year_month_day{chr::year{2025}, chr::March, chr::day{31}});
  CHECK(io::parse_date("1/4/2025", "%d/%m/%Y").value() ==
        year_month_day{chr::year{2025}, chr::April, chr::day{1}});
  CHECK(io::parse_date("29/02/2024", "%d/%m/%Y").value() ==
        year_month_day{chr::year{2024}, chr::February, chr::day{29}});
  CHECK(io::parse_date("31 Mar 2025", "%d %b %Y").value() ==
        year_month_day{chr::year{2025}, chr::March, chr::day{31}});
  CHECK(io::parse_date("2025-03-31", "%Y-%m-%d").value() ==
        year_month_day{chr::year{2025}, chr::March, chr::day{31}});
}

TEST_CASE("a date that cannot exist is told apart from one of the wrong form") {
  CHECK(io::parse_date("29/02/2025", "%d/%m/%Y").error().code == "core.date.invalid");
  CHECK(io::parse_date("31/04/2025", "%d/%m/%Y").error().code == "core.date.invalid");
  CHECK(io::parse_date("32/01/2025", "%d/%m/%Y").error().code == "core.date.invalid");
  for (const char* bad : {"", "2025-03-31", "31/03/2025x", "31/03", "31-03-2025", "\xE2\x82"}) {
    CAPTURE(bad);
    const auto r = io::parse_date(bad, "%d/%m/%Y");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "core.date.syntax");
    CHECK(is_valid_utf8(r.error().message));
  }
}

TEST_CASE("dates written with a format string") {
  const year_month_day d{chr::year{2025}, chr::March, chr::day{31}};
  CHECK(io::format_date(d, "%d/%m/%Y") == "31/03/2025");
  CHECK(io::format_date(d, "%d %b %Y") == "31 Mar 2025");
  CHECK(io::format_date(year_month_day{chr::year{2025}, chr::February, chr::day{30}}, "%d/%m/%Y")
            .empty());
  CHECK(io::parse_date(io::format_date(d, "%d/%m/%Y"), "%d/%m/%Y").value() == d);
}
