#include "store/audit_log.h"

#include <sodium.h>

#include <string>

namespace pcmd::store {
namespace {

using base::Result;
using base::Status;

constexpr const char* kAuditSelect =
    "SELECT seq, at, actor, role, action, entity, entity_id, outcome, request_id, prev_hash, hash "
    "FROM audit_log";

AuditEntry AuditFromRow(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Text(2), r.Text(3), r.Text(4),  r.Text(5),
          r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Text(10)};
}

}  // namespace

std::string AuditHash(const AuditEntry& e) {
  // Length-prefixed fields, so that no two different entries hash the same text.
  std::string text;
  for (const std::string* f : {&e.at, &e.actor, &e.role, &e.action, &e.entity, &e.entity_id,
                               &e.outcome, &e.request_id, &e.prev_hash}) {
    text += std::to_string(f->size());
    text += ':';
    text += *f;
    text += '|';
  }
  text = std::to_string(e.seq) + "|" + text;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : digest) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

Result<std::pair<std::vector<AuditEntry>, std::int64_t>> ReadAuditPage(Transaction& tx,
                                                                       const AuditQuery& q) {
    std::string where = " WHERE 1 = 1";
    Params params;
    auto add = [&](const std::string& value, const char* clause) {
      if (value.empty()) return;
      where += clause;
      params.emplace_back(value);
    };
    add(q.actor, " AND actor = :a");
    add(q.action, " AND action = :b");
    add(q.entity, " AND entity = :c");
    add(q.entity_id, " AND entity_id = :d");
    add(q.outcome, " AND outcome = :e");
    add(q.from, " AND at >= :f");
    // A bare date as the upper bound includes the whole day.
    add(q.to.size() == 10 ? q.to + "T99" : q.to, " AND at <= :g");
  std::pair<std::vector<AuditEntry>, std::int64_t> out;
  PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*) FROM audit_log" + where, params));
  out.second = count.empty() ? 0 : count[0].Int(0);
  Params page = params;
  page.emplace_back(q.limit);
  page.emplace_back(q.offset);
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string(kAuditSelect) + where +
                                                " ORDER BY seq DESC LIMIT :l OFFSET :o",
                                            page));
  for (const Row& r : rows) out.first.push_back(AuditFromRow(r));
  return out;
}

Result<AuditVerification> VerifyAuditChain(Transaction& tx) {
  AuditVerification v;
  std::int64_t after = 0;
  std::string prev_hash;
  for (;;) {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string(kAuditSelect) +
                                                  " WHERE seq > :1 ORDER BY seq LIMIT 5000",
                                              {after}));
    if (rows.empty()) break;
    for (const Row& r : rows) {
      AuditEntry e = AuditFromRow(r);
      ++v.entries;
      std::string problem, code;
      if (e.seq != after + 1) {
        problem = "an entry before it was removed (sequence jumps from " + std::to_string(after) +
                  " to " + std::to_string(e.seq) + ")";
        code = "removed";
      } else if (e.prev_hash != prev_hash) {
        problem = "it does not follow the entry before it (removed, inserted or reordered)";
        code = "out_of_order";
      } else if (AuditHash(e) != e.hash) {
        problem = "its content was changed";
        code = "changed";
      }
      if (!problem.empty()) {
        v.ok = false;
        v.first_bad_seq = e.seq;
        v.problem = problem;
        v.problem_code = code;
        return v;
      }
      after = e.seq;
      prev_hash = e.hash;
    }
  }
  v.head_hash = prev_hash;
  return v;
}

}  // namespace pcmd::store
