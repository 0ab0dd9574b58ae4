// joinedup: result<T>, a std::expected-shaped value-or-diagnostic for untrusted input.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "joinedup/core/diagnostics.hpp"

JOINEDUP_BEGIN_NAMESPACE

/// Wraps the diagnostic that explains why a `result` holds no value (std::unexpected's shape).
struct failure {
  diagnostic error;  ///< why there is no value
};

/// Makes a failure from a code and a message (severity error, empty path).
inline failure fail(std::string_view code, std::string message, std::string path = {}) {
  return failure{make_diagnostic(code, severity::error, std::move(path), std::move(message))};
}

/// Thrown by result::value() when the result holds an error (std::bad_expected_access's role).
class bad_result_access : public std::logic_error {
 public:
  /// Builds the exception from the diagnostic that was there instead of a value.
  explicit bad_result_access(const diagnostic& d)
      : std::logic_error("joinedup: no value: " + d.code + ": " + d.message) {}
};

/// Either a T or the diagnostic saying why there is none. Parsers and `try_` arithmetic return
/// it instead of throwing. The member names follow C++23 std::expected so a later move is
/// mechanical: has_value, value, error, value_or, and_then, transform, or_else.
template <class T>
class [[nodiscard]] result {
 public:
  using value_type = T;

  /// A result holding a value.
  result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  /// A result holding an error.
  result(failure f) : state_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT: implicit

  /// True when a value is held.
  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  /// Same as has_value().
  explicit operator bool() const noexcept { return has_value(); }

  /// The value; throws bad_result_access when there is none.
  [[nodiscard]] const T& value() const& {
    if (!has_value()) throw bad_result_access(error());
    return std::get<0>(state_);
  }
  /// The value, moved out; throws bad_result_access when there is none.
  [[nodiscard]] T&& value() && {
    if (!has_value()) throw bad_result_access(error());
    return std::get<0>(std::move(state_));
  }
  /// The value (precondition: has_value()).
  [[nodiscard]] const T& operator*() const& {
    JOINEDUP_EXPECTS(has_value());
    return std::get<0>(state_);
  }
  /// Member access to the value (precondition: has_value()).
  [[nodiscard]] const T* operator->() const {
    JOINEDUP_EXPECTS(has_value());
    return &std::get<0>(state_);
  }
  /// The diagnostic (precondition: !has_value()).
  [[nodiscard]] const diagnostic& error() const& {
    JOINEDUP_EXPECTS(!has_value());
    return std::get<1>(state_);
  }
  /// The value, or `fallback` when there is none.
  template <class U>
  [[nodiscard]] T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
  }
  /// Calls f(value) (which returns a result) when there is a value; passes the error on.
  template <class F>
  auto and_then(F&& f) const& -> std::invoke_result_t<F, const T&> {
    if (has_value()) return std::forward<F>(f)(std::get<0>(state_));
    return failure{std::get<1>(state_)};
  }
  /// Maps the value through f when there is one; passes the error on.
  template <class F>
  auto transform(F&& f) const& -> result<std::invoke_result_t<F, const T&>> {
    if (has_value()) return std::forward<F>(f)(std::get<0>(state_));
    return failure{std::get<1>(state_)};
  }
  /// Calls f(error) (which returns a result<T>) when there is an error; passes a value on.
  template <class F>
  result or_else(F&& f) const& {
    if (has_value()) return *this;
    return std::forward<F>(f)(std::get<1>(state_));
  }
  /// Maps the error through f (diagnostic -> diagnostic) when there is one.
  template <class F>
  result transform_error(F&& f) const& {
    if (has_value()) return *this;
    return failure{std::forward<F>(f)(std::get<1>(state_))};
  }

 private:
  std::variant<T, diagnostic> state_;
};

/// Adds the error of `r`, if any, to `out` under `path`, and returns whether `r` has a value.
template <class T>
bool collect(const result<T>& r, diagnostics& out, std::string path) {
  if (r.has_value()) return true;
  diagnostic d = r.error();
  d.path = std::move(path);
  out.add(std::move(d));
  return false;
}

JOINEDUP_END_NAMESPACE
