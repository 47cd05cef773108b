#include "domain/activities/programme_types.h"

namespace pcmd::activities {

using records::FieldKind;
using records::FieldSpec;
using records::RecordType;

const RecordType& CommunicationActivity() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "communication_activity";
    t.path = "communication-activities";
    t.resource = access::Resource::kProgrammeRecord;
    t.label_vi = "Hoạt động tuyên truyền";
    t.label_en = "Communication activity";
    t.date_label_vi = "Ngày tổ chức";
    t.date_label_en = "Date held";
    t.fields = {
        {"form", FieldKind::kCode, true, "Hình thức tuyên truyền", "Form", 0, 0, 0, "communication_form"},
        {"setting", FieldKind::kCode, true, "Địa bàn, môi trường", "Setting", 0, 0, 0, "communication_setting"},
        {"organiser", FieldKind::kText, true, "Cơ quan tổ chức", "Organising agency", 200},
        {"audience_count", FieldKind::kInteger, false, "Số người tham dự", "Audience", 0, 0, 1'000'000},
        {"materials", FieldKind::kText, false, "Tài liệu sử dụng", "Materials used", 500},
        {"note", FieldKind::kText, false, "Ghi chú", "Note", 1000},
    };
    return t;
  }();
  return type;
}

const RecordType& PressItem() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "press_item";
    t.path = "press-items";
    t.resource = access::Resource::kProgrammeRecord;
    t.label_vi = "Tin, bài trên báo chí của tỉnh";
    t.label_en = "Provincial press item";
    t.date_label_vi = "Ngày đăng";
    t.date_label_en = "Date published";
    t.unit_levels = {"province"};
    t.fields = {
        {"outlet", FieldKind::kCode, true, "Cơ quan báo chí", "Outlet", 0, 0, 0, "press_outlet"},
        {"title", FieldKind::kText, true, "Tiêu đề", "Title", 300},
        {"link", FieldKind::kUrl, false, "Đường dẫn", "Link", 1000},
    };
    return t;
  }();
  return type;
}

std::vector<const RecordType*> ProgrammeRecordTypes() {
  return {&CommunicationActivity(), &PressItem()};
}

}  // namespace pcmd::activities
