#include "domain/enforcement/establishment_register.h"

#include <algorithm>
#include <set>

#include "domain/enforcement/enforcement_types.h"

namespace pcmd::enforcement {

using base::Result;
using base::Status;
using records::Record;

namespace {

std::string TextOf(const records::Values& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end() || !std::holds_alternative<std::string>(it->second)) return "";
  return std::get<std::string>(it->second);
}

// One stored inspection as the register needs it.
struct Visit {
  std::string date;
  bool has_violation = false;
  bool has_prostitution = false;
};

}  // namespace

void ScoreRisk(EstablishmentStatus& s, int year, const std::string& licence_expires, const std::string& today,
               bool has_prostitution_finding) {
  auto add = [&](std::string code, int points, std::string vi, std::string en) {
    if (points <= 0) return;
    s.risk_score += points;
    s.reasons.push_back({std::move(code), points, std::move(vi), std::move(en)});
  };
  s.risk_score = 0;
  s.reasons.clear();
  if (!s.is_ever_inspected) {
    add("never_inspected", 2, "Chưa được kiểm tra lần nào", "never inspected");
  }
  add("violations", std::min(9, 3 * s.violations_recent),
      "Có vi phạm trong " + std::to_string(s.violations_recent) + " lần kiểm tra 3 năm gần đây",
      "violations found in " + std::to_string(s.violations_recent) + " inspections of the last 3 years");
  if (has_prostitution_finding) {
    add("prostitution_found", 3, "Phát hiện hoạt động mại dâm tại cơ sở trong 3 năm gần đây",
        "prostitution found on the premises in the last 3 years");
  }
  add("open_tips", std::min(6, 2 * s.open_tips), std::to_string(s.open_tips) + " tin báo đang xử lý về cơ sở",
      std::to_string(s.open_tips) + " open tips about it");
  if (!licence_expires.empty() && licence_expires < today) {
    add("licence_expired", 1, "Giấy phép đã hết hạn", "licence expired");
  }
  if (s.is_ever_inspected && !s.inspected_years.empty() && s.inspected_years.back() <= year - 3) {
    add("long_since_inspection", 1, "Lần kiểm tra gần nhất đã từ 3 năm trước",
        "last inspected 3 or more years ago");
  }
  s.risk_level = s.risk_score >= 6 ? "high" : s.risk_score >= 3 ? "medium" : "low";
}

Result<std::vector<EstablishmentStatus>> EstablishmentRegister::Derive(const std::vector<Record>& establishments,
                                                                      int year) const {
  std::set<std::string> ids;
  for (const auto& e : establishments) ids.insert(e.id);
  // Inspections are read whatever the caller's reach over them: what is derived (a year, a
  // count) belongs to the establishment, not to the inspection file.
  std::map<std::string, std::vector<Visit>> visits;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT record_date, data FROM records WHERE type = :1 AND "
                                                     "deleted_at IS NULL",
                                                     {Inspection().id}));
    for (const auto& row : rows) {
      const records::Values values = records::DecodeValues(row.Text(1));
      const std::string establishment = TextOf(values, "establishment");
      if (!ids.count(establishment)) continue;
      Visit v{row.Text(0), TextOf(values, "result") == "violation", false};
      if (auto it = values.find("violation_kinds"); it != values.end()) {
        if (const auto* kinds = std::get_if<std::vector<std::string>>(&it->second)) {
          v.has_prostitution = std::find(kinds->begin(), kinds->end(), "prostitution") != kinds->end();
        }
      }
      visits[establishment].push_back(v);
    }
    return Status::Ok();
  }));
  std::map<std::string, int> tips;
  if (open_tips_) {
    PCMD_ASSIGN_OR_RETURN(tips, open_tips_());
  }
  PCMD_ASSIGN_OR_RETURN(auto parents, units_.LatestParents(nullptr));
  const std::string today = base::Date::Today().ToString();
  const std::string year_end = std::min(today, std::to_string(year) + "-12-31");
  std::vector<EstablishmentStatus> out;
  for (const auto& e : establishments) {
    EstablishmentStatus s;
    s.id = e.id;
    s.unit_code = e.unit_code;
    s.district_code = parents.count(e.unit_code) ? parents.at(e.unit_code) : "";
    s.name = TextOf(e.values, "name");
    s.kind = TextOf(e.values, "kind");
    const std::string closed = TextOf(e.values, "closed_on");
    s.is_closed = !closed.empty() && closed <= year_end;
    bool prostitution = false;
    std::set<int> years;
    for (const Visit& v : visits[e.id]) {
      if (v.date > year_end) continue;  // as of the end of the year asked about
      const int y = std::atoi(v.date.substr(0, 4).c_str());
      years.insert(y);
      s.last_inspected = std::max(s.last_inspected, v.date);
      if (y >= year - 2 && v.has_violation) ++s.violations_recent;
      if (y >= year - 2 && v.has_prostitution) prostitution = true;
    }
    s.inspected_years.assign(years.begin(), years.end());
    s.is_inspected_this_year = years.count(year) > 0;
    s.is_ever_inspected = std::any_of(years.begin(), years.end(), [&](int y) { return y >= plan_start_year_; });
    s.open_tips = tips.count(e.id) ? tips.at(e.id) : 0;
    ScoreRisk(s, year, TextOf(e.values, "licence_expires"), today, prostitution);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<EstablishmentStatus>> EstablishmentRegister::Statuses(const access::Subject& subject,
                                                                        const std::optional<std::string>& unit,
                                                                        int year) const {
  records::RecordQuery query;
  query.unit = unit;
  query.limit = 1'000'000;
  PCMD_ASSIGN_OR_RETURN(auto page, records_.List(subject, Establishment(), query));
  return Derive(page.items, year);
}

Result<EstablishmentStatus> EstablishmentRegister::StatusOf(const access::Subject& subject, const std::string& id,
                                                            int year) const {
  PCMD_ASSIGN_OR_RETURN(Record e, records_.Get(subject, Establishment(), id));
  PCMD_ASSIGN_OR_RETURN(auto all, Derive({e}, year));
  return all.front();
}

}  // namespace pcmd::enforcement
