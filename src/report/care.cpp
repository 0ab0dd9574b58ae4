// joinedup: care reports rendered as text, CSV and JSON.
#include "joinedup/report/care.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "joinedup/core/number_text.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/report/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

namespace {
/// Display width of UTF-8 text (counts code points, not bytes).
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

/// The masked form of an NHS number as written, or a neutral note when it is not one.
std::string masked(const std::string& text) {
  if (const auto n = nhs_number::parse(text)) return n->masked();
  return "(invalid)";
}
}  // namespace

std::string render_text(const care_table& t) {
  std::vector<std::size_t> w(t.columns.size(), 0);
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    w[c] = width(t.columns[c]);
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size() && c < w.size(); ++c)
      w[c] = std::max(w[c], width(row[c]));
  }
  std::string out;
  if (!t.title.empty()) out += t.title + "\n";
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : std::string();
      const std::size_t pad = w[c] - std::min(w[c], width(cell));
      if (c > 0) l += "  ";
      const bool right = c < t.numeric.size() && t.numeric[c];
      if (right) l.append(pad, ' ');
      l += cell;
      if (!right && c + 1 < t.columns.size()) l.append(pad, ' ');
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += l + "\n";
  };
  line(t.columns);
  for (const auto& row : t.rows)
    line(row);
  return out;
}

std::string render_csv(const care_table& t) {
  std::string out;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    out += (c > 0 ? "," : "") + csv_field(t.columns[c]);
  out += "\n";
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out += (c > 0 ? "," : "") + csv_field(row[c]);
    out += "\n";
  }
  return out;
}

std::string render_json(const care_table& t, std::string_view schema) {
  nlohmann::ordered_json doc;
  doc["schema"] = schema;
  doc["title"] = t.title;
  doc["rows"] = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : std::string();
      if (cell.empty()) {
        item[t.columns[c]] = nullptr;
      } else if (c < t.numeric.size() && t.numeric[c]) {
        item[t.columns[c]] = std::stoll(cell);
      } else {
        item[t.columns[c]] = cell;
      }
    }
    doc["rows"].push_back(std::move(item));
  }
  return doc.dump(2) + "\n";
}

std::string percent_text(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0 || numerator < 0) return "";
  return percent_value_text(ratio::of(numerator, denominator), 1, rounding::half_up);
}

care_table care_caseload_table(const care::care_records& records,
                               const std::vector<std::int64_t>& loads, std::chrono::sys_days on) {
  care_table t;
  t.title = "Caseload on " + to_iso_string(care::date{on});
  t.columns = {"case_manager", "name",     "role",  "organisation",
               "capacity",     "caseload", "spare", "status"};
  t.numeric = {false, false, false, false, true, true, true, false};
  for (std::size_t i = 0; i < records.case_managers.size(); ++i) {
    const care::case_manager& cm = records.case_managers[i];
    const std::int64_t load = i < loads.size() ? loads[i] : 0;
    std::string status = "ok";
    if (care::is_absent(cm, on)) {
      status = "absent";
    } else if (load > cm.capacity) {
      status = "over capacity";
    }
    t.rows.push_back({cm.id.str(), cm.name, cm.role, cm.organisation, std::to_string(cm.capacity),
                      std::to_string(load), std::to_string(cm.capacity - load), status});
  }
  return t;
}

care_table care_reassignment_table(const care::care_records& records,
                                   const care::reassignment_proposal& proposal) {
  care_table t;
  t.title = "Proposed reassignment of " + proposal.leaving.str() + "'s caseload from " +
            to_iso_string(proposal.on);
  t.columns = {"plan", "nhs_number", "from", "to", "within_capacity"};
  t.numeric = {false, false, false, false, false};
  for (const care::reassignment& m : proposal.moves) {
    const care::care_plan& plan = records.plans[m.plan];
    t.rows.push_back({plan.id.str(), masked(plan.nhs_number), proposal.leaving.str(),
                      m.to.empty() ? std::string("(nobody available)") : m.to.str(),
                      m.within_capacity ? "yes" : "no"});
  }
  return t;
}

care_table care_guarantee_table(const care::guarantee_measures& m) {
  care_table t;
  t.title = "Guarantee measures on " + to_iso_string(m.as_of);
  t.columns = {"measure", "numerator", "denominator", "percent"};
  t.numeric = {false, true, true, false};
  const auto row = [&](const char* name, const care::proportion& p) {
    t.rows.push_back({name, std::to_string(p.numerator), std::to_string(p.denominator),
                      percent_text(p.numerator, p.denominator)});
  };
  row("agreed_plan", m.agreed_plan);
  row("named_case_manager", m.named_case_manager);
  row("review_in_date", m.review_in_date);
  std::string median;
  if (m.median_days_to_plan) {
    const ratio r = *m.median_days_to_plan;
    median = std::to_string(r.num() / r.den()) + (r.den() == 2 ? ".5" : "");
  }
  t.rows.push_back(
      {"median_days_assessment_to_plan", median, std::to_string(m.days_to_plan.size()), ""});
  t.rows.push_back({"p90_days_assessment_to_plan",
                    m.p90_days_to_plan ? std::to_string(*m.p90_days_to_plan) : std::string(),
                    std::to_string(m.days_to_plan.size()), ""});
  t.numeric = {false, false, true, false};
  return t;
}

care_table care_reviews_table(const care::care_records& records,
                              const std::vector<care::due_review>& due) {
  care_table t;
  t.title = "Reviews due";
  t.columns = {"plan", "nhs_number", "kind", "reason", "due", "earliest", "days_overdue"};
  t.numeric = {false, false, false, false, false, false, true};
  for (const care::due_review& d : due) {
    const care::care_plan& plan = records.plans[d.plan];
    t.rows.push_back({plan.id.str(), masked(plan.nhs_number), std::string(to_string(plan.kind)),
                      std::string(to_string(d.review.reason)), to_iso_string(d.review.due),
                      d.review.earliest ? to_iso_string(*d.review.earliest) : std::string(),
                      std::to_string(d.days_overdue)});
  }
  return t;
}

care_table care_spend_table(const std::map<line_id, money>& spend, std::string_view year) {
  care_table t;
  t.title = "Spend committed by agreed plans in " + std::string(year) + ", pro rata by days";
  t.columns = {"line", "committed"};
  t.numeric = {false, false};
  money total;
  for (const auto& [line, amount] : spend) {
    t.rows.push_back({line.empty() ? std::string("(none)") : line.str(), amount.to_string()});
    total += amount;
  }
  t.rows.push_back({"total", total.to_string()});
  return t;
}

}  // namespace report
JOINEDUP_END_NAMESPACE
