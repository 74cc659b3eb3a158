// GitHub tokens: "gh?_" + 30 base62 characters + a 6-character base62
// CRC32 of those 30 characters.
//
// The checksum covers the random part only, not the prefix, and is written
// most significant digit first with the alphabet 0-9A-Za-z, left-padded
// with '0'. This was confirmed against a token in independent test fixtures
// (see github_token_test.cc): a chance match is about 1 in 5.7e10.

#include <zlib.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "recognize/validators/secret_checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// ghp_ personal access, gho_ OAuth, ghu_ user-to-server, ghs_
// server-to-server, ghr_ refresh.
constexpr std::array<std::string_view, 5> kPrefixes = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"};
constexpr std::size_t kPrefixLength = 4;
constexpr std::size_t kRandomLength = 30;
constexpr std::size_t kChecksumLength = 6;
constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string Base62(uint32_t value, std::size_t width) {
  std::string digits(width, '0');
  for (auto it = digits.rbegin(); it != digits.rend() && value > 0; ++it) {
    *it = kBase62[value % 62];
    value /= 62;
  }
  return digits;
}

uint32_t Crc32(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  return static_cast<uint32_t>(crc);
}

}  // namespace

Verdict GithubToken(std::string_view candidate) {
  if (candidate.size() != kPrefixLength + kRandomLength + kChecksumLength) {
    return Verdict::kInvalid;
  }
  std::string_view prefix = candidate.substr(0, kPrefixLength);
  if (std::find(kPrefixes.begin(), kPrefixes.end(), prefix) == kPrefixes.end()) {
    return Verdict::kInvalid;
  }
  std::string_view body = candidate.substr(kPrefixLength);
  if (!std::all_of(body.begin(), body.end(), IsAlnum)) return Verdict::kInvalid;

  std::string_view random = body.substr(0, kRandomLength);
  std::string_view checksum = body.substr(kRandomLength);
  // Zero-filled and EXAMPLE tokens in documentation pass the checksum.
  if (IsPlaceholder(random)) return Verdict::kInvalid;
  return Base62(Crc32(random), kChecksumLength) == checksum ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
