// joinedup: comparing an indicator with a benchmark (England or a comparator) the Fingertips
// way: significantly better, similar or worse by whether the confidence interval excludes the
// benchmark value, oriented by the indicator's polarity.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

#include "joinedup/outcomes/indicator.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// The outcome of a benchmark comparison (Fingertips: Better, Similar, Worse, Higher, Lower,
/// Not compared).
enum class comparison : std::uint8_t {
  better,        ///< the interval is wholly on the good side of the benchmark
  similar,       ///< the interval contains the benchmark (a limit equal to it counts)
  worse,         ///< the interval is wholly on the bad side
  higher,        ///< wholly above, for an indicator with no judgement
  lower,         ///< wholly below, for an indicator with no judgement
  not_compared,  ///< no interval or no benchmark
};

/// "better", "similar", "worse", "higher", "lower", "not_compared".
constexpr std::string_view to_string(comparison c) noexcept {
  switch (c) {
    case comparison::better:
      return "better";
    case comparison::similar:
      return "similar";
    case comparison::worse:
      return "worse";
    case comparison::higher:
      return "higher";
    case comparison::lower:
      return "lower";
    case comparison::not_compared:
      return "not_compared";
  }
  return "not_compared";
}

/// Compares limits with a benchmark value: lower > benchmark is "above", upper < benchmark is
/// "below" (strict), otherwise similar; above/below become better/worse by polarity, or
/// higher/lower with no judgement. A missing limit or benchmark gives not_compared.
constexpr comparison compare(std::optional<double> lower, std::optional<double> upper,
                             std::optional<double> benchmark, polarity p) noexcept {
  if (!lower || !upper || !benchmark || std::isnan(*benchmark)) return comparison::not_compared;
  int side = 0;
  if (*lower > *benchmark) side = 1;
  if (*upper < *benchmark) side = -1;
  if (side == 0) return comparison::similar;
  switch (p) {
    case polarity::higher_is_better:
      return side > 0 ? comparison::better : comparison::worse;
    case polarity::lower_is_better:
      return side > 0 ? comparison::worse : comparison::better;
    case polarity::no_judgement:
      return side > 0 ? comparison::higher : comparison::lower;
  }
  return comparison::not_compared;
}

/// Compares an indicator value's interval at `level` (0.95 or 0.998) with a benchmark.
inline comparison compare(const indicator_value& v, double level, std::optional<double> benchmark,
                          polarity p) noexcept {
  const interval* iv = v.at(level);
  if (iv == nullptr) return comparison::not_compared;
  return compare(iv->lower, iv->upper, benchmark, p);
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
