// Tests for joinedup/budget/alliance.hpp: a three-member alliance whose gain and loss are shared
// by hand below, one member reaching its cap (gain) or collar (loss). There is no national
// gain/loss formula (commissioning.md §3.4), so the percentages and limits are the example's.
#include "joinedup/budget/alliance.hpp"

#include <doctest/doctest.h>

#include <cstdint>

using namespace joinedup;
using namespace joinedup::budget;

namespace {
money gbp(const char* text) {
  return money::parse(text).value();
}
ratio r(const char* text) {
  return ratio::parse(text).value();
}
// Budgets: Acute £6m, Community £3m, Voluntary £1m (60 / 30 / 10 %). Actuals £5.7m, £2.85m,
// £0.95m: £9.5m, a gain of £500,000. Gain shares 60 / 30 / 10; Voluntary's cap is £20,000.
alliance northmoor() {
  alliance a;
  a.name = "Northmoor frailty alliance";
  a.members = {alliance_member{"ACUTE",
                               "Acute trust",
                               gbp("6000000"),
                               gbp("5700000"),
                               r("60%"),
                               {},
                               gbp("400000"),
                               gbp("-250000")},
               alliance_member{"COMM",
                               "Community trust",
                               gbp("3000000"),
                               gbp("2850000"),
                               r("30%"),
                               {},
                               {},
                               gbp("-50000")},
               alliance_member{"VCS",
                               "Voluntary sector",
                               gbp("1000000"),
                               gbp("950000"),
                               r("10%"),
                               {},
                               gbp("20000"),
                               {}}};
  return a;
}
}  // namespace

TEST_CASE("gain share: one member hits its cap and the excess is shared again") {
  // £500,000 at 60/30/10 = £300,000, £150,000, £50,000. VCS is held at its £20,000 cap; the
  // £30,000 excess goes to ACUTE and COMM at 60:30 = £20,000 and £10,000. Final £320,000 (below
  // ACUTE's £400,000 cap), £160,000, £20,000. Payments: actual + share = £6,020,000,
  // £3,010,000, £970,000. Nothing is left for the commissioner.
  const alliance a = northmoor();
  CHECK(validate(a).empty());
  const result<alliance_settlement> s = settle_alliance(a);
  REQUIRE(s);
  CHECK(s->variance == gbp("500000"));
  CHECK(s->members[0].provisional == gbp("300000"));
  CHECK(s->members[2].provisional == gbp("50000"));
  CHECK(s->members[0].share_of_variance == gbp("320000"));
  CHECK(s->members[1].share_of_variance == gbp("160000"));
  CHECK(s->members[2].share_of_variance == gbp("20000"));
  CHECK(s->members[2].limited);
  CHECK_FALSE(s->members[0].limited);
  CHECK(s->members[0].payment == gbp("6020000"));
  CHECK(s->find("VCS")->payment == gbp("970000"));
  CHECK(s->commissioner.is_zero());
  CHECK(s->balances());
  bool explained = false;
  for (const std::string& step : s->steps) {
    explained = explained || step.find(
                                 "VCS reaches its cap of \xC2\xA3"
                                 "20,000.00") != std::string::npos;
  }
  CHECK(explained);
}

TEST_CASE("gain share without redistribution: the commissioner retains the excess") {
  alliance a = northmoor();
  a.redistribute_excess = false;
  const alliance_settlement s = settle_alliance(a).value();
  CHECK(s.members[0].share_of_variance == gbp("300000"));
  CHECK(s.members[2].share_of_variance == gbp("20000"));
  CHECK(s.commissioner == gbp("30000"));
  CHECK(s.balances());
}

TEST_CASE("every member capped: the commissioner retains the rest") {
  // Caps £100,000, £50,000, £20,000 on a £500,000 gain: £330,000 is retained.
  alliance a = northmoor();
  a.members[0].cap = gbp("100000");
  a.members[1].cap = gbp("50000");
  const alliance_settlement s = settle_alliance(a).value();
  CHECK(s.total_shared() == gbp("170000"));
  CHECK(s.commissioner == gbp("330000"));
}

TEST_CASE("loss share by budget shares, one member at its collar, to the penny") {
  // Actuals 6,180,000.01 + 3,090,000 + 1,030,000 = 10,300,000.01: a loss of £300,000.01.
  // No loss shares given, so budget shares 6:3:1: 30,000,001p × 6/10 = 18,000,000.6,
  // × 3/10 = 9,000,000.3, × 1/10 = 3,000,000.1 → floors leave 1p for ACUTE (largest remainder):
  // −£180,000.01, −£90,000.00, −£30,000.00. COMM is held at its −£50,000 collar; the −£40,000
  // excess goes 6:1 to ACUTE and VCS: 4,000,000p × 6/7 = 3,428,571.43 and × 1/7 = 571,428.57,
  // floors leave 1p for VCS (4/7 > 3/7): −£34,285.71 and −£5,714.29.
  // Final: ACUTE −£214,285.72, COMM −£50,000.00, VCS −£35,714.29; sum −£300,000.01.
  alliance a = northmoor();
  a.members[0].actual = gbp("6180000.01");
  a.members[1].actual = gbp("3090000");
  a.members[2].actual = gbp("1030000");
  const alliance_settlement s = settle_alliance(a).value();
  CHECK(s.variance == gbp("-300000.01"));
  CHECK(s.members[0].share == ratio::of(3, 5));
  CHECK(s.members[0].provisional == gbp("-180000.01"));
  CHECK(s.members[0].share_of_variance == gbp("-214285.72"));
  CHECK(s.members[1].share_of_variance == gbp("-50000"));
  CHECK(s.members[2].share_of_variance == gbp("-35714.29"));
  CHECK(s.members[1].payment == gbp("3040000"));
  CHECK(s.commissioner.is_zero());
  CHECK(s.balances());
}

TEST_CASE("property: every settlement balances to the penny") {
  std::uint64_t seed = 7;
  auto next = [&seed](std::uint64_t mod) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((seed >> 33) % mod);
  };
  for (int trial = 0; trial < 300; ++trial) {
    alliance a;
    a.redistribute_excess = next(2) == 0;
    const std::int64_t n = 1 + next(5);
    for (std::int64_t i = 0; i < n; ++i) {
      alliance_member m;
      m.id = "M" + std::to_string(i);
      m.budget = money::from_pence(next(1000000000));
      m.actual = money::from_pence(next(1000000000));
      if (next(2) == 0) m.cap = money::from_pence(next(10000000));
      if (next(2) == 0) m.collar = money::from_pence(-next(10000000));
      a.members.push_back(m);
    }
    const result<alliance_settlement> s = settle_alliance(a);
    REQUIRE(s);
    CHECK(s->balances());
    for (std::size_t i = 0; i < a.members.size(); ++i) {
      if (a.members[i].cap) CHECK(s->members[i].share_of_variance <= *a.members[i].cap);
      if (a.members[i].collar) CHECK(s->members[i].share_of_variance >= *a.members[i].collar);
    }
  }
}

TEST_CASE("validation: shares, caps below collars, negative budgets, duplicates") {
  CHECK(validate(alliance{}).contains("budget.alliance.no_members"));
  CHECK(settle_alliance(alliance{}).error().code == "budget.alliance.no_members");
  alliance a = northmoor();
  a.members[0].gain_share = r("50%");   // 50 + 30 + 10 = 90%
  a.members[1].loss_share = r("100%");  // given for one member only
  a.members[2].cap = gbp("-10");
  a.members[2].collar = gbp("5");
  a.members.push_back(a.members[0]);
  a.members[3].budget = gbp("-1");
  diagnostics d = validate(a);
  CHECK(d.contains("budget.alliance.duplicate_member"));
  CHECK(d.find("budget.alliance.negative_budget")->path == "/members/3/budget");
  CHECK(d.find("budget.alliance.cap_below_collar")->path == "/members/2/cap");
  CHECK(d.find("budget.alliance.limit_sign")->severity == severity::warning);
  bool sum_msg = false;
  bool some_msg = false;
  for (const diagnostic& x : d) {
    if (x.code != "budget.alliance.shares") continue;
    sum_msg = sum_msg || x.message.find("add up to 140%") != std::string::npos;
    some_msg = some_msg || x.message.find("given for 1 of 4") != std::string::npos;
  }
  CHECK(sum_msg);
  CHECK(some_msg);
}
