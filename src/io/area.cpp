// joinedup: reading, writing and checking the area profile document.
#include "joinedup/io/area.hpp"

#include "joinedup/core/ids.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

std::optional<area_profile> read_area_profile(std::string_view json_text, diagnostics& diags) {
  const std::optional<detail::json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, area_schema, diags)) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(*doc,
                             {"schema", "name", "hwb_gss_code", "financial_year", "as_of",
                              "partners", "amounts", "people"},
                             root, diags);
  area_profile p;
  p.name = detail::get_string(*doc, "name", root, diags).value_or("");
  p.hwb_gss_code = detail::get_string(*doc, "hwb_gss_code", root, diags).value_or("");
  if (auto fy = detail::get_financial_year(*doc, "financial_year", root, diags)) p.year = *fy;
  if (auto d = detail::get_date(*doc, "as_of", root, diags)) p.as_of = *d;

  if (const detail::json* list = detail::get_array(*doc, "partners", root, diags)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const detail::json& item = (*list)[i];
      const json_pointer at = root.key("partners").index(i);
      detail::check_known_fields(item, {"key", "name", "ods_code", "gss_code"}, at, diags);
      area_partner partner;
      partner.key = detail::get_string(item, "key", at, diags).value_or("");
      partner.name = detail::get_string(item, "name", at, diags).value_or("");
      partner.ods_code = detail::get_string(item, "ods_code", at, diags, false).value_or("");
      partner.gss_code = detail::get_string(item, "gss_code", at, diags, false).value_or("");
      p.partners.push_back(std::move(partner));
    }
  }
  if (const detail::json* list = detail::get_array(*doc, "amounts", root, diags)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const detail::json& item = (*list)[i];
      const json_pointer at = root.key("amounts").index(i);
      detail::check_known_fields(item, {"label", "amount", "partner"}, at, diags);
      area_amount a;
      a.label = detail::get_string(item, "label", at, diags).value_or("");
      a.partner = detail::get_string(item, "partner", at, diags, false).value_or("");
      if (auto m = detail::get_money(item, "amount", at, diags)) a.amount = *m;
      p.amounts.push_back(std::move(a));
    }
  }
  if (const detail::json* list = detail::get_array(*doc, "people", root, diags, false)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const detail::json& item = (*list)[i];
      const json_pointer at = root.key("people").index(i);
      detail::check_known_fields(item, {"label", "nhs_number", "gp_practice"}, at, diags);
      area_person person;
      person.label = detail::get_string(item, "label", at, diags).value_or("");
      person.nhs_number = detail::get_string(item, "nhs_number", at, diags).value_or("");
      person.gp_practice = detail::get_string(item, "gp_practice", at, diags, false).value_or("");
      p.people.push_back(std::move(person));
    }
  }
  return p;
}

std::string write_area_profile(const area_profile& p) {
  detail::json doc;
  doc["schema"] = area_schema;
  doc["name"] = p.name;
  doc["hwb_gss_code"] = p.hwb_gss_code;
  doc["financial_year"] = p.year.to_string();
  doc["as_of"] = to_iso_string(p.as_of);
  doc["partners"] = detail::json::array();
  for (const area_partner& partner : p.partners) {
    detail::json item;
    item["key"] = partner.key;
    item["name"] = partner.name;
    if (!partner.ods_code.empty()) item["ods_code"] = partner.ods_code;
    if (!partner.gss_code.empty()) item["gss_code"] = partner.gss_code;
    doc["partners"].push_back(std::move(item));
  }
  doc["amounts"] = detail::json::array();
  for (const area_amount& a : p.amounts) {
    detail::json item;
    item["label"] = a.label;
    item["amount"] = a.amount.to_string();
    if (!a.partner.empty()) item["partner"] = a.partner;
    doc["amounts"].push_back(std::move(item));
  }
  doc["people"] = detail::json::array();
  for (const area_person& person : p.people) {
    detail::json item;
    item["label"] = person.label;
    item["nhs_number"] = person.nhs_number;
    if (!person.gp_practice.empty()) item["gp_practice"] = person.gp_practice;
    doc["people"].push_back(std::move(item));
  }
  return doc.dump(2) + "\n";
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
