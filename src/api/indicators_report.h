#pragma once

// The report of a unit's targets for a period as an editable Word document laid out as Decree
// 30/2020/NĐ-CP (GET /api/indicators/report; exports/docx_writer.h), from the same answer as
// GET /api/indicators with children. Tested through tests/api/server_test.py (the document read
// back) and src/exports/docx_test.cc (the layout).
#include <nlohmann/json.hpp>
#include <string>

#include "base/date.h"
#include "base/result.h"
#include "domain/units/unit_tree.h"
#include "plan/plan.h"

namespace pcmd::api {

// "năm 2024", "quý 2 năm 2024", "tháng 5 năm 2024", "giai đoạn 2021 - 2025".
std::string PeriodLabelVi(const std::string& period_id);

// 82.46 -> "82,5"; Vietnamese decimal comma, one decimal.
std::string DecimalVi(double value);

base::Result<std::string> IndicatorsReportDocx(const nlohmann::json& answer, const plan::Plan& plan,
                                               const units::UnitTree& units, base::Date today);

}  // namespace pcmd::api
