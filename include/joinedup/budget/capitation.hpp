// joinedup: weighted capitation. A population by area, age band and sex, with need weights and
// a market forces factor (MFF) per area; the weighted population; a capitated budget (weighted
// population × a per-head rate) allocated across areas exactly to the penny; distance from
// target; and a pace-of-change glide from a current baseline to the target share over N years.
//
// Method (docs/capitation.md has the worked examples):
//
//  1. Each row's weighted population is people × need weight × MFF of its area, held exactly as
//     a whole number of millionths of millionths of a head ("picoheads"): need weights and MFFs
//     have at most six decimal places (validate() says so otherwise), so the product is an
//     integer and the sum over rows is exact. There is no floating point anywhere.
//  2. The capitated budget is Σ weighted × rate, rounded once to whole pence by a named
//     rounding mode.
//  3. The budget is shared over the areas in proportion to their exact weighted populations by
//     allocate (largest remainder), so the areas add up to the budget to the penny.
//  4. Distance from target: the target of an area is its share of the baseline total by
//     weighted population (allocate again); the gap is baseline − target and the distance is
//     gap ÷ target (positive: above target, funded more than its need).
//  5. Pace of change over N years with year totals T1…TN: in year k each area's share moves in a
//     straight line from its baseline share to its target share,
//         share_k = (N − k)/N × baseline_i/B + k/N × target_i/T,
//     and year k's total Tk is allocated by those shares (allocate over the integer weights
//     (N − k) × baseline_i × T + k × target_i × B), so every year adds up exactly and year N is
//     exactly the target share of TN.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "joinedup/budget/detail/common.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/core/rounding.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// Sex of a population row; `persons` when the population is not split by sex.
enum class sex : std::uint8_t {
  persons,  ///< both sexes together
  female,   ///< females
  male,     ///< males
};

/// The snake_case name of a sex ("persons", "female", "male").
constexpr std::string_view to_string(sex s) noexcept {
  switch (s) {
    case sex::persons:
      return "persons";
    case sex::female:
      return "female";
    case sex::male:
      return "male";
  }
  return "persons";
}

/// An age band in whole years, inclusive at both ends ("0-4" is 0 to 4); an open band ("85+")
/// has no upper end.
struct age_band {
  int from = 0;           ///< first age in the band
  std::optional<int> to;  ///< last age in the band, or none for "and over"

  /// "0-4", "85+", or "7" for a single year.
  [[nodiscard]] std::string to_string() const {
    if (!to) return std::to_string(from) + "+";
    if (*to == from) return std::to_string(from);
    return std::to_string(from) + "-" + std::to_string(*to);
  }

  /// Reads "0-4", "85+" or "7". Error budget.capitation.age_band for anything else, a negative
  /// age, an age over 150 or a band that ends before it starts.
  [[nodiscard]] static result<age_band> parse(std::string_view text) {
    const std::string quoted = "'" + std::string(text) + "'";
    const std::string_view t = joinedup::detail::trim(text);
    auto number = [](std::string_view s, int& out) {
      if (s.empty() || s.size() > 3) return false;
      int v = 0;
      for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
      }
      out = v;
      return true;
    };
    age_band b;
    bool ok = false;
    if (!t.empty() && t.back() == '+') {
      ok = number(t.substr(0, t.size() - 1), b.from);
    } else if (const std::size_t dash = t.find('-'); dash != std::string_view::npos) {
      int hi = 0;
      ok = number(t.substr(0, dash), b.from) && number(t.substr(dash + 1), hi);
      b.to = hi;
    } else {
      int single = 0;
      ok = number(t, single);
      b.from = single;
      b.to = single;
    }
    if (!ok || b.from > 150 || (b.to && (*b.to > 150 || *b.to < b.from))) {
      return fail("budget.capitation.age_band",
                  "age band " + quoted + " is not a band of whole years like 0-4, 7 or 85+");
    }
    return b;
  }

  /// Bands compare by their ends.
  friend bool operator==(const age_band&, const age_band&) = default;
};

/// One row of a population: the people of an age band (and sex) in an area with their need
/// weight (an age and additional-need index, 1 = average need).
struct population_row {
  std::string area;                     ///< the place, practice or provider the people belong to
  age_band band;                        ///< their age band
  budget::sex sex = sex::persons;       ///< their sex, or persons
  std::int64_t people = 0;              ///< registered population (whole people)
  ratio need_weight = ratio::whole(1);  ///< need index (at most six decimal places)
  std::optional<std::size_t> line;      ///< 1-based CSV line it came from, if any
  /// Memberwise equality.
  friend bool operator==(const population_row&, const population_row&) = default;
};

/// The market forces factor of an area (unavoidable cost differences: staff, land, buildings).
struct area_factor {
  std::string area;                              ///< the area
  ratio market_forces_factor = ratio::whole(1);  ///< its MFF index (at most six decimal places)
  /// Memberwise equality.
  friend bool operator==(const area_factor&, const area_factor&) = default;
};

/// A population to be funded: rows by area, age band and sex, and the areas' MFFs (an area
/// without one has an MFF of 1).
struct population {
  std::vector<population_row> rows;        ///< the rows, in input order
  std::vector<area_factor> market_forces;  ///< MFF per area

  /// The MFF of `area` (1 when none is given; the first when several are). One lookup scans
  /// the factors; for a lookup per row use mff_by_area().
  [[nodiscard]] ratio mff(std::string_view area) const {
    for (const area_factor& f : market_forces) {
      if (f.area == area) return f.market_forces_factor;
    }
    return ratio::whole(1);
  }
  /// Every area's MFF keyed by area (the first when an area has several), built in one pass.
  /// The keys view the strings in `market_forces`, so the map lives no longer than they do.
  [[nodiscard]] std::unordered_map<std::string_view, ratio> mff_by_area() const {
    std::unordered_map<std::string_view, ratio> out;
    out.reserve(market_forces.size());
    for (const area_factor& f : market_forces)
      out.emplace(f.area, f.market_forces_factor);
    return out;
  }
  /// The areas in the order they first appear in the rows (one pass, hashed).
  [[nodiscard]] std::vector<std::string> areas() const {
    std::vector<std::string> out;
    std::unordered_set<std::string_view> seen;
    for (const population_row& r : rows) {
      if (seen.insert(r.area).second) out.push_back(r.area);
    }
    return out;
  }
  /// Memberwise equality.
  friend bool operator==(const population&, const population&) = default;
};

/// A weighted population held exactly as a whole number of picoheads (10⁻¹² of a weighted
/// head), so sums over any number of rows lose nothing.
class weighted_population {
 public:
  /// Picoheads per weighted head.
  static constexpr std::int64_t per_head = 1'000'000'000'000;

  /// Zero.
  constexpr weighted_population() noexcept = default;
  /// From picoheads.
  [[nodiscard]] static constexpr weighted_population from_picoheads(
      joinedup::detail::int128 units) noexcept {
    weighted_population w;
    w.units_ = units;
    return w;
  }
  /// From whole heads (a weight of exactly 1).
  [[nodiscard]] static constexpr weighted_population from_heads(std::int64_t heads) noexcept {
    return from_picoheads(joinedup::detail::int128{heads} * per_head);
  }
  /// The exact value in picoheads.
  [[nodiscard]] constexpr joinedup::detail::int128 picoheads() const noexcept { return units_; }
  /// The value rounded to `places` decimal places (0 to 12) as text, e.g. "1234.57".
  [[nodiscard]] std::string to_string(int places = 2, rounding mode = rounding::half_even) const {
    places = std::clamp(places, 0, 12);
    const joinedup::detail::int128 scaled =
        joinedup::detail::divide_rounded(units_, joinedup::detail::pow10(12 - places), mode);
    joinedup::detail::int128 mag = scaled < 0 ? -scaled : scaled;
    const joinedup::detail::int128 unit = joinedup::detail::pow10(places);
    std::string whole;
    joinedup::detail::int128 w = mag / unit;
    do {
      whole.insert(whole.begin(), static_cast<char>('0' + static_cast<int>(w % 10)));
      w /= 10;
    } while (w > 0);
    std::string frac;
    joinedup::detail::int128 f = mag % unit;
    for (int i = 0; i < places; ++i) {
      frac.insert(frac.begin(), static_cast<char>('0' + static_cast<int>(f % 10)));
      f /= 10;
    }
    return (scaled < 0 ? "-" : "") + whole + (places > 0 ? "." + frac : "");
  }
  /// Exact sum.
  [[nodiscard]] friend constexpr weighted_population operator+(weighted_population a,
                                                               weighted_population b) {
    return from_picoheads(a.units_ + b.units_);
  }
  /// Exact compound sum.
  constexpr weighted_population& operator+=(weighted_population b) {
    units_ += b.units_;
    return *this;
  }
  /// Weighted populations compare by value.
  friend constexpr auto operator<=>(weighted_population, weighted_population) noexcept = default;
  /// Weighted populations compare by value.
  friend constexpr bool operator==(weighted_population, weighted_population) noexcept = default;

 private:
  joinedup::detail::int128 units_ = 0;
};

namespace detail {
/// True when `r` is exact in six decimal places (its denominator divides 10⁶).
constexpr bool six_places(ratio r) noexcept {
  return 1'000'000 % r.den() == 0;
}
/// An exact ratio as a percentage with two decimal places, rounded half-even ("-3.25%").
inline std::string percent_text(ratio r) {
  return joinedup::percent_text(r, 2, rounding::half_even);
}
}  // namespace detail

/// The weighted population of one row with the given MFF: people × need weight × MFF, exact
/// when both factors have at most six decimal places (otherwise rounded half-even to a
/// picohead; validate() reports it). Throws overflow_error beyond 128 bits.
[[nodiscard]] inline weighted_population weigh(const population_row& row, ratio mff) {
  using joinedup::detail::int128;
  namespace cd = detail;
  const int128 num = cd::mul(cd::mul(cd::mul(row.people, row.need_weight.num()), mff.num()),
                             weighted_population::per_head);
  const int128 den = int128{row.need_weight.den()} * mff.den();
  return weighted_population::from_picoheads(
      joinedup::detail::divide_rounded(num, den, rounding::half_even));
}

/// The weighted population of everyone in `pop`.
[[nodiscard]] inline weighted_population total_weighted_population(const population& pop) {
  weighted_population total;
  const auto mffs = pop.mff_by_area();
  for (const population_row& r : pop.rows) {
    const auto f = mffs.find(r.area);
    const ratio mff = f == mffs.end() ? ratio::whole(1) : f->second;
    total = weighted_population::from_picoheads(
        detail::add(total.picoheads(), weigh(r, mff).picoheads()));
  }
  return total;
}

/// One area of a capitated budget.
struct area_allocation {
  std::string area;                              ///< the area
  std::int64_t people = 0;                       ///< its registered population
  ratio market_forces_factor = ratio::whole(1);  ///< its MFF
  weighted_population weighted;                  ///< its weighted population
  money allocation;                              ///< its share of the budget
};

namespace detail {
/// Area name → its position in a list of areas (keys view the list's strings).
using area_positions = std::unordered_map<std::string_view, std::size_t>;
/// The position of each area in `areas` (the first, if one is listed twice).
inline area_positions positions_of(std::span<const area_allocation> areas) {
  area_positions out;
  out.reserve(areas.size());
  for (std::size_t i = 0; i < areas.size(); ++i)
    out.emplace(areas[i].area, i);
  return out;
}
/// a + b people, throwing overflow_error when the count does not fit in 64 bits.
inline std::int64_t add_people(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) throw overflow_error("joinedup: capitation overflow");
  return out;
}
}  // namespace detail

/// A capitated budget: the weighted population × the per-head rate, and its allocation over
/// the areas. Always Σ areas[].allocation == total.
struct capitated_budget {
  rate per_head;                        ///< the rate per weighted head
  rounding mode = rounding::half_even;  ///< how the total was rounded to pence
  std::int64_t people = 0;              ///< registered population
  weighted_population weighted;         ///< weighted population
  money total;                          ///< weighted × per_head, rounded by `mode`
  std::vector<area_allocation> areas;   ///< by area, in first-appearance order
  std::vector<std::string> steps;       ///< how it was worked out, with the figures

  /// True when the areas add up to the total (always, by construction).
  [[nodiscard]] bool balances() const {
    money sum;
    for (const area_allocation& a : areas)
      sum += a.allocation;
    return sum == total;
  }
  /// The area's allocation, or nullptr.
  [[nodiscard]] const area_allocation* find(std::string_view area) const noexcept {
    for (const area_allocation& a : areas) {
      if (a.area == area) return &a;
    }
    return nullptr;
  }
};

/// The capitated budget of `pop` at `per_head` per weighted head, rounded to pence by `mode`
/// and allocated over the areas by weighted population (largest remainder). Errors:
/// budget.capitation.empty (no rows or a weighted population of zero),
/// budget.capitation.negative_rate, budget.capitation.overflow. Validate the population first:
/// this function assumes validate(pop) found no errors.
[[nodiscard]] inline result<capitated_budget> capitate(const population& pop, rate per_head,
                                                       rounding mode) {
  using joinedup::detail::int128;
  namespace cd = detail;
  if (per_head.is_negative()) {
    return fail("budget.capitation.negative_rate",
                "the rate per head " + per_head.to_string() + " is negative");
  }
  try {
    capitated_budget b;
    b.per_head = per_head;
    b.mode = mode;
    // One pass: each row's area is found by name (hashed), and an area seen for the first time
    // is added with its MFF, so the areas come out in first-appearance order.
    const auto mffs = pop.mff_by_area();
    cd::area_positions where;
    for (const population_row& r : pop.rows) {
      const auto [at, added] = where.try_emplace(r.area, b.areas.size());
      if (added) {
        const auto f = mffs.find(r.area);
        b.areas.push_back(
            area_allocation{r.area, 0, f == mffs.end() ? ratio::whole(1) : f->second, {}, {}});
      }
      area_allocation& a = b.areas[at->second];
      a.people = cd::add_people(a.people, r.people);
      a.weighted = weighted_population::from_picoheads(
          cd::add(a.weighted.picoheads(), weigh(r, a.market_forces_factor).picoheads()));
      b.people = cd::add_people(b.people, r.people);
    }
    std::vector<int128> weights;
    for (const area_allocation& a : b.areas) {
      b.weighted += a.weighted;
      weights.push_back(a.weighted.picoheads());
    }
    if (b.areas.empty() || b.weighted.picoheads() <= 0) {
      return fail("budget.capitation.empty",
                  "the population has no weighted heads, so there is nothing to fund");
    }
    // total pence = picoheads × micros / (10¹² picoheads per head × 10⁴ micros per penny)
    const int128 pence = joinedup::detail::divide_rounded(
        cd::mul(b.weighted.picoheads(), per_head.micros()),
        int128{weighted_population::per_head} * rate::per_penny, mode);
    if (!joinedup::detail::fits_int64(pence)) throw overflow_error("joinedup: budget too large");
    b.total = money::from_pence(static_cast<std::int64_t>(pence));
    const result<std::vector<money>> parts = joinedup::detail::apportion(b.total, weights);
    if (!parts) return failure{parts.error()};
    for (std::size_t i = 0; i < b.areas.size(); ++i)
      b.areas[i].allocation = (*parts)[i];
    b.steps.push_back("Weighted population = Σ people × need weight × market forces factor = " +
                      b.weighted.to_string(6) + " weighted heads from " + std::to_string(b.people) +
                      " people in " + std::to_string(b.areas.size()) + " area(s).");
    b.steps.push_back("Capitated budget = " + b.weighted.to_string(6) + " × £" +
                      per_head.to_string() + " per head = " + cd::gbp(b.total) +
                      " (rounded to the penny, " + std::string(to_string(mode)) + ").");
    for (const area_allocation& a : b.areas) {
      b.steps.push_back(a.area + ": " + a.weighted.to_string(6) + " weighted heads (" +
                        std::to_string(a.people) + " people, MFF " +
                        a.market_forces_factor.to_decimal_string() + ") → " +
                        cd::gbp(a.allocation) + " by largest remainder.");
    }
    return b;
  } catch (const overflow_error&) {
    return fail("budget.capitation.overflow",
                "the capitated budget is too large to compute exactly; check the population and "
                "the rate");
  }
}

/// An amount for an area (a current baseline allocation, for example).
struct area_amount {
  std::string area;  ///< the area
  money amount;      ///< the amount
  /// Memberwise equality.
  friend bool operator==(const area_amount&, const area_amount&) = default;
};

/// How far an area's allocation is from its target.
struct target_distance {
  std::string area;  ///< the area
  money baseline;    ///< its current allocation
  money target;      ///< its target: its weighted share of the same total
  money gap;         ///< baseline − target (positive: above target)
  ratio distance;    ///< gap ÷ target (0 when the target is zero)
};

namespace detail {
/// The baseline amounts in the order of `target.areas`, or an error for an area in one but not
/// the other (budget.capitation.unknown_area, budget.capitation.missing_baseline).
inline result<std::vector<money>> baselines_in_order(std::span<const area_amount> baseline,
                                                     const capitated_budget& target) {
  std::vector<money> out(target.areas.size());
  std::vector<bool> seen(target.areas.size(), false);
  const area_positions where = positions_of(target.areas);
  for (const area_amount& b : baseline) {
    const auto at = where.find(b.area);
    if (at == where.end()) {
      return fail("budget.capitation.unknown_area",
                  "the baseline names area '" + b.area + "', which has no population");
    }
    if (seen[at->second]) {
      return fail("budget.capitation.duplicate_area",
                  "area '" + b.area + "' has more than one baseline");
    }
    out[at->second] = b.amount;
    seen[at->second] = true;
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) {
      return fail("budget.capitation.missing_baseline",
                  "area '" + target.areas[i].area + "' has a population but no baseline");
    }
  }
  return out;
}
}  // namespace detail

/// Distance from target for each area of `target`: each area's target is its weighted share of
/// the baseline total (allocate over the weighted populations), so targets add up to the
/// baseline total exactly. Errors: budget.capitation.unknown_area,
/// budget.capitation.missing_baseline, budget.capitation.duplicate_area.
[[nodiscard]] inline result<std::vector<target_distance>> distance_from_target(
    std::span<const area_amount> baseline, const capitated_budget& target) {
  const result<std::vector<money>> base = detail::baselines_in_order(baseline, target);
  if (!base) return failure{base.error()};
  money total;
  std::vector<joinedup::detail::int128> weights;
  for (std::size_t i = 0; i < base->size(); ++i) {
    total += (*base)[i];
    weights.push_back(target.areas[i].weighted.picoheads());
  }
  const result<std::vector<money>> targets = joinedup::detail::apportion(total, weights);
  if (!targets) return failure{targets.error()};
  std::vector<target_distance> out;
  for (std::size_t i = 0; i < base->size(); ++i) {
    target_distance d{
        target.areas[i].area, (*base)[i], (*targets)[i], (*base)[i] - (*targets)[i], {}};
    if (!d.target.is_zero()) d.distance = ratio::of(d.gap.pence(), d.target.pence());
    out.push_back(std::move(d));
  }
  return out;
}

/// One area in one year of a pace-of-change glide.
struct glide_area {
  std::string area;  ///< the area
  money allocation;  ///< its allocation this year
  money target;      ///< its target share of this year's total
  money gap;         ///< allocation − target
  ratio distance;    ///< gap ÷ target (0 when the target is zero)
};

/// One year of a pace-of-change glide. Σ areas[].allocation == total.
struct glide_year {
  int year = 0;                   ///< 1 … N
  money total;                    ///< the total allocated this year
  std::vector<glide_area> areas;  ///< in the target's area order
};

/// A pace-of-change glide from a baseline to the target shares.
struct glide {
  std::vector<glide_year> years;   ///< years 1 … N
  std::vector<std::string> steps;  ///< the method and each year's figures
};

/// Moves each area from its baseline share to its target share (its share of `target`'s
/// allocation) in N = year_totals.size() equal steps of share; year k allocates year_totals[k−1]
/// exactly (see the method at the top of this header). Errors: budget.capitation.no_years,
/// budget.capitation.unknown_area, budget.capitation.missing_baseline,
/// budget.capitation.duplicate_area, budget.capitation.empty (baseline or target total not
/// positive), budget.capitation.overflow.
[[nodiscard]] inline result<glide> pace_of_change(std::span<const area_amount> baseline,
                                                  const capitated_budget& target,
                                                  std::span<const money> year_totals) {
  using joinedup::detail::int128;
  namespace cd = detail;
  if (year_totals.empty()) {
    return fail("budget.capitation.no_years", "a pace-of-change glide needs at least one year");
  }
  const result<std::vector<money>> base = cd::baselines_in_order(baseline, target);
  if (!base) return failure{base.error()};
  money b_total;
  for (money m : *base)
    b_total += m;
  if (!b_total.is_positive() || !target.total.is_positive()) {
    return fail("budget.capitation.empty",
                "the baseline and the target must both have a positive total to glide between");
  }
  const auto n = static_cast<std::int64_t>(year_totals.size());
  glide g;
  g.steps.push_back("Baseline total " + cd::gbp(b_total) + "; target " + cd::gbp(target.total) +
                    " shared by weighted population. Over " + std::to_string(n) +
                    " year(s) each area's share moves from baseline/" + cd::gbp(b_total) +
                    " to target/" + cd::gbp(target.total) +
                    " in equal steps; each year's total is allocated by those shares "
                    "(largest remainder), so each year adds up to the penny.");
  try {
    std::vector<int128> target_w;
    for (const area_allocation& a : target.areas)
      target_w.push_back(a.allocation.pence());
    for (std::int64_t k = 1; k <= n; ++k) {
      const money total = year_totals[static_cast<std::size_t>(k - 1)];
      std::vector<int128> w;
      for (std::size_t i = 0; i < base->size(); ++i) {
        w.push_back(cd::add(cd::mul(cd::mul(n - k, (*base)[i].pence()), target.total.pence()),
                            cd::mul(cd::mul(k, target_w[i]), b_total.pence())));
      }
      const result<std::vector<money>> alloc = joinedup::detail::apportion(total, w);
      if (!alloc) return failure{alloc.error()};
      const result<std::vector<money>> tgt = joinedup::detail::apportion(total, target_w);
      if (!tgt) return failure{tgt.error()};
      glide_year y{static_cast<int>(k), total, {}};
      std::string text = "Year " + std::to_string(k) + ": total " + cd::gbp(total) + ";";
      for (std::size_t i = 0; i < base->size(); ++i) {
        glide_area a{target.areas[i].area, (*alloc)[i], (*tgt)[i], (*alloc)[i] - (*tgt)[i], {}};
        if (!a.target.is_zero()) a.distance = ratio::of(a.gap.pence(), a.target.pence());
        text += " " + a.area + " " + cd::gbp(a.allocation) + " (" + cd::percent_text(a.distance) +
                " from target)";
        y.areas.push_back(std::move(a));
      }
      g.steps.push_back(text + ".");
      g.years.push_back(std::move(y));
    }
  } catch (const overflow_error&) {
    return fail("budget.capitation.overflow", "the glide is too large to compute exactly");
  }
  return g;
}

/// Which limit decided an area's allocation in a year of pace of change.
enum class growth_bound : std::uint8_t {
  none,     ///< neither: the area moved freely towards its target
  floor,    ///< held at its floor (the minimum growth over its previous allocation)
  ceiling,  ///< held at its ceiling (the maximum growth)
};

}  // namespace budget

/// The growth bounds' names in documents.
template <>
inline constexpr auto enum_names<budget::growth_bound> =
    std::array<std::string_view, 3>{"none", "floor", "ceiling"};

namespace budget {

/// Limits on each area's cash growth over its previous allocation in one year of pace of change
/// (commissioning.md §3.1: allocations move from baseline towards target at a pace set by
/// policy; docs/sources.md for the floor). A floor of 0 means no area loses cash; a floor of
/// 1.5 % means every area, above target or not, gets at least 1.5 % more than last year.
struct growth_limits {
  ratio floor;                   ///< minimum growth (0.015 is 1.5 %); may be negative
  std::optional<ratio> ceiling;  ///< maximum growth, or none
};

namespace detail {
/// One year's allocation with growth limits, as limit_growth works it out.
struct limited_year {
  std::vector<money> allocation;               ///< the allocation, Σ == the year's total
  std::vector<money> floors;                   ///< previous × (1 + floor), rounded up to pence
  std::vector<std::optional<money>> ceilings;  ///< previous × (1 + ceiling), rounded down
  std::vector<growth_bound> bound;             ///< which limit held each area
  money pot;                                   ///< total − Σ floors: what moves areas to target
};

/// Allocates `total` so that each area gets at least its floor and at most its ceiling over
/// `previous`, and otherwise as close to `desired` as the money allows:
///  1. floor_i = previous_i × (1 + floor), rounded up (ceiling) so the guarantee is met;
///     ceiling_i = previous_i × (1 + ceiling), rounded down (floor), never below floor_i.
///  2. wanted_i = desired_i held between floor_i and ceiling_i.
///  3. When Σ wanted ≥ total, the pot total − Σ floor is allocated (largest remainder) over the
///     headroom wanted_i − floor_i: every area gets its floor and the same fraction of the way
///     from its floor to what it wanted. When Σ wanted < total (ceilings held areas back), the
///     rest is allocated over the room under each ceiling (or over wanted_i with no ceiling).
/// Errors: budget.pace.floor_unaffordable (Σ floors > total), budget.pace.ceiling_too_low
/// (Σ ceilings < total); throws overflow_error when a figure does not fit.
inline result<limited_year> limit_growth(std::span<const money> previous,
                                         std::span<const money> desired, money total,
                                         const growth_limits& limits) {
  using joinedup::detail::int128;
  const std::size_t n = previous.size();
  const ratio one = ratio::whole(1);
  limited_year y;
  std::vector<money> wanted(n);
  money sum_floor;
  money sum_wanted;
  money sum_ceiling;
  for (std::size_t i = 0; i < n; ++i) {
    const money f = scale(previous[i], one + limits.floor, rounding::ceiling);
    std::optional<money> c;
    if (limits.ceiling) c = std::max(f, scale(previous[i], one + *limits.ceiling, rounding::floor));
    money w = std::max(desired[i], f);
    if (c) w = std::min(w, *c);
    y.floors.push_back(f);
    y.ceilings.push_back(c);
    wanted[i] = w;
    sum_floor += f;
    sum_wanted += w;
    if (c) sum_ceiling += *c;
  }
  if (sum_floor > total) {
    return fail("budget.pace.floor_unaffordable",
                "the floors add up to " + gbp(sum_floor) + " but the total to allocate is " +
                    gbp(total) + "; lower the floor or raise the total");
  }
  if (limits.ceiling && sum_ceiling < total) {
    return fail("budget.pace.ceiling_too_low", "the ceilings add up to " + gbp(sum_ceiling) +
                                                   " but the total to allocate is " + gbp(total) +
                                                   "; raise the ceiling or lower the total");
  }
  y.pot = total - sum_floor;
  y.allocation = wanted;
  std::vector<int128> weights(n);
  money share;
  if (sum_wanted >= total) {
    for (std::size_t i = 0; i < n; ++i)
      weights[i] = (wanted[i] - y.floors[i]).pence();
    share = y.pot;
    y.allocation = y.floors;
  } else {
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
      weights[i] = (y.ceilings[i] ? *y.ceilings[i] - wanted[i] : wanted[i]).pence();
      any = any || weights[i] > 0;
    }
    if (!any) std::fill(weights.begin(), weights.end(), int128{1});
    share = total - sum_wanted;
  }
  if (!share.is_zero()) {
    const result<std::vector<money>> parts = joinedup::detail::apportion(share, weights);
    if (!parts) return failure{parts.error()};
    for (std::size_t i = 0; i < n; ++i)
      y.allocation[i] += (*parts)[i];
  }
  for (std::size_t i = 0; i < n; ++i) {
    y.bound.push_back(y.allocation[i] == y.floors[i]                       ? growth_bound::floor
                      : y.ceilings[i] && y.allocation[i] == *y.ceilings[i] ? growth_bound::ceiling
                                                                           : growth_bound::none);
  }
  return y;
}
}  // namespace detail

/// pace_of_change with growth limits: each year's glide allocation is then held between the
/// floor and ceiling over the area's previous allocation (the baseline in year 1) by
/// detail::limit_growth, so no area grows by less than the floor (an area above target keeps at
/// least floor growth instead of losing cash) or by more than the ceiling, and each year still
/// adds up to its total to the penny. The three-argument pace_of_change is unchanged. Errors: as
/// pace_of_change, and budget.pace.floor_unaffordable, budget.pace.ceiling_too_low,
/// budget.capitation.overflow.
[[nodiscard]] inline result<glide> pace_of_change(std::span<const area_amount> baseline,
                                                  const capitated_budget& target,
                                                  std::span<const money> year_totals,
                                                  const growth_limits& limits) {
  namespace cd = detail;
  const result<glide> unlimited = pace_of_change(baseline, target, year_totals);
  if (!unlimited) return unlimited;
  glide g = *unlimited;
  const result<std::vector<money>> base = cd::baselines_in_order(baseline, target);
  if (!base) return failure{base.error()};
  std::vector<money> previous = *base;
  g.steps.push_back("Growth limits over each area's previous allocation: floor " +
                    cd::percent_text(limits.floor) + ", ceiling " +
                    (limits.ceiling ? cd::percent_text(*limits.ceiling) : std::string("none")) +
                    "; floors are rounded up and ceilings down to the penny, and what is left "
                    "after the floors moves areas towards the glide (largest remainder).");
  try {
    for (glide_year& y : g.years) {
      std::vector<money> desired;
      for (const glide_area& a : y.areas)
        desired.push_back(a.allocation);
      const result<cd::limited_year> lim = cd::limit_growth(previous, desired, y.total, limits);
      if (!lim) return failure{lim.error()};
      std::string text = "Year " + std::to_string(y.year) + " within the limits:";
      for (std::size_t i = 0; i < y.areas.size(); ++i) {
        glide_area& a = y.areas[i];
        a.allocation = lim->allocation[i];
        a.gap = a.allocation - a.target;
        a.distance = a.target.is_zero() ? ratio{} : ratio::of(a.gap.pence(), a.target.pence());
        text += " " + a.area + " " + cd::gbp(a.allocation) +
                (lim->bound[i] == growth_bound::none
                     ? std::string()
                     : " (at its " + std::string(enum_name(lim->bound[i])) + ")");
      }
      g.steps.push_back(text + ".");
      previous = lim->allocation;
    }
  } catch (const overflow_error&) {
    return fail("budget.capitation.overflow", "the glide is too large to compute exactly");
  }
  return g;
}

/// One area of a pace-of-change plan: its baseline (this year's allocation) and its target
/// allocation for the plan's year. Both are optional in the document so that validate() can
/// name what is missing.
struct pace_area {
  std::string area;               ///< the area, place or ICB
  std::optional<money> baseline;  ///< its current allocation
  std::optional<money> target;    ///< its target allocation (its fair share of the total)
  /// Memberwise equality.
  friend bool operator==(const pace_area&, const pace_area&) = default;
};

/// A one-year pace-of-change plan: areas with baselines and targets, the total to allocate
/// (Σ targets when not given) and the growth limits.
struct pace_plan {
  std::string name;              ///< what the plan is
  std::string financial_year;    ///< "2026-27", as written
  std::optional<money> total;    ///< the year's total; Σ targets when absent
  ratio floor;                   ///< minimum cash growth over baseline (default 0: no cash loss)
  std::optional<ratio> ceiling;  ///< maximum cash growth, or none
  std::vector<pace_area> areas;  ///< the areas, in the order they are reported
  /// Memberwise equality.
  friend bool operator==(const pace_plan&, const pace_plan&) = default;
};

}  // namespace budget

// The pace-of-change plan document (joinedup/pace-of-change/v1, read by io::read_pace_plan),
// named once here; floor and ceiling are written as percentages.

template <>
inline constexpr auto fields_of<budget::pace_area> =
    std::tuple{field("area", &budget::pace_area::area),
               field("baseline", &budget::pace_area::baseline, presence::omit_empty),
               field("target", &budget::pace_area::target, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::pace_plan> = std::tuple{
    field("name", &budget::pace_plan::name, presence::optional),
    field("financial_year", &budget::pace_plan::financial_year, presence::omit_empty),
    field("total", &budget::pace_plan::total, presence::omit_empty),
    field("floor", &budget::pace_plan::floor, presence::optional, text_form::percent_sign),
    field("ceiling", &budget::pace_plan::ceiling, presence::omit_empty, text_form::percent_sign),
    field("areas", &budget::pace_plan::areas)};

namespace budget {

/// One area's allocation in a year of pace of change, with its distance from target before and
/// after.
struct paced_area {
  std::string area;              ///< the area
  money baseline;                ///< its current allocation
  money target;                  ///< its target allocation for the year
  money floor;                   ///< the least it may get: baseline × (1 + floor), rounded up
  std::optional<money> ceiling;  ///< the most it may get, rounded down (none without a ceiling)
  money allocation;              ///< what it gets
  money growth;                  ///< allocation − baseline
  ratio growth_rate;             ///< growth ÷ baseline (0 when the baseline is zero)
  money target_on_baseline;      ///< its target share of the baseline total (allocate)
  money gap_before;              ///< baseline − target_on_baseline (positive: above target)
  ratio distance_before;         ///< gap_before ÷ target_on_baseline
  money gap_after;               ///< allocation − target
  ratio distance_after;          ///< gap_after ÷ target
  growth_bound bound = growth_bound::none;  ///< which limit held it
};

/// A year of pace of change. Always Σ areas[].allocation == total.
struct paced_year {
  money baseline_total;            ///< Σ baselines
  money total;                     ///< the year's total
  growth_limits limits;            ///< the floor and ceiling
  money pot;                       ///< total − Σ floors: what moved areas towards target
  std::vector<paced_area> areas;   ///< in plan order
  std::vector<std::string> steps;  ///< how it was worked out, with the figures

  /// True when the areas add up to the total (always, by construction).
  [[nodiscard]] bool balances() const {
    money sum;
    for (const paced_area& a : areas)
      sum += a.allocation;
    return sum == total;
  }
  /// The area's result, or nullptr.
  [[nodiscard]] const paced_area* find(std::string_view area) const noexcept {
    for (const paced_area& a : areas) {
      if (a.area == area) return &a;
    }
    return nullptr;
  }
};

/// Checks a pace-of-change plan: no areas (budget.pace.no_areas), an empty or repeated area
/// (budget.pace.area, budget.pace.duplicate_area), an area without a baseline or target
/// (budget.pace.missing_baseline, budget.pace.missing_target), a negative baseline, target or
/// total (budget.pace.negative_amount), a floor or ceiling of −100 % or less
/// (budget.pace.percent), a floor above the ceiling (budget.pace.floor_above_ceiling), targets
/// that do not add up to a given total (budget.pace.target_total) and targets adding up to zero
/// (budget.pace.no_target). Paths are JSON pointers into the plan document.
[[nodiscard]] inline diagnostics validate(const pace_plan& p) {
  diagnostics d;
  if (p.areas.empty()) d.error("budget.pace.no_areas", "/areas", "the plan has no areas");
  std::unordered_map<std::string_view, std::size_t> first;
  joinedup::detail::int128 targets = 0;  // Σ targets, exact: money could overflow
  bool all_targets = true;
  for (std::size_t i = 0; i < p.areas.size(); ++i) {
    const pace_area& a = p.areas[i];
    const std::string at = "/areas/" + std::to_string(i);
    if (a.area.empty()) d.error("budget.pace.area", at + "/area", "the area's name is empty");
    if (const auto [it, added] = first.emplace(a.area, i); !added && !a.area.empty()) {
      d.error("budget.pace.duplicate_area", at + "/area",
              "area '" + a.area + "' is listed more than once (first at /areas/" +
                  std::to_string(it->second) + ")");
    }
    const auto amount = [&](const std::optional<money>& m, const char* field, const char* code) {
      if (!m) {
        d.error(code, at + "/" + field,
                "area '" + a.area + "' has no " + field + "; every area needs a baseline and a " +
                    "target");
      } else if (m->is_negative()) {
        d.error("budget.pace.negative_amount", at + "/" + field,
                "area '" + a.area + "' has a " + field + " of " + detail::gbp(*m) +
                    "; expected zero or more");
      }
    };
    amount(a.baseline, "baseline", "budget.pace.missing_baseline");
    amount(a.target, "target", "budget.pace.missing_target");
    if (a.target) targets += a.target->pence();
    all_targets = all_targets && a.target.has_value();
  }
  if (p.total && p.total->is_negative()) {
    d.error("budget.pace.negative_amount", "/total",
            "the total is " + detail::gbp(*p.total) + "; expected zero or more");
  }
  const ratio minus_one = ratio::whole(-1);
  if (p.floor <= minus_one) {
    d.error("budget.pace.percent", "/floor",
            "the floor is " + detail::percent_text(p.floor) +
                " growth; expected more than -100% (0% means no area loses cash)");
  }
  if (p.ceiling && *p.ceiling <= minus_one) {
    d.error(
        "budget.pace.percent", "/ceiling",
        "the ceiling is " + detail::percent_text(*p.ceiling) + " growth; expected more than -100%");
  }
  if (p.ceiling && p.floor > *p.ceiling) {
    d.error("budget.pace.floor_above_ceiling", "/ceiling",
            "the floor (" + detail::percent_text(p.floor) + ") is above the ceiling (" +
                detail::percent_text(*p.ceiling) + "); no area could be given an allocation");
  }
  if (all_targets && !p.areas.empty()) {
    const money sum = joinedup::detail::fits_int64(targets)
                          ? money::from_pence(static_cast<std::int64_t>(targets))
                          : money{};
    if (p.total && targets != p.total->pence()) {
      d.error("budget.pace.target_total", "/total",
              "the targets add up to " + detail::gbp(sum) + " but the total is " +
                  detail::gbp(*p.total) +
                  "; targets are shares of the total and must add up to it");
    } else if (targets <= 0) {
      d.error(
          "budget.pace.no_target", "/areas",
          "the targets add up to " + detail::gbp(sum) + "; there is nothing to move areas towards");
    }
  }
  return d;
}

/// One year of pace of change for a plan: every area gets at least its floor growth and at most
/// its ceiling over its baseline, and the rest of the total moves areas below target towards it
/// (detail::limit_growth with the targets as the desired allocations), exactly to the penny.
/// Distance from target before compares the baseline with the target's share of the baseline
/// total (as distance_from_target does); after, the allocation with the target. Assumes
/// validate(plan) found no errors. Errors: budget.pace.floor_unaffordable,
/// budget.pace.ceiling_too_low, budget.pace.overflow.
[[nodiscard]] inline result<paced_year> pace_year(const pace_plan& p) {
  namespace cd = detail;
  using joinedup::detail::int128;
  try {
    paced_year y;
    y.limits = growth_limits{p.floor, p.ceiling};
    std::vector<money> base;
    std::vector<money> target;
    std::vector<int128> target_w;
    money targets;
    for (const pace_area& a : p.areas) {
      base.push_back(a.baseline.value_or(money{}));
      target.push_back(a.target.value_or(money{}));
      target_w.push_back(target.back().pence());
      y.baseline_total += base.back();
      targets += target.back();
    }
    y.total = p.total.value_or(targets);
    std::vector<money> on_base(base.size());
    if (targets.is_positive()) {
      const result<std::vector<money>> tb = joinedup::detail::apportion(y.baseline_total, target_w);
      if (!tb) return failure{tb.error()};
      on_base = *tb;
    }
    const result<cd::limited_year> lim = cd::limit_growth(base, target, y.total, y.limits);
    if (!lim) return failure{lim.error()};
    y.pot = lim->pot;
    const auto share = [](money num, money den) {
      return den.is_zero() ? ratio{} : ratio::of(num.pence(), den.pence());
    };
    y.steps.push_back(
        "Baseline total " + cd::gbp(y.baseline_total) + "; total to allocate " + cd::gbp(y.total) +
        "; floor " + cd::percent_text(p.floor) + " growth, ceiling " +
        (p.ceiling ? cd::percent_text(*p.ceiling) + " growth" : std::string("none")) + ".");
    money floors;
    for (money f : lim->floors)
      floors += f;
    y.steps.push_back(
        "Floors: each baseline × (1 + floor), rounded up to the penny so that no "
        "area gets less than the floor; they add up to " +
        cd::gbp(floors) + ", leaving " + cd::gbp(y.pot) + " to move areas towards their targets.");
    y.steps.push_back(
        "Each area's wanted allocation is its target held between its floor and ceiling; the " +
        cd::gbp(y.pot) +
        " is shared by largest remainder over what each wants above its floor, so every area "
        "below target moves the same fraction of the way from its floor to its target and the "
        "areas add up to the total to the penny.");
    for (std::size_t i = 0; i < p.areas.size(); ++i) {
      paced_area a;
      a.area = p.areas[i].area;
      a.baseline = base[i];
      a.target = target[i];
      a.floor = lim->floors[i];
      a.ceiling = lim->ceilings[i];
      a.allocation = lim->allocation[i];
      a.growth = a.allocation - a.baseline;
      a.growth_rate = share(a.growth, a.baseline);
      a.target_on_baseline = on_base[i];
      a.gap_before = a.baseline - a.target_on_baseline;
      a.distance_before = share(a.gap_before, a.target_on_baseline);
      a.gap_after = a.allocation - a.target;
      a.distance_after = share(a.gap_after, a.target);
      a.bound = lim->bound[i];
      y.steps.push_back(a.area + ": baseline " + cd::gbp(a.baseline) + " (" +
                        cd::percent_text(a.distance_before) + " from target), target " +
                        cd::gbp(a.target) + ", floor " + cd::gbp(a.floor) +
                        (a.ceiling ? ", ceiling " + cd::gbp(*a.ceiling) : std::string()) + " → " +
                        cd::gbp(a.allocation) + " (" + cd::percent_text(a.growth_rate) +
                        " growth, " + cd::percent_text(a.distance_after) + " from target" +
                        (a.bound == growth_bound::none
                             ? std::string()
                             : ", at its " + std::string(enum_name(a.bound))) +
                        ").");
      y.areas.push_back(std::move(a));
    }
    return y;
  } catch (const overflow_error&) {
    return fail("budget.pace.overflow",
                "the plan's figures are too large to compute exactly; check the amounts");
  }
}

/// Checks a population: negative people (budget.capitation.negative_population), negative need
/// weights or non-positive MFFs (budget.capitation.negative_weight), weights with more than six
/// decimal places (budget.capitation.weight_precision), an area with more than one MFF
/// (budget.capitation.duplicate_area), an MFF for an area with no rows
/// (budget.capitation.unknown_area, warning), an area mixing persons rows with female/male rows
/// (budget.capitation.sex_mixed), and within each area and sex age bands that overlap
/// (budget.capitation.age_band_overlap), leave a gap (budget.capitation.age_band_gap) or put an
/// open band before another (also an overlap); no rows at all is budget.capitation.empty.
/// Paths are "/rows/<i>/<field>" (and the row's CSV line) and "/market_forces/<i>".
[[nodiscard]] inline diagnostics validate(const population& pop) {
  diagnostics d;
  auto row_diag = [&d](std::string_view code, std::size_t i, std::string_view field,
                       const population_row& r, std::string message) {
    diagnostic x = make_diagnostic(code, severity::error,
                                   "/rows/" + std::to_string(i) + "/" + std::string(field),
                                   std::move(message));
    x.line = r.line;
    d.add(std::move(x));
  };
  if (pop.rows.empty()) d.error("budget.capitation.empty", "/rows", "the population has no rows");
  for (std::size_t i = 0; i < pop.rows.size(); ++i) {
    const population_row& r = pop.rows[i];
    if (r.people < 0) {
      row_diag("budget.capitation.negative_population", i, "population", r,
               "area '" + r.area + "' age " + r.band.to_string() + " has a population of " +
                   std::to_string(r.people) + "; expected zero or more");
    }
    if (r.need_weight.is_negative()) {
      row_diag("budget.capitation.negative_weight", i, "need_weight", r,
               "area '" + r.area + "' age " + r.band.to_string() + " has a need weight of " +
                   r.need_weight.to_decimal_string() + "; expected zero or more");
    } else if (!detail::six_places(r.need_weight)) {
      row_diag("budget.capitation.weight_precision", i, "need_weight", r,
               "need weight " + r.need_weight.to_decimal_string() +
                   " has more than six decimal places; round it at source");
    }
  }
  std::unordered_set<std::string_view> row_areas;
  for (const population_row& r : pop.rows)
    row_areas.insert(r.area);
  std::unordered_map<std::string_view, std::size_t> first_mff;  // area -> first factor's index
  for (std::size_t i = 0; i < pop.market_forces.size(); ++i) {
    const area_factor& f = pop.market_forces[i];
    const std::string path = "/market_forces/" + std::to_string(i);
    if (f.market_forces_factor <= ratio{}) {
      d.error("budget.capitation.negative_weight", path,
              "area '" + f.area + "' has a market forces factor of " +
                  f.market_forces_factor.to_decimal_string() + "; expected more than zero");
    } else if (!detail::six_places(f.market_forces_factor)) {
      d.error("budget.capitation.weight_precision", path,
              "market forces factor " + f.market_forces_factor.to_decimal_string() +
                  " has more than six decimal places; round it at source");
    }
    if (const auto [first, added] = first_mff.emplace(f.area, i); !added) {
      d.error("budget.capitation.duplicate_area", path,
              "area '" + f.area +
                  "' has more than one market forces factor (first at "
                  "/market_forces/" +
                  std::to_string(first->second) + ")");
    }
    if (!row_areas.contains(f.area)) {
      d.warning("budget.capitation.unknown_area", path,
                "area '" + f.area + "' has a market forces factor but no population");
    }
  }
  // Age bands per area and sex: sort by first age and walk.
  std::map<std::pair<std::string, sex>, std::vector<std::size_t>> groups;
  std::map<std::string, std::pair<bool, bool>> sexes;  // has persons, has female/male
  for (std::size_t i = 0; i < pop.rows.size(); ++i) {
    groups[{pop.rows[i].area, pop.rows[i].sex}].push_back(i);
    auto& s = sexes[pop.rows[i].area];
    (pop.rows[i].sex == sex::persons ? s.first : s.second) = true;
  }
  for (const auto& [area, s] : sexes) {
    if (s.first && s.second) {
      d.error("budget.capitation.sex_mixed", "/rows",
              "area '" + area +
                  "' has both 'persons' rows and female/male rows, so people would be counted "
                  "twice; use one or the other");
    }
  }
  for (auto& [key, idx] : groups) {
    std::stable_sort(idx.begin(), idx.end(), [&pop](std::size_t a, std::size_t b) {
      return pop.rows[a].band.from < pop.rows[b].band.from;
    });
    for (std::size_t k = 1; k < idx.size(); ++k) {
      const population_row& prev = pop.rows[idx[k - 1]];
      const population_row& cur = pop.rows[idx[k]];
      const std::string who = "area '" + key.first + "' (" + std::string(to_string(key.second)) +
                              "): age band " + cur.band.to_string();
      if (!prev.band.to || cur.band.from <= *prev.band.to) {
        row_diag("budget.capitation.age_band_overlap", idx[k], "age_band", cur,
                 who + " overlaps " + prev.band.to_string());
      } else if (cur.band.from > *prev.band.to + 1) {
        row_diag("budget.capitation.age_band_gap", idx[k], "age_band", cur,
                 who + " leaves ages " + std::to_string(*prev.band.to + 1) + "-" +
                     std::to_string(cur.band.from - 1) + " uncovered after " +
                     prev.band.to_string());
      }
    }
  }
  return d;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
