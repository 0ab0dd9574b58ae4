// Tests for joinedup/governance/integration.hpp: organisations involved per person with complex
// needs, and the share of pooled revenue spend in community and social care settings against
// acute, by period with the trend (docs/sources.md §S-HC1583: "deal with fewer organisations",
// "more care in community settings rather than hospitals"). Every expected value is worked by
// hand in the comment beside it.
#include "joinedup/governance/integration.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::governance;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {

budget::expenditure_line line(const char* id, const char* area, std::int64_t pence,
                              bool capital = false) {
  budget::expenditure_line l;
  l.id = id;
  l.area_of_spend = area;
  l.planned = money::from_pence(pence);
  l.capital = capital;
  return l;
}

/// A fund of 2025-26: £600 social care, £300 acute, £100 other (revenue) and £1,000 of capital
/// social care (a DFG line), so revenue is £1,000.
budget::pooled_fund small_fund() {
  budget::pooled_fund f;
  f.name = "Small";
  f.lines = {line("S", "social_care", 60000), line("A", "Acute", 30000), line("O", "other", 10000),
             line("D", "social_care", 100000, true)};
  return f;
}

}  // namespace

TEST_CASE("periods of the year ended by the date") {
  const financial_year y = financial_year::starting(2025);
  // Quarters end 30 June and 30 September by 30 November; Q3 ends 31 December.
  const std::vector<year_period> q = periods_to(y, period_kind::quarter, sys_days{2025y / 11 / 30});
  REQUIRE(q.size() == 2);
  CHECK(q[0].label == "2025-26 Q1");
  CHECK(q[1].days.last() == sys_days{2025y / 9 / 30});
  // Months April to November: eight, the last ending on the date itself.
  const std::vector<year_period> m = periods_to(y, period_kind::month, sys_days{2025y / 11 / 30});
  REQUIRE(m.size() == 8);
  CHECK(m.back().label == "2025-26 M08");
  CHECK(periods_to(y, period_kind::month, sys_days{2025y / 4 / 29}).empty());
}

TEST_CASE("trend from the first period with a value to the last") {
  const financial_year y = financial_year::starting(2025);
  const std::vector<year_period> q = periods_to(y, period_kind::quarter, sys_days{2026y / 3 / 31});
  const std::optional<trend> t =
      trend_over(q, {std::nullopt, ratio::of(3, 2), std::nullopt, ratio::of(4, 3)});
  REQUIRE(t.has_value());
  CHECK(t->from == "2025-26 Q2");
  CHECK(t->to == "2025-26 Q4");
  CHECK(t->direction == trend_direction::down);  // 4/3 < 3/2
  CHECK(trend_over(q, {ratio::of(1, 2), ratio::of(2, 4)})->direction == trend_direction::flat);
  CHECK_FALSE(trend_over(q, {ratio::of(1, 2)}).has_value());  // one value is no trend
}

TEST_CASE("areas of spend by setting: one table, keys and labels, the rest other") {
  CHECK(setting_of("social_care") == care_setting::community_and_social_care);
  CHECK(setting_of("Community Health") == care_setting::community_and_social_care);
  CHECK(setting_of("primary_care") == care_setting::community_and_social_care);
  CHECK(setting_of("mental_health") == care_setting::community_and_social_care);
  CHECK(setting_of("continuing_care") == care_setting::community_and_social_care);
  CHECK(setting_of("acute") == care_setting::acute);
  CHECK(setting_of("Acute") == care_setting::acute);
  CHECK(setting_of("other") == care_setting::other);
  CHECK(setting_of("hospital") == care_setting::other);  // not a catalogue area
}

TEST_CASE("planned pooled revenue by setting leaves capital out") {
  const setting_spend s = planned_by_setting(small_fund());
  CHECK(s.community == money::from_pence(60000));
  CHECK(s.acute == money::from_pence(30000));
  CHECK(s.other == money::from_pence(10000));
  CHECK(s.total() == money::from_pence(100000));
  // £600 / £1,000 = 3/5 community; £300 / £1,000 = 3/10 acute.
  CHECK(s.community_share() == ratio::of(3, 5));
  CHECK(s.acute_share() == ratio::of(3, 10));
  CHECK_FALSE(setting_spend{}.community_share().has_value());
}

TEST_CASE("pooled spend by setting over the periods: planned after events, actual from a ledger") {
  const budget::pooled_fund f = small_fund();
  // A virement of £100 from acute to social care on 1 August 2025 (in Q2).
  budget::fund_events ev;
  budget::fund_event v;
  v.id = "V1";
  v.date = 2025y / 8 / 1;
  v.kind = budget::fund_event_kind::virement;
  v.amount = money::from_pence(10000);
  v.from_line = "A";
  v.to_line = "S";
  ev.events = {v};
  // Spend: Q1 £100 social care and £100 acute; Q2 £300 social care and £100 acute; a commitment
  // (not spend) and capital spend (not revenue) are left out.
  budget::ledger_summary ledger(f);
  const auto add = [&](const char* l, std::chrono::year_month_day d, std::int64_t p,
                       budget::transaction_kind k) {
    const budget::transaction t{d, l, money::from_pence(p), k, "", 0};
    CHECK(ledger.add(t) == budget::add_outcome::added);
  };
  add("S", 2025y / 5 / 10, 10000, budget::transaction_kind::actual);
  add("A", 2025y / 6 / 30, 10000, budget::transaction_kind::actual);
  add("S", 2025y / 8 / 10, 30000, budget::transaction_kind::actual);
  add("A", 2025y / 9 / 1, 10000, budget::transaction_kind::accrual);
  add("A", 2025y / 9 / 2, 50000, budget::transaction_kind::commitment);
  add("D", 2025y / 9 / 3, 90000, budget::transaction_kind::actual);
  diagnostics d;
  const settings_measure m =
      measure_settings(f, &ev, &ledger, period_kind::quarter, sys_days{2025y / 11 / 30}, d);
  CHECK(d.empty());
  // On 30 November the virement has moved £100: community £700 / £1,000, acute £200 / £1,000.
  CHECK(m.planned.community_share() == ratio::of(7, 10));
  CHECK(m.planned.acute_share() == ratio::of(1, 5));
  // To date: £400 community, £200 acute of £600 spent.
  REQUIRE(m.to_date.has_value());
  CHECK(m.to_date->community_share() == ratio::of(2, 3));
  REQUIRE(m.periods.size() == 2);
  // Q1 (30 June, before the virement): 600/1000 planned; spent 100 of 200.
  CHECK(m.periods[0].planned.community_share() == ratio::of(3, 5));
  CHECK(m.periods[0].actual->community_share() == ratio::of(1, 2));
  // Q2 (30 September): 700/1000 planned; spent 300 of 400 = 3/4 community, 1/4 acute.
  CHECK(m.periods[1].planned.community_share() == ratio::of(7, 10));
  CHECK(m.periods[1].actual->community_share() == ratio::of(3, 4));
  CHECK(m.periods[1].actual->acute_share() == ratio::of(1, 4));
  // Trends Q1 -> Q2: community up (3/5 -> 7/10 planned, 1/2 -> 3/4 spent), acute down.
  REQUIRE(m.community_planned.has_value());
  CHECK(m.community_planned->direction == trend_direction::up);
  CHECK(m.acute_planned->direction == trend_direction::down);  // 3/10 -> 1/5
  CHECK(m.community_actual->last == ratio::of(3, 4));
  CHECK(m.acute_actual->direction == trend_direction::down);  // 1/2 -> 1/4
  // Without events or a ledger: the fund as given, no spend.
  const settings_measure plain =
      measure_settings(f, nullptr, nullptr, period_kind::quarter, sys_days{2025y / 11 / 30}, d);
  CHECK(plain.planned.community_share() == ratio::of(3, 5));
  CHECK_FALSE(plain.to_date.has_value());
  CHECK_FALSE(plain.community_actual.has_value());
  CHECK(plain.community_planned->direction == trend_direction::flat);
}

TEST_CASE("organisations involved per person with complex needs") {
  using namespace joinedup::care;
  care_records r;
  r.case_managers = {{case_manager_id("A"), "A", "sw", "Northmoor Council", 5, {}},
                     {case_manager_id("B"), "B", "nurse", "", 5, {}}};
  const auto add_person = [&](const char* nhs, bool complex) {
    care::person p;
    p.nhs_number = nhs;
    p.complex_needs = complex;
    r.people.push_back(p);
  };
  add_person("9990000018", true);
  add_person("9997654323", true);
  add_person("9995550180", true);   // a draft plan only: not counted
  add_person("9998887771", false);  // not complex: not counted
  const auto add_plan = [&](const char* nhs, bool agreed, const char* cm) {
    care_plan p;
    p.id = plan_id(std::string("P-") + nhs);
    p.nhs_number = nhs;
    p.history = {{event_kind::drafted, 2025y / 4 / 1, "x", {}}};
    if (agreed) p.history.push_back({event_kind::agreed, 2025y / 4 / 10, "person", {}});
    p.assignments = {{case_manager_id(cm), 2025y / 4 / 1, std::nullopt, {}}};
    r.plans.push_back(p);
    return r.plans.size() - 1;
  };
  const auto add_service = [&](std::size_t plan, const char* provider, care::date from,
                               std::optional<care::date> to) {
    care::service s;
    s.id = provider;
    s.provider = provider;
    s.start = from;
    s.end = to;
    r.plans[plan].services.push_back(s);
  };
  // Person 1: Moorside from April, "moorside " again (the same organisation), Dale Nursing from
  // 1 August, and case manager A of Northmoor Council: 2 organisations on 30 June, 3 from August.
  const std::size_t p1 = add_plan("9990000018", true, "A");
  add_service(p1, "Moorside", 2025y / 4 / 10, std::nullopt);
  add_service(p1, "moorside ", 2025y / 4 / 10, std::nullopt);
  add_service(p1, "Dale Nursing", 2025y / 8 / 1, std::nullopt);
  // Person 2: the council's own service until 31 July, and case manager B with no organisation
  // on record: 1 organisation on 30 June, none from August.
  const std::size_t p2 = add_plan("9997654323", true, "B");
  add_service(p2, "Northmoor Council", 2025y / 4 / 10, 2025y / 7 / 31);
  const std::size_t p3 = add_plan("9995550180", false, "A");
  add_service(p3, "Moorside", 2025y / 4 / 10, std::nullopt);
  const std::size_t p4 = add_plan("9998887771", true, "A");
  add_service(p4, "Moorside", 2025y / 4 / 10, std::nullopt);

  const organisations_count on = count_organisations(r, sys_days{2025y / 11 / 30});
  // 30 November: person 1 has 3 (Moorside, Dale Nursing, Northmoor Council), person 2 has 0.
  CHECK(on.people == 2);
  CHECK(on.organisations == 3);
  CHECK(on.mean() == ratio::of(3, 2));
  CHECK(on.distribution == std::array<std::int64_t, 5>{1, 0, 0, 1, 0});
  const organisations_measure m = measure_organisations(
      r, financial_year::starting(2025), period_kind::quarter, sys_days{2025y / 11 / 30});
  REQUIRE(m.periods.size() == 2);
  // 30 June: person 1 has 2 (Moorside, the council), person 2 has 1: (2 + 1) / 2 = 3/2.
  CHECK(m.periods[0].count.mean() == ratio::of(3, 2));
  CHECK(m.periods[0].count.distribution == std::array<std::int64_t, 5>{0, 1, 1, 0, 0});
  // 30 September: 3 and 0: 3/2 again: flat.
  CHECK(m.periods[1].count.mean() == ratio::of(3, 2));
  REQUIRE(m.mean.has_value());
  CHECK(m.mean->direction == trend_direction::flat);
  // Three more providers from 1 October: six organisations, counted in the last bucket (4+).
  for (const char* p : {"E", "F", "G"})
    add_service(p1, p, 2025y / 10 / 1, std::nullopt);
  CHECK(count_organisations(r, sys_days{2025y / 11 / 30}).distribution[4] == 1);
  // Monthly: April to November, eight counts; from 3/2 in April (2 and 1) to 6/2 = 3 in November
  // (person 1: Moorside, E, F, G, Dale, council = 6; person 2: 0): up, which is worse.
  const organisations_measure monthly = measure_organisations(
      r, financial_year::starting(2025), period_kind::month, sys_days{2025y / 11 / 30});
  CHECK(monthly.periods.size() == 8);
  CHECK(monthly.mean->first == ratio::of(3, 2));
  CHECK(monthly.mean->last == ratio::of(3, 1));
  CHECK(monthly.mean->direction == trend_direction::up);
}
