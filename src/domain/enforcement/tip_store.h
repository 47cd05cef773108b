#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/accounts.h"
#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "base/secret_box.h"
#include "domain/enforcement/tip_deadline.h"
#include "domain/enforcement/tip_workflow.h"
#include "domain/records/code_lists.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::enforcement {

// A tip, denunciation or complaint (tố giác, tin báo, tố cáo, khiếu nại, phản ánh) received
// by a unit, with where it is in its handling. The denouncer's identity is not part of it:
// it is kept apart, sealed (TipStore::GetDenouncer).
struct Tip {
  std::string id;                // UUID, made by the client or the server
  std::string unit_code;         // the unit that received it and handles it
  std::string channel;           // code of tip_channel
  std::string kind;              // code of tip_kind
  std::string received_at;       // ISO 8601 UTC
  base::Date received_on;        // the day in Vietnam; deadlines count from it
  std::string establishment_id;  // a record of type "establishment", or ""
  std::string place;
  std::string subject_unit;  // the unit where the reported facts are, or ""
  std::string content;
  bool is_anonymous = false;
  TipStatus status = TipStatus::kReceived;
  std::string assignee;   // account id, or ""
  int deadline_days = 0;  // the kind's days when received or classified
  int extended_days = 0;
  int extensions = 0;
  base::Date deadline;
  std::string verified_at, classified_at, assigned_at, handled_at, closed_at;  // "" until then
  std::string outcome;         // code of tip_outcome, once closed or transferred
  std::string transferred_to;  // the agency, once transferred
  std::string inspection_id;   // a record of type "inspection", or ""
  std::int64_t version = 0;
  std::string created_at, updated_at, created_by, updated_by;
  bool is_deleted = false;

  // Filled on reads, as of the store's today.
  Timeliness timeliness = Timeliness::kNotDue;
  int days_left = 0;  // deadline - today (negative when overdue)
};

// Who sent a tip, as given: kept sealed (base::SecretBox, context "tip.denouncer") in its
// own table, readable only with the denouncer resource (intake officers), every read
// audited. Never part of any other reply, export, log line, message or audit text.
struct Denouncer {
  std::string name;
  std::string id_number;
  std::string address;
  std::string phone;
  std::string email;
};

struct NewTip {
  std::optional<std::string> id;  // a re-sent create with the same id and content creates nothing
  std::string unit_code;
  std::string channel;
  std::string kind;
  std::string received_at;  // as sent (see ParseInstant)
  std::string establishment_id;
  std::string place;
  std::string subject_unit;
  std::string content;
  bool is_anonymous = false;
  std::optional<Denouncer> denouncer;  // needs the denouncer create grant; none when anonymous
};

// One row of an imported file (the identity of a denouncer never comes from a file).
struct TipImportRow {
  int line = 0;  // in the file, the header being line 1
  NewTip tip;
};

// What an import did: with problems and not `valid_only`, nothing is stored.
struct TipImportProblem {
  int line = 0;
  std::string field;
  std::string code;
  std::string message_vi;
  std::string message_en;
};
struct TipImportReport {
  bool stored = false;
  int created = 0;
  int unchanged = 0;  // re-sent rows (same id and content)
  int rejected = 0;
  std::vector<TipImportProblem> problems;
};

// A change before classification: only the fields present change ("" clears the optional
// ones: establishment_id, place, subject_unit).
struct TipPatch {
  std::int64_t version = 0;  // must equal the stored version
  std::optional<std::string> channel;
  std::optional<std::string> kind;
  std::optional<std::string> establishment_id;
  std::optional<std::string> place;
  std::optional<std::string> subject_unit;
  std::optional<std::string> content;
};

// One step of the workflow as asked. Which fields a step needs: classify `kind` (may be
// the same), assign `assignee`, handle `note` (and optionally `inspection_id`), close
// `outcome`, transfer `agency`, extend `days` and `note` (the reason).
struct TipStepInput {
  TipStep step = TipStep::kVerify;
  std::int64_t version = 0;
  std::string note;
  std::string assignee;
  std::string outcome;
  std::string agency;
  int days = 0;
  std::string kind;
  std::string inspection_id;
};

// One recorded step ("receive" for the first, "edit" for changes, "delete").
struct TipEvent {
  std::int64_t seq = 0;
  std::string step;
  std::string at;  // ISO 8601 UTC
  std::string by;  // account id
  std::string note;
  std::string assignee;
  std::string kind;
  std::string outcome;
  std::string agency;
  int days = 0;
  std::string legal_basis;  // of an extension
};

struct TipQuery {
  std::optional<std::string> unit;  // this unit and the units below it
  std::optional<base::Date> from;   // received on or after
  std::optional<base::Date> to;     // received on or before
  std::optional<std::string> status;
  std::optional<std::string> kind;
  std::optional<std::string> assignee;
  std::optional<std::string> due;  // "overdue" or "due_soon" (open tips only)
  int limit = 50;
  int offset = 0;
};

struct TipPage {
  std::vector<Tip> items;
  std::int64_t total = 0;
};

// Counts of the tips received in a period (a cohort), as they stand on the day asked
// (target T8). handled = handled_on_time + handled_late (handled, closed or transferred);
// open = received - handled; overdue and due_soon are among the open ones.
struct TipCounts {
  std::int64_t received = 0;
  std::int64_t verified = 0;
  std::int64_t classified = 0;
  std::int64_t handled = 0;
  std::int64_t handled_on_time = 0;
  std::int64_t handled_late = 0;
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  std::int64_t due_soon = 0;

  void Add(const Tip& tip);
};

struct TipUnitCounts {
  std::string unit_code;  // a child of the unit asked (with its subtree), or the unit itself
  bool is_own = false;    // the unit asked, its own tips only
  TipCounts counts;
};

struct TipHandlerCounts {
  std::string assignee;  // account id; "" for tips not assigned yet
  TipCounts counts;
};

// T8 for a unit and a period: no content, no person other than handlers' account ids.
struct TipSummary {
  std::string unit_code;
  std::string period;
  base::Date first, last;
  TipCounts totals;                  // the unit and its subtree
  std::vector<TipUnitCounts> units;  // the unit's own tips, then each child's subtree
  std::vector<TipHandlerCounts> handlers;
};

// An open tip assigned to the caller, for in-app notifications: no content, no identity.
struct TipNotice {
  std::string id;
  std::string kind;
  std::string status;
  base::Date deadline;
  Timeliness timeliness = Timeliness::kNotDue;
  int days_left = 0;
};

// The TipStore keeps tips and their workflow (tables tips, tip_events), the sealed
// identities of denouncers (tip_denouncers) and the deadline rules per kind
// (tip_deadline_rules). Every call goes through the access policy with the tip's unit and
// assignee: a tip outside the caller's scope is kNotFound. Roles whose tip write scope is
// "assigned" (inspectors) may only record the handling of tips assigned to them; creates,
// changes, deletes and the other steps need the subtree scope (intake and province
// officers). Invalid steps are kFailedPrecondition, stale versions kConflict
// "stale_version", field problems kInvalidArgument naming the field. Every write appends
// to the change log ("tip", and "tip_denouncer" for identities) in its transaction.
// Thread-safe.
class TipStore {
 public:
  // `now` gives the current time as ISO 8601 UTC (base::NowIsoUtc; tests pass a fake);
  // "today" is its date in Vietnam.
  TipStore(store::Database& db, const units::UnitTree& units, const access::Policy& policy,
           const access::AccountStore& accounts, const records::CodeLists& code_lists,
           const base::SecretBox& box, std::function<std::string()> now = base::NowIsoUtc)
      : db_(db),
        units_(units),
        policy_(policy),
        accounts_(accounts),
        code_lists_(code_lists),
        box_(box),
        now_(std::move(now)) {}

  base::Result<Tip> Create(const access::Subject& subject, const store::Actor& actor,
                           const NewTip& input, bool* created);
  // Every row is checked first; nothing is stored unless all are valid (or, with
  // `valid_only`, the valid ones), in one transaction; a re-sent row creates nothing.
  base::Result<TipImportReport> Import(const access::Subject& subject, const store::Actor& actor,
                                       const std::vector<TipImportRow>& rows, bool valid_only);
  base::Result<Tip> Get(const access::Subject& subject, const std::string& id) const;
  // The active accounts a tip of `unit` may be assigned to (empty for a caller who does not
  // manage the unit's tips).
  base::Result<std::vector<access::Account>> AssignableAccounts(const access::Subject& subject,
                                                                const std::string& unit) const;
  base::Result<TipPage> List(const access::Subject& subject, const TipQuery& query) const;
  // Changes channel, kind, subject or content of a tip not yet classified.
  base::Result<Tip> Update(const access::Subject& subject, const store::Actor& actor,
                           const std::string& id, const TipPatch& patch);
  // Soft delete; the events stay.
  base::Result<Tip> Delete(const access::Subject& subject, const store::Actor& actor,
                           const std::string& id, std::int64_t version);
  base::Result<Tip> Step(const access::Subject& subject, const store::Actor& actor,
                         const std::string& id, const TipStepInput& input);
  // Every event of a tip, oldest first (also of a deleted tip, for those who could read it).
  base::Result<std::vector<TipEvent>> History(const access::Subject& subject,
                                              const std::string& id) const;

  // The identity of a tip's denouncer (kNotFound when the tip is anonymous or has none);
  // the read is audited ("read", "tip_denouncer", tip id) in the same transaction.
  base::Result<Denouncer> GetDenouncer(const access::Subject& subject, const store::Actor& actor,
                                       const std::string& tip_id);
  // Records or replaces it (kFailedPrecondition for an anonymous tip).
  base::Status PutDenouncer(const access::Subject& subject, const store::Actor& actor,
                            const std::string& tip_id, const Denouncer& denouncer);

  // T8 counts for `unit` (default: the caller's) and the tips received in `period`,
  // among the tips the caller may read.
  base::Result<TipSummary> Summary(const access::Subject& subject,
                                   const std::optional<std::string>& unit,
                                   const base::Period& period) const;
  // The open tips assigned to the caller that the caller may read, the most urgent
  // (earliest deadline) first.
  base::Result<std::vector<TipNotice>> Notices(const access::Subject& subject) const;

  // The rule of every kind of tip_kind (defaults where the store has none).
  base::Result<std::vector<TipDeadlineRule>> DeadlineRules() const;
  // Changes rules; a kind must be a code of tip_kind. Tips keep the days they were given
  // (on receipt or classification); later tips get the new ones.
  base::Status SetDeadlineRules(const store::Actor& actor,
                                const std::vector<TipDeadlineRule>& rules);

  // The number of open tips naming each establishment (for EstablishmentRegister's risk
  // score); whole store, no person, no content.
  base::Result<std::map<std::string, int>> OpenTipsByEstablishment() const;

  base::Date Today() const { return LocalDateOf(now_()); }

 private:
  // A new tip checked and filled in (not stored), or the reasons it cannot be.
  base::Result<Tip> Prepare(const access::Subject& subject, const NewTip& in) const;
  // Stores a prepared tip in `tx` (or finds it stored already, the same); `covering`: the units
  // whose period locks cover the tip's unit on its day (records::CoveringUnits).
  base::Status StoreNew(store::Transaction& tx, const store::Actor& actor, const NewTip& in, Tip& t,
                        const std::vector<std::string>& covering, bool* created) const;
  base::Result<std::vector<std::string>> UnitsInScope(const access::Subject& subject,
                                                      const std::optional<std::string>& unit) const;
  base::Status CheckSubject(const access::Subject& subject, const Tip& tip,
                            base::Validation& v) const;
  base::Status CheckAssignee(const Tip& tip, const std::string& assignee) const;
  void Annotate(Tip& tip, base::Date today) const;

  store::Database& db_;
  const units::UnitTree& units_;
  const access::Policy& policy_;
  const access::AccountStore& accounts_;
  const records::CodeLists& code_lists_;
  const base::SecretBox& box_;
  std::function<std::string()> now_;
};

// Denouncer identity to and from the JSON text that is sealed.
std::string EncodeDenouncer(const Denouncer& d);
base::Result<Denouncer> DecodeDenouncer(const std::string& json_text);
// Field problems of an identity (names the fields, never their values), with `prefix`
// before each field name (e.g. "denouncer.").
void ValidateDenouncer(const Denouncer& d, const std::string& prefix, base::Validation& v);

// The tables of tips, the code lists tip_channel, tip_kind and tip_outcome, and the default
// deadline rules (migrations 400–409).
std::vector<store::Migration> TipMigrations();

}  // namespace pcmd::enforcement
