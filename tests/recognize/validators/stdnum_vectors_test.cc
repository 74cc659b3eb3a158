// python-stdnum's published numbers for the formats validated here.
//
// The table is shared/data/python-stdnum/stdnum_numbers_extracted.tsv, with
// shared/ taken from $PIISCAN_SHARED_DIR or, when that is unset, from
// "../shared" beside the source tree. A missing table fails the test when
// the variable is set, and skips it when only the default was tried (a
// checkout without the shared data).

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/validators/validators.h"
#include "tests/recognize/validators/validator_case.h"

namespace piiscan::validators {
namespace {

constexpr char kTablePath[] = "data/python-stdnum/stdnum_numbers_extracted.tsv";

struct Row {
  std::string file;
  std::string expected;  // "valid" or "invalid"
  std::string number;
  std::string condition;  // extra keyword arguments to stdnum's is_valid()
};

// stdnum's kr.rrn module holds the numbers of residents, citizens and
// foreigners alike; piiscan reports the two as KR_RRN and KR_FRN.
Verdict KrRrnOrFrn(std::string_view number) {
  return KrRrn(number) == Verdict::kValid ? Verdict::kValid : KrFrn(number);
}

struct Format {
  std::string_view name;
  std::string_view doctest;
  ValidatorFn validate;
};

// Only these doctests hold formats validated here. The Luhn-based formats
// in the table (SIRET and the like) are not payment cards, so credit_card
// has no rows.
constexpr Format kFormats[] = {
    {"iban", "test_iban.doctest", Iban},
    {"bitcoin", "test_bitcoin.doctest", Bitcoin},
    {"au_abn", "test_au_abn.doctest", AuAbn},
    {"au_acn", "test_au_acn.doctest", AuAcn},
    {"au_tfn", "test_au_tfn.doctest", AuTfn},
    {"bic", "test_bic.doctest", Bic},
    {"br_cnpj", "test_br_cnpj.doctest", BrCnpj},
    {"de_tax_number", "test_de_stnr.doctest", DeTaxNumber},
    {"eu_vat", "test_eu_vat.doctest", EuVat},
    {"in_pan", "test_in_pan.doctest", InPan},
    {"it_fiscal_code", "test_it_codicefiscale.doctest", ItFiscalCode},
    {"kr_brn", "test_kr_brn.doctest", KrBrn},
    {"kr_rrn", "test_kr_rrn.doctest", KrRrnOrFrn},
    {"mx_curp", "test_mx_curp.doctest", MxCurp},
    {"mx_rfc", "test_mx_rfc.doctest", MxRfc},
    {"no_fodselsnummer", "test_no_fodselsnummer.doctest", NoFodselsnummer},
    {"se_personnummer", "test_se_personnummer.doctest", SePersonnummer},
    {"sg_uen", "test_sg_uen.doctest", SgUen},
    {"th_tnin", "test_th_pin.doctest", ThTnin},
    {"tr_national_id", "test_tr_tckimlik.doctest", TrNationalId},
    {"za_id_number", "test_za_idnr.doctest", ZaIdNumber},
};

// Rows of formats whose checks are implemented only for some issuers (EU
// VAT: some member states) are counted apart, not replayed.
bool Covered(const Format& format, const Row& row) {
  // Patterns and validators read ASCII; RFCs with 'Ñ' are not covered.
  for (char c : row.number) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  if (format.name != "eu_vat") return true;
  std::string prefix = row.number.substr(0, 2);
  for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return EuVatCountryChecked(prefix);
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  if (!line.empty() && line.back() == '\t') fields.push_back("");
  return fields;
}

std::vector<Row> ReadRows(const std::filesystem::path& path) {
  std::vector<Row> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() < 4) continue;
    rows.push_back({f[0], f[2], f[3], f.size() > 4 ? f[4] : ""});
  }
  return rows;
}

// What a row asks of the validator. "check_country=False" rows pass the
// IBAN registry rules but fail a country's own BBAN check digits (Spanish
// CCC), which stdnum checks only when asked. This validator implements the
// registry rules alone, so those rows are valid here.
// "validate_check_digits=True" asks stdnum to check the check digit it
// skips by default (CURP, RFC); piiscan always checks it. "raises X" marks
// an invalid row by the error stdnum gives.
Verdict Want(const Row& row) {
  bool known_condition = row.condition.empty() || row.condition == "check_country=False" ||
                         row.condition == "validate_check_digits=True" ||
                         row.condition.rfind("raises ", 0) == 0;
  EXPECT_TRUE(known_condition) << "no meaning decided for " << row.condition;
  return row.expected == "valid" ? Verdict::kValid : Verdict::kInvalid;
}

class StdnumVectorsTest : public testing::Test {
 protected:
  void SetUp() override {
    const char* shared = std::getenv("PIISCAN_SHARED_DIR");
    std::filesystem::path dir = shared != nullptr
                                    ? std::filesystem::path(shared)
                                    : std::filesystem::path(PIISCAN_SOURCE_DIR) / ".." / "shared";
    path_ = dir / kTablePath;
    if (std::filesystem::exists(path_)) return;
    if (shared != nullptr) FAIL() << "PIISCAN_SHARED_DIR is set but " << path_ << " is missing";
    GTEST_SKIP() << path_ << " not found; set PIISCAN_SHARED_DIR to run";
  }

  std::filesystem::path path_;
};

TEST_F(StdnumVectorsTest, EveryRowGetsItsVerdict) {
  std::vector<Row> rows = ReadRows(path_);
  ASSERT_GT(rows.size(), 1000u) << "table " << path_ << " looks truncated";

  std::map<std::string_view, int> agreed;
  std::map<std::string_view, int> total;
  std::map<std::string_view, int> skipped;
  for (const Format& format : kFormats) {
    for (const Row& row : rows) {
      if (row.file != format.doctest) continue;
      if (!Covered(format, row)) {
        ++skipped[format.name];
        continue;
      }
      ++total[format.name];
      Verdict want = Want(row);
      Verdict got = format.validate(row.number);
      // Korean BRNs and Mexican RFCs whose check character stdnum does not
      // test (no condition) are kept by piiscan as kUnknown: accepted.
      if (got == Verdict::kUnknown && want == Verdict::kValid && row.condition.empty() &&
          (format.name == "kr_brn" || format.name == "mx_rfc")) {
        got = Verdict::kValid;
      }
      if (got == want) ++agreed[format.name];
      EXPECT_EQ(got, want) << format.name << " \"" << row.number << "\" (" << row.expected
                           << (row.condition.empty() ? "" : ", " + row.condition) << ")";
    }
    EXPECT_GT(total[format.name], 0) << "no rows for " << format.name;
  }

  for (const Format& format : kFormats) {
    std::cout << "[ stdnum   ] " << format.name << ": " << total[format.name] << " rows, "
              << agreed[format.name] << " agree with stdnum";
    if (skipped[format.name] > 0) std::cout << ", " << skipped[format.name] << " not covered";
    std::cout << "\n";
  }
}

// The table holds few invalid rows. Each valid number with its last check
// character changed must be rejected, for the formats whose last character
// is a check (not BIC, PAN or the German tax number, which have none, nor
// the Dutch VAT suffix, which is a serial).
TEST_F(StdnumVectorsTest, ChangedCheckCharacterIsRejected) {
  std::vector<Row> rows = ReadRows(path_);
  constexpr std::string_view kNoCheck[] = {"iban", "bitcoin", "bic", "in_pan", "de_tax_number"};
  int changed = 0;
  for (const Format& format : kFormats) {
    if (std::find(std::begin(kNoCheck), std::end(kNoCheck), format.name) != std::end(kNoCheck)) {
      continue;
    }
    for (const Row& row : rows) {
      if (row.file != format.doctest || row.expected != "valid" || !Covered(format, row)) continue;
      if (format.name == "eu_vat" && (row.number[0] == 'N' || row.number[0] == 'n')) continue;
      // Only numbers whose check character holds can show it failing.
      if (format.validate(row.number) != Verdict::kValid) continue;
      std::string number = row.number;
      char& last = number.back();
      if (std::isdigit(static_cast<unsigned char>(last))) {
        last = static_cast<char>('0' + (last - '0' + 1) % 10);
      } else if (std::isupper(static_cast<unsigned char>(last))) {
        last = static_cast<char>('A' + (last - 'A' + 1) % 26);
      } else {
        continue;
      }
      ++changed;
      // A Korean BRN or an RFC with a wrong check character is kept on its
      // layout (kUnknown), never confirmed.
      const bool kept = format.name == "kr_brn" || format.name == "mx_rfc";
      EXPECT_EQ(format.validate(number), kept ? Verdict::kUnknown : Verdict::kInvalid)
          << format.name << " \"" << number << "\" (from \"" << row.number << "\")";
    }
  }
  std::cout << "[ stdnum   ] " << changed << " numbers with a changed check character\n";
  EXPECT_GT(changed, 1000);
}

}  // namespace
}  // namespace piiscan::validators
