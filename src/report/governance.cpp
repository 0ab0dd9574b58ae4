// joinedup: governance results as output tables.
#include "joinedup/report/governance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "joinedup/core/number_text.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/governance.hpp"
#include "joinedup/io/json.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {
namespace {

namespace gv = governance;

/// A percentage to one decimal place, rounded half up ("66.7" for 2/3); "" for a zero
/// denominator.
std::string percent_cell(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) return {};
  return percent_value_text(ratio::of(numerator, denominator), 1, rounding::half_up);
}

using json = nlohmann::ordered_json;

/// The rows of `t` as JSON objects, exactly as report::render writes them.
json rows_of(const table& t) {
  json doc = json::parse(render(t, output_format::json), nullptr, false);
  return doc.is_object() && doc.contains("rows") ? std::move(doc["rows"]) : json::array();
}

/// A document as the CLI prints it: indented by two, ending in a line break.
std::string dump(const json& doc) {
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

/// A limit to one decimal place ("" when missing).
std::string one_place(std::optional<double> v) {
  return v ? fmt::format("{:.1f}", *v) : std::string();
}

/// Why an ambition stands where it does, in words: the coverage it was judged with against the
/// share, or why it cannot be judged (on `as_of`).
std::string ambition_reason(const gv::ambition_result& r, gv::date as_of) {
  const std::string wanted = percent_cell(r.share.num(), r.share.den()) + "%";
  if (!r.coverage) {
    const std::chrono::sys_days day =
        std::min(std::chrono::sys_days(r.by), std::chrono::sys_days(as_of));
    return fmt::format("no {} coverage is dated on or before {}", gv::to_string(r.measure),
                       to_iso_string(gv::date{day}));
  }
  const gv::coverage_record& c = *r.coverage;
  const std::string had = fmt::format("{} of {} residents ({}%) on {}", c.covered, c.residents,
                                      percent_cell(c.covered, c.residents), to_iso_string(c.on));
  if (r.state == gv::ambition_state::met) return had + " reach " + wanted;
  return fmt::format("{} fall short of {} by {} residents", had, wanted, r.residents_short);
}

}  // namespace

table governance_returns_table(const gv::commissioner& c, std::chrono::sys_days as_of) {
  table t{.title = "Returns on " + to_iso_string(gv::date{as_of}),
          .columns = {{"line", column_kind::text},
                      {"body", column_kind::text},
                      {"cadence", column_kind::text},
                      {"period", column_kind::text},
                      {"due", column_kind::date},
                      {"submitted", column_kind::date},
                      {"state", column_kind::text},
                      {"days_overdue", column_kind::integer},
                      {"hwb_sign_off", column_kind::text}},
          .rows = {},
          .name = "returns"};
  for (const gv::return_status& s : gv::returns_on(c, as_of)) {
    const gv::accountability_line& l = c.lines[s.line];
    const gv::return_due& r = l.returns[s.item];
    const bool submitted = r.submitted && std::chrono::sys_days(*r.submitted) <= as_of;
    t.rows.push_back({l.id, l.body, std::string(gv::to_string(l.cadence)), r.period,
                      to_iso_string(r.due), submitted ? to_iso_string(*r.submitted) : "",
                      std::string(gv::to_string(s.state)),
                      s.state == gv::return_state::overdue ? std::to_string(s.days_overdue) : "",
                      std::string(gv::to_string(s.sign_off))});
  }
  return t;
}

std::string governance_check_summary(const gv::commissioner& c, const gv::check_summary& summary,
                                     const diagnostics& diags, std::chrono::sys_days as_of) {
  const std::vector<std::size_t> now = gv::officers_on(c, as_of);
  const std::string officer = now.size() == 1 ? c.accounting_officers[now.front()].name
                                              : fmt::format("{} in post (need 1)", now.size());
  return fmt::format(
      "{} on {}: accounting officer {}; {} returns, {} overdue, {} late, {} HWB sign-off(s) "
      "missing, {} fund(s) on no line of accountability; {} error(s), {} warning(s)\n",
      c.name, to_iso_string(gv::date{as_of}), officer, summary.returns, summary.overdue,
      summary.late, summary.sign_offs_missing, summary.unaccountable_funds,
      diags.count(severity::error) + diags.count(severity::fatal), diags.count(severity::warning));
}

table governance_decision_table(const gv::request& r, const gv::decision& d) {
  table t{.title = "Decision on request " + r.id,
          .columns = {{"request", column_kind::text},
                      {"outcome", column_kind::text},
                      {"rule", column_kind::text},
                      {"reason", column_kind::text},
                      {"message", column_kind::text}},
          .rows = {},
          .name = "reasons"};
  const std::string outcome(gv::to_string(d.outcome));
  if (d.reasons.empty()) t.rows.push_back({r.id, outcome, d.rule, "", ""});
  for (const gv::reason& x : d.reasons)
    t.rows.push_back({r.id, outcome, d.rule, std::string(gv::to_string(x.kind)), x.message});
  return t;
}

std::vector<table> governance_progress_tables(const gv::progress_input& in,
                                              const gv::progress_measures& m) {
  table t{.title = "Integration progress" + (in.area.empty() ? std::string() : " in " + in.area) +
                   " on " + to_iso_string(m.as_of),
          .columns = {{"measure", column_kind::text},
                      {"unit", column_kind::text},
                      {"numerator", column_kind::integer},
                      {"denominator", column_kind::integer},
                      {"percent", column_kind::decimal},
                      {"lower95", column_kind::decimal},
                      {"upper95", column_kind::decimal}},
          .rows = {},
          .name = "measures"};
  for (const gv::measure& x : m.all()) {
    std::string lower;
    std::string upper;
    if ((x.unit == "people" || x.unit == "services") && x.denominator > 0) {
      const result<outcomes::indicator_value> v = gv::to_indicator(x);
      if (v.has_value() && v->interval_count > 0) {
        lower = one_place(v->intervals[0].lower);
        upper = one_place(v->intervals[0].upper);
      }
    }
    t.rows.push_back({x.id, x.unit, std::to_string(x.numerator), std::to_string(x.denominator),
                      percent_cell(x.numerator, x.denominator), lower, upper});
  }
  table a{.title = "Ambitions for population coverage",
          .columns = {{"ambition", column_kind::text},
                      {"share", column_kind::text},
                      {"by", column_kind::date},
                      {"state", column_kind::text},
                      {"residents_short", column_kind::integer},
                      {"confidence", column_kind::text},
                      {"source", column_kind::text},
                      {"measure", column_kind::text},
                      {"measured_on", column_kind::date},
                      {"covered", column_kind::integer},
                      {"residents", column_kind::integer},
                      {"reason", column_kind::text}},
          .rows = {},
          .name = "ambitions"};
  for (std::size_t i = 0; i < m.ambitions.size(); ++i) {
    const gv::ambition_result& r = m.ambitions[i];
    const gv::ambition* src = i < in.ambitions.size() ? &in.ambitions[i] : nullptr;
    const bool judged = r.coverage.has_value();
    a.rows.push_back(
        {r.id, percent_cell(r.share.num(), r.share.den()) + "%", to_iso_string(r.by),
         std::string(gv::to_string(r.state)), judged ? std::to_string(r.residents_short) : "",
         src ? src->confidence : "", src ? src->source : "", std::string(gv::to_string(r.measure)),
         judged ? to_iso_string(r.coverage->on) : "",
         judged ? std::to_string(r.coverage->covered) : "",
         judged ? std::to_string(r.coverage->residents) : "", ambition_reason(r, m.as_of)});
  }
  return {std::move(t), std::move(a)};
}

std::string governance_check_json(const gv::commissioner& c, const gv::check_summary& summary,
                                  const diagnostics& diags, std::chrono::sys_days as_of) {
  const std::vector<std::size_t> now = gv::officers_on(c, as_of);
  json doc;
  doc["schema"] = io::governance_check_schema;
  doc["name"] = c.name;
  doc["as_of"] = to_iso_string(gv::date{as_of});
  doc["accounting_officer"] =
      now.size() == 1 ? json(c.accounting_officers[now.front()].name) : json(nullptr);
  doc["officers_in_post"] = summary.officers_in_post;
  doc["returns_listed"] = summary.returns;
  doc["overdue"] = summary.overdue;
  doc["late"] = summary.late;
  doc["sign_offs_missing"] = summary.sign_offs_missing;
  doc["unaccountable_funds"] = summary.unaccountable_funds;
  doc["returns"] = rows_of(governance_returns_table(c, as_of));
  doc["diagnostics"] = json::parse(io::diagnostics_to_json(diags))["diagnostics"];
  return dump(doc);
}

std::string governance_decision_text(const gv::request& r, const gv::decision& d) {
  std::string out =
      fmt::format("Request {}: {} {} on {} by {}\nDecision: {}\nRule: {}\n", r.id, r.action,
                  r.amount.to_string(money_style::display), to_iso_string(r.on), r.requester,
                  gv::to_string(d.outcome), d.rule.empty() ? std::string("(none)") : d.rule);
  if (!d.counted.empty()) out += "Approvals counted:\n";
  for (const gv::counted_approval& a : d.counted)
    out += fmt::format("  {} as {}\n", a.person, a.role);
  if (!d.reasons.empty()) out += "Reasons:\n";
  for (const gv::reason& x : d.reasons)
    out += fmt::format("  {}: {}\n", gv::to_string(x.kind), x.message);
  return out;
}

std::string governance_decision_json(const gv::request& r, const gv::decision& d) {
  json doc;
  doc["schema"] = io::decision_schema;
  doc["request"] = r.id;
  doc["action"] = r.action;
  doc["amount"] = r.amount.to_string();
  doc["on"] = to_iso_string(r.on);
  doc["requester"] = r.requester;
  doc["outcome"] = gv::to_string(d.outcome);
  doc["rule"] = d.rule.empty() ? json(nullptr) : json(d.rule);
  doc["reasons"] = json::array();
  for (const gv::reason& x : d.reasons) {
    doc["reasons"].push_back({{"kind", gv::to_string(x.kind)},
                              {"denies", gv::is_denial(x.kind)},
                              {"message", x.message}});
  }
  doc["counted"] = json::array();
  for (const gv::counted_approval& a : d.counted)
    doc["counted"].push_back({{"person", a.person}, {"role", a.role}});
  return dump(doc);
}

std::string governance_progress_json(const gv::progress_input& in, const gv::progress_measures& m) {
  const std::vector<table> tables = governance_progress_tables(in, m);
  json doc;
  doc["schema"] = io::progress_report_schema;
  if (!in.area.empty()) doc["area"] = in.area;
  doc["as_of"] = to_iso_string(m.as_of);
  doc["financial_year"] = in.year.to_string();
  doc["measures"] = rows_of(tables[0]);
  doc["ambitions"] = rows_of(tables[1]);
  return dump(doc);
}

}  // namespace report
JOINEDUP_END_NAMESPACE
