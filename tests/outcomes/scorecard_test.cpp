// Tests for joinedup/outcomes/scorecard.hpp: grouping, statistics, benchmark, target and SPC per
// row. Values are checked against the statistics tests' hand-computed numbers.
#include "joinedup/outcomes/scorecard.hpp"

#include <doctest/doctest.h>

namespace jo = joinedup::outcomes;
using namespace std::chrono;

namespace {
jo::framework fw() {
  jo::framework f;
  f.catalogue.domains = {{"independence", "Independence"}};
  jo::indicator_definition p;
  p.id = "reablement_91_days";
  p.domain = "independence";
  p.method = jo::indicator_method::proportion;
  p.multiplier = 100;
  p.polarity = jo::polarity::higher_is_better;
  f.catalogue.indicators.push_back(p);
  jo::indicator_definition r = p;
  r.id = "residential_admissions_65plus";
  r.method = jo::indicator_method::crude_rate;
  r.multiplier = 100000;
  r.polarity = jo::polarity::lower_is_better;
  r.disclosure.suppress_numerator_below = 6;
  f.catalogue.indicators.push_back(r);
  jo::target t;
  t.indicator = "reablement_91_days";
  t.value = 70;
  t.due = 2026y / March / 31;
  f.targets.push_back(t);
  f.benchmarks.push_back({"reablement_91_days", "", "England", 50});
  return f;
}
jo::measurement m(std::string ind, std::string period, year_month_day end, double x, double n,
                  std::size_t line) {
  jo::measurement r;
  r.indicator = std::move(ind);
  r.area = "E06000099";
  r.period = std::move(period);
  r.period_end = end;
  r.numerator = x;
  r.denominator = n;
  r.line = line;
  return r;
}
}  // namespace

TEST_CASE("rows are grouped, summed and assessed") {
  const std::vector<jo::measurement> rows = {
      m("reablement_91_days", "2024-25", 2025y / March / 31, 40, 60, 2),
      m("reablement_91_days", "2024-25", 2025y / March / 31, 25, 40, 3),  // summed: 65 of 100
      m("reablement_91_days", "2025-26", 2026y / March / 31, 72, 100, 4),
      m("residential_admissions_65plus", "2024-25", 2025y / March / 31, 3, 50000, 5),
      m("unknown", "2024-25", 2025y / March / 31, 1, 2, 6),
      m("reablement_91_days", "2026-27", 2027y / March / 31, 1, 2, 7),  // after as_of: left out
  };
  joinedup::diagnostics d;
  const auto card = jo::build_scorecard(fw(), rows, 2026y / March / 31, d);
  REQUIRE(card.size() == 3);
  CHECK(d.contains("outcomes.measurement.unknown_indicator"));
  CHECK(d.find("outcomes.measurement.unknown_indicator")->line == 6);
  const jo::scorecard_row& first = card[0];
  CHECK(*first.shown_value() == doctest::Approx(65));
  CHECK(*first.statistic->intervals[0].lower == doctest::Approx(55.25444329688797).epsilon(1e-12));
  CHECK(first.compared == jo::comparison::better);  // 55.25 > England 50
  // No trajectory and not yet due: on trajectory until the due date (target.hpp assess()).
  CHECK(first.status == jo::target_status::on_trajectory);
  CHECK(card[1].status == jo::target_status::met);
  CHECK(card[1].points == 2);
  CHECK(card[1].assurance.has_value());
  // 3 admissions is under the disclosure threshold of 6: the value is withheld.
  CHECK(card[2].withheld == jo::reasons::disclosure);
  CHECK(!card[2].shown_value());
}
