// joinedup CLI (private): reading a pooled fund, its events and its care commitments, shared by
// the budget commands and the board pack (`joinedup report`).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "joinedup/budget/events.hpp"
#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/validate.hpp"
#include "joinedup/core/diagnostics.hpp"

namespace joinedup::cli {

/// Options of the budget commands.
struct budget_options {
  std::string fund_file;                            ///< FUND.json
  std::string ledger_file;                          ///< LEDGER.csv
  std::string catalogue_file;                       ///< --catalogue
  std::string as_of;                                ///< --as-of
  std::string method = "commitments_plus_profile";  ///< --method
  std::string events_file;                          ///< --events (events document or audit trail)
  std::string scheme_file;                          ///< --scheme (scheme of delegation)
  std::string date;                                 ///< --date (budget at)
  std::string settlement_file;                      ///< SETTLEMENT.json (roll-forward)
  std::string uplifts_file;                         ///< --uplifts (roll-forward)
  std::string plans_file;                           ///< --plans (care plans, forecast and settle)
};

/// Applies --events up to `on` (checked against --scheme when given). Returns the fund as it
/// stands then, or nullopt (with diagnostics) when the events cannot be read or one of them
/// cannot be applied or is not permitted: a fund missing an event is never shown as the fund.
std::optional<budget::fund_at_date> apply_events(const budget_options& opt,
                                                 const budget::pooled_fund& fund,
                                                 std::chrono::year_month_day on,
                                                 diagnostics& diags);

/// A fund read from a file, with its catalogue and every diagnostic so far.
struct loaded_fund {
  std::optional<budget::pooled_fund> fund;         ///< the fund, if it could be read
  std::optional<budget::bcf_catalogue> catalogue;  ///< its catalogue
};

/// Reads FUND.json and its catalogue (shipped for the year, or --catalogue).
loaded_fund load_fund(const budget_options& opt, diagnostics& diags);

/// --plans: every publicly funded service of the care plans agreed by the as-of date costs, from
/// the next day to the year end (or the plan's closure), a commitment on the fund line it names
/// (care::try_commitments_to_year_end). A service naming a line the fund does not have is the
/// error budget.forecast.plan_line (its cost is not counted). Returns false when the plans
/// cannot be read or costed.
bool add_care_commitments(const budget_options& opt, const budget::pooled_fund& fund,
                          std::chrono::year_month_day as_of, budget::extra_commitments& out,
                          diagnostics& diags);

}  // namespace joinedup::cli
