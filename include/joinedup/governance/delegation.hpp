// joinedup: a scheme of delegation as data, and decide(): who may approve what, up to how much.
// A scheme lists roles (each at a partner), the people holding them with dates, and rules by
// action and amount limit naming the approvals a decision needs. decide() says permitted or
// denied, names the rule that decided and lists every reason, so an internal auditor can follow
// it. Whatever the input, a permitted decision always has at least one approver who is not the
// requester and who held a required role on the request date, and an amount within the rule's
// limit.
//
// Facts used (docs/sources.md): §S-S75-REG7 reg 7(3)(b) an agreement says how contributions may
// be varied and (g) how the fund is managed; §S-RISK-SCHEME-CAPPED risk shared beyond the agreed
// caps only when "both finance directors agree first", and §S-S151-CFO the s151 officer and the
// ICB chief finance officer keep their accountability for their own contributions;
// §S-BCF-SIGN-OFF the HWB signs off the plan.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace governance {

/// A calendar date.
using date = std::chrono::year_month_day;

/// What a request asks to do.
enum class action : std::uint8_t {
  virement_between_lines,    ///< move budget between expenditure lines of one scheme
  virement_between_schemes,  ///< move budget between schemes
  new_scheme,                ///< start a new scheme in the pooled fund
  contribution_variation,    ///< vary a partner's contribution (reg 7(3)(b); §2.2)
  risk_share_deviation,      ///< depart from the agreed risk share (§2.3)
  settlement,                ///< agree the year-end risk-share settlement
  plan_sign_off,             ///< sign off the plan for submission (§1.1)
};

}  // namespace governance

/// The interchange (snake_case) names of governance::action, in enumerator order.
template <>
inline constexpr auto enum_names<governance::action> = std::array<std::string_view, 7>{
    "virement_between_lines", "virement_between_schemes", "new_scheme",
    "contribution_variation", "risk_share_deviation",     "settlement",
    "plan_sign_off"};

namespace governance {

/// The snake_case names of action, in enumerator order (the enum_names table).
inline constexpr const auto& action_names = enum_names<action>;

/// The snake_case name of an action.
[[nodiscard]] constexpr std::string_view to_string(action a) noexcept {
  return enum_name(a);
}

/// The action with this snake_case name, or nullopt.
[[nodiscard]] constexpr std::optional<action> parse_action(std::string_view name) noexcept {
  return parse_enum<action>(name);
}

/// A role in the scheme, held at one partner (e.g. the ICB's chief finance officer).
struct role {
  std::string id;       ///< key used by holdings and rules
  std::string name;     ///< title, e.g. "Chief Finance Officer"
  std::string partner;  ///< the partner id the role belongs to ("" = the arrangement itself)
  /// Memberwise equality.
  friend bool operator==(const role&, const role&) = default;
};

/// A person who may request or approve.
struct person {
  std::string id;    ///< key used by holdings and requests
  std::string name;  ///< name
  /// Memberwise equality.
  friend bool operator==(const person&, const person&) = default;
};

/// A person holding a role for a period (acting-up and interim cover are just more holdings).
struct holding {
  std::string person;      ///< person id
  std::string role;        ///< role id
  date from{};             ///< first day held
  std::optional<date> to;  ///< last day held (inclusive); nullopt while held
  /// Memberwise equality.
  friend bool operator==(const holding&, const holding&) = default;
};

/// How many approvals a rule needs from holders of one role. Each requirement is met by
/// different people: one person never fills two places, even when they hold two roles.
struct requirement {
  std::string role;        ///< role id
  std::int64_t count = 1;  ///< how many different holders must approve (at least 1)
  /// Memberwise equality.
  friend bool operator==(const requirement&, const requirement&) = default;
};

/// A rule: for an action, up to a limit, these approvals are needed. All requirements must be
/// met (that is the quorum): "both partners' finance directors" is two requirements, one for
/// each partner's finance director role.
struct rule {
  std::string id;  ///< key quoted in decisions
  governance::action action = governance::action::virement_between_lines;  ///< the action
  std::optional<money> limit;         ///< the largest amount it covers; nullopt = unlimited
  std::vector<requirement> required;  ///< approvals needed (all of them)
  std::string description;            ///< the rule in words, as in the written scheme
  /// Memberwise equality.
  friend bool operator==(const rule&, const rule&) = default;
};

/// A scheme of delegation.
struct scheme {
  std::string name;               ///< e.g. "Northmoor pooled fund scheme of delegation"
  std::vector<role> roles;        ///< the roles
  std::vector<person> people;     ///< the people
  std::vector<holding> holdings;  ///< who holds which role when
  std::vector<rule> rules;        ///< the rules

  /// The role with this id, or nullptr.
  [[nodiscard]] const role* find_role(std::string_view id) const noexcept {
    for (const role& r : roles) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }
  /// The person with this id, or nullptr.
  [[nodiscard]] const person* find_person(std::string_view id) const noexcept {
    for (const person& p : people) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
  /// True when `person_id` holds `role_id` on `day`.
  [[nodiscard]] bool holds(std::string_view person_id, std::string_view role_id,
                           std::chrono::sys_days day) const noexcept {
    for (const holding& h : holdings) {
      if (h.person == person_id && h.role == role_id && std::chrono::sys_days(h.from) <= day &&
          (!h.to || day <= std::chrono::sys_days(*h.to))) {
        return true;
      }
    }
    return false;
  }
  /// Memberwise equality.
  friend bool operator==(const scheme&, const scheme&) = default;
};

}  // namespace governance

// ---------------------------------------------------------------------------------------------
// The scheme of delegation and decision request documents' fields (joinedup/delegation/v1,
// joinedup/decision-request/v1; docs/governance.md), in the order they are written
// ---------------------------------------------------------------------------------------------

/// The fields of a role.
template <>
inline constexpr auto fields_of<governance::role> =
    std::tuple{field("id", &governance::role::id),
               field("name", &governance::role::name, presence::omit_empty),
               field("partner", &governance::role::partner, presence::omit_empty)};

/// The fields of a person.
template <>
inline constexpr auto fields_of<governance::person> =
    std::tuple{field("id", &governance::person::id),
               field("name", &governance::person::name, presence::omit_empty)};

/// The fields of a holding.
template <>
inline constexpr auto fields_of<governance::holding> =
    std::tuple{field("person", &governance::holding::person),
               field("role", &governance::holding::role), field("from", &governance::holding::from),
               field("to", &governance::holding::to, presence::omit_empty)};

/// The fields of a requirement ("count" defaults to 1).
template <>
inline constexpr auto fields_of<governance::requirement> =
    std::tuple{field("role", &governance::requirement::role),
               field("count", &governance::requirement::count, presence::optional)};

/// The fields of a rule. In the document "limit" is a money string or "unlimited" (nullopt):
/// the I/O layer maps "unlimited" to and from the null of an absent limit.
template <>
inline constexpr auto fields_of<governance::rule> = std::tuple{
    field("id", &governance::rule::id), field("action", &governance::rule::action),
    field("limit", &governance::rule::limit), field("requires", &governance::rule::required),
    field("description", &governance::rule::description, presence::omit_empty)};

/// The fields of a scheme of delegation (the "schema" tag is handled by the document reader).
template <>
inline constexpr auto fields_of<governance::scheme> = std::tuple{
    field("name", &governance::scheme::name, presence::omit_empty),
    field("roles", &governance::scheme::roles), field("people", &governance::scheme::people),
    field("holdings", &governance::scheme::holdings), field("rules", &governance::scheme::rules)};

namespace governance {

/// A request for a decision.
struct request {
  std::string id;                      ///< the request's reference
  std::string action;                  ///< action name as written (an unknown one is denied)
  money amount;                        ///< the sum involved (0 for an action with no sum)
  date on{};                           ///< the date of the decision
  std::string requester;               ///< person id of whoever asks
  std::vector<std::string> approvers;  ///< person ids of those who approved, in order given
  std::string description;             ///< what it is for
  /// Memberwise equality.
  friend bool operator==(const request&, const request&) = default;
};

}  // namespace governance

/// The fields of a decision request (the "schema" tag is handled by the document reader).
template <>
inline constexpr auto fields_of<governance::request> =
    std::tuple{field("id", &governance::request::id),
               field("action", &governance::request::action),
               field("amount", &governance::request::amount),
               field("on", &governance::request::on),
               field("requester", &governance::request::requester),
               field("approvers", &governance::request::approvers),
               field("description", &governance::request::description, presence::omit_empty)};

namespace governance {

/// Permitted or denied.
enum class outcome : std::uint8_t { permitted, denied };

/// The snake_case name of an outcome.
[[nodiscard]] constexpr std::string_view to_string(outcome o) noexcept {
  return o == outcome::permitted ? "permitted" : "denied";
}

/// Why a decision came out as it did. Denials: every kind but the three notes.
enum class reason_kind : std::uint8_t {
  unknown_action,          ///< denial: the action is not one of action_names
  unknown_requester,       ///< denial: the requester is not a person in the scheme
  unknown_approver,        ///< denial: an approver is not a person in the scheme
  negative_amount,         ///< denial: the amount is below zero
  no_rule_for_action,      ///< denial: the scheme has no rule for the action
  no_rule_authorises,      ///< denial: the amount is above every rule's limit for the action
  rule_without_approvers,  ///< denial: the deciding rule names nobody who may approve
  quorum_not_met,          ///< denial: a requirement of the rule is not met
  self_approval,           ///< note: the requester's own approval was not counted
  not_in_role,             ///< note: an approver holds no required role on the date
  duplicate_approval,      ///< note: a person approved twice; counted once
  surplus_approval,        ///< note: an approver in a required role was not needed
};

/// The snake_case names of reason_kind, in enumerator order.
inline constexpr std::array<std::string_view, 12> reason_kind_names{
    "unknown_action",     "unknown_requester",  "unknown_approver",       "negative_amount",
    "no_rule_for_action", "no_rule_authorises", "rule_without_approvers", "quorum_not_met",
    "self_approval",      "not_in_role",        "duplicate_approval",     "surplus_approval"};

/// The snake_case name of a reason kind.
[[nodiscard]] constexpr std::string_view to_string(reason_kind k) noexcept {
  return reason_kind_names[static_cast<std::size_t>(k)];
}

/// True for the reason kinds that deny a request on their own.
[[nodiscard]] constexpr bool is_denial(reason_kind k) noexcept {
  return k != reason_kind::self_approval && k != reason_kind::not_in_role &&
         k != reason_kind::duplicate_approval && k != reason_kind::surplus_approval;
}

/// One reason, with a message in words.
struct reason {
  reason_kind kind = reason_kind::quorum_not_met;  ///< what kind
  std::string message;                             ///< what was found
  /// Memberwise equality.
  friend bool operator==(const reason&, const reason&) = default;
};

/// An approval that counted: who, in which role.
struct counted_approval {
  std::string person;  ///< person id
  std::string role;    ///< the role it counted for
  /// Memberwise equality.
  friend bool operator==(const counted_approval&, const counted_approval&) = default;
};

/// The decision on a request.
struct decision {
  governance::outcome outcome = governance::outcome::denied;  ///< permitted or denied
  std::string rule;                       ///< id of the rule that decided ("" when none did)
  std::vector<reason> reasons;            ///< every reason and note, in the order found
  std::vector<counted_approval> counted;  ///< the approvals that counted (permitted: all places)
  /// True when permitted.
  [[nodiscard]] bool permitted() const noexcept {
    return outcome == governance::outcome::permitted;
  }
  /// Memberwise equality.
  friend bool operator==(const decision&, const decision&) = default;
};

namespace detail {

/// Tries to fill place `place` (augmenting path): `can[p][s]` says approver p may fill place s;
/// `owner[s]` is the approver in place s or -1.
inline bool augment(std::size_t p, const std::vector<std::vector<bool>>& can,
                    std::vector<std::ptrdiff_t>& owner, std::vector<bool>& seen) {
  for (std::size_t s = 0; s < owner.size(); ++s) {
    if (!can[p][s] || seen[s]) continue;
    seen[s] = true;
    if (owner[s] < 0 || augment(static_cast<std::size_t>(owner[s]), can, owner, seen)) {
      owner[s] = static_cast<std::ptrdiff_t>(p);
      return true;
    }
  }
  return false;
}

/// The limit as words.
inline std::string limit_text(const std::optional<money>& limit) {
  return limit ? limit->to_string(money_style::display) : "no limit";
}

}  // namespace detail

/// The rules for `a` that cover `amount` (limit unlimited or >= amount), tightest first: by
/// limit ascending, unlimited last, ties in scheme order. Indexes into s.rules.
[[nodiscard]] inline std::vector<std::size_t> applicable_rules(const scheme& s, action a,
                                                               money amount) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.rules.size(); ++i) {
    const rule& r = s.rules[i];
    if (r.action == a && (!r.limit || amount <= *r.limit)) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t x, std::size_t y) {
    const std::optional<money>& lx = s.rules[x].limit;
    const std::optional<money>& ly = s.rules[y].limit;
    if (!lx) return false;
    if (!ly) return true;
    return *lx < *ly;
  });
  return out;
}

/// Decides a request. The steps, each of which can deny:
/// 1. the action must be known, the amount not negative, the requester and every approver
///    people of the scheme;
/// 2. the scheme must have a rule for the action, and one whose limit covers the amount (above
///    every limit: "no rule authorises");
/// 3. the tightest applicable rule (smallest limit that covers the amount) decides;
/// 4. approvals are counted: a person listed twice counts once; the requester never counts
///    (separation of duties), even holding a required role; an approver counts only for a role
///    of the rule held on the request date; each required place is filled by a different
///    person (maximum matching), so one person holding two roles fills one place;
/// 5. permitted only when every requirement of the rule is met.
[[nodiscard]] inline decision decide(const scheme& s, const request& req) {
  decision d;
  const std::chrono::sys_days on(req.on);
  const auto deny = [&d](reason_kind k, std::string message) {
    d.reasons.push_back({k, std::move(message)});
  };
  const std::optional<action> act = parse_action(req.action);
  if (!act) {
    std::string known;
    for (std::string_view n : action_names)
      known += (known.empty() ? "" : ", ") + std::string(n);
    deny(reason_kind::unknown_action,
         "action '" + req.action + "' is not one the scheme can decide; expected one of: " + known);
  }
  if (req.amount.is_negative()) {
    deny(reason_kind::negative_amount, "amount " + req.amount.to_string(money_style::display) +
                                           " is below zero; state the sum involved");
  }
  if (s.find_person(req.requester) == nullptr) {
    deny(reason_kind::unknown_requester,
         "requester '" + req.requester + "' is not a person in the scheme of delegation");
  }
  for (const std::string& a : req.approvers) {
    if (s.find_person(a) == nullptr) {
      deny(reason_kind::unknown_approver,
           "approver '" + a + "' is not a person in the scheme of delegation");
    }
  }
  if (!d.reasons.empty()) return d;

  bool any_for_action = false;
  for (const rule& r : s.rules)
    any_for_action = any_for_action || r.action == *act;
  if (!any_for_action) {
    deny(reason_kind::no_rule_for_action,
         "the scheme has no rule for " + std::string(to_string(*act)) + "; nobody may approve it");
    return d;
  }
  const std::vector<std::size_t> rules = applicable_rules(s, *act, req.amount);
  if (rules.empty()) {
    std::optional<money> highest;
    for (const rule& r : s.rules) {
      if (r.action == *act && r.limit && (!highest || *r.limit > *highest)) highest = r.limit;
    }
    deny(reason_kind::no_rule_authorises, "no rule authorises " + std::string(to_string(*act)) +
                                              " of " + req.amount.to_string(money_style::display) +
                                              ": it is above every rule's limit (the highest is " +
                                              detail::limit_text(highest) +
                                              "), so the scheme delegates no authority for it");
    return d;
  }
  const rule& r = s.rules[rules.front()];
  d.rule = r.id;
  if (r.required.empty()) {
    deny(reason_kind::rule_without_approvers,
         "rule '" + r.id + "' names nobody who may approve, so it cannot permit anything");
    d.outcome = outcome::denied;
    return d;
  }

  // Distinct approvers other than the requester.
  std::vector<std::string> candidates;
  std::set<std::string> seen;
  for (const std::string& a : req.approvers) {
    if (!seen.insert(a).second) {
      deny(reason_kind::duplicate_approval, "'" + a + "' approved more than once; counted once");
      continue;
    }
    if (a == req.requester) {
      deny(reason_kind::self_approval,
           "'" + a + "' made the request and so cannot approve it (separation of duties)");
      continue;
    }
    candidates.push_back(a);
  }
  // Places: one per required approval.
  std::vector<std::string> place_role;
  for (const requirement& q : r.required) {
    const std::int64_t n = std::max<std::int64_t>(q.count, 1);
    for (std::int64_t k = 0; k < n; ++k)
      place_role.push_back(q.role);
  }
  std::vector<std::vector<bool>> can(candidates.size(),
                                     std::vector<bool>(place_role.size(), false));
  for (std::size_t p = 0; p < candidates.size(); ++p) {
    bool any = false;
    for (std::size_t k = 0; k < place_role.size(); ++k) {
      can[p][k] = s.holds(candidates[p], place_role[k], on);
      any = any || can[p][k];
    }
    if (!any) {
      deny(reason_kind::not_in_role, "'" + candidates[p] + "' holds none of the roles rule '" +
                                         r.id + "' needs on " + to_iso_string(req.on) +
                                         "; the approval does not count");
    }
  }
  std::vector<std::ptrdiff_t> owner(place_role.size(), -1);
  for (std::size_t p = 0; p < candidates.size(); ++p) {
    std::vector<bool> visited(place_role.size(), false);
    detail::augment(p, can, owner, visited);
  }
  std::vector<bool> used(candidates.size(), false);
  for (std::size_t k = 0; k < place_role.size(); ++k) {
    if (owner[k] >= 0) {
      used[static_cast<std::size_t>(owner[k])] = true;
      d.counted.push_back({candidates[static_cast<std::size_t>(owner[k])], place_role[k]});
    }
  }
  for (std::size_t p = 0; p < candidates.size(); ++p) {
    bool any = false;
    for (bool b : can[p])
      any = any || b;
    if (any && !used[p]) {
      deny(reason_kind::surplus_approval,
           "'" + candidates[p] + "' approved but every place they could fill was already filled");
    }
  }
  bool met = true;
  std::size_t k = 0;
  for (const requirement& q : r.required) {
    const std::int64_t n = std::max<std::int64_t>(q.count, 1);
    std::int64_t filled = 0;
    for (std::int64_t j = 0; j < n; ++j, ++k) {
      if (owner[k] >= 0) ++filled;
    }
    if (filled < n) {
      met = false;
      const role* ro = s.find_role(q.role);
      const std::string role_name =
          ro == nullptr ? "'" + q.role + "' (not a role in the scheme)"
                        : ro->name + (ro->partner.empty() ? "" : " (" + ro->partner + ")");
      deny(reason_kind::quorum_not_met, "rule '" + r.id + "' needs " + std::to_string(n) +
                                            " approval(s) from " + role_name + " on " +
                                            to_iso_string(req.on) + ", other than the requester; " +
                                            std::to_string(filled) + " counted");
    }
  }
  if (met && !d.counted.empty()) d.outcome = outcome::permitted;
  if (d.outcome != outcome::permitted) d.counted.clear();
  return d;
}

/// Checks a scheme and adds a diagnostic for each problem: governance.delegation.duplicate (a
/// role, person or rule id used twice), governance.delegation.unknown_role (a holding or rule
/// naming no role), governance.delegation.unknown_person (a holding naming no person),
/// governance.delegation.dates (a holding ending before it starts),
/// governance.delegation.no_approvers (a rule requiring nobody, or a count below 1),
/// governance.delegation.limit (a negative limit), governance.delegation.ambiguous (warning:
/// two rules for one action with the same limit; the first listed decides).
inline void check_scheme(const scheme& s, diagnostics& diags) {
  const auto dup = [&diags](const std::vector<std::string>& ids, const std::string& path,
                            std::string_view what) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!seen.insert(ids[i]).second || ids[i].empty()) {
        diags.error("governance.delegation.duplicate", path + "/" + std::to_string(i) + "/id",
                    std::string(what) + " id '" + ids[i] + "' is empty or used twice");
      }
    }
  };
  std::vector<std::string> ids;
  for (const role& r : s.roles)
    ids.push_back(r.id);
  dup(ids, "/roles", "role");
  ids.clear();
  for (const person& p : s.people)
    ids.push_back(p.id);
  dup(ids, "/people", "person");
  ids.clear();
  for (const rule& r : s.rules)
    ids.push_back(r.id);
  dup(ids, "/rules", "rule");
  for (std::size_t i = 0; i < s.holdings.size(); ++i) {
    const holding& h = s.holdings[i];
    const std::string at = "/holdings/" + std::to_string(i);
    if (s.find_person(h.person) == nullptr) {
      diags.error("governance.delegation.unknown_person", at + "/person",
                  "holding names person '" + h.person + "', who is not in /people");
    }
    if (s.find_role(h.role) == nullptr) {
      diags.error("governance.delegation.unknown_role", at + "/role",
                  "holding names role '" + h.role + "', which is not in /roles");
    }
    if (h.to && std::chrono::sys_days(*h.to) < std::chrono::sys_days(h.from)) {
      diags.error("governance.delegation.dates", at + "/to",
                  "holding ends on " + to_iso_string(*h.to) + ", before it starts on " +
                      to_iso_string(h.from));
    }
  }
  for (std::size_t i = 0; i < s.rules.size(); ++i) {
    const rule& r = s.rules[i];
    const std::string at = "/rules/" + std::to_string(i);
    if (r.required.empty()) {
      diags.error("governance.delegation.no_approvers", at + "/requires",
                  "rule '" + r.id + "' requires no approvals, so it could never be met");
    }
    for (std::size_t k = 0; k < r.required.size(); ++k) {
      const requirement& q = r.required[k];
      const std::string qat = at + "/requires/" + std::to_string(k);
      if (s.find_role(q.role) == nullptr) {
        diags.error("governance.delegation.unknown_role", qat + "/role",
                    "rule '" + r.id + "' requires role '" + q.role + "', which is not in /roles");
      }
      if (q.count < 1) {
        diags.error("governance.delegation.no_approvers", qat + "/count",
                    "rule '" + r.id + "' requires " + std::to_string(q.count) +
                        " approvals from '" + q.role + "'; the count must be at least 1");
      }
    }
    if (r.limit && r.limit->is_negative()) {
      diags.error(
          "governance.delegation.limit", at + "/limit",
          "rule '" + r.id + "' has a negative limit " + r.limit->to_string(money_style::display));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (s.rules[j].action == r.action && s.rules[j].limit == r.limit) {
        diags.warning("governance.delegation.ambiguous", at + "/limit",
                      "rules '" + s.rules[j].id + "' and '" + r.id + "' both cover " +
                          std::string(to_string(r.action)) + " up to " +
                          detail::limit_text(r.limit) + "; the first listed decides");
        break;
      }
    }
  }
}

}  // namespace governance
JOINEDUP_END_NAMESPACE
