#pragma once

#include <memory>
#include <vector>

#include "access/accounts.h"
#include "access/auth.h"
#include "access/policy.h"
#include "access/unit_scope.h"
#include "app/config.h"
#include "base/result.h"
#include "base/secret_box.h"
#include "domain/enforcement/establishment_register.h"
#include "domain/enforcement/inspection_plans.h"
#include "domain/enforcement/tip_store.h"
#include "domain/records/code_lists.h"
#include "domain/records/file_store.h"
#include "domain/records/record_store.h"
#include "domain/planning/yearly_plans.h"
#include "domain/reporting/report_rounds.h"
#include "domain/reporting/round_documents.h"
#include "analytics/indicator_engine.h"
#include "domain/support/peer_groups.h"
#include "domain/support/support_store.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::app {

// Every module's migrations, in one list (store 1–99, units 100–199, access 200–299,
// records 300–399, enforcement 400–499, support 500–599, reporting 600–699, planning 700–799).
std::vector<store::Migration> AllMigrations();

// Every record type the RecordStore keeps: the programme's and the enforcement world's.
std::vector<const records::RecordType*> AllRecordTypes();

// The modules of one running pcmd, built in dependency order and owned together.
// The command line and the server use the same wiring.
struct Modules {
  std::unique_ptr<store::Database> db;
  base::SecretBox box;
  std::unique_ptr<units::UnitTree> units;
  std::unique_ptr<access::UnitScope> scope;
  std::unique_ptr<access::Policy> policy;
  std::unique_ptr<access::AccountStore> accounts;
  std::unique_ptr<access::Authenticator> auth;
  std::unique_ptr<records::CodeLists> code_lists;
  std::unique_ptr<records::RecordStore> records;
  std::unique_ptr<records::FileStore> files;
  std::unique_ptr<enforcement::EstablishmentRegister> establishments;
  std::unique_ptr<enforcement::InspectionPlans> inspection_plans;
  std::unique_ptr<enforcement::TipStore> tips;
  std::unique_ptr<support::SupportStore> support;
  std::unique_ptr<support::PeerGroupStore> peer_groups;
  std::unique_ptr<analytics::IndicatorEngine> indicators;  // built from the store by Serve
  std::unique_ptr<reporting::ReportRounds> report_rounds;
  std::unique_ptr<reporting::RoundDocuments> round_documents;
  std::unique_ptr<planning::YearlyPlans> yearly_plans;
};

// Opens the configured store (creating the data folder for SQLite, mode 0700), brings
// its schema up to date, opens the key file and builds the modules.
// Every plan file (*.toml) of `dir`, in name order; a bad definition or a plan id defined twice
// fails with the file and line.
base::Result<std::vector<plan::Plan>> LoadPlans(const std::string& dir,
                                                const std::map<std::string, analytics::FactType>& catalog);

base::Result<std::unique_ptr<Modules>> OpenModules(const Config& config);

// Runs the HTTP server until SIGTERM/SIGINT.
base::Status Serve(const Config& config);

}  // namespace pcmd::app
