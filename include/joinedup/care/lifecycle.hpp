// joinedup: the care plan lifecycle. draft -> agreed -> active -> under review -> revised ->
// agreed again ... -> closed, replayed from a plan's dated events. A plan keeps its id through
// every revision; each agreement starts a new version.
//
// Facts used (docs/sources.md §S-CARE-PLAN-AGREED, §S-CARE-ACT-S27): the council must take all
// reasonable steps to agree the plan with the person (so an agreement records who agreed); s27
// the council keeps plans under review, reviews on a reasonable request, and may revise them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/care/model.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

/// The status after event `e` happens to a plan whose status is `from` (nullopt: no event yet),
/// or nullopt when the lifecycle does not allow it. Allowed: start → draft (drafted) or agreed
/// (a plan first recorded at agreement); draft → agreed | closed; agreed → active | under_review
/// | closed; active → under_review | closed; under_review → active (review_completed) | revised
/// | closed; revised → agreed | closed. A review request keeps the status and is allowed once a
/// plan has been agreed and until it is closed. Nothing follows closed.
[[nodiscard]] constexpr std::optional<plan_status> transition(std::optional<plan_status> from,
                                                              event_kind e) noexcept {
  using s = plan_status;
  if (!from) {
    if (e == event_kind::drafted) return s::draft;
    if (e == event_kind::agreed) return s::agreed;
    return std::nullopt;
  }
  const s now = *from;
  if (now == s::closed) return std::nullopt;
  switch (e) {
    case event_kind::drafted:
      return std::nullopt;
    case event_kind::agreed:
      if (now == s::draft || now == s::revised) return s::agreed;
      return std::nullopt;
    case event_kind::activated:
      if (now == s::agreed) return s::active;
      return std::nullopt;
    case event_kind::review_started:
      if (now == s::agreed || now == s::active) return s::under_review;
      return std::nullopt;
    case event_kind::review_completed:
      if (now == s::under_review) return s::active;
      return std::nullopt;
    case event_kind::revised:
      if (now == s::under_review) return s::revised;
      return std::nullopt;
    case event_kind::closed:
      return s::closed;
    case event_kind::review_requested:
      if (now == s::draft) return std::nullopt;
      return now;
  }
  return std::nullopt;
}

/// True when a plan with this status has an agreed plan in force: agreed, active, under review
/// or revised (the last agreed version stays in force while its revision is written).
[[nodiscard]] constexpr bool in_force(plan_status s) noexcept {
  return s == plan_status::agreed || s == plan_status::active || s == plan_status::under_review ||
         s == plan_status::revised;
}

/// What replaying a plan's events gives.
struct lifecycle {
  std::optional<plan_status> status;    ///< status after the last event replayed (nullopt: none)
  int version = 0;                      ///< number of agreements so far (version in force)
  std::optional<date> first_agreed;     ///< the first agreement
  std::optional<date> last_agreed;      ///< the latest agreement
  std::optional<date> closed_on;        ///< closure
  std::optional<date> last_review;      ///< the latest review held (review_started)
  std::optional<date> pending_request;  ///< earliest review request not yet followed by a review
  friend bool operator==(const lifecycle&, const lifecycle&) = default;
};

/// A version of a plan: each agreement starts one.
struct plan_version {
  int number = 0;                     ///< 1 for the first agreement
  date agreed_on{};                   ///< when it was agreed
  std::string agreed_by;              ///< who agreed
  std::optional<date> superseded_on;  ///< when the next version was agreed or the plan closed
  friend bool operator==(const plan_version&, const plan_version&) = default;
};

namespace detail {
/// Replays `history` (events dated after `up_to` are ignored when it is given). Illegal
/// transitions, events out of date order, an agreement without who agreed and a closure without
/// a reason are skipped or noted; when `diags` is not null each becomes a diagnostic under
/// `path` + "/history/<i>".
inline lifecycle replay_impl(const std::vector<plan_event>& history,
                             std::optional<std::chrono::sys_days> up_to, diagnostics* diags,
                             std::string_view path) {
  lifecycle lc;
  std::optional<std::chrono::sys_days> previous;
  const auto at = [&](std::size_t i) {
    return std::string(path) + "/history/" + std::to_string(i);
  };
  for (std::size_t i = 0; i < history.size(); ++i) {
    const plan_event& e = history[i];
    const std::chrono::sys_days day{e.on};
    if (up_to && day > *up_to) continue;
    if (previous && day < *previous && diags != nullptr) {
      diags->error("care.lifecycle.order", at(i) + "/on",
                   std::string(to_string(e.kind)) + " on " + to_iso_string(e.on) +
                       " is dated before the event listed before it (" + to_iso_string(*previous) +
                       "); list events in date order");
    }
    previous = previous && *previous > day ? *previous : day;
    const std::optional<plan_status> next = transition(lc.status, e.kind);
    if (!next) {
      if (diags != nullptr) {
        diags->error("care.lifecycle.transition", at(i) + "/kind",
                     "a plan that is " +
                         std::string(lc.status ? to_string(*lc.status) : "not yet started") +
                         " cannot be " + std::string(to_string(e.kind)) + " (on " +
                         to_iso_string(e.on) + "); see docs/care.md for the lifecycle");
      }
      continue;
    }
    switch (e.kind) {
      case event_kind::agreed:
        if (e.by.empty() && diags != nullptr) {
          diags->error("care.lifecycle.agreed_by", at(i) + "/by",
                       "the agreement on " + to_iso_string(e.on) +
                           " does not say who agreed; record the person (or their "
                           "representative) and the practitioner");
        }
        ++lc.version;
        if (!lc.first_agreed) lc.first_agreed = e.on;
        lc.last_agreed = e.on;
        break;
      case event_kind::review_started:
        lc.last_review = e.on;
        lc.pending_request.reset();
        break;
      case event_kind::review_requested:
        if (!lc.pending_request) lc.pending_request = e.on;
        break;
      case event_kind::closed:
        if (e.reason.empty() && diags != nullptr) {
          diags->error("care.lifecycle.closed_reason", at(i) + "/reason",
                       "the closure on " + to_iso_string(e.on) + " gives no reason");
        }
        lc.closed_on = e.on;
        break;
      default:
        break;
    }
    lc.status = next;
  }
  return lc;
}
}  // namespace detail

/// Replays a plan's events up to and including `up_to` (all events when nullopt). Events that
/// the lifecycle does not allow are skipped (check_lifecycle reports them).
/// Example: drafted, agreed, activated, review_started, revised, agreed gives status agreed,
/// version 2.
[[nodiscard]] inline lifecycle replay(const std::vector<plan_event>& history,
                                      std::optional<std::chrono::sys_days> up_to = std::nullopt) {
  return detail::replay_impl(history, up_to, nullptr, {});
}

/// The status of `plan` on `day`, or nullopt when nothing had happened to it yet.
[[nodiscard]] inline std::optional<plan_status> status_on(const care_plan& plan,
                                                          std::chrono::sys_days day) {
  return replay(plan.history, day).status;
}

/// Replays every event and adds a diagnostic for each problem: care.lifecycle.empty (no events),
/// care.lifecycle.order, care.lifecycle.transition, care.lifecycle.agreed_by,
/// care.lifecycle.closed_reason; `path` is the plan's JSON pointer ("/plans/3").
inline lifecycle check_lifecycle(const care_plan& plan, std::string_view path, diagnostics& diags) {
  if (plan.history.empty()) {
    diags.error("care.lifecycle.empty", std::string(path) + "/history",
                "plan '" + plan.id.str() +
                    "' has no events; a plan starts with 'drafted' or "
                    "'agreed'");
  }
  return detail::replay_impl(plan.history, std::nullopt, &diags, path);
}

/// The versions of a plan, one per agreement, oldest first.
[[nodiscard]] inline std::vector<plan_version> versions(const care_plan& plan) {
  std::vector<plan_version> out;
  std::optional<plan_status> status;
  for (const plan_event& e : plan.history) {
    const std::optional<plan_status> next = transition(status, e.kind);
    if (!next) continue;
    if (e.kind == event_kind::agreed) {
      if (!out.empty()) out.back().superseded_on = e.on;
      out.push_back({static_cast<int>(out.size()) + 1, e.on, e.by, std::nullopt});
    } else if (e.kind == event_kind::closed && !out.empty() && !out.back().superseded_on) {
      out.back().superseded_on = e.on;
    }
    status = next;
  }
  return out;
}

}  // namespace care
JOINEDUP_END_NAMESPACE
