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
// with enum_name(e) and parse_enum<E>(text) over it. This header is std-only.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// Whether a field must be in a document, and whether the writer leaves it out.
enum class presence : std::uint8_t {
  required,    ///< must be present; written always
  optional,    ///< may be absent (the member keeps its default); written always
  omit_empty,  ///< may be absent; not written while it equals its default (empty, nullopt)
};

/// One field of a document: its name there, the member it is read into, and its presence.
template <class T, class M>
struct field_description {
  std::string_view name;  ///< the member's name in the document
  M T::*member;           ///< the C++ member
  presence how;           ///< required, optional or omit_empty
  using owner_type = T;   ///< the struct the field belongs to
  using member_type = M;  ///< the member's C++ type
};

/// Describes a field; `presence::required` unless said otherwise.
template <class T, class M>
constexpr field_description<T, M> field(std::string_view name, M T::*member,
                                        presence how = presence::required) noexcept {
  return field_description<T, M>{name, member, how};
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

JOINEDUP_END_NAMESPACE
