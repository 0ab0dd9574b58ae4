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

/// ICB £200.00 and council £100.00 (host) for the lines, and £4.00 and £2.00 more that fund
/// the £6.00 risk pool (contributions 204 : 102, still 2 : 1). L1: council line, planned
/// £100.00; L2: NHS line, planned £200.00. Overspends proportional to contributions;
/// underspends retained in the pool.
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
  contribution a_pool;
  a_pool.partner = "icb";
  a_pool.source = "additional_nhs";
  a_pool.amount = m("4.00");
  contribution b_pool;
  b_pool.partner = "council";
  b_pool.source = "additional_la";
  b_pool.amount = m("2.00");
  f.contributions = {a, b, a_pool, b_pool};
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
  f.risk_share.risk_pool = m("6.00");
  f.risk_share.risk_pool_funding = {{"icb", m("4.00")}, {"council", m("2.00")}};
  return f;
}

// L1 overspends by £15.01: the risk pool meets £6.00, leaving £9.01 shared 204 : 102 = 2 : 1:
// 901p x 2/3 = 600.67 (.67), x 1/3 = 300.33 (.33); 1p to the ICB: ICB £6.01, council £3.00.
// L2 underspends by £0.50, retained in the pool. Variance 15.01 - 0.50 = £14.51 = shares 9.01
// + pool movements (6.00 - 0.50). Money: income 306.00 - planned 300.00 - pool used 6.00
// leaves nothing unspent; finals ICB 204.00 + 6.01 = 210.01, council 102.00 + 3.00 = 105.00;
// 210.01 + 105.00 = 315.01 = outturn 314.51 + 0.50 retained in the pool.
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
  // The figures of small_settlement(): the pool of £6.00 is funded and all used, nothing is
  // left unspent, and L2's £0.50 stays in the pool as its one disposition.
  const std::string expected_head =
      R"j({"schema":"joinedup/settlement/v1","fund":"Small \"test\" fund","financial_year":"2025-26",)j"
      R"j("as_of":"2025-12-31","variance":"14.51","income":"306.00","planned":"300.00",)j"
      R"j("outturn":"314.51","risk_pool":"6.00","risk_pool_funded":"6.00","risk_pool_used":"6.00",)j"
      R"j("unspent":"0.00",)j"
      R"j("partners":[{"partner":"icb","contribution":"204.00","share_of_variance":"6.01","final_contribution":"210.01","unspent_returned":"0.00"},)j"
      R"j({"partner":"council","contribution":"102.00","share_of_variance":"3.00","final_contribution":"105.00","unspent_returned":"0.00"}],)j"
      R"j("pool_movements":[{"amount":"6.00","reason":"overspends on variable lines met from the risk pool of £6.00 (all of it)"},)j"
      R"j({"amount":"-0.50","reason":"underspend on line L2 (Beds) retained in the pool"}],)j"
      R"j("dispositions":[{"kind":"retained_in_pool","amount":"0.50","line":"L2","reason":"underspend on line L2 (Beds) retained in the pool"}],)j"
      R"j("conserved":true,)j"
      R"j("lines":[{"line":"L1","scheme":"S1","description":"Reablement","risk_class":"variable",)j"
      R"j("planned":"100.00","outturn":"115.01","variance":"15.01","outturn_missing":false,)j"
      R"j("met_from_underspends":"0.00","met_from_risk_pool":"6.00","residual":"9.01",)j"
      R"j("rule":"proportional_to_contributions","shares":[{"partner":"icb","amount":"6.01"},)j"
      R"j({"partner":"council","amount":"3.00"}],"retained_in_pool":"0.00","not_allocated":"0.00","carried_forward":"0.00"},)j"
      R"j({"line":"L2","scheme":"S1","description":"Beds","risk_class":"variable",)j"
      R"j("planned":"200.00","outturn":"199.50","variance":"-0.50","outturn_missing":false,)j"
      R"j("met_from_underspends":"0.00","met_from_risk_pool":"0.00","residual":"-0.50",)j"
      R"j("rule":"retain_in_pool","shares":[],"retained_in_pool":"-0.50","not_allocated":"0.00","carried_forward":"0.00"}],)j"
      R"j("steps":[")j";
  CHECK(json.substr(0, expected_head.size()) == expected_head);
  CHECK(json.substr(json.size() - 2) == "]}");
  CHECK(json.find("Check: variance £14.51 = partners' shares £9.01 + pool movements £5.50") !=
        std::string::npos);
  CHECK(
      json.find("Money is conserved: final contributions £315.01 + met from outside the pool "
                "£0.00 = outturn £314.51 + carried forward £0.00 + retained in the pool £0.50.") !=
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
  // The risk pool meets £6.00 of L1's £15.01.
  const nlohmann::json* pool = nullptr;
  for (const nlohmann::json& record : doc["step_records"]) {
    if (record["kind"] == "risk_pool") pool = &record;
  }
  REQUIRE(pool != nullptr);
  CHECK(*pool == nlohmann::json::parse(R"({"kind": "risk_pool", "amount": "6.00",
      "risk_pool": "6.00", "uncovered": "15.01", "overspends": [{"line": "L1", "amount": "6.00"}]})"));
  // L1's remaining £9.01, 2 : 1: ICB £6.01, council £3.00.
  const nlohmann::json& l1 = doc["step_records"][5];
  CHECK(l1["kind"] == "line_overspend");
  CHECK(l1["line"] == "L1");
  CHECK(l1["rule"] == "proportional_to_contributions");
  CHECK(l1["sharing"]["basis"] == "contributions");
  CHECK(l1["sharing"]["amount"] == "9.01");
  CHECK(l1["sharing"]["shares"] == nlohmann::json::parse(R"([{"partner": "icb", "amount": "6.01"},
      {"partner": "council", "amount": "3.00"}])"));
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
        "kind,partner,contribution,share_of_variance,final_contribution,amount,reason,"
        "unspent_returned\n"
        "partner,icb,204.00,6.01,210.01,6.01,,0.00\n"
        "partner,council,102.00,3.00,105.00,3.00,,0.00\n"
        "pool_movement,,,,,6.00,overspends on variable lines met from the risk pool of £6.00 "
        "(all of it),\n"
        "pool_movement,,,,,-0.50,underspend on line L2 (Beds) retained in the pool,\n"
        "retained_in_pool,,,,,0.50,underspend on line L2 (Beds) retained in the pool,\n");
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
      "Test ICB           £204.00              £6.01             £210.01\n"
      "Test Council       £102.00              £3.00             £105.00\n"
      "------------  ------------  -----------------  ------------------\n"
      "Total              £306.00              £9.01             £315.01\n"
      "\n"
      "Pool movements\n"
      "Amount  Reason\n"
      " £6.00  overspends on variable lines met from the risk pool of £6.00 (all of it)\n"
      "-£0.50  underspend on line L2 (Beds) retained in the pool\n"
      " £5.50  Total\n"
      "\n"
      "Check: variance £14.51 = partners' shares £9.01 + pool movements £5.50\n"
      "\n"
      "Income £306.00, outturn £314.51, unspent income £0.00\n"
      "Dispositions\n"
      "Amount  Kind               Reason\n"
      " £0.50  retained_in_pool   underspend on line L2 (Beds) retained in the pool\n"
      "Check: final contributions £315.01 + from outside the pool £0.00 = outturn £314.51 + "
      "carried forward\n"
      "       £0.00 + retained in the pool £0.50\n"
      "\n"
      "Steps\n"
      " 1. Settlement of Small \"test\" fund for 2025-26";
  CHECK(table.substr(0, expected_head.size()) == expected_head);
  // At year end the outturn is not called a forecast; with no pool movements it says so.
  pooled_fund g = small_fund();
  g.risk_share.risk_pool = money{};
  g.risk_share.risk_pool_funding.clear();
  g.risk_share.default_rule.underspend = underspend_rule::return_pro_rata;
  const std::string year_end = joinedup::io::settlement_to_table(
      small_settlement(g), g, std::chrono::year{2026} / std::chrono::March / std::chrono::day{31});
  CHECK(year_end.find("as of 2026-03-31\n") != std::string::npos);
  CHECK(year_end.find("Pool movements\n  none\n") != std::string::npos);
}
