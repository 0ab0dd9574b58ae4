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

// ---------------------------------------------------------------------------------------------
// Pace of change with a floor and a ceiling on each area's cash growth. The floor is the
// minimum growth every area gets, above target or not, so no area loses cash (commissioning.md
// §3.1: allocations move from baseline towards target at a pace set by policy; docs/sources.md,
// "Pace of change", for NHS England's minimum-growth floor). The percentages are inputs.

namespace {
// The plan of examples/data/pace-of-change.json: baselines £1,000,000 in all, total £1,030,000
// (3% growth), floor 1.5%, ceiling 6%.
pace_plan three_areas() {
  pace_plan p;
  p.name = "Northmoor places 2026-27";
  p.total = gbp("1030000");
  p.floor = r("1.5%");
  p.ceiling = r("6%");
  p.areas = {{"North", gbp("400000"), gbp("380000")},
             {"South", gbp("350000"), gbp("370000")},
             {"East", gbp("250000"), gbp("280000")}};
  return p;
}
}  // namespace

TEST_CASE("pace of change for one year: floor, ceiling and the pot, to the penny") {
  // Floors, baseline × 1.015 rounded up: North £406,000.00, South £355,250.00, East
  //   £253,750.00; Σ £1,015,000.00, so the pot is £1,030,000 − £1,015,000 = £15,000.00.
  // Ceilings, baseline × 1.06 rounded down: £424,000.00, £371,000.00, £265,000.00.
  // Wanted = target held between floor and ceiling: North max(380,000, 406,000) = £406,000.00
  //   (above target: held at its floor, not cut to £380,000, a £20,000 cash loss); South
  //   £370,000.00; East min(280,000, 265,000) = £265,000.00 (its ceiling).
  // Headroom over the floor: North 0, South £14,750.00, East £11,250.00; Σ £26,000.00.
  // The £15,000.00 pot by largest remainder: South 1,500,000p × 1,475,000 / 2,600,000 =
  //   850,961.538…p, East 1,500,000p × 1,125,000 / 2,600,000 = 649,038.461…p; the floors leave
  //   one penny, which goes to South (.538 > .461): £8,509.62 and £6,490.38.
  // Allocations: North £406,000.00 (floor), South £363,759.62, East £260,240.38; Σ £1,030,000.
  const pace_plan p = three_areas();
  CHECK(validate(p).empty());
  const result<paced_year> y = pace_year(p);
  REQUIRE(y);
  CHECK(y->balances());
  CHECK(y->total == gbp("1030000"));
  CHECK(y->baseline_total == gbp("1000000"));
  CHECK(y->pot == gbp("15000"));
  const paced_area& north = *y->find("North");
  const paced_area& south = *y->find("South");
  const paced_area& east = *y->find("East");
  CHECK(north.floor == gbp("406000"));
  CHECK(north.ceiling == gbp("424000"));
  CHECK(north.allocation == gbp("406000"));
  CHECK(north.bound == growth_bound::floor);
  CHECK(north.growth == gbp("6000"));
  CHECK(north.growth_rate == r("1.5%"));
  CHECK(south.allocation == gbp("363759.62"));
  CHECK(south.bound == growth_bound::none);
  CHECK(east.ceiling == gbp("265000"));
  CHECK(east.allocation == gbp("260240.38"));
  CHECK(east.bound == growth_bound::none);
  // Distance before: targets' shares of the £1,000,000 baseline total, 38:37:28 of 103 →
  //   36,893,203.88p, 35,922,330.10p, 27,184,466.02p; the spare penny to North (.883):
  //   £368,932.04, £359,223.30, £271,844.66. North +£31,067.96 = 32/380 = +8.42% (its share
  //   0.4 against 380/1,030); East −£21,844.66 (−8.04%).
  CHECK(north.target_on_baseline == gbp("368932.04"));
  CHECK(south.target_on_baseline == gbp("359223.30"));
  CHECK(east.target_on_baseline == gbp("271844.66"));
  CHECK(north.gap_before == gbp("31067.96"));
  CHECK(percent_text(north.distance_before, 2) == "8.42%");
  CHECK(percent_text(east.distance_before, 2) == "-8.04%");
  // Distance after: North £26,000 / £380,000 = +6.84%; South −£6,240.38 / £370,000 = −1.69%;
  //   East −£19,759.62 / £280,000 = −7.06%: both below-target areas are closer.
  CHECK(north.gap_after == gbp("26000"));
  CHECK(south.gap_after == gbp("-6240.38"));
  CHECK(percent_text(south.distance_after, 2) == "-1.69%");
  CHECK(percent_text(east.distance_after, 2) == "-7.06%");
  CHECK(y->steps.size() == 6);
}

TEST_CASE("pace of change for one year: the floor is rounded up, the ceiling down") {
  // £100.10 × 1.015 = £101.6015: a floor of £101.60 would be less than 1.5% growth, so it is
  //   £101.61. × 1.02 = £102.102 → the ceiling is £102.10 (rounded down).
  // Targets £90.00 and £110.10, no total: the total is Σ targets = £200.10, but the two floors
  //   need £203.22: budget.pace.floor_unaffordable.
  // Targets £94.90 and £110.10, total £205.00: the floors fit (£203.22) but the ceilings give
  //   at most £204.20: budget.pace.ceiling_too_low.
  // Without the ceiling: A wants max(£94.90, £101.61) = £101.61 (headroom 0), B wants £110.10
  //   (headroom £8.49); the pot £205.00 − £203.22 = £1.78 all goes to B: £103.39.
  pace_plan p;
  p.floor = r("1.5%");
  p.ceiling = r("2%");
  p.areas = {{"A", gbp("100.10"), gbp("90.00")}, {"B", gbp("100.10"), gbp("110.10")}};
  CHECK(validate(p).empty());
  CHECK(pace_year(p).error().code == "budget.pace.floor_unaffordable");
  p.areas[0].target = gbp("94.90");
  p.total = gbp("205.00");
  CHECK(validate(p).empty());
  CHECK(pace_year(p).error().code == "budget.pace.ceiling_too_low");
  p.ceiling.reset();
  const result<paced_year> y = pace_year(p);
  REQUIRE(y);
  CHECK(y->areas[0].floor == gbp("101.61"));
  CHECK(y->areas[0].allocation == gbp("101.61"));
  CHECK(y->areas[0].bound == growth_bound::floor);
  CHECK(y->areas[1].allocation == gbp("103.39"));
  CHECK(y->balances());
}

TEST_CASE("pace-of-change plan validation names every problem") {
  pace_plan p = three_areas();
  p.areas[0].baseline.reset();
  p.areas[1].target = gbp("-1");
  p.areas[2].area = "North";
  p.floor = r("7%");
  const diagnostics d = validate(p);
  const auto has = [&d](std::string_view code, std::string_view path) {
    return std::any_of(d.begin(), d.end(),
                       [&](const diagnostic& x) { return x.code == code && x.path == path; });
  };
  CHECK(has("budget.pace.missing_baseline", "/areas/0/baseline"));
  CHECK(has("budget.pace.negative_amount", "/areas/1/target"));
  CHECK(has("budget.pace.duplicate_area", "/areas/2/area"));
  CHECK(has("budget.pace.floor_above_ceiling", "/ceiling"));
  // Targets Σ £380,000 − £1 + £280,000 = £659,999 ≠ £1,030,000.
  CHECK(has("budget.pace.target_total", "/total"));
  pace_plan q;
  const diagnostics e = validate(q);
  CHECK(std::any_of(e.begin(), e.end(),
                    [](const diagnostic& x) { return x.code == "budget.pace.no_areas"; }));
  q.areas = {{"", gbp("1"), std::nullopt}};
  q.floor = r("-100%");
  const diagnostics f = validate(q);
  const auto codes = [](const diagnostics& x) {
    std::vector<std::string> out;
    for (const diagnostic& one : x)
      out.push_back(one.code);
    return out;
  };
  const std::vector<std::string> fc = codes(f);
  CHECK(std::find(fc.begin(), fc.end(), "budget.pace.area") != fc.end());
  CHECK(std::find(fc.begin(), fc.end(), "budget.pace.missing_target") != fc.end());
  CHECK(std::find(fc.begin(), fc.end(), "budget.pace.percent") != fc.end());
  q.areas = {{"Z", gbp("1"), gbp("0")}};
  q.floor = ratio{};
  const std::vector<std::string> zc = codes(validate(q));
  CHECK(std::find(zc.begin(), zc.end(), "budget.pace.no_target") != zc.end());
}

TEST_CASE("pace of change over years with a floor: an area above target keeps its floor") {
  // The glide above gives North £142,507.46 then £144,875.62: growth of 1.79% and 1.66%.
  // With a 2% floor: year 1 North's floor is £140,000 × 1.02 = £142,800.00, above its glide
  //   figure, so North gets £142,800.00; South's floor is £163,200.00 and it wants £167,492.54,
  //   so the pot £310,000 − £306,000 = £4,000.00 all goes to South: £167,200.00.
  // Year 2 from those: North's floor £142,800 × 1.02 = £145,656.00 (above its glide target
  //   £144,875.62, by £780.38); South's floor £170,544.00, pot £320,000 − £316,200 = £3,800.00
  //   to South: £174,344.00.
  const capitated_budget b =
      capitate(northmoor(), rate::parse("100.123456").value(), rounding::half_even).value();
  const std::vector<area_amount> base = {{"North", gbp("140000")}, {"South", gbp("160000")}};
  const std::vector<money> totals = {gbp("310000"), gbp("320000")};
  const result<glide> g = pace_of_change(base, b, totals, growth_limits{r("2%"), std::nullopt});
  REQUIRE(g);
  CHECK(g->years[0].areas[0].allocation == gbp("142800"));
  CHECK(g->years[0].areas[1].allocation == gbp("167200"));
  CHECK(g->years[1].areas[0].allocation == gbp("145656"));
  CHECK(g->years[1].areas[1].allocation == gbp("174344"));
  CHECK(g->years[1].areas[0].target == gbp("144875.62"));
  CHECK(g->years[1].areas[0].gap == gbp("780.38"));
  CHECK(g->steps.size() == 6);  // the glide's 3, the limits, and one per year
  // A floor of 0 changes nothing here (no area's glide loses cash); the three-argument glide is
  // untouched.
  const result<glide> same = pace_of_change(base, b, totals, growth_limits{});
  REQUIRE(same);
  CHECK(same->years[1].areas[0].allocation == gbp("144875.62"));
  // A floor nobody can afford: 10% on £300,000 is £330,000 > £310,000.
  CHECK(pace_of_change(base, b, totals, growth_limits{r("10%"), std::nullopt}).error().code ==
        "budget.pace.floor_unaffordable");
}

TEST_CASE("property: paced years add up and respect every floor and ceiling") {
  std::uint64_t seed = 12345;
  const auto next = [&seed](std::int64_t below) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((seed >> 33) % static_cast<std::uint64_t>(below));
  };
  int checked = 0;
  for (int run = 0; run < 300; ++run) {
    pace_plan p;
    const std::int64_t n = 1 + next(6);
    money targets;
    for (std::int64_t i = 0; i < n; ++i) {
      const money base = money::from_pence(next(10'000'000));
      const money target = money::from_pence(1 + next(10'000'000));
      p.areas.push_back({"A" + std::to_string(i), base, target});
      targets += target;
    }
    p.floor = ratio::of(next(300) - 100, 10'000);  // −1% … +2%
    if (next(2) == 0) p.ceiling = p.floor + ratio::of(next(800), 10'000);
    if (!validate(p).empty()) continue;
    const result<paced_year> y = pace_year(p);
    if (!y) {
      CHECK((y.error().code == "budget.pace.floor_unaffordable" ||
             y.error().code == "budget.pace.ceiling_too_low"));
      continue;
    }
    CHECK(y->balances());
    CHECK(y->total == targets);
    for (const paced_area& a : y->areas) {
      CHECK(a.allocation >= a.floor);
      // The floor guarantee: allocation ≥ baseline × (1 + floor), exactly.
      CHECK(joinedup::detail::int128{a.allocation.pence()} * p.floor.den() >=
            joinedup::detail::int128{a.baseline.pence()} * (p.floor.den() + p.floor.num()));
      if (a.ceiling) CHECK(a.allocation <= *a.ceiling);
    }
    ++checked;
  }
  CHECK(checked > 50);
}
