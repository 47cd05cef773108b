#pragma once

// What record_store.cc, record_validation.cc and record_duplicates.cc share. Not for use outside them.
#include <string>
#include <vector>

#include "domain/records/record_store.h"

namespace pcmd::records::internal {

inline constexpr const char* kCols =
    "id, type, unit_code, record_date, data, version, created_at, updated_at, created_by, "
    "updated_by, deleted_at";

// The accounts a record is assigned to (its type's assignee field), for the policy.
std::vector<std::string> AssigneesOf(const RecordType& type, const Values& values);
// A record from a row of `SELECT kCols FROM records`.
Record FromRow(const store::Row& r);
// A value that stores nothing: none, an empty text or an empty list.
bool IsEmpty(const Value& v);
// The folded text of the text fields, for search.
std::string SearchText(const RecordType& type, const Values& values);
// Appends the record's version to record_history.
base::Status WriteHistory(store::Transaction& tx, const Record& r, const std::string& op);

}  // namespace pcmd::records::internal
