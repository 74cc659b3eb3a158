#include "recognize/phone_metadata.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>

// libphonenumber compiles its full metadata into the library as a serialized
// PhoneMetadataCollection. These accessors are exported but declared only in
// its private metadata.h, so they are declared here; a libphonenumber that
// renames them fails at link time, not at run time.
//
// The library also exports i18n::phonenumbers::LoadCompiledInMetadata(), but
// that symbol comes from shortnumberinfo.cc and loads the short-number
// metadata (emergency and service codes: US general desc "[1-9]\d{2,5}"), not
// the metadata Parse() and IsValidNumber() use.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace piiscan::recognize {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumberDesc;
using re2::RE2;
using re2::StringPiece;

// libphonenumber's limits on the national significant number (NSN).
constexpr size_t kMinNsnLength = 2;
constexpr size_t kMaxNsnLength = 17;
constexpr size_t kMaxCountryCodeLength = 3;
constexpr int kMaxCountryCode = 999;

// Limits of what Check() reads; beyond them it answers kUnsure.
constexpr size_t kMaxCandidateBytes = 64;
constexpr size_t kMaxDigits = 24;
constexpr size_t kMaxExtensionDigits = 6;
constexpr size_t kMaxRuleLiterals = 8;
constexpr size_t kMaxLeadingDigitGroups = 64;

// Room for kMaxDigits plus what a national prefix transform rule adds.
constexpr size_t kDigitCapacity = kMaxDigits + kMaxRuleLiterals + 8;

// A set of lengths, bit n for length n.
using LengthSet = uint64_t;

bool InSet(LengthSet set, size_t n) { return n < 64 && (set >> n & 1) != 0; }

// A short string of ASCII digits on the stack.
class DigitString {
 public:
  std::string_view view() const { return {data_.data(), size_}; }
  StringPiece piece() const { return StringPiece(data_.data(), size_); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Returns false, and appends nothing, when `s` does not fit.
  bool Append(std::string_view s) {
    if (s.size() > data_.size() - size_) return false;
    std::memcpy(data_.data() + size_, s.data(), s.size());
    size_ += s.size();
    return true;
  }

  void RemovePrefix(size_t n) {
    std::memmove(data_.data(), data_.data() + n, size_ - n);
    size_ -= n;
  }

 private:
  std::array<char, kDigitCapacity> data_{};
  size_t size_ = 0;
};

std::string_view View(const StringPiece& p) { return {p.data(), p.size()}; }

// A PhoneNumberDesc: its possible lengths and national number pattern.
struct NumberDesc {
  bool any_length = true;  // no lengths listed: the general desc's apply
  LengthSet lengths = 0;
  std::unique_ptr<const RE2> pattern;  // null: matches nothing
};

// For each NSN length, the union of the type patterns (fixed line, mobile,
// toll free, ...) whose possible lengths admit it; null when none do.
struct TypeTables {
  bool broken = false;  // a type pattern did not compile: never decide here
  std::array<const RE2*, kMaxNsnLength + 1> any_type{};
  std::vector<std::unique_ptr<const RE2>> unions;
  std::vector<std::string> rejected;
};

// The metadata of one region (or one non-geographic calling code, "001").
struct Region {
  std::string id;
  int country_code = 0;
  bool broken = false;  // a pattern did not compile: never decide here

  std::unique_ptr<const RE2> international_prefix;  // compiled even when ""
  std::unique_ptr<const RE2> national_prefix;       // for parsing; null when none
  int national_prefix_groups = 0;
  std::string transform_rule;                 // national_prefix_transform_rule, "" when none
  std::unique_ptr<const RE2> leading_digits;  // null when none

  NumberDesc general;
  LengthSet local_only = 0;
  int min_length = -1;  // first and last of the general possible lengths,
  int max_length = -1;  // which the metadata lists in ascending order

  // The type patterns are most of the metadata and few regions are ever
  // asked about, so each region compiles its own on first use.
  const PhoneMetadata* metadata = nullptr;  // owned by the index
  mutable std::once_flag types_once;
  mutable TypeTables types;

  const TypeTables& Types() const;
};

// The regions sharing one country calling code, as libphonenumber orders
// them: the main region first, then the others in metadata order.
struct CallingCode {
  std::vector<const Region*> regions;
  bool broken = false;
  // "(ld1)|(ld2)|..." over the regions that have leading digits; the first
  // alternative that matches names the first such region that claims a number.
  std::unique_ptr<const RE2> leading_digits;
  std::vector<int> group_of;  // regions[i]'s group in leading_digits, 0 if none
  int groups = 0;
};

RE2::Options PatternOptions(bool capture) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_capture(!capture);
  return options;
}

// Compiles `pattern`; on failure notes why in `rejected` and sets `broken`.
std::unique_ptr<const RE2> Compile(const std::string& pattern, bool capture, std::string_view field,
                                   std::string_view region, bool* broken,
                                   std::vector<std::string>* rejected) {
  auto re = std::make_unique<const RE2>(pattern, PatternOptions(capture));
  if (re->ok()) return re;
  rejected->push_back(std::string(region) + " " + std::string(field) + ": " + re->error());
  *broken = true;
  return nullptr;
}

std::unique_ptr<const RE2> Compile(const std::string& pattern, bool capture, std::string_view field,
                                   Region* region, std::vector<std::string>* rejected) {
  return Compile(pattern, capture, field, region->id, &region->broken, rejected);
}

LengthSet ToLengthSet(const google::protobuf::RepeatedField<int32_t>& lengths) {
  LengthSet set = 0;
  for (int n : lengths) {
    if (n >= 0 && n < 64) set |= LengthSet{1} << n;  // -1 means "no numbers"
  }
  return set;
}

NumberDesc BuildDesc(const PhoneNumberDesc& desc, std::string_view field, std::string_view region,
                     bool* broken, std::vector<std::string>* rejected) {
  NumberDesc d;
  d.any_length = desc.possible_length_size() == 0;
  d.lengths = ToLengthSet(desc.possible_length());
  if (!desc.national_number_pattern().empty()) {
    d.pattern = Compile(desc.national_number_pattern(), false, field, region, broken, rejected);
  }
  return d;
}

bool MatchesPattern(const NumberDesc& desc, std::string_view s) {
  return desc.pattern != nullptr && RE2::FullMatch(StringPiece(s.data(), s.size()), *desc.pattern);
}

// IsNumberMatchingDesc(): the lengths first, then the pattern.
bool MatchesDesc(const NumberDesc& desc, std::string_view s) {
  if (!desc.any_length && !InSet(desc.lengths, s.size())) return false;
  return MatchesPattern(desc, s);
}

struct TypeDesc {
  std::string_view field;
  const PhoneNumberDesc* desc;
};

// The descs GetNumberTypeHelper() tries. Mobile is tried only when its
// pattern differs from fixed line's.
std::vector<TypeDesc> TypeDescs(const PhoneMetadata& m) {
  std::vector<TypeDesc> types = {
      {"premium_rate", &m.premium_rate()},
      {"toll_free", &m.toll_free()},
      {"shared_cost", &m.shared_cost()},
      {"voip", &m.voip()},
      {"personal_number", &m.personal_number()},
      {"pager", &m.pager()},
      {"uan", &m.uan()},
      {"voicemail", &m.voicemail()},
      {"fixed_line", &m.fixed_line()},
  };
  if (!m.same_mobile_and_fixed_line_pattern()) types.push_back({"mobile", &m.mobile()});
  return types;
}

bool AdmitsLength(const PhoneNumberDesc& desc, size_t n) {
  if (desc.national_number_pattern().empty()) return false;
  if (desc.possible_length_size() == 0) return true;
  return std::find(desc.possible_length().begin(), desc.possible_length().end(),
                   static_cast<int>(n)) != desc.possible_length().end();
}

const RE2* CompileUnion(const std::vector<TypeDesc>& types, uint32_t mask, std::string_view region,
                        TypeTables* out) {
  std::string pattern;
  for (size_t i = 0; i < types.size(); ++i) {
    if ((mask >> i & 1) == 0) continue;
    if (!pattern.empty()) pattern += '|';
    pattern += "(?:" + types[i].desc->national_number_pattern() + ")";
  }
  out->unions.push_back(
      Compile(pattern, false, "type union", region, &out->broken, &out->rejected));
  return out->unions.back().get();
}

void BuildTypeUnions(const PhoneMetadata& m, TypeTables* out) {
  const std::vector<TypeDesc> types = TypeDescs(m);
  // Each pattern is also compiled alone, so that a bad one is reported by
  // name (and one no length admits is still checked).
  for (const TypeDesc& type : types) {
    BuildDesc(*type.desc, type.field, m.id(), &out->broken, &out->rejected);
  }

  std::map<uint32_t, const RE2*> by_mask;  // lengths admitting the same types share a union
  for (size_t n = kMinNsnLength; n <= kMaxNsnLength; ++n) {
    uint32_t mask = 0;
    for (size_t i = 0; i < types.size(); ++i) {
      if (AdmitsLength(*types[i].desc, n)) mask |= uint32_t{1} << i;
    }
    if (mask == 0) continue;
    auto [it, added] = by_mask.try_emplace(mask, nullptr);
    if (added) it->second = CompileUnion(types, mask, m.id(), out);
    out->any_type[n] = it->second;
  }
}

const TypeTables& Region::Types() const {
  std::call_once(types_once, [this] { BuildTypeUnions(*metadata, &types); });
  return types;
}

// Accepts rules made of digits and "$1" / "$2" (groups the national prefix
// pattern has), which is every rule libphonenumber ships.
bool TransformRuleSupported(const std::string& rule, int groups) {
  size_t literals = 0;
  for (size_t i = 0; i < rule.size(); ++i) {
    if (rule[i] >= '0' && rule[i] <= '9') {
      ++literals;
      continue;
    }
    if (rule[i] != '$' || i + 1 >= rule.size()) return false;
    const int group = rule[++i] - '0';
    if (group < 1 || group > std::min(groups, 2)) return false;
    if (i + 1 < rule.size() && rule[i + 1] >= '0' && rule[i + 1] <= '9') return false;
  }
  return literals <= kMaxRuleLiterals && rule.size() <= 2 * kMaxRuleLiterals;
}

void BuildNationalPrefix(const PhoneMetadata& m, Region* r, std::vector<std::string>* rejected) {
  if (m.national_prefix_for_parsing().empty()) return;
  r->national_prefix =
      Compile(m.national_prefix_for_parsing(), true, "national_prefix_for_parsing", r, rejected);
  if (r->national_prefix == nullptr) return;
  r->national_prefix_groups = r->national_prefix->NumberOfCapturingGroups();
  r->transform_rule = m.national_prefix_transform_rule();
  if (r->transform_rule.empty()) return;
  if (!TransformRuleSupported(r->transform_rule, r->national_prefix_groups)) {
    rejected->push_back(r->id + " national_prefix_transform_rule: unsupported form");
    r->broken = true;
  }
}

void BuildGeneral(const PhoneMetadata& m, Region* r, std::vector<std::string>* rejected) {
  const PhoneNumberDesc& general = m.general_desc();
  r->general = BuildDesc(general, "general_desc", r->id, &r->broken, rejected);
  r->local_only = ToLengthSet(general.possible_length_local_only());
  if (general.possible_length_size() == 0) {
    rejected->push_back(r->id + " general_desc: no possible lengths");
    r->broken = true;
    return;
  }
  r->min_length = general.possible_length(0);
  r->max_length = general.possible_length(general.possible_length_size() - 1);
}

std::unique_ptr<Region> BuildRegion(const PhoneMetadata& m, std::vector<std::string>* rejected) {
  auto r = std::make_unique<Region>();
  r->id = m.id();
  r->country_code = m.country_code();
  r->international_prefix =
      Compile(m.international_prefix(), false, "international_prefix", r.get(), rejected);
  BuildNationalPrefix(m, r.get(), rejected);
  if (m.has_leading_digits()) {
    r->leading_digits = Compile(m.leading_digits(), true, "leading_digits", r.get(), rejected);
  }
  BuildGeneral(m, r.get(), rejected);
  r->metadata = &m;
  return r;
}

void BuildLeadingDigits(CallingCode* code, std::vector<std::string>* rejected) {
  if (code->regions.size() < 2) return;
  code->group_of.assign(code->regions.size(), 0);
  std::string pattern;
  for (size_t i = 0; i < code->regions.size(); ++i) {
    const RE2* ld = code->regions[i]->leading_digits.get();
    if (ld == nullptr) continue;
    if (!pattern.empty()) pattern += '|';
    pattern += "(" + ld->pattern() + ")";
    code->group_of[i] = code->groups + 1;
    code->groups += 1 + ld->NumberOfCapturingGroups();
  }
  if (pattern.empty()) return;
  code->leading_digits = std::make_unique<const RE2>(pattern, PatternOptions(true));
  const bool too_many = code->groups >= static_cast<int>(kMaxLeadingDigitGroups);
  if (code->leading_digits->ok() && !too_many) return;
  rejected->push_back(
      "calling code " + std::to_string(code->regions[0]->country_code) +
      " leading digits union: " + (too_many ? "too many groups" : code->leading_digits->error()));
  code->broken = true;
}

bool IsTwoUpperLetters(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

size_t RegionSlot(std::string_view code) { return (code[0] - 'A') * 26 + (code[1] - 'A'); }

}  // namespace

struct PhoneMetadataIndex::Tables {
  PhoneMetadataCollection collection;  // the regions point into it
  std::vector<std::unique_ptr<Region>> regions;
  std::array<const Region*, 26 * 26> by_code{};  // two-letter regions only
  std::vector<CallingCode> calling_codes = std::vector<CallingCode>(kMaxCountryCode + 1);
  std::vector<std::string> rejected;

  void Add(const PhoneMetadata& m);
  void Finish();
};

// Mirrors how PhoneNumberUtil files each region: by id, and under its
// calling code with the main region in front.
void PhoneMetadataIndex::Tables::Add(const PhoneMetadata& m) {
  if (m.id() == "ZZ") return;
  if (m.country_code() < 1 || m.country_code() > kMaxCountryCode) {
    rejected.push_back(m.id() + " country_code: out of range");
    return;
  }
  regions.push_back(BuildRegion(m, &rejected));
  const Region* region = regions.back().get();
  if (IsTwoUpperLetters(region->id) && by_code[RegionSlot(region->id)] == nullptr) {
    by_code[RegionSlot(region->id)] = region;
  }
  std::vector<const Region*>& list = calling_codes[region->country_code].regions;
  list.insert(m.main_country_for_code() ? list.begin() : list.end(), region);
}

void PhoneMetadataIndex::Tables::Finish() {
  for (CallingCode& code : calling_codes) {
    BuildLeadingDigits(&code, &rejected);
    for (const Region* region : code.regions) code.broken = code.broken || region->broken;
  }
}

namespace {

using CallingCodes = std::vector<CallingCode>;  // indexed by calling code

// ---- Reading the candidate text -------------------------------------------

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSeparator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}
bool IsReadable(char c) {
  return IsDigit(c) || IsLetter(c) || IsSeparator(c) || c == '+' || c == '#';
}

enum class LexOutcome { kNumber, kNotANumber, kUnsure };

struct Lexed {
  bool plus = false;   // written with a leading "+"
  DigitString digits;  // the number's digits, extension removed
};

// libphonenumber cuts "/x..." off as a second number: not modelled.
bool HasSecondNumberMark(std::string_view body) {
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '/') continue;
    size_t j = i + 1;
    while (j < body.size() && body[j] == ' ') ++j;
    if (j < body.size() && (body[j] == 'x' || body[j] == 'X')) return true;
  }
  return false;
}

// `lower` is lower case; ASCII letters differ from upper case by bit 0x20.
bool EqualsIgnoringCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && std::equal(s.begin(), s.end(), lower.begin(),
                                                [](char a, char b) { return (a | 0x20) == b; });
}

bool IsExtensionLabel(std::string_view label) {
  return label == "#" || EqualsIgnoringCase(label, "x") || EqualsIgnoringCase(label, "ext") ||
         EqualsIgnoringCase(label, "extn") || EqualsIgnoringCase(label, "extension");
}

bool HasLetterOrHash(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return IsLetter(c) || c == '#'; });
}

// Splits "<number> <label>[.][ -]<digits>" at the label. Every such tail is
// one libphonenumber strips as an extension; false for any other use of
// letters or "#". `body` ends in a digit.
bool CutExtension(std::string_view body, std::string_view* number) {
  size_t digits_begin = body.size();
  while (digits_begin > 0 && IsDigit(body[digits_begin - 1])) --digits_begin;
  size_t label_end = digits_begin;
  while (label_end > 0 && (body[label_end - 1] == ' ' || body[label_end - 1] == '-')) --label_end;
  if (label_end > 0 && body[label_end - 1] == '.') --label_end;
  size_t label_begin = label_end;
  while (label_begin > 0 && (IsLetter(body[label_begin - 1]) || body[label_begin - 1] == '#')) {
    --label_begin;
  }
  if (label_begin == label_end) {
    *number = body;
    return !HasLetterOrHash(body);
  }

  const std::string_view label = body.substr(label_begin, label_end - label_begin);
  if (!IsExtensionLabel(label) || body.size() - digits_begin > kMaxExtensionDigits) return false;
  size_t number_end = label_begin;
  while (number_end > 0 && body[number_end - 1] == ' ') --number_end;
  *number = body.substr(0, number_end);
  return !number->empty() && IsDigit(number->back()) && !HasLetterOrHash(*number);
}

LexOutcome LexNumber(std::string_view number, Lexed* out) {
  size_t i = 0;
  if (number.front() == '+') {
    out->plus = true;
    i = 1;
  }
  for (; i < number.size(); ++i) {
    const char c = number[i];
    if (IsSeparator(c)) continue;
    if (!IsDigit(c) || out->digits.size() == kMaxDigits) return LexOutcome::kUnsure;
    out->digits.Append(std::string_view(&c, 1));
  }
  // libphonenumber treats one or two digits specially; not modelled.
  return out->digits.size() >= 3 ? LexOutcome::kNumber : LexOutcome::kUnsure;
}

// ExtractPossibleNumber(), IsViablePhoneNumber() and MaybeStripExtension()
// for the text accepted (see the header), then Normalize().
LexOutcome Lex(std::string_view text, Lexed* out) {
  if (text.size() > kMaxCandidateBytes) return LexOutcome::kUnsure;
  if (!std::all_of(text.begin(), text.end(), IsReadable)) return LexOutcome::kUnsure;

  // Start at the first digit or "+"; drop what trails the last letter,
  // digit or "#".
  const size_t begin = text.find_first_of("+0123456789");
  if (begin == std::string_view::npos) return LexOutcome::kNotANumber;
  size_t end = text.size();
  while (end > begin && !IsDigit(text[end - 1]) && !IsLetter(text[end - 1]) &&
         text[end - 1] != '#') {
    --end;
  }
  const std::string_view body = text.substr(begin, end - begin);
  if (body.empty()) return LexOutcome::kNotANumber;  // a lone "+"
  if (!IsDigit(body.back()) || HasSecondNumberMark(body)) return LexOutcome::kUnsure;

  std::string_view number;
  if (!CutExtension(body, &number)) return LexOutcome::kUnsure;
  return LexNumber(number, out);
}

// ---- Parse() on the digits --------------------------------------------------

enum class Outcome { kParsed, kFailed, kUnsure };

enum class LengthFit { kPossible, kLocalOnly, kTooShort, kTooLong, kInvalidLength };

// TestNumberLength() against the general desc.
LengthFit FitLength(const Region& r, size_t n) {
  if (r.min_length < 0) return LengthFit::kInvalidLength;
  if (InSet(r.local_only, n)) return LengthFit::kLocalOnly;
  const size_t min = static_cast<size_t>(r.min_length);
  if (n == min) return LengthFit::kPossible;
  if (n < min) return LengthFit::kTooShort;
  if (n > static_cast<size_t>(r.max_length)) return LengthFit::kTooLong;
  return InSet(r.general.lengths, n) ? LengthFit::kPossible : LengthFit::kInvalidLength;
}

// Writes the transform rule with groups expanded, then `rest`. The rule was
// checked at load time, so everything fits.
void ApplyTransform(const Region& r, const StringPiece* groups, std::string_view rest,
                    DigitString* out) {
  const std::string& rule = r.transform_rule;
  for (size_t i = 0; i < rule.size(); ++i) {
    if (rule[i] == '$') {
      out->Append(View(groups[rule[++i] - '0']));
    } else {
      out->Append(std::string_view(&rule[i], 1));
    }
  }
  out->Append(rest);
}

// MaybeStripNationalPrefixAndCarrierCode(): strips (or, with a transform
// rule, rewrites) a leading national prefix, unless that spoils a number the
// general pattern accepted.
void StripNationalPrefix(const Region& r, DigitString* number) {
  if (number->empty() || r.national_prefix == nullptr) return;
  std::array<StringPiece, 3> match;
  const int wanted = std::min(r.national_prefix_groups, 2) + 1;
  if (!r.national_prefix->Match(number->piece(), 0, number->size(), RE2::ANCHOR_START, match.data(),
                                wanted)) {
    return;
  }
  const bool was_viable = MatchesPattern(r.general, number->view());
  const std::string_view rest = number->view().substr(match[0].size());

  // libphonenumber reads the transform's input from group 2 when there are
  // two groups (group 1 is then a carrier code), else from group 1.
  const StringPiece& captured = r.national_prefix_groups >= 2 ? match[2] : match[1];
  DigitString result;
  if (!r.transform_rule.empty() && r.national_prefix_groups >= 1 && !captured.empty()) {
    ApplyTransform(r, match.data(), rest, &result);
  } else {
    result.Append(rest);
  }
  if (was_viable && !MatchesPattern(r.general, result.view())) return;
  *number = result;
}

// ParsePrefixAsIdd(): the prefix is kept when a "0" follows it, since no
// calling code starts with 0.
bool StripInternationalPrefix(const Region& home, DigitString* number) {
  StringPiece match;
  if (!home.international_prefix->Match(number->piece(), 0, number->size(), RE2::ANCHOR_START,
                                        &match, 1)) {
    return false;
  }
  const std::string_view rest = number->view().substr(match.size());
  if (!rest.empty() && rest.front() == '0') return false;
  number->RemovePrefix(match.size());
  return true;
}

// ExtractCountryCode(): the shortest known code of 1-3 digits.
bool TakeCountryCode(const CallingCodes& codes, DigitString* number, int* country_code) {
  const std::string_view digits = number->view();
  if (digits.empty() || digits.front() == '0') return false;
  int code = 0;
  for (size_t i = 0; i < kMaxCountryCodeLength && i < digits.size(); ++i) {
    code = code * 10 + (digits[i] - '0');
    if (codes[code].regions.empty()) continue;
    number->RemovePrefix(i + 1);
    *country_code = code;
    return true;
  }
  return false;
}

// A national number that starts with the home calling code ("4420...") is
// read as international when that makes a better match or the number is too
// long as it stands.
bool StripHomeCountryCode(const Region& home, DigitString* number) {
  char code[8];
  const auto written = std::to_chars(code, code + sizeof(code), home.country_code);
  const std::string_view prefix(code, written.ptr - code);
  if (number->view().substr(0, prefix.size()) != prefix) return false;

  DigitString potential;
  potential.Append(number->view().substr(prefix.size()));
  StripNationalPrefix(home, &potential);
  const bool better = !MatchesPattern(home.general, number->view()) &&
                      MatchesPattern(home.general, potential.view());
  if (!better && FitLength(home, number->size()) != LengthFit::kTooLong) return false;
  *number = potential;
  return true;
}

// MaybeExtractCountryCode() for a number written without "+". Sets
// `*country_code` to 0 when the number carries none.
Outcome FindCountryCodeWithoutPlus(const CallingCodes& codes, const Region& home,
                                   DigitString* number, int* country_code) {
  *country_code = 0;
  if (StripInternationalPrefix(home, number)) {
    if (number->size() <= kMinNsnLength) return Outcome::kFailed;
    return TakeCountryCode(codes, number, country_code) ? Outcome::kParsed : Outcome::kFailed;
  }
  if (StripHomeCountryCode(home, number)) *country_code = home.country_code;
  return Outcome::kParsed;
}

Outcome FindCountryCode(const CallingCodes& codes, const Region* home, bool plus,
                        DigitString* number, int* country_code) {
  if (!plus) return FindCountryCodeWithoutPlus(codes, *home, number, country_code);
  if (number->size() <= kMinNsnLength) return Outcome::kFailed;
  if (TakeCountryCode(codes, number, country_code)) return Outcome::kParsed;

  // "+" and no known code: libphonenumber reads the digits again as if the
  // "+" were absent, and keeps the result only if a code turns up.
  if (home == nullptr) return Outcome::kFailed;
  const Outcome retry = FindCountryCodeWithoutPlus(codes, *home, number, country_code);
  return retry == Outcome::kParsed && *country_code != 0 ? Outcome::kParsed : Outcome::kFailed;
}

struct Parsed {
  int country_code = 0;
  DigitString nsn;  // national significant number
};

// ParseHelper() from the point where the text is reduced to digits.
Outcome ParseDigits(const CallingCodes& codes, const Region* home, const Lexed& lexed,
                    Parsed* out) {
  if (home == nullptr && !lexed.plus) return Outcome::kFailed;  // no region to read it in

  DigitString number = lexed.digits;
  int country_code = 0;
  const Outcome found = FindCountryCode(codes, home, lexed.plus, &number, &country_code);
  if (found != Outcome::kParsed) return found;

  // Numbers with a calling code are read by the rules of its main region.
  const Region* region = country_code != 0 ? codes[country_code].regions.front() : home;
  if (country_code == 0) country_code = home->country_code;
  if (codes[country_code].broken) return Outcome::kUnsure;
  if (number.size() < kMinNsnLength) return Outcome::kFailed;

  // The national prefix goes only if what is left has a possible length.
  DigitString potential = number;
  StripNationalPrefix(*region, &potential);
  const LengthFit fit = FitLength(*region, potential.size());
  if (fit != LengthFit::kTooShort && fit != LengthFit::kLocalOnly &&
      fit != LengthFit::kInvalidLength) {
    number = potential;
  }
  if (number.size() < kMinNsnLength || number.size() > kMaxNsnLength) return Outcome::kFailed;

  out->country_code = country_code;
  out->nsn = number;
  return Outcome::kParsed;
}

// ---- IsValidNumber() and IsPossibleNumber() --------------------------------

// GetNumberTypeHelper(...) != UNKNOWN. Sets `unsure` when the region's
// type patterns could not all be compiled.
bool IsValidIn(const Region& r, std::string_view nsn, bool* unsure) {
  if (nsn.size() > kMaxNsnLength) return false;
  if (!MatchesDesc(r.general, nsn)) return false;
  const TypeTables& types = r.Types();
  if (types.broken) *unsure = true;
  const RE2* any_type = types.any_type[nsn.size()];
  if (any_type == nullptr) return false;
  return RE2::FullMatch(StringPiece(nsn.data(), nsn.size()), *any_type);
}

// The index of the first region whose leading digits start `nsn`, or the
// number of regions when none does.
size_t FirstByLeadingDigits(const CallingCode& code, std::string_view nsn) {
  const size_t none = code.regions.size();
  const StringPiece text(nsn.data(), nsn.size());
  if (!code.leading_digits->Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0)) {
    return none;  // the common case, settled by the DFA alone
  }
  std::array<StringPiece, kMaxLeadingDigitGroups> groups;
  code.leading_digits->Match(text, 0, text.size(), RE2::ANCHOR_START, groups.data(),
                             code.groups + 1);
  for (size_t i = 0; i < code.regions.size(); ++i) {
    if (code.group_of[i] > 0 && groups[code.group_of[i]].data() != nullptr) return i;
  }
  return none;
}

// GetRegionCodeForNumber(): a region with leading digits claims the numbers
// they start, one without claims the numbers valid in it; the first claim
// in list order wins. Null when no region claims the number.
const Region* RegionForNumber(const CallingCode& code, std::string_view nsn, bool* valid,
                              bool* unsure) {
  if (code.regions.size() == 1) {
    *valid = IsValidIn(*code.regions.front(), nsn, unsure);
    return code.regions.front();
  }
  size_t by_leading_digits = code.regions.size() + 1;  // not looked up yet
  for (size_t i = 0; i < code.regions.size(); ++i) {
    const Region& region = *code.regions[i];
    if (region.leading_digits == nullptr) {
      if (!IsValidIn(region, nsn, unsure)) continue;
      *valid = true;
      return &region;
    }
    if (by_leading_digits > code.regions.size()) {
      by_leading_digits = FirstByLeadingDigits(code, nsn);
    }
    if (by_leading_digits != i) continue;
    *valid = IsValidIn(region, nsn, unsure);
    return &region;
  }
  return nullptr;
}

int CountLeadingZeros(std::string_view nsn) {
  if (nsn.size() < 2 || nsn.front() != '0') return 0;
  int zeros = 1;  // like libphonenumber, never counts the last digit
  while (static_cast<size_t>(zeros) < nsn.size() - 1 && nsn[zeros] == '0') ++zeros;
  return zeros;
}

FastPhoneResult WithVerdict(PhoneVerdict verdict) {
  FastPhoneResult result;
  result.verdict = verdict;
  return result;
}

FastPhoneResult Judge(const CallingCodes& codes, const Parsed& parsed) {
  const CallingCode& code = codes[parsed.country_code];
  const std::string_view nsn = parsed.nsn.view();
  bool valid = false;
  bool unsure = false;
  const Region* region = RegionForNumber(code, nsn, &valid, &unsure);
  if (unsure) return WithVerdict(PhoneVerdict::kUnsure);

  FastPhoneResult result;
  result.region = region != nullptr ? region->id : "ZZ";
  result.country_code = parsed.country_code;
  std::from_chars(nsn.data(), nsn.data() + nsn.size(), result.national_number);
  result.leading_zeros = CountLeadingZeros(nsn);

  const LengthFit fit = FitLength(*code.regions.front(), nsn.size());
  const bool possible = fit == LengthFit::kPossible || fit == LengthFit::kLocalOnly;
  result.verdict = valid      ? PhoneVerdict::kValid
                   : possible ? PhoneVerdict::kPossible
                              : PhoneVerdict::kInvalid;
  return result;
}

}  // namespace

std::string FormatE164(const FastPhoneResult& result) {
  if (result.country_code == 0) return "";
  std::string e164 = "+";
  e164 += std::to_string(result.country_code);
  e164.append(static_cast<size_t>(result.leading_zeros), '0');
  e164 += std::to_string(result.national_number);
  return e164;
}

std::unique_ptr<const PhoneMetadataIndex> PhoneMetadataIndex::Create() {
  auto tables = std::make_unique<Tables>();
  if (!tables->collection.ParseFromArray(i18n::phonenumbers::metadata_get(),
                                         i18n::phonenumbers::metadata_size())) {
    return nullptr;
  }
  for (const PhoneMetadata& m : tables->collection.metadata()) tables->Add(m);
  tables->Finish();
  if (tables->regions.empty()) return nullptr;
  return std::unique_ptr<const PhoneMetadataIndex>(new PhoneMetadataIndex(std::move(tables)));
}

PhoneMetadataIndex::PhoneMetadataIndex(std::unique_ptr<const Tables> tables)
    : tables_(std::move(tables)) {}

PhoneMetadataIndex::~PhoneMetadataIndex() = default;

std::vector<std::string> PhoneMetadataIndex::rejected_patterns() const {
  std::vector<std::string> all = tables_->rejected;
  for (const auto& region : tables_->regions) {
    const TypeTables& types = region->Types();
    all.insert(all.end(), types.rejected.begin(), types.rejected.end());
  }
  return all;
}

FastPhoneResult PhoneMetadataIndex::Check(std::string_view candidate,
                                          std::string_view default_region) const {
  const Tables& t = *tables_;
  if (!IsTwoUpperLetters(default_region)) return WithVerdict(PhoneVerdict::kUnsure);
  const Region* home = t.by_code[RegionSlot(default_region)];  // null: unknown region
  if (home != nullptr && home->broken) return WithVerdict(PhoneVerdict::kUnsure);

  Lexed lexed;
  const LexOutcome lex = Lex(candidate, &lexed);
  if (lex == LexOutcome::kUnsure) return WithVerdict(PhoneVerdict::kUnsure);
  if (lex == LexOutcome::kNotANumber) return WithVerdict(PhoneVerdict::kInvalid);

  Parsed parsed;
  const Outcome outcome = ParseDigits(t.calling_codes, home, lexed, &parsed);
  if (outcome == Outcome::kUnsure) return WithVerdict(PhoneVerdict::kUnsure);
  if (outcome == Outcome::kFailed) return WithVerdict(PhoneVerdict::kInvalid);
  return Judge(t.calling_codes, parsed);
}

}  // namespace piiscan::recognize
