// pcmd: the information system of Ninh Bình's prostitution prevention and control
// programme. This file is the command line; app/wiring.cc connects the modules.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/config.h"
#include "app/wiring.h"
#include "base/log.h"
#include "domain/units/unit_file.h"
#include "domain/units/unit_tree.h"

#ifndef PCMD_VERSION
#define PCMD_VERSION "dev"
#endif

namespace pcmd::app {
namespace {

// Flags shared by subcommands; empty means "not given".
struct Flags {
  std::string config, data, db, listen, web, log_level, units_file, effective;
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

base::Status ImportUnits(store::Database& db, const std::string& path, const std::string& effective) {
  PCMD_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  PCMD_ASSIGN_OR_RETURN(auto rows, units::ParseUnitFile(text));
  PCMD_ASSIGN_OR_RETURN(base::Date on, base::Date::Parse(effective.empty() ? "2021-01-01" : effective));
  units::UnitTree tree(db);
  PCMD_ASSIGN_OR_RETURN(auto r, tree.Import("cli", rows, on));
  std::cout << "units import: added " << r.added << ", changed " << r.changed << ", closed "
            << r.closed << ", unchanged " << r.unchanged << "\n";
  return base::Status::Ok();
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

  auto* serve = app.add_subcommand("serve", "Serve the API and the web front end");
  AddStoreOptions(serve, f);
  serve->add_option("--listen", f.listen, "HOST:PORT to listen on (default 127.0.0.1:8080; PCMD_LISTEN)");
  serve->add_option("--web", f.web, "folder of the built front end (default web/dist; PCMD_WEB)");
  serve->add_option("--threads", f.threads, "worker threads (default 4)")->check(CLI::Range(1, 256));

  auto* units_cmd = app.add_subcommand("units", "Administrative units");
  units_cmd->require_subcommand(1);
  auto* units_import = units_cmd->add_subcommand(
      "import", "Load a unit file idempotently; reports what it added, changed or closed");
  AddStoreOptions(units_import, f);
  units_import->add_option("file", f.units_file, "CSV with header code,name,level,type,parent_code")
      ->required();
  units_import->add_option("--effective", f.effective, "date the file is valid from (default 2021-01-01)");

  CLI11_PARSE(app, argc, argv);

  auto config = Resolve(f);
  if (!config.ok()) return Fail(config.status());

  if (*init) {
    auto db = OpenStore(*config);
    if (!db.ok()) return Fail(db.status());
    std::cout << "store ready: " << store::EngineName((*db)->engine()) << ", schema version "
              << (*db)->SchemaVersion().value() << "\n";
    if (!f.units_file.empty()) {
      if (auto s = ImportUnits(**db, f.units_file, f.effective); !s.ok()) return Fail(s);
    }
    return 0;
  }
  if (*serve) {
    if (auto s = Serve(*config); !s.ok()) return Fail(s);
    return 0;
  }
  if (*units_import) {
    auto db = OpenStore(*config);
    if (!db.ok()) return Fail(db.status());
    if (auto s = ImportUnits(**db, f.units_file, f.effective); !s.ok()) return Fail(s);
    return 0;
  }
  return 0;
}

}  // namespace
}  // namespace pcmd::app

int main(int argc, char** argv) { return pcmd::app::Run(argc, argv); }
