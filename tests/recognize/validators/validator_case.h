#pragma once

// Table rows shared by the validator tests.

#include <ostream>
#include <string_view>

#include "recognize/validators/validators.h"

namespace piiscan::validators {

// One table row: the exact text a pattern matched and the expected verdict.
struct Case {
  std::string_view text;
  Verdict want;
};

inline void PrintTo(Verdict verdict, std::ostream* os) {
  switch (verdict) {
    case Verdict::kValid:
      *os << "kValid";
      return;
    case Verdict::kInvalid:
      *os << "kInvalid";
      return;
    case Verdict::kUnknown:
      *os << "kUnknown";
      return;
  }
}

inline void PrintTo(const Case& row, std::ostream* os) {
  *os << '"' << row.text << "\" -> ";
  PrintTo(row.want, os);
}

constexpr Verdict kValid = Verdict::kValid;
constexpr Verdict kInvalid = Verdict::kInvalid;
constexpr Verdict kUnknown = Verdict::kUnknown;

}  // namespace piiscan::validators
