#include "recognize/validators/util.h"

#include <gtest/gtest.h>

#include <string>

namespace piiscan::validators {
namespace {

TEST(JoinDigitGroups, AcceptsOneConsistentSeparator) {
  EXPECT_EQ(JoinDigitGroups("123", " -"), "123");
  EXPECT_EQ(JoinDigitGroups("12 34 5", " -"), "12345");
  EXPECT_EQ(JoinDigitGroups("12-34-5", " -"), "12345");
}

TEST(JoinDigitGroups, RejectsEverythingElse) {
  EXPECT_FALSE(JoinDigitGroups("", " -"));
  EXPECT_FALSE(JoinDigitGroups("12 34-5", " -"));
  EXPECT_FALSE(JoinDigitGroups("12  34", " -"));
  EXPECT_FALSE(JoinDigitGroups(" 1234", " -"));
  EXPECT_FALSE(JoinDigitGroups("1234-", " -"));
  EXPECT_FALSE(JoinDigitGroups("12.34", " -"));
  EXPECT_FALSE(JoinDigitGroups("12a4", " -"));
}

TEST(AllSame, Cases) {
  EXPECT_TRUE(AllSame("7777"));
  EXPECT_TRUE(AllSame("a"));
  EXPECT_FALSE(AllSame("7776"));
  EXPECT_FALSE(AllSame(""));
}

TEST(DecodeBase58, LeadingOnesAreZeroBytes) {
  EXPECT_EQ(DecodeBase58("", 10), "");
  EXPECT_EQ(DecodeBase58("111", 10), std::string(3, '\0'));
  EXPECT_EQ(DecodeBase58("2", 10), std::string(1, '\1'));
  EXPECT_EQ(DecodeBase58("21", 10), std::string(1, '\x3a'));         // 58
  EXPECT_EQ(DecodeBase58("15R", 10), std::string("\0\x01\x00", 3));  // 0, then 4*58+24 = 256
}

TEST(DecodeBase58, RejectsBadInput) {
  EXPECT_FALSE(DecodeBase58("0", 10));  // not in the alphabet
  EXPECT_FALSE(DecodeBase58("OIl", 10));
  EXPECT_FALSE(DecodeBase58("5R", 1));  // 256 needs two bytes
  EXPECT_FALSE(DecodeBase58("11", 1));
}

TEST(DecodeBase64Url, DecodesWithoutPadding) {
  EXPECT_EQ(DecodeBase64Url(""), "");
  EXPECT_EQ(DecodeBase64Url("YQ"), "a");
  EXPECT_EQ(DecodeBase64Url("YWI"), "ab");
  EXPECT_EQ(DecodeBase64Url("YWJj"), "abc");
  EXPECT_EQ(DecodeBase64Url("-_8"), std::string("\xfb\xff", 2));
}

TEST(DecodeBase64Url, RejectsBadInput) {
  EXPECT_FALSE(DecodeBase64Url("YQ=="));
  EXPECT_FALSE(DecodeBase64Url("Y"));
  EXPECT_FALSE(DecodeBase64Url("YW+j"));
  EXPECT_FALSE(DecodeBase64Url("YW/j"));
}

TEST(Ascii, IgnoresLocale) {
  EXPECT_TRUE(EqualsIgnoreCase("MaRcH", "march"));
  EXPECT_FALSE(EqualsIgnoreCase("march", "marc"));
  EXPECT_FALSE(IsAlpha('\xe9'));
  EXPECT_EQ(HexValue('F'), 15);
  EXPECT_EQ(HexValue('a'), 10);
}

}  // namespace
}  // namespace piiscan::validators
