#pragma once

// Phone numbers, confirmed by libphonenumber.
//
// libphonenumber's matcher is far too slow to run over text, and even over
// short windows it dominates a scan. So piiscan finds the candidates itself:
// a cheap pattern reports digit runs, ExtractPhoneRun() cuts out the run of
// digits and separators around one (with a leading "+" or "(" and a trailing
// extension), cheap filters drop dates, decimals, versions and runs too long
// to be one number, and only then does PhoneFinder::Confirm() hand the short
// candidate to libphonenumber's parser, region by region.
//
// A number is "valid" when it is assigned in its region's metadata,
// otherwise merely "possible" (right length). North American numbers whose
// area code or exchange begins with 0 or 1 are rejected outright, since no
// such number can exist; a number laid out the North American way
// ("(555) 018-2390") is judged by those rules alone.
//
// Thread safety: immutable after construction; PhoneNumberUtil is a
// thread-safe singleton.

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/phone_metadata.h"

namespace piiscan::recognize {

// A run of text that may hold one phone number.
struct PhoneRun {
  size_t start = 0;  // bytes into the text
  size_t end = 0;
  bool unbroken = false;  // digits only: no separator, "+" or "("
};

// Cuts out the phone-shaped run holding byte `pos - 1` of `text` (a digit).
// Returns nothing when the run cannot be a phone number (too few or too
// many digits, a date, a decimal, glued to a word). `*scanned_to` is set to
// where the run ends, so that later candidates inside it can be skipped.
std::optional<PhoneRun> ExtractPhoneRun(std::string_view text, size_t pos, size_t* scanned_to);

struct PhoneMatch {
  std::string e164;    // "+14155550147"
  std::string region;  // region the number belongs to, "US"
  bool valid = false;  // valid per the region's metadata; else only possible
};

class PhoneFinder {
 public:
  // Regions are ISO 3166 alpha-2 codes ("UK" means "GB"); unknown ones are
  // dropped. With none left, only international numbers are found.
  explicit PhoneFinder(const std::vector<std::string>& regions);

  // Parses `candidate` in each region in turn; the first region where the
  // number is valid wins, else the first where it is possible. The fast
  // metadata index answers almost always; libphonenumber's parser is asked
  // only when the index is unsure. The index is built on first use.
  std::optional<PhoneMatch> Confirm(std::string_view candidate) const;

  const std::vector<std::string>& regions() const { return regions_; }

  // True for a region libphonenumber knows ("UK" counts as "GB").
  static bool IsKnownRegion(const std::string& region);

 private:
  const PhoneMetadataIndex* Index() const;
  std::optional<PhoneMatch> ConfirmSlow(const std::string& text, const std::string& region) const;

  std::vector<std::string> regions_;
  mutable std::once_flag index_once_;
  mutable std::unique_ptr<const PhoneMetadataIndex> index_;  // set once
};

}  // namespace piiscan::recognize
