// joinedup CLI: shared output helpers.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <ostream>
#include <utility>

#include "cli.hpp"
#include "joinedup/core/format.hpp"
#include "joinedup/core/period.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/json.hpp"
#include "joinedup/report/diagnostics.hpp"
#include "joinedup/report/xlsx.hpp"

namespace joinedup::cli {

CLI::App* add_group(CLI::App& app, const std::string& name, const std::string& description) {
  for (CLI::App* existing : app.get_subcommands({})) {
    if (existing->get_name() == name) return existing;
  }
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

void add_format_option(CLI::App& cmd, context& ctx) {
  cmd.add_option_function<std::string>(
         "--format",
         [&ctx](const std::string& v) {
           const std::string f = CLI::detail::to_lower(v);
           ctx.format = f == "json"   ? output_format::json
                        : f == "csv"  ? output_format::csv
                        : f == "xlsx" ? output_format::xlsx
                                      : output_format::table;
         },
         "Output format: table (default), json (one document), csv (one table) or xlsx (an "
         "Excel workbook of every table; needs -o FILE unless standard output is redirected)")
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}, CLI::ignore_case))
      ->option_text("table|json|csv|xlsx");
  cmd.add_option("-o,--output", ctx.output,
                 "Write the output to FILE (atomically: a temporary file, then renamed) instead "
                 "of standard output")
      ->option_text("FILE");
  cmd.add_flag("--bom", ctx.bom,
               "Start CSV output with a UTF-8 byte order mark, so Excel on Windows shows £ "
               "correctly");
  // A workbook is binary: never to a terminal. Checked once the command line is read, before
  // the command runs (so nothing is done that the output could not be written for).
  cmd.parse_complete_callback([&ctx] {
    if (ctx.format == output_format::xlsx && ctx.output.empty() && ::isatty(1) == 1) {
      throw CLI::ValidationError(
          "--format xlsx",
          "an Excel workbook is binary and is not written to a terminal: give -o FILE.xlsx, "
          "or redirect standard output to a file");
    }
  });
}

void add_table_option(CLI::App& cmd, context& ctx, const std::vector<std::string>& names,
                      const std::string& description) {
  std::string text;
  for (const std::string& n : names)
    text += (text.empty() ? "" : "|") + n;
  cmd.add_option("--table", ctx.table, description)->check(CLI::IsMember(names))->option_text(text);
}

CLI::Option* add_date_option(CLI::App& cmd, const std::string& name, std::string& into,
                             const std::string& description) {
  const CLI::Validator iso_date(
      [](std::string& v) -> std::string {
        const result<std::chrono::year_month_day> d = parse_iso_date(v);
        return d ? std::string() : d.error().message;
      },
      "YYYY-MM-DD", "ISO date");
  return cmd.add_option(name, into, description)->check(iso_date)->option_text("YYYY-MM-DD");
}

void set_examples(CLI::App& cmd, std::initializer_list<std::string_view> examples) {
  std::string text = examples.size() == 1 ? "Example:\n" : "Examples:\n";
  for (std::string_view e : examples)
    text += "  " + std::string(e) + "\n";
  cmd.footer(text);
}

namespace {
/// The Levenshtein distance between two short words.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

bool reject_unknown_command(const CLI::App& app, int argc, const char* const* argv,
                            std::ostream& err) {
  const CLI::App* at = &app;
  std::string path = app.get_name();
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word.empty() || word.front() == '-') return false;  // options: CLI11 checks them
    const std::vector<const CLI::App*> commands = at->get_subcommands({});
    if (commands.empty()) return false;
    const CLI::App* next = nullptr;
    for (const CLI::App* c : commands) {
      if (c->check_name(std::string(word))) next = c;
    }
    if (next != nullptr) {
      at = next;
      path += " " + next->get_name();
      continue;
    }
    std::string nearest;
    std::size_t best = 3;  // suggest only a close name
    std::string names;
    for (const CLI::App* c : commands) {
      const std::size_t d = edit_distance(word, c->get_name());
      if (d < best || (c->get_name().rfind(word, 0) == 0 && nearest.empty())) {
        best = std::min(best, d);
        nearest = c->get_name();
      }
      names += (names.empty() ? "" : ", ") + c->get_name();
    }
    err << "joinedup: unknown command '" << word << "' for '" << path << "'";
    if (!nearest.empty()) err << "; did you mean '" << path << " " << nearest << "'?";
    err << "\nCommands: " << names << "\nRun '" << path << " --help' for more.\n";
    return true;
  }
  return false;
}

int deliver_output(std::string text, const context& ctx, int code, std::ostream& err) {
  // A workbook's cells were masked before they were written (print_workbook); its bytes are
  // compressed, so masking them here could only damage them.
  if (!ctx.show_nhs_numbers && ctx.format != output_format::xlsx) {
    text = mask_nhs_numbers(std::move(text), nhs_mask::valid_only);
  }
  if (ctx.bom && ctx.format == output_format::csv && !text.empty()) text.insert(0, "\xEF\xBB\xBF");
  result<io::done> written = io::done{};
  if (!ctx.output.empty()) {
    if (!text.empty()) written = io::write_file_atomic(ctx.output, text);
  } else {
    written = io::write_all(1, text, "standard output");
  }
  if (!written) {
    err << fmt::format("{}\n", written.error());
    return exit_input_errors;
  }
  return code;
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
    case output_format::xlsx:  // no workbook without a result: the diagnostics as text
      if (!diags.empty()) err << report::diagnostics_text(diags);
      break;
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

bool print_workbook(const std::vector<report::table>& tables, const diagnostics& diags,
                    const context& ctx, std::string_view subject) {
  std::vector<report::table> masked;
  const std::vector<report::table>* chosen = &tables;
  if (!ctx.table.empty()) {
    if (const report::table* t = report::find_table(tables, ctx.table)) {
      masked = {*t};
      chosen = &masked;
    }
  }
  if (!ctx.show_nhs_numbers) {
    if (chosen != &masked) masked = tables;
    chosen = &masked;
    const auto mask = [](std::string& s) {
      s = mask_nhs_numbers(std::move(s), nhs_mask::valid_only);
    };
    for (report::table& t : masked) {
      mask(t.title);
      for (report::column& c : t.columns)
        mask(c.name);
      for (std::vector<report::cell>& row : t.rows)
        for (report::cell& c : row)
          mask(c);
    }
  }
  diagnostics notes;
  const result<std::string> bytes =
      report::render_xlsx(*chosen, {.title = chosen->size() == 1 && !chosen->front().title.empty()
                                                 ? chosen->front().title
                                                 : std::string("joinedup report"),
                                    .subject = std::string(subject),
                                    .diags = &diags,
                                    .notes = &notes});
  if (!bytes) {
    std::cerr << fmt::format("{}\n", bytes.error());
    return false;
  }
  if (!notes.empty()) std::cerr << report::diagnostics_text(notes);
  std::cout << *bytes;
  return true;
}

namespace {
/// print_table and print_tables for --format xlsx.
int print_tables_xlsx(const std::vector<report::table>& tables, const diagnostics& diags,
                      const context& ctx, std::string_view schema) {
  const bool written = print_workbook(tables, diags, ctx, schema);
  if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  return diags.has_errors() || !written ? exit_input_errors : exit_ok;
}
}  // namespace

int print_table(const report::table& t, const diagnostics& diags, const context& ctx,
                std::string_view schema) {
  if (ctx.format == output_format::xlsx) return print_tables_xlsx({t}, diags, ctx, schema);
  if (ctx.format == output_format::json) {
    std::cout << report::render(t, output_format::json, {schema, &diags});
  } else {
    std::cout << report::render(t, ctx.format);
    if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
  }
  return diags.has_errors() ? exit_input_errors : exit_ok;
}

int print_tables(const std::vector<report::table>& tables, const diagnostics& diags,
                 const context& ctx, std::string_view schema) {
  if (ctx.format == output_format::xlsx) return print_tables_xlsx(tables, diags, ctx, schema);
  const report::table* chosen = ctx.table.empty() ? nullptr : report::find_table(tables, ctx.table);
  if (ctx.format == output_format::json) {
    std::cout << report::render(tables, output_format::json, {schema, &diags});
  } else {
    std::cout << (chosen != nullptr ? report::render(*chosen, ctx.format)
                                    : report::render(tables, ctx.format));
    if (!diags.empty()) std::cerr << report::diagnostics_text(diags);
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
