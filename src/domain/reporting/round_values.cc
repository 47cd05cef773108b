#include "domain/reporting/round_values.h"

#include <algorithm>

#include "base/date.h"
#include "domain/reporting/report_rounds_internal.h"

namespace pcmd::reporting {

using base::Result;
using base::Status;

bool RoundValues::Sees(const access::Subject& subject, const Round& round) const {
  if (policy_.Allows(subject, access::Action::kRead,
                     {access::Resource::kReportRound, round.unit_code, {}})) {
    return true;
  }
  return std::any_of(round.units.begin(), round.units.end(), [&](const std::string& u) {
    return policy_.Allows(subject, access::Action::kRead, {access::Resource::kReport, u, {}});
  });
}

bool RoundValues::Imports(const access::Subject& subject, const Round& round) const {
  return policy_.Allows(subject, access::Action::kUpdate,
                        {access::Resource::kReportRound, round.unit_code, {}});
}

Result<Round> RoundValues::RoundToImport(const access::Subject& subject,
                                         const std::string& round_id) const {
  std::optional<Round> round;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(round, internal::ReadRound(tx, round_id));
    return Status::Ok();
  }));
  if (!round || !Sees(subject, *round)) return internal::RoundNotFound();
  if (!Imports(subject, *round)) {
    return base::PermissionDenied("your role may not import values into this round")
        .WithVi("Bạn không được phép nhập số liệu vào đợt báo cáo này")
        .WithMachineCode("forbidden");
  }
  return std::move(*round);
}

Result<ImportCounts> RoundValues::Import(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& round_id,
                                         const std::vector<ValueToImport>& values) {
  ImportCounts counts;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    counts = {};
    PCMD_ASSIGN_OR_RETURN(auto round, internal::ReadRound(tx, round_id));
    if (!round || !Sees(subject, *round)) return internal::RoundNotFound();
    if (!Imports(subject, *round)) {
      return base::PermissionDenied("your role may not import values into this round")
          .WithVi("Bạn không được phép nhập số liệu vào đợt báo cáo này")
          .WithMachineCode("forbidden");
    }
    const std::string now = base::NowIsoUtc();
    for (const auto& v : values) {
      if (v.period != round->period.id ||
          !std::binary_search(round->units.begin(), round->units.end(), v.unit_code)) {
        ++counts.ignored;
        continue;
      }
      PCMD_ASSIGN_OR_RETURN(
          std::int64_t changed,
          tx.Exec("UPDATE report_round_values SET value = :1, imported_at = :2, imported_by = :3 "
                  "WHERE round_id = :4 AND unit_code = :5 AND target = :6",
                  {v.value, now, actor.id, round_id, v.unit_code, v.target}));
      if (changed > 0) {
        ++counts.updated;
        continue;
      }
      PCMD_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO report_round_values (round_id, unit_code, target, value, "
                  "imported_at, imported_by) VALUES (:1, :2, :3, :4, :5, :6)",
                  {round_id, v.unit_code, v.target, v.value, now, actor.id})
              .status());
      ++counts.imported;
    }
    return tx.AppendChange("report_round_values", round_id, "import");
  }));
  return counts;
}

Result<std::vector<RoundValue>> RoundValues::List(const access::Subject& subject,
                                                  const std::string& round_id) const {
  std::optional<Round> round;
  store::Rows rows;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(round, internal::ReadRound(tx, round_id));
    if (!round) return Status::Ok();
    PCMD_ASSIGN_OR_RETURN(
        rows, tx.Query("SELECT unit_code, target, value, imported_at, imported_by FROM "
                       "report_round_values WHERE round_id = :1 ORDER BY unit_code, target",
                       {round_id}));
    return Status::Ok();
  }));
  if (!round || !Sees(subject, *round)) return internal::RoundNotFound();
  const bool reads_round = policy_.Allows(subject, access::Action::kRead,
                                          {access::Resource::kReportRound, round->unit_code, {}});
  std::vector<RoundValue> out;
  for (const auto& r : rows) {
    RoundValue v{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
    if (!reads_round && !policy_.Allows(subject, access::Action::kRead,
                                        {access::Resource::kReport, v.unit_code, {}})) {
      continue;
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<store::Migration> RoundValueMigrations() {
  return {
      {620, "report_round_values",
       "CREATE TABLE report_round_values (round_id TEXT NOT NULL REFERENCES report_rounds (id), "
       "unit_code TEXT NOT NULL, target TEXT NOT NULL, value TEXT NOT NULL, "
       "imported_at TEXT NOT NULL, imported_by TEXT NOT NULL, "
       "PRIMARY KEY (round_id, unit_code, target))",
       ""}};
}

}  // namespace pcmd::reporting
