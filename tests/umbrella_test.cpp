// Tests that the umbrella headers (joinedup/joinedup.hpp and the module umbrellas) bring in each
// module's vocabulary together, by using one figure from each.
#include <doctest/doctest.h>

#include <cmath>

#include "joinedup/budget.hpp"
#include "joinedup/care.hpp"
#include "joinedup/governance.hpp"
#include "joinedup/joinedup.hpp"
#include "joinedup/outcomes.hpp"

TEST_CASE("the umbrella headers give every module's types in one include") {
  using joinedup::money;
  // Core: £10.00 shared 1:2 gives £3.33 and £6.67 (largest remainder).
  const std::int64_t w[] = {1, 2};
  const auto parts = joinedup::allocate(money::from_pence(1000), w).value();
  CHECK(parts[0] == money::from_pence(333));
  CHECK(parts[1] == money::from_pence(667));
  // Budget: a run rate at day 73 of 365 scales spend to date by 5: £100.00 becomes £500.00.
  const joinedup::budget::year_progress p{365, 73};
  CHECK(joinedup::budget::forecast_outturn(joinedup::budget::forecast_method::run_rate,
                                           money::from_pence(0), money::from_pence(10000),
                                           money::from_pence(0), p) == money::from_pence(50000));
  // Outcomes: 65 of 100 is 65 % with a Wilson 95 % lower limit of 55.254…
  // (PHEindicatormethods phe_proportion, as in tests/outcomes/statistics_test.cpp).
  const auto c95 = joinedup::outcomes::confidence_levels::single(95).value();
  const auto r = joinedup::outcomes::proportion(65, 100, c95, 100);
  REQUIRE(r);
  CHECK(std::fabs(*r->value - 65) < 1e-9);
  CHECK(std::fabs(*r->intervals[0].lower - 55.25444329688797) < 1e-9);
  // Governance: the first entry of an audit chain follows 64 zeros.
  CHECK(joinedup::governance::audit_genesis_hash == std::string(64, '0'));
  // Care: a £412.50 weekly package has a full-year effect of 52 weeks, £21,450.00.
  CHECK(joinedup::care::full_year_effect(money::from_pence(41250)) == money::from_pence(2145000));
}
