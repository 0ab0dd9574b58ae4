// Fuzz target: the library's one strict JSON reader, through io::normalise_json. Rejected text
// leaves only fatal io.json.* diagnostics, each printable UTF-8 with a line; accepted text has a
// normal form that is valid UTF-8, that nlohmann's own parser also accepts (so the strict reader
// never accepts what a standard reader would not), and that normalises to itself.
#include <cstddef>
#include <cstdint>
#include <joinedup/core/diagnostics.hpp>
#include <joinedup/io/json.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    const std::string_view text = joinedup_fuzz::as_text(data, size);
    joinedup::diagnostics diags;
    const std::optional<std::string> normal = joinedup::io::normalise_json(text, diags);
    if (!normal) {
      JOINEDUP_FUZZ_CHECK(diags.has_fatal());
      for (const joinedup::diagnostic& d : diags) {
        JOINEDUP_FUZZ_CHECK(d.code.rfind("io.json.", 0) == 0);
        JOINEDUP_FUZZ_CHECK(joinedup::is_valid_utf8(d.message));
        JOINEDUP_FUZZ_CHECK(joinedup::is_valid_utf8(d.path));
        JOINEDUP_FUZZ_CHECK(d.line.has_value());
      }
      return;
    }
    JOINEDUP_FUZZ_CHECK(!diags.has_errors());
    JOINEDUP_FUZZ_CHECK(joinedup::is_valid_utf8(*normal));
    JOINEDUP_FUZZ_CHECK(nlohmann::json::accept(text));
    joinedup::diagnostics again;
    const std::optional<std::string> twice = joinedup::io::normalise_json(*normal, again);
    JOINEDUP_FUZZ_CHECK(twice.has_value());
    JOINEDUP_FUZZ_CHECK(*twice == *normal);
  });
}
