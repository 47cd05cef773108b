#pragma once

#include "access/accounts.h"
#include "api/guard.h"

namespace pcmd::api {

// /api/audit: the data-protection officer browses and verifies the audit log.
void AddAuditRoutes(http::Router& router, Guard& guard, store::Database& db,
                    const access::AccountStore& accounts);

}  // namespace pcmd::api
