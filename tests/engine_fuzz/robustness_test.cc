// The analyzer on hostile input: random bytes, one huge line, and long
// repeats of the separators and prefixes its patterns are built from. It
// must not crash, must stay roughly linear (a generous time bound catches
// only super-linear blowups), and must not invent findings in separator
// soup.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer_fixture.h"
#include "piiscan/analyzer.h"
#include "piiscan/scanner.h"
#include "piiscan/text.h"

namespace piiscan {
namespace {

using testutil::DefaultAnalyzer;
using testutil::Describe;

// Far above what linear work on these sizes takes in a release build, far
// below what quadratic work would.
constexpr double kSecondsBound = 5.0;

std::string Repeat(std::string_view unit, size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::string RepeatToSize(std::string_view unit, size_t bytes) {
  std::string out = Repeat(unit, bytes / unit.size() + 1);
  out.resize(bytes);
  return out;
}

// Analyzes `text` (valid UTF-8), failing the test on an error or when it
// takes longer than the bound.
std::vector<Finding> TimedAnalyze(const std::string& text, AnalyzeStats* stats = nullptr) {
  // Built (the pattern database compiled) before the clock starts: the
  // bound is on analysis, not on the one-time compile.
  const Analyzer& analyzer = DefaultAnalyzer();
  const auto start = std::chrono::steady_clock::now();
  auto findings = analyzer.Analyze(text, {}, stats);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took.count(), kSecondsBound) << text.size() << " bytes";
  if (!findings) {
    ADD_FAILURE() << findings.error().ToString();
    return {};
  }
  return std::move(*findings);
}

// `unit` repeated up to `bytes`.
struct Soup {
  std::string_view name;
  std::string_view unit;
  size_t bytes;
  std::vector<std::string> never;  // types that must not be found in it
};

const std::vector<std::string> kCoreTypes = {"IP_ADDRESS", "US_SSN", "EMAIL_ADDRESS"};
constexpr size_t kMiB = 1 << 20;

const Soup kSoups[] = {
    {"1.1.1. x 8000", "1.1.1.", 6 * 8000, kCoreTypes},
    {"123-45- x 8000", "123-45-", 7 * 8000, kCoreTypes},
    {"a. x 25000", "a.", 2 * 25000, {"IP_ADDRESS", "US_SSN", "EMAIL_ADDRESS", "URL"}},
    {"digits", "8", kMiB, kCoreTypes},
    {"card digits", "4111111111111111", kMiB, kCoreTypes},
    {"@", "@", kMiB, kCoreTypes},
    {"a@b.", "a@b.", kMiB, kCoreTypes},
    {"PEM headers",
     "-----BEGIN RSA PRIVATE KEY-----",
     kMiB,
     {"PRIVATE_KEY", "IP_ADDRESS", "US_SSN", "EMAIL_ADDRESS"}},
    {"PEM headers and lines", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n", kMiB, {"PRIVATE_KEY"}},
    {"eyJ", "eyJ", kMiB, {"JWT"}},
    {"eyJ with dots", "eyJhbGciOi.", kMiB, {"JWT"}},
    {"::", "::", kMiB, {"IP_ADDRESS", "MAC_ADDRESS"}},
    {"00:", "00:", kMiB, {"IP_ADDRESS", "US_SSN", "EMAIL_ADDRESS"}},
    {"1 1 1", "1 ", kMiB, kCoreTypes},
    {"(1)", "(1) ", kMiB, kCoreTypes},
    {"12/12/", "12/12/", kMiB, kCoreTypes},
    {"www.", "www.", kMiB, {"EMAIL_ADDRESS", "URL"}},
    {"https://", "https://", kMiB, {"EMAIL_ADDRESS"}},
    {"GB82", "GB82 ", kMiB, {"IBAN_CODE"}},
};

// Each input is timed on its own; all share one analyzer.
TEST(Robustness, SeparatorSoupIsFastAndFindsNothingOfItsKind) {
  for (const Soup& c : kSoups) {
    SCOPED_TRACE(c.name);
    const std::string text = RepeatToSize(c.unit, c.bytes);
    const std::vector<Finding> findings = TimedAnalyze(text);
    for (const std::string& type : c.never) {
      EXPECT_EQ(Describe(testutil::OfType(findings, type)), std::vector<std::string>{}) << type;
    }
    for (const Finding& f : findings) {
      ASSERT_LE(f.byte_end, text.size());
      ASSERT_LT(f.byte_start, f.byte_end);
    }
  }
}

// Random bytes, decoded leniently as any caller must first: no crash, sane
// spans, bounded time.
TEST(Robustness, OneMegabyteOfRandomBytes) {
  std::mt19937 rng(11);
  for (int round = 0; round < 3; ++round) {
    std::string bytes(1 << 20, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    auto decoded = Decode(bytes, "UTF-8");
    ASSERT_TRUE(decoded.has_value());
    AnalyzeStats stats;
    const std::vector<Finding> findings = TimedAnalyze(decoded->utf8, &stats);
    for (const Finding& f : findings) {
      ASSERT_LT(f.byte_start, f.byte_end);
      ASSERT_LE(f.byte_end, decoded->utf8.size());
      ASSERT_LE(f.start, f.byte_start);
    }
  }
}

// Random text from the characters patterns are made of.
TEST(Robustness, OneMegabyteOfPatternAlphabet) {
  std::mt19937 rng(12);
  const std::string_view alphabet = "0123456789abcdefABCDEF.:-@/ \n()+x_=eyJ";
  std::string text(1 << 20, ' ');
  for (char& c : text) c = alphabet[rng() % alphabet.size()];
  for (const Finding& f : TimedAnalyze(text)) {
    ASSERT_LT(f.byte_start, f.byte_end);
    ASSERT_LE(f.byte_end, text.size());
  }
}

std::string HugeLineWithEmail(size_t size, size_t at, std::string_view email) {
  std::string text = RepeatToSize("lorem ipsum dolor ", size);
  text[at - 1] = ' ';
  std::copy(email.begin(), email.end(), text.begin() + static_cast<std::ptrdiff_t>(at));
  text[at + email.size()] = ' ';
  return text;
}

TEST(Robustness, TwentyMegabyteLineAnalyzedWhole) {
  const std::string email = "needle@example.com";
  const size_t at = 10'000'003;
  const std::string text = HugeLineWithEmail(20'000'000, at, email);
  ASSERT_EQ(text.find('\n'), std::string::npos);
  EXPECT_EQ(Describe(TimedAnalyze(text)),
            std::vector<std::string>{Describe("EMAIL_ADDRESS", at, at + email.size())});
}

TEST(Robustness, TwentyMegabyteLineScannedInChunks) {
  const std::string email = "needle@example.com";
  const size_t at = 10'000'003;
  std::istringstream in(HugeLineWithEmail(20'000'000, at, email));
  const auto start = std::chrono::steady_clock::now();
  auto report = ScanStream(DefaultAnalyzer(), in, "huge line", ScanOptions{});
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took.count(), 2 * kSecondsBound);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_EQ(report->findings.size(), 1u);
  const LocatedFinding& f = report->findings[0];
  EXPECT_EQ(f.finding.entity_type, "EMAIL_ADDRESS");
  EXPECT_EQ(f.finding.start, at);
  EXPECT_EQ(f.source_start, at);
  EXPECT_EQ(f.source_end, at + email.size());
  EXPECT_EQ(f.line, 1u);
  EXPECT_EQ(f.column, at + 1);
}

// A URL far longer than any pattern's max_length: whatever is reported, it
// is not a fragment taken from the middle of the URL.
TEST(Robustness, VeryLongUrl) {
  for (size_t segments : {1'000u, 500'000u}) {
    const std::string url = "https://example.com/" + Repeat("a/", segments) + "end";
    const std::string text = "see " + url + " now";
    for (const Finding& f : TimedAnalyze(text)) {
      EXPECT_EQ(f.byte_start, 4u) << Describe(f) << " in a URL of " << url.size() << " bytes";
    }
  }
}

TEST(Robustness, DeeplyNestedUrlQuery) {
  const std::string url =
      "https://example.com/?" + Repeat("next=https%3A%2F%2Fexample.com%2F%3F", 20'000) + "x=1";
  const std::string text = "go to " + url + ".";
  for (const Finding& f : TimedAnalyze(text)) {
    EXPECT_EQ(f.byte_start, 6u) << Describe(f);
  }
}

}  // namespace
}  // namespace piiscan
