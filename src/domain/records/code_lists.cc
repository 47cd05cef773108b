#include "domain/records/code_lists.h"

#include "base/text.h"

namespace pcmd::records {

using base::Result;
using base::Status;
using store::Rows;
using store::Transaction;

Result<std::vector<Code>> CodeLists::Get(const std::string& list) const {
  std::vector<Code> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT code, label_vi, label_en, sort, is_active FROM "
                                              "code_lists WHERE list = :1 ORDER BY sort, code",
                                              {list}));
    for (const auto& r : rows) {
      out.push_back({r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), r.Int(4) != 0});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (out.empty()) {
    return base::NotFound("no such code list").WithVi("Không có danh mục này").WithMachineCode("not_found");
  }
  return out;
}

Result<bool> CodeLists::IsActive(const std::string& list, const std::string& code) const {
  bool active = false;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT is_active FROM code_lists WHERE list = :1 AND code = :2",
                                              {list, code}));
    active = !rows.empty() && rows[0].Int(0) != 0;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return active;
}

Status CodeLists::Put(const store::Actor& actor, const std::string& list, const Code& c) {
  base::Validation v;
  if (c.code.empty() || c.code.size() > 40) {
    v.Add("code", "invalid_format", "Mã gồm 1–40 ký tự", "code must be 1 to 40 characters");
  }
  for (char ch : c.code) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
      v.Add("code", "invalid_format", "Mã chỉ gồm chữ thường, số và dấu _",
            "code must be lower-case letters, digits or '_'");
      break;
    }
  }
  if (c.label_vi.empty() || base::Utf8Length(c.label_vi) > 200) {
    v.Add("label_vi", "required", "Tên tiếng Việt là bắt buộc (tối đa 200 ký tự)",
          "label_vi is required (at most 200 characters)");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows lists, tx.Query("SELECT 1 FROM code_lists WHERE list = :1", {list}));
    if (lists.empty()) {
      return base::NotFound("no such code list").WithVi("Không có danh mục này").WithMachineCode("not_found");
    }
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("UPDATE code_lists SET label_vi = :1, label_en = :2, sort = :3, "
                                  "is_active = :4 WHERE list = :5 AND code = :6",
                                  {c.label_vi, c.label_en, c.sort, c.is_active ? 1 : 0, list, c.code}));
    if (changed == 0) {
      PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO code_lists (list, code, label_vi, label_en, sort, is_active) "
                                   "VALUES (:1, :2, :3, :4, :5, :6)",
                                   {list, c.code, c.label_vi, c.label_en, c.sort, c.is_active ? 1 : 0})
                               .status());
    }
    return tx.AppendChange("code_list", list + ":" + c.code, changed == 0 ? "create" : "update");
  });
}

Result<std::vector<std::string>> CodeLists::ListNames() const {
  std::vector<std::string> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT DISTINCT list FROM code_lists ORDER BY list"));
    for (const auto& r : rows) out.push_back(r.Text(0));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace pcmd::records
