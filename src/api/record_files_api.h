#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/guard.h"
#include "domain/records/file_store.h"
#include "domain/records/record_store.h"

namespace pcmd::api {

// For every record type with a file field: POST /api/<path>/files uploads a file (the
// raw bytes as the body, its name percent-encoded in X-File-Name) and answers its id,
// to be put in the record's field; GET /api/<path>/{id}/files/{field} downloads the
// file a record names, with the record's access, as an attachment.
void AddRecordFileRoutes(http::Router& router, Guard& guard, store::Database& db,
                         records::RecordStore& store, records::FileStore& files,
                         const std::vector<const records::RecordType*>& types);

// The OpenAPI operations of those routes.
void DescribeRecordFileRoutes(const std::vector<const records::RecordType*>& types,
                              std::map<std::string, nlohmann::json>& operations);

// "attachment; filename=..." with an ASCII fallback and the UTF-8 name (RFC 6266).
std::string AttachmentDisposition(const std::string& utf8_name);

}  // namespace pcmd::api
