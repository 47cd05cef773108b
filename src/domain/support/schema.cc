#include <iterator>

#include "domain/records/code_lists.h"
#include "domain/support/support_store.h"

namespace pcmd::support {
namespace {

std::string SeedSql() {
  static const records::CodeSeed seeds[] = {
      {"support_need", "health_check", "Khám sức khỏe", "Health check", 1},
      {"support_need", "sti_hiv_test", "Xét nghiệm HIV và các bệnh lây truyền qua đường tình dục",
       "STI and HIV testing", 2},
      {"support_need", "prep", "Điều trị dự phòng trước phơi nhiễm HIV (PrEP)", "PrEP", 3},
      {"support_need", "art_linkage", "Kết nối điều trị ARV", "ART linkage", 4},
      {"support_need", "harm_reduction", "Vật dụng giảm hại (bao cao su, chất bôi trơn)",
       "Harm reduction supplies", 5},
      {"support_need", "gbv_support", "Hỗ trợ phòng, chống bạo lực trên cơ sở giới",
       "Gender-based violence support", 6},
      {"support_need", "legal_aid", "Trợ giúp pháp lý", "Legal aid", 7},
      {"support_need", "psychosocial", "Tư vấn tâm lý - xã hội", "Psychosocial counselling", 8},
      {"support_need", "vocational_training", "Đào tạo nghề", "Vocational training", 9},
      {"support_need", "job_placement", "Giới thiệu việc làm", "Job placement", 10},
      {"support_need", "microcredit", "Vay vốn, tín dụng vi mô", "Microcredit and loans", 11},
      {"support_need", "social_assistance", "Trợ giúp xã hội", "Social assistance", 12},
      {"support_need", "shelter", "Nơi ở tạm thời", "Temporary shelter", 13},
      {"support_need", "return_home", "Hỗ trợ trở về cộng đồng nơi cư trú",
       "Return to the home community", 14},
      {"referral_reason", "did_not_attend", "Không đến nơi cung cấp dịch vụ", "Did not attend", 1},
      {"referral_reason", "declined", "Người được hỗ trợ từ chối", "Declined by the person", 2},
      {"referral_reason", "not_eligible", "Không đủ điều kiện theo nơi cung cấp",
       "Not eligible at the provider", 3},
      {"referral_reason", "service_unavailable", "Dịch vụ không sẵn có", "Service not available",
       4},
      {"referral_reason", "cost", "Không đủ chi phí", "Could not afford it", 5},
      {"referral_reason", "moved_away", "Đã chuyển đi nơi khác", "Moved away", 6},
      {"referral_reason", "lost_contact", "Mất liên lạc", "Lost contact", 7},
      {"referral_reason", "other", "Lý do khác", "Other reason", 8},
      {"gbv_kind", "physical", "Bạo lực thể chất", "Physical violence", 1},
      {"gbv_kind", "sexual", "Bạo lực tình dục", "Sexual violence", 2},
      {"gbv_kind", "psychological", "Bạo lực tinh thần", "Psychological violence", 3},
      {"gbv_kind", "economic", "Bạo lực kinh tế", "Economic violence", 4},
      {"gbv_kind", "other", "Hình thức khác", "Other", 5},
      {"gbv_place", "home", "Nơi ở", "Home", 1},
      {"gbv_place", "establishment", "Cơ sở kinh doanh dịch vụ", "Business establishment", 2},
      {"gbv_place", "guesthouse", "Nhà nghỉ, khách sạn", "Guesthouse or hotel", 3},
      {"gbv_place", "street", "Nơi công cộng, đường phố", "Street or public place", 4},
      {"gbv_place", "workplace", "Nơi làm việc khác", "Other workplace", 5},
      {"gbv_place", "online", "Trên mạng", "Online", 6},
      {"gbv_place", "other", "Nơi khác", "Other place", 7},
      {"consent_method", "verbal", "Đồng ý bằng lời nói", "Verbal", 1},
      {"consent_method", "signed", "Ký tên", "Signed", 2},
      {"consent_method", "thumbprint", "Điểm chỉ", "Thumbprint", 3},
      {"consent_method", "electronic", "Xác nhận điện tử", "Electronic", 4},
  };
  return records::SeedCodesSql(std::vector<records::CodeSeed>(std::begin(seeds), std::end(seeds)));
}

}  // namespace

std::vector<store::Migration> SupportMigrations() {
  const std::string tables =
      "CREATE TABLE clients (id TEXT PRIMARY KEY, uic TEXT NOT NULL, uic_base TEXT NOT NULL, "
      "uic_suffix INTEGER NOT NULL, unit_code TEXT NOT NULL, assigned TEXT NOT NULL, "
      "sex TEXT NOT NULL, birth_year INTEGER NOT NULL, registered_on TEXT NOT NULL, "
      "version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
      "created_by TEXT NOT NULL, updated_by TEXT NOT NULL, erased_at TEXT NOT NULL);\n"
      "CREATE INDEX clients_unit_uic ON clients (unit_code, uic_base);\n"
      "CREATE TABLE client_history (client_id TEXT NOT NULL REFERENCES clients (id), "
      "version BIGINT NOT NULL, op TEXT NOT NULL, uic TEXT NOT NULL, unit_code TEXT NOT NULL, "
      "assigned TEXT NOT NULL, sex TEXT NOT NULL, birth_year INTEGER NOT NULL, "
      "registered_on TEXT NOT NULL, changed_at TEXT NOT NULL, changed_by TEXT NOT NULL, "
      "PRIMARY KEY (client_id, version));\n"
      "CREATE TABLE client_contacts (client_id TEXT PRIMARY KEY REFERENCES clients (id), "
      "sealed TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);\n"
      "CREATE TABLE client_consents (id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES "
      "clients (id), seq INTEGER NOT NULL, purpose TEXT NOT NULL, provider_id TEXT NOT NULL, "
      "service TEXT NOT NULL, notice_version TEXT NOT NULL, method TEXT NOT NULL, "
      "given_on TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL, "
      "withdrawn_id TEXT NOT NULL);\n"
      "CREATE INDEX client_consents_client ON client_consents (client_id, seq);\n"
      "CREATE TABLE client_assessments (id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES "
      "clients (id), assessed_on TEXT NOT NULL, needs TEXT NOT NULL, eligible TEXT NOT NULL, "
      "recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL);\n"
      "CREATE INDEX client_assessments_client ON client_assessments (client_id, assessed_on);\n"
      "CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL, unit_code TEXT NOT NULL, "
      "services TEXT NOT NULL, contact TEXT NOT NULL, is_active INTEGER NOT NULL, "
      "version BIGINT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);\n"
      "CREATE TABLE client_referrals (id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES "
      "clients (id), provider_id TEXT NOT NULL REFERENCES providers (id), service TEXT NOT NULL, "
      "referred_on TEXT NOT NULL, due_on TEXT NOT NULL, outcome TEXT NOT NULL, "
      "reason TEXT NOT NULL, outcome_on TEXT NOT NULL, version BIGINT NOT NULL, "
      "recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
      "updated_by TEXT NOT NULL);\n"
      "CREATE INDEX client_referrals_client ON client_referrals (client_id);\n"
      "CREATE INDEX client_referrals_open ON client_referrals (outcome, due_on);\n"
      "CREATE TABLE client_incidents (id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES "
      "clients (id), kind TEXT NOT NULL, occurred_on TEXT NOT NULL, place_type TEXT NOT NULL, "
      "services_offered TEXT NOT NULL, services_accepted TEXT NOT NULL, "
      "recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL);\n"
      "CREATE INDEX client_incidents_client ON client_incidents (client_id);\n";
  return {{500, "support_clients_consents_referrals", tables + SeedSql(), ""}};
}

}  // namespace pcmd::support
