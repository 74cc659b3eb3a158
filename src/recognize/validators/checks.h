#pragma once

// Check-digit schemes and small helpers shared by the national-identifier
// validators. Pure functions over ASCII; no allocation beyond the returned
// strings.

#include <optional>
#include <string>
#include <string_view>

namespace piiscan::validators {

// `text` without the characters in `separators`, letters upper-cased.
// nullopt when the result is empty or holds anything but ASCII letters and
// digits, or when a separator leads or trails.
std::optional<std::string> Compact(std::string_view text, std::string_view separators);

// Luhn (mod 10, doubling every second digit from the right). REQUIRES:
// AllDigits(digits).
bool LuhnValid(std::string_view digits);

// Verhoeff dihedral checksum over all digits, check digit last.
// REQUIRES: AllDigits(digits).
bool VerhoeffValid(std::string_view digits);

// ISO 7064 MOD 11,10 (German tax id, Croatian OIB): check digit last.
// REQUIRES: AllDigits(digits).
bool Mod11_10Valid(std::string_view digits);

// Sum of digit[i] * weights[i] for i < min(size, weights).
// REQUIRES: the first weights.size() characters are digits.
int WeightedSum(std::string_view digits, std::initializer_list<int> weights);

// A real Gregorian date (year 1-9999).
bool IsDate(int year, int month, int day);

// Two-digit decimal at `pos`. REQUIRES: digits there.
int TwoDigits(std::string_view text, size_t pos);

// ICAO 9303 check digit (weights 7, 3, 1; '<' and letters A=10..Z=35);
// -1 when a character is outside 0-9, A-Z, '<'.
int IcaoCheckDigit(std::string_view text);

// True when `checksum` is the CRC32 of `data`, written in base62 (0-9A-Za-z,
// most significant first, left-padded with '0') to checksum.size() digits:
// the scheme of GitHub and npm tokens.
bool Crc32Base62Matches(std::string_view data, std::string_view checksum);

}  // namespace piiscan::validators
