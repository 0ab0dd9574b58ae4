// Tests for joinedup/core/ids.hpp. Expected values come from docs/sources.md §S-NHS-NUMBER,
// §S-NHS-NUMBER-VECTORS, §S-NHS-NUMBER-RANGES (NHS number; older number §6.1), §S-ODS-CODES
// (ODS codes; §6.2) and §S-GSS-CODES, §S-GSS-UPPER-TIER (GSS codes; §6.3).
#include "joinedup/core/ids.hpp"

#include <doctest/doctest.h>

#include <concepts>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

namespace {

using joinedup::gss_code;
using joinedup::gss_kind;
using joinedup::nhs_number;
using joinedup::ods_code;
using joinedup::ods_kind;

/// True when values of A and B can be compared with each other (== or <=>) or one converts to
/// or constructs the other: what two distinct id types must never allow.
template <class A, class B>
concept mixable = requires(const A& a, const B& b) {
  a == b;
}
|| requires(const A& a, const B& b) {
  a <=> b;
}
|| std::convertible_to<A, B> || std::constructible_from<B, A>;

// The concept is not vacuous: an id mixes with itself.
static_assert(mixable<joinedup::scheme_id, joinedup::scheme_id>);
static_assert(!mixable<joinedup::scheme_id, joinedup::line_id>);
static_assert(!mixable<joinedup::line_id, joinedup::scheme_id>);
static_assert(!mixable<joinedup::plan_id, joinedup::scheme_id>);
// A plain string does not silently become an id, but can be wrapped explicitly.
static_assert(!std::convertible_to<std::string, joinedup::scheme_id>);
static_assert(std::constructible_from<joinedup::scheme_id, std::string>);
static_assert(std::totally_ordered<joinedup::scheme_id>);

// §6.1 worked vectors, checked at compile time: 9434765919 (sum 299, r 2, check 9),
// 6541003238 (r 3, check 8), 6744424270 (r 0 -> 11 -> 0), 9991234560 (r 1 -> 10: none issued).
static_assert(nhs_number::check_digit_for("943476591") == 9);
static_assert(nhs_number::check_digit_for("654100323") == 8);
static_assert(nhs_number::check_digit_for("674442427") == 0);
static_assert(!nhs_number::check_digit_for("999123456").has_value());
static_assert(!nhs_number::check_digit_for("94347659").has_value());   // eight digits
static_assert(!nhs_number::check_digit_for("943 47659").has_value());  // not a digit
static_assert(nhs_number::is_valid("943 476 5919"));
static_assert(!nhs_number::is_valid("987 654 4321"));

}  // namespace

TEST_SUITE("core.ids") {
  TEST_CASE("nhs_number accepts the valid vectors of §6.1") {
    // §6.1: 9434765919, 6541003238 and 6744424270 pass Modulus 11.
    for (const char* text : {"9434765919", "6541003238", "6744424270"}) {
      CAPTURE(text);
      const auto n = nhs_number::parse(text);
      REQUIRE(n.has_value());
      CHECK(n->digits() == text);
      CHECK(nhs_number::is_valid(text));
    }
  }

  TEST_CASE("nhs_number rejects the invalid vectors of §6.1 with core.nhs_number.check_digit") {
    // §6.1: 9991234560 gives check value 10 (never issued); 9876544321 has check 2, not 1.
    for (const char* text : {"9991234560", "9876544321", "999 123 4560", "987-654-4321"}) {
      CAPTURE(text);
      const auto n = nhs_number::parse(text);
      REQUIRE_FALSE(n.has_value());
      CHECK(n.error().code == "core.nhs_number.check_digit");
      CHECK(n.error().severity == joinedup::severity::error);
      CHECK_FALSE(nhs_number::is_valid(text));
    }
  }

  TEST_CASE("nhs_number check-digit messages show only the masked number") {
    const auto wrong = nhs_number::parse("9876544321");
    REQUIRE_FALSE(wrong.has_value());
    const std::string& m = wrong.error().message;
    CHECK(m.find("*** *** 4321") != std::string::npos);
    CHECK(m.find("9876544321") == std::string::npos);
    CHECK(m.find("987 654 4321") == std::string::npos);
    CHECK(m.find("987654432") == std::string::npos);  // not even the first nine digits
    CHECK(m.find("is 1 but its first nine digits give 2") != std::string::npos);

    const auto ten = nhs_number::parse("999 123 4560");
    REQUIRE_FALSE(ten.has_value());
    CHECK(ten.error().message.find("*** *** 4560") != std::string::npos);
    CHECK(ten.error().message.find("999 123") == std::string::npos);
    CHECK(ten.error().message.find("check value 10") != std::string::npos);
  }

  TEST_CASE("nhs_number display forms") {
    const auto n = nhs_number::parse("9434765919");
    REQUIRE(n.has_value());
    CHECK(n->digits() == "9434765919");
    CHECK(n->formatted() == "943 476 5919");
    CHECK(n->masked() == "*** *** 5919");
    // masked() survives mask_nhs_numbers unchanged, so it is safe to put in any message.
    CHECK(joinedup::mask_nhs_numbers(n->masked()) == n->masked());
  }

  TEST_CASE("nhs_number layouts accepted") {
    for (const char* text :
         {"9434765919", "943 476 5919", "943-476-5919", "  9434765919\t", "\n943 476 5919 \r\n"}) {
      CAPTURE(text);
      const auto n = nhs_number::parse(text);
      REQUIRE(n.has_value());
      CHECK(n->digits() == "9434765919");
    }
  }

  TEST_CASE("nhs_number layouts rejected with core.nhs_number.syntax") {
    for (const char* text :
         {"943 4765919", "94347659191", "943_476_5919", "", "   ", "943 476-5919", "94 3476 5919",
          "943  476 5919", "943476591", "９434765919", "+449434765919"}) {
      CAPTURE(text);
      const auto n = nhs_number::parse(text);
      REQUIRE_FALSE(n.has_value());
      CHECK(n.error().code == "core.nhs_number.syntax");
      CHECK_FALSE(nhs_number::is_valid(text));
    }
  }

  TEST_CASE("nhs_number syntax messages never repeat the input digits") {
    // Eleven digits are not masked by mask_nhs_numbers, so the parser must not echo them.
    const auto eleven = nhs_number::parse("94347659191");
    REQUIRE_FALSE(eleven.has_value());
    CHECK(eleven.error().message.find("9434765919") == std::string::npos);
    CHECK(eleven.error().message.find("4347659191") == std::string::npos);
    CHECK(eleven.error().message.find("found 11 digits") != std::string::npos);

    const auto nine = nhs_number::parse("943476591");
    REQUIRE_FALSE(nine.has_value());
    CHECK(nine.error().message.find("943476591") == std::string::npos);
    CHECK(nine.error().message.find("found 9 digits") != std::string::npos);

    const auto underscore = nhs_number::parse("943_476_5919");
    REQUIRE_FALSE(underscore.has_value());
    CHECK(underscore.error().message.find("'_' at position 4") != std::string::npos);
    CHECK(underscore.error().message.find("5919") == std::string::npos);

    const auto spaced = nhs_number::parse("943 4765919");
    REQUIRE_FALSE(spaced.has_value());
    CHECK(spaced.error().message.find("4765919") == std::string::npos);
    CHECK(spaced.error().message.find("separators") != std::string::npos);
  }

  TEST_CASE("nhs_number comparison, ordering, hashing and test range") {
    const auto a = nhs_number::parse("9434765919").value();
    const auto b = nhs_number::parse("943-476-5919").value();
    const auto c = nhs_number::parse("6541003238").value();
    CHECK(a == b);
    CHECK(a != c);
    CHECK(c < a);
    CHECK((a <=> c) == std::strong_ordering::greater);
    const std::unordered_set<nhs_number> set{a, b, c};
    CHECK(set.size() == 2);
    // §6.1 [R]: 999 000 0000–999 999 9999 is described as a test range. 9990000018 passes
    // Modulus 11 (sum 9*10 + 9*9 + 9*8 + 1*2 = 245, r 3, check 8), checked by hand.
    const auto test_number = nhs_number::parse("999 000 0018");
    REQUIRE(test_number.has_value());
    CHECK(test_number->in_test_range());
    CHECK_FALSE(a.in_test_range());
    // 9980000007 (sum 9*10 + 9*9 + 8*8 = 235, r 4, check 7) is valid but outside the range.
    CHECK_FALSE(nhs_number::parse("9980000007").value().in_test_range());
    CHECK_FALSE(c.in_test_range());
  }

  TEST_CASE("ods_code kinds for the examples of §6.2") {
    struct row {
      const char* text;
      ods_kind kind;
    };
    for (const row r : {
             row{"RCF", ods_kind::nhs_trust},
             row{"RBS", ods_kind::nhs_trust},
             row{"RM9", ods_kind::nhs_trust},
             row{"RTK", ods_kind::nhs_trust},
             row{"RH802", ods_kind::nhs_trust_site},
             row{"QHM", ods_kind::icb},
             row{"QYG", ods_kind::icb},
             row{"QK1", ods_kind::icb},
             row{"00L", ods_kind::sub_icb_location},
             row{"16C", ods_kind::sub_icb_location},
             row{"84H", ods_kind::sub_icb_location},
             row{"F86639", ods_kind::gp_practice},
             row{"E87014", ods_kind::gp_practice},
             row{"Y63", ods_kind::nhs_region},
             row{"503", ods_kind::local_authority},
             // Shape-only cases (not real codes): the ANANA local-authority shape, and shapes
             // §6.2 does not describe.
             row{"A1B2C", ods_kind::local_authority},
             row{"R1H1A", ods_kind::nhs_trust_site},  // fits both; R-prefix shape wins
             row{"A1B2", ods_kind::unknown},
             row{"1A2B3", ods_kind::unknown},
             row{"F8663", ods_kind::unknown},
             row{"F8663X", ods_kind::unknown},
             row{"0L0", ods_kind::unknown},
             row{"ABC", ods_kind::unknown},
             row{"X", ods_kind::unknown},
             row{"123456", ods_kind::unknown},
             row{"R12345", ods_kind::gp_practice},
         }) {
      CAPTURE(r.text);
      const auto code = ods_code::parse(r.text);
      REQUIRE(code.has_value());
      CHECK(code->str() == r.text);
      CHECK(code->kind() == r.kind);
    }
  }

  TEST_CASE("ods_code upper-cases, trims and rejects non-codes") {
    const auto lower = ods_code::parse(" rh802 ");
    REQUIRE(lower.has_value());
    CHECK(lower->str() == "RH802");
    CHECK(lower->kind() == ods_kind::nhs_trust_site);
    CHECK(*lower == ods_code::parse("RH802").value());
    CHECK(ods_code::parse("ABCDEFG").has_value());  // 7 characters: the loose upper limit

    for (const char* text : {"", "  ", "R-1", "RH8 02", "ABCDEFGH", "Q\xc3\x89M"}) {
      CAPTURE(text);
      const auto code = ods_code::parse(text);
      REQUIRE_FALSE(code.has_value());
      CHECK(code.error().code == "core.ods_code.syntax");
    }
    const auto bad = ods_code::parse("r-1");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message.find("\"R-1\"") != std::string::npos);
  }

  TEST_CASE("ods_code and gss_code messages do not echo a possible NHS number") {
    const auto ods = ods_code::parse("94347659191");
    REQUIRE_FALSE(ods.has_value());
    CHECK(ods.error().message.find("9434765919") == std::string::npos);
    CHECK(ods.error().message.find("11 characters") != std::string::npos);
    const auto gss = gss_code::parse("E9434765919");
    REQUIRE_FALSE(gss.has_value());
    CHECK(gss.error().message.find("9434765919") == std::string::npos);
  }

  TEST_CASE("to_string(ods_kind) gives snake_case names") {
    CHECK(joinedup::to_string(ods_kind::nhs_trust) == "nhs_trust");
    CHECK(joinedup::to_string(ods_kind::nhs_trust_site) == "nhs_trust_site");
    CHECK(joinedup::to_string(ods_kind::icb) == "icb");
    CHECK(joinedup::to_string(ods_kind::sub_icb_location) == "sub_icb_location");
    CHECK(joinedup::to_string(ods_kind::gp_practice) == "gp_practice");
    CHECK(joinedup::to_string(ods_kind::nhs_region) == "nhs_region");
    CHECK(joinedup::to_string(ods_kind::local_authority) == "local_authority");
    CHECK(joinedup::to_string(ods_kind::unknown) == "unknown");
  }

  TEST_CASE("gss_code kinds for the entity prefixes of §6.3") {
    struct row {
      const char* text;
      gss_kind kind;
      bool upper_tier;
    };
    for (const row r : {
             row{"E06000001", gss_kind::unitary_authority, true},
             row{"E07000008", gss_kind::non_metropolitan_district, false},
             row{"E08000021", gss_kind::metropolitan_district, true},
             row{"E09000001", gss_kind::london_borough, true},
             row{"E10000019", gss_kind::county, true},
             row{"E12000001", gss_kind::region, false},
             row{"E38000130", gss_kind::sub_icb_location, false},  // §6.3: ↔ ODS 00L
             row{"E40000012", gss_kind::nhs_region, false},
             row{"E54000050", gss_kind::icb, false},
             row{"E92000001", gss_kind::country, false},  // England
             // Prefixes §6.3 does not list are `other`, including the Welsh W06.
             row{"W06000001", gss_kind::other, false},
             row{"E11000001", gss_kind::other, false},
         }) {
      CAPTURE(r.text);
      const auto code = gss_code::parse(r.text);
      REQUIRE(code.has_value());
      CHECK(code->str() == r.text);
      CHECK(code->entity() == std::string_view(r.text).substr(0, 3));
      CHECK(code->kind() == r.kind);
      CHECK(code->is_upper_tier_authority() == r.upper_tier);
    }
  }

  TEST_CASE("gss_code upper-cases input and rejects other shapes") {
    const auto lower = gss_code::parse("e06000001");
    REQUIRE(lower.has_value());
    CHECK(lower->str() == "E06000001");
    CHECK(lower->entity() == "E06");
    CHECK(lower->kind() == gss_kind::unitary_authority);

    for (const char* text :
         {"E0600001", "E060000011", "", "E06 000001", "EE6000001", "006000001", "E0600000A"}) {
      CAPTURE(text);
      const auto code = gss_code::parse(text);
      REQUIRE_FALSE(code.has_value());
      CHECK(code.error().code == "core.gss_code.syntax");
      CHECK(code.error().severity == joinedup::severity::error);
    }
    const auto short_code = gss_code::parse("E0600001");
    REQUIRE_FALSE(short_code.has_value());
    CHECK(short_code.error().message.find("\"E0600001\"") != std::string::npos);
  }

  TEST_CASE("to_string(gss_kind) gives snake_case names") {
    CHECK(joinedup::to_string(gss_kind::unitary_authority) == "unitary_authority");
    CHECK(joinedup::to_string(gss_kind::non_metropolitan_district) == "non_metropolitan_district");
    CHECK(joinedup::to_string(gss_kind::metropolitan_district) == "metropolitan_district");
    CHECK(joinedup::to_string(gss_kind::london_borough) == "london_borough");
    CHECK(joinedup::to_string(gss_kind::county) == "county");
    CHECK(joinedup::to_string(gss_kind::region) == "region");
    CHECK(joinedup::to_string(gss_kind::sub_icb_location) == "sub_icb_location");
    CHECK(joinedup::to_string(gss_kind::nhs_region) == "nhs_region");
    CHECK(joinedup::to_string(gss_kind::icb) == "icb");
    CHECK(joinedup::to_string(gss_kind::country) == "country");
    CHECK(joinedup::to_string(gss_kind::other) == "other");
  }

  TEST_CASE("code comparison and hashing") {
    const auto rcf = ods_code::parse("RCF").value();
    const auto qhm = ods_code::parse("QHM").value();
    CHECK(rcf != qhm);
    CHECK(qhm < rcf);
    CHECK(std::unordered_set<ods_code>{rcf, qhm, ods_code::parse("rcf").value()}.size() == 2);

    const auto e06 = gss_code::parse("E06000001").value();
    const auto e54 = gss_code::parse("E54000050").value();
    CHECK(e06 < e54);
    CHECK(e06 == gss_code::parse("e06000001").value());
    CHECK(std::unordered_set<gss_code>{e06, e54, gss_code::parse(" E54000050").value()}.size() ==
          2);
  }

  TEST_CASE("id<Tag> wraps its text, compares within a tag and hashes") {
    const joinedup::scheme_id a("S-001");
    const joinedup::scheme_id b(std::string("S-002"));
    CHECK(a.str() == "S-001");
    CHECK_FALSE(a.empty());
    CHECK(joinedup::scheme_id{}.empty());
    CHECK(a != b);
    CHECK(a < b);
    CHECK(a == joinedup::scheme_id("S-001"));
    const std::set<joinedup::scheme_id> ordered{b, a};
    CHECK(ordered.begin()->str() == "S-001");
    const std::unordered_set<joinedup::line_id> lines{
        joinedup::line_id("L1"), joinedup::line_id("L1"), joinedup::line_id("L2")};
    CHECK(lines.size() == 2);
    CHECK(lines.count(joinedup::line_id("L2")) == 1);
  }
}
