// joinedup: a settlement in English: its steps, the numbered explanation an auditor follows, and
// the text table for a board paper.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/settle.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// One step of `settlement` as an English sentence with its figures ("Line L1 (Home care)
/// overspent by £120,000.01; rule: proportional to contributions; …"). `fund` is the fund that
/// was settled: it gives the fund's name and year, the partners' names (a partner without one is
/// shown by its id; an id repeated in the fund shows the first partner's name) and the lines'
/// descriptions; `settlement` gives the pool movements the check step lists.
[[nodiscard]] std::string settlement_step_text(const budget::settlement_step& step,
                                               const budget::settlement& settlement,
                                               const budget::pooled_fund& fund);

/// Every step of `settlement` as a sentence, in order (settlement_step_text for each).
[[nodiscard]] std::vector<std::string> settlement_steps(const budget::settlement& settlement,
                                                        const budget::pooled_fund& fund);

/// The settlement as aligned text for a board paper: a heading (fund, year, as-of date and
/// whether the outturn is a forecast), then `banner` as given (lines the caller wants under the
/// heading, such as io's INCOMPLETE line for a ledger with rejected rows), the partners
/// (contribution, share of variance, final contribution, with totals), the pool movements, the
/// check of the identity, then the numbered steps, wrapped at 100 columns.
[[nodiscard]] std::string settlement_text(
    const budget::settlement& settlement, const budget::pooled_fund& fund,
    std::optional<std::chrono::year_month_day> as_of = std::nullopt, std::string_view banner = {});

}  // namespace report
JOINEDUP_END_NAMESPACE
