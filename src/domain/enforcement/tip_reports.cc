#include <map>
#include <set>

#include "domain/enforcement/tip_store.h"
#include "domain/enforcement/tip_store_internal.h"

// What is counted of the tips (T8 summary, notifications, open tips by establishment) and
// the deadline rules.
namespace pcmd::enforcement {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

Result<TipSummary> TipStore::Summary(const access::Subject& subject,
                                     const std::optional<std::string>& unit,
                                     const base::Period& period) const {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kRead);
  if (scope == Scope::kNone) {
    return base::PermissionDenied("your role may not read tips");
  }
  TipSummary out;
  out.unit_code = unit.value_or(subject.unit_code);
  out.period = period.id;
  out.first = period.first;
  out.last = period.last;
  PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, out.unit_code));
  if (units.empty()) {
    return out;
  }
  std::string where =
      " FROM tips WHERE deleted_at IS NULL AND received_on >= :f AND received_on <= :l";
  store::Params p = {period.first.ToString(), period.last.ToString()};
  where += " AND unit_code IN (";
  for (std::size_t i = 0; i < units.size(); ++i) {
    where += (i ? ", :u" : ":u") + std::to_string(i);
    p.emplace_back(units[i]);
  }
  where += ")";
  if (scope == Scope::kAssigned) {
    where += " AND assignee = :me";
    p.emplace_back(subject.account_id);
  }
  std::vector<Tip> tips;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols + where, p));
    for (const auto& r : rows) {
      tips.push_back(FromRow(r));
    }
    return Status::Ok();
  }));
  PCMD_ASSIGN_OR_RETURN(auto parents, units_.LatestParents(nullptr));
  // The group of a unit: the asked unit itself, or its child whose subtree holds it.
  auto group_of = [&](const std::string& code) -> std::string {
    if (code == out.unit_code) {
      return code;
    }
    std::string at = code;
    for (int guard = 0; guard < 64; ++guard) {
      auto it = parents.find(at);
      if (it == parents.end()) {
        return at;
      }
      const std::string& parent = it->second;
      if (parent == out.unit_code || (parent.empty() && out.unit_code == "VN")) {
        return at;
      }
      if (parent.empty()) {
        return at;
      }
      at = parent;
    }
    return at;
  };
  const Date today = Today();
  std::map<std::string, TipCounts> by_unit, by_handler;
  for (Tip& t : tips) {
    Annotate(t, today);
    out.totals.Add(t);
    by_unit[group_of(t.unit_code)].Add(t);
    by_handler[t.assignee].Add(t);
  }
  if (auto it = by_unit.find(out.unit_code); it != by_unit.end()) {
    out.units.push_back({out.unit_code, true, it->second});
    by_unit.erase(it);
  }
  for (auto& [code, counts] : by_unit) {
    out.units.push_back({code, false, counts});
  }
  for (auto& [assignee, counts] : by_handler) {
    out.handlers.push_back({assignee, counts});
  }
  return out;
}

Result<std::vector<TipNotice>> TipStore::Notices(const access::Subject& subject) const {
  std::vector<TipNotice> out;
  if (access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kRead) == Scope::kNone) {
    return out;
  }
  std::vector<Tip> tips;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT ") + kCols +
                                       " FROM tips WHERE deleted_at IS NULL AND assignee = :1 "
                                       "AND status IN " +
                                       kOpenStatuses + " ORDER BY deadline, received_at, id",
                                   {subject.account_id}));
    for (const auto& r : rows) {
      tips.push_back(FromRow(r));
    }
    return Status::Ok();
  }));
  const Date today = Today();
  for (Tip& t : tips) {
    if (!policy_.Allows(subject, Action::kRead, {Resource::kTip, t.unit_code, AssigneesOf(t)})) {
      continue;
    }
    Annotate(t, today);
    out.push_back(
        {t.id, t.kind, std::string(TipStatusId(t.status)), t.deadline, t.timeliness, t.days_left});
  }
  return out;
}

Result<std::map<std::string, int>> TipStore::OpenTipsByEstablishment() const {
  std::map<std::string, int> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT establishment_id, COUNT(*) FROM tips WHERE "
                                               "deleted_at IS NULL AND establishment_id <> '' AND "
                                               "status IN ") +
                                   kOpenStatuses + " GROUP BY establishment_id"));
    for (const auto& r : rows) {
      out[r.Text(0)] = static_cast<int>(r.Int(1));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<TipDeadlineRule>> TipStore::DeadlineRules() const {
  PCMD_ASSIGN_OR_RETURN(auto kinds, code_lists_.Get("tip_kind"));
  std::map<std::string, TipDeadlineRule> stored;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query("SELECT kind, days, max_extensions, max_extension_days FROM "
                                   "tip_deadline_rules"));
    for (const auto& r : rows) {
      TipDeadlineRule rule = DefaultTipDeadlineRule(r.Text(0));
      rule.days = static_cast<int>(r.Int(1));
      rule.max_extensions = static_cast<int>(r.Int(2));
      rule.max_extension_days = static_cast<int>(r.Int(3));
      stored[rule.kind] = rule;
    }
    return Status::Ok();
  }));
  std::vector<TipDeadlineRule> out;
  for (const auto& code : kinds) {
    auto it = stored.find(code.code);
    out.push_back(it != stored.end() ? it->second : DefaultTipDeadlineRule(code.code));
  }
  return out;
}

Status TipStore::SetDeadlineRules(const store::Actor& actor,
                                  const std::vector<TipDeadlineRule>& rules) {
  base::Validation v;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    const std::string at = "items[" + std::to_string(i) + "].";
    auto known = code_lists_.IsActive("tip_kind", r.kind);
    if (!known.ok() || !*known) {
      v.Add(at + "kind", "invalid_code", "Loại tin không có trong danh mục tip_kind",
            "kind is not a code of the list tip_kind");
    }
    if (r.days < 1 || r.days > kMaxTipDeadlineDays) {
      v.Add(at + "days", "out_of_range",
            "Thời hạn phải từ 1 đến " + std::to_string(kMaxTipDeadlineDays) + " ngày",
            "days must be from 1 to " + std::to_string(kMaxTipDeadlineDays));
    }
    if (r.max_extensions < 0 || r.max_extensions > kMaxTipExtensions) {
      v.Add(at + "max_extensions", "out_of_range",
            "Số lần gia hạn phải từ 0 đến " + std::to_string(kMaxTipExtensions),
            "max_extensions must be from 0 to " + std::to_string(kMaxTipExtensions));
    }
    if (r.max_extension_days < 0 || r.max_extension_days > kMaxTipDeadlineDays) {
      v.Add(at + "max_extension_days", "out_of_range",
            "Số ngày mỗi lần gia hạn phải từ 0 đến " + std::to_string(kMaxTipDeadlineDays),
            "max_extension_days must be from 0 to " + std::to_string(kMaxTipDeadlineDays));
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  const std::string now = now_();
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    for (const auto& r : rules) {
      PCMD_ASSIGN_OR_RETURN(
          std::int64_t changed,
          tx.Exec("UPDATE tip_deadline_rules SET days = :1, max_extensions = :2, "
                  "max_extension_days = :3, updated_at = :4, updated_by = :5 WHERE kind = :6",
                  {r.days, r.max_extensions, r.max_extension_days, now, actor.id, r.kind}));
      if (changed == 0) {
        PCMD_RETURN_IF_ERROR(
            tx.Exec("INSERT INTO tip_deadline_rules (kind, days, max_extensions, "
                    "max_extension_days, updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6)",
                    {r.kind, r.days, r.max_extensions, r.max_extension_days, now, actor.id})
                .status());
      }
      PCMD_RETURN_IF_ERROR(tx.AppendChange("tip_deadline_rule", r.kind, "update"));
    }
    return Status::Ok();
  });
}

}  // namespace pcmd::enforcement
