// The tips' tables (tips, their handling steps, their denouncers sealed apart, the deadline rules)
// and their code lists, as one migration.
#include <string>
#include <vector>

#include "domain/enforcement/tip_deadline.h"
#include "domain/enforcement/tip_store.h"
#include "domain/records/code_lists.h"

namespace pcmd::enforcement {

namespace {

std::string SeedSql() {
  static const records::CodeSeed seeds[] = {
      {"tip_channel", "hotline", "Đường dây nóng", "Hotline", 1},
      {"tip_channel", "in_person", "Trực tiếp", "In person", 2},
      {"tip_channel", "letter", "Thư, đơn", "Letter", 3},
      {"tip_channel", "online_form", "Biểu mẫu trực tuyến", "Online form", 4},
      {"tip_channel", "agency_referral", "Cơ quan, tổ chức chuyển đến", "Referred by an agency", 5},
      {"tip_kind", "denunciation_crime", "Tố giác về tội phạm", "Denunciation of a crime", 1},
      {"tip_kind", "crime_report", "Tin báo về tội phạm", "Crime report", 2},
      {"tip_kind", "denunciation", "Tố cáo hành vi vi phạm", "Denunciation of a violation", 3},
      {"tip_kind", "complaint", "Khiếu nại", "Complaint", 4},
      {"tip_kind", "administrative_report", "Phản ánh, kiến nghị", "Report or petition", 5},
      {"tip_outcome", "substantiated", "Đúng", "Substantiated", 1},
      {"tip_outcome", "partly_substantiated", "Đúng một phần", "Partly substantiated", 2},
      {"tip_outcome", "not_substantiated", "Sai, không có căn cứ", "Not substantiated", 3},
      {"tip_outcome", "transferred", "Chuyển cơ quan có thẩm quyền", "Transferred", 4},
      {"tip_outcome", "withdrawn", "Người gửi rút tin", "Withdrawn by the sender", 5},
  };
  return records::SeedCodesSql(std::vector<records::CodeSeed>(std::begin(seeds), std::end(seeds)));
}

}  // namespace

std::vector<store::Migration> TipMigrations() {
  const std::string tables =
      "CREATE TABLE tips (id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, channel TEXT NOT NULL, "
      "kind TEXT NOT NULL, received_at TEXT NOT NULL, received_on TEXT NOT NULL, "
      "establishment_id TEXT NOT NULL, place TEXT NOT NULL, subject_unit TEXT NOT NULL, "
      "content TEXT NOT NULL, is_anonymous INTEGER NOT NULL, status TEXT NOT NULL, "
      "assignee TEXT NOT NULL, deadline_days INTEGER NOT NULL, extended_days INTEGER NOT NULL, "
      "extensions INTEGER NOT NULL, deadline TEXT NOT NULL, verified_at TEXT NOT NULL, "
      "classified_at TEXT NOT NULL, assigned_at TEXT NOT NULL, handled_at TEXT NOT NULL, "
      "closed_at TEXT NOT NULL, outcome TEXT NOT NULL, transferred_to TEXT NOT NULL, "
      "inspection_id TEXT NOT NULL, version BIGINT NOT NULL, created_at TEXT NOT NULL, "
      "updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL, deleted_at "
      "TEXT);\n"
      "CREATE INDEX tips_unit_received ON tips (unit_code, received_on);\n"
      "CREATE INDEX tips_assignee_status ON tips (assignee, status);\n"
      "CREATE TABLE tip_events (tip_id TEXT NOT NULL REFERENCES tips (id), seq INTEGER NOT NULL, "
      "step TEXT NOT NULL, at TEXT NOT NULL, by_account TEXT NOT NULL, note TEXT NOT NULL, "
      "assignee TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, agency TEXT NOT NULL, "
      "days INTEGER NOT NULL, legal_basis TEXT NOT NULL, PRIMARY KEY (tip_id, seq));\n"
      "CREATE TABLE tip_denouncers (tip_id TEXT PRIMARY KEY REFERENCES tips (id), sealed TEXT NOT "
      "NULL, "
      "created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL, "
      "updated_by TEXT NOT NULL);\n"
      "CREATE TABLE tip_deadline_rules (kind TEXT PRIMARY KEY, days INTEGER NOT NULL, "
      "max_extensions INTEGER NOT NULL, max_extension_days INTEGER NOT NULL, updated_at TEXT NOT "
      "NULL, "
      "updated_by TEXT NOT NULL);\n";
  std::string rules =
      "INSERT INTO tip_deadline_rules (kind, days, max_extensions, max_extension_days, "
      "updated_at, updated_by) VALUES ";
  bool first = true;
  for (const auto& r : DefaultTipDeadlineRules()) {
    rules += std::string(first ? "" : ", ") + "('" + r.kind + "', " + std::to_string(r.days) +
             ", " + std::to_string(r.max_extensions) + ", " + std::to_string(r.max_extension_days) +
             ", '2025-01-01T00:00:00Z', 'system')";
    first = false;
  }
  return {{400, "tips_events_denouncers_and_deadlines", tables + SeedSql() + ";\n" + rules, ""}};
}

}  // namespace pcmd::enforcement
