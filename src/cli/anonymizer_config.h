#pragma once

// Which operator `piiscan redact` applies to each entity type.
//
// A configuration file, in YAML (or JSON, which YAML reads too), has the
// shape Presidio's anonymizer takes:
//
//   operators:
//     DEFAULT: {type: replace}
//     CREDIT_CARD: {type: mask, masking_char: "*", chars_to_mask: 12, from_end: false}
//     EMAIL_ADDRESS: {type: mask, keep_domain: true}
//     PERSON: {type: pseudonym}
//     US_SSN: {type: hash, hash_type: sha256, key_env: PIISCAN_HASH_KEY}
//     IBAN_CODE: {type: encrypt, deterministic: true, key_env: PIISCAN_KEY}
//
// What each type takes besides `type`:
//   replace                  new_value
//   mask                     masking_char, chars_to_mask, from_end, keep_format, keep_domain
//   hash                     hash_type (sha256, sha512), key_env
//   encrypt                  deterministic, key_env
//   redact, keep, pseudonym  nothing
// Anything else is an error naming the file, the line and the entity type.
//
// Keys are never written in the file: `key_env` names the environment
// variable that holds one, and --key-env names the variable for every
// encrypt and hash operator that names none. Errors name the variable,
// never its value.

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "piiscan/anonymizer.h"
#include "piiscan/status.h"

namespace piiscan::cli {

// Reads an environment variable; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
EnvLookup ProcessEnvironment();

// The key held by variable `name`. Errors when it is unset or empty.
Result<std::string> KeyFromEnv(const std::string& name, const EnvLookup& env);

// Parses a configuration text. `source` (the file name) starts every error.
Result<AnonymizerConfig> ParseAnonymizerConfig(std::string_view text, const std::string& source,
                                               const EnvLookup& env);

// The redact command's operator flags.
struct OperatorFlags {
  std::string config_file;             // --config FILE
  std::vector<std::string> operators;  // --operator TYPE=OPERATOR, after the file
  std::string key_env;                 // --key-env NAME

  void Register(CLI::App* app);

  // The configuration the flags describe: the file's operators, then the
  // --operator ones (which replace a type's whole entry), then the key.
  // Errors: a bad file or flag, a missing key, encrypt without a key.
  Result<AnonymizerConfig> Build(const EnvLookup& env) const;
};

}  // namespace piiscan::cli
