// Tests for joinedup/care/costing.hpp: weekly cost = unit price × units per week, committed
// spend pro rata by days in the financial year (1 April to 31 March, §2.4).
#include "joinedup/care/costing.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::care;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {
service make_service(const char* price, const char* units, funder f, const char* line, date start,
                     std::optional<date> end = std::nullopt) {
  service s;
  s.id = "s";
  s.unit_price = *rate::parse(price);
  s.units_per_week = *ratio::parse(units);
  s.funded_by = f;
  s.scheme = line_id(line);
  s.start = start;
  s.end = end;
  return s;
}
}  // namespace

TEST_CASE("weekly cost rounds once per service") {
  // £23.4567 × 10.5 hours = £246.29535, half up → £246.30.
  const service s = make_service("23.4567", "10.5", funder::council, "L1", 2025y / 4 / 1);
  CHECK(weekly_cost(s, rounding::half_up) == money::from_pence(24630));
  CHECK(weekly_cost(s, rounding::toward_zero) == money::from_pence(24629));
  CHECK(full_year_effect(money::from_pence(24630)) == money::from_pence(24630 * 52));

  care_plan p;
  p.services = {s, make_service("30.00", "7", funder::person, "", 2025y / 4 / 1),
                make_service("48.00", "3", funder::nhs, "L2", 2025y / 4 / 1, 2025y / 4 / 30)};
  const cost_split w = weekly_cost(p, sys_days(2025y / 4 / 15), rounding::half_up);
  CHECK(w.council == money::from_pence(24630));
  CHECK(w.person == money::from_pence(21000));
  CHECK(w.nhs == money::from_pence(14400));
  CHECK(w.total() == money::from_pence(24630 + 21000 + 14400));
  CHECK(w.public_funded() == money::from_pence(24630 + 14400));
  CHECK(weekly_cost(p, sys_days(2025y / 5 / 1), rounding::half_up).nhs.is_zero());
}

TEST_CASE("cost over a range is unit price × units × days / 7") {
  // £20.00 × 14 a week for 30 days (1-30 April) = £20 × 14 × 30 / 7 = £1,200.00.
  const service s =
      make_service("20.00", "14", funder::council, "L1", 2025y / 4 / 1, 2025y / 4 / 30);
  const date_range fy = financial_year::starting(2025).range();
  CHECK(cost_over(s, fy, rounding::half_up) == money::from_pounds(1200));
  const service later = make_service("20.00", "14", funder::council, "L1", 2026y / 4 / 1);
  CHECK(cost_over(later, fy, rounding::half_up).is_zero());
}

TEST_CASE("committed spend per pooled fund line for a financial year") {
  care_records r;
  care_plan a;
  a.history = {{event_kind::agreed, 2025y / 1 / 6, "x", {}}};
  // Whole 2025-26 (365 days): £45 × 2 = £90 a week × 365 / 7 = £4,692.857… → £4,692.86.
  a.services = {make_service("45.00", "2", funder::council, "L1", 2024y / 11 / 11),
                make_service("10.00", "1", funder::person, "L1", 2024y / 11 / 11)};
  care_plan b;
  b.history = {{event_kind::agreed, 2025y / 4 / 1, "x", {}},
               {event_kind::closed, 2025y / 4 / 14, {}, "moved away"}};
  // Closed after 14 days: £70 a week × 14 / 7 = £140.00.
  b.services = {make_service("10.00", "7", funder::joint, "L2", 2025y / 4 / 1)};
  care_plan draft;
  draft.history = {{event_kind::drafted, 2025y / 4 / 1, {}, {}}};
  draft.services = {make_service("99.00", "1", funder::council, "L1", 2025y / 4 / 1)};
  r.plans = {a, b, draft};
  const auto spend = committed_spend(r, financial_year::starting(2025), sys_days(2025y / 11 / 30),
                                     rounding::half_up);
  REQUIRE(spend.size() == 2);
  CHECK(spend.at(line_id("L1")) == money::from_pence(469286));
  CHECK(spend.at(line_id("L2")) == money::from_pounds(140));
}

TEST_CASE("care costs still to come after a date, service by service, as fund commitments") {
  // As of 30 November 2025, 1 December 2025 to 31 March 2026 is 31 + 31 + 28 + 31 = 121 days.
  // Plan a: £90 a week (council, L1) × 121 / 7 = £1,555.714… → £1,555.71; the person's own
  // £10 a week is never counted. Plan b closed in April: nothing. A draft: nothing.
  care_records r;
  care_plan a;
  a.id = plan_id("P-A");
  a.history = {{event_kind::agreed, 2025y / 1 / 6, "x", {}}};
  a.services = {make_service("45.00", "2", funder::council, "L1", 2024y / 11 / 11),
                make_service("10.00", "1", funder::person, "L1", 2024y / 11 / 11)};
  care_plan b;
  b.id = plan_id("P-B");
  b.history = {{event_kind::agreed, 2025y / 4 / 1, "x", {}},
               {event_kind::closed, 2025y / 4 / 14, {}, "moved away"}};
  b.services = {make_service("10.00", "7", funder::joint, "L2", 2025y / 4 / 1)};
  care_plan draft;
  draft.id = plan_id("P-D");
  draft.history = {{event_kind::drafted, 2025y / 4 / 1, {}, {}}};
  draft.services = {make_service("99.00", "1", funder::council, "L1", 2025y / 4 / 1)};
  // Plan c: NHS, L2, £48 × 3 = £144 a week, ending 31 January 2026: 62 days → £1,275.43
  // (1,275.428…).
  care_plan c;
  c.id = plan_id("P-C");
  c.history = {{event_kind::agreed, 2025y / 6 / 2, "x", {}}};
  c.services = {make_service("48.00", "3", funder::nhs, "L2", 2025y / 6 / 2, 2026y / 1 / 31)};
  r.plans = {a, b, draft, c};
  const auto costs = try_commitments_to_year_end(r, financial_year::starting(2025),
                                                 sys_days(2025y / 11 / 30), rounding::half_up);
  REQUIRE(costs.has_value());
  REQUIRE(costs->size() == 2);
  CHECK((*costs)[0].plan == "P-A");
  CHECK((*costs)[0].line == line_id("L1"));
  CHECK((*costs)[0].amount == money::from_pence(155571));
  CHECK((*costs)[1].plan == "P-C");
  CHECK((*costs)[1].amount == money::from_pence(127543));
  // At the year end nothing is still to come.
  CHECK(try_commitments_to_year_end(r, financial_year::starting(2025), sys_days(2026y / 3 / 31),
                                    rounding::half_up)
            ->empty());
}
