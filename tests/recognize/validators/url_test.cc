#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class UrlTest : public testing::TestWithParam<Case> {};

TEST_P(UrlTest, Verdict) { EXPECT_EQ(Url(GetParam().text), GetParam().want); }

const std::string kLongLabel(64, 'a');
const std::string kLongHost = "www." + std::string(250, 'w') + ".com";

const Case kCases[] = {
    {"https://www.example.com/", kValid},
    {"http://user:pw@files.example.net:8080/pkg.tar?x=1#y", kValid},
    {"www.example.co.uk", kValid},
    {"example.org/path", kValid},
    {"https://xn--bcher-kva.example/", kValid},
    {"http://192.0.2.1/admin", kUnknown},
    {"http://[2001:db8::1]/", kUnknown},
    {"www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www."
     "www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www."
     "www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.www.com",
     kInvalid},
    {"http://-bad.example.com/", kInvalid},
    {"http://bad-.example.com/", kInvalid},
    {"http://a..b.com/", kInvalid},
    {"https://example.c0m/", kInvalid},
    {"https://example.c/", kInvalid},
    {"https:///path", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, UrlTest, testing::ValuesIn(kCases));

TEST(UrlTest, LabelAndHostLengthLimits) {
  EXPECT_EQ(Url("https://" + kLongLabel + ".example.com/"), kInvalid);
  EXPECT_EQ(Url(kLongHost), kInvalid);
}

}  // namespace
}  // namespace piiscan::validators
