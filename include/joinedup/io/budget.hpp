// joinedup: reading and writing pooled funds and BCF catalogues as JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/catalogue.hpp"
#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// The schema tag of a pooled fund document.
inline constexpr std::string_view fund_schema = "joinedup/fund/v1";
/// The schema tag of a BCF catalogue document (`data/bcf/<year>.json`).
inline constexpr std::string_view bcf_catalogue_schema = "joinedup/bcf-catalogue/v1";

/// Reads a pooled fund document (format in docs/budget.md, schema in
/// data/schema/fund.schema.json). Every problem is added to `diags` with a JSON pointer; returns
/// no value only when the document cannot be read at all (not JSON, wrong schema).
[[nodiscard]] std::optional<budget::pooled_fund> read_pooled_fund(std::string_view json_text,
                                                                  diagnostics& diags);

/// Writes a pooled fund as JSON; reading the result gives back an equal fund, and writing that
/// again gives the same text.
[[nodiscard]] std::string write_pooled_fund(const budget::pooled_fund& fund);

/// Reads a BCF catalogue document.
[[nodiscard]] std::optional<budget::bcf_catalogue> read_bcf_catalogue(std::string_view json_text,
                                                                      diagnostics& diags);

/// The catalogue shipped with joinedup for a financial year (embedded at build time from
/// data/bcf/<year>.json). Error budget.catalogue.year when none is shipped for that year.
[[nodiscard]] result<budget::bcf_catalogue> shipped_bcf_catalogue(financial_year year);

/// The financial years for which a catalogue is shipped.
[[nodiscard]] std::vector<financial_year> shipped_bcf_years();

}  // namespace io
JOINEDUP_END_NAMESPACE
