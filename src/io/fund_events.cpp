// joinedup: in-year events of a pooled fund, from their own document or from the audit trail.
#include "joinedup/io/fund_events.hpp"

#include <sstream>
#include <utility>

#include "fields_json.hpp"
#include "joinedup/io/audit_log.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

std::optional<budget::fund_events> read_fund_events(std::string_view json_text,
                                                    diagnostics& diags) {
  return detail::read_document<budget::fund_events>(json_text, fund_events_schema, diags);
}

std::string write_fund_events(const budget::fund_events& events) {
  return detail::write_document(events, fund_events_schema);
}

namespace {

using detail::json;

/// A string member of `obj`, or "".
std::string text_of(const json& obj, std::string_view key) {
  const auto it = obj.find(std::string(key));
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The first word of `subject` ("S3" of "S3 Living well at home") and the rest.
std::pair<std::string, std::string> split_subject(const std::string& subject) {
  const std::size_t space = subject.find(' ');
  if (space == std::string::npos) return {subject, ""};
  return {subject.substr(0, space), subject.substr(space + 1)};
}

/// Reads `obj` as a value of `T` (a list of ids, say).
template <typename T>
bool read_as(const json& obj, T& out, diagnostics& d) {
  return detail::read_value(obj, out, json_pointer{}, d);
}

/// Maps one audit entry to its fund events (none for an entry that is not a fund event).
/// Problems go to `d` (the caller gives them the entry's line).
bool map_entry(const governance::audit_entry& e, budget::fund_events& out, diagnostics& d) {
  using governance::audit_action;
  if (e.action != audit_action::virement && e.action != audit_action::new_scheme &&
      e.action != audit_action::contribution_variation &&
      e.action != audit_action::risk_share_deviation) {
    return true;
  }
  json details = json::object();
  if (e.details) {
    diagnostics parse;
    const std::optional<json> doc = detail::parse_json(*e.details, parse);
    if (!doc || !doc->is_object()) {
      d.error("budget.events.audit_entry", "/details", "the details are not a JSON object");
      return false;
    }
    details = *doc;
  }
  budget::fund_event ev;
  ev.id = "audit-" + std::to_string(e.seq);
  ev.date = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(e.at));
  if (const std::string eff = text_of(details, "effective"); !eff.empty()) {
    const result<std::chrono::year_month_day> day = parse_iso_date(eff);
    if (!day) {
      d.error("budget.events.audit_entry", "/details/effective",
              "effective date '" + eff + "' is not YYYY-MM-DD");
      return false;
    }
    ev.date = *day;
  }
  ev.description = e.actor + ": " + e.subject;
  ev.requester = text_of(details, "requester");
  if (const auto it = details.find("approvers"); it != details.end()) {
    if (!read_as(*it, ev.approvers, d)) return false;
  }
  const auto [first_word, rest] = split_subject(e.subject);
  auto need = [&](const std::string& value, const char* key) {
    if (!value.empty()) return true;
    d.error("budget.events.audit_entry", std::string("/details/") + key,
            "a " + std::string(governance::to_string(e.action)) + " entry needs details." + key);
    return false;
  };
  switch (e.action) {
    case audit_action::virement:
      ev.kind = budget::fund_event_kind::virement;
      ev.from_line = text_of(details, "from");
      ev.to_line = text_of(details, "to");
      ev.amount = e.amount;
      if (!need(ev.from_line, "from") || !need(ev.to_line, "to")) return false;
      break;
    case audit_action::contribution_variation: {
      ev.kind = budget::fund_event_kind::contribution_variation;
      ev.partner = text_of(details, "partner");
      ev.source = text_of(details, "source");
      if (!need(ev.partner, "partner") || !need(ev.source, "source")) return false;
      const std::string to = text_of(details, "to");
      const std::string from = text_of(details, "from");
      if (!need(to, "to")) return false;
      const result<money> to_amount = money::parse(to);
      if (!to_amount) {
        d.error("budget.events.audit_entry", "/details/to", "'" + to + "' is not money");
        return false;
      }
      ev.amount = *to_amount;
      if (!from.empty()) {
        const result<money> was = money::parse(from);
        if (!was) {
          d.error("budget.events.audit_entry", "/details/from", "'" + from + "' is not money");
          return false;
        }
        ev.was = *was;
      }
      break;
    }
    case audit_action::new_scheme: {
      budget::expenditure_line l;
      l.id = text_of(details, "line");
      if (!need(l.id, "line")) return false;
      l.scheme = text_of(details, "scheme").empty() ? first_word : text_of(details, "scheme");
      if (const std::string name = text_of(details, "scheme_name"); !name.empty()) {
        budget::fund_event s = ev;
        s.kind = budget::fund_event_kind::new_scheme;
        s.scheme = budget::scheme{l.scheme, name, ""};
        out.events.push_back(std::move(s));
      }
      l.description =
          text_of(details, "description").empty() ? rest : text_of(details, "description");
      l.source = text_of(details, "source");
      if (!need(l.source, "source")) return false;
      if (!e.amount) {
        d.error("budget.events.audit_entry", "/amount", "a new_scheme entry needs its amount");
        return false;
      }
      l.planned = *e.amount;
      json line_fields = json::object();
      for (const char* key : {"commissioner", "capital", "risk_class", "area_of_spend",
                              "scheme_type", "sub_type", "nhs_partner", "provider_type"}) {
        if (const auto it = details.find(key); it != details.end()) line_fields[key] = *it;
      }
      if (!line_fields.contains("commissioner")) {
        d.error("budget.events.audit_entry", "/details/commissioner",
                "a new_scheme entry needs details.commissioner (nhs, local_authority or joint)");
        return false;
      }
      if (!detail::read_members(line_fields, l, json_pointer(std::string("/details")), d, true)) {
        return false;
      }
      ev.kind = budget::fund_event_kind::new_line;
      ev.line = std::move(l);
      break;
    }
    case audit_action::risk_share_deviation: {
      ev.kind = budget::fund_event_kind::risk_share_deviation;
      if (const auto it = details.find("schemes"); it != details.end()) {
        if (!read_as(*it, ev.schemes, d)) return false;
      }
      if (const auto it = details.find("lines"); it != details.end()) {
        if (!read_as(*it, ev.lines, d)) return false;
      }
      if (ev.schemes.empty() && ev.lines.empty()) ev.schemes.push_back(first_word);
      const std::string over = text_of(details, "overspend");
      const std::string under = text_of(details, "underspend");
      if (!over.empty()) {
        ev.overspend = parse_enum<budget::overspend_rule>(over);
        if (!ev.overspend) {
          d.error("budget.events.audit_entry", "/details/overspend",
                  "'" + over + "' is not an overspend rule");
          return false;
        }
      }
      if (!under.empty()) {
        ev.underspend = parse_enum<budget::underspend_rule>(under);
        if (!ev.underspend) {
          d.error("budget.events.audit_entry", "/details/underspend",
                  "'" + under + "' is not an underspend rule");
          return false;
        }
      }
      if (!ev.overspend && !ev.underspend) {
        d.error("budget.events.audit_entry", "/details/overspend",
                "a risk_share_deviation entry needs details.overspend or details.underspend, "
                "the rule agreed for the scheme");
        return false;
      }
      break;
    }
    default:
      return true;
  }
  out.events.push_back(std::move(ev));
  return true;
}

}  // namespace

std::optional<budget::fund_events> fund_events_from_audit(std::string_view text,
                                                          diagnostics& diags) {
  {
    std::istringstream in{std::string(text)};
    diagnostics chain;
    (void)verify_audit_stream(in, chain);
    const bool broken = chain.has_errors();
    diags.append(chain);
    if (broken) return std::nullopt;
  }
  budget::fund_events out;
  bool ok = true;
  std::size_t line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view row = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (row.empty()) continue;
    diagnostics here;
    const std::optional<governance::audit_entry> e = read_audit_entry(row, line, here);
    if (e) ok = map_entry(*e, out, here) && ok;
    for (diagnostic x : here) {
      x.line = line;
      diags.add(std::move(x));
    }
    ok = ok && e.has_value() && !here.has_errors();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<budget::fund_events> read_events_or_audit(std::string_view text, diagnostics& diags) {
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
    ++i;
  }
  if (text.substr(i, 6) == "{\"seq\"") return fund_events_from_audit(text, diags);
  return read_fund_events(text, diags);
}

}  // namespace io
JOINEDUP_END_NAMESPACE
