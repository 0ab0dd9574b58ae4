// Tests for joinedup/core/period.hpp.
//
// Sources for the expected values:
//  [FY]  docs/sources.md §S-FY: NHS bodies account in financial years 1 April to
//        31 March ("the financial year ending on 31 March 2025" is 2024-25).
//  [LBL] docs/sources.md §S-FY-LABELS: labels "2023-24", "2023/24" and "2023 to 2024" mean the
//        same year.
//  [QTR] docs/sources.md §S-FY-QUARTERS: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar.
//  [GREG] Gregorian leap rule: a year divisible by 4 is leap, except centuries not divisible by
//        400 (2000 and 2024 leap; 1900, 2023, 2025 and 2100 not). Month lengths: Apr 30,
//        May 31, Jun 30, Jul 31, Aug 31, Sep 30, Oct 31, Nov 30, Dec 31, Jan 31, Feb 28/29,
//        Mar 31. Day counts below are sums of these, worked by hand.
#include "joinedup/core/period.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace {

using joinedup::date_range;
using joinedup::financial_month;
using joinedup::financial_quarter;
using joinedup::financial_year;
using joinedup::parse_iso_date;
using joinedup::to_iso_string;

/// The day y-m-d as sys_days (test inputs are all real dates).
constexpr std::chrono::sys_days ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

/// The error code of a failed parse, or "" when it succeeded (so a wrong success shows up as a
/// mismatched code).
template <class T>
std::string code_of(const joinedup::result<T>& r) {
  return r.has_value() ? std::string() : r.error().code;
}

/// The error message of a failed parse, or "" when it succeeded.
template <class T>
std::string message_of(const joinedup::result<T>& r) {
  return r.has_value() ? std::string() : r.error().message;
}

bool mentions(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

// The types are regular values and a date_range is a forward range of sys_days.
static_assert(std::regular<date_range>);
static_assert(std::regular<financial_year>);
static_assert(std::regular<financial_quarter>);
static_assert(std::regular<financial_month>);
static_assert(std::totally_ordered<financial_year>);
static_assert(std::totally_ordered<financial_quarter>);
static_assert(std::totally_ordered<financial_month>);
static_assert(std::forward_iterator<date_range::iterator>);
static_assert(std::ranges::forward_range<date_range>);
static_assert(std::same_as<std::ranges::range_value_t<date_range>, std::chrono::sys_days>);

// The calendar arithmetic is usable at compile time. [FY] [GREG]
static_assert(financial_year::starting(2024).days() == 365);
static_assert(financial_year::starting(2023).days() == 366);
static_assert(financial_year::containing(ymd(2025, 3, 31)).start_year() == 2024);
static_assert(financial_quarter::containing(ymd(2025, 1, 1)).index() == 4);
static_assert(financial_month::containing(ymd(2024, 4, 1)).index() == 1);

TEST_CASE("parse_iso_date reads real dates in the strict YYYY-MM-DD form") {
  const auto d = parse_iso_date("2024-04-01");
  REQUIRE(d.has_value());
  CHECK(d->year() == std::chrono::year{2024});
  CHECK(d->month() == std::chrono::April);
  CHECK(d->day() == std::chrono::day{1});

  // [GREG] 29 February exists in 2024 and 2000 (divisible by 400), not 2023 or 1900.
  CHECK(code_of(parse_iso_date("2024-02-29")) == "");
  CHECK(code_of(parse_iso_date("2000-02-29")) == "");
  CHECK(code_of(parse_iso_date("2023-02-29")) == "core.date.invalid");
  CHECK(code_of(parse_iso_date("1900-02-29")) == "core.date.invalid");
  // [GREG] April has 30 days, December 31.
  CHECK(code_of(parse_iso_date("2024-04-31")) == "core.date.invalid");
  CHECK(code_of(parse_iso_date("2024-12-31")) == "");
  CHECK(code_of(parse_iso_date("2024-12-32")) == "core.date.invalid");
  CHECK(code_of(parse_iso_date("2024-13-01")) == "core.date.invalid");
  CHECK(code_of(parse_iso_date("2024-00-10")) == "core.date.invalid");
  CHECK(code_of(parse_iso_date("2024-01-00")) == "core.date.invalid");
}

TEST_CASE("parse_iso_date rejects every other shape with core.date.syntax") {
  for (std::string_view bad :
       {"", "2024-4-01", "2024-04-1", "24-04-01", "2024/04/01", "20240401", " 2024-04-01",
        "2024-04-01 ", "2024-04-01T00:00", "2024-04-0a", "+024-04-01", "2024-04--1", "01-04-2024",
        "2024-04-01\n", "abcd-ef-gh", "2024-04/01", "2024/04-01", "2024-04x01"}) {
    CAPTURE(bad);
    CHECK(code_of(parse_iso_date(bad)) == "core.date.syntax");
  }
}

TEST_CASE("parse_iso_date messages quote the text found and say what was expected") {
  const std::string shape = message_of(parse_iso_date("1/4/2024"));
  CHECK(mentions(shape, "\"1/4/2024\""));
  CHECK(mentions(shape, "YYYY-MM-DD"));

  // [GREG] February 2023 has 28 days.
  const std::string leap = message_of(parse_iso_date("2023-02-29"));
  CHECK(mentions(leap, "\"2023-02-29\""));
  CHECK(mentions(leap, "01 to 28"));
  CHECK(mentions(leap, "YYYY-MM-DD"));

  const std::string month = message_of(parse_iso_date("2024-13-01"));
  CHECK(mentions(month, "\"2024-13-01\""));
  CHECK(mentions(month, "01 to 12"));

  // A long cell is quoted only in part.
  const std::string long_text(500, 'x');
  const std::string cut = message_of(parse_iso_date(long_text));
  CHECK(mentions(cut, "..."));
  CHECK(cut.size() < 200);
}

TEST_CASE("to_iso_string pads every field and parse_iso_date reads it back") {
  CHECK(to_iso_string(std::chrono::year{2024} / std::chrono::April / 1) == "2024-04-01");
  CHECK(to_iso_string(std::chrono::year{987} / std::chrono::January / 5) == "0987-01-05");
  CHECK(to_iso_string(ymd(2025, 12, 31)) == "2025-12-31");

  // Round trip over every day of 1999-2001 (crosses the 2000 leap day) and 2099-2101 (crosses
  // the non-leap 2100) [GREG].
  int checked = 0;
  for (const date_range span : {date_range(ymd(1999, 1, 1), ymd(2001, 12, 31)),
                                date_range(ymd(2099, 1, 1), ymd(2101, 12, 31))}) {
    for (std::chrono::sys_days day : span) {
      const std::string text = to_iso_string(day);
      const auto back = parse_iso_date(text);
      REQUIRE_MESSAGE(back.has_value(), text);
      CHECK_MESSAGE(std::chrono::sys_days{*back} == day, text);
      ++checked;
    }
  }
  // 1999-2001: 365 + 366 + 365; 2099-2101: 365 * 3 (2100 is not leap) [GREG].
  CHECK(checked == 1096 + 1095);
}

TEST_CASE("financial_year runs 1 April to 31 March [FY]") {
  const financial_year fy = financial_year::starting(2024);
  CHECK(fy.start_year() == 2024);
  CHECK(fy.end_year() == 2025);
  CHECK(to_iso_string(fy.first_day()) == "2024-04-01");
  CHECK(to_iso_string(fy.last_day()) == "2025-03-31");
  CHECK(fy.range().to_string() == "2024-04-01..2025-03-31");
  CHECK(fy.to_string() == "2024-25");

  // 31 March and 1 April belong to different years.
  CHECK(financial_year::containing(ymd(2024, 3, 31)).start_year() == 2023);
  CHECK(financial_year::containing(ymd(2024, 4, 1)).start_year() == 2024);
  CHECK(financial_year::containing(ymd(2025, 3, 31)).start_year() == 2024);
  CHECK(financial_year::containing(ymd(2025, 4, 1)).start_year() == 2025);
  CHECK(financial_year::containing(ymd(2025, 1, 1)).start_year() == 2024);
  CHECK(financial_year::containing(ymd(2024, 12, 31)).start_year() == 2024);
  // A year_month_day is accepted as it is.
  CHECK(financial_year::containing(std::chrono::year{2024} / std::chrono::March / 31) ==
        financial_year::starting(2023));

  CHECK(fy.contains(ymd(2024, 4, 1)));
  CHECK(fy.contains(ymd(2025, 3, 31)));
  CHECK_FALSE(fy.contains(ymd(2024, 3, 31)));
  CHECK_FALSE(fy.contains(ymd(2025, 4, 1)));
}

TEST_CASE("financial_year length follows the leap day of its end year [FY] [GREG]") {
  // 29 Feb 2024 falls in 2023-24 (it is after 1 April 2023 and before 31 March 2024).
  CHECK(financial_year::containing(ymd(2024, 2, 29)).to_string() == "2023-24");
  CHECK(financial_year::starting(2023).days() == 366);
  CHECK(financial_year::starting(2024).days() == 365);
  CHECK(financial_year::starting(2027).days() == 366);  // holds 2028-02-29
  CHECK(financial_year::starting(1999).days() == 366);  // holds 2000-02-29
  CHECK(financial_year::starting(2099).days() == 365);  // 2100 is not leap
  CHECK(financial_year::starting(2099).to_string() == "2099-00");
  CHECK(financial_year::starting(1999).to_string() == "1999-00");
  CHECK(financial_year::starting(2009).to_string() == "2009-10");
  CHECK(financial_year::starting(987).to_string() == "0987-88");
}

TEST_CASE("financial_year next, prev and ordering") {
  const financial_year fy = financial_year::starting(2024);
  CHECK(fy.next().start_year() == 2025);
  CHECK(fy.prev().start_year() == 2023);
  CHECK(fy.next().prev() == fy);
  CHECK(fy.prev() < fy);
  CHECK(fy < fy.next());
  CHECK(fy != fy.next());
  CHECK((fy <=> financial_year::starting(2024)) == std::strong_ordering::equal);
  // Consecutive years meet without a gap or an overlap.
  CHECK(fy.range().last() + std::chrono::days{1} == fy.next().range().first());
  CHECK_FALSE(fy.range().overlaps(fy.next().range()));
}

TEST_CASE("financial_year::parse accepts the labels in use [LBL]") {
  for (std::string_view text :
       {"2024-25", "2024/25", "FY2024/25", "FY2024-25", "FY24/25", "FY24-25", "2024 to 2025",
        "2024-2025", "2024/2025", "FY2024-2025", "FY2024/2025"}) {
    CAPTURE(text);
    const auto fy = financial_year::parse(text);
    REQUIRE(fy.has_value());
    CHECK(fy->start_year() == 2024);
  }
  // Century turns: the second year's last two digits are 00.
  CHECK(financial_year::parse("1999-00").value().start_year() == 1999);
  CHECK(financial_year::parse("1999/2000").value().start_year() == 1999);
  CHECK(financial_year::parse("FY99/00").value().start_year() == 2099);  // "FY" + yy is 20yy
  CHECK(financial_year::parse("FY00/01").value().start_year() == 2000);
}

TEST_CASE("financial_year::parse rejects other text") {
  // The shape is right but the second year is not the first plus one.
  for (std::string_view text : {"2024-26", "2024-24", "2024/23", "2024-2026", "2024 to 2026",
                                "FY24/26", "FY2024/2023", "1999-01", "2024-05"}) {
    CAPTURE(text);
    CHECK(code_of(financial_year::parse(text)) == "core.period.financial_year");
  }
  // Not a financial-year label at all.
  for (std::string_view text :
       {"2024-5",        "FY2024",     "",           "abcd-ef",  "2024",
        "24-25",         "24/25",      "2024-025",   "2024--25", "2024_25",
        "2024 25",       "2024 to 25", "2024 - 25",  " 2024-25", "2024-25 ",
        "fy2024/25",     "FY 2024/25", "FY24/2025",  "FY2/25",   "FY2024 to 2025",
        "2024 to 2025 ", "2024-25x",   "2024-04-01", "20242025", "FY"}) {
    CAPTURE(text);
    CHECK(code_of(financial_year::parse(text)) == "core.period.syntax");
  }
}

TEST_CASE("financial_year::parse messages say what was found and what was expected") {
  const std::string wrong_year = message_of(financial_year::parse("2024-26"));
  CHECK(mentions(wrong_year, "\"2024-26\""));
  CHECK(mentions(wrong_year, "found 26"));
  CHECK(mentions(wrong_year, "25 or 2025"));

  const std::string wrong_shape = message_of(financial_year::parse("abcd-ef"));
  CHECK(mentions(wrong_shape, "\"abcd-ef\""));
  CHECK(mentions(wrong_shape, "\"2024-25\""));
}

TEST_CASE("financial_year round trips through its label") {
  for (int start = 0; start <= 9999; ++start) {
    const financial_year fy = financial_year::starting(start);
    const auto back = financial_year::parse(fy.to_string());
    REQUIRE_MESSAGE(back.has_value(), fy.to_string());
    CHECK_MESSAGE(*back == fy, fy.to_string());
  }
}

TEST_CASE("financial_quarter boundaries [QTR] [GREG]") {
  using Q = financial_quarter;
  CHECK(Q::containing(ymd(2024, 4, 1)).to_string() == "2024-25 Q1");
  CHECK(Q::containing(ymd(2024, 6, 30)).to_string() == "2024-25 Q1");
  CHECK(Q::containing(ymd(2024, 7, 1)).to_string() == "2024-25 Q2");
  CHECK(Q::containing(ymd(2024, 9, 30)).to_string() == "2024-25 Q2");
  CHECK(Q::containing(ymd(2024, 10, 1)).to_string() == "2024-25 Q3");
  CHECK(Q::containing(ymd(2024, 12, 31)).to_string() == "2024-25 Q3");
  // 1 January is Q4 of the year that started the previous April.
  CHECK(Q::containing(ymd(2025, 1, 1)).to_string() == "2024-25 Q4");
  CHECK(Q::containing(ymd(2025, 3, 31)).to_string() == "2024-25 Q4");
  CHECK(Q::containing(ymd(2025, 4, 1)).to_string() == "2025-26 Q1");

  const financial_year fy = financial_year::starting(2024);
  CHECK(fy.quarter(1).range().to_string() == "2024-04-01..2024-06-30");
  CHECK(fy.quarter(2).range().to_string() == "2024-07-01..2024-09-30");
  CHECK(fy.quarter(3).range().to_string() == "2024-10-01..2024-12-31");
  CHECK(fy.quarter(4).range().to_string() == "2025-01-01..2025-03-31");
  // Apr+May+Jun 30+31+30, Jul+Aug+Sep 31+31+30, Oct+Nov+Dec 31+30+31, Jan+Feb+Mar 31+28+31.
  CHECK(fy.quarter(1).range().days() == 91);
  CHECK(fy.quarter(2).range().days() == 92);
  CHECK(fy.quarter(3).range().days() == 92);
  CHECK(fy.quarter(4).range().days() == 90);
  // 2023-24 Q4 holds 29 Feb 2024: 31 + 29 + 31.
  CHECK(financial_year::starting(2023).quarter(4).range().days() == 91);

  CHECK(fy.quarter(2).contains(ymd(2024, 7, 1)));
  CHECK_FALSE(fy.quarter(2).contains(ymd(2024, 6, 30)));
  CHECK(fy.quarter(3).year() == fy);
  CHECK(fy.quarter(3).index() == 3);
}

TEST_CASE("financial_quarter next, prev and ordering") {
  const financial_year fy = financial_year::starting(2024);
  CHECK(fy.quarter(4).next().to_string() == "2025-26 Q1");
  CHECK(fy.quarter(1).prev().to_string() == "2023-24 Q4");
  CHECK(fy.quarter(2).next().to_string() == "2024-25 Q3");
  CHECK(fy.quarter(3).prev().to_string() == "2024-25 Q2");
  CHECK(fy.quarter(4) < fy.next().quarter(1));
  CHECK(fy.quarter(1) < fy.quarter(2));
  CHECK(fy.prev().quarter(4) < fy.quarter(1));

  // Twelve quarters from 2022-23 Q1 tile 2022-04-01..2025-03-31 with no gap.
  financial_quarter q = financial_year::starting(2022).quarter(1);
  std::int64_t total = 0;
  for (int i = 0; i < 12; ++i) {
    total += q.range().days();
    CHECK(q.range().last() + std::chrono::days{1} == q.next().range().first());
    q = q.next();
  }
  CHECK(q.to_string() == "2025-26 Q1");
  CHECK(total == 365 + 365 + 366);  // 2022-23, 2023-24 (holds 2024-02-29), 2024-25
}

TEST_CASE("financial_quarter::parse") {
  CHECK(financial_quarter::parse("2024-25 Q1").value() ==
        financial_year::starting(2024).quarter(1));
  CHECK(financial_quarter::parse("2024/25 Q3").value() ==
        financial_year::starting(2024).quarter(3));
  CHECK(financial_quarter::parse("FY24/25 Q4").value() ==
        financial_year::starting(2024).quarter(4));
  CHECK(financial_quarter::parse("2024 to 2025 Q2").value() ==
        financial_year::starting(2024).quarter(2));

  for (std::string_view text : {"2024-25 Q0", "2024-25 Q5", "2024-25Q1", "2024-25 q1", "2024-25 Q",
                                "2024-25 Q12", "2024-25 Q01", "2024-25  Q1", "2024-25 Q1 ",
                                "Q1 2024-25", "", "2024-25", "2024-5 Q1", "2024-25 M01"}) {
    CAPTURE(text);
    CHECK(code_of(financial_quarter::parse(text)) == "core.period.syntax");
  }
  CHECK(code_of(financial_quarter::parse("2024-26 Q1")) == "core.period.financial_year");

  const std::string message = message_of(financial_quarter::parse("2024-25 Q5"));
  CHECK(mentions(message, "\"2024-25 Q5\""));
  CHECK(mentions(message, "Q1 to Q4"));
  CHECK(mentions(message_of(financial_quarter::parse("2024-26 Q1")), "\"2024-26 Q1\""));

  for (int start = 1990; start <= 2110; ++start) {
    for (int n = 1; n <= 4; ++n) {
      const financial_quarter q = financial_year::starting(start).quarter(n);
      const auto back = financial_quarter::parse(q.to_string());
      REQUIRE_MESSAGE(back.has_value(), q.to_string());
      CHECK_MESSAGE(*back == q, q.to_string());
    }
  }
}

TEST_CASE("financial_month numbering: M01 is April, M12 is March [FY]") {
  using std::chrono::year;
  const financial_year fy = financial_year::starting(2024);
  CHECK(fy.month(1).year_month() == year{2024} / std::chrono::April);
  CHECK(fy.month(9).year_month() == year{2024} / std::chrono::December);
  CHECK(fy.month(10).year_month() == year{2025} / std::chrono::January);
  CHECK(fy.month(12).year_month() == year{2025} / std::chrono::March);

  CHECK(financial_month::containing(ymd(2024, 4, 1)).to_string() == "2024-25 M01");
  CHECK(financial_month::containing(ymd(2024, 12, 31)).to_string() == "2024-25 M09");
  CHECK(financial_month::containing(ymd(2025, 1, 15)).to_string() == "2024-25 M10");
  CHECK(financial_month::containing(ymd(2025, 3, 31)).to_string() == "2024-25 M12");
  CHECK(financial_month::containing(ymd(2025, 4, 1)).to_string() == "2025-26 M01");
  CHECK(financial_month::containing(ymd(2024, 3, 31)).to_string() == "2023-24 M12");

  CHECK(fy.month(1).range().to_string() == "2024-04-01..2024-04-30");
  CHECK(fy.month(10).range().to_string() == "2025-01-01..2025-01-31");
  // [GREG] February: 29 days in 2024 (M11 of 2023-24), 28 in 2025 (M11 of 2024-25).
  CHECK(financial_year::starting(2023).month(11).range().days() == 29);
  CHECK(fy.month(11).range().days() == 28);
  CHECK(fy.month(6).contains(ymd(2024, 9, 30)));
  CHECK_FALSE(fy.month(6).contains(ymd(2024, 10, 1)));

  // [QTR] M01-M03 Q1, M04-M06 Q2, M07-M09 Q3, M10-M12 Q4.
  const int expected_quarter[12] = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
  for (int n = 1; n <= 12; ++n) {
    CAPTURE(n);
    CHECK(fy.month(n).index() == n);
    CHECK(fy.month(n).quarter().index() == expected_quarter[n - 1]);
    CHECK(fy.month(n).quarter().year() == fy);
    CHECK(fy.month(n).quarter().contains(fy.month(n).range().first()));
  }
}

TEST_CASE("financial_month next, prev, ordering and parse") {
  const financial_year fy = financial_year::starting(2024);
  CHECK(fy.month(12).next().to_string() == "2025-26 M01");
  CHECK(fy.month(1).prev().to_string() == "2023-24 M12");
  CHECK(fy.month(9).next().year_month() == std::chrono::year{2025} / std::chrono::January);
  CHECK(fy.month(12) < fy.next().month(1));
  CHECK(fy.month(2) < fy.month(10));

  CHECK(financial_month::parse("2024-25 M01").value() == fy.month(1));
  CHECK(financial_month::parse("2024-25 M1").value() == fy.month(1));
  CHECK(financial_month::parse("2024-25 M12").value() == fy.month(12));
  CHECK(financial_month::parse("FY2024/25 M07").value() == fy.month(7));
  for (std::string_view text :
       {"2024-25 M00", "2024-25 M0", "2024-25 M13", "2024-25 M123", "2024-25 m01", "2024-25M01",
        "2024-25 M", "2024-25 Q1", "", "M01", "2024-25 M1a"}) {
    CAPTURE(text);
    CHECK(code_of(financial_month::parse(text)) == "core.period.syntax");
  }
  CHECK(code_of(financial_month::parse("2023-25 M01")) == "core.period.financial_year");
  CHECK(mentions(message_of(financial_month::parse("2024-25 M13")), "M01 (April) to M12 (March)"));

  for (int start = 1990; start <= 2110; ++start) {
    for (int n = 1; n <= 12; ++n) {
      const financial_month m = financial_year::starting(start).month(n);
      const auto back = financial_month::parse(m.to_string());
      REQUIRE_MESSAGE(back.has_value(), m.to_string());
      CHECK_MESSAGE(*back == m, m.to_string());
    }
  }
}

TEST_CASE("date_range days, containment, overlap and intersection [GREG]") {
  const date_range fy = date_range::make(ymd(2024, 4, 1), ymd(2025, 3, 31)).value();
  CHECK(fy.days() == 365);
  CHECK(date_range::make(ymd(2023, 4, 1), ymd(2024, 3, 31)).value().days() == 366);
  CHECK(date_range(ymd(2024, 2, 29), ymd(2024, 2, 29)).days() == 1);
  CHECK(date_range(ymd(2024, 2, 28), ymd(2024, 3, 1)).days() == 3);  // 28, 29 Feb, 1 Mar
  CHECK(fy.first() == ymd(2024, 4, 1));
  CHECK(fy.last() == ymd(2025, 3, 31));
  CHECK(fy.to_string() == "2024-04-01..2025-03-31");

  CHECK(fy.contains(ymd(2024, 4, 1)));
  CHECK(fy.contains(ymd(2025, 3, 31)));
  CHECK_FALSE(fy.contains(ymd(2024, 3, 31)));
  CHECK_FALSE(fy.contains(ymd(2025, 4, 1)));

  const date_range q1(ymd(2024, 4, 1), ymd(2024, 6, 30));
  const date_range summer(ymd(2024, 6, 15), ymd(2024, 7, 31));
  const date_range next_year(ymd(2025, 4, 1), ymd(2026, 3, 31));
  CHECK(fy.contains(q1));
  CHECK_FALSE(q1.contains(fy));
  CHECK_FALSE(q1.contains(summer));
  CHECK(q1.overlaps(summer));
  CHECK(summer.overlaps(q1));
  CHECK_FALSE(fy.overlaps(next_year));  // 31 March and 1 April only touch
  CHECK(date_range(ymd(2025, 3, 31), ymd(2025, 4, 1)).overlaps(next_year));  // share 1 April
  CHECK(next_year.overlaps(date_range(ymd(2025, 3, 31), ymd(2025, 4, 1))));

  const auto both = q1.intersection(summer);
  REQUIRE(both.has_value());
  CHECK(both->to_string() == "2024-06-15..2024-06-30");
  CHECK(both->days() == 16);
  CHECK(summer.intersection(q1) == both);
  CHECK(fy.intersection(q1) == q1);
  CHECK_FALSE(fy.intersection(next_year).has_value());
  const auto one_day = fy.intersection(date_range(ymd(2025, 3, 31), ymd(2025, 4, 30)));
  REQUIRE(one_day.has_value());
  CHECK(one_day->to_string() == "2025-03-31..2025-03-31");
}

TEST_CASE("date_range iteration visits every day once, in order") {
  const date_range fy = financial_year::starting(2023).range();
  std::int64_t count = 0;
  std::chrono::sys_days expected = fy.first();
  for (std::chrono::sys_days day : fy) {
    CHECK(day == expected);
    expected += std::chrono::days{1};
    ++count;
  }
  CHECK(count == fy.days());
  CHECK(count == 366);
  CHECK(expected == fy.last() + std::chrono::days{1});

  const date_range leap_week(ymd(2024, 2, 26), ymd(2024, 3, 3));
  std::vector<std::string> seen;
  for (std::chrono::sys_days day : leap_week)
    seen.push_back(to_iso_string(day));
  CHECK(seen == std::vector<std::string>{"2024-02-26", "2024-02-27", "2024-02-28", "2024-02-29",
                                         "2024-03-01", "2024-03-02", "2024-03-03"});
  CHECK(std::ranges::distance(leap_week) == 7);

  auto it = leap_week.begin();
  CHECK(*it++ == ymd(2024, 2, 26));
  CHECK(*it == ymd(2024, 2, 27));
}

TEST_CASE("date_range::make refuses a range that ends before it starts") {
  const auto reversed = date_range::make(ymd(2025, 3, 31), ymd(2024, 4, 1));
  REQUIRE_FALSE(reversed.has_value());
  CHECK(reversed.error().code == "core.period.range_order");
  CHECK(reversed.error().severity == joinedup::severity::error);
  CHECK(mentions(reversed.error().message, "2025-03-31"));
  CHECK(mentions(reversed.error().message, "2024-04-01"));
  CHECK(code_of(date_range::make(ymd(2024, 4, 2), ymd(2024, 4, 1))) == "core.period.range_order");
  CHECK(code_of(date_range::make(ymd(2024, 4, 1), ymd(2024, 4, 1))) == "");
}

TEST_CASE("preconditions are checked") {
  const financial_year fy = financial_year::starting(2024);
  CHECK_THROWS_AS((void)date_range(ymd(2025, 3, 31), ymd(2024, 4, 1)),
                  joinedup::contract_violation);
  CHECK_THROWS_AS((void)fy.quarter(0), joinedup::contract_violation);
  CHECK_THROWS_AS((void)fy.quarter(5), joinedup::contract_violation);
  CHECK_THROWS_AS((void)fy.month(0), joinedup::contract_violation);
  CHECK_THROWS_AS((void)fy.month(13), joinedup::contract_violation);
  CHECK_THROWS_AS((void)financial_year::starting(32767), joinedup::contract_violation);
  CHECK_NOTHROW((void)financial_year::starting(32766));
}
