// Tests for joinedup/budget/capitation.hpp: weighted population, the capitated budget and its
// allocation, distance from target and the pace-of-change glide, on a two-area example whose
// figures are worked by hand below (method: commissioning.md §3.1, weighted population =
// population × age/need index × market forces factor).
#include "joinedup/budget/capitation.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using namespace joinedup;
using namespace joinedup::budget;

namespace {
ratio r(const char* text) {
  return ratio::parse(text).value();
}
money gbp(const char* text) {
  return money::parse(text).value();
}
population_row row(const char* area, const char* band, std::int64_t people, const char* weight,
                   sex s = sex::persons) {
  return population_row{area, age_band::parse(band).value(), s, people, r(weight), std::nullopt};
}
// North (MFF 1.05): 1,000 people aged 0-64 at need 0.8 and 200 aged 65+ at 2.5.
//   (1,000 × 0.8 + 200 × 2.5) × 1.05 = (800 + 500) × 1.05 = 1,365 weighted heads.
// South (MFF 1):    1,500 aged 0-64 at 0.9 and 100 aged 65+ at 3.
//   1,350 + 300 = 1,650 weighted heads. Total 3,015 from 2,800 people.
population northmoor() {
  population p;
  p.rows = {row("North", "0-64", 1000, "0.8"), row("North", "65+", 200, "2.5"),
            row("South", "0-64", 1500, "0.9"), row("South", "65+", 100, "3")};
  p.market_forces = {area_factor{"North", r("1.05")}};
  return p;
}
}  // namespace

TEST_CASE("age bands parse and print") {
  CHECK(age_band::parse("0-4").value() == age_band{0, 4});
  CHECK(age_band::parse("85+").value() == age_band{85, std::nullopt});
  CHECK(age_band::parse(" 7 ").value() == age_band{7, 7});
  CHECK(age_band::parse("85+")->to_string() == "85+");
  CHECK(age_band::parse("5-9")->to_string() == "5-9");
  for (const char* bad : {"", "9-5", "-1", "a-b", "4-", "200+", "1.5"}) {
    CAPTURE(bad);
    CHECK(age_band::parse(bad).error().code == "budget.capitation.age_band");
  }
}

TEST_CASE("weighted population is exact") {
  const population p = northmoor();
  CHECK(total_weighted_population(p) == weighted_population::from_heads(3015));
  CHECK(weigh(p.rows[0], r("1.05")) == weighted_population::from_heads(840));  // 1000×0.8×1.05
  // 3 people at need 0.333333 = 0.999999 heads, printed to six places.
  population_row third = row("X", "0-4", 3, "0.333333");
  CHECK(weigh(third, ratio::whole(1)).to_string(6) == "0.999999");
  CHECK(weigh(third, ratio::whole(1)).to_string(2) == "1.00");
  CHECK(weighted_population::from_heads(-2).to_string(0) == "-2");
}

TEST_CASE("capitated budget: 3,015 weighted heads at £100.123456, allocated to the penny") {
  // 3,015 × 100.123456 = 301,872.21984 → £301,872.22 (half even, .21984 rounds up).
  // North 1,365/3,015 of 30,187,222p = 13,666,851.5p... floor 13,666,851 remainder 2,265/3,015;
  // South 1,650/3,015 = floor 16,520,370 remainder 750/3,015; one penny left goes to North,
  // the larger remainder: North £136,668.52, South £165,203.70.
  const result<capitated_budget> b =
      capitate(northmoor(), rate::parse("100.123456").value(), rounding::half_even);
  REQUIRE(b);
  CHECK(b->people == 2800);
  CHECK(b->weighted == weighted_population::from_heads(3015));
  CHECK(b->total == gbp("301872.22"));
  REQUIRE(b->areas.size() == 2);
  CHECK(b->areas[0].area == "North");
  CHECK(b->areas[0].allocation == gbp("136668.52"));
  CHECK(b->areas[0].people == 1200);
  CHECK(b->areas[1].allocation == gbp("165203.70"));
  CHECK(b->balances());
  CHECK(b->find("South")->weighted == weighted_population::from_heads(1650));
  CHECK(b->steps.size() == 4);
  // toward_zero keeps £301,872.21.
  CHECK(capitate(northmoor(), rate::parse("100.123456").value(), rounding::toward_zero)->total ==
        gbp("301872.21"));
}

TEST_CASE("capitated budget errors") {
  CHECK(capitate(population{}, rate::parse("1").value(), rounding::half_up).error().code ==
        "budget.capitation.empty");
  CHECK(capitate(northmoor(), rate::parse("-1").value(), rounding::half_up).error().code ==
        "budget.capitation.negative_rate");
  population huge;
  huge.rows = {row("A", "0-4", 9'000'000'000'000'000'000, "999999")};
  CHECK(capitate(huge, rate::parse("1000000").value(), rounding::half_up).error().code ==
        "budget.capitation.overflow");
}

TEST_CASE("distance from target") {
  // Baselines North £140,000, South £160,000 (total £300,000). Targets share £300,000 by
  // 1,365:1,650: North 30,000,000 × 1,365/3,015 = 13,582,089.55p, South 16,417,910.45p; floors
  // leave one penny, to North (.55 > .45): £135,820.90 and £164,179.10.
  // North gap £4,179.10, distance 417,910/13,582,090 = 41,791/1,358,209 (≈ +3.08%);
  // South gap −£4,179.10, distance −41,791/1,641,791 (≈ −2.55%).
  const capitated_budget b =
      capitate(northmoor(), rate::parse("100.123456").value(), rounding::half_even).value();
  const std::vector<area_amount> base = {{"North", gbp("140000")}, {"South", gbp("160000")}};
  const auto d = distance_from_target(base, b);
  REQUIRE(d);
  CHECK((*d)[0].target == gbp("135820.90"));
  CHECK((*d)[1].target == gbp("164179.10"));
  CHECK((*d)[0].gap == gbp("4179.10"));
  CHECK((*d)[0].distance == ratio::of(41791, 1358209));
  CHECK((*d)[1].distance == ratio::of(-41791, 1641791));
  const std::vector<area_amount> unknown = {{"East", gbp("1")}};
  CHECK(distance_from_target(unknown, b).error().code == "budget.capitation.unknown_area");
  const std::vector<area_amount> missing = {{"North", gbp("1")}};
  CHECK(distance_from_target(missing, b).error().code == "budget.capitation.missing_baseline");
  const std::vector<area_amount> twice = {
      {"North", gbp("1")}, {"North", gbp("1")}, {"South", gbp("1")}};
  CHECK(distance_from_target(twice, b).error().code == "budget.capitation.duplicate_area");
}

TEST_CASE("pace of change: two years from baseline to target share") {
  // Baseline North £140,000 / £300,000; target North £136,668.52 / £301,872.22.
  // Year 1 of 2 (total £310,000): North's share = ½ × 14,000,000/30,000,000 +
  //   ½ × 13,666,852/30,187,222 = 0.2333333 + 0.2263685 = 0.4597018 → £142,507.46 (after the
  //   largest remainder), South £167,492.54. Its target is 13,666,852/30,187,222 of £310,000 =
  //   £140,348.26, so it is +1.54% from target, half its starting +3.08%.
  // Year 2 of 2 (total £320,000): exactly the target share, £144,875.62 and £175,124.38.
  const capitated_budget b =
      capitate(northmoor(), rate::parse("100.123456").value(), rounding::half_even).value();
  const std::vector<area_amount> base = {{"North", gbp("140000")}, {"South", gbp("160000")}};
  const std::vector<money> totals = {gbp("310000"), gbp("320000")};
  const result<glide> g = pace_of_change(base, b, totals);
  REQUIRE(g);
  REQUIRE(g->years.size() == 2);
  CHECK(g->years[0].areas[0].allocation == gbp("142507.46"));
  CHECK(g->years[0].areas[1].allocation == gbp("167492.54"));
  CHECK(g->years[0].areas[0].target == gbp("140348.26"));
  CHECK(g->years[1].areas[0].allocation == gbp("144875.62"));
  CHECK(g->years[1].areas[1].allocation == gbp("175124.38"));
  CHECK(g->years[1].areas[0].gap.is_zero());
  CHECK(g->steps.size() == 3);
  CHECK(pace_of_change(base, b, std::vector<money>{}).error().code == "budget.capitation.no_years");
  const std::vector<area_amount> zero = {{"North", money{}}, {"South", money{}}};
  CHECK(pace_of_change(zero, b, totals).error().code == "budget.capitation.empty");
}

TEST_CASE("property: every capitated budget and glide year adds up to the penny") {
  std::uint64_t seed = 12345;
  auto next = [&seed](std::uint64_t mod) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((seed >> 33) % mod);
  };
  for (int trial = 0; trial < 200; ++trial) {
    population p;
    const std::int64_t areas = 1 + next(6);
    std::vector<area_amount> base;
    for (std::int64_t a = 0; a < areas; ++a) {
      const std::string name = "A" + std::to_string(a);
      p.rows.push_back(population_row{name, age_band{0, 64}, sex::persons, next(100000),
                                      ratio::of(next(3000000), 1000000), std::nullopt});
      p.rows.push_back(population_row{name, age_band{65, std::nullopt}, sex::persons, next(20000),
                                      ratio::of(next(5000000), 1000000), std::nullopt});
      p.market_forces.push_back(area_factor{name, ratio::of(900000 + next(200000), 1000000)});
      base.push_back(area_amount{name, money::from_pence(1 + next(100000000))});
    }
    CHECK(validate(p).empty());
    const result<capitated_budget> b =
        capitate(p, rate::from_micros(next(2000000000)), rounding::half_up);
    if (!b) {
      CHECK(b.error().code == "budget.capitation.empty");
      continue;
    }
    CHECK(b->balances());
    if (!b->total.is_positive()) continue;
    const std::vector<money> totals = {money::from_pence(next(1000000000)),
                                       money::from_pence(next(1000000000)),
                                       money::from_pence(next(1000000000))};
    const result<glide> g = pace_of_change(base, *b, totals);
    REQUIRE(g);
    for (const glide_year& y : g->years) {
      money sum;
      money target_sum;
      for (const glide_area& a : y.areas) {
        sum += a.allocation;
        target_sum += a.target;
      }
      CHECK(sum == y.total);
      CHECK(target_sum == y.total);
    }
  }
}

TEST_CASE("validation: negative values, precision, bands that overlap or leave gaps") {
  CHECK(validate(northmoor()).empty());
  CHECK(validate(population{}).contains("budget.capitation.empty"));

  population p = northmoor();
  p.rows[0].people = -5;
  p.rows[0].line = 2;
  p.rows[1].need_weight = r("-1");
  p.rows[2].need_weight = r("0.1234567");
  p.market_forces.push_back(area_factor{"North", r("1.1")});
  p.market_forces.push_back(area_factor{"East", r("0")});
  diagnostics d = validate(p);
  const diagnostic* neg = d.find("budget.capitation.negative_population");
  REQUIRE(neg != nullptr);
  CHECK(neg->path == "/rows/0/population");
  CHECK(neg->line == std::optional<std::size_t>{2});
  CHECK(d.find("budget.capitation.negative_weight")->path == "/rows/1/need_weight");
  CHECK(d.find("budget.capitation.weight_precision")->path == "/rows/2/need_weight");
  CHECK(d.find("budget.capitation.duplicate_area")->path == "/market_forces/1");
  CHECK(d.contains("budget.capitation.unknown_area"));
  CHECK(d.find("budget.capitation.unknown_area")->severity == severity::warning);

  // Overlap: 60-70 against 0-64; gap: 0-64 then 70+ leaves 65-69; open band before another.
  p = northmoor();
  p.rows.push_back(row("South", "60-70", 10, "1"));
  d = validate(p);
  REQUIRE(d.contains("budget.capitation.age_band_overlap"));
  CHECK(d.find("budget.capitation.age_band_overlap")->message.find("60-70 overlaps 0-64") !=
        std::string::npos);
  p = northmoor();
  p.rows[1].band = age_band{70, std::nullopt};
  d = validate(p);
  REQUIRE(d.contains("budget.capitation.age_band_gap"));
  CHECK(d.find("budget.capitation.age_band_gap")->message.find("ages 65-69 uncovered") !=
        std::string::npos);
  p = northmoor();
  p.rows.push_back(row("North", "90-95", 1, "1"));
  CHECK(validate(p).contains("budget.capitation.age_band_overlap"));
  // Female and male bands are checked separately; mixing them with persons is an error.
  p = northmoor();
  p.rows.push_back(row("East", "0-64", 10, "1", sex::female));
  p.rows.push_back(row("East", "0-64", 10, "1", sex::male));
  CHECK(validate(p).empty());
  p.rows.push_back(row("East", "65+", 10, "1", sex::persons));
  CHECK(validate(p).contains("budget.capitation.sex_mixed"));
}

TEST_CASE("areas are found by name, not by position: interleaved rows, repeated factors") {
  // The Northmoor rows in another order (North, South, North, South) give the same areas, in
  // first-appearance order, with the same weighted heads: North 1,365 and South 1,650.
  population p;
  p.rows = {row("North", "0-64", 1000, "0.8"), row("South", "0-64", 1500, "0.9"),
            row("North", "65+", 200, "2.5"), row("South", "65+", 100, "3")};
  p.market_forces = {area_factor{"North", r("1.05")}};
  CHECK(p.areas() == std::vector<std::string>{"North", "South"});
  const capitated_budget b = *capitate(p, rate::parse("1").value(), rounding::half_up);
  REQUIRE(b.areas.size() == 2);
  CHECK(b.areas[0].area == "North");
  CHECK(b.areas[0].people == 1200);
  CHECK(b.areas[0].weighted == weighted_population::from_heads(1365));
  CHECK(b.areas[1].weighted == weighted_population::from_heads(1650));
  CHECK(b.total == gbp("3015"));

  // Three factors for North: the second and the third each name the first as the one kept, and
  // the first is the one used (mff() and mff_by_area() agree).
  p.market_forces.push_back(area_factor{"North", r("1.1")});
  p.market_forces.push_back(area_factor{"North", r("1.2")});
  CHECK(p.mff("North") == r("1.05"));
  CHECK(p.mff_by_area().at("North") == r("1.05"));
  const diagnostics d = validate(p);
  int duplicates = 0;
  for (const diagnostic& x : d) {
    if (x.code != "budget.capitation.duplicate_area") continue;
    ++duplicates;
    CHECK(x.message.find("(first at /market_forces/0)") != std::string::npos);
  }
  CHECK(duplicates == 2);
}

TEST_CASE("capitation over 20,000 areas: one penny a head each, baselines in reverse order") {
  // 20,000 areas of one person at need weight 1 priced at £0.01 a head: £200.00 in all, 1p an
  // area; a baseline listing the areas backwards at 1p each is exactly on target everywhere.
  population p;
  for (int i = 0; i < 20'000; ++i)
    p.rows.push_back(row(("A" + std::to_string(i)).c_str(), "0+", 1, "1"));
  CHECK(validate(p).empty());
  const capitated_budget b = *capitate(p, rate::parse("0.01").value(), rounding::half_up);
  CHECK(b.total == gbp("200"));
  CHECK(b.balances());
  CHECK(b.areas.size() == 20'000);
  CHECK(b.areas[19'999].area == "A19999");
  CHECK(b.areas[19'999].allocation == money::from_pence(1));
  std::vector<area_amount> baseline;
  for (int i = 19'999; i >= 0; --i)
    baseline.push_back({"A" + std::to_string(i), money::from_pence(1)});
  const auto dist = distance_from_target(baseline, b);
  REQUIRE(dist);
  CHECK(dist->size() == 20'000);
  CHECK(std::all_of(dist->begin(), dist->end(),
                    [](const target_distance& t) { return t.gap.is_zero(); }));
  baseline.push_back({"A7", money::from_pence(1)});
  CHECK(distance_from_target(baseline, b).error().code == "budget.capitation.duplicate_area");
  baseline.back().area = "Z";
  CHECK(distance_from_target(baseline, b).error().code == "budget.capitation.unknown_area");
}
