// The digit-run shortcut must find the same starts as RE2 on any text.

#include "analyze/start_finder.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>

namespace piiscan::analyze {
namespace {

// RE2's answer, computed the long way: the leftmost start in the window.
size_t Re2Start(const std::string& regex, size_t max_length, std::string_view text, size_t end) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  const RE2 re("(?:" + regex + ")$", options);
  const size_t lo = end > max_length ? end - max_length : 0;
  for (size_t s = lo; s < end; ++s) {
    if (RE2::FullMatch(re2::StringPiece(text.data() + s, end - s), re)) return s;
  }
  return StartFinder::kNone;
}

std::unique_ptr<const StartFinder> Make(const std::string& regex, size_t max_length) {
  auto f = StartFinder::Create({regex, max_length, false, false});
  EXPECT_TRUE(f.has_value());
  return f ? std::move(*f) : nullptr;
}

TEST(StartFinderTest, DigitRunsAgreeWithRe2OnRandomText) {
  const struct {
    std::string regex;
    size_t max_length;
  } cases[] = {
      {R"((?:\d{9})\b)", 9},    {R"((?:\d{13,19})\b)", 19},
      {R"(\d{8,17}\b)", 17},    {R"((?:\d{13,19})\b)", 15},  // window shorter than the longest run
      {R"((?:\d{4,6})\b)", 64},
  };
  std::mt19937 rng(7);
  const std::string alphabet = "0123456789012345678901234567890123456789 -a.";
  for (const auto& c : cases) {
    const auto finder = Make(c.regex, c.max_length);
    ASSERT_NE(finder, nullptr);
    for (int round = 0; round < 300; ++round) {
      std::string text;
      const size_t n = 1 + rng() % 40;
      for (size_t i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
      for (size_t end = 0; end <= text.size(); ++end) {
        EXPECT_EQ(finder->Find(text, end), Re2Start(c.regex, c.max_length, text, end))
            << c.regex << " on '" << text << "' ending at " << end;
      }
    }
  }
}

TEST(StartFinderTest, OtherPatternsUseRe2) {
  const auto finder = Make(R"((?:\d{3}-\d{2}-\d{4})\b)", 11);
  ASSERT_NE(finder, nullptr);
  const std::string text = "ssn 123-45-6789 ok";
  EXPECT_EQ(finder->Find(text, 15), 4u);
  EXPECT_EQ(finder->Find(text, 14), StartFinder::kNone);
}

TEST(StartFinderTest, LooksAlikeOfADigitRunAreNotTakenForOne) {
  // Case-insensitive, unbalanced or with more after the run: RE2 decides.
  for (const std::string regex : {R"((?:\d{9}))", R"(\d{9}\b\d)", R"((?:\d{9}\b)"}) {
    auto f = StartFinder::Create({regex, 16, false, false});
    if (!f) continue;  // an unbalanced pattern is an error, not a digit run
    const std::string text = "x 123456789 y";
    EXPECT_EQ((*f)->Find(text, 11), Re2Start(regex, 16, text, 11)) << regex;
  }
}

TEST(StartFinderTest, EqualPatternsShareAKey) {
  EXPECT_EQ(Make(R"((?:\d{9})\b)", 9)->key(), Make(R"((?:\d{9})\b)", 9)->key());
  EXPECT_NE(Make(R"((?:\d{9})\b)", 9)->key(), Make(R"((?:\d{9})\b)", 12)->key());
}

TEST(StartFinderTest, BadRegexIsAnError) {
  auto f = StartFinder::Create({"(unclosed", 8, false, false});
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace piiscan::analyze
