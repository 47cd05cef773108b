#pragma once

// Chart images for reports: a horizontal bar chart of a plan's targets (each bar a target's
// result in percent, a mark at its goal, green when met and red when not), drawn with cairo into
// PNG bytes in memory, text in Noto Sans (fontconfig's "Noto Sans"; Vietnamese letters with two
// marks included). Pure: no files, no global state; safe from any thread. Tested in
// chart_image_test.cc.
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace pcmd::exports {

// One target on the chart.
struct ChartBar {
  std::string label;                     // UTF-8, e.g. "T1 Xã, phường tổ chức tuyên truyền"; cut with "…" to fit
  std::optional<double> result_percent;  // nullopt: no value (no bar, "không có số liệu")
  double goal_percent = 0;
  bool is_met = false;
};

struct BarChart {
  std::string title;  // drawn above the bars; may be empty
  std::vector<ChartBar> bars;
  int width_px = 1600;
};

// Where things are on the image, in pixels; the height follows from the number of bars.
struct BarChartLayout {
  int width_px = 0;
  int height_px = 0;
  int plot_left_px = 0;   // x of 0 %
  int plot_right_px = 0;  // x of `scale_max_percent`
  int first_row_top_px = 0;
  int row_height_px = 0;  // bar i is centred on first_row_top_px + (i + 0.5) * row_height_px
  double scale_max_percent = 100;  // 100, or more when a result or goal exceeds it (a multiple of 20)
};

BarChartLayout LayOutBarChart(const BarChart& chart);

// The chart as PNG bytes, LayOutBarChart(chart).width_px × height_px, white background. Fails
// with kInvalidArgument when width_px is under 400 or there are more than 200 bars, and with
// kInternal when cairo fails.
base::Result<std::string> DrawBarChartPng(const BarChart& chart);

// Releases the font caches cairo and fontconfig keep for the life of the process, so that a leak
// checker at exit sees none. Call once, when no chart is being drawn any more (the server calls
// it after it stopped).
void ReleaseChartFonts();

}  // namespace pcmd::exports
