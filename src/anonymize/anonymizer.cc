#include "piiscan/anonymizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>

#include "anonymize/crypto.h"
#include "piiscan/text.h"

namespace piiscan {
namespace {

constexpr struct {
  OperatorKind kind;
  const char* name;
} kOperatorNames[] = {
    {OperatorKind::kReplace, "replace"},     {OperatorKind::kRedact, "redact"},
    {OperatorKind::kMask, "mask"},           {OperatorKind::kHash, "hash"},
    {OperatorKind::kEncrypt, "encrypt"},     {OperatorKind::kKeep, "keep"},
    {OperatorKind::kPseudonym, "pseudonym"},
};

// One code point of `s` at byte `i`: its length and whether masking counts it.
struct CodePoint {
  size_t length = 1;
  bool maskable = true;
};

CodePoint CodePointAt(std::string_view s, size_t i, bool letters_and_digits_only) {
  int32_t next = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), next, static_cast<int32_t>(s.size()), c);
  return {static_cast<size_t>(next) - i, !letters_and_digits_only || (c >= 0 && u_isalnum(c))};
}

// True when byte `i` of `s` is a UTF-8 continuation byte.
bool SplitsCodePoint(std::string_view s, size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

std::string Mask(const OperatorSpec& spec, std::string_view value) {
  // With keep_domain, only an email's local part is masked.
  const size_t at = spec.keep_domain ? value.rfind('@') : std::string_view::npos;
  const std::string_view part = at == std::string_view::npos ? value : value.substr(0, at);

  std::vector<CodePoint> cps;
  for (size_t i = 0; i < part.size(); i += cps.back().length) {
    cps.push_back(CodePointAt(part, i, spec.keep_format));
  }
  const auto total = static_cast<size_t>(
      std::count_if(cps.begin(), cps.end(), [](const CodePoint& c) { return c.maskable; }));
  const size_t count =
      spec.chars_to_mask < 0 ? total : std::min(total, static_cast<size_t>(spec.chars_to_mask));
  // Maskable code points with index in [first, first + count) are masked.
  const size_t first = spec.from_end ? total - count : 0;

  std::string out;
  size_t pos = 0;
  size_t k = 0;
  for (const CodePoint& c : cps) {
    const bool masked = c.maskable && k >= first && k < first + count;
    if (c.maskable) ++k;
    out += masked ? std::string_view(spec.masking_char) : part.substr(pos, c.length);
    pos += c.length;
  }
  if (at != std::string_view::npos) out += value.substr(at);
  return out;
}

// Shorter keys are guessed too easily for the cipher keys derived from them.
constexpr size_t kMinKeyLength = 16;

}  // namespace

const char* OperatorName(OperatorKind kind) {
  for (const auto& entry : kOperatorNames) {
    if (entry.kind == kind) return entry.name;
  }
  return "replace";
}

Result<OperatorKind> ParseOperatorKind(std::string_view name) {
  for (const auto& entry : kOperatorNames) {
    if (name == entry.name) return entry.kind;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown operator '" + std::string(name) +
                       "' (replace, redact, mask, hash, encrypt, keep, pseudonym)");
}

Anonymizer::Anonymizer(AnonymizerConfig config) : config_(std::move(config)) {
  auto it = config_.operators.find("DEFAULT");
  if (it != config_.operators.end()) default_ = it->second;
}

Result<std::unique_ptr<Anonymizer>> Anonymizer::Create(const AnonymizerConfig& config) {
  for (const auto& [entity, spec] : config.operators) {
    const std::string where = "operator for " + entity + ": ";
    if (spec.kind == OperatorKind::kMask && CountCodePoints(spec.masking_char) != 1) {
      return MakeError(ErrorCode::kInvalidArgument, where + "masking_char must be one character");
    }
    if (spec.kind == OperatorKind::kHash && spec.hash_type != "sha256" &&
        spec.hash_type != "sha512") {
      return MakeError(ErrorCode::kInvalidArgument, where + "hash_type must be sha256 or sha512");
    }
    if (spec.kind == OperatorKind::kEncrypt && spec.key.size() < kMinKeyLength) {
      return MakeError(ErrorCode::kInvalidArgument, where + "encrypt needs a key of at least " +
                                                        std::to_string(kMinKeyLength) +
                                                        " characters");
    }
  }
  std::unique_ptr<Anonymizer> a(new Anonymizer(config));
  auto salt = anonymize::RandomBytes(16);
  if (!salt) return tl::unexpected(salt.error());
  a->salt_ = std::move(*salt);
  return a;
}

const OperatorSpec& Anonymizer::SpecFor(const std::string& entity) const {
  auto it = config_.operators.find(entity);
  return it != config_.operators.end() ? it->second : default_;
}

std::string Anonymizer::Pseudonym(const std::string& entity, std::string_view value) const {
  const std::string key = entity + '\x1f' + std::string(value);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = token_of_.find(key);
  if (it != token_of_.end()) return it->second;
  std::string token = "<" + entity + "_" + std::to_string(++counters_[entity]) + ">";
  while (value_of_.contains(token)) {  // taken by a loaded mapping
    token = "<" + entity + "_" + std::to_string(++counters_[entity]) + ">";
  }
  token_of_[key] = token;
  value_of_[token] = std::string(value);
  return token;
}

Result<std::string> Anonymizer::Apply(const OperatorSpec& spec, const std::string& entity,
                                      std::string_view value) const {
  switch (spec.kind) {
    case OperatorKind::kReplace:
      return spec.new_value.empty() ? "<" + entity + ">" : spec.new_value;
    case OperatorKind::kRedact:
      return std::string();
    case OperatorKind::kMask:
      return Mask(spec, value);
    case OperatorKind::kHash:
      // Without a key, a salt drawn for this run keeps hashes from being
      // looked up in a table of known values.
      return spec.key.empty() ? anonymize::HexDigest(salt_ + std::string(value), spec.hash_type, "")
                              : anonymize::HexDigest(value, spec.hash_type, spec.key);
    case OperatorKind::kEncrypt:
      return EncryptValue(value, spec.key, spec.deterministic);
    case OperatorKind::kKeep:
      return std::string(value);
    case OperatorKind::kPseudonym:
      return Pseudonym(entity, value);
  }
  return std::string(value);
}

Result<AnonymizeResult> Anonymizer::Anonymize(std::string_view text,
                                              const std::vector<Finding>& findings) const {
  // Replacements per finding, checked first so that nothing is half done.
  std::vector<std::string> replacements;
  replacements.reserve(findings.size());
  size_t previous_end = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.byte_start < previous_end || f.byte_end < f.byte_start || f.byte_end > text.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "finding " + std::to_string(i) + " (" + f.entity_type +
                           "): overlaps the previous one or lies outside the text");
    }
    if (SplitsCodePoint(text, f.byte_start) || SplitsCodePoint(text, f.byte_end)) {
      return MakeError(ErrorCode::kInvalidArgument, "finding " + std::to_string(i) + " (" +
                                                        f.entity_type +
                                                        "): starts or ends inside a character");
    }
    previous_end = f.byte_end;
    auto r = Apply(SpecFor(f.entity_type), f.entity_type,
                   text.substr(f.byte_start, f.byte_end - f.byte_start));
    if (!r) return tl::unexpected(r.error());
    replacements.push_back(std::move(*r));
  }

  // From the end backwards, so earlier byte offsets stay valid.
  AnonymizeResult result;
  result.text = std::string(text);
  for (size_t i = findings.size(); i-- > 0;) {
    const Finding& f = findings[i];
    result.text.replace(f.byte_start, f.byte_end - f.byte_start, replacements[i]);
  }

  // Items located in the output, in code points.
  size_t out_cp = 0;
  size_t in_byte = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    out_cp += CountCodePoints(text.substr(in_byte, f.byte_start - in_byte));
    const size_t length = CountCodePoints(replacements[i]);
    result.items.push_back({OperatorName(SpecFor(f.entity_type).kind), f.entity_type, out_cp,
                            out_cp + length, replacements[i]});
    out_cp += length;
    in_byte = f.byte_end;
  }
  return result;
}

std::map<std::string, std::string> Anonymizer::PseudonymMapping() const {
  std::lock_guard<std::mutex> lock(mu_);
  return value_of_;
}

Status Anonymizer::LoadPseudonyms(const std::map<std::string, std::string>& mapping) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [token, value] : mapping) {
    // "<PERSON_12>" -> entity "PERSON", number 12.
    const size_t underscore = token.rfind('_');
    if (token.size() < 5 || token.front() != '<' || token.back() != '>' ||
        underscore == std::string::npos || underscore < 2) {
      return MakeError(ErrorCode::kParse, "pseudonym mapping: bad token '" + token + "'");
    }
    const std::string entity = token.substr(1, underscore - 1);
    const std::string number = token.substr(underscore + 1, token.size() - underscore - 2);
    int n = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (number.empty() || number[0] == '-' || ec != std::errc() ||
        end != number.data() + number.size()) {
      return MakeError(ErrorCode::kParse, "pseudonym mapping: bad token '" + token + "'");
    }
    token_of_[entity + '\x1f' + value] = token;
    value_of_[token] = value;
    counters_[entity] = std::max(counters_[entity], n);
  }
  return {};
}

Result<AnonymizeResult> Deanonymize(std::string_view text, const std::vector<AnonymizedItem>& items,
                                    const DeanonymizeOptions& options) {
  // Item offsets are code points; find their bytes in one pass.
  std::vector<size_t> cps;
  for (const AnonymizedItem& item : items) {
    cps.push_back(item.start);
    cps.push_back(item.end);
  }
  for (size_t k = 1; k < cps.size(); ++k) {
    if (cps[k] < cps[k - 1]) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "item " + std::to_string(k / 2) + ": items must be sorted");
    }
  }
  const std::vector<size_t> bytes = ToBytes(text, cps);
  for (size_t k = 0; k < bytes.size(); ++k) {
    if (bytes[k] == std::string_view::npos) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "item " + std::to_string(k / 2) + " (" + items[k / 2].entity_type +
                           "): lies beyond the text; is the report for this file?");
    }
  }

  AnonymizeResult result;
  result.text = std::string(text);
  std::vector<std::string> originals(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const AnonymizedItem& item = items[i];
    const std::string token(text.substr(bytes[2 * i], bytes[2 * i + 1] - bytes[2 * i]));
    const std::string where = "item " + std::to_string(i) + " (" + item.entity_type + ")";
    if (item.operator_name == "encrypt") {
      auto plain = DecryptValue(token, options.key);
      if (!plain) return MakeError(plain.error().code, where + ": " + plain.error().message);
      originals[i] = std::move(*plain);
    } else if (item.operator_name == "pseudonym") {
      auto it = options.pseudonyms.find(token);
      if (it == options.pseudonyms.end()) {
        return MakeError(ErrorCode::kNotFound, where + ": pseudonym not in the mapping");
      }
      originals[i] = it->second;
    } else {
      originals[i] = token;
    }
  }
  for (size_t i = items.size(); i-- > 0;) {
    result.text.replace(bytes[2 * i], bytes[2 * i + 1] - bytes[2 * i], originals[i]);
  }
  size_t shift = 0;  // code points gained so far
  for (size_t i = 0; i < items.size(); ++i) {
    const AnonymizedItem& item = items[i];
    const bool restored = item.operator_name == "encrypt" || item.operator_name == "pseudonym";
    const size_t length = CountCodePoints(originals[i]);
    const size_t start = item.start + shift;
    result.items.push_back({restored ? "deanonymize" : item.operator_name, item.entity_type, start,
                            start + length, originals[i]});
    shift += length - (item.end - item.start);
  }
  return result;
}

}  // namespace piiscan
