#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/auth.h"
#include "access/policy.h"
#include "http/router.h"
#include "store/database.h"

namespace pcmd::api {

// What a guarded handler receives: the request, the caller's session (none on public
// routes) and the actor for the change and audit logs.
struct Call {
  http::Request& request;
  const access::Session* session;
  store::Actor actor;
  std::string token;  // the session token (only the auth routes use it)

  const access::Subject& subject() const { return session->subject; }
};

using GuardedHandler = std::function<http::Response(Call&)>;

// Cookie settings: "__Host-pcmd_session" with Secure by default; `secure` false (plain
// HTTP on a closed network only) drops the prefix and the Secure attribute.
struct CookieOptions {
  bool secure = true;
  std::string Name() const { return secure ? "__Host-pcmd_session" : "pcmd_session"; }
  std::string Set(const std::string& token) const;
  std::string Clear() const;
};

// The Guard puts every API route behind the access rules before its handler runs:
// session from the cookie (401), CSRF token on state-changing methods (403 "csrf"),
// a limited session only on the auth routes (403), and the policy's role check for
// the route's resource and action (403 on collections, 404 on a record path, so that
// no record's existence leaks). Every denial of a signed-in caller is audited.
class Guard {
 public:
  Guard(store::Database& db, access::Authenticator& auth, CookieOptions cookie)
      : db_(db), auth_(auth), cookie_(std::move(cookie)) {}

  // Adds a route; `access` as in http::Route: "public"; "session" (any session, also a
  // limited one: the auth routes); "signed_in" (any full session); "resource:action".
  // `record_type`: on a record path whose record is of another type than `access` names (a
  // provider, changed with code_list:update), the type whose read grant decides between 404 and
  // 403 for a denied role.
  void Add(http::Router& router, std::string method, std::string pattern, std::string access,
           GuardedHandler handler, std::string summary, std::string tag,
           std::optional<access::Resource> record_type = std::nullopt);

  const CookieOptions& cookie() const { return cookie_; }

 private:
  http::Response Handle(const std::string& access, std::optional<access::Resource> record_type,
                        const GuardedHandler& handler, http::Request& request);

  store::Database& db_;
  access::Authenticator& auth_;
  CookieOptions cookie_;
};

// The session token in a Cookie header, if any.
std::optional<std::string> CookieValue(const std::string& cookie_header, const std::string& name);

}  // namespace pcmd::api
