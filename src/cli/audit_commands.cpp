// joinedup CLI: `joinedup audit append|verify LOG.jsonl`, the tamper-evident audit trail, and the
// "governance: audit trail" section of the demo (docs/audit.md).
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "cli.hpp"
#include "joinedup/governance/audit.hpp"
#include "joinedup/io/audit_log.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/json.hpp"
#include "joinedup/report/audit.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {
namespace {

/// Ends a command: exit_ok returns normally, anything else travels out through CLI11.
void finish(int code) {
  if (code != exit_ok) throw CLI::RuntimeError(code);
}

/// Options of the audit commands.
struct audit_options {
  std::string log;                   ///< LOG.jsonl
  std::string actor;                 ///< --actor
  std::string action;                ///< --action
  std::string subject;               ///< --subject
  std::string amount;                ///< --amount
  std::string details;               ///< --details
  std::string at;                    ///< --at
  bool repair = false;               ///< --repair
  std::vector<std::string> anchors;  ///< --anchor SEQ:HASH
};

/// A stream buffer that reads from another in blocks and keeps a copy of every byte it hands
/// on, so that standard input can be verified as a stream and then listed entry by entry.
class copying_buffer : public std::streambuf {
 public:
  /// Reads from `source`, appending what it reads to `copy`.
  copying_buffer(std::streambuf* source, std::string& copy) : source_(source), copy_(copy) {}

 protected:
  /// Refills the get area with the next block of the source.
  int_type underflow() override {
    const std::streamsize n =
        source_->sgetn(block_.data(), static_cast<std::streamsize>(block_.size()));
    if (n <= 0) return traits_type::eof();
    copy_.append(block_.data(), static_cast<std::size_t>(n));
    setg(block_.data(), block_.data(), block_.data() + n);
    return traits_type::to_int_type(block_[0]);
  }

 private:
  std::streambuf* source_;
  std::string& copy_;
  std::array<char, 1 << 16> block_{};
};

/// The entries on the first `lines` lines of a log (a line that does not read as an entry is
/// left out: the verification has reported it).
std::vector<report::audit_log_line> read_entries(std::istream& in, std::size_t lines) {
  std::vector<report::audit_log_line> out;
  std::string text;
  diagnostics ignored;
  for (std::size_t n = 1; n <= lines; ++n) {
    const io::line_status status = io::read_line(in, text);
    if (status == io::line_status::end || status == io::line_status::too_long) break;
    if (std::optional<governance::audit_entry> e = io::read_audit_entry(text, n, ignored)) {
      out.push_back({n, std::move(*e)});
    }
  }
  return out;
}

/// Verifies the log at `path` ("-": standard input) and reads its entries.
io::audit_verify_summary verify_and_read(const std::string& path,
                                         const io::audit_verify_options& options,
                                         diagnostics& diags,
                                         std::vector<report::audit_log_line>& entries) {
  if (path == "-") {
    std::string copy;
    copying_buffer buffer(std::cin.rdbuf(), copy);
    std::istream in(&buffer);
    const io::audit_verify_summary s = io::verify_audit_stream(in, diags, options);
    std::istringstream again(copy);
    entries = read_entries(again, s.lines);
    return s;
  }
  const io::audit_verify_summary s = io::verify_audit_log(path, diags, options);
  if (s.lines > 0) {  // the file opened: a FIFO or a missing file never gets this far
    std::ifstream in(path, std::ios::binary);
    entries = read_entries(in, s.lines);
  }
  return s;
}

/// `joinedup audit append LOG --actor A --action X --subject S [--amount £] [--details JSON]
/// [--at TIME] [--repair]`.
int run_append(const audit_options& o, const context& ctx) {
  governance::audit_draft draft;
  const std::optional<governance::audit_action> action = governance::parse_audit_action(o.action);
  if (!action) {
    std::cerr << fmt::format("joinedup: --action: '{}' is not an audit action; use one of: {}\n",
                             o.action, governance::audit_action_list());
    return exit_usage;
  }
  draft.action = *action;
  draft.actor = o.actor;
  draft.subject = o.subject;
  if (!o.amount.empty()) {
    const result<money> amount = money::parse(o.amount);
    if (!amount) {
      std::cerr << fmt::format("joinedup: --amount: {} ({})\n", amount.error().message,
                               amount.error().code);
      return exit_usage;
    }
    draft.amount = *amount;
  }
  if (!o.at.empty()) {
    const result<std::chrono::sys_seconds> at = governance::parse_audit_time(o.at);
    if (!at) {
      std::cerr << fmt::format("joinedup: --at: {}\n", at.error().message);
      return exit_usage;
    }
    draft.at = *at;
  }
  if (!o.details.empty()) {
    diagnostics bad;
    if (!io::normalise_json(o.details, bad)) {  // a bad option value: a usage error, as --at
      std::cerr << fmt::format("joinedup: --details: not one JSON object: {} ({})\n",
                               bad.begin()->message, bad.begin()->code);
      return exit_usage;
    }
    draft.details = o.details;
  }

  diagnostics diags;
  const std::optional<io::audit_append_result> r =
      io::append_audit_entry(o.log, draft, diags, {.repair = o.repair, .write = nullptr});
  if (!r) {
    const int code = report_diagnostics(diags, ctx, std::cout, std::cerr);
    return code == exit_ok ? exit_input_errors : code;
  }
  std::vector<governance::audit_entry> written;
  if (r->repair_note) written.push_back(*r->repair_note);
  written.push_back(r->entry);
  switch (ctx.format) {
    case output_format::json:
      for (const governance::audit_entry& e : written)
        std::cout << governance::audit_line(e) << '\n';
      break;
    case output_format::csv:
      std::cout << report::render(report::audit_appended_table(written), output_format::csv);
      break;
    case output_format::xlsx:
      if (!print_workbook({report::audit_appended_table(written)}, diags, ctx, "audit append")) {
        return exit_input_errors;
      }
      break;
    case output_format::table:
      if (r->created) std::cout << fmt::format("created {}\n", o.log);
      if (r->repair_note) {
        std::cout << fmt::format(
            "repaired: cut off an incomplete final line of {} bytes, recorded as seq {} (note)\n",
            r->removed_bytes, r->repair_note->seq);
      }
      std::cout << fmt::format("appended seq {} ({}) at {}\nhash {}\n", r->entry.seq,
                               to_string(r->entry.action),
                               governance::format_audit_time(r->entry.at), r->entry.hash);
      break;
  }
  return exit_ok;
}

/// `joinedup audit verify LOG [--anchor SEQ:HASH]…`: exit 1 on any problem.
int run_verify(const audit_options& o, const context& ctx) {
  io::audit_verify_options options;
  for (const std::string& a : o.anchors) {
    const std::size_t colon = a.find(':');
    const std::string seq = a.substr(0, colon);
    const std::string hash = colon == std::string::npos ? "" : a.substr(colon + 1);
    const bool seq_ok =
        !seq.empty() && seq.size() < 19 && seq.find_first_not_of("0123456789") == std::string::npos;
    if (!seq_ok || !governance::is_sha256_hex(hash)) {
      std::cerr << fmt::format(
          "joinedup: --anchor: '{}' is not SEQ:HASH (a seq number, a colon and 64 lower-case "
          "hex digits)\n",
          a);
      return exit_usage;
    }
    options.anchors.emplace_back(std::stoll(seq), hash);
  }
  diagnostics diags;
  std::vector<report::audit_log_line> entries;
  const io::audit_verify_summary s = verify_and_read(o.log, options, diags, entries);
  const report::table t = report::audit_entries_table(entries, diags);
  switch (ctx.format) {
    case output_format::json:
      std::cout << report::audit_verify_document(s, diags, o.log, t);
      break;
    case output_format::csv:
      std::cout << report::render(t, output_format::csv);
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
    case output_format::xlsx:
      if (!print_workbook({t}, diags, ctx, "audit verify")) return exit_input_errors;
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
    case output_format::table:
      std::cout << report::render(t, output_format::table) << '\n'
                << report::audit_verify_text(s, diags, o.log);
      if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
      break;
  }
  return diags.empty() ? exit_ok : exit_input_errors;
}

/// The demo section: the sample area's audit trail, entry by entry, and its verification.
int audit_demo(const std::filesystem::path& dir, std::ostream& out) {
  const std::string path = (dir / "audit.jsonl").string();
  diagnostics diags;
  std::vector<report::audit_log_line> entries;
  const io::audit_verify_summary s = verify_and_read(path, {}, diags, entries);
  out << report::render(report::audit_entries_table(entries, diags), output_format::table) << '\n'
      << report::audit_verify_text(s, diags, "audit.jsonl");
  if (!diags.empty()) out << report::diagnostics_text(diags);
  return diags.empty() ? exit_ok : exit_input_errors;
}

}  // namespace

/// Registers the `audit` subcommands and the audit trail demo section.
void register_audit(CLI::App& app, context& ctx) {
  CLI::App* audit_cmd = add_group(
      app, "audit", "Tamper-evident audit trail: hash-chained JSON lines, durable appends, verify");
  static audit_options opts;

  auto* append = audit_cmd->add_subcommand(
      "append", "Append one entry (flock, fsync); refuses a log whose last line is torn or edited");
  append->add_option("LOG", opts.log, "The audit log (JSON lines), created if missing")->required();
  append->add_option("--actor", opts.actor, "Who acted, e.g. \"S. Hale, Director of Finance\"")
      ->required();
  append
      ->add_option("--action", opts.action, "What kind of act: " + governance::audit_action_list())
      ->required();
  append->add_option("--subject", opts.subject, "What it was done to: a fund, scheme, line or plan")
      ->required();
  append->add_option("--amount", opts.amount, "The sum involved, e.g. 150000.00 or £150,000.00");
  append->add_option("--details", opts.details,
                     "A JSON object with more detail, e.g. '{\"from\":\"L05\",\"to\":\"L01\"}'");
  append->add_option("--at", opts.at,
                     "Recording time, UTC YYYY-MM-DDTHH:MM:SSZ (default: now); not before the "
                     "last entry's");
  append->add_flag("--repair", opts.repair,
                   "If the log ends with a torn line (an interrupted write), cut it off and record "
                   "the repair as a note entry first");
  add_format_option(*append, ctx);
  set_examples(
      *append,
      {"joinedup audit append audit.jsonl --actor \"S. Hale, Director of Finance\" --action "
       "virement --subject L05 --amount 150000.00 --details '{\"from\":\"L05\",\"to\":\"L01\"}'"});
  append->callback([&ctx] { finish(run_append(opts, ctx)); });

  auto* verify = audit_cmd->add_subcommand(
      "verify", "Check every entry's hash, link, sequence and time; exit 1 on any problem");
  verify->add_option("LOG", opts.log, "The audit log (JSON lines), - for stdin")->required();
  verify->add_option("--anchor", opts.anchors,
                     "SEQ:HASH recorded elsewhere (e.g. in board minutes) that entry SEQ must "
                     "still have; repeatable");
  add_format_option(*verify, ctx);
  set_examples(*verify, {"joinedup audit verify examples/data/northmoor-audit.jsonl",
                         "joinedup audit verify examples/data/tampered-audit.jsonl --format json"});
  verify->callback([&ctx] { finish(run_verify(opts, ctx)); });

  demo_sections().push_back({"governance: audit trail", audit_demo});
}

namespace {
const bool registered = add_registrar(70, register_audit);
}  // namespace

}  // namespace joinedup::cli
