// joinedup: the one place numbers become text for people and documents: fixed-point decimals,
// rounded decimals and percentages of exact ratios, and money through its own formatter. Every
// module writes numbers through these functions, so a sign, a rounding rule or a trailing zero
// is handled one way everywhere. Zero is never written with a minus sign ("-0.0%" cannot occur).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "joinedup/core/money.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/rounding.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// `scaled` ÷ 10^places written with exactly `places` decimals (0 to 18):
/// fixed_text(-5, 2) == "-0.05", fixed_text(1250, 1) == "125.0", fixed_text(7, 0) == "7".
[[nodiscard]] inline std::string fixed_text(detail::int128 scaled, int places) {
  places = std::clamp(places, 0, 18);
  const bool negative = scaled < 0;
  detail::int128 mag = negative ? -scaled : scaled;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag > 0);
  if (digits.size() <= static_cast<std::size_t>(places))
    digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
  if (places > 0) digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
  return (negative ? "-" : "") + digits;
}

/// `r` rounded to `places` decimals (0 to 12) by `mode`, with exactly that many decimals:
/// decimal_text(ratio::of(-1, 200), 3) == "-0.005", decimal_text(ratio::of(2, 3), 2) == "0.67".
[[nodiscard]] inline std::string decimal_text(ratio r, int places,
                                              rounding mode = rounding::half_even) {
  places = std::clamp(places, 0, 12);
  return fixed_text(
      detail::divide_rounded(detail::int128{r.num()} * detail::pow10(places), r.den(), mode),
      places);
}

namespace detail {
/// num × 10^places ÷ den written with no trailing zeros, or nullopt when it is not whole.
inline std::optional<std::string> exact_scaled_text(int128 num, std::int64_t den, int places) {
  const int128 scaled = num * pow10(places);
  if (scaled % den != 0) return std::nullopt;
  std::string out = fixed_text(scaled / den, places);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0')
      out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}
}  // namespace detail

/// `r` written exactly with no trailing zeros ("12.5", "-0.05", "3") when it has at most
/// `max_places` decimals (0 to 16); nullopt when it needs more or never ends (1/3).
[[nodiscard]] inline std::optional<std::string> exact_decimal_text(ratio r, int max_places = 12) {
  return detail::exact_scaled_text(r.num(), r.den(), std::clamp(max_places, 0, 16));
}

/// `r` as a percentage number, rounded to `places` decimals (0 to 12) by `mode`, without the
/// sign: percent_value_text(ratio::of(1, 8), 1) == "12.5", (−1/200, 2) == "-0.50".
[[nodiscard]] inline std::string percent_value_text(ratio r, int places,
                                                    rounding mode = rounding::half_even) {
  places = std::clamp(places, 0, 12);
  return fixed_text(
      detail::divide_rounded(detail::int128{r.num()} * 100 * detail::pow10(places), r.den(), mode),
      places);
}

/// `r` as a percentage rounded to `places` decimals: percent_text(ratio::of(-1, 200), 1) ==
/// "-0.5%", percent_text(ratio::of(2, 3), 2) == "66.67%".
[[nodiscard]] inline std::string percent_text(ratio r, int places,
                                              rounding mode = rounding::half_even) {
  return percent_value_text(r, places, mode) + "%";
}

/// `r` as an exact percentage with no trailing zeros when it has at most `max_places` decimals
/// ("60%", "12.5%", "-0.5%"); otherwise the ratio itself as "num/den", so nothing is rounded.
[[nodiscard]] inline std::string exact_percent_text(ratio r, int max_places = 2) {
  const std::optional<std::string> p = detail::exact_scaled_text(
      detail::int128{r.num()} * 100, r.den(), std::clamp(max_places, 0, 14));
  return p ? *p + "%" : r.to_string();
}

/// Money for people: "£1,234.56", "-£0.05" (money's display style).
[[nodiscard]] inline std::string money_text(money m) {
  return m.to_string(money_style::display);
}

JOINEDUP_END_NAMESPACE
