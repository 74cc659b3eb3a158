#include "recognize/boundary.h"

#include <cstring>

namespace piiscan::recognize {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
// Letters, digits and '_' continue a token; so does any non-ASCII byte,
// which keeps "Müller4111..." from yielding a match inside a word.
bool IsWordByte(char c) { return IsAlnum(c) || c == '_' || (c & 0x80) != 0; }
bool IsNumberJoiner(char c) { return c == '.' || c == '-' || c == '/' || c == ':'; }
// Joins word-like tokens into one: "HV-7730", "CLM/2024", "v1.2".
bool IsTokenJoiner(char c) { return c == '-' || c == '.' || c == '/'; }
bool IsEmailLocal(char c) { return IsAlnum(c) || std::strchr("._%+-", c) != nullptr; }
bool IsUrlTrailing(char c) { return std::strchr(".,;:!?)]}'\"", c) != nullptr; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A digit run continues through "1.5", "12-34", "1/2" and "12:30". Not
// through ",": CSV fields are far more common than "1,000" in scanned data.
bool DigitsRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (IsWordByte(next)) return false;
  if (IsNumberJoiner(next) && end + 1 < t.size() && IsDigit(t[end + 1])) return false;
  return true;
}

bool DigitsLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  if (IsWordByte(prev)) return false;
  if (IsNumberJoiner(prev) && start >= 2 && IsDigit(t[start - 2])) return false;
  return true;
}

bool WordRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (IsWordByte(next)) return false;
  // "AKIA...EXAMPLE.x" continues the token; "AKIA...EXAMPLE." ends a sentence.
  if (IsTokenJoiner(next) && end + 1 < t.size() && IsAlnum(t[end + 1])) return false;
  return true;
}

bool WordLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  if (IsWordByte(prev)) return false;
  if (IsTokenJoiner(prev) && start >= 2 && IsAlnum(t[start - 2])) return false;
  return true;
}

bool EmailRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (IsWordByte(next) || next == '-') return false;
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
  if (IsEmailLocal(prev) || (prev & 0x80) != 0) return false;
  if (prev == ':' || prev == '/') return !InsideUrlAuthority(t, start);
  return true;
}

// A URL ends where the text goes on with whitespace, markup or the end,
// possibly after trailing punctuation that belongs to the sentence.
bool UrlRight(std::string_view t, size_t end) {
  size_t i = end;
  while (i < t.size() && IsUrlTrailing(t[i]) && i - end < 8) ++i;
  if (i >= t.size()) return true;
  const char c = t[i];
  return IsSpace(c) || c == '<' || c == '>' || c == '"' || c == '`' || c == '\'';
}

bool UrlLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  // A domain right after "@" is an email's; after "." or "/" it is a part.
  return !(IsWordByte(prev) || prev == '@' || prev == '.' || prev == '/' || prev == '-' ||
           prev == ':');
}

bool HexColonRight(std::string_view t, size_t end) {
  if (end >= t.size()) return true;
  const char next = t[end];
  if (IsWordByte(next) || next == ':') return false;
  if (next == '.' && end + 1 < t.size() && IsAlnum(t[end + 1])) return false;
  return true;
}

bool HexColonLeft(std::string_view t, size_t start) {
  if (start == 0) return true;
  const char prev = t[start - 1];
  if (IsWordByte(prev) || prev == ':') return false;
  if (prev == '.' && start >= 2 && IsHex(t[start - 2])) return false;
  return true;
}

}  // namespace

bool RightBoundaryOk(Boundary boundary, std::string_view text, size_t end) {
  switch (boundary) {
    case Boundary::kNone: return true;
    case Boundary::kWord: return WordRight(text, end);
    case Boundary::kDigits: return DigitsRight(text, end);
    case Boundary::kEmail: return EmailRight(text, end);
    case Boundary::kUrl: return UrlRight(text, end);
    case Boundary::kHexColon: return HexColonRight(text, end);
  }
  return true;
}

bool LeftBoundaryOk(Boundary boundary, std::string_view text, size_t start) {
  switch (boundary) {
    case Boundary::kNone: return true;
    case Boundary::kWord: return WordLeft(text, start);
    case Boundary::kDigits: return DigitsLeft(text, start);
    case Boundary::kEmail: return EmailLeft(text, start);
    case Boundary::kUrl: return UrlLeft(text, start);
    case Boundary::kHexColon: return HexColonLeft(text, start);
  }
  return true;
}

}  // namespace piiscan::recognize

namespace piiscan::recognize {

bool IsWordByteAt(std::string_view text, size_t pos) {
  return pos < text.size() && IsWordByte(text[pos]);
}

}  // namespace piiscan::recognize
