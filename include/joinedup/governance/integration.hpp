// joinedup: the integration measures the sources name, by period with their trend. People with
// complex needs should "deal with fewer organisations" and get "more care in community settings
// rather than hospitals" (the reports behind the Health Committee's Social Care report, HC 1583;
// docs/sources.md §S-HC1583):
// - organisations involved per person with complex needs: for each such person whose plan is in
//   force on the date, the distinct providers of the plan's services running that day plus the
//   case manager's organisation; the mean (exact: organisations / people) and the distribution;
// - the share of pooled revenue spend in community and social care settings, and in acute
//   settings, from each expenditure line's BCF area of spend (one table, area_settings below):
//   planned (the fund as it stands at each period end, after in-year events) and, with a
//   ledger, actual spend in each period.
// Each is given for each period end of the financial year up to the date (quarters or months),
// with the trend from the first period to the last. Money is integer pence and shares exact
// ratios; nothing here uses floating point.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/events.hpp"
#include "joinedup/budget/ledger.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/care/assignment.hpp"
#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/governance/progress.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace governance {

// ---------------------------------------------------------------------------------------------
// Periods and trends
// ---------------------------------------------------------------------------------------------

/// How a year is cut into periods for the trends.
enum class period_kind : std::uint8_t {
  quarter,  ///< Q1 April-June to Q4 January-March
  month,    ///< M01 April to M12 March
};

/// One period of a financial year: its label ("2025-26 Q1", "2025-26 M08") and its days.
struct year_period {
  std::string label;  ///< as financial_quarter/month write it
  date_range days;    ///< first to last day
  /// Memberwise equality.
  friend bool operator==(const year_period&, const year_period&) = default;
};

/// The periods of `year` that have ended on or before `as_of`, in order (none when `as_of` is
/// before the first period ends).
[[nodiscard]] inline std::vector<year_period> periods_to(financial_year year, period_kind kind,
                                                         std::chrono::sys_days as_of) {
  std::vector<year_period> out;
  const int count = kind == period_kind::quarter ? 4 : 12;
  for (int i = 1; i <= count; ++i) {
    year_period p;
    if (kind == period_kind::quarter) {
      p = {year.quarter(i).to_string(), year.quarter(i).range()};
    } else {
      p = {year.month(i).to_string(), year.month(i).range()};
    }
    if (p.days.last() > as_of) break;
    out.push_back(std::move(p));
  }
  return out;
}

/// Which way a measure moved from the first period to the last.
enum class trend_direction : std::uint8_t {
  down,  ///< the last value is below the first
  flat,  ///< the same
  up,    ///< above
};

}  // namespace governance

/// The interchange (snake_case) names of governance::trend_direction, in enumerator order.
template <>
inline constexpr auto enum_names<governance::trend_direction> =
    std::array<std::string_view, 3>{"down", "flat", "up"};

namespace governance {

/// The snake_case name of a trend direction.
[[nodiscard]] constexpr std::string_view to_string(trend_direction d) noexcept {
  return enum_name(d);
}

/// A measure's movement between two periods: the first and last values (exact) and the way it
/// went. Whether up is better depends on the measure (the report says).
struct trend {
  std::string from;                                   ///< the first period with a value
  std::string to;                                     ///< the last period with a value
  ratio first;                                        ///< its value in `from`
  ratio last;                                         ///< its value in `to`
  trend_direction direction = trend_direction::flat;  ///< from first to last
  /// Memberwise equality.
  friend bool operator==(const trend&, const trend&) = default;
};

/// The trend over `values` (one per period of `periods`, nullopt where there is none): from the
/// first period with a value to the last. Nullopt unless two periods have values.
[[nodiscard]] inline std::optional<trend> trend_over(
    const std::vector<year_period>& periods, const std::vector<std::optional<ratio>>& values) {
  std::optional<std::size_t> first;
  std::optional<std::size_t> last;
  for (std::size_t i = 0; i < values.size() && i < periods.size(); ++i) {
    if (!values[i]) continue;
    if (!first) first = i;
    last = i;
  }
  if (!first || *first == *last) return std::nullopt;
  const ratio a = *values[*first];
  const ratio b = *values[*last];
  const trend_direction d =
      b < a ? trend_direction::down : (b > a ? trend_direction::up : trend_direction::flat);
  return trend{periods[*first].label, periods[*last].label, a, b, d};
}

// ---------------------------------------------------------------------------------------------
// Care settings of pooled spend
// ---------------------------------------------------------------------------------------------

/// The setting an area of spend is delivered in, for the community-versus-hospital measure.
enum class care_setting : std::uint8_t {
  community_and_social_care,  ///< social care, community and primary health, mental health, CHC
  acute,                      ///< acute hospital care
  other,                      ///< anything else, or an area of spend not in the table
};

/// An area of spend of the BCF planning template (its key and label, data/bcf/<year>.json) and
/// the setting it counts as.
struct area_setting {
  std::string_view key;    ///< catalogue key, e.g. "community_health"
  std::string_view label;  ///< template label, e.g. "Community Health"
  care_setting setting;    ///< where the care is given
};

/// The one table from area of spend to setting (docs/governance.md). Mental health and
/// continuing care count as community settings: BCF money for them buys community mental health
/// support and care at home or in care homes, not hospital beds; "other" and anything unknown
/// are neither.
inline constexpr std::array<area_setting, 7> area_settings{{
    {"social_care", "Social Care", care_setting::community_and_social_care},
    {"community_health", "Community Health", care_setting::community_and_social_care},
    {"primary_care", "Primary Care", care_setting::community_and_social_care},
    {"mental_health", "Mental Health", care_setting::community_and_social_care},
    {"continuing_care", "Continuing Care", care_setting::community_and_social_care},
    {"acute", "Acute", care_setting::acute},
    {"other", "Other", care_setting::other},
}};

/// The setting of an area of spend given by its catalogue key or label; other when neither.
[[nodiscard]] constexpr care_setting setting_of(std::string_view area_of_spend) noexcept {
  for (const area_setting& a : area_settings) {
    if (area_of_spend == a.key || area_of_spend == a.label) return a.setting;
  }
  return care_setting::other;
}

/// Pooled revenue money split by setting, in pence.
struct setting_spend {
  money community;  ///< community and social care settings
  money acute;      ///< acute settings
  money other;      ///< neither
  /// All three (checked).
  [[nodiscard]] money total() const { return community + acute + other; }
  /// Adds `amount` to the part for `s` (checked).
  void add(care_setting s, money amount) {
    switch (s) {
      case care_setting::community_and_social_care:
        community += amount;
        return;
      case care_setting::acute:
        acute += amount;
        return;
      case care_setting::other:
        other += amount;
        return;
    }
  }
  /// community / total, nullopt when the total is not positive.
  [[nodiscard]] std::optional<ratio> community_share() const { return share(community); }
  /// acute / total, nullopt when the total is not positive.
  [[nodiscard]] std::optional<ratio> acute_share() const { return share(acute); }
  /// Memberwise equality.
  friend bool operator==(const setting_spend&, const setting_spend&) = default;

 private:
  [[nodiscard]] std::optional<ratio> share(money part) const {
    const money t = total();
    if (!t.is_positive()) return std::nullopt;
    return ratio::of(part.pence(), t.pence());
  }
};

/// The fund's planned revenue by setting (capital lines, such as the DFG, are left out: they pay
/// for adaptations and equipment, not for care in a setting).
[[nodiscard]] inline setting_spend planned_by_setting(const budget::pooled_fund& fund) {
  setting_spend out;
  for (const budget::expenditure_line& l : fund.lines) {
    if (!l.capital) out.add(setting_of(l.area_of_spend), l.planned);
  }
  return out;
}

/// Revenue spend (actual + accrual + adjustment) in `days` by setting: each revenue line of
/// `fund` found in the ledger summary by its id.
[[nodiscard]] inline setting_spend spent_by_setting(const budget::pooled_fund& fund,
                                                    const budget::ledger_summary& ledger,
                                                    const date_range& days) {
  setting_spend out;
  for (const budget::expenditure_line& l : fund.lines) {
    if (l.capital) continue;
    const std::size_t at = ledger.find_line(l.id);
    if (at == budget::line_index::npos) continue;
    out.add(setting_of(l.area_of_spend), ledger.in_range(at, days).spend());
  }
  return out;
}

/// Pooled spend by setting in one period: planned (the fund at the period's end) and, with a
/// ledger, spent in the period.
struct setting_period {
  year_period when;                     ///< the period
  setting_spend planned;                ///< planned revenue of the fund as it stood at its end
  std::optional<setting_spend> actual;  ///< revenue spend in it (with a ledger)
  /// Memberwise equality.
  friend bool operator==(const setting_period&, const setting_period&) = default;
};

/// Pooled spend by setting on a date and over the year's periods up to it.
struct settings_measure {
  setting_spend planned;                   ///< planned revenue of the fund on the date
  std::optional<setting_spend> to_date;    ///< revenue spend 1 April to the date (with a ledger)
  std::vector<setting_period> periods;     ///< each period ended by the date
  std::optional<trend> community_planned;  ///< community share planned, first to last period
  std::optional<trend> acute_planned;      ///< acute share planned
  std::optional<trend> community_actual;   ///< community share of spend in the period
  std::optional<trend> acute_actual;       ///< acute share of spend in the period
  /// Memberwise equality.
  friend bool operator==(const settings_measure&, const settings_measure&) = default;
};

/// Pooled spend by setting on `as_of`: `base` with `events` applied up to each date (fund_on;
/// diagnostics of events that cannot be applied go to `d`), and with `ledger` (read against the
/// fund as it stands on `as_of`) the spend in each period and to date.
[[nodiscard]] inline settings_measure measure_settings(const budget::pooled_fund& base,
                                                       const budget::fund_events* events,
                                                       const budget::ledger_summary* ledger,
                                                       period_kind kind,
                                                       std::chrono::sys_days as_of,
                                                       diagnostics& d) {
  const auto fund_at = [&](std::chrono::sys_days day, diagnostics& into) {
    if (events == nullptr) return base;
    return budget::fund_on(base, *events, date{day}, into).fund;
  };
  settings_measure out;
  const budget::pooled_fund now = fund_at(as_of, d);
  out.planned = planned_by_setting(now);
  const date_range year = base.year.range();
  if (ledger != nullptr && as_of >= year.first()) {
    out.to_date = spent_by_setting(now, *ledger, {year.first(), std::min(as_of, year.last())});
  }
  std::vector<std::optional<ratio>> cp;
  std::vector<std::optional<ratio>> ap;
  std::vector<std::optional<ratio>> ca;
  std::vector<std::optional<ratio>> aa;
  const std::vector<year_period> periods = periods_to(base.year, kind, as_of);
  for (const year_period& p : periods) {
    diagnostics scratch;  // the events up to as_of were checked there
    setting_period sp{p, planned_by_setting(fund_at(p.days.last(), scratch)), std::nullopt};
    if (ledger != nullptr) sp.actual = spent_by_setting(now, *ledger, p.days);
    cp.push_back(sp.planned.community_share());
    ap.push_back(sp.planned.acute_share());
    ca.push_back(sp.actual ? sp.actual->community_share() : std::nullopt);
    aa.push_back(sp.actual ? sp.actual->acute_share() : std::nullopt);
    out.periods.push_back(std::move(sp));
  }
  out.community_planned = trend_over(periods, cp);
  out.acute_planned = trend_over(periods, ap);
  out.community_actual = trend_over(periods, ca);
  out.acute_actual = trend_over(periods, aa);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Organisations involved per person with complex needs
// ---------------------------------------------------------------------------------------------

/// An organisation's name compared the way organisations_involved compares them: trimmed of
/// spaces and in lower case (ASCII), so "Northmoor Council" and "northmoor council " are one.
[[nodiscard]] inline std::string organisation_key(std::string_view name) {
  const std::size_t b = name.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const std::size_t e = name.find_last_not_of(" \t");
  std::string out(name.substr(b, e - b + 1));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// The distinct organisations involved in `plan` on `on`: the providers of its services running
/// that day (start <= on <= end) and the organisation of its case manager that day (when on
/// record), compared by organisation_key; empty names are not organisations.
[[nodiscard]] inline std::set<std::string> organisations_involved(
    const care::care_plan& plan, const care::case_manager_index& managers,
    const std::vector<care::case_manager>& case_managers, std::chrono::sys_days on) {
  std::set<std::string> out;
  for (const care::service& s : plan.services) {
    if (std::chrono::sys_days(s.start) > on) continue;
    if (s.end && std::chrono::sys_days(*s.end) < on) continue;
    if (std::string k = organisation_key(s.provider); !k.empty()) out.insert(std::move(k));
  }
  if (const std::optional<care::case_manager_id> cm = care::case_manager_on(plan, on)) {
    if (const std::optional<std::size_t> k = managers.find(*cm)) {
      if (std::string o = organisation_key(case_managers[*k].organisation); !o.empty())
        out.insert(std::move(o));
    }
  }
  return out;
}

/// Organisations per person with complex needs on one day.
struct organisations_count {
  std::int64_t people = 0;         ///< people with complex needs whose plan is in force
  std::int64_t organisations = 0;  ///< organisations involved, summed over them
  /// How many people deal with 0, 1, 2, 3, and 4 or more organisations.
  std::array<std::int64_t, 5> distribution{};
  /// The mean (organisations / people), nullopt when nobody is counted.
  [[nodiscard]] std::optional<ratio> mean() const {
    if (people == 0) return std::nullopt;
    return ratio::of(organisations, people);
  }
  /// Memberwise equality.
  friend bool operator==(const organisations_count&, const organisations_count&) = default;
};

/// Organisations involved per person with complex needs whose plan is in force on `on`.
[[nodiscard]] inline organisations_count count_organisations(const care::care_records& records,
                                                             std::chrono::sys_days on) {
  organisations_count out;
  const care::case_manager_index managers(records.case_managers);
  const std::vector<std::optional<std::size_t>> plan = plans_in_force(records, on);
  for (std::size_t i = 0; i < records.people.size(); ++i) {
    if (!records.people[i].complex_needs || !plan[i]) continue;
    const std::size_t n =
        organisations_involved(records.plans[*plan[i]], managers, records.case_managers, on).size();
    ++out.people;
    out.organisations += static_cast<std::int64_t>(n);
    ++out.distribution[std::min<std::size_t>(n, 4)];
  }
  return out;
}

/// One period's count, taken on its last day.
struct organisations_period {
  year_period when;           ///< the period
  organisations_count count;  ///< on its last day
  /// Memberwise equality.
  friend bool operator==(const organisations_period&, const organisations_period&) = default;
};

/// Organisations per person on a date and at each period end of the year up to it.
struct organisations_measure {
  organisations_count on_date;                ///< on the date
  std::vector<organisations_period> periods;  ///< at each period end
  std::optional<trend> mean;                  ///< the mean, first to last period (down is better)
  /// Memberwise equality.
  friend bool operator==(const organisations_measure&, const organisations_measure&) = default;
};

/// Organisations involved per person with complex needs on `as_of` and at each period end of
/// `year` up to it, with the trend of the mean.
[[nodiscard]] inline organisations_measure measure_organisations(const care::care_records& records,
                                                                 financial_year year,
                                                                 period_kind kind,
                                                                 std::chrono::sys_days as_of) {
  organisations_measure out;
  out.on_date = count_organisations(records, as_of);
  const std::vector<year_period> periods = periods_to(year, kind, as_of);
  std::vector<std::optional<ratio>> means;
  for (const year_period& p : periods) {
    out.periods.push_back({p, count_organisations(records, p.days.last())});
    means.push_back(out.periods.back().count.mean());
  }
  out.mean = trend_over(periods, means);
  return out;
}

/// The integration measures beside the progress measures, each when its inputs were given.
struct integration_measures {
  std::optional<settings_measure> settings;            ///< with a fund
  std::optional<organisations_measure> organisations;  ///< with care records
  /// Memberwise equality.
  friend bool operator==(const integration_measures&, const integration_measures&) = default;
};

}  // namespace governance
JOINEDUP_END_NAMESPACE
