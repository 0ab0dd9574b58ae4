// joinedup: assigning small areas to quantiles (deprivation deciles, quintiles...) from their
// values, as PHEindicatormethods 2.1.0 `phe_quantile` does (docs/outcomes-qsii.md): values are
// ranked with ties given the lowest rank, highest value first by default, and rank r of n
// values goes to quantile q + 1 − ⌈(n + 1 − r) / (n / q)⌉ (0 counted as 1). Missing values
// get no quantile and are not counted; a group with fewer values than quantiles gets none.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// The largest number of quantiles accepted (far beyond any use; keeps arithmetic exact).
inline constexpr std::size_t max_quantiles = 1'000'000;

/// What assign_quantiles returns: one quantile per value, in input order.
struct quantile_assignment {
  /// The quantile (1..nquantiles) of each value; nullopt for a missing value or for every value
  /// of a group with fewer values than quantiles.
  std::vector<std::optional<std::size_t>> quantiles;
  /// The groups (by index) that had too few values for any quantile to be assigned; R warns
  /// "One or more groups had too few small areas with values...".
  std::vector<std::size_t> groups_too_few;
};

namespace detail {

/// The quantile of rank `rank` (1 = first) among `n` ranked values split into `q` quantiles,
/// computed in double precision in the same order as PHEindicatormethods so that a value on a
/// boundary falls on the same side.
inline std::size_t quantile_of_rank(std::size_t rank, std::size_t n, std::size_t q) noexcept {
  const double width = static_cast<double>(n) / static_cast<double>(q);
  const double steps = std::ceil((static_cast<double>(n) + 1 - static_cast<double>(rank)) / width);
  const double k = std::floor(static_cast<double>(q) + 1 - steps);
  // k is 0 when rounding pushes the first rank one step too far; it then joins quantile 1.
  return k <= 0 ? 1 : static_cast<std::size_t>(k);
}

}  // namespace detail

/// Assigns quantiles within groups. `values` are the values (NaN = missing); `groups` gives the
/// group index (0..group_count−1) of each value, or is empty for one group; `invert` gives per
/// group whether the highest value goes to quantile 1 (PHEindicatormethods' default, `true`),
/// or is empty for all-true, or has one entry used for every group.
///
/// Errors: outcomes.quantile.nquantiles when `nquantiles` is 0 or above max_quantiles;
/// outcomes.quantile.request when the spans do not fit together.
[[nodiscard]] inline result<quantile_assignment> assign_quantiles(
    std::span<const double> values, std::size_t nquantiles, std::span<const std::size_t> groups,
    const std::vector<bool>& invert) {
  if (nquantiles == 0 || nquantiles > max_quantiles) {
    return fail("outcomes.quantile.nquantiles",
                "nquantiles must be a whole number from 1 to " + std::to_string(max_quantiles),
                "/nquantiles");
  }
  if (!groups.empty() && groups.size() != values.size()) {
    return fail("outcomes.quantile.request", "groups must have one entry per value", "/groups");
  }
  std::size_t group_count = values.empty() ? 0 : 1;
  for (std::size_t g : groups)
    group_count = std::max(group_count, g + 1);
  if (invert.size() > 1 && invert.size() != group_count) {
    return fail("outcomes.quantile.request", "invert must be one flag or one per group", "/invert");
  }
  auto inverted = [&](std::size_t g) {
    if (invert.empty()) return true;
    return invert.size() == 1 ? invert[0] : invert[g];
  };

  // The positions of the non-missing values of each group.
  std::vector<std::vector<std::size_t>> members(group_count);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isnan(values[i])) members[groups.empty() ? 0 : groups[i]].push_back(i);
  }

  quantile_assignment out;
  out.quantiles.assign(values.size(), std::nullopt);
  for (std::size_t g = 0; g < group_count; ++g) {
    std::vector<std::size_t>& m = members[g];
    const std::size_t n = m.size();
    if (n < nquantiles) {
      out.groups_too_few.push_back(g);
      continue;
    }
    // Rank 1 is the highest value when inverted, else the lowest; ties share the lowest rank.
    const bool high_first = inverted(g);
    auto before = [&](std::size_t a, std::size_t b) {
      return high_first ? values[a] > values[b] : values[a] < values[b];
    };
    std::stable_sort(m.begin(), m.end(), before);
    std::size_t rank = 1;
    for (std::size_t k = 0; k < n; ++k) {
      if (k > 0 && before(m[k - 1], m[k])) rank = k + 1;
      out.quantiles[m[k]] = detail::quantile_of_rank(rank, n, nquantiles);
    }
  }
  return out;
}

/// Assigns quantiles to one set of values (no groups), highest value in quantile 1 when
/// `invert` is true (PHEindicatormethods' default), lowest when false.
[[nodiscard]] inline result<quantile_assignment> assign_quantiles(std::span<const double> values,
                                                                  std::size_t nquantiles = 10,
                                                                  bool invert = true) {
  return assign_quantiles(values, nquantiles, {}, std::vector<bool>{invert});
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
