#pragma once

#include "access/accounts.h"
#include "api/guard.h"

namespace pcmd::api {

// /api/accounts: user administration within the administrator's unit.
void AddAccountRoutes(http::Router& router, Guard& guard, access::AccountStore& accounts);

}  // namespace pcmd::api
