#include "runtime/temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace piiscan::runtime {

Result<TempFile> TempFile::Create(const std::string& dir, const std::string& prefix) {
  std::string pattern = dir + "/" + prefix + "-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    return MakeError(ErrorCode::kIo,
                     "cannot create a temporary file in " + dir + ": " + std::strerror(errno));
  }
  return TempFile(fd, std::string(name.data()));
}

TempFile::TempFile(TempFile&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)), size_(other.size_) {
  other.fd_ = -1;
  other.path_.clear();
}

TempFile& TempFile::operator=(TempFile&& other) noexcept {
  if (this != &other) {
    Remove();
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    size_ = other.size_;
    other.fd_ = -1;
    other.path_.clear();
  }
  return *this;
}

TempFile::~TempFile() { Remove(); }

void TempFile::Remove() {
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
  fd_ = -1;
  path_.clear();
}

Status TempFile::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return MakeError(ErrorCode::kIo, "cannot write " + path_ + ": " + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    size_ += static_cast<size_t>(n);
  }
  return {};
}

Status TempFile::Close() {
  if (fd_ < 0) return {};
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0)
    return MakeError(ErrorCode::kIo, "cannot close " + path_ + ": " + std::strerror(errno));
  return {};
}

}  // namespace piiscan::runtime
