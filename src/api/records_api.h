#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/guard.h"
#include "domain/records/code_lists.h"
#include "domain/records/record_store.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// For every record type: /api/<path> list and create, /api/<path>/{id} read, change
// and delete, /api/<path>/{id}/history, /api/<path>/export (CSV) and /api/<path>/import
// (CSV, whole file or valid rows). Also /api/record-types (the forms' metadata) and
// /api/code-lists. The routes come from the types' descriptions.
void AddRecordRoutes(http::Router& router, Guard& guard, store::Database& db,
                     records::RecordStore& store, records::CodeLists& code_lists,
                     const units::UnitTree& units, std::vector<const records::RecordType*> types);

// A list of records as the bytes of an export file: "csv" (UTF-8 with a BOM, formulas
// neutralised) or "xlsx", laid out for re-import (records::SheetRows).
struct RecordsFileBytes {
  std::string content_type;
  std::string bytes;
};
base::Result<RecordsFileBytes> RecordsFile(const records::RecordType& type,
                                           const std::vector<records::Record>& items,
                                           const std::map<std::string, std::string>& unit_names,
                                           const std::string& format);

// The OpenAPI operations ("METHOD pattern" → operation) and schemas of those routes.
void DescribeRecordRoutes(const std::vector<const records::RecordType*>& types,
                          std::map<std::string, nlohmann::json>& operations, nlohmann::json& schemas);

}  // namespace pcmd::api
