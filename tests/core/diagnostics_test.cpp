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
