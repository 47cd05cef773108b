#pragma once

#include <string>

#include "domain/units/unit_tree.h"
#include "http/router.h"
#include "store/database.h"

namespace pcmd::api {

// What the API's handlers call; owned by app, which outlives the router.
struct Services {
  store::Database& db;
  units::UnitTree& units;
  std::string version;
};

// Adds every API route to `router`: the one table the server, the OpenAPI document
// and the authorisation tests read.
void AddAllRoutes(http::Router& router, Services& services);

}  // namespace pcmd::api
