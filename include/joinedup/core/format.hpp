// joinedup: fmt formatters for the core vocabulary. Works with fmt 9 (Debian 12) to fmt 12.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace detail {

/// Fill, alignment and width parsed from a format spec, applied to already-built text.
struct padding_spec {
  std::string fill = " ";  ///< fill character (a UTF-8 sequence is allowed)
  char align = '\0';       ///< '<', '>', '^', or '\0' for the type's default
  std::size_t width = 0;   ///< minimum width in code points
  char type = '\0';        ///< the type letter that ended the spec, if any

  /// Parses `[[fill]align][width][type]` where type is one of `types`; returns the end.
  template <class It>
  constexpr It parse(It it, It end, std::string_view types) {
    auto is_align = [](char c) { return c == '<' || c == '>' || c == '^'; };
    if (it != end && *it != '}') {
      It next = it;
      ++next;
      if (next != end && is_align(*next)) {
        fill = std::string(1, *it);
        align = *next;
        it = ++next;
      } else if (is_align(*it)) {
        align = *it;
        ++it;
      }
    }
    while (it != end && *it >= '0' && *it <= '9') {
      width = width * 10 + static_cast<std::size_t>(*it - '0');
      ++it;
    }
    if (it != end && *it != '}') {
      if (types.find(*it) == std::string_view::npos) {
        throw fmt::format_error("joinedup: invalid format type");
      }
      type = *it;
      ++it;
    }
    if (it != end && *it != '}') throw fmt::format_error("joinedup: invalid format spec");
    return it;
  }

  /// `text` padded to the width; numbers align right by default.
  [[nodiscard]] std::string apply(std::string text, char default_align = '>') const {
    std::size_t cps = 0;
    for (char c : text)
      cps += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    if (cps >= width) return text;
    const std::size_t pad = width - cps;
    const char a = align == '\0' ? default_align : align;
    std::string left;
    std::string right;
    const std::size_t before = a == '<' ? 0 : (a == '>' ? pad : pad / 2);
    for (std::size_t i = 0; i < before; ++i)
      left += fill;
    for (std::size_t i = before; i < pad; ++i)
      right += fill;
    return left + text + right;
  }
};

}  // namespace detail
JOINEDUP_END_NAMESPACE

/// Formats money: `{}` gives "£1,234.56" / "-£1,234.56"; `{:a}` the accounting form
/// "(£1,234.56)"; `{:d}` the interchange form "1234.56". Fill, alignment and width work as for
/// numbers: `{:>12}`, `{:*<14a}`.
template <>
struct fmt::formatter<joinedup::money> {
  joinedup::detail::padding_spec spec;  ///< parsed spec

  /// Parses `[[fill]align][width][a|d|m]`.
  constexpr auto parse(format_parse_context& ctx) {
    return spec.parse(ctx.begin(), ctx.end(), "adm");
  }

  /// Writes the amount.
  template <class FormatContext>
  auto format(joinedup::money m, FormatContext& ctx) const {
    const joinedup::money_style style = spec.type == 'a'   ? joinedup::money_style::accounting
                                        : spec.type == 'd' ? joinedup::money_style::decimal
                                                           : joinedup::money_style::display;
    const std::string text = spec.apply(m.to_string(style));
    return std::copy(text.begin(), text.end(), ctx.out());
  }
};

/// Formats a rate in its interchange form "23.4567" (`{}`), with fill, alignment and width.
template <>
struct fmt::formatter<joinedup::rate> {
  joinedup::detail::padding_spec spec;  ///< parsed spec

  /// Parses `[[fill]align][width]`.
  constexpr auto parse(format_parse_context& ctx) { return spec.parse(ctx.begin(), ctx.end(), ""); }

  /// Writes the rate.
  template <class FormatContext>
  auto format(joinedup::rate r, FormatContext& ctx) const {
    const std::string text = spec.apply(r.to_string());
    return std::copy(text.begin(), text.end(), ctx.out());
  }
};

/// Formats a ratio as "num/den" (`{}`), with fill, alignment and width.
template <>
struct fmt::formatter<joinedup::ratio> {
  joinedup::detail::padding_spec spec;  ///< parsed spec

  /// Parses `[[fill]align][width]`.
  constexpr auto parse(format_parse_context& ctx) { return spec.parse(ctx.begin(), ctx.end(), ""); }

  /// Writes the ratio.
  template <class FormatContext>
  auto format(joinedup::ratio r, FormatContext& ctx) const {
    const std::string text = spec.apply(r.to_string());
    return std::copy(text.begin(), text.end(), ctx.out());
  }
};

/// Formats a diagnostic as one line: "error core.money.syntax at /amount (line 3): message".
template <>
struct fmt::formatter<joinedup::diagnostic> {
  /// Accepts only `{}`.
  constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }

  /// Writes the diagnostic.
  template <class FormatContext>
  auto format(const joinedup::diagnostic& d, FormatContext& ctx) const {
    auto out = fmt::format_to(ctx.out(), "{} {}", joinedup::to_string(d.severity), d.code);
    if (!d.path.empty()) out = fmt::format_to(out, " at {}", d.path);
    if (d.line && d.column) {
      out = fmt::format_to(out, " (line {}, column {})", *d.line, *d.column);
    } else if (d.line) {
      out = fmt::format_to(out, " (line {})", *d.line);
    }
    return fmt::format_to(out, ": {}", d.message);
  }
};
