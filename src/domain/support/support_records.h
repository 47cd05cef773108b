#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "domain/support/uic.h"

namespace pcmd::support {

// A person reached by the programme (người bán dâm được tiếp cận), known only by a UIC: no
// name. `assigned` are the peer educators and social workers who work with the person; only
// they read and change the record (province officers read it, pseudonymous only).
struct Client {
  std::string id;         // UUID
  std::string uic;        // the derived UIC, with "-2", "-3"... for a confirmed new person
  int uic_suffix = 1;     // 1: none
  std::string unit_code;  // the commune (or district) where the person is reached
  std::vector<std::string> assigned;  // account ids
  std::string sex;                    // M, F or K
  int birth_year = 0;                 // 0 once erased
  base::Date registered_on;
  std::int64_t version = 0;
  std::string created_at, updated_at, created_by, updated_by;
  std::string erased_at;  // "" unless erased (the UIC is then a random tombstone)
  bool is_erased() const { return !erased_at.empty(); }
};

struct NewClient {
  std::optional<std::string> id;  // a re-sent create with the same id and content creates nothing
  std::string unit_code;
  UicAnswers answers;                       // used to derive the UIC, then forgotten
  std::vector<std::string> assigned;        // empty: the caller
  std::optional<base::Date> registered_on;  // default today
  bool is_new_person_confirmed = false;     // the UIC collides and the user says it is someone else
};

// A correction: only the fields present change; `answers` derive the UIC again.
struct ClientPatch {
  std::int64_t version = 0;
  std::optional<std::string> unit_code;
  std::optional<std::vector<std::string>> assigned;
  std::optional<UicAnswers> answers;
  std::optional<base::Date> registered_on;
};

// One earlier or current version of a client, for the correction history.
struct ClientVersion {
  std::int64_t version = 0;
  std::string op;  // create, update, erase
  std::string changed_at, changed_by;
  Client client;
};

// How to reach the person: sealed at rest (SecretBox, context "client.contact"), shown only to
// the assigned workers, every read audited; never in lists, exports, logs or audit entries.
struct ClientContact {
  std::string nickname;
  std::string phone;
  std::string note;  // where or when to reach the person
};

struct ClientQuery {
  std::optional<std::string> unit;  // this unit and below
  std::optional<std::string> uic;   // prefix, any case
  int limit = 50;
  int offset = 0;
};

struct ClientPage {
  std::vector<Client> items;
  std::int64_t total = 0;
};

// Purposes a person consents to (Decree 13/2023/NĐ-CP): keeping records about them, referring
// them to a named provider or service, contacting them.
enum class ConsentPurpose { kRecordKeeping, kReferral, kContact };
std::string_view ConsentPurposeId(ConsentPurpose p);
std::optional<ConsentPurpose> ParseConsentPurpose(std::string_view id);

// A consent given, or the withdrawal of one (a new row: the history is append-only).
struct Consent {
  std::string id;
  std::string client_id;
  ConsentPurpose purpose = ConsentPurpose::kRecordKeeping;
  std::string provider_id;     // referral: the provider named, or ""
  std::string service;         // referral: the service (support_need) named, or ""
  std::string notice_version;  // the privacy notice shown
  std::string method;          // verbal, signed, thumbprint, electronic
  base::Date given_on;
  std::string recorded_by, recorded_at;
  std::string withdrawn_id;  // for a withdrawal: the consent it ends
  bool is_withdrawal() const { return !withdrawn_id.empty(); }
  bool is_current = false;  // filled on reads: given and not withdrawn
};

struct NewConsent {
  ConsentPurpose purpose = ConsentPurpose::kRecordKeeping;
  std::string provider_id;
  std::string service;
  std::string notice_version;
  std::string method;
  std::optional<base::Date> given_on;
};

// A needs assessment: the services the person needs and, among them, those they are eligible for.
struct Assessment {
  std::string id;
  std::string client_id;
  base::Date assessed_on;
  std::vector<std::string> needs;     // codes of support_need
  std::vector<std::string> eligible;  // a subset of needs
  std::string recorded_by, recorded_at;
};

// An organisation that provides support services, in the editable directory.
struct Provider {
  std::string id;
  std::string name;
  std::string unit_code;
  std::vector<std::string> services;  // codes of support_need
  std::string contact;                // the organisation's address or phone (not a person's)
  bool is_active = true;
  std::int64_t version = 0;
  std::string updated_at, updated_by;
};

// A referral of a client to a provider for a service, and its outcome (the referral loop).
struct Referral {
  std::string id;
  std::string client_id;
  std::string provider_id;
  std::string service;
  base::Date referred_on;
  base::Date due_on;    // when the outcome should be known
  std::string outcome;  // "", received, not_received
  std::string reason;   // not_received: a code of referral_reason
  std::optional<base::Date> outcome_on;
  std::int64_t version = 0;
  std::string recorded_by, recorded_at, updated_at, updated_by;
  bool is_overdue = false;  // filled on reads: no outcome and due_on before today
};

struct NewReferral {
  std::string provider_id;
  std::string service;
  std::optional<base::Date> referred_on;  // default today
  std::optional<base::Date> due_on;       // default referred_on + kReferralDueDays
};

struct ReferralOutcome {
  std::int64_t version = 0;
  std::string outcome;                   // received, not_received
  std::string reason;                    // required for not_received
  std::optional<base::Date> outcome_on;  // default today
};

inline constexpr int kReferralDueDays = 14;

// An incident of gender-based violence, minimal and survivor-controlled: no free text, nothing
// about the perpetrator.
struct Incident {
  std::string id;
  std::string client_id;
  std::string kind;  // code of gbv_kind
  base::Date occurred_on;
  std::string place_type;                      // code of gbv_place
  std::vector<std::string> services_offered;   // codes of support_need
  std::vector<std::string> services_accepted;  // a subset of offered
  std::string recorded_by, recorded_at;
};

// A client's membership of a peer group, self-help group or club, by client code.
struct Membership {
  std::string id;
  std::string group_id;
  std::string client_id;
  std::string uic;  // the member code; "" for a subject who may not see it
  base::Date joined_on;
  std::optional<base::Date> left_on;  // none while a member
  std::int64_t version = 0;
  std::string recorded_by, recorded_at, updated_at, updated_by;
  bool IsMemberOn(base::Date d) const { return joined_on <= d && (!left_on || d <= *left_on); }
};

// Everything held on one client (subject access): the contact only for the assigned workers.
struct SubjectAccess {
  Client client;
  std::vector<ClientVersion> history;
  std::optional<ClientContact> contact;
  std::vector<Consent> consents;
  std::vector<Assessment> assessments;
  std::vector<Referral> referrals;
  std::vector<Incident> incidents;
  std::vector<Membership> memberships;       // the groups the person belongs or belonged to
  std::vector<std::string> attended;         // ids of the group activities they attended
};

}  // namespace pcmd::support
