// joinedup: reading and writing care records (docs/care.md). The document's fields are named
// once, beside the structs (fields_of<T> and enum_names<E> in joinedup/care/model.hpp); the one
// strict JSON reader and the generic field reader and writer (fields_json.hpp) do the rest.
#include <string>
#include <string_view>
#include <utility>

#include "fields_json.hpp"
#include "joinedup/io/care.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

std::optional<care::care_records> read_care_records(std::string_view json_text,
                                                    diagnostics& diags) {
  return detail::read_document<care::care_records>(json_text, care_plans_schema, diags);
}

std::string write_care_records(const care::care_records& records, bool pretty) {
  if (pretty) return detail::write_document(records, care_plans_schema);
  // One line, no final line break: the same document as write_document, dumped compactly.
  detail::json doc = detail::json::object();
  doc["schema"] = std::string(care_plans_schema);
  detail::json body = detail::write_value(records);
  for (auto it = body.begin(); it != body.end(); ++it)
    doc[it.key()] = std::move(it.value());
  return doc.dump(-1, ' ', false, detail::json::error_handler_t::replace);
}

}  // namespace io
JOINEDUP_END_NAMESPACE
