// Tests for joinedup/outcomes/distributions.hpp: the quantiles against Boost.Math and R's values.
#include "joinedup/outcomes/distributions.hpp"

#include <doctest/doctest.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace jo = joinedup::outcomes;

namespace {
double rel(double a, double b) {
  return std::fabs(a - b) / std::max(std::fabs(b), 1e-300);
}
}  // namespace

TEST_CASE("normal quantile matches R's qnorm at the Fingertips levels") {
  // indicator-methods.md A.0: z = 1.959963984540054 at 95 %, 3.090232306167813 at 99.8 %.
  CHECK(rel(jo::normal_quantile(0.975), 1.959963984540054) < 1e-15);
  CHECK(rel(jo::normal_quantile(0.999), 3.090232306167813) < 1e-15);
  CHECK(jo::normal_quantile(0.5) == 0.0);
  CHECK(std::isinf(jo::normal_quantile(1.0)));
  CHECK(std::isnan(jo::normal_quantile(1.5)));
}

TEST_CASE("quantiles agree with Boost.Math to 1e-12") {
  for (double p : {1e-9, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999, 1 - 1e-9}) {
    CAPTURE(p);
    if (p != 0.5) {
      CHECK(rel(jo::normal_quantile(p), boost::math::quantile(boost::math::normal(), p)) < 1e-13);
    }
    for (double df : {1.0, 2.0, 3.0, 7.0, 18.0, 20.0, 99.0}) {
      CAPTURE(df);
      CHECK(rel(jo::chi_square_quantile(p, df),
                boost::math::quantile(boost::math::chi_squared(df), p)) < 1e-12);
      if (p != 0.5) {
        CHECK(rel(jo::student_t_quantile(p, df),
                  boost::math::quantile(boost::math::students_t(df), p)) < 1e-12);
      }
    }
  }
}

TEST_CASE("exact Poisson limits at zero events") {
  // indicator-methods.md A.1: O_U at O = 0 is 3.688879454113935 (95 %), 6.907755278982136
  // (99.8 %), i.e. -ln(0.025) and -ln(0.001).
  CHECK(rel(jo::chi_square_quantile(0.975, 2) / 2, 3.688879454113935) < 1e-14);
  CHECK(rel(jo::chi_square_quantile(0.999, 2) / 2, 6.907755278982136) < 1e-14);
  CHECK(jo::chi_square_quantile(0.025, 0) == 0.0);  // zero degrees of freedom: the point mass at 0
  // qt(0.975, 4) = 2.7764451051977987 (standard t table, 2.776).
  CHECK(rel(jo::student_t_quantile(0.975, 4), 2.7764451051977987) < 1e-13);
  CHECK(rel(jo::student_t_quantile(0.025, 4), -2.7764451051977987) < 1e-13);
}
