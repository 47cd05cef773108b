#include "domain/support/peer_group_types.h"

#include <iterator>

#include "base/text.h"
#include "domain/records/code_lists.h"

namespace pcmd::support {

using records::FieldKind;
using records::RecordType;
using records::Values;

namespace {

std::string TextOf(const Values& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end() || !std::holds_alternative<std::string>(it->second)) return "";
  return std::get<std::string>(it->second);
}

}  // namespace

const RecordType& PeerGroup() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "peer_group";
    t.path = "peer-groups";
    t.resource = access::Resource::kPeerGroup;
    t.label_vi = "Nhóm đồng đẳng, nhóm tự lực, câu lạc bộ";
    t.label_en = "Peer group, self-help group or club";
    t.date_label_vi = "Ngày thành lập";
    t.date_label_en = "Founded on";
    t.unit_levels = {"district", "commune"};
    records::FieldSpec pilot{"pilot_model", FieldKind::kRef, false, "Thuộc mô hình thí điểm",
                             "Pilot model it belongs to", 0, 0, 0, "", "pilot_model"};
    pilot.reference_resource = access::Resource::kProgrammeRecord;
    records::FieldSpec leaders{"leaders", FieldKind::kAccounts, true, "Đồng đẳng viên phụ trách",
                               "Peer educators who lead it"};
    leaders.account_roles = {"peer_educator", "social_worker"};
    t.fields = {
        {"name", FieldKind::kText, true, "Tên nhóm", "Name", 300},
        {"kind", FieldKind::kCode, true, "Loại nhóm", "Kind", 0, 0, 0, "peer_group_kind"},
        {"status", FieldKind::kCode, true, "Tình trạng", "Status", 0, 0, 0, "peer_group_status"},
        {"ended_on", FieldKind::kDate, false, "Ngày giải thể", "Dissolved on"},
        {"supporting_agency", FieldKind::kText, false, "Cơ quan hỗ trợ", "Supporting agency", 300},
        pilot,
        leaders,
        {"meeting_place", FieldKind::kText, false, "Nơi sinh hoạt (loại địa điểm)",
         "Meeting place (kind of place)", 200},
        {"note", FieldKind::kText, false, "Ghi chú", "Note", 1000},
    };
    t.assignee_field = "leaders";
    t.rules = [](const Values& values, base::Validation& v) {
      const std::string status = TextOf(values, "status");
      const std::string ended = TextOf(values, "ended_on");
      if (status == "dissolved" && ended.empty()) {
        v.Add("ended_on", "required", "Nhóm đã giải thể cần có ngày giải thể",
              "A dissolved group needs the date it was dissolved");
      }
      if (status != "dissolved" && !ended.empty()) {
        v.Add("ended_on", "inconsistent", "Chỉ nhóm đã giải thể mới có ngày giải thể",
              "Only a dissolved group has a dissolution date");
      }
    };
    t.same_as = [](const Values& a, const Values& b) -> std::string {
      // Two groups of the same commune with the same name (case and marks ignored).
      return base::FoldedSimilarity(TextOf(a, "name"), TextOf(b, "name")) >= 0.95 ? "name" : "";
    };
    return t;
  }();
  return type;
}

const RecordType& PeerGroupActivity() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "peer_group_activity";
    t.path = "peer-group-activities";
    t.resource = access::Resource::kPeerGroup;
    t.label_vi = "Sinh hoạt, hoạt động của nhóm";
    t.label_en = "Group meeting or activity";
    t.date_label_vi = "Ngày sinh hoạt";
    t.date_label_en = "Date";
    t.unit_levels = {"district", "commune"};
    records::FieldSpec group{"group", FieldKind::kRef, true, "Nhóm", "Group", 0, 0, 0, "", "peer_group"};
    group.reference_assignee_field = "leaders";
    records::FieldSpec facilitators{"facilitators", FieldKind::kAccounts, true, "Người điều hành", "Facilitated by"};
    facilitators.account_roles = {"peer_educator", "social_worker"};
    t.fields = {
        group,
        {"kind", FieldKind::kCode, true, "Loại hoạt động", "Kind", 0, 0, 0, "peer_activity_kind"},
        {"topic", FieldKind::kText, true, "Chủ đề", "Topic", 300},
        facilitators,
        {"participants", FieldKind::kInteger, true, "Số người tham gia", "Participants", 0, 0, 10'000},
        {"condoms", FieldKind::kInteger, false, "Bao cao su phát ra", "Condoms given", 0, 0, 1'000'000},
        {"lubricant", FieldKind::kInteger, false, "Chất bôi trơn phát ra", "Lubricant given", 0, 0, 1'000'000},
        {"leaflets", FieldKind::kInteger, false, "Tờ rơi, tài liệu phát ra", "Leaflets given", 0, 0, 1'000'000},
        {"referrals_made", FieldKind::kInteger, false, "Số lượt chuyển gửi dịch vụ", "Referrals made", 0, 0, 10'000},
        {"note", FieldKind::kText, false, "Ghi chú (không ghi tên người tham gia)",
         "Note (no participant's name)", 1000},
    };
    t.assignee_field = "facilitators";
    return t;
  }();
  return type;
}

std::vector<const RecordType*> PeerGroupRecordTypes() { return {&PeerGroup(), &PeerGroupActivity()}; }

std::vector<store::Migration> PeerGroupTypeMigrations() {
  static const records::CodeSeed seeds[] = {
      {"peer_group_kind", "peer_group", "Nhóm đồng đẳng", "Peer group", 1},
      {"peer_group_kind", "self_help_group", "Nhóm tự lực", "Self-help group", 2},
      {"peer_group_kind", "club", "Câu lạc bộ", "Club", 3},
      {"peer_group_status", "active", "Đang hoạt động", "Active", 1},
      {"peer_group_status", "paused", "Tạm ngừng", "Paused", 2},
      {"peer_group_status", "dissolved", "Đã giải thể", "Dissolved", 3},
      {"peer_activity_kind", "meeting", "Sinh hoạt nhóm định kỳ", "Regular meeting", 1},
      {"peer_activity_kind", "communication", "Truyền thông, tư vấn", "Communication and counselling", 2},
      {"peer_activity_kind", "skills", "Tập huấn kỹ năng", "Skills training", 3},
      {"peer_activity_kind", "health_day", "Ngày hội sức khỏe, xét nghiệm lưu động", "Health day or mobile testing", 4},
      {"peer_activity_kind", "livelihood", "Hỗ trợ sinh kế", "Livelihood support", 5},
      {"peer_activity_kind", "other", "Hoạt động khác", "Other activity", 6},
  };
  return {{510, "peer_group_codes",
           records::SeedCodesSql(std::vector<records::CodeSeed>(std::begin(seeds), std::end(seeds))), ""}};
}

}  // namespace pcmd::support
