#include <gtest/gtest.h>

#include <string>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class EmailTest : public testing::TestWithParam<Case> {};

TEST_P(EmailTest, Verdict) { EXPECT_EQ(Email(GetParam().text), GetParam().want); }

constexpr Case kCases[] = {
    {"john.doe@example.com", kValid},
    {"j@example.co.uk", kValid},
    {"first+tag@sub-domain.example.org", kValid},
    {"o'brien@example.ie", kValid},
    {"user_name-1@a1.example.museum", kValid},
    {"USER@EXAMPLE.COM", kValid},
    {".john@example.com", kInvalid},
    {"john.@example.com", kInvalid},
    {"jo..hn@example.com", kInvalid},
    {"john@@example.com", kInvalid},
    {"john@exa@mple.com", kInvalid},
    {"@example.com", kInvalid},
    {"john@", kInvalid},
    {"john@localhost", kInvalid},    // no TLD
    {"john@example.c", kInvalid},    // one-letter TLD
    {"john@example.c0m", kInvalid},  // TLD not alphabetic
    {"john@192.168.1.1", kInvalid},
    {"john@-example.com", kInvalid},  // label starts with '-'
    {"john@example-.com", kInvalid},  // label ends with '-'
    {"john@example..com", kInvalid},
    {"john@.example.com", kInvalid},
    {"john@example.com.", kInvalid},
    {"john@exa_mple.com", kInvalid},
    {"jo hn@example.com", kInvalid},
    {"john(doe)@example.com", kInvalid},
    {"", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, EmailTest, testing::ValuesIn(kCases));

TEST(EmailLimits, LocalPartOf64IsTheMost) {
  EXPECT_EQ(Email(std::string(64, 'a') + "@example.com"), kValid);
  EXPECT_EQ(Email(std::string(65, 'a') + "@example.com"), kInvalid);
}

TEST(EmailLimits, LabelOf63IsTheMost) {
  EXPECT_EQ(Email("a@" + std::string(63, 'b') + ".com"), kValid);
  EXPECT_EQ(Email("a@" + std::string(64, 'b') + ".com"), kInvalid);
}

TEST(EmailLimits, DomainOf253IsTheMost) {
  std::string labels;
  for (int i = 0; i < 4; ++i) labels += std::string(61, 'x') + ".";  // 248 characters
  EXPECT_EQ(Email("a@" + labels + "abcde"), kValid);
  EXPECT_EQ(Email("a@" + labels + "abcdef"), kInvalid);
}

}  // namespace
}  // namespace piiscan::validators
