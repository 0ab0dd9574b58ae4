// joinedup: allocation of money into parts that always add back to the whole, to the penny.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "joinedup/core/money.hpp"

JOINEDUP_BEGIN_NAMESPACE

namespace detail {

/// Largest-remainder (Hamilton) apportionment of |total| pence over non-negative weights.
/// Each part first gets floor(|total| × w / W); the pence left over go one each to the parts
/// with the largest remainders, ties to the earlier position. A negative total is apportioned
/// as its magnitude and every part negated, so -£0.05 over equal thirds is -2p, -2p, -1p.
inline result<std::vector<money>> apportion(money total, std::span<const int128> weights) {
  if (weights.empty()) return fail("core.allocate.no_parts", "there are no parts to allocate to");
  int128 sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0) {
      return fail("core.allocate.negative_weight",
                  "weight " + std::to_string(i) + " is negative; weights must be zero or more");
    }
    sum += weights[i];
  }
  if (sum == 0) {
    return fail("core.allocate.zero_weights",
                "every weight is zero, so there is no basis to share " +
                    total.to_string(money_style::display) + "; give at least one part a weight");
  }
  const int128 magnitude = total.pence() < 0 ? -int128{total.pence()} : int128{total.pence()};
  std::vector<money> parts(weights.size());
  std::vector<int128> remainders(weights.size());
  int128 given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const int128 exact = magnitude * weights[i];
    const int128 share = exact / sum;
    remainders[i] = exact % sum;
    given += share;
    parts[i] = money::from_pence(static_cast<std::int64_t>(share));
  }
  auto left = static_cast<std::size_t>(magnitude - given);  // fewer than weights.size()
  if (left > 0) {
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // The `left` largest remainders (ties to the earlier position) in linear time: the order
    // is total, so which parts are first after nth_element is fully determined.
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(left - 1),
                     order.end(), [&remainders](std::size_t a, std::size_t b) {
                       return remainders[a] != remainders[b] ? remainders[a] > remainders[b]
                                                             : a < b;
                     });
    for (std::size_t k = 0; k < left; ++k) {
      parts[order[k]] = money::from_pence(parts[order[k]].pence() + 1);
    }
  }
  if (total.pence() < 0) {
    for (money& p : parts)
      p = money::from_pence(-p.pence());
  }
  return parts;
}

}  // namespace detail

/// Shares `total` in proportion to whole-number `weights` (counts, days, pence) so that the
/// parts add up to `total` exactly, by the largest-remainder method with ties to the earlier
/// position (see detail::apportion). Zero weights get nothing. Errors: core.allocate.no_parts,
/// core.allocate.negative_weight, core.allocate.zero_weights (all weights zero).
/// Example: allocate(£0.05, {70, 30}) == {£0.04, £0.01}; allocate(£100, {1, 1, 1}) ==
/// {£33.34, £33.33, £33.33}.
[[nodiscard]] inline result<std::vector<money>> allocate(money total,
                                                         std::span<const std::int64_t> weights) {
  std::vector<detail::int128> w(weights.begin(), weights.end());
  return detail::apportion(total, w);
}

/// Shares `total` in proportion to money `weights` (for example each partner's contribution),
/// exactly as allocate() over their pence.
[[nodiscard]] inline result<std::vector<money>> allocate(money total,
                                                         std::span<const money> weights) {
  std::vector<detail::int128> w;
  w.reserve(weights.size());
  for (money m : weights)
    w.push_back(m.pence());
  return detail::apportion(total, w);
}

/// Shares `total` into `n` equal parts, the spare pence going to the earliest parts.
/// Error: core.allocate.no_parts when n is zero.
[[nodiscard]] inline result<std::vector<money>> split(money total, std::size_t n) {
  std::vector<detail::int128> w(n, 1);
  return detail::apportion(total, w);
}

/// The share of `total` that falls in `part_days` of a period `whole_days` long: the first part
/// of allocate(total, {part_days, whole_days - part_days}), so the part and the rest always add
/// up to `total`. Error: core.allocate.days when whole_days <= 0 or part_days is outside
/// [0, whole_days].
[[nodiscard]] inline result<money> pro_rata(money total, std::int64_t part_days,
                                            std::int64_t whole_days) {
  if (whole_days <= 0 || part_days < 0 || part_days > whole_days) {
    return fail("core.allocate.days",
                "pro rata needs 0 <= part days <= whole days and whole days "
                "> 0; found " +
                    std::to_string(part_days) + " of " + std::to_string(whole_days));
  }
  const detail::int128 w[2] = {part_days, whole_days - part_days};
  return detail::apportion(total, w).transform([](const std::vector<money>& p) { return p[0]; });
}

JOINEDUP_END_NAMESPACE
