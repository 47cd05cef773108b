#include "domain/support/support_store.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/id.h"
#include "base/text.h"
#include "domain/support/internal.h"

namespace pcmd::support {

using access::Action;
using access::Resource;
using access::Scope;
using base::Date;
using base::Result;
using base::Status;
using store::Rows;
using store::Transaction;
using namespace internal;  // NOLINT: the module's own helpers

namespace {

std::string EncodeContact(const ClientContact& c) {
  return nlohmann::json{{"nickname", c.nickname}, {"phone", c.phone}, {"note", c.note}}.dump();
}

Result<ClientContact> DecodeContact(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return base::Internal("a stored contact is not readable");
  auto get = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return ClientContact{get("nickname"), get("phone"), get("note")};
}

Status ForbiddenAction() {
  return base::PermissionDenied("your role may not do this")
      .WithVi("Vai trò của bạn không được phép thực hiện thao tác này")
      .WithMachineCode("forbidden");
}

}  // namespace

// ---- recipe ---------------------------------------------------------------------------------

Result<UicRecipe> SupportStore::Recipe() const {
  PCMD_ASSIGN_OR_RETURN(std::string text, db_.GetSetting(kRecipeSetting));
  if (text.empty()) return UicRecipe::Default();
  return UicRecipe::Parse(text);
}

Status SupportStore::SetRecipe(const store::Actor& actor, const UicRecipe& recipe) {
  return db_.SetSetting(actor, kRecipeSetting, recipe.ToString());
}

Result<std::string> SupportStore::Derive(const UicAnswers& answers) const {
  PCMD_ASSIGN_OR_RETURN(UicRecipe recipe, Recipe());
  return DeriveUic(answers, recipe);
}

Date SupportStore::Today() const { return LocalDateOf(now_()); }

// ---- helpers ----------------------------------------------------------------------------------

Result<Client> SupportStore::Reach(const access::Subject& subject, const std::string& id,
                                   Action action) const {
  if (access::Policy::ScopeOf(subject.role, Resource::kClient, Action::kRead) == Scope::kNone) {
    return NotFoundClient();
  }
  std::optional<Client> c;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(c, LoadClient(tx, id));
    return Status::Ok();
  }));
  if (!c ||
      !policy_.Allows(subject, Action::kRead, {Resource::kClient, c->unit_code, c->assigned})) {
    return NotFoundClient();
  }
  if (action != Action::kRead &&
      !policy_.Allows(subject, action, {Resource::kClient, c->unit_code, c->assigned})) {
    return ForbiddenAction();
  }
  return *c;
}

Result<std::vector<std::string>> SupportStore::UnitsInScope(
    const access::Subject& subject, const std::optional<std::string>& unit) const {
  return units_.CodesBelow(subject.unit_code, unit);
}

// The accounts named must be active peer educators or social workers who reach the unit.
Status SupportStore::CheckAssigned(const std::string& unit,
                                   const std::vector<std::string>& assigned,
                                   base::Validation& v) const {
  if (assigned.empty()) {
    v.Add("assigned", "required", "Cần ít nhất một người phụ trách", "assigned is required");
    return Status::Ok();
  }
  if (assigned.size() > 10) {
    v.Add("assigned", "too_long", "Tối đa 10 người phụ trách", "at most 10 accounts");
    return Status::Ok();
  }
  PCMD_ASSIGN_OR_RETURN(auto accounts, accounts_.ListSystem());
  for (const auto& id : assigned) {
    const access::Account* found = nullptr;
    for (const auto& a : accounts) {
      if (a.id == id) found = &a;
    }
    if (!found || found->is_disabled) {
      v.Add("assigned", "not_found", "Có tài khoản không tồn tại hoặc đã bị khóa",
            "an account does not exist or is disabled");
      return Status::Ok();
    }
    const access::Subject as{found->id, found->role, found->unit_code};
    if (!access::IsSupportRole(found->role) ||
        !policy_.Allows(as, Action::kRead, {Resource::kClient, unit, assigned})) {
      v.Add("assigned", "invalid_role",
            "Chỉ giao cho tuyên truyền viên đồng đẳng hoặc cán sự xã hội của đơn vị",
            "only peer educators and social workers of the unit or above may be assigned");
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status SupportStore::CheckCodes(base::Validation& v, const std::string& field,
                                const std::string& list,
                                const std::vector<std::string>& codes) const {
  for (const auto& code : codes) {
    auto active = code_lists_.IsActive(list, code);
    if (!active.ok()) return active.status();
    if (!*active) {
      v.Add(field, "invalid_code", "Có mã không thuộc danh mục " + list,
            "a code is not in the list " + list);
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Result<bool> SupportStore::IsRestricted(const std::string& client_id) const {
  bool restricted = false;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto consents, LoadConsents(tx, client_id));
    const Consent* latest = nullptr;
    for (const auto& c : consents) {
      if (c.purpose == ConsentPurpose::kRecordKeeping) latest = &c;
    }
    restricted = latest && latest->is_withdrawal();
    return Status::Ok();
  }));
  return restricted;
}

// ---- clients ----------------------------------------------------------------------------------

Result<Client> SupportStore::Create(const access::Subject& subject, const store::Actor& actor,
                                    const NewClient& in, bool* created,
                                    std::vector<std::string>* collisions) {
  *created = false;
  if (access::Policy::ScopeOf(subject.role, Resource::kClient, Action::kCreate) == Scope::kNone) {
    return ForbiddenAction();
  }
  const Date today = Today();
  base::Validation v;
  Client c;
  if (in.id && !base::IsUuid(*in.id))
    v.Add("id", "invalid_format", "Mã phải là UUID", "id must be a UUID");
  c.id = in.id ? *in.id : base::NewUuid();
  for (auto& ch : c.id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  c.unit_code = in.unit_code;
  c.registered_on = in.registered_on.value_or(today);
  if (c.registered_on > today) {
    v.Add("registered_on", "in_future", "Ngày đăng ký không được ở tương lai",
          "registered_on must not be in the future");
  }
  c.assigned = in.assigned.empty() ? std::vector<std::string>{subject.account_id} : in.assigned;
  if (in.unit_code.empty()) {
    v.Add("unit", "required", "Đơn vị là bắt buộc", "unit is required");
  } else if (!units_.Find(in.unit_code, c.registered_on).ok()) {
    v.Add("unit", "not_found", "Không có đơn vị với mã này", "no unit with that code");
  } else if (!policy_.Allows(subject, Action::kCreate,
                             {Resource::kClient, in.unit_code, {subject.account_id}})) {
    return base::Validation::Fail("unit", "out_of_scope",
                                  "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
                                  "the unit must be your unit or a unit below it");
  } else if (!policy_.Allows(subject, Action::kCreate,
                             {Resource::kClient, in.unit_code, c.assigned})) {
    return base::Validation::Fail("assigned", "out_of_scope",
                                  "Danh sách người phụ trách phải có bạn",
                                  "the assigned accounts must include you");
  } else {
    PCMD_RETURN_IF_ERROR(CheckAssigned(in.unit_code, c.assigned, v));
  }
  auto uic = Derive(in.answers);
  if (!uic.ok()) {
    for (const auto& f : uic.status().fields())
      v.Add("answers." + f.field, f.code, f.message_vi, f.message_en);
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  std::string sex;
  for (char ch : base::TrimAscii(in.answers.sex))
    sex += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  c.sex = sex;
  c.birth_year = in.answers.birth_year;
  c.version = 1;
  c.created_at = c.updated_at = now_();
  c.created_by = c.updated_by = actor.id;
  const std::string base_uic = *uic;
  std::vector<std::string> readable;
  bool unreadable = false;
  Status s = SecureWrite(db_, actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto existing, LoadClient(tx, c.id));
    PCMD_ASSIGN_OR_RETURN(Rows same,
                          tx.Query(std::string("SELECT ") + kClientCols +
                                       ", uic_base FROM clients WHERE unit_code = :1 AND "
                                       "uic_base = :2 AND erased_at = '' ORDER BY uic_suffix",
                                   {c.unit_code, base_uic}));
    if (existing) {
      if (existing->unit_code == c.unit_code && same.size() > 0 && !existing->is_erased() &&
          std::any_of(same.begin(), same.end(),
                      [&](const store::Row& r) { return r.Text(0) == c.id; })) {
        c = *existing;  // the same client sent again
        return Status::Ok();
      }
      return base::Conflict("a different client already has this id")
          .WithVi("Mã đã được dùng cho một người khác")
          .WithMachineCode("id_conflict");
    }
    int suffix = 1;
    for (const auto& r : same) {
      Client other = ClientFromRow(r);
      suffix = std::max(suffix, other.uic_suffix + 1);
      if (policy_.Allows(subject, Action::kRead,
                         {Resource::kClient, other.unit_code, other.assigned})) {
        readable.push_back(other.id);
      } else {
        unreadable = true;
      }
    }
    if (!same.empty() && !in.is_new_person_confirmed) {
      base::Status conflict = base::Conflict("a client of the unit has the same UIC")
                                  .WithVi("Đã có người với cùng mã UIC tại đơn vị này")
                                  .WithMachineCode("uic_collision");
      for (const auto& id : readable) {
        conflict.WithField({"uic", "uic_collision", "Trùng mã UIC với người đã có (mã " + id + ")",
                            "the same UIC as the stored client " + id});
      }
      if (unreadable) {
        conflict.WithField({"uic", "uic_collision",
                            "Trùng mã UIC với người do người khác phụ trách",
                            "the same UIC as a client of another worker"});
      }
      return conflict;
    }
    c.uic_suffix = same.empty() ? 1 : suffix;
    c.uic = c.uic_suffix == 1 ? base_uic : base_uic + "-" + std::to_string(c.uic_suffix);
    PCMD_RETURN_IF_ERROR(
        tx.Exec(
              "INSERT INTO clients (id, uic, uic_base, uic_suffix, unit_code, assigned, sex, "
              "birth_year, registered_on, version, created_at, updated_at, created_by, updated_by, "
              "erased_at) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, 1, :10, :11, :12, :13, '')",
              {c.id, c.uic, base_uic, c.uic_suffix, c.unit_code, EncodeList(c.assigned), c.sex,
               c.birth_year, c.registered_on.ToString(), c.created_at, c.updated_at, c.created_by,
               c.updated_by})
            .status());
    PCMD_RETURN_IF_ERROR(WriteClientHistory(tx, c, "create"));
    PCMD_RETURN_IF_ERROR(tx.AppendChange("client", c.id, "create"));
    *created = true;
    return Status::Ok();
  });
  if (collisions) *collisions = readable;
  if (!s.ok()) return s;
  return c;
}

Result<Client> SupportStore::Get(const access::Subject& subject, const std::string& id) const {
  return Reach(subject, id, Action::kRead);
}

Result<ClientPage> SupportStore::List(const access::Subject& subject, const ClientQuery& q) const {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kClient, Action::kRead);
  if (scope == Scope::kNone) return ForbiddenAction();
  ClientPage page;
  std::string where = " FROM clients WHERE 1 = 1";
  store::Params p;
  if (subject.unit_code != "VN" || q.unit) {
    PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, q.unit));
    if (units.empty()) return page;
    where += " AND unit_code IN (";
    for (std::size_t i = 0; i < units.size(); ++i) {
      where += (i ? ", :u" : ":u") + std::to_string(i);
      p.emplace_back(units[i]);
    }
    where += ")";
  }
  if (q.uic) {
    std::string prefix;
    for (char ch : *q.uic) {
      const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (up == '%' || up == '_' || up == '\\') prefix += '\\';
      prefix += up;
    }
    where += " AND uic LIKE :q ESCAPE '\\'";
    p.emplace_back(prefix + "%");
  }
  Status s = db_.Read([&](Transaction& tx) -> Status {
    std::string filter = where;
    store::Params params = p;
    if (scope == Scope::kAssigned) {
      filter += " AND " + ListHoldsSql(tx.engine(), "assigned");
      params.emplace_back(subject.account_id);
    }
    PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*)" + filter, params));
    page.total = count.empty() ? 0 : count[0].Int(0);
    params.emplace_back(q.limit);
    params.emplace_back(q.offset);
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT ") + kClientCols + filter +
                                       " ORDER BY registered_on DESC, created_at DESC, id "
                                       "LIMIT :l OFFSET :o",
                                   params));
    for (const auto& r : rows) page.items.push_back(ClientFromRow(r));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return page;
}

Result<Client> SupportStore::Update(const access::Subject& subject, const store::Actor& actor,
                                    const std::string& id, const ClientPatch& patch,
                                    std::vector<std::string>* collisions) {
  PCMD_ASSIGN_OR_RETURN(Client current, Reach(subject, id, Action::kUpdate));
  if (current.is_erased()) return ErasedClient();
  Client next = current;
  base::Validation v;
  if (patch.unit_code) next.unit_code = *patch.unit_code;
  if (patch.assigned) next.assigned = *patch.assigned;
  if (patch.registered_on) next.registered_on = *patch.registered_on;
  if (next.registered_on > Today()) {
    v.Add("registered_on", "in_future", "Ngày đăng ký không được ở tương lai",
          "registered_on must not be in the future");
  }
  if (!units_.Find(next.unit_code, next.registered_on).ok()) {
    v.Add("unit", "not_found", "Không có đơn vị với mã này", "no unit with that code");
  } else if (!policy_.Allows(subject, Action::kUpdate,
                             {Resource::kClient, next.unit_code, next.assigned})) {
    // The record must stay within the writer's reach: a hand-over adds the new worker first.
    const bool unit_ok = policy_.Allows(subject, Action::kUpdate,
                                        {Resource::kClient, next.unit_code, {subject.account_id}});
    return base::Validation::Fail(unit_ok ? "assigned" : "unit", "out_of_scope",
                                  unit_ok ? "Danh sách người phụ trách phải có bạn"
                                          : "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
                                  unit_ok ? "the assigned accounts must include you"
                                          : "the unit must be your unit or a unit below it");
  } else if (patch.assigned || patch.unit_code) {
    PCMD_RETURN_IF_ERROR(CheckAssigned(next.unit_code, next.assigned, v));
  }
  std::optional<std::string> base_uic;
  if (patch.answers) {
    auto uic = Derive(*patch.answers);
    if (!uic.ok()) {
      for (const auto& f : uic.status().fields())
        v.Add("answers." + f.field, f.code, f.message_vi, f.message_en);
    } else {
      base_uic = *uic;
      std::string sex;
      for (char ch : base::TrimAscii(patch.answers->sex))
        sex += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      next.sex = sex;
      next.birth_year = patch.answers->birth_year;
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  next.version = current.version + 1;
  next.updated_at = now_();
  next.updated_by = actor.id;
  std::vector<std::string> readable;
  Status s = SecureWrite(db_, actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows base_row,
                          tx.Query("SELECT uic_base FROM clients WHERE id = :1", {id}));
    std::string stored_base = base_row.empty() ? "" : base_row[0].Text(0);
    const std::string new_base = base_uic.value_or(stored_base);
    if (new_base != stored_base || next.unit_code != current.unit_code) {
      PCMD_ASSIGN_OR_RETURN(Rows same,
                            tx.Query(std::string("SELECT ") + kClientCols +
                                         " FROM clients WHERE unit_code = :1 AND uic_base = :2 "
                                         "AND erased_at = '' AND id <> :3",
                                     {next.unit_code, new_base, id}));
      if (!same.empty()) {
        base::Status conflict = base::Conflict("a client of the unit has the same UIC")
                                    .WithVi("Đã có người với cùng mã UIC tại đơn vị này")
                                    .WithMachineCode("uic_collision");
        for (const auto& r : same) {
          Client other = ClientFromRow(r);
          if (policy_.Allows(subject, Action::kRead,
                             {Resource::kClient, other.unit_code, other.assigned})) {
            readable.push_back(other.id);
            conflict.WithField({"uic", "uic_collision",
                                "Trùng mã UIC với người đã có (mã " + other.id + ")",
                                "the same UIC as the stored client " + other.id});
          }
        }
        return conflict;
      }
      next.uic_suffix = 1;
      next.uic = new_base;
    }
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE clients SET uic = :1, uic_base = :2, uic_suffix = :3, unit_code = :4, "
                "assigned = :5, sex = :6, birth_year = :7, registered_on = :8, version = :9, "
                "updated_at = :10, updated_by = :11 WHERE id = :12 AND version = :13 AND erased_at "
                "= ''",
                {next.uic, new_base, next.uic_suffix, next.unit_code, EncodeList(next.assigned),
                 next.sex, next.birth_year, next.registered_on.ToString(), next.version,
                 next.updated_at, next.updated_by, id, patch.version}));
    if (changed == 0) return Stale("client");
    PCMD_RETURN_IF_ERROR(WriteClientHistory(tx, next, "update"));
    return tx.AppendChange("client", id, "update");
  });
  if (collisions) *collisions = readable;
  if (!s.ok()) return s;
  return next;
}

Result<std::vector<ClientVersion>> SupportStore::History(const access::Subject& subject,
                                                         const std::string& id) const {
  PCMD_ASSIGN_OR_RETURN(Client current, Reach(subject, id, Action::kRead));
  std::vector<ClientVersion> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query("SELECT version, op, uic, unit_code, assigned, sex, "
                                   "birth_year, registered_on, changed_at, changed_by "
                                   "FROM client_history WHERE client_id = :1 ORDER BY version",
                                   {id}));
    for (const auto& r : rows) {
      ClientVersion v;
      v.version = r.Int(0);
      v.op = r.Text(1);
      v.changed_at = r.Text(8);
      v.changed_by = r.Text(9);
      v.client = current;
      v.client.version = v.version;
      v.client.uic = r.Text(2);
      v.client.unit_code = r.Text(3);
      v.client.assigned = DecodeList(r.Text(4));
      v.client.sex = r.Text(5);
      v.client.birth_year = static_cast<int>(r.Int(6));
      v.client.registered_on = Date::Parse(r.Text(7)).value_or(Date());
      v.client.updated_at = v.changed_at;
      v.client.updated_by = v.changed_by;
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

// ---- contact fields -------------------------------------------------------------------------

Result<ClientContact> SupportStore::GetContact(const access::Subject& subject,
                                               const store::Actor& actor,
                                               const std::string& client_id) {
  PCMD_ASSIGN_OR_RETURN(Client c, Reach(subject, client_id, Action::kRead));
  if (!policy_.Allows(subject, Action::kRead,
                      {Resource::kClientContact, c.unit_code, c.assigned})) {
    return NotFoundClient();
  }
  std::optional<ClientContact> contact;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        Rows rows,
        tx.Query("SELECT sealed FROM client_contacts WHERE client_id = :1", {client_id}));
    if (rows.empty()) return Status::Ok();
    PCMD_ASSIGN_OR_RETURN(std::string plain, box_.Unseal(rows[0].Text(0), kContactContext));
    PCMD_ASSIGN_OR_RETURN(contact, DecodeContact(plain));
    return tx.Audit("read", "client_contact", client_id);
  });
  if (!s.ok()) return s;
  if (!contact) {
    return base::NotFound("no contact is recorded")
        .WithVi("Chưa ghi thông tin liên lạc")
        .WithMachineCode("not_found");
  }
  return *contact;
}

Status SupportStore::PutContact(const access::Subject& subject, const store::Actor& actor,
                                const std::string& client_id, const ClientContact& contact) {
  PCMD_ASSIGN_OR_RETURN(Client c, Reach(subject, client_id, Action::kRead));
  if (!policy_.Allows(subject, Action::kRead,
                      {Resource::kClientContact, c.unit_code, c.assigned})) {
    return NotFoundClient();
  }
  if (!policy_.Allows(subject, Action::kUpdate,
                      {Resource::kClientContact, c.unit_code, c.assigned})) {
    return ForbiddenAction();
  }
  if (c.is_erased()) return ErasedClient();
  base::Validation v;
  if (contact.nickname.empty() && contact.phone.empty() && contact.note.empty()) {
    v.Add("nickname", "required", "Cần ít nhất một thông tin liên lạc",
          "at least one field is required");
  }
  CheckText(v, "nickname", contact.nickname, 100, "Tên gọi", "nickname");
  CheckText(v, "note", contact.note, 500, "Ghi chú liên lạc", "note");
  if (contact.phone.size() > 20 ||
      !std::all_of(contact.phone.begin(), contact.phone.end(), [](unsigned char ch) {
        return std::isdigit(ch) != 0 || ch == '+' || ch == ' ' || ch == '.' || ch == '-';
      })) {
    v.Add("phone", "invalid_format",
          "Số điện thoại chỉ gồm chữ số, dấu +, khoảng trắng, tối đa 20 ký tự",
          "phone must be digits, +, spaces, at most 20 characters");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  PCMD_ASSIGN_OR_RETURN(bool has_consent, HasConsent(client_id, ConsentPurpose::kContact));
  if (!has_consent) {
    return base::Validation::Fail(
        "consent", "consent_required",
        "Chưa có sự đồng ý (còn hiệu lực) của người được hỗ trợ cho việc liên lạc",
        "the person has not consented to being contacted");
  }
  const std::string now = now_();
  return SecureWrite(db_, actor, [&](Transaction& tx) -> Status {
    const std::string sealed = box_.Seal(EncodeContact(contact), kContactContext);
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE client_contacts SET sealed = :1, updated_at = :2, updated_by = :3 "
                "WHERE client_id = :4",
                {sealed, now, actor.id, client_id}));
    if (changed == 0) {
      PCMD_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO client_contacts (client_id, sealed, updated_at, updated_by) "
                  "VALUES (:1, :2, :3, :4)",
                  {client_id, sealed, now, actor.id})
              .status());
    }
    return tx.AppendChange("client_contact", client_id, changed == 0 ? "create" : "update");
  });
}

Status SupportStore::DeleteContact(const access::Subject& subject, const store::Actor& actor,
                                   const std::string& client_id) {
  PCMD_ASSIGN_OR_RETURN(Client c, Reach(subject, client_id, Action::kRead));
  if (!policy_.Allows(subject, Action::kRead,
                      {Resource::kClientContact, c.unit_code, c.assigned})) {
    return NotFoundClient();
  }
  if (!policy_.Allows(subject, Action::kDelete,
                      {Resource::kClientContact, c.unit_code, c.assigned})) {
    return ForbiddenAction();
  }
  return SecureWrite(db_, actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("DELETE FROM client_contacts WHERE client_id = :1", {client_id}));
    if (changed == 0) {
      return base::NotFound("no contact is recorded")
          .WithVi("Chưa ghi thông tin liên lạc")
          .WithMachineCode("not_found");
    }
    return tx.AppendChange("client_contact", client_id, "delete");
  });
}

}  // namespace pcmd::support
