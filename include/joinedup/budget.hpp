// joinedup: every header of the budget module, pooled budgets (section 75 / Better Care Fund funds,
// validation, ledger, forecast outturn, risk-share settlement) and capitation, payment models and
// alliance gain/loss share. Header-only, no I/O.
#pragma once

#include "joinedup/budget/alliance.hpp"
#include "joinedup/budget/capitation.hpp"
#include "joinedup/budget/catalogue.hpp"
#include "joinedup/budget/events.hpp"
#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/ledger.hpp"
#include "joinedup/budget/outturn.hpp"
#include "joinedup/budget/payment_models.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/roll_forward.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/budget/summary.hpp"
#include "joinedup/budget/validate.hpp"
