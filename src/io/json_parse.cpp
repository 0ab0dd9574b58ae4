// joinedup (private): the one JSON reader of the library. A strict RFC 8259 parser that builds
// nlohmann values but, unlike nlohmann's own parser, treats a repeated key as an error, bounds
// nesting and size, checks UTF-8, and reports every problem with line, column and pointer.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {

text_position position_of(std::string_view text, std::size_t offset) {
  text_position p;
  const std::size_t end = std::min(offset, text.size());
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = end - line_start + 1;
  return p;
}

namespace {

/// How many duplicate-key diagnostics one document reports before it stops looking.
constexpr std::size_t max_duplicates_reported = 20;

/// The recursive-descent parser. Depth is bounded by limits.max_depth, so the recursion is too.
class parser {
 public:
  parser(std::string_view text, const json_limits& limits, diagnostics& diags)
      : text_(text), limits_(limits), diags_(diags) {}

  std::optional<json> run() {
    // A UTF-8 byte order mark, as Windows tools write, is allowed before the document.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    skip_space();
    json root;
    if (!value(root, json_pointer{}, 0)) return std::nullopt;
    skip_space();
    if (pos_ != text_.size()) {
      return fatal("io.json.syntax", json_pointer{},
                   "unexpected text after the end of the document: " + found());
    }
    if (duplicates_ > 0) return std::nullopt;
    return root;
  }

 private:
  /// Adds a diagnostic at the current position and gives nullopt (reading stops).
  std::nullopt_t fatal(std::string_view code, const json_pointer& at, std::string message) {
    add(code, severity::fatal, at, std::move(message), pos_);
    return std::nullopt;
  }

  void add(std::string_view code, severity sev, const json_pointer& at, std::string message,
           std::size_t offset) {
    const text_position p = position_of(text_, offset);
    diagnostic d = make_diagnostic(code, sev, at.str(),
                                   "line " + std::to_string(p.line) + ", column " +
                                       std::to_string(p.column) + ": " + std::move(message));
    d.line = p.line;
    d.column = p.column;
    diags_.add(std::move(d));
  }

  /// What stands at the current position, for messages.
  std::string found() const {
    if (pos_ >= text_.size()) return "the end of the input";
    const std::string_view rest = text_.substr(pos_, 20);
    return "'" + excerpt(rest, 12) + "'";
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(json& out, const json_pointer& at, std::size_t depth) {
    if (pos_ >= text_.size()) {
      fatal("io.json.syntax", at, "the document ends where a value was expected");
      return false;
    }
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      if (depth >= limits_.max_depth) {
        fatal("io.json.depth", at,
              "the document nests objects and arrays more than " +
                  std::to_string(limits_.max_depth) +
                  " levels deep; no joinedup document needs that many, so reading stopped");
        return false;
      }
      return c == '{' ? object(out, at, depth + 1) : array(out, at, depth + 1);
    }
    if (c == '"') {
      std::string s;
      if (!string(s, at)) return false;
      out = std::move(s);
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number(out, at);
    if (literal("true")) {
      out = true;
      return true;
    }
    if (literal("false")) {
      out = false;
      return true;
    }
    if (literal("null")) {
      out = nullptr;
      return true;
    }
    fatal("io.json.syntax", at,
          "expected a value (object, array, string, number, true, "
          "false or null), found " +
              found());
    return false;
  }

  bool object(json& out, const json_pointer& at, std::size_t depth) {
    ++pos_;  // '{'
    out = json::object();
    // Keys seen so far and where each stood. Members are appended to the object directly (the
    // keys are known to be new), so a large object costs linear time, not quadratic.
    std::unordered_map<std::string, std::size_t> keys;
    auto& members = static_cast<json::object_t::Container&>(out.get_ref<json::object_t&>());
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        fatal("io.json.syntax", at, "expected a quoted member name, found " + found());
        return false;
      }
      const std::size_t key_offset = pos_;
      std::string key;
      if (!string(key, at)) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') {
        fatal("io.json.syntax", at.key(key),
              "expected ':' after the member name, found " + found());
        return false;
      }
      ++pos_;
      skip_space();
      const json_pointer member_at = at.key(key);
      json member;
      if (!value(member, member_at, depth)) return false;
      const auto [it, fresh] = keys.try_emplace(key, key_offset);
      if (fresh) {
        members.emplace_back(std::move(key), std::move(member));
      } else {
        duplicate(key, it->second, key_offset, member_at);
      }
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      fatal("io.json.syntax", at, "expected ',' or '}' in an object, found " + found());
      return false;
    }
  }

  /// A repeated key is an error: a reader cannot know which of the two values was meant, and
  /// parsers disagree on which one wins, so the document is not loaded at all.
  void duplicate(const std::string& key, std::size_t first_offset, std::size_t offset,
                 const json_pointer& member_at) {
    ++duplicates_;
    if (duplicates_ > max_duplicates_reported) return;
    const text_position first = position_of(text_, first_offset);
    add("io.json.duplicate_key", severity::fatal, member_at,
        "the member '" + key + "' is given twice in the same object (" + member_at.str() +
            " at line " + std::to_string(first.line) + ", column " + std::to_string(first.column) +
            ", and again here); a reader cannot know which value was meant, so the document "
            "was not loaded: give each member once",
        offset);
  }

  bool array(json& out, const json_pointer& at, std::size_t depth) {
    ++pos_;  // '['
    out = json::array();
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (std::size_t i = 0;; ++i) {
      skip_space();
      json item;
      if (!value(item, at.index(i), depth)) return false;
      out.push_back(std::move(item));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      fatal("io.json.syntax", at, "expected ',' or ']' in an array, found " + found());
      return false;
    }
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /// Four hex digits after "\u"; -1 when they are not there.
  long hex4() {
    if (pos_ + 4 > text_.size()) return -1;
    long v = 0;
    for (int k = 0; k < 4; ++k) {
      const int d = hex_digit(text_[pos_ + static_cast<std::size_t>(k)]);
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    pos_ += 4;
    return v;
  }

  static void append_utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string& out, const json_pointer& at) {
    ++pos_;  // '"'
    while (true) {
      if (pos_ >= text_.size()) {
        fatal("io.json.syntax", at, "a string is not closed before the end of the input");
        return false;
      }
      const auto b = static_cast<unsigned char>(text_[pos_]);
      if (b == '"') {
        ++pos_;
        return true;
      }
      if (b < 0x20) {
        fatal("io.json.syntax", at,
              "a control character (byte " + std::to_string(b) +
                  ") stands inside a string; write it as an escape such as \\n");
        return false;
      }
      if (b == '\\') {
        if (!escape(out, at)) return false;
        continue;
      }
      if (b < 0x80) {
        out += static_cast<char>(b);
        ++pos_;
        continue;
      }
      const std::size_t n = joinedup::detail::utf8_sequence_length(text_, pos_);
      if (n == 0) {
        fatal("io.json.syntax", at,
              "a string holds a byte that is not valid UTF-8 (" +
                  printable_text(text_.substr(pos_, 1)) + "); save the file as UTF-8");
        return false;
      }
      out.append(text_.substr(pos_, n));
      pos_ += n;
    }
  }

  bool escape(std::string& out, const json_pointer& at) {
    ++pos_;  // '\'
    if (pos_ >= text_.size()) {
      fatal("io.json.syntax", at, "a string ends in the middle of an escape");
      return false;
    }
    const char e = text_[pos_++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        --pos_;
        fatal("io.json.syntax", at, "unknown escape in a string: \\" + found());
        return false;
    }
    const long hi = hex4();
    if (hi < 0) {
      fatal("io.json.syntax", at, "\\u must be followed by four hexadecimal digits");
      return false;
    }
    if (hi >= 0xDC00 && hi <= 0xDFFF) {
      fatal("io.json.syntax", at, "a \\u escape is the second half of a surrogate pair alone");
      return false;
    }
    if (hi >= 0xD800 && hi <= 0xDBFF) {
      const bool has_low = literal("\\u");
      const long lo = has_low ? hex4() : -1;
      if (lo < 0xDC00 || lo > 0xDFFF) {
        fatal("io.json.syntax", at,
              "a \\u escape is the first half of a surrogate pair without its second half");
        return false;
      }
      append_utf8(out, 0x10000 + ((static_cast<unsigned long>(hi) - 0xD800) << 10) +
                           (static_cast<unsigned long>(lo) - 0xDC00));
      return true;
    }
    append_utf8(out, static_cast<unsigned long>(hi));
    return true;
  }

  bool number(json& out, const json_pointer& at) {
    const std::size_t start = pos_;
    bool integral = true;
    if (text_[pos_] == '-') ++pos_;
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
        ++pos_;
      return pos_ - from;
    };
    const std::size_t int_start = pos_;
    const std::size_t int_digits = digits();
    if (int_digits == 0 || (int_digits > 1 && text_[int_start] == '0')) {
      pos_ = start;
      fatal("io.json.syntax", at, "not a valid JSON number: " + found());
      return false;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      integral = false;
      ++pos_;
      if (digits() == 0) {
        pos_ = start;
        fatal("io.json.syntax", at, "a number needs digits after its decimal point: " + found());
        return false;
      }
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      integral = false;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) {
        pos_ = start;
        fatal("io.json.syntax", at, "a number needs digits in its exponent: " + found());
        return false;
      }
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (integral) {
      if (*first == '-') {
        std::int64_t v = 0;
        if (std::from_chars(first, last, v).ec == std::errc{}) {
          out = v;
          return true;
        }
      } else {
        std::uint64_t v = 0;
        if (std::from_chars(first, last, v).ec == std::errc{}) {
          out = v;
          return true;
        }
      }
    }
    double d = 0;
    const std::from_chars_result r = std::from_chars(first, last, d);
    if (r.ec != std::errc{} || !std::isfinite(d)) {
      pos_ = start;
      fatal("io.json.syntax", at,
            "the number " +
                excerpt(std::string_view(first, static_cast<std::size_t>(last - first)), 40) +
                " is too large to be represented");
      return false;
    }
    out = d;
    return true;
  }

  std::string_view text_;
  const json_limits& limits_;
  diagnostics& diags_;
  std::size_t pos_ = 0;
  std::size_t duplicates_ = 0;
};

}  // namespace

std::optional<json> parse_json(std::string_view text, diagnostics& diags,
                               const json_limits& limits) {
  if (text.size() > limits.max_bytes) {
    diags.add("io.json.size", severity::fatal, "",
              "the document is " + std::to_string(text.size()) + " bytes, more than the " +
                  std::to_string(limits.max_bytes) + " bytes a document may have");
    return std::nullopt;
  }
  return parser(text, limits, diags).run();
}

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
