// PhoneMetadataIndex against libphonenumber itself.
//
// Whenever Check() decides (anything but kUnsure), its verdict, and the
// number it read, must be what PhoneNumberUtil::Parse() followed by
// IsValidNumber() / IsPossibleNumber() gives. The inputs are every example
// number in shared/data/libphonenumber/example_numbers.tsv written several
// ways, and pseudo-random digit strings; shared/ is $PIISCAN_SHARED_DIR or,
// when that is unset, "../shared" beside the source tree. A missing table
// fails the test when the variable is set, and skips it otherwise.

#include "recognize/phone_metadata.h"

#include <gtest/gtest.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace piiscan::recognize {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr char kTablePath[] = "data/libphonenumber/example_numbers.tsv";
const std::vector<std::string> kDefaultRegions = {"US", "GB", "DE", "FR", "IN", "CA", "AU", "IE"};
constexpr double kMaxUnsureRate = 0.10;
constexpr int kRandomCases = 20000;

const char* Name(PhoneVerdict v) {
  switch (v) {
    case PhoneVerdict::kValid:
      return "valid";
    case PhoneVerdict::kPossible:
      return "possible";
    case PhoneVerdict::kInvalid:
      return "invalid";
    case PhoneVerdict::kUnsure:
      return "unsure";
  }
  return "?";
}

std::string Describe(const FastPhoneResult& r) {
  std::ostringstream out;
  out << Name(r.verdict) << " " << r.region << " " << FormatE164(r);
  return out.str();
}

// What libphonenumber says, in the same shape.
FastPhoneResult Reference(const std::string& text, const std::string& region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  FastPhoneResult r;
  r.verdict = PhoneVerdict::kInvalid;
  PhoneNumber number;
  if (util.Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return r;
  util.GetRegionCodeForNumber(number, &r.region);
  r.country_code = number.country_code();
  r.national_number = number.national_number();
  r.leading_zeros = number.italian_leading_zero() ? number.number_of_leading_zeros() : 0;
  r.verdict = util.IsValidNumber(number)      ? PhoneVerdict::kValid
              : util.IsPossibleNumber(number) ? PhoneVerdict::kPossible
                                              : PhoneVerdict::kInvalid;
  return r;
}

bool Agrees(const FastPhoneResult& fast, const FastPhoneResult& slow) {
  if (fast.verdict != slow.verdict) return false;
  if (fast.country_code == 0) return true;  // Parse() would fail: nothing more to compare
  return fast.region == slow.region && fast.country_code == slow.country_code &&
         fast.national_number == slow.national_number && fast.leading_zeros == slow.leading_zeros;
}

// Counts of one agreement run.
struct Tally {
  int total = 0;
  int unsure = 0;
  std::map<std::string, int> agreed;  // by verdict
  std::vector<std::string> disagreements;

  void Add(const PhoneMetadataIndex& index, const std::string& text, const std::string& region) {
    ++total;
    const FastPhoneResult fast = index.Check(text, region);
    if (fast.verdict == PhoneVerdict::kUnsure) {
      ++unsure;
      return;
    }
    const FastPhoneResult slow = Reference(text, region);
    if (Agrees(fast, slow)) {
      ++agreed[Name(fast.verdict)];
      return;
    }
    disagreements.push_back("\"" + text + "\" in " + region + ": fast " + Describe(fast) +
                            ", libphonenumber " + Describe(slow));
  }

  double unsure_rate() const { return total == 0 ? 0 : static_cast<double>(unsure) / total; }

  std::string Summary() const {
    std::ostringstream out;
    out << total << " cases, " << unsure << " unsure (" << 100 * unsure_rate() << "%), agreed:";
    for (const auto& [verdict, count] : agreed) out << " " << verdict << " " << count;
    out << ", disagreed " << disagreements.size();
    return out.str();
  }

  std::string FirstDisagreements() const {
    std::string out;
    for (size_t i = 0; i < disagreements.size() && i < 25; ++i) out += disagreements[i] + "\n";
    return out;
  }
};

std::string Replace(std::string s, char from, char to) {
  std::replace(s.begin(), s.end(), from, to);
  return s;
}

std::string DigitsOf(std::string_view s) {
  std::string digits;
  for (char c : s) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

// One number written the ways people write numbers.
std::vector<std::string> Layouts(const std::string& e164) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::vector<std::string> out = {e164, "00" + e164.substr(1), "011 " + e164.substr(1)};
  PhoneNumber number;
  if (util.Parse(e164, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return out;
  std::string national;
  std::string international;
  util.Format(number, PhoneNumberUtil::NATIONAL, &national);
  util.Format(number, PhoneNumberUtil::INTERNATIONAL, &international);
  const std::vector<std::string> more = {
      national,
      Replace(national, ' ', '-'),
      Replace(national, ' ', '.'),
      DigitsOf(national),
      international,
      Replace(international, ' ', '-'),
      Replace(international, ' ', '.'),
      national + " ext. 12",
      international + " x818",
      national + " #4",
      "Tel " + national + ".",
  };
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

struct ExampleRow {
  std::string region;
  std::string e164;
};

std::vector<ExampleRow> ReadExamples(const std::filesystem::path& path) {
  std::vector<ExampleRow> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // region country_code number_type nsn e164 national_prefix
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, '\t')) fields.push_back(field);
    if (fields.size() >= 5) rows.push_back({fields[0], fields[4]});
  }
  return rows;
}

// A deterministic generator (splitmix64), the same on every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

std::string Grouped(const std::string& digits, char separator, Random* random) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && random->Below(3) == 0) out += separator;
    out += digits[i];
  }
  return out;
}

// Appends the parts (sidesteps GCC 12's false -Wrestrict on "lit" + string&&).
std::string Join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out += part;
  return out;
}

std::string RandomLayout(const std::string& d, int layout, Random* random) {
  switch (layout) {
    case 0:
      return d;
    case 1:
      return Join({"+", d});
    case 2:
      return Grouped(d, ' ', random);
    case 3:
      return Grouped(d, '-', random);
    case 4:
      return Grouped(d, '.', random);
    case 5:
      return Join({"(", d.substr(0, 3), ") ", d.substr(3, 3), "-", d.substr(6)});
    case 6:
      return Join({"+", d.substr(0, 2), " ", Grouped(d.substr(2), ' ', random)});
    case 7:
      return Join({"00", d});
    case 8:
      return Join({Grouped(d, '-', random), " x123"});
    default:
      return Join({"+", Grouped(d, ' ', random), " ext. 45"});
  }
}

class PhoneMetadataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_ = PhoneMetadataIndex::Create().release(); }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }

  const PhoneMetadataIndex& index() const { return *index_; }

  std::filesystem::path ExamplesPath() {
    const char* shared = std::getenv("PIISCAN_SHARED_DIR");
    const std::filesystem::path dir =
        shared != nullptr ? std::filesystem::path(shared) : PIISCAN_DEFAULT_SHARED_DIR;
    return dir / kTablePath;
  }

  static const PhoneMetadataIndex* index_;
};

const PhoneMetadataIndex* PhoneMetadataTest::index_ = nullptr;

TEST_F(PhoneMetadataTest, LoadsEveryRegionAndCompilesEveryPattern) {
  ASSERT_NE(index_, nullptr);
  std::string rejected;
  for (const std::string& r : index().rejected_patterns()) rejected += r + "\n";
  EXPECT_TRUE(index().rejected_patterns().empty()) << rejected;
  EXPECT_NE(index().Check("+44 20 7946 0018", "ZZ").verdict, PhoneVerdict::kUnsure);
}

struct Case {
  std::string text;
  std::string region;
};

// The layouts piiscan meets in text; each must be decided, and agree.
TEST_F(PhoneMetadataTest, DecidesCommonLayouts) {
  const std::vector<Case> cases = {
      {"(415) 555-2671", "US"},
      {"+44 20 7946 0018", "US"},
      {"0049 30 1234567", "GB"},
      {"001-755-329-4431x818", "US"},
      {"020 7946 0018 ext. 12", "GB"},
      {"020 7946 0018 EXT 12", "GB"},
      {"020 7946 0018 #12", "GB"},
      {"+1 415.555.2671 extension 7", "DE"},
      {"06 12345678", "IT"},
      {"+39 06 1234 5678", "US"},
      {"604 555 1234", "US"},
      {"+1 268 460 1234", "GB"},
      {"011 54 9 11 1234 5678", "US"},
      {"0011 61 2 1234 5678", "AU"},
      {"+800 1234 5678", "ZZ"},
      {"4420 7946 0018", "GB"},
      {"+0 20 7946 0018", "GB"},
      {"+999 1234 5678", "US"},
      {"12345", "ZZ"},
      {"98765 43210", "IN"},
      {"030/1234567", "DE"},
      {"+353 1 234 5678", "IE"},
      {"(02) 9876 5432", "AU"},
      {"01 23 45 67 89", "FR"},
      {"555-0123", "US"},
      {"no digits at all", "US"},
  };
  for (const Case& c : cases) {
    const FastPhoneResult fast = index().Check(c.text, c.region);
    const FastPhoneResult slow = Reference(c.text, c.region);
    EXPECT_NE(fast.verdict, PhoneVerdict::kUnsure) << c.text << " in " << c.region;
    if (fast.verdict == PhoneVerdict::kUnsure) continue;
    EXPECT_TRUE(Agrees(fast, slow)) << c.text << " in " << c.region << ": fast " << Describe(fast)
                                    << ", libphonenumber " << Describe(slow);
  }
}

// Text the simplified reading does not model is left to libphonenumber.
TEST_F(PhoneMetadataTest, LeavesOddTextToLibphonenumber) {
  const std::vector<Case> cases = {
      {"1-800-FLOWERS", "US"},
      {"(530) 583-6985 x302/x2303", "US"},
      {"415 555 2671;ext=12", "US"},
      {"+1 415 555 2671 - 503#", "US"},
      {"++44 20 7946 0018", "US"},
      {"415+555+2671", "US"},
      {"\xEF\xBC\x94\xEF\xBC\x91\xEF\xBC\x95 555 2671", "US"},
      {"415 555 2671", "us"},
      {"415 555 2671", "001"},
      {"415 555 2671 x1234567", "US"},
      {"12", "US"},
      {"415 555 2671 int 5", "US"},
      {"415\t555\t2671", "US"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(index().Check(c.text, c.region).verdict, PhoneVerdict::kUnsure)
        << c.text << " in " << c.region;
  }
}

TEST_F(PhoneMetadataTest, FormatsE164WithLeadingZeros) {
  EXPECT_EQ(FormatE164(index().Check("06 1234 5678", "IT")), "+390612345678");
  EXPECT_EQ(FormatE164(index().Check("(415) 555-2671", "US")), "+14155552671");
  EXPECT_EQ(FormatE164(index().Check("no number", "US")), "");
}

TEST_F(PhoneMetadataTest, AgreesOnEveryExampleNumber) {
  const char* shared = std::getenv("PIISCAN_SHARED_DIR");
  const std::filesystem::path path = ExamplesPath();
  if (!std::filesystem::exists(path)) {
    if (shared != nullptr) FAIL() << "PIISCAN_SHARED_DIR is set but " << path << " is missing";
    GTEST_SKIP() << path << " not found; set PIISCAN_SHARED_DIR to run";
  }
  const std::vector<ExampleRow> rows = ReadExamples(path);
  ASSERT_GT(rows.size(), 1000u) << path << " looks truncated";

  Tally own;       // each number in its own region
  Tally defaults;  // each number in the default regions
  for (const ExampleRow& row : rows) {
    for (const std::string& text : Layouts(row.e164)) {
      if (row.region.size() == 2) own.Add(index(), text, row.region);
      for (const std::string& region : kDefaultRegions) defaults.Add(index(), text, region);
    }
  }
  std::cout << "[ examples ] own region: " << own.Summary() << "\n"
            << "[ examples ] default regions: " << defaults.Summary() << "\n";
  EXPECT_TRUE(own.disagreements.empty()) << own.FirstDisagreements();
  EXPECT_TRUE(defaults.disagreements.empty()) << defaults.FirstDisagreements();
  EXPECT_LT(defaults.unsure_rate(), kMaxUnsureRate);
}

TEST_F(PhoneMetadataTest, AgreesOnRandomDigitStrings) {
  Random random(20240611);
  Tally tally;
  for (int i = 0; i < kRandomCases; ++i) {
    std::string digits;
    const int length = 7 + random.Below(9);
    for (int j = 0; j < length; ++j) digits += static_cast<char>('0' + random.Below(10));
    const std::string text = RandomLayout(digits, i % 10, &random);
    for (const std::string& region : kDefaultRegions) tally.Add(index(), text, region);
  }
  std::cout << "[ random ] " << tally.Summary() << "\n";
  EXPECT_TRUE(tally.disagreements.empty()) << tally.FirstDisagreements();
  EXPECT_LT(tally.unsure_rate(), kMaxUnsureRate);
}

TEST_F(PhoneMetadataTest, SameAnswersFromConcurrentThreads) {
  std::vector<Case> cases;
  Random random(7);
  for (int i = 0; i < 2000; ++i) {
    std::string digits;
    for (int j = 0; j < 10; ++j) digits += static_cast<char>('0' + random.Below(10));
    cases.push_back({RandomLayout(digits, i % 10, &random), kDefaultRegions[i % 8]});
  }
  std::vector<std::string> expected;
  for (const Case& c : cases) expected.push_back(Describe(index().Check(c.text, c.region)));

  auto run = [&](int* mismatches) {
    for (size_t i = 0; i < cases.size(); ++i) {
      if (Describe(index().Check(cases[i].text, cases[i].region)) != expected[i]) ++*mismatches;
    }
  };
  int a = 0;
  int b = 0;
  std::thread first(run, &a);
  std::thread second(run, &b);
  first.join();
  second.join();
  EXPECT_EQ(a + b, 0);
}

// Median time of one call of `fn` on each case, in nanoseconds.
template <typename Fn>
double MedianNanos(const std::vector<Case>& cases, int repeats, Fn fn) {
  std::vector<double> per_case;
  for (const Case& c : cases) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < repeats; ++i) fn(c);
    const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
    per_case.push_back(took.count() / repeats);
  }
  std::nth_element(per_case.begin(), per_case.begin() + per_case.size() / 2, per_case.end());
  return per_case[per_case.size() / 2];
}

// Typical inputs: example numbers, national and international layouts,
// in the default regions. Reports both speeds; asserts only the ratio,
// which survives slow or sanitized builds.
TEST_F(PhoneMetadataTest, FasterThanLibphonenumber) {
  const std::filesystem::path path = ExamplesPath();
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found";
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::vector<Case> cases;
  for (const ExampleRow& row : ReadExamples(path)) {
    const std::vector<std::string> layouts = Layouts(row.e164);
    for (size_t i = 0; i < layouts.size(); i += 4) {
      cases.push_back({layouts[i], kDefaultRegions[cases.size() % kDefaultRegions.size()]});
    }
  }

  int sink = 0;
  const double fast = MedianNanos(cases, 50, [&](const Case& c) {
    sink += static_cast<int>(index().Check(c.text, c.region).verdict);
  });
  const double slow = MedianNanos(cases, 3, [&](const Case& c) {
    PhoneNumber number;
    if (util.Parse(c.text, c.region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return;
    sink += util.IsValidNumber(number) ? 1 : 0;
  });
  std::cout << "[ speed ] " << cases.size() << " inputs, median per call: Check() " << fast
            << " ns, Parse()+IsValidNumber() " << slow << " ns (" << slow / fast << "x)\n";
  EXPECT_GT(sink, 0);
  EXPECT_LT(fast * 5, slow);
}

}  // namespace
}  // namespace piiscan::recognize
