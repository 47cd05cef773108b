// The OpenAPI document of every served route (openapi.cc), built with the parts of openapi_parts.h.
// Every route file registers here through AddAllRoutes, among them dhis2_api.cc, yearly_plans_api.cc
// and round_documents_api.cc, and their descriptions (dhis2_api_doc.cc, yearly_plans_api_doc.cc,
// DescribeRoundDocumentRoutes) must cover each route. Their behaviour is tested end to end in
// tests/api/dhis2_test.py, tests/api/yearly_plans.test, tests/api/reporting.test and
// tests/api/documents_test.py.
#include "api/openapi.h"

#include <gtest/gtest.h>

#include <set>

#include "api/routes.h"
#include "domain/activities/programme_types.h"
#include "testkit/store.h"

namespace pcmd::api {
namespace {

TEST(OpenApi, DocumentsEveryRouteOfTheRouterAndNothingElse) {
  testkit::TestStore store(store::Engine::kSqlite);
  units::UnitTree tree(store.db());
  access::UnitScope scope(tree);
  access::Policy policy(scope);
  access::AccountStore accounts(store.db(), policy, scope);
  base::SecretBox box = base::SecretBox::FromKey(std::string(32, 'k'));
  access::Authenticator auth(store.db(), box, {}, [] { return std::int64_t{0}; });
  Guard guard(store.db(), auth, {});
  records::CodeLists code_lists(store.db());
  records::RecordStore records(store.db(), tree, policy, code_lists);
  records::FileStore files(store.db());
  enforcement::EstablishmentRegister establishments(store.db(), records, tree);
  enforcement::InspectionPlans inspection_plans(store.db(), policy, establishments);
  enforcement::TipStore tips(store.db(), tree, policy, accounts, code_lists, box);
  support::SupportStore support(store.db(), tree, policy, accounts, code_lists, box);
  support::PeerGroupStore peer_groups(store.db(), tree, policy, records, support);
  analytics::IndicatorEngine indicators(store.db(), tree, analytics::FactCatalog(activities::ProgrammeRecordTypes()), {});
  reporting::ReportRounds report_rounds(store.db(), tree, policy);
  reporting::RoundDocuments round_documents(store.db(), report_rounds, policy);
  planning::YearlyPlans yearly_plans(store.db(), tree, policy);
  Services services{store.db(), tree,  scope,      policy,  accounts,
                    auth,       guard, code_lists, records, files, establishments, inspection_plans, support, activities::ProgrammeRecordTypes(),
                    tips, peer_groups, indicators, report_rounds, round_documents, yearly_plans, "test"};
  http::Router router;
  AddAllRoutes(router, services);

  std::vector<std::string> undocumented;
  std::map<std::string, nlohmann::json> operations;
  nlohmann::json schemas = nlohmann::json::object();
  DescribeGeneratedRoutes(services, operations, schemas);
  nlohmann::json doc = OpenApiDocument(router, "test", &undocumented, operations, schemas);
  EXPECT_TRUE(undocumented.empty()) << "routes without an entry in openapi.cc: "
                                    << ::testing::PrintToString(undocumented);

  std::set<std::string> in_router, in_doc;
  for (const auto& r : router.routes()) {
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    in_router.insert(m + " " + r.pattern);
  }
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      in_doc.insert(method + " " + path);
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
      EXPECT_FALSE(op["x-access"].get<std::string>().empty()) << method << " " << path;
    }
  }
  EXPECT_EQ(in_router, in_doc);
  for (const auto& r : router.routes()) {
    EXPECT_FALSE(r.access.empty()) << r.method << " " << r.pattern << " has no access rule";
  }
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
}

}  // namespace
}  // namespace pcmd::api
