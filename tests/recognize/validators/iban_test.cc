#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class IbanTest : public testing::TestWithParam<Case> {};

TEST_P(IbanTest, Verdict) { EXPECT_EQ(Iban(GetParam().text), GetParam().want); }

// One per country added to the registry in recent years, plus old hands.
constexpr Case kCountries[] = {
    {"GB29NWBK60161331926819", kValid},
    {"DE89370400440532013000", kValid},
    {"BY13NBRB3600900000002Z00AB00", kValid},
    {"BI4210000100010000332045181", kValid},
    {"CR05015202001026284066", kValid},
    {"DJ2100010000000154000100186", kValid},
    {"EG380019000500000000263180002", kValid},
    {"FK88SC123456789012", kValid},
    {"HN88CABF00000000000250005469", kValid},
    {"IQ98NBIQ850123456789012", kValid},
    {"LC55HEMM000100010012001200023015", kValid},
    {"LY83002048000020100120361", kValid},
    {"MN121234123456789123", kValid},
    {"NI45BAPR00000013000003558124", kValid},
    {"OM810180000001299123456", kValid},
    {"RU0204452560040702810412345678901", kValid},
    {"SC18SSCB11010000000000001497USD", kValid},
    {"SD2129010501234001", kValid},
    {"SO211000001001000100141", kValid},
    {"ST68000100010051845310112", kValid},
    {"SV62CENR00000000000000700025", kValid},
    {"UA213223130000026007233566001", kValid},
    {"VA59001123000012345678", kValid},
    {"YE15CBYE0001018861234567891234", kValid},
};
INSTANTIATE_TEST_SUITE_P(Countries, IbanTest, testing::ValuesIn(kCountries));

constexpr Case kForms[] = {
    {"GB29 NWBK 6016 1331 9268 19", kValid},
    {"gb29 nwbk 6016 1331 9268 19", kValid},
    {"gb29nwbk60161331926819", kValid},
    {"Gb29NwBk60161331926819", kValid},
    {"DE89-3704-0044-0532-0130-00", kValid},
    {"GB29  NWBK 6016 1331 9268 19", kInvalid},
    {" GB29NWBK60161331926819", kInvalid},
    {"GB29NWBK60161331926819 ", kInvalid},
    {"GB29/NWBK/6016/1331/9268/19", kInvalid},
    {"GB29_NWBK60161331926819", kInvalid},
    {"", kInvalid},
    {"GB", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Forms, IbanTest, testing::ValuesIn(kForms));

constexpr Case kLookAlikes[] = {
    {"GB29NWBK60161331926818", kInvalid},          // mod 97 fails
    {"GB92NWBK60161331926819", kInvalid},          // check digits swapped
    {"GB31NWBK601613319268", kInvalid},            // checksum right, too short for GB
    {"GB57NWBK6016133192681A", kInvalid},          // letter where GB wants a digit
    {"DE0537040044053201300A", kInvalid},          // letter in an all-digit BBAN
    {"NL77AB1A0417164300", kInvalid},              // digit where NL wants a letter
    {"MU90BOMM0101101030300200000MU1", kInvalid},  // MU ends in three letters
    {"XX361234567890", kInvalid},                  // no such country
    {"GB00NWBK60161331926819", kInvalid},          // check digits run 02-98
    {"GB01NWBK60161331926819", kInvalid},
    {"GB99NWBK60161331926819", kInvalid},
    {"GBXXNWBK60161331926819", kInvalid},
    {"GB29NWBK601613319268190000000000000", kInvalid},  // over 34 characters
};
INSTANTIATE_TEST_SUITE_P(LookAlikes, IbanTest, testing::ValuesIn(kLookAlikes));

}  // namespace
}  // namespace piiscan::validators
