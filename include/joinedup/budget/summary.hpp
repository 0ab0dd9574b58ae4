// joinedup: the sums a fund's one-screen summary shows (income and planned spend by funding
// source, each partner's contribution, the fund's totals and counts) and the totals of a
// forecast's lines. Values only: joinedup/report/budget.hpp turns them into tables.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "joinedup/budget/catalogue.hpp"
#include "joinedup/budget/forecast.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/money.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// The income and planned spend of one funding source of a fund.
struct source_totals {
  std::string source;  ///< the catalogue key ("nhs_minimum"), or the text the fund gives
  std::string label;   ///< the catalogue label ("NHS Minimum Contribution"), or the text
  money income;        ///< Σ contributions from the source
  money planned;       ///< Σ planned spend of the lines it funds
  /// Memberwise equality.
  friend bool operator==(const source_totals&, const source_totals&) = default;
};

/// One partner's total contribution to a fund.
struct partner_contribution {
  std::string partner;  ///< partner id
  std::string name;     ///< organisation name
  money amount;         ///< Σ its contributions
  /// Memberwise equality.
  friend bool operator==(const partner_contribution&, const partner_contribution&) = default;
};

/// What a one-screen summary of a fund shows. The sources' income adds up to `income` and their
/// planned spend to `planned`.
struct fund_summary {
  std::vector<source_totals> sources;          ///< by funding source, in label order
  money income;                                ///< Σ contributions (the fund's income)
  money planned;                               ///< Σ planned spend of every line
  std::vector<partner_contribution> partners;  ///< every partner, in fund order
  std::size_t contributions = 0;               ///< number of contributions
  std::size_t schemes = 0;                     ///< number of schemes
  std::size_t lines = 0;                       ///< number of expenditure lines
  /// Memberwise equality.
  friend bool operator==(const fund_summary&, const fund_summary&) = default;
};

/// Sums `fund` by funding source (a source the catalogue `cat` knows, by key or label, is
/// grouped under its label; any other under the text the fund gives) and by partner. Money is
/// checked: throws overflow_error if a sum leaves the range of money.
[[nodiscard]] inline fund_summary summarise(const pooled_fund& fund, const bcf_catalogue& cat) {
  fund_summary out;
  std::map<std::string, source_totals> by_label;
  const auto at = [&](const std::string& text) -> source_totals& {
    const funding_source_def* def = cat.funding_source(text);
    const std::string& label = def != nullptr ? def->value.label : text;
    auto [it, added] = by_label.try_emplace(label);
    if (added) it->second = {def != nullptr ? def->value.key : text, label, {}, {}};
    return it->second;
  };
  for (const contribution& c : fund.contributions) {
    at(c.source).income += c.amount;
    out.income += c.amount;
  }
  for (const expenditure_line& l : fund.lines) {
    at(l.source).planned += l.planned;
    out.planned += l.planned;
  }
  for (auto& [label, totals] : by_label)
    out.sources.push_back(std::move(totals));
  for (const partner& p : fund.partners)
    out.partners.push_back({p.id, p.name, fund.contribution_of(p.id)});
  out.contributions = fund.contributions.size();
  out.schemes = fund.schemes.size();
  out.lines = fund.lines.size();
  return out;
}

/// The totals of a forecast's lines. `variance` is outturn − planned (positive: an overspend).
struct forecast_totals {
  money planned;        ///< Σ planned
  money spend_to_date;  ///< Σ spend to date
  money commitments;    ///< Σ commitments outstanding
  money outturn;        ///< Σ outturn
  money variance;       ///< outturn − planned
  /// Memberwise equality.
  friend bool operator==(const forecast_totals&, const forecast_totals&) = default;
};

/// Adds up forecast lines (checked: throws overflow_error if a sum leaves the range of money).
[[nodiscard]] inline forecast_totals total_of(const std::vector<line_forecast>& lines) {
  forecast_totals t;
  for (const line_forecast& f : lines) {
    t.planned += f.planned;
    t.spend_to_date += f.spend_to_date;
    t.commitments += f.commitments;
    t.outturn += f.outturn;
  }
  t.variance = t.outturn - t.planned;
  return t;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
