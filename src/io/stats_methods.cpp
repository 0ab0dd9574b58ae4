// joinedup: the table of `outcomes stats` methods answered in files of their own (life
// expectancy, funnel plots, quantiles, the slope index of inequality). The indicator statistics
// (proportion, rates, DSR, ISR, mean, count) are answered in src/io/outcomes_jsonl.cpp.
#include <array>

#include "stats_quantile_sii.hpp"
#include "stats_request.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {

std::span<const stats_method> extra_stats_methods() {
  static const std::array<stats_method, 2> methods{{
      {"quantile", answer_quantile},
      {"sii", answer_sii},
  }};
  return methods;
}

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
