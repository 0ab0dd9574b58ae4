// Fuzz target: the calendar parsers. parse_iso_date accepts only text it prints back exactly;
// financial years, quarters and months round-trip through to_string and stay inside their year.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <joinedup/core/period.hpp>
#include <string_view>

#include "fuzz_check.hpp"

namespace {

/// A rejected period or date carries a code of its module and a message.
template <class T>
void check_rejection(const joinedup::result<T>& r, std::string_view prefix) {
  JOINEDUP_FUZZ_CHECK(r.error().code.starts_with(prefix));
  JOINEDUP_FUZZ_CHECK(!r.error().message.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    const std::string_view text = joinedup_fuzz::as_text(data, size);

    const auto date = joinedup::parse_iso_date(text);
    if (date) {
      JOINEDUP_FUZZ_CHECK(date->ok());
      JOINEDUP_FUZZ_CHECK(joinedup::to_iso_string(*date) == text);
    } else {
      check_rejection(date, "core.date.");
    }

    const auto year = joinedup::financial_year::parse(text);
    if (year) {
      JOINEDUP_FUZZ_CHECK(
          joinedup_fuzz::holds(joinedup::financial_year::parse(year->to_string()), *year));
      JOINEDUP_FUZZ_CHECK(year->days() == 365 || year->days() == 366);
    } else {
      check_rejection(year, "core.period.");
    }

    const auto quarter = joinedup::financial_quarter::parse(text);
    if (quarter) {
      JOINEDUP_FUZZ_CHECK(
          joinedup_fuzz::holds(joinedup::financial_quarter::parse(quarter->to_string()), *quarter));
      JOINEDUP_FUZZ_CHECK(quarter->index() >= 1 && quarter->index() <= 4);
      JOINEDUP_FUZZ_CHECK(quarter->year().range().contains(quarter->range()));
    } else {
      check_rejection(quarter, "core.period.");
    }

    const auto month = joinedup::financial_month::parse(text);
    if (month) {
      JOINEDUP_FUZZ_CHECK(
          joinedup_fuzz::holds(joinedup::financial_month::parse(month->to_string()), *month));
      JOINEDUP_FUZZ_CHECK(month->index() >= 1 && month->index() <= 12);
      JOINEDUP_FUZZ_CHECK(month->quarter().range().contains(month->range()));
    } else {
      check_rejection(month, "core.period.");
    }
  });
}
