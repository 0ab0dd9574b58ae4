// joinedup: calendar dates and the UK public-sector financial calendar: financial years
// (1 April to 31 March), their quarters and months, and inclusive date ranges.
//
// Facts used (docs/sources.md): §S-FY NHS bodies and English local authorities account in
// financial years 1 April - 31 March; §S-FY-LABELS labels "2023-24", "2023/24" and "2023 to 2024"
// are used interchangeably; §S-FY-QUARTERS quarters are Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec,
// Q4 Jan-Mar.
#pragma once

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE

namespace detail::period_impl {

/// Most characters of offending input quoted in one diagnostic message.
inline constexpr std::size_t max_quoted = 60;

/// `text` in double quotes for a diagnostic message, cut to max_quoted characters (then "...")
/// so a stray long cell cannot flood a report. NHS-number-like runs are masked before cutting,
/// so a cut cannot leave an unmasked part of one.
inline std::string quoted(std::string_view text) {
  std::string shown = mask_nhs_numbers(std::string(text));
  if (shown.size() > max_quoted) {
    shown.resize(max_quoted);
    shown += "...";
  }
  return '"' + shown + '"';
}

/// Appends `value` in decimal, zero-padded to at least `width` digits, '-' first when negative.
inline void append_padded(std::string& out, long long value, std::size_t width) {
  const unsigned long long magnitude = value < 0 ? 0ULL - static_cast<unsigned long long>(value)
                                                 : static_cast<unsigned long long>(value);
  if (value < 0) out += '-';
  const std::string digits = std::to_string(magnitude);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

/// True when `s` is non-empty and every character is an ASCII digit.
constexpr bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

/// The value of a short run of ASCII digits (precondition: all_digits(s) and s.size() <= 9).
constexpr int digits_value(std::string_view s) noexcept {
  int value = 0;
  for (char c : s)
    value = value * 10 + (c - '0');
  return value;
}

/// How a financial-year label scanned.
enum class fy_status : std::uint8_t {
  ok,               ///< a recognised form whose second year follows the first
  syntax,           ///< not a recognised form
  not_consecutive,  ///< a recognised form, but the second year is not the first plus one
};

/// What scanning a financial-year label found.
struct fy_scan {
  fy_status status = fy_status::syntax;  ///< the outcome
  int start = 0;                         ///< the first year (set unless status is syntax)
  std::string_view second;               ///< the second year as written (unless syntax)
};

/// Scans a financial-year label. Accepted (exactly, no surrounding spaces, "FY" upper case):
/// `YYYY-YY`, `YYYY/YY`, `YYYY-YYYY`, `YYYY/YYYY`, `YYYY to YYYY`, and the same with an "FY"
/// prefix (except the "to" form), where "FY" may also take a two-digit first year read as
/// 20yy (`FY24/25` is 2024-25).
constexpr fy_scan scan_financial_year(std::string_view s) noexcept {
  fy_scan out;
  const bool prefixed = s.starts_with("FY");
  if (prefixed) s.remove_prefix(2);
  std::size_t n = 0;
  while (n < s.size() && is_digit(s[n]))
    ++n;
  if (n != 4 && !(n == 2 && prefixed)) return out;
  const int start = n == 4 ? digits_value(s.substr(0, 4)) : 2000 + digits_value(s.substr(0, 2));
  const std::string_view rest = s.substr(n);
  std::string_view second;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '/')) {
    second = rest.substr(1);
    if (!all_digits(second) || !(second.size() == 2 || (second.size() == 4 && n == 4))) return out;
  } else if (!prefixed && rest.starts_with(" to ")) {
    second = rest.substr(4);
    if (!all_digits(second) || second.size() != 4) return out;
  } else {
    return out;
  }
  const int expected = second.size() == 2 ? (start + 1) % 100 : start + 1;
  out.status = digits_value(second) == expected ? fy_status::ok : fy_status::not_consecutive;
  out.start = start;
  out.second = second;
  return out;
}

/// What the financial-year forms look like, for messages.
inline constexpr std::string_view year_forms =
    "for example \"2024-25\", \"2024/25\", \"FY2024/25\", \"FY24/25\", \"2024-2025\" or "
    "\"2024 to 2025\"";

/// The `core.period.syntax` failure: `kind` ("financial year", ...) `text` is not in a
/// recognised form; `expected` says what would be.
inline failure period_syntax_failure(std::string_view kind, std::string_view text,
                                     std::string_view expected) {
  return fail("core.period.syntax", std::string(kind) + ' ' + quoted(text) +
                                        " is not in a recognised form; expected " +
                                        std::string(expected));
}

/// The failure for a financial-year label that did not scan as ok: `core.period.syntax` for a
/// wrong shape, `core.period.financial_year` when the second year does not follow the first.
inline failure financial_year_failure(const fy_scan& scan, std::string_view kind,
                                      std::string_view text, std::string_view expected) {
  if (scan.status == fy_status::syntax) return period_syntax_failure(kind, text, expected);
  std::string message = std::string(kind) + ' ' + quoted(text) +
                        ": the second year must be the year after " + std::to_string(scan.start) +
                        " (a year runs 1 April to 31 March), that is ";
  append_padded(message, (scan.start + 1) % 100, 2);
  message += " or " + std::to_string(scan.start + 1) + ", found " + std::string(scan.second);
  return fail("core.period.financial_year", std::move(message));
}

/// What scanning "<financial year> <letter><number>" found (quarter and month labels).
struct labelled_scan {
  fy_scan year;           ///< the financial-year part
  int number = 0;         ///< the number after the letter
  bool label_ok = false;  ///< true when the letter and number are right
};

/// Scans "<financial year> <letter><number>": the text after the last space must be `letter`
/// followed by 1 to `max_digits` digits whose value is 1 to `max_number`.
constexpr labelled_scan scan_labelled(std::string_view text, char letter, std::size_t max_digits,
                                      int max_number) noexcept {
  labelled_scan out;
  const std::size_t space = text.rfind(' ');
  if (space == std::string_view::npos) return out;
  out.year = scan_financial_year(text.substr(0, space));
  const std::string_view label = text.substr(space + 1);
  const std::string_view digits = label.empty() ? label : label.substr(1);
  if (label.empty() || label[0] != letter || !all_digits(digits) || digits.size() > max_digits) {
    return out;
  }
  out.number = digits_value(digits);
  out.label_ok = out.number >= 1 && out.number <= max_number;
  return out;
}

}  // namespace detail::period_impl

/// The date as ISO 8601 `YYYY-MM-DD` ("2024-04-01"). Years outside 0000-9999 print with more
/// digits or a leading '-'; the fields of a date that is not ok() print as they are stored.
[[nodiscard]] inline std::string to_iso_string(std::chrono::year_month_day date) {
  std::string out;
  detail::period_impl::append_padded(out, static_cast<int>(date.year()), 4);
  out += '-';
  detail::period_impl::append_padded(out, static_cast<unsigned>(date.month()), 2);
  out += '-';
  detail::period_impl::append_padded(out, static_cast<unsigned>(date.day()), 2);
  return out;
}

/// Reads a strict ISO 8601 calendar date `YYYY-MM-DD`: exactly ten characters, four-digit year,
/// two-digit month and day, a real date (29 February only in leap years). Errors:
/// `core.date.syntax` when the text does not have that shape, `core.date.invalid` when it has
/// the shape but names no real date (2023-02-29, 2024-13-01, 2024-04-31).
[[nodiscard]] inline result<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
  using detail::period_impl::all_digits;
  using detail::period_impl::digits_value;
  using detail::period_impl::quoted;
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      all_digits(text.substr(0, 4)) && all_digits(text.substr(5, 2)) &&
                      all_digits(text.substr(8, 2));
  if (!shaped) {
    return fail("core.date.syntax",
                "date " + quoted(text) + " is not in the form YYYY-MM-DD (for example 2024-04-01)");
  }
  const std::chrono::year year{digits_value(text.substr(0, 4))};
  const std::chrono::month month{static_cast<unsigned>(digits_value(text.substr(5, 2)))};
  const std::chrono::day day{static_cast<unsigned>(digits_value(text.substr(8, 2)))};
  if (!month.ok()) {
    return fail("core.date.invalid", "date " + quoted(text) + " has month " +
                                         std::string(text.substr(5, 2)) +
                                         "; expected YYYY-MM-DD with a month from 01 to 12");
  }
  const std::chrono::year_month_day date{year, month, day};
  if (!date.ok()) {
    const std::chrono::year_month_day_last month_end{year / month / std::chrono::last};
    std::string message = "date " + quoted(text) +
                          " does not exist: " + std::string(text.substr(0, 7)) + " has days 01 to ";
    detail::period_impl::append_padded(message, static_cast<unsigned>(month_end.day()), 2);
    return fail("core.date.invalid", std::move(message) + "; expected a real date YYYY-MM-DD");
  }
  return date;
}

/// An inclusive run of calendar days first..last (never empty), stored as two sys_days.
/// Iterating it visits every day in order: `for (std::chrono::sys_days d : range)`.
/// A std::chrono::year_month_day converts implicitly wherever a sys_days is taken (chrono rolls
/// a date that is not ok(), such as 2023-02-30, into the next month: validate input first).
class date_range {
 public:
  /// Forward iterator over the days of a range; dereferencing yields the day by value.
  class iterator {
   public:
    using value_type = std::chrono::sys_days;            ///< a day
    using difference_type = std::ptrdiff_t;              ///< distance in days
    using reference = std::chrono::sys_days;             ///< days are yielded by value
    using pointer = void;                                ///< no addressable element
    using iterator_concept = std::forward_iterator_tag;  ///< a C++20 forward iterator
    /// The C++17 category is input: a legacy forward iterator must yield a real reference.
    using iterator_category = std::input_iterator_tag;

    /// An iterator at the sys_days epoch.
    constexpr iterator() noexcept = default;
    /// An iterator at `day`.
    constexpr explicit iterator(std::chrono::sys_days day) noexcept : day_(day) {}

    /// The current day.
    [[nodiscard]] constexpr std::chrono::sys_days operator*() const noexcept { return day_; }
    /// Moves to the next day.
    constexpr iterator& operator++() noexcept {
      day_ += std::chrono::days{1};
      return *this;
    }
    /// Moves to the next day, returning the iterator as it was.
    constexpr iterator operator++(int) noexcept {
      iterator before = *this;
      ++*this;
      return before;
    }
    /// True when both are at the same day.
    friend constexpr bool operator==(const iterator&, const iterator&) noexcept = default;

   private:
    std::chrono::sys_days day_{};
  };

  /// The single day 1970-01-01 (the sys_days epoch); it exists so the type is regular.
  constexpr date_range() noexcept = default;
  /// The days from..to inclusive. Precondition: from <= to (else contract_violation); use
  /// make() for dates that come from input.
  constexpr date_range(std::chrono::sys_days from, std::chrono::sys_days to)
      : first_(from), last_(to) {
    JOINEDUP_EXPECTS(from <= to);
  }

  /// The days from..to inclusive, or error `core.period.range_order` when to is before from.
  [[nodiscard]] static result<date_range> make(std::chrono::sys_days from,
                                               std::chrono::sys_days to) {
    if (to < from) {
      return fail("core.period.range_order",
                  "date range " + to_iso_string(from) + ".." + to_iso_string(to) +
                      " ends before it starts; expected a last day on or after the first day");
    }
    return date_range(from, to);
  }

  /// The first day.
  [[nodiscard]] constexpr std::chrono::sys_days first() const noexcept { return first_; }
  /// The last day (included).
  [[nodiscard]] constexpr std::chrono::sys_days last() const noexcept { return last_; }
  /// How many days, both ends included (a single day is 1).
  [[nodiscard]] constexpr std::int64_t days() const noexcept {
    return static_cast<std::int64_t>((last_ - first_).count()) + 1;
  }
  /// True when `day` is in the range.
  [[nodiscard]] constexpr bool contains(std::chrono::sys_days day) const noexcept {
    return first_ <= day && day <= last_;
  }
  /// True when every day of `other` is in this range.
  [[nodiscard]] constexpr bool contains(const date_range& other) const noexcept {
    return first_ <= other.first_ && other.last_ <= last_;
  }
  /// True when the ranges share at least one day (ranges that only touch, one ending on 31 March
  /// and the other starting on 1 April, do not overlap).
  [[nodiscard]] constexpr bool overlaps(const date_range& other) const noexcept {
    return first_ <= other.last_ && other.first_ <= last_;
  }
  /// The days in both ranges, or nullopt when they do not overlap.
  [[nodiscard]] constexpr std::optional<date_range> intersection(const date_range& other) const {
    if (!overlaps(other)) return std::nullopt;
    return date_range(first_ < other.first_ ? other.first_ : first_,
                      last_ < other.last_ ? last_ : other.last_);
  }

  /// Iterator at the first day.
  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(first_); }
  /// Iterator one day past the last day.
  [[nodiscard]] constexpr iterator end() const noexcept {
    return iterator(last_ + std::chrono::days{1});
  }

  /// "first..last" in ISO dates, e.g. "2024-04-01..2025-03-31".
  [[nodiscard]] std::string to_string() const {
    return to_iso_string(first_) + ".." + to_iso_string(last_);
  }

  /// True when both ranges have the same first and last day.
  friend constexpr bool operator==(const date_range&, const date_range&) noexcept = default;

 private:
  std::chrono::sys_days first_{};
  std::chrono::sys_days last_{};
};

class financial_quarter;
class financial_month;

/// A UK public-sector financial year, 1 April to 31 March (domain notes §2.4, §6.4), held as the
/// calendar year it starts in: 2024-25 runs 2024-04-01..2025-03-31. Ordered by start year.
class financial_year {
 public:
  /// 1970-71; it exists so the type is regular, not as a meaningful default.
  constexpr financial_year() noexcept = default;

  /// The financial year starting on 1 April of `start`. Precondition: start and start + 1 are
  /// valid std::chrono::year values (-32767 to 32766).
  [[nodiscard]] static constexpr financial_year starting(int start) {
    JOINEDUP_EXPECTS(start >= static_cast<int>(std::chrono::year::min()) &&
                     start < static_cast<int>(std::chrono::year::max()));
    return financial_year(start);
  }
  /// The financial year a day falls in: 1 April onwards belongs to the year starting then,
  /// 1 January to 31 March to the year that started the April before.
  [[nodiscard]] static constexpr financial_year containing(std::chrono::sys_days day) {
    const std::chrono::year_month_day date{day};
    const int calendar_year = static_cast<int>(date.year());
    return starting(date.month() >= std::chrono::April ? calendar_year : calendar_year - 1);
  }
  /// Reads a label, exactly (no surrounding spaces): "2024-25", "2024/25", "2024-2025",
  /// "2024/2025", "2024 to 2025", "FY2024-25", "FY2024/25", "FY2024-2025", "FY2024/2025",
  /// "FY24-25", "FY24/25" (two-digit years after "FY" are 20yy). Errors:
  /// `core.period.financial_year` when the second year is not the year after the first,
  /// `core.period.syntax` for any other text.
  [[nodiscard]] static result<financial_year> parse(std::string_view text);

  /// The calendar year it starts in (2024 for 2024-25).
  [[nodiscard]] constexpr int start_year() const noexcept { return start_; }
  /// The calendar year it ends in (2025 for 2024-25).
  [[nodiscard]] constexpr int end_year() const noexcept { return start_ + 1; }
  /// 1 April of the start year.
  [[nodiscard]] constexpr std::chrono::year_month_day first_day() const noexcept {
    return std::chrono::year{start_} / std::chrono::April / std::chrono::day{1};
  }
  /// 31 March of the end year.
  [[nodiscard]] constexpr std::chrono::year_month_day last_day() const noexcept {
    return std::chrono::year{start_ + 1} / std::chrono::March / std::chrono::day{31};
  }
  /// first_day()..last_day().
  [[nodiscard]] constexpr date_range range() const { return {first_day(), last_day()}; }
  /// 366 when the end year is a leap year (the year holds its 29 February), else 365.
  [[nodiscard]] constexpr std::int64_t days() const { return range().days(); }
  /// True when `day` falls in this financial year.
  [[nodiscard]] constexpr bool contains(std::chrono::sys_days day) const {
    return range().contains(day);
  }
  /// The following financial year.
  [[nodiscard]] constexpr financial_year next() const { return starting(start_ + 1); }
  /// The preceding financial year.
  [[nodiscard]] constexpr financial_year prev() const { return starting(start_ - 1); }
  /// Quarter `n` (precondition 1 <= n <= 4): Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar.
  [[nodiscard]] constexpr financial_quarter quarter(int n) const;
  /// Month `n` (precondition 1 <= n <= 12): M01 is April, M12 is March.
  [[nodiscard]] constexpr financial_month month(int n) const;

  /// The label "2024-25": the start year in four digits, '-', the end year's last two digits
  /// (2099-00 for 2099 to 2100). parse() reads it back for start years 0000 to 9999.
  [[nodiscard]] std::string to_string() const;

  /// Orders by start year.
  friend constexpr auto operator<=>(const financial_year&,
                                    const financial_year&) noexcept = default;

 private:
  constexpr explicit financial_year(int start) noexcept : start_(start) {}

  int start_ = 1970;
};

/// A quarter of a financial year (domain notes §6.4): Q1 April-June, Q2 July-September,
/// Q3 October-December, Q4 January-March (of the year's end year). Ordered by year, then quarter.
class financial_quarter {
 public:
  /// 1970-71 Q1; it exists so the type is regular.
  constexpr financial_quarter() noexcept = default;
  /// Quarter `n` of `fy`. Precondition: 1 <= n <= 4.
  constexpr financial_quarter(financial_year fy, int n) : year_(fy), index_(n) {
    JOINEDUP_EXPECTS(n >= 1 && n <= 4);
  }

  /// The quarter a day falls in.
  [[nodiscard]] static constexpr financial_quarter containing(std::chrono::sys_days day);
  /// Reads "<financial year> Q<n>", e.g. "2024-25 Q1": any financial_year::parse form, one
  /// space, 'Q' and a digit 1 to 4. Errors: `core.period.financial_year` when the year's second
  /// part does not follow its first, `core.period.syntax` for any other text.
  [[nodiscard]] static result<financial_quarter> parse(std::string_view text);

  /// The financial year.
  [[nodiscard]] constexpr financial_year year() const noexcept { return year_; }
  /// The quarter number, 1 to 4.
  [[nodiscard]] constexpr int index() const noexcept { return index_; }
  /// Its days, first of its first month to last of its third.
  [[nodiscard]] constexpr date_range range() const;
  /// True when `day` falls in this quarter.
  [[nodiscard]] constexpr bool contains(std::chrono::sys_days day) const {
    return range().contains(day);
  }
  /// The following quarter (Q4 is followed by Q1 of the next year).
  [[nodiscard]] constexpr financial_quarter next() const {
    return index_ == 4 ? financial_quarter(year_.next(), 1) : financial_quarter(year_, index_ + 1);
  }
  /// The preceding quarter (Q1 is preceded by Q4 of the previous year).
  [[nodiscard]] constexpr financial_quarter prev() const {
    return index_ == 1 ? financial_quarter(year_.prev(), 4) : financial_quarter(year_, index_ - 1);
  }

  /// The label "2024-25 Q1".
  [[nodiscard]] std::string to_string() const {
    return year_.to_string() + " Q" + std::to_string(index_);
  }

  /// Orders by year, then quarter.
  friend constexpr auto operator<=>(const financial_quarter&,
                                    const financial_quarter&) noexcept = default;

 private:
  financial_year year_{};
  int index_ = 1;
};

/// A month of a financial year, numbered from its start: M01 is April, M09 December, M10 January
/// and M12 March (of the end year). Ordered by year, then month.
class financial_month {
 public:
  /// 1970-71 M01 (April 1970); it exists so the type is regular.
  constexpr financial_month() noexcept = default;
  /// Month `n` of `fy`. Precondition: 1 <= n <= 12.
  constexpr financial_month(financial_year fy, int n) : year_(fy), index_(n) {
    JOINEDUP_EXPECTS(n >= 1 && n <= 12);
  }

  /// The financial month a day falls in.
  [[nodiscard]] static constexpr financial_month containing(std::chrono::sys_days day) {
    const unsigned calendar_month = static_cast<unsigned>(std::chrono::year_month_day{day}.month());
    return {financial_year::containing(day), static_cast<int>((calendar_month + 8) % 12 + 1)};
  }
  /// Reads "<financial year> M<n>", e.g. "2024-25 M01": any financial_year::parse form, one
  /// space, 'M' and one or two digits 1 to 12 ("M1" and "M01" both). Errors:
  /// `core.period.financial_year` when the year's second part does not follow its first,
  /// `core.period.syntax` for any other text.
  [[nodiscard]] static result<financial_month> parse(std::string_view text);

  /// The financial year.
  [[nodiscard]] constexpr financial_year year() const noexcept { return year_; }
  /// The month's position in the financial year, 1 (April) to 12 (March): the number of months
  /// elapsed in the year by the end of this month.
  [[nodiscard]] constexpr int index() const noexcept { return index_; }
  /// The calendar month: M01 of 2024-25 is 2024/April, M10 is 2025/January.
  [[nodiscard]] constexpr std::chrono::year_month year_month() const {
    const int calendar_year = index_ <= 9 ? year_.start_year() : year_.end_year();
    return std::chrono::year{calendar_year} /
           (std::chrono::April + std::chrono::months{index_ - 1});
  }
  /// Its days, the 1st to the last of the calendar month.
  [[nodiscard]] constexpr date_range range() const {
    const std::chrono::year_month ym = year_month();
    return {ym / std::chrono::day{1}, ym / std::chrono::last};
  }
  /// True when `day` falls in this month.
  [[nodiscard]] constexpr bool contains(std::chrono::sys_days day) const {
    return range().contains(day);
  }
  /// The quarter it belongs to (M01-M03 Q1, ..., M10-M12 Q4).
  [[nodiscard]] constexpr financial_quarter quarter() const {
    return {year_, (index_ - 1) / 3 + 1};
  }
  /// The following month (M12 is followed by M01 of the next year).
  [[nodiscard]] constexpr financial_month next() const {
    return index_ == 12 ? financial_month(year_.next(), 1) : financial_month(year_, index_ + 1);
  }
  /// The preceding month (M01 is preceded by M12 of the previous year).
  [[nodiscard]] constexpr financial_month prev() const {
    return index_ == 1 ? financial_month(year_.prev(), 12) : financial_month(year_, index_ - 1);
  }

  /// The label "2024-25 M01" (month in two digits).
  [[nodiscard]] std::string to_string() const {
    std::string out = year_.to_string() + " M";
    detail::period_impl::append_padded(out, index_, 2);
    return out;
  }

  /// Orders by year, then month.
  friend constexpr auto operator<=>(const financial_month&,
                                    const financial_month&) noexcept = default;

 private:
  financial_year year_{};
  int index_ = 1;
};

constexpr financial_quarter financial_year::quarter(int n) const {
  return {*this, n};
}

constexpr financial_month financial_year::month(int n) const {
  return {*this, n};
}

inline result<financial_year> financial_year::parse(std::string_view text) {
  const detail::period_impl::fy_scan scan = detail::period_impl::scan_financial_year(text);
  if (scan.status != detail::period_impl::fy_status::ok) {
    return detail::period_impl::financial_year_failure(scan, "financial year", text,
                                                       detail::period_impl::year_forms);
  }
  return starting(scan.start);
}

inline std::string financial_year::to_string() const {
  std::string out;
  detail::period_impl::append_padded(out, start_, 4);
  out += '-';
  detail::period_impl::append_padded(out, (end_year() % 100 + 100) % 100, 2);
  return out;
}

constexpr financial_quarter financial_quarter::containing(std::chrono::sys_days day) {
  return financial_month::containing(day).quarter();
}

constexpr date_range financial_quarter::range() const {
  return {financial_month(year_, 3 * index_ - 2).range().first(),
          financial_month(year_, 3 * index_).range().last()};
}

inline result<financial_quarter> financial_quarter::parse(std::string_view text) {
  constexpr std::string_view kind = "financial quarter";
  constexpr std::string_view expected =
      "a financial year, a space and Q1 to Q4, for example \"2024-25 Q1\"";
  const detail::period_impl::labelled_scan scan =
      detail::period_impl::scan_labelled(text, 'Q', 1, 4);
  if (scan.year.status != detail::period_impl::fy_status::ok) {
    return detail::period_impl::financial_year_failure(scan.year, kind, text, expected);
  }
  if (!scan.label_ok) return detail::period_impl::period_syntax_failure(kind, text, expected);
  return financial_quarter(financial_year::starting(scan.year.start), scan.number);
}

inline result<financial_month> financial_month::parse(std::string_view text) {
  constexpr std::string_view kind = "financial month";
  constexpr std::string_view expected =
      "a financial year, a space and M01 (April) to M12 (March), for example \"2024-25 M01\"";
  const detail::period_impl::labelled_scan scan =
      detail::period_impl::scan_labelled(text, 'M', 2, 12);
  if (scan.year.status != detail::period_impl::fy_status::ok) {
    return detail::period_impl::financial_year_failure(scan.year, kind, text, expected);
  }
  if (!scan.label_ok) return detail::period_impl::period_syntax_failure(kind, text, expected);
  return financial_month(financial_year::starting(scan.year.start), scan.number);
}

JOINEDUP_END_NAMESPACE
