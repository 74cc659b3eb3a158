// Bitcoin mainnet addresses: legacy base58check (P2PKH, P2SH) and segwit
// bech32 / bech32m.

#include <openssl/evp.h>

#include <array>
#include <string>
#include <string_view>

#include "recognize/validators/bech32.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// Version byte + 20-byte hash + 4-byte checksum.
constexpr std::size_t kBase58PayloadBytes = 25;
// A 25-byte value needs at most 35 base58 characters, plus leading '1's.
constexpr std::size_t kMaxBase58Length = 50;
constexpr uint8_t kP2pkhVersion = 0x00;
constexpr uint8_t kP2shVersion = 0x05;

using Sha256Digest = std::array<unsigned char, 32>;

bool Sha256(const void* data, std::size_t size, Sha256Digest& digest) {
  return EVP_Digest(data, size, digest.data(), nullptr, EVP_sha256(), nullptr) == 1;
}

// First four bytes of SHA-256(SHA-256(payload)) must end the decoded value.
bool Base58ChecksumOk(std::string_view decoded) {
  std::string_view payload = decoded.substr(0, decoded.size() - 4);
  Sha256Digest first;
  Sha256Digest second;
  if (!Sha256(payload.data(), payload.size(), first)) return false;
  if (!Sha256(first.data(), first.size(), second)) return false;
  return std::string_view(reinterpret_cast<const char*>(second.data()), 4) ==
         decoded.substr(decoded.size() - 4);
}

Verdict Base58Address(std::string_view candidate) {
  if (candidate.size() > kMaxBase58Length) return Verdict::kInvalid;
  std::optional<std::string> decoded = DecodeBase58(candidate, kBase58PayloadBytes);
  if (!decoded || decoded->size() != kBase58PayloadBytes) return Verdict::kInvalid;

  auto version = static_cast<uint8_t>((*decoded)[0]);
  if (version != kP2pkhVersion && version != kP2shVersion) return Verdict::kInvalid;
  return Base58ChecksumOk(*decoded) ? Verdict::kValid : Verdict::kInvalid;
}

// BIP 141 / BIP 350 rules for a decoded segwit address.
bool WitnessOk(const Bech32String& address) {
  if (address.hrp != "bc" || address.data.empty()) return false;
  uint8_t version = address.data[0];
  if (version > 16) return false;

  // Version 0 keeps the BIP 173 checksum. Later versions take BIP 350's,
  // or BIP 173's as written before BIP 350: a scanner looks at old data too,
  // and python-stdnum's published vectors count those as valid.
  if (version == 0 && address.encoding != Bech32Encoding::kBech32) return false;

  std::vector<uint8_t> program_bits(address.data.begin() + 1, address.data.end());
  std::optional<std::vector<uint8_t>> program = FiveBitToBytes(program_bits);
  if (!program || program->size() < 2 || program->size() > 40) return false;
  return version != 0 || program->size() == 20 || program->size() == 32;
}

Verdict SegwitAddress(std::string_view candidate) {
  std::optional<Bech32String> address = DecodeBech32(candidate);
  return address && WitnessOk(*address) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace

Verdict Bitcoin(std::string_view candidate) {
  if (candidate.size() > 3 && EqualsIgnoreCase(candidate.substr(0, 3), "bc1")) {
    return SegwitAddress(candidate);
  }
  return Base58Address(candidate);
}

}  // namespace piiscan::validators
