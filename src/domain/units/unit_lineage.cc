// UnitTree: the lineage between versions of the tree — the change files of a reorganisation
// recorded row by row (alone, or with their tree in one transaction), their confirmation, walks
// from a unit on one date to the units that carry it on a later tree, and the versions of the tree.
#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"
#include "domain/units/unit_file.h"
#include "domain/units/unit_tree.h"

namespace pcmd::units {
namespace {

using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

constexpr const char* kLineageCols =
    "id, effective, kind, from_code, from_name, to_code, to_name, source, status, confirmed_by, confirmed_at";

LineageEntry EntryFromRow(const Row& r) {
  LineageEntry e;
  e.id = r.Int(0);
  e.effective = Date::Parse(r.Text(1)).value_or(Date());
  e.kind = r.Text(2);
  e.from_code = r.Text(3);
  e.from_name = r.Text(4);
  e.to_code = r.OptText(5);
  e.to_name = r.Text(6);
  e.source = r.Text(7);
  e.status = r.Text(8);
  e.confirmed_by = r.OptText(9);
  e.confirmed_at = r.OptText(10);
  return e;
}

// The kinds that carry a unit on to another (create and close come from tree imports).
bool Carries(const std::string& kind) {
  return kind == "merge" || kind == "split" || kind == "rename" || kind == "moved" || kind == "unchanged";
}

// The unit valid on `d` with this code: its name, or nothing.
Result<std::optional<std::string>> NameOn(Transaction& tx, const std::string& code, Date d) {
  const std::string ds = d.ToString();
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT name FROM units WHERE code = :1 AND valid_from <= :2 AND "
                                            "(valid_to IS NULL OR valid_to >= :3)",
                                            {code, ds, ds}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status NotFound(const std::string& what) {
  return base::NotFound("no such " + what).WithVi("Không tìm thấy").WithMachineCode("not_found");
}

}  // namespace

Result<std::set<std::string>> UnitTree::MergedProvinces(const std::vector<ChangeRow>& rows, Date effective) const {
  std::set<std::string> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(out, MergedProvincesIn(tx, rows, effective));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::set<std::string>> UnitTree::MergedProvincesIn(Transaction& tx, const std::vector<ChangeRow>& rows,
                                                          Date effective) {
  std::set<std::string> out;
  const std::string before = effective.AddDays(-1).ToString();
  for (const ChangeRow& row : rows) {
    if (row.effective != effective || !row.new_code || *row.new_code == row.old_code) continue;
    PCMD_ASSIGN_OR_RETURN(Rows rows_of_code,
                          tx.Query("SELECT level FROM units WHERE code = :1 AND valid_from <= :2 AND "
                                   "(valid_to IS NULL OR valid_to >= :3)",
                                   {row.old_code, before, before}));
    if (!rows_of_code.empty() && rows_of_code[0].Text(0) == "province") out.insert(row.old_code);
  }
  return out;
}

Result<ChangeImportReport> UnitTree::ImportChanges(const store::Actor& actor, const std::vector<ChangeRow>& rows,
                                                   Date effective) {
  ChangeImportReport report;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status { return ImportChangesIn(tx, rows, effective, report); });
  if (!s.ok()) return s;
  return report;
}

Status UnitTree::ImportChangesIn(Transaction& tx, const std::vector<ChangeRow>& rows, Date effective,
                                 ChangeImportReport& report) {
  const Date before = effective.AddDays(-1);
  base::Validation v;
  // The tree of that date comes first (it opens the units the rows lead to).
  PCMD_ASSIGN_OR_RETURN(Rows opened, tx.Query("SELECT COUNT(*) FROM units WHERE valid_from = :1", {effective.ToString()}));
  if (opened.empty() || opened[0].Int(0) == 0) {
    return base::Validation::Fail("effective", "tree_missing",
                                  "Chưa nạp cây đơn vị có hiệu lực từ ngày " + effective.ToString() + ": hãy nạp cây trước",
                                  "no unit tree valid from " + effective.ToString() + " yet: import the tree first");
  }
  std::vector<const ChangeRow*> due;
  for (const ChangeRow& row : rows) {
    if (row.effective != effective) continue;
    const std::string at = "line " + std::to_string(row.line) + ": ";
    PCMD_ASSIGN_OR_RETURN(auto old_name, NameOn(tx, row.old_code, before));
    if (!old_name) {
      v.Add(at + "old_code", "not_found", "Không có đơn vị với mã này vào ngày trước khi thay đổi",
            "no unit with that code the day before the change");
    }
    if (row.new_code) {
      PCMD_ASSIGN_OR_RETURN(auto new_name, NameOn(tx, *row.new_code, effective));
      if (!new_name) {
        v.Add(at + "new_code", "not_found", "Không có đơn vị với mã này vào ngày thay đổi (hãy nạp cây mới trước)",
              "no unit with that code on the day of the change (import the new tree first)");
      }
    }
    due.push_back(&row);
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  for (const ChangeRow* row : due) {
    // The same row recorded before (as imported, or as an officer confirmed or corrected it).
    PCMD_ASSIGN_OR_RETURN(Rows known, tx.Query("SELECT id FROM unit_lineage WHERE effective = :1 AND "
                                               "from_code = :2 AND kind = :3 AND imported_to = :4",
                                               {effective.ToString(), row->old_code, row->kind,
                                                row->new_code.value_or("")}));
    if (!known.empty()) {
      ++report.unchanged;
      continue;
    }
    const bool doubtful = !row->new_code || row->source.rfind("inferred:", 0) == 0 ||
                          row->source.rfind("unsourced:", 0) == 0;
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO unit_lineage (effective, kind, from_code, from_name, to_code, to_name, source, status, "
                "imported_to, recorded_at) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10)",
                {effective.ToString(), row->kind, row->old_code, row->old_name, row->new_code, row->new_name,
                 row->source, std::string(doubtful ? "to_confirm" : "confirmed"), row->new_code.value_or(""),
                 base::NowIsoUtc()})
            .status());
    PCMD_RETURN_IF_ERROR(tx.AppendChange("unit_lineage", row->old_code, "create"));
    ++report.added;
    report.to_confirm += doubtful;
  }
  return Status::Ok();
}

Result<TreeImportReport> UnitTree::ImportTree(const store::Actor& actor, const TreeFiles& files, Date effective) {
  TreeImportReport report;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    std::set<std::string> merged;
    if (files.changes) {
      PCMD_ASSIGN_OR_RETURN(merged, MergedProvincesIn(tx, *files.changes, effective));
    }
    PCMD_RETURN_IF_ERROR(NameFileInFields(ImportIn(tx, files.units, effective, merged, report.units), files.units_name));
    if (!files.changes) return Status::Ok();
    report.changes.emplace();
    return NameFileInFields(ImportChangesIn(tx, *files.changes, effective, *report.changes), files.changes_name);
  });
  if (!s.ok()) return s;
  return report;
}

Result<std::vector<TreeVersion>> UnitTree::Versions() const {
  std::vector<Unit> all;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT level, valid_from, valid_to FROM units"));
    for (const Row& r : rows) {
      Unit u;
      u.level = r.Text(0);
      u.valid_from = Date::Parse(r.Text(1)).value_or(Date());
      if (!r.IsNull(2)) u.valid_to = Date::Parse(r.Text(2)).value_or(Date());
      all.push_back(std::move(u));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  // The tree changes on every first day of a version and on every day after a last one.
  std::set<Date> starts;
  for (const Unit& u : all) {
    starts.insert(u.valid_from);
    if (u.valid_to) starts.insert(u.valid_to->AddDays(1));
  }
  std::vector<TreeVersion> out;
  for (auto it = starts.begin(); it != starts.end(); ++it) {
    TreeVersion version;
    version.from = *it;
    if (auto next = std::next(it); next != starts.end()) version.to = next->AddDays(-1);
    for (const char* level : kLevels) version.levels[level] = 0;
    std::int64_t total = 0;
    for (const Unit& u : all) {
      if (!u.ValidOn(version.from)) continue;
      ++version.levels[u.level];
      ++total;
    }
    if (total > 0) out.push_back(std::move(version));  // a day after every unit closed is no tree
  }
  return out;
}

Result<std::vector<LineageEntry>> UnitTree::ListChanges(std::optional<Date> effective, bool to_confirm_only) const {
  std::vector<LineageEntry> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    std::string sql = std::string("SELECT ") + kLineageCols + " FROM unit_lineage WHERE kind <> 'create' AND kind <> 'close'";
    store::Params p;
    if (effective) {
      sql += " AND effective = :1";
      p.emplace_back(effective->ToString());
    }
    if (to_confirm_only) sql += " AND status = 'to_confirm'";
    sql += " ORDER BY effective, from_code, id";
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, p));
    for (const Row& r : rows) out.push_back(EntryFromRow(r));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<LineageEntry> UnitTree::ConfirmChange(const store::Actor& actor, std::int64_t id,
                                             const std::optional<std::string>& to_code) {
  LineageEntry entry;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kLineageCols + " FROM unit_lineage WHERE id = :1",
                                              {id}));
    if (rows.empty() || !Carries(rows[0].Text(2))) return NotFound("change");
    entry = EntryFromRow(rows[0]);
    if (to_code) {
      PCMD_ASSIGN_OR_RETURN(auto name, NameOn(tx, *to_code, entry.effective));
      if (!name) {
        return base::Validation::Fail("new_code", "not_found", "Không có đơn vị với mã này vào ngày thay đổi",
                                      "no unit with that code on the day of the change");
      }
      entry.to_code = *to_code;
      entry.to_name = *name;
    } else if (!entry.to_code) {
      return base::Validation::Fail("new_code", "required", "Hãy chọn đơn vị tiếp nhận",
                                    "choose the unit that received it");
    }
    entry.status = "confirmed";
    entry.confirmed_by = actor.id;
    entry.confirmed_at = base::NowIsoUtc();
    PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE unit_lineage SET to_code = :1, to_name = :2, status = :3, confirmed_by = :4, "
                                 "confirmed_at = :5 WHERE id = :6",
                                 {entry.to_code, entry.to_name, entry.status, entry.confirmed_by, entry.confirmed_at, id})
                             .status());
    return tx.AppendChange("unit_lineage", entry.from_code, "update");
  });
  if (!s.ok()) return s;
  return entry;
}

Result<std::vector<Unit>> UnitTree::AllVersions(std::string* stamp) const {
  std::vector<Unit> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*), MAX(row_id) FROM units"));
    PCMD_ASSIGN_OR_RETURN(Rows lineage,
                          tx.Query("SELECT COUNT(*), MAX(id), SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END), "
                                   "MAX(confirmed_at) FROM unit_lineage"));
    if (stamp) {
      *stamp = (count.empty() ? "0/" : count[0].Text(0) + "/" + count[0].Text(1)) + "|" +
               (lineage.empty() ? "" : lineage[0].Text(0) + "/" + lineage[0].Text(1) + "/" + lineage[0].Text(2) + "/" +
                                           lineage[0].Text(3));
    }
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT code, level, parent_code, valid_from, valid_to FROM units "
                                              "ORDER BY code, valid_from"));
    out.reserve(rows.size());
    for (const Row& r : rows) {
      Unit u;
      u.code = r.Text(0);
      u.level = r.Text(1);
      if (!r.IsNull(2) && !r.Text(2).empty()) u.parent_code = r.Text(2);
      u.valid_from = Date::Parse(r.Text(3)).value_or(Date());
      if (!r.IsNull(4)) u.valid_to = Date::Parse(r.Text(4)).value_or(Date());
      out.push_back(std::move(u));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<std::string>> UnitTree::Walk(const std::string& code, Date on, Date later) const {
  std::vector<std::string> codes = {code};
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT effective, kind, from_code, to_code FROM unit_lineage WHERE "
                                              "effective > :1 AND effective <= :2 ORDER BY effective, id",
                                              {on.ToString(), later.ToString()}));
    // Change by change, in date order: each code goes to the units its rows name (a code no row
    // of that date names is not touched by it).
    std::map<std::string, std::multimap<std::string, std::optional<std::string>>> by_date;
    for (const Row& r : rows) {
      if (Carries(r.Text(1))) by_date[r.Text(0)].emplace(r.Text(2), r.OptText(3));
    }
    for (const auto& [date, moves] : by_date) {
      std::vector<std::string> next;
      for (const auto& c : codes) {
        auto [b, e] = moves.equal_range(c);
        if (b == e) {
          next.push_back(c);
          continue;
        }
        for (auto it = b; it != e; ++it) next.push_back(it->second.value_or(c));
      }
      std::sort(next.begin(), next.end());
      next.erase(std::unique(next.begin(), next.end()), next.end());
      codes = std::move(next);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return codes;
}

Result<std::optional<Date>> UnitTree::ClosedBefore(const std::string& code, Date date) const {
  std::optional<Date> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT MAX(valid_to) FROM units WHERE code = :1 AND valid_to < :2",
                                              {code, date.ToString()}));
    if (!rows.empty() && !rows[0].IsNull(0)) out = Date::Parse(rows[0].Text(0)).value_or(Date());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Status UnitTree::CheckNotClosed(const std::string& code, Date date) const {
  PCMD_ASSIGN_OR_RETURN(auto closed, ClosedBefore(code, date));
  if (!closed) return Status::Ok();
  const std::string from = closed->AddDays(1).ToString();
  std::string vi = "Đơn vị này đã ngừng từ ngày " + from, en = "the unit was closed on " + from;
  PCMD_ASSIGN_OR_RETURN(auto next, SuccessorsAfter(code, *closed));
  if (!next.empty()) {
    std::string names;
    for (const auto& u : next) names += (names.empty() ? "" : ", ") + u.name + " (" + u.code + ")";
    vi += "; hãy ghi cho đơn vị kế thừa: " + names;
    en += "; record it on the unit that took it over: " + names;
  }
  return base::Validation::Fail("unit", "unit_closed", vi, en);
}

Result<std::vector<Unit>> UnitTree::SuccessorsAfter(const std::string& code, Date on) const {
  std::vector<std::string> codes;
  Date effective;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT effective, kind, to_code FROM unit_lineage WHERE from_code = :1 "
                                              "AND effective > :2 AND to_code IS NOT NULL ORDER BY effective, id",
                                              {code, on.ToString()}));
    for (const Row& r : rows) {
      if (!Carries(r.Text(1))) continue;
      const Date d = Date::Parse(r.Text(0)).value_or(Date());
      if (!codes.empty() && d != effective) break;
      effective = d;
      codes.push_back(r.Text(2));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  std::vector<Unit> out;
  for (const auto& c : codes) {
    if (auto u = Find(c, effective); u.ok()) out.push_back(*u);
  }
  return out;
}

}  // namespace pcmd::units
