// joinedup: the area profile, the small document that names a demo or real area: its
// Health and Wellbeing Board, partners, financial year, key sums and sample identifiers.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of an area profile document.
inline constexpr std::string_view area_schema = "joinedup/area/v1";

/// A named sum of money in the profile (for example a partner's contribution).
struct area_amount {
  std::string label;    ///< what the sum is
  money amount;         ///< the sum, exact
  std::string partner;  ///< which partner it belongs to (a key of area_profile::partners), or ""
};

/// A partner organisation named by its code as written (validated when read).
struct area_partner {
  std::string key;       ///< short key used elsewhere in the document, e.g. "icb"
  std::string name;      ///< organisation name
  std::string ods_code;  ///< ODS code, may be empty for a council known only by GSS code
  std::string gss_code;  ///< GSS code, may be empty for an NHS body
};

/// A sample identifier to check (a person in the demo caseload).
struct area_person {
  std::string label;        ///< a pseudonymous label
  std::string nhs_number;   ///< NHS number as written in the source
  std::string gp_practice;  ///< registered GP practice ODS code as written
};

/// The area profile document (`data/demo/area.json`). Values are kept as read so that writing
/// the profile back gives the same document; validation reports what is wrong with them.
struct area_profile {
  std::string name;          ///< area name
  std::string hwb_gss_code;  ///< the Health and Wellbeing Board's area code
  financial_year year = financial_year::starting(2025);  ///< planning year
  std::chrono::year_month_day as_of{};                   ///< the date the figures are as of
  std::vector<area_partner> partners;                    ///< the partners
  std::vector<area_amount> amounts;                      ///< key sums
  std::vector<area_person> people;                       ///< sample people
};

}  // namespace io

/// The fields of an area amount.
template <>
inline constexpr auto fields_of<io::area_amount> =
    std::tuple{field("label", &io::area_amount::label), field("amount", &io::area_amount::amount),
               field("partner", &io::area_amount::partner, presence::omit_empty)};

/// The fields of an area partner.
template <>
inline constexpr auto fields_of<io::area_partner> =
    std::tuple{field("key", &io::area_partner::key), field("name", &io::area_partner::name),
               field("ods_code", &io::area_partner::ods_code, presence::omit_empty),
               field("gss_code", &io::area_partner::gss_code, presence::omit_empty)};

/// The fields of a sample person.
template <>
inline constexpr auto fields_of<io::area_person> = std::tuple{
    field("label", &io::area_person::label), field("nhs_number", &io::area_person::nhs_number),
    field("gp_practice", &io::area_person::gp_practice, presence::omit_empty)};

/// The fields of an area profile (the "schema" tag is handled by the document reader).
template <>
inline constexpr auto fields_of<io::area_profile> =
    std::tuple{field("name", &io::area_profile::name),
               field("hwb_gss_code", &io::area_profile::hwb_gss_code),
               field("financial_year", &io::area_profile::year),
               field("as_of", &io::area_profile::as_of),
               field("partners", &io::area_profile::partners),
               field("amounts", &io::area_profile::amounts),
               field("people", &io::area_profile::people, presence::optional)};

namespace io {

/// Reads an area profile; every problem is added to `diags` with a JSON pointer. Returns no
/// value only when the document cannot be read at all (not JSON, wrong schema).
[[nodiscard]] std::optional<area_profile> read_area_profile(std::string_view json_text,
                                                            diagnostics& diags);

/// Writes an area profile as JSON; read_area_profile(write_area_profile(p)) gives back p.
[[nodiscard]] std::string write_area_profile(const area_profile& profile);

/// Checks the identifiers in a profile (NHS numbers, ODS and GSS codes) and adds a diagnostic
/// for each one that is malformed, with the NHS number masked.
void validate_area_profile(const area_profile& profile, diagnostics& diags);

}  // namespace io
JOINEDUP_END_NAMESPACE
