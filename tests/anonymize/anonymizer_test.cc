// The anonymizer (include/piiscan/anonymizer.h): every operator on text
// with multi-byte characters, items located in the output in code points,
// text outside the findings kept byte for byte, reversible operators undone
// exactly, and every misuse answered with an error instead of garbage.

#include "piiscan/anonymizer.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "piiscan/analyzer.h"
#include "piiscan/text.h"

namespace piiscan {
namespace {

using namespace std::string_literals;

// Olá, a grinning face, CJK and accents around three values.
constexpr std::string_view kText =
    "Olá 😀 José Núñez — 電話 +351 912 345 678, mail josé.ñ@exämple.pt 中文 fin";
constexpr std::string_view kName = "José Núñez";
constexpr std::string_view kPhone = "+351 912 345 678";
constexpr std::string_view kEmail = "josé.ñ@exämple.pt";

// A finding over the first occurrence of `value` in `text` at or after `from`.
Finding At(std::string_view text, std::string_view value, const std::string& type,
           size_t from = 0) {
  Finding f;
  f.entity_type = type;
  f.byte_start = text.find(value, from);
  EXPECT_NE(f.byte_start, std::string_view::npos) << value;
  f.byte_end = f.byte_start + value.size();
  f.start = CountCodePoints(text.substr(0, f.byte_start));
  f.end = f.start + CountCodePoints(value);
  return f;
}

std::vector<Finding> SampleFindings() {
  return {At(kText, kName, "PERSON"), At(kText, kPhone, "PHONE_NUMBER"),
          At(kText, kEmail, "EMAIL_ADDRESS")};
}

// Code points [start, end) of valid UTF-8 `text`.
std::string SliceCp(std::string_view text, size_t start, size_t end) {
  std::vector<size_t> bytes;
  size_t cp = 0;
  for (size_t b = 0; b <= text.size(); ++b) {
    if (b < text.size() && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;
    if (cp == start || cp == end) bytes.push_back(b);
    if (cp == start && cp == end) bytes.push_back(b);
    ++cp;
  }
  if (bytes.size() < 2) return "<out of range>";
  return std::string(text.substr(bytes[0], bytes[1] - bytes[0]));
}

DeanonymizeOptions WithKeyAndMapping(std::string key, std::map<std::string, std::string> m) {
  DeanonymizeOptions options;
  options.key = std::move(key);
  options.pseudonyms = std::move(m);
  return options;
}
DeanonymizeOptions WithKey(std::string key) { return WithKeyAndMapping(std::move(key), {}); }
DeanonymizeOptions WithMapping(std::map<std::string, std::string> m) {
  return WithKeyAndMapping("", std::move(m));
}

bool ValidUtf8(std::string_view text) {
  auto decoded = Decode(text, "UTF-8");
  return decoded && decoded->replaced == 0 && decoded->utf8 == text;
}

std::unique_ptr<Anonymizer> Make(const AnonymizerConfig& config) {
  auto a = Anonymizer::Create(config);
  if (!a) {
    ADD_FAILURE() << a.error().ToString();
    return nullptr;
  }
  return std::move(*a);
}

std::unique_ptr<Anonymizer> MakeDefault(const OperatorSpec& spec) {
  AnonymizerConfig config;
  config.operators["DEFAULT"] = spec;
  return Make(config);
}

AnonymizeResult AnonymizeOk(const Anonymizer& a, std::string_view text,
                            const std::vector<Finding>& findings) {
  auto r = a.Anonymize(text, findings);
  if (!r) {
    ADD_FAILURE() << r.error().ToString();
    return {};
  }
  return *r;
}

// Checks that each item's offsets locate its text in the output, and that
// the output outside the items is the input outside the findings.
void ExpectItemsLocated(std::string_view in, const std::vector<Finding>& findings,
                        const AnonymizeResult& out) {
  ASSERT_EQ(out.items.size(), findings.size());
  EXPECT_TRUE(ValidUtf8(out.text));
  size_t in_cp = 0;
  size_t out_cp = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    const AnonymizedItem& item = out.items[i];
    EXPECT_EQ(item.entity_type, findings[i].entity_type);
    EXPECT_EQ(SliceCp(out.text, item.start, item.end), item.text) << "item " << i;
    EXPECT_EQ(SliceCp(out.text, out_cp, item.start), SliceCp(in, in_cp, findings[i].start))
        << "text before item " << i;
    in_cp = findings[i].end;
    out_cp = item.end;
  }
  const size_t in_total = CountCodePoints(in);
  const size_t out_total = CountCodePoints(out.text);
  EXPECT_EQ(SliceCp(out.text, out_cp, out_total), SliceCp(in, in_cp, in_total)) << "tail";
}

// --- Every operator on multi-byte text -----------------------------------

struct OperatorCase {
  std::string name;
  OperatorSpec spec;
  std::string name_replacement;  // what "José Núñez" becomes; "" = not checked
};

void PrintTo(const OperatorCase& c, std::ostream* os) { *os << c.name; }

class EveryOperator : public ::testing::TestWithParam<OperatorCase> {};

TEST_P(EveryOperator, LocatesItemsInCodePointsAndKeepsTheRest) {
  const OperatorCase& c = GetParam();
  auto a = MakeDefault(c.spec);
  ASSERT_NE(a, nullptr);
  const std::vector<Finding> findings = SampleFindings();
  const AnonymizeResult out = AnonymizeOk(*a, kText, findings);

  ExpectItemsLocated(kText, findings, out);
  for (const AnonymizedItem& item : out.items) {
    EXPECT_EQ(item.operator_name, OperatorName(c.spec.kind));
  }
  if (!c.name_replacement.empty()) {
    EXPECT_EQ(out.items[0].text, c.name_replacement);
  }
  EXPECT_TRUE(out.text.starts_with("Olá 😀 "));
  EXPECT_TRUE(out.text.ends_with(" 中文 fin"));
}

OperatorSpec Spec(OperatorKind kind) {
  OperatorSpec s;
  s.kind = kind;
  return s;
}

OperatorSpec Masked(std::string masking_char) {
  OperatorSpec s = Spec(OperatorKind::kMask);
  s.masking_char = std::move(masking_char);
  return s;
}

OperatorSpec Keyed(OperatorKind kind, bool deterministic = true) {
  OperatorSpec s = Spec(kind);
  s.key = "correct horse battery staple";
  s.deterministic = deterministic;
  return s;
}

OperatorSpec ReplacedBy(std::string value) {
  OperatorSpec s = Spec(OperatorKind::kReplace);
  s.new_value = std::move(value);
  return s;
}

const OperatorCase kOperators[] = {
    {"replace_with_type", Spec(OperatorKind::kReplace), "<PERSON>"},
    {"replace_with_multibyte_value", ReplacedBy("名前🙂"), "名前🙂"},
    {"redact", Spec(OperatorKind::kRedact), ""},
    {"mask_ascii_char", Masked("*"), "**** *****"},
    {"mask_multibyte_char", Masked("●"), "●●●● ●●●●●"},
    {"mask_emoji_char", Masked("🙈"), "🙈🙈🙈🙈 🙈🙈🙈🙈🙈"},
    {"hash", Spec(OperatorKind::kHash), ""},
    {"hash_keyed", Keyed(OperatorKind::kHash), ""},
    {"encrypt_deterministic", Keyed(OperatorKind::kEncrypt, true), ""},
    {"encrypt_randomized", Keyed(OperatorKind::kEncrypt, false), ""},
    {"keep", Spec(OperatorKind::kKeep), "José Núñez"},
    {"pseudonym", Spec(OperatorKind::kPseudonym), "<PERSON_1>"},
};

INSTANTIATE_TEST_SUITE_P(Anonymizer, EveryOperator, ::testing::ValuesIn(kOperators),
                         [](const auto& info) { return info.param.name; });

TEST(Anonymizer, RedactLeavesEmptyItemsAtTheRightPlaces) {
  auto a = MakeDefault(Spec(OperatorKind::kRedact));
  const AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  EXPECT_EQ(out.text, "Olá 😀  — 電話 , mail  中文 fin");
  ASSERT_EQ(out.items.size(), 3u);
  EXPECT_EQ(out.items[0].start, 6u);
  EXPECT_EQ(out.items[1].start, 12u);
  EXPECT_EQ(out.items[2].start, 19u);
}

TEST(Anonymizer, OperatorPerEntityTypeAndDefault) {
  AnonymizerConfig config;
  config.operators["DEFAULT"] = ReplacedBy("[x]");
  config.operators["PHONE_NUMBER"] = Masked("#");
  auto a = Make(config);
  const AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  EXPECT_EQ(out.text, "Olá 😀 [x] — 電話 +### ### ### ###, mail [x] 中文 fin");
  EXPECT_EQ(out.items[0].operator_name, "replace");
  EXPECT_EQ(out.items[1].operator_name, "mask");
  ExpectItemsLocated(kText, SampleFindings(), out);
}

TEST(Anonymizer, WithoutDefaultOtherTypesGetTheirTypeName) {
  AnonymizerConfig config;
  config.operators["PHONE_NUMBER"] = Spec(OperatorKind::kKeep);
  auto a = Make(config);
  const AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  EXPECT_EQ(out.items[0].text, "<PERSON>");
  EXPECT_EQ(out.items[1].text, kPhone);
}

// --- Placement -----------------------------------------------------------

TEST(Anonymizer, OverlappingFindingsAreRejectedNamingTheFinding) {
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  const std::string text = "call +351 912 345 678 now";
  Finding wide = At(text, "+351 912 345 678", "PHONE_NUMBER");
  Finding inner = At(text, "912 345", "US_BANK_NUMBER");
  auto r = a->Anonymize(text, {wide, inner});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("finding 1"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("US_BANK_NUMBER"), std::string::npos);
  EXPECT_NE(r.error().message.find("overlaps"), std::string::npos);
  EXPECT_EQ(r.error().message.find("912"), std::string::npos) << "no values in errors";
}

TEST(Anonymizer, UnsortedFindingsAreRejected) {
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  auto r = a->Anonymize(kText, {At(kText, kPhone, "PHONE_NUMBER"), At(kText, kName, "PERSON")});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(Anonymizer, FindingBeyondTheTextIsRejected) {
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  Finding f;
  f.entity_type = "PERSON";
  f.byte_start = 3;
  f.byte_end = 99;
  ASSERT_FALSE(a->Anonymize("short", {f}).has_value());
  f.byte_start = 4;
  f.byte_end = 2;
  ASSERT_FALSE(a->Anonymize("short", {f}).has_value());
}

TEST(Anonymizer, FindingThatSplitsACharacterIsRejected) {
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  const std::string text = "é😀x";
  Finding f;
  f.entity_type = "PERSON";
  f.byte_start = 1;  // inside "é"
  f.byte_end = 4;
  ASSERT_FALSE(a->Anonymize(text, {f}).has_value());
  f.byte_start = 2;
  f.byte_end = 4;  // inside "😀"
  ASSERT_FALSE(a->Anonymize(text, {f}).has_value());
}

TEST(Anonymizer, AdjacentFindings) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  const std::string text = "→ÁlvaroBeatriz←";
  const std::vector<Finding> findings = {At(text, "Álvaro", "PERSON"),
                                         At(text, "Beatriz", "PERSON")};
  const AnonymizeResult out = AnonymizeOk(*a, text, findings);
  EXPECT_EQ(out.text, "→<PERSON_1><PERSON_2>←");
  ASSERT_EQ(out.items.size(), 2u);
  EXPECT_EQ(out.items[0].start, 1u);
  EXPECT_EQ(out.items[0].end, 11u);
  EXPECT_EQ(out.items[1].start, 11u);
  EXPECT_EQ(out.items[1].end, 21u);
  ExpectItemsLocated(text, findings, out);
}

TEST(Anonymizer, FindingsAtTheVeryStartAndEnd) {
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  const std::string text = "Zoë, 你好, Zoë";
  const std::vector<Finding> findings = {At(text, "Zoë", "PERSON"), At(text, "Zoë", "PERSON", 3)};
  const AnonymizeResult out = AnonymizeOk(*a, text, findings);
  EXPECT_EQ(out.text, "<PERSON>, 你好, <PERSON>");
  EXPECT_EQ(out.items[0].start, 0u);
  EXPECT_EQ(out.items[1].end, CountCodePoints(out.text));
  ExpectItemsLocated(text, findings, out);
}

TEST(Anonymizer, WholeTextAsOneFinding) {
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  const std::string text = "Zoë";
  const AnonymizeResult out = AnonymizeOk(*a, text, {At(text, text, "PERSON")});
  EXPECT_EQ(out.text, "<PERSON>");
  EXPECT_EQ(out.items[0].start, 0u);
  EXPECT_EQ(out.items[0].end, 8u);
}

TEST(Anonymizer, NoFindingsLeavesTheTextAsItWas) {
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  const std::string text = "nothing here \xF0\x9F\x98\x80\r\n\tend";
  const AnonymizeResult out = AnonymizeOk(*a, text, {});
  EXPECT_EQ(out.text, text);
  EXPECT_TRUE(out.items.empty());
}

TEST(Anonymizer, TextOutsideFindingsIsByteIdenticalEvenWithOddBytes) {
  // Line breaks of every kind, a BOM, a NUL and a lone invalid byte
  // around the values are not the anonymizer's to fix.
  const std::string text = "\xEF\xBB\xBFid\r\nZoë\0\t\xFF \rx@y.org\n"s;
  auto a = MakeDefault(Spec(OperatorKind::kReplace));
  const AnonymizeResult out =
      AnonymizeOk(*a, text, {At(text, "Zoë", "PERSON"), At(text, "x@y.org", "EMAIL_ADDRESS")});
  EXPECT_EQ(out.text, "\xEF\xBB\xBFid\r\n<PERSON>\0\t\xFF \r<EMAIL_ADDRESS>\n"s);
}

// --- Mask ----------------------------------------------------------------

struct MaskCase {
  std::string name;
  std::string value;
  int chars_to_mask;
  bool from_end;
  bool keep_format;
  bool keep_domain;
  std::string expected;
};

void PrintTo(const MaskCase& c, std::ostream* os) { *os << c.name; }

class Mask : public ::testing::TestWithParam<MaskCase> {};

TEST_P(Mask, MasksWhatItShould) {
  const MaskCase& c = GetParam();
  OperatorSpec spec = Spec(OperatorKind::kMask);
  spec.chars_to_mask = c.chars_to_mask;
  spec.from_end = c.from_end;
  spec.keep_format = c.keep_format;
  spec.keep_domain = c.keep_domain;
  auto a = MakeDefault(spec);
  const std::string text = "[" + c.value + "]";
  const AnonymizeResult out = AnonymizeOk(*a, text, {At(text, c.value, "X")});
  EXPECT_EQ(out.text, "[" + c.expected + "]");
  EXPECT_EQ(out.items[0].end - out.items[0].start, CountCodePoints(c.expected));
}

const MaskCase kMasks[] = {
    {"card_first_12", "4111 1111 1111 1111", 12, false, true, false, "**** **** **** 1111"},
    {"card_last_4", "4111 1111 1111 1111", 4, true, true, false, "4111 1111 1111 ****"},
    {"card_dashes", "4111-1111-1111-1111", 12, false, true, false, "****-****-****-1111"},
    {"card_no_format", "4111 1111 1111 1111", 12, false, false, false, "************11 1111"},
    {"all", "4111 1111 1111 1111", -1, false, true, false, "**** **** **** ****"},
    {"more_than_there_is", "12-34", 99, true, true, false, "**-**"},
    {"none", "12-34", 0, false, true, false, "12-34"},
    {"accents_count_once", "Inês Ñúñez", 3, false, true, false, "***s Ñúñez"},
    {"cjk_from_end", "王小明", 2, true, true, false, "王**"},
    {"email_keep_domain", "ana.pereira@example.pt", -1, false, false, true,
     "***********@example.pt"},
    {"email_keep_domain_and_format", "ana.pereira@example.pt", -1, false, true, true,
     "***.*******@example.pt"},
    {"email_whole", "ana@example.pt", -1, false, false, false, "**************"},
    {"email_domain_unicode", "zoë@exämple.pt", -1, false, false, true, "***@exämple.pt"},
    {"keep_domain_without_at", "not-an-email", -1, false, false, true, "************"},
};

INSTANTIATE_TEST_SUITE_P(Anonymizer, Mask, ::testing::ValuesIn(kMasks),
                         [](const auto& info) { return info.param.name; });

TEST(Anonymizer, MaskingCharMustBeOneCharacter) {
  for (const char* bad : {"", "**", "ab"}) {
    AnonymizerConfig config;
    config.operators["CREDIT_CARD"] = Masked(bad);
    auto a = Anonymizer::Create(config);
    ASSERT_FALSE(a.has_value()) << "'" << bad << "'";
    EXPECT_NE(a.error().message.find("CREDIT_CARD"), std::string::npos);
  }
  AnonymizerConfig config;
  config.operators["CREDIT_CARD"] = Masked("Ж");
  EXPECT_TRUE(Anonymizer::Create(config).has_value());
}

// --- Hash ----------------------------------------------------------------

std::string HashOf(const Anonymizer& a, std::string_view value) {
  const std::string text = "<" + std::string(value) + ">";
  return AnonymizeOk(a, text, {At(text, value, "X")}).items.at(0).text;
}

OperatorSpec Hash(std::string type, std::string key) {
  OperatorSpec s = Spec(OperatorKind::kHash);
  s.hash_type = std::move(type);
  s.key = std::move(key);
  return s;
}

bool IsLowerHex(std::string_view s) {
  return s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

TEST(Anonymizer, HashLengthsAndAlphabet) {
  for (const auto& [type, length] : {std::pair{"sha256", 64u}, std::pair{"sha512", 128u}}) {
    for (const char* key : {"", "k"}) {
      auto a = MakeDefault(Hash(type, key));
      const std::string h = HashOf(*a, "536-81-2049");
      EXPECT_EQ(h.size(), length) << type << " key '" << key << "'";
      EXPECT_TRUE(IsLowerHex(h)) << h;
    }
  }
}

TEST(Anonymizer, KeyedHashIsHmacAndStableAcrossInstances) {
  // RFC 4231-style check against a well-known HMAC-SHA256 vector.
  auto a = MakeDefault(Hash("sha256", "key"));
  auto b = MakeDefault(Hash("sha256", "key"));
  const std::string fox = "The quick brown fox jumps over the lazy dog";
  EXPECT_EQ(HashOf(*a, fox), "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  EXPECT_EQ(HashOf(*a, "Zoë"), HashOf(*b, "Zoë"));
  auto c = MakeDefault(Hash("sha512", "key"));
  auto d = MakeDefault(Hash("sha512", "key"));
  EXPECT_EQ(HashOf(*c, "Zoë"), HashOf(*d, "Zoë"));
  auto other_key = MakeDefault(Hash("sha256", "other"));
  EXPECT_NE(HashOf(*a, "Zoë"), HashOf(*other_key, "Zoë"));
  EXPECT_NE(HashOf(*a, "Zoë"), HashOf(*a, "Zoe"));
}

TEST(Anonymizer, UnkeyedHashIsStableWithinAnInstanceOnly) {
  for (const char* type : {"sha256", "sha512"}) {
    auto a = MakeDefault(Hash(type, ""));
    auto b = MakeDefault(Hash(type, ""));
    EXPECT_EQ(HashOf(*a, "Zoë"), HashOf(*a, "Zoë")) << type;
    EXPECT_NE(HashOf(*a, "Zoë"), HashOf(*b, "Zoë")) << type;
  }
}

TEST(Anonymizer, UnknownHashTypeIsRejected) {
  AnonymizerConfig config;
  config.operators["US_SSN"] = Hash("md5", "");
  auto a = Anonymizer::Create(config);
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("US_SSN"), std::string::npos);
  EXPECT_NE(a.error().message.find("sha256"), std::string::npos);
}

// --- Encrypt -------------------------------------------------------------

constexpr char kKey[] = "correct horse battery staple";

TEST(Anonymizer, EncryptWithoutKeyIsRejected) {
  AnonymizerConfig config;
  config.operators["IBAN_CODE"] = Spec(OperatorKind::kEncrypt);
  auto a = Anonymizer::Create(config);
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("IBAN_CODE"), std::string::npos);
}

class Encrypt : public ::testing::TestWithParam<bool> {};

TEST_P(Encrypt, RoundTripGivesBackTheTextExactly) {
  auto a = MakeDefault(Keyed(OperatorKind::kEncrypt, GetParam()));
  const std::vector<Finding> findings = SampleFindings();
  const AnonymizeResult out = AnonymizeOk(*a, kText, findings);
  ExpectItemsLocated(kText, findings, out);
  for (const AnonymizedItem& item : out.items) {
    EXPECT_EQ(item.text.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << "tokens are base64url: " << item.text;
    EXPECT_EQ(out.text.find(kName), std::string::npos);
  }

  auto back = Deanonymize(out.text, out.items, WithKey(kKey));
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(back->text, kText);
  ASSERT_EQ(back->items.size(), 3u);
  EXPECT_EQ(back->items[0].operator_name, "deanonymize");
  for (size_t i = 0; i < findings.size(); ++i) {
    EXPECT_EQ(back->items[i].start, findings[i].start);
    EXPECT_EQ(back->items[i].end, findings[i].end);
    EXPECT_EQ(SliceCp(back->text, back->items[i].start, back->items[i].end), back->items[i].text);
  }
}

TEST_P(Encrypt, ShortAndLongValuesRoundTrip) {
  for (const std::string& value : {std::string("é"), std::string(5000, 'x')}) {
    auto token = EncryptValue(value, kKey, GetParam());
    ASSERT_TRUE(token.has_value());
    auto plain = DecryptValue(*token, kKey);
    ASSERT_TRUE(plain.has_value()) << plain.error().ToString();
    EXPECT_EQ(*plain, value);
  }
}

TEST_P(Encrypt, WrongKeyIsAnErrorNamingTheItem) {
  auto a = MakeDefault(Keyed(OperatorKind::kEncrypt, GetParam()));
  const AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  for (const char* wrong : {"correct horse battery stapler", "x"}) {
    auto back = Deanonymize(out.text, out.items, WithKey(wrong));
    ASSERT_FALSE(back.has_value());
    EXPECT_EQ(back.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(back.error().message.find("item 0 (PERSON)"), std::string::npos)
        << back.error().message;
    EXPECT_NE(back.error().message.find("wrong key"), std::string::npos);
  }
  EXPECT_FALSE(Deanonymize(out.text, out.items, {}).has_value()) << "no key";
}

TEST_P(Encrypt, EveryTamperedCharacterIsDetected) {
  auto token = EncryptValue("DE89 3704 0044 0532 0130 00", kKey, GetParam());
  ASSERT_TRUE(token.has_value());
  for (size_t i = 0; i < token->size(); ++i) {
    std::string bad = *token;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(DecryptValue(bad, kKey).has_value())
        << "position " << i << " of " << token->size();
  }
  EXPECT_FALSE(DecryptValue(token->substr(0, token->size() - 1), kKey).has_value());
  EXPECT_FALSE(DecryptValue(token->substr(0, 10), kKey).has_value());
  EXPECT_FALSE(DecryptValue(*token + "A", kKey).has_value());
  EXPECT_FALSE(DecryptValue(*token + "AA", kKey).has_value());
  EXPECT_FALSE(DecryptValue("", kKey).has_value());
  EXPECT_FALSE(DecryptValue("not base64!", kKey).has_value());
}

// Regression: the decoder ignored the unused low bits of the last base64url
// character, so several spellings of one token decrypted alike.
TEST_P(Encrypt, OnlyTheCanonicalSpellingOfATokenDecrypts) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (const char* value : {"a", "ab", "abc", "536-81-2049"}) {
    auto token = EncryptValue(value, kKey, GetParam());
    ASSERT_TRUE(token.has_value());
    const size_t unused_bits = token->size() * 6 % 8;
    if (unused_bits == 0) continue;
    std::string other = *token;
    other.back() = kAlphabet[kAlphabet.find(other.back()) ^ 1];
    EXPECT_FALSE(DecryptValue(other, kKey).has_value()) << *token << " vs " << other;
  }
}

// An empty value has no deterministic token; it must say so, not fail
// as if piiscan were broken.
TEST(Anonymizer, EmptyValues) {
  auto randomized = EncryptValue("", kKey, false);
  ASSERT_TRUE(randomized.has_value());
  EXPECT_EQ(DecryptValue(*randomized, kKey).value_or("?"), "");
  auto deterministic = EncryptValue("", kKey, true);
  if (!deterministic) {
    EXPECT_NE(deterministic.error().code, ErrorCode::kInternal);
  } else {
    EXPECT_EQ(DecryptValue(*deterministic, kKey).value_or("?"), "");
  }
}

TEST_P(Encrypt, TamperedTokenInTextIsAnError) {
  auto a = MakeDefault(Keyed(OperatorKind::kEncrypt, GetParam()));
  AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  const std::string token = out.items[1].text;
  std::string tampered = token;
  tampered[token.size() / 2] = tampered[token.size() / 2] == 'x' ? 'y' : 'x';
  out.text.replace(out.text.find(token), token.size(), tampered);
  auto back = Deanonymize(out.text, out.items, WithKey(kKey));
  ASSERT_FALSE(back.has_value());
  EXPECT_NE(back.error().message.find("item 1 (PHONE_NUMBER)"), std::string::npos)
      << back.error().message;
}

INSTANTIATE_TEST_SUITE_P(Anonymizer, Encrypt, ::testing::Values(true, false), [](const auto& info) {
  return std::string(info.param ? "Deterministic" : "Randomized");
});

TEST(Anonymizer, DeterministicEncryptionRepeatsTokensRandomizedDoesNot) {
  const std::string text = "Zoë met Zoë";
  const std::vector<Finding> findings = {At(text, "Zoë", "PERSON"), At(text, "Zoë", "PERSON", 3)};
  auto det = MakeDefault(Keyed(OperatorKind::kEncrypt, true));
  auto det2 = MakeDefault(Keyed(OperatorKind::kEncrypt, true));
  const AnonymizeResult d = AnonymizeOk(*det, text, findings);
  EXPECT_EQ(d.items[0].text, d.items[1].text);
  EXPECT_EQ(d.items[0].text, AnonymizeOk(*det2, text, findings).items[0].text)
      << "across instances";

  auto rnd = MakeDefault(Keyed(OperatorKind::kEncrypt, false));
  const AnonymizeResult r = AnonymizeOk(*rnd, text, findings);
  EXPECT_NE(r.items[0].text, r.items[1].text);
  EXPECT_NE(r.items[0].text, AnonymizeOk(*rnd, text, findings).items[0].text) << "across calls";
}

// --- Pseudonym -----------------------------------------------------------

TEST(Anonymizer, PseudonymsAreConsistentAcrossCallsAndNumberedPerType) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  const std::string doc1 = "Zoë wrote to Ana; Zoë again";
  const AnonymizeResult r1 = AnonymizeOk(
      *a, doc1,
      {At(doc1, "Zoë", "PERSON"), At(doc1, "Ana", "PERSON"), At(doc1, "Zoë", "PERSON", 4)});
  EXPECT_EQ(r1.text, "<PERSON_1> wrote to <PERSON_2>; <PERSON_1> again");

  const std::string doc2 = "Ana, Zoë, Inês, x@y.org";
  const std::vector<Finding> findings2 = {
      At(doc2, "Ana", "PERSON"), At(doc2, "Zoë", "PERSON"), At(doc2, "Inês", "PERSON"),
      At(doc2, "x@y.org", "EMAIL_ADDRESS")};
  const AnonymizeResult r2 = AnonymizeOk(*a, doc2, findings2);
  EXPECT_EQ(r2.text, "<PERSON_2>, <PERSON_1>, <PERSON_3>, <EMAIL_ADDRESS_1>");

  const auto mapping = a->PseudonymMapping();
  const std::map<std::string, std::string> expected = {{"<PERSON_1>", "Zoë"},
                                                       {"<PERSON_2>", "Ana"},
                                                       {"<PERSON_3>", "Inês"},
                                                       {"<EMAIL_ADDRESS_1>", "x@y.org"}};
  EXPECT_EQ(mapping, expected);
}

TEST(Anonymizer, SameValueOfAnotherTypeGetsItsOwnToken) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  const std::string text = "Jordan / Jordan";
  const AnonymizeResult r =
      AnonymizeOk(*a, text, {At(text, "Jordan", "PERSON"), At(text, "Jordan", "LOCATION", 1)});
  EXPECT_EQ(r.text, "<PERSON_1> / <LOCATION_1>");
}

TEST(Anonymizer, LoadedMappingKeepsTokensAndNumbersGoOn) {
  auto first = MakeDefault(Spec(OperatorKind::kPseudonym));
  const std::string doc1 = "Zoë and Ana";
  AnonymizeOk(*first, doc1, {At(doc1, "Zoë", "PERSON"), At(doc1, "Ana", "PERSON")});

  auto second = MakeDefault(Spec(OperatorKind::kPseudonym));
  ASSERT_TRUE(second->LoadPseudonyms(first->PseudonymMapping()).has_value());
  const std::string doc2 = "Ana met Inês";
  const AnonymizeResult r2 =
      AnonymizeOk(*second, doc2, {At(doc2, "Ana", "PERSON"), At(doc2, "Inês", "PERSON")});
  EXPECT_EQ(r2.text, "<PERSON_2> met <PERSON_3>");
  EXPECT_EQ(second->PseudonymMapping().size(), 3u);
}

TEST(Anonymizer, LoadedMappingWithGapsNeverReusesATakenToken) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  ASSERT_TRUE(
      a->LoadPseudonyms({{"<PERSON_2>", "Ana"}, {"<US_SSN_7>", "536-81-2049"}}).has_value());
  const std::string text = "Zoë";
  EXPECT_EQ(AnonymizeOk(*a, text, {At(text, "Zoë", "PERSON")}).text, "<PERSON_3>");
}

TEST(Anonymizer, PseudonymDeanonymizeRestoresTheTextExactly) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  const std::vector<Finding> findings = SampleFindings();
  const AnonymizeResult out = AnonymizeOk(*a, kText, findings);
  EXPECT_EQ(out.text,
            "Olá 😀 <PERSON_1> — 電話 <PHONE_NUMBER_1>, mail <EMAIL_ADDRESS_1> "
            "中文 fin");
  ExpectItemsLocated(kText, findings, out);

  // As a later run would: the mapping saved, then loaded elsewhere.
  auto later = MakeDefault(Spec(OperatorKind::kPseudonym));
  ASSERT_TRUE(later->LoadPseudonyms(a->PseudonymMapping()).has_value());
  auto back = Deanonymize(out.text, out.items, WithMapping(later->PseudonymMapping()));
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(back->text, kText);
}

TEST(Anonymizer, UnknownPseudonymIsAnError) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  const AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  auto mapping = a->PseudonymMapping();
  mapping.erase("<PHONE_NUMBER_1>");
  auto back = Deanonymize(out.text, out.items, WithMapping(mapping));
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().code, ErrorCode::kNotFound);
  EXPECT_NE(back.error().message.find("item 1"), std::string::npos);
}

TEST(Anonymizer, BadMappingTokensAreErrorsNotExceptions) {
  for (const char* bad : {"PERSON_1", "<PERSON>", "<PERSON_>", "<PERSON_x1>", "<_1>",
                          "<PERSON_99999999999999999999>", "<PERSON_-1>", "<>"}) {
    auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
    Status st = a->LoadPseudonyms({{bad, "Ana"}});
    ASSERT_FALSE(st.has_value()) << bad;
    EXPECT_EQ(st.error().code, ErrorCode::kParse);
    EXPECT_NE(st.error().message.find(bad), std::string::npos);
  }
}

TEST(Anonymizer, PseudonymsAreConsistentAcrossThreads) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  const std::string text = "Ana Zoë Inês Rui";
  const std::vector<Finding> findings = {At(text, "Ana", "PERSON"), At(text, "Zoë", "PERSON"),
                                         At(text, "Inês", "PERSON"), At(text, "Rui", "PERSON")};
  std::vector<std::string> outputs(4);
  {
    std::vector<std::jthread> threads;
    for (size_t t = 0; t < outputs.size(); ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 200; ++i) outputs[t] = AnonymizeOk(*a, text, findings).text;
      });
    }
  }
  for (const std::string& out : outputs) EXPECT_EQ(out, outputs[0]);
  EXPECT_EQ(a->PseudonymMapping().size(), 4u);
}

// --- Deanonymize ---------------------------------------------------------

TEST(Anonymizer, DeanonymizeLeavesIrreversibleItemsAsTheyAre) {
  AnonymizerConfig config;
  config.operators["PERSON"] = Spec(OperatorKind::kPseudonym);
  config.operators["PHONE_NUMBER"] = Masked("*");
  config.operators["EMAIL_ADDRESS"] = Keyed(OperatorKind::kEncrypt);
  auto a = Make(config);
  const AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  auto back = Deanonymize(out.text, out.items, WithKeyAndMapping(kKey, a->PseudonymMapping()));
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(back->text,
            "Olá 😀 José Núñez — 電話 +*** *** *** ***, mail josé.ñ@exämple.pt "
            "中文 fin");
  EXPECT_EQ(back->items[1].operator_name, "mask");
  for (const AnonymizedItem& item : back->items) {
    EXPECT_EQ(SliceCp(back->text, item.start, item.end), item.text);
  }
}

TEST(Anonymizer, DeanonymizeRejectsItemsThatDoNotFit) {
  auto a = MakeDefault(Spec(OperatorKind::kPseudonym));
  const AnonymizeResult out = AnonymizeOk(*a, kText, SampleFindings());
  std::vector<AnonymizedItem> reversed(out.items.rbegin(), out.items.rend());
  EXPECT_FALSE(Deanonymize(out.text, reversed, WithMapping(a->PseudonymMapping())));
  std::vector<AnonymizedItem> beyond = out.items;
  beyond.back().end = 10'000;
  EXPECT_FALSE(Deanonymize(out.text, beyond, WithMapping(a->PseudonymMapping())));
}

// --- Names ---------------------------------------------------------------

TEST(Anonymizer, OperatorNamesRoundTrip) {
  for (const char* name : {"replace", "redact", "mask", "hash", "encrypt", "keep", "pseudonym"}) {
    auto kind = ParseOperatorKind(name);
    ASSERT_TRUE(kind.has_value()) << name;
    EXPECT_STREQ(OperatorName(*kind), name);
  }
  auto bad = ParseOperatorKind("encrypted");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("encrypted"), std::string::npos);
}

// --- With the analyzer ---------------------------------------------------

TEST(Anonymizer, AnalyzerFindingsAnonymizeInPlace) {
  auto analyzer = Analyzer::Create({});
  ASSERT_TRUE(analyzer.has_value()) << analyzer.error().ToString();
  const std::string text =
      "Olá 😀 — écrivez à ana.pereira@example.pt ou 中文 card 4111 1111 1111 1111.\n";
  auto findings = (*analyzer)->Analyze(text, {});
  ASSERT_TRUE(findings.has_value());
  ASSERT_EQ(findings->size(), 2u);

  AnonymizerConfig config;
  config.operators["DEFAULT"] = Spec(OperatorKind::kPseudonym);
  OperatorSpec card = Spec(OperatorKind::kMask);
  card.chars_to_mask = 12;
  config.operators["CREDIT_CARD"] = card;
  auto a = Make(config);
  const AnonymizeResult out = AnonymizeOk(*a, text, *findings);
  EXPECT_EQ(out.text,
            "Olá 😀 — écrivez à <EMAIL_ADDRESS_1> ou 中文 card "
            "**** **** **** 1111.\n");
  ExpectItemsLocated(text, *findings, out);
}

}  // namespace
}  // namespace piiscan
