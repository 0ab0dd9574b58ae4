// joinedup: whole-file reading and atomic writing for the CLI and for embedders.
#pragma once

#include <cstddef>
#include <iosfwd>
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

/// The longest line read_line accepts by default (1 MiB).
inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

/// How read_line ended.
enum class line_status {
  line,      ///< a whole line, ended by a line break
  last,      ///< the input's last line, with no line break after it
  too_long,  ///< the line ran past the limit; nothing more should be read from the input
  end,       ///< nothing left to read
};

/// Reads one line of `in` into `out`, without its line break (as std::getline: a CR is kept),
/// never buffering more than `max_bytes`: an endless input with no line break (/dev/zero on
/// standard input) gives too_long instead of taking memory without bound.
[[nodiscard]] line_status read_line(std::istream& in, std::string& out,
                                    std::size_t max_bytes = max_line_bytes);

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
