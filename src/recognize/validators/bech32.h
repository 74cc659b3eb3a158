#pragma once

// Bech32 and Bech32m strings (BIP 173, BIP 350): a human-readable part, the
// separator '1', then 5-bit data characters ending in a 6-character
// checksum.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace piiscan::validators {

enum class Bech32Encoding {
  kBech32,   // BIP 173 checksum constant 1
  kBech32m,  // BIP 350 checksum constant 0x2bc830a3
};

struct Bech32String {
  std::string hrp;            // human-readable part, lower case
  std::vector<uint8_t> data;  // 5-bit values, checksum removed
  Bech32Encoding encoding;
};

// Decodes `text` of at most 90 characters, all upper or all lower case.
// Returns nullopt on mixed case, a character outside the charset, a
// missing separator or hrp, fewer than six checksum characters, or a
// checksum that matches neither constant.
std::optional<Bech32String> DecodeBech32(std::string_view text);

// Regroups 5-bit values into bytes (BIP 173 "convertbits" without padding).
// Returns nullopt when more than 4 bits are left over or they are not zero.
std::optional<std::vector<uint8_t>> FiveBitToBytes(const std::vector<uint8_t>& values);

}  // namespace piiscan::validators
