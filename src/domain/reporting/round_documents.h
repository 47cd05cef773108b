#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "domain/reporting/report_rounds.h"
#include "store/database.h"

namespace pcmd::reporting {

// A consolidated document of a round (báo cáo tổng hợp): the XLSX, DOCX or PDF the level above made
// of all its units' reports, kept with the round so that what was sent upward can be found again.
struct RoundDocument {
  std::string id;
  std::string round_id;
  std::string format;  // xlsx, docx, pdf
  std::string file_name;
  std::string content_type;
  std::int64_t size_bytes = 0;
  std::string sha256;
  std::int64_t generation_ms = 0;  // how long making it took
  std::string created_at, created_by;
};

// RoundDocuments keeps those files (table round_documents, migration 601; contents base64, as
// record files are). They are the whole round's, so only the round's own level reaches them:
// keeping needs `report_round` write at the round's unit (kPermissionDenied for one who sees the
// round otherwise), listing and reading `report_round` read there (for anyone else, including a
// unit that sees the round through its own report, the round's kNotFound, as if it did not exist).
// Keeping writes the change log and the audit log (entity "round_document") in its transaction;
// reading a file is audited too. Tested in report_rounds_test.cc (RoundDocuments) and
// tests/api/reporting.test. Thread-safe.
class RoundDocuments {
 public:
  RoundDocuments(store::Database& db, const ReportRounds& rounds, const access::Policy& policy)
      : db_(db), rounds_(rounds), policy_(policy) {}

  static bool IsFormat(const std::string& format);
  static std::string ContentTypeOf(const std::string& format);

  // Ok when the subject may make the round's consolidated documents (the round must be one it
  // sees); else kPermissionDenied "forbidden", as the round's other steps answer.
  base::Status CheckMayKeep(const access::Subject& subject, const Round& round) const;

  base::Result<RoundDocument> Keep(const access::Subject& subject, const store::Actor& actor,
                                   const Round& round, const std::string& format,
                                   const std::string& file_name, const std::string& bytes,
                                   std::int64_t generation_ms);
  // Newest first.
  base::Result<std::vector<RoundDocument>> List(const access::Subject& subject,
                                                const std::string& round_id) const;
  // The document and its bytes.
  base::Result<std::pair<RoundDocument, std::string>> Read(const access::Subject& subject,
                                                           const store::Actor& actor,
                                                           const std::string& round_id,
                                                           const std::string& document_id) const;

 private:
  base::Result<Round> ReadableRound(const access::Subject& subject,
                                    const std::string& round_id) const;

  store::Database& db_;
  const ReportRounds& rounds_;
  const access::Policy& policy_;
};

store::Migration RoundDocumentMigration();

}  // namespace pcmd::reporting
