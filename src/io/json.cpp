// joinedup: diagnostics as JSON.
#include "joinedup/io/json.hpp"

#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {
/// Severity from its name, or nullopt.
std::optional<severity> severity_from(std::string_view s) {
  for (severity v : {severity::info, severity::warning, severity::error, severity::fatal}) {
    if (to_string(v) == s) return v;
  }
  return std::nullopt;
}
}  // namespace

std::string diagnostics_to_json(const diagnostics& diags, int indent) {
  detail::json doc;
  doc["schema"] = diagnostics_schema;
  doc["errors"] = diags.count(severity::error) + diags.count(severity::fatal);
  doc["warnings"] = diags.count(severity::warning);
  detail::json list = detail::json::array();
  for (const diagnostic& d : diags) {
    detail::json item;
    item["code"] = d.code;
    item["severity"] = to_string(d.severity);
    item["path"] = d.path;
    item["message"] = d.message;
    if (d.line) item["line"] = *d.line;
    if (d.column) item["column"] = *d.column;
    list.push_back(std::move(item));
  }
  doc["diagnostics"] = std::move(list);
  return doc.dump(indent);
}

result<diagnostics> diagnostics_from_json(std::string_view text) {
  diagnostics problems;
  const std::optional<detail::json> doc = detail::parse_json(text, problems);
  if (!doc) return failure{problems[0]};
  if (!detail::check_schema(*doc, diagnostics_schema, problems)) return failure{problems[0]};
  const json_pointer root;
  const detail::json* list = detail::get_array(*doc, "diagnostics", root, problems);
  if (list == nullptr) return failure{problems[0]};
  diagnostics out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const detail::json& item = (*list)[i];
    const json_pointer at = root.key("diagnostics").index(i);
    auto code = detail::get_string(item, "code", at, problems);
    auto sev = detail::get_string(item, "severity", at, problems);
    auto path = detail::get_string(item, "path", at, problems);
    auto message = detail::get_string(item, "message", at, problems);
    if (!problems.empty()) return failure{problems[0]};
    const std::optional<severity> s = severity_from(*sev);
    if (!s) {
      return fail("io.json.type", "unknown severity '" + *sev + "'", at.key("severity").str());
    }
    diagnostic d{*code, *s, *path, *message, std::nullopt};
    if (auto it = item.find("line"); it != item.end()) {
      if (!it->is_number_unsigned()) {
        return fail("io.json.type", "line must be a positive whole number", at.key("line").str());
      }
      d.line = it->get<std::size_t>();
    }
    if (auto it = item.find("column"); it != item.end()) {
      if (!it->is_number_unsigned()) {
        return fail("io.json.type", "column must be a positive whole number",
                    at.key("column").str());
      }
      d.column = it->get<std::size_t>();
    }
    out.add(std::move(d));
  }
  return out;
}

std::optional<std::string> normalise_json(std::string_view text, diagnostics& diags) {
  const std::optional<detail::json> doc = detail::parse_json(text, diags);
  if (!doc) return std::nullopt;
  return doc->dump();
}

}  // namespace io
JOINEDUP_END_NAMESPACE
