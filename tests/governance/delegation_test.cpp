// Tests for joinedup/governance/delegation.hpp: the scheme of delegation and decide(). One test
// per denial reason, the notes, and a property test: no path permits without an authorised
// approver. Facts from docs/sources.md: §S-RISK-SCHEME-CAPPED and §S-S151-CFO ("both finance
// directors agree first" before risk is shared beyond the caps; the s151 officer and the ICB CFO
// keep their accountability), §S-S75-REG7 reg 7(3)(b) (how contributions may be varied),
// §S-BCF-SIGN-OFF (the HWB signs off the plan).
#include "joinedup/governance/delegation.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace joinedup;
using namespace joinedup::governance;
using namespace std::chrono_literals;

namespace {

/// The Northmoor scheme in miniature: two finance directors (one per partner), an acting ICB
/// CFO for July and August 2025, the director of integrated commissioning, the HWB chair.
scheme northmoor() {
  scheme s;
  s.roles = {{"icb_cfo", "Chief Finance Officer", "icb"},
             {"council_s151", "Director of Finance (s151)", "council"},
             {"director", "Director of Integrated Commissioning", "council"},
             {"hwb_chair", "HWB chair", "council"}};
  s.people = {{"okafor", "Grace Okafor"}, {"evans", "Rhys Evans"},  {"brennan", "Liam Brennan"},
              {"shah", "Amira Shah"},     {"hughes", "Dan Hughes"}, {"patel", "Nisha Patel"}};
  s.holdings = {{"okafor", "icb_cfo", 2023y / 1 / 9, {}},
                {"evans", "icb_cfo", 2025y / 7 / 1, 2025y / 8 / 31},
                {"brennan", "council_s151", 2019y / 9 / 2, {}},
                {"shah", "director", 2024y / 4 / 1, {}},
                {"patel", "hwb_chair", 2023y / 5 / 25, {}}};
  s.rules = {
      {"DEL-01", action::virement_between_lines, money::from_pounds(50000), {{"director", 1}}, ""},
      {"DEL-02",
       action::virement_between_lines,
       money::from_pounds(250000),
       {{"icb_cfo", 1}, {"council_s151", 1}},
       ""},
      {"DEL-06",
       action::risk_share_deviation,
       std::nullopt,
       {{"icb_cfo", 1}, {"council_s151", 1}},
       ""},
      {"DEL-08", action::plan_sign_off, std::nullopt, {{"hwb_chair", 1}}, ""}};
  return s;
}

request make(std::string act, std::int64_t pounds, std::string by,
             std::vector<std::string> approvers, date on = 2025y / 11 / 20) {
  request r;
  r.id = "R1";
  r.action = std::move(act);
  r.amount = money::from_pounds(pounds);
  r.on = on;
  r.requester = std::move(by);
  r.approvers = std::move(approvers);
  return r;
}

bool has(const decision& d, reason_kind k) {
  return std::any_of(d.reasons.begin(), d.reasons.end(),
                     [k](const reason& r) { return r.kind == k; });
}

}  // namespace

TEST_CASE("permitted: both partners' finance directors approve a risk-share deviation (§2.3)") {
  const decision d =
      decide(northmoor(), make("risk_share_deviation", 400000, "hughes", {"okafor", "brennan"}));
  CHECK(d.permitted());
  CHECK(d.rule == "DEL-06");
  REQUIRE(d.counted.size() == 2);
  CHECK(d.counted[0] == counted_approval{"okafor", "icb_cfo"});
  CHECK(d.counted[1] == counted_approval{"brennan", "council_s151"});
  CHECK(d.reasons.empty());
}

TEST_CASE("the tightest applicable rule decides") {
  // £30,000 is within both DEL-01 (£50k) and DEL-02 (£250k): DEL-01, the tighter, decides.
  const decision d = decide(northmoor(), make("virement_between_lines", 30000, "hughes", {"shah"}));
  CHECK(d.permitted());
  CHECK(d.rule == "DEL-01");
  // Exactly at the limit is within it.
  CHECK(decide(northmoor(), make("virement_between_lines", 50000, "hughes", {"shah"})).rule ==
        "DEL-01");
  // £50,000.01 is above DEL-01, so DEL-02 decides and the director alone is not enough.
  request r = make("virement_between_lines", 50000, "hughes", {"shah"});
  r.amount = money::from_pence(5000001);
  const decision d2 = decide(northmoor(), r);
  CHECK(d2.rule == "DEL-02");
  CHECK_FALSE(d2.permitted());
  CHECK(has(d2, reason_kind::quorum_not_met));
  CHECK(has(d2, reason_kind::not_in_role));
  CHECK(applicable_rules(northmoor(), action::virement_between_lines, money::from_pounds(10)) ==
        std::vector<std::size_t>{0, 1});
}

TEST_CASE("denied: unknown action") {
  const decision d = decide(northmoor(), make("write_off", 10, "hughes", {"okafor", "brennan"}));
  CHECK_FALSE(d.permitted());
  CHECK(has(d, reason_kind::unknown_action));
  CHECK(d.rule.empty());
  CHECK(d.counted.empty());
}

TEST_CASE("denied: unknown requester, unknown approver") {
  const decision d =
      decide(northmoor(), make("risk_share_deviation", 10, "nobody", {"okafor", "brennan"}));
  CHECK_FALSE(d.permitted());
  CHECK(has(d, reason_kind::unknown_requester));
  const decision d2 =
      decide(northmoor(), make("risk_share_deviation", 10, "hughes", {"okafor", "brennan", "x"}));
  CHECK_FALSE(d2.permitted());
  CHECK(has(d2, reason_kind::unknown_approver));
}

TEST_CASE("denied: negative amount") {
  request r = make("risk_share_deviation", 0, "hughes", {"okafor", "brennan"});
  r.amount = money::from_pence(-1);
  const decision d = decide(northmoor(), r);
  CHECK_FALSE(d.permitted());
  CHECK(has(d, reason_kind::negative_amount));
}

TEST_CASE("denied: no rule for the action") {
  const decision d = decide(northmoor(), make("settlement", 10, "hughes", {"okafor", "brennan"}));
  CHECK_FALSE(d.permitted());
  CHECK(has(d, reason_kind::no_rule_for_action));
}

TEST_CASE("denied: amount above every rule's limit — no rule authorises") {
  const decision d =
      decide(northmoor(), make("virement_between_lines", 300000, "hughes", {"okafor", "brennan"}));
  CHECK_FALSE(d.permitted());
  CHECK(d.rule.empty());
  REQUIRE(has(d, reason_kind::no_rule_authorises));
  CHECK(d.reasons[0].message.find("£250,000.00") != std::string::npos);
}

TEST_CASE("denied: a rule naming nobody never permits") {
  scheme s = northmoor();
  s.rules.push_back({"EMPTY", action::settlement, std::nullopt, {}, ""});
  const decision d = decide(s, make("settlement", 10, "hughes", {"okafor"}));
  CHECK_FALSE(d.permitted());
  CHECK(d.rule == "EMPTY");
  CHECK(has(d, reason_kind::rule_without_approvers));
}

TEST_CASE("denied: separation of duties — the requester never counts, even holding the role") {
  // The director asks for a £30,000 virement and approves it herself.
  const decision d = decide(northmoor(), make("virement_between_lines", 30000, "shah", {"shah"}));
  CHECK_FALSE(d.permitted());
  CHECK(d.rule == "DEL-01");
  CHECK(has(d, reason_kind::self_approval));
  CHECK(has(d, reason_kind::quorum_not_met));
  CHECK(d.counted.empty());
  // A finance director asking for a risk-share deviation cannot be one of the two.
  const decision d2 =
      decide(northmoor(), make("risk_share_deviation", 10, "brennan", {"okafor", "brennan"}));
  CHECK_FALSE(d2.permitted());
  CHECK(has(d2, reason_kind::self_approval));
}

TEST_CASE("denied: quorum — one partner's finance director is not both (§2.3)") {
  const decision d =
      decide(northmoor(), make("risk_share_deviation", 400000, "hughes", {"brennan"}));
  CHECK_FALSE(d.permitted());
  CHECK(d.rule == "DEL-06");
  REQUIRE(has(d, reason_kind::quorum_not_met));
  CHECK(d.reasons.back().message.find("Chief Finance Officer (icb)") != std::string::npos);
  CHECK(d.counted.empty());  // a denied decision counts no approvals
}

TEST_CASE("denied: the approver must hold the role on the request date") {
  // Evans acted as ICB CFO in July and August 2025 only.
  const decision before = decide(northmoor(), make("risk_share_deviation", 10, "hughes",
                                                   {"evans", "brennan"}, 2025y / 8 / 31));
  CHECK(before.permitted());
  const decision after = decide(
      northmoor(), make("risk_share_deviation", 10, "hughes", {"evans", "brennan"}, 2025y / 9 / 1));
  CHECK_FALSE(after.permitted());
  CHECK(has(after, reason_kind::not_in_role));
  CHECK(has(after, reason_kind::quorum_not_met));
  // Brennan was not yet s151 officer in 2019-09-01.
  const decision early = decide(northmoor(), make("risk_share_deviation", 10, "hughes",
                                                  {"okafor", "brennan"}, 2019y / 9 / 1));
  CHECK_FALSE(early.permitted());
}

TEST_CASE("duplicate approvals count once; one person never fills two places") {
  // Okafor twice is still one ICB CFO, and no s151 officer.
  const decision d =
      decide(northmoor(), make("risk_share_deviation", 10, "hughes", {"okafor", "okafor"}));
  CHECK_FALSE(d.permitted());
  CHECK(has(d, reason_kind::duplicate_approval));
  // A person holding both finance roles fills only one place.
  scheme s = northmoor();
  s.holdings.push_back({"okafor", "council_s151", 2025y / 1 / 1, {}});
  const decision d2 = decide(s, make("risk_share_deviation", 10, "hughes", {"okafor"}));
  CHECK_FALSE(d2.permitted());
  CHECK(has(d2, reason_kind::quorum_not_met));
  // With Brennan as well, the matching puts Okafor as ICB CFO and Brennan as s151 officer, in
  // whichever order they are listed.
  const decision d3 = decide(s, make("risk_share_deviation", 10, "hughes", {"brennan", "okafor"}));
  CHECK(d3.permitted());
  CHECK(d3.counted.size() == 2);
}

TEST_CASE("a requirement of two holders needs two different people") {
  scheme s = northmoor();
  s.people.push_back({"lee", "Sam Lee"});
  s.holdings.push_back({"lee", "hwb_chair", 2025y / 1 / 1, {}});  // a vice-chair, say
  s.rules[3].required = {{"hwb_chair", 2}};
  CHECK_FALSE(decide(s, make("plan_sign_off", 0, "shah", {"patel"})).permitted());
  CHECK(decide(s, make("plan_sign_off", 0, "shah", {"patel", "lee"})).permitted());
  // With one place, the second holder is surplus: noted, not counted, not a denial.
  s.rules[3].required = {{"hwb_chair", 1}};
  const decision d = decide(s, make("plan_sign_off", 0, "shah", {"patel", "lee"}));
  CHECK(d.permitted());
  CHECK(d.rule == "DEL-08");
  CHECK(d.counted == std::vector<counted_approval>{{"patel", "hwb_chair"}});
  CHECK(has(d, reason_kind::surplus_approval));
}

TEST_CASE("check_scheme finds broken references") {
  scheme s = northmoor();
  s.holdings.push_back({"ghost", "icb_cfo", 2025y / 1 / 1, {}});
  s.holdings.push_back({"okafor", "chair", 2025y / 1 / 1, 2024y / 1 / 1});
  s.rules.push_back({"DEL-01", action::settlement, money::from_pence(-5), {{"icb_cfo", 0}}, ""});
  s.rules.push_back({"DEL-09", action::settlement, std::nullopt, {}, ""});
  s.rules.push_back({"DEL-10", action::settlement, std::nullopt, {{"icb_cfo", 1}}, ""});
  diagnostics d;
  check_scheme(s, d);
  CHECK(d.contains("governance.delegation.unknown_person"));
  CHECK(d.contains("governance.delegation.unknown_role"));
  CHECK(d.contains("governance.delegation.dates"));
  CHECK(d.contains("governance.delegation.duplicate"));
  CHECK(d.contains("governance.delegation.limit"));
  CHECK(d.contains("governance.delegation.no_approvers"));
  CHECK(d.contains("governance.delegation.ambiguous"));
  diagnostics clean;
  check_scheme(northmoor(), clean);
  CHECK(clean.empty());
}

TEST_CASE("property: every permitted decision has an authorised approver within the limit") {
  // Random schemes and requests; whatever decide() permits must have at least one counted
  // approver who is not the requester, who holds a role the deciding rule requires on the
  // request date, and an amount within the deciding rule's limit.
  std::mt19937_64 rng(20251130);
  const auto pick = [&rng](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const std::vector<std::string> people{"a", "b", "c", "d", "e"};
  const std::vector<std::string> roles{"r1", "r2", "r3"};
  std::size_t permitted = 0;
  for (int trial = 0; trial < 10000; ++trial) {
    scheme s;
    for (const auto& r : roles)
      s.roles.push_back({r, r, ""});
    for (const auto& p : people)
      s.people.push_back({p, p});
    const std::size_t holdings = 3 + pick(8);
    for (std::size_t i = 0; i < holdings; ++i) {
      const int start = static_cast<int>(pick(60));
      holding h{people[pick(people.size())],
                roles[pick(roles.size())],
                date{std::chrono::sys_days{2025y / 1 / 1} + std::chrono::days{start}},
                {}};
      if (pick(2) == 0) {
        h.to = date{std::chrono::sys_days{h.from} + std::chrono::days{static_cast<int>(pick(60))}};
      }
      s.holdings.push_back(h);
    }
    const std::size_t rules = 1 + pick(3);
    for (std::size_t i = 0; i < rules; ++i) {
      rule r;
      r.id = "R" + std::to_string(i);
      r.action = static_cast<action>(pick(2));
      if (pick(3) != 0) r.limit = money::from_pounds(static_cast<std::int64_t>(pick(1000)));
      const std::size_t reqs = pick(6) == 0 ? 0 : 1 + pick(2);  // sometimes none: never permits
      for (std::size_t k = 0; k < reqs; ++k)
        r.required.push_back(
            {roles[pick(roles.size())], pick(10) == 0 ? 0 : (pick(4) == 0 ? 2 : 1)});
      s.rules.push_back(r);
    }
    request q;
    q.action = std::string(to_string(static_cast<action>(pick(2))));
    q.amount = money::from_pounds(static_cast<std::int64_t>(pick(1200)) - 100);
    q.on =
        date{std::chrono::sys_days{2025y / 1 / 1} + std::chrono::days{static_cast<int>(pick(120))}};
    q.requester = pick(6) == 0 ? "zz" : people[pick(people.size())];
    const std::size_t approvals = 1 + pick(5);
    for (std::size_t k = 0; k < approvals; ++k)
      q.approvers.push_back(people[pick(people.size())]);

    const decision d = decide(s, q);
    if (!d.permitted()) {
      CHECK(std::any_of(d.reasons.begin(), d.reasons.end(),
                        [](const reason& x) { return is_denial(x.kind); }));
      continue;
    }
    ++permitted;
    const auto rit =
        std::find_if(s.rules.begin(), s.rules.end(), [&](const rule& r) { return r.id == d.rule; });
    REQUIRE(rit != s.rules.end());
    CHECK(to_string(rit->action) == q.action);
    CHECK((!rit->limit || q.amount <= *rit->limit));
    CHECK_FALSE(q.amount.is_negative());
    REQUIRE_FALSE(d.counted.empty());
    std::set<std::string> distinct;
    for (const counted_approval& a : d.counted) {
      CHECK(a.person != q.requester);
      CHECK(std::find(q.approvers.begin(), q.approvers.end(), a.person) != q.approvers.end());
      CHECK(s.holds(a.person, a.role, std::chrono::sys_days{q.on}));
      CHECK(std::any_of(rit->required.begin(), rit->required.end(),
                        [&](const requirement& x) { return x.role == a.role; }));
      distinct.insert(a.person);
    }
    CHECK(distinct.size() == d.counted.size());  // nobody counted twice
  }
  MESSAGE("permitted ", permitted, " of 10000");
  CHECK(permitted > 300);  // the generator does reach permitted decisions
}
