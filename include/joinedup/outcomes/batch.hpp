// joinedup: the columnar path of the indicator statistics. Many proportions, crude rates or
// directly standardised rates are computed in one call from spans of inputs into caller-owned
// spans of outputs, with a status per element instead of a result object per value. The numbers
// are exactly those of proportion(), crude_rate() and dsr() in statistics.hpp (the same
// operations in the same order); only the packaging differs. Nothing here allocates or throws
// (docs/outcomes-batch.md).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "joinedup/core/fields.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// What happened to one element of a batch. Anything other than ok and missing_input and
/// small_count_suppressed is an input the per-value function refuses with the diagnostic named
/// in the comment; its outputs are NaN.
enum class batch_status : std::uint8_t {
  ok,                             ///< value and limits computed
  missing_input,                  ///< numerator or denominator is NaN (R's NA): all outputs NaN
  negative_numerator,             ///< outcomes.stats.negative_numerator
  nonpositive_denominator,        ///< outcomes.stats.nonpositive_denominator
  numerator_exceeds_denominator,  ///< outcomes.stats.numerator_exceeds_denominator (proportion)
  small_count_suppressed,         ///< DSR with a total count under 10: value and limits NaN
};

}  // namespace outcomes

/// The statuses' names, in the order of batch_status ("ok", "missing_input", ...).
template <>
inline constexpr auto enum_names<outcomes::batch_status> =
    std::array<std::string_view, 6>{"ok",
                                    "missing_input",
                                    "negative_numerator",
                                    "nonpositive_denominator",
                                    "numerator_exceeds_denominator",
                                    "small_count_suppressed"};

namespace outcomes {

/// The snake_case name of a status ("ok", "missing_input", ...).
constexpr std::string_view to_string(batch_status s) noexcept {
  return enum_name(s);
}

/// The diagnostic code the per-value function gives for a refused element; "" for ok,
/// missing_input and small_count_suppressed, which are answers, not errors.
constexpr std::string_view diagnostic_code(batch_status s) noexcept {
  switch (s) {
    case batch_status::negative_numerator:
      return "outcomes.stats.negative_numerator";
    case batch_status::nonpositive_denominator:
      return "outcomes.stats.nonpositive_denominator";
    case batch_status::numerator_exceeds_denominator:
      return "outcomes.stats.numerator_exceeds_denominator";
    case batch_status::ok:
    case batch_status::missing_input:
    case batch_status::small_count_suppressed:
      break;
  }
  return {};
}

/// Whether a status is an answer (ok, missing_input, small_count_suppressed) rather than a
/// refused input.
constexpr bool answered(batch_status s) noexcept {
  return s == batch_status::ok || s == batch_status::missing_input ||
         s == batch_status::small_count_suppressed;
}

/// Why a whole batch call was refused; nothing is written then.
enum class batch_error : std::uint8_t {
  none,                 ///< the call ran
  multiplier,           ///< multiplier not finite and positive (outcomes.stats.multiplier)
  length_mismatch,      ///< input or output spans of different lengths
  empty,                ///< DSR with no age bands (outcomes.stats.empty)
  standard_population,  ///< DSR standard population negative or NaN
                        ///< (outcomes.stats.standard_population)
};

/// Lower and upper limits at one confidence level, one element per input.
struct batch_limits {
  std::span<double> lower;  ///< lower limits (NaN when not defined)
  std::span<double> upper;  ///< upper limits (NaN or +inf when not defined)
};

/// Where a batch call writes: values, the limits for each confidence level asked for (the first
/// conf.size() entries of `limits` are used and must be as long as `values`), and a status per
/// element. Every used span must have one element per input.
struct batch_output {
  std::span<double> values;            ///< the values, scaled by the multiplier
  std::array<batch_limits, 2> limits;  ///< one per confidence level
  std::span<batch_status> status;      ///< what happened to each element
};

/// DSR extras per area: the total count O and the total population (both summed over bands;
/// written for every area that is not refused). Either span may be empty (not written).
struct dsr_totals {
  std::span<double> observed;    ///< O = Σ events (NaN events count as 0)
  std::span<double> population;  ///< Σ populations
};

namespace detail {
/// A status for a proportion's inputs, in the order proportion() checks them.
constexpr batch_status proportion_status(double x, double n) noexcept {
  if (x < 0) return batch_status::negative_numerator;
  if (n <= 0) return batch_status::nonpositive_denominator;
  if (x > n) return batch_status::numerator_exceeds_denominator;
  if (x != x || n != n) return batch_status::missing_input;
  return batch_status::ok;
}
/// A status for a crude rate's inputs, in the order crude_rate() checks them.
constexpr batch_status rate_status(double x, double n) noexcept {
  if (x < 0) return batch_status::negative_numerator;
  if (n <= 0) return batch_status::nonpositive_denominator;
  if (x != x || n != n) return batch_status::missing_input;
  return batch_status::ok;
}
/// Whether the output spans fit `count` inputs for `levels` confidence levels.
constexpr bool fits(const batch_output& out, std::size_t count, std::size_t levels) noexcept {
  if (out.values.size() != count || out.status.size() != count) return false;
  for (std::size_t l = 0; l < levels; ++l) {
    if (out.limits[l].lower.size() != count || out.limits[l].upper.size() != count) return false;
  }
  return true;
}
/// Writes NaN to every output of element i.
inline void blank(const batch_output& out, std::size_t levels, std::size_t i,
                  batch_status s) noexcept {
  out.values[i] = na;
  for (std::size_t l = 0; l < levels; ++l) {
    out.limits[l].lower[i] = na;
    out.limits[l].upper[i] = na;
  }
  out.status[i] = s;
}
/// The error dsr() gives for an area with a refused band: the first band's, checking events
/// before population as dsr() does.
inline batch_status dsr_refusal(const double* events, const double* populations,
                                std::size_t bands) noexcept {
  for (std::size_t b = 0; b < bands; ++b) {
    if (events[b] < 0) return batch_status::negative_numerator;
    if (!(populations[b] > 0)) return batch_status::nonpositive_denominator;
  }
  return batch_status::ok;
}
/// One area's sums over its bands, as dsr() forms them.
struct dsr_sums {
  double observed = 0;    ///< O = Σx (NaN events as 0)
  double weighted = 0;    ///< Σ x·w/n
  double squares = 0;     ///< Σ x·(w/n)²
  double population = 0;  ///< Σn
  bool refused = false;   ///< a band has x < 0 or n not > 0 (the sums are then meaningless)
};
/// Sums one area's bands in band order, as dsr() does.
inline dsr_sums sum_bands(const double* xs, const double* ns, const double* ws,
                          std::size_t bands) noexcept {
  dsr_sums s;
  unsigned bad = 0;
  for (std::size_t b = 0; b < bands; ++b) {
    const double x = std::isnan(xs[b]) ? 0.0 : xs[b];
    const double n = ns[b];
    bad |= static_cast<unsigned>(x < 0) | static_cast<unsigned>(!(n > 0));
    const double w = ws[b];
    const double q = w / n;
    s.observed += x;
    s.weighted += x * w / n;
    s.squares += x * q * q;
    s.population += n;
  }
  s.refused = bad != 0;
  return s;
}

/// Byar's lower limit as counts::byars_lower computes it, NaN where that gives nullopt.
inline double byars_lower_or_nan(double o, double z) noexcept {
  const double c = 1 - 1 / (9 * o) - z / (3 * std::sqrt(o));
  const double b = o * (c * c * c);
  return b < 0 ? na : b;
}
}  // namespace detail

/// Proportions x[i] / n[i] × multiplier with Wilson score limits, element for element equal to
/// proportion(x[i], n[i], conf, multiplier): the same value and limits (the same floating-point
/// operations), NaN where proportion() has no number, and a status where it gives an error.
/// Returns batch_error::multiplier or length_mismatch without writing anything.
[[nodiscard]] inline batch_error proportions(std::span<const double> x, std::span<const double> n,
                                             const confidence_levels& conf, double multiplier,
                                             const batch_output& out) noexcept {
  if (!std::isfinite(multiplier) || multiplier <= 0) return batch_error::multiplier;
  const std::size_t count = x.size();
  const std::size_t levels = conf.size();
  if (n.size() != count || !detail::fits(out, count, levels)) return batch_error::length_mismatch;
  // The per-level constants: z, z², and whether the level is exactly 1 (limits 0 and 1).
  std::array<double, 2> z{}, z2{};
  std::array<bool, 2> whole{};
  for (std::size_t l = 0; l < levels; ++l) {
    z[l] = conf.z(l);
    z2[l] = z[l] * z[l];
    whole[l] = conf.level(l) == 1;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const double xi = x[i];
    const double ni = n[i];
    const batch_status s = detail::proportion_status(xi, ni);
    if (s != batch_status::ok) {
      detail::blank(out, levels, i, s);
      continue;
    }
    out.status[i] = s;
    out.values[i] = xi / ni * multiplier;
    const double spread = 4 * xi * (1 - (xi / ni));  // the part of the root shared by levels
    for (std::size_t l = 0; l < levels; ++l) {
      if (whole[l]) {
        out.limits[l].lower[i] = 0.0 * multiplier;
        out.limits[l].upper[i] = 1.0 * multiplier;
        continue;
      }
      const double root = z[l] * std::sqrt(z2[l] + spread);
      const double centre = 2 * xi + z2[l];
      const double denominator = ni + z2[l];
      out.limits[l].lower[i] = (centre - root) / 2 / denominator * multiplier;
      out.limits[l].upper[i] = (centre + root) / 2 / denominator * multiplier;
    }
  }
  return batch_error::none;
}

/// Crude rates x[i] / n[i] × multiplier with exact Poisson limits below 10 events and Byar's from
/// 10, element for element equal to crude_rate(x[i], n[i], conf, multiplier). A limit that
/// crude_rate() leaves undefined is NaN (a negative Byar's lower limit) or +inf (an infinite
/// limit at a confidence of 1). The method of element i is "Exact" when x[i] < 10, else "Byars".
[[nodiscard]] inline batch_error crude_rates(std::span<const double> x, std::span<const double> n,
                                             const confidence_levels& conf, double multiplier,
                                             const batch_output& out) noexcept {
  if (!std::isfinite(multiplier) || multiplier <= 0) return batch_error::multiplier;
  const std::size_t count = x.size();
  const std::size_t levels = conf.size();
  if (n.size() != count || !detail::fits(out, count, levels)) return batch_error::length_mismatch;
  const counts::detail::exact_table& table = counts::detail::table();
  std::array<double, 2> z{}, c{};
  std::array<int, 2> row{};  // the table row of a level, -1 when it is not tabulated
  for (std::size_t l = 0; l < levels; ++l) {
    z[l] = conf.z(l);
    c[l] = conf.level(l);
    row[l] = c[l] == 0.95 ? 0 : (c[l] == 0.998 ? 1 : -1);
  }
  for (std::size_t i = 0; i < count; ++i) {
    const double xi = x[i];
    const double ni = n[i];
    const batch_status s = detail::rate_status(xi, ni);
    if (s != batch_status::ok) {
      detail::blank(out, levels, i, s);
      continue;
    }
    out.status[i] = s;
    out.values[i] = xi / ni * multiplier;
    if (xi >= 10) {
      for (std::size_t l = 0; l < levels; ++l) {
        out.limits[l].lower[i] = detail::byars_lower_or_nan(xi, z[l]) / ni * multiplier;
        out.limits[l].upper[i] = counts::byars_upper(xi, z[l]) / ni * multiplier;
      }
      continue;
    }
    const bool tabulated = xi == std::floor(xi);
    for (std::size_t l = 0; l < levels; ++l) {
      double lo = 0, up = 0;
      if (tabulated && row[l] >= 0) {
        const auto r = static_cast<std::size_t>(row[l]);
        const auto k = static_cast<std::size_t>(xi);
        lo = table.lower[r][k];
        up = table.upper[r][k];
      } else {
        lo = counts::exact_lower(xi, c[l]);
        up = counts::exact_upper(xi, c[l]);
      }
      out.limits[l].lower[i] = lo / ni * multiplier;
      out.limits[l].upper[i] = up / ni * multiplier;
    }
  }
  return batch_error::none;
}

/// Directly standardised rates for many areas with Dobson limits, area for area equal to
/// dsr(events row, populations row, standard, conf, multiplier). `events` and `populations` are
/// row-major, one row of `bands` numbers per area (so both hold areas × bands numbers);
/// `standard` has `bands` numbers, or is empty for ESP 2013 (then bands must be 19). An area
/// with a total count under 10 is small_count_suppressed (value and limits NaN). The standard
/// population is checked once for the call (batch_error::standard_population), where dsr()
/// checks it band by band after each band's events and population.
[[nodiscard]] inline batch_error dsrs(std::span<const double> events,
                                      std::span<const double> populations,
                                      std::span<const double> standard, std::size_t bands,
                                      const confidence_levels& conf, double multiplier,
                                      const batch_output& out,
                                      const dsr_totals& totals = {}) noexcept {
  if (!std::isfinite(multiplier) || multiplier <= 0) return batch_error::multiplier;
  if (standard.empty()) standard = esp2013;
  if (bands == 0) return batch_error::empty;
  if (standard.size() != bands || events.size() != populations.size() ||
      events.size() % bands != 0) {
    return batch_error::length_mismatch;
  }
  const std::size_t areas = events.size() / bands;
  const std::size_t levels = conf.size();
  if (!detail::fits(out, areas, levels) ||
      (!totals.observed.empty() && totals.observed.size() != areas) ||
      (!totals.population.empty() && totals.population.size() != areas)) {
    return batch_error::length_mismatch;
  }
  double sum_w = 0;  // Σw, summed in band order as dsr() does
  for (double w : standard) {
    if (!(w >= 0)) return batch_error::standard_population;
    sum_w += w;
  }
  const double inverse_square = 1 / (sum_w * sum_w);
  std::array<double, 2> z{};
  for (std::size_t l = 0; l < levels; ++l)
    z[l] = conf.z(l);
  for (std::size_t a = 0; a < areas; ++a) {
    const double* xs = events.data() + a * bands;
    const double* ns = populations.data() + a * bands;
    const detail::dsr_sums sums = detail::sum_bands(xs, ns, standard.data(), bands);
    const double o = sums.observed, sum_wt = sums.weighted, sum_sq = sums.squares;
    const double total_pop = sums.population;
    const bool refused = sums.refused;
    const batch_status s = refused ? detail::dsr_refusal(xs, ns, bands) : batch_status::ok;
    if (s != batch_status::ok) {
      detail::blank(out, levels, a, s);
      if (!totals.observed.empty()) totals.observed[a] = detail::na;
      if (!totals.population.empty()) totals.population[a] = detail::na;
      continue;
    }
    if (!totals.observed.empty()) totals.observed[a] = o;
    if (!totals.population.empty()) totals.population[a] = total_pop;
    if (o < 10) {
      detail::blank(out, levels, a, batch_status::small_count_suppressed);
      continue;
    }
    out.status[a] = batch_status::ok;
    const double value = sum_wt / sum_w * multiplier;
    out.values[a] = value;
    const double scale = std::sqrt(inverse_square * sum_sq / o);
    for (std::size_t l = 0; l < levels; ++l) {
      out.limits[l].lower[a] =
          value + scale * (detail::byars_lower_or_nan(o, z[l]) - o) * multiplier;
      out.limits[l].upper[a] = value + scale * (counts::byars_upper(o, z[l]) - o) * multiplier;
    }
  }
  return batch_error::none;
}

/// The indicator_value the per-value function returns for one answered element of a batch
/// (status ok, missing_input or small_count_suppressed): value, limits, reasons and labels
/// rebuilt from the batch's numbers. `observed` and `denominator` are x and n for proportions
/// and crude rates, the dsr_totals for a DSR. For scorecards and other callers that need the
/// full result object.
[[nodiscard]] inline indicator_value to_indicator_value(indicator_method method,
                                                        const confidence_levels& conf,
                                                        double multiplier, double observed,
                                                        double denominator, batch_status status,
                                                        double value, std::span<const double> lower,
                                                        std::span<const double> upper) {
  indicator_value r;
  r.method = method;
  r.multiplier = multiplier;
  r.observed = observed;
  r.denominator = denominator;
  r.interval_count = conf.size();
  const bool missing = status == batch_status::missing_input;
  const bool suppressed = status == batch_status::small_count_suppressed;
  switch (method) {
    case indicator_method::proportion:
      if (conf.size() > 0) r.method_name = "Wilson";
      break;
    case indicator_method::crude_rate:
      if (!missing) r.method_name = observed < 10 ? "Exact" : "Byars";
      break;
    case indicator_method::dsr:
      r.method_name = "Dobson";
      r.suppressed = suppressed;
      break;
    default:
      break;
  }
  if (missing) {
    r.value_reason = reasons::missing_input;
  } else if (suppressed) {
    r.value_reason = reasons::dsr_small_count;
  } else {
    r.value = value;
  }
  for (std::size_t i = 0; i < conf.size(); ++i) {
    interval& iv = r.intervals[i];
    iv.confidence = conf.level(i);
    if (missing || suppressed) {
      iv.lower_reason = iv.upper_reason =
          missing ? reasons::missing_input : reasons::dsr_small_count;
      continue;
    }
    if (method == indicator_method::proportion) {
      iv.lower = lower[i];
      iv.upper = upper[i];
      continue;
    }
    detail::set_limit(iv.lower, iv.lower_reason, lower[i], reasons::byars_negative);
    detail::set_limit(iv.upper, iv.upper_reason, upper[i], reasons::infinite);
  }
  return r;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
