#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class MacTest : public testing::TestWithParam<Case> {};

TEST_P(MacTest, Verdict) { EXPECT_EQ(Mac(GetParam().text), GetParam().want); }

constexpr Case kCases[] = {
    {"00:1A:2B:3C:4D:5E", kValid},   {"00-1a-2b-3c-4d-5e", kValid},
    {"001a.2b3c.4d5e", kValid},      {"ff:ff:ff:ff:ff:ff", kValid},
    {"d0:50:99:82:e7:2b", kValid},   {"00:00:00:00:00:00", kInvalid},
    {"0000.0000.0000", kInvalid},    {"00:1A:2B-3C:4D:5E", kInvalid},
    {"00:1A:2B:3C:4D", kInvalid},    {"00:1A:2B:3C:4D:5E:6F", kInvalid},
    {"00:1A:2B:3C:4D:5G", kInvalid}, {"0:1A:2B:3C:4D:5E", kInvalid},
    {"001A2B3C4D5E", kInvalid},      {"00.1A.2B.3C.4D.5E", kInvalid},
    {"001a:2b3c:4d5e", kInvalid},    {"001a-2b3c-4d5e", kInvalid},
    {"12:34:56", kInvalid},          {"", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, MacTest, testing::ValuesIn(kCases));

}  // namespace
}  // namespace piiscan::validators
