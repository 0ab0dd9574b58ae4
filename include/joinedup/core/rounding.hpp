// joinedup: rounding modes and the exact wide-integer helpers behind every lossy operation.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// How a lossy operation (money × ratio, rate × quantity) turns an exact quotient into whole
/// minor units. There is no default: every lossy call names one.
enum class rounding : std::uint8_t {
  half_even,    ///< to nearest, ties to the even neighbour (banker's rounding)
  half_up,      ///< to nearest, ties away from zero (spreadsheet ROUND)
  toward_zero,  ///< drop the fraction (truncate)
  floor,        ///< toward minus infinity
  ceiling,      ///< toward plus infinity
};

/// The snake_case name of a rounding mode, as used in JSON and on the command line.
constexpr std::string_view to_string(rounding r) noexcept {
  switch (r) {
    case rounding::half_even:
      return "half_even";
    case rounding::half_up:
      return "half_up";
    case rounding::toward_zero:
      return "toward_zero";
    case rounding::floor:
      return "floor";
    case rounding::ceiling:
      return "ceiling";
  }
  return "half_even";
}

namespace detail {

#if defined(__SIZEOF_INT128__)
/// 128-bit signed intermediate for exact products of two int64 values.
__extension__ typedef __int128 int128;
#else
#error "joinedup needs a compiler with a 128-bit integer (g++ or clang on 64-bit targets)"
#endif

/// Largest and smallest int64 as int128, for range checks after exact arithmetic.
inline constexpr int128 int64_max = std::numeric_limits<std::int64_t>::max();
/// See int64_max.
inline constexpr int128 int64_min = std::numeric_limits<std::int64_t>::min();

/// True when v fits in an int64.
constexpr bool fits_int64(int128 v) noexcept {
  return v >= int64_min && v <= int64_max;
}

/// Exact num / den rounded by `mode`. Precondition: den > 0.
constexpr int128 divide_rounded(int128 num, int128 den, rounding mode) {
  JOINEDUP_EXPECTS(den > 0);
  int128 q = num / den;  // truncates toward zero
  int128 r = num % den;  // same sign as num
  if (r == 0) return q;
  const bool negative = num < 0;
  switch (mode) {
    case rounding::toward_zero:
      return q;
    case rounding::floor:
      return negative ? q - 1 : q;
    case rounding::ceiling:
      return negative ? q : q + 1;
    case rounding::half_up:
    case rounding::half_even: {
      const int128 twice = (r < 0 ? -r : r) * 2;
      const int128 away = negative ? q - 1 : q + 1;
      if (twice > den) return away;
      if (twice < den) return q;
      if (mode == rounding::half_up) return away;
      return (q % 2 == 0) ? q : away;
    }
  }
  return q;
}

/// 10^n for 0 <= n <= 38.
constexpr int128 pow10(int n) noexcept {
  int128 v = 1;
  for (int i = 0; i < n; ++i)
    v *= 10;
  return v;
}

}  // namespace detail

JOINEDUP_END_NAMESPACE
