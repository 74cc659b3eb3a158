#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class UkNhsTest : public testing::TestWithParam<Case> {};

TEST_P(UkNhsTest, Verdict) { EXPECT_EQ(UkNhs(GetParam().text), GetParam().want); }

constexpr Case kCases[] = {
    {"9434765919", kValid},
    {"943 476 5919", kValid},
    {"943-476-5919", kValid},
    {"4010232137", kValid},
    {"401 023 2137", kValid},
    {"9434765918", kInvalid},
    {"943 476-5919", kInvalid},
    {"943  476 5919", kInvalid},
    {"943476591", kInvalid},
    {"94347659190", kInvalid},
    {"943.476.5919", kInvalid},
    {"", kInvalid},
    // Check digit 10 is never issued.
    {"6541237890", kInvalid},
    // Repeated digits pass mod 11 but are placeholders.
    {"0000000000", kInvalid},
    {"1111111111", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, UkNhsTest, testing::ValuesIn(kCases));

}  // namespace
}  // namespace piiscan::validators
