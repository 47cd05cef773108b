// PeerGroupStore: members of peer groups, self-help groups and clubs by client code, attendance
// of their activities, and target T13.
#include "domain/support/peer_groups.h"

#include <map>
#include <set>

#include "base/id.h"
#include "domain/support/internal.h"
#include "domain/support/peer_group_types.h"

namespace pcmd::support {

using access::Action;
using access::Resource;
using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

namespace {

constexpr const char* kMemberCols =
    "m.id, m.group_id, m.client_id, c.uic, m.joined_on, m.left_on, m.version, m.recorded_by, "
    "m.recorded_at, m.updated_at, m.updated_by";

Membership MembershipFromRow(const Row& r) {
  Membership m;
  m.id = r.Text(0);
  m.group_id = r.Text(1);
  m.client_id = r.Text(2);
  m.uic = r.Text(3);
  m.joined_on = Date::Parse(r.Text(4)).value_or(Date());
  if (!r.Text(5).empty()) m.left_on = Date::Parse(r.Text(5)).value_or(Date());
  m.version = r.Int(6);
  m.recorded_by = r.Text(7);
  m.recorded_at = r.Text(8);
  m.updated_at = r.Text(9);
  m.updated_by = r.Text(10);
  return m;
}

Status Forbidden() {
  return base::PermissionDenied("your role may not do this")
      .WithVi("Vai trò của bạn không được phép thực hiện thao tác này")
      .WithMachineCode("forbidden");
}

std::string TextOf(const records::Values& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end() || !std::holds_alternative<std::string>(it->second)) return "";
  return std::get<std::string>(it->second);
}

std::int64_t IntOf(const records::Values& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end() || !std::holds_alternative<std::int64_t>(it->second)) return 0;
  return std::get<std::int64_t>(it->second);
}

std::vector<std::string> ListOf(const records::Values& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end() || !std::holds_alternative<std::vector<std::string>>(it->second)) return {};
  return std::get<std::vector<std::string>>(it->second);
}

}  // namespace

Result<std::vector<Membership>> internal::LoadMemberships(Transaction& tx, const std::string& where,
                                                          const store::Params& params) {
  PCMD_ASSIGN_OR_RETURN(Rows rows,
                        tx.Query(std::string("SELECT ") + kMemberCols +
                                     " FROM peer_group_members m JOIN clients c ON c.id = m.client_id"
                                     " WHERE " + where + " ORDER BY m.joined_on, m.id",
                                 params));
  std::vector<Membership> out;
  for (const auto& r : rows) out.push_back(MembershipFromRow(r));
  return out;
}

namespace {
Result<std::vector<Membership>> LoadMembers(Transaction& tx, const std::string& where,
                                            const store::Params& params) {
  return internal::LoadMemberships(tx, where, params);
}
}  // namespace

Result<records::Record> PeerGroupStore::Group(const access::Subject& subject, const std::string& id,
                                              Action action) const {
  PCMD_ASSIGN_OR_RETURN(records::Record group, records_.Get(subject, PeerGroup(), id));
  if (action != Action::kRead && !Runs(subject, group)) return Forbidden();
  return group;
}

bool PeerGroupStore::Runs(const access::Subject& subject, const records::Record& group) const {
  return policy_.Allows(subject, Action::kUpdate,
                        {Resource::kPeerGroup, group.unit_code, ListOf(group.values, "leaders")});
}

Result<Membership> PeerGroupStore::AddMember(const access::Subject& subject,
                                             const store::Actor& actor, const std::string& group_id,
                                             const NewMembership& in, bool* created) {
  if (created) *created = false;
  PCMD_ASSIGN_OR_RETURN(records::Record group, Group(subject, group_id, Action::kUpdate));
  const Date today = clients_.Today();
  base::Validation v;
  auto client = clients_.Get(subject, in.client_id);
  if (in.client_id.empty()) {
    v.Add("client_id", "required", "Mã người được hỗ trợ là bắt buộc", "client_id is required");
  } else if (!client.ok()) {
    v.Add("client_id", "not_found", "Không tìm thấy người được hỗ trợ trong danh sách bạn phụ trách",
          "no such client among those you work with");
  } else if (client->is_erased()) {
    v.Add("client_id", "erased", "Dữ liệu của người này đã bị xóa theo yêu cầu",
          "the client's data was erased");
  }
  const Date joined = in.joined_on.value_or(today);
  if (joined > today) {
    v.Add("joined_on", "in_future", "Ngày tham gia không được ở tương lai",
          "joined_on must not be in the future");
  } else if (joined < group.date) {
    v.Add("joined_on", "before_founded", "Ngày tham gia không được trước ngày thành lập nhóm",
          "joined_on must not be before the group was founded");
  }
  if (TextOf(group.values, "status") == "dissolved") {
    v.Add("group", "dissolved", "Nhóm đã giải thể", "the group was dissolved");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());

  Membership m;
  m.id = in.id.value_or(base::NewUuid());
  m.group_id = group_id;
  m.client_id = in.client_id;
  m.uic = client->uic;
  m.joined_on = joined;
  m.version = 1;
  m.recorded_by = m.updated_by = actor.id;
  m.recorded_at = m.updated_at = base::NowIsoUtc();
  std::optional<Membership> existing;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto same, LoadMembers(tx, "m.id = :1", {m.id}));
    if (!same.empty()) {
      if (same[0].group_id != m.group_id || same[0].client_id != m.client_id ||
          same[0].joined_on != m.joined_on) {
        return base::Conflict("a different membership has this id")
            .WithVi("Mã bản ghi đã được dùng cho một thành viên khác")
            .WithMachineCode("id_conflict");
      }
      existing = same[0];
      return Status::Ok();
    }
    PCMD_ASSIGN_OR_RETURN(auto current,
                          LoadMembers(tx, "m.group_id = :1 AND m.client_id = :2 AND m.left_on = ''",
                                      {m.group_id, m.client_id}));
    if (!current.empty()) {
      return base::Validation::Fail("client_id", "already_member",
                                    "Người này đang là thành viên của nhóm",
                                    "the client is already a member of the group");
    }
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO peer_group_members (id, group_id, client_id, joined_on, left_on, "
                "version, recorded_by, recorded_at, updated_at, updated_by) "
                "VALUES (:1, :2, :3, :4, '', 1, :5, :6, :7, :8)",
                {m.id, m.group_id, m.client_id, m.joined_on.ToString(), m.recorded_by,
                 m.recorded_at, m.updated_at, m.updated_by})
            .status());
    return tx.AppendChange("peer_group_member", m.id, "create");
  });
  if (!s.ok()) return s;
  if (existing) return *existing;
  if (created) *created = true;
  return m;
}

Result<Membership> PeerGroupStore::EndMembership(const access::Subject& subject,
                                                 const store::Actor& actor,
                                                 const std::string& group_id,
                                                 const std::string& membership_id, Date left_on,
                                                 std::int64_t version) {
  PCMD_ASSIGN_OR_RETURN(records::Record group, Group(subject, group_id, Action::kUpdate));
  (void)group;
  const Date today = clients_.Today();
  std::optional<Membership> m;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto found, LoadMembers(tx, "m.id = :1 AND m.group_id = :2",
                                                  {membership_id, group_id}));
    if (found.empty()) {
      return base::NotFound("no such member").WithVi("Không tìm thấy thành viên").WithMachineCode("not_found");
    }
    m = found[0];
    if (m->version != version) return internal::Stale("membership");
    base::Validation v;
    if (m->left_on) {
      v.Add("left_on", "already_left", "Người này đã rời nhóm", "the membership has ended already");
    } else if (left_on < m->joined_on) {
      v.Add("left_on", "before_joined", "Ngày rời nhóm không được trước ngày tham gia",
            "left_on must not be before joined_on");
    } else if (left_on > today) {
      v.Add("left_on", "in_future", "Ngày rời nhóm không được ở tương lai",
            "left_on must not be in the future");
    }
    PCMD_RETURN_IF_ERROR(v.ToStatus());
    m->left_on = left_on;
    m->version += 1;
    m->updated_by = actor.id;
    m->updated_at = base::NowIsoUtc();
    PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE peer_group_members SET left_on = :1, version = :2, "
                                 "updated_at = :3, updated_by = :4 WHERE id = :5",
                                 {left_on.ToString(), m->version, m->updated_at, m->updated_by,
                                  m->id})
                             .status());
    return tx.AppendChange("peer_group_member", m->id, "update");
  });
  if (!s.ok()) return s;
  return *m;
}

Result<MemberList> PeerGroupStore::Members(const access::Subject& subject,
                                           const std::string& group_id) const {
  PCMD_ASSIGN_OR_RETURN(records::Record group, Group(subject, group_id, Action::kRead));
  std::vector<Membership> all;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(all, LoadMembers(tx, "m.group_id = :1", {group_id}));
    return Status::Ok();
  }));
  MemberList out;
  // A dissolved group has no current members, whatever memberships were left open.
  const std::string ended = TextOf(group.values, "ended_on");
  const Date today = std::min(clients_.Today(), ended.empty() ? clients_.Today()
                                                              : Date::Parse(ended).value_or(clients_.Today()));
  std::set<std::string> ever, current;
  for (const auto& m : all) {
    ever.insert(m.client_id);
    if (m.IsMemberOn(today) && (ended.empty() || TextOf(group.values, "status") != "dissolved")) {
      current.insert(m.client_id);
    }
  }
  out.current = static_cast<std::int64_t>(current.size());
  out.ever = static_cast<std::int64_t>(ever.size());
  out.shows_codes = Runs(subject, group);
  if (out.shows_codes) out.items = std::move(all);
  return out;
}

Result<std::vector<Membership>> PeerGroupStore::GroupsOf(const access::Subject& subject,
                                                         const std::string& client_id) const {
  PCMD_ASSIGN_OR_RETURN(Client client, clients_.Get(subject, client_id));
  std::vector<Membership> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(out, LoadMembers(tx, "m.client_id = :1", {client.id}));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Membership>> PeerGroupStore::Attendance(const access::Subject& subject,
                                                           const std::string& activity_id) const {
  PCMD_ASSIGN_OR_RETURN(records::Record activity,
                        records_.Get(subject, PeerGroupActivity(), activity_id));
  // The activity is readable here: a group the caller cannot reach is a refusal, not an absence.
  if (auto group = Group(subject, TextOf(activity.values, "group"), Action::kUpdate); !group.ok()) {
    return group.status().code() == base::StatusCode::kNotFound ? Forbidden() : group.status();
  }
  std::vector<Membership> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        out, LoadMembers(tx, "m.id IN (SELECT membership_id FROM peer_activity_attendance WHERE "
                             "activity_id = :1)",
                         {activity_id}));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Membership>> PeerGroupStore::SetAttendance(
    const access::Subject& subject, const store::Actor& actor, const std::string& activity_id,
    const std::vector<std::string>& membership_ids) {
  PCMD_ASSIGN_OR_RETURN(records::Record activity,
                        records_.Get(subject, PeerGroupActivity(), activity_id));
  const std::string group_id = TextOf(activity.values, "group");
  if (auto group = Group(subject, group_id, Action::kUpdate); !group.ok()) {
    return group.status().code() == base::StatusCode::kNotFound ? Forbidden() : group.status();
  }
  const std::set<std::string> wanted(membership_ids.begin(), membership_ids.end());
  std::vector<Membership> present;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto members, LoadMembers(tx, "m.group_id = :1", {group_id}));
    std::map<std::string, Membership> by_id;
    for (auto& m : members) by_id.emplace(m.id, m);
    for (const auto& id : wanted) {
      auto it = by_id.find(id);
      if (it == by_id.end() || !it->second.IsMemberOn(activity.date)) {
        return base::Validation::Fail("attendees", "not_a_member",
                                      "Có người không phải thành viên của nhóm vào ngày sinh hoạt",
                                      "someone listed was not a member of the group on that date");
      }
      present.push_back(it->second);
    }
    if (static_cast<std::int64_t>(wanted.size()) > IntOf(activity.values, "participants")) {
      return base::Validation::Fail("attendees", "more_than_participants",
                                    "Số thành viên có mặt nhiều hơn số người tham gia đã ghi",
                                    "more members present than the participants recorded");
    }
    PCMD_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM peer_activity_attendance WHERE activity_id = :1", {activity_id}).status());
    for (const auto& id : wanted) {
      PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO peer_activity_attendance (activity_id, "
                                   "membership_id) VALUES (:1, :2)",
                                   {activity_id, id})
                               .status());
    }
    return tx.AppendChange("peer_activity_attendance", activity_id, "update");
  });
  if (!s.ok()) return s;
  return present;
}

Result<std::vector<PeerProgrammeRow>> PeerGroupStore::Summary(const access::Subject& subject,
                                                              const std::optional<std::string>& unit,
                                                              int year) const {
  const std::string root = unit.value_or(subject.unit_code);
  if (!policy_.Allows(subject, Action::kRead, {Resource::kPeerGroup, root, {}}) &&
      !policy_.Allows(subject, Action::kRead, {Resource::kAggregate, root, {}})) {
    return Forbidden();
  }
  PCMD_ASSIGN_OR_RETURN(auto parents, units_.LatestParents(nullptr));
  // Each unit below the root mapped to the child of the root it lies under.
  auto row_of = [&](std::string code) -> std::optional<std::string> {
    std::string child;
    for (int depth = 0; depth < 16 && !code.empty(); ++depth) {
      if (code == root) return child.empty() ? root : child;
      child = code;
      auto it = parents.find(code);
      if (it == parents.end()) return std::nullopt;
      code = it->second;
    }
    if (root == "VN") return child;  // a top unit
    return std::nullopt;
  };
  std::map<std::string, PeerProgrammeRow> rows;
  PeerProgrammeRow total{.unit_code = root};
  std::vector<std::string> children;
  for (const auto& [code, parent] : parents) {
    if (parent == root || (root == "VN" && parent.empty())) {
      children.push_back(code);
      rows[code].unit_code = code;
    }
  }
  const Date first = Date::FromCivil(year, 1, 1), last = Date::FromCivil(year, 12, 31);
  std::map<std::string, std::string> group_row;  // group id -> row unit
  std::set<std::string> active;
  std::map<std::string, std::set<std::string>> members;  // row unit -> clients
  std::set<std::string> all_members;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows groups,
                          tx.Query("SELECT id, unit_code, record_date, data FROM records WHERE type = :1 "
                                   "AND deleted_at IS NULL AND record_date <= :2",
                                   {PeerGroup().id, last.ToString()}));
    for (const auto& g : groups) {
      const auto values = records::DecodeValues(g.Text(3));
      const std::string ended = TextOf(values, "ended_on");
      if (!ended.empty() && ended < first.ToString()) continue;
      auto r = row_of(g.Text(1));
      if (!r) continue;
      group_row[g.Text(0)] = *r;
    }
    PCMD_ASSIGN_OR_RETURN(Rows acts,
                          tx.Query("SELECT data FROM records WHERE type = :1 AND deleted_at IS NULL "
                                   "AND record_date >= :2 AND record_date <= :3",
                                   {PeerGroupActivity().id, first.ToString(), last.ToString()}));
    for (const auto& a : acts) {
      const auto values = records::DecodeValues(a.Text(0));
      auto it = group_row.find(TextOf(values, "group"));
      if (it == group_row.end()) continue;
      active.insert(it->first);
      for (auto* row : {&rows[it->second], &total}) {
        row->activities += 1;
        row->participants += IntOf(values, "participants");
        row->condoms += IntOf(values, "condoms");
        row->lubricant += IntOf(values, "lubricant");
        row->leaflets += IntOf(values, "leaflets");
        row->referrals_made += IntOf(values, "referrals_made");
      }
    }
    PCMD_ASSIGN_OR_RETURN(Rows ms, tx.Query("SELECT group_id, client_id FROM peer_group_members "
                                            "WHERE joined_on <= :1 AND (left_on = '' OR left_on >= :2)",
                                            {last.ToString(), first.ToString()}));
    for (const auto& m : ms) {
      auto it = group_row.find(m.Text(0));
      if (it == group_row.end()) continue;
      members[it->second].insert(m.Text(1));
      all_members.insert(m.Text(1));
    }
    return Status::Ok();
  }));
  for (const auto& [group, row] : group_row) {
    for (auto* r : {&rows[row], &total}) {
      r->groups += 1;
      if (active.count(group)) r->active_groups += 1;
    }
  }
  for (const auto& [row, set] : members) rows[row].members = static_cast<std::int64_t>(set.size());
  total.members = static_cast<std::int64_t>(all_members.size());
  std::vector<PeerProgrammeRow> out{total};
  for (const auto& code : children) out.push_back(rows[code]);
  // Groups recorded at the root unit itself (a district's own group) count in its total only.
  return out;
}

std::vector<store::Migration> PeerGroupMigrations() {
  return {{511, "peer_group_members_attendance",
           "CREATE TABLE peer_group_members (id TEXT PRIMARY KEY, group_id TEXT NOT NULL, "
           "client_id TEXT NOT NULL REFERENCES clients (id), joined_on TEXT NOT NULL, "
           "left_on TEXT NOT NULL, version BIGINT NOT NULL, recorded_by TEXT NOT NULL, "
           "recorded_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);\n"
           "CREATE INDEX peer_group_members_group ON peer_group_members (group_id);\n"
           "CREATE INDEX peer_group_members_client ON peer_group_members (client_id);\n"
           "CREATE TABLE peer_activity_attendance (activity_id TEXT NOT NULL, "
           "membership_id TEXT NOT NULL REFERENCES peer_group_members (id), "
           "PRIMARY KEY (activity_id, membership_id));\n",
           ""}};
}

}  // namespace pcmd::support
