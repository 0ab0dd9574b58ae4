// Conan/vcpkg test package: headers, the compiled library and fmt all resolve and work.
#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <joinedup/core/allocate.hpp>
#include <joinedup/core/format.hpp>
#include <joinedup/core/money.hpp>
#include <joinedup/io/json.hpp>
#include <string>

int main() {
  const auto total = joinedup::money::parse("100.00");
  if (!total) return EXIT_FAILURE;
  const std::int64_t weights[] = {1, 1, 1};
  const auto parts = joinedup::allocate(*total, weights);
  if (!parts || parts->size() != 3) return EXIT_FAILURE;
  joinedup::money sum;
  for (const joinedup::money& part : *parts)
    sum += part;
  // Links the compiled part of the library (its JSON writer).
  const std::string json = joinedup::io::diagnostics_to_json(joinedup::diagnostics{});
  fmt::print("{} = {} + {} + {} ({} bytes of diagnostics JSON)\n", *total, (*parts)[0], (*parts)[1],
             (*parts)[2], json.size());
  return sum == *total ? EXIT_SUCCESS : EXIT_FAILURE;
}
