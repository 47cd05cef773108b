#pragma once

#include "api/guard.h"

namespace pcmd::api {

// /api/audit: the data-protection officer browses and verifies the audit log.
void AddAuditRoutes(http::Router& router, Guard& guard, store::Database& db);

}  // namespace pcmd::api
