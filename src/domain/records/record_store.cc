#include "domain/records/record_store.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/id.h"
#include "base/text.h"
#include "domain/records/period_locks.h"
#include "domain/records/record_store_internal.h"

namespace pcmd::records {
namespace internal {

std::vector<std::string> AssigneesOf(const RecordType& type, const Values& values) {
  if (type.assignee_field.empty()) return {};
  auto it = values.find(type.assignee_field);
  if (it == values.end()) return {};
  if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) return *l;
  return {};
}

Record FromRow(const store::Row& r) {
  using base::Date;
  Record rec;
  rec.id = r.Text(0);
  rec.type = r.Text(1);
  rec.unit_code = r.Text(2);
  rec.date = Date::Parse(r.Text(3)).value_or(Date());
  rec.values = DecodeValues(r.Text(4));
  rec.version = r.Int(5);
  rec.created_at = r.Text(6);
  rec.updated_at = r.Text(7);
  rec.created_by = r.Text(8);
  rec.updated_by = r.Text(9);
  rec.is_deleted = !r.IsNull(10);
  return rec;
}

base::Status WriteHistory(store::Transaction& tx, const Record& r, const std::string& op) {
  return tx.Exec("INSERT INTO record_history (record_id, version, op, unit_code, record_date, data, "
                 "changed_at, changed_by) VALUES (:1, :2, :3, :4, :5, :6, :7, :8)",
                 {r.id, r.version, op, r.unit_code, r.date.ToString(), EncodeValues(r.values),
                  r.updated_at, r.updated_by})
      .status();
}

std::string SearchText(const RecordType& type, const Values& values) {
  std::string text;
  for (const auto& f : type.fields) {
    if (f.kind != FieldKind::kText) continue;
    auto it = values.find(f.name);
    if (it == values.end()) continue;
    if (const auto* s = std::get_if<std::string>(&it->second)) text += " " + base::FoldForSearch(*s);
  }
  return text;
}

bool IsEmpty(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return true;
  if (const auto* s = std::get_if<std::string>(&v)) return s->empty();
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return l->empty();
  return false;
}

}  // namespace internal

namespace {

using base::Date;
using base::Result;
using base::Status;
using internal::AssigneesOf;
using internal::FromRow;
using internal::IsEmpty;
using internal::kCols;
using internal::SearchText;
using internal::WriteHistory;
using store::Row;
using store::Rows;
using store::Transaction;

Status NotFoundRecord() {
  return base::NotFound("no such record").WithVi("Không tìm thấy bản ghi").WithMachineCode("not_found");
}

// Stores a new record's first version: the row, its history entry and the change.
Status InsertNew(Transaction& tx, const RecordType& type, const Record& rec) {
  PCMD_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO records (id, type, unit_code, record_date, data, search_text, version, "
              "created_at, updated_at, created_by, updated_by, deleted_at) "
              "VALUES (:1, :2, :3, :4, :5, :6, 1, :7, :8, :9, :10, NULL)",
              {rec.id, rec.type, rec.unit_code, rec.date.ToString(), EncodeValues(rec.values),
               SearchText(type, rec.values), rec.created_at, rec.updated_at, rec.created_by,
               rec.updated_by})
          .status());
  PCMD_RETURN_IF_ERROR(WriteHistory(tx, rec, "create"));
  return tx.AppendChange(type.id, rec.id, "create");
}

Result<std::optional<Record>> Load(Transaction& tx, const std::string& type, const std::string& id) {
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols +
                                                " FROM records WHERE id = :1 AND type = :2",
                                            {id, type}));
  if (rows.empty()) return std::optional<Record>();
  return std::optional<Record>(FromRow(rows[0]));
}

}  // namespace

Result<std::optional<Record>> RecordStore::FindForImport(const RecordType& type,
                                                        const std::string& id) const {
  std::optional<Record> rec;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols + " FROM records WHERE id = :1",
                                              {id}));
    if (!rows.empty()) rec = FromRow(rows[0]);
    return Status::Ok();
  }));
  (void)type;
  return rec;
}

Result<std::vector<std::string>> RecordStore::UnitsInScope(
    const access::Subject& subject, const std::optional<std::string>& unit) const {
  return units_.CodesBelow(subject.unit_code, unit);
}

bool RecordStore::MayCreateAt(const access::Subject& subject, const RecordType& type,
                              const std::string& unit_code, const Values& values) const {
  return policy_.Allows(subject, access::Action::kCreate, {type.resource, unit_code, AssigneesOf(type, values)});
}

Result<Record> RecordStore::Create(const access::Subject& subject, const store::Actor& actor,
                                   const RecordType& type, const NewRecord& in, bool* created) {
  *created = false;
  if (access::Policy::ScopeOf(subject.role, type.resource, access::Action::kCreate) ==
      access::Scope::kNone) {
    return base::PermissionDenied("your role may not create this record type");
  }
  // A unit that does not exist is reported by Validate as not found; one that exists
  // outside the caller's units is out of scope.
  if (!in.unit_code.empty() && units_.Find(in.unit_code, in.date).ok() &&
      !policy_.Allows(subject, access::Action::kCreate, {type.resource, in.unit_code, AssigneesOf(type, in.values)})) {
    return base::Validation::Fail("unit", "out_of_scope", "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
                                  "the unit must be your unit or a unit below it");
  }
  if (in.id && !base::IsUuid(*in.id)) {
    return base::Validation::Fail("id", "invalid_format", "Mã bản ghi phải là UUID",
                                  "id must be a UUID");
  }
  PCMD_RETURN_IF_ERROR(Validate(type, in.unit_code, in.date, in.values, &subject));
  Record rec;
  rec.id = in.id ? *in.id : base::NewUuid();
  for (auto& c : rec.id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.same_as && !in.is_duplicate_confirmed) {
    PCMD_ASSIGN_OR_RETURN(auto duplicates, FindDuplicates(subject, type, in.unit_code, in.values, rec.id));
    if (!duplicates.empty()) {
      base::Validation v;
      for (const auto& d : duplicates) {
        const FieldSpec* f = type.Field(d.field);
        const std::string label_vi = f ? f->label_vi : d.field, label_en = f ? f->label_en : d.field;
        v.Add(d.field, "possible_duplicate", label_vi + ": có thể trùng với bản ghi đã có (mã " + d.record.id + ")",
              label_en + ": likely the same as the stored record " + d.record.id);
      }
      return v.ToStatus().WithMachineCode("possible_duplicate");
    }
  }
  rec.type = type.id;
  rec.unit_code = in.unit_code;
  rec.date = in.date;
  for (const auto& [k, v] : in.values) {
    if (!IsEmpty(v)) rec.values[k] = v;
  }
  rec.version = 1;
  rec.created_at = rec.updated_at = base::NowIsoUtc();
  rec.created_by = rec.updated_by = actor.id;
  PCMD_ASSIGN_OR_RETURN(auto covering, CoveringUnits(units_, rec.unit_code, rec.date));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows existing, tx.Query(std::string("SELECT ") + kCols +
                                                      " FROM records WHERE id = :1",
                                                  {rec.id}));
    if (!existing.empty()) {
      Record old = FromRow(existing[0]);
      if (old.type == rec.type && old.unit_code == rec.unit_code && old.date == rec.date &&
          EncodeValues(old.values) == EncodeValues(rec.values) && !old.is_deleted) {
        rec = old;  // the same record sent again
        return Status::Ok();
      }
      return base::Conflict("a different record already has this id")
          .WithVi("Mã bản ghi đã được dùng cho một bản ghi khác")
          .WithMachineCode("id_conflict");
    }
    PCMD_RETURN_IF_ERROR(CheckPeriodOpen(tx, covering, rec.date));
    PCMD_RETURN_IF_ERROR(InsertNew(tx, type, rec));
    *created = true;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return rec;
}

Result<std::pair<int, int>> RecordStore::CreateBatch(const access::Subject& subject,
                                                     const store::Actor& actor,
                                                     const RecordType& type,
                                                     const std::vector<ImportRow>& rows) {
  for (const auto& row : rows) {
    if (!policy_.Allows(subject, access::Action::kCreate, {type.resource, row.record.unit_code, AssigneesOf(type, row.record.values)})) {
      return base::Validation::Fail("line " + std::to_string(row.line) + ": unit", "out_of_scope",
                                    "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
                                    "the unit must be your unit or a unit below it");
    }
  }
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> covering;
  for (const auto& row : rows) {
    auto& units = covering[{row.record.unit_code, row.record.date.ToString()}];
    if (units.empty()) {
      PCMD_ASSIGN_OR_RETURN(units, CoveringUnits(units_, row.record.unit_code, row.record.date));
    }
  }
  int created = 0, unchanged = 0;
  const std::string now = base::NowIsoUtc();
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    created = unchanged = 0;
    for (const auto& row : rows) {
      Record rec;
      rec.id = *row.record.id;
      rec.type = type.id;
      rec.unit_code = row.record.unit_code;
      rec.date = row.record.date;
      for (const auto& [k, v] : row.record.values) {
        if (!IsEmpty(v)) rec.values[k] = v;
      }
      rec.version = 1;
      rec.created_at = rec.updated_at = now;
      rec.created_by = rec.updated_by = actor.id;
      PCMD_ASSIGN_OR_RETURN(auto existing, Load(tx, type.id, rec.id));
      if (existing) {
        if (existing->unit_code == rec.unit_code && existing->date == rec.date &&
            EncodeValues(existing->values) == EncodeValues(rec.values) && !existing->is_deleted) {
          ++unchanged;
          continue;
        }
        return base::Conflict("line " + std::to_string(row.line) + ": a different record has this id")
            .WithVi("Dòng " + std::to_string(row.line) + ": mã bản ghi đã được dùng cho bản ghi khác")
            .WithMachineCode("id_conflict");
      }
      Status open = CheckPeriodOpen(tx, covering[{rec.unit_code, rec.date.ToString()}], rec.date);
      if (!open.ok()) {
        return open.WithVi("Dòng " + std::to_string(row.line) + ": " + open.message_vi());
      }
      PCMD_RETURN_IF_ERROR(InsertNew(tx, type, rec));
      ++created;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::make_pair(created, unchanged);
}

Result<Record> RecordStore::Get(const access::Subject& subject, const RecordType& type,
                                const std::string& id) const {
  std::optional<Record> rec;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(rec, Load(tx, type.id, id));
    return Status::Ok();
  }));
  if (!rec || rec->is_deleted ||
      !policy_.Allows(subject, access::Action::kRead, {type.resource, rec->unit_code, AssigneesOf(type, rec->values)})) {
    return NotFoundRecord();
  }
  return *rec;
}

Result<RecordPage> RecordStore::List(const access::Subject& subject, const RecordType& type,
                                     const RecordQuery& q) const {
  if (access::Policy::ScopeOf(subject.role, type.resource, access::Action::kRead) ==
      access::Scope::kNone) {
    return base::PermissionDenied("your role may not read this record type");
  }
  std::string where = " FROM records WHERE type = :t AND deleted_at IS NULL";
  store::Params params = {type.id};
  if (subject.unit_code != "VN" || q.unit) {
    PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, q.unit));
    if (units.empty()) return RecordPage{};
    where += " AND unit_code IN (";
    for (std::size_t i = 0; i < units.size(); ++i) {
      where += (i ? ", :u" : ":u") + std::to_string(i);
      params.emplace_back(units[i]);
    }
    where += ")";
  }
  if (q.from) {
    where += " AND record_date >= :f";
    params.emplace_back(q.from->ToString());
  }
  if (q.to) {
    where += " AND record_date <= :e";
    params.emplace_back(q.to->ToString());
  }
  if (q.text) {
    std::string folded;
    for (char c : base::FoldForSearch(*q.text)) {
      if (c == '%' || c == '_' || c == '\\') folded += '\\';
      folded += c;
    }
    where += " AND search_text LIKE :q ESCAPE '\\'";
    params.emplace_back("%" + folded + "%");
  }
  const bool is_assigned_only =
      access::Policy::ScopeOf(subject.role, type.resource, access::Action::kRead) == access::Scope::kAssigned;
  if (is_assigned_only && type.assignee_field.empty()) return RecordPage{};
  RecordPage page;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    std::string filter = where;
    store::Params p = params;
    if (is_assigned_only) {
      // Only the records whose assignee list names the caller.
      filter += tx.engine() == store::Engine::kSqlite
                    ? " AND EXISTS (SELECT 1 FROM json_each(data, '$." + type.assignee_field + "') WHERE value = :a)"
                    : " AND jsonb_exists(data::jsonb -> '" + type.assignee_field + "', :a)";
      p.emplace_back(subject.account_id);
    }
    for (const auto& [field, code] : q.equals) {
      const FieldSpec* f = type.Field(field);
      if (!f || (f->kind != FieldKind::kCode && f->kind != FieldKind::kRef)) continue;
      filter += tx.engine() == store::Engine::kSqlite
                    ? " AND json_extract(data, '$." + field + "') = :c"
                    : " AND (data::jsonb ->> '" + field + "') = :c";
      p.emplace_back(code);
    }
    PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*)" + filter, p));
    page.total = count.empty() ? 0 : count[0].Int(0);
    p.emplace_back(q.limit);
    p.emplace_back(q.offset);
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols + filter +
                                                  " ORDER BY record_date DESC, created_at DESC, id "
                                                  "LIMIT :l OFFSET :o",
                                              p));
    for (const auto& r : rows) page.items.push_back(FromRow(r));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return page;
}

Result<Record> RecordStore::Update(const access::Subject& subject, const store::Actor& actor,
                                   const RecordType& type, const std::string& id,
                                   const RecordPatch& patch) {
  PCMD_ASSIGN_OR_RETURN(Record current, Get(subject, type, id));
  if (!policy_.Allows(subject, access::Action::kUpdate, {type.resource, current.unit_code, AssigneesOf(type, current.values)})) {
    return NotFoundRecord();
  }
  Record next = current;
  if (patch.unit_code) next.unit_code = *patch.unit_code;
  if (patch.date) next.date = *patch.date;
  for (const auto& [k, v] : patch.values) {
    if (IsEmpty(v)) {
      next.values.erase(k);
    } else {
      next.values[k] = v;
    }
  }
  if (next.unit_code != current.unit_code && units_.Find(next.unit_code, next.date).ok() &&
      !policy_.Allows(subject, access::Action::kUpdate, {type.resource, next.unit_code, AssigneesOf(type, next.values)})) {
    return base::Validation::Fail("unit", "out_of_scope", "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
                                  "the unit must be your unit or a unit below it");
  }
  if (next.unit_code == current.unit_code && !type.assignee_field.empty() &&
      !policy_.Allows(subject, access::Action::kUpdate, {type.resource, next.unit_code, AssigneesOf(type, next.values)})) {
    // A role that reaches only the records assigned to it cannot give one away.
    return base::Validation::Fail(type.assignee_field, "out_of_scope",
                                  "Bản ghi phải vẫn được giao cho chính mình",
                                  "the record must stay assigned to you");
  }
  base::Validation unknown;
  for (const auto& [k, v] : patch.values) {
    if (!type.Field(k)) unknown.Add(k, "unknown_field", "Trường " + k + " không được hỗ trợ",
                                    k + " is not a field of this record type");
  }
  PCMD_RETURN_IF_ERROR(unknown.ToStatus());
  PCMD_RETURN_IF_ERROR(Validate(type, next.unit_code, next.date, next.values, &subject, &current.values));
  next.version = current.version + 1;
  next.updated_at = base::NowIsoUtc();
  next.updated_by = actor.id;
  PCMD_ASSIGN_OR_RETURN(auto covering_before, CoveringUnits(units_, current.unit_code, current.date));
  PCMD_ASSIGN_OR_RETURN(auto covering_after, CoveringUnits(units_, next.unit_code, next.date));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(CheckPeriodOpen(tx, covering_before, current.date));
    PCMD_RETURN_IF_ERROR(CheckPeriodOpen(tx, covering_after, next.date));
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("UPDATE records SET unit_code = :1, record_date = :2, data = :3, "
                                  "search_text = :4, version = :5, updated_at = :6, updated_by = :7 "
                                  "WHERE id = :8 AND version = :9 AND deleted_at IS NULL",
                                  {next.unit_code, next.date.ToString(), EncodeValues(next.values),
                                   SearchText(type, next.values), next.version, next.updated_at,
                                   next.updated_by, id, patch.version}));
    if (changed == 0) {
      return base::Conflict("the record was changed by someone else; reload it")
          .WithVi("Bản ghi đã được người khác sửa; hãy tải lại")
          .WithMachineCode("stale_version");
    }
    PCMD_RETURN_IF_ERROR(WriteHistory(tx, next, "update"));
    return tx.AppendChange(type.id, id, "update");
  });
  if (!s.ok()) return s;
  return next;
}

Result<Record> RecordStore::Delete(const access::Subject& subject, const store::Actor& actor,
                                   const RecordType& type, const std::string& id,
                                   std::int64_t version) {
  PCMD_ASSIGN_OR_RETURN(Record current, Get(subject, type, id));
  if (!policy_.Allows(subject, access::Action::kDelete, {type.resource, current.unit_code, AssigneesOf(type, current.values)})) {
    return NotFoundRecord();
  }
  Record gone = current;
  gone.version = current.version + 1;
  gone.updated_at = base::NowIsoUtc();
  gone.updated_by = actor.id;
  gone.is_deleted = true;
  PCMD_ASSIGN_OR_RETURN(auto covering, CoveringUnits(units_, current.unit_code, current.date));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(CheckPeriodOpen(tx, covering, current.date));
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("UPDATE records SET deleted_at = :1, version = :2, updated_at = :3, "
                                  "updated_by = :4 WHERE id = :5 AND version = :6 AND deleted_at IS NULL",
                                  {gone.updated_at, gone.version, gone.updated_at, gone.updated_by, id,
                                   version}));
    if (changed == 0) {
      return base::Conflict("the record was changed by someone else; reload it")
          .WithVi("Bản ghi đã được người khác sửa; hãy tải lại")
          .WithMachineCode("stale_version");
    }
    PCMD_RETURN_IF_ERROR(WriteHistory(tx, gone, "delete"));
    return tx.AppendChange(type.id, id, "delete");
  });
  if (!s.ok()) return s;
  return gone;
}

Result<std::vector<RecordVersion>> RecordStore::History(const access::Subject& subject,
                                                        const RecordType& type,
                                                        const std::string& id) const {
  // A deleted record keeps its history, readable by those who could read the record.
  std::optional<Record> found;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(found, Load(tx, type.id, id));
    return Status::Ok();
  }));
  if (!found || !policy_.Allows(subject, access::Action::kRead, {type.resource, found->unit_code, AssigneesOf(type, found->values)})) {
    return NotFoundRecord();
  }
  const Record current = *found;
  std::vector<RecordVersion> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT version, op, unit_code, record_date, data, "
                                              "changed_at, changed_by FROM record_history WHERE "
                                              "record_id = :1 ORDER BY version",
                                              {current.id}));
    for (const auto& r : rows) {
      RecordVersion v;
      v.version = r.Int(0);
      v.op = r.Text(1);
      v.changed_at = r.Text(5);
      v.changed_by = r.Text(6);
      v.record = current;
      v.record.version = v.version;
      v.record.updated_at = v.changed_at;
      v.record.updated_by = v.changed_by;
      v.record.unit_code = r.Text(2);
      v.record.date = Date::Parse(r.Text(3)).value_or(Date());
      v.record.values = DecodeValues(r.Text(4));
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace pcmd::records
