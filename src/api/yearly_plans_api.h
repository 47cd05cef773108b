#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "analytics/indicator_engine.h"
#include "api/guard.h"
#include "domain/planning/yearly_plans.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// Yearly plans and their tasks (activity A9, issue 8; README.md "Yearly plans"):
//   POST  /api/yearly-plans                              a unit's officer drafts its plan
//   GET   /api/yearly-plans[?year=]                      the plans the caller sees, with counts
//   GET   /api/yearly-plans/{id}                         one, with the tasks the caller sees
//   PATCH /api/yearly-plans/{id}                         a draft's header (with `version`)
//   POST  /api/yearly-plans/{id}/issue                   issues a draft (number, date, a task)
//   POST  /api/yearly-plans/{id}/tasks                   adds a task (draft or issued)
//   PATCH /api/yearly-plans/{id}/tasks/{task}            changes a draft's task (with `version`)
//   POST  /api/yearly-plans/{id}/tasks/{task}/progress   the assignee reports progress
//   GET   /api/plan-tasks[?assignee=&overdue=&plan=]     tasks of issued plans the caller reads
// A task's linked targets are checked here against the loaded programme plan named by the plan.
void AddYearlyPlanRoutes(http::Router& router, Guard& guard, planning::YearlyPlans& plans,
                         const analytics::IndicatorEngine& engine, const units::UnitTree& units);

// The OpenAPI operations and schemas of those routes (yearly_plans_api_doc.cc).
void DescribeYearlyPlanRoutes(std::map<std::string, nlohmann::json>& operations,
                              nlohmann::json& schemas);

}  // namespace pcmd::api
