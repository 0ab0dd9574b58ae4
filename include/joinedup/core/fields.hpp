// joinedup: one description of a document's fields and one name table per enumeration.
//
// Beside a struct that is read from or written to a document, one field list says, once, what
// each member is called in the document and whether it must be there:
//
//   template <>
//   inline constexpr auto fields_of<io::area_partner> = std::tuple{
//       field("key", &io::area_partner::key),
//       field("name", &io::area_partner::name),
//       field("ods_code", &io::area_partner::ods_code, presence::omit_empty)};
//
// The kind of each member (text, money, date, a list, a nested document, an enumeration…)
// follows from its C++ type. One generic reader, writer, unknown-field check and schema check
// (in the library's I/O layer) walk these lists, so a field is never bound by position and a
// new field cannot silently shift the others.
//
// An enumeration has one name table, in the order of its values:
//
//   template <>
//   inline constexpr auto enum_names<partner_kind> = std::array<std::string_view, 3>{
//       "icb", "council", "other_nhs"};
//
// with enum_name(e) and parse_enum<E>(text) over it. shape_of<T>() gives what a document of T
// looks like (names, required fields, JSON types, enumeration values), which the suite checks
// against the JSON Schemas in data/schema/. This header is std-only.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// Whether a field must be in a document, and whether the writer leaves it out.
enum class presence : std::uint8_t {
  required,    ///< must be present; written always
  optional,    ///< may be absent (the member keeps its default); written always
  omit_empty,  ///< may be absent; not written while it equals its default (empty, nullopt)
  /// A described struct whose fields stand in the enclosing object itself rather than in a
  /// member of their own (the risk-share rule's "overspend" and "underspend" beside the other
  /// risk-share fields); each of its own fields says whether it is required.
  flatten,
  /// As flatten, but every field of the flattened struct may be absent: a part that gives only
  /// what differs from a default (a risk-share override's rule).
  flatten_optional,
};

/// How a value is written as text where its type has more than one form in documents.
enum class text_form : std::uint8_t {
  natural,         ///< the type's own form: a ratio as "0.6" (or "1/3")
  percent_number,  ///< a ratio as a number of percent without the sign: "60" is 3/5, "100/3" 1/3
  percent_sign,    ///< a ratio read in any form ("0.6", "60%", "3/5"), written "60%"
};

/// One field of a document: its name there, the member it is read into, its presence and the
/// form of its text.
template <class T, class M>
struct field_description {
  std::string_view name;                ///< the member's name in the document
  M T::*member;                         ///< the C++ member
  presence how;                         ///< required, optional, omit_empty or flatten
  text_form form = text_form::natural;  ///< the text form of a ratio
  using owner_type = T;                 ///< the struct the field belongs to
  using member_type = M;                ///< the member's C++ type
};

/// Describes a field; `presence::required` and the type's natural text form unless said
/// otherwise.
template <class T, class M>
constexpr field_description<T, M> field(std::string_view name, M T::*member,
                                        presence how = presence::required,
                                        text_form form = text_form::natural) noexcept {
  return field_description<T, M>{name, member, how, form};
}

/// Describes a member whose own fields stand in the enclosing object: presence::flatten, or
/// presence::flatten_optional when each of them may be absent.
template <class T, class M>
constexpr field_description<T, M> flattened(M T::*member,
                                            presence how = presence::flatten) noexcept {
  return field_description<T, M>{{}, member, how, text_form::natural};
}

/// Marker for a type that has no field list.
struct no_fields {};

/// The field list of `T`: a std::tuple of field_description, specialised beside the struct.
template <class T>
inline constexpr auto fields_of = no_fields{};

/// True for a type whose fields are described.
template <class T>
concept described = !std::is_same_v<std::remove_cvref_t<decltype(fields_of<T>)>, no_fields>;

/// Marker for an enumeration without a name table.
struct no_names {};

/// The interchange names of an enumeration's values, in the order of the values (0, 1, …):
/// a std::array<std::string_view, N>, specialised beside the enum.
template <class E>
inline constexpr auto enum_names = no_names{};

/// True for an enumeration with a name table.
template <class E>
concept named_enum =
    std::is_enum_v<E> && !std::is_same_v<std::remove_cvref_t<decltype(enum_names<E>)>, no_names>;

/// The interchange name of `e` ("" for a value outside the table).
template <named_enum E>
constexpr std::string_view enum_name(E e) noexcept {
  const auto i = static_cast<std::size_t>(e);
  return i < enum_names<E>.size() ? enum_names<E>[i] : std::string_view{};
}

/// The value whose interchange name is `text`, or nullopt.
template <named_enum E>
constexpr std::optional<E> parse_enum(std::string_view text) noexcept {
  for (std::size_t i = 0; i < enum_names<E>.size(); ++i) {
    if (enum_names<E>[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// The names of `E` joined by ", ", for messages that list the allowed values.
template <named_enum E>
std::string enum_name_list() {
  std::string out;
  for (std::string_view n : enum_names<E>) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

/// Calls `f(field)` for every field of `T`, in order.
template <described T, class F>
constexpr void for_each_field(F&& f) {
  std::apply([&](const auto&... each) { (f(each), ...); }, fields_of<T>);
}

/// The shape of a value in a document, as its JSON Schema describes it: what the generic reader
/// accepts, for checking the schemas in data/schema/ against the field lists.
struct field_shape {
  std::string name;                     ///< the field's name ("" for a document or an item)
  bool required = false;                ///< the field must be present
  std::string_view type;                ///< string, boolean, integer, number, array or object
  std::vector<std::string_view> names;  ///< the allowed values of an enumeration
  std::vector<field_shape> fields;      ///< an object's fields, flattened ones in place
  std::vector<field_shape> items;       ///< an array's item shape (one element)
};

namespace detail {
/// True for std::optional<T> (fields of shape_of).
template <class T>
inline constexpr bool shape_optional_v = false;
/// True for std::optional<T> (fields of shape_of).
template <class T>
inline constexpr bool shape_optional_v<std::optional<T>> = true;
/// True for std::vector<T> (fields of shape_of).
template <class T>
inline constexpr bool shape_vector_v = false;
/// True for std::vector<T> (fields of shape_of).
template <class T, class A>
inline constexpr bool shape_vector_v<std::vector<T, A>> = true;
}  // namespace detail

/// The shape of a value of type `T` in a document. Every type the generic reader reads as text
/// (money, rates, ratios, dates, financial years, ids) is a string.
template <class T>
field_shape shape_of() {
  field_shape s;
  if constexpr (detail::shape_optional_v<T>) {
    s = shape_of<typename T::value_type>();
  } else if constexpr (std::is_same_v<T, bool>) {
    s.type = "boolean";
  } else if constexpr (std::is_integral_v<T>) {
    s.type = "integer";
  } else if constexpr (std::is_floating_point_v<T>) {
    s.type = "number";
  } else if constexpr (named_enum<T>) {
    s.type = "string";
    s.names.assign(enum_names<T>.begin(), enum_names<T>.end());
  } else if constexpr (detail::shape_vector_v<T>) {
    s.type = "array";
    s.items.push_back(shape_of<typename T::value_type>());
  } else if constexpr (described<T>) {
    s.type = "object";
    for_each_field<T>([&](const auto& f) {
      using M = typename std::remove_cvref_t<decltype(f)>::member_type;
      field_shape member = shape_of<M>();
      if (f.how == presence::flatten || f.how == presence::flatten_optional) {
        for (field_shape& inner : member.fields) {
          inner.required = inner.required && f.how == presence::flatten;
          s.fields.push_back(std::move(inner));
        }
        return;
      }
      member.name = std::string(f.name);
      member.required = f.how == presence::required;
      s.fields.push_back(std::move(member));
    });
  } else {
    s.type = "string";
  }
  return s;
}

JOINEDUP_END_NAMESPACE
