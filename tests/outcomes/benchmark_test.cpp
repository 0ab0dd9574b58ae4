// Tests for joinedup/outcomes/benchmark.hpp: Fingertips-style comparison by interval and polarity.
#include "joinedup/outcomes/benchmark.hpp"

#include <doctest/doctest.h>

namespace jo = joinedup::outcomes;

TEST_CASE("comparison with a benchmark by interval and polarity") {
  using jo::comparison;
  using jo::polarity;
  // Interval 55.25..73.64 (65 of 100, 95 %): England 50 is below it, 80 above, 60 inside.
  const auto v = *jo::proportion(65, 100, jo::confidence_levels::both(), 100);
  CHECK(jo::compare(v, 0.95, 50.0, polarity::higher_is_better) == comparison::better);
  CHECK(jo::compare(v, 0.95, 50.0, polarity::lower_is_better) == comparison::worse);
  CHECK(jo::compare(v, 0.95, 50.0, polarity::no_judgement) == comparison::higher);
  CHECK(jo::compare(v, 0.95, 80.0, polarity::higher_is_better) == comparison::worse);
  CHECK(jo::compare(v, 0.95, 80.0, polarity::no_judgement) == comparison::lower);
  CHECK(jo::compare(v, 0.95, 60.0, polarity::higher_is_better) == comparison::similar);
  // At 99.8 % (49.55..77.84) 50 is inside: similar.
  CHECK(jo::compare(v, 0.998, 50.0, polarity::higher_is_better) == comparison::similar);
  // A limit equal to the benchmark is similar (strict comparison).
  CHECK(jo::compare(10.0, 20.0, 10.0, polarity::higher_is_better) == comparison::similar);
  CHECK(jo::compare(std::nullopt, 20.0, 10.0, polarity::higher_is_better) ==
        comparison::not_compared);
  CHECK(jo::compare(v, 0.9, 50.0, polarity::higher_is_better) == comparison::not_compared);
  CHECK(jo::to_string(comparison::not_compared) == "not_compared");
}
