// joinedup (private to src/report): adding a table to a JSON document another part wrote.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report::detail {

/// `document` (one JSON object, as io writes it) with the members of `t` as report::render
/// writes them ("name", "title", "columns", "rows") added after its own, which keep their order
/// and values; indented by 2 and newline-terminated. A member of that name already in
/// `document` is kept as it is. Never throws: a document that is not an object is returned as
/// it is.
inline std::string with_table_members(std::string_view document, const table& t) {
  using json = nlohmann::ordered_json;
  json doc = json::parse(document, nullptr, false);
  if (!doc.is_object()) return std::string(document) + "\n";
  const json rendered = json::parse(render(t, output_format::json), nullptr, false);
  if (rendered.is_object()) {
    for (auto it = rendered.begin(); it != rendered.end(); ++it) {
      if (!doc.contains(it.key())) doc[it.key()] = it.value();
    }
  }
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace report::detail
JOINEDUP_END_NAMESPACE
