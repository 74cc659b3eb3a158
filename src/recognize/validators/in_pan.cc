// Indian permanent account number: five letters (fourth: holder type), four digits, a letter.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict InPan(std::string_view candidate) {
  if (candidate.size() != 10) return Verdict::kInvalid;
  for (size_t i : {0u, 1u, 2u, 3u, 4u, 9u}) {
    if (!IsUpper(candidate[i])) return Verdict::kInvalid;
  }
  std::string_view digits = candidate.substr(5, 4);
  if (!AllDigits(digits) || digits == "0000") return Verdict::kInvalid;
  // Holder types: company, person, HUF, firm, AOP, trust, BOI, local
  // authority, artificial juridical person, government.
  constexpr std::string_view kTypes = "ABCFGHJLPTK";
  return kTypes.find(candidate[3]) != kTypes.npos ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
