// Every built-in entity type, found in real values placed in many kinds of
// surrounding text, and not found in the look-alikes that trouble scanners.

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer_fixture.h"
#include "piiscan/text.h"

namespace piiscan {
namespace {

using testutil::Analyze;
using testutil::Describe;
using testutil::OfType;

// Text put around a value. Each value is tried in every placement.
struct Placement {
  std::string_view name;
  std::string_view before;
  std::string_view after;
};

constexpr Placement kPlacements[] = {
    {"start of text", "", " is on file"},
    {"end of text, then a full stop", "It is ", "."},
    {"inside parentheses", "Details (", ") follow."},
    {"after a colon", "Value: ", "\nnext line"},
    {"between commas", "Yes, ", ", as agreed."},
    {"last field of a CSV row", "name,value\nJane,", "\nJohn,none\n"},
    {"JSON string", "{\"value\": \"", "\", \"n\": 1}"},
    {"next to emoji", "\xF0\x9F\x93\x9E ", " \xE2\x9C\x85 \xF0\x9F\x98\x80"},
    {"next to accents", "Jos\xC3\xA9 M\xC3\xBCller ", " \xC3\xA0 Cr\xC3\xA9teil."},
    {"next to CJK", "\xE8\x81\x94\xE7\xB3\xBB ", " \xE8\xB0\xA2\xE8\xB0\xA2"},
    {"after a tab, before CRLF", "x\t", "\r\n"},
};

// A real value of `entity`. `lead` goes before every placement: it holds
// the context word that recognizers with requires_context need, or that a
// weakly scored format needs to pass the default threshold.
struct Value {
  std::string_view entity;
  std::string_view value;
  std::string_view lead = "";
};

// Each value in every placement: one finding, of its type, on its span.
void ExpectFoundEverywhere(std::span<const Value> values) {
  for (const Value& v : values) {
    for (const Placement& p : kPlacements) {
      const std::string before = std::string(v.lead) + std::string(p.before);
      const std::string text = before + std::string(v.value) + std::string(p.after);
      SCOPED_TRACE(std::string(p.name) + ": \"" + text + "\"");

      const size_t start = CountCodePoints(before);
      const size_t end = start + CountCodePoints(v.value);
      const std::vector<Finding> findings = Analyze(text);
      EXPECT_EQ(Describe(findings), std::vector<std::string>{Describe(v.entity, start, end)});
      if (findings.size() != 1) continue;
      EXPECT_EQ(findings[0].byte_start, before.size());
      EXPECT_EQ(findings[0].byte_end, before.size() + v.value.size());
    }
  }
}

const Value kEmails[] = {
    {"EMAIL_ADDRESS", "john.doe@example.com"},
    {"EMAIL_ADDRESS", "j_o-e+tag@mail.example.co.uk"},
    {"EMAIL_ADDRESS", "Jane.Roe@Example.ORG"},
    {"EMAIL_ADDRESS", "a1%b@sub-domain.example.travel"},
};
TEST(FoundEverywhere, Email) { ExpectFoundEverywhere(kEmails); }

const Value kPhones[] = {
    {"PHONE_NUMBER", "(650) 253-0000"},   {"PHONE_NUMBER", "+1 415 555 2671"},
    {"PHONE_NUMBER", "+44 20 7946 0958"}, {"PHONE_NUMBER", "07911 123456"},
    {"PHONE_NUMBER", "+49 30 901820"},    {"PHONE_NUMBER", "07700 900461", "Mobile:\n"},
};
TEST(FoundEverywhere, Phone) { ExpectFoundEverywhere(kPhones); }

const Value kCards[] = {
    {"CREDIT_CARD", "4111111111111111"},    {"CREDIT_CARD", "5555555555554444"},
    {"CREDIT_CARD", "378282246310005"},     {"CREDIT_CARD", "4111 1111 1111 1111"},
    {"CREDIT_CARD", "5555-5555-5555-4444"}, {"CREDIT_CARD", "3782 822463 10005"},
};
TEST(FoundEverywhere, CreditCard) { ExpectFoundEverywhere(kCards); }

const Value kIbans[] = {
    {"IBAN_CODE", "GB82WEST12345698765432"},
    {"IBAN_CODE", "DE89370400440532013000"},
    {"IBAN_CODE", "GB82 WEST 1234 5698 7654 32"},
    {"IBAN_CODE", "FR14 2004 1010 0505 0001 3M02 606"},
};
TEST(FoundEverywhere, Iban) { ExpectFoundEverywhere(kIbans); }

const Value kSsns[] = {
    {"US_SSN", "536-81-2049"},
    {"US_SSN", "536 81 2049", "SSN\n"},
    {"US_SSN", "536812049", "SSN\n"},
};
TEST(FoundEverywhere, UsSsn) { ExpectFoundEverywhere(kSsns); }

const Value kIps[] = {
    {"IP_ADDRESS", "192.168.1.10"},
    {"IP_ADDRESS", "8.8.8.8"},
    {"IP_ADDRESS", "2001:db8::8a2e:370:7334"},
    {"IP_ADDRESS", "fe80::1ff:fe23:4567:890a"},
    {"IP_ADDRESS", "2001:DB8:0:0:8:800:200C:417A"},
    {"IP_ADDRESS", "::ffff:192.0.2.128"},
};
TEST(FoundEverywhere, IpAddress) { ExpectFoundEverywhere(kIps); }

// The port or prefix length after an address is not part of it.
TEST(FoundEverywhere, IpAddressBeforePortOrPrefixLength) {
  for (const std::string_view after : {":5432", ":51234 connected", "/24", "/8,"}) {
    const std::string text = "host 192.0.2.10" + std::string(after);
    SCOPED_TRACE(text);
    EXPECT_EQ(Describe(Analyze(text)), std::vector<std::string>{Describe("IP_ADDRESS", 5, 15)});
  }
}

const Value kUrls[] = {
    {"URL", "https://example.com/path?q=1&r=two#frag"}, {"URL", "http://www.example.org/a/b.html"},
    {"URL", "ftp://ftp.example.com/pub/file.txt"},      {"URL", "www.example.org"},
    {"URL", "example.com/about", "Website\n"},
};
TEST(FoundEverywhere, Url) { ExpectFoundEverywhere(kUrls); }

const Value kMacs[] = {
    {"MAC_ADDRESS", "00:1A:2B:3C:4D:5E"},
    {"MAC_ADDRESS", "00-1a-2b-3c-4d-5e"},
    {"MAC_ADDRESS", "0011.2233.4455"},
};
TEST(FoundEverywhere, MacAddress) { ExpectFoundEverywhere(kMacs); }

const Value kDates[] = {
    {"DATE_TIME", "2024-03-15"},    {"DATE_TIME", "2024-03-15T14:30:00Z"},
    {"DATE_TIME", "15/03/2024"},    {"DATE_TIME", "3 March 2021"},
    {"DATE_TIME", "March 3, 2021"}, {"DATE_TIME", "14:30"},
};
TEST(FoundEverywhere, DateTime) { ExpectFoundEverywhere(kDates); }

const Value kCrypto[] = {
    {"CRYPTO", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"},
    {"CRYPTO", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"},
    {"CRYPTO", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"},
    {"CRYPTO", "0x52908400098527886E0F7030069857D2E4169EE7"},
};
TEST(FoundEverywhere, Crypto) { ExpectFoundEverywhere(kCrypto); }

const Value kNhs[] = {
    {"UK_NHS", "9434765919", "NHS number\n"},
    {"UK_NHS", "943 476 5919", "NHS number\n"},
    {"UK_NHS", "943-476-5919", "Patient\n"},
};
TEST(FoundEverywhere, UkNhs) { ExpectFoundEverywhere(kNhs); }

const Value kRouting[] = {
    {"ABA_ROUTING_NUMBER", "021000021", "Routing number\n"},
    {"ABA_ROUTING_NUMBER", "011000015", "ABA\n"},
};
TEST(FoundEverywhere, AbaRouting) { ExpectFoundEverywhere(kRouting); }

const Value kBankNumbers[] = {
    {"US_BANK_NUMBER", "000123456789", "Account number\n"},
    {"US_BANK_NUMBER", "87654321", "Checking acct\n"},
};
TEST(FoundEverywhere, UsBankNumber) { ExpectFoundEverywhere(kBankNumbers); }

const Value kAwsKeys[] = {
    {"AWS_ACCESS_KEY", "AKIAQYLPMN5HHHFPZAM2"},
    {"AWS_ACCESS_KEY", "ASIAY34FZKBOKMUTVV7A"},
};
TEST(FoundEverywhere, AwsAccessKey) { ExpectFoundEverywhere(kAwsKeys); }

const Value kGithubTokens[] = {
    {"GITHUB_TOKEN", "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"},
    {"GITHUB_TOKEN", "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"},
};
TEST(FoundEverywhere, GithubToken) { ExpectFoundEverywhere(kGithubTokens); }

const Value kSlackTokens[] = {
    {"SLACK_TOKEN", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp"},
    {"SLACK_TOKEN",
     "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"},
};
TEST(FoundEverywhere, SlackToken) { ExpectFoundEverywhere(kSlackTokens); }

const Value kPrivateKeys[] = {
    {"PRIVATE_KEY",
     "-----BEGIN RSA PRIVATE KEY-----\n"
     "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n"
     "4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onL\n"
     "-----END RSA PRIVATE KEY-----"},
    {"PRIVATE_KEY",
     "-----BEGIN OPENSSH PRIVATE KEY-----\n"
     "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
     "-----END OPENSSH PRIVATE KEY-----"},
};
TEST(FoundEverywhere, PrivateKey) { ExpectFoundEverywhere(kPrivateKeys); }

const Value kJwts[] = {
    {"JWT",
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwia"
     "WF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},
    {"JWT", "eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9."},
};
TEST(FoundEverywhere, Jwt) { ExpectFoundEverywhere(kJwts); }

// A text that resembles some entity types without being one of them. It is
// analyzed with only those types enabled, so that no other finding can hide
// a wrong one by winning an overlap.
struct LookAlike {
  std::string_view text;
  std::vector<std::string> not_types;
};

void ExpectNotFound(std::span<const LookAlike> cases) {
  for (const LookAlike& c : cases) {
    AnalyzeOptions options;
    options.entities = c.not_types;
    EXPECT_EQ(Describe(Analyze(c.text, options)), std::vector<std::string>{}) << c.text;
  }
}

const LookAlike kOrderNumbers[] = {
    {"Order 4111111111111112 shipped", {"CREDIT_CARD"}},
    {"Invoice 100234567 paid in full", {"US_SSN", "ABA_ROUTING_NUMBER", "PHONE_NUMBER"}},
    {"Invoice #100234567 paid", {"US_SSN", "ABA_ROUTING_NUMBER", "PHONE_NUMBER"}},
    {"Order no. 123456789012 shipped", {"CREDIT_CARD", "US_BANK_NUMBER"}},
};
TEST(NotFound, OrderNumbers) { ExpectNotFound(kOrderNumbers); }

const LookAlike kTimestamps[] = {
    {"created_at=1700000000000", {"CREDIT_CARD", "PHONE_NUMBER"}},
    {"{\"ts\": 1712345678901, \"ok\": true}", {"CREDIT_CARD", "PHONE_NUMBER"}},
    {"event at 1712345678901 ms", {"CREDIT_CARD", "PHONE_NUMBER"}},
};
TEST(NotFound, MillisecondTimestamps) { ExpectNotFound(kTimestamps); }

const LookAlike kVersions[] = {
    {"upgrade to v3.2.1.117 today", {"IP_ADDRESS", "PHONE_NUMBER"}},
    {"Windows build 10.0.19041.1 installed", {"IP_ADDRESS", "PHONE_NUMBER"}},
};
TEST(NotFound, VersionStrings) { ExpectNotFound(kVersions); }

// A dotted quad glued by '-' to a name and followed by a file extension is
// a version, as in a tarball name.
TEST(NotFound, VersionInFileNameReadAsIp) {
  const LookAlike kFileNames[] = {
      {"download libfoo-1.2.3.4.tar.gz now", {"IP_ADDRESS"}},
      {"see app-10.0.0.1.zip", {"IP_ADDRESS"}},
  };
  ExpectNotFound(kFileNames);
}

const std::vector<std::string> kHexTypes = {"PHONE_NUMBER", "CREDIT_CARD", "IP_ADDRESS",
                                            "MAC_ADDRESS",  "UK_NHS",      "DATE_TIME"};
const LookAlike kGuids[] = {
    {"request 123e4567-e89b-12d3-a456-426614174000 failed", kHexTypes},
    {"CLSID {6F9619FF-8B86-D011-B42D-00C04FC964FF}", kHexTypes},
    {"\"id\": \"550e8400-e29b-41d4-a716-446655440000\"", kHexTypes},
};
TEST(NotFound, Guids) { ExpectNotFound(kGuids); }

const LookAlike kPostcodes[] = {
    {"Atlanta, GA 30318-4471", {"PHONE_NUMBER", "US_SSN"}},
    {"ZIP 30318-4471, USA", {"PHONE_NUMBER", "US_SSN"}},
};
TEST(NotFound, ZipPlusFour) { ExpectNotFound(kPostcodes); }

const LookAlike kDecimals[] = {
    {"value 1.402365187", {"PHONE_NUMBER", "IP_ADDRESS"}},
    {"ratio = 0.123456789;", {"PHONE_NUMBER", "IP_ADDRESS"}},
    {"lat 51.5072178, lon -0.1275862", {"PHONE_NUMBER", "IP_ADDRESS"}},
};
TEST(NotFound, Decimals) { ExpectNotFound(kDecimals); }

const LookAlike kDateLookAlikes[] = {
    {"due on 2024-03-15", {"PHONE_NUMBER", "US_SSN"}},
    {"Call 2024-03-15 maybe", {"PHONE_NUMBER"}},
    {"from 12/31/2024 to 01/15/2025", {"PHONE_NUMBER"}},
    {"Stand: 31.12.2024", {"PHONE_NUMBER", "IP_ADDRESS"}},
};
TEST(NotFound, Dates) { ExpectNotFound(kDateLookAlikes); }

const std::vector<std::string> kTokenTypes = {
    "CRYPTO",        "AWS_ACCESS_KEY", "GITHUB_TOKEN", "JWT",         "URL",
    "EMAIL_ADDRESS", "IBAN_CODE",      "CREDIT_CARD",  "PHONE_NUMBER"};
const LookAlike kIntegrityHashes[] = {
    {"\"integrity\": \"sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7k"
     "xvUdBeoGlODJ6+SfaPg==\"",
     kTokenTypes},
    {"integrity sha512-9QoKd+Zz0nDDRMtFRKbo1O9wvyQOmNBpSqVpvEzUdLrPSXBVNm3C1ZC1DSXSHMPfkLLnm1d5e"
     "D62ivsi6I1lA==",
     kTokenTypes},
    {"sha1-2Ue8WuSNm3x3N0eGOWPIcAJbU9M=", kTokenTypes},
};
TEST(NotFound, NpmIntegrity) { ExpectNotFound(kIntegrityHashes); }

const LookAlike kCode[] = {
    {"std::vector<int> v; a::b::c", {"IP_ADDRESS", "MAC_ADDRESS"}},
    {"return std::string::npos;", {"IP_ADDRESS", "MAC_ADDRESS"}},
    {"using ns::ab::cd::ef;", {"IP_ADDRESS", "MAC_ADDRESS"}},
    {"dead::beef and ab::cd", {"IP_ADDRESS", "MAC_ADDRESS"}},
};
TEST(NotFound, ScopeOperators) { ExpectNotFound(kCode); }

const LookAlike kBadMacs[] = {
    {"MAC 00:1A:2B:3C:4D:5G", {"MAC_ADDRESS"}},
    {"MAC 00:1A-2B:3C-4D:5E", {"MAC_ADDRESS"}},
    {"MAC 00:00:00:00:00:00", {"MAC_ADDRESS"}},
    {"MAC 00:1A:2B:3C:4D", {"MAC_ADDRESS"}},
    {"MAC 00:1A:2B:3C:4D:5E:6F", {"MAC_ADDRESS", "IP_ADDRESS"}},
};
TEST(NotFound, InvalidMacs) { ExpectNotFound(kBadMacs); }

const LookAlike kBadCards[] = {
    {"card 4111111111111112", {"CREDIT_CARD"}},
    {"card 5555 5555 5555 4445", {"CREDIT_CARD", "PHONE_NUMBER"}},
    {"card 3782 822463 10006", {"CREDIT_CARD", "PHONE_NUMBER"}},
    {"card 1234567812345670", {"CREDIT_CARD"}},
};
TEST(NotFound, LuhnInvalidCards) { ExpectNotFound(kBadCards); }

const LookAlike kBadIbans[] = {
    {"IBAN GB82WEST12345698765433", {"IBAN_CODE"}},
    {"IBAN DE89370400440532013001", {"IBAN_CODE"}},
    {"IBAN GB82 WEST 1234 5698 7654 33", {"IBAN_CODE"}},
    {"IBAN XX82WEST12345698765432", {"IBAN_CODE"}},
};
TEST(NotFound, BadIbanChecksums) { ExpectNotFound(kBadIbans); }

const LookAlike kBadSsns[] = {
    {"SSN 000-12-3456", {"US_SSN"}}, {"SSN 666-12-3456", {"US_SSN"}},
    {"SSN 912-34-5678", {"US_SSN"}}, {"SSN 536-00-2049", {"US_SSN"}},
    {"SSN 536-81-0000", {"US_SSN"}}, {"SSN 078-05-1120", {"US_SSN"}},
    {"ssn 900812049", {"US_SSN"}},
};
TEST(NotFound, InvalidSsnAreas) { ExpectNotFound(kBadSsns); }

const LookAlike kUrlUserinfo[] = {
    {"see https://user:pw@host.example.com/path", {"EMAIL_ADDRESS"}},
    {"ftp://anonymous:guest@ftp.example.org/pub", {"EMAIL_ADDRESS"}},
    {"clone https://deploy@git.example.com/repo.git now", {"EMAIL_ADDRESS"}},
};
TEST(NotFound, EmailInUrlUserinfo) { ExpectNotFound(kUrlUserinfo); }

const LookAlike kEmailDomains[] = {
    {"website contact: john@example.com", {"URL"}},
    {"web: jane.roe@www.example.org.", {"URL"}},
    {"site (ops@status.example.io)", {"URL"}},
};
TEST(NotFound, UrlDomainInEmail) { ExpectNotFound(kEmailDomains); }

// A value between neighbours that a reader plainly sees as separate from it.
struct Neighbours {
  std::string_view entity;
  std::string_view before;
  std::string_view value;
  std::string_view after;
};

void ExpectFoundBeside(std::span<const Neighbours> cases) {
  for (const Neighbours& c : cases) {
    const std::string text = std::string(c.before) + std::string(c.value) + std::string(c.after);
    const size_t start = CountCodePoints(c.before);
    const size_t end = start + CountCodePoints(c.value);
    EXPECT_EQ(Describe(Analyze(text)), std::vector<std::string>{Describe(c.entity, start, end)})
        << text;
  }
}

// "1,4111111111111111,99": the left neighbour "1," is read as the start of
// "1,000"-style grouping, though no thousands group has more than 3 digits.
const Neighbours kNumericCsvFields[] = {
    {"CREDIT_CARD", "1,", "4111111111111111", ",99"},
    {"CREDIT_CARD", "2024,", "5555555555554444", ",EUR"},
    {"US_SSN", "7,", "536-81-2049", ",x"},
    {"IP_ADDRESS", "1,", "8.8.8.8", ",443"},
    {"IP_ADDRESS", "3,", "192.168.1.10", ",blocked"},
    {"DATE_TIME", "42,", "2024-03-15", ",x"},
};
TEST(FoundBeside, NumericCsvFieldHidesValue) { ExpectFoundBeside(kNumericCsvFields); }

// Any non-ASCII byte counts as a letter for boundaries, so full-width
// punctuation, emoji and ideographs right beside a value hide it.
const Neighbours kNonAsciiNeighbours[] = {
    {"EMAIL_ADDRESS", "\xE9\x82\xAE\xE7\xAE\xB1\xEF\xBC\x9A", "john@example.com",
     "\xE3\x80\x82"},  // 邮箱：…。
    {"CREDIT_CARD", "\xE5\x8D\xA1\xE5\x8F\xB7\xEF\xBC\x9A", "4111111111111111",
     "\xE3\x80\x82"},  // 卡号：…。
    {"EMAIL_ADDRESS", "\xF0\x9F\x93\xA7", "john@example.com", "\xF0\x9F\x98\x80"},  // 📧…😀
    {"IP_ADDRESS", "IP\xE5\x9C\xB0\xE5\x9D\x80", "192.168.1.10", "\xE3\x80\x82"},  // IP地址…。
    {"EMAIL_ADDRESS", "\xE2\x80\x9C", "john@example.com", "\xE2\x80\x9D"},         // “…”
    {"URL", "\xC2\xAB", "https://example.com/a", "\xC2\xBB"},                      // «…»
};
TEST(FoundBeside, NonAsciiPunctuationHidesValue) { ExpectFoundBeside(kNonAsciiNeighbours); }

// A URL ends before trailing punctuation only when a space or the end
// follows it, so an unquoted CSV field hides it.
const Neighbours kUrlInCsvFields[] = {
    {"URL", "1,", "www.example.org", ",x"},
    {"URL", "name,", "www.example.org", ",NY"},
};
TEST(FoundBeside, UrlBeforeACommaWithoutSpaceIsMissed) { ExpectFoundBeside(kUrlInCsvFields); }

const Neighbours kUrlAfterColon[] = {
    {"URL", "Website:", "https://example.com/a", ""},
    {"URL", "link:", "http://www.example.org/x", " (new)"},
};
TEST(FoundBeside, UrlRightAfterColonIsMissed) { ExpectFoundBeside(kUrlAfterColon); }

// A phone number in parentheses is reported with the opening parenthesis:
// "(+1 415 555 2671" instead of "+1 415 555 2671".
const Neighbours kPhonesInParentheses[] = {
    {"PHONE_NUMBER", "Details (", "+1 415 555 2671", ") follow."},
    {"PHONE_NUMBER", "(", "07911 123456", ")"},
    {"PHONE_NUMBER", "Office (", "(650) 253-0000", ")"},
};
TEST(FoundBeside, PhoneSpanTakesTheOpeningParenthesis) { ExpectFoundBeside(kPhonesInParentheses); }

// Service-account key files hold the PEM block in a JSON string, with its
// line breaks escaped as the two characters '\' 'n'.
TEST(PrivateKey, PemInJsonStringWithEscapedNewlinesIsFound) {
  const std::string key =
      "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\nBKcwggSjAgEAAoIBAQC7\\n"
      "-----END PRIVATE KEY-----";
  const std::string before = "{\"type\": \"service_account\", \"private_key\": \"";
  const std::string text = before + key + "\\n\", \"project_id\": \"demo\"}";
  const size_t start = CountCodePoints(before);
  EXPECT_EQ(Describe(OfType(Analyze(text), "PRIVATE_KEY")),
            std::vector<std::string>{Describe("PRIVATE_KEY", start, start + key.size())});
}

// The key body's alphabet includes '-', spaces and letters, so the pattern
// runs on from the first BEGIN to the last END within reach, swallowing
// the text between two keys.
TEST(PrivateKey, TwoKeysAreTwoFindings) {
  const std::string key1 = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
  const std::string notes = "\nSome notes, then the second key\n";
  const std::string key2 = "-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----";
  const size_t second = key1.size() + notes.size();
  EXPECT_EQ(Describe(Analyze(key1 + notes + key2)),
            (std::vector<std::string>{Describe("PRIVATE_KEY", 0, key1.size()),
                                      Describe("PRIVATE_KEY", second, second + key2.size())}));
}

// The catalogue has a pattern for fine-grained tokens, but the validator it
// names accepts only the 40-character classic form.
TEST(GithubToken, FineGrainedTokenIsFound) {
  const std::string token =
      "github_pat_11ABCDEFG0123456789abc_"
      "0123456789abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGHI";
  ASSERT_EQ(token.size(), 93u);
  EXPECT_EQ(Describe(Analyze("GH_TOKEN=" + token)),
            std::vector<std::string>{Describe("GITHUB_TOKEN", 9, 9 + token.size())});
}

}  // namespace
}  // namespace piiscan
