// ScanStream (include/piiscan/scanner.h): chunked analysis of streams of
// any size must find each value exactly once, at its true offset, line and
// column, with byte offsets into the original bytes whatever the encoding.

#include "piiscan/scanner.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer_fixture.h"
#include "piiscan/text.h"

namespace piiscan {
namespace {

using testutil::DefaultAnalyzer;

constexpr size_t kChunk = 4096;

// Where a value is expected in a stream.
struct Expected {
  std::string entity;
  std::string value;  // decoded
  size_t source = 0;  // byte offset in the original bytes
  size_t start = 0;   // code points from the stream start
  size_t line = 1;
  size_t column = 1;
};

// Builds a stream and records where each value went.
class StreamBuilder {
 public:
  // Appends valid UTF-8 text holding no value.
  void Filler(std::string_view text) { Add(text, CountCodePoints(text)); }
  // Appends raw bytes that decode to `cps` code points and hold no value.
  void Bytes(std::string_view raw, size_t cps) { Add(raw, cps); }

  void Value(std::string_view entity, std::string_view value) {
    values_.push_back({std::string(entity), std::string(value), bytes_.size(), cps_, line_,
                       cps_ - line_start_cp_ + 1});
    Add(value, CountCodePoints(value));
  }

  const std::string& bytes() const { return bytes_; }
  const std::vector<Expected>& values() const { return values_; }

 private:
  // Keeps the code point and line counters of the decoded text. Lines
  // break only in valid UTF-8 text, so code points there are countable.
  void Add(std::string_view raw, size_t cps) {
    for (size_t i = raw.find('\n'); i != std::string_view::npos; i = raw.find('\n', i + 1)) {
      ++line_;
      line_start_cp_ = cps_ + CountCodePoints(raw.substr(0, i + 1));
    }
    bytes_ += raw;
    cps_ += cps;
  }

  std::string bytes_;
  size_t cps_ = 0;
  size_t line_ = 1;
  size_t line_start_cp_ = 0;
  std::vector<Expected> values_;
};

StreamReport Scan(const std::string& bytes, size_t chunk_bytes = kChunk) {
  std::istringstream in(bytes);
  ScanOptions options;
  options.chunk_bytes = chunk_bytes;
  options.keep_values = true;
  auto report = ScanStream(DefaultAnalyzer(), in, "test", options);
  if (!report) {
    ADD_FAILURE() << report.error().ToString();
    return {};
  }
  return std::move(*report);
}

std::string Where(const LocatedFinding& f) {
  return f.finding.entity_type + " '" + f.value + "' at " + std::to_string(f.finding.start) +
         ", line " + std::to_string(f.line) + ":" + std::to_string(f.column) + ", source " +
         std::to_string(f.source_start);
}

std::string Where(const Expected& e) {
  return e.entity + " '" + e.value + "' at " + std::to_string(e.start) + ", line " +
         std::to_string(e.line) + ":" + std::to_string(e.column) + ", source " +
         std::to_string(e.source);
}

// Every expected value is reported once, exactly where it is, and nothing
// else is reported.
void ExpectExactly(const StreamReport& report, const std::vector<Expected>& want) {
  std::vector<std::string> got;
  for (const LocatedFinding& f : report.findings) {
    got.push_back(Where(f));
    const Finding& g = f.finding;
    EXPECT_EQ(f.source_end - f.source_start, g.byte_end - g.byte_start) << Where(f);
    EXPECT_EQ(g.end - g.start, CountCodePoints(f.value)) << Where(f);
  }
  std::vector<std::string> expected;
  for (const Expected& e : want) expected.push_back(Where(e));
  EXPECT_EQ(got, expected);
}

// A line of words with no digits and no value in it.
std::string Words(std::mt19937& rng, size_t bytes) {
  static const char* const kWords[] = {"lorem", "ipsum", "dolor", "sit",   "amet",  "quod",
                                       "erat",  "and",   "the",   "river", "stone", "gleam"};
  std::string out;
  while (out.size() < bytes) {
    out += kWords[rng() % std::size(kWords)];
    out += ' ';
  }
  out.resize(bytes);
  if (!out.empty()) out.back() = ' ';
  return out;
}

// One line longer than many chunks, so that chunks are cut at fixed
// character positions; an email crosses every cut, each at another point.
TEST(ScanStream, EmailAcrossEveryChunkBorderIsFoundOnce) {
  const std::string email = "jane.roe-7@mail.example.org";
  std::mt19937 rng(1);
  StreamBuilder b;
  size_t pos = 0;
  for (size_t k = 1; k <= 3 * (email.size() + 1); ++k) {
    // The email starts `split` bytes before the cut at k * kChunk.
    const size_t split = k % (email.size() + 1);
    const size_t start = k * kChunk - split;
    b.Filler(Words(rng, start - pos - 1) + " ");
    b.Value("EMAIL_ADDRESS", email);
    b.Filler(" ");
    pos = start + email.size() + 1;
  }
  b.Filler(" end\n");
  ExpectExactly(Scan(b.bytes()), b.values());
}

// The same with multi-byte text, lines longer than a chunk and short ones,
// and values so dense that many chunk cuts fall inside one.
TEST(ScanStream, DenseValuesInMultiByteLinesAreFoundOnce) {
  const std::string_view kFillers[] = {
      "caf\xC3\xA9 ", "\xE4\xB8\xAD\xE6\x96\x87 ", "\xF0\x9F\x98\x80 ", "word ", "\n", "x\n"};
  const std::string_view kValues[][2] = {
      {"EMAIL_ADDRESS", "first.last@example.com"},
      {"CREDIT_CARD", "4111 1111 1111 1111"},
      {"IBAN_CODE", "GB82WEST12345698765432"},
      {"IP_ADDRESS", "192.168.100.200"},
  };
  std::mt19937 rng(2);
  StreamBuilder b;
  while (b.bytes().size() < 300'000) {
    for (size_t n = rng() % 12; n > 0; --n) {
      // Newlines are rare: lines are often longer than a chunk.
      const size_t pick = rng() % 40;
      b.Filler(kFillers[pick < 4 ? pick : pick == 39 ? 4 : 3]);
    }
    const auto& v = kValues[rng() % std::size(kValues)];
    b.Value(v[0], v[1]);
    b.Filler(" ");
  }
  ExpectExactly(Scan(b.bytes()), b.values());
}

// Values spread over 5 MB of short lines: each one once, on its line.
TEST(ScanStream, FiveMegabytesOfLinesKeepLineNumbers) {
  const std::string_view kValues[][3] = {
      {"EMAIL_ADDRESS", "", "ops+alerts@example.net"},    {"US_SSN", "SSN ", "536-81-2049"},
      {"CREDIT_CARD", "card ", "5555555555554444"},       {"IP_ADDRESS", "from ", "10.20.30.40"},
      {"AWS_ACCESS_KEY", "key ", "AKIAQYLPMN5HHHFPZAM2"},
  };
  std::mt19937 rng(3);
  StreamBuilder b;
  while (b.bytes().size() < (5u << 20)) {
    b.Filler(Words(rng, 20 + rng() % 100));
    if (rng() % 7 == 0) {
      const auto& v = kValues[rng() % std::size(kValues)];
      b.Filler(v[1]);
      b.Value(v[0], v[2]);
      b.Filler(" done");
    }
    b.Filler("\n");
  }
  ASSERT_GT(b.values().size(), 5000u);
  const StreamReport report = Scan(b.bytes(), 64 << 10);
  EXPECT_EQ(report.bytes, b.bytes().size());
  EXPECT_EQ(report.encoding, "UTF-8");
  ExpectExactly(report, b.values());
}

// Undecodable bytes become one U+FFFD each (three bytes in the decoded
// text); the source offsets of later findings still count original bytes.
// They come after the 64 KiB sniffed for the encoding, so the stream is
// read as UTF-8, and some lie on the 1 MiB read-block borders.
TEST(ScanStream, InvalidUtf8BeforeFindingsKeepsSourceOffsetsExact) {
  std::mt19937 rng(4);
  StreamBuilder b;
  b.Filler(Words(rng, 70'000) + "\n");
  size_t invalid = 0;
  const size_t kBlockEnds[] = {(64u << 10) + (1u << 20), (64u << 10) + (2u << 20)};
  for (size_t block_end : kBlockEnds) {
    while (b.bytes().size() < block_end - 3000) {
      b.Bytes("\xFF", 1);
      b.Filler(" \xC3\xA9 ");
      b.Bytes("\xE4\xB8", 2);  // a CJK character cut short
      b.Filler(" ");
      b.Value("EMAIL_ADDRESS", "x.y@example.com");
      b.Filler(" ");
      b.Filler(Words(rng, 200 + rng() % 400));
      if (rng() % 3 == 0) b.Filler("\n");
      invalid += 3;
    }
    b.Filler(Words(rng, block_end - b.bytes().size() - 2));
    b.Bytes("\xF0\x9F\x98\x80", 1);  // a valid emoji across the block border
    b.Bytes("\x80", 1);              // and a stray continuation byte after it
    invalid += 1;
    b.Filler(" ");
    b.Value("EMAIL_ADDRESS", "after.border@example.com");
    b.Filler("\n");
  }
  const StreamReport report = Scan(b.bytes());
  EXPECT_EQ(report.encoding, "UTF-8");
  EXPECT_EQ(report.replaced, invalid);
  ExpectExactly(report, b.values());
}

// Invalid bytes within the sniffed head: whatever encoding is guessed,
// source offsets are offsets into the original bytes.
TEST(ScanStream, InvalidBytesInTheHeadStillGiveSourceOffsets) {
  const std::string bytes = "ok \xFF\xFE\xFD mail john@example.com now\n";
  const StreamReport report = Scan(bytes);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].value, "john@example.com");
  EXPECT_EQ(report.findings[0].source_start, bytes.find("john"));
  EXPECT_EQ(report.findings[0].source_end, bytes.find(" now"));
}

TEST(ScanStream, Latin1StreamIsDecodedAndMappedToItsBytes) {
  std::mt19937 rng(5);
  StreamBuilder b;
  const std::string line = "Le caf\xE9 de la gare est ferm\xE9 le lundi, tr\xE8s s\xFBr, Jos\xE9 ";
  for (int i = 0; i < 400; ++i) {
    b.Bytes(line, line.size());  // one byte per character
    b.Value("EMAIL_ADDRESS", "jose.garcia@example.fr");
    b.Filler(" ");
    b.Filler(Words(rng, rng() % 60));
    b.Filler(i % 5 ? " " : "\n");
  }
  const StreamReport report = Scan(b.bytes());
  EXPECT_NE(report.encoding, "UTF-8");
  EXPECT_EQ(report.replaced, 0u);
  ExpectExactly(report, b.values());
}

TEST(ScanStream, Utf16WithBomMapsToItsBytes) {
  const std::u16string text = u"Contact: jane@example.com \u00e9\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : text) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  const StreamReport report = Scan(bytes);
  EXPECT_EQ(report.encoding, "UTF-16LE");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].value, "jane@example.com");
  EXPECT_EQ(report.findings[0].source_start, 2u + 2 * 9);
  EXPECT_EQ(report.findings[0].source_end, 2u + 2 * 25);
}

// Spreadsheet exports often start with a UTF-8 byte order mark. It is no
// character of the text: the value right after it is found, in column 1.
TEST(ScanStream, Utf8BomDoesNotHideTheFirstValue) {
  const std::string bytes = "\xEF\xBB\xBFjohn@example.com,4111111111111111\n";
  const StreamReport report = Scan(bytes);
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.findings[0].finding.entity_type, "EMAIL_ADDRESS");
  EXPECT_EQ(report.findings[0].source_start, 3u);
  EXPECT_EQ(report.findings[0].column, 1u);
  EXPECT_EQ(report.findings[1].finding.entity_type, "CREDIT_CARD");
  EXPECT_EQ(report.findings[1].source_start, 20u);
  EXPECT_EQ(report.findings[1].column, 18u);
}

// With on_finding set, findings are handed over one by one, in order, and
// none is kept in the report.
TEST(ScanStream, StreamedFindingsMatchCollectedOnes) {
  std::mt19937 rng(8);
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += Words(rng, rng() % 2000);
    text += i % 2 ? "SSN 536-81-2049\n" : "ops@example.com ";
  }
  const StreamReport collected = Scan(text);
  ASSERT_EQ(collected.findings.size(), 300u);

  std::vector<std::string> streamed;
  std::istringstream in(text);
  ScanOptions options;
  options.chunk_bytes = kChunk;
  options.keep_values = true;
  options.on_finding = [&](LocatedFinding&& f) { streamed.push_back(Where(f)); };
  auto report = ScanStream(DefaultAnalyzer(), in, "test", options);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_TRUE(report->findings.empty());
  std::vector<std::string> want;
  for (const LocatedFinding& f : collected.findings) want.push_back(Where(f));
  EXPECT_EQ(streamed, want);
}

TEST(ScanFile, MissingFileIsAnIoError) {
  auto report = ScanFile(DefaultAnalyzer(), "/nonexistent/piiscan/input.txt", ScanOptions{});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kIo);
}

TEST(ScanStream, BinaryIsSkipped) {
  std::string bytes = "john@example.com";
  for (int i = 0; i < 2000; ++i) bytes += std::string("\0\x01\x02\x03", 4);
  bytes += std::string(100'000, 'x');
  const StreamReport report = Scan(bytes);
  EXPECT_TRUE(report.binary);
  EXPECT_TRUE(report.findings.empty());
}

TEST(ScanStream, StrayNulInTextIsStillScanned) {
  std::string bytes = std::string(10'000, 'x') + " ";
  bytes += std::string("\0", 1) + "john@example.com\n";
  const StreamReport report = Scan(bytes);
  EXPECT_FALSE(report.binary);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].source_start, 10'002u);
}

TEST(ScanStream, EmptyInput) {
  const StreamReport report = Scan("");
  EXPECT_FALSE(report.binary);
  EXPECT_EQ(report.bytes, 0u);
  EXPECT_EQ(report.replaced, 0u);
  EXPECT_TRUE(report.findings.empty());
}

// What is found in a stream is what Analyze finds in the whole text.
TEST(ScanStream, SameFindingsAsOneAnalyzeCall) {
  std::mt19937 rng(6);
  std::string text;
  const std::string_view kValues[] = {
      "SSN 536-81-2049", "john@example.com", "4111111111111111", "GB82 WEST 1234 5698 7654 32",
      "2001:db8::1",     "(650) 253-0000",   "\xE4\xB8\xAD"};
  while (text.size() < 200'000) {
    text += Words(rng, rng() % 300);
    text += kValues[rng() % std::size(kValues)];
    text += rng() % 4 ? " " : "\n";
  }
  auto whole = DefaultAnalyzer().Analyze(text, {});
  ASSERT_TRUE(whole.has_value());
  const StreamReport report = Scan(text);
  std::vector<std::string> want;
  for (const Finding& f : *whole) want.push_back(testutil::Describe(f));
  std::vector<std::string> got;
  for (const LocatedFinding& f : report.findings) got.push_back(testutil::Describe(f.finding));
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace piiscan
