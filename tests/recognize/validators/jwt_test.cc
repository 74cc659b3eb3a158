#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class JwtTest : public testing::TestWithParam<Case> {};

TEST_P(JwtTest, Verdict) { EXPECT_EQ(Jwt(GetParam().text), GetParam().want); }

constexpr Case kCases[] = {
    // RFC 7519's example shape: {"alg":"HS256","typ":"JWT"}.{"sub":...}.signature
    {"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwia"
     "WF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
     kValid},
    {"eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJtZSIsImV4cCI6MTcwMDAwMDAwMH0.MEUCIQDx_-ab",
     kValid},
    // Unsecured token: "alg": "none" and an empty signature.
    {"eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9.", kValid},
    // Header without "alg"; "alg" not a string; header an array.
    {"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiI0MiJ9.c2ln", kInvalid},
    {"eyJhbGciOjI1Nn0.eyJzdWIiOiI0MiJ9.c2ln", kInvalid},
    {"WyJhbGciXQ.eyJzdWIiOiI0MiJ9.c2ln", kInvalid},
    // Payload an array; payload not JSON; header cut short.
    {"eyJhbGciOiJIUzI1NiJ9.WzEsMl0.c2ln", kInvalid},
    {"eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", kInvalid},
    {"eyJhbGciOiJIUzI1NiI.eyJzdWIiOiI0MiJ9.c2ln", kInvalid},
    // Wrong number of parts, padding, characters outside base64url.
    {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9", kInvalid},
    {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2ln.c2ln", kInvalid},
    {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2ln=", kInvalid},
    {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2l+", kInvalid},
    {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnZ", kInvalid},
    {"..", kInvalid},
    {"", kInvalid},
    // Dotted names that only look like tokens.
    {"com.example.app", kInvalid},
    {"www.example.com", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Vectors, JwtTest, testing::ValuesIn(kCases));

}  // namespace
}  // namespace piiscan::validators
