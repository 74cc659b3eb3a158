#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class EthereumTest : public testing::TestWithParam<Case> {};

TEST_P(EthereumTest, Verdict) { EXPECT_EQ(Ethereum(GetParam().text), GetParam().want); }

// EIP-55's own examples.
constexpr Case kEip55[] = {
    {"0x52908400098527886E0F7030069857D2E4169EE7", kValid},  // all caps
    {"0x8617E340B3D01FA5F11F306F4090FD50E238070D", kValid},
    {"0xde709f2102306220921060314715629080e2fb77", kValid},  // all lower
    {"0x27b1fdb04752bbc536007a920d24acb045561c26", kValid},
    {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", kValid},  // mixed, checksummed
    {"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", kValid},
    {"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", kValid},
    {"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", kValid},
};
INSTANTIATE_TEST_SUITE_P(Eip55, EthereumTest, testing::ValuesIn(kEip55));

constexpr Case kLookAlikes[] = {
    {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", kInvalid},  // one letter's case flipped
    {"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", kInvalid},
    {"0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359", kInvalid},
    {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", kInvalid},    // 39 digits
    {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd", kInvalid},  // 41 digits
    {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", kInvalid},   // not hex
    {"5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", kInvalid},   // no 0x
    {"0X52908400098527886E0F7030069857D2E4169EE7", kInvalid},
    {"", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(LookAlikes, EthereumTest, testing::ValuesIn(kLookAlikes));

}  // namespace
}  // namespace piiscan::validators
