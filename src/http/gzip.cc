#include "http/gzip.h"

#include <zlib.h>

#include <cctype>

namespace pcmd::http {

std::optional<std::string> Gzip(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

bool AcceptsGzip(std::string_view header) {
  std::string lower;
  for (char c : header) {
    if (c != ' ' && c != '\t') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::size_t start = 0;
  while (start <= lower.size()) {
    auto comma = lower.find(',', start);
    if (comma == std::string::npos) comma = lower.size();
    std::string_view part(lower.data() + start, comma - start);
    const auto semi = part.find(';');
    const std::string_view coding = part.substr(0, semi);
    if (coding == "gzip" || coding == "*") {
      if (semi == std::string_view::npos) return true;
      const std::string_view params = part.substr(semi + 1);
      return !(params == "q=0" || params == "q=0.0" || params == "q=0.00" || params == "q=0.000");
    }
    start = comma + 1;
  }
  return false;
}

}  // namespace pcmd::http
