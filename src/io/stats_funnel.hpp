// joinedup (private): the funnel plot methods of `joinedup outcomes stats` (funnel_limits,
// funnel_significance, funnel_points; joinedup/outcomes/funnel.hpp, docs/outcomes-funnel.md).
#pragma once

#include "stats_request.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {

/// `{"method":"funnel_limits",...}`: the 100 rows of a funnel's control limits.
json answer_funnel_limits(const json& req);
/// `{"method":"funnel_significance",...}`: one significance label per area.
json answer_funnel_significance(const json& req);
/// `{"method":"funnel_points",...}`: rate_chart and denominator_derived per area.
json answer_funnel_points(const json& req);

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
