#pragma once

// The parts every route description repeats (the `Describe…Routes` functions of the API files): a
// reference to a schema of components/schemas, a JSON reply with its description, a required JSON
// body, and the plain types. Checked through the document they build: src/api/openapi_test.cc and
// tests/api/openapi.test.
#include <nlohmann/json.hpp>
#include <string>

namespace pcmd::api::openapi {

// {"$ref": "#/components/schemas/<name>"}
inline nlohmann::json SchemaRef(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}

// A reply with `description` whose application/json content is `schema`.
inline nlohmann::json JsonReply(const std::string& description, nlohmann::json schema) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

// A required application/json request body of `schema`.
inline nlohmann::json JsonBody(nlohmann::json schema) {
  return {{"required", true}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

}  // namespace pcmd::api::openapi
