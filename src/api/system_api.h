#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "store/database.h"

namespace pcmd::api {

// GET /api/health: is the store reachable, its engine and schema version, the build.
void AddHealthRoute(http::Router& router, store::Database& db, std::string version);

// GET /api/openapi.json: the OpenAPI 3 document of every route in `router`
// (built once, after every route is added).
void AddOpenApiRoute(http::Router& router, std::string version,
                     std::map<std::string, nlohmann::json> extra_operations = {},
                     nlohmann::json extra_schemas = nlohmann::json::object());

}  // namespace pcmd::api
