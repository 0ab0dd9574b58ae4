// joinedup: the one strict decimal-text reader behind money, rate and ratio parsing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "joinedup/core/rounding.hpp"

JOINEDUP_BEGIN_NAMESPACE

namespace detail {

/// What can be wrong with a decimal text.
enum class decimal_error : std::uint8_t { none, syntax, precision, range };

/// The outcome of parse_decimal: `units` is the value scaled by 10^max_places.
struct decimal_parse {
  decimal_error error = decimal_error::none;  ///< none when the text was accepted
  int128 units = 0;                           ///< value × 10^max_places, exact
  std::string reason;                         ///< what was wrong, for the message
};

/// Options for parse_decimal.
struct decimal_syntax {
  int max_places = 2;           ///< more decimal places than this is a precision error
  bool currency_symbol = true;  ///< accept a leading "£" (UTF-8) after an optional sign
  bool grouping = true;         ///< accept thousands separators "1,234,567" (groups of three)
  bool parentheses = true;      ///< accept accounting negatives "(1,234.56)"
  bool percent = false;         ///< accept a trailing "%" (value divided by 100)
};

/// True for the ASCII white space that CSV cells and hand-typed JSON carry around values.
constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// `text` in single quotes, for messages (built by appending, which also avoids a g++ 12
/// -Wrestrict false positive on chained operator+).
inline std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out.append(text);
  out += '\'';
  return out;
}

/// Strips leading and trailing ASCII white space.
constexpr std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

/// Reads a decimal number strictly: optional sign or accounting parentheses, optional "£",
/// digits with optional correctly placed thousands separators, optional "." and at least one
/// digit, and (when allowed) a trailing "%" that divides by 100. Never rounds: extra decimal
/// places are an error, and so is a value with more than 36 significant digits once scaled.
inline decimal_parse parse_decimal(std::string_view text, const decimal_syntax& opt) {
  decimal_parse out;
  auto bad = [&out](decimal_error e, std::string why) {
    out.error = e;
    out.reason = std::move(why);
    out.units = 0;
    return out;
  };
  std::string_view s = trim(text);
  if (s.empty()) return bad(decimal_error::syntax, "it is empty");
  bool negative = false;
  bool percent = false;
  if (s.front() == '(') {
    if (!opt.parentheses) return bad(decimal_error::syntax, "parentheses are not accepted here");
    if (s.back() != ')') return bad(decimal_error::syntax, "an opening '(' has no closing ')'");
    negative = true;
    s = s.substr(1, s.size() - 2);
  }
  if (opt.percent && !s.empty() && s.back() == '%') {
    percent = true;
    s.remove_suffix(1);
  }
  bool signed_already = false;
  auto take_sign = [&]() {
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
      if (negative || signed_already) return false;
      negative = s.front() == '-';
      signed_already = true;
      s.remove_prefix(1);
    }
    return true;
  };
  if (!take_sign()) return bad(decimal_error::syntax, "it has more than one sign");
  constexpr std::string_view pound = "\xC2\xA3";
  if (s.substr(0, pound.size()) == pound) {
    if (!opt.currency_symbol)
      return bad(decimal_error::syntax, "a currency symbol is not accepted");
    s.remove_prefix(pound.size());
    if (!take_sign()) return bad(decimal_error::syntax, "it has more than one sign");
  }
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac =
      dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (whole.empty())
    return bad(decimal_error::syntax, "there is no digit before the decimal point");
  if (dot != std::string_view::npos && frac.empty()) {
    return bad(decimal_error::syntax, "there is no digit after the decimal point");
  }
  // Whole part: digits, or groups of three after a first group of one to three.
  int128 value = 0;
  int digits = 0;
  std::size_t group = 0;
  bool grouped = false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c == ',') {
      if (!opt.grouping) return bad(decimal_error::syntax, "thousands separators are not accepted");
      if ((!grouped && (group == 0 || group > 3)) || (grouped && group != 3)) {
        return bad(decimal_error::syntax, "a thousands separator is misplaced");
      }
      grouped = true;
      group = 0;
      continue;
    }
    if (c < '0' || c > '9') {
      return bad(decimal_error::syntax, std::string("it has an unexpected character '") + c + "'");
    }
    if (digits > 0 || c != '0') ++digits;
    if (digits > 36) return bad(decimal_error::range, "it is too large");
    value = value * 10 + (c - '0');
    ++group;
  }
  if (grouped && group != 3)
    return bad(decimal_error::syntax, "a thousands separator is misplaced");
  // Range before the fraction digits are accumulated, so the 128-bit value cannot overflow.
  if (digits + opt.max_places > 36) return bad(decimal_error::range, "it is too large");
  // A percentage is divided by 100, so it may carry two fewer places than a plain value.
  const int allowed_places = percent ? opt.max_places - 2 : opt.max_places;
  int places = 0;
  for (char c : frac) {
    if (c < '0' || c > '9') {
      return bad(decimal_error::syntax, std::string("it has an unexpected character '") + c + "'");
    }
    ++places;
    if (places > allowed_places) {
      return bad(decimal_error::precision,
                 "it has more than " + std::to_string(allowed_places) + " decimal places");
    }
    value = value * 10 + (c - '0');
  }
  value *= pow10(allowed_places - places);
  out.units = negative ? -value : value;
  return out;
}

}  // namespace detail

JOINEDUP_END_NAMESPACE
