// Tests for joinedup/outcomes/distributions.hpp: the quantiles against R's values and closed forms.
#include "joinedup/outcomes/distributions.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("quantiles agree with closed forms across the range") {
  // Closed forms that need no tables: chi-square with 2 df is twice a unit exponential, so
  // qchisq(p, 2) = -2 ln(1 - p); Student's t with 1 df is the Cauchy, qt(p, 1) = tan(pi (p - 1/2));
  // with 2 df, qt(p, 2) = (2p - 1) / sqrt(2 p (1 - p)); and chi-square with 1 df is a squared
  // normal, qchisq(p, 1) = qnorm((1 + p) / 2)^2.
  const double pi = 3.141592653589793;
  for (double p : {1e-9, 0.001, 0.025, 0.2, 0.4, 0.6, 0.8, 0.975, 0.999, 1 - 1e-6}) {
    CAPTURE(p);
    CHECK(rel(jo::chi_square_quantile(p, 2), -2 * std::log1p(-p)) < 1e-13);
    CHECK(rel(jo::student_t_quantile(p, 1), -1 / std::tan(pi * p)) < 1e-9);  // tan(pi(p - 1/2))
    CHECK(rel(jo::student_t_quantile(p, 2), (2 * p - 1) / std::sqrt(2 * p * (1 - p))) < 1e-12);
    if (p >= 0.01) {  // below that, (1 + p) / 2 itself loses the digits the check needs
      const double z = jo::normal_quantile((1 + p) / 2);
      CHECK(rel(jo::chi_square_quantile(p, 1), z * z) < 1e-11);
    }
    // Symmetry of the normal and t quantiles.
    CHECK(rel(jo::normal_quantile(p), -jo::normal_quantile(1 - p)) < 1e-7);
  }
  CHECK(std::isnan(jo::student_t_quantile(0.5, 0)));
  CHECK(std::isnan(jo::chi_square_quantile(-0.1, 3)));
  CHECK(std::isinf(jo::chi_square_quantile(1.0, 3)));
  CHECK(std::isinf(jo::student_t_quantile(0.0, 3)));
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
