#pragma once

// Errors as values. Every fallible call of the piiscan API returns
// `Result<T>` (or `Status` when there is no value): either the value or an
// `Error` carrying a code from a closed set and a message that says what
// failed and where. No exception crosses the API.

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace piiscan {

// The closed set of error codes. Client mistakes come first.
enum class ErrorCode {
  kInvalidArgument,    // bad option, pattern, or request field
  kParse,              // malformed input document (YAML, JSON, CSV...)
  kNotFound,           // a named file, recognizer or validator does not exist
  kUnsupported,        // input in a form piiscan does not handle
  kIo,                 // the operating system refused a read or write
  kResourceExhausted,  // a configured limit was reached
  kDeadlineExceeded,   // a time budget ran out
  kCancelled,          // the caller cancelled the work
  kUnavailable,        // transient: trying again later may succeed
  kInternal,           // a bug in piiscan
};

// Stable lower-case name of a code, for logs and JSON ("invalid_argument").
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // what failed and where; never scanned text

  // "invalid_argument: catalogue.yaml: recognizer 3: no patterns"
  std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace piiscan
