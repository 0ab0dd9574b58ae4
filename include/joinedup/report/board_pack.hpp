// joinedup: the board pack, what a Health and Wellbeing Board reads about its area: sections of
// key figures, explanations, tables and charts (bars, Making Data Count SPC charts, funnel plots),
// rendered as one self-contained HTML page (inline SVG and CSS, no scripts, A4 print) or, through
// pack_tables, as a workbook or a JSON document. The CLI's `joinedup report` builds it from an
// area folder; anything here can also be built by hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "joinedup/core/diagnostics.hpp"
#include "joinedup/outcomes/spc.hpp"
#include "joinedup/report/table.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

/// How a figure reads against what was wanted: colours a key figure and a bar.
enum class figure_status : std::uint8_t {
  neutral,  ///< no judgement
  good,     ///< on plan, met, balanced
  warning,  ///< worth a look (close to a limit, some gaps)
  bad,      ///< off plan, not met, problems
};

/// One headline number of a section ("Forecast outturn £12,345,678.00").
struct key_figure {
  std::string label = {};                         ///< what it is
  std::string value = {};                         ///< the number as people read it
  std::string note = {};                          ///< a short qualifier under it
  figure_status status = figure_status::neutral;  ///< its colour
};

/// A row of key figures.
struct key_figures {
  std::vector<key_figure> figures = {};  ///< in reading order
};

/// A paragraph of plain text (or, with `ordered`, a numbered list of items).
struct text_block {
  std::string heading = {};                       ///< an optional sub-heading
  std::vector<std::string> items = {};            ///< paragraphs, or list items
  bool ordered = false;                           ///< a numbered list (the settlement's steps)
  figure_status status = figure_status::neutral;  ///< bad: shown as a warning box
};

/// One bar of a bar chart. Geometry only uses `value` and `compare`: the exact figures are the
/// texts and the chart's data table.
struct bar {
  std::string label = {};                         ///< category (scheme, source, case manager)
  double value = 0;                               ///< the bar's length
  std::string value_text = {};                    ///< the exact value as shown
  std::optional<double> compare = {};             ///< a marker on the bar (plan, capacity)
  std::string compare_text = {};                  ///< the marker's exact value as shown
  figure_status status = figure_status::neutral;  ///< the bar's colour
};

/// A horizontal bar chart with its data table.
struct bar_chart {
  std::string id = {};            ///< unique in the pack, an HTML id ("fund-income")
  std::string title = {};         ///< the caption
  std::string description = {};   ///< the text alternative: what the chart shows, in words
  std::string value_name = {};    ///< what the bars measure ("Forecast outturn")
  std::string compare_name = {};  ///< what the marker is ("Plan"), empty when none
  std::vector<bar> bars = {};     ///< in drawing order, top to bottom
  table data = {};                ///< the same numbers as a table, shown beside the chart
};

/// A Making Data Count XmR chart of one series with its data table: the points coloured by
/// special cause as NHS England's guidance colours them, the mean, the process limits, the
/// target, and the variation and assurance icons.
struct spc_chart {
  std::string id = {};                   ///< unique in the pack
  std::string title = {};                ///< the indicator
  std::string description = {};          ///< the text alternative
  std::vector<std::string> labels = {};  ///< one x label per point (the periods)
  outcomes::spc_result spc = {};         ///< points, groups, icons (outcomes::analyse_spc)
  outcomes::improvement_direction direction = outcomes::improvement_direction::neutral;  ///< better
  std::optional<double> target = {};  ///< the target line, when there is one
  std::string unit = {};              ///< the value's unit ("%", "per 100,000")
  table data = {};                    ///< period, value, mean, limits, special cause
  std::string note = {};  ///< a caveat shown under the caption (few points: provisional limits)
};

/// One area of a funnel plot.
struct funnel_point {
  std::string label = {};         ///< the area's name or code
  double x = 0;                   ///< its denominator
  double y = 0;                   ///< its value
  bool highlight = false;         ///< the pack's own area
  std::string significance = {};  ///< e.g. "within 95% limits", "above 99.8% limit"
};

/// One row of funnel limits at a denominator.
struct funnel_limit_point {
  double x = 0;      ///< the denominator
  double lo95 = 0;   ///< lower 95 % limit
  double hi95 = 0;   ///< upper 95 % limit
  double lo998 = 0;  ///< lower 99.8 % limit
  double hi998 = 0;  ///< upper 99.8 % limit
};

/// A funnel plot of one indicator's latest period across areas, with its data table.
struct funnel_chart {
  std::string id = {};                          ///< unique in the pack
  std::string title = {};                       ///< the indicator and period
  std::string description = {};                 ///< the text alternative
  double centre = 0;                            ///< the target (benchmark) line
  std::vector<funnel_point> points = {};        ///< the areas
  std::vector<funnel_limit_point> limits = {};  ///< the limits, ascending in x
  std::string x_name = "Denominator";           ///< the x axis
  std::string y_name = "Value";                 ///< the y axis
  table data = {};                              ///< area, denominator, value, significance
};

/// A table shown in the page, with at most `max_rows` rows there (every row in pack_tables).
struct table_block {
  table data = {};            ///< the table
  std::size_t max_rows = 25;  ///< rows shown in HTML; the rest are counted under it
  std::string note = {};      ///< a line under the table
};

/// One block of a section, drawn in order.
using pack_block =
    std::variant<key_figures, text_block, table_block, bar_chart, spc_chart, funnel_chart>;

/// A section of the pack (the pooled fund, the care guarantee, the outcomes scorecard, …).
struct pack_section {
  std::string id = {};                  ///< unique, an HTML id ("fund")
  std::string title = {};               ///< the heading
  std::string lead = {};                ///< one sentence under the heading
  std::vector<pack_block> blocks = {};  ///< the content
  /// False when the section depends on input that could not be read or used: the section says
  /// so at its top, and its figures are not presented as complete.
  bool complete = true;
  diagnostics diags = {};  ///< what its inputs gave; errors and warnings are listed
};

/// The whole pack.
struct board_pack {
  std::string title = {};      ///< "Northmoor Health and Wellbeing Board: integration pack"
  std::string area = {};       ///< area name
  std::string area_code = {};  ///< the board's GSS code
  std::string as_of = {};      ///< ISO date the pack is as of
  std::vector<std::string> partners = {};   ///< the partners' names
  std::string generator = {};               ///< e.g. "joinedup 0.7.0"
  std::vector<pack_section> sections = {};  ///< in reading order
  diagnostics diags = {};  ///< about the pack as a whole (the area profile), beside the sections'

  /// True when every section is complete and the pack's own inputs had no errors.
  [[nodiscard]] bool complete() const noexcept {
    if (diags.has_errors()) return false;
    for (const pack_section& s : sections) {
      if (!s.complete) return false;
    }
    return true;
  }
};

/// The pack as one self-contained HTML5 page: inline CSS and SVG, no scripts, no external
/// resources, A4 print rules. Every chart is a `<figure>` with an SVG (role="img", a `<title>`
/// and `<desc>` for its text alternative), a caption and its data table beside it; the
/// scorecard's variation and assurance columns carry the Making Data Count icons. An incomplete
/// section carries a warning at its top and the pack a banner. All text is escaped.
[[nodiscard]] std::string render_html(const board_pack& pack);

/// Every table in the pack, in reading order, named `<section>_<table>` and unique (the charts'
/// data tables included; each table_block in full): one sheet each in a workbook, one entry each
/// in the JSON document, and a "diagnostics" table when any section has diagnostics.
[[nodiscard]] std::vector<table> pack_tables(const board_pack& pack);

/// The Making Data Count variation icon as an inline SVG of `size` pixels, with a title.
[[nodiscard]] std::string variation_icon_svg(outcomes::variation_icon icon, int size = 28);

/// The Making Data Count assurance icon as an inline SVG of `size` pixels, with a title.
[[nodiscard]] std::string assurance_icon_svg(outcomes::assurance_icon icon, int size = 28);

}  // namespace report
JOINEDUP_END_NAMESPACE
