#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "http/router.h"

namespace pcmd::api {

// Builds the OpenAPI 3.0 document of the router's table. Each route's parameters,
// body and replies come from the operation table in openapi.cc; `undocumented`
// receives "METHOD pattern" of routes that the table lacks (a test keeps it empty).
nlohmann::json OpenApiDocument(const http::Router& router, const std::string& version,
                               std::vector<std::string>* undocumented = nullptr,
                               const std::map<std::string, nlohmann::json>& extra_operations = {},
                               const nlohmann::json& extra_schemas = nlohmann::json::object());

}  // namespace pcmd::api
