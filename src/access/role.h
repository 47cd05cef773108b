#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pcmd::access {

// The roles of pcmd. Each account has one role and one administrative unit, and sees
// that unit and the units below it, within what its role allows.
enum class Role {
  kAdmin,            // quản trị hệ thống: accounts, configuration; no client records
  kProvinceOfficer,  // cán bộ Sở: everything in the province except client identities
  kDistrictOfficer,  // cán bộ huyện
  kCommuneOfficer,   // cán bộ xã
  kInspector,        // thành viên đoàn kiểm tra liên ngành / công an
  kIntakeOfficer,    // cán bộ tiếp nhận tin báo: the only role that sees a denouncer
  kSocialWorker,     // cán sự xã hội: only the clients assigned to them
  kPeerEducator,     // tuyên truyền viên đồng đẳng: only the clients assigned to them
  kViewer,           // lãnh đạo: read-only, suppressed aggregates only
  kDpo,              // cán bộ bảo vệ dữ liệu: audit log, consent and incident registers
};

struct RoleInfo {
  Role role;
  std::string_view id;
  std::string_view name_vi;
  std::string_view name_en;
  bool requires_totp;  // roles that read client or tip records
};

const std::vector<RoleInfo>& AllRoles();
const RoleInfo& InfoOf(Role role);
std::optional<Role> ParseRole(std::string_view id);
inline std::string_view RoleId(Role role) { return InfoOf(role).id; }

// The two worlds that must never meet: enforcement (inspections, tips, denouncers)
// and support (clients, consent, referrals, peer groups, violence incidents).
bool IsEnforcementRole(Role role);
bool IsSupportRole(Role role);

}  // namespace pcmd::access
