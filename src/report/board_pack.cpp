// joinedup: the board pack as one self-contained HTML page (inline CSS and SVG, no scripts) and
// as a list of tables (board_pack.hpp). Chart geometry is drawn with doubles; every figure a
// reader reads is the exact text the builder gave, and each chart's data table is beside it.
#include "joinedup/report/board_pack.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <string_view>
#include <utility>

#include "joinedup/core/format.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace report {

namespace {

// Making Data Count colours (NHS England's SPC tool and NHSRplotthedots' ptd_spc_colours()).
constexpr std::string_view colour_common = "#a6a6a6";
constexpr std::string_view colour_improvement = "#00b0f0";
constexpr std::string_view colour_concern = "#e46c0a";
constexpr std::string_view colour_neutral = "#490092";
constexpr std::string_view colour_target = "#de1b1b";
constexpr std::string_view colour_nhs_blue = "#005eb8";

/// Text made safe for HTML element content and attribute values. Invalid UTF-8 bytes and
/// control characters other than tab and newline become U+FFFD.
std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          if (c < 0x20 && c != '\t' && c != '\n') {
            out += "\xEF\xBF\xBD";
          } else if (c == 0x7F) {
            out += "\xEF\xBF\xBD";
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    std::size_t len = 0;
    if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    }
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    }
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

/// A number for SVG coordinates: fixed, two decimals, never NaN or infinite.
std::string num(double v) {
  if (!std::isfinite(v)) v = 0;
  return fmt::format("{:.2f}", v);
}

/// A number as an axis label: thousands separated, as few decimals as the step needs.
std::string tick_label(double v, double step) {
  int decimals = 0;
  if (step > 0 && step < 1) decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  decimals = std::clamp(decimals, 0, 6);
  if (std::abs(v) < step * 1e-6) v = 0;
  std::string s = fmt::format("{:.{}f}", v, decimals);
  // thousands separators in the whole part
  const std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (std::size_t p = end; p > start + 3; p -= 3)
    s.insert(p - 3, ",");
  return s;
}

/// A "nice" step (1, 2 or 5 × 10^k) for about `count` ticks over [lo, hi].
double nice_step(double lo, double hi, int count) {
  const double span = hi - lo;
  if (!(span > 0) || !std::isfinite(span)) return 1;
  const double raw = span / count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * mag;
}

/// A y axis: its range padded to nice ticks.
struct axis {
  double lo = 0;
  double hi = 1;
  double step = 1;
};

/// The axis for values in [lo, hi] (a flat or empty range is widened).
axis make_axis(double lo, double hi, int ticks = 5) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo < 1e-12) {
    const double pad = std::abs(hi) > 0 ? std::abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  axis a;
  a.step = nice_step(lo, hi, ticks);
  a.lo = std::floor(lo / a.step) * a.step;
  a.hi = std::ceil(hi / a.step) * a.step;
  return a;
}

/// An SVG path's "d" through points in order, lifted where a coordinate is not finite (a missing
/// value), so the line has a gap there.
struct broken_line {
  std::string d;     ///< the path so far
  bool pen = false;  ///< the pen is down: the next point joins the last
  /// Adds the point (x, y), or a gap when either is NaN or infinite.
  void to(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) {
      pen = false;
      return;
    }
    d += fmt::format("{}{},{} ", pen ? "L" : "M", num(x), num(y));
    pen = true;
  }
};

/// The horizontal grid lines of a y axis from x = `left` to `right_x`, each with its tick label
/// to the left.
template <typename YOf>
std::string y_grid(const axis& a, double left, double right_x, const YOf& y_of) {
  std::string out;
  for (double t = a.lo; t <= a.hi + a.step * 1e-9; t += a.step) {
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
        "<text class=\"tick\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>",
        num(left), num(right_x), num(y_of(t)), num(left - 6), num(y_of(t) + 3.5),
        esc(tick_label(t, a.step)));
  }
  return out;
}

/// The colour of a status.
std::string_view status_colour(figure_status s) {
  switch (s) {
    case figure_status::good:
      return colour_improvement;
    case figure_status::warning:
      return "#ffb81c";
    case figure_status::bad:
      return colour_concern;
    case figure_status::neutral:
      break;
  }
  return colour_nhs_blue;
}

/// The CSS class of a status.
std::string_view status_class(figure_status s) {
  switch (s) {
    case figure_status::good:
      return "good";
    case figure_status::warning:
      return "warning";
    case figure_status::bad:
      return "bad";
    case figure_status::neutral:
      break;
  }
  return "neutral";
}

/// The colour of a point's special cause (Making Data Count).
std::string_view point_colour(outcomes::special_cause t) {
  switch (t) {
    case outcomes::special_cause::improvement:
      return colour_improvement;
    case outcomes::special_cause::concern:
      return colour_concern;
    case outcomes::special_cause::neutral_high:
    case outcomes::special_cause::neutral_low:
      return colour_neutral;
    case outcomes::special_cause::common_cause:
      break;
  }
  return colour_common;
}

/// A column is drawn right-aligned when it holds numbers.
bool numeric(column_kind k) {
  return k == column_kind::integer || k == column_kind::money || k == column_kind::decimal ||
         k == column_kind::percent;
}

/// A column name as a header people read: "share_of_variance" → "Share of variance".
std::string header_text(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '_', ' ');
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

/// A variation icon's name read back from a cell ("improvement_high"), if it is one.
std::optional<outcomes::variation_icon> variation_of(std::string_view s) {
  using outcomes::variation_icon;
  for (variation_icon v :
       {variation_icon::common_cause, variation_icon::improvement_high,
        variation_icon::improvement_low, variation_icon::concern_high, variation_icon::concern_low,
        variation_icon::neutral_high, variation_icon::neutral_low}) {
    if (outcomes::to_string(v) == s) return v;
  }
  return std::nullopt;
}

/// An assurance icon's name read back from a cell ("consistent_pass"), if it is one.
std::optional<outcomes::assurance_icon> assurance_of(std::string_view s) {
  using outcomes::assurance_icon;
  for (assurance_icon a : {assurance_icon::consistent_pass, assurance_icon::consistent_fail,
                           assurance_icon::inconsistent}) {
    if (outcomes::to_string(a) == s) return a;
  }
  return std::nullopt;
}

/// An HTML table; at most `max_rows` rows, the rest counted under it.
std::string html_table(const table& t, std::size_t max_rows, std::string_view note,
                       std::string_view css_class = "data") {
  std::string out = fmt::format("<div class=\"table-wrap\"><table class=\"{}\" id=\"t-{}\">",
                                css_class, esc(t.name));
  if (!t.title.empty()) out += "<caption>" + esc(t.title) + "</caption>";
  out += "<thead><tr>";
  for (const column& c : t.columns) {
    out += fmt::format("<th scope=\"col\"{}>{}</th>", numeric(c.kind) ? " class=\"num\"" : "",
                       esc(header_text(c.name)));
  }
  out += "</tr></thead><tbody>";
  const std::size_t shown = std::min(max_rows, t.rows.size());
  for (std::size_t r = 0; r < shown; ++r) {
    out += "<tr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const column& col = t.columns[c];
      const std::string& v = c < t.rows[r].size() ? t.rows[r][c] : std::string();
      std::string content = esc(display_text(v, col.kind));
      // The Making Data Count columns show the icon; its name stays for screen readers.
      if (col.name == "variation") {
        if (const auto icon = variation_of(v))
          content = variation_icon_svg(*icon, 24) + "<span class=\"sr\">" + content + "</span>";
      } else if (col.name == "assurance") {
        if (const auto icon = assurance_of(v))
          content = assurance_icon_svg(*icon, 24) + "<span class=\"sr\">" + content + "</span>";
      }
      out += fmt::format("<td{}>{}</td>", numeric(col.kind) ? " class=\"num\"" : "", content);
    }
    out += "</tr>";
  }
  if (t.rows.empty()) {
    out += fmt::format("<tr><td colspan=\"{}\">(no rows)</td></tr>",
                       std::max<std::size_t>(1, t.columns.size()));
  }
  out += "</tbody></table></div>";
  if (shown < t.rows.size()) {
    out += fmt::format(
        "<p class=\"more\">{} of {} rows shown; every row is in the workbook (sheet "
        "&ldquo;{}&rdquo;).</p>",
        shown, t.rows.size(), esc(t.name));
  }
  if (!note.empty()) out += "<p class=\"note\">" + esc(note) + "</p>";
  return out;
}

/// The opening of a chart's SVG with its accessible title and description.
std::string svg_open(std::string_view id, int width, int height, std::string_view title,
                     std::string_view desc) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" role=\"img\" aria-labelledby=\"{2}-title {2}-desc\">"
      "<title id=\"{2}-title\">{3}</title><desc id=\"{2}-desc\">{4}</desc>",
      width, height, esc(id), esc(title), esc(desc));
}

/// A figure: the chart, its caption and its data table beside it.
std::string figure(std::string_view id, std::string_view kind, std::string_view caption,
                   std::string_view extra_caption, const std::string& svg, const table& data) {
  return fmt::format(
      "<figure class=\"chart {1}\" id=\"{0}\"><figcaption>{2}{3}</figcaption>"
      "<div class=\"chart-with-data\"><div class=\"chart-svg\">{4}</div>"
      "<div class=\"chart-data\">{5}</div></div></figure>",
      esc(id), kind, esc(caption), extra_caption, svg,
      html_table(data, static_cast<std::size_t>(-1), {}, "data small"));
}

/// A label cut to `n` code points with an ellipsis.
std::string short_label(std::string_view s, std::size_t n) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (points == n) return std::string(s.substr(0, i)) + "\u2026";
      ++points;
    }
  }
  return std::string(s);
}

std::string render_bar_chart(const bar_chart& c) {
  constexpr int width = 640;
  constexpr int label_w = 190;
  constexpr int right = 96;
  constexpr int row = 20;
  constexpr int top = 8;
  const int height = top + static_cast<int>(c.bars.size()) * row + 28;
  double lo = 0;
  double hi = 0;
  for (const bar& b : c.bars) {
    lo = std::min(lo, b.value);
    hi = std::max(hi, b.value);
    if (b.compare) {
      lo = std::min(lo, *b.compare);
      hi = std::max(hi, *b.compare);
    }
  }
  const axis a = make_axis(lo, hi, 4);
  const double plot_w = width - label_w - right;
  const auto x_of = [&](double v) { return label_w + (v - a.lo) / (a.hi - a.lo) * plot_w; };
  std::string svg = svg_open(c.id, width, height, c.title, c.description);
  const double y_axis_bottom = top + static_cast<double>(c.bars.size()) * row;
  for (double t = a.lo; t <= a.hi + a.step * 1e-9; t += a.step) {
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
        "<text class=\"tick\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>",
        num(x_of(t)), top, num(y_axis_bottom), num(y_axis_bottom + 14), esc(tick_label(t, a.step)));
  }
  for (std::size_t i = 0; i < c.bars.size(); ++i) {
    const bar& b = c.bars[i];
    const double y = top + static_cast<double>(i) * row;
    const double x0 = x_of(0);
    const double x1 = x_of(b.value);
    svg += fmt::format(
        "<g class=\"bar\"><title>{0}: {1}{2}</title>"
        "<text class=\"label\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>"
        "<rect x=\"{6}\" y=\"{7}\" width=\"{8}\" height=\"{9}\" fill=\"{10}\"/>",
        esc(b.label), esc(b.value_text),
        b.compare ? esc("; " + c.compare_name + " " + b.compare_text) : std::string(), label_w - 6,
        num(y + row * 0.68), esc(short_label(b.label, 30)), num(std::min(x0, x1)), num(y + 3),
        num(std::abs(x1 - x0)), row - 6, status_colour(b.status));
    if (b.compare) {
      svg += fmt::format("<line class=\"marker\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                         num(x_of(*b.compare)), num(y + 1), num(y + row - 1));
    }
    svg += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>",
                       num(std::max(x0, x1) + 4), num(y + row * 0.68), esc(b.value_text));
  }
  svg += "</svg>";
  std::string legend = fmt::format(" <span class=\"legend\"><span class=\"key bar-key\"></span>{}",
                                   esc(c.value_name));
  if (!c.compare_name.empty())
    legend += fmt::format(" <span class=\"key marker-key\"></span>{}", esc(c.compare_name));
  legend += "</span>";
  return figure(c.id, "bars", c.title, legend, svg, c.data);
}

/// The text of a special-cause type for the legend.
std::string_view cause_text(outcomes::special_cause t) {
  switch (t) {
    case outcomes::special_cause::improvement:
      return "Special cause: improvement";
    case outcomes::special_cause::concern:
      return "Special cause: concern";
    case outcomes::special_cause::neutral_high:
    case outcomes::special_cause::neutral_low:
      return "Special cause: neither";
    case outcomes::special_cause::common_cause:
      break;
  }
  return "Common cause";
}

std::string render_spc_chart(const spc_chart& c) {
  constexpr int width = 640;
  constexpr int height = 270;
  constexpr double left = 64;
  constexpr double right = 16;
  constexpr double top = 12;
  constexpr double bottom = 56;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  const auto take = [&](double v) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  };
  for (const outcomes::spc_point& p : c.spc.points)
    if (!p.missing) take(p.value);
  for (const outcomes::spc_group& g : c.spc.groups) {
    take(g.upl);
    take(g.lpl);
    take(g.mean);
  }
  if (c.target) take(*c.target);
  const axis a = make_axis(lo, hi, 5);
  const std::size_t n = c.spc.points.size();
  const double plot_w = width - left - right;
  const double plot_h = height - top - bottom;
  const auto x_of = [&](std::size_t i) {
    return n <= 1 ? left + plot_w / 2
                  : left + plot_w * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  const auto y_of = [&](double v) { return top + plot_h * (a.hi - v) / (a.hi - a.lo); };
  std::string svg = svg_open(c.id, width, height, c.title, c.description);
  svg += y_grid(a, left, width - right, y_of);
  // x labels: at most about ten, always the last.
  const std::size_t every = std::max<std::size_t>(1, (n + 9) / 10);
  for (std::size_t i = 0; i < n && i < c.labels.size(); ++i) {
    if (i % every != 0 && i + 1 != n) continue;
    if (i + 1 == n && i % every != 0 && i % every < every / 2 + 1 && n > every) continue;
    svg += fmt::format(
        "<text class=\"tick\" transform=\"translate({},{}) rotate(-40)\" "
        "text-anchor=\"end\">{}</text>",
        num(x_of(i)), num(top + plot_h + 14), esc(c.labels[i]));
  }
  // centre line and process limits per group
  for (const outcomes::spc_group& g : c.spc.groups) {
    if (g.size == 0) continue;
    const double x1 = x_of(g.first);
    const double x2 = x_of(g.first + g.size - 1);
    if (std::isfinite(g.mean)) {
      svg += fmt::format("<line class=\"mean\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(x1),
                         num(x2), num(y_of(g.mean)), num(y_of(g.mean)));
    }
    for (double lim : {g.upl, g.lpl}) {
      if (!std::isfinite(lim)) continue;
      svg += fmt::format("<line class=\"limit\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(x1),
                         num(x2), num(y_of(lim)), num(y_of(lim)));
    }
  }
  if (c.target) {
    svg += fmt::format("<line class=\"target\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>",
                       num(left), num(width - right), num(y_of(*c.target)), num(y_of(*c.target)));
  }
  // the value line, broken at missing points
  broken_line series;
  for (std::size_t i = 0; i < n; ++i) {
    const outcomes::spc_point& p = c.spc.points[i];
    series.to(x_of(i), p.missing ? std::numeric_limits<double>::quiet_NaN() : y_of(p.value));
  }
  if (!series.d.empty()) svg += "<path class=\"series\" d=\"" + series.d + "\"/>";
  for (std::size_t i = 0; i < n; ++i) {
    const outcomes::spc_point& p = c.spc.points[i];
    if (p.missing || !std::isfinite(p.value)) continue;
    svg += fmt::format(
        "<circle class=\"point {}\" cx=\"{}\" cy=\"{}\" r=\"3.6\" fill=\"{}\"><title>{}: {} "
        "({})</title></circle>",
        outcomes::to_string(p.type), num(x_of(i)), num(y_of(p.value)), point_colour(p.type),
        esc(i < c.labels.size() ? c.labels[i] : std::to_string(i + 1)),
        esc(fmt::format("{:.6g}", p.value)), esc(cause_text(p.type)));
  }
  svg += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                     num(left), num(top), num(top + plot_h));
  svg += "</svg>";
  std::string icons = "<span class=\"icons\">" + variation_icon_svg(c.spc.variation);
  if (c.spc.assurance) icons += assurance_icon_svg(*c.spc.assurance);
  icons += "</span>";
  std::set<outcomes::special_cause> seen;
  for (const outcomes::spc_point& p : c.spc.points)
    if (!p.missing) seen.insert(p.type);
  std::string legend = "<span class=\"legend\">";
  for (outcomes::special_cause t : seen) {
    legend += fmt::format("<span class=\"key dot\" style=\"background:{}\"></span>{} ",
                          point_colour(t), cause_text(t));
  }
  legend +=
      "<span class=\"key mean-key\"></span>Mean <span class=\"key limit-key\"></span>Process "
      "limits";
  if (c.target) legend += " <span class=\"key target-key\"></span>Target";
  legend += "</span>";
  if (!c.note.empty()) legend += "<p class=\"chart-note\">" + esc(c.note) + "</p>";
  return figure(c.id, "spc", c.title, icons + legend, svg, c.data);
}

std::string render_funnel_chart(const funnel_chart& c) {
  constexpr int width = 640;
  constexpr int height = 300;
  constexpr double left = 64;
  constexpr double right = 16;
  constexpr double top = 12;
  constexpr double bottom = 44;
  double ylo = c.centre;
  double yhi = c.centre;
  double xhi = 0;
  for (const funnel_point& p : c.points) {
    if (!std::isfinite(p.y) || !std::isfinite(p.x)) continue;
    ylo = std::min(ylo, p.y);
    yhi = std::max(yhi, p.y);
    xhi = std::max(xhi, p.x);
  }
  const axis ya = make_axis(ylo, yhi, 5);
  const axis xa = make_axis(0, xhi > 0 ? xhi : 1, 5);
  const double plot_w = width - left - right;
  const double plot_h = height - top - bottom;
  const auto x_of = [&](double v) { return left + plot_w * (v - xa.lo) / (xa.hi - xa.lo); };
  const auto y_of = [&](double v) { return top + plot_h * (ya.hi - v) / (ya.hi - ya.lo); };
  std::string svg = svg_open(c.id, width, height, c.title, c.description);
  // The limits run off the axis at small denominators: they are clipped to the plot.
  svg += fmt::format(
      "<clipPath id=\"{}-clip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
      esc(c.id), num(left), num(top), num(plot_w), num(plot_h));
  svg += y_grid(ya, left, width - right, y_of);
  for (double t = xa.lo; t <= xa.hi + xa.step * 1e-9; t += xa.step) {
    svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                       num(x_of(t)), num(top + plot_h + 14), esc(tick_label(t, xa.step)));
  }
  svg += fmt::format("<text class=\"axis-name\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                     num(left + plot_w / 2), height - 6, esc(c.x_name));
  const std::array<std::pair<double funnel_limit_point::*, std::string_view>, 4> limit_lines{
      {{&funnel_limit_point::lo95, "limit95"},
       {&funnel_limit_point::hi95, "limit95"},
       {&funnel_limit_point::lo998, "limit998"},
       {&funnel_limit_point::hi998, "limit998"}}};
  for (const auto& [member, css_class] : limit_lines) {
    broken_line line;
    for (const funnel_limit_point& l : c.limits)
      line.to(x_of(l.x), std::isfinite(l.*member) ? y_of(l.*member) : l.*member);
    if (!line.d.empty()) {
      svg += fmt::format("<path class=\"{}\" clip-path=\"url(#{}-clip)\" d=\"{}\"/>", css_class,
                         esc(c.id), line.d);
    }
  }
  svg += fmt::format("<line class=\"mean\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(left),
                     num(width - right), num(y_of(c.centre)), num(y_of(c.centre)));
  for (const funnel_point& p : c.points) {
    if (!std::isfinite(p.y) || !std::isfinite(p.x)) continue;
    svg += fmt::format(
        "<circle class=\"point{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"><title>{}: {} ({})"
        "</title></circle>",
        p.highlight ? " own" : "", num(x_of(p.x)), num(y_of(p.y)), p.highlight ? 6 : 3.6,
        p.highlight ? colour_nhs_blue : colour_common, esc(p.label),
        esc(fmt::format("{:.6g}", p.y)), esc(p.significance));
    if (p.highlight) {
      svg += fmt::format("<text class=\"own-label\" x=\"{}\" y=\"{}\">{}</text>",
                         num(x_of(p.x) + 8), num(y_of(p.y) - 8), esc(p.label));
    }
  }
  svg += "</svg>";
  const std::string legend =
      "<span class=\"legend\"><span class=\"key mean-key\"></span>Benchmark <span class=\"key "
      "limit95-key\"></span>95% limits <span class=\"key limit998-key\"></span>99.8% limits "
      "<span class=\"key dot\" style=\"background:#005eb8\"></span>This area</span>";
  return figure(c.id, "funnel", c.title, legend, svg, c.data);
}

std::string render_figures(const key_figures& k) {
  std::string out = "<div class=\"figures\">";
  for (const key_figure& f : k.figures) {
    out += fmt::format(
        "<div class=\"figure {}\"><div class=\"figure-label\">{}</div>"
        "<div class=\"figure-value\">{}</div>{}</div>",
        status_class(f.status), esc(f.label), esc(f.value),
        f.note.empty() ? std::string() : "<div class=\"figure-note\">" + esc(f.note) + "</div>");
  }
  return out + "</div>";
}

std::string render_text(const text_block& t) {
  std::string out = fmt::format("<div class=\"text {}\">", status_class(t.status));
  if (!t.heading.empty()) out += "<h3>" + esc(t.heading) + "</h3>";
  if (t.ordered) {
    out += "<ol>";
    for (const std::string& i : t.items)
      out += "<li>" + esc(i) + "</li>";
    out += "</ol>";
  } else {
    for (const std::string& i : t.items)
      out += "<p>" + esc(i) + "</p>";
  }
  return out + "</div>";
}

std::string render_diagnostics(const pack_section& s) {
  std::size_t shown = 0;
  std::string items;
  for (const diagnostic& d : s.diags) {
    if (d.severity == severity::info) continue;
    if (++shown > 20) continue;
    items += fmt::format("<li class=\"{}\"><code>{}</code> {}: {}</li>", to_string(d.severity),
                         esc(d.code), esc(to_string(d.severity)), esc(d.message));
  }
  if (shown == 0) return {};
  std::string out = "<details class=\"diagnostics\" open><summary>" +
                    fmt::format("What the inputs gave: {} error(s), {} warning(s)",
                                s.diags.count(severity::error) + s.diags.count(severity::fatal),
                                s.diags.count(severity::warning)) +
                    "</summary><ul>" + items + "</ul>";
  if (shown > 20)
    out += fmt::format("<p class=\"more\">{} more in the workbook's diagnostics sheet.</p>",
                       shown - 20);
  return out + "</details>";
}

constexpr std::string_view css = R"css(
:root{--blue:#005eb8;--dark:#212b32;--grey:#4c6272;--pale:#f0f4f5;--border:#d8dde0}
*{box-sizing:border-box}
body{font-family:Arial,"Helvetica Neue",Helvetica,sans-serif;color:var(--dark);margin:0;background:#fff;font-size:15px;line-height:1.4}
header.masthead{background:var(--blue);color:#fff;padding:18px 28px}
header.masthead h1{margin:0 0 4px;font-size:26px}
header.masthead p{margin:2px 0;font-size:14px}
main{max-width:1120px;margin:0 auto;padding:8px 28px 40px}
nav.contents{margin:16px 0;padding:10px 14px;background:var(--pale);border-left:4px solid var(--blue)}
nav.contents ol{margin:4px 0 0;padding-left:20px}
.banner{border:3px solid #d5281b;background:#fff4f3;padding:10px 14px;margin:16px 0;font-weight:bold}
section.part{margin-top:28px;border-top:2px solid var(--blue);padding-top:6px}
section.part>h2{font-size:22px;margin:6px 0 4px;color:var(--blue)}
p.lead{margin:0 0 12px;color:var(--grey)}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:12px 0}
.figure{border:1px solid var(--border);border-top:5px solid var(--blue);padding:8px 10px;break-inside:avoid}
.figure.good{border-top-color:#00b0f0}.figure.bad{border-top-color:#e46c0a}.figure.warning{border-top-color:#ffb81c}
.figure-label{font-size:13px;color:var(--grey)}
.figure-value{font-size:20px;font-weight:bold;font-variant-numeric:tabular-nums}
.figure-note{font-size:12px;color:var(--grey)}
.text.bad{border-left:5px solid #e46c0a;background:#fff8f0;padding:4px 12px}
.text h3{font-size:17px;margin:14px 0 4px}
table.data{border-collapse:collapse;margin:10px 0;font-size:13px;font-variant-numeric:tabular-nums}
table.data caption{text-align:left;font-weight:bold;padding:4px 0;font-size:14px}
table.data th,table.data td{border-bottom:1px solid var(--border);padding:3px 8px;text-align:left;vertical-align:middle}
table.data th{background:var(--pale)}
table.data .num{text-align:right;white-space:nowrap}
table.small{font-size:11.5px}
table.data td svg{vertical-align:middle;margin-right:4px}
p.more,p.note{font-size:12px;color:var(--grey);margin:2px 0 10px}
figure.chart{margin:16px 0;break-inside:avoid;page-break-inside:avoid}
figure.chart figcaption{font-weight:bold;margin-bottom:6px}
.chart-with-data{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;align-items:start}
.chart-svg svg{width:100%;height:auto}
.table-wrap{max-width:100%;overflow-x:auto}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
p.chart-note{font-weight:normal;font-size:12px;color:#4c6272;margin:2px 0}
.chart-data{max-height:300px;overflow:auto;border:1px solid var(--border)}
.chart-data table{margin:0}
.legend{display:block;font-weight:normal;font-size:12px;color:var(--grey);margin-top:3px}
.key{display:inline-block;width:14px;height:10px;margin:0 4px 0 8px;vertical-align:middle}
.key.dot{width:10px;border-radius:50%}
.bar-key{background:var(--blue)}
.marker-key{border-left:3px solid #212b32;width:3px}
.mean-key{border-top:2px solid #000;height:0}
.limit-key{border-top:2px dashed #a6a6a6;height:0}
.target-key{border-top:2px dashed #de1b1b;height:0}
.limit95-key{border-top:2px dashed #768692;height:0}
.limit998-key{border-top:2px solid #768692;height:0}
.icons{float:right}
.icons svg{margin-left:4px}
svg .grid{stroke:#e8edee;stroke-width:1}
svg .axis{stroke:#768692;stroke-width:1}
svg .tick{font-size:10px;fill:#4c6272}
svg .label,svg .value{font-size:11px;fill:#212b32}
svg .axis-name{font-size:11px;fill:#4c6272}
svg .marker{stroke:#212b32;stroke-width:2.5}
svg .mean{stroke:#000;stroke-width:1.5}
svg .limit{stroke:#a6a6a6;stroke-width:1.5;stroke-dasharray:5 3}
svg .target{stroke:#de1b1b;stroke-width:1.5;stroke-dasharray:8 4}
svg .series{fill:none;stroke:#a6a6a6;stroke-width:1.5}
svg .limit95{fill:none;stroke:#768692;stroke-width:1.2;stroke-dasharray:5 3}
svg .limit998{fill:none;stroke:#768692;stroke-width:1.2}
svg .own-label{font-size:11px;font-weight:bold;fill:#005eb8}
details.diagnostics{margin:10px 0;font-size:13px}
details.diagnostics li.error,details.diagnostics li.fatal{color:#d5281b}
footer{margin-top:30px;font-size:12px;color:var(--grey);border-top:1px solid var(--border);padding-top:8px}
@media (max-width:900px){.chart-with-data{grid-template-columns:1fr}}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{font-size:11pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 header.masthead{padding:10px 0;background:#fff;color:var(--blue);border-bottom:3px solid var(--blue)}
 main{max-width:none;padding:0}
 nav.contents{display:none}
 section.part{break-before:page;page-break-before:always;border-top:none}
 section.part:first-of-type{break-before:auto;page-break-before:auto}
 .chart-with-data{grid-template-columns:1fr}
 .chart-data{max-height:none;overflow:visible;border:none}
 .table-wrap{overflow:visible}
 table.data{font-size:8.5pt}
 table.data th,table.data td{padding:2px 4px}
 table.data{break-inside:auto}
 tr{break-inside:avoid}
}
)css";

}  // namespace

std::string variation_icon_svg(outcomes::variation_icon icon, int size) {
  using outcomes::variation_icon;
  /// One icon: its colour, its letter (none for common cause), which way it points, its title.
  struct look {
    variation_icon icon;
    std::string_view colour;
    std::string_view letter;
    bool up;
    std::string_view title;
  };
  static constexpr std::array<look, 7> looks{{
      {variation_icon::common_cause, colour_common, "", true, "Common cause variation"},
      {variation_icon::improvement_high, colour_improvement, "H", true,
       "Special cause variation: improvement (higher)"},
      {variation_icon::improvement_low, colour_improvement, "L", false,
       "Special cause variation: improvement (lower)"},
      {variation_icon::concern_high, colour_concern, "H", true,
       "Special cause variation: concern (higher)"},
      {variation_icon::concern_low, colour_concern, "L", false,
       "Special cause variation: concern (lower)"},
      {variation_icon::neutral_high, colour_neutral, "H", true,
       "Special cause variation: neither (higher)"},
      {variation_icon::neutral_low, colour_neutral, "L", false,
       "Special cause variation: neither (lower)"},
  }};
  look l = looks[0];
  for (const look& candidate : looks) {
    if (candidate.icon == icon) l = candidate;
  }
  const std::string_view colour = l.colour;
  const std::string_view letter = l.letter;
  const std::string_view title = l.title;
  const bool up = l.up;
  std::string body;
  if (letter.empty()) {
    // a row of grey dots on a level line: common cause
    body =
        "<path d=\"M9 22 L14 19 L19 23 L24 20 L29 22 L34 19 L39 21\" fill=\"none\" "
        "stroke=\"#a6a6a6\" stroke-width=\"2\"/>";
    constexpr std::array<std::array<int, 2>, 7> dots{
        {{9, 22}, {14, 19}, {19, 23}, {24, 20}, {29, 22}, {34, 19}, {39, 21}}};
    for (const auto& [x, y] : dots)
      body += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.2\" fill=\"#a6a6a6\"/>", x, y);
  } else {
    // a letter, and a run of points moving away in the icon's direction
    body = fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" font-family=\"Arial\" "
        "fill=\"{}\" text-anchor=\"middle\">{}</text>",
        34, up ? 18 : 38, colour, letter);
    const int ys[] = {up ? 32 : 16, up ? 31 : 17, up ? 33 : 15, up ? 27 : 21, up ? 23 : 25};
    int x = 10;
    std::string d;
    for (int k = 0; k < 5; ++k, x += 5) {
      d += fmt::format("{}{} {} ", k == 0 ? "M" : "L", x, ys[k]);
      body += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.2\" fill=\"{}\"/>", x, ys[k],
                          k >= 3 ? colour : colour_common);
    }
    body =
        fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#a6a6a6\" stroke-width=\"1.5\"/>", d) +
        body;
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"icon variation {0}\" viewBox=\"0 0 48 "
      "48\" "
      "width=\"{1}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\"><title>{2}</title>"
      "<circle cx=\"24\" cy=\"24\" r=\"21\" fill=\"#fff\" stroke=\"{3}\" stroke-width=\"3.5\"/>"
      "{4}</svg>",
      outcomes::to_string(icon), size, title, colour, body);
}

std::string assurance_icon_svg(outcomes::assurance_icon icon, int size) {
  using outcomes::assurance_icon;
  std::string_view colour = colour_common;
  std::string_view letter = "?";
  std::string_view title = "Hit and miss: the target lies within the process limits";
  switch (icon) {
    case assurance_icon::consistent_pass:
      colour = colour_improvement, letter = "P",
      title = "Consistently passes: the target lies outside the process limits on the good side";
      break;
    case assurance_icon::consistent_fail:
      colour = colour_concern, letter = "F",
      title = "Consistently fails: the target lies outside the process limits on the bad side";
      break;
    case assurance_icon::inconsistent:
      break;
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"icon assurance {0}\" viewBox=\"0 0 48 "
      "48\" "
      "width=\"{1}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\"><title>{2}</title>"
      "<circle cx=\"24\" cy=\"24\" r=\"21\" fill=\"#fff\" stroke=\"{3}\" stroke-width=\"3.5\"/>"
      "<text x=\"24\" y=\"31\" font-size=\"20\" font-weight=\"bold\" font-family=\"Arial\" "
      "fill=\"{3}\" text-anchor=\"middle\">{4}</text>"
      "<line x1=\"10\" x2=\"38\" y1=\"37\" y2=\"37\" stroke=\"#de1b1b\" stroke-width=\"2\" "
      "stroke-dasharray=\"4 2\"/></svg>",
      outcomes::to_string(icon), size, title, colour, letter);
}

std::string render_html(const board_pack& pack) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"" + esc(pack.generator) + "\">\n";
  out += "<title>" + esc(pack.title) + "</title>\n<style>" + std::string(css) +
         "</style>\n</head>\n<body>\n";
  out += "<header class=\"masthead\"><h1>" + esc(pack.title) + "</h1>";
  std::string sub = pack.area;
  if (!pack.area_code.empty()) sub += " (" + pack.area_code + ")";
  if (!pack.as_of.empty()) sub += " \u2014 figures as of " + pack.as_of;
  out += "<p>" + esc(sub) + "</p>";
  if (!pack.partners.empty()) {
    std::string partners;
    for (const std::string& p : pack.partners)
      partners += (partners.empty() ? "" : "; ") + p;
    out += "<p>Partners: " + esc(partners) + "</p>";
  }
  out += "</header>\n<main>\n";
  if (!pack.complete()) {
    std::string which;
    for (const pack_section& s : pack.sections) {
      if (!s.complete) which += (which.empty() ? "" : ", ") + s.title;
    }
    out +=
        "<div class=\"banner\" role=\"alert\" id=\"incomplete\">INCOMPLETE: some inputs could "
        "not be read or used, so these sections are not complete: " +
        esc(which) + ". Their figures must not be read as the whole picture.</div>\n";
  }
  out += "<nav class=\"contents\" aria-label=\"Contents\"><strong>Contents</strong><ol>";
  for (const pack_section& s : pack.sections)
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>", esc(s.id), esc(s.title));
  out += "</ol></nav>\n";
  for (const pack_section& s : pack.sections) {
    out += fmt::format(
        "<section class=\"part\" id=\"{}\" aria-labelledby=\"{}-h\">"
        "<h2 id=\"{}-h\">{}</h2>",
        esc(s.id), esc(s.id), esc(s.id), esc(s.title));
    if (!s.lead.empty()) out += "<p class=\"lead\">" + esc(s.lead) + "</p>";
    if (!s.complete) {
      out +=
          "<div class=\"banner\" role=\"alert\">INCOMPLETE: this section depends on input that "
          "could not be read or used (listed below).</div>";
    }
    for (const pack_block& b : s.blocks) {
      if (const auto* k = std::get_if<key_figures>(&b)) {
        out += render_figures(*k);
      } else if (const auto* t = std::get_if<text_block>(&b)) {
        out += render_text(*t);
      } else if (const auto* tb = std::get_if<table_block>(&b)) {
        out += html_table(tb->data, tb->max_rows, tb->note);
      } else if (const auto* bc = std::get_if<bar_chart>(&b)) {
        out += render_bar_chart(*bc);
      } else if (const auto* sc = std::get_if<spc_chart>(&b)) {
        out += render_spc_chart(*sc);
      } else if (const auto* fc = std::get_if<funnel_chart>(&b)) {
        out += render_funnel_chart(*fc);
      }
      out += "\n";
    }
    out += render_diagnostics(s);
    out += "</section>\n";
  }
  out += "<footer>Made by " + esc(pack.generator.empty() ? "joinedup" : pack.generator) +
         " from the area's own files. Money is exact to the penny; charts are drawn from the "
         "tables beside them. SPC follows NHS England's Making Data Count rules.</footer>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::vector<table> pack_tables(const board_pack& pack) {
  std::vector<table> out;
  std::set<std::string> names;
  const auto add = [&](const pack_section& s, table t) {
    std::string base = s.id + "_" + (t.name.empty() ? "table" : t.name);
    std::string name = base;
    for (int k = 2; !names.insert(name).second; ++k)
      name = base + "_" + std::to_string(k);
    t.name = std::move(name);
    out.push_back(std::move(t));
  };
  diagnostics all;
  for (diagnostic d : pack.diags) {
    d.message = "Area: " + d.message;
    all.add(std::move(d));
  }
  for (const pack_section& s : pack.sections) {
    for (const pack_block& b : s.blocks) {
      if (const auto* tb = std::get_if<table_block>(&b)) add(s, tb->data);
      if (const auto* bc = std::get_if<bar_chart>(&b)) add(s, bc->data);
      if (const auto* sc = std::get_if<spc_chart>(&b)) add(s, sc->data);
      if (const auto* fc = std::get_if<funnel_chart>(&b)) add(s, fc->data);
      if (const auto* k = std::get_if<key_figures>(&b)) {
        table t{"Key figures",
                {{"figure", column_kind::text},
                 {"value", column_kind::text},
                 {"note", column_kind::text},
                 {"status", column_kind::text}},
                {},
                "key_figures"};
        for (const key_figure& f : k->figures)
          t.rows.push_back({f.label, f.value, f.note, std::string(status_class(f.status))});
        add(s, std::move(t));
      }
    }
    for (diagnostic d : s.diags) {
      d.message = s.title + ": " + d.message;
      all.add(std::move(d));
    }
  }
  if (!all.empty()) {
    table t{"Diagnostics from the inputs",
            {{"code", column_kind::text},
             {"severity", column_kind::text},
             {"where", column_kind::text},
             {"message", column_kind::text}},
            {},
            "diagnostics"};
    for (const diagnostic& d : all) {
      std::string where = d.path;
      if (d.line) where += (where.empty() ? "line " : " line ") + std::to_string(*d.line);
      t.rows.push_back({d.code, std::string(to_string(d.severity)), where, d.message});
    }
    names.insert("diagnostics");
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace report
JOINEDUP_END_NAMESPACE
