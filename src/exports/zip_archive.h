#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace pcmd::exports::internal {

// A read-only view of a zip archive held in memory (minizip over memory I/O), for the
// parts of an XLSX package. It borrows the bytes given to Open, which must outlive it.
// Not safe for concurrent use; distinct archives are independent.
class ZipArchive {
 public:
  // Fails with kInvalidArgument "not a valid xlsx file: ..." when `bytes` is not a zip.
  static base::Result<ZipArchive> Open(std::string_view bytes);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // The uncompressed bytes of the entry named `path` (ASCII case-insensitive, as OOXML
  // part names are), or nullopt when there is none. An entry whose declared or actual size
  // exceeds `max_bytes` fails with kInvalidArgument naming the limit; a corrupt, encrypted
  // or unsupported entry with kInvalidArgument "not a valid xlsx file: ...". Checksums are
  // not verified in fuzzing builds (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION).
  base::Result<std::optional<std::string>> Read(const std::string& path, std::size_t max_bytes);

 private:
  struct Handle;
  explicit ZipArchive(std::unique_ptr<Handle> handle);

  std::unique_ptr<Handle> handle_;
};

}  // namespace pcmd::exports::internal
