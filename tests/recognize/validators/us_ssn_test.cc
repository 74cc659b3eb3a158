#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class UsSsnTest : public testing::TestWithParam<Case> {};

TEST_P(UsSsnTest, Verdict) { EXPECT_EQ(UsSsn(GetParam().text), GetParam().want); }

constexpr Case kForms[] = {
    {"536-22-1234", kValid},   {"536 22 1234", kValid},
    {"536221234", kValid},     {"001-01-0001", kValid},
    {"899-99-9999", kValid},   {"665-12-3456", kValid},
    {"536-22 1234", kInvalid}, {"536 22-1234", kInvalid},
    {"53622-1234", kInvalid},  {"536-221234", kInvalid},
    {"536.22.1234", kInvalid}, {"536--22-1234", kInvalid},
    {"5362212345", kInvalid},  {"53622123", kInvalid},
    {"536-22-123a", kInvalid}, {"", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Forms, UsSsnTest, testing::ValuesIn(kForms));

constexpr Case kAllocationRules[] = {
    {"000-12-3456", kInvalid}, {"666-12-3456", kInvalid}, {"900-12-3456", kInvalid},
    {"999-12-3456", kInvalid}, {"536-00-1234", kInvalid}, {"536-22-0000", kInvalid},
    {"000000000", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(AllocationRules, UsSsnTest, testing::ValuesIn(kAllocationRules));

constexpr Case kKnownFakes[] = {
    {"078-05-1120", kInvalid}, {"078051120", kInvalid},   {"219-09-9999", kInvalid},
    {"123-45-6789", kInvalid}, {"123 45 6789", kInvalid}, {"111-11-1111", kInvalid},
    {"555-55-5555", kInvalid}, {"888888888", kInvalid},   {"123-45-6788", kValid},
};
INSTANTIATE_TEST_SUITE_P(KnownFakes, UsSsnTest, testing::ValuesIn(kKnownFakes));

}  // namespace
}  // namespace piiscan::validators
