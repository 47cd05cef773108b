#include "api/round_documents_api.h"

#include <chrono>
#include <cmath>
#include <optional>

#include "api/errors.h"
#include "api/indicators_report.h"
#include "api/json_body.h"
#include "api/openapi_parts.h"
#include "api/reporting_api.h"
#include "exports/chart_image.h"
#include "exports/docx_writer.h"
#include "exports/pdf_writer.h"
#include "exports/xlsx_writer.h"

namespace pcmd::api {
namespace {

using exports::CellOf;
using exports::Para;
using exports::Paragraph;
using nlohmann::json;
using reporting::Round;

// One unit of the round as the consolidation shows it.
struct UnitEntry {
  std::string code, name;
  reporting::UnitProgress progress;
  reporting::UnitReport report;
  std::map<std::string, json> values;  // target -> the value as submitted (frozen reports only)
};

struct Consolidation {
  Round round;
  std::string unit_name;
  std::vector<UnitEntry> units;
  std::map<std::string, std::int64_t> counts;
  json targets = json::array();  // the round's unit, live: the plan's targets in order
};

base::Result<Consolidation> Consolidate(const access::Subject& subject,
                                        reporting::ReportRounds& rounds,
                                        analytics::IndicatorEngine& engine,
                                        const units::UnitTree& units, const Round& round) {
  Consolidation c;
  c.round = round;
  const auto names = NamesOn(units, round.period.last);
  c.unit_name = names.count(round.unit_code) ? names.at(round.unit_code) : round.unit_code;
  PCMD_ASSIGN_OR_RETURN(reporting::Completeness completeness,
                        rounds.CompletenessOf(subject, round));
  c.counts = completeness.counts;
  for (const auto& p : completeness.units) {
    UnitEntry e;
    e.code = p.unit_code;
    e.name = names.count(p.unit_code) ? names.at(p.unit_code) : p.unit_code;
    e.progress = p;
    PCMD_ASSIGN_OR_RETURN(e.report, rounds.GetReport(subject, round.id, p.unit_code));
    if (e.report.is_frozen()) {
      const json snapshot = json::parse(e.report.snapshot, nullptr, false);
      if (snapshot.is_object() && snapshot.contains("items")) {
        for (const auto& item : snapshot["items"]) e.values[item.value("target", "")] = item;
      }
    }
    c.units.push_back(std::move(e));
  }
  PCMD_ASSIGN_OR_RETURN(json live, LiveValues(engine, round, round.unit_code));
  c.targets = live["items"];
  return c;
}

// A unit's name inside a sentence: its type in lower case ("Tỉnh Ninh Bình" -> "tỉnh Ninh Bình";
// every type begins with an ASCII letter).
std::string InSentence(std::string name) {
  if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z')
    name[0] = static_cast<char>(name[0] - 'A' + 'a');
  return name;
}

std::string StatusVi(const std::string& status) {
  if (status == "missing") return "Chưa nộp";
  if (status == "draft") return "Đang soạn";
  if (status == "submitted") return "Đã nộp";
  if (status == "returned") return "Bị trả lại";
  if (status == "approved") return "Đã duyệt";
  return status;
}

std::string TimelinessVi(const reporting::UnitProgress& p) {
  if (p.first_submitted_at.empty()) return "";
  return p.is_late ? "Trễ hạn" : "Đúng hạn";
}

// "2025-07-10T03:04:05Z" -> "10/07/2025" (the day in UTC+7, as pcmd dates things).
std::string LocalDayVi(const std::string& iso) {
  if (iso.size() < 13) return iso;
  auto day = base::Date::Parse(iso.substr(0, 10));
  if (!day.ok()) return iso;
  const int hour = std::atoi(iso.substr(11, 2).c_str());
  return DayVi((hour + 7 >= 24 ? day->AddDays(1) : *day).ToString());
}

exports::Cell ValueCell(const json& item) {
  if (item.value("is_suppressed", false)) return std::string("<5");
  if (!item.contains("value") || !item["value"].is_number()) return std::monostate{};
  const double x = item["value"].get<double>();
  if (item.value("value_kind", "") == "count") return static_cast<std::int64_t>(std::llround(x));
  return std::round(x * 10) / 10;
}

std::string ValueTextVi(const json& item) {
  if (item.value("is_suppressed", false)) return "<5";
  if (!item.contains("value") || !item["value"].is_number()) return "—";
  const double x = item["value"].get<double>();
  const std::string kind = item.value("value_kind", "");
  if (kind == "count") return std::to_string(std::llround(x));
  if (kind == "growth") return (x >= 0 ? "+" : "") + DecimalVi(x) + "%";
  return DecimalVi(x) + "%";
}

std::string GoalTextVi(const json& item) {
  if (!item.contains("goal") || !item["goal"].is_number()) return "";
  const std::string unit = item.value("value_kind", "") == "count" ? "" : "%";
  std::string text = DecimalVi(item["goal"].get<double>());
  if (item.contains("goal_max") && item["goal_max"].is_number()) {
    text += " - " + DecimalVi(item["goal_max"].get<double>());
  }
  return text + unit;
}

std::vector<exports::Sheet> ConsolidatedSheets(const Consolidation& c) {
  exports::Sheet progress{"Tiến độ nộp báo cáo",
                          {{"Mã đơn vị", 10},
                           {"Đơn vị", 32},
                           {"Tình trạng", 14},
                           {"Ngày nộp lần đầu", 16},
                           {"Đúng hạn", 10},
                           {"Ngày duyệt", 14}},
                          {}};
  exports::Sheet values{
      "Chỉ tiêu theo đơn vị", {{"Mã", 6}, {"Chỉ tiêu", 50}, {"Mục tiêu", 10}}, {}};
  for (const auto& u : c.units) values.columns.push_back({u.name, 14});
  values.columns.push_back({c.unit_name + " (số liệu hiện tại)", 18});
  exports::Sheet sections{"Nội dung báo cáo",
                          {{"Đơn vị", 28},
                           {"Tình trạng", 14},
                           {"Kết quả", 60},
                           {"Khó khăn, vướng mắc", 40},
                           {"Đề xuất, kiến nghị", 40}},
                          {}};
  for (const auto& u : c.units) {
    progress.rows.push_back({u.code, u.name, StatusVi(u.progress.status),
                             LocalDayVi(u.progress.first_submitted_at), TimelinessVi(u.progress),
                             LocalDayVi(u.progress.approved_at)});
    // What a unit sent: the sections of a report not submitted stay the unit's own.
    if (u.report.is_frozen()) {
      sections.rows.push_back({u.name, StatusVi(u.progress.status), u.report.results,
                               u.report.difficulties, u.report.proposals});
    }
  }
  for (const auto& t : c.targets) {
    const std::string id = t.value("target", "");
    std::vector<exports::Cell> row = {id, t.value("name_vi", ""), GoalTextVi(t)};
    for (const auto& u : c.units) {
      auto it = u.values.find(id);
      row.push_back(it == u.values.end() ? exports::Cell{} : ValueCell(it->second));
    }
    row.push_back(ValueCell(t));
    values.rows.push_back(std::move(row));
  }
  return {progress, values, sections};
}

// The percentage targets of the round's unit as a bar chart (result against goal) with its
// caption, as the unit's own report has; nothing when the plan has none.
base::Status AddTargetsChart(const Consolidation& c, std::vector<exports::Block>& content) {
  exports::BarChart chart;
  for (const auto& t : c.targets) {
    if (t.value("value_kind", "") != "percent" || !t.contains("goal") || !t["goal"].is_number()) {
      continue;
    }
    chart.bars.push_back(
        {t.value("target", "") + " " + t.value("name_vi", ""),
         t["value"].is_number() ? std::optional<double>(t["value"].get<double>()) : std::nullopt,
         t["goal"].get<double>(), t.value("status", "") == "met"});
  }
  if (chart.bars.empty()) return base::Status::Ok();
  PCMD_ASSIGN_OR_RETURN(std::string png, exports::DrawBarChartPng(chart));
  const exports::BarChartLayout layout = exports::LayOutBarChart(chart);
  const double width_cm = 16;
  content.push_back(
      exports::Picture{std::move(png), width_cm, width_cm * layout.height_px / layout.width_px,
                       "Biểu đồ kết quả các chỉ tiêu tính theo tỷ lệ so với mục tiêu", 0});
  Paragraph caption =
      Para("Biểu đồ: Kết quả các chỉ tiêu tính theo tỷ lệ (%) so với mục tiêu, toàn " +
               InSentence(c.unit_name) + ", " + PeriodLabelVi(c.round.period.id),
           Paragraph::Align::kCenter);
  caption.runs[0].italic = true;
  caption.after_twips = 240;
  content.push_back(caption);
  return base::Status::Ok();
}

base::Result<exports::Document> ConsolidatedDocument(const Consolidation& c,
                                                     const units::UnitTree& units,
                                                     base::Date today) {
  const Round& round = c.round;
  auto n = [&](const char* k) { return c.counts.count(k) ? c.counts.at(k) : 0; };
  exports::OfficialReport r;
  r.body = "Ủy ban nhân dân " + InSentence(c.unit_name);
  r.number = "Số:        /BC-UBND";
  auto detail = units.Get(round.unit_code, round.period.last);
  r.place = detail.ok() ? BareName(detail->path.empty() ? detail->unit : detail->path.front())
                        : c.unit_name;
  r.date = today;
  r.subject = "Tổng hợp " + round.name;
  r.content.push_back(BodyText(
      "Thực hiện đợt báo cáo \"" + round.name + "\" (" + PeriodLabelVi(round.period.id) +
      ", hạn nộp ngày " + DayVi(round.due_on.ToString()) + "), Ủy ban nhân dân " +
      InSentence(c.unit_name) +
      " tổng hợp báo cáo của các đơn vị như sau (số liệu của mỗi đơn vị là số liệu đơn vị đã nộp; "
      "số từ 1 đến 4 tính từ người được hỗ trợ không công bố và ghi \"<5\")."));
  r.content.push_back(Heading("I. TÌNH HÌNH NỘP BÁO CÁO"));
  const std::int64_t sent = n("on_time") + n("late");
  r.content.push_back(BodyText(
      std::to_string(sent) + "/" + std::to_string(n("expected")) + " đơn vị đã nộp báo cáo (" +
      std::to_string(n("on_time")) + " đúng hạn, " + std::to_string(n("late")) + " trễ hạn); " +
      std::to_string(n("approved")) + " báo cáo đã được duyệt; " +
      std::to_string(n("missing") + n("draft")) + " đơn vị chưa nộp" +
      (n("overdue") ? " (" + std::to_string(n("overdue")) + " đơn vị đã quá hạn)" : "") + "."));
  exports::Table progress{{3600, 1900, 1900, 1860}, {}, 1, true};
  progress.rows.push_back({CellOf("Đơn vị", true, Paragraph::Align::kCenter),
                           CellOf("Tình trạng", true, Paragraph::Align::kCenter),
                           CellOf("Ngày nộp", true, Paragraph::Align::kCenter),
                           CellOf("Đúng hạn", true, Paragraph::Align::kCenter)});
  for (const auto& u : c.units) {
    progress.rows.push_back(
        {CellOf(u.name), CellOf(StatusVi(u.progress.status)),
         CellOf(LocalDayVi(u.progress.first_submitted_at), false, Paragraph::Align::kCenter),
         CellOf(TimelinessVi(u.progress), false, Paragraph::Align::kCenter)});
  }
  r.content.push_back(progress);

  r.content.push_back(Heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"));
  r.content.push_back(
      BodyText("Kết quả toàn " + InSentence(c.unit_name) + " (số liệu hiện tại của hệ thống):"));
  exports::Table targets{{850, 4910, 1500, 2000}, {}, 1, true};
  targets.rows.push_back({CellOf("Mã", true, Paragraph::Align::kCenter),
                          CellOf("Chỉ tiêu", true, Paragraph::Align::kCenter),
                          CellOf("Mục tiêu", true, Paragraph::Align::kCenter),
                          CellOf("Kết quả", true, Paragraph::Align::kCenter)});
  for (const auto& t : c.targets) {
    targets.rows.push_back({CellOf(t.value("target", ""), false, Paragraph::Align::kCenter),
                            CellOf(t.value("name_vi", "")),
                            CellOf(GoalTextVi(t), false, Paragraph::Align::kCenter),
                            CellOf(ValueTextVi(t), false, Paragraph::Align::kCenter)});
  }
  r.content.push_back(targets);
  PCMD_RETURN_IF_ERROR(AddTargetsChart(c, r.content));
  r.content.push_back(BodyText("Số chỉ tiêu theo đánh giá trong báo cáo đã nộp của mỗi đơn vị:"));
  exports::Table by_unit{{3260, 1200, 1200, 1200, 1200, 1200}, {}, 1, true};
  by_unit.rows.push_back({CellOf("Đơn vị", true, Paragraph::Align::kCenter),
                          CellOf("Đạt", true, Paragraph::Align::kCenter),
                          CellOf("Chưa đạt", true, Paragraph::Align::kCenter),
                          CellOf("Kịp tiến độ", true, Paragraph::Align::kCenter),
                          CellOf("Chậm", true, Paragraph::Align::kCenter),
                          CellOf("Chưa có số liệu", true, Paragraph::Align::kCenter)});
  for (const auto& u : c.units) {
    if (u.values.empty()) {
      auto dash = [] { return CellOf("—", false, Paragraph::Align::kCenter); };
      by_unit.rows.push_back(
          {CellOf(u.name + " (chưa nộp)"), dash(), dash(), dash(), dash(), dash()});
      continue;
    }
    std::map<std::string, int> by_status;
    for (const auto& [id, v] : u.values) ++by_status[v.value("status", "")];
    auto cell = [&](int x) { return CellOf(std::to_string(x), false, Paragraph::Align::kCenter); };
    by_unit.rows.push_back({CellOf(u.name), cell(by_status["met"]), cell(by_status["not_met"]),
                            cell(by_status["on_track"]), cell(by_status["behind"]),
                            cell(by_status["no_data"] + by_status["suppressed"])});
  }
  r.content.push_back(by_unit);

  r.content.push_back(Heading("III. Ý KIẾN CỦA CÁC ĐƠN VỊ"));
  bool any = false;
  for (const auto& u : c.units) {
    if (!u.report.is_frozen()) continue;
    any = true;
    Paragraph name = Para(u.name, Paragraph::Align::kLeft, true);
    name.keep_with_next = true;
    r.content.push_back(name);
    r.content.push_back(BodyText("Kết quả: " + u.report.results));
    if (!u.report.difficulties.empty()) {
      r.content.push_back(BodyText("Khó khăn, vướng mắc: " + u.report.difficulties));
    }
    if (!u.report.proposals.empty()) {
      r.content.push_back(BodyText("Đề xuất, kiến nghị: " + u.report.proposals));
    }
  }
  if (!any) r.content.push_back(BodyText("Chưa có đơn vị nào nộp báo cáo."));
  r.recipients = {"Bộ Lao động - Thương binh và Xã hội (để báo cáo)", "Lưu: VT"};
  r.signer_authority = "TM. Ủy ban nhân dân";
  return exports::LayOut(r);
}

json DocumentJson(const reporting::RoundDocument& d) {
  return {{"id", d.id},
          {"round", d.round_id},
          {"format", d.format},
          {"file_name", d.file_name},
          {"content_type", d.content_type},
          {"size_bytes", d.size_bytes},
          {"sha256", d.sha256},
          {"generation_ms", d.generation_ms},
          {"created_at", d.created_at},
          {"created_by", d.created_by}};
}

}  // namespace

void AddRoundDocumentRoutes(http::Router& router, Guard& guard, reporting::ReportRounds& rounds,
                            reporting::RoundDocuments& documents,
                            analytics::IndicatorEngine& engine, const units::UnitTree& units) {
  guard.Add(
      router, "POST", "/api/report-rounds/{id}/documents", "report_round:update",
      [&rounds, &documents, &engine, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const std::string format =
            reader->Enum("format", true, {"xlsx", "docx", "pdf"}).value_or("");
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto round = rounds.Get(call.subject(), call.request.path_params.at("id"));
        if (!round.ok()) return ErrorResponse(round.status());
        if (auto may = documents.CheckMayKeep(call.subject(), *round); !may.ok()) {
          return ErrorResponse(may);
        }
        const auto started = std::chrono::steady_clock::now();
        auto c = Consolidate(call.subject(), rounds, engine, units, *round);
        if (!c.ok()) return ErrorResponse(c.status());
        base::Result<std::string> bytes = std::string();
        if (format == "xlsx") {
          bytes = exports::WriteXlsx(ConsolidatedSheets(*c));
        } else {
          auto doc = ConsolidatedDocument(*c, units, base::Date::Today());
          if (!doc.ok()) return ErrorResponse(doc.status());
          bytes = format == "docx" ? exports::WriteDocx(*doc) : exports::WritePdf(*doc);
        }
        if (!bytes.ok()) return ErrorResponse(bytes.status());
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        const std::string name =
            "bao-cao-tong-hop-" + round->unit_code + "-" + round->period.id + "." + format;
        auto kept = documents.Keep(call.subject(), call.actor, *round, format, name, *bytes, ms);
        if (!kept.ok()) return ErrorResponse(kept.status());
        return JsonResponse(201, DocumentJson(*kept));
      },
      "The round's level makes its consolidated report of all the units' reports (xlsx, docx or "
      "pdf) and keeps it with the round",
      "reporting");
  guard.Add(
      router, "GET", "/api/report-rounds/{id}/documents", "report_round:read",
      [&documents](Call& call) {
        auto list = documents.List(call.subject(), call.request.path_params.at("id"));
        if (!list.ok()) return ErrorResponse(list.status());
        json items = json::array();
        for (const auto& d : *list) items.push_back(DocumentJson(d));
        return JsonResponse(200, {{"items", items}});
      },
      "The consolidated documents kept with a round, newest first", "reporting");
  guard.Add(
      router, "GET", "/api/report-rounds/{id}/documents/{document}", "report_round:read",
      [&documents](Call& call) {
        auto found = documents.Read(call.subject(), call.actor, call.request.path_params.at("id"),
                                    call.request.path_params.at("document"));
        if (!found.ok()) return ErrorResponse(found.status());
        http::Response r;
        r.content_type = found->first.content_type;
        r.body = std::move(found->second);
        r.WithHeader("Content-Disposition",
                     "attachment; filename=\"" + found->first.file_name + "\"");
        return r;
      },
      "One consolidated document of a round, as it was made", "reporting");
}

void DescribeRoundDocumentRoutes(std::map<std::string, json>& ops, json& schemas) {
  const auto ref = openapi::SchemaRef;
  const auto reply = openapi::JsonReply;
  const json str = {{"type", "string"}}, integer = {{"type", "integer"}};
  schemas["RoundDocument"] = {{"type", "object"},
                              {"properties",
                               {{"id", str},
                                {"round", str},
                                {"format", {{"type", "string"}, {"enum", {"xlsx", "docx", "pdf"}}}},
                                {"file_name", str},
                                {"content_type", str},
                                {"size_bytes", integer},
                                {"sha256", str},
                                {"generation_ms", integer},
                                {"created_at", str},
                                {"created_by", str}}}};
  const json error = reply("error", ref("Error"));
  ops["POST /api/report-rounds/{id}/documents"] = {
      {"requestBody",
       {{"required", true},
        {"content",
         {{"application/json",
           {{"schema",
             {{"type", "object"},
              {"additionalProperties", false},
              {"required", {"format"}},
              {"properties",
               {{"format", {{"type", "string"}, {"enum", {"xlsx", "docx", "pdf"}}}}}}}}}}}}}},
      {"responses",
       {{"201", reply("kept", ref("RoundDocument"))},
        {"400", error},
        {"403", error},
        {"404", error},
        {"422", reply("format missing or unknown", ref("Error"))}}}};
  ops["GET /api/report-rounds/{id}/documents"] = {
      {"responses",
       {{"200", reply("the documents",
                      {{"type", "object"},
                       {"properties",
                        {{"items", {{"type", "array"}, {"items", ref("RoundDocument")}}}}}})},
        {"404", error}}}};
  ops["GET /api/report-rounds/{id}/documents/{document}"] = {
      {"responses",
       {{"200",
         {{"description", "the file (Content-Disposition: attachment)"},
          {"content",
           {{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", json::object()},
            {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             json::object()},
            {"application/pdf", json::object()}}}}},
        {"404", error}}}};
}

}  // namespace pcmd::api
