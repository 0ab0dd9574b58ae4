// joinedup: indicator definitions of the single outcomes framework for older people's health,
// care and housing, the catalogue that holds them (shipped as data in data/indicators/), the
// crosswalk from legacy codes (NHS OF, ASCOF, PHOF, BCF) and the catalogue validator.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/outcomes/statistics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace outcomes {

/// Which direction of change is good (Fingertips' polarity).
enum class polarity : std::uint8_t {
  higher_is_better,  ///< "RAG - High is good"
  lower_is_better,   ///< "RAG - Low is good"
  no_judgement,      ///< "BOB" / not applicable
};

}  // namespace outcomes

/// The interchange names of outcomes::polarity, in enumerator order.
template <>
inline constexpr auto enum_names<outcomes::polarity> =
    std::array<std::string_view, 3>{"higher_is_better", "lower_is_better", "no_judgement"};

/// The interchange names of outcomes::indicator_method, in enumerator order (the names of
/// to_string(indicator_method) in statistics.hpp; checked below).
template <>
inline constexpr auto enum_names<outcomes::indicator_method> = std::array<std::string_view, 7>{
    "proportion", "crude_rate", "dsr", "isr_ratio", "isr_rate", "mean", "count"};

namespace outcomes {

/// True when enum_names<indicator_method> agrees with to_string(indicator_method).
constexpr bool method_names_agree() noexcept {
  for (std::size_t i = 0; i < enum_names<indicator_method>.size(); ++i) {
    if (to_string(static_cast<indicator_method>(i)) != enum_names<indicator_method>[i]) {
      return false;
    }
  }
  return true;
}
static_assert(method_names_agree(), "enum_names<indicator_method> must match to_string");

/// "higher_is_better", "lower_is_better" or "no_judgement".
constexpr std::string_view to_string(polarity p) noexcept {
  const std::string_view name = enum_name(p);
  return name.empty() ? "no_judgement" : name;
}

/// Parses a polarity name.
constexpr std::optional<polarity> parse_polarity(std::string_view s) noexcept {
  return parse_enum<polarity>(s);
}

/// The legacy frameworks whose codes the crosswalk maps.
inline constexpr std::string_view legacy_frameworks[] = {"NHS OF", "ASCOF", "PHOF", "BCF"};

/// True when `s` is one of legacy_frameworks.
constexpr bool is_legacy_framework(std::string_view s) noexcept {
  for (std::string_view f : legacy_frameworks) {
    if (f == s) return true;
  }
  return false;
}

/// A code in a legacy framework, e.g. {"ASCOF", "2C"} or {"PHOF", "C29"}.
struct legacy_code {
  std::string framework;  ///< "NHS OF", "ASCOF", "PHOF" or "BCF"
  std::string code;       ///< the code as the framework writes it
  friend bool operator==(const legacy_code&, const legacy_code&) = default;
  friend auto operator<=>(const legacy_code&, const legacy_code&) = default;
};

/// What may be published (small-number disclosure control).
struct disclosure_rule {
  std::optional<double> suppress_numerator_below;  ///< withhold values with 0 < numerator < this
  std::string note;                                ///< the rule in words, with its source
};

/// One indicator of the single outcomes framework.
struct indicator_definition {
  std::string id;                         ///< stable key, e.g. "residential_admissions_65plus"
  std::string title;                      ///< plain title
  std::string domain;                     ///< a domain id of the catalogue
  std::vector<legacy_code> legacy_codes;  ///< codes in the legacy frameworks
  indicator_method method = indicator_method::proportion;  ///< how the value is computed
  double multiplier = 1;  ///< 100 for a percentage, 100000 for a rate, ...
  outcomes::polarity polarity = polarity::higher_is_better;  ///< which way is better
  std::string population;          ///< who is counted, e.g. "residents aged 65+"
  std::string age_band;            ///< e.g. "65+"
  std::string numerator;           ///< numerator definition
  std::string numerator_source;    ///< where the numerator comes from
  std::string denominator;         ///< denominator definition
  std::string denominator_source;  ///< where the denominator comes from
  std::string frequency;           ///< "monthly", "quarterly", "annual"
  disclosure_rule disclosure;      ///< what may be published
  std::string confidence;          ///< "C" confirmed or "R" recalled (domain notes' tags)
  std::string source;              ///< where the definition comes from
  /// The indicator's id in OHID Fingertips, where it has one (`outcomes import-fingertips` maps
  /// a download's "Indicator ID" by it).
  std::optional<std::int64_t> fingertips_id;
};

/// A domain of the single framework.
struct framework_domain {
  std::string id;     ///< key, e.g. "independence"
  std::string title;  ///< plain title
};

/// One row of the crosswalk: a legacy code and the single-framework indicator it becomes.
struct crosswalk_entry {
  legacy_code from;        ///< the legacy code
  std::string indicator;   ///< id of the single-framework indicator
  std::string confidence;  ///< "C" or "R"
  std::string note;        ///< e.g. "formerly 2A(2)"
};

/// The indicator catalogue: domains, indicators and the crosswalk.
struct catalogue {
  std::string name;                              ///< catalogue name
  std::string version;                           ///< catalogue version, e.g. "2025-26"
  std::vector<framework_domain> domains;         ///< domains of the single framework
  std::vector<indicator_definition> indicators;  ///< the indicators
  std::vector<crosswalk_entry> crosswalk;        ///< legacy codes to indicators

  /// The indicator with this id, or nullptr.
  [[nodiscard]] const indicator_definition* find(std::string_view id) const noexcept {
    for (const indicator_definition& d : indicators) {
      if (d.id == id) return &d;
    }
    return nullptr;
  }
  /// The indicator whose fingertips_id is `id`, or nullptr.
  [[nodiscard]] const indicator_definition* find_fingertips(std::int64_t id) const noexcept {
    for (const indicator_definition& d : indicators) {
      if (d.fingertips_id == id) return &d;
    }
    return nullptr;
  }
  /// The indicator a legacy code maps to (through the crosswalk, then legacy_codes), or nullptr.
  [[nodiscard]] const indicator_definition* find_legacy(std::string_view framework,
                                                        std::string_view code) const noexcept {
    for (const crosswalk_entry& c : crosswalk) {
      if (c.from.framework == framework && c.from.code == code) return find(c.indicator);
    }
    for (const indicator_definition& d : indicators) {
      for (const legacy_code& l : d.legacy_codes) {
        if (l.framework == framework && l.code == code) return &d;
      }
    }
    return nullptr;
  }
};

}  // namespace outcomes

// The document fields of the catalogue (data/indicators/catalogue.json; docs/outcomes.md). A
// crosswalk row is written flat ({"framework", "code", "indicator", ...}), so crosswalk_entry is
// read and written by src/io/outcomes.cpp rather than described here.

/// The fields of a legacy code.
template <>
inline constexpr auto fields_of<outcomes::legacy_code> =
    std::tuple{field("framework", &outcomes::legacy_code::framework),
               field("code", &outcomes::legacy_code::code)};

/// The fields of a disclosure rule.
template <>
inline constexpr auto fields_of<outcomes::disclosure_rule> =
    std::tuple{field("suppress_numerator_below",
                     &outcomes::disclosure_rule::suppress_numerator_below, presence::omit_empty),
               field("note", &outcomes::disclosure_rule::note, presence::omit_empty)};

/// The fields of an indicator definition (`disclosure` is left out while it is empty).
template <>
inline constexpr auto fields_of<outcomes::indicator_definition> = std::tuple{
    field("id", &outcomes::indicator_definition::id),
    field("title", &outcomes::indicator_definition::title),
    field("domain", &outcomes::indicator_definition::domain),
    field("legacy_codes", &outcomes::indicator_definition::legacy_codes, presence::optional),
    field("fingertips_id", &outcomes::indicator_definition::fingertips_id, presence::omit_empty),
    field("method", &outcomes::indicator_definition::method),
    field("multiplier", &outcomes::indicator_definition::multiplier, presence::optional),
    field("polarity", &outcomes::indicator_definition::polarity),
    field("population", &outcomes::indicator_definition::population, presence::omit_empty),
    field("age_band", &outcomes::indicator_definition::age_band, presence::omit_empty),
    field("numerator", &outcomes::indicator_definition::numerator, presence::omit_empty),
    field("numerator_source", &outcomes::indicator_definition::numerator_source,
          presence::omit_empty),
    field("denominator", &outcomes::indicator_definition::denominator, presence::omit_empty),
    field("denominator_source", &outcomes::indicator_definition::denominator_source,
          presence::omit_empty),
    field("frequency", &outcomes::indicator_definition::frequency, presence::omit_empty),
    field("disclosure", &outcomes::indicator_definition::disclosure, presence::omit_empty),
    field("confidence", &outcomes::indicator_definition::confidence, presence::omit_empty),
    field("source", &outcomes::indicator_definition::source, presence::omit_empty)};

/// The fields of a domain.
template <>
inline constexpr auto fields_of<outcomes::framework_domain> =
    std::tuple{field("id", &outcomes::framework_domain::id),
               field("title", &outcomes::framework_domain::title)};

/// The fields of a crosswalk row: the legacy code's members inline, then the indicator.
template <>
inline constexpr auto fields_of<outcomes::crosswalk_entry> =
    std::tuple{flattened(&outcomes::crosswalk_entry::from),
               field("indicator", &outcomes::crosswalk_entry::indicator),
               field("confidence", &outcomes::crosswalk_entry::confidence, presence::omit_empty),
               field("note", &outcomes::crosswalk_entry::note, presence::omit_empty)};

/// The fields of a catalogue document (its "sources" and "notes" are for people and not read).
template <>
inline constexpr auto fields_of<outcomes::catalogue> =
    std::tuple{field("name", &outcomes::catalogue::name),
               field("version", &outcomes::catalogue::version, presence::omit_empty),
               field("domains", &outcomes::catalogue::domains),
               field("indicators", &outcomes::catalogue::indicators),
               field("crosswalk", &outcomes::catalogue::crosswalk, presence::optional)};

namespace outcomes {

/// Checks a catalogue and adds a diagnostic for each problem: duplicate indicator ids
/// (outcomes.catalogue.duplicate_id), an indicator in an unknown domain
/// (outcomes.catalogue.unknown_domain), a domain with no indicator
/// (outcomes.catalogue.empty_domain, warning), two indicators with the same numerator and
/// denominator definitions (outcomes.catalogue.overlap, warning), a legacy framework that is not
/// NHS OF, ASCOF, PHOF or BCF (outcomes.catalogue.legacy_framework), a legacy code mapped to two
/// indicators (outcomes.crosswalk.mapped_twice) and a crosswalk row naming an unknown indicator
/// (outcomes.crosswalk.unknown_indicator). A bad multiplier is outcomes.catalogue.multiplier; a
/// fingertips_id that is not positive or is given twice is outcomes.catalogue.fingertips_id.
inline void validate_catalogue(const catalogue& cat, diagnostics& diags) {
  std::map<std::string, std::size_t> ids;
  std::set<std::string> domains;
  for (const framework_domain& d : cat.domains)
    domains.insert(d.id);
  std::map<std::string, std::size_t> per_domain;
  std::map<std::pair<std::string, std::string>, std::size_t> definitions;
  std::map<legacy_code, std::string> mapped;
  std::map<std::int64_t, std::size_t> fingertips;
  for (std::size_t i = 0; i < cat.indicators.size(); ++i) {
    const indicator_definition& d = cat.indicators[i];
    const std::string at = "/indicators/" + std::to_string(i);
    if (const auto [it, fresh] = ids.emplace(d.id, i); !fresh) {
      diags.error("outcomes.catalogue.duplicate_id", at + "/id",
                  "indicator id '" + d.id + "' is already used by /indicators/" +
                      std::to_string(it->second));
    }
    if (d.fingertips_id) {
      if (*d.fingertips_id <= 0) {
        diags.error("outcomes.catalogue.fingertips_id", at + "/fingertips_id",
                    "indicator '" + d.id + "' has fingertips_id " +
                        std::to_string(*d.fingertips_id) + "; Fingertips ids are positive");
      } else if (const auto [it, fresh] = fingertips.emplace(*d.fingertips_id, i); !fresh) {
        diags.error("outcomes.catalogue.fingertips_id", at + "/fingertips_id",
                    "fingertips_id " + std::to_string(*d.fingertips_id) +
                        " is already given to /indicators/" + std::to_string(it->second));
      }
    }
    if (domains.count(d.domain) == 0) {
      diags.error("outcomes.catalogue.unknown_domain", at + "/domain",
                  "indicator '" + d.id + "' is in domain '" + d.domain +
                      "', which the catalogue does not define");
    } else {
      ++per_domain[d.domain];
    }
    if (!(d.multiplier > 0)) {
      diags.error("outcomes.catalogue.multiplier", at + "/multiplier",
                  "indicator '" + d.id + "' has multiplier " + std::to_string(d.multiplier) +
                      "; expected a positive number");
    }
    if (!d.numerator.empty() || !d.denominator.empty()) {
      const auto key = std::make_pair(d.numerator, d.denominator);
      if (const auto [it, fresh] = definitions.emplace(key, i); !fresh) {
        diags.warning("outcomes.catalogue.overlap", at,
                      "indicator '" + d.id + "' has the same numerator and denominator as '" +
                          cat.indicators[it->second].id + "'");
      }
    }
    for (std::size_t k = 0; k < d.legacy_codes.size(); ++k) {
      const legacy_code& l = d.legacy_codes[k];
      const std::string lat = at + "/legacy_codes/" + std::to_string(k);
      if (!is_legacy_framework(l.framework)) {
        diags.error(
            "outcomes.catalogue.legacy_framework", lat + "/framework",
            "legacy framework '" + l.framework + "' is not one of NHS OF, ASCOF, PHOF, BCF");
      }
      if (const auto [it, fresh] = mapped.emplace(l, d.id); !fresh && it->second != d.id) {
        diags.error("outcomes.crosswalk.mapped_twice", lat,
                    l.framework + " " + l.code + " is mapped to both '" + it->second + "' and '" +
                        d.id + "'");
      }
    }
  }
  for (std::size_t i = 0; i < cat.crosswalk.size(); ++i) {
    const crosswalk_entry& c = cat.crosswalk[i];
    const std::string at = "/crosswalk/" + std::to_string(i);
    if (!is_legacy_framework(c.from.framework)) {
      diags.error(
          "outcomes.catalogue.legacy_framework", at + "/framework",
          "legacy framework '" + c.from.framework + "' is not one of NHS OF, ASCOF, PHOF, BCF");
    }
    if (ids.count(c.indicator) == 0) {
      diags.error("outcomes.crosswalk.unknown_indicator", at + "/indicator",
                  "crosswalk maps " + c.from.framework + " " + c.from.code +
                      " to unknown indicator '" + c.indicator + "'");
    }
    if (const auto [it, fresh] = mapped.emplace(c.from, c.indicator);
        !fresh && it->second != c.indicator) {
      diags.error("outcomes.crosswalk.mapped_twice", at,
                  c.from.framework + " " + c.from.code + " is mapped to both '" + it->second +
                      "' and '" + c.indicator + "'");
    }
  }
  for (std::size_t i = 0; i < cat.domains.size(); ++i) {
    if (per_domain.count(cat.domains[i].id) == 0) {
      diags.warning("outcomes.catalogue.empty_domain", "/domains/" + std::to_string(i),
                    "domain '" + cat.domains[i].id + "' has no indicator");
    }
  }
}

}  // namespace outcomes
JOINEDUP_END_NAMESPACE
