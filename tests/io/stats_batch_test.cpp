// Tests for joinedup/io/stats_batch.hpp: answering `outcomes stats` a block at a time gives the
// same bytes as answering line by line (answer_stats_line), over a checked-in mixed file
// (tests/data/outcomes-batch-mixed.jsonl: plain requests, refused ones, other methods, unknown
// members, duplicate keys, bad JSON), the examples file and a generated sweep of requests.
#include "joinedup/io/stats_batch.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "joinedup/io/outcomes.hpp"

namespace {

/// The non-blank lines of a file, numbered from 1 as the CLI numbers them.
std::vector<joinedup::io::stats_line> lines_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::vector<joinedup::io::stats_line> out;
  std::string text;
  std::size_t n = 0;
  while (std::getline(in, text)) {
    ++n;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    out.push_back({text, n, {}, true});
  }
  return out;
}

/// Answers `lines` in blocks of `size` and checks each answer and ok flag against
/// answer_stats_line.
void check_blocks(std::vector<joinedup::io::stats_line> lines, std::size_t size) {
  for (std::size_t start = 0; start < lines.size(); start += size) {
    const std::size_t count = std::min(size, lines.size() - start);
    joinedup::io::answer_stats_block(std::span(lines).subspan(start, count));
  }
  for (const joinedup::io::stats_line& l : lines) {
    bool ok = true;
    const std::string expected = joinedup::io::answer_stats_line(l.request, l.line, ok);
    INFO(l.request);
    CHECK(l.answer == expected);
    CHECK(l.ok == ok);
  }
}

/// Deterministic choices for the generated requests.
struct lcg {
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  std::size_t pick(std::size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % n);
  }
};

}  // namespace

TEST_CASE("stats blocks answer the mixed file byte for byte as line by line") {
  const std::string dir = JOINEDUP_SOURCE_DIR;
  const auto mixed = lines_of(dir + "/tests/data/outcomes-batch-mixed.jsonl");
  REQUIRE(mixed.size() == 21);
  for (std::size_t size : {std::size_t{1}, std::size_t{3}, std::size_t{4096}})
    check_blocks(mixed, size);
  check_blocks(lines_of(dir + "/examples/data/outcomes-stats.jsonl"), 4096);
}

TEST_CASE("stats blocks: the answers of plain requests, checked by hand") {
  // 65 of 100 at 95 % (tests/outcomes/statistics_test.cpp): 55.25444329688797 to
  // 73.635751756902465; 0 of 10: 0 to z²/(10 + z²) = 0.2775327998628892.
  std::vector<joinedup::io::stats_line> lines = {
      {R"({"method":"proportion","numerator":65,"denominator":100,"multiplier":100})", 1, {}, true},
      {R"({"method":"proportion","numerator":0,"denominator":10,"id":"a"})", 2, {}, true},
      {R"({"method":"proportion","numerator":11,"denominator":10})", 3, {}, true}};
  joinedup::io::answer_stats_block(lines);
  CHECK(lines[0].answer ==
        R"({"line":1,"value":65.0,"lower":55.25444329688797,"upper":73.63575175690247,)"
        R"("confidence":"95%","statistic":"percentage","method":"Wilson","numerator":65.0,)"
        R"("denominator":100.0})");
  CHECK(lines[1].answer ==
        R"({"line":2,"id":"a","value":0.0,"lower":0.0,"upper":0.2775327998628892,)"
        R"("confidence":"95%","statistic":"proportion of 1","method":"Wilson","numerator":0.0,)"
        R"("denominator":10.0})");
  CHECK(!lines[2].ok);
  CHECK(lines[2].answer.find("outcomes.stats.numerator_exceeds_denominator") != std::string::npos);
}

TEST_CASE("stats blocks answer a generated sweep byte for byte as line by line") {
  const std::vector<std::string> methods = {"proportion", "crude_rate", "proportion",
                                            "crude_rate", "count",      "crude"};
  const std::vector<std::string> numbers = {"0",
                                            "1",
                                            "2",
                                            "5",
                                            "9",
                                            "9.5",
                                            "10",
                                            "11",
                                            "25",
                                            "100",
                                            "999",
                                            "0.5",
                                            "2.5",
                                            "1e2",
                                            "-0",
                                            "-1",
                                            "3.0",
                                            "1E1",
                                            "4e-3",
                                            "null",
                                            "1e-5",
                                            "12345678901234567890",
                                            "99999999999999999999",
                                            "1e400",
                                            "01",
                                            "1.",
                                            "\"3\"",
                                            "true",
                                            "1e308",
                                            "4.9e-324"};
  const std::vector<std::string> denominators = {"1000",   "50000", "10",   "3",    "1",  "2.5",
                                                 "1e6",    "null",  "0",    "-1",   "25", "100",
                                                 "1e-300", "7",     "9.99", "5e15", "-0"};
  const std::vector<std::string> confidences = {"",
                                                "",
                                                "",
                                                "0.95",
                                                "95",
                                                "0.9",
                                                "1",
                                                "null",
                                                "[0.95,0.998]",
                                                "[0.95]",
                                                "[]",
                                                "99.8",
                                                "0.998",
                                                "0.5",
                                                "[0.9,0.998]",
                                                "[0.95, 0.998 ]",
                                                "\"0.95\"",
                                                "[0.95,0.998,1]",
                                                "0.975"};
  const std::vector<std::string> multipliers = {"",    "",     "",  "1",  "100",  "100000", "1e5",
                                                "2.5", "null", "0", "-3", "1000", "\"x\"",  "1e-3"};
  const std::vector<std::string> ids = {"",
                                        "",
                                        "",
                                        "\"a1\"",
                                        "7",
                                        "\"x y/z\"",
                                        "\"caf\\u00e9\"",
                                        "\"a\\\"b\"",
                                        "\"0\"",
                                        "18446744073709551615",
                                        "99999999999999999999",
                                        "-3",
                                        "1.5",
                                        "null",
                                        "{\"k\":1}",
                                        "\"\""};
  lcg rng;
  std::vector<joinedup::io::stats_line> lines;
  for (std::size_t k = 0; k < 6000; ++k) {
    std::vector<std::string> members = {
        "\"method\":\"" + methods[rng.pick(methods.size())] + "\"",
        "\"numerator\":" + numbers[rng.pick(numbers.size())],
        "\"denominator\":" + denominators[rng.pick(denominators.size())]};
    if (const std::string& c = confidences[rng.pick(confidences.size())]; !c.empty())
      members.push_back("\"confidence\":" + c);
    if (const std::string& m = multipliers[rng.pick(multipliers.size())]; !m.empty())
      members.push_back("\"multiplier\":" + m);
    if (const std::string& i = ids[rng.pick(ids.size())]; !i.empty())
      members.push_back("\"id\":" + i);
    if (rng.pick(50) == 0) members.push_back("\"extra\":1");
    if (rng.pick(60) == 0) members.erase(members.begin() + 1);  // no numerator
    // Shuffle the members and vary the spacing.
    for (std::size_t i = members.size(); i > 1; --i)
      std::swap(members[i - 1], members[rng.pick(i)]);
    const std::string separator = rng.pick(3) == 0 ? " ,\t" : ",";
    std::string text = "{";
    for (std::size_t i = 0; i < members.size(); ++i)
      text += (i ? separator : "") + members[i];
    text += "}";
    switch (rng.pick(40)) {
      case 0:
        text.pop_back();  // unterminated
        break;
      case 1:
        text = " " + text + " \r";
        break;
      case 2:
        text += " x";  // trailing text
        break;
      default:
        break;
    }
    lines.push_back({text, k + 1, {}, true});
  }
  check_blocks(lines, 4096);
  check_blocks(lines, 5);
}
