// joinedup (private): the one generic JSON reader and writer of described documents. It walks
// the field lists of joinedup/core/fields.hpp, so each document's fields are named once: the
// reader checks required fields, warns about unknown ones and reads every member by its C++
// type; the writer writes them back in the same order. Used only inside src/.
#pragma once

#include <chrono>
#include <concepts>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "joinedup/core/fields.hpp"
#include "joinedup/core/ids.hpp"
#include "joinedup/core/number_text.hpp"
#include "joinedup/core/rate.hpp"
#include "joinedup/core/ratio.hpp"
#include "json_reader.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {

/// True for std::optional<T>.
template <class T>
inline constexpr bool is_optional_v = false;
/// True for std::optional<T>.
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

/// True for std::vector<T>.
template <class T>
inline constexpr bool is_vector_v = false;
/// True for std::vector<T>.
template <class T, class A>
inline constexpr bool is_vector_v<std::vector<T, A>> = true;

/// True for joinedup::id<Tag>.
template <class T>
inline constexpr bool is_id_v = false;
/// True for joinedup::id<Tag>.
template <class Tag>
inline constexpr bool is_id_v<id<Tag>> = true;

/// Adds io.json.type: `what` was expected at `at`, something else was found.
inline bool wrong_type(const json& v, std::string_view what, const json_pointer& at,
                       diagnostics& d) {
  d.error("io.json.type", at.str(),
          "expected " + std::string(what) + ", found " +
              (v.is_string() ? "the string " + excerpt(v.get_ref<const std::string&>(), 40)
                             : std::string(v.type_name())));
  return false;
}

/// Reads a value parsed from a string by `parse` (a result-returning factory).
template <class T, class Parse>
bool read_parsed(const json& v, T& out, const json_pointer& at, diagnostics& d, Parse parse,
                 std::string_view what) {
  if (!v.is_string()) return wrong_type(v, what, at, d);
  auto r = parse(v.get_ref<const std::string&>());
  if (!collect(r, d, at.str())) return false;
  out = *r;
  return true;
}

template <class T>
bool read_value(const json& v, T& out, const json_pointer& at, diagnostics& d,
                text_form form = text_form::natural);

/// True for a field whose struct's own fields stand in the enclosing object.
constexpr bool is_flattened(presence how) noexcept {
  return how == presence::flatten || how == presence::flatten_optional;
}

/// True when `key` names a field of `T` (or of a struct flattened into it).
template <described T>
bool is_field_of(std::string_view key) {
  bool known = false;
  for_each_field<T>([&](const auto& f) {
    using M = typename std::remove_cvref_t<decltype(f)>::member_type;
    if constexpr (described<M>) {
      if (is_flattened(f.how)) {
        known = known || is_field_of<M>(key);
        return;
      }
    }
    known = known || f.name == key;
  });
  return known;
}

/// Reads the fields of `T` from the object `v`, without looking for members it does not know;
/// with `all_optional`, a missing required field is not an error.
template <described T>
bool read_members(const json& v, T& out, const json_pointer& at, diagnostics& d,
                  bool all_optional = false) {
  bool ok = true;
  for_each_field<T>([&](const auto& f) {
    using M = typename std::remove_cvref_t<decltype(f)>::member_type;
    if constexpr (described<M>) {
      if (is_flattened(f.how)) {
        ok = read_members(v, out.*(f.member), at, d,
                          all_optional || f.how == presence::flatten_optional) &&
             ok;
        return;
      }
    }
    const auto found = v.find(f.name);
    if (found == v.end()) {
      if (f.how == presence::required && !all_optional) {
        d.error("io.json.missing", at.key(f.name).str(),
                "required field '" + std::string(f.name) + "' is missing");
        ok = false;
      }
      return;
    }
    ok = read_value(*found, out.*(f.member), at.key(f.name), d, f.form) && ok;
  });
  return ok;
}

/// Reads the members of a described struct from the object `v`. Members not in the field list
/// are warned about (io.json.unknown_field) and not read; `also_known` names members handled
/// elsewhere (the "schema" tag of a document).
template <described T>
bool read_fields(const json& v, T& out, const json_pointer& at, diagnostics& d,
                 std::initializer_list<std::string_view> also_known = {}) {
  if (!v.is_object()) return wrong_type(v, "an object", at, d);
  for (auto it = v.begin(); it != v.end(); ++it) {
    bool known = is_field_of<T>(it.key());
    for (std::string_view k : also_known)
      known = known || k == it.key();
    if (!known) {
      d.warning("io.json.unknown_field", at.key(it.key()).str(),
                "field '" + it.key() +
                    "' is not part of this document and was not read; check its spelling");
    }
  }
  return read_members(v, out, at, d);
}

/// Parses a ratio in the text form `form` (see text_form).
inline result<ratio> parse_ratio(const std::string& text, text_form form) {
  if (form != text_form::percent_number) return ratio::parse(text);
  // A number of percent: "60" is 60 %, and a fraction "100/3" is that many percent.
  if (text.find('/') == std::string::npos) return ratio::parse(text + "%");
  result<ratio> r = ratio::parse(text);
  if (!r) return r;
  return *r * ratio::of(1, 100);
}

/// Reads one value by its C++ type: text, booleans, whole numbers, floating numbers, money, rates,
/// ratios, dates, financial years, ids, named enumerations, optional values (null or absent), lists
/// and described structs. Gives false (with a diagnostic) when the value is not of that kind.
template <class T>
bool read_value(const json& v, T& out, const json_pointer& at, diagnostics& d, text_form form) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) return wrong_type(v, "a string", at, d);
    out = v.get<std::string>();
    return true;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_boolean()) return wrong_type(v, "true or false", at, d);
    out = v.get<bool>();
    return true;
  } else if constexpr (std::is_floating_point_v<T>) {
    // Statistics only (confidence levels, multipliers): never money, which is a decimal string.
    if (!v.is_number()) return wrong_type(v, "a number", at, d);
    out = v.get<T>();
    return true;
  } else if constexpr (std::is_integral_v<T>) {
    const bool fits =
        v.is_number_unsigned()
            ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
        : v.is_number_integer()
            ? (std::is_signed_v<T> ? v.get<std::int64_t>() >=
                                         static_cast<std::int64_t>(std::numeric_limits<T>::min())
                                   : v.get<std::int64_t>() >= 0)
            : false;
    if (!fits) return wrong_type(v, "a whole number in range", at, d);
    out = v.is_number_unsigned() ? static_cast<T>(v.get<std::uint64_t>())
                                 : static_cast<T>(v.get<std::int64_t>());
    return true;
  } else if constexpr (std::is_same_v<T, money>) {
    if (v.is_number()) {
      d.error("io.json.type", at.str(),
              "money must be a decimal string such as \"" + v.dump() +
                  "\", not a JSON number, so that no value is rounded on the way in");
      return false;
    }
    return read_parsed(v, out, at, d, money::parse, "a decimal string such as \"123.45\"");
  } else if constexpr (std::is_same_v<T, rate>) {
    return read_parsed(v, out, at, d, rate::parse, "a decimal string such as \"23.4567\"");
  } else if constexpr (std::is_same_v<T, ratio>) {
    return read_parsed(
        v, out, at, d, [form](const std::string& t) { return parse_ratio(t, form); },
        form == text_form::percent_number ? "a number of percent such as \"60\""
                                          : "a decimal string such as \"0.25\"");
  } else if constexpr (std::is_same_v<T, std::chrono::year_month_day>) {
    return read_parsed(v, out, at, d, parse_iso_date, "a date string such as \"2025-04-01\"");
  } else if constexpr (std::is_same_v<T, financial_year>) {
    return read_parsed(v, out, at, d, financial_year::parse,
                       "a financial year such as \"2025-26\"");
  } else if constexpr (is_id_v<T>) {
    if (!v.is_string()) return wrong_type(v, "a string", at, d);
    out = T(v.get<std::string>());
    return true;
  } else if constexpr (named_enum<T>) {
    if (!v.is_string()) return wrong_type(v, "a string", at, d);
    const std::string& text = v.get_ref<const std::string&>();
    if (const std::optional<T> e = parse_enum<T>(text)) {
      out = *e;
      return true;
    }
    d.error("io.json.enum", at.str(),
            "'" + excerpt(text, 60) + "' is not one of the allowed values: " + enum_name_list<T>());
    return false;
  } else if constexpr (is_optional_v<T>) {
    if (v.is_null()) {
      out.reset();
      return true;
    }
    typename T::value_type inner{};
    if (!read_value(v, inner, at, d, form)) return false;
    out = std::move(inner);
    return true;
  } else if constexpr (is_vector_v<T>) {
    if (!v.is_array()) return wrong_type(v, "an array", at, d);
    out.clear();
    out.reserve(v.size());
    bool ok = true;
    for (std::size_t i = 0; i < v.size(); ++i) {
      typename T::value_type item{};
      ok = read_value(v[i], item, at.index(i), d, form) && ok;
      out.push_back(std::move(item));
    }
    return ok;
  } else if constexpr (described<T>) {
    return read_fields(v, out, at, d);
  } else {
    static_assert(sizeof(T) == 0, "no JSON reading for this member type: describe it");
  }
}

/// True when `v` is what presence::omit_empty leaves out: an empty text or list, nullopt, or a
/// value equal to its type's default.
template <class T>
bool is_empty_value(const T& v) {
  if constexpr (is_vector_v<T> || std::is_same_v<T, std::string>) {
    return v.empty();
  } else if constexpr (is_optional_v<T>) {
    return !v.has_value();
  } else if constexpr (std::equality_comparable<T> && !described<T>) {
    return v == T{};
  } else {
    return false;
  }
}

/// A ratio as text in the form `form` (see text_form): the exact decimal where it has one (up to
/// 16 places), else the fraction.
inline std::string ratio_text(ratio r, text_form form) {
  switch (form) {
    case text_form::percent_number: {
      const ratio pct = r * ratio::whole(100);
      return exact_decimal_text(pct, 16).value_or(pct.to_string());
    }
    case text_form::percent_sign:
      return exact_percent_text(r, 14);
    case text_form::natural:
      break;
  }
  return r.to_decimal_string();
}

template <class T>
json write_value(const T& v, text_form form = text_form::natural);

/// Writes the fields of `v` into the object `out` (flattened structs into it too).
template <described T>
void write_members(const T& v, json& out) {
  for_each_field<T>([&](const auto& f) {
    const auto& member = v.*(f.member);
    using M = typename std::remove_cvref_t<decltype(f)>::member_type;
    if constexpr (described<M>) {
      if (is_flattened(f.how)) {
        write_members(member, out);
        return;
      }
    }
    if (f.how == presence::omit_empty && is_empty_value(member)) return;
    out[std::string(f.name)] = write_value(member, f.form);
  });
}

/// Writes one value by its C++ type (the inverse of read_value).
template <class T>
json write_value(const T& v, text_form form) {
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool> ||
                std::is_integral_v<T> || std::is_floating_point_v<T>) {
    return json(v);
  } else if constexpr (std::is_same_v<T, money>) {
    return json(v.to_string(money_style::decimal));
  } else if constexpr (std::is_same_v<T, rate> || std::is_same_v<T, financial_year>) {
    return json(v.to_string());
  } else if constexpr (std::is_same_v<T, ratio>) {
    return json(ratio_text(v, form));
  } else if constexpr (std::is_same_v<T, std::chrono::year_month_day>) {
    return json(to_iso_string(v));
  } else if constexpr (is_id_v<T>) {
    return json(v.str());
  } else if constexpr (named_enum<T>) {
    return json(std::string(enum_name(v)));
  } else if constexpr (is_optional_v<T>) {
    return v ? write_value(*v, form) : json(nullptr);
  } else if constexpr (is_vector_v<T>) {
    json out = json::array();
    for (const auto& item : v)
      out.push_back(write_value(item, form));
    return out;
  } else if constexpr (described<T>) {
    json out = json::object();
    write_members(v, out);
    return out;
  } else {
    static_assert(sizeof(T) == 0, "no JSON writing for this member type: describe it");
  }
}

/// Reads a whole described document: the strict JSON reader, the "schema" tag, then the fields.
/// Gives nullopt only when the document cannot be read at all (not JSON, wrong schema); every
/// other problem is a diagnostic and the value is returned for validation to look at.
template <described T>
std::optional<T> read_document(std::string_view text, std::string_view schema, diagnostics& d) {
  const std::optional<json> doc = parse_json(text, d);
  if (!doc || !check_schema(*doc, schema, d)) return std::nullopt;
  T out{};
  (void)read_fields(*doc, out, json_pointer{}, d, {"schema"});
  return out;
}

/// Writes a described document: "schema" first, then the fields, indented by two, ending in a
/// line break.
template <described T>
std::string write_document(const T& value, std::string_view schema) {
  json doc = json::object();
  doc["schema"] = std::string(schema);
  json body = write_value(value);
  for (auto it = body.begin(); it != body.end(); ++it)
    doc[it.key()] = std::move(it.value());
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
