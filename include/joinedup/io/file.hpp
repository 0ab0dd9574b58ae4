// joinedup: whole-file reading and atomic writing for the CLI and for embedders.
#pragma once

#include <string>
#include <string_view>

#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// Marker value for operations that succeed with nothing to return.
struct done {};

/// Reads a whole file ("-" reads standard input). Error io.file.read names the path and why.
[[nodiscard]] result<std::string> read_file(const std::string& path);

/// Writes `content` to `path` atomically: a temporary file beside it is written, flushed to
/// disk and renamed over the target, so readers see the old file or the new one, never half.
/// Error io.file.write names the path and why.
[[nodiscard]] result<done> write_file_atomic(const std::string& path, std::string_view content);

}  // namespace io
JOINEDUP_END_NAMESPACE
