// URL: the host must be a real host name (RFC 1035 lengths) or an address.

#include <string_view>

#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

constexpr size_t kMaxHost = 253;
constexpr size_t kMaxLabel = 63;

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The host of "scheme://user@host:port/path", "www.host/path" or "host/path".
std::string_view HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  const size_t at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  if (!url.empty() && url.front() == '[') return url;  // [IPv6]
  return url.substr(0, url.find(':'));
}

bool LabelOk(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabel) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!IsAlnum(c) && c != '-' && (c & 0x80) == 0) return false;
  }
  return true;
}

bool AllDigitsAndDots(std::string_view host) {
  return host.find_first_not_of("0123456789.") == std::string_view::npos;
}

}  // namespace

Verdict Url(std::string_view candidate) {
  const std::string_view host = HostOf(candidate);
  if (host.empty() || host.size() > kMaxHost) return Verdict::kInvalid;
  if (host.front() == '[' || AllDigitsAndDots(host)) return Verdict::kUnknown;  // an address

  size_t from = 0;
  std::string_view last;
  while (from <= host.size()) {
    const size_t dot = host.find('.', from);
    last = host.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from);
    if (!LabelOk(last)) return Verdict::kInvalid;
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  // The top-level domain is letters (or an IDN "xn--" label).
  const bool tld_ok = last.size() >= 2 && (last.find_first_of("0123456789") == last.npos ||
                                           last.substr(0, 4) == "xn--");
  return tld_ok ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
