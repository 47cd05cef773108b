#include "exports/zip_archive.h"

#include <unzip.h>

#include <algorithm>
#include <cstring>

#include "exports/xlsx_parts.h"

namespace pcmd::exports::internal {
namespace {

// The stream minizip reads through the callbacks below: a cursor over borrowed bytes.
struct MemoryStream {
  std::string_view bytes;
  ZPOS64_T position = 0;
};

voidpf ZCALLBACK OpenStream(voidpf opaque, const void* /*filename*/, int mode) {
  // Only reading makes sense for borrowed bytes.
  return (mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) == ZLIB_FILEFUNC_MODE_READ ? opaque : nullptr;
}

uLong ZCALLBACK ReadStream(voidpf /*opaque*/, voidpf stream, void* buffer, uLong size) {
  auto* s = static_cast<MemoryStream*>(stream);
  if (s->position >= s->bytes.size()) return 0;
  const auto n = static_cast<uLong>(std::min<ZPOS64_T>(size, s->bytes.size() - s->position));
  std::memcpy(buffer, s->bytes.data() + s->position, n);
  s->position += n;
  return n;
}

uLong ZCALLBACK WriteStream(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK TellStream(voidpf /*opaque*/, voidpf stream) {
  return static_cast<MemoryStream*>(stream)->position;
}

long ZCALLBACK SeekStream(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* s = static_cast<MemoryStream*>(stream);
  const ZPOS64_T size = s->bytes.size();
  ZPOS64_T base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = s->position; break;
    case ZLIB_FILEFUNC_SEEK_END: base = size; break;
    default: return -1;
  }
  // Offsets are unsigned here; anything past the end (or wrapping) is refused.
  if (offset > size || base + offset > size) return -1;
  s->position = base + offset;
  return 0;
}

int ZCALLBACK CloseStream(voidpf, voidpf) { return 0; }
int ZCALLBACK TestErrorStream(voidpf, voidpf) { return 0; }

// `path` for a message: part names come from the file, so odd ones are not repeated.
std::string Label(const std::string& path) {
  const bool plain = path.size() <= 80 &&
                     path.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-") ==
                         std::string::npos;
  return plain ? path : "a package part";
}

std::string Mebibytes(std::size_t bytes) {
  constexpr std::size_t kMebibyte = std::size_t{1} << 20;
  return bytes % kMebibyte == 0 ? std::to_string(bytes / kMebibyte) + " MiB"
                                : std::to_string(bytes) + " bytes";
}

}  // namespace

struct ZipArchive::Handle {
  MemoryStream stream;
  zlib_filefunc64_def functions{};
  unzFile file = nullptr;

  ~Handle() {
    if (file != nullptr) unzClose(file);
  }
};

ZipArchive::ZipArchive(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

base::Result<ZipArchive> ZipArchive::Open(std::string_view bytes) {
  auto handle = std::make_unique<Handle>();  // its address is minizip's opaque pointer
  handle->stream.bytes = bytes;
  handle->functions.zopen64_file = OpenStream;
  handle->functions.zread_file = ReadStream;
  handle->functions.zwrite_file = WriteStream;
  handle->functions.ztell64_file = TellStream;
  handle->functions.zseek64_file = SeekStream;
  handle->functions.zclose_file = CloseStream;
  handle->functions.zerror_file = TestErrorStream;
  handle->functions.opaque = &handle->stream;
  handle->file = unzOpen2_64("memory", &handle->functions);
  if (handle->file == nullptr) return NotXlsx("not a zip archive");
  return ZipArchive(std::move(handle));
}

base::Result<std::optional<std::string>> ZipArchive::Read(const std::string& path,
                                                          std::size_t max_bytes) {
  unzFile file = handle_->file;
  if (path.empty() || path.find('\0') != std::string::npos) return std::optional<std::string>();
  const int located = unzLocateFile(file, path.c_str(), 2 /* case-insensitive */);
  if (located == UNZ_END_OF_LIST_OF_FILE) return std::optional<std::string>();
  if (located != UNZ_OK) return NotXlsx("unreadable zip directory");
  unz_file_info64 entry{};
  if (unzGetCurrentFileInfo64(file, &entry, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    return NotXlsx("unreadable zip entry " + Label(path));
  }
  const base::Status too_large =
      base::InvalidArgument("xlsx part larger than " + Mebibytes(max_bytes) +
                            " uncompressed: " + Label(path))
          .WithVi("Tệp Excel quá lớn: một phần của tệp vượt quá " + Mebibytes(max_bytes) +
                  " khi giải nén.");
  if (entry.uncompressed_size > max_bytes) return too_large;
  if ((entry.flag & 1) != 0) return NotXlsx("encrypted zip entry " + Label(path));
  if (entry.compression_method != 0 && entry.compression_method != Z_DEFLATED) {
    return NotXlsx("unsupported compression in " + Label(path));
  }
  if (unzOpenCurrentFile(file) != UNZ_OK) return NotXlsx("unreadable zip entry " + Label(path));
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(entry.uncompressed_size));
  char buffer[65536];
  base::Status status;
  for (;;) {
    const int n = unzReadCurrentFile(file, buffer, sizeof buffer);
    if (n < 0) {
      status = NotXlsx("corrupt zip entry " + Label(path));
      break;
    }
    if (n == 0) break;
    if (bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
      status = too_large;
      break;
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  const int closed = unzCloseCurrentFile(file);
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  if (status.ok() && closed == UNZ_CRCERROR)
    status = NotXlsx("checksum mismatch in " + Label(path));
#else
  (void)closed;
#endif
  if (!status.ok()) return status;
  return std::optional<std::string>(std::move(bytes));
}

}  // namespace pcmd::exports::internal
