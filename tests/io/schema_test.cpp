// The JSON Schemas in data/schema/ say what the readers accept: for every document read through
// its field list, each object of the schema has exactly the fields of the list (plus the
// "schema" tag at the top), requires exactly the required ones, gives an enumeration exactly its
// name table, and an array's items the shape of the list's element. A field added to a struct's
// list and not to its schema (or the other way round) fails here.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "joinedup/budget/alliance.hpp"
#include "joinedup/budget/capitation.hpp"
#include "joinedup/budget/events.hpp"
#include "joinedup/budget/payment_models.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/budget/roll_forward.hpp"
#include "joinedup/care/model.hpp"
#include "joinedup/core/fields.hpp"
#include "joinedup/governance/commissioner.hpp"
#include "joinedup/governance/delegation.hpp"
#include "joinedup/governance/progress.hpp"
#include "joinedup/io/area.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/governance.hpp"
#include "joinedup/io/outcomes.hpp"
#include "joinedup/outcomes/indicator.hpp"

using namespace joinedup;
using nlohmann::json;

namespace {

/// The schema node `node` with a "$ref" into "$defs" followed.
const json& resolve(const json& root, const json& node) {
  if (node.is_object() && node.contains("$ref")) {
    const std::string ref = node["$ref"];
    REQUIRE(ref.starts_with("#/$defs/"));
    return root["$defs"][ref.substr(8)];
  }
  return node;
}

/// The JSON types a schema node allows ("type" as a string or a list; the types of the values of
/// "const" and "enum"; "oneOf"/"anyOf" alternatives together).
std::set<std::string> types_of(const json& root, const json& node) {
  const json& n = resolve(root, node);
  std::set<std::string> out;
  if (n.contains("type")) {
    if (n["type"].is_string()) out.insert(n["type"].get<std::string>());
    for (const json& t : n["type"].is_array() ? n["type"] : json::array())
      out.insert(t.get<std::string>());
  }
  for (const char* key : {"enum", "const"}) {
    if (!n.contains(key)) continue;
    for (const json& v : n[key].is_array() ? n[key] : json::array({n[key]}))
      out.insert(v.is_string() ? "string" : v.is_number() ? "number" : v.type_name());
  }
  for (const char* key : {"oneOf", "anyOf"}) {
    for (const json& alt : n.contains(key) ? n[key] : json::array()) {
      const std::set<std::string> more = types_of(root, alt);
      out.insert(more.begin(), more.end());
    }
  }
  return out;
}

/// Checks the schema node `node` against the shape `shape`, at `where` (for messages). `extra`
/// names members the reader knows beyond the field list (the "schema" tag, which is required,
/// and notes for people, which are not).
void check(const json& root, const json& node, const field_shape& shape, const std::string& where,
           const std::set<std::string>& extra = {}) {
  CAPTURE(where);
  const json& n = resolve(root, node);
  const std::set<std::string> types = types_of(root, n);
  if (!types.empty()) {
    // An integer where the reader takes text: the reader also takes whole numbers there.
    CHECK_MESSAGE(types.contains(std::string(shape.type)),
                  "the schema does not allow a " << shape.type);
  }
  if (!shape.names.empty()) {
    REQUIRE_MESSAGE(n.contains("enum"), "an enumeration without an enum list");
    std::vector<std::string> names(shape.names.begin(), shape.names.end());
    CHECK(n["enum"].get<std::vector<std::string>>() == names);
  }
  if (shape.type == "array") {
    REQUIRE(n.contains("items"));
    check(root, n["items"], shape.items.front(), where + "/*");
  }
  if (shape.type != "object") return;
  REQUIRE_MESSAGE(n.contains("properties"), "an object without properties");
  std::set<std::string> in_schema;
  for (const auto& [key, value] : n["properties"].items())
    in_schema.insert(key);
  std::set<std::string> in_list = extra;
  std::set<std::string> required_in_list;
  if (extra.contains("schema")) required_in_list.insert("schema");
  for (const field_shape& f : shape.fields) {
    in_list.insert(f.name);
    if (f.required) required_in_list.insert(f.name);
  }
  CHECK(in_schema == in_list);
  const std::vector<std::string> required = n.contains("required")
                                                ? n["required"].get<std::vector<std::string>>()
                                                : std::vector<std::string>{};
  CHECK(std::set<std::string>(required.begin(), required.end()) == required_in_list);
  CHECK_MESSAGE(n.value("additionalProperties", true) == false,
                "a described object must say additionalProperties: false");
  for (const field_shape& f : shape.fields) {
    if (n["properties"].contains(f.name))
      check(root, n["properties"][f.name], f, where + "/" + f.name);
  }
}

/// Checks data/schema/<name>.schema.json against the shape of a document.
void check_schema_file(const std::string& name, const field_shape& shape,
                       const std::set<std::string>& extra = {"schema"}) {
  CAPTURE(name);
  const std::string path = std::string(JOINEDUP_SOURCE_DIR) + "/data/schema/" + name;
  const json root = json::parse(io::read_file(path).value());
  check(root, root, shape, "", extra);
}

}  // namespace

TEST_CASE("each document's JSON Schema has exactly the fields its reader reads") {
  check_schema_file("area.schema.json", shape_of<io::area_profile>());
  check_schema_file("fund.schema.json", shape_of<budget::pooled_fund>());
  check_schema_file("fund-events.schema.json", shape_of<budget::fund_events>());
  check_schema_file("roll-forward.schema.json", shape_of<budget::roll_forward_terms>());
  check_schema_file("payment-scenario.schema.json", shape_of<budget::payment_scenario>());
  check_schema_file("alliance.schema.json", shape_of<budget::alliance>());
  check_schema_file("pace-of-change.schema.json", shape_of<budget::pace_plan>());
  check_schema_file("care-plans.schema.json", shape_of<care::care_records>());
  check_schema_file("commissioner.schema.json", shape_of<governance::commissioner>());
  check_schema_file("delegation.schema.json", shape_of<governance::scheme>());
  check_schema_file("decision-request.schema.json", shape_of<governance::request>());
  check_schema_file("progress.schema.json", shape_of<governance::progress_input>());
  check_schema_file("ambitions.schema.json", io::ambitions_document_shape());
  check_schema_file("outcomes-catalogue.schema.json", shape_of<outcomes::catalogue>(),
                    {"schema", "sources", "notes"});
  check_schema_file("outcomes-framework.schema.json", io::framework_document_shape(),
                    {"schema", "notes"});
}

TEST_CASE("shape_of follows a field list: names, required fields, types and enumerations") {
  // The fund's risk-share rule stands in the risk-share object itself (flattened) and is
  // required there; in an override the same two fields may be left out.
  const field_shape fund = shape_of<budget::pooled_fund>();
  CHECK(fund.type == "object");
  const auto find = [](const field_shape& s, std::string_view name) {
    const auto it = std::find_if(s.fields.begin(), s.fields.end(),
                                 [&](const field_shape& f) { return f.name == name; });
    REQUIRE(it != s.fields.end());
    return *it;
  };
  const field_shape rs = find(fund, "risk_share");
  CHECK(find(rs, "overspend").required);
  CHECK(find(rs, "overspend").names.size() == 4);
  CHECK_FALSE(find(rs, "risk_pool").required);
  const field_shape overrides = find(rs, "overrides");
  CHECK(overrides.type == "array");
  CHECK_FALSE(find(overrides.items.front(), "overspend").required);
  const field_shape lines = find(fund, "lines");
  CHECK(find(lines.items.front(), "planned").type == "string");  // money is a decimal string
  CHECK(find(lines.items.front(), "capital").type == "boolean");
  CHECK(find(lines.items.front(), "joint_nhs_percent").type == "string");
}
