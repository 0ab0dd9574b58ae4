// Fuzz target: joinedup::io::read_area_profile and validate_area_profile. A document that
// cannot be read leaves an error behind; a profile that was read writes out to JSON that reads
// back and writes out again byte for byte the same.
#include <cstddef>
#include <cstdint>
#include <joinedup/core/diagnostics.hpp>
#include <joinedup/io/area.hpp>
#include <optional>
#include <string>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    joinedup::diagnostics diags;
    const std::optional<joinedup::io::area_profile> profile =
        joinedup::io::read_area_profile(joinedup_fuzz::as_text(data, size), diags);
    if (!profile) {
      JOINEDUP_FUZZ_CHECK(diags.has_errors());
      return;
    }
    joinedup::io::validate_area_profile(*profile, diags);

    const std::string once = joinedup::io::write_area_profile(*profile);
    joinedup::diagnostics reread;
    const std::optional<joinedup::io::area_profile> back =
        joinedup::io::read_area_profile(once, reread);
    JOINEDUP_FUZZ_CHECK(back.has_value());
    JOINEDUP_FUZZ_CHECK(joinedup::io::write_area_profile(*back) == once);
  });
}
