// joinedup: the FHIR R4 export (docs/fhir-export.md). One Bundle of type `collection` built
// with nlohmann's ordered JSON, so members keep the order they are written in; ids are
// name-based UUIDs of stable keys, so the same input gives byte-identical output.
#include "joinedup/io/fhir.hpp"

#include <openssl/evp.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "joinedup/care/assignment.hpp"
#include "joinedup/care/lifecycle.hpp"
#include "joinedup/care/review.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

using json = nlohmann::ordered_json;
using std::chrono::sys_days;

constexpr std::string_view snomed = "http://snomed.info/sct";
constexpr std::string_view loinc = "http://loinc.org";
constexpr std::string_view ods_system = "https://fhir.nhs.uk/Id/ods-organization-code";
constexpr std::string_view gss_system = "http://statistics.data.gov.uk/id/statistical-geography";
constexpr std::string_view terminology = "http://terminology.hl7.org/CodeSystem/";
constexpr std::string_view data_absent_url =
    "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

/// Text safe to put anywhere in the bundle: anything shaped like an NHS number is masked, so a
/// full number appears only in Patient.identifier.
std::string safe(std::string_view text) {
  return mask_nhs_numbers(std::string(text), nhs_mask::any_ten_digits);
}

/// `text` as one URI path segment: RFC 3986 unreserved characters kept, every other byte
/// percent-encoded (a FHIR uri has no whitespace).
std::string uri_segment(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : safe(text)) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0x0f];
    }
  }
  return out;
}

/// `text` as a FHIR code: no leading, trailing or repeated whitespace.
std::string code_text(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : safe(text)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out.empty() ? std::string("unknown") : out;
}

/// Sets obj[key] to the (masked) text unless it is empty: FHIR strings are never empty.
void put_text(json& obj, const char* key, std::string_view text) {
  if (!text.empty()) obj[key] = safe(text);
}

/// A CodeableConcept with one coding (and text when given).
json coded(std::string_view system, std::string_view code, std::string_view display,
           std::string_view text = {}) {
  json coding = json::object();
  coding["system"] = std::string(system);
  coding["code"] = std::string(code);
  if (!display.empty()) coding["display"] = safe(display);
  json c = json::object();
  c["coding"] = json::array({coding});
  put_text(c, "text", text);
  return c;
}

/// A CodeableConcept that is only text.
json text_concept(std::string_view text) {
  json c = json::object();
  put_text(c, "text", text);
  return c;
}

/// A Period from optional dates (start, end).
json period(std::optional<care::date> start, std::optional<care::date> end) {
  json p = json::object();
  if (start) p["start"] = to_iso_string(*start);
  if (end) p["end"] = to_iso_string(*end);
  return p;
}

/// A decimal for FHIR: finite values only.
bool finite(std::optional<double> v) {
  return v && std::isfinite(*v);
}

/// Money in GBP from pence (exact: pence / 100 has at most two decimal places).
json gbp(money m) {
  json out = json::object();
  const std::int64_t p = m.pence();
  if (p % 100 == 0) {
    out["value"] = p / 100;
  } else {
    out["value"] = static_cast<double>(p) / 100.0;
  }
  out["currency"] = "GBP";
  return out;
}

/// The whole number `v` when it is one, for population counts.
std::optional<std::int64_t> whole(double v) {
  if (!std::isfinite(v) || v < 0 || v > 9.0e15 || std::floor(v) != v) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

/// The bundle being built: its entries in order and the keys already used.
class bundle_builder {
 public:
  explicit bundle_builder(std::string base) : base_(std::move(base)) {}

  /// The fullUrl of the resource with this key, or nullptr when none was added.
  [[nodiscard]] const std::string* find(const std::string& key) const {
    const auto it = urls_.find(key);
    return it == urls_.end() ? nullptr : &it->second;
  }

  /// Adds `resource` under `key` (setting its id) and returns its fullUrl; a key already added
  /// returns the first resource's fullUrl and drops this one.
  std::string add(const std::string& key, json resource) {
    if (const std::string* u = find(key)) return *u;
    const std::string id = fhir_name_uuid(key);
    json r = json::object();
    r["resourceType"] = resource["resourceType"];
    r["id"] = id;
    for (auto& [k, v] : resource.items()) {
      if (k != "resourceType") r[k] = std::move(v);
    }
    const std::string url = "urn:uuid:" + id;
    json entry = json::object();
    entry["fullUrl"] = url;
    entry["resource"] = std::move(r);
    entries_.push_back(std::move(entry));
    urls_.emplace(key, url);
    return url;
  }

  /// A canonical URL below the base.
  [[nodiscard]] std::string canonical(std::string_view path) const {
    return base_ + std::string(path);
  }

  /// The entries, in the order they were added.
  [[nodiscard]] json take_entries() { return json(std::move(entries_)); }

 private:
  std::string base_;
  std::vector<json> entries_;
  std::map<std::string, std::string> urls_;
};

/// A Reference to a fullUrl, with an optional display.
json reference(const std::string& url, std::string_view display = {}) {
  json r = json::object();
  r["reference"] = url;
  put_text(r, "display", display);
  return r;
}

// ---------------------------------------------------------------------------------------------
// The care side
// ---------------------------------------------------------------------------------------------

class care_export {
 public:
  care_export(bundle_builder& b, const care::care_records& records, sys_days as_of,
              diagnostics& diags)
      : b_(b),
        records_(records),
        as_of_(as_of),
        diags_(diags),
        people_(records.people),
        policy_(care::default_review_policy()) {
    for (std::size_t i = 0; i < records.case_managers.size(); ++i) {
      managers_.emplace(records.case_managers[i].id.str(), i);
    }
  }

  void run() {
    for (std::size_t i = 0; i < records_.plans.size(); ++i)
      plan(records_.plans[i], i);
  }

 private:
  bundle_builder& b_;
  const care::care_records& records_;
  sys_days as_of_;
  diagnostics& diags_;
  care::person_index people_;
  care::review_policy policy_;
  std::map<std::string, std::size_t> managers_;

  /// An Organization named `name` (no identifier: the records keep names, not ODS codes).
  std::string organisation(std::string_view name) {
    const std::string key = "Organization/name/" + std::string(name);
    if (const std::string* u = b_.find(key)) return *u;
    json o = {{"resourceType", "Organization"}};
    o["active"] = true;
    put_text(o, "name", name);
    return b_.add(key, std::move(o));
  }

  /// A GP practice Organization identified by its ODS code.
  std::string practice(std::string_view ods) {
    const std::string key = "Organization/ods/" + std::string(ods);
    if (const std::string* u = b_.find(key)) return *u;
    json o = {{"resourceType", "Organization"}};
    o["identifier"] = json::array({{{"system", ods_system}, {"value", safe(ods)}}});
    o["name"] = "GP practice " + safe(ods);
    return b_.add(key, std::move(o));
  }

  /// The Patient for a plan's person: the person record's (by NHS number) when there is one.
  std::string patient(const care::care_plan& plan, std::size_t plan_index) {
    const std::optional<std::size_t> pi = people_.find(plan.nhs_number);
    const std::string key =
        pi ? "Patient/person/" + std::to_string(*pi) : "Patient/plan/" + plan.id.str();
    if (const std::string* u = b_.find(key)) return *u;
    const care::person* p = pi ? &records_.people[*pi] : nullptr;
    const std::string& number = p ? p->nhs_number : plan.nhs_number;
    const std::string at = pi ? "/people/" + std::to_string(*pi) + "/nhs_number"
                              : "/plans/" + std::to_string(plan_index) + "/nhs_number";
    json r = {{"resourceType", "Patient"}};
    const result<nhs_number> n = nhs_number::parse(number);
    if (n) {
      r["identifier"] = json::array({{{"system", fhir_nhs_number_system}, {"value", n->digits()}}});
    } else {
      diags_.warning("io.fhir.nhs_number", at,
                     "the NHS number is not valid (" + n.error().code +
                         "), so the Patient for plan '" + plan.id.str() +
                         "' carries no identifier; correct the number and export again");
    }
    if (p && p->date_of_birth) r["birthDate"] = to_iso_string(*p->date_of_birth);
    if (p && !p->gp_practice.empty()) {
      r["generalPractitioner"] = json::array({reference(practice(p->gp_practice))});
    }
    return b_.add(key, std::move(r));
  }

  /// The case manager `id`, or nullptr (with a warning at `at`) when the records have none.
  const care::case_manager* manager(const care::case_manager_id& id, const std::string& at) {
    const auto it = managers_.find(id.str());
    if (it != managers_.end()) return &records_.case_managers[it->second];
    diags_.warning("io.fhir.case_manager", at,
                   "case manager '" + id.str() +
                       "' is not in the records' case_managers; the assignment is left out of "
                       "the export");
    return nullptr;
  }

  /// The Practitioner for a case manager.
  std::string practitioner(const care::case_manager& cm) {
    const std::string key = "Practitioner/" + cm.id.str();
    if (const std::string* u = b_.find(key)) return *u;
    json r = {{"resourceType", "Practitioner"}};
    r["identifier"] =
        json::array({{{"system", b_.canonical("/Id/case-manager")}, {"value", safe(cm.id.str())}}});
    r["active"] = true;
    if (!cm.name.empty()) r["name"] = json::array({{{"text", safe(cm.name)}}});
    return b_.add(key, std::move(r));
  }

  /// The PractitionerRole of a case manager: the role at the employing organisation.
  std::string practitioner_role(const care::case_manager& cm) {
    const std::string key = "PractitionerRole/" + cm.id.str();
    if (const std::string* u = b_.find(key)) return *u;
    json r = {{"resourceType", "PractitionerRole"}};
    r["active"] = true;
    r["practitioner"] = reference(practitioner(cm), cm.name);
    if (!cm.organisation.empty()) r["organization"] = reference(organisation(cm.organisation));
    r["code"] = json::array({coded(snomed, "768832004", "Case manager (occupation)", cm.role)});
    return b_.add(key, std::move(r));
  }

  /// The case manager accountable on `day`, if exactly one is and the records know them.
  const care::case_manager* accountable(const care::care_plan& plan, sys_days day) {
    const std::optional<care::case_manager_id> id = care::case_manager_on(plan, day);
    if (!id) return nullptr;
    const auto it = managers_.find(id->str());
    return it == managers_.end() ? nullptr : &records_.case_managers[it->second];
  }

  void plan(const care::care_plan& plan, std::size_t index) {
    const std::string at = "/plans/" + std::to_string(index);
    const std::string pid = plan.id.str();
    const care::lifecycle lc = care::replay(plan.history, as_of_);
    const std::optional<care::plan_status> st = lc.status;
    const bool closed = st == care::plan_status::closed;
    const bool agreed = lc.first_agreed.has_value();
    std::optional<care::date> first_event;
    for (const care::plan_event& e : plan.history) {
      if (sys_days(e.on) <= as_of_ && (!first_event || sys_days(e.on) < sys_days(*first_event))) {
        first_event = e.on;
      }
    }
    const std::optional<care::date> start = agreed ? lc.first_agreed : first_event;
    const std::string patient_url = patient(plan, index);
    const std::optional<std::size_t> pi = people_.find(plan.nhs_number);
    const care::person* person = pi ? &records_.people[*pi] : nullptr;
    // The accountable case manager: on the as-of date, or on the day the plan closed.
    const sys_days on = closed && lc.closed_on ? sys_days(*lc.closed_on) : as_of_;
    const care::case_manager* current = accountable(plan, on);

    const std::vector<std::string> goals = plan_goals(plan, pid, patient_url, st);
    const std::string team =
        care_team(plan, pid, at, patient_url, st, closed ? lc.closed_on : std::nullopt);
    const std::string episode =
        episode_of_care(pid, patient_url, plan.kind, st, start, lc.closed_on, current, team);

    json r = {{"resourceType", "CarePlan"}};
    r["identifier"] =
        json::array({{{"system", b_.canonical("/Id/care-plan")}, {"value", safe(pid)}}});
    if (plan.budget) r["extension"] = json::array({budget_extension(*plan.budget)});
    r["status"] = !st                               ? "draft"
                  : *st == care::plan_status::draft ? "draft"
                  : closed                          ? "completed"
                                                    : "active";
    r["intent"] = agreed ? "plan" : "proposal";
    r["category"] = json::array({coded(snomed, "734163000", "Care plan", kind_text(plan.kind))});
    r["title"] = std::string(kind_title(plan.kind)) + " " + safe(pid);
    r["subject"] = reference(patient_url);
    const std::optional<care::review_due> next =
        closed ? std::nullopt : care::next_review(lc, plan.kind, person, policy_);
    const std::optional<care::date> end = closed ? lc.closed_on
                                          : next ? std::optional<care::date>(next->due)
                                                 : std::nullopt;
    if (start || end) r["period"] = period(start, end);
    if (first_event) r["created"] = to_iso_string(*first_event);
    if (current) r["author"] = reference(practitioner_role(*current), current->name);
    if (plan.involved.person) r["contributor"] = json::array({reference(patient_url)});
    r["careTeam"] = json::array({reference(team)});
    r["supportingInfo"] = json::array({reference(episode)});
    if (!goals.empty()) {
      json g = json::array();
      for (const std::string& u : goals)
        g.push_back(reference(u));
      r["goal"] = std::move(g);
    }
    json activities = json::array();
    for (const care::service& s : plan.services)
      activities.push_back(service_activity(plan, s, closed, goals));
    for (const care::plan_event& e : plan.history) {
      if (e.kind == care::event_kind::review_started && sys_days(e.on) <= as_of_) {
        activities.push_back(review_activity("completed", e.on, e.on, "Care plan review held"));
      }
    }
    if (next) {
      activities.push_back(review_activity(
          "scheduled", next->earliest.value_or(next->due), next->due,
          "Next care plan review (" + std::string(care::to_string(next->reason)) + ")"));
    }
    if (!activities.empty()) r["activity"] = std::move(activities);
    json notes = json::array();
    if (!plan.advice.empty()) notes.push_back({{"text", "Advice: " + safe(plan.advice)}});
    if (!plan.contingency.empty()) {
      notes.push_back({{"text", "Contingency: " + safe(plan.contingency)}});
    }
    if (!notes.empty()) r["note"] = std::move(notes);
    b_.add("CarePlan/" + pid, std::move(r));
  }

  /// The title and the description of a plan kind, indexed by enum_names<plan_kind> order.
  struct kind_words {
    std::string_view title;  ///< CarePlan.title's start
    std::string_view text;   ///< CarePlan.category.text and EpisodeOfCare.type.text
  };
  static constexpr std::array<kind_words, 3> kinds = {
      kind_words{"Care and support plan", "Care Act 2014 care and support plan"},
      kind_words{"NHS Continuing Healthcare care plan", "NHS Continuing Healthcare care plan"},
      kind_words{"Joint care and support plan",
                 "Care Act 2014 care and support plan and NHS Continuing Healthcare care plan"}};
  static std::string_view kind_title(care::plan_kind k) {
    return kinds.at(static_cast<std::size_t>(k)).title;
  }
  static std::string_view kind_text(care::plan_kind k) {
    return kinds.at(static_cast<std::size_t>(k)).text;
  }

  json budget_extension(const care::personal_budget& pb) const {
    json parts = json::array();
    const auto part = [&](const char* name, money m) {
      parts.push_back({{"url", name}, {"valueMoney", gbp(m)}});
    };
    part("total", pb.total);
    part("person-contribution", pb.person_contribution);
    part("council-amount", pb.council_amount);
    if (pb.daily_living_costs) part("daily-living-costs", *pb.daily_living_costs);
    part("nhs-funded", pb.nhs_funded);
    json e = json::object();
    e["url"] = b_.canonical(fhir_budget_extension_path);
    e["extension"] = std::move(parts);
    return e;
  }

  /// The Goals for a plan's outcomes, in order.
  std::vector<std::string> plan_goals(const care::care_plan& plan, const std::string& pid,
                                      const std::string& patient_url,
                                      std::optional<care::plan_status> st) {
    std::vector<std::string> out;
    const char* lifecycle = !st || *st == care::plan_status::draft ? "proposed"
                            : *st == care::plan_status::closed     ? "completed"
                                                                   : "active";
    for (std::size_t i = 0; i < plan.outcomes.size(); ++i) {
      const care::outcome& o = plan.outcomes[i];
      json g = {{"resourceType", "Goal"}};
      g["lifecycleStatus"] = lifecycle;
      g["description"] = o.description.empty() ? text_concept("Outcome " + std::to_string(i + 1))
                                               : text_concept(o.description);
      g["subject"] = reference(patient_url);
      if (o.target_date || !o.measure.empty()) {
        json t = json::object();
        if (!o.measure.empty()) t["measure"] = text_concept(o.measure);
        if (o.target_date) t["dueDate"] = to_iso_string(*o.target_date);
        g["target"] = json::array({t});
      }
      for (const care::need& n : plan.needs) {
        if (!o.need.empty() && n.id == o.need && !n.description.empty()) {
          g["note"] = json::array({{{"text", "Need: " + safe(n.description)}}});
        }
      }
      out.push_back(b_.add("Goal/plan/" + pid + "/" + std::to_string(i), std::move(g)));
    }
    return out;
  }

  std::string care_team(const care::care_plan& plan, const std::string& pid, const std::string& at,
                        const std::string& patient_url, std::optional<care::plan_status> st,
                        std::optional<care::date> closed_on) {
    json r = {{"resourceType", "CareTeam"}};
    r["status"] = !st || *st == care::plan_status::draft ? "proposed"
                  : *st == care::plan_status::closed     ? "inactive"
                                                         : "active";
    r["category"] = json::array(
        {coded(loinc, "LA28865-6", "Longitudinal care-coordination focused care team")});
    r["name"] = "Care team for plan " + safe(pid);
    r["subject"] = reference(patient_url);
    json participants = json::array();
    std::optional<care::date> first;
    for (std::size_t i = 0; i < plan.assignments.size(); ++i) {
      const care::assignment& a = plan.assignments[i];
      const care::case_manager* cm =
          manager(a.case_manager, at + "/assignments/" + std::to_string(i) + "/case_manager");
      if (cm == nullptr) continue;
      if (!first || sys_days(a.from) < sys_days(*first)) first = a.from;
      json p = json::object();
      p["role"] = json::array({coded(snomed, "768832004", "Case manager (occupation)", cm->role)});
      p["member"] = reference(practitioner(*cm), cm->name);
      if (!cm->organisation.empty()) p["onBehalfOf"] = reference(organisation(cm->organisation));
      p["period"] = period(a.from, a.to);
      participants.push_back(std::move(p));
    }
    if (plan.involved.person) {
      json p = json::object();
      p["role"] = json::array({coded(snomed, "116154003", "Patient")});
      p["member"] = reference(patient_url);
      participants.push_back(std::move(p));
    }
    if (first || closed_on) r["period"] = period(first, closed_on);
    if (!participants.empty()) r["participant"] = std::move(participants);
    return b_.add("CareTeam/" + pid, std::move(r));
  }

  std::string episode_of_care(const std::string& pid, const std::string& patient_url,
                              care::plan_kind kind, std::optional<care::plan_status> st,
                              std::optional<care::date> start, std::optional<care::date> closed_on,
                              const care::case_manager* current, const std::string& team) {
    json r = {{"resourceType", "EpisodeOfCare"}};
    r["status"] = !st || *st == care::plan_status::draft ? "planned"
                  : *st == care::plan_status::closed     ? "finished"
                                                         : "active";
    r["type"] = json::array({text_concept(kind_text(kind))});
    r["patient"] = reference(patient_url);
    if (current && !current->organisation.empty()) {
      r["managingOrganization"] = reference(organisation(current->organisation));
    }
    if (start || (closed_on && st == care::plan_status::closed)) {
      r["period"] = period(start, st == care::plan_status::closed ? closed_on : std::nullopt);
    }
    if (current) r["careManager"] = reference(practitioner_role(*current), current->name);
    r["team"] = json::array({reference(team)});
    return b_.add("EpisodeOfCare/" + pid, std::move(r));
  }

  json service_activity(const care::care_plan& plan, const care::service& s, bool closed,
                        const std::vector<std::string>& goals) {
    const char* status = sys_days(s.start) > as_of_           ? "not-started"
                         : s.end && sys_days(*s.end) < as_of_ ? "completed"
                         : closed                             ? "stopped"
                                                              : "in-progress";
    json d = json::object();
    d["kind"] = "ServiceRequest";
    d["code"] = coded(b_.canonical("/CodeSystem/service-kind"), care::to_string(s.kind),
                      care::to_string(s.kind), s.description);
    json goal_refs = json::array();
    for (std::size_t i = 0; i < plan.outcomes.size() && i < goals.size(); ++i) {
      const std::string& need = plan.outcomes[i].need;
      for (const std::string& m : s.meets) {
        if (!need.empty() && m == need) {
          goal_refs.push_back(reference(goals[i]));
          break;
        }
      }
    }
    if (!goal_refs.empty()) d["goal"] = std::move(goal_refs);
    d["status"] = status;
    d["scheduledPeriod"] = period(s.start, s.end);
    if (!s.provider.empty()) d["performer"] = json::array({reference(organisation(s.provider))});
    put_text(d, "description", s.description);
    return json{{"detail", std::move(d)}};
  }

  json review_activity(const char* status, care::date from, care::date to,
                       const std::string& text) const {
    json d = json::object();
    d["kind"] = "Appointment";
    d["code"] = coded(b_.canonical("/CodeSystem/care-activity"), "review", "Care plan review");
    d["status"] = status;
    d["scheduledPeriod"] = period(from, to);
    d["description"] = text;
    return json{{"detail", std::move(d)}};
  }
};

// ---------------------------------------------------------------------------------------------
// The outcomes side
// ---------------------------------------------------------------------------------------------

class outcomes_export {
 public:
  outcomes_export(bundle_builder& b, const outcomes::framework& fw, std::string timestamp)
      : b_(b), fw_(fw), timestamp_(std::move(timestamp)) {}

  void run(const std::vector<outcomes::scorecard_row>& rows) {
    for (const outcomes::indicator_definition& d : fw_.catalogue.indicators)
      measure(d);
    for (std::size_t i = 0; i < fw_.targets.size(); ++i)
      goal(fw_.targets[i], i, rows);
    for (const outcomes::scorecard_row& row : rows)
      report(row);
  }

 private:
  bundle_builder& b_;
  const outcomes::framework& fw_;
  std::string timestamp_;

  std::string measure_url(const std::string& id) const {
    return b_.canonical("/Measure/" + uri_segment(id));
  }

  static json improvement(outcomes::polarity p) {
    const std::string sys = std::string(terminology) + "measure-improvement-notation";
    if (p == outcomes::polarity::higher_is_better) {
      return coded(sys, "increase", "Increased score indicates improvement");
    }
    return coded(sys, "decrease", "Decreased score indicates improvement");
  }

  static const char* scoring(outcomes::indicator_method m) {
    switch (m) {
      case outcomes::indicator_method::proportion:
        return "proportion";
      case outcomes::indicator_method::mean:
        return "continuous-variable";
      case outcomes::indicator_method::count:
        return "cohort";
      default:
        return "ratio";
    }
  }

  static std::string computable_name(std::string_view id) {
    std::string out;
    bool upper = true;
    for (char c : id) {
      const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum) {
        upper = true;
        continue;
      }
      out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    }
    if (out.empty() || !(out[0] >= 'A' && out[0] <= 'Z')) out.insert(0, "Indicator");
    return out;
  }

  static std::string legacy_system_name(std::string_view framework) {
    std::string out;
    for (char c : framework) {
      if (c == ' ') {
        out += '-';
      } else {
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      }
    }
    return out;
  }

  json population(const char* code, const char* display, const char* expression,
                  std::string_view description) {
    json criteria = json::object();
    criteria["language"] = "text/cql";
    criteria["expression"] = expression;
    put_text(criteria, "description", description);
    json p = json::object();
    p["code"] = coded(std::string(terminology) + "measure-population", code, display);
    p["criteria"] = std::move(criteria);
    return p;
  }

  void measure(const outcomes::indicator_definition& d) {
    json r = {{"resourceType", "Measure"}};
    r["url"] = measure_url(d.id);
    json ids = json::array();
    ids.push_back({{"system", b_.canonical("/Id/indicator")}, {"value", safe(d.id)}});
    if (d.fingertips_id) {
      ids.push_back({{"system", b_.canonical("/Id/fingertips-indicator")},
                     {"value", std::to_string(*d.fingertips_id)}});
    }
    for (const outcomes::legacy_code& l : d.legacy_codes) {
      if (l.code.empty()) continue;
      ids.push_back(
          {{"system", b_.canonical("/Id/legacy/" + uri_segment(legacy_system_name(l.framework)))},
           {"value", safe(l.code)}});
    }
    r["identifier"] = std::move(ids);
    put_text(r, "version", fw_.catalogue.version);
    r["name"] = computable_name(d.id);
    put_text(r, "title", d.title);
    r["status"] = "active";
    r["date"] = timestamp_;
    put_text(r, "publisher", fw_.name);
    put_text(r, "description", d.population);
    r["scoring"] = coded(std::string(terminology) + "measure-scoring", scoring(d.method), "");
    r["type"] = json::array({coded(std::string(terminology) + "measure-type", "outcome", "")});
    if (d.method == outcomes::indicator_method::dsr) {
      r["riskAdjustment"] = "directly age-standardised";
    } else if (d.method == outcomes::indicator_method::isr_ratio ||
               d.method == outcomes::indicator_method::isr_rate) {
      r["riskAdjustment"] = "indirectly age-standardised";
    }
    if (d.polarity != outcomes::polarity::no_judgement) {
      r["improvementNotation"] = improvement(d.polarity);
    }
    r["guidance"] = "Method: " + std::string(outcomes::to_string(d.method)) + ", multiplier " +
                    outcomes::indicator_value::number_text(d.multiplier) +
                    ". Each MeasureReport carries its confidence intervals (95% and 99.8%) in "
                    "the extension " +
                    b_.canonical(fhir_ci_extension_path) + " on group.measureScore.";
    json pops = json::array();
    switch (d.method) {
      case outcomes::indicator_method::mean:
        pops.push_back(population("measure-population", "Measure Population", "MeasurePopulation",
                                  d.denominator.empty() ? d.population : d.denominator));
        pops.push_back(population("measure-observation", "Measure Observation",
                                  "MeasureObservation", d.numerator));
        break;
      case outcomes::indicator_method::count:
        pops.push_back(population("initial-population", "Initial Population", "InitialPopulation",
                                  d.numerator.empty() ? d.population : d.numerator));
        break;
      default:
        pops.push_back(population("numerator", "Numerator", "Numerator", d.numerator));
        pops.push_back(population("denominator", "Denominator", "Denominator", d.denominator));
        break;
    }
    json group = json::object();
    group["population"] = std::move(pops);
    r["group"] = json::array({std::move(group)});
    b_.add("Measure/" + d.id, std::move(r));
  }

  /// The Organization for an area code ("" is the framework's own, for targets of every area).
  std::string area_organisation(const std::string& area) {
    const std::string key = "Organization/area/" + area;
    if (const std::string* u = b_.find(key)) return *u;
    json o = {{"resourceType", "Organization"}};
    if (!area.empty()) {
      o["identifier"] = json::array({{{"system", gss_system}, {"value", safe(area)}}});
      o["name"] = "Area " + safe(area);
    } else {
      o["name"] = fw_.name.empty() ? std::string("Outcomes framework") : safe(fw_.name);
    }
    return b_.add(key, std::move(o));
  }

  /// The Group of an area's residents (MeasureReport.subject cannot be an Organization in R4).
  std::string area_group(const std::string& area) {
    const std::string key = "Group/area/" + area;
    if (const std::string* u = b_.find(key)) return *u;
    const std::string org = area_organisation(area);
    json g = {{"resourceType", "Group"}};
    g["identifier"] = json::array({{{"system", gss_system}, {"value", safe(area)}}});
    g["type"] = "person";
    g["actual"] = false;
    g["name"] = "Residents of area " + safe(area);
    g["managingEntity"] = reference(org);
    return b_.add(key, std::move(g));
  }

  void goal(const outcomes::target& t, std::size_t index,
            const std::vector<outcomes::scorecard_row>& rows) {
    const outcomes::indicator_definition* d = fw_.catalogue.find(t.indicator);
    if (d == nullptr) return;  // validate_outcomes_framework reports it
    json g = {{"resourceType", "Goal"}};
    g["lifecycleStatus"] = "active";
    const outcomes::scorecard_row* last = nullptr;
    for (const outcomes::scorecard_row& r : rows) {
      if (!t.area.empty() && r.indicator == t.indicator && r.area == t.area) last = &r;
    }
    if (last != nullptr && last->status != outcomes::target_status::not_assessed) {
      const std::string sys = std::string(terminology) + "goal-achievement";
      switch (last->status) {
        case outcomes::target_status::met:
          g["achievementStatus"] = coded(sys, "achieved", "Achieved");
          break;
        case outcomes::target_status::on_trajectory:
          g["achievementStatus"] = coded(sys, "in-progress", "In Progress");
          break;
        default:
          g["achievementStatus"] = coded(sys, "not-achieved", "Not Achieved");
          break;
      }
    }
    g["description"] =
        text_concept(d->title + ": " + outcomes::indicator_value::number_text(t.value) + " by " +
                     to_iso_string(t.due));
    g["subject"] = reference(area_organisation(t.area));
    if (t.baseline) g["startDate"] = to_iso_string(t.baseline->date);
    std::vector<outcomes::milestone> steps = outcomes::trajectory_steps(t);
    if (steps.empty() || sys_days(steps.back().date) != sys_days(t.due)) {
      steps.push_back({t.due, t.value});
    }
    json targets = json::array();
    for (const outcomes::milestone& m : steps) {
      json x = json::object();
      x["measure"] = coded(b_.canonical("/CodeSystem/indicator"), code_text(d->id), d->title);
      if (std::isfinite(m.value)) x["detailQuantity"] = {{"value", m.value}};
      x["dueDate"] = to_iso_string(m.date);
      targets.push_back(std::move(x));
    }
    g["target"] = std::move(targets);
    json notes = json::array();
    if (t.baseline) {
      notes.push_back(
          {{"text", "Baseline " + outcomes::indicator_value::number_text(t.baseline->value) +
                        " on " + to_iso_string(t.baseline->date) + "; trajectory " +
                        std::string(outcomes::to_string(t.shape))}});
    }
    if (!t.source.empty()) notes.push_back({{"text", "Set by: " + safe(t.source)}});
    if (!notes.empty()) g["note"] = std::move(notes);
    b_.add("Goal/target/" + std::to_string(index) + "/" + t.indicator + "/" + t.area, std::move(g));
  }

  json interval_extension(double level, std::optional<double> low, std::optional<double> high,
                          std::string_view method) const {
    json parts = json::array();
    parts.push_back({{"url", "level"}, {"valueDecimal", level}});
    if (finite(low)) parts.push_back({{"url", "low"}, {"valueDecimal", *low}});
    if (finite(high)) parts.push_back({{"url", "high"}, {"valueDecimal", *high}});
    if (!method.empty()) parts.push_back({{"url", "method"}, {"valueString", std::string(method)}});
    json e = json::object();
    e["url"] = b_.canonical(fhir_ci_extension_path);
    e["extension"] = std::move(parts);
    return e;
  }

  /// The measureScore of a row (value, unit and intervals), or null when there is none.
  json score(const outcomes::scorecard_row& row) const {
    const std::optional<double> v = row.shown_value();
    if (!finite(v)) return nullptr;
    json q = json::object();
    json exts = json::array();
    if (row.statistic && row.statistic->value) {
      const outcomes::indicator_value& s = *row.statistic;
      for (std::size_t i = 0; i < s.interval_count && i < s.intervals.size(); ++i) {
        const outcomes::interval& ci = s.intervals[i];
        if (finite(ci.lower) || finite(ci.upper)) {
          exts.push_back(interval_extension(ci.confidence, ci.lower, ci.upper, s.method_name));
        }
      }
    } else if (row.published) {
      const outcomes::published_figures& p = *row.published;
      if (finite(p.lower_95) || finite(p.upper_95)) {
        exts.push_back(interval_extension(0.95, p.lower_95, p.upper_95, "published"));
      }
      if (finite(p.lower_99_8) || finite(p.upper_99_8)) {
        exts.push_back(interval_extension(0.998, p.lower_99_8, p.upper_99_8, "published"));
      }
    }
    if (!exts.empty()) q["extension"] = std::move(exts);
    q["value"] = *v;
    if (row.statistic) {
      const std::string unit = row.statistic->statistic();
      if (unit == "percentage") {
        q["unit"] = "%";
        q["system"] = "http://unitsofmeasure.org";
        q["code"] = "%";
      } else {
        put_text(q, "unit", unit);
      }
    }
    return q;
  }

  void report(const outcomes::scorecard_row& row) {
    const outcomes::indicator_definition* d = fw_.catalogue.find(row.indicator);
    if (d == nullptr) return;
    json r = {{"resourceType", "MeasureReport"}};
    r["identifier"] =
        json::array({{{"system", b_.canonical("/Id/measure-report")},
                      {"value", safe(row.indicator + " " + row.area + " " + row.period)}}});
    r["status"] = "complete";
    r["type"] = "summary";
    r["measure"] = measure_url(row.indicator);
    r["subject"] = reference(area_group(row.area));
    r["date"] = timestamp_;
    r["reporter"] = reference(area_organisation(row.area));
    r["period"] = {{"end", to_iso_string(row.period_end)}};
    if (d->polarity != outcomes::polarity::no_judgement) {
      r["improvementNotation"] = improvement(d->polarity);
    }
    json group = json::object();
    group["code"] = text_concept(row.period);
    json sc = row.withheld.empty() ? score(row) : json(nullptr);
    if (sc.is_null()) {
      const bool masked = row.withheld == outcomes::reasons::disclosure;
      group["extension"] =
          json::array({{{"url", data_absent_url}, {"valueCode", masked ? "masked" : "unknown"}}});
    } else {
      if (row.statistic) {
        json pops = json::array();
        const std::optional<std::int64_t> num = whole(row.statistic->observed);
        const std::optional<std::int64_t> den = whole(row.statistic->denominator);
        const bool counts = row.statistic->method != outcomes::indicator_method::mean;
        if (counts && num) {
          pops.push_back({{"code", coded(std::string(terminology) + "measure-population",
                                         row.statistic->method == outcomes::indicator_method::count
                                             ? "initial-population"
                                             : "numerator",
                                         "")},
                          {"count", *num}});
        }
        if (counts && den && row.statistic->method != outcomes::indicator_method::count) {
          pops.push_back(
              {{"code", coded(std::string(terminology) + "measure-population", "denominator", "")},
               {"count", *den}});
        }
        if (!pops.empty()) group["population"] = std::move(pops);
      }
      group["measureScore"] = std::move(sc);
    }
    r["group"] = json::array({std::move(group)});
    b_.add("MeasureReport/" + row.indicator + "/" + row.area + "/" + to_iso_string(row.period_end) +
               "/" + row.period,
           std::move(r));
  }
};

std::size_t error_count(const diagnostics& diags) {
  return diags.count(severity::error) + diags.count(severity::fatal);
}

}  // namespace

std::string fhir_name_uuid(std::string_view name) {
  // RFC 4122 §4.3: SHA-1 over the namespace's 16 bytes then the name; the URL namespace
  // 6ba7b811-9dad-11d1-80b4-00c04fd430c8, and the name "urn:joinedup:fhir:" + name.
  static constexpr std::array<unsigned char, 16> url_namespace = {
      0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
      0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  std::string input(url_namespace.begin(), url_namespace.end());
  input += "urn:joinedup:fhir:";
  input += name;
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), md.data(), &length, EVP_sha1(), nullptr) != 1 ||
      length < 16) {
    // Only an allocation failure inside libcrypto gets here.
    throw std::runtime_error("joinedup: libcrypto could not compute a SHA-1 digest");
  }
  md[6] = static_cast<unsigned char>((md[6] & 0x0f) | 0x50);  // version 5
  md[8] = static_cast<unsigned char>((md[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[md[i] >> 4];
    out += hex[md[i] & 0x0f];
  }
  return out;
}

bool is_fhir_instant(std::string_view t) noexcept {
  const auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > t.size()) return false;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4) || t.size() < 20 || t[4] != '-' || !digits(5, 2) || t[7] != '-' ||
      !digits(8, 2) || t[10] != 'T' || !digits(11, 2) || t[13] != ':' || !digits(14, 2) ||
      t[16] != ':' || !digits(17, 2)) {
    return false;
  }
  const auto num = [&](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  const int year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + num(2);
  const std::chrono::year_month_day day{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(num(5))),
                                        std::chrono::day(static_cast<unsigned>(num(8)))};
  if (year < 1 || !day.ok() || num(11) > 23 || num(14) > 59 || num(17) > 59) return false;
  std::size_t i = 19;
  if (t[i] == '.') {
    ++i;
    const std::size_t from = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i;
    if (i == from) return false;
  }
  if (i < t.size() && t[i] == 'Z') return i + 1 == t.size();
  if (i + 6 != t.size() || (t[i] != '+' && t[i] != '-') || !digits(i + 1, 2) || t[i + 3] != ':' ||
      !digits(i + 4, 2)) {
    return false;
  }
  return num(i + 1) <= 14 && num(i + 4) <= 59;
}

std::optional<std::string> write_fhir_bundle(const care::care_records& records,
                                             const fhir_outcomes& outcomes,
                                             const fhir_export_options& options,
                                             diagnostics& diags) {
  const std::size_t errors = error_count(diags);
  const std::optional<std::chrono::year_month_day> as_of =
      options.as_of ? options.as_of : records.as_of;
  if (!as_of || !as_of->ok()) {
    diags.error("io.fhir.as_of", "/as_of",
                "the care records give no as_of date; give one (--as-of YYYY-MM-DD) so that the "
                "export does not depend on today's date");
    return std::nullopt;
  }
  std::string timestamp = options.timestamp;
  if (timestamp.empty()) {
    timestamp = to_iso_string(*as_of) + "T00:00:00Z";
  } else if (!is_fhir_instant(timestamp)) {
    diags.error("io.fhir.timestamp", "",
                "the timestamp '" + safe(timestamp) +
                    "' is not a FHIR instant; write it as YYYY-MM-DDThh:mm:ssZ (or with an "
                    "offset such as +01:00)");
    return std::nullopt;
  }
  std::string base = options.base.empty() ? std::string(fhir_default_base) : options.base;
  while (!base.empty() && base.back() == '/')
    base.pop_back();
  bundle_builder b(base);
  std::vector<outcomes::scorecard_row> rows;
  if (outcomes.framework != nullptr) {
    rows = outcomes::build_scorecard(*outcomes.framework, outcomes.measurements, *as_of, diags);
  }
  if (error_count(diags) > errors) return std::nullopt;
  care_export(b, records, sys_days(*as_of), diags).run();
  if (outcomes.framework != nullptr) outcomes_export(b, *outcomes.framework, timestamp).run(rows);

  json bundle = json::object();
  bundle["resourceType"] = "Bundle";
  bundle["id"] = fhir_name_uuid("Bundle/" + to_iso_string(*as_of) + "/" + timestamp);
  bundle["type"] = "collection";
  bundle["timestamp"] = timestamp;
  json entries = b.take_entries();
  if (!entries.empty()) bundle["entry"] = std::move(entries);
  return bundle.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace io
JOINEDUP_END_NAMESPACE
