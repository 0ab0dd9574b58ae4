// joinedup: reading, writing and checking the area profile document.
#include "joinedup/io/area.hpp"

#include "fields_json.hpp"
#include "joinedup/core/ids.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

std::optional<area_profile> read_area_profile(std::string_view json_text, diagnostics& diags) {
  return detail::read_document<area_profile>(json_text, area_schema, diags);
}

std::string write_area_profile(const area_profile& p) {
  return detail::write_document(p, area_schema);
}

void validate_area_profile(const area_profile& p, diagnostics& diags) {
  const json_pointer root;
  if (!p.hwb_gss_code.empty()) {
    const result<gss_code> hwb = gss_code::parse(p.hwb_gss_code);
    if (collect(hwb, diags, root.key("hwb_gss_code").str()) && !hwb->is_upper_tier_authority()) {
      diags.warning("io.area.hwb_code", root.key("hwb_gss_code").str(),
                    "'" + p.hwb_gss_code +
                        "' is not an upper-tier authority code (E06, E08, E09 or E10), so it is "
                        "unlikely to be a Health and Wellbeing Board area");
    }
  }
  for (std::size_t i = 0; i < p.partners.size(); ++i) {
    const area_partner& partner = p.partners[i];
    const json_pointer at = root.key("partners").index(i);
    if (partner.ods_code.empty() && partner.gss_code.empty()) {
      diags.error("io.area.partner_code", at.str(),
                  "partner '" + partner.key + "' needs an ODS code or a GSS code");
    }
    if (!partner.ods_code.empty()) {
      collect(ods_code::parse(partner.ods_code), diags, at.key("ods_code").str());
    }
    if (!partner.gss_code.empty()) {
      collect(gss_code::parse(partner.gss_code), diags, at.key("gss_code").str());
    }
  }
  for (std::size_t i = 0; i < p.amounts.size(); ++i) {
    const area_amount& a = p.amounts[i];
    if (a.partner.empty()) continue;
    bool known = false;
    for (const area_partner& partner : p.partners)
      known = known || partner.key == a.partner;
    if (!known) {
      diags.error(
          "io.area.unknown_partner", root.key("amounts").index(i).key("partner").str(),
          "amount '" + a.label + "' names partner '" + a.partner + "', which is not in /partners");
    }
  }
  for (std::size_t i = 0; i < p.people.size(); ++i) {
    const area_person& person = p.people[i];
    const json_pointer at = root.key("people").index(i);
    collect(nhs_number::parse(person.nhs_number), diags, at.key("nhs_number").str());
    if (!person.gp_practice.empty()) {
      const result<ods_code> gp = ods_code::parse(person.gp_practice);
      if (collect(gp, diags, at.key("gp_practice").str()) && gp->kind() != ods_kind::gp_practice) {
        diags.warning("io.area.gp_practice", at.key("gp_practice").str(),
                      "'" + person.gp_practice +
                          "' does not look like a GP practice code (a letter and five digits)");
      }
    }
  }
}

}  // namespace io
JOINEDUP_END_NAMESPACE
