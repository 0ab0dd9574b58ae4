// joinedup: what care plans cost. Weekly cost (unit price × units per week), the full-year
// effect, and the spend committed by agreed plans against each pooled fund line in a financial
// year, pro rata by days, for the budget forecast.
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/core/rounding.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

/// The weekly cost of a service: unit price × units per week, rounded once to whole pence.
/// Example: £23.4567 an hour × 10.5 hours = £246.29535 → £246.30 (half_up).
[[nodiscard]] inline money weekly_cost(const service& s, rounding mode) {
  return cost(s.unit_price, s.units_per_week, mode);
}

/// Weekly costs by who pays.
struct cost_split {
  money nhs;      ///< NHS-funded
  money council;  ///< council-funded
  money joint;    ///< jointly funded
  money person;   ///< paid by the person
  /// The sum of all four.
  [[nodiscard]] money total() const { return nhs + council + joint + person; }
  /// The part paid by public bodies (everything but the person's).
  [[nodiscard]] money public_funded() const { return nhs + council + joint; }
  /// Adds `amount` to the part paid by `f`.
  void add(funder f, money amount) {
    switch (f) {
      case funder::nhs:
        nhs += amount;
        break;
      case funder::council:
        council += amount;
        break;
      case funder::joint:
        joint += amount;
        break;
      case funder::person:
        person += amount;
        break;
    }
  }
  friend bool operator==(const cost_split&, const cost_split&) = default;
};

/// The weekly cost of the services of `plan` that run on `day`, by who pays; each service is
/// rounded on its own.
[[nodiscard]] inline cost_split weekly_cost(const care_plan& plan, std::chrono::sys_days day,
                                            rounding mode) {
  cost_split out;
  for (const service& s : plan.services) {
    if (runs_on(s, day)) out.add(s.funded_by, weekly_cost(s, mode));
  }
  return out;
}

/// The full-year effect of a weekly cost: 52 weeks (the usual commissioning convention; a year
/// is 52 weeks and one or two days, which committed_spend counts exactly).
[[nodiscard]] inline money full_year_effect(money weekly) {
  return weekly * 52;
}

/// The cost of a service over the days of `range` on which it runs: unit price × units per week
/// × days / 7, rounded once, or core.money.overflow when that is outside the range of money.
/// Zero when it does not run in `range`.
[[nodiscard]] inline result<money> try_cost_over(const service& s, const date_range& range,
                                                 rounding mode) {
  using std::chrono::sys_days;
  const sys_days first = std::max(sys_days(s.start), range.first());
  const sys_days last = s.end ? std::min(sys_days(*s.end), range.last()) : range.last();
  if (last < first) return money{};
  const std::int64_t days = (last - first).count() + 1;
  return try_cost(s.unit_price, s.units_per_week * ratio::of(days, 7), mode);
}

/// try_cost_over, throwing overflow_error when the cost is out of range.
/// Example: £20.00 × 14 units a week for 30 days = £20 × 14 × 30 / 7 = £1,200.00.
[[nodiscard]] inline money cost_over(const service& s, const date_range& range, rounding mode) {
  result<money> c = try_cost_over(s, range, mode);
  if (!c) throw overflow_error("joinedup: " + c.error().message);
  return *c;
}

/// Spend committed against each pooled fund line (service `scheme`; the empty id collects
/// services with none) in financial year `fy`, pro rata by days: for every plan agreed on or
/// before `as_of`, every publicly funded service (NHS, council or joint; never the person's own
/// payments) costs unit price × units per week × its days in the year / 7, where its days stop
/// at the plan's closure. Each service is rounded once; lines are sums of those amounts. Gives
/// core.money.overflow, naming the plan and service, when a cost or a line's sum is outside the
/// range of money: no partial result.
[[nodiscard]] inline result<std::map<line_id, money>> try_committed_spend(
    const care_records& records, financial_year fy, std::chrono::sys_days as_of, rounding mode) {
  std::map<line_id, money> out;
  const date_range year = fy.range();
  for (const care_plan& plan : records.plans) {
    const lifecycle lc = replay(plan.history, as_of);
    if (!lc.first_agreed || !lc.status) continue;
    std::chrono::sys_days last = year.last();
    if (lc.closed_on) last = std::min(last, std::chrono::sys_days(*lc.closed_on));
    if (last < year.first()) continue;
    const date_range span(year.first(), last);
    for (const service& s : plan.services) {
      if (s.funded_by == funder::person) continue;
      const result<money> c = try_cost_over(s, span, mode);
      const result<money> sum = c ? try_add(out[s.scheme], *c) : c;
      if (!sum) {
        return fail("core.money.overflow", "the committed spend of service '" + s.id +
                                               "' of plan '" + plan.id.str() +
                                               "' is outside the range of money");
      }
      out[s.scheme] = *sum;
    }
  }
  return out;
}

/// One publicly funded service's cost still to come in the year: what a forecast counts as a
/// commitment on the pooled fund line the service names.
struct service_commitment {
  std::string plan;     ///< plan id
  std::string service;  ///< service id
  line_id line;         ///< the pooled fund line it names ("" when none)
  money amount;         ///< its cost from the day after `as_of` to the year end (or closure)
  /// Memberwise equality.
  friend bool operator==(const service_commitment&, const service_commitment&) = default;
};

/// Care costs still to come in financial year `fy` after `as_of`, service by service: for every
/// plan agreed on or before `as_of` and not closed by then, every publicly funded service (never
/// the person's own payments) costs unit price × units per week × its days from the day after
/// `as_of` to the year end (or the plan's closure, or the service's end) / 7, rounded once by
/// `mode`. Services that cost nothing in that span are left out. core.money.overflow (naming
/// the plan and service) when a cost is outside the range of money: no partial result.
[[nodiscard]] inline result<std::vector<service_commitment>> try_commitments_to_year_end(
    const care_records& records, financial_year fy, std::chrono::sys_days as_of, rounding mode) {
  std::vector<service_commitment> out;
  const date_range year = fy.range();
  const std::chrono::sys_days first = std::max(year.first(), as_of + std::chrono::days{1});
  if (year.last() < first) return out;
  for (const care_plan& plan : records.plans) {
    const lifecycle lc = replay(plan.history, as_of);
    if (!lc.first_agreed || !lc.status || lc.closed_on) continue;
    const date_range span(first, year.last());
    for (const service& s : plan.services) {
      if (s.funded_by == funder::person) continue;
      const result<money> c = try_cost_over(s, span, mode);
      if (!c) {
        return fail("core.money.overflow", "the cost of service '" + s.id + "' of plan '" +
                                               plan.id.str() +
                                               "' to the year end is outside the range of money");
      }
      if (c->is_zero()) continue;
      out.push_back({plan.id.str(), s.id, s.scheme, *c});
    }
  }
  return out;
}

/// try_committed_spend, throwing overflow_error when a cost or sum is out of range.
[[nodiscard]] inline std::map<line_id, money> committed_spend(const care_records& records,
                                                              financial_year fy,
                                                              std::chrono::sys_days as_of,
                                                              rounding mode) {
  result<std::map<line_id, money>> r = try_committed_spend(records, fy, as_of, mode);
  if (!r) throw overflow_error("joinedup: " + r.error().message);
  return std::move(*r);
}

}  // namespace care
JOINEDUP_END_NAMESPACE
