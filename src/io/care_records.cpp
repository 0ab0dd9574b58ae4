// joinedup: reading and writing care records. The reader is a hand-written streaming JSON
// reader (no document tree) so that large caseloads load at well over 100 MB/s; the writer
// appends text directly. Both follow docs/care.md.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/period.hpp"
#include "joinedup/io/care.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

using care::date;

/// Deepest nesting the reader accepts (the format needs 5).
constexpr std::size_t max_depth = 128;

/// A pull reader over JSON text that tracks a JSON pointer for its messages. After a syntax
/// error every call returns false and the document is abandoned.
class cursor {
 public:
  cursor(std::string_view text, diagnostics& diags)
      : p_(text.data()), begin_(text.data()), end_(text.data() + text.size()), diags_(diags) {}

  /// The kinds of value that can come next.
  enum class kind { object, array, string, number, boolean, null, bad };

  [[nodiscard]] bool failed() const noexcept { return failed_; }
  [[nodiscard]] diagnostics& diags() noexcept { return diags_; }
  /// The syntax error that stopped reading (meaningful when failed()).
  [[nodiscard]] const diagnostic& fatal() const noexcept { return fatal_; }

  // --- the JSON pointer ---------------------------------------------------------------------
  void push_key(std::string_view key) {
    if (depth_ == path_.size()) path_.emplace_back();
    segment& s = path_[depth_++];
    s.is_index = false;
    s.key.assign(key.data(), key.size());
  }
  void push_index(std::size_t i) {
    if (depth_ == path_.size()) path_.emplace_back();
    segment& s = path_[depth_++];
    s.is_index = true;
    s.index = i;
  }
  void pop() noexcept { --depth_; }
  /// The pointer to the current value.
  [[nodiscard]] json_pointer pointer() const {
    json_pointer out;
    for (std::size_t i = 0; i < depth_; ++i) {
      out = path_[i].is_index ? out.index(path_[i].index) : out.key(path_[i].key);
    }
    return out;
  }

  // --- lexing ---------------------------------------------------------------------------------
  void skip_ws() noexcept {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t'))
      ++p_;
  }
  /// What comes next (after white space).
  kind peek() {
    if (failed_) return kind::bad;
    skip_ws();
    if (p_ == end_) return kind::bad;
    switch (*p_) {
      case '{':
        return kind::object;
      case '[':
        return kind::array;
      case '"':
        return kind::string;
      case 't':
      case 'f':
        return kind::boolean;
      case 'n':
        return kind::null;
      default:
        if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) return kind::number;
        return kind::bad;
    }
  }

  /// Records a syntax error (once) and stops reading.
  bool syntax(std::string_view what) {
    if (!failed_) {
      std::size_t line = 1;
      for (const char* q = begin_; q < p_ && q < end_; ++q) {
        if (*q == '\n') ++line;
      }
      fatal_ =
          make_diagnostic("io.json.syntax", severity::fatal, pointer().str(),
                          "the input is not valid JSON: " + std::string(what) + " at line " +
                              std::to_string(line) + ", byte " + std::to_string(p_ - begin_ + 1));
      failed_ = true;
    }
    return false;
  }

  /// Starts an object; `first` must then be passed to next_member.
  bool begin_object() {
    if (peek() != kind::object) return syntax("expected '{'");
    ++p_;
    if (++nesting_ > max_depth) return syntax("nesting too deep");
    return true;
  }
  /// Reads the next member name into `key`; false at the end of the object (or on error).
  bool next_member(bool& first, std::string_view& key) {
    if (failed_) return false;
    skip_ws();
    if (p_ == end_) return syntax("unterminated object");
    if (*p_ == '}') {
      ++p_;
      --nesting_;
      return false;
    }
    if (!first) {
      if (*p_ != ',') return syntax("expected ',' or '}' in an object");
      ++p_;
      skip_ws();
    }
    first = false;
    if (p_ == end_ || *p_ != '"') return syntax("expected a member name in double quotes");
    if (!lex_string(key_scratch_, key)) return false;
    skip_ws();
    if (p_ == end_ || *p_ != ':') return syntax("expected ':' after a member name");
    ++p_;
    return true;
  }
  /// Starts an array; `first` must then be passed to next_item.
  bool begin_array() {
    if (peek() != kind::array) return syntax("expected '['");
    ++p_;
    if (++nesting_ > max_depth) return syntax("nesting too deep");
    return true;
  }
  /// True when another element follows; false at the end of the array (or on error).
  bool next_item(bool& first) {
    if (failed_) return false;
    skip_ws();
    if (p_ == end_) return syntax("unterminated array");
    if (*p_ == ']') {
      ++p_;
      --nesting_;
      return false;
    }
    if (!first) {
      if (*p_ != ',') return syntax("expected ',' or ']' in an array");
      ++p_;
    }
    first = false;
    return true;
  }
  /// Reads a string value (peek() == string). The view stays valid until the next string read.
  bool string_value(std::string_view& out) { return lex_string(value_scratch_, out); }
  /// Reads true or false.
  bool boolean_value(bool& out) {
    if (literal("true")) {
      out = true;
      return true;
    }
    if (literal("false")) {
      out = false;
      return true;
    }
    return syntax("expected true or false");
  }
  /// Reads a number and returns its text.
  bool number_value(std::string_view& out) {
    const char* start = p_;
    if (p_ != end_ && *p_ == '-') ++p_;
    if (p_ == end_) return syntax("incomplete number");
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9')
        ++p_;
    } else {
      return syntax("invalid number");
    }
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return syntax("invalid number");
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9')
        ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return syntax("invalid number");
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9')
        ++p_;
    }
    out = std::string_view(start, static_cast<std::size_t>(p_ - start));
    return true;
  }
  /// Skips one value of any kind.
  bool skip() {
    std::string_view ignored;
    bool flag = false;
    switch (peek()) {
      case kind::object: {
        if (!begin_object()) return false;
        bool first = true;
        std::string_view key;
        while (next_member(first, key)) {
          if (!skip()) return false;
        }
        return !failed_;
      }
      case kind::array: {
        if (!begin_array()) return false;
        bool first = true;
        while (next_item(first)) {
          if (!skip()) return false;
        }
        return !failed_;
      }
      case kind::string:
        return string_value(ignored);
      case kind::number:
        return number_value(ignored);
      case kind::boolean:
        return boolean_value(flag);
      case kind::null:
        if (literal("null")) return true;
        return syntax("expected null");
      case kind::bad:
        break;
    }
    if (failed_) return false;
    return syntax(p_ == end_ ? "unexpected end of input" : "unexpected character");
  }
  /// True when only white space is left.
  bool at_end() {
    skip_ws();
    return p_ == end_;
  }

 private:
  struct segment {
    std::string key;
    std::size_t index = 0;
    bool is_index = false;
  };

  bool literal(std::string_view word) {
    skip_ws();
    if (static_cast<std::size_t>(end_ - p_) >= word.size() &&
        std::memcmp(p_, word.data(), word.size()) == 0) {
      p_ += word.size();
      return true;
    }
    return false;
  }

  static int hex(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool read_hex4(unsigned& out) {
    if (end_ - p_ < 4) return syntax("incomplete \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex(p_[i]);
      if (h < 0) return syntax("invalid \\u escape");
      out = out * 16 + static_cast<unsigned>(h);
    }
    p_ += 4;
    return true;
  }

  static void append_utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  /// True when [b, e) is valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
  static bool valid_utf8(const unsigned char* b, const unsigned char* e) noexcept {
    while (b < e) {
      const unsigned c = *b;
      if (c < 0x80) {
        ++b;
        continue;
      }
      int n = 0;
      unsigned cp = 0;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = c & 0x0F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = c & 0x07;
      } else {
        return false;
      }
      if (e - b <= n) return false;
      for (int i = 1; i <= n; ++i) {
        if ((b[i] & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (b[i] & 0x3Fu);
      }
      if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
          (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
      }
      b += n + 1;
    }
    return true;
  }

  /// Lexes a string at p_ (which is '"'). Without escapes the view points into the input;
  /// with escapes it points into `scratch`.
  bool lex_string(std::string& scratch, std::string_view& out) {
    ++p_;
    const char* start = p_;
    bool high = false;
    while (p_ != end_) {
      const char c = *p_;
      if (c == '"') {
        if (high && !valid_utf8(reinterpret_cast<const unsigned char*>(start),
                                reinterpret_cast<const unsigned char*>(p_))) {
          return syntax("invalid UTF-8 in a string");
        }
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') break;
      if (static_cast<unsigned char>(c) < 0x20) return syntax("control character in a string");
      high = high || static_cast<unsigned char>(c) >= 0x80;
      ++p_;
    }
    if (p_ == end_) return syntax("unterminated string");
    // Slow path: escapes.
    scratch.assign(start, static_cast<std::size_t>(p_ - start));
    while (p_ != end_) {
      const char c = *p_;
      if (c == '"') {
        ++p_;
        if (high &&
            !valid_utf8(reinterpret_cast<const unsigned char*>(scratch.data()),
                        reinterpret_cast<const unsigned char*>(scratch.data()) + scratch.size())) {
          return syntax("invalid UTF-8 in a string");
        }
        out = scratch;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return syntax("control character in a string");
      if (c != '\\') {
        high = high || static_cast<unsigned char>(c) >= 0x80;
        scratch += c;
        ++p_;
        continue;
      }
      ++p_;
      if (p_ == end_) return syntax("unterminated string");
      const char e = *p_++;
      switch (e) {
        case '"':
          scratch += '"';
          break;
        case '\\':
          scratch += '\\';
          break;
        case '/':
          scratch += '/';
          break;
        case 'b':
          scratch += '\b';
          break;
        case 'f':
          scratch += '\f';
          break;
        case 'n':
          scratch += '\n';
          break;
        case 'r':
          scratch += '\r';
          break;
        case 't':
          scratch += '\t';
          break;
        case 'u': {
          unsigned cp = 0;
          if (!read_hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') {
              return syntax("unpaired surrogate in a \\u escape");
            }
            p_ += 2;
            unsigned low = 0;
            if (!read_hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return syntax("unpaired surrogate in a \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return syntax("unpaired surrogate in a \\u escape");
          }
          append_utf8(scratch, cp);
          break;
        }
        default:
          return syntax("invalid escape in a string");
      }
    }
    return syntax("unterminated string");
  }

  const char* p_;
  const char* begin_;
  const char* end_;
  diagnostics& diags_;
  bool failed_ = false;
  diagnostic fatal_;
  std::size_t nesting_ = 0;
  std::vector<segment> path_;
  std::size_t depth_ = 0;
  std::string key_scratch_;
  std::string value_scratch_;
};

/// The JSON type name of what comes next, for messages.
std::string_view kind_name(cursor::kind k) {
  switch (k) {
    case cursor::kind::object:
      return "object";
    case cursor::kind::array:
      return "array";
    case cursor::kind::string:
      return "string";
    case cursor::kind::number:
      return "number";
    case cursor::kind::boolean:
      return "boolean";
    case cursor::kind::null:
      return "null";
    case cursor::kind::bad:
      break;
  }
  return "nothing";
}

/// Reports that the current value has the wrong type and skips it.
bool wrong_type(cursor& c, std::string_view expected) {
  const cursor::kind k = c.peek();
  if (k == cursor::kind::bad) return c.skip();
  c.diags().error(
      "io.json.type", c.pointer().str(),
      "field must be " + std::string(expected) + ", found " + std::string(kind_name(k)));
  return c.skip();
}

/// Reads a string value into `out`.
bool get(cursor& c, std::string& out) {
  if (c.peek() != cursor::kind::string) return wrong_type(c, "a string");
  std::string_view v;
  if (!c.string_value(v)) return false;
  out.assign(v.data(), v.size());
  return true;
}
/// Reads a boolean value.
bool get(cursor& c, bool& out) {
  if (c.peek() != cursor::kind::boolean) return wrong_type(c, "true or false");
  return c.boolean_value(out);
}
/// Reads a whole number.
bool get(cursor& c, std::int64_t& out) {
  if (c.peek() != cursor::kind::number) return wrong_type(c, "a whole number");
  std::string_view v;
  if (!c.number_value(v)) return false;
  bool negative = false;
  std::size_t i = 0;
  if (!v.empty() && v[0] == '-') {
    negative = true;
    i = 1;
  }
  std::uint64_t magnitude = 0;
  bool ok = i < v.size() && v.size() - i <= 18;
  for (; ok && i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') {
      ok = false;
      break;
    }
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(v[i] - '0');
  }
  if (!ok) {
    c.diags().error("io.json.type", c.pointer().str(),
                    "field must be a whole number of at most 18 digits, found " + std::string(v));
    return true;
  }
  out = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}
/// Reads a string and parses it with `parse`, reporting its diagnostic at the current path.
template <class T, class Parse>
bool get_parsed(cursor& c, T& out, Parse parse, std::string_view expected) {
  if (c.peek() != cursor::kind::string) return wrong_type(c, expected);
  std::string_view v;
  if (!c.string_value(v)) return false;
  auto r = parse(v);
  if (r) {
    out = *r;
  } else {
    diagnostic d = r.error();
    d.path = c.pointer().str();
    c.diags().add(std::move(d));
  }
  return true;
}
/// Reads an ISO date.
bool get(cursor& c, date& out) {
  return get_parsed(c, out, parse_iso_date, "a date string such as \"2025-04-01\"");
}
/// Reads an optional ISO date (null reads as absent).
bool get(cursor& c, std::optional<date>& out) {
  if (c.peek() == cursor::kind::null) {
    out.reset();
    return c.skip();
  }
  date d{};
  std::size_t before = c.diags().size();
  if (!get(c, d)) return false;
  if (c.diags().size() == before) out = d;
  return true;
}
/// Reads money from a decimal string.
bool get(cursor& c, money& out) {
  if (c.peek() == cursor::kind::number) {
    std::string_view v;
    if (!c.number_value(v)) return false;
    c.diags().error("io.json.type", c.pointer().str(),
                    "money must be a decimal string such as \"" + std::string(v) +
                        "\", not a JSON number, so that no value is rounded on the way in");
    return true;
  }
  return get_parsed(c, out, money::parse, "a decimal string such as \"123.45\"");
}
/// Reads optional money.
bool get(cursor& c, std::optional<money>& out) {
  money m;
  std::size_t before = c.diags().size();
  if (!get(c, m)) return false;
  if (c.diags().size() == before) out = m;
  return true;
}
/// Reads a rate from a decimal string.
bool get(cursor& c, rate& out) {
  return get_parsed(c, out, rate::parse, "a decimal string such as \"23.4567\"");
}
/// Reads a ratio from a decimal string.
bool get(cursor& c, ratio& out) {
  return get_parsed(c, out, ratio::parse, "a decimal string such as \"10.5\"");
}
/// Reads a typed id.
template <class Tag>
bool get(cursor& c, id<Tag>& out) {
  std::string s;
  const std::size_t before = c.diags().size();
  if (!get(c, s)) return false;
  if (c.diags().size() == before) out = id<Tag>(std::move(s));
  return true;
}
/// Reads an enumeration by its interchange name.
template <class E>
bool get_enum(cursor& c, E& out) {
  if (c.peek() != cursor::kind::string) return wrong_type(c, "a string");
  std::string_view v;
  if (!c.string_value(v)) return false;
  if (const std::optional<E> e = care::parse_name<E>(v)) {
    out = *e;
  } else {
    c.diags().error("care.io.enum", c.pointer().str(),
                    "'" + mask_nhs_numbers(std::string(v.substr(0, 60))) +
                        "' is not one of the allowed values; see docs/care.md");
  }
  return true;
}
/// Reads an optional enumeration.
template <class E>
bool get_enum(cursor& c, std::optional<E>& out) {
  E e{};
  const std::size_t before = c.diags().size();
  if (!get_enum(c, e)) return false;
  if (c.diags().size() == before) out = e;
  return true;
}

/// Reads an array, calling `item(c, index)` for each element with the path extended.
template <class F>
bool each(cursor& c, F&& item) {
  if (c.peek() != cursor::kind::array) return wrong_type(c, "an array");
  if (!c.begin_array()) return false;
  bool first = true;
  std::size_t i = 0;
  while (c.next_item(first)) {
    c.push_index(i);
    const bool ok = item(c, i);
    c.pop();
    if (!ok) return false;
    ++i;
  }
  return !c.failed();
}

/// Reads an array of strings.
bool get(cursor& c, std::vector<std::string>& out) {
  return each(c, [&](cursor& cc, std::size_t) {
    std::string s;
    if (!get(cc, s)) return false;
    out.push_back(std::move(s));
    return true;
  });
}

/// Reads an object: `field(c, key)` returns 1 when it read the member, 0 when the member is
/// unknown (it is then warned about and skipped), -1 to stop. Required members are named in
/// `required` (a bit per entry of `names`); missing ones are reported.
template <std::size_t N, class F>
bool object(cursor& c, const std::array<std::string_view, N>& names, std::uint32_t required,
            F&& field) {
  if (c.peek() != cursor::kind::object) return wrong_type(c, "an object");
  if (!c.begin_object()) return false;
  bool first = true;
  std::string_view key;
  std::uint32_t seen = 0;
  while (c.next_member(first, key)) {
    std::size_t which = N;
    for (std::size_t i = 0; i < N; ++i) {
      if (names[i] == key) {
        which = i;
        break;
      }
    }
    c.push_key(key);
    bool ok = true;
    if (which == N) {
      c.diags().warning("io.json.unknown_field", c.pointer().str(),
                        "field '" + mask_nhs_numbers(std::string(key.substr(0, 60))) +
                            "' is not part of this document and was not read; check its "
                            "spelling");
      ok = c.skip();
    } else {
      seen |= std::uint32_t{1} << which;
      ok = field(c, which);
    }
    c.pop();
    if (!ok) return false;
  }
  if (c.failed()) return false;
  const std::uint32_t missing = required & ~seen;
  if (missing != 0) {
    for (std::size_t i = 0; i < N; ++i) {
      if ((missing & (std::uint32_t{1} << i)) != 0) {
        c.diags().error("io.json.missing", c.pointer().key(names[i]).str(),
                        "required field '" + std::string(names[i]) + "' is missing");
      }
    }
  }
  return true;
}

/// A bit for each listed position.
constexpr std::uint32_t bits(std::initializer_list<int> positions) {
  std::uint32_t out = 0;
  for (int p : positions)
    out |= std::uint32_t{1} << p;
  return out;
}

// --- the document's objects ------------------------------------------------------------------

bool read_eligibility(cursor& c, care::eligibility& e) {
  static constexpr std::array<std::string_view, 3> names{"care_act", "chc", "chc_decided_on"};
  return object(c, names, 0, [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, e.care_act);
      case 1:
        return get(cc, e.chc);
      default:
        return get(cc, e.chc_decided_on);
    }
  });
}

bool read_person(cursor& c, care::person& p) {
  static constexpr std::array<std::string_view, 8> names{
      "nhs_number",           "date_of_birth", "council",       "gp_practice",
      "long_term_conditions", "eligibility",   "complex_needs", "assessed_on"};
  return object(c, names, bits({0}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, p.nhs_number);
      case 1:
        return get(cc, p.date_of_birth);
      case 2:
        return get(cc, p.council);
      case 3:
        return get(cc, p.gp_practice);
      case 4:
        return get(cc, p.long_term_conditions);
      case 5:
        return read_eligibility(cc, p.eligibility);
      case 6:
        return get(cc, p.complex_needs);
      default:
        return get(cc, p.assessed_on);
    }
  });
}

bool read_absence(cursor& c, care::absence& a) {
  static constexpr std::array<std::string_view, 3> names{"from", "to", "reason"};
  return object(c, names, bits({0, 1}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, a.from);
      case 1:
        return get(cc, a.to);
      default:
        return get(cc, a.reason);
    }
  });
}

bool read_case_manager(cursor& c, care::case_manager& m) {
  static constexpr std::array<std::string_view, 6> names{"id",           "name",     "role",
                                                         "organisation", "capacity", "absences"};
  return object(c, names, bits({0, 1, 4}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, m.id);
      case 1:
        return get(cc, m.name);
      case 2:
        return get(cc, m.role);
      case 3:
        return get(cc, m.organisation);
      case 4:
        return get(cc, m.capacity);
      default:
        return each(cc, [&](cursor& c2, std::size_t) {
          m.absences.emplace_back();
          return read_absence(c2, m.absences.back());
        });
    }
  });
}

bool read_event(cursor& c, care::plan_event& e) {
  static constexpr std::array<std::string_view, 4> names{"kind", "on", "by", "reason"};
  return object(c, names, bits({0, 1}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get_enum(cc, e.kind);
      case 1:
        return get(cc, e.on);
      case 2:
        return get(cc, e.by);
      default:
        return get(cc, e.reason);
    }
  });
}

bool read_need(cursor& c, care::need& n) {
  static constexpr std::array<std::string_view, 5> names{"id", "description", "eligible",
                                                         "nhs_funded", "how_met"};
  return object(c, names, bits({0}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, n.id);
      case 1:
        return get(cc, n.description);
      case 2:
        return get(cc, n.eligible);
      case 3:
        return get(cc, n.nhs_funded);
      default:
        return get(cc, n.how_met);
    }
  });
}

bool read_outcome(cursor& c, care::outcome& o) {
  static constexpr std::array<std::string_view, 4> names{"need", "description", "target_date",
                                                         "measure"};
  return object(c, names, bits({1}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, o.need);
      case 1:
        return get(cc, o.description);
      case 2:
        return get(cc, o.target_date);
      default:
        return get(cc, o.measure);
    }
  });
}

bool read_service(cursor& c, care::service& s) {
  static constexpr std::array<std::string_view, 13> names{
      "id",  "kind",       "description",    "provider",  "provider_type", "scheme",        "start",
      "end", "unit_price", "units_per_week", "funded_by", "meets",         "direct_payment"};
  return object(c, names, bits({0, 1, 4, 6, 8, 9, 10}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, s.id);
      case 1:
        return get_enum(cc, s.kind);
      case 2:
        return get(cc, s.description);
      case 3:
        return get(cc, s.provider);
      case 4:
        return get_enum(cc, s.provider_type);
      case 5:
        return get(cc, s.scheme);
      case 6:
        return get(cc, s.start);
      case 7:
        return get(cc, s.end);
      case 8:
        return get(cc, s.unit_price);
      case 9:
        return get(cc, s.units_per_week);
      case 10:
        return get_enum(cc, s.funded_by);
      case 11:
        return get(cc, s.meets);
      default:
        return get(cc, s.direct_payment);
    }
  });
}

bool read_budget(cursor& c, care::personal_budget& b) {
  static constexpr std::array<std::string_view, 5> names{
      "total", "person_contribution", "council_amount", "daily_living_costs", "nhs_funded"};
  return object(c, names, bits({0, 1, 2}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, b.total);
      case 1:
        return get(cc, b.person_contribution);
      case 2:
        return get(cc, b.council_amount);
      case 3:
        return get(cc, b.daily_living_costs);
      default:
        return get(cc, b.nhs_funded);
    }
  });
}

bool read_direct_payment(cursor& c, care::direct_payment& d) {
  static constexpr std::array<std::string_view, 2> names{"amount", "frequency"};
  return object(c, names, 0, [&](cursor& cc, std::size_t f) {
    if (f == 0) return get(cc, d.amount);
    return get_enum(cc, d.frequency);
  });
}

bool read_involvement(cursor& c, care::involvement& v) {
  static constexpr std::array<std::string_view, 5> names{"person", "carer", "others",
                                                         "lacks_capacity", "capacity_record"};
  return object(c, names, 0, [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, v.person);
      case 1:
        return get(cc, v.carer);
      case 2:
        return get(cc, v.others);
      case 3:
        return get(cc, v.lacks_capacity);
      default:
        return get(cc, v.capacity_record);
    }
  });
}

bool read_assignment(cursor& c, care::assignment& a) {
  static constexpr std::array<std::string_view, 4> names{"case_manager", "from", "to", "reason"};
  return object(c, names, bits({0, 1}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, a.case_manager);
      case 1:
        return get(cc, a.from);
      case 2:
        return get(cc, a.to);
      default:
        return get(cc, a.reason);
    }
  });
}

bool read_plan(cursor& c, care::care_plan& p) {
  static constexpr std::array<std::string_view, 13> names{
      "id",         "nhs_number",      "kind",           "history",  "needs",  "outcomes",
      "services",   "personal_budget", "direct_payment", "involved", "advice", "contingency",
      "assignments"};
  return object(c, names, bits({0, 1, 2, 3}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        return get(cc, p.id);
      case 1:
        return get(cc, p.nhs_number);
      case 2:
        return get_enum(cc, p.kind);
      case 3:
        return each(cc, [&](cursor& c2, std::size_t) {
          p.history.emplace_back();
          return read_event(c2, p.history.back());
        });
      case 4:
        return each(cc, [&](cursor& c2, std::size_t) {
          p.needs.emplace_back();
          return read_need(c2, p.needs.back());
        });
      case 5:
        return each(cc, [&](cursor& c2, std::size_t) {
          p.outcomes.emplace_back();
          return read_outcome(c2, p.outcomes.back());
        });
      case 6:
        return each(cc, [&](cursor& c2, std::size_t) {
          p.services.emplace_back();
          return read_service(c2, p.services.back());
        });
      case 7:
        p.budget.emplace();
        return read_budget(cc, *p.budget);
      case 8:
        p.direct_payment.emplace();
        return read_direct_payment(cc, *p.direct_payment);
      case 9:
        return read_involvement(cc, p.involved);
      case 10:
        return get(cc, p.advice);
      case 11:
        return get(cc, p.contingency);
      default:
        return each(cc, [&](cursor& c2, std::size_t) {
          p.assignments.emplace_back();
          return read_assignment(c2, p.assignments.back());
        });
    }
  });
}

// --- writing ----------------------------------------------------------------------------------

/// Appends JSON text with optional pretty printing.
class writer {
 public:
  explicit writer(bool pretty) : pretty_(pretty) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// Starts a member: its name and the colon.
  void key(std::string_view k) {
    separator();
    quoted(k);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
  }
  void value(std::string_view s) {
    separator();
    quoted(s);
  }
  void value(bool b) {
    separator();
    out_ += b ? "true" : "false";
  }
  void value(std::int64_t n) {
    separator();
    out_ += std::to_string(n);
  }
  /// key + string value.
  void field(std::string_view k, std::string_view s) {
    key(k);
    value(s);
  }
  /// key + string value, left out when empty.
  void field_if(std::string_view k, std::string_view s) {
    if (!s.empty()) field(k, s);
  }
  /// key + boolean value.
  void field(std::string_view k, bool b) {
    key(k);
    value(b);
  }
  /// key + date value.
  void field(std::string_view k, const date& d) { field(k, std::string_view(to_iso_string(d))); }
  /// key + optional date, left out when absent.
  void field_if(std::string_view k, const std::optional<date>& d) {
    if (d) field(k, *d);
  }
  /// key + array of strings, left out when empty.
  void strings_if(std::string_view k, const std::vector<std::string>& v) {
    if (v.empty()) return;
    key(k);
    separator();
    out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out_ += pretty_ ? ", " : ",";
      quoted(v[i]);
    }
    out_ += ']';
  }
  std::string take() {
    if (pretty_) out_ += '\n';
    return std::move(out_);
  }

 private:
  void open(char c) {
    separator();
    out_ += c;
    first_ = true;
    ++depth_;
  }
  void close(char c) {
    --depth_;
    if (!first_) newline();
    out_ += c;
    first_ = false;
  }
  void newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(depth_ * 2, ' ');
  }
  /// Before a value or key: a comma unless first, a new line unless after a key.
  void separator() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (!first_) out_ += ',';
    first_ = false;
    newline();
  }
  void quoted(std::string_view s) {
    out_ += '"';
    for (char ch : s) {
      const auto u = static_cast<unsigned char>(ch);
      switch (ch) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (u < 0x20) {
            static constexpr char digits[] = "0123456789abcdef";
            out_ += "\\u00";
            out_ += digits[u >> 4];
            out_ += digits[u & 0xF];
          } else {
            out_ += ch;
          }
      }
    }
    out_ += '"';
  }

  std::string out_;
  bool pretty_;
  bool first_ = true;
  bool after_key_ = false;
  std::size_t depth_ = 0;
};

/// A ratio as decimal text when it terminates ("10.5"), else "num/den".
std::string ratio_text(const ratio& r) {
  std::int64_t den = r.den();
  int twos = 0;
  int fives = 0;
  while (den % 2 == 0) {
    den /= 2;
    ++twos;
  }
  while (den % 5 == 0) {
    den /= 5;
    ++fives;
  }
  const int places = twos > fives ? twos : fives;
  if (den != 1 || places > 12) return r.to_string();
  // Scale to 10^places: num × (10^places / den).
  std::int64_t scale = 1;
  for (int i = 0; i < places; ++i)
    scale *= 10;
  using wide = joinedup::detail::int128;
  const wide scaled = wide{r.num()} * (scale / r.den());
  const bool negative = scaled < 0;
  const wide mag = negative ? -scaled : scaled;
  const auto whole = static_cast<unsigned long long>(mag / scale);
  const auto frac = static_cast<unsigned long long>(mag % scale);
  std::string out = (negative ? "-" : "") + std::to_string(whole);
  if (places > 0) {
    std::string f = std::to_string(frac);
    f.insert(0, static_cast<std::size_t>(places) - f.size(), '0');
    out += '.' + f;
  }
  return out;
}

}  // namespace

std::optional<care::care_records> read_care_records(std::string_view json_text,
                                                    diagnostics& diags) {
  const std::size_t before = diags.size();
  cursor c(json_text, diags);
  // Only the syntax error is reported when the text is not JSON: anything found before it
  // describes a document that does not exist.
  const auto syntax_only = [&]() -> std::optional<care::care_records> {
    diagnostics kept;
    for (std::size_t i = 0; i < before; ++i)
      kept.add(diags[i]);
    kept.add(c.fatal());
    diags = kept;
    return std::nullopt;
  };
  care::care_records r;
  if (c.peek() != cursor::kind::object) {
    if (c.peek() == cursor::kind::bad) {
      c.syntax(c.at_end() ? "the input is empty" : "expected a JSON value");
      return syntax_only();
    }
    // Valid JSON but not an object: check it is valid, then report the schema.
    if (!c.skip() || !c.at_end()) {
      if (!c.failed()) c.syntax("unexpected text after the document");
      return syntax_only();
    }
    diags.add("io.json.schema", severity::fatal, "",
              "expected a JSON object with \"schema\": \"" + std::string(care_plans_schema) + "\"");
    return std::nullopt;
  }
  std::string schema;
  bool has_schema = false;
  static constexpr std::array<std::string_view, 6> names{"schema",        "as_of",  "schemes",
                                                         "case_managers", "people", "plans"};
  const bool ok = object(c, names, bits({3, 4, 5}), [&](cursor& cc, std::size_t f) {
    switch (f) {
      case 0:
        has_schema = true;
        return get(cc, schema);
      case 1:
        return get(cc, r.as_of);
      case 2:
        return each(cc, [&](cursor& c2, std::size_t) {
          line_id s;
          if (!get(c2, s)) return false;
          r.schemes.push_back(std::move(s));
          return true;
        });
      case 3:
        return each(cc, [&](cursor& c2, std::size_t) {
          r.case_managers.emplace_back();
          return read_case_manager(c2, r.case_managers.back());
        });
      case 4:
        return each(cc, [&](cursor& c2, std::size_t) {
          r.people.emplace_back();
          return read_person(c2, r.people.back());
        });
      default:
        return each(cc, [&](cursor& c2, std::size_t) {
          r.plans.emplace_back();
          return read_plan(c2, r.plans.back());
        });
    }
  });
  if (!ok || c.failed()) return syntax_only();
  if (!c.at_end()) {
    c.syntax("unexpected text after the document");
    return syntax_only();
  }
  if (!has_schema || schema != care_plans_schema) {
    // The schema decides what everything else means: drop the other findings.
    diagnostics only;
    for (std::size_t i = 0; i < before; ++i)
      only.add(diags[i]);
    diags = only;
    diags.add(
        "io.json.schema", severity::fatal, "/schema",
        "expected \"schema\": \"" + std::string(care_plans_schema) + "\", found " +
            (has_schema ? "\"" + schema.substr(0, 60) + "\"" : std::string("no schema field")));
    return std::nullopt;
  }
  return r;
}

std::string write_care_records(const care::care_records& r, bool pretty) {
  writer w(pretty);
  w.begin_object();
  w.field("schema", care_plans_schema);
  w.field_if("as_of", r.as_of);
  if (!r.schemes.empty()) {
    w.key("schemes");
    w.begin_array();
    for (const line_id& s : r.schemes)
      w.value(std::string_view(s.str()));
    w.end_array();
  }
  w.key("case_managers");
  w.begin_array();
  for (const care::case_manager& m : r.case_managers) {
    w.begin_object();
    w.field("id", m.id.str());
    w.field("name", m.name);
    w.field_if("role", m.role);
    w.field_if("organisation", m.organisation);
    w.key("capacity");
    w.value(m.capacity);
    if (!m.absences.empty()) {
      w.key("absences");
      w.begin_array();
      for (const care::absence& a : m.absences) {
        w.begin_object();
        w.field("from", a.from);
        w.field("to", a.to);
        w.field_if("reason", a.reason);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.key("people");
  w.begin_array();
  for (const care::person& p : r.people) {
    w.begin_object();
    w.field("nhs_number", p.nhs_number);
    w.field_if("date_of_birth", p.date_of_birth);
    w.field_if("council", p.council);
    w.field_if("gp_practice", p.gp_practice);
    w.strings_if("long_term_conditions", p.long_term_conditions);
    w.key("eligibility");
    w.begin_object();
    w.field("care_act", p.eligibility.care_act);
    w.field("chc", p.eligibility.chc);
    w.field_if("chc_decided_on", p.eligibility.chc_decided_on);
    w.end_object();
    w.field("complex_needs", p.complex_needs);
    w.field_if("assessed_on", p.assessed_on);
    w.end_object();
  }
  w.end_array();
  w.key("plans");
  w.begin_array();
  for (const care::care_plan& p : r.plans) {
    w.begin_object();
    w.field("id", p.id.str());
    w.field("nhs_number", p.nhs_number);
    w.field("kind", to_string(p.kind));
    w.key("history");
    w.begin_array();
    for (const care::plan_event& e : p.history) {
      w.begin_object();
      w.field("kind", to_string(e.kind));
      w.field("on", e.on);
      w.field_if("by", e.by);
      w.field_if("reason", e.reason);
      w.end_object();
    }
    w.end_array();
    if (!p.needs.empty()) {
      w.key("needs");
      w.begin_array();
      for (const care::need& n : p.needs) {
        w.begin_object();
        w.field("id", n.id);
        w.field_if("description", n.description);
        w.field("eligible", n.eligible);
        w.field("nhs_funded", n.nhs_funded);
        w.field_if("how_met", n.how_met);
        w.end_object();
      }
      w.end_array();
    }
    if (!p.outcomes.empty()) {
      w.key("outcomes");
      w.begin_array();
      for (const care::outcome& o : p.outcomes) {
        w.begin_object();
        w.field_if("need", o.need);
        w.field("description", o.description);
        w.field_if("target_date", o.target_date);
        w.field_if("measure", o.measure);
        w.end_object();
      }
      w.end_array();
    }
    if (!p.services.empty()) {
      w.key("services");
      w.begin_array();
      for (const care::service& s : p.services) {
        w.begin_object();
        w.field("id", s.id);
        w.field("kind", to_string(s.kind));
        w.field_if("description", s.description);
        w.field_if("provider", s.provider);
        w.field("provider_type", to_string(s.provider_type));
        w.field_if("scheme", s.scheme.str());
        w.field("start", s.start);
        w.field_if("end", s.end);
        w.field("unit_price", s.unit_price.to_string());
        w.field("units_per_week", ratio_text(s.units_per_week));
        w.field("funded_by", to_string(s.funded_by));
        w.strings_if("meets", s.meets);
        if (s.direct_payment) w.field("direct_payment", true);
        w.end_object();
      }
      w.end_array();
    }
    if (p.budget) {
      const care::personal_budget& b = *p.budget;
      w.key("personal_budget");
      w.begin_object();
      w.field("total", b.total.to_string());
      w.field("person_contribution", b.person_contribution.to_string());
      w.field("council_amount", b.council_amount.to_string());
      if (b.daily_living_costs) w.field("daily_living_costs", b.daily_living_costs->to_string());
      w.field("nhs_funded", b.nhs_funded.to_string());
      w.end_object();
    }
    if (p.direct_payment) {
      w.key("direct_payment");
      w.begin_object();
      w.field("amount", p.direct_payment->amount.to_string());
      if (p.direct_payment->frequency)
        w.field("frequency", to_string(*p.direct_payment->frequency));
      w.end_object();
    }
    w.key("involved");
    w.begin_object();
    w.field("person", p.involved.person);
    w.field("carer", p.involved.carer);
    w.strings_if("others", p.involved.others);
    w.field("lacks_capacity", p.involved.lacks_capacity);
    w.field_if("capacity_record", p.involved.capacity_record);
    w.end_object();
    w.field_if("advice", p.advice);
    w.field_if("contingency", p.contingency);
    if (!p.assignments.empty()) {
      w.key("assignments");
      w.begin_array();
      for (const care::assignment& a : p.assignments) {
        w.begin_object();
        w.field("case_manager", a.case_manager.str());
        w.field("from", a.from);
        w.field_if("to", a.to);
        w.field_if("reason", a.reason);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace io
JOINEDUP_END_NAMESPACE
