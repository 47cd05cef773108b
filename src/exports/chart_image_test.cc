// Chart images (chart_image.cc): a bar chart of targets decodes as a PNG of the size its layout
// gives, and a met target's bar is drawn in another colour than an unmet one's.
#include "exports/chart_image.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

namespace pcmd::exports {
namespace {

// cairo's and fontconfig's font caches live as long as the process: released once every test of
// the binary has run, so that LeakSanitizer finds none at exit (the server does the same when it
// stops).
class ReleaseFontsAtExit : public ::testing::Environment {
 public:
  void TearDown() override { ReleaseChartFonts(); }
};
[[maybe_unused]] ::testing::Environment* const kReleaseFonts =
    ::testing::AddGlobalTestEnvironment(new ReleaseFontsAtExit);

struct PngReader {
  const std::string* bytes;
  std::size_t at = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes->data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

Surface Decode(const std::string& png) {
  PngReader reader{&png};
  Surface s(cairo_image_surface_create_from_png_stream(&ReadPng, &reader), &cairo_surface_destroy);
  return s;
}

// The pixel at (x, y) as 0xRRGGBB.
std::uint32_t Pixel(cairo_surface_t* s, int x, int y) {
  cairo_surface_flush(s);
  const unsigned char* row = cairo_image_surface_get_data(s) + static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s);
  std::uint32_t argb;
  std::memcpy(&argb, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
  return argb & 0xFFFFFF;
}

BarChart Sample() {
  BarChart c;
  c.title = "Kết quả thực hiện các chỉ tiêu (tỷ lệ %) so với mục tiêu";
  c.bars = {{"T1 Xã, phường tổ chức tuyên truyền thường xuyên về phòng, chống mại dâm", 82.5, 70, true},
            {"T2 Người bán dâm được tiếp cận dịch vụ hỗ trợ xã hội, y tế, pháp lý", 41.0, 60, false},
            {"T3 Chưa có số liệu, ước lượng ổn định", std::nullopt, 50, false}};
  return c;
}

TEST(DrawBarChartPng, DecodesAsAPngOfTheLaidOutSize) {
  const BarChart chart = Sample();
  auto png = DrawBarChartPng(chart);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  ASSERT_EQ(png->substr(1, 3), "PNG");
  Surface s = Decode(*png);
  ASSERT_EQ(cairo_surface_status(s.get()), CAIRO_STATUS_SUCCESS);
  const BarChartLayout l = LayOutBarChart(chart);
  EXPECT_EQ(cairo_image_surface_get_width(s.get()), 1600);
  EXPECT_EQ(cairo_image_surface_get_width(s.get()), l.width_px);
  EXPECT_EQ(cairo_image_surface_get_height(s.get()), l.height_px);
  EXPECT_GT(l.height_px, 3 * l.row_height_px);
  EXPECT_EQ(l.scale_max_percent, 100);
}

TEST(DrawBarChartPng, AMetTargetsBarDiffersFromAnUnmetOnes) {
  const BarChart chart = Sample();
  Surface s = Decode(*DrawBarChartPng(chart));
  ASSERT_EQ(cairo_surface_status(s.get()), CAIRO_STATUS_SUCCESS);
  const BarChartLayout l = LayOutBarChart(chart);
  auto middle = [&](int i) { return l.first_row_top_px + i * l.row_height_px + l.row_height_px / 2; };
  const int x = l.plot_left_px + 20;  // inside both bars (41 % reaches far beyond)
  const std::uint32_t met = Pixel(s.get(), x, middle(0)), unmet = Pixel(s.get(), x, middle(1));
  EXPECT_NE(met, 0xFFFFFFu);
  EXPECT_NE(unmet, 0xFFFFFFu);
  EXPECT_NE(met, unmet);
  EXPECT_GT((met >> 8) & 0xFF, (met >> 16) & 0xFF);    // green
  EXPECT_GT((unmet >> 16) & 0xFF, (unmet >> 8) & 0xFF);  // red
  // No value: no bar, the row stays white where a bar would be (past the note's text).
  EXPECT_EQ(Pixel(s.get(), l.plot_left_px + (l.plot_right_px - l.plot_left_px) * 3 / 4, middle(2) - 14), 0xFFFFFFu);
  // The labels are drawn: ink left of the plot in every row.
  for (int i = 0; i < 3; ++i) {
    int ink = 0;
    for (int px = 0; px < l.plot_left_px - 4; ++px) {
      for (int dy = -10; dy <= 10; ++dy) ink += Pixel(s.get(), px, middle(i) + dy) != 0xFFFFFFu;
    }
    EXPECT_GT(ink, 200) << "label of row " << i;
  }
}

TEST(DrawBarChartPng, ScaleGrowsPastAHundredAndBadSizesAreRefused) {
  BarChart c = Sample();
  c.bars[0].result_percent = 135;
  EXPECT_EQ(LayOutBarChart(c).scale_max_percent, 140);
  c.width_px = 100;
  auto png = DrawBarChartPng(c);
  ASSERT_FALSE(png.ok());
  EXPECT_NE(png.status().message().find("width_px"), std::string::npos);
}

}  // namespace
}  // namespace pcmd::exports
