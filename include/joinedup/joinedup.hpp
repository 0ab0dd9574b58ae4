// joinedup: the umbrella header. Includes the whole domain (no I/O, no fmt formatters).
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
