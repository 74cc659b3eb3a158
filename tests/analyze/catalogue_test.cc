// The built-in catalogue as a whole: every recognizer finds the example it
// lists, every python-stdnum number the catalogue covers is found inside a
// sentence, and look-alikes of each entity type are not reported.
//
// The stdnum table is read as in tests/recognize/validators: from
// $PIISCAN_SHARED_DIR, else ../shared beside the source tree (skipped when
// only the default was tried and it is missing).

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer_fixture.h"
#include "piiscan/analyzer.h"
#include "recognize/validators/validators.h"

namespace piiscan {
namespace {

using testutil::Describe;

// Every country's recognizers enabled.
const Analyzer& AllCountries() {
  static const std::shared_ptr<const Analyzer> analyzer = [] {
    AnalyzerConfig config;
    config.countries = {"all"};
    return testutil::BuildAnalyzer(config);
  }();
  return *analyzer;
}

// Findings of `entity` alone in `text`: other types' recognizers are off,
// so that a value two national formats share is judged by this one.
std::vector<Finding> FindOnly(std::string_view text, const std::string& entity) {
  AnalyzeOptions options;
  options.entities = {entity};
  return testutil::Analyze(AllCountries(), text, options);
}

TEST(Catalogue, EveryRecognizerFindsItsExample) {
  int checked = 0;
  for (const RecognizerInfo& r : AllCountries().Recognizers()) {
    SCOPED_TRACE(r.name);
    if (r.name.rfind("deny_list_", 0) == 0) continue;
    ASSERT_FALSE(r.example.empty()) << "no example in the catalogue";
    EXPECT_FALSE(testutil::OfType(FindOnly(r.example, r.entity_type), r.entity_type).empty())
        << "example \"" << r.example << "\" not found as " << r.entity_type;
    ++checked;
  }
  EXPECT_GT(checked, 80);
}

TEST(Catalogue, DefaultCountriesAreASubset) {
  auto defaults = Analyzer::Create(testutil::WithTestCache({}));
  ASSERT_TRUE(defaults.has_value());
  std::set<std::string> countries;
  for (const RecognizerInfo& r : (*defaults)->Recognizers()) countries.insert(r.country);
  EXPECT_TRUE(countries.contains("us"));
  EXPECT_TRUE(countries.contains("gb"));
  EXPECT_TRUE(countries.contains("global"));
  EXPECT_FALSE(countries.contains("de"));
  EXPECT_FALSE(countries.contains("kr"));
  EXPECT_LT((*defaults)->Recognizers().size(), AllCountries().Recognizers().size());
}

TEST(Catalogue, NamingAnEntityEnablesItWhateverItsCountry) {
  AnalyzerConfig config;
  config.entities = {"KR_RRN"};
  auto analyzer = Analyzer::Create(testutil::WithTestCache(config));
  ASSERT_TRUE(analyzer.has_value()) << analyzer.error().ToString();
  auto findings = (*analyzer)->Analyze("RRN 850101-1234566", {});
  ASSERT_TRUE(findings.has_value());
  EXPECT_EQ(Describe(*findings), std::vector<std::string>{"KR_RRN [4,18)"});
}

TEST(Catalogue, UnknownCountryIsAnError) {
  AnalyzerConfig config;
  config.countries = {"us", "zz"};
  auto analyzer = Analyzer::Create(config);
  ASSERT_FALSE(analyzer.has_value());
  EXPECT_NE(analyzer.error().message.find("'zz'"), std::string::npos);
}

// ---- python-stdnum numbers in sentences ----------------------------------

struct Row {
  std::string file;
  std::string expected;
  std::string number;
};

std::vector<Row> ReadTable(const std::filesystem::path& path) {
  std::vector<Row> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, '\t')) f.push_back(field);
    if (f.size() >= 4) rows.push_back({f[0], f[2], f[3]});
  }
  return rows;
}

// A doctest of the table, the entity type its numbers are, and the word
// written before them. `strict`: every number must be found (IBANs, whose
// patterns predate this table, accept groups of four only; their other
// groupings are counted, not failed).
struct Source {
  std::string_view doctest;
  std::string entity;
  std::string_view context;
  bool strict = true;
};

const Source kSources[] = {
    {"test_iban.doctest", "IBAN_CODE", "IBAN", false},
    {"test_bitcoin.doctest", "CRYPTO", "bitcoin address"},
    {"test_au_abn.doctest", "AU_ABN", "ABN"},
    {"test_au_acn.doctest", "AU_ACN", "ACN"},
    {"test_au_tfn.doctest", "AU_TFN", "TFN"},
    {"test_bic.doctest", "SWIFT_BIC", "SWIFT code"},
    {"test_br_cnpj.doctest", "BR_CNPJ", "CNPJ"},
    {"test_de_stnr.doctest", "DE_TAX_NUMBER", "Steuernummer"},
    {"test_eu_vat.doctest", "EU_VAT", "VAT number"},
    {"test_in_pan.doctest", "IN_PAN", "PAN"},
    {"test_it_codicefiscale.doctest", "IT_FISCAL_CODE", "codice fiscale"},
    {"test_kr_brn.doctest", "KR_BRN", "BRN"},
    {"test_kr_rrn.doctest", "KR_RRN", "RRN"},
    {"test_mx_curp.doctest", "MX_CURP", "CURP"},
    {"test_mx_rfc.doctest", "MX_RFC", "RFC"},
    {"test_no_fodselsnummer.doctest", "NO_FODSELSNUMMER", "fødselsnummer"},
    {"test_se_personnummer.doctest", "SE_PERSONNUMMER", "personnummer"},
    {"test_sg_uen.doctest", "SG_UEN", "UEN"},
    {"test_th_pin.doctest", "TH_TNIN", "Thai ID"},
    {"test_tr_tckimlik.doctest", "TR_NATIONAL_ID", "kimlik no"},
    {"test_za_idnr.doctest", "ZA_ID_NUMBER", "RSA ID"},
};

// Korean registration numbers of foreigners (seventh digit 5-8) are KR_FRN.
std::string EntityOf(const Source& source, const Row& row) {
  if (source.entity != "KR_RRN") return source.entity;
  const size_t dash = row.number.find('-');
  const char gender = row.number[dash == std::string::npos ? 6 : dash + 1];
  return gender >= '5' && gender <= '8' ? "KR_FRN" : "KR_RRN";
}

// Layouts seen only in stdnum's tests, which no pattern accepts: runs of
// several spaces, spaced dashes, ':' after the prefix, 'Ñ', lower-case
// letters in a VAT number, and groupings no issuer prints. Counted and
// reported, never silently dropped.
bool OddLayout(const std::string& entity, const std::string& number) {
  if (entity == "EU_VAT") {
    for (char c : number) {
      if (std::islower(static_cast<unsigned char>(c))) return true;
    }
  }
  for (std::string_view odd : {"  ", " - ", ": ", "/ ", " /", "(0)"}) {
    if (number.find(odd) != std::string::npos) return true;
  }
  for (char c : number) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

std::string Prefix(const std::string& number) {
  std::string prefix = number.substr(0, 2);
  for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return prefix;
}

std::filesystem::path TablePath() {
  const char* shared = std::getenv("PIISCAN_SHARED_DIR");
  std::filesystem::path dir = shared != nullptr
                                  ? std::filesystem::path(shared)
                                  : std::filesystem::path(PIISCAN_SOURCE_DIR) / ".." / "shared";
  return dir / "data/python-stdnum/stdnum_numbers_extracted.tsv";
}

TEST(Catalogue, StdnumNumbersAreFoundInSentences) {
  const std::filesystem::path path = TablePath();
  if (!std::filesystem::exists(path)) {
    if (std::getenv("PIISCAN_SHARED_DIR") != nullptr) FAIL() << path << " is missing";
    GTEST_SKIP() << path << " not found";
  }
  const std::vector<Row> rows = ReadTable(path);
  std::map<std::string, int> found;
  std::map<std::string, int> odd;
  std::map<std::string, int> missed;
  for (const Source& source : kSources) {
    for (const Row& row : rows) {
      if (row.file != source.doctest || row.expected != "valid") continue;
      const std::string entity = EntityOf(source, row);
      const std::string before = "Please note the " + std::string(source.context) + " ";
      const std::string text = before + row.number + " for the file.";
      const std::vector<Finding> findings = FindOnly(text, entity);
      const bool hit = findings.size() == 1 && findings[0].entity_type == entity &&
                       findings[0].byte_start == before.size() &&
                       findings[0].byte_end == before.size() + row.number.size();
      if (hit) {
        ++found[entity];
      } else if (OddLayout(entity, row.number) || !source.strict) {
        ++odd[entity];
      } else if (entity == "EU_VAT" && !validators::EuVatCountryChecked(Prefix(row.number))) {
        // Member states whose checks are not implemented yet.
        ++missed[entity];
      } else {
        ADD_FAILURE() << entity << ": \"" << text << "\" -> "
                      << testing::PrintToString(Describe(findings));
      }
    }
  }
  for (const auto& [entity, count] : found) {
    std::cout << "[ sentence ] " << entity << ": " << count << " found";
    if (odd[entity] > 0) std::cout << ", " << odd[entity] << " in layouts the patterns do not take";
    if (missed[entity] > 0) std::cout << ", " << missed[entity] << " not covered";
    std::cout << "\n";
  }
}

// ---- Look-alikes ----------------------------------------------------------

// Text that resembles identifiers, keys or secrets but is none, and the
// only entity types it may yield (a date is a DATE_TIME).
struct LookAlike {
  std::string_view what;
  std::string_view text;
  std::vector<std::string> allowed;
};

const LookAlike kLookAlikes[] = {
    {"order number", "Your order 4820193746 has shipped.", {}},
    {"long order number", "Order no. 20240315001234 confirmed", {}},
    {"invoice number", "Invoice INV-2024-000123 is paid", {}},
    {"invoice with letters", "Ref ORD-7F3K9Q2Z8M1P", {}},
    {"millisecond timestamp", "created_at=1717245296123", {}},
    {"second timestamp", "ts 1717245296 processed", {}},
    {"nanosecond timestamp", "t=1717245296123456789", {}},
    // Also a real date (12 April 1023) to the date recognizer.
    {"version", "upgraded to 12.4.1023 today", {"DATE_TIME"}},
    {"short version", "requires node 1.22.3 or later", {}},
    {"semantic version", "release v2.14.0-rc.1 is out", {}},
    {"object identifier", "sha256WithRSAEncryption 1.2.840.113549.1.1.11", {}},
    {"GUID", "id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 found", {}},
    {"upper-case GUID", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", {}},
    {"ZIP+4", "Springfield, IL 62704-1234", {}},
    {"decimal", "pi is 3.14159265358979 roughly", {}},
    {"small decimal", "rate 0.000012345678 per unit", {}},
    {"ISO date", "due 2024-03-15", {"DATE_TIME"}},
    {"dotted date", "am 15.03.2024 fällig", {"DATE_TIME"}},
    {"US date and time", "on 03/15/2024 10:30", {"DATE_TIME"}},
    {"npm integrity",
     "\"integrity\": \"sha512-9VrxR4YKzZq0f2J8XG5yqD5kDqbp7Nf8yJ8m6rF9G7fH1w9m2QeD5o7Vb0Vq3mXgH"
     "wq6xk7Vb9z8c1lq2Ww==\"",
     {}},
    {"npm sha1 integrity", "\"integrity\": \"sha1-Hq7tWqxmXuJmc2N4oZLG3zJ8UqE=\"", {}},
    {"git commit", "commit e83c5163316f89bfbde7d9ab23ca2e25604af290", {}},
    {"SHA-256", "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", {}},
    {"UPS tracking", "tracking 1Z999AA10123456784", {}},
    {"ISBN", "ISBN 978-3-16-148410-0", {}},
    {"price list", "Prices: 1299.99, 249.50, 18.75", {}},
    {"port and count", "listening on 8080 with 16384 workers", {}},
    {"hex color run", "#ff00aa #00ffcc #123456", {}},
    {"base64 image",
     "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
     {}},
    {"word in capitals", "THE ABSOLUTE MINIMUM REQUIREMENTS", {}},
};

// Every type of every country is enabled, so each look-alike is tried
// against every entity type of the catalogue.
TEST(Catalogue, LookAlikesAreNotReported) {
  for (const LookAlike& l : kLookAlikes) {
    SCOPED_TRACE(std::string(l.what) + ": \"" + std::string(l.text) + "\"");
    for (const Finding& f : testutil::Analyze(AllCountries(), l.text)) {
      const bool allowed =
          std::find(l.allowed.begin(), l.allowed.end(), f.entity_type) != l.allowed.end();
      EXPECT_TRUE(allowed) << Describe(f) << " (" << f.recognizer << ")";
    }
  }
}

}  // namespace
}  // namespace piiscan
