// joinedup fuzzing: the invariant check shared by the fuzz targets in this folder.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace joinedup_fuzz {

/// Reports a broken invariant and aborts, which libFuzzer and the replay driver record as a crash.
[[noreturn]] inline void invariant_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", condition, file, line);
  std::abort();
}

/// The fuzz input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
  return size == 0 ? std::string_view{}
                   : std::string_view(reinterpret_cast<const char*>(data), size);
}

/// True when the result `r` holds a value equal to `expected`.
template <class Result, class T>
bool holds(const Result& r, const T& expected) {
  return r.has_value() && *r == expected;
}

/// Runs `body`; parsers of untrusted text must never throw, so any exception is a failure.
template <class F>
int run(F&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: untrusted input made the library throw: %s\n", e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz: untrusted input made the library throw a non-std exception\n");
    std::abort();
  }
  return 0;
}

}  // namespace joinedup_fuzz

/// Aborts with the condition's text when it does not hold.
#define JOINEDUP_FUZZ_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::joinedup_fuzz::invariant_failed(#cond, __FILE__, __LINE__))
