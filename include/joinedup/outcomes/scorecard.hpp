// joinedup: the integrated scorecard. A framework (catalogue + targets + benchmarks) and a set of
// measurements become one row per indicator × area × period with the value, its 95 % and 99.8 %
// intervals, the benchmark comparison, the target assessment and the SPC variation and
// assurance icons of the series up to that period.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/outcomes/batch.hpp"
#include "joinedup/outcomes/benchmark.hpp"
#include "joinedup/outcomes/indicator.hpp"
#include "joinedup/outcomes/spc.hpp"
#include "joinedup/outcomes/statistics.hpp"
#include "joinedup/outcomes/target.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// A benchmark value for an indicator and period (England, a region, a comparator group).
struct benchmark_value {
  std::string indicator;  ///< indicator id
  std::string period;     ///< period label as in the measurements ("" = every period)
  std::string name;       ///< "England", "North West", "CIPFA nearest neighbours", ...
  double value = 0;       ///< the benchmark's value, on the indicator's scale
};

}  // namespace outcomes

/// The fields of a benchmark value in a framework document.
template <>
inline constexpr auto fields_of<outcomes::benchmark_value> =
    std::tuple{field("indicator", &outcomes::benchmark_value::indicator),
               field("period", &outcomes::benchmark_value::period, presence::omit_empty),
               field("name", &outcomes::benchmark_value::name),
               field("value", &outcomes::benchmark_value::value)};

namespace outcomes {

/// A framework in use: its catalogue, its targets and its benchmarks.
struct framework {
  std::string name;                         ///< e.g. "Northmoor older people's outcomes"
  outcomes::catalogue catalogue;            ///< the indicators
  std::vector<target> targets;              ///< targets with dates
  std::vector<benchmark_value> benchmarks;  ///< benchmark values
  double comparison_level = 0.95;           ///< the interval used for benchmark comparison

  /// The target for an indicator and area (an area-specific one first), or nullptr.
  [[nodiscard]] const target* find_target(std::string_view indicator,
                                          std::string_view area) const noexcept {
    const target* any = nullptr;
    for (const target& t : targets) {
      if (t.indicator != indicator) continue;
      if (t.area == area) return &t;
      if (t.area.empty()) any = &t;
    }
    return any;
  }
  /// The benchmark for an indicator and period (a period-specific one first), or nullptr.
  [[nodiscard]] const benchmark_value* find_benchmark(std::string_view indicator,
                                                      std::string_view period) const noexcept {
    const benchmark_value* any = nullptr;
    for (const benchmark_value& b : benchmarks) {
      if (b.indicator != indicator) continue;
      if (b.period == period) return &b;
      if (b.period.empty()) any = &b;
    }
    return any;
  }
};

/// One row of measurement input. Rows with the same indicator, area and period are one
/// measurement: their numerators and denominators are summed for proportions, rates and counts
/// (PHEindicatormethods sums grouped input), are the age bands of a DSR or ISR, or are the values
/// of a mean. A row with only `value` is a published value taken as it is. A published interval
/// (`lower_95` … `upper_99_8`, as a Fingertips download gives) and `note` are shown beside the
/// computed figures and used for the benchmark comparison when nothing is computed.
struct measurement {
  std::string indicator;                        ///< indicator id
  std::string area;                             ///< area code
  std::string period;                           ///< period label, e.g. "2025-26 Q1"
  std::chrono::year_month_day period_end{};     ///< last day of the period (orders the series)
  std::optional<double> numerator;              ///< events (NaN = missing)
  std::optional<double> denominator;            ///< population or cases
  std::optional<double> standard_population;    ///< DSR: the band's standard population
  std::optional<double> reference_numerator;    ///< ISR: reference events in the band
  std::optional<double> reference_denominator;  ///< ISR: reference population in the band
  std::optional<double> value;                  ///< mean: one value; otherwise a published value
  std::size_t line = 0;                         ///< 1-based input line, for diagnostics
  std::optional<double> lower_95;               ///< published lower 95 % confidence limit
  std::optional<double> upper_95;               ///< published upper 95 % confidence limit
  std::optional<double> lower_99_8;             ///< published lower 99.8 % confidence limit
  std::optional<double> upper_99_8;             ///< published upper 99.8 % confidence limit
  std::string note;                             ///< the publisher's note on the value

  /// True when the row carries a published interval or note.
  [[nodiscard]] bool has_published_figures() const noexcept {
    return lower_95 || upper_95 || lower_99_8 || upper_99_8 || !note.empty();
  }
};

/// A value as its publisher gave it, with its intervals and note (Fingertips' Value, Lower CI
/// 95.0 limit, …, Value note), shown beside joinedup's own computation.
struct published_figures {
  std::optional<double> value;       ///< the published value
  std::optional<double> lower_95;    ///< lower 95 % limit
  std::optional<double> upper_95;    ///< upper 95 % limit
  std::optional<double> lower_99_8;  ///< lower 99.8 % limit
  std::optional<double> upper_99_8;  ///< upper 99.8 % limit
  std::string note;                  ///< the publisher's note
};

/// One scorecard row.
struct scorecard_row {
  std::string indicator;                                 ///< indicator id
  std::string title;                                     ///< indicator title
  std::string domain;                                    ///< domain id
  std::string area;                                      ///< area code
  std::string period;                                    ///< period label
  std::chrono::year_month_day period_end{};              ///< last day of the period
  outcomes::polarity polarity = polarity::no_judgement;  ///< from the definition
  std::optional<indicator_value> statistic;              ///< value and intervals (95 % and 99.8 %)
  std::optional<double> published_value;           ///< a value given as it is, without interval
  std::string_view withheld;                       ///< why no value is shown ("" when shown)
  std::optional<double> benchmark;                 ///< the benchmark value
  std::string benchmark_name;                      ///< "England", ...
  comparison compared = comparison::not_compared;  ///< against the benchmark
  std::optional<double> target_value;              ///< the final target
  std::optional<std::chrono::year_month_day> target_due;  ///< its due date
  std::optional<double> expected;                      ///< the trajectory's value for this period
  target_status status = target_status::not_assessed;  ///< met / on / off trajectory
  variation_icon variation = variation_icon::common_cause;  ///< SPC, series up to this period
  special_cause point = special_cause::common_cause;        ///< SPC point type of this period
  std::optional<assurance_icon> assurance;                  ///< SPC assurance against the target
  std::size_t points = 0;                                   ///< points in the SPC series
  std::optional<published_figures> published;  ///< the publisher's own figures, when given

  /// The value to show: the statistic's value, else the published value.
  [[nodiscard]] std::optional<double> shown_value() const {
    if (!withheld.empty()) return std::nullopt;
    if (statistic && statistic->value) return statistic->value;
    return published_value;
  }
};

/// Why a scorecard value is withheld.
namespace reasons {
inline constexpr std::string_view disclosure = "withheld under the indicator's disclosure rule";
inline constexpr std::string_view not_computed = "the value could not be computed";
}  // namespace reasons

/// The SPC improvement direction that goes with a polarity.
constexpr improvement_direction direction_for(polarity p) noexcept {
  switch (p) {
    case polarity::higher_is_better:
      return improvement_direction::increase;
    case polarity::lower_is_better:
      return improvement_direction::decrease;
    case polarity::no_judgement:
      return improvement_direction::neutral;
  }
  return improvement_direction::neutral;
}

namespace detail {
/// Computes one measurement's statistic from its rows; problems go to diags.
inline std::optional<indicator_value> compute(const indicator_definition& def,
                                              const std::vector<const measurement*>& rows,
                                              std::optional<double>& published,
                                              diagnostics& diags) {
  const confidence_levels conf = confidence_levels::both();
  const bool has_counts = std::any_of(rows.begin(), rows.end(), [](const measurement* m) {
    return m->numerator.has_value() || m->denominator.has_value();
  });
  const measurement& first = *rows.front();
  const std::string at = "/" + std::to_string(first.line);
  if (!has_counts && def.method != indicator_method::mean) {
    if (rows.size() == 1 && first.value) published = first.value;
    return std::nullopt;
  }
  result<indicator_value> r = failure{};
  const auto num = [](const measurement* m) { return m->numerator.value_or(std::nan("")); };
  const auto den = [](const measurement* m) { return m->denominator.value_or(std::nan("")); };
  switch (def.method) {
    case indicator_method::proportion:
    case indicator_method::crude_rate:
    case indicator_method::count: {
      double x = 0;
      double n = 0;
      for (const measurement* m : rows) {
        x += num(m);
        n += den(m);
      }
      if (def.method == indicator_method::proportion) {
        r = proportion(x, n, conf, def.multiplier);
      } else if (def.method == indicator_method::crude_rate) {
        r = crude_rate(x, n, conf, def.multiplier);
      } else {
        r = count(x, conf);
      }
      break;
    }
    case indicator_method::dsr: {
      std::vector<double> x, n, w;
      for (const measurement* m : rows) {
        x.push_back(num(m));
        n.push_back(den(m));
        if (m->standard_population) w.push_back(*m->standard_population);
      }
      if (!w.empty() && w.size() != x.size()) {
        diags.error("outcomes.measurement.bands", at,
                    "DSR for '" + def.id + "': every band needs a standard_population, or none");
        return std::nullopt;
      }
      r = dsr(x, n, w, conf, def.multiplier);
      break;
    }
    case indicator_method::isr_ratio:
    case indicator_method::isr_rate: {
      std::vector<double> x, n, rx, rn;
      for (const measurement* m : rows) {
        x.push_back(num(m));
        n.push_back(den(m));
        rx.push_back(m->reference_numerator.value_or(std::nan("")));
        rn.push_back(m->reference_denominator.value_or(std::nan("")));
      }
      r = indirectly_standardised(def.method, x, n, rx, rn, conf, def.multiplier);
      break;
    }
    case indicator_method::mean: {
      std::vector<double> v;
      for (const measurement* m : rows)
        v.push_back(m->value.value_or(std::nan("")));
      r = mean(v, conf);
      break;
    }
  }
  if (!r) {
    diagnostic d = r.error();
    d.path = at;
    d.line = first.line;
    d.message = "indicator '" + def.id + "', area '" + first.area + "', period '" + first.period +
                "': " + d.message;
    diags.add(std::move(d));
    return std::nullopt;
  }
  return *r;
}

/// The statistics of an indicator's plain proportions, crude rates and DSRs through the batch
/// path (outcomes/batch.hpp), one entry per measurement (`groups`, in order): the value
/// compute() would give, or nullopt where compute() must run instead (no counts, another
/// method, or an input the per-value function refuses, so that its diagnostic is reported).
inline std::vector<std::optional<indicator_value>> batch_statistics(
    const indicator_definition& def,
    const std::vector<const std::vector<const measurement*>*>& groups) {
  std::vector<std::optional<indicator_value>> out(groups.size());
  const bool rate =
      def.method == indicator_method::proportion || def.method == indicator_method::crude_rate;
  if (!rate && def.method != indicator_method::dsr) return out;
  const confidence_levels conf = confidence_levels::both();
  const auto has_counts = [](const std::vector<const measurement*>& rows) {
    return std::any_of(rows.begin(), rows.end(), [](const measurement* m) {
      return m->numerator.has_value() || m->denominator.has_value();
    });
  };
  const auto num = [](const measurement* m) { return m->numerator.value_or(std::nan("")); };
  const auto den = [](const measurement* m) { return m->denominator.value_or(std::nan("")); };
  // The measurements in the call, their inputs (a row of bands each for a DSR) and outputs.
  std::vector<std::size_t> which;
  std::vector<double> x, n;
  std::size_t bands = 1;
  const auto run = [&](std::span<const double> standard) {
    const std::size_t k = which.size();
    std::vector<double> value(k), lo0(k), up0(k), lo1(k), up1(k), observed(k), population(k);
    std::vector<batch_status> status(k);
    const batch_output o{value, {{{lo0, up0}, {lo1, up1}}}, status};
    batch_error e = batch_error::none;
    if (def.method == indicator_method::proportion) {
      e = proportions(x, n, conf, def.multiplier, o);
    } else if (def.method == indicator_method::crude_rate) {
      e = crude_rates(x, n, conf, def.multiplier, o);
    } else {
      e = dsrs(x, n, standard, bands, conf, def.multiplier, o, {observed, population});
    }
    if (e != batch_error::none) return;
    for (std::size_t i = 0; i < k; ++i) {
      if (!answered(status[i])) continue;
      const double lower[2] = {lo0[i], lo1[i]};
      const double upper[2] = {up0[i], up1[i]};
      const bool is_dsr = def.method == indicator_method::dsr;
      out[which[i]] =
          to_indicator_value(def.method, conf, def.multiplier, is_dsr ? observed[i] : x[i],
                             is_dsr ? population[i] : n[i], status[i], value[i], lower, upper);
    }
  };
  if (rate) {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (!has_counts(*groups[g])) continue;
      double xs = 0;
      double ns = 0;
      for (const measurement* m : *groups[g]) {
        xs += num(m);
        ns += den(m);
      }
      which.push_back(g);
      x.push_back(xs);
      n.push_back(ns);
    }
    run({});
    return out;
  }
  // DSRs: the 19-band measurements on ESP 2013 in one call; a measurement with its own standard
  // population in a call of its own; anything else is left to compute().
  bands = esp2013.size();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::vector<const measurement*>& rows = *groups[g];
    if (!has_counts(rows) || rows.size() != bands ||
        std::any_of(rows.begin(), rows.end(),
                    [](const measurement* m) { return m->standard_population.has_value(); })) {
      continue;
    }
    which.push_back(g);
    for (const measurement* m : rows) {
      x.push_back(num(m));
      n.push_back(den(m));
    }
  }
  run({});
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::vector<const measurement*>& rows = *groups[g];
    if (!has_counts(rows) || !std::all_of(rows.begin(), rows.end(), [](const measurement* m) {
          return m->standard_population.has_value();
        })) {
      continue;
    }
    which.assign(1, g);
    x.clear();
    n.clear();
    std::vector<double> w;
    for (const measurement* m : rows) {
      x.push_back(num(m));
      n.push_back(den(m));
      w.push_back(*m->standard_population);
    }
    bands = rows.size();
    run(w);
  }
  return out;
}
}  // namespace detail

/// Builds the scorecard: one row per indicator × area × period with a period end on or before
/// `as_of`, in catalogue order, then area, then period end. Measurements for an indicator not in
/// the catalogue are outcomes.measurement.unknown_indicator; a statistic that cannot be computed
/// adds its outcomes.stats.* diagnostic with the measurement's line and leaves the row empty.
inline std::vector<scorecard_row> build_scorecard(const framework& fw,
                                                  std::span<const measurement> rows,
                                                  std::chrono::year_month_day as_of,
                                                  diagnostics& diags) {
  using key = std::tuple<std::string, std::string, std::chrono::sys_days, std::string>;
  std::map<key, std::vector<const measurement*>> groups;
  for (const measurement& m : rows) {
    if (fw.catalogue.find(m.indicator) == nullptr) {
      diagnostic d = make_diagnostic("outcomes.measurement.unknown_indicator", severity::error,
                                     "/" + std::to_string(m.line) + "/indicator",
                                     "indicator '" + m.indicator + "' is not in the framework");
      d.line = m.line;
      diags.add(std::move(d));
      continue;
    }
    if (std::chrono::sys_days(m.period_end) > std::chrono::sys_days(as_of)) continue;
    groups[key{m.indicator, m.area, std::chrono::sys_days(m.period_end), m.period}].push_back(&m);
  }
  std::vector<scorecard_row> out;
  for (const indicator_definition& def : fw.catalogue.indicators) {
    // Areas in order, each with its periods in order.
    std::map<std::string, std::vector<scorecard_row>> by_area;
    // Plain proportions, crude rates and DSRs are computed together through the batch path.
    std::vector<const std::vector<const measurement*>*> own;
    for (const auto& [k, members] : groups) {
      if (std::get<0>(k) == def.id) own.push_back(&members);
    }
    std::vector<std::optional<indicator_value>> batched = detail::batch_statistics(def, own);
    std::size_t next = 0;
    for (const auto& [k, members] : groups) {
      if (std::get<0>(k) != def.id) continue;
      std::optional<indicator_value>& computed = batched[next++];
      scorecard_row row;
      row.indicator = def.id;
      row.title = def.title;
      row.domain = def.domain;
      row.area = std::get<1>(k);
      row.period = std::get<3>(k);
      row.period_end = std::chrono::year_month_day(std::get<2>(k));
      row.polarity = def.polarity;
      row.statistic = computed ? std::move(computed)
                               : detail::compute(def, members, row.published_value, diags);
      if (!row.statistic && !row.published_value) row.withheld = reasons::not_computed;
      if (row.statistic && def.disclosure.suppress_numerator_below &&
          row.statistic->method != indicator_method::mean && row.statistic->observed > 0 &&
          row.statistic->observed < *def.disclosure.suppress_numerator_below) {
        row.withheld = reasons::disclosure;
      }
      if (members.size() == 1 && members.front()->has_published_figures() && row.withheld.empty()) {
        const measurement& m = *members.front();
        row.published =
            published_figures{m.value, m.lower_95, m.upper_95, m.lower_99_8, m.upper_99_8, m.note};
      }
      by_area[row.area].push_back(std::move(row));
    }
    for (auto& [area, series] : by_area) {
      const target* t = fw.find_target(def.id, area);
      std::vector<double> values;
      for (scorecard_row& row : series) {
        const std::optional<double> v = row.shown_value();
        if (const benchmark_value* b = fw.find_benchmark(def.id, row.period)) {
          row.benchmark = b->value;
          row.benchmark_name = b->name;
          if (row.statistic && row.withheld.empty()) {
            row.compared = compare(*row.statistic, fw.comparison_level, b->value, def.polarity);
          }
          if (row.compared == comparison::not_compared && row.published && row.withheld.empty()) {
            // No interval computed here: the publisher's own at the framework's level.
            const published_figures& p = *row.published;
            const bool at95 = fw.comparison_level == 0.95;
            row.compared = compare(at95 ? p.lower_95 : p.lower_99_8,
                                   at95 ? p.upper_95 : p.upper_99_8, b->value, def.polarity);
          }
        }
        if (t) {
          row.target_value = t->value;
          row.target_due = t->due;
          row.expected = expected_at(*t, row.period_end);
          row.status = assess(*t, def.polarity, v, row.period_end);
        }
        if (v) {
          values.push_back(*v);
          spc_options opt;
          opt.direction = direction_for(def.polarity);
          if (t) opt.target = t->value;
          if (const auto spc = analyse_spc(values, opt)) {
            row.variation = spc->variation;
            row.point = spc->points.back().type;
            row.assurance = spc->assurance;
          }
        }
        row.points = values.size();
        out.push_back(row);
      }
    }
  }
  return out;
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
