// joinedup: indicator statistics with confidence intervals, the methods of PHEindicatormethods
// 2.1.0 (docs/outcomes.md; docs/sources.md §S-PHE and the entries after it): proportions with
// Wilson score intervals, crude rates (exact Poisson below 10 events, Byar's from 10), directly
// standardised rates (Dobson, ESP 2013 by default, no value below a total of 10 events),
// indirectly standardised ratios and rates, and means with Student's t intervals.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/result.hpp"
#include "joinedup/outcomes/distributions.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

namespace detail {
/// A number for a message: up to 15 significant digits, no trailing zeros ("11", "0.5").
inline std::string text(double x) {
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, "%.15g", x);
  return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}
}  // namespace detail

/// How an indicator's value is computed from its numerator and denominator.
enum class indicator_method : std::uint8_t {
  proportion,  ///< x / n, Wilson score interval
  crude_rate,  ///< x / n × multiplier, exact Poisson (< 10) or Byar's interval
  dsr,         ///< directly standardised rate, Dobson interval
  isr_ratio,   ///< indirectly standardised ratio (SMR), exact or Byar's interval on O
  isr_rate,    ///< indirectly standardised rate, exact or Byar's interval on O
  mean,        ///< arithmetic mean, Student's t interval
  count,       ///< a count of events, exact or Byar's interval on the count
};

/// The snake_case name of a method ("proportion", "crude_rate", "dsr", ...).
constexpr std::string_view to_string(indicator_method m) noexcept {
  switch (m) {
    case indicator_method::proportion:
      return "proportion";
    case indicator_method::crude_rate:
      return "crude_rate";
    case indicator_method::dsr:
      return "dsr";
    case indicator_method::isr_ratio:
      return "isr_ratio";
    case indicator_method::isr_rate:
      return "isr_rate";
    case indicator_method::mean:
      return "mean";
    case indicator_method::count:
      return "count";
  }
  return "proportion";
}

/// Parses a method name written by to_string; nullopt for anything else.
constexpr std::optional<indicator_method> parse_indicator_method(std::string_view s) noexcept {
  for (indicator_method m :
       {indicator_method::proportion, indicator_method::crude_rate, indicator_method::dsr,
        indicator_method::isr_ratio, indicator_method::isr_rate, indicator_method::mean,
        indicator_method::count}) {
    if (to_string(m) == s) return m;
  }
  return std::nullopt;
}

/// The 19-band European Standard Population 2013 as PHEindicatormethods ships it (`esp2013`:
/// 0-4, 5-9, ..., 85-89, 90+; Eurostat's 0 and 1-4 bands merged and 90-94 and 95+ merged;
/// total 100000). Also shipped as data: data/standard_populations/esp2013.json.
inline constexpr std::array<double, 19> esp2013 = {5000, 5500, 5500, 5500, 6000, 6000, 6500,
                                                   7000, 7000, 7000, 7000, 6500, 6000, 5500,
                                                   5000, 4000, 2500, 1500, 1000};

/// The normal deviate for 95 % (R's qnorm(0.975)).
inline constexpr double z_95 = 1.959963984540054;
/// The normal deviate for 99.8 % (R's qnorm(0.999)).
inline constexpr double z_99_8 = 3.090232306167813;

/// One or two confidence levels with their normal deviates, validated as PHEindicatormethods
/// does: a level may be written as a fraction (0.9 to 1) or a percentage (90 to 100, divided by
/// 100); two levels must be exactly 0.95 and 0.998. No levels means "no interval" (R's NA).
class confidence_levels {
 public:
  /// No interval at all: only the value is computed.
  confidence_levels() = default;

  /// Validates one level; outcomes.stats.confidence when it is not in [0.9, 1] or [90, 100].
  [[nodiscard]] static result<confidence_levels> single(double level) {
    if (std::isnan(level) || level < 0.9 || (level > 1 && level < 90) || level > 100) {
      return fail("outcomes.stats.confidence",
                  "confidence level must be between 0.9 and 1 or between 90 and 100, found " +
                      detail::text(level));
    }
    if (level >= 90) level /= 100;
    confidence_levels c;
    c.levels_[0] = level;
    c.z_[0] = deviate(level);
    c.count_ = 1;
    return c;
  }
  /// Validates a list of levels: none, one, or the pair (0.95, 0.998) in that order.
  [[nodiscard]] static result<confidence_levels> list(std::span<const double> levels) {
    if (levels.empty()) return confidence_levels{};
    if (levels.size() == 1) return single(levels[0]);
    if (levels.size() > 2) {
      return fail("outcomes.stats.confidence", "a maximum of two confidence levels can be given");
    }
    if (!(levels[0] == 0.95 && levels[1] == 0.998)) {
      return fail("outcomes.stats.confidence",
                  "two confidence levels can only be 0.95 and 0.998, in that order");
    }
    return both();
  }
  /// Validates one or two levels, each as single() allows, in the order given: the rule of
  /// phe_life_expectancy, which scales each level and takes any pair ([95, 99.8], [0.9, 0.99]).
  [[nodiscard]] static result<confidence_levels> any(std::span<const double> levels) {
    if (levels.empty()) return confidence_levels{};
    if (levels.size() > 2) {
      return fail("outcomes.stats.confidence", "a maximum of two confidence levels can be given");
    }
    confidence_levels c;
    for (std::size_t i = 0; i < levels.size(); ++i) {
      const result<confidence_levels> one = single(levels[i]);
      if (!one) return one;
      c.levels_[i] = one->level(0);
      c.z_[i] = one->z(0);
    }
    c.count_ = levels.size();
    return c;
  }
  /// 95 % only.
  [[nodiscard]] static confidence_levels ninety_five() noexcept {
    confidence_levels c;
    c.levels_[0] = 0.95;
    c.z_[0] = z_95;
    c.count_ = 1;
    return c;
  }
  /// 95 % and 99.8 % together (Fingertips' two levels).
  [[nodiscard]] static confidence_levels both() noexcept {
    confidence_levels c;
    c.levels_ = {0.95, 0.998};
    c.z_ = {z_95, z_99_8};
    c.count_ = 2;
    return c;
  }

  /// How many levels (0, 1 or 2).
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  /// The i-th level as a fraction.
  [[nodiscard]] double level(std::size_t i) const noexcept { return levels_[i]; }
  /// The normal deviate z = Φ⁻¹(c + (1 − c)/2) of the i-th level.
  [[nodiscard]] double z(std::size_t i) const noexcept { return z_[i]; }
  /// The label PHEindicatormethods writes in `confidence`: "95%", "99.8%", "95%, 99.8%".
  [[nodiscard]] std::string label() const {
    std::string out;
    for (std::size_t i = 0; i < count_; ++i) {
      if (i) out += ", ";
      out += percent_text(levels_[i]);
      out += '%';
    }
    return out;
  }

  /// The normal deviate for a level c (exact constants at 0.95 and 0.998).
  [[nodiscard]] static double deviate(double c) noexcept {
    if (c == 0.95) return z_95;
    if (c == 0.998) return z_99_8;
    return normal_quantile(c + (1 - c) / 2);
  }
  /// c × 100 written with up to 15 significant digits, as R's paste does ("95", "99.8").
  [[nodiscard]] static std::string percent_text(double c) {
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%.15g", c * 100);
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  }

 private:
  std::array<double, 2> levels_{};  ///< the levels as fractions
  std::array<double, 2> z_{};       ///< their normal deviates
  std::size_t count_ = 0;           ///< how many are used
};

/// A confidence interval at one level. A limit that is not defined is nullopt with a reason
/// (a Byar's lower limit below zero, a suppressed DSR, a mean of one value...).
struct interval {
  double confidence = 0.95;            ///< the level, as a fraction
  std::optional<double> lower;         ///< lower limit, scaled by the multiplier
  std::optional<double> upper;         ///< upper limit, scaled by the multiplier
  std::string_view lower_reason = {};  ///< why lower is not defined
  std::string_view upper_reason = {};  ///< why upper is not defined
};

/// A computed indicator value with its intervals and the labels PHEindicatormethods writes.
struct indicator_value {
  indicator_method method = indicator_method::proportion;  ///< how it was computed
  std::optional<double> value;                             ///< the value, scaled
  std::string_view value_reason = {};                      ///< why value is not defined
  std::array<interval, 2> intervals{};                     ///< one per confidence level
  std::size_t interval_count = 0;                          ///< how many of `intervals` are used
  std::string_view method_name = {};  ///< "Wilson", "Exact", "Byars", "Dobson", ...
  double multiplier = 1;              ///< the multiplier (or reference value for an SMR)
  double observed = std::numeric_limits<double>::quiet_NaN();  ///< total events O (rates, DSR, ISR)
  double expected = std::numeric_limits<double>::quiet_NaN();  ///< expected events E (ISR)
  double denominator = std::numeric_limits<double>::quiet_NaN();  ///< n, total population or N
  bool suppressed = false;  ///< a DSR withheld because its total count is under 10

  /// The `statistic` label, as PHEindicatormethods writes it: "percentage", "proportion of 1"
  /// ("proportion of 1e+05": R pastes the number as.character), "rate per 100000",
  /// "dsr per 100000", "dsr NA for total count < 10", "indirectly standardised ratio x 100",
  /// "indirectly standardised rate per 100000", "mean", "count".
  [[nodiscard]] std::string statistic() const {
    switch (method) {
      case indicator_method::proportion:
        return multiplier == 100 ? "percentage" : "proportion of " + r_character(multiplier);
      case indicator_method::crude_rate:
        return "rate per " + number_text(multiplier);
      case indicator_method::dsr:
        return suppressed ? "dsr NA for total count < 10" : "dsr per " + number_text(multiplier);
      case indicator_method::isr_ratio:
        return "indirectly standardised ratio x " + number_text(multiplier);
      case indicator_method::isr_rate:
        return "indirectly standardised rate per " + number_text(multiplier);
      case indicator_method::mean:
        return "mean";
      case indicator_method::count:
        return "count";
    }
    return {};
  }
  /// The interval at level c, or nullptr.
  [[nodiscard]] const interval* at(double c) const noexcept {
    for (std::size_t i = 0; i < interval_count; ++i) {
      if (intervals[i].confidence == c) return &intervals[i];
    }
    return nullptr;
  }
  /// A number as R's format(x, scientific = FALSE) writes it (seven significant digits, never
  /// scientific): 100000, 1000, 2.5, 0.3333333.
  [[nodiscard]] static std::string number_text(double x) {
    char buf[400];
    int n = 0;
    if (std::fabs(x) < 1e15 && x == std::floor(x)) {
      n = std::snprintf(buf, sizeof buf, "%.0f", x);
    } else {
      char sci[64];
      std::snprintf(sci, sizeof sci, "%.6e", x);  // rounds to seven significant digits
      const double rounded = std::strtod(sci, nullptr);
      const int exponent =
          rounded == 0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(rounded))));
      const int places = exponent >= 6 ? 0 : 6 - exponent;
      n = std::snprintf(buf, sizeof buf, "%.*f", places, rounded);
      std::string out(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
      if (out.find('.') != std::string::npos) {
        while (out.back() == '0')
          out.pop_back();
        if (out.back() == '.') out.pop_back();
      }
      return out;
    }
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  /// A number as R's as.character writes it (up to fifteen significant digits, fixed or
  /// scientific, whichever is shorter, fixed on a tie): 100, 10000, "1e+05", 0.5, 2.5e-07.
  [[nodiscard]] static std::string r_character(double x) {
    if (x == 0) return "0";
    char sci[64];
    std::snprintf(sci, sizeof sci, "%.14e", x);
    std::string s(sci);
    const std::size_t e = s.find('e');
    std::string mantissa = s.substr(0, e);
    const int exponent = std::atoi(s.c_str() + e + 1);
    if (mantissa.find('.') != std::string::npos) {
      while (mantissa.back() == '0')
        mantissa.pop_back();
      if (mantissa.back() == '.') mantissa.pop_back();
    }
    std::size_t digits = 0;
    for (char c : mantissa)
      digits += (c >= '0' && c <= '9') ? 1 : 0;
    const int magnitude = exponent < 0 ? -exponent : exponent;
    const std::string scientific = mantissa + (exponent < 0 ? "e-" : "e+") +
                                   (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
    const int places = std::max(0, static_cast<int>(digits) - 1 - exponent);
    char fixed[400];
    const int n = std::snprintf(fixed, sizeof fixed, "%.*f", places, x);
    const std::string fixed_text(fixed, n > 0 ? static_cast<std::size_t>(n) : 0);
    return fixed_text.size() <= scientific.size() ? fixed_text : scientific;
  }
};

/// Reasons a value or limit is not defined (stable texts; the CLI writes them as `reason`).
namespace reasons {
inline constexpr std::string_view missing_input = "numerator or denominator is missing (NA)";
inline constexpr std::string_view byars_negative = "Byar's lower limit is negative (set to NA)";
inline constexpr std::string_view dsr_small_count = "dsr NA for total count < 10";
inline constexpr std::string_view one_value = "a mean of one value has no standard deviation";
inline constexpr std::string_view missing_value = "a value is missing (NA), so the mean is NA";
inline constexpr std::string_view no_expected = "expected events are zero: the ratio is undefined";
inline constexpr std::string_view infinite = "the limit is infinite at this confidence level";
}  // namespace reasons

/// Limits on an observed count O: Byar's approximation and the exact Poisson (chi-square) limits
/// (indicator-methods.md A.1).
namespace counts {

/// Byar's lower limit O·(1 − 1/(9O) − z/(3√O))³; nullopt when negative (R sets NA). The cube is
/// b·b·b (R's powl differs by an ulp or two, far inside 1e-8).
inline std::optional<double> byars_lower(double o, double z) noexcept {
  const double c = 1 - 1 / (9 * o) - z / (3 * std::sqrt(o));
  const double b = o * (c * c * c);
  if (b < 0 || std::isnan(b)) return std::nullopt;
  return b;
}
/// Byar's upper limit (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
inline double byars_upper(double o, double z) noexcept {
  const double c = 1 - 1 / (9 * (o + 1)) + z / (3 * std::sqrt(o + 1));
  return (o + 1) * (c * c * c);
}
/// Exact lower limit χ²_{α/2}(2O)/2 (0 when O = 0).
inline double exact_lower(double o, double confidence) noexcept {
  return chi_square_quantile((1 - confidence) / 2, 2 * o) / 2;
}
/// Exact upper limit χ²_{1−α/2}(2O+2)/2.
inline double exact_upper(double o, double confidence) noexcept {
  return chi_square_quantile(confidence + (1 - confidence) / 2, 2 * o + 2) / 2;
}

namespace detail {
/// Exact limits for the whole counts 0..9 at 95 % and 99.8 %, computed once.
struct exact_table {
  std::array<std::array<double, 10>, 2> lower{};  ///< [level][count]
  std::array<std::array<double, 10>, 2> upper{};  ///< [level][count]
  exact_table() {
    for (std::size_t l = 0; l < 2; ++l) {
      const double c = l == 0 ? 0.95 : 0.998;
      for (std::size_t k = 0; k < 10; ++k) {
        lower[l][k] = exact_lower(static_cast<double>(k), c);
        upper[l][k] = exact_upper(static_cast<double>(k), c);
      }
    }
  }
};
/// The shared table.
inline const exact_table& table() {
  static const exact_table t;
  return t;
}
}  // namespace detail

/// Limits on a count O at a level: exact when O < 10 ("Exact"), Byar's otherwise ("Byars").
/// Both limits are unscaled counts; lower is nullopt when Byar's gives a negative number.
struct count_limits {
  std::optional<double> lower;  ///< O_L
  double upper = 0;             ///< O_U (may be +inf at a confidence of 1)
  bool exact = false;           ///< which method was used
};

/// Computes count_limits for O at confidence c with normal deviate z.
inline count_limits limits(double o, double c, double z) {
  if (o < 10) {
    if (o == std::floor(o) && (c == 0.95 || c == 0.998)) {
      const std::size_t l = c == 0.95 ? 0 : 1;
      const auto k = static_cast<std::size_t>(o);
      return {detail::table().lower[l][k], detail::table().upper[l][k], true};
    }
    return {exact_lower(o, c), exact_upper(o, c), true};
  }
  return {byars_lower(o, z), byars_upper(o, z), false};
}

}  // namespace counts

namespace detail {
/// The NaN R's NA stands for in inputs.
inline constexpr double na = std::numeric_limits<double>::quiet_NaN();

/// Sets an interval's limit, turning an infinite value into "not defined" with a reason.
inline void set_limit(std::optional<double>& slot, std::string_view& why, double v,
                      std::string_view reason_if_nan) {
  if (std::isinf(v)) {
    why = reasons::infinite;
  } else if (std::isnan(v)) {
    why = reason_if_nan;
  } else {
    slot = v;
  }
}

/// R's mean(): a long-double sum, then one correction pass (summary.c), rounded to double.
inline double r_mean(std::span<const double> v) noexcept {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  long double s = 0;
  for (double x : v)
    s += x;
  const auto n = static_cast<long double>(v.size());
  s /= n;
  if (std::isfinite(static_cast<double>(s))) {
    long double t = 0;
    for (double x : v)
      t += x - s;
    s += t / n;
  }
  return static_cast<double>(s);
}

/// Checks a multiplier is finite and positive.
inline std::optional<failure> check_multiplier(double m) {
  if (!std::isfinite(m) || m <= 0) {
    return fail("outcomes.stats.multiplier",
                "multiplier must be a positive number, found " + detail::text(m));
  }
  return std::nullopt;
}
}  // namespace detail

/// A proportion x / n × multiplier with Wilson score limits, no continuity correction
/// (PHEindicatormethods phe_proportion; A.2). x = NaN or n = NaN (R's NA) gives no value and no
/// limits. Errors: x < 0 (outcomes.stats.negative_numerator), n <= 0
/// (outcomes.stats.nonpositive_denominator), x > n (outcomes.stats.numerator_exceeds_denominator).
/// At a confidence of exactly 1 the limits are 0 and 1 (× multiplier), as R returns them.
[[nodiscard]] inline result<indicator_value> proportion(double x, double n,
                                                        const confidence_levels& conf,
                                                        double multiplier = 1) {
  if (auto f = detail::check_multiplier(multiplier)) return *f;
  if (x < 0) {
    return fail("outcomes.stats.negative_numerator",
                "numerator must be zero or more, found " + detail::text(x));
  }
  if (n <= 0) {
    return fail("outcomes.stats.nonpositive_denominator",
                "denominator must be greater than zero, found " + detail::text(n));
  }
  if (x > n) {
    return fail("outcomes.stats.numerator_exceeds_denominator",
                "numerator " + detail::text(x) + " is greater than denominator " + detail::text(n) +
                    "; a Wilson interval needs x <= n");
  }
  indicator_value r;
  r.method = indicator_method::proportion;
  if (conf.size() > 0) r.method_name = "Wilson";  // R adds the method only with a confidence
  r.multiplier = multiplier;
  r.observed = x;
  r.denominator = n;
  r.interval_count = conf.size();
  const bool missing = std::isnan(x) || std::isnan(n);
  if (missing) {
    r.value_reason = reasons::missing_input;
  } else {
    r.value = x / n * multiplier;
  }
  for (std::size_t i = 0; i < conf.size(); ++i) {
    interval& iv = r.intervals[i];
    iv.confidence = conf.level(i);
    if (missing) {
      iv.lower_reason = iv.upper_reason = reasons::missing_input;
      continue;
    }
    if (conf.level(i) == 1) {
      iv.lower = 0.0 * multiplier;
      iv.upper = 1.0 * multiplier;
      continue;
    }
    const double z = conf.z(i);
    const double z2 = z * z;
    const double root = z * std::sqrt(z2 + 4 * x * (1 - (x / n)));
    iv.lower = (2 * x + z2 - root) / 2 / (n + z2) * multiplier;
    iv.upper = (2 * x + z2 + root) / 2 / (n + z2) * multiplier;
  }
  return r;
}

/// A crude rate x / n × multiplier (default 100000) with exact Poisson limits when x < 10 and
/// Byar's when x >= 10 (PHEindicatormethods phe_rate; A.3). x > n is allowed. Errors: x < 0,
/// n <= 0. Missing x or n gives no value, no limits and no method name.
[[nodiscard]] inline result<indicator_value> crude_rate(double x, double n,
                                                        const confidence_levels& conf,
                                                        double multiplier = 100000) {
  if (auto f = detail::check_multiplier(multiplier)) return *f;
  if (x < 0) {
    return fail("outcomes.stats.negative_numerator",
                "numerator must be zero or more, found " + detail::text(x));
  }
  if (n <= 0) {
    return fail("outcomes.stats.nonpositive_denominator",
                "denominator must be greater than zero, found " + detail::text(n));
  }
  indicator_value r;
  r.method = indicator_method::crude_rate;
  r.multiplier = multiplier;
  r.observed = x;
  r.denominator = n;
  r.interval_count = conf.size();
  const bool missing = std::isnan(x) || std::isnan(n);
  if (missing) {
    r.value_reason = reasons::missing_input;
  } else {
    r.value = x / n * multiplier;
    r.method_name = x < 10 ? "Exact" : "Byars";
  }
  for (std::size_t i = 0; i < conf.size(); ++i) {
    interval& iv = r.intervals[i];
    iv.confidence = conf.level(i);
    if (missing) {
      iv.lower_reason = iv.upper_reason = reasons::missing_input;
      continue;
    }
    const counts::count_limits c = counts::limits(x, conf.level(i), conf.z(i));
    if (c.lower) {
      detail::set_limit(iv.lower, iv.lower_reason, *c.lower / n * multiplier,
                        reasons::byars_negative);
    } else {
      iv.lower_reason = reasons::byars_negative;
    }
    detail::set_limit(iv.upper, iv.upper_reason, c.upper / n * multiplier, reasons::infinite);
  }
  return r;
}

/// A count of events with exact (< 10) or Byar's limits on the count itself (A.1).
[[nodiscard]] inline result<indicator_value> count(double x, const confidence_levels& conf) {
  if (x < 0) {
    return fail("outcomes.stats.negative_numerator",
                "count must be zero or more, found " + detail::text(x));
  }
  result<indicator_value> r = crude_rate(x, 1, conf, 1);
  if (!r) return r;
  indicator_value v = *r;
  v.method = indicator_method::count;
  v.denominator = detail::na;
  return v;
}

namespace detail {
/// Sets Dobson limits on a DSR `r` (value, observed O and multiplier already set) from the
/// variance `var` of the unscaled DSR: value + m·√(V/O)·(O_L − O) and the same with O_U, with
/// Byar's O_L and O_U always (A.4).
inline void dobson_limits(indicator_value& r, double var, const confidence_levels& conf) {
  const double o = r.observed;
  const double value = *r.value;
  const double m = r.multiplier;
  const double scale = std::sqrt(var / o);
  for (std::size_t i = 0; i < conf.size(); ++i) {
    interval& iv = r.intervals[i];
    iv = interval{};
    iv.confidence = conf.level(i);
    const std::optional<double> ol = counts::byars_lower(o, conf.z(i));
    if (ol) {
      set_limit(iv.lower, iv.lower_reason, value + scale * (*ol - o) * m, reasons::byars_negative);
    } else {
      iv.lower_reason = reasons::byars_negative;
    }
    set_limit(iv.upper, iv.upper_reason,
              value + scale * (counts::byars_upper(o, conf.z(i)) - o) * m, reasons::infinite);
  }
}
}  // namespace detail

/// A directly standardised rate with Dobson limits (PHEindicatormethods calculate_dsr; A.4):
/// DSR = m·Σ(wᵢxᵢ/nᵢ)/Σwᵢ, V = Σ(xᵢwᵢ²/nᵢ²)/(Σwᵢ)², limits DSR + m·√(V/O)·(O_L − O) and
/// DSR + m·√(V/O)·(O_U − O) with Byar's O_L, O_U always. Missing events (NaN) count as 0. When the
/// total count O is under 10 the value and limits are withheld (statistic "dsr NA for total
/// count < 10"). `standard` empty means ESP 2013 (then 19 bands are required).
/// Errors: lengths differ (outcomes.stats.length_mismatch), no bands (outcomes.stats.empty),
/// events < 0, populations <= 0 or missing, standard population < 0 or missing
/// (outcomes.stats.standard_population).
[[nodiscard]] inline result<indicator_value> dsr(std::span<const double> events,
                                                 std::span<const double> populations,
                                                 std::span<const double> standard,
                                                 const confidence_levels& conf,
                                                 double multiplier = 100000) {
  if (auto f = detail::check_multiplier(multiplier)) return *f;
  if (standard.empty()) standard = esp2013;
  if (events.empty()) return fail("outcomes.stats.empty", "no age bands were given");
  if (events.size() != populations.size() || events.size() != standard.size()) {
    return fail("outcomes.stats.length_mismatch",
                "numerators, denominators and standard population must have the same length; "
                "found " +
                    std::to_string(events.size()) + ", " + std::to_string(populations.size()) +
                    " and " + std::to_string(standard.size()));
  }
  double o = 0, sum_w = 0, sum_wt = 0, sum_sq = 0, total_pop = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const double x = std::isnan(events[i]) ? 0.0 : events[i];
    const double n = populations[i];
    const double w = standard[i];
    if (x < 0) {
      return fail("outcomes.stats.negative_numerator",
                  "numerators must all be zero or more; band " + std::to_string(i) + " has " +
                      detail::text(x));
    }
    if (!(n > 0)) {
      return fail("outcomes.stats.nonpositive_denominator",
                  "denominators must all be greater than zero and not missing; band " +
                      std::to_string(i) + " has " + detail::text(n));
    }
    if (!(w >= 0)) {
      return fail("outcomes.stats.standard_population",
                  "standard populations must all be zero or more and not missing; band " +
                      std::to_string(i) + " has " + detail::text(w));
    }
    o += x;
    sum_w += w;
    sum_wt += x * w / n;
    sum_sq += x * (w / n) * (w / n);
    total_pop += n;
  }
  indicator_value r;
  r.method = indicator_method::dsr;
  r.method_name = "Dobson";
  r.multiplier = multiplier;
  r.observed = o;
  r.denominator = total_pop;
  r.interval_count = conf.size();
  if (o < 10) {
    r.suppressed = true;
    r.value_reason = reasons::dsr_small_count;
    for (std::size_t i = 0; i < conf.size(); ++i) {
      r.intervals[i].confidence = conf.level(i);
      r.intervals[i].lower_reason = r.intervals[i].upper_reason = reasons::dsr_small_count;
    }
    return r;
  }
  r.value = sum_wt / sum_w * multiplier;
  detail::dobson_limits(r, 1 / (sum_w * sum_w) * sum_sq, conf);
  return r;
}

/// One row of person-frequency data for a DSR of non-independent events: in age band
/// `age_band`, `persons` people had exactly `frequency` events each; `population` and
/// `standard` are the band's population and standard population (the same on every row of the
/// band).
struct frequency_row {
  std::string age_band;   ///< the age band's label
  double frequency = 1;   ///< events each of these persons had
  double persons = 0;     ///< persons with exactly that many events (NaN = missing, counted as 0)
  double population = 0;  ///< the band's population n
  double standard = 0;    ///< the band's standard population w
};

/// A directly standardised rate of non-independent events (PHEindicatormethods calculate_dsr
/// with independent_events = FALSE; A.4): for each frequency f, V_f = Σ pᵢ(wᵢ/nᵢ)² / (Σwᵢ)² over
/// that frequency's rows, and V = Σ f²·V_f; the events of a band are xᵢ = Σ f·pᵢ,f, from which
/// the DSR, O and the < 10 suppression follow as in dsr(); the Dobson limits use V. Method
/// "Dobson, with confidence adjusted for non-independent events". Errors: no rows
/// (outcomes.stats.empty), persons < 0, populations <= 0 or missing, standard populations < 0
/// or missing, a frequency that is missing or negative (outcomes.stats.event_frequency), and a
/// band whose rows disagree on population or standard population (outcomes.stats.band_mismatch).
[[nodiscard]] inline result<indicator_value> dsr_non_independent(
    std::span<const frequency_row> rows, const confidence_levels& conf,
    double multiplier = 100000) {
  if (auto f = detail::check_multiplier(multiplier)) return *f;
  if (rows.empty()) return fail("outcomes.stats.empty", "no rows were given");
  struct band {
    std::string_view label;
    double n = 0, w = 0, x = 0;
  };
  struct frequency_sum {
    double f = 0, sum_w = 0, sum_sq = 0;
  };
  std::vector<band> bands;
  std::vector<frequency_sum> freqs;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const frequency_row& row = rows[i];
    const std::string at = "row " + std::to_string(i);
    if (row.persons < 0) {
      return fail("outcomes.stats.negative_numerator",
                  "persons must all be zero or more; " + at + " has " + detail::text(row.persons));
    }
    if (!(row.population > 0)) {
      return fail("outcomes.stats.nonpositive_denominator",
                  "denominators must all be greater than zero and not missing; " + at + " has " +
                      detail::text(row.population));
    }
    if (!(row.standard >= 0)) {
      return fail("outcomes.stats.standard_population",
                  "standard populations must all be zero or more and not missing; " + at + " has " +
                      detail::text(row.standard));
    }
    if (!(row.frequency >= 0) || !std::isfinite(row.frequency)) {
      return fail("outcomes.stats.event_frequency",
                  "event frequencies must be numbers of zero or more; " + at + " has " +
                      detail::text(row.frequency));
    }
    const double p = std::isnan(row.persons) ? 0.0 : row.persons;
    auto b = std::find_if(bands.begin(), bands.end(),
                          [&](const band& x) { return x.label == row.age_band; });
    if (b == bands.end()) {
      bands.push_back({row.age_band, row.population, row.standard, 0});
      b = std::prev(bands.end());
    } else if (b->n != row.population || b->w != row.standard) {
      return fail("outcomes.stats.band_mismatch",
                  "age band '" + row.age_band +
                      "' has rows with different populations or standard populations");
    }
    b->x += row.frequency * p;
    auto fr = std::find_if(freqs.begin(), freqs.end(),
                           [&](const frequency_sum& x) { return x.f == row.frequency; });
    if (fr == freqs.end()) {
      freqs.push_back({row.frequency, 0, 0});
      fr = std::prev(freqs.end());
    }
    fr->sum_w += row.standard;
    fr->sum_sq += p * (row.standard / row.population) * (row.standard / row.population);
  }
  double var = 0;
  for (const frequency_sum& fr : freqs)
    var += fr.f * fr.f * (1 / (fr.sum_w * fr.sum_w) * fr.sum_sq);
  std::vector<double> x, n, w;
  for (const band& b : bands) {
    x.push_back(b.x);
    n.push_back(b.n);
    w.push_back(b.w);
  }
  const result<indicator_value> base = dsr(x, n, w, conf, multiplier);
  if (!base) return base;
  indicator_value r = *base;
  r.method_name = "Dobson, with confidence adjusted for non-independent events";
  // The same Dobson limits as dsr(), with the variance of the person-frequency data.
  if (!r.suppressed && r.value) detail::dobson_limits(r, var, conf);
  return r;
}

/// Indirect standardisation (PHEindicatormethods calculate_ISRatio / calculate_ISRate; A.5).
/// E = Σ(Xᵢ/Nᵢ)·nᵢ with missing Xᵢ or nᵢ counted as 0; O = Σxᵢ ignoring missing. Ratio = O/E·r
/// (r = `multiplier`, the reference value, default 1); rate = O/E·R with R = ΣX/ΣN·m. Limits
/// O_L/E and O_U/E scaled the same way, exact when O < 10, Byar's otherwise; no suppression.
/// Errors: lengths differ, no bands, negative counts or populations, reference populations <= 0.
[[nodiscard]] inline result<indicator_value> indirectly_standardised(
    indicator_method kind, std::span<const double> events, std::span<const double> populations,
    std::span<const double> reference_events, std::span<const double> reference_populations,
    const confidence_levels& conf, double multiplier) {
  JOINEDUP_EXPECTS(kind == indicator_method::isr_ratio || kind == indicator_method::isr_rate);
  if (auto f = detail::check_multiplier(multiplier)) return *f;
  const std::size_t k = events.size();
  if (k == 0) return fail("outcomes.stats.empty", "no age bands were given");
  if (populations.size() != k || reference_events.size() != k ||
      reference_populations.size() != k) {
    return fail("outcomes.stats.length_mismatch",
                "numerators, denominators, reference_numerators and reference_denominators must "
                "have the same length");
  }
  double o = 0, e = 0, ref_x = 0, ref_n = 0, pop = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (events[i] < 0 || reference_events[i] < 0) {
      return fail("outcomes.stats.negative_numerator",
                  "numerators must all be zero or more; band " + std::to_string(i) +
                      " has a negative count");
    }
    if (populations[i] < 0) {
      return fail("outcomes.stats.nonpositive_denominator",
                  "denominators must all be zero or more; band " + std::to_string(i) + " has " +
                      detail::text(populations[i]));
    }
    if (!(reference_populations[i] > 0)) {
      return fail("outcomes.stats.nonpositive_denominator",
                  "reference denominators must all be greater than zero; band " +
                      std::to_string(i) + " has " + detail::text(reference_populations[i]));
    }
    if (!std::isnan(events[i])) o += events[i];
    const double xi = std::isnan(reference_events[i]) ? 0.0 : reference_events[i];
    const double ni = std::isnan(populations[i]) ? 0.0 : populations[i];
    e += xi / reference_populations[i] * ni;
    ref_x += xi;
    ref_n += reference_populations[i];
    pop += ni;
  }
  indicator_value r;
  r.method = kind;
  r.multiplier = multiplier;
  r.observed = o;
  r.expected = e;
  r.denominator = pop;
  r.interval_count = conf.size();
  r.method_name = o < 10 ? "Exact" : "Byars";
  const double scale =
      kind == indicator_method::isr_ratio ? multiplier : ref_x / ref_n * multiplier;
  if (!(e > 0)) {
    r.value_reason = reasons::no_expected;
    for (std::size_t i = 0; i < conf.size(); ++i) {
      r.intervals[i].confidence = conf.level(i);
      r.intervals[i].lower_reason = r.intervals[i].upper_reason = reasons::no_expected;
    }
    return r;
  }
  r.value = o / e * scale;
  for (std::size_t i = 0; i < conf.size(); ++i) {
    interval& iv = r.intervals[i];
    iv.confidence = conf.level(i);
    const counts::count_limits c = counts::limits(o, conf.level(i), conf.z(i));
    if (c.lower) {
      detail::set_limit(iv.lower, iv.lower_reason, *c.lower / e * scale, reasons::byars_negative);
    } else {
      iv.lower_reason = reasons::byars_negative;
    }
    detail::set_limit(iv.upper, iv.upper_reason, c.upper / e * scale, reasons::infinite);
  }
  return r;
}

/// A mean with a Student's t interval (PHEindicatormethods phe_mean; A.6): value ± |t|·s/√N with
/// N − 1 degrees of freedom; the lower limit is not truncated. A missing value (NaN) makes
/// everything missing; one value gives the mean and no limits. Error: no values
/// (outcomes.stats.empty).
[[nodiscard]] inline result<indicator_value> mean(std::span<const double> values,
                                                  const confidence_levels& conf) {
  if (values.empty()) return fail("outcomes.stats.empty", "no values were given for the mean");
  indicator_value r;
  r.method = indicator_method::mean;
  r.method_name = "Student's t-distribution";
  r.observed = static_cast<double>(values.size());
  r.interval_count = conf.size();
  bool missing = false;
  for (double v : values)
    missing = missing || std::isnan(v);
  const double n = static_cast<double>(values.size());
  if (missing) {
    r.value_reason = reasons::missing_value;
  } else {
    r.value = detail::r_mean(values);
  }
  double sd = detail::na;
  if (!missing && values.size() > 1) {
    long double ss = 0;
    for (double v : values) {
      const long double d = static_cast<long double>(v) - static_cast<long double>(*r.value);
      ss += d * d;
    }
    sd = std::sqrt(static_cast<double>(ss / static_cast<long double>(values.size() - 1)));
  }
  for (std::size_t i = 0; i < conf.size(); ++i) {
    interval& iv = r.intervals[i];
    iv.confidence = conf.level(i);
    if (missing) {
      iv.lower_reason = iv.upper_reason = reasons::missing_value;
      continue;
    }
    if (values.size() < 2) {
      iv.lower_reason = iv.upper_reason = reasons::one_value;
      continue;
    }
    const double c = conf.level(i);
    const double t = std::fabs(student_t_quantile(c + (1 - c) / 2, n - 1));
    const double half = t * sd / std::sqrt(n);
    detail::set_limit(iv.lower, iv.lower_reason, *r.value - half, reasons::infinite);
    detail::set_limit(iv.upper, iv.upper_reason, *r.value + half, reasons::infinite);
  }
  return r;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
