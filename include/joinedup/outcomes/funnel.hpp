// joinedup: funnel plots as PHEindicatormethods 2.1.0 draws them (R/Funnels.R; docs/outcomes-
// funnel.md): the 95 % ("2s", two-sided 0.025 each side) and 99.8 % ("3s", 0.001) control
// limits around the overall average for proportions (Wilson), ratios and rates (exact Poisson),
// each area's significance against those limits, and the chart points of rate funnels.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/fields.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/outcomes/detail/funnel_engine.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// What a funnel plot shows (the package's `statistic`).
enum class funnel_statistic : std::uint8_t {
  proportion,  ///< numerator / denominator; Wilson limits
  ratio,       ///< observed / expected events; exact Poisson limits
  rate,        ///< a crude or directly standardised rate; exact Poisson limits on the events
};

/// How a ratio funnel is expressed (the package's `ratio_type`).
enum class funnel_ratio_type : std::uint8_t {
  count,  ///< observed / expected − 1 (0 is the average)
  isr,    ///< an indirectly standardised ratio, observed / expected × 100
};

/// Which kind of rate a rate funnel shows (the package's `rate_type`).
enum class funnel_rate_type : std::uint8_t {
  dsr,    ///< directly standardised rates; areas with fewer than 10 events are not assessed
  crude,  ///< crude rates
};

/// Where an area sits against the funnel, with the package's labels.
enum class funnel_significance : std::uint8_t {
  high_0_001,       ///< above the 99.8 % limit: "High (0.001)"
  high_0_025,       ///< above the 95 % limit only: "High (0.025)"
  low_0_001,        ///< below the 99.8 % limit: "Low (0.001)"
  low_0_025,        ///< below the 95 % limit only: "Low (0.025)"
  not_significant,  ///< within the 95 % limits: "Not significant"
  not_applicable,   ///< a DSR of fewer than 10 events: not assessed
};

}  // namespace outcomes

/// The names of outcomes::funnel_statistic, as the package spells its `statistic`.
template <>
inline constexpr auto enum_names<outcomes::funnel_statistic> =
    std::array<std::string_view, 3>{"proportion", "ratio", "rate"};
/// The names of outcomes::funnel_ratio_type, as the package spells its `ratio_type`.
template <>
inline constexpr auto enum_names<outcomes::funnel_ratio_type> =
    std::array<std::string_view, 2>{"count", "isr"};
/// The names of outcomes::funnel_rate_type, as the package spells its `rate_type`.
template <>
inline constexpr auto enum_names<outcomes::funnel_rate_type> =
    std::array<std::string_view, 2>{"dsr", "crude"};
/// The labels of outcomes::funnel_significance, exactly as the package writes them.
template <>
inline constexpr auto enum_names<outcomes::funnel_significance> = std::array<std::string_view, 6>{
    "High (0.001)", "High (0.025)",    "Low (0.001)",
    "Low (0.025)",  "Not significant", "Not applicable for events less than 10 for dsrs"};

namespace outcomes {

/// The name of a funnel statistic ("proportion", "ratio", "rate").
[[nodiscard]] constexpr std::string_view to_string(funnel_statistic s) noexcept {
  return enum_name(s);
}
/// The name of a ratio type ("count", "isr").
[[nodiscard]] constexpr std::string_view to_string(funnel_ratio_type t) noexcept {
  return enum_name(t);
}
/// The name of a rate type ("dsr", "crude").
[[nodiscard]] constexpr std::string_view to_string(funnel_rate_type t) noexcept {
  return enum_name(t);
}
/// The package's label for a significance ("High (0.001)", "Not significant", ...).
[[nodiscard]] constexpr std::string_view to_string(funnel_significance s) noexcept {
  return enum_name(s);
}

/// The areas of a funnel plot, one entry per area in each column; NaN is R's NA.
struct funnel_data {
  /// Numerators: cases (proportion), observed events (ratio) or events (rate).
  std::span<const double> numerators;
  /// Denominators: the population (proportion), expected events (ratio), or for rates the
  /// population, used only where an area has no events. Empty when not supplied.
  std::span<const double> denominators;
  /// The areas' rates per `multiplier` (rates only). Empty when not supplied.
  std::span<const double> rates;
};

/// The settings of a funnel plot. Which ones are required follows the package: a multiplier for
/// every statistic's limits and for rates; ratio_type for ratio limits; rate_type for rates;
/// years_of_data for rate limits and points.
struct funnel_options {
  funnel_statistic statistic = funnel_statistic::proportion;  ///< what is plotted
  std::optional<double> multiplier;                           ///< e.g. 100 (%), 100000
  std::optional<funnel_ratio_type> ratio_type;                ///< ratios: count or isr
  std::optional<funnel_rate_type> rate_type;                  ///< rates: dsr or crude
  std::optional<double> years_of_data;                        ///< rates: years the data covers
};

/// One point along a funnel: the x value and the four limits at it. For ratios `spread` holds
/// the expected events at which each limit is reached (`lower_2s_exp_events`, ...), for rates
/// the one-year population (`lower_2s_population_1_year`, ...); proportions have none (NaN).
struct funnel_limit_row {
  double x = 0;                    ///< population, observed events or events
  double lower_2s = 0;             ///< lower 95 % limit
  double upper_2s = 0;             ///< upper 95 % limit
  double lower_3s = 0;             ///< lower 99.8 % limit
  double upper_3s = 0;             ///< upper 99.8 % limit
  std::array<double, 4> spread{};  ///< per limit (lower 2s, upper 2s, lower 3s, upper 3s)
  double baseline = 0;             ///< the average × multiplier (NaN for ratios, which have none)
};

/// The control limits of a funnel plot: always 100 rows, as the package writes them.
struct funnel_limits {
  funnel_statistic statistic = funnel_statistic::proportion;  ///< what is plotted
  std::string label;        ///< the package's `statistic` column: "rate (dsr per 100,000)"
  std::string_view method;  ///< the package's `method` column: "Wilson" or "Poisson"
  double average = 0;       ///< sum of numerators / sum of (derived) denominators
  double axis_minimum = 0;  ///< the chosen start of the x axis (events, for rates)
  double axis_maximum = 0;  ///< the chosen end of the x axis (events, for rates)
  std::vector<funnel_limit_row> rows;  ///< the 100 points
};

/// The chart points of a rate funnel (the package's calculate_funnel_points): NaN is NA.
struct funnel_points {
  std::vector<double> rate_chart;           ///< the rate to plot (NA for a DSR under 10 events)
  std::vector<double> denominator_derived;  ///< the annual population the rate implies
};

/// The name of the x column of a funnel's limits: "population", "observed_events", "events".
[[nodiscard]] constexpr std::string_view funnel_x_column(funnel_statistic s) noexcept {
  switch (s) {
    case funnel_statistic::ratio:
      return "observed_events";
    case funnel_statistic::rate:
      return "events";
    case funnel_statistic::proportion:
      break;
  }
  return "population";
}

/// The names of the spread columns of a funnel's limits (empty strings for proportions), in the
/// order of funnel_limit_row::spread.
[[nodiscard]] constexpr std::array<std::string_view, 4> funnel_spread_columns(
    funnel_statistic s) noexcept {
  switch (s) {
    case funnel_statistic::ratio:
      return {"lower_2s_exp_events", "upper_2s_exp_events", "lower_3s_exp_events",
              "upper_3s_exp_events"};
    case funnel_statistic::rate:
      return {"lower_2s_population_1_year", "upper_2s_population_1_year",
              "lower_3s_population_1_year", "upper_3s_population_1_year"};
    case funnel_statistic::proportion:
      break;
  }
  return {"", "", "", ""};
}

namespace detail::funnel {

/// Which function is checking its inputs (each checks what the package checks).
enum class purpose : std::uint8_t { limits, significance, points };

/// The JSON-pointer path of entry i of a column.
inline std::string at(std::string_view column, std::size_t i) {
  return "/" + std::string(column) + "/" + std::to_string(i);
}

/// Checks the arguments the package requires and the settings' values.
inline std::optional<failure> check_options(const funnel_data& d, const funnel_options& o,
                                            purpose why) {
  const bool rate = why == purpose::points || o.statistic == funnel_statistic::rate;
  if (rate) {
    if (d.rates.empty() && !d.numerators.empty()) {
      return fail("outcomes.funnel.argument", "rates are required for a rate funnel", "/rates");
    }
    if (!o.rate_type) {
      return fail("outcomes.funnel.argument", "rate_type (dsr or crude) is required for rates",
                  "/rate_type");
    }
    if (why != purpose::significance && !o.years_of_data) {
      return fail("outcomes.funnel.argument", "years_of_data is required for rates",
                  "/years_of_data");
    }
  } else if (d.denominators.empty() && !d.numerators.empty()) {
    return fail("outcomes.funnel.argument", "denominators are required for proportions and ratios",
                "/denominators");
  }
  if (why == purpose::limits && o.statistic == funnel_statistic::ratio && !o.ratio_type) {
    return fail("outcomes.funnel.argument", "ratio_type (count or isr) is required for ratios",
                "/ratio_type");
  }
  const bool needs_multiplier = why == purpose::limits || rate;
  if (needs_multiplier && !o.multiplier) {
    return fail("outcomes.funnel.argument", "a multiplier is required", "/multiplier");
  }
  if (needs_multiplier && (!std::isfinite(*o.multiplier) || *o.multiplier <= 0)) {
    return fail("outcomes.funnel.multiplier",
                "the multiplier must be a positive number, found " + text(*o.multiplier),
                "/multiplier");
  }
  if (rate && o.years_of_data && (!std::isfinite(*o.years_of_data) || *o.years_of_data <= 0)) {
    return fail("outcomes.funnel.years_of_data",
                "years_of_data must be a positive number, found " + text(*o.years_of_data),
                "/years_of_data");
  }
  if (!d.denominators.empty() && d.denominators.size() != d.numerators.size()) {
    return fail("outcomes.funnel.length_mismatch",
                "denominators must have one entry per numerator (" +
                    std::to_string(d.numerators.size()) + "), found " +
                    std::to_string(d.denominators.size()),
                "/denominators");
  }
  if (rate && d.rates.size() != d.numerators.size()) {
    return fail("outcomes.funnel.length_mismatch",
                "rates must have one entry per numerator (" + std::to_string(d.numerators.size()) +
                    "), found " + std::to_string(d.rates.size()),
                "/rates");
  }
  return std::nullopt;
}

/// The package's checks of rate data: numerators all present; a rate (or, where denominators
/// are given, a rate or a denominator) for every area; a denominator for every area without
/// events (positive, or for the chart points non-zero).
inline std::optional<failure> check_rate_data(const funnel_data& d, purpose why) {
  const std::size_t n = d.numerators.size();
  const bool with_den = !d.denominators.empty();
  if (why == purpose::points) {
    // The package tests for zero events first; a missing numerator without any zero stops it.
    bool any_zero = false;
    bool any_missing = false;
    for (double x : d.numerators) {
      any_zero = any_zero || x == 0;
      any_missing = any_missing || std::isnan(x);
    }
    if (!any_zero && any_missing) {
      for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(d.numerators[i])) {
          return fail("outcomes.funnel.missing_value",
                      "a numerator is missing; give 0 for an area without events",
                      at("numerators", i));
        }
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(d.numerators[i])) {
        return fail("outcomes.funnel.missing_value",
                    "for rates, numerators must be provided for all records, even when their "
                    "values are zero",
                    at("numerators", i));
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(d.rates[i]) && (!with_den || std::isnan(d.denominators[i]))) {
        return fail("outcomes.funnel.missing_value",
                    "for rates, rates must be provided for all records, or a denominator must "
                    "be provided if the rate is zero",
                    at("rates", i));
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (d.numerators[i] != 0) continue;
    if (!with_den) {
      return fail("outcomes.funnel.zero_events",
                  "an area has 0 events, so denominators must be given", at("numerators", i));
    }
    const double den = d.denominators[i];
    const bool unusable =
        why == purpose::points ? den == 0 || std::isnan(den) : den <= 0 || std::isnan(den);
    if (unusable) {
      return fail("outcomes.funnel.zero_events",
                  "an area has 0 events, so its denominator must be given (found " +
                      (std::isnan(den) ? std::string("NA") : text(den)) + ")",
                  at("denominators", i));
    }
  }
  return std::nullopt;
}

/// Checks that no count is negative and that every area with events has a positive rate (a
/// zero or negative rate would imply an infinite or negative population).
inline std::optional<failure> check_signs(const funnel_data& d, bool rate,
                                          bool positive_denominators) {
  for (std::size_t i = 0; i < d.numerators.size(); ++i) {
    if (d.numerators[i] < 0) {
      return fail(
          "outcomes.funnel.negative_numerator",
          "numerators must be greater than or equal to zero, found " + text(d.numerators[i]),
          at("numerators", i));
    }
  }
  for (std::size_t i = 0; i < d.denominators.size(); ++i) {
    const double den = d.denominators[i];
    if (positive_denominators ? den <= 0 : den < 0) {
      return fail("outcomes.funnel.nonpositive_denominator",
                  std::string(positive_denominators ? "denominators must be greater than zero"
                                                    : "denominators must not be negative") +
                      ", found " + text(den),
                  at("denominators", i));
    }
  }
  if (rate) {
    for (std::size_t i = 0; i < d.rates.size(); ++i) {
      const double r = d.rates[i];
      if (r < 0 || (r == 0 && d.numerators[i] > 0) || std::isinf(r)) {
        return fail("outcomes.funnel.rate",
                    "a rate must be positive where an area has events, found " + text(r),
                    at("rates", i));
      }
    }
  }
  return std::nullopt;
}

/// The population each area's rate implies (the package's `denominator_derived`), before any
/// division by years: multiplier × events / rate; an area without events takes its
/// denominator for crude rates and is left out (NA) for DSRs. `events_first` keeps the
/// package's order of operations, which differs between its functions.
inline std::vector<double> derived_denominators(const funnel_data& d, funnel_rate_type type,
                                                double multiplier, bool events_first) {
  std::vector<double> out(d.numerators.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double x = d.numerators[i];
    const double implied = events_first ? x / d.rates[i] * multiplier : multiplier * x / d.rates[i];
    if (x == 0 && type == funnel_rate_type::dsr) {
      out[i] = not_a_number;
    } else if (x == 0 && !d.denominators.empty()) {
      out[i] = d.denominators[i];
    } else {
      out[i] = implied;
    }
  }
  return out;
}

}  // namespace detail::funnel

/// The control limits of a funnel plot (the package's calculate_funnel_limits, type "full"):
/// 100 points from the x axis start to its end, spaced geometrically, with the 95 % and 99.8 %
/// limits at each. The axis starts at 0 unless the largest denominator is at most twice the
/// smallest; the ends are rounded to neat values (see docs/outcomes-funnel.md).
[[nodiscard]] inline result<funnel_limits> calculate_funnel_limits(const funnel_data& d,
                                                                   const funnel_options& o) {
  namespace f = detail::funnel;
  if (auto e = f::check_options(d, o, f::purpose::limits)) return *e;
  const bool rate = o.statistic == funnel_statistic::rate;
  const std::size_t n = d.numerators.size();
  if (n == 0) return fail("outcomes.funnel.empty", "no areas were given", "/numerators");
  if (rate) {
    if (auto e = f::check_rate_data(d, f::purpose::limits)) return *e;
  } else if (o.statistic == funnel_statistic::proportion) {
    for (std::size_t i = 0; i < n; ++i) {
      const bool num_missing = std::isnan(d.numerators[i]);
      if (num_missing || std::isnan(d.denominators[i])) {
        return fail("outcomes.funnel.missing_value",
                    "for proportions, numerators and denominators must be provided for all "
                    "records, even when their values are zero",
                    f::at(num_missing ? "numerators" : "denominators", i));
      }
    }
  }
  if (auto e = f::check_signs(d, rate, false)) return *e;

  const double multiplier = *o.multiplier;
  const double years = rate ? *o.years_of_data : 1;
  const std::vector<double> derived =
      rate ? f::derived_denominators(d, *o.rate_type, multiplier, false)
           : std::vector<double>(d.denominators.begin(), d.denominators.end());

  double events = 0;
  double population = 0;
  double lo = detail::infinity;
  double hi = -detail::infinity;
  std::size_t used = 0;
  for (std::size_t i = 0; i < n; ++i) {
    events += d.numerators[i];
    if (std::isnan(derived[i])) continue;
    ++used;
    population += derived[i];
    lo = std::min(lo, derived[i]);
    hi = std::max(hi, derived[i]);
  }
  if (used == 0) {
    return fail("outcomes.funnel.empty", "no area has a usable denominator",
                rate ? "/rates" : "/denominators");
  }

  funnel_limits out;
  out.statistic = o.statistic;
  out.average = events / population;
  const double av = out.average;
  double axis_min = 0;
  if (!(hi > 2 * lo)) axis_min = rate ? f::signif_floor(lo / years) * years : f::signif_floor(lo);
  double axis_max = rate ? f::signif_ceiling(hi / years) * years : f::signif_ceiling(hi);
  if (rate) {
    axis_min = std::floor(axis_min * av);
    axis_max = std::ceil(axis_max * av);
  }
  out.axis_minimum = axis_min;
  out.axis_maximum = axis_max;

  const auto xs = f::axis_points(axis_min, axis_max, o.statistic == funnel_statistic::ratio);
  out.rows.reserve(xs.size());
  for (const double x : xs) {
    funnel_limit_row row;
    row.x = x;
    row.spread.fill(detail::not_a_number);
    row.baseline = av * multiplier;
    switch (o.statistic) {
      case funnel_statistic::proportion:
        row.lower_2s = f::r_max(0, f::wilson_bound(0.975, x, av, false, multiplier));
        row.upper_2s = f::r_min(100, f::wilson_bound(0.975, x, av, true, multiplier));
        row.lower_3s = f::r_max(0, f::wilson_bound(0.999, x, av, false, multiplier));
        row.upper_3s = f::r_min(100, f::wilson_bound(0.999, x, av, true, multiplier));
        break;
      case funnel_statistic::ratio: {
        // The expected events at which x observed events sit on each limit.
        row.spread = {
            f::poisson_mean_at_tail(x, 0.025, false), f::poisson_mean_at_tail(x, 0.025, true),
            f::poisson_mean_at_tail(x, 0.001, false), f::poisson_mean_at_tail(x, 0.001, true)};
        std::array<double, 4> limit{};
        for (std::size_t k = 0; k < 4; ++k) {
          limit[k] = x / row.spread[k];
          limit[k] = *o.ratio_type == funnel_ratio_type::count ? limit[k] - 1 : limit[k] * 100;
        }
        row.lower_2s = limit[0];
        row.upper_2s = limit[1];
        row.lower_3s = limit[2];
        row.upper_3s = limit[3];
        row.baseline = detail::not_a_number;
        break;
      }
      case funnel_statistic::rate: {
        // The one-year population at which x events sit on each limit.
        std::array<double, 4> pop = {f::poisson_mean_at_tail(x, 0.025, false) / av,
                                     f::poisson_mean_at_tail(x, 0.025, true) / av,
                                     f::poisson_mean_at_tail(x, 0.001, false) / av,
                                     f::poisson_mean_at_tail(x, 0.001, true) / av};
        row.lower_2s = x / pop[0] * multiplier;
        row.upper_2s = x / pop[1] * multiplier;
        row.lower_3s = x / pop[2] * multiplier;
        row.upper_3s = x / pop[3] * multiplier;
        for (std::size_t k = 0; k < 4; ++k)
          row.spread[k] = pop[k] / years;
        break;
      }
    }
    out.rows.push_back(row);
  }

  switch (o.statistic) {
    case funnel_statistic::proportion:
      out.label = "proportion";
      out.method = "Wilson";
      break;
    case funnel_statistic::ratio:
      out.label = "ratio (" + std::string(to_string(*o.ratio_type)) + ")";
      out.method = "Poisson";
      break;
    case funnel_statistic::rate:
      out.label = "rate (" + std::string(to_string(*o.rate_type)) + " per " +
                  f::multiplier_text(multiplier) + ")";
      out.method = "Poisson";
      break;
  }
  return out;
}

/// Each area's significance against the funnel (the package's assign_funnel_significance): its
/// value against the Wilson limits at its own denominator (proportions), or the average against
/// its exact/Byar's ratio limits (ratios: 1; rates: the overall rate). A DSR area with fewer
/// than 10 events is "Not applicable"; an area whose limits cannot be computed (a missing
/// expected count or rate) is "Not significant", as in the package.
[[nodiscard]] inline result<std::vector<funnel_significance>> assign_funnel_significance(
    const funnel_data& d, const funnel_options& o) {
  namespace f = detail::funnel;
  if (auto e = f::check_options(d, o, f::purpose::significance)) return *e;
  const std::size_t n = d.numerators.size();
  const bool rate = o.statistic == funnel_statistic::rate;
  if (rate) {
    if (auto e = f::check_rate_data(d, f::purpose::significance)) return *e;
    // The package's argument checks read the denominator column for every statistic (after its
    // checks of the rates), so rate significance stops in R without denominators, although its rate
    // branch has a path for them.
    if (d.denominators.empty()) {
      return fail("outcomes.funnel.argument",
                  "denominators are required for the significance of rates (as in "
                  "assign_funnel_significance, whose checks read the denominator column)",
                  "/denominators");
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const bool num_missing = std::isnan(d.numerators[i]);
      if (num_missing ||
          (o.statistic == funnel_statistic::proportion && std::isnan(d.denominators[i]))) {
        return fail("outcomes.funnel.missing_value",
                    o.statistic == funnel_statistic::proportion
                        ? "for proportions, numerators and denominators must be provided for "
                          "all records, even when their values are zero"
                        : "for ratios, numerators must be provided for all records",
                    f::at(num_missing ? "numerators" : "denominators", i));
      }
    }
  }
  if (auto e = f::check_signs(d, rate, true)) return *e;
  if (o.statistic == funnel_statistic::proportion) {
    for (std::size_t i = 0; i < n; ++i) {
      if (d.numerators[i] > d.denominators[i]) {
        return fail("outcomes.funnel.numerator_exceeds_denominator",
                    "numerators must be less than or equal to denominator for a proportion "
                    "statistic (found " +
                        detail::text(d.numerators[i]) + " > " + detail::text(d.denominators[i]) +
                        ")",
                    f::at("numerators", i));
      }
    }
  }

  std::vector<funnel_significance> out(n, funnel_significance::not_significant);
  // The first band whose test holds, in the package's order of tests.
  const auto classify = [](const std::array<bool, 4>& tests,
                           const std::array<funnel_significance, 4>& bands) {
    for (std::size_t k = 0; k < 4; ++k) {
      if (tests[k]) return bands[k];
    }
    return funnel_significance::not_significant;
  };
  using s = funnel_significance;
  if (o.statistic == funnel_statistic::proportion) {
    double num = 0;
    double den = 0;
    for (std::size_t i = 0; i < n; ++i) {
      num += d.numerators[i];
      den += d.denominators[i];
    }
    const double average = num / den;
    for (std::size_t i = 0; i < n; ++i) {
      const double p = d.numerators[i] / d.denominators[i];
      const double pop = d.denominators[i];
      out[i] = classify({p<f::wilson_bound(0.999, pop, average, false, 1),
                           p<f::wilson_bound(0.975, pop, average, false, 1), p> f::wilson_bound(
                               0.999, pop, average, true, 1),
                           p>
                             f::wilson_bound(0.975, pop, average, true, 1)},
                        {s::low_0_001, s::low_0_025, s::high_0_001, s::high_0_025});
    }
    return out;
  }

  double reference = 1;  // ratios are tested against 1
  std::vector<double> expected(d.denominators.begin(), d.denominators.end());
  if (rate) {
    // R writes numerator / rate × multiplier for DSRs but multiplier × numerator / rate for crude
    // rates; the order changes the last bit.
    expected = f::derived_denominators(d, *o.rate_type, *o.multiplier,
                                       *o.rate_type == funnel_rate_type::dsr);
    double events = 0;
    double population = 0;
    for (std::size_t i = 0; i < n; ++i) {
      events += d.numerators[i];
      if (!std::isnan(expected[i])) population += expected[i];
    }
    reference = events / population;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double x = d.numerators[i];
    const double e = expected[i];
    out[i] =
        classify({reference<f::ratio_limit(x, e, 0.998, true),
                            reference<f::ratio_limit(x, e, 0.95, true), reference> f::ratio_limit(
                                x, e, 0.998, false),
                            reference>
                      f::ratio_limit(x, e, 0.95, false)},
                 {s::high_0_001, s::high_0_025, s::low_0_001, s::low_0_025});
    if (rate && *o.rate_type == funnel_rate_type::dsr && x < 10) out[i] = s::not_applicable;
  }
  return out;
}

/// The points of a rate funnel chart (the package's calculate_funnel_points): the rate to plot
/// and the annual population it implies, multiplier × events / rate / years_of_data; an area
/// without events takes denominator / years_of_data for crude rates. DSR areas with fewer than
/// 10 events get NA for both.
[[nodiscard]] inline result<funnel_points> calculate_funnel_points(const funnel_data& d,
                                                                   const funnel_options& o) {
  namespace f = detail::funnel;
  if (auto e = f::check_options(d, o, f::purpose::points)) return *e;
  if (auto e = f::check_rate_data(d, f::purpose::points)) return *e;
  const double multiplier = *o.multiplier;
  const double years = *o.years_of_data;
  const bool dsr = *o.rate_type == funnel_rate_type::dsr;
  funnel_points out;
  out.rate_chart.resize(d.numerators.size());
  out.denominator_derived.resize(d.numerators.size());
  for (std::size_t i = 0; i < d.numerators.size(); ++i) {
    const double x = d.numerators[i];
    const double implied = (multiplier * x / d.rates[i]) / years;
    if (dsr && x < 10) {
      out.rate_chart[i] = detail::not_a_number;
      out.denominator_derived[i] = detail::not_a_number;
    } else {
      out.rate_chart[i] = d.rates[i];
      out.denominator_derived[i] =
          !dsr && x == 0 && !d.denominators.empty() ? d.denominators[i] / years : implied;
    }
  }
  return out;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
