#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class AbaRoutingTest : public testing::TestWithParam<Case> {};

TEST_P(AbaRoutingTest, Verdict) { EXPECT_EQ(AbaRouting(GetParam().text), GetParam().want); }

constexpr Case kCases[] = {
    {"011000015", kValid},
    {"021000021", kValid},
    {"026009593", kValid},
    {"111000025", kValid},
    {"322271627", kValid},
    {"121000358", kValid},
    {"091000019", kValid},
    {"021000022", kInvalid},
    {"123456789", kInvalid},
    {"02100002", kInvalid},
    {"0210000210", kInvalid},
    {"021-000-021", kInvalid},
    {"02100002a", kInvalid},
    {"000000000", kInvalid},
    {"", kInvalid},
    // Checksum right, but no Federal Reserve prefix starts that way.
    {"130000006", kInvalid},
    {"330000000", kInvalid},
    {"400000008", kInvalid},
    {"730000008", kInvalid},
    {"810000009", kInvalid},
    {"900000003", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, AbaRoutingTest, testing::ValuesIn(kCases));

}  // namespace
}  // namespace piiscan::validators
