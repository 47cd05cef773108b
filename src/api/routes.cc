#include "api/routes.h"

#include "api/system_api.h"
#include "api/units_api.h"

namespace pcmd::api {

void AddAllRoutes(http::Router& router, Services& services) {
  AddHealthRoute(router, services.db, services.version);
  AddUnitRoutes(router, services.units);
  AddOpenApiRoute(router, services.version);  // last: documents everything above
}

}  // namespace pcmd::api
