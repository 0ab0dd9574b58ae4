// joinedup: diagnostics, the single channel through which bad input is reported.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// How serious a diagnostic is. `error` and `fatal` mean the input must not be used as it is;
/// `fatal` additionally means reading stopped (for example the file is not JSON at all).
enum class severity : std::uint8_t { info, warning, error, fatal };

/// The lower-case name of a severity ("info", "warning", "error", "fatal").
constexpr std::string_view to_string(severity s) noexcept {
  switch (s) {
    case severity::info:
      return "info";
    case severity::warning:
      return "warning";
    case severity::error:
      return "error";
    case severity::fatal:
      return "fatal";
  }
  return "error";
}

namespace detail {
/// True for an ASCII digit.
constexpr bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
}  // namespace detail

/// Replaces anything in `text` that could be an NHS number (ten digits in a row, or written
/// 3-3-4 with single spaces or hyphens) by a mask that keeps only the last four digits:
/// "9434765919" becomes "******5919" and "943 476 5919" becomes "*** *** 5919". Longer digit
/// runs (amounts in pence, long references) are left alone.
inline std::string mask_nhs_numbers(std::string text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (!detail::is_digit(text[i]) || (i > 0 && detail::is_digit(text[i - 1]))) {
      ++i;
      continue;
    }
    // Plain ten-digit run.
    std::size_t j = i;
    while (j < n && detail::is_digit(text[j]))
      ++j;
    if (j - i == 10) {
      std::fill(text.begin() + static_cast<std::ptrdiff_t>(i),
                text.begin() + static_cast<std::ptrdiff_t>(i + 6), '*');
      i = j;
      continue;
    }
    // Grouped 3-3-4 with one separator (space or hyphen) between the groups.
    if (j - i == 3 && i + 12 <= n) {
      const char sep = text[i + 3];
      const bool sep_ok = (sep == ' ' || sep == '-') && text[i + 7] == sep;
      bool digits_ok = sep_ok;
      for (std::size_t k : {4u, 5u, 6u, 8u, 9u, 10u, 11u}) {
        digits_ok = digits_ok && detail::is_digit(text[i + k]);
      }
      const bool ends = i + 12 == n || !detail::is_digit(text[i + 12]);
      if (digits_ok && ends) {
        for (std::size_t k : {0u, 1u, 2u, 4u, 5u, 6u})
          text[i + k] = '*';
        i += 12;
        continue;
      }
    }
    i = j;
  }
  return text;
}

/// Builds JSON pointers (RFC 6901) into an input document, escaping `~` and `/` in keys.
/// Example: `json_pointer{}.key("schemes").index(3).key("planned").str() == "/schemes/3/planned"`.
class json_pointer {
 public:
  /// The pointer to the whole document ("").
  json_pointer() = default;
  /// Wraps an already-escaped pointer string such as "/schemes/3".
  explicit json_pointer(std::string pointer) : text_(std::move(pointer)) {}

  /// This pointer extended by an object member name (escaped as RFC 6901 requires).
  [[nodiscard]] json_pointer key(std::string_view name) const {
    std::string out = text_;
    out += '/';
    for (char c : name) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out += c;
      }
    }
    return json_pointer(std::move(out));
  }
  /// This pointer extended by an array index.
  [[nodiscard]] json_pointer index(std::size_t i) const {
    return json_pointer(text_ + '/' + std::to_string(i));
  }
  /// The pointer as text.
  [[nodiscard]] const std::string& str() const noexcept { return text_; }

 private:
  std::string text_;
};

/// One finding about input data: a stable dotted code (documented in docs/diagnostics.md), a
/// severity, a JSON pointer to the offending value, an optional 1-based CSV line, and a plain
/// message saying what was found and what was expected. Messages never carry a full NHS number.
struct diagnostic {
  std::string code;  ///< stable dotted code, e.g. "core.money.precision"
  joinedup::severity severity = joinedup::severity::error;  ///< how serious it is
  std::string path;                 ///< JSON pointer into the input ("" for the whole document)
  std::string message;              ///< what is wrong, the value found and what is expected
  std::optional<std::size_t> line;  ///< 1-based line number when the input was CSV or text

  /// True for `error` and `fatal`.
  [[nodiscard]] bool is_error() const noexcept { return severity >= severity::error; }
  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

/// Makes a diagnostic with its message passed through mask_nhs_numbers.
inline diagnostic make_diagnostic(std::string_view code, severity sev, std::string path,
                                  std::string message) {
  return diagnostic{std::string(code), sev, std::move(path), mask_nhs_numbers(std::move(message)),
                    std::nullopt};
}

/// An ordered collection of diagnostics. Validators append and go on, so a single run reports
/// every problem in the input.
class diagnostics {
 public:
  using value_type = diagnostic;
  using const_iterator = std::vector<diagnostic>::const_iterator;

  /// Appends a diagnostic; its message is masked for NHS numbers.
  void add(diagnostic d) {
    d.message = mask_nhs_numbers(std::move(d.message));
    items_.push_back(std::move(d));
  }
  /// Appends a diagnostic built from its parts.
  void add(std::string_view code, severity sev, std::string path, std::string message) {
    items_.push_back(make_diagnostic(code, sev, std::move(path), std::move(message)));
  }
  /// Appends an error.
  void error(std::string_view code, std::string path, std::string message) {
    add(code, severity::error, std::move(path), std::move(message));
  }
  /// Appends a warning.
  void warning(std::string_view code, std::string path, std::string message) {
    add(code, severity::warning, std::move(path), std::move(message));
  }
  /// Appends every diagnostic of `other`, with `prefix` put in front of each path.
  void append(const diagnostics& other, std::string_view prefix = {}) {
    for (const diagnostic& d : other.items_) {
      diagnostic copy = d;
      copy.path.insert(0, prefix);
      items_.push_back(std::move(copy));
    }
  }

  /// True when any diagnostic is an error or fatal.
  [[nodiscard]] bool has_errors() const noexcept {
    return std::any_of(items_.begin(), items_.end(),
                       [](const diagnostic& d) { return d.is_error(); });
  }
  /// How many diagnostics have exactly this severity.
  [[nodiscard]] std::size_t count(severity s) const noexcept {
    return static_cast<std::size_t>(std::count_if(
        items_.begin(), items_.end(), [s](const diagnostic& d) { return d.severity == s; }));
  }
  /// True when some diagnostic has this code.
  [[nodiscard]] bool contains(std::string_view code) const noexcept {
    return find(code) != nullptr;
  }
  /// The first diagnostic with this code, or nullptr.
  [[nodiscard]] const diagnostic* find(std::string_view code) const noexcept {
    auto it = std::find_if(items_.begin(), items_.end(),
                           [code](const diagnostic& d) { return d.code == code; });
    return it == items_.end() ? nullptr : &*it;
  }
  /// Number of diagnostics.
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  /// True when there are none.
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  /// The i-th diagnostic in the order added.
  [[nodiscard]] const diagnostic& operator[](std::size_t i) const { return items_[i]; }
  /// Iteration in the order added.
  [[nodiscard]] const_iterator begin() const noexcept { return items_.begin(); }
  /// End of iteration.
  [[nodiscard]] const_iterator end() const noexcept { return items_.end(); }

 private:
  std::vector<diagnostic> items_;
};

JOINEDUP_END_NAMESPACE
