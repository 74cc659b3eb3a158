// Decoding bytes of unknown quality to UTF-8 with exact offsets back to the
// source (include/piiscan/text.h), and the code point offsets of findings
// in text with multi-byte characters.

#include "piiscan/text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze/analyzer_fixture.h"

namespace piiscan {
namespace {

using testutil::Analyze;
using testutil::Describe;

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

// --- Lenient UTF-8 -------------------------------------------------------

struct Lenient {
  std::string_view name;
  std::string_view bytes;
  std::string_view utf8;  // expected decoded text
  size_t replaced;
  // (decoded offset, source offset) at every code point boundary.
  std::vector<std::pair<size_t, size_t>> map;
};

void PrintTo(const Lenient& c, std::ostream* os) { *os << c.name; }

class LenientUtf8 : public ::testing::TestWithParam<Lenient> {};

TEST_P(LenientUtf8, ReplacesEachBadByteAndMapsBackExactly) {
  const Lenient& c = GetParam();
  auto decoded = Decode(c.bytes, "UTF-8");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, c.utf8);
  EXPECT_EQ(decoded->replaced, c.replaced);
  EXPECT_EQ(decoded->encoding, "UTF-8");
  EXPECT_EQ(decoded->offsets.identity(), c.replaced == 0);
  for (const auto& [d, s] : c.map) {
    EXPECT_EQ(decoded->offsets.ToSource(d), s) << "decoded offset " << d;
  }
}

const Lenient kLenient[] = {
    {"plain ASCII", "abc", "abc", 0, {{0, 0}, {3, 3}}},
    {"valid multi-byte",
     "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80",
     "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80",
     0,
     {{0, 0}, {2, 2}, {5, 5}, {9, 9}}},
    {"stray byte in the middle",
     "ab\xFFxy",
     "ab\xEF\xBF\xBDxy",
     1,
     {{0, 0}, {2, 2}, {5, 3}, {6, 4}, {7, 5}}},
    {"stray byte first", "\x80x", "\xEF\xBF\xBDx", 1, {{0, 0}, {3, 1}, {4, 2}}},
    {"stray byte last", "x\xFE", "x\xEF\xBF\xBD", 1, {{0, 0}, {1, 1}, {4, 2}}},
    {"truncated 3-byte sequence at the end",
     "a\xE2\x82",
     "a\xEF\xBF\xBD\xEF\xBF\xBD",
     2,
     {{1, 1}, {4, 2}, {7, 3}}},
    {"truncated sequence before ASCII",
     "\xE2\x82z",
     "\xEF\xBF\xBD\xEF\xBF\xBDz",
     2,
     {{0, 0}, {3, 1}, {6, 2}, {7, 3}}},
    {"overlong encoding of '/'",
     "\xC0\xAF!",
     "\xEF\xBF\xBD\xEF\xBF\xBD!",
     2,
     {{3, 1}, {6, 2}, {7, 3}}},
    {"UTF-16 surrogate",
     "\xED\xA0\x80.",
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.",
     3,
     {{3, 1}, {6, 2}, {9, 3}, {10, 4}}},
    {"above U+10FFFF",
     "\xF4\x90\x80\x80",
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
     4,
     {{3, 1}, {12, 4}}},
    {"bad bytes between valid characters",
     "\xC3\xA9\xFF\xE4\xB8\xAD\xFF\xFF!",
     "\xC3\xA9\xEF\xBF\xBD\xE4\xB8\xAD\xEF\xBF\xBD\xEF\xBF\xBD!",
     3,
     {{2, 2}, {5, 3}, {8, 6}, {11, 7}, {14, 8}, {15, 9}}},
    {"a real U+FFFD is kept as it is", "\xEF\xBF\xBDx", "\xEF\xBF\xBDx", 0, {{3, 3}, {4, 4}}},
};
INSTANTIATE_TEST_SUITE_P(Cases, LenientUtf8, ::testing::ValuesIn(kLenient));

size_t SequenceLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Random bytes biased towards UTF-8 lead and continuation bytes: walking the
// decoded text one code point at a time, each one either copies the source
// bytes the map points at or stands for exactly one bad source byte.
TEST(LenientUtf8, RandomBytesMapBackByteForByte) {
  std::mt19937 rng(7);
  const std::string_view alphabet = "ab \n\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\x80\xBF\xFF\xC0\xED";
  for (int round = 0; round < 200; ++round) {
    std::string bytes;
    const size_t n = rng() % 300;
    for (size_t i = 0; i < n; ++i) bytes += alphabet[rng() % alphabet.size()];
    auto decoded = Decode(bytes, "UTF-8");
    ASSERT_TRUE(decoded.has_value());

    const std::string& text = decoded->utf8;
    auto again = Decode(text, "UTF-8");
    ASSERT_EQ(again->replaced, 0u) << "decoded text is not valid UTF-8, round " << round;

    size_t replacements = 0;
    size_t d = 0;
    while (d < text.size()) {
      const size_t s = decoded->offsets.ToSource(d);
      const size_t len = SequenceLength(static_cast<unsigned char>(text[d]));
      const std::string_view cp(text.data() + d, len);
      ASSERT_LE(s, bytes.size()) << "round " << round << ", offset " << d;
      if (cp == kFffd && std::string_view(bytes).substr(s, 3) != kFffd) {
        ++replacements;
        ASSERT_EQ(decoded->offsets.ToSource(d + len), s + 1) << "round " << round;
      } else {
        ASSERT_EQ(std::string_view(bytes).substr(s, len), cp) << "round " << round;
      }
      d += len;
    }
    EXPECT_EQ(decoded->offsets.ToSource(text.size()), bytes.size()) << "round " << round;
    EXPECT_EQ(decoded->replaced, replacements) << "round " << round;
  }
}

// --- Other encodings -------------------------------------------------------

TEST(Decode, Latin1MapsEachCharacterBackToItsByte) {
  auto decoded = Decode(
      "caf\xE9 \xA3"
      "5",
      "ISO-8859-1");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8,
            "caf\xC3\xA9 \xC2\xA3"
            "5");  // "café £5"
  EXPECT_EQ(decoded->encoding, "ISO-8859-1");
  EXPECT_EQ(decoded->replaced, 0u);
  const std::vector<std::pair<size_t, size_t>> map = {{0, 0}, {3, 3}, {5, 4},
                                                      {6, 5}, {8, 6}, {9, 7}};
  for (const auto& [d, s] : map) EXPECT_EQ(decoded->offsets.ToSource(d), s) << d;
}

TEST(Decode, OtherIcuEncodings) {
  auto cp1252 = Decode("\x80 5", "windows-1252");
  ASSERT_TRUE(cp1252.has_value());
  EXPECT_EQ(cp1252->utf8, "\xE2\x82\xAC 5");  // "€ 5"
  EXPECT_EQ(cp1252->offsets.ToSource(3), 1u);

  auto utf16 = Decode(std::string_view("h\0\xE9\0!\0", 6), "UTF-16LE");
  ASSERT_TRUE(utf16.has_value());
  EXPECT_EQ(utf16->utf8, "h\xC3\xA9!");
  EXPECT_EQ(utf16->offsets.ToSource(1), 2u);
  EXPECT_EQ(utf16->offsets.ToSource(3), 4u);
  EXPECT_EQ(utf16->offsets.ToSource(4), 6u);
}

TEST(Decode, UnknownEncodingIsUnsupported) {
  auto decoded = Decode("x", "NO-SUCH-CHARSET-1");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kUnsupported);
}

TEST(Decode, EmptyInput) {
  for (const char* encoding : {"UTF-8", "ISO-8859-1"}) {
    auto decoded = Decode("", encoding);
    ASSERT_TRUE(decoded.has_value()) << encoding;
    EXPECT_EQ(decoded->utf8, "");
    EXPECT_EQ(decoded->replaced, 0u);
    EXPECT_EQ(decoded->offsets.ToSource(0), 0u);
  }
}

// --- OffsetMap ---------------------------------------------------------------

TEST(OffsetMap, AnchorsAndAppend) {
  OffsetMap map;
  EXPECT_TRUE(map.identity());
  EXPECT_EQ(map.ToSource(42), 42u);

  map.AddAnchor(5, 3);   // two bytes gained at 3
  map.AddAnchor(10, 6);  // two more at 6
  EXPECT_FALSE(map.identity());
  EXPECT_EQ(map.ToSource(2), 2u);
  EXPECT_EQ(map.ToSource(5), 3u);
  EXPECT_EQ(map.ToSource(7), 5u);
  EXPECT_EQ(map.ToSource(12), 8u);

  OffsetMap stream;
  stream.Append(OffsetMap(), 0, 0);
  stream.Append(map, 100, 90);  // a second block: decoded from 100, source from 90
  EXPECT_EQ(stream.ToSource(50), 50u);
  EXPECT_EQ(stream.ToSource(102), 92u);
  EXPECT_EQ(stream.ToSource(105), 93u);
  EXPECT_EQ(stream.ToSource(112), 98u);
}

// --- Detection and binary sniffing -------------------------------------------

struct Detected {
  std::string_view sample;
  bool utf8;  // expected to be detected as UTF-8
};

void PrintTo(const Detected& c, std::ostream* os) { *os << ::testing::PrintToString(c.sample); }

class DetectEncodingTest : public ::testing::TestWithParam<Detected> {};

TEST_P(DetectEncodingTest, Utf8OrNot) {
  const std::string encoding = DetectEncoding(GetParam().sample);
  EXPECT_EQ(encoding == "UTF-8", GetParam().utf8) << encoding;
}

const Detected kDetected[] = {
    {"", true},
    {"plain ascii, john@example.com", true},
    {"caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80", true},
    {"cut inside a character: caf\xC3", true},
    {"cut inside a character: \xF0\x9F\x98", true},
    {"Le caf\xE9 de la gare est ferm\xE9 le lundi, tr\xE8s s\xFBr.", false},
    {"Customer: Jose Garcia, city: Bogot\xE1 (CO)", false},
    // One Latin-1 letter near the end is not a character cut short: '.'
    // cannot continue a UTF-8 sequence.
    {"Customer: Jose Garcia, city: Bogot\xE1.", false},
    {"Stra\xDF"
     "e",
     false},
};
INSTANTIATE_TEST_SUITE_P(Samples, DetectEncodingTest, ::testing::ValuesIn(kDetected));

TEST(DetectEncoding, Latin1GuessDecodesTheAccents) {
  const std::string sample = "Le caf\xE9 de la gare est ferm\xE9 le lundi, tr\xE8s s\xFBr.";
  auto decoded = Decode(sample, DetectEncoding(sample));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->replaced, 0u);
  EXPECT_NE(decoded->utf8.find("caf\xC3\xA9"), std::string::npos) << decoded->utf8;
}

TEST(SniffEncoding, Utf32ByteOrderMarksBeforeUtf16Ones) {
  // FF FE 00 00 starts with UTF-16LE's mark: UTF-32 must be asked first.
  EXPECT_EQ(SniffEncoding(std::string("\xFF\xFE\0\0a\0\0\0", 8)), "UTF-32LE");
  EXPECT_EQ(SniffEncoding(std::string("\0\0\xFE\xFF\0\0\0a", 8)), "UTF-32BE");
  EXPECT_EQ(SniffEncoding(std::string("\xFF\xFE" "a\0b\0", 6)), "UTF-16LE");
  auto decoded = Decode(std::string("a\0\0\0\xE9\0\0\0", 8), "UTF-32LE");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->utf8, "a\xC3\xA9");
}

TEST(DetectEncoding, KoreanUhcIsAnIcuName) {
  // EUC-KR / CP949 Hangul: uchardet names it "UHC", which ICU cannot open.
  std::string sample;
  const std::string words = "\xC7\xD1\xB1\xB9\xBE\xEE \xB4\xEB\xC7\xD1\xB9\xCE\xB1\xB9 ";
  for (int i = 0; i < 20; ++i) sample += words;
  const std::string encoding = DetectEncoding(sample);
  auto decoded = Decode(sample, encoding);
  ASSERT_TRUE(decoded.has_value()) << encoding;
  EXPECT_EQ(decoded->replaced, 0u) << encoding;
  // "한국어" (Korean) in UTF-8.
  EXPECT_NE(decoded->utf8.find("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4"), std::string::npos)
      << encoding;
}

struct Sniffed {
  std::string_view name;
  std::string sample;
  bool binary;
};

void PrintTo(const Sniffed& c, std::ostream* os) { *os << c.name; }

class LooksBinaryTest : public ::testing::TestWithParam<Sniffed> {};

TEST_P(LooksBinaryTest, Verdict) { EXPECT_EQ(LooksBinary(GetParam().sample), GetParam().binary); }

std::string WithControls(size_t controls, size_t size) {
  std::string s(size, 'a');
  for (size_t i = 0; i < controls; ++i) s[i * (size / controls)] = '\x01';
  return s;
}

const Sniffed kSniffed[] = {
    {"empty", "", false},
    {"text with whitespace controls", "a\tb\r\nc\fd\x1B[0m e\n", false},
    {"one NUL", std::string("text\0text", 9), true},
    {"UTF-16 text has NULs", std::string("h\0i\0", 4), true},
    {"5% control bytes", WithControls(5, 100), false},
    {"6% control bytes", WithControls(6, 100), true},
    {"UTF-8 and Latin-1 letters", "caf\xC3\xA9 caf\xE9 \xFF\xFE", false},
};
INSTANTIATE_TEST_SUITE_P(Samples, LooksBinaryTest, ::testing::ValuesIn(kSniffed));

// --- Code points -------------------------------------------------------------

TEST(CountCodePoints, OneForEachCharacterWhateverItsWidth) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("\xC3\xA9"), 1u);          // é
  EXPECT_EQ(CountCodePoints("\xE4\xB8\xAD"), 1u);      // 中
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x98\x80"), 1u);  // 😀
  EXPECT_EQ(CountCodePoints("a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80z"), 5u);
}

TEST(ToCodePoints, ConvertsSortedOffsetsInOnePass) {
  const std::string text =
      "a\xF0\x9F\x98\x80\xC3\xA9\xE4\xB8\xAD"
      "b";  // a😀é中b
  EXPECT_EQ(ToCodePoints(text, {0, 1, 5, 7, 10, 11}), (std::vector<size_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(ToCodePoints(text, {1, 1, 5, 5}), (std::vector<size_t>{1, 1, 2, 2}));
  EXPECT_EQ(ToCodePoints(text, {}), std::vector<size_t>{});
  EXPECT_EQ(ToCodePoints(text, {11, 99}), (std::vector<size_t>{5, 5}));  // past the end: clamped
}

// --- Findings in multi-byte text -----------------------------------------------

// Two findings after multi-byte text, with more of it between them: the
// code point and byte offsets of both are exact.
TEST(MultiByteOffsets, CodePointsAndBytes) {
  const std::string_view kSurroundings[] = {
      "Hello",
      "\xF0\x9F\x98\x80\xF0\x9F\x8E\x89\xF0\x9F\x91\x8D",  // emoji, 4 bytes
      "\xC3\x9C"
      "b\xC3\xA9r \xC3\xA7"
      "a \xC3\xB1",                                                             // accents, 2 bytes
      "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C",                       // CJK, 3 bytes
      "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80z",                                 // every width
      "\xE2\x9D\xA4\xEF\xB8\x8F \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB",  // ZWJ
  };
  const std::string email = "john.doe@example.com";
  const std::string ssn = "536-81-2049";
  for (std::string_view around : kSurroundings) {
    const std::string before(around);
    std::string middle = " ";
    middle += before;
    middle += " SSN ";
    std::string text = before;
    text += " ";
    text += email;
    text += middle;
    text += ssn;
    text += " ";
    text += before;
    SCOPED_TRACE(text);

    const size_t email_byte = before.size() + 1;
    const size_t ssn_byte = email_byte + email.size() + middle.size();
    const size_t email_cp = CountCodePoints(before) + 1;
    const size_t ssn_cp = email_cp + email.size() + CountCodePoints(middle);

    const std::vector<Finding> found = Analyze(text);
    ASSERT_EQ(Describe(found), (std::vector<std::string>{
                                   Describe("EMAIL_ADDRESS", email_cp, email_cp + email.size()),
                                   Describe("US_SSN", ssn_cp, ssn_cp + ssn.size())}));
    EXPECT_EQ(found[0].byte_start, email_byte);
    EXPECT_EQ(found[0].byte_end, email_byte + email.size());
    EXPECT_EQ(found[1].byte_start, ssn_byte);
    EXPECT_EQ(found[1].byte_end, ssn_byte + ssn.size());
    EXPECT_EQ(text.substr(found[1].byte_start, ssn.size()), ssn);
  }
}

}  // namespace
}  // namespace piiscan
