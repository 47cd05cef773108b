#include "api/indicators_report.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include "exports/chart_image.h"
#include "exports/docx_writer.h"
#include "exports/pdf_writer.h"

namespace pcmd::api {

using exports::CellOf;
using exports::Para;
using exports::Paragraph;
using exports::Table;
using nlohmann::json;

std::string PeriodLabelVi(const std::string& id) {
  if (id.size() == 4) return "năm " + id;
  if (id.size() == 6 && id[4] == 'Q') return "quý " + id.substr(5) + " năm " + id.substr(0, 4);
  if (id == id.substr(0, 4) + "H1") return "6 tháng đầu năm " + id.substr(0, 4);
  if (id == id.substr(0, 4) + "H2") return "6 tháng cuối năm " + id.substr(0, 4);
  if (id.size() == 6) return "tháng " + std::to_string(std::stoi(id.substr(4))) + " năm " + id.substr(0, 4);
  if (!id.empty() && id[0] == 'P' && id.size() == 10) return "giai đoạn " + id.substr(1, 4) + " - " + id.substr(6, 4);
  return id;
}

std::string DecimalVi(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(value * 10) / 10);
  std::string out = text;
  for (char& c : out) {
    if (c == '.') c = ',';
  }
  return out;
}

std::string DayVi(const std::string& iso) {  // 2025-12-31 -> 31/12/2025
  return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
}

Paragraph Heading(const std::string& text) {
  Paragraph p = Para(text, Paragraph::Align::kLeft, true);
  p.keep_with_next = true;
  p.after_twips = 120;
  return p;
}

Paragraph BodyText(const std::string& text) {
  Paragraph p = Para(text);
  p.first_line_twips = 567;
  p.after_twips = 120;
  return p;
}

// The name of a unit without its type ("Tỉnh Ninh Bình" -> "Ninh Bình").
std::string BareName(const units::Unit& u) {
  if (!u.type.empty() && u.name.rfind(u.type + " ", 0) == 0) return u.name.substr(u.type.size() + 1);
  return u.name;
}

namespace {

// A value as the report shows it: "82,5%", "12", "+5,0%", "<5" (suppressed) or "—".
std::string ValueText(const json& target, const json& v) {
  if (v["value"].is_null()) return v.value("is_suppressed", false) ? "<5" : "—";
  const double x = v["value"].get<double>();
  const std::string kind = target["value"].get<std::string>();
  if (kind == "count") return std::to_string(static_cast<long long>(std::llround(x)));
  if (kind == "growth") return (x >= 0 ? "+" : "") + DecimalVi(x) + "%";
  return DecimalVi(x) + "%";
}

std::string GoalText(const json& t) {
  const std::string unit = t["value"].get<std::string>() == "count" ? "" : "%";
  const std::string comparison = t["comparison"].get<std::string>();
  const std::string goal = DecimalVi(t["target"].get<double>());
  if (comparison == "at_most") return "≤ " + goal + unit;
  if (comparison == "between" && t["target_max"].is_number()) {
    return goal + " - " + DecimalVi(t["target_max"].get<double>()) + unit;
  }
  return "≥ " + goal + unit;
}

// The percentage targets as a bar chart (result against goal), with its caption; nothing when
// the plan has none.
base::Status AddChart(const json& answer, const std::string& period, std::vector<exports::Block>& content) {
  exports::BarChart chart;
  for (const auto& t : answer["items"]) {
    if (t["value"].get<std::string>() != "percent" || !t["target"].is_number()) continue;
    const json& v = t["current"];
    chart.bars.push_back({t["id"].get<std::string>() + " " + t["name_vi"].get<std::string>(),
                          v["value"].is_number() ? std::optional<double>(v["value"].get<double>()) : std::nullopt,
                          t["target"].get<double>(), v["status"] == "met"});
  }
  if (chart.bars.empty()) return base::Status::Ok();
  PCMD_ASSIGN_OR_RETURN(std::string png, exports::DrawBarChartPng(chart));
  const exports::BarChartLayout layout = exports::LayOutBarChart(chart);
  const double width_cm = 16;
  content.push_back(exports::Picture{std::move(png), width_cm, width_cm * layout.height_px / layout.width_px,
                                     "Biểu đồ kết quả các chỉ tiêu tính theo tỷ lệ so với mục tiêu", 0});
  Paragraph caption = Para("Biểu đồ: Kết quả thực hiện các chỉ tiêu tính theo tỷ lệ (%) so với mục tiêu, " + period,
                           Paragraph::Align::kCenter);
  caption.runs[0].italic = true;
  caption.after_twips = 240;
  content.push_back(caption);
  return base::Status::Ok();
}

base::Result<exports::Document> ReportDocument(const json& answer, const plan::Plan& plan, const units::UnitTree& units,
                                               base::Date today) {
  const std::string unit = answer["unit"].get<std::string>();
  const base::Date tree = base::Date::Parse(answer["tree"].get<std::string>()).value_or(today);
  PCMD_ASSIGN_OR_RETURN(auto detail, units.Get(unit, tree));
  const std::string name = detail.unit.name;
  const std::string period = PeriodLabelVi(answer["period"].get<std::string>());
  exports::OfficialReport r;
  r.body = "Ủy ban nhân dân " + name;
  r.number = "Số:        /BC-UBND";
  r.place = BareName(detail.path.empty() ? detail.unit : detail.path.front());
  r.date = today;
  r.subject = "Kết quả thực hiện các chỉ tiêu " + period + " của " + plan.name_vi;
  std::string as_of;
  for (const auto& t : answer["items"]) as_of = t["current"]["as_of"].get<std::string>();
  r.content.push_back(BodyText("Thực hiện " + plan.name_vi + ", Ủy ban nhân dân " + name + " báo cáo kết quả thực hiện " +
                               "các chỉ tiêu " + period + " như sau (số liệu của hệ thống pcmd tính đến ngày " +
                               DayVi(as_of) + ", theo địa giới hành chính từ ngày " +
                               DayVi(answer["tree"].get<std::string>()) + "; số từ 1 đến 4 tính từ người được hỗ trợ " +
                               "không công bố và ghi \"<5\")."));
  r.content.push_back(Heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"));
  Table targets{{700, 4560, 1300, 1300, 1500}, {}, 1, true};
  targets.rows.push_back({CellOf("Mã", true, Paragraph::Align::kCenter), CellOf("Chỉ tiêu", true, Paragraph::Align::kCenter),
                          CellOf("Mục tiêu", true, Paragraph::Align::kCenter),
                          CellOf("Kết quả", true, Paragraph::Align::kCenter),
                          CellOf("Đánh giá", true, Paragraph::Align::kCenter)});
  for (const auto& t : answer["items"]) {
    targets.rows.push_back({CellOf(t["id"].get<std::string>(), false, Paragraph::Align::kCenter),
                            CellOf(t["name_vi"].get<std::string>()),
                            CellOf(GoalText(t), false, Paragraph::Align::kCenter),
                            CellOf(ValueText(t, t["current"]), false, Paragraph::Align::kCenter),
                            CellOf(t["current"]["status_vi"].get<std::string>())});
  }
  r.content.push_back(targets);
  const std::size_t before_chart = r.content.size();
  PCMD_RETURN_IF_ERROR(AddChart(answer, period, r.content));
  const std::size_t chart_blocks = r.content.size() - before_chart;
  if (!answer["items"].empty() && answer["items"][0].contains("children") && !answer["items"][0]["children"].empty()) {
    r.content.push_back(Heading("II. KẾT QUẢ THEO ĐƠN VỊ TRỰC THUỘC"));
    r.content.push_back(BodyText("Số chỉ tiêu của mỗi đơn vị theo đánh giá:"));
    Table below{{3560, 1160, 1160, 1160, 1160, 1160}, {}, 1, true};
    below.rows.push_back({CellOf("Đơn vị", true, Paragraph::Align::kCenter), CellOf("Đạt", true, Paragraph::Align::kCenter),
                          CellOf("Chưa đạt", true, Paragraph::Align::kCenter),
                          CellOf("Đang tiến triển kịp", true, Paragraph::Align::kCenter),
                          CellOf("Chậm", true, Paragraph::Align::kCenter),
                          CellOf("Chưa có số liệu", true, Paragraph::Align::kCenter)});
    const auto& first = answer["items"][0]["children"];
    for (std::size_t i = 0; i < first.size(); ++i) {
      std::map<std::string, int> by_status;
      for (const auto& t : answer["items"]) ++by_status[t["children"][i]["status"].get<std::string>()];
      auto n = [&](const char* s) { return CellOf(std::to_string(by_status[s]), false, Paragraph::Align::kCenter); };
      below.rows.push_back({CellOf(first[i].value("unit_name", first[i]["unit"].get<std::string>())), n("met"),
                            n("not_met"), n("on_track"), n("behind"),
                            CellOf(std::to_string(by_status["no_data"] + by_status["suppressed"]), false,
                                   Paragraph::Align::kCenter)});
    }
    r.content.push_back(below);
  }
  const bool with_children = r.content.size() > 3 + chart_blocks;
  r.content.push_back(Heading(with_children ? "III. KHÓ KHĂN, VƯỚNG MẮC" : "II. KHÓ KHĂN, VƯỚNG MẮC"));
  r.content.push_back(BodyText("(Đơn vị bổ sung.)"));
  r.content.push_back(Heading(with_children ? "IV. ĐỀ XUẤT, KIẾN NGHỊ" : "III. ĐỀ XUẤT, KIẾN NGHỊ"));
  r.content.push_back(BodyText("(Đơn vị bổ sung.)"));
  r.recipients = {"Như trên", "Lưu: VT"};
  r.signer_authority = "TM. Ủy ban nhân dân";
  return exports::LayOut(r);
}

}  // namespace

base::Result<std::string> IndicatorsReportDocx(const json& answer, const plan::Plan& plan,
                                               const units::UnitTree& units, base::Date today) {
  PCMD_ASSIGN_OR_RETURN(exports::Document doc, ReportDocument(answer, plan, units, today));
  return exports::WriteDocx(doc);
}

base::Result<std::string> IndicatorsReportPdf(const json& answer, const plan::Plan& plan,
                                              const units::UnitTree& units, base::Date today) {
  PCMD_ASSIGN_OR_RETURN(exports::Document doc, ReportDocument(answer, plan, units, today));
  return exports::WritePdf(doc);
}

}  // namespace pcmd::api
