#include "exports/chart_image.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <tuple>

namespace pcmd::exports {
namespace {

constexpr int kMargin = 24;
constexpr int kTitleHeight = 52;
constexpr int kRowHeight = 56;
constexpr int kAxisHeight = 44;
constexpr int kLegendHeight = 52;
constexpr double kLabelSize = 24, kTitleSize = 30, kValueSize = 22;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kMetColour{0.18, 0.49, 0.20};    // #2E7D32
constexpr Rgb kUnmetColour{0.78, 0.16, 0.16};  // #C62828
constexpr Rgb kGoalColour{0.10, 0.10, 0.10};
constexpr Rgb kGridColour{0.85, 0.85, 0.85};
constexpr Rgb kTextColour{0.13, 0.13, 0.13};

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void UseFont(cairo_t* cr, double size, bool bold = false) {
  cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double TextWidth(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, text.c_str(), &e);
  return e.x_advance;
}

// Drops whole UTF-8 characters from the end until the text and "…" fit `width`.
std::string Fit(cairo_t* cr, const std::string& text, double width) {
  if (TextWidth(cr, text) <= width) return text;
  std::string cut = text;
  while (!cut.empty()) {
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty()) cut.pop_back();  // the lead byte (or an ASCII character): cut on a boundary
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',')) cut.pop_back();
    if (TextWidth(cr, cut + "…") <= width) return cut + "…";
  }
  return "…";
}

std::string Percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", std::round(value * 10) / 10);
  std::string out = text;
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

void Text(cairo_t* cr, double x, double baseline, const std::string& text) {
  cairo_move_to(cr, x, baseline);
  cairo_show_text(cr, text.c_str());
}

cairo_status_t AppendPng(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

BarChartLayout LayOutBarChart(const BarChart& chart) {
  BarChartLayout l;
  l.width_px = chart.width_px;
  l.row_height_px = kRowHeight;
  l.first_row_top_px = kMargin + (chart.title.empty() ? 0 : kTitleHeight);
  l.height_px = l.first_row_top_px + static_cast<int>(chart.bars.size()) * kRowHeight + kAxisHeight + kLegendHeight +
                kMargin;
  l.plot_left_px = static_cast<int>(chart.width_px * 0.42);
  l.plot_right_px = chart.width_px - kMargin - 110;  // room for the value after a full bar
  double top = 100;
  for (const auto& b : chart.bars) top = std::max({top, b.goal_percent, b.result_percent.value_or(0)});
  l.scale_max_percent = std::ceil(top / 20) * 20;
  return l;
}

base::Result<std::string> DrawBarChartPng(const BarChart& chart) {
  if (chart.width_px < 400 || chart.width_px > 4000) {
    return base::InvalidArgument("width_px must be between 400 and 4000");
  }
  if (chart.bars.size() > 200) return base::InvalidArgument("bars: at most 200");
  const BarChartLayout l = LayOutBarChart(chart);
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, l.width_px, l.height_px), &cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return base::Internal("chart image: cannot create the surface");
  }
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()), &cairo_destroy);
  cairo_t* cr = context.get();
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  const double plot_width = l.plot_right_px - l.plot_left_px;
  auto x_of = [&](double percent) { return l.plot_left_px + plot_width * std::max(0.0, percent) / l.scale_max_percent; };
  const double rows_bottom = l.first_row_top_px + static_cast<double>(chart.bars.size()) * l.row_height_px;
  if (!chart.title.empty()) {
    UseFont(cr, kTitleSize, true);
    SetColour(cr, kTextColour);
    const std::string title = Fit(cr, chart.title, l.width_px - 2.0 * kMargin);
    Text(cr, (l.width_px - TextWidth(cr, title)) / 2, kMargin + kTitleSize, title);
  }
  // The grid and its axis labels every 20 %.
  UseFont(cr, kValueSize);
  cairo_set_line_width(cr, 1);
  for (double p = 0; p <= l.scale_max_percent + 0.01; p += 20) {
    const double x = std::round(x_of(p)) + 0.5;
    SetColour(cr, p == 0 ? kTextColour : kGridColour);
    cairo_move_to(cr, x, l.first_row_top_px);
    cairo_line_to(cr, x, rows_bottom + 6);
    cairo_stroke(cr);
    SetColour(cr, kTextColour);
    const std::string label = std::to_string(static_cast<int>(p)) + "%";
    Text(cr, x - TextWidth(cr, label) / 2, rows_bottom + 8 + kValueSize, label);
  }
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const ChartBar& b = chart.bars[i];
    const double top = l.first_row_top_px + static_cast<double>(i) * l.row_height_px;
    const double middle = top + l.row_height_px / 2.0;
    UseFont(cr, kLabelSize);
    SetColour(cr, kTextColour);
    const std::string label = Fit(cr, b.label, l.plot_left_px - kMargin - 16.0);
    Text(cr, l.plot_left_px - 12 - TextWidth(cr, label), middle + kLabelSize * 0.35, label);
    UseFont(cr, kValueSize);
    if (b.result_percent) {
      const double right = x_of(std::min(*b.result_percent, l.scale_max_percent));
      SetColour(cr, b.is_met ? kMetColour : kUnmetColour);
      cairo_rectangle(cr, l.plot_left_px + 1, top + 10, std::max(0.0, right - l.plot_left_px - 1), l.row_height_px - 20);
      cairo_fill(cr);
      SetColour(cr, kTextColour);
      Text(cr, right + 8, middle + kValueSize * 0.35, Percent(*b.result_percent));
    } else {
      SetColour(cr, kTextColour);
      Text(cr, l.plot_left_px + 8, middle + kValueSize * 0.35, "không có số liệu");
    }
    // The goal: a dark vertical mark across the row.
    const double goal = std::round(x_of(b.goal_percent));
    SetColour(cr, kGoalColour);
    cairo_rectangle(cr, goal - 2, top + 4, 4, l.row_height_px - 8);
    cairo_fill(cr);
  }
  // The legend.
  const double legend_middle = rows_bottom + kAxisHeight + kLegendHeight / 2.0;
  double x = l.plot_left_px;
  UseFont(cr, kValueSize);
  for (const auto& [colour, text, is_mark] : {std::tuple{kMetColour, "Đạt", false},
                                              std::tuple{kUnmetColour, "Chưa đạt", false},
                                              std::tuple{kGoalColour, "Mục tiêu", true}}) {
    SetColour(cr, colour);
    if (is_mark) {
      cairo_rectangle(cr, x + 9, legend_middle - 14, 4, 28);
    } else {
      cairo_rectangle(cr, x, legend_middle - 10, 22, 20);
    }
    cairo_fill(cr);
    SetColour(cr, kTextColour);
    Text(cr, x + 30, legend_middle + kValueSize * 0.35, text);
    x += 40 + TextWidth(cr, text) + 24;
  }
  cairo_surface_flush(surface.get());
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    return base::Internal(std::string("chart image: ") + cairo_status_to_string(cairo_status(cr)));
  }
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), &AppendPng, &png) != CAIRO_STATUS_SUCCESS) {
    return base::Internal("chart image: cannot encode the png");
  }
  return png;
}

void ReleaseChartFonts() {
  cairo_debug_reset_static_data();
  FcFini();
}

}  // namespace pcmd::exports
