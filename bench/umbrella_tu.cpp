// A translation unit that includes only the umbrella header, for measuring its compile time.
#include <joinedup/joinedup.hpp>

int joinedup_umbrella_probe() {
  return static_cast<int>(joinedup::money::from_pence(1).pence());
}
