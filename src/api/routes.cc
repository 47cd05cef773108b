#include "api/routes.h"

#include "api/accounts_api.h"
#include "api/audit_api.h"
#include "api/auth_api.h"
#include "api/system_api.h"
#include "api/units_api.h"

namespace pcmd::api {

void AddAllRoutes(http::Router& router, Services& services) {
  AddHealthRoute(router, services.db, services.version);
  AddAuthRoutes(router, services.guard, services.auth);
  AddAccountRoutes(router, services.guard, services.accounts);
  AddAuditRoutes(router, services.guard, services.db);
  AddUnitRoutes(router, services.guard, services.units, services.policy, services.scope);
  AddOpenApiRoute(router, services.version);  // last: documents everything above
}

}  // namespace pcmd::api
