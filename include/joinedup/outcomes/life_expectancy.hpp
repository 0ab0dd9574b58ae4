// joinedup: life expectancy from an abridged life table, as PHEindicatormethods 2.1.0's
// phe_life_expectancy computes it (docs/outcomes-life-expectancy.md): Chiang's life table on
// 20 age bands (0, 1-4, 5-9, ..., 85-89, 90+) with Silcocks' variance term for the open 90+
// band, its suppression rules, and the value withheld when the 95 % interval is wider than
// 20 years.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/core/result.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// The start ages of the 20 bands of the life table, in order: 0, 1, 5, 10, ..., 85, 90 (the
/// last band, 90+, is open). PHEindicatormethods' default `age_contents`.
inline constexpr std::array<double, 20> life_table_start_ages = {
    0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};

/// Why every band of a table is left without a value. The checks run in this order and the
/// first that applies wins, as in R (each is a warning there, with NA for every row).
enum class le_suppression : std::uint8_t {
  none,                      ///< the table was calculated
  negative_deaths,           ///< a band has deaths below zero
  nonpositive_population,    ///< a band has a population of zero or less
  band_count,                ///< not exactly 20 rows (a start age given more than once)
  deaths_exceed_population,  ///< a band has more deaths than population
  small_population,          ///< the total population is 5,000 or less
};

/// Reasons a life expectancy or one of its limits is not given (stable texts; the CLI writes
/// them as `reason`).
namespace le_reasons {
inline constexpr std::string_view negative_deaths =
    "an age band has negative deaths, so no band is calculated";
inline constexpr std::string_view nonpositive_population =
    "an age band has a population of zero or less, so no band is calculated";
inline constexpr std::string_view band_count =
    "the table does not have exactly 20 age bands (a start age is repeated), so no band is "
    "calculated";
inline constexpr std::string_view deaths_exceed_population =
    "an age band has more deaths than population, so no band is calculated";
inline constexpr std::string_view small_population =
    "the total population is 5,000 or less, too small for a robust life expectancy, so no band "
    "is calculated";
inline constexpr std::string_view wide_interval =
    "the 95% confidence interval is wider than 20 years, so the value is withheld (its limits "
    "are still given)";
inline constexpr std::string_view no_final_deaths =
    "there are no deaths in the 90+ band, so its mean survival 1/M is infinite and neither life "
    "expectancy nor its interval is defined";
inline constexpr std::string_view no_survivors =
    "nobody in the life table survives to this age (an earlier band's probability of dying is "
    "1), so life expectancy is 0 and its standard error is not defined";
inline constexpr std::string_view not_finite = "the calculation does not give a finite number";
}  // namespace le_reasons

/// The reason text of a suppression ("" for none).
constexpr std::string_view suppression_reason(le_suppression s) noexcept {
  switch (s) {
    case le_suppression::none:
      return {};
    case le_suppression::negative_deaths:
      return le_reasons::negative_deaths;
    case le_suppression::nonpositive_population:
      return le_reasons::nonpositive_population;
    case le_suppression::band_count:
      return le_reasons::band_count;
    case le_suppression::deaths_exceed_population:
      return le_reasons::deaths_exceed_population;
    case le_suppression::small_population:
      return le_reasons::small_population;
  }
  return {};
}

/// Life expectancy at one band's start age.
struct life_expectancy_row {
  double start_age = 0;                 ///< the band's start age (0, 1, 5, ..., 90)
  std::optional<double> value;          ///< expected years of life remaining at start_age
  std::string_view value_reason = {};   ///< why value is not given
  std::array<interval, 2> intervals{};  ///< one per confidence level
  std::size_t interval_count = 0;       ///< how many of `intervals` are used
  /// Population of this band and all older ones (R's `pops_used`); nullopt when the table is
  /// suppressed as a whole.
  std::optional<double> population_used;
  /// Deaths in this band and all older ones (R's `dths_used`); nullopt when suppressed.
  std::optional<double> deaths_used;
};

/// The rows of one life table, ordered by start age.
struct life_expectancy_table {
  /// One row per requested age; every row when the table is suppressed or when no requested
  /// age is a band's start age (both as in R).
  std::vector<life_expectancy_row> rows;
  le_suppression suppression = le_suppression::none;  ///< why every row is NA, if so
  /// Ages were requested but none is a start age, so every band is returned (R warns).
  bool requested_ages_unmatched = false;
  /// Some band's 95 % interval is wider than 20 years, so its value is withheld (R warns).
  bool wide_interval = false;
};

/// The label of the method, as R writes it in `method`.
inline constexpr std::string_view life_expectancy_method =
    "Chiang, using Silcocks et al for confidence limits";

namespace detail {

/// a / b with IEEE results spelt out (±inf for x/0, NaN for 0/0), so that no division by zero
/// is ever executed.
inline double le_divide(double a, double b) noexcept {
  if (b == 0) {
    if (a == 0 || std::isnan(a)) return std::numeric_limits<double>::quiet_NaN();
    return std::signbit(a) != std::signbit(b) ? -std::numeric_limits<double>::infinity()
                                              : std::numeric_limits<double>::infinity();
  }
  return a / b;
}

/// The life table columns of 20 bands sorted by start age.
struct le_columns {
  std::vector<double> e;       ///< life expectancy at each start age (may be inf or NaN)
  std::vector<double> se;      ///< its standard error (may be inf or NaN)
  std::vector<double> l;       ///< survivors to each start age out of 100,000
  std::vector<double> pops;    ///< population of the band and older ones
  std::vector<double> deaths;  ///< deaths in the band and older ones
};

/// Chiang's abridged life table on bands sorted by start age, with Silcocks' variance term for
/// the open last band. Bands: width n (the next start age minus this one; 2/M for the last),
/// fraction of the interval lived by those who die a = 0.1 for the first year of life and 0.5
/// otherwise, M = deaths / population, probability of dying q = nM / (1 + nM(1 − a)) (1 when
/// deaths exceed population / (n·a)), survivors l from 100,000, years lived L = n(l' + a·d)
/// (l / M for the last band), life expectancy e = T / l with T the years lived from the band
/// on (0 when l = 0). Variance: q²(1 − q) / deaths per band (0 when nobody dies in it), 4 /
/// (deaths·M²) for the last band, weighted by l²((1 − a)n + e')² (by (l/2)² for the last),
/// summed from the band on and divided by l².
inline le_columns le_life_table(std::span<const double> ages, std::span<const double> deaths,
                                std::span<const double> pops) {
  const std::size_t k = ages.size();
  std::vector<double> m(k), n(k), a(k), q(k), l(k), d(k), big_l(k);
  for (std::size_t i = 0; i < k; ++i) {
    m[i] = le_divide(deaths[i], pops[i]);
    n[i] = i + 1 < k ? ages[i + 1] - ages[i] : le_divide(2, m[i]);
    a[i] = ages[i] == 0 ? 0.1 : 0.5;
    // A comparison with NaN is false, which gives q = 1, as R's case_when does.
    if (deaths[i] <= le_divide(le_divide(pops[i], n[i]), a[i])) {
      const double mn = m[i] * n[i];
      q[i] = le_divide(mn, 1 + mn * (1 - a[i]));
    } else {
      q[i] = 1;
    }
  }
  // Survivors: 100,000 times the running product of the survival probabilities, multiplied in
  // order from the first band. Running sums and products are kept in long double, as R's
  // cumprod and cumsum keep them.
  long double survivors = 1e5L;
  for (std::size_t i = 0; i < k; ++i) {
    if (i > 0) survivors *= static_cast<long double>(1 - q[i - 1]);
    l[i] = static_cast<double>(survivors);
  }
  for (std::size_t i = 0; i < k; ++i)
    d[i] = l[i] - (i + 1 < k ? l[i + 1] : 0);
  for (std::size_t i = 0; i < k; ++i)
    big_l[i] = i + 1 < k ? n[i] * (l[i + 1] + a[i] * d[i]) : le_divide(l[i], m[i]);

  le_columns c;
  c.e.assign(k, 0);
  c.se.assign(k, 0);
  c.l = l;
  c.pops.assign(k, 0);
  c.deaths.assign(k, 0);
  long double years = 0;
  for (std::size_t j = k; j-- > 0;) {
    years += big_l[j];
    c.e[j] = l[j] == 0 ? 0 : le_divide(static_cast<double>(years), l[j]);
  }
  // Weighted variance terms, summed from the oldest band down.
  long double summed = 0;
  long double pops_above = 0;
  long double deaths_above = 0;
  for (std::size_t j = k; j-- > 0;) {
    double term = 0;
    if (j + 1 == k) {
      const double half = l[j] / 2;
      term = (half * half) * le_divide(4, deaths[j] * (m[j] * m[j]));
    } else {
      const double variance = d[j] == 0 ? 0 : le_divide(q[j] * q[j] * (1 - q[j]), deaths[j]);
      const double lived = (1 - a[j]) * n[j] + c.e[j + 1];
      term = (variance * (l[j] * l[j])) * (lived * lived);
    }
    summed += term;
    const double ratio = le_divide(static_cast<double>(summed), l[j] * l[j]);
    c.se[j] = std::isnan(ratio) ? ratio : std::sqrt(ratio);
    pops_above += pops[j];
    deaths_above += deaths[j];
    c.pops[j] = static_cast<double>(pops_above);
    c.deaths[j] = static_cast<double>(deaths_above);
  }
  return c;
}

/// Which rule, if any, suppresses a whole table (R's order of checks).
inline le_suppression le_check(std::span<const double> deaths, std::span<const double> pops) {
  const auto any = [](std::span<const double> xs, auto pred) {
    return std::any_of(xs.begin(), xs.end(), pred);
  };
  if (any(deaths, [](double x) { return x < 0; })) return le_suppression::negative_deaths;
  if (any(pops, [](double x) { return x <= 0; })) return le_suppression::nonpositive_population;
  if (pops.size() != life_table_start_ages.size()) return le_suppression::band_count;
  for (std::size_t i = 0; i < pops.size(); ++i) {
    if (deaths[i] > pops[i]) return le_suppression::deaths_exceed_population;
  }
  long double total = 0;  // R's sum() adds in long double
  for (double p : pops)
    total += p;
  if (total <= 5000) return le_suppression::small_population;
  return le_suppression::none;
}

/// The first index of a value in a span that is not finite, or the span's size.
inline std::size_t le_first_missing(std::span<const double> xs) noexcept {
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i])) return i;
  }
  return xs.size();
}

}  // namespace detail

/// Life expectancy at each start age of an abridged life table (phe_life_expectancy).
///
/// `start_ages`, `deaths` and `populations` hold one entry per band, in any order; the start
/// ages must be exactly 0, 1, 5, 10, ..., 90 (a start age may be repeated, which suppresses the
/// table as R does). `levels` is one confidence level or the pair 0.95 and 0.998. `ages` picks
/// the start ages to return (nullopt: all; ages that are not start ages are ignored, and when
/// none is a start age every band is returned).
///
/// Failures (R stops): outcomes.le.length_mismatch, outcomes.le.missing_value (a value that is
/// not a finite number), outcomes.le.start_ages, outcomes.le.confidence (no level). A table that
/// R suppresses with a warning is a result whose rows (every band) have no value and carry the
/// reason.
[[nodiscard]] inline result<life_expectancy_table> life_expectancy(
    std::span<const double> start_ages, std::span<const double> deaths,
    std::span<const double> populations,
    const confidence_levels& levels = confidence_levels::ninety_five(),
    std::optional<std::span<const double>> ages = std::nullopt) {
  if (deaths.size() != start_ages.size()) {
    return fail("outcomes.le.length_mismatch",
                "deaths has " + std::to_string(deaths.size()) + " entries but start_ages has " +
                    std::to_string(start_ages.size()) + "; give one per age band",
                "/deaths");
  }
  if (populations.size() != start_ages.size()) {
    return fail("outcomes.le.length_mismatch",
                "populations has " + std::to_string(populations.size()) +
                    " entries but start_ages has " + std::to_string(start_ages.size()) +
                    "; give one per age band",
                "/populations");
  }
  const std::array<std::pair<const char*, std::span<const double>>, 3> inputs = {
      {{"start_ages", start_ages}, {"deaths", deaths}, {"populations", populations}}};
  for (const auto& [name, xs] : inputs) {
    const std::size_t at = detail::le_first_missing(xs);
    if (at < xs.size()) {
      return fail("outcomes.le.missing_value",
                  std::string(name) + " has a missing or non-finite value at entry " +
                      std::to_string(at) + "; life expectancy needs every band's count",
                  "/" + std::string(name) + "/" + std::to_string(at));
    }
  }
  if (levels.size() == 0) {
    return fail("outcomes.le.confidence",
                "life expectancy needs a confidence level: one level, or 0.95 and 0.998",
                "/confidence");
  }
  // The distinct start ages must be exactly the 20 of the table.
  std::vector<double> distinct(start_ages.begin(), start_ages.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (!std::equal(distinct.begin(), distinct.end(), life_table_start_ages.begin(),
                  life_table_start_ages.end())) {
    std::string missing;
    for (double a : life_table_start_ages) {
      if (!std::binary_search(distinct.begin(), distinct.end(), a))
        missing += (missing.empty() ? "" : ", ") + detail::text(a);
    }
    std::string extra;
    for (double a : distinct) {
      if (std::find(life_table_start_ages.begin(), life_table_start_ages.end(), a) ==
          life_table_start_ages.end())
        extra += (extra.empty() ? "" : ", ") + detail::text(a);
    }
    std::string message =
        "start ages must be the 20 bands 0, 1, 5, 10, ..., 85, 90 (the last open, 90+)";
    if (!missing.empty()) message += "; missing: " + missing;
    if (!extra.empty()) message += "; not a band: " + extra;
    return fail("outcomes.le.start_ages", message, "/start_ages");
  }

  // Bands in order of start age (a stable sort keeps repeated start ages in input order).
  std::vector<std::size_t> order(start_ages.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return start_ages[x] < start_ages[y]; });
  std::vector<double> age(order.size()), dead(order.size()), pop(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    age[i] = start_ages[order[i]];
    dead[i] = deaths[order[i]];
    pop[i] = populations[order[i]];
  }

  life_expectancy_table out;
  out.suppression = detail::le_check(dead, pop);
  if (out.suppression != le_suppression::none) {
    // As R: every band, whatever ages were asked for, with no value and no limits.
    for (double a : age) {
      life_expectancy_row row;
      row.start_age = a;
      row.value_reason = suppression_reason(out.suppression);
      row.interval_count = levels.size();
      for (std::size_t c = 0; c < levels.size(); ++c)
        row.intervals[c] =
            interval{levels.level(c), std::nullopt, std::nullopt,
                     suppression_reason(out.suppression), suppression_reason(out.suppression)};
      out.rows.push_back(row);
    }
    return out;
  }

  const detail::le_columns t = detail::le_life_table(age, dead, pop);
  bool any_requested = !ages.has_value();
  if (ages) {
    for (double a : life_table_start_ages)
      any_requested = any_requested || std::find(ages->begin(), ages->end(), a) != ages->end();
    out.requested_ages_unmatched = !any_requested;
  }
  const bool final_band_without_deaths = dead.back() == 0;
  for (std::size_t i = 0; i < age.size(); ++i) {
    // R warns about every band whose interval is too wide, returned or not.
    const bool wide = z_95 * t.se[i] > 10;
    out.wide_interval = out.wide_interval || wide;
    if (ages && any_requested && std::find(ages->begin(), ages->end(), age[i]) == ages->end())
      continue;
    life_expectancy_row row;
    row.start_age = age[i];
    row.population_used = t.pops[i];
    row.deaths_used = t.deaths[i];
    const std::string_view undefined = final_band_without_deaths ? le_reasons::no_final_deaths
                                       : t.l[i] == 0             ? le_reasons::no_survivors
                                                                 : le_reasons::not_finite;
    if (!std::isfinite(t.e[i])) {
      row.value_reason = undefined;
    } else if (wide) {
      row.value_reason = le_reasons::wide_interval;
    } else {
      row.value = t.e[i];
    }
    row.interval_count = levels.size();
    for (std::size_t c = 0; c < levels.size(); ++c) {
      interval& iv = row.intervals[c];
      iv.confidence = levels.level(c);
      const double half = levels.z(c) * t.se[i];
      const double lower = t.e[i] - half;
      const double upper = t.e[i] + half;
      if (std::isfinite(lower)) {
        iv.lower = lower;
      } else {
        iv.lower_reason = undefined;
      }
      if (std::isfinite(upper)) {
        iv.upper = upper;
      } else {
        iv.upper_reason = undefined;
      }
    }
    out.rows.push_back(row);
  }
  return out;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
