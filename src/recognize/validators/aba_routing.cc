// ABA routing transit numbers: Federal Reserve prefix and 3-7-1 checksum.

#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// First two digits: 00-12 Federal Reserve district (00 US government),
// 21-32 thrift institutions, 61-72 electronic transactions, 80 travellers
// cheques.
bool KnownPrefix(int prefix) {
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) ||
         prefix == 80;
}

}  // namespace

Verdict AbaRouting(std::string_view candidate) {
  if (candidate.size() != 9 || !AllDigits(candidate)) return Verdict::kInvalid;
  if (AllSame(candidate)) return Verdict::kInvalid;

  int prefix = DigitValue(candidate[0]) * 10 + DigitValue(candidate[1]);
  if (!KnownPrefix(prefix)) return Verdict::kInvalid;

  constexpr int kWeights[] = {3, 7, 1};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += DigitValue(candidate[i]) * kWeights[i % 3];
  return sum % 10 == 0 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
