// JSON Web Tokens in compact serialisation: header.payload.signature.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// Decodes one base64url part into a JSON object; discarded on failure.
nlohmann::json DecodeObject(std::string_view part) {
  std::optional<std::string> text = DecodeBase64Url(part);
  if (!text) return nlohmann::json(nlohmann::json::value_t::discarded);
  // No exceptions: a parse error yields a discarded value.
  return nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
}

}  // namespace

Verdict Jwt(std::string_view candidate) {
  std::size_t first = candidate.find('.');
  if (first == std::string_view::npos) return Verdict::kInvalid;
  std::size_t second = candidate.find('.', first + 1);
  if (second == std::string_view::npos) return Verdict::kInvalid;
  if (candidate.find('.', second + 1) != std::string_view::npos) return Verdict::kInvalid;

  // An unsecured token ("alg": "none") has an empty signature.
  if (!DecodeBase64Url(candidate.substr(second + 1))) return Verdict::kInvalid;

  nlohmann::json header = DecodeObject(candidate.substr(0, first));
  if (!header.is_object() || !header.contains("alg") || !header["alg"].is_string()) {
    return Verdict::kInvalid;
  }
  nlohmann::json payload = DecodeObject(candidate.substr(first + 1, second - first - 1));
  return payload.is_object() ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
