#include "domain/enforcement/inspection_planner.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>
#include <set>
#include <tuple>
#include <utility>

namespace pcmd::enforcement {
namespace {

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;
constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max() / 4;

// A flow network with integer capacities, augmented along shortest paths (Edmonds–Karp).
// A path never re-enters the source, so the flow out of each district only ever grows: the
// planner relies on this to fill its phases one after another.
class FlowNetwork {
 public:
  explicit FlowNetwork(int nodes) : adjacency_(nodes) {}

  int AddEdge(int from, int to, std::int64_t capacity) {
    const int index = static_cast<int>(edges_.size());
    edges_.push_back({to, capacity, 0});
    edges_.push_back({from, 0, 0});  // index ^ 1 is the reverse edge
    adjacency_[from].push_back(index);
    adjacency_[to].push_back(index + 1);
    return index;
  }
  void SetCapacity(int edge, std::int64_t capacity) { edges_[edge].capacity = capacity; }
  std::int64_t Flow(int edge) const { return edges_[edge].flow; }

  // Pushes at most `limit` units along one shortest augmenting path; returns the amount.
  std::int64_t Augment(int source, int sink, std::int64_t limit) {
    std::vector<int> via(adjacency_.size(), -1);
    std::queue<int> frontier;
    frontier.push(source);
    while (!frontier.empty() && via[sink] < 0) {
      const int node = frontier.front();
      frontier.pop();
      for (int e : adjacency_[node]) {
        const Edge& edge = edges_[e];
        if (edge.to == source || via[edge.to] >= 0 || edge.capacity - edge.flow <= 0) {
          continue;
        }
        via[edge.to] = e;
        frontier.push(edge.to);
      }
    }
    if (via[sink] < 0) {
      return 0;
    }
    std::int64_t amount = limit;
    for (int node = sink; node != source; node = edges_[via[node] ^ 1].to) {
      amount = std::min(amount, edges_[via[node]].capacity - edges_[via[node]].flow);
    }
    for (int node = sink; node != source; node = edges_[via[node] ^ 1].to) {
      edges_[via[node]].flow += amount;
      edges_[via[node] ^ 1].flow -= amount;
    }
    return amount;
  }

 private:
  struct Edge {
    int to;
    std::int64_t capacity;
    std::int64_t flow;
  };
  std::vector<Edge> edges_;
  std::vector<std::vector<int>> adjacency_;
};

// One district while the plan is made.
struct DistrictState {
  std::string code;
  std::vector<int> ranked;  // establishments not inspected this year, best first
  int establishments = 0;
  int inspected_this_year = 0;
  int never_now = 0;        // never inspected up to now
  int never_done = 0;       // first inspected this year
  int required_share = 0;   // rule 1, done ones included
  int required_never = 0;   // rule 2, done ones included
  int need_share = 0;       // rule 1, still to plan
  int need_never = 0;       // rule 2, still to plan
  int required = 0;         // the first `required` of `ranked` meet both rules
  bool is_covered = false;  // some team may work here
  int planned = 0;
};

bool IsNeverInspected(const PlanEstablishment& e) {
  return e.last_inspected_year == 0 && !e.is_inspected_this_year;
}

// Priority order within a district: never inspected, risk, open tips, oldest last
// inspection, id.
bool RanksBefore(const PlanEstablishment& a, const PlanEstablishment& b) {
  return std::make_tuple(!IsNeverInspected(a), -a.risk_score, -a.open_tips, a.last_inspected_year,
                         std::string_view(a.id)) <
         std::make_tuple(!IsNeverInspected(b), -b.risk_score, -b.open_tips, b.last_inspected_year,
                         std::string_view(b.id));
}

int CeilDiv(int a, int b) { return (a + b - 1) / b; }

base::Status Validate(const PlanInput& in) {
  base::Validation v;
  const bool is_year_valid = in.year >= kMinYear && in.year <= kMaxYear;
  if (!is_year_valid) {
    v.Add("year", "out_of_range", "Năm kế hoạch phải từ 2000 đến 2100",
          "year must be between 2000 and 2100");
  }
  if (in.plan_end_year < kMinYear || in.plan_end_year > kMaxYear) {
    v.Add("plan_end_year", "out_of_range", "Năm kết thúc kế hoạch phải từ 2000 đến 2100",
          "plan_end_year must be between 2000 and 2100");
  }
  if (in.first_month < 1 || in.first_month > 12) {
    v.Add("first_month", "out_of_range", "Tháng bắt đầu phải từ 1 đến 12",
          "first_month must be between 1 and 12");
  }
  if (!(in.district_share > 0.0 && in.district_share <= 1.0)) {
    v.Add("district_share", "out_of_range", "Tỷ lệ kiểm tra phải lớn hơn 0 và không quá 1",
          "district_share must be in (0, 1]");
  }
  std::set<std::string_view> ids;
  for (std::size_t i = 0; i < in.establishments.size(); ++i) {
    const PlanEstablishment& e = in.establishments[i];
    const std::string at = "establishments[" + std::to_string(i) + "].";
    if (e.id.empty()) {
      v.Add(at + "id", "required", "Thiếu mã cơ sở", "establishment id is required");
    } else if (!ids.insert(e.id).second) {
      v.Add(at + "id", "duplicate", "Mã cơ sở bị trùng", "establishment id is duplicated");
    }
    if (e.district.empty()) {
      v.Add(at + "district", "required", "Thiếu mã huyện của cơ sở", "district is required");
    }
    if (e.risk_score < 0) {
      v.Add(at + "risk_score", "out_of_range", "Điểm nguy cơ không được âm",
            "risk_score must not be negative");
    }
    if (e.open_tips < 0) {
      v.Add(at + "open_tips", "out_of_range", "Số tin báo không được âm",
            "open_tips must not be negative");
    }
    if (e.last_inspected_year < 0 || (is_year_valid && e.last_inspected_year >= in.year)) {
      v.Add(at + "last_inspected_year", "out_of_range",
            "Năm kiểm tra gần nhất phải trước năm kế hoạch (0 nếu chưa từng kiểm tra)",
            "last_inspected_year must be 0 or before the plan year");
    }
  }
  ids.clear();
  for (std::size_t i = 0; i < in.teams.size(); ++i) {
    const PlanTeam& t = in.teams[i];
    const std::string at = "teams[" + std::to_string(i) + "].";
    if (t.id.empty()) {
      v.Add(at + "id", "required", "Thiếu mã đoàn kiểm tra", "team id is required");
    } else if (!ids.insert(t.id).second) {
      v.Add(at + "id", "duplicate", "Mã đoàn kiểm tra bị trùng", "team id is duplicated");
    }
    for (int m = 0; m < 12; ++m) {
      if (t.monthly_capacity[m] < 0) {
        v.Add(at + "monthly_capacity[" + std::to_string(m) + "]", "out_of_range",
              "Năng lực kiểm tra không được âm", "monthly capacity must not be negative");
      }
    }
    for (std::size_t k = 0; k < t.districts.size(); ++k) {
      if (t.districts[k].empty()) {
        v.Add(at + "districts[" + std::to_string(k) + "]", "required", "Thiếu mã huyện",
              "district code is required");
      }
    }
  }
  return v.ToStatus();
}

// Builds the districts, sorted by code, with their rankings and requirements.
std::vector<DistrictState> BuildDistricts(const PlanInput& in) {
  std::map<std::string, DistrictState> by_code;
  for (std::size_t i = 0; i < in.establishments.size(); ++i) {
    const PlanEstablishment& e = in.establishments[i];
    DistrictState& d = by_code[e.district];
    d.code = e.district;
    ++d.establishments;
    if (e.is_inspected_this_year) {
      ++d.inspected_this_year;
      if (e.last_inspected_year == 0) {
        ++d.never_done;
      }
    } else {
      d.ranked.push_back(static_cast<int>(i));
      if (e.last_inspected_year == 0) {
        ++d.never_now;
      }
    }
  }
  std::vector<DistrictState> districts;
  for (auto& [code, d] : by_code) {
    std::sort(d.ranked.begin(), d.ranked.end(), [&](int a, int b) {
      return RanksBefore(in.establishments[a], in.establishments[b]);
    });
    // The epsilon keeps 0.3 × 10 at 3 despite binary rounding.
    const double share = std::ceil(in.district_share * d.establishments - 1e-9);
    d.required_share = std::clamp(static_cast<int>(share), 0, d.establishments);
    if (in.year <= in.plan_end_year) {
      d.required_never = CeilDiv(d.never_now + d.never_done, in.plan_end_year - in.year + 1);
    }
    d.need_share = std::max(0, d.required_share - d.inspected_this_year);
    d.need_never = std::max(0, d.required_never - d.never_done);
    d.required = std::max(d.need_share, d.need_never);
    districts.push_back(std::move(d));
  }
  return districts;
}

bool Covers(const PlanTeam& team, const std::string& district) {
  return team.districts.empty() ||
         std::find(team.districts.begin(), team.districts.end(), district) != team.districts.end();
}

// Raises each district's flow towards `targets` one establishment per district in turn, so a
// shortage is shared out, then tops up to a maximum flow for those targets.
void RaiseInTurn(FlowNetwork& net, int source, int sink, const std::vector<int>& source_edges,
                 const std::vector<int>& targets) {
  bool is_progressing = true;
  while (is_progressing) {
    is_progressing = false;
    for (std::size_t d = 0; d < source_edges.size(); ++d) {
      const std::int64_t flow = net.Flow(source_edges[d]);
      if (flow >= targets[d]) {
        continue;
      }
      net.SetCapacity(source_edges[d], flow + 1);
      if (net.Augment(source, sink, 1) > 0) {
        is_progressing = true;
      } else {
        net.SetCapacity(source_edges[d], flow);
      }
    }
  }
  for (std::size_t d = 0; d < source_edges.size(); ++d) {
    net.SetCapacity(source_edges[d], std::max<std::int64_t>(targets[d], net.Flow(source_edges[d])));
  }
  while (net.Augment(source, sink, kUnbounded) > 0) {
  }
}

std::string FormatPercent(double share, char decimal_mark) {
  const long tenths = std::lround(share * 1000.0);
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    text += decimal_mark + std::to_string(tenths % 10);
  }
  return text + "%";
}

Shortfall MakeShortfall(const PlanInput& in, const DistrictState& d, bool is_share_rule) {
  Shortfall s;
  s.district = d.code;
  s.rule = is_share_rule ? "district_share" : "never_inspected";
  s.cause = d.is_covered ? "capacity" : "no_team";
  s.required = is_share_rule ? d.required_share : d.required_never;
  s.already_done = is_share_rule ? d.inspected_this_year : d.never_done;
  s.planned = is_share_rule ? d.planned : std::min(d.planned, d.never_now);

  const auto it = in.district_names.find(d.code);
  const std::string label =
      it != in.district_names.end() && !it->second.empty() ? it->second : "Địa bàn " + d.code;
  const std::string year = std::to_string(in.year);
  const std::string months_en =
      in.first_month == 12 ? "december" : "months " + std::to_string(in.first_month) + "-12";
  const std::string months_vi =
      in.first_month == 12 ? "tháng 12"
                           : "từ tháng " + std::to_string(in.first_month) + " đến tháng 12";
  const std::string required = std::to_string(s.required);
  const std::string planned = std::to_string(s.planned);
  const std::string done = std::to_string(s.already_done);

  s.message = "district " + d.code + ": " + required;
  s.message_vi = label + ": cần kiểm tra " + required;
  if (is_share_rule) {
    s.message += " establishments must be inspected in " + year + " (" +
                 FormatPercent(in.district_share, '.') + " share), ";
    s.message_vi +=
        " cơ sở trong năm " + year + " (" + FormatPercent(in.district_share, ',') + "), ";
  } else {
    s.message += " never-inspected establishments must be inspected in " + year +
                 " so that all are inspected by the end of " + std::to_string(in.plan_end_year) +
                 ", ";
    s.message_vi += " cơ sở chưa từng được kiểm tra trong năm " + year + " để đến hết năm " +
                    std::to_string(in.plan_end_year) + " tất cả đều được kiểm tra, ";
  }
  if (s.already_done > 0) {
    s.message += done + " already inspected and only " + planned + " more planned";
    s.message_vi += "đã kiểm tra " + done + ", chỉ xếp thêm được " + planned;
  } else {
    s.message += "only " + planned + " planned";
    s.message_vi += "chỉ xếp được " + planned;
  }
  if (d.is_covered) {
    s.message += " because team capacity in " + months_en + " is too small";
    s.message_vi += " vì năng lực các đoàn " + months_vi + " không đủ";
  } else {
    s.message += " because no team covers the district";
    s.message_vi += " vì không có đoàn kiểm tra nào phụ trách địa bàn này";
  }
  return s;
}

}  // namespace

base::Result<InspectionPlan> ProposeInspectionPlan(const PlanInput& input) {
  PCMD_RETURN_IF_ERROR(Validate(input));
  std::vector<DistrictState> districts = BuildDistricts(input);
  const int district_count = static_cast<int>(districts.size());
  const int team_count = static_cast<int>(input.teams.size());

  // Nodes: source, districts, teams, sink. A team's edge to the sink carries its capacity
  // over the months still open; district → team edges are unbounded where the team covers.
  const int source = 0;
  const int sink = 1 + district_count + team_count;
  FlowNetwork net(sink + 1);
  std::vector<int> source_edges(district_count);
  for (int d = 0; d < district_count; ++d) {
    source_edges[d] = net.AddEdge(source, 1 + d, 0);
  }
  std::vector<std::vector<int>> cover_edges(district_count, std::vector<int>(team_count, -1));
  for (int t = 0; t < team_count; ++t) {
    const PlanTeam& team = input.teams[t];
    std::int64_t capacity = 0;
    for (int m = input.first_month; m <= 12; ++m) {
      capacity += team.monthly_capacity[m - 1];
    }
    net.AddEdge(1 + district_count + t, sink, capacity);
    for (int d = 0; d < district_count; ++d) {
      if (!Covers(team, districts[d].code)) {
        continue;
      }
      districts[d].is_covered = true;
      cover_edges[d][t] = net.AddEdge(1 + d, 1 + district_count + t, kUnbounded);
    }
  }

  // Never-inspected needs first, then the full requirement, then (optionally) the rest.
  std::vector<int> targets(district_count);
  for (int d = 0; d < district_count; ++d) {
    targets[d] = districts[d].need_never;
  }
  RaiseInTurn(net, source, sink, source_edges, targets);
  for (int d = 0; d < district_count; ++d) {
    targets[d] = districts[d].required;
  }
  RaiseInTurn(net, source, sink, source_edges, targets);
  if (input.fill_capacity) {
    for (int d = 0; d < district_count; ++d) {
      targets[d] = static_cast<int>(districts[d].ranked.size());
    }
    RaiseInTurn(net, source, sink, source_edges, targets);
  }

  // Each team's slots, earliest month first, spread evenly over the districts it serves;
  // a district's slots then go to its establishments in rank order.
  std::vector<std::vector<std::pair<int, int>>> slots(district_count);  // (month, team)
  for (int t = 0; t < team_count; ++t) {
    std::vector<std::int64_t> share(district_count, 0);
    std::vector<std::int64_t> left(district_count, 0);
    std::int64_t total = 0;
    for (int d = 0; d < district_count; ++d) {
      if (cover_edges[d][t] < 0) {
        continue;
      }
      share[d] = left[d] = net.Flow(cover_edges[d][t]);
      total += share[d];
    }
    for (int m = input.first_month; m <= 12 && total > 0; ++m) {
      for (int k = 0; k < input.teams[t].monthly_capacity[m - 1] && total > 0; ++k, --total) {
        int best = -1;  // the district with the largest part of its share still left
        for (int d = 0; d < district_count; ++d) {
          if (left[d] > 0 && (best < 0 || left[d] * share[best] > left[best] * share[d])) {
            best = d;
          }
        }
        --left[best];
        slots[best].emplace_back(m, t);
      }
    }
  }

  InspectionPlan plan;
  for (int d = 0; d < district_count; ++d) {
    DistrictState& state = districts[d];
    std::sort(slots[d].begin(), slots[d].end(), [&](const auto& a, const auto& b) {
      return std::tie(a.first, input.teams[a.second].id) <
             std::tie(b.first, input.teams[b.second].id);
    });
    state.planned = static_cast<int>(slots[d].size());
    for (int rank = 0; rank < state.planned; ++rank) {
      const PlanEstablishment& e = input.establishments[state.ranked[rank]];
      PlanItem item{
          e.id, e.district, input.teams[slots[d][rank].second].id, slots[d][rank].first, {}};
      if (IsNeverInspected(e)) {
        item.reasons.push_back("never_inspected");
      }
      if (rank < state.need_share) {
        item.reasons.push_back("district_share");
      }
      if (rank >= state.required) {
        item.reasons.push_back("extra");
      }
      if (e.risk_score >= input.high_risk_min_score) {
        item.reasons.push_back("high_risk");
      }
      if (e.open_tips > 0) {
        item.reasons.push_back("open_tips");
      }
      plan.items.push_back(std::move(item));
    }

    plan.districts.push_back({state.code, state.establishments, state.inspected_this_year,
                              state.never_now, state.required_share, state.required_never,
                              state.planned, std::min(state.planned, state.never_now)});
    if (state.never_done + std::min(state.planned, state.never_now) < state.required_never) {
      plan.shortfalls.push_back(MakeShortfall(input, state, /*is_share_rule=*/false));
    }
    if (state.inspected_this_year + state.planned < state.required_share) {
      plan.shortfalls.push_back(MakeShortfall(input, state, /*is_share_rule=*/true));
    }
  }

  // Items by month and team; district (by code) and rank order are kept from above.
  std::stable_sort(plan.items.begin(), plan.items.end(), [](const PlanItem& a, const PlanItem& b) {
    return std::tie(a.month, a.team_id) < std::tie(b.month, b.team_id);
  });
  return plan;
}

std::string_view ItemProgressName(ItemProgress progress) {
  switch (progress) {
    case ItemProgress::kPlanned: return "planned";
    case ItemProgress::kDone: return "done";
    case ItemProgress::kOverdue: return "overdue";
  }
  return "planned";
}

namespace {

bool IsValidDate(const CalendarDate& date) {
  if (date.year < 1900 || date.year > kMaxYear || date.month < 1 || date.month > 12) {
    return false;
  }
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool is_leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const int days = kDays[date.month - 1] + (date.month == 2 && is_leap ? 1 : 0);
  return date.day >= 1 && date.day <= days;
}

bool IsEarlier(const CalendarDate& a, const CalendarDate& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

}  // namespace

base::Result<PlanProgress> TrackPlanProgress(int plan_year, const std::vector<PlanItem>& items,
                                             const std::vector<DoneInspection>& inspections,
                                             CalendarDate today) {
  base::Validation v;
  if (plan_year < kMinYear || plan_year > kMaxYear) {
    v.Add("plan_year", "out_of_range", "Năm kế hoạch phải từ 2000 đến 2100",
          "plan_year must be between 2000 and 2100");
  }
  if (!IsValidDate(today)) {
    v.Add("today", "invalid_date", "Ngày hiện tại không hợp lệ", "today is not a valid date");
  }
  std::set<std::string_view> planned_ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "].";
    if (items[i].month < 1 || items[i].month > 12) {
      v.Add(at + "month", "out_of_range", "Tháng kế hoạch phải từ 1 đến 12",
            "month must be between 1 and 12");
    }
    if (!planned_ids.insert(items[i].establishment_id).second) {
      v.Add(at + "establishment_id", "duplicate", "Cơ sở được xếp kế hoạch hai lần",
            "establishment is planned twice");
    }
  }
  for (std::size_t i = 0; i < inspections.size(); ++i) {
    if (!IsValidDate(inspections[i].date)) {
      v.Add("inspections[" + std::to_string(i) + "].date", "invalid_date",
            "Ngày kiểm tra không hợp lệ", "inspection date is not a valid date");
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());

  std::map<std::string_view, CalendarDate> first_done;
  for (const DoneInspection& inspection : inspections) {
    if (inspection.date.year != plan_year) {
      continue;
    }
    auto [it, is_new] = first_done.emplace(inspection.establishment_id, inspection.date);
    if (!is_new && IsEarlier(inspection.date, it->second)) {
      it->second = inspection.date;
    }
  }

  PlanProgress progress;
  for (const PlanItem& item : items) {
    PlanItemProgress p{item, ItemProgress::kPlanned, std::nullopt};
    if (const auto it = first_done.find(item.establishment_id); it != first_done.end()) {
      p.progress = ItemProgress::kDone;
      p.done_on = it->second;
      ++progress.done;
    } else if (std::tie(plan_year, item.month) < std::tie(today.year, today.month)) {
      p.progress = ItemProgress::kOverdue;  // the item's month ended before today
      ++progress.overdue;
    } else {
      ++progress.planned;
    }
    progress.items.push_back(std::move(p));
  }
  return progress;
}

}  // namespace pcmd::enforcement
