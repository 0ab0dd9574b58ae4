// Keeps docs/diagnostics.md (and the module pages in docs/diagnostics/) and the code in step:
// every diagnostic code written in include/ or src/ is in a table, and every code in a table is
// used somewhere.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// True for a diagnostic code: a module name, then at least two more dotted lower-case parts
/// (digits and underscores allowed), e.g. "core.money.syntax".
bool is_code(const std::string& s) {
  static const std::set<std::string> modules = {"core", "io",       "report",     "cli",  "budget",
                                                "care", "outcomes", "governance", "audit"};
  const std::size_t first_dot = s.find('.');
  if (first_dot == std::string::npos || modules.count(s.substr(0, first_dot)) == 0) return false;
  std::size_t parts = 1;
  std::size_t part_length = 0;
  for (std::size_t i = first_dot + 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.') {
      if (part_length == 0) return false;
      ++parts;
      part_length = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      ++part_length;
    } else {
      return false;
    }
  }
  return part_length > 0 && parts >= 2;
}

/// Every double-quoted string literal in `text` that is a diagnostic code.
void collect_codes(const std::string& text, std::set<std::string>& out) {
  std::size_t pos = 0;
  while ((pos = text.find('"', pos)) != std::string::npos) {
    const std::size_t close = text.find('"', pos + 1);
    if (close == std::string::npos) break;
    const std::string inside = text.substr(pos + 1, close - pos - 1);
    if (is_code(inside)) {
      out.insert(inside);
      pos = close + 1;
    } else {
      pos = pos + 1;
    }
  }
}

std::set<std::string> codes_in_sources() {
  std::set<std::string> codes;
  const std::filesystem::path root = JOINEDUP_SOURCE_DIR;
  for (const char* dir : {"include", "src"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      collect_codes(slurp(entry.path()), codes);
    }
  }
  return codes;
}

/// The tables in docs/diagnostics.md and in the per-module pages docs/diagnostics/*.md.
std::set<std::string> codes_in_table() {
  std::set<std::string> codes;
  const std::filesystem::path docs = std::filesystem::path(JOINEDUP_SOURCE_DIR) / "docs";
  std::string text = slurp(docs / "diagnostics.md");
  if (std::filesystem::exists(docs / "diagnostics")) {
    for (const auto& entry : std::filesystem::directory_iterator(docs / "diagnostics")) {
      if (entry.path().extension() == ".md") text += "\n" + slurp(entry.path());
    }
  }
  // Table rows look like: | `core.money.syntax` | error | meaning |
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::size_t close = line.find('`', 3);
    if (close == std::string::npos) continue;
    const std::string code = line.substr(3, close - 3);
    const std::string rest = line.substr(close + 1);
    bool severity_ok = false;
    for (const char* sev : {" | info |", " | warning |", " | error |", " | fatal |"}) {
      severity_ok = severity_ok || rest.rfind(sev, 0) == 0;
    }
    if (is_code(code) && severity_ok) codes.insert(code);
  }
  return codes;
}
}  // namespace

TEST_CASE("docs/diagnostics.md lists exactly the diagnostic codes the code uses") {
  const std::set<std::string> in_code = codes_in_sources();
  const std::set<std::string> in_table = codes_in_table();
  REQUIRE(in_code.size() > 20);
  for (const std::string& c : in_code) {
    CAPTURE(c);
    CHECK_MESSAGE(in_table.count(c) == 1, "code used in the source but missing from the table");
  }
  for (const std::string& c : in_table) {
    CAPTURE(c);
    CHECK_MESSAGE(in_code.count(c) == 1, "code in the table but used nowhere in the source");
  }
}
