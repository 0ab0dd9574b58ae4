// joinedup: diagnostics, the single channel through which bad input is reported.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
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

/// The length of the well-formed UTF-8 sequence starting at `text[i]` (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF), or 0 when the byte there does not start one.
constexpr std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}
}  // namespace detail

/// True when `text` is well-formed UTF-8.
constexpr bool is_valid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = detail::utf8_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

/// `text` made safe to print anywhere: well-formed UTF-8 is kept as it is; every byte that is
/// not part of a well-formed sequence (a stray byte, a code point cut in half) is written as
/// `\xNN`, and control characters other than tab as `\u00NN`, so that messages stay valid
/// UTF-8 and one line long.
inline std::string printable_text(std::string_view text) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  const bool plain = std::all_of(text.begin(), text.end(),
                                 [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\t'; });
  if (plain) return std::string(text);  // printable ASCII: nothing to escape
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = detail::utf8_sequence_length(text, i);
    const auto b = static_cast<unsigned char>(text[i]);
    if (n == 0) {
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 0xF];
      ++i;
    } else if (n == 1 && (b < 0x20 || b == 0x7F) && b != '\t') {
      out += "\\u00";
      out += hex[b >> 4];
      out += hex[b & 0xF];
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

/// The longest prefix of `text` of at most `max_bytes` bytes that does not cut a UTF-8
/// sequence in half; "…" is appended when anything was cut off. For quoting input in messages.
inline std::string excerpt(std::string_view text, std::size_t max_bytes = 60) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = 0;
  while (end < max_bytes) {
    const std::size_t n = std::max<std::size_t>(detail::utf8_sequence_length(text, end), 1);
    if (end + n > max_bytes) break;
    end += n;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

/// Which digit runs mask_nhs_numbers masks.
enum class nhs_mask : std::uint8_t {
  any_ten_digits,  ///< every run that has the shape of an NHS number (diagnostics)
  valid_only,      ///< only runs that pass the NHS number's Modulus 11 check (command output)
};

namespace detail {
/// The NHS number check (Modulus 11: weights 10 to 2 on the first nine digits; 11 minus the
/// remainder is the check digit, 11 counts as 0 and 10 is never issued) on ten ASCII digits.
constexpr bool nhs_modulus_11(const std::array<char, 10>& d) noexcept {
  int sum = 0;
  for (int k = 0; k < 9; ++k)
    sum += (d[static_cast<std::size_t>(k)] - '0') * (10 - k);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == d[9] - '0';
}
}  // namespace detail

/// Replaces anything in `text` that could be an NHS number (ten digits in a row, or written
/// 3-3-4 with single spaces or hyphens) by a mask that keeps only the last four digits:
/// "9434765919" becomes "******5919" and "943 476 5919" becomes "*** *** 5919". Longer digit
/// runs (amounts in pence, long references) and the digits of a decimal number (either side of
/// its point, or before an exponent) are left alone. With nhs_mask::valid_only, only
/// runs whose check digit is right are masked.
inline std::string mask_nhs_numbers(std::string text, nhs_mask mode = nhs_mask::any_ten_digits) {
  const std::size_t n = text.size();
  const auto masks = [&](std::size_t at, std::initializer_list<std::size_t> offsets) {
    if (mode == nhs_mask::any_ten_digits) return true;
    std::array<char, 10> digits{};
    std::size_t k = 0;
    for (std::size_t o : offsets)
      digits[k++] = text[at + o];
    return detail::nhs_modulus_11(digits);
  };
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
    // Digits of a decimal number ("118044.0123456044", "1234567890.5", "1234567890e-3") are
    // not an NHS number: statistics in the output keep every digit.
    const bool after_point = i >= 2 && text[i - 1] == '.' && detail::is_digit(text[i - 2]);
    const bool before_point = j + 1 < n && text[j] == '.' && detail::is_digit(text[j + 1]);
    const bool exponent =
        j + 1 < n && (text[j] == 'e' || text[j] == 'E') &&
        (detail::is_digit(text[j + 1]) || text[j + 1] == '+' || text[j + 1] == '-');
    if (after_point || before_point || exponent) {
      i = j;
      continue;
    }
    if (j - i == 10) {
      if (masks(i, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) {
        std::fill(text.begin() + static_cast<std::ptrdiff_t>(i),
                  text.begin() + static_cast<std::ptrdiff_t>(i + 6), '*');
      }
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
      if (digits_ok && ends && masks(i, {0, 1, 2, 4, 5, 6, 8, 9, 10, 11})) {
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
  std::optional<std::size_t> column = std::nullopt;  ///< 1-based column (in bytes) on `line`

  /// True for `error` and `fatal`.
  [[nodiscard]] bool is_error() const noexcept { return severity >= severity::error; }
  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

/// Makes a diagnostic whose path and message are printable UTF-8 (printable_text) with NHS
/// numbers masked (mask_nhs_numbers).
inline diagnostic make_diagnostic(std::string_view code, severity sev, std::string path,
                                  std::string message) {
  return diagnostic{std::string(code), sev, mask_nhs_numbers(printable_text(path)),
                    mask_nhs_numbers(printable_text(message)), std::nullopt};
}

/// An ordered collection of diagnostics. Validators append and go on, so a single run reports
/// every problem in the input. Memory stays bounded on any amount of bad input: after
/// `per_code_limit` diagnostics with the same code, further ones with that code are counted but
/// not kept, and one summary diagnostic (same code and severity, empty path) says how many
/// were left out. count(), has_errors() and total() include the ones left out.
class diagnostics {
 public:
  using value_type = diagnostic;
  using const_iterator = std::vector<diagnostic>::const_iterator;

  /// How many diagnostics with one code are kept in full by default.
  static constexpr std::size_t default_per_code_limit = 100;

  /// An empty collection keeping at most default_per_code_limit diagnostics per code.
  diagnostics() = default;
  /// An empty collection keeping at most `per_code_limit` (at least 1) diagnostics per code.
  explicit diagnostics(std::size_t per_code_limit)
      : per_code_limit_(std::max<std::size_t>(per_code_limit, 1)) {}

  /// Appends a diagnostic; its path and message are made printable and masked for NHS numbers.
  /// Only a diagnostic that is kept is made printable, so a flood of one code costs little.
  void add(diagnostic d) { keep(std::move(d)); }
  /// Appends a diagnostic built from its parts (made printable and masked, as add(diagnostic)).
  void add(std::string_view code, severity sev, std::string path, std::string message) {
    keep(diagnostic{std::string(code), sev, std::move(path), std::move(message), std::nullopt});
  }
  /// Appends an error.
  void error(std::string_view code, std::string path, std::string message) {
    add(code, severity::error, std::move(path), std::move(message));
  }
  /// Appends a warning.
  void warning(std::string_view code, std::string path, std::string message) {
    add(code, severity::warning, std::move(path), std::move(message));
  }
  /// Appends every diagnostic of `other`, with `prefix` put in front of each path. Diagnostics
  /// that `other` left out are carried over as left out.
  void append(const diagnostics& other, std::string_view prefix = {}) {
    for (const diagnostic& d : other.items_) {
      if (other.is_summary(d)) continue;
      diagnostic copy = d;
      copy.path.insert(0, prefix);
      keep(std::move(copy));
    }
    for (const code_count& c : other.codes_) {
      if (c.left_out > 0) {
        const diagnostic& summary = other.items_[c.summary];
        by_severity_[static_cast<std::size_t>(summary.severity)] += c.left_out;
        leave_out(entry(summary.code), summary, c.left_out);
      }
    }
  }

  /// True when any diagnostic (kept or left out) is an error or fatal.
  [[nodiscard]] bool has_errors() const noexcept {
    return count(severity::error) + count(severity::fatal) > 0;
  }
  /// True when any diagnostic is fatal: reading stopped, so no result may be shown.
  [[nodiscard]] bool has_fatal() const noexcept { return count(severity::fatal) > 0; }
  /// How many diagnostics, kept or left out, have exactly this severity.
  [[nodiscard]] std::size_t count(severity s) const noexcept {
    return by_severity_[static_cast<std::size_t>(s)];
  }
  /// How many diagnostics were added in all, kept or left out.
  [[nodiscard]] std::size_t total() const noexcept {
    std::size_t n = 0;
    for (std::size_t c : by_severity_)
      n += c;
    return n;
  }
  /// How many diagnostics were counted but not kept (see the class comment).
  [[nodiscard]] std::size_t left_out() const noexcept {
    std::size_t n = 0;
    for (const code_count& c : codes_)
      n += c.left_out;
    return n;
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
  /// Number of diagnostics kept (including any summaries).
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
  /// Per code: how many were added, where its summary is (once there is one), how many left out.
  struct code_count {
    std::string code;
    std::size_t added = 0;
    std::size_t summary = 0;
    std::size_t left_out = 0;
  };

  [[nodiscard]] bool is_summary(const diagnostic& d) const noexcept {
    for (const code_count& c : codes_) {
      if (c.left_out > 0 && &items_[c.summary] == &d) return true;
    }
    return false;
  }

  /// The counts of `code`, made on first use.
  code_count& entry(const std::string& code) {
    for (code_count& k : codes_) {
      if (k.code == code) return k;
    }
    return codes_.emplace_back(code_count{code, 0, 0, 0});
  }

  /// Stores `d` (already made printable and masked), or counts it against its code's limit.
  void keep(diagnostic d) {
    ++by_severity_[static_cast<std::size_t>(d.severity)];
    code_count& c = entry(d.code);
    if (c.added < per_code_limit_) {
      ++c.added;
      d.path = mask_nhs_numbers(printable_text(d.path));
      d.message = mask_nhs_numbers(printable_text(d.message));
      items_.push_back(std::move(d));
      return;
    }
    leave_out(c, d, 1);
  }

  /// Counts `n` more diagnostics like `d` as left out, in the summary of code `c`.
  void leave_out(code_count& c, const diagnostic& d, std::size_t n) {
    c.added += n;
    if (c.left_out == 0) {
      c.summary = items_.size();
      items_.push_back(diagnostic{d.code, d.severity, "", "", std::nullopt});
    }
    c.left_out += n;
    diagnostic& s = items_[c.summary];
    if (d.severity > s.severity) s.severity = d.severity;
    s.message = std::to_string(c.left_out) + " more diagnostic" + (c.left_out == 1 ? "" : "s") +
                " with code " + c.code + (c.left_out == 1 ? " was" : " were") +
                " counted but not listed; the first " + std::to_string(per_code_limit_) +
                " are listed above";
  }

  std::vector<diagnostic> items_;
  std::vector<code_count> codes_;
  std::array<std::size_t, 4> by_severity_{};
  std::size_t per_code_limit_ = default_per_code_limit;
};

/// Adds diagnostics at a JSON pointer that follows the validator's walk through a document:
/// `auto s = r.scope("plans", i);` extends the path to "/plans/3" until `s` goes out of scope,
/// so each validating function stays short and never builds a path it does not report.
class reporter {
 public:
  /// Reports into `out`, with paths starting at `base`.
  explicit reporter(diagnostics& out, std::string base = {}) : out_(out), path_(std::move(base)) {}

  /// Restores the reporter's path when it goes out of scope.
  class [[nodiscard]] scope_guard {
   public:
    /// Moves the restore duty.
    scope_guard(scope_guard&& other) noexcept : r_(other.r_), size_(other.size_) {
      other.r_ = nullptr;
    }
    scope_guard(const scope_guard&) = delete;
    scope_guard& operator=(const scope_guard&) = delete;
    scope_guard& operator=(scope_guard&&) = delete;
    /// Shortens the path again.
    ~scope_guard() {
      if (r_ != nullptr) r_->path_.resize(size_);
    }

   private:
    friend class reporter;
    scope_guard(reporter& r, std::size_t size) : r_(&r), size_(size) {}
    reporter* r_;
    std::size_t size_;
  };

  /// Extends the path by a member name (escaped as RFC 6901 requires).
  scope_guard scope(std::string_view key) {
    const std::size_t size = path_.size();
    path_ = json_pointer(std::move(path_)).key(key).str();
    return scope_guard(*this, size);
  }
  /// Extends the path by a member name and an array index ("/plans/3").
  scope_guard scope(std::string_view key, std::size_t index) {
    const std::size_t size = path_.size();
    path_ = json_pointer(std::move(path_)).key(key).index(index).str();
    return scope_guard(*this, size);
  }

  /// The current path.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// The current path extended by `key`, for a finding about one member.
  [[nodiscard]] std::string at(std::string_view key) const {
    return json_pointer(path_).key(key).str();
  }
  /// Adds a diagnostic at the current path.
  void add(std::string_view code, severity sev, std::string message) {
    out_.add(code, sev, path_, std::move(message));
  }
  /// Adds an error at the current path.
  void error(std::string_view code, std::string message) {
    add(code, severity::error, std::move(message));
  }
  /// Adds a warning at the current path.
  void warning(std::string_view code, std::string message) {
    add(code, severity::warning, std::move(message));
  }
  /// Adds an error about member `key` of the current object.
  void error_at(std::string_view key, std::string_view code, std::string message) {
    out_.add(code, severity::error, at(key), std::move(message));
  }
  /// Adds a warning about member `key` of the current object.
  void warning_at(std::string_view key, std::string_view code, std::string message) {
    out_.add(code, severity::warning, at(key), std::move(message));
  }
  /// The diagnostics reported into.
  [[nodiscard]] diagnostics& out() noexcept { return out_; }

 private:
  diagnostics& out_;
  std::string path_;
};

JOINEDUP_END_NAMESPACE
