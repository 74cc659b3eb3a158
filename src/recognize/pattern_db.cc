#include "recognize/pattern_db.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace piiscan::recognize {
namespace {

struct ScanContext {
  const PatternDatabase::OnMatch* on_match;
};

int OnHsMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
              unsigned int /*flags*/, void* ctx) {
  auto* scan = static_cast<ScanContext*>(ctx);
  return (*scan->on_match)(id, static_cast<size_t>(to)) ? 0 : 1;
}

}  // namespace

// Hex SHA-256 of everything that determines the compiled database.
std::string CacheKey(const std::vector<PatternSource>& sources) {
  std::string material = hs_version();
  for (const PatternSource& p : sources) {
    material += '\0';
    material += p.case_insensitive ? 'i' : 'c';
    material += p.unicode ? 'u' : 'b';
    material += p.regex;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(material.data(), material.size(), digest, &length, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string key;
  for (unsigned i = 0; i < length; ++i) {
    key += kHex[digest[i] >> 4];
    key += kHex[digest[i] & 15];
  }
  return key;
}

Result<std::unique_ptr<PatternDatabase>> PatternDatabase::Compile(
    const std::vector<PatternSource>& sources, const std::string& cache_dir) {
  if (sources.empty()) return MakeError(ErrorCode::kInvalidArgument, "no patterns to compile");

  std::unique_ptr<PatternDatabase> db(new PatternDatabase());
  const std::string path =
      cache_dir.empty() ? "" : cache_dir + "/patterns-" + CacheKey(sources) + ".hsdb";
  const bool cached = !path.empty() && db->LoadCached(path);
  if (!cached) {
    if (auto st = db->CompileFresh(sources); !st) return tl::unexpected(st.error());
    if (!path.empty()) db->StoreCached(path);
  }
  if (hs_alloc_scratch(db->db_, &db->prototype_) != HS_SUCCESS) {
    return MakeError(ErrorCode::kResourceExhausted, "cannot allocate Vectorscan scratch");
  }
  return db;
}

Status PatternDatabase::CompileFresh(const std::vector<PatternSource>& sources) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t i = 0; i < sources.size(); ++i) {
    expressions.push_back(sources[i].regex.c_str());
    unsigned f = HS_FLAG_ALLOWEMPTY;
    if (sources[i].case_insensitive) f |= HS_FLAG_CASELESS;
    if (sources[i].unicode) f |= HS_FLAG_UTF8 | HS_FLAG_UCP;
    flags.push_back(f);
    ids.push_back(static_cast<unsigned>(i));
  }

  hs_compile_error_t* error = nullptr;
  const hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                         static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK,
                                         nullptr, &db_, &error);
  if (rc == HS_SUCCESS) return {};
  std::string message = error != nullptr ? error->message : "unknown error";
  const int bad = error != nullptr ? error->expression : -1;
  hs_free_compile_error(error);
  std::string where = bad >= 0 ? sources[static_cast<size_t>(bad)].where : "pattern database";
  return MakeError(ErrorCode::kInvalidArgument, where + ": " + message);
}

bool PatternDatabase::LoadCached(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  // Deserialization checks the version and the CPU features it was built for.
  return hs_deserialize_database(data.data(), data.size(), &db_) == HS_SUCCESS;
}

void PatternDatabase::StoreCached(const std::string& path) const {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db_, &bytes, &length) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  // Written aside and renamed, so a reader never sees half a file.
  const std::string temp = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (out) out.write(bytes, static_cast<std::streamsize>(length));
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  std::free(bytes);
  if (ec || std::rename(temp.c_str(), path.c_str()) != 0) std::remove(temp.c_str());
}

PatternDatabase::~PatternDatabase() {
  for (hs_scratch_t* s : free_scratch_) hs_free_scratch(s);
  hs_free_scratch(prototype_);
  hs_free_database(db_);
}

hs_scratch_t* PatternDatabase::LeaseScratch() const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_scratch_.empty()) {
      hs_scratch_t* s = free_scratch_.back();
      free_scratch_.pop_back();
      return s;
    }
  }
  hs_scratch_t* s = nullptr;
  if (hs_clone_scratch(prototype_, &s) != HS_SUCCESS) return nullptr;
  return s;
}

void PatternDatabase::ReturnScratch(hs_scratch_t* scratch) const {
  std::lock_guard<std::mutex> lock(mu_);
  free_scratch_.push_back(scratch);
}

Status PatternDatabase::Scan(std::string_view text, const OnMatch& on_match) const {
  if (text.size() > 0xFFFFFFFFu) {
    return MakeError(ErrorCode::kResourceExhausted, "text over 4 GiB; scan it in chunks");
  }
  // Leased for this scan and returned on every path, exceptions included.
  const auto give_back = [this](hs_scratch_t* s) { ReturnScratch(s); };
  std::unique_ptr<hs_scratch_t, decltype(give_back)> scratch(LeaseScratch(), give_back);
  if (!scratch) {
    return MakeError(ErrorCode::kResourceExhausted, "cannot allocate Vectorscan scratch");
  }
  ScanContext ctx{&on_match};
  const hs_error_t rc = hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0,
                                scratch.get(), OnHsMatch, &ctx);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) {
    return MakeError(ErrorCode::kInternal, "Vectorscan scan failed, code " + std::to_string(rc));
  }
  return {};
}

size_t PatternDatabase::size_bytes() const {
  size_t size = 0;
  hs_database_size(db_, &size);
  return size;
}

}  // namespace piiscan::recognize
