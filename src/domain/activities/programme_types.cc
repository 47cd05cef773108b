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

const RecordType& DistrictPlan() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "district_plan";
    t.path = "district-plans";
    t.resource = access::Resource::kProgrammeRecord;
    t.label_vi = "Kế hoạch phòng, chống mại dâm cấp huyện";
    t.label_en = "District prevention plan";
    t.date_label_vi = "Ngày ban hành";
    t.date_label_en = "Date issued";
    t.unit_levels = {"district"};
    t.fields = {
        {"year", FieldKind::kInteger, true, "Năm kế hoạch", "Plan year", 0, 2000, 2100},
        {"document_number", FieldKind::kText, true, "Số, ký hiệu văn bản", "Document number", 100},
        {"is_implemented", FieldKind::kBool, false, "Đã triển khai thực hiện", "Implemented"},
        {"evidence", FieldKind::kText, false, "Căn cứ, minh chứng triển khai", "Evidence of implementation", 2000},
        {"integrated_with", FieldKind::kCodes, false, "Lồng ghép với chương trình", "Integrated with", 0, 0, 0,
         "integration_programme"},
    };
    t.rules = [](const records::Values& values, base::Validation& v) {
      // Implementation needs evidence, so that T6 counts plans shown to be carried out.
      auto implemented = values.find("is_implemented");
      auto evidence = values.find("evidence");
      const bool has_evidence = evidence != values.end() &&
                                std::holds_alternative<std::string>(evidence->second) &&
                                !std::get<std::string>(evidence->second).empty();
      if (implemented != values.end() && std::holds_alternative<bool>(implemented->second) &&
          std::get<bool>(implemented->second) && !has_evidence) {
        v.Add("evidence", "required", "Cần ghi minh chứng khi kế hoạch đã được triển khai",
              "evidence is required when the plan is marked implemented");
      }
    };
    return t;
  }();
  return type;
}

const RecordType& PilotModel() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "pilot_model";
    t.path = "pilot-models";
    t.resource = access::Resource::kProgrammeRecord;
    t.label_vi = "Mô hình thí điểm";
    t.label_en = "Pilot model";
    t.date_label_vi = "Ngày bắt đầu";
    t.date_label_en = "Start date";
    t.unit_levels = {"district"};
    t.fields = {
        {"name", FieldKind::kText, true, "Tên mô hình", "Name", 300},
        {"kind", FieldKind::kCode, true, "Loại mô hình", "Kind", 0, 0, 0, "pilot_model_kind"},
        {"status", FieldKind::kCode, true, "Tình trạng", "Status", 0, 0, 0, "pilot_status"},
        {"results", FieldKind::kText, false, "Kết quả", "Results", 4000},
    };
    return t;
  }();
  return type;
}

const RecordType& CommunicationMaterial() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "communication_material";
    t.path = "communication-materials";
    t.resource = access::Resource::kProgrammeRecord;
    t.label_vi = "Tài liệu truyền thông";
    t.label_en = "Communication material";
    t.date_label_vi = "Ngày phát hành";
    t.date_label_en = "Date issued";
    t.fields = {
        {"title", FieldKind::kText, true, "Tên tài liệu", "Title", 300},
        {"kind", FieldKind::kCode, true, "Loại tài liệu", "Kind", 0, 0, 0, "material_kind"},
        {"language", FieldKind::kCode, true, "Ngôn ngữ", "Language", 0, 0, 0, "material_language"},
        {"file", FieldKind::kFile, false, "Tệp (PDF, ảnh)", "File (PDF, image)"},
        {"video_link", FieldKind::kUrl, false, "Đường dẫn video", "Video link", 1000},
        {"note", FieldKind::kText, false, "Ghi chú", "Note", 1000},
    };
    t.rules = [](const records::Values& values, base::Validation& v) {
      auto has = [&](const char* name) {
        auto it = values.find(name);
        return it != values.end() && std::holds_alternative<std::string>(it->second) &&
               !std::get<std::string>(it->second).empty();
      };
      if (!has("file") && !has("video_link")) {
        v.Add("file", "required", "Cần tải lên tệp hoặc ghi đường dẫn video",
              "upload a file or give a video link");
      }
    };
    return t;
  }();
  return type;
}

std::vector<const RecordType*> ProgrammeRecordTypes() {
  return {&CommunicationActivity(), &PressItem(),       &DistrictPlan(), &PilotModel(),
          &IndustrialZone(),        &ZoneWorkforce(),   &School(),       &SchoolEnrolment(),
          &Outreach(),              &Official(),        &Training(),     &TrainingParticipant(),
          &CommunicationMaterial()};
}

}  // namespace pcmd::activities
