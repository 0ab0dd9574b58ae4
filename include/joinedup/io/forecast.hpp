// joinedup: a pooled fund's forecast outturn as a report: every line's plan, spend to date,
// commitments, forecast and variance; the roll-ups by scheme, funding source and partner; the
// fund's spend month by month and quarter by quarter; and the ledger's control totals. Written
// as JSON (schema "joinedup/forecast/v1") here; as tables for text and CSV by
// joinedup/report/budget.hpp (report::forecast_tables, report::forecast_levels_table).
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/ledger.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/io/ledger_csv.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of a forecast document.
inline constexpr std::string_view forecast_schema = "joinedup/forecast/v1";

/// A forecast outturn of a fund as of a date, with what a finance report shows beside it.
struct forecast_report {
  std::chrono::year_month_day as_of{};  ///< the date the forecast is made at
  budget::forecast_method method = budget::forecast_method::commitments_plus_profile;  ///< how
  std::vector<budget::line_forecast> lines;  ///< one per fund line, in fund order
  budget::variance_report variance;          ///< outturn against plan at every level
  std::array<money, 12> monthly{};  ///< fund spend in M01 (April) … M12 (March), to the as-of date
  std::array<money, 4> quarterly{};  ///< fund spend in Q1 … Q4, to the as-of date
  ledger_control_totals control;     ///< rows read, accepted, rejected; control totals
};

/// Builds the report of `fund` from a loaded ledger, forecast by `method` as of `as_of`, with
/// `extra` commitments (care plans' costs still to come) added to the ledger's. Months and
/// quarters count only transactions dated on or before `as_of`. Precondition: `ledger` was read
/// for this fund.
[[nodiscard]] forecast_report make_forecast_report(const budget::pooled_fund& fund,
                                                   const ledger_load& ledger,
                                                   std::chrono::year_month_day as_of,
                                                   budget::forecast_method method,
                                                   const budget::extra_commitments& extra = {});

/// The report as JSON, money as decimal strings: {"schema", "fund", "financial_year", "as_of",
/// "method", "complete" (false when any ledger row was rejected), "control": {"rows_read",
/// "rows_accepted", "rows_rejected", "total", "by_kind"}, "fund_total": {"planned",
/// "spend_to_date", "commitments", "outturn", "variance"}, "lines": [{"line", "scheme", "source",
/// "planned", "spend_to_date", "commitments", "outturn", "variance"}], "schemes" / "sources" /
/// "partners": [{"key", "planned", "outturn", "variance"}], "unattributed", "monthly": [{"month",
/// "spend"}], "quarterly": [{"quarter", "spend"}]}.
[[nodiscard]] std::string forecast_to_json(const forecast_report& report,
                                           const budget::pooled_fund& fund, int indent = 2);

}  // namespace io
JOINEDUP_END_NAMESPACE
