#pragma once

// A fast stand-in for libphonenumber's Parse() + IsValidNumber().
//
// libphonenumber checks a number with ICU regular expressions, at 20-50 µs a
// number. PhoneMetadataIndex reads libphonenumber's own compiled-in metadata
// once, compiles every pattern with RE2, and replays the steps Parse() takes
// (international prefix, country calling code, national prefix and its
// transform rule, region chosen by leading digits) on a plain digit string.
//
// It answers only when it is sure to answer as libphonenumber would:
//
//   auto index = PhoneMetadataIndex::Create();
//   FastPhoneResult r = index->Check("(415) 555-2671 x12", "US");
//   if (r.verdict == PhoneVerdict::kUnsure) { ... ask libphonenumber ... }
//
// Accepted text: ASCII digits; the separators " - . ( ) /"; one leading "+";
// an extension at the end ("x", "ext", "ext.", "extn", "extension" or "#",
// any case, then 1-6 digits); text before the first digit or "+" and
// separators after the last digit are ignored, as libphonenumber ignores
// them. Anything else (other letters or symbols, non-ASCII, "++", a
// trailing "#", "/x", 1-2 digits, more than 24 digits or 64 bytes) is
// kUnsure.
//
// Thread safety: the index is immutable after Create(); Check() may be
// called from any number of threads at once. It allocates no memory beyond
// what RE2 caches internally.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace piiscan::recognize {

enum class PhoneVerdict {
  kValid,     // IsValidNumber() would say true
  kPossible,  // not valid, but IsPossibleNumber() would say true
  kInvalid,   // Parse() would fail, or the number is neither valid nor possible
  kUnsure,    // not decided here: ask libphonenumber
};

// The number as Parse() would have built it. When Parse() would fail (and
// always with kUnsure) `region` is empty and the numbers are 0.
struct FastPhoneResult {
  PhoneVerdict verdict = PhoneVerdict::kUnsure;
  // GetRegionCodeForNumber(): "US"; "001" for a non-geographic calling code;
  // "ZZ" when no region of a shared calling code claims the number.
  std::string region;
  int country_code = 0;
  uint64_t national_number = 0;
  // Zeros that lead the national significant number (Italian-style numbers
  // such as +39 06 ...); national_number cannot hold them.
  int leading_zeros = 0;
};

// "+390612345678"; empty when `result` holds no parsed number.
std::string FormatE164(const FastPhoneResult& result);

class PhoneMetadataIndex {
 public:
  // Loads the metadata of every region libphonenumber knows (about 250, so
  // any "+CC" number can be checked) and compiles the patterns that parsing
  // needs: about 20 ms. The patterns of each region's number types are most
  // of the rest; they are compiled when a number of that region is first
  // checked. Returns null if the metadata cannot be read.
  static std::unique_ptr<const PhoneMetadataIndex> Create();

  ~PhoneMetadataIndex();
  PhoneMetadataIndex(const PhoneMetadataIndex&) = delete;
  PhoneMetadataIndex& operator=(const PhoneMetadataIndex&) = delete;

  // What libphonenumber would say of Parse(candidate, default_region)
  // followed by IsValidNumber() and IsPossibleNumber(), or kUnsure.
  // `default_region` is an upper-case ISO 3166 code ("GB", not "UK"); an
  // unknown one (such as "ZZ") accepts only numbers written with "+", as
  // libphonenumber does. Other spellings ("gb", "001", "") give kUnsure.
  // A few regex matches on a string of at most 24 digits: about 1 µs.
  FastPhoneResult Check(std::string_view candidate, std::string_view default_region) const;

  // Metadata patterns RE2 rejected, as "REGION field: error". Numbers that
  // need one of those regions are always kUnsure. Empty with the metadata
  // of libphonenumber 8.12.57. Compiles every region's type patterns first.
  std::vector<std::string> rejected_patterns() const;

 private:
  struct Tables;
  explicit PhoneMetadataIndex(std::unique_ptr<const Tables> tables);

  std::unique_ptr<const Tables> tables_;
};

}  // namespace piiscan::recognize
