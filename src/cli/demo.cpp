// joinedup CLI: `joinedup demo [DIR]`, every module's look at the bundled sample area.
#include <fmt/format.h>

#include <iostream>

#include "cli.hpp"

namespace joinedup::cli {

namespace {
/// The sample area: DIR if given, else ./data/demo, else the copy installed beside the tool
/// (<prefix>/share/joinedup/demo, found from the executable's location so a relocated install
/// works), else the install prefix configured at build time.
std::filesystem::path find_demo_dir(const std::string& given) {
  if (!given.empty()) return given;
  if (std::filesystem::exists("data/demo/area.json")) return "data/demo";
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path beside =
        exe.parent_path().parent_path() / "share" / "joinedup" / "demo";
    if (std::filesystem::exists(beside / "area.json")) return beside;
  }
  return std::filesystem::path(JOINEDUP_INSTALLED_DATA_DIR) / "demo";
}
}  // namespace

/// Registers the `demo` subcommand that runs every demo section.
void register_demo(CLI::App& app, context& /*ctx*/) {
  auto* demo = app.add_subcommand(
      "demo", "Run every module on the bundled sample area and print what each one finds");
  static std::string dir;
  demo->add_option("DIR", dir, "Folder holding the sample area (default: data/demo)");
  set_examples(*demo, {"joinedup demo", "joinedup demo data/demo"});
  demo->callback([] {
    const std::filesystem::path where = find_demo_dir(dir);
    std::cout << fmt::format("joinedup demo: sample area in {}\n", where.string());
    int worst = exit_ok;
    for (const demo_section& s : demo_sections()) {
      std::cout << fmt::format("\n== {} ==\n", s.title);
      const int code = s.run(where, std::cout);
      worst = code > worst ? code : worst;
    }
    if (worst != exit_ok) throw CLI::RuntimeError(worst);
  });
}

namespace {
const bool registered = add_registrar(100, register_demo);
}  // namespace

}  // namespace joinedup::cli
