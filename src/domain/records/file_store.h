#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/records/record_type.h"
#include "store/database.h"

namespace pcmd::records {

// What is known of a stored file without its bytes.
struct FileInfo {
  std::string id;            // UUID
  std::string record_type;   // the RecordType id it was uploaded for
  std::string name;          // the uploader's file name, cleaned (no path, no control characters)
  std::string content_type;  // as detected from the bytes, never as claimed
  std::int64_t size = 0;     // bytes
  std::string sha256;        // hex
  std::string uploaded_at;
  std::string uploaded_by;
};

struct StoredFile {
  FileInfo info;
  std::string bytes;
};

// The file types a record may carry, told by their first bytes: PDF, PNG, JPEG, GIF, WebP.
// Empty when the bytes are none of them (a claimed type or extension is never trusted).
std::string DetectContentType(std::string_view bytes);

// A file name safe to keep and to send back in Content-Disposition: the last path
// segment, control characters and quotes removed, at most 200 characters; "tep" when
// nothing is left.
std::string CleanFileName(std::string_view name);

// The FileStore keeps the files attached to records (communication materials,
// inspection attachments) in the store itself, so that a PostgreSQL deployment on
// several machines and a backup of the database carry them. A file is uploaded for one
// record type and may only be attached to a record of that type (RecordStore checks
// it); it is read back only through a record that names it, so access to a file is
// access to its record. Thread-safe.
class FileStore {
 public:
  static constexpr std::int64_t kDefaultMaxBytes = 20 << 20;

  explicit FileStore(store::Database& db, std::int64_t max_bytes = kDefaultMaxBytes)
      : db_(db), max_bytes_(max_bytes) {}

  // Stores a file after checking its size and its type by content; errors name the
  // field "file" (too_large, empty, unsupported_type).
  base::Result<FileInfo> Put(const store::Actor& actor, const RecordType& type, std::string_view name,
                             std::string_view bytes);
  // kNotFound when there is no such file.
  base::Result<StoredFile> Get(const std::string& id) const;
  base::Result<std::optional<FileInfo>> Find(const std::string& id) const;

  std::int64_t max_bytes() const { return max_bytes_; }

 private:
  store::Database& db_;
  std::int64_t max_bytes_;
};

}  // namespace pcmd::records
