// joinedup CLI (private): the outcomes scorecard read from a framework and a measurements file,
// shared by `outcomes scorecard`, the demo and the board pack (`joinedup report`).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/outcomes/scorecard.hpp"

namespace joinedup::cli {

/// The scorecard rows for a framework file and a measurements file, as of `as_of`; nullopt (with
/// diagnostics, each naming its file) when either cannot be read. `rows_rejected` counts the
/// measurement rows the reader rejected.
std::optional<std::vector<outcomes::scorecard_row>> load_scorecard(
    const std::string& measurements_path, const std::string& framework_path,
    std::chrono::year_month_day as_of, diagnostics& diags, std::size_t& rows_rejected);

}  // namespace joinedup::cli
