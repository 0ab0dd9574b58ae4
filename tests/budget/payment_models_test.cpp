// Tests for joinedup/budget/payment_models.hpp: every payment model priced by hand on one small
// scenario (NHS Payment Scheme mechanisms, commissioning.md §3.2: activity-based payment at 100%
// of unit prices × MFF, aligned payment and incentive = fixed + variable element, low-volume
// activity blocks), and the exposure to a ±10% activity change.
#include "joinedup/budget/payment_models.hpp"

#include <doctest/doctest.h>

#include <cstdint>

using namespace joinedup;
using namespace joinedup::budget;

namespace {
ratio r(const char* text) {
  return ratio::parse(text).value();
}
money gbp(const char* text) {
  return money::parse(text).value();
}
// Currencies: elective spell £3,000 and outpatient first attendance £150.50 (both in the API
// variable element); non-elective spell £2,000 (fixed element only).
// RXA (MFF 1.05, block £900,000, fixed element £880,000, 10,000 weighted heads, met IND1):
//   planned (100 × 3,000 + 1,000 × 150.50 + 200 × 2,000) × 1.05 = 850,500 × 1.05 = £893,025.00
//   actual  (110 × 3,000 +   900 × 150.50 + 220 × 2,000) × 1.05 = 905,450 × 1.05 = £950,722.50
// NIP (MFF 1, nothing else given): planned 50 × 3,000 = £150,000; actual 60 × 3,000 = £180,000.
// SMALL (MFF 1, met IND1 and IND2): planned 100 × 150.50 = £15,050; actual 130 × 150.50 =
//   £19,565, below the £20,000 low-volume threshold, so paid a block of £15,050.
// Variable rate 50%, capitation £95.50 a head, withhold 2% earned by IND1 (weight 3) and IND2
// (weight 1), sensitivity ±10%, rounding half up.
payment_scenario northmoor() {
  payment_scenario s;
  s.name = "Northmoor acute 2025-26";
  s.financial_year = "2025-26";
  s.mode = rounding::half_up;
  s.providers = {
      payment_provider{"RXA",
                       "Northmoor Hospitals",
                       r("1.05"),
                       gbp("900000"),
                       gbp("880000"),
                       r("10000"),
                       {"IND1"}},
      payment_provider{"NIP", "Independent provider", ratio::whole(1), {}, {}, {}, {}},
      payment_provider{"SMALL", "Small clinic", ratio::whole(1), {}, {}, {}, {"IND1", "IND2"}}};
  s.currencies = {
      payment_currency{"EL", "Elective spell", rate::parse("3000").value(), true},
      payment_currency{"OPFA", "Outpatient first", rate::parse("150.50").value(), true},
      payment_currency{"NEL", "Non-elective spell", rate::parse("2000").value(), false}};
  s.activity = {activity_line{"RXA", "EL", r("100"), r("110")},
                activity_line{"RXA", "OPFA", r("1000"), r("900")},
                activity_line{"RXA", "NEL", r("200"), r("220")},
                activity_line{"NIP", "EL", r("50"), r("60")},
                activity_line{"SMALL", "OPFA", r("100"), r("130")}};
  s.variable_rate = r("50%");
  s.capitation_rate = rate::parse("95.50").value();
  s.withhold = r("2%");
  s.indicators = {outcome_indicator{"IND1", "Readmissions", 3},
                  outcome_indicator{"IND2", "Discharge", 1}};
  s.low_volume_threshold = gbp("20000");
  s.sensitivity = r("10%");
  return s;
}
}  // namespace

TEST_CASE("the worked scenario validates") {
  CHECK(validate(northmoor()).empty());
}

TEST_CASE("activity values and low volume") {
  const payment_comparison c = compare_payment_models(northmoor());
  REQUIRE(c.providers.size() == 3);
  CHECK(c.providers[0].planned_value == gbp("893025.00"));
  CHECK(c.providers[0].actual_value == gbp("950722.50"));
  CHECK(c.providers[1].planned_value == gbp("150000"));
  CHECK(c.providers[2].planned_value == gbp("15050"));
  CHECK(c.providers[2].actual_value == gbp("19565"));
  CHECK(c.providers[2].low_volume);
  CHECK_FALSE(c.providers[1].low_volume);
}

TEST_CASE("activity-based payment: activity × unit price × MFF") {
  // RXA £950,722.50; +10%: 905,450 × 1.05 × 1.1 = £1,045,794.75 (+£95,072.25);
  // −10%: 905,450 × 1.05 × 0.9 = £855,650.25 (−£95,072.25). NIP £180,000 ± £18,000.
  // SMALL is a low-volume block: £15,050 whatever happens.
  const payment_comparison c = compare_payment_models(northmoor());
  const model_payment* rxa = c.find(payment_model::activity_based, "RXA");
  REQUIRE(rxa != nullptr);
  CHECK(rxa->payment == gbp("950722.50"));
  CHECK(rxa->if_activity_up == gbp("1045794.75"));
  CHECK(rxa->exposure_up == gbp("95072.25"));
  CHECK(rxa->exposure_down == gbp("-95072.25"));
  CHECK(c.find(payment_model::activity_based, "NIP")->exposure_up == gbp("18000"));
  const model_payment* small = c.find(payment_model::activity_based, "SMALL");
  CHECK(small->low_volume);
  CHECK(small->payment == gbp("15050"));
  CHECK(small->exposure_up.is_zero());
  // Total 950,722.50 + 180,000 + 15,050 = £1,145,772.50; exposure 95,072.25 + 18,000.
  CHECK(c.total(payment_model::activity_based)->payment == gbp("1145772.50"));
  CHECK(c.total(payment_model::activity_based)->exposure_up == gbp("113072.25"));
}

TEST_CASE("block payment: fixed whatever the activity") {
  const payment_comparison c = compare_payment_models(northmoor());
  CHECK(c.find(payment_model::block, "RXA")->payment == gbp("900000"));
  CHECK(c.find(payment_model::block, "NIP")->payment == gbp("150000"));  // planned value
  CHECK(c.find(payment_model::block, "NIP")->exposure_up.is_zero());
  CHECK(c.total(payment_model::block)->payment == gbp("1065050"));  // 900,000+150,000+15,050
}

TEST_CASE("aligned payment and incentive: fixed element plus variable element") {
  // RXA variable currencies EL and OPFA: actual 330,000 + 135,450 = 465,450, planned 300,000 +
  // 150,500 = 450,500; (465,450 − 450,500) × 1.05 × 50% = 14,950 × 1.05 × 0.5 = £7,848.75;
  // payment 880,000 + 7,848.75 = £887,848.75.
  // +10%: (511,995 − 450,500) × 1.05 × 0.5 = 32,284.875 → £32,284.88 (half up): £912,284.88,
  //   exposure £24,436.13.
  // −10%: (418,905 − 450,500) × 1.05 × 0.5 = −16,587.375 → −£16,587.38: £863,412.62, exposure
  //   −£24,436.13.
  // NIP: fixed = planned £150,000; (180,000 − 150,000) × 0.5 = £15,000 → £165,000; ±£9,000.
  const payment_comparison c = compare_payment_models(northmoor());
  const model_payment* rxa = c.find(payment_model::aligned_payment, "RXA");
  CHECK(rxa->payment == gbp("887848.75"));
  CHECK(rxa->if_activity_up == gbp("912284.88"));
  CHECK(rxa->exposure_up == gbp("24436.13"));
  CHECK(rxa->if_activity_down == gbp("863412.62"));
  CHECK(rxa->exposure_down == gbp("-24436.13"));
  const model_payment* nip = c.find(payment_model::aligned_payment, "NIP");
  CHECK(nip->payment == gbp("165000"));
  CHECK(nip->exposure_up == gbp("9000"));
  CHECK(nip->exposure_down == gbp("-9000"));
  CHECK(c.find(payment_model::aligned_payment, "SMALL")->low_volume);
  CHECK(c.total(payment_model::aligned_payment)->payment == gbp("1067898.75"));

  // Paid above plan only: at −10% RXA's variable element is nil, so £880,000 (−£7,848.75).
  payment_scenario s = northmoor();
  s.variable_below_plan = false;
  const payment_comparison above_only = compare_payment_models(s);
  const model_payment* above = above_only.find(payment_model::aligned_payment, "RXA");
  CHECK(above->if_activity_down == gbp("880000"));
  CHECK(above->exposure_down == gbp("-7848.75"));
}

TEST_CASE("capitation: weighted population × rate, no activity exposure") {
  // RXA 10,000 × £95.50 = £955,000; the others have no weighted population.
  const payment_comparison c = compare_payment_models(northmoor());
  CHECK(c.find(payment_model::capitation, "RXA")->payment == gbp("955000"));
  CHECK(c.find(payment_model::capitation, "RXA")->exposure_up.is_zero());
  CHECK_FALSE(c.find(payment_model::capitation, "NIP")->applicable);
  CHECK(c.total(payment_model::capitation)->payment == gbp("955000"));
  payment_scenario s = northmoor();
  s.capitation_rate.reset();
  const payment_comparison no_rate = compare_payment_models(s);
  CHECK_FALSE(no_rate.total(payment_model::capitation)->applicable);
}

TEST_CASE("a total that leaves out providers it could not price says so") {
  // The capitation total, £955,000, is RXA's alone: NIP and SMALL have no weighted population,
  // so it is not the whole cost of paying all three by capitation. It says complete = false and
  // names them; the other models priced every provider.
  const payment_scenario s = northmoor();
  const payment_comparison c = compare_payment_models(s);
  const model_total* cap = c.total(payment_model::capitation);
  CHECK(cap->applicable);
  CHECK_FALSE(cap->complete);
  CHECK(cap->unpriced_providers == std::vector<std::string>{"NIP", "SMALL"});
  CHECK(c.total(payment_model::activity_based)->complete);
  CHECK(c.total(payment_model::activity_based)->unpriced_providers.empty());
  // One warning per provider left out, at the provider.
  const diagnostics d = incomplete_totals(s, c);
  REQUIRE(d.size() == 2);
  CHECK(d.begin()->code == "budget.payment.incomplete_total");
  CHECK(d.begin()->severity == severity::warning);
  CHECK(d.begin()->path == "/providers/1");
  // With a weighted population for both, the total is complete: NIP 2,000 and SMALL 150.5 heads
  // at £95.50 add £191,000.00 and £14,372.75 (150.5 × 95.5 = 14,372.75): £1,160,372.75.
  payment_scenario whole = northmoor();
  whole.providers[1].weighted_population = r("2000");
  whole.providers[2].weighted_population = r("150.5");
  const payment_comparison w = compare_payment_models(whole);
  CHECK(w.total(payment_model::capitation)->complete);
  CHECK(w.total(payment_model::capitation)->payment == gbp("1160372.75"));
  CHECK(incomplete_totals(whole, w).empty());
  // Without a capitation rate no provider is priced: not applicable, not complete, no warning
  // (the model is simply not offered).
  payment_scenario none = northmoor();
  none.capitation_rate.reset();
  const payment_comparison n = compare_payment_models(none);
  CHECK_FALSE(n.total(payment_model::capitation)->applicable);
  CHECK_FALSE(n.total(payment_model::capitation)->complete);
  CHECK(n.total(payment_model::capitation)->unpriced_providers.size() == 3);
  CHECK(incomplete_totals(none, n).empty());
}

TEST_CASE("outcome-linked withhold: 2% of the block, earned back by indicators met") {
  // RXA: 2% of £900,000 = £18,000, split 3:1 = £13,500 (IND1) and £4,500 (IND2); met IND1:
  //   900,000 − 18,000 + 13,500 = £895,500, £4,500 at risk.
  // NIP: 2% of £150,000 = £3,000; met nothing: £147,000, £3,000 at risk.
  // SMALL: 2% of £15,050 = £301.00 (225.75 + 75.25); met both: £15,050.
  const payment_comparison c = compare_payment_models(northmoor());
  CHECK(c.find(payment_model::outcome_withhold, "RXA")->payment == gbp("895500"));
  CHECK(c.find(payment_model::outcome_withhold, "RXA")->at_risk == gbp("4500"));
  CHECK(c.find(payment_model::outcome_withhold, "NIP")->payment == gbp("147000"));
  CHECK(c.find(payment_model::outcome_withhold, "NIP")->at_risk == gbp("3000"));
  CHECK(c.find(payment_model::outcome_withhold, "SMALL")->payment == gbp("15050"));
  CHECK(c.find(payment_model::outcome_withhold, "SMALL")->at_risk.is_zero());
  // 1% of £15,050 = £150.50 split 3:1 = 112.875 : 37.625 → largest remainder £112.88 + £37.62.
  payment_scenario s = northmoor();
  s.withhold = r("1%");
  s.providers[2].outcomes_met = {"IND2"};
  const payment_comparison one_percent = compare_payment_models(s);
  CHECK(one_percent.find(payment_model::outcome_withhold, "SMALL")->at_risk == gbp("112.88"));
}

TEST_CASE("low-volume threshold: below versus at or below (2023/25 and 2025/26 wording)") {
  payment_scenario s = northmoor();
  s.low_volume_threshold = gbp("15050");
  CHECK_FALSE(compare_payment_models(s).providers[2].low_volume);  // not below £15,050
  s.low_volume = low_volume_rule::at_or_below;
  CHECK(compare_payment_models(s).providers[2].low_volume);
  s.low_volume_threshold.reset();
  const payment_comparison no_threshold = compare_payment_models(s);
  CHECK(no_threshold.find(payment_model::activity_based, "SMALL")->payment == gbp("19565"));
}

TEST_CASE("property: totals are the sums of the providers' payments") {
  std::uint64_t seed = 99;
  auto next = [&seed](std::uint64_t mod) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((seed >> 33) % mod);
  };
  for (int trial = 0; trial < 100; ++trial) {
    payment_scenario s = northmoor();
    for (activity_line& a : s.activity) {
      a.planned = ratio::of(next(100000), 100);
      a.actual = ratio::of(next(100000), 100);
    }
    s.providers[0].market_forces_factor = ratio::of(900000 + next(300000), 1000000);
    s.sensitivity = ratio::percent(next(101));
    s.withhold = ratio::of(next(1000), 10000);
    REQUIRE(validate(s).empty());
    const payment_comparison c = compare_payment_models(s);
    for (const model_total& t : c.totals) {
      money sum;
      money up;
      for (const model_payment& p : c.payments) {
        if (p.model != t.model || !p.applicable) continue;
        sum += p.payment;
        up += p.exposure_up;
        CHECK(p.if_activity_up - p.payment == p.exposure_up);
        CHECK_FALSE(p.at_risk.is_negative());
      }
      CHECK(sum == t.payment);
      CHECK(up == t.exposure_up);
    }
    // The block is never exposed; activity-based exposure up and down are equal and opposite
    // within a penny of rounding each.
    const model_payment* ab = c.find(payment_model::activity_based, "RXA");
    CHECK((ab->exposure_up + ab->exposure_down).abs() <= money::from_pence(1));
  }
}

TEST_CASE("overflow is a diagnostic from try_compare_payment_models") {
  payment_scenario s = northmoor();
  s.currencies[0].unit_price = rate::from_micros(INT64_MAX);
  s.activity[0].actual = ratio::whole(INT64_MAX / 1000);
  CHECK(try_compare_payment_models(s).error().code == "budget.payment.overflow");
}

TEST_CASE("validation of a scenario") {
  payment_scenario s = northmoor();
  s.providers.push_back(s.providers[1]);
  s.providers[0].market_forces_factor = ratio{};
  s.providers[1].block_value = gbp("-1");
  s.providers[2].outcomes_met.push_back("IND9");
  s.currencies[1].unit_price = rate::parse("-150.50").value();
  s.activity.push_back(activity_line{"NOPE", "XX", r("-1"), r("1.005")});
  s.variable_rate = r("120%");
  s.indicators[1].weight = -1;
  s.capitation_rate = rate::parse("-1").value();
  const diagnostics d = validate(s);
  CHECK(d.find("budget.payment.duplicate_id")->path == "/providers/3/id");
  CHECK(d.find("budget.payment.mff")->path == "/providers/0/market_forces_factor");
  CHECK(d.find("budget.payment.negative_amount")->path == "/providers/1/block_value");
  CHECK(d.find("budget.payment.unknown_indicator")->path == "/providers/2/outcomes_met/2");
  CHECK(d.find("budget.payment.negative_price")->path == "/currencies/1/unit_price");
  CHECK(d.find("budget.payment.unknown_provider")->path == "/activity/5/provider");
  CHECK(d.find("budget.payment.unknown_currency")->path == "/activity/5/currency");
  CHECK(d.find("budget.payment.negative_activity")->path == "/activity/5/planned");
  CHECK(d.find("budget.payment.precision")->path == "/activity/5/actual");
  CHECK(d.find("budget.payment.percent")->path == "/variable_rate");
  CHECK(d.find("budget.payment.indicator_weight")->path == "/indicators/1/weight");
  s = northmoor();
  s.indicators.clear();
  s.providers[0].outcomes_met.clear();
  s.providers[2].outcomes_met.clear();
  const diagnostics w = validate(s);
  CHECK(w.size() == 1);
  CHECK(w[0].code == "budget.payment.no_indicators");
  CHECK_FALSE(w.has_errors());
}
