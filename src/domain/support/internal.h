#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "domain/support/support_records.h"
#include "store/database.h"

// Helpers shared by the files of SupportStore; not for use outside this module.
namespace pcmd::support::internal {

inline constexpr const char* kContactContext = "client.contact";
inline constexpr const char* kRecipeSetting = "support.uic_recipe";

inline constexpr const char* kClientCols =
    "id, uic, uic_suffix, unit_code, assigned, sex, birth_year, registered_on, version, "
    "created_at, updated_at, created_by, updated_by, erased_at";
Client ClientFromRow(const store::Row& r);
base::Result<std::optional<Client>> LoadClient(store::Transaction& tx, const std::string& id);

inline constexpr const char* kReferralCols =
    "id, client_id, provider_id, service, referred_on, due_on, outcome, reason, outcome_on, "
    "version, recorded_by, recorded_at, updated_at, updated_by";
Referral ReferralFromRow(const store::Row& r, base::Date today);

inline constexpr const char* kConsentCols =
    "id, client_id, purpose, provider_id, service, notice_version, method, given_on, recorded_by, "
    "recorded_at, withdrawn_id";
// Consents of one client, oldest first, with is_current filled.
base::Result<std::vector<Consent>> LoadConsents(store::Transaction& tx,
                                                const std::string& client_id);

inline constexpr const char* kAssessmentCols =
    "id, client_id, assessed_on, needs, eligible, recorded_by, recorded_at";
Assessment AssessmentFromRow(const store::Row& r);
inline constexpr const char* kIncidentCols =
    "id, client_id, kind, occurred_on, place_type, services_offered, services_accepted, "
    "recorded_by, recorded_at";
Incident IncidentFromRow(const store::Row& r);

// Memberships of peer groups (peer_groups.cc) with the member's UIC, for `where` over the
// aliases m (peer_group_members) and c (clients), oldest first.
base::Result<std::vector<Membership>> LoadMemberships(store::Transaction& tx, const std::string& where,
                                                      const store::Params& params);

// JSON array of strings to and from its stored text.
std::string EncodeList(const std::vector<std::string>& list);
std::vector<std::string> DecodeList(const std::string& text);

// SQL that is true when the JSON list in `column` holds the next placeholder's value.
std::string ListHoldsSql(store::Engine engine, const std::string& column);

// A write with SQLite's secure_delete on for its statements, so that deleted and replaced
// values (UICs, sealed contact fields) are overwritten in the file rather than left in free space.
base::Status SecureWrite(store::Database& db, const store::Actor& actor,
                         const std::function<base::Status(store::Transaction&)>& fn);

// The date in Vietnam (UTC+7) of an ISO 8601 UTC time "YYYY-MM-DDTHH:…".
base::Date LocalDateOf(const std::string& iso_utc);

base::Status NotFoundClient();
base::Status Stale(const std::string& what);
base::Status ErasedClient();
base::Status Restricted();

void CheckText(base::Validation& v, const std::string& field, const std::string& text,
               std::size_t max, const std::string& label_vi, const std::string& label_en);

// Stores one version of a client in client_history.
base::Status WriteClientHistory(store::Transaction& tx, const Client& c, const std::string& op);

}  // namespace pcmd::support::internal
