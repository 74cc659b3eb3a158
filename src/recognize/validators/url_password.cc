// Credentials inside a URL or connection string (scheme://user:password@host): a real password.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/secret_checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict UrlPassword(std::string_view candidate) {
  size_t scheme = candidate.find("://");
  size_t at = candidate.rfind('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos || at < scheme) {
    return Verdict::kInvalid;
  }
  std::string_view userinfo = candidate.substr(scheme + 3, at - scheme - 3);
  size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) return Verdict::kInvalid;
  std::string_view password = userinfo.substr(colon + 1);
  if (password.size() < 3 || IsPlaceholder(password)) return Verdict::kInvalid;
  if (password.front() == '$' || password.front() == '{' || password.front() == '<' ||
      password.front() == '%') {
    return Verdict::kInvalid;
  }
  for (std::string_view word : {"password", "pass", "pwd", "secret", "user", "username"}) {
    if (EqualsIgnoreCase(password, word)) return Verdict::kInvalid;
  }
  return Verdict::kValid;
}

}  // namespace piiscan::validators
