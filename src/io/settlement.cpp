// joinedup: a settlement as JSON, CSV and an aligned text table.
#include "joinedup/io/settlement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "joinedup/core/format.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

/// The interchange form of money, "1234.50".
std::string dec(money m) {
  return m.to_string(money_style::decimal);
}

/// The number of code points in UTF-8 text (its width in a fixed-width table).
std::size_t width_of(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// `text` padded with spaces to `width` code points, on the right (`left` true) or the left.
std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::size_t w = width_of(text);
  if (w >= width) return text;
  const std::string fill(width - w, ' ');
  return left ? text + fill : fill + text;
}

/// Width of the steps in a table, in code points.
constexpr std::size_t table_width = 100;

/// `text` after `lead`, word-wrapped at `width` code points, continuation lines indented under
/// the text; ends with a newline. A word longer than the line is left whole.
std::string wrap(const std::string& lead, const std::string& text, std::size_t width) {
  const std::string indent(width_of(lead), ' ');
  std::string out = lead;
  std::size_t column = width_of(lead);
  bool line_empty = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    const std::size_t w = width_of(word);
    if (!line_empty && column + 1 + w > width) {
      out += "\n" + indent;
      column = indent.size();
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += w;
    line_empty = false;
  }
  return out + "\n";
}

/// The partner's name for a table (its id when it has none, "name (id)" otherwise).
std::string partner_label(const budget::pooled_fund& fund, const std::string& id) {
  const budget::partner* p = fund.find_partner(id);
  if (p == nullptr || p->name.empty()) return id;
  return p->name;
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
  detail::json partners = detail::json::array();
  for (const budget::partner_settlement& p : s.partners) {
    detail::json item;
    item["partner"] = p.partner;
    item["contribution"] = dec(p.contribution);
    item["share_of_variance"] = dec(p.share_of_variance);
    item["final_contribution"] = dec(p.final_contribution);
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
    lines.push_back(std::move(item));
  }
  doc["lines"] = std::move(lines);
  doc["steps"] = s.steps;
  return doc.dump(indent);
}

std::string settlement_to_csv(const budget::settlement& s) {
  std::string out =
      "kind,partner,contribution,share_of_variance,final_contribution,amount,reason\n";
  for (const budget::partner_settlement& p : s.partners) {
    out +=
        fmt::format("partner,{},{},{},{},{},\n", report::csv_field(p.partner), dec(p.contribution),
                    dec(p.share_of_variance), dec(p.final_contribution), dec(p.share_of_variance));
  }
  for (const budget::pool_movement& m : s.pool_movements) {
    out += fmt::format("pool_movement,,,,,{},{}\n", dec(m.amount), report::csv_field(m.reason));
  }
  return out;
}

std::string settlement_to_table(const budget::settlement& s, const budget::pooled_fund& fund,
                                std::optional<std::chrono::year_month_day> as_of,
                                const ledger_control_totals* control) {
  std::string out = "Settlement of " + (fund.name.empty() ? std::string("the fund") : fund.name) +
                    ", " + fund.year.to_string();
  if (as_of) {
    out += ", as of " + to_iso_string(*as_of);
    if (std::chrono::sys_days{*as_of} < std::chrono::sys_days{fund.year.last_day()}) {
      out += " (forecast outturn)";
    }
  }
  out += "\n";
  if (control != nullptr) out += detail::incomplete_banner(*control);
  const std::string direction = s.variance.is_positive()   ? " (overspend)"
                                : s.variance.is_negative() ? " (underspend)"
                                                           : " (on plan)";
  out += fmt::format("Planned {}, outturn {}, variance {}{}\n\n", s.planned, s.outturn, s.variance,
                     direction);

  // Partners.
  const std::vector<std::string> heads = {"Partner", "Contribution", "Share of variance",
                                          "Final contribution"};
  std::vector<std::vector<std::string>> rows;
  money contributions;
  money finals;
  for (const budget::partner_settlement& p : s.partners) {
    rows.push_back({partner_label(fund, p.partner), fmt::format("{}", p.contribution),
                    fmt::format("{}", p.share_of_variance),
                    fmt::format("{}", p.final_contribution)});
    contributions += p.contribution;
    finals += p.final_contribution;
  }
  rows.push_back({"Total", fmt::format("{}", contributions),
                  fmt::format("{}", s.total_share_of_variance()), fmt::format("{}", finals)});
  std::vector<std::size_t> widths(heads.size());
  for (std::size_t c = 0; c < heads.size(); ++c) {
    widths[c] = width_of(heads[c]);
    for (const std::vector<std::string>& r : rows)
      widths[c] = std::max(widths[c], width_of(r[c]));
  }
  auto row_text = [&widths](const std::vector<std::string>& r) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (c > 0) line += "  ";
      line += pad(r[c], widths[c], c == 0);
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    return line + "\n";
  };
  out += row_text(heads);
  for (std::size_t c = 0; c < widths.size(); ++c) {
    out += (c > 0 ? "  " : "") + std::string(widths[c], '-');
  }
  out += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i + 1 == rows.size()) {
      for (std::size_t c = 0; c < widths.size(); ++c) {
        out += (c > 0 ? "  " : "") + std::string(widths[c], '-');
      }
      out += "\n";
    }
    out += row_text(rows[i]);
  }

  // Pool movements.
  out += "\nPool movements\n";
  if (s.pool_movements.empty()) {
    out += "  none\n";
  } else {
    std::size_t w = width_of("Amount");
    for (const budget::pool_movement& m : s.pool_movements)
      w = std::max(w, width_of(fmt::format("{}", m.amount)));
    w = std::max(w, width_of(fmt::format("{}", s.total_pool_movements())));
    out += pad("Amount", w, false) + "  Reason\n";
    for (const budget::pool_movement& m : s.pool_movements) {
      out += pad(fmt::format("{}", m.amount), w, false) + "  " + m.reason + "\n";
    }
    out += pad(fmt::format("{}", s.total_pool_movements()), w, false) + "  Total\n";
  }
  out += fmt::format("\nCheck: variance {} = partners' shares {} + pool movements {}\n", s.variance,
                     s.total_share_of_variance(), s.total_pool_movements());

  // Steps.
  out += "\nSteps\n";
  const std::size_t digits = std::to_string(s.steps.size()).size();
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    out += wrap(pad(std::to_string(i + 1), digits, false) + ". ", s.steps[i], table_width);
  }
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
