// Secret validators: real-looking values kept, placeholders and code out.

#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class SecretTokenTest : public testing::TestWithParam<Case> {};
TEST_P(SecretTokenTest, Verdict) { EXPECT_EQ(SecretToken(GetParam().text), GetParam().want); }
constexpr Case kTokens[] = {
    {"dckr_pat_mcF-hLK_JoBxXUNJy1kU7-WSbk0", kValid},
    {"glpat-8d5ri2n9g85LAnC9YW85", kValid},
    {"AKIAQYLPMN5HHHFPZAM2", kValid},
    {"AKIAIOSFODNN7EXAMPLE", kInvalid},  // AWS documentation key
    {"dckr_pat_EXAMPLE-EXAMPLE-EXAMPLE-123", kInvalid},
    {"sk_live_000000000000000000000000", kInvalid},       // zeros
    {"hf_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", kInvalid},  // one character
    {"xkeysib-your_api_key_here", kInvalid},
    {"SG.gireogigireogigi.gireogigireogigi", kInvalid},  // under 3 bits per character
};
INSTANTIATE_TEST_SUITE_P(Vectors, SecretTokenTest, testing::ValuesIn(kTokens));

class NpmTokenTest : public testing::TestWithParam<Case> {};
TEST_P(NpmTokenTest, Verdict) { EXPECT_EQ(NpmToken(GetParam().text), GetParam().want); }
constexpr Case kNpm[] = {
    {"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", kValid},    // checksum holds
    {"npm_8qRtZHjQMhuOzE95B9EgE0VrbBGI0936rLzr", kUnknown},  // shape only
    {"npm_000000000000000000000000000000000000", kInvalid},
    {"npm_8qRtZHjQMhuOzE95B9EgE0VrbBGI0936rLz", kInvalid},  // 35 characters
};
INSTANTIATE_TEST_SUITE_P(Vectors, NpmTokenTest, testing::ValuesIn(kNpm));

class SecretAssignmentTest : public testing::TestWithParam<Case> {};
TEST_P(SecretAssignmentTest, Verdict) {
  EXPECT_EQ(SecretAssignment(GetParam().text), GetParam().want);
}
constexpr Case kAssignments[] = {
    {"password = \"n83.bat47Fy4\"", kValid},
    {"db_password: Prl23Db#@", kValid},
    {"PW:=FlUgeGeHeImEn01", kValid},
    {"client_secret: 2pQ9xLw7Rt5Vb3Nk8Hc6Jd4Fg1Sz0Ya", kValid},
    {"password = \"abc\"", kInvalid},             // too short
    {"password = ${DB_PASSWORD}", kInvalid},      // a variable
    {"password: changeme", kInvalid},             // placeholder
    {"password = password123", kValid},           // weak, but a password
    {"PASSWORD 0x0dead1beef7cafe2", kInvalid},    // no separator
    {"password = 0x0dead1beef7cafe2", kInvalid},  // a hex literal
    {"PW:2Z.Q?2M^S", kInvalid},                   // encoded data
    {"password = getPassword()", kInvalid},       // code
    {"password: required", kInvalid},
    {"secret = aaaaaaaaaaaaaaaa", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, SecretAssignmentTest, testing::ValuesIn(kAssignments));

class UrlPasswordTest : public testing::TestWithParam<Case> {};
TEST_P(UrlPasswordTest, Verdict) { EXPECT_EQ(UrlPassword(GetParam().text), GetParam().want); }
constexpr Case kUrls[] = {
    {"postgres://app:qdxoMTea76nPF7@db.internal", kValid},
    {"mongodb+srv://admin:S3cr3t!x@cluster0.example.net", kValid},
    {"https://user:password@example.com", kInvalid},
    {"redis://:${REDIS_PASSWORD}@cache", kInvalid},
    {"ftp://anonymous@ftp.example.org", kInvalid},  // no password
    {"mysql://root:<password>@localhost", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, UrlPasswordTest, testing::ValuesIn(kUrls));

}  // namespace
}  // namespace piiscan::validators
