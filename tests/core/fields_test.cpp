// Tests for joinedup/core/fields.hpp: field lists and enumeration name tables.
#include "joinedup/core/fields.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {
enum class colour { red, green, blue };
struct paint {
  std::string name;
  colour shade = colour::red;
  int litres = 0;
};
}  // namespace

template <>
inline constexpr auto joinedup::enum_names<colour> =
    std::array<std::string_view, 3>{"red", "green", "blue"};

template <>
inline constexpr auto joinedup::fields_of<paint> =
    std::tuple{joinedup::field("name", &paint::name),
               joinedup::field("shade", &paint::shade, joinedup::presence::optional),
               joinedup::field("litres", &paint::litres, joinedup::presence::omit_empty)};

TEST_CASE("an enumeration's one name table gives names and values both ways") {
  static_assert(joinedup::named_enum<colour>);
  CHECK(joinedup::enum_name(colour::green) == "green");
  CHECK(joinedup::parse_enum<colour>("blue") == colour::blue);
  CHECK_FALSE(joinedup::parse_enum<colour>("Blue").has_value());  // names are exact
  CHECK(joinedup::enum_name_list<colour>() == "red, green, blue");
  CHECK(joinedup::enum_name(static_cast<colour>(7)).empty());
}

TEST_CASE("a field list names each member once, in order, with its presence") {
  static_assert(joinedup::described<paint>);
  static_assert(!joinedup::described<int>);
  std::vector<std::string> names;
  std::vector<joinedup::presence> how;
  joinedup::for_each_field<paint>([&](const auto& f) {
    names.emplace_back(f.name);
    how.push_back(f.how);
  });
  CHECK(names == std::vector<std::string>{"name", "shade", "litres"});
  CHECK(how[0] == joinedup::presence::required);
  CHECK(how[2] == joinedup::presence::omit_empty);
  paint p{"ochre", colour::blue, 5};
  CHECK(p.*(std::get<0>(joinedup::fields_of<paint>).member) == "ochre");
}
