#include "store/idempotency.h"

#include <chrono>


namespace pcmd::store {

namespace {

// Seconds since the Unix epoch, kept as text with the key (both engines compare it as a number).
std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

base::Result<IdempotencyKeys::Claim> IdempotencyKeys::Begin(const std::string& account, const std::string& key,
                                                            const std::string& content_hash) {
  Claim claim;
  const Actor actor(account.c_str());
  base::Status s = db_.Write(actor, [&](Transaction& tx) -> base::Status {
    const std::int64_t now = NowSeconds();
    PCMD_ASSIGN_OR_RETURN(std::int64_t added,
                          tx.Exec("INSERT INTO sync_keys (account_id, idem_key, content_hash, state, started_at) "
                                  "VALUES (:1, :2, :3, 'in_progress', :4) ON CONFLICT DO NOTHING",
                                  {account, key, content_hash, now}));
    if (added == 1) return base::Status::Ok();
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT content_hash, state, status, reply, started_at FROM sync_keys "
                                              "WHERE account_id = :1 AND idem_key = :2",
                                              {account, key}));
    if (rows.empty()) return base::Conflict("the key went while it was claimed");
    const Row& r = rows[0];
    if (r.Text(0) != content_hash) {
      claim.state = State::kReused;
    } else if (r.Text(1) == "done") {
      claim.state = State::kDone;
      claim.status = static_cast<int>(r.Int(2));
      claim.reply = r.Text(3);
    } else if (now - r.Int(4) > stale_after_.count()) {
      // Its server died while it ran: run it again.
      PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE sync_keys SET started_at = :1 WHERE account_id = :2 AND idem_key = :3",
                                   {now, account, key})
                               .status());
    } else {
      claim.state = State::kInProgress;
    }
    return base::Status::Ok();
  });
  if (!s.ok()) return s;
  return claim;
}

base::Status IdempotencyKeys::Finish(const std::string& account, const std::string& key, int status,
                                     const std::string& reply) {
  return db_.Write(Actor(account.c_str()), [&](Transaction& tx) -> base::Status {
    return tx.Exec("UPDATE sync_keys SET state = 'done', status = :1, reply = :2 WHERE account_id = :3 AND idem_key = :4",
                   {static_cast<std::int64_t>(status), reply, account, key})
        .status();
  });
}

base::Status IdempotencyKeys::Release(const std::string& account, const std::string& key) {
  return db_.Write(Actor(account.c_str()), [&](Transaction& tx) -> base::Status {
    return tx.Exec("DELETE FROM sync_keys WHERE account_id = :1 AND idem_key = :2 AND state = 'in_progress'",
                   {account, key})
        .status();
  });
}

}  // namespace pcmd::store
