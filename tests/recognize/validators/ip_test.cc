#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class Ipv4Test : public testing::TestWithParam<Case> {};

TEST_P(Ipv4Test, Verdict) { EXPECT_EQ(Ipv4(GetParam().text), GetParam().want); }

constexpr Case kIpv4[] = {
    {"192.168.1.1", kValid}, {"10.0.0.255", kValid},
    {"0.0.0.0", kValid},     {"255.255.255.255", kValid},
    {"8.8.8.8", kValid},     {"256.1.1.1", kInvalid},
    {"1.2.3.999", kInvalid}, {"192.168.01.1", kInvalid},
    {"192.168.1", kInvalid}, {"1.2.3.4.5", kInvalid},
    {"1..2.3", kInvalid},    {"1.2.3.", kInvalid},
    {".1.2.3", kInvalid},    {"1.2.3.4a", kInvalid},
    {"1.2.3.-4", kInvalid},  {"1.2.3.0004", kInvalid},
    {"", kInvalid},          {"v1.2.3.4", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, Ipv4Test, testing::ValuesIn(kIpv4));

class Ipv6Test : public testing::TestWithParam<Case> {};

TEST_P(Ipv6Test, Verdict) { EXPECT_EQ(Ipv6(GetParam().text), GetParam().want); }

constexpr Case kIpv6[] = {
    {"2001:0db8:85a3:0000:0000:8a2e:0370:7334", kValid},
    {"2001:db8:85a3::8a2e:370:7334", kValid},
    {"fe80::1", kValid},
    {"FE80::0202:B3FF:FE1E:8329", kValid},
    {"::ffff:192.0.2.128", kValid},
    {"2001:db8::", kValid},
    {"::", kInvalid},    // no digit, no group
    {"::1", kInvalid},   // a single group
    {"a::b", kInvalid},  // C++ scope, no digit
    {"std::abc", kInvalid},
    {"dead::beef", kInvalid},
    {"1::2::3", kInvalid},  // two "::"
    {"2001:db8:85a3:0:0:8a2e:370:7334:1", kInvalid},
    {"2001:db8::g1", kInvalid},
    {"12345::1", kInvalid},
    {"fe80::1%eth0", kInvalid},
    {std::string_view("fe80::1\0zz", 10), kInvalid},  // NUL must not end the text early
    {"::ffff:192.0.2.256", kInvalid},
    {"", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, Ipv6Test, testing::ValuesIn(kIpv6));

}  // namespace
}  // namespace piiscan::validators
