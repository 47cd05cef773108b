#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/records/record_store.h"
#include "domain/support/support_store.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::support {

struct NewMembership {
  std::optional<std::string> id;  // a re-sent add with the same id and content adds nothing
  std::string client_id;
  std::optional<base::Date> joined_on;  // default today
};

// The members of a group. Those who run the group (its leaders, the social workers of its
// unit) see the member codes; others who read the group see the counts only.
struct MemberList {
  std::vector<Membership> items;  // empty when the codes are not shown
  std::int64_t current = 0;       // members today
  std::int64_t ever = 0;          // everyone who was ever a member
  bool shows_codes = false;
};

// Target T13 for one unit and year: groups active in the year (founded by its end, not
// dissolved before its start, and holding at least one meeting or activity in it), the distinct
// clients who were members of a group of the unit at some time in the year, the meetings and
// activities held and how many took part.
struct PeerProgrammeRow {
  std::string unit_code;
  std::int64_t groups = 0;         // groups existing at some time in the year
  std::int64_t active_groups = 0;  // of those, with at least one activity in the year
  std::int64_t members = 0;        // client-derived: suppressed by the caller
  std::int64_t activities = 0;
  std::int64_t participants = 0;
  std::int64_t condoms = 0, lubricant = 0, leaflets = 0, referrals_made = 0;
};

// The PeerGroupStore keeps who belongs to which group and who attended which activity
// (tables peer_group_members, peer_activity_attendance, migration 511); the groups and
// activities themselves are records of the RecordStore (peer_group_types.h). Access: adding a
// member needs the right to change the group (its leaders, the social workers and province
// officers of its unit) and to read the client (its assigned workers); attendance needs the
// right to change the group, and each attendee a member on the activity's date. Enforcement
// roles reach nothing (kNotFound). Writes go to the change log (entities "peer_group_member",
// "peer_activity_attendance") with ids only. Thread-safe.
class PeerGroupStore {
 public:
  PeerGroupStore(store::Database& db, const units::UnitTree& units, const access::Policy& policy,
                 const records::RecordStore& records, SupportStore& clients)
      : db_(db), units_(units), policy_(policy), records_(records), clients_(clients) {}

  base::Result<Membership> AddMember(const access::Subject& subject, const store::Actor& actor,
                                     const std::string& group_id, const NewMembership& input,
                                     bool* created = nullptr);
  // Ends a membership on `left_on` (not before it began).
  base::Result<Membership> EndMembership(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& group_id,
                                         const std::string& membership_id, base::Date left_on,
                                         std::int64_t version);
  base::Result<MemberList> Members(const access::Subject& subject, const std::string& group_id) const;
  // The groups a client belongs or belonged to (for the client's page and subject access);
  // the subject must read the client.
  base::Result<std::vector<Membership>> GroupsOf(const access::Subject& subject,
                                                 const std::string& client_id) const;

  // The memberships recorded as present at an activity (for those who run its group).
  base::Result<std::vector<Membership>> Attendance(const access::Subject& subject,
                                                   const std::string& activity_id) const;
  // Replaces the attendance of an activity by these memberships of its group.
  base::Result<std::vector<Membership>> SetAttendance(const access::Subject& subject,
                                                      const store::Actor& actor,
                                                      const std::string& activity_id,
                                                      const std::vector<std::string>& membership_ids);

  // T13 for `unit` (default the subject's) and each unit directly below it, in `year`: the
  // first row is the unit itself. Any role that reads peer groups or aggregates there.
  base::Result<std::vector<PeerProgrammeRow>> Summary(const access::Subject& subject,
                                                      const std::optional<std::string>& unit,
                                                      int year) const;

 private:
  // The group record, when the subject may do `action` to it (kNotFound when it may not read it).
  base::Result<records::Record> Group(const access::Subject& subject, const std::string& id,
                                      access::Action action) const;
  bool Runs(const access::Subject& subject, const records::Record& group) const;

  store::Database& db_;
  const units::UnitTree& units_;
  const access::Policy& policy_;
  const records::RecordStore& records_;
  SupportStore& clients_;
};

// The tables of peer group memberships and attendance (migration 511).
std::vector<store::Migration> PeerGroupMigrations();

}  // namespace pcmd::support
