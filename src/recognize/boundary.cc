#include "recognize/boundary.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstring>

namespace piiscan::recognize {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAsciiWord(char c) { return IsAlnum(c) || c == '_'; }

// Letters and digits of scripts written with spaces between words continue
// a token ("Müller4111..." holds no card). Han, kana, Hangul and Thai are
// written without spaces, so a value may stand right next to them
// ("卡号4111111111111111"); symbols, punctuation, emoji and the byte order
// mark never continue a token.
bool IsWordCodePoint(UChar32 c) {
  if (c < 0 || !u_isalnum(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_THAI:
      return false;
    default:
      return true;
  }
}

// Does the character that ends right before `pos` continue a word?
bool WordBefore(std::string_view t, size_t pos) {
  if (pos == 0) return false;
  const char c = t[pos - 1];
  if ((c & 0x80) == 0) return IsAsciiWord(c);
  int32_t i = static_cast<int32_t>(pos);
  UChar32 cp;
  U8_PREV(reinterpret_cast<const uint8_t*>(t.data()), 0, i, cp);
  return IsWordCodePoint(cp);
}

// Does the character that starts at `pos` continue a word?
bool WordAt(std::string_view t, size_t pos) {
  if (pos >= t.size()) return false;
  const char c = t[pos];
  if ((c & 0x80) == 0) return IsAsciiWord(c);
  int32_t i = static_cast<int32_t>(pos);
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(t.data()), i, static_cast<int32_t>(t.size()), cp);
  return IsWordCodePoint(cp);
}
bool IsNumberJoiner(char c) { return c == '.' || c == '-' || c == '/' || c == ':'; }
// Joins word-like tokens into one: "HV-7730", "CLM/2024", "v1.2".
bool IsTokenJoiner(char c) { return c == '-' || c == '.' || c == '/'; }
// (std::strchr would also find the terminating NUL: a NUL byte is neither.)
bool IsEmailLocal(char c) {
  return IsAlnum(c) || std::string_view("._%+-").find(c) != std::string_view::npos;
}
bool IsUrlTrailing(char c) {
  return std::string_view(".,;:!?)]}'\"").find(c) != std::string_view::npos;
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A digit run continues through "1.5", "12-34", "1/2" and "12:30". Not
// through ",": CSV fields are far more common than "1,000" in scanned data.
bool DigitsRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (WordAt(t, end)) return false;
  if (IsNumberJoiner(next) && end + 1 < t.size() && IsDigit(t[end + 1])) return false;
  return true;
}

bool DigitsLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  if (WordBefore(t, start)) return false;
  if (IsNumberJoiner(prev) && start >= 2 && IsDigit(t[start - 2])) return false;
  return true;
}

// A dotted number ("10.0.0.1") followed by ".tar" or ".zip" is part of a
// file name or version, not an address.
// An address may carry a port or a prefix length ("10.0.0.1:8080",
// "10.0.0.0/24"); another dotted group makes it a version string.
bool DottedRight(std::string_view t, size_t end) {
  if (end + 1 < t.size() && (t[end] == ':' || t[end] == '/') && IsDigit(t[end + 1])) return true;
  if (!DigitsRight(t, end)) return false;
  return !(end + 1 < t.size() && t[end] == '.' && IsAlnum(t[end + 1]));
}

bool WordRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (WordAt(t, end)) return false;
  // "AKIA...EXAMPLE.x" continues the token; "AKIA...EXAMPLE." ends a sentence.
  if (IsTokenJoiner(next) && end + 1 < t.size() && IsAlnum(t[end + 1])) return false;
  return true;
}

bool WordLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  if (WordBefore(t, start)) return false;
  if (IsTokenJoiner(prev) && start >= 2 && IsAlnum(t[start - 2])) return false;
  return true;
}

bool EmailRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (WordAt(t, end) || next == '-') return false;
  // "x@example.co" followed by ".uk": the match is a prefix of the domain.
  if (next == '.' && end + 1 < t.size() && IsAlnum(t[end + 1])) return false;
  return true;
}

// True if the token holding `pos` contains "://" before it: URL userinfo.
bool InsideUrlAuthority(std::string_view t, size_t pos) {
  size_t i = pos;
  while (i > 0 && !IsSpace(t[i - 1]) && pos - i < 2048) --i;
  return t.substr(i, pos - i).find("://") != std::string_view::npos;
}

bool EmailLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  if (IsEmailLocal(prev) || WordBefore(t, start)) return false;
  if (prev == ':' || prev == '/') return !InsideUrlAuthority(t, start);
  return true;
}

// A URL may end before whitespace, markup, the end of the text or
// punctuation; where it could go on, the longer match is kept (a finding
// inside another of its type is dropped), so "a.com/x,y z" ends after "y".
bool UrlRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char c = t[end];
  if (c == '.' && end + 1 < t.size() && IsAlnum(t[end + 1])) return false;  // more host
  return IsSpace(c) || IsUrlTrailing(c) || c == '<' || c == '>' || c == '"' || c == '`' ||
         (c & 0x80) != 0;
}

bool UrlLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  // A domain right after "@" is an email's; after "." or "/" it is a part.
  return !(WordBefore(t, start) || prev == '@' || prev == '.' || prev == '/' || prev == '-');
}

// Hex groups joined by ':', '-' or '.' ("12-12-12-12-12-12-12") run on:
// a match inside such a run is no address.
bool HexColonRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (WordAt(t, end) || next == ':') return false;
  if ((next == '.' || next == '-') && end + 1 < t.size() && IsAlnum(t[end + 1])) return false;
  return true;
}

bool HexColonLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  if (WordBefore(t, start) || prev == ':') return false;
  if ((prev == '.' || prev == '-') && start >= 2 && IsHex(t[start - 2])) return false;
  return true;
}

}  // namespace

bool RightBoundaryOk(Boundary boundary, std::string_view text, size_t end) {
  switch (boundary) {
    case Boundary::kNone:
      return true;
    case Boundary::kWord:
      return WordRight(text, end);
    case Boundary::kDigits:
      return DigitsRight(text, end);
    case Boundary::kDotted:
      return DottedRight(text, end);
    case Boundary::kEmail:
      return EmailRight(text, end);
    case Boundary::kUrl:
      return UrlRight(text, end);
    case Boundary::kHexColon:
      return HexColonRight(text, end);
  }
  return true;
}

bool LeftBoundaryOk(Boundary boundary, std::string_view text, size_t start) {
  switch (boundary) {
    case Boundary::kNone:
      return true;
    case Boundary::kWord:
      return WordLeft(text, start);
    case Boundary::kDigits:
    case Boundary::kDotted:
      return DigitsLeft(text, start);
    case Boundary::kEmail:
      return EmailLeft(text, start);
    case Boundary::kUrl:
      return UrlLeft(text, start);
    case Boundary::kHexColon:
      return HexColonLeft(text, start);
  }
  return true;
}

}  // namespace piiscan::recognize

namespace piiscan::recognize {

bool IsWordByteAt(std::string_view text, size_t pos) { return WordAt(text, pos); }

}  // namespace piiscan::recognize
