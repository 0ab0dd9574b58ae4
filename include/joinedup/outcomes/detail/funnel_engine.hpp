// joinedup (internal): the arithmetic behind funnel plots (joinedup/outcomes/funnel.hpp), as
// PHEindicatormethods 2.1.0 computes it (R/Funnels.R and the helpers in R/utils.R; see
// docs/outcomes-funnel.md). Kept apart from the public header because each piece follows R
// operation by operation so that the limits agree with the package to the last digits.
#pragma once

#include <algorithm>
#include <array>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "joinedup/outcomes/distributions.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes::detail::funnel {

/// R's max(a, b) on two numbers: NaN when either is NaN (std::max would drop it).
inline double r_max(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) return not_a_number;
  return a < b ? b : a;
}

/// R's min(a, b) on two numbers: NaN when either is NaN.
inline double r_min(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) return not_a_number;
  return b < a ? b : a;
}

/// How many characters R's as.character() writes for a whole number (the package measures the
/// size of an axis end with nchar()). R writes at most 15 significant digits and picks the
/// scientific form when it is strictly shorter than the fixed one, so 100000 is "1e+05" (5
/// characters) while 120000 stays "120000" (6).
inline int r_nchar_whole(double v) {
  if (std::isnan(v)) return 3;              // "NaN"
  if (std::isinf(v)) return v > 0 ? 3 : 4;  // "Inf", "-Inf"
  const int sign = std::signbit(v) && v != 0 ? 1 : 0;
  const double a = std::fabs(v);
  if (a < 1) return sign + 1;  // "0"
  // The mantissa to 15 significant digits, and how many of them are needed.
  char sci[64];
  std::snprintf(sci, sizeof sci, "%.14e", a);
  const char* e = std::strchr(sci, 'e');
  if (e == nullptr) return sign + 1;
  const int exponent = std::atoi(e + 1);
  int significant = 15;
  for (const char* p = e - 1; significant > 1 && (*p == '0' || *p == '.'); --p) {
    if (*p == '0') --significant;
  }
  const int exponent_width = std::abs(exponent) >= 100 ? 3 : 2;
  const int scientific = sign + significant + (significant > 1 ? 1 : 0) + 2 + exponent_width;
  const int fixed = sign + exponent + 1;
  return fixed <= scientific ? fixed : scientific;
}

/// The package's axis start: 95 % of x, rounded down to its leading digit(s) (`signif.floor`).
inline double signif_floor(double x) {
  if (x == 0) return 0;
  const double scaled = x * 0.95;
  const int n = r_nchar_whole(std::floor(scaled)) - 1;
  const double unit = std::pow(10.0, n);
  return std::floor(scaled / unit) * unit;
}

/// The package's axis end: 105 % of x, rounded up to its leading two digits (`signif.ceiling`).
inline double signif_ceiling(double x) {
  if (x == 0) return 0;
  const double scaled = x * 1.05;
  const int n = r_nchar_whole(std::ceil(scaled)) - 2;
  const double unit = std::pow(10.0, n);
  return std::ceil(scaled / unit) * unit;
}

/// R's `x ^ y` for the funnel's spacing (x * x for y = 2, 1 for x = 1 or y = 0, else pow).
inline double r_pow(double x, double y) noexcept {
  if (y == 2.0) return x * x;
  if (x == 1.0 || y == 0.0) return 1.0;
  return std::pow(x, y);
}

/// The 100 points along the x axis: from max(1, lo) towards hi in geometric steps, rounded half
/// to even as R's round() does, each at least one above the one before. Ratios take their last
/// step one place earlier than proportions and rates (the package's `offset`).
inline std::array<double, 100> axis_points(double lo, double hi, bool ratio) {
  std::array<double, 100> x{};
  x[0] = r_max(1.0, lo);
  for (int j = 2; j <= 100; ++j) {
    const int offset = ratio ? j - 1 : j;
    const double previous = x[static_cast<std::size_t>(j - 2)];
    const double step = r_pow(hi / previous, 1.0 / (101 - offset)) * previous;
    x[static_cast<std::size_t>(j - 1)] = r_max(std::nearbyint(step), previous + 1);
  }
  return x;
}

/// The proportion (times `multiplier`) at which a Wilson score interval for a sample of
/// `population` would just reach the average proportion `average`; `p` is the one-sided
/// probability (0.975 or 0.999), `high` picks the upper root (the package's sigma_adjustment).
inline double wilson_bound(double p, double population, double average, bool high,
                           double multiplier) {
  const double z = p == 0.975 ? z_95 : (p == 0.999 ? z_99_8 : normal_quantile(p));
  const double z2 = z * z;
  const double first = average * (population / z2 + 1);
  const double a = -8 * average * (population / z2 + 1);
  const double inner =
      a * a - 64 * (1 / z2 + 1 / population) * average *
                  (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1));
  const double root = std::sqrt(inner);
  const double last = 1 / z2 + 1 / population;
  const double bound = high ? (first + root / 8) / last : (first - root / 8) / last;
  return (bound / population) * multiplier;
}

/// Above this many observed events the Poisson tail is taken from the regularised incomplete
/// gamma function rather than the package's term-by-term sum, whose cost grows with the count.
/// The two agree to about 1e-10, which changes no step of the bisection in practice.
inline constexpr double poisson_sum_limit = 10000;

/// P(a ≤ X ≤ b) for X ~ Poisson(z), summed term by term as the package's `poisson_cis` does
/// (terms rescaled by 1e30 when the total grows large; the sum stops once past z and a term
/// falls below 1e-10 of the total).
inline double poisson_window(double z, double a, double b) {
  double term = 1;
  double total = 0;
  double inside = 0;
  double k = 0;
  while (k <= z || term > total * 1e-10) {
    total += term;
    if (k >= a && k <= b) inside += term;
    if (total > 1e30) {
      inside /= 1e30;
      total /= 1e30;
      term /= 1e30;
    }
    k += 1;
    term = term * z / k;
  }
  return inside / total;
}

/// The Poisson mean at which `observed` events sit on the `p` tail, found by the package's
/// bisection (`poisson_funnel`): `upper_tail` bisects on P(X ≥ observed) (the package's side
/// "low", giving the smaller mean), otherwise on P(X ≤ observed) (side "high").
inline double poisson_mean_at_tail(double observed, double p, bool upper_tail) {
  if (!std::isfinite(observed)) return not_a_number;
  const bool summed = observed <= poisson_sum_limit;
  const auto tail = [&](double z) {
    if (summed) {
      return upper_tail ? poisson_window(z, observed, 10000000000.0)
                        : poisson_window(z, 0, observed);
    }
    return upper_tail ? boost::math::gamma_p(observed, z, math_policy())
                      : boost::math::gamma_q(observed + 1, z, math_policy());
  };
  double v = 0.5;
  double dv = 0.5;
  while (dv > 1e-7) {
    dv /= 2;
    const double z = (1 + observed) * v / (1 - v);
    const bool down = upper_tail ? tail(z) > p : tail(z) < p;
    v = down ? v - dv : v + dv;
  }
  return (1 + observed) * v / (1 - v);
}

/// The ratio limit for `observed` events against `expected` at two-sided level `level` (0.95 or
/// 0.998), as the package's funnel_ratio_significance: exact (chi-square) below 10 events,
/// Byar's approximation from 10; `lower` gives the lower limit. NaN when expected is NA.
inline double ratio_limit(double observed, double expected, double level, bool lower) {
  const double q = 0.5 + level / 2;
  double bound = 0;
  if (observed == 0 && lower) {
    bound = 0;
  } else if (observed < 10) {
    bound = lower ? boost::math::gamma_q_inv(observed, q, math_policy())
                  : boost::math::gamma_p_inv(observed + 1, q, math_policy());
  } else {
    const double z = level == 0.95 ? z_95 : (level == 0.998 ? z_99_8 : normal_quantile(q));
    const double o = lower ? observed : observed + 1;
    const double c =
        lower ? 1 - 1 / (9 * o) - z / 3 / std::sqrt(o) : 1 - 1 / (9 * o) + z / 3 / std::sqrt(o);
    bound = o * std::pow(c, 3.0);  // R's ^3 is pow, not c * c * c
  }
  return bound / expected;
}

/// A multiplier as R's format(m, big.mark = ",", scientific = FALSE) writes it: up to 7
/// significant digits, fixed notation, thousands separated by commas ("100,000", "0.5").
inline std::string multiplier_text(double m) {
  if (!std::isfinite(m) || m == 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", m);
    return buf;
  }
  char seven[64];
  std::snprintf(seven, sizeof seven, "%.6e", m);
  const double rounded = std::strtod(seven, nullptr);
  int digits = 7;
  for (int d = 1; d < 7; ++d) {
    char trial[64];
    std::snprintf(trial, sizeof trial, "%.*e", d - 1, m);
    if (std::strtod(trial, nullptr) == rounded) {
      digits = d;
      break;
    }
  }
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(rounded))));
  const int decimals = std::max(0, digits - 1 - exponent);
  char fixed[400];
  std::snprintf(fixed, sizeof fixed, "%.*f", decimals, rounded);
  std::string s = fixed;
  const std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (std::size_t i = end; i > start + 3; i -= 3)
    s.insert(i - 3, 1, ',');
  return s;
}

}  // namespace outcomes::detail::funnel
JOINEDUP_END_NAMESPACE
