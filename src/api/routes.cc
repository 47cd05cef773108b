#include "api/routes.h"

#include "api/accounts_api.h"
#include "api/audit_api.h"
#include "api/indicators_api.h"
#include "api/inspection_plans_api.h"
#include "api/peer_groups_api.h"
#include "api/record_files_api.h"
#include "api/record_merge_api.h"
#include "api/records_api.h"
#include "api/reporting_api.h"
#include "api/round_documents_api.h"
#include "api/dhis2_api.h"
#include "api/auth_api.h"
#include "api/support_api.h"
#include "api/sync_api.h"
#include "api/system_api.h"
#include "api/tips_api.h"
#include "api/units_api.h"
#include "api/yearly_plans_api.h"

namespace pcmd::api {

void AddAllRoutes(http::Router& router, Services& services) {
  AddHealthRoute(router, services.db, services.version);
  AddAuthRoutes(router, services.guard, services.auth);
  AddAccountRoutes(router, services.guard, services.accounts);
  AddAuditRoutes(router, services.guard, services.db, services.accounts);
  AddUnitRoutes(router, services.guard, services.units, services.policy, services.scope, services.accounts);
  AddInspectionPlanRoutes(router, services.guard, services.establishments, services.inspection_plans,
                          services.units);
  AddTipRoutes(router, services.guard, services.db, services.tips, services.units);
  AddSupportRoutes(router, services.guard, services.support);
  AddPeerGroupRoutes(router, services.guard, services.peer_groups);
  AddIndicatorRoutes(router, services.guard, services.indicators, services.units, services.policy);
  AddSyncRoutes(router, services.guard, services.db);
  AddReportingRoutes(router, services.guard, services.report_rounds, services.indicators, services.units);
  AddRoundDocumentRoutes(router, services.guard, services.report_rounds, services.round_documents,
                         services.indicators, services.units);
  AddDhis2Routes(router, services.guard, services.db, services.indicators, services.units, services.policy,
                 services.dhis2_mapping);
  AddYearlyPlanRoutes(router, services.guard, services.yearly_plans, services.indicators, services.units);
  // Before the record routes: /api/<path>/duplicates would otherwise be taken for an id.
  AddRecordMergeRoutes(router, services.guard, services.records, services.record_types);
  AddAssignableAccountsRoutes(router, services.guard, services.policy, services.scope, services.accounts,
                              services.record_types);
  AddRecordRoutes(router, services.guard, services.db, services.records, services.code_lists,
                  services.units, services.record_types);
  AddRecordFileRoutes(router, services.guard, services.db, services.records, services.files,
                      services.record_types);
  std::map<std::string, nlohmann::json> operations;
  nlohmann::json schemas = nlohmann::json::object();
  DescribeGeneratedRoutes(services, operations, schemas);
  AddOpenApiRoute(router, services.version, operations, schemas);  // last: documents the above
}

void DescribeGeneratedRoutes(const Services& services,
                             std::map<std::string, nlohmann::json>& operations,
                             nlohmann::json& schemas) {
  DescribeRecordRoutes(services.record_types, operations, schemas);
  DescribeRecordFileRoutes(services.record_types, operations);
  DescribeRecordMergeRoutes(services.record_types, operations);
  DescribeInspectionPlanRoutes(operations);
  DescribeTipRoutes(operations, schemas);
  DescribeSupportRoutes(operations, schemas);
  DescribePeerGroupRoutes(operations, schemas);
  DescribeIndicatorRoutes(operations, schemas);
  DescribeSyncRoutes(operations, schemas);
  DescribeReportingRoutes(operations, schemas);
  DescribeRoundDocumentRoutes(operations, schemas);
  DescribeDhis2Routes(operations, schemas);
  DescribeYearlyPlanRoutes(operations, schemas);
}

}  // namespace pcmd::api
