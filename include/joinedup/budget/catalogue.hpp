// joinedup: the Better Care Fund planning enumerations of one financial year, as data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// One allowed value of an enumeration: a snake_case key used in JSON and the template label.
struct enum_value {
  std::string key;    ///< snake_case key, e.g. "home_care_or_domiciliary_care"
  std::string label;  ///< label as in the planning template, e.g. "Home Care or Domiciliary Care"

  /// True when `text` is this value's key or its exact label.
  [[nodiscard]] bool matches(std::string_view text) const noexcept {
    return text == key || text == label;
  }
  /// Memberwise equality.
  friend bool operator==(const enum_value&, const enum_value&) = default;
};

/// What a funding source is for the rules that depend on it.
enum class funding_role {
  nhs_minimum,           ///< the ring-fenced NHS minimum contribution
  la_better_care_grant,  ///< iBCF / Local Authority Better Care Grant
  dfg,                   ///< Disabled Facilities Grant (capital)
  la_discharge,          ///< Local Authority Discharge Funding
  icb_discharge,         ///< ICB Discharge Funding
  additional_nhs,        ///< voluntary additional NHS contribution
  additional_la,         ///< voluntary additional council contribution
};

/// Which kind of partner pays a funding source.
enum class payer_kind { nhs, council };

/// A funding source of the year: key, label, role, who pays it and whether it is capital.
struct funding_source_def {
  enum_value value;                                  ///< key and label
  funding_role role = funding_role::additional_nhs;  ///< its role in the rules
  payer_kind payer = payer_kind::nhs;                ///< NHS body or council
  bool capital = false;                              ///< capital money (DFG)
  /// Memberwise equality.
  friend bool operator==(const funding_source_def&, const funding_source_def&) = default;
};

/// A scheme type with its sub-types (an empty list means none is asked for).
struct scheme_type_def {
  enum_value value;                   ///< key and label
  std::vector<enum_value> sub_types;  ///< allowed sub-types
  /// Memberwise equality.
  friend bool operator==(const scheme_type_def&, const scheme_type_def&) = default;
};

/// The enumerations of one BCF planning year (`data/bcf/<year>.json`).
struct bcf_catalogue {
  financial_year year = financial_year::starting(2025);  ///< the year it applies to
  std::string planning_cycle;                            ///< e.g. "2023-25"
  std::string confidence;                                ///< [C]/[R]/[U] tag of the labels
  std::vector<enum_value> ring_fences;              ///< ring-fenced minimums that exist this year
  std::vector<funding_source_def> funding_sources;  ///< funding sources
  std::vector<scheme_type_def> scheme_types;        ///< scheme types
  std::vector<enum_value> areas_of_spend;           ///< areas of spend
  std::vector<enum_value> commissioners;            ///< commissioners
  std::vector<enum_value> provider_types;           ///< provider types

  /// The funding source whose key or label is `text`, or nullptr.
  [[nodiscard]] const funding_source_def* funding_source(std::string_view text) const noexcept {
    for (const funding_source_def& f : funding_sources) {
      if (f.value.matches(text)) return &f;
    }
    return nullptr;
  }
  /// The scheme type whose key or label is `text`, or nullptr.
  [[nodiscard]] const scheme_type_def* scheme_type(std::string_view text) const noexcept {
    for (const scheme_type_def& s : scheme_types) {
      if (s.value.matches(text)) return &s;
    }
    return nullptr;
  }
  /// True when `ring_fence_key` is a ring-fence that exists in this year.
  [[nodiscard]] bool has_ring_fence(std::string_view ring_fence_key) const noexcept {
    for (const enum_value& r : ring_fences) {
      if (r.key == ring_fence_key) return true;
    }
    return false;
  }
  /// Memberwise equality.
  friend bool operator==(const bcf_catalogue&, const bcf_catalogue&) = default;
};

/// The entry of `values` whose key or label is `text`, or nullptr.
[[nodiscard]] inline const enum_value* find_value(const std::vector<enum_value>& values,
                                                  std::string_view text) noexcept {
  for (const enum_value& v : values) {
    if (v.matches(text)) return &v;
  }
  return nullptr;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
