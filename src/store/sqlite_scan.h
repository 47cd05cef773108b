#pragma once

// Transaction::Scan on SQLite: a statement run on SQLite's own interface, its rows read in place.
#include <soci/sqlite3/soci-sqlite3.h>

#include <functional>
#include <string_view>

#include "base/result.h"
#include "store/row.h"

namespace pcmd::store {

// Runs `sql` (placeholders :1, :2, …) with `params` on the connection and hands each row to `fn`;
// a status other than ok from `fn` stops it and is returned.
base::Status ScanSqlite(sqlite_api::sqlite3* db, std::string_view sql, const Params& params,
                        const std::function<base::Status(const RowView&)>& fn);

}  // namespace pcmd::store
