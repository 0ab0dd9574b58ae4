// joinedup: the tamper-evident audit trail. Each entry records who did what to which subject, and
// carries the SHA-256 of its predecessor, so that an edited, removed, inserted or reordered entry
// breaks the chain. This header holds the entry, its canonical serialisation and the chain
// checks; the hash function is passed in (io/audit_log.hpp supplies SHA-256 from libcrypto), so
// the domain needs nothing beyond the standard library. Format: docs/audit.md.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace governance {

/// The `prev` of the first entry in a log: 64 zeros (there is no entry before it).
inline constexpr std::string_view audit_genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// What an audit entry records. The first six are the actions a scheme of delegation limits;
/// `decision` is any other recorded decision and `note` free commentary (including a repair).
enum class audit_action : std::uint8_t {
  virement,                ///< money moved between lines or schemes of a pooled fund
  new_scheme,              ///< a scheme added to the fund
  contribution_variation,  ///< a partner's contribution varied (SI 2000/617 reg 7(3)(b))
  risk_share_deviation,    ///< a departure from the agreed risk-share rule
  settlement,              ///< a year-end or in-year settlement between partners
  plan_sign_off,           ///< a plan signed off (for the BCF, by the Health and Wellbeing Board)
  decision,                ///< any other recorded decision
  note,                    ///< commentary with no decision, e.g. a repair of the log
};

/// Every action with its snake_case name, in declaration order.
inline constexpr std::array<std::pair<std::string_view, audit_action>, 8> audit_action_names{{
    {"virement", audit_action::virement},
    {"new_scheme", audit_action::new_scheme},
    {"contribution_variation", audit_action::contribution_variation},
    {"risk_share_deviation", audit_action::risk_share_deviation},
    {"settlement", audit_action::settlement},
    {"plan_sign_off", audit_action::plan_sign_off},
    {"decision", audit_action::decision},
    {"note", audit_action::note},
}};

/// The snake_case name of an action ("plan_sign_off").
constexpr std::string_view to_string(audit_action a) noexcept {
  for (const auto& [name, value] : audit_action_names) {
    if (value == a) return name;
  }
  return "note";
}

/// The action with this snake_case name, or nullopt.
constexpr std::optional<audit_action> parse_audit_action(std::string_view name) noexcept {
  for (const auto& [n, value] : audit_action_names) {
    if (n == name) return value;
  }
  return std::nullopt;
}

/// The action names joined by ", " for messages and --help.
inline std::string audit_action_list() {
  std::string out;
  for (const auto& [name, value] : audit_action_names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

namespace detail::audit_impl {
/// Appends `s` as a JSON string: `"` and `\` escaped, U+0000..U+001F as \b \f \n \r \t or
/// \u00xx (lower-case hex), everything else (including '/', DEL and UTF-8) as it is.
inline void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 0x0f];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

/// The stored line made from a canonical form: `,"hash":"<hash>"` put before its closing brace.
inline std::string line_from_canonical(std::string canonical, std::string_view hash) {
  canonical.pop_back();
  canonical += ",\"hash\":";
  append_json_string(canonical, hash);
  canonical += '}';
  return canonical;
}

/// The first 12 characters of a hash, for messages.
inline std::string short_hash(std::string_view h) {
  return std::string(h.substr(0, 12)) + (h.size() > 12 ? "…" : "");
}
}  // namespace detail::audit_impl

/// An entry's time as UTC ISO 8601 with seconds and a `Z`: "2025-06-12T14:05:00Z".
[[nodiscard]] inline std::string format_audit_time(std::chrono::sys_seconds t) {
  using namespace std::chrono;
  using joinedup::detail::period_impl::append_padded;
  const sys_days day = floor<days>(t);
  const hh_mm_ss<seconds> time{t - day};
  std::string out = to_iso_string(year_month_day{day});
  out += 'T';
  append_padded(out, time.hours().count(), 2);
  out += ':';
  append_padded(out, time.minutes().count(), 2);
  out += ':';
  append_padded(out, time.seconds().count(), 2);
  out += 'Z';
  return out;
}

/// Reads an entry time written exactly as format_audit_time writes it, `YYYY-MM-DDTHH:MM:SSZ`
/// (UTC, no fractions, no offsets, a real date, hours 00-23, minutes and seconds 00-59).
/// Error: `governance.audit.timestamp`, saying what was found and what is expected.
[[nodiscard]] inline result<std::chrono::sys_seconds> parse_audit_time(std::string_view text) {
  using namespace std::chrono;
  using joinedup::detail::period_impl::all_digits;
  using joinedup::detail::period_impl::digits_value;
  using joinedup::detail::period_impl::quoted;
  const std::string expected =
      "; expected a UTC time YYYY-MM-DDTHH:MM:SSZ such as 2025-06-12T14:05:00Z";
  const bool shaped = text.size() == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' &&
                      text[19] == 'Z' && all_digits(text.substr(11, 2)) &&
                      all_digits(text.substr(14, 2)) && all_digits(text.substr(17, 2));
  if (!shaped) {
    return fail("governance.audit.timestamp",
                "time " + quoted(text) + " is not in the right form" + expected);
  }
  const result<year_month_day> date = parse_iso_date(text.substr(0, 10));
  if (!date) {
    return fail("governance.audit.timestamp",
                "time " + quoted(text) + " has no real date" + expected);
  }
  const int h = digits_value(text.substr(11, 2));
  const int m = digits_value(text.substr(14, 2));
  const int s = digits_value(text.substr(17, 2));
  if (h > 23 || m > 59 || s > 59) {
    return fail("governance.audit.timestamp",
                "time " + quoted(text) + " is not a time of day" + expected);
  }
  return sys_days{*date} + hours{h} + minutes{m} + seconds{s};
}

/// True for exactly 64 lower-case hexadecimal digits (a SHA-256 as the log writes it).
[[nodiscard]] constexpr bool is_sha256_hex(std::string_view s) noexcept {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

/// One entry of the audit trail, one JSON line in the log. Field order here is the order of
/// the canonical serialisation (audit_canonical_form) and of the stored line.
struct audit_entry {
  std::int64_t seq = 0;           ///< 1-based position in the log; each entry is one more
  std::chrono::sys_seconds at{};  ///< when the entry was recorded (UTC, whole seconds)
  std::string actor;              ///< who acted: a person and role, e.g. "J. Patel (S151)"
  audit_action action = audit_action::note;  ///< what kind of act it was
  std::string subject;                       ///< what it was done to: a fund, scheme, line or plan
  std::optional<money> amount;               ///< the sum involved, when there is one
  std::optional<std::string> details;        ///< canonical JSON text of a details object, if any
  std::string prev;  ///< hash of the entry before (audit_genesis_hash for the first)
  std::string hash;  ///< SHA-256 (lower-case hex) of audit_canonical_form(*this)
  friend bool operator==(const audit_entry&, const audit_entry&) = default;
};

/// What a writer supplies for a new entry; seq, prev and hash come from the log.
struct audit_draft {
  std::optional<std::chrono::sys_seconds> at;  ///< recording time; nullopt: the clock, at append
  std::string actor;                           ///< who acted
  audit_action action = audit_action::note;    ///< what kind of act
  std::string subject;                         ///< what it was done to
  std::optional<money> amount;                 ///< the sum involved, if any
  std::optional<std::string> details;  ///< JSON text of a details object (made canonical on append)
};

/// The bytes that are hashed: the entry as JSON without "hash", members in the order seq, at,
/// actor, action, subject, amount (only when present, a decimal string "1234.50"), details
/// (only when present, already canonical), prev; no white space; strings escaped as
/// docs/audit.md says; UTF-8. Example:
/// `{"seq":1,"at":"2025-04-01T09:00:00Z","actor":"A","action":"note","subject":"S","prev":"00…0"}`
[[nodiscard]] inline std::string audit_canonical_form(const audit_entry& e) {
  using detail::audit_impl::append_json_string;
  std::string out = "{\"seq\":" + std::to_string(e.seq) + ",\"at\":";
  append_json_string(out, format_audit_time(e.at));
  out += ",\"actor\":";
  append_json_string(out, e.actor);
  out += ",\"action\":";
  append_json_string(out, to_string(e.action));
  out += ",\"subject\":";
  append_json_string(out, e.subject);
  if (e.amount) {
    out += ",\"amount\":";
    append_json_string(out, e.amount->to_string(money_style::decimal));
  }
  if (e.details) {
    out += ",\"details\":";
    out += *e.details;
  }
  out += ",\"prev\":";
  append_json_string(out, e.prev);
  out += '}';
  return out;
}

/// The stored line (without its line end): the canonical form with `,"hash":"<hex>"` put
/// before the closing brace. Removing that member gives back exactly the hashed bytes.
[[nodiscard]] inline std::string audit_line(const audit_entry& e) {
  return detail::audit_impl::line_from_canonical(audit_canonical_form(e), e.hash);
}

/// A hash function: bytes in, lower-case hexadecimal digest out. io::sha256_hex is the one the
/// log uses; tests may pass others to exercise the chain logic.
using audit_hash_function = std::function<std::string(std::string_view)>;

namespace detail::audit_impl {
/// "seq 4: ", the prefix of every chain message (the line number travels in diagnostic::line);
/// line 0 stands for the last line of a log read from its end by an append: "last entry, seq 4: ".
inline std::string where(std::size_t line, std::int64_t seq) {
  return (line == 0 ? std::string("last entry, seq ") : std::string("seq ")) + std::to_string(seq) +
         ": ";
}

/// Adds an error tied to a line of the log (line 0: no line number, see where()).
inline void add_line_error(diagnostics& diags, std::string_view code, std::size_t line,
                           std::string path, std::string message) {
  diagnostic d = make_diagnostic(code, severity::error, std::move(path), std::move(message));
  if (line > 0) d.line = line;
  diags.add(std::move(d));
}
}  // namespace detail::audit_impl

/// Checks the fields of one entry on their own: seq at least 1; actor and subject not empty
/// and valid UTF-8; prev and hash 64 lower-case hex digits. Problems are
/// `governance.audit.field` errors on `line` (0: the last line, read by an append) with a JSON
/// pointer to the field. Returns true
/// when there were none.
inline bool check_audit_fields(const audit_entry& e, std::size_t line, diagnostics& diags) {
  using detail::audit_impl::add_line_error;
  const std::string at = detail::audit_impl::where(line, e.seq);
  bool ok = true;
  const auto bad = [&](std::string path, std::string message) {
    add_line_error(diags, "governance.audit.field", line, std::move(path), at + message);
    ok = false;
  };
  if (e.seq < 1) bad("/seq", "seq must be a whole number from 1, found " + std::to_string(e.seq));
  const auto text_field = [&bad](const std::string& name, const std::string& text) {
    if (text.empty()) {
      bad("/" + name, name + " is empty; say who acted and on what");
    } else if (!is_valid_utf8(text)) {
      bad("/" + name, name + " is not valid UTF-8");
    }
  };
  text_field("actor", e.actor);
  text_field("subject", e.subject);
  if (!is_sha256_hex(e.prev)) {
    bad("/prev", "prev '" + e.prev + "' is not 64 lower-case hexadecimal digits");
  }
  if (!is_sha256_hex(e.hash)) {
    bad("/hash", "hash '" + e.hash + "' is not 64 lower-case hexadecimal digits");
  }
  return ok;
}

/// The entry that follows `last` (nullptr for the first entry of a log): seq one more, prev the
/// last hash (or audit_genesis_hash), `at` as given (the caller fills a missing time), and its
/// hash computed with `hash`. Precondition: `last->seq` is below the largest int64_t.
/// `d.details`, when present, must already be canonical
/// (io::canonical_details makes it so; io::append_audit_entry does that itself).
[[nodiscard]] inline audit_entry seal_next_entry(const audit_entry* last, const audit_draft& d,
                                                 std::chrono::sys_seconds at,
                                                 const audit_hash_function& hash) {
  JOINEDUP_EXPECTS(!last || last->seq < std::numeric_limits<std::int64_t>::max());
  audit_entry e{.seq = last ? last->seq + 1 : 1,
                .at = at,
                .actor = d.actor,
                .action = d.action,
                .subject = d.subject,
                .amount = d.amount,
                .details = d.details,
                .prev = last ? last->hash : std::string(audit_genesis_hash),
                .hash = {}};
  e.hash = hash(audit_canonical_form(e));
  return e;
}

/// What a chain check has seen so far.
struct audit_chain_summary {
  std::size_t entries = 0;               ///< entries read (whether or not they verified)
  std::optional<std::int64_t> head_seq;  ///< seq of the last entry read
  std::string head_hash;                 ///< stored hash of the last entry read
  std::optional<std::chrono::sys_seconds> first_at;  ///< time of the first entry
  std::optional<std::chrono::sys_seconds> last_at;   ///< time of the last entry
};

/// Checks a log one entry at a time, in file order, so a log of any size is verified in constant
/// memory. For each entry: its fields (check_audit_fields); its seq is one more than the entry
/// before (the first is 1) — `governance.audit.sequence`; its prev is the stored hash of the
/// entry before (the first: audit_genesis_hash) — `governance.audit.prev_mismatch`; its hash is
/// the hash of its canonical form — `governance.audit.hash_mismatch`; the stored line is exactly
/// audit_line(entry) — `governance.audit.not_canonical`; its time is not before the previous
/// entry's — `governance.audit.time_order`; and it matches any anchor given for its seq —
/// `governance.audit.anchor`. The next entry is compared with what this one stores, so one edited
/// entry gives one hash mismatch, and one removed entry one gap and one prev mismatch.
class audit_chain_verifier {
 public:
  /// A verifier using `hash` (io::sha256_hex for real logs).
  explicit audit_chain_verifier(audit_hash_function hash) : hash_(std::move(hash)) {}

  /// Requires the entry with this seq to have this hash: an anchor recorded elsewhere (in the
  /// minutes of the board that signed the plan, say) catches a log rewritten from that point on.
  void add_anchor(std::int64_t seq, std::string hash) { anchors_[seq] = {std::move(hash), false}; }

  /// Checks `e`, read from line `line` (1-based) whose stored text was `text` (without its line
  /// end), against the entries before it; problems go to `diags`. Returns true when it verified.
  bool check(const audit_entry& e, std::string_view text, std::size_t line, diagnostics& diags) {
    using detail::audit_impl::add_line_error;
    using detail::audit_impl::short_hash;
    const std::size_t before = diags.size();
    const bool fields_ok = check_audit_fields(e, line, diags);
    const std::string at = detail::audit_impl::where(line, e.seq);
    if (linked_) {
      constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
      if (summary_.head_seq == top) {
        add_line_error(diags, "governance.audit.sequence", line, "/seq",
                       at + "no entry can follow seq " + std::to_string(top));
      }
      const std::int64_t expected =
          !summary_.head_seq ? 1 : (*summary_.head_seq == top ? top : *summary_.head_seq + 1);
      if (e.seq != expected) {
        std::string why;
        if (e.seq > expected) {
          const std::int64_t gap = e.seq - expected;
          why = std::to_string(gap) + (gap == 1 ? " entry is" : " entries are") +
                " missing before it";
        } else {
          why = "the entry is repeated or out of order";
        }
        add_line_error(diags, "governance.audit.sequence", line, "/seq",
                       at + "expected seq " + std::to_string(expected) + ": " + why);
      }
      const std::string_view want_prev =
          summary_.head_seq ? std::string_view(summary_.head_hash) : audit_genesis_hash;
      if (e.prev != want_prev) {
        const std::string before_entry =
            summary_.head_seq
                ? "the entry before it (line " + std::to_string(last_line_) + ", seq " +
                      std::to_string(*summary_.head_seq) + ") has hash " + short_hash(want_prev)
                : "the first entry must have prev of 64 zeros";
        add_line_error(diags, "governance.audit.prev_mismatch", line, "/prev",
                       at + "prev is " + short_hash(e.prev) + " but " + before_entry +
                           ": an entry was removed, inserted or moved here");
      }
    }
    if (fields_ok) {
      std::string canonical = audit_canonical_form(e);
      const std::string computed = hash_(canonical);
      if (computed != e.hash) {
        add_line_error(diags, "governance.audit.hash_mismatch", line, "/hash",
                       at + "stored hash is " + short_hash(e.hash) + " but the entry hashes to " +
                           short_hash(computed) + ": it was changed after it was written");
      } else if (text != detail::audit_impl::line_from_canonical(std::move(canonical), e.hash)) {
        add_line_error(diags, "governance.audit.not_canonical", line, "",
                       at + "the content hashes correctly but the line is not written in the "
                            "canonical form (spacing, member order, escapes or number form "
                            "changed), so it cannot be re-hashed with sha256sum");
      }
    }
    if (summary_.last_at && e.at < *summary_.last_at) {
      add_line_error(diags, "governance.audit.time_order", line, "/at",
                     at + "recorded at " + format_audit_time(e.at) + ", before the entry above (" +
                         format_audit_time(*summary_.last_at) + "); entries are in time order");
    }
    if (auto a = anchors_.find(e.seq); a != anchors_.end()) {
      a->second.second = true;
      if (a->second.first != e.hash) {
        add_line_error(diags, "governance.audit.anchor", line, "/hash",
                       at + "hash is " + short_hash(e.hash) + " but the anchor recorded " +
                           short_hash(a->second.first) + ": the log was rewritten from here");
      }
    }
    ++summary_.entries;
    summary_.head_seq = e.seq;
    summary_.head_hash = e.hash;
    if (!summary_.first_at) summary_.first_at = e.at;
    if (!summary_.last_at || e.at > *summary_.last_at) summary_.last_at = e.at;
    last_line_ = line;
    linked_ = true;
    return diags.size() == before;
  }

  /// Records that line `line` could not be read as an entry (its problem is already reported).
  /// The link is lost: the next entry's seq and prev are not compared with anything.
  void unreadable(std::size_t line) {
    last_line_ = line;
    linked_ = false;
  }

  /// Reports a final line without a line end: a write that was interrupted (torn tail).
  void torn_tail(std::size_t line, std::size_t bytes, diagnostics& diags) const {
    detail::audit_impl::add_line_error(
        diags, "governance.audit.truncated", line, "",
        "the final line (" + std::to_string(bytes) +
            " bytes) has no line end, so its write was interrupted; it is not an entry. The " +
            std::to_string(summary_.entries) +
            " entries before it are checked on their own. Cut it off with `joinedup audit append "
            "LOG --repair …`, which records the repair in the log");
  }

  /// Ends the check: every anchor must have been met. Reports `governance.audit.anchor` for
  /// each seq the log does not reach.
  void finish(diagnostics& diags) const {
    for (const auto& [seq, a] : anchors_) {
      if (!a.second) {
        diags.error("governance.audit.anchor", "",
                    "the anchor for seq " + std::to_string(seq) + " (" +
                        detail::audit_impl::short_hash(a.first) +
                        ") was not met: the log has no entry with that seq");
      }
    }
  }

  /// What has been seen so far.
  [[nodiscard]] const audit_chain_summary& summary() const noexcept { return summary_; }

 private:
  audit_hash_function hash_;
  audit_chain_summary summary_;
  std::map<std::int64_t, std::pair<std::string, bool>> anchors_;  // seq -> (hash, met)
  std::size_t last_line_ = 0;
  bool linked_ = true;
};

}  // namespace governance
JOINEDUP_END_NAMESPACE
