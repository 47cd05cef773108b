#include "exports/temp_file.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace pcmd::exports::internal {

TempFile::TempFile(const std::string& prefix) {
  const char* dir = std::getenv("TMPDIR");
  dir_ = dir != nullptr && *dir != '\0' ? dir : "/tmp";
  std::string name = dir_ + "/" + prefix + "-XXXXXX";
  const int fd = mkstemp(name.data());  // mode 0600
  if (fd >= 0) {
    close(fd);
    path_ = std::move(name);
  }
}

TempFile::~TempFile() {
  if (!path_.empty()) std::remove(path_.c_str());
}

base::Result<std::string> ReadWholeFile(const std::string& path, const std::string& who) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return base::Internal(who + ": cannot reopen its temporary file");
  std::string bytes;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return base::Internal(who + ": cannot read its temporary file");
  return bytes;
}

}  // namespace pcmd::exports::internal
