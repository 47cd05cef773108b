// SupportStore: the data rights of a client (subject access and erasure).
#include "base/id.h"
#include "domain/support/internal.h"
#include "domain/support/support_store.h"

namespace pcmd::support {

using access::Action;
using access::Resource;
using access::Role;
using base::Result;
using base::Status;
using store::Rows;
using store::Transaction;
using namespace internal;  // NOLINT: the module's own helpers

Result<SubjectAccess> SupportStore::Export(const access::Subject& subject,
                                           const store::Actor& actor,
                                           const std::string& client_id) {
  SubjectAccess out;
  PCMD_ASSIGN_OR_RETURN(out.client, Reach(subject, client_id, Action::kRead));
  PCMD_ASSIGN_OR_RETURN(out.history, History(subject, client_id));
  PCMD_ASSIGN_OR_RETURN(out.consents, Consents(subject, client_id));
  PCMD_ASSIGN_OR_RETURN(out.assessments, Assessments(subject, client_id));
  PCMD_ASSIGN_OR_RETURN(out.referrals, Referrals(subject, client_id));
  PCMD_ASSIGN_OR_RETURN(out.incidents, Incidents(subject, client_id));
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(out.memberships, LoadMemberships(tx, "m.client_id = :1", {client_id}));
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT a.activity_id FROM peer_activity_attendance a "
                                              "JOIN peer_group_members m ON m.id = a.membership_id "
                                              "WHERE m.client_id = :1 ORDER BY a.activity_id",
                                              {client_id}));
    for (const auto& r : rows) out.attended.push_back(r.Text(0));
    return Status::Ok();
  }));
  const bool reads_contact =
      policy_.Allows(subject, Action::kRead,
                     {Resource::kClientContact, out.client.unit_code, out.client.assigned});
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(tx.Audit("export", "client", client_id));
    return Status::Ok();
  }));
  if (reads_contact) {
    auto contact = GetContact(subject, actor, client_id);  // audited as a read of its own
    if (contact.ok()) {
      out.contact = *contact;
    } else if (contact.status().code() != base::StatusCode::kNotFound) {
      return contact.status();
    }
  }
  return out;
}

Result<Client> SupportStore::Erase(const access::Subject& subject, const store::Actor& actor,
                                   const std::string& client_id, std::int64_t version) {
  PCMD_ASSIGN_OR_RETURN(Client c, Reach(subject, client_id, Action::kRead));
  // Province officers of the unit or above (they read it), or an assigned social worker (who may
  // delete it): the decision is a case worker's or the programme's, not a peer educator's.
  const bool may_erase =
      subject.role == Role::kProvinceOfficer ||
      (subject.role == Role::kSocialWorker &&
       policy_.Allows(subject, Action::kDelete, {Resource::kClient, c.unit_code, c.assigned}));
  if (!may_erase) {
    return base::PermissionDenied("your role may not erase a client's data")
        .WithVi("Vai trò của bạn không được xóa dữ liệu của người được hỗ trợ")
        .WithMachineCode("forbidden");
  }
  if (c.is_erased()) return ErasedClient();
  const std::string tombstone = "X-" + base::RandomHex(8);
  Client gone = c;
  gone.uic = tombstone;
  gone.uic_suffix = 1;
  gone.birth_year = 0;
  gone.version = c.version + 1;
  gone.updated_at = gone.erased_at = now_();
  gone.updated_by = actor.id;
  Status s = SecureWrite(db_, actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE clients SET uic = :1, uic_base = :2, uic_suffix = 1, birth_year = 0, "
                "version = :3, updated_at = :4, updated_by = :5, erased_at = :6 WHERE id = :7 AND "
                "version = :8 AND erased_at = ''",
                {tombstone, tombstone, gone.version, gone.updated_at, gone.updated_by,
                 gone.erased_at, client_id, version}));
    if (changed == 0) return Stale("client");
    PCMD_RETURN_IF_ERROR(
        tx.Exec("UPDATE client_history SET uic = :1, birth_year = 0 WHERE client_id = :2",
                {tombstone, client_id})
            .status());
    PCMD_ASSIGN_OR_RETURN(std::int64_t contacts,
                          tx.Exec("DELETE FROM client_contacts WHERE client_id = :1", {client_id}));
    PCMD_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM client_consents WHERE client_id = :1", {client_id}).status());
    PCMD_RETURN_IF_ERROR(WriteClientHistory(tx, gone, "erase"));
    if (contacts > 0) PCMD_RETURN_IF_ERROR(tx.AppendChange("client_contact", client_id, "delete"));
    return tx.AppendChange("client", client_id, "erase");
  });
  if (!s.ok()) return s;
  // Old pages holding the UIC may still sit in SQLite's write-ahead log: fold it into the file
  // (whose freed space secure_delete has zeroed) and empty it. Busy readers only delay this.
  (void)db_.Checkpoint();
  return gone;
}

}  // namespace pcmd::support
