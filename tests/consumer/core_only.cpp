// Consumer test: joinedup::core alone (header-only) is enough for the domain.
#include <joinedup/joinedup.hpp>

int main() {
  const auto fy = joinedup::financial_year::parse("2024-25");
  return fy && fy->days() == 365 ? 0 : 1;
}
