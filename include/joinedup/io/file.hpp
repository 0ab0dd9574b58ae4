// joinedup: whole-file reading and atomic writing for the CLI and for embedders.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "joinedup/core/result.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// Marker value for operations that succeed with nothing to return.
struct done {};

/// The most bytes read_file reads by default (256 MiB): more than any joinedup document needs,
/// and a bound on the memory a hostile or mistaken input (a device, an endless pipe) can take.
inline constexpr std::size_t max_input_bytes = std::size_t{256} << 20;

/// Checks that `path` names something a reader may open: "-" (standard input) or a regular
/// file (symbolic links are followed). A directory, FIFO, device, socket, missing or unreadable
/// path is the error io.file.read naming the path and why.
[[nodiscard]] result<done> check_input_file(const std::string& path);

/// Reads a whole regular file, or standard input for "-", refusing more than `max_bytes`.
/// Errors are io.file.read naming the path and why: not found, not readable, not a regular
/// file (a directory, FIFO or device), or larger than `max_bytes`.
[[nodiscard]] result<std::string> read_file(const std::string& path,
                                            std::size_t max_bytes = max_input_bytes);

/// Writes `content` to `path` atomically: a temporary file beside it is written, flushed to
/// disk and renamed over the target, so readers see the old file or the new one, never half.
/// Error io.file.write names the path and why.
[[nodiscard]] result<done> write_file_atomic(const std::string& path, std::string_view content);

/// Writes all of `content` to the open file descriptor `fd` (standard output is 1), retrying
/// after interruptions. Error io.file.write (naming `name`) when the write fails: a full disk,
/// a closed pipe, /dev/full.
[[nodiscard]] result<done> write_all(int fd, std::string_view content, const std::string& name);

}  // namespace io
JOINEDUP_END_NAMESPACE
