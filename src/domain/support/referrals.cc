// SupportStore: the provider directory, referrals and their outcomes, and target T12.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/id.h"
#include "domain/records/period_locks.h"
#include "domain/support/internal.h"
#include "domain/support/support_store.h"

namespace pcmd::support {

using access::Action;
using access::Resource;
using access::Scope;
using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;
using namespace internal;  // NOLINT: the module's own helpers

namespace {

constexpr const char* kProviderCols =
    "id, name, unit_code, services, contact, is_active, version, updated_at, updated_by";

Provider ProviderFromRow(const Row& r) {
  Provider p;
  p.id = r.Text(0);
  p.name = r.Text(1);
  p.unit_code = r.Text(2);
  p.services = DecodeList(r.Text(3));
  p.contact = r.Text(4);
  p.is_active = r.Int(5) != 0;
  p.version = r.Int(6);
  p.updated_at = r.Text(7);
  p.updated_by = r.Text(8);
  return p;
}

Status NotFoundProvider() {
  return base::NotFound("no such provider")
      .WithVi("Không tìm thấy nơi cung cấp dịch vụ")
      .WithMachineCode("not_found");
}

Status Forbidden() {
  return base::PermissionDenied("your role may not do this")
      .WithVi("Vai trò của bạn không được phép thực hiện thao tác này")
      .WithMachineCode("forbidden");
}

bool ReadsDirectory(access::Role role) {
  return access::Policy::ScopeOf(role, Resource::kPeerGroup, Action::kRead) != Scope::kNone;
}

// " AND c.unit_code IN (...)" over `units`, appended to `params`.
std::string UnitFilter(const std::vector<std::string>& units, store::Params& params) {
  std::string sql = " AND c.unit_code IN (";
  for (std::size_t i = 0; i < units.size(); ++i) {
    sql += (i ? ", :u" : ":u") + std::to_string(i);
    params.emplace_back(units[i]);
  }
  return sql + ")";
}

}  // namespace

// ---- providers --------------------------------------------------------------------------------

Result<std::vector<Provider>> SupportStore::Providers(
    const access::Subject& subject, const std::optional<std::string>& unit,
    const std::optional<std::string>& service) const {
  if (!ReadsDirectory(subject.role)) return Forbidden();
  std::set<std::string> chain;  // the unit and every unit above it
  if (unit) {
    PCMD_ASSIGN_OR_RETURN(auto parents, units_.LatestParents(nullptr));
    std::string code = *unit;
    while (!code.empty() && chain.insert(code).second) {
      auto it = parents.find(code);
      code = it == parents.end() ? "" : it->second;
    }
  }
  std::vector<Provider> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kProviderCols +
                                              " FROM providers ORDER BY name, id"));
    for (const auto& r : rows) {
      Provider p = ProviderFromRow(r);
      if (unit && !chain.count(p.unit_code)) continue;
      if (service && std::find(p.services.begin(), p.services.end(), *service) == p.services.end())
        continue;
      out.push_back(std::move(p));
    }
    return Status::Ok();
  }));
  return out;
}

Result<Provider> SupportStore::GetProvider(const access::Subject& subject,
                                           const std::string& id) const {
  if (!ReadsDirectory(subject.role)) return NotFoundProvider();
  std::optional<Provider> p;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        Rows rows,
        tx.Query(std::string("SELECT ") + kProviderCols + " FROM providers WHERE id = :1", {id}));
    if (!rows.empty()) p = ProviderFromRow(rows[0]);
    return Status::Ok();
  }));
  if (!p) return NotFoundProvider();
  return *p;
}

Result<Provider> SupportStore::PutProvider(const access::Subject& subject,
                                           const store::Actor& actor, const Provider& in,
                                           std::optional<std::int64_t> version) {
  if (access::Policy::ScopeOf(subject.role, Resource::kCodeList, Action::kUpdate) == Scope::kNone) {
    return Forbidden();
  }
  base::Validation v;
  Provider p = in;
  if (!version) {
    if (!p.id.empty() && !base::IsUuid(p.id))
      v.Add("id", "invalid_format", "Mã phải là UUID", "id must be a UUID");
    if (p.id.empty()) p.id = base::NewUuid();
    for (auto& ch : p.id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (p.name.empty()) v.Add("name", "required", "Tên nơi cung cấp là bắt buộc", "name is required");
  CheckText(v, "name", p.name, 200, "Tên nơi cung cấp", "name");
  CheckText(v, "contact", p.contact, 300, "Liên hệ của tổ chức", "contact");
  if (p.unit_code.empty()) {
    v.Add("unit", "required", "Đơn vị là bắt buộc", "unit is required");
  } else if (!units_.Find(p.unit_code, Today()).ok()) {
    v.Add("unit", "not_found", "Không có đơn vị với mã này", "no unit with that code");
  }
  std::vector<std::string> services;
  for (const auto& s : p.services) {
    if (std::find(services.begin(), services.end(), s) == services.end()) services.push_back(s);
  }
  p.services = services;
  if (p.services.empty())
    v.Add("services", "required", "Cần ít nhất một dịch vụ", "services is required");
  PCMD_RETURN_IF_ERROR(CheckCodes(v, "services", "support_need", p.services));
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  p.updated_at = now_();
  p.updated_by = actor.id;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    if (!version) {
      PCMD_ASSIGN_OR_RETURN(Rows existing,
                            tx.Query("SELECT 1 FROM providers WHERE id = :1", {p.id}));
      if (!existing.empty()) {
        return base::Conflict("a provider already has this id")
            .WithVi("Mã đã được dùng")
            .WithMachineCode("id_conflict");
      }
      p.version = 1;
      PCMD_RETURN_IF_ERROR(tx.Exec(std::string("INSERT INTO providers (") + kProviderCols +
                                       ") VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9)",
                                   {p.id, p.name, p.unit_code, EncodeList(p.services), p.contact,
                                    p.is_active ? 1 : 0, p.version, p.updated_at, p.updated_by})
                               .status());
      return tx.AppendChange("provider", p.id, "create");
    }
    p.version = *version + 1;
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE providers SET name = :1, unit_code = :2, services = :3, "
                "contact = :4, is_active = :5, version = :6, updated_at = :7, "
                "updated_by = :8 WHERE id = :9 AND version = :10",
                {p.name, p.unit_code, EncodeList(p.services), p.contact, p.is_active ? 1 : 0,
                 p.version, p.updated_at, p.updated_by, p.id, *version}));
    if (changed == 0) {
      PCMD_ASSIGN_OR_RETURN(Rows existing,
                            tx.Query("SELECT 1 FROM providers WHERE id = :1", {p.id}));
      return existing.empty() ? NotFoundProvider() : Stale("provider");
    }
    return tx.AppendChange("provider", p.id, "update");
  });
  if (!s.ok()) return s;
  return p;
}

// ---- referrals --------------------------------------------------------------------------------

Result<Referral> SupportStore::AddReferral(const access::Subject& subject,
                                           const store::Actor& actor, const std::string& client_id,
                                           const NewReferral& in) {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kCreate));
  if (client.is_erased()) return ErasedClient();
  PCMD_ASSIGN_OR_RETURN(bool restricted, IsRestricted(client_id));
  if (restricted) return Restricted();
  const Date today = Today();
  base::Validation v;
  Referral r;
  r.id = base::NewUuid();
  r.client_id = client_id;
  r.provider_id = in.provider_id;
  r.service = in.service;
  r.referred_on = in.referred_on.value_or(today);
  r.due_on = in.due_on.value_or(r.referred_on.AddDays(kReferralDueDays));
  if (r.referred_on > today) {
    v.Add("referred_on", "in_future", "Ngày chuyển gửi không được ở tương lai",
          "referred_on must not be in the future");
  }
  if (r.due_on < r.referred_on) {
    v.Add("due_on", "out_of_range", "Hạn phản hồi không được trước ngày chuyển gửi",
          "due_on must not be before referred_on");
  }
  if (in.service.empty()) {
    v.Add("service", "required", "Dịch vụ là bắt buộc", "service is required");
  } else {
    PCMD_RETURN_IF_ERROR(CheckCodes(v, "service", "support_need", {in.service}));
  }
  auto provider = GetProvider(subject, in.provider_id);
  if (in.provider_id.empty()) {
    v.Add("provider_id", "required", "Nơi cung cấp dịch vụ là bắt buộc", "provider_id is required");
  } else if (!provider.ok() || !provider->is_active) {
    v.Add("provider_id", "not_found", "Không tìm thấy nơi cung cấp dịch vụ", "no such provider");
  } else if (!in.service.empty() && std::find(provider->services.begin(), provider->services.end(),
                                              in.service) == provider->services.end()) {
    v.Add("service", "not_offered", "Nơi cung cấp này không có dịch vụ đã chọn",
          "the provider does not offer this service");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  PCMD_ASSIGN_OR_RETURN(bool has_consent,
                        HasConsent(client_id, ConsentPurpose::kReferral, r.provider_id, r.service));
  if (!has_consent) {
    return base::Validation::Fail("consent", "consent_required",
                                  "Chưa có sự đồng ý (còn hiệu lực) của người được hỗ trợ cho việc "
                                  "chuyển gửi đến dịch vụ này",
                                  "the person has not consented to this referral");
  }
  r.version = 1;
  r.recorded_by = r.updated_by = actor.id;
  r.recorded_at = r.updated_at = now_();
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(
        tx.Exec(std::string("INSERT INTO client_referrals (") + kReferralCols +
                    ") VALUES (:1, :2, :3, :4, :5, :6, '', '', '', 1, :7, :8, :9, :10)",
                {r.id, r.client_id, r.provider_id, r.service, r.referred_on.ToString(),
                 r.due_on.ToString(), r.recorded_by, r.recorded_at, r.updated_at, r.updated_by})
            .status());
    return tx.AppendChange("client_referral", r.id, "create");
  });
  if (!s.ok()) return s;
  r.is_overdue = r.due_on < today;
  return r;
}

Result<Referral> SupportStore::RecordOutcome(const access::Subject& subject,
                                             const store::Actor& actor,
                                             const std::string& client_id,
                                             const std::string& referral_id,
                                             const ReferralOutcome& in) {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kUpdate));
  if (client.is_erased()) return ErasedClient();
  const Date today = Today();
  std::optional<Referral> current;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT ") + kReferralCols +
                                       " FROM client_referrals WHERE id = :1 AND client_id = :2",
                                   {referral_id, client_id}));
    if (!rows.empty()) current = ReferralFromRow(rows[0], today);
    return Status::Ok();
  }));
  if (!current) {
    return base::NotFound("no such referral")
        .WithVi("Không tìm thấy lượt chuyển gửi")
        .WithMachineCode("not_found");
  }
  base::Validation v;
  Referral next = *current;
  next.outcome = in.outcome;
  next.reason = in.reason;
  next.outcome_on = in.outcome_on.value_or(today);
  if (in.outcome != "received" && in.outcome != "not_received") {
    v.Add("outcome", "invalid_value", "Kết quả phải là received hoặc not_received",
          "outcome must be received or not_received");
  }
  if (in.outcome == "not_received") {
    if (in.reason.empty()) {
      v.Add("reason", "required", "Cần nêu lý do không nhận được dịch vụ", "reason is required");
    } else {
      PCMD_RETURN_IF_ERROR(CheckCodes(v, "reason", "referral_reason", {in.reason}));
    }
  } else if (!in.reason.empty()) {
    v.Add("reason", "not_allowed", "Chỉ nêu lý do khi không nhận được dịch vụ",
          "a reason is given only when the service was not received");
  }
  if (*next.outcome_on > today || *next.outcome_on < next.referred_on) {
    v.Add("outcome_on", "out_of_range", "Ngày có kết quả phải từ ngày chuyển gửi đến hôm nay",
          "outcome_on must be between referred_on and today");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  next.version = current->version + 1;
  next.updated_at = now_();
  next.updated_by = actor.id;
  next.is_overdue = false;
  // An outcome counts on its day (T12): neither the new day nor a day it had may be locked.
  std::vector<std::pair<std::vector<std::string>, Date>> days;
  for (const auto& day : {current->outcome_on, next.outcome_on}) {
    if (!day) continue;
    PCMD_ASSIGN_OR_RETURN(auto covering, records::CoveringUnits(units_, client.unit_code, *day));
    days.emplace_back(std::move(covering), *day);
  }
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    for (const auto& [covering, day] : days) {
      PCMD_RETURN_IF_ERROR(records::CheckPeriodOpen(tx, covering, day, "outcome_on"));
    }
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE client_referrals SET outcome = :1, reason = :2, outcome_on = :3, "
                "version = :4, updated_at = :5, updated_by = :6 WHERE id = :7 AND "
                "version = :8",
                {next.outcome, next.reason, next.outcome_on->ToString(), next.version,
                 next.updated_at, next.updated_by, referral_id, in.version}));
    if (changed == 0) return Stale("referral");
    return tx.AppendChange("client_referral", referral_id, "update");
  });
  if (!s.ok()) return s;
  return next;
}

Result<std::vector<Referral>> SupportStore::Referrals(const access::Subject& subject,
                                                      const std::string& client_id) const {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kRead));
  const Date today = Today();
  std::vector<Referral> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kReferralCols +
                                                  " FROM client_referrals WHERE client_id = :1 "
                                                  "ORDER BY referred_on, recorded_at, id",
                                              {client.id}));
    for (const auto& r : rows) out.push_back(ReferralFromRow(r, today));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Referral>> SupportStore::OpenReferrals(const access::Subject& subject,
                                                          bool only_overdue) const {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kClient, Action::kRead);
  if (scope == Scope::kNone) return Forbidden();
  PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, std::nullopt));
  std::vector<Referral> out;
  if (units.empty()) return out;
  const Date today = Today();
  std::string cols;
  for (std::string_view rest = kReferralCols;;) {
    const auto comma = rest.find(", ");
    cols += (cols.empty() ? "r." : ", r.") + std::string(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 2);
  }
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    store::Params params;
    std::string sql = "SELECT " + cols +
                      " FROM client_referrals r JOIN clients c ON c.id = r.client_id "
                      "WHERE r.outcome = '' AND c.erased_at = ''";
    if (only_overdue) {
      sql += " AND r.due_on < :d";
      params.emplace_back(today.ToString());
    }
    sql += UnitFilter(units, params);
    if (scope == Scope::kAssigned) {
      sql += " AND " + ListHoldsSql(tx.engine(), "c.assigned");
      params.emplace_back(subject.account_id);
    }
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql + " ORDER BY r.due_on, r.id LIMIT 1000", params));
    for (const auto& r : rows) out.push_back(ReferralFromRow(r, today));
    return Status::Ok();
  }));
  return out;
}

// ---- target T12 -------------------------------------------------------------------------------

Result<ServiceAccess> SupportStore::ServiceAccessFor(const access::Subject& subject,
                                                     const std::optional<std::string>& unit,
                                                     Date first, Date last) const {
  const Scope clients = access::Policy::ScopeOf(subject.role, Resource::kClient, Action::kRead);
  const Scope aggregates =
      access::Policy::ScopeOf(subject.role, Resource::kAggregate, Action::kRead);
  if (clients == Scope::kNone && aggregates == Scope::kNone) return Forbidden();
  const bool only_assigned = aggregates == Scope::kNone && clients == Scope::kAssigned;
  PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, unit.value_or(subject.unit_code)));
  std::map<std::string, ClientServiceFacts> facts;
  if (units.empty()) return ServiceAccess{};
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    store::Params params = {first.ToString(), last.ToString()};
    std::string filter = UnitFilter(units, params);
    if (only_assigned) {
      filter += " AND " + ListHoldsSql(tx.engine(), "c.assigned");
      params.emplace_back(subject.account_id);
    }
    PCMD_ASSIGN_OR_RETURN(
        Rows assessed,
        tx.Query("SELECT a.client_id, a.assessed_on, a.eligible FROM client_assessments a "
                 "JOIN clients c ON c.id = a.client_id WHERE a.assessed_on >= :f AND "
                 "a.assessed_on <= :l" +
                     filter,
                 params));
    for (const auto& r : assessed) {
      facts[r.Text(0)].assessments.push_back(
          {Date::Parse(r.Text(1)).value_or(Date()), DecodeList(r.Text(2))});
    }
    PCMD_ASSIGN_OR_RETURN(
        Rows received,
        tx.Query("SELECT r.client_id, r.outcome_on, r.service FROM client_referrals r "
                 "JOIN clients c ON c.id = r.client_id WHERE r.outcome = 'received' AND "
                 "r.outcome_on >= :f AND r.outcome_on <= :l" +
                     filter,
                 params));
    for (const auto& r : received) {
      facts[r.Text(0)].receipts.push_back({Date::Parse(r.Text(1)).value_or(Date()), r.Text(2)});
    }
    return Status::Ok();
  }));
  std::vector<ClientServiceFacts> all;
  for (auto& [id, f] : facts) all.push_back(std::move(f));
  return ComputeServiceAccess(all, first, last);
}

}  // namespace pcmd::support
