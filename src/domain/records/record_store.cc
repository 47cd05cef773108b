#include "domain/records/record_store.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/id.h"
#include "base/text.h"

namespace pcmd::records {
namespace {

// The accounts a record is assigned to (its type's assignee field), for the policy.
std::vector<std::string> AssigneesOf(const RecordType& type, const Values& values) {
  if (type.assignee_field.empty()) return {};
  auto it = values.find(type.assignee_field);
  if (it == values.end()) return {};
  if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) return *l;
  return {};
}

using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

constexpr const char* kCols =
    "id, type, unit_code, record_date, data, version, created_at, updated_at, created_by, "
    "updated_by, deleted_at";

Record FromRow(const Row& r) {
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

Status NotFoundRecord() {
  return base::NotFound("no such record").WithVi("Không tìm thấy bản ghi").WithMachineCode("not_found");
}

// The folded text of the text fields, for search.
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

Status WriteHistory(Transaction& tx, const Record& r, const std::string& op) {
  return tx.Exec("INSERT INTO record_history (record_id, version, op, unit_code, record_date, data, "
                 "changed_at, changed_by) VALUES (:1, :2, :3, :4, :5, :6, :7, :8)",
                 {r.id, r.version, op, r.unit_code, r.date.ToString(), EncodeValues(r.values),
                  r.updated_at, r.updated_by})
      .status();
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

Status RecordStore::Validate(const RecordType& type, const std::string& unit_code, Date date,
                             const Values& values, const access::Subject* subject) const {
  base::Validation v;
  if (unit_code.empty()) {
    v.Add("unit", "required", "Đơn vị là bắt buộc", "unit is required");
  } else {
    auto unit = units_.Find(unit_code, date);
    auto closed = unit.ok() ? base::Status::Ok() : units_.CheckNotClosed(unit_code, date);
    if (!closed.ok() && !closed.fields().empty()) {
      v.Add("unit", closed.fields()[0].code, closed.fields()[0].message_vi, closed.fields()[0].message_en);
    } else if (!unit.ok()) {
      v.Add("unit", "not_found", "Không có đơn vị với mã này vào ngày của bản ghi",
            "no unit with that code on the record's date");
    } else {
      bool level_ok = false;
      for (const auto& level : type.unit_levels) level_ok |= unit->level == level;
      if (!level_ok) {
        v.Add("unit", "invalid_level", "Loại bản ghi này không ghi cho cấp đơn vị này",
              "this record type is not recorded at this unit level");
      }
    }
  }
  for (const auto& [name, value] : values) {
    if (!type.Field(name)) {
      v.Add(name, "unknown_field", "Trường " + name + " không được hỗ trợ",
            name + " is not a field of this record type");
    }
  }
  for (const FieldSpec& f : type.fields) {
    auto it = values.find(f.name);
    const bool missing = it == values.end() || IsEmpty(it->second);
    if (missing) {
      if (f.required) {
        v.Add(f.name, "required", f.label_vi + " là bắt buộc", f.label_en + " is required");
      }
      continue;
    }
    const Value& value = it->second;
    auto wrong_type = [&] {
      v.Add(f.name, "invalid_type", f.label_vi + ": kiểu dữ liệu không đúng", f.label_en + ": wrong type");
    };
    switch (f.kind) {
      case FieldKind::kText:
      case FieldKind::kUrl: {
        const auto* s = std::get_if<std::string>(&value);
        if (!s) { wrong_type(); break; }
        if (!base::IsValidUtf8(*s) || base::Utf8Length(*s) > static_cast<std::size_t>(f.max_length)) {
          v.Add(f.name, "too_long", f.label_vi + " dài tối đa " + std::to_string(f.max_length) + " ký tự",
                f.label_en + " must be at most " + std::to_string(f.max_length) + " characters");
        } else if (f.kind == FieldKind::kUrl && s->rfind("https://", 0) != 0 && s->rfind("http://", 0) != 0) {
          v.Add(f.name, "invalid_format", f.label_vi + " phải bắt đầu bằng http:// hoặc https://",
                f.label_en + " must start with http:// or https://");
        }
        break;
      }
      case FieldKind::kInteger: {
        const auto* i = std::get_if<std::int64_t>(&value);
        if (!i) { wrong_type(); break; }
        if (*i < f.min || *i > f.max) {
          v.Add(f.name, "out_of_range",
                f.label_vi + " phải từ " + std::to_string(f.min) + " đến " + std::to_string(f.max),
                f.label_en + " must be from " + std::to_string(f.min) + " to " + std::to_string(f.max));
        }
        break;
      }
      case FieldKind::kDate: {
        const auto* s = std::get_if<std::string>(&value);
        if (!s) { wrong_type(); break; }
        if (!Date::Parse(*s).ok()) {
          v.Add(f.name, "invalid_date", f.label_vi + " phải là ngày có thật dạng YYYY-MM-DD",
                f.label_en + " must be a real date YYYY-MM-DD");
        }
        break;
      }
      case FieldKind::kCode:
      case FieldKind::kCodes: {
        std::vector<std::string> codes;
        if (const auto* s = std::get_if<std::string>(&value); s && f.kind == FieldKind::kCode) {
          codes.push_back(*s);
        } else if (const auto* l = std::get_if<std::vector<std::string>>(&value); l && f.kind == FieldKind::kCodes) {
          codes = *l;
        } else {
          wrong_type();
          break;
        }
        for (const auto& code : codes) {
          auto active = code_lists_.IsActive(f.code_list, code);
          if (!active.ok() || !*active) {
            v.Add(f.name, "invalid_code", f.label_vi + ": mã '" + code + "' không có trong danh mục",
                  f.label_en + ": code '" + code + "' is not in the list");
            break;
          }
        }
        break;
      }
      case FieldKind::kBool:
        if (!std::holds_alternative<bool>(value)) wrong_type();
        break;
      case FieldKind::kUnit: {
        const auto* s = std::get_if<std::string>(&value);
        if (!s) { wrong_type(); break; }
        if (!units_.Find(*s, date).ok()) {
          v.Add(f.name, "not_found", f.label_vi + ": không có đơn vị với mã này",
                f.label_en + ": no unit with that code");
        }
        break;
      }
      case FieldKind::kRef: {
        const auto* s = std::get_if<std::string>(&value);
        if (!s) { wrong_type(); break; }
        bool found = false;
        (void)db_.Read([&](Transaction& tx) -> Status {
          PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT unit_code, data FROM records WHERE id = :1 AND "
                                                    "type = :2 AND deleted_at IS NULL",
                                                    {*s, f.reference_type}));
          if (rows.empty()) return Status::Ok();
          std::vector<std::string> assignees;
          if (!f.reference_assignee_field.empty()) {
            const Values referred = DecodeValues(rows[0].Text(1));
            auto found_field = referred.find(f.reference_assignee_field);
            if (found_field != referred.end()) {
              if (const auto* l = std::get_if<std::vector<std::string>>(&found_field->second)) assignees = *l;
            }
          }
          // A record the caller may not read is answered as if it did not exist.
          found = !subject || policy_.Allows(*subject, access::Action::kRead,
                                             {f.reference_resource.value_or(type.resource),
                                              rows[0].Text(0), assignees});
          return Status::Ok();
        });
        if (!found) {
          v.Add(f.name, "not_found", f.label_vi + ": không tìm thấy bản ghi được tham chiếu",
                f.label_en + ": the referenced record does not exist");
        }
        break;
      }
      case FieldKind::kAccounts: {
        const auto* l = std::get_if<std::vector<std::string>>(&value);
        if (!l) { wrong_type(); break; }
        std::set<std::string> wanted(l->begin(), l->end());
        std::size_t active = 0, wrong_role = 0;
        (void)db_.Read([&](Transaction& tx) -> Status {
          for (const auto& id : wanted) {
            PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT role FROM accounts WHERE id = :1 AND is_disabled = 0", {id}));
            active += rows.size();
            if (!rows.empty() && !f.account_roles.empty() &&
                std::find(f.account_roles.begin(), f.account_roles.end(), rows[0].Text(0)) == f.account_roles.end()) {
              ++wrong_role;
            }
          }
          return Status::Ok();
        });
        if (active != wanted.size()) {
          v.Add(f.name, "not_found", f.label_vi + ": có tài khoản không tồn tại hoặc đã bị khóa",
                f.label_en + ": an account does not exist or is disabled");
        } else if (wrong_role > 0) {
          v.Add(f.name, "wrong_role", f.label_vi + ": có tài khoản không có vai trò phù hợp",
                f.label_en + ": an account does not have a role that may be named here");
        }
        break;
      }
      case FieldKind::kFile: {
        const auto* s = std::get_if<std::string>(&value);
        if (!s) { wrong_type(); break; }
        bool found = false;
        (void)db_.Read([&](Transaction& tx) -> Status {
          // A file uploaded for another record type cannot be attached here.
          PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT 1 FROM files WHERE id = :1 AND record_type = :2",
                                                    {*s, type.id}));
          found = !rows.empty();
          return Status::Ok();
        });
        if (!found) {
          v.Add(f.name, "not_found", f.label_vi + ": không tìm thấy tệp đã tải lên",
                f.label_en + ": no such uploaded file");
        }
        break;
      }
    }
  }
  if (type.rules) type.rules(values, v);
  return v.ToStatus();
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
  PCMD_RETURN_IF_ERROR(Validate(type, next.unit_code, next.date, next.values, &subject));
  next.version = current.version + 1;
  next.updated_at = base::NowIsoUtc();
  next.updated_by = actor.id;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
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
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
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

Result<std::vector<Duplicate>> RecordStore::FindDuplicates(const access::Subject& subject,
                                                           const RecordType& type, const std::string& unit_code,
                                                           const Values& values,
                                                           const std::string& exclude_id) const {
  std::vector<Duplicate> out;
  if (!type.same_as) return out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols +
                                                  " FROM records WHERE type = :1 AND unit_code = :2 AND "
                                                  "deleted_at IS NULL AND id <> :3 ORDER BY created_at, id",
                                              {type.id, unit_code, exclude_id}));
    for (const auto& row : rows) {
      Record r = FromRow(row);
      if (!policy_.Allows(subject, access::Action::kRead, {type.resource, r.unit_code, AssigneesOf(type, r.values)})) {
        continue;
      }
      std::string field = type.same_as(values, r.values);
      if (!field.empty()) out.push_back({std::move(r), std::move(field)});
    }
    return Status::Ok();
  }));
  return out;
}

Result<Record> RecordStore::Merge(const access::Subject& subject, const store::Actor& actor, const RecordType& type,
                                  const std::string& merged_id, std::int64_t merged_version,
                                  const std::string& keep_id, const std::vector<const RecordType*>& referring) {
  PCMD_ASSIGN_OR_RETURN(Record merged, Get(subject, type, merged_id));
  auto keep = Get(subject, type, keep_id);
  if (!keep.ok() || keep_id == merged_id) {
    return base::Validation::Fail("into", "not_found", "Không tìm thấy bản ghi giữ lại",
                                  "the record to keep does not exist");
  }
  for (const Record* r : {&merged, &*keep}) {
    if (!policy_.Allows(subject, access::Action::kUpdate, {type.resource, r->unit_code, AssigneesOf(type, r->values)})) {
      return base::PermissionDenied("your role may not change these records");
    }
  }
  Record gone = merged;
  gone.version = merged.version + 1;
  gone.updated_at = base::NowIsoUtc();
  gone.updated_by = actor.id;
  gone.is_deleted = true;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    for (const RecordType* other : referring) {
      for (const FieldSpec& f : other->fields) {
        if (f.kind != FieldKind::kRef || f.reference_type != type.id) continue;
        const std::string field_sql = tx.engine() == store::Engine::kSqlite
                                          ? "json_extract(data, '$." + f.name + "')"
                                          : "(data::jsonb ->> '" + f.name + "')";
        PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols + " FROM records WHERE type = :1 AND " +
                                                      field_sql + " = :2 AND deleted_at IS NULL",
                                                  {other->id, merged_id}));
        for (const auto& row : rows) {
          Record next = FromRow(row);
          next.values[f.name] = keep_id;
          const std::int64_t was = next.version;
          next.version = was + 1;
          next.updated_at = gone.updated_at;
          next.updated_by = actor.id;
          PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE records SET data = :1, search_text = :2, version = :3, updated_at = :4, "
                                       "updated_by = :5 WHERE id = :6 AND version = :7",
                                       {EncodeValues(next.values), SearchText(*other, next.values), next.version,
                                        next.updated_at, next.updated_by, next.id, was})
                                   .status());
          PCMD_RETURN_IF_ERROR(WriteHistory(tx, next, "update"));
          PCMD_RETURN_IF_ERROR(tx.AppendChange(other->id, next.id, "update"));
        }
      }
    }
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("UPDATE records SET deleted_at = :1, version = :2, updated_at = :3, "
                                  "updated_by = :4 WHERE id = :5 AND version = :6 AND deleted_at IS NULL",
                                  {gone.updated_at, gone.version, gone.updated_at, gone.updated_by, merged_id,
                                   merged_version}));
    if (changed == 0) {
      return base::Conflict("the record was changed by someone else; reload it")
          .WithVi("Bản ghi đã được người khác sửa; hãy tải lại")
          .WithMachineCode("stale_version");
    }
    PCMD_RETURN_IF_ERROR(WriteHistory(tx, gone, "merge"));
    return tx.AppendChange(type.id, merged_id, "delete");
  });
  if (!s.ok()) return s;
  return *keep;
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
