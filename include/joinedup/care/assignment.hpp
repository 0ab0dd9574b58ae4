// joinedup: named case managers. Who is accountable for a plan on each day (exactly one, from
// agreement to closure), handovers, caseload per case manager, and a proposal for reassigning a
// leaving case manager's caseload within everyone's capacity.
//
// Facts used (docs/sources.md §S-NAMED-COORDINATOR): CHC recipients have a key contact at the
// ICB [C]; there is no single statutory "named case manager" role in English law [R], so the
// rule "exactly one on every day" is this library's reading of the promise in the issue.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

/// What is wrong with a run of days.
enum class coverage_kind : std::uint8_t {
  none,     ///< the plan has no assignment at all
  gap,      ///< no case manager on these days
  overlap,  ///< two case managers on these days
};

/// A run of days on which a plan does not have exactly one case manager.
struct coverage_problem {
  coverage_kind kind = coverage_kind::gap;  ///< gap, overlap or none
  date from{};                              ///< first day of the run
  date to{};                                ///< last day of the run (inclusive)
  case_manager_id first;                    ///< overlap: the case manager already accountable
  case_manager_id second;      ///< overlap: the one whose assignment starts inside the first's
  std::size_t assignment = 0;  ///< index of the assignment the problem is found at
  friend bool operator==(const coverage_problem&, const coverage_problem&) = default;
};

/// Checks that `plan` has exactly one case manager on every day of `window` (normally from the
/// first agreement to closure, or to the as-of date while open). Assignments are taken in order
/// of start date; days outside the window are ignored. Returns every gap and overlap, in date
/// order, or a single `none` when there are no assignments. Assignments ending before they start
/// are ignored (the validator reports them).
/// Example: window 2025-01-01..2025-03-31, A from 2025-01-01 to 2025-01-31, B from 2025-02-10:
/// one gap 2025-02-01..2025-02-09.
[[nodiscard]] inline std::vector<coverage_problem> check_coverage(const care_plan& plan,
                                                                  const date_range& window) {
  std::vector<coverage_problem> out;
  using std::chrono::sys_days;
  constexpr std::size_t small = 8;
  std::size_t order_small[small];
  std::vector<std::size_t> order_big;
  std::size_t* order = order_small;
  const std::size_t n = plan.assignments.size();
  if (n > small) {
    order_big.resize(n);
    order = order_big.data();
  }
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const assignment& a = plan.assignments[i];
    if (a.to && sys_days(*a.to) < sys_days(a.from)) continue;
    order[m++] = i;
  }
  if (m == 0) {
    out.push_back({coverage_kind::none, window.first(), window.last(), {}, {}, 0});
    return out;
  }
  const auto start_of = [&](std::size_t i) { return sys_days(plan.assignments[i].from); };
  const auto end_of = [&](std::size_t i) {
    const assignment& a = plan.assignments[i];
    return a.to ? sys_days(*a.to) : sys_days::max();
  };
  std::stable_sort(order, order + m,
                   [&](std::size_t a, std::size_t b) { return start_of(a) < start_of(b); });
  sys_days cursor = window.first();   // first day not yet covered
  std::optional<std::size_t> holder;  // assignment covering the day before cursor
  const std::chrono::days one{1};
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t i = order[k];
    const sys_days from = std::max(start_of(i), window.first());
    const sys_days to = std::min(end_of(i), window.last());
    if (to < window.first() || from > window.last() || to < from) continue;
    if (from > cursor) {
      out.push_back({coverage_kind::gap, date{cursor}, date{from - one}, {}, {}, i});
    } else if (from < cursor && holder) {
      const sys_days overlap_end = std::min(cursor - one, to);
      out.push_back({coverage_kind::overlap, date{from}, date{overlap_end},
                     plan.assignments[*holder].case_manager, plan.assignments[i].case_manager, i});
    }
    if (to + one > cursor) {
      cursor = to + one;
      holder = i;
    }
  }
  if (cursor <= window.last()) {
    out.push_back({coverage_kind::gap, date{cursor}, date{window.last()}, {}, {}, m});
  }
  return out;
}

/// The case manager accountable for `plan` on `day` when exactly one assignment covers it.
[[nodiscard]] inline std::optional<case_manager_id> case_manager_on(const care_plan& plan,
                                                                    std::chrono::sys_days day) {
  // Finds the covering assignment by pointer and copies the id once at the end (an optional
  // assigned in the loop trips g++ 12's -Wmaybe-uninitialized under sanitizers).
  const assignment* found = nullptr;
  for (const assignment& a : plan.assignments) {
    if (std::chrono::sys_days(a.from) <= day && (!a.to || day <= std::chrono::sys_days(*a.to))) {
      if (found != nullptr) return std::nullopt;
      found = &a;
    }
  }
  if (found == nullptr) return std::nullopt;
  return found->case_manager;
}

/// A handover: one case manager's assignment ends and the next begins.
struct handover {
  date on{};             ///< the first day of the new case manager
  case_manager_id from;  ///< the case manager handing over
  case_manager_id to;    ///< the case manager taking over
  std::string reason;    ///< why (the new assignment's reason)
  friend bool operator==(const handover&, const handover&) = default;
};

/// The handovers of a plan, in date order: one for each assignment after the first (by start).
[[nodiscard]] inline std::vector<handover> handovers(const care_plan& plan) {
  std::vector<const assignment*> sorted;
  sorted.reserve(plan.assignments.size());
  for (const assignment& a : plan.assignments)
    sorted.push_back(&a);
  std::stable_sort(sorted.begin(), sorted.end(), [](const assignment* a, const assignment* b) {
    return std::chrono::sys_days(a->from) < std::chrono::sys_days(b->from);
  });
  std::vector<handover> out;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    out.push_back(
        {sorted[i]->from, sorted[i - 1]->case_manager, sorted[i]->case_manager, sorted[i]->reason});
  }
  return out;
}

/// Looks case managers up by id.
class case_manager_index {
 public:
  /// An empty index.
  case_manager_index() = default;
  /// Indexes `managers`; when an id appears twice the first wins.
  explicit case_manager_index(const std::vector<case_manager>& managers) {
    for (std::size_t i = 0; i < managers.size(); ++i)
      by_id_.emplace(managers[i].id.str(), i);
  }
  /// The position of the case manager with this id, or nullopt.
  [[nodiscard]] std::optional<std::size_t> find(const case_manager_id& id) const {
    const auto it = by_id_.find(id.str());
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> by_id_;
};

/// True when a plan counts in a caseload on a day: it has started and is not closed.
[[nodiscard]] constexpr bool open_on(const lifecycle& lc) noexcept {
  return lc.status && *lc.status != plan_status::closed;
}

/// The number of open plans each case manager holds on `day`, in the order of
/// `records.case_managers` (a plan counts for every assignment covering the day, so an overlap
/// counts twice). Plans not yet started or closed by `day` do not count.
[[nodiscard]] inline std::vector<std::int64_t> caseload_on(const care_records& records,
                                                           std::chrono::sys_days day) {
  std::vector<std::int64_t> load(records.case_managers.size(), 0);
  const case_manager_index index(records.case_managers);
  for (const care_plan& plan : records.plans) {
    if (!open_on(replay(plan.history, day))) continue;
    for (const assignment& a : plan.assignments) {
      if (std::chrono::sys_days(a.from) > day || (a.to && day > std::chrono::sys_days(*a.to))) {
        continue;
      }
      if (const std::optional<std::size_t> i = index.find(a.case_manager)) ++load[*i];
    }
  }
  return load;
}

/// One plan moved to a new case manager.
struct reassignment {
  std::size_t plan = 0;          ///< index in records.plans
  case_manager_id to;            ///< the proposed case manager (empty when nobody is available)
  bool within_capacity = false;  ///< true when `to` stays within capacity after taking it
  friend bool operator==(const reassignment&, const reassignment&) = default;
};

/// A proposal for reassigning a leaving case manager's caseload.
struct reassignment_proposal {
  case_manager_id leaving;               ///< who is leaving
  date on{};                             ///< the first day the others take over
  std::vector<reassignment> moves;       ///< one per plan the leaver holds, by plan id
  std::vector<std::int64_t> load_after;  ///< each case manager's caseload after the moves
  /// True when every plan found a case manager within capacity.
  [[nodiscard]] bool all_within_capacity() const noexcept {
    return std::all_of(moves.begin(), moves.end(),
                       [](const reassignment& r) { return r.within_capacity; });
  }
  friend bool operator==(const reassignment_proposal&, const reassignment_proposal&) = default;
};

/// Proposes new case managers for every open plan that `leaving` holds on `on`. Candidates are
/// the other case managers not absent on `on`. Each plan (taken in plan-id order) goes to the
/// candidate with the most spare capacity, preferring the leaver's organisation, then any
/// organisation; ties go to the lower id. When nobody has spare capacity the plan goes to the
/// candidate least over capacity (same organisation first) and is marked not within capacity;
/// with no candidates at all `to` is empty.
/// Example: a leaver with 3 plans, A (capacity 10, holds 9) and B (capacity 10, holds 7), same
/// organisation: B, B, then A or B with 1 spare each goes to A (lower id): B, B, A.
[[nodiscard]] inline reassignment_proposal propose_reassignment(const care_records& records,
                                                                const case_manager_id& leaving,
                                                                std::chrono::sys_days on) {
  reassignment_proposal out;
  out.leaving = leaving;
  out.on = date{on};
  out.load_after = caseload_on(records, on);
  const std::vector<case_manager>& cms = records.case_managers;
  const case_manager_index index(cms);
  const std::optional<std::size_t> leaver = index.find(leaving);
  const std::string organisation = leaver ? cms[*leaver].organisation : std::string();

  std::vector<std::size_t> plans;
  for (std::size_t p = 0; p < records.plans.size(); ++p) {
    const care_plan& plan = records.plans[p];
    if (!open_on(replay(plan.history, on))) continue;
    const std::optional<case_manager_id> holder = case_manager_on(plan, on);
    bool holds = holder && *holder == leaving;
    if (!holder) {
      for (const assignment& a : plan.assignments) {
        holds = holds || (a.case_manager == leaving && std::chrono::sys_days(a.from) <= on &&
                          (!a.to || on <= std::chrono::sys_days(*a.to)));
      }
    }
    if (holds) plans.push_back(p);
  }
  std::stable_sort(plans.begin(), plans.end(), [&](std::size_t a, std::size_t b) {
    return records.plans[a].id < records.plans[b].id;
  });

  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < cms.size(); ++i) {
    if (cms[i].id == leaving || is_absent(cms[i], on)) continue;
    candidates.push_back(i);
  }
  for (std::size_t p : plans) {
    if (leaver) --out.load_after[*leaver];
    std::optional<std::size_t> best;
    // Ranking: spare capacity first (within capacity beats over), then same organisation, then
    // more spare, then lower id.
    const auto better = [&](std::size_t a, std::size_t b) {
      const std::int64_t spare_a = cms[a].capacity - out.load_after[a];
      const std::int64_t spare_b = cms[b].capacity - out.load_after[b];
      const bool fits_a = spare_a > 0;
      const bool fits_b = spare_b > 0;
      if (fits_a != fits_b) return fits_a;
      const bool org_a = cms[a].organisation == organisation;
      const bool org_b = cms[b].organisation == organisation;
      if (org_a != org_b) return org_a;
      if (spare_a != spare_b) return spare_a > spare_b;
      return cms[a].id < cms[b].id;
    };
    for (std::size_t c : candidates) {
      if (!best || better(c, *best)) best = c;
    }
    reassignment move;
    move.plan = p;
    if (best) {
      move.within_capacity = cms[*best].capacity - out.load_after[*best] > 0;
      move.to = cms[*best].id;
      ++out.load_after[*best];
    }
    out.moves.push_back(std::move(move));
  }
  return out;
}

}  // namespace care
JOINEDUP_END_NAMESPACE
