#include "bench/national_data.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <vector>

#include "base/date.h"
#include "base/text.h"
#include "domain/activities/programme_types.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/records/record_store.h"
#include "domain/support/peer_group_types.h"
#include "domain/units/unit_file.h"
#include "domain/units/unit_tree.h"

namespace pcmd::bench {

using base::Date;
using base::Status;
using records::Values;
using store::Param;
using store::Params;

std::int64_t DatasetOptions::EstablishmentCount() const {
  if (establishments > 0) return establishments;
  return std::clamp<std::int64_t>(events / 10, 2'000, 200'000);
}

std::string DatasetOptions::Stamp() const {
  return "events=" + std::to_string(events) +
         ";establishments=" + std::to_string(EstablishmentCount()) +
         ";seed=" + std::to_string(seed) + ";generator=1";
}

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kFirstYear = 2021;
constexpr int kMonths = 60;  // 2021-01 .. 2025-12
const Date kLastDay = Date::FromCivil(2025, 12, 31);

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Buffers rows of several tables and stores them in large transactions, as multi-row INSERTs.
// Tables are written in the order they were declared, so that a row is stored after the rows
// its foreign keys name.
class BulkWriter {
 public:
  BulkWriter(store::Database& db, std::ostream& log) : db_(db), log_(log) {}

  int Table(std::string name, std::vector<std::string> columns) {
    tables_.push_back({std::move(name), std::move(columns), {}, 0});
    return static_cast<int>(tables_.size()) - 1;
  }

  Status Add(int table, Params row) {
    Pending& t = tables_[static_cast<std::size_t>(table)];
    const std::size_t per_statement =
        std::max<std::size_t>(1, kParamsPerStatement / t.columns.size());
    if (t.chunks.empty() || t.chunks.back().size() >= per_statement * t.columns.size()) {
      t.chunks.emplace_back();
      t.chunks.back().reserve(per_statement * t.columns.size());
    }
    for (auto& p : row) t.chunks.back().push_back(std::move(p));
    ++t.stored;
    if (++pending_ >= kRowsPerCommit) return Flush();
    return Status::Ok();
  }

  Status Flush() {
    if (pending_ == 0) return Status::Ok();
    PCMD_RETURN_IF_ERROR(db_.Write(store::Actor("bench"), [&](store::Transaction& tx) -> Status {
      for (Pending& t : tables_) {
        for (const Params& chunk : t.chunks) {
          PCMD_RETURN_IF_ERROR(
              tx.Exec(InsertSql(t, chunk.size() / t.columns.size()), chunk).status());
        }
      }
      return Status::Ok();
    }));
    for (Pending& t : tables_) t.chunks.clear();
    total_ += pending_;
    pending_ = 0;
    log_ << "  stored " << total_ << " rows\n" << std::flush;
    return Status::Ok();
  }

 private:
  // SQLite looks named parameters up one by one in a list (the store names them :p1, :p2, ...), so
  // a statement's cost grows with the square of its parameters: a hundred is the sweet spot.
  static constexpr std::size_t kParamsPerStatement = 100;
  static constexpr std::size_t kRowsPerCommit = 100'000;

  struct Pending {
    std::string name;
    std::vector<std::string> columns;
    std::vector<Params> chunks;  // each at most kParamsPerStatement values, whole rows, flattened
    std::int64_t stored = 0;
  };

  static std::string InsertSql(const Pending& t, std::size_t rows) {
    std::string sql = "INSERT INTO " + t.name + " (";
    for (std::size_t c = 0; c < t.columns.size(); ++c) sql += (c ? ", " : "") + t.columns[c];
    sql += ") VALUES ";
    int n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t c = 0; c < t.columns.size(); ++c)
        sql += (c ? ", :" : ":") + std::to_string(++n);
      sql += ")";
    }
    return sql;
  }

  store::Database& db_;
  std::ostream& log_;
  std::vector<Pending> tables_;
  std::size_t pending_ = 0;
  std::int64_t total_ = 0;
};

std::string JsonList(const std::vector<std::string>& items) { return nlohmann::json(items).dump(); }

// The generator's state: the tree, the registers made so far and the random source.
class Generator {
 public:
  Generator(store::Database& db, const DatasetOptions& options, std::ostream& log)
      : options_(options), log_(log), rng_(options.seed), out_(db, log) {
    records_ =
        out_.Table("records", {"id", "type", "unit_code", "record_date", "data", "search_text",
                               "version", "created_at", "updated_at", "created_by", "updated_by"});
    tips_ = out_.Table(
        "tips",
        {"id",           "unit_code",        "channel",     "kind",           "received_at",
         "received_on",  "establishment_id", "place",       "subject_unit",   "content",
         "is_anonymous", "status",           "assignee",    "deadline_days",  "extended_days",
         "extensions",   "deadline",         "verified_at", "classified_at",  "assigned_at",
         "handled_at",   "closed_at",        "outcome",     "transferred_to", "inspection_id",
         "version",      "created_at",       "updated_at",  "created_by",     "updated_by"});
    providers_ = out_.Table("providers", {"id", "name", "unit_code", "services", "contact",
                                          "is_active", "version", "updated_at", "updated_by"});
    clients_ =
        out_.Table("clients", {"id", "uic", "uic_base", "uic_suffix", "unit_code", "assigned",
                               "sex", "birth_year", "registered_on", "version", "created_at",
                               "updated_at", "created_by", "updated_by", "erased_at"});
    assessments_ = out_.Table("client_assessments", {"id", "client_id", "assessed_on", "needs",
                                                     "eligible", "recorded_by", "recorded_at"});
    referrals_ =
        out_.Table("client_referrals", {"id", "client_id", "provider_id", "service", "referred_on",
                                        "due_on", "outcome", "reason", "outcome_on", "version",
                                        "recorded_by", "recorded_at", "updated_at", "updated_by"});
  }

  Status Run(const std::vector<units::UnitRow>& units, DatasetReport& report) {
    PCMD_RETURN_IF_ERROR(ReadTree(units));
    PCMD_RETURN_IF_ERROR(Registers());
    PCMD_RETURN_IF_ERROR(Events());
    PCMD_RETURN_IF_ERROR(out_.Flush());
    report.rows = rows_;
    report.events = events_;
    report.registers = registers_;
    return Status::Ok();
  }

 private:
  struct Commune {
    std::string code, district, province;
  };
  struct Establishment {
    std::string id;
    std::size_t commune = 0;
    Date from;                   // in the register from
    std::optional<Date> closed;  // closed_on
  };
  struct Official {
    std::string id, unit;
    std::size_t province = 0;
  };
  struct Training {
    std::string id;
    Date on;
  };
  struct Placed {  // a register entry kept by a district: zone, school, peer group
    std::string id, unit;
  };

  // ---- helpers -------------------------------------------------------------------------------

  // Time-ordered ids in the UUID version 7 layout: the serial first, so that the primary key
  // grows at its end as a live store's does.
  std::string NextId() {
    ++serial_;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-7%03x-8%03x-%012llx",
                  static_cast<unsigned long long>(serial_ >> 16),
                  static_cast<unsigned long long>(serial_ & 0xffff),
                  static_cast<unsigned>(options_.seed & 0xfff),
                  static_cast<unsigned>(rng_() & 0xfff),
                  static_cast<unsigned long long>(rng_() & 0xffffffffffffULL));
    return buf;
  }
  std::size_t Index(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[Index(from.size())];
  }
  static Date MonthStart(int m) { return Date::FromCivil(kFirstYear + m / 12, m % 12 + 1, 1); }
  Date DayOfMonth(int m) {
    const Date first = MonthStart(m);
    const Date next = m + 1 < kMonths ? MonthStart(m + 1) : kLastDay.AddDays(1);
    return first.AddDays(Between(0, next.days() - first.days() - 1));
  }
  Date DayOfYear(int year) { return DayOfMonth((year - kFirstYear) * 12 + Between(0, 11)); }
  static std::string At(Date d, int hour) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00.000Z", d.ToString().c_str(), hour,
                  hour * 7 % 60);
    return buf;
  }

  // One row of `records`, as RecordStore::Create writes it (without its history row).
  Status Record(const records::RecordType& type, const std::string& id, const std::string& unit,
                Date date, const Values& values, bool is_event) {
    std::string search;
    for (const auto& f : type.fields) {
      if (f.kind != records::FieldKind::kText) continue;
      auto it = values.find(f.name);
      if (it == values.end()) continue;
      if (const auto* s = std::get_if<std::string>(&it->second))
        search += " " + base::FoldForSearch(*s);
    }
    const std::string at = At(date, 3);
    ++rows_["records:" + type.id];
    (is_event ? events_ : registers_) += 1;
    return out_.Add(records_, {id, type.id, unit, date.ToString(), records::EncodeValues(values),
                               search, std::int64_t{1}, at, at, "bench", "bench"});
  }
  Status Record(const records::RecordType& type, const std::string& unit, Date date,
                const Values& values, bool is_event) {
    return Record(type, NextId(), unit, date, values, is_event);
  }

  // ---- the tree ------------------------------------------------------------------------------

  Status ReadTree(const std::vector<units::UnitRow>& units) {
    std::map<std::string, const units::UnitRow*> by_code;
    for (const auto& u : units) by_code[u.code] = &u;
    auto up_to = [&](const std::string& code, const std::string& level) -> std::string {
      std::string at = code;
      for (int guard = 0; guard < 8; ++guard) {
        auto it = by_code.find(at);
        if (it == by_code.end()) return "";
        if (it->second->level == level) return at;
        if (!it->second->parent_code) return "";
        at = *it->second->parent_code;
      }
      return "";
    };
    for (const auto& u : units) {
      if (u.level == "province") {
        province_pos_[u.code] = provinces_.size();
        provinces_.push_back(u.code);
      }
      if (u.level == "district") districts_.push_back(u.code);
    }
    for (const auto& u : units) {
      if (u.level != "commune") continue;
      communes_.push_back({u.code, up_to(u.code, "district"), up_to(u.code, "province")});
    }
    for (const auto& d : districts_) district_province_[d] = up_to(d, "province");
    if (provinces_.empty() || districts_.empty() || communes_.empty()) {
      return base::InvalidArgument("the unit file needs provinces, districts and communes");
    }
    return Status::Ok();
  }

  // ---- registers -----------------------------------------------------------------------------

  Status Registers() {
    log_ << "registers\n" << std::flush;
    PCMD_RETURN_IF_ERROR(Establishments());
    PCMD_RETURN_IF_ERROR(Officials());
    PCMD_RETURN_IF_ERROR(Trainings());
    PCMD_RETURN_IF_ERROR(DistrictRegisters());
    PCMD_RETURN_IF_ERROR(Providers());
    return Status::Ok();
  }

  Status Establishments() {
    static const std::vector<std::pair<std::string, std::string>> kinds = {
        {"Nhà nghỉ", "lodging"},    {"Khách sạn", "lodging"}, {"Karaoke", "karaoke"},
        {"Nhà hàng", "restaurant"}, {"Massage", "massage"},   {"Xông hơi", "sauna"},
        {"Vũ trường", "dance_hall"}};
    static const std::vector<std::string> names = {
        "Hoa Mai",  "Bình An",   "Sông Hồng", "Tràng An", "Hoàng Long",
        "Phúc Lộc", "Thành Nam", "Vân Long",  "Ngọc Lan", "Minh Châu"};
    const std::int64_t n = options_.EstablishmentCount();
    by_commune_.assign(communes_.size(), {});
    for (std::int64_t i = 0; i < n; ++i) {
      Establishment e;
      e.id = NextId();
      e.commune = Index(communes_.size());
      e.from = Chance(0.8) ? Date::FromCivil(2021, 1, 15) : DayOfMonth(Between(0, kMonths - 1));
      if (Chance(0.12)) {
        const int span = kLastDay.days() - e.from.days();
        if (span > 30) e.closed = e.from.AddDays(Between(30, span));
      }
      const auto& [label, kind] = Pick(kinds);
      Values v = {
          {"name", label + " " + Pick(names) + " " + std::to_string(i + 1)},
          {"kind", kind},
          {"address",
           "Số " + std::to_string(Between(1, 500)) + ", thôn " + std::to_string(Between(1, 12))},
          {"registration_number",
           std::to_string(Between(10, 99)) + "A8-" + std::to_string(100000 + i)},
          {"opened_on",
           Date::FromCivil(Between(2005, 2020), Between(1, 12), Between(1, 28)).ToString()}};
      if (e.closed) v["closed_on"] = e.closed->ToString();
      PCMD_RETURN_IF_ERROR(
          Record(enforcement::Establishment(), e.id, communes_[e.commune].code, e.from, v, false));
      by_commune_[e.commune].push_back(establishments_.size());
      establishments_.push_back(std::move(e));
    }
    // Workers of each establishment in each year it is open (T3's denominator).
    for (const auto& e : establishments_) {
      int workers = Between(3, 30);
      for (int year = kFirstYear; year <= 2025; ++year) {
        const Date jan = Date::FromCivil(year, 1, 20);
        if (e.from > Date::FromCivil(year, 12, 31) ||
            (e.closed && *e.closed < Date::FromCivil(year, 1, 1)))
          continue;
        workers = std::max(1, workers + Between(-3, 3));
        PCMD_RETURN_IF_ERROR(Record(enforcement::EstablishmentWorkforce(),
                                    communes_[e.commune].code, std::max(jan, e.from),
                                    {{"establishment", e.id},
                                     {"year", std::int64_t{year}},
                                     {"workers", std::int64_t{workers}}},
                                    false));
      }
    }
    return Status::Ok();
  }

  Status Officials() {
    static const std::vector<std::string> family = {"Nguyễn", "Trần", "Lê",   "Phạm",
                                                    "Hoàng",  "Vũ",   "Đinh", "Bùi"};
    static const std::vector<std::string> given = {
        "Văn An", "Thị Bình",  "Văn Cường", "Thị Dung",   "Hữu Đức",
        "Thị Hà", "Minh Khoa", "Thị Lan",   "Quang Minh", "Thị Ngọc"};
    static const std::vector<std::string> categories = {"cadre", "civil_servant", "public_employee",
                                                        "soldier"};
    auto add = [&](const std::string& unit, const std::string& province,
                   const std::string& level) -> Status {
      Official o{NextId(), unit, province_pos_[province]};
      Values v = {
          {"full_name", Pick(family) + " " + Pick(given)},
          {"category", Pick(categories)},
          {"level", level},
          {"agency", level == "commune" ? std::string("UBND xã") : std::string("Phòng LĐTBXH")}};
      if (Chance(0.95)) v["is_active"] = true;
      PCMD_RETURN_IF_ERROR(
          Record(activities::Official(), o.id, unit, Date::FromCivil(2021, 1, 4), v, false));
      officials_.push_back(std::move(o));
      return Status::Ok();
    };
    for (const auto& p : provinces_) {
      for (int i = 0; i < 12; ++i) PCMD_RETURN_IF_ERROR(add(p, p, "province"));
    }
    for (const auto& d : districts_) {
      for (int i = 0; i < 4; ++i) PCMD_RETURN_IF_ERROR(add(d, district_province_[d], "district"));
    }
    for (const auto& c : communes_) {
      for (int i = 0; i < 2; ++i) PCMD_RETURN_IF_ERROR(add(c.code, c.province, "commune"));
    }
    return Status::Ok();
  }

  // One training course a month in every province.
  Status Trainings() {
    static const std::vector<std::string> topics = {"harm_reduction", "gbv", "reintegration"};
    trainings_.assign(provinces_.size(), std::vector<Training>(kMonths));
    for (std::size_t p = 0; p < provinces_.size(); ++p) {
      for (int m = 0; m < kMonths; ++m) {
        Training t{NextId(), DayOfMonth(m)};
        PCMD_RETURN_IF_ERROR(
            Record(activities::Training(), t.id, provinces_[p], t.on,
                   {{"title", "Tập huấn phòng, chống mại dâm " + std::to_string(m % 12 + 1) + "/" +
                                  std::to_string(kFirstYear + m / 12)},
                    {"end_date", std::min(kLastDay, t.on.AddDays(2)).ToString()},
                    {"organiser", std::string("Sở Lao động - Thương binh và Xã hội")},
                    {"topics", std::vector<std::string>{"prevention", Pick(topics)}}},
                   false));
        trainings_[p][static_cast<std::size_t>(m)] = std::move(t);
      }
    }
    return Status::Ok();
  }

  // District plans, crime statistics, pilot models, industrial zones and schools with their
  // yearly denominators, peer groups.
  Status DistrictRegisters() {
    static const std::vector<std::string> programmes = {"socio_economic", "social_protection",
                                                        "drug_prevention", "hiv_aids"};
    static const std::vector<std::string> school_kinds = {"upper_secondary", "upper_secondary",
                                                          "vocational", "university"};
    for (std::size_t i = 0; i < districts_.size(); ++i) {
      const std::string& d = districts_[i];
      for (int year = kFirstYear; year <= 2025; ++year) {
        if (Chance(0.9)) {
          Values v = {{"year", std::int64_t{year}},
                      {"document_number", std::to_string(Between(10, 250)) + "/KH-UBND"}};
          if (Chance(0.8)) {
            v["is_implemented"] = true;
            v["evidence"] = "Báo cáo kết quả thực hiện năm " + std::to_string(year);
          }
          std::vector<std::string> with;
          for (const auto& prog : programmes) {
            if (Chance(0.35)) with.push_back(prog);
          }
          if (!with.empty()) v["integrated_with"] = with;
          PCMD_RETURN_IF_ERROR(Record(activities::DistrictPlan(), d,
                                      DayOfMonth((year - kFirstYear) * 12 + Between(0, 2)), v,
                                      false));
        }
        for (const char* offence : {"art327", "art328", "art329"}) {
          const int cases = Between(0, offence[5] == '9' ? 1 : 4);
          if (cases == 0) continue;
          const int tried = Between(0, cases);
          PCMD_RETURN_IF_ERROR(Record(enforcement::CrimeStatistic(), d,
                                      Date::FromCivil(year + 1, 1, 10),
                                      {{"year", std::int64_t{year}},
                                       {"offence", std::string(offence)},
                                       {"cases_prosecuted", std::int64_t{cases}},
                                       {"defendants_prosecuted", std::int64_t{cases + cases / 2}},
                                       {"cases_tried", std::int64_t{tried}},
                                       {"defendants_tried", std::int64_t{tried + tried / 2}}},
                                      false));
        }
      }
      if (i % 8 == 0) {
        PCMD_RETURN_IF_ERROR(
            Record(activities::PilotModel(), d, DayOfMonth(Between(6, 40)),
                   {{"name", std::string("Mô hình hỗ trợ hòa nhập cộng đồng")},
                    {"kind", std::string(Chance(0.5) ? "reintegration" : "harm_reduction")},
                    {"status", std::string("running")}},
                   false));
      }
      if (i % 3 == 0) {
        Placed zone{NextId(), d};
        PCMD_RETURN_IF_ERROR(
            Record(activities::IndustrialZone(), zone.id, d, Date::FromCivil(2021, 1, 1),
                   {{"name", "Khu công nghiệp số " + std::to_string(i / 3 + 1)}}, false));
        int workers = Between(2000, 20000);
        for (int year = kFirstYear; year <= 2025; ++year) {
          workers += Between(-300, 900);
          PCMD_RETURN_IF_ERROR(Record(
              activities::ZoneWorkforce(), d, Date::FromCivil(year, 1, 15),
              {{"zone", zone.id}, {"year", std::int64_t{year}}, {"workers", std::int64_t{workers}}},
              false));
        }
        zones_.push_back(std::move(zone));
      }
      for (int s = 0; s < 2; ++s) {
        Placed school{NextId(), d};
        PCMD_RETURN_IF_ERROR(
            Record(activities::School(), school.id, d, Date::FromCivil(2021, 1, 1),
                   {{"name", "Trường " + std::to_string(i * 2 + static_cast<std::size_t>(s) + 1)},
                    {"kind", Pick(school_kinds)}},
                   false));
        const int students = Between(500, 3000);
        for (int year = kFirstYear; year <= 2025; ++year) {
          PCMD_RETURN_IF_ERROR(Record(activities::SchoolEnrolment(), d,
                                      Date::FromCivil(year, 9, 15),
                                      {{"school", school.id},
                                       {"school_year", std::int64_t{year}},
                                       {"students", std::int64_t{students}}},
                                      false));
        }
        schools_.push_back(std::move(school));
      }
      Placed group{NextId(), d};
      PCMD_RETURN_IF_ERROR(Record(support::PeerGroup(), group.id, d,
                                  Date::FromCivil(2021, 1, 1).AddDays(Between(0, 700)),
                                  {{"name", "Nhóm đồng đẳng " + std::to_string(i + 1)},
                                   {"kind", std::string("peer_group")},
                                   {"status", std::string("active")},
                                   {"leaders", std::vector<std::string>{"bench-peer-" + d}}},
                                  false));
      groups_.push_back(std::move(group));
    }
    return Status::Ok();
  }

  Status Providers() {
    for (const auto& p : provinces_) {
      providers_ids_.push_back(NextId());
      ++rows_["providers"];
      ++registers_;
      PCMD_RETURN_IF_ERROR(out_.Add(
          providers_,
          {providers_ids_.back(), "Trung tâm Công tác xã hội tỉnh " + p, p, JsonList(kServices), "",
           std::int64_t{1}, std::int64_t{1}, "2021-01-01T00:00:00.000Z", "bench"}));
    }
    return Status::Ok();
  }

  // ---- events --------------------------------------------------------------------------------

  Status Events() {
    struct Share {
      const char* kind;
      int permille;
    };
    static constexpr Share kShares[] = {{"communication_activity", 330},
                                        {"press_item", 10},
                                        {"outreach", 150},
                                        {"inspection", 140},
                                        {"tip", 80},
                                        {"training_participant", 100},
                                        {"peer_group_activity", 40},
                                        {"service", 150}};
    for (int m = 0; m < kMonths; ++m) {
      if (m % 12 == 0) log_ << "events of " << kFirstYear + m / 12 << "\n" << std::flush;
      for (const auto& share : kShares) {
        const std::int64_t total = options_.events * share.permille / 1000;
        const std::int64_t n = total * (m + 1) / kMonths - total * m / kMonths;
        const std::string kind = share.kind;
        for (std::int64_t i = 0; i < n; ++i) {
          if (kind == "communication_activity")
            PCMD_RETURN_IF_ERROR(Communication(m));
          else if (kind == "press_item")
            PCMD_RETURN_IF_ERROR(Press(m));
          else if (kind == "outreach")
            PCMD_RETURN_IF_ERROR(Outreach(m));
          else if (kind == "inspection")
            PCMD_RETURN_IF_ERROR(Inspection(m));
          else if (kind == "tip")
            PCMD_RETURN_IF_ERROR(Tip(m));
          else if (kind == "training_participant")
            PCMD_RETURN_IF_ERROR(Participant(m));
          else if (kind == "peer_group_activity")
            PCMD_RETURN_IF_ERROR(GroupActivity(m));
          else if (i % 4 == 0 && i + 4 <= n)
            PCMD_RETURN_IF_ERROR(Client(m));  // four rows a client
        }
      }
    }
    return Status::Ok();
  }

  Status Communication(int m) {
    static const std::vector<std::string> forms = {
        "loudspeaker", "meeting", "print", "stage", "counselling", "social_media", "text_message"};
    static const std::vector<std::string> settings = {
        "community", "community", "establishment", "industrial_zone", "school", "mass_media"};
    static const std::vector<std::string> organisers = {"UBND xã",         "Hội Liên hiệp Phụ nữ",
                                                        "Đoàn Thanh niên", "Công an xã",
                                                        "Trạm Y tế",       "Phòng LĐTBXH"};
    const Commune& c = Pick(communes_);
    return Record(activities::CommunicationActivity(), Chance(0.9) ? c.code : c.district,
                  DayOfMonth(m),
                  {{"form", Pick(forms)},
                   {"setting", Pick(settings)},
                   {"organiser", Pick(organisers)},
                   {"audience_count", std::int64_t{Between(15, 300)}}},
                  true);
  }

  Status Press(int m) {
    static const std::vector<std::string> outlets = {"bao_ninh_binh", "dai_ptth", "cong_ttdt",
                                                     "other"};
    return Record(
        activities::PressItem(), Pick(provinces_), DayOfMonth(m),
        {{"outlet", Pick(outlets)},
         {"title", "Tăng cường công tác phòng, chống mại dâm (" + std::to_string(m % 12 + 1) + "/" +
                       std::to_string(kFirstYear + m / 12) + ")"}},
        true);
  }

  // An establishment open on `on` (a few tries, then any).
  const Establishment& OpenEstablishment(Date on) {
    const Establishment* e = &establishments_[Index(establishments_.size())];
    for (int tries = 0; tries < 4 && (e->from > on || (e->closed && *e->closed < on)); ++tries) {
      e = &establishments_[Index(establishments_.size())];
    }
    return *e;
  }

  Status Outreach(int m) {
    const Date on = DayOfMonth(m);
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    Values v;
    std::string unit;
    int reached = 0;
    if (r < 0.6) {
      const Establishment& e = OpenEstablishment(on);
      unit = communes_[e.commune].code;
      v["establishment"] = e.id;
      reached = Between(2, 25);
    } else if (r < 0.8) {
      const Placed& z = Pick(zones_);
      unit = z.unit;
      v["industrial_zone"] = z.id;
      reached = Between(50, 600);
    } else {
      const Placed& s = Pick(schools_);
      unit = s.unit;
      v["school"] = s.id;
      reached = Between(40, 400);
    }
    v["people_reached"] = std::int64_t{reached};
    v["new_people_reached"] = std::int64_t{reached * Between(5, 10) / 10};
    return Record(activities::Outreach(), unit, on, v, true);
  }

  Status Inspection(int m) {
    static const std::vector<std::string> agencies = {"interagency", "interagency", "police",
                                                      "culture", "labour"};
    static const std::vector<std::string> violations = {"no_licence", "unregistered_workers",
                                                        "lodging_register", "prostitution"};
    const Date on = DayOfMonth(m);
    const Establishment& e = OpenEstablishment(on);
    const Commune& c = communes_[e.commune];
    Values v = {{"establishment", e.id},
                {"decision_number", std::to_string(Between(1, 90)) + "/QĐ-ĐKTLN"},
                {"lead_agency", Pick(agencies)},
                {"members", std::vector<std::string>{"bench-inspector-" + c.province}}};
    if (Chance(0.3)) {
      v["result"] = std::string("violation");
      v["violation_kinds"] = std::vector<std::string>{Pick(violations)};
      v["sanction"] = std::string("fine");
      v["fine_amount"] = std::int64_t{Between(2, 40) * 500'000};
      v["is_sanction_decided"] = true;
    } else {
      v["result"] = std::string("compliant");
    }
    return Record(enforcement::Inspection(), c.code, on, v, true);
  }

  Status Tip(int m) {
    static const std::vector<std::pair<std::string, int>> kinds = {{"denunciation_crime", 20},
                                                                   {"crime_report", 20},
                                                                   {"denunciation", 30},
                                                                   {"complaint", 30},
                                                                   {"administrative_report", 15}};
    static const std::vector<std::string> channels = {"hotline", "in_person", "letter",
                                                      "online_form", "agency_referral"};
    static const std::vector<std::string> contents = {
        "Phản ánh cơ sở lưu trú có dấu hiệu chứa chấp hoạt động mại dâm",
        "Tin báo về hoạt động môi giới mại dâm qua mạng xã hội",
        "Phản ánh quán karaoke hoạt động quá giờ quy định",
        "Phản ánh cơ sở xoa bóp có nhân viên không đăng ký"};
    const std::size_t ci = Index(communes_.size());
    const Commune& c = communes_[ci];
    const Date received = DayOfMonth(m);
    const auto& [kind, days] = Pick(kinds);
    const Date deadline = received.AddDays(days);
    std::string establishment;
    if (!by_commune_[ci].empty() && Chance(0.4))
      establishment = establishments_[Pick(by_commune_[ci])].id;
    // Most tips are handled (a few late), some transferred, the rest still open.
    std::string status = "assigned", verified, classified, assigned, handled, closed, outcome,
                transferred;
    const std::string assignee = "bench-inspector-" + c.province;
    verified = At(received.AddDays(1), 2);
    classified = At(received.AddDays(2), 2);
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.07) {
      status = "transferred";
      closed = At(received.AddDays(3), 2);
      transferred = "Công an tỉnh";
    } else if (r < 0.92) {
      assigned = At(received.AddDays(3), 2);
      const Date done = received.AddDays(Between(4, days + 10));
      if (done <= kLastDay) {
        handled = At(done, 2);
        status = "handled";
        if (Chance(0.8) && done.AddDays(1) <= kLastDay) {
          status = "closed";
          closed = At(done.AddDays(1), 2);
          outcome = Chance(0.5) ? "substantiated" : "not_substantiated";
        }
      }
    } else {
      assigned = At(received.AddDays(3), 2);
    }
    const std::string id = NextId();
    const std::string at = At(received, 2);
    ++rows_["tips"];
    ++events_;
    return out_.Add(tips_, {id,
                            c.code,
                            Pick(channels),
                            kind,
                            at,
                            received.ToString(),
                            establishment,
                            "",
                            c.code,
                            Pick(contents),
                            std::int64_t{Chance(0.5) ? 1 : 0},
                            status,
                            status == "transferred" ? std::string() : assignee,
                            std::int64_t{days},
                            std::int64_t{0},
                            std::int64_t{0},
                            deadline.ToString(),
                            verified,
                            classified,
                            assigned,
                            handled,
                            closed,
                            outcome,
                            transferred,
                            "",
                            std::int64_t{1},
                            at,
                            closed.empty() ? at : closed,
                            "bench",
                            "bench"});
  }

  Status Participant(int m) {
    const Official& o = Pick(officials_);
    const Training& t = trainings_[o.province][static_cast<std::size_t>(m)];
    Values v = {{"training", t.id}, {"official", o.id}};
    if (Chance(0.9)) v["completed"] = true;
    return Record(activities::TrainingParticipant(), o.unit, t.on, v, true);
  }

  Status GroupActivity(int m) {
    const Placed& g = Pick(groups_);
    return Record(support::PeerGroupActivity(), g.unit, DayOfMonth(m),
                  {{"group", g.id},
                   {"kind", std::string("meeting")},
                   {"topic", std::string("Sinh hoạt nhóm định kỳ")},
                   {"facilitators", std::vector<std::string>{"bench-peer-" + g.unit}},
                   {"participants", std::int64_t{Between(4, 30)}},
                   {"condoms", std::int64_t{Between(0, 200)}}},
                  true);
  }

  // A client with one assessment and three referrals (four event rows): the services of T12.
  Status Client(int m) {
    const Commune& c = Pick(communes_);
    const Date registered = DayOfMonth(m);
    const std::string id = NextId();
    const std::string at = At(registered, 4);
    char uic[16];
    std::snprintf(uic, sizeof uic, "%08x", static_cast<unsigned>(rng_()));
    ++rows_["clients"];
    ++registers_;
    PCMD_RETURN_IF_ERROR(out_.Add(
        clients_, {id, std::string(uic) + "-1", std::string(uic), std::int64_t{1}, c.code,
                   JsonList({"bench-social-" + c.district}), "F", std::int64_t{Between(1975, 2005)},
                   registered.ToString(), std::int64_t{1}, at, at, "bench", "bench", ""}));
    std::vector<std::string> needs = kServices;
    std::shuffle(needs.begin(), needs.end(), rng_);
    needs.resize(3);
    const std::vector<std::string> eligible = {needs[0], needs[1]};
    const Date assessed = std::min(kLastDay, registered.AddDays(Between(0, 5)));
    ++rows_["client_assessments"];
    ++events_;
    PCMD_RETURN_IF_ERROR(out_.Add(assessments_, {NextId(), id, assessed.ToString(), JsonList(needs),
                                                 JsonList(eligible), "bench", At(assessed, 4)}));
    const std::string& provider = providers_ids_[province_pos_[c.province]];
    for (int r = 0; r < 3; ++r) {
      const Date referred = std::min(kLastDay, assessed.AddDays(Between(1, 20)));
      const double x = std::uniform_real_distribution<double>(0, 1)(rng_);
      std::string outcome, reason, outcome_on;
      if (x < 0.7) {
        outcome = "received";
        outcome_on = std::min(kLastDay, referred.AddDays(Between(1, 30))).ToString();
      } else if (x < 0.85) {
        outcome = "not_received";
        reason = "declined";
        outcome_on = std::min(kLastDay, referred.AddDays(Between(1, 30))).ToString();
      }
      ++rows_["client_referrals"];
      ++events_;
      PCMD_RETURN_IF_ERROR(
          out_.Add(referrals_,
                   {NextId(), id, provider, needs[static_cast<std::size_t>(r)], referred.ToString(),
                    referred.AddDays(30).ToString(), outcome, reason, outcome_on, std::int64_t{1},
                    "bench", At(referred, 4), At(referred, 4), "bench"}));
    }
    return Status::Ok();
  }

  inline static const std::vector<std::string> kServices = {
      "health_check", "sti_hiv_test", "prep",         "art_linkage",         "harm_reduction",
      "gbv_support",  "legal_aid",    "psychosocial", "vocational_training", "job_placement"};

  const DatasetOptions& options_;
  std::ostream& log_;
  std::mt19937_64 rng_;
  BulkWriter out_;
  int records_ = 0, tips_ = 0, providers_ = 0, clients_ = 0, assessments_ = 0, referrals_ = 0;
  std::uint64_t serial_ = 0;

  std::vector<std::string> provinces_, districts_;
  std::map<std::string, std::size_t> province_pos_;
  std::map<std::string, std::string> district_province_;
  std::vector<Commune> communes_;
  std::vector<Establishment> establishments_;
  std::vector<std::vector<std::size_t>> by_commune_;
  std::vector<Official> officials_;
  std::vector<std::vector<Training>> trainings_;  // province → month
  std::vector<Placed> zones_, schools_, groups_;
  std::vector<std::string> providers_ids_;  // by province position

  std::map<std::string, std::int64_t> rows_;
  std::int64_t events_ = 0, registers_ = 0;
};

}  // namespace

base::Result<DatasetReport> GenerateNationalData(store::Database& db, const DatasetOptions& options,
                                                 std::ostream& log) {
  DatasetReport report;
  std::ifstream in(options.units_file, std::ios::binary);
  if (!in) return base::NotFound("cannot read the unit file " + options.units_file);
  std::stringstream text;
  text << in.rdbuf();
  PCMD_ASSIGN_OR_RETURN(auto units, units::ParseUnitFile(text.str()));
  auto started = Clock::now();
  units::UnitTree tree(db);
  PCMD_ASSIGN_OR_RETURN(auto imported, tree.Import("bench", units, Date::FromCivil(2021, 1, 1)));
  report.units = imported.added + imported.unchanged + imported.changed;
  report.units_seconds = SecondsSince(started);
  log << "units: " << report.units << " in " << report.units_seconds << " s\n" << std::flush;

  started = Clock::now();
  Generator generator(db, options, log);
  PCMD_RETURN_IF_ERROR(generator.Run(units, report));
  // Statistics for the query planners, as an operator's store would have them.
  PCMD_RETURN_IF_ERROR(db.Write(
      store::Actor("bench"), [](store::Transaction& tx) { return tx.Exec("ANALYZE").status(); }));
  report.rows_seconds = SecondsSince(started);
  return report;
}

}  // namespace pcmd::bench
