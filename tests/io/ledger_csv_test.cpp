// Tests for joinedup/io/ledger_csv.hpp: the streaming ledger CSV reader. Every bad row is a
// diagnostic with its path and line; control totals; RFC 4180 quoting; any block split gives
// the same result as the whole file.
#include "joinedup/io/ledger_csv.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using joinedup::diagnostics;
using joinedup::financial_year;
using joinedup::money;
using joinedup::severity;
using namespace joinedup::budget;
using namespace joinedup::io;
using namespace std::chrono;

namespace {

money gbp(std::int64_t pence) {
  return money::from_pence(pence);
}

/// A fund of 2025-26 with lines L1, L2 and "L 3" (ids are matched exactly).
pooled_fund fund() {
  pooled_fund f;
  f.year = financial_year::starting(2025);
  f.partners = {{"icb", "ICB", partner_kind::icb, "QZX", ""}};
  f.contributions = {{"icb", "nhs_minimum", gbp(100'000'000), {}}};
  for (const char* id : {"L1", "L2", "L 3"}) {
    expenditure_line l;
    l.id = id;
    l.scheme = "S1";
    l.source = "nhs_minimum";
    l.planned = gbp(10'000'000);
    f.lines.push_back(l);
  }
  return f;
}

std::string codes(const diagnostics& d) {
  std::string out;
  for (const joinedup::diagnostic& x : d)
    out += x.code + "@" + x.path + ":" + std::to_string(x.line.value_or(0)) + " ";
  return out;
}

}  // namespace

TEST_CASE("ledger CSV: a clean file in the documented column order") {
  const pooled_fund f = fund();
  const std::string csv =
      "date,line,amount,kind,reference\n"
      "2025-04-30,L1,1234.56,actual,INV-1\n"
      "2025-05-31,L2,(12.00),adjustment,JNL-2\n"
      "2025-06-30,L1,500,commitment,PO-3\n"
      "2026-03-31,L 3,0.5,accrual,ACC-4\n";
  diagnostics d;
  const ledger_load load = read_ledger_csv(csv, f, d);
  CHECK(d.empty());
  // Control: 4 rows, all accepted; 1,234.56 - 12.00 + 500.00 + 0.50 = 1,723.06.
  CHECK(load.control.rows_read == 4);
  CHECK(load.control.rows_accepted == 4);
  CHECK(load.control.rows_rejected == 0);
  CHECK(load.control.total == gbp(172'306));
  CHECK(load.control.by_kind[transaction_kind::actual] == gbp(123'456));
  CHECK(load.control.by_kind[transaction_kind::adjustment] == gbp(-1'200));
  CHECK(load.control.by_kind[transaction_kind::commitment] == gbp(50'000));
  CHECK(load.control.by_kind[transaction_kind::accrual] == gbp(50));
  CHECK(load.summary.spend_to_date(0, 2025y / June / 30d) == gbp(123'456));
  CHECK(load.summary.commitments_outstanding(0, 2025y / June / 30d) == gbp(50'000));
  CHECK(load.summary.in_month(1, f.year.month(2)).spend() == gbp(-1'200));
  CHECK(load.summary.in_month(2, f.year.month(12)).spend() == gbp(50));
}

TEST_CASE("ledger CSV: columns in any order, quoting, CRLF, BOM, extra column") {
  const pooled_fund f = fund();
  std::vector<transaction> seen;
  ledger_csv_options opt;
  opt.on_transaction = [&seen](const transaction& t) { seen.push_back(t); };
  const std::string csv =
      "\xEF\xBB\xBF"
      "\"Reference\", KIND ,amount,Line,date,cost_centre\r\n"
      "\"JNL 17, recharge\",actual,\"1,000.00\",\"L1\",2025-07-01,CC1\r\n"
      "\"said \"\"hello\"\"\",accrual, 2.50 ,L2,2025-07-02,\r\n"
      "\"two\nlines\",Actual,\xC2\xA3"
      "3.00,L1,2025-07-03,CC2\r\n"
      "last,adjustment,-1.00,L1,2025-07-04,CC3";  // no final line break
  diagnostics d;
  const ledger_load load = read_ledger_csv(csv, f, d, opt);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "budget.ledger.unknown_column");
  CHECK(d[0].severity == severity::warning);
  CHECK(d[0].path == "/rows/0/5");
  CHECK(load.control.rows_accepted == 4);
  CHECK(load.control.total == gbp(100'000 + 250 + 300 - 100));
  REQUIRE(seen.size() == 4);
  CHECK(seen[0] == transaction{2025y / July / 1d, "L1", gbp(100'000), transaction_kind::actual,
                               "JNL 17, recharge", 2});
  CHECK(seen[1].reference == "said \"hello\"");
  CHECK(seen[1].kind == transaction_kind::accrual);
  CHECK(seen[2].reference == "two\nlines");
  CHECK(seen[2].kind == transaction_kind::actual);  // case is forgiven for the kind
  CHECK(seen[2].source_line == 4);
  CHECK(seen[3].source_line == 6);  // the quoted line break moved it one line down
  CHECK(seen[3].amount == gbp(-100));
}

TEST_CASE("ledger CSV: every bad row is a diagnostic with its path and line") {
  const pooled_fund f = fund();
  const std::string csv =
      "date,line,amount,kind,reference\n"     // line 1, record 0
      "2025-04-30,L1,10.00,actual,ok\n"       // 2: accepted
      "2025-02-30,L1,10.00,actual,a\n"        // 3: no such date
      "30/04/2025,L1,10.00,actual,b\n"        // 4: not ISO
      "2025-03-31,L1,10.00,actual,c\n"        // 5: the day before the year
      "2026-04-01,L1,10.00,actual,d\n"        // 6: the day after the year
      "2025-04-30,L9,10.00,actual,e\n"        // 7: unknown line
      "2025-04-30,L1,10.001,actual,f\n"       // 8: three decimal places
      "2025-04-30,L1,ten,actual,g\n"          // 9: not money
      "2025-04-30,L1,10.00,spend,h\n"         // 10: bad kind
      "2025-04-30,L1,10.00,actual\n"          // 11: four fields
      "2025-04-30,L1,10.00,actual,i,j\n"      // 12: six fields
      "2025-04-30,L1,\"10.00\"x,actual,k\n"   // 13: text after a closing quote
      "2025-04-31,,1.2.3,,l\n"                // 14: four problems in one row
      "\n"                                    // 15: blank: a warning, not a row
      "2026-03-31,L2,-0.01,commitment,ok\n";  // 16 (record 14): accepted
  diagnostics d;
  const ledger_load load = read_ledger_csv(csv, f, d);
  CHECK(codes(d) ==
        "core.date.invalid@/rows/2/date:3 "
        "core.date.syntax@/rows/3/date:4 "
        "budget.ledger.outside_year@/rows/4/date:5 "
        "budget.ledger.outside_year@/rows/5/date:6 "
        "budget.ledger.unknown_line@/rows/6/line:7 "
        "core.money.precision@/rows/7/amount:8 "
        "core.money.syntax@/rows/8/amount:9 "
        "budget.ledger.kind@/rows/9/kind:10 "
        "budget.ledger.field_count@/rows/10:11 "
        "budget.ledger.field_count@/rows/11:12 "
        "budget.ledger.quote@/rows/12:13 "
        "core.date.invalid@/rows/13/date:14 "
        "budget.ledger.unknown_line@/rows/13/line:14 "
        "core.money.syntax@/rows/13/amount:14 "
        "budget.ledger.kind@/rows/13/kind:14 "
        "budget.ledger.blank_line@:15 ");
  CHECK(load.control.rows_read == 14);
  CHECK(load.control.rows_accepted == 2);
  CHECK(load.control.rows_rejected == 12);
  CHECK(load.control.total == gbp(999));
  CHECK(load.control.by_kind.commitments() == gbp(-1));
  const joinedup::diagnostic* outside = d.find("budget.ledger.outside_year");
  REQUIRE(outside != nullptr);
  CHECK(outside->message ==
        "date 2025-03-31 is outside the fund's financial year 2025-26 "
        "(2025-04-01..2026-03-31)");
  CHECK(d.find("budget.ledger.unknown_line")->message ==
        "line 'L9' is not an expenditure line of the fund");
}

TEST_CASE("ledger CSV: a header that cannot be used stops the reading, rows still counted") {
  const pooled_fund f = fund();
  {
    diagnostics d;
    const ledger_load load =
        read_ledger_csv("date,line,amount,reference\n2025-04-30,L1,1.00,x\n", f, d);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "budget.ledger.missing_column");
    CHECK(d[0].severity == severity::fatal);
    CHECK(d[0].message.find("'kind'") != std::string::npos);
    CHECK(load.control.rows_read == 1);
    CHECK(load.control.rows_rejected == 1);
    CHECK(load.summary.transaction_count() == 0);
  }
  {
    diagnostics d;
    const ledger_load load = read_ledger_csv("date,line,amount,kind,Date\n", f, d);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "budget.ledger.duplicate_column");
    CHECK(d[0].path == "/rows/0/4");
    CHECK(load.control.rows_read == 0);
  }
  for (const char* empty : {"", "\n\n"}) {
    diagnostics d;
    const ledger_load load = read_ledger_csv(empty, f, d);
    CHECK(d.contains("budget.ledger.empty"));
    CHECK(d.has_errors());
    CHECK(load.control.rows_read == 0);
  }
  {
    diagnostics d;
    (void)read_ledger_csv("\"date,line,amount,kind\n", f, d);  // an unclosed quote
    CHECK(d.contains("budget.ledger.quote"));
  }
  {
    // A reference column is optional.
    diagnostics d;
    const ledger_load load = read_ledger_csv("kind,amount,line,date\nactual,1,L1,2025-04-01", f, d);
    CHECK(d.empty());
    CHECK(load.control.total == gbp(100));
  }
}

TEST_CASE("ledger CSV: amounts beyond the range of money are rejected, not wrapped") {
  const pooled_fund f = fund();
  const std::string csv =
      "date,line,amount,kind\n"
      "2025-04-01,L1,92233720368547758.07,actual\n"   // the largest amount: accepted
      "2025-04-01,L1,0.01,actual\n"                   // one penny more in magnitude: rejected
      "2025-04-01,L1,92233720368547758.08,actual\n";  // too large to be money at all
  diagnostics d;
  const ledger_load load = read_ledger_csv(csv, f, d);
  CHECK(codes(d) == "budget.ledger.range@/rows/2/amount:3 core.money.range@/rows/3/amount:4 ");
  CHECK(load.control.rows_accepted == 1);
  CHECK(load.control.total == money::from_pence(INT64_MAX));
}

TEST_CASE("ledger CSV: the diagnostic cap lists the rest as one warning") {
  const pooled_fund f = fund();
  std::string csv = "date,line,amount,kind,reference\n";
  for (int i = 0; i < 10; ++i)
    csv += "2025-04-01,nope,1.00,actual,x\n";
  csv += "2025-04-01,L1,1.00,bad,x\n";
  ledger_csv_options opt;
  opt.max_row_diagnostics = 3;
  diagnostics d;
  const ledger_load load = read_ledger_csv(csv, f, d, opt);
  REQUIRE(d.size() == 4);
  CHECK(d[3].code == "budget.ledger.truncated");
  CHECK(d[3].message ==
        "a further 8 row diagnostic(s) were not listed (budget.ledger.kind 1, "
        "budget.ledger.unknown_line 7); the rows are counted as rejected");
  CHECK(load.control.rows_rejected == 11);
}

TEST_CASE("property: any split into blocks reads the same as the whole file") {
  const pooled_fund f = fund();
  std::mt19937_64 rng(99);
  std::string csv = "\xEF\xBB\xBFreference,date,line,amount,kind\r\n";  // with a BOM
  const char* kinds[] = {"actual", "accrual", "commitment", "adjustment", "bogus"};
  const char* lines[] = {"L1", "L2", "L 3", "\"L1\"", "zz"};
  for (int i = 0; i < 300; ++i) {
    const int day = 1 + static_cast<int>(rng() % 28);
    const int month = 1 + static_cast<int>(rng() % 12);
    const int year = month >= 4 ? 2025 : 2026;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    const auto pence = static_cast<long long>(rng() % 2'000'000) - 500'000;
    const long long magnitude = pence < 0 ? -pence : pence;
    char digits[40];
    std::snprintf(digits, sizeof digits, "%lld.%02lld", magnitude / 100, magnitude % 100);
    std::string amount_text = digits;
    if (pence < 0) amount_text = rng() % 2 == 0 ? "(" + amount_text + ")" : "-" + amount_text;
    const std::string reference =
        rng() % 5 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : "R" + std::to_string(i);
    csv += reference + "," + date + "," + lines[rng() % 5] + "," + amount_text + "," +
           kinds[rng() % 5] + (rng() % 3 == 0 ? "\r\n" : "\n");
    if (rng() % 40 == 0) csv += "\n";  // a blank line now and then
  }
  diagnostics whole_d;
  const ledger_load whole = read_ledger_csv(csv, f, whole_d);
  CHECK(whole.control.rows_read == 300);
  CHECK(whole.control.rows_accepted > 100);
  CHECK(whole.control.rows_rejected > 20);
  for (int trial = 0; trial < 60; ++trial) {
    diagnostics d;
    ledger_csv_reader reader(f, d);
    std::size_t at = 0;
    const std::size_t most = trial < 5 ? static_cast<std::size_t>(trial) + 1 : 1 + rng() % 200;
    while (at < csv.size()) {
      const std::size_t n = std::min(csv.size() - at, 1 + rng() % most);
      reader.feed(std::string_view(csv).substr(at, n));
      at += n;
    }
    const ledger_load load = reader.finish();
    CHECK(load.control == whole.control);
    CHECK(load.summary == whole.summary);
    CHECK(codes(d) == codes(whole_d));
  }
}

TEST_CASE("ledger CSV: reading a file in small blocks, and a file that is not there") {
  const pooled_fund f = fund();
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "joinedup_ledger_csv_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "date,line,amount,kind,reference\n";
    for (int i = 0; i < 1000; ++i)
      out << "2025-10-0" << (1 + i % 9) << ",L" << (1 + i % 2) << ",1.0" << (i % 10)
          << ",actual,\"R, " << i << "\"\n";
  }
  ledger_csv_options opt;
  opt.block_size = 7;  // smaller than a row: every row spans blocks
  diagnostics d;
  const std::optional<ledger_load> load = read_ledger_csv_file(path.string(), f, d, opt);
  REQUIRE(load.has_value());
  CHECK(d.empty());
  CHECK(load->control.rows_accepted == 1000);
  // 1000 rows of 1.00 plus 0.00..0.09 cycling: 1000 + 100 × 0.45 = 1,045.00.
  CHECK(load->control.total == gbp(104'500));
  std::filesystem::remove(path);

  diagnostics missing;
  CHECK_FALSE(read_ledger_csv_file((path.string() + ".absent"), f, missing).has_value());
  CHECK(missing.contains("io.file.read"));
}

TEST_CASE("ledger CSV: amounts of 17 or more digits go to the strict parser, never overflow") {
  // Found by fuzz/fuzz_ledger_csv under UBSan: the fast path multiplied past 64 bits before it
  // counted the digits. 92233720368547758.07 is the largest amount money holds; one more penny,
  // or twenty digits, is core.money.range.
  const joinedup::budget::pooled_fund f = fund();
  joinedup::diagnostics d;
  const joinedup::io::ledger_load ok = joinedup::io::read_ledger_csv(
      "date,line,amount,kind\n2025-04-01,L1,92233720368547758.07,actual\n", f, d);
  CHECK(ok.control.rows_accepted == 1);
  CHECK(ok.control.total == joinedup::money::from_pence(INT64_MAX));
  joinedup::diagnostics d2;
  const joinedup::io::ledger_load bad = joinedup::io::read_ledger_csv(
      "date,line,amount,kind\n2025-04-01,L1,92233720368547758.08,actual\n"
      "2025-04-01,L1,99999999999999999999,actual\n",
      f, d2);
  CHECK(bad.control.rows_rejected == 2);
  std::size_t range_errors = 0;
  for (const joinedup::diagnostic& x : d2)
    range_errors += x.code == "core.money.range" ? std::size_t{1} : std::size_t{0};
  CHECK(range_errors == 2);
}

TEST_CASE("ledger CSV: input with no line break for over 1 MiB is not a ledger; reading stops") {
  const pooled_fund f = fund();
  diagnostics d;
  ledger_csv_reader reader(f, d);
  reader.feed(std::string(ledger_csv_header) + "\n");
  const std::string zeros(std::size_t{1} << 16, '\0');
  for (int i = 0; i < 20 && !reader.stopped(); ++i)  // 1.25 MiB of NUL bytes, as /dev/zero
    reader.feed(zeros);
  CHECK(reader.stopped());
  reader.feed("2025-04-30,L01,1.00,actual,after\n");  // ignored once stopped
  const ledger_load load = reader.finish();
  CHECK(load.control.rows_accepted == 0);
  REQUIRE(d.contains("budget.ledger.record_too_long"));
  CHECK(d.find("budget.ledger.record_too_long")->severity == severity::fatal);
  CHECK(d.find("budget.ledger.record_too_long")->line == 2u);
  // From a file of the same shape, the load gives nothing at all.
  const auto path = std::filesystem::temp_directory_path() / "joinedup-long-record.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << ledger_csv_header << "\n" << std::string(std::size_t{3} << 20, 'x');
  }
  diagnostics fd;
  CHECK_FALSE(read_ledger_csv_file(path.string(), f, fd).has_value());
  CHECK(fd.contains("budget.ledger.record_too_long"));
  std::filesystem::remove(path);
  // A directory is refused as a file.
  diagnostics dd;
  CHECK_FALSE(read_ledger_csv_file(std::filesystem::temp_directory_path().string(), f, dd));
  CHECK(dd[0].code == "io.file.read");
  CHECK(dd[0].severity == severity::fatal);
}
