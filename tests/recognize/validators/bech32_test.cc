#include "recognize/validators/bech32.h"

#include <gtest/gtest.h>

#include <string>

namespace piiscan::validators {
namespace {

TEST(DecodeBech32, ReportsWhichChecksumMatched) {
  // Empty-data strings from BIP 173 and BIP 350.
  std::optional<Bech32String> bech32 = DecodeBech32("A12UEL5L");
  ASSERT_TRUE(bech32.has_value());
  EXPECT_EQ(bech32->hrp, "a");
  EXPECT_TRUE(bech32->data.empty());
  EXPECT_EQ(bech32->encoding, Bech32Encoding::kBech32);

  std::optional<Bech32String> bech32m = DecodeBech32("a1lqfn3a");
  ASSERT_TRUE(bech32m.has_value());
  EXPECT_EQ(bech32m->encoding, Bech32Encoding::kBech32m);
}

TEST(DecodeBech32, KeepsTheLastSeparator) {
  std::optional<Bech32String> s = DecodeBech32("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->hrp, "abcdef");
  ASSERT_EQ(s->data.size(), 32u);
  for (uint8_t i = 0; i < 32; ++i) EXPECT_EQ(s->data[i], i);
}

TEST(DecodeBech32, RejectsMalformedStrings) {
  EXPECT_FALSE(DecodeBech32("pzry9x0s0muk"));                   // no separator
  EXPECT_FALSE(DecodeBech32("1pzry9x0s0muk"));                  // empty hrp
  EXPECT_FALSE(DecodeBech32("x1b4n0q5v"));                      // 'b' is not in the charset
  EXPECT_FALSE(DecodeBech32("li1dgmt3"));                       // checksum too short
  EXPECT_FALSE(DecodeBech32("A1G7SGD8"));                       // checksum computed on upper case
  EXPECT_FALSE(DecodeBech32("a12UEL5L"));                       // mixed case
  EXPECT_FALSE(DecodeBech32(std::string("\x20") + "1nwldj5"));  // hrp character out of range
  EXPECT_FALSE(
      DecodeBech32("an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcl"
                   "udedcharactersbio1569pvx"));  // over 90 characters
}

TEST(FiveBitToBytes, RegroupsAndChecksPadding) {
  // 11111 11100: the byte 0xff, then two zero bits of padding.
  std::optional<std::vector<uint8_t>> bytes = FiveBitToBytes({31, 28});
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*bytes, std::vector<uint8_t>{0xff});
  EXPECT_FALSE(FiveBitToBytes({31, 28, 0}));  // seven bits left over
  EXPECT_FALSE(FiveBitToBytes({31, 29}));     // non-zero padding
  EXPECT_EQ(FiveBitToBytes({}), std::vector<uint8_t>{});
}

}  // namespace
}  // namespace piiscan::validators
