// Tests for joinedup/report/table.hpp: one table rendered as text, JSON and CSV. Every expected
// output below was written out by hand from the rules in docs/formats.md ("Output: table, JSON,
// CSV"): two spaces between columns, numbers right-aligned, £ and thousands separators only in
// text, JSON numbers for integer/decimal/percent, strings for money and dates, null for empty.
#include "joinedup/report/table.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {
using joinedup::report::column_kind;
using joinedup::report::output_format;
using joinedup::report::render;
using joinedup::report::table;

/// Two partners' contributions: text, integer, money, percent, date and boolean columns.
table contributions() {
  table t;
  t.title = "Contributions";
  t.name = "contributions";
  t.columns = {{"partner", column_kind::text}, {"lines", column_kind::integer},
               {"amount", column_kind::money}, {"share", column_kind::percent},
               {"due", column_kind::date},     {"host", column_kind::boolean}};
  t.rows = {{"icb", "12", "1234567.50", "62.5", "2025-04-01", "true"},
            {"council", "3", "-0.05", "", "", "false"}};
  return t;
}
}  // namespace

TEST_CASE("table as text: title, header, numbers right-aligned, money with £ and commas") {
  // Widths: partner 7 ("council"); lines 5 ("lines"); amount 13 ("£1,234,567.50"); share 5
  // ("share", "62.5%"); due 10; host 4 ("host"). Right-aligned: lines, amount, share.
  CHECK(render(contributions(), output_format::table) ==
        "Contributions\n"
        "partner  lines         amount  share  due         host\n"
        "icb         12  £1,234,567.50  62.5%  2025-04-01  yes\n"
        "council      3         -£0.05                     no\n");
}

TEST_CASE("table as JSON: one document, typed values, null for empty") {
  const joinedup::diagnostics none;
  CHECK(render(contributions(), output_format::json,
               {.schema = "joinedup/test/v1", .diags = &none}) ==
        R"({
  "schema": "joinedup/test/v1",
  "name": "contributions",
  "title": "Contributions",
  "columns": [
    {
      "name": "partner",
      "kind": "text"
    },
    {
      "name": "lines",
      "kind": "integer"
    },
    {
      "name": "amount",
      "kind": "money"
    },
    {
      "name": "share",
      "kind": "percent"
    },
    {
      "name": "due",
      "kind": "date"
    },
    {
      "name": "host",
      "kind": "boolean"
    }
  ],
  "rows": [
    {
      "partner": "icb",
      "lines": 12,
      "amount": "1234567.50",
      "share": 62.5,
      "due": "2025-04-01",
      "host": true
    },
    {
      "partner": "council",
      "lines": 3,
      "amount": "-0.05",
      "share": null,
      "due": null,
      "host": false
    }
  ]
}
)");
}

TEST_CASE("table as JSON carries diagnostics when there are any") {
  table t;
  t.title = "T";
  t.columns = {{"x", column_kind::decimal}};
  t.rows = {{"0.5"}, {"not a number"}};
  joinedup::diagnostics d;
  d.error("core.money.syntax", "/1", "'x' is not money");
  // A decimal cell that is not a number is kept as a string, never dropped.
  CHECK(render(t, output_format::json, {.diags = &d}) ==
        R"({
  "title": "T",
  "columns": [
    {
      "name": "x",
      "kind": "decimal"
    }
  ],
  "rows": [
    {
      "x": 0.5
    },
    {
      "x": "not a number"
    }
  ],
  "diagnostics": [
    {
      "code": "core.money.syntax",
      "severity": "error",
      "path": "/1",
      "message": "'x' is not money"
    }
  ]
}
)");
}

TEST_CASE("table as CSV: RFC 4180 quoting, formulas neutralised, plain numbers kept") {
  table t;
  t.columns = {{"label", column_kind::text}, {"amount", column_kind::money}};
  t.rows = {{"a, b", "-12.50"}, {"say \"hi\"", "0.00"}, {"=HYPERLINK(\"x\")", ""}, {"-1", "3"},
            {"@SUM(A1)", "1"},  {"+44 20", "2"},        {"line\nbreak", "4"}};
  CHECK(render(t, output_format::csv) ==
        "label,amount\n"
        "\"a, b\",-12.50\n"
        "\"say \"\"hi\"\"\",0.00\n"
        "\"'=HYPERLINK(\"\"x\"\")\",\n"
        "-1,3\n"
        "'@SUM(A1),1\n"
        "'+44 20,2\n"
        "\"line\nbreak\",4\n");
}

TEST_CASE("an empty table in every format") {
  table t;
  t.title = "Nothing";
  t.columns = {{"a", column_kind::text}, {"b", column_kind::integer}};
  CHECK(render(t, output_format::table) == "Nothing\na  b\n(no rows)\n");
  CHECK(render(t, output_format::csv) == "a,b\n");
  CHECK(render(t, output_format::json) ==
        "{\n  \"title\": \"Nothing\",\n  \"columns\": [\n    {\n      \"name\": \"a\",\n"
        "      \"kind\": \"text\"\n    },\n    {\n      \"name\": \"b\",\n      \"kind\": "
        "\"integer\"\n    }\n  ],\n  \"rows\": []\n}\n");
}

TEST_CASE("non-ASCII text aligns by code points; invalid UTF-8 never throws") {
  table t;
  t.columns = {{"name", column_kind::text}, {"n", column_kind::integer}};
  // "Crème brûlée" has two two-byte letters and "£" is two bytes: each counts one column.
  t.rows = {{"Crème brûlée", "1"}, {"£", "22"}, {"abc", "333"}};
  CHECK(render(t, output_format::table) ==
        "name            n\n"
        "Crème brûlée    1\n"
        "£              22\n"
        "abc           333\n");
  CHECK(render(t, output_format::csv) == "name,n\nCrème brûlée,1\n£,22\nabc,333\n");
  table bad;
  bad.columns = {{"x", column_kind::text}};
  bad.rows = {{std::string("a\xFF", 2)}};
  std::string json;
  CHECK_NOTHROW(json = render(bad, output_format::json));
  CHECK(json.find("\"x\": \"a\xEF\xBF\xBD\"") != std::string::npos);  // U+FFFD
}

TEST_CASE("several tables: text one after another, JSON one document, CSV the first") {
  table a;
  a.name = "first";
  a.title = "First";
  a.columns = {{"x", column_kind::integer}};
  a.rows = {{"1"}};
  table b = a;
  b.name = "second";
  b.title = "Second";
  b.rows = {{"2"}};
  const std::vector<table> both = {a, b};
  CHECK(render(both, output_format::table) == "First\nx\n1\n\nSecond\nx\n2\n");
  CHECK(render(both, output_format::csv) == "x\n1\n");
  CHECK(render(std::vector<table>{}, output_format::csv).empty());
  const std::string json = render(both, output_format::json, {.schema = "joinedup/t/v1"});
  CHECK(json.rfind("{\n  \"schema\": \"joinedup/t/v1\",\n  \"tables\": [\n    {\n      \"name\": "
                   "\"first\",",
                   0) == 0);
  CHECK(json.find("\"name\": \"second\"") != std::string::npos);
  REQUIRE(joinedup::report::find_table(both, "second") != nullptr);
  CHECK(joinedup::report::find_table(both, "second")->title == "Second");
  CHECK(joinedup::report::find_table(both, "third") == nullptr);
}

TEST_CASE("rows from JSON objects: flattened members, kinds from values, exploded arrays") {
  // Two answers of `outcomes stats` shape and an error line.
  const table s = joinedup::report::table_from_json_objects(
      "stats", "Stats",
      {R"({"line":1,"value":65.0,"method":"Wilson","ok":true})",
       R"({"line":2,"value":3,"method":null})",
       R"({"line":3,"error":{"code":"x.y","message":"bad"}})", "not json"});
  REQUIRE(s.columns.size() == 7);
  CHECK(s.columns[0] == joinedup::report::column{"line", column_kind::integer});
  CHECK(s.columns[1] == joinedup::report::column{"value", column_kind::decimal});
  CHECK(s.columns[2] == joinedup::report::column{"method", column_kind::text});
  CHECK(s.columns[3] == joinedup::report::column{"ok", column_kind::boolean});
  CHECK(s.columns[4].name == "error.code");
  CHECK(s.columns[5].name == "error.message");
  CHECK(s.columns[6].name == "text");
  CHECK(s.rows[0] == std::vector<std::string>{"1", "65.0", "Wilson", "true", "", "", ""});
  CHECK(s.rows[1] == std::vector<std::string>{"2", "3", "", "", "", "", ""});
  CHECK(s.rows[2] == std::vector<std::string>{"3", "", "", "", "x.y", "bad", ""});
  CHECK(s.rows[3] == std::vector<std::string>{"", "", "", "", "", "", "not json"});

  // An `outcomes spc` shape: one row per point, the point's group joined in, the per-point
  // array "special_cause" left out, "warnings" kept as compact JSON.
  const table p = joinedup::report::table_from_json_objects(
      "spc", "SPC",
      {R"({"line":1,"groups":[{"mean":1.5}],"special_cause":["a","b"],)"
       R"("points":[{"index":1,"value":1,"group":1},{"index":2,"value":2,"group":1}],)"
       R"("variation":"common_cause","warnings":[{"code":"w"}]})"},
      "points");
  REQUIRE(p.columns.size() == 7);
  CHECK(p.columns[0].name == "line");
  CHECK(p.columns[1].name == "variation");
  CHECK(p.columns[2].name == "warnings");
  CHECK(p.columns[3].name == "index");
  CHECK(p.columns[4].name == "value");
  CHECK(p.columns[5].name == "group");
  CHECK(p.columns[6] == joinedup::report::column{"group.mean", column_kind::decimal});
  CHECK(p.rows.size() == 2);
  CHECK(p.rows[1] ==
        std::vector<std::string>{"1", "common_cause", R"([{"code":"w"}])", "2", "2", "1", "1.5"});
}
