#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/planning/yearly_plans.h"
#include "store/database.h"

// What yearly_plans.cc and plan_tasks.cc share: reading rows, list columns and the refusals.
namespace pcmd::planning::internal {

// The plan with every task (each with its reports), or none.
base::Result<std::optional<YearlyPlan>> ReadPlan(store::Transaction& tx, const std::string& id);
// The tasks of one plan, each with its reports, by deadline.
base::Result<std::vector<Task>> ReadTasks(store::Transaction& tx, const std::string& plan_id);

// A list kept in one text column, one element a line (elements hold no line breaks).
std::string JoinLines(const std::vector<std::string>& items);
std::vector<std::string> SplitLines(const std::string& text);

// Every miss of a plan (no such plan, or not seen) answers the same.
base::Status PlanNotFound();
// Every miss of a task (no such task, not the plan's, or not seen) answers the same.
base::Status TaskNotFound();
base::Status Forbidden();
base::Status Stale(const std::string& what);
base::Status NotWhile(const std::string& action, const std::string& status);

// Text checks shared by plans and tasks: trimmed, valid UTF-8, no control characters, at most
// `max_chars` code points; "" is `required` when `required`.
std::string CheckText(base::Validation& v, const std::string& field, const std::string& text,
                      std::size_t max_chars, bool required, const std::string& label_vi);

}  // namespace pcmd::planning::internal
