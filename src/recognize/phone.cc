#include "recognize/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

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

// A run seen as digit groups and what separates them: "(415) 555-0147"
// is groups {415, 555, 0147} with separators ") ", "-".
struct Shape {
  std::vector<std::string_view> groups;
  std::vector<std::string_view> seps;  // seps[i] stands between groups i and i+1
  bool plus = false;                   // starts with "+"
};

Shape ShapeOf(std::string_view run) {
  Shape shape;
  shape.plus = !run.empty() && run.front() == '+';
  size_t i = 0;
  while (i < run.size() && !IsDigit(run[i])) ++i;
  while (i < run.size()) {
    const size_t start = i;
    while (i < run.size() && IsDigit(run[i])) ++i;
    shape.groups.push_back(run.substr(start, i - start));
    const size_t sep = i;
    while (i < run.size() && !IsDigit(run[i])) ++i;
    if (i < run.size()) shape.seps.push_back(run.substr(sep, i - sep));
  }
  return shape;
}

bool SepIs(const Shape& s, size_t i, std::string_view chars) {
  return s.seps[i].size() == 1 && chars.find(s.seps[i][0]) != std::string_view::npos;
}

bool IsYear(std::string_view g) {
  return g.size() == 4 && (g.substr(0, 2) == "19" || g.substr(0, 2) == "20");
}

int Number(std::string_view g) {
  int n = 0;
  for (char c : g.substr(0, 6)) n = n * 10 + (c - '0');
  return n;
}

// Numeric dates, date ranges, ZIP+4 codes, decimals, versions and IPv4
// addresses read as digit runs; none is a phone number.
bool LooksLikeNonPhone(const Shape& s) {
  const size_t n = s.groups.size();
  const auto len = [&](size_t i) { return s.groups[i].size(); };
  if (s.plus || n < 2) return false;
  // 2013-03-14, 14/03/2013, 3.14.13, 06/2017, 30318-4471, 1.402365187
  if (n >= 3 && len(0) == 4 && SepIs(s, 0, "-/.") && len(1) <= 2 && SepIs(s, 1, "-/.")) {
    return true;
  }
  if (n >= 3 && len(0) <= 2 && len(1) <= 2 && SepIs(s, 0, "/.-") && s.seps[1] == s.seps[0] &&
      (len(2) == 2 || len(2) == 4)) {
    return true;
  }
  if (len(0) <= 2 && SepIs(s, 0, "/") && IsYear(s.groups[1]) && Number(s.groups[0]) >= 1 &&
      Number(s.groups[0]) <= 12) {
    return true;
  }
  if (n == 2 && len(0) == 5 && len(1) == 4 && SepIs(s, 0, "-")) return true;
  // 123-45-6789 is laid out as a US social security number.
  if (n == 3 && len(0) == 3 && len(1) == 2 && len(2) == 4 && SepIs(s, 0, "-") && SepIs(s, 1, "-")) {
    return true;
  }
  if (n == 2 && SepIs(s, 0, ".")) return true;
  // A year range anywhere: "2019 - 2021", "2017-2021".
  for (size_t i = 0; i + 1 < n; ++i) {
    const std::string_view sep = s.seps[i];
    const bool dash = sep == "-" || sep == " - " || sep == " -" || sep == "- ";
    if (dash && IsYear(s.groups[i]) && IsYear(s.groups[i + 1])) return true;
  }
  // Four dot-separated groups lead an address, a network ("/24") or a
  // version: none is a phone number.
  bool dots = n >= 4;
  for (size_t i = 0; dots && i < 3; ++i) dots = SepIs(s, i, ".");
  return dots;
}

// Laid out the North American way, "(415) 555-0147" or "415-555-0147",
// with a plausible area code but an exchange starting 0 or 1.
bool NanpLayoutButImpossible(const Shape& s) {
  size_t first = 0;
  if (s.groups.size() == 4 && s.groups[0] == "1") first = 1;  // "+1 415 ..." / "1-415-..."
  if (s.groups.size() != first + 3) return false;
  const std::string_view area = s.groups[first];
  const std::string_view exchange = s.groups[first + 1];
  if (area.size() != 3 || exchange.size() != 3 || s.groups[first + 2].size() != 4) return false;
  // An area code starting 0 or 1 means another country's trunk prefix.
  return area[0] >= '2' && exchange[0] < '2';
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
  static constexpr std::string_view kLabels[] = {"extension", "ext.", "ext", "x", "#"};
  size_t i = at;
  if (i < text.size() && text[i] == ' ') ++i;
  size_t label = 0;
  for (std::string_view l : kLabels) {
    if (text.size() - i < l.size()) continue;
    bool same = true;
    for (size_t k = 0; k < l.size() && same; ++k) {
      same = std::tolower(static_cast<unsigned char>(text[i + k])) == l[k];
    }
    if (same) {
      label = l.size();
      break;
    }
  }
  if (label == 0) return 0;
  i += label;
  if (i < text.size() && text[i] == ' ') ++i;
  const size_t digits_start = i;
  while (i < text.size() && IsDigit(text[i]) && i - digits_start < 7) ++i;
  const size_t digits = i - digits_start;
  if (digits == 0 || digits > 6) return 0;
  return i - at;
}

bool ImpossibleNanp(int country_code, uint64_t national_number) {
  if (country_code != 1) return false;
  const std::string national = std::to_string(national_number);
  return national.size() != 10 || national[0] < '2' || national[3] < '2';
}

bool ImpossibleNanp(const PhoneNumber& number) {
  return ImpossibleNanp(number.country_code(), number.national_number());
}

bool ImpossibleNanp(const FastPhoneResult& r) {
  return ImpossibleNanp(r.country_code, r.national_number);
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
  const Shape shape = ShapeOf(run);
  if (LooksLikeNonPhone(shape) || NanpLayoutButImpossible(shape)) return std::nullopt;

  hi += ExtensionLength(text, hi);
  if (!LeftBoundaryOk(Boundary::kWord, text, lo) || IsWordByteAt(text, hi)) return std::nullopt;
  return PhoneRun{lo, hi, digits == run.size()};
}

bool PhoneFinder::IsKnownRegion(const std::string& region) {
  std::string r = region;
  std::transform(r.begin(), r.end(), r.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (r == "UK") r = "GB";
  return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(r) != 0;
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

const PhoneMetadataIndex* PhoneFinder::Index() const {
  std::call_once(index_once_, [this] { index_ = PhoneMetadataIndex::Create(); });
  return index_.get();
}

// libphonenumber itself, for what the index leaves open.
std::optional<PhoneMatch> PhoneFinder::ConfirmSlow(const std::string& text,
                                                   const std::string& region) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return {};
  if (ImpossibleNanp(number)) return {};
  PhoneMatch m;
  m.valid = util.IsValidNumber(number);
  if (!m.valid && !util.IsPossibleNumber(number)) return {};
  util.Format(number, PhoneNumberUtil::E164, &m.e164);
  util.GetRegionCodeForNumber(number, &m.region);
  return m;
}

std::optional<PhoneMatch> PhoneFinder::Confirm(std::string_view candidate) const {
  const std::string text(candidate);
  const PhoneMetadataIndex* index = Index();
  std::optional<PhoneMatch> possible;
  for (const std::string& region : regions_) {
    std::optional<PhoneMatch> m;
    const FastPhoneResult fast = index != nullptr ? index->Check(text, region) : FastPhoneResult{};
    if (fast.verdict == PhoneVerdict::kUnsure) {
      m = ConfirmSlow(text, region);
    } else if (fast.verdict != PhoneVerdict::kInvalid && !ImpossibleNanp(fast)) {
      m = PhoneMatch{FormatE164(fast), fast.region, fast.verdict == PhoneVerdict::kValid};
    }
    if (m && m->valid) return m;
    if (m && !possible) possible = std::move(m);
  }
  return possible;
}

}  // namespace piiscan::recognize
