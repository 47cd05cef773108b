#pragma once

// The report of a unit's targets for a period as an editable Word document or a PDF laid out as
// Decree 30/2020/NĐ-CP (GET /api/indicators/report?format=docx|pdf; exports/docx_writer.h,
// exports/pdf_writer.h), with a bar chart of the percentage targets (exports/chart_image.h), from
// the same answer as GET /api/indicators with children. Tested through tests/api/server_test.py
// (both files read back) and src/exports/docx_test.cc, pdf_test.cc (the layout).
#include <nlohmann/json.hpp>
#include <string>

#include "base/date.h"
#include "base/result.h"
#include "domain/units/unit_tree.h"
#include "exports/docx_writer.h"
#include "plan/plan.h"

namespace pcmd::api {

// "năm 2024", "quý 2 năm 2024", "tháng 5 năm 2024", "6 tháng đầu năm 2024" (2024H1), "giai đoạn
// 2021 - 2025".
std::string PeriodLabelVi(const std::string& period_id);

// 82.46 -> "82,5"; Vietnamese decimal comma, one decimal.
std::string DecimalVi(double value);

// "2025-12-31" -> "31/12/2025" (anything else as it is).
std::string DayVi(const std::string& iso);
// A section heading and a body paragraph of a report (the latter with a first-line indent).
exports::Paragraph Heading(const std::string& text);
exports::Paragraph BodyText(const std::string& text);
// The name of a unit without its type ("Tỉnh Ninh Bình" -> "Ninh Bình").
std::string BareName(const units::Unit& u);

base::Result<std::string> IndicatorsReportPdf(const nlohmann::json& answer, const plan::Plan& plan,
                                              const units::UnitTree& units, base::Date today);

base::Result<std::string> IndicatorsReportDocx(const nlohmann::json& answer, const plan::Plan& plan,
                                               const units::UnitTree& units, base::Date today);

}  // namespace pcmd::api
