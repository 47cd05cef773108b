// pcmd_indicator_benchmark: the indicator engine against the goals of issue 7, on national data
// made by the generator (national_data.h), in one run: full rebuild against a plain read of the
// same rows, memory per fact, query latency, commit-to-visible latency, and the same questions
// answered by hand-written SQL on SQLite (and PostgreSQL when PCMD_TEST_PG_URL is set). Prints a
// table with the goals and writes the figures as JSON. bench/README.md says how to run it.
#include <malloc.h>
#include <sqlite3.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "access/policy.h"
#include "access/unit_scope.h"
#include "analytics/facts.h"
#include "analytics/indicator_engine.h"
#include "app/wiring.h"
#include "base/id.h"
#include "bench/national_data.h"
#include "domain/activities/programme_types.h"
#include "domain/records/code_lists.h"
#include "domain/records/record_store.h"
#include "domain/units/unit_tree.h"
#include "testkit/store.h"

#ifndef PCMD_SOURCE_DIR
#define PCMD_SOURCE_DIR "."
#endif

namespace pcmd::bench {
namespace {

using base::Date;
using base::Period;
using base::Status;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kPlan = "plan-184";

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Nearest-rank percentile of `v` (sorted in place).
double Percentile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

json Summary(std::vector<double> ms) {
  if (ms.empty()) return json{{"n", 0}};
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double x : ms) sum += x;
  return {{"n", ms.size()},
          {"mean_ms", sum / static_cast<double>(ms.size())},
          {"p50_ms", Percentile(ms, 0.50)},
          {"p90_ms", Percentile(ms, 0.90)},
          {"p99_ms", Percentile(ms, 0.99)},
          {"max_ms", ms.back()}};
}

// What the process holds: resident set and peak from /proc/self/status, heap in use from malloc.
struct Memory {
  std::int64_t rss_bytes = 0, peak_rss_bytes = 0, heap_bytes = 0;
};
Memory MemoryNow() {
  Memory m;
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    auto kb = [&](const char* key) -> std::int64_t {
      if (line.rfind(key, 0) != 0) return -1;
      return std::atoll(line.c_str() + std::strlen(key)) * 1024;
    };
    if (auto v = kb("VmRSS:"); v >= 0) m.rss_bytes = v;
    if (auto v = kb("VmHWM:"); v >= 0) m.peak_rss_bytes = v;
  }
  const struct mallinfo2 mi = mallinfo2();
  m.heap_bytes = static_cast<std::int64_t>(mi.uordblks + mi.hblkhd);
  return m;
}

// Makes VmHWM start again from the current RSS (Linux: "5" to clear_refs), so that the peak read
// after a step is that step's.
void ResetPeakRss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
}

// The 1-minute load average: other work on the machine skews every timing.
double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double load = 0;
  in >> load;
  return load;
}

std::int64_t MemTotalBytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::int64_t kb = 0;
  in >> key >> kb;
  return kb * 1024;
}

// Reads the rows a rebuild reads, through the store, with the same statements and the same
// streaming (analytics::FactStatements, Transaction::Scan): every cell's text, and nothing done
// with it but adding up its length; returns how many rows.
base::Result<std::int64_t> ReadThroughStore(store::Database& db) {
  std::int64_t rows = 0, bytes = 0;
  PCMD_RETURN_IF_ERROR(db.Read([&](store::Transaction& tx) -> Status {
    for (const auto& sql : analytics::FactStatements()) {
      PCMD_RETURN_IF_ERROR(tx.Scan(sql, {}, [&](const store::RowView& r) {
        ++rows;
        for (std::size_t c = 0; c < r.size(); ++c) bytes += static_cast<std::int64_t>(r.Text(c).size());
        return Status::Ok();
      }));
    }
    return Status::Ok();
  }));
  if (bytes < 0) return base::Internal("unreachable");  // keeps the reads from being optimised away
  return rows;
}

// The same rows through Transaction::Query, the materialised read the other modules use (and the
// rebuild used before Scan): `records` in keyset pages of 20,000 by id, since a result is held whole.
base::Result<std::int64_t> QueryThroughStore(store::Database& db) {
  std::int64_t rows = 0;
  PCMD_RETURN_IF_ERROR(db.Read([&](store::Transaction& tx) -> Status {
    const auto& statements = analytics::FactStatements();
    std::string after;
    while (true) {
      PCMD_ASSIGN_OR_RETURN(store::Rows page,
                            tx.Query(statements[0] + " AND id > :1 ORDER BY id LIMIT 20000", {after}));
      rows += static_cast<std::int64_t>(page.size());
      if (page.size() < 20000) break;
      after = page.back().Text(0);
    }
    for (std::size_t i = 1; i < statements.size(); ++i) {
      PCMD_ASSIGN_OR_RETURN(store::Rows r, tx.Query(statements[i]));
      rows += static_cast<std::int64_t>(r.size());
    }
    return Status::Ok();
  }));
  return rows;
}

// ---- hand-written SQL: what a system without the engine asks the store -------------------------

// The unit and every unit below it, as the latest versions of the tree link them.
constexpr const char* kSubtree =
    "WITH RECURSIVE sub(code) AS (SELECT CAST(:1 AS TEXT) UNION SELECT u.code FROM units u JOIN "
    "sub ON "
    "u.parent_code = sub.code WHERE u.valid_to IS NULL) ";

std::string J(store::Engine e, const std::string& field) {
  return e == store::Engine::kSqlite ? "json_extract(data, '$." + field + "')"
                                     : "(data::jsonb->>'" + field + "')";
}

// A date in Vietnam (UTC+7) of an ISO 8601 UTC time column, as text.
std::string LocalDay(store::Engine e, const std::string& column) {
  return e == store::Engine::kSqlite
             ? "date(" + column + ", '+7 hours')"
             : "to_char(CAST(" + column + " AS timestamp) + interval '7 hours', 'YYYY-MM-DD')";
}

struct SqlAnswer {
  std::int64_t numerator = 0;
  std::optional<std::int64_t> denominator;
};

int MonthIndex(Date d) { return d.year() * 12 + d.month() - 1; }

// Answers T2, T3, T8 and T10 of plan 184 for a unit and period with SQL only.
base::Result<SqlAnswer> AnswerWithSql(store::Database& db, const std::string& target,
                                      const std::string& unit, const Period& period, Date today) {
  const store::Engine e = db.engine();
  const Date as_of = std::min(period.last, today);
  const std::string first = period.first.ToString(), last = period.last.ToString();
  const int year = period.last.year();
  const std::string year_first = Date::FromCivil(year, 1, 1).ToString();
  const std::string year_last = Date::FromCivil(year, 12, 31).ToString();
  const std::string in_sub = " AND unit_code IN (SELECT code FROM sub)";
  SqlAnswer out;
  Status s = db.Read([&](store::Transaction& tx) -> Status {
    auto one = [&](const std::string& sql, const store::Params& p) -> base::Result<store::Rows> {
      return tx.Query(kSubtree + sql, p);
    };
    if (target == "T2") {
      const Date until = std::min(period.last, as_of);
      PCMD_ASSIGN_OR_RETURN(
          auto rows, one("SELECT COUNT(DISTINCT substr(record_date, 1, 7)) FROM records WHERE "
                         "type = 'press_item' AND deleted_at IS NULL AND record_date >= :2 AND "
                         "record_date <= :3" +
                             in_sub,
                         {unit, first, until.ToString()}));
      out.numerator = rows[0].Int(0);
      out.denominator = until < period.first ? 0 : MonthIndex(until) - MonthIndex(period.first) + 1;
    } else if (target == "T3") {
      PCMD_ASSIGN_OR_RETURN(
          auto num, one("SELECT COALESCE(SUM(CAST(" + J(e, "new_people_reached") +
                            " AS BIGINT)), 0) FROM records WHERE type = 'outreach' AND deleted_at "
                            "IS NULL AND record_date >= :2 AND record_date <= :3 AND COALESCE(" +
                            J(e, "establishment") + ", '') <> ''" + in_sub,
                        {unit, year_first, year_last}));
      PCMD_ASSIGN_OR_RETURN(
          auto den, one("SELECT COALESCE(SUM(CAST(" + J(e, "workers") +
                            " AS BIGINT)), 0) FROM records WHERE type = 'establishment_workforce' "
                            "AND deleted_at IS NULL AND CAST(" +
                            J(e, "year") + " AS BIGINT) = :2" + in_sub,
                        {unit, std::int64_t{year}}));
      out.numerator = num[0].Int(0);
      out.denominator = den[0].Int(0);
    } else if (target == "T8") {
      const std::string settled = "CASE WHEN handled_at <> '' THEN " + LocalDay(e, "handled_at") +
                                  " WHEN status = 'transferred' AND closed_at <> '' THEN " +
                                  LocalDay(e, "closed_at") + " END";
      PCMD_ASSIGN_OR_RETURN(
          auto rows,
          one("SELECT COALESCE(SUM(CASE WHEN s IS NOT NULL AND s <= dl THEN 1 ELSE 0 END), 0), "
              "COALESCE(SUM(CASE WHEN s IS NOT NULL OR dl < :2 THEN 1 ELSE 0 END), 0) FROM "
              "(SELECT " +
                  settled +
                  " AS s, deadline AS dl FROM tips WHERE deleted_at IS NULL AND received_on >= "
                  ":3 AND received_on <= :4" +
                  in_sub + ") x",
              {unit, as_of.ToString(), first, last}));
      out.numerator = rows[0].Int(0);
      out.denominator = rows[0].Int(1);
    } else if (target == "T10") {
      PCMD_ASSIGN_OR_RETURN(
          auto num, one("SELECT COUNT(DISTINCT " + J(e, "establishment") +
                            ") FROM records WHERE type = 'inspection' AND deleted_at IS NULL AND "
                            "record_date >= :2 AND record_date <= :3 AND COALESCE(" +
                            J(e, "establishment") + ", '') <> ''" + in_sub,
                        {unit, year_first, year_last}));
      PCMD_ASSIGN_OR_RETURN(
          auto den,
          one("SELECT COUNT(*) FROM records WHERE type = 'establishment' AND deleted_at "
              "IS NULL AND record_date >= '1900-01-01' AND record_date <= :2 AND "
              "(COALESCE(" +
                  J(e, "closed_on") + ", '') = '' OR " + J(e, "closed_on") + " >= :3)" + in_sub,
              {unit, last, first}));
      out.numerator = num[0].Int(0);
      out.denominator = den[0].Int(0);
    } else {
      return base::InvalidArgument("no SQL for " + target);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

// ---- the benchmark -------------------------------------------------------------------------

struct Options {
  DatasetOptions dataset;
  std::string data_dir;  // empty: a temporary folder, removed at the end
  std::string plans_dir = PCMD_SOURCE_DIR "/data/plans";
  std::string json_file = "indicator-benchmark.json";
  int queries = 2000;
  int sql_samples = 50;
  int commits = 20;
  int poll_ms = analytics::kFollowPollMs;  // as the server polls
  bool use_postgres = true;
  int rebuilds = 0;  // --rebuild-only N: only the plain read and N rebuilds, printed (for profiling)
};

struct Triple {
  std::string target, unit, level, period;
};

class Benchmark {
 public:
  explicit Benchmark(Options options) : o_(std::move(options)), rng_(o_.dataset.seed + 7) {}

  int Run() {
    load_at_start_ = LoadAverage();
    if (Status s = Prepare(); !s.ok()) return Fail("prepare", s);
    if (Status s = ReadBaseline(); !s.ok()) return Fail("plain read", s);
    if (Status s = RebuildEngine(); !s.ok()) return Fail("rebuild", s);
    if (o_.rebuilds > 0) return RebuildsOnly();
    if (Status s = QueryLatency(); !s.ok()) return Fail("queries", s);
    if (Status s = SqlComparison(); !s.ok()) return Fail("sql", s);
    if (Status s = CommitToVisible(); !s.ok()) return Fail("commit-to-visible", s);
    results_["http"] = {
        {"skipped", true},
        {"why", "measured by bench/http_latency.py against pcmd serve (make bench runs it next)"}};
    Report();
    Cleanup();
    return 0;
  }

 private:
  int Fail(const std::string& step, const Status& s) {
    std::cerr << "benchmark failed at " << step << ": " << s.ToString() << "\n";
    Cleanup();
    return 1;
  }

  void Cleanup() {
    engine_.reset();
    pg_.reset();
    records_.reset();
    db_.reset();
    if (is_temporary_) {
      std::error_code ec;
      std::filesystem::remove_all(o_.data_dir, ec);
    }
  }

  // Opens (or generates) the SQLite store and builds what the engine and the writes need.
  Status Prepare() {
    if (o_.data_dir.empty()) {
      o_.data_dir =
          (std::filesystem::temp_directory_path() / ("pcmd-bench-" + base::RandomHex(6))).string();
      is_temporary_ = true;
    }
    std::filesystem::create_directories(o_.data_dir);
    sqlite_path_ = o_.data_dir + "/pcmd.sqlite";
    PCMD_ASSIGN_OR_RETURN(db_,
                          store::Database::Open({.url = "sqlite:" + sqlite_path_, .pool_size = 4}));
    PCMD_RETURN_IF_ERROR(db_->Migrate(app::AllMigrations()));
    PCMD_ASSIGN_OR_RETURN(std::string stamp, db_->GetSetting("bench_dataset"));
    json dataset = {{"events_asked", o_.dataset.events},
                    {"establishments", o_.dataset.EstablishmentCount()},
                    {"seed", o_.dataset.seed},
                    {"units_file", o_.dataset.units_file},
                    {"store", sqlite_path_}};
    if (stamp == o_.dataset.Stamp()) {
      std::cout << "reusing the store in " << o_.data_dir << " (" << stamp << ")\n";
      dataset["reused"] = true;
    } else if (!stamp.empty()) {
      return base::FailedPrecondition(o_.data_dir + " holds another data set (" + stamp +
                                      "); choose another --data folder");
    } else {
      PCMD_ASSIGN_OR_RETURN(store::Rows any, Query(*db_, "SELECT COUNT(*) FROM units"));
      if (any[0].Int(0) != 0) {
        return base::FailedPrecondition(o_.data_dir +
                                        " holds a store that is not a finished benchmark data set");
      }
      std::cout << "generating " << o_.dataset.events << " events into " << sqlite_path_ << "\n";
      PCMD_ASSIGN_OR_RETURN(DatasetReport r, GenerateNationalData(*db_, o_.dataset, std::cout));
      PCMD_RETURN_IF_ERROR(
          db_->SetSetting(store::Actor("bench"), "bench_dataset", o_.dataset.Stamp()));
      dataset["reused"] = false;
      dataset["generated"] = ReportJson(r);
    }
    PCMD_ASSIGN_OR_RETURN(
        store::Rows counts,
        Query(*db_,
              "SELECT (SELECT COUNT(*) FROM records), (SELECT COUNT(*) FROM tips), "
              "(SELECT COUNT(*) FROM client_assessments), (SELECT COUNT(*) FROM "
              "client_referrals), (SELECT COUNT(*) FROM clients), (SELECT COUNT(*) FROM units)"));
    dataset["rows"] = {{"records", counts[0].Int(0)},
                       {"tips", counts[0].Int(1)},
                       {"client_assessments", counts[0].Int(2)},
                       {"client_referrals", counts[0].Int(3)},
                       {"clients", counts[0].Int(4)},
                       {"units", counts[0].Int(5)}};
    dataset["store_bytes"] = static_cast<std::int64_t>(std::filesystem::file_size(sqlite_path_));
    results_["dataset"] = dataset;

    tree_ = std::make_unique<units::UnitTree>(*db_);
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    codes_ = std::make_unique<records::CodeLists>(*db_);
    records_ = std::make_unique<records::RecordStore>(*db_, *tree_, *policy_, *codes_);
    catalog_ = analytics::FactCatalog(app::AllRecordTypes());
    PCMD_ASSIGN_OR_RETURN(auto plans, app::LoadPlans(o_.plans_dir, catalog_));
    plans_ = plans;
    if (plans_.empty()) return base::NotFound("no plan in " + o_.plans_dir);
    engine_ = std::make_unique<analytics::IndicatorEngine>(*db_, *tree_, catalog_, plans_,
                                                           [] { return Today(); });
    for (const char* level : {"province", "district", "commune"}) {
      PCMD_ASSIGN_OR_RETURN(auto page, tree_->List({.level = std::string(level),
                                                    .date = Date::FromCivil(2023, 1, 1),
                                                    .limit = 1'000'000}));
      for (const auto& u : page.items) units_by_level_[level].push_back(u.code);
    }
    return Status::Ok();
  }

  // Every period of 2021–2025 is over on this day, whatever the machine's clock says.
  static Date Today() { return Date::FromCivil(2026, 1, 15); }

  static json ReportJson(const DatasetReport& r) {
    return {{"events", r.events},
            {"registers", r.registers},
            {"units", r.units},
            {"units_seconds", r.units_seconds},
            {"rows_seconds", r.rows_seconds},
            {"rows", r.rows}};
  }

  static base::Result<store::Rows> Query(store::Database& db, const std::string& sql,
                                         const store::Params& p = {}) {
    store::Rows rows;
    PCMD_RETURN_IF_ERROR(db.Read([&](store::Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(rows, tx.Query(sql, p));
      return Status::Ok();
    }));
    return rows;
  }

  // The rows a rebuild reads, read with the same statements and nothing done with them: through
  // the store as the rebuild reads them (Scan, the goal's baseline), through the store's
  // materialised Query, and straight through SQLite's C interface.
  Status ReadBaseline() {
    std::cout << "reading the rows a rebuild reads (plain SELECT)\n" << std::flush;
    auto started = Clock::now();
    PCMD_RETURN_IF_ERROR(QueryThroughStore(*db_).status());
    const double query_s = SecondsSince(started);
    malloc_trim(0);
    started = Clock::now();
    PCMD_ASSIGN_OR_RETURN(const std::int64_t rows, ReadThroughStore(*db_));
    const double store_s = SecondsSince(started);
    malloc_trim(0);

    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(sqlite_path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(raw);
      return base::Unavailable("cannot open the store with sqlite3");
    }
    started = Clock::now();
    std::int64_t raw_rows = 0, bytes = 0;
    for (const auto& sql : analytics::FactStatements()) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        return base::Internal(std::string("sqlite3: ") + sqlite3_errmsg(raw));
      }
      while (sqlite3_step(st) == SQLITE_ROW) {
        ++raw_rows;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
          sqlite3_column_text(st, c);
          bytes += sqlite3_column_bytes(st, c);
        }
      }
      sqlite3_finalize(st);
    }
    const double raw_s = SecondsSince(started);
    sqlite3_close(raw);
    rows_read_ = rows;
    results_["read"] = {{"rows", rows},
                        {"store_seconds", store_s},
                        {"store_rows_per_s", static_cast<double>(rows) / store_s},
                        {"store_query_seconds", query_s},
                        {"sqlite3_seconds", raw_s},
                        {"sqlite3_rows_per_s", static_cast<double>(raw_rows) / raw_s},
                        {"sqlite3_bytes", bytes}};
    return Status::Ok();
  }

  Status RebuildEngine() {
    std::cout << "rebuilding the engine\n" << std::flush;
    malloc_trim(0);
    ResetPeakRss();
    const Memory before = MemoryNow();
    const auto started = Clock::now();
    PCMD_RETURN_IF_ERROR(engine_->Rebuild());
    const double seconds = SecondsSince(started);
    const Memory peak = MemoryNow();
    malloc_trim(0);
    const Memory after = MemoryNow();
    facts_ = static_cast<std::int64_t>(engine_->fact_count());
    const auto events = results_["dataset"].contains("generated")
                            ? results_["dataset"]["generated"]["events"].get<std::int64_t>()
                            : o_.dataset.events;
    const double heap_per_fact =
        static_cast<double>(after.heap_bytes - before.heap_bytes) / static_cast<double>(facts_);
    const double rss_per_fact =
        static_cast<double>(after.rss_bytes - before.rss_bytes) / static_cast<double>(facts_);
    results_["rebuild"] = {
        {"seconds", seconds},
        {"rows_read", rows_read_},
        {"rows_per_s", static_cast<double>(rows_read_) / seconds},
        {"facts", facts_},
        {"facts_per_s", static_cast<double>(facts_) / seconds},
        {"vs_store_read", seconds / results_["read"]["store_seconds"].get<double>()},
        {"vs_sqlite3_read", seconds / results_["read"]["sqlite3_seconds"].get<double>()},
        {"vs_store_query_read", seconds / results_["read"]["store_query_seconds"].get<double>()}};
    const auto times = engine_->last_rebuild();
    results_["rebuild"]["phases"] = {{"reading_seconds", times.reading_seconds},
                                     {"adding_busy_seconds", times.adding_seconds},
                                     {"all_added_seconds", times.added_seconds},
                                     {"layout_seconds", times.layout_seconds},
                                     {"reader_waiting_seconds", times.waiting_seconds}};
    results_["memory"] = {
        {"heap_before_bytes", before.heap_bytes},
        {"heap_after_bytes", after.heap_bytes},
        {"rss_before_bytes", before.rss_bytes},
        {"rss_after_bytes", after.rss_bytes},
        {"rss_after_rebuild_untrimmed_bytes", peak.rss_bytes},
        {"peak_rss_during_rebuild_bytes", after.peak_rss_bytes},
        {"heap_bytes_per_fact", heap_per_fact},
        {"rss_bytes_per_fact", rss_per_fact},
        {"heap_bytes_per_event_row",
         static_cast<double>(after.heap_bytes - before.heap_bytes) / static_cast<double>(events)}};
    return Status::Ok();
  }

  std::vector<std::string> Periods() const {
    std::vector<std::string> out;
    for (int y = 2021; y <= 2025; ++y) {
      out.push_back(std::to_string(y));
      for (int q = 1; q <= 4; ++q) out.push_back(std::to_string(y) + "Q" + std::to_string(q));
    }
    out.push_back("P2021-2025");
    return out;
  }

  Triple RandomTriple(const std::vector<std::string>& targets) {
    static const std::vector<std::string> levels = {"province", "district", "commune"};
    Triple t;
    t.target = targets[std::uniform_int_distribution<std::size_t>(0, targets.size() - 1)(rng_)];
    t.level = levels[std::uniform_int_distribution<std::size_t>(0, 2)(rng_)];
    const auto& codes = units_by_level_.at(t.level);
    t.unit = codes[std::uniform_int_distribution<std::size_t>(0, codes.size() - 1)(rng_)];
    // A year, a quarter or the whole plan, each a third of the time.
    const int kind = std::uniform_int_distribution<int>(0, 2)(rng_);
    const int year = std::uniform_int_distribution<int>(2021, 2025)(rng_);
    if (kind == 0) t.period = std::to_string(year);
    if (kind == 1)
      t.period = std::to_string(year) + "Q" +
                 std::to_string(std::uniform_int_distribution<int>(1, 4)(rng_));
    if (kind == 2) t.period = "P2021-2025";
    return t;
  }

  base::Result<double> TimeEvaluate(const Triple& t, analytics::IndicatorValue* out = nullptr) {
    const Period period = Period::Parse(t.period).value();
    const auto started = Clock::now();
    auto v = engine_->Evaluate(kPlan, t.target, t.unit, period);
    const double ms = Ms(Clock::now() - started);
    if (!v.ok()) return v.status();
    if (out) *out = *v;
    return ms;
  }

  Status QueryLatency() {
    std::cout << "querying " << o_.queries << " random (target, unit, period) triples\n"
              << std::flush;
    const plan::Plan* plan = engine_->FindPlan(kPlan);
    if (!plan) return base::NotFound("no plan-184");
    std::vector<std::string> targets;
    for (const auto& t : plan->targets) targets.push_back(t.id);
    // Warm-up: every target for every period once at a province, which fills the engine's cache of
    // units by level and date (its first look-up of a day reads the unit tree).
    const auto warm_started = Clock::now();
    for (const auto& p : Periods()) {
      for (const auto& t : targets)
        PCMD_RETURN_IF_ERROR(
            TimeEvaluate({t, units_by_level_["province"][0], "province", p}).status());
    }
    const double warm_s = SecondsSince(warm_started);
    std::vector<double> all;
    std::map<std::string, std::vector<double>> by_target, by_level, by_period_kind;
    for (int i = 0; i < o_.queries; ++i) {
      const Triple t = RandomTriple(targets);
      PCMD_ASSIGN_OR_RETURN(double ms, TimeEvaluate(t));
      all.push_back(ms);
      by_target[t.target].push_back(ms);
      by_level[t.level].push_back(ms);
      by_period_kind[t.period.size() == 4   ? "year"
                     : t.period.size() == 6 ? "quarter"
                                            : "plan"]
          .push_back(ms);
    }
    json j = Summary(all);
    j["warm_up_seconds"] = warm_s;
    j["warm_up_queries"] = Periods().size() * targets.size();
    for (auto& [k, v] : by_target) j["by_target"][k] = Summary(v);
    for (auto& [k, v] : by_level) j["by_level"][k] = Summary(v);
    for (auto& [k, v] : by_period_kind) j["by_period"][k] = Summary(v);
    j["facts_by_type"] = FactsByType();
    results_["query"] = j;
    return Status::Ok();
  }

  json FactsByType() {
    json out = json::object();
    auto rows = Query(
        *db_,
        "SELECT type, COUNT(*) FROM records WHERE deleted_at IS NULL GROUP BY type ORDER BY type");
    if (rows.ok()) {
      for (const auto& r : *rows) out[r.Text(0)] = r.Int(1);
    }
    return out;
  }

  // The same questions (T2, T3, T8, T10) answered by SQL, on SQLite and PostgreSQL, against the
  // engine's time and value for the same triple.
  Status SqlComparison() {
    std::vector<Triple> sample;
    for (int i = 0; i < o_.sql_samples; ++i)
      sample.push_back(RandomTriple({"T2", "T3", "T8", "T10"}));
    std::vector<store::Database*> stores = {db_.get()};
    if (o_.use_postgres && testkit::PostgresAvailable()) {
      PCMD_RETURN_IF_ERROR(PreparePostgres());
      stores.push_back(&pg_->db());
    } else {
      results_["postgresql"] = {
          {"skipped", true},
          {"why", o_.use_postgres ? "PCMD_TEST_PG_URL is not set" : "--no-postgres"}};
    }
    std::cout << "answering " << sample.size() << " triples with SQL on " << stores.size()
              << " engine(s)\n"
              << std::flush;
    std::vector<double> engine_ms;
    std::vector<analytics::IndicatorValue> engine_values;
    for (const auto& t : sample) {
      analytics::IndicatorValue v;
      // The engine's best of three, as the SQL's (both warm).
      double best = 1e300;
      for (int r = 0; r < 3; ++r) {
        PCMD_ASSIGN_OR_RETURN(double ms, TimeEvaluate(t, &v));
        best = std::min(best, ms);
      }
      engine_ms.push_back(best);
      engine_values.push_back(v);
    }
    json j;
    j["engine"] = Summary(engine_ms);
    json triples = json::array();
    for (std::size_t i = 0; i < sample.size(); ++i) {
      const Triple& t = sample[i];
      triples.push_back({{"target", t.target},
                         {"unit", t.unit},
                         {"level", t.level},
                         {"period", t.period},
                         {"engine_ms", engine_ms[i]}});
    }
    for (store::Database* db : stores) {
      const std::string name(store::EngineName(db->engine()));
      std::vector<double> sql_ms, ratios;
      std::map<std::string, std::vector<double>> ratio_by_target, ratio_by_level;
      std::map<std::string, std::pair<double, double>> totals_by_level;  // sql, engine
      double sql_total = 0, engine_total = 0;
      int mismatches = 0;
      json examples = json::array();
      for (std::size_t i = 0; i < sample.size(); ++i) {
        const Triple& t = sample[i];
        const Period period = Period::Parse(t.period).value();
        double best = 1e300;
        SqlAnswer a;
        for (int r = 0; r < 3; ++r) {
          const auto started = Clock::now();
          PCMD_ASSIGN_OR_RETURN(a, AnswerWithSql(*db, t.target, t.unit, period, Today()));
          best = std::min(best, Ms(Clock::now() - started));
        }
        sql_ms.push_back(best);
        sql_total += best;
        engine_total += engine_ms[i];
        totals_by_level[t.level].first += best;
        totals_by_level[t.level].second += engine_ms[i];
        const double ratio = best / std::max(engine_ms[i], 1e-6);
        ratios.push_back(ratio);
        ratio_by_target[t.target].push_back(ratio);
        ratio_by_level[t.level].push_back(ratio);
        triples[i][name + "_ms"] = best;
        const auto& v = engine_values[i];
        const bool same = v.numerator == a.numerator && v.denominator == a.denominator;
        triples[i]["value"] = {v.numerator, v.denominator ? *v.denominator : -1};
        if (!same) {
          ++mismatches;
          triples[i][name + "_value"] = {a.numerator, a.denominator ? *a.denominator : -1};
          if (examples.size() < 5) examples.push_back(triples[i]);
        }
      }
      json e = {{"sql", Summary(sql_ms)},
                {"ratio_of_totals", sql_total / engine_total},
                {"ratio_median", Percentile(ratios, 0.5)},
                {"ratio_min", Percentile(ratios, 0.0)},
                {"value_mismatches", mismatches},
                {"mismatch_examples", examples}};
      for (auto& [k, v] : ratio_by_target) e["ratio_median_by_target"][k] = Percentile(v, 0.5);
      for (auto& [k, v] : ratio_by_level) e["ratio_median_by_level"][k] = Percentile(v, 0.5);
      for (auto& [k, v] : totals_by_level) e["ratio_of_totals_by_level"][k] = v.first / v.second;
      j[name] = e;
    }
    j["triples"] = triples;
    results_["sql"] = j;
    return Status::Ok();
  }

  // The same data set in a throw-away PostgreSQL database, and an engine rebuilt from it.
  Status PreparePostgres() {
    std::cout << "generating the same data into PostgreSQL\n" << std::flush;
    try {
      pg_ = std::make_unique<testkit::TestStore>(store::Engine::kPostgresql);
    } catch (const std::exception& e) {
      return base::Unavailable(std::string("postgresql: ") + e.what());
    }
    PCMD_RETURN_IF_ERROR(pg_->db().Migrate(app::AllMigrations()));
    PCMD_ASSIGN_OR_RETURN(DatasetReport r, GenerateNationalData(pg_->db(), o_.dataset, std::cout));
    json pg = {{"generated", ReportJson(r)}};
    auto started = Clock::now();
    PCMD_ASSIGN_OR_RETURN(const std::int64_t rows, ReadThroughStore(pg_->db()));
    pg["read_seconds"] = SecondsSince(started);
    pg["read_rows"] = rows;
    malloc_trim(0);
    {
      units::UnitTree tree(pg_->db());
      analytics::IndicatorEngine engine(pg_->db(), tree, catalog_, plans_, [] { return Today(); });
      started = Clock::now();
      PCMD_RETURN_IF_ERROR(engine.Rebuild());
      pg["rebuild_seconds"] = SecondsSince(started);
      pg["rebuild_facts"] = engine.fact_count();
    }
    malloc_trim(0);
    results_["postgresql"] = pg;
    return Status::Ok();
  }

  // Writes through RecordStore::Create (so the change-log entry is real) while the engine follows
  // the log, and waits for the new fact and the changed value.
  Status CommitToVisible() {
    std::cout << "commit-to-visible, " << o_.commits << " writes, engine polling every "
              << o_.poll_ms << " ms\n"
              << std::flush;
    PCMD_ASSIGN_OR_RETURN(
        store::Rows est, Query(*db_,
                               "SELECT id, unit_code FROM records WHERE type = 'establishment' "
                               "AND deleted_at IS NULL AND record_date <= '2024-01-01' ORDER BY id "
                               "LIMIT :1",
                               {std::int64_t{o_.commits}}));
    if (est.empty()) return base::NotFound("no establishment to reach");
    const access::Subject subject{"bench", access::Role::kProvinceOfficer, "VN"};
    const Period year = Period::Parse("2024").value();
    std::vector<double> visible_ms, value_ms, write_ms;
    std::vector<std::string> made;
    engine_->Start(o_.poll_ms);
    Status status = Status::Ok();
    for (int i = 0; i < o_.commits && status.ok(); ++i) {
      const auto& row = est[static_cast<std::size_t>(i) % est.size()];
      const std::string unit = row.Text(1);
      auto before = engine_->Evaluate(kPlan, "T3", unit, year);
      if (!before.ok()) {
        status = before.status();
        break;
      }
      const std::size_t facts_before = engine_->fact_count();
      bool created = false;
      const auto write_started = Clock::now();
      auto rec = records_->Create(subject, store::Actor("bench"), activities::Outreach(),
                                  {.unit_code = unit,
                                   .date = Date::FromCivil(2024, 6, 15),
                                   .values = {{"establishment", row.Text(0)},
                                              {"people_reached", std::int64_t{7}},
                                              {"new_people_reached", std::int64_t{7}}}},
                                  &created);
      const auto committed = Clock::now();
      if (!rec.ok()) {
        status = rec.status();
        break;
      }
      made.push_back(rec->id);
      write_ms.push_back(Ms(committed - write_started));
      // The fact: polled cheaply and often; then the value, as a reader sees it.
      while (engine_->fact_count() == facts_before && SecondsSince(committed) < 10) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
      visible_ms.push_back(Ms(Clock::now() - committed));
      while (SecondsSince(committed) < 10) {
        auto now = engine_->Evaluate(kPlan, "T3", unit, year);
        if (now.ok() && now->numerator == before->numerator + 7) break;
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
      value_ms.push_back(Ms(Clock::now() - committed));
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 60)(rng_)));
    }
    engine_->Stop();
    // The data set stays as generated: the benchmark's own records go again (the change-log
    // entries stay; the log is append-only).
    Status removed = db_->Write(store::Actor("bench"), [&](store::Transaction& tx) -> Status {
      for (const auto& id : made) {
        PCMD_RETURN_IF_ERROR(
            tx.Exec("DELETE FROM record_history WHERE record_id = :1", {id}).status());
        PCMD_RETURN_IF_ERROR(tx.Exec("DELETE FROM records WHERE id = :1", {id}).status());
      }
      return Status::Ok();
    });
    PCMD_RETURN_IF_ERROR(status);
    PCMD_RETURN_IF_ERROR(removed);
    results_["commit_to_visible"] = {{"poll_ms", o_.poll_ms},
                                     {"fact_visible", Summary(visible_ms)},
                                     {"value_changed", Summary(value_ms)},
                                     {"write", Summary(write_ms)}};
    return Status::Ok();
  }

  // The plain read and the rebuild, N times, as they go: for profiling the rebuild.
  int RebuildsOnly() {
    for (int i = 0; i < o_.rebuilds; ++i) {
      if (i > 0) {
        if (Status s = ReadBaseline(); !s.ok()) return Fail("plain read", s);
        if (Status s = RebuildEngine(); !s.ok()) return Fail("rebuild", s);
      }
      const auto& phases = results_["rebuild"]["phases"];
      std::cout << "plain read " << results_["read"]["store_seconds"].get<double>() << " s (Query "
                << results_["read"]["store_query_seconds"].get<double>() << " s), rebuild "
                << results_["rebuild"]["seconds"].get<double>() << " s ("
                << results_["rebuild"]["vs_store_read"].get<double>() << "x): read "
                << phases["reading_seconds"].get<double>() << " s (waiting "
                << phases["reader_waiting_seconds"].get<double>() << "), adder busy "
                << phases["adding_busy_seconds"].get<double>() << ", layout " << phases["layout_seconds"].get<double>()
                << "; " << facts_ << " facts, heap " << results_["memory"]["heap_bytes_per_fact"].get<double>()
                << " B a fact, peak RSS "
                << (results_["memory"]["peak_rss_during_rebuild_bytes"].get<std::int64_t>() >> 20) << " MiB\n";
    }
    Cleanup();
    return 0;
  }

  // ---- the report ----------------------------------------------------------------------------

  void Report() {
    const json& r = results_;
    json goals = json::array();
    auto goal = [&](const std::string& name, std::optional<double> value, const std::string& unit,
                    double limit, bool at_most, const std::string& goal_text,
                    const std::string& note = "") {
      json g = {{"goal", name}, {"target", goal_text}, {"unit", unit}};
      if (!value) {
        g["verdict"] = "SKIPPED";
        g["note"] = note;
      } else {
        g["measured"] = *value;
        g["verdict"] = (at_most ? *value <= limit : *value >= limit) ? "PASS" : "MISS";
        if (!note.empty()) g["note"] = note;
      }
      goals.push_back(g);
    };
    goal("query p99 in process", r["query"]["p99_ms"].get<double>(), "ms", 1.0, true, "< 1 ms");
    goal("query p99 over HTTP", std::nullopt, "ms", 5.0, true, "< 5 ms",
         r["http"]["why"].get<std::string>());
    auto ratio = [&](const std::string& engine, const char* which) -> std::optional<double> {
      if (!r["sql"].contains(engine)) return std::nullopt;
      return r["sql"][engine][which].get<double>();
    };
    const std::string no_pg =
        r["postgresql"].contains("why") ? r["postgresql"]["why"].get<std::string>() : "";
    goal("SQL/engine on SQLite, median of triples", ratio("sqlite", "ratio_median"), "x", 100,
         false, ">= 100x");
    goal("SQL/engine on SQLite, total time", ratio("sqlite", "ratio_of_totals"), "x", 100, false,
         ">= 100x");
    goal("SQL/engine on PostgreSQL, median of triples", ratio("postgresql", "ratio_median"), "x",
         100, false, ">= 100x", no_pg);
    goal("SQL/engine on PostgreSQL, total time", ratio("postgresql", "ratio_of_totals"), "x", 100,
         false, ">= 100x", no_pg);
    goal("commit to visible p99", r["commit_to_visible"]["value_changed"]["p99_ms"].get<double>(),
         "ms", 100, true, "< 100 ms");
    goal("memory per fact (heap)", r["memory"]["heap_bytes_per_fact"].get<double>(), "B", 100, true,
         "< 100 B");
    goal("rebuild time / plain read time", r["rebuild"]["vs_store_read"].get<double>(), "x", 1.0,
         true, "<= 1.0x");
    results_["goals"] = goals;

    const auto& d = r["dataset"];
    std::cout << "\n== indicator engine benchmark (issue 7) ==\n";
    std::cout << "data: " << d["rows"]["records"] << " records, " << d["rows"]["tips"] << " tips, "
              << d["rows"]["client_assessments"] << " assessments, "
              << d["rows"]["client_referrals"] << " referrals; " << d["rows"]["units"] << " units; "
              << facts_ << " facts; store " << d["store_bytes"].get<std::int64_t>() / (1 << 20)
              << " MiB\n";
    std::cout << std::fixed << std::setprecision(3);
    auto line = [](const std::string& what, const std::string& value) {
      std::cout << "  " << std::left << std::setw(48) << what << value << "\n";
    };
    auto num = [](double v, int precision = 3) {
      std::ostringstream s;
      s << std::fixed << std::setprecision(precision) << v;
      return s.str();
    };
    line("plain read (store Scan / store Query / sqlite3)",
         num(r["read"]["store_seconds"].get<double>()) + " s / " +
             num(r["read"]["store_query_seconds"].get<double>()) + " s / " +
             num(r["read"]["sqlite3_seconds"].get<double>()) + " s, " +
             num(r["read"]["store_rows_per_s"].get<double>(), 0) + " rows/s");
    line("rebuild", num(r["rebuild"]["seconds"].get<double>()) + " s, " +
                        num(r["rebuild"]["rows_per_s"].get<double>(), 0) + " rows/s");
    line("  rebuild / plain read (Scan / Query)",
         num(r["rebuild"]["vs_store_read"].get<double>(), 2) + "x / " +
             num(r["rebuild"]["vs_store_query_read"].get<double>(), 2) + "x");
    const auto& phases = r["rebuild"]["phases"];
    line("  read (waiting) / added (busy) / layout",
         num(phases["reading_seconds"].get<double>()) + " (" +
             num(phases["reader_waiting_seconds"].get<double>()) + ") / " + num(phases["all_added_seconds"].get<double>()) +
             " (" + num(phases["adding_busy_seconds"].get<double>()) + ") / +" +
             num(phases["layout_seconds"].get<double>()) + " s");
    line(
        "memory after rebuild (heap / RSS, per fact)",
        num(r["memory"]["heap_bytes_per_fact"].get<double>(), 0) + " B / " +
            num(r["memory"]["rss_bytes_per_fact"].get<double>(), 0) + " B; peak RSS " +
            std::to_string(r["memory"]["peak_rss_during_rebuild_bytes"].get<std::int64_t>() >> 20) +
            " MiB during the rebuild");
    line("query p50 / p99 / max", num(r["query"]["p50_ms"].get<double>()) + " / " +
                                      num(r["query"]["p99_ms"].get<double>()) + " / " +
                                      num(r["query"]["max_ms"].get<double>()) + " ms");
    for (const auto& [target, s] : r["query"]["by_target"].items()) {
      line("  " + target + " p50 / p99",
           num(s["p50_ms"].get<double>()) + " / " + num(s["p99_ms"].get<double>()) + " ms");
    }
    for (const auto& [level, s] : r["query"]["by_level"].items()) {
      line("  at a " + level + " p50 / p99",
           num(s["p50_ms"].get<double>()) + " / " + num(s["p99_ms"].get<double>()) + " ms");
    }
    for (const auto& [engine, s] : r["sql"].items()) {
      if (engine == "engine" || engine == "triples") continue;
      line("SQL on " + engine + " p50 / p99", num(s["sql"]["p50_ms"].get<double>()) + " / " +
                                                  num(s["sql"]["p99_ms"].get<double>()) + " ms; " +
                                                  std::to_string(s["value_mismatches"].get<int>()) +
                                                  " values differ from the engine's");
      for (const auto& [level, x] : s["ratio_median_by_level"].items()) {
        line("  SQL/engine at a " + level + " (median / totals)",
             num(x.get<double>(), 1) + "x / " +
                 num(s["ratio_of_totals_by_level"][level].get<double>(), 1) + "x");
      }
    }
    line("commit to visible p50 / p99 (value)",
         num(r["commit_to_visible"]["value_changed"]["p50_ms"].get<double>()) + " / " +
             num(r["commit_to_visible"]["value_changed"]["p99_ms"].get<double>()) + " ms (poll " +
             std::to_string(o_.poll_ms) + " ms)");
    std::cout << "\n  " << std::left << std::setw(48) << "goal" << std::setw(16) << "target"
              << std::setw(16) << "measured"
              << "verdict\n";
    for (const auto& g : goals) {
      const std::string measured = g.contains("measured") ? num(g["measured"].get<double>(), 3) +
                                                                " " + g["unit"].get<std::string>()
                                                          : "-";
      std::cout << "  " << std::setw(48) << g["goal"].get<std::string>() << std::setw(16)
                << g["target"].get<std::string>() << std::setw(16) << measured
                << g["verdict"].get<std::string>() << "\n";
    }
    results_["machine"] = {{"cpus", std::thread::hardware_concurrency()},
                           {"mem_total_bytes", MemTotalBytes()},
                           {"load_average_at_start", load_at_start_},
                           {"load_average_at_end", LoadAverage()},
                           {"sqlite_version", sqlite3_libversion()}};
    std::ofstream out(o_.json_file);
    out << results_.dump(2) << "\n";
    std::cout << "\nload average " << load_at_start_ << " at the start, " << LoadAverage()
              << " at the end (" << std::thread::hardware_concurrency() << " CPUs)\n";
    std::cout << "figures written to " << o_.json_file << "\n";
  }

  Options o_;
  std::mt19937_64 rng_;
  bool is_temporary_ = false;
  std::string sqlite_path_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<testkit::TestStore> pg_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<records::CodeLists> codes_;
  std::unique_ptr<records::RecordStore> records_;
  std::map<std::string, analytics::FactType> catalog_;
  std::vector<plan::Plan> plans_;
  std::unique_ptr<analytics::IndicatorEngine> engine_;
  std::map<std::string, std::vector<std::string>> units_by_level_;
  std::int64_t rows_read_ = 0;
  std::int64_t facts_ = 0;
  double load_at_start_ = 0;
  json results_;
};

}  // namespace
}  // namespace pcmd::bench

int main(int argc, char** argv) {
  pcmd::bench::Options o;
  o.dataset.units_file = PCMD_SOURCE_DIR "/../shared/data/vn-units.csv";
  CLI::App app{"The indicator engine against the goals of issue 7, on generated national data"};
  app.add_option("--events", o.dataset.events,
                 "event rows to generate (the issue's sizes: 2000000, 20000000)");
  app.add_option("--establishments", o.dataset.establishments,
                 "establishments (default events/10, 2,000-200,000)");
  app.add_option("--seed", o.dataset.seed, "seed of the generator");
  app.add_option("--units", o.dataset.units_file, "unit file (code,name,level,type,parent_code)");
  app.add_option(
      "--data", o.data_dir,
      "folder of the SQLite store, kept and reused by later runs of the same size and seed "
      "(default: a temporary folder, removed at the end)");
  app.add_option("--plans", o.plans_dir, "folder of the plan definitions");
  app.add_option("--queries", o.queries, "random (target, unit, period) triples to time");
  app.add_option("--sql-samples", o.sql_samples, "triples (T2, T3, T8, T10) answered by SQL too");
  app.add_option("--commits", o.commits, "writes for the commit-to-visible latency");
  app.add_option("--poll-ms", o.poll_ms,
                 "the engine's change-log poll interval (the server's: 50)");
  app.add_option("--json", o.json_file, "file for the figures as JSON");
  bool no_pg = false;
  app.add_flag("--no-postgres", no_pg, "skip PostgreSQL even when PCMD_TEST_PG_URL is set");
  app.add_option("--rebuild-only", o.rebuilds,
                 "only the plain read and the rebuild, this many times, printed (for profiling)");
  CLI11_PARSE(app, argc, argv);
  o.use_postgres = !no_pg;
  return pcmd::bench::Benchmark(std::move(o)).Run();
}
