#pragma once

#include "access/auth.h"
#include "api/guard.h"

#include <nlohmann/json.hpp>

namespace pcmd::api {

// /api/auth/*: login, logout, me, password change, TOTP enrolment; and /api/roles.
void AddAuthRoutes(http::Router& router, Guard& guard, access::Authenticator& auth);

// The account as the API shows it to its owner or an administrator.
nlohmann::json AccountJson(const access::Account& account);

}  // namespace pcmd::api
