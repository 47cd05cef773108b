#pragma once

#include <optional>
#include <string>

#include "base/status.h"

namespace pcmd::units {

// Checks the fields of a unit that do not need the store: code (1–10 digits), name
// (1–200 characters), level (province, district, commune), type (1–50 characters),
// parent (required below province, digits). Problems are added to `v`, each field
// named with `prefix` in front (e.g. "line 7: ").
void CheckUnitFields(const std::string& code, const std::string& name, const std::string& level,
                     const std::string& type, const std::optional<std::string>& parent_code,
                     const std::string& prefix, base::Validation& v);

bool IsUnitCode(const std::string& code);

}  // namespace pcmd::units
