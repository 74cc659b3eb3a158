#include "recognize/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <re2/re2.h>

#include <algorithm>

namespace piiscan::recognize {
namespace {

using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

// Bounds the matcher's work per window: candidates it may try.
constexpr int kMaxTries = 16;

size_t CountDigits(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(),
                                           [](char c) { return c >= '0' && c <= '9'; }));
}

// Numeric dates and date ranges that libphonenumber can read as numbers:
// "06/2017 – 03/2021", "2019 - 2021", "12/2020".
bool LooksLikeDates(std::string_view raw) {
  static const RE2 kMonthYear(R"((?:^|\D)(?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?:\D|$))");
  static const RE2 kYearRange(R"((?:^|\D)(?:19|20)\d\d\s*(?:-|–|—|to)\s*(?:19|20)?\d\d(?:\D|$))");
  if (raw.find("\xE2\x80\x93") != std::string_view::npos) return true;  // en dash
  if (raw.find("\xE2\x80\x94") != std::string_view::npos) return true;  // em dash
  return RE2::PartialMatch(raw, kMonthYear) || RE2::FullMatch(raw, kYearRange);
}

}  // namespace

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

// Area code and exchange of a North American number cannot begin with 0
// or 1 ("(555) 018-2390" is not a number).
bool ImpossibleNanp(const i18n::phonenumbers::PhoneNumber& number) {
  if (number.country_code() != 1) return false;
  const std::string national = std::to_string(number.national_number());
  return national.size() != 10 || national[0] < '2' || national[3] < '2';
}

// A number laid out as North American ones are, "(NXX) NXX-XXXX", is
// judged by North American rules alone: another region's metadata must not
// rescue "(555) 018-2390".
bool NanpLayoutButImpossible(const std::string& raw) {
  static const RE2 kNanpLayout(R"(\(?(\d)\d\d\)?[ .\-]?(\d)\d\d[ .\-]\d{4})");
  std::string area;
  std::string exchange;
  if (!RE2::FullMatch(raw, kNanpLayout, &area, &exchange)) return false;
  return area[0] < '2' || exchange[0] < '2';
}

// Local numbers of six digits or fewer are too easily confused with house
// numbers and codes; only international ones that short are kept.
bool TooShort(const std::string& raw) {
  return CountDigits(raw) < 7 && raw.find('+') == std::string::npos;
}

bool Overlaps(const PhoneMatch& a, const PhoneMatch& b) {
  return a.start < b.end && b.start < a.end;
}

void PhoneFinder::Find(std::string_view window, std::vector<PhoneMatch>* out) const {
  // Fewer than 5 digits cannot be a phone number in any region.
  if (CountDigits(window) < 5) return;

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const std::string text(window);
  std::vector<PhoneMatch> found;
  for (const std::string& region : regions_) {
    PhoneNumberMatcher matcher(util, text, region, PhoneNumberMatcher::POSSIBLE, kMaxTries);
    while (matcher.HasNext()) {
      PhoneNumberMatch match;
      if (!matcher.Next(&match)) break;
      const std::string& raw = match.raw_string();
      if (LooksLikeDates(raw) || TooShort(raw) || NanpLayoutButImpossible(raw)) continue;
      if (ImpossibleNanp(match.number())) continue;
      PhoneMatch m;
      m.start = static_cast<size_t>(match.start());
      m.end = m.start + match.raw_string().size();
      m.valid = util.IsValidNumber(match.number());
      util.Format(match.number(), PhoneNumberUtil::E164, &m.e164);
      util.GetRegionCodeForNumber(match.number(), &m.region);
      found.push_back(std::move(m));
    }
  }

  // Valid before possible; stable, so earlier regions win ties.
  std::stable_sort(found.begin(), found.end(),
                   [](const PhoneMatch& a, const PhoneMatch& b) { return a.valid > b.valid; });
  const size_t first = out->size();
  for (PhoneMatch& m : found) {
    const bool clash = std::any_of(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                                   [&](const PhoneMatch& o) { return Overlaps(m, o); });
    if (!clash) out->push_back(std::move(m));
  }
}

}  // namespace piiscan::recognize
