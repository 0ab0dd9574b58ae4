// joinedup: targets with a date. A target is a value to reach by a due date, optionally with a
// trajectory from a baseline (linear, or stepped per period); a measured value is then met, on
// trajectory or off trajectory.
#pragma once

#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/outcomes/indicator.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// How the expected value moves from the baseline to the target.
enum class trajectory_shape : std::uint8_t {
  none,     ///< no trajectory: only the final target is checked
  linear,   ///< a straight line by days from baseline to target
  stepped,  ///< steps: explicit milestones, or `periods` equal steps
};

}  // namespace outcomes

/// The interchange names of outcomes::trajectory_shape, in enumerator order.
template <>
inline constexpr auto enum_names<outcomes::trajectory_shape> =
    std::array<std::string_view, 3>{"none", "linear", "stepped"};

namespace outcomes {

/// "none", "linear" or "stepped".
constexpr std::string_view to_string(trajectory_shape s) noexcept {
  const std::string_view name = enum_name(s);
  return name.empty() ? "none" : name;
}

/// Parses "none", "linear" or "stepped".
constexpr std::optional<trajectory_shape> parse_trajectory_shape(std::string_view s) noexcept {
  return parse_enum<trajectory_shape>(s);
}

/// A value expected from a date on.
struct milestone {
  std::chrono::year_month_day date{};  ///< from when
  double value = 0;                    ///< the value
  friend bool operator==(const milestone&, const milestone&) = default;
};

/// A target: reach `value` by `due`, for one indicator in one area ("" = every area).
struct target {
  std::string indicator;                            ///< indicator id
  std::string area;                                 ///< area code, or "" for every area
  double value = 0;                                 ///< the value to reach
  std::chrono::year_month_day due{};                ///< the date by which to reach it
  std::optional<milestone> baseline;                ///< where the trajectory starts
  trajectory_shape shape = trajectory_shape::none;  ///< how it gets there
  std::vector<milestone> steps;                     ///< stepped: explicit milestones in date order
  std::size_t periods = 0;                          ///< stepped without milestones: equal steps
  std::string source;                               ///< who set it (a BCF plan, a board paper)
};

}  // namespace outcomes

/// The fields of a milestone.
template <>
inline constexpr auto fields_of<outcomes::milestone> = std::tuple{
    field("date", &outcomes::milestone::date), field("value", &outcomes::milestone::value)};

/// The fields of a target in a framework document. `periods` is any JSON number that is a whole
/// number from 1 to 1000 (src/io/outcomes.cpp checks it: outcomes.target.periods).
template <>
inline constexpr auto fields_of<outcomes::target> =
    std::tuple{field("indicator", &outcomes::target::indicator),
               field("area", &outcomes::target::area, presence::omit_empty),
               field("value", &outcomes::target::value),
               field("due", &outcomes::target::due),
               field("baseline", &outcomes::target::baseline, presence::omit_empty),
               field("trajectory", &outcomes::target::shape, presence::optional),
               field("steps", &outcomes::target::steps, presence::omit_empty),
               field("periods", &outcomes::target::periods, presence::omit_empty),
               field("source", &outcomes::target::source, presence::omit_empty)};

namespace outcomes {

/// The assessment of a measured value against a target.
enum class target_status : std::uint8_t {
  met,             ///< the value meets the final target
  on_trajectory,   ///< not yet at the target but at or beyond the expected value for its date
  off_trajectory,  ///< behind the trajectory (or past the due date without meeting the target)
  not_assessed,    ///< no value, or an indicator with no judgement
};

/// "met", "on_trajectory", "off_trajectory", "not_assessed".
constexpr std::string_view to_string(target_status s) noexcept {
  switch (s) {
    case target_status::met:
      return "met";
    case target_status::on_trajectory:
      return "on_trajectory";
    case target_status::off_trajectory:
      return "off_trajectory";
    case target_status::not_assessed:
      return "not_assessed";
  }
  return "not_assessed";
}

/// The milestones of a target's trajectory: the explicit steps, or for `periods` equal steps the
/// dates baseline + k·(due − baseline)/periods (whole days, rounded down) with values
/// baseline + k·(target − baseline)/periods, k = 1..periods; the last is (due, value).
inline std::vector<milestone> trajectory_steps(const target& t) {
  if (t.shape != trajectory_shape::stepped) return {};
  if (!t.steps.empty() || !t.baseline || t.periods == 0) return t.steps;
  std::vector<milestone> out;
  const auto from = std::chrono::sys_days(t.baseline->date);
  const auto days = (std::chrono::sys_days(t.due) - from).count();
  for (std::size_t k = 1; k <= t.periods; ++k) {
    const auto kk = static_cast<long long>(k);
    const auto pp = static_cast<long long>(t.periods);
    const std::chrono::days offset{static_cast<int>(days * kk / pp)};
    const double v = t.baseline->value + (t.value - t.baseline->value) * static_cast<double>(k) /
                                             static_cast<double>(t.periods);
    out.push_back({std::chrono::year_month_day(from + offset), k == t.periods ? t.value : v});
  }
  return out;
}

/// The value the trajectory expects on date d, or nullopt without a trajectory. Linear: the
/// baseline before its date, the target from the due date, a straight line by days between.
/// Stepped: the value of the last milestone on or before d, else the baseline.
inline std::optional<double> expected_at(const target& t, std::chrono::year_month_day d) {
  using std::chrono::sys_days;
  if (!t.baseline || t.shape == trajectory_shape::none) return std::nullopt;
  if (t.shape == trajectory_shape::linear) {
    const auto b = sys_days(t.baseline->date);
    const auto e = sys_days(t.due);
    const auto x = sys_days(d);
    if (x <= b) return t.baseline->value;
    if (x >= e) return t.value;
    const double f = static_cast<double>((x - b).count()) / static_cast<double>((e - b).count());
    return t.baseline->value + (t.value - t.baseline->value) * f;
  }
  double v = t.baseline->value;
  for (const milestone& m : trajectory_steps(t)) {
    if (sys_days(m.date) <= sys_days(d)) v = m.value;
  }
  return v;
}

/// True when `value` is at least as good as `goal` for the polarity.
constexpr bool at_least_as_good(double value, double goal, polarity p) noexcept {
  return p == polarity::lower_is_better ? value <= goal : value >= goal;
}

/// Assesses a value measured for the period ending on `d`: met when it meets the final target;
/// otherwise on trajectory when the date is before the due date and the value meets the expected
/// value (a target with no trajectory is on trajectory until it is due); otherwise off
/// trajectory. No value, a NaN, or no judgement: not assessed.
inline target_status assess(const target& t, polarity p, std::optional<double> value,
                            std::chrono::year_month_day d) {
  if (!value || std::isnan(*value) || p == polarity::no_judgement) {
    return target_status::not_assessed;
  }
  if (at_least_as_good(*value, t.value, p)) return target_status::met;
  if (std::chrono::sys_days(d) >= std::chrono::sys_days(t.due)) {
    return target_status::off_trajectory;
  }
  const std::optional<double> e = expected_at(t, d);
  if (!e) return target_status::on_trajectory;
  return at_least_as_good(*value, *e, p) ? target_status::on_trajectory
                                         : target_status::off_trajectory;
}

/// Checks a target: a valid due date (outcomes.target.date), a baseline before the due date
/// (outcomes.target.baseline_after_due), a trajectory that has a baseline
/// (outcomes.target.no_baseline), milestones in date order and not after the due date
/// (outcomes.target.step_order). `at` is the target's JSON pointer.
inline void validate_target(const target& t, const std::string& at, diagnostics& diags) {
  if (!t.due.ok()) {
    diags.error("outcomes.target.date", at + "/due", "the due date is not a valid date");
    return;
  }
  if (t.baseline && std::chrono::sys_days(t.baseline->date) >= std::chrono::sys_days(t.due)) {
    diags.error("outcomes.target.baseline_after_due", at + "/baseline",
                "the baseline date " + to_iso_string(t.baseline->date) +
                    " is not before the due date " + to_iso_string(t.due));
  }
  if (t.shape != trajectory_shape::none && !t.baseline) {
    diags.error("outcomes.target.no_baseline", at + "/trajectory",
                "a " + std::string(to_string(t.shape)) + " trajectory needs a baseline");
  }
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const bool after_due = std::chrono::sys_days(t.steps[i].date) > std::chrono::sys_days(t.due);
    const bool out_of_order = i > 0 && std::chrono::sys_days(t.steps[i].date) <=
                                           std::chrono::sys_days(t.steps[i - 1].date);
    if (after_due || out_of_order) {
      diags.error("outcomes.target.step_order", at + "/steps/" + std::to_string(i),
                  "milestone " + to_iso_string(t.steps[i].date) +
                      (after_due ? " is after the due date" : " is not after the one before it"));
    }
  }
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
