// joinedup: forecast outturn of a pooled fund's expenditure lines from its ledger, and the
// variance of the outturn from plan by line, scheme, funding source and partner.
//
// Methods (definitions also in docs/budget-ledger.md, with a worked example). Let Y be the days
// in the financial year (365 or 366), E the days elapsed, 1 April to the as-of date inclusive,
// clamped to 0..Y, R = Y - E the days remaining, S the line's spend to date (actual + accrual +
// adjustment dated on or before the as-of date), C its commitments outstanding and P its plan.
//
// - planned:   outturn = P.
// - actuals:   outturn = S (what has been spent, with nothing more to come).
// - run_rate:  outturn = S × Y / E, rounded to the penny half to even
//              (scale(S, ratio::of(Y, E), rounding::half_even)); when E = 0 there is no run yet
//              and the outturn is P.
// - commitments_plus_profile: outturn = S + max(C, P × R / Y), where P × R / Y is
//              pro_rata(P, R, Y) (joinedup::pro_rata: the remaining share of the plan by largest
//              remainder, so the elapsed and remaining shares of P add up to P exactly; a half
//              penny goes to the remaining share). The rest of the year costs at least what is
//              already ordered, and at least the plan's share for the days left.
//
// At or after the year end (E = Y) every method returns S, the actual spend for the year.
// Variance = outturn − planned: positive is an overspend, negative an underspend.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/ledger.hpp"
#include "joinedup/budget/outturn.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/rounding.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// How an expenditure line's outturn for the year is forecast (see the top of this header).
enum class forecast_method : std::uint8_t {
  planned,                   ///< outturn = plan
  actuals,                   ///< outturn = spend to date
  run_rate,                  ///< spend to date × days in year / days elapsed (half to even)
  commitments_plus_profile,  ///< spend to date + max(commitments, plan's share of days left)
};

/// The methods in order, for iteration.
inline constexpr std::array<forecast_method, 4> forecast_methods = {
    forecast_method::planned, forecast_method::actuals, forecast_method::run_rate,
    forecast_method::commitments_plus_profile};

/// The snake_case name of a method ("planned", "actuals", "run_rate",
/// "commitments_plus_profile").
constexpr std::string_view to_string(forecast_method m) noexcept {
  switch (m) {
    case forecast_method::planned:
      return "planned";
    case forecast_method::actuals:
      return "actuals";
    case forecast_method::run_rate:
      return "run_rate";
    case forecast_method::commitments_plus_profile:
      return "commitments_plus_profile";
  }
  return "planned";
}

/// The method named exactly by `text` (one of the names to_string gives), or nullopt.
constexpr std::optional<forecast_method> parse_forecast_method(std::string_view text) noexcept {
  for (forecast_method m : forecast_methods) {
    if (to_string(m) == text) return m;
  }
  return std::nullopt;
}

/// How far through its financial year an as-of date is, in days.
struct year_progress {
  std::int64_t year_days = 365;   ///< Y: days in the financial year (365 or 366)
  std::int64_t elapsed_days = 0;  ///< E: days 1 April to the as-of date inclusive, within 0..Y

  /// The progress of `as_of` through `year`: E = 0 before 1 April, Y on or after 31 March.
  [[nodiscard]] static constexpr year_progress of(financial_year year,
                                                  std::chrono::year_month_day as_of) {
    year_progress p;
    p.year_days = year.days();
    const auto n =
        (std::chrono::sys_days{as_of} - std::chrono::sys_days{year.first_day()}).count() + 1;
    p.elapsed_days = n < 0 ? 0 : (n > p.year_days ? p.year_days : n);
    return p;
  }
  /// R = Y − E: days of the year still to come after the as-of date.
  [[nodiscard]] constexpr std::int64_t remaining_days() const noexcept {
    return year_days - elapsed_days;
  }
  /// True when no day of the year has passed (the as-of date is before 1 April).
  [[nodiscard]] constexpr bool not_started() const noexcept { return elapsed_days == 0; }
  /// True when the whole year has passed (the as-of date is on or after 31 March).
  [[nodiscard]] constexpr bool ended() const noexcept { return elapsed_days >= year_days; }
  /// Memberwise equality.
  friend constexpr bool operator==(const year_progress&, const year_progress&) = default;
};

/// The forecast outturn of one line from its figures (definitions at the top of this header):
/// `planned` P, `spend_to_date` S, `commitments` C outstanding, and the year's progress.
/// Throws overflow_error only if the result is beyond the range of money.
[[nodiscard]] inline money forecast_outturn(forecast_method method, money planned,
                                            money spend_to_date, money commitments,
                                            year_progress progress) {
  JOINEDUP_EXPECTS(progress.year_days > 0 && progress.elapsed_days >= 0 &&
                   progress.elapsed_days <= progress.year_days);
  if (progress.ended()) return spend_to_date;
  switch (method) {
    case forecast_method::planned:
      return planned;
    case forecast_method::actuals:
      return spend_to_date;
    case forecast_method::run_rate:
      if (progress.not_started()) return planned;
      return scale(spend_to_date, ratio::of(progress.year_days, progress.elapsed_days),
                   rounding::half_even);
    case forecast_method::commitments_plus_profile: {
      const money profile =
          pro_rata(planned, progress.remaining_days(), progress.year_days).value();
      return spend_to_date + (commitments > profile ? commitments : profile);
    }
  }
  return planned;
}

/// One line's forecast with its workings.
struct line_forecast {
  std::string line;     ///< expenditure line id
  money planned;        ///< P: planned spend for the year
  money spend_to_date;  ///< S: actual + accrual + adjustment dated on or before the as-of date
  money commitments;    ///< C: commitments outstanding at the as-of date
  money outturn;        ///< the forecast outturn for the year
  /// outturn − planned: positive is an overspend (checked).
  [[nodiscard]] money variance() const { return outturn - planned; }
  /// Memberwise equality.
  friend bool operator==(const line_forecast&, const line_forecast&) = default;
};

namespace detail {
/// Checks that `ledger` summarises `fund`'s lines, in order, for `fund`'s year.
inline void expect_same_lines(const pooled_fund& fund, const ledger_summary& ledger) {
  JOINEDUP_EXPECTS(ledger.year() == fund.year);
  JOINEDUP_EXPECTS(ledger.line_count() == fund.lines.size());
  for (std::size_t i = 0; i < fund.lines.size(); ++i)
    JOINEDUP_EXPECTS(ledger.lines().id(i) == fund.lines[i].id);
}
}  // namespace detail

/// Commitments the ledger does not hold, by line id (e.g. care plans' costs still to come,
/// from care::try_commitments_to_year_end); each is added to its line's ledger commitments.
using extra_commitments = std::map<std::string, money, std::less<>>;

/// Every line's forecast by `method` as of `as_of`, in the fund's line order, with `extra`
/// commitments added to the ledger's. Precondition: `ledger` was built for this fund (same year,
/// same line ids in the same order).
[[nodiscard]] inline std::vector<line_forecast> forecast_lines(
    const pooled_fund& fund, const ledger_summary& ledger, std::chrono::year_month_day as_of,
    forecast_method method, const extra_commitments& extra = {}) {
  detail::expect_same_lines(fund, ledger);
  const year_progress progress = year_progress::of(fund.year, as_of);
  std::vector<line_forecast> out;
  out.reserve(fund.lines.size());
  for (std::size_t i = 0; i < fund.lines.size(); ++i) {
    const kind_totals to_date = ledger.to_date(i, as_of);
    line_forecast f;
    f.line = fund.lines[i].id;
    f.planned = fund.lines[i].planned;
    f.spend_to_date = to_date.spend();
    f.commitments = to_date.commitments();
    if (const auto it = extra.find(f.line); it != extra.end()) f.commitments += it->second;
    f.outturn = forecast_outturn(method, f.planned, f.spend_to_date, f.commitments, progress);
    out.push_back(std::move(f));
  }
  return out;
}

/// The outturns of forecast_lines(), ready for settlement (fund line order).
[[nodiscard]] inline outturns forecast_outturns(const pooled_fund& fund,
                                                const ledger_summary& ledger,
                                                std::chrono::year_month_day as_of,
                                                forecast_method method,
                                                const extra_commitments& extra = {}) {
  outturns out;
  for (line_forecast& f : forecast_lines(fund, ledger, as_of, method, extra))
    out.push_back({std::move(f.line), f.outturn});
  return out;
}

/// Plan, outturn and variance under one key.
struct variance_row {
  std::string key;  ///< line id, scheme id, funding source, partner id, "unattributed" or "fund"
  money planned;    ///< planned spend
  money outturn;    ///< actual or forecast outturn
  money variance;   ///< outturn − planned: positive is an overspend
  /// Memberwise equality.
  friend bool operator==(const variance_row&, const variance_row&) = default;
};

/// Variance of outturn from plan at every level. Each level adds up to `fund` exactly:
/// lines, schemes and sources directly; partners plus `unattributed` because plan and outturn of
/// each source are each shared among its contributors with joinedup::allocate.
struct variance_report {
  std::vector<variance_row> lines;     ///< by expenditure line, in fund order
  std::vector<variance_row> schemes;   ///< by scheme (order of rollup_by_scheme)
  std::vector<variance_row> sources;   ///< by funding source (order of rollup_by_source)
  std::vector<variance_row> partners;  ///< by partner (order of rollup_by_partner)
  variance_row unattributed{"unattributed", {}, {}, {}};  ///< sources nobody contributes to
  variance_row fund{"fund", {}, {}, {}};                  ///< the whole fund
  /// Memberwise equality.
  friend bool operator==(const variance_report&, const variance_report&) = default;
};

namespace detail {
/// Zips two roll-ups with the same keys in the same order into variance rows.
inline std::vector<variance_row> zip_rows(const rollup& planned, const rollup& outturn) {
  JOINEDUP_EXPECTS(planned.size() == outturn.size());
  std::vector<variance_row> out;
  out.reserve(planned.size());
  for (std::size_t i = 0; i < planned.size(); ++i) {
    JOINEDUP_EXPECTS(planned[i].key == outturn[i].key);
    out.push_back({planned[i].key, planned[i].amount, outturn[i].amount,
                   outturn[i].amount - planned[i].amount});
  }
  return out;
}
}  // namespace detail

/// The variance report of `outturn` against the fund's plan. Precondition: one outturn per fund
/// line, in the fund's line order (as forecast_outturns gives).
[[nodiscard]] inline variance_report make_variance_report(const pooled_fund& fund,
                                                          const outturns& outturn) {
  JOINEDUP_EXPECTS(outturn.size() == fund.lines.size());
  std::vector<money> planned(fund.lines.size());
  std::vector<money> actual(fund.lines.size());
  variance_report r;
  for (std::size_t i = 0; i < fund.lines.size(); ++i) {
    JOINEDUP_EXPECTS(outturn[i].line == fund.lines[i].id);
    planned[i] = fund.lines[i].planned;
    actual[i] = outturn[i].outturn;
    r.lines.push_back({fund.lines[i].id, planned[i], actual[i], actual[i] - planned[i]});
  }
  r.schemes = detail::zip_rows(rollup_by_scheme(fund, planned), rollup_by_scheme(fund, actual));
  r.sources = detail::zip_rows(rollup_by_source(fund, planned), rollup_by_source(fund, actual));
  const partner_rollup pp = rollup_by_partner(fund, planned);
  const partner_rollup pa = rollup_by_partner(fund, actual);
  r.partners = detail::zip_rows(pp.partners, pa.partners);
  r.unattributed = {"unattributed", pp.unattributed, pa.unattributed,
                    pa.unattributed - pp.unattributed};
  const money total_planned = fund_total(planned);
  const money total_outturn = fund_total(actual);
  r.fund = {"fund", total_planned, total_outturn, total_outturn - total_planned};
  return r;
}

/// Adds what a reader of a forecast as of `as_of` should know (codes budget.forecast.*): the
/// as-of date is before the year (every method gives the plan) or at or after its end (every
/// method gives the actual spend); transactions dated after the as-of date, left out of spend
/// to date; lines whose funding source has nobody to share variance with. Precondition: as for
/// forecast_lines.
inline void check_forecast(const pooled_fund& fund, const ledger_summary& ledger,
                           std::chrono::year_month_day as_of, diagnostics& diags) {
  detail::expect_same_lines(fund, ledger);
  const year_progress progress = year_progress::of(fund.year, as_of);
  const std::string year = fund.year.to_string();
  if (progress.not_started()) {
    diags.warning("budget.forecast.before_year", "",
                  "as-of date " + to_iso_string(as_of) + " is before financial year " + year +
                      " starts on " + to_iso_string(fund.year.first_day()) +
                      ": every forecast method gives the plan");
  } else if (progress.ended()) {
    diags.add("budget.forecast.year_ended", severity::info, "",
              "as-of date " + to_iso_string(as_of) + " is on or after the end of " + year +
                  ": every forecast method gives the actual spend for the year");
  }
  const std::size_t later = ledger.transactions_after(as_of);
  if (later > 0) {
    diags.warning("budget.forecast.later_transactions", "",
                  std::to_string(later) + " ledger transaction(s) dated after the as-of date " +
                      to_iso_string(as_of) +
                      " are left out of spend to date; forecast as of a later date to include "
                      "them");
  }
  for (std::size_t i = 0; i < fund.lines.size(); ++i) {
    rollup by_partner;  // this line's source: each partner's total contribution to it
    for (const contribution& c : fund.contributions) {
      if (c.source == fund.lines[i].source) detail::add_to(by_partner, c.partner, c.amount);
    }
    money positive;
    bool negative = false;
    for (const keyed_amount& k : by_partner) {
      negative = negative || k.amount.is_negative();
      positive += k.amount;
    }
    if (negative || !positive.is_positive()) {
      diags.warning("budget.forecast.unattributed_source",
                    json_pointer{}.key("lines").index(i).key("source").str(),
                    "line '" + fund.lines[i].id + "' is funded from source '" +
                        fund.lines[i].source +
                        "', which has no positive contributions to share its variance by; its "
                        "variance is reported as unattributed, not by partner");
    }
  }
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
