#include "store/sqlite_scan.h"

#include <string>

#include "store/statement_text.h"

namespace pcmd::store {

using base::Status;

namespace {

// A row of an SQLite statement, read in place.
class SqliteRowView final : public RowView {
 public:
  explicit SqliteRowView(sqlite_api::sqlite3_stmt* st) : st_(st), n_(static_cast<std::size_t>(sqlite_api::sqlite3_column_count(st))) {}
  std::size_t size() const override { return n_; }
  bool IsNull(std::size_t i) const override {
    return i >= n_ || sqlite_api::sqlite3_column_type(st_, static_cast<int>(i)) == SQLITE_NULL;
  }
  std::string_view Text(std::size_t i) const override {
    if (i >= n_) return {};
    const auto* text = sqlite_api::sqlite3_column_text(st_, static_cast<int>(i));
    if (!text) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(st_, static_cast<int>(i)))};
  }

 private:
  sqlite_api::sqlite3_stmt* st_;
  std::size_t n_;
};

}  // namespace

Status ScanSqlite(sqlite_api::sqlite3* db, std::string_view sql, const Params& params,
                  const std::function<Status(const RowView&)>& fn) {
  const std::string text = NumberPlaceholders(sql);  // ":p1", ":p2", …: indexes 1, 2, … in order
  sqlite_api::sqlite3_stmt* st = nullptr;
  auto driver_error = [&](std::string_view context) {
    const int code = sqlite_api::sqlite3_errcode(db);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return base::Unavailable(std::string(context) + ": store busy").WithVi("Hệ thống đang bận");
    }
    return base::Internal(std::string(context) + ": " + sqlite_api::sqlite3_errmsg(db));
  };
  if (sqlite_api::sqlite3_prepare_v2(db, text.c_str(), static_cast<int>(text.size()), &st, nullptr) != SQLITE_OK) {
    sqlite_api::sqlite3_finalize(st);
    return driver_error("scan");
  }
  struct Finalize {
    sqlite_api::sqlite3_stmt* st;
    ~Finalize() { sqlite_api::sqlite3_finalize(st); }
  } finalize{st};
  int index = 0;
  for (const Param& param : params) {
    ++index;
    int rc = SQLITE_OK;
    switch (param.kind()) {
      case Param::Kind::kNull: rc = sqlite_api::sqlite3_bind_null(st, index); break;
      case Param::Kind::kInt: rc = sqlite_api::sqlite3_bind_int64(st, index, param.int_value()); break;
      case Param::Kind::kReal: rc = sqlite_api::sqlite3_bind_double(st, index, param.real_value()); break;
      case Param::Kind::kText:
        rc = sqlite_api::sqlite3_bind_text(st, index, param.text_value().data(),
                                           static_cast<int>(param.text_value().size()), SQLITE_STATIC);
        break;
    }
    if (rc != SQLITE_OK) return driver_error("scan bind");
  }
  SqliteRowView view(st);
  while (true) {
    const int rc = sqlite_api::sqlite3_step(st);
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc != SQLITE_ROW) return driver_error("scan");
    PCMD_RETURN_IF_ERROR(fn(view));
  }
}

}  // namespace pcmd::store
