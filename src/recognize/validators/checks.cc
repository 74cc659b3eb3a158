#include "recognize/validators/checks.h"

#include <zlib.h>

#include <cstdint>

#include "recognize/validators/util.h"

namespace piiscan::validators {

std::optional<std::string> Compact(std::string_view text, std::string_view separators) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (separators.find(c) != std::string_view::npos) {
      if (i == 0 || i + 1 == text.size()) return std::nullopt;
      continue;
    }
    if (!IsAlnum(c)) return std::nullopt;
    out.push_back(ToUpper(c));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = DigitValue(*it);
    if (doubled) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool VerhoeffValid(std::string_view digits) {
  static constexpr int kMultiply[10][10] = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
      {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
      {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
      {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
      {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
  static constexpr int kPermute[8][10] = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
      {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
      {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
      {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
  int check = 0;
  size_t i = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++i) {
    check = kMultiply[check][kPermute[i % 8][DigitValue(*it)]];
  }
  return check == 0;
}

bool Mod11_10Valid(std::string_view digits) {
  int product = 10;
  for (size_t i = 0; i + 1 < digits.size(); ++i) {
    int sum = (DigitValue(digits[i]) + product) % 10;
    if (sum == 0) sum = 10;
    product = (2 * sum) % 11;
  }
  int check = (11 - product) % 10;
  return !digits.empty() && check == DigitValue(digits.back());
}

int WeightedSum(std::string_view digits, std::initializer_list<int> weights) {
  int sum = 0;
  size_t i = 0;
  for (int w : weights) {
    if (i >= digits.size()) break;
    sum += DigitValue(digits[i++]) * w;
  }
  return sum;
}

bool IsDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

int TwoDigits(std::string_view text, size_t pos) {
  return DigitValue(text[pos]) * 10 + DigitValue(text[pos + 1]);
}

int IcaoCheckDigit(std::string_view text) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    int value = 0;
    if (IsDigit(c)) {
      value = DigitValue(c);
    } else if (IsUpper(c)) {
      value = c - 'A' + 10;
    } else if (c != '<') {
      return -1;
    }
    sum += value * kWeights[i % 3];
  }
  return sum % 10;
}

bool Crc32Base62Matches(std::string_view data, std::string_view checksum) {
  constexpr std::string_view kBase62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  uint32_t value = static_cast<uint32_t>(crc);
  std::string digits(checksum.size(), '0');
  for (auto it = digits.rbegin(); it != digits.rend() && value > 0; ++it) {
    *it = kBase62[value % 62];
    value /= 62;
  }
  return digits == checksum;
}

}  // namespace piiscan::validators
