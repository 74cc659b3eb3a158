// python-stdnum's published numbers for the formats validated here.
//
// The table is shared/data/python-stdnum/stdnum_numbers_extracted.tsv, with
// shared/ taken from $PIISCAN_SHARED_DIR or, when that is unset, from
// "../shared" beside the source tree. A missing table fails the test when
// the variable is set, and skips it when only the default was tried (a
// checkout without the shared data).

#include <gtest/gtest.h>

#include <algorithm>
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
};

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
Verdict Want(const Row& row) {
  bool known_condition = row.condition.empty() || row.condition == "check_country=False";
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
  for (const Format& format : kFormats) {
    for (const Row& row : rows) {
      if (row.file != format.doctest) continue;
      ++total[format.name];
      Verdict want = Want(row);
      Verdict got = format.validate(row.number);
      if (got == want) ++agreed[format.name];
      EXPECT_EQ(got, want) << format.name << " \"" << row.number << "\" (" << row.expected
                           << (row.condition.empty() ? "" : ", " + row.condition) << ")";
    }
    EXPECT_GT(total[format.name], 0) << "no rows for " << format.name;
  }

  for (const Format& format : kFormats) {
    std::cout << "[ stdnum   ] " << format.name << ": " << total[format.name] << " rows, "
              << agreed[format.name] << " agree with stdnum\n";
  }
}

}  // namespace
}  // namespace piiscan::validators
