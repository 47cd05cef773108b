// The tips' register as a file: export of the list (the list's filters; never the identity or
// the content) and import of a register laid out like it (tips_api.h).
#include "api/errors.h"
#include "api/query_params.h"
#include "api/tips_api.h"
#include "base/csv.h"
#include "base/id.h"
#include "base/text.h"
#include "exports/table_file.h"
#include "exports/xlsx_writer.h"

namespace pcmd::api {
namespace {

using enforcement::Tip;
using nlohmann::json;

// The rows of an imported register of tips: a header naming the columns (the field name
// alone or in parentheses after a label, as the export writes them), then one tip a row.
// A row without an id gets one made from its cells, so a re-import creates nothing twice.
base::Result<std::vector<enforcement::TipImportRow>> ReadTipRows(const std::vector<std::vector<std::string>>& cells) {
  std::vector<enforcement::TipImportRow> out;
  if (cells.empty()) {
    return base::Validation::Fail("file", "empty", "Tệp không có dòng nào", "the file has no rows");
  }
  std::vector<std::string> names;
  for (const auto& h : cells[0]) {
    const auto open = h.rfind('('), close = h.rfind(')');
    names.push_back(open != std::string::npos && close != std::string::npos && close > open
                        ? h.substr(open + 1, close - open - 1)
                        : std::string(base::TrimAscii(h)));
  }
  for (const char* required : {"unit", "channel", "kind", "received_at", "content"}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      return base::Validation::Fail("file", "missing_column",
                                    std::string("Tệp thiếu cột ") + required,
                                    std::string("the file has no column ") + required);
    }
  }
  for (std::size_t r = 1; r < cells.size(); ++r) {
    bool blank = true;
    for (const auto& c : cells[r]) blank = blank && base::TrimAscii(c).empty();
    if (blank) {
      continue;
    }
    enforcement::TipImportRow row;
    row.line = static_cast<int>(r) + 1;
    std::string joined;
    for (std::size_t c = 0; c < names.size() && c < cells[r].size(); ++c) {
      const std::string value(base::TrimAscii(cells[r][c]));
      joined += names[c] + "=" + value + "\x1f";
      const std::string& n = names[c];
      if (n == "id" && !value.empty()) row.tip.id = value;
      else if (n == "unit") row.tip.unit_code = value;
      else if (n == "channel") row.tip.channel = value;
      else if (n == "kind") row.tip.kind = value;
      else if (n == "received_at") row.tip.received_at = value;
      else if (n == "content") row.tip.content = value;
      else if (n == "establishment_id") row.tip.establishment_id = value;
      else if (n == "place") row.tip.place = value;
      else if (n == "subject_unit") row.tip.subject_unit = value;
      else if (n == "is_anonymous") row.tip.is_anonymous = value == "true" || value == "1" || value == "x";
    }
    if (!row.tip.id) row.tip.id = base::UuidFromName("tip-import|" + joined);
    out.push_back(std::move(row));
  }
  return out;
}

// The export's columns: codes, dates and states only; never the content or an identity.
struct Column {
  const char* header;
  bool is_date;
};
constexpr Column kColumns[] = {
    {"Mã (id)", false},
    {"Đơn vị (unit)", false},
    {"Tên đơn vị (unit_name)", false},
    {"Hình thức tiếp nhận (channel)", false},
    {"Loại tin (kind)", false},
    {"Thời điểm tiếp nhận (received_at)", false},
    {"Ngày tiếp nhận (received_on)", true},
    {"Nặc danh (is_anonymous)", false},
    {"Cơ sở (establishment_id)", false},
    {"Địa điểm (place)", false},
    {"Địa bàn (subject_unit)", false},
    {"Trạng thái (status)", false},
    {"Người được giao (assignee)", false},
    {"Hạn giải quyết (deadline)", true},
    {"Số ngày gia hạn (extended_days)", false},
    {"Tình trạng thời hạn (timeliness)", false},
    {"Xử lý lúc (handled_at)", false},
    {"Kết thúc lúc (closed_at)", false},
    {"Kết quả (outcome)", false},
    {"Chuyển đến (transferred_to)", false},
    {"Phiên bản (version)", false},
};

std::vector<std::string> ExportRow(const Tip& t, const std::map<std::string, std::string>& names) {
  auto name = names.find(t.unit_code);
  return {t.id,
          t.unit_code,
          name == names.end() ? "" : name->second,
          t.channel,
          t.kind,
          t.received_at,
          t.received_on.ToString(),
          t.is_anonymous ? "true" : "false",
          t.establishment_id,
          t.place,
          t.subject_unit,
          std::string(enforcement::TipStatusId(t.status)),
          t.assignee,
          t.deadline.ToString(),
          std::to_string(t.extended_days),
          std::string(enforcement::TimelinessId(t.timeliness)),
          t.handled_at,
          t.closed_at,
          t.outcome,
          t.transferred_to,
          std::to_string(t.version)};
}

}  // namespace

void AddTipFileRoutes(http::Router& router, Guard& guard, store::Database& db, enforcement::TipStore& tips,
                      const units::UnitTree& units) {
  guard.Add(
      router, "POST", "/api/tips/import", "tip:create",
      [&tips](Call& call) {
        QueryParams q(call.request);
        const std::string mode = q.Enum("mode", {"all", "valid"}).value_or("all");
        if (auto s = q.Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        auto cells = exports::ReadTableFile(call.request.body);
        if (!cells.ok()) {
          return ErrorResponse(cells.status());
        }
        auto rows = ReadTipRows(*cells);
        if (!rows.ok()) {
          return ErrorResponse(rows.status());
        }
        auto report = tips.Import(call.subject(), call.actor, *rows, mode == "valid");
        if (!report.ok()) {
          return ErrorResponse(report.status());
        }
        return ImportReply(*report);
      },
      "Import a register of tips (CSV or XLSX: id, unit, channel, kind, received_at, content, ...; "
      "never a denouncer's identity): the whole file, or the valid rows",
      "tips");
  router.SetMaxBody("POST", "/api/tips/import", 16u << 20);
  guard.Add(
      router, "GET", "/api/tips/export", "tip:export",
      [&tips, &db, &units](Call& call) {
        QueryParams q(call.request);
        enforcement::TipQuery query = internal::ReadTipQuery(q);
        const std::string format = q.Enum("format", {"csv", "xlsx"}).value_or("csv");
        query.limit = 100000;
        if (auto s = q.Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        auto page = tips.List(call.subject(), query);
        if (!page.ok()) {
          return ErrorResponse(page.status());
        }
        std::map<std::string, std::string> names;
        if (auto all = units.List({.date = base::Date::Today(), .limit = 100000}); all.ok()) {
          for (const auto& u : all->items) {
            names[u.code] = u.name;
          }
        }
        http::Response r;
        if (format == "xlsx") {
          exports::Sheet sheet;
          sheet.name = "Tin báo";
          for (const auto& c : kColumns) {
            sheet.columns.push_back({c.header, 0});
          }
          for (const auto& t : page->items) {
            const auto row = ExportRow(t, names);
            std::vector<exports::Cell> cells;
            for (std::size_t i = 0; i < row.size(); ++i) {
              if (row[i].empty()) {
                cells.emplace_back(std::monostate{});
              } else if (kColumns[i].is_date && base::Date::Parse(row[i]).ok()) {
                cells.emplace_back(base::Date::Parse(row[i]).value());
              } else {
                cells.emplace_back(row[i]);
              }
            }
            sheet.rows.push_back(std::move(cells));
          }
          auto bytes = exports::WriteXlsx({sheet});
          if (!bytes.ok()) {
            return ErrorResponse(bytes.status());
          }
          r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
          r.body = std::move(*bytes);
        } else {
          std::vector<std::string> header;
          for (const auto& c : kColumns) {
            header.emplace_back(c.header);
          }
          r.content_type = "text/csv; charset=utf-8";
          r.body = "\xEF\xBB\xBF" + base::CsvLine(header);
          for (const auto& t : page->items) {
            r.body += base::CsvLine(ExportRow(t, names));
          }
        }
        (void)db.AuditOnly(call.actor, "export", "tip", std::to_string(page->items.size()), "ok");
        r.WithHeader("Content-Disposition", "attachment; filename=\"tips." + format + "\"");
        return r;
      },
      "Export the list (same filters) as CSV or XLSX: codes, dates and states; never the content "
      "or the denouncer",
      "tips");
}

}  // namespace pcmd::api
