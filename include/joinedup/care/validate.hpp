// joinedup: validating care records. One pass over the people, case managers and plans that
// reports every problem as a diagnostic with a stable code, a JSON pointer and a plain message
// (NHS numbers masked), and never throws on bad data. The checks themselves, one short function
// each, are in joinedup/care/detail/validate.hpp (with the facts they rely on).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "joinedup/care/detail/validate.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

/// What validate() found besides its diagnostics: the caseload of every case manager on the
/// as-of date and the number of reviews overdue (for summaries).
struct validation_summary {
  std::vector<std::int64_t> caseload;  ///< per case manager, in records.case_managers order
  std::int64_t plans_in_force = 0;     ///< plans agreed and not closed on the as-of date
  std::int64_t reviews_overdue = 0;    ///< plans in force whose review is overdue
  std::int64_t coverage_problems = 0;  ///< gaps, overlaps and plans with no case manager
  friend bool operator==(const validation_summary&, const validation_summary&) = default;
};

/// Validates everything in `records` as it stands on `as_of` and reports every problem through
/// `r` (codes in docs/diagnostics/care.md), with JSON pointers into the records document below
/// the reporter's path. Events dated after `as_of` are ignored for the status (with a
/// care.lifecycle.future warning). `records.schemes`, when not empty, are the only pooled fund
/// lines services may name.
inline validation_summary validate(const care_records& records, std::chrono::sys_days as_of,
                                   const review_policy& policy, reporter& r) {
  detail::care_walk w(records, as_of, policy);
  detail::validate_people(w, r);
  for (std::size_t i = 0; i < records.case_managers.size(); ++i) {
    auto s = r.scope("case_managers", i);
    detail::validate_case_manager(w, records.case_managers[i], i, r);
  }
  for (const line_id& s : records.schemes)
    w.schemes.insert(s.str());
  w.duplicate_of = detail::duplicate_plan_ids(records.plans);
  for (std::size_t pi = 0; pi < records.plans.size(); ++pi) {
    auto s = r.scope("plans", pi);
    detail::validate_plan(w, pi, r);
  }
  detail::validate_caseloads(w, r);
  return validation_summary{std::move(w.caseload), w.plans_in_force, w.reviews_overdue,
                            w.coverage_problems};
}

/// Validates everything in `records` as validate(records, as_of, policy, reporter&) does and
/// adds a diagnostic to `diags` for every problem, with JSON pointers from the root of the
/// records document.
inline validation_summary validate(const care_records& records, std::chrono::sys_days as_of,
                                   const review_policy& policy, diagnostics& diags) {
  reporter r(diags);
  return validate(records, as_of, policy, r);
}

}  // namespace care
JOINEDUP_END_NAMESPACE
