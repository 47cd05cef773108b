#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/accounts.h"
#include "api/guard.h"
#include "domain/records/record_store.h"

namespace pcmd::api {

// For every record type with duplicate detection (RecordType::same_as, e.g. establishments):
// GET /api/<path>/duplicates?unit=&<field>=... lists the stored records a new one would
// likely duplicate (what a form shows before saving); POST /api/<path>/{id}/merge
// {"into": id, "version": n} merges a record into another, re-pointing every reference.
void AddRecordMergeRoutes(http::Router& router, Guard& guard, records::RecordStore& store,
                          const std::vector<const records::RecordType*>& types);

// For every record type with an assignee field (e.g. inspections and their team):
// GET /api/<path>/assignable-accounts?unit=U lists the active accounts that could be
// named there, i.e. that would reach a record at U once assigned (the policy decides).
void AddAssignableAccountsRoutes(http::Router& router, Guard& guard, const access::Policy& policy,
                                 const access::UnitContainment& units, access::AccountStore& accounts,
                                 const std::vector<const records::RecordType*>& types);

void DescribeRecordMergeRoutes(const std::vector<const records::RecordType*>& types,
                               std::map<std::string, nlohmann::json>& operations);

}  // namespace pcmd::api
