#include "domain/activities/programme_types.h"

// The registers that targets T3–T5 and T14 are measured against, and the records of
// reach and training (activities A1 and A8).
namespace pcmd::activities {

using records::FieldKind;
using records::RecordType;
using records::Values;

namespace {

std::int64_t IntOf(const Values& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end()) return -1;
  const auto* i = std::get_if<std::int64_t>(&it->second);
  return i ? *i : -1;
}

bool Has(const Values& values, const char* name) {
  auto it = values.find(name);
  return it != values.end() && std::holds_alternative<std::string>(it->second) &&
         !std::get<std::string>(it->second).empty();
}

RecordType Programme(const char* id, const char* path, const char* vi, const char* en,
                     const char* date_vi, const char* date_en) {
  RecordType t;
  t.id = id;
  t.path = path;
  t.resource = access::Resource::kProgrammeRecord;
  t.label_vi = vi;
  t.label_en = en;
  t.date_label_vi = date_vi;
  t.date_label_en = date_en;
  return t;
}

}  // namespace

const RecordType& IndustrialZone() {
  static const RecordType type = [] {
    RecordType t = Programme("industrial_zone", "industrial-zones", "Khu công nghiệp", "Industrial zone",
                             "Ngày đưa vào danh sách", "Date listed");
    t.unit_levels = {"district", "commune"};
    t.fields = {{"name", FieldKind::kText, true, "Tên khu công nghiệp", "Name", 300},
                {"note", FieldKind::kText, false, "Ghi chú", "Note", 1000}};
    return t;
  }();
  return type;
}

const RecordType& ZoneWorkforce() {
  static const RecordType type = [] {
    RecordType t = Programme("zone_workforce", "zone-workforce", "Số người lao động của khu công nghiệp",
                             "Industrial zone workforce", "Ngày thống kê", "Date counted");
    t.fields = {{"zone", FieldKind::kRef, true, "Khu công nghiệp", "Industrial zone", 0, 0, 0, "", "industrial_zone"},
                {"year", FieldKind::kInteger, true, "Năm", "Year", 0, 2000, 2100},
                {"workers", FieldKind::kInteger, true, "Số người lao động", "Workers", 0, 0, 1'000'000}};
    return t;
  }();
  return type;
}

const RecordType& School() {
  static const RecordType type = [] {
    RecordType t = Programme("school", "schools", "Trường học, cơ sở giáo dục nghề nghiệp", "School",
                             "Ngày đưa vào danh sách", "Date listed");
    t.fields = {{"name", FieldKind::kText, true, "Tên trường", "Name", 300},
                {"kind", FieldKind::kCode, true, "Loại trường", "Kind", 0, 0, 0, "school_kind"}};
    return t;
  }();
  return type;
}

const RecordType& SchoolEnrolment() {
  static const RecordType type = [] {
    RecordType t = Programme("school_enrolment", "school-enrolments", "Số học sinh, sinh viên theo năm học",
                             "Students enrolled by school year", "Ngày thống kê", "Date counted");
    t.fields = {{"school", FieldKind::kRef, true, "Trường", "School", 0, 0, 0, "", "school"},
                {"school_year", FieldKind::kInteger, true, "Năm học bắt đầu", "School year starting", 0, 2000, 2100},
                {"students", FieldKind::kInteger, true, "Số học sinh, sinh viên", "Students", 0, 0, 1'000'000}};
    return t;
  }();
  return type;
}

const RecordType& Outreach() {
  static const RecordType type = [] {
    RecordType t = Programme("outreach", "outreach", "Buổi tiếp cận truyền thông", "Outreach session",
                             "Ngày tiếp cận", "Date");
    // T3: workers of a prone establishment (an enforcement-world register the programme roles read).
    records::FieldSpec establishment{"establishment", FieldKind::kRef, false, "Cơ sở kinh doanh dịch vụ",
                                     "Business establishment", 0, 0, 0, "", "establishment"};
    establishment.reference_resource = access::Resource::kEstablishment;
    t.fields = {
        {"industrial_zone", FieldKind::kRef, false, "Khu công nghiệp", "Industrial zone", 0, 0, 0, "", "industrial_zone"},
        {"school", FieldKind::kRef, false, "Trường học", "School", 0, 0, 0, "", "school"},
        establishment,
        {"people_reached", FieldKind::kInteger, true, "Số người được tiếp cận", "People reached", 0, 0, 1'000'000},
        {"new_people_reached", FieldKind::kInteger, true, "Số người lần đầu được tiếp cận trong năm",
         "People reached for the first time this year", 0, 0, 1'000'000},
        {"note", FieldKind::kText, false, "Ghi chú", "Note", 1000}};
    t.rules = [](const Values& values, base::Validation& v) {
      const int targets = Has(values, "industrial_zone") + Has(values, "school") + Has(values, "establishment");
      if (targets != 1) {
        v.Add("industrial_zone", "one_target",
              "Chọn đúng một nơi tiếp cận (khu công nghiệp, trường học hoặc cơ sở kinh doanh dịch vụ)",
              "choose exactly one place reached (an industrial zone, a school or an establishment)");
      }
      if (IntOf(values, "new_people_reached") > IntOf(values, "people_reached")) {
        v.Add("new_people_reached", "too_large", "Số người lần đầu không thể lớn hơn số người được tiếp cận",
              "first-time people cannot exceed people reached");
      }
    };
    return t;
  }();
  return type;
}

const RecordType& Official() {
  static const RecordType type = [] {
    RecordType t = Programme("official", "officials", "Cán bộ, công chức, viên chức, chiến sĩ",
                             "Official", "Ngày đưa vào danh sách", "Date listed");
    t.fields = {{"full_name", FieldKind::kText, true, "Họ và tên", "Full name", 200},
                {"category", FieldKind::kCode, true, "Loại", "Category", 0, 0, 0, "official_category"},
                {"level", FieldKind::kCode, true, "Cấp", "Level", 0, 0, 0, "official_level"},
                {"agency", FieldKind::kText, true, "Cơ quan, đơn vị công tác", "Agency", 300},
                {"is_active", FieldKind::kBool, false, "Đang công tác", "Currently serving"}};
    return t;
  }();
  return type;
}

const RecordType& Training() {
  static const RecordType type = [] {
    RecordType t = Programme("training", "trainings", "Lớp đào tạo, bồi dưỡng, tập huấn", "Training course",
                             "Ngày khai giảng", "Start date");
    t.fields = {{"title", FieldKind::kText, true, "Tên lớp", "Title", 300},
                {"end_date", FieldKind::kDate, true, "Ngày kết thúc", "End date"},
                {"organiser", FieldKind::kText, true, "Đơn vị tổ chức", "Organiser", 300},
                {"topics", FieldKind::kCodes, true, "Nội dung", "Topics", 0, 0, 0, "training_topic"}};
    return t;
  }();
  return type;
}

const RecordType& TrainingParticipant() {
  static const RecordType type = [] {
    RecordType t = Programme("training_participant", "training-participants", "Học viên lớp tập huấn",
                             "Training participant", "Ngày tham gia", "Date attended");
    t.fields = {{"training", FieldKind::kRef, true, "Lớp tập huấn", "Training", 0, 0, 0, "", "training"},
                {"official", FieldKind::kRef, true, "Cán bộ", "Official", 0, 0, 0, "", "official"},
                {"completed", FieldKind::kBool, false, "Hoàn thành khóa học", "Completed"}};
    return t;
  }();
  return type;
}

}  // namespace pcmd::activities
