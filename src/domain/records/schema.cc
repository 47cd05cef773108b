#include "domain/records/period_locks.h"
#include "domain/records/record_store.h"

namespace pcmd::records {
namespace {

using Seed = CodeSeed;

constexpr Seed kSeeds[] = {
    {"communication_form", "loudspeaker", "Loa truyền thanh", "Public loudspeaker", 1},
    {"communication_form", "meeting", "Hội nghị, tọa đàm", "Meeting, discussion", 2},
    {"communication_form", "print", "Tờ rơi, áp phích, pa nô", "Leaflets, posters, billboards", 3},
    {"communication_form", "stage", "Sân khấu hóa", "Staged performance", 4},
    {"communication_form", "counselling", "Tư vấn trực tiếp", "Face-to-face counselling", 5},
    {"communication_form", "social_media", "Mạng xã hội", "Social media", 6},
    {"communication_form", "text_message", "Tin nhắn", "Text messages", 7},
    {"communication_form", "other", "Hình thức khác", "Other", 99},
    {"communication_setting", "community", "Cộng đồng dân cư", "Community", 1},
    {"communication_setting", "establishment", "Cơ sở kinh doanh dịch vụ", "Business establishment", 2},
    {"communication_setting", "industrial_zone", "Khu công nghiệp", "Industrial zone", 3},
    {"communication_setting", "school", "Trường học", "School", 4},
    {"communication_setting", "mass_media", "Phương tiện thông tin đại chúng", "Mass media", 5},
    {"press_outlet", "bao_ninh_binh", "Báo Ninh Bình", "Ninh Binh newspaper", 1},
    {"press_outlet", "dai_ptth", "Đài Phát thanh và Truyền hình Ninh Bình", "Ninh Binh radio and television", 2},
    {"press_outlet", "cong_ttdt", "Cổng thông tin điện tử tỉnh", "Provincial web portal", 3},
    {"press_outlet", "other", "Cơ quan báo chí khác của tỉnh", "Other provincial outlet", 99},
};

// Lists added after the first release go in later migrations, so that a store that
// applied 300 gets them too.
constexpr Seed kSeeds301[] = {
    {"integration_programme", "socio_economic", "Phát triển kinh tế - xã hội", "Socio-economic development", 1},
    {"integration_programme", "social_protection", "An sinh xã hội", "Social protection", 2},
    {"integration_programme", "drug_prevention", "Phòng, chống ma túy", "Drug prevention", 3},
    {"integration_programme", "hiv_aids", "Phòng, chống HIV/AIDS", "HIV/AIDS prevention", 4},
    {"integration_programme", "other", "Chương trình khác", "Other programme", 99},
    {"pilot_model_kind", "prevention", "Phòng ngừa", "Prevention", 1},
    {"pilot_model_kind", "harm_reduction", "Giảm hại", "Harm reduction", 2},
    {"pilot_model_kind", "gbv_prevention", "Phòng, chống bạo lực trên cơ sở giới", "GBV prevention", 3},
    {"pilot_model_kind", "worker_rights", "Bảo đảm quyền của người lao động tại cơ sở kinh doanh dịch vụ",
     "Rights of workers at prone establishments", 4},
    {"pilot_model_kind", "reintegration", "Dịch vụ hỗ trợ hòa nhập cộng đồng", "Community reintegration services", 5},
    {"pilot_status", "planned", "Đang chuẩn bị", "Planned", 1},
    {"pilot_status", "running", "Đang triển khai", "Running", 2},
    {"pilot_status", "ended", "Đã kết thúc", "Ended", 3},
};

constexpr Seed kSeeds302[] = {
    {"school_kind", "upper_secondary", "Trường trung học phổ thông", "Upper-secondary school", 1},
    {"school_kind", "university", "Trường đại học, cao đẳng", "University or college", 2},
    {"school_kind", "vocational", "Cơ sở giáo dục nghề nghiệp", "Vocational institution", 3},
    {"official_level", "province", "Cấp tỉnh", "Province level", 1},
    {"official_level", "district", "Cấp huyện", "District level", 2},
    {"official_level", "commune", "Cấp xã", "Commune level", 3},
    {"official_category", "cadre", "Cán bộ", "Cadre", 1},
    {"official_category", "civil_servant", "Công chức", "Civil servant", 2},
    {"official_category", "public_employee", "Viên chức", "Public employee", 3},
    {"official_category", "soldier", "Chiến sĩ", "Soldier or police officer", 4},
    {"training_topic", "prevention", "Phòng, chống mại dâm", "Prostitution prevention", 1},
    {"training_topic", "harm_reduction", "Giảm hại", "Harm reduction", 2},
    {"training_topic", "gbv", "Phòng, chống bạo lực trên cơ sở giới", "Gender-based violence", 3},
    {"training_topic", "reintegration", "Hỗ trợ hòa nhập cộng đồng", "Reintegration support", 4},
};

constexpr Seed kSeeds303[] = {
    {"material_kind", "leaflet", "Tờ rơi, tờ gấp", "Leaflet", 1},
    {"material_kind", "poster", "Áp phích, pa nô", "Poster, billboard", 2},
    {"material_kind", "booklet", "Sách mỏng, cẩm nang", "Booklet, handbook", 3},
    {"material_kind", "video", "Video, phóng sự", "Video", 4},
    {"material_kind", "audio", "Bài phát thanh", "Radio piece", 5},
    {"material_kind", "slides", "Bài giảng, tài liệu tập huấn", "Slides, training material", 6},
    {"material_kind", "other", "Loại khác", "Other", 99},
    {"material_language", "vi", "Tiếng Việt", "Vietnamese", 1},
    {"material_language", "en", "Tiếng Anh", "English", 2},
    {"material_language", "ethnic", "Tiếng dân tộc thiểu số", "Ethnic minority language", 3},
};

template <std::size_t N>
std::string SeedSqlOf(const Seed (&seeds)[N]) {
  return SeedCodesSql(std::vector<CodeSeed>(std::begin(seeds), std::end(seeds)));
}

}  // namespace

std::string SeedCodesSql(const std::vector<CodeSeed>& seeds) {
  std::string sql = "INSERT INTO code_lists (list, code, label_vi, label_en, sort, is_active) VALUES ";
  bool first = true;
  for (const CodeSeed& s : seeds) {
    if (!first) sql += ", ";
    first = false;
    sql += std::string("('") + s.list + "', '" + s.code + "', '" + s.vi + "', '" + s.en + "', " +
           std::to_string(s.sort) + ", 1)";
  }
  return sql;
}

std::vector<store::Migration> RecordMigrations() {
  const std::string tables =
      "CREATE TABLE records (id TEXT PRIMARY KEY, type TEXT NOT NULL, unit_code TEXT NOT NULL, "
      "record_date TEXT NOT NULL, data TEXT NOT NULL, search_text TEXT NOT NULL, "
      "version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
      "created_by TEXT NOT NULL, updated_by TEXT NOT NULL, deleted_at TEXT);\n"
      "CREATE INDEX records_type_unit_date ON records (type, unit_code, record_date);\n"
      "CREATE INDEX records_type_date ON records (type, record_date);\n"
      "CREATE TABLE record_history (record_id TEXT NOT NULL, version BIGINT NOT NULL, "
      "op TEXT NOT NULL, unit_code TEXT NOT NULL, record_date TEXT NOT NULL, data TEXT NOT NULL, "
      "changed_at TEXT NOT NULL, changed_by TEXT NOT NULL, PRIMARY KEY (record_id, version));\n"
      "CREATE TABLE code_lists (list TEXT NOT NULL, code TEXT NOT NULL, label_vi TEXT NOT NULL, "
      "label_en TEXT NOT NULL, sort INTEGER NOT NULL, is_active INTEGER NOT NULL, "
      "PRIMARY KEY (list, code));\n";
  return {{300, "records_and_code_lists", tables + SeedSqlOf(kSeeds), ""},
          {301, "code_lists_for_plans_and_pilot_models", SeedSqlOf(kSeeds301), ""},
          {302, "code_lists_for_reach_and_training", SeedSqlOf(kSeeds302), ""},
          {303, "files_and_material_code_lists",
           "CREATE TABLE files (id TEXT PRIMARY KEY, record_type TEXT NOT NULL, name TEXT NOT NULL, "
           "content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, "
           "uploaded_at TEXT NOT NULL, uploaded_by TEXT NOT NULL, content TEXT NOT NULL);\n" +
               SeedSqlOf(kSeeds303),
           ""},
          PeriodLockMigration()};
}

}  // namespace pcmd::records
