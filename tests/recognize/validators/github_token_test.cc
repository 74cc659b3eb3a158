#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class GithubTokenTest : public testing::TestWithParam<Case> {};

TEST_P(GithubTokenTest, Verdict) { EXPECT_EQ(GithubToken(GetParam().text), GetParam().want); }

// A token from CredSweeper's test fixtures (shared/data/secrets-credsweeper,
// sample.pdf), made by other hands: its last six characters are the base62
// CRC32 of the 30 before them, which is how the checksum layout was settled.
constexpr Case kIndependent[] = {
    {"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", kValid},
};
INSTANTIATE_TEST_SUITE_P(Independent, GithubTokenTest, testing::ValuesIn(kIndependent));

constexpr Case kPrefixes[] = {
    {"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", kValid},
    {"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", kValid},
    {"ghu_CN6Zj4a3dDVhYRnKTbxTNJFoBinF5a42GyMy", kValid},
    {"ghs_JXVuLkSIc47WQAmL9xVQ2zg4mZaouq416qWT", kValid},
    {"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", kValid},
    // The checksum keeps its leading zero.
    {"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", kValid},
};
INSTANTIATE_TEST_SUITE_P(Prefixes, GithubTokenTest, testing::ValuesIn(kPrefixes));

// Placeholders pass the checksum but are no tokens: scored out.
constexpr Case kPlaceholders[] = {
    {"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", kInvalid},
    {"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", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Placeholders, GithubTokenTest, testing::ValuesIn(kPlaceholders));

constexpr Case kLookAlikes[] = {
    // Checksum over prefix + random part instead of the random part alone.
    {"ghp_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y2hc4Hu", kInvalid},
    {"ghp_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y3gm1IM", kInvalid},  // checksum changed
    {"ghp_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7z3gm1IL", kInvalid},  // random part changed
    {"gho_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y3gm1iL", kInvalid},  // case matters
    {"ghx_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y3gm1IL", kInvalid},  // unknown prefix
    {"GHP_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y3gm1IL", kInvalid},
    {"ghp_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y3gm1I", kInvalid},    // 35 characters
    {"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x", kInvalid},  // 37 characters
    {"ghp_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7-3gm1IL", kInvalid},   // not base62
    {"ghp_00000000000000000000000000000004WZ4EQ", kInvalid},  // 31 random characters
    {"github_pat_11ABLV2EA0gWlOtew7YDYY_xXoiQzN", kInvalid},
    {"", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(LookAlikes, GithubTokenTest, testing::ValuesIn(kLookAlikes));

}  // namespace
}  // namespace piiscan::validators
