// joinedup: the quantiles the indicator methods need (normal, chi-square, Student's t), to full
// double precision with the standard library only. They stand in for R's qnorm, qchisq and qt,
// which PHEindicatormethods calls; tests/outcomes/distributions_test.cpp checks them against
// Boost.Math to a relative 1e-13.
#pragma once

#include <cmath>
#include <limits>

#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

namespace detail {

/// Upper tail of the standard normal, Q(x) = P(Z > x), from std::erfc.
inline double normal_upper(double x) noexcept {
  return 0.5 * std::erfc(x / std::sqrt(2.0));
}

/// Standard normal density.
inline double normal_density(double x) noexcept {
  constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;
  return inv_sqrt_2pi * std::exp(-0.5 * x * x);
}

/// The x > 0 with Q(x) = q, for 0 < q <= 0.5: a start from Abramowitz and Stegun 26.2.23
/// (error below 4.5e-4) polished by Halley steps on Q, which converge to the last bit.
inline double normal_upper_inverse(double q) noexcept {
  const double t = std::sqrt(-2.0 * std::log(q));
  double x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
                     (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  for (int i = 0; i < 8; ++i) {
    const double u = (normal_upper(x) - q) / normal_density(x);
    const double step = u / (1.0 - 0.5 * u * x);
    x += step;
    if (std::fabs(step) <= 1e-16 * std::fabs(x)) break;
  }
  return x;
}

/// Regularised lower incomplete gamma P(a, x) and its complement Q(a, x), by the series
/// (x < a + 1) or the continued fraction (Lentz), both to about 1e-15.
struct gamma_pq {
  double p;  ///< P(a, x)
  double q;  ///< Q(a, x) = 1 - P(a, x)
};

/// Computes P(a, x) and Q(a, x) for a > 0, x >= 0.
inline gamma_pq incomplete_gamma(double a, double x) noexcept {
  if (x <= 0.0) return {0.0, 1.0};
  const double log_prefix = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1.0) {
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n < 1000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * 1e-17) break;
    }
    const double p = sum * std::exp(log_prefix);
    return {p, 1.0 - p};
  }
  constexpr double tiny = 1e-300;
  double b = x + 1.0 - a;
  double c = 1.0 / tiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-17) break;
  }
  const double q = std::exp(log_prefix) * h;
  return {1.0 - q, q};
}

/// Continued fraction for the regularised incomplete beta (Numerical Recipes' betacf, Lentz).
inline double beta_continued_fraction(double a, double b, double x) noexcept {
  constexpr double tiny = 1e-300;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m < 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-17) break;
  }
  return h;
}

/// Regularised incomplete beta I_x(a, b) for a, b > 0 and 0 <= x <= 1.
inline double incomplete_beta(double a, double b, double x) noexcept {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

/// Upper tail of Student's t with nu degrees of freedom at t >= 0.
inline double student_upper(double t, double nu) noexcept {
  return 0.5 * incomplete_beta(0.5 * nu, 0.5, nu / (nu + t * t));
}

/// Student's t density with nu degrees of freedom.
inline double student_density(double t, double nu) noexcept {
  const double log_c = std::lgamma(0.5 * (nu + 1.0)) - std::lgamma(0.5 * nu) -
                       0.5 * std::log(nu * 3.14159265358979323846);
  return std::exp(log_c - 0.5 * (nu + 1.0) * std::log1p(t * t / nu));
}

}  // namespace detail

/// The standard normal quantile Φ⁻¹(p) (R's qnorm(p)): -inf at 0, +inf at 1, NaN outside [0, 1].
inline double normal_quantile(double p) noexcept {
  if (std::isnan(p) || p < 0.0 || p > 1.0) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  if (p == 0.5) return 0.0;
  if (p > 0.5) return detail::normal_upper_inverse(1.0 - p);
  return -detail::normal_upper_inverse(p);
}

/// The p-quantile of the gamma distribution with shape a and scale 1 (R's qgamma(p, a)), so that
/// qchisq(p, df) = 2 · gamma_quantile(p, df / 2). Shape 0 is the point mass at 0 (as R has it).
/// Solved by safeguarded Newton steps on the regularised incomplete gamma, to about 1e-15.
inline double gamma_quantile(double p, double a) noexcept {
  if (std::isnan(p) || std::isnan(a) || p < 0.0 || p > 1.0 || a < 0.0)
    return std::numeric_limits<double>::quiet_NaN();
  if (a == 0.0 || p == 0.0) return 0.0;
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  const bool upper = p > 0.5;  // solve on the smaller tail for accuracy
  const double target = upper ? 1.0 - p : p;
  // Bracket: P(a, x) rises from 0 to 1; expand hi until P(a, hi) >= p.
  double lo = 0.0;
  double hi = a + 1.0;
  auto tail = [&](double x) {
    const detail::gamma_pq r = detail::incomplete_gamma(a, x);
    return upper ? r.q : r.p;
  };
  // f(x) = P(a,x) - p, increasing in x; as tails: lower tail g(x) = P - target (increasing),
  // upper tail g(x) = target - Q (increasing).
  auto f = [&](double x) { return upper ? target - tail(x) : tail(x) - target; };
  while (f(hi) < 0.0)
    hi *= 2.0;
  // Wilson-Hilferty start, clamped into the bracket.
  const double z = normal_quantile(p);
  const double nu = 2.0 * a;
  const double w = 1.0 - 2.0 / (9.0 * nu) + z * std::sqrt(2.0 / (9.0 * nu));
  double x = 0.5 * nu * w * w * w;
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  for (int i = 0; i < 200; ++i) {
    const double fx = f(x);
    if (fx == 0.0) return x;
    if (fx < 0.0) {
      lo = x;
    } else {
      hi = x;
    }
    const double density = std::exp(-x + (a - 1.0) * std::log(x) - std::lgamma(a));
    double next = x - fx / density;
    if (!(next > lo && next < hi) || !std::isfinite(next)) next = 0.5 * (lo + hi);
    if (std::fabs(next - x) <= 4e-16 * std::fabs(x) || hi - lo <= 4e-16 * hi) return next;
    x = next;
  }
  return x;
}

/// The p-quantile of the chi-square distribution with df degrees of freedom (R's qchisq).
inline double chi_square_quantile(double p, double df) noexcept {
  return 2.0 * gamma_quantile(p, 0.5 * df);
}

/// The p-quantile of Student's t with nu > 0 degrees of freedom (R's qt(p, nu)); NaN for nu <= 0
/// or NaN, ±inf at p = 0 or 1. Safeguarded Newton on the incomplete beta, to about 1e-14.
inline double student_t_quantile(double p, double nu) noexcept {
  if (std::isnan(p) || std::isnan(nu) || p < 0.0 || p > 1.0 || nu <= 0.0)
    return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  if (p == 0.5) return 0.0;
  const bool negative = p < 0.5;
  const double q = negative ? p : 1.0 - p;  // upper-tail probability of |t|
  // f(t) = q - upper(t) is increasing in t >= 0.
  auto f = [&](double t) { return q - detail::student_upper(t, nu); };
  double lo = 0.0;
  double hi = 2.0;
  while (f(hi) < 0.0)
    hi *= 2.0;
  double t = -normal_quantile(q);
  if (!(t > lo && t < hi)) t = 0.5 * (lo + hi);
  for (int i = 0; i < 300; ++i) {
    const double ft = f(t);
    if (ft == 0.0) break;
    if (ft < 0.0) {
      lo = t;
    } else {
      hi = t;
    }
    double next = t - ft / detail::student_density(t, nu);
    if (!(next > lo && next < hi) || !std::isfinite(next)) next = 0.5 * (lo + hi);
    if (std::fabs(next - t) <= 4e-16 * std::fabs(t) || hi - lo <= 4e-16 * hi) {
      t = next;
      break;
    }
    t = next;
  }
  return negative ? -t : t;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
