// joinedup: payment models priced side by side on one activity scenario, and the commissioner's
// exposure under each to activity growing or falling.
//
// A scenario has providers (each with a market forces factor), currencies (an HRG, an
// attendance, a bed day) with unit prices, and planned and actual activity by provider and
// currency. The models (NHS Payment Scheme; docs/capitation.md has worked examples):
//
//  - activity_based (payment by results): Σ actual activity × unit price × MFF;
//  - block: a fixed sum, the provider's block value (default: its planned activity value);
//  - aligned_payment (aligned payment and incentive): the fixed element (default: the planned
//    activity value) + variable rate × Σ (actual − planned) × unit price × MFF over the
//    currencies in the variable element; below plan the variable element is deducted unless the
//    scenario says it is paid only above plan;
//  - capitation: weighted population × the capitation rate (no activity link);
//  - outcome_withhold: the block value less a withheld percentage, of which each named outcome
//    indicator met earns back its share (the withhold allocated over indicator weights).
//  Low-volume activity: under activity_based and aligned_payment, a provider whose planned
//  activity value is below (or at or below) the low-volume threshold is paid a block instead
//  (its block value).
//
// Exactness: activity has at most two decimal places and MFFs at most six (validate() checks),
// so Σ activity × price × MFF is an exact integer in 10⁻¹² of a penny; each provider's payment
// under each model is rounded once, by the scenario's rounding mode. Exposure to a change of
// ±x % is the payment with every actual activity × (1 ± x) less the payment at actual activity.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "joinedup/budget/detail/common.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/core/result.hpp"
#include "joinedup/core/rounding.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// The payment models compared.
enum class payment_model : std::uint8_t {
  activity_based,    ///< payment by results: activity × unit price × MFF
  block,             ///< a fixed sum regardless of activity
  aligned_payment,   ///< aligned payment and incentive: fixed element + variable element
  capitation,        ///< weighted population × rate per head
  outcome_withhold,  ///< block less a withhold earned back by meeting outcome indicators
};

/// The snake_case name of a payment model.
constexpr std::string_view to_string(payment_model m) noexcept {
  switch (m) {
    case payment_model::activity_based:
      return "activity_based";
    case payment_model::block:
      return "block";
    case payment_model::aligned_payment:
      return "aligned_payment";
    case payment_model::capitation:
      return "capitation";
    case payment_model::outcome_withhold:
      return "outcome_withhold";
  }
  return "block";
}

/// Every payment model, in the order they are compared.
inline constexpr payment_model all_payment_models[] = {
    payment_model::activity_based, payment_model::block, payment_model::aligned_payment,
    payment_model::capitation, payment_model::outcome_withhold};

/// Whether the low-volume threshold is strict ("below £0.5m", 2023/25) or inclusive ("£1.5m or
/// less", 2025/26).
enum class low_volume_rule : std::uint8_t {
  below,        ///< planned value < threshold
  at_or_below,  ///< planned value <= threshold
};

/// A provider in a payment scenario.
struct payment_provider {
  std::string id;                                ///< provider id (an ODS code, say)
  std::string name;                              ///< its name
  ratio market_forces_factor = ratio::whole(1);  ///< its MFF (at most six places)
  std::optional<money> block_value;              ///< block sum (default: planned value)
  std::optional<money> fixed_element;            ///< API fixed element (default: planned)
  std::optional<ratio> weighted_population;      ///< for capitation (at most six places)
  std::vector<std::string> outcomes_met;         ///< outcome indicators it met
  /// Memberwise equality.
  friend bool operator==(const payment_provider&, const payment_provider&) = default;
};

/// A currency of activity with its unit price.
struct payment_currency {
  std::string id;        ///< currency id (an HRG code, "OPFA", "bed_day")
  std::string name;      ///< what it is
  rate unit_price;       ///< national or local unit price (before MFF)
  bool variable = true;  ///< in the API variable element (elective activity, say)
  /// Memberwise equality.
  friend bool operator==(const payment_currency&, const payment_currency&) = default;
};

/// Planned and actual activity of one provider in one currency.
struct activity_line {
  std::string provider;  ///< provider id
  std::string currency;  ///< currency id
  ratio planned;         ///< planned activity (at most two decimal places)
  ratio actual;          ///< actual or forecast activity (at most two decimal places)
  /// Memberwise equality.
  friend bool operator==(const activity_line&, const activity_line&) = default;
};

/// A named outcome indicator whose achievement earns back part of the withhold.
struct outcome_indicator {
  std::string id;           ///< indicator id
  std::string name;         ///< what it measures
  std::int64_t weight = 1;  ///< its weight in the withhold (allocate over weights)
  /// Memberwise equality.
  friend bool operator==(const outcome_indicator&, const outcome_indicator&) = default;
};

/// One activity scenario on which every payment model is priced.
struct payment_scenario {
  std::string name;                           ///< what the scenario is
  std::string financial_year;                 ///< "2025-26", as written
  rounding mode = rounding::half_up;          ///< how each payment is rounded to pence
  std::vector<payment_provider> providers;    ///< providers
  std::vector<payment_currency> currencies;   ///< currencies and unit prices
  std::vector<activity_line> activity;        ///< planned and actual activity
  ratio variable_rate = ratio::percent(100);  ///< API variable element, share of unit price
  bool variable_below_plan = true;            ///< deduct the variable element below plan
  std::optional<rate> capitation_rate;        ///< rate per weighted head, for capitation
  ratio withhold = ratio::percent(0);         ///< outcome-linked withhold, share of block value
  std::vector<outcome_indicator> indicators;  ///< indicators that earn the withhold back
  std::optional<money> low_volume_threshold;  ///< LVA block threshold (annual planned value)
  low_volume_rule low_volume = low_volume_rule::below;  ///< strict or inclusive threshold
  ratio sensitivity = ratio::percent(10);               ///< the ±x % activity change for exposure
  /// Memberwise equality.
  friend bool operator==(const payment_scenario&, const payment_scenario&) = default;

  /// The provider with this id, or nullptr.
  [[nodiscard]] const payment_provider* find_provider(std::string_view id) const noexcept {
    for (const payment_provider& p : providers) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
  /// The currency with this id, or nullptr.
  [[nodiscard]] const payment_currency* find_currency(std::string_view id) const noexcept {
    for (const payment_currency& c : currencies) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }
};

}  // namespace budget

// The payment scenario document (joinedup/payment-scenario/v1, read and written by
// io::read_payment_scenario and io::write_payment_scenario), named once here; variable_rate,
// withhold and sensitivity are written as percentages. A ratio may also be a JSON whole number:
// a small step in src/io/capitation.cpp before the generic reader.

/// The rounding modes' names in documents (the same as to_string(rounding)).
template <>
inline constexpr auto enum_names<rounding> =
    std::array<std::string_view, 5>{"half_even", "half_up", "toward_zero", "floor", "ceiling"};

template <>
inline constexpr auto enum_names<budget::low_volume_rule> =
    std::array<std::string_view, 2>{"below", "at_or_below"};

template <>
inline constexpr auto fields_of<budget::payment_provider> = std::tuple{
    field("id", &budget::payment_provider::id),
    field("name", &budget::payment_provider::name, presence::optional),
    field("market_forces_factor", &budget::payment_provider::market_forces_factor,
          presence::optional),
    field("block_value", &budget::payment_provider::block_value, presence::omit_empty),
    field("fixed_element", &budget::payment_provider::fixed_element, presence::omit_empty),
    field("weighted_population", &budget::payment_provider::weighted_population,
          presence::omit_empty),
    field("outcomes_met", &budget::payment_provider::outcomes_met, presence::omit_empty)};

template <>
inline constexpr auto fields_of<budget::payment_currency> =
    std::tuple{field("id", &budget::payment_currency::id),
               field("name", &budget::payment_currency::name, presence::optional),
               field("unit_price", &budget::payment_currency::unit_price),
               field("variable", &budget::payment_currency::variable, presence::optional)};

template <>
inline constexpr auto fields_of<budget::outcome_indicator> =
    std::tuple{field("id", &budget::outcome_indicator::id),
               field("name", &budget::outcome_indicator::name, presence::optional),
               field("weight", &budget::outcome_indicator::weight, presence::optional)};

template <>
inline constexpr auto fields_of<budget::activity_line> =
    std::tuple{field("provider", &budget::activity_line::provider),
               field("currency", &budget::activity_line::currency),
               field("planned", &budget::activity_line::planned),
               field("actual", &budget::activity_line::actual)};

template <>
inline constexpr auto fields_of<budget::payment_scenario> = std::tuple{
    field("name", &budget::payment_scenario::name, presence::optional),
    field("financial_year", &budget::payment_scenario::financial_year, presence::omit_empty),
    field("rounding", &budget::payment_scenario::mode, presence::optional),
    field("variable_rate", &budget::payment_scenario::variable_rate, presence::required,
          text_form::percent_sign),
    field("variable_below_plan", &budget::payment_scenario::variable_below_plan,
          presence::optional),
    field("capitation_rate", &budget::payment_scenario::capitation_rate, presence::omit_empty),
    field("withhold", &budget::payment_scenario::withhold, presence::optional,
          text_form::percent_sign),
    field("low_volume_threshold", &budget::payment_scenario::low_volume_threshold,
          presence::omit_empty),
    field("low_volume_rule", &budget::payment_scenario::low_volume, presence::optional),
    field("sensitivity", &budget::payment_scenario::sensitivity, presence::optional,
          text_form::percent_sign),
    field("providers", &budget::payment_scenario::providers),
    field("currencies", &budget::payment_scenario::currencies),
    field("indicators", &budget::payment_scenario::indicators, presence::optional),
    field("activity", &budget::payment_scenario::activity)};

namespace budget {

/// One provider's payment under one model.
struct model_payment {
  payment_model model = payment_model::block;  ///< the model
  std::string provider;                        ///< provider id
  bool applicable = true;   ///< false when the scenario lacks the model's inputs (capitation)
  bool low_volume = false;  ///< paid as a low-volume block instead of this model
  money payment;            ///< payment at actual activity
  money if_activity_up;     ///< payment with actual activity × (1 + sensitivity)
  money if_activity_down;   ///< payment with actual activity × (1 − sensitivity)
  money exposure_up;        ///< if_activity_up − payment: what the commissioner pays more
  money exposure_down;      ///< if_activity_down − payment (usually negative)
  money at_risk;            ///< withhold not earned back (outcome_withhold only)
  std::string basis;        ///< how the payment was worked out, with the figures
};

/// A provider's activity values (Σ activity × unit price × MFF, rounded by the scenario).
struct provider_values {
  std::string provider;     ///< provider id
  money planned_value;      ///< at planned activity
  money actual_value;       ///< at actual activity
  bool low_volume = false;  ///< below the low-volume threshold
};

/// A model's totals over all providers.
struct model_total {
  payment_model model = payment_model::block;  ///< the model
  bool applicable = true;                      ///< false when no provider could be paid under it
  money payment;                               ///< Σ payment
  money exposure_up;                           ///< Σ exposure_up
  money exposure_down;                         ///< Σ exposure_down
  /// False when the sums leave out a provider the model could not price (capitation without a
  /// provider's weighted population): the total is then not the whole cost of the model.
  bool complete = true;
  std::vector<std::string> unpriced_providers;  ///< the providers left out, in scenario order
};

/// Every provider's payment under every model, and the totals for a board paper.
struct payment_comparison {
  ratio sensitivity;                       ///< the ±x % used
  std::vector<provider_values> providers;  ///< activity values per provider
  std::vector<model_payment> payments;     ///< model-major, providers in scenario order
  std::vector<model_total> totals;         ///< one per model
  /// The payment of `provider` under `model`, or nullptr. The pointer is into this comparison,
  /// so it cannot be taken from a temporary (that overload is deleted).
  [[nodiscard]] const model_payment* find(payment_model model,
                                          std::string_view provider) const& noexcept {
    for (const model_payment& p : payments) {
      if (p.model == model && p.provider == provider) return &p;
    }
    return nullptr;
  }
  /// Deleted: the result would dangle as soon as the temporary comparison is destroyed.
  const model_payment* find(payment_model, std::string_view) const&& = delete;
  /// The totals of `model`, or nullptr (into this comparison; not from a temporary).
  [[nodiscard]] const model_total* total(payment_model model) const& noexcept {
    for (const model_total& t : totals) {
      if (t.model == model) return &t;
    }
    return nullptr;
  }
  /// Deleted: the result would dangle as soon as the temporary comparison is destroyed.
  const model_total* total(payment_model) const&& = delete;
};

namespace detail {
using joinedup::detail::int128;
/// Scale of exact values: 10¹² units to a penny (micros → pence 10⁴, hundredths of activity
/// 10², millionths of MFF 10⁶).
inline constexpr int128 per_penny = int128{1'000'000'000'000};

/// r × 10^places as an integer (half-even when r has more places; validate() reports that).
inline int128 fixed(ratio r, int places) {
  return joinedup::detail::divide_rounded(mul(r.num(), joinedup::detail::pow10(places)), r.den(),
                                          rounding::half_even);
}
/// Exact units (10⁻¹² p) × factor, rounded to pence by `mode`.
inline money to_pence(int128 units, ratio factor, rounding mode) {
  const int128 v = joinedup::detail::divide_rounded(mul(units, factor.num()),
                                                    mul(per_penny, factor.den()), mode);
  if (!joinedup::detail::fits_int64(v)) throw overflow_error("joinedup: payment overflow");
  return money::from_pence(static_cast<std::int64_t>(v));
}
/// Exact activity values of one provider: all currencies and the variable-element currencies,
/// at planned and actual activity, in 10⁻¹² p.
struct exact_values {
  int128 planned = 0;           ///< Σ planned × price × MFF
  int128 actual = 0;            ///< Σ actual × price × MFF
  int128 variable_planned = 0;  ///< over variable currencies only
  int128 variable_actual = 0;   ///< over variable currencies only
};

/// Sums the activity of provider `p` (lines naming unknown currencies are skipped; validate()
/// reports them).
inline exact_values values_of(const payment_scenario& s, const payment_provider& p) {
  exact_values v;
  const int128 mff = fixed(p.market_forces_factor, 6);
  for (const activity_line& a : s.activity) {
    if (a.provider != p.id) continue;
    const payment_currency* c = s.find_currency(a.currency);
    if (c == nullptr) continue;
    const int128 per_unit = mul(c->unit_price.micros(), mff);
    const int128 planned = mul(fixed(a.planned, 2), per_unit);
    const int128 actual = mul(fixed(a.actual, 2), per_unit);
    v.planned = add(v.planned, planned);
    v.actual = add(v.actual, actual);
    if (c->variable) {
      v.variable_planned = add(v.variable_planned, planned);
      v.variable_actual = add(v.variable_actual, actual);
    }
  }
  return v;
}
}  // namespace detail

/// Prices every model for every provider on the scenario's actual activity and on actual
/// activity × (1 ± sensitivity). Assumes validate(scenario) found no errors; throws
/// overflow_error when a figure does not fit (see try_compare_payment_models).
[[nodiscard]] inline payment_comparison compare_payment_models(const payment_scenario& s) {
  namespace pd = detail;
  using pd::int128;
  payment_comparison out;
  out.sensitivity = s.sensitivity;
  const ratio one = ratio::whole(1);
  const ratio up = one + s.sensitivity;
  const ratio down = one - s.sensitivity;

  struct per_provider {
    pd::exact_values v;
    money planned;
    money block;
    money fixed;
    bool low_volume = false;
  };
  std::vector<per_provider> pp;
  for (const payment_provider& p : s.providers) {
    per_provider x;
    x.v = pd::values_of(s, p);
    x.planned = pd::to_pence(x.v.planned, one, s.mode);
    x.block = p.block_value.value_or(x.planned);
    x.fixed = p.fixed_element.value_or(x.planned);
    if (s.low_volume_threshold) {
      x.low_volume = s.low_volume == low_volume_rule::below ? x.planned < *s.low_volume_threshold
                                                            : x.planned <= *s.low_volume_threshold;
    }
    out.providers.push_back(
        provider_values{p.id, x.planned, pd::to_pence(x.v.actual, one, s.mode), x.low_volume});
    pp.push_back(x);
  }

  for (payment_model m : all_payment_models) {
    model_total t{m, false, {}, {}, {}, true, {}};
    for (std::size_t i = 0; i < s.providers.size(); ++i) {
      const payment_provider& p = s.providers[i];
      const per_provider& x = pp[i];
      model_payment r;
      r.model = m;
      r.provider = p.id;
      const bool lva = x.low_volume &&
                       (m == payment_model::activity_based || m == payment_model::aligned_payment);
      if (lva) {
        r.low_volume = true;
        r.payment = r.if_activity_up = r.if_activity_down = x.block;
        r.basis = "low-volume block: planned value " + pd::gbp(x.planned) + " is " +
                  (s.low_volume == low_volume_rule::below ? "below" : "at or below") +
                  " the threshold " + pd::gbp(*s.low_volume_threshold) + ", so a block of " +
                  pd::gbp(x.block) + " is paid whatever the activity";
      } else {
        switch (m) {
          case payment_model::activity_based:
            r.payment = pd::to_pence(x.v.actual, one, s.mode);
            r.if_activity_up = pd::to_pence(x.v.actual, up, s.mode);
            r.if_activity_down = pd::to_pence(x.v.actual, down, s.mode);
            r.basis = "actual activity × unit price × MFF " +
                      p.market_forces_factor.to_decimal_string() + " = " + pd::gbp(r.payment);
            break;
          case payment_model::block:
            r.payment = r.if_activity_up = r.if_activity_down = x.block;
            r.basis = "block of " + pd::gbp(x.block) +
                      (p.block_value ? "" : " (the planned activity value)") +
                      " whatever the activity";
            break;
          case payment_model::aligned_payment: {
            // variable = rate × (actual × f − planned), at f = 1, up, down.
            auto variable = [&](ratio f) {
              const int128 num = pd::add(pd::mul(x.v.variable_actual, f.num()),
                                         -pd::mul(x.v.variable_planned, f.den()));
              const int128 capped = (!s.variable_below_plan && num < 0) ? int128{0} : num;
              return pd::to_pence(capped, ratio::of(1, f.den()) * s.variable_rate, s.mode);
            };
            const money v = variable(one);
            r.payment = x.fixed + v;
            r.if_activity_up = x.fixed + variable(up);
            r.if_activity_down = x.fixed + variable(down);
            r.basis = "fixed element " + pd::gbp(x.fixed) + " + variable element " +
                      pd::pct(s.variable_rate) +
                      " of unit price × (actual − planned) = " + pd::gbp(v) +
                      (s.variable_below_plan ? "" : " (paid above plan only)");
            break;
          }
          case payment_model::capitation:
            if (!s.capitation_rate || !p.weighted_population) {
              r.applicable = false;
              r.basis =
                  "not priced: needs a capitation rate and the provider's weighted "
                  "population";
            } else {
              r.payment = r.if_activity_up = r.if_activity_down =
                  cost(*s.capitation_rate, *p.weighted_population, s.mode);
              r.basis = "weighted population " + (*p.weighted_population).to_decimal_string() +
                        " × £" + s.capitation_rate->to_string() +
                        " per head = " + pd::gbp(r.payment) +
                        "; activity risk sits with the provider";
            }
            break;
          case payment_model::outcome_withhold: {
            const money withheld = scale(x.block, s.withhold, s.mode);
            money earned;
            std::string met;
            if (!s.indicators.empty() && !withheld.is_zero()) {
              std::vector<std::int64_t> w;
              for (const outcome_indicator& ind : s.indicators)
                w.push_back(ind.weight);
              const result<std::vector<money>> parts = allocate(withheld, w);
              if (parts) {
                for (std::size_t k = 0; k < s.indicators.size(); ++k) {
                  const bool achieved = std::find(p.outcomes_met.begin(), p.outcomes_met.end(),
                                                  s.indicators[k].id) != p.outcomes_met.end();
                  if (!achieved) continue;
                  earned += (*parts)[k];
                  met +=
                      (met.empty() ? "" : ", ") + s.indicators[k].id + " " + pd::gbp((*parts)[k]);
                }
              }
            }
            r.payment = r.if_activity_up = r.if_activity_down = x.block - withheld + earned;
            r.at_risk = withheld - earned;
            r.basis = "block " + pd::gbp(x.block) + " less withhold " + pd::pct(s.withhold) +
                      " = " + pd::gbp(withheld) + ", earned back " + pd::gbp(earned) +
                      (met.empty() ? std::string(" (no indicator met)") : " (" + met + ")");
            break;
          }
        }
      }
      r.exposure_up = r.if_activity_up - r.payment;
      r.exposure_down = r.if_activity_down - r.payment;
      if (!r.applicable) {
        t.complete = false;
        t.unpriced_providers.push_back(p.id);
      } else {
        t.applicable = true;
        t.payment += r.payment;
        t.exposure_up += r.exposure_up;
        t.exposure_down += r.exposure_down;
      }
      out.payments.push_back(std::move(r));
    }
    out.totals.push_back(t);
  }
  return out;
}

/// compare_payment_models, or budget.payment.overflow when a figure does not fit.
[[nodiscard]] inline result<payment_comparison> try_compare_payment_models(
    const payment_scenario& s) {
  try {
    return compare_payment_models(s);
  } catch (const overflow_error&) {
    return fail("budget.payment.overflow",
                "a payment is too large to compute exactly; check prices and activity");
  }
}

/// Warnings for totals that are not the whole cost of their model: for each model priced for
/// some providers but not others, one budget.payment.incomplete_total per provider left out, at
/// "/providers/<i>" (the provider lacks what the model needs, such as a weighted population).
/// A model priced for no provider at all is not applicable and gives no warning.
[[nodiscard]] inline diagnostics incomplete_totals(const payment_scenario& s,
                                                   const payment_comparison& c) {
  diagnostics d;
  for (const model_total& t : c.totals) {
    if (!t.applicable || t.complete) continue;
    const std::size_t priced = s.providers.size() - t.unpriced_providers.size();
    for (const std::string& id : t.unpriced_providers) {
      std::size_t at = 0;
      while (at < s.providers.size() && s.providers[at].id != id)
        ++at;
      d.warning(
          "budget.payment.incomplete_total", "/providers/" + std::to_string(at),
          "the " + std::string(to_string(t.model)) + " total leaves out provider '" + id +
              "', which it could not price (" +
              (t.model == payment_model::capitation ? "no weighted population" : "missing inputs") +
              "); the total covers " + std::to_string(priced) + " of " +
              std::to_string(s.providers.size()) + " providers and is incomplete");
    }
  }
  return d;
}

/// Checks a scenario: duplicate provider, currency or indicator ids
/// (budget.payment.duplicate_id); negative unit prices, block values, fixed elements,
/// capitation rate, threshold or weighted populations (budget.payment.negative_price,
/// budget.payment.negative_amount); MFFs that are not positive (budget.payment.mff); activity
/// that is negative (budget.payment.negative_activity) or has more than two decimal places, an
/// MFF or weighted population with more than six (budget.payment.precision); activity against
/// an unknown provider (budget.payment.unknown_provider) or currency
/// (budget.payment.unknown_currency); a variable rate, withhold or sensitivity outside 0–100 %
/// (budget.payment.percent); negative indicator weights (budget.payment.indicator_weight); a
/// provider meeting an unknown indicator (budget.payment.unknown_indicator); a withhold with no
/// indicators (budget.payment.no_indicators, warning).
[[nodiscard]] inline diagnostics validate(const payment_scenario& s) {
  diagnostics d;
  const ratio zero;
  const ratio hundred = ratio::whole(1);
  auto dup = [&d](const auto& items, std::string_view what, std::string_view array) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!seen.insert(items[i].id).second) {
        d.error("budget.payment.duplicate_id",
                "/" + std::string(array) + "/" + std::to_string(i) + "/id",
                std::string(what) + " id '" + items[i].id + "' is used more than once");
      }
    }
  };
  dup(s.providers, "provider", "providers");
  dup(s.currencies, "currency", "currencies");
  dup(s.indicators, "indicator", "indicators");
  auto non_negative = [&d](std::optional<money> m, const std::string& path, std::string what) {
    if (m && m->is_negative()) {
      d.error("budget.payment.negative_amount", path,
              what + " is " + detail::gbp(*m) + "; expected zero or more");
    }
  };
  for (std::size_t i = 0; i < s.providers.size(); ++i) {
    const payment_provider& p = s.providers[i];
    const std::string at = "/providers/" + std::to_string(i);
    if (p.market_forces_factor <= zero) {
      d.error("budget.payment.mff", at + "/market_forces_factor",
              "provider '" + p.id + "' has a market forces factor of " +
                  p.market_forces_factor.to_decimal_string() + "; expected more than zero");
    } else if (1'000'000 % p.market_forces_factor.den() != 0) {
      d.error("budget.payment.precision", at + "/market_forces_factor",
              "market forces factor " + p.market_forces_factor.to_decimal_string() +
                  " has more than six decimal places");
    }
    non_negative(p.block_value, at + "/block_value", "provider '" + p.id + "' block value");
    non_negative(p.fixed_element, at + "/fixed_element", "provider '" + p.id + "' fixed element");
    if (p.weighted_population) {
      if (p.weighted_population->is_negative()) {
        d.error("budget.payment.negative_amount", at + "/weighted_population",
                "provider '" + p.id + "' has a negative weighted population");
      } else if (1'000'000 % p.weighted_population->den() != 0) {
        d.error("budget.payment.precision", at + "/weighted_population",
                "weighted population " + (*p.weighted_population).to_decimal_string() +
                    " has more than six decimal places");
      }
    }
    for (std::size_t k = 0; k < p.outcomes_met.size(); ++k) {
      const bool known =
          std::any_of(s.indicators.begin(), s.indicators.end(),
                      [&](const outcome_indicator& x) { return x.id == p.outcomes_met[k]; });
      if (!known) {
        d.error("budget.payment.unknown_indicator", at + "/outcomes_met/" + std::to_string(k),
                "provider '" + p.id + "' met indicator '" + p.outcomes_met[k] +
                    "', which is not in /indicators");
      }
    }
  }
  for (std::size_t i = 0; i < s.currencies.size(); ++i) {
    if (s.currencies[i].unit_price.is_negative()) {
      d.error("budget.payment.negative_price", "/currencies/" + std::to_string(i) + "/unit_price",
              "currency '" + s.currencies[i].id + "' has a unit price of " +
                  s.currencies[i].unit_price.to_string() + "; expected zero or more");
    }
  }
  for (std::size_t i = 0; i < s.activity.size(); ++i) {
    const activity_line& a = s.activity[i];
    const std::string at = "/activity/" + std::to_string(i);
    if (s.find_provider(a.provider) == nullptr) {
      d.error(
          "budget.payment.unknown_provider", at + "/provider",
          "activity is recorded against provider '" + a.provider + "', which is not in /providers");
    }
    if (s.find_currency(a.currency) == nullptr) {
      d.error("budget.payment.unknown_currency", at + "/currency",
              "activity is recorded in currency '" + a.currency + "', which is not in /currencies");
    }
    for (const auto& [field, q] :
         {std::pair{"planned", a.planned}, std::pair{"actual", a.actual}}) {
      if (q.is_negative()) {
        d.error("budget.payment.negative_activity", at + "/" + field,
                std::string(field) + " activity " + q.to_decimal_string() + " is negative");
      } else if (100 % q.den() != 0) {
        d.error("budget.payment.precision", at + "/" + field,
                std::string(field) + " activity " + q.to_decimal_string() +
                    " has more than two decimal places");
      }
    }
  }
  for (const auto& [field, r] :
       {std::pair{"variable_rate", s.variable_rate}, std::pair{"withhold", s.withhold},
        std::pair{"sensitivity", s.sensitivity}}) {
    if (r < zero || r > hundred) {
      d.error("budget.payment.percent", "/" + std::string(field),
              std::string(field) + " is " + detail::pct(r) + "; expected between 0% and 100%");
    }
  }
  if (s.capitation_rate && s.capitation_rate->is_negative()) {
    d.error("budget.payment.negative_price", "/capitation_rate",
            "the capitation rate " + s.capitation_rate->to_string() + " is negative");
  }
  non_negative(s.low_volume_threshold, "/low_volume_threshold", "the low-volume threshold");
  for (std::size_t i = 0; i < s.indicators.size(); ++i) {
    if (s.indicators[i].weight < 0) {
      d.error("budget.payment.indicator_weight", "/indicators/" + std::to_string(i) + "/weight",
              "indicator '" + s.indicators[i].id + "' has a negative weight");
    }
  }
  if (!s.withhold.is_zero() && s.indicators.empty()) {
    d.warning(
        "budget.payment.no_indicators", "/indicators",
        "a withhold of " + detail::pct(s.withhold) + " is set but no indicator can earn it back");
  }
  return d;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
