#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pcmd::http {

// Gzip-compresses `data` (zlib, level 6). Returns nothing if zlib fails.
std::optional<std::string> Gzip(std::string_view data);

// True when an Accept-Encoding header value accepts gzip (and does not refuse it with q=0).
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace pcmd::http
