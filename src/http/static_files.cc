#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/log.h"
#include "http/gzip.h"

namespace pcmd::http {
namespace {

std::string Fnv1aHex(std::string_view data) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

bool IsCompressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.find("javascript") != std::string::npos ||
         type.find("json") != std::string::npos || type.find("svg") != std::string::npos ||
         type.find("manifest") != std::string::npos;
}

}  // namespace

std::string ContentTypeFor(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

void StaticFiles::Load(const std::string& dir, std::size_t max_total_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    base::LogWarn("front end folder not found; serving the API only", {{"web", dir}});
    return;
  }
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec || !it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    File f;
    f.body = ss.str();
    total += f.body.size();
    if (total > max_total_bytes) {
      base::LogWarn("front end folder too large; stopped loading", {{"web", dir}});
      break;
    }
    std::string url = "/" + fs::relative(it->path(), dir).generic_string();
    f.content_type = ContentTypeFor(url);
    f.etag = "\"" + Fnv1aHex(f.body) + "\"";
    f.is_immutable = url.rfind("/assets/", 0) == 0;
    if (IsCompressible(f.content_type) && f.body.size() > 512) {
      if (auto gz = Gzip(f.body); gz && gz->size() < f.body.size()) f.gzip_body = std::move(*gz);
    }
    files_[url] = std::move(f);
  }
  base::LogInfo("front end loaded", {{"files", std::to_string(files_.size())}});
}

Response StaticFiles::Serve(std::string_view path, bool accepts_gzip,
                            const std::optional<std::string>& if_none_match) const {
  auto it = files_.find(std::string(path));
  Response r;
  // A missing asset or file (a path with an extension) is a 404, not the app's page:
  // a browser holding an old page must not receive HTML where it expects a script.
  const auto last_slash = path.rfind('/');
  const bool looks_like_file = path.find('.', last_slash == std::string_view::npos ? 0 : last_slash) !=
                               std::string_view::npos;
  if (it == files_.end() && (path.rfind("/assets/", 0) == 0 || looks_like_file) && !files_.empty()) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "not found";
    r.WithHeader("Cache-Control", "no-store");
    return r;
  }
  if (it == files_.end() || path == "/") it = files_.find("/index.html");
  if (it == files_.end()) {
    r.status = 200;
    r.content_type = "text/html; charset=utf-8";
    r.body =
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>pcmd</title>"
        "<p>Giao diện web chưa được xây dựng (npm run build trong web/). "
        "The web front end is not built.</p></html>";
    r.WithHeader("Cache-Control", "no-store");
    return r;
  }
  const File& f = it->second;
  r.content_type = f.content_type;
  r.WithHeader("ETag", f.etag);
  r.WithHeader("Cache-Control", f.is_immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (if_none_match && *if_none_match == f.etag) {
    r.status = 304;
    return r;
  }
  if (accepts_gzip && !f.gzip_body.empty()) {
    r.body = f.gzip_body;
    r.WithHeader("Content-Encoding", "gzip");
  } else {
    r.body = f.body;
  }
  r.WithHeader("Vary", "Accept-Encoding");
  return r;
}

}  // namespace pcmd::http
