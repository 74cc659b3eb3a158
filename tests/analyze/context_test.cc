// What decides whether a candidate is reported: context words near it,
// patterns that need them, the threshold, the entity filter, and the
// allow and deny lists of AnalyzerConfig and AnalyzeOptions.

#include "analyze/context.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer_fixture.h"
#include "piiscan/text.h"

namespace piiscan {
namespace {

using testutil::Analyze;
using testutil::BuildAnalyzer;
using testutil::Describe;
using testutil::OfType;

const double kBoost = AnalyzerConfig{}.context_boost;

AnalyzeOptions Explained() {
  AnalyzeOptions options;
  options.explain = true;
  return options;
}

// --- Context words raise the score -------------------------------------

struct Boosted {
  std::string_view text;
  std::string_view entity;
  double base;                     // the pattern's score
  std::vector<std::string> words;  // context words expected, nearest first
};

// The boost is added (up to 1) exactly when context words are expected,
// and the explanation names them.
void ExpectBoost(std::span<const Boosted> cases) {
  for (const Boosted& c : cases) {
    SCOPED_TRACE(c.text);
    const std::vector<Finding> found = OfType(Analyze(c.text, Explained()), c.entity);
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(Describe(Analyze(c.text)));
    const Finding& f = found[0];
    const double want = c.words.empty() ? c.base : std::min(1.0, c.base + kBoost);
    EXPECT_DOUBLE_EQ(f.score, want);
    EXPECT_EQ(f.explanation.context_words, c.words);
    EXPECT_DOUBLE_EQ(f.explanation.base_score, c.base);
    EXPECT_DOUBLE_EQ(f.explanation.context_boost, c.words.empty() ? 0.0 : kBoost);
    EXPECT_DOUBLE_EQ(f.explanation.final_score, f.score);
  }
}

const Boosted kBoosted[] = {
    {"SSN: 536-81-2049", "US_SSN", 0.5, {"ssn"}},
    {"My social security number is 536-81-2049", "US_SSN", 0.5, {"security", "social"}},
    {"536-81-2049 is my SSN", "US_SSN", 0.5, {"ssn"}},
    {"SSN a b c d e 536-81-2049", "US_SSN", 0.5, {"ssn"}},  // 6th word before
    {"card's number: 4111111111111111", "CREDIT_CARD", 0.6, {"card"}},
    {"VISA 4111111111111111 (expires soon)", "CREDIT_CARD", 0.6, {"visa"}},
    {"Call (650) 253-0000", "PHONE_NUMBER", 0.5, {"call"}},
    {"T\xC3\xA9l\xC3\xA9phone : (650) 253-0000", "PHONE_NUMBER", 0.5, {"t\xC3\xA9l\xC3\xA9phone"}},
    {"Email john.doe@example.com", "EMAIL_ADDRESS", 0.9, {"email"}},  // capped at 1
    {"IBAN: GB82WEST12345698765432", "IBAN_CODE", 0.9, {"iban"}},
};
TEST(ContextWords, NearbyWordsAddTheBoost) { ExpectBoost(kBoosted); }

const Boosted kUnboosted[] = {
    {"536-81-2049", "US_SSN", 0.5, {}},
    {"SSN a b c d e f 536-81-2049", "US_SSN", 0.5, {}},  // 7th word before
    {"536-81-2049 is not my SSN", "US_SSN", 0.5, {}},    // 4th word after
    {"Unsocial 536-81-2049", "US_SSN", 0.5, {}},         // inside another word
    {"4111111111111111", "CREDIT_CARD", 0.6, {}},
    {"(650) 253-0000", "PHONE_NUMBER", 0.5, {}},
};
TEST(ContextWords, FarOrAbsentWordsAddNothing) { ExpectBoost(kUnboosted); }

TEST(ContextWords, CallerWordsBoostAnyType) {
  AnalyzeOptions options = Explained();
  options.context = {"Employee ID"};
  const std::vector<Finding> found = Analyze("employee 536-81-2049", options);
  ASSERT_EQ(Describe(found), std::vector<std::string>{"US_SSN [9,20)"});
  EXPECT_DOUBLE_EQ(found[0].score, 0.5 + kBoost);
  EXPECT_EQ(found[0].explanation.context_words, std::vector<std::string>{"employee"});
}

TEST(ContextWords, ExplanationNamesRecognizerPatternAndValidator) {
  const std::vector<Finding> found = Analyze("SSN 536-81-2049", Explained());
  ASSERT_EQ(found.size(), 1u);
  const Explanation& why = found[0].explanation;
  EXPECT_EQ(found[0].recognizer, "us_ssn");
  EXPECT_EQ(why.recognizer, "us_ssn");
  EXPECT_EQ(why.pattern, "ssn_dashed");
  EXPECT_EQ(why.validator, "us_ssn");
  EXPECT_EQ(why.validation, "valid");
}

TEST(ContextWords, NoExplanationUnlessAsked) {
  const std::vector<Finding> found = Analyze("SSN 536-81-2049");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].explanation.recognizer, "");
  EXPECT_TRUE(found[0].explanation.context_words.empty());
  EXPECT_DOUBLE_EQ(found[0].score, 0.5 + kBoost);  // the score does not depend on it
}

// FindContext itself: lower case, possessives and trailing hyphens cut,
// nearest words first, a limited number of words and bytes each side.
std::vector<std::string> Found(std::string_view text, std::string_view value, int before, int after,
                               const analyze::WordSet& words,
                               const analyze::WordSet* extra = nullptr) {
  const size_t start = text.find(value);
  analyze::ContextQuery query;
  query.before = before;
  query.after = after;
  query.words = &words;
  query.extra = extra;
  std::vector<std::string> found;
  const bool any = analyze::FindContext(text, start, start + value.size(), query, &found);
  EXPECT_EQ(any, !found.empty());
  EXPECT_EQ(analyze::FindContext(text, start, start + value.size(), query, nullptr), any);
  return found;
}

TEST(FindContext, NormalisesWordsAndKeepsTheirOrder) {
  const analyze::WordSet words = {"card", "holder", "o'brien", "x#1", "the"};
  const std::string text = "The Card's holder- at 4111 is O'Brien's X#1 too";
  EXPECT_EQ(Found(text, "4111", 3, 3, words),
            (std::vector<std::string>{"holder", "card", "o'brien", "x#1"}));
  EXPECT_EQ(Found(text, "4111", 4, 0, words), (std::vector<std::string>{"holder", "card", "the"}));
  EXPECT_EQ(Found(text, "4111", 0, 0, words), std::vector<std::string>{});
}

TEST(FindContext, CallerWordsAndRepeats) {
  const analyze::WordSet words = {"ssn", "social"};
  analyze::WordSet extra;
  analyze::AddWords("Employee ID", &extra);
  EXPECT_TRUE(extra.Contains("employee"));
  EXPECT_TRUE(extra.Contains("id"));
  EXPECT_FALSE(extra.Contains("Employee"));
  EXPECT_EQ(Found("ssn employee ssn VALUE social", "VALUE", 6, 3, words, &extra),
            (std::vector<std::string>{"ssn", "employee", "social"}));
}

TEST(FindContext, LooksNoFurtherThan256BytesEachSide) {
  const analyze::WordSet words = {"ssn"};
  const std::string gap(300, ' ');
  EXPECT_EQ(Found("ssn" + gap + "VALUE" + gap + "ssn", "VALUE", 6, 3, words),
            std::vector<std::string>{});
  EXPECT_EQ(Found("ssn" + std::string(250, ' ') + "VALUE", "VALUE", 6, 3, words),
            std::vector<std::string>{"ssn"});
}

// --- Patterns that need context ----------------------------------------

struct Gated {
  std::string_view text;
  std::string_view entity;
  std::vector<std::string> want;  // findings of `entity` alone
};

const Gated kGated[] = {
    {"ssn 536812049", "US_SSN", {"US_SSN [4,13)"}},
    {"Taxpayer no. 536812049.", "US_SSN", {"US_SSN [13,22)"}},
    {"{\"ssn\": \"536812049\"}", "US_SSN", {"US_SSN [9,18)"}},
    {"Invoice 100234567 paid", "US_SSN", {}},
    {"536812049", "US_SSN", {}},
    {"ssn a b c d e f 536812049", "US_SSN", {}},
    {"routing 021000021", "ABA_ROUTING_NUMBER", {"ABA_ROUTING_NUMBER [8,17)"}},
    {"Item 021000021 shipped", "ABA_ROUTING_NUMBER", {}},
    {"Checking account 87654321", "US_BANK_NUMBER", {"US_BANK_NUMBER [17,25)"}},
    {"Ticket 87654321 closed", "US_BANK_NUMBER", {}},
};
// Only the gated type is enabled, so that no other reading of the digits
// can hide or stand in for it.
TEST(RequiresContext, FoundOnlyWithAContextWord) {
  for (const Gated& c : kGated) {
    AnalyzeOptions options;
    options.entities = {std::string(c.entity)};
    EXPECT_EQ(Describe(Analyze(c.text, options)), c.want) << c.text;
  }
}

// --- Threshold -----------------------------------------------------------

TEST(ScoreThreshold, PerCallThresholdOverridesTheAnalyzers) {
  const std::string text = "john.doe@example.com (650) 253-0000 NHS 9434765919";
  AnalyzeOptions options;
  EXPECT_EQ(
      Describe(Analyze(text, options)),
      (std::vector<std::string>{"EMAIL_ADDRESS [0,20)", "PHONE_NUMBER [21,35)", "UK_NHS [40,50)"}));

  options.score_threshold = 0.9;  // email scores exactly 0.9: kept
  EXPECT_EQ(Describe(Analyze(text, options)), std::vector<std::string>{"EMAIL_ADDRESS [0,20)"});

  options.score_threshold = 0.95;
  EXPECT_EQ(Describe(Analyze(text, options)), std::vector<std::string>{});
}

TEST(ScoreThreshold, ZeroLetsWeakCandidatesThrough) {
  AnalyzeOptions options;
  options.entities = {"UK_NHS"};
  EXPECT_EQ(Describe(Analyze("ref 9434765919", options)), std::vector<std::string>{});
  options.score_threshold = 0.0;
  EXPECT_EQ(Describe(Analyze("ref 9434765919", options)),
            std::vector<std::string>{"UK_NHS [4,14)"});
}

// An analyzer tuned by its config: two types, stricter threshold, smaller
// boost, one word of context before.
const Analyzer& TunedAnalyzer() {
  static const std::shared_ptr<const Analyzer> analyzer = [] {
    AnalyzerConfig config;
    config.entities = {"EMAIL_ADDRESS", "US_SSN"};
    config.score_threshold = 0.6;
    config.context_boost = 0.2;
    config.context_words_before = 1;
    return BuildAnalyzer(config);
  }();
  return *analyzer;
}

TEST(AnalyzerConfig, EntitiesThresholdBoostAndWindow) {
  const Analyzer& a = TunedAnalyzer();
  EXPECT_EQ(a.SupportedEntities(), (std::vector<std::string>{"EMAIL_ADDRESS", "US_SSN"}));
  EXPECT_EQ(Describe(Analyze(a, "SSN 536-81-2049, card 4111111111111111, (650) 253-0000")),
            std::vector<std::string>{"US_SSN [4,15)"});
  EXPECT_EQ(Describe(Analyze(a, "536-81-2049")), std::vector<std::string>{});  // 0.5 < 0.6
  EXPECT_EQ(Describe(Analyze(a, "SSN number 536-81-2049")), std::vector<std::string>{});
  const std::vector<Finding> found = Analyze(a, "x@example.org", Explained());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_DOUBLE_EQ(found[0].score, 0.9);
}

// --- Entity filter per call ------------------------------------------------

TEST(EntitiesOption, NarrowsOneCall) {
  const std::string text = "john@example.com 4111111111111111 SSN 536-81-2049";
  AnalyzeOptions options;
  options.entities = {"CREDIT_CARD"};
  EXPECT_EQ(Describe(Analyze(text, options)), std::vector<std::string>{"CREDIT_CARD [17,33)"});
  options.entities = {"US_SSN", "EMAIL_ADDRESS"};
  EXPECT_EQ(Describe(Analyze(text, options)),
            (std::vector<std::string>{"EMAIL_ADDRESS [0,16)", "US_SSN [38,49)"}));
  options.entities = {"NO_SUCH_TYPE"};
  EXPECT_EQ(Describe(Analyze(text, options)), std::vector<std::string>{});
}

// --- Allow and deny lists ------------------------------------------------

const Analyzer& ListsAnalyzer() {
  static const std::shared_ptr<const Analyzer> analyzer = [] {
    AnalyzerConfig config;
    config.allow_list = {"noreply@example.com", "536-81-2049"};
    config.allow_patterns = {R"(.*@test\.example\.org)", "4111 ?1111 ?1111 ?1111"};
    config.deny_lists = {{"PROJECT_CODE", {"bluebird", "night jar", "c++"}},
                         {"PLACE", {"caf\xC3\xA9"}}};
    return BuildAnalyzer(config);
  }();
  return *analyzer;
}

struct Listed {
  std::string_view text;
  std::vector<std::string> want;
};

void ExpectListed(std::span<const Listed> cases) {
  for (const Listed& c : cases) {
    EXPECT_EQ(Describe(Analyze(ListsAnalyzer(), c.text)), c.want) << c.text;
  }
}

const Listed kAllowed[] = {
    {"from noreply@example.com to jane@example.com", {"EMAIL_ADDRESS [28,44)"}},
    {"from NoReply@example.com", {"EMAIL_ADDRESS [5,24)"}},  // exact, case-sensitive
    {"x noreply@example.com.au", {"EMAIL_ADDRESS [2,24)"}},  // not the whole value
    // An allowed value stays quiet under every reading, not only its best.
    {"Order 536-81-2049 shipped", {}},
    {"SSN 536-81-2049", {}},
    {"ci@test.example.org, ops@example.org", {"EMAIL_ADDRESS [21,36)"}},
    {"bot@test.example.org.evil.com", {"EMAIL_ADDRESS [0,29)"}},  // pattern must match whole
    {"cards 4111 1111 1111 1111 and 4111111111111111 and 5555555555554444",
     {"CREDIT_CARD [51,67)"}},
};
TEST(Lists, AllowedValuesAreNotReported) { ExpectListed(kAllowed); }

const Listed kDenied[] = {
    {"Project Bluebird ships", {"PROJECT_CODE [8,16)"}},
    {"BLUEBIRD, bluebird; BlueBird.",
     {"PROJECT_CODE [0,8)", "PROJECT_CODE [10,18)", "PROJECT_CODE [20,28)"}},
    {"the Night Jar team", {"PROJECT_CODE [4,13)"}},
    {"bluebirds and mybluebird", {}},  // whole words only
    {"written in C++ today", {"PROJECT_CODE [11,14)"}},
    {"Caf\xC3\xA9 de Flore", {"PLACE [0,4)"}},
};
TEST(Lists, DeniedTermsAreReported) { ExpectListed(kDenied); }

// "Case-insensitive" stops at ASCII: an upper-case accented letter does
// not match the lower-case term.
TEST(Lists, DenyTermsIgnoreCaseBeyondAscii) {
  EXPECT_EQ(Describe(Analyze(ListsAnalyzer(), "CAF\xC3\x89 DE FLORE")),
            std::vector<std::string>{"PLACE [0,4)"});
}

TEST(Lists, DenyTypesAreSupported) {
  const std::vector<std::string> types = ListsAnalyzer().SupportedEntities();
  EXPECT_NE(std::find(types.begin(), types.end(), "PROJECT_CODE"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "PLACE"), types.end());
}

TEST(Lists, PerCallAllowListAddsToTheConfigs) {
  AnalyzeOptions options;
  options.allow_list = {"jane@example.com"};
  EXPECT_EQ(
      Describe(Analyze(ListsAnalyzer(), "noreply@example.com jane@example.com x@y.io", options)),
      std::vector<std::string>{"EMAIL_ADDRESS [37,43)"});
}

TEST(Lists, BadAllowPatternIsAnInvalidArgument) {
  AnalyzerConfig config;
  config.allow_patterns = {"(unclosed"};
  auto analyzer = Analyzer::Create(config);
  ASSERT_FALSE(analyzer.has_value());
  EXPECT_EQ(analyzer.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(analyzer.error().message.find("(unclosed"), std::string::npos);
}

}  // namespace
}  // namespace piiscan
