// Every validator must answer any byte string without crashing, reading
// out of bounds or throwing. Run under ASan/UBSan this is a cheap fuzzer.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

constexpr std::string_view kNames[] = {
    "credit_card", "iban", "us_ssn",    "uk_nhs",  "aba_routing", "ipv4",         "ipv6",
    "email",       "mac",  "date_time", "bitcoin", "ethereum",    "github_token", "jwt",
};

// Valid values of each format, to mutate into near misses.
constexpr std::string_view kSeeds[] = {
    "4111 1111 1111 1111",
    "GB29 NWBK 6016 1331 9268 19",
    "536-22-1234",
    "943 476 5919",
    "021000021",
    "192.168.1.1",
    "2001:db8::8a2e:370:7334",
    "john.doe@example.com",
    "00:1A:2B:3C:4D:5E",
    "Tuesday, 3rd of March, 2021 at 10:30:15.250 pm UTC+01:00",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "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",
    "eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9.",
};

// Characters the formats care about, plus NUL and non-ASCII bytes.
constexpr std::string_view kAlphabet = "0123456789abcdefxyzABCDEFXYZ :-./@_+,TZ=\xc3\xa9\xff\x80";

std::string Mutate(std::string_view seed, std::mt19937& rng) {
  std::string text(seed);
  std::uniform_int_distribution<int> edits(1, 3);
  for (int n = edits(rng); n > 0; --n) {
    std::size_t pos = std::uniform_int_distribution<std::size_t>(0, text.size())(rng);
    char c = kAlphabet[std::uniform_int_distribution<std::size_t>(0, kAlphabet.size())(rng) %
                       kAlphabet.size()];
    switch (rng() % 3) {
      case 0:
        text.insert(pos, 1, c);
        break;
      case 1:
        if (pos < text.size()) text.erase(pos, 1);
        break;
      default:
        if (pos < text.size()) text[pos] = c;
        break;
    }
  }
  return text;
}

std::string RandomText(std::mt19937& rng) {
  std::size_t length = std::uniform_int_distribution<std::size_t>(0, 120)(rng);
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    text.push_back(rng() % 50 == 0 ? '\0' : kAlphabet[rng() % kAlphabet.size()]);
  }
  return text;
}

void ExpectAnswers(std::string_view text) {
  for (std::string_view name : kNames) {
    ValidatorFn validate = Find(name);
    ASSERT_NE(validate, nullptr) << name;
    Verdict verdict = validate(text);
    EXPECT_TRUE(verdict == Verdict::kValid || verdict == Verdict::kInvalid ||
                verdict == Verdict::kUnknown);
  }
}

TEST(Robustness, MutatedValidValues) {
  std::mt19937 rng(20240601);
  for (int round = 0; round < 300; ++round) {
    for (std::string_view seed : kSeeds) ExpectAnswers(Mutate(seed, rng));
  }
}

TEST(Robustness, RandomText) {
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) ExpectAnswers(RandomText(rng));
}

TEST(Robustness, LongInput) {
  ExpectAnswers(std::string(100000, '1'));
  ExpectAnswers(std::string(100000, 'a'));
  ExpectAnswers("eyJhbGciOiJub25lIn0." + std::string(100000, 'W') + ".");
}

}  // namespace
}  // namespace piiscan::validators
