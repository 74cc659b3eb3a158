// A secret assigned to a key ("password = ...", "api_key: ..."): the value must look like one.

#include <algorithm>
#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/secret_checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

// The value after the first ':' or '=' (or ':=' / '=>'), without quotes.
std::string_view ValueOf(std::string_view text) {
  size_t at = text.find_first_of(":=");
  if (at == std::string_view::npos) return {};
  text.remove_prefix(at + 1);
  while (!text.empty() && std::string_view(":=> \t\"'`").find(text.front()) != text.npos) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::string_view("\"'`").find(text.back()) != text.npos) {
    text.remove_suffix(1);
  }
  return text;
}

bool MixesKinds(std::string_view value) {
  int kinds = 0;
  bool upper = false, lower = false, digit = false, other = false;
  for (char c : value) {
    upper |= IsUpper(c);
    lower |= IsLower(c);
    digit |= IsDigit(c);
    other |= !IsAlnum(c);
  }
  kinds = upper + lower + digit + other;
  return kinds >= 2;
}

}  // namespace

Verdict SecretAssignment(std::string_view candidate) {
  std::string_view value = ValueOf(candidate);
  if (value.size() < 6 || IsPlaceholder(value)) return Verdict::kInvalid;
  // References to other values, code, and numbers written in hex.
  if (std::string_view("$%{<([&@#*.\\/").find(value.front()) != std::string_view::npos) {
    return Verdict::kInvalid;
  }
  if (value.substr(0, 2) == "0x" || value.find('(') != std::string_view::npos) {
    return Verdict::kInvalid;
  }
  for (std::string_view word : {"password", "passwd", "secret", "token", "null", "none", "true",
                                "false", "undefined", "changeit", "required", "optional"}) {
    if (EqualsIgnoreCase(value, word)) return Verdict::kInvalid;
  }
  if (!MixesKinds(value)) return Verdict::kInvalid;
  // Encoded data and code (uuencode, regexes) are heavy in punctuation;
  // passwords are letters and digits with a few symbols.
  const auto symbols =
      std::count_if(value.begin(), value.end(), [](char c) { return !IsAlnum(c); });
  if (3 * symbols >= static_cast<long>(value.size())) return Verdict::kInvalid;
  return ShannonEntropy(value) >= 2.5 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
