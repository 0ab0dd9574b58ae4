// joinedup: exceptions and contract checks shared by every module.
#pragma once

#include <stdexcept>
#include <string>

/// Opens the library's versioned namespace (`joinedup::v1`).
#define JOINEDUP_BEGIN_NAMESPACE \
  namespace joinedup {           \
  inline namespace v1 {
/// Closes the namespace opened by JOINEDUP_BEGIN_NAMESPACE.
#define JOINEDUP_END_NAMESPACE \
  }                            \
  }

JOINEDUP_BEGIN_NAMESPACE

/// Thrown when exact arithmetic (money, rates, counts) would leave its representable range.
/// Every throwing operation has a `try_` twin that returns a `result` instead.
class overflow_error : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

/// Thrown by JOINEDUP_EXPECTS when a caller breaks a documented precondition. This is a
/// programming error, never a data error: untrusted data goes through `result` and diagnostics.
class contract_violation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace detail {
/// Raises a contract violation naming the failed condition and where it was checked.
[[noreturn]] inline void contract_failed(const char* condition, const char* file, int line) {
  throw contract_violation(std::string("joinedup precondition failed: ") + condition + " (" + file +
                           ":" + std::to_string(line) + ")");
}
}  // namespace detail

JOINEDUP_END_NAMESPACE

/// Checks a caller's precondition; throws joinedup::contract_violation when it does not hold.
#define JOINEDUP_EXPECTS(cond) \
  ((cond) ? static_cast<void>(0) : ::joinedup::detail::contract_failed(#cond, __FILE__, __LINE__))
