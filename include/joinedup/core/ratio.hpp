// joinedup: ratio, an exact fraction (percentages, shares, quantities), and money × ratio.
#pragma once

#include <compare>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>

#include "joinedup/core/money.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// An exact fraction num/den with den > 0, kept in lowest terms. Used for
/// shares ("12.5%"), factors (a market forces factor of 1.0523) and fractional quantities
/// (2.5 hours a week).
class ratio {
 public:
  /// Zero.
  constexpr ratio() noexcept = default;
  /// Floating point never becomes an exact ratio.
  template <std::floating_point F>
  ratio(F) = delete;

  /// num/den in lowest terms. Precondition: den != 0 (a negative den moves the sign up).
  [[nodiscard]] static constexpr ratio of(std::int64_t num, std::int64_t den) {
    JOINEDUP_EXPECTS(den != 0);
    detail::int128 n = num;
    detail::int128 d = den;
    if (d < 0) {
      n = -n;
      d = -d;
    }
    return reduce(n, d);
  }
  /// A whole number.
  [[nodiscard]] static constexpr ratio whole(std::int64_t n) { return of(n, 1); }
  /// A percentage: percent(25) == 1/4.
  [[nodiscard]] static constexpr ratio percent(std::int64_t p) { return of(p, 100); }

  /// Reads "0.125", "12.5%", "3/8", "-1.5" exactly (up to 12 decimal places; a percentage up to
  /// 10). Errors: core.ratio.syntax, core.ratio.precision, core.ratio.range.
  [[nodiscard]] static result<ratio> parse(std::string_view text) {
    const std::string quoted = detail::quoted(text);
    const std::string_view t = detail::trim(text);
    const std::size_t slash = t.find('/');
    if (slash != std::string_view::npos) {
      const result<ratio> n = parse(t.substr(0, slash));
      const result<ratio> d = parse(t.substr(slash + 1));
      if (!n || !d || n->den() != 1 || d->den() != 1 || d->num() == 0) {
        return fail("core.ratio.syntax", "ratio " + quoted +
                                             " is not a fraction of two whole numbers with a "
                                             "non-zero denominator, like 3/8");
      }
      ratio r;
      detail::int128 num = n->num();
      detail::int128 den = d->num();
      if (den < 0) {
        num = -num;
        den = -den;
      }
      if (!try_reduce(num, den, r)) {
        return fail("core.ratio.range",
                    "ratio " + quoted + " does not fit an exact fraction of 64-bit integers");
      }
      return r;
    }
    detail::decimal_syntax opt;
    opt.max_places = places;
    opt.currency_symbol = false;
    opt.grouping = false;
    opt.parentheses = false;
    opt.percent = true;
    const detail::decimal_parse p = detail::parse_decimal(t, opt);
    switch (p.error) {
      case detail::decimal_error::none:
        break;
      case detail::decimal_error::syntax:
        return fail("core.ratio.syntax",
                    "ratio " + quoted + " is not a number: " + p.reason + "; expected 0.25 or 25%");
      case detail::decimal_error::precision:
        return fail("core.ratio.precision", "ratio " + quoted + " " + p.reason);
      case detail::decimal_error::range:
        return fail("core.ratio.range", "ratio " + quoted + " is too large");
    }
    ratio r;
    if (!try_reduce(p.units, detail::pow10(places), r)) {
      return fail("core.ratio.range",
                  "ratio " + quoted + " does not fit an exact fraction of 64-bit integers");
    }
    return r;
  }

  /// Numerator (carries the sign).
  [[nodiscard]] constexpr std::int64_t num() const noexcept { return num_; }
  /// Denominator (always positive).
  [[nodiscard]] constexpr std::int64_t den() const noexcept { return den_; }
  /// True for zero.
  [[nodiscard]] constexpr bool is_zero() const noexcept { return num_ == 0; }
  /// True below zero.
  [[nodiscard]] constexpr bool is_negative() const noexcept { return num_ < 0; }

  /// The exact decimal form when the ratio has at most twelve decimal places ("1.05", "-0.5",
  /// "3"), otherwise to_string()'s "num/den".
  [[nodiscard]] std::string to_decimal_string() const {
    const detail::int128 unit = detail::pow10(12);
    if (unit % den_ != 0) return to_string();
    detail::int128 v = detail::int128{num_} * (unit / den_);
    const bool neg = v < 0;
    if (neg) v = -v;
    std::string frac;
    detail::int128 f = v % unit;
    for (int i = 0; i < 12; ++i) {
      frac.insert(frac.begin(), static_cast<char>('0' + static_cast<int>(f % 10)));
      f /= 10;
    }
    while (!frac.empty() && frac.back() == '0')
      frac.pop_back();
    std::string whole;
    detail::int128 w = v / unit;
    do {
      whole.insert(whole.begin(), static_cast<char>('0' + static_cast<int>(w % 10)));
      w /= 10;
    } while (w > 0);
    return (neg ? "-" : "") + whole + (frac.empty() ? "" : "." + frac);
  }

  /// "num/den", or "num" when den is 1.
  [[nodiscard]] std::string to_string() const {
    return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
  }

  /// Exact comparison (cross-multiplied in 128 bits).
  friend constexpr std::strong_ordering operator<=>(ratio a, ratio b) noexcept {
    const detail::int128 l = detail::int128{a.num_} * b.den_;
    const detail::int128 r = detail::int128{b.num_} * a.den_;
    return l < r ? std::strong_ordering::less
                 : (l > r ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  /// Exact equality (both sides are in lowest terms).
  friend constexpr bool operator==(ratio, ratio) noexcept = default;

  /// Exact product; throws overflow_error when the reduced result does not fit.
  [[nodiscard]] friend constexpr ratio operator*(ratio a, ratio b) {
    return reduce(detail::int128{a.num_} * b.num_, detail::int128{a.den_} * b.den_);
  }
  /// Exact sum; throws overflow_error when the reduced result does not fit.
  [[nodiscard]] friend constexpr ratio operator+(ratio a, ratio b) {
    return reduce(detail::int128{a.num_} * b.den_ + detail::int128{b.num_} * a.den_,
                  detail::int128{a.den_} * b.den_);
  }
  /// Exact difference.
  [[nodiscard]] friend constexpr ratio operator-(ratio a, ratio b) {
    return a + ratio::of(-b.num_, b.den_);
  }

  /// Decimal places accepted by parse().
  static constexpr int places = 12;

 private:
  /// Reduces n/d (d > 0) to lowest terms into `out`; false when it does not fit int64.
  static constexpr bool try_reduce(detail::int128 n, detail::int128 d, ratio& out) {
    detail::int128 a = n < 0 ? -n : n;
    detail::int128 b = d;
    while (b != 0) {
      const detail::int128 t = a % b;
      a = b;
      b = t;
    }
    if (a > 1) {
      n /= a;
      d /= a;
    }
    if (n == 0) d = 1;
    if (!detail::fits_int64(n) || !detail::fits_int64(d)) return false;
    out.num_ = static_cast<std::int64_t>(n);
    out.den_ = static_cast<std::int64_t>(d);
    return true;
  }
  /// Reduces n/d (d > 0) to lowest terms or throws overflow_error when it does not fit.
  static constexpr ratio reduce(detail::int128 n, detail::int128 d) {
    ratio r;
    if (!try_reduce(n, d, r)) throw overflow_error("joinedup: ratio out of range");
    return r;
  }

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

/// money × ratio, rounded to whole pence by `mode`, or core.money.overflow.
[[nodiscard]] inline result<money> try_scale(money m, ratio r, rounding mode) {
  const detail::int128 v =
      detail::divide_rounded(detail::int128{m.pence()} * r.num(), detail::int128{r.den()}, mode);
  if (!detail::fits_int64(v)) return fail("core.money.overflow", "scaled money out of range");
  return money::from_pence(static_cast<std::int64_t>(v));
}

/// money × ratio, rounded to whole pence by `mode`; throws overflow_error when out of range.
/// Example: scale(£10.00, 1/3, rounding::half_even) == £3.33.
[[nodiscard]] inline money scale(money m, ratio r, rounding mode) {
  result<money> v = try_scale(m, r, mode);
  if (!v) throw overflow_error("joinedup: " + v.error().message);
  return *v;
}

JOINEDUP_END_NAMESPACE
