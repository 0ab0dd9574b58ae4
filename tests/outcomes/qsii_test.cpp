// Tests of quantile assignment (phe_quantile) and the slope index of inequality (phe_sii)
// against PHEindicatormethods 2.1.0's own test data: tests/testthat/testdata_Quantiles.xlsx
// (rows cited by sheet row) and tests/testthat/testdata_SII.xlsx (cited by RecordNo; sheet row
// = RecordNo + 1), read as the package's tests testQuantiles.R and testSII.R read them.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "joinedup/outcomes/quantile.hpp"
#include "joinedup/outcomes/sii.hpp"

using namespace joinedup::outcomes;
using joinedup::result;

namespace {

const double nan_value = std::numeric_limits<double>::quiet_NaN();

struct quantile_row {
  int sheet_row;         // row of testdata_Quantiles.xlsx
  double value;          // Value
  std::size_t group;     // index of the group the R test groups by
  int invert;            // Polarity as R's invert
  std::size_t expected;  // QuantileInGrp, 0 for NA
};

#include "qsii_quantile_data.inc"

template <std::size_t N>
void check_quantiles(const quantile_row (&rows)[N], std::size_t nquantiles, bool grouped,
                     bool per_group_invert) {
  std::vector<double> values;
  std::vector<std::size_t> groups;
  std::vector<bool> invert;
  for (const quantile_row& r : rows) {
    values.push_back(r.value);
    if (grouped) groups.push_back(r.group);
    if (per_group_invert) {
      if (invert.size() <= r.group) invert.resize(r.group + 1, true);
      invert[r.group] = r.invert == 1;
    }
  }
  if (!per_group_invert) invert = {true};
  const auto q = assign_quantiles(values, nquantiles, groups, invert);
  REQUIRE(q);
  REQUIRE(q->quantiles.size() == N);
  for (std::size_t i = 0; i < N; ++i) {
    CAPTURE(rows[i].sheet_row);
    if (rows[i].expected == 0) {
      CHECK_FALSE(q->quantiles[i].has_value());
    } else {
      REQUIRE(q->quantiles[i].has_value());
      CHECK(*q->quantiles[i] == rows[i].expected);
    }
  }
}

}  // namespace

TEST_CASE("qsii: phe_quantile test data, ungrouped quartiles (GroupSet None, rows 528-1018)") {
  // testQuantiles.R "test ungrouped df logical nohighergeog": nquantiles = 4, invert = TRUE.
  // Rows 1013-1018 have no value and no quantile.
  check_quantiles(quantile_rows_none, 4, false, false);
}

TEST_CASE("qsii: phe_quantile test data, septiles with invert from Polarity (GroupSet IndSex)") {
  // testQuantiles.R "test ungrouped df field": one IndSexRef group, nquantiles = 7,
  // invert = Polarity; rows 456 and 457 have no value.
  check_quantiles(quantile_rows_indsex, 7, true, true);
}

TEST_CASE("qsii: phe_quantile test data, deciles within regions (GroupSet IndSexReg)") {
  // testQuantiles.R "test grouped df field": groups IndSexRef x ParentCode, invert = Polarity.
  // The regions with 9 areas (E12000004) get no deciles, and R warns about them.
  check_quantiles(quantile_rows_indsexreg, 10, true, true);
  std::vector<double> values;
  std::vector<std::size_t> groups;
  for (const quantile_row& r : quantile_rows_indsexreg) {
    values.push_back(r.value);
    groups.push_back(r.group);
  }
  const auto q = assign_quantiles(values, 10, groups, {});
  REQUIRE(q);
  // 40501Female/E12000004 and 90366Female/E12000004 (9 rows each; groups 3 and 12).
  CHECK(q->groups_too_few == std::vector<std::size_t>{3, 12});
}

TEST_CASE("qsii: quantile formula, ties and missing values worked by hand") {
  // Highest first (invert TRUE): 9, 8, 5, 3, 2, 1 get ranks 1..6 (NaN not counted), n = 6,
  // q = 3, width n/q = 2; quantile = 4 − ⌈(7 − r)/2⌉: r 1,2 → 1; r 3,4 → 2; r 5,6 → 3.
  const std::vector<double> v = {5, 3, nan_value, 8, 1, 9, 2};
  const auto q = assign_quantiles(v, 3);
  REQUIRE(q);
  const std::vector<std::optional<std::size_t>> expected = {2, 2, std::nullopt, 1, 3, 1, 3};
  CHECK(q->quantiles == expected);
  CHECK(q->groups_too_few.empty());

  // Ties take the lowest rank: 10, 20, 20, 30 lowest first get ranks 1, 2, 2, 4; n = 4, q = 2,
  // width 2: quantile = 3 − ⌈(5 − r)/2⌉ = 1, 1, 1, 2.
  const auto t = assign_quantiles(std::vector<double>{10, 20, 20, 30}, 2, false);
  REQUIRE(t);
  CHECK(t->quantiles == std::vector<std::optional<std::size_t>>{1, 1, 1, 2});
}

TEST_CASE("qsii: quantile 0 from rounding joins quantile 1") {
  // n = 17, q = 7: for rank 1, (17 + 1 − 1) / (17/7) is 7.000000000000001 in doubles, so the
  // formula gives 7 + 1 − 8 = 0, which phe_quantile turns into 1. The other ranks by hand:
  // ⌈(18 − r)/2.428571⌉ = 7,7,6,6,5,5,5,4,4,3,3,3,2,2,1,1 for r = 2..17.
  std::vector<double> v;
  for (int i = 1; i <= 17; ++i)
    v.push_back(i);
  const auto q = assign_quantiles(v, 7, false);
  REQUIRE(q);
  const std::vector<std::optional<std::size_t>> expected = {1, 1, 1, 2, 2, 3, 3, 3, 4,
                                                            4, 5, 5, 5, 6, 6, 7, 7};
  CHECK(q->quantiles == expected);
}

TEST_CASE("qsii: too few values for the quantiles, and bad arguments") {
  // Three values for four quantiles: all NA, the group reported (R: a warning).
  const auto few = assign_quantiles(std::vector<double>{1, 2, 3, nan_value}, 4);
  REQUIRE(few);
  CHECK(few->quantiles == std::vector<std::optional<std::size_t>>(4, std::nullopt));
  CHECK(few->groups_too_few == std::vector<std::size_t>{0});
  // All missing.
  const auto none = assign_quantiles(std::vector<double>{nan_value, nan_value}, 1);
  REQUIRE(none);
  CHECK(none->groups_too_few == std::vector<std::size_t>{0});
  // Empty input: nothing to assign, nothing to warn about.
  const auto empty = assign_quantiles(std::vector<double>{}, 5);
  REQUIRE(empty);
  CHECK(empty->quantiles.empty());
  CHECK(empty->groups_too_few.empty());

  CHECK(assign_quantiles(std::vector<double>{1}, 0).error().code == "outcomes.quantile.nquantiles");
  const std::vector<std::size_t> short_groups = {0};
  CHECK(assign_quantiles(std::vector<double>{1, 2}, 1, short_groups, {}).error().code ==
        "outcomes.quantile.request");
  const std::vector<std::size_t> two_groups = {0, 1};
  CHECK(assign_quantiles(std::vector<double>{1, 2}, 1, two_groups, {true, false, true})
            .error()
            .code == "outcomes.quantile.request");
}

// ---------------------------------------------------------------------------------------------
// SII

namespace {

struct area_data {
  std::vector<double> pop, x, v, lo, hi, se;
};

#include "qsii_sii_data.inc"

enum class source { se, limits, counts };

result<sii_result> run(const area_data& d, sii_value_type t, bool transform, source s,
                       double mult = 1, std::vector<double> conf = {0.95},
                       std::size_t reps = 100000) {
  sii_input in;
  in.populations = d.pop;
  if (s == source::counts) {
    in.counts = d.x;
  } else {
    in.values = d.v;
  }
  if (s == source::se) {
    in.standard_errors = d.se;
  } else {
    in.lower_cl = d.lo;
    in.upper_cl = d.hi;
  }
  sii_options o;
  o.value_type = t;
  o.transform = transform;
  o.multiplier = mult;
  o.confidence = std::move(conf);
  o.repetitions = reps;
  o.rii = true;
  return slope_index_of_inequality(in, o);
}

/// The expected columns of one testdata_SII.xlsx row: sii, rii, then per level sii_lowercl,
/// sii_uppercl, rii_lowercl, rii_uppercl, and Intercept (NaN when the sheet leaves it empty).
struct expected_row {
  double sii, rii;
  std::vector<double> limits;
  double intercept;
};

/// Point estimates to R's arithmetic (the sheet holds them to 17 digits); simulated limits to
/// 2 % (R's tests allow 5 %: different random draws).
void check(const result<sii_result>& r, const expected_row& e) {
  REQUIRE(r);
  CHECK(r->sii == doctest::Approx(e.sii).epsilon(1e-12));
  CHECK(r->rii == doctest::Approx(e.rii).epsilon(1e-12));
  if (!std::isnan(e.intercept)) CHECK(r->intercept == doctest::Approx(e.intercept).epsilon(1e-12));
  REQUIRE(r->limits.size() * 4 == e.limits.size());
  for (std::size_t k = 0; k < r->limits.size(); ++k) {
    const sii_limits& l = r->limits[k];
    REQUIRE(l.sii_lower);
    REQUIRE(l.sii_upper);
    REQUIRE(l.rii_lower);
    REQUIRE(l.rii_upper);
    CHECK(*l.sii_lower == doctest::Approx(e.limits[4 * k]).epsilon(0.02));
    CHECK(*l.sii_upper == doctest::Approx(e.limits[4 * k + 1]).epsilon(0.02));
    CHECK(*l.rii_lower == doctest::Approx(e.limits[4 * k + 2]).epsilon(0.02));
    CHECK(*l.rii_upper == doctest::Approx(e.limits[4 * k + 3]).epsilon(0.02));
  }
}

using T = sii_value_type;

}  // namespace

TEST_CASE("qsii: SII of a normal indicator (testdata_SII.xlsx RecordNo 1-60, 226-256)") {
  // RecordNo 1 and 11: se given; the same with limits given; RecordNo 246 and 256 add the
  // intercept (78.0766..., 69.3689...).
  const expected_row r1{
      6.9346164736688189,
      1.0888180804446217,
      {3.1275946176508169, 10.7586873680794, 1.0383690591642838, 1.1412993360251238},
      78.076630782316712};
  const expected_row r11{
      12.547846636351798,
      1.180885620848795,
      {11.936156426792138, 13.163020132396579, 1.1713706914325628, 1.1904396357244886},
      69.368955793565931};
  check(run(normal1, T::normal, false, source::se), r1);
  check(run(normal2, T::normal, false, source::se), r11);
  check(run(normal1, T::normal, false, source::limits), r1);
  check(run(normal2, T::normal, false, source::limits), r11);
  // RecordNo 21 and 31: 99 % (as 0.99 and as 99).
  check(run(normal1, T::normal, false, source::limits, 1, {0.99}),
        {6.9346164736688189,
         1.0888180804446217,
         {1.9243274437391116, 11.99208403800279, 1.0234148326541768, 1.1587677685047233},
         nan_value});
  check(run(normal2, T::normal, false, source::se, 1, {99}),
        {12.547846636351798,
         1.180885620848795,
         {11.743647833205888, 13.347203652453951, 1.168320603472105, 1.1934312559878586},
         nan_value});
  // RecordNo 226: 95 and 99 % together.
  check(run(normal1, T::normal, false, source::se, 1, {95, 99}),
        {6.9346164736688189,
         1.0888180804446217,
         {3.1275946176508169, 10.7586873680794, 1.0383690591642838, 1.1412993360251238,
          1.9243274437391116, 11.99208403800279, 1.0234148326541768, 1.1587677685047233},
         nan_value});
}

TEST_CASE("qsii: SII on quintiles (RecordNo 61-70: SII and RII only)") {
  const auto a = run(quint1, T::normal, false, source::se);
  const auto b = run(quint2, T::normal, false, source::se);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->sii == doctest::Approx(7.9193341471008738).epsilon(1e-12));
  CHECK(a->rii == doctest::Approx(1.1037116952527257).epsilon(1e-12));
  CHECK(b->sii == doctest::Approx(3.6215563376545648).epsilon(1e-12));
  CHECK(b->rii == doctest::Approx(1.0513892712719326).epsilon(1e-12));
}

TEST_CASE("qsii: SII of rates and proportions without transformation (RecordNo 71-150, 266-296)") {
  // Rates: limits on the log scale; RecordNo 71/81, intercepts from 266/276.
  const expected_row r71{
      -3.2752012326471758,
      0.40600068953980034,
      {-3.5868233016744155, -2.9653170017272723, 0.36888170199068804, 0.44624776652446996},
      5.5138131896310112};
  const expected_row r81{
      -2.2876789027787421,
      0.53525176979876143,
      {-2.3985255584029543, -2.1761883614121236, 0.51734312584916309, 0.55373948894972824},
      4.9224047648081726};
  check(run(rate1, T::rate, false, source::se), r71);
  check(run(rate2, T::rate, false, source::limits), r81);
  // Proportions: RecordNo 91/101 (se, limits, or counts x / population), intercepts 286/296.
  const expected_row r91{
      -0.10720032333730493,
      0.53340153064655071,
      {-0.11220857220984691, -0.1021798062145461, 0.51712731963580183, 0.55015384129130041},
      0.22974855336720032};
  const expected_row r101{
      -5.81854710713103E-2,
      0.54701284615554346,
      {-6.2166295708858489E-2, -5.4174547731294348E-2, 0.52371450740074543, 0.5714617043537692},
      0.12844839103602843};
  check(run(prop1, T::proportion, false, source::se), r91);
  check(run(prop1, T::proportion, false, source::limits), r91);
  // x / population reproduces the Value column to about 1e-15, not to the last bit.
  const auto by_count = run(prop2, T::proportion, false, source::counts);
  REQUIRE(by_count);
  CHECK(by_count->sii == doctest::Approx(r101.sii).epsilon(1e-9));
  CHECK(by_count->rii == doctest::Approx(r101.rii).epsilon(1e-9));
  check(run(prop2, T::proportion, false, source::limits), r101);
  // Multiplier 100 (RecordNo 111) and −100 (RecordNo 131/141: SII negated, RII inverted).
  check(run(prop1, T::proportion, false, source::limits, 100),
        {-10.720032333730494,
         0.53340153064655071,
         {-11.220857220984691, -10.217980621454609, 0.51712731963580183, 0.55015384129130041},
         nan_value});
  check(run(prop2, T::proportion, false, source::limits, -100),
        {5.81854710713103,
         1.8281106321873277,
         {5.4174547731294345, 6.216629570885849, 1.7498985362997128, 1.909437271392602},
         nan_value});
}

TEST_CASE("qsii: SII with log and logit transformation (RecordNo 306-505)") {
  // Rates on the log scale: RecordNo 306/316 (with intercept), 366 (95 and 98 %), 386
  // (multiplier −1), 406 (98 %).
  check(run(rate1, T::rate, true, source::limits),
        {-3.1559071389545599,
         0.44188484360768232,
         {-3.4809615490242884, -2.8332373447636319, 0.40827440803607229, 0.47856632650069308},
         5.6545806054694703});
  check(run(rate2, T::rate, true, source::limits),
        {-2.2954691808474057,
         0.54461447597370527,
         {-2.4232236888525982, -2.1680757851505641, 0.52707454415684196, 0.56277497454053882},
         5.0407161838435188});
  check(run(rate1, T::rate, true, source::limits, 1, {95, 98}),
        {-3.1559071389545599,
         0.44188484360768232,
         {-3.4809615490242884, -2.8332373447636319, 0.40827440803607229, 0.47856632650069308,
          -3.5442809965999218, -2.7745074687289164, 0.40209077925168207, 0.48562375212051656},
         5.6545806054694703});
  check(run(rate2, T::rate, true, source::limits, -1),
        {2.2954691808474057,
         1.8361612555599447,
         {2.1680757851505641, 2.4232236888525982, 1.7769091470643676, 1.8972648386950541},
         5.0407161838435188});
  check(run(rate2, T::rate, true, source::limits, 1, {98}),
        {-2.2954691808474057,
         0.54461447597370527,
         {-2.4467391886512893, -2.1445612801531362, 0.52391744195330303, 0.56620215957899167},
         5.0407161838435188});
  // Proportions on the logit scale: RecordNo 326/336, 346/356 (multiplier −1), 486 (95 and
  // 98 %).
  check(run(prop1, T::proportion, true, source::limits),
        {-0.1096462611125906,
         0.53417757432539459,
         {-0.11490838449464633, -0.10443087776045443, 0.51853338500746282, 0.5501741213468927},
         0.23538210070887111});
  check(run(prop2, T::proportion, true, source::limits, -1),
        {5.970061643992898E-2,
         1.827460524338784,
         {5.546135190988595E-2, 6.3924254937272079E-2, 1.7522016425465741, 1.9053307661849175},
         0.13184981834612891});
  check(run(prop1, T::proportion, true, source::limits, 1, {95, 98}),
        {-0.1096462611125906,
         0.53417757432539459,
         {-0.11490838449464633, -0.10443087776045443, 0.51853338500746282, 0.5501741213468927,
          -0.11586812967869121, -0.10343726013070212, 0.5157325783693022, 0.55327845622480665},
         0.23538210070887111});
}

TEST_CASE("qsii: SII worked by hand, and limits without random error") {
  // Five equal populations: shares 0.2, ranks 0.1, 0.3, 0.5, 0.7, 0.9. Values 10 + 20 × rank
  // (12, 16, 20, 24, 28) lie on a line, so the weighted fit is exact: intercept 10, SII 20,
  // RII (10 + 20)/10 = 3. With every standard error 0 each simulated sample is the data
  // itself, so both limits equal the estimate.
  sii_input in;
  in.populations = {100, 100, 100, 100, 100};
  in.values = {12, 16, 20, 24, 28};
  in.standard_errors = {0, 0, 0, 0, 0};
  sii_options o;
  o.rii = true;
  o.repetitions = 1000;
  o.reliability_stat = true;
  const auto r = slope_index_of_inequality(in, o);
  REQUIRE(r);
  CHECK(r->sii == doctest::Approx(20).epsilon(1e-12));
  CHECK(r->rii == doctest::Approx(3).epsilon(1e-12));
  CHECK(r->intercept == doctest::Approx(10).epsilon(1e-12));
  REQUIRE(r->limits.size() == 1);
  CHECK(*r->limits[0].sii_lower == doctest::Approx(20).epsilon(1e-12));
  CHECK(*r->limits[0].sii_upper == doctest::Approx(20).epsilon(1e-12));
  CHECK(*r->limits[0].rii_lower == doctest::Approx(3).epsilon(1e-12));
  CHECK(*r->limits[0].sii_mad == doctest::Approx(0).epsilon(1e-12));
  CHECK(*r->limits[0].rii_mad == doctest::Approx(0).epsilon(1e-12));

  // A rate exp(1 + 2 × rank) fitted on the log scale: intercept e¹, SII (e³ − e¹) × 1000
  // with multiplier 1000, RII e², intercept reported × |multiplier|. Limits 95 % of values
  // e^(1 + 2 rank) ± 0 (upper = lower = value; se from the limits is 0).
  sii_input rate;
  rate.populations = {100, 100, 100, 100, 100};
  for (double b : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    rate.values.push_back(std::exp(1 + 2 * b));
    rate.lower_cl.push_back(std::exp(1 + 2 * b));
    rate.upper_cl.push_back(std::exp(1 + 2 * b));
  }
  sii_options ro;
  ro.value_type = sii_value_type::rate;
  ro.transform = true;
  ro.multiplier = 1000;
  ro.rii = true;
  ro.repetitions = 1000;
  const auto rr = slope_index_of_inequality(rate, ro);
  REQUIRE(rr);
  CHECK(rr->sii == doctest::Approx((std::exp(3.0) - std::exp(1.0)) * 1000).epsilon(1e-12));
  CHECK(rr->rii == doctest::Approx(std::exp(2.0)).epsilon(1e-12));
  CHECK(rr->intercept == doctest::Approx(std::exp(1.0) * 1000).epsilon(1e-12));
  CHECK(*rr->limits[0].sii_lower == doctest::Approx(rr->sii).epsilon(1e-12));
  CHECK(*rr->limits[0].rii_upper == doctest::Approx(std::exp(2.0)).epsilon(1e-12));
  // The quantile count is the number of rows: 11 or more gives R's warning.
  sii_input eleven;
  for (int i = 0; i < 11; ++i) {
    eleven.populations.push_back(100);
    eleven.values.push_back(i);
    eleven.standard_errors.push_back(1);
  }
  sii_options eo;
  eo.confidence = {};
  const auto e = slope_index_of_inequality(eleven, eo);
  REQUIRE(e);
  CHECK(e->warnings.contains("outcomes.sii.many_quantiles"));
  CHECK(e->limits.empty());
}

TEST_CASE("qsii: the simulation is reproducible and seeded") {
  const auto a = run(normal1, T::normal, false, source::se, 1, {0.95}, 1000);
  const auto b = run(normal1, T::normal, false, source::se, 1, {0.95}, 1000);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a->limits[0].sii_lower == *b->limits[0].sii_lower);
  CHECK(*a->limits[0].rii_upper == *b->limits[0].rii_upper);
  sii_input in;
  in.populations = normal1.pop;
  in.values = normal1.v;
  in.standard_errors = normal1.se;
  sii_options o;
  o.repetitions = 1000;
  o.seed = 2;
  const auto c = slope_index_of_inequality(in, o);
  REQUIRE(c);
  CHECK(*c->limits[0].sii_lower != *a->limits[0].sii_lower);
  // R's limit positions: round(reps × 0.025) and round(reps × 0.975); 0.998: 100 and 99900.
  CHECK(detail::sii_limit_positions(100000, 0.95).lower == 2500);
  CHECK(detail::sii_limit_positions(100000, 0.95).upper == 97500);
  CHECK(detail::sii_limit_positions(100000, 0.998).lower == 100);
  CHECK(detail::sii_limit_positions(100000, 0.998).upper == 99900);
  CHECK(detail::sii_limit_positions(1000, 0.99).lower == 5);
  // rnorm's edge cases: sd 0 or an infinite mean return the mean; a negative sd is NaN.
  detail::sii_normal_stream s(1);
  CHECK(s.draw(4, 0) == 4);
  CHECK(std::isinf(s.draw(-std::numeric_limits<double>::infinity(), 1)));
  CHECK(std::isnan(s.draw(4, -1)));
}

TEST_CASE("qsii: SII input checks (testSII.R part 2)") {
  auto code = [](const sii_input& in, const sii_options& o) {
    const auto r = slope_index_of_inequality(in, o);
    return r ? std::string("ok") : r.error().code;
  };
  sii_input base;
  base.populations = normal1.pop;
  base.values = normal1.v;
  base.standard_errors = normal1.se;
  sii_options o;
  o.confidence = {};

  sii_input no_value = base;
  no_value.values.clear();
  CHECK(code(no_value, o) == "outcomes.sii.request");
  sii_input no_se = base;
  no_se.standard_errors.clear();
  CHECK(code(no_se, o) == "outcomes.sii.request");
  sii_options r999 = o;
  r999.repetitions = 999;
  CHECK(code(base, r999) == "outcomes.sii.repetitions");
  for (double c : {0.35, 40.0, 135.0}) {
    sii_options bad = o;
    bad.confidence = {c};
    CHECK(code(base, bad) == "outcomes.sii.confidence");
  }
  sii_options mixed = o;
  mixed.confidence = {0.95, 99};
  CHECK(code(base, mixed) == "outcomes.sii.confidence");
  sii_options too_high = o;
  too_high.repetitions = 1000;
  too_high.confidence = {0.9995};  // round(1000 × 0.00025) = 0: no lower limit position
  CHECK(code(base, too_high) == "outcomes.sii.repetitions");
  sii_options tr = o;
  tr.transform = true;
  CHECK(code(base, tr) == "outcomes.sii.transform");  // value_type 0
  tr.value_type = sii_value_type::rate;
  CHECK(code(base, tr) == "outcomes.sii.transform");  // se given
  sii_input only_se = base;
  tr.value_type = sii_value_type::rate;
  only_se.lower_cl = normal1.lo;
  only_se.upper_cl = normal1.hi;
  only_se.standard_errors.clear();
  CHECK(code(only_se, tr) == "ok");

  // RecordNo 152: population −200.
  sii_input neg_pop = base;
  neg_pop.populations[1] = -200;
  const auto np = slope_index_of_inequality(neg_pop, o);
  REQUIRE_FALSE(np);
  CHECK(np.error().code == "outcomes.sii.population");
  CHECK(np.error().path == "/populations/1");
  // RecordNo 163: standard error −5; RecordNo 191-195: standard errors missing.
  sii_input neg_se = base;
  neg_se.standard_errors[2] = -5;
  CHECK(code(neg_se, o) == "outcomes.sii.standard_error");
  sii_input missing_se = base;
  missing_se.standard_errors[0] = nan_value;
  CHECK(code(missing_se, o) == "outcomes.sii.standard_error");
  // RecordNo 191-195: limits missing.
  sii_input missing_cl = base;
  missing_cl.standard_errors.clear();
  missing_cl.lower_cl = normal1.lo;
  missing_cl.upper_cl = normal1.hi;
  missing_cl.upper_cl[3] = nan_value;
  CHECK(code(missing_cl, o) == "outcomes.sii.confidence_limits");
  // RecordNo 168: count 0 with value_type 2 and no values.
  sii_options prop = o;
  prop.value_type = sii_value_type::proportion;
  sii_input zero_x;
  zero_x.populations = prop1.pop;
  zero_x.counts = prop1.x;
  zero_x.counts[7] = 0;
  zero_x.standard_errors = prop1.se;
  CHECK(code(zero_x, prop) == "outcomes.sii.count");
  // RecordNo 1-20 as proportions: values above 1.
  CHECK(code(base, prop) == "outcomes.sii.proportion");
  // RecordNo 174 (upper 11) and 177 (lower 8): limits outside 0..1.
  sii_input bad_cl;
  bad_cl.populations = prop1.pop;
  bad_cl.values = prop1.v;
  bad_cl.lower_cl = prop1.lo;
  bad_cl.upper_cl = prop1.hi;
  bad_cl.upper_cl[3] = 11;
  CHECK(code(bad_cl, prop) == "outcomes.sii.proportion");
  // RecordNo 1-3: three quantiles.
  sii_input three = base;
  three.populations.resize(3);
  three.values.resize(3);
  three.standard_errors.resize(3);
  CHECK(code(three, o) == "outcomes.sii.quantiles");
  // Counts give the value only for proportions.
  sii_input x_rate = zero_x;
  x_rate.counts = prop1.x;
  CHECK(code(x_rate, o) == "outcomes.sii.request");
  // A missing value, a rate of 0 on the log scale, a proportion of 1.
  sii_input missing_value = base;
  missing_value.values[4] = nan_value;
  CHECK(code(missing_value, o) == "outcomes.sii.value");
  sii_input zero_rate = base;
  zero_rate.values[0] = 0;
  zero_rate.standard_errors.clear();
  zero_rate.lower_cl = normal1.lo;
  zero_rate.upper_cl = normal1.hi;
  sii_options log_rate = o;
  log_rate.value_type = sii_value_type::rate;
  log_rate.transform = true;
  CHECK(code(zero_rate, log_rate) == "outcomes.sii.value");
  // Limits in the wrong order give a negative standard error.
  sii_input swapped = missing_cl;
  swapped.upper_cl = normal1.lo;
  swapped.lower_cl = normal1.hi;
  CHECK(code(swapped, o) == "outcomes.sii.standard_error");
  // Lengths.
  sii_input short_se = base;
  short_se.standard_errors.pop_back();
  CHECK(code(short_se, o) == "outcomes.sii.length_mismatch");
  // Too many draws for an untrusted request.
  sii_options big = o;
  big.confidence = {0.95};
  big.repetitions = 20'000'000;
  CHECK(code(base, big) == "outcomes.sii.repetitions");
}
