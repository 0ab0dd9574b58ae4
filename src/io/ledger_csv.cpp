// joinedup: the streaming ledger CSV reader. One pass over blocks of the file: records are split
// by hand (RFC 4180 quoting), dates and amounts take a fast path for their usual shapes and fall
// back to the strict core parsers (which give the diagnostic) for anything else, lines are found
// through a hash index built once, and accepted rows go straight into the ledger summary.
#include "joinedup/io/ledger_csv.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <utility>
#include <vector>

#include "joinedup/core/period.hpp"
#include "joinedup/io/file.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

using budget::transaction_kind;

/// What a column holds.
enum class role : std::uint8_t { date, line, amount, kind, reference, ignored };

constexpr std::array<std::string_view, 5> role_names = {"date", "line", "amount", "kind",
                                                        "reference"};
constexpr std::size_t required_roles = 4;  // date, line, amount, kind; reference is optional

/// One field of a record as found in the input.
struct field {
  const char* begin = nullptr;  ///< first byte (inside the quotes when quoted)
  const char* end = nullptr;    ///< one past the last byte
  bool escaped = false;         ///< quoted and holding a doubled quote ("") to undo
};

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim_slow(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

/// `s` without surrounding spaces, tabs and carriage returns.
inline std::string_view trim(std::string_view s) noexcept {
  if (s.empty() || (!is_space(s.front()) && !is_space(s.back()))) return s;
  return trim_slow(s);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// `text` in single quotes for a message, cut to 40 characters.
std::string quoted(std::string_view text) {
  constexpr std::size_t most = 40;
  if (text.size() > most) return "'" + std::string(text.substr(0, most)) + "...'";
  return "'" + std::string(text) + "'";
}

/// The first ',' or '\n' in [p, end), or end. Eight bytes at a time (a zero-byte test on the
/// word XORed with each delimiter: the lowest flagged byte is always a true match).
[[gnu::always_inline]] inline const char* find_delimiter(const char* p, const char* end) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    while (end - p >= 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, p, 8);
      const std::uint64_t c = w ^ (ones * ',');
      const std::uint64_t n = w ^ (ones * '\n');
      const std::uint64_t hit = (((c - ones) & ~c) | ((n - ones) & ~n)) & highs;
      if (hit != 0) return p + (std::countr_zero(hit) >> 3);
      p += 8;
    }
  }
  while (p != end && *p != ',' && *p != '\n')
    ++p;
  return p;
}

constexpr bool digit(char c) noexcept {
  return static_cast<unsigned char>(c - '0') < 10;
}

constexpr int two(const char* p) noexcept {
  return (p[0] - '0') * 10 + (p[1] - '0');
}

/// Fast path for the usual amount shapes: -?digits(.d{1,2})? with at most 16 whole digits.
/// False means "not this shape": the strict parser decides.
bool fast_amount(std::string_view s, std::int64_t& pence) noexcept {
  const char* p = s.data();
  const char* const e = p + s.size();
  bool negative = false;
  if (p != e && *p == '-') {
    negative = true;
    ++p;
  }
  const char* const whole_begin = p;
  std::int64_t whole = 0;
  while (p != e && digit(*p)) {
    if (p - whole_begin == 16) return false;  // a 17th digit: leave it to the strict parser
    whole = whole * 10 + (*p - '0');
    ++p;
  }
  if (p == whole_begin) return false;
  std::int64_t frac = 0;
  if (p != e) {
    if (*p != '.') return false;
    ++p;
    const auto places = e - p;
    if (places == 1 && digit(p[0])) {
      frac = (p[0] - '0') * 10;
    } else if (places == 2 && digit(p[0]) && digit(p[1])) {
      frac = two(p);
    } else {
      return false;
    }
  }
  pence = whole * 100 + frac;
  if (negative) pence = -pence;
  return true;
}

/// Fast path for the kind: the exact lower-case names.
bool fast_kind(std::string_view s, transaction_kind& k) noexcept {
  switch (s.size()) {
    case 6:
      if (s == "actual") {
        k = transaction_kind::actual;
        return true;
      }
      return false;
    case 7:
      if (s == "accrual") {
        k = transaction_kind::accrual;
        return true;
      }
      return false;
    case 10:
      if (s == "commitment") {
        k = transaction_kind::commitment;
        return true;
      }
      if (s == "adjustment") {
        k = transaction_kind::adjustment;
        return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

struct ledger_csv_reader::impl {
  impl(const budget::pooled_fund& f, diagnostics& d, ledger_csv_options o)
      : fund(f), diags(d), opt(std::move(o)), summary(f) {
    start_year = fund.year.start_year();
    start = std::chrono::sys_days{fund.year.first_day()};
    // Day offsets of the first of each calendar month within the financial year, and the days
    // in each month: April..December of the start year, January..March of the end year.
    int offset = 0;
    for (int i = 0; i < 12; ++i) {
      const int month = (i + 3) % 12 + 1;  // 4..12, 1..3
      const int year = month >= 4 ? start_year : start_year + 1;
      const std::chrono::year_month ym{std::chrono::year{year},
                                       std::chrono::month{static_cast<unsigned>(month)}};
      const auto days = static_cast<int>(static_cast<unsigned>((ym / std::chrono::last).day()));
      month_start[static_cast<std::size_t>(month)] = offset;
      month_days[static_cast<std::size_t>(month)] = days;
      offset += days;
    }
  }

  const budget::pooled_fund& fund;
  diagnostics& diags;
  ledger_csv_options opt;
  budget::ledger_summary summary;
  ledger_control_totals control;
  std::array<std::int64_t, budget::transaction_kind_count> kind_sum{};

  // Calendar of the fund's year.
  int start_year = 0;
  std::chrono::sys_days start{};
  std::array<int, 13> month_start{};
  std::array<int, 13> month_days{};

  // Header.
  bool header_done = false;
  bool header_ok = false;
  std::size_t columns = 0;
  std::array<std::size_t, 5> column_of{};  // role -> column index (columns when absent)

  // Position.
  bool bom_checked = false;  // the start of the input has been looked at for a byte order mark
  std::size_t record = 0;    // index of the next record; the header is record 0
  std::size_t line = 1;      // 1-based line of the file the next record starts on

  // Buffering across blocks.
  std::string pending;
  std::size_t retry_at = 0;  // parse pending again only once it is this long
  bool finished = false;
  bool stopped = false;  // a record was too long: the rest of the input is ignored
  /// The longest record (bytes) buffered before the input is judged not to be a ledger.
  static constexpr std::size_t max_record_bytes = std::size_t{1} << 20;

  // Scratch.
  std::vector<field> fields;
  std::array<std::string, 5> unescaped;

  // Diagnostics cap.
  std::size_t row_diagnostics = 0;
  std::map<std::string, std::size_t> suppressed;

  // Accepted rows are added to the summary in batches of defer_depth: with a large fund the
  // summary outgrows the cache, and a tight loop of independent additions lets the processor
  // wait for many cache misses at once instead of one per row (twice the speed with 400
  // lines). Anything that reports a diagnostic, the end of each block and finish() add the
  // waiting rows first, so diagnostics and counts come out in row order as if nothing waited.
  struct deferred_row {
    std::size_t line = 0;          // line position
    std::chrono::sys_days date{};  // transaction date
    std::int64_t pence = 0;        // amount
    transaction_kind kind = transaction_kind::actual;
    std::size_t rec = 0;  // record index, for a diagnostic
    std::size_t at = 0;   // file line, for a diagnostic
  };
  static constexpr std::size_t defer_depth = 64;
  std::array<deferred_row, defer_depth> deferred{};
  std::size_t deferred_head = 0;   // the oldest waiting row
  std::size_t deferred_count = 0;  // how many wait

  /// Adds an accepted row's amount to the summary and the control totals; false (with a
  /// budget.ledger.range diagnostic, the row rejected) when the summary refuses it.
  bool apply(const deferred_row& r) {
    const money amount = money::from_pence(r.pence);
    if (summary.add(r.line, r.date, amount, r.kind) != budget::add_outcome::added) {
      // Only out_of_range is possible here: the line and the date were checked already.
      emit("budget.ledger.range", path(r.rec, role::amount),
           "amount " + amount.to_string() +
               " would take the sum of the ledger's amounts (ignoring sign) beyond the range "
               "of money; the row is not counted",
           r.at);
      ++control.rows_rejected;
      return false;
    }
    kind_sum[static_cast<std::size_t>(r.kind)] += r.pence;
    ++control.rows_accepted;
    return true;
  }

  /// Applies every waiting row, oldest first.
  void flush_deferred() {
    while (deferred_count > 0) {
      const deferred_row r = deferred[deferred_head];
      deferred_head = (deferred_head + 1) % defer_depth;
      --deferred_count;
      (void)apply(r);
    }
  }

  /// Queues an accepted row, applying the whole batch when the queue is full.
  void defer(const deferred_row& r) {
    if (deferred_count == defer_depth) flush_deferred();
    deferred[(deferred_head + deferred_count) % defer_depth] = r;
    ++deferred_count;
  }

  /// Adds a row diagnostic (respecting the cap), after the rows waiting before it.
  void report(std::string_view code, std::string path, std::string message, std::size_t at) {
    flush_deferred();
    emit(code, std::move(path), std::move(message), at);
  }

  /// Adds a row diagnostic (respecting the cap) at once.
  void emit(std::string_view code, std::string path, std::string message, std::size_t at) {
    if (opt.max_row_diagnostics != 0 && row_diagnostics >= opt.max_row_diagnostics) {
      ++suppressed[std::string(code)];
      return;
    }
    ++row_diagnostics;
    // Built plainly: diagnostics::add makes the text printable, and only for those it keeps.
    diags.add(
        diagnostic{std::string(code), severity::error, std::move(path), std::move(message), at});
  }

  /// A diagnostic about the header or the file (never capped), after the rows waiting before it.
  void header_report(std::string_view code, severity sev, std::string path, std::string message,
                     std::size_t at) {
    flush_deferred();
    diagnostic d = make_diagnostic(code, sev, std::move(path), std::move(message));
    d.line = at;
    diags.add(std::move(d));
  }

  std::string path(std::size_t rec, role r) const {
    return "/rows/" + std::to_string(rec) + "/" +
           std::string(role_names[static_cast<std::size_t>(r)]);
  }

  /// The text of field `i`, unescaping a quoted field with doubled quotes into `slot`.
  [[gnu::always_inline]] std::string_view text(std::size_t i, std::string& slot) const {
    const field& f = fields[i];
    if (!f.escaped) return {f.begin, static_cast<std::size_t>(f.end - f.begin)};
    return unescape(f, slot);
  }

  /// A quoted field's text with each doubled quote made single, in `slot`.
  static std::string_view unescape(const field& f, std::string& slot) {
    slot.clear();
    for (const char* p = f.begin; p != f.end; ++p) {
      slot += *p;
      if (*p == '"') ++p;  // the second of a doubled quote
    }
    return slot;
  }

  void process_header(std::size_t nfields, bool quote_error, std::size_t at) {
    header_done = true;
    if (quote_error) {
      header_report(
          "budget.ledger.quote", severity::fatal, "/rows/0",
          "the header row has a malformed quoted field; expected " + std::string(ledger_csv_header),
          at);
      return;
    }
    columns = nfields;
    column_of.fill(columns);
    bool ok = true;
    for (std::size_t i = 0; i < nfields; ++i) {
      std::string scratch;
      const std::string_view raw = text(i, scratch);
      const std::string name = lower(trim(raw));
      const std::string at_path = "/rows/0/" + std::to_string(i);
      std::size_t r = 0;
      while (r < role_names.size() && role_names[r] != name)
        ++r;
      if (r == role_names.size()) {
        header_report("budget.ledger.unknown_column", severity::warning, at_path,
                      "column " + quoted(name) +
                          " is not a ledger column and is ignored; the columns are " +
                          std::string(ledger_csv_header),
                      at);
        continue;
      }
      if (column_of[r] != columns) {
        header_report("budget.ledger.duplicate_column", severity::fatal, at_path,
                      "column " + quoted(name) + " appears twice (columns " +
                          std::to_string(column_of[r] + 1) + " and " + std::to_string(i + 1) +
                          "), so which one holds the " + name + " is unclear",
                      at);
        ok = false;
        continue;
      }
      column_of[r] = i;
    }
    for (std::size_t r = 0; r < required_roles; ++r) {
      if (column_of[r] == columns) {
        header_report("budget.ledger.missing_column", severity::fatal, "/rows/0",
                      "the header has no " + quoted(role_names[r]) +
                          " column; expected the columns " + std::string(ledger_csv_header) +
                          " (in any order; reference is optional)",
                      at);
        ok = false;
      }
    }
    header_ok = ok;
  }

  /// Checks a data record and adds it to the summary when it is good.
  void process_row(std::size_t nfields, bool quote_error, std::size_t rec, std::size_t at) {
    ++control.rows_read;
    if (!header_ok) {
      ++control.rows_rejected;
      return;
    }
    if (quote_error) {
      report("budget.ledger.quote", "/rows/" + std::to_string(rec),
             "the row has a malformed quoted field: a quote must open a field, close it before a "
             "comma or the line end, and be doubled inside it",
             at);
      ++control.rows_rejected;
      return;
    }
    if (nfields != columns) {
      report("budget.ledger.field_count", "/rows/" + std::to_string(rec),
             "the row has " + std::to_string(nfields) + " field(s); the header has " +
                 std::to_string(columns),
             at);
      ++control.rows_rejected;
      return;
    }
    bool ok = true;

    // Date.
    std::string_view date_text = trim(text(column_of[0], unescaped[0]));
    std::int64_t day = -1;
    if (date_text.size() == 10 && date_text[4] == '-' && date_text[7] == '-' &&
        digit(date_text[0]) && digit(date_text[1]) && digit(date_text[2]) && digit(date_text[3]) &&
        digit(date_text[5]) && digit(date_text[6]) && digit(date_text[8]) && digit(date_text[9])) {
      const int y = two(date_text.data()) * 100 + two(date_text.data() + 2);
      const int m = two(date_text.data() + 5);
      const int d = two(date_text.data() + 8);
      if (m >= 1 && m <= 12 && d >= 1 && (m >= 4 ? y == start_year : y == start_year + 1) &&
          d <= month_days[static_cast<std::size_t>(m)]) {
        day = month_start[static_cast<std::size_t>(m)] + d - 1;
      }
    }
    if (day < 0) {
      ok = false;
      const result<std::chrono::year_month_day> parsed = parse_iso_date(date_text);
      if (!parsed) {
        report(parsed.error().code, path(rec, role::date), parsed.error().message, at);
      } else {
        report("budget.ledger.outside_year", path(rec, role::date),
               "date " + to_iso_string(*parsed) + " is outside the fund's financial year " +
                   fund.year.to_string() + " (" + fund.year.range().to_string() + ")",
               at);
      }
    }

    // Line.
    const std::string_view line_text = trim(text(column_of[1], unescaped[1]));
    const std::size_t line_index = summary.find_line(line_text);
    if (line_index == budget::line_index::npos) {
      ok = false;
      report("budget.ledger.unknown_line", path(rec, role::line),
             line_text.empty()
                 ? std::string("the line id is empty; expected an expenditure "
                               "line id of the fund")
                 : "line " + quoted(line_text) + " is not an expenditure line of the fund",
             at);
    }

    // Amount.
    const std::string_view amount_text = trim(text(column_of[2], unescaped[2]));
    std::int64_t pence = 0;
    if (!fast_amount(amount_text, pence)) {
      const result<money> parsed = money::parse(amount_text);
      if (parsed) {
        pence = parsed->pence();
      } else {
        ok = false;
        report(parsed.error().code, path(rec, role::amount), parsed.error().message, at);
      }
    }

    // Kind.
    const std::string_view kind_text = text(column_of[3], unescaped[3]);
    transaction_kind kind = transaction_kind::actual;
    if (!fast_kind(kind_text, kind)) {
      const std::optional<transaction_kind> k =
          budget::parse_transaction_kind(lower(trim(kind_text)));
      if (k) {
        kind = *k;
      } else {
        ok = false;
        report(
            "budget.ledger.kind", path(rec, role::kind),
            "kind " + quoted(kind_text) + " is not one of actual, accrual, commitment, adjustment",
            at);
      }
    }

    if (!ok) {
      ++control.rows_rejected;
      return;
    }
    const deferred_row row{line_index, start + std::chrono::days{day}, pence, kind, rec, at};
    if (!opt.on_transaction) {
      defer(row);
      return;
    }
    flush_deferred();
    if (!apply(row)) return;
    budget::transaction t;
    t.date = std::chrono::year_month_day{row.date};
    t.line = std::string(line_text);
    t.amount = money::from_pence(pence);
    t.kind = kind;
    if (column_of[4] != columns) t.reference = std::string(text(column_of[4], unescaped[4]));
    t.source_line = at;
    opt.on_transaction(t);
  }

  /// Reads the complete records of data[0, size) (all of it when `final`) and returns how many
  /// bytes were consumed; the rows waiting in the queue are applied before it returns.
  std::size_t parse(const char* const data, const std::size_t size, const bool final) {
    const std::size_t used = parse_records(data, size, final);
    flush_deferred();
    return used;
  }

  /// Reads the complete records of data[0, size) (all of it when `final`) and returns how many
  /// bytes were consumed: the rest is an incomplete record to be read again with more data.
  std::size_t parse_records(const char* const data, const std::size_t size, const bool final) {
    const char* p = data;
    const char* const end = data + size;
    if (!bom_checked) {
      // A UTF-8 byte order mark before the header (spreadsheets write one) is not data.
      constexpr std::string_view bom = "\xEF\xBB\xBF";
      const auto have = static_cast<std::size_t>(end - p);
      if (have < bom.size() && !final && std::string_view(p, have) == bom.substr(0, have)) {
        return 0;
      }
      bom_checked = true;
      if (have >= bom.size() && std::string_view(p, bom.size()) == bom) p += bom.size();
    }
    while (p != end) {
      const char* const record_begin = p;
      std::size_t nfields = 0;
      std::size_t breaks = 0;  // line breaks inside quoted fields
      bool quote_error = false;
      // Fields kept: every one of the header; one more than the header has for a data row.
      const std::size_t keep = header_done ? columns + 1 : static_cast<std::size_t>(-1);
      while (true) {
        field f;
        const char* next = nullptr;  // where the following field starts, or nullptr at the end
        bool record_end = false;
        if (p != end && *p == '"') {
          const char* q = p + 1;
          const char* close = nullptr;
          while (true) {
            const void* found = std::memchr(q, '"', static_cast<std::size_t>(end - q));
            if (found == nullptr) break;
            const char* c = static_cast<const char*>(found);
            if (c + 1 == end) {
              if (final) close = c;
              break;
            }
            if (c[1] == '"') {
              f.escaped = true;
              q = c + 2;
              continue;
            }
            close = c;
            break;
          }
          if (close == nullptr) {
            if (!final) return static_cast<std::size_t>(record_begin - data);
            quote_error = true;  // unclosed quote: the rest of the input
            breaks += static_cast<std::size_t>(std::count(p, end, '\n'));
            f.begin = p + 1;
            f.end = end;
            p = end;
            record_end = true;
          } else {
            breaks += static_cast<std::size_t>(std::count(p + 1, close, '\n'));
            f.begin = p + 1;
            f.end = close;
            const char* a = close + 1;
            if (a == end) {
              if (!final) return static_cast<std::size_t>(record_begin - data);
              p = end;
              record_end = true;
            } else if (*a == ',') {
              next = a + 1;
            } else if (*a == '\n') {
              p = a + 1;
              record_end = true;
            } else if (*a == '\r' && a + 1 != end && a[1] == '\n') {
              p = a + 2;
              record_end = true;
            } else if (*a == '\r' && a + 1 == end && !final) {
              return static_cast<std::size_t>(record_begin - data);
            } else {
              quote_error = true;  // text after the closing quote: skip to the line end
              const void* nl = std::memchr(a, '\n', static_cast<std::size_t>(end - a));
              if (nl == nullptr) {
                if (!final) return static_cast<std::size_t>(record_begin - data);
                p = end;
              } else {
                p = static_cast<const char*>(nl) + 1;
              }
              record_end = true;
            }
          }
        } else {
          const char* const q = find_delimiter(p, end);
          if (q == end && !final) return static_cast<std::size_t>(record_begin - data);
          f.begin = p;
          f.end = q;
          if (q == end) {
            p = end;
            record_end = true;
          } else if (*q == ',') {
            next = q + 1;
          } else {
            if (q != p && q[-1] == '\r') f.end = q - 1;
            p = q + 1;
            record_end = true;
          }
        }
        if (nfields < keep) {
          if (fields.size() <= nfields) fields.resize(nfields + 1);
          fields[nfields] = f;
        }
        ++nfields;
        if (record_end) break;
        p = next;
        if (p == end) {
          // A trailing comma at the very end: one more, empty, field.
          if (!final) return static_cast<std::size_t>(record_begin - data);
          if (nfields < keep) {
            if (fields.size() <= nfields) fields.resize(nfields + 1);
            fields[nfields] = field{end, end, false};
          }
          ++nfields;
          break;
        }
      }
      const std::size_t at = line;
      line += 1 + breaks;
      const bool blank = nfields == 1 && !quote_error && fields[0].begin != nullptr &&
                         fields[0].begin == fields[0].end && *record_begin != '"';
      if (blank) {
        header_report("budget.ledger.blank_line", severity::warning, "",
                      "line " + std::to_string(at) + " is blank and is not a row", at);
        continue;
      }
      const std::size_t rec = record++;
      if (!header_done) {
        process_header(nfields, quote_error, at);
      } else {
        process_row(nfields, quote_error, rec, at);
      }
    }
    return size;
  }

  void feed(std::string_view block) {
    JOINEDUP_EXPECTS(!finished);
    while (!block.empty() && !stopped) {
      if (pending.empty()) {
        const std::size_t used = parse(block.data(), block.size(), false);
        pending.assign(block.substr(used));
        retry_at = 0;
        if (pending.size() > max_record_bytes) stop_long_record();
        return;
      }
      // Complete the pending record: add the block up to its next line break (or all of it
      // while a long record is still growing), then try again.
      std::size_t take = block.size();
      if (pending.size() >= retry_at) {
        const void* nl = std::memchr(block.data(), '\n', block.size());
        if (nl != nullptr)
          take = static_cast<std::size_t>(static_cast<const char*>(nl) - block.data()) + 1;
      }
      pending.append(block.substr(0, take));
      block.remove_prefix(take);
      if (pending.size() > max_record_bytes) {
        stop_long_record();
        return;
      }
      if (pending.size() < retry_at) continue;
      const std::size_t used = parse(pending.data(), pending.size(), false);
      pending.erase(0, used);
      // Still incomplete: wait until it has doubled, so a long record costs linear time.
      retry_at = pending.empty() ? 0 : 2 * pending.size();
    }
  }

  /// Gives up on input with a record longer than max_record_bytes: it is not a ledger (a
  /// binary file, an endless stream with no line break), and buffering it would take memory
  /// without bound.
  void stop_long_record() {
    flush_deferred();
    diagnostic d = make_diagnostic(
        "budget.ledger.record_too_long", severity::fatal, path(record, role::date),
        "a record is longer than " + std::to_string(max_record_bytes) +
            " bytes with no line break; this is not a ledger CSV file, so reading stopped");
    d.line = line;
    diags.add(std::move(d));
    pending.clear();
    pending.shrink_to_fit();
    stopped = true;
  }

  ledger_load finish() {
    JOINEDUP_EXPECTS(!finished);
    finished = true;
    if (!pending.empty() && !stopped) {
      (void)parse(pending.data(), pending.size(), true);
      pending.clear();
    }
    if (!header_done) {
      header_report("budget.ledger.empty", severity::fatal, "",
                    "the ledger has no header row; expected " + std::string(ledger_csv_header),
                    line);
    }
    if (!suppressed.empty()) {
      std::string message = "a further ";
      std::size_t n = 0;
      std::string by_code;
      for (const auto& [code, count] : suppressed) {
        n += count;
        by_code += (by_code.empty() ? "" : ", ") + code + " " + std::to_string(count);
      }
      diags.warning("budget.ledger.truncated", "",
                    message + std::to_string(n) + " row diagnostic(s) were not listed (" + by_code +
                        "); the rows are counted as rejected");
    }
    money total;
    for (std::size_t k = 0; k < budget::transaction_kind_count; ++k) {
      control.by_kind.amounts[k] = money::from_pence(kind_sum[k]);
      total += control.by_kind.amounts[k];
    }
    control.total = total;
    return ledger_load{std::move(summary), control};
  }
};

ledger_csv_reader::ledger_csv_reader(const budget::pooled_fund& fund, diagnostics& diags,
                                     ledger_csv_options options)
    : impl_(std::make_unique<impl>(fund, diags, std::move(options))) {}

ledger_csv_reader::~ledger_csv_reader() = default;

void ledger_csv_reader::feed(std::string_view block) {
  impl_->feed(block);
}

ledger_load ledger_csv_reader::finish() {
  return impl_->finish();
}

bool ledger_csv_reader::stopped() const noexcept {
  return impl_->stopped;
}

ledger_load read_ledger_csv(std::string_view text, const budget::pooled_fund& fund,
                            diagnostics& diags, const ledger_csv_options& options) {
  ledger_csv_reader reader(fund, diags, options);
  reader.feed(text);
  return reader.finish();
}

std::optional<ledger_load> read_ledger_csv_file(const std::string& path,
                                                const budget::pooled_fund& fund, diagnostics& diags,
                                                const ledger_csv_options& options) {
  if (const result<done> ok = check_input_file(path); !ok) {
    diagnostic d = ok.error();
    d.severity = severity::fatal;
    diags.add(std::move(d));
    return std::nullopt;
  }
  const bool stdin_input = path == "-";
  std::FILE* file = stdin_input ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    diags.add("io.file.read", severity::fatal, "",
              "cannot open ledger file '" + path + "': " + std::strerror(errno));
    return std::nullopt;
  }
  std::vector<char> buffer(std::max<std::size_t>(options.block_size, 4096));
  ledger_csv_reader reader(fund, diags, options);
  bool failed = false;
  while (true) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file);
    if (n > 0) reader.feed(std::string_view(buffer.data(), n));
    if (reader.stopped()) break;  // not a ledger: reading more would only use memory and time
    if (n < buffer.size()) {
      failed = std::ferror(file) != 0;
      break;
    }
  }
  if (!stdin_input) std::fclose(file);
  if (failed) {
    diags.add("io.file.read", severity::fatal, "", "cannot read ledger file '" + path + "'");
    return std::nullopt;
  }
  ledger_load load = reader.finish();
  if (reader.stopped()) return std::nullopt;
  return load;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
