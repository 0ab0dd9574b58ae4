// Fuzz target: the identifier parsers (NHS number, ODS code, GSS code). Accepted codes
// round-trip through their stored text; no error message ever repeats ten digits of the input,
// which could be an NHS number.
#include <cstddef>
#include <cstdint>
#include <joinedup/core/ids.hpp>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"

namespace {

/// True when `message` holds ten consecutive digits that also occur, in order and ignoring any
/// separators between them, in `input`.
bool leaks_ten_digits(std::string_view message, std::string_view input) {
  std::string input_digits;
  for (char c : input) {
    if (c >= '0' && c <= '9') input_digits += c;
  }
  std::size_t run = 0;
  for (std::size_t i = 0; i < message.size(); ++i) {
    run = (message[i] >= '0' && message[i] <= '9') ? run + 1 : 0;
    if (run >= 10 && input_digits.find(message.substr(i + 1 - 10, 10)) != std::string::npos) {
      return true;
    }
  }
  return false;
}

/// A rejection has the expected code and does not repeat ten digits of the input.
template <class T>
void check_rejection(const joinedup::result<T>& r, std::string_view prefix,
                     std::string_view input) {
  JOINEDUP_FUZZ_CHECK(r.error().code.starts_with(prefix));
  JOINEDUP_FUZZ_CHECK(!leaks_ten_digits(r.error().message, input));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    const std::string_view text = joinedup_fuzz::as_text(data, size);

    const auto nhs = joinedup::nhs_number::parse(text);
    JOINEDUP_FUZZ_CHECK(nhs.has_value() == joinedup::nhs_number::is_valid(text));
    if (nhs) {
      JOINEDUP_FUZZ_CHECK(nhs->digits().size() == joinedup::nhs_number::length);
      JOINEDUP_FUZZ_CHECK(joinedup_fuzz::holds(joinedup::nhs_number::parse(nhs->digits()), *nhs));
      JOINEDUP_FUZZ_CHECK(
          joinedup_fuzz::holds(joinedup::nhs_number::parse(nhs->formatted()), *nhs));
      JOINEDUP_FUZZ_CHECK(!leaks_ten_digits(nhs->masked(), text));
    } else {
      check_rejection(nhs, "core.nhs_number.", text);
    }

    const auto ods = joinedup::ods_code::parse(text);
    if (ods) {
      JOINEDUP_FUZZ_CHECK(!ods->str().empty() &&
                          ods->str().size() <= joinedup::ods_code::max_length);
      JOINEDUP_FUZZ_CHECK(joinedup_fuzz::holds(joinedup::ods_code::parse(ods->str()), *ods));
      JOINEDUP_FUZZ_CHECK(!joinedup::to_string(ods->kind()).empty());
    } else {
      check_rejection(ods, "core.ods_code.", text);
    }

    const auto gss = joinedup::gss_code::parse(text);
    if (gss) {
      JOINEDUP_FUZZ_CHECK(gss->str().size() == joinedup::gss_code::length);
      JOINEDUP_FUZZ_CHECK(joinedup_fuzz::holds(joinedup::gss_code::parse(gss->str()), *gss));
      JOINEDUP_FUZZ_CHECK(gss->entity() == gss->str().substr(0, 3));
      JOINEDUP_FUZZ_CHECK(!joinedup::to_string(gss->kind()).empty());
    } else {
      check_rejection(gss, "core.gss_code.", text);
    }
  });
}
