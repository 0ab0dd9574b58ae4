// Tests for joinedup/io/settlement.hpp: a settlement as JSON, CSV and a board-paper table.
#include "joinedup/io/settlement.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

using joinedup::money;
using namespace joinedup::budget;

money m(const char* text) {
  return money::parse(text).value();
}

/// ICB £200.00 and council £100.00 (host). L1: council line, planned £100.00; L2: NHS line,
/// planned £200.00. Overspends proportional to contributions; underspends retained in the pool;
/// risk pool £5.00.
pooled_fund small_fund() {
  pooled_fund f;
  f.name = "Small \"test\" fund";
  f.year = joinedup::financial_year::starting(2025);
  partner icb;
  icb.id = "icb";
  icb.name = "Test ICB";
  icb.kind = partner_kind::icb;
  partner council;
  council.id = "council";
  council.name = "Test Council";
  council.kind = partner_kind::council;
  f.partners = {icb, council};
  f.host = "council";
  contribution a;
  a.partner = "icb";
  a.source = "nhs_minimum";
  a.amount = m("200.00");
  contribution b;
  b.partner = "council";
  b.source = "la_better_care_grant";
  b.amount = m("100.00");
  f.contributions = {a, b};
  expenditure_line l1;
  l1.id = "L1";
  l1.scheme = "S1";
  l1.description = "Reablement";
  l1.commissioner = commissioner_kind::local_authority;
  l1.source = "la_better_care_grant";
  l1.planned = m("100.00");
  expenditure_line l2 = l1;
  l2.id = "L2";
  l2.description = "Beds";
  l2.commissioner = commissioner_kind::nhs;
  l2.source = "nhs_minimum";
  l2.planned = m("200.00");
  f.lines = {l1, l2};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::retain_in_pool};
  f.risk_share.risk_pool = m("5.00");
  return f;
}

// L1 overspends by £15.01: the risk pool meets £5.00, leaving £10.01 shared 2 : 1:
// 1,001p x 2/3 = 667.33 (.33), x 1/3 = 333.67 (.67); 1p to the council: ICB £6.67, council
// £3.34. L2 underspends by £0.50, retained in the pool. Variance 15.01 - 0.50 = £14.51 =
// shares 10.01 + pool movements (5.00 - 0.50).
settlement small_settlement(const pooled_fund& f) {
  return settle(f, {{"L1", m("115.01")}, {"L2", m("199.50")}});
}

/// The decimal strings of every `"key":"…"` in `text` (compact JSON).
std::vector<money> amounts(const std::string& text, const std::string& key) {
  std::vector<money> out;
  const std::string needle = "\"" + key + "\":\"";
  std::size_t pos = 0;
  while ((pos = text.find(needle, pos)) != std::string::npos) {
    pos += needle.size();
    const std::size_t end = text.find('"', pos);
    out.push_back(money::parse(text.substr(pos, end - pos)).value());
  }
  return out;
}

/// The text between `open` and the matching close of the array it starts.
std::string section(const std::string& text, const std::string& open) {
  const std::size_t start = text.find(open);
  REQUIRE(start != std::string::npos);
  int depth = 0;
  for (std::size_t i = start + open.size() - 1; i < text.size(); ++i) {
    if (text[i] == '[') ++depth;
    if (text[i] == ']' && --depth == 0) return text.substr(start, i - start + 1);
  }
  return {};
}

}  // namespace

TEST_CASE("settlement JSON has the documented shape, money as decimal strings") {
  const pooled_fund f = small_fund();
  const settlement s = small_settlement(f);
  const std::string json = joinedup::io::settlement_to_json(
      s, f, std::chrono::year{2025} / std::chrono::December / std::chrono::day{31}, -1);
  const std::string expected_head =
      R"j({"schema":"joinedup/settlement/v1","fund":"Small \"test\" fund","financial_year":"2025-26",)j"
      R"j("as_of":"2025-12-31","variance":"14.51",)j"
      R"j("partners":[{"partner":"icb","contribution":"200.00","share_of_variance":"6.67","final_contribution":"206.67"},)j"
      R"j({"partner":"council","contribution":"100.00","share_of_variance":"3.34","final_contribution":"103.34"}],)j"
      R"j("pool_movements":[{"amount":"5.00","reason":"overspends on variable lines met from the risk pool of £5.00 (all of it)"},)j"
      R"j({"amount":"-0.50","reason":"underspend on line L2 (Beds) retained in the pool"}],)j"
      R"j("lines":[{"line":"L1","scheme":"S1","description":"Reablement","risk_class":"variable",)j"
      R"j("planned":"100.00","outturn":"115.01","variance":"15.01","outturn_missing":false,)j"
      R"j("met_from_underspends":"0.00","met_from_risk_pool":"5.00","residual":"10.01",)j"
      R"j("rule":"proportional_to_contributions","shares":[{"partner":"icb","amount":"6.67"},)j"
      R"j({"partner":"council","amount":"3.34"}],"retained_in_pool":"0.00","not_allocated":"0.00"},)j"
      R"j({"line":"L2","scheme":"S1","description":"Beds","risk_class":"variable",)j"
      R"j("planned":"200.00","outturn":"199.50","variance":"-0.50","outturn_missing":false,)j"
      R"j("met_from_underspends":"0.00","met_from_risk_pool":"0.00","residual":"-0.50",)j"
      R"j("rule":"retain_in_pool","shares":[],"retained_in_pool":"-0.50","not_allocated":"0.00"}],)j"
      R"j("steps":[")j";
  CHECK(json.substr(0, expected_head.size()) == expected_head);
  CHECK(json.substr(json.size() - 2) == "]}");
  CHECK(json.find("Check: variance £14.51 = partners' shares £10.01 + pool movements £4.50") !=
        std::string::npos);
}

TEST_CASE("settlement JSON has the steps as sentences and as records") {
  const pooled_fund f = small_fund();
  const settlement s = small_settlement(f);
  const nlohmann::json doc = nlohmann::json::parse(joinedup::io::settlement_to_json(s, f));
  REQUIRE(doc["steps"].is_array());
  REQUIRE(doc["step_records"].is_array());
  REQUIRE(doc["step_records"].size() == doc["steps"].size());
  REQUIRE(doc["steps"].size() == s.steps.size());
  // Planned 100.00 + 200.00, outturn 115.01 + 199.50, variance 14.51.
  CHECK(doc["step_records"][0] == nlohmann::json::parse(R"({"kind": "opening",
      "planned": "300.00", "outturn": "314.51", "variance": "14.51"})"));
  for (const nlohmann::json& record : doc["step_records"])
    CHECK(record["kind"].is_string());
  // The risk pool meets £5.00 of L1's £15.01.
  const nlohmann::json* pool = nullptr;
  for (const nlohmann::json& record : doc["step_records"]) {
    if (record["kind"] == "risk_pool") pool = &record;
  }
  REQUIRE(pool != nullptr);
  CHECK(*pool == nlohmann::json::parse(R"({"kind": "risk_pool", "amount": "5.00",
      "risk_pool": "5.00", "uncovered": "15.01", "overspends": [{"line": "L1", "amount": "5.00"}]})"));
  // L1's remaining £10.01, 2 : 1: ICB £6.67, council £3.34.
  const nlohmann::json& l1 = doc["step_records"][5];
  CHECK(l1["kind"] == "line_overspend");
  CHECK(l1["line"] == "L1");
  CHECK(l1["rule"] == "proportional_to_contributions");
  CHECK(l1["sharing"]["basis"] == "contributions");
  CHECK(l1["sharing"]["amount"] == "10.01");
  CHECK(l1["sharing"]["shares"] == nlohmann::json::parse(R"([{"partner": "icb", "amount": "6.67"},
      {"partner": "council", "amount": "3.34"}])"));
  CHECK(!l1["sharing"].contains("problem"));  // none is left out
}

TEST_CASE("settlement JSON without an as-of date leaves it out") {
  const pooled_fund f = small_fund();
  const std::string json = joinedup::io::settlement_to_json(small_settlement(f), f);
  CHECK(json.find("\"as_of\"") == std::string::npos);
  CHECK(json.find("\"schema\": \"joinedup/settlement/v1\"") != std::string::npos);  // indented
}

TEST_CASE("the identity is visible in the JSON") {
  for (const char* l1 : {"115.01", "80.00", "100.00", "1000000.03"}) {
    CAPTURE(l1);
    const pooled_fund f = small_fund();
    const settlement s = settle(f, {{"L1", m(l1)}, {"L2", m("199.99")}});
    const std::string json = joinedup::io::settlement_to_json(s, f, std::nullopt, -1);
    const std::vector<money> variance = amounts(json, "variance");
    REQUIRE(!variance.empty());
    money shares;
    for (const money x : amounts(section(json, "\"partners\":["), "share_of_variance"))
      shares += x;
    money pool;
    for (const money x : amounts(section(json, "\"pool_movements\":["), "amount"))
      pool += x;
    CHECK(variance[0] == shares + pool);
    const std::vector<money> contributions =
        amounts(section(json, "\"partners\":["), "contribution");
    const std::vector<money> share_list =
        amounts(section(json, "\"partners\":["), "share_of_variance");
    const std::vector<money> finals =
        amounts(section(json, "\"partners\":["), "final_contribution");
    REQUIRE(contributions.size() == 2);
    for (std::size_t i = 0; i < 2; ++i)
      CHECK(finals[i] == contributions[i] + share_list[i]);
  }
}

TEST_CASE("settlement CSV: one row per partner and per pool movement") {
  const pooled_fund f = small_fund();
  const std::string csv = joinedup::io::settlement_to_csv(small_settlement(f));
  CHECK(csv ==
        "kind,partner,contribution,share_of_variance,final_contribution,amount,reason\n"
        "partner,icb,200.00,6.67,206.67,6.67,\n"
        "partner,council,100.00,3.34,103.34,3.34,\n"
        "pool_movement,,,,,5.00,overspends on variable lines met from the risk pool of £5.00 "
        "(all of it)\n"
        "pool_movement,,,,,-0.50,underspend on line L2 (Beds) retained in the pool\n");
}

TEST_CASE("settlement table for a board paper") {
  const pooled_fund f = small_fund();
  const std::string table = joinedup::io::settlement_to_table(
      small_settlement(f), f,
      std::chrono::year{2025} / std::chrono::October / std::chrono::day{31});
  const std::string expected_head =
      "Settlement of Small \"test\" fund, 2025-26, as of 2025-10-31 (forecast outturn)\n"
      "Planned £300.00, outturn £314.51, variance £14.51 (overspend)\n"
      "\n"
      "Partner       Contribution  Share of variance  Final contribution\n"
      "------------  ------------  -----------------  ------------------\n"
      "Test ICB           £200.00              £6.67             £206.67\n"
      "Test Council       £100.00              £3.34             £103.34\n"
      "------------  ------------  -----------------  ------------------\n"
      "Total              £300.00             £10.01             £310.01\n"
      "\n"
      "Pool movements\n"
      "Amount  Reason\n"
      " £5.00  overspends on variable lines met from the risk pool of £5.00 (all of it)\n"
      "-£0.50  underspend on line L2 (Beds) retained in the pool\n"
      " £4.50  Total\n"
      "\n"
      "Check: variance £14.51 = partners' shares £10.01 + pool movements £4.50\n"
      "\n"
      "Steps\n"
      " 1. Settlement of Small \"test\" fund for 2025-26";
  CHECK(table.substr(0, expected_head.size()) == expected_head);
  // At year end the outturn is not called a forecast; with no pool movements it says so.
  pooled_fund g = small_fund();
  g.risk_share.risk_pool = money{};
  g.risk_share.default_rule.underspend = underspend_rule::return_pro_rata;
  const std::string year_end = joinedup::io::settlement_to_table(
      small_settlement(g), g, std::chrono::year{2026} / std::chrono::March / std::chrono::day{31});
  CHECK(year_end.find("as of 2026-03-31\n") != std::string::npos);
  CHECK(year_end.find("Pool movements\n  none\n") != std::string::npos);
}
