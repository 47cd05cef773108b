#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/accounts.h"
#include "access/auth.h"
#include "access/policy.h"
#include "access/unit_scope.h"
#include "analytics/indicator_engine.h"
#include "api/guard.h"
#include "domain/enforcement/establishment_register.h"
#include "domain/enforcement/inspection_plans.h"
#include "domain/enforcement/tip_store.h"
#include "domain/records/code_lists.h"
#include "domain/records/file_store.h"
#include "domain/records/record_store.h"
#include "domain/planning/yearly_plans.h"
#include "domain/reporting/report_rounds.h"
#include "domain/reporting/round_documents.h"
#include "domain/support/peer_groups.h"
#include "domain/support/support_store.h"
#include "domain/units/unit_tree.h"
#include "exports/dhis2.h"
#include "http/router.h"
#include "store/database.h"

namespace pcmd::api {

// What the API's handlers call; owned by app, which outlives the router.
struct Services {
  store::Database& db;
  units::UnitTree& units;
  access::UnitScope& scope;
  access::Policy& policy;
  access::AccountStore& accounts;
  access::Authenticator& auth;
  Guard& guard;
  records::CodeLists& code_lists;
  records::RecordStore& records;
  records::FileStore& files;
  enforcement::EstablishmentRegister& establishments;
  enforcement::InspectionPlans& inspection_plans;
  support::SupportStore& support;
  std::vector<const records::RecordType*> record_types;
  enforcement::TipStore& tips;
  support::PeerGroupStore& peer_groups;
  analytics::IndicatorEngine& indicators;
  reporting::ReportRounds& report_rounds;
  reporting::RoundDocuments& round_documents;
  planning::YearlyPlans& yearly_plans;
  std::string version;
  // The DHIS2 mapping file, parsed (none: the DHIS2 routes answer 409 no_dhis2_mapping).
  std::shared_ptr<const exports::Dhis2Mapping> dhis2_mapping;
};

// Adds every API route to `router`: the one table the server, the OpenAPI document
// and the authorisation tests read.
void AddAllRoutes(http::Router& router, Services& services);

// The OpenAPI details of the routes built from record types (for the document and its test).
void DescribeGeneratedRoutes(const Services& services,
                             std::map<std::string, nlohmann::json>& operations,
                             nlohmann::json& schemas);

}  // namespace pcmd::api
