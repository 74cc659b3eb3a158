#include "recognize/validators/bech32.h"

#include <algorithm>

#include "recognize/validators/util.h"

namespace piiscan::validators {
namespace {

constexpr std::size_t kMaxLength = 90;
constexpr std::size_t kChecksumLength = 6;
constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr uint32_t kBech32Constant = 1;
constexpr uint32_t kBech32mConstant = 0x2bc830a3;

uint32_t PolyMod(const std::vector<uint8_t>& values) {
  constexpr uint32_t kGenerator[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t checksum = 1;
  for (uint8_t value : values) {
    uint32_t top = checksum >> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) checksum ^= kGenerator[i];
    }
  }
  return checksum;
}

// The hrp's high bits, a zero, then its low bits, as BIP 173 checksums them.
std::vector<uint8_t> ExpandHrp(std::string_view hrp) {
  std::vector<uint8_t> expanded;
  for (char c : hrp) expanded.push_back(static_cast<uint8_t>(c) >> 5);
  expanded.push_back(0);
  for (char c : hrp) expanded.push_back(static_cast<uint8_t>(c) & 31);
  return expanded;
}

bool SingleCase(std::string_view text) {
  bool upper = std::any_of(text.begin(), text.end(), IsUpper);
  bool lower = std::any_of(text.begin(), text.end(), IsLower);
  return !(upper && lower);
}

}  // namespace

std::optional<Bech32String> DecodeBech32(std::string_view text) {
  if (text.size() > kMaxLength || !SingleCase(text)) return std::nullopt;
  std::size_t separator = text.rfind('1');
  if (separator == std::string_view::npos || separator == 0) return std::nullopt;
  if (text.size() - separator - 1 < kChecksumLength) return std::nullopt;

  Bech32String result;
  for (char c : text.substr(0, separator)) {
    if (c < 33 || c > 126) return std::nullopt;
    result.hrp.push_back(ToLower(c));
  }
  for (char c : text.substr(separator + 1)) {
    std::size_t value = kCharset.find(ToLower(c));
    if (value == std::string_view::npos) return std::nullopt;
    result.data.push_back(static_cast<uint8_t>(value));
  }

  std::vector<uint8_t> checked = ExpandHrp(result.hrp);
  checked.insert(checked.end(), result.data.begin(), result.data.end());
  uint32_t residue = PolyMod(checked);
  if (residue != kBech32Constant && residue != kBech32mConstant) return std::nullopt;

  result.encoding = residue == kBech32Constant ? Bech32Encoding::kBech32 : Bech32Encoding::kBech32m;
  result.data.resize(result.data.size() - kChecksumLength);
  return result;
}

std::optional<std::vector<uint8_t>> FiveBitToBytes(const std::vector<uint8_t>& values) {
  std::vector<uint8_t> bytes;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t value : values) {
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<uint8_t>(buffer >> bits));
    }
  }
  if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return bytes;
}

}  // namespace piiscan::validators
