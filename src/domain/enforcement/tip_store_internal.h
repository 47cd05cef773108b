#pragma once

// What the files of the tip store share (tip_store.cc, tip_denouncer.cc, tip_reports.cc);
// not for use outside src/domain/enforcement.

#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "domain/enforcement/tip_store.h"
#include "domain/records/code_lists.h"
#include "store/database.h"

namespace pcmd::enforcement::internal {

// The names the tip store's files use unqualified (they say `using namespace internal`).
using access::Action;
using access::Resource;
using access::Scope;
using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

inline constexpr const char* kDenouncerContext = "tip.denouncer";
inline constexpr std::size_t kMaxContent = 4000;
inline constexpr std::size_t kMaxPlace = 300;
inline constexpr std::size_t kMaxAgency = 300;
inline constexpr std::size_t kMaxNote = 2000;
// The columns of a tip row, in FromRow's order.
extern const char* const kCols;
// The statuses of open tips, as an SQL list.
inline constexpr const char* kOpenStatuses = "('received', 'verified', 'classified', 'assigned')";

Tip FromRow(const store::Row& r);
base::Status NotFoundTip();
base::Status Stale();
base::Status OnlyAssignedHandling();
std::vector<std::string> AssigneesOf(const Tip& t);
// May the subject change tips of this unit itself (create, edit, delete, run the steps)?
// Roles whose write scope is "assigned" only record the handling of their tips.
bool MayManage(const access::Policy& policy, const access::Subject& subject, const std::string& unit);
base::Status InsertTip(store::Transaction& tx, const Tip& t);
// Stores `next` over the version `expected`; kConflict "stale_version" when it moved.
base::Status UpdateTip(store::Transaction& tx, const Tip& next, std::int64_t expected, bool is_delete = false);
base::Status AppendEvent(store::Transaction& tx, const std::string& tip_id, const TipEvent& e);
base::Result<std::optional<Tip>> Load(store::Transaction& tx, const std::string& id);
// The rule of a kind: the stored one, else the default.
base::Result<TipDeadlineRule> RuleOf(store::Transaction& tx, const std::string& kind);
void CheckText(base::Validation& v, const std::string& field, const std::string& text, std::size_t max,
               const std::string& label_vi, const std::string& label_en);
void CheckCode(base::Validation& v, const records::CodeLists& codes, const std::string& field,
               const std::string& list, const std::string& code, const std::string& label_vi,
               const std::string& label_en);

}  // namespace pcmd::enforcement::internal
