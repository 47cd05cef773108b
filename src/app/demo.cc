#include "app/demo.h"

#include <random>

#include "base/id.h"
#include "domain/activities/programme_types.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/enforcement/tip_store.h"

namespace pcmd::app {
namespace {

using base::Date;
using records::ImportRow;

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* role;
  const char* unit;
};

constexpr DemoAccount kAccounts[] = {
    {"demo.admin", "Quản trị (mẫu)", "admin", "37"},
    {"demo.tinh", "Cán bộ Sở LĐTBXH (mẫu)", "province_officer", "37"},
    {"demo.huyen", "Cán bộ huyện Hoa Lư (mẫu)", "district_officer", "374"},
    {"demo.xa", "Cán bộ xã Ninh Giang (mẫu)", "commune_officer", "14530"},
    {"demo.kiemtra", "Thành viên đoàn kiểm tra (mẫu)", "inspector", "37"},
    {"demo.tiepnhan", "Cán bộ tiếp nhận tin báo (mẫu)", "intake_officer", "37"},
    {"demo.canxa", "Cán sự xã hội (mẫu)", "social_worker", "374"},
    {"demo.dongdang", "Tuyên truyền viên đồng đẳng (mẫu)", "peer_educator", "14530"},
    {"demo.lanhdao", "Lãnh đạo (mẫu)", "viewer", "37"},
    {"demo.dpo", "Cán bộ bảo vệ dữ liệu (mẫu)", "dpo", "37"},
};

template <typename T>
const T& Pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

Date DayIn(std::mt19937& rng, int year, int first_month, int last_month) {
  const Date first = Date::FromCivil(year, first_month, 1);
  const Date last = (last_month == 12 ? Date::FromCivil(year + 1, 1, 1) : Date::FromCivil(year, last_month + 1, 1))
                        .AddDays(-1);
  return first.AddDays(std::uniform_int_distribution<int>(0, last.days() - first.days())(rng));
}

// Rows of one record type, each with a stable id made from the seed, so that records can
// refer to each other before they are stored.
class Batch {
 public:
  // `tag` tells apart two batches of one type (their ids are made from it).
  Batch(const records::RecordType& type, std::uint32_t seed, std::string tag = "")
      : type_(type), seed_(seed), tag_(std::move(tag)) {}

  std::string Add(const std::string& unit, Date date, records::Values values) {
    ImportRow row;
    row.line = static_cast<int>(rows_.size()) + 2;
    row.record.unit_code = unit;
    row.record.date = date;
    row.record.values = std::move(values);
    row.record.id = base::UuidFromName("demo|" + std::to_string(seed_) + "|" + type_.id + tag_ + "|" +
                                       std::to_string(rows_.size()));
    rows_.push_back(row);
    return *row.record.id;
  }
  const records::RecordType& type() const { return type_; }
  const std::vector<ImportRow>& rows() const { return rows_; }

 private:
  const records::RecordType& type_;
  std::uint32_t seed_;
  std::string tag_;
  std::vector<ImportRow> rows_;
};

}  // namespace

base::Status FillDemo(Modules& m, std::uint32_t seed, std::ostream& out) {
  PCMD_ASSIGN_OR_RETURN(std::string demo, m.db->GetSetting("demo"));
  if (demo == "1") {
    out << "demo store already filled; nothing to do\n";
    return base::Status::Ok();
  }
  const store::Actor actor("demo", "", "");
  int accounts = 0;
  for (const auto& a : kAccounts) {
    if (m.accounts->FindByUsername(a.username).ok()) continue;
    auto made = m.accounts->CreateSystem(actor, {a.username, a.display_name, a.role, a.unit,
                                                 std::string(kDemoPassword), false},
                                         nullptr);
    if (!made.ok()) return made.status();
    ++accounts;
  }

  std::mt19937 rng(seed);
  PCMD_ASSIGN_OR_RETURN(auto communes, m.units->List({.level = "commune",
                                                      .date = Date::FromCivil(2023, 1, 1),
                                                      .limit = 100000}));
  PCMD_ASSIGN_OR_RETURN(auto districts, m.units->List({.level = "district",
                                                       .date = Date::FromCivil(2023, 1, 1),
                                                       .limit = 1000}));
  PCMD_ASSIGN_OR_RETURN(auto provinces, m.units->List({.level = "province",
                                                       .date = Date::FromCivil(2023, 1, 1),
                                                       .limit = 100}));
  if (communes.items.empty() || provinces.items.empty()) {
    return base::FailedPrecondition("load the administrative units first (pcmd demo --units FILE)");
  }
  const std::string province = provinces.items[0].code;
  const access::Subject system{"demo", access::Role::kProvinceOfficer, "VN"};

  // Communication activities: most communes hold one or two a quarter, more each year.
  const std::vector<std::string> forms = {"loudspeaker", "meeting", "print", "stage",
                                          "counselling", "social_media", "text_message"};
  const std::vector<std::string> settings = {"community", "community", "establishment",
                                             "industrial_zone", "school", "mass_media"};
  const std::vector<std::string> organisers = {"UBND xã", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên",
                                               "Công an xã", "Trạm Y tế", "Phòng LĐTBXH"};
  Batch activities(activities::CommunicationActivity(), seed);
  for (int year = 2021; year <= 2025; ++year) {
    const double p = 0.45 + 0.1 * (year - 2021);
    for (const auto& commune : communes.items) {
      for (int q = 0; q < 4; ++q) {
        if (std::bernoulli_distribution(p)(rng)) {
          const int n = 1 + std::bernoulli_distribution(0.3)(rng);
          for (int i = 0; i < n; ++i) {
            activities.Add(commune.code, DayIn(rng, year, q * 3 + 1, q * 3 + 3),
                           {{"form", Pick(rng, forms)},
                            {"setting", Pick(rng, settings)},
                            {"organiser", Pick(rng, organisers)},
                            {"audience_count",
                             std::int64_t{std::uniform_int_distribution<int>(15, 250)(rng)}}});
          }
        }
      }
    }
  }
  // Press items: the provincial press writes most months.
  const std::vector<std::string> outlets = {"bao_ninh_binh", "dai_ptth", "cong_ttdt"};
  Batch press(activities::PressItem(), seed);
  for (int year = 2021; year <= 2025; ++year) {
    for (int month = 1; month <= 12; ++month) {
      if (!std::bernoulli_distribution(0.85)(rng)) continue;
      const int n = std::uniform_int_distribution<int>(1, 3)(rng);
      for (int i = 0; i < n; ++i) {
        press.Add(province, DayIn(rng, year, month, month),
                  {{"outlet", Pick(rng, outlets)},
                   {"title", std::string("Tăng cường công tác phòng, chống mại dâm (") +
                                 std::to_string(month) + "/" + std::to_string(year) + ")"}});
      }
    }
  }
  // District plans, most implemented, some integrated with other programmes.
  const std::vector<std::string> programmes = {"socio_economic", "social_protection", "drug_prevention",
                                               "hiv_aids"};
  Batch plans(activities::DistrictPlan(), seed);
  for (int year = 2021; year <= 2025; ++year) {
    for (const auto& d : districts.items) {
      if (!std::bernoulli_distribution(0.9)(rng)) continue;
      records::Values v = {{"year", std::int64_t{year}},
                           {"document_number", std::to_string(std::uniform_int_distribution<int>(10, 250)(rng)) +
                                                   "/KH-UBND"}};
      if (std::bernoulli_distribution(0.8)(rng)) {
        v["is_implemented"] = true;
        v["evidence"] = std::string("Báo cáo kết quả thực hiện năm ") + std::to_string(year);
      }
      std::vector<std::string> with;
      for (const auto& prog : programmes) {
        if (std::bernoulli_distribution(0.35)(rng)) with.push_back(prog);
      }
      if (!with.empty()) v["integrated_with"] = with;
      plans.Add(d.code, DayIn(rng, year, 1, 3), v);
    }
  }
  Batch pilots(activities::PilotModel(), seed);
  if (districts.items.size() >= 2) {
    pilots.Add(districts.items[0].code, Date::FromCivil(2022, 6, 1),
               {{"name", std::string("Mô hình giảm hại dựa vào nhóm đồng đẳng")},
                {"kind", std::string("harm_reduction")},
                {"status", std::string("running")}});
    pilots.Add(districts.items[1].code, Date::FromCivil(2023, 3, 15),
               {{"name", std::string("Dịch vụ hỗ trợ hòa nhập cộng đồng")},
                {"kind", std::string("reintegration")},
                {"status", std::string("running")}});
  }
  // Registers with their yearly denominators, and reach against them.
  Batch zones(activities::IndustrialZone(), seed), workforce(activities::ZoneWorkforce(), seed);
  Batch schools(activities::School(), seed), enrolment(activities::SchoolEnrolment(), seed);
  Batch outreach(activities::Outreach(), seed);
  const std::vector<std::string> zone_names = {"Khu công nghiệp Gián Khẩu", "Khu công nghiệp Khánh Phú",
                                               "Khu công nghiệp Tam Điệp"};
  for (std::size_t z = 0; z < zone_names.size() && z < districts.items.size(); ++z) {
    const std::string& unit = districts.items[(z * 3) % districts.items.size()].code;
    const std::string zone = zones.Add(unit, Date::FromCivil(2021, 1, 1), {{"name", zone_names[z]}});
    int workers = std::uniform_int_distribution<int>(4000, 15000)(rng);
    for (int year = 2021; year <= 2025; ++year) {
      workers += std::uniform_int_distribution<int>(-300, 900)(rng);
      workforce.Add(unit, Date::FromCivil(year, 1, 15),
                    {{"zone", zone}, {"year", std::int64_t{year}}, {"workers", std::int64_t{workers}}});
      for (int q = 0; q < 4; ++q) {
        const int reached = std::uniform_int_distribution<int>(100, 900)(rng);
        outreach.Add(unit, DayIn(rng, year, q * 3 + 1, q * 3 + 3),
                     {{"industrial_zone", zone}, {"people_reached", std::int64_t{reached}},
                      {"new_people_reached", std::int64_t{reached * 7 / 10}}});
      }
    }
  }
  const std::vector<std::string> kinds = {"upper_secondary", "upper_secondary", "vocational", "university"};
  for (std::size_t i = 0; i < districts.items.size(); ++i) {
    const std::string& unit = districts.items[i].code;
    const std::string kind = Pick(rng, kinds);
    const std::string school = schools.Add(unit, Date::FromCivil(2021, 1, 1),
                                           {{"name", "Trường " + std::to_string(i + 1) + " " +
                                                         districts.items[i].name},
                                            {"kind", kind}});
    const int students = std::uniform_int_distribution<int>(600, 2500)(rng);
    for (int year = 2021; year <= 2025; ++year) {
      enrolment.Add(unit, Date::FromCivil(year, 9, 15),
                    {{"school", school}, {"school_year", std::int64_t{year}}, {"students", std::int64_t{students}}});
      if (std::bernoulli_distribution(0.7)(rng)) {
        const int reached = std::uniform_int_distribution<int>(students / 4, students)(rng);
        outreach.Add(unit, DayIn(rng, year, 9, 12),
                     {{"school", school}, {"people_reached", std::int64_t{reached}},
                      {"new_people_reached", std::int64_t{reached}}});
      }
    }
  }
  // The officials register and trainings: each official trained at most once a year.
  Batch officials(activities::Official(), seed), trainings(activities::Training(), seed);
  Batch participants(activities::TrainingParticipant(), seed);
  const std::vector<std::string> family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đinh", "Bùi"};
  const std::vector<std::string> given = {"Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Hữu Đức",
                                          "Thị Hà", "Minh Khoa", "Thị Lan", "Quang Minh", "Thị Ngọc"};
  std::vector<std::pair<std::string, std::string>> official_ids;  // id, unit
  auto add_official = [&](const std::string& unit, const std::string& level) {
    const std::string id = officials.Add(
        unit, Date::FromCivil(2021, 1, 4),
        {{"full_name", Pick(rng, family) + " " + Pick(rng, given)},
         {"category", Pick(rng, std::vector<std::string>{"cadre", "civil_servant", "public_employee", "soldier"})},
         {"level", level},
         {"agency", level == "commune" ? std::string("UBND xã") : std::string("Phòng LĐTBXH")},
         {"is_active", true}});
    official_ids.emplace_back(id, unit);
  };
  for (int i = 0; i < 12; ++i) add_official(province, "province");
  for (const auto& d : districts.items) {
    for (int i = 0; i < 4; ++i) add_official(d.code, "district");
  }
  for (const auto& c : communes.items) {
    for (int i = 0; i < 2; ++i) add_official(c.code, "commune");
  }
  for (int year = 2021; year <= 2025; ++year) {
    const Date start = DayIn(rng, year, 3, 10);
    const std::string training = trainings.Add(
        province, start,
        {{"title", "Tập huấn nghiệp vụ phòng, chống mại dâm năm " + std::to_string(year)},
         {"end_date", start.AddDays(2).ToString()},
         {"organiser", std::string("Sở Lao động - Thương binh và Xã hội")},
         {"topics", std::vector<std::string>{"prevention", Pick(rng, std::vector<std::string>{
                                                              "harm_reduction", "gbv", "reintegration"})}}});
    for (const auto& [official, unit] : official_ids) {
      if (std::bernoulli_distribution(0.22)(rng)) {
        participants.Add(unit, start, {{"training", training}, {"official", official}, {"completed", true}});
      }
    }
  }
  // Communication materials: links to videos (files are uploaded by people, not generated).
  Batch materials(activities::CommunicationMaterial(), seed);
  const std::vector<std::pair<std::string, std::string>> material_titles = {
      {"Tờ rơi: Phòng, chống mại dâm trong cộng đồng", "leaflet"},
      {"Phóng sự: Mô hình hỗ trợ người bán dâm hòa nhập cộng đồng", "video"},
      {"Áp phích: Nói không với tệ nạn mại dâm", "poster"},
      {"Cẩm nang cho cán bộ cơ sở về phòng, chống mại dâm", "booklet"}};
  for (int year = 2021; year <= 2025; ++year) {
    for (const auto& [title, kind] : material_titles) {
      if (!std::bernoulli_distribution(0.6)(rng)) continue;
      materials.Add(province, DayIn(rng, year, 1, 12),
                    {{"title", title + " (" + std::to_string(year) + ")"}, {"kind", kind}, {"language", std::string("vi")},
                     {"video_link", "https://www.youtube.com/results?search_query=phong+chong+mai+dam+" +
                                        std::to_string(year)}});
    }
  }
  // Enforcement: prone establishments with their workers, inspections by the demo team, and
  // the police's yearly case counts.
  Batch establishments(enforcement::Establishment(), seed), est_workers(enforcement::EstablishmentWorkforce(), seed);
  Batch inspections(enforcement::Inspection(), seed), crimes(enforcement::CrimeStatistic(), seed);
  Batch est_outreach(activities::Outreach(), seed, "|establishment");  // T3: workers reached where they work
  PCMD_ASSIGN_OR_RETURN(access::Account inspector, m.accounts->FindByUsername("demo.kiemtra"));
  const std::vector<std::pair<std::string, std::string>> business = {
      {"Nhà nghỉ", "lodging"}, {"Khách sạn", "lodging"}, {"Karaoke", "karaoke"},  {"Nhà hàng", "restaurant"},
      {"Massage", "massage"},  {"Xông hơi", "sauna"},    {"Cà phê", "cafe"},      {"Cắt tóc gội đầu", "barber"}};
  const std::vector<std::string> place_names = {"Hoa Mai", "Bình An", "Sông Đáy", "Tràng An", "Hoàng Long",
                                                "Phúc Lộc", "Thành Nam", "Vân Long", "Ngọc Lan", "Minh Châu"};
  int establishment_no = 0;
  for (const auto& commune : communes.items) {
    const int n = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int i = 0; i < n; ++i) {
      const auto& [label, kind] = Pick(rng, business);
      ++establishment_no;
      const std::string id = establishments.Add(
          commune.code, Date::FromCivil(2021, 1, 15),
          {{"name", label + " " + Pick(rng, place_names) + " " + std::to_string(establishment_no)},
           {"kind", kind},
           {"address", "Số " + std::to_string(std::uniform_int_distribution<int>(1, 300)(rng)) + ", " + commune.name},
           {"registration_number", "27" + std::string(1, static_cast<char>('A' + establishment_no % 6)) + "8-" +
                                       std::to_string(100000 + establishment_no)},
           {"opened_on", DayIn(rng, std::uniform_int_distribution<int>(2010, 2020)(rng), 1, 12).ToString()}});
      int workers = std::uniform_int_distribution<int>(3, 25)(rng);
      bool ever = false;
      for (int year = 2021; year <= 2025; ++year) {
        workers = std::max(1, workers + std::uniform_int_distribution<int>(-3, 3)(rng));
        est_workers.Add(commune.code, Date::FromCivil(year, 1, 20),
                        {{"establishment", id}, {"year", std::int64_t{year}}, {"workers", std::int64_t{workers}}});
        if (std::bernoulli_distribution(0.45 + 0.08 * (year - 2021))(rng)) {
          const int reached = std::uniform_int_distribution<int>(1, workers)(rng);
          est_outreach.Add(commune.code, DayIn(rng, year, 3, 11),
                           {{"establishment", id}, {"people_reached", std::int64_t{reached}},
                            {"new_people_reached", std::int64_t{reached}}});
        }
        // About a quarter inspected each year, the never-inspected more often as 2025 nears.
        if (!std::bernoulli_distribution(ever ? 0.22 : 0.2 + 0.1 * (year - 2021))(rng)) continue;
        ever = true;
        records::Values v = {{"establishment", id},
                             {"decision_number", std::to_string(std::uniform_int_distribution<int>(1, 90)(rng)) + "/QĐ-ĐKTLN"},
                             {"lead_agency", Pick(rng, std::vector<std::string>{"interagency", "interagency", "police", "culture"})},
                             {"members", std::vector<std::string>{inspector.id}}};
        if (std::bernoulli_distribution(0.3)(rng)) {
          v["result"] = std::string("violation");
          v["violation_kinds"] = std::vector<std::string>{
              Pick(rng, std::vector<std::string>{"no_licence", "unregistered_workers", "lodging_register", "prostitution"})};
          v["sanction"] = std::string("fine");
          v["fine_amount"] = std::int64_t{std::uniform_int_distribution<int>(2, 40)(rng) * 500'000};
          v["is_sanction_decided"] = true;
        } else {
          v["result"] = std::string("compliant");
        }
        inspections.Add(commune.code, DayIn(rng, year, 2, 11), v);
      }
    }
  }
  for (int year = 2021; year <= 2025; ++year) {
    for (const auto& d : districts.items) {
      for (const char* offence : {"art327", "art328", "art329"}) {
        const int cases = std::uniform_int_distribution<int>(0, offence[5] == '9' ? 1 : 3)(rng);
        if (cases == 0) continue;
        const int tried = std::uniform_int_distribution<int>(0, cases)(rng);
        crimes.Add(d.code, Date::FromCivil(year + 1, 1, 10),
                   {{"year", std::int64_t{year}}, {"offence", std::string(offence)},
                    {"cases_prosecuted", std::int64_t{cases}}, {"defendants_prosecuted", std::int64_t{cases + cases / 2}},
                    {"cases_tried", std::int64_t{tried}}, {"defendants_tried", std::int64_t{tried + tried / 2}}});
      }
    }
  }
  // In dependency order: registers before the records that refer to them.
  for (const Batch* batch : {&activities, &press, &plans, &pilots, &zones, &workforce, &schools,
                             &enrolment, &outreach, &officials, &trainings, &participants, &materials,
                             &establishments, &est_workers, &est_outreach, &inspections, &crimes}) {
    PCMD_ASSIGN_OR_RETURN(auto made, m.records->CreateBatch(system, actor, batch->type(), batch->rows()));
    out << "demo " << batch->type().path << ": " << made.first << " created, " << made.second
        << " already there\n";
  }
  // Tips received 2021–2025 and handled step by step on their days (a store with a clock of
  // its own, so that the demo's handling times are the days the story says, not today).
  {
    std::string clock;
    enforcement::TipStore tips(*m.db, *m.units, *m.policy, *m.accounts, *m.code_lists, m.box,
                               [&clock] { return clock; });
    PCMD_ASSIGN_OR_RETURN(access::Account intake, m.accounts->FindByUsername("demo.tiepnhan"));
    const access::Subject desk{intake.id, access::Role::kIntakeOfficer, intake.unit_code};
    const store::Actor desk_actor(intake.id, "intake_officer", "demo");
    const access::Subject field{inspector.id, access::Role::kInspector, inspector.unit_code};
    const store::Actor field_actor(inspector.id, "inspector", "demo");
    auto at = [](Date d, int hour) { return d.ToString() + "T0" + std::to_string(hour) + ":00:00Z"; };
    const std::vector<std::string> tip_kinds = {"crime_report", "denunciation", "complaint", "administrative_report",
                                            "denunciation_crime"};
    const std::vector<std::string> channels = {"hotline", "in_person", "letter", "online_form", "agency_referral"};
    const std::vector<std::string> contents = {
        "Phản ánh cơ sở lưu trú có dấu hiệu chứa chấp hoạt động mại dâm",
        "Tin báo về hoạt động môi giới mại dâm qua mạng xã hội",
        "Phản ánh quán karaoke hoạt động quá giờ quy định",
        "Khiếu nại về việc xử phạt vi phạm hành chính tại cơ sở",
        "Phản ánh cơ sở xoa bóp có nhân viên không đăng ký"};
    int made = 0;
    for (int year = 2021; year <= 2025; ++year) {
      const int n = std::uniform_int_distribution<int>(10, 16)(rng);
      for (int i = 0; i < n; ++i) {
        const Date received = DayIn(rng, year, 1, year == 2025 ? 11 : 12);
        enforcement::NewTip in;
        in.id = base::UuidFromName("demo|" + std::to_string(seed) + "|tip|" + std::to_string(made));
        in.unit_code = Pick(rng, communes.items).code;
        in.channel = Pick(rng, channels);
        in.kind = Pick(rng, tip_kinds);
        in.received_at = at(received, 2);
        in.content = Pick(rng, contents);
        in.is_anonymous = std::bernoulli_distribution(0.5)(rng);
        if (!in.is_anonymous) {
          in.denouncer = enforcement::Denouncer{"Người tố giác (mẫu) " + std::to_string(made + 1), "",
                                                "Địa chỉ (mẫu)", "0900000" + std::to_string(100 + made), ""};
        }
        ++made;
        clock = at(received, 3);
        bool created = false;
        auto tip = tips.Create(desk, desk_actor, in, &created);
        if (!tip.ok()) return tip.status();
        if (!created) continue;
        // Later tips of 2025 stay open; the rest go through the steps, a few late or transferred.
        if (received > Date::FromCivil(2025, 10, 31)) continue;
        auto step = [&](Date day, enforcement::TipStepInput input, bool by_inspector = false) -> base::Status {
          clock = at(day, 4);
          input.version = tip->version;
          auto next = by_inspector ? tips.Step(field, field_actor, tip->id, input)
                                   : tips.Step(desk, desk_actor, tip->id, input);
          if (!next.ok()) return next.status();
          tip = std::move(next);
          return base::Status::Ok();
        };
        using enforcement::TipStep;
        PCMD_RETURN_IF_ERROR(step(received.AddDays(1), {TipStep::kVerify}));
        PCMD_RETURN_IF_ERROR(step(received.AddDays(2), {TipStep::kClassify, 0, "", "", "", "", 0, tip->kind}));
        if (std::bernoulli_distribution(0.1)(rng)) {
          PCMD_RETURN_IF_ERROR(step(received.AddDays(3), {TipStep::kTransfer, 0, "Chuyển theo thẩm quyền", "", "",
                                                          "Công an tỉnh"}));
          continue;
        }
        PCMD_RETURN_IF_ERROR(step(received.AddDays(3), {TipStep::kAssign, 0, "", inspector.id}));
        const int days = std::uniform_int_distribution<int>(5, tip->deadline_days + 8)(rng);
        PCMD_RETURN_IF_ERROR(step(received.AddDays(days), {TipStep::kHandle, 0, "Đã xác minh, xử lý theo quy định"}, true));
        PCMD_RETURN_IF_ERROR(step(received.AddDays(days + 1),
                                  {TipStep::kClose, 0, "", "", Pick(rng, std::vector<std::string>{
                                                                     "substantiated", "not_substantiated",
                                                                     "partly_substantiated"})}));
      }
    }
    out << "demo tips: " << made << " received\n";
  }
  PCMD_RETURN_IF_ERROR(FillSupportDemo(m, seed, out));
  PCMD_RETURN_IF_ERROR(m.db->SetSetting(actor, "demo", "1"));
  out << "demo accounts: " << accounts << " added (user names demo.*, password " << kDemoPassword << ")\n";
  return base::Status::Ok();
}

}  // namespace pcmd::app
