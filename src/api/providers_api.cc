// The provider directory of the support world (docs/contract.md "Support services"): reference
// data, read with the peer groups' read grant and written by the code-list editors.
#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"
#include "api/support_api.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using support::Provider;
using support::SupportStore;

json ProviderJson(const Provider& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"unit", p.unit_code},
          {"services", p.services},
          {"contact", Nullable(p.contact)},
          {"is_active", p.is_active},
          {"version", p.version},
          {"updated_at", p.updated_at},
          {"updated_by", p.updated_by}};
}

}  // namespace

void AddProviderRoutes(http::Router& router, Guard& guard, SupportStore& support) {
  guard.Add(
      router, "GET", "/api/providers", "peer_group:read",
      [&support](Call& call) {
        QueryParams q(call.request);
        auto unit = q.Text("unit", 20);
        auto service = q.Text("service", 64);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.Providers(call.subject(), unit, service), 200,
                       [](const auto& list) {
                         json items = json::array();
                         for (const auto& p : list) items.push_back(ProviderJson(p));
                         return json{{"items", items}};
                       });
      },
      "The provider directory (`unit`: providers at that unit or above it; `service`)", "support");
  auto read_provider = [](BodyReader& reader, Provider& p) {
    if (auto v = reader.String("name", false, 200)) p.name = *v;
    if (auto v = reader.String("unit", false, 20)) p.unit_code = *v;
    if (auto v = reader.StringList("services", false)) p.services = *v;
    if (auto v = reader.String("contact", false, 300)) p.contact = *v;
    if (auto v = reader.Bool("is_active", false)) p.is_active = *v;
  };
  guard.Add(
      router, "POST", "/api/providers", "code_list:update",
      [&support, read_provider](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        Provider p;
        p.id = reader->String("id", false, 64).value_or("");
        read_provider(*reader, p);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.PutProvider(call.subject(), call.actor, p, std::nullopt), 201,
                       ProviderJson);
      },
      "Add a provider to the directory (the code-list editors: province officers)", "support");
  guard.Add(
      router, "GET", "/api/providers/{id}", "peer_group:read",
      [&support](Call& call) {
        return Written(support.GetProvider(call.subject(), call.request.path_params.at("id")), 200, ProviderJson);
      },
      "One provider", "support");
  guard.Add(
      router, "PATCH", "/api/providers/{id}", "code_list:update",
      [&support, read_provider](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        auto current = support.GetProvider(call.subject(), call.request.path_params.at("id"));
        if (!current.ok()) return ErrorResponse(current.status());
        Provider p = *current;
        const std::int64_t version = reader->Int("version", true).value_or(0);
        read_provider(*reader, p);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto r = support.PutProvider(call.subject(), call.actor, p, version);
        if (!r.ok() && r.status().machine_code() == "stale_version")
          return StaleResponse(r.status(), ProviderJson(*current));
        return Written(r, 200, ProviderJson);
      },
      "Change a provider (send its version)", "support",
      access::Resource::kPeerGroup);  // a provider is read with the peer groups' read grant
}

}  // namespace pcmd::api
