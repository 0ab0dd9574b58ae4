// joinedup (internal): CSV text split into records of fields, RFC 4180 quoting, each record with
// the line it starts on. For the small files read whole (outcomes measurements, importers' maps
// and exports); the ledger has its own streaming reader.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/core/error.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {

/// One CSV record: its cells and the 1-based line where it starts.
struct csv_record {
  std::vector<std::string> fields;  ///< the cells
  std::size_t line = 0;             ///< 1-based line where the record starts
};

/// Splits CSV text into records (RFC 4180 quoting; CR before LF ignored; blank lines skipped).
inline std::vector<csv_record> split_csv(std::string_view text) {
  std::vector<csv_record> out;
  csv_record rec;
  std::string field;
  bool quoted = false;
  bool any = false;
  std::size_t line = 1;
  rec.line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      rec.fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r') {
      // ignored (CRLF)
    } else if (c == '\n') {
      if (any || !field.empty()) {
        rec.fields.push_back(std::move(field));
        out.push_back(std::move(rec));
      }
      field.clear();
      rec = csv_record{};
      any = false;
      ++line;
      rec.line = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    rec.fields.push_back(std::move(field));
    out.push_back(std::move(rec));
  }
  return out;
}

/// Spaces and tabs off both ends.
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

/// A header or code as compared: lower case (ASCII), without a leading UTF-8 byte order mark,
/// trimmed of spaces and tabs.
inline std::string fold_header(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  s = trim_blanks(s);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// One option of a rules file: its 1-based line, its key and its value.
struct rules_line {
  std::size_t line = 0;  ///< 1-based line in the rules file
  std::string key;       ///< the option ("column", "date-format", …)
  std::string value;     ///< the rest of the line, trimmed
};

/// The options of a rules file, one a line ("key value" or "key=value"); blank lines and lines
/// starting '#' are skipped, a leading "--" is allowed, CRLF line ends are read.
inline std::vector<rules_line> split_rules(std::string_view text) {
  std::vector<rules_line> out;
  std::size_t n = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim_blanks(text.substr(start, end - start));
    start = end + 1;
    ++n;
    if (!line.empty() && line.back() == '\r') line = trim_blanks(line.substr(0, line.size() - 1));
    if (line.empty() || line.front() == '#') continue;
    if (line.substr(0, 2) == "--") line.remove_prefix(2);
    const std::size_t sp = line.find_first_of(" \t=");
    out.push_back({n, std::string(line.substr(0, sp)),
                   std::string(sp == std::string_view::npos ? std::string_view{}
                                                            : trim_blanks(line.substr(sp + 1)))});
  }
  return out;
}

/// Adds an error about one row of an import at "/rows/N", N its 1-based line.
inline void row_error(diagnostics& diags, std::string_view code, std::size_t line,
                      std::string message) {
  diagnostic d =
      make_diagnostic(code, severity::error, "/rows/" + std::to_string(line), std::move(message));
  d.line = line;
  diags.add(std::move(d));
}

/// A cell quoted for a message: 'text', cut at 60 bytes on a character boundary, "…" after a cut.
inline std::string quoted_cell(std::string_view s) {
  return "'" + excerpt(s, 60) + (s.size() > 60 ? "…'" : "'");
}

/// True when `rec` has as many cells as `header`; otherwise adds `code` at the row and is false.
inline bool same_width(const csv_record& rec, const csv_record& header, std::string_view code,
                       diagnostics& diags) {
  if (rec.fields.size() == header.fields.size()) return true;
  row_error(diags, code, rec.line,
            "the row has " + std::to_string(rec.fields.size()) + " cells; the header has " +
                std::to_string(header.fields.size()));
  return false;
}

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
