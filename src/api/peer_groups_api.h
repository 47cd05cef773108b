#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "api/guard.h"
#include "domain/support/peer_groups.h"

namespace pcmd::api {

// Members and attendance of peer groups, self-help groups and clubs, and target T13
// (docs/contract.md "Peer groups"); the groups and their activities themselves are record
// types (/api/peer-groups, /api/peer-group-activities). Added before the record routes.
//   GET    /api/peer-groups/summary?unit=&year=           T13 per unit below (members suppressed)
//   GET|POST /api/peer-groups/{id}/members                 members by client code
//   POST   /api/peer-groups/{id}/members/{member_id}/end   a member leaves
//   GET|PUT /api/peer-group-activities/{id}/attendance     who of the members was there
//   GET    /api/clients/{id}/groups                        the groups of a client
// A membership as the API shows it (also in a client's subject-access reply).
nlohmann::json MembershipJson(const support::Membership& m);

void AddPeerGroupRoutes(http::Router& router, Guard& guard, support::PeerGroupStore& groups);

void DescribePeerGroupRoutes(std::map<std::string, nlohmann::json>& operations,
                             nlohmann::json& schemas);

}  // namespace pcmd::api
