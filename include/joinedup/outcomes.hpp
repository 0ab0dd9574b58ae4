// joinedup: every header of the outcomes module, the single outcomes framework: indicator
// catalogue, statistics with confidence intervals, benchmarking, targets and trajectories,
// statistical process control and scorecards. Header-only, no I/O.
#pragma once

#include "joinedup/outcomes/batch.hpp"
#include "joinedup/outcomes/benchmark.hpp"
#include "joinedup/outcomes/distributions.hpp"
#include "joinedup/outcomes/funnel.hpp"
#include "joinedup/outcomes/indicator.hpp"
#include "joinedup/outcomes/life_expectancy.hpp"
#include "joinedup/outcomes/quantile.hpp"
#include "joinedup/outcomes/scorecard.hpp"
#include "joinedup/outcomes/sii.hpp"
#include "joinedup/outcomes/spc.hpp"
#include "joinedup/outcomes/statistics.hpp"
#include "joinedup/outcomes/target.hpp"
