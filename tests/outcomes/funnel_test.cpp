// Tests for joinedup/outcomes/funnel.hpp against PHEindicatormethods 2.1.0's own funnel tests:
// tests/testthat/testFunnels.R replayed on the package's test data (tests/data/funnel/*.csv,
// copied unchanged from tests/testthat/, read as data-raw/LoadTestdata.R reads them). Every
// expected number and label below comes from those CSV files or is worked by hand in a comment.
#include "joinedup/outcomes/funnel.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace jo = joinedup::outcomes;
namespace fe = joinedup::outcomes::detail::funnel;
using jo::funnel_significance;

namespace {

/// A CSV file of the package's test data: its header and rows, as strings.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// The column called `name` (after trimming whitespace) as numbers; "NA" is NaN.
  [[nodiscard]] std::vector<double> numbers(const std::string& name) const {
    std::vector<double> out;
    const std::size_t c = index(name);
    for (const auto& r : rows) {
      out.push_back(r[c] == "NA" ? std::nan("") : std::strtod(r[c].c_str(), nullptr));
    }
    return out;
  }
  /// The column called `name` as text.
  [[nodiscard]] std::vector<std::string> strings(const std::string& name) const {
    std::vector<std::string> out;
    const std::size_t c = index(name);
    for (const auto& r : rows)
      out.push_back(r[c]);
    return out;
  }
  [[nodiscard]] std::size_t index(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    FAIL("no column " << name);
    return 0;
  }
};

/// Reads one of tests/data/funnel/*.csv: a UTF-8 byte order mark is skipped, fields may be
/// quoted (with commas or newlines inside), header names are trimmed of whitespace.
csv_table read_csv(const std::string& file) {
  const auto path = std::filesystem::path(JOINEDUP_SOURCE_DIR) / "tests/data/funnel" / file;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
    } else if (c == '\n') {
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !record.empty()) {
    record.push_back(field);
    records.push_back(record);
  }
  csv_table t;
  for (std::string h : records.at(0)) {
    h.erase(std::remove_if(h.begin(), h.end(), [](char ch) { return std::isspace(ch) != 0; }),
            h.end());
    t.header.push_back(h);
  }
  t.rows.assign(records.begin() + 1, records.end());
  return t;
}

/// True when a and b agree to `rel` relative or `abs_tol` absolute (the CSVs carry 7 to 10
/// significant digits).
bool near(double a, double b, double rel, double abs_tol) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= std::max(abs_tol, rel * std::fabs(b));
}

/// Compares every row of computed limits with a reference table.
void check_limits(const jo::funnel_limits& got, const csv_table& want, const std::string& x_col,
                  const std::map<std::string, std::string>& columns, double rel, double abs_tol) {
  REQUIRE(got.rows.size() == want.rows.size());
  const std::vector<double> x = want.numbers(x_col);
  const auto spread_names = jo::funnel_spread_columns(got.statistic);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CAPTURE(i);
    const jo::funnel_limit_row& r = got.rows[i];
    CHECK(r.x == x[i]);
    for (const auto& [ours, theirs] : columns) {
      const double w = want.numbers(theirs)[i];
      double g = 0;
      if (ours == "lower_2s_limit") g = r.lower_2s;
      if (ours == "upper_2s_limit") g = r.upper_2s;
      if (ours == "lower_3s_limit") g = r.lower_3s;
      if (ours == "upper_3s_limit") g = r.upper_3s;
      if (ours == "baseline") g = r.baseline;
      for (std::size_t k = 0; k < 4; ++k) {
        if (ours == spread_names[k]) g = r.spread[k];
      }
      CAPTURE(ours);
      CAPTURE(g);
      CAPTURE(w);
      CHECK(near(g, w, rel, abs_tol));
    }
  }
}

const std::map<std::string, std::string> limit_columns = {{"lower_2s_limit", "lower_2s_limit"},
                                                          {"upper_2s_limit", "upper_2s_limit"},
                                                          {"lower_3s_limit", "lower_3s_limit"},
                                                          {"upper_3s_limit", "upper_3s_limit"}};

std::map<std::string, std::string> rate_columns() {
  auto m = limit_columns;
  for (const char* c : {"lower_2s_population_1_year", "upper_2s_population_1_year",
                        "lower_3s_population_1_year", "upper_3s_population_1_year", "baseline"})
    m[c] = c;
  return m;
}

std::vector<std::string> labels(const std::vector<funnel_significance>& s) {
  std::vector<std::string> out;
  for (auto v : s)
    out.emplace_back(jo::to_string(v));
  return out;
}

}  // namespace

TEST_CASE("funnel: the axis rounding of the package (signif.floor, signif.ceiling, nchar)") {
  // R's as.character(100000) is "1e+05": 5 characters, the scientific form being shorter.
  CHECK(fe::r_nchar_whole(100000) == 5);
  CHECK(fe::r_nchar_whole(120000) == 6);  // "1.2e+05" is longer than "120000"
  CHECK(fe::r_nchar_whole(10000) == 5);   // equal widths: R keeps the fixed form
  CHECK(fe::r_nchar_whole(0) == 1);
  CHECK(fe::r_nchar_whole(12345000000) == 10);  // "1.2345e+10"
  // signif.floor(10500): 0.95 × 10500 = 9975, 4 characters, floor(9975 / 1000) × 1000 = 9000.
  CHECK(fe::signif_floor(10500) == 9000);
  // signif.ceiling(104000): 1.05 × 104000 = 109200, 6 characters, n = 4:
  // ceiling(10.92) × 10^4 = 110000 (the last population of testdata_funnel_prop_outputs.csv).
  CHECK(fe::signif_ceiling(104000) == 110000);
  // signif.ceiling(4.5): 4.725 rounds up to 5 (1 character), n = -1: ceiling(47.25) / 10 = 4.8.
  CHECK(fe::signif_ceiling(4.5) == doctest::Approx(4.8).epsilon(1e-15));
  CHECK(fe::signif_floor(0) == 0);
  CHECK(fe::signif_ceiling(0) == 0);
  // format(m, big.mark = ",", scientific = FALSE) in the rate label.
  CHECK(fe::multiplier_text(100000) == "100,000");
  CHECK(fe::multiplier_text(100) == "100");
  CHECK(fe::multiplier_text(1000000) == "1,000,000");
  CHECK(fe::multiplier_text(0.5) == "0.5");
  CHECK(fe::multiplier_text(1234.5678) == "1,234.568");  // 7 significant digits
}

TEST_CASE("funnel: the Poisson tails by sum and by incomplete gamma agree") {
  // Not reference values: the two ways of taking the tail must pick the same bisection steps.
  for (double x : {1.0, 7.0, 250.0, 9000.0}) {
    for (double z : {x * 0.8, x, x * 1.3}) {
      CAPTURE(x);
      CAPTURE(z);
      CHECK(fe::poisson_window(z, x, 1e10) ==
            doctest::Approx(boost::math::gamma_p(x, z)).epsilon(1e-9));
      CHECK(fe::poisson_window(z, 0, x) ==
            doctest::Approx(boost::math::gamma_q(x + 1, z)).epsilon(1e-9));
    }
  }
  // Above the limit the gamma path continues the summed one smoothly: the expected events at
  // the lower 95 % limit grow by about one per observed event.
  const double below = fe::poisson_mean_at_tail(fe::poisson_sum_limit, 0.025, false);
  const double above = fe::poisson_mean_at_tail(fe::poisson_sum_limit + 1, 0.025, false);
  CHECK(above - below == doctest::Approx(1.0).epsilon(0.01));
}

TEST_CASE("funnel limits: proportions (testFunnels.R, 'for proportions')") {
  const csv_table in = read_csv("testdata_funnel_prop_inputs.csv");
  const std::vector<double> num = in.numbers("numerator");
  const std::vector<double> den = in.numbers("denominator");
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::proportion;
  o.multiplier = 100;
  const auto r = jo::calculate_funnel_limits({num, den, {}}, o);
  REQUIRE(r);
  CHECK(r->label == "proportion");
  CHECK(r->method == "Wilson");
  // testdata_funnel_prop_outputs.csv: 100 rows from 1 to 110000, six decimals.
  auto cols = limit_columns;
  cols["baseline"] = "Baseline";
  cols["lower_2s_limit"] = "Lower2s0025limit";
  cols["upper_2s_limit"] = "Upper2s0025limit";
  cols["lower_3s_limit"] = "Lower3s0001limit";
  cols["upper_3s_limit"] = "Upper3s0001limit";
  check_limits(*r, read_csv("testdata_funnel_prop_outputs.csv"), "Population", cols, 0, 6e-7);
}

TEST_CASE("funnel limits: proportions with axis variation (denominators below 31000)") {
  const csv_table in = read_csv("testdata_funnel_prop_inputs.csv");
  std::vector<double> num;
  std::vector<double> den;
  for (std::size_t i = 0; i < in.rows.size(); ++i) {
    if (in.numbers("denominator")[i] < 31000) {
      num.push_back(in.numbers("numerator")[i]);
      den.push_back(in.numbers("denominator")[i]);
    }
  }
  jo::funnel_options o;
  o.multiplier = 100;
  const auto r = jo::calculate_funnel_limits({num, den, {}}, o);
  REQUIRE(r);
  // The largest denominator is within twice the smallest, so the axis starts at 10000.
  CHECK(r->axis_minimum == 10000);
  CHECK(r->axis_maximum == 33000);
  auto cols = limit_columns;
  cols["baseline"] = "Baseline";
  cols["lower_2s_limit"] = "Lower2s0025limit";
  cols["upper_2s_limit"] = "Upper2s0025limit";
  cols["lower_3s_limit"] = "Lower3s0001limit";
  cols["upper_3s_limit"] = "Upper3s0001limit";
  check_limits(*r, read_csv("testdata_funnel_prop_outputs_with_axis_variation.csv"), "Population",
               cols, 0, 6e-9);
}

TEST_CASE("funnel limits: ratios, count and isr (testdata_funnel_ratio_outputs.csv)") {
  const csv_table in = read_csv("testdata_funnel_ratio_inputs.csv");
  const std::vector<double> obs = in.numbers("obs");
  const std::vector<double> expected = in.numbers("expected");
  const csv_table want = read_csv("testdata_funnel_ratio_outputs.csv");
  for (const auto type : {jo::funnel_ratio_type::count, jo::funnel_ratio_type::isr}) {
    jo::funnel_options o;
    o.statistic = jo::funnel_statistic::ratio;
    o.multiplier = 100;
    o.ratio_type = type;
    const auto r = jo::calculate_funnel_limits({obs, expected, {}}, o);
    REQUIRE(r);
    const std::string suffix(jo::to_string(type));
    CHECK(r->label == "ratio (" + suffix + ")");
    CHECK(r->method == "Poisson");
    std::map<std::string, std::string> cols;
    for (const char* side : {"lower_2s", "upper_2s", "lower_3s", "upper_3s"}) {
      cols[std::string(side) + "_limit"] = std::string(side) + "_" + suffix;
      cols[std::string(side) + "_exp_events"] = std::string(side) + "_exp_events";
    }
    check_limits(*r, want, "Observed_events", cols, 2e-9, 2e-9);
  }
}

TEST_CASE("funnel limits: DSR rates per 100,000 over 3 years (testdata_funnel_rate_outputs.csv)") {
  const csv_table in = read_csv("testdata_funnel_rate_input_funnels.csv");
  const std::vector<double> ev = in.numbers("ev");
  const std::vector<double> rate = in.numbers("rate");
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::rate;
  o.rate_type = jo::funnel_rate_type::dsr;
  o.multiplier = 1e5;
  o.years_of_data = 3;
  const auto r = jo::calculate_funnel_limits({ev, {}, rate}, o);
  REQUIRE(r);
  const csv_table want = read_csv("testdata_funnel_rate_outputs.csv");
  CHECK(r->label == want.strings("statistic")[0]);  // "rate (dsr per 100,000)"
  CHECK(r->method == "Poisson");
  check_limits(*r, want, "Events", rate_columns(), 2e-9, 1e-9);
}

TEST_CASE("funnel limits: crude rates with fewer than 10 events (testdata_funnel_rate_outputs_2)") {
  const csv_table in = read_csv("testdata_funnel_rate_input_funnels.csv");
  std::vector<double> ev = in.numbers("ev");
  const std::vector<double> rate = in.numbers("rate");
  // testFunnels.R: the area with the most events is given 5.
  *std::max_element(ev.begin(), ev.end()) = 5;
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::rate;
  o.rate_type = jo::funnel_rate_type::crude;
  o.multiplier = 1e5;
  o.years_of_data = 3;
  const auto r = jo::calculate_funnel_limits({ev, {}, rate}, o);
  REQUIRE(r);
  const csv_table want = read_csv("testdata_funnel_rate_outputs_2.csv");
  CHECK(r->label == "rate (crude per 100,000)");
  check_limits(*r, want, "Events", rate_columns(), 2e-9, 1e-9);
}

TEST_CASE("funnel limits: crude rates with a zero-event area and denominators (outputs_3)") {
  const csv_table in = read_csv("testdata_funnel_rate_input_funnels.csv");
  const std::vector<double> ev0 = in.numbers("ev");
  const std::vector<double> rate0 = in.numbers("rate");
  // testFunnels.R: pop = 1e5 × ev / rate; the area with the most events gets 0 events and a
  // rate of 0; only areas with pop above half the largest pop are kept.
  const double top = *std::max_element(ev0.begin(), ev0.end());
  std::vector<double> pop;
  for (std::size_t i = 0; i < ev0.size(); ++i)
    pop.push_back(1e5 * ev0[i] / rate0[i]);
  const double max_pop = *std::max_element(pop.begin(), pop.end());
  std::vector<double> ev;
  std::vector<double> rate;
  std::vector<double> den;
  for (std::size_t i = 0; i < ev0.size(); ++i) {
    if (!(pop[i] > max_pop / 2)) continue;
    ev.push_back(ev0[i] == top ? 0 : ev0[i]);
    rate.push_back(ev0[i] == top ? 0 : rate0[i]);
    den.push_back(pop[i]);
  }
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::rate;
  o.rate_type = jo::funnel_rate_type::crude;
  o.multiplier = 1e5;
  o.years_of_data = 3;
  const auto r = jo::calculate_funnel_limits({ev, den, rate}, o);
  REQUIRE(r);
  check_limits(*r, read_csv("testdata_funnel_rate_outputs_3.csv"), "Events", rate_columns(), 2e-9,
               1e-9);
  // Without the denominators the zero-event area cannot be placed.
  const auto no_den = jo::calculate_funnel_limits({ev, {}, rate}, o);
  REQUIRE_FALSE(no_den);
  CHECK(no_den.error().code == "outcomes.funnel.zero_events");
}

TEST_CASE("funnel significance: proportions (testdata_funnel_prop_inputs.csv, 303 areas)") {
  const csv_table in = read_csv("testdata_funnel_prop_inputs.csv");
  const std::vector<double> num = in.numbers("numerator");
  const std::vector<double> den = in.numbers("denominator");
  jo::funnel_options o;  // no multiplier: the package does not need one for proportions
  const auto r = jo::assign_funnel_significance({num, den, {}}, o);
  REQUIRE(r);
  CHECK(labels(*r) == in.strings("significance"));
}

TEST_CASE("funnel significance: ratios (testdata_funnel_ratio_inputs.csv, 300 areas)") {
  const csv_table in = read_csv("testdata_funnel_ratio_inputs.csv");
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::ratio;
  const std::vector<double> obs = in.numbers("obs");
  const std::vector<double> expected = in.numbers("expected");
  const auto r = jo::assign_funnel_significance({obs, expected, {}}, o);
  REQUIRE(r);
  CHECK(labels(*r) == in.strings("significance"));
}

TEST_CASE("funnel significance: rates (testdata_funnel_rate_dsr_inputs.csv, every column)") {
  const csv_table in = read_csv("testdata_funnel_rate_dsr_inputs.csv");
  const std::vector<double> count = in.numbers("count");
  const std::vector<double> pop = in.numbers("pop");
  struct variant {
    const char* column;  // expected labels
    const char* rate;    // the rate column used
    jo::funnel_rate_type type;
    double multiplier;
    bool with_zero;  // the last area has 0 events; "without_0" drops it
  };
  // The column dsr_per_100_with_0 is in the file but not in testFunnels.R; it is checked too.
  const variant variants[] = {
      {"dsr_per_100000_with_0", "rate_dsr", jo::funnel_rate_type::dsr, 1e5, true},
      {"dsr_per_100_with_0", "rate_dsr", jo::funnel_rate_type::dsr, 100, true},
      {"dsr_per_100000_without_0", "rate_dsr", jo::funnel_rate_type::dsr, 1e5, false},
      {"dsr_per_100_without_0", "rate_dsr", jo::funnel_rate_type::dsr, 100, false},
      {"crude_per_100000_with_0", "rate_crude_per_100000", jo::funnel_rate_type::crude, 1e5, true},
      {"crude_per_100_with_0", "rate_crude_per_100", jo::funnel_rate_type::crude, 100, true},
      {"crude_per_100000_without_0", "rate_crude_per_100000", jo::funnel_rate_type::crude, 1e5,
       false},
      {"crude_per_100_without_0", "rate_crude_per_100", jo::funnel_rate_type::crude, 100, false},
  };
  for (const variant& v : variants) {
    CAPTURE(v.column);
    std::vector<double> x;
    std::vector<double> n;
    std::vector<double> rate;
    std::vector<std::string> want;
    for (std::size_t i = 0; i < count.size(); ++i) {
      if (!v.with_zero && count[i] == 0) continue;
      x.push_back(count[i]);
      n.push_back(pop[i]);
      rate.push_back(in.numbers(v.rate)[i]);
      want.push_back(in.strings(v.column)[i]);
    }
    jo::funnel_options o;
    o.statistic = jo::funnel_statistic::rate;
    o.rate_type = v.type;
    o.multiplier = v.multiplier;
    const auto r = jo::assign_funnel_significance({x, n, rate}, o);
    REQUIRE(r);
    CHECK(labels(*r) == want);
  }
}

TEST_CASE("funnel significance: the package's order of tests and its edge cases") {
  // A DSR area of fewer than 10 events is not assessed, whatever its rate.
  const std::vector<double> x = {9, 500, 520};
  const std::vector<double> n = {1000, 100000, 100000};
  const std::vector<double> rate = {900, 500, 520};
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::rate;
  o.rate_type = jo::funnel_rate_type::dsr;
  o.multiplier = 1e5;
  const auto r = jo::assign_funnel_significance({x, n, rate}, o);
  REQUIRE(r);
  CHECK((*r)[0] == funnel_significance::not_applicable);
  CHECK(jo::to_string((*r)[0]) == "Not applicable for events less than 10 for dsrs");
  // A ratio whose expected count is missing cannot be tested: the package says "Not
  // significant" (its case_when treats the NA comparisons as false).
  jo::funnel_options ratio;
  ratio.statistic = jo::funnel_statistic::ratio;
  const std::vector<double> obs = {30, 5};
  const std::vector<double> expected = {std::nan(""), 20};
  const auto s = jo::assign_funnel_significance({obs, expected, {}}, ratio);
  REQUIRE(s);
  CHECK((*s)[0] == funnel_significance::not_significant);
  // 5 observed against 20 expected: the exact upper 99.8 % limit of 5 events is
  // qchisq(0.999, 12) / 2 = 32.909 / 2 = 16.45, and 16.45 / 20 < 1, so "Low (0.001)".
  CHECK((*s)[1] == funnel_significance::low_0_001);
  // No areas: no labels, as the package returns an empty table.
  const auto none = jo::assign_funnel_significance({}, ratio);
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("funnel points: the three cases of testFunnels.R") {
  const csv_table in = read_csv("testdata_funnel_rate_input_funnels.csv");
  const std::vector<double> ev0 = in.numbers("ev");
  const std::vector<double> rate = in.numbers("rate");
  const std::vector<double> pop = in.numbers("pop");
  const double top = *std::max_element(ev0.begin(), ev0.end());
  const auto check = [](const jo::funnel_points& got, const std::vector<double>& chart,
                        const std::vector<double>& derived) {
    REQUIRE(got.rate_chart.size() == chart.size());
    for (std::size_t i = 0; i < chart.size(); ++i) {
      CAPTURE(i);
      CHECK(near(got.rate_chart[i], chart[i], 0, 0));
      CHECK(near(got.denominator_derived[i], derived[i], 1e-9, 1e-9));
    }
  };
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::rate;
  o.multiplier = 1e5;
  o.years_of_data = 3;
  {
    // DSR, the largest area given 5 events: its rate_chart and denominator_derived are NA.
    std::vector<double> ev = ev0;
    for (double& e : ev)
      e = e == top ? 5 : e;
    o.rate_type = jo::funnel_rate_type::dsr;
    const auto r = jo::calculate_funnel_points({ev, {}, rate}, o);
    REQUIRE(r);
    check(*r, in.numbers("rate_chart"), in.numbers("denominator_derived"));
  }
  {
    o.rate_type = jo::funnel_rate_type::crude;
    const auto r = jo::calculate_funnel_points({ev0, {}, rate}, o);
    REQUIRE(r);
    check(*r, in.numbers("rate_chart_crude"), in.numbers("denominator_derived_crude"));
  }
  {
    // Crude over 5 years, the largest area with 0 events: it takes pop / 5 (6883 / 5 = 1376.6).
    std::vector<double> ev = ev0;
    for (double& e : ev)
      e = e == top ? 0 : e;
    o.years_of_data = 5;
    const auto r = jo::calculate_funnel_points({ev, pop, rate}, o);
    REQUIRE(r);
    check(*r, in.numbers("rate_chart_crude_with_denom"),
          in.numbers("denominator_derived_crude_with_denom"));
    // The same without denominators is the package's error.
    const auto e = jo::calculate_funnel_points({ev, {}, rate}, o);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == "outcomes.funnel.zero_events");
  }
}

TEST_CASE("funnel: the package's errors (testFunnels.R, 'test error handling')") {
  const auto code_of = [](const auto& r) { return r ? std::string() : r.error().code; };
  const std::vector<double> obs = {65, 80, 30};
  jo::funnel_options prop;
  prop.multiplier = 100;
  // denominators must be greater than zero (significance)
  const std::vector<double> zero_pop = {100, 100, 0};
  const auto e1 = jo::assign_funnel_significance({obs, zero_pop, {}}, prop);
  CHECK(code_of(e1) == "outcomes.funnel.nonpositive_denominator");
  CHECK(e1.error().path == "/denominators/2");
  // Rate significance without denominators: the argument checks pull the denominator column for
  // every statistic, so R stops before its rate branch.
  jo::funnel_options dsr_rates;
  dsr_rates.statistic = jo::funnel_statistic::rate;
  dsr_rates.rate_type = jo::funnel_rate_type::dsr;
  dsr_rates.multiplier = 1e5;
  const std::vector<double> events = {20, 30, 40};
  const std::vector<double> dsr_values = {100, 120, 90};
  const auto e_rate = jo::assign_funnel_significance({events, {}, dsr_values}, dsr_rates);
  CHECK(code_of(e_rate) == "outcomes.funnel.argument");
  CHECK(e_rate.error().path == "/denominators");
  // numerators must be greater than or equal to zero
  const std::vector<double> neg = {65, -80, 30};
  const std::vector<double> pop = {100, 100, 200};
  CHECK(code_of(jo::assign_funnel_significance({neg, pop, {}}, prop)) ==
        "outcomes.funnel.negative_numerator");
  // numerators must be less than or equal to denominator for a proportion statistic
  const std::vector<double> small_pop = {100, 100, 20};
  const auto e3 = jo::assign_funnel_significance({obs, small_pop, {}}, prop);
  CHECK(code_of(e3) == "outcomes.funnel.numerator_exceeds_denominator");
  CHECK(e3.error().path == "/numerators/2");
  // the denominators are required for proportions
  CHECK(code_of(jo::assign_funnel_significance({obs, {}, {}}, prop)) == "outcomes.funnel.argument");
  // ratios need ratio_type and a multiplier for their limits
  jo::funnel_options ratio;
  ratio.statistic = jo::funnel_statistic::ratio;
  ratio.multiplier = 100;
  CHECK(code_of(jo::calculate_funnel_limits({obs, pop, {}}, ratio)) == "outcomes.funnel.argument");
  // rates need rates, rate_type, multiplier and years_of_data
  jo::funnel_options rate;
  rate.statistic = jo::funnel_statistic::rate;
  const std::vector<double> num = {100, 100, 20};
  CHECK(code_of(jo::calculate_funnel_limits({num, {}, {}}, rate)) == "outcomes.funnel.argument");
  const std::vector<double> rates = {50, 25, 15};
  rate.rate_type = jo::funnel_rate_type::crude;
  rate.multiplier = 100;
  const auto e5 = jo::calculate_funnel_limits({num, {}, rates}, rate);
  CHECK(code_of(e5) == "outcomes.funnel.argument");
  CHECK(e5.error().path == "/years_of_data");
  // 0 events need the denominator argument
  rate.years_of_data = 1;
  rate.rate_type = jo::funnel_rate_type::dsr;
  const std::vector<double> with_zero = {100, 100, 0};
  const std::vector<double> zero_rate = {50, 25, 0};
  CHECK(code_of(jo::calculate_funnel_limits({with_zero, {}, zero_rate}, rate)) ==
        "outcomes.funnel.zero_events");
  // ... and a positive denominator where given
  const std::vector<double> den_zero = {100, 100, 0};
  const auto e7 = jo::calculate_funnel_limits({with_zero, den_zero, zero_rate}, rate);
  CHECK(code_of(e7) == "outcomes.funnel.zero_events");
  CHECK(e7.error().path == "/denominators/2");
  // numerators must be provided for all records
  const std::vector<double> na_num = {100, std::nan(""), 20};
  const auto e8 = jo::calculate_funnel_limits({na_num, {}, rates}, rate);
  CHECK(code_of(e8) == "outcomes.funnel.missing_value");
  CHECK(e8.error().path == "/numerators/1");
  // a rate or a denominator for every record
  const std::vector<double> na_rate = {50, std::nan(""), 15};
  const std::vector<double> na_den = {1000, std::nan(""), 100};
  CHECK(code_of(jo::calculate_funnel_limits({num, na_den, na_rate}, rate)) ==
        "outcomes.funnel.missing_value");
  CHECK(code_of(jo::assign_funnel_significance({num, {}, na_rate}, rate)) ==
        "outcomes.funnel.missing_value");
  // proportions: numerators and denominators for all records
  const std::vector<double> prop_na = {100, std::nan(""), 200};
  CHECK(code_of(jo::calculate_funnel_limits({obs, prop_na, {}}, prop)) ==
        "outcomes.funnel.missing_value");
  CHECK(code_of(jo::assign_funnel_significance({obs, prop_na, {}}, prop)) ==
        "outcomes.funnel.missing_value");
  // points: missing rate_type / multiplier
  jo::funnel_options points;
  points.years_of_data = 3;
  points.rate_type = jo::funnel_rate_type::dsr;
  CHECK(code_of(jo::calculate_funnel_points({num, {}, rates}, points)) ==
        "outcomes.funnel.argument");
}

TEST_CASE("funnel: checks beyond the package (documented differences)") {
  const auto code_of = [](const auto& r) { return r ? std::string() : r.error().code; };
  jo::funnel_options rate;
  rate.statistic = jo::funnel_statistic::rate;
  rate.rate_type = jo::funnel_rate_type::crude;
  rate.multiplier = 1e5;
  rate.years_of_data = 1;
  const std::vector<double> num = {100, 50};
  // A zero rate for an area with events would imply an infinite population.
  const std::vector<double> zero_rate = {10, 0};
  CHECK(code_of(jo::calculate_funnel_limits({num, {}, zero_rate}, rate)) == "outcomes.funnel.rate");
  const std::vector<double> rates = {10, 20};
  rate.multiplier = 0;
  CHECK(code_of(jo::calculate_funnel_limits({num, {}, rates}, rate)) ==
        "outcomes.funnel.multiplier");
  rate.multiplier = 1e5;
  rate.years_of_data = -1;
  CHECK(code_of(jo::calculate_funnel_limits({num, {}, rates}, rate)) ==
        "outcomes.funnel.years_of_data");
  rate.years_of_data = 1;
  const std::vector<double> short_rates = {10};
  CHECK(code_of(jo::calculate_funnel_limits({num, {}, short_rates}, rate)) ==
        "outcomes.funnel.length_mismatch");
  CHECK(code_of(jo::calculate_funnel_limits({}, rate)) == "outcomes.funnel.empty");
  // Negative counts are refused by the limits too (the package only checks them for
  // significance).
  jo::funnel_options prop;
  prop.multiplier = 100;
  const std::vector<double> neg = {-1, 5};
  const std::vector<double> den = {10, 10};
  CHECK(code_of(jo::calculate_funnel_limits({neg, den, {}}, prop)) ==
        "outcomes.funnel.negative_numerator");
  // Ratios with no usable expected count at all.
  jo::funnel_options ratio;
  ratio.statistic = jo::funnel_statistic::ratio;
  ratio.ratio_type = jo::funnel_ratio_type::isr;
  ratio.multiplier = 100;
  const std::vector<double> na = {std::nan(""), std::nan("")};
  CHECK(code_of(jo::calculate_funnel_limits({num, na, {}}, ratio)) == "outcomes.funnel.empty");
}

TEST_CASE("funnel limits: a large rate funnel stays quick and well formed") {
  // 2 million events a year in one area: the axis runs past the summed Poisson tail, so the
  // incomplete gamma function takes over; the limits still bracket the baseline.
  const std::vector<double> ev = {2000000, 1500000};
  const std::vector<double> rate = {1000, 900};
  jo::funnel_options o;
  o.statistic = jo::funnel_statistic::rate;
  o.rate_type = jo::funnel_rate_type::crude;
  o.multiplier = 1e5;
  o.years_of_data = 1;
  const auto r = jo::calculate_funnel_limits({ev, {}, rate}, o);
  REQUIRE(r);
  REQUIRE(r->rows.size() == 100);
  for (const auto& row : r->rows) {
    CAPTURE(row.x);
    CHECK(row.lower_3s < row.lower_2s);
    CHECK(row.lower_2s < row.baseline);
    CHECK(row.baseline < row.upper_2s);
    CHECK(row.upper_2s < row.upper_3s);
  }
}
