#pragma once

#include <cstdint>
#include <ostream>

#include "app/wiring.h"
#include "base/status.h"

namespace pcmd::app {

// The demo accounts' shared password (listed in the README; demo stores only).
inline constexpr const char* kDemoPassword = "pcmd-demo-2025";

// Fills a store that already has the Ninh Bình units with demo data from a fixed seed:
// one account for every role ("demo.*", password kDemoPassword) and plausible programme
// records for 2021–2025 across the province's units. Marks the store as a demo store
// (setting "demo" = "1": the interface shows a banner and no role must enrol TOTP).
// A store that is already a demo store is left as it is. Reports what it made on `out`.
base::Status FillDemo(Modules& modules, std::uint32_t seed, std::ostream& out);

// The support world's part of the demo (demo_support.cc), called by FillDemo: providers,
// clients of the Hoa Lư district's communes with consents, needs, referrals and outcomes, and
// three peer groups with members, meetings and attendance.
base::Status FillSupportDemo(Modules& modules, std::uint32_t seed, std::ostream& out);

}  // namespace pcmd::app
