// joinedup: statistical process control as NHS England's "Making Data Count" XmR charts and the
// NHSRplotthedots package (0.2.2) draw them (docs/outcomes.md; indicator-methods.md part B):
// mean and average moving range with optional screening, process limits at 2.66 × AMR, the
// near-limit band, the four special-cause rules in order of precedence, improvement or concern,
// the variation and assurance icons, rebasing and fixing the baseline after n points, and missing
// values (NaN) kept in place as NHSRplotthedots keeps NA rows.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/result.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// Which way is better for the measure being charted.
enum class improvement_direction : std::uint8_t {
  increase,  ///< higher is better
  decrease,  ///< lower is better
  neutral,   ///< no judgement
};

/// "increase", "decrease" or "neutral".
constexpr std::string_view to_string(improvement_direction d) noexcept {
  switch (d) {
    case improvement_direction::increase:
      return "increase";
    case improvement_direction::decrease:
      return "decrease";
    case improvement_direction::neutral:
      return "neutral";
  }
  return "neutral";
}

/// Parses "increase", "decrease" or "neutral".
constexpr std::optional<improvement_direction> parse_improvement_direction(
    std::string_view s) noexcept {
  if (s == "increase") return improvement_direction::increase;
  if (s == "decrease") return improvement_direction::decrease;
  if (s == "neutral") return improvement_direction::neutral;
  return std::nullopt;
}

/// The special-cause rule that labels a point (NHSRplotthedots' `special_cause_type`).
enum class special_cause_rule : std::uint8_t {
  common_cause,        ///< "Common Cause"
  above_upl,           ///< "Above UCL": beyond the upper process limit
  below_lpl,           ///< "Below LCL": beyond the lower process limit
  trend_increasing,    ///< "7 Point Trend (Increasing)"
  trend_decreasing,    ///< "7 Point Trend (Decreasing)"
  two_in_three_above,  ///< "2 in 3 Above CL": near the upper limit
  two_in_three_below,  ///< "2 in 3 Below CL": near the lower limit
  shift_above,         ///< "7 Points Above CL"
  shift_below,         ///< "7 Points Below CL"
};

/// The label NHSRplotthedots writes for a rule ("Above UCL", "7 Point Trend (Increasing)", ...).
constexpr std::string_view label(special_cause_rule r) noexcept {
  switch (r) {
    case special_cause_rule::common_cause:
      return "Common Cause";
    case special_cause_rule::above_upl:
      return "Above UCL";
    case special_cause_rule::below_lpl:
      return "Below LCL";
    case special_cause_rule::trend_increasing:
      return "7 Point Trend (Increasing)";
    case special_cause_rule::trend_decreasing:
      return "7 Point Trend (Decreasing)";
    case special_cause_rule::two_in_three_above:
      return "2 in 3 Above CL";
    case special_cause_rule::two_in_three_below:
      return "2 in 3 Below CL";
    case special_cause_rule::shift_above:
      return "7 Points Above CL";
    case special_cause_rule::shift_below:
      return "7 Points Below CL";
  }
  return "Common Cause";
}

/// +1 for a rule that points up (Above, Increasing), -1 down, 0 for common cause.
constexpr int rule_direction(special_cause_rule r) noexcept {
  switch (r) {
    case special_cause_rule::above_upl:
    case special_cause_rule::trend_increasing:
    case special_cause_rule::two_in_three_above:
    case special_cause_rule::shift_above:
      return 1;
    case special_cause_rule::below_lpl:
    case special_cause_rule::trend_decreasing:
    case special_cause_rule::two_in_three_below:
    case special_cause_rule::shift_below:
      return -1;
    case special_cause_rule::common_cause:
      return 0;
  }
  return 0;
}

/// What a point means given the improvement direction (NHSRplotthedots' `point_type` without its
/// "special_cause_" prefix).
enum class special_cause : std::uint8_t {
  common_cause,  ///< no special cause
  improvement,   ///< special cause in the better direction
  concern,       ///< special cause in the worse direction
  neutral_high,  ///< special cause upwards, neutral direction
  neutral_low,   ///< special cause downwards, neutral direction
};

/// "common_cause", "improvement", "concern", "neutral_high", "neutral_low".
constexpr std::string_view to_string(special_cause s) noexcept {
  switch (s) {
    case special_cause::common_cause:
      return "common_cause";
    case special_cause::improvement:
      return "improvement";
    case special_cause::concern:
      return "concern";
    case special_cause::neutral_high:
      return "neutral_high";
    case special_cause::neutral_low:
      return "neutral_low";
  }
  return "common_cause";
}

/// The Making Data Count variation icon (the icon file names of NHSRplotthedots).
enum class variation_icon : std::uint8_t {
  common_cause,      ///< grey: common cause variation
  improvement_high,  ///< blue up: improvement, higher is better
  improvement_low,   ///< blue down: improvement, lower is better
  concern_high,      ///< orange up: concern, lower is better
  concern_low,       ///< orange down: concern, higher is better
  neutral_high,      ///< purple up: special cause, no judgement
  neutral_low,       ///< purple down: special cause, no judgement
};

/// The icon's name ("improvement_high", "common_cause", ...).
constexpr std::string_view to_string(variation_icon v) noexcept {
  switch (v) {
    case variation_icon::common_cause:
      return "common_cause";
    case variation_icon::improvement_high:
      return "improvement_high";
    case variation_icon::improvement_low:
      return "improvement_low";
    case variation_icon::concern_high:
      return "concern_high";
    case variation_icon::concern_low:
      return "concern_low";
    case variation_icon::neutral_high:
      return "neutral_high";
    case variation_icon::neutral_low:
      return "neutral_low";
  }
  return "common_cause";
}

/// The Making Data Count assurance icon: will the process meet the target?
enum class assurance_icon : std::uint8_t {
  consistent_pass,  ///< the target is outside the limits on the good side
  consistent_fail,  ///< the target is outside the limits on the bad side
  inconsistent,     ///< "hit and miss": the target is within (or on) the limits
};

/// "consistent_pass", "consistent_fail" or "inconsistent".
constexpr std::string_view to_string(assurance_icon a) noexcept {
  switch (a) {
    case assurance_icon::consistent_pass:
      return "consistent_pass";
    case assurance_icon::consistent_fail:
      return "consistent_fail";
    case assurance_icon::inconsistent:
      return "inconsistent";
  }
  return "inconsistent";
}

/// How to draw the chart.
struct spc_options {
  improvement_direction direction = improvement_direction::increase;  ///< which way is better
  std::optional<double> target;                   ///< a target for the assurance icon
  std::vector<std::size_t> rebase_at;             ///< 1-based positions that start a new group
  std::optional<std::size_t> fix_after_n_points;  ///< baseline length (>= 12), else all points
  bool screen_outliers = true;  ///< drop moving ranges >= 3.267 × AMR and recompute once
};

/// One chart segment (the points between rebases) with its centre line and limits. A limit that
/// cannot be computed (one point, a flat series whose moving ranges are all screened out, or a
/// baseline too gappy for a mean or a moving range) is NaN, as in R.
struct spc_group {
  std::size_t first = 0;             ///< 0-based index of the first point
  std::size_t size = 0;              ///< number of points
  std::size_t baseline = 0;          ///< points used for mean and AMR
  double mean = 0;                   ///< centre line
  double amr = 0;                    ///< average moving range after screening
  double lpl = 0;                    ///< lower process limit, mean − 2.66 × AMR
  double upl = 0;                    ///< upper process limit, mean + 2.66 × AMR
  double near_lower = 0;             ///< mean − (2/3)·2.66 × AMR
  double near_upper = 0;             ///< mean + (2/3)·2.66 × AMR
  std::size_t moving_ranges = 0;     ///< moving ranges in the baseline before screening (a
                                     ///< pair with a missing value has none)
  std::size_t screened_out = 0;      ///< moving ranges dropped by screening
  std::size_t missing = 0;           ///< missing values among the group's points
  std::size_t baseline_missing = 0;  ///< missing values among the baseline points
};

/// One point's flags and classification. A missing point keeps its place: its value is NaN, its
/// flags are false, its side of the mean 0 and its rule common cause (R's NA flags, which no rule
/// matches).
struct spc_point {
  double value = 0;                                            ///< y, NaN when missing
  bool missing = false;                                        ///< no value at this position
  std::size_t group = 0;                                       ///< index into spc_result::groups
  int relative_to_mean = 0;                                    ///< sign(y − mean)
  bool outside_limits = false;                                 ///< y > UPL or y < LPL, strictly
  bool close_to_limits = false;                                ///< beyond a near limit, not outside
  special_cause_rule rule = special_cause_rule::common_cause;  ///< the winning rule
  special_cause type = special_cause::common_cause;            ///< what the rule means
};

/// The whole chart: groups, points, icons and warnings (outcomes.spc.short_group,
/// outcomes.spc.rebase_ignored).
struct spc_result {
  std::vector<spc_group> groups;                            ///< in order
  std::vector<spc_point> points;                            ///< one per input value
  variation_icon variation = variation_icon::common_cause;  ///< the last point's icon
  std::optional<assurance_icon> assurance;  ///< against the target; none without a target or
                                            ///< when the direction is neutral
  diagnostics warnings;                     ///< short groups, ignored rebase positions
};

/// Constants of the XmR chart.
namespace spc_constants {
inline constexpr double limit = 2.66;  ///< 3 / d2 with d2 = 1.128
inline constexpr double limit_close =
    2 * (limit / 3);                            ///< the near-limit multiple, as R computes it
inline constexpr double screen = 3.267;         ///< D4 for subgroups of 2
inline constexpr std::size_t short_group = 13;  ///< fewer points than this: a warning
inline constexpr std::size_t minimum_fix = 12;  ///< smallest fix_after_n_points
}  // namespace spc_constants

namespace detail {

/// sign() as R has it, with NaN giving 0 (it never reaches the rules).
inline int sign_of(double d) noexcept {
  return d > 0 ? 1 : (d < 0 ? -1 : 0);
}

/// ptd_part_of_seven_trend: a point is part of a run when it or one of the next six is flagged.
inline std::vector<int> part_of_seven(const std::vector<int>& flag) {
  const std::size_t n = flag.size();
  std::vector<int> out(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i; j < std::min(n, i + 7); ++j) {
      if (flag[j] != 0) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}

/// Where R's 7-point trend rule stops on a gap. For each window of 7 points of a group of 7 or
/// more, ptd_seven_point_trend asks whether all 6 steps rise, then whether all fall; a step with
/// a missing end is NA, so R cannot answer (and stops with "missing value where TRUE/FALSE
/// needed") when the window has such a step and every step that can be computed runs the same
/// way, or none can. Returns the 0-based index of the last point of the first such window.
inline std::optional<std::size_t> trend_stop(std::span<const double> y) noexcept {
  for (std::size_t i = 6; i < y.size(); ++i) {
    bool gap = false;
    bool all_up = true;
    bool all_down = true;
    for (std::size_t k = i - 5; k <= i; ++k) {
      if (std::isnan(y[k]) || std::isnan(y[k - 1])) {
        gap = true;
        continue;
      }
      const int d = sign_of(y[k] - y[k - 1]);
      all_up = all_up && d == 1;
      all_down = all_down && d == -1;
    }
    if (gap && (all_up || all_down)) return i;
  }
  return std::nullopt;
}

/// Classifies the points of one group (ptd_special_cause_type and ptd_point_type).
inline void classify_group(std::span<spc_point> pts, improvement_direction dir) {
  const std::size_t n = pts.size();
  // Shift: 7 points with the same non-zero side of the mean.
  std::vector<int> shift_flag(n, 0);
  for (std::size_t i = 6; i < n; ++i) {
    const int r = pts[i].relative_to_mean;
    bool all = r != 0;
    for (std::size_t k = 1; k <= 6 && all; ++k)
      all = pts[i - k].relative_to_mean == r;
    shift_flag[i] = all ? 1 : 0;
  }
  const std::vector<int> shift_part = part_of_seven(shift_flag);
  // Trend: 7 points each strictly above (below) the one before.
  std::vector<int> trend_flag(n, 0);
  if (n >= 7) {
    for (std::size_t i = 6; i < n; ++i) {
      bool up = true;
      bool down = true;
      for (std::size_t k = 0; k < 6; ++k) {
        const int d = sign_of(pts[i - k].value - pts[i - k - 1].value);
        up = up && d == 1;
        down = down && d == -1;
      }
      trend_flag[i] = up ? 1 : (down ? -1 : 0);
    }
  }
  const std::vector<int> trend_part = part_of_seven(trend_flag);
  // Two in three: a window of 3 strictly on one side of the mean with at least 2 close points.
  auto window_hit = [&](std::ptrdiff_t start) {
    if (start < 0 || start + 2 >= static_cast<std::ptrdiff_t>(n)) return false;
    const auto s = static_cast<std::size_t>(start);
    int close = 0;
    int side = 0;
    for (std::size_t k = s; k < s + 3; ++k) {
      close += pts[k].close_to_limits ? 1 : 0;
      side += pts[k].relative_to_mean;
    }
    return close >= 2 && (side == 3 || side == -3);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const auto si = static_cast<std::ptrdiff_t>(i);
    const bool in_two_of_three =
        (window_hit(si - 2) || window_hit(si - 1) || window_hit(si)) && pts[i].close_to_limits;
    // Direction of a trend point: forward difference when the next point is also in a trend,
    // otherwise the backward one (0 for the first point).
    int sdy = 0;
    if (i + 1 < n && trend_part[i] && trend_part[i + 1]) {
      sdy = sign_of(pts[i + 1].value - pts[i].value);
    } else if (i > 0) {
      sdy = sign_of(pts[i].value - pts[i - 1].value);
    }
    const bool above = pts[i].relative_to_mean > 0;
    special_cause_rule rule = special_cause_rule::common_cause;
    if (pts[i].outside_limits) {
      rule = pts[i].relative_to_mean == 1 ? special_cause_rule::above_upl
                                          : special_cause_rule::below_lpl;
    } else if (trend_part[i]) {
      rule = sdy == 1 ? special_cause_rule::trend_increasing : special_cause_rule::trend_decreasing;
    } else if (in_two_of_three) {
      rule =
          above ? special_cause_rule::two_in_three_above : special_cause_rule::two_in_three_below;
    } else if (shift_part[i]) {
      rule = above ? special_cause_rule::shift_above : special_cause_rule::shift_below;
    }
    if (pts[i].missing) rule = special_cause_rule::common_cause;
    pts[i].rule = rule;
    const int v = rule_direction(rule);
    if (dir == improvement_direction::neutral) {
      pts[i].type = v > 0   ? special_cause::neutral_high
                    : v < 0 ? special_cause::neutral_low
                            : special_cause::common_cause;
    } else {
      const int oriented = v * (dir == improvement_direction::increase ? 1 : -1);
      pts[i].type = oriented > 0   ? special_cause::improvement
                    : oriented < 0 ? special_cause::concern
                                   : special_cause::common_cause;
    }
  }
}

}  // namespace detail

/// The variation icon for a point type and direction (geom_ptd_icon's file names).
constexpr variation_icon variation_for(special_cause t, improvement_direction dir) noexcept {
  switch (t) {
    case special_cause::improvement:
      return dir == improvement_direction::increase ? variation_icon::improvement_high
                                                    : variation_icon::improvement_low;
    case special_cause::concern:
      return dir == improvement_direction::increase ? variation_icon::concern_low
                                                    : variation_icon::concern_high;
    case special_cause::neutral_high:
      return variation_icon::neutral_high;
    case special_cause::neutral_low:
      return variation_icon::neutral_low;
    case special_cause::common_cause:
      return variation_icon::common_cause;
  }
  return variation_icon::common_cause;
}

/// The assurance icon for a target against a group's limits (ptd_calculate_assurance_type): a
/// target above the UPL is a consistent fail when higher is better and a consistent pass when
/// lower is better, and the reverse below the LPL; on or within the limits (or limits that are
/// NaN) it is inconsistent. No icon for a neutral direction.
inline std::optional<assurance_icon> assurance_for(double target, const spc_group& g,
                                                   improvement_direction dir) noexcept {
  if (dir == improvement_direction::neutral || std::isnan(target)) return std::nullopt;
  const bool increasing = dir == improvement_direction::increase;
  if (target > g.upl)
    return increasing ? assurance_icon::consistent_fail : assurance_icon::consistent_pass;
  if (target < g.lpl)
    return increasing ? assurance_icon::consistent_pass : assurance_icon::consistent_fail;
  return assurance_icon::inconsistent;
}

/// Analyses a series in time order as NHSRplotthedots' ptd_spc does. A NaN value is a missing
/// point (R's NA): it keeps its position, index and group, counts towards fix_after_n_points and
/// the group size, is left out of the mean, gives no moving range with either neighbour and is
/// common cause. Errors: no values (outcomes.spc.empty), an infinite value (outcomes.spc.value),
/// fix_after_n_points below 12 (outcomes.spc.fix_after), and a gap where R's trend rule stops
/// (outcomes.spc.missing_in_trend, see detail::trend_stop). Rebase positions outside 1..n are
/// ignored with a warning, as R ignores rebase dates not in the data.
[[nodiscard]] inline result<spc_result> analyse_spc(std::span<const double> values,
                                                    const spc_options& options) {
  const std::size_t n = values.size();
  if (n == 0) return fail("outcomes.spc.empty", "an SPC chart needs at least one value");
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isinf(values[i])) {
      return fail("outcomes.spc.value",
                  "value " + std::to_string(i + 1) +
                      " is infinite; a value must be a finite number or missing (NaN)",
                  "/values/" + std::to_string(i));
    }
  }
  if (options.fix_after_n_points && *options.fix_after_n_points < spc_constants::minimum_fix) {
    return fail("outcomes.spc.fix_after", "fix_after_n_points must be 12 or more, found " +
                                              std::to_string(*options.fix_after_n_points));
  }
  spc_result out;
  std::vector<bool> starts(n, false);
  for (std::size_t k = 0; k < options.rebase_at.size(); ++k) {
    const std::size_t at = options.rebase_at[k];
    if (at < 1 || at > n) {
      out.warnings.warning("outcomes.spc.rebase_ignored", "/rebase_at/" + std::to_string(k),
                           "rebase position " + std::to_string(at) + " is not between 1 and " +
                               std::to_string(n) + "; ignored");
      continue;
    }
    starts[at - 1] = true;
  }
  starts[0] = true;
  out.points.resize(n);
  std::size_t begin = 0;
  while (begin < n) {
    std::size_t end = begin + 1;
    while (end < n && !starts[end])
      ++end;
    spc_group g;
    g.first = begin;
    g.size = end - begin;
    g.baseline = std::min(g.size, options.fix_after_n_points.value_or(g.size));
    const std::span<const double> base = values.subspan(begin, g.baseline);
    // The mean of the values present (na.rm); a moving range only where both neighbours are.
    std::vector<double> present;
    std::vector<double> mr;
    for (std::size_t i = 0; i < base.size(); ++i) {
      if (std::isnan(base[i])) continue;
      present.push_back(base[i]);
      if (i > 0 && !std::isnan(base[i - 1])) mr.push_back(std::fabs(base[i] - base[i - 1]));
    }
    g.baseline_missing = base.size() - present.size();
    g.mean = detail::r_mean(present);
    g.moving_ranges = mr.size();
    g.amr = detail::r_mean(mr);
    if (options.screen_outliers) {
      std::vector<double> kept;
      for (double m : mr) {
        if (m < spc_constants::screen * g.amr) kept.push_back(m);
      }
      g.screened_out = mr.size() - kept.size();
      g.amr = detail::r_mean(kept);
    }
    g.lpl = g.mean - (spc_constants::limit * g.amr);
    g.upl = g.mean + (spc_constants::limit * g.amr);
    g.near_lower = g.mean - (spc_constants::limit_close * g.amr);
    g.near_upper = g.mean + (spc_constants::limit_close * g.amr);
    const std::size_t gi = out.groups.size();
    for (std::size_t i = begin; i < end; ++i) {
      spc_point& p = out.points[i];
      p.value = values[i];
      p.group = gi;
      if (std::isnan(p.value)) {
        p.missing = true;
        ++g.missing;
        continue;
      }
      p.outside_limits = p.value > g.upl || p.value < g.lpl;
      p.relative_to_mean = detail::sign_of(p.value - g.mean);
      p.close_to_limits = !p.outside_limits && (p.value < g.near_lower || p.value > g.near_upper);
    }
    if (g.missing > 0) {
      if (const auto stop = detail::trend_stop(values.subspan(begin, g.size))) {
        const std::size_t last = begin + *stop;
        std::size_t gap = last - 6;
        while (!std::isnan(values[gap]))
          ++gap;
        return fail(
            "outcomes.spc.missing_in_trend",
            "points " + std::to_string(last - 5) + " to " + std::to_string(last + 1) + " (group " +
                std::to_string(gi + 1) + ") include missing value " + std::to_string(gap + 1) +
                "; every step of the window that has both values runs the same way (or none has), "
                "so "
                "NHSRplotthedots 0.2.2 stops here (its 7-point trend rule meets NA); fill "
                "the gap, drop the point or rebase around it",
            "/values/" + std::to_string(gap));
      }
    }
    detail::classify_group(std::span<spc_point>(out.points).subspan(begin, g.size),
                           options.direction);
    if (g.size < spc_constants::short_group) {
      out.warnings.warning("outcomes.spc.short_group", "/groups/" + std::to_string(gi),
                           "group " + std::to_string(gi + 1) + " has " + std::to_string(g.size) +
                               " points; limits from fewer than 13 points are unreliable");
    }
    out.groups.push_back(g);
    begin = end;
  }
  out.variation = variation_for(out.points.back().type, options.direction);
  if (options.target) {
    out.assurance = assurance_for(*options.target, out.groups.back(), options.direction);
  }
  return out;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
