// The consolidated documents kept with a round: see round_documents.h.
#include "domain/reporting/round_documents.h"

#include <optional>

#include "base/digest.h"
#include "base/id.h"
#include "domain/reporting/report_rounds_internal.h"

namespace pcmd::reporting {

using base::Result;
using base::Status;

namespace {

constexpr const char* kCols =
    "id, round_id, format, file_name, content_type, size_bytes, sha256, generation_ms, "
    "created_at, created_by";

RoundDocument FromRow(const store::Row& r) {
  RoundDocument d;
  d.id = r.Text(0);
  d.round_id = r.Text(1);
  d.format = r.Text(2);
  d.file_name = r.Text(3);
  d.content_type = r.Text(4);
  d.size_bytes = r.Int(5);
  d.sha256 = r.Text(6);
  d.generation_ms = r.Int(7);
  d.created_at = r.Text(8);
  d.created_by = r.Text(9);
  return d;
}

Status DocumentNotFound() {
  return base::NotFound("document not found")
      .WithVi("Không tìm thấy tài liệu")
      .WithMachineCode("not_found");
}

}  // namespace

bool RoundDocuments::IsFormat(const std::string& format) {
  return format == "xlsx" || format == "docx" || format == "pdf";
}

std::string RoundDocuments::ContentTypeOf(const std::string& format) {
  if (format == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (format == "docx") {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return "application/pdf";
}

Status RoundDocuments::CheckMayKeep(const access::Subject& subject, const Round& round) const {
  if (policy_.Allows(subject, access::Action::kUpdate,
                     {access::Resource::kReportRound, round.unit_code, {}})) {
    return Status::Ok();
  }
  return internal::Forbidden();
}

Result<Round> RoundDocuments::ReadableRound(const access::Subject& subject,
                                            const std::string& round_id) const {
  PCMD_ASSIGN_OR_RETURN(Round round, rounds_.Get(subject, round_id));
  if (!policy_.Allows(subject, access::Action::kRead,
                      {access::Resource::kReportRound, round.unit_code, {}})) {
    return internal::RoundNotFound();
  }
  return round;
}

Result<RoundDocument> RoundDocuments::Keep(const access::Subject& subject,
                                           const store::Actor& actor, const Round& round,
                                           const std::string& format, const std::string& file_name,
                                           const std::string& bytes, std::int64_t generation_ms) {
  if (!IsFormat(format)) {
    return base::Validation::Fail("format", "invalid_value",
                                  "Định dạng phải là xlsx, docx hoặc pdf",
                                  "format must be xlsx, docx or pdf");
  }
  PCMD_RETURN_IF_ERROR(CheckMayKeep(subject, round));
  RoundDocument d;
  d.id = base::NewUuid();
  d.round_id = round.id;
  d.format = format;
  d.file_name = file_name;
  d.content_type = ContentTypeOf(format);
  d.size_bytes = static_cast<std::int64_t>(bytes.size());
  d.sha256 = base::Sha256Hex(bytes);
  d.generation_ms = generation_ms;
  d.created_at = base::NowIsoUtc();
  d.created_by = actor.id;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(
        tx.Exec(std::string("INSERT INTO round_documents (") + kCols +
                    ", content) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11)",
                {d.id, d.round_id, d.format, d.file_name, d.content_type, d.size_bytes, d.sha256,
                 d.generation_ms, d.created_at, d.created_by, base::Base64Encode(bytes)})
            .status());
    return tx.AppendChange("round_document", d.id, "create");
  }));
  return d;
}

Result<std::vector<RoundDocument>> RoundDocuments::List(const access::Subject& subject,
                                                        const std::string& round_id) const {
  PCMD_RETURN_IF_ERROR(ReadableRound(subject, round_id).status());
  std::vector<RoundDocument> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string("SELECT ") + kCols +
                                       " FROM round_documents WHERE round_id = :1 ORDER BY "
                                       "created_at DESC, id",
                                   {round_id}));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return Status::Ok();
  }));
  return out;
}

Result<std::pair<RoundDocument, std::string>> RoundDocuments::Read(
    const access::Subject& subject, const store::Actor& actor, const std::string& round_id,
    const std::string& document_id) const {
  PCMD_RETURN_IF_ERROR(ReadableRound(subject, round_id).status());
  std::optional<std::pair<RoundDocument, std::string>> found;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string("SELECT ") + kCols +
                                       ", content FROM round_documents WHERE round_id = :1 AND "
                                       "id = :2",
                                   {round_id, document_id}));
    if (rows.empty()) return Status::Ok();
    PCMD_ASSIGN_OR_RETURN(std::string bytes, base::Base64Decode(rows[0].Text(10)));
    found.emplace(FromRow(rows[0]), std::move(bytes));
    return Status::Ok();
  }));
  if (!found) return DocumentNotFound();
  PCMD_RETURN_IF_ERROR(db_.AuditOnly(actor, "read", "round_document", document_id, "ok"));
  return *std::move(found);
}

store::Migration RoundDocumentMigration() {
  return {601, "round_documents",
          "CREATE TABLE round_documents (id TEXT PRIMARY KEY, round_id TEXT NOT NULL, "
          "format TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL, "
          "size_bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, generation_ms BIGINT NOT NULL, "
          "created_at TEXT NOT NULL, created_by TEXT NOT NULL, content TEXT NOT NULL);\n"
          "CREATE INDEX round_documents_round ON round_documents (round_id, created_at)",
          ""};
}

}  // namespace pcmd::reporting
