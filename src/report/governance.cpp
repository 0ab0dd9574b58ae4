// joinedup: governance results as output tables.
#include "joinedup/report/governance.hpp"

#include <fmt/format.h>

#include "joinedup/core/number_text.hpp"
#include "joinedup/core/period.hpp"

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

/// A limit to one decimal place ("" when missing).
std::string one_place(std::optional<double> v) {
  return v ? fmt::format("{:.1f}", *v) : std::string();
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
                      {"source", column_kind::text}},
          .rows = {},
          .name = "ambitions"};
  for (std::size_t i = 0; i < m.ambitions.size(); ++i) {
    const gv::ambition_result& r = m.ambitions[i];
    const gv::ambition* src = i < in.ambitions.size() ? &in.ambitions[i] : nullptr;
    a.rows.push_back({r.id, percent_cell(r.share.num(), r.share.den()) + "%", to_iso_string(r.by),
                      std::string(gv::to_string(r.state)), std::to_string(r.residents_short),
                      src ? src->confidence : "", src ? src->source : ""});
  }
  return {std::move(t), std::move(a)};
}

}  // namespace report
JOINEDUP_END_NAMESPACE
