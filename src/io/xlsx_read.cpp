// joinedup: the cells of an .xlsx workbook read from its bytes (libzip from memory, expat with no
// DTD allowed). See xlsx_read.hpp.
#include "xlsx_read.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

JOINEDUP_BEGIN_NAMESPACE
namespace io::detail {
namespace {

/// The most bytes a cell's text may have: Excel's 32,767 characters, at up to 4 bytes each.
constexpr std::size_t max_cell_bytes = std::size_t{32'767} * 4;

/// Excel's largest sheet: 1,048,576 rows by 16,384 columns (XFD).
constexpr std::uint32_t max_row = 1'048'576;
constexpr std::uint32_t max_col = 16'384;

/// ASCII lower case, for part names and sheet names compared without case.
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The zip archive, closed (and its memory source freed) when it goes out of scope.
struct zip_closer {
  void operator()(zip_t* z) const noexcept { zip_discard(z); }
};
using zip_handle = std::unique_ptr<zip_t, zip_closer>;

/// Reads the parts of an archive under the limits, counting what has been inflated.
class part_reader {
 public:
  part_reader(zip_t* zip, const xlsx_limits& limits, diagnostics& diags)
      : zip_(zip), limits_(limits), diags_(diags) {}

  /// True when the archive has the part (part names compare without case, as OPC says).
  [[nodiscard]] bool has(const std::string& name) const {
    return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  /// The part's bytes, or nullopt with a diagnostic (missing, too large, damaged).
  std::optional<std::string> read(const std::string& name) {
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
      diags_.error("budget.workbook.part", "", "the workbook has no part '" + name + "'");
      return std::nullopt;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
        (st.valid & ZIP_STAT_SIZE) == 0) {
      diags_.error("budget.workbook.zip", "", "part '" + name + "' cannot be read");
      return std::nullopt;
    }
    // The declared size is checked before anything is inflated; what is inflated is counted
    // too, since a damaged or hostile archive may declare less than it holds.
    const std::size_t room = std::min(limits_.max_part_bytes, limits_.max_total_bytes - total_);
    if (st.size > room) {
      diags_.error("budget.workbook.limit", "",
                   "part '" + name + "' is " + std::to_string(st.size) +
                       " bytes uncompressed, more than the " + std::to_string(room) +
                       " the reader allows");
      return std::nullopt;
    }
    zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (f == nullptr) {
      diags_.error("budget.workbook.zip", "",
                   "part '" + name + "' cannot be opened (" + zip_strerror(zip_) +
                       "); an encrypted or damaged workbook cannot be read");
      return std::nullopt;
    }
    std::string out;
    out.resize(static_cast<std::size_t>(st.size));
    std::size_t got = 0;
    bool ok = true;
    while (true) {
      char buffer[16384];
      const zip_int64_t n = zip_fread(f, buffer, sizeof buffer);
      if (n < 0) {
        ok = false;
        break;
      }
      if (n == 0) break;
      const auto un = static_cast<std::size_t>(n);
      if (got + un > out.size()) {  // more than declared: damaged
        ok = false;
        break;
      }
      std::copy_n(buffer, un, out.begin() + static_cast<std::ptrdiff_t>(got));
      got += un;
    }
    zip_fclose(f);
    if (!ok || got != out.size()) {
      diags_.error("budget.workbook.zip", "",
                   "part '" + name + "' is damaged (its data does not match its size or check)");
      return std::nullopt;
    }
    total_ += got;
    return out;
  }

 private:
  zip_t* zip_;
  const xlsx_limits& limits_;
  diagnostics& diags_;
  std::size_t total_ = 0;
};

/// An XML element's local name: expat gives "namespace|local" (the parser splits names on '|').
std::string_view local_name(const XML_Char* name) {
  std::string_view s(name);
  const std::size_t bar = s.rfind('|');
  return bar == std::string_view::npos ? s : s.substr(bar + 1);
}

/// The attribute with this local name, or nullptr.
const XML_Char* attribute(const XML_Char** attrs, std::string_view name) {
  for (std::size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (local_name(attrs[i]) == name) return attrs[i + 1];
  }
  return nullptr;
}

/// A parse with handlers on an object of type H (start(name, attrs), end(name), text(s)).
/// A document type declaration stops the parse: OOXML never has one, and refusing it means no
/// entity can be declared (no external entities, no billion laughs).
template <class H>
struct xml_parse {
  H& handler;
  XML_Parser parser = nullptr;
  bool dtd = false;

  static void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
    static_cast<xml_parse*>(data)->handler.start(local_name(name), attrs);
  }
  static void on_end(void* data, const XML_Char* name) {
    static_cast<xml_parse*>(data)->handler.end(local_name(name));
  }
  static void on_text(void* data, const XML_Char* s, int len) {
    static_cast<xml_parse*>(data)->handler.text(std::string_view(s, static_cast<std::size_t>(len)));
  }
  static void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* self = static_cast<xml_parse*>(data);
    self->dtd = true;
    XML_StopParser(self->parser, XML_FALSE);
  }
};

/// Parses `xml` (the part `part`) with `handler`. False with budget.workbook.xml when the XML is
/// malformed or has a DTD, or when the handler stopped it (it has said why).
template <class H>
bool parse_xml(std::string_view xml, const std::string& part, H& handler, diagnostics& diags) {
  if (xml.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  xml_parse<H> p{handler};
  p.parser = XML_ParserCreateNS(nullptr, '|');
  if (p.parser == nullptr) {
    diags.error("budget.workbook.xml", "", "no memory to read part '" + part + "'");
    return false;
  }
  XML_SetUserData(p.parser, &p);
  XML_SetElementHandler(p.parser, &xml_parse<H>::on_start, &xml_parse<H>::on_end);
  XML_SetCharacterDataHandler(p.parser, &xml_parse<H>::on_text);
  XML_SetStartDoctypeDeclHandler(p.parser, &xml_parse<H>::on_doctype);
  XML_SetParamEntityParsing(p.parser, XML_PARAM_ENTITY_PARSING_NEVER);
  handler.parser = p.parser;
  const XML_Status status = XML_Parse(p.parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  bool ok = status == XML_STATUS_OK;
  if (p.dtd) {
    diags.error("budget.workbook.xml", "",
                "part '" + part +
                    "' has a document type declaration (DTD), which a workbook "
                    "never has; it is not read");
  } else if (!ok && !handler.stopped) {
    diags.error("budget.workbook.xml", "",
                "part '" + part +
                    "' is not well-formed XML: " + XML_ErrorString(XML_GetErrorCode(p.parser)) +
                    " at line " + std::to_string(XML_GetCurrentLineNumber(p.parser)));
  }
  XML_ParserFree(p.parser);
  handler.parser = nullptr;
  return ok && !p.dtd && !handler.stopped;
}

/// What every handler has: the parser, to stop it, and whether it did.
struct handler_base {
  XML_Parser parser = nullptr;  ///< the running parse
  bool stopped = false;         ///< the handler stopped the parse (and said why)
  /// Stops the parse.
  void stop() {
    stopped = true;
    XML_StopParser(parser, XML_FALSE);
  }
};

/// A relationships part: Id -> (Type, Target).
struct rels_handler : handler_base {
  struct rel {
    std::string id, type, target;
  };
  std::vector<rel> rels;
  void start(std::string_view name, const XML_Char** attrs) {
    if (name != "Relationship") return;
    const XML_Char* id = attribute(attrs, "Id");
    const XML_Char* type = attribute(attrs, "Type");
    const XML_Char* target = attribute(attrs, "Target");
    if (id != nullptr && target != nullptr) rels.push_back({id, type ? type : "", target});
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

/// The workbook part: its sheets (name, relationship id) and the date system.
struct workbook_handler : handler_base {
  std::vector<std::pair<std::string, std::string>> sheets;
  bool date1904 = false;
  std::size_t max = 0;
  diagnostics* diags = nullptr;
  void start(std::string_view name, const XML_Char** attrs) {
    if (name == "workbookPr") {
      const XML_Char* d = attribute(attrs, "date1904");
      if (d != nullptr) date1904 = std::string_view(d) == "1" || std::string_view(d) == "true";
    } else if (name == "sheet") {
      const XML_Char* n = attribute(attrs, "name");
      const XML_Char* id = attribute(attrs, "id");
      if (n == nullptr || id == nullptr) return;
      if (sheets.size() >= max) {
        diags->error("budget.workbook.limit", "",
                     "the workbook has more than " + std::to_string(max) + " sheets");
        stop();
        return;
      }
      sheets.emplace_back(n, id);
    }
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

/// Where the parse is in a string item (<si> of the shared strings, <is> of an inline string):
/// its text is its <t>, or its runs' <t>s, with phonetic runs (<rPh>) left out.
struct string_item {
  bool open = false;  ///< inside the item
  bool in_t = false;  ///< inside a <t> whose text counts
  int in_rph = 0;     ///< depth of phonetic runs
  /// The item starts.
  void begin() {
    open = true;
    in_t = false;
    in_rph = 0;
  }
  /// An element starts: notes <t> and <rPh> inside the item.
  void start(std::string_view name) {
    if (!open) return;
    if (name == "rPh") {
      ++in_rph;
    } else if (name == "t" && in_rph == 0) {
      in_t = true;
    }
  }
  /// An element ends.
  void end(std::string_view name) {
    if (name == "rPh" && in_rph > 0) {
      --in_rph;
    } else if (name == "t") {
      in_t = false;
    }
  }
  /// True when text now belongs to the item.
  [[nodiscard]] bool collecting() const { return open && in_t; }
};

/// The shared strings: each <si>'s text (its <t>, or its runs' <t>s; phonetic runs left out).
struct strings_handler : handler_base {
  std::vector<std::string> strings;
  std::size_t max = 0;
  std::size_t max_bytes = 0;
  std::size_t bytes = 0;
  diagnostics* diags = nullptr;
  string_item item;
  void start(std::string_view name, const XML_Char**) {
    if (name == "si") {
      if (strings.size() >= max) {
        diags->error("budget.workbook.limit", "",
                     "the workbook has more than " + std::to_string(max) + " shared strings");
        stop();
        return;
      }
      item.begin();
      strings.emplace_back();
    } else {
      item.start(name);
    }
  }
  void end(std::string_view name) {
    if (name == "si") {
      item.open = false;
    } else {
      item.end(name);
    }
  }
  void text(std::string_view s) {
    if (!item.collecting()) return;
    bytes += s.size();
    if (bytes > max_bytes) {
      diags->error("budget.workbook.limit", "", "the shared strings are too long");
      stop();
      return;
    }
    strings.back().append(s);
  }
};

/// Parses a cell reference "AB12" into row and column; false when it is not one or is outside
/// Excel's grid.
bool parse_ref(std::string_view ref, std::uint32_t& row, std::uint32_t& col) {
  std::size_t i = 0;
  std::uint64_t c = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) && i < 3) {
    c = c * 26 +
        static_cast<std::uint64_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  std::uint64_t r = 0;
  for (std::size_t k = i; k < ref.size(); ++k) {
    if (!std::isdigit(static_cast<unsigned char>(ref[k])) || k - i >= 7) return false;
    r = r * 10 + static_cast<std::uint64_t>(ref[k] - '0');
  }
  if (r < 1 || r > max_row || c < 1 || c > max_col) return false;
  row = static_cast<std::uint32_t>(r);
  col = static_cast<std::uint32_t>(c);
  return true;
}

/// A worksheet part: its cells with a value.
struct sheet_handler : handler_base {
  xlsx_sheet* sheet = nullptr;
  const std::vector<std::string>* strings = nullptr;
  std::size_t* cells = nullptr;  // counted over every sheet
  std::size_t max_cells = 0;
  diagnostics* diags = nullptr;

  std::uint32_t row = 0;  // the current row (from <row r> or counted)
  std::uint32_t col = 0;  // the last cell's column
  bool in_cell = false;
  bool bad_cell = false;
  bool too_long = false;  // the cell's text is longer than Excel allows
  std::string type;
  std::string value;  // <v> text
  std::string inline_text;
  bool in_v = false;
  string_item inline_item;  // an inline string's <is>
  std::uint32_t cell_row = 0, cell_col = 0;

  std::string where(std::uint32_t r, std::uint32_t c) const {
    return sheet->name + "!" + cell_name(r, c);
  }

  void start(std::string_view name, const XML_Char** attrs) {
    if (name == "row") {
      // Rows are taken in any order; a row without a number follows the one before.
      const XML_Char* r = attribute(attrs, "r");
      std::uint64_t next = std::uint64_t{row} + 1;
      if (r != nullptr) {
        std::string_view s(r);
        bool ok = !s.empty() && s.size() <= 7;
        next = 0;
        for (char ch : s) {
          ok = ok && std::isdigit(static_cast<unsigned char>(ch));
          if (ok) next = next * 10 + static_cast<std::uint64_t>(ch - '0');
        }
        if (!ok) next = 0;
      }
      if (next < 1 || next > max_row) {
        diags->error("budget.workbook.cell", sheet->name + "!",
                     "row number '" + excerpt(r != nullptr ? r : "", 20) +
                         "' is outside Excel's 1 to 1048576; the workbook is not read");
        stop();
        return;
      }
      row = static_cast<std::uint32_t>(next);
      col = 0;
    } else if (name == "c") {
      in_cell = true;
      bad_cell = false;
      too_long = false;
      value.clear();
      inline_text.clear();
      const XML_Char* t = attribute(attrs, "t");
      type = t != nullptr ? t : "n";
      const XML_Char* r = attribute(attrs, "r");
      std::uint32_t rr = row == 0 ? 1 : row;
      std::uint32_t cc = col + 1;
      if (r != nullptr && !parse_ref(r, rr, cc)) {
        diags->error("budget.workbook.cell", sheet->name + "!" + excerpt(r, 20),
                     "cell reference '" + excerpt(r, 20) +
                         "' is not a cell inside Excel's grid (A1 to XFD1048576); the cell is "
                         "left out");
        bad_cell = true;
      } else if (cc > max_col) {
        diags->error("budget.workbook.cell", sheet->name + "!",
                     "a row has more columns than Excel allows; the cell is left out");
        bad_cell = true;
      }
      if (!bad_cell) {
        col = cc;
        cell_row = rr;
        cell_col = cc;
      }
    } else if (name == "v" && in_cell) {
      in_v = true;
    } else if (name == "is" && in_cell) {
      inline_item.begin();
    } else {
      inline_item.start(name);
    }
  }

  void end(std::string_view name) {
    if (name == "v") {
      in_v = false;
    } else if (name == "is") {
      inline_item.open = false;
    } else if (name == "c" && in_cell) {
      in_cell = false;
      if (!bad_cell) finish_cell();
    } else {
      inline_item.end(name);
    }
  }

  void finish_cell() {
    if (too_long) {
      diags->error("budget.workbook.cell", where(cell_row, cell_col),
                   "the cell holds more than Excel's 32,767 characters; the cell is left out");
      return;
    }
    xlsx_cell c;
    c.row = cell_row;
    c.col = cell_col;
    if (type == "s") {
      std::size_t index = 0;
      bool ok = !value.empty() && value.size() <= 9;
      for (char ch : value) {
        ok = ok && std::isdigit(static_cast<unsigned char>(ch));
        if (ok) index = index * 10 + static_cast<std::size_t>(ch - '0');
      }
      if (!ok || index >= strings->size()) {
        diags->error("budget.workbook.cell", where(cell_row, cell_col),
                     "shared string index '" + excerpt(value, 20) + "' is out of range (" +
                         std::to_string(strings->size()) + " strings); the cell is left out");
        return;
      }
      c.kind = xlsx_value::text;
      c.text = (*strings)[index];
    } else if (type == "inlineStr") {
      c.kind = xlsx_value::text;
      c.text = inline_text;
    } else if (type == "str") {
      c.kind = xlsx_value::text;
      c.text = value;
    } else if (type == "b") {
      c.kind = xlsx_value::boolean;
      c.text = value;
    } else if (type == "e") {
      c.kind = xlsx_value::error;
      c.text = value;
    } else if (type == "d") {
      c.kind = xlsx_value::date;
      c.text = value;
    } else {
      c.kind = xlsx_value::number;
      c.text = value;
    }
    if (c.text.empty() && c.kind != xlsx_value::text) return;  // a styled empty cell
    if (c.kind == xlsx_value::text && c.text.empty()) return;
    if (++*cells > max_cells) {
      diags->error("budget.workbook.limit", "",
                   "the workbook has more than " + std::to_string(max_cells) + " cells");
      stop();
      return;
    }
    sheet->cells.push_back(std::move(c));
  }

  void text(std::string_view s) {
    std::string* into = in_v ? &value : inline_item.collecting() ? &inline_text : nullptr;
    if (into == nullptr) return;
    if (into->size() + s.size() > max_cell_bytes) {
      too_long = true;
      return;
    }
    into->append(s);
  }
};

/// The part a relationship's target names, relative to the folder of the part that has it
/// ("xl/"), or absolute ("/xl/worksheets/sheet1.xml").
std::string resolve(const std::string& folder, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : folder + target;
  // Resolve "../" and "./" segments.
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string seg =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

/// True when `type` (a relationship type URI) ends with "/" + `kind`.
bool is_type(const std::string& type, std::string_view kind) {
  return type.size() > kind.size() &&
         type.compare(type.size() - kind.size(), kind.size(), kind) == 0 &&
         type[type.size() - kind.size() - 1] == '/';
}

}  // namespace

std::string cell_name(std::uint32_t row, std::uint32_t col) {
  std::string letters;
  while (col > 0) {
    const std::uint32_t rem = (col - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    col = (col - 1) / 26;
  }
  return letters + std::to_string(row);
}

bool read_xlsx(std::string_view bytes, const std::vector<std::string>& wanted, xlsx_book& out,
               diagnostics& diags, const xlsx_limits& limits) {
  out = {};
  if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") {
    diags.error("budget.workbook.zip", "",
                "the file is not an Excel workbook (.xlsx is a zip archive; this is not one)");
    return false;
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    diags.error("budget.workbook.zip", "", "the workbook cannot be read (no memory)");
    zip_error_fini(&error);
    return false;
  }
  zip_handle zip(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!zip) {
    diags.error("budget.workbook.zip", "",
                std::string("the file is not a readable zip archive (") +
                    zip_error_strerror(&error) + "); an .xlsx workbook is one");
    zip_source_free(source);
    zip_error_fini(&error);
    return false;
  }
  zip_error_fini(&error);
  const zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > limits.max_entries) {
    diags.error("budget.workbook.limit", "",
                "the archive has " + std::to_string(entries) + " entries, more than the " +
                    std::to_string(limits.max_entries) + " the reader allows");
    return false;
  }
  part_reader parts(zip.get(), limits, diags);

  // The workbook part: named by the package relationships, or where Excel puts it.
  std::string workbook_part = "xl/workbook.xml";
  if (parts.has("_rels/.rels")) {
    const std::optional<std::string> xml = parts.read("_rels/.rels");
    if (!xml) return false;
    rels_handler h;
    if (!parse_xml(*xml, "_rels/.rels", h, diags)) return false;
    for (const auto& r : h.rels) {
      if (is_type(r.type, "officeDocument")) workbook_part = resolve("", r.target);
    }
  }
  const std::string folder = workbook_part.substr(0, workbook_part.rfind('/') + 1);
  const std::string rels_part =
      folder + "_rels/" + workbook_part.substr(workbook_part.rfind('/') + 1) + ".rels";
  const std::optional<std::string> book_xml = parts.read(workbook_part);
  if (!book_xml) return false;
  workbook_handler book;
  book.max = 1000;
  book.diags = &diags;
  if (!parse_xml(*book_xml, workbook_part, book, diags)) return false;
  out.date1904 = book.date1904;
  const std::optional<std::string> rels_xml = parts.read(rels_part);
  if (!rels_xml) return false;
  rels_handler rels;
  if (!parse_xml(*rels_xml, rels_part, rels, diags)) return false;

  // Shared strings, when there are any.
  strings_handler strings;
  strings.max = limits.max_shared_strings;
  strings.max_bytes = limits.max_part_bytes;
  strings.diags = &diags;
  for (const auto& r : rels.rels) {
    if (!is_type(r.type, "sharedStrings")) continue;
    const std::string part = resolve(folder, r.target);
    const std::optional<std::string> xml = parts.read(part);
    if (!xml) return false;
    if (!parse_xml(*xml, part, strings, diags)) return false;
    break;
  }

  std::vector<std::string> want;
  for (const std::string& w : wanted)
    want.push_back(lower(w));
  std::size_t cells = 0;
  for (const auto& [name, id] : book.sheets) {
    xlsx_sheet& sheet = out.sheets.emplace_back();
    sheet.name = name;
    if (!want.empty() && std::find(want.begin(), want.end(), lower(name)) == want.end()) continue;
    const auto rel = std::find_if(rels.rels.begin(), rels.rels.end(),
                                  [&](const rels_handler::rel& r) { return r.id == id; });
    if (rel == rels.rels.end()) {
      diags.error("budget.workbook.part", name + "!",
                  "sheet '" + name + "' has no part in the workbook's relationships");
      return false;
    }
    const std::string part = resolve(folder, rel->target);
    const std::optional<std::string> xml = parts.read(part);
    if (!xml) return false;
    sheet_handler h;
    h.sheet = &sheet;
    h.strings = &strings.strings;
    h.cells = &cells;
    h.max_cells = limits.max_cells;
    h.diags = &diags;
    if (!parse_xml(*xml, part, h, diags)) return false;
  }
  return true;
}

}  // namespace io::detail
JOINEDUP_END_NAMESPACE
