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

void PhoneFinder::Find(std::string_view window, std::vector<PhoneMatch>* out) const {
  // Fewer than 5 digits cannot be a phone number in any region.
  if (CountDigits(window) < 5) return;

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const std::string text(window);
  for (const std::string& region : regions_) {
    PhoneNumberMatcher matcher(util, text, region, PhoneNumberMatcher::VALID, kMaxTries);
    bool found = false;
    while (matcher.HasNext()) {
      PhoneNumberMatch match;
      if (!matcher.Next(&match)) break;
      if (LooksLikeDates(match.raw_string())) continue;
      PhoneMatch m;
      m.start = static_cast<size_t>(match.start());
      m.end = m.start + match.raw_string().size();
      util.Format(match.number(), PhoneNumberUtil::E164, &m.e164);
      util.GetRegionCodeForNumber(match.number(), &m.region);
      out->push_back(std::move(m));
      found = true;
    }
    if (found) return;
  }
}

}  // namespace piiscan::recognize
