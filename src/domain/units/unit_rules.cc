#include "domain/units/unit_rules.h"

#include "base/text.h"
#include "domain/units/unit.h"

namespace pcmd::units {

int LevelRank(const std::string& level) {
  for (int i = 0; i < 3; ++i) {
    if (level == kLevels[i]) return i;
  }
  return -1;
}

bool IsUnitCode(const std::string& code) {
  if (code.empty() || code.size() > 10) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckUnitFields(const std::string& code, const std::string& name, const std::string& level,
                     const std::string& type, const std::optional<std::string>& parent_code,
                     const std::string& prefix, base::Validation& v) {
  if (code.empty()) {
    v.Add(prefix + "code", "required", "Mã đơn vị là bắt buộc", "code is required");
  } else if (!IsUnitCode(code)) {
    v.Add(prefix + "code", "invalid_format", "Mã đơn vị gồm 1–10 chữ số",
          "code must be 1 to 10 digits");
  }
  const std::size_t name_len = base::Utf8Length(name);
  if (name_len == 0) {
    v.Add(prefix + "name", "required", "Tên đơn vị là bắt buộc", "name is required");
  } else if (name_len > 200 || !base::IsValidUtf8(name)) {
    v.Add(prefix + "name", "too_long", "Tên đơn vị dài tối đa 200 ký tự",
          "name must be at most 200 characters");
  }
  if (level.empty()) {
    v.Add(prefix + "level", "required", "Cấp đơn vị là bắt buộc", "level is required");
  } else if (LevelRank(level) < 0) {
    v.Add(prefix + "level", "invalid_value", "Cấp phải là province, district hoặc commune",
          "level must be province, district or commune");
  }
  const std::size_t type_len = base::Utf8Length(type);
  if (type_len == 0) {
    v.Add(prefix + "type", "required", "Loại đơn vị là bắt buộc", "type is required");
  } else if (type_len > 50) {
    v.Add(prefix + "type", "too_long", "Loại đơn vị dài tối đa 50 ký tự",
          "type must be at most 50 characters");
  }
  if (LevelRank(level) > 0 && !parent_code) {
    v.Add(prefix + "parent_code", "required", "Đơn vị cấp dưới phải có đơn vị cấp trên",
          "parent_code is required below province level");
  } else if (parent_code && !IsUnitCode(*parent_code)) {
    v.Add(prefix + "parent_code", "invalid_format", "Mã đơn vị cấp trên gồm 1–10 chữ số",
          "parent_code must be 1 to 10 digits");
  } else if (level == "province" && parent_code) {
    v.Add(prefix + "parent_code", "not_allowed", "Tỉnh không có đơn vị cấp trên",
          "a province has no parent");
  }
}

}  // namespace pcmd::units
