// Fuzz target: joinedup::money::parse. Whatever it accepts must print, in every money_style,
// to text that parses back to the same amount; whatever it rejects must say why with a
// core.money.* code.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <joinedup/core/format.hpp>
#include <joinedup/core/money.hpp>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    using joinedup::money;
    using joinedup::money_style;
    const joinedup::result<money> parsed = money::parse(joinedup_fuzz::as_text(data, size));
    if (!parsed) {
      JOINEDUP_FUZZ_CHECK(parsed.error().code.starts_with("core.money."));
      JOINEDUP_FUZZ_CHECK(!parsed.error().message.empty());
      return;
    }
    const money m = *parsed;
    for (const money_style style :
         {money_style::display, money_style::accounting, money_style::decimal}) {
      JOINEDUP_FUZZ_CHECK(joinedup_fuzz::holds(money::parse(m.to_string(style)), m));
    }
    JOINEDUP_FUZZ_CHECK(fmt::format("{}", m) == m.to_string(money_style::display));
  });
}
