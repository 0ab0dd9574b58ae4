// joinedup: the quantiles the indicator methods need (normal, chi-square, Student's t), from
// Boost.Math. They stand in for R's qnorm, qchisq and qt, which PHEindicatormethods calls; the
// edge cases follow R (±infinity at probabilities 0 and 1, NaN outside [0, 1], the point mass
// at 0 for zero degrees of freedom). Boost.Math is used with a policy that never throws and
// keeps double precision throughout, so the results are R's to about 1e-15 relative
// (tests/outcomes/distributions_test.cpp checks R's published values).
#pragma once

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

namespace detail {
/// The Boost.Math policy for the indicator methods: errors give NaN or infinity instead of
/// throwing (the callers screen their arguments first), and doubles are not promoted to long
/// double, so a result is the same on every platform.
using math_policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;

/// NaN, for arguments outside a function's domain.
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
/// +infinity.
constexpr double infinity = std::numeric_limits<double>::infinity();
}  // namespace detail

/// The standard normal quantile Φ⁻¹(p) (R's qnorm(p)): -inf at 0, +inf at 1, NaN outside [0, 1].
inline double normal_quantile(double p) noexcept {
  if (std::isnan(p) || p < 0.0 || p > 1.0) return detail::not_a_number;
  if (p == 0.0) return -detail::infinity;
  if (p == 1.0) return detail::infinity;
  if (p == 0.5) return 0.0;
  return boost::math::quantile(boost::math::normal_distribution<double, detail::math_policy>(), p);
}

/// The p-quantile of the gamma distribution with shape a and scale 1 (R's qgamma(p, a)), so that
/// qchisq(p, df) = 2 · gamma_quantile(p, df / 2). Shape 0 is the point mass at 0 (as R has it).
inline double gamma_quantile(double p, double a) noexcept {
  if (std::isnan(p) || std::isnan(a) || p < 0.0 || p > 1.0 || a < 0.0) return detail::not_a_number;
  if (a == 0.0 || p == 0.0) return 0.0;
  if (p == 1.0) return detail::infinity;
  return boost::math::gamma_p_inv(a, p, detail::math_policy());
}

/// The p-quantile of the chi-square distribution with df degrees of freedom (R's qchisq).
inline double chi_square_quantile(double p, double df) noexcept {
  return 2.0 * gamma_quantile(p, 0.5 * df);
}

/// The p-quantile of Student's t with nu > 0 degrees of freedom (R's qt(p, nu)); NaN for nu <= 0
/// or NaN, ±inf at p = 0 or 1.
inline double student_t_quantile(double p, double nu) noexcept {
  if (std::isnan(p) || std::isnan(nu) || p < 0.0 || p > 1.0 || nu <= 0.0)
    return detail::not_a_number;
  if (p == 0.0) return -detail::infinity;
  if (p == 1.0) return detail::infinity;
  if (p == 0.5) return 0.0;
  return boost::math::quantile(
      boost::math::students_t_distribution<double, detail::math_policy>(nu), p);
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
