// The shipped name model and rules inside the analyzer.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "ner/name_recognizer.h"
#include "piiscan/analyzer.h"

namespace piiscan {
namespace {

std::shared_ptr<const Analyzer> NamesAnalyzer() {
  static const std::shared_ptr<const Analyzer> analyzer = [] {
    AnalyzerConfig config;
    config.names = true;
    auto a = Analyzer::Create(config);
    EXPECT_TRUE(a) << a.error().ToString();
    return a ? *a : nullptr;
  }();
  return analyzer;
}

struct Found {
  std::string type;
  std::string value;
};

std::vector<Found> Analyze(const std::string& text, AnalyzeOptions options = {}) {
  auto findings = NamesAnalyzer()->Analyze(text, options);
  EXPECT_TRUE(findings) << findings.error().ToString();
  std::vector<Found> out;
  if (!findings) return out;
  for (const Finding& f : *findings) {
    out.push_back({f.entity_type, text.substr(f.byte_start, f.byte_end - f.byte_start)});
  }
  return out;
}

bool Has(const std::vector<Found>& found, const std::string& type, const std::string& value) {
  for (const Found& f : found) {
    if (f.type == type && f.value == value) return true;
  }
  return false;
}

TEST(NameStage, PersonInTitleCaseAllCapsAndLowerCaseAfterACue) {
  for (const char* text :
       {"Patient: Odalys Fernworth", "Patient: ODALYS FERNWORTH", "Patient: odalys fernworth"}) {
    const std::string t = text;
    EXPECT_TRUE(Has(Analyze(t), "PERSON", t.substr(9))) << text;
  }
}

TEST(NameStage, PersonsInSentences) {
  struct Case {
    const char* text;
    const char* name;
  };
  for (const Case& c : {Case{"Yesterday I met Maria Lopez at the station.", "Maria Lopez"},
                        Case{"Dear Mr. Whitfield, thank you for your letter.", "Whitfield"},
                        Case{"The report was signed by Dr. Aisha Khan on Monday.", "Aisha Khan"},
                        Case{"JOHN SMITH", "JOHN SMITH"}}) {
    EXPECT_TRUE(Has(Analyze(c.text), "PERSON", c.name)) << c.text;
  }
}

TEST(NameStage, NumbersTimestampsCodesAndIdsAreNeverPersons) {
  for (const char* text : {"member_id\n7142286\n7150934\n", "1711122334.50 -1.25",
                           "ts=2024-05-01T12:30:00Z id=A1B2C3D4 user=4411", "Call 555-0147 now",
                           "ID A12345678 and order #99812", "ana.pereira@example.pt"}) {
    for (const Found& f : Analyze(text)) {
      EXPECT_NE(f.type, "PERSON") << text;
      EXPECT_NE(f.type, "LOCATION") << text;
      EXPECT_NE(f.type, "ORGANIZATION") << text;
    }
  }
}

TEST(NameStage, ContextWordsRaiseTheScoreAndAreExplained) {
  AnalyzeOptions options;
  options.explain = true;
  auto with = NamesAnalyzer()->Analyze("Patient name: odalys fernworth", options);
  ASSERT_TRUE(with);
  ASSERT_EQ(with->size(), 1u);
  const Finding& f = with->front();
  EXPECT_EQ(f.entity_type, "PERSON");
  EXPECT_EQ(f.recognizer, "name_model_person");
  EXPECT_EQ(f.explanation.pattern, "name_model");
  EXPECT_GT(f.explanation.context_boost, 0.0);
  EXPECT_GT(f.score, f.explanation.base_score);
  EXPECT_FALSE(f.explanation.context_words.empty());
}

TEST(NameStage, StreetAddressesAreOneSpan) {
  struct Case {
    const char* text;
    const char* address;
  };
  for (const Case& c :
       {Case{"Ship to 62 Angela Parkway Apt. 301, Lake Sarahfort, AL 92838 please",
             "62 Angela Parkway Apt. 301, Lake Sarahfort, AL 92838"},
        Case{"I live at 5380 Johnson Ramp Suite 617\nNorth Jessicaberg, NE 29107",
             "5380 Johnson Ramp Suite 617\nNorth Jessicaberg, NE 29107"},
        Case{"Write to 10 Downing Street, London SW1A 2AA.", "10 Downing Street, London SW1A 2AA"},
        Case{"Adresse: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"},
        Case{"chez 4 rue de la Paix, 75002 Paris, France.",
             "4 rue de la Paix, 75002 Paris, France"},
        Case{"USNS Brown\nFPO AP 44524", "USNS Brown\nFPO AP 44524"},
        Case{"Send it to P.O. Box 101 today", "P.O. Box 101"}}) {
    EXPECT_TRUE(Has(Analyze(c.text), "STREET_ADDRESS", c.address)) << c.text;
  }
  EXPECT_TRUE(Analyze("We sold 300 Main Street shirts").size() <= 1);
}

TEST(NameStage, FixedForms) {
  EXPECT_TRUE(Has(Analyze("The patient is 42 years old."), "AGE", "42 years old"));
  EXPECT_TRUE(Has(Analyze("a 7-year-old boy"), "AGE", "7-year-old"));
  EXPECT_TRUE(Has(Analyze("ZIP code: 94107"), "ZIP_CODE", "94107"));
  EXPECT_TRUE(Has(Analyze("Mrs. Alvarez called"), "TITLE", "Mrs."));
  EXPECT_TRUE(Has(Analyze("He is a Catholic priest"), "NRP", "Catholic"));
  EXPECT_TRUE(Has(Analyze("driver's license number D1234567"), "US_DRIVER_LICENSE", "D1234567"));
}

TEST(NameStage, EntityFilterSkipsTheStage) {
  AnalyzeOptions options;
  options.entities = {"EMAIL_ADDRESS"};
  const auto found = Analyze("Maria Lopez wrote from maria@example.com", options);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].type, "EMAIL_ADDRESS");
}

TEST(NameStage, OffByDefaultInTheLibrary) {
  auto analyzer = Analyzer::Create(AnalyzerConfig{});
  ASSERT_TRUE(analyzer);
  auto findings = (*analyzer)->Analyze("Patient: Odalys Fernworth", {});
  ASSERT_TRUE(findings);
  EXPECT_TRUE(findings->empty());
}

TEST(NameStage, MissingModelIsAnErrorOnFirstUse) {
  AnalyzerConfig config;
  config.names = true;
  config.name_model = "/nonexistent/ner.bin";
  auto analyzer = Analyzer::Create(config);
  ASSERT_TRUE(analyzer);
  auto findings = (*analyzer)->Analyze("Maria", {});
  ASSERT_FALSE(findings);
  EXPECT_NE(findings.error().message.find("/nonexistent/ner.bin"), std::string::npos);
}

TEST(ModelRegistry, ShippedModelLoadsFastAndIsShared) {
  const auto t0 = std::chrono::steady_clock::now();
  auto a = ner::ModelRegistry::Instance().Get(ner::DefaultModelPath());
  const auto load = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_LT(load, std::chrono::seconds(1));
  auto b = ner::ModelRegistry::Instance().Get(ner::DefaultModelPath());
  ASSERT_TRUE(b);
  EXPECT_EQ(a->get(), b->get());
  EXPECT_LT((*a)->MemoryBytes(), size_t{200} << 20);
}

TEST(ModelRegistry, AModelNobodyHoldsIsUnloaded) {
  const std::string path = testing::TempDir() + "registry_ner.bin";
  std::vector<float> weights((size_t{1} << 10) * ner::kTagCount, 0.0f);
  ASSERT_TRUE(ner::Model::Save(path, 10, weights, ner::Transitions{}, ner::Lexicon{}));
  auto a = ner::ModelRegistry::Instance().Get(path);
  ASSERT_TRUE(a);
  const std::weak_ptr<const ner::Model> weak = *a;
  a->reset();
  EXPECT_TRUE(weak.expired());
  auto again = ner::ModelRegistry::Instance().Get(path);
  ASSERT_TRUE(again);
}

}  // namespace
}  // namespace piiscan
