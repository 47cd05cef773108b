// The reports of the units in a round: reading, saving the sections and the steps of their
// workflow (submit, return, approve, unlock). ReportRounds' contract is in report_rounds.h.
#include <algorithm>

#include "base/text.h"
#include "domain/records/period_locks.h"
#include "domain/reporting/report_rounds.h"
#include "domain/reporting/report_rounds_internal.h"

namespace pcmd::reporting {

using base::Result;
using base::Status;

namespace {

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::optional<std::string> OrNull(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::string StatusVi(const std::string& status) {
  if (status == "missing") return "chưa lập";
  if (status == "draft") return "đang soạn";
  if (status == "submitted") return "đã nộp";
  if (status == "returned") return "bị trả lại";
  if (status == "approved") return "đã duyệt";
  return status;
}

Status NotFrom(const std::string& action, const std::string& status) {
  return base::FailedPrecondition(action + " is not allowed while the report is " + status)
      .WithVi("Không thể thực hiện khi báo cáo " + StatusVi(status))
      .WithMachineCode("invalid_transition");
}

// A comment a step requires (return, unlock): not empty, UTF-8, at most kMaxCommentChars.
Status CheckComment(const std::string& text, const std::string& required_vi,
                    const std::string& required_en) {
  if (text.empty()) return base::Validation::Fail("comment", "required", required_vi, required_en);
  if (!base::IsValidUtf8(text) || base::Utf8Length(text) > kMaxCommentChars) {
    return base::Validation::Fail(
        "comment", "too_long", "Ý kiến dài tối đa " + std::to_string(kMaxCommentChars) + " ký tự",
        "comment must be at most " + std::to_string(kMaxCommentChars) + " characters");
  }
  return Status::Ok();
}

std::string LockSource(const std::string& round_id) { return "report_round:" + round_id; }

void CheckSection(base::Validation& v, const std::string& field, const std::string& text) {
  if (!base::IsValidUtf8(text)) {
    v.Add(field, "invalid_value", "Nội dung không phải văn bản UTF-8 hợp lệ",
          field + " is not valid UTF-8 text");
  } else if (base::Utf8Length(text) > kMaxSectionChars) {
    v.Add(field, "too_long",
          "Mỗi phần của báo cáo dài tối đa " + std::to_string(kMaxSectionChars) + " ký tự",
          field + " must be at most " + std::to_string(kMaxSectionChars) + " characters");
  }
}

}  // namespace

Result<UnitReport> ReportRounds::GetReport(const access::Subject& subject,
                                           const std::string& round_id,
                                           const std::string& unit) const {
  std::optional<Round> round;
  UnitReport report;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(round, internal::ReadRound(tx, round_id));
    if (!round || !Has(round->units, unit) || !ReadsReport(subject, unit))
      return internal::ReportNotFound();
    PCMD_ASSIGN_OR_RETURN(report, internal::ReadReport(tx, round_id, unit));
    return Status::Ok();
  }));
  return report;
}

std::vector<std::string> ReportRounds::StepsFor(const access::Subject& subject, const Round& round,
                                                const UnitReport& report) const {
  std::vector<std::string> out;
  const bool is_open =
      report.status == "missing" || report.status == "draft" || report.status == "returned";
  if (is_open && policy_.Allows(subject, access::Action::kUpdate,
                                {access::Resource::kReport, report.unit_code, {}})) {
    out = {"save", "submit"};
  }
  if (report.status == "submitted" && Decides(subject, round)) out = {"return", "approve"};
  if (report.status == "approved" && Decides(subject, round)) out = {"unlock"};
  return out;
}

Result<UnitReport> ReportRounds::Step(const access::Subject& subject, const store::Actor& actor,
                                      const std::string& round_id, const std::string& unit,
                                      std::int64_t version, const std::string& action,
                                      const std::vector<std::string>& from,
                                      const std::function<bool(const Round&)>& may,
                                      const std::string& comment, const Change& change) {
  UnitReport report;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto round, internal::ReadRound(tx, round_id));
    if (!round || !Has(round->units, unit) || !ReadsReport(subject, unit))
      return internal::ReportNotFound();
    if (!may(*round)) return internal::Forbidden();
    PCMD_ASSIGN_OR_RETURN(report, internal::ReadReport(tx, round_id, unit));
    if (report.version != version) return internal::Stale();
    if (!Has(from, report.status)) return NotFrom(action, report.status);
    PCMD_RETURN_IF_ERROR(change(tx, *round, report));
    const std::string now = base::NowIsoUtc();
    const bool is_new = report.version == 0;
    if (is_new) {
      report.created_at = now;
      report.created_by = actor.id;
    }
    report.updated_at = now;
    report.updated_by = actor.id;
    report.version = version + 1;
    const store::Params values = {report.status,
                                  report.results,
                                  report.difficulties,
                                  report.proposals,
                                  OrNull(report.return_comment),
                                  OrNull(report.snapshot),
                                  report.version,
                                  report.is_late ? 1 : 0,
                                  report.updated_at,
                                  report.updated_by,
                                  OrNull(report.first_submitted_at),
                                  OrNull(report.submitted_at),
                                  OrNull(report.submitted_by),
                                  OrNull(report.returned_at),
                                  OrNull(report.returned_by),
                                  OrNull(report.approved_at),
                                  OrNull(report.approved_by)};
    if (is_new) {
      store::Params params = {round_id, unit, report.created_at, report.created_by};
      params.insert(params.end(), values.begin(), values.end());
      PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO unit_reports (round_id, unit_code, created_at, "
                                   "created_by, status, results, difficulties, "
                                   "proposals, return_comment, snapshot, version, is_late, "
                                   "updated_at, updated_by, first_submitted_at, "
                                   "submitted_at, submitted_by, returned_at, returned_by, "
                                   "approved_at, approved_by) VALUES (:1, :2, :3, "
                                   ":4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, :16, "
                                   ":17, :18, :19, :20, :21)",
                                   params)
                               .status());
    } else {
      store::Params params = values;
      params.insert(params.end(), {round_id, unit, version});
      PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                            tx.Exec("UPDATE unit_reports SET status = :1, results = :2, "
                                    "difficulties = :3, proposals = :4, "
                                    "return_comment = :5, snapshot = :6, version = :7, is_late = "
                                    ":8, updated_at = :9, updated_by = :10, "
                                    "first_submitted_at = :11, submitted_at = :12, submitted_by = "
                                    ":13, returned_at = :14, "
                                    "returned_by = :15, approved_at = :16, approved_by = :17 WHERE "
                                    "round_id = :18 AND unit_code = :19 "
                                    "AND version = :20",
                                    params));
      if (changed == 0) return internal::Stale();
    }
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO unit_report_events (round_id, unit_code, version, action, at, actor, "
                "comment) VALUES (:1, :2, :3, :4, :5, :6, :7)",
                {round_id, unit, report.version, action, now, actor.id, OrNull(comment)})
            .status());
    report.history.push_back({report.version, action, now, actor.id, comment});
    return tx.AppendChange("unit_report", round_id + "/" + unit, action);
  }));
  return report;
}

Result<UnitReport> ReportRounds::Save(const access::Subject& subject, const store::Actor& actor,
                                      const std::string& round_id, const std::string& unit,
                                      std::int64_t version, const Sections& sections) {
  base::Validation v;
  CheckSection(v, "results", sections.results);
  CheckSection(v, "difficulties", sections.difficulties);
  CheckSection(v, "proposals", sections.proposals);
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  auto own = [&](const Round&) {
    return policy_.Allows(subject, access::Action::kUpdate, {access::Resource::kReport, unit, {}});
  };
  return Step(subject, actor, round_id, unit, version, "save", {"missing", "draft", "returned"},
              own, "", [&](store::Transaction&, const Round&, UnitReport& r) {
                if (r.status == "missing") r.status = "draft";
                r.results = sections.results;
                r.difficulties = sections.difficulties;
                r.proposals = sections.proposals;
                return Status::Ok();
              });
}

Result<UnitReport> ReportRounds::Submit(const access::Subject& subject, const store::Actor& actor,
                                        const std::string& round_id, const std::string& unit,
                                        std::int64_t version, const std::string& snapshot) {
  auto own = [&](const Round&) {
    return policy_.Allows(subject, access::Action::kUpdate, {access::Resource::kReport, unit, {}});
  };
  return Step(subject, actor, round_id, unit, version, "submit", {"missing", "draft", "returned"},
              own, "", [&](store::Transaction&, const Round& round, UnitReport& r) {
                if (base::TrimAscii(r.results).empty()) {
                  return base::Validation::Fail("results", "required",
                                                "Cần nhập phần kết quả thực hiện trước khi nộp",
                                                "write the results section before submitting");
                }
                const std::string now = base::NowIsoUtc();
                r.status = "submitted";
                r.snapshot = snapshot;
                r.submitted_at = now;
                r.submitted_by = actor.id;
                if (r.first_submitted_at.empty()) {
                  r.first_submitted_at = now;
                  r.is_late = today_() > round.due_on;
                }
                return Status::Ok();
              });
}

Result<UnitReport> ReportRounds::Return(const access::Subject& subject, const store::Actor& actor,
                                        const std::string& round_id, const std::string& unit,
                                        std::int64_t version, const std::string& comment) {
  const std::string text(base::TrimAscii(comment));
  PCMD_RETURN_IF_ERROR(CheckComment(text, "Cần ghi ý kiến khi trả lại báo cáo",
                                    "a returned report needs a comment"));
  return Step(
      subject, actor, round_id, unit, version, "return", {"submitted"},
      [&](const Round& round) { return Decides(subject, round); }, text,
      [&](store::Transaction&, const Round&, UnitReport& r) {
        r.status = "returned";
        r.return_comment = text;
        r.returned_at = base::NowIsoUtc();
        r.returned_by = actor.id;
        return Status::Ok();
      });
}

Result<UnitReport> ReportRounds::Approve(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& round_id, const std::string& unit,
                                         std::int64_t version) {
  return Step(
      subject, actor, round_id, unit, version, "approve", {"submitted"},
      [&](const Round& round) { return Decides(subject, round); }, "",
      [&](store::Transaction& tx, const Round& round, UnitReport& r) {
        r.status = "approved";
        r.approved_at = base::NowIsoUtc();
        r.approved_by = actor.id;
        return records::LockPeriod(tx, {unit, round.period.first, round.period.last,
                                        LockSource(round.id), r.approved_at, actor.id});
      });
}

Result<UnitReport> ReportRounds::Unlock(const access::Subject& subject, const store::Actor& actor,
                                        const std::string& round_id, const std::string& unit,
                                        std::int64_t version, const std::string& comment) {
  const std::string text(base::TrimAscii(comment));
  PCMD_RETURN_IF_ERROR(CheckComment(text, "Cần ghi lý do mở khóa báo cáo",
                                    "an unlock needs a comment giving the reason"));
  return Step(
      subject, actor, round_id, unit, version, "unlock", {"approved"},
      [&](const Round& round) { return Decides(subject, round); }, text,
      [&](store::Transaction& tx, const Round& round, UnitReport& r) {
        r.status = "returned";
        r.return_comment = text;
        r.returned_at = base::NowIsoUtc();
        r.returned_by = actor.id;
        return records::UnlockPeriod(tx, LockSource(round.id), unit);
      });
}

}  // namespace pcmd::reporting
