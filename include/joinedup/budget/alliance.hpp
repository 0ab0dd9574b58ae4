// joinedup: alliance contracts. Members hold budget shares; the alliance's actual spend against
// its budget is a gain (underspend) or a loss (overspend) shared by agreed percentages, each
// member's part held between its collar (the most it can lose, a negative amount) and its cap
// (the most it can gain), exact to the penny, with an explanation trail like settlement.
//
// There is no national formula for alliance gain/loss share (commissioning.md §3.4): the
// percentages, caps and collars are inputs. The method (docs/capitation.md, "Alliance"):
//
//  1. variance = Σ budget − Σ actual (positive: a gain to share; negative: a loss).
//  2. The variance is shared by the members' gain shares (for a gain) or loss shares (for a
//     loss); a member with no share given takes its budget share. allocate (largest remainder)
//     makes the parts add up exactly.
//  3. A member whose part goes above its cap (gain) or below its collar (loss) is held at it;
//     the excess is shared again over the members still within their limits by their shares,
//     and so on, unless the agreement says excess is not redistributed.
//  4. What no member can take is the commissioner's: a gain it retains, a loss it bears.
//  5. Each member is paid its actual spend plus its part (a loss part is negative).
// Always: variance == Σ members[].share + commissioner.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "joinedup/budget/detail/common.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// A member of an alliance with its budget, actual spend and risk-share terms.
struct alliance_member {
  std::string id;                   ///< member id
  std::string name;                 ///< its name
  money budget;                     ///< its budget within the alliance
  money actual;                     ///< its actual (or forecast) spend
  std::optional<ratio> gain_share;  ///< its share of a gain (default: its budget share)
  std::optional<ratio> loss_share;  ///< its share of a loss (default: its budget share)
  std::optional<money> cap;         ///< the most it can gain (zero or more)
  std::optional<money> collar;      ///< the most it can lose, as a negative amount
  /// Memberwise equality.
  friend bool operator==(const alliance_member&, const alliance_member&) = default;
};

/// An alliance agreement and its year's figures.
struct alliance {
  std::string name;                      ///< the alliance
  std::vector<alliance_member> members;  ///< members, in agreement order
  bool redistribute_excess = true;       ///< excess over a cap or collar goes to the others
  /// Memberwise equality.
  friend bool operator==(const alliance&, const alliance&) = default;
};

}  // namespace budget

// The alliance agreement document (joinedup/alliance/v1, read and written by io::read_alliance
// and io::write_alliance), named once here. A share may also be a JSON whole number: a small
// step in src/io/capitation.cpp before the generic reader.

template <>
inline constexpr auto fields_of<budget::alliance_member> =
    std::tuple{field("id", &budget::alliance_member::id),
               field("name", &budget::alliance_member::name, presence::omit_empty),
               field("budget", &budget::alliance_member::budget),
               field("actual", &budget::alliance_member::actual),
               field("gain_share", &budget::alliance_member::gain_share, presence::omit_empty),
               field("loss_share", &budget::alliance_member::loss_share, presence::omit_empty),
               field("cap", &budget::alliance_member::cap, presence::omit_empty),
               field("collar", &budget::alliance_member::collar, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::alliance> = std::tuple{
    field("name", &budget::alliance::name, presence::optional),
    field("redistribute_excess", &budget::alliance::redistribute_excess, presence::optional),
    field("members", &budget::alliance::members)};

namespace budget {

/// One member's part of the gain or loss.
struct member_share {
  std::string member;       ///< member id
  money budget;             ///< its budget
  money actual;             ///< its actual spend
  ratio share;              ///< the share percentage applied
  money provisional;        ///< its part before caps and collars
  money share_of_variance;  ///< its final part (+ gain, − loss)
  bool limited = false;     ///< held at its cap or collar
  money payment;            ///< actual + share_of_variance: what the commissioner pays it
};

/// The gain/loss share of an alliance. Always variance == Σ shares + commissioner.
struct alliance_settlement {
  money budget;                       ///< Σ budget
  money actual;                       ///< Σ actual
  money variance;                     ///< budget − actual (+ gain, − loss)
  std::vector<member_share> members;  ///< in agreement order
  money commissioner;  ///< what no member could take: gain retained (+), loss borne (−)
  std::vector<std::string> steps;  ///< the explanation, in order, with the figures

  /// Σ members[].share_of_variance.
  [[nodiscard]] money total_shared() const {
    money t;
    for (const member_share& m : members)
      t += m.share_of_variance;
    return t;
  }
  /// True when variance == Σ shares + commissioner (always, by construction).
  [[nodiscard]] bool balances() const { return variance == total_shared() + commissioner; }
  /// The member's result, or nullptr.
  [[nodiscard]] const member_share* find(std::string_view id) const noexcept {
    for (const member_share& m : members) {
      if (m.member == id) return &m;
    }
    return nullptr;
  }
};

namespace detail {
/// The shares actually used: the given ones, or budget shares for members without one.
inline std::vector<ratio> shares(const alliance& a, bool gain) {
  money total;
  for (const alliance_member& m : a.members)
    total += m.budget;
  std::vector<ratio> out;
  for (const alliance_member& m : a.members) {
    const std::optional<ratio>& given = gain ? m.gain_share : m.loss_share;
    if (given) {
      out.push_back(*given);
    } else {
      out.push_back(total.is_positive() ? ratio::of(m.budget.pence(), total.pence()) : ratio{});
    }
  }
  return out;
}
/// Integer weights proportional to `shares` (each scaled by the least common denominator);
/// throws overflow_error when that does not fit.
inline std::vector<joinedup::detail::int128> weights(const std::vector<ratio>& shares) {
  using joinedup::detail::int128;
  int128 lcm = 1;
  for (ratio r : shares) {
    int128 a = lcm;
    int128 b = r.den();
    while (b != 0) {
      const int128 t = a % b;
      a = b;
      b = t;
    }
    int128 next = 0;
    if (__builtin_mul_overflow(lcm / a, int128{r.den()}, &next) || next > int128{1} << 62) {
      throw overflow_error("joinedup: alliance shares too fine");
    }
    lcm = next;
  }
  std::vector<int128> w;
  for (ratio r : shares) {
    const int128 x = int128{r.num()} * (lcm / r.den());
    w.push_back(x < 0 ? int128{0} : x);
  }
  return w;
}
}  // namespace detail

/// Shares the alliance's gain or loss among its members (method at the top of this header).
/// Assumes validate(a) found no errors. Errors: budget.alliance.no_members,
/// budget.alliance.overflow.
[[nodiscard]] inline result<alliance_settlement> settle_alliance(const alliance& a) {
  namespace ad = detail;
  using joinedup::detail::int128;
  if (a.members.empty()) return fail("budget.alliance.no_members", "the alliance has no members");
  try {
    alliance_settlement s;
    for (const alliance_member& m : a.members) {
      s.budget += m.budget;
      s.actual += m.actual;
    }
    s.variance = s.budget - s.actual;
    const bool gain = !s.variance.is_negative();
    const std::vector<ratio> sh = ad::shares(a, gain);
    const std::vector<int128> w = ad::weights(sh);
    s.steps.push_back("Alliance " + (a.name.empty() ? std::string("budget") : a.name) +
                      ": budget " + ad::gbp(s.budget) + ", actual " + ad::gbp(s.actual) + ", " +
                      (s.variance.is_zero() ? std::string("on budget")
                       : gain               ? "a gain of " + ad::gbp(s.variance)
                                            : "a loss of " + ad::gbp(-s.variance)) +
                      ".");
    for (std::size_t i = 0; i < a.members.size(); ++i) {
      const alliance_member& m = a.members[i];
      s.members.push_back(member_share{m.id, m.budget, m.actual, sh[i], {}, {}, false, {}});
    }
    std::vector<bool> eligible(a.members.size());
    for (std::size_t i = 0; i < eligible.size(); ++i)
      eligible[i] = w[i] > 0;
    money remaining = s.variance;
    bool first = true;
    while (!remaining.is_zero()) {
      std::vector<int128> round_w(w.size(), 0);
      bool any = false;
      for (std::size_t i = 0; i < w.size(); ++i) {
        if (eligible[i]) {
          round_w[i] = w[i];
          any = true;
        }
      }
      if (!any) break;
      const result<std::vector<money>> parts = joinedup::detail::apportion(remaining, round_w);
      if (!parts) break;
      std::string text = first ? std::string("Shared by ") + (gain ? "gain" : "loss") + " shares:"
                               : "Excess of " + ad::gbp(remaining) +
                                     " shared again over members within their limits:";
      for (std::size_t i = 0; i < w.size(); ++i) {
        if (!eligible[i]) continue;
        s.members[i].share_of_variance += (*parts)[i];
        if (first) s.members[i].provisional = (*parts)[i];
        text += " " + a.members[i].id + " " + ad::pct(sh[i]) + " " + ad::gbp((*parts)[i]) + ";";
      }
      text.back() = '.';
      s.steps.push_back(text);
      first = false;
      remaining = money{};
      for (std::size_t i = 0; i < w.size(); ++i) {
        if (!eligible[i]) continue;
        const alliance_member& m = a.members[i];
        member_share& ms = s.members[i];
        if (gain && m.cap) {
          const money bound = std::max(*m.cap, money{});
          if (ms.share_of_variance > bound) {
            const money excess = ms.share_of_variance - bound;
            s.steps.push_back(m.id + " reaches its cap of " + ad::gbp(bound) + ": " +
                              ad::gbp(ms.share_of_variance) + " is held at the cap and " +
                              ad::gbp(excess) + " is excess.");
            ms.share_of_variance = bound;
            ms.limited = true;
            eligible[i] = false;
            remaining += excess;
          }
        } else if (!gain && m.collar) {
          const money bound = std::min(*m.collar, money{});
          if (ms.share_of_variance < bound) {
            const money excess = ms.share_of_variance - bound;
            s.steps.push_back(m.id + " reaches its collar of " + ad::gbp(bound) + ": " +
                              ad::gbp(ms.share_of_variance) + " is held at the collar and " +
                              ad::gbp(excess) + " is excess.");
            ms.share_of_variance = bound;
            ms.limited = true;
            eligible[i] = false;
            remaining += excess;
          }
        }
      }
      if (!a.redistribute_excess) break;
    }
    s.commissioner = remaining;
    if (!remaining.is_zero()) {
      s.steps.push_back(gain ? "No member can take the remaining gain of " + ad::gbp(remaining) +
                                   ": the commissioner retains it."
                             : "No member can bear the remaining loss of " + ad::gbp(-remaining) +
                                   ": the commissioner bears it.");
    }
    for (member_share& ms : s.members) {
      ms.payment = ms.actual + ms.share_of_variance;
      s.steps.push_back(ms.member + ": actual " + ad::gbp(ms.actual) + " + share " +
                        ad::gbp(ms.share_of_variance) + " = payment " + ad::gbp(ms.payment) + ".");
    }
    s.steps.push_back("Check: variance " + ad::gbp(s.variance) + " = members " +
                      ad::gbp(s.total_shared()) + " + commissioner " + ad::gbp(s.commissioner) +
                      ".");
    return s;
  } catch (const overflow_error&) {
    return fail("budget.alliance.overflow",
                "the alliance figures are too large or its shares "
                "too fine to compute exactly");
  }
}

/// Checks an alliance: no members (budget.alliance.no_members); duplicate member ids
/// (budget.alliance.duplicate_member); negative budgets or actuals
/// (budget.alliance.negative_budget); negative shares, or gain or loss shares that are given
/// for some members but not all, or do not sum to 100 % (budget.alliance.shares); a cap below a
/// collar (budget.alliance.cap_below_collar); a negative cap or positive collar
/// (budget.alliance.limit_sign, warning).
[[nodiscard]] inline diagnostics validate(const alliance& a) {
  diagnostics d;
  if (a.members.empty())
    d.error("budget.alliance.no_members", "/members", "the alliance has no members");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    const alliance_member& m = a.members[i];
    const std::string at = "/members/" + std::to_string(i);
    if (!seen.insert(m.id).second) {
      d.error("budget.alliance.duplicate_member", at + "/id",
              "member id '" + m.id + "' is used more than once");
    }
    if (m.budget.is_negative()) {
      d.error("budget.alliance.negative_budget", at + "/budget",
              "member '" + m.id + "' has a negative budget of " + detail::gbp(m.budget));
    }
    if (m.actual.is_negative()) {
      d.error("budget.alliance.negative_budget", at + "/actual",
              "member '" + m.id + "' has a negative actual of " + detail::gbp(m.actual));
    }
    for (const auto& [field, r] :
         {std::pair{"gain_share", m.gain_share}, std::pair{"loss_share", m.loss_share}}) {
      if (r && r->is_negative()) {
        d.error("budget.alliance.shares", at + "/" + field,
                "member '" + m.id + "' has a negative " + field);
      }
    }
    if (m.cap && m.collar && *m.cap < *m.collar) {
      d.error("budget.alliance.cap_below_collar", at + "/cap",
              "member '" + m.id + "' has a cap of " + detail::gbp(*m.cap) +
                  " below its collar of " + detail::gbp(*m.collar));
    }
    if (m.cap && m.cap->is_negative()) {
      d.warning("budget.alliance.limit_sign", at + "/cap",
                "member '" + m.id + "' has a negative cap, so it can gain nothing");
    }
    if (m.collar && m.collar->is_positive()) {
      d.warning("budget.alliance.limit_sign", at + "/collar",
                "member '" + m.id +
                    "' has a positive collar; a collar is the most a member can lose, written as "
                    "a negative amount, so it bears no loss");
    }
  }
  for (const bool gain : {true, false}) {
    const char* field = gain ? "gain_share" : "loss_share";
    std::size_t given = 0;
    ratio sum;
    for (const alliance_member& m : a.members) {
      const std::optional<ratio>& r = gain ? m.gain_share : m.loss_share;
      if (!r) continue;
      ++given;
      try {
        sum = sum + *r;
      } catch (const overflow_error&) {
        sum = ratio::whole(2);  // too fine to add exactly: reported as not summing to 100 %
      }
    }
    if (given == 0) continue;
    if (given != a.members.size()) {
      d.error("budget.alliance.shares", "/members",
              std::string(field) + " is given for " + std::to_string(given) + " of " +
                  std::to_string(a.members.size()) + " members; give it for all or none");
    } else if (sum != ratio::whole(1)) {
      d.error("budget.alliance.shares", "/members",
              std::string(field) + "s add up to " + detail::pct(sum) + "; expected 100%");
    }
  }
  return d;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
