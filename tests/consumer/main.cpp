// Consumer test: the installed joinedup, found with find_package, compiles, links and works.
#include <fmt/format.h>

#include <cstdlib>
#include <joinedup/core/format.hpp>
#include <joinedup/io/audit_log.hpp>
#include <joinedup/io/fund_workbook.hpp>
#include <joinedup/io/json.hpp>
#include <joinedup/joinedup.hpp>

int main() {
  using joinedup::money;
  const auto total = money::parse("100.00");
  const std::int64_t weights[] = {1, 1, 1};
  const auto parts = joinedup::allocate(*total, weights);
  if (!parts || (*parts)[0] != money::from_pence(3334)) return EXIT_FAILURE;
  joinedup::diagnostics diags;
  diags.error("io.json.type", "/x", "example");
  const std::string json = joinedup::io::diagnostics_to_json(diags);
  if (json.find("io.json.type") == std::string::npos) return EXIT_FAILURE;
  // The audit trail's SHA-256 comes from OpenSSL's libcrypto, re-found by joinedupConfig.cmake.
  if (joinedup::io::sha256_hex("abc").substr(0, 8) != "ba7816bf") return EXIT_FAILURE;
  // The fund workbook's libzip, expat and libxlsxwriter, re-found by joinedupConfig.cmake.
  joinedup::diagnostics wb;
  if (joinedup::io::read_fund_workbook("not a zip", wb).fund || !wb.contains("budget.workbook.zip"))
    return EXIT_FAILURE;
  const auto book = joinedup::io::write_fund_workbook(nullptr, nullptr, wb);
  if (!book || book->substr(0, 2) != "PK") return EXIT_FAILURE;
  fmt::print("joinedup {}: {} = {} + {} + {}\n", JOINEDUP_VERSION_STRING, *total, (*parts)[0],
             (*parts)[1], (*parts)[2]);
  return EXIT_SUCCESS;
}
