// joinedup: `outcomes stats` a block at a time. A narrow reader recognises the plain requests
// {"method":"proportion"|"crude_rate","numerator":…,"denominator":…} with optional
// "confidence", "multiplier" and a simple "id" (a plain string or a whole number); they are
// computed together through outcomes/batch.hpp and written directly. Anything the reader is not
// sure of (other members or methods, escapes, a request the statistics refuse, ...) is answered
// by answer_stats_line, so the answers are the same bytes either way.
#include "joinedup/io/stats_batch.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "joinedup/io/outcomes.hpp"
#include "joinedup/outcomes/batch.hpp"
#include "stats_request.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

using outcomes::batch_status;
using outcomes::confidence_levels;
using outcomes::indicator_method;

/// A plain proportion or crude-rate request, as read by read_plain.
struct plain_request {
  indicator_method method = indicator_method::proportion;
  double x = 0;            ///< numerator (NaN for null)
  double n = 0;            ///< denominator (NaN for null)
  double multiplier = 0;   ///< the multiplier, the method's default when absent or null
  confidence_levels conf;  ///< the validated levels
  std::string_view id;     ///< the id as written (a plain string or digits), or empty
  std::size_t index = 0;   ///< the line's place in its block
};

/// A cursor over one request line that gives up (returns false) on anything unexpected.
class reader {
 public:
  explicit reader(std::string_view text) : text_(text) {}

  void space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool at_end() const { return pos_ == text_.size(); }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  /// A string of printable ASCII without escapes; `raw` gets it with its quotes.
  bool plain_string(std::string_view& inner, std::string_view& raw) {
    const std::size_t start = pos_;
    if (!take('"')) return false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        inner = text_.substr(start + 1, pos_ - start - 1);
        ++pos_;
        raw = text_.substr(start, pos_ - start);
        return true;
      }
      if (c == '\\' || c < 0x20 || c > 0x7e) return false;
      ++pos_;
    }
    return false;
  }
  /// A JSON number read as the library's JSON reader reads it (src/io/json_parse.cpp): whole
  /// numbers as 64-bit integers, the others with from_chars; false when not finite.
  bool number(double& out) {
    const std::size_t start = pos_;
    bool integral = true;
    take('-');
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
        ++pos_;
      return pos_ - from;
    };
    const std::size_t int_start = pos_;
    const std::size_t int_digits = digits();
    if (int_digits == 0 || (int_digits > 1 && text_[int_start] == '0')) return false;
    if (take('.')) {
      integral = false;
      if (digits() == 0) return false;
    }
    if (peek('e') || peek('E')) {
      integral = false;
      ++pos_;
      if (!take('+')) take('-');
      if (digits() == 0) return false;
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (integral) {
      if (*first == '-') {
        std::int64_t v = 0;
        if (std::from_chars(first, last, v).ec == std::errc{}) {
          out = static_cast<double>(v);
          return true;
        }
      } else {
        std::uint64_t v = 0;
        if (std::from_chars(first, last, v).ec == std::errc{}) {
          out = static_cast<double>(v);
          return true;
        }
      }
    }
    double d = 0;
    const std::from_chars_result r = std::from_chars(first, last, d);
    if (r.ec != std::errc{} || r.ptr != last || !std::isfinite(d)) return false;
    out = d;
    return true;
  }
  /// A number or null (NaN).
  bool number_or_null(double& out) {
    if (literal("null")) {
      out = std::nan("");
      return true;
    }
    return number(out);
  }
  /// Digits only, at most 19 (so the JSON reader keeps them as an unsigned integer and writes
  /// them back the same); `raw` gets them.
  bool whole_number(std::string_view& raw) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
      ++pos_;
    const std::size_t count = pos_ - start;
    if (count == 0 || count > 19 || (count > 1 && text_[start] == '0')) return false;
    if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E'))
      return false;
    raw = text_.substr(start, count);
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

/// Reads a plain request; nullopt when the line is anything else (it is then answered by
/// answer_stats_line).
std::optional<plain_request> read_plain(std::string_view text) {
  reader r(text);
  plain_request out;
  enum member : unsigned {
    method = 1,
    numerator = 2,
    denominator = 4,
    confidence = 8,
    multiplier = 16,
    id = 32
  };
  unsigned seen = 0;
  std::optional<double> mult;  // null and absent both mean the default
  bool has_conf = false, null_conf = false;
  std::array<double, 2> levels{};
  std::size_t level_count = 0;
  bool conf_array = false;
  r.space();
  if (!r.take('{')) return std::nullopt;
  r.space();
  while (true) {
    std::string_view key, raw;
    if (!r.plain_string(key, raw)) return std::nullopt;
    r.space();
    if (!r.take(':')) return std::nullopt;
    r.space();
    unsigned which = 0;
    if (key == "method") {
      which = method;
      std::string_view name;
      if (!r.plain_string(name, raw)) return std::nullopt;
      if (name == "proportion") {
        out.method = indicator_method::proportion;
      } else if (name == "crude_rate") {
        out.method = indicator_method::crude_rate;
      } else {
        return std::nullopt;
      }
    } else if (key == "numerator") {
      which = numerator;
      if (!r.number_or_null(out.x)) return std::nullopt;
    } else if (key == "denominator") {
      which = denominator;
      if (!r.number_or_null(out.n)) return std::nullopt;
    } else if (key == "multiplier") {
      which = multiplier;
      double v = 0;
      if (!r.number_or_null(v)) return std::nullopt;
      if (!std::isnan(v)) mult = v;
    } else if (key == "confidence") {
      which = confidence;
      has_conf = true;
      if (r.literal("null")) {
        null_conf = true;
      } else if (r.take('[')) {
        conf_array = true;
        r.space();
        if (!r.take(']')) {
          while (true) {
            if (level_count == levels.size() || !r.number(levels[level_count])) return std::nullopt;
            ++level_count;
            r.space();
            if (r.take(']')) break;
            if (!r.take(',')) return std::nullopt;
            r.space();
          }
        }
      } else {
        if (!r.number(levels[0])) return std::nullopt;
        level_count = 1;
      }
    } else if (key == "id") {
      which = id;
      std::string_view inner;
      if (r.peek('"')) {
        if (!r.plain_string(inner, out.id)) return std::nullopt;
      } else if (!r.whole_number(out.id)) {
        return std::nullopt;
      }
    } else {
      return std::nullopt;  // another member: a warning, left to the full reader
    }
    if ((seen & which) != 0) return std::nullopt;  // a duplicate member is a syntax error
    seen |= which;
    r.space();
    if (r.take('}')) break;
    if (!r.take(',')) return std::nullopt;
    r.space();
  }
  r.space();
  if (!r.at_end()) return std::nullopt;
  if ((seen & (method | numerator | denominator)) != (method | numerator | denominator))
    return std::nullopt;
  // The confidence as read_confidence validates it.
  if (!has_conf) {
    out.conf = confidence_levels::ninety_five();
  } else if (!null_conf) {
    const result<confidence_levels> c =
        conf_array ? confidence_levels::list(std::span<const double>(levels.data(), level_count))
                   : confidence_levels::single(levels[0]);
    if (!c) return std::nullopt;
    out.conf = *c;
  }
  out.multiplier = mult.value_or(out.method == indicator_method::proportion ? 1 : 100000);
  if (!std::isfinite(out.multiplier) || out.multiplier <= 0) return std::nullopt;
  return out;
}

/// Appends a double as nlohmann's dump writes it: the shortest round-trip form, "null" when
/// not finite.
void append_number(std::string& s, double v) {
  if (!std::isfinite(v)) {
    s += "null";
    return;
  }
  std::array<char, 64> buf{};
  const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
  s.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
}

/// Appends a number member "key":value.
void append_member(std::string& s, std::string_view key, double v) {
  s += ",\"";
  s += key;
  s += "\":";
  append_number(s, v);
}

/// Appends a string member "key":"text" (the texts here need no escaping).
void append_member(std::string& s, std::string_view key, std::string_view text) {
  s += ",\"";
  s += key;
  s += "\":\"";
  s += text;
  s += '"';
}

/// The labels shared by every answer of one batch call.
struct call_labels {
  std::string statistic;                 ///< "percentage", "rate per 100000", ...
  std::string confidence;                ///< "95%", "95%, 99.8%"
  std::array<std::string, 2> lower_key;  ///< "lower" or "lower_95", ...
  std::array<std::string, 2> upper_key;  ///< "upper" or "upper_95", ...
};

/// Writes the answer of one computed request, member for member as stats_answer writes it.
void write_answer(std::string& s, std::size_t line, const plain_request& req,
                  const outcomes::indicator_value& v, const call_labels& labels) {
  s.clear();
  s += "{\"line\":";
  std::array<char, 24> digits{};
  const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), line);
  (void)ec;
  s.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
  if (!req.id.empty()) {
    s += ",\"id\":";
    s += req.id;
  }
  std::array<std::string_view, 5> why{};
  std::size_t why_count = 0;
  const auto add_reason = [&](std::string_view r) {
    if (r.empty()) return;
    for (std::size_t i = 0; i < why_count; ++i) {
      if (why[i] == r) return;
    }
    why[why_count++] = r;
  };
  append_member(s, "value", v.value ? *v.value : std::nan(""));
  if (!v.value) add_reason(v.value_reason);
  for (std::size_t i = 0; i < v.interval_count; ++i) {
    const outcomes::interval& iv = v.intervals[i];
    append_member(s, labels.lower_key[i], iv.lower ? *iv.lower : std::nan(""));
    append_member(s, labels.upper_key[i], iv.upper ? *iv.upper : std::nan(""));
    if (!iv.lower) add_reason(iv.lower_reason);
    if (!iv.upper) add_reason(iv.upper_reason);
  }
  if (v.interval_count > 0) {
    append_member(s, "confidence", labels.confidence);
  } else {
    s += ",\"confidence\":null";
  }
  append_member(s, "statistic", labels.statistic);
  if (v.method_name.empty()) {
    s += ",\"method\":null";
  } else {
    append_member(s, "method", v.method_name);
  }
  append_member(s, "numerator", v.observed);
  append_member(s, "denominator", v.denominator);
  if (why_count > 0) {
    s += ",\"reason\":\"";
    for (std::size_t i = 0; i < why_count; ++i) {
      if (i) s += "; ";
      s += why[i];
    }
    s += '"';
  }
  s += '}';
}

/// Whether two requests can share one batch call.
bool same_call(const plain_request& a, const plain_request& b) {
  if (a.method != b.method || a.multiplier != b.multiplier || a.conf.size() != b.conf.size())
    return false;
  for (std::size_t i = 0; i < a.conf.size(); ++i) {
    if (a.conf.level(i) != b.conf.level(i)) return false;
  }
  return true;
}

/// The columns of one batch call, reused from call to call.
struct call_columns {
  std::vector<double> x, n, value, lower0, upper0, lower1, upper1;
  std::vector<batch_status> status;
};

/// Computes the requests `run` (all sharing one call) and answers their lines; a request the
/// statistics refuse is answered by answer_stats_line.
void answer_run(std::span<const plain_request> run, std::span<stats_line> block, call_columns& c) {
  const std::size_t k = run.size();
  c.x.resize(k);
  c.n.resize(k);
  c.value.resize(k);
  c.lower0.resize(k);
  c.upper0.resize(k);
  c.lower1.resize(k);
  c.upper1.resize(k);
  c.status.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    c.x[i] = run[i].x;
    c.n[i] = run[i].n;
  }
  const plain_request& first = run.front();
  const confidence_levels& conf = first.conf;
  const outcomes::batch_output out{
      c.value, {{{c.lower0, c.upper0}, {c.lower1, c.upper1}}}, c.status};
  const outcomes::batch_error e =
      first.method == indicator_method::proportion
          ? outcomes::proportions(c.x, c.n, conf, first.multiplier, out)
          : outcomes::crude_rates(c.x, c.n, conf, first.multiplier, out);
  call_labels labels;
  outcomes::indicator_value shape;
  shape.method = first.method;
  shape.multiplier = first.multiplier;
  labels.statistic = shape.statistic();
  labels.confidence = conf.label();
  for (std::size_t i = 0; i < conf.size(); ++i) {
    const std::string suffix =
        conf.size() == 1 ? std::string() : "_" + stats_request::level_suffix(conf.level(i));
    labels.lower_key[i] = "lower" + suffix;
    labels.upper_key[i] = "upper" + suffix;
  }
  for (std::size_t i = 0; i < k; ++i) {
    stats_line& line = block[run[i].index];
    if (e != outcomes::batch_error::none || !outcomes::answered(c.status[i])) {
      line.answer = answer_stats_line(line.request, line.line, line.ok);
      continue;
    }
    const double lower[2] = {c.lower0[i], c.lower1[i]};
    const double upper[2] = {c.upper0[i], c.upper1[i]};
    const outcomes::indicator_value v =
        outcomes::to_indicator_value(first.method, conf, first.multiplier, c.x[i], c.n[i],
                                     c.status[i], c.value[i], lower, upper);
    write_answer(line.answer, line.line, run[i], v, labels);
    line.ok = true;
  }
}

}  // namespace

void answer_stats_block(std::span<stats_line> block) {
  std::vector<plain_request> plain;
  plain.reserve(block.size());
  for (std::size_t i = 0; i < block.size(); ++i) {
    std::optional<plain_request> r = read_plain(block[i].request);
    if (!r) {
      block[i].answer = answer_stats_line(block[i].request, block[i].line, block[i].ok);
      continue;
    }
    r->index = i;
    plain.push_back(*r);
  }
  // Consecutive requests with the same method, multiplier and levels share a call.
  call_columns columns;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= plain.size(); ++i) {
    if (i == plain.size() || !same_call(plain[start], plain[i])) {
      answer_run(std::span<const plain_request>(plain).subspan(start, i - start), block, columns);
      start = i;
    }
  }
}

}  // namespace io
JOINEDUP_END_NAMESPACE
