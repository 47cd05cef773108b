// IndicatorEngine: the versions of the administrative tree (docs/plans.md "Reorganisations").
//
// The units table keeps every version of every unit; the tree changes only on a few days. Between
// two such days (an epoch) the tree is fixed, so the engine lays out each epoch's units in
// depth-first order, epoch after epoch: a position is a unit in one epoch, and a fact sits at its
// unit in the epoch of its day. A value asked on an epoch's tree counts the unit's subtree there,
// and the positions of older epochs whose units the recorded changes carry into that subtree
// ("homes"): merged, renamed and moved units whole to their successor, a split unit to the units
// holding every successor (or, by the plan's "remainder" rule, to the one that took the rest), a
// unit with no known successor to wherever the unit above it went. Tested in
// indicator_trees_test.cc.
#include <algorithm>
#include <set>

#include "analytics/indicator_engine.h"
#include "analytics/indicator_engine_internal.h"
#include "base/log.h"

namespace pcmd::analytics {

using base::Date;
using base::Period;
using base::Result;
using base::Status;

namespace {

bool Carries(const std::string& kind) {
  return kind == "merge" || kind == "split" || kind == "rename" || kind == "moved" || kind == "unchanged";
}

}  // namespace

Status IndicatorEngine::RebuildUnits() {
  std::string stamp;
  PCMD_ASSIGN_OR_RETURN(auto versions, units_.AllVersions(&stamp));
  if (stamp == index_.stamp && !index_.code.empty()) return Status::Ok();
  PCMD_ASSIGN_OR_RETURN(auto lineage, units_.ListChanges(std::nullopt, false));
  UnitIndex idx;
  idx.stamp = stamp;
  // The days the tree changes on.
  std::set<std::int32_t> days;
  for (const auto& v : versions) {
    days.insert(v.valid_from.days());
    if (v.valid_to) days.insert(v.valid_to->AddDays(1).days());
  }
  if (days.empty()) days.insert(0);
  // A last boundary after every unit closed opens no epoch of its own unless some unit lives there.
  idx.epoch_start.assign(days.begin(), days.end());
  for (std::size_t k = 0; k < idx.epoch_start.size(); ++k) {
    const std::int32_t day = idx.epoch_start[k];
    std::map<std::string, std::string> parent;  // the units valid that day
    for (const auto& v : versions) {
      if (v.valid_from.days() <= day && (!v.valid_to || v.valid_to->days() >= day)) {
        parent[v.code] = v.parent_code.value_or("");
      }
    }
    std::map<std::string, std::string> level;
    for (const auto& v : versions) {
      if (v.valid_from.days() <= day && (!v.valid_to || v.valid_to->days() >= day)) level[v.code] = v.level;
    }
    idx.epoch_first.push_back(static_cast<int>(idx.code.size()));
    std::multimap<std::string, std::string> children;
    for (const auto& [code, up] : parent) children.emplace(parent.count(up) ? up : "", code);
    // Iterative depth-first walk from the roots, children in code order.
    std::unordered_map<std::string, int> here;
    std::vector<std::pair<std::string, bool>> todo;
    std::vector<std::string> roots;
    for (auto [b, e] = children.equal_range(""); b != e; ++b) roots.push_back(b->second);
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) todo.emplace_back(*it, false);
    while (!todo.empty()) {
      auto [code, done] = todo.back();
      todo.pop_back();
      if (done) {
        idx.end[static_cast<std::size_t>(here[code])] = static_cast<int>(idx.code.size());
        continue;
      }
      if (here.count(code)) continue;
      const int pos = static_cast<int>(idx.code.size());
      here[code] = pos;
      idx.nodes[code].push_back(pos);
      idx.code.push_back(code);
      idx.end.push_back(0);
      auto up = here.find(parent[code]);
      idx.parent.push_back(up == here.end() ? -1 : up->second);
      idx.level.push_back(static_cast<std::int8_t>(units::LevelRank(level[code])));
      idx.epoch.push_back(static_cast<std::uint16_t>(k));
      todo.emplace_back(code, true);
      std::vector<std::string> kids;
      for (auto [b, e] = children.equal_range(code); b != e; ++b) kids.push_back(b->second);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) todo.emplace_back(*it, false);
    }
  }
  idx.epoch_first.push_back(static_cast<int>(idx.code.size()));
  // Successors: the confirmed change rows of each boundary; a unit no row names goes on as itself
  // when its code lives on (rows still to confirm guess nothing: the unit then has none).
  idx.next.assign(idx.code.size(), {});
  auto node_in = [&](const std::string& code, std::size_t epoch) -> int {
    auto it = idx.nodes.find(code);
    if (it == idx.nodes.end()) return -1;
    for (int p : it->second) {
      if (idx.epoch[static_cast<std::size_t>(p)] == epoch) return p;
    }
    return -1;
  };
  std::map<std::int32_t, std::size_t> epoch_of_day;
  for (std::size_t k = 0; k < idx.epoch_start.size(); ++k) epoch_of_day[idx.epoch_start[k]] = k;
  for (const auto& row : lineage) {
    if (!Carries(row.kind)) continue;
    auto k = epoch_of_day.find(row.effective.days());
    if (k == epoch_of_day.end() || k->second == 0) continue;
    const int from = node_in(row.from_code, k->second - 1);
    if (from < 0) continue;
    if (row.status != "confirmed" || !row.to_code) continue;
    const int to = node_in(*row.to_code, k->second);
    if (to < 0) continue;
    idx.next[static_cast<std::size_t>(from)].push_back(
        {to, row.source.find("phần còn lại") != std::string::npos});
  }
  for (std::size_t p = 0; p < idx.code.size(); ++p) {
    const std::size_t k = idx.epoch[p];
    if (k + 1 >= idx.epoch_start.size() || !idx.next[p].empty()) continue;
    // No confirmed row (none, or only rows still to confirm) yet the code lives on: it is itself.
    const int same = node_in(idx.code[p], k + 1);
    if (same >= 0) idx.next[p].push_back({same, false});
  }
  index_ = std::move(idx);
  {
    std::lock_guard<std::mutex> lock(level_mu_);
    level_cache_.clear();
    homes_cache_.clear();
    parts_cache_.clear();
  }
  std::unordered_map<std::uint64_t, int> position_of;  // interned unit code and epoch -> position
  for (auto& ts : stores_) {
    for (auto& f : ts.facts) {
      const std::uint64_t key = (static_cast<std::uint64_t>(f.unit) << 16) | static_cast<std::uint64_t>(EpochOf(f.day));
      auto known = position_of.find(key);
      if (known == position_of.end()) known = position_of.emplace(key, PositionOf(Str(f.unit), f.day)).first;
      f.unit_pos = known->second;
    }
  }
  // The positions moved: the facts are laid out again (during a rebuild, once it has read them).
  if (!bulk_) {
    Relayout();
    RebuildTotals();
  }
  if (index_.epoch_start.size() > 1) {
    base::LogInfo("indicators: tree versions", {{"versions", std::to_string(index_.epoch_start.size())},
                                                {"positions", std::to_string(index_.code.size())}});
  }
  return Status::Ok();
}

int IndicatorEngine::EpochOf(std::int32_t day) const {
  const auto& s = index_.epoch_start;
  const auto it = std::upper_bound(s.begin(), s.end(), day);
  return it == s.begin() ? 0 : static_cast<int>(it - s.begin()) - 1;
}

int IndicatorEngine::NodeIn(const std::string& code, int epoch) const {
  auto it = index_.nodes.find(code);
  if (it == index_.nodes.end()) return -1;
  for (int p : it->second) {
    if (index_.epoch[static_cast<std::size_t>(p)] == epoch) return p;
  }
  return -1;
}

int IndicatorEngine::PositionOf(std::string_view code, std::int32_t day) const {
  auto it = index_.nodes.find(std::string(code));
  if (it == index_.nodes.end() || it->second.empty()) return -1;
  return PositionAmong(it->second, day);
}

int IndicatorEngine::PositionOfText(std::uint32_t text, std::string_view code, std::int32_t day) {
  static const std::vector<int> kNone;
  auto& known = index_.nodes_of_text;
  // Unit codes are interned first (small ids); a code met later, with a large id, is looked up
  // each time rather than growing the table to its id.
  if (text >= index_.code.size() * 4 + 1024) return PositionOf(code, day);
  if (known.size() <= text) known.resize(static_cast<std::size_t>(text) + 1, nullptr);
  if (!known[text]) {
    auto it = index_.nodes.find(std::string(code));
    known[text] = it == index_.nodes.end() ? &kNone : &it->second;
  }
  return known[text]->empty() ? -1 : PositionAmong(*known[text], day);
}

int IndicatorEngine::PositionAmong(const std::vector<int>& nodes, std::int32_t day) const {
  // The unit in the epoch of the day; a record dated after its unit closed stays with the unit's
  // last version, one dated before it opened with its first.
  if (nodes.size() == 1) return nodes.front();  // a unit the tree never changed
  const int epoch = EpochOf(day);
  int best = nodes.front();
  for (int p : nodes) {
    if (index_.epoch[static_cast<std::size_t>(p)] <= epoch) best = p;
  }
  return best;
}

std::shared_ptr<const std::vector<int>> IndicatorEngine::HomesOf(int epoch, int rule) const {
  const int key = epoch * 2 + rule;
  {
    std::lock_guard<std::mutex> lock(level_mu_);
    if (auto it = homes_cache_.find(key); it != homes_cache_.end()) return it->second;
  }
  const auto& idx = index_;
  auto homes = std::make_shared<std::vector<int>>(idx.code.size(), -1);
  auto& home = *homes;
  const auto e = static_cast<std::size_t>(epoch);
  for (int p = idx.epoch_first[e]; p < idx.epoch_first[e + 1]; ++p) home[static_cast<std::size_t>(p)] = p;
  // The lowest unit of the epoch's tree holding both (-1: none, under different roots).
  auto common = [&](int a, int b) {
    while (a >= 0 && !(a <= b && b < idx.end[static_cast<std::size_t>(a)])) a = idx.parent[static_cast<std::size_t>(a)];
    return a;
  };
  for (std::size_t k = e; k-- > 0;) {
    for (int p = idx.epoch_first[k]; p < idx.epoch_first[k + 1]; ++p) {
      const auto& steps = idx.next[static_cast<std::size_t>(p)];
      bool only_remainder = false;
      if (rule == 1 && steps.size() > 1) {
        for (const auto& s : steps) only_remainder = only_remainder || s.remainder;
      }
      int h = -1;
      bool any = false;
      for (const auto& s : steps) {
        if (only_remainder && !s.remainder) continue;
        const int hs = home[static_cast<std::size_t>(s.to)];
        if (hs < 0) continue;
        h = any ? common(h, hs) : hs;
        any = true;
      }
      // No known successor: where the unit above it went (its parent comes first in the order).
      const int up = idx.parent[static_cast<std::size_t>(p)];
      if (!any && up >= 0) h = home[static_cast<std::size_t>(up)];
      home[static_cast<std::size_t>(p)] = h;
    }
  }
  std::lock_guard<std::mutex> lock(level_mu_);
  return homes_cache_.emplace(key, std::move(homes)).first->second;
}

std::vector<IndicatorEngine::Part> IndicatorEngine::PartsOf(int pos, int rule) const {
  const auto& idx = index_;
  const int epoch = idx.epoch[static_cast<std::size_t>(pos)];
  const int end = idx.end[static_cast<std::size_t>(pos)];
  if (epoch == 0) return {Part{pos, end, false}};
  const int key = pos * 2 + rule;
  {
    std::lock_guard<std::mutex> lock(level_mu_);
    if (auto it = parts_cache_.find(key); it != parts_cache_.end()) return it->second;
  }
  auto homes = HomesOf(epoch, rule);
  std::vector<int> in;  // the older positions carried into the unit's subtree
  for (int p = 0; p < idx.epoch_first[static_cast<std::size_t>(epoch)]; ++p) {
    const int h = (*homes)[static_cast<std::size_t>(p)];
    if (h >= pos && h < end) in.push_back(p);
  }
  std::vector<Part> parts;
  for (std::size_t i = 0; i < in.size();) {
    const int p = in[i];
    const auto len = static_cast<std::size_t>(idx.end[static_cast<std::size_t>(p)] - p);
    if (i + len - 1 < in.size() && in[i + len - 1] == p + static_cast<int>(len) - 1) {
      parts.push_back({p, idx.end[static_cast<std::size_t>(p)], false});  // its whole subtree
      i += len;
    } else {
      parts.push_back({p, p + 1, true});
      ++i;
    }
  }
  parts.push_back({pos, end, false});
  std::lock_guard<std::mutex> lock(level_mu_);
  return parts_cache_.emplace(key, std::move(parts)).first->second;
}

Result<std::pair<int, int>> IndicatorEngine::ResolveTree(const std::string& unit_code, const Period& period,
                                                         const TreeChoice& tree) const {
  if (!index_.nodes.count(unit_code)) {
    return base::NotFound("no such unit").WithVi("Không tìm thấy").WithMachineCode("not_found");
  }
  const Date as_was = std::min(period.last, today_());
  const int period_epoch = EpochOf(as_was.days());
  int epoch = period_epoch;
  switch (tree.kind) {
    case TreeChoice::Kind::kAsWas: break;
    case TreeChoice::Kind::kOn:
      epoch = EpochOf(tree.on.days());
      if (epoch < period_epoch) {
        return base::Validation::Fail(
            "tree", "before_period",
            "Cây đơn vị phải là cây từ ngày " + as_was.ToString() + " trở về sau (cuối kỳ)",
            "the tree must be the one of " + as_was.ToString() + " (the period's end) or later");
      }
      break;
    case TreeChoice::Kind::kDefault:
      epoch = EpochOf(today_().days());
      if (NodeIn(unit_code, epoch) < 0) epoch = period_epoch;
      break;
  }
  const int pos = NodeIn(unit_code, epoch);
  if (pos < 0) {
    const std::string day = Date::FromDays(index_.epoch_start[static_cast<std::size_t>(epoch)]).ToString();
    return base::Validation::Fail("unit", "not_on_tree", "Đơn vị không có trên cây đơn vị từ ngày " + day,
                                  "the unit is not on the tree of " + day);
  }
  return std::make_pair(epoch, pos);
}

Result<Date> IndicatorEngine::TreeOf(const std::string& unit_code, const Period& period,
                                     const TreeChoice& tree) const {
  std::shared_lock lock(mu_);
  PCMD_ASSIGN_OR_RETURN(auto at, ResolveTree(unit_code, period, tree));
  return Date::FromDays(index_.epoch_start[static_cast<std::size_t>(at.first)]);
}

}  // namespace pcmd::analytics
