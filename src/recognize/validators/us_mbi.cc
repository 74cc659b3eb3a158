// US Medicare beneficiary identifier: 11 characters in a fixed letter/digit layout.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

// Letters used in MBIs: A-Z without S, L, O, I, B and Z.
bool MbiLetter(char c) {
  return IsUpper(c) && std::string_view("SLOIBZ").find(c) == std::string_view::npos;
}

}  // namespace

Verdict UsMbi(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, "-");
  if (!text || text->size() != 11) return Verdict::kInvalid;
  // Positions: 1 digit 1-9; 2, 5, 8, 9 letters; 4, 7, 10, 11 digits;
  // 3 and 6 letter or digit.
  const std::string& s = *text;
  if (s[0] < '1' || s[0] > '9') return Verdict::kInvalid;
  for (size_t i : {1u, 4u, 7u, 8u}) {
    if (!MbiLetter(s[i])) return Verdict::kInvalid;
  }
  for (size_t i : {3u, 6u, 9u, 10u}) {
    if (!IsDigit(s[i])) return Verdict::kInvalid;
  }
  for (size_t i : {2u, 5u}) {
    if (!IsDigit(s[i]) && !MbiLetter(s[i])) return Verdict::kInvalid;
  }
  return Verdict::kValid;
}

}  // namespace piiscan::validators
