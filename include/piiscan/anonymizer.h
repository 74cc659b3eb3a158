#pragma once

// Replacing what the analyzer found.
//
//   piiscan::AnonymizerConfig config;
//   config.operators["CREDIT_CARD"] = {.kind = piiscan::OperatorKind::kMask,
//                                      .chars_to_mask = 12};
//   auto anonymizer = piiscan::Anonymizer::Create(config);
//   auto result = (*anonymizer)->Anonymize(text, findings);
//   // result->text: "card **** **** **** 1111"; result->items: what changed
//
// Replacements are applied to the original text from the end backwards, on
// findings that do not overlap (the analyzer's output never does), so one
// replacement never runs over another's output; text outside the findings
// is left byte for byte as it was.
//
// Thread safety: Anonymize() may be called from several threads; the
// pseudonym table they share is guarded by a mutex.

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "piiscan/finding.h"
#include "piiscan/status.h"

namespace piiscan {

enum class OperatorKind {
  kReplace,    // a fixed value, or "<ENTITY_TYPE>"
  kRedact,     // removed
  kMask,       // characters replaced by a masking character
  kHash,       // hex digest (SHA-256/512), HMAC with a key
  kEncrypt,    // authenticated encryption, reversible with the key
  kKeep,       // left as it is (still listed in the items)
  kPseudonym,  // consistent tokens: "<PERSON_1>", "<PERSON_2>"
};

// Name used in configuration and results: "replace", "mask", ...
const char* OperatorName(OperatorKind kind);
Result<OperatorKind> ParseOperatorKind(std::string_view name);

struct OperatorSpec {
  OperatorKind kind = OperatorKind::kReplace;
  // replace: the new value; empty means "<ENTITY_TYPE>".
  std::string new_value;
  // mask: the masking character (one code point), how many characters to
  // mask (-1: all), and whether to count from the end.
  std::string masking_char = "*";
  int chars_to_mask = -1;
  bool from_end = false;
  // mask: only letters and digits are masked and counted, so a card keeps
  // its grouping ("**** **** **** 1111").
  bool keep_format = true;
  // mask: an email keeps its domain ("*****@example.com").
  bool keep_domain = false;
  // hash: "sha256" or "sha512".
  std::string hash_type = "sha256";
  // hash: HMAC key, for pseudonyms stable across runs; without one, a
  // random salt is drawn per Anonymizer, so hashes differ between runs.
  // encrypt: the key (any string; the cipher keys are derived from it).
  std::string key;
  // encrypt: deterministic (AES-SIV: the same value gives the same token)
  // or randomized (AES-GCM with a random nonce). Both are authenticated.
  bool deterministic = true;
};

struct AnonymizerConfig {
  // Operator per entity type; "DEFAULT" applies to all other types.
  std::map<std::string, OperatorSpec> operators;
};

// One replacement, located in the output text (code points, end exclusive).
struct AnonymizedItem {
  std::string operator_name;  // "replace", "mask", ...
  std::string entity_type;
  size_t start = 0;
  size_t end = 0;
  std::string text;  // the replacement
};

struct AnonymizeResult {
  std::string text;
  std::vector<AnonymizedItem> items;  // sorted by start
};

class Anonymizer {
 public:
  // Checks the configuration: unknown hash types, masking characters that
  // are not one code point, encryption without a key.
  static Result<std::unique_ptr<Anonymizer>> Create(const AnonymizerConfig& config);

  // Applies the operators to `findings` of `text` (byte offsets are used).
  // Findings must be sorted and must not overlap; errors name the finding.
  Result<AnonymizeResult> Anonymize(std::string_view text,
                                    const std::vector<Finding>& findings) const;

  // The pseudonyms handed out so far: token -> original value.
  std::map<std::string, std::string> PseudonymMapping() const;

  // Seeds the pseudonym table (from an earlier run), so that values keep
  // their tokens and deanonymization can use one mapping for both runs.
  Status LoadPseudonyms(const std::map<std::string, std::string>& mapping);

  const AnonymizerConfig& config() const { return config_; }

 private:
  explicit Anonymizer(AnonymizerConfig config);
  const OperatorSpec& SpecFor(const std::string& entity) const;
  Result<std::string> Apply(const OperatorSpec& spec, const std::string& entity,
                            std::string_view value) const;
  std::string Pseudonym(const std::string& entity, std::string_view value) const;

  AnonymizerConfig config_;
  OperatorSpec default_;
  std::string salt_;  // for keyless hashes, drawn per Anonymizer

  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> token_of_;  // entity \x1f value -> token
  mutable std::map<std::string, std::string> value_of_;  // token -> value
  mutable std::map<std::string, int> counters_;          // entity -> last number
};

// What Deanonymize() reverses: items of an earlier Anonymize() result.
struct DeanonymizeOptions {
  std::string key;                                // for "encrypt" items
  std::map<std::string, std::string> pseudonyms;  // token -> value
};

// Restores the original values of "encrypt" and "pseudonym" items in
// `text`; other items stay as they are. A wrong key, a tampered token or an
// unknown pseudonym is an error that names the item, never garbage.
Result<AnonymizeResult> Deanonymize(std::string_view text, const std::vector<AnonymizedItem>& items,
                                    const DeanonymizeOptions& options);

// The authenticated encryption behind the "encrypt" operator, exposed for
// callers that handle tokens themselves. Tokens are unpadded base64url.
Result<std::string> EncryptValue(std::string_view plaintext, const std::string& key,
                                 bool deterministic);
Result<std::string> DecryptValue(std::string_view token, const std::string& key);

}  // namespace piiscan
