#include "domain/units/unit_tree.h"

#include <map>
#include <set>

#include "base/text.h"
#include "domain/units/unit_rules.h"

namespace pcmd::units {
namespace {

using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

constexpr const char* kColumns =
    "code, name, level, type, parent_code, valid_from, valid_to, row_id";
Unit FromRow(const Row& r) {
  Unit u;
  u.code = r.Text(0);
  u.name = r.Text(1);
  u.level = r.Text(2);
  u.type = r.Text(3);
  u.parent_code = r.OptText(4);
  u.valid_from = Date::Parse(r.Text(5)).value();
  if (!r.IsNull(6)) u.valid_to = Date::Parse(r.Text(6)).value();
  return u;
}

// "Valid on the date bound here" for a table alias; binds the date twice.
std::string ValidFromSql(const std::string& a) {
  return a + ".valid_from <= :d1 AND (" + a + ".valid_to IS NULL OR " + a + ".valid_to >= :d2)";
}

std::string Cols(const std::string& alias) {
  std::string out;
  std::string cols = kColumns;
  std::size_t start = 0;
  while (start < cols.size()) {
    auto comma = cols.find(", ", start);
    if (comma == std::string::npos) comma = cols.size();
    if (!out.empty()) out += ", ";
    out += alias + "." + cols.substr(start, comma - start);
    start = comma + 2;
  }
  return out;
}

std::string EscapeLike(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The version of `code` valid on `d`, with its row id, or kNotFound.
Result<std::pair<Unit, std::int64_t>> FindIn(Transaction& tx, const std::string& code, Date d) {
  const std::string ds = d.ToString();
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT " + Cols("u") + " FROM units u WHERE u.code = :c AND " +
                                            ValidFromSql("u"),
                                            {code, ds, ds}));
  if (rows.empty()) {
    return base::NotFound("no unit with that code on that date")
        .WithVi("Không có đơn vị với mã này vào ngày này")
        .WithMachineCode("not_found");
  }
  return std::make_pair(FromRow(rows[0]), rows[0].Int(7));
}

Status InsertVersion(Transaction& tx, const Unit& u) {
  PCMD_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO units (code, name, name_folded, level, type, parent_code, valid_from, "
              "valid_to) VALUES (:1, :2, :3, :4, :5, :6, :7, :8)",
              {u.code, u.name, base::FoldForSearch(u.name), u.level, u.type, u.parent_code,
               u.valid_from.ToString(),
               u.valid_to ? store::Param(u.valid_to->ToString()) : store::Param(std::nullopt)})
          .status());
  return Status::Ok();
}

Status CloseVersion(Transaction& tx, std::int64_t row_id, Date last_day) {
  return tx.Exec("UPDATE units SET valid_to = :1 WHERE row_id = :2", {last_day.ToString(), row_id})
      .status();
}

Status RecordLineage(Transaction& tx, Date effective, const std::string& kind,
                     const std::string& from, const std::optional<std::string>& to) {
  return tx.Exec("INSERT INTO unit_lineage (effective, kind, from_code, to_code, recorded_at) "
                 "VALUES (:1, :2, :3, :4, :5)",
                 {effective.ToString(), kind, from, to, base::NowIsoUtc()})
      .status();
}

Status CheckParent(Transaction& tx, const std::string& level,
                   const std::optional<std::string>& parent_code, Date on,
                   const std::string& field) {
  if (!parent_code) return Status::Ok();
  auto parent = FindIn(tx, *parent_code, on);
  base::Validation v;
  if (!parent.ok()) {
    v.Add(field, "not_found", "Không có đơn vị cấp trên với mã này vào ngày hiệu lực",
          "no parent unit with that code on the effective date");
  } else if (LevelRank(parent->first.level) >= LevelRank(level)) {
    v.Add(field, "invalid_level", "Đơn vị cấp trên phải ở cấp cao hơn",
          "the parent must be of a higher level");
  }
  return v.ToStatus();
}

Status EffectiveAfter(const Unit& current, Date effective) {
  if (effective <= current.valid_from) {
    base::Validation v;
    v.Add("effective", "too_early", "Ngày hiệu lực phải sau ngày bắt đầu của phiên bản hiện tại",
          "effective must be after the start of the current version");
    return v.ToStatus();
  }
  return Status::Ok();
}

// Valid children of `code` on `d`.
Result<Rows> ChildrenRows(Transaction& tx, const std::string& code, Date d) {
  const std::string ds = d.ToString();
  return tx.Query("SELECT " + Cols("u") + " FROM units u WHERE u.parent_code = :p AND " +
                      ValidFromSql("u") + " ORDER BY u.code",
                  {code, ds, ds});
}

}  // namespace

Result<UnitPage> UnitTree::List(const UnitQuery& q) const {
  UnitPage page;
  const std::string ds = q.date.ToString();
  std::string where = " FROM units u WHERE " + ValidFromSql("u");
  store::Params params = {ds, ds};
  if (q.level) {
    where += " AND u.level = :l";
    params.emplace_back(*q.level);
  }
  if (q.parent_code) {
    where += " AND u.parent_code = :p";
    params.emplace_back(*q.parent_code);
  }
  if (q.text) {
    const std::string folded = base::FoldForSearch(*q.text);
    where += " AND (u.name_folded LIKE :q ESCAPE '\\' OR u.code LIKE :qc ESCAPE '\\')";
    params.emplace_back("%" + EscapeLike(folded) + "%");
    params.emplace_back(EscapeLike(folded) + "%");
  }
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*)" + where, params));
    page.total = count.empty() ? 0 : count[0].Int(0);
    store::Params page_params = {ds, ds, ds, ds};
    page_params.insert(page_params.end(), params.begin(), params.end());
    page_params.emplace_back(q.limit);
    page_params.emplace_back(q.offset);
    PCMD_ASSIGN_OR_RETURN(
        Rows rows,
        tx.Query("SELECT " + Cols("u") +
                     ", (SELECT COUNT(*) FROM units c WHERE c.parent_code = u.code AND " +
                     ValidFromSql("c") + "), (SELECT p.name FROM units p WHERE p.code = u.parent_code AND " +
                     ValidFromSql("p") + ")" + where +
                     " ORDER BY CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 "
                     "END, u.code LIMIT :lim OFFSET :off",
                 page_params));
    for (const Row& r : rows) {
      Unit u = FromRow(r);
      u.child_count = r.Int(8);
      u.parent_name = r.Text(9);
      page.items.push_back(std::move(u));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return page;
}

Result<std::vector<std::string>> UnitTree::CodesBelow(const std::string& root,
                                                      const std::optional<std::string>& within) const {
  // Every version's parent (access::UnitScope reads the tree the same way): a unit is below
  // each unit any of its versions was under.
  PCMD_ASSIGN_OR_RETURN(auto versions, AllVersions(nullptr));
  std::set<std::pair<std::string, std::string>> edges;  // (parent, code)
  for (const auto& v : versions) edges.emplace(v.parent_code.value_or(""), v.code);
  std::multimap<std::string, std::string> children(edges.begin(), edges.end());
  auto below = [&](const std::string& top) {
    std::set<std::string> out;
    std::vector<std::string> todo;
    if (top == "VN") {
      for (const auto& v : versions) {
        if (!v.parent_code) todo.push_back(v.code);
      }
    } else {
      todo.push_back(top);
    }
    while (!todo.empty()) {
      std::string code = todo.back();
      todo.pop_back();
      if (!out.insert(code).second) continue;
      auto [b, e] = children.equal_range(code);
      for (auto it = b; it != e; ++it) todo.push_back(it->second);
    }
    return out;
  };
  std::set<std::string> scope = below(root);
  if (within) {
    // A filter above the root narrows to the root's subtree; one beside it, to nothing.
    std::set<std::string> both;
    for (const auto& code : below(*within)) {
      if (scope.count(code)) both.insert(code);
    }
    scope = std::move(both);
  }
  return std::vector<std::string>(scope.begin(), scope.end());
}

Result<std::string> UnitTree::Stamp() const {
  std::string stamp;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT COUNT(*), MAX(row_id) FROM units"));
    stamp = rows.empty() ? "0/" : rows[0].Text(0) + "/" + rows[0].Text(1);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return stamp;
}

Result<std::map<std::string, std::string>> UnitTree::LatestParents(std::string* stamp) const {
  std::map<std::string, std::string> parents;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*), MAX(row_id) FROM units"));
    if (stamp) *stamp = count.empty() ? "0/" : count[0].Text(0) + "/" + count[0].Text(1);
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query("SELECT code, parent_code FROM units ORDER BY code, valid_from"));
    for (const Row& r : rows) parents[r.Text(0)] = r.Text(1);  // the latest version wins
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return parents;
}

Result<Unit> UnitTree::Find(const std::string& code, Date date) const {
  Unit found;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto pair, FindIn(tx, code, date));
    found = std::move(pair.first);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return found;
}

Result<UnitDetail> UnitTree::Get(const std::string& code, Date date) const {
  UnitDetail detail;
  const std::string ds = date.ToString();
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto self, FindIn(tx, code, date));
    detail.unit = self.first;
    // Path to the root; the depth is bounded to survive a corrupt cycle.
    detail.path.push_back(self.first);
    std::optional<std::string> parent = self.first.parent_code;
    for (int depth = 0; parent && depth < 8; ++depth) {
      auto up = FindIn(tx, *parent, date);
      if (!up.ok()) break;
      detail.path.insert(detail.path.begin(), up->first);
      parent = up->first.parent_code;
    }
    PCMD_ASSIGN_OR_RETURN(Rows children, ChildrenRows(tx, code, date));
    for (const Row& r : children) detail.children.push_back(FromRow(r));
    PCMD_ASSIGN_OR_RETURN(
        Rows counts,
        tx.Query("WITH RECURSIVE d(code, level) AS ("
                 " SELECT u.code, u.level FROM units u WHERE u.parent_code = :p AND " +
                     ValidFromSql("u") +
                     " UNION ALL"
                     " SELECT u.code, u.level FROM units u JOIN d ON u.parent_code = d.code WHERE " +
                     ValidFromSql("u") + ") SELECT level, COUNT(*) FROM d GROUP BY level",
                 {code, ds, ds, ds, ds}));
    for (const Row& r : counts) detail.counts[r.Text(0)] = r.Int(1);
    for (auto& child : detail.children) {
      PCMD_ASSIGN_OR_RETURN(Rows grand, ChildrenRows(tx, child.code, date));
      child.child_count = static_cast<std::int64_t>(grand.size());
    }
    detail.unit.child_count = static_cast<std::int64_t>(detail.children.size());
    detail.path.back().child_count = detail.unit.child_count;
    PCMD_ASSIGN_OR_RETURN(Rows history,
                          tx.Query("SELECT " + Cols("u") +
                                       " FROM units u WHERE u.code = :c ORDER BY u.valid_from",
                                   {code}));
    for (const Row& r : history) detail.history.push_back(FromRow(r));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return detail;
}

Result<Unit> UnitTree::Create(const store::Actor& actor, const NewUnit& in, bool* created) {
  base::Validation v;
  CheckUnitFields(in.code, in.name, in.level, in.type, in.parent_code, "", v);
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  Unit unit{in.code, in.name, in.level, in.type, in.parent_code, in.valid_from, std::nullopt, 0};
  *created = false;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows existing,
                          tx.Query("SELECT " + Cols("u") +
                                       " FROM units u WHERE u.code = :c AND (u.valid_to IS NULL "
                                       "OR u.valid_to >= :d)",
                                   {in.code, in.valid_from.ToString()}));
    if (!existing.empty()) {
      Unit other = FromRow(existing[0]);
      if (existing.size() == 1 && other.name == in.name && other.level == in.level &&
          other.type == in.type && other.parent_code == in.parent_code &&
          other.valid_from == in.valid_from) {
        unit = other;
        return Status::Ok();  // the same unit sent again
      }
      return base::Conflict("a unit with this code is already valid on or after valid_from")
          .WithVi("Mã đơn vị này đã có hiệu lực vào hoặc sau ngày bắt đầu")
          .WithMachineCode("already_exists")
          .WithField({"code", "already_exists", "Mã đơn vị đã tồn tại", "code already exists"});
    }
    PCMD_RETURN_IF_ERROR(CheckParent(tx, in.level, in.parent_code, in.valid_from, "parent_code"));
    PCMD_RETURN_IF_ERROR(InsertVersion(tx, unit));
    PCMD_RETURN_IF_ERROR(RecordLineage(tx, in.valid_from, "create", in.code, std::nullopt));
    *created = true;
    return tx.AppendChange("unit", in.code, "create");
  });
  if (!s.ok()) return s;
  return unit;
}

Result<Unit> UnitTree::Change(const store::Actor& actor, const std::string& code,
                              const UnitChange& change) {
  Unit result;
  const Date last_day = change.effective.AddDays(-1);
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto current, FindIn(tx, code, change.effective));
    const auto& [unit, row_id] = current;
    PCMD_RETURN_IF_ERROR(EffectiveAfter(unit, change.effective));
    base::Validation v;
    Unit next = unit;
    next.valid_from = change.effective;
    next.valid_to.reset();
    switch (change.kind) {
      case UnitChange::Kind::kRename: {
        if (!change.name || change.name->empty()) {
          v.Add("name", "required", "Tên mới là bắt buộc", "name is required");
          return v.ToStatus();
        }
        next.name = *change.name;
        if (change.type) next.type = *change.type;
        CheckUnitFields(next.code, next.name, next.level, next.type, next.parent_code, "", v);
        PCMD_RETURN_IF_ERROR(v.ToStatus());
        PCMD_RETURN_IF_ERROR(CloseVersion(tx, row_id, last_day));
        PCMD_RETURN_IF_ERROR(InsertVersion(tx, next));
        PCMD_RETURN_IF_ERROR(RecordLineage(tx, change.effective, "rename", code, code));
        result = next;
        break;
      }
      case UnitChange::Kind::kMove: {
        if (!change.parent_code) {
          v.Add("parent_code", "required", "Đơn vị cấp trên mới là bắt buộc",
                "parent_code is required");
          return v.ToStatus();
        }
        next.parent_code = *change.parent_code;
        PCMD_RETURN_IF_ERROR(
            CheckParent(tx, next.level, next.parent_code, change.effective, "parent_code"));
        PCMD_RETURN_IF_ERROR(CloseVersion(tx, row_id, last_day));
        PCMD_RETURN_IF_ERROR(InsertVersion(tx, next));
        PCMD_RETURN_IF_ERROR(RecordLineage(tx, change.effective, "move", code, code));
        result = next;
        break;
      }
      case UnitChange::Kind::kMerge:
      case UnitChange::Kind::kSplit: {
        const bool merge = change.kind == UnitChange::Kind::kMerge;
        if (change.into.empty() || (merge && change.into.size() != 1)) {
          v.Add("into", "required",
                merge ? "Cần đúng một đơn vị nhận sáp nhập" : "Cần ít nhất một đơn vị kế thừa",
                merge ? "into must name exactly one surviving unit"
                      : "into must name at least one successor");
          return v.ToStatus();
        }
        std::set<std::string> seen;
        for (const auto& succ : change.into) {
          auto target = FindIn(tx, succ, change.effective);
          if (succ == code || !seen.insert(succ).second || !target.ok() ||
              target->first.level != unit.level) {
            v.Add("into", "invalid_value",
                  "Đơn vị kế thừa phải khác đơn vị này, cùng cấp và có hiệu lực vào ngày đó",
                  "each successor must be another unit of the same level valid on that date");
            return v.ToStatus();
          }
        }
        PCMD_ASSIGN_OR_RETURN(Rows children, ChildrenRows(tx, code, change.effective));
        if (!merge && !children.empty()) {
          v.Add("into", "has_children", "Hãy chuyển các đơn vị cấp dưới trước khi chia tách",
                "move the units below before splitting");
          return v.ToStatus();
        }
        // A merge hands the absorbed unit's children to the survivor.
        for (const Row& r : children) {
          Unit child = FromRow(r);
          PCMD_RETURN_IF_ERROR(CloseVersion(tx, r.Int(7), last_day));
          child.valid_from = change.effective;
          child.valid_to.reset();
          child.parent_code = change.into[0];
          PCMD_RETURN_IF_ERROR(InsertVersion(tx, child));
          PCMD_RETURN_IF_ERROR(RecordLineage(tx, change.effective, "move", child.code, child.code));
          PCMD_RETURN_IF_ERROR(tx.AppendChange("unit", child.code, "update"));
        }
        PCMD_RETURN_IF_ERROR(CloseVersion(tx, row_id, last_day));
        for (const auto& succ : change.into) {
          PCMD_RETURN_IF_ERROR(
              RecordLineage(tx, change.effective, merge ? "merge" : "split", code, succ));
        }
        result = unit;
        result.valid_to = last_day;
        break;
      }
      case UnitChange::Kind::kClose: {
        PCMD_ASSIGN_OR_RETURN(Rows children, ChildrenRows(tx, code, change.effective));
        if (!children.empty()) {
          v.Add("change", "has_children", "Không thể giải thể đơn vị còn đơn vị cấp dưới",
                "a unit with units below cannot be closed");
          return v.ToStatus();
        }
        PCMD_RETURN_IF_ERROR(CloseVersion(tx, row_id, last_day));
        PCMD_RETURN_IF_ERROR(RecordLineage(tx, change.effective, "close", code, std::nullopt));
        result = unit;
        result.valid_to = last_day;
        break;
      }
    }
    return tx.AppendChange("unit", code, "update");
  });
  if (!s.ok()) return s;
  return result;
}

Result<ImportReport> UnitTree::Import(const store::Actor& actor, const std::vector<UnitRow>& rows,
                                      Date effective, const std::set<std::string>& merged_provinces) {
  ImportReport report;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    return ImportIn(tx, rows, effective, merged_provinces, report);
  });
  if (!s.ok()) return s;
  return report;
}

Status UnitTree::ImportIn(Transaction& tx, const std::vector<UnitRow>& rows, Date effective,
                          const std::set<std::string>& merged_provinces, ImportReport& report) {
  const Date last_day = effective.AddDays(-1);
  const std::string ds = effective.ToString();
  // Everything valid on the effective date, by code.
  PCMD_ASSIGN_OR_RETURN(Rows current,
                        tx.Query("SELECT " + Cols("u") + " FROM units u WHERE " + ValidFromSql("u"),
                                 {ds, ds}));
  std::map<std::string, std::pair<Unit, std::int64_t>> valid;
  for (const Row& r : current) valid[r.Text(0)] = {FromRow(r), r.Int(7)};

  std::set<std::string> in_file, provinces;
  std::map<std::string, std::string> file_level;
  for (const UnitRow& row : rows) file_level[row.code] = row.level;
  base::Validation v;
  for (const UnitRow& row : rows) {
    const std::string at = "line " + std::to_string(row.line) + ": ";
    if (!in_file.insert(row.code).second) {
      v.Add(at + "code", "duplicate", "Mã đơn vị bị lặp trong tệp", "code appears twice in the file");
    }
    if (row.level == "province") provinces.insert(row.code);
    if (row.parent_code) {
      std::string parent_level;
      if (auto f = file_level.find(*row.parent_code); f != file_level.end()) {
        parent_level = f->second;
      } else if (auto c = valid.find(*row.parent_code); c != valid.end()) {
        parent_level = c->second.first.level;
      }
      if (parent_level.empty()) {
        v.Add(at + "parent_code", "not_found", "Không có đơn vị cấp trên với mã này",
              "no parent unit with that code");
      } else if (LevelRank(parent_level) >= LevelRank(row.level)) {
        v.Add(at + "parent_code", "invalid_level", "Đơn vị cấp trên phải ở cấp cao hơn",
              "the parent must be of a higher level");
      }
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());

  for (const UnitRow& row : rows) {
    Unit next{row.code, row.name, row.level, row.type, row.parent_code, effective, std::nullopt, 0};
    auto it = valid.find(row.code);
    if (it == valid.end()) {
      PCMD_RETURN_IF_ERROR(InsertVersion(tx, next));
      PCMD_RETURN_IF_ERROR(RecordLineage(tx, effective, "create", row.code, std::nullopt));
      PCMD_RETURN_IF_ERROR(tx.AppendChange("unit", row.code, "create"));
      ++report.added;
      continue;
    }
    const Unit& old = it->second.first;
    if (old.name == row.name && old.level == row.level && old.type == row.type &&
        old.parent_code == row.parent_code) {
      ++report.unchanged;
      continue;
    }
    if (old.valid_from == effective) {
      PCMD_RETURN_IF_ERROR(
          tx.Exec("UPDATE units SET name = :1, name_folded = :2, level = :3, type = :4, "
                  "parent_code = :5 WHERE row_id = :6",
                  {row.name, base::FoldForSearch(row.name), row.level, row.type, row.parent_code,
                   it->second.second})
              .status());
    } else {
      PCMD_RETURN_IF_ERROR(CloseVersion(tx, it->second.second, last_day));
      PCMD_RETURN_IF_ERROR(InsertVersion(tx, next));
    }
    PCMD_RETURN_IF_ERROR(tx.AppendChange("unit", row.code, "update"));
    ++report.changed;
  }

  // Units of the file's provinces that the file no longer lists are closed.
  auto province_of = [&](const std::string& code) -> std::string {
    std::string c = code;
    for (int depth = 0; depth < 8; ++depth) {
      auto it = valid.find(c);
      if (it == valid.end() || !it->second.first.parent_code) return c;
      c = *it->second.first.parent_code;
    }
    return c;
  };
  provinces.insert(merged_provinces.begin(), merged_provinces.end());
  for (const auto& [code, entry] : valid) {
    if (in_file.count(code) || entry.first.valid_from >= effective) continue;
    if (!provinces.count(province_of(code))) continue;
    PCMD_RETURN_IF_ERROR(CloseVersion(tx, entry.second, last_day));
    PCMD_RETURN_IF_ERROR(RecordLineage(tx, effective, "close", code, std::nullopt));
    PCMD_RETURN_IF_ERROR(tx.AppendChange("unit", code, "close"));
    ++report.closed;
  }
  return Status::Ok();
}

std::vector<store::Migration> UnitMigrations() {
  const std::string units_common =
      "code TEXT NOT NULL, name TEXT NOT NULL, name_folded TEXT NOT NULL, level TEXT NOT NULL, "
      "type TEXT NOT NULL, parent_code TEXT, valid_from TEXT NOT NULL, valid_to TEXT, "
      "UNIQUE (code, valid_from))";
  const std::string lineage_common =
      "effective TEXT NOT NULL, kind TEXT NOT NULL, from_code TEXT NOT NULL, to_code TEXT, "
      "source TEXT, recorded_at TEXT NOT NULL)";
  const std::string indexes =
      ";\nCREATE INDEX units_parent ON units (parent_code, valid_from);\n"
      "CREATE INDEX units_code ON units (code, valid_from);\n"
      "CREATE INDEX units_level ON units (level);\n"
      "CREATE INDEX unit_lineage_from ON unit_lineage (from_code);\n"
      "CREATE INDEX unit_lineage_to ON unit_lineage (to_code)";
  return {{100, "units",
           "CREATE TABLE units (row_id INTEGER PRIMARY KEY AUTOINCREMENT, " + units_common +
               ";\nCREATE TABLE unit_lineage (id INTEGER PRIMARY KEY AUTOINCREMENT, " +
               lineage_common + indexes,
           "CREATE TABLE units (row_id BIGSERIAL PRIMARY KEY, " + units_common +
               ";\nCREATE TABLE unit_lineage (id BIGSERIAL PRIMARY KEY, " + lineage_common +
               indexes},
          // The rows of change files (unit_lineage.cc): names as the file gives them, whether an
          // officer must still confirm the row, the receiving unit as imported (a correction
          // changes to_code; re-importing the file must not add the row again), who confirmed.
          {101, "unit_lineage_confirmation",
           "ALTER TABLE unit_lineage ADD COLUMN from_name TEXT NOT NULL DEFAULT '';\n"
           "ALTER TABLE unit_lineage ADD COLUMN to_name TEXT NOT NULL DEFAULT '';\n"
           "ALTER TABLE unit_lineage ADD COLUMN status TEXT NOT NULL DEFAULT 'confirmed';\n"
           "ALTER TABLE unit_lineage ADD COLUMN imported_to TEXT NOT NULL DEFAULT '';\n"
           "ALTER TABLE unit_lineage ADD COLUMN confirmed_by TEXT;\n"
           "ALTER TABLE unit_lineage ADD COLUMN confirmed_at TEXT;\n"
           "CREATE INDEX unit_lineage_effective ON unit_lineage (effective, from_code)",
           ""}};
}

}  // namespace pcmd::units
