// The bundled demo area (data/demo/) is one area whose figures agree across every module: the
// area profile's amounts, the pooled fund as it stands on the profile's date once the in-year
// events are applied, the same events read from the audit trail, the care plans' fund lines, the
// integration progress document's pooled spend, and a settlement that ties (final contributions
// and dispositions equal the outturn). A change to one file that the others do not follow fails
// here.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>

#include "joinedup/budget/events.hpp"
#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/settle.hpp"
#include "joinedup/care/costing.hpp"
#include "joinedup/io/area.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/fund_events.hpp"
#include "joinedup/io/governance.hpp"
#include "joinedup/io/ledger_csv.hpp"

namespace {

using joinedup::diagnostics;
using joinedup::money;
namespace budget = joinedup::budget;
namespace io = joinedup::io;

std::string demo_file(const char* name) {
  const auto text = io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/data/demo/" + name);
  REQUIRE(text.has_value());
  return *text;
}

/// The demo fund on `on`, with the events of `events_text` (a document or the audit trail).
budget::pooled_fund demo_fund_on(const std::string& events_text, std::chrono::year_month_day on) {
  diagnostics d;
  const std::optional<budget::pooled_fund> fund =
      io::read_pooled_fund(demo_file("budget-fund.json"), d);
  REQUIRE(fund.has_value());
  const std::optional<budget::fund_events> events = io::read_events_or_audit(events_text, d);
  REQUIRE(events.has_value());
  budget::fund_at_date at = budget::fund_on(*fund, *events, on, d);
  CHECK_FALSE(d.has_errors());
  return at.fund;
}

/// Contributions by partner.
std::map<std::string, money> by_partner(const budget::pooled_fund& f) {
  std::map<std::string, money> out;
  for (const budget::contribution& c : f.contributions)
    out[c.partner] += c.amount;
  return out;
}

}  // namespace

TEST_CASE("the demo area's figures agree across the modules") {
  diagnostics d;
  const std::optional<io::area_profile> area = io::read_area_profile(demo_file("area.json"), d);
  REQUIRE(area.has_value());
  const budget::pooled_fund fund = demo_fund_on(demo_file("budget-events.json"), area->as_of);

  // One source of truth: the audit trail's events give the same fund as the events document.
  CHECK(demo_fund_on(demo_file("audit.jsonl"), area->as_of) == fund);

  // The area profile's amounts are the partners' contributions on its date: ICB £24,312,540.00
  // + £1,500,000.00 (as varied on 2025-09-02) + £300,000.00 (the risk pool) = £26,112,540.00;
  // council £9,876,543.21 + £3,104,227.00 + £850,000.00 + £200,000.00 = £14,030,770.21.
  std::map<std::string, money> area_by_partner;
  money area_total;
  for (const io::area_amount& a : area->amounts) {
    area_by_partner[a.partner] += a.amount;
    area_total += a.amount;
  }
  CHECK(area_by_partner == by_partner(fund));
  CHECK(area_by_partner["icb"] == money::from_pence(2'611'254'000));
  CHECK(area_by_partner["council"] == money::from_pence(1'403'077'021));
  CHECK(area_total == fund.total_contributions());

  // The integration progress document's pooled spend is the same money, partner by partner.
  const std::optional<joinedup::governance::progress_input> progress =
      io::read_progress(demo_file("governance-progress.json"), d);
  REQUIRE(progress.has_value());
  CHECK(progress->as_of == area->as_of);
  std::map<std::string, money> pooled;
  for (const auto& sp : progress->spend)
    pooled[sp.partner] += sp.pooled;
  CHECK(pooled == by_partner(fund));

  // Every care plan service the pooled fund pays for names a line of the fund.
  const std::optional<joinedup::care::care_records> care =
      io::read_care_records(demo_file("care-plans.json"), d);
  REQUIRE(care.has_value());
  for (const auto& id : care->schemes) {
    CAPTURE(id.str());
    CHECK(fund.find_line(id.str()) != nullptr);
  }
  for (const auto& plan : care->plans) {
    for (const auto& s : plan.services) {
      CAPTURE(s.id);
      if (!s.scheme.str().empty()) CHECK(fund.find_line(s.scheme.str()) != nullptr);
    }
  }

  // The demo's settlement (the commitments-plus-profile forecast on the ledger's last day, as
  // `joinedup demo` prints it) ties: final contributions + from outside the pool = outturn +
  // carried forward + retained in the pool, revenue and capital each on their own.
  diagnostics ld;
  const std::optional<io::ledger_load> ledger = io::read_ledger_csv_file(
      std::string(JOINEDUP_SOURCE_DIR) + "/data/demo/budget-ledger.csv", fund, ld);
  REQUIRE(ledger.has_value());
  CHECK(ledger->control.rows_rejected == 0);
  const auto dates = ledger->summary.dates();
  REQUIRE(dates.has_value());
  const std::chrono::year_month_day as_of{dates->last()};
  // The care plans' services still to come are commitments on the lines they name.
  const auto costs = joinedup::care::try_commitments_to_year_end(
      *care, fund.year, std::chrono::sys_days(as_of), joinedup::rounding::half_up);
  REQUIRE(costs.has_value());
  budget::extra_commitments committed;
  for (const auto& c : *costs) {
    if (!c.line.str().empty()) committed[c.line.str()] += c.amount;
  }
  CHECK(committed.size() == 5);  // L02, L03, L05, L08, L10; the CHC service is outside the fund
  const budget::settlement s = budget::settle(
      fund,
      budget::forecast_outturns(fund, ledger->summary, as_of,
                                budget::forecast_method::commitments_plus_profile, committed));
  CHECK(s.income == fund.total_contributions());
  CHECK(s.conserves());
  CHECK(s.conserves_capital());
  CHECK(s.total_final_contributions() + s.total(budget::disposition_kind::from_outside_pool) ==
        s.outturn + s.total(budget::disposition_kind::carried_forward) +
            s.total(budget::disposition_kind::retained_in_pool));
}
