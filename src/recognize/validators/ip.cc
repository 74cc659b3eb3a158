// IPv4 and IPv6 addresses.

#include <arpa/inet.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// Longest IPv6 text form: eight 4-digit groups with an IPv4 tail.
constexpr std::size_t kMaxIpv6Length = 45;

bool OctetOk(std::string_view octet) {
  if (octet.empty() || octet.size() > 3 || !AllDigits(octet)) return false;
  // "01" reads as octal to some parsers and as decimal to others.
  if (octet.size() > 1 && octet[0] == '0') return false;
  int value = 0;
  for (char c : octet) value = value * 10 + DigitValue(c);
  return value <= 255;
}

// Counts the non-empty ':'-separated groups of `text`.
int NonEmptyGroups(std::string_view text) {
  int groups = 0;
  bool in_group = false;
  for (char c : text) {
    if (c != ':' && !in_group) ++groups;
    in_group = c != ':';
  }
  return groups;
}

}  // namespace

Verdict Ipv4(std::string_view candidate) {
  int octets = 0;
  while (true) {
    std::size_t dot = candidate.find('.');
    if (!OctetOk(candidate.substr(0, dot))) return Verdict::kInvalid;
    if (++octets > 4) return Verdict::kInvalid;
    if (dot == std::string_view::npos) break;
    candidate.remove_prefix(dot + 1);
  }
  return octets == 4 ? Verdict::kValid : Verdict::kInvalid;
}

Verdict Ipv6(std::string_view candidate) {
  if (candidate.size() > kMaxIpv6Length) return Verdict::kInvalid;
  // Only these characters, so that no NUL cuts the copy inet_pton reads.
  auto address_char = [](char c) { return IsHexDigit(c) || c == ':' || c == '.'; };
  if (!std::all_of(candidate.begin(), candidate.end(), address_char)) return Verdict::kInvalid;
  // `::`, `a::b` and `std::ab` are scope operators in source code, not addresses.
  if (std::none_of(candidate.begin(), candidate.end(), IsDigit)) return Verdict::kInvalid;
  if (NonEmptyGroups(candidate) < 2) return Verdict::kInvalid;

  std::string text(candidate);
  in6_addr address;
  return inet_pton(AF_INET6, text.c_str(), &address) == 1 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
