#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/database.h"

namespace pcmd::store {

// Reading and verifying the hash-chained audit log inside a read transaction; the
// Database's ReadAudit and VerifyAudit run these. Appending is Transaction::Audit.
base::Result<std::pair<std::vector<AuditEntry>, std::int64_t>> ReadAuditPage(Transaction& tx,
                                                                              const AuditQuery& q);
base::Result<AuditVerification> VerifyAuditChain(Transaction& tx);

}  // namespace pcmd::store
