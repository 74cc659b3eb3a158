#include "recognize/validators/keccak.h"

#include <cstddef>

namespace piiscan::validators {
namespace {

using State = std::array<uint64_t, 25>;

// Keccak-256: 1600-bit state, 512-bit capacity, so 136 bytes per block.
constexpr std::size_t kRate = 136;

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

// Rotation offsets of the rho step, indexed by lane x + 5 * y.
constexpr int kRotations[25] = {
    0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
};

constexpr uint64_t Rotl(uint64_t v, int n) { return n == 0 ? v : (v << n) | (v >> (64 - n)); }

void Theta(State& a) {
  uint64_t c[5];
  for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
  for (int x = 0; x < 5; ++x) {
    uint64_t d = c[(x + 4) % 5] ^ Rotl(c[(x + 1) % 5], 1);
    for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
  }
}

// Rho rotates every lane; pi moves lane (x, y) to (y, 2x + 3y).
State RhoPi(const State& a) {
  State b{};
  for (int x = 0; x < 5; ++x) {
    for (int y = 0; y < 5; ++y) {
      b[y + 5 * ((2 * x + 3 * y) % 5)] = Rotl(a[x + 5 * y], kRotations[x + 5 * y]);
    }
  }
  return b;
}

void Chi(const State& b, State& a) {
  for (int y = 0; y < 25; y += 5) {
    for (int x = 0; x < 5; ++x) {
      a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
    }
  }
}

void KeccakF1600(State& a) {
  for (uint64_t round_constant : kRoundConstants) {
    Theta(a);
    Chi(RhoPi(a), a);
    a[0] ^= round_constant;
  }
}

// XORs one block into the state; lanes are little-endian.
void Absorb(State& state, const uint8_t* block) {
  for (std::size_t i = 0; i < kRate; ++i) {
    state[i / 8] ^= static_cast<uint64_t>(block[i]) << (8 * (i % 8));
  }
  KeccakF1600(state);
}

}  // namespace

Keccak256Digest Keccak256(std::string_view data) {
  State state{};
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  std::size_t full = data.size() / kRate * kRate;
  for (std::size_t i = 0; i < full; i += kRate) Absorb(state, bytes + i);

  // Last block: the remaining bytes, then Keccak's 0x01 ... 0x80 padding.
  uint8_t block[kRate] = {};
  std::size_t tail = data.size() - full;
  for (std::size_t i = 0; i < tail; ++i) block[i] = bytes[full + i];
  block[tail] ^= 0x01;
  block[kRate - 1] ^= 0x80;
  Absorb(state, block);

  Keccak256Digest digest;
  for (std::size_t i = 0; i < digest.size(); ++i) {
    digest[i] = static_cast<uint8_t>(state[i / 8] >> (8 * (i % 8)));
  }
  return digest;
}

}  // namespace piiscan::validators
