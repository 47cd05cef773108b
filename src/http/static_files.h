#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace pcmd::http {

// StaticFiles holds the built front end in memory: every file under a folder, with
// its content type, a gzip copy and an ETag, loaded once at start. Paths that match
// no file fall back to index.html, so the single-page app's own routes load.
// Read-only after Load; safe from any thread.
class StaticFiles {
 public:
  // Loads every regular file below `dir` (at most `max_total_bytes` in all).
  // A missing folder leaves the set empty; Serve then answers a short HTML notice.
  void Load(const std::string& dir, std::size_t max_total_bytes = 64u << 20);

  // The reply for GET `path`; `accepts_gzip` picks the compressed copy.
  Response Serve(std::string_view path, bool accepts_gzip,
                 const std::optional<std::string>& if_none_match) const;

  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip_body;  // empty when compression does not pay
    std::string etag;
    bool is_immutable = false;  // hashed asset names under /assets/
  };
  std::map<std::string, File> files_;  // by URL path, e.g. "/assets/index-abc.js"
};

// The content type for a file name's extension.
std::string ContentTypeFor(std::string_view file_name);

}  // namespace pcmd::http
