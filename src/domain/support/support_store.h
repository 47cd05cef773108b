#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/accounts.h"
#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "base/secret_box.h"
#include "domain/records/code_lists.h"
#include "domain/support/service_access.h"
#include "domain/support/support_records.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::support {

// The SupportStore keeps the support world of activities A5 and A6: pseudonymous clients
// (clients, client_history), their sealed contact fields (client_contacts), consents
// (client_consents, append-only), needs assessments, referrals and their outcomes, incidents of
// violence, and the provider directory (providers). Implemented over several files: clients and
// contacts (support_store.cc), consents, assessments and incidents (case_records.cc), providers,
// referrals and T12 (referrals.cc), subject access and erasure (data_rights.cc).
//
// Access: every call asks the policy with the client's unit and its `assigned` accounts
// (resource client; contact fields: client_contact). Peer educators and social workers reach the
// clients assigned to them, province officers read those of their unit and below (never the
// contact fields), enforcement roles nothing. A client outside the caller's reach is kNotFound;
// a role that may not do the action at all is kPermissionDenied. Field problems are
// kInvalidArgument naming the field, never a value; stale versions kConflict "stale_version".
// Every write appends to the change log (entities "client", "client_contact", "client_consent",
// "client_assessment", "client_referral", "client_incident", "provider") whose audit entry holds
// ids only. Writes touching identifiers run with SQLite's secure_delete on, so that replaced
// values do not linger in the file. Thread-safe.
class SupportStore {
 public:
  // `now` gives the current time as ISO 8601 UTC; "today" is its date in Vietnam.
  SupportStore(store::Database& db, const units::UnitTree& units, const access::Policy& policy,
               const access::AccountStore& accounts, const records::CodeLists& code_lists,
               const base::SecretBox& box, std::function<std::string()> now = base::NowIsoUtc)
      : db_(db),
        units_(units),
        policy_(policy),
        accounts_(accounts),
        code_lists_(code_lists),
        box_(box),
        now_(std::move(now)) {}

  // ---- the UIC recipe (store setting "support.uic_recipe"; default UicRecipe::Default) ----
  base::Result<UicRecipe> Recipe() const;
  // Later UICs use it; stored clients keep theirs.
  base::Status SetRecipe(const store::Actor& actor, const UicRecipe& recipe);
  // The UIC of `answers` under the current recipe; nothing is stored.
  base::Result<std::string> Derive(const UicAnswers& answers) const;

  // ---- clients (support_store.cc) ----
  // Creates a client from the answers. A UIC already held by a client of the unit is kConflict
  // "uic_collision", with the ids of those the subject may read in `collisions`, unless the user
  // confirmed a new person: the UIC then gets the next free suffix ("-2", "-3", ...).
  base::Result<Client> Create(const access::Subject& subject, const store::Actor& actor,
                              const NewClient& input, bool* created,
                              std::vector<std::string>* collisions = nullptr);
  base::Result<Client> Get(const access::Subject& subject, const std::string& id) const;
  base::Result<ClientPage> List(const access::Subject& subject, const ClientQuery& query) const;
  // A correction, kept in the history.
  base::Result<Client> Update(const access::Subject& subject, const store::Actor& actor,
                              const std::string& id, const ClientPatch& patch,
                              std::vector<std::string>* collisions = nullptr);
  base::Result<std::vector<ClientVersion>> History(const access::Subject& subject,
                                                   const std::string& id) const;

  // ---- contact fields (support_store.cc) ----
  // kNotFound when none is recorded; the read is audited ("read", "client_contact", client id).
  base::Result<ClientContact> GetContact(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& client_id);
  // Needs a current consent for contact (kInvalidArgument field "consent" otherwise).
  base::Status PutContact(const access::Subject& subject, const store::Actor& actor,
                          const std::string& client_id, const ClientContact& contact);
  base::Status DeleteContact(const access::Subject& subject, const store::Actor& actor,
                             const std::string& client_id);

  // ---- consents, assessments, incidents (case_records.cc) ----
  base::Result<Consent> AddConsent(const access::Subject& subject, const store::Actor& actor,
                                   const std::string& client_id, const NewConsent& input);
  // Appends the withdrawal of consent `consent_id` on `on` (default today). Withdrawing the
  // consent to contact deletes the contact fields; withdrawing record keeping restricts the
  // client (no new assessments, referrals or incidents).
  base::Result<Consent> WithdrawConsent(const access::Subject& subject, const store::Actor& actor,
                                        const std::string& client_id, const std::string& consent_id,
                                        std::optional<base::Date> on);
  // Every row, oldest first, with `is_current` filled.
  base::Result<std::vector<Consent>> Consents(const access::Subject& subject,
                                              const std::string& client_id) const;
  // Is there a current consent for `purpose` covering `provider_id` and `service` (a referral
  // consent covers a referral when everything it names matches)? No access check: for callers
  // that checked the client already.
  base::Result<bool> HasConsent(const std::string& client_id, ConsentPurpose purpose,
                                const std::string& provider_id = "",
                                const std::string& service = "") const;

  base::Result<Assessment> AddAssessment(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& client_id, base::Date assessed_on,
                                         const std::vector<std::string>& needs,
                                         const std::vector<std::string>& eligible);
  base::Result<std::vector<Assessment>> Assessments(const access::Subject& subject,
                                                    const std::string& client_id) const;
  base::Result<Incident> AddIncident(const access::Subject& subject, const store::Actor& actor,
                                     const std::string& client_id, const Incident& input);
  base::Result<std::vector<Incident>> Incidents(const access::Subject& subject,
                                                const std::string& client_id) const;

  // ---- providers and referrals (referrals.cc) ----
  // The directory is reference data: any role that reads peer groups reads it; province officers
  // (the code-list editors) change it. `unit` filters to providers at that unit and above it.
  base::Result<std::vector<Provider>> Providers(const access::Subject& subject,
                                                const std::optional<std::string>& unit,
                                                const std::optional<std::string>& service) const;
  base::Result<Provider> GetProvider(const access::Subject& subject, const std::string& id) const;
  base::Result<Provider> PutProvider(const access::Subject& subject, const store::Actor& actor,
                                     const Provider& provider, std::optional<std::int64_t> version);

  // Needs a current referral consent covering the provider and service (kInvalidArgument, field
  // "consent", code "consent_required").
  base::Result<Referral> AddReferral(const access::Subject& subject, const store::Actor& actor,
                                     const std::string& client_id, const NewReferral& input);
  base::Result<Referral> RecordOutcome(const access::Subject& subject, const store::Actor& actor,
                                       const std::string& client_id, const std::string& referral_id,
                                       const ReferralOutcome& outcome);
  base::Result<std::vector<Referral>> Referrals(const access::Subject& subject,
                                                const std::string& client_id) const;
  // Referrals of the clients the subject reaches that have no outcome yet (`only_overdue`: past
  // their due date), the longest overdue first.
  base::Result<std::vector<Referral>> OpenReferrals(const access::Subject& subject,
                                                    bool only_overdue) const;

  // Target T12 for the clients of `unit` and below (default the subject's unit) over
  // [first, last]; counts only. Any role with the client read grant or the aggregate read grant
  // at that unit.
  base::Result<ServiceAccess> ServiceAccessFor(const access::Subject& subject,
                                               const std::optional<std::string>& unit,
                                               base::Date first, base::Date last) const;

  // ---- data rights (data_rights.cc) ----
  // Everything held on the client; the contact (read audited) only when the subject reads it.
  // Audited as "export" "client".
  base::Result<SubjectAccess> Export(const access::Subject& subject, const store::Actor& actor,
                                     const std::string& client_id);
  // Erasure: the contact and consent rows are deleted, the UIC (and its history) replaced by a
  // random tombstone, the year of birth cleared; assessments, referrals and incidents stay as
  // counts-only rows for the aggregates of closed periods. Province officers of the client's unit
  // or above, or an assigned social worker (kPermissionDenied for other roles that read it).
  // On SQLite the write-ahead log is checkpointed afterwards.
  base::Result<Client> Erase(const access::Subject& subject, const store::Actor& actor,
                             const std::string& client_id, std::int64_t version);

  base::Date Today() const;

 private:
  // The client, when the subject may do `action` to it (kNotFound otherwise).
  base::Result<Client> Reach(const access::Subject& subject, const std::string& id,
                             access::Action action) const;
  base::Result<std::vector<std::string>> UnitsInScope(const access::Subject& subject,
                                                      const std::optional<std::string>& unit) const;
  base::Status CheckAssigned(const std::string& unit, const std::vector<std::string>& assigned,
                             base::Validation& v) const;
  base::Status CheckCodes(base::Validation& v, const std::string& field, const std::string& list,
                          const std::vector<std::string>& codes) const;
  // Is processing restricted (the latest record-keeping consent withdrawn)?
  base::Result<bool> IsRestricted(const std::string& client_id) const;

  store::Database& db_;
  const units::UnitTree& units_;
  const access::Policy& policy_;
  const access::AccountStore& accounts_;
  const records::CodeLists& code_lists_;
  const base::SecretBox& box_;
  std::function<std::string()> now_;
};

// The tables of the support world and the code lists support_need, referral_reason, gbv_kind,
// gbv_place (migrations 500–509).
std::vector<store::Migration> SupportMigrations();

}  // namespace pcmd::support
