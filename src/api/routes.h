#pragma once

#include <string>

#include "access/accounts.h"
#include "access/auth.h"
#include "access/policy.h"
#include "access/unit_scope.h"
#include "api/guard.h"
#include "domain/units/unit_tree.h"
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
  std::string version;
};

// Adds every API route to `router`: the one table the server, the OpenAPI document
// and the authorisation tests read.
void AddAllRoutes(http::Router& router, Services& services);

}  // namespace pcmd::api
