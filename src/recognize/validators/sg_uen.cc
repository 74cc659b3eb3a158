// Singapore unique entity number: three layouts, each with its check letter.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

Verdict Check(bool ok) { return ok ? Verdict::kValid : Verdict::kInvalid; }

// Businesses: eight digits and a letter.
Verdict Business(std::string_view s) {
  if (!AllDigits(s.substr(0, 8))) return Verdict::kInvalid;
  int sum = WeightedSum(s, {10, 4, 9, 3, 8, 2, 7, 1});
  return Check("XMKECAWLJDB"[sum % 11] == s[8]);
}

// Local companies: year of registration, five digits and a letter.
Verdict LocalCompany(std::string_view s) {
  if (!AllDigits(s.substr(0, 9))) return Verdict::kInvalid;
  int sum = WeightedSum(s, {10, 8, 6, 4, 9, 7, 5, 3, 1});
  return Check("ZKCMDNERGWH"[sum % 11] == s[9]);
}

// Other entities: T/S/R and a two-digit year, an entity type, four digits.
Verdict Other(std::string_view s) {
  constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWX0123456789";
  if (std::string_view("RST").find(s[0]) == std::string_view::npos) return Verdict::kInvalid;
  if (!IsDigit(s[1]) || !IsDigit(s[2]) || !AllDigits(s.substr(5, 4))) return Verdict::kInvalid;
  if (!IsUpper(s[3]) || !IsAlnum(s[4])) return Verdict::kInvalid;
  static constexpr int kWeights[] = {4, 3, 5, 3, 10, 2, 2, 5, 7};
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) {
    size_t value = kAlphabet.find(s[i]);
    if (value == std::string_view::npos) return Verdict::kInvalid;
    sum += kWeights[i] * static_cast<int>(value);
  }
  return Check(kAlphabet[static_cast<size_t>(((sum - 5) % 11 + 11) % 11)] == s[9]);
}

}  // namespace

Verdict SgUen(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " ");
  if (!text || !IsUpper(text->back())) return Verdict::kInvalid;
  if (text->size() == 9) return Business(*text);
  if (text->size() != 10) return Verdict::kInvalid;
  return IsDigit((*text)[0]) ? LocalCompany(*text) : Other(*text);
}

}  // namespace piiscan::validators
