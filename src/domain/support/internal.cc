#include "domain/support/internal.h"

#include <nlohmann/json.hpp>

#include "base/text.h"

namespace pcmd::support::internal {

using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

Client ClientFromRow(const Row& r) {
  Client c;
  c.id = r.Text(0);
  c.uic = r.Text(1);
  c.uic_suffix = static_cast<int>(r.Int(2));
  c.unit_code = r.Text(3);
  c.assigned = DecodeList(r.Text(4));
  c.sex = r.Text(5);
  c.birth_year = static_cast<int>(r.Int(6));
  c.registered_on = Date::Parse(r.Text(7)).value_or(Date());
  c.version = r.Int(8);
  c.created_at = r.Text(9);
  c.updated_at = r.Text(10);
  c.created_by = r.Text(11);
  c.updated_by = r.Text(12);
  c.erased_at = r.Text(13);
  return c;
}

Result<std::optional<Client>> LoadClient(Transaction& tx, const std::string& id) {
  PCMD_ASSIGN_OR_RETURN(
      Rows rows,
      tx.Query(std::string("SELECT ") + kClientCols + " FROM clients WHERE id = :1", {id}));
  if (rows.empty()) return std::optional<Client>();
  return std::optional<Client>(ClientFromRow(rows[0]));
}

Referral ReferralFromRow(const Row& r, Date today) {
  Referral x;
  x.id = r.Text(0);
  x.client_id = r.Text(1);
  x.provider_id = r.Text(2);
  x.service = r.Text(3);
  x.referred_on = Date::Parse(r.Text(4)).value_or(Date());
  x.due_on = Date::Parse(r.Text(5)).value_or(Date());
  x.outcome = r.Text(6);
  x.reason = r.Text(7);
  if (auto d = Date::Parse(r.Text(8)); d.ok()) x.outcome_on = *d;
  x.version = r.Int(9);
  x.recorded_by = r.Text(10);
  x.recorded_at = r.Text(11);
  x.updated_at = r.Text(12);
  x.updated_by = r.Text(13);
  x.is_overdue = x.outcome.empty() && x.due_on < today;
  return x;
}

Result<std::vector<Consent>> LoadConsents(Transaction& tx, const std::string& client_id) {
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kConsentCols +
                                                " FROM client_consents WHERE client_id = :1 "
                                                "ORDER BY seq",
                                            {client_id}));
  std::vector<Consent> out;
  for (const auto& r : rows) {
    Consent c;
    c.id = r.Text(0);
    c.client_id = r.Text(1);
    c.purpose = ParseConsentPurpose(r.Text(2)).value_or(ConsentPurpose::kRecordKeeping);
    c.provider_id = r.Text(3);
    c.service = r.Text(4);
    c.notice_version = r.Text(5);
    c.method = r.Text(6);
    c.given_on = Date::Parse(r.Text(7)).value_or(Date());
    c.recorded_by = r.Text(8);
    c.recorded_at = r.Text(9);
    c.withdrawn_id = r.Text(10);
    out.push_back(std::move(c));
  }
  for (auto& c : out) {
    if (c.is_withdrawal()) continue;
    c.is_current = true;
    for (const auto& w : out) {
      if (w.withdrawn_id == c.id) c.is_current = false;
    }
  }
  return out;
}

Assessment AssessmentFromRow(const Row& r) {
  Assessment a;
  a.id = r.Text(0);
  a.client_id = r.Text(1);
  a.assessed_on = Date::Parse(r.Text(2)).value_or(Date());
  a.needs = DecodeList(r.Text(3));
  a.eligible = DecodeList(r.Text(4));
  a.recorded_by = r.Text(5);
  a.recorded_at = r.Text(6);
  return a;
}

Incident IncidentFromRow(const Row& r) {
  Incident i;
  i.id = r.Text(0);
  i.client_id = r.Text(1);
  i.kind = r.Text(2);
  i.occurred_on = Date::Parse(r.Text(3)).value_or(Date());
  i.place_type = r.Text(4);
  i.services_offered = DecodeList(r.Text(5));
  i.services_accepted = DecodeList(r.Text(6));
  i.recorded_by = r.Text(7);
  i.recorded_at = r.Text(8);
  return i;
}

std::string EncodeList(const std::vector<std::string>& list) { return nlohmann::json(list).dump(); }

std::vector<std::string> DecodeList(const std::string& text) {
  std::vector<std::string> out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::string ListHoldsSql(store::Engine engine, const std::string& column) {
  return engine == store::Engine::kSqlite
             ? "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE value = :a)"
             : "jsonb_exists(" + column + "::jsonb, :a)";
}

Status SecureWrite(store::Database& db, const store::Actor& actor,
                   const std::function<Status(Transaction&)>& fn) {
  return db.Write(actor, [&](Transaction& tx) -> Status {
    const bool is_sqlite = tx.engine() == store::Engine::kSqlite;
    if (is_sqlite) PCMD_RETURN_IF_ERROR(tx.Query("PRAGMA secure_delete = ON").status());
    Status s = fn(tx);
    // The connection goes back to the pool: leave it as the others are.
    if (is_sqlite) (void)tx.Query("PRAGMA secure_delete = OFF");
    return s;
  });
}

Date LocalDateOf(const std::string& iso_utc) {
  Date d = Date::Parse(iso_utc.substr(0, 10)).value_or(Date());
  const int hour = iso_utc.size() >= 13 ? std::atoi(iso_utc.substr(11, 2).c_str()) : 0;
  return hour >= 17 ? d.AddDays(1) : d;
}

Status NotFoundClient() {
  return base::NotFound("no such client")
      .WithVi("Không tìm thấy người được hỗ trợ")
      .WithMachineCode("not_found");
}

Status Stale(const std::string& what) {
  return base::Conflict("the " + what + " was changed by someone else; reload it")
      .WithVi("Dữ liệu đã được người khác sửa; hãy tải lại")
      .WithMachineCode("stale_version");
}

Status ErasedClient() {
  return base::FailedPrecondition("the client's data was erased")
      .WithVi("Dữ liệu của người này đã bị xóa theo yêu cầu")
      .WithMachineCode("erased");
}

Status Restricted() {
  return base::FailedPrecondition("the person withdrew consent to record keeping")
      .WithVi("Người được hỗ trợ đã rút lại sự đồng ý lưu giữ hồ sơ; không ghi thêm thông tin")
      .WithMachineCode("restricted");
}

void CheckText(base::Validation& v, const std::string& field, const std::string& text,
               std::size_t max, const std::string& label_vi, const std::string& label_en) {
  if (!base::IsValidUtf8(text) || base::Utf8Length(text) > max) {
    v.Add(field, "too_long", label_vi + " dài tối đa " + std::to_string(max) + " ký tự",
          label_en + " must be at most " + std::to_string(max) + " characters");
  }
}

Status WriteClientHistory(Transaction& tx, const Client& c, const std::string& op) {
  return tx
      .Exec(
          "INSERT INTO client_history (client_id, version, op, uic, unit_code, assigned, sex, "
          "birth_year, registered_on, changed_at, changed_by) VALUES (:1, :2, :3, :4, :5, :6, "
          ":7, :8, :9, :10, :11)",
          {c.id, c.version, op, c.uic, c.unit_code, EncodeList(c.assigned), c.sex, c.birth_year,
           c.registered_on.ToString(), c.updated_at, c.updated_by})
      .status();
}

}  // namespace pcmd::support::internal
