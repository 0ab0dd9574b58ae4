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

/// `last` - `first` as a decimal to `places` places, multiplied by `scale` (100 for percentage
/// points), rounded half away from zero ("2.50", "-0.30", "0.00"): exact in 128 bits, as the two
/// ratios may have denominators in pence.
std::string change_text(ratio first, ratio last, int places, std::int64_t scale) {
  using ::joinedup::detail::int128;
  const int128 num = (int128{last.num()} * first.den() - int128{first.num()} * last.den()) * scale *
                     ::joinedup::detail::pow10(places);
  const int128 den = int128{last.den()} * first.den();
  return fixed_text(::joinedup::detail::divide_rounded(num, den, rounding::half_up), places);
}

/// The mean number of organisations to two places, half up ("" when nobody is counted).
std::string mean_cell(const std::optional<ratio>& mean) {
  return mean ? decimal_text(*mean, 2, rounding::half_up) : std::string();
}

/// A share as a percentage to one place, half up ("" when there is none).
std::string share_cell(const std::optional<ratio>& share) {
  return share ? percent_value_text(*share, 1, rounding::half_up) : std::string();
}

/// The measures a fund and care records add to the measures table: the community and acute
/// shares of pooled revenue planned on the date, and spent to date with a ledger; organisations
/// involved per person with complex needs.
std::vector<gv::measure> integration_rows(const gv::integration_measures& x) {
  std::vector<gv::measure> out;
  if (x.settings) {
    const gv::setting_spend& p = x.settings->planned;
    out.push_back({"community_share_planned",
                   "Share of pooled revenue planned in community and social care settings", "pence",
                   p.community.pence(), p.total().pence()});
    out.push_back({"acute_share_planned", "Share of pooled revenue planned in acute settings",
                   "pence", p.acute.pence(), p.total().pence()});
    if (const std::optional<gv::setting_spend>& s = x.settings->to_date) {
      out.push_back({"community_share_spent",
                     "Share of pooled revenue spent to date in community and social care settings",
                     "pence", s->community.pence(), s->total().pence()});
      out.push_back({"acute_share_spent", "Share of pooled revenue spent to date in acute settings",
                     "pence", s->acute.pence(), s->total().pence()});
    }
  }
  if (x.organisations) {
    const gv::organisations_count& c = x.organisations->on_date;
    out.push_back({"organisations_per_person",
                   "Organisations involved per person with complex needs", "organisations",
                   c.organisations, c.people});
  }
  return out;
}

/// Pooled revenue by setting in each period, named "settings": planned (the fund at the period's
/// end) and, with a ledger, spent in the period.
table settings_table(const gv::settings_measure& s) {
  table t{.title = "Pooled revenue by care setting",
          .columns = {{"period", column_kind::text},
                      {"end", column_kind::date},
                      {"basis", column_kind::text},
                      {"community", column_kind::money},
                      {"acute", column_kind::money},
                      {"other", column_kind::money},
                      {"total", column_kind::money},
                      {"community_percent", column_kind::decimal},
                      {"acute_percent", column_kind::decimal}},
          .rows = {},
          .name = "settings"};
  const auto row = [&](const gv::year_period& p, const char* basis, const gv::setting_spend& v) {
    t.rows.push_back({p.label, to_iso_string(gv::date{p.days.last()}), basis,
                      v.community.to_string(), v.acute.to_string(), v.other.to_string(),
                      v.total().to_string(), share_cell(v.community_share()),
                      share_cell(v.acute_share())});
  };
  for (const gv::setting_period& p : s.periods) {
    row(p.when, "planned", p.planned);
    if (p.actual) row(p.when, "spent", *p.actual);
  }
  return t;
}

/// Organisations per person with complex needs at each period end, named "organisations".
table organisations_table(const gv::organisations_measure& o) {
  table t{.title = "Organisations involved per person with complex needs",
          .columns = {{"period", column_kind::text},
                      {"on", column_kind::date},
                      {"people", column_kind::integer},
                      {"organisations", column_kind::integer},
                      {"mean", column_kind::decimal},
                      {"none", column_kind::integer},
                      {"one", column_kind::integer},
                      {"two", column_kind::integer},
                      {"three", column_kind::integer},
                      {"four_or_more", column_kind::integer}},
          .rows = {},
          .name = "organisations"};
  for (const gv::organisations_period& p : o.periods) {
    const gv::organisations_count& c = p.count;
    std::vector<std::string> r{p.when.label, to_iso_string(gv::date{p.when.days.last()}),
                               std::to_string(c.people), std::to_string(c.organisations),
                               mean_cell(c.mean())};
    for (const std::int64_t n : c.distribution)
      r.push_back(std::to_string(n));
    t.rows.push_back(std::move(r));
  }
  return t;
}

/// One trend row: the values in the form of the measure (a mean to two places, or a percentage to
/// one), the change to two places (percentage points for shares), the direction and whether
/// it is the better way (`lower_better`: fewer organisations, less acute spend).
std::vector<std::string> trend_row(std::string_view id, const gv::trend& t, bool share,
                                   bool lower_better) {
  const auto value = [&](ratio r) {
    return share ? percent_value_text(r, 1, rounding::half_up)
                 : decimal_text(r, 2, rounding::half_up);
  };
  const char* judged = t.direction == gv::trend_direction::flat                     ? "same"
                       : (t.direction == gv::trend_direction::down) == lower_better ? "better"
                                                                                    : "worse";
  return {std::string(id),
          t.from,
          t.to,
          value(t.first),
          value(t.last),
          change_text(t.first, t.last, 2, share ? 100 : 1),
          std::string(gv::to_string(t.direction)),
          judged};
}

/// The trends from the first period to the last, named "trends".
table trends_table(const gv::integration_measures& x) {
  table t{.title = "Trends from the first period to the last",
          .columns = {{"measure", column_kind::text},
                      {"from", column_kind::text},
                      {"to", column_kind::text},
                      {"first", column_kind::decimal},
                      {"last", column_kind::decimal},
                      {"change", column_kind::decimal},
                      {"direction", column_kind::text},
                      {"judged", column_kind::text}},
          .rows = {},
          .name = "trends"};
  if (x.organisations && x.organisations->mean)
    t.rows.push_back(trend_row("organisations_per_person", *x.organisations->mean, false, true));
  if (x.settings) {
    const gv::settings_measure& s = *x.settings;
    if (s.community_planned)
      t.rows.push_back(trend_row("community_share_planned", *s.community_planned, true, false));
    if (s.acute_planned)
      t.rows.push_back(trend_row("acute_share_planned", *s.acute_planned, true, true));
    if (s.community_actual)
      t.rows.push_back(trend_row("community_share_spent", *s.community_actual, true, false));
    if (s.acute_actual)
      t.rows.push_back(trend_row("acute_share_spent", *s.acute_actual, true, true));
  }
  return t;
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
                                              const gv::progress_measures& m,
                                              const gv::integration_measures& x) {
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
  std::vector<gv::measure> rows = m.all();
  for (gv::measure& r : integration_rows(x))
    rows.push_back(std::move(r));
  for (const gv::measure& r : rows) {
    std::string lower;
    std::string upper;
    if ((r.unit == "people" || r.unit == "services") && r.denominator > 0) {
      const result<outcomes::indicator_value> v = gv::to_indicator(r);
      if (v.has_value() && v->interval_count > 0) {
        lower = one_place(v->intervals[0].lower);
        upper = one_place(v->intervals[0].upper);
      }
    }
    // Organisations per person is a mean, not a share: no percentage.
    t.rows.push_back({r.id, r.unit, std::to_string(r.numerator), std::to_string(r.denominator),
                      r.unit == "organisations" ? "" : percent_cell(r.numerator, r.denominator),
                      lower, upper});
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
  std::vector<table> out{std::move(t), std::move(a)};
  if (x.settings) out.push_back(settings_table(*x.settings));
  if (x.organisations) out.push_back(organisations_table(*x.organisations));
  if (x.settings || x.organisations) out.push_back(trends_table(x));
  return out;
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

std::string governance_progress_json(const gv::progress_input& in, const gv::progress_measures& m,
                                     const gv::integration_measures& x) {
  const std::vector<table> tables = governance_progress_tables(in, m, x);
  json doc;
  doc["schema"] = io::progress_report_schema;
  if (!in.area.empty()) doc["area"] = in.area;
  doc["as_of"] = to_iso_string(m.as_of);
  doc["financial_year"] = in.year.to_string();
  doc["measures"] = rows_of(tables[0]);
  doc["ambitions"] = rows_of(tables[1]);
  for (std::size_t i = 2; i < tables.size(); ++i)
    doc[tables[i].name] = rows_of(tables[i]);
  return dump(doc);
}

}  // namespace report
JOINEDUP_END_NAMESPACE
