#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class CreditCardTest : public testing::TestWithParam<Case> {};

TEST_P(CreditCardTest, Verdict) { EXPECT_EQ(CreditCard(GetParam().text), GetParam().want); }

constexpr Case kBrands[] = {
    {"4111111111111111", kValid},    {"4012888888881881", kValid}, {"4222222222222", kValid},
    {"4000000000000000006", kValid}, {"5555555555554444", kValid}, {"5105105105105100", kValid},
    {"2221000000000009", kValid},    {"2223003122003222", kValid}, {"2720999999999996", kValid},
    {"378282246310005", kValid},     {"371449635398431", kValid},  {"6011111111111117", kValid},
    {"6011000990139424", kValid},    {"6440000000000005", kValid}, {"6500000000000000003", kValid},
    {"3530111333300000", kValid},    {"3566002020360505", kValid}, {"3589000000000000009", kValid},
    {"30569309025904", kValid},      {"30500000000003", kValid},   {"36227206271667", kValid},
    {"38520000023237", kValid},      {"6200000000000005", kValid}, {"6200000000000000000", kValid},
    {"6759649826438453", kValid},    {"5018000000000009", kValid}, {"5600000000002", kValid},
    {"2200000000000004", kValid},    {"2204000000000000", kValid},
};
INSTANTIATE_TEST_SUITE_P(Brands, CreditCardTest, testing::ValuesIn(kBrands));

constexpr Case kSeparators[] = {
    {"4111 1111 1111 1111", kValid},
    {"4111-1111-1111-1111", kValid},
    {"3782 822463 10005", kValid},
    {"4111 1111-1111 1111", kInvalid},
    {"4111  1111 1111 1111", kInvalid},
    {" 4111 1111 1111 1111", kInvalid},
    {"4111 1111 1111 1111 ", kInvalid},
    {"4111.1111.1111.1111", kInvalid},
    {"4111_1111_1111_1111", kInvalid},
    {"4111 1111 1111 111a", kInvalid},
    {"", kInvalid},
    {"-", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Separators, CreditCardTest, testing::ValuesIn(kSeparators));

// Luhn-valid numbers that no issuer hands out, and near misses.
constexpr Case kLookAlikes[] = {
    {"4111111111111112", kInvalid},      // Luhn fails
    {"1234567812345670", kInvalid},      // no issuer starts with 1
    {"9999999999999995", kInvalid},      // nor with 9
    {"3700000000000007", kInvalid},      // Amex is 15 digits
    {"40000000000002", kInvalid},        // Visa is 13, 16 or 19
    {"2721000000000004", kInvalid},      // past Mastercard's 2720
    {"2205000000000009", kInvalid},      // past Mir's 2204
    {"3527000000000008", kInvalid},      // before JCB's 3528
    {"30600000000001", kInvalid},        // past Diners' 305
    {"510000000000003", kInvalid},       // Mastercard is 16 digits
    {"500000000009", kInvalid},          // 12 digits
    {"40000000000000000002", kInvalid},  // 20 digits
};
INSTANTIATE_TEST_SUITE_P(LookAlikes, CreditCardTest, testing::ValuesIn(kLookAlikes));

}  // namespace
}  // namespace piiscan::validators
