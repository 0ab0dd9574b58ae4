// joinedup: answering `joinedup outcomes stats` a block of lines at a time. The plain proportion
// and crude-rate requests of a block are read by a narrow reader and computed together through
// the batch path (outcomes/batch.hpp); every other line goes through answer_stats_line. The
// answers are byte for byte those of answer_stats_line (docs/outcomes-batch.md).
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {

/// One request line of a block and its answer.
struct stats_line {
  std::string request;   ///< the line as read (without the newline)
  std::size_t line = 0;  ///< its 1-based line number, echoed as "line"
  std::string answer;    ///< the answer object on one line (no newline)
  bool ok = true;        ///< false when the answer is an error object
};

/// Answers every line of `block` (sets `answer` and `ok`): exactly what
/// answer_stats_line(request, line, ok) gives, computed through the batch path where a line is a
/// plain proportion or crude_rate request.
void answer_stats_block(std::span<stats_line> block);

}  // namespace io
JOINEDUP_END_NAMESPACE
