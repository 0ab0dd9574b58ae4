// Keeps docs/diagnostics.md and the code in step: every diagnostic code written in include/ or
// src/ is in the table, and every code in the table is used somewhere.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
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

/// Codes are quoted dotted names that start with a module name.
const std::regex& code_literal() {
  static const std::regex re(
      R"re("((core|io|report|cli|budget|care|outcomes|governance|audit)\.[a-z0-9_]+(\.[a-z0-9_]+)+)")re");
  return re;
}

std::set<std::string> codes_in_sources() {
  std::set<std::string> codes;
  const std::filesystem::path root = JOINEDUP_SOURCE_DIR;
  for (const char* dir : {"include", "src"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      const std::string text = slurp(entry.path());
      for (std::sregex_iterator it(text.begin(), text.end(), code_literal()), end; it != end; ++it) {
        codes.insert((*it)[1].str());
      }
    }
  }
  return codes;
}

std::set<std::string> codes_in_table() {
  std::set<std::string> codes;
  const std::string text = slurp(std::filesystem::path(JOINEDUP_SOURCE_DIR) / "docs" / "diagnostics.md");
  static const std::regex row(R"(\n\| `([a-z0-9_.]+)` \| (info|warning|error|fatal) \|)");
  for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) {
    codes.insert((*it)[1].str());
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
