// joinedup (private): the `outcomes stats` methods "quantile" (src/io/stats_quantile.cpp) and
// "sii" (src/io/stats_sii.cpp), listed in src/io/stats_methods.cpp.
#pragma once

#include "stats_request.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {

/// Answers {"method":"quantile","values":[...],"nquantiles":10,"invert":true,"groups":[...]}
/// with one quantile (or null) per value, as PHEindicatormethods' phe_quantile.
json answer_quantile(const json& req);

/// Answers {"method":"sii","quantiles":[...],"populations":[...],"values":[...],"se":[...]}
/// (or lower_cl/upper_cl, or x counts for proportions) with the SII, RII, intercept and
/// simulated confidence limits, as PHEindicatormethods' phe_sii.
json answer_sii(const json& req);

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
