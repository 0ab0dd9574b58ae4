// Fuzz target: joinedup::rate::parse and joinedup::ratio::parse. An accepted rate prints to
// text that parses back to it; an accepted ratio is in lowest terms with a positive
// denominator and also round-trips through its "num/den" text.
#include <cstddef>
#include <cstdint>
#include <joinedup/core/rate.hpp>
#include <joinedup/core/ratio.hpp>
#include <numeric>
#include <string_view>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    const std::string_view text = joinedup_fuzz::as_text(data, size);

    const joinedup::result<joinedup::rate> r = joinedup::rate::parse(text);
    if (r) {
      JOINEDUP_FUZZ_CHECK(joinedup_fuzz::holds(joinedup::rate::parse(r->to_string()), *r));
    } else {
      JOINEDUP_FUZZ_CHECK(r.error().code.starts_with("core.rate."));
    }

    const joinedup::result<joinedup::ratio> q = joinedup::ratio::parse(text);
    if (q) {
      JOINEDUP_FUZZ_CHECK(q->den() > 0);
      // Lowest terms (zero is 0/1). The magnitude is taken unsigned: num may be INT64_MIN.
      const auto num = static_cast<std::uint64_t>(q->num());
      const std::uint64_t magnitude = q->num() < 0 ? ~num + 1 : num;
      JOINEDUP_FUZZ_CHECK(std::gcd(magnitude, static_cast<std::uint64_t>(q->den())) == 1U);
      JOINEDUP_FUZZ_CHECK(joinedup_fuzz::holds(joinedup::ratio::parse(q->to_string()), *q));
    } else {
      JOINEDUP_FUZZ_CHECK(q.error().code.starts_with("core.ratio."));
    }
  });
}
