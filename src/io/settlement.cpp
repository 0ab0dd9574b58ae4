// joinedup: a settlement as JSON and CSV; the text table (and the steps' English) come from
// report/settlement.
#include "joinedup/io/settlement.hpp"

#include <fmt/format.h>

#include <vector>

#include "fields_json.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "joinedup/report/settlement.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

/// The interchange form of money, "1234.50".
std::string dec(money m) {
  return m.to_string(money_style::decimal);
}

}  // namespace

std::string settlement_to_json(const budget::settlement& s, const budget::pooled_fund& fund,
                               std::optional<std::chrono::year_month_day> as_of, int indent,
                               const ledger_control_totals* control) {
  detail::json doc;
  doc["schema"] = settlement_schema;
  doc["fund"] = fund.name;
  doc["financial_year"] = fund.year.to_string();
  if (as_of) doc["as_of"] = to_iso_string(*as_of);
  if (control != nullptr) {
    doc["complete"] = control->rows_rejected == 0;
    doc["control"] = detail::control_json(*control);
  }
  doc["variance"] = dec(s.variance);
  doc["income"] = dec(s.income);
  doc["planned"] = dec(s.planned);
  doc["outturn"] = dec(s.outturn);
  doc["risk_pool"] = dec(s.risk_pool);
  doc["risk_pool_funded"] = dec(s.risk_pool_funded);
  doc["risk_pool_used"] = dec(s.risk_pool_used);
  doc["unspent"] = dec(s.unspent);
  // Capital lines settled apart from revenue: their figures, which conserve money on their own.
  const bool has_capital = s.has_capital();
  if (has_capital) {
    detail::json capital;
    capital["income"] = dec(s.capital_income);
    capital["planned"] = dec(s.capital_planned);
    capital["outturn"] = dec(s.capital_outturn);
    capital["unspent"] = dec(s.capital_unspent);
    capital["final_contribution"] = dec(s.total_capital_final_contributions());
    capital["carried_forward"] = dec(s.capital_total(budget::disposition_kind::carried_forward));
    capital["retained_in_pool"] = dec(s.capital_total(budget::disposition_kind::retained_in_pool));
    capital["from_outside_pool"] =
        dec(s.capital_total(budget::disposition_kind::from_outside_pool));
    capital["conserved"] = s.conserves_capital();
    doc["capital"] = std::move(capital);
  }
  if (!s.capital_apart)
    doc["capital_revenue_offset_clause"] = fund.risk_share.capital_revenue_offset_clause;
  detail::json partners = detail::json::array();
  for (const budget::partner_settlement& p : s.partners) {
    detail::json item;
    item["partner"] = p.partner;
    item["contribution"] = dec(p.contribution);
    item["share_of_variance"] = dec(p.share_of_variance);
    item["final_contribution"] = dec(p.final_contribution);
    item["unspent_returned"] = dec(p.unspent_returned);
    if (has_capital) {
      item["capital_contribution"] = dec(p.capital_contribution);
      item["capital_share_of_variance"] = dec(p.capital_share_of_variance);
      item["capital_unspent_returned"] = dec(p.capital_unspent_returned);
      item["capital_final_contribution"] = dec(p.capital_final_contribution);
    }
    partners.push_back(std::move(item));
  }
  doc["partners"] = std::move(partners);
  detail::json movements = detail::json::array();
  for (const budget::pool_movement& m : s.pool_movements) {
    detail::json item;
    item["amount"] = dec(m.amount);
    item["reason"] = m.reason;
    movements.push_back(std::move(item));
  }
  doc["pool_movements"] = std::move(movements);
  doc["dispositions"] = detail::write_value(s.dispositions);
  if (!s.withheld.empty()) doc["withheld"] = detail::write_value(s.withheld);
  doc["conserved"] = s.conserves();
  detail::json lines = detail::json::array();
  for (const budget::line_settlement& l : s.lines) {
    detail::json item;
    item["line"] = l.line;
    item["scheme"] = l.scheme;
    item["description"] = l.description;
    item["risk_class"] = l.risk == budget::risk_class::fixed ? "fixed" : "variable";
    item["planned"] = dec(l.planned);
    item["outturn"] = dec(l.outturn);
    item["variance"] = dec(l.variance);
    item["outturn_missing"] = l.outturn_missing;
    item["met_from_underspends"] = dec(l.met_from_underspends);
    item["met_from_risk_pool"] = dec(l.met_from_risk_pool);
    item["residual"] = dec(l.residual);
    item["rule"] = l.rule;
    detail::json shares = detail::json::array();
    for (const budget::partner_amount& a : l.shares) {
      detail::json share;
      share["partner"] = a.partner;
      share["amount"] = dec(a.amount);
      shares.push_back(std::move(share));
    }
    item["shares"] = std::move(shares);
    item["retained_in_pool"] = dec(l.retained_in_pool);
    item["not_allocated"] = dec(l.not_allocated);
    item["carried_forward"] = dec(l.carried_forward);
    if (l.capital) item["capital"] = true;
    if (!l.hwb_decision.empty()) item["hwb_decision"] = l.hwb_decision;
    if (!l.withheld.is_zero()) item["withheld"] = dec(l.withheld);
    lines.push_back(std::move(item));
  }
  doc["lines"] = std::move(lines);
  doc["steps"] = report::settlement_steps(s, fund);
  doc["step_records"] = detail::write_value(s.steps);
  return doc.dump(indent);
}

std::string settlement_to_csv(const budget::settlement& s) {
  std::string out =
      "kind,partner,contribution,share_of_variance,final_contribution,amount,reason,"
      "unspent_returned\n";
  for (const budget::partner_settlement& p : s.partners) {
    out += fmt::format("partner,{},{},{},{},{},,{}\n", report::csv_field(p.partner),
                       dec(p.contribution), dec(p.share_of_variance), dec(p.final_contribution),
                       dec(p.share_of_variance), dec(p.unspent_returned));
  }
  for (const budget::pool_movement& m : s.pool_movements) {
    out += fmt::format("pool_movement,,,,,{},{},\n", dec(m.amount), report::csv_field(m.reason));
  }
  for (const budget::disposition& d : s.dispositions) {
    out += fmt::format("{},{},,,,{},{},\n", enum_name(d.kind), report::csv_field(d.partner),
                       dec(d.amount), report::csv_field(d.reason));
  }
  return out;
}

std::string settlement_to_table(const budget::settlement& s, const budget::pooled_fund& fund,
                                std::optional<std::chrono::year_month_day> as_of,
                                const ledger_control_totals* control) {
  return report::settlement_text(s, fund, as_of,
                                 control != nullptr ? detail::incomplete_banner(*control) : "");
}

}  // namespace io
JOINEDUP_END_NAMESPACE
