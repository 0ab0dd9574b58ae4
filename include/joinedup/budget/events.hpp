// joinedup: a pooled fund through its year. In-year events are dated documents — a contribution
// varied, a virement between lines, a new scheme or line, a scheme's risk-share deviation, a new
// instalment schedule — and fund_on() gives the fund as it stands on a date, with every event
// dated on or before it applied in date order. docs/budget-events.md.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/detail/common.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// What an in-year event does to the fund.
enum class fund_event_kind : std::uint8_t {
  contribution_variation,  ///< a partner's contribution to a source is varied (reg 7(3)(b))
  virement,                ///< planned spend moved from one line to another
  new_scheme,              ///< a scheme added to the fund
  new_line,                ///< an expenditure line added to a scheme
  risk_share_deviation,    ///< schemes or lines given their own risk-share rule
  instalment_schedule,     ///< a contribution's instalments replaced
};

/// One dated in-year event. The members a kind does not use keep their defaults.
struct fund_event {
  std::string id;                      ///< the event's reference (e.g. a minute number)
  std::chrono::year_month_day date{};  ///< the day it takes effect
  fund_event_kind kind = fund_event_kind::virement;  ///< what it does
  std::string description;                           ///< what and why, in words
  std::string requester;                             ///< person id who asked (scheme of delegation)
  std::vector<std::string> approvers;                ///< person ids who approved
  std::string partner;          ///< contribution_variation, instalment_schedule: the partner
  std::string source;           ///< contribution_variation, instalment_schedule: the source
  std::optional<money> amount;  ///< variation: the new contribution; virement: the sum moved
  std::optional<money> was;     ///< variation: the contribution before (checked when given)
  std::vector<instalment> instalments;        ///< variation, instalment_schedule: the new schedule
  std::string from_line;                      ///< virement: the line the money leaves
  std::string to_line;                        ///< virement: the line it goes to
  std::optional<budget::scheme> scheme;       ///< new_scheme: the scheme
  std::optional<expenditure_line> line;       ///< new_line: the line
  std::vector<std::string> schemes;           ///< risk_share_deviation: the schemes
  std::vector<std::string> lines;             ///< risk_share_deviation: the lines
  std::optional<overspend_rule> overspend;    ///< risk_share_deviation: its overspend rule
  std::optional<underspend_rule> underspend;  ///< risk_share_deviation: its underspend rule
  /// Memberwise equality.
  friend bool operator==(const fund_event&, const fund_event&) = default;
};

/// A fund's events document (joinedup/fund-events/v1).
struct fund_events {
  std::string fund;                ///< the fund's name, checked against the fund when given
  std::vector<fund_event> events;  ///< in any order; applied by date, ties in document order
  /// Memberwise equality.
  friend bool operator==(const fund_events&, const fund_events&) = default;
};

/// An event fund_on() applied: its position in the document and what it did, in words.
struct applied_event {
  std::size_t index = 0;                             ///< position in fund_events::events
  std::string id;                                    ///< the event's reference
  std::chrono::year_month_day date{};                ///< the day it took effect
  fund_event_kind kind = fund_event_kind::virement;  ///< what kind
  std::string summary;  ///< what it did, e.g. "L05 → L01 £150,000.00"
  /// Memberwise equality.
  friend bool operator==(const applied_event&, const applied_event&) = default;
};

/// The fund as it stands on a date, and the events that made it so.
struct fund_at_date {
  pooled_fund fund;                    ///< the fund with the events applied
  std::vector<applied_event> applied;  ///< in the order applied
  std::size_t later = 0;               ///< events dated after the date (not applied)
};

}  // namespace budget

/// The interchange names of fund_event_kind, in enumerator order.
template <>
inline constexpr auto enum_names<budget::fund_event_kind> = std::array<std::string_view, 6>{
    "contribution_variation", "virement",           "new_scheme", "new_line",
    "risk_share_deviation",   "instalment_schedule"};

/// The fields of an event, in the order they are written.
template <>
inline constexpr auto fields_of<budget::fund_event> =
    std::tuple{field("id", &budget::fund_event::id, presence::omit_empty),
               field("date", &budget::fund_event::date),
               field("kind", &budget::fund_event::kind),
               field("description", &budget::fund_event::description, presence::omit_empty),
               field("requester", &budget::fund_event::requester, presence::omit_empty),
               field("approvers", &budget::fund_event::approvers, presence::omit_empty),
               field("partner", &budget::fund_event::partner, presence::omit_empty),
               field("source", &budget::fund_event::source, presence::omit_empty),
               field("amount", &budget::fund_event::amount, presence::omit_empty),
               field("was", &budget::fund_event::was, presence::omit_empty),
               field("instalments", &budget::fund_event::instalments, presence::omit_empty),
               field("from_line", &budget::fund_event::from_line, presence::omit_empty),
               field("to_line", &budget::fund_event::to_line, presence::omit_empty),
               field("scheme", &budget::fund_event::scheme, presence::omit_empty),
               field("line", &budget::fund_event::line, presence::omit_empty),
               field("schemes", &budget::fund_event::schemes, presence::omit_empty),
               field("lines", &budget::fund_event::lines, presence::omit_empty),
               field("overspend", &budget::fund_event::overspend, presence::omit_empty),
               field("underspend", &budget::fund_event::underspend, presence::omit_empty)};

/// The fields of an events document (the "schema" tag is handled by the reader).
template <>
inline constexpr auto fields_of<budget::fund_events> =
    std::tuple{field("fund", &budget::fund_events::fund, presence::omit_empty),
               field("events", &budget::fund_events::events)};

namespace budget {
namespace detail {

/// Applies events to one fund; each check that fails is an error at /events/i.
class event_applier {
 public:
  /// Binds the fund to change and where diagnostics go.
  event_applier(pooled_fund& fund, diagnostics& d) : f_(fund), d_(d) {}

  /// Applies event `i` (at /events/i); its summary, or nullopt when it could not be applied.
  std::optional<std::string> apply(const fund_event& e, std::size_t i) {
    at_ = json_pointer{}.key("events").index(i);
    if (!e.date.ok() || !f_.year.contains(std::chrono::sys_days(e.date))) {
      error("budget.events.outside_year", "date",
            "the event is dated " + to_iso_string(e.date) + ", outside the fund's year " +
                f_.year.to_string());
      return std::nullopt;
    }
    switch (e.kind) {
      case fund_event_kind::contribution_variation:
        return variation(e);
      case fund_event_kind::virement:
        return virement(e);
      case fund_event_kind::new_scheme:
        return add_scheme(e);
      case fund_event_kind::new_line:
        return add_line(e);
      case fund_event_kind::risk_share_deviation:
        return deviation(e);
      case fund_event_kind::instalment_schedule:
        return schedule(e);
    }
    return std::nullopt;
  }

 private:
  void error(std::string_view code, std::string_view member, std::string message) {
    json_pointer p = at_;
    if (!member.empty()) p = p.key(member);
    d_.error(std::string(code), p.str(), std::move(message));
  }

  /// The contribution of `partner` to `source`, or nullptr.
  contribution* find_contribution(std::string_view partner, std::string_view source) {
    for (contribution& c : f_.contributions) {
      if (c.partner == partner && c.source == source) return &c;
    }
    return nullptr;
  }

  std::optional<std::string> variation(const fund_event& e) {
    if (f_.find_partner(e.partner) == nullptr) {
      error("budget.events.unknown_partner", "partner",
            "the variation names partner '" + e.partner + "', which is not in the fund");
      return std::nullopt;
    }
    if (e.source.empty() || !e.amount || e.amount->is_negative()) {
      error("budget.events.incomplete", e.source.empty() ? "source" : "amount",
            "a contribution variation needs a source and a new amount of zero or more");
      return std::nullopt;
    }
    contribution* c = find_contribution(e.partner, e.source);
    const money before = c != nullptr ? c->amount : money{};
    if (e.was && !(*e.was == before)) {
      error("budget.events.variation_mismatch", "was",
            "the variation says the contribution was " + gbp(*e.was) + " but the fund has " +
                gbp(before) + " from '" + e.partner + "' to '" + e.source + "'");
      return std::nullopt;
    }
    if (c == nullptr) {
      f_.contributions.push_back({e.partner, e.source, money{}, {}});
      c = &f_.contributions.back();
    }
    const money change = *e.amount - before;
    c->amount = *e.amount;
    if (!e.instalments.empty()) {
      c->instalments = e.instalments;
    } else if (!c->instalments.empty()) {
      // The change is paid with the final instalment, the one still to come.
      instalment* last = &c->instalments.back();
      last->amount += change;
    }
    if (f_.stated_total) *f_.stated_total += change;
    return e.partner + " " + e.source + " " + gbp(before) + " → " + gbp(*e.amount);
  }

  std::optional<std::string> virement(const fund_event& e) {
    expenditure_line* from = find_line(e.from_line);
    expenditure_line* to = find_line(e.to_line);
    if (from == nullptr || to == nullptr) {
      error("budget.events.unknown_line", from == nullptr ? "from_line" : "to_line",
            "the virement names line '" + (from == nullptr ? e.from_line : e.to_line) +
                "', which is not in the fund on " + to_iso_string(e.date));
      return std::nullopt;
    }
    if (!e.amount || !e.amount->is_positive() || from == to) {
      error("budget.events.incomplete", "amount",
            "a virement needs two different lines and an amount above zero");
      return std::nullopt;
    }
    if (*e.amount > from->planned) {
      error("budget.events.virement_exceeds_line", "amount",
            "the virement moves " + gbp(*e.amount) + " from line '" + from->id +
                "', which plans only " + gbp(from->planned));
      return std::nullopt;
    }
    from->planned -= *e.amount;
    to->planned += *e.amount;
    return from->id + " → " + to->id + " " + gbp(*e.amount);
  }

  expenditure_line* find_line(std::string_view id) {
    for (expenditure_line& l : f_.lines) {
      if (l.id == id) return &l;
    }
    return nullptr;
  }

  [[nodiscard]] bool has_scheme(std::string_view id) const {
    return std::any_of(f_.schemes.begin(), f_.schemes.end(),
                       [&](const budget::scheme& s) { return s.id == id; });
  }

  std::optional<std::string> add_scheme(const fund_event& e) {
    if (!e.scheme || e.scheme->id.empty()) {
      error("budget.events.incomplete", "scheme", "a new scheme needs its scheme, with an id");
      return std::nullopt;
    }
    if (has_scheme(e.scheme->id)) {
      error("budget.events.duplicate", "scheme",
            "scheme '" + e.scheme->id + "' is already in the fund");
      return std::nullopt;
    }
    f_.schemes.push_back(*e.scheme);
    return "scheme " + e.scheme->id + (e.scheme->name.empty() ? "" : " " + e.scheme->name);
  }

  std::optional<std::string> add_line(const fund_event& e) {
    if (!e.line || e.line->id.empty()) {
      error("budget.events.incomplete", "line", "a new line needs its line, with an id");
      return std::nullopt;
    }
    if (find_line(e.line->id) != nullptr) {
      error("budget.events.duplicate", "line", "line '" + e.line->id + "' is already in the fund");
      return std::nullopt;
    }
    if (!has_scheme(e.line->scheme)) {
      error("budget.events.unknown_scheme", "line",
            "the new line names scheme '" + e.line->scheme + "', which is not in the fund on " +
                to_iso_string(e.date));
      return std::nullopt;
    }
    f_.lines.push_back(*e.line);
    return "line " + e.line->id + " in scheme " + e.line->scheme + ", planned " +
           gbp(e.line->planned);
  }

  std::optional<std::string> deviation(const fund_event& e) {
    if (e.schemes.empty() && e.lines.empty()) {
      error("budget.events.incomplete", "schemes",
            "a risk-share deviation needs the schemes or lines it covers");
      return std::nullopt;
    }
    for (std::size_t k = 0; k < e.schemes.size(); ++k) {
      if (!has_scheme(e.schemes[k])) {
        error("budget.events.unknown_scheme", "schemes",
              "the deviation names scheme '" + e.schemes[k] + "', which is not in the fund");
        return std::nullopt;
      }
    }
    for (std::size_t k = 0; k < e.lines.size(); ++k) {
      if (find_line(e.lines[k]) == nullptr) {
        error("budget.events.unknown_line", "lines",
              "the deviation names line '" + e.lines[k] + "', which is not in the fund");
        return std::nullopt;
      }
    }
    if (!e.overspend && !e.underspend) {
      error("budget.events.incomplete", "overspend",
            "a risk-share deviation needs an overspend or underspend rule");
      return std::nullopt;
    }
    risk_share_override o;
    o.schemes = e.schemes;
    o.lines = e.lines;
    o.rule = current_rule(e);
    if (e.overspend) o.rule.overspend = *e.overspend;
    if (e.underspend) o.rule.underspend = *e.underspend;
    // The deviation is the newest word: it goes before the agreement's own overrides.
    f_.risk_share.overrides.insert(f_.risk_share.overrides.begin(), o);
    std::string who;
    for (const std::string& s : e.schemes)
      who += (who.empty() ? "" : ", ") + s;
    for (const std::string& l : e.lines)
      who += (who.empty() ? "" : ", ") + l;
    return who + ": overspend " + std::string(enum_name(o.rule.overspend)) + ", underspend " +
           std::string(enum_name(o.rule.underspend));
  }

  /// The rule the deviation departs from: the override that covers its first line (a line
  /// override beats a scheme one), else its first scheme, else the agreement's default.
  [[nodiscard]] risk_share_rule current_rule(const fund_event& e) const {
    const std::vector<risk_share_override>& os = f_.risk_share.overrides;
    for (const std::string& id : e.lines) {
      for (const risk_share_override& o : os) {
        if (std::find(o.lines.begin(), o.lines.end(), id) != o.lines.end()) return o.rule;
      }
    }
    for (const std::string& id : e.schemes) {
      for (const risk_share_override& o : os) {
        if (std::find(o.schemes.begin(), o.schemes.end(), id) != o.schemes.end()) return o.rule;
      }
    }
    return f_.risk_share.default_rule;
  }

  std::optional<std::string> schedule(const fund_event& e) {
    contribution* c = find_contribution(e.partner, e.source);
    if (c == nullptr) {
      error("budget.events.unknown_contribution", "partner",
            "no contribution from '" + e.partner + "' to '" + e.source + "' to reschedule");
      return std::nullopt;
    }
    money total;
    for (const instalment& in : e.instalments)
      total += in.amount;
    if (e.instalments.empty() || !(total == c->amount)) {
      error("budget.events.instalments", "instalments",
            "the new instalments add up to " + gbp(total) + ", not the contribution of " +
                gbp(c->amount));
      return std::nullopt;
    }
    c->instalments = e.instalments;
    return e.partner + " " + e.source + ": " + std::to_string(e.instalments.size()) +
           " instalments";
  }

  pooled_fund& f_;
  diagnostics& d_;
  json_pointer at_;
};

}  // namespace detail

/// The fund as it stands on `on`: `base` with every event of `events` dated on or before `on`
/// applied, by date and, on one date, in document order. An event that cannot be applied is an
/// error diagnostic at /events/i and changes nothing; the caller must not present the result as
/// the fund on that date when `d` has errors. A named fund other than `base`'s is an error.
[[nodiscard]] inline fund_at_date fund_on(const pooled_fund& base, const fund_events& events,
                                          std::chrono::year_month_day on, diagnostics& d) {
  fund_at_date out;
  out.fund = base;
  if (!events.fund.empty() && events.fund != base.name) {
    d.error("budget.events.other_fund", "/fund",
            "the events are for '" + events.fund + "', not for '" + base.name + "'");
    return out;
  }
  std::vector<std::size_t> order(events.events.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::chrono::sys_days(events.events[a].date) <
           std::chrono::sys_days(events.events[b].date);
  });
  detail::event_applier applier(out.fund, d);
  for (const std::size_t i : order) {
    const fund_event& e = events.events[i];
    if (std::chrono::sys_days(e.date) > std::chrono::sys_days(on)) {
      ++out.later;
      continue;
    }
    if (std::optional<std::string> summary = applier.apply(e, i)) {
      out.applied.push_back({i, e.id, e.date, e.kind, std::move(*summary)});
    }
  }
  return out;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
