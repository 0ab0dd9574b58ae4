// joinedup: the umbrella header of the core vocabulary (money, rates, ratios, allocation,
// periods, identifiers, diagnostics, results); no I/O, no fmt formatters. The modules have their
// own umbrellas: joinedup/budget.hpp, care.hpp, outcomes.hpp and governance.hpp.
#pragma once

#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/core/rounding.hpp"
#include "joinedup/version.hpp"
