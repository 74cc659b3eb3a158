#include <gtest/gtest.h>

#include <string_view>

#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

struct Registered {
  std::string_view name;
  ValidatorFn fn;
};

constexpr Registered kRegistered[] = {
    {"credit_card", CreditCard},
    {"iban", Iban},
    {"us_ssn", UsSsn},
    {"uk_nhs", UkNhs},
    {"aba_routing", AbaRouting},
    {"ipv4", Ipv4},
    {"ipv6", Ipv6},
    {"email", Email},
    {"mac", Mac},
    {"date_time", DateTime},
    {"bitcoin", Bitcoin},
    {"ethereum", Ethereum},
    {"github_token", GithubToken},
    {"jwt", Jwt},
};

TEST(Find, ReturnsEachValidatorByName) {
  for (const Registered& entry : kRegistered) {
    EXPECT_EQ(Find(entry.name), entry.fn) << entry.name;
  }
}

TEST(Find, UnknownNamesGiveNull) {
  EXPECT_EQ(Find(""), nullptr);
  EXPECT_EQ(Find("luhn"), nullptr);
  EXPECT_EQ(Find("IBAN"), nullptr);
  EXPECT_EQ(Find("iban "), nullptr);
  EXPECT_EQ(Find("credit"), nullptr);
}

TEST(Find, FoundValidatorsWork) {
  EXPECT_EQ(Find("credit_card")("4111 1111 1111 1111"), Verdict::kValid);
  EXPECT_EQ(Find("iban")("GB29 NWBK 6016 1331 9268 19"), Verdict::kValid);
}

}  // namespace
}  // namespace piiscan::validators
