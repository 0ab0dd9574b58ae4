// joinedup: care reports as output tables.
#include "joinedup/report/care.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "joinedup/core/number_text.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

namespace {
/// The masked form of an NHS number as written, or a neutral note when it is not one.
std::string masked(const std::string& text) {
  if (const auto n = nhs_number::parse(text)) return n->masked();
  return "(invalid)";
}

/// A text column.
column text(std::string name) {
  return {std::move(name), column_kind::text};
}

/// A whole-number column.
column integer(std::string name) {
  return {std::move(name), column_kind::integer};
}
}  // namespace

std::string percent_text(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0 || numerator < 0) return "";
  return percent_value_text(ratio::of(numerator, denominator), 1, rounding::half_up);
}

table care_caseload_table(const care::care_records& records, const std::vector<std::int64_t>& loads,
                          std::chrono::sys_days on) {
  table t{.title = "Caseload on " + to_iso_string(care::date{on}),
          .columns = {text("case_manager"), text("name"), text("role"), text("organisation"),
                      integer("capacity"), integer("caseload"), integer("spare"), text("status")},
          .rows = {},
          .name = "caseload"};
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

table care_reassignment_table(const care::care_records& records,
                              const care::reassignment_proposal& proposal) {
  table t{.title = "Proposed reassignment of " + proposal.leaving.str() + "'s caseload from " +
                   to_iso_string(proposal.on),
          .columns = {text("plan"), text("nhs_number"), text("from"), text("to"),
                      text("within_capacity")},
          .rows = {},
          .name = "reassignment"};
  for (const care::reassignment& m : proposal.moves) {
    const care::care_plan& plan = records.plans[m.plan];
    t.rows.push_back({plan.id.str(), masked(plan.nhs_number), proposal.leaving.str(),
                      m.to.empty() ? std::string("(nobody available)") : m.to.str(),
                      m.within_capacity ? "yes" : "no"});
  }
  return t;
}

table care_guarantee_table(const care::guarantee_measures& m) {
  table t{.title = "Guarantee measures on " + to_iso_string(m.as_of),
          .columns = {text("measure"), text("numerator"), integer("denominator"), text("percent")},
          .rows = {},
          .name = "guarantee"};
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
  return t;
}

table care_reviews_table(const care::care_records& records,
                         const std::vector<care::due_review>& due) {
  table t{.title = "Reviews due",
          .columns = {text("plan"),
                      text("nhs_number"),
                      text("kind"),
                      text("reason"),
                      {"due", column_kind::date},
                      {"earliest", column_kind::date},
                      integer("days_overdue")},
          .rows = {},
          .name = "reviews"};
  for (const care::due_review& d : due) {
    const care::care_plan& plan = records.plans[d.plan];
    t.rows.push_back({plan.id.str(), masked(plan.nhs_number), std::string(to_string(plan.kind)),
                      std::string(to_string(d.review.reason)), to_iso_string(d.review.due),
                      d.review.earliest ? to_iso_string(*d.review.earliest) : std::string(),
                      std::to_string(d.days_overdue)});
  }
  return t;
}

table care_spend_table(const std::map<line_id, money>& spend, std::string_view year) {
  table t{.title = "Spend committed by agreed plans in " + std::string(year) + ", pro rata by days",
          .columns = {text("line"), {"committed", column_kind::money}},
          .rows = {},
          .name = "committed_spend"};
  money total;
  for (const auto& [line, amount] : spend) {
    t.rows.push_back({line.empty() ? std::string("(none)") : line.str(), amount.to_string()});
    total += amount;
  }
  t.rows.push_back({"total", total.to_string()});
  return t;
}

std::string care_check_summary(const care::care_records& records, const care::validation_summary& s,
                               const diagnostics& diags, std::chrono::sys_days as_of) {
  return fmt::format(
      "{} people, {} case managers, {} plans ({} in force) on {}: {} error(s), {} warning(s); {} "
      "review(s) overdue, {} case manager gap(s) or overlap(s)\n",
      records.people.size(), records.case_managers.size(), records.plans.size(), s.plans_in_force,
      to_iso_string(care::date{as_of}), diags.count(severity::error) + diags.count(severity::fatal),
      diags.count(severity::warning), s.reviews_overdue, s.coverage_problems);
}

std::string care_caseload_heading(const care::care_records& records,
                                  const care::guarantee_measures& m, std::chrono::sys_days as_of) {
  return fmt::format(
      "Caseload on {}: {} people ({} with complex needs), {} plans, {} case managers\n",
      to_iso_string(care::date{as_of}), records.people.size(), m.agreed_plan.denominator,
      records.plans.size(), records.case_managers.size());
}

}  // namespace report
JOINEDUP_END_NAMESPACE
