// Tests for joinedup/report/board_pack.hpp: the board pack's HTML page and its tables. Expected
// coordinates are worked by hand from the layout constants in src/report/board_pack.cpp (an SPC
// chart 640 × 270 with margins 64/16/12/56; a bar chart 640 wide with a 190 px label column and
// 96 px on the right) and the XmR method of outcomes::analyse_spc (mean, AMR, mean ± 2.66 AMR).
#include "joinedup/report/board_pack.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace joinedup;

namespace {

/// Counts the times `needle` occurs in `hay`.
std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
    ++n;
  return n;
}

/// A pack of one section holding `block`.
report::board_pack pack_of(report::pack_block block) {
  report::board_pack p;
  p.title = "Test pack";
  p.area = "Testshire";
  p.sections.push_back(report::pack_section{.id = "s", .title = "Section", .blocks = {}});
  p.sections.back().blocks.push_back(std::move(block));
  return p;
}

}  // namespace

TEST_CASE("board pack: an SPC chart's mean and process limits where the XmR method puts them") {
  // Values 1, 3, 2, 4, 3: mean 13/5 = 2.6; moving ranges 2, 1, 2, 1, so AMR 1.5; UPL 2.6 +
  // 2.66 × 1.5 = 6.59, LPL 2.6 − 3.99 = −1.39. The y axis: 5 ticks over [−1.39, 6.59] step 2
  // (7.98 / 5 = 1.596, rounded up to 2), so −2 to 8; the plot is 202 px high from y = 12, so
  // y(v) = 12 + 202 × (8 − v) / 10: mean 121.08, UPL 40.48, LPL 201.68. x runs 64 to 624.
  const std::vector<double> values{1, 3, 2, 4, 3};
  const result<outcomes::spc_result> spc = outcomes::analyse_spc(values, {});
  REQUIRE(spc);
  report::spc_chart c;
  c.id = "spc-1";
  c.title = "Falls";
  c.description = "Five points of a test series";
  c.labels = {"P1", "P2", "P3", "P4", "P5"};
  c.spc = *spc;
  c.data =
      report::table{"Falls", {{"period"}, {"value", report::column_kind::decimal}}, {}, "falls"};
  for (std::size_t i = 0; i < values.size(); ++i)
    c.data.rows.push_back({c.labels[i], std::to_string(values[i])});
  const std::string html = report::render_html(pack_of(c));
  CHECK(html.find("class=\"mean\" x1=\"64.00\" x2=\"624.00\" y1=\"121.08\" y2=\"121.08\"") !=
        std::string::npos);
  CHECK(html.find("class=\"limit\" x1=\"64.00\" x2=\"624.00\" y1=\"40.48\" y2=\"40.48\"") !=
        std::string::npos);
  CHECK(html.find("class=\"limit\" x1=\"64.00\" x2=\"624.00\" y1=\"201.68\" y2=\"201.68\"") !=
        std::string::npos);
  // Five common-cause points, in Making Data Count grey; the first at (64, 12 + 202 × 0.7).
  CHECK(count(html, "<circle class=\"point common_cause\"") == 5);
  CHECK(count(html, "fill=\"#a6a6a6\"><title>") == 5);
  CHECK(html.find("cx=\"64.00\" cy=\"153.40\"") != std::string::npos);
  // The text alternative and the data table beside the chart.
  CHECK(html.find("role=\"img\" aria-labelledby=\"spc-1-title spc-1-desc\"") != std::string::npos);
  CHECK(html.find("<desc id=\"spc-1-desc\">Five points of a test series</desc>") !=
        std::string::npos);
  CHECK(html.find("<div class=\"chart-data\"><div class=\"table-wrap\"><table class=\"data small\" "
                  "id=\"t-falls\">") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("board pack: special-cause points and icons take the Making Data Count colours") {
  // Seven points above the mean after a run below: a shift is special cause; with higher better
  // it is improvement, coloured #00b0f0.
  const std::vector<double> values{5, 4, 5, 4, 5, 4, 5, 9, 9, 9, 9, 9, 9, 9};
  outcomes::spc_options o;
  o.direction = outcomes::improvement_direction::increase;
  const result<outcomes::spc_result> spc = outcomes::analyse_spc(values, o);
  REQUIRE(spc);
  report::spc_chart c;
  c.id = "spc-2";
  c.spc = *spc;
  c.labels.assign(values.size(), "p");
  const std::string html = report::render_html(pack_of(c));
  CHECK(count(html, "<circle class=\"point improvement\"") >= 7);
  CHECK(count(html, "fill=\"#00b0f0\"><title>") >= 7);
  CHECK(html.find("Special cause: improvement") != std::string::npos);

  const std::string up = report::variation_icon_svg(outcomes::variation_icon::improvement_high);
  CHECK(up.find("stroke=\"#00b0f0\"") != std::string::npos);
  CHECK(up.find(">H</text>") != std::string::npos);
  const std::string low = report::variation_icon_svg(outcomes::variation_icon::concern_low);
  CHECK(low.find("stroke=\"#e46c0a\"") != std::string::npos);
  CHECK(low.find(">L</text>") != std::string::npos);
  const std::string neutral = report::variation_icon_svg(outcomes::variation_icon::neutral_high);
  CHECK(neutral.find("stroke=\"#490092\"") != std::string::npos);
  const std::string fail = report::assurance_icon_svg(outcomes::assurance_icon::consistent_fail);
  CHECK(fail.find(">F</text>") != std::string::npos);
  CHECK(fail.find("stroke=\"#e46c0a\"") != std::string::npos);
  const std::string pass = report::assurance_icon_svg(outcomes::assurance_icon::consistent_pass);
  CHECK(pass.find(">P</text>") != std::string::npos);
  CHECK(report::assurance_icon_svg(outcomes::assurance_icon::inconsistent).find(">?</text>") !=
        std::string::npos);
}

TEST_CASE("board pack: bars are as long as their values, with the plan as a marker") {
  // Values 50 and 100 on an axis 0 to 100 (4 ticks: 100 / 4 = 25, rounded up to 50) over a plot
  // 640 − 190 − 96 = 354 px wide: 177 px and 354 px. The marker at 80 is at 190 + 283.2.
  report::bar_chart b{.id = "b",
                      .title = "Spend",
                      .description = "Two schemes",
                      .value_name = "Outturn",
                      .compare_name = "Plan",
                      .bars = {{"A", 50, "£50.00"}, {"B", 100, "£100.00", 80, "£80.00"}},
                      .data = {"Spend", {{"scheme"}}, {{"A"}, {"B"}}, "spend"}};
  const std::string html = report::render_html(pack_of(b));
  CHECK(html.find("width=\"177.00\"") != std::string::npos);
  CHECK(html.find("width=\"354.00\"") != std::string::npos);
  CHECK(html.find("<line class=\"marker\" x1=\"473.20\" x2=\"473.20\"") != std::string::npos);
  CHECK(html.find("<title>B: £100.00; Plan £80.00</title>") != std::string::npos);
  CHECK(count(html, "<g class=\"bar\">") == 2);
}

TEST_CASE("board pack: text is escaped, bad bytes replaced, and no script can get in") {
  report::board_pack p = pack_of(report::text_block{
      .items = {"<script>alert(1)</script> & \"q\"", std::string("bad \xff byte\x01")}});
  p.title = "<b>Pack</b>";
  const std::string html = report::render_html(p);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;") !=
        std::string::npos);
  CHECK(html.find("bad \xEF\xBF\xBD byte\xEF\xBF\xBD") != std::string::npos);
  CHECK(html.find("<title>&lt;b&gt;Pack&lt;/b&gt;</title>") != std::string::npos);
}

TEST_CASE("board pack: an incomplete section is said at the top and in the section") {
  report::board_pack p = pack_of(report::key_figures{{{"Income", "£1.00"}}});
  CHECK(p.complete());
  CHECK(report::render_html(p).find("id=\"incomplete\"") == std::string::npos);
  p.sections[0].complete = false;
  p.sections[0].diags.error("budget.ledger.amount", "", "line 7: amount 'x' is not money");
  CHECK_FALSE(p.complete());
  const std::string html = report::render_html(p);
  CHECK(html.find("id=\"incomplete\"") != std::string::npos);
  CHECK(html.find("these sections are not complete: Section.") != std::string::npos);
  CHECK(html.find("<code>budget.ledger.amount</code>") != std::string::npos);
}

TEST_CASE("board pack: every table, named by section and unique, with the diagnostics") {
  report::board_pack p;
  report::pack_section s{.id = "fund", .title = "Fund", .blocks = {}};
  s.blocks.push_back(report::key_figures{{{"Income", "£1.00", "", report::figure_status::good}}});
  s.blocks.push_back(report::table_block{report::table{"A", {{"x"}}, {{"1"}, {"2"}}, "t"}, 1});
  s.blocks.push_back(report::table_block{report::table{"B", {{"x"}}, {{"3"}}, "t"}});
  s.diags.warning("budget.x", "/a", "something");
  p.sections.push_back(s);
  const std::vector<report::table> t = report::pack_tables(p);
  REQUIRE(t.size() == 4);
  CHECK(t[0].name == "fund_key_figures");
  CHECK(t[0].rows == std::vector<std::vector<std::string>>{{"Income", "£1.00", "", "good"}});
  CHECK(t[1].name == "fund_t");
  CHECK(t[1].rows.size() == 2);  // the page shows one row; the tables hold both
  CHECK(t[2].name == "fund_t_2");
  CHECK(t[3].name == "diagnostics");
  CHECK(t[3].rows ==
        std::vector<std::vector<std::string>>{{"budget.x", "warning", "/a", "Fund: something"}});
  // The page shows the first row of A and says how many there are.
  CHECK(report::render_html(p).find("1 of 2 rows shown") != std::string::npos);
}
