// joinedup: rate, a unit price or per-head amount finer than a penny, and rate × quantity.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "joinedup/core/money.hpp"
#include "joinedup/core/ratio.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// A price per unit (an hour of home care, a bed day, a head of weighted population) held
/// exactly in millionths of a pound: six decimal places, so "23.4567" and a capitation rate of
/// "1234.567891" are exact. A rate is not money: turning it into money always names a rounding.
class rate {
 public:
  /// Units of a rate per pound.
  static constexpr std::int64_t per_pound = 1'000'000;
  /// Units of a rate per penny.
  static constexpr std::int64_t per_penny = per_pound / 100;
  /// Decimal places of a pound that a rate holds.
  static constexpr int places = 6;

  /// Zero.
  constexpr rate() noexcept = default;
  /// Floating point never becomes a rate.
  template <std::floating_point F>
  rate(F) = delete;

  /// A rate from millionths of a pound.
  [[nodiscard]] static constexpr rate from_micros(std::int64_t micros) noexcept {
    rate r;
    r.micros_ = micros;
    return r;
  }
  /// A rate equal to a money amount per unit (exact).
  [[nodiscard]] static constexpr rate from_money(money m) {
    const detail::int128 v = detail::int128{m.pence()} * per_penny;
    if (!detail::fits_int64(v)) throw overflow_error("joinedup: rate out of range");
    return from_micros(static_cast<std::int64_t>(v));
  }

  /// Reads "23.4567", "£1,234.5678", "-0.25" exactly, up to six decimal places.
  /// Errors: core.rate.syntax, core.rate.precision, core.rate.range.
  [[nodiscard]] static result<rate> parse(std::string_view text) {
    detail::decimal_syntax opt;
    opt.max_places = places;
    const detail::decimal_parse p = detail::parse_decimal(text, opt);
    const std::string quoted = detail::quoted(text);
    switch (p.error) {
      case detail::decimal_error::none:
        break;
      case detail::decimal_error::syntax:
        return fail("core.rate.syntax",
                    "rate " + quoted + " is not a price: " + p.reason + "; expected 23.4567");
      case detail::decimal_error::precision:
        return fail("core.rate.precision", "rate " + quoted + " " + p.reason);
      case detail::decimal_error::range:
        return fail("core.rate.range", "rate " + quoted + " is outside the range of a rate");
    }
    if (!detail::fits_int64(p.units)) {
      return fail("core.rate.range", "rate " + quoted + " is outside the range of a rate");
    }
    return from_micros(static_cast<std::int64_t>(p.units));
  }

  /// Millionths of a pound.
  [[nodiscard]] constexpr std::int64_t micros() const noexcept { return micros_; }
  /// True for zero.
  [[nodiscard]] constexpr bool is_zero() const noexcept { return micros_ == 0; }
  /// True below zero.
  [[nodiscard]] constexpr bool is_negative() const noexcept { return micros_ < 0; }

  /// Interchange text: at least two and at most six decimal places, no trailing zeros beyond
  /// the second ("23.4567", "20.00", "-0.125").
  [[nodiscard]] std::string to_string() const {
    detail::int128 mag = micros_;
    const bool neg = mag < 0;
    if (neg) mag = -mag;
    std::string frac = std::to_string(static_cast<unsigned long long>(mag % per_pound));
    frac.insert(0, static_cast<std::size_t>(places) - frac.size(), '0');
    while (frac.size() > 2 && frac.back() == '0')
      frac.pop_back();
    return (neg ? "-" : "") + std::to_string(static_cast<unsigned long long>(mag / per_pound)) +
           "." + frac;
  }

  /// Rates compare by value.
  friend constexpr auto operator<=>(rate, rate) noexcept = default;
  /// Rates compare by value.
  friend constexpr bool operator==(rate, rate) noexcept = default;
  /// Checked sum of two rates.
  [[nodiscard]] friend constexpr rate operator+(rate a, rate b) {
    return from_checked(detail::int128{a.micros_} + b.micros_);
  }
  /// Checked difference of two rates.
  [[nodiscard]] friend constexpr rate operator-(rate a, rate b) {
    return from_checked(detail::int128{a.micros_} - b.micros_);
  }

 private:
  static constexpr rate from_checked(detail::int128 v) {
    if (!detail::fits_int64(v)) throw overflow_error("joinedup: rate out of range");
    return from_micros(static_cast<std::int64_t>(v));
  }
  std::int64_t micros_ = 0;
};

/// rate × quantity (a ratio, e.g. 2.5 hours), rounded to whole pence, or core.money.overflow.
[[nodiscard]] inline result<money> try_cost(rate r, ratio quantity, rounding mode) {
  const detail::int128 v =
      detail::divide_rounded(detail::int128{r.micros()} * quantity.num(),
                             detail::int128{quantity.den()} * rate::per_penny, mode);
  if (!detail::fits_int64(v)) return fail("core.money.overflow", "cost out of range");
  return money::from_pence(static_cast<std::int64_t>(v));
}
/// rate × quantity rounded to whole pence by `mode`; throws overflow_error when out of range.
/// Example: cost(£23.4567/hour, 10 hours, half_up) == £234.57.
[[nodiscard]] inline money cost(rate r, ratio quantity, rounding mode) {
  result<money> v = try_cost(r, quantity, mode);
  if (!v) throw overflow_error("joinedup: " + v.error().message);
  return *v;
}
/// rate × whole units rounded to whole pence by `mode`.
[[nodiscard]] inline money cost(rate r, std::int64_t units, rounding mode) {
  return cost(r, ratio::whole(units), mode);
}

/// rate × factor (a market forces factor, an uplift), rounded to a millionth of a pound, or
/// core.rate.overflow.
[[nodiscard]] inline result<rate> try_scale(rate r, ratio factor, rounding mode) {
  const detail::int128 v = detail::divide_rounded(detail::int128{r.micros()} * factor.num(),
                                                  detail::int128{factor.den()}, mode);
  if (!detail::fits_int64(v)) return fail("core.rate.overflow", "scaled rate out of range");
  return rate::from_micros(static_cast<std::int64_t>(v));
}
/// rate × factor rounded to a millionth of a pound; throws overflow_error when out of range.
[[nodiscard]] inline rate scale(rate r, ratio factor, rounding mode) {
  result<rate> v = try_scale(r, factor, mode);
  if (!v) throw overflow_error("joinedup: " + v.error().message);
  return *v;
}

/// The rate per unit of `total` spread over `units` (a per-head amount), rounded to a millionth
/// of a pound. Errors: core.rate.zero_units when units is zero or negative.
[[nodiscard]] inline result<rate> try_unit_rate(money total, ratio units, rounding mode) {
  if (units.num() <= 0) {
    return fail("core.rate.zero_units",
                "a rate per unit needs a positive number of units, found " + units.to_string());
  }
  detail::int128 scaled = 0;
  if (__builtin_mul_overflow(detail::int128{total.pence()} * rate::per_penny,
                             detail::int128{units.den()}, &scaled)) {
    return fail("core.rate.overflow", "rate out of range");
  }
  const detail::int128 v = detail::divide_rounded(scaled, units.num(), mode);
  if (!detail::fits_int64(v)) return fail("core.rate.overflow", "rate out of range");
  return rate::from_micros(static_cast<std::int64_t>(v));
}

JOINEDUP_END_NAMESPACE
