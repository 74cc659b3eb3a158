#pragma once

// A temporary file that is removed when its owner goes away, on every
// path: success, error, timeout or cancellation.
//
//   auto file = TempFile::Create("/tmp", "piiscan-scan");
//   if (!file) return file.error();      // kIo: transient, worth a retry
//   file->Write(data, size);
//   ScanFile(analyzer, file->path(), options);

#include <string>
#include <string_view>

#include "piiscan/status.h"

namespace piiscan::runtime {

class TempFile {
 public:
  // Creates `dir`/`prefix`-XXXXXX, readable by this user only. Errors are
  // kIo (a full or missing folder), which retries treat as transient.
  static Result<TempFile> Create(const std::string& dir, const std::string& prefix);

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  // Appends bytes. Errors are kIo (a full disk) and name the file.
  Status Write(std::string_view bytes);
  // Flushes and closes the descriptor; the file stays until destruction.
  Status Close();

  const std::string& path() const { return path_; }
  size_t size() const { return size_; }

 private:
  TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  void Remove();

  int fd_ = -1;
  std::string path_;
  size_t size_ = 0;
};

}  // namespace piiscan::runtime
