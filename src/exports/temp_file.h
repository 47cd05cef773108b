#pragma once

// A private temporary file for the writers that need one (libxlsxwriter, minizip), and reading a
// file back whole. Tested through xlsx_test.cc and docx_test.cc.
#include <string>

#include "base/result.h"

namespace pcmd::exports::internal {

// A private temporary file (mode 0600) in $TMPDIR (or /tmp), named PREFIX-XXXXXX, removed when
// this goes out of scope.
class TempFile {
 public:
  explicit TempFile(const std::string& prefix);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }  // empty when creation failed
  std::string& dir() { return dir_; }

 private:
  std::string dir_;
  std::string path_;
};

// The bytes of the file at `path`; kInternal naming `who` when it cannot be read.
base::Result<std::string> ReadWholeFile(const std::string& path, const std::string& who);

}  // namespace pcmd::exports::internal
