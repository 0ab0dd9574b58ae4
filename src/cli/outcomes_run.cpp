// joinedup CLI: the outcomes scorecard from a framework file and a measurements file
// (outcomes_run.hpp).
#include "outcomes_run.hpp"

#include <set>

#include "cli.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/outcomes.hpp"

namespace joinedup::cli {

/// The scorecard rows for a framework file and a measurements file.
std::optional<std::vector<outcomes::scorecard_row>> load_scorecard(
    const std::string& measurements_path, const std::string& framework_path,
    std::chrono::year_month_day as_of, diagnostics& diags, std::size_t& rows_rejected) {
  const result<std::string> fw_text = io::read_file(framework_path);
  const result<std::string> csv_text = io::read_file(measurements_path);
  const bool fw_read = collect(fw_text, diags, "");
  if (!collect(csv_text, diags, "") || !fw_read) return std::nullopt;
  diagnostics fw_diags;
  const std::optional<outcomes::framework> fw = io::read_outcomes_framework(*fw_text, fw_diags);
  if (fw) io::validate_outcomes_framework(*fw, fw_diags);
  for (diagnostic d : fw_diags) {
    d.message = framework_path + ": " + d.message;
    diags.add(std::move(d));
  }
  diagnostics csv_diags;
  const std::vector<outcomes::measurement> rows =
      io::read_outcomes_measurements(*csv_text, csv_diags);
  std::set<std::size_t> bad_lines;  // rows the reader rejected: each has an error on its line
  for (const diagnostic& d : csv_diags) {
    if (d.is_error() && d.line) bad_lines.insert(*d.line);
  }
  rows_rejected = bad_lines.size();
  if (!fw || diags.has_errors() || csv_diags.count(severity::fatal) > 0) {
    diags.append(csv_diags);
    return std::nullopt;
  }
  std::vector<outcomes::scorecard_row> card =
      outcomes::build_scorecard(*fw, rows, as_of, csv_diags);
  for (diagnostic d : csv_diags) {
    d.message = measurements_path + ": " + d.message;
    diags.add(std::move(d));
  }
  return card;
}

}  // namespace joinedup::cli
