// Fuzz target: joinedup::io::verify_audit_stream and io::read_audit_entry. Any text verifies
// without throwing, every finding is an error and every byte is counted; a first line that reads
// as an entry writes out (governance::audit_line) to a line that reads back to the same entry.
#include <cstddef>
#include <cstdint>
#include <joinedup/core/diagnostics.hpp>
#include <joinedup/io/audit_log.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    const std::string_view text = joinedup_fuzz::as_text(data, size);
    std::istringstream in{std::string(text)};
    joinedup::diagnostics diags;
    const joinedup::io::audit_verify_summary s = joinedup::io::verify_audit_stream(in, diags);
    for (const joinedup::diagnostic& d : diags)
      JOINEDUP_FUZZ_CHECK(d.is_error());
    JOINEDUP_FUZZ_CHECK(s.chain.entries <= s.lines);
    JOINEDUP_FUZZ_CHECK(s.bytes == text.size());

    const std::string_view first = text.substr(0, text.find('\n'));
    joinedup::diagnostics d1;
    const auto e = joinedup::io::read_audit_entry(first, 1, d1);
    if (!e) {
      JOINEDUP_FUZZ_CHECK(d1.has_errors());
      return;
    }
    const std::string line = joinedup::governance::audit_line(*e);
    joinedup::diagnostics d2;
    const auto back = joinedup::io::read_audit_entry(line, 1, d2);
    JOINEDUP_FUZZ_CHECK(back.has_value());
    JOINEDUP_FUZZ_CHECK(*back == *e);
    JOINEDUP_FUZZ_CHECK(joinedup::governance::audit_line(*back) == line);
  });
}
