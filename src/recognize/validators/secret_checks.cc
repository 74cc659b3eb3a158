#include "recognize/validators/secret_checks.h"

#include <array>
#include <cmath>

#include "recognize/validators/util.h"

namespace piiscan::validators {
namespace {

bool ContainsIgnoreCase(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) return false;
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (EqualsIgnoreCase(text.substr(i, word.size()), word)) return true;
  }
  return false;
}

}  // namespace

double ShannonEntropy(std::string_view text) {
  if (text.empty()) return 0.0;
  std::array<int, 256> counts{};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double bits = 0.0;
  const double n = static_cast<double>(text.size());
  for (int count : counts) {
    if (count == 0) continue;
    const double p = count / n;
    bits -= p * std::log2(p);
  }
  return bits;
}

bool IsPlaceholder(std::string_view value) {
  for (std::string_view word : {"example", "xxxx", "****", "0000000", "changeme", "your_", "<your",
                                "your-", "dummy", "placeholder", "redacted", "sample"}) {
    if (ContainsIgnoreCase(value, word)) return true;
  }
  std::array<int, 256> counts{};
  int most = 0;
  for (char c : value) most = std::max(most, ++counts[static_cast<unsigned char>(c)]);
  return !value.empty() && 2 * most >= static_cast<int>(value.size());
}

}  // namespace piiscan::validators
