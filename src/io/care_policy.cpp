// joinedup: reading and writing the care review policy (data/care/review-policy.json).
#include "joinedup/io/care.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

/// Largest count accepted for any policy interval (100 years in months).
constexpr std::int64_t max_count = 1200;

/// Reads the whole-number member `key` (0 to max_count); problems are added.
std::optional<std::int64_t> get_count(const detail::json& obj, std::string_view key,
                                      const json_pointer& at, diagnostics& diags) {
  if (!obj.is_object()) return std::nullopt;
  const auto it = obj.find(std::string(key));
  if (it == obj.end()) {
    diags.error("io.json.missing", at.key(key).str(),
                "required field '" + std::string(key) + "' is missing");
    return std::nullopt;
  }
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0 ||
      it->get<std::int64_t>() > max_count) {
    diags.error("care.policy.value", at.key(key).str(),
                "'" + std::string(key) + "' must be a whole number from 0 to " +
                    std::to_string(max_count) + ", found " + it->dump());
    return std::nullopt;
  }
  return it->get<std::int64_t>();
}

/// Reads one review rule object.
care::review_rule read_rule(const detail::json& doc, std::string_view name, diagnostics& diags) {
  care::review_rule rule;
  const json_pointer at = json_pointer{}.key(name);
  const auto it = doc.find(std::string(name));
  if (it == doc.end() || !it->is_object()) {
    diags.error(it == doc.end() ? "io.json.missing" : "io.json.type", at.str(),
                "'" + std::string(name) + "' must be an object describing the rule");
    return rule;
  }
  const detail::json& obj = *it;
  detail::check_known_fields(obj,
                             {"first_review_earliest_days", "first_review_due_days",
                              "first_review_due_months", "interval_months", "source", "confidence"},
                             at, diags);
  if (auto v = get_count(obj, "first_review_earliest_days", at, diags))
    rule.first_earliest_days = *v;
  if (auto v = get_count(obj, "first_review_due_days", at, diags)) rule.first_due_days = *v;
  if (auto v = get_count(obj, "first_review_due_months", at, diags))
    rule.first_due_months = static_cast<int>(*v);
  if (auto v = get_count(obj, "interval_months", at, diags))
    rule.interval_months = static_cast<int>(*v);
  rule.source = detail::get_string(obj, "source", at, diags).value_or("");
  rule.confidence = detail::get_string(obj, "confidence", at, diags).value_or("");
  return rule;
}

/// Writes one review rule object.
detail::json write_rule(const care::review_rule& r) {
  detail::json obj;
  obj["first_review_earliest_days"] = r.first_earliest_days;
  obj["first_review_due_days"] = r.first_due_days;
  obj["first_review_due_months"] = r.first_due_months;
  obj["interval_months"] = r.interval_months;
  obj["source"] = r.source;
  obj["confidence"] = r.confidence;
  return obj;
}

}  // namespace

std::optional<care::review_policy> read_review_policy(std::string_view json_text,
                                                      diagnostics& diags) {
  const std::optional<detail::json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, care_review_policy_schema, diags)) return std::nullopt;
  const json_pointer root;
  detail::check_known_fields(*doc, {"schema", "notes", "care_act", "chc", "on_request"}, root,
                             diags);
  care::review_policy p;
  p.care_act = read_rule(*doc, "care_act", diags);
  p.chc = read_rule(*doc, "chc", diags);
  const json_pointer at = root.key("on_request");
  const auto it = doc->find("on_request");
  if (it == doc->end() || !it->is_object()) {
    diags.error(it == doc->end() ? "io.json.missing" : "io.json.type", at.str(),
                "'on_request' must be an object describing the rule");
  } else {
    detail::check_known_fields(*it, {"due_days", "source", "confidence"}, at, diags);
    if (auto v = get_count(*it, "due_days", at, diags)) p.request_due_days = *v;
    p.request_source = detail::get_string(*it, "source", at, diags).value_or("");
    p.request_confidence = detail::get_string(*it, "confidence", at, diags).value_or("");
  }
  return p;
}

std::string write_review_policy(const care::review_policy& p) {
  detail::json doc;
  doc["schema"] = care_review_policy_schema;
  doc["care_act"] = write_rule(p.care_act);
  doc["chc"] = write_rule(p.chc);
  detail::json req;
  req["due_days"] = p.request_due_days;
  req["source"] = p.request_source;
  req["confidence"] = p.request_confidence;
  doc["on_request"] = req;
  return doc.dump(2) + "\n";
}

}  // namespace io
JOINEDUP_END_NAMESPACE
