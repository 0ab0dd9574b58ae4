// Tests for joinedup/core/diagnostics.hpp: masking, JSON pointers, collection.
#include "joinedup/core/diagnostics.hpp"

#include <doctest/doctest.h>

using joinedup::diagnostics;
using joinedup::json_pointer;
using joinedup::mask_nhs_numbers;
using joinedup::severity;

TEST_CASE("NHS numbers are masked in any text, whatever the layout") {
  CHECK(mask_nhs_numbers("nhs 9434765919 bad") == "nhs ******5919 bad");
  CHECK(mask_nhs_numbers("943 476 5919") == "*** *** 5919");
  CHECK(mask_nhs_numbers("(943-476-5919)") == "(***-***-5919)");
  CHECK(mask_nhs_numbers("a9434765919b") == "a******5919b");
  // Longer or shorter digit runs are not NHS numbers and stay as they are.
  CHECK(mask_nhs_numbers("12345678901") == "12345678901");
  CHECK(mask_nhs_numbers("123456789") == "123456789");
  CHECK(mask_nhs_numbers("943 476 59190") == "943 476 59190");
  CHECK(mask_nhs_numbers("943 476-5919") == "943 476-5919");
  CHECK(mask_nhs_numbers("") == "");
  CHECK(mask_nhs_numbers("1234567890 and 943 476 5919") == "******7890 and *** *** 5919");
  // The digits of a decimal number are not an NHS number, even when they pass the check digit
  // (9434765919 does): a funnel limit "118044.9434765919" keeps every digit.
  using joinedup::nhs_mask;
  CHECK(mask_nhs_numbers("118044.9434765919", nhs_mask::valid_only) == "118044.9434765919");
  CHECK(mask_nhs_numbers("9434765919.5", nhs_mask::valid_only) == "9434765919.5");
  CHECK(mask_nhs_numbers("9434765919e-3", nhs_mask::valid_only) == "9434765919e-3");
  CHECK(mask_nhs_numbers("0.9434765919") == "0.9434765919");
  // A full stop ending a sentence is not a decimal point.
  CHECK(mask_nhs_numbers("NHS number 9434765919.", nhs_mask::valid_only) ==
        "NHS number ******5919.");
  CHECK(mask_nhs_numbers("\"9434765919\"", nhs_mask::valid_only) == "\"******5919\"");
}

TEST_CASE("json_pointer escapes keys as RFC 6901 requires") {
  CHECK(json_pointer{}.str().empty());
  CHECK(json_pointer{}.key("schemes").index(3).key("planned").str() == "/schemes/3/planned");
  CHECK(json_pointer{}.key("a/b").key("m~n").str() == "/a~1b/m~0n");
}

TEST_CASE("diagnostics collect, count and mask") {
  diagnostics d;
  CHECK(d.empty());
  CHECK_FALSE(d.has_errors());
  d.warning("io.json.unknown_field", "/x", "field 'x' is not part of this document");
  CHECK_FALSE(d.has_errors());
  d.error("core.nhs_number.check_digit", "/people/0", "9876544321 fails the check");
  d.add("io.json.syntax", severity::fatal, "", "not JSON");
  d.add(joinedup::diagnostic{"x.y.z", severity::info, "/a", "info 9434765919", 7});
  CHECK(d.size() == 4);
  CHECK(d.has_errors());
  CHECK(d.count(severity::warning) == 1);
  CHECK(d.count(severity::error) == 1);
  CHECK(d.count(severity::fatal) == 1);
  CHECK(d.contains("io.json.syntax"));
  CHECK_FALSE(d.contains("io.json.missing"));
  CHECK(d.find("core.nhs_number.check_digit")->message == "******4321 fails the check");
  CHECK(d[3].message == "info ******5919");
  CHECK(d[3].line == 7u);
  diagnostics outer;
  outer.append(d, "/fund");
  CHECK(outer[0].path == "/fund/x");
  CHECK(outer[2].path == "/fund");
  CHECK(joinedup::to_string(severity::fatal) == "fatal");
  CHECK(d[1].is_error());
  CHECK_FALSE(d[0].is_error());
}

// UTF-8 well-formedness as RFC 3629 section 4 defines it.
TEST_CASE("messages are always valid UTF-8: stray bytes and cut code points are escaped") {
  using joinedup::is_valid_utf8;
  using joinedup::printable_text;
  CHECK(printable_text("\xC2\xA3 12") == "\xC2\xA3 12");  // £ kept
  CHECK(printable_text("12\xE2\x82") == "12\\xE2\\x82");  // € cut in half
  CHECK(printable_text("a\xFF"
                       "b") ==
        "a\\xFF"
        "b");                                                    // never UTF-8
  CHECK(printable_text("a\nb\tc") == "a\\u000Ab\tc");            // one line, tab kept
  CHECK(is_valid_utf8(printable_text("\xED\xA0\x80\xC0\xAF")));  // surrogate, overlong
  // excerpt never cuts a code point: "€" is three bytes.
  CHECK(joinedup::excerpt("\xE2\x82\xAC\xE2\x82\xAC", 4) == "\xE2\x82\xAC\xE2\x80\xA6");
  joinedup::diagnostics d;
  d.error("x.y", "/a\xE2\x82", "found '12\xE2\x82'");
  CHECK(is_valid_utf8(d[0].message));
  CHECK(is_valid_utf8(d[0].path));
  CHECK(d[0].message == "found '12\\xE2\\x82'");
}

TEST_CASE("diagnostics keep the first N of each code and count the rest") {
  joinedup::diagnostics d(3);
  for (int i = 0; i < 10; ++i)
    d.error("a.b", "/rows/" + std::to_string(i), "bad row");
  d.warning("c.d", "", "other");
  // 3 kept + 1 summary for a.b, 1 for c.d.
  REQUIRE(d.size() == 5u);
  CHECK(d[2].path == "/rows/2");
  CHECK(d[3].code == "a.b");
  CHECK(d[3].path.empty());
  CHECK(d[3].message.rfind("7 more diagnostics with code a.b were counted", 0) == 0);
  CHECK(d.count(severity::error) == 10u);  // counts include the ones left out
  CHECK(d.left_out() == 7u);
  CHECK(d.total() == 11u);
  // Appending carries the left-out count over.
  joinedup::diagnostics all(3);
  all.append(d);
  CHECK(all.count(severity::error) == 10u);
  CHECK(all.left_out() == 7u);
  CHECK(all.size() == 5u);
  // A million bad rows keep memory flat: the default keeps 100 per code.
  joinedup::diagnostics many;
  for (int i = 0; i < 1000000; ++i)
    many.error("a.b", "", "bad");
  CHECK(many.size() == joinedup::diagnostics::default_per_code_limit + 1);
  CHECK(many.count(severity::error) == 1000000u);
}

TEST_CASE("a reporter's scopes build the path of each finding and restore it") {
  joinedup::diagnostics d;
  joinedup::reporter r(d);
  {
    auto plans = r.scope("plans", 3);
    CHECK(r.path() == "/plans/3");
    {
      auto s = r.scope("services", 0);
      r.error_at("units", "care.service.units", "units must be positive");
      r.warning("care.service.note", "note");
    }
    CHECK(r.path() == "/plans/3");
    auto odd = r.scope("a/b~c");
    r.error("x.y", "escaped");
  }
  CHECK(r.path().empty());
  REQUIRE(d.size() == 3);
  CHECK(d[0].path == "/plans/3/services/0/units");
  CHECK(d[1].path == "/plans/3/services/0");
  CHECK(d[1].severity == severity::warning);
  CHECK(d[2].path == "/plans/3/a~1b~0c");
}
