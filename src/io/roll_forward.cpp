// joinedup: the roll-forward's inputs.
#include "joinedup/io/roll_forward.hpp"

#include <string>

#include "fields_json.hpp"
#include "joinedup/io/settlement.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

std::optional<budget::roll_forward_terms> read_roll_forward_terms(std::string_view json_text,
                                                                  diagnostics& diags) {
  return detail::read_document<budget::roll_forward_terms>(json_text, roll_forward_schema, diags);
}

std::string write_roll_forward_terms(const budget::roll_forward_terms& terms) {
  return detail::write_document(terms, roll_forward_schema);
}

std::optional<budget::settlement> read_settlement_for_roll_forward(std::string_view json_text,
                                                                   const budget::pooled_fund& fund,
                                                                   diagnostics& diags) {
  const std::optional<detail::json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, settlement_schema, diags)) return std::nullopt;
  auto text = [&](const char* key) {
    const auto it = doc->find(key);
    return it != doc->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  bool ok = true;
  if (text("fund") != fund.name) {
    diags.error("budget.roll_forward.settlement", "/fund",
                "the settlement is for '" + text("fund") + "', not for '" + fund.name + "'");
    ok = false;
  }
  if (text("financial_year") != fund.year.to_string()) {
    diags.error("budget.roll_forward.settlement", "/financial_year",
                "the settlement is for " + text("financial_year") + ", not for the fund's year " +
                    fund.year.to_string());
    ok = false;
  }
  if (const auto it = doc->find("complete"); it != doc->end() && *it == false) {
    diags.error("budget.roll_forward.settlement", "/complete",
                "the settlement is marked incomplete (its ledger had rejected rows), so it is not "
                "the year's result");
    ok = false;
  }
  budget::settlement s;
  const auto dispositions = doc->find("dispositions");
  if (dispositions == doc->end()) {
    diags.error("io.json.missing", "/dispositions", "required field 'dispositions' is missing");
    return std::nullopt;
  }
  ok = detail::read_value(*dispositions, s.dispositions, json_pointer{}.key("dispositions"),
                          diags) &&
       ok;
  if (!ok) return std::nullopt;
  return s;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
