// joinedup CLI: reading a pooled fund, applying its events under the scheme of delegation and
// costing its care commitments (budget_run.hpp).
#include "budget_run.hpp"

#include "cli.hpp"
#include "joinedup/care/costing.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/fund_events.hpp"
#include "joinedup/io/governance.hpp"

namespace joinedup::cli {
namespace {

/// The governance action an event needs a decision for, under the scheme of delegation.
governance::action action_of(const budget::fund_event& e, const budget::pooled_fund& fund) {
  switch (e.kind) {
    case budget::fund_event_kind::virement: {
      const budget::expenditure_line* from = fund.find_line(e.from_line);
      const budget::expenditure_line* to = fund.find_line(e.to_line);
      return from != nullptr && to != nullptr && from->scheme == to->scheme
                 ? governance::action::virement_between_lines
                 : governance::action::virement_between_schemes;
    }
    case budget::fund_event_kind::new_scheme:
    case budget::fund_event_kind::new_line:
      return governance::action::new_scheme;
    case budget::fund_event_kind::contribution_variation:
    case budget::fund_event_kind::instalment_schedule:
      return governance::action::contribution_variation;
    case budget::fund_event_kind::risk_share_deviation:
      return governance::action::risk_share_deviation;
  }
  return governance::action::virement_between_lines;
}

/// The sum a decision on the event covers: what moves, what a new line plans, how much a
/// contribution changes (either way).
money amount_of(const budget::fund_event& e) {
  if (e.kind == budget::fund_event_kind::new_line && e.line) return e.line->planned;
  if (e.kind == budget::fund_event_kind::contribution_variation && e.amount && e.was) {
    const money change = *e.amount - *e.was;
    return change.is_negative() ? -change : change;
  }
  return e.amount.value_or(money{});
}

/// Checks every applied event against the scheme of delegation: one without a permitted
/// decision is the error budget.events.not_permitted at /events/i.
void check_events_against_scheme(const governance::scheme& scheme,
                                 const budget::fund_events& events, const budget::fund_at_date& at,
                                 diagnostics& diags) {
  for (const budget::applied_event& a : at.applied) {
    const budget::fund_event& e = events.events[a.index];
    governance::request req;
    req.id = e.id;
    req.action = std::string(governance::to_string(action_of(e, at.fund)));
    req.amount = amount_of(e);
    req.on = e.date;
    req.requester = e.requester;
    req.approvers = e.approvers;
    const governance::decision d = governance::decide(scheme, req);
    if (d.outcome == governance::outcome::permitted) continue;
    std::string why;
    for (const governance::reason& r : d.reasons) {
      if (!governance::is_denial(r.kind)) continue;
      why += (why.empty() ? "" : "; ") + r.message;
    }
    diags.error("budget.events.not_permitted", json_pointer{}.key("events").index(a.index).str(),
                "event " + (e.id.empty() ? std::to_string(a.index + 1) : e.id) + " (" +
                    std::string(enum_name(e.kind)) + ", " + req.action + " of " +
                    req.amount.to_string(money_style::display) +
                    ") has no permitted decision under the scheme of delegation: " +
                    (why.empty() ? "denied" : why) +
                    "; record the decision's requester and the approvers its rule needs in the "
                    "event, or leave the event out until it is decided");
  }
}

}  // namespace

/// Applies --events up to `on` (checked against --scheme when given). Returns the fund as it
/// stands then, or nullopt (with diagnostics) when the events cannot be read or one of them
/// cannot be applied or is not permitted: a fund missing an event is never shown as the fund.
std::optional<budget::fund_at_date> apply_events(const budget_options& opt,
                                                 const budget::pooled_fund& fund,
                                                 std::chrono::year_month_day on,
                                                 diagnostics& diags) {
  budget::fund_at_date out;
  out.fund = fund;
  if (opt.events_file.empty()) return out;
  const result<std::string> text = io::read_file(opt.events_file);
  if (!collect(text, diags, "")) return std::nullopt;
  diagnostics read;
  const std::optional<budget::fund_events> events = io::read_events_or_audit(*text, read);
  const bool unreadable = !events || read.has_errors();
  diags.append(read);
  if (unreadable) return std::nullopt;
  diagnostics applying;
  out = budget::fund_on(fund, *events, on, applying);
  if (!opt.scheme_file.empty()) {
    const result<std::string> stext = io::read_file(opt.scheme_file);
    if (!collect(stext, applying, "")) {
      diags.append(applying);
      return std::nullopt;
    }
    const std::optional<governance::scheme> scheme = io::read_delegation(*stext, applying);
    if (scheme) check_events_against_scheme(*scheme, *events, out, applying);
  }
  const bool failed = applying.has_errors();
  diags.append(applying);
  if (failed) return std::nullopt;
  return out;
}

/// Reads FUND.json and its catalogue (shipped for the year, or --catalogue).
loaded_fund load_fund(const budget_options& opt, diagnostics& diags) {
  loaded_fund out;
  const result<std::string> text = io::read_file(opt.fund_file);
  if (!collect(text, diags, "")) return out;
  out.fund = io::read_pooled_fund(*text, diags);
  if (!out.fund) return out;
  if (!opt.catalogue_file.empty()) {
    const result<std::string> ctext = io::read_file(opt.catalogue_file);
    if (collect(ctext, diags, "")) out.catalogue = io::read_bcf_catalogue(*ctext, diags);
  } else {
    const result<budget::bcf_catalogue> c = io::shipped_bcf_catalogue(out.fund->year);
    if (collect(c, diags, "/financial_year")) out.catalogue = *c;
  }
  return out;
}

/// --plans: every publicly funded service of the care plans agreed by the as-of date costs, from
/// the next day to the year end (or the plan's closure), a commitment on the fund line it names
/// (care::try_commitments_to_year_end). A service naming a line the fund does not have is the
/// error budget.forecast.plan_line (its cost is not counted). Returns false when the plans
/// cannot be read or costed.
bool add_care_commitments(const budget_options& opt, const budget::pooled_fund& fund,
                          std::chrono::year_month_day as_of, budget::extra_commitments& out,
                          diagnostics& diags) {
  if (opt.plans_file.empty()) return true;
  const result<std::string> text = io::read_file(opt.plans_file);
  if (!collect(text, diags, "")) return false;
  diagnostics read;
  const std::optional<care::care_records> records = io::read_care_records(*text, read);
  const bool unreadable = !records || read.has_errors();
  diags.append(read);
  if (unreadable) return false;
  const result<std::vector<care::service_commitment>> costs = care::try_commitments_to_year_end(
      *records, fund.year, std::chrono::sys_days(as_of), rounding::half_up);
  if (!collect(costs, diags, "")) return false;
  for (const care::service_commitment& c : *costs) {
    if (c.line.str().empty()) continue;  // not commissioned through the pooled fund
    if (fund.find_line(c.line.str()) == nullptr) {
      diags.error("budget.forecast.plan_line", "",
                  "service '" + c.service + "' of plan '" + c.plan + "' names line '" +
                      c.line.str() + "', which is not in the fund; its " +
                      c.amount.to_string(money_style::display) +
                      " to the year end is not counted as a commitment");
      continue;
    }
    out[c.line.str()] += c.amount;
  }
  return true;
}

}  // namespace joinedup::cli
