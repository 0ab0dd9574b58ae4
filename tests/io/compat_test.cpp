// Users' files keep working: every input file shipped in examples/ and data/ is read with
// today's readers and what was understood is written down in full (the diagnostics and the
// value written back by the document's writer, or the totals of a ledger, or the answers to a
// file of requests). That record is compared with the one kept in tests/compat/, made when the
// file's reader was last known good. A reader that changes what a file means fails here.
//
// After a deliberate, documented change of meaning, remake the records with
//   JOINEDUP_COMPAT_WRITE=1 ./build/ci/tests/joinedup_tests -tc="*shipped input file*"
// and say why in the commit.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "joinedup/io/area.hpp"
#include "joinedup/io/audit_log.hpp"
#include "joinedup/io/budget.hpp"
#include "joinedup/io/capitation.hpp"
#include "joinedup/io/care.hpp"
#include "joinedup/io/care_import.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/fingertips_import.hpp"
#include "joinedup/io/fund_events.hpp"
#include "joinedup/io/governance.hpp"
#include "joinedup/io/ledger_csv.hpp"
#include "joinedup/io/ledger_import.hpp"
#include "joinedup/io/outcomes.hpp"
#include "joinedup/io/population_import.hpp"
#include "joinedup/io/roll_forward.hpp"
#include "joinedup/outcomes/statistics.hpp"

using namespace joinedup;
namespace fs = std::filesystem;

namespace {

const fs::path source_dir{JOINEDUP_SOURCE_DIR};

/// The diagnostics as lines "severity code path", in the order they were added.
std::string diagnostic_lines(const diagnostics& d) {
  std::string out;
  for (const diagnostic& x : d)
    out += fmt::format("{} {} {}\n", to_string(x.severity), x.code, x.path);
  return out;
}

/// What a JSON document means: its diagnostics, then the writer's text of what was read.
template <class Read, class Write>
std::string document_meaning(const std::string& text, Read read, Write write) {
  diagnostics d;
  const auto value = read(text, d);
  return diagnostic_lines(d) + "--\n" + (value ? write(*value) : std::string("(not read)\n"));
}

/// The readers of the JSON documents, by their "schema" tag.
std::string json_meaning(const std::string& schema, const std::string& text) {
  using namespace io;
  if (schema == fund_schema) return document_meaning(text, read_pooled_fund, write_pooled_fund);
  if (schema == fund_events_schema)
    return document_meaning(text, read_fund_events, write_fund_events);
  if (schema == roll_forward_schema)
    return document_meaning(text, read_roll_forward_terms, write_roll_forward_terms);
  if (schema == payment_scenario_schema)
    return document_meaning(text, read_payment_scenario, write_payment_scenario);
  if (schema == alliance_schema) return document_meaning(text, read_alliance, write_alliance);
  if (schema == pace_plan_schema) return document_meaning(text, read_pace_plan, write_pace_plan);
  if (schema == area_schema) return document_meaning(text, read_area_profile, write_area_profile);
  if (schema == care_plans_schema) {
    return document_meaning(text, read_care_records,
                            [](const care::care_records& r) { return write_care_records(r); });
  }
  if (schema == care_review_policy_schema)
    return document_meaning(text, read_review_policy, write_review_policy);
  if (schema == commissioner_schema)
    return document_meaning(text, read_commissioner, write_commissioner);
  if (schema == delegation_schema) return document_meaning(text, read_delegation, write_delegation);
  if (schema == decision_request_schema)
    return document_meaning(text, read_decision_request, write_decision_request);
  if (schema == progress_schema) return document_meaning(text, read_progress, write_progress);
  if (schema == ambitions_schema) return document_meaning(text, read_ambitions, write_ambitions);
  if (schema == outcomes_catalogue_schema)
    return document_meaning(text, read_outcomes_catalogue, write_outcomes_catalogue);
  if (schema == outcomes_framework_schema)
    return document_meaning(text, read_outcomes_framework, write_outcomes_framework);
  if (schema == bcf_catalogue_schema) {
    // No writer: the catalogue is shipped data; what was read is the shipped catalogue of its
    // year, which the fund checks use.
    diagnostics d;
    const auto c = read_bcf_catalogue(text, d);
    std::string out = diagnostic_lines(d) + "--\n";
    if (!c) return out + "(not read)\n";
    const auto shipped = shipped_bcf_catalogue(c->year);
    out += fmt::format("year {}, {} funding sources, {} scheme types, {} areas of spend\n",
                       c->year.to_string(), c->funding_sources.size(), c->scheme_types.size(),
                       c->areas_of_spend.size());
    out += fmt::format("same as the embedded catalogue: {}\n", shipped && *shipped == *c);
    return out;
  }
  if (schema == "joinedup/standard-population/v1") {
    // Reference data the statistics embed: the file and the constant must agree.
    std::string out;
    std::size_t i = 0;
    for (std::size_t at = text.find("\"population\":"); at != std::string::npos;
         at = text.find("\"population\":", at + 1), ++i) {
      const double v = std::strtod(text.c_str() + at + 13, nullptr);
      out += fmt::format("band {}: {} (embedded {})\n", i, v,
                         i < outcomes::esp2013.size() ? outcomes::esp2013[i] : -1.0);
    }
    return out;
  }
  return "";
}

/// What a ledger means: its control totals and each line's year totals by kind.
std::string ledger_meaning(const std::string& text, const budget::pooled_fund& fund) {
  diagnostics d;
  const io::ledger_load load = io::read_ledger_csv(text, fund, d);
  std::string out = diagnostic_lines(d) + "--\n";
  const io::ledger_control_totals& c = load.control;
  out += fmt::format("rows read {}, accepted {}, rejected {}, total {}\n", c.rows_read,
                     c.rows_accepted, c.rows_rejected, c.total.to_string());
  for (std::size_t i = 0; i < load.summary.line_count(); ++i) {
    const budget::kind_totals t = load.summary.year_total(i);
    out += load.summary.lines().id(i);
    for (budget::transaction_kind k : budget::transaction_kinds)
      out += fmt::format(" {}={}", budget::to_string(k), t[k].to_string());
    out += fmt::format(" ({} transactions)\n", load.summary.transaction_count(i));
  }
  return out;
}

/// The fund a ledger belongs to: <name>-ledger.csv beside <name>-fund.json.
std::optional<budget::pooled_fund> fund_beside(const fs::path& ledger) {
  std::string name = ledger.filename().string();
  name.replace(name.rfind("ledger.csv"), 10, "fund.json");
  const result<std::string> text = io::read_file((ledger.parent_path() / name).string());
  if (!text) return std::nullopt;
  diagnostics d;
  return io::read_pooled_fund(*text, d);
}

/// What a JSON-lines file means: each line's answer, or the audit chain's verification.
std::string lines_meaning(const fs::path& path, const std::string& text) {
  const std::string name = path.filename().string();
  if (name.find("audit") != std::string::npos) {
    diagnostics d;
    std::istringstream in(text);
    const io::audit_verify_summary s = io::verify_audit_stream(in, d);
    return diagnostic_lines(d) + "--\n" + io::audit_verify_to_json(s, d, name);
  }
  const bool spc = name.find("spc") != std::string::npos;
  std::string out;
  std::istringstream in(text);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    bool ok = false;
    out += (spc ? io::answer_spc_line(line, n, ok) : io::answer_stats_line(line, n, ok)) + "\n";
  }
  return out;
}

/// The meaning of one shipped file, or "" when no reader of the library takes it.
std::string meaning_of(const fs::path& path) {
  const std::string text = io::read_file(path.string()).value();
  const std::string name = path.filename().string();
  const std::string ext = path.extension().string();
  if (ext == ".jsonl") return lines_meaning(path, text);
  if (ext == ".csv") {
    diagnostics d;
    if (name.ends_with("ledger-export.csv")) {
      // A finance system's export: what it imports to under the rules beside it.
      fs::path rules_path = path;
      rules_path.replace_extension(".rules");
      io::ledger_import_rules rules;
      io::read_import_rules(io::read_file(rules_path.string()).value(), path.parent_path().string(),
                            rules, d);
      const io::ledger_import r = io::import_ledger(text, io::import_options_from(rules, d), d);
      return diagnostic_lines(d) + "--\n" + r.csv;
    }
    if (name.ends_with("fingertips-download.csv")) {
      // A Fingertips download: what it imports to, mapped by the shipped catalogue.
      const auto cat = io::read_outcomes_catalogue(
          io::read_file((source_dir / "data/indicators/catalogue.json").string()).value(), d);
      io::fingertips_import_options o;
      o.catalogue = cat ? &*cat : nullptr;
      const io::fingertips_import r = io::import_fingertips(text, o, d);
      return diagnostic_lines(d) + "--\n" + r.csv;
    }
    if (name.ends_with("population-estimates.csv")) {
      // Population estimates: what they sum to in the bands the example's page uses.
      io::population_import_options o;
      o.bands = io::parse_age_bands("0-64,65-74,75-84,85+").value();
      o.year = 2023;
      const io::population_import r = io::import_population(text, o, d);
      return diagnostic_lines(d) + "--\n" + r.csv;
    }
    if (name.ends_with("need-weights.csv") || name.ends_with("mff.csv")) {
      // Factors for the population importer.
      std::map<std::string, ratio, std::less<>> m;
      io::read_factor_map(text, name, m, d);
      std::string out = diagnostic_lines(d) + "--\n";
      for (const auto& [key, factor] : m)
        out += key + " -> " + factor.to_decimal_string() + "\n";
      return out;
    }
    if (text.rfind("code,", 0) == 0) {
      // A code map for an importer.
      std::map<std::string, std::string, std::less<>> m;
      io::read_code_map(text, name, m, d);
      std::string out = diagnostic_lines(d) + "--\n";
      for (const auto& [code, value] : m)
        out += code + " -> " + value + "\n";
      return out;
    }
    if (name.ends_with("ledger.csv")) {
      const auto fund = fund_beside(path);
      return fund ? ledger_meaning(text, *fund) : "";
    }
    if (name.find("population") != std::string::npos) {
      const budget::population p = io::read_population_csv(text, d);
      return diagnostic_lines(d) + "--\n" + io::write_population_csv(p);
    }
    if (name.find("measurements") != std::string::npos) {
      const auto rows = io::read_outcomes_measurements(text, d);
      return diagnostic_lines(d) + "--\n" + io::write_outcomes_measurements(rows);
    }
    if (const std::size_t at = name.find("-care-"); at != std::string::npos) {
      // A case-management system's export: the care records its set imports to under the rules
      // beside it (<name>-care.rules), one file of each kind named <name>-care-<kind>.csv.
      const std::string stem = name.substr(0, at + 5);
      io::care_import_rules rules;
      io::read_care_import_rules(
          io::read_file((path.parent_path() / (stem + ".rules")).string()).value(), rules, d);
      io::care_import_texts texts;
      for (const std::string_view kind : io::care_import_files) {
        const result<std::string> t = io::read_file(
            (path.parent_path() / (stem + "-" + std::string(kind) + ".csv")).string());
        if (t) texts.emplace(kind, *t);
      }
      const io::care_import r = io::import_care(texts, io::care_import_options_from(rules, d), d);
      return diagnostic_lines(d) + "--\n" + io::write_care_records(r.records);
    }
    return "";
  }
  if (ext != ".json") return "";
  const std::size_t at = text.find("\"schema\"");
  if (at == std::string::npos) return "";
  const std::size_t open = text.find('"', text.find(':', at) + 1);
  const std::size_t close = text.find('"', open + 1);
  return json_meaning(text.substr(open + 1, close - open - 1), text);
}

/// Every input file under examples/ and data/, except JSON Schemas, prose, code and build files.
std::vector<fs::path> shipped_inputs() {
  std::vector<fs::path> out;
  for (const char* top : {"examples", "data"}) {
    for (const auto& e : fs::recursive_directory_iterator(source_dir / top)) {
      if (!e.is_regular_file()) continue;
      const fs::path rel = fs::relative(e.path(), source_dir);
      const std::string ext = rel.extension().string();
      if (ext != ".json" && ext != ".jsonl" && ext != ".csv") continue;
      if (rel.string().starts_with("data/schema/")) continue;
      out.push_back(rel);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every shipped input file means today what it meant when its record was made") {
  const bool write = std::getenv("JOINEDUP_COMPAT_WRITE") != nullptr;
  const std::vector<fs::path> files = shipped_inputs();
  CHECK(files.size() >= 40);
  for (const fs::path& rel : files) {
    CAPTURE(rel.string());
    const std::string meaning = meaning_of(source_dir / rel);
    CHECK_MESSAGE(!meaning.empty(), "no reader of the library takes this file: add it here");
    const fs::path record = source_dir / "tests/compat" / (rel.string() + ".meaning");
    if (write) {
      fs::create_directories(record.parent_path());
      std::ofstream(record, std::ios::binary) << meaning;
      continue;
    }
    const result<std::string> kept = io::read_file(record.string());
    REQUIRE_MESSAGE(kept.has_value(), "no record of this file's meaning in tests/compat/");
    CHECK(meaning == *kept);
  }
}
