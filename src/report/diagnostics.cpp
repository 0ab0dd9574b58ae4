// joinedup: text and CSV renderings of diagnostics.
#include "joinedup/report/diagnostics.hpp"

#include <fmt/format.h>

#include "joinedup/core/format.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

std::string diagnostics_text(const diagnostics& diags) {
  std::string out;
  for (const diagnostic& d : diags)
    out += fmt::format("{}\n", d);
  const std::size_t errors = diags.count(severity::error) + diags.count(severity::fatal);
  const std::size_t warnings = diags.count(severity::warning);
  out += fmt::format("{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s");
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string diagnostics_csv(const diagnostics& diags) {
  std::string out = "severity,code,path,line,message\n";
  for (const diagnostic& d : diags) {
    out +=
        fmt::format("{},{},{},{},{}\n", to_string(d.severity), csv_field(d.code), csv_field(d.path),
                    d.line ? std::to_string(*d.line) : std::string(), csv_field(d.message));
  }
  return out;
}

}  // namespace report
JOINEDUP_END_NAMESPACE
