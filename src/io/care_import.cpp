// joinedup: a case-management system's exports assembled into the care records document
// (docs/care-import.md).
#include "joinedup/io/care_import.hpp"

#include <algorithm>
#include <charconv>
#include <span>
#include <unordered_map>
#include <utility>

#include "csv_split.hpp"
#include "joinedup/care/lifecycle.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"
#include "joinedup/io/date_format.hpp"
#include "joinedup/io/ledger_import.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

/// A field of an export file: its name and whether the column, and its cell, must be there.
struct field_spec {
  std::string_view name;  ///< the field's own name (also the column looked for by default)
  bool required = false;  ///< the column must be there and its cell not empty
};

constexpr std::array<field_spec, 11> people_fields = {{{"person_id", true},
                                                       {"nhs_number", true},
                                                       {"date_of_birth"},
                                                       {"council"},
                                                       {"gp_practice"},
                                                       {"long_term_conditions"},
                                                       {"care_act_eligible"},
                                                       {"chc_eligible"},
                                                       {"chc_decided_on"},
                                                       {"complex_needs"},
                                                       {"assessed_on"}}};
constexpr std::array<field_spec, 24> plans_fields = {{{"plan_id", true},
                                                      {"person_id", true},
                                                      {"kind", true},
                                                      {"drafted"},
                                                      {"agreed"},
                                                      {"agreed_by"},
                                                      {"start"},
                                                      {"closed"},
                                                      {"closed_reason"},
                                                      {"status"},
                                                      {"budget_total"},
                                                      {"budget_person_contribution"},
                                                      {"budget_council_amount"},
                                                      {"budget_daily_living_costs"},
                                                      {"budget_nhs_funded"},
                                                      {"direct_payment_amount"},
                                                      {"direct_payment_frequency"},
                                                      {"involved_person"},
                                                      {"involved_carer"},
                                                      {"involved_others"},
                                                      {"lacks_capacity"},
                                                      {"capacity_record"},
                                                      {"advice"},
                                                      {"contingency"}}};
constexpr std::array<field_spec, 10> assignments_fields = {{{"plan_id", true},
                                                            {"person_id"},
                                                            {"case_manager_id", true},
                                                            {"case_manager"},
                                                            {"role"},
                                                            {"team"},
                                                            {"capacity"},
                                                            {"from", true},
                                                            {"to"},
                                                            {"reason"}}};
constexpr std::array<field_spec, 15> services_fields = {{{"plan_id", true},
                                                         {"service_id", true},
                                                         {"kind", true},
                                                         {"description"},
                                                         {"provider"},
                                                         {"provider_type", true},
                                                         {"fund_line"},
                                                         {"start", true},
                                                         {"end"},
                                                         {"unit_price"},
                                                         {"units_per_week"},
                                                         {"weekly_cost"},
                                                         {"funded_by", true},
                                                         {"meets"},
                                                         {"direct_payment"}}};
constexpr std::array<field_spec, 6> needs_fields = {{{"plan_id", true},
                                                     {"need_id", true},
                                                     {"description"},
                                                     {"eligible"},
                                                     {"nhs_funded"},
                                                     {"how_met"}}};
constexpr std::array<field_spec, 5> outcomes_fields = {
    {{"plan_id", true}, {"need_id"}, {"description", true}, {"target_date"}, {"measure"}}};
constexpr std::array<field_spec, 5> events_fields = {
    {{"plan_id", true}, {"event", true}, {"date", true}, {"by"}, {"reason"}}};
constexpr std::array<field_spec, 4> absences_fields = {
    {{"case_manager_id", true}, {"from", true}, {"to", true}, {"reason"}}};

/// The fields of a kind of file (care_import_files), empty for an unknown kind.
std::span<const field_spec> fields_of_file(std::string_view kind) {
  if (kind == "people") return people_fields;
  if (kind == "plans") return plans_fields;
  if (kind == "assignments") return assignments_fields;
  if (kind == "services") return services_fields;
  if (kind == "needs") return needs_fields;
  if (kind == "outcomes") return outcomes_fields;
  if (kind == "events") return events_fields;
  if (kind == "absences") return absences_fields;
  return {};
}

/// A header or a value as compared: folded (detail::fold_header) with spaces and hyphens as
/// underscores, so "Provider Type" matches provider_type and "Care Act" care_act.
std::string name_key(std::string_view s) {
  std::string out = detail::fold_header(s);
  std::replace(out.begin(), out.end(), ' ', '_');
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

/// One export file split into records, with the column of each of its fields.
class sheet {
 public:
  /// Splits `text` and finds each field's column; problems with the header go to `diags`.
  sheet(std::string_view kind, std::string_view text, const care_import_options& options,
        diagnostics& diags)
      : kind_(kind), fields_(fields_of_file(kind)), columns_(fields_.size()) {
    records_ = detail::split_csv(text);
    const std::string at = "/" + kind_ + "/header";
    if (records_.empty()) {
      diags.error("care.import.empty", at, "the " + kind_ + " file has no header row");
      return;
    }
    const detail::csv_record& header = records_.front();
    bool missing = false;
    for (std::size_t f = 0; f < fields_.size(); ++f) {
      const auto named = options.columns.find(kind_ + "." + std::string(fields_[f].name));
      const std::string want =
          name_key(named != options.columns.end() ? named->second : fields_[f].name);
      for (std::size_t c = 0; c < header.fields.size(); ++c) {
        if (name_key(header.fields[c]) != want) continue;
        if (columns_[f]) {
          diags.error("care.import.column", at,
                      "the " + kind_ + " file has two columns '" + shown(header.fields[c]) +
                          "' for " + std::string(fields_[f].name) + ": columns " +
                          std::to_string(*columns_[f] + 1) + " and " + std::to_string(c + 1));
          missing = true;
          break;
        }
        columns_[f] = c;
      }
      if (columns_[f]) continue;
      if (named != options.columns.end()) {
        diags.error("care.import.column", at,
                    "the " + kind_ + " file has no column '" + shown(named->second) + "' for " +
                        std::string(fields_[f].name) + "; its columns are: " + header_list());
        missing = true;
      } else if (fields_[f].required) {
        diags.error("care.import.column", at,
                    "the " + kind_ + " file has no '" + std::string(fields_[f].name) +
                        "' column; name it with --column " + kind_ + "." +
                        std::string(fields_[f].name) + "=\"…\"; its columns are: " + header_list());
        missing = true;
      }
    }
    ok_ = !missing;
  }

  /// True when every required column was found.
  [[nodiscard]] bool ok() const noexcept { return ok_; }
  /// The file's kind.
  [[nodiscard]] const std::string& kind() const noexcept { return kind_; }
  /// The data records (after the header).
  [[nodiscard]] std::span<const detail::csv_record> rows() const {
    return records_.empty() ? std::span<const detail::csv_record>{}
                            : std::span<const detail::csv_record>(records_).subspan(1);
  }
  /// The cell of `field` in `rec`, trimmed; empty when the file has no such column.
  [[nodiscard]] std::string_view cell(const detail::csv_record& rec, std::string_view field) const {
    for (std::size_t f = 0; f < fields_.size(); ++f) {
      if (fields_[f].name != field) continue;
      if (!columns_[f] || *columns_[f] >= rec.fields.size()) return {};
      return detail::trim_blanks(rec.fields[*columns_[f]]);
    }
    return {};
  }
  /// True when `field` must have a value.
  [[nodiscard]] bool required(std::string_view field) const {
    return std::any_of(fields_.begin(), fields_.end(),
                       [&](const field_spec& f) { return f.name == field && f.required; });
  }

  /// Text for a message: at most 60 printable characters; a value that could hold an NHS number
  /// is described, not shown.
  static std::string shown(std::string_view s) {
    s = detail::trim_blanks(s);
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    const std::string q = joinedup::detail::quote_for_message(s.substr(0, 60));
    return q.size() >= 2 && q.front() == '"' ? q.substr(1, q.size() - 2) : q;
  }

 private:
  std::string header_list() const {
    std::string list;
    for (const std::string& h : records_.front().fields)
      list += (list.empty() ? "" : ", ") + shown(h);
    return list;
  }

  std::string kind_;
  std::span<const field_spec> fields_;
  std::vector<std::optional<std::size_t>> columns_;
  std::vector<detail::csv_record> records_;
  bool ok_ = false;
};

/// One row being read: its cells by field, and the errors that reject it.
class row {
 public:
  /// The row `rec` of `s`; errors go to `diags`.
  row(const sheet& s, const detail::csv_record& rec, const care_import_options& o,
      diagnostics& diags)
      : s_(s),
        rec_(rec),
        o_(o),
        diags_(diags),
        at_("/" + s.kind() + "/rows/" + std::to_string(rec.line)) {}

  /// Rejects the row with `code` and `message` (prefixed with the file and line).
  void reject(std::string_view code, const std::string& message) {
    diags_.error(code, at_, s_.kind() + " line " + std::to_string(rec_.line) + ": " + message);
    rejected_ = true;
  }
  /// True when something rejected the row.
  [[nodiscard]] bool rejected() const noexcept { return rejected_; }

  /// The cell of `field`; a required one that is empty rejects the row.
  std::string text(std::string_view field) {
    const std::string_view v = s_.cell(rec_, field);
    if (v.empty() && s_.required(field))
      reject("care.import.value", std::string(field) + " is empty");
    return std::string(v);
  }
  /// A date cell read in the exports' format; nullopt when empty.
  std::optional<care::date> date(std::string_view field) {
    const std::string v = text(field);
    if (v.empty()) return std::nullopt;
    const result<std::chrono::year_month_day> d = parse_date(v, o_.date_format);
    if (!d) {
      reject("care.import.value", std::string(field) + " " + quoted(v) +
                                      " is not a date in the form " + o_.date_format + " (" +
                                      d.error().message + ")");
      return std::nullopt;
    }
    return *d;
  }
  /// A yes/no cell (yes, no, y, n, true, false, 1, 0, any case); empty is no.
  bool flag(std::string_view field) {
    const std::string v = detail::fold_header(text(field));
    if (v.empty() || v == "no" || v == "n" || v == "false" || v == "0") return false;
    if (v == "yes" || v == "y" || v == "true" || v == "1") return true;
    reject("care.import.value", std::string(field) + " " + quoted(v) + " is not yes or no");
    return false;
  }
  /// An amount of money (io::parse_export_amount); nullopt when empty.
  std::optional<money> amount(std::string_view field) {
    const std::string v = text(field);
    if (v.empty()) return std::nullopt;
    const result<money> m = parse_export_amount(v);
    if (!m) {
      reject("care.import.value", std::string(field) + ": " + m.error().message);
      return std::nullopt;
    }
    return *m;
  }
  /// One of an enumeration's names, read with case, spaces and hyphens folded ("Care Act" is
  /// care_act); nullopt when empty.
  template <named_enum E>
  std::optional<E> choice(std::string_view field) {
    const std::string v = name_key(text(field));
    if (v.empty()) return std::nullopt;
    if (const std::optional<E> e = parse_enum<E>(v)) return e;
    std::string allowed;
    for (std::string_view n : enum_names<E>)
      allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    reject("care.import.value", std::string(field) + " " + quoted(v) + " is not one of " + allowed);
    return std::nullopt;
  }
  /// A `;`-separated list, each item trimmed, empty items left out.
  std::vector<std::string> list(std::string_view field) {
    std::vector<std::string> out;
    const std::string v = text(field);
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t end = v.find(';', start);
      if (end == std::string::npos) end = v.size();
      const std::string_view item =
          detail::trim_blanks(std::string_view(v).substr(start, end - start));
      if (!item.empty()) out.emplace_back(item);
      start = end + 1;
    }
    return out;
  }
  /// A whole number from 0 to 1,000,000; nullopt when empty.
  std::optional<std::int64_t> count(std::string_view field) {
    const std::string v = text(field);
    if (v.empty()) return std::nullopt;
    std::int64_t n = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || p != v.data() + v.size() || n < 0 || n > 1'000'000) {
      reject("care.import.value",
             std::string(field) + " " + quoted(v) + " is not a whole number from 0 to 1000000");
      return std::nullopt;
    }
    return n;
  }
  /// An end date not before its start; an earlier one rejects the row.
  void check_order(const std::optional<care::date>& from, const std::optional<care::date>& to,
                   std::string_view from_name, std::string_view to_name) {
    if (from && to && *to < *from) {
      reject("care.import.dates", std::string(to_name) + " " + iso(*to) + " is before " +
                                      std::string(from_name) + " " + iso(*from));
    }
  }

  /// The JSON pointer of the row.
  [[nodiscard]] const std::string& at() const noexcept { return at_; }

  /// A cell quoted for a message.
  static std::string quoted(std::string_view v) { return "'" + sheet::shown(v) + "'"; }
  /// A date as ISO 8601.
  static std::string iso(care::date d) { return format_date(d, "%Y-%m-%d"); }

 private:
  const sheet& s_;
  const detail::csv_record& rec_;
  const care_import_options& o_;
  diagnostics& diags_;
  std::string at_;
  bool rejected_ = false;
};

/// The document being assembled, with the export's ids for lookups.
struct assembly {
  care_import out;
  std::unordered_map<std::string, std::size_t> person_by_id;    ///< person id -> people index
  std::unordered_map<std::string, std::size_t> plan_by_id;      ///< plan id -> plans index
  std::unordered_map<std::string, std::size_t> person_of_plan;  ///< plan id -> people index
  std::unordered_map<std::string, std::size_t> manager_by_id;   ///< case manager id -> index
  std::vector<std::vector<care::plan_event>> extra_events;      ///< per plan: events file rows
  std::vector<std::optional<care::plan_event>> closing;         ///< per plan: its closure
  std::vector<std::pair<std::string, std::string>> statuses;    ///< per plan: status, row path
  std::vector<std::string> person_digits;  ///< per person: the NHS number's ten digits
};

/// The plan a row names, or nullopt (the row rejected: care.import.unknown).
std::optional<std::size_t> plan_of(row& r, const assembly& a) {
  const std::string id = r.text("plan_id");
  if (id.empty()) return std::nullopt;
  const auto it = a.plan_by_id.find(id);
  if (it == a.plan_by_id.end()) {
    r.reject("care.import.unknown", "plan " + row::quoted(id) + " is not in the plans file");
    return std::nullopt;
  }
  return it->second;
}

void read_people(const sheet& s, const care_import_options& o, assembly& a, care_import_count& n,
                 diagnostics& diags) {
  std::unordered_map<std::string, std::size_t> line_of_number;
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    care::person p;
    const std::string id = r.text("person_id");
    p.nhs_number = r.text("nhs_number");
    if (!id.empty() && a.person_by_id.count(id) != 0)
      r.reject("care.import.duplicate", "person " + row::quoted(id) + " is given twice");
    if (!p.nhs_number.empty()) {
      const result<nhs_number> nhs = nhs_number::parse(p.nhs_number);
      if (!nhs) {
        r.reject("care.import.nhs_number", nhs.error().message);
      } else if (const auto [it, fresh] = line_of_number.emplace(nhs->digits(), rec.line); !fresh) {
        r.reject("care.import.duplicate", "NHS number " + nhs->masked() +
                                              " is already given on line " +
                                              std::to_string(it->second));
      }
    }
    p.date_of_birth = r.date("date_of_birth");
    p.council = r.text("council");
    p.gp_practice = r.text("gp_practice");
    p.long_term_conditions = r.list("long_term_conditions");
    p.eligibility.care_act = r.flag("care_act_eligible");
    p.eligibility.chc = r.flag("chc_eligible");
    p.eligibility.chc_decided_on = r.date("chc_decided_on");
    p.complex_needs = r.flag("complex_needs");
    p.assessed_on = r.date("assessed_on");
    if (r.rejected()) {
      ++n.rows_rejected;
      continue;
    }
    a.person_by_id.emplace(id, a.out.records.people.size());
    a.person_digits.push_back(nhs_number::parse(p.nhs_number)->digits());
    a.out.records.people.push_back(std::move(p));
    ++n.rows_mapped;
  }
}

/// A plan event from a date cell, when the cell has a date.
void add_event(std::vector<care::plan_event>& to, care::event_kind kind,
               const std::optional<care::date>& on, std::string by = {}, std::string reason = {}) {
  if (on) to.push_back({kind, *on, std::move(by), std::move(reason)});
}

void read_plans(const sheet& s, const care_import_options& o, assembly& a, care_import_count& n,
                diagnostics& diags) {
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    care::care_plan p;
    const std::string id = r.text("plan_id");
    p.id = plan_id(id);
    if (!id.empty() && a.plan_by_id.count(id) != 0)
      r.reject("care.import.duplicate", "plan " + row::quoted(id) + " is given twice");
    const std::string person = r.text("person_id");
    const auto who = a.person_by_id.find(person);
    if (!person.empty() && who == a.person_by_id.end())
      r.reject("care.import.unknown", "plan " + row::quoted(id) + " is for person " +
                                          row::quoted(person) + ", who is not in the people file");
    p.kind = r.choice<care::plan_kind>("kind").value_or(care::plan_kind::care_act);
    const std::optional<care::date> drafted = r.date("drafted");
    const std::optional<care::date> agreed = r.date("agreed");
    const std::string agreed_by = r.text("agreed_by");
    const std::optional<care::date> start = r.date("start");
    const std::optional<care::date> closed = r.date("closed");
    const std::string closed_reason = r.text("closed_reason");
    r.check_order(drafted, agreed, "drafted", "agreed");
    r.check_order(agreed, start, "agreed", "start");
    r.check_order(drafted, start, "drafted", "start");
    r.check_order(start, closed, "start", "closed");
    r.check_order(agreed, closed, "agreed", "closed");
    add_event(p.history, care::event_kind::drafted, drafted);
    add_event(p.history, care::event_kind::agreed, agreed, agreed_by);
    add_event(p.history, care::event_kind::activated, start);
    std::optional<care::plan_event> closing;
    if (closed) closing = care::plan_event{care::event_kind::closed, *closed, {}, closed_reason};
    const std::optional<money> total = r.amount("budget_total");
    const std::optional<money> contribution = r.amount("budget_person_contribution");
    const std::optional<money> council = r.amount("budget_council_amount");
    const std::optional<money> daily = r.amount("budget_daily_living_costs");
    const std::optional<money> nhs = r.amount("budget_nhs_funded");
    if (total || contribution || council || daily || nhs) {
      p.budget = care::personal_budget{total.value_or(money{}), contribution.value_or(money{}),
                                       council.value_or(money{}), daily, nhs.value_or(money{})};
    }
    const std::optional<money> dp = r.amount("direct_payment_amount");
    const std::optional<care::payment_frequency> freq =
        r.choice<care::payment_frequency>("direct_payment_frequency");
    if (dp || freq) p.direct_payment = care::direct_payment{dp.value_or(money{}), freq};
    p.involved.person = r.flag("involved_person");
    p.involved.carer = r.flag("involved_carer");
    p.involved.others = r.list("involved_others");
    p.involved.lacks_capacity = r.flag("lacks_capacity");
    p.involved.capacity_record = r.text("capacity_record");
    p.advice = r.text("advice");
    p.contingency = r.text("contingency");
    const std::string status = r.text("status");
    if (r.rejected()) {
      ++n.rows_rejected;
      continue;
    }
    p.nhs_number = a.person_digits[who->second];
    a.plan_by_id.emplace(id, a.out.records.plans.size());
    a.person_of_plan.emplace(id, who->second);
    a.closing.push_back(std::move(closing));
    a.extra_events.emplace_back();
    a.statuses.emplace_back(status, r.at());
    a.out.records.plans.push_back(std::move(p));
    ++n.rows_mapped;
  }
}

/// The case manager an assignment row names, with the details the row gives.
care::case_manager case_manager_in(row& r) {
  care::case_manager cm;
  cm.id = care::case_manager_id(r.text("case_manager_id"));
  cm.name = r.text("case_manager");
  cm.role = r.text("role");
  cm.organisation = r.text("team");
  cm.capacity = r.count("capacity").value_or(0);
  return cm;
}

/// The index of a case manager already known, their details checked against `cm`'s: a later
/// row may leave a detail empty or give the same, not a different one (care.import.case_manager).
/// nullopt for a case manager not yet known.
std::optional<std::size_t> known_case_manager(row& r, const assembly& a,
                                              const care::case_manager& cm) {
  const auto it = a.manager_by_id.find(cm.id.str());
  if (it == a.manager_by_id.end()) return std::nullopt;
  const care::case_manager& known = a.out.records.case_managers[it->second];
  const auto differs = [&](const std::string& mine, const std::string& theirs,
                           std::string_view what) {
    if (mine.empty() || theirs.empty() || mine == theirs) return;
    r.reject("care.import.case_manager",
             "case manager " + row::quoted(cm.id.str()) + "'s " + std::string(what) + " " +
                 row::quoted(mine) + " differs from an earlier row's " + row::quoted(theirs));
  };
  differs(cm.name, known.name, "name");
  differs(cm.role, known.role, "role");
  differs(cm.organisation, known.organisation, "team");
  if (cm.capacity != 0 && known.capacity != 0)
    differs(std::to_string(cm.capacity), std::to_string(known.capacity), "capacity");
  return it->second;
}

void read_assignments(const sheet& s, const care_import_options& o, assembly& a,
                      care_import_count& n, diagnostics& diags) {
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    const std::optional<std::size_t> plan = plan_of(r, a);
    const std::string person = r.text("person_id");
    if (plan && !person.empty()) {
      const auto who = a.person_by_id.find(person);
      if (who == a.person_by_id.end()) {
        r.reject("care.import.unknown",
                 "person " + row::quoted(person) + " is not in the people file");
      } else if (who->second !=
                 a.person_of_plan.at(std::string(a.out.records.plans[*plan].id.str()))) {
        r.reject("care.import.unknown", "plan " + row::quoted(a.out.records.plans[*plan].id.str()) +
                                            " is not for person " + row::quoted(person));
      }
    }
    care::case_manager cm = case_manager_in(r);
    const std::optional<std::size_t> known = known_case_manager(r, a, cm);
    care::assignment as;
    as.case_manager = cm.id;
    const std::optional<care::date> from = r.date("from");
    as.to = r.date("to");
    as.reason = r.text("reason");
    r.check_order(from, as.to, "from", "to");
    if (r.rejected() || !plan || !from) {
      ++n.rows_rejected;
      continue;
    }
    as.from = *from;
    if (!known) {
      a.manager_by_id.emplace(cm.id.str(), a.out.records.case_managers.size());
      a.out.records.case_managers.push_back(std::move(cm));
    } else {
      // Details an earlier row left empty are taken from this one.
      care::case_manager& k = a.out.records.case_managers[*known];
      if (k.name.empty()) k.name = std::move(cm.name);
      if (k.role.empty()) k.role = std::move(cm.role);
      if (k.organisation.empty()) k.organisation = std::move(cm.organisation);
      if (k.capacity == 0) k.capacity = cm.capacity;
    }
    a.out.records.plans[*plan].assignments.push_back(std::move(as));
    ++n.rows_mapped;
  }
}

void read_services(const sheet& s, const care_import_options& o, assembly& a, care_import_count& n,
                   diagnostics& diags) {
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    const std::optional<std::size_t> plan = plan_of(r, a);
    care::service sv;
    sv.id = r.text("service_id");
    if (plan && !sv.id.empty()) {
      for (const care::service& other : a.out.records.plans[*plan].services) {
        if (other.id == sv.id)
          r.reject("care.import.duplicate", "service " + row::quoted(sv.id) +
                                                " is given twice for plan " +
                                                row::quoted(a.out.records.plans[*plan].id.str()));
      }
    }
    sv.kind = r.choice<care::service_kind>("kind").value_or(care::service_kind::social_care);
    sv.description = r.text("description");
    sv.provider = r.text("provider");
    sv.provider_type = r.choice<care::provider_type>("provider_type")
                           .value_or(care::provider_type::private_sector);
    sv.scheme = line_id(r.text("fund_line"));
    const std::optional<care::date> start = r.date("start");
    sv.end = r.date("end");
    r.check_order(start, sv.end, "start", "end");
    const std::string price = r.text("unit_price");
    const std::string units = r.text("units_per_week");
    if (!price.empty()) {
      const result<rate> p = rate::parse(price);
      if (!p)
        r.reject("care.import.value", "unit_price: " + p.error().message);
      else
        sv.unit_price = *p;
      const result<ratio> u = ratio::parse(units.empty() ? std::string_view("1") : units);
      if (!u)
        r.reject("care.import.value", "units_per_week: " + u.error().message);
      else
        sv.units_per_week = *u;
    } else if (const std::optional<money> weekly = r.amount("weekly_cost")) {
      if (!units.empty() && units != "1")
        r.reject("care.import.value",
                 "units_per_week is given without a unit_price: give the unit price, or the "
                 "weekly cost alone");
      // rate::from_money is exact below £900 billion; larger is no weekly cost.
      if (weekly->pence() > 90'000'000'000'000 || weekly->pence() < -90'000'000'000'000)
        r.reject("care.import.value", "weekly_cost is out of range");
      else
        sv.unit_price = rate::from_money(*weekly);
      sv.units_per_week = ratio::whole(1);
    } else if (!r.rejected()) {
      r.reject("care.import.value", "the service has neither a unit_price nor a weekly_cost");
    }
    sv.funded_by = r.choice<care::funder>("funded_by").value_or(care::funder::council);
    sv.meets = r.list("meets");
    sv.direct_payment = r.flag("direct_payment");
    if (r.rejected() || !plan || !start) {
      ++n.rows_rejected;
      continue;
    }
    sv.start = *start;
    a.out.records.plans[*plan].services.push_back(std::move(sv));
    ++n.rows_mapped;
  }
}

void read_needs(const sheet& s, const care_import_options& o, assembly& a, care_import_count& n,
                diagnostics& diags) {
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    const std::optional<std::size_t> plan = plan_of(r, a);
    care::need nd;
    nd.id = r.text("need_id");
    if (plan && !nd.id.empty()) {
      for (const care::need& other : a.out.records.plans[*plan].needs) {
        if (other.id == nd.id)
          r.reject("care.import.duplicate", "need " + row::quoted(nd.id) +
                                                " is given twice for plan " +
                                                row::quoted(a.out.records.plans[*plan].id.str()));
      }
    }
    nd.description = r.text("description");
    nd.eligible = r.flag("eligible");
    nd.nhs_funded = r.flag("nhs_funded");
    nd.how_met = r.text("how_met");
    if (r.rejected() || !plan) {
      ++n.rows_rejected;
      continue;
    }
    a.out.records.plans[*plan].needs.push_back(std::move(nd));
    ++n.rows_mapped;
  }
}

void read_outcomes(const sheet& s, const care_import_options& o, assembly& a, care_import_count& n,
                   diagnostics& diags) {
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    const std::optional<std::size_t> plan = plan_of(r, a);
    care::outcome oc;
    oc.need = r.text("need_id");
    oc.description = r.text("description");
    oc.target_date = r.date("target_date");
    oc.measure = r.text("measure");
    if (r.rejected() || !plan) {
      ++n.rows_rejected;
      continue;
    }
    a.out.records.plans[*plan].outcomes.push_back(std::move(oc));
    ++n.rows_mapped;
  }
}

void read_events(const sheet& s, const care_import_options& o, assembly& a, care_import_count& n,
                 diagnostics& diags) {
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    const std::optional<std::size_t> plan = plan_of(r, a);
    const std::optional<care::event_kind> kind = r.choice<care::event_kind>("event");
    const std::optional<care::date> on = r.date("date");
    std::string by = r.text("by");
    std::string reason = r.text("reason");
    if (r.rejected() || !plan || !kind || !on) {
      ++n.rows_rejected;
      continue;
    }
    a.extra_events[*plan].push_back({*kind, *on, std::move(by), std::move(reason)});
    ++n.rows_mapped;
  }
}

void read_absences(const sheet& s, const care_import_options& o, assembly& a, care_import_count& n,
                   diagnostics& diags) {
  for (const detail::csv_record& rec : s.rows()) {
    row r(s, rec, o, diags);
    const std::string id = r.text("case_manager_id");
    const auto cm = a.manager_by_id.find(id);
    if (!id.empty() && cm == a.manager_by_id.end())
      r.reject("care.import.unknown",
               "case manager " + row::quoted(id) + " has no assignment in the assignments file");
    const std::optional<care::date> from = r.date("from");
    const std::optional<care::date> to = r.date("to");
    r.check_order(from, to, "from", "to");
    std::string reason = r.text("reason");
    if (r.rejected() || !from || !to) {
      ++n.rows_rejected;
      continue;
    }
    a.out.records.case_managers[cm->second].absences.push_back({*from, *to, std::move(reason)});
    ++n.rows_mapped;
  }
}

/// Each plan's history: the plan row's events, the events file's, then its closure, in date
/// order (events on the same day keep that order); the plan's status checked against the
/// status column on the as-of date (care.import.status, a warning).
void finish_plans(const care_import_options& o, assembly& a, diagnostics& diags) {
  std::vector<care::care_plan>& plans = a.out.records.plans;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    std::vector<care::plan_event>& h = plans[i].history;
    h.insert(h.end(), a.extra_events[i].begin(), a.extra_events[i].end());
    if (a.closing[i]) h.push_back(*a.closing[i]);
    std::stable_sort(h.begin(), h.end(), [](const care::plan_event& x, const care::plan_event& y) {
      return std::chrono::sys_days(x.on) < std::chrono::sys_days(y.on);
    });
    const auto& [status, at] = a.statuses[i];
    if (status.empty() || !o.as_of) continue;
    const std::string want = name_key(status);
    const std::optional<care::plan_status> got = care::status_on(plans[i], *o.as_of);
    const std::string_view got_name = got ? care::to_string(*got) : std::string_view("none");
    if (want != got_name) {
      diags.warning("care.import.status", at,
                    "plan " + row::quoted(plans[i].id.str()) + ": the export's status " +
                        row::quoted(status) + " is not the status its dates give on " +
                        row::iso(*o.as_of) + " (" + std::string(got_name) + ")");
    }
  }
}

}  // namespace

care_import import_care(const care_import_texts& files, const care_import_options& options,
                        diagnostics& diags) {
  assembly a;
  a.out.records.as_of = options.as_of;
  a.out.records.schemes = options.schemes;
  for (const std::string_view kind : {"people", "plans", "assignments"}) {
    if (files.find(kind) == files.end())
      diags.error("care.import.file", "/" + std::string(kind),
                  "the " + std::string(kind) + " file is required");
  }
  if (diags.has_errors()) return std::move(a.out);
  using reader = void (*)(const sheet&, const care_import_options&, assembly&, care_import_count&,
                          diagnostics&);
  constexpr std::array<reader, care_import_files.size()> readers = {
      read_people, read_plans,    read_assignments, read_services,
      read_needs,  read_outcomes, read_events,      read_absences};
  for (std::size_t k = 0; k < care_import_files.size(); ++k) {
    const auto text = files.find(care_import_files[k]);
    if (text == files.end()) continue;
    const sheet s(care_import_files[k], text->second, options, diags);
    care_import_count n;
    n.file = std::string(care_import_files[k]);
    n.rows_read = s.rows().size();
    if (s.ok()) {
      readers[k](s, options, a, n, diags);
    } else {
      n.rows_rejected = n.rows_read;
    }
    a.out.counts.push_back(std::move(n));
  }
  finish_plans(options, a, diags);
  return std::move(a.out);
}

void read_care_import_rules(std::string_view text, care_import_rules& into, diagnostics& diags) {
  std::vector<std::string> columns;
  for (const detail::rules_line& r : detail::split_rules(text)) {
    if (r.key == "column") {
      columns.push_back(r.value);
    } else if (r.key == "date-format") {
      if (into.date_format.empty()) into.date_format = r.value;
    } else if (r.key == "scheme") {
      into.schemes.push_back(r.value);
    } else {
      diags.error("care.import.rules", "/rules/" + std::to_string(r.line),
                  "rules line " + std::to_string(r.line) + ": '" + sheet::shown(r.key) +
                      "' is not one of column, date-format, scheme");
    }
  }
  into.columns.insert(into.columns.begin(), columns.begin(), columns.end());
}

care_import_options care_import_options_from(const care_import_rules& rules, diagnostics& diags) {
  care_import_options o;
  for (std::size_t i = 0; i < rules.columns.size(); ++i) {
    const std::string& spec = rules.columns[i];
    const std::size_t eq = spec.find('=');
    const std::size_t dot = spec.find('.');
    const std::string file = dot < eq ? spec.substr(0, dot) : std::string();
    const std::string field =
        dot < eq && eq != std::string::npos ? spec.substr(dot + 1, eq - dot - 1) : std::string();
    const std::span<const field_spec> known = fields_of_file(file);
    const bool ok = eq != std::string::npos && !known.empty() &&
                    std::any_of(known.begin(), known.end(),
                                [&](const field_spec& f) { return f.name == field; });
    if (!ok) {
      std::string files;
      for (std::string_view k : care_import_files)
        files += (files.empty() ? "" : ", ") + std::string(k);
      std::string fields;
      for (const field_spec& f : known)
        fields += (fields.empty() ? "" : ", ") + std::string(f.name);
      diags.error(
          "care.import.rules", "/columns/" + std::to_string(i),
          "column '" + sheet::shown(spec) + "': expected FILE.FIELD=HEADER with FILE one of " +
              files +
              (known.empty() ? std::string() : "; the " + file + " file's fields are " + fields));
      continue;
    }
    o.columns[file + "." + field] = spec.substr(eq + 1);
  }
  if (!rules.date_format.empty()) o.date_format = rules.date_format;
  for (const std::string& s : rules.schemes)
    o.schemes.emplace_back(s);
  return o;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
