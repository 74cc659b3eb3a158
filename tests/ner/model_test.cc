#include "ner/model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "ner/corpus.h"
#include "ner/trainer.h"

namespace piiscan::ner {
namespace {

std::vector<WordInfo> Describe(const std::vector<std::string>& words) {
  static const Lexicon lex;
  std::vector<WordInfo> out;
  for (const std::string& w : words) out.push_back(ner::Describe(w, out.empty(), lex));
  return out;
}

TEST(Viterbi, FollowsEmissionsWithinTheBioRules) {
  const auto words = Describe({"Ann", "Lee", "went"});
  std::vector<float> emit(3 * kTagCount, 0.0f);
  emit[0 * kTagCount + kBPer] = 5;
  emit[1 * kTagCount + kIPer] = 5;
  Transitions trans{};
  std::vector<int> tags;
  Viterbi(words, emit, trans, &tags);
  EXPECT_EQ(tags, (std::vector<int>{kBPer, kIPer, kO}));

  // I-LOC may not follow B-PER, however strong its emission.
  emit.assign(2 * kTagCount, 0.0f);
  for (int t = 0; t < kTagCount; ++t) emit[t] = -100;  // "Ann" is B-PER
  emit[0 * kTagCount + kBPer] = 5;
  emit[1 * kTagCount + kILoc] = 50;
  Viterbi(Describe({"Ann", "went"}), emit, trans, &tags);
  EXPECT_EQ(tags, (std::vector<int>{kBPer, kO}));
}

TEST(Viterbi, NumbersAndCodesAreNeverPersons) {
  const auto words = Describe({"7142286", "A1234567", "12:30", "2024-01-05", "x@y.z", "1.25"});
  std::vector<float> emit(words.size() * kTagCount, 0.0f);
  for (size_t i = 0; i < words.size(); ++i) emit[i * kTagCount + kBPer] = 100;
  std::vector<int> tags;
  Viterbi(words, emit, Transitions{}, &tags);
  for (int t : tags) EXPECT_EQ(t, kO);
}

TEST(SpansOf, GroupsBeginAndInsideTags) {
  const auto spans = SpansOf({kO, kBPer, kIPer, kBPer, kO, kBOrg, kIOrg, kIOrg});
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].kind, Kind::kPerson);
  EXPECT_EQ(spans[0].first, 1u);
  EXPECT_EQ(spans[0].last, 3u);
  EXPECT_EQ(spans[1].first, 3u);
  EXPECT_EQ(spans[2].kind, Kind::kOrganization);
  EXPECT_EQ(spans[2].last, 8u);
}

std::string TempPath(const char* name) {
  return (testing::TempDir().empty() ? std::string("/tmp/") : testing::TempDir()) + name;
}

TEST(ModelFile, SaveAndLoadRoundTrip) {
  Lexicon lex;
  lex.AddPhrase("maria", kFirst);
  std::vector<float> weights((size_t{1} << 10) * kTagCount, 0.0f);
  weights[7] = 2.5f;
  weights[8] = -1.0f;
  Transitions trans{};
  trans[3] = 1.5f;
  const std::string path = TempPath("roundtrip_ner.bin");
  ASSERT_TRUE(Model::Save(path, 10, weights, trans, lex));
  auto model = Model::Load(path);
  ASSERT_TRUE(model) << model.error().ToString();
  EXPECT_EQ((*model)->lexicon().Flags("Maria"), kFirst);
}

TEST(ModelFile, BadFilesAreErrorsThatSayWhy) {
  EXPECT_EQ(Model::Load("/nonexistent/ner.bin").error().code, ErrorCode::kNotFound);
  const std::string path = TempPath("bad_ner.bin");
  for (const std::string& content : {std::string("not a model"), std::string("PIISCNER\x01")}) {
    std::ofstream(path, std::ios::binary) << content;
    auto model = Model::Load(path);
    ASSERT_FALSE(model);
    EXPECT_EQ(model.error().code, ErrorCode::kParse);
    EXPECT_NE(model.error().message.find(path), std::string::npos);
  }

  // A valid model cut short.
  std::vector<float> weights((size_t{1} << 10) * kTagCount, 0.0f);
  ASSERT_TRUE(Model::Save(path, 10, weights, Transitions{}, Lexicon{}));
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), {});
  std::ofstream(path, std::ios::binary) << data.substr(0, data.size() - 10);
  EXPECT_FALSE(Model::Load(path));
}

// A tiny model learns from a few synthetic sentences, in well under a second.
TEST(Trainer, LearnsNamesFromTemplates) {
  auto lex = LoadLexiconDir(PIISCAN_NER_DATA_DIR);
  ASSERT_TRUE(lex) << lex.error().ToString();
  Random random(7);
  auto data = Synthesize(PIISCAN_NER_DATA_DIR, 3000, &random);
  ASSERT_TRUE(data) << data.error().ToString();
  const std::string path = TempPath("tiny_ner.bin");
  ASSERT_TRUE(TrainModel(*data, *lex, TrainOptions{16, 3, 1}, path, nullptr));
  auto model = Model::Load(path);
  ASSERT_TRUE(model);

  Random held_out(99);
  auto test = Synthesize(PIISCAN_NER_DATA_DIR, 500, &held_out);
  ASSERT_TRUE(test);
  const SpanCounts c = Evaluate(**model, *test);
  const int per = static_cast<int>(Kind::kPerson);
  const double recall = static_cast<double>(c.tp[per]) / static_cast<double>(c.tp[per] + c.fn[per]);
  EXPECT_GT(recall, 0.8);
}

}  // namespace
}  // namespace piiscan::ner
