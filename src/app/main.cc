// pcmd: the information system of Ninh Bình's prostitution prevention and control
// programme. This file is the command line; app/wiring.cc connects the modules.
#include <CLI/CLI.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <tuple>
#include <sstream>

#include "access/closed_unit_accounts.h"
#include "app/config.h"
#include "app/demo.h"
#include "api/records_api.h"
#include "app/wiring.h"
#include "base/csv.h"
#include "base/log.h"
#include "exports/table_file.h"
#include "domain/records/record_io.h"
#include "domain/units/unit_file.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

#ifndef PCMD_VERSION
#define PCMD_VERSION "dev"
#endif

namespace pcmd::app {
namespace {

// Flags shared by subcommands; empty means "not given".
struct Flags {
  std::string config, data, db, listen, web, log_level, units_file, effective, changes_file, to_code, trees_dir;
  std::int64_t change_id = 0;
  bool to_confirm = false;
  std::string username, role, unit, display_name;
  std::string record_type, file, mode = "all", format = "csv", period, out;
  unsigned seed = 184;
  bool keep_password = false;
  bool force = false;
  int threads = 0;
};

void AddStoreOptions(CLI::App* cmd, Flags& f) {
  cmd->add_option("--config", f.config, "TOML configuration file (also PCMD_CONFIG)");
  cmd->add_option("--data", f.data, "folder of the embedded SQLite store (also PCMD_DATA)");
  cmd->add_option("--db", f.db, "postgresql://user@host:port/db instead of SQLite (also PCMD_DB)");
  cmd->add_option("--log-level", f.log_level, "debug, info, warn or error");
}

// Defaults, then the file, then the environment, then the flags.
base::Result<Config> Resolve(const Flags& f) {
  Config c;
  std::string file = f.config;
  if (file.empty()) {
    if (const char* env = std::getenv("PCMD_CONFIG"); env && *env) file = env;
  }
  if (!file.empty()) PCMD_RETURN_IF_ERROR(LoadConfigFile(file, c));
  PCMD_RETURN_IF_ERROR(ApplyEnvironment(c));
  if (!f.data.empty()) c.data_dir = f.data, c.db_url.clear();
  if (!f.db.empty()) c.db_url = f.db;
  if (!f.listen.empty()) c.listen = f.listen;
  if (!f.web.empty()) c.web_dir = f.web;
  if (!f.log_level.empty()) c.log_level = f.log_level;
  if (f.threads > 0) c.threads = f.threads;
  base::SetLogLevel(base::ParseLogLevel(c.log_level));
  return c;
}

int Fail(const base::Status& s) {
  std::cerr << "pcmd: " << s.message() << "\n";
  for (const auto& field : s.fields()) {
    std::cerr << "  " << field.field << ": " << field.message_en << " (" << field.message_vi << ")\n";
  }
  return s.code() == base::StatusCode::kInvalidArgument ? 2 : 1;
}

base::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::NotFound("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads a password from standard input (one line), without echo when it is a terminal.
std::string ReadPassword() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The unit a first administrator is bound to: the one province, or "VN" for several.
std::string TopUnit(units::UnitTree& tree) {
  auto provinces = tree.List({.level = "province", .date = base::Date::Today(), .limit = 2});
  if (provinces.ok() && provinces->total == 1) return provinces->items[0].code;
  return "VN";
}

// Loads a unit file valid from `effective`; with a change file, also its rows of that date (the
// lineage), closing the provinces they merge into one of the file's. One transaction
// (UnitTree::ImportTree, as POST /api/units/import): a problem in either file stores nothing.
base::Status ImportUnits(store::Database& db, const std::string& path, const std::string& effective,
                         const std::string& changes_path = "") {
  PCMD_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  PCMD_ASSIGN_OR_RETURN(base::Date on, base::Date::Parse(effective.empty() ? "2021-01-01" : effective));
  std::optional<std::string> change_text;
  if (!changes_path.empty()) {
    PCMD_ASSIGN_OR_RETURN(change_text, ReadFile(changes_path));
  }
  PCMD_ASSIGN_OR_RETURN(auto files, units::ReadTreeFiles(text, change_text ? std::optional<std::string_view>(*change_text)
                                                                           : std::nullopt,
                                                          path, changes_path));
  units::UnitTree tree(db);
  PCMD_ASSIGN_OR_RETURN(auto r, tree.ImportTree("cli", files, on));
  std::cout << "units import: added " << r.units.added << ", changed " << r.units.changed << ", closed "
            << r.units.closed << ", unchanged " << r.units.unchanged << "\n";
  if (r.changes) {
    const units::ChangeImportReport& c = *r.changes;
    std::cout << "changes of " << on.ToString() << ": added " << c.added << " (to confirm " << c.to_confirm
              << "), already recorded " << c.unchanged << "\n";
    if (c.to_confirm > 0) {
      std::cout << "rows whose receiving unit no source settles wait for an officer: pcmd units changes "
                   "--to-confirm, then pcmd units confirm ID [--to CODE] (or the units page)\n";
    }
  }
  return base::Status::Ok();
}

const records::RecordType* FindRecordType(const std::string& path) {
  for (const auto* t : AllRecordTypes()) {
    if (t->path == path || t->id == path) return t;
  }
  return nullptr;
}

// The access of an account, for commands that act as one (imports, exports).
base::Result<access::Subject> SubjectOf(access::AccountStore& accounts, const std::string& username) {
  PCMD_ASSIGN_OR_RETURN(auto all, accounts.ListSystem());
  for (const auto& a : all) {
    if (a.username != username) continue;
    if (a.is_disabled) return base::FailedPrecondition("the account " + username + " is disabled");
    return access::Subject{a.id, a.role, a.unit_code};
  }
  return base::NotFound("no account named " + username);
}

int RunImport(Modules& m, const access::Subject& subject, const store::Actor& actor,
              const records::RecordType& type, const std::string& path, bool valid_only) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return Fail(bytes.status());
  auto cells = exports::ReadTableFile(*bytes);
  if (!cells.ok()) return Fail(cells.status());
  auto report = records::ImportSheet(*m.records, subject, actor, type, *cells, *m.code_lists, valid_only);
  if (!report.ok()) return Fail(report.status());
  for (const auto& p : report->problems) {
    std::cerr << path << ":" << p.line << ": " << p.field << ": " << p.message_vi << " (" << p.message_en << ")\n";
  }
  std::cout << "import " << type.path << ": " << (report->stored ? "stored" : "nothing stored") << ", created "
            << report->created << ", unchanged " << report->unchanged << ", rejected " << report->rejected << "\n";
  return report->stored ? 0 : 2;
}

int RunExport(Modules& m, const access::Subject& subject, const store::Actor& actor,
              const records::RecordType& type, const std::string& unit, const std::string& period,
              const std::string& format, const std::string& out_path) {
  records::RecordQuery query;
  if (!unit.empty()) query.unit = unit;
  if (!period.empty()) {
    auto p = base::Period::Parse(period);
    if (!p.ok()) return Fail(p.status());
    query.from = p->first;
    query.to = p->last;
  }
  query.limit = 1'000'000;
  auto page = m.records->List(subject, type, query);
  if (!page.ok()) return Fail(page.status());
  std::map<std::string, std::string> names;
  if (auto all = m.units->List({.date = base::Date::Today(), .limit = 100000}); all.ok()) {
    for (const auto& u : all->items) names[u.code] = u.name;
  }
  auto file = api::RecordsFile(type, page->items, names, format);
  if (!file.ok()) return Fail(file.status());
  if (auto s = m.db->AuditOnly(actor, "export", type.id, std::to_string(page->items.size()), "ok"); !s.ok()) {
    return Fail(s);
  }
  if (out_path.empty()) {
    std::cout << file->bytes;
  } else {
    std::ofstream out(out_path, std::ios::binary);
    out << file->bytes;
    if (!out) return Fail(base::Unavailable("cannot write " + out_path));
    std::cerr << "export " << type.path << ": " << page->items.size() << " records to " << out_path << "\n";
  }
  return 0;
}

// `pcmd backup --out FILE`: a consistent copy of the live store, readable by its owner only.
int RunBackup(Modules& m, const store::Actor& actor, const Config& config, const std::string& out) {
  if (std::filesystem::exists(out)) return Fail(base::AlreadyExists("the backup file exists already: " + out));
  if (auto s = m.db->BackupTo(out); !s.ok()) return Fail(s);
  ::chmod(out.c_str(), 0600);
  if (auto s = m.db->AuditOnly(actor, "backup", "store", "", "ok"); !s.ok()) return Fail(s);
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(out, ec);
  std::cout << "backup written: " << out << " (" << (ec ? 0 : bytes) << " bytes)\n"
            << "the key of the sealed fields is not in it: keep " << config.KeyFile()
            << " apart from the backups\n";
  return 0;
}

// `pcmd restore FILE [--force]`: checks that FILE is a pcmd store this binary can open, then moves
// it in place of the store of the data folder (the server must be stopped).
int RunRestore(const Config& config, const std::string& file, bool force) {
  if (!config.db_url.empty()) {
    return Fail(base::FailedPrecondition("restore a PostgreSQL store with pg_restore (see the README)"));
  }
  namespace fs = std::filesystem;
  const fs::path target = fs::path(config.data_dir) / "pcmd.sqlite";
  if (fs::exists(target) && !force) {
    return Fail(base::AlreadyExists("a store exists in " + config.data_dir + "; add --force to replace it"));
  }
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  const fs::path staging = fs::path(config.data_dir) / "pcmd.sqlite.restoring";
  fs::remove(staging, ec);
  fs::copy_file(file, staging, ec);
  if (ec) return Fail(base::Unavailable("cannot copy " + file + ": " + ec.message()));
  ::chmod(staging.c_str(), 0600);
  {
    auto db = store::Database::Open({.url = "sqlite:" + staging.string(), .pool_size = 1});
    if (!db.ok()) {
      fs::remove(staging, ec);
      return Fail(base::InvalidArgument("not a pcmd store: " + db.status().message()));
    }
    auto version = (*db)->SchemaVersion();
    if (!version.ok() || *version == 0) {
      fs::remove(staging, ec);
      return Fail(base::InvalidArgument("not a pcmd store (no schema): " + file));
    }
    if (auto s = (*db)->Migrate(AllMigrations()); !s.ok()) {
      fs::remove(staging, ec);
      return Fail(s);
    }
    (void)(*db)->Checkpoint();
  }
  // The replaced store keeps its write-ahead log beside it (still openable as pcmd.sqlite.replaced).
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string from = target.string() + suffix;
    if (fs::exists(from)) fs::rename(from, target.string() + ".replaced" + suffix, ec);
  }
  fs::rename(staging, target, ec);
  if (ec) return Fail(base::Unavailable("cannot put the backup in place: " + ec.message()));
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(staging.string() + suffix, ec);
  std::cout << "store restored from " << file << " into " << target.string() << "\n";
  return 0;
}

int Run(int argc, char** argv) {
  CLI::App app{"pcmd — information system of the prostitution prevention and control programme "
               "(Plan 184/KH-UBND, Ninh Bình)"};
  app.set_version_flag("--version", PCMD_VERSION);
  app.require_subcommand(1);
  Flags f;

  auto* init = app.add_subcommand("init", "Create or upgrade a store, optionally loading units");
  AddStoreOptions(init, f);
  init->add_option("--units", f.units_file, "unit file to import (code,name,level,type,parent_code)");
  init->add_option("--effective", f.effective, "date the unit file is valid from (default 2021-01-01)");

  auto* demo = app.add_subcommand(
      "demo", "Create or reuse a demo store: units, an account for every role, records for 2021-2025");
  AddStoreOptions(demo, f);
  demo->add_option("--units", f.units_file, "unit file to import first (code,name,level,type,parent_code)");
  demo->add_option("--seed", f.seed, "random seed (default 184)");
  demo->add_option("--trees", f.trees_dir,
                   "then load the 2025 reorganisations from this folder (data/units: Hà Nam and Nam Định, the trees "
                   "of 1 January and 1 July 2025 with their change rows)");

  auto* serve = app.add_subcommand("serve", "Serve the API and the web front end");
  AddStoreOptions(serve, f);
  serve->add_option("--listen", f.listen, "HOST:PORT to listen on (default 127.0.0.1:8080; PCMD_LISTEN)");
  serve->add_option("--web", f.web, "folder of the built front end (default web/dist; PCMD_WEB)");
  serve->add_option("--threads", f.threads, "worker threads (default 4)")->check(CLI::Range(1, 256));

  auto* user = app.add_subcommand("user", "Accounts, for operators on the server");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "Add an account; the password is read from standard input");
  AddStoreOptions(user_add, f);
  user_add->add_option("name", f.username, "user name (3-64 of a-z 0-9 . _ -)")->required();
  user_add->add_option("--role", f.role, "role id: admin, province_officer, district_officer, "
                                         "commune_officer, inspector, intake_officer, social_worker, "
                                         "peer_educator, viewer, dpo")->required();
  user_add->add_option("--unit", f.unit, "unit code the account is bound to (VN: the whole country)")
      ->required();
  user_add->add_option("--display-name", f.display_name, "name shown in the interface");
  user_add->add_flag("--keep-password", f.keep_password,
                     "do not ask for a change at first sign-in (service and test accounts)");
  auto* user_reset = user->add_subcommand("reset", "Print a one-time password for an account");
  AddStoreOptions(user_reset, f);
  user_reset->add_option("name", f.username, "user name")->required();
  auto* user_disable = user->add_subcommand("disable", "Disable an account and end its sessions");
  AddStoreOptions(user_disable, f);
  user_disable->add_option("name", f.username, "user name")->required();
  auto* user_list = user->add_subcommand("list", "List accounts");
  AddStoreOptions(user_list, f);

  auto* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand(
      "verify", "Walk the hash chain; exit 1 naming the first changed, removed or reordered entry");
  AddStoreOptions(audit_verify, f);

  auto* units_cmd = app.add_subcommand("units", "Administrative units");
  units_cmd->require_subcommand(1);
  auto* units_import = units_cmd->add_subcommand(
      "import", "Load a unit file idempotently; reports what it added, changed or closed");
  AddStoreOptions(units_import, f);
  units_import->add_option("file", f.units_file, "CSV with header code,name,level,type,parent_code")
      ->required();
  units_import->add_option("--effective", f.effective, "date the file is valid from (default 2021-01-01)");
  units_import->add_option("--changes", f.changes_file,
                           "change file (effective_date,old_code,old_name,new_code,new_name,kind[,source]): "
                           "its rows of --effective are recorded as the lineage");
  auto* units_changes = units_cmd->add_subcommand("changes", "List the recorded changes between tree versions");
  AddStoreOptions(units_changes, f);
  units_changes->add_option("--effective", f.effective, "only the changes of this date");
  units_changes->add_flag("--to-confirm", f.to_confirm, "only the rows an officer must still confirm");
  auto* units_accounts = units_cmd->add_subcommand(
      "accounts", "Accounts bound to a unit closed by a reorganisation, with the units that took it over");
  AddStoreOptions(units_accounts, f);
  units_accounts->add_option("--on", f.effective, "the date to look at (default today)");
  auto* units_confirm = units_cmd->add_subcommand(
      "confirm", "Confirm a change row as recorded, or correct the unit that received the old one");
  AddStoreOptions(units_confirm, f);
  units_confirm->add_option("id", f.change_id, "the row's id (pcmd units changes)")->required();
  units_confirm->add_option("--to", f.to_code, "the receiving unit's code (valid on the change's date)");

  auto* import = app.add_subcommand(
      "import", "Import records from a CSV or XLSX file laid out like the export, as an account");
  AddStoreOptions(import, f);
  import->add_option("type", f.record_type, "record type path, e.g. communication-activities")->required();
  import->add_option("file", f.file, "the CSV or XLSX file")->required()->check(CLI::ExistingFile);
  import->add_option("--as", f.username, "user name of the account the rows are stored as")->required();
  import->add_option("--mode", f.mode, "all (default): nothing unless every row is valid; valid: the valid rows")
      ->check(CLI::IsMember({"all", "valid"}));

  auto* export_cmd = app.add_subcommand("export", "Export records as CSV or XLSX laid out for re-import");
  AddStoreOptions(export_cmd, f);
  export_cmd->add_option("type", f.record_type, "record type path, e.g. communication-activities")->required();
  export_cmd->add_option("--as", f.username, "user name of the account whose access applies")->required();
  export_cmd->add_option("--unit", f.unit, "this unit and the units below it");
  export_cmd->add_option("--period", f.period, "DHIS2 period: 2024, 2024Q2, 202405");
  export_cmd->add_option("--format", f.format, "csv (default) or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--out", f.out, "file to write (default: standard output)");

  auto* backup = app.add_subcommand(
      "backup", "Copy the SQLite store, consistent while it serves, into a new file (PostgreSQL: pg_dump)");
  AddStoreOptions(backup, f);
  backup->add_option("--out", f.out, "the new file (must not exist)")->required();
  auto* restore = app.add_subcommand(
      "restore", "Put a backup in place of the SQLite store of --data (stop the server first)");
  AddStoreOptions(restore, f);
  restore->add_option("file", f.file, "a file made by pcmd backup")->required()->check(CLI::ExistingFile);
  restore->add_flag("--force", f.force, "replace a store that exists (it is kept beside as .replaced)");

  CLI11_PARSE(app, argc, argv);

  auto config = Resolve(f);
  if (!config.ok()) return Fail(config.status());

  if (*serve) {
    if (auto s = Serve(*config); !s.ok()) return Fail(s);
    return 0;
  }
  if (*restore) return RunRestore(*config, f.file, f.force);
  auto modules = OpenModules(*config);
  if (!modules.ok()) return Fail(modules.status());
  Modules& m = **modules;
  const store::Actor cli("cli", "", "");
  if (*backup) return RunBackup(m, cli, *config, f.out);

  if (*init) {
    std::cout << "store ready: " << store::EngineName(m.db->engine()) << ", schema version "
              << m.db->SchemaVersion().value() << "\n";
    if (!f.units_file.empty()) {
      if (auto s = ImportUnits(*m.db, f.units_file, f.effective); !s.ok()) return Fail(s);
      m.scope->Invalidate();
    }
    auto count = m.accounts->Count();
    if (!count.ok()) return Fail(count.status());
    if (*count == 0) {
      std::string one_time;
      auto admin = m.accounts->CreateSystem(
          cli, {"admin", "Quản trị hệ thống", "admin", TopUnit(*m.units), std::nullopt, true}, &one_time);
      if (!admin.ok()) return Fail(admin.status());
      std::cout << "first administrator: admin / " << one_time
                << "  (unit " << admin->unit_code << "; change it at first sign-in; shown once)\n";
    }
    return 0;
  }
  if (*demo) {
    if (!f.units_file.empty()) {
      if (auto s = ImportUnits(*m.db, f.units_file, f.effective); !s.ok()) return Fail(s);
      m.scope->Invalidate();
    }
    if (auto s = FillDemo(m, f.seed, std::cout); !s.ok()) return Fail(s);
    if (!f.trees_dir.empty()) {
      // After the records (made on the 2021 tree): the provinces merged in July 2025 from 2021,
      // then both reorganisations with their change rows. Loading them again changes nothing.
      const std::string dir = f.trees_dir + "/";
      const std::string changes = dir + "ninh-binh-unit-changes-2025.csv";
      for (const auto& [file, day, with_changes] :
           {std::tuple{"ha-nam-nam-dinh-units.csv", "2021-01-01", false},
            std::tuple{"ninh-binh-units-2025-01-01.csv", "2025-01-01", true},
            std::tuple{"ninh-binh-units-2025-07-01.csv", "2025-07-01", true}}) {
        if (auto s = ImportUnits(*m.db, dir + file, day, with_changes ? changes : ""); !s.ok()) return Fail(s);
      }
      m.scope->Invalidate();
    }
    return 0;
  }
  if (*units_import) {
    if (auto s = ImportUnits(*m.db, f.units_file, f.effective, f.changes_file); !s.ok()) return Fail(s);
    return 0;
  }
  if (*units_changes) {
    std::optional<base::Date> on;
    if (!f.effective.empty()) {
      auto d = base::Date::Parse(f.effective);
      if (!d.ok()) return Fail(d.status());
      on = *d;
    }
    auto list = m.units->ListChanges(on, f.to_confirm);
    if (!list.ok()) return Fail(list.status());
    std::cout << base::CsvLine({"id", "effective", "kind", "old_code", "old_name", "new_code", "new_name", "status",
                                "source"});
    for (const auto& e : *list) {
      std::cout << base::CsvLine({std::to_string(e.id), e.effective.ToString(), e.kind, e.from_code, e.from_name,
                                  e.to_code.value_or(""), e.to_name, e.status, e.source});
    }
    return 0;
  }
  if (*units_accounts) {
    auto on = base::Date::Parse(f.effective.empty() ? base::Date::Today().ToString() : f.effective);
    if (!on.ok()) return Fail(on.status());
    auto accounts = m.accounts->ListSystem();
    if (!accounts.ok()) return Fail(accounts.status());
    auto list = access::AccountsOnClosedUnits(*accounts, *m.units, *on);
    if (!list.ok()) return Fail(list.status());
    std::cout << base::CsvLine({"username", "role", "unit", "closed_on", "taken_over_by"});
    for (const auto& e : *list) {
      std::string next;
      for (const auto& u : e.successors) next += (next.empty() ? "" : "; ") + u.code + " " + u.name;
      std::cout << base::CsvLine({e.account.username, std::string(access::RoleId(e.account.role)), e.unit.code,
                                  e.closed_on.ToString(), next});
    }
    return 0;
  }
  if (*units_confirm) {
    auto e = m.units->ConfirmChange(cli, f.change_id, f.to_code.empty() ? std::nullopt : std::optional(f.to_code));
    if (!e.ok()) return Fail(e.status());
    std::cout << "change " << e->id << " confirmed: " << e->from_code << " " << e->from_name << " -> "
              << e->to_code.value_or("") << " " << e->to_name << "\n";
    return 0;
  }
  if (*user_add) {
    const std::string password = ReadPassword();
    auto a = m.accounts->CreateSystem(cli, {f.username, f.display_name, f.role, f.unit, password,
                                            !f.keep_password},
                                      nullptr);
    if (!a.ok()) return Fail(a.status());
    std::cout << "account added: " << a->username << " (" << access::RoleId(a->role) << ", unit "
              << a->unit_code << ", id " << a->id << ")\n";
    return 0;
  }
  if (*user_reset) {
    auto password = m.accounts->ResetPasswordSystem(cli, f.username);
    if (!password.ok()) return Fail(password.status());
    std::cout << "one-time password for " << f.username << ": " << *password << "\n";
    return 0;
  }
  if (*user_disable) {
    if (auto s = m.accounts->DisableSystem(cli, f.username); !s.ok()) return Fail(s);
    std::cout << "account disabled: " << f.username << "\n";
    return 0;
  }
  if (*user_list) {
    auto all = m.accounts->ListSystem();
    if (!all.ok()) return Fail(all.status());
    for (const auto& a : *all) {
      std::cout << a.username << "\t" << access::RoleId(a.role) << "\t" << a.unit_code << "\t"
                << (a.is_disabled ? "disabled" : "active") << (a.totp_enabled ? "\ttotp" : "") << "\n";
    }
    return 0;
  }
  if (*import || *export_cmd) {
    const records::RecordType* type = FindRecordType(f.record_type);
    if (!type) return Fail(base::InvalidArgument("no record type with the path " + f.record_type));
    auto subject = SubjectOf(*m.accounts, f.username);
    if (!subject.ok()) return Fail(subject.status());
    const store::Actor actor(subject->account_id, std::string(access::RoleId(subject->role)), "cli");
    if (*import) {
      return RunImport(m, *subject, actor, *type, f.file, f.mode == "valid");
    }
    return RunExport(m, *subject, actor, *type, f.unit, f.period, f.format, f.out);
  }
  if (*audit_verify) {
    auto v = m.db->VerifyAudit();
    if (!v.ok()) return Fail(v.status());
    if (!v->ok) {
      std::cout << "audit chain broken at entry " << v->first_bad_seq << ": " << v->problem
                << " (" << v->entries << " entries read)\n";
      return 1;
    }
    std::cout << "audit chain ok: " << v->entries << " entries, head " << v->head_hash << "\n";
    return 0;
  }
  return 0;
}

}  // namespace
}  // namespace pcmd::app

int main(int argc, char** argv) { return pcmd::app::Run(argc, argv); }
