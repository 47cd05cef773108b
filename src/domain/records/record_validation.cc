// RecordStore::Validate: a record's unit (valid on its date, of a level the type is recorded at,
// not closed by a reorganisation) and its values against the type's fields — kinds, code lists,
// ranges, references to other records, accounts and uploaded files — every problem named by field.
#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"
#include "domain/records/record_store.h"
#include "domain/records/record_store_internal.h"

namespace pcmd::records {

using base::Date;
using base::Result;
using base::Status;
using internal::IsEmpty;
using store::Row;
using store::Rows;
using store::Transaction;

Result<bool> RecordStore::MayFollow(const access::Subject* subject, const RecordType& type, const FieldSpec& f,
                                    const std::string& id, bool deleted_too) const {
  bool found = false;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT unit_code, data FROM records WHERE id = :1 AND type = :2") +
                                                  (deleted_too ? "" : " AND deleted_at IS NULL"),
                                              {id, f.reference_type}));
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
                                       {f.reference_resource.value_or(type.resource), rows[0].Text(0), assignees});
    return Status::Ok();
  }));
  return found;
}

std::vector<std::string> RecordStore::HideUnfollowable(const access::Subject& subject, const RecordType& type,
                                                       Record& record) const {
  std::vector<std::string> hidden;
  for (const auto& f : type.fields) {
    if (f.kind != FieldKind::kRef || f.reference_assignee_field.empty()) continue;
    auto it = record.values.find(f.name);
    if (it == record.values.end()) continue;
    const auto* id = std::get_if<std::string>(&it->second);
    if (!id || id->empty()) continue;
    // Deleted too: a reader of the group still sees it named after it was deleted. On an error,
    // hidden (shown only when known to be readable).
    if (MayFollow(&subject, type, f, *id, true).value_or(false)) continue;
    record.values.erase(it);
    hidden.push_back(f.name);
  }
  return hidden;
}

Status RecordStore::Validate(const RecordType& type, const std::string& unit_code, Date date,
                             const Values& values, const access::Subject* subject, const Values* before) const {
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
        const auto was = before ? before->find(f.name) : Values::const_iterator();
        const bool kept = before && was != before->end() && was->second == value;
        const bool found = MayFollow(kept ? nullptr : subject, type, f, *s, false).value_or(false);
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

}  // namespace pcmd::records
