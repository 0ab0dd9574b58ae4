// joinedup: money, an exact amount of pounds sterling held as a whole number of pence.
#pragma once

#include <compare>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

#include "joinedup/core/decimal.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/core/rounding.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// How money is written as text.
enum class money_style : std::uint8_t {
  display,     ///< "£1,234.56" and "-£1,234.56"
  accounting,  ///< "£1,234.56" and "(£1,234.56)"
  decimal,     ///< "1234.56" and "-1234.56": the interchange form used in JSON and CSV
};

/// An exact amount of GBP as a signed 64-bit count of pence (about ±£92 million million).
/// Arithmetic is checked: `+`, `-`, unary `-` and `× integer` throw joinedup::overflow_error
/// rather than wrap, and every `try_` twin returns a result instead. There is deliberately no
/// construction from floating point, no `money × money` and no `money + integer`: lossy
/// operations live in ratio.hpp and rate.hpp and always name a rounding mode.
class money {
 public:
  /// Zero pence.
  constexpr money() noexcept = default;
  /// Floating point never becomes money.
  template <std::floating_point F>
  money(F) = delete;

  /// An amount from a whole number of pence.
  [[nodiscard]] static constexpr money from_pence(std::int64_t pence) noexcept {
    money m;
    m.pence_ = pence;
    return m;
  }
  /// Floating point never becomes money.
  template <std::floating_point F>
  static money from_pence(F) = delete;
  /// An amount from whole pounds; throws overflow_error when out of range.
  [[nodiscard]] static constexpr money from_pounds(std::int64_t pounds) {
    return from_pence(checked(detail::int128{pounds} * 100));
  }

  /// Reads an amount exactly: "1234.56", "-0.05", "£1,234.56", "(1,234.56)" (negative),
  /// "12" and "12.5" (= £12.50). More than two decimal places, misplaced separators, any other
  /// character or an out-of-range value give a diagnostic (core.money.syntax,
  /// core.money.precision, core.money.range), never a rounded value.
  [[nodiscard]] static result<money> parse(std::string_view text) {
    const detail::decimal_parse p = detail::parse_decimal(text, detail::decimal_syntax{});
    const std::string quoted = detail::quoted(text);
    switch (p.error) {
      case detail::decimal_error::none:
        break;
      case detail::decimal_error::syntax:
        return fail("core.money.syntax", "amount " + quoted + " is not a sum of money: " +
                                             p.reason + "; expected a form like 1234.56");
      case detail::decimal_error::precision:
        return fail("core.money.precision",
                    "amount " + quoted + " has more than two decimal places; round it at source");
      case detail::decimal_error::range:
        return fail("core.money.range", "amount " + quoted + " is outside the range of money");
    }
    if (!detail::fits_int64(p.units)) {
      return fail("core.money.range", "amount " + quoted + " is outside the range of money");
    }
    return from_pence(static_cast<std::int64_t>(p.units));
  }

  /// The amount in pence.
  [[nodiscard]] constexpr std::int64_t pence() const noexcept { return pence_; }
  /// True for exactly zero.
  [[nodiscard]] constexpr bool is_zero() const noexcept { return pence_ == 0; }
  /// True below zero.
  [[nodiscard]] constexpr bool is_negative() const noexcept { return pence_ < 0; }
  /// True above zero.
  [[nodiscard]] constexpr bool is_positive() const noexcept { return pence_ > 0; }
  /// The magnitude; throws overflow_error for the most negative amount.
  [[nodiscard]] constexpr money abs() const { return pence_ < 0 ? -*this : *this; }

  /// The amount as text in the given style.
  [[nodiscard]] std::string to_string(money_style style = money_style::decimal) const {
    const bool neg = pence_ < 0;
    detail::int128 mag = pence_;
    if (neg) mag = -mag;
    const auto pounds = static_cast<unsigned long long>(mag / 100);
    const auto p = static_cast<unsigned>(mag % 100);
    std::string digits = std::to_string(pounds);
    if (style != money_style::decimal) {
      std::string grouped;
      const std::size_t n = digits.size();
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
      }
      digits = "\xC2\xA3" + grouped;
    }
    std::string body =
        digits + '.' + static_cast<char>('0' + p / 10) + static_cast<char>('0' + p % 10);
    if (!neg) return body;
    if (style == money_style::accounting) return "(" + body + ")";
    return "-" + body;
  }

  /// Checked negation.
  [[nodiscard]] constexpr money operator-() const {
    return from_pence(checked(-detail::int128{pence_}));
  }
  /// Identity.
  [[nodiscard]] constexpr money operator+() const noexcept { return *this; }
  /// Checked sum.
  [[nodiscard]] friend constexpr money operator+(money a, money b) {
    return from_pence(checked(detail::int128{a.pence_} + b.pence_));
  }
  /// Checked difference.
  [[nodiscard]] friend constexpr money operator-(money a, money b) {
    return from_pence(checked(detail::int128{a.pence_} - b.pence_));
  }
  /// Checked product with a whole number (bool and floating point are not accepted).
  template <std::integral I>
  requires(!std::same_as<I, bool>) [[nodiscard]] friend constexpr money operator*(money a, I k) {
    return from_pence(checked(detail::int128{a.pence_} * detail::int128{k}));
  }
  /// Checked product with a whole number.
  template <std::integral I>
  requires(!std::same_as<I, bool>) [[nodiscard]] friend constexpr money operator*(I k, money a) {
    return a * k;
  }
  /// Checked compound sum.
  constexpr money& operator+=(money b) { return *this = *this + b; }
  /// Checked compound difference.
  constexpr money& operator-=(money b) { return *this = *this - b; }
  /// Checked compound product with a whole number.
  template <std::integral I>
  requires(!std::same_as<I, bool>) constexpr money& operator*=(I k) { return *this = *this * k; }

  /// Amounts compare by value.
  friend constexpr auto operator<=>(money, money) noexcept = default;
  /// Amounts compare by value.
  friend constexpr bool operator==(money, money) noexcept = default;

 private:
  /// Narrows an exact intermediate back to int64 or throws overflow_error.
  static constexpr std::int64_t checked(detail::int128 v) {
    if (!detail::fits_int64(v)) throw overflow_error("joinedup: money arithmetic overflow");
    return static_cast<std::int64_t>(v);
  }

  std::int64_t pence_ = 0;
};

/// `a + b`, or core.money.overflow when it would not fit.
[[nodiscard]] inline result<money> try_add(money a, money b) {
  const detail::int128 v = detail::int128{a.pence()} + b.pence();
  if (!detail::fits_int64(v)) return fail("core.money.overflow", "sum of money out of range");
  return money::from_pence(static_cast<std::int64_t>(v));
}
/// `a - b`, or core.money.overflow when it would not fit.
[[nodiscard]] inline result<money> try_sub(money a, money b) {
  const detail::int128 v = detail::int128{a.pence()} - b.pence();
  if (!detail::fits_int64(v))
    return fail("core.money.overflow", "difference of money out of range");
  return money::from_pence(static_cast<std::int64_t>(v));
}
/// `a × k`, or core.money.overflow when it would not fit.
[[nodiscard]] inline result<money> try_mul(money a, std::int64_t k) {
  const detail::int128 v = detail::int128{a.pence()} * k;
  if (!detail::fits_int64(v)) return fail("core.money.overflow", "product of money out of range");
  return money::from_pence(static_cast<std::int64_t>(v));
}
/// `-a`, or core.money.overflow for the most negative amount.
[[nodiscard]] inline result<money> try_neg(money a) {
  return try_sub(money{}, a);
}

/// Literals: `using namespace joinedup::literals; auto m = 1234_gbp;` (whole pounds) and
/// `5_p` (pence).
namespace literals {
/// Whole pounds.
consteval money operator""_gbp(unsigned long long pounds) {
  JOINEDUP_EXPECTS(pounds <= 92'233'720'368'547'758ULL);
  return money::from_pounds(static_cast<std::int64_t>(pounds));
}
/// Pence.
consteval money operator""_p(unsigned long long pence) {
  JOINEDUP_EXPECTS(pence <= 9'223'372'036'854'775'807ULL);
  return money::from_pence(static_cast<std::int64_t>(pence));
}
}  // namespace literals

JOINEDUP_END_NAMESPACE
