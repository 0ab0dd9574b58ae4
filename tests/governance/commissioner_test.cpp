// Tests for joinedup/governance/commissioner.hpp: the single commissioning arrangement and its
// validator. Facts from docs/sources.md: §S-BCF-PLAN, §S-BCF-SIGN-OFF (the HWB owns and signs
// off the plan; money pooled under section 75), §S-BCF-RETURNS (quarterly returns and a year-end
// return approved by the HWB), §S-S75-REG7-HOST, §S-S75-REG9 (quarterly and annual reports to the
// partners), §S-S151-CFO (the s151 officer and ICB CFO keep their own accountability).
#include "joinedup/governance/commissioner.hpp"

#include <doctest/doctest.h>

using namespace joinedup;
using namespace joinedup::governance;
using namespace std::chrono_literals;
using std::chrono::sys_days;

namespace {

/// A sound arrangement: one accounting officer, lines to NHS England, the council, the ICB and
/// the HWB, every fund on a line, nothing overdue on 2025-11-30.
commissioner sound() {
  commissioner c;
  c.name = "Northmoor";
  c.hwb_gss_code = "E06000099";
  c.partners = {
      {"icb", "NHS Northmoor ICB", budget::partner_kind::icb, "QZX", "E54000099"},
      {"council", "Northmoor Council", budget::partner_kind::council, "999", "E06000099"}};
  c.accounting_officers = {
      {"Peter Lowe", "Director", "council", 2021y / 4 / 1, 2024y / 3 / 31},
      {"Amira Shah", "Director of Integrated Commissioning", "council", 2024y / 4 / 1, {}}};
  c.funds = {{"bcf", "Better Care Fund", ""}};
  c.services = {{"reablement", "Reablement", {"council", "icb"}, "bcf"}};
  c.lines = {{"nhse",
              body_kind::nhs_england,
              "NHS England",
              "",
              "",
              {"bcf"},
              {"BCF return"},
              cadence::quarterly,
              {{"Q2", 2025y / 10 / 31, 2025y / 10 / 30, {}, {}}}},
             {"council",
              body_kind::council,
              "Northmoor Council",
              "council",
              "",
              {"bcf"},
              {},
              cadence::quarterly,
              {{"Q2", 2025y / 11 / 14, 2025y / 11 / 14, {}, {}}}},
             {"icb",
              body_kind::icb,
              "Northmoor ICB",
              "icb",
              "",
              {"bcf"},
              {},
              cadence::quarterly,
              {{"Q2", 2025y / 11 / 14, 2025y / 11 / 13, {}, {}}}},
             {"hwb",
              body_kind::health_and_wellbeing_board,
              "Northmoor HWB",
              "",
              "service users",
              {"bcf"},
              {},
              cadence::annual_plan,
              {{"2025-26 plan", 2025y / 3 / 31, 2025y / 3 / 31, {}, 2025y / 3 / 20}}}};
  return c;
}

const sys_days as_of{2025y / 11 / 30};

}  // namespace

TEST_CASE("a sound arrangement has no findings") {
  diagnostics d;
  const check_summary s = check(sound(), as_of, d);
  CHECK(d.empty());
  CHECK(s.officers_in_post == 1);  // Lowe left on 2024-03-31; Shah is in post
  CHECK(s.returns == 4);
  CHECK(s.overdue == 0);
}

TEST_CASE("exactly one accounting officer: none, more than one, unnamed") {
  commissioner c = sound();
  c.accounting_officers[1].to = 2025y / 10 / 31;  // Shah leaves, nobody replaces her
  diagnostics d;
  check(c, as_of, d);
  CHECK(d.contains("governance.accounting_officer.none"));

  c = sound();
  c.accounting_officers.push_back({"Tom Reid", "Interim", "icb", 2025y / 10 / 1, {}});
  diagnostics d2;
  const check_summary s = check(c, as_of, d2);
  CHECK(s.officers_in_post == 2);
  REQUIRE(d2.contains("governance.accounting_officer.multiple"));
  CHECK(d2.find("governance.accounting_officer.multiple")->message.find("Amira Shah, Tom Reid") !=
        std::string::npos);
  // On 2025-09-30 Reid had not started: one officer, no finding.
  diagnostics d3;
  check(c, sys_days{2025y / 9 / 30}, d3);
  CHECK_FALSE(d3.contains("governance.accounting_officer.multiple"));

  c = sound();
  c.accounting_officers[1].name.clear();
  diagnostics d4;
  check(c, as_of, d4);
  CHECK(d4.contains("governance.accounting_officer.unnamed"));

  c = sound();
  c.accounting_officers[0].to = 2020y / 1 / 1;  // ends before it starts
  diagnostics d5;
  check(c, as_of, d5);
  CHECK(d5.contains("governance.accounting_officer.dates"));
}

TEST_CASE("an overdue return is an error with the days overdue") {
  commissioner c = sound();
  c.lines[1].returns[0].submitted.reset();  // the council's Q2 return, due 2025-11-14
  diagnostics d;
  const check_summary s = check(c, as_of, d);
  CHECK(s.overdue == 1);
  const diagnostic* f = d.find("governance.return.overdue");
  REQUIRE(f != nullptr);
  CHECK(f->path == "/lines/1/returns/0/submitted");
  // 2025-11-14 to 2025-11-30 is 16 days.
  CHECK(f->message.find("16 days overdue") != std::string::npos);
  // Due on the as-of date itself: not yet overdue.
  diagnostics d2;
  check(c, sys_days{2025y / 11 / 14}, d2);
  CHECK_FALSE(d2.contains("governance.return.overdue"));
  // A submission dated after the as-of date does not count yet.
  c.lines[1].returns[0].submitted = 2025y / 12 / 2;
  diagnostics d3;
  check(c, as_of, d3);
  CHECK(d3.contains("governance.return.overdue"));
  CHECK(d3.contains("governance.return.order"));
}

TEST_CASE("a late return is a warning") {
  commissioner c = sound();
  c.lines[0].returns[0].submitted = 2025y / 11 / 7;  // due 2025-10-31: 7 days late
  diagnostics d;
  check(c, as_of, d);
  const diagnostic* f = d.find("governance.return.late");
  REQUIRE(f != nullptr);
  CHECK(f->severity == severity::warning);
  CHECK(f->message.find("7 days after") != std::string::npos);
}

TEST_CASE("a plan not signed off by the HWB (§1.1) and a late sign-off") {
  commissioner c = sound();
  c.lines[3].returns[0].hwb_signed_off.reset();
  diagnostics d;
  const check_summary s = check(c, as_of, d);
  CHECK(s.sign_offs_missing == 1);
  CHECK(d.contains("governance.sign_off.missing"));
  CHECK(d.find("governance.sign_off.missing")->severity == severity::error);

  // Signed off after the submission deadline: allowed, but a warning.
  c.lines[3].returns[0].hwb_signed_off = 2025y / 4 / 15;
  diagnostics d2;
  check(c, as_of, d2);
  CHECK_FALSE(d2.contains("governance.sign_off.missing"));
  CHECK(d2.find("governance.sign_off.late")->severity == severity::warning);

  // Before the deadline a missing sign-off is not yet a finding.
  c.lines[3].returns[0].hwb_signed_off.reset();
  diagnostics d3;
  check(c, sys_days{2025y / 3 / 1}, d3);
  CHECK_FALSE(d3.contains("governance.sign_off.missing"));

  // The year-end return needs the HWB's approval too (§1.8); a quarterly return does not,
  // unless the document says so.
  CHECK(needs_hwb_sign_off(cadence::year_end));
  CHECK_FALSE(needs_hwb_sign_off(cadence::quarterly));
  c = sound();
  c.lines[0].returns[0].hwb_sign_off = true;
  diagnostics d4;
  check(c, as_of, d4);
  CHECK(d4.contains("governance.sign_off.missing"));
}

TEST_CASE("a pooled fund with no line of accountability") {
  commissioner c = sound();
  c.funds.push_back({"equipment", "Equipment pool", ""});
  diagnostics d;
  const check_summary s = check(c, as_of, d);
  CHECK(s.unaccountable_funds == 1);
  CHECK(d.find("governance.fund.unaccountable")->path == "/funds/1");
  // A line to nobody does not make a fund accountable.
  c.lines.push_back({"x",
                     body_kind::other,
                     "",
                     "",
                     "",
                     {"equipment"},
                     {},
                     cadence::quarterly,
                     {{"Q2", 2025y / 12 / 1, {}, {}, {}}}});
  diagnostics d2;
  check(c, as_of, d2);
  CHECK(d2.contains("governance.fund.unaccountable"));
  CHECK(d2.find("governance.line.no_body")->path == "/lines/4/body");
}

TEST_CASE("unknown partner and fund references, duplicate ids, missing lines") {
  commissioner c = sound();
  c.services[0].commissioned_by.push_back("district");
  c.lines[1].partner = "county";
  c.lines[0].funds.push_back("nope");
  c.lines[2].id = "council";
  diagnostics d;
  check(c, as_of, d);
  CHECK(d.find("governance.partner.unknown")->path == "/services/0/commissioned_by/2");
  CHECK(d.contains("governance.fund.unknown"));
  CHECK(d.find("governance.id.duplicate")->path == "/lines/2/id");
  // The council partner now has no line of its own ("county" is not it).
  CHECK(d.contains("governance.line.missing"));

  commissioner none = sound();
  none.lines.erase(none.lines.begin());  // no line to NHS England
  diagnostics d2;
  check(none, as_of, d2);
  CHECK(d2.find("governance.line.missing")->message.find("NHS England") != std::string::npos);

  commissioner badcode = sound();
  badcode.partners[0].ods_code = "Q!";
  badcode.partners[1].ods_code.clear();
  badcode.partners[1].gss_code.clear();
  diagnostics d3;
  check(badcode, as_of, d3);
  CHECK(d3.contains("core.ods_code.syntax"));
  CHECK(d3.contains("governance.partner.code"));
}

TEST_CASE("return standing and the returns table order") {
  const return_due r{"Q3", 2026y / 1 / 30, {}, {}, {}};
  CHECK(status_of(r, cadence::quarterly, as_of).state == return_state::not_yet_due);
  const return_status late =
      status_of({"Q2", 2025y / 10 / 31, 2025y / 11 / 7, {}, {}}, cadence::quarterly, as_of);
  CHECK(late.state == return_state::late);
  CHECK(late.days_late == 7);
  commissioner c = sound();
  c.lines[0].returns.insert(c.lines[0].returns.begin(), r);
  const std::vector<return_status> all = returns_on(c, as_of);
  REQUIRE(all.size() == 5);
  CHECK(all[0].item == 1);  // Q2 (due 2025-10-31) before Q3 (due 2026-01-30)
  CHECK(all[1].item == 0);
}

TEST_CASE("a linked fund document must be for the same area and partners") {
  const commissioner c = sound();
  budget::pooled_fund f;
  f.hwb_gss_code = "E06000098";
  f.partners = {{"icb", "NHS Northmoor ICB", budget::partner_kind::icb, "QZX", ""},
                {"district", "Moorside District", budget::partner_kind::council, "", "E07000999"}};
  diagnostics d;
  check_fund_link(c, c.funds[0], f, "/funds/0", d);
  CHECK(d.contains("governance.fund.area_mismatch"));
  CHECK(d.find("governance.fund.partner_mismatch")->message.find("district") != std::string::npos);
  f.hwb_gss_code = "e06000099";  // codes compare case-insensitively
  f.partners.pop_back();
  diagnostics d2;
  check_fund_link(c, c.funds[0], f, "/funds/0", d2);
  CHECK(d2.empty());
}
