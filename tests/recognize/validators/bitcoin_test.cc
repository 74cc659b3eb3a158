#include <gtest/gtest.h>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

class BitcoinTest : public testing::TestWithParam<Case> {};

TEST_P(BitcoinTest, Verdict) { EXPECT_EQ(Bitcoin(GetParam().text), GetParam().want); }

// Addresses built for these tests from SHA-256("piiscan"), plus two well
// known ones.
constexpr Case kBase58[] = {
    {"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", kValid},
    {"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", kValid},
    {"1HTKbnBYHV3TeUQswDYEQgo4bqhPBfUowi", kValid},
    {"3J9LXKfyqPMqje7K4KCpqK9zkMz6oPMipV", kValid},
    {"1111111111111111111114oLvT2", kValid},           // all-zero hash
    {"1HTKbnBYHV3TeUQswDYEQgo4bqhPBfUowj", kInvalid},  // last character changed
    {"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", kInvalid},
    {"1HTKbnBYHV3TeUQswD==Qgo4bqhPBfUowi", kInvalid},  // outside the alphabet
    {"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNV0l", kInvalid},  // 0 and l are not base58
    {"14jDNUTQQDhS4xbs4Dox9YDhh4nUETqPi", kInvalid},   // 24 bytes, checksum right
    {"LbgGrzVNN9HWuH737MXXghrpp44fPPdDk1", kInvalid},  // version 0x30 (Litecoin)
    {"mwyGtqGX6WUiRatVenWcEc1PTqJ67vQb2W", kInvalid},  // testnet version 0x6f
    {"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN21111111111111111111", kInvalid},
    {"", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(Base58, BitcoinTest, testing::ValuesIn(kBase58));

// Segwit vectors from BIP 173 and BIP 350, then built from SHA-256("piiscan").
constexpr Case kSegwit[] = {
    {"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", kValid},
    {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", kValid},
    {"bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", kValid},
    {"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", kValid},
    {"BC1SW50QGDZ25J", kValid},
    {"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", kValid},
    {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", kValid},
    {"bc1qk3794rhzvleu2vxpancmdk44t3pnfess7ner3z", kValid},
    {"bc1pk3794rhzvleu2vxpancmdk44t3pnfessp2l7a68kayy6m3l0hlcsdq4sk5", kValid},
};
INSTANTIATE_TEST_SUITE_P(Segwit, BitcoinTest, testing::ValuesIn(kSegwit));

constexpr Case kSegwitRules[] = {
    // Witness v1+ with a BIP 173 checksum, as written before BIP 350.
    {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", kValid},
    {"BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", kValid},
    {"bc1pk3794rhzvleu2vxpancmdk44t3pnfessp2l7a68kayy6m3l0hlcscu9unk", kValid},
    // Witness v0 with a BIP 350 checksum.
    {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", kInvalid},
    {"bc1qk3794rhzvleu2vxpancmdk44t3pnfesst0f05q", kInvalid},
    // Witness version 17; 31.
    {"BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", kInvalid},
    {"bc1lk3794rhzvleu2vxpancmdk44t3pnfessdd6fzx", kInvalid},
    // Programs of 1, 41 and (for v0) 16 and 4 bytes; none at all.
    {"bc1pw5dgrnzv", kInvalid},
    {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", kInvalid},
    {"BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", kInvalid},
    {"bc1qk3794rsmauh4w", kInvalid},
    {"bc1pdg93mv", kInvalid},
    {"bc1gmk9yu", kInvalid},
    // Padding of five or more bits; non-zero padding bits.
    {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", kInvalid},
    {"bc1pk37p0vnwfn", kInvalid},
    // Mixed case; character outside the charset; changed character.
    {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", kInvalid},
    {"bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", kInvalid},
    {"bc1qk3794rhzvleu2vxpancmdk44t3pnfess7ner3b", kInvalid},
    {"bc1qk3794rhzvleu2vxpancmdk44t3pnfess7ner3x", kInvalid},
    // Testnet.
    {"tb1qk3794rhzvleu2vxpancmdk44t3pnfess54zs23", kInvalid},
};
INSTANTIATE_TEST_SUITE_P(SegwitRules, BitcoinTest, testing::ValuesIn(kSegwitRules));

}  // namespace
}  // namespace piiscan::validators
