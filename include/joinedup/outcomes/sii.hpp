// joinedup: the slope index of inequality (SII) and relative index of inequality (RII) as
// PHEindicatormethods 2.1.0 `phe_sii` computes them (docs/outcomes-qsii.md): each quantile's
// relative rank is the midpoint of its share of the cumulative population; the indicator value
// is regressed on the rank with every row weighted by the square root of the population share
// (no free intercept); the SII is the slope, the RII the ratio of the fitted values at ranks 1
// and 0. Rates and proportions can be fitted on the log or logit scale and transformed back.
// Confidence limits come from simulating each quantile's value from a normal distribution with
// its standard error. The simulation uses this project's own seeded generator: its limits are
// reproducible run to run and across compilers, but are not R's random stream, so they agree
// with R only to simulation error; the point estimates follow R's arithmetic.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// What kind of indicator the values are; R's `value_type` 0, 1 and 2.
enum class sii_value_type : std::uint8_t {
  normal = 0,      ///< any other indicator (life expectancy...): used as given
  rate = 1,        ///< a rate: its limits are on the log scale; `transform` fits on log
  proportion = 2,  ///< a proportion (0 to 1): logit scale; `transform` fits on logit
};

/// R's `indicator_type` label: "normal", "rate" or "proportion".
constexpr std::string_view to_string(sii_value_type t) noexcept {
  switch (t) {
    case sii_value_type::normal:
      return "normal";
    case sii_value_type::rate:
      return "rate";
    case sii_value_type::proportion:
      return "proportion";
  }
  return "normal";
}

/// The data of one area, one entry per quantile, in quantile order (first = the end the
/// ranks start from, usually the most deprived). An empty vector means "not given"; NaN is a
/// missing value.
struct sii_input {
  std::vector<double> populations;      ///< quantile populations (required, all > 0)
  std::vector<double> values;           ///< indicator values; may be left out for proportions
  std::vector<double> counts;           ///< numerators x: value = x / population (proportions)
  std::vector<double> standard_errors;  ///< standard errors of the values, or ...
  std::vector<double> lower_cl;         ///< ... the 95 % lower limits of the values
  std::vector<double> upper_cl;         ///< ... and the 95 % upper limits
};

/// The seed of the simulation when none is given.
inline constexpr std::uint64_t sii_default_seed = 1;
/// The largest number of normal draws one calculation may make (repetitions × quantiles, × 10
/// with the reliability statistic): a bound on time for untrusted requests.
inline constexpr double sii_max_draws = 1e8;
/// The largest number of confidence levels in one calculation.
inline constexpr std::size_t sii_max_levels = 10;

/// How to compute (R's arguments of the same names and defaults).
struct sii_options {
  sii_value_type value_type = sii_value_type::normal;  ///< R's value_type, default 0
  bool transform = false;                              ///< fit rates on log, proportions on logit
  double multiplier = 1;                               ///< scales the SII (negative: RII inverted)
  std::size_t repetitions = 100'000;                   ///< simulated samples (at least 1000)
  std::vector<double> confidence = {0.95};  ///< levels as fractions or percentages; none: no limits
  bool rii = false;                         ///< also simulate the RII's limits
  bool reliability_stat = false;            ///< repeat the simulation 10 times, report the spread
  std::uint64_t seed = sii_default_seed;    ///< seed of the project's generator
};

/// The limits at one confidence level, as R's `sii_lower95_0cl`... columns. A limit is nullopt
/// when the simulation gave too few usable (non-NaN) samples to read it.
struct sii_limits {
  double confidence = 0.95;         ///< the level, as a fraction
  std::optional<double> sii_lower;  ///< SII lower limit
  std::optional<double> sii_upper;  ///< SII upper limit
  std::optional<double> rii_lower;  ///< RII lower limit (when requested)
  std::optional<double> rii_upper;  ///< RII upper limit (when requested)
  std::optional<double> sii_mad;    ///< reliability: mean absolute difference of the SII limits
  std::optional<double> rii_mad;    ///< reliability: the same for the RII limits
};

/// The SII of one area.
struct sii_result {
  double sii = 0;        ///< slope index of inequality, × multiplier
  double rii = 0;        ///< relative index of inequality (inverted for a negative multiplier)
  double intercept = 0;  ///< fitted value at rank 0 (back-transformed and × |multiplier|
                         ///< when transformed, as R reports it)
  std::vector<sii_limits> limits;  ///< one per confidence level, in the order given
  diagnostics warnings;            ///< outcomes.sii.many_quantiles, .not_finite, .simulation
};

namespace detail {

/// A sum accumulated in extended precision, as R's sum() and cumsum() do.
inline double extended_sum(std::span<const double> x) noexcept {
  long double s = 0;
  for (double v : x)
    s += v;
  return static_cast<double>(s);
}

/// R's value transformation: log for rates, logit for proportions, unchanged otherwise.
inline double sii_forward(sii_value_type t, double v) noexcept {
  switch (t) {
    case sii_value_type::rate:
      return std::log(v);
    case sii_value_type::proportion:
      return std::log(v / (1 - v));
    case sii_value_type::normal:
      break;
  }
  return v;
}

/// The inverse of sii_forward, written as R writes it (exp(x) / (1 + exp(x)) for logit).
inline double sii_backward(sii_value_type t, double v) noexcept {
  switch (t) {
    case sii_value_type::rate:
      return std::exp(v);
    case sii_value_type::proportion:
      return std::exp(v) / (1 + std::exp(v));
    case sii_value_type::normal:
      break;
  }
  return v;
}

/// The two coefficients of a fit (NaN when the columns are degenerate).
struct two_coefficients {
  double first = std::numeric_limits<double>::quiet_NaN();   ///< coefficient of column 0
  double second = std::numeric_limits<double>::quiet_NaN();  ///< coefficient of column 1
};

/// The least-squares coefficients of y on two columns without an intercept term, by a
/// Householder QR decomposition in the order LINPACK's dqrdc2/dqrsl (R's lm) work.
inline two_coefficients least_squares_2(std::vector<double> c0, std::vector<double> c1,
                                        std::vector<double> y) {
  const std::size_t n = y.size();
  std::vector<double>* cols[2] = {&c0, &c1};
  double qraux[2] = {0, 0};
  double diag[2] = {0, 0};
  for (std::size_t l = 0; l < 2 && l < n; ++l) {
    std::vector<double>& x = *cols[l];
    double norm = 0;
    {
      long double ss = 0;
      for (std::size_t i = l; i < n; ++i)
        ss += static_cast<long double>(x[i]) * x[i];
      norm = std::sqrt(static_cast<double>(ss));
    }
    if (norm == 0) return {};
    if (x[l] != 0) norm = std::copysign(norm, x[l]);
    const double scale = 1.0 / norm;
    for (std::size_t i = l; i < n; ++i)
      x[i] *= scale;
    x[l] += 1;
    for (std::size_t j = l + 1; j < 2; ++j) {
      std::vector<double>& other = *cols[j];
      double dot = 0;
      for (std::size_t i = l; i < n; ++i)
        dot += x[i] * other[i];
      const double t = -dot / x[l];
      for (std::size_t i = l; i < n; ++i)
        other[i] += t * x[i];
    }
    qraux[l] = x[l];
    diag[l] = -norm;
  }
  if (n < 2) return {};
  // Q'y, one reflection per column.
  for (std::size_t j = 0; j < 2; ++j) {
    const std::vector<double>& x = *cols[j];
    std::vector<double> v(x.begin(), x.end());
    v[j] = qraux[j];
    double dot = 0;
    for (std::size_t i = j; i < n; ++i)
      dot += v[i] * y[i];
    const double t = -dot / v[j];
    for (std::size_t i = j; i < n; ++i)
      y[i] += t * v[i];
  }
  // Back substitution with R = [[diag0, c1[0]], [0, diag1]].
  two_coefficients out;
  out.second = y[1] / diag[1];
  out.first = (y[0] + (-out.second) * c1[0]) / diag[0];
  return out;
}

/// Standard normal deviates that are the same on every compiler: std::mt19937_64 (whose output
/// sequence the C++ standard fixes) turned into uniforms with 53 random bits, then Marsaglia's
/// polar method (only +, ×, log and sqrt). std::normal_distribution is not used because each
/// standard library implements it differently.
class sii_normal_stream {
 public:
  /// A stream started from `seed`.
  explicit sii_normal_stream(std::uint64_t seed) : engine_(seed) {}

  /// One draw from N(mean, sd²), with R's rnorm rules for the edge cases: NaN for a NaN mean
  /// or a negative or infinite sd; the mean itself (no draw used) when sd is 0 or the mean is
  /// infinite.
  double draw(double mean, double sd) {
    if (std::isnan(mean) || !std::isfinite(sd) || sd < 0) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    if (sd == 0 || !std::isfinite(mean)) return mean;
    return mean + sd * standard();
  }

 private:
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double standard() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    for (;;) {
      const double u = 2 * uniform() - 1;
      const double v = 2 * uniform() - 1;
      const double s = u * u + v * v;
      if (s > 0 && s < 1) {
        const double f = std::sqrt(-2 * std::log(s) / s);
        spare_ = v * f;
        has_spare_ = true;
        return u * f;
      }
    }
  }

  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

/// The k-th (1-based) smallest of the non-NaN samples (R sorts with NaN dropped); nullopt when
/// there are fewer than k.
inline std::optional<double> sii_order_statistic(const std::vector<double>& sorted_finite,
                                                 std::size_t k) {
  if (k == 0 || k > sorted_finite.size()) return std::nullopt;
  return sorted_finite[k - 1];
}

/// Sorts the samples with NaN removed.
inline std::vector<double> sii_sorted(std::vector<double> samples) {
  samples.erase(
      std::remove_if(samples.begin(), samples.end(), [](double v) { return std::isnan(v); }),
      samples.end());
  std::sort(samples.begin(), samples.end());
  return samples;
}

/// The positions (1-based) of the lower and upper limits among `repetitions` sorted samples:
/// round(reps × (1 − c′)) and round(reps × c′) with c′ = c + (1 − c)/2, rounding half to even
/// as R's round does.
struct sii_positions {
  std::size_t lower = 0;  ///< position of the lower limit
  std::size_t upper = 0;  ///< position of the upper limit
};

inline sii_positions sii_limit_positions(std::size_t repetitions, double c) {
  const double upper_tail = c + (1 - c) / 2;
  const double reps = static_cast<double>(repetitions);
  return {static_cast<std::size_t>(std::nearbyint(reps * (1 - upper_tail))),
          static_cast<std::size_t>(std::nearbyint(reps * upper_tail))};
}

/// Validates the confidence levels by R's rule and scales percentages to fractions.
inline result<std::vector<double>> sii_levels(std::span<const double> levels,
                                              std::size_t repetitions) {
  if (levels.size() > sii_max_levels) {
    return fail("outcomes.sii.confidence",
                "at most " + std::to_string(sii_max_levels) + " confidence levels can be given",
                "/confidence");
  }
  bool any_low = false, any_fraction_gap = false, any_above_one = false, any_high = false;
  for (double c : levels) {
    if (std::isnan(c) || c < 0.9) any_low = true;
    if (c > 1) any_above_one = true;
    if (c < 90) any_fraction_gap = true;
    if (c > 100) any_high = true;
  }
  if (any_low || (any_above_one && any_fraction_gap) || any_high) {
    return fail("outcomes.sii.confidence",
                "all confidence levels must be between 90 and 100 or between 0.9 and 1",
                "/confidence");
  }
  std::vector<double> out;
  for (double c : levels) {
    const double f = c >= 90 ? c / 100 : c;
    if (std::find(out.begin(), out.end(), f) != out.end()) {
      return fail("outcomes.sii.confidence",
                  "confidence level " + detail::text(c) + " is given twice", "/confidence");
    }
    const sii_positions p = sii_limit_positions(repetitions, f);
    if (p.lower == 0) {
      return fail("outcomes.sii.repetitions",
                  "confidence level " + detail::text(c) + " needs more than " +
                      std::to_string(repetitions) +
                      " repetitions: the lower limit's position rounds to 0",
                  "/repetitions");
    }
    out.push_back(f);
  }
  return out;
}

/// The first entry of `x` that is NaN or fails `ok`, or x.size().
template <class Ok>
std::size_t sii_first_bad(const std::vector<double>& x, Ok ok) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!ok(x[i])) return i;
  }
  return x.size();
}

/// R's input checks (phe_sii part 1), in R's order; nullopt when the input can be used.
inline std::optional<failure> sii_check(const sii_input& in, const sii_options& opt) {
  const std::size_t n = in.populations.size();
  const bool has_se = !in.standard_errors.empty();
  const bool has_cls = !in.lower_cl.empty() && !in.upper_cl.empty();
  if (in.values.empty() && in.counts.empty()) {
    return fail("outcomes.sii.request",
                "values are required, or counts (x) when the indicator is a proportion", "/values");
  }
  if (!has_se && !has_cls) {
    return fail("outcomes.sii.request",
                "either lower_cl and upper_cl, or se, are required for the standard errors", "/se");
  }
  if (!std::isfinite(opt.multiplier)) {
    return fail("outcomes.sii.multiplier", "multiplier must be a finite number", "/multiplier");
  }
  if (opt.repetitions < 1000) {
    return fail("outcomes.sii.repetitions",
                "the number of repetitions must be 1000 or more (default 100000)", "/repetitions");
  }
  if (opt.transform && opt.value_type == sii_value_type::normal) {
    return fail("outcomes.sii.transform", "value_type must be 1 or 2 when transform is true",
                "/transform");
  }
  if (opt.transform && has_se) {
    return fail("outcomes.sii.transform",
                "se cannot be given when transform is true: the limits are transformed instead",
                "/se");
  }
  if (opt.transform && !has_cls) {
    return fail("outcomes.sii.transform",
                "lower_cl and upper_cl are required when transform is true", "/lower_cl");
  }
  if (result<std::vector<double>> levels = sii_levels(opt.confidence, opt.repetitions); !levels) {
    return failure{levels.error()};
  }
  const std::pair<const std::vector<double>*, const char*> arrays[] = {{&in.values, "/values"},
                                                                       {&in.counts, "/x"},
                                                                       {&in.standard_errors, "/se"},
                                                                       {&in.lower_cl, "/lower_cl"},
                                                                       {&in.upper_cl, "/upper_cl"}};
  for (const auto& [a, path] : arrays) {
    if (!a->empty() && a->size() != n) {
      return fail(
          "outcomes.sii.length_mismatch",
          std::string(path + 1) + " must have one entry per quantile (" + std::to_string(n) + ")",
          path);
    }
  }
  auto at = [](const char* path, std::size_t i) {
    return std::string(path) + "/" + std::to_string(i);
  };
  if (std::size_t i = sii_first_bad(in.populations, [](double p) { return p > 0; }); i < n) {
    return fail(
        "outcomes.sii.population",
        "every quantile needs a population above zero, found " + detail::text(in.populations[i]),
        at("/populations", i));
  }
  if (!std::isfinite(extended_sum(in.populations))) {
    return fail("outcomes.sii.population", "the total population is too large to compute with",
                "/populations");
  }
  if (has_se) {
    if (std::size_t i = sii_first_bad(in.standard_errors, [](double s) { return s >= 0; }); i < n) {
      return fail("outcomes.sii.standard_error", "standard errors must be given and not negative",
                  at("/se", i));
    }
  }
  if (has_cls) {
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(in.lower_cl[i]) || std::isnan(in.upper_cl[i])) {
        return fail("outcomes.sii.confidence_limits",
                    "a lower or upper confidence limit is missing",
                    at(std::isnan(in.lower_cl[i]) ? "/lower_cl" : "/upper_cl", i));
      }
    }
  }
  if (opt.value_type == sii_value_type::proportion) {
    for (std::size_t i = 0; i < in.values.size(); ++i) {
      if (in.values[i] < 0 || in.values[i] > 1) {
        return fail("outcomes.sii.proportion",
                    "proportions must be between 0 and 1, found " + detail::text(in.values[i]),
                    at("/values", i));
      }
    }
    if (has_cls) {
      for (std::size_t i = 0; i < n; ++i) {
        for (const auto& [v, path] :
             {std::pair{in.lower_cl[i], "/lower_cl"}, std::pair{in.upper_cl[i], "/upper_cl"}}) {
          if (v < 0 || v > 1) {
            return fail("outcomes.sii.proportion",
                        "confidence limits of proportions must be between 0 and 1, found " +
                            detail::text(v),
                        at(path, i));
          }
        }
      }
    }
    if (in.values.empty()) {
      for (std::size_t i = 0; i < n; ++i) {
        if (in.counts[i] <= 0) {
          return fail("outcomes.sii.count",
                      "counts x must be above zero, found " + detail::text(in.counts[i]),
                      at("/x", i));
        }
      }
    }
  } else if (in.values.empty()) {
    return fail("outcomes.sii.request",
                "values are required: counts (x) give the value only for proportions "
                "(value_type 2)",
                "/values");
  }
  if (n < 5 || n > 100) {
    return fail("outcomes.sii.quantiles",
                "the number of quantiles must be between 5 and 100, found " + std::to_string(n),
                "/quantiles");
  }
  return std::nullopt;
}

}  // namespace detail

/// The SII, RII and intercept of one area with simulated confidence limits (phe_sii).
///
/// Errors, in R's order: outcomes.sii.request (no values or counts, no standard errors or
/// limits), outcomes.sii.multiplier, outcomes.sii.repetitions (below 1000, too many draws, or
/// too few for a level), outcomes.sii.transform, outcomes.sii.confidence,
/// outcomes.sii.length_mismatch, outcomes.sii.population, outcomes.sii.standard_error,
/// outcomes.sii.confidence_limits, outcomes.sii.proportion, outcomes.sii.count,
/// outcomes.sii.quantiles (not 5 to 100), outcomes.sii.value (a missing value, or one the
/// transformation cannot use). Warnings: outcomes.sii.many_quantiles above 10 quantiles,
/// outcomes.sii.not_finite for an estimate that is not finite, outcomes.sii.simulation for a
/// limit that could not be read.
[[nodiscard]] inline result<sii_result> slope_index_of_inequality(const sii_input& in,
                                                                  const sii_options& opt) {
  using detail::sii_backward;
  using detail::sii_forward;
  if (auto f = detail::sii_check(in, opt)) return *f;
  const result<std::vector<double>> levels = detail::sii_levels(opt.confidence, opt.repetitions);
  if (!levels) return failure{levels.error()};
  const std::size_t n = in.populations.size();
  const std::size_t batches = opt.reliability_stat ? 10 : 1;
  if (!levels->empty() &&
      static_cast<double>(opt.repetitions) * static_cast<double>(n) * static_cast<double>(batches) >
          sii_max_draws) {
    return fail("outcomes.sii.repetitions",
                "repetitions × quantiles" + std::string(opt.reliability_stat ? " × 10" : "") +
                    " must not exceed " + detail::text(sii_max_draws),
                "/repetitions");
  }
  const sii_value_type type = opt.value_type;
  const auto at = [](const char* path, std::size_t i) {
    return std::string(path) + "/" + std::to_string(i);
  };

  // Values and standard errors on the transformed scale (log rates, logit proportions).
  std::vector<double> centre(n), se(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = in.values.empty() ? in.counts[i] / in.populations[i] : in.values[i];
    if (std::isnan(v)) {
      return fail("outcomes.sii.value", "a value is missing",
                  at(in.values.empty() ? "/x" : "/values", i));
    }
    centre[i] = sii_forward(type, v);
    if (!in.standard_errors.empty()) {
      se[i] = in.standard_errors[i];
    } else {
      se[i] = (sii_forward(type, in.upper_cl[i]) - sii_forward(type, in.lower_cl[i])) / z_95 / 2;
    }
    if (!(std::isfinite(se[i]) && se[i] >= 0)) {
      return fail("outcomes.sii.standard_error",
                  "the standard error from the confidence limits is " + detail::text(se[i]) +
                      " (upper limit below lower, or a limit the transformation cannot use)",
                  at("/lower_cl", i));
    }
  }

  // Relative ranks: the midpoint of each quantile's share of the cumulative population.
  const double total = detail::extended_sum(in.populations);
  std::vector<double> sqrt_a(n), b_sqrt_a(n), y(n);
  long double cumulative = 0;
  double previous = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double share = in.populations[i] / total;
    const double rank = i == 0 ? share / 2 : share / 2 + previous;
    cumulative += share;
    previous = static_cast<double>(cumulative);
    sqrt_a[i] = std::sqrt(share);
    b_sqrt_a[i] = rank * sqrt_a[i];
    const double fitted_scale = opt.transform ? centre[i] : sii_backward(type, centre[i]);
    y[i] = sqrt_a[i] * fitted_scale;
    if (!std::isfinite(y[i])) {
      return fail("outcomes.sii.value",
                  "value " + detail::text(in.values.empty() ? in.counts[i] : in.values[i]) +
                      " cannot be used on the " + (type == sii_value_type::rate ? "log" : "logit") +
                      " scale",
                  at(in.values.empty() ? "/x" : "/values", i));
    }
  }

  sii_result out;
  if (n > 10) {
    out.warnings.warning("outcomes.sii.many_quantiles", "/quantiles",
                         "small values can make the SII unstable with more than 10 quantiles (" +
                             std::to_string(n) + ")");
  }
  const detail::two_coefficients fit = detail::least_squares_2(sqrt_a, b_sqrt_a, y);
  const double mult = opt.multiplier;
  double half_point = 0;  // fitted value at rank 0.5, transformed scale
  if (!opt.transform) {
    out.sii = mult * fit.second;
    out.rii = (fit.first + fit.second) / fit.first;
    if (mult < 0) out.rii = 1 / out.rii;
    out.intercept = fit.first;
  } else {
    const double at_one = fit.first + fit.second;
    half_point = (fit.first + at_one) / 2;
    const double back_zero = sii_backward(type, fit.first);
    const double back_one = sii_backward(type, at_one);
    out.sii = (back_one - back_zero) * mult;
    out.rii = mult < 0 ? 1 / (back_one / back_zero) : back_one / back_zero;
    out.intercept = back_zero * std::abs(mult);
  }
  if (!std::isfinite(out.sii) || !std::isfinite(out.rii) || !std::isfinite(out.intercept)) {
    out.warnings.warning("outcomes.sii.not_finite", "",
                         "the SII, RII or intercept is not a finite number (an overflow, or a "
                         "fitted value of 0 at rank 0 for the RII) and is left out");
  }
  if (levels->empty()) return out;

  // The simulation's projection: coefficients = (M Mᵀ)⁻¹ M y for M = [sqrt_a; b_sqrt_a].
  double s00 = 0, s01 = 0, s11 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    s00 += sqrt_a[i] * sqrt_a[i];
    s01 += sqrt_a[i] * b_sqrt_a[i];
    s11 += b_sqrt_a[i] * b_sqrt_a[i];
  }
  const double det = s00 * s11 - s01 * s01;
  std::vector<double> p_intercept(n), p_slope(n);
  for (std::size_t i = 0; i < n; ++i) {
    p_intercept[i] = (s11 * sqrt_a[i] - s01 * b_sqrt_a[i]) / det;
    p_slope[i] = (s00 * b_sqrt_a[i] - s01 * sqrt_a[i]) / det;
  }

  const bool rii_samples = opt.rii && !opt.transform;
  const bool swap = opt.transform && (type == sii_value_type::rate ? mult < 1 : mult < 0);
  detail::sii_normal_stream normal(opt.seed);
  std::vector<std::vector<sii_limits>> by_batch(batches);
  std::vector<double> sii_samples(opt.repetitions), rii_values(rii_samples ? opt.repetitions : 0);
  bool short_samples = false;
  for (std::size_t batch = 0; batch < batches; ++batch) {
    for (std::size_t r = 0; r < opt.repetitions; ++r) {
      double intercept = 0, slope = 0;
      for (std::size_t i = 0; i < n; ++i) {
        double draw = normal.draw(centre[i], se[i]);
        if (!opt.transform) draw = sii_backward(type, draw);
        const double weighted = draw * sqrt_a[i];
        intercept += p_intercept[i] * weighted;
        slope += p_slope[i] * weighted;
      }
      sii_samples[r] = opt.transform ? slope : slope * mult;
      if (rii_samples) {
        const double ratio = (slope + intercept) / intercept;
        rii_values[r] = mult < 0 ? 1 / ratio : ratio;
      }
    }
    const std::vector<double> sii_sorted = detail::sii_sorted(sii_samples);
    const std::vector<double> rii_sorted =
        rii_samples ? detail::sii_sorted(rii_values) : std::vector<double>{};
    for (double c : *levels) {
      const detail::sii_positions pos = detail::sii_limit_positions(opt.repetitions, c);
      sii_limits lim;
      lim.confidence = c;
      lim.sii_lower = detail::sii_order_statistic(sii_sorted, pos.lower);
      lim.sii_upper = detail::sii_order_statistic(sii_sorted, pos.upper);
      if (rii_samples) {
        lim.rii_lower = detail::sii_order_statistic(rii_sorted, pos.lower);
        lim.rii_upper = detail::sii_order_statistic(rii_sorted, pos.upper);
      }
      if (opt.transform) {
        // Limits of the slope on the transformed scale, centred on the fitted midpoint and
        // turned back into the indicator's units at ranks 0 and 1.
        const std::optional<double> slope_lo = lim.sii_lower, slope_hi = lim.sii_upper;
        lim.sii_lower = lim.sii_upper = lim.rii_lower = lim.rii_upper = std::nullopt;
        if (slope_lo && slope_hi) {
          const double zero_lo = sii_backward(type, half_point - *slope_lo / 2);
          const double zero_hi = sii_backward(type, half_point - *slope_hi / 2);
          const double one_lo = sii_backward(type, half_point + *slope_lo / 2);
          const double one_hi = sii_backward(type, half_point + *slope_hi / 2);
          lim.sii_lower = swap ? (one_hi - zero_hi) * mult : (one_lo - zero_lo) * mult;
          lim.sii_upper = swap ? (one_lo - zero_lo) * mult : (one_hi - zero_hi) * mult;
          if (opt.rii) {
            lim.rii_lower = swap ? 1 / (one_hi / zero_hi) : one_lo / zero_lo;
            lim.rii_upper = swap ? 1 / (one_lo / zero_lo) : one_hi / zero_hi;
          }
        }
      }
      for (std::optional<double>* v :
           {&lim.sii_lower, &lim.sii_upper, &lim.rii_lower, &lim.rii_upper}) {
        if (*v && !std::isfinite(**v)) *v = std::nullopt;
      }
      if (!lim.sii_lower || !lim.sii_upper || (opt.rii && (!lim.rii_lower || !lim.rii_upper)))
        short_samples = true;
      by_batch[batch].push_back(lim);
    }
  }
  if (short_samples) {
    out.warnings.warning("outcomes.sii.simulation", "/repetitions",
                         "some simulated samples were not finite numbers, so a confidence limit "
                         "could not be read; that limit is left out");
  }

  out.limits = by_batch[0];
  if (opt.reliability_stat) {
    // Mean absolute difference of each later batch's limits from the first batch's.
    for (std::size_t k = 0; k < out.limits.size(); ++k) {
      auto spread = [&](std::optional<double> sii_limits::*lo,
                        std::optional<double> sii_limits::*hi) -> std::optional<double> {
        const sii_limits& first = by_batch[0][k];
        if (!(first.*lo) || !(first.*hi)) return std::nullopt;
        double sum = 0;
        for (std::size_t b = 1; b < batches; ++b) {
          const sii_limits& later = by_batch[b][k];
          if (!(later.*lo) || !(later.*hi)) return std::nullopt;
          sum += std::abs(*(later.*lo) - *(first.*lo)) + std::abs(*(later.*hi) - *(first.*hi));
        }
        return sum / static_cast<double>(2 * (batches - 1));
      };
      out.limits[k].sii_mad = spread(&sii_limits::sii_lower, &sii_limits::sii_upper);
      if (opt.rii) out.limits[k].rii_mad = spread(&sii_limits::rii_lower, &sii_limits::rii_upper);
    }
  }
  return out;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
