// joinedup: the checks a pooled fund must pass before anyone relies on it.
#pragma once

#include <cstddef>

#include "joinedup/budget/catalogue.hpp"
#include "joinedup/budget/detail/validate.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// Checks a pooled fund against its year's catalogue and the rules of the Better Care Fund and
/// section 75 agreements, reporting one diagnostic per problem (codes budget.fund.*, documented
/// in docs/diagnostics/budget.md) through `r`, with a JSON pointer into the fund document below
/// the reporter's path. Never throws for bad data. Checks: unique ids; partners (at least one
/// ICB, exactly one council, valid codes; the host is a partner); contributions (known partner
/// and source, not negative, the payer fits the source, instalments add up); the declared lines
/// (known scheme, enumerations of the year, sub-type belongs to its type, "other" described,
/// joint shares sum to 100%, DFG money only on capital lines, not negative); spend by source
/// within its income; the NHS minimum fully allocated; the adult social care and
/// out-of-hospital ring-fences met (with the shortfall); total plan against total income; the
/// risk-share agreement's references.
inline void validate(const pooled_fund& fund, const bcf_catalogue& catalogue, reporter& r) {
  detail::fund_walk w(fund, catalogue);
  detail::validate_year_and_ids(w, r);
  detail::validate_partners(w, r);
  detail::validate_agreement(w, r);
  for (std::size_t i = 0; i < fund.contributions.size(); ++i) {
    auto s = r.scope("contributions", i);
    detail::validate_contribution(w, fund.contributions[i], r);
  }
  for (std::size_t i = 0; i < fund.lines.size(); ++i) {
    auto s = r.scope("lines", i);
    detail::validate_line(w, fund.lines[i], r);
  }
  detail::validate_source_totals(w, r);
  for (std::size_t i = 0; i < fund.ring_fences.size(); ++i) {
    auto s = r.scope("ring_fences", i);
    detail::validate_ring_fence(w, fund.ring_fences[i], r);
  }
  detail::validate_fund_totals(fund, r);
  detail::validate_dfg_pass_through(fund, r);
  detail::validate_plan_years(fund, r);
  for (std::size_t i = 0; i < fund.performance_linked.size(); ++i) {
    auto s = r.scope("performance_linked", i);
    detail::validate_performance(fund, fund.performance_linked[i], r);
  }
  auto s = r.scope("risk_share");
  detail::validate_risk_share(w, r);
}

/// Checks a pooled fund as validate(fund, catalogue, reporter&) does and returns the
/// diagnostics, with JSON pointers from the root of the fund document.
inline diagnostics validate(const pooled_fund& fund, const bcf_catalogue& catalogue) {
  diagnostics out;
  reporter r(out);
  validate(fund, catalogue, r);
  return out;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
