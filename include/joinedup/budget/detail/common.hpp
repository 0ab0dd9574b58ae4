// joinedup: helpers shared by the budget headers' internals (namespace budget::detail): money and
// shares as text for steps and messages, and checked 128-bit arithmetic.
#pragma once

#include <string>

#include "joinedup/core/error.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/core/ratio.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget::detail {

/// "£1,234.56" (or "-£1,234.56") for steps and messages.
inline std::string gbp(money m) {
  return m.to_string(money_style::display);
}

/// A share as "60%" or "12.5%" when it has at most two places, else "num/den".
inline std::string pct(ratio r) {
  return exact_percent_text(r, 2);
}

/// a × b, throwing overflow_error when the 128-bit product does not fit.
inline joinedup::detail::int128 mul(joinedup::detail::int128 a, joinedup::detail::int128 b) {
  joinedup::detail::int128 out = 0;
  if (__builtin_mul_overflow(a, b, &out)) throw overflow_error("joinedup: budget overflow");
  return out;
}

/// a + b, throwing overflow_error when the 128-bit sum does not fit.
inline joinedup::detail::int128 add(joinedup::detail::int128 a, joinedup::detail::int128 b) {
  joinedup::detail::int128 out = 0;
  if (__builtin_add_overflow(a, b, &out)) throw overflow_error("joinedup: budget overflow");
  return out;
}

}  // namespace budget::detail
JOINEDUP_END_NAMESPACE
