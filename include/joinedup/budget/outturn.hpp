// joinedup: the outturn of each expenditure line, the hand-off from forecasting to settlement.
#pragma once

#include <string>
#include <vector>

#include "joinedup/core/money.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// The actual or forecast spend of one expenditure line for the whole financial year.
struct line_outturn {
  std::string line;  ///< expenditure line id
  money outturn;     ///< actual (at year end) or forecast (mid-year) spend for the year
};

/// Outturns for every line of a fund, in the fund's line order.
using outturns = std::vector<line_outturn>;

}  // namespace budget
JOINEDUP_END_NAMESPACE
