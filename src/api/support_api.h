#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "api/guard.h"
#include "domain/support/support_store.h"

namespace pcmd::api {

// The support world (activities A5, A6; target T12), docs/contract.md "Support services":
//   POST   /api/uic                          derive a UIC from answers (nothing stored)
//   GET|PUT /api/uic/recipe                  the recipe (PUT: code_list:update)
//   GET|POST /api/clients                    pseudonymous clients (lists: the caller's reach)
//   GET    /api/clients/referrals?due=overdue|open   referrals awaiting an outcome
//   GET    /api/clients/service-access?unit=&period= target T12 (suppressed counts)
//   GET|PATCH /api/clients/{id}, GET /history, GET /subject-access, POST /erase
//   GET|PUT|DELETE /api/clients/{id}/contact  sealed contact fields (assigned workers; audited)
//   GET|POST /api/clients/{id}/consents, POST /consents/{consent_id}/withdraw
//   GET|POST /api/clients/{id}/assessments | referrals | incidents; PATCH /referrals/{referral_id}
//   GET|POST /api/providers, GET|PATCH /api/providers/{id}   the provider directory
void AddSupportRoutes(http::Router& router, Guard& guard, support::SupportStore& support);
// The provider directory's routes (providers_api.cc); AddSupportRoutes adds them.
void AddProviderRoutes(http::Router& router, Guard& guard, support::SupportStore& support);

// The OpenAPI operations ("METHOD pattern" → operation) and schemas of those routes.
void DescribeSupportRoutes(std::map<std::string, nlohmann::json>& operations,
                           nlohmann::json& schemas);

}  // namespace pcmd::api
