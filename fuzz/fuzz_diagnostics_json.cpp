// Fuzz target: joinedup::io::diagnostics_from_json. A rejected document gets an io.json.* code;
// accepted diagnostics write out with diagnostics_to_json to a document that reads back to the
// same JSON.
#include <cstddef>
#include <cstdint>
#include <joinedup/core/diagnostics.hpp>
#include <joinedup/io/json.hpp>
#include <string>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    const joinedup::result<joinedup::diagnostics> read =
        joinedup::io::diagnostics_from_json(joinedup_fuzz::as_text(data, size));
    if (!read) {
      JOINEDUP_FUZZ_CHECK(read.error().code.starts_with("io.json."));
      return;
    }
    const std::string once = joinedup::io::diagnostics_to_json(*read);
    const joinedup::result<joinedup::diagnostics> back = joinedup::io::diagnostics_from_json(once);
    JOINEDUP_FUZZ_CHECK(back.has_value());
    JOINEDUP_FUZZ_CHECK(joinedup::io::diagnostics_to_json(*back) == once);
  });
}
