// joinedup (private): JSON reading helpers.
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {

namespace {
/// The JSON type of a value in words, for messages.
std::string type_name(const json& v) {
  return v.type_name();
}

/// Finds member `key`, or nullptr.
const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(std::string(key));
  return it == obj.end() ? nullptr : &*it;
}

/// Adds io.json.missing for a required member.
void missing(std::string_view key, const json_pointer& at, diagnostics& diags) {
  diags.error("io.json.missing", at.key(key).str(),
              "required field '" + std::string(key) + "' is missing");
}
}  // namespace

bool check_schema(const json& doc, std::string_view expected, diagnostics& diags) {
  if (!doc.is_object()) {
    diags.add("io.json.schema", severity::fatal, "",
              "expected a JSON object with \"schema\": \"" + std::string(expected) + "\", found " +
                  type_name(doc));
    return false;
  }
  const json* s = member(doc, "schema");
  if (s == nullptr || !s->is_string() || s->get<std::string>() != expected) {
    diags.add("io.json.schema", severity::fatal, "/schema",
              "expected \"schema\": \"" + std::string(expected) + "\", found " +
                  (s == nullptr     ? std::string("no schema field")
                   : s->is_string() ? s->dump()
                                    : "a value of type " + type_name(*s)));
    return false;
  }
  return true;
}

void check_known_fields(const json& obj, std::initializer_list<std::string_view> known,
                        const json_pointer& at, diagnostics& diags) {
  if (!obj.is_object()) return;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool found = false;
    for (std::string_view k : known)
      found = found || k == it.key();
    if (!found) {
      diags.warning("io.json.unknown_field", at.key(it.key()).str(),
                    "field '" + it.key() +
                        "' is not part of this document and was not read; "
                        "check its spelling");
    }
  }
}

std::optional<std::string> get_string(const json& obj, std::string_view key, const json_pointer& at,
                                      diagnostics& diags, bool required) {
  const json* v = member(obj, key);
  if (v == nullptr) {
    if (required) missing(key, at, diags);
    return std::nullopt;
  }
  if (!v->is_string()) {
    diags.error("io.json.type", at.key(key).str(),
                "field '" + std::string(key) + "' must be a string, found " + type_name(*v));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<money> get_money(const json& obj, std::string_view key, const json_pointer& at,
                               diagnostics& diags, bool required) {
  const json* v = member(obj, key);
  if (v != nullptr && v->is_number()) {
    diags.error("io.json.type", at.key(key).str(),
                "money field '" + std::string(key) + "' must be a decimal string such as \"" +
                    v->dump() + "\", not a JSON number, so that no value is rounded on the way in");
    return std::nullopt;
  }
  const std::optional<std::string> text = get_string(obj, key, at, diags, required);
  if (!text) return std::nullopt;
  const result<money> m = money::parse(*text);
  if (!collect(m, diags, at.key(key).str())) return std::nullopt;
  return *m;
}

std::optional<std::chrono::year_month_day> get_date(const json& obj, std::string_view key,
                                                    const json_pointer& at, diagnostics& diags,
                                                    bool required) {
  const std::optional<std::string> text = get_string(obj, key, at, diags, required);
  if (!text) return std::nullopt;
  const auto d = parse_iso_date(*text);
  if (!collect(d, diags, at.key(key).str())) return std::nullopt;
  return *d;
}

std::optional<financial_year> get_financial_year(const json& obj, std::string_view key,
                                                 const json_pointer& at, diagnostics& diags,
                                                 bool required) {
  const std::optional<std::string> text = get_string(obj, key, at, diags, required);
  if (!text) return std::nullopt;
  const auto fy = financial_year::parse(*text);
  if (!collect(fy, diags, at.key(key).str())) return std::nullopt;
  return *fy;
}

std::optional<bool> get_bool(const json& obj, std::string_view key, const json_pointer& at,
                             diagnostics& diags, bool required) {
  const json* v = member(obj, key);
  if (v == nullptr) {
    if (required) missing(key, at, diags);
    return std::nullopt;
  }
  if (!v->is_boolean()) {
    diags.error("io.json.type", at.key(key).str(),
                "field '" + std::string(key) + "' must be true or false, found " + type_name(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

const json* get_array(const json& obj, std::string_view key, const json_pointer& at,
                      diagnostics& diags, bool required) {
  const json* v = member(obj, key);
  if (v == nullptr) {
    if (required) missing(key, at, diags);
    return nullptr;
  }
  if (!v->is_array()) {
    diags.error("io.json.type", at.key(key).str(),
                "field '" + std::string(key) + "' must be an array, found " + type_name(*v));
    return nullptr;
  }
  return v;
}

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
