#pragma once

// Keccak-256 as used by Ethereum: the original Keccak submission with
// padding byte 0x01. It differs from FIPS 202 SHA3-256 (padding 0x06), so
// OpenSSL's SHA3 cannot stand in for it.

#include <array>
#include <cstdint>
#include <string_view>

namespace piiscan::validators {

using Keccak256Digest = std::array<uint8_t, 32>;

// Hashes `data`. Pure; O(n).
Keccak256Digest Keccak256(std::string_view data);

}  // namespace piiscan::validators
