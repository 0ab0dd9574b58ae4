// joinedup: identifiers — NHS number, ODS organisation code, ONS/GSS code, and typed record ids.
// The rules come from docs/sources.md §S-NHS-NUMBER, §S-ODS-CODES and §S-GSS-CODES (cited below
// by their older numbers §6.1–6.3; the table at the end of docs/sources.md maps them).
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "joinedup/core/decimal.hpp"  // detail::trim
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE

// Character helpers. detail::is_digit (diagnostics.hpp) and detail::is_space / detail::trim
// (decimal.hpp) are reused from there; these add what identifiers need on top.
namespace detail {
/// True for an ASCII letter (A–Z, a–z).
constexpr bool is_ascii_letter(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
/// True for an ASCII letter or digit.
constexpr bool is_ascii_alnum(char c) noexcept {
  return is_ascii_letter(c) || is_digit(c);
}
/// The upper-case form of an ASCII letter; every other character is returned unchanged.
constexpr char to_ascii_upper(char c) noexcept {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
/// `text` trimmed (detail::trim: spaces, tabs, CR, LF) with its ASCII letters upper-cased (codes
/// are case-insensitive on input and stored upper-case).
inline std::string normalise_code(std::string_view text) {
  std::string out(trim(text));
  std::transform(out.begin(), out.end(), out.begin(), to_ascii_upper);
  return out;
}
/// One character for a message: 'c' in quotes when it is printable ASCII, else a description.
inline std::string describe_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u == ' ') return "a space";
  if (u > 0x20 && u < 0x7f) return std::string{'\'', c, '\''};
  return "a control or non-ASCII byte";
}
/// An input value quoted for a diagnostic message (printable ASCII kept, other bytes shown as
/// '?', cut at 40 characters). A value holding ten or more digits is not quoted at all but only
/// described, because it could contain an NHS number in a form mask_nhs_numbers does not catch.
inline std::string quote_for_message(std::string_view text) {
  if (text.empty()) return "an empty value";
  const auto digits = std::count_if(text.begin(), text.end(), is_digit);
  if (digits >= 10) {
    return "a value of " + std::to_string(text.size()) + " characters (not shown: it holds " +
           std::to_string(digits) + " digits and could contain an NHS number)";
  }
  constexpr std::size_t shown = 40;
  std::string out = "\"";
  for (char c : text.substr(0, shown)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '?';
  }
  out += text.size() > shown ? "...\"" : "\"";
  return out;
}
}  // namespace detail

// ---------------------------------------------------------------------------------------------
// NHS number (§6.1)
// ---------------------------------------------------------------------------------------------

/// A ten-digit NHS number whose tenth digit passes the Modulus 11 check of §6.1 (NHS Data
/// Dictionary). The only way to make one is parse(), so every value is valid; there is no
/// default value — use std::optional<nhs_number> where a number may be missing. Diagnostics
/// and logs should show masked(), never digits(): no message this type produces carries more
/// than the last four digits.
class nhs_number {
 public:
  /// Number of digits in an NHS number.
  static constexpr std::size_t length = 10;

  /// Reads an NHS number from untrusted text. Surrounding spaces, tabs, CRs and LFs are ignored;
  /// the accepted layouts are ten digits ("9434765919") or 3-3-4 groups split by single spaces
  /// ("943 476 5919") or by single hyphens ("943-476-5919"), never a mix. Errors:
  /// `core.nhs_number.syntax` when the text is not ten digits in one of those layouts, and
  /// `core.nhs_number.check_digit` when the Modulus 11 check fails (including check value 10,
  /// which is never issued). Messages show the number only in masked() form.
  [[nodiscard]] static result<nhs_number> parse(std::string_view text) {
    const std::string_view trimmed = detail::trim(text);
    const std::optional<std::array<char, length>> d = layout_digits(trimmed);
    if (!d) {
      return fail("core.nhs_number.syntax",
                  "NHS number is not in an accepted layout: found " + describe_layout(trimmed) +
                      "; expected 10 digits, written as one run or as 3-3-4 groups separated "
                      "by single spaces or by single hyphens");
    }
    nhs_number n(std::string(d->data(), d->size()));
    const std::optional<int> expected = check_digit_for(std::string_view(d->data(), 9));
    if (!expected) {
      return fail("core.nhs_number.check_digit",
                  "NHS number " + n.masked() +
                      " fails the Modulus 11 check: its first nine digits give check value 10, "
                      "so no such number is issued; check the number was copied correctly");
    }
    const int found = (*d)[9] - '0';
    if (found != *expected) {
      return fail("core.nhs_number.check_digit",
                  "NHS number " + n.masked() + " fails the Modulus 11 check: its check digit is " +
                      std::to_string(found) + " but its first nine digits give " +
                      std::to_string(*expected) + "; check the number was copied correctly");
    }
    return n;
  }

  /// True when parse(text) would succeed; does not allocate.
  [[nodiscard]] static constexpr bool is_valid(std::string_view text) noexcept {
    const std::optional<std::array<char, length>> d = layout_digits(detail::trim(text));
    if (!d) return false;
    const std::optional<int> expected = check_digit_for(std::string_view(d->data(), 9));
    return expected && *expected == (*d)[9] - '0';
  }

  /// The Modulus 11 check digit for the first nine digits of an NHS number (§6.1): digits 1–9
  /// are weighted 10, 9, …, 2 and summed; check = 11 − (sum mod 11), where 11 becomes 0.
  /// Returns nullopt when the check value is 10 (no valid number begins with these nine digits)
  /// or when `nine_digits` is not exactly nine ASCII digits.
  [[nodiscard]] static constexpr std::optional<int> check_digit_for(
      std::string_view nine_digits) noexcept {
    if (nine_digits.size() != 9) return std::nullopt;
    int sum = 0;
    int weight = 10;
    for (char c : nine_digits) {
      if (!detail::is_digit(c)) return std::nullopt;
      sum += (c - '0') * weight;
      --weight;
    }
    const int check = 11 - sum % 11;
    if (check == 11) return 0;
    if (check == 10) return std::nullopt;
    return check;
  }

  /// The ten digits with no separators, e.g. "9434765919". Personal data: do not log it.
  [[nodiscard]] const std::string& digits() const noexcept { return digits_; }
  /// The 3-3-4 display form, e.g. "943 476 5919". Personal data: do not log it.
  [[nodiscard]] std::string formatted() const {
    return digits_.substr(0, 3) + ' ' + digits_.substr(3, 3) + ' ' + digits_.substr(6);
  }
  /// The form every diagnostic uses, keeping only the last four digits: "*** *** 5919".
  [[nodiscard]] std::string masked() const { return "*** *** " + digits_.substr(6); }
  /// True for 999 000 0000–999 999 9999, which a third-party source describes as a test range
  /// that is never issued. [R] (§6.1, not an NHS source): a policy check, not a validity rule.
  [[nodiscard]] bool in_test_range() const noexcept { return digits_.starts_with("999"); }

  /// Equal when the digits are equal.
  friend bool operator==(const nhs_number&, const nhs_number&) = default;
  /// Orders by the digits (the same order as the numbers' values).
  friend std::strong_ordering operator<=>(const nhs_number&, const nhs_number&) = default;

 private:
  explicit nhs_number(std::string digits) : digits_(std::move(digits)) {}

  /// The ten digits of `trimmed` when it is in an accepted layout, else nullopt.
  static constexpr std::optional<std::array<char, length>> layout_digits(
      std::string_view trimmed) noexcept {
    std::array<char, length> out{};
    std::size_t n = 0;
    if (trimmed.size() == length + 2) {
      const char sep = trimmed[3];
      if ((sep != ' ' && sep != '-') || trimmed[7] != sep) return std::nullopt;
    } else if (trimmed.size() != length) {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
      if (trimmed.size() != length && (i == 3 || i == 7)) continue;
      if (!detail::is_digit(trimmed[i])) return std::nullopt;
      out[n++] = trimmed[i];
    }
    return out;
  }

  /// Why `trimmed` is not in an accepted layout, without repeating any of its digits.
  static std::string describe_layout(std::string_view trimmed) {
    if (trimmed.empty()) return "an empty value";
    std::size_t digit_count = 0;
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
      const char c = trimmed[i];
      if (detail::is_digit(c)) {
        ++digit_count;
      } else if (c != ' ' && c != '-') {
        return detail::describe_char(c) + " at position " + std::to_string(i + 1);
      }
    }
    if (digit_count != length) return std::to_string(digit_count) + " digits";
    return "10 digits with separators that are not one space or one hyphen after the 3rd and "
           "6th digits";
  }

  std::string digits_;
};

// ---------------------------------------------------------------------------------------------
// ODS organisation code (§6.2)
// ---------------------------------------------------------------------------------------------

/// What kind of organisation an ODS code's shape suggests (§6.2). A guess from the shape
/// alone, not a look-up in the ODS register.
enum class ods_kind : std::uint8_t {
  nhs_trust,         ///< 3 characters beginning R (RCF)
  nhs_trust_site,    ///< 5 characters beginning R: trust code + 2 (RH802)
  icb,               ///< integrated care board: 3 characters beginning Q (QHM)
  sub_icb_location,  ///< former CCG: 2 digits + 1 letter (00L); an observed pattern
  gp_practice,       ///< 1 letter + 5 digits (F86639)
  nhs_region,        ///< NHS England region: Y + 2 characters (Y63)
  local_authority,   ///< 3 digits (503) or, for codes issued since 2021, 5 characters ANANA
  unknown,           ///< none of the shapes above
};

/// The snake_case name of an ODS kind, e.g. "sub_icb_location".
[[nodiscard]] constexpr std::string_view to_string(ods_kind k) noexcept {
  switch (k) {
    case ods_kind::nhs_trust:
      return "nhs_trust";
    case ods_kind::nhs_trust_site:
      return "nhs_trust_site";
    case ods_kind::icb:
      return "icb";
    case ods_kind::sub_icb_location:
      return "sub_icb_location";
    case ods_kind::gp_practice:
      return "gp_practice";
    case ods_kind::nhs_region:
      return "nhs_region";
    case ods_kind::local_authority:
      return "local_authority";
    case ods_kind::unknown:
      return "unknown";
  }
  return "unknown";
}

/// An NHS England Organisation Data Service code: 1 to 7 ASCII letters or digits, stored
/// upper-case. The length rule is deliberately loose: NHS code uses ^[a-zA-Z0-9]{1,5}$ (§6.2),
/// but GP practice codes have 6 characters, so this type allows up to 7.
class ods_code {
 public:
  /// Longest code accepted.
  static constexpr std::size_t max_length = 7;

  /// Reads an ODS code from untrusted text: surrounding spaces, tabs, CRs and LFs are ignored and
  /// letters are upper-cased ("rcf" → "RCF"). Error `core.ods_code.syntax` when the rest is not 1
  /// to 7 letters or digits.
  [[nodiscard]] static result<ods_code> parse(std::string_view text) {
    std::string code = detail::normalise_code(text);
    if (code.empty() || code.size() > max_length ||
        !std::all_of(code.begin(), code.end(), detail::is_ascii_alnum)) {
      return fail("core.ods_code.syntax", "ODS code is not valid: found " +
                                              detail::quote_for_message(code) + "; expected 1 to " +
                                              std::to_string(max_length) +
                                              " letters or digits, such as RCF");
    }
    return ods_code(std::move(code));
  }

  /// The code, upper-case, e.g. "RH802".
  [[nodiscard]] const std::string& str() const noexcept { return code_; }

  /// The kind of organisation the code's shape suggests, using exactly the shapes of §6.2.
  /// This is a guess: shapes overlap with codes of other kinds (a 5-character code beginning R
  /// is taken as a trust site even when it also fits the local-authority ANANA shape), so
  /// confirm against the ODS register where the kind matters.
  [[nodiscard]] ods_kind kind() const noexcept {
    const std::string_view c = code_;
    const auto digits_from = [c](std::size_t first) {
      return std::all_of(c.begin() + static_cast<std::ptrdiff_t>(first), c.end(), detail::is_digit);
    };
    switch (c.size()) {
      case 3:
        if (c[0] == 'R') return ods_kind::nhs_trust;
        if (c[0] == 'Q') return ods_kind::icb;
        if (c[0] == 'Y') return ods_kind::nhs_region;
        if (digits_from(0)) return ods_kind::local_authority;
        if (detail::is_digit(c[0]) && detail::is_digit(c[1]) && detail::is_ascii_letter(c[2])) {
          return ods_kind::sub_icb_location;
        }
        return ods_kind::unknown;
      case 5:
        if (c[0] == 'R') return ods_kind::nhs_trust_site;
        if (detail::is_ascii_letter(c[0]) && detail::is_digit(c[1]) &&
            detail::is_ascii_letter(c[2]) && detail::is_digit(c[3]) &&
            detail::is_ascii_letter(c[4])) {
          return ods_kind::local_authority;
        }
        return ods_kind::unknown;
      case 6:
        if (detail::is_ascii_letter(c[0]) && digits_from(1)) return ods_kind::gp_practice;
        return ods_kind::unknown;
      default:
        return ods_kind::unknown;
    }
  }

  /// Equal when the codes are equal.
  friend bool operator==(const ods_code&, const ods_code&) = default;
  /// Orders by the code text.
  friend std::strong_ordering operator<=>(const ods_code&, const ods_code&) = default;

 private:
  explicit ods_code(std::string code) : code_(std::move(code)) {}

  std::string code_;
};

// ---------------------------------------------------------------------------------------------
// ONS/GSS code (§6.3)
// ---------------------------------------------------------------------------------------------

/// The kind of area a GSS code's 3-character entity prefix names (§6.3). Only the English
/// prefixes listed there are told apart; every other prefix (Welsh, Scottish, other English
/// entities) is `other`.
enum class gss_kind : std::uint8_t {
  unitary_authority,          ///< E06
  non_metropolitan_district,  ///< E07 (shire district)
  metropolitan_district,      ///< E08
  london_borough,             ///< E09
  county,                     ///< E10
  region,                     ///< E12 English region
  sub_icb_location,           ///< E38 (former CCG)
  nhs_region,                 ///< E40 NHS England region
  icb,                        ///< E54 integrated care board
  country,                    ///< E92 (E92000001 England)
  other,                      ///< any other entity prefix
};

/// The snake_case name of a GSS kind, e.g. "unitary_authority".
[[nodiscard]] constexpr std::string_view to_string(gss_kind k) noexcept {
  switch (k) {
    case gss_kind::unitary_authority:
      return "unitary_authority";
    case gss_kind::non_metropolitan_district:
      return "non_metropolitan_district";
    case gss_kind::metropolitan_district:
      return "metropolitan_district";
    case gss_kind::london_borough:
      return "london_borough";
    case gss_kind::county:
      return "county";
    case gss_kind::region:
      return "region";
    case gss_kind::sub_icb_location:
      return "sub_icb_location";
    case gss_kind::nhs_region:
      return "nhs_region";
    case gss_kind::icb:
      return "icb";
    case gss_kind::country:
      return "country";
    case gss_kind::other:
      return "other";
  }
  return "other";
}

namespace detail {
/// One row of the GSS entity-prefix table.
struct gss_entity_row {
  std::string_view prefix;  ///< e.g. "E06"
  gss_kind kind;            ///< what the prefix names
};
/// The entity prefixes of §6.3, exactly as listed there.
inline constexpr std::array<gss_entity_row, 10> gss_entities{{
    {"E06", gss_kind::unitary_authority},
    {"E07", gss_kind::non_metropolitan_district},
    {"E08", gss_kind::metropolitan_district},
    {"E09", gss_kind::london_borough},
    {"E10", gss_kind::county},
    {"E12", gss_kind::region},
    {"E38", gss_kind::sub_icb_location},
    {"E40", gss_kind::nhs_region},
    {"E54", gss_kind::icb},
    {"E92", gss_kind::country},
}};
}  // namespace detail

/// An ONS Government Statistical Service area code: 9 characters, a 3-character entity prefix
/// (a letter and two digits, e.g. E06) then 6 digits, e.g. E06000001. Stored upper-case.
class gss_code {
 public:
  /// Number of characters in a GSS code.
  static constexpr std::size_t length = 9;

  /// Reads a GSS code from untrusted text: surrounding spaces, tabs, CRs and LFs are ignored and
  /// letters are upper-cased ("e06000001" → "E06000001"). Error `core.gss_code.syntax` when the
  /// rest is not a letter followed by 8 digits.
  [[nodiscard]] static result<gss_code> parse(std::string_view text) {
    std::string code = detail::normalise_code(text);
    if (code.size() != length || !detail::is_ascii_letter(code[0]) ||
        !std::all_of(code.begin() + 1, code.end(), detail::is_digit)) {
      return fail("core.gss_code.syntax",
                  "GSS code is not valid: found " + detail::quote_for_message(code) +
                      "; expected 9 characters, a letter and 8 digits, such as E06000001");
    }
    return gss_code(std::move(code));
  }

  /// The code, upper-case, e.g. "E54000050".
  [[nodiscard]] const std::string& str() const noexcept { return code_; }
  /// The 3-character entity prefix, e.g. "E06".
  [[nodiscard]] std::string entity() const { return code_.substr(0, 3); }
  /// The kind of area the entity prefix names (§6.3); `other` for prefixes not listed there.
  [[nodiscard]] gss_kind kind() const noexcept {
    const std::string_view prefix = std::string_view(code_).substr(0, 3);
    for (const detail::gss_entity_row& row : detail::gss_entities) {
      if (row.prefix == prefix) return row.kind;
    }
    return gss_kind::other;
  }
  /// True for the upper-tier authorities E06, E08, E09 and E10: the councils that can be a
  /// Health and Wellbeing Board and adult social care authority (CASSR). [R] (§6.3): E07
  /// districts are not; Isles of Scilly and City of London are special cases left to callers.
  [[nodiscard]] bool is_upper_tier_authority() const noexcept {
    switch (kind()) {
      case gss_kind::unitary_authority:
      case gss_kind::metropolitan_district:
      case gss_kind::london_borough:
      case gss_kind::county:
        return true;
      default:
        return false;
    }
  }

  /// Equal when the codes are equal.
  friend bool operator==(const gss_code&, const gss_code&) = default;
  /// Orders by the code text.
  friend std::strong_ordering operator<=>(const gss_code&, const gss_code&) = default;

 private:
  explicit gss_code(std::string code) : code_(std::move(code)) {}

  std::string code_;
};

// ---------------------------------------------------------------------------------------------
// Typed ids for the library's own records
// ---------------------------------------------------------------------------------------------

/// A typed identifier for references between the library's own records (a scheme, a plan
/// line, a plan). `Tag` only names the kind of record and may stay incomplete: ids with
/// different tags neither compare nor convert, so a line id cannot be passed where a scheme id
/// is expected. The text is not checked; the default value is the empty id.
template <class Tag>
class id {
 public:
  /// The tag naming what kind of record this id refers to.
  using tag_type = Tag;

  /// The empty id.
  id() = default;
  /// Wraps `value` (explicit, so a plain string never becomes an id by accident).
  explicit id(std::string value) noexcept : value_(std::move(value)) {}

  /// The id text.
  [[nodiscard]] const std::string& str() const noexcept { return value_; }
  /// True for the empty id.
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

  /// Equal when the texts are equal (only between ids of the same Tag).
  friend bool operator==(const id&, const id&) = default;
  /// Orders by the text (only between ids of the same Tag).
  friend std::strong_ordering operator<=>(const id&, const id&) = default;

 private:
  std::string value_;
};

/// Tag for ids of funded schemes (declared only; never needs a definition).
struct scheme_tag;
/// Tag for ids of plan lines (declared only; never needs a definition).
struct line_tag;
/// Tag for ids of plans (declared only; never needs a definition).
struct plan_tag;
/// Identifier of a scheme.
using scheme_id = id<scheme_tag>;
/// Identifier of a plan line.
using line_id = id<line_tag>;
/// Identifier of a plan.
using plan_id = id<plan_tag>;

JOINEDUP_END_NAMESPACE

/// Hashes a typed id as its text, so ids can key unordered containers.
template <class Tag>
struct std::hash<joinedup::id<Tag>> {
  /// The hash of the id text.
  [[nodiscard]] std::size_t operator()(const joinedup::id<Tag>& v) const noexcept {
    return std::hash<std::string>{}(v.str());
  }
};

/// Hashes an NHS number as its digits.
template <>
struct std::hash<joinedup::nhs_number> {
  /// The hash of the ten digits.
  [[nodiscard]] std::size_t operator()(const joinedup::nhs_number& v) const noexcept {
    return std::hash<std::string>{}(v.digits());
  }
};

/// Hashes an ODS code as its text.
template <>
struct std::hash<joinedup::ods_code> {
  /// The hash of the code text.
  [[nodiscard]] std::size_t operator()(const joinedup::ods_code& v) const noexcept {
    return std::hash<std::string>{}(v.str());
  }
};

/// Hashes a GSS code as its text.
template <>
struct std::hash<joinedup::gss_code> {
  /// The hash of the code text.
  [[nodiscard]] std::size_t operator()(const joinedup::gss_code& v) const noexcept {
    return std::hash<std::string>{}(v.str());
  }
};
