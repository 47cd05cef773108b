#include "access/role.h"

namespace pcmd::access {

const std::vector<RoleInfo>& AllRoles() {
  static const std::vector<RoleInfo> roles = {
      {Role::kAdmin, "admin", "Quản trị hệ thống", "System administrator", false},
      {Role::kProvinceOfficer, "province_officer", "Cán bộ Sở (cấp tỉnh)", "Provincial programme officer", true},
      {Role::kDistrictOfficer, "district_officer", "Cán bộ cấp huyện", "District officer", true},
      {Role::kCommuneOfficer, "commune_officer", "Cán bộ cấp xã", "Commune officer", true},
      {Role::kInspector, "inspector", "Thành viên đoàn kiểm tra liên ngành / công an",
       "Inspection team member / police", true},
      {Role::kIntakeOfficer, "intake_officer", "Cán bộ tiếp nhận tin báo", "Intake officer", true},
      {Role::kSocialWorker, "social_worker", "Cán sự xã hội", "Social worker / case manager", true},
      {Role::kPeerEducator, "peer_educator", "Tuyên truyền viên đồng đẳng", "Peer educator", true},
      {Role::kViewer, "viewer", "Lãnh đạo (chỉ xem)", "Leader / viewer", false},
      {Role::kDpo, "dpo", "Cán bộ bảo vệ dữ liệu", "Data-protection officer", false},
  };
  return roles;
}

const RoleInfo& InfoOf(Role role) {
  for (const auto& info : AllRoles()) {
    if (info.role == role) return info;
  }
  return AllRoles().front();
}

std::optional<Role> ParseRole(std::string_view id) {
  for (const auto& info : AllRoles()) {
    if (info.id == id) return info.role;
  }
  return std::nullopt;
}

bool IsEnforcementRole(Role role) {
  return role == Role::kInspector || role == Role::kIntakeOfficer;
}

bool IsSupportRole(Role role) {
  return role == Role::kSocialWorker || role == Role::kPeerEducator;
}

}  // namespace pcmd::access
