#include "app/demo.h"

#include <random>

#include "base/id.h"
#include "domain/activities/programme_types.h"

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

ImportRow Row(const records::RecordType& type, const std::string& unit, Date date, records::Values values) {
  ImportRow row;
  row.record.unit_code = unit;
  row.record.date = date;
  row.record.values = std::move(values);
  (void)type;
  return row;
}

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
  std::vector<ImportRow> activities;
  for (int year = 2021; year <= 2025; ++year) {
    const double p = 0.45 + 0.1 * (year - 2021);
    for (const auto& commune : communes.items) {
      for (int q = 0; q < 4; ++q) {
        if (std::bernoulli_distribution(p)(rng)) {
          const int n = 1 + std::bernoulli_distribution(0.3)(rng);
          for (int i = 0; i < n; ++i) {
            activities.push_back(Row(activities::CommunicationActivity(), commune.code,
                                     DayIn(rng, year, q * 3 + 1, q * 3 + 3),
                                     {{"form", Pick(rng, forms)},
                                      {"setting", Pick(rng, settings)},
                                      {"organiser", Pick(rng, organisers)},
                                      {"audience_count",
                                       std::int64_t{std::uniform_int_distribution<int>(15, 250)(rng)}}}));
          }
        }
      }
    }
  }
  // Press items: the provincial press writes most months.
  const std::vector<std::string> outlets = {"bao_ninh_binh", "dai_ptth", "cong_ttdt"};
  std::vector<ImportRow> press;
  for (int year = 2021; year <= 2025; ++year) {
    for (int month = 1; month <= 12; ++month) {
      if (!std::bernoulli_distribution(0.85)(rng)) continue;
      const int n = std::uniform_int_distribution<int>(1, 3)(rng);
      for (int i = 0; i < n; ++i) {
        press.push_back(Row(activities::PressItem(), province, DayIn(rng, year, month, month),
                            {{"outlet", Pick(rng, outlets)},
                             {"title", std::string("Tăng cường công tác phòng, chống mại dâm (") +
                                           std::to_string(month) + "/" + std::to_string(year) + ")"}}));
      }
    }
  }
  // District plans, most implemented, some integrated with other programmes.
  const std::vector<std::string> programmes = {"socio_economic", "social_protection", "drug_prevention",
                                               "hiv_aids"};
  std::vector<ImportRow> plans;
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
      plans.push_back(Row(activities::DistrictPlan(), d.code, DayIn(rng, year, 1, 3), v));
    }
  }
  std::vector<ImportRow> pilots;
  if (districts.items.size() >= 2) {
    pilots.push_back(Row(activities::PilotModel(), districts.items[0].code, Date::FromCivil(2022, 6, 1),
                         {{"name", std::string("Mô hình giảm hại dựa vào nhóm đồng đẳng")},
                          {"kind", std::string("harm_reduction")},
                          {"status", std::string("running")}}));
    pilots.push_back(Row(activities::PilotModel(), districts.items[1].code, Date::FromCivil(2023, 3, 15),
                         {{"name", std::string("Dịch vụ hỗ trợ hòa nhập cộng đồng")},
                          {"kind", std::string("reintegration")},
                          {"status", std::string("running")}}));
  }
  const std::vector<std::pair<const records::RecordType*, std::vector<ImportRow>*>> batches = {
      {&activities::CommunicationActivity(), &activities},
      {&activities::PressItem(), &press},
      {&activities::DistrictPlan(), &plans},
      {&activities::PilotModel(), &pilots}};
  for (const auto& [type, rows] : batches) {
    for (std::size_t i = 0; i < rows->size(); ++i) {
      (*rows)[i].line = static_cast<int>(i) + 2;
      (*rows)[i].record.id = base::UuidFromName("demo|" + std::to_string(seed) + "|" + type->id + "|" +
                                                std::to_string(i));
    }
    PCMD_ASSIGN_OR_RETURN(auto made, m.records->CreateBatch(system, actor, *type, *rows));
    out << "demo " << type->path << ": " << made.first << " created, " << made.second << " already there\n";
  }
  PCMD_RETURN_IF_ERROR(m.db->SetSetting(actor, "demo", "1"));
  out << "demo accounts: " << accounts << " added (user names demo.*, password " << kDemoPassword << ")\n";
  return base::Status::Ok();
}

}  // namespace pcmd::app
