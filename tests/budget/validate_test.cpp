// Tests for joinedup/budget/validate.hpp: each Better Care Fund / section 75 rule on a fund
// that breaks it, with the diagnostic's code, path and figures checked by hand.
#include "joinedup/budget/validate.hpp"

#include <doctest/doctest.h>

#include "joinedup/io/budget.hpp"
#include "joinedup/io/file.hpp"

using namespace joinedup;
using namespace joinedup::budget;

namespace {
pooled_fund northmoor() {
  const auto text =
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/northmoor-fund.json");
  diagnostics d;
  auto f = io::read_pooled_fund(text.value(), d);
  REQUIRE(d.empty());
  return *f;
}
bcf_catalogue year_2025() {
  return io::shipped_bcf_catalogue(financial_year::starting(2025)).value();
}
money pounds(const char* text) {
  return money::parse(text).value();
}
const diagnostic& only(const diagnostics& d, const char* code) {
  const diagnostic* found = d.find(code);
  REQUIRE_MESSAGE(found != nullptr, code);
  return *found;
}
}  // namespace

TEST_CASE("the Northmoor example fund passes every check") {
  const diagnostics d = validate(northmoor(), year_2025());
  for (const diagnostic& x : d)
    INFO(x.code << " " << x.path << " " << x.message);
  CHECK(d.empty());
}

TEST_CASE("funding-source and ring-fence sums, with shortfalls computed by hand") {
  pooled_fund f = northmoor();
  // Move £2,000,000.00 of L06 (care home, NHS minimum) to L03's NHS spend: ASC spend drops
  // from £13,340,000 (L01 6.2m + 40% of L02's 4.1m = 1.64m + L05 1.8m + L06 3.7m) to
  // £11,340,000, still above the £9.5m ring-fence; then raise the ring-fence to £12m.
  f.lines[5].planned = pounds("1700000.00");
  f.lines[2].planned = pounds("7012540.00");
  f.ring_fences[0].minimum = pounds("12000000.00");
  diagnostics d = validate(f, year_2025());
  CHECK(d.size() == 1);
  const diagnostic& asc = only(d, "budget.fund.asc_ring_fence");
  CHECK(asc.path == "/ring_fences/0/minimum");
  CHECK(asc.message.find("\xC2\xA3"
                         "11,340,000.00") != std::string::npos);
  CHECK(asc.message.find("shortfall \xC2\xA3"
                         "660,000.00") != std::string::npos);

  // Overspend a source: L08 plans £7,500,000 of the £9,876,543.21 LA Better Care Grant with
  // L09 at £2,876,543.21: spend £10,376,543.21, over income by £500,000.00. The fund's lines
  // now plan all its income (39,393,310.21 + 500,000.00 = 39,893,310.21), so nothing is left
  // to fund the £500,000 risk pool.
  f = northmoor();
  f.lines[7].planned = pounds("7500000.00");
  d = validate(f, year_2025());
  const diagnostic& over = only(d, "budget.fund.source_overspent");
  CHECK(over.message.find("exceeds its income of \xC2\xA3"
                          "9,876,543.21 by \xC2\xA3"
                          "500,000.00") != std::string::npos);
  CHECK(d.find("budget.fund.overcommitted") == nullptr);
  CHECK(only(d, "budget.risk_pool.unfunded")
            .message.find("\xC2\xA3"
                          "500,000.00 short") != std::string::npos);

  // Leave £12,540.00 of the NHS minimum unallocated (L03 5,012,540 → 5,000,000).
  f = northmoor();
  f.lines[2].planned = pounds("5000000.00");
  d = validate(f, year_2025());
  CHECK(only(d, "budget.fund.nhs_minimum_unallocated")
            .message.find("\xC2\xA3"
                          "12,540.00 is unallocated") != std::string::npos);
  CHECK(d.find("budget.fund.unallocated")->severity == severity::warning);

  // The out-of-hospital ring-fence exists in 2023-25 but not 2025-26.
  f = northmoor();
  f.ring_fences.push_back({"nhs_out_of_hospital", pounds("9000000.00")});
  d = validate(f, year_2025());
  CHECK(only(d, "budget.fund.enum").severity == severity::warning);
  bcf_catalogue y2024 = io::shipped_bcf_catalogue(financial_year::starting(2024)).value();
  f.year = financial_year::starting(2024);
  d = validate(f, y2024);
  // NHS-commissioned, non-acute NHS-minimum spend: L03 5,012,540 + L04 3,500,000 + 60% of L02
  // (2,460,000) = 10,972,540 ≥ 9,000,000, so no shortfall.
  CHECK_FALSE(d.contains("budget.fund.ooh_ring_fence"));
  f.ring_fences[1].minimum = pounds("11000000.00");
  d = validate(f, y2024);
  CHECK(only(d, "budget.fund.ooh_ring_fence")
            .message.find("shortfall \xC2\xA3"
                          "27,460.00") != std::string::npos);
}

TEST_CASE("line-level rules") {
  pooled_fund f = northmoor();
  f.lines[1].joint_la_share = ratio::percent(45);  // 60% + 45% = 105%
  f.lines[9].capital = false;                      // DFG on revenue
  f.lines[6].area_of_spend_other.clear();          // "other" without a description
  f.lines[0].sub_type = "care_home";               // not a home-care sub-type
  f.lines[3].scheme_type = "bed_based";            // not in the list
  f.lines[4].scheme = "S9";                        // unknown scheme
  f.lines[10].planned = pounds("-1.00");
  f.lines[8].id = "L01";  // duplicate id
  const diagnostics d = validate(f, year_2025());
  CHECK(only(d, "budget.fund.joint_shares").path == "/lines/1");
  CHECK(only(d, "budget.fund.joint_shares").message.find("105.00%") != std::string::npos);
  CHECK(only(d, "budget.fund.dfg_revenue").path == "/lines/9/capital");
  CHECK(only(d, "budget.fund.other_description").path == "/lines/6/area_of_spend_other");
  CHECK(only(d, "budget.fund.sub_type").path == "/lines/0/sub_type");
  CHECK(only(d, "budget.fund.enum").path == "/lines/3/scheme_type");
  CHECK(only(d, "budget.fund.unknown_scheme").path == "/lines/4/scheme");
  CHECK(only(d, "budget.fund.negative_planned").path == "/lines/10/planned");
  CHECK(only(d, "budget.fund.duplicate_id").path == "/lines/8/id");
}

TEST_CASE("joint shares with very fine fractions never overflow") {
  // 1/999999999989 + 1/999999999959: the exact sum's denominator is about 10^24, beyond 64 bits,
  // which once threw overflow_error out of validate. It is not 100%, so it is a diagnostic.
  pooled_fund f = northmoor();
  f.lines[1].joint_nhs_share = ratio::of(1, 999999999989);
  f.lines[1].joint_la_share = ratio::of(1, 999999999959);
  diagnostics d;
  CHECK_NOTHROW(d = validate(f, year_2025()));
  CHECK(only(d, "budget.fund.joint_shares").path == "/lines/1");
  // Shares that do sum to 1 exactly, with a twelve-place fraction, are accepted.
  f.lines[1].joint_nhs_share = ratio::of(333333333333, 1000000000000);
  f.lines[1].joint_la_share = ratio::of(666666666667, 1000000000000);
  d = validate(f, year_2025());
  CHECK(d.find("budget.fund.joint_shares") == nullptr);
  // The split of a joint line with fine, unequal-denominator shares still adds up exactly.
  expenditure_line l = f.lines[1];
  l.joint_nhs_share = ratio::of(999999999988, 999999999989);
  l.joint_la_share = ratio::of(1, 999999999989);
  const budget::detail::commissioner_split parts =
      budget::detail::split_by_commissioner(l, pounds("1000.00"));
  CHECK(parts.nhs + parts.council == pounds("1000.00"));
  CHECK(parts.nhs == pounds("1000.00"));
}

TEST_CASE("partners, host, contributions and the risk share") {
  pooled_fund f = northmoor();
  f.host = "nhs_england";
  f.contributions[1].amount = pounds("-5.00");
  f.contributions[0].instalments[3].amount = pounds("6078134.99");  // one penny short
  f.contributions[2].partner = "district";
  f.stated_total = pounds("39893310.20");
  f.risk_share.overrides[0].schemes.push_back("S7");
  f.risk_share.caps.push_back({"icb", pounds("-1.00")});
  const diagnostics d = validate(f, year_2025());
  CHECK(only(d, "budget.fund.host_not_partner").path == "/host");
  CHECK(only(d, "budget.fund.negative_contribution").path == "/contributions/1/amount");
  CHECK(only(d, "budget.fund.instalments")
            .message.find("difference \xC2\xA3"
                          "0.01") != std::string::npos);
  CHECK(only(d, "budget.fund.unknown_partner").path == "/contributions/2/partner");
  // Income after the changes: 39,893,310.21 − 1,250,000.00 − 5.00 = 38,643,305.21.
  CHECK(only(d, "budget.fund.total_mismatch")
            .message.find("\xC2\xA3"
                          "38,643,305.21") != std::string::npos);
  CHECK(only(d, "budget.fund.unknown_scheme").path == "/risk_share/overrides/0/schemes/1");
  CHECK(only(d, "budget.fund.risk_pool").path == "/risk_share/caps/0/cap");

  f = northmoor();
  f.partners.push_back({"icb2", "Second ICB", partner_kind::icb, "QZY", ""});
  f.partners[1].kind = partner_kind::icb;  // no council left
  diagnostics d2 = validate(f, year_2025());
  CHECK(only(d2, "budget.fund.partners").message.find("3 ICB(s) and 0 council(s)") !=
        std::string::npos);
  // With two ICBs, NHS and joint lines must say which ICB commissions them.
  CHECK(only(d2, "budget.fund.nhs_partner_required").path == "/lines/1/nhs_partner");
  CHECK(d2.contains("budget.fund.source_payer"));
}

TEST_CASE("the reporter-taking overload reports below the reporter's path, in walk order") {
  // A fund held at /funds/1 of a larger document: L09 (lines/8) takes L01's id and L05
  // (lines/4) names a scheme that does not exist. Neither change moves any sum, so these are
  // the only two findings: ids are checked before the lines are walked.
  pooled_fund f = northmoor();
  f.lines[8].id = "L01";
  f.lines[4].scheme = "S9";
  diagnostics d;
  reporter r(d, "/funds/1");
  validate(f, year_2025(), r);
  CHECK(r.path() == "/funds/1");
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "budget.fund.duplicate_id");
  CHECK(d[0].path == "/funds/1/lines/8/id");
  CHECK(d[0].message ==
        "line id 'L01' is used again; it was first used at /lines/0; ids must be unique");
  CHECK(d[1].code == "budget.fund.unknown_scheme");
  CHECK(d[1].path == "/funds/1/lines/4/scheme");
  CHECK(d[1].severity == severity::error);
}

TEST_CASE("two-tier areas: the DFG is passed to the district councils in full") {
  // examples/data/riverside-fund.json: a county HWB (E10000098) with a DFG of £2,100,000.00,
  // passed to two districts, £1,260,000.00 + £840,000.00 = £2,100,000.00 (domain notes §1.4:
  // "passed to districts in two-tier areas"; §6.3: E07 districts are the housing authorities).
  diagnostics read;
  const auto text =
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/riverside-fund.json");
  pooled_fund f = io::read_pooled_fund(text.value(), read).value();
  const bcf_catalogue cat = io::shipped_bcf_catalogue(f.year).value();
  REQUIRE(f.dfg_pass_through.size() == 2);
  CHECK(validate(f, cat).empty());
  // One penny short of the DFG: the difference is named.
  f.dfg_pass_through[1].amount = pounds("839999.99");
  diagnostics d = validate(f, cat);
  CHECK(only(d, "budget.fund.dfg_pass_through")
            .message.find("difference \xC2\xA3"
                          "0.01") != std::string::npos);
  // A unitary authority's code, and the same district twice.
  f = io::read_pooled_fund(text.value(), read).value();
  f.dfg_pass_through[0].gss_code = "E06000001";
  f.dfg_pass_through[1].gss_code = "E07000991";
  d = validate(f, cat);
  CHECK(only(d, "budget.fund.dfg_district").path == "/dfg_pass_through/0/gss_code");
  f.dfg_pass_through[0].gss_code = "E07000991";
  d = validate(f, cat);
  CHECK(only(d, "budget.fund.dfg_district").path == "/dfg_pass_through/1/gss_code");
  // A county that lists no districts is warned about.
  f.dfg_pass_through.clear();
  d = validate(f, cat);
  CHECK(only(d, "budget.fund.dfg_districts").severity == severity::warning);
}

TEST_CASE("the Board's underspend decision and performance-linked elements are checked") {
  // examples/data/riverside-fund.json validates clean; its underspends are retained in the
  // pool by default, so only an override to retained_by_lead_commissioner gives a Board
  // decision (domain notes §2.3) something to change.
  diagnostics read;
  const result<std::string> text =
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/riverside-fund.json");
  pooled_fund f = io::read_pooled_fund(text.value(), read).value();
  const bcf_catalogue cat = io::shipped_bcf_catalogue(f.year).value();
  SUBCASE("a decision") {
    f.risk_share.hwb_decision =
        hwb_underspend_decision{"HWB/26/14", underspend_rule::return_pro_rata, {"R3"}, {}};
    // No line under retained_by_lead_commissioner: it changes nothing (a warning).
    CHECK(only(validate(f, cat), "budget.fund.hwb_decision_unused").severity == severity::warning);
    risk_share_override o;
    o.schemes = {"R3"};
    o.rule = {overspend_rule::per_scheme_pro_rata_capped,
              underspend_rule::retained_by_lead_commissioner};
    f.risk_share.overrides = {o};
    CHECK(validate(f, cat).empty());
    // No reference, and the rule it replaces named as the Board's rule: two errors.
    f.risk_share.hwb_decision->reference.clear();
    f.risk_share.hwb_decision->underspend = underspend_rule::retained_by_lead_commissioner;
    const diagnostics d = validate(f, cat);
    REQUIRE(d.size() == 2);
    CHECK(d[0].path == "/risk_share/hwb_underspend_decision/reference");
    CHECK(d[1].path == "/risk_share/hwb_underspend_decision/underspend");
    // A scheme the fund does not have.
    f.risk_share.hwb_decision =
        hwb_underspend_decision{"HWB/26/14", underspend_rule::carry_forward, {"R9"}, {}};
    CHECK(only(validate(f, cat), "budget.fund.unknown_scheme").path ==
          "/risk_share/hwb_underspend_decision/schemes/0");
  }
  SUBCASE("a performance-linked element") {
    performance_element e;
    e.partner = "icb_a";
    e.source = "additional_nhs";
    e.amount = pounds("250000.00");
    e.target = "non-elective admissions 3.5% below the 2014-15 baseline";
    f.performance_linked = {e};
    CHECK(validate(f, cat).empty());
    // icb_a contributes £250,000.00 of additional NHS money: a penny more is an error.
    f.performance_linked[0].amount = pounds("250000.01");
    CHECK(only(validate(f, cat), "budget.fund.performance_linked").path ==
          "/performance_linked/0/amount");
    // The council's money is not NHS money (a warning), and a line it names must exist.
    f.performance_linked[0] = e;
    f.performance_linked[0].partner = "council";
    f.performance_linked[0].source = "additional_la";
    f.performance_linked[0].amount = pounds("125000.00");
    CHECK(only(validate(f, cat), "budget.fund.performance_not_nhs").severity == severity::warning);
    f.performance_linked[0] = e;
    f.performance_linked[0].lines = {"Z9"};
    CHECK(only(validate(f, cat), "budget.fund.unknown_line").path ==
          "/performance_linked/0/lines/0");
  }
}

TEST_CASE("a two-year plan's second year is checked") {
  // examples/data/riverside-fund.json (2024-25) with a second year, 2025-26: the same
  // contributions, and A1 planned £4,600,000.00 instead of £4,500,000.00.
  diagnostics read;
  const result<std::string> text =
      io::read_file(std::string(JOINEDUP_SOURCE_DIR) + "/examples/data/riverside-fund.json");
  pooled_fund f = io::read_pooled_fund(text.value(), read).value();
  const bcf_catalogue cat = io::shipped_bcf_catalogue(f.year).value();
  plan_year py;
  py.year = financial_year::starting(2025);
  py.contributions = f.contributions;
  py.lines = {{"A1", pounds("4600000.00")}};
  f.later_years = {py};
  // Income £21,200,000.00; planned £20,700,000.00 + £100,000.00 = £20,800,000.00: fine.
  CHECK(validate(f, cat).empty());
  CHECK(f.plan_period() == "2024-26");
  // £600,000.00 more on A1 than the income allows: £21,300,000.00 planned, £100,000.00 over.
  f.later_years[0].lines[0].planned = pounds("5100000.00");
  CHECK(only(validate(f, cat), "budget.fund.plan_year")
            .message.find("by \xC2\xA3"
                          "100,000.00") != std::string::npos);
  // A year out of order, and a line the fund does not have.
  f.later_years[0].lines[0] = {"Z1", pounds("1.00")};
  f.later_years[0].year = financial_year::starting(2026);
  const diagnostics d = validate(f, cat);
  REQUIRE(d.size() == 2);
  CHECK(d[0].path == "/later_years/0/financial_year");
  CHECK(d[1].path == "/later_years/0/lines/0/line");
}
