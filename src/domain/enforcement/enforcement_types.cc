#include "domain/enforcement/enforcement_types.h"

#include <cctype>

#include "base/text.h"
#include "domain/records/code_lists.h"

namespace pcmd::enforcement {

using records::FieldKind;
using records::RecordType;
using records::Values;

namespace {

bool HasText(const Values& values, const char* name) {
  auto it = values.find(name);
  return it != values.end() && std::holds_alternative<std::string>(it->second) &&
         !std::get<std::string>(it->second).empty();
}

std::string TextOf(const Values& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end() || !std::holds_alternative<std::string>(it->second)) return "";
  return std::get<std::string>(it->second);
}

bool HasList(const Values& values, const char* name) {
  auto it = values.find(name);
  return it != values.end() && std::holds_alternative<std::vector<std::string>>(it->second) &&
         !std::get<std::vector<std::string>>(it->second).empty();
}

}  // namespace

const RecordType& Establishment() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "establishment";
    t.path = "establishments";
    t.resource = access::Resource::kEstablishment;
    t.label_vi = "Cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm";
    t.label_en = "Prone establishment";
    t.date_label_vi = "Ngày đưa vào danh sách theo dõi";
    t.date_label_en = "Listed on";
    t.unit_levels = {"commune"};
    t.fields = {
        {"name", FieldKind::kText, true, "Tên cơ sở", "Name", 300},
        {"kind", FieldKind::kCode, true, "Loại hình kinh doanh", "Kind of business", 0, 0, 0, "establishment_kind"},
        {"address", FieldKind::kText, true, "Địa chỉ", "Address", 300},
        {"registration_number", FieldKind::kText, false, "Số giấy chứng nhận đăng ký kinh doanh",
         "Business registration number", 50},
        {"opened_on", FieldKind::kDate, false, "Ngày bắt đầu hoạt động", "Opened on"},
        {"licence_issued", FieldKind::kDate, false, "Ngày cấp giấy phép", "Licence issued on"},
        {"licence_expires", FieldKind::kDate, false, "Ngày hết hạn giấy phép", "Licence expires on"},
        {"closed_on", FieldKind::kDate, false, "Ngày ngừng hoạt động", "Closed on"},
        {"note", FieldKind::kText, false, "Ghi chú", "Note", 1000},
    };
    t.same_as = [](const Values& a, const Values& b) -> std::string {
      // The same registration number (letters and digits only, case ignored), or a name and
      // an address nearly the same once diacritics, case and spacing are set aside.
      auto bare = [](const std::string& text) {
        std::string out;
        for (unsigned char c : text) {
          if (std::isalnum(c)) out += static_cast<char>(std::toupper(c));
        }
        return out;
      };
      const std::string reg = bare(TextOf(a, "registration_number"));
      if (!reg.empty() && reg == bare(TextOf(b, "registration_number"))) return "registration_number";
      if (base::FoldedSimilarity(TextOf(a, "name"), TextOf(b, "name")) >= 0.85 &&
          base::FoldedSimilarity(TextOf(a, "address"), TextOf(b, "address")) >= 0.85) {
        return "name";
      }
      return "";
    };
    t.rules = [](const Values& values, base::Validation& v) {
      // Dates are checked for their form first; as YYYY-MM-DD they compare as text.
      const std::string issued = TextOf(values, "licence_issued"), expires = TextOf(values, "licence_expires");
      if (!issued.empty() && !expires.empty() && expires < issued) {
        v.Add("licence_expires", "before_start", "Ngày hết hạn giấy phép trước ngày cấp",
              "licence_expires is before licence_issued");
      }
    };
    return t;
  }();
  return type;
}

const RecordType& EstablishmentWorkforce() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "establishment_workforce";
    t.path = "establishment-workforce";
    t.resource = access::Resource::kEstablishment;
    t.label_vi = "Số người lao động của cơ sở theo năm";
    t.label_en = "Establishment workers by year";
    t.date_label_vi = "Ngày ghi nhận";
    t.date_label_en = "Recorded on";
    t.unit_levels = {"commune"};
    t.fields = {
        {"establishment", FieldKind::kRef, true, "Cơ sở", "Establishment", 0, 0, 0, "", "establishment"},
        {"year", FieldKind::kInteger, true, "Năm", "Year", 0, 2000, 2100},
        {"workers", FieldKind::kInteger, true, "Số người lao động", "Workers", 0, 0, 100'000},
    };
    return t;
  }();
  return type;
}

const RecordType& Inspection() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "inspection";
    t.path = "inspections";
    t.resource = access::Resource::kInspection;
    t.label_vi = "Kiểm tra cơ sở";
    t.label_en = "Inspection of an establishment";
    t.date_label_vi = "Ngày kiểm tra";
    t.date_label_en = "Date inspected";
    t.unit_levels = {"commune"};
    t.assignee_field = "members";
    t.fields = {
        {"establishment", FieldKind::kRef, true, "Cơ sở được kiểm tra", "Establishment", 0, 0, 0, "",
         "establishment", access::Resource::kEstablishment},
        {"decision_number", FieldKind::kText, true, "Số quyết định, kế hoạch kiểm tra", "Decision number", 100},
        {"lead_agency", FieldKind::kCode, true, "Cơ quan chủ trì", "Lead agency", 0, 0, 0, "inspection_agency"},
        {"members", FieldKind::kAccounts, true, "Thành viên đoàn kiểm tra", "Team members"},
        {"result", FieldKind::kCode, true, "Kết quả kiểm tra", "Result", 0, 0, 0, "inspection_result"},
        {"violation_kinds", FieldKind::kCodes, false, "Hành vi vi phạm", "Violations found", 0, 0, 0, "violation_kind"},
        {"sanction", FieldKind::kCode, false, "Hình thức xử lý", "Sanction", 0, 0, 0, "sanction_kind"},
        {"fine_amount", FieldKind::kInteger, false, "Số tiền phạt (đồng)", "Fine (VND)", 0, 0, 10'000'000'000},
        {"is_sanction_decided", FieldKind::kBool, false, "Đã có quyết định xử phạt", "Sanction decided"},
        {"follow_up_due", FieldKind::kDate, false, "Hạn khắc phục, kiểm tra lại", "Follow-up due"},
        {"tip", FieldKind::kText, false, "Tin báo dẫn đến kiểm tra (mã)", "Tip that led to it (id)", 64},
        {"attachment", FieldKind::kFile, false, "Biên bản, tài liệu kèm theo", "Report or attachment"},
        {"note", FieldKind::kText, false, "Ghi chú", "Note", 2000},
    };
    t.rules = [](const Values& values, base::Validation& v) {
      const std::string result = TextOf(values, "result");
      if (result == "violation" && !HasList(values, "violation_kinds")) {
        v.Add("violation_kinds", "required", "Cần ghi hành vi vi phạm khi kết quả là có vi phạm",
              "violation_kinds is required when violations were found");
      }
      if (result == "compliant" && (HasList(values, "violation_kinds") || HasText(values, "sanction"))) {
        v.Add("violation_kinds", "not_allowed", "Cơ sở chấp hành tốt thì không ghi vi phạm, xử lý",
              "a compliant establishment has no violations or sanctions");
      }
      if (TextOf(values, "sanction") == "fine" && values.find("fine_amount") == values.end()) {
        v.Add("fine_amount", "required", "Cần ghi số tiền phạt", "fine_amount is required for a fine");
      }
    };
    return t;
  }();
  return type;
}

const RecordType& CrimeStatistic() {
  static const RecordType type = [] {
    RecordType t;
    t.id = "crime_statistic";
    t.path = "crime-statistics";
    t.resource = access::Resource::kCrimeStatistic;
    t.label_vi = "Số liệu tội phạm liên quan đến mại dâm";
    t.label_en = "Prostitution-related crime statistics";
    t.date_label_vi = "Ngày báo cáo";
    t.date_label_en = "Reported on";
    t.unit_levels = {"province", "district"};
    t.fields = {
        {"year", FieldKind::kInteger, true, "Năm", "Year", 0, 2000, 2100},
        {"offence", FieldKind::kCode, true, "Tội danh", "Offence", 0, 0, 0, "crime_offence"},
        {"cases_prosecuted", FieldKind::kInteger, true, "Số vụ đã khởi tố", "Cases prosecuted", 0, 0, 100'000},
        {"defendants_prosecuted", FieldKind::kInteger, true, "Số bị can đã khởi tố", "Defendants prosecuted", 0, 0, 100'000},
        {"cases_tried", FieldKind::kInteger, false, "Số vụ đã xét xử", "Cases tried", 0, 0, 100'000},
        {"defendants_tried", FieldKind::kInteger, false, "Số bị cáo đã xét xử", "Defendants tried", 0, 0, 100'000},
        {"note", FieldKind::kText, false, "Ghi chú", "Note", 1000},
    };
    t.rules = [](const Values& values, base::Validation& v) {
      auto count = [&](const char* name) -> std::int64_t {
        auto it = values.find(name);
        return it != values.end() && std::holds_alternative<std::int64_t>(it->second)
                   ? std::get<std::int64_t>(it->second)
                   : 0;
      };
      if (count("defendants_prosecuted") < count("cases_prosecuted")) {
        v.Add("defendants_prosecuted", "too_small", "Mỗi vụ khởi tố có ít nhất một bị can",
              "every prosecuted case has at least one defendant");
      }
      if (count("cases_tried") > count("cases_prosecuted")) {
        v.Add("cases_tried", "too_large", "Số vụ xét xử không vượt số vụ đã khởi tố",
              "cases_tried exceeds cases_prosecuted");
      }
    };
    return t;
  }();
  return type;
}

std::vector<const RecordType*> EnforcementRecordTypes() {
  return {&Establishment(), &EstablishmentWorkforce(), &Inspection(), &CrimeStatistic()};
}

std::vector<store::Migration> EnforcementTypeMigrations() {
  const std::vector<records::CodeSeed> seeds = {
      {"establishment_kind", "lodging", "Cơ sở lưu trú", "Lodging", 1},
      {"establishment_kind", "restaurant", "Nhà hàng", "Restaurant", 2},
      {"establishment_kind", "karaoke", "Karaoke", "Karaoke", 3},
      {"establishment_kind", "dance_hall", "Vũ trường", "Dance hall", 4},
      {"establishment_kind", "massage", "Xoa bóp, massage", "Massage", 5},
      {"establishment_kind", "sauna", "Tắm hơi, xông hơi", "Sauna, steam bath", 6},
      {"establishment_kind", "barber", "Cắt tóc, gội đầu", "Barber, hair wash", 7},
      {"establishment_kind", "cafe", "Cà phê, giải khát", "Café, refreshments", 8},
      {"establishment_kind", "other", "Loại hình khác", "Other", 99},
      {"inspection_agency", "interagency", "Đoàn kiểm tra liên ngành", "Inter-agency team", 1},
      {"inspection_agency", "police", "Công an", "Police", 2},
      {"inspection_agency", "labour", "Lao động - Thương binh và Xã hội", "Labour and social affairs", 3},
      {"inspection_agency", "culture", "Văn hóa, Thể thao và Du lịch", "Culture, sports and tourism", 4},
      {"inspection_agency", "health", "Y tế", "Health", 5},
      {"inspection_result", "compliant", "Chấp hành tốt", "Compliant", 1},
      {"inspection_result", "violation", "Có vi phạm", "Violations found", 2},
      {"violation_kind", "prostitution", "Hoạt động mại dâm tại cơ sở", "Prostitution on the premises", 1},
      {"violation_kind", "no_licence", "Kinh doanh không có giấy phép, hết hạn", "No or expired licence", 2},
      {"violation_kind", "unregistered_workers", "Không đăng ký, không có hợp đồng với người lao động",
       "Unregistered workers", 3},
      {"violation_kind", "lodging_register", "Không thông báo lưu trú", "Guests not registered", 4},
      {"violation_kind", "security_order", "Vi phạm quy định về an ninh, trật tự", "Security and order", 5},
      {"violation_kind", "other", "Vi phạm khác", "Other", 99},
      {"sanction_kind", "warning", "Cảnh cáo", "Warning", 1},
      {"sanction_kind", "fine", "Phạt tiền", "Fine", 2},
      {"sanction_kind", "suspension", "Đình chỉ hoạt động có thời hạn", "Suspension", 3},
      {"sanction_kind", "licence_revoked", "Tước quyền sử dụng giấy phép", "Licence revoked", 4},
      {"sanction_kind", "criminal_referral", "Chuyển cơ quan điều tra", "Referred for criminal investigation", 5},
      {"crime_offence", "art327", "Chứa mại dâm (Điều 327 BLHS)", "Harbouring prostitution (Art. 327)", 1},
      {"crime_offence", "art328", "Môi giới mại dâm (Điều 328 BLHS)", "Procuring prostitution (Art. 328)", 2},
      {"crime_offence", "art329", "Mua dâm người dưới 18 tuổi (Điều 329 BLHS)",
       "Buying sex from a person under 18 (Art. 329)", 3},
  };
  return {{410, "enforcement_code_lists", records::SeedCodesSql(seeds), ""}};
}

}  // namespace pcmd::enforcement
