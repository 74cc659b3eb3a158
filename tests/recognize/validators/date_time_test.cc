#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class DateTimeTest : public testing::TestWithParam<Case> {};

TEST_P(DateTimeTest, Verdict) { EXPECT_EQ(DateTime(GetParam().text), GetParam().want); }

constexpr Case kIso[] = {
    {"2021-03-15", kValid},           {"2021/3/5", kValid},
    {"2021.03.15", kValid},           {"20210315", kValid},
    {"2021-03-15T10:30:00Z", kValid}, {"2021-03-15T10:30:00.123+01:00", kValid},
    {"2021-03-15 10:30", kValid},     {"2021-03-15T23:59:59-0500", kValid},
    {"2020-02-29", kValid},           {"2000-02-29", kValid},
    {"1900-02-29", kInvalid},         {"2021-02-29", kInvalid},
    {"2021-13-01", kInvalid},         {"2021-00-10", kInvalid},
    {"2021-04-31", kInvalid},         {"2021-03-00", kInvalid},
    {"0999-03-15", kInvalid},         {"3000-03-15", kInvalid},
    {"20211315", kInvalid},           {"2021-03-15T24:00", kInvalid},
    {"2021-03-15T10:60", kInvalid},   {"2021-03/15", kUnknown},
};
INSTANTIATE_TEST_SUITE_P(Iso, DateTimeTest, testing::ValuesIn(kIso));

constexpr Case kNumeric[] = {
    {"15/03/2021", kValid},  // day first
    {"03/15/2021", kValid},  // month first
    {"03/04/2021", kValid},  // either
    {"15.03.2021", kValid},   {"3-15-21", kValid},      {"29/02/2020", kValid},
    {"29/02/2021", kInvalid}, {"29/02/21", kInvalid},   {"29/02/24", kValid},
    {"31/04/2021", kInvalid}, {"13/13/2021", kInvalid}, {"00/10/2021", kInvalid},
    {"15/03/0999", kInvalid}, {"15/03/202", kUnknown},  {"15/03-2021", kUnknown},
    {"15/03", kUnknown},      {"1/2/3", kUnknown},
};
INSTANTIATE_TEST_SUITE_P(Numeric, DateTimeTest, testing::ValuesIn(kNumeric));

constexpr Case kWritten[] = {
    {"3 March 2021", kValid},
    {"3rd March 2021", kValid},
    {"3rd of March, 2021", kValid},
    {"March 3, 2021", kValid},
    {"March 3 2021", kValid},
    {"Mar. 3, 2021", kValid},
    {"3 Sept 2021", kValid},
    {"march 3rd", kValid},
    {"3 MARCH", kValid},
    {"March 2021", kValid},
    {"Tuesday, 3 March 2021", kValid},
    {"Wed 3 March 2021", kValid},
    {"29 February 2020", kValid},
    {"29 February 2021", kInvalid},
    {"31 April 2021", kInvalid},
    {"April 31, 2021", kInvalid},
    {"32 March 2021", kInvalid},
    {"0 March 2021", kInvalid},
    {"March 3, 0999", kInvalid},
    {"3 Marsh 2021", kUnknown},
    {"3 Ma 2021", kUnknown},
    {"March", kUnknown},
};
INSTANTIATE_TEST_SUITE_P(Written, DateTimeTest, testing::ValuesIn(kWritten));

constexpr Case kTimes[] = {
    {"10:30", kValid},
    {"0:00", kValid},
    {"23:59:59", kValid},
    {"23:59:60", kValid},  // leap second
    {"10:30:15.250", kValid},
    {"2:05 pm", kValid},
    {"2:05PM", kValid},
    {"11:59 a.m.", kValid},
    {"2pm", kValid},
    {"12 AM", kValid},
    {"14:05Z", kValid},
    {"14:05 UTC", kValid},
    {"14:05 GMT+2", kValid},
    {"March 3, 2021 at 10:30 pm", kValid},
    {"3 March 2021, 14:05", kValid},
    {"15/03/2021 09:15", kValid},
    {"24:00", kInvalid},
    {"10:60", kInvalid},
    {"10:30:61", kInvalid},
    {"13:05 pm", kInvalid},
    {"0:30 am", kInvalid},
    {"13pm", kInvalid},
    {"10:30+15:00", kInvalid},
    {"2021-03-15 25:00", kInvalid},
    {"10:3", kUnknown},
    {"10", kUnknown},
    {"10:30 tomorrow", kUnknown},
    {"", kUnknown},
    {"hello", kUnknown},
};
INSTANTIATE_TEST_SUITE_P(Times, DateTimeTest, testing::ValuesIn(kTimes));

}  // namespace
}  // namespace piiscan::validators
