#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "domain/enforcement/tip_store.h"
#include "domain/enforcement/tip_store_internal.h"

// The denouncer's identity: kept apart, sealed, read by intake officers only (audited).
namespace pcmd::enforcement {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

// ---- identities -------------------------------------------------------------------------

std::string EncodeDenouncer(const Denouncer& d) {
  return nlohmann::json{{"name", d.name},
                        {"id_number", d.id_number},
                        {"address", d.address},
                        {"phone", d.phone},
                        {"email", d.email}}
      .dump();
}

Result<Denouncer> DecodeDenouncer(const std::string& json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return base::Internal("a stored identity is not readable");
  }
  Denouncer d;
  auto get = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  d.name = get("name");
  d.id_number = get("id_number");
  d.address = get("address");
  d.phone = get("phone");
  d.email = get("email");
  return d;
}

void ValidateDenouncer(const Denouncer& d, const std::string& prefix, base::Validation& v) {
  if (d.name.empty() && d.id_number.empty() && d.address.empty() && d.phone.empty() &&
      d.email.empty()) {
    v.Add(prefix.empty() ? "name" : prefix.substr(0, prefix.size() - 1), "required",
          "Cần ít nhất một thông tin về người tố giác",
          "at least one field of the identity is required");
    return;
  }
  CheckText(v, prefix + "name", d.name, 200, "Họ tên", "name");
  CheckText(v, prefix + "address", d.address, 300, "Địa chỉ", "address");
  if (d.id_number.size() > 20 ||
      !std::all_of(d.id_number.begin(), d.id_number.end(),
                   [](unsigned char c) { return std::isalnum(c) != 0; })) {
    v.Add(prefix + "id_number", "invalid_format",
          "Số giấy tờ tùy thân chỉ gồm chữ và số, tối đa 20 ký tự",
          "id_number must be letters and digits, at most 20");
  }
  if (d.phone.size() > 20 || !std::all_of(d.phone.begin(), d.phone.end(), [](unsigned char c) {
        return std::isdigit(c) != 0 || c == '+' || c == ' ' || c == '.' || c == '-';
      })) {
    v.Add(prefix + "phone", "invalid_format",
          "Số điện thoại chỉ gồm chữ số, dấu +, khoảng trắng, tối đa 20 ký tự",
          "phone must be digits, +, spaces, at most 20 characters");
  }
  if (!d.email.empty() && (d.email.size() > 200 || d.email.find('@') == std::string::npos ||
                           d.email.find(' ') != std::string::npos)) {
    v.Add(prefix + "email", "invalid_format", "Thư điện tử không hợp lệ", "email is not valid");
  }
}

Result<Denouncer> TipStore::GetDenouncer(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& tip_id) {
  PCMD_ASSIGN_OR_RETURN(Tip tip, Get(subject, tip_id));
  if (!policy_.Allows(subject, Action::kRead,
                      {Resource::kDenouncer, tip.unit_code, AssigneesOf(tip)})) {
    return NotFoundTip();
  }
  std::string sealed;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        Rows rows, tx.Query("SELECT sealed FROM tip_denouncers WHERE tip_id = :1", {tip_id}));
    if (rows.empty()) {
      return base::NotFound("the tip has no recorded identity")
          .WithVi("Tin này không có thông tin người tố giác")
          .WithMachineCode("not_found");
    }
    sealed = rows[0].Text(0);
    return tx.Audit("read", "tip_denouncer", tip_id);
  }));
  auto plain = box_.Unseal(sealed, kDenouncerContext);
  if (!plain.ok()) {
    return base::Internal("a stored identity cannot be unsealed with this key");
  }
  return DecodeDenouncer(*plain);
}

Status TipStore::PutDenouncer(const access::Subject& subject, const store::Actor& actor,
                              const std::string& tip_id, const Denouncer& denouncer) {
  PCMD_ASSIGN_OR_RETURN(Tip tip, Get(subject, tip_id));
  if (!policy_.Allows(subject, Action::kUpdate,
                      {Resource::kDenouncer, tip.unit_code, AssigneesOf(tip)})) {
    return NotFoundTip();
  }
  if (tip.is_anonymous) {
    return base::FailedPrecondition("an anonymous tip has no identity")
        .WithVi("Tin nặc danh không có thông tin người tố giác")
        .WithMachineCode("anonymous");
  }
  base::Validation v;
  ValidateDenouncer(denouncer, "", v);
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  const std::string now = now_();
  const std::string sealed = box_.Seal(EncodeDenouncer(denouncer), kDenouncerContext);
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE tip_denouncers SET sealed = :1, updated_at = :2, updated_by = :3 "
                "WHERE tip_id = :4",
                {sealed, now, actor.id, tip_id}));
    if (changed == 0) {
      PCMD_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO tip_denouncers (tip_id, sealed, created_at, created_by, "
                  "updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6)",
                  {tip_id, sealed, now, actor.id, now, actor.id})
              .status());
    }
    return tx.AppendChange("tip_denouncer", tip_id, changed == 0 ? "create" : "update");
  });
}

}  // namespace pcmd::enforcement
