// joinedup: the table of `outcomes stats` methods answered in files of their own (life
// expectancy, funnel plots, quantiles, the slope index of inequality). The indicator statistics
// (proportion, rates, DSR, ISR, mean, count) are answered in src/io/outcomes_jsonl.cpp.
#include <array>

#include "stats_funnel.hpp"
#include "stats_life_expectancy.hpp"
#include "stats_quantile_sii.hpp"
#include "stats_request.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::stats_request {

std::span<const stats_method> extra_stats_methods() {
  static const std::array<stats_method, 6> methods{{
      {"life_expectancy", answer_life_expectancy},
      {"funnel_limits", answer_funnel_limits},
      {"funnel_significance", answer_funnel_significance},
      {"funnel_points", answer_funnel_points},
      {"quantile", answer_quantile},
      {"sii", answer_sii},
  }};
  return methods;
}

}  // namespace io::stats_request
JOINEDUP_END_NAMESPACE
