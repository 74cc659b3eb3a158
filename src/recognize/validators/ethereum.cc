// Ethereum addresses with the EIP-55 mixed-case checksum.

#include <algorithm>
#include <string>
#include <string_view>

#include "recognize/validators/keccak.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

constexpr std::size_t kHexLength = 40;

// EIP-55: a letter is upper case exactly when the matching nibble of
// Keccak-256(lower-case hex) is 8 or more.
bool ChecksumOk(std::string_view hex) {
  std::string lower(hex);
  std::transform(lower.begin(), lower.end(), lower.begin(), ToLower);
  Keccak256Digest hash = Keccak256(lower);

  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (!IsAlpha(hex[i])) continue;
    int nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
    if (IsUpper(hex[i]) != (nibble >= 8)) return false;
  }
  return true;
}

}  // namespace

Verdict Ethereum(std::string_view candidate) {
  if (candidate.size() != 2 + kHexLength || candidate.substr(0, 2) != "0x") {
    return Verdict::kInvalid;
  }
  std::string_view hex = candidate.substr(2);
  if (!std::all_of(hex.begin(), hex.end(), IsHexDigit)) return Verdict::kInvalid;

  // Single-case addresses carry no checksum (they predate EIP-55).
  bool has_upper = std::any_of(hex.begin(), hex.end(), IsUpper);
  bool has_lower = std::any_of(hex.begin(), hex.end(), IsLower);
  if (!has_upper || !has_lower) return Verdict::kValid;
  return ChecksumOk(hex) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
