// Names under which the recognizer catalogue refers to validators.

#include <string_view>

#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

struct Entry {
  std::string_view name;
  ValidatorFn fn;
};

constexpr Entry kValidators[] = {
    {"credit_card", CreditCard},
    {"iban", Iban},
    {"us_ssn", UsSsn},
    {"uk_nhs", UkNhs},
    {"aba_routing", AbaRouting},
    {"ipv4", Ipv4},
    {"ipv6", Ipv6},
    {"email", Email},
    {"mac", Mac},
    {"date_time", DateTime},
    {"bitcoin", Bitcoin},
    {"ethereum", Ethereum},
    {"github_token", GithubToken},
    {"jwt", Jwt},
    {"url", Url},
};

}  // namespace

ValidatorFn Find(std::string_view name) {
  for (const Entry& entry : kValidators) {
    if (entry.name == name) return entry.fn;
  }
  return nullptr;
}

}  // namespace piiscan::validators
