// SupportStore: consents, needs assessments and incidents of violence.
#include <algorithm>
#include <set>

#include "base/id.h"
#include "domain/records/period_locks.h"
#include "domain/support/internal.h"
#include "domain/support/support_store.h"

namespace pcmd::support {

using access::Action;
using access::Resource;
using base::Date;
using base::Result;
using base::Status;
using store::Rows;
using store::Transaction;
using namespace internal;  // NOLINT: the module's own helpers

namespace {

constexpr std::pair<ConsentPurpose, std::string_view> kPurposes[] = {
    {ConsentPurpose::kRecordKeeping, "record_keeping"},
    {ConsentPurpose::kReferral, "referral"},
    {ConsentPurpose::kContact, "contact"},
};

Result<std::int64_t> NextConsentSeq(Transaction& tx, const std::string& client_id) {
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT COALESCE(MAX(seq), 0) FROM client_consents "
                                            "WHERE client_id = :1",
                                            {client_id}));
  return (rows.empty() ? 0 : rows[0].Int(0)) + 1;
}

Status InsertConsent(Transaction& tx, const Consent& c, std::int64_t seq) {
  return tx
      .Exec(std::string("INSERT INTO client_consents (") + kConsentCols +
                ", seq) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12)",
            {c.id, c.client_id, ConsentPurposeId(c.purpose), c.provider_id, c.service,
             c.notice_version, c.method, c.given_on.ToString(), c.recorded_by, c.recorded_at,
             c.withdrawn_id, seq})
      .status();
}

// Is every item of `part` in `all`?
bool IsSubset(const std::vector<std::string>& part, const std::vector<std::string>& all) {
  return std::all_of(part.begin(), part.end(), [&](const std::string& x) {
    return std::find(all.begin(), all.end(), x) != all.end();
  });
}

std::vector<std::string> Unique(const std::vector<std::string>& list) {
  std::vector<std::string> out;
  for (const auto& x : list) {
    if (std::find(out.begin(), out.end(), x) == out.end()) out.push_back(x);
  }
  return out;
}

}  // namespace

std::string_view ConsentPurposeId(ConsentPurpose p) {
  for (const auto& [purpose, id] : kPurposes) {
    if (purpose == p) return id;
  }
  return "record_keeping";
}

std::optional<ConsentPurpose> ParseConsentPurpose(std::string_view id) {
  for (const auto& [purpose, name] : kPurposes) {
    if (name == id) return purpose;
  }
  return std::nullopt;
}

// ---- consents ---------------------------------------------------------------------------------

Result<Consent> SupportStore::AddConsent(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& client_id, const NewConsent& in) {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kCreate));
  if (client.is_erased()) return ErasedClient();
  if (in.purpose != ConsentPurpose::kRecordKeeping) {
    PCMD_ASSIGN_OR_RETURN(bool restricted, IsRestricted(client_id));
    if (restricted) return Restricted();
  }
  const Date today = Today();
  base::Validation v;
  Consent c;
  c.id = base::NewUuid();
  c.client_id = client_id;
  c.purpose = in.purpose;
  c.provider_id = in.provider_id;
  c.service = in.service;
  c.notice_version = in.notice_version;
  c.method = in.method;
  c.given_on = in.given_on.value_or(today);
  if (c.given_on > today) {
    v.Add("given_on", "in_future", "Ngày đồng ý không được ở tương lai",
          "given_on must not be in the future");
  }
  if (in.notice_version.empty()) {
    v.Add("notice_version", "required",
          "Phiên bản thông báo đã đọc cho người được hỗ trợ là bắt buộc",
          "notice_version is required");
  }
  CheckText(v, "notice_version", in.notice_version, 40, "Phiên bản thông báo", "notice_version");
  if (in.method.empty()) {
    v.Add("method", "required", "Hình thức đồng ý là bắt buộc", "method is required");
  } else {
    PCMD_RETURN_IF_ERROR(CheckCodes(v, "method", "consent_method", {in.method}));
  }
  if (in.purpose == ConsentPurpose::kReferral) {
    if (in.provider_id.empty() && in.service.empty()) {
      v.Add("provider_id", "required", "Sự đồng ý chuyển gửi phải nêu nơi cung cấp hoặc dịch vụ",
            "a referral consent names a provider or a service");
    }
    if (!in.provider_id.empty() && !GetProvider(subject, in.provider_id).ok()) {
      v.Add("provider_id", "not_found", "Không tìm thấy nơi cung cấp dịch vụ", "no such provider");
    }
    if (!in.service.empty())
      PCMD_RETURN_IF_ERROR(CheckCodes(v, "service", "support_need", {in.service}));
  } else {
    if (!in.provider_id.empty()) {
      v.Add("provider_id", "not_allowed", "Chỉ sự đồng ý chuyển gửi mới nêu nơi cung cấp",
            "only a referral consent names a provider");
    }
    if (!in.service.empty()) {
      v.Add("service", "not_allowed", "Chỉ sự đồng ý chuyển gửi mới nêu dịch vụ",
            "only a referral consent names a service");
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  c.recorded_by = actor.id;
  c.recorded_at = now_();
  c.is_current = true;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(std::int64_t seq, NextConsentSeq(tx, client_id));
    PCMD_RETURN_IF_ERROR(InsertConsent(tx, c, seq));
    return tx.AppendChange("client_consent", client_id, "create");
  });
  if (!s.ok()) return s;
  return c;
}

Result<Consent> SupportStore::WithdrawConsent(const access::Subject& subject,
                                              const store::Actor& actor,
                                              const std::string& client_id,
                                              const std::string& consent_id,
                                              std::optional<Date> on) {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kUpdate));
  if (client.is_erased()) return ErasedClient();
  const Date today = Today();
  const Date when = on.value_or(today);
  Consent w;
  Status s = SecureWrite(db_, actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto consents, LoadConsents(tx, client_id));
    const Consent* target = nullptr;
    for (const auto& c : consents) {
      if (c.id == consent_id && !c.is_withdrawal()) target = &c;
    }
    if (!target) {
      return base::NotFound("no such consent")
          .WithVi("Không tìm thấy sự đồng ý này")
          .WithMachineCode("not_found");
    }
    if (!target->is_current) {
      return base::FailedPrecondition("the consent was withdrawn already")
          .WithVi("Sự đồng ý này đã được rút lại")
          .WithMachineCode("already_withdrawn");
    }
    if (when > today || when < target->given_on) {
      return base::Validation::Fail("withdrawn_on", "out_of_range",
                                    "Ngày rút lại phải từ ngày đồng ý đến hôm nay",
                                    "withdrawn_on must be between the consent's date and today");
    }
    w = *target;
    w.id = base::NewUuid();
    w.given_on = when;  // a withdrawal row keeps its date here
    w.withdrawn_id = consent_id;
    w.recorded_by = actor.id;
    w.recorded_at = now_();
    w.is_current = false;
    PCMD_ASSIGN_OR_RETURN(std::int64_t seq, NextConsentSeq(tx, client_id));
    PCMD_RETURN_IF_ERROR(InsertConsent(tx, w, seq));
    PCMD_RETURN_IF_ERROR(tx.AppendChange("client_consent", client_id, "withdraw"));
    if (w.purpose == ConsentPurpose::kContact) {
      // Withdrawing the consent to be contacted stops keeping the means of contact.
      PCMD_ASSIGN_OR_RETURN(
          std::int64_t deleted,
          tx.Exec("DELETE FROM client_contacts WHERE client_id = :1", {client_id}));
      if (deleted > 0) PCMD_RETURN_IF_ERROR(tx.AppendChange("client_contact", client_id, "delete"));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return w;
}

Result<std::vector<Consent>> SupportStore::Consents(const access::Subject& subject,
                                                    const std::string& client_id) const {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kRead));
  std::vector<Consent> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(out, LoadConsents(tx, client.id));
    return Status::Ok();
  }));
  return out;
}

Result<bool> SupportStore::HasConsent(const std::string& client_id, ConsentPurpose purpose,
                                      const std::string& provider_id,
                                      const std::string& service) const {
  bool found = false;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto consents, LoadConsents(tx, client_id));
    for (const auto& c : consents) {
      if (!c.is_current || c.purpose != purpose) continue;
      if (purpose == ConsentPurpose::kReferral) {
        if (!c.provider_id.empty() && c.provider_id != provider_id) continue;
        if (!c.service.empty() && c.service != service) continue;
      }
      found = true;
    }
    return Status::Ok();
  }));
  return found;
}

// ---- needs assessments ------------------------------------------------------------------------

Result<Assessment> SupportStore::AddAssessment(const access::Subject& subject,
                                               const store::Actor& actor,
                                               const std::string& client_id, Date assessed_on,
                                               const std::vector<std::string>& needs,
                                               const std::vector<std::string>& eligible) {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kCreate));
  if (client.is_erased()) return ErasedClient();
  PCMD_ASSIGN_OR_RETURN(bool restricted, IsRestricted(client_id));
  if (restricted) return Restricted();
  base::Validation v;
  Assessment a;
  a.id = base::NewUuid();
  a.client_id = client_id;
  a.assessed_on = assessed_on;
  a.needs = Unique(needs);
  a.eligible = Unique(eligible);
  if (assessed_on > Today()) {
    v.Add("assessed_on", "in_future", "Ngày đánh giá không được ở tương lai",
          "assessed_on must not be in the future");
  }
  PCMD_RETURN_IF_ERROR(CheckCodes(v, "needs", "support_need", a.needs));
  PCMD_RETURN_IF_ERROR(CheckCodes(v, "eligible", "support_need", a.eligible));
  if (!IsSubset(a.eligible, a.needs)) {
    v.Add("eligible", "not_needed", "Dịch vụ đủ điều kiện phải nằm trong các nhu cầu",
          "eligible services must be among the needs");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  a.recorded_by = actor.id;
  a.recorded_at = now_();
  PCMD_ASSIGN_OR_RETURN(auto covering, records::CoveringUnits(units_, client.unit_code, assessed_on));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(records::CheckPeriodOpen(tx, covering, assessed_on, "assessed_on"));
    PCMD_RETURN_IF_ERROR(tx.Exec(std::string("INSERT INTO client_assessments (") + kAssessmentCols +
                                     ") VALUES (:1, :2, :3, :4, :5, :6, :7)",
                                 {a.id, a.client_id, a.assessed_on.ToString(), EncodeList(a.needs),
                                  EncodeList(a.eligible), a.recorded_by, a.recorded_at})
                             .status());
    return tx.AppendChange("client_assessment", a.id, "create");
  });
  if (!s.ok()) return s;
  return a;
}

Result<std::vector<Assessment>> SupportStore::Assessments(const access::Subject& subject,
                                                          const std::string& client_id) const {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kRead));
  std::vector<Assessment> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kAssessmentCols +
                                                  " FROM client_assessments WHERE client_id = :1 "
                                                  "ORDER BY assessed_on, recorded_at, id",
                                              {client.id}));
    for (const auto& r : rows) out.push_back(AssessmentFromRow(r));
    return Status::Ok();
  }));
  return out;
}

// ---- incidents of violence
// ------------------------------------------------------------------------

Result<Incident> SupportStore::AddIncident(const access::Subject& subject,
                                           const store::Actor& actor, const std::string& client_id,
                                           const Incident& in) {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kCreate));
  if (client.is_erased()) return ErasedClient();
  PCMD_ASSIGN_OR_RETURN(bool restricted, IsRestricted(client_id));
  if (restricted) return Restricted();
  base::Validation v;
  Incident i = in;
  i.id = base::NewUuid();
  i.client_id = client_id;
  i.services_offered = Unique(in.services_offered);
  i.services_accepted = Unique(in.services_accepted);
  if (in.kind.empty()) {
    v.Add("kind", "required", "Hình thức bạo lực là bắt buộc", "kind is required");
  } else {
    PCMD_RETURN_IF_ERROR(CheckCodes(v, "kind", "gbv_kind", {in.kind}));
  }
  if (in.place_type.empty()) {
    v.Add("place_type", "required", "Loại nơi xảy ra là bắt buộc", "place_type is required");
  } else {
    PCMD_RETURN_IF_ERROR(CheckCodes(v, "place_type", "gbv_place", {in.place_type}));
  }
  if (in.occurred_on > Today()) {
    v.Add("occurred_on", "in_future", "Ngày xảy ra không được ở tương lai",
          "occurred_on must not be in the future");
  }
  PCMD_RETURN_IF_ERROR(CheckCodes(v, "services_offered", "support_need", i.services_offered));
  PCMD_RETURN_IF_ERROR(CheckCodes(v, "services_accepted", "support_need", i.services_accepted));
  if (!IsSubset(i.services_accepted, i.services_offered)) {
    v.Add("services_accepted", "not_offered",
          "Dịch vụ được nhận phải nằm trong các dịch vụ đã đề nghị",
          "accepted services must be among those offered");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  i.recorded_by = actor.id;
  i.recorded_at = now_();
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(tx.Exec(std::string("INSERT INTO client_incidents (") + kIncidentCols +
                                     ") VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9)",
                                 {i.id, i.client_id, i.kind, i.occurred_on.ToString(), i.place_type,
                                  EncodeList(i.services_offered), EncodeList(i.services_accepted),
                                  i.recorded_by, i.recorded_at})
                             .status());
    return tx.AppendChange("client_incident", i.id, "create");
  });
  if (!s.ok()) return s;
  return i;
}

Result<std::vector<Incident>> SupportStore::Incidents(const access::Subject& subject,
                                                      const std::string& client_id) const {
  PCMD_ASSIGN_OR_RETURN(Client client, Reach(subject, client_id, Action::kRead));
  std::vector<Incident> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kIncidentCols +
                                                  " FROM client_incidents WHERE client_id = :1 "
                                                  "ORDER BY occurred_on, recorded_at, id",
                                              {client.id}));
    for (const auto& r : rows) out.push_back(IncidentFromRow(r));
    return Status::Ok();
  }));
  return out;
}

}  // namespace pcmd::support
