// joinedup: governance documents as JSON, and check results, decisions and progress measures as
// text tables, JSON and CSV (docs/governance.md).
#include "joinedup/io/governance.hpp"

#include <algorithm>
#include <cstdint>
#include <sstream>

#include "joinedup/core/number_text.hpp"
#include "joinedup/io/json.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

using detail::json;
namespace gv = governance;

// ----------------------------------------------------------------------------------------------
// Reading helpers
// ----------------------------------------------------------------------------------------------

/// The member `key` of `obj`, or nullptr.
const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(std::string(key));
  return it == obj.end() ? nullptr : &*it;
}

/// An array of strings; a non-string element is io.json.type and skipped.
std::vector<std::string> get_strings(const json& obj, std::string_view key, const json_pointer& at,
                                     diagnostics& diags, bool required = false) {
  std::vector<std::string> out;
  const json* a = detail::get_array(obj, key, at, diags, required);
  if (a == nullptr) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json& v = (*a)[i];
    if (!v.is_string()) {
      diags.error("io.json.type", at.key(key).index(i).str(),
                  "each element of '" + std::string(key) + "' must be a string, found " +
                      std::string(v.type_name()));
      continue;
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

/// A whole number member (a JSON integer).
std::optional<std::int64_t> get_int(const json& obj, std::string_view key, const json_pointer& at,
                                    diagnostics& diags, bool required = true) {
  const json* v = member(obj, key);
  if (v == nullptr) {
    if (required) {
      diags.error("io.json.missing", at.key(key).str(),
                  "required field '" + std::string(key) + "' is missing");
    }
    return std::nullopt;
  }
  if (!v->is_number_integer()) {
    diags.error("io.json.type", at.key(key).str(),
                "field '" + std::string(key) + "' must be a whole number, found " + v->dump());
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    diags.error("io.json.type", at.key(key).str(),
                "field '" + std::string(key) + "' is too large: " + v->dump());
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

/// A string member read as one of `names` (enumerator order); governance.io.enum otherwise.
template <class E, std::size_t N>
std::optional<E> get_named(const json& obj, std::string_view key, const json_pointer& at,
                           diagnostics& diags, const std::array<std::string_view, N>& names,
                           bool required = true) {
  const std::optional<std::string> text = detail::get_string(obj, key, at, diags, required);
  if (!text) return std::nullopt;
  std::string accepted;
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == *text) return static_cast<E>(i);
    accepted += (accepted.empty() ? "" : ", ") + std::string(names[i]);
  }
  diags.error(
      "governance.io.enum", at.key(key).str(),
      "'" + *text + "' is not a valid " + std::string(key) + "; expected one of: " + accepted);
  return std::nullopt;
}

/// Each element of the array member `key` that is an object, with its pointer; others are
/// io.json.type.
template <class F>
void for_each_object(const json& obj, std::string_view key, const json_pointer& at,
                     diagnostics& diags, bool required, F&& f) {
  const json* a = detail::get_array(obj, key, at, diags, required);
  if (a == nullptr) return;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json_pointer here = at.key(key).index(i);
    if (!(*a)[i].is_object()) {
      diags.error("io.json.type", here.str(),
                  "each element of '" + std::string(key) + "' must be an object, found " +
                      std::string((*a)[i].type_name()));
      continue;
    }
    f((*a)[i], here);
  }
}

/// Reads a document's root: parsed, an object with the right schema tag.
std::optional<json> read_root(std::string_view text, std::string_view schema, diagnostics& diags) {
  std::optional<json> doc = detail::parse_json(text, diags);
  if (!doc || !detail::check_schema(*doc, schema, diags)) return std::nullopt;
  return doc;
}

/// Sets `out` to the string member when present.
void opt_string(const json& obj, std::string_view key, const json_pointer& at, diagnostics& diags,
                std::string& out) {
  if (auto v = detail::get_string(obj, key, at, diags, false)) out = *v;
}

/// Writes a date.
std::string iso(gv::date d) {
  return to_iso_string(d);
}

/// An array of strings as JSON.
json strings(const std::vector<std::string>& v) {
  json a = json::array();
  for (const std::string& s : v)
    a.push_back(s);
  return a;
}

// ----------------------------------------------------------------------------------------------
// Partners (the fund document's shape: docs/budget.md)
// ----------------------------------------------------------------------------------------------

constexpr std::array<std::string_view, 3> partner_kind_names{"icb", "council", "other_nhs"};

budget::partner read_partner(const json& o, const json_pointer& at, diagnostics& diags) {
  detail::check_known_fields(o, {"id", "name", "kind", "ods_code", "gss_code"}, at, diags);
  budget::partner p;
  p.id = detail::get_string(o, "id", at, diags).value_or("");
  p.name = detail::get_string(o, "name", at, diags).value_or("");
  if (auto k = get_named<budget::partner_kind>(o, "kind", at, diags, partner_kind_names))
    p.kind = *k;
  opt_string(o, "ods_code", at, diags, p.ods_code);
  opt_string(o, "gss_code", at, diags, p.gss_code);
  return p;
}

json write_partner(const budget::partner& p) {
  json o;
  o["id"] = p.id;
  o["name"] = p.name;
  o["kind"] = budget::to_string(p.kind);
  if (!p.ods_code.empty()) o["ods_code"] = p.ods_code;
  if (!p.gss_code.empty()) o["gss_code"] = p.gss_code;
  return o;
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
  const std::optional<json> doc = read_root(text, commissioner_schema, diags);
  if (!doc) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(*doc,
                             {"schema", "name", "hwb_gss_code", "as_of", "partners",
                              "accounting_officers", "funds", "services", "lines"},
                             root, diags);
  gv::commissioner c;
  c.name = detail::get_string(*doc, "name", root, diags).value_or("");
  opt_string(*doc, "hwb_gss_code", root, diags, c.hwb_gss_code);
  c.as_of = detail::get_date(*doc, "as_of", root, diags, false);
  for_each_object(*doc, "partners", root, diags, true, [&](const json& o, const json_pointer& at) {
    c.partners.push_back(read_partner(o, at, diags));
  });
  for_each_object(
      *doc, "accounting_officers", root, diags, true, [&](const json& o, const json_pointer& at) {
        detail::check_known_fields(o, {"name", "post", "partner", "from", "to"}, at, diags);
        gv::accounting_officer a;
        a.name = detail::get_string(o, "name", at, diags).value_or("");
        opt_string(o, "post", at, diags, a.post);
        opt_string(o, "partner", at, diags, a.partner);
        if (auto d = detail::get_date(o, "from", at, diags)) a.from = *d;
        a.to = detail::get_date(o, "to", at, diags, false);
        c.accounting_officers.push_back(std::move(a));
      });
  for_each_object(*doc, "funds", root, diags, true, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"id", "name", "fund_file"}, at, diags);
    gv::pooled_fund_ref f;
    f.id = detail::get_string(o, "id", at, diags).value_or("");
    opt_string(o, "name", at, diags, f.name);
    opt_string(o, "fund_file", at, diags, f.fund_file);
    c.funds.push_back(std::move(f));
  });
  for_each_object(*doc, "services", root, diags, false, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"id", "name", "commissioned_by", "fund"}, at, diags);
    gv::commissioned_service s;
    s.id = detail::get_string(o, "id", at, diags).value_or("");
    opt_string(o, "name", at, diags, s.name);
    s.commissioned_by = get_strings(o, "commissioned_by", at, diags, true);
    opt_string(o, "fund", at, diags, s.fund);
    c.services.push_back(std::move(s));
  });
  for_each_object(*doc, "lines", root, diags, true, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(
        o,
        {"id", "kind", "body", "partner", "on_behalf_of", "funds", "figures", "cadence", "returns"},
        at, diags);
    gv::accountability_line l;
    l.id = detail::get_string(o, "id", at, diags).value_or("");
    if (auto k = get_named<gv::body_kind>(o, "kind", at, diags, gv::body_kind_names)) l.kind = *k;
    opt_string(o, "body", at, diags, l.body);
    opt_string(o, "partner", at, diags, l.partner);
    opt_string(o, "on_behalf_of", at, diags, l.on_behalf_of);
    l.funds = get_strings(o, "funds", at, diags);
    l.figures = get_strings(o, "figures", at, diags);
    if (auto k = get_named<gv::cadence>(o, "cadence", at, diags, gv::cadence_names)) l.cadence = *k;
    for_each_object(o, "returns", at, diags, false, [&](const json& r, const json_pointer& rat) {
      detail::check_known_fields(
          r, {"period", "due", "submitted", "hwb_sign_off", "hwb_signed_off"}, rat, diags);
      gv::return_due item;
      item.period = detail::get_string(r, "period", rat, diags).value_or("");
      if (auto d = detail::get_date(r, "due", rat, diags)) item.due = *d;
      item.submitted = detail::get_date(r, "submitted", rat, diags, false);
      item.hwb_sign_off = detail::get_bool(r, "hwb_sign_off", rat, diags, false);
      item.hwb_signed_off = detail::get_date(r, "hwb_signed_off", rat, diags, false);
      l.returns.push_back(std::move(item));
    });
    c.lines.push_back(std::move(l));
  });
  return c;
}

std::string write_commissioner(const gv::commissioner& c) {
  json doc;
  doc["schema"] = commissioner_schema;
  doc["name"] = c.name;
  if (!c.hwb_gss_code.empty()) doc["hwb_gss_code"] = c.hwb_gss_code;
  if (c.as_of) doc["as_of"] = iso(*c.as_of);
  doc["partners"] = json::array();
  for (const budget::partner& p : c.partners)
    doc["partners"].push_back(write_partner(p));
  doc["accounting_officers"] = json::array();
  for (const gv::accounting_officer& a : c.accounting_officers) {
    json o;
    o["name"] = a.name;
    if (!a.post.empty()) o["post"] = a.post;
    if (!a.partner.empty()) o["partner"] = a.partner;
    o["from"] = iso(a.from);
    if (a.to) o["to"] = iso(*a.to);
    doc["accounting_officers"].push_back(std::move(o));
  }
  doc["funds"] = json::array();
  for (const gv::pooled_fund_ref& f : c.funds) {
    json o;
    o["id"] = f.id;
    if (!f.name.empty()) o["name"] = f.name;
    if (!f.fund_file.empty()) o["fund_file"] = f.fund_file;
    doc["funds"].push_back(std::move(o));
  }
  doc["services"] = json::array();
  for (const gv::commissioned_service& s : c.services) {
    json o;
    o["id"] = s.id;
    if (!s.name.empty()) o["name"] = s.name;
    o["commissioned_by"] = strings(s.commissioned_by);
    if (!s.fund.empty()) o["fund"] = s.fund;
    doc["services"].push_back(std::move(o));
  }
  doc["lines"] = json::array();
  for (const gv::accountability_line& l : c.lines) {
    json o;
    o["id"] = l.id;
    o["kind"] = gv::to_string(l.kind);
    if (!l.body.empty()) o["body"] = l.body;
    if (!l.partner.empty()) o["partner"] = l.partner;
    if (!l.on_behalf_of.empty()) o["on_behalf_of"] = l.on_behalf_of;
    o["funds"] = strings(l.funds);
    o["figures"] = strings(l.figures);
    o["cadence"] = gv::to_string(l.cadence);
    o["returns"] = json::array();
    for (const gv::return_due& r : l.returns) {
      json ro;
      ro["period"] = r.period;
      ro["due"] = iso(r.due);
      if (r.submitted) ro["submitted"] = iso(*r.submitted);
      if (r.hwb_sign_off) ro["hwb_sign_off"] = *r.hwb_sign_off;
      if (r.hwb_signed_off) ro["hwb_signed_off"] = iso(*r.hwb_signed_off);
      o["returns"].push_back(std::move(ro));
    }
    doc["lines"].push_back(std::move(o));
  }
  return doc.dump(2) + "\n";
}

// ----------------------------------------------------------------------------------------------
// Scheme of delegation
// ----------------------------------------------------------------------------------------------

std::optional<gv::scheme> read_delegation(std::string_view text, diagnostics& diags) {
  const std::optional<json> doc = read_root(text, delegation_schema, diags);
  if (!doc) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(*doc, {"schema", "name", "roles", "people", "holdings", "rules"}, root,
                             diags);
  gv::scheme s;
  opt_string(*doc, "name", root, diags, s.name);
  for_each_object(*doc, "roles", root, diags, true, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"id", "name", "partner"}, at, diags);
    gv::role r;
    r.id = detail::get_string(o, "id", at, diags).value_or("");
    opt_string(o, "name", at, diags, r.name);
    opt_string(o, "partner", at, diags, r.partner);
    s.roles.push_back(std::move(r));
  });
  for_each_object(*doc, "people", root, diags, true, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"id", "name"}, at, diags);
    gv::person p;
    p.id = detail::get_string(o, "id", at, diags).value_or("");
    opt_string(o, "name", at, diags, p.name);
    s.people.push_back(std::move(p));
  });
  for_each_object(*doc, "holdings", root, diags, true, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"person", "role", "from", "to"}, at, diags);
    gv::holding h;
    h.person = detail::get_string(o, "person", at, diags).value_or("");
    h.role = detail::get_string(o, "role", at, diags).value_or("");
    if (auto d = detail::get_date(o, "from", at, diags)) h.from = *d;
    h.to = detail::get_date(o, "to", at, diags, false);
    s.holdings.push_back(std::move(h));
  });
  for_each_object(*doc, "rules", root, diags, true, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"id", "action", "limit", "requires", "description"}, at, diags);
    gv::rule r;
    r.id = detail::get_string(o, "id", at, diags).value_or("");
    if (auto a = get_named<gv::action>(o, "action", at, diags, gv::action_names)) r.action = *a;
    const json* limit = member(o, "limit");
    if (limit != nullptr && limit->is_string() && limit->get<std::string>() == "unlimited") {
      r.limit = std::nullopt;
    } else {
      r.limit = detail::get_money(o, "limit", at, diags);
    }
    for_each_object(o, "requires", at, diags, true, [&](const json& q, const json_pointer& qat) {
      detail::check_known_fields(q, {"role", "count"}, qat, diags);
      gv::requirement req;
      req.role = detail::get_string(q, "role", qat, diags).value_or("");
      req.count = get_int(q, "count", qat, diags, false).value_or(1);
      r.required.push_back(std::move(req));
    });
    opt_string(o, "description", at, diags, r.description);
    s.rules.push_back(std::move(r));
  });
  return s;
}

std::string write_delegation(const gv::scheme& s) {
  json doc;
  doc["schema"] = delegation_schema;
  if (!s.name.empty()) doc["name"] = s.name;
  doc["roles"] = json::array();
  for (const gv::role& r : s.roles) {
    json o;
    o["id"] = r.id;
    if (!r.name.empty()) o["name"] = r.name;
    if (!r.partner.empty()) o["partner"] = r.partner;
    doc["roles"].push_back(std::move(o));
  }
  doc["people"] = json::array();
  for (const gv::person& p : s.people) {
    json o;
    o["id"] = p.id;
    if (!p.name.empty()) o["name"] = p.name;
    doc["people"].push_back(std::move(o));
  }
  doc["holdings"] = json::array();
  for (const gv::holding& h : s.holdings) {
    json o;
    o["person"] = h.person;
    o["role"] = h.role;
    o["from"] = iso(h.from);
    if (h.to) o["to"] = iso(*h.to);
    doc["holdings"].push_back(std::move(o));
  }
  doc["rules"] = json::array();
  for (const gv::rule& r : s.rules) {
    json o;
    o["id"] = r.id;
    o["action"] = gv::to_string(r.action);
    o["limit"] = r.limit ? r.limit->to_string() : std::string("unlimited");
    o["requires"] = json::array();
    for (const gv::requirement& q : r.required) {
      json qo;
      qo["role"] = q.role;
      qo["count"] = q.count;
      o["requires"].push_back(std::move(qo));
    }
    if (!r.description.empty()) o["description"] = r.description;
    doc["rules"].push_back(std::move(o));
  }
  return doc.dump(2) + "\n";
}

// ----------------------------------------------------------------------------------------------
// Decision request
// ----------------------------------------------------------------------------------------------

std::optional<gv::request> read_decision_request(std::string_view text, diagnostics& diags) {
  const std::optional<json> doc = read_root(text, decision_request_schema, diags);
  if (!doc) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(
      *doc, {"schema", "id", "action", "amount", "on", "requester", "approvers", "description"},
      root, diags);
  gv::request r;
  r.id = detail::get_string(*doc, "id", root, diags).value_or("");
  r.action = detail::get_string(*doc, "action", root, diags).value_or("");
  if (auto m = detail::get_money(*doc, "amount", root, diags)) r.amount = *m;
  if (auto d = detail::get_date(*doc, "on", root, diags)) r.on = *d;
  r.requester = detail::get_string(*doc, "requester", root, diags).value_or("");
  r.approvers = get_strings(*doc, "approvers", root, diags, true);
  opt_string(*doc, "description", root, diags, r.description);
  return r;
}

std::string write_decision_request(const gv::request& r) {
  json doc;
  doc["schema"] = decision_request_schema;
  doc["id"] = r.id;
  doc["action"] = r.action;
  doc["amount"] = r.amount.to_string();
  doc["on"] = iso(r.on);
  doc["requester"] = r.requester;
  doc["approvers"] = strings(r.approvers);
  if (!r.description.empty()) doc["description"] = r.description;
  return doc.dump(2) + "\n";
}

// ----------------------------------------------------------------------------------------------
// Progress input and ambitions
// ----------------------------------------------------------------------------------------------

namespace {

gv::ambition read_ambition(const json& o, const json_pointer& at, diagnostics& diags) {
  detail::check_known_fields(o, {"id", "description", "share", "by", "source", "confidence"}, at,
                             diags);
  gv::ambition a;
  a.id = detail::get_string(o, "id", at, diags).value_or("");
  opt_string(o, "description", at, diags, a.description);
  if (auto t = detail::get_string(o, "share", at, diags)) {
    const result<ratio> r = ratio::parse(*t);
    if (collect(r, diags, at.key("share").str())) a.share = *r;
  }
  if (auto d = detail::get_date(o, "by", at, diags)) a.by = *d;
  a.source = detail::get_string(o, "source", at, diags).value_or("");
  a.confidence = detail::get_string(o, "confidence", at, diags).value_or("");
  if (!a.confidence.empty() && a.confidence != "C" && a.confidence != "R" && a.confidence != "U") {
    diags.error("governance.io.enum", at.key("confidence").str(),
                "'" + a.confidence + "' is not a valid confidence; expected one of: C, R, U");
  }
  return a;
}

json write_ambition(const gv::ambition& a) {
  json o;
  o["id"] = a.id;
  if (!a.description.empty()) o["description"] = a.description;
  o["share"] = a.share.to_decimal_string();
  o["by"] = iso(a.by);
  o["source"] = a.source;
  o["confidence"] = a.confidence;
  return o;
}

}  // namespace

std::optional<gv::progress_input> read_progress(std::string_view text, diagnostics& diags) {
  const std::optional<json> doc = read_root(text, progress_schema, diags);
  if (!doc) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(
      *doc,
      {"schema", "area", "as_of", "financial_year", "spend", "population", "ambitions", "services"},
      root, diags);
  gv::progress_input p;
  opt_string(*doc, "area", root, diags, p.area);
  p.as_of = detail::get_date(*doc, "as_of", root, diags, false);
  if (auto fy = detail::get_financial_year(*doc, "financial_year", root, diags)) p.year = *fy;
  for_each_object(*doc, "spend", root, diags, true, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"partner", "total", "pooled"}, at, diags);
    gv::partner_spend s;
    s.partner = detail::get_string(o, "partner", at, diags).value_or("");
    if (auto m = detail::get_money(o, "total", at, diags)) s.total = *m;
    if (auto m = detail::get_money(o, "pooled", at, diags)) s.pooled = *m;
    p.spend.push_back(std::move(s));
  });
  const json* pop = member(*doc, "population");
  const json_pointer pat = root.key("population");
  if (pop == nullptr) {
    diags.error("io.json.missing", pat.str(), "required field 'population' is missing");
  } else if (!pop->is_object()) {
    diags.error("io.json.type", pat.str(), "'population' must be an object");
  } else {
    detail::check_known_fields(*pop, {"residents", "covered", "source"}, pat, diags);
    p.population.residents = get_int(*pop, "residents", pat, diags).value_or(0);
    p.population.covered = get_int(*pop, "covered", pat, diags).value_or(0);
    opt_string(*pop, "source", pat, diags, p.population.source);
  }
  for_each_object(*doc, "ambitions", root, diags, false,
                  [&](const json& o, const json_pointer& at) {
                    p.ambitions.push_back(read_ambition(o, at, diags));
                  });
  for_each_object(*doc, "services", root, diags, false, [&](const json& o, const json_pointer& at) {
    detail::check_known_fields(o, {"id", "name", "commissioned_by"}, at, diags);
    gv::service_record s;
    s.id = detail::get_string(o, "id", at, diags).value_or("");
    opt_string(o, "name", at, diags, s.name);
    s.commissioned_by = get_strings(o, "commissioned_by", at, diags, true);
    p.services.push_back(std::move(s));
  });
  return p;
}

std::string write_progress(const gv::progress_input& p) {
  json doc;
  doc["schema"] = progress_schema;
  if (!p.area.empty()) doc["area"] = p.area;
  if (p.as_of) doc["as_of"] = iso(*p.as_of);
  doc["financial_year"] = p.year.to_string();
  doc["spend"] = json::array();
  for (const gv::partner_spend& s : p.spend) {
    json o;
    o["partner"] = s.partner;
    o["total"] = s.total.to_string();
    o["pooled"] = s.pooled.to_string();
    doc["spend"].push_back(std::move(o));
  }
  json pop;
  pop["residents"] = p.population.residents;
  pop["covered"] = p.population.covered;
  if (!p.population.source.empty()) pop["source"] = p.population.source;
  doc["population"] = std::move(pop);
  doc["ambitions"] = json::array();
  for (const gv::ambition& a : p.ambitions)
    doc["ambitions"].push_back(write_ambition(a));
  doc["services"] = json::array();
  for (const gv::service_record& s : p.services) {
    json o;
    o["id"] = s.id;
    if (!s.name.empty()) o["name"] = s.name;
    o["commissioned_by"] = strings(s.commissioned_by);
    doc["services"].push_back(std::move(o));
  }
  return doc.dump(2) + "\n";
}

std::optional<std::vector<gv::ambition>> read_ambitions(std::string_view text, diagnostics& diags) {
  const std::optional<json> doc = read_root(text, ambitions_schema, diags);
  if (!doc) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(*doc, {"schema", "description", "ambitions"}, root, diags);
  std::vector<gv::ambition> out;
  for_each_object(*doc, "ambitions", root, diags, true, [&](const json& o, const json_pointer& at) {
    out.push_back(read_ambition(o, at, diags));
  });
  return out;
}

std::string write_ambitions(const std::vector<gv::ambition>& ambitions) {
  json doc;
  doc["schema"] = ambitions_schema;
  doc["ambitions"] = json::array();
  for (const gv::ambition& a : ambitions)
    doc["ambitions"].push_back(write_ambition(a));
  return doc.dump(2) + "\n";
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
