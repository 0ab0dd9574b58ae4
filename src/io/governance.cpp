// joinedup: governance documents as JSON, and check results, decisions and progress measures as
// text tables, JSON and CSV (docs/governance.md). Each document's fields are named once, beside
// the structs (fields_of<T> and enum_names<E> in joinedup/governance/*.hpp); the one strict JSON
// reader and the generic field reader and writer (fields_json.hpp) do the rest. What is left
// here: the commissioner's partners (budget::partner has no field list yet), a rule's
// "unlimited" limit, an ambition's confidence tag, and the rendered results.
#include "joinedup/io/governance.hpp"

#include <algorithm>
#include <cstdint>
#include <sstream>

#include "fields_json.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/io/json.hpp"
#include "joinedup/report/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

/// The ambitions catalogue document: a description and the ambitions.
struct ambitions_catalogue {
  std::string description;                      ///< what the catalogue is (not written back)
  std::vector<governance::ambition> ambitions;  ///< the dated ambitions
};

}  // namespace
}  // namespace io

/// The fields of the ambitions catalogue (the "schema" tag is handled by the document reader).
template <>
inline constexpr auto fields_of<io::ambitions_catalogue> =
    std::tuple{field("description", &io::ambitions_catalogue::description, presence::omit_empty),
               field("ambitions", &io::ambitions_catalogue::ambitions)};

namespace io {
namespace {

using detail::json;
namespace gv = governance;

/// Writes a document: "schema" first, then the members of `body`, indented by two, ending in a
/// line break (as detail::write_document).
std::string dump_document(std::string_view schema, json body) {
  json doc = json::object();
  doc["schema"] = std::string(schema);
  for (auto it = body.begin(); it != body.end(); ++it)
    doc[it.key()] = std::move(it.value());
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

/// Writes a date.
std::string iso(gv::date d) {
  return to_iso_string(d);
}

/// Checks each ambition's confidence tag (governance.io.enum unless "C", "R", "U" or "").
void check_confidence(const std::vector<gv::ambition>& ambitions, diagnostics& diags) {
  for (std::size_t i = 0; i < ambitions.size(); ++i) {
    const std::string& tag = ambitions[i].confidence;
    if (gv::valid_confidence(tag)) continue;
    diags.error("governance.io.enum",
                json_pointer{}.key("ambitions").index(i).key("confidence").str(),
                "'" + tag + "' is not a valid confidence; expected one of: C, R, U");
  }
}

// ----------------------------------------------------------------------------------------------
// Tables
// ----------------------------------------------------------------------------------------------

/// Rows of text cells under named columns.
struct table {
  std::string title;
  std::vector<std::string> columns;
  std::vector<bool> numeric;  ///< per column: written as a JSON number
  std::vector<std::vector<std::string>> rows;
};

std::string text_of(const table& t) {
  std::vector<std::size_t> width(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    width[c] = t.columns[c].size();
    for (const auto& r : t.rows)
      width[c] = std::max(width[c], r[c].size());
  }
  std::string out;
  if (!t.title.empty()) out += t.title + "\n";
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) l += "  ";
      const std::string pad(width[c] - cells[c].size(), ' ');
      l += t.numeric[c] ? pad + cells[c] : cells[c] + (c + 1 == cells.size() ? "" : pad);
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += l + "\n";
  };
  line(t.columns);
  for (const auto& r : t.rows)
    line(r);
  return out;
}

std::string csv_of(const table& t) {
  std::string out;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    out += (c ? "," : "") + report::csv_field(t.columns[c]);
  out += "\n";
  for (const auto& r : t.rows) {
    for (std::size_t c = 0; c < r.size(); ++c)
      out += (c ? "," : "") + report::csv_field(r[c]);
    out += "\n";
  }
  return out;
}

json json_rows(const table& t) {
  json rows = json::array();
  for (const auto& r : t.rows) {
    json o;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (r[c].empty()) {
        o[t.columns[c]] = nullptr;
      } else if (t.numeric[c]) {
        o[t.columns[c]] = json::parse(r[c]);
      } else {
        o[t.columns[c]] = r[c];
      }
    }
    rows.push_back(std::move(o));
  }
  return rows;
}

/// A double to `places` decimal places for a report ("" when missing).
std::string fixed(std::optional<double> v, int places) {
  if (!v) return "";
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(places);
  s << *v;
  return s.str();
}

}  // namespace

std::string percent_one_place(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) return "";
  return percent_value_text(ratio::of(numerator, denominator), 1, rounding::half_up);
}

// ----------------------------------------------------------------------------------------------
// Commissioner
// ----------------------------------------------------------------------------------------------

std::optional<gv::commissioner> read_commissioner(std::string_view text, diagnostics& diags) {
  return detail::read_document<gv::commissioner>(text, commissioner_schema, diags);
}

std::string write_commissioner(const gv::commissioner& c) {
  return detail::write_document(c, commissioner_schema);
}

// ----------------------------------------------------------------------------------------------
// Scheme of delegation: a rule's "limit" is a money string or "unlimited", which is read and
// written as the null of an absent (unlimited) limit.
// ----------------------------------------------------------------------------------------------

std::optional<gv::scheme> read_delegation(std::string_view text, diagnostics& diags) {
  std::optional<json> doc = detail::parse_json(text, diags);
  if (!doc || !detail::check_schema(*doc, delegation_schema, diags)) return std::nullopt;
  const auto rules = doc->find("rules");
  for (std::size_t i = 0; rules != doc->end() && rules->is_array() && i < rules->size(); ++i) {
    json& r = (*rules)[i];
    const auto limit = r.is_object() ? r.find("limit") : r.end();
    if (limit == r.end()) continue;
    if (limit->is_null()) {
      diags.error("io.json.type", json_pointer{}.key("rules").index(i).key("limit").str(),
                  "field 'limit' must be a money string or \"unlimited\", found null");
    } else if (limit->is_string() && limit->get_ref<const std::string&>() == "unlimited") {
      *limit = nullptr;
    }
  }
  gv::scheme s;
  (void)detail::read_fields(*doc, s, json_pointer{}, diags, {"schema"});
  return s;
}

std::string write_delegation(const gv::scheme& s) {
  json body = detail::write_value(s);
  for (json& r : body["rules"]) {
    if (r["limit"].is_null()) r["limit"] = "unlimited";
  }
  return dump_document(delegation_schema, std::move(body));
}

// ----------------------------------------------------------------------------------------------
// Decision request
// ----------------------------------------------------------------------------------------------

std::optional<gv::request> read_decision_request(std::string_view text, diagnostics& diags) {
  return detail::read_document<gv::request>(text, decision_request_schema, diags);
}

std::string write_decision_request(const gv::request& r) {
  return detail::write_document(r, decision_request_schema);
}

// ----------------------------------------------------------------------------------------------
// Progress input and ambitions
// ----------------------------------------------------------------------------------------------

std::optional<gv::progress_input> read_progress(std::string_view text, diagnostics& diags) {
  std::optional<gv::progress_input> p =
      detail::read_document<gv::progress_input>(text, progress_schema, diags);
  if (p) check_confidence(p->ambitions, diags);
  return p;
}

std::string write_progress(const gv::progress_input& p) {
  return detail::write_document(p, progress_schema);
}

std::optional<std::vector<gv::ambition>> read_ambitions(std::string_view text, diagnostics& diags) {
  std::optional<ambitions_catalogue> c =
      detail::read_document<ambitions_catalogue>(text, ambitions_schema, diags);
  if (!c) return std::nullopt;
  check_confidence(c->ambitions, diags);
  return std::move(c->ambitions);
}

field_shape ambitions_document_shape() {
  return shape_of<ambitions_catalogue>();
}

std::string write_ambitions(const std::vector<gv::ambition>& ambitions) {
  return detail::write_document(ambitions_catalogue{{}, ambitions}, ambitions_schema);
}

// ----------------------------------------------------------------------------------------------
// Rendering
// ----------------------------------------------------------------------------------------------

std::string render_check(const gv::commissioner& c, const gv::check_summary& summary,
                         const diagnostics& diags, std::chrono::sys_days as_of,
                         governance_format format) {
  table t;
  t.title = "Returns on " + iso(gv::date{as_of});
  t.columns = {"line",      "body",  "cadence",      "period",      "due",
               "submitted", "state", "days_overdue", "hwb_sign_off"};
  t.numeric = {false, false, false, false, false, false, false, true, false};
  for (const gv::return_status& s : gv::returns_on(c, as_of)) {
    const gv::accountability_line& l = c.lines[s.line];
    const gv::return_due& r = l.returns[s.item];
    t.rows.push_back(
        {l.id, l.body, std::string(gv::to_string(l.cadence)), r.period, iso(r.due),
         r.submitted && std::chrono::sys_days(*r.submitted) <= as_of ? iso(*r.submitted) : "",
         std::string(gv::to_string(s.state)),
         s.state == gv::return_state::overdue ? std::to_string(s.days_overdue) : "",
         std::string(gv::to_string(s.sign_off))});
  }
  std::string officer;
  const std::vector<std::size_t> now = gv::officers_on(c, as_of);
  if (now.size() == 1) officer = c.accounting_officers[now.front()].name;
  switch (format) {
    case governance_format::table: {
      std::string out =
          c.name + " on " + iso(gv::date{as_of}) + ": accounting officer " +
          (now.size() == 1 ? officer : std::to_string(now.size()) + " in post (need 1)") + "; " +
          std::to_string(summary.returns) + " returns, " + std::to_string(summary.overdue) +
          " overdue, " + std::to_string(summary.late) + " late, " +
          std::to_string(summary.sign_offs_missing) + " HWB sign-off(s) missing, " +
          std::to_string(summary.unaccountable_funds) + " fund(s) on no line of accountability; " +
          std::to_string(diags.count(severity::error) + diags.count(severity::fatal)) +
          " error(s), " + std::to_string(diags.count(severity::warning)) + " warning(s)\n";
      return out + text_of(t);
    }
    case governance_format::csv:
      return csv_of(t);
    case governance_format::json: {
      json doc;
      doc["schema"] = governance_check_schema;
      doc["name"] = c.name;
      doc["as_of"] = iso(gv::date{as_of});
      doc["accounting_officer"] = now.size() == 1 ? json(officer) : json(nullptr);
      doc["officers_in_post"] = summary.officers_in_post;
      doc["returns_listed"] = summary.returns;
      doc["overdue"] = summary.overdue;
      doc["late"] = summary.late;
      doc["sign_offs_missing"] = summary.sign_offs_missing;
      doc["unaccountable_funds"] = summary.unaccountable_funds;
      doc["returns"] = json_rows(t);
      doc["diagnostics"] = json::parse(diagnostics_to_json(diags))["diagnostics"];
      return doc.dump(2) + "\n";
    }
  }
  return {};
}

std::string render_decision(const gv::request& r, const gv::decision& d, governance_format format) {
  switch (format) {
    case governance_format::table: {
      std::string out = "Request " + r.id + ": " + r.action + " " +
                        r.amount.to_string(money_style::display) + " on " + iso(r.on) + " by " +
                        r.requester + "\n";
      out += "Decision: " + std::string(gv::to_string(d.outcome)) + "\n";
      out += "Rule: " + (d.rule.empty() ? std::string("(none)") : d.rule) + "\n";
      if (!d.counted.empty()) {
        out += "Approvals counted:\n";
        for (const gv::counted_approval& a : d.counted)
          out += "  " + a.person + " as " + a.role + "\n";
      }
      if (!d.reasons.empty()) {
        out += "Reasons:\n";
        for (const gv::reason& x : d.reasons)
          out += "  " + std::string(gv::to_string(x.kind)) + ": " + x.message + "\n";
      }
      return out;
    }
    case governance_format::csv: {
      table t;
      t.columns = {"request", "outcome", "rule", "reason", "message"};
      t.numeric = {false, false, false, false, false};
      const std::string outcome(gv::to_string(d.outcome));
      if (d.reasons.empty()) t.rows.push_back({r.id, outcome, d.rule, "", ""});
      for (const gv::reason& x : d.reasons)
        t.rows.push_back({r.id, outcome, d.rule, std::string(gv::to_string(x.kind)), x.message});
      return csv_of(t);
    }
    case governance_format::json: {
      json doc;
      doc["schema"] = decision_schema;
      doc["request"] = r.id;
      doc["action"] = r.action;
      doc["amount"] = r.amount.to_string();
      doc["on"] = iso(r.on);
      doc["requester"] = r.requester;
      doc["outcome"] = gv::to_string(d.outcome);
      doc["rule"] = d.rule.empty() ? json(nullptr) : json(d.rule);
      doc["reasons"] = json::array();
      for (const gv::reason& x : d.reasons) {
        json o;
        o["kind"] = gv::to_string(x.kind);
        o["denies"] = gv::is_denial(x.kind);
        o["message"] = x.message;
        doc["reasons"].push_back(std::move(o));
      }
      doc["counted"] = json::array();
      for (const gv::counted_approval& a : d.counted) {
        json o;
        o["person"] = a.person;
        o["role"] = a.role;
        doc["counted"].push_back(std::move(o));
      }
      return doc.dump(2) + "\n";
    }
  }
  return {};
}

std::string render_progress(const gv::progress_input& in, const gv::progress_measures& m,
                            governance_format format) {
  table t;
  t.title = "Integration progress" + (in.area.empty() ? std::string() : " in " + in.area) + " on " +
            iso(m.as_of);
  t.columns = {"measure", "unit", "numerator", "denominator", "percent", "lower95", "upper95"};
  t.numeric = {false, false, true, true, true, true, true};
  for (const gv::measure& x : m.all()) {
    std::string lower;
    std::string upper;
    if ((x.unit == "people" || x.unit == "services") && x.denominator > 0) {
      const result<outcomes::indicator_value> v = gv::to_indicator(x);
      if (v.has_value() && v->interval_count > 0) {
        lower = fixed(v->intervals[0].lower, 1);
        upper = fixed(v->intervals[0].upper, 1);
      }
    }
    t.rows.push_back({x.id, x.unit, std::to_string(x.numerator), std::to_string(x.denominator),
                      percent_one_place(x.numerator, x.denominator), lower, upper});
  }
  table a;
  a.title = "Ambitions for population coverage";
  a.columns = {"ambition", "share", "by", "state", "residents_short", "confidence", "source"};
  a.numeric = {false, false, false, false, true, false, false};
  for (std::size_t i = 0; i < m.ambitions.size(); ++i) {
    const gv::ambition_result& r = m.ambitions[i];
    const gv::ambition* src = i < in.ambitions.size() ? &in.ambitions[i] : nullptr;
    a.rows.push_back({r.id, percent_one_place(r.share.num(), r.share.den()) + "%", iso(r.by),
                      std::string(gv::to_string(r.state)), std::to_string(r.residents_short),
                      src ? src->confidence : "", src ? src->source : ""});
  }
  switch (format) {
    case governance_format::table: {
      std::string out = text_of(t);
      if (!a.rows.empty()) out += "\n" + text_of(a);
      return out;
    }
    case governance_format::csv: {
      std::string out = csv_of(t);
      if (!a.rows.empty()) out += "\n" + csv_of(a);
      return out;
    }
    case governance_format::json: {
      json doc;
      doc["schema"] = progress_report_schema;
      if (!in.area.empty()) doc["area"] = in.area;
      doc["as_of"] = iso(m.as_of);
      doc["financial_year"] = in.year.to_string();
      doc["measures"] = json_rows(t);
      doc["ambitions"] = json_rows(a);
      return doc.dump(2) + "\n";
    }
  }
  return {};
}

}  // namespace io
JOINEDUP_END_NAMESPACE
