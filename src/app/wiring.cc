#include "app/wiring.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "api/errors.h"
#include "api/guard.h"
#include "api/routes.h"
#include "base/log.h"
#include "domain/activities/programme_types.h"
#include "exports/chart_image.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/reporting/round_values.h"
#include "domain/support/peer_group_types.h"
#include "http/server.h"

#ifndef PCMD_VERSION
#define PCMD_VERSION "dev"
#endif

namespace pcmd::app {

std::vector<store::Migration> AllMigrations() {
  std::vector<store::Migration> all = store::StoreMigrations();
  for (auto& m : units::UnitMigrations()) all.push_back(std::move(m));
  for (auto& m : access::AccessMigrations()) all.push_back(std::move(m));
  for (auto& m : records::RecordMigrations()) all.push_back(std::move(m));
  for (auto& m : enforcement::EnforcementTypeMigrations()) all.push_back(std::move(m));
  for (auto& m : enforcement::InspectionPlanMigrations()) all.push_back(std::move(m));
  for (auto& m : enforcement::TipMigrations()) all.push_back(std::move(m));
  for (auto& m : support::SupportMigrations()) all.push_back(std::move(m));
  for (auto& m : support::PeerGroupTypeMigrations()) all.push_back(std::move(m));
  for (auto& m : support::PeerGroupMigrations()) all.push_back(std::move(m));
  for (auto& m : reporting::ReportingMigrations()) all.push_back(std::move(m));
  for (auto& m : reporting::RoundValueMigrations()) all.push_back(std::move(m));
  for (auto& m : planning::PlanningMigrations()) all.push_back(std::move(m));
  return all;
}

std::vector<const records::RecordType*> AllRecordTypes() {
  std::vector<const records::RecordType*> all = activities::ProgrammeRecordTypes();
  for (const auto* t : enforcement::EnforcementRecordTypes()) all.push_back(t);
  for (const auto* t : support::PeerGroupRecordTypes()) all.push_back(t);
  return all;
}

base::Result<std::vector<plan::Plan>> LoadPlans(const std::string& dir,
                                                const std::map<std::string, analytics::FactType>& catalog) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    base::LogWarn("no plans folder: indicators have no plan", {{"plans", dir}});
    return std::vector<plan::Plan>{};
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  if (ec) return base::NotFound("cannot read the plans folder " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<plan::Plan> plans;
  for (const auto& f : files) {
    PCMD_ASSIGN_OR_RETURN(plan::Plan p, plan::LoadPlanFile(f, analytics::FactFields(catalog)));
    for (const auto& other : plans) {
      if (other.id == p.id) return base::InvalidArgument(f + ": plan " + p.id + " is also defined in " + other.source);
    }
    plans.push_back(std::move(p));
  }
  return plans;
}

base::Result<std::unique_ptr<Modules>> OpenModules(const Config& config) {
  if (config.db_url.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) {
      return base::Unavailable("cannot create the data folder " + config.data_dir + ": " + ec.message());
    }
    ::chmod(config.data_dir.c_str(), 0700);
  }
  PCMD_ASSIGN_OR_RETURN(base::SecretBox box, base::SecretBox::Open(config.KeyFile()));
  PCMD_ASSIGN_OR_RETURN(auto db, store::Database::Open({.url = config.StoreUrl(),
                                                        .pool_size = config.pool_size}));
  PCMD_RETURN_IF_ERROR(db->Migrate(AllMigrations()));
  auto m = std::make_unique<Modules>(Modules{std::move(db), std::move(box)});
  m->units = std::make_unique<units::UnitTree>(*m->db);
  m->scope = std::make_unique<access::UnitScope>(*m->units);
  m->policy = std::make_unique<access::Policy>(*m->scope);
  m->accounts = std::make_unique<access::AccountStore>(*m->db, *m->policy, *m->scope);
  access::AuthOptions auth_options;
  PCMD_ASSIGN_OR_RETURN(std::string demo, m->db->GetSetting("demo"));
  auth_options.is_totp_optional = demo == "1";
  auth_options.idle_timeout_s = config.idle_timeout_seconds;
  auth_options.absolute_timeout_s = config.absolute_timeout_seconds;
  m->auth = std::make_unique<access::Authenticator>(*m->db, m->box, auth_options, [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  });
  m->code_lists = std::make_unique<records::CodeLists>(*m->db);
  m->records = std::make_unique<records::RecordStore>(*m->db, *m->units, *m->policy, *m->code_lists);
  m->files = std::make_unique<records::FileStore>(*m->db);
  m->tips = std::make_unique<enforcement::TipStore>(*m->db, *m->units, *m->policy, *m->accounts, *m->code_lists,
                                                   m->box);
  m->establishments = std::make_unique<enforcement::EstablishmentRegister>(
      *m->db, *m->records, *m->units, [tips = m->tips.get()] { return tips->OpenTipsByEstablishment(); });
  m->inspection_plans = std::make_unique<enforcement::InspectionPlans>(*m->db, *m->policy, *m->establishments);
  m->support = std::make_unique<support::SupportStore>(*m->db, *m->units, *m->policy, *m->accounts,
                                                       *m->code_lists, m->box);
  m->peer_groups = std::make_unique<support::PeerGroupStore>(*m->db, *m->units, *m->policy, *m->records,
                                                             *m->support);
  PCMD_ASSIGN_OR_RETURN(auto plans, LoadPlans(config.plans_dir, analytics::FactCatalog(AllRecordTypes())));
  m->indicators = std::make_unique<analytics::IndicatorEngine>(*m->db, *m->units,
                                                               analytics::FactCatalog(AllRecordTypes()),
                                                               std::move(plans));
  m->report_rounds = std::make_unique<reporting::ReportRounds>(*m->db, *m->units, *m->policy);
  m->round_documents =
      std::make_unique<reporting::RoundDocuments>(*m->db, *m->report_rounds, *m->policy);
  m->yearly_plans = std::make_unique<planning::YearlyPlans>(*m->db, *m->units, *m->policy);
  return m;
}

base::Status Serve(const Config& config) {
  http::ServerOptions options;
  int port = 0;
  PCMD_RETURN_IF_ERROR(ParseListen(config.listen, options.host, port));
  options.port = static_cast<std::uint16_t>(port);
  options.threads = config.threads;
  options.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes);
  options.max_connections = static_cast<std::size_t>(config.max_connections);
  options.read_timeout_ms = config.read_timeout_ms;
  options.write_timeout_ms = config.write_timeout_ms;
  options.shutdown_grace_ms = config.shutdown_grace_ms;

  PCMD_ASSIGN_OR_RETURN(auto m, OpenModules(config));
  {
    const auto started = std::chrono::steady_clock::now();
    PCMD_RETURN_IF_ERROR(m->indicators->Rebuild());
    base::LogInfo("indicators built",
                  {{"facts", std::to_string(m->indicators->fact_count())},
                   {"plans", std::to_string(m->indicators->plans().size())},
                   {"ms", std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::steady_clock::now() - started)
                                             .count())}});
    m->indicators->Start(analytics::kFollowPollMs);
  }
  // The DHIS2 mapping (docs/dhis2.md): none without the file; an invalid one stops the start.
  std::shared_ptr<const exports::Dhis2Mapping> dhis2_mapping;
  if (std::error_code ec; std::filesystem::exists(config.dhis2_mapping, ec)) {
    PCMD_ASSIGN_OR_RETURN(exports::Dhis2Mapping mapping, exports::LoadDhis2Mapping(config.dhis2_mapping));
    dhis2_mapping = std::make_shared<const exports::Dhis2Mapping>(std::move(mapping));
  } else {
    base::LogWarn("no dhis2 mapping file: the dhis2 routes answer 409", {{"dhis2_mapping", config.dhis2_mapping}});
  }
  api::Guard guard(*m->db, *m->auth, api::CookieOptions{config.cookie_secure});
  api::Services services{*m->db,         *m->units,   *m->scope,
                         *m->policy,     *m->accounts, *m->auth,
                         guard,          *m->code_lists, *m->records, *m->files,
                         *m->establishments, *m->inspection_plans, *m->support,
                         AllRecordTypes(), *m->tips, *m->peer_groups, *m->indicators, *m->report_rounds,
                         *m->round_documents,
                         *m->yearly_plans,
                         PCMD_VERSION};
  services.dhis2_mapping = std::move(dhis2_mapping);
  http::Router router;
  api::AddAllRoutes(router, services);
  http::StaticFiles static_files;
  static_files.Load(config.web_dir);

  http::Server server(options, router, static_files, api::ErrorResponse);
  base::Status s = server.Run([&] {
    base::LogInfo("listening", {{"listen", config.listen},
                                {"engine", std::string(store::EngineName(m->db->engine()))},
                                {"version", PCMD_VERSION}});
  });
  base::LogInfo("stopped");
  exports::ReleaseChartFonts();
  return s;
}

}  // namespace pcmd::app
