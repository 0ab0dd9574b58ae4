// joinedup: the care model. People, Care Act care and support plans (ss24-27), NHS Continuing
// Healthcare plans, their services and personal budgets, and the case managers who co-ordinate
// them.
//
// Facts used (docs/sources.md §S-CARE-ACT-S24 to §S-CARE-ACT-S27, §S-CHC-FREE): s25(1) plan
// contents (a) needs, (b) whether they meet the eligibility criteria, (c) which needs the council
// meets and how, (d) the outcomes the support is relevant to, (e) the personal budget, (f) advice
// on preventing needs; s25(2) the needs met by direct payment and the payments' amount and
// frequency; s25(3) who must be involved (the adult, any carer, anyone the adult asks for, or, if
// the adult lacks capacity, anyone interested in their welfare); s26 the personal budget
// statement: cost to the council = the adult's assessed contribution + the council's amount, with
// daily living costs shown; §S-CHC-FREE NHS Continuing Healthcare is funded by the NHS and free
// to the person (tagged U: no source recorded yet).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "joinedup/core/fields.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace care {

/// A calendar date, as the care API uses it.
using date = std::chrono::year_month_day;

/// Tag for ids of case managers (declared only).
struct case_manager_tag;
/// Identifier of a case manager.
using case_manager_id = id<case_manager_tag>;

// ---------------------------------------------------------------------------------------------
// Enumerations and their interchange names (one enum_names<E> table each)
// ---------------------------------------------------------------------------------------------

/// What kind of service meets a need.
enum class service_kind : std::uint8_t { health, social_care, housing, voluntary };
/// Who provides a service.
enum class provider_type : std::uint8_t {
  nhs,                   ///< an NHS trust or other NHS body
  council,               ///< the council's own (in-house) service
  private_sector,        ///< a private company ("private")
  charity_or_voluntary,  ///< a charity or voluntary organisation
  social_enterprise,     ///< a social enterprise
};
/// Who pays for a service.
enum class funder : std::uint8_t {
  nhs,      ///< the NHS (for example NHS Continuing Healthcare), free to the person
  council,  ///< the council, within the personal budget
  joint,    ///< jointly funded by the NHS and the council (for example from a pooled fund)
  person,   ///< the person themselves (a top-up or a self-funded service)
};
/// Which statutory framework a plan answers to; it decides the review rules.
enum class plan_kind : std::uint8_t {
  care_act,  ///< a Care Act 2014 s24 care and support plan
  chc,       ///< an NHS Continuing Healthcare care plan
  joint,     ///< both: a joint package (reviewed under both sets of rules)
};
/// Where a plan is in its lifecycle.
enum class plan_status : std::uint8_t {
  draft,         ///< being written; not yet agreed
  agreed,        ///< agreed (a date and who agreed)
  active,        ///< services running
  under_review,  ///< a review has been held and its outcome is awaited
  revised,       ///< a revision is being drafted after a review (agree it again next)
  closed,        ///< closed, with a date and reason
};
/// Something that happened to a plan; the plan's status is the replay of these events.
enum class event_kind : std::uint8_t {
  drafted,           ///< the plan was started (draft)
  agreed,            ///< the plan (or its revision) was agreed: names who agreed
  activated,         ///< services started
  review_started,    ///< a review was held (this is the review's date)
  review_completed,  ///< the review ended without change: back to active
  revised,           ///< the review ended with a revision to agree
  closed,            ///< the plan was closed: gives a reason
  review_requested,  ///< the person (or someone for them) asked for a review (s27(1)(b))
};
/// How often direct payments are made (s25(2)).
enum class payment_frequency : std::uint8_t { weekly, four_weekly, monthly };

}  // namespace care

/// The interchange names of care::service_kind, in enumerator order.
template <>
inline constexpr auto enum_names<care::service_kind> =
    std::array<std::string_view, 4>{"health", "social_care", "housing", "voluntary"};
/// The interchange names of care::provider_type, in enumerator order.
template <>
inline constexpr auto enum_names<care::provider_type> = std::array<std::string_view, 5>{
    "nhs", "council", "private", "charity_or_voluntary", "social_enterprise"};
/// The interchange names of care::funder, in enumerator order.
template <>
inline constexpr auto enum_names<care::funder> =
    std::array<std::string_view, 4>{"nhs", "council", "joint", "person"};
/// The interchange names of care::plan_kind, in enumerator order.
template <>
inline constexpr auto enum_names<care::plan_kind> =
    std::array<std::string_view, 3>{"care_act", "chc", "joint"};
/// The interchange names of care::plan_status, in enumerator order.
template <>
inline constexpr auto enum_names<care::plan_status> = std::array<std::string_view, 6>{
    "draft", "agreed", "active", "under_review", "revised", "closed"};
/// The interchange names of care::event_kind, in enumerator order.
template <>
inline constexpr auto enum_names<care::event_kind> =
    std::array<std::string_view, 8>{"drafted",          "agreed",  "activated", "review_started",
                                    "review_completed", "revised", "closed",    "review_requested"};
/// The interchange names of care::payment_frequency, in enumerator order.
template <>
inline constexpr auto enum_names<care::payment_frequency> =
    std::array<std::string_view, 3>{"weekly", "four_weekly", "monthly"};

namespace care {

namespace detail {
/// The interchange name of `v`, or "unknown" for a value outside its table.
template <named_enum E>
constexpr std::string_view name_or_unknown(E v) noexcept {
  const std::string_view name = enum_name(v);
  return name.empty() ? std::string_view("unknown") : name;
}
}  // namespace detail

/// The interchange name of a service kind ("social_care").
[[nodiscard]] constexpr std::string_view to_string(service_kind v) noexcept {
  return detail::name_or_unknown(v);
}
/// The interchange name of a provider type ("private" for private_sector).
[[nodiscard]] constexpr std::string_view to_string(provider_type v) noexcept {
  return detail::name_or_unknown(v);
}
/// The interchange name of a funder ("joint").
[[nodiscard]] constexpr std::string_view to_string(funder v) noexcept {
  return detail::name_or_unknown(v);
}
/// The interchange name of a plan kind ("chc").
[[nodiscard]] constexpr std::string_view to_string(plan_kind v) noexcept {
  return detail::name_or_unknown(v);
}
/// The interchange name of a plan status ("under_review").
[[nodiscard]] constexpr std::string_view to_string(plan_status v) noexcept {
  return detail::name_or_unknown(v);
}
/// The interchange name of an event kind ("review_started").
[[nodiscard]] constexpr std::string_view to_string(event_kind v) noexcept {
  return detail::name_or_unknown(v);
}
/// The interchange name of a payment frequency ("four_weekly").
[[nodiscard]] constexpr std::string_view to_string(payment_frequency v) noexcept {
  return detail::name_or_unknown(v);
}

/// Reads an enumeration from its interchange name: `parse_name<funder>("joint")`. Returns
/// nullopt for any other text (callers turn that into a diagnostic).
template <named_enum E>
[[nodiscard]] constexpr std::optional<E> parse_name(std::string_view text) noexcept {
  return parse_enum<E>(text);
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/// What the person is eligible for.
struct eligibility {
  bool care_act = false;               ///< has eligible needs under the Care Act 2014 (s13, s18)
  bool chc = false;                    ///< eligible for NHS Continuing Healthcare
  std::optional<date> chc_decided_on;  ///< date of the CHC eligibility decision (§4.3 anchor)
  friend bool operator==(const eligibility&, const eligibility&) = default;
};

/// A person whose care is commissioned. Identifiers are kept as written so that the validator
/// can report a malformed one with its path (and writing the document back reproduces it).
struct person {
  std::string nhs_number;                         ///< as written; validated, always masked
  std::optional<date> date_of_birth;              ///< date of birth
  std::string council;                            ///< council of residence, GSS code as written
  std::string gp_practice;                        ///< registered GP practice, ODS code as written
  std::vector<std::string> long_term_conditions;  ///< long-term conditions, free text
  care::eligibility eligibility;                  ///< Care Act and CHC eligibility
  bool complex_needs = false;       ///< counted in the guarantee's population (the promise applies)
  std::optional<date> assessed_on;  ///< date of the needs assessment (s9) or CHC assessment
  friend bool operator==(const person&, const person&) = default;
};

// ---------------------------------------------------------------------------------------------
// Care plans
// ---------------------------------------------------------------------------------------------

/// A need identified by the assessment (s25(1)(a)-(c)).
struct need {
  std::string id;           ///< referred to by outcomes and services
  std::string description;  ///< the need in the person's words where possible
  bool eligible = false;    ///< whether it meets the eligibility criteria (s25(1)(b))
  bool nhs_funded = false;  ///< met by the NHS (free to the person), e.g. a CHC need
  std::string how_met;      ///< how the need will be met (s25(1)(c)); empty if not met
  friend bool operator==(const need&, const need&) = default;
};

/// An outcome or goal the support is for (s25(1)(d)), with how progress is judged.
struct outcome {
  std::string need;                 ///< the need it relates to (a need id), may be empty
  std::string description;          ///< the outcome or goal
  std::optional<date> target_date;  ///< when it should be reached
  std::string measure;              ///< how progress is judged
  friend bool operator==(const outcome&, const outcome&) = default;
};

/// A service in the plan: who provides it, what it costs, who pays and under which pooled fund
/// line it is commissioned. Unit price × units per week is its weekly cost.
struct service {
  std::string id;                                 ///< unique within the plan
  service_kind kind = service_kind::social_care;  ///< health, social care, housing, voluntary
  std::string description;                        ///< what is provided
  std::string provider;                           ///< provider name or code
  care::provider_type provider_type = care::provider_type::private_sector;  ///< who provides
  line_id scheme;  ///< the pooled fund scheme or line it is commissioned under ("" if none)
  date start{};    ///< first day
  std::optional<date> end;             ///< last day (inclusive); nullopt when open-ended
  rate unit_price;                     ///< price per unit (an hour, a night, a session)
  ratio units_per_week;                ///< units per week (may be fractional, e.g. 10.5 hours)
  funder funded_by = funder::council;  ///< who pays
  std::vector<std::string> meets;      ///< the need ids it meets
  bool direct_payment = false;         ///< arranged by the person with a direct payment
  friend bool operator==(const service&, const service&) = default;
};

/// The personal budget statement of s26, as weekly amounts.
struct personal_budget {
  money total;                ///< the cost to the council of meeting the needs it meets (s26(1)(a))
  money person_contribution;  ///< what the adult must pay, from the financial assessment (b)
  money council_amount;       ///< what the council must pay (c)
  std::optional<money> daily_living_costs;  ///< the daily living costs part of the total
  money nhs_funded;  ///< NHS-funded support, shown separately and free to the person
  friend bool operator==(const personal_budget&, const personal_budget&) = default;
};

/// A direct payment (s25(2)): its amount and how often it is paid.
struct direct_payment {
  money amount;                                ///< each payment
  std::optional<payment_frequency> frequency;  ///< how often (missing is a validation error)
  friend bool operator==(const direct_payment&, const direct_payment&) = default;
};

/// Who was involved in the plan (s25(3)).
struct involvement {
  bool person = false;              ///< the adult
  bool carer = false;               ///< a carer
  std::vector<std::string> others;  ///< anyone the adult asked to be involved
  bool lacks_capacity = false;      ///< the adult lacks capacity to be involved
  std::string capacity_record;      ///< reference to the capacity assessment record
  friend bool operator==(const involvement&, const involvement&) = default;
};

/// One event in a plan's history.
struct plan_event {
  event_kind kind = event_kind::drafted;  ///< what happened
  date on{};                              ///< when
  std::string by;      ///< who (for `agreed`: who agreed, e.g. "person and social worker")
  std::string reason;  ///< why (required for `closed`; optional otherwise)
  friend bool operator==(const plan_event&, const plan_event&) = default;
};

/// A period during which one case manager is accountable for a plan. A handover is the end of
/// one assignment and the start of the next; `reason` says why this one started.
struct assignment {
  case_manager_id case_manager;  ///< who
  date from{};                   ///< first day accountable
  std::optional<date> to;        ///< last day accountable (inclusive); nullopt when current
  std::string reason;            ///< why it started ("allocated", "handover: leaving", ...)
  friend bool operator==(const assignment&, const assignment&) = default;
};

/// A care and support plan (Care Act s24-25) or NHS CHC plan. The id is stable across revisions;
/// the version history is in `history` (each `agreed` after the first starts a new version).
struct care_plan {
  plan_id id;                                          ///< stable across revisions
  std::string nhs_number;                              ///< the person's NHS number, as written
  plan_kind kind = plan_kind::care_act;                ///< which review rules apply
  std::vector<plan_event> history;                     ///< lifecycle events, in date order
  std::vector<need> needs;                             ///< s25(1)(a)-(c)
  std::vector<outcome> outcomes;                       ///< s25(1)(d)
  std::vector<service> services;                       ///< how the needs are met
  std::optional<personal_budget> budget;               ///< s25(1)(e), s26
  std::optional<care::direct_payment> direct_payment;  ///< s25(2)
  care::involvement involved;                          ///< s25(3)
  std::string advice;                   ///< advice on reducing and preventing needs (s25(1)(f))
  std::string contingency;              ///< what happens if the plan breaks down
  std::vector<assignment> assignments;  ///< named case manager history
  friend bool operator==(const care_plan&, const care_plan&) = default;
};

// ---------------------------------------------------------------------------------------------
// Case managers
// ---------------------------------------------------------------------------------------------

/// A period when a case manager is away (leave, sickness) and cannot be accountable.
struct absence {
  date from{};         ///< first day away
  date to{};           ///< last day away (inclusive)
  std::string reason;  ///< why, e.g. "annual leave"
  friend bool operator==(const absence&, const absence&) = default;
};

/// A named case manager (care co-ordinator, key contact).
struct case_manager {
  case_manager_id id;         ///< referred to by assignments
  std::string name;           ///< name
  std::string role;           ///< e.g. "social worker", "community matron", "CHC nurse assessor"
  std::string organisation;   ///< employing organisation
  std::int64_t capacity = 0;  ///< the most plans they should hold at once
  std::vector<absence> absences;  ///< periods away
  friend bool operator==(const case_manager&, const case_manager&) = default;
};

/// Everything the care module reads: the people, the case managers, the plans, and the pooled
/// fund schemes or lines that services may be commissioned under.
struct care_records {
  std::optional<date> as_of;                ///< the date the records describe, if stated
  std::vector<line_id> schemes;             ///< known scheme or line ids; empty = not checked
  std::vector<person> people;               ///< the population
  std::vector<case_manager> case_managers;  ///< the case managers
  std::vector<care_plan> plans;             ///< the plans
  friend bool operator==(const care_records&, const care_records&) = default;
};

}  // namespace care

// ---------------------------------------------------------------------------------------------
// The care records document's fields (docs/care.md), in the order they are written
// ---------------------------------------------------------------------------------------------

/// The fields of a person's eligibility.
template <>
inline constexpr auto fields_of<care::eligibility> =
    std::tuple{field("care_act", &care::eligibility::care_act, presence::optional),
               field("chc", &care::eligibility::chc, presence::optional),
               field("chc_decided_on", &care::eligibility::chc_decided_on, presence::omit_empty)};

/// The fields of a person.
template <>
inline constexpr auto fields_of<care::person> = std::tuple{
    field("nhs_number", &care::person::nhs_number),
    field("date_of_birth", &care::person::date_of_birth, presence::omit_empty),
    field("council", &care::person::council, presence::omit_empty),
    field("gp_practice", &care::person::gp_practice, presence::omit_empty),
    field("long_term_conditions", &care::person::long_term_conditions, presence::omit_empty),
    field("eligibility", &care::person::eligibility, presence::optional),
    field("complex_needs", &care::person::complex_needs, presence::optional),
    field("assessed_on", &care::person::assessed_on, presence::omit_empty)};

/// The fields of a case manager's absence.
template <>
inline constexpr auto fields_of<care::absence> =
    std::tuple{field("from", &care::absence::from), field("to", &care::absence::to),
               field("reason", &care::absence::reason, presence::omit_empty)};

/// The fields of a case manager.
template <>
inline constexpr auto fields_of<care::case_manager> =
    std::tuple{field("id", &care::case_manager::id),
               field("name", &care::case_manager::name),
               field("role", &care::case_manager::role, presence::omit_empty),
               field("organisation", &care::case_manager::organisation, presence::omit_empty),
               field("capacity", &care::case_manager::capacity),
               field("absences", &care::case_manager::absences, presence::omit_empty)};

/// The fields of a plan event.
template <>
inline constexpr auto fields_of<care::plan_event> =
    std::tuple{field("kind", &care::plan_event::kind), field("on", &care::plan_event::on),
               field("by", &care::plan_event::by, presence::omit_empty),
               field("reason", &care::plan_event::reason, presence::omit_empty)};

/// The fields of a need.
template <>
inline constexpr auto fields_of<care::need> =
    std::tuple{field("id", &care::need::id),
               field("description", &care::need::description, presence::omit_empty),
               field("eligible", &care::need::eligible, presence::optional),
               field("nhs_funded", &care::need::nhs_funded, presence::optional),
               field("how_met", &care::need::how_met, presence::omit_empty)};

/// The fields of an outcome.
template <>
inline constexpr auto fields_of<care::outcome> =
    std::tuple{field("need", &care::outcome::need, presence::omit_empty),
               field("description", &care::outcome::description),
               field("target_date", &care::outcome::target_date, presence::omit_empty),
               field("measure", &care::outcome::measure, presence::omit_empty)};

/// The fields of a service.
template <>
inline constexpr auto fields_of<care::service> =
    std::tuple{field("id", &care::service::id),
               field("kind", &care::service::kind),
               field("description", &care::service::description, presence::omit_empty),
               field("provider", &care::service::provider, presence::omit_empty),
               field("provider_type", &care::service::provider_type),
               field("scheme", &care::service::scheme, presence::omit_empty),
               field("start", &care::service::start),
               field("end", &care::service::end, presence::omit_empty),
               field("unit_price", &care::service::unit_price),
               field("units_per_week", &care::service::units_per_week),
               field("funded_by", &care::service::funded_by),
               field("meets", &care::service::meets, presence::omit_empty),
               field("direct_payment", &care::service::direct_payment, presence::omit_empty)};

/// The fields of a personal budget statement (s26).
template <>
inline constexpr auto fields_of<care::personal_budget> = std::tuple{
    field("total", &care::personal_budget::total),
    field("person_contribution", &care::personal_budget::person_contribution),
    field("council_amount", &care::personal_budget::council_amount),
    field("daily_living_costs", &care::personal_budget::daily_living_costs, presence::omit_empty),
    field("nhs_funded", &care::personal_budget::nhs_funded, presence::optional)};

/// The fields of a direct payment (s25(2)).
template <>
inline constexpr auto fields_of<care::direct_payment> =
    std::tuple{field("amount", &care::direct_payment::amount, presence::optional),
               field("frequency", &care::direct_payment::frequency, presence::omit_empty)};

/// The fields of who was involved in a plan (s25(3)).
template <>
inline constexpr auto fields_of<care::involvement> =
    std::tuple{field("person", &care::involvement::person, presence::optional),
               field("carer", &care::involvement::carer, presence::optional),
               field("others", &care::involvement::others, presence::omit_empty),
               field("lacks_capacity", &care::involvement::lacks_capacity, presence::optional),
               field("capacity_record", &care::involvement::capacity_record, presence::omit_empty)};

/// The fields of a case manager's assignment to a plan.
template <>
inline constexpr auto fields_of<care::assignment> = std::tuple{
    field("case_manager", &care::assignment::case_manager), field("from", &care::assignment::from),
    field("to", &care::assignment::to, presence::omit_empty),
    field("reason", &care::assignment::reason, presence::omit_empty)};

/// The fields of a care plan.
template <>
inline constexpr auto fields_of<care::care_plan> =
    std::tuple{field("id", &care::care_plan::id),
               field("nhs_number", &care::care_plan::nhs_number),
               field("kind", &care::care_plan::kind),
               field("history", &care::care_plan::history),
               field("needs", &care::care_plan::needs, presence::omit_empty),
               field("outcomes", &care::care_plan::outcomes, presence::omit_empty),
               field("services", &care::care_plan::services, presence::omit_empty),
               field("personal_budget", &care::care_plan::budget, presence::omit_empty),
               field("direct_payment", &care::care_plan::direct_payment, presence::omit_empty),
               field("involved", &care::care_plan::involved, presence::optional),
               field("advice", &care::care_plan::advice, presence::omit_empty),
               field("contingency", &care::care_plan::contingency, presence::omit_empty),
               field("assignments", &care::care_plan::assignments, presence::omit_empty)};

/// The fields of a care records document (the "schema" tag is handled by the document reader).
/// Written in this order: case managers before people, as the format has always been written.
template <>
inline constexpr auto fields_of<care::care_records> = std::tuple{
    field("as_of", &care::care_records::as_of, presence::omit_empty),
    field("schemes", &care::care_records::schemes, presence::omit_empty),
    field("case_managers", &care::care_records::case_managers),
    field("people", &care::care_records::people), field("plans", &care::care_records::plans)};

namespace care {

/// True when `day` falls in the absence.
[[nodiscard]] inline bool is_absent(const case_manager& cm, std::chrono::sys_days day) noexcept {
  for (const absence& a : cm.absences) {
    if (std::chrono::sys_days(a.from) <= day && day <= std::chrono::sys_days(a.to)) return true;
  }
  return false;
}

/// True when the service runs on `day` (start <= day <= end).
[[nodiscard]] inline bool runs_on(const service& s, std::chrono::sys_days day) noexcept {
  return std::chrono::sys_days(s.start) <= day && (!s.end || day <= std::chrono::sys_days(*s.end));
}

/// Finds people by NHS number. Numbers are matched by their ten digits whatever the layout
/// ("999 000 0018" and "9990000018" are the same person); text that is not ten digits is
/// matched as written.
class person_index {
 public:
  /// An empty index.
  person_index() = default;
  /// Indexes `people`; when a number appears twice the first person wins.
  explicit person_index(const std::vector<person>& people) {
    by_digits_.reserve(people.size());
    for (std::size_t i = 0; i < people.size(); ++i) {
      if (const std::optional<std::uint64_t> k = key(people[i].nhs_number)) {
        by_digits_.emplace(*k, i);
      } else {
        by_text_.emplace(people[i].nhs_number, i);
      }
    }
  }
  /// The index in `people` of the person with this NHS number, or nullopt.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view nhs_number) const {
    if (const std::optional<std::uint64_t> k = key(nhs_number)) {
      const auto it = by_digits_.find(*k);
      if (it != by_digits_.end()) return it->second;
      return std::nullopt;
    }
    const auto it = by_text_.find(std::string(nhs_number));
    if (it != by_text_.end()) return it->second;
    return std::nullopt;
  }
  /// The ten digits of an NHS number written as ten digits with optional spaces or hyphens, as
  /// a number; nullopt for anything else.
  [[nodiscard]] static constexpr std::optional<std::uint64_t> key(std::string_view text) noexcept {
    std::uint64_t v = 0;
    int digits = 0;
    for (char c : text) {
      if (c >= '0' && c <= '9') {
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
        ++digits;
      } else if (c != ' ' && c != '-') {
        return std::nullopt;
      }
    }
    if (digits != 10) return std::nullopt;
    return v;
  }

 private:
  std::unordered_map<std::uint64_t, std::size_t> by_digits_;
  std::unordered_map<std::string, std::size_t> by_text_;
};

}  // namespace care
JOINEDUP_END_NAMESPACE
