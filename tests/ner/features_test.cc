#include "ner/features.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace piiscan::ner {
namespace {

Lexicon SmallLexicon() {
  Lexicon lex;
  lex.AddPhrase("maria", kFirst | kFirstTop);
  lex.AddPhrase("new york", kState);
  lex.AddPhrase("mr.", kHonorific);
  return lex;
}

TEST(Describe, Casing) {
  const Lexicon lex;
  struct Case {
    const char* word;
    Casing casing;
  };
  for (const Case& c :
       {Case{"smith", Casing::kLower}, Case{"Smith", Casing::kTitle},
        Case{"O'Neil", Casing::kTitle}, Case{"SMITH", Casing::kUpper}, Case{"J.", Casing::kInitial},
        Case{"McDonald", Casing::kMixed}, Case{"2024", Casing::kDigits},
        Case{"A12345", Casing::kAlnum}, Case{",", Casing::kPunct},
        Case{"Ärzte", Casing::kOther}}) {
    EXPECT_EQ(Describe(c.word, false, lex).casing, c.casing) << c.word;
  }
}

TEST(Describe, DigitsCodesAndLexicon) {
  const Lexicon lex = SmallLexicon();
  EXPECT_EQ(Describe("MARIA", false, lex).lexicon, kFirst | kFirstTop);
  EXPECT_EQ(Describe("York", false, lex).lexicon, kState | kMultiWord);
  EXPECT_EQ(Describe("Mr", false, lex).lexicon, 0u);
  EXPECT_EQ(Describe("Mr.", false, lex).lexicon, kHonorific);
  EXPECT_EQ(Describe("7142286", false, lex).digits, 7);
  EXPECT_TRUE(Describe("a@b.c", false, lex).code_like);
  EXPECT_TRUE(Describe("user_id=5", false, lex).code_like);
  EXPECT_FALSE(Describe("@maria", false, lex).code_like);
}

TEST(Features, DependOnTheWindowOnlyAndAreBounded) {
  const Lexicon lex = SmallLexicon();
  std::vector<WordInfo> a, b;
  for (const char* w : {"Dear", "Mr.", "Maria", "Lopez", ",", "welcome", "to", "New", "York"}) {
    a.push_back(Describe(w, a.empty(), lex));
  }
  for (const char* w : {"Dear", "Mr.", "Maria", "Lopez", ",", "goodbye", "to", "New", "York"}) {
    b.push_back(Describe(w, b.empty(), lex));
  }
  for (size_t i = 0; i < a.size(); ++i) {
    std::vector<uint32_t> fa, fb;
    Features(a, i, &fa);
    Features(b, i, &fb);
    EXPECT_LE(fa.size(), kMaxFeatures);
    // "welcome" (index 5) is within two words of indexes 3..7 only.
    const bool near = i >= 3 && i <= 7;
    EXPECT_EQ(fa == fb, !near) << i;
  }
}

TEST(Features, CaseOfTheWordMatters) {
  const Lexicon lex;
  std::vector<WordInfo> upper{Describe("Maria", true, lex)};
  std::vector<WordInfo> lower{Describe("maria", true, lex)};
  std::vector<uint32_t> fu, fl;
  Features(upper, 0, &fu);
  Features(lower, 0, &fl);
  EXPECT_NE(fu, fl);
  EXPECT_EQ(fu[1], fl[1]);  // the lower-cased word itself is one shared feature
}

TEST(MarkUnlikely, ScoresCapitalsTheirNeighboursAndWordsAfterCues) {
  const Lexicon lex;
  std::vector<WordInfo> words;
  for (const char* w : {"The", "cat", "saw", "Maria", "and", "a", "dog", "patient", "jo", "smith",
                        "was", "here", "today"}) {
    words.push_back(Describe(w, words.empty(), lex));
  }
  MarkUnlikely(words);
  std::vector<bool> skipped;
  for (const WordInfo& w : words) skipped.push_back(w.skip);
  EXPECT_EQ(skipped, (std::vector<bool>{false, false, false, false, false, true, true, false, false,
                                        false, false, false, true}));

  std::vector<WordInfo> lower;
  for (const char* w : {"the", "cat", "saw", "maria"}) lower.push_back(Describe(w, false, lex));
  MarkUnlikely(lower);
  for (const WordInfo& w : lower) EXPECT_FALSE(w.skip);
}

}  // namespace
}  // namespace piiscan::ner
