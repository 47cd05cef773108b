#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "api/guard.h"
#include "domain/enforcement/establishment_register.h"
#include "domain/enforcement/inspection_plans.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// Derived establishment status and the yearly inspection plans (T10):
//   GET  /api/establishment-status?unit=&year=       every establishment's history and risk
//   GET  /api/establishments/{id}/status?year=       one establishment's
//   POST /api/inspection-plans/proposals             a proposal for a unit, year and teams
//   GET  /api/inspection-plans?unit=&year=           stored plans
//   POST /api/inspection-plans                       store a (possibly adjusted) plan as a draft
//   GET  /api/inspection-plans/{id}                  a plan with its progress
//   PATCH /api/inspection-plans/{id}                 change a draft's teams and items
//   POST /api/inspection-plans/{id}/approve          approve a draft
//   GET  /api/inspection-plans/{id}/export?format=   the plan to print (CSV or XLSX)
void AddInspectionPlanRoutes(http::Router& router, Guard& guard, enforcement::EstablishmentRegister& establishments,
                             enforcement::InspectionPlans& plans, const units::UnitTree& units);

void DescribeInspectionPlanRoutes(std::map<std::string, nlohmann::json>& operations);

}  // namespace pcmd::api
