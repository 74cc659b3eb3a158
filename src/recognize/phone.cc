#include "recognize/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "recognize/boundary.h"

namespace piiscan::recognize {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// How far a run may reach on either side of the candidate; a longer run is
// a table of numbers or an id, not one phone number.
constexpr size_t kMaxReach = 40;
constexpr size_t kMinDigits = 7;
constexpr size_t kMaxDigits = 15;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsRunByte(char c) {
  return IsDigit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' ||
         c == '+';
}

size_t CountDigits(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), IsDigit));
}

// Numeric dates, times, versions and decimals that read as digit runs.
bool LooksLikeNonPhone(std::string_view run) {
  static const RE2 kNotPhone(
      R"(\d{4}-\d\d-\d\d.*|)"                          // ISO date
      R"(\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d\d).*|)"  // d/m/y, m.d.y
      R"((?:0?[1-9]|1[0-2])/(?:19|20)\d\d.*|)"         // month/year
      R"(.*(?:19|20)\d\d ?- ?(?:19|20)\d\d.*|)"        // year range
      R"(\d{5}-\d{4}|)"                                 // US ZIP+4
      R"(-?\d+\.\d+|)"                                  // decimal number
      R"(\d{1,3}(?:\.\d+){3}|)"                        // IPv4 or version
      R"(\d+(?:\.\d+){3,}\d*)");                       // longer versions
  return RE2::FullMatch(run, kNotPhone);
}

// True if the "(" that `run` starts with is closed inside it.
bool ClosedWithin(std::string_view run) {
  int depth = 0;
  for (char c : run) {
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (depth == 0) return true;
  }
  return false;
}

// "x1711", " ext. 12", " #4" after a number; returns its length or 0.
size_t ExtensionLength(std::string_view text, size_t at) {
  static const RE2 kExtension(R"((?i) ?(?:x|ext\.?|extension|#) ?\d{1,6})", RE2::Latin1);
  re2::StringPiece input(text.data() + at, std::min<size_t>(text.size() - at, 20));
  if (!RE2::Consume(&input, kExtension)) return 0;
  return static_cast<size_t>(input.data() - (text.data() + at));
}

// A number written in the North American layout "(NXX) NXX-XXXX" with a
// plausible area code but an exchange starting with 0 or 1.
bool NanpLayoutButImpossible(std::string_view raw) {
  static const RE2 kNanpLayout(R"(\+?1?[ \-.]?\(?(\d)\d\d\)?[ .\-]?(\d)\d\d[ .\-]\d{4}.*)");
  std::string area;
  std::string exchange;
  if (!RE2::FullMatch(raw, kNanpLayout, &area, &exchange)) return false;
  // An area code starting 0 or 1 means another country's trunk prefix.
  return area[0] >= '2' && exchange[0] < '2';
}

bool ImpossibleNanp(const PhoneNumber& number) {
  if (number.country_code() != 1) return false;
  const std::string national = std::to_string(number.national_number());
  return national.size() != 10 || national[0] < '2' || national[3] < '2';
}

}  // namespace

std::optional<PhoneRun> ExtractPhoneRun(std::string_view text, size_t pos, size_t* scanned_to) {
  size_t lo = pos;
  while (lo > 0 && IsRunByte(text[lo - 1]) && pos - lo <= kMaxReach) {
    if (text[lo - 1] == ' ' && lo >= 2 && text[lo - 2] == ' ') break;  // column gap
    --lo;
  }
  size_t hi = pos;
  while (hi < text.size() && IsRunByte(text[hi]) && hi - pos <= kMaxReach) {
    if (text[hi] == ' ' && hi + 1 < text.size() && text[hi + 1] == ' ') break;
    ++hi;
  }
  *scanned_to = hi;
  if (pos - lo > kMaxReach || hi - pos > kMaxReach) return std::nullopt;

  // A run starts with a digit, "+" or "(" and ends with a digit; a "("
  // that no ")" closes inside the run encloses it and is left out.
  while (lo < hi && !IsDigit(text[lo]) && text[lo] != '+' && text[lo] != '(') ++lo;
  while (hi > lo && !IsDigit(text[hi - 1])) --hi;
  while (lo < hi && text[lo] == '(' && !ClosedWithin(text.substr(lo, hi - lo))) ++lo;
  if (hi <= lo) return std::nullopt;
  const std::string_view run = text.substr(lo, hi - lo);

  const size_t digits = CountDigits(run);
  if (digits < kMinDigits || digits > kMaxDigits) return std::nullopt;
  if (LooksLikeNonPhone(run) || NanpLayoutButImpossible(run)) return std::nullopt;

  hi += ExtensionLength(text, hi);
  if (!LeftBoundaryOk(Boundary::kWord, text, lo) || IsWordByteAt(text, hi)) return std::nullopt;
  return PhoneRun{lo, hi, digits == run.size()};
}

PhoneFinder::PhoneFinder(const std::vector<std::string>& regions) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  for (std::string region : regions) {
    std::transform(region.begin(), region.end(), region.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (region == "UK") region = "GB";
    if (util.GetCountryCodeForRegion(region) != 0) regions_.push_back(region);
  }
  if (regions_.empty()) regions_.push_back("ZZ");  // international numbers only
}

std::optional<PhoneMatch> PhoneFinder::Confirm(std::string_view candidate) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const std::string text(candidate);
  std::optional<PhoneNumber> possible;
  for (const std::string& region : regions_) {
    PhoneNumber number;
    if (util.Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) continue;
    if (ImpossibleNanp(number)) continue;
    if (util.IsValidNumber(number)) {
      possible = number;
      break;
    }
    if (!possible && util.IsPossibleNumber(number)) possible = number;
  }
  if (!possible) return std::nullopt;

  PhoneMatch m;
  m.valid = util.IsValidNumber(*possible);
  util.Format(*possible, PhoneNumberUtil::E164, &m.e164);
  util.GetRegionCodeForNumber(*possible, &m.region);
  return m;
}

}  // namespace piiscan::recognize
