#include "recognize/validators/keccak.h"

#include <gtest/gtest.h>

#include <string>

namespace piiscan::validators {
namespace {

std::string Hex(const Keccak256Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t byte : digest) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0f]);
  }
  return hex;
}

TEST(Keccak256, KnownDigests) {
  EXPECT_EQ(Hex(Keccak256("")), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(Hex(Keccak256("abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(Keccak256, IsNotSha3) {
  // SHA3-256("") is a7ffc6f8bf1ed766...; Keccak's padding differs.
  EXPECT_NE(Hex(Keccak256("")).substr(0, 16), "a7ffc6f8bf1ed766");
}

TEST(Keccak256, BlockBoundaries) {
  // Inputs around the 136-byte rate. The permutation and block handling
  // were checked against OpenSSL's SHA3-256 (same sponge, padding 0x06) for
  // every length from 0 to 699 bytes.
  EXPECT_EQ(Hex(Keccak256(std::string(135, 'a'))),
            "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446");
  EXPECT_EQ(Hex(Keccak256(std::string(136, 'a'))),
            "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e");
  EXPECT_EQ(Hex(Keccak256(std::string(137, 'a'))),
            "d869f639c7046b4929fc92a4d988a8b22c55fbadb802c0c66ebcd484f1915f39");
  EXPECT_EQ(Hex(Keccak256(std::string(300, 'a'))),
            "5b7e0e47a96f32a88b4f14ca177982790807c40e1a105742ba0fc1babe1ef826");
}

}  // namespace
}  // namespace piiscan::validators
