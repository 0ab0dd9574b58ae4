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

namespace {
/// True for a plain decimal number ("12", "-0.50", "-1e-05" as a double is written): a
/// spreadsheet reads it as a number, and it cannot be a formula.
bool is_plain_number(std::string_view t) {
  std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
  const std::size_t digits_from = i;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9')
    ++i;
  if (i == digits_from) return false;
  if (i < t.size() && t[i] == '.') {
    const std::size_t frac_from = ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i;
    if (i == frac_from) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    i += (i + 1 < t.size() && (t[i + 1] == '-' || t[i + 1] == '+')) ? std::size_t{2}
                                                                    : std::size_t{1};
    const std::size_t exp_from = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i;
    if (i == exp_from) return false;
  }
  return i == t.size();
}
}  // namespace

std::string csv_field(const std::string& raw) {
  // A cell that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
  // before one) is written with a leading apostrophe, as OWASP's CSV injection guidance
  // advises; plain numbers stay numbers.
  std::string text = raw;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos &&
      !is_plain_number(text)) {
    text.insert(0, 1, '\'');
  }
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
