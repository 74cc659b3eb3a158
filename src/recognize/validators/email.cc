// Email addresses: dot-atom local part and a DNS host name with a TLD.

#include <cstddef>
#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// RFC 5321 limits.
constexpr std::size_t kMaxLocalLength = 64;
constexpr std::size_t kMaxDomainLength = 253;
constexpr std::size_t kMaxLabelLength = 63;

bool LocalChar(char c) {
  return IsAlnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

// Non-empty runs of `allowed` characters joined by single dots.
template <typename Allowed>
bool DotSeparated(std::string_view text, Allowed allowed) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  if (text.find("..") != std::string_view::npos) return false;
  for (char c : text) {
    if (c != '.' && !allowed(c)) return false;
  }
  return true;
}

bool LabelOk(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabelLength) return false;
  return label.front() != '-' && label.back() != '-';
}

bool DomainOk(std::string_view domain) {
  auto host_char = [](char c) { return IsAlnum(c) || c == '-'; };
  if (domain.size() > kMaxDomainLength || !DotSeparated(domain, host_char)) return false;

  std::size_t last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos) return false;
  std::string_view tld = domain.substr(last_dot + 1);
  if (tld.size() < 2) return false;
  for (char c : tld) {
    if (!IsAlpha(c)) return false;
  }

  while (!domain.empty()) {
    std::size_t dot = domain.find('.');
    if (!LabelOk(domain.substr(0, dot))) return false;
    domain.remove_prefix(dot == std::string_view::npos ? domain.size() : dot + 1);
  }
  return true;
}

}  // namespace

Verdict Email(std::string_view candidate) {
  std::size_t at = candidate.find('@');
  if (at == std::string_view::npos || candidate.find('@', at + 1) != std::string_view::npos) {
    return Verdict::kInvalid;
  }

  std::string_view local = candidate.substr(0, at);
  if (local.size() > kMaxLocalLength || !DotSeparated(local, LocalChar)) return Verdict::kInvalid;
  return DomainOk(candidate.substr(at + 1)) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
