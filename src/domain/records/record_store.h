#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/records/code_lists.h"
#include "domain/records/record_type.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::records {

// One record of a record type, with the standard fields every record has.
struct Record {
  std::string id;  // UUID, made by the client or the server
  std::string type;
  std::string unit_code;
  base::Date date;
  Values values;
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
  std::string created_by;
  std::string updated_by;
  bool is_deleted = false;
};

struct NewRecord {
  std::optional<std::string> id;  // a re-sent create with the same id creates nothing
  std::string unit_code;
  base::Date date;
  Values values;
  bool is_duplicate_confirmed = false;  // the user saw the likely duplicates and creates anyway
};

// A stored record that a new one likely duplicates, and the field that says so.
struct Duplicate {
  Record record;
  std::string field;
};

// A change: only the fields present change; a monostate value clears a field.
struct RecordPatch {
  std::int64_t version = 0;  // must equal the stored version
  std::optional<std::string> unit_code;
  std::optional<base::Date> date;
  Values values;
};

struct RecordQuery {
  std::optional<std::string> unit;  // this unit and the units below it
  std::optional<base::Date> from;
  std::optional<base::Date> to;
  std::optional<std::string> text;  // folded match on the text fields
  std::map<std::string, std::string> equals;  // field = code
  int limit = 50;
  int offset = 0;
};

struct RecordPage {
  std::vector<Record> items;
  std::int64_t total = 0;
};

struct RecordVersion {
  std::int64_t version = 0;
  std::string op;  // create, update, delete
  std::string changed_at;
  std::string changed_by;
  Record record;  // as it was after this version
};

// A problem with one row of an imported file.
struct ImportProblem {
  int line = 0;  // 1-based line in the file (the header is line 1)
  std::string field;
  std::string code;
  std::string message_vi;
  std::string message_en;
};

struct ImportRow {
  int line = 0;
  NewRecord record;
};

// The RecordStore keeps the records of every RecordType in one pair of tables
// (records, record_history), so that each type gets idempotent creates, versioned
// updates with history, soft deletes, scoped lists, imports and exports without code
// of its own. Every call goes through the access policy with the record's unit: a
// record outside the caller's scope is kNotFound. A record's unit must exist on its
// date. Thread-safe.
class RecordStore {
 public:
  RecordStore(store::Database& db, const units::UnitTree& units, const access::Policy& policy,
              const CodeLists& code_lists)
      : db_(db), units_(units), policy_(policy), code_lists_(code_lists) {}

  // Checks a record's fields without storing it (imports validate every row first).
  // With a subject, references must name records the subject may read (others are
  // "not found", as if they did not exist); a reference an update leaves as it was (the same in
  // `before`) need only exist, so that a facilitator who does not see an activity's group can
  // still change the activity's other fields.
  base::Status Validate(const RecordType& type, const std::string& unit_code, base::Date date,
                        const Values& values, const access::Subject* subject = nullptr,
                        const Values* before = nullptr) const;
  // May `subject` follow field `f`'s reference to record `id`: it exists (deleted too when
  // `deleted_too`) and, with a subject, the subject may read it. A field of `type`.
  base::Result<bool> MayFollow(const access::Subject* subject, const RecordType& type, const FieldSpec& f,
                               const std::string& id, bool deleted_too) const;
  // What a reader is shown of a record: a reference to a record of a type read by its assignees
  // (FieldSpec::reference_assignee_field: a peer group, read by its leaders) that `subject` may
  // not read is taken out of the values, as if unset, so that no reply names a record that is
  // "not found" to the reader everywhere else. Returns the fields taken out. The stored record is
  // unchanged.
  std::vector<std::string> HideUnfollowable(const access::Subject& subject, const RecordType& type,
                                            Record& record) const;
  // May the subject create this record (its unit, and its assignees for types that have them)?
  bool MayCreateAt(const access::Subject& subject, const RecordType& type, const std::string& unit_code,
                   const Values& values) const;
  // A stored record by id whatever its scope, for imports to tell a re-sent row from a
  // conflicting one. Not for showing to anyone.
  base::Result<std::optional<Record>> FindForImport(const RecordType& type, const std::string& id) const;

  base::Result<Record> Create(const access::Subject& subject, const store::Actor& actor,
                              const RecordType& type, const NewRecord& input, bool* created);
  // Stores validated rows in one transaction; a row whose id exists with the same
  // content is counted unchanged, with other content it is a kConflict naming its line.
  // Returns (created, unchanged).
  base::Result<std::pair<int, int>> CreateBatch(const access::Subject& subject,
                                                const store::Actor& actor, const RecordType& type,
                                                const std::vector<ImportRow>& rows);
  base::Result<Record> Get(const access::Subject& subject, const RecordType& type,
                           const std::string& id) const;
  base::Result<RecordPage> List(const access::Subject& subject, const RecordType& type,
                                const RecordQuery& query) const;
  base::Result<Record> Update(const access::Subject& subject, const store::Actor& actor,
                              const RecordType& type, const std::string& id,
                              const RecordPatch& patch);
  base::Result<Record> Delete(const access::Subject& subject, const store::Actor& actor,
                              const RecordType& type, const std::string& id, std::int64_t version);
  // The stored records of the unit that `values` likely duplicate (RecordType::same_as),
  // among those the subject may read, leaving out `exclude_id`.
  base::Result<std::vector<Duplicate>> FindDuplicates(const access::Subject& subject, const RecordType& type,
                                                      const std::string& unit_code, const Values& values,
                                                      const std::string& exclude_id = "") const;
  // Merges record `merged_id` into `keep_id` (same type): in one transaction, every record
  // of `referring` types whose reference fields name the merged record is changed to name
  // the kept one (a new version each), and the merged record is deleted (kept in its
  // history). The subject must be allowed to change both records; `merged_version` must be
  // the merged record's version.
  base::Result<Record> Merge(const access::Subject& subject, const store::Actor& actor, const RecordType& type,
                             const std::string& merged_id, std::int64_t merged_version,
                             const std::string& keep_id,
                             const std::vector<const RecordType*>& referring);
  base::Result<std::vector<RecordVersion>> History(const access::Subject& subject,
                                                   const RecordType& type,
                                                   const std::string& id) const;

 private:
  base::Result<std::vector<std::string>> UnitsInScope(const access::Subject& subject,
                                                      const std::optional<std::string>& unit) const;

  store::Database& db_;
  const units::UnitTree& units_;
  const access::Policy& policy_;
  const CodeLists& code_lists_;
};

// The tables of this module, with the default code lists.
std::vector<store::Migration> RecordMigrations();

// Field values to and from their stored JSON text.
std::string EncodeValues(const Values& values);
Values DecodeValues(const std::string& text);
// Only the fields named in `only` (the others are skipped while parsing, not stored).
Values DecodeValues(const std::string& text, const std::set<std::string>& only);

// Receives the fields of a record's stored JSON one by one, as ScanValues reads them: for each
// field it Wants, one call with its value (Integer, Bool, Text; List and then one Item per entry;
// None for null or an object). The texts are valid only during the call.
class ValueSink {
 public:
  virtual ~ValueSink() = default;
  virtual bool Wants(std::string_view name) = 0;
  virtual void Integer(std::int64_t v) = 0;
  virtual void Bool(bool v) = 0;
  virtual void Text(std::string_view v) = 0;
  virtual void List() = 0;
  virtual void Item(std::string_view v) = 0;
  virtual void None() = 0;
};
// One pass over the flat object a record is stored as, without building what the sink does not
// want. False when the text holds something the pass does not take (an escaped \u character, a
// number with a fraction, a list of other than strings, malformed text): the sink may then have
// received part of the fields, and the caller decodes with DecodeValues (the full parser) instead.
bool ScanValues(std::string_view text, ValueSink& sink);

}  // namespace pcmd::records
