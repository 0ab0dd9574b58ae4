// joinedup CLI: shared output helpers.
#include <algorithm>
#include <ostream>
#include <utility>

#include "cli.hpp"
#include "joinedup/io/json.hpp"
#include "joinedup/report/diagnostics.hpp"

namespace joinedup::cli {

void add_format_option(CLI::App& cmd, context& ctx) {
  cmd.add_option("--format", ctx.format, "Output format: table (default), json or csv")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, output_format>{{"table", output_format::table},
                                               {"json", output_format::json},
                                               {"csv", output_format::csv}},
          CLI::ignore_case));
}

int report_diagnostics(const diagnostics& diags, const context& ctx, std::ostream& out,
                       std::ostream& err) {
  switch (ctx.format) {
    case output_format::json:
      out << io::diagnostics_to_json(diags) << '\n';
      break;
    case output_format::csv:
      out << report::diagnostics_csv(diags);
      break;
    case output_format::table:
      if (!diags.empty()) err << report::diagnostics_text(diags);
      break;
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

namespace {
std::vector<std::pair<int, registrar>>& registrars() {
  static std::vector<std::pair<int, registrar>> list;
  return list;
}
}  // namespace

bool add_registrar(int order, registrar r) {
  registrars().emplace_back(order, r);
  return true;
}

void register_all(CLI::App& app, context& ctx) {
  auto list = registrars();
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, r] : list)
    r(app, ctx);
}

std::vector<demo_section>& demo_sections() {
  static std::vector<demo_section> sections;
  return sections;
}

}  // namespace joinedup::cli
