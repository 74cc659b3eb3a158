#include "ner/tokens.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace piiscan::ner {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) out.emplace_back(text.substr(t.start, t.end - t.start));
  return out;
}

TEST(Tokenize, SplitsPunctuationAndKeepsInnerJoiners) {
  EXPECT_EQ(Words("O'Neil, Jean-Luc (U.S) said: hi!"),
            (std::vector<std::string>{"O'Neil", ",", "Jean-Luc", "(", "U.S", ")", "said", ":", "hi",
                                      "!"}));
}

TEST(Tokenize, InitialsAndAbbreviationsKeepTheirDot) {
  EXPECT_EQ(Words("Mr. John F. Kennedy of Smith Ltd. left."),
            (std::vector<std::string>{"Mr.", "John", "F.", "Kennedy", "of", "Smith", "Ltd.", "left",
                                      "."}));
}

TEST(Tokenize, MailAndWebAddressesAreOneWord) {
  EXPECT_EQ(Words("mail ana.pereira@example.pt, or https://x.org/a?b=c."),
            (std::vector<std::string>{"mail", "ana.pereira@example.pt", ",", "or",
                                      "https://x.org/a?b=c", "."}));
  EXPECT_EQ(Words("@jack_smith #tag"), (std::vector<std::string>{"@jack_smith", "#tag"}));
}

TEST(Tokenize, SentencesEndAtFullStopsAndLineBreaks) {
  const std::string text = "Hi Ann. Bob is here\nNew line";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<bool> starts;
  for (const Token& t : tokens) starts.push_back(t.sentence_start);
  EXPECT_EQ(starts, (std::vector<bool>{true, false, false, true, false, false, true, false}));
  EXPECT_TRUE(tokens[6].line_break_before);
}

TEST(Tokenize, LongSentencesAreCut) {
  std::string text;
  for (size_t i = 0; i < kMaxSentenceTokens * 3; ++i) text += "word ";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  size_t starts = 0;
  for (const Token& t : tokens) starts += t.sentence_start;
  EXPECT_EQ(starts, 3u);
}

TEST(Tokenize, OffsetsIndexTheBytesOfNonAsciiText) {
  const std::string text = "Zoë «Müller» — 東京";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  const std::vector<std::string> words = {"Zoë", "«", "Müller", "»", "—", "東京"};
  ASSERT_EQ(Words(text), words);
  EXPECT_EQ(tokens[2].start, 7u);
}

TEST(Tokenize, LinearOnOneHugeWordWithoutSpaces) {
  const std::string text(4'000'000, 'a');
  std::vector<Token> tokens;
  Tokenize(text + "@b " + text, &tokens);
  EXPECT_EQ(tokens.size(), 2u);
}

}  // namespace
}  // namespace piiscan::ner
