#pragma once

// Phone numbers, confirmed by libphonenumber.
//
// libphonenumber's matcher is slow on long text (its cost grows faster than
// the text), so it only ever sees short windows around digit runs that a
// cheap pattern found. Within a window, every configured region is tried;
// numbers written with "+" or an international prefix are found whatever the
// region. A match is "valid" when the number is assigned in its region's
// metadata, otherwise merely "possible" (right length); North American
// numbers whose area code or exchange begins with 0 or 1 are rejected
// outright, since no such number can exist. Matches never overlap: valid
// ones and earlier regions win.
//
// Thread safety: immutable after construction; Find() may be called from
// any thread (PhoneNumberUtil is a thread-safe singleton).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace piiscan::recognize {

struct PhoneMatch {
  size_t start = 0;  // bytes, relative to the window
  size_t end = 0;
  std::string e164;    // "+14155550147"
  std::string region;  // region the number belongs to, "US"
  bool valid = false;  // valid per the region's metadata; else only possible
};

class PhoneFinder {
 public:
  // Regions are ISO 3166 alpha-2 codes; unknown ones are dropped.
  explicit PhoneFinder(const std::vector<std::string>& regions);

  // Appends the phone numbers found in `window` to `out`.
  void Find(std::string_view window, std::vector<PhoneMatch>* out) const;

  const std::vector<std::string>& regions() const { return regions_; }

 private:
  std::vector<std::string> regions_;
};

}  // namespace piiscan::recognize
