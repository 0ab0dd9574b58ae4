// joinedup: a pooled fund as an Excel workbook, written with libxlsxwriter and read back with the
// OOXML reader in xlsx_read.cpp. Both directions go through the fund document (JSON): the writer
// fills the sheets from write_pooled_fund's document, and the reader builds that document from
// the sheets and hands it to read_pooled_fund, so the workbook never has rules of its own that
// could drift from the document's. One table below says which sheet and column holds which
// member. docs/budget-workbook.md.
#include "joinedup/io/fund_workbook.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "joinedup/io/budget.hpp"
#include "joinedup/io/date_format.hpp"
#include "joinedup/io/file.hpp"
#include "joinedup/io/ledger_import.hpp"
#include "xlsx_read.hpp"

#if defined(__SANITIZE_ADDRESS__)
// libxlsxwriter 1.1.4 (Debian 12) never frees the copy it makes of a list-from-range dropdown's
// formula (a few bytes per dropdown, once per workbook written). It is not joinedup's memory and
// cannot be freed from here, so LeakSanitizer is told to leave what libxlsxwriter allocates
// alone in the sanitized builds (its frames have no frame pointers, so the allocation site
// cannot be named more narrowly); every other leak is still reported.
extern "C" const char* __lsan_default_suppressions() {  // NOLINT: the sanitizer's hook
  return "leak:libxlsxwriter\n";
}
/// And not to list the suppression on standard error, where the CLI's messages go.
extern "C" const char* __lsan_default_options() {  // NOLINT: the sanitizer's hook
  return "print_suppressions=0";
}
#endif

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

using json = nlohmann::json;
using detail::xlsx_cell;
using detail::xlsx_value;

/// How a column's cells are written and read.
enum class kind {
  text,     ///< text as it is
  money,    ///< pounds and pence, a number cell formatted £#,##0.00
  date,     ///< an Excel date
  boolean,  ///< yes or no
  percent,  ///< a number of percent (60 for 60%), or a fraction of percent ("100/3")
  ids,      ///< ids separated by commas
};

/// Where a column's dropdown comes from.
enum class list_from {
  none,
  partners,       ///< the ids on the Partners sheet
  schemes,        ///< the ids on the Schemes sheet
  source,         ///< the catalogue's funding sources (Lists sheet)
  scheme_type,    ///< the catalogue's scheme types
  sub_type,       ///< every scheme type's sub-types
  area_of_spend,  ///< the catalogue's areas of spend
  provider_type,  ///< the catalogue's provider types
  ring_fence,     ///< the catalogue's ring-fences
};

/// One column of a table sheet, or one row of the Fund sheet.
struct column {
  std::string_view name;  ///< header, and the member's name in the document
  kind k = kind::text;    ///< how cells are read and written
  double width = 14;      ///< column width in characters
  std::span<const std::string_view> choices = {};  ///< an enumeration's names: a dropdown
  list_from list = list_from::none;                ///< or a dropdown of another sheet's ids
  std::string_view pointer = {};                   ///< Fund sheet: the member's JSON pointer
  std::string_view note = {};                      ///< Fund sheet: what the value is
};

/// One sheet of rows: where its rows go in the document and its columns.
struct table {
  std::string_view sheet;       ///< the sheet's name
  std::string_view pointer;     ///< the array its rows make ("" for the Instalments sheet)
  bool required;                ///< a workbook without the sheet is refused
  std::vector<column> columns;  ///< its columns, in order
  std::string_view what;        ///< one line for the Instructions sheet
};

template <class E>
constexpr std::span<const std::string_view> names_of() {
  return {enum_names<E>.data(), enum_names<E>.size()};
}

constexpr std::array<std::string_view, 2> yes_no = {"yes", "no"};

/// The Fund sheet's rows: Field | Value | What it is.
const std::vector<column>& fund_fields() {
  static const std::vector<column> fields = {
      {"name", kind::text, 0, {}, list_from::none, "/name", "The fund's name"},
      {"hwb_gss_code",
       kind::text,
       0,
       {},
       list_from::none,
       "/hwb_gss_code",
       "The Health and Wellbeing Board's GSS area code, e.g. E06000099"},
      {"financial_year",
       kind::text,
       0,
       {},
       list_from::none,
       "/financial_year",
       "The financial year, e.g. 2025-26"},
      {"host",
       kind::text,
       0,
       {},
       list_from::partners,
       "/host",
       "The host partner's id (from the Partners sheet)"},
      {"pooled_fund_manager",
       kind::text,
       0,
       {},
       list_from::none,
       "/pooled_fund_manager",
       "The host's officer who manages the fund (optional)"},
      {"agreement_reference",
       kind::text,
       0,
       {},
       list_from::none,
       "/agreement/reference",
       "The section 75 agreement's reference"},
      {"agreement_start",
       kind::date,
       0,
       {},
       list_from::none,
       "/agreement/start",
       "The agreement is in force from (a date)"},
      {"agreement_end",
       kind::date,
       0,
       {},
       list_from::none,
       "/agreement/end",
       "The agreement is in force until (a date)"},
      {"stated_total",
       kind::money,
       0,
       {},
       list_from::none,
       "/stated_total",
       "The fund's total as the agreement states it (optional; checked against the "
       "contributions)"},
      {"overspend", kind::text, 0, names_of<budget::overspend_rule>(), list_from::none,
       "/risk_share/overspend", "Risk share: how an overspend is shared (unless overridden)"},
      {"underspend", kind::text, 0, names_of<budget::underspend_rule>(), list_from::none,
       "/risk_share/underspend", "Risk share: what happens to an underspend (unless overridden)"},
      {"offset_underspends", kind::boolean, 0, yes_no, list_from::none,
       "/risk_share/offset_underspends",
       "Risk share: cover overspends from underspends elsewhere in the pool first (yes/no)"},
      {"risk_pool",
       kind::money,
       0,
       {},
       list_from::none,
       "/risk_share/risk_pool",
       "Risk share: the contingency held in the pool (0 or blank for none)"},
      {"caps_override",
       kind::text,
       0,
       {},
       list_from::none,
       "/risk_share/caps_override",
       "Risk share: the recorded agreement to go beyond the caps, e.g. a minute (optional)"},
      {"capital_revenue_offset_clause",
       kind::text,
       0,
       {},
       list_from::none,
       "/risk_share/capital_revenue_offset_clause",
       "Risk share: the clause letting capital and revenue variances meet (optional)"},
      {"hwb_decision_reference",
       kind::text,
       0,
       {},
       list_from::none,
       "/risk_share/hwb_underspend_decision/reference",
       "The Health and Wellbeing Board's decision on retained underspends: its reference "
       "(optional)"},
      {"hwb_decision_underspend", kind::text, 0, names_of<budget::underspend_rule>(),
       list_from::none, "/risk_share/hwb_underspend_decision/underspend",
       "The Board's decision: the underspend rule it chose"},
      {"hwb_decision_schemes",
       kind::ids,
       0,
       {},
       list_from::none,
       "/risk_share/hwb_underspend_decision/schemes",
       "The Board's decision: the schemes it covers, ids separated by commas (none: all)"},
      {"hwb_decision_lines",
       kind::ids,
       0,
       {},
       list_from::none,
       "/risk_share/hwb_underspend_decision/lines",
       "The Board's decision: the lines it covers, ids separated by commas"},
  };
  return fields;
}

/// The table sheets, in the order they are written.
const std::vector<table>& tables() {
  static const std::vector<table> all = {
      {"Partners",
       "/partners",
       true,
       {{"id", kind::text, 12},
        {"name", kind::text, 48},
        {"kind", kind::text, 14, names_of<budget::partner_kind>()},
        {"ods_code", kind::text, 12},
        {"gss_code", kind::text, 12}},
       "The partners to the agreement: one row each. id is the short key the other sheets use."},
      {"Contributions",
       "/contributions",
       true,
       {{"partner", kind::text, 12, {}, list_from::partners},
        {"source", kind::text, 24, {}, list_from::source},
        {"amount", kind::money, 18}},
       "Each partner's contribution from each funding source for the year."},
      {"Instalments",
       "",
       false,
       {{"partner", kind::text, 12, {}, list_from::partners},
        {"source", kind::text, 24, {}, list_from::source},
        {"due", kind::date, 14},
        {"amount", kind::money, 18}},
       "Optional: when a contribution is paid, in instalments that add up to it. partner and "
       "source name the contribution (the first row on Contributions with both)."},
      {"Ring fences",
       "/ring_fences",
       false,
       {{"kind", kind::text, 24, {}, list_from::ring_fence}, {"minimum", kind::money, 18}},
       "Optional: the ring-fenced minimums the area must meet."},
      {"Schemes",
       "/schemes",
       true,
       {{"id", kind::text, 10}, {"name", kind::text, 40}, {"description", kind::text, 60}},
       "The schemes: named groups of expenditure lines."},
      {"Lines",
       "/lines",
       true,
       {{"id", kind::text, 10},
        {"scheme", kind::text, 10, {}, list_from::schemes},
        {"description", kind::text, 40},
        {"scheme_type", kind::text, 30, {}, list_from::scheme_type},
        {"sub_type", kind::text, 30, {}, list_from::sub_type},
        {"scheme_type_other", kind::text, 20},
        {"area_of_spend", kind::text, 20, {}, list_from::area_of_spend},
        {"area_of_spend_other", kind::text, 20},
        {"commissioner", kind::text, 16, names_of<budget::commissioner_kind>()},
        {"joint_nhs_percent", kind::percent, 12},
        {"joint_la_percent", kind::percent, 12},
        {"nhs_partner", kind::text, 12, {}, list_from::partners},
        {"provider_type", kind::text, 20, {}, list_from::provider_type},
        {"provider", kind::text, 24},
        {"source", kind::text, 24, {}, list_from::source},
        {"planned", kind::money, 18},
        {"capital", kind::boolean, 9, yes_no},
        {"new_scheme", kind::boolean, 11, yes_no},
        {"risk_class", kind::text, 11, names_of<budget::risk_class>()}},
       "The expenditure lines: one row per line, with its scheme, funding source and planned "
       "spend. capital: yes for capital, no for revenue."},
      {"Risk overrides",
       "/risk_share/overrides",
       false,
       {{"schemes", kind::ids, 16},
        {"lines", kind::ids, 16},
        {"overspend", kind::text, 30, names_of<budget::overspend_rule>()},
        {"underspend", kind::text, 30, names_of<budget::underspend_rule>()}},
       "Optional: risk-share rules for named schemes or lines instead of the default on the "
       "Fund sheet. schemes and lines are ids separated by commas; a blank rule is the "
       "default's."},
      {"Risk pool funding",
       "/risk_share/risk_pool_funding",
       false,
       {{"partner", kind::text, 12, {}, list_from::partners}, {"amount", kind::money, 18}},
       "Optional: each partner's stated part of the risk pool."},
      {"Overspend caps",
       "/risk_share/caps",
       false,
       {{"partner", kind::text, 12, {}, list_from::partners}, {"cap", kind::money, 18}},
       "Optional: the most a partner bears of overspends over the year."},
      {"DFG pass-through",
       "/dfg_pass_through",
       false,
       {{"district", kind::text, 36}, {"gss_code", kind::text, 12}, {"amount", kind::money, 18}},
       "Optional (two-tier areas): the Disabled Facilities Grant passed to each district "
       "council."},
  };
  return all;
}

constexpr std::string_view fund_sheet = "Fund";
constexpr std::string_view instructions_sheet = "Instructions";
constexpr std::string_view lists_sheet = "Lists";

/// Rows below the header that get dropdowns and formats, at least.
constexpr lxw_row_t validated_rows = 1000;

// --- writing --------------------------------------------------------------------------------

/// The catalogue's keys for a list, in the catalogue's order.
std::vector<std::string> catalogue_keys(const budget::bcf_catalogue& c, list_from list) {
  std::vector<std::string> out;
  const auto keys = [&](const std::vector<budget::enum_value>& values) {
    for (const budget::enum_value& v : values)
      out.push_back(v.key);
  };
  switch (list) {
    case list_from::source:
      for (const budget::funding_source_def& s : c.funding_sources)
        out.push_back(s.value.key);
      break;
    case list_from::scheme_type:
      for (const budget::scheme_type_def& t : c.scheme_types)
        out.push_back(t.value.key);
      break;
    case list_from::sub_type:
      for (const budget::scheme_type_def& t : c.scheme_types) {
        for (const budget::enum_value& s : t.sub_types) {
          if (std::find(out.begin(), out.end(), s.key) == out.end()) out.push_back(s.key);
        }
      }
      break;
    case list_from::area_of_spend:
      keys(c.areas_of_spend);
      break;
    case list_from::provider_type:
      keys(c.provider_types);
      break;
    case list_from::ring_fence:
      keys(c.ring_fences);
      break;
    default:
      break;
  }
  return out;
}

/// The catalogue lists on the Lists sheet, in its column order.
constexpr std::array<list_from, 6> catalogue_lists = {
    list_from::source,        list_from::scheme_type,   list_from::sub_type,
    list_from::area_of_spend, list_from::provider_type, list_from::ring_fence};

/// "$A$2:$A$1001" for a column's data rows.
std::string range_of(lxw_col_t col, lxw_row_t rows) {
  const std::string letters =
      detail::cell_name(1, static_cast<std::uint32_t>(col) + 1).substr(0, std::string::npos);
  const std::string c = letters.substr(0, letters.size() - 1);  // "A1" -> "A"
  return "$" + c + "$2:$" + c + "$" + std::to_string(rows + 1);
}

/// The workbook being written, with its formats and the sizes the dropdowns need.
class writer {
 public:
  writer(lxw_workbook* wb, const budget::bcf_catalogue* catalogue)
      : wb_(wb), catalogue_(catalogue) {
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    format_set_bg_color(bold_, 0xDDEBF7);
    format_set_border(bold_, LXW_BORDER_THIN);
    money_ = workbook_add_format(wb_);
    format_set_num_format(money_, "\xC2\xA3#,##0.00");
    date_ = workbook_add_format(wb_);
    format_set_num_format(date_, "dd/mm/yyyy");
    wrap_ = workbook_add_format(wb_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    heading_ = workbook_add_format(wb_);
    format_set_bold(heading_);
    format_set_font_size(heading_, 14);
  }

  lxw_workbook* wb_;
  const budget::bcf_catalogue* catalogue_;
  lxw_format* bold_;
  lxw_format* money_;
  lxw_format* date_;
  lxw_format* wrap_;
  lxw_format* heading_;
  lxw_row_t rows_ = validated_rows;                           // data rows given dropdowns
  std::vector<std::pair<list_from, std::size_t>> list_sizes;  // catalogue lists' lengths
  bool ok = true;

  /// Notes a libxlsxwriter error.
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR) ok = false;
  }

  /// A list dropdown of fixed values.
  void dropdown(lxw_worksheet* ws, lxw_row_t first, lxw_col_t col, lxw_row_t last,
                std::span<const std::string_view> values) {
    std::vector<std::string> text(values.begin(), values.end());
    std::vector<char*> list;
    for (std::string& s : text)
      list.push_back(s.data());
    list.push_back(nullptr);
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = list.data();
    std::string title = "Not in the list";
    std::string message = "Choose a value from the dropdown.";
    v.error_title = title.data();
    v.error_message = message.data();
    check(worksheet_data_validation_range(ws, first, col, last, col, &v));
  }

  /// A list dropdown of a range ("=Partners!$A$2:$A$1001").
  void dropdown(lxw_worksheet* ws, lxw_row_t first, lxw_col_t col, lxw_row_t last,
                std::string formula, std::string_view what) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    v.value_formula = formula.data();
    std::string title = "Not in the list";
    std::string message = "Choose " + std::string(what) + " from the dropdown.";
    v.error_title = title.data();
    v.error_message = message.data();
    check(worksheet_data_validation_range(ws, first, col, last, col, &v));
  }

  /// The dropdown a column's cells get, from `first` to `last` (0-based rows).
  void validate(lxw_worksheet* ws, const column& c, lxw_row_t first, lxw_col_t col,
                lxw_row_t last) {
    if (!c.choices.empty()) {
      dropdown(ws, first, col, last, c.choices);
      return;
    }
    switch (c.list) {
      case list_from::none:
        return;
      case list_from::partners:
        dropdown(ws, first, col, last, "=Partners!" + range_of(0, rows_), "a partner id");
        return;
      case list_from::schemes:
        dropdown(ws, first, col, last, "=Schemes!" + range_of(0, rows_), "a scheme id");
        return;
      default:
        break;
    }
    for (std::size_t i = 0; i < list_sizes.size(); ++i) {
      if (list_sizes[i].first != c.list || list_sizes[i].second == 0) continue;
      dropdown(ws, first, col, last,
               "=Lists!" + range_of(static_cast<lxw_col_t>(i),
                                    static_cast<lxw_row_t>(list_sizes[i].second)),
               "a value of this year's catalogue");
    }
  }

  /// Writes one value of `c` from the document at (row, col).
  void write_value(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const column& c,
                   const json& v) {
    if (v.is_null()) return;
    switch (c.k) {
      case kind::text:
        if (v.is_string()) {
          if (!v.get_ref<const std::string&>().empty())
            check(worksheet_write_string(ws, row, col, v.get_ref<const std::string&>().c_str(),
                                         nullptr));
        } else {
          check(worksheet_write_string(ws, row, col, v.dump().c_str(), nullptr));
        }
        return;
      case kind::money: {
        const result<money> m = money::parse(v.is_string() ? v.get<std::string>() : v.dump());
        if (!m) return;
        // The one double: a workbook's number cells are doubles. The nearest double to the
        // pence / 100 is written; reading it back gives the same pence (fund_workbook_test).
        check(
            worksheet_write_number(ws, row, col, static_cast<double>(m->pence()) / 100.0, money_));
        return;
      }
      case kind::date: {
        const result<std::chrono::year_month_day> d =
            parse_iso_date(v.is_string() ? v.get<std::string>() : std::string());
        if (!d) return;
        lxw_datetime dt{static_cast<int>(d->year()),
                        static_cast<int>(unsigned{d->month()}),
                        static_cast<int>(unsigned{d->day()}),
                        0,
                        0,
                        0.0};
        check(worksheet_write_datetime(ws, row, col, &dt, date_));
        return;
      }
      case kind::boolean:
        if (v.is_boolean())
          check(worksheet_write_string(ws, row, col, v.get<bool>() ? "yes" : "no", nullptr));
        return;
      case kind::percent: {
        const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
        const bool plain =
            !s.empty() && s.size() <= 15 &&
            std::all_of(s.begin(), s.end(),
                        [](char ch) {
                          return std::isdigit(static_cast<unsigned char>(ch)) || ch == '.';
                        }) &&
            std::count(s.begin(), s.end(), '.') <= 1 && s.front() != '.' && s.back() != '.';
        if (plain) {
          check(worksheet_write_number(ws, row, col, std::strtod(s.c_str(), nullptr), nullptr));
        } else {
          check(worksheet_write_string(ws, row, col, s.c_str(), nullptr));
        }
        return;
      }
      case kind::ids: {
        std::string joined;
        if (v.is_array()) {
          for (const json& id : v) {
            if (!joined.empty()) joined += ", ";
            joined += id.is_string() ? id.get<std::string>() : id.dump();
          }
        }
        if (!joined.empty()) check(worksheet_write_string(ws, row, col, joined.c_str(), nullptr));
        return;
      }
    }
  }

  /// A table sheet: header, formats, dropdowns and the rows.
  void write_table(const table& t, const std::vector<const json*>& rows) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(t.sheet).c_str());
    if (ws == nullptr) {
      ok = false;
      return;
    }
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const column& c = t.columns[i];
      const auto col = static_cast<lxw_col_t>(i);
      lxw_format* f = c.k == kind::money ? money_ : c.k == kind::date ? date_ : nullptr;
      check(worksheet_set_column(ws, col, col, c.width, f));
      check(worksheet_write_string(ws, 0, col, std::string(c.name).c_str(), bold_));
      validate(ws, c, 1, col, rows_);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const column& c = t.columns[i];
        const json& row = *rows[r];
        write_value(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(i), c,
                    row.contains(c.name) ? row[std::string(c.name)] : json());
      }
    }
  }

  /// The Fund sheet: Field | Value | What it is.
  void write_fund(const json& doc) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(fund_sheet).c_str());
    if (ws == nullptr) {
      ok = false;
      return;
    }
    check(worksheet_set_column(ws, 0, 0, 30, nullptr));
    check(worksheet_set_column(ws, 1, 1, 44, nullptr));
    check(worksheet_set_column(ws, 2, 2, 80, nullptr));
    check(worksheet_write_string(ws, 0, 0, "field", bold_));
    check(worksheet_write_string(ws, 0, 1, "value", bold_));
    check(worksheet_write_string(ws, 0, 2, "what it is", bold_));
    worksheet_freeze_panes(ws, 1, 0);
    const std::vector<column>& fields = fund_fields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const column& c = fields[i];
      const auto row = static_cast<lxw_row_t>(i + 1);
      check(worksheet_write_string(ws, row, 0, std::string(c.name).c_str(), nullptr));
      check(worksheet_write_string(ws, row, 2, std::string(c.note).c_str(), nullptr));
      const json::json_pointer p{std::string(c.pointer)};
      if (c.k == kind::money) check(worksheet_write_blank(ws, row, 1, money_));
      if (c.k == kind::date) check(worksheet_write_blank(ws, row, 1, date_));
      if (doc.contains(p)) write_value(ws, row, 1, c, doc[p]);
      validate(ws, c, row, 1, row);
    }
  }

  /// The Lists sheet: the catalogue's keys, one list a column.
  void write_lists() {
    if (catalogue_ == nullptr) return;
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(lists_sheet).c_str());
    if (ws == nullptr) {
      ok = false;
      return;
    }
    constexpr std::array<std::string_view, 6> headers = {
        "source", "scheme_type", "sub_type", "area_of_spend", "provider_type", "ring_fence"};
    for (std::size_t i = 0; i < catalogue_lists.size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i);
      check(worksheet_set_column(ws, col, col, 40, nullptr));
      check(worksheet_write_string(ws, 0, col, std::string(headers[i]).c_str(), bold_));
      const std::vector<std::string> keys = catalogue_keys(*catalogue_, catalogue_lists[i]);
      for (std::size_t r = 0; r < keys.size(); ++r)
        check(worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), col, keys[r].c_str(),
                                     nullptr));
    }
    worksheet_freeze_panes(ws, 1, 0);
  }

  /// The Instructions sheet.
  void write_instructions(std::string_view year) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, std::string(instructions_sheet).c_str());
    if (ws == nullptr) {
      ok = false;
      return;
    }
    check(worksheet_set_column(ws, 0, 0, 24, bold_ == nullptr ? nullptr : nullptr));
    check(worksheet_set_column(ws, 1, 1, 100, wrap_));
    lxw_row_t row = 0;
    const auto line = [&](std::string_view a, std::string_view b) {
      check(worksheet_write_string(ws, row, 0, std::string(a).c_str(), nullptr));
      check(worksheet_write_string(ws, row, 1, std::string(b).c_str(), wrap_));
      ++row;
    };
    check(worksheet_write_string(ws, row++, 0, "joinedup fund workbook", heading_));
    line("",
         "Fill in the sheets below and read the workbook into a fund document with: joinedup "
         "budget import-fund THIS.xlsx -o fund.json. Nothing is written if anything is wrong: "
         "every problem is reported with its sheet and cell.");
    line("",
         "Row 1 of each sheet is the header: keep the headers (their order does not "
         "matter). Fill one row per item from row 2; empty rows are skipped.");
    line("",
         "Money: pounds with at most 2 decimal places (1234.56), as a number. More than 2 "
         "decimal places is refused, never rounded.");
    line("", "Dates: real Excel dates (e.g. 01/04/2025), or text as 2025-04-01 or 01/04/2025.");
    line("",
         "Dropdowns list the allowed values; codes such as funding sources and scheme "
         "types are the catalogue's keys for " +
             std::string(year) + " (the Lists sheet).");
    line("", "Percentages (joint lines): the number of percent, 60 for 60%.");
    line("", "yes/no columns: yes or no (TRUE and FALSE are read too).");
    ++row;
    check(worksheet_write_string(ws, row, 0, "Sheet", bold_));
    check(worksheet_write_string(ws, row++, 1, "What it holds", bold_));
    line(fund_sheet,
         "The fund itself: one value per row in the value column (name, area, year, "
         "host, the section 75 agreement, the default risk-share rules).");
    for (const table& t : tables())
      line(t.sheet, t.what);
    if (catalogue_ != nullptr)
      line(lists_sheet, "The catalogue's values the dropdowns offer. Not read back.");
    ++row;
    line("Not in the workbook",
         "Performance-linked elements and the later years of a multi-year plan are not carried "
         "by the workbook: keep them in the fund document (JSON). In-year events are a document "
         "of their own (joinedup/fund-events/v1).");
    worksheet_activate(ws);
  }
};

/// The rows each table sheet gets from the document.
std::vector<const json*> rows_of(const json& doc, std::string_view pointer) {
  std::vector<const json*> out;
  const json::json_pointer p{std::string(pointer)};
  if (!doc.contains(p) || !doc[p].is_array()) return out;
  for (const json& item : doc[p])
    out.push_back(&item);
  return out;
}

/// The Instalments sheet's rows, made from each contribution's instalments.
std::vector<json> instalment_rows(const json& doc, diagnostics& diags) {
  std::vector<json> out;
  if (!doc.contains("contributions")) return out;
  const json& cs = doc["contributions"];
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const json& c = cs[i];
    if (!c.contains("instalments")) continue;
    bool earlier = false;
    for (std::size_t k = 0; k < i; ++k)
      earlier = earlier || (cs[k].value("partner", "") == c.value("partner", "") &&
                            cs[k].value("source", "") == c.value("source", ""));
    if (earlier) {
      diags.warning("budget.workbook.left_out", "/contributions/" + std::to_string(i),
                    "the instalments of a second contribution from " + c.value("partner", "") +
                        " for " + c.value("source", "") +
                        " are left out: the Instalments sheet names a contribution by partner "
                        "and source, and that names the first");
      continue;
    }
    for (const json& in : c["instalments"]) {
      json row = in;
      row["partner"] = c.value("partner", "");
      row["source"] = c.value("source", "");
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace

// --- reading --------------------------------------------------------------------------------

namespace {

/// The text of a cell, trimmed.
std::string trimmed(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
    --e;
  return std::string(s.substr(b, e - b));
}

/// A header as the reader compares it: trimmed, lower case, spaces and hyphens as underscores.
std::string normal_header(std::string_view text) {
  std::string out = trimmed(text);
  for (char& c : out)
    c = c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

result<money> parse_workbook_money(std::string_view text) {
  // Only a plain decimal with more than two decimal places and more significant digits than a
  // double holds (16 or 17; a double holds 15) is looked at more closely.
  std::string_view t = text;
  const bool negative = !t.empty() && t.front() == '-';
  if (negative) t.remove_prefix(1);
  const std::size_t dot = t.find('.');
  const bool plain =
      dot != std::string_view::npos && dot > 0 && std::count(t.begin(), t.end(), '.') == 1 &&
      std::all_of(t.begin(), t.end(),
                  [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)); });
  if (!plain || t.size() - dot - 1 <= 2) return parse_export_amount(text);
  const std::string digits = std::string(t.substr(0, dot)) + std::string(t.substr(dot + 1));
  const auto decimals = static_cast<std::ptrdiff_t>(t.size() - dot - 1);
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return parse_export_amount(text);
  const auto significant = static_cast<std::ptrdiff_t>(digits.size() - first);
  const std::ptrdiff_t kept_decimals = decimals - (significant - 15);
  if (significant < 16 || kept_decimals < 2) return parse_export_amount(text);
  // Round to 15 significant digits, half up, in decimal text.
  const std::size_t keep = digits.size() - static_cast<std::size_t>(significant - 15);
  std::string r = digits.substr(0, keep);
  if (digits[keep] >= '5') {
    std::size_t i = r.size();
    while (i > 0 && r[i - 1] == '9') {
      r[i - 1] = '0';
      --i;
    }
    if (i == 0) {
      r.insert(r.begin(), '1');
    } else {
      ++r[i - 1];
    }
  }
  // Past the pence it must now be zeros: 1234.56000000000 is £1,234.56.
  const auto beyond = static_cast<std::size_t>(kept_decimals - 2);
  if (r.find_first_not_of('0', r.size() - beyond) != std::string::npos) {
    return parse_export_amount(text);
  }
  r.resize(r.size() - beyond);
  std::string whole = r.substr(0, r.size() - 2);
  if (whole.empty()) whole = "0";
  return parse_export_amount((negative ? "-" : "") + whole + "." + r.substr(r.size() - 2));
}

namespace {

/// A data row of a sheet: its row number and its cells by column.
struct sheet_row {
  std::uint32_t row = 0;
  std::vector<const xlsx_cell*> cells;  ///< by column index (0-based), nullptr when empty
};

/// A sheet's rows, ordered by row number; cells of the same position: the later one.
std::vector<sheet_row> rows_of(const detail::xlsx_sheet& sheet) {
  std::vector<const xlsx_cell*> cells;
  for (const xlsx_cell& c : sheet.cells)
    cells.push_back(&c);
  std::stable_sort(cells.begin(), cells.end(), [](const xlsx_cell* a, const xlsx_cell* b) {
    return a->row != b->row ? a->row < b->row : a->col < b->col;
  });
  std::vector<sheet_row> out;
  for (const xlsx_cell* c : cells) {
    if (out.empty() || out.back().row != c->row) out.push_back(sheet_row{c->row, {}});
    sheet_row& r = out.back();
    if (r.cells.size() < c->col) r.cells.resize(c->col, nullptr);
    r.cells[c->col - 1] = c;
  }
  return out;
}

/// Reads a workbook into the fund document's JSON, noting where each value came from.
class reader {
 public:
  reader(const detail::xlsx_book& book, fund_workbook_import& out, diagnostics& diags)
      : book_(book), out_(out), diags_(diags) {}

  json doc = json::object();

  /// The sheet with this name (case-insensitive), or nullptr.
  const detail::xlsx_sheet* sheet(std::string_view name) const {
    for (const detail::xlsx_sheet& s : book_.sheets) {
      if (normal_header(s.name) == normal_header(name)) return &s;
    }
    return nullptr;
  }

  /// Converts a cell to the JSON value its column's kind wants; null with a diagnostic when it
  /// cannot, null without one when it is empty.
  json value(const column& c, const xlsx_cell* cell, const std::string& where) {
    if (cell == nullptr) return nullptr;
    if (cell->kind == xlsx_value::error) {
      diags_.error("budget.workbook.value", where,
                   "the cell holds the error " + excerpt(cell->text, 20) + "; " +
                       std::string(c.name) + " needs a value");
      return nullptr;
    }
    const std::string text = trimmed(cell->text);
    if (text.empty()) return nullptr;
    switch (c.k) {
      case kind::text:
        if (cell->kind == xlsx_value::boolean) return text == "1" ? "TRUE" : "FALSE";
        return text;
      case kind::money: {
        if (cell->kind == xlsx_value::boolean || cell->kind == xlsx_value::date) break;
        const result<money> m = parse_workbook_money(text);
        if (!m) {
          diags_.error("budget.workbook.money", where,
                       std::string(c.name) + " '" + excerpt(text) +
                           "' is not a sum of money in pounds with at most 2 decimal places (" +
                           m.error().message + ")");
          return nullptr;
        }
        return m->to_string();
      }
      case kind::date:
        return date(c, *cell, text, where);
      case kind::boolean: {
        const std::string t = normal_header(text);
        if (t == "yes" || t == "y" || t == "true" || t == "1") return true;
        if (t == "no" || t == "n" || t == "false" || t == "0") return false;
        diags_.error("budget.workbook.value", where,
                     std::string(c.name) + " '" + excerpt(text) + "' is not yes or no");
        return nullptr;
      }
      case kind::percent: {
        std::string t = text;
        if (!t.empty() && t.back() == '%') t = trimmed(t.substr(0, t.size() - 1));
        return t;
      }
      case kind::ids: {
        json ids = json::array();
        std::string part;
        const auto flush = [&] {
          const std::string id = trimmed(part);
          if (!id.empty()) ids.push_back(id);
          part.clear();
        };
        for (char ch : text) {
          if (ch == ',' || ch == ';') {
            flush();
          } else {
            part += ch;
          }
        }
        flush();
        return ids;
      }
    }
    diags_.error("budget.workbook.value", where,
                 std::string(c.name) + " '" + excerpt(text) + "' is not a sum of money");
    return nullptr;
  }

  /// A date cell: an Excel serial, an ISO date cell, or text as YYYY-MM-DD or DD/MM/YYYY.
  json date(const column& c, const xlsx_cell& cell, const std::string& text,
            const std::string& where) {
    using namespace std::chrono;
    if (cell.kind == xlsx_value::number) {
      // A serial: whole days, with nothing after the point but zeros.
      const std::size_t dot = text.find('.');
      const std::string whole = text.substr(0, dot);
      const bool fraction_zero = dot == std::string::npos ||
                                 std::all_of(text.begin() + static_cast<std::ptrdiff_t>(dot) + 1,
                                             text.end(), [](char ch) { return ch == '0'; });
      const bool digits = !whole.empty() && whole.size() <= 7 &&
                          std::all_of(whole.begin(), whole.end(), [](char ch) {
                            return std::isdigit(static_cast<unsigned char>(ch));
                          });
      const long serial = digits ? std::strtol(whole.c_str(), nullptr, 10) : -1;
      // 1900 system: 1 is 1900-01-01; 60 is the 29 February 1900 Excel counts and that never
      // was; from 61 on, days since 1899-12-30. 1904 system: days since 1904-01-01.
      if (!fraction_zero || !digits || serial < 1 || serial > 2'958'465 ||
          (!book_.date1904 && serial == 60)) {
        diags_.error("budget.workbook.date", where,
                     std::string(c.name) + " '" + excerpt(text) +
                         "' is not a date (an Excel date serial of a whole day)");
        return nullptr;
      }
      const sys_days base = book_.date1904 ? sys_days{year{1904} / January / 1}
                                           : (serial < 60 ? sys_days{year{1899} / December / 31}
                                                          : sys_days{year{1899} / December / 30});
      return to_iso_string(year_month_day{base + days{serial}});
    }
    if (cell.kind == xlsx_value::text || cell.kind == xlsx_value::date) {
      const std::string t = cell.kind == xlsx_value::date ? text.substr(0, 10) : text;
      if (result<year_month_day> d = parse_date(t, "%Y-%m-%d")) return to_iso_string(*d);
      if (result<year_month_day> d = parse_date(t, "%d/%m/%Y")) return to_iso_string(*d);
    }
    diags_.error("budget.workbook.date", where,
                 std::string(c.name) + " '" + excerpt(text) +
                     "' is not a date (an Excel date, or text as 2025-04-01 or 01/04/2025)");
    return nullptr;
  }

  /// The columns a header row names: column index -> the column's definition.
  std::vector<const column*> header(const detail::xlsx_sheet& s, const sheet_row& h,
                                    const std::vector<column>& columns) {
    std::vector<const column*> by_index(h.cells.size(), nullptr);
    for (std::size_t i = 0; i < h.cells.size(); ++i) {
      if (h.cells[i] == nullptr) continue;
      const std::string name = normal_header(h.cells[i]->text);
      if (name.empty()) continue;
      const std::string where =
          s.name + "!" + detail::cell_name(h.row, static_cast<std::uint32_t>(i + 1));
      const auto it = std::find_if(columns.begin(), columns.end(),
                                   [&](const column& c) { return c.name == name; });
      if (it == columns.end()) {
        diags_.warning("budget.workbook.column", where,
                       "column '" + excerpt(h.cells[i]->text) + "' is not one sheet " + s.name +
                           " has; it is not read");
        continue;
      }
      if (std::find(by_index.begin(), by_index.end(), &*it) != by_index.end()) {
        diags_.error("budget.workbook.column", where,
                     "column '" + std::string(it->name) + "' is given twice; only one is read");
        continue;
      }
      by_index[i] = &*it;
    }
    return by_index;
  }

  /// A table sheet: each data row an object of `t.pointer`'s array (the Instalments sheet's
  /// rows are put into their contributions).
  void read_table(const table& t) {
    const json::json_pointer array{std::string(t.pointer.empty() ? "/contributions" : t.pointer)};
    if (!t.pointer.empty() && (t.required || !doc.contains(array))) doc[array] = json::array();
    const detail::xlsx_sheet* s = sheet(t.sheet);
    if (!t.pointer.empty())
      out_.cells.emplace(std::string(t.pointer), std::string(t.sheet) + "!A1");
    if (s == nullptr) {
      if (t.required) {
        diags_.error("budget.workbook.sheet", "",
                     "the workbook has no sheet '" + std::string(t.sheet) +
                         "'; make one from joinedup budget template --xlsx");
      }
      return;
    }
    const std::vector<sheet_row> rows = rows_of(*s);
    std::size_t read = 0;
    if (!rows.empty()) {
      const std::vector<const column*> cols = header(*s, rows.front(), t.columns);
      for (std::size_t r = 1; r < rows.size(); ++r) {
        json item = json::object();
        std::vector<std::pair<std::string, std::string>> where;
        bool any = false;
        for (std::size_t i = 0; i < rows[r].cells.size() && i < cols.size(); ++i) {
          if (cols[i] == nullptr) continue;
          const std::string cell =
              s->name + "!" + detail::cell_name(rows[r].row, static_cast<std::uint32_t>(i + 1));
          where.emplace_back(std::string(cols[i]->name), cell);
          const xlsx_cell* c = rows[r].cells[i];
          if (c == nullptr || trimmed(c->text).empty()) continue;
          any = true;
          json v = value(*cols[i], c, cell);
          if (!v.is_null()) item[std::string(cols[i]->name)] = std::move(v);
        }
        for (std::size_t i = 0; i < cols.size(); ++i) {
          if (cols[i] == nullptr || i < rows[r].cells.size()) continue;
          where.emplace_back(
              std::string(cols[i]->name),
              s->name + "!" + detail::cell_name(rows[r].row, static_cast<std::uint32_t>(i + 1)));
        }
        if (!any) continue;  // an empty row (or one of cells under no header)
        ++read;
        const std::string row_cell = s->name + "!A" + std::to_string(rows[r].row);
        std::string base;
        if (t.pointer.empty()) {
          base = instalment(item, row_cell);
          if (base.empty()) continue;
        } else {
          base = std::string(t.pointer) + "/" + std::to_string(doc[array].size());
          doc[array].push_back(std::move(item));
        }
        out_.cells.emplace(base, row_cell);
        for (const auto& [name, cell] : where)
          out_.cells.emplace(base + "/" + name, cell);
      }
    }
    out_.rows_read.emplace_back(s->name, read);
  }

  /// Puts an Instalments row into the first contribution with its partner and source; gives
  /// the instalment's pointer, or "" (budget.workbook.reference) when there is none.
  std::string instalment(json& item, const std::string& row_cell) {
    const std::string partner = item.value("partner", "");
    const std::string source = item.value("source", "");
    json& cs = doc["contributions"];
    for (std::size_t k = 0; k < cs.size(); ++k) {
      if (cs[k].value("partner", "") != partner || cs[k].value("source", "") != source) continue;
      item.erase("partner");
      item.erase("source");
      json& list = cs[k]["instalments"];
      if (!list.is_array()) list = json::array();
      list.push_back(std::move(item));
      return "/contributions/" + std::to_string(k) + "/instalments/" +
             std::to_string(list.size() - 1);
    }
    diags_.error("budget.workbook.reference", row_cell,
                 "the instalment names partner '" + excerpt(partner) + "' and source '" +
                     excerpt(source) + "', and no row on Contributions has both");
    return {};
  }

  /// The Fund sheet: field | value rows.
  void read_fund() {
    const detail::xlsx_sheet* s = sheet(fund_sheet);
    for (const column& c : fund_fields())
      out_.cells.emplace(std::string(c.pointer), std::string(fund_sheet) + "!A1");
    out_.cells.emplace("/agreement", std::string(fund_sheet) + "!A1");
    out_.cells.emplace("/risk_share", std::string(fund_sheet) + "!A1");
    if (s == nullptr) {
      diags_.error("budget.workbook.sheet", "",
                   "the workbook has no sheet 'Fund'; make one from joinedup budget template "
                   "--xlsx");
      return;
    }
    const std::vector<sheet_row> rows = rows_of(*s);
    std::size_t read = 0;
    if (!rows.empty()) {
      static const std::vector<column> header_columns = {
          {"field", kind::text}, {"value", kind::text}, {"what_it_is", kind::text}};
      const std::vector<const column*> cols = header(*s, rows.front(), header_columns);
      std::size_t field_col = cols.size();
      std::size_t value_col = cols.size();
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (cols[i] == &header_columns[0]) field_col = i;
        if (cols[i] == &header_columns[1]) value_col = i;
      }
      if (field_col == cols.size() || value_col == cols.size()) {
        diags_.error("budget.workbook.column", s->name + "!A1",
                     "the Fund sheet needs the columns 'field' and 'value' in its first row");
        out_.rows_read.emplace_back(s->name, 0);
        return;
      }
      std::vector<std::string> seen;
      for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto cell_at = [&](std::size_t i) {
          return i < rows[r].cells.size() ? rows[r].cells[i] : nullptr;
        };
        const xlsx_cell* f = cell_at(field_col);
        const xlsx_cell* v = cell_at(value_col);
        const std::string field = f != nullptr ? normal_header(f->text) : std::string();
        const std::string where =
            s->name + "!" +
            detail::cell_name(rows[r].row, static_cast<std::uint32_t>(value_col + 1));
        if (field.empty()) {
          if (v != nullptr && !trimmed(v->text).empty()) {
            diags_.warning("budget.workbook.column", where,
                           "a value with no field name beside it is not read");
          }
          continue;
        }
        const auto it = std::find_if(fund_fields().begin(), fund_fields().end(),
                                     [&](const column& c) { return c.name == field; });
        if (it == fund_fields().end()) {
          diags_.warning(
              "budget.workbook.column",
              s->name + "!" +
                  detail::cell_name(rows[r].row, static_cast<std::uint32_t>(field_col + 1)),
              "field '" + excerpt(f->text) +
                  "' is not one the Fund sheet has; it is "
                  "not read");
          continue;
        }
        if (std::find(seen.begin(), seen.end(), field) != seen.end()) {
          diags_.error("budget.workbook.column", where,
                       "field '" + field + "' is given twice on the Fund sheet");
          continue;
        }
        seen.push_back(field);
        out_.cells[std::string(it->pointer)] = where;
        if (field == "agreement_reference") out_.cells["/agreement"] = where;
        if (field == "overspend") out_.cells["/risk_share"] = where;
        json value_json = value(*it, v, where);
        if (value_json.is_null()) continue;
        ++read;
        doc[json::json_pointer{std::string(it->pointer)}] = std::move(value_json);
      }
    }
    out_.rows_read.emplace_back(s->name, read);
  }

  const detail::xlsx_book& book_;
  fund_workbook_import& out_;
  diagnostics& diags_;
};

}  // namespace

std::vector<std::string_view> fund_workbook_sheets() {
  std::vector<std::string_view> out{fund_sheet};
  for (const table& t : tables())
    out.push_back(t.sheet);
  return out;
}

result<std::string> write_fund_workbook(const budget::pooled_fund* fund,
                                        const budget::bcf_catalogue* catalogue,
                                        diagnostics& diags) {
  const json doc = fund != nullptr ? json::parse(write_pooled_fund(*fund)) : json::object();
  if (fund != nullptr) {
    if (!fund->performance_linked.empty()) {
      diags.warning("budget.workbook.left_out", "/performance_linked",
                    std::to_string(fund->performance_linked.size()) +
                        " performance-linked element(s) are left out: the workbook does not "
                        "carry them; keep them in the fund document");
    }
    if (!fund->later_years.empty()) {
      diags.warning("budget.workbook.left_out", "/later_years",
                    "the plan's " + std::to_string(fund->later_years.size()) +
                        " later year(s) are left out: the workbook holds one year; keep them in "
                        "the fund document");
    }
  }
  const std::vector<json> instalments = instalment_rows(doc, diags);

  // libxlsxwriter writes to a file: a private temporary one, read back and removed.
  std::string path = (std::filesystem::temp_directory_path() / "joinedup-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) {
    return fail("budget.workbook.write", "cannot make a temporary file for the workbook");
  }
  ::close(fd);
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) {
    std::filesystem::remove(path);
    return fail("budget.workbook.write", "cannot start the workbook");
  }
  writer w(wb, catalogue);
  std::size_t most = 0;
  for (const table& t : tables())
    most = std::max(most, t.pointer.empty() ? instalments.size() : rows_of(doc, t.pointer).size());
  w.rows_ = std::max<lxw_row_t>(validated_rows, static_cast<lxw_row_t>(most + 500));
  if (catalogue != nullptr) {
    for (list_from l : catalogue_lists)
      w.list_sizes.emplace_back(l, catalogue_keys(*catalogue, l).size());
  }
  const std::string year = fund != nullptr        ? fund->year.to_string()
                           : catalogue != nullptr ? catalogue->year.to_string()
                                                  : std::string("the year");
  w.write_instructions(year);
  w.write_fund(doc);
  for (const table& t : tables()) {
    if (t.pointer.empty()) {
      std::vector<const json*> rows;
      for (const json& r : instalments)
        rows.push_back(&r);
      w.write_table(t, rows);
    } else {
      w.write_table(t, rows_of(doc, t.pointer));
    }
  }
  w.write_lists();
  const lxw_error closed = workbook_close(wb);
  if (closed != LXW_NO_ERROR || !w.ok) {
    std::filesystem::remove(path);
    return fail("budget.workbook.write",
                std::string("the workbook cannot be written: ") + lxw_strerror(closed));
  }
  result<std::string> bytes = read_file(path);
  std::filesystem::remove(path);
  if (!bytes) return fail("budget.workbook.write", bytes.error().message);
  return bytes;
}

std::string fund_workbook_import::locate(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    const auto it = cells.find(p);
    if (it != cells.end()) return it->second;
    const std::size_t slash = p.rfind('/');
    if (slash == std::string::npos || p.empty()) return {};
    p.resize(slash);
  }
}

void locate_in_workbook(const diagnostics& from, const fund_workbook_import& import,
                        diagnostics& into) {
  for (const diagnostic& d : from) {
    diagnostic moved = d;
    if (!d.path.empty()) moved.path = import.locate(d.path);
    into.add(std::move(moved));
  }
}

fund_workbook_import read_fund_workbook(std::string_view bytes, diagnostics& diags) {
  fund_workbook_import out;
  std::vector<std::string> wanted{std::string(fund_sheet)};
  for (const table& t : tables())
    wanted.emplace_back(t.sheet);
  // Problems found here are collected apart, so that those already in `diags` do not stop
  // the reading.
  diagnostics mine;
  detail::xlsx_book book;
  if (!detail::read_xlsx(bytes, wanted, book, mine)) {
    diags.append(mine);
    return out;
  }
  reader r(book, out, mine);
  r.doc["schema"] = std::string(fund_schema);
  r.read_fund();
  for (const table& t : tables()) {
    if (!t.pointer.empty()) r.read_table(t);
  }
  for (const table& t : tables()) {
    if (t.pointer.empty()) r.read_table(t);
  }
  // The counts in the order of the sheets.
  const std::vector<std::string_view> order = fund_workbook_sheets();
  const auto rank = [&](const std::pair<std::string, std::size_t>& p) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (normal_header(order[i]) == normal_header(p.first)) return i;
    }
    return order.size();
  };
  std::stable_sort(out.rows_read.begin(), out.rows_read.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  if (!mine.has_errors()) {
    // A cell that could not be read would come back as a missing member: only a workbook whose
    // cells were all read is given to the fund document's reader.
    diagnostics fund_diags;
    out.fund = read_pooled_fund(r.doc.dump(), fund_diags);
    locate_in_workbook(fund_diags, out, mine);
  }
  diags.append(mine);
  return out;
}

}  // namespace io
JOINEDUP_END_NAMESPACE
