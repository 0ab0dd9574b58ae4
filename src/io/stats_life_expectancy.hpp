// joinedup (private): the `life_expectancy` method of `joinedup outcomes stats`
// (src/io/stats_life_expectancy.cpp), listed in src/io/stats_methods.cpp.
#pragma once

#include "stats_request.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {

/// Answers `{"method":"life_expectancy","start_ages":[...],"deaths":[...],"populations":[...],
/// "confidence":0.95,"le_age":"all"}` with one row per band: start_age, value and its limits
/// (null when not given, with a reason). Throws bad_request for a request it cannot answer.
json answer_life_expectancy(const json& req);

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
