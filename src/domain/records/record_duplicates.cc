// RecordStore: likely duplicates of a record (its type's `same_as` rules) and merging one record
// into another, re-pointing the references of every record that named it.
#include <algorithm>
#include <map>
#include <set>

#include "base/text.h"
#include "domain/records/period_locks.h"
#include "domain/records/record_store.h"
#include "domain/records/record_store_internal.h"

namespace pcmd::records {

using base::Date;
using base::Result;
using base::Status;
using internal::AssigneesOf;
using internal::FromRow;
using internal::kCols;
using internal::SearchText;
using internal::WriteHistory;
using store::Row;
using store::Rows;
using store::Transaction;

Result<std::vector<Duplicate>> RecordStore::FindDuplicates(const access::Subject& subject,
                                                           const RecordType& type, const std::string& unit_code,
                                                           const Values& values,
                                                           const std::string& exclude_id) const {
  std::vector<Duplicate> out;
  if (!type.same_as) return out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols +
                                                  " FROM records WHERE type = :1 AND unit_code = :2 AND "
                                                  "deleted_at IS NULL AND id <> :3 ORDER BY created_at, id",
                                              {type.id, unit_code, exclude_id}));
    for (const auto& row : rows) {
      Record r = FromRow(row);
      if (!policy_.Allows(subject, access::Action::kRead, {type.resource, r.unit_code, AssigneesOf(type, r.values)})) {
        continue;
      }
      std::string field = type.same_as(values, r.values);
      if (!field.empty()) out.push_back({std::move(r), std::move(field)});
    }
    return Status::Ok();
  }));
  return out;
}

Result<Record> RecordStore::Merge(const access::Subject& subject, const store::Actor& actor, const RecordType& type,
                                  const std::string& merged_id, std::int64_t merged_version,
                                  const std::string& keep_id, const std::vector<const RecordType*>& referring) {
  PCMD_ASSIGN_OR_RETURN(Record merged, Get(subject, type, merged_id));
  auto keep = Get(subject, type, keep_id);
  if (!keep.ok() || keep_id == merged_id) {
    return base::Validation::Fail("into", "not_found", "Không tìm thấy bản ghi giữ lại",
                                  "the record to keep does not exist");
  }
  for (const Record* r : {&merged, &*keep}) {
    if (!policy_.Allows(subject, access::Action::kUpdate, {type.resource, r->unit_code, AssigneesOf(type, r->values)})) {
      return base::PermissionDenied("your role may not change these records");
    }
  }
  Record gone = merged;
  gone.version = merged.version + 1;
  gone.updated_at = base::NowIsoUtc();
  gone.updated_by = actor.id;
  gone.is_deleted = true;
  PCMD_ASSIGN_OR_RETURN(auto covering_merged, CoveringUnits(units_, merged.unit_code, merged.date));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    // The merged record may not go from a locked period. The records that refer to it change only
    // in the reference, which follows the merge even in a locked period: a merge corrects a
    // duplicate, and a count of distinct referenced records there falls by the duplicate.
    PCMD_RETURN_IF_ERROR(CheckPeriodOpen(tx, covering_merged, merged.date));
    for (const RecordType* other : referring) {
      for (const FieldSpec& f : other->fields) {
        if (f.kind != FieldKind::kRef || f.reference_type != type.id) continue;
        const std::string field_sql = tx.engine() == store::Engine::kSqlite
                                          ? "json_extract(data, '$." + f.name + "')"
                                          : "(data::jsonb ->> '" + f.name + "')";
        PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols + " FROM records WHERE type = :1 AND " +
                                                      field_sql + " = :2 AND deleted_at IS NULL",
                                                  {other->id, merged_id}));
        for (const auto& row : rows) {
          Record next = FromRow(row);
          next.values[f.name] = keep_id;
          const std::int64_t was = next.version;
          next.version = was + 1;
          next.updated_at = gone.updated_at;
          next.updated_by = actor.id;
          PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE records SET data = :1, search_text = :2, version = :3, updated_at = :4, "
                                       "updated_by = :5 WHERE id = :6 AND version = :7",
                                       {EncodeValues(next.values), SearchText(*other, next.values), next.version,
                                        next.updated_at, next.updated_by, next.id, was})
                                   .status());
          PCMD_RETURN_IF_ERROR(WriteHistory(tx, next, "update"));
          PCMD_RETURN_IF_ERROR(tx.AppendChange(other->id, next.id, "update"));
        }
      }
    }
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("UPDATE records SET deleted_at = :1, version = :2, updated_at = :3, "
                                  "updated_by = :4 WHERE id = :5 AND version = :6 AND deleted_at IS NULL",
                                  {gone.updated_at, gone.version, gone.updated_at, gone.updated_by, merged_id,
                                   merged_version}));
    if (changed == 0) {
      return base::Conflict("the record was changed by someone else; reload it")
          .WithVi("Bản ghi đã được người khác sửa; hãy tải lại")
          .WithMachineCode("stale_version");
    }
    PCMD_RETURN_IF_ERROR(WriteHistory(tx, gone, "merge"));
    return tx.AppendChange(type.id, merged_id, "delete");
  });
  if (!s.ok()) return s;
  return *keep;
}

}  // namespace pcmd::records
