// joinedup: dates with a format string, on Howard Hinnant's date library (its parse() reads the
// fields without judging them, so a date that cannot exist is told apart from one of the wrong
// form).
#include "joinedup/io/date_format.hpp"

#include <date/date.h>

#include <sstream>

#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

result<std::chrono::year_month_day> parse_date(std::string_view text, std::string_view format) {
  const std::string shown = "date '" + excerpt(text, 40) + "'";
  const std::string form = std::string(format);
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  date::fields<std::chrono::seconds> f{};
  date::from_stream(in, form.c_str(), f);
  if (in.fail() || in.peek() != std::istringstream::traits_type::eof() || !f.ymd.year().ok()) {
    return fail("core.date.syntax",
                shown + " is not in the form " + form + " (the whole text must match)");
  }
  const std::chrono::year_month_day d{std::chrono::year{static_cast<int>(f.ymd.year())},
                                      std::chrono::month{static_cast<unsigned>(f.ymd.month())},
                                      std::chrono::day{static_cast<unsigned>(f.ymd.day())}};
  if (!d.ok()) {
    return fail("core.date.invalid", shown + " read as " + form + " is not a day that exists");
  }
  return d;
}

std::string format_date(std::chrono::year_month_day d, std::string_view format) {
  if (!d.ok()) return {};
  const date::year_month_day v{date::year{static_cast<int>(d.year())},
                               date::month{static_cast<unsigned>(d.month())},
                               date::day{static_cast<unsigned>(d.day())}};
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << date::format(std::string(format).c_str(), v);
  return out.str();
}

}  // namespace io
JOINEDUP_END_NAMESPACE
