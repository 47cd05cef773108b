#include "domain/records/file_store.h"

#include "base/date.h"
#include "base/digest.h"
#include "base/id.h"
#include "base/text.h"

namespace pcmd::records {

using base::Result;
using base::Status;
using store::Rows;
using store::Transaction;

std::string DetectContentType(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  if (starts("RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP") return "image/webp";
  return "";
}

std::string CleanFileName(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F || c == '"' || c == ';') continue;
    out += static_cast<char>(c);
  }
  if (!base::IsValidUtf8(out)) out.clear();
  out = base::TruncateUtf8(std::string(base::TrimAscii(out)), 200);
  while (!out.empty() && out.front() == '.') out.erase(0, 1);  // no hidden files
  return out.empty() ? "tep" : out;
}

namespace {

FileInfo InfoOf(const store::Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4), row.Text(5), row.Text(6), row.Text(7)};
}

constexpr const char* kInfoColumns =
    "id, record_type, name, content_type, size_bytes, sha256, uploaded_at, uploaded_by";

}  // namespace

Result<FileInfo> FileStore::Put(const store::Actor& actor, const RecordType& type, std::string_view name,
                                std::string_view bytes) {
  if (bytes.empty()) {
    return base::Validation::Fail("file", "empty", "Tệp rỗng", "the file is empty");
  }
  if (static_cast<std::int64_t>(bytes.size()) > max_bytes_) {
    const std::string mib = std::to_string(max_bytes_ >> 20);
    return base::Validation::Fail("file", "too_large", "Tệp lớn hơn " + mib + " MB",
                                  "the file is larger than " + mib + " MiB");
  }
  FileInfo info;
  info.content_type = DetectContentType(bytes);
  if (info.content_type.empty()) {
    return base::Validation::Fail("file", "unsupported_type",
                                  "Chỉ nhận tệp PDF hoặc ảnh (PNG, JPEG, GIF, WebP); video xin ghi đường dẫn",
                                  "only PDF files and PNG, JPEG, GIF or WebP images are accepted");
  }
  info.id = base::NewUuid();
  info.record_type = type.id;
  info.name = CleanFileName(name);
  info.size = static_cast<std::int64_t>(bytes.size());
  info.sha256 = base::Sha256Hex(bytes);
  info.uploaded_at = base::NowIsoUtc();
  info.uploaded_by = actor.id;
  const std::string content = base::Base64Encode(bytes);
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO files (id, record_type, name, content_type, size_bytes, sha256, uploaded_at, "
                "uploaded_by, content) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9)",
                {info.id, info.record_type, info.name, info.content_type, info.size, info.sha256,
                 info.uploaded_at, info.uploaded_by, content})
            .status());
    return tx.AppendChange("file", info.id, "create");
  }));
  return info;
}

Result<std::optional<FileInfo>> FileStore::Find(const std::string& id) const {
  std::optional<FileInfo> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kInfoColumns + " FROM files WHERE id = :1", {id}));
    if (!rows.empty()) out = InfoOf(rows[0]);
    return Status::Ok();
  }));
  return out;
}

Result<StoredFile> FileStore::Get(const std::string& id) const {
  std::optional<StoredFile> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        Rows rows, tx.Query(std::string("SELECT ") + kInfoColumns + ", content FROM files WHERE id = :1", {id}));
    if (rows.empty()) return Status::Ok();
    PCMD_ASSIGN_OR_RETURN(std::string bytes, base::Base64Decode(rows[0].Text(8)));
    out = StoredFile{InfoOf(rows[0]), std::move(bytes)};
    return Status::Ok();
  }));
  if (!out) return base::NotFound("no such file");
  return std::move(*out);
}

}  // namespace pcmd::records
