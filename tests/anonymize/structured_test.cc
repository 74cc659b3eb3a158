// Structure-keeping anonymization (src/anonymize/structured.h): CSV cells,
// JSON leaves and JSON Lines lines change only where PII was found, the
// rest stays byte for byte, and what is reversible comes back exactly.

#include "anonymize/structured.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer_fixture.h"
#include "piiscan/anonymizer.h"
#include "piiscan/text.h"

namespace piiscan::anonymize {
namespace {

using namespace std::string_literals;
using testutil::DefaultAnalyzer;

std::unique_ptr<Anonymizer> MakeAnonymizer(OperatorKind kind, std::string new_value = "") {
  AnonymizerConfig config;
  config.operators["DEFAULT"].kind = kind;
  config.operators["DEFAULT"].new_value = std::move(new_value);
  auto a = Anonymizer::Create(config);
  EXPECT_TRUE(a.has_value());
  return std::move(*a);
}

DocumentResult Anonymized(std::string_view bytes, DocumentFormat format, const Anonymizer& a) {
  auto result = AnonymizeDocument({&DefaultAnalyzer(), &a, {}}, bytes, format);
  if (!result) {
    ADD_FAILURE() << result.error().ToString();
    return {};
  }
  return *result;
}

DocumentResult Replaced(std::string_view bytes, DocumentFormat format) {
  static const std::unique_ptr<Anonymizer> a = MakeAnonymizer(OperatorKind::kReplace);
  return Anonymized(bytes, format, *a);
}

// Anonymizes with pseudonyms, then restores: the original must come back,
// byte for byte.
void ExpectRoundTrip(std::string_view bytes, DocumentFormat format, size_t expected_items,
                     std::string* restored_text = nullptr) {
  auto a = MakeAnonymizer(OperatorKind::kPseudonym);
  const DocumentResult anonymized = Anonymized(bytes, format, *a);
  EXPECT_EQ(anonymized.items.size(), expected_items);
  DeanonymizeOptions options;
  options.pseudonyms = a->PseudonymMapping();
  auto restored = DeanonymizeDocument(anonymized.text, format, anonymized.items, options);
  ASSERT_TRUE(restored.has_value()) << restored.error().ToString();
  if (restored_text != nullptr) {
    *restored_text = restored->text;
    return;
  }
  EXPECT_EQ(restored->text, bytes);
}

std::string Place(const PlacedItem& p) {
  return std::to_string(p.place.line) + "|" + std::to_string(p.place.row) + "," +
         std::to_string(p.place.column) + "|" + p.place.pointer + "|" + p.item.entity_type + "[" +
         std::to_string(p.item.start) + "," + std::to_string(p.item.end) + ")";
}

std::vector<std::string> Places(const DocumentResult& r) {
  std::vector<std::string> out;
  for (const PlacedItem& p : r.items) out.push_back(Place(p));
  return out;
}

// --- CSV reading ---------------------------------------------------------

struct CsvCase {
  std::string name;
  std::string text;
  char delimiter;
  std::vector<std::string> values;
  std::vector<bool> quoted;
  std::string terminator;
};

void PrintTo(const CsvCase& c, std::ostream* os) { *os << c.name; }

class CsvRead : public ::testing::TestWithParam<CsvCase> {};

TEST_P(CsvRead, FirstRecord) {
  const CsvCase& c = GetParam();
  size_t pos = 0;
  CsvRecord record;
  ReadCsvRecord(c.text, c.delimiter, &pos, &record);
  std::vector<std::string> values;
  std::vector<bool> quoted;
  for (const CsvField& f : record.fields) {
    values.push_back(f.value);
    quoted.push_back(f.quoted);
  }
  EXPECT_EQ(values, c.values);
  EXPECT_EQ(quoted, c.quoted);
  EXPECT_EQ(record.terminator, c.terminator);
}

const CsvCase kCsvCases[] = {
    {"plain", "a,b,c\nx", ',', {"a", "b", "c"}, {false, false, false}, "\n"},
    {"quoted_delimiter", "a,\"b,c\",d\r\n", ',', {"a", "b,c", "d"}, {false, true, false}, "\r\n"},
    {"escaped_quotes", "\"he said \"\"hi\"\"\",x", ',', {"he said \"hi\"", "x"}, {true, false}, ""},
    {"line_break_inside", "\"two\nlines\",x\n", ',', {"two\nlines", "x"}, {true, false}, "\n"},
    {"crlf_inside", "\"a\r\nb\"\r\n", ',', {"a\r\nb"}, {true}, "\r\n"},
    {"empty_fields", ",,\n", ',', {"", "", ""}, {false, false, false}, "\n"},
    {"empty_quoted", "\"\",x", ',', {"", "x"}, {true, false}, ""},
    {"quote_inside_unquoted", "a\"b,c", ',', {"a\"b", "c"}, {false, false}, ""},
    {"text_after_closing_quote", "\"ab\"cd,e", ',', {"abcd", "e"}, {true, false}, ""},
    {"unclosed_quote", "\"open,x\ny", ',', {"open,x\ny"}, {true}, ""},
    {"lone_cr_is_data", "a\rb,c\n", ',', {"a\rb", "c"}, {false, false}, "\n"},
    {"tab", "a\tb,c\t\"d\te\"\n", '\t', {"a", "b,c", "d\te"}, {false, false, true}, "\n"},
    {"multibyte", "José,😀,\"中,文\"\n", ',',
     {"José", "😀", "中,文"}, {false, false, true}, "\n"},
};

INSTANTIATE_TEST_SUITE_P(Structured, CsvRead, ::testing::ValuesIn(kCsvCases),
                         [](const auto& info) { return info.param.name; });

// Whatever the bytes, records cover the text exactly: raw fields, the
// delimiters between them and the terminators give the text back.
TEST(Structured, CsvRecordsCoverAnyTextExactly) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a", ",", "\"", "\n", "\r", "é", "\"\"", " "};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::string rebuilt;
    CsvRecord record;
    for (size_t pos = 0; pos < text.size();) {
      const size_t before = pos;
      ReadCsvRecord(text, ',', &pos, &record);
      ASSERT_GT(pos, before) << "no progress on '" << text << "'";
      for (size_t i = 0; i < record.fields.size(); ++i) {
        if (i > 0) rebuilt += ',';
        rebuilt += record.fields[i].raw;
      }
      rebuilt += record.terminator;
    }
    ASSERT_EQ(rebuilt, text);
  }
}

TEST(Structured, CsvFieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(FormatCsvField("plain", false, ','), "plain");
  EXPECT_EQ(FormatCsvField("plain", true, ','), "\"plain\"");
  EXPECT_EQ(FormatCsvField("a,b", false, ','), "\"a,b\"");
  EXPECT_EQ(FormatCsvField("a,b", false, '\t'), "a,b");
  EXPECT_EQ(FormatCsvField("a\tb", false, '\t'), "\"a\tb\"");
  EXPECT_EQ(FormatCsvField("say \"hi\"", false, ','), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(FormatCsvField("two\nlines", false, ','), "\"two\nlines\"");
  EXPECT_EQ(FormatCsvField("", false, ','), "");
}

// --- CSV anonymization ---------------------------------------------------

TEST(Structured, CsvKeepsColumnsQuotingAndUntouchedCells) {
  const std::string csv =
      "name,email,card,note\r\n"
      "Ana,ana.pereira@example.pt,4111 1111 1111 1111,\"plain, quoted\"\r\n"
      "\"Rui, Jr\",\"rui@example.org\",none,\"say \"\"hi\"\"\"\r\n"
      "Zoë,,,\r\n";
  const DocumentResult r = Replaced(csv, DocumentFormat::kCsv);
  EXPECT_EQ(r.text,
            "name,email,card,note\r\n"
            "Ana,<EMAIL_ADDRESS>,<CREDIT_CARD>,\"plain, quoted\"\r\n"
            "\"Rui, Jr\",\"<EMAIL_ADDRESS>\",none,\"say \"\"hi\"\"\"\r\n"
            "Zoë,,,\r\n");
  EXPECT_EQ(Places(r),
            (std::vector<std::string>{"0|2,2||EMAIL_ADDRESS[0,15)", "0|2,3||CREDIT_CARD[0,13)",
                                      "0|3,2||EMAIL_ADDRESS[0,15)"}));
}

TEST(Structured, CsvCellsChangeOnlyWherePiiIs) {
  const std::string csv = "id,text\n1,\"mail José at ana.pereira@example.pt, 😀 ok\"\n";
  const DocumentResult r = Replaced(csv, DocumentFormat::kCsv);
  EXPECT_EQ(r.text, "id,text\n1,\"mail José at <EMAIL_ADDRESS>, 😀 ok\"\n");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].item.start, 13u) << "code points within the cell";
}

TEST(Structured, CsvQuotesANewValueThatNeedsIt) {
  auto a = MakeAnonymizer(OperatorKind::kReplace, "x, \"y\"");
  const DocumentResult r = Anonymized("a,ana.pereira@example.pt,b\n", DocumentFormat::kCsv, *a);
  EXPECT_EQ(r.text, "a,\"x, \"\"y\"\"\",b\n");
}

TEST(Structured, TsvUsesTabs) {
  const DocumentResult r =
      Replaced("name\temail\nAna, Jr\tana.pereira@example.pt\n", DocumentFormat::kTsv);
  EXPECT_EQ(r.text, "name\temail\nAna, Jr\t<EMAIL_ADDRESS>\n");
}

TEST(Structured, CsvKeepsByteOrderMarkAndBadBytesOfOtherCells) {
  const std::string csv = "\xEF\xBB\xBFid,bad,email\n1,caf\xE9,ana.pereira@example.pt\n";
  const DocumentResult r = Replaced(csv, DocumentFormat::kCsv);
  EXPECT_EQ(r.text, "\xEF\xBB\xBFid,bad,email\n1,caf\xE9,<EMAIL_ADDRESS>\n");
}

// Regression: a short document decoded from another encoding was read
// through a view of a string that had moved.
TEST(Structured, ShortCsvInAnotherEncoding) {
  const DocumentResult r = Replaced("x@y.org,caf\xE9\n", DocumentFormat::kCsv);
  EXPECT_NE(r.encoding, "UTF-8");
  EXPECT_EQ(r.text, "<EMAIL_ADDRESS>,caf\xE9\n");
}

TEST(Structured, CsvWithoutPiiIsReturnedAsItWas) {
  const std::string csv = "a,\"b\"x,c\r\n\"open";
  EXPECT_EQ(Replaced(csv, DocumentFormat::kCsv).text, csv);
  EXPECT_TRUE(Replaced("", DocumentFormat::kCsv).text.empty());
}

TEST(Structured, CsvRoundTrips) {
  ExpectRoundTrip(
      "name,email\r\n\"Rui, Jr\",\"rui@example.org\"\r\nAna,ana.pereira@example.pt\r\n"
      "x,\"536-81-2049 and \"\"ana.pereira@example.pt\"\"\"\n",
      DocumentFormat::kCsv, 4);
  ExpectRoundTrip("a\tana.pereira@example.pt\n", DocumentFormat::kTsv, 1);
}

// --- JSON ----------------------------------------------------------------

TEST(Structured, JsonChangesOnlyPiiLeavesAndKeepsTheLayout) {
  const std::string json =
      "{\n"
      "    \"note\": \"see https://portal.example.com/u/4411 for details\",\n"
      "    \"owner\": \"Ines Duarte\",\n"
      "    \"tags\": [\"a\", \"b\"],   \"n\": 1.50e2, \"ok\": true, \"none\": null\n"
      "}\n";
  const DocumentResult r = Replaced(json, DocumentFormat::kJson);
  EXPECT_EQ(r.text,
            "{\n"
            "    \"note\": \"see <URL> for details\",\n"
            "    \"owner\": \"Ines Duarte\",\n"
            "    \"tags\": [\"a\", \"b\"],   \"n\": 1.50e2, \"ok\": true, \"none\": null\n"
            "}\n");
  EXPECT_EQ(Places(r), std::vector<std::string>{"0|0,0|/note|URL[4,9)"});
  EXPECT_FALSE(r.items[0].place.was_number);
}

TEST(Structured, JsonKeysAreRedactedAndPointersAreEscaped) {
  const std::string json =
      R"({"ana.pereira@example.pt": "ana.pereira@example.pt",)"
      R"( "a": [{"b": "x@example.org"}, {}, ["y@example.org"]], "c~/d": "z@example.org"})";
  const DocumentResult r = Replaced(json, DocumentFormat::kJson);
  EXPECT_EQ(
      r.text,
      R"({"<EMAIL_ADDRESS>": "<EMAIL_ADDRESS>",)"
      R"( "a": [{"b": "<EMAIL_ADDRESS>"}, {}, ["<EMAIL_ADDRESS>"]], "c~/d": "<EMAIL_ADDRESS>"})");
  std::vector<std::string> pointers;
  for (const PlacedItem& p : r.items) {
    pointers.push_back((p.place.key ? "key " : "") + p.place.pointer);
  }
  // Pointers name members as the redacted document does.
  EXPECT_EQ(pointers,
            (std::vector<std::string>{"key /<EMAIL_ADDRESS>", "/<EMAIL_ADDRESS>", "/a/0/b",
                                      "/a/2/0", "/c~0~1d"}));
}

TEST(Structured, JsonKeysThatCollideAfterRedactionStayDistinct) {
  const std::string json =
      R"({"bob@example.com": {"a": 1}, "ann@example.org": 2, "x": [{"c@d.io": 1}, {"c@d.io": 2}]})";
  const DocumentResult r = Replaced(json, DocumentFormat::kJson);
  EXPECT_EQ(r.text,
            R"j({"<EMAIL_ADDRESS>": {"a": 1}, "<EMAIL_ADDRESS> (2)": 2,)j"
            R"( "x": [{"<EMAIL_ADDRESS>": 1}, {"<EMAIL_ADDRESS>": 2}]})");
  EXPECT_EQ(r.items.size(), 4u);
}

TEST(Structured, JsonKeysRoundTrip) {
  ExpectRoundTrip(R"({"bob@example.com": {"a": "ann@example.org"}, "n": [{"c@d.io": 1}]})",
                  DocumentFormat::kJson, 3);
  ExpectRoundTrip("{\"bob@example.com\": 1}\n{\"x\": {\"bob@example.com\": 2}}\n",
                  DocumentFormat::kJsonLines, 2);
}

TEST(Structured, JsonStringsWithEscapesAndUnicode) {
  const std::string json = R"(["Jos\u00e9 \"q\"\n\t<ana.pereira@example.pt> 😀"])";
  const DocumentResult r = Replaced(json, DocumentFormat::kJson);
  const auto parsed = nlohmann::json::parse(r.text);
  EXPECT_EQ(parsed[0], "José \"q\"\n\t<<EMAIL_ADDRESS>> 😀");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].item.start, 11u);
  EXPECT_EQ(r.items[0].place.pointer, "/0");
}

TEST(Structured, JsonNumbersBecomeStringsOnlyWhenTheyMust) {
  const std::string json = R"({"card": 4111111111111111, "qty": 3})";
  EXPECT_EQ(Replaced(json, DocumentFormat::kJson).text, R"({"card": "<CREDIT_CARD>", "qty": 3})");
  auto keep = MakeAnonymizer(OperatorKind::kKeep);
  const DocumentResult kept = Anonymized(json, DocumentFormat::kJson, *keep);
  EXPECT_EQ(kept.text, json);
  ASSERT_EQ(kept.items.size(), 1u);
  EXPECT_TRUE(kept.items[0].place.was_number);
  auto mask = MakeAnonymizer(OperatorKind::kMask);
  EXPECT_EQ(Anonymized(json, DocumentFormat::kJson, *mask).text,
            R"({"card": "****************", "qty": 3})");
}

TEST(Structured, JsonScalarDocument) {
  const DocumentResult r = Replaced("\"ana.pereira@example.pt\"\n", DocumentFormat::kJson);
  EXPECT_EQ(r.text, "\"<EMAIL_ADDRESS>\"\n");
  EXPECT_EQ(r.items.at(0).place.pointer, "");
}

TEST(Structured, InvalidJsonIsAnErrorThatQuotesNothing) {
  for (const std::string& bad :
       {"{\"a\": \"ana.pereira@example.pt\",\n \"b\": ana.pereira@example.pt}"s, "{"s, ""s, "[1,]"s,
        "{\"a\": \"\xFF\"}"s}) {
    auto a = MakeAnonymizer(OperatorKind::kReplace);
    auto r = AnonymizeDocument({&DefaultAnalyzer(), a.get(), {}}, bad, DocumentFormat::kJson);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kParse);
    EXPECT_NE(r.error().message.find("not valid JSON (line"), std::string::npos)
        << r.error().message;
    EXPECT_EQ(r.error().message.find("example"), std::string::npos) << r.error().message;
  }
  auto a = MakeAnonymizer(OperatorKind::kReplace);
  auto r = AnonymizeDocument({&DefaultAnalyzer(), a.get(), {}}, "{\"a\": 1,\n \"b\": nope}",
                             DocumentFormat::kJson);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("line 2"), std::string::npos) << r.error().message;
}

TEST(Structured, JsonRoundTrips) {
  ExpectRoundTrip(
      R"({"note": "see https://portal.example.com/u/4411 for details", "owner": "Ines Duarte",)"
      R"( "tags": ["a", "b"], "card": 4111111111111111, "s": "José <ana.pereira@example.pt>"})",
      DocumentFormat::kJson, 3);
}

// A changed string is written back with the fewest escapes JSON needs, so
// an escape the original spelled differently comes back as the same value.
TEST(Structured, JsonRoundTripOfEscapedStringsKeepsTheValue) {
  const std::string json =
      R"({"s": "Jos\u00e9 <ana.pereira@example.pt>\/", "n": 4111111111111111})";
  std::string restored;
  ExpectRoundTrip(json, DocumentFormat::kJson, 2, &restored);
  EXPECT_EQ(nlohmann::json::parse(restored), nlohmann::json::parse(json));
  EXPECT_TRUE(nlohmann::json::parse(restored)["n"].is_number());
}

// --- JSON Lines ----------------------------------------------------------

TEST(Structured, JsonLinesRedactBadLinesAsTextAndGoOn) {
  const std::string jsonl =
      "{\"id\": 1, \"mail\": \"ana.pereira@example.pt\"}\r\n"
      "not json, ana.pereira@example.pt\n"
      "\n"
      "{\"id\": 3, \"mail\": \"rui@example.org\"}";
  const DocumentResult r = Replaced(jsonl, DocumentFormat::kJsonLines);
  EXPECT_EQ(r.text,
            "{\"id\": 1, \"mail\": \"<EMAIL_ADDRESS>\"}\r\n"
            "not json, <EMAIL_ADDRESS>\n"
            "\n"
            "{\"id\": 3, \"mail\": \"<EMAIL_ADDRESS>\"}");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2u);
  EXPECT_EQ(r.errors[0].message.find("example"), std::string::npos);
  EXPECT_EQ(Places(r), (std::vector<std::string>{"1|0,0|/mail|EMAIL_ADDRESS[0,15)",
                                                 "4|0,0|/mail|EMAIL_ADDRESS[0,15)"}));
}

TEST(Structured, JsonLinesRoundTrip) {
  ExpectRoundTrip("{\"a\": \"rui@example.org\"}\r\n\n[\"536-81-2049\"]\n",
                  DocumentFormat::kJsonLines, 2);
}

// A line that is not JSON is redacted as text and stays redacted: its
// values are not reported, so they cannot be restored.
TEST(Structured, JsonLinesBadLineStaysRedacted) {
  const std::string jsonl = "{\"a\": \"rui@example.org\"}\nbad rui@example.org\n";
  auto a = MakeAnonymizer(OperatorKind::kPseudonym);
  const DocumentResult anonymized = Anonymized(jsonl, DocumentFormat::kJsonLines, *a);
  EXPECT_EQ(anonymized.text.find("bad rui@example.org"), std::string::npos);
  DeanonymizeOptions options;
  options.pseudonyms = a->PseudonymMapping();
  auto restored =
      DeanonymizeDocument(anonymized.text, DocumentFormat::kJsonLines, anonymized.items, options);
  ASSERT_TRUE(restored.has_value()) << restored.error().ToString();
  EXPECT_EQ(restored->text, "{\"a\": \"rui@example.org\"}\nbad <EMAIL_ADDRESS_1>\n");
}

// --- Text ----------------------------------------------------------------

TEST(Structured, TextKeepsEverythingButTheValues) {
  const std::string text = "\xEF\xBB\xBFOlá 😀\r\nmail ana.pereira@example.pt\tcaf\xE9\r\n";
  const DocumentResult r = Replaced(text, DocumentFormat::kText);
  EXPECT_EQ(r.text, "\xEF\xBB\xBFOlá 😀\r\nmail <EMAIL_ADDRESS>\tcaf\xE9\r\n");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].item.start, 12u) << "code points after the byte order mark";
}

TEST(Structured, TextRoundTrips) {
  ExpectRoundTrip(
      "\xEF\xBB\xBF"
      "Olá 😀 ana.pereira@example.pt\r\nbad \xFF byte 536-81-2049\n",
      DocumentFormat::kText, 2);
  ExpectRoundTrip("plain text, nothing in it\n", DocumentFormat::kText, 0);
}

TEST(Structured, TextInOtherEncodingsKeepsThem) {
  // Latin-1: the replacements are written in Latin-1 too.
  auto keep = MakeAnonymizer(OperatorKind::kKeep);
  std::string latin1;
  for (int i = 0; i < 40; ++i)
    latin1 +=
        "Caf\xE9 cr\xE8me br\xFBl\xE9"
        "e, d\xE9j\xE0 vu. ";
  latin1 += "Mail: ana.pereira@example.pt\n";
  const DocumentResult kept = Anonymized(latin1, DocumentFormat::kText, *keep);
  EXPECT_NE(kept.encoding, "UTF-8");
  EXPECT_EQ(kept.text, latin1);
  EXPECT_EQ(kept.items.size(), 1u);
  ExpectRoundTrip(latin1, DocumentFormat::kText, 1);
}

std::string Utf16Le(std::string_view ascii) {
  std::string out;
  for (char c : ascii) out += {c, '\0'};
  return out;
}

TEST(Structured, Utf16TextAndCsvKeepTheirEncoding) {
  for (const std::string& bom : {"\xFF\xFE"s, ""s}) {
    const std::string text = bom + Utf16Le("mail ana.pereira@example.pt here\r\n");
    const DocumentResult r = Replaced(text, DocumentFormat::kText);
    EXPECT_EQ(r.encoding, "UTF-16LE");
    EXPECT_TRUE(r.text == bom + Utf16Le("mail <EMAIL_ADDRESS> here\r\n")) << bom.size();
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].item.start, 5u);
    ExpectRoundTrip(text, DocumentFormat::kText, 1);

    const std::string csv = bom + Utf16Le("id,email\r\n1,ana.pereira@example.pt\r\n");
    EXPECT_TRUE(Replaced(csv, DocumentFormat::kCsv).text ==
                bom + Utf16Le("id,email\r\n1,<EMAIL_ADDRESS>\r\n"));
    ExpectRoundTrip(csv, DocumentFormat::kCsv, 1);
  }
}

TEST(Structured, BinaryInputIsLeftAlone) {
  const std::string blob = "\x00\x01\x02 ana.pereira@example.pt"s;
  for (DocumentFormat f : {DocumentFormat::kText, DocumentFormat::kCsv, DocumentFormat::kJson,
                           DocumentFormat::kJsonLines}) {
    const DocumentResult r = Replaced(blob, f);
    EXPECT_TRUE(r.binary) << FormatName(f);
    EXPECT_TRUE(r.text.empty());
    EXPECT_TRUE(r.items.empty());
  }
}

// A text larger than the scanner's chunks and the copier's blocks comes
// out as the anonymizer makes it from the analyzer's findings on the whole.
TEST(Structured, LongTextMatchesWholeTextAnonymization) {
  std::string text;
  std::mt19937 rng(3);
  while (text.size() < (3u << 20)) {
    text += "Line with filler words, é and 😀 ";
    if (rng() % 5 == 0) text += "ana" + std::to_string(rng() % 1000) + "@example.org";
    if (rng() % 7 == 0) text += " card 4111 1111 1111 1111";
    text += "\n";
  }
  auto a = MakeAnonymizer(OperatorKind::kReplace);
  const DocumentResult streamed = Anonymized(text, DocumentFormat::kText, *a);
  auto findings = DefaultAnalyzer().Analyze(text, {});
  ASSERT_TRUE(findings.has_value());
  auto whole = a->Anonymize(text, *findings);
  ASSERT_TRUE(whole.has_value());
  EXPECT_TRUE(streamed.text == whole->text);
  ASSERT_EQ(streamed.items.size(), whole->items.size());
  for (size_t i = 0; i < whole->items.size(); ++i) {
    ASSERT_EQ(streamed.items[i].item.start, whole->items[i].start) << i;
    ASSERT_EQ(streamed.items[i].item.end, whole->items[i].end) << i;
  }
}

size_t CountCsvRecords(std::string_view text) {
  CsvRecord record;
  size_t n = 0;
  for (size_t pos = 0; pos < text.size(); ++n) ReadCsvRecord(text, ',', &pos, &record);
  return n;
}

// Odd documents never crash, and what comes out keeps the shape that went
// in: JSON stays JSON, CSV keeps its records, JSON Lines its lines.
TEST(Structured, OddDocumentsKeepTheirShape) {
  const std::vector<std::string> pieces = {"{",
                                           "}",
                                           "[",
                                           "]",
                                           ",",
                                           ":",
                                           "\"",
                                           "\\",
                                           "a",
                                           "1",
                                           " ",
                                           "\n",
                                           "\r\n",
                                           "é",
                                           "\xFF",
                                           "ana.pereira@example.pt",
                                           "4111111111111111",
                                           "\"k\"",
                                           "true",
                                           "-0.5e3",
                                           "\"x@y.org\""};
  auto a = MakeAnonymizer(OperatorKind::kReplace, "a,\"b\"\n");
  const Redactor redactor{&DefaultAnalyzer(), a.get(), {}};
  std::mt19937 rng(11);
  for (int round = 0; round < 1500; ++round) {
    std::string doc;
    const int n = static_cast<int>(rng() % 16);
    for (int i = 0; i < n; ++i) doc += pieces[rng() % pieces.size()];
    const bool json = nlohmann::json::accept(doc);

    auto as_json = AnonymizeDocument(redactor, doc, DocumentFormat::kJson);
    ASSERT_EQ(as_json.has_value(), json) << doc;
    if (json) {
      EXPECT_TRUE(nlohmann::json::accept(as_json->text)) << doc << " -> " << as_json->text;
    }

    // Bytes of no real encoding may be detected as one ICU lacks (uchardet
    // says VISCII for some): the scanner refuses those too.
    auto as_csv = AnonymizeDocument(redactor, doc, DocumentFormat::kCsv);
    if (!as_csv && as_csv.error().code == ErrorCode::kUnsupported) continue;
    ASSERT_TRUE(as_csv.has_value()) << doc << ": " << as_csv.error().ToString();
    EXPECT_EQ(CountCsvRecords(as_csv->text), CountCsvRecords(doc)) << doc;

    auto as_lines = AnonymizeDocument(redactor, doc, DocumentFormat::kJsonLines);
    ASSERT_TRUE(as_lines.has_value()) << doc;
    EXPECT_EQ(std::count(as_lines->text.begin(), as_lines->text.end(), '\n'),
              std::count(doc.begin(), doc.end(), '\n'))
        << doc;

    auto as_text = AnonymizeDocument(redactor, doc, DocumentFormat::kText);
    ASSERT_TRUE(as_text.has_value()) << doc << ": " << as_text.error().ToString();
  }
}

// --- Deanonymize errors --------------------------------------------------

TEST(Structured, RestoringNamesThePlaceThatFails) {
  auto a = MakeAnonymizer(OperatorKind::kPseudonym);
  const std::string csv = "a,b\nx,ana.pereira@example.pt\n";
  const DocumentResult r = Anonymized(csv, DocumentFormat::kCsv, *a);
  auto missing = DeanonymizeDocument(r.text, DocumentFormat::kCsv, r.items, {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("row 2, column 2"), std::string::npos)
      << missing.error().message;

  std::vector<PlacedItem> elsewhere = r.items;
  elsewhere[0].place.row = 9;
  DeanonymizeOptions options;
  options.pseudonyms = a->PseudonymMapping();
  auto nowhere = DeanonymizeDocument(r.text, DocumentFormat::kCsv, elsewhere, options);
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_NE(nowhere.error().message.find("row 9"), std::string::npos);
}

TEST(Structured, FormatsByExtension) {
  EXPECT_EQ(FormatForPath("a/b.CSV"), DocumentFormat::kCsv);
  EXPECT_EQ(FormatForPath("x.tsv"), DocumentFormat::kTsv);
  EXPECT_EQ(FormatForPath("x.json"), DocumentFormat::kJson);
  EXPECT_EQ(FormatForPath("x.jsonl"), DocumentFormat::kJsonLines);
  EXPECT_EQ(FormatForPath("x.ndjson"), DocumentFormat::kJsonLines);
  EXPECT_EQ(FormatForPath("x.txt"), DocumentFormat::kText);
  EXPECT_EQ(FormatForPath("dir.json/x"), DocumentFormat::kText);
  EXPECT_EQ(FormatForPath("-"), DocumentFormat::kText);
  for (const char* name : {"text", "csv", "tsv", "json", "jsonl"}) {
    EXPECT_STREQ(FormatName(ParseFormatName(name).value()), name);
  }
  EXPECT_FALSE(ParseFormatName("xml").has_value());
}

}  // namespace
}  // namespace piiscan::anonymize
