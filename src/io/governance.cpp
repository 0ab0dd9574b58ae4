// joinedup: governance documents as JSON (docs/governance.md). Each document's fields are named
// once, beside the structs (fields_of<T> and enum_names<E> in joinedup/governance/*.hpp); the one
// strict JSON reader and the generic field reader and writer (fields_json.hpp) do the rest. What
// is left here: a rule's "unlimited" limit and an ambition's confidence tag. Check results,
// decisions and progress are written by the report layer (joinedup/report/governance.hpp).
#include "joinedup/io/governance.hpp"

#include "fields_json.hpp"

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

}  // namespace

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

}  // namespace io
JOINEDUP_END_NAMESPACE
