// joinedup: the audit log file — SHA-256 (libcrypto), reading entries, streaming verification and
// durable, locked appends.
#include "joinedup/io/audit_log.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <vector>

#include "joinedup/io/file.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

using detail::json;
using governance::audit_entry;

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    // Only an allocation failure inside libcrypto gets here: no digest can be trusted.
    throw std::runtime_error("joinedup: libcrypto could not compute a SHA-256 digest");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0f];
  }
  return out;
}

namespace {

/// "last line: " for line 0 (read from the end of the log by an append), else nothing: the
/// line number travels in diagnostic::line.
std::string line_label(std::size_t line) {
  return line == 0 ? std::string("last line: ") : std::string();
}

/// Moves `local` into `diags`, each tied to `line` (see line_label).
void add_on_line(const diagnostics& local, std::size_t line, diagnostics& diags) {
  for (const diagnostic& d : local) {
    diagnostic copy = d;
    if (line > 0) copy.line = line;
    copy.message.insert(0, line_label(line));
    diags.add(std::move(copy));
  }
}

/// Appends the canonical form of `v` to `out`; false (with a diagnostic) for a number that is
/// not whole.
bool append_canonical(const json& v, const json_pointer& at, std::string& out, diagnostics& diags) {
  using governance::detail::audit_impl::append_json_string;
  switch (v.type()) {
    case json::value_t::object: {
      std::vector<std::string> keys;
      for (auto it = v.begin(); it != v.end(); ++it)
        keys.push_back(it.key());
      std::sort(keys.begin(), keys.end());  // char_traits<char> compares as unsigned bytes
      bool ok = true;
      out += '{';
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, keys[i]);
        out += ':';
        ok = append_canonical(v.at(keys[i]), at.key(keys[i]), out, diags) && ok;
      }
      out += '}';
      return ok;
    }
    case json::value_t::array: {
      bool ok = true;
      out += '[';
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += ',';
        ok = append_canonical(v[i], at.index(i), out, diags) && ok;
      }
      out += ']';
      return ok;
    }
    case json::value_t::string:
      append_json_string(out, v.get_ref<const std::string&>());
      return true;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::boolean:
    case json::value_t::null:
      out += v.dump();
      return true;
    default:
      diags.error("governance.audit.details", at.str(),
                  "details hold the number " + v.dump() +
                      ", which is not whole; write decimals (money, rates) as strings, e.g. "
                      "\"1234.50\", so the canonical form is exact");
      return false;
  }
}

/// The canonical details text for a parsed value that must be an object.
std::optional<std::string> canonical_details_value(const json& v, const json_pointer& at,
                                                   diagnostics& diags) {
  if (!v.is_object()) {
    diags.error("governance.audit.details", at.str(),
                std::string("details must be a JSON object, found ") + v.type_name());
    return std::nullopt;
  }
  std::string out;
  if (!append_canonical(v, at, out, diags)) return std::nullopt;
  return out;
}

/// Adds a problem found while appending, naming the log.
void append_error(diagnostics& diags, std::string_view code, const std::string& path,
                  const std::string& message) {
  diags.error(code, "", "'" + path + "': " + message);
}

/// Closes a file descriptor when it goes out of scope.
struct fd_guard {
  int fd = -1;
  fd_guard() = default;
  explicit fd_guard(int f) : fd(f) {}
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

/// Reads exactly `size` bytes at `offset`; false on error or end of file.
bool read_at(int fd, char* data, std::size_t size, off_t offset) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, data, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += n;
  }
  return true;
}

/// The offset where the line holding byte `end - 1` starts: one past the last '\n' before `end`,
/// or 0. Reads backwards in blocks, so the cost is the length of that line only.
std::optional<off_t> line_start(int fd, off_t end) {
  std::array<char, 65536> block{};
  off_t pos = end;
  while (pos > 0) {
    const off_t chunk = std::min<off_t>(pos, static_cast<off_t>(block.size()));
    const off_t from = pos - chunk;
    if (!read_at(fd, block.data(), static_cast<std::size_t>(chunk), from)) return std::nullopt;
    for (off_t i = chunk; i > 0; --i) {
      if (block[static_cast<std::size_t>(i - 1)] == '\n') return from + i;
    }
    pos = from;
  }
  return 0;
}

/// The bytes [from, to) of the file.
std::optional<std::string> read_range(int fd, off_t from, off_t to) {
  std::string text(static_cast<std::size_t>(to - from), '\0');
  if (!read_at(fd, text.data(), text.size(), from)) return std::nullopt;
  return text;
}

/// The default writer: ::write.
std::ptrdiff_t plain_write(int fd, const char* data, std::size_t size) {
  return ::write(fd, data, size);
}

/// The folder holding `path`, for the fsync that makes a new file's name durable.
std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

std::optional<std::string> canonical_details(std::string_view text, diagnostics& diags,
                                             const std::string& path) {
  diagnostics syntax;
  const std::optional<json> v = detail::parse_json(text, syntax);
  if (!v) {
    diags.error("governance.audit.details", path,
                "details are not valid JSON (" + syntax[0].message +
                    "); give an object such as {\"from\":\"L03\"}");
    return std::nullopt;
  }
  return canonical_details_value(*v, json_pointer(path), diags);
}

std::optional<audit_entry> read_audit_entry(std::string_view text, std::size_t line,
                                            diagnostics& diags) {
  diagnostics syntax;
  const std::optional<json> parsed = detail::parse_json(text, syntax);
  if (!parsed || !parsed->is_object()) {
    const std::string why = text.empty() ? std::string("the line is blank")
                            : !syntax.empty()
                                ? "the line is not valid JSON (" + syntax[0].message + ")"
                                : std::string("the line is not a JSON object");
    diagnostic d =
        make_diagnostic("governance.audit.syntax", severity::error, "",
                        line_label(line) + why + "; every line of an audit log is one entry");
    if (line > 0) d.line = line;
    diags.add(std::move(d));
    return std::nullopt;
  }
  const json& doc = *parsed;
  diagnostics local;
  const json_pointer root;
  audit_entry e;
  bool ok = true;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    static constexpr std::array<std::string_view, 9> known = {
        "seq", "at", "actor", "action", "subject", "amount", "details", "prev", "hash"};
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      local.error("governance.audit.unknown_field", root.key(it.key()).str(),
                  "member '" + it.key() +
                      "' is not part of an entry and not covered by its hash; an entry has only "
                      "seq, at, actor, action, subject, amount, details, prev and hash");
      ok = false;
    }
  }
  const auto seq = doc.find("seq");
  if (seq == doc.end()) {
    local.error("io.json.missing", "/seq", "required field 'seq' is missing");
    ok = false;
  } else if (seq->is_number_integer() && !seq->is_number_unsigned()) {
    e.seq = seq->get<std::int64_t>();
  } else if (seq->is_number_unsigned() &&
             seq->get<std::uint64_t>() <=
                 static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    e.seq = static_cast<std::int64_t>(seq->get<std::uint64_t>());
  } else {
    local.error("io.json.type", "/seq", "'seq' must be a whole number, found " + seq->dump());
    ok = false;
  }
  if (const auto at = detail::get_string(doc, "at", root, local)) {
    const result<std::chrono::sys_seconds> t = governance::parse_audit_time(*at);
    if (t) {
      e.at = *t;
    } else {
      ok = collect(t, local, "/at") && ok;
    }
  } else {
    ok = false;
  }
  const auto actor = detail::get_string(doc, "actor", root, local);
  const auto action = detail::get_enum(doc, "action", root, local, governance::audit_action_names);
  const auto subject = detail::get_string(doc, "subject", root, local);
  const std::size_t before_amount = local.size();
  e.amount = detail::get_money(doc, "amount", root, local, false);
  ok = ok && actor && action && subject && local.size() == before_amount;
  if (actor) e.actor = *actor;
  if (action) e.action = *action;
  if (subject) e.subject = *subject;
  if (const auto details = doc.find("details"); details != doc.end()) {
    e.details = canonical_details_value(*details, root.key("details"), local);
    ok = ok && e.details.has_value();
  }
  const auto prev = detail::get_string(doc, "prev", root, local);
  const auto hash = detail::get_string(doc, "hash", root, local);
  ok = ok && prev && hash;
  if (prev) e.prev = *prev;
  if (hash) e.hash = *hash;
  add_on_line(local, line, diags);
  if (!ok) return std::nullopt;
  return e;
}

audit_verify_summary verify_audit_stream(std::istream& in, diagnostics& diags,
                                         const audit_verify_options& options) {
  governance::audit_chain_verifier verifier(sha256_hex);
  for (const auto& [seq, hash] : options.anchors)
    verifier.add_anchor(seq, hash);
  audit_verify_summary out;
  std::string text;
  while (true) {
    const line_status status = read_line(in, text);
    if (status == line_status::end) break;
    ++out.lines;
    if (status == line_status::too_long) {
      diagnostic d = make_diagnostic("io.file.line_too_long", severity::fatal, "",
                                     "line " + std::to_string(out.lines) + " is longer than " +
                                         std::to_string(max_line_bytes) +
                                         " bytes; this is not an audit log, so reading stopped");
      d.line = out.lines;
      diags.add(std::move(d));
      break;
    }
    out.bytes += text.size();
    if (status == line_status::last) {  // the line ended at the end of the input, not at a line end
      out.torn_tail = true;
      verifier.torn_tail(out.lines, text.size(), diags);
      break;
    }
    ++out.bytes;
    const std::optional<audit_entry> e = read_audit_entry(text, out.lines, diags);
    if (!e) {
      verifier.unreadable(out.lines);
      continue;
    }
    (void)verifier.check(*e, text, out.lines, diags);
  }
  if (in.bad()) {
    diags.error(
        "io.file.read", "",
        "reading stopped at line " + std::to_string(out.lines) + ": " + std::strerror(errno));
  }
  verifier.finish(diags);
  out.chain = verifier.summary();
  return out;
}

audit_verify_summary verify_audit_log(const std::string& path, diagnostics& diags,
                                      const audit_verify_options& options) {
  if (path == "-") return verify_audit_stream(std::cin, diags, options);
  if (const result<done> ok = check_input_file(path); !ok) {
    diags.add(ok.error());
    return {};
  }
  const fd_guard lock(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (lock.fd < 0) {
    diags.error("io.file.read", "",
                "cannot open '" + path + "': " + std::strerror(errno) +
                    "; check the path and that the file is readable");
    return {};
  }
  // A shared lock waits for an append in progress, so its half-written line is never read.
  while (::flock(lock.fd, LOCK_SH) != 0) {
    if (errno != EINTR) {
      diags.error("governance.audit.lock", "",
                  "'" + path + "': cannot take a shared lock: " + std::strerror(errno));
      return {};
    }
  }
  std::vector<char> buffer(1 << 20);
  std::ifstream in;
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  in.open(path, std::ios::binary);
  if (!in) {
    diags.error("io.file.read", "", "cannot open '" + path + "': " + std::strerror(errno));
    return {};
  }
  return verify_audit_stream(in, diags, options);
}

std::string audit_verify_to_json(const audit_verify_summary& summary, const diagnostics& diags,
                                 std::string_view file) {
  json doc;
  doc["schema"] = "joinedup/audit-verify/v1";
  doc["file"] = std::string(file);
  doc["ok"] = !diags.has_errors();
  doc["entries"] = summary.chain.entries;
  doc["lines"] = summary.lines;
  doc["bytes"] = summary.bytes;
  doc["torn_tail"] = summary.torn_tail;
  if (summary.chain.head_seq) {
    doc["head"] = {{"seq", *summary.chain.head_seq}, {"hash", summary.chain.head_hash}};
  } else {
    doc["head"] = nullptr;
  }
  doc["first_at"] = summary.chain.first_at
                        ? json(governance::format_audit_time(*summary.chain.first_at))
                        : json(nullptr);
  doc["last_at"] = summary.chain.last_at
                       ? json(governance::format_audit_time(*summary.chain.last_at))
                       : json(nullptr);
  doc["errors"] = diags.count(severity::error) + diags.count(severity::fatal);
  json list = json::array();
  for (const diagnostic& d : diags) {
    json item;
    item["code"] = d.code;
    item["severity"] = std::string(to_string(d.severity));
    item["path"] = d.path;
    item["line"] = d.line ? json(*d.line) : json(nullptr);
    item["message"] = d.message;
    list.push_back(std::move(item));
  }
  doc["diagnostics"] = std::move(list);
  return doc.dump(2);
}

std::optional<audit_append_result> append_audit_entry(const std::string& path,
                                                      const governance::audit_draft& draft,
                                                      diagnostics& diags,
                                                      const audit_append_options& options) {
  // The draft on its own.
  const std::size_t problems = diags.size();
  for (const auto& [name, text] : {std::pair<std::string, std::string_view>{"actor", draft.actor},
                                   {"subject", draft.subject}}) {
    if (text.empty()) {
      diags.error("governance.audit.field", "/" + name,
                  name + " is empty; say who acted and on what");
    } else if (!is_valid_utf8(text)) {
      diags.error("governance.audit.field", "/" + name, name + " is not valid UTF-8");
    }
  }
  governance::audit_draft d = draft;
  if (draft.details) d.details = canonical_details(*draft.details, diags);
  if (diags.size() != problems) return std::nullopt;

  // Open (creating if need be) and lock.
  audit_append_result out;
  fd_guard file(::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC));
  if (file.fd < 0 && errno == ENOENT) {
    file.fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    out.created = file.fd >= 0;
    if (file.fd < 0 && errno == EEXIST)
      file.fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  }
  if (file.fd < 0) {
    append_error(diags, "io.file.write", path,
                 std::string("cannot open for appending: ") + std::strerror(errno));
    return std::nullopt;
  }
  while (::flock(file.fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      append_error(diags, "governance.audit.lock", path,
                   std::string("cannot take an exclusive lock: ") + std::strerror(errno));
      return std::nullopt;
    }
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    append_error(diags, "io.file.read", path, std::string("cannot stat: ") + std::strerror(errno));
    return std::nullopt;
  }
  const off_t size = st.st_size;

  // A torn final line: refuse, or cut it off when repairing.
  off_t complete_end = size;
  std::string torn;
  if (size > 0) {
    char last_byte = '\n';
    if (!read_at(file.fd, &last_byte, 1, size - 1)) {
      append_error(diags, "io.file.read", path, std::strerror(errno));
      return std::nullopt;
    }
    if (last_byte != '\n') {
      const std::optional<off_t> start = line_start(file.fd, size);
      std::optional<std::string> bytes;
      if (start) bytes = read_range(file.fd, *start, size);
      if (!bytes) {
        append_error(diags, "io.file.read", path, std::strerror(errno));
        return std::nullopt;
      }
      if (!options.repair) {
        append_error(diags, "governance.audit.torn_tail", path,
                     "the log ends with an incomplete line of " + std::to_string(bytes->size()) +
                         " bytes (a write was interrupted), so nothing was appended. Check the "
                         "rest with `joinedup audit verify`, then append again with --repair "
                         "to cut the incomplete line off (the repair is recorded in the log)");
        return std::nullopt;
      }
      complete_end = *start;
      torn = std::move(*bytes);
    }
  }

  // The last whole entry, which must verify on its own.
  std::optional<audit_entry> last;
  if (complete_end > 0) {
    const std::optional<off_t> start = line_start(file.fd, complete_end - 1);
    std::optional<std::string> text;
    if (start) text = read_range(file.fd, *start, complete_end - 1);
    if (!text) {
      append_error(diags, "io.file.read", path, std::strerror(errno));
      return std::nullopt;
    }
    const std::size_t before = diags.size();
    last = read_audit_entry(*text, 0, diags);
    if (last && governance::check_audit_fields(*last, 0, diags) &&
        sha256_hex(governance::audit_canonical_form(*last)) != last->hash) {
      append_error(diags, "governance.audit.hash_mismatch", path,
                   "the last entry (seq " + std::to_string(last->seq) +
                       ") does not match its own hash: it was changed after it was written");
    }
    if (diags.size() != before) {
      append_error(diags, "governance.audit.last_entry", path,
                   "nothing was appended because the last line is not a verified entry; run "
                   "`joinedup audit verify` to see the whole chain");
      return std::nullopt;
    }
  }

  if (last && last->seq > std::numeric_limits<std::int64_t>::max() - 2) {
    append_error(diags, "governance.audit.field", path,
                 "the last entry has seq " + std::to_string(last->seq) +
                     ", so no further entry can be numbered; start a new log");
    return std::nullopt;
  }

  // Time order, then the new lines.
  const std::chrono::sys_seconds at =
      d.at ? *d.at : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (last && at < last->at) {
    append_error(diags, "governance.audit.time_order", path,
                 "the new entry's time " + governance::format_audit_time(at) +
                     " is before the last entry's (" + governance::format_audit_time(last->at) +
                     "); entries are kept in time order, so give a later --at");
    return std::nullopt;
  }
  std::string lines;
  if (!torn.empty()) {
    const governance::audit_draft note{
        .at = at,
        .actor = d.actor,
        .action = governance::audit_action::note,
        .subject = "audit log repair",
        .amount = std::nullopt,
        .details = "{\"removed_bytes\":" + std::to_string(torn.size()) + ",\"removed_sha256\":\"" +
                   sha256_hex(torn) + "\"}"};
    out.repair_note = governance::seal_next_entry(last ? &*last : nullptr, note, at, sha256_hex);
    out.removed_bytes = torn.size();
    lines += governance::audit_line(*out.repair_note) + '\n';
  }
  const audit_entry* before_new = out.repair_note ? &*out.repair_note : (last ? &*last : nullptr);
  out.entry = governance::seal_next_entry(before_new, d, at, sha256_hex);
  lines += governance::audit_line(out.entry) + '\n';

  if (!torn.empty()) {
    if (::ftruncate(file.fd, complete_end) != 0 || ::fsync(file.fd) != 0) {
      append_error(diags, "io.file.write", path,
                   std::string("cannot cut off the incomplete line: ") + std::strerror(errno));
      return std::nullopt;
    }
  }
  const audit_write_function write = options.write ? options.write : plain_write;
  std::size_t written = 0;
  while (written < lines.size()) {
    const std::ptrdiff_t n = write(file.fd, lines.data() + written, lines.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = n < 0 ? std::strerror(errno) : "no progress";
      // Roll back to the last whole entry so the log never keeps half a line.
      const bool rolled_back = ::ftruncate(file.fd, complete_end) == 0 && ::fsync(file.fd) == 0;
      append_error(diags, "io.file.write", path,
                   "cannot write the entry: " + why +
                       (rolled_back ? "; nothing was appended"
                                    : "; the log may end with an incomplete line: run `joinedup "
                                      "audit verify`"));
      return std::nullopt;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(file.fd) != 0) {
    append_error(diags, "io.file.write", path,
                 std::string("cannot flush the entry to disk: ") + std::strerror(errno) +
                     "; it may not survive a crash: run `joinedup audit verify`");
    return std::nullopt;
  }
  if (out.created) {
    const fd_guard dir(::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.fd < 0 || ::fsync(dir.fd) != 0) {
      append_error(
          diags, "io.file.write", path,
          std::string("cannot flush the new file's folder to disk: ") + std::strerror(errno));
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
