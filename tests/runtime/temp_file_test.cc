#include "runtime/temp_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace piiscan::runtime {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

TEST(TempFile, WrittenReadableAndRemovedOnScopeExit) {
  std::string path;
  {
    auto f = TempFile::Create("/tmp", "piiscan-test");
    ASSERT_TRUE(f) << f.error().ToString();
    path = f->path();
    ASSERT_TRUE(f->Write("hello "));
    ASSERT_TRUE(f->Write("world"));
    ASSERT_TRUE(f->Close());
    EXPECT_EQ(f->size(), 11u);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), "hello world");
    struct stat st;
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u);  // this user only
  }
  EXPECT_FALSE(Exists(path));
}

TEST(TempFile, MovedFileIsRemovedOnceByItsLastOwner) {
  std::string path;
  {
    auto f = TempFile::Create("/tmp", "piiscan-test");
    ASSERT_TRUE(f);
    path = f->path();
    TempFile moved = std::move(*f);
    EXPECT_TRUE(Exists(path));
  }
  EXPECT_FALSE(Exists(path));
}

TEST(TempFile, MissingFolderIsAnIoErrorNamingIt) {
  auto f = TempFile::Create("/nonexistent/dir", "piiscan-test");
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, ErrorCode::kIo);
  EXPECT_NE(f.error().message.find("/nonexistent/dir"), std::string::npos);
}

}  // namespace
}  // namespace piiscan::runtime
